"""Benchmark configurations: the layers a run times, their counts and their memory estimate.

A configuration names the layer kinds to time and the Keras arguments they
share. Six kinds are timed, each built from real Keras layers:

* ``Conv2D``: ``Conv2D(filters, kernel_size)``.
* ``DepthwiseConv2D``: ``DepthwiseConv2D(kernel_size, depth_multiplier)``.
* ``SeparableConv2D``: ``SeparableConv2D(filters, kernel_size, depth_multiplier)``.
* ``PointwiseConv2D``: ``Conv2D(filters, kernel_size=1)``, the 1×1 half of a
  separable convolution on its own.
* ``DepthwisePointwise``: ``DepthwiseConv2D(kernel_size, depth_multiplier)``
  followed by ``Conv2D(filters, 1)`` as two layers, the pair that
  ``SeparableConv2D`` fuses into one.
* ``GroupedConv2D``: ``Conv2D(filters, kernel_size, groups=groups)``.

Counts come from ``core.cost.layer_cost`` with its convention (one MAC is
one multiply-accumulate; FLOPs = 2 × MACs + bias additions).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence

from core import validation
from core.cost import DTYPE_BYTES, LayerCost, layer_cost
from core.errors import ConfigError

LAYER_KINDS = (
    "Conv2D",
    "DepthwiseConv2D",
    "SeparableConv2D",
    "PointwiseConv2D",
    "DepthwisePointwise",
    "GroupedConv2D",
)
#: Execution modes: plain eager calls, ``tf.function`` and ``tf.function(jit_compile=True)``.
MODES = ("eager", "function", "xla")
#: Element types a benchmark can run at. float16 and bfloat16 run only where
#: TensorFlow has CPU kernels for them; ``machine.dtype_supported`` checks.
DTYPES = ("float32", "float16", "bfloat16")

#: Community Cloud stops an app at about 2.7 GB of memory. This app's server
#: uses about 0.86 GB of RSS once TensorFlow is loaded and a few benchmarks
#: have run, and other sessions need some room, so one benchmark may use 1 GiB.
DEFAULT_MEMORY_BUDGET_BYTES = 1024**3
#: Environment variable that overrides the budget, in MiB.
MEMORY_BUDGET_ENV = "CONVLAB_BENCH_MEMORY_BUDGET_MB"

# A forward pass keeps the previous output alive while it writes the next
# one, and TensorFlow's kernels add workspace (im2col blocks, oneDNN
# reorders). With three output copies, the peak RSS growth of timing each
# kind on a 4×224×224×64 input with filters=128 (TensorFlow 2.21 on CPU, all
# three modes) reached up to 97% of the estimate, so four are counted.
_OUTPUT_COPIES = 4
# Python objects, traced graphs and XLA executables of one run.
_FIXED_OVERHEAD_BYTES = 32 * 1024**2


def memory_budget_bytes() -> int:
    """Return the memory budget of one run: ``$CONVLAB_BENCH_MEMORY_BUDGET_MB`` MiB or 1 GiB.

    Raises:
        ConfigError: when the environment variable is not a positive whole number.
    """
    raw = os.environ.get(MEMORY_BUDGET_ENV)
    if raw is None or not raw.strip():
        return DEFAULT_MEMORY_BUDGET_BYTES
    try:
        mebibytes = int(raw)
    except ValueError:
        mebibytes = 0
    if mebibytes <= 0:
        raise ConfigError(
            "not_positive",
            f"Invalid value for {MEMORY_BUDGET_ENV}. Expected a whole number of MiB >= 1. Received {raw!r}.",
            name=MEMORY_BUDGET_ENV,
            value=raw,
        )
    return mebibytes * 1024**2


@dataclasses.dataclass(frozen=True)
class BenchConfig:
    """One benchmark: which layer kinds to time on which input, and how.

    Sizes use Keras's argument names and defaults. ``input_shape`` is
    ``(height, width, channels)`` without the batch dimension. ``groups``
    applies to ``GroupedConv2D`` only and ``depth_multiplier`` to the kinds
    with a depthwise step.

    Timing: after the first call (reported on its own) come ``warmup``
    untimed calls, then timed calls until ``repeats`` calls or
    ``time_budget_s`` seconds, whichever comes first (at least one call is
    always timed). ``max_wall_s`` caps each layer kind's whole measurement,
    first call included; it is checked between calls, so one call that runs
    longer is not interrupted.
    """

    layers: tuple[str, ...] = ("Conv2D", "DepthwiseConv2D", "SeparableConv2D")
    input_shape: tuple[int, int, int] = (56, 56, 32)
    batch_size: int = 1
    kernel_size: int = 3
    filters: int = 64
    strides: int = 1
    padding: str = "same"
    depth_multiplier: int = 1
    groups: int = 4
    dtype: str = "float32"
    mode: str = "function"
    repeats: int = 30
    warmup: int = 3
    time_budget_s: float = 2.0
    max_wall_s: float = 60.0

    def as_dict(self) -> dict[str, object]:
        """Return the configuration as plain JSON-ready values."""
        values = dataclasses.asdict(self)
        values["layers"] = list(self.layers)
        values["input_shape"] = list(self.input_shape)
        return values


def parse_int_list(name: str, text: object) -> tuple[int, ...]:
    """Parse comma-separated whole numbers such as ``"224,224,32"``.

    >>> parse_int_list("input_shape", " 224, 224 ,32 ")
    (224, 224, 32)

    Raises:
        ConfigError: when an item is empty or not a whole number.
    """
    if isinstance(text, Sequence) and not isinstance(text, str):
        items = list(text)
    else:
        items = [item.strip() for item in str(text).split(",")]
    values = []
    for item in items:
        try:
            values.append(int(item))
        except (TypeError, ValueError):
            shown = str(text) if len(str(text)) <= 60 else str(text)[:59] + "…"
            raise ConfigError(
                "benchmark.not_int_list",
                f"Invalid value for `{name}`. Expected whole numbers separated by commas. Received {shown!r}.",
                name=name,
                value=shown,
            ) from None
    return tuple(values)


def validate_config(config: BenchConfig) -> BenchConfig:
    """Check every field of ``config`` and return it with normalised values.

    ``core.cost.layer_cost`` checks the layer arguments of every kind in
    ``config.layers``. So a kind whose arguments Keras would reject is
    rejected here, before TensorFlow is involved. Examples are a kernel larger
    than the input under 'valid' padding, or groups that do not divide the
    channels.

    Raises:
        ConfigError: naming the field, what was expected and the value received.
    """
    layers = tuple(config.layers)
    if not layers:
        raise ConfigError(
            "benchmark.no_layers",
            f"Invalid value for `layers`. Expected at least one of: {', '.join(LAYER_KINDS)}. Received none.",
        )
    for kind in layers:
        if kind not in LAYER_KINDS:
            raise ConfigError(
                "benchmark.unknown_layer",
                f"Invalid value for `layers`. Expected some of: {', '.join(LAYER_KINDS)}. Received {kind!r}.",
                value=kind,
                choices=", ".join(LAYER_KINDS),
            )
    if len(set(layers)) != len(layers):
        layers = tuple(dict.fromkeys(layers))
    _check_choice("mode", config.mode, MODES)
    _check_choice("dtype", config.dtype, DTYPES)
    validation.padding_mode(config.padding)
    normalised = dataclasses.replace(
        config,
        layers=layers,
        input_shape=validation.input_shape_hwc(tuple(config.input_shape)),
        batch_size=validation.positive_int("batch_size", config.batch_size),
        kernel_size=validation.positive_int("kernel_size", config.kernel_size),
        filters=validation.positive_int("filters", config.filters),
        strides=validation.positive_int("strides", config.strides),
        padding=validation.padding_mode(config.padding),
        depth_multiplier=validation.positive_int("depth_multiplier", config.depth_multiplier),
        groups=validation.positive_int("groups", config.groups),
        repeats=validation.positive_int("repeats", config.repeats),
        warmup=_non_negative_int("warmup", config.warmup),
        time_budget_s=validation.positive_float("time_budget_s", config.time_budget_s),
        max_wall_s=validation.positive_float("max_wall_s", config.max_wall_s),
    )
    for kind in layers:
        layer_costs(kind, normalised)
    return normalised


def _check_choice(name: str, value: object, choices: Sequence[str]) -> None:
    if value not in choices:
        raise ConfigError(
            "benchmark.bad_choice",
            f"Invalid value for `{name}`. Expected one of: {', '.join(choices)}. Received {name}={value!r}.",
            name=name,
            value=value,
            choices=", ".join(choices),
        )


def _non_negative_int(name: str, value: object) -> int:
    if value == 0 and not isinstance(value, bool):
        return 0
    return validation.positive_int(name, value)


def keras_layer_arguments(kind: str, config: BenchConfig) -> list[tuple[str, dict[str, object]]]:
    """Return the Keras classes and arguments that make up ``kind``, in call order.

    >>> keras_layer_arguments("PointwiseConv2D", BenchConfig(filters=8))
    [('Conv2D', {'filters': 8, 'kernel_size': 1, 'strides': 1, 'padding': 'same'})]
    """
    spatial = {"kernel_size": config.kernel_size, "strides": config.strides, "padding": config.padding}
    if kind == "Conv2D":
        return [("Conv2D", {"filters": config.filters, **spatial})]
    if kind == "DepthwiseConv2D":
        return [("DepthwiseConv2D", {**spatial, "depth_multiplier": config.depth_multiplier})]
    if kind == "SeparableConv2D":
        return [
            ("SeparableConv2D", {"filters": config.filters, **spatial, "depth_multiplier": config.depth_multiplier})
        ]
    if kind == "PointwiseConv2D":
        return [
            (
                "Conv2D",
                {"filters": config.filters, "kernel_size": 1, "strides": config.strides, "padding": config.padding},
            )
        ]
    if kind == "DepthwisePointwise":
        return [
            ("DepthwiseConv2D", {**spatial, "depth_multiplier": config.depth_multiplier}),
            ("Conv2D", {"filters": config.filters, "kernel_size": 1}),
        ]
    if kind == "GroupedConv2D":
        return [("Conv2D", {"filters": config.filters, **spatial, "groups": config.groups})]
    raise ConfigError(
        "benchmark.unknown_layer",
        f"Invalid value for `layers`. Expected some of: {', '.join(LAYER_KINDS)}. Received {kind!r}.",
        value=kind,
        choices=", ".join(LAYER_KINDS),
    )


def layer_costs(kind: str, config: BenchConfig) -> tuple[LayerCost, ...]:
    """Count each Keras layer of ``kind`` with ``core.cost.layer_cost``, in call order.

    Raises:
        ConfigError: from ``layer_cost`` when Keras would reject the arguments.
    """
    costs = []
    shape = tuple(config.input_shape)
    for class_name, arguments in keras_layer_arguments(kind, config):
        cost = layer_cost(class_name, shape, batch_size=config.batch_size, dtype=config.dtype, **arguments)
        costs.append(cost)
        shape = cost.output_shape
    return tuple(costs)


@dataclasses.dataclass(frozen=True)
class KindCost:
    """Counts of one layer kind for one forward pass, batch included; bytes at the run's dtype."""

    params: int
    macs: int
    flops: int
    bytes_total: int
    output_shape: tuple[int, int, int]

    @property
    def arithmetic_intensity(self) -> float:
        """FLOPs per byte of minimum memory traffic."""
        return self.flops / self.bytes_total


