"""Time the architecture builder's core steps: counting without Keras, building, loading a file.

Run from the repository root:

    python benchmarks/architecture_timing.py [--repeats 5]

Prints the median and the minimum wall time of each step, in
milliseconds, and the peak Python heap allocation of counting (tracemalloc,
which does not see TensorFlow's C++ allocations). Figures depend on the
machine and its load; they are not asserted anywhere.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from core.architectures import (  # noqa: E402
    V1_ALPHAS,
    V1_RESOLUTIONS,
    architecture_cost,
    build_keras_model,
    count_keras_file,
    custom_network,
    depthwise_stack_rows,
    keras_script,
    mobilenet_v1,
    mobilenet_v2,
    separable_savings,
    standard_twin,
    tradeoff_table,
)
from core.model_cost import model_cost  # noqa: E402
from core.tf_runtime import load_tensorflow  # noqa: E402


def time_call(function, repeats: int) -> tuple[float, float]:
    """Return (median, minimum) wall time of ``function()`` over ``repeats`` calls, in ms."""
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), min(samples)


def peak_kib(function) -> float:
    tracemalloc.start()
    function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="calls per step (default 5)")
    arguments = parser.parse_args()
    repeats = arguments.repeats

    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs, repeats={repeats}")
    v1, v2 = mobilenet_v1(), mobilenet_v2()
    steps = {
        "architecture_cost(MobileNetV1 1.0-224)": lambda: architecture_cost(v1),
        "architecture_cost(MobileNetV2 1.0-224)": lambda: architecture_cost(v2),
        "architecture_cost(standard_twin(V1))": lambda: architecture_cost(standard_twin(v1)),
        "tradeoff_table(V1, 4 alphas x 4 resolutions)": lambda: tradeoff_table("MobileNetV1", V1_ALPHAS, V1_RESOLUTIONS),
        "custom_network(5 rows) + cost": lambda: architecture_cost(
            custom_network(depthwise_stack_rows()).architecture
        ),
        "keras_script(MobileNetV2)": lambda: keras_script(v2),
    }
    for label, function in steps.items():
        median, minimum = time_call(function, repeats)
        print(f"{label:48s} median {median:9.1f} ms  min {minimum:9.1f} ms  peak heap {peak_kib(function):8.0f} KiB")

    start = time.perf_counter()
    _, keras = load_tensorflow()
    print(f"{'load_tensorflow() (first import)':48s} {1000 * (time.perf_counter() - start):9.1f} ms")

    keras_steps = {
        "build_keras_model(MobileNetV1 1.0-224)": lambda: build_keras_model(v1),
        "build_keras_model(MobileNetV2 1.0-224)": lambda: build_keras_model(v2),
        "keras.applications.MobileNetV2(weights=None)": lambda: keras.applications.MobileNetV2(weights=None),
    }
    for label, function in keras_steps.items():
        median, minimum = time_call(function, repeats)
        print(f"{label:48s} median {median:9.1f} ms  min {minimum:9.1f} ms")

    model = keras.applications.MobileNetV2(weights=None)
    print(f"{'model_cost(MobileNetV2)':48s} median {time_call(lambda: model_cost(model), repeats)[0]:9.1f} ms")
    print(f"{'separable_savings(MobileNetV2)':48s} median {time_call(lambda: separable_savings(model), repeats)[0]:9.1f} ms")
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "mobilenet_v2.keras"
        model.save(path)
        size = path.stat().st_size
        median, minimum = time_call(lambda: count_keras_file(path), repeats)
        print(f"{f'count_keras_file(MobileNetV2, {size / 2**20:.1f} MiB)':48s} median {median:9.1f} ms  min {minimum:9.1f} ms")


if __name__ == "__main__":
    main()
