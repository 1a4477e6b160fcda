"""Run a benchmark: check it, wait for the process lock, time each layer kind, derive rates.

``run_benchmark`` is the one entry point the page, the CLI and the sweeps
use. It measures every time it is called; nothing here caches a timing.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import threading
import time
from collections.abc import Callable

from core.bench.config import BenchConfig, check_memory, kind_cost, keras_layer_arguments, validate_config
from core.bench.machine import MachinePeak, describe_machine, dtype_supported, machine_peak, remeasure_peak
from core.bench.queue import PROCESS_QUEUE, BenchmarkQueue, PositionCallback
from core.bench.timing import time_kind
from core.errors import ConfigError

logger = logging.getLogger(__name__)

#: Version of the result format written by ``BenchResult.as_dict`` and the CLI.
SCHEMA = "convlab-bench/1"


@dataclasses.dataclass(frozen=True)
class Progress:
    """Progress of a run: layer ``layer_index`` of ``layer_count``, its ``stage``, and ``done`` of ``total`` calls.

    ``stage`` is "peak" once, before the first layer and with an empty
    ``layer``, then "build", "first_call", "warmup" and "timed" per layer.
    """

    layer: str
    layer_index: int
    layer_count: int
    stage: str
    done: int
    total: int

    @property
    def fraction(self) -> float:
        """Share of the whole run done, from 0 to 1, counting each layer kind as an equal part."""
        within = self.done / self.total if self.total else 0.0
        return min(1.0, (self.layer_index + within) / self.layer_count)


ProgressCallback = Callable[[Progress], None]


@dataclasses.dataclass(frozen=True)
class BenchResult:
    """One measured run: its configuration, where and when it ran, and one row per layer kind.

    ``rows`` hold the figures documented in ``layer_row``. ``sweep`` is
    ``{"parameter": ..., "values": [...]}`` for a sweep, else ``None``;
    sweep rows also carry ``sweep_parameter`` and ``sweep_value``.
    """

    config: dict
    machine: dict
    peak: dict
    measured_at: str
    wall_s: float
    rows: list[dict]
    sweep: dict | None = None

    def as_dict(self) -> dict[str, object]:
        """Return the result in the documented JSON format (``SCHEMA``)."""
        return {
            "schema": SCHEMA,
            "measured_at": self.measured_at,
            "wall_s": self.wall_s,
            "machine": self.machine,
            "peak": self.peak,
            "config": self.config,
            "sweep": self.sweep,
            "layers": self.rows,
        }


def utc_now() -> str:
    """Return the current UTC time as ISO 8601 with seconds, such as ``2026-12-04T20:15:03+00:00``."""
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def layer_row(kind: str, config: BenchConfig, times, peak) -> dict[str, object]:
    """Return one layer kind's counts, timings and derived rates as a flat dict.

    Times are in seconds. ``gflops_per_s`` is FLOPs / median and
    ``gbytes_per_s`` is the minimum memory traffic / median.
    ``roofline_bound_s`` is the roofline's lower bound max(FLOPs / peak,
    bytes / bandwidth), and ``roofline_fraction`` is that bound / median,
    where 1 means the layer runs at the roofline. ``bound`` is "memory" when
    the layer's arithmetic intensity is below the machine's ridge point, else
    "compute".
    """
    cost = kind_cost(kind, config)
    stats = times.stats
    bound_s = peak.bound_s(cost.flops, cost.bytes_total)
    return {
        "layer": kind,
        "keras_layers": " + ".join(name for name, _ in keras_layer_arguments(kind, config)),
        "mode": config.mode,
        "dtype": config.dtype,
        "batch_size": config.batch_size,
        "input_shape": list(config.input_shape),
        "output_shape": list(cost.output_shape),
        "params": cost.params,
        "macs": cost.macs,
        "flops": cost.flops,
        "bytes": cost.bytes_total,
        "arithmetic_intensity": cost.arithmetic_intensity,
        "first_call_s": times.first_call_s,
        "warmup": times.warmup_calls,
        "median_s": stats.median_s,
        "p10_s": stats.p10_s,
        "p90_s": stats.p90_s,
        "min_s": stats.min_s,
        "mean_s": stats.mean_s,
        "runs": stats.runs,
        "gflops_per_s": cost.flops / stats.median_s / 1e9,
        "gbytes_per_s": cost.bytes_total / stats.median_s / 1e9,
        "roofline_bound_s": bound_s,
        "roofline_gflops": peak.attainable_gflops(cost.arithmetic_intensity),
        "roofline_fraction": bound_s / stats.median_s,
        "bound": "memory" if cost.arithmetic_intensity < peak.ridge_intensity else "compute",
        "times_s": list(times.times_s),
    }


def prepare(config: BenchConfig, budget_bytes: int | None = None) -> tuple[BenchConfig, dict[str, int]]:
    """Validate ``config`` and check its memory estimate, without allocating any tensor.

    Returns the normalised configuration and each kind's memory estimate in bytes.

    Raises:
        ConfigError: for an invalid field or an estimate over the budget.
    """
    config = validate_config(config)
    estimates = check_memory(config, budget_bytes)
    return config, estimates


def check_wall_time(config: BenchConfig, peak) -> None:
    """Reject a kind whose calls cannot finish within ``config.max_wall_s`` on this machine.

    The cap is checked between calls, so one long call could hold the
    process lock for minutes. The roofline bound max(FLOPs / peak, bytes /
    bandwidth) is a lower bound on each call, so a kind whose first call,
    warm-up and one timed call already exceed the cap at that bound is
    rejected before it runs.

    Raises:
        ConfigError: ``benchmark.too_slow``, naming the kind and the bound.
    """
    calls = config.warmup + 2
    for kind in config.layers:
        cost = kind_cost(kind, config)
        bound_s = peak.bound_s(cost.flops, cost.bytes_total)
        if bound_s * calls > config.max_wall_s:
            raise ConfigError(
                "benchmark.too_slow",
                f"{kind} needs at least {bound_s:.1f} s per call on this machine, so {calls} calls exceed "
                f"max_wall_s={config.max_wall_s:g} s. Use a smaller input, kernel_size or filters.",
                layer=kind,
                seconds=f"{bound_s:.1f}",
                calls=calls,
                cap=f"{config.max_wall_s:g}",
            )


def run_benchmark(
    config: BenchConfig,
    *,
    budget_bytes: int | None = None,
    on_progress: ProgressCallback | None = None,
    on_wait: PositionCallback | None = None,
    cancel: threading.Event | None = None,
    queue: BenchmarkQueue = PROCESS_QUEUE,
) -> BenchResult:
    """Time every layer kind of ``config`` and return the measured result.

    Steps: validate and check memory (nothing allocated yet), check the
    dtype runs here, wait for ``queue``, measure the machine's peaks if this
    process has not yet, reject kinds that cannot finish within
    ``max_wall_s`` (``check_wall_time``), then time each kind with
    ``timing.time_kind``.

    Args:
        config: What to time.
        budget_bytes: Memory budget per layer kind, in bytes. Default:
            ``core.bench.config.memory_budget_bytes()``.
        on_progress: Called with a ``Progress`` as the run advances.
        on_wait: Called with the queue position while another run holds the lock.
        cancel: When set, the run stops at the next call boundary.
        queue: The lock to hold while measuring.

    Raises:
        ConfigError: invalid configuration, over the memory budget, a
            dtype this TensorFlow build cannot run, or too slow for ``max_wall_s``.
        BenchmarkStopped: cancelled, over ``max_wall_s`` or out of memory.
    """
    config, _ = prepare(config, budget_bytes)
    if not dtype_supported(config.dtype):
        raise ConfigError(
            "benchmark.dtype_unsupported",
            f"This TensorFlow build cannot run convolutions at dtype={config.dtype!r} on this machine. "
            "Use float32.",
            value=config.dtype,
        )
    with queue.slot(on_wait=on_wait, cancel=cancel):
        measured_at = utc_now()
        started = time.perf_counter()
        machine = describe_machine()
        if on_progress is not None:
            # Stage "peak" has no layer: the first run in a process measures the machine here.
            on_progress(Progress("", 0, len(config.layers), "peak", 0, 1))
        peak = machine_peak()
        check_wall_time(config, peak)
        rows = []
        for index, kind in enumerate(config.layers):

            def report(stage: str, done: int, total: int, kind=kind, index=index) -> None:
                if on_progress is not None:
                    on_progress(Progress(kind, index, len(config.layers), stage, done, total))

            logger.info("Timing %s (%s, %s)", kind, config.mode, config.dtype)
            times = time_kind(kind, config, on_stage=report, cancel=cancel)
            rows.append(layer_row(kind, config, times, peak))
        wall_s = time.perf_counter() - started
    return BenchResult(
        config=config.as_dict(),
        machine=machine,
        peak=peak.as_dict(),
        measured_at=measured_at,
        wall_s=wall_s,
        rows=rows,
    )


def measure_peak_again(on_wait=None, queue=PROCESS_QUEUE) -> MachinePeak:
    """Measure this machine's peaks again while holding the benchmark lock.

    Holding the lock keeps the matmul and copy from slowing down another
    session's timing, and keeps that timing from lowering the new peak.
    """
    with queue.slot(on_wait=on_wait):
        return remeasure_peak()