def kind_cost(kind: str, config: BenchConfig) -> KindCost:
    """Add up the counts of the Keras layers that make up ``kind``.

    For ``DepthwisePointwise`` the depthwise output is written by the first
    layer and read by the second, so its bytes count twice, as they do in
    ``SeparableConv2D``'s intermediate.
    """
    costs = layer_costs(kind, config)
    return KindCost(
        params=sum(cost.params for cost in costs),
        macs=sum(cost.macs for cost in costs),
        flops=sum(cost.flops for cost in costs),
        bytes_total=sum(cost.bytes_total for cost in costs),
        output_shape=costs[-1].output_shape,
    )


def estimate_memory_bytes(kind: str, config: BenchConfig) -> int:
    """Estimate the peak memory that timing ``kind`` allocates, in bytes.

    The sum of the input, weights, every intermediate, four copies of the
    output (see ``_OUTPUT_COPIES``) and a fixed 32 MiB overhead. It is an
    estimate because TensorFlow's allocator and kernels decide the real figure.
    """
    costs = layer_costs(kind, config)
    element = DTYPE_BYTES[config.dtype]
    total = costs[0].input_bytes + _FIXED_OVERHEAD_BYTES
    for cost in costs:
        total += cost.weight_bytes + cost.intermediate_bytes // 2
    # The outputs of all but the last layer are intermediates, counted once each.
    for cost in costs[:-1]:
        total += cost.output_bytes
    total += _OUTPUT_COPIES * costs[-1].output_bytes
    # float16/bfloat16 inputs are created at float32 then cast.
    if element < 4:
        total += costs[0].input_bytes * 4 // element
    return total


