"""Sweeps: vary one parameter and time every layer kind at each value.

Every point is validated and checked against the memory budget before the
first one runs, so a sweep that would fail half-way is rejected up front.
Each point takes the process lock on its own, so other sessions can run
between the points of a long sweep.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Sequence

from core.bench.config import BenchConfig
from core.bench.queue import PROCESS_QUEUE, BenchmarkQueue, PositionCallback
from core.bench.runner import BenchResult, Progress, prepare, run_benchmark, utc_now
from core.errors import ConfigError

#: Parameters a sweep can vary. "channels" sets the input channels and
#: ``filters`` together, as in MobileNet blocks; "resolution" sets the
#: input height and width together.
SWEEP_PARAMETERS = ("channels", "resolution", "kernel_size", "batch_size", "depth_multiplier")
MAX_SWEEP_POINTS = 12

#: Called with ``(point_index, point_count, value, progress)``.
SweepCallback = Callable[[int, int, int, Progress], None]


def config_at(config: BenchConfig, parameter: str, value: int) -> BenchConfig:
    """Return ``config`` with ``parameter`` set to ``value``.

    >>> config_at(BenchConfig(input_shape=(56, 56, 32)), "resolution", 28).input_shape
    (28, 28, 32)
    """
    height, width, channels = config.input_shape
    if parameter == "channels":
        return dataclasses.replace(config, input_shape=(height, width, value), filters=value)
    if parameter == "resolution":
        return dataclasses.replace(config, input_shape=(value, value, channels))
    if parameter in ("kernel_size", "batch_size", "depth_multiplier"):
        return dataclasses.replace(config, **{parameter: value})
    raise ConfigError(
        "benchmark.bad_choice",
        f"Invalid value for `parameter`. Expected one of: {', '.join(SWEEP_PARAMETERS)}. "
        f"Received parameter={parameter!r}.",
        name="parameter",
        value=parameter,
        choices=", ".join(SWEEP_PARAMETERS),
    )


def run_sweep(
    config: BenchConfig,
    parameter: str,
    values: Sequence[int],
    *,
    budget_bytes: int | None = None,
    on_progress: SweepCallback | None = None,
    on_wait: PositionCallback | None = None,
    cancel: threading.Event | None = None,
    queue: BenchmarkQueue = PROCESS_QUEUE,
) -> BenchResult:
    """Time every layer kind of ``config`` at each value of ``parameter``.

    Returns one ``BenchResult`` whose rows carry ``sweep_parameter`` and
    ``sweep_value``; ``machine`` and ``peak`` come from the last point.

    Raises:
        ConfigError: an unknown parameter, no values, more than
            ``MAX_SWEEP_POINTS`` values, or any point invalid or over the
            memory budget; nothing has run then.
        BenchmarkStopped: as ``run_benchmark`` raises it, at any point.
    """
    values = list(dict.fromkeys(values))
    if not values or len(values) > MAX_SWEEP_POINTS:
        raise ConfigError(
            "benchmark.sweep_points",
            f"Invalid sweep values. Expected 1 to {MAX_SWEEP_POINTS} distinct values. Received {len(values)}.",
            count=len(values),
            limit=MAX_SWEEP_POINTS,
        )
    points = [prepare(config_at(config, parameter, value), budget_bytes)[0] for value in values]

    measured_at = utc_now()
    started = time.perf_counter()
    rows: list[dict] = []
    result = None
    for index, (value, point) in enumerate(zip(values, points)):

        def report(progress: Progress, index=index, value=value) -> None:
            if on_progress is not None:
                on_progress(index, len(points), value, progress)

        result = run_benchmark(
            point, budget_bytes=budget_bytes, on_progress=report, on_wait=on_wait, cancel=cancel, queue=queue
        )
        for row in result.rows:
            rows.append({"sweep_parameter": parameter, "sweep_value": value, **row})
    return BenchResult(
        config=points[0].as_dict(),
        machine=result.machine,
        peak=result.peak,
        measured_at=measured_at,
        wall_s=time.perf_counter() - started,
        rows=rows,
        sweep={"parameter": parameter, "values": values},
    )
