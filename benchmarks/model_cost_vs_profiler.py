"""Time ``model_cost`` on MobileNetV2 against counting the same model with TensorFlow's profiler.

Both counts start from the same built Keras model, in the same process:

* ``model_cost(model)``: the per-layer arithmetic of ``core.model_cost``.
* the profiler path: trace the model in a ``tf.function``, freeze its
  variables into constants, and run ``tf.compat.v1.profiler`` with the
  float-operation options. This is the usual way to get a FLOP count from
  TensorFlow, so the whole path is timed. The profile step alone is also
  reported.

Each is run ``--warmup`` times untimed, then ``--runs`` times, and the
median is printed. Run from the repository root:

    python benchmarks/model_cost_vs_profiler.py --runs 7

The two totals differ on purpose: the profiler also counts the element-wise
ops of batch normalization (Mul, AddV2, Rsqrt, Sub), the residual Add
layers, global average pooling (Mean) and the softmax, which the counting
convention of ``core.cost`` leaves out. The script prints both totals.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from core.model_cost import model_cost  # noqa: E402
from core.tf_runtime import load_tensorflow  # noqa: E402


def profiler_flops(model, tf, *, profile_seconds: list[float] | None = None) -> int:
    """Count the float operations of one forward pass of ``model`` (batch of 1) with TensorFlow's profiler."""
    from tensorflow.python.framework.convert_to_constants import convert_variables_to_constants_v2

    input_shape = (1, *model.input_shape[1:])
    function = tf.function(lambda inputs: model(inputs, training=False))
    concrete = function.get_concrete_function(tf.TensorSpec(input_shape, tf.float32))
    frozen = convert_variables_to_constants_v2(concrete)
    options = tf.compat.v1.profiler.ProfileOptionBuilder.float_operation()
    options["output"] = "none"
    started = time.perf_counter()
    profile = tf.compat.v1.profiler.profile(frozen.graph, options=options)
    if profile_seconds is not None:
        profile_seconds.append(time.perf_counter() - started)
    return profile.total_float_ops


def median_seconds(function, runs: int, warmup: int) -> tuple[float, list[float]]:
    """Run ``function`` ``warmup`` times untimed, then ``runs`` times; return the median and all timings."""
    for _ in range(warmup):
        function()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), timings


def describe_machine() -> str:
    try:
        import cpuinfo

        cpu = cpuinfo.get_cpu_info().get("brand_raw", platform.processor())
    except Exception:  # py-cpuinfo is optional here; the platform name will do.
        cpu = platform.processor() or platform.machine()
    return f"{cpu}, {os.cpu_count()} logical CPUs, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each method (default: 7)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs before timing (default: 1)")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        parser.error(f"--runs must be >= 1 and --warmup >= 0. Received --runs {args.runs} --warmup {args.warmup}.")

    tf, keras = load_tensorflow()
    model = keras.applications.MobileNetV2(weights=None)

    frame = model_cost(model)
    profile_seconds: list[float] = []
    profiled_total = profiler_flops(model, tf)

    cost_median, _ = median_seconds(lambda: model_cost(model), args.runs, args.warmup)
    profiler_median, _ = median_seconds(
        lambda: profiler_flops(model, tf, profile_seconds=profile_seconds), args.runs, args.warmup
    )
    profile_only_median = statistics.median(profile_seconds[args.warmup :])

    print(f"machine: {describe_machine()}")
    print(f"tensorflow {tf.__version__}, keras {keras.__version__}")
    print(f"model: MobileNetV2(weights=None), {len(model.layers)} layers, {model.count_params():,} params")
    print(f"runs: {args.runs} timed after {args.warmup} warm-up, median shown")
    print(f"model_cost FLOPs total:  {int(frame['flops'].sum()):,}")
    print(f"profiler FLOPs total:    {profiled_total:,} (adds batch norm, Add, Mean and Softmax ops)")
    print(f"model_cost:              {cost_median * 1000:10.1f} ms")
    print(f"profiler (trace+freeze+profile): {profiler_median * 1000:10.1f} ms")
    print(f"profiler (profile step only):    {profile_only_median * 1000:10.1f} ms")
    print(f"ratio profiler / model_cost:     {profiler_median / cost_median:10.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
