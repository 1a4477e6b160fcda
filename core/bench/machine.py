"""Describe the machine that runs the benchmark and measure its two roofline ceilings.

The description (TensorFlow version, device, thread counts, CPU model) and
the peaks are measured once per process and cached, because they belong to
the machine, not to one run. ``remeasure_peak`` measures the peaks again on
request. Layer timings are never cached.

Peaks:

* **FLOP/s**: the fastest of several float32 matmuls of two 2048×2048
  matrices in one ``tf.function`` (2 × 2048³ FLOPs each).
* **Bandwidth**: the fastest of several passes of ``x * s`` over a 64 MiB
  float32 tensor, with ``s`` a runtime scalar so no optimiser can skip the
  pass. Each pass reads 64 MiB and writes 64 MiB.

Both are the best of the repeats, so they are ceilings this process reached
once, not sustained averages. On a machine shared with other work they come
out low.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import os
import platform
import threading
import time
from functools import lru_cache

from core.tf_runtime import load_tensorflow

logger = logging.getLogger(__name__)

_MATMUL_SIZE = 2048
_COPY_ELEMENTS = 16 * 1024**2  # 64 MiB of float32
_PEAK_REPEATS = 5
_peak_lock = threading.Lock()
_peak: "MachinePeak | None" = None


@lru_cache(maxsize=1)
def cpu_model() -> str:
    """Return the CPU's brand string from py-cpuinfo, or ``platform.processor()`` without it."""
    try:
        import cpuinfo

        brand = cpuinfo.get_cpu_info().get("brand_raw")
    except Exception as exc:  # noqa: BLE001 - py-cpuinfo probes the OS and can fail in many ways
        logger.warning("py-cpuinfo could not read the CPU model: %s", exc)
        brand = None
    return brand or platform.processor() or "unknown CPU"


def describe_machine() -> dict[str, object]:
    """Return what timings depend on: software versions, device, threads, CPU and host.

    ``intra_op_threads`` and ``inter_op_threads`` are TensorFlow's settings,
    where 0 means TensorFlow's default (one thread per logical core).
    """
    tf, keras = load_tensorflow()
    gpus = tf.config.list_logical_devices("GPU")
    return {
        "host": platform.node() or "unknown host",
        "cpu_model": cpu_model(),
        "logical_cores": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
        "device": gpus[0].name if gpus else "/device:CPU:0",
        "intra_op_threads": tf.config.threading.get_intra_op_parallelism_threads(),
        "inter_op_threads": tf.config.threading.get_inter_op_parallelism_threads(),
    }


@dataclasses.dataclass(frozen=True)
class MachinePeak:
    """The two roofline ceilings of this process, and when they were measured."""

    peak_gflops: float
    bandwidth_gbytes_per_s: float
    measured_at: str

    @property
    def ridge_intensity(self) -> float:
        """Arithmetic intensity (FLOPs/byte) where the two ceilings meet."""
        return self.peak_gflops / self.bandwidth_gbytes_per_s

    def attainable_gflops(self, intensity: float) -> float:
        """Return the roofline at ``intensity`` FLOPs/byte: min(peak, intensity × bandwidth), in GFLOP/s."""
        return min(self.peak_gflops, intensity * self.bandwidth_gbytes_per_s)

    def bound_s(self, flops: int, bytes_total: int) -> float:
        """Return the roofline's lower bound on time: max(FLOPs / peak, bytes / bandwidth), in seconds."""
        return max(flops / (self.peak_gflops * 1e9), bytes_total / (self.bandwidth_gbytes_per_s * 1e9))

    def as_dict(self) -> dict[str, object]:
        """Return the ceilings and the ridge point as JSON-ready values."""
        return {
            "peak_gflops": self.peak_gflops,
            "bandwidth_gbytes_per_s": self.bandwidth_gbytes_per_s,
            "ridge_intensity": self.ridge_intensity,
            "measured_at": self.measured_at,
        }


def _best_time(function, *arguments) -> float:
    function(*arguments)  # trace and warm up, untimed
    best = float("inf")
    for _ in range(_PEAK_REPEATS):
        begin = time.perf_counter()
        function(*arguments)
        best = min(best, time.perf_counter() - begin)
    return best


def _measure_peak() -> MachinePeak:
    tf, _ = load_tensorflow()
    size = _MATMUL_SIZE
    left = tf.random.uniform((size, size), seed=1)
    right = tf.random.uniform((size, size), seed=2)
    matmul_s = _best_time(tf.function(tf.linalg.matmul), left, right)
    del left, right

    values = tf.random.uniform((_COPY_ELEMENTS,), seed=3)
    scale = tf.constant(1.0001)
    copy_s = _best_time(tf.function(lambda tensor, factor: tensor * factor), values, scale)
    del values

    peak = MachinePeak(
        peak_gflops=2 * size**3 / matmul_s / 1e9,
        bandwidth_gbytes_per_s=2 * 4 * _COPY_ELEMENTS / copy_s / 1e9,
        measured_at=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    )
    logger.info("Measured peak %.1f GFLOP/s and %.1f GB/s", peak.peak_gflops, peak.bandwidth_gbytes_per_s)
    return peak


def machine_peak() -> MachinePeak:
    """Return this process's peak FLOP/s and bandwidth, measuring them on the first call only.

    The first call takes about a second and allocates about 180 MB for a
    moment. Thread-safe: concurrent first callers measure once.
    """
    global _peak
    with _peak_lock:
        if _peak is None:
            _peak = _measure_peak()
        return _peak


def remeasure_peak() -> MachinePeak:
    """Measure the peaks again and keep, for each ceiling, the higher of the old and new figure.

    A peak measured while other work ran comes out low, and a layer can then
    appear to beat its roofline. Measuring again on a quieter machine fixes
    that. Call it under ``PROCESS_QUEUE`` so it does not disturb a running
    benchmark. Results already measured keep the peak they were measured with.
    """
    global _peak
    with _peak_lock:
        fresh = _measure_peak()
        if _peak is not None:
            fresh = dataclasses.replace(
                fresh,
                peak_gflops=max(fresh.peak_gflops, _peak.peak_gflops),
                bandwidth_gbytes_per_s=max(fresh.bandwidth_gbytes_per_s, _peak.bandwidth_gbytes_per_s),
            )
        _peak = fresh
        return _peak


@lru_cache(maxsize=None)
def dtype_supported(dtype: str) -> bool:
    """Return whether this TensorFlow build runs Conv2D and DepthwiseConv2D at ``dtype`` on its device."""
    tf, _ = load_tensorflow()
    try:
        inputs = tf.zeros((1, 4, 4, 2), dtype=dtype)
        tf.nn.conv2d(inputs, tf.zeros((3, 3, 2, 2), dtype=dtype), 1, "SAME")
        tf.nn.depthwise_conv2d(inputs, tf.zeros((3, 3, 2, 1), dtype=dtype), (1, 1, 1, 1), "SAME")
    except (tf.errors.InvalidArgumentError, tf.errors.NotFoundError, tf.errors.UnimplementedError) as exc:
        logger.info("dtype %s is not supported here: %s", dtype, exc)
        return False
    return True
