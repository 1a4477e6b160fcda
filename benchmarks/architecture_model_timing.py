"""Time a MobileNet forward pass against its standard twin, or check the memory estimate of that timing.

Run from the repository root:

    python benchmarks/architecture_model_timing.py [--alpha 1.0] [--resolution 224] [--batch-size 1] [--repeats 20]
    python benchmarks/architecture_model_timing.py --memory [--batch-size 1 8 32]

The first form builds MobileNetV1 and its standard twin and times both with
``core.architectures.timing.time_architecture`` (tf.function, the same
process-wide lock as the benchmark page). It prints the median, the
p10-p90 range, the first call and the achieved GFLOP/s of each network.

``--memory`` times each network at each batch size in a fresh interpreter
and prints the growth of peak RSS (``ru_maxrss``) over the RSS after
building the model, next to ``estimate_memory_bytes`` minus the weights
(which the build has already allocated). Figures depend on the machine and
its load; they are not asserted anywhere.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from core.architectures import architecture_cost, build_keras_model, mobilenet_v1, standard_twin  # noqa: E402
from core.architectures.timing import (  # noqa: E402
    ModelTimingSettings,
    compare_with_twin,
    estimate_memory_bytes,
    time_architecture,
)

# Runs in a fresh interpreter, so ru_maxrss covers only this network's build and timing.
_MEMORY_CHILD = """
import resource, sys
sys.path.insert(0, {root!r})
from core.architectures import build_keras_model, mobilenet_v1, standard_twin
from core.architectures.timing import ModelTimingSettings, time_architecture
from core.bench.machine import machine_peak

architecture = mobilenet_v1(alpha={alpha}, resolution={resolution})
if {twin}:
    architecture = standard_twin(architecture)
model = build_keras_model(architecture)
# Measure the machine's peaks first: they allocate about 180 MB once per process.
machine_peak()


def rss_kib():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


before = rss_kib()
settings = ModelTimingSettings(batch_size={batch}, repeats=3, warmup=1, include_twin=False)
time_architecture(architecture, model, settings)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
"""


def time_pair(alpha: float, resolution: int, batch_size: int, repeats: int) -> None:
    architecture = mobilenet_v1(alpha=alpha, resolution=resolution)
    model = build_keras_model(architecture)
    twin_model = build_keras_model(standard_twin(architecture))
    settings = ModelTimingSettings(batch_size=batch_size, repeats=repeats)
    result = time_architecture(architecture, model, settings, twin_model=twin_model)
    machine = result.machine
    print(
        f"measured {result.measured_at} on {machine['cpu_model']}, {machine['logical_cores']} logical cores, "
        f"TensorFlow {machine['tensorflow']}; peak {result.peak_gflops:.1f} GFLOP/s"
    )
    for timing in result.networks:
        stats = timing.stats
        print(
            f"{timing.name:36s} batch {timing.batch_size:3d}  median {stats.median_s * 1e3:8.2f} ms  "
            f"p10-p90 {stats.p10_s * 1e3:8.2f}-{stats.p90_s * 1e3:8.2f} ms  first call "
            f"{timing.first_call_s * 1e3:8.1f} ms  runs {stats.runs:3d}  {timing.gflops_per_s:6.1f} GFLOP/s"
        )
    key, params = compare_with_twin(result)
    print(key, params)


def check_memory(alpha: float, resolution: int, batch_sizes: list[int]) -> None:
    for twin in (False, True):
        architecture = mobilenet_v1(alpha=alpha, resolution=resolution)
        if twin:
            architecture = standard_twin(architecture)
        frame = architecture_cost(architecture)
        weights = int(frame["params"].sum()) * 4
        for batch in batch_sizes:
            code = _MEMORY_CHILD.format(root=str(ROOT), alpha=alpha, resolution=resolution, twin=twin, batch=batch)
            output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
            growth_mib = int(output.stdout.strip().splitlines()[-1]) / 1024
            estimate_mib = (estimate_memory_bytes(frame, batch) - weights) / 1024**2
            print(
                f"{architecture.name:36s} batch {batch:3d}  peak RSS growth {growth_mib:8.1f} MiB  "
                f"estimate without weights {estimate_mib:8.1f} MiB  ({100 * growth_mib / estimate_mib:5.1f}%)"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alpha", type=float, default=1.0, help="MobileNetV1 width multiplier (default 1.0)")
    parser.add_argument("--resolution", type=int, default=224, help="input height and width in pixels (default 224)")
    parser.add_argument("--batch-size", type=int, nargs="+", default=None, help="batch sizes (default 1; --memory: 1 8 32)")
    parser.add_argument("--repeats", type=int, default=20, help="timed calls per network (default 20)")
    parser.add_argument("--memory", action="store_true", help="compare peak RSS growth with the memory estimate")
    arguments = parser.parse_args()

    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} logical cores")
    if arguments.memory:
        check_memory(arguments.alpha, arguments.resolution, arguments.batch_size or [1, 8, 32])
        return
    for batch in arguments.batch_size or [1]:
        time_pair(arguments.alpha, arguments.resolution, batch, arguments.repeats)


if __name__ == "__main__":
    main()
