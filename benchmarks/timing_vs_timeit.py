"""Check the engine's median against an independent ``timeit`` of the same ``tf.function``.

For Conv2D(64, 3), DepthwiseConv2D(3) and SeparableConv2D(64, 3) on a
1×224×224×32 float32 input (padding 'same', tf.function mode), prints:

* the engine's first call (``time_calls``), the naive figure a tutorial
  gets from one ``time.perf_counter()`` around a new layer's first call;
* the engine's median over ``--repeats`` calls after ``--warmup`` calls;
* the median per-call time of ``timeit.repeat`` on the same ``tf.function``
  and input, in the same process, and the ratio engine / timeit.

The two measurements alternate for ``--rounds`` rounds and each column is
the median over rounds, so a burst of load from other programs hits both.

Run from the repository root::

    python benchmarks/timing_vs_timeit.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from core.bench.config import BenchConfig, validate_config  # noqa: E402
from core.bench.machine import describe_machine, machine_peak  # noqa: E402
from core.bench.runner import utc_now  # noqa: E402
from core.bench.timing import build_forward, time_calls  # noqa: E402

LAYERS = ("Conv2D", "DepthwiseConv2D", "SeparableConv2D")


def main() -> None:
    """Measure each layer both ways and print one line per layer."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=50, help="Engine timed calls per round. Default: %(default)s.")
    parser.add_argument("--warmup", type=int, default=5, help="Engine warm-up calls. Default: %(default)s.")
    parser.add_argument("--number", type=int, default=10, help="Calls per timeit sample. Default: %(default)s.")
    parser.add_argument("--samples", type=int, default=7, help="timeit samples per round. Default: %(default)s.")
    parser.add_argument("--rounds", type=int, default=3, help="Alternating rounds. Default: %(default)s.")
    arguments = parser.parse_args()

    config = validate_config(
        BenchConfig(
            layers=LAYERS,
            input_shape=(224, 224, 32),
            batch_size=1,
            kernel_size=3,
            filters=64,
            padding="same",
            mode="function",
            repeats=arguments.repeats,
            warmup=arguments.warmup,
            time_budget_s=60.0,
            max_wall_s=600.0,
        )
    )
    machine = describe_machine()
    peak = machine_peak()
    print(f"Measured at {utc_now()} on {machine['host']} ({machine['cpu_model']}, {machine['logical_cores']} cores)")
    print(f"TensorFlow {machine['tensorflow']}, Keras {machine['keras']}, threads intra/inter "
          f"{machine['intra_op_threads']}/{machine['inter_op_threads']} (0 = default)")
    print(f"Peak {peak.peak_gflops:.1f} GFLOP/s, bandwidth {peak.bandwidth_gbytes_per_s:.1f} GB/s")
    print(f"Input 1x224x224x32 float32, padding='same', tf.function; {arguments.rounds} rounds\n")
    print(f"{'layer':<17}{'first call ms':>14}{'engine median ms':>18}{'timeit ms':>11}{'engine/timeit':>15}")

    for kind in LAYERS:
        forward, inputs = build_forward(kind, config)
        first = time_calls(kind, forward, inputs, config)
        engine_medians = [first.stats.median_s]
        timeit_medians = []
        for round_index in range(arguments.rounds):
            samples = timeit.repeat(lambda: forward(inputs), number=arguments.number, repeat=arguments.samples)
            timeit_medians.append(statistics.median(samples) / arguments.number)
            if round_index + 1 < arguments.rounds:
                engine_medians.append(time_calls(kind, forward, inputs, config).stats.median_s)
        engine = statistics.median(engine_medians)
        independent = statistics.median(timeit_medians)
        print(
            f"{kind:<17}{first.first_call_s * 1e3:>14.1f}{engine * 1e3:>18.2f}"
            f"{independent * 1e3:>11.2f}{engine / independent:>15.3f}"
        )


if __name__ == "__main__":
    main()
