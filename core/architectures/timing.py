"""Time a built network's forward pass end to end, and its standard twin, through the benchmark lock.

The steps reuse ``core.bench``:

* check the settings and estimate each network's memory at the batch size,
  rejecting an estimate over ``core.bench.config.memory_budget_bytes()``
  before any tensor is allocated;
* wait for ``core.bench.queue.PROCESS_QUEUE``, the lock the benchmark page
  holds too, so a model timing and a layer benchmark never run at once;
* measure the machine's peak FLOP/s once per process and reject a network
  whose calls cannot finish within ``max_wall_s`` even at that peak;
* for each network, create the input, wrap ``model(inputs, training=False)``
  in a new ``tf.function`` and time it with ``core.bench.timing.time_calls``:
  the first call (tracing) on its own, the warm-up, then timed calls until
  ``repeats`` or ``time_budget_s``.

Counts come from ``architecture_cost`` (one MAC is one multiply-accumulate,
FLOPs = 2 × MACs + bias additions) multiplied by the batch size, so the
achieved GFLOP/s is FLOPs / median time. Every call measures again; nothing
here caches a timing.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import math
import threading
import time
from collections.abc import Callable, Sequence

import pandas as pd

from core import validation
from core.architectures.spec import Architecture, architecture_cost, standard_twin, totals
from core.bench.config import BenchConfig, memory_budget_bytes
from core.bench.explain import format_ratio
from core.bench.machine import describe_machine, machine_peak
from core.bench.queue import PROCESS_QUEUE, BenchmarkQueue, PositionCallback
from core.bench.runner import Progress, utc_now
from core.bench.timing import TimingStats, out_of_memory_stop, time_calls
from core.errors import ConfigError
from core.tf_runtime import load_tensorflow

logger = logging.getLogger(__name__)

#: Bytes per element: the networks are built and timed at float32.
_ELEMENT_BYTES = 4
# TensorFlow's executor frees a tensor once no later op needs it, so a chain
# of layers keeps about one layer's input and output alive at a time, plus a
# residual branch waiting for its Add. Kernels add workspace on top. Two
# copies of the largest input-plus-output pair cover both; see
# ``estimate_memory_bytes`` for the measurement behind the factor.
_ACTIVATION_COPIES = 2
# Python objects and the traced graph of one network.
_FIXED_OVERHEAD_BYTES = 64 * 1024**2


@dataclasses.dataclass(frozen=True)
class ModelTimingSettings:
    """How to time a network: batch size, call counts and time limits.

    After the first call (reported on its own) come ``warmup`` untimed calls,
    then timed calls until ``repeats`` calls or ``time_budget_s`` seconds,
    whichever comes first (at least one call is always timed).
    ``max_wall_s`` caps each network's whole measurement, first call
    included. It is checked between calls, so one call that runs longer is
    not interrupted.
    """

    batch_size: int = 1
    repeats: int = 20
    warmup: int = 3
    time_budget_s: float = 10.0
    max_wall_s: float = 60.0
    include_twin: bool = True

    def bench_config(self) -> BenchConfig:
        """Return the ``BenchConfig`` whose call counts and limits ``time_calls`` reads."""
        return BenchConfig(
            batch_size=self.batch_size,
            repeats=self.repeats,
            warmup=self.warmup,
            time_budget_s=self.time_budget_s,
            max_wall_s=self.max_wall_s,
        )


def validate_settings(settings: ModelTimingSettings) -> ModelTimingSettings:
    """Check every field of ``settings`` and return them with normalised values.

    Raises:
        ConfigError: naming the field, what was expected and the value received.
    """
    warmup = settings.warmup
    if not (warmup == 0 and not isinstance(warmup, bool)):
        warmup = validation.positive_int("warmup", warmup)
    return dataclasses.replace(
        settings,
        batch_size=validation.positive_int("batch_size", settings.batch_size),
        repeats=validation.positive_int("repeats", settings.repeats),
        warmup=warmup,
        time_budget_s=validation.positive_float("time_budget_s", settings.time_budget_s),
        max_wall_s=validation.positive_float("max_wall_s", settings.max_wall_s),
        include_twin=bool(settings.include_twin),
    )


def estimate_memory_bytes(frame: pd.DataFrame, batch_size: int) -> int:
    """Estimate the peak memory of timing the network counted in ``frame``, in bytes.

    The sum of the float32 weights, the input batch, two copies of the
    largest layer input plus output at ``batch_size``, and a fixed 64 MiB
    for Python objects and the traced graph. The weights exist once the
    model is built; they are counted because the run keeps them in use.
    It is an estimate: TensorFlow's allocator and kernels decide the real
    figure. Measured with ``benchmarks/architecture_model_timing.py
    --memory`` (TensorFlow 2.21 on a 2-core AMD EPYC VM), the peak RSS growth
    of timing MobileNetV1 1.0-224 and its standard twin at batch sizes 1, 8
    and 32 reached at most 54% of this estimate without the weights.
    """
    params = int(frame["params"].sum())
    input_elements = math.prod(frame["input_shape"].iloc[0])
    largest_pair = max(math.prod(row.input_shape) + math.prod(row.output_shape) for row in frame.itertuples())
    activations = batch_size * (input_elements + _ACTIVATION_COPIES * largest_pair)
    return (params + activations) * _ELEMENT_BYTES + _FIXED_OVERHEAD_BYTES


@dataclasses.dataclass(frozen=True)
class Target:
    """One network to time: its role, description, per-layer counts and built model."""

    role: str
    architecture: Architecture
    frame: pd.DataFrame
    model: object


@dataclasses.dataclass(frozen=True)
class NetworkTiming:
    """Measured forward passes of one network at one batch size; times in seconds.

    ``macs`` and ``flops`` are for the whole batch.
    """

    role: str
    name: str
    batch_size: int
    input_shape: tuple[int, int, int]
    params: int
    macs: int
    flops: int
    memory_estimate_bytes: int
    first_call_s: float
    warmup: int
    times_s: tuple[float, ...]
    stats: TimingStats

    @property
    def gflops_per_s(self) -> float:
        """Achieved rate: FLOPs of one batch / median time, in GFLOP/s."""
        return self.flops / self.stats.median_s / 1e9

    @property
    def images_per_s(self) -> float:
        """Images per second at the median time."""
        return self.batch_size / self.stats.median_s


@dataclasses.dataclass(frozen=True)
class ModelTimingResult:
    """One measurement: the settings, when and where it ran, and one ``NetworkTiming`` per network.

    ``peak_gflops`` is the machine's peak FLOP/s measured by
    ``core.bench.machine.machine_peak`` in this process.
    """

    settings: ModelTimingSettings
    measured_at: str
    wall_s: float
    machine: dict
    peak_gflops: float
    networks: tuple[NetworkTiming, ...]

    @property
    def network(self) -> NetworkTiming:
        """Timing of the network itself."""
        return self.networks[0]

    @property
    def twin(self) -> NetworkTiming | None:
        """Timing of the standard twin, or None when it was not timed."""
        return next((timing for timing in self.networks if timing.role == "twin"), None)

    def table(self) -> pd.DataFrame:
        """Return one row per network with times in milliseconds and the derived rates."""
        rows = []
        for timing in self.networks:
            stats = timing.stats
            rows.append(
                {
                    "role": timing.role,
                    "name": timing.name,
                    "batch_size": timing.batch_size,
                    "macs": timing.macs,
                    "flops": timing.flops,
                    "median_ms": stats.median_s * 1e3,
                    "p10_ms": stats.p10_s * 1e3,
                    "p90_ms": stats.p90_s * 1e3,
                    "min_ms": stats.min_s * 1e3,
                    "first_call_ms": timing.first_call_s * 1e3,
                    "runs": stats.runs,
                    "gflops_per_s": timing.gflops_per_s,
                    "images_per_s": timing.images_per_s,
                }
            )
        return pd.DataFrame(rows)


ProgressCallback = Callable[[Progress], None]


def check_timing_memory(
    architecture: Architecture, settings: ModelTimingSettings, budget_bytes: int | None = None
) -> tuple[ModelTimingSettings, dict[str, int]]:
    """Validate the settings and check each network's memory estimate, allocating nothing.

    Call it before building the twin, whose weights the estimate includes.
    Returns the normalised settings and each network's estimate in bytes,
    keyed by role ("network", and "twin" when ``settings.include_twin``).

    Raises:
        ConfigError: an invalid setting, or
            ``architecture.timing_over_memory_budget`` for the first network
            whose estimate exceeds the budget (default
            ``core.bench.config.memory_budget_bytes()``).
    """
    settings = validate_settings(settings)
    networks = {"network": architecture}
    if settings.include_twin:
        networks["twin"] = standard_twin(architecture)
    budget = memory_budget_bytes() if budget_bytes is None else budget_bytes
    estimates = {}
    for role, network in networks.items():
        estimate = estimate_memory_bytes(architecture_cost(network), settings.batch_size)
        estimates[role] = estimate
        if estimate > budget:
            raise ConfigError(
                "architecture.timing_over_memory_budget",
                f"Timing {network.name} at batch_size={settings.batch_size} needs about "
                f"{estimate / 1024**2:,.0f} MiB, over the memory budget of {budget / 1024**2:,.0f} MiB. "
                "Reduce batch_size, the resolution or alpha.",
                name=network.name,
                batch_size=settings.batch_size,
                need_mib=f"{estimate / 1024**2:,.0f}",
                budget_mib=f"{budget / 1024**2:,.0f}",
            )
    return settings, estimates


def prepare_targets(
    architecture: Architecture,
    model,
    settings: ModelTimingSettings,
    twin_model=None,
    budget_bytes: int | None = None,
) -> tuple[ModelTimingSettings, list[Target], dict[str, int]]:
    """Check the settings and memory (``check_timing_memory``) and match each model to its description.

    Returns the normalised settings, the networks to time and each one's
    memory estimate in bytes, keyed by role.

    Raises:
        ConfigError: from ``check_timing_memory``;
            ``architecture.timing_twin_missing`` when the twin is requested
            but ``twin_model`` is None; ``architecture.timing_model_mismatch``
            when a model's input shape or weight count differs from its
            description.
    """
    settings, estimates = check_timing_memory(architecture, settings, budget_bytes)
    targets = [Target("network", architecture, architecture_cost(architecture), model)]
    if settings.include_twin:
        if twin_model is None:
            raise ConfigError(
                "architecture.timing_twin_missing",
                "Timing the standard twin needs its built model. Pass twin_model or set include_twin=False.",
            )
        twin = standard_twin(architecture)
        targets.append(Target("twin", twin, architecture_cost(twin), twin_model))
    for target in targets:
        _check_model_matches(target)
    return settings, targets, estimates


def _check_model_matches(target: Target) -> None:
    expected_params = totals(target.frame)["params"]
    expected_shape = tuple(target.architecture.input_shape)
    built_shape = tuple(target.model.input_shape[1:])
    built_params = target.model.count_params()
    if built_shape != expected_shape or built_params != expected_params:
        raise ConfigError(
            "architecture.timing_model_mismatch",
            f"The model given for {target.architecture.name} has input shape {built_shape} and "
            f"{built_params:,} weights, but the description has {expected_shape} and {expected_params:,}. "
            "Build the model from the same description with build_keras_model.",
            name=target.architecture.name,
        )


def check_wall_time(targets: Sequence[Target], settings: ModelTimingSettings, peak_gflops: float) -> None:
    """Reject a network whose calls cannot finish within ``settings.max_wall_s`` at the machine's peak.

    FLOPs / peak is a lower bound on each call, and the first call, the
    warm-up and one timed call must all fit in the cap.

    Raises:
        ConfigError: ``architecture.timing_too_slow``, naming the network and the bound.
    """
    calls = settings.warmup + 2
    for target in targets:
        flops = totals(target.frame)["flops"] * settings.batch_size
        bound_s = flops / (peak_gflops * 1e9)
        if bound_s * calls > settings.max_wall_s:
            raise ConfigError(
                "architecture.timing_too_slow",
                f"{target.architecture.name} needs at least {bound_s:.1f} s per call at batch_size="
                f"{settings.batch_size} on this machine, so {calls} calls exceed max_wall_s="
                f"{settings.max_wall_s:g} s. Reduce batch_size, the resolution or alpha.",
                name=target.architecture.name,
                seconds=f"{bound_s:.1f}",
                calls=calls,
                cap=f"{settings.max_wall_s:g}",
            )


def _time_target(
    target: Target,
    settings: ModelTimingSettings,
    estimate: int,
    on_stage: Callable[[str, int, int], None],
    cancel: threading.Event | None,
) -> NetworkTiming:
    tf, _ = load_tensorflow()
    name = target.architecture.name
    started = time.perf_counter()
    forward = inputs = None
    try:
        on_stage("build", 0, 1)
        shape = (settings.batch_size, *target.architecture.input_shape)
        inputs = tf.random.uniform(shape, -1.0, 1.0, seed=0)
        model = target.model

        def call(tensor):
            return model(tensor, training=False)

        # A new tf.function per run, so its first call traces and is timed as the first call.
        forward = tf.function(call)
        times = time_calls(
            name, forward, inputs, settings.bench_config(), on_stage=on_stage, cancel=cancel, started=started
        )
    except (MemoryError, tf.errors.ResourceExhaustedError) as exc:
        raise out_of_memory_stop(name, exc) from exc
    finally:
        # Drop the input and the traced graph now, even after an error.
        forward = inputs = None
        gc.collect()

    counted = totals(target.frame)
    return NetworkTiming(
        role=target.role,
        name=name,
        batch_size=settings.batch_size,
        input_shape=tuple(target.architecture.input_shape),
        params=counted["params"],
        macs=counted["macs"] * settings.batch_size,
        flops=counted["flops"] * settings.batch_size,
        memory_estimate_bytes=estimate,
        first_call_s=times.first_call_s,
        warmup=times.warmup_calls,
        times_s=times.times_s,
        stats=times.stats,
    )


def time_architecture(
    architecture: Architecture,
    model,
    settings: ModelTimingSettings = ModelTimingSettings(),
    *,
    twin_model=None,
    budget_bytes: int | None = None,
    on_progress: ProgressCallback | None = None,
    on_wait: PositionCallback | None = None,
    cancel: threading.Event | None = None,
    queue: BenchmarkQueue = PROCESS_QUEUE,
) -> ModelTimingResult:
    """Time the forward pass of ``model``, built from ``architecture``, and of its standard twin.

    The steps are those of the module docstring. The network runs first,
    then the twin, both under one hold of ``queue`` so they are measured
    back to back.

    Args:
        architecture: The description ``model`` was built from.
        model: ``build_keras_model(architecture)``.
        settings: Batch size, call counts and time limits.
        twin_model: ``build_keras_model(standard_twin(architecture))``;
            needed when ``settings.include_twin`` is true.
        budget_bytes: Memory budget per network, in bytes. Default:
            ``core.bench.config.memory_budget_bytes()``.
        on_progress: Called with a ``core.bench.runner.Progress`` as the run
            advances: stage "peak" once, then "build", "first_call",
            "warmup" and "timed" per network, whose name is ``layer``.
        on_wait: Called with the queue position while another run holds the lock.
        cancel: When set, the run stops at the next call boundary.
        queue: The lock to hold while measuring.

    Raises:
        ConfigError: an invalid setting, a model that does not match its
            description, over the memory budget, or too slow for ``max_wall_s``.
        BenchmarkStopped: cancelled, over ``max_wall_s`` or out of memory.
    """
    settings, targets, estimates = prepare_targets(architecture, model, settings, twin_model, budget_bytes)
    count = len(targets)
    with queue.slot(on_wait=on_wait, cancel=cancel):
        measured_at = utc_now()
        started = time.perf_counter()
        machine = describe_machine()
        if on_progress is not None:
            on_progress(Progress("", 0, count, "peak", 0, 1))
        peak = machine_peak()
        check_wall_time(targets, settings, peak.peak_gflops)
        timings = []
        for index, target in enumerate(targets):

            def report(stage: str, done: int, total: int, name=target.architecture.name, index=index) -> None:
                if on_progress is not None:
                    on_progress(Progress(name, index, count, stage, done, total))

            logger.info("Timing %s at batch_size=%s", target.architecture.name, settings.batch_size)
            timings.append(_time_target(target, settings, estimates[target.role], report, cancel))
        wall_s = time.perf_counter() - started
    return ModelTimingResult(
        settings=settings,
        measured_at=measured_at,
        wall_s=wall_s,
        machine=machine,
        peak_gflops=peak.peak_gflops,
        networks=tuple(timings),
    )


def format_milliseconds(seconds: float) -> str:
    """Format a time in milliseconds for a sentence, to about three significant digits.

    >>> format_milliseconds(0.10594), format_milliseconds(0.01404), format_milliseconds(0.000599)
    ('106', '14.0', '0.599')
    """
    milliseconds = seconds * 1e3
    if milliseconds >= 100:
        return f"{milliseconds:.0f}"
    if milliseconds >= 10:
        return f"{milliseconds:.1f}"
    if milliseconds >= 1:
        return f"{milliseconds:.2f}"
    return f"{milliseconds:.3g}"


def compare_with_twin(result: ModelTimingResult) -> tuple[str, dict[str, str]] | None:
    """Return a sentence comparing the network's time with its twin's, as ``(catalogue key, params)``.

    The sentence sets the speed-up (twin median / network median) against
    the MACs ratio (twin MACs / network MACs) and the two achieved GFLOP/s.
    Returns None when the twin was not timed.
    """
    twin = result.twin
    if twin is None:
        return None
    network = result.network
    speedup = twin.stats.median_s / network.stats.median_s
    macs_ratio = twin.macs / network.macs if network.macs else float("inf")
    params = {
        "network_ms": format_milliseconds(network.stats.median_s),
        "twin_ms": format_milliseconds(twin.stats.median_s),
        "speedup": format_ratio(speedup),
        "macs_ratio": format_ratio(macs_ratio),
        "network_gflops": f"{network.gflops_per_s:.1f}",
        "twin_gflops": f"{twin.gflops_per_s:.1f}",
    }
    if macs_ratio <= 1:
        return "architecture.timing_compare_same_macs", params
    if speedup < 1:
        return "architecture.timing_compare_slower", {**params, "slowdown": format_ratio(1 / speedup)}
    if speedup >= macs_ratio:
        return "architecture.timing_compare_full", params
    return "architecture.timing_compare_partial", params