def check_memory(config: BenchConfig, budget_bytes: int | None = None) -> dict[str, int]:
    """Return each kind's memory estimate after checking all of them against the budget.

    Args:
        config: A validated configuration.
        budget_bytes: Maximum estimate of one kind, in bytes. Default:
            ``memory_budget_bytes()``.

    Raises:
        ConfigError: ``benchmark.over_memory_budget`` for the first kind whose
            estimate exceeds the budget. Nothing has been allocated then.
    """
    budget = memory_budget_bytes() if budget_bytes is None else budget_bytes
    estimates = {kind: estimate_memory_bytes(kind, config) for kind in config.layers}
    for kind, estimate in estimates.items():
        if estimate > budget:
            raise ConfigError(
                "benchmark.over_memory_budget",
                f"{kind} on input {config.batch_size}×{'×'.join(map(str, config.input_shape))} needs about "
                f"{estimate / 1024**2:,.0f} MiB, over the memory budget of {budget / 1024**2:,.0f} MiB. "
                "Reduce batch_size, the input size or filters.",
                layer=kind,
                need_mib=f"{estimate / 1024**2:,.0f}",
                budget_mib=f"{budget / 1024**2:,.0f}",
            )
    return estimates


def describe_arguments(config: Mapping[str, object]) -> str:
    """Format the Keras arguments of a configuration for a caption, such as ``kernel_size=3, filters=64``."""
    names = ("kernel_size", "filters", "strides", "padding", "depth_multiplier", "groups")
    return ", ".join(f"{name}={config[name]!r}" if name == "padding" else f"{name}={config[name]}" for name in names)
