"""Time real Keras layers: the first call on its own, then warm-up, then timed calls.

The steps for one layer kind, each in its own function below:

* create the input tensor and the (unbuilt) Keras layers, untimed;
* time the first call, which creates the weights and, under
  ``tf.function``, traces (and under XLA compiles) the graph: the figure
  a tutorial gets from one ``time.time()`` around a new layer;
* run ``warmup`` calls untimed;
* time calls until ``repeats`` or the time budget is reached.

Every call waits for its result before the clock stops. On CPU, TensorFlow's
eager ops and ``tf.function`` calls return after the kernels finish. With a
GPU, ``tf.test.experimental.sync_devices()`` also waits for its streams. It
is skipped on CPU-only machines, where it adds about 8 µs per call (measured
with TensorFlow 2.21 on a 2-core AMD EPYC VM). Timings use
``time.perf_counter``.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import threading
import time
from collections.abc import Callable, Sequence

import numpy as np

from core.bench.config import BenchConfig, keras_layer_arguments
from core.errors import ConfigError
from core.tf_runtime import load_tensorflow

logger = logging.getLogger(__name__)

#: Callback for progress inside one layer kind: ``(stage, done, total)`` with
#: stage one of "build", "first_call", "warmup", "timed".
StageCallback = Callable[[str, int, int], None]


class BenchmarkStopped(ConfigError):
    """A run stopped before it finished: cancelled, over its wall-time cap or out of memory.

    A ``ConfigError`` subclass so that pages translate it like every other
    error from ``core``; it is not about an invalid argument.
    """


@dataclasses.dataclass(frozen=True)
class TimingStats:
    """Summary of timed calls, in seconds. Percentiles interpolate linearly (NumPy's default)."""

    median_s: float
    p10_s: float
    p90_s: float
    min_s: float
    mean_s: float
    runs: int


def summarize(times_s: Sequence[float]) -> TimingStats:
    """Return the median, 10th and 90th percentiles, minimum and mean of ``times_s``.

    >>> summarize([0.3, 0.1, 0.2]).median_s
    0.2

    Raises:
        ValueError: when ``times_s`` is empty.
    """
    if len(times_s) == 0:
        raise ValueError("Cannot summarize an empty list of times. Expected at least one timed call.")
    values = np.asarray(times_s, dtype=float)
    p10, median, p90 = np.percentile(values, [10, 50, 90])
    return TimingStats(
        median_s=float(median),
        p10_s=float(p10),
        p90_s=float(p90),
        min_s=float(values.min()),
        mean_s=float(values.mean()),
        runs=len(values),
    )


@dataclasses.dataclass(frozen=True)
class LayerTimes:
    """Raw timings of one layer kind: the first call and the steady-state calls, in seconds."""

    first_call_s: float
    warmup_calls: int
    times_s: tuple[float, ...]
    stats: TimingStats


def build_forward(kind: str, config: BenchConfig):
    """Create the input tensor and the unbuilt Keras layers of ``kind``, and return ``(forward, inputs)``.

    ``forward(inputs)`` calls the layers in order, wrapped in ``tf.function``
    (with ``jit_compile=True`` for mode "xla") unless the mode is "eager".
    Its first call creates the weights and, in a ``tf.function``, traces.
    """
    tf, keras = load_tensorflow()
    shape = (config.batch_size, *config.input_shape)
    inputs = tf.cast(tf.random.uniform(shape, -1.0, 1.0, seed=0), config.dtype)
    layers = [
        getattr(keras.layers, class_name)(dtype=config.dtype, **arguments)
        for class_name, arguments in keras_layer_arguments(kind, config)
    ]

    def forward(tensor):
        outputs = tensor
        for layer in layers:
            outputs = layer(outputs)
        return outputs

    if config.mode == "eager":
        return forward, inputs
    return tf.function(forward, jit_compile=config.mode == "xla"), inputs


def _check_stop(kind: str, started: float, config: BenchConfig, cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise BenchmarkStopped("benchmark.cancelled", f"The benchmark of {kind} was cancelled.", layer=kind)
    elapsed = time.perf_counter() - started
    if elapsed > config.max_wall_s:
        raise BenchmarkStopped(
            "benchmark.timed_out",
            f"Timing {kind} took {elapsed:.1f} s, over the cap of max_wall_s={config.max_wall_s:g} s. "
            "Use a smaller input, fewer repeats or a larger max_wall_s.",
            layer=kind,
            elapsed=f"{elapsed:.1f}",
            cap=f"{config.max_wall_s:g}",
        )


def out_of_memory_stop(name: str, exc: BaseException) -> BenchmarkStopped:
    """Log ``exc``, an out-of-memory error while timing ``name``, and return the error to raise from it."""
    logger.warning("Out of memory while timing %s: %s", name, exc)
    return BenchmarkStopped(
        "benchmark.out_of_memory",
        f"TensorFlow ran out of memory while timing {name}. Reduce batch_size, the input size or filters.",
        layer=name,
    )


def time_kind(
    kind: str,
    config: BenchConfig,
    *,
    on_stage: StageCallback | None = None,
    cancel: threading.Event | None = None,
) -> LayerTimes:
    """Build ``kind`` from Keras layers and time it as the module docstring describes.

    Args:
        kind: One of ``config.LAYER_KINDS``.
        config: A configuration checked by ``validate_config`` and ``check_memory``.
        on_stage: Called with ``(stage, done, total)`` as the measurement advances.
        cancel: When set, the run stops at the next call boundary.

    Raises:
        BenchmarkStopped: cancelled, over ``config.max_wall_s``, or out of
            memory. The tensors of the run are released first.
    """
    tf, _ = load_tensorflow()
    report = on_stage or (lambda stage, done, total: None)
    started = time.perf_counter()
    forward = inputs = None
    try:
        report("build", 0, 1)
        forward, inputs = build_forward(kind, config)
        return time_calls(kind, forward, inputs, config, on_stage=report, cancel=cancel, started=started)
    except (MemoryError, tf.errors.ResourceExhaustedError) as exc:
        raise out_of_memory_stop(kind, exc) from exc
    finally:
        # Drop the run's tensors and traced graphs now, even after an error,
        # so the next run starts with the memory free.
        forward = inputs = None
        gc.collect()


def _no_sync() -> None:
    pass


def time_calls(
    kind: str,
    forward,
    inputs,
    config: BenchConfig,
    *,
    on_stage: StageCallback | None = None,
    cancel: threading.Event | None = None,
    started: float | None = None,
) -> LayerTimes:
    """Time the first call of ``forward(inputs)``, run the warm-up, then time the steady-state calls.

    ``forward`` should not have been called yet, so that the first call
    includes weight creation and tracing. ``started`` (a ``perf_counter``
    value, default now) is where the ``max_wall_s`` cap counts from.

    Raises:
        BenchmarkStopped: cancelled or over ``config.max_wall_s``, checked
            between calls.
    """
    tf, _ = load_tensorflow()
    sync = tf.test.experimental.sync_devices if tf.config.list_logical_devices("GPU") else _no_sync
    report = on_stage or (lambda stage, done, total: None)
    started = time.perf_counter() if started is None else started

    report("first_call", 0, 1)
    begin = time.perf_counter()
    forward(inputs)
    sync()
    first_call_s = time.perf_counter() - begin

    for done in range(config.warmup):
        _check_stop(kind, started, config, cancel)
        report("warmup", done, config.warmup)
        forward(inputs)
        sync()

    times: list[float] = []
    timed_start = time.perf_counter()
    while len(times) < config.repeats:
        _check_stop(kind, started, config, cancel)
        if times and time.perf_counter() - timed_start > config.time_budget_s:
            break
        report("timed", len(times), config.repeats)
        begin = time.perf_counter()
        forward(inputs)
        sync()
        times.append(time.perf_counter() - begin)
    report("timed", len(times), len(times))
    return LayerTimes(
        first_call_s=first_call_s,
        warmup_calls=config.warmup,
        times_s=tuple(times),
        stats=summarize(times),
    )
