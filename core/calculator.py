"""Side-by-side costs of the convolutions a Keras user can choose for one layer.

Every count comes from ``core.cost.layer_cost``. This module chooses which
layers to count, labels how fair each comparison with Conv2D is, and shapes
the figures for the calculator page's table, formulas, charts and URL.

The rows, for one input ``(H, W, C)`` and the user's settings:

* ``conv2d``: ``Conv2D(filters, kernel_size, ...)``, the baseline.
* ``grouped_conv2d``: the same ``Conv2D`` with ``groups > 1`` (only when the
  user sets ``groups > 1``).
* ``depthwise``: ``DepthwiseConv2D(kernel_size, depth_multiplier=m, ...)``.
  Its output has ``C * m`` channels and it mixes no channels, so comparing it
  with ``Conv2D`` is not like for like.
* ``pointwise``: ``Conv2D(filters, 1)`` applied to the depthwise output. It
  mixes channels but filters nothing spatially, so it is not like for like
  either.
* ``separable``: ``SeparableConv2D(filters, kernel_size, depth_multiplier=m,
  ...)``, the like-for-like replacement: same output shape as ``Conv2D``.
* ``hybrid``: ``DepthwiseConv2D(depth_multiplier=m)`` followed by
  ``Conv2D(filters, 1)`` as two Keras layers, as MobileNet builds its blocks.
  Unlike ``SeparableConv2D`` its depthwise half has its own bias when
  ``use_bias`` is set. It has the same output shape as ``Conv2D``.

This module never imports TensorFlow, Keras or Streamlit.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping, Sequence

import pandas as pd

from core.cost import LayerCost, conv_output_length, layer_cost
from core.errors import ConfigError

logger = logging.getLogger(__name__)

#: dtypes offered for the byte counts.
DTYPES = ("float32", "float16", "bfloat16", "int8")
PADDINGS = ("same", "valid")

#: Inclusive ``(min, max)`` of each whole-number setting. These bound the
#: widgets and the URL so that every figure stays readable. They are not Keras
#: limits, because Keras accepts any positive size.
INT_RANGES: Mapping[str, tuple[int, int]] = {
    "height": (1, 4096),
    "width": (1, 4096),
    "channels": (1, 4096),
    "batch_size": (1, 1024),
    "filters": (1, 4096),
    "depth_multiplier": (1, 64),
    "groups": (1, 4096),
}
#: Inclusive ``(min, max)`` of each component of the int-or-pair settings.
PAIR_RANGES: Mapping[str, tuple[int, int]] = {
    "kernel_size": (1, 31),
    "strides": (1, 16),
    "dilation_rate": (1, 16),
}

ROW_KEYS = ("conv2d", "grouped_conv2d", "depthwise", "pointwise", "separable", "hybrid")

#: Fairness label of each row's comparison with Conv2D.
BASELINE = "baseline"
LIKE_FOR_LIKE = "like_for_like"
GROUPED = "grouped"
NOT_LIKE_FOR_LIKE = "not_like_for_like"
FAIRNESS = {
    "conv2d": BASELINE,
    "grouped_conv2d": GROUPED,
    "depthwise": NOT_LIKE_FOR_LIKE,
    "pointwise": NOT_LIKE_FOR_LIKE,
    "separable": LIKE_FOR_LIKE,
    "hybrid": LIKE_FOR_LIKE,
}

#: Column order of ``comparison_table`` and of the CSV download.
TABLE_COLUMNS = [
    "row",
    "layer",
    "comparison",
    "output_shape",
    "params",
    "macs",
    "flops",
    "input_bytes",
    "weight_bytes",
    "output_bytes",
    "intermediate_bytes",
    "bytes_total",
    "arithmetic_intensity",
    "params_ratio",
    "macs_ratio",
    "flops_ratio",
]
#: Table columns that contain whole numbers (counts and bytes), and the ratio columns.
COUNT_COLUMNS = (
    "params",
    "macs",
    "flops",
    "input_bytes",
    "weight_bytes",
    "output_bytes",
    "intermediate_bytes",
    "bytes_total",
)
RATIO_COLUMNS = ("params_ratio", "macs_ratio", "flops_ratio")
#: Largest count a row may have. Streamlit sends table cells to the browser,
#: where JavaScript numbers are exact only up to 2**53 - 1, so a larger count
#: would show rounded (and above 2**63 - 1 the table's int64 cast fails).
MAX_COUNT = 2**53 - 1


@dataclasses.dataclass(frozen=True)
class CalculatorConfig:
    """One layer configuration, with Keras's argument names and defaults where Keras has one.

    Pairs are ``(height, width)``. ``dtype`` only changes the byte counts.
    """

    height: int = 56
    width: int = 56
    channels: int = 32
    batch_size: int = 1
    kernel_size: tuple[int, int] = (3, 3)
    strides: tuple[int, int] = (1, 1)
    padding: str = "same"
    dilation_rate: tuple[int, int] = (1, 1)
    filters: int = 64
    depth_multiplier: int = 1
    groups: int = 1
    use_bias: bool = True
    dtype: str = "float32"

    @property
    def input_shape(self) -> tuple[int, int, int]:
        """``(height, width, channels)`` without the batch dimension."""
        return (self.height, self.width, self.channels)

    def spatial_arguments(self) -> dict[str, object]:
        """Return the arguments every row shares: kernel_size, strides, padding, dilation_rate."""
        return {
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "dilation_rate": self.dilation_rate,
        }


DEFAULT_CONFIG = CalculatorConfig()


@dataclasses.dataclass(frozen=True)
class ComparisonRow:
    """The figures of one row of the comparison table.

    ``layers`` contains the ``LayerCost`` of each Keras layer in the row (two
    for ``hybrid``, one otherwise). Byte counts follow ``core.cost``: the
    hybrid's depthwise output is written and read back once, like the
    intermediate tensor of ``SeparableConv2D``. Ratios are this row's figure
    divided by Conv2D's, ``None`` when the Conv2D row is invalid.
    """

    key: str
    fairness: str
    keras_code: str
    layers: tuple[LayerCost, ...]
    output_shape: tuple[int, int, int]
    params: int
    macs: int
    flops: int
    input_bytes: int
    weight_bytes: int
    output_bytes: int
    intermediate_bytes: int
    params_ratio: float | None = None
    macs_ratio: float | None = None
    flops_ratio: float | None = None

    @property
    def layer_name(self) -> str:
        """Keras class names of the row's layers, joined with " + "."""
        return " + ".join(cost.layer_type for cost in self.layers)

    @property
    def bytes_total(self) -> int:
        """Input + weights + output + intermediate traffic, in bytes."""
        return self.input_bytes + self.weight_bytes + self.output_bytes + self.intermediate_bytes

    @property
    def arithmetic_intensity(self) -> float:
        """FLOPs per byte of memory traffic."""
        return self.flops / self.bytes_total


@dataclasses.dataclass(frozen=True)
class Comparison:
    """All rows that are valid for one configuration, and the error of each invalid row."""

    config: CalculatorConfig
    rows: tuple[ComparisonRow, ...]
    errors: Mapping[str, ConfigError]

    def row(self, key: str) -> ComparisonRow | None:
        """Return the row named ``key``, or ``None`` when it is invalid or not shown."""
        return next((row for row in self.rows if row.key == key), None)


def _format_pair(value: tuple[int, int]) -> str:
    return str(value[0]) if value[0] == value[1] else f"({value[0]}, {value[1]})"


def keras_code(key: str, config: CalculatorConfig) -> str:
    """Return the Keras 3 code that builds the layer(s) of row ``key``.

    >>> keras_code("depthwise", CalculatorConfig())
    'keras.layers.DepthwiseConv2D(kernel_size=3, strides=1, padding="same", dilation_rate=1, depth_multiplier=1, use_bias=True)'
    """
    spatial = (
        f'kernel_size={_format_pair(config.kernel_size)}, strides={_format_pair(config.strides)}, '
        f'padding="{config.padding}", dilation_rate={_format_pair(config.dilation_rate)}'
    )
    bias = f"use_bias={config.use_bias}"
    depthwise = f"keras.layers.DepthwiseConv2D({spatial}, depth_multiplier={config.depth_multiplier}, {bias})"
    pointwise = f"keras.layers.Conv2D(filters={config.filters}, kernel_size=1, {bias})"
    if key == "conv2d":
        return f"keras.layers.Conv2D(filters={config.filters}, {spatial}, {bias})"
    if key == "grouped_conv2d":
        return f"keras.layers.Conv2D(filters={config.filters}, {spatial}, groups={config.groups}, {bias})"
    if key == "depthwise":
        return depthwise
    if key == "pointwise":
        return pointwise
    if key == "separable":
        return (
            f"keras.layers.SeparableConv2D(filters={config.filters}, {spatial}, "
            f"depth_multiplier={config.depth_multiplier}, {bias})"
        )
    if key == "hybrid":
        return f"{depthwise}\n{pointwise}"
    raise ValueError(f"Unknown row key {key!r}. Expected one of: {', '.join(ROW_KEYS)}.")


def _layer_costs(key: str, config: CalculatorConfig) -> tuple[LayerCost, ...]:
    common = {"batch_size": config.batch_size, "dtype": config.dtype, "use_bias": config.use_bias}
    spatial = config.spatial_arguments()
    if key in ("conv2d", "grouped_conv2d"):
        groups = config.groups if key == "grouped_conv2d" else 1
        return (layer_cost("Conv2D", config.input_shape, filters=config.filters, groups=groups, **spatial, **common),)
    if key == "separable":
        return (
            layer_cost(
                "SeparableConv2D",
                config.input_shape,
                filters=config.filters,
                depth_multiplier=config.depth_multiplier,
                **spatial,
                **common,
            ),
        )
    depthwise = layer_cost(
        "DepthwiseConv2D", config.input_shape, depth_multiplier=config.depth_multiplier, **spatial, **common
    )
    if key == "depthwise":
        return (depthwise,)
    pointwise = layer_cost("Conv2D", depthwise.output_shape, filters=config.filters, kernel_size=1, **common)
    if key == "pointwise":
        return (pointwise,)
    return (depthwise, pointwise)


def _build_row(key: str, config: CalculatorConfig, layers: tuple[LayerCost, ...]) -> ComparisonRow:
    first, last = layers[0], layers[-1]
    # Between two stacked layers the first one's output is written once and
    # read back once by the second.
    between = sum(cost.output_bytes + layers[index + 1].input_bytes for index, cost in enumerate(layers[:-1]))
    return ComparisonRow(
        key=key,
        fairness=FAIRNESS[key],
        keras_code=keras_code(key, config),
        layers=layers,
        output_shape=last.output_shape,
        params=sum(cost.params for cost in layers),
        macs=sum(cost.macs for cost in layers),
        flops=sum(cost.flops for cost in layers),
        input_bytes=first.input_bytes,
        weight_bytes=sum(cost.weight_bytes for cost in layers),
        output_bytes=last.output_bytes,
        intermediate_bytes=sum(cost.intermediate_bytes for cost in layers) + between,
    )


def _ratio(value: int, baseline: int) -> float | None:
    return value / baseline if baseline else None


def _check_count_range(row: ComparisonRow) -> None:
    """Raise ``calculator.count_too_large`` when a count of ``row`` does not fit in ``MAX_COUNT``."""
    name, value = max(((name, getattr(row, name)) for name in COUNT_COLUMNS), key=lambda item: item[1])
    name = {"macs": "MACs", "flops": "FLOPs"}.get(name, name)
    if value > MAX_COUNT:
        raise ConfigError(
            "calculator.count_too_large",
            f"{row.layer_name} would have {value:,} {name} here, more than {MAX_COUNT:,}, the highest "
            "count a table in the browser shows exactly. Reduce batch_size, height, width, channels, "
            "filters or depth_multiplier.",
            layer=row.layer_name,
            name=name,
            value=f"{value:,}",
            limit=f"{MAX_COUNT:,}",
        )


def compare_layers(config: CalculatorConfig) -> Comparison:
    """Count every row for ``config``, leaving out invalid rows and keeping their errors.

    ``grouped_conv2d`` is counted only when ``config.groups > 1``. An invalid
    row (for example Conv2D with both ``strides`` > 1 and ``dilation_rate``
    > 1, which Keras rejects) never stops the others from being counted. A
    row with a count above ``MAX_COUNT`` is invalid too, because the browser
    would show it rounded.

    >>> comparison = compare_layers(CalculatorConfig(height=14, width=14, channels=512, filters=512, use_bias=False))
    >>> comparison.row("conv2d").macs, comparison.row("separable").macs
    (462422016, 52283392)
    """
    rows: list[ComparisonRow] = []
    errors: dict[str, ConfigError] = {}
    for key in ROW_KEYS:
        if key == "grouped_conv2d" and config.groups == 1:
            continue
        try:
            row = _build_row(key, config, _layer_costs(key, config))
            _check_count_range(row)
        except ConfigError as exc:
            logger.debug("Row %s is invalid for %s: %s", key, config, exc)
            errors[key] = exc
            continue
        rows.append(row)

    baseline = next((row for row in rows if row.key == "conv2d"), None)
    if baseline is not None:
        rows = [
            dataclasses.replace(
                row,
                params_ratio=_ratio(row.params, baseline.params),
                macs_ratio=_ratio(row.macs, baseline.macs),
                flops_ratio=_ratio(row.flops, baseline.flops),
            )
            for row in rows
        ]
    return Comparison(config=config, rows=tuple(rows), errors=errors)


def comparison_table(comparison: Comparison) -> pd.DataFrame:
    """Return the rows as a DataFrame with ``TABLE_COLUMNS`` and ``<NA>`` for missing ratios.

    ``output_shape`` is written ``H×W×C`` and ``comparison`` contains the
    fairness label (``baseline``, ``like_for_like``, ``grouped`` or
    ``not_like_for_like``).
    """
    records = [
        {
            "row": row.key,
            "layer": row.layer_name,
            "comparison": row.fairness,
            "output_shape": "×".join(str(size) for size in row.output_shape),
            "params": row.params,
            "macs": row.macs,
            "flops": row.flops,
            "input_bytes": row.input_bytes,
            "weight_bytes": row.weight_bytes,
            "output_bytes": row.output_bytes,
            "intermediate_bytes": row.intermediate_bytes,
            "bytes_total": row.bytes_total,
            "arithmetic_intensity": row.arithmetic_intensity,
            "params_ratio": row.params_ratio,
            "macs_ratio": row.macs_ratio,
            "flops_ratio": row.flops_ratio,
        }
        for row in comparison.rows
    ]
    table = pd.DataFrame.from_records(records, columns=TABLE_COLUMNS)
    # An empty table or a column of None would otherwise get the object dtype.
    return table.astype({column: "int64" for column in COUNT_COLUMNS} | {column: "Float64" for column in RATIO_COLUMNS})


def table_csv(comparison: Comparison, table: pd.DataFrame | None = None) -> str:
    """Return the comparison table as CSV text, with the configuration as leading ``#`` lines.

    ``table`` is ``comparison_table(comparison)`` when the caller already built it.
    """
    if table is None:
        table = comparison_table(comparison)
    config = comparison.config
    header = "".join(f"# {name}={value}\n" for name, value in query_params_from_config(config).items())
    return header + table.to_csv(index=False)


@dataclasses.dataclass(frozen=True)
class TextbookRatio:
    """The exact SeparableConv2D / Conv2D ratios beside the textbook estimate 1/N + 1/K².

    ``kernel_area`` is K² (kernel height × width) and ``filters`` is N. The
    estimate ignores biases and assumes ``depth_multiplier=1``. Without bias
    and with ``depth_multiplier=1`` it equals the exact MAC ratio.
    """

    filters: int
    kernel_area: int
    approximation: float
    macs_ratio: float
    params_ratio: float
    flops_ratio: float


def textbook_ratio(comparison: Comparison) -> TextbookRatio | None:
    """Return the exact and textbook separable/standard ratios, or ``None`` if a row is invalid.

    >>> ratio = textbook_ratio(compare_layers(CalculatorConfig(filters=64, use_bias=False)))
    >>> round(ratio.approximation, 6) == round(1 / 64 + 1 / 9, 6) == round(ratio.macs_ratio, 6)
    True
    """
    conv, separable = comparison.row("conv2d"), comparison.row("separable")
    if conv is None or separable is None:
        return None
    config = comparison.config
    kernel_area = config.kernel_size[0] * config.kernel_size[1]
    return TextbookRatio(
        filters=config.filters,
        kernel_area=kernel_area,
        approximation=1 / config.filters + 1 / kernel_area,
        macs_ratio=separable.macs / conv.macs,
        params_ratio=separable.params / conv.params,
        flops_ratio=separable.flops / conv.flops,
    )


# --- Formulas -------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Formula:
    """One count written as a formula, then with the user's numbers substituted.

    ``terms`` is the substituted sum of products: the count equals
    ``sum(math.prod(term) for term in terms)``, and ``value`` is the count
    from ``core.cost`` that this sum reproduces. ``factored_latex``, when
    set, shows the same sum with a common factor pulled out, so that a long
    formula fits on the page.
    """

    row: str
    quantity: str
    symbolic: str
    terms: tuple[tuple[int, ...], ...]
    value: int
    factored_latex: str = ""

    @property
    def latex(self) -> str:
        """The formula, the substituted numbers and the value, as one LaTeX equation."""
        substituted = self.factored_latex or " + ".join(
            r" \times ".join(_latex_number(factor) for factor in term) for term in self.terms
        )
        return rf"\text{{{self.quantity}}} = {self.symbolic} = {substituted} = {_latex_number(self.value)}"


def _latex_number(value: int) -> str:
    return f"{value:,}".replace(",", "{,}")


def _conv2d_formulas(row: ComparisonRow, groups_symbol: bool) -> list[Formula]:
    (cost,) = row.layers
    batch = cost.batch_size
    out_h, out_w, filters = cost.output_shape
    kernel_h, kernel_w = cost.config["kernel_size"]
    groups = cost.config["groups"]
    channels_per_group = cost.input_shape[2] // groups
    if groups_symbol:
        channel_symbol = r"\tfrac{C}{g}"
    elif row.key == "pointwise":
        # The pointwise layer reads the depthwise output, which has C * m channels.
        channel_symbol = "(C m)"
    else:
        channel_symbol = "C"
    use_bias = cost.config["use_bias"]
    params_terms = [(kernel_h, kernel_w, channels_per_group, filters)] + ([(filters,)] if use_bias else [])
    macs_term = (batch, out_h, out_w, filters, kernel_h, kernel_w, channels_per_group)
    return [
        Formula(
            row.key,
            "params",
            rf"K_h K_w {channel_symbol} N" + (" + N" if use_bias else ""),
            tuple(params_terms),
            cost.params,
        ),
        Formula(row.key, "MACs", rf"B H_{{out}} W_{{out}} N K_h K_w {channel_symbol}", (macs_term,), cost.macs),
    ]


def _depthwise_formulas(row: ComparisonRow) -> list[Formula]:
    (cost,) = row.layers
    out_h, out_w, _ = cost.output_shape
    kernel_h, kernel_w = cost.config["kernel_size"]
    multiplier = cost.config["depth_multiplier"]
    channels = cost.input_shape[2]
    use_bias = cost.config["use_bias"]
    params_terms = [(kernel_h, kernel_w, channels, multiplier)] + ([(channels, multiplier)] if use_bias else [])
    return [
        Formula(row.key, "params", "K_h K_w C m" + (" + C m" if use_bias else ""), tuple(params_terms), cost.params),
        Formula(
            row.key,
            "MACs",
            r"B H_{out} W_{out} C m K_h K_w",
            ((cost.batch_size, out_h, out_w, channels, multiplier, kernel_h, kernel_w),),
            cost.macs,
        ),
    ]


def _separable_formulas(row: ComparisonRow) -> list[Formula]:
    (cost,) = row.layers
    out_h, out_w, filters = cost.output_shape
    kernel_h, kernel_w = cost.config["kernel_size"]
    multiplier = cost.config["depth_multiplier"]
    channels = cost.input_shape[2]
    use_bias = cost.config["use_bias"]
    batch = cost.batch_size
    params_terms = [(kernel_h, kernel_w, channels, multiplier), (channels, multiplier, filters)]
    if use_bias:
        params_terms.append((filters,))
    return [
        Formula(
            row.key,
            "params",
            "K_h K_w C m + C m N" + (" + N" if use_bias else ""),
            tuple(params_terms),
            cost.params,
        ),
        Formula(
            row.key,
            "MACs",
            r"B H_{out} W_{out} C m (K_h K_w + N)",
            (
                (batch, out_h, out_w, channels, multiplier, kernel_h, kernel_w),
                (batch, out_h, out_w, channels, multiplier, filters),
            ),
            cost.macs,
            factored_latex=r" \times ".join(
                [*(_latex_number(factor) for factor in (batch, out_h, out_w, channels, multiplier))]
                + [rf"({kernel_h} \times {kernel_w} + {_latex_number(filters)})"]
            ),
        ),
    ]


def _flops_formula(row: ComparisonRow) -> Formula:
    (cost,) = row.layers
    out_h, out_w, out_channels = cost.output_shape
    terms = [(2, cost.macs)]
    symbolic = r"2 \times \text{MACs}"
    if cost.bias_adds:
        terms.append((cost.batch_size, out_h, out_w, out_channels))
        symbolic += r" + B H_{out} W_{out} C_{out}"
    return Formula(row.key, "FLOPs", symbolic, tuple(terms), cost.flops)


def formulas(comparison: Comparison) -> list[Formula]:
    """Return params, MACs and FLOPs formulas for every valid single-layer row.

    The hybrid row has none of its own: it is the depthwise row plus the
    pointwise row. Symbols: B batch size, H_out and W_out the output size,
    C input channels, N filters, K_h and K_w the kernel size, g groups and m
    depth_multiplier.
    """
    result: list[Formula] = []
    for row in comparison.rows:
        if row.key in ("conv2d", "grouped_conv2d", "pointwise"):
            result.extend(_conv2d_formulas(row, groups_symbol=row.key == "grouped_conv2d"))
        elif row.key == "depthwise":
            result.extend(_depthwise_formulas(row))
        elif row.key == "separable":
            result.extend(_separable_formulas(row))
        else:
            continue
        result.append(_flops_formula(row))
    return result


def output_size_latex(config: CalculatorConfig) -> list[str]:
    """Return the output height and width as LaTeX equations with the user's numbers.

    'same' padding gives ``ceil(L / s)`` and 'valid' gives
    ``floor((L - (K - 1) d - 1) / s) + 1``, as in Keras 3. The value comes
    from ``core.cost.conv_output_length``. Under 'valid' with a kernel that
    does not fit, that function raises, so the equation ends in "< 1" and
    ``compare_layers`` reports the error.
    """
    equations = []
    for axis, suffix, length, kernel, stride, dilation in (
        ("H", "h", config.height, config.kernel_size[0], config.strides[0], config.dilation_rate[0]),
        ("W", "w", config.width, config.kernel_size[1], config.strides[1], config.dilation_rate[1]),
    ):
        try:
            value = str(conv_output_length(length, kernel, stride, config.padding, dilation))
        except ConfigError:
            value = "< 1"
        if config.padding == "same":
            equations.append(
                rf"{axis}_{{out}} = \left\lceil \frac{{{axis}}}{{s_{suffix}}} \right\rceil = "
                rf"\left\lceil \frac{{{length}}}{{{stride}}} \right\rceil = {value}"
            )
        else:
            equations.append(
                rf"{axis}_{{out}} = \left\lfloor \frac{{{axis} - (K_{suffix} - 1) d_{suffix} - 1}}{{s_{suffix}}} "
                rf"\right\rfloor + 1 = \left\lfloor \frac{{{length} - ({kernel} - 1) \times {dilation} - 1}}"
                rf"{{{stride}}} \right\rfloor + 1 {'' if value == '< 1' else '= '}{value}"
            )
    return equations


def ratio_latex(ratio: TextbookRatio, comparison: Comparison) -> tuple[str, str]:
    """Return ``(exact, textbook)`` LaTeX for the SeparableConv2D / Conv2D MAC ratio."""
    conv, separable = comparison.row("conv2d"), comparison.row("separable")
    exact = (
        r"\frac{\text{MACs}_{\text{SeparableConv2D}}}{\text{MACs}_{\text{Conv2D}}} = "
        rf"\frac{{{_latex_number(separable.macs)}}}{{{_latex_number(conv.macs)}}} = {ratio.macs_ratio:.4f}"
    )
    textbook = (
        r"\frac{1}{N} + \frac{1}{K^2} = "
        rf"\frac{{1}}{{{ratio.filters}}} + \frac{{1}}{{{ratio.kernel_area}}} = {ratio.approximation:.4f}"
    )
    return exact, textbook


# --- Chart data -----------------------------------------------------------

#: Rows drawn in the sweep charts. The pointwise and hybrid rows are left
#: out to keep the lines readable: both are close to SeparableConv2D.
SWEEP_ROWS = ("conv2d", "grouped_conv2d", "depthwise", "separable")
SWEEP_VALUES = tuple(2**power for power in range(13))
HEATMAP_KERNELS = (1, 3, 5, 7, 9, 11)
HEATMAP_FILTERS = (8, 16, 32, 64, 128, 256, 512, 1024, 2048)


def sweep(config: CalculatorConfig, over: str) -> pd.DataFrame:
    """Return params and MACs of the sweep rows as ``over`` grows through powers of two.

    ``over`` is "filters" or "channels". The user's own value is added to
    the powers of two (1 to 4096). Points where a row is invalid (for example
    filters not divisible by groups) are left out of that row's line.

    Returns:
        A long DataFrame with columns ``value`` (the swept setting), ``row``,
        ``layer``, ``metric`` ("params" or "MACs") and ``count``.
    """
    if over not in ("filters", "channels"):
        raise ValueError(
            f"Invalid value for argument `over`. Expected 'filters' or 'channels'. Received over={over!r}."
        )
    values = sorted(set(SWEEP_VALUES) | {getattr(config, over)})
    records = []
    for value in values:
        comparison = compare_layers(dataclasses.replace(config, **{over: value}))
        for row in comparison.rows:
            if row.key not in SWEEP_ROWS:
                continue
            point = {"value": value, "row": row.key, "layer": row.layer_name}
            records.append({**point, "metric": "params", "count": row.params})
            records.append({**point, "metric": "MACs", "count": row.macs})
    return pd.DataFrame.from_records(records, columns=["value", "row", "layer", "metric", "count"])


def ratio_grid(config: CalculatorConfig) -> pd.DataFrame:
    """Return SeparableConv2D / Conv2D ratios over square kernel sizes × filters.

    Every other setting is the user's. The user's filters and kernel height
    are added to the grid. A cell where either layer is invalid (a kernel
    that does not fit under 'valid', or Conv2D with strides and dilation
    both > 1) is left out.

    Returns:
        Columns ``kernel_size``, ``filters``, ``macs_ratio``,
        ``params_ratio`` and ``approximation`` (1/N + 1/K²).
    """
    kernels = sorted(set(HEATMAP_KERNELS) | {config.kernel_size[0]})
    filters_values = sorted(set(HEATMAP_FILTERS) | {config.filters})
    records = []
    for kernel in kernels:
        for filters in filters_values:
            comparison = compare_layers(
                dataclasses.replace(config, kernel_size=(kernel, kernel), filters=filters, groups=1)
            )
            ratio = textbook_ratio(comparison)
            if ratio is None:
                continue
            records.append(
                {
                    "kernel_size": kernel,
                    "filters": filters,
                    "macs_ratio": ratio.macs_ratio,
                    "params_ratio": ratio.params_ratio,
                    "approximation": ratio.approximation,
                }
            )
    return pd.DataFrame.from_records(
        records, columns=["kernel_size", "filters", "macs_ratio", "params_ratio", "approximation"]
    )


def separable_split(comparison: Comparison) -> pd.DataFrame:
    """Return how SeparableConv2D's params, MACs and FLOPs split between its two halves.

    Returns:
        Columns ``part`` ("depthwise" or "pointwise"), ``metric`` ("params",
        "MACs" or "FLOPs"), ``count`` and ``share`` (of the layer's total,
        0 to 1). Empty when the SeparableConv2D row is invalid.
    """
    columns = ["part", "metric", "count", "share"]
    row = comparison.row("separable")
    if row is None:
        return pd.DataFrame(columns=columns)
    (cost,) = row.layers
    records = []
    for metric, total in (("params", cost.params), ("MACs", cost.macs), ("FLOPs", cost.flops)):
        for name, part in zip(("depthwise", "pointwise"), cost.parts, strict=True):
            count = {"params": part.params, "MACs": part.macs, "FLOPs": part.flops}[metric]
            records.append({"part": name, "metric": metric, "count": count, "share": count / total if total else 0.0})
    return pd.DataFrame.from_records(records, columns=columns)


# --- URL query parameters -------------------------------------------------


@dataclasses.dataclass(frozen=True)
class FallbackNote:
    """A URL value that was rejected, and the default used instead.

    ``reason`` is one of "not_integer", "not_pair", "out_of_range",
    "not_choice" and "not_boolean". ``allowed`` describes the valid values
    ("1–4096" or "same, valid").
    """

    name: str
    received: str
    default: str
    reason: str
    allowed: str


_TRUE_WORDS = ("true", "1", "yes", "on")
_FALSE_WORDS = ("false", "0", "no", "off")


def _last_value(value: object) -> str:
    # Streamlit's query_params returns the last value of a repeated key, so a
    # list of values (as from urllib.parse.parse_qs) gives its last item too.
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else ""
    return str(value).strip()


def _format_url_pair(value: tuple[int, int]) -> str:
    return str(value[0]) if value[0] == value[1] else f"{value[0]}x{value[1]}"


def _parse_int(name: str, text: str) -> tuple[int | None, str | None]:
    low, high = INT_RANGES[name]
    try:
        number = int(text)
    except ValueError:
        return None, "not_integer"
    if not low <= number <= high:
        return None, "out_of_range"
    return number, None


def _parse_pair(name: str, text: str) -> tuple[tuple[int, int] | None, str | None]:
    low, high = PAIR_RANGES[name]
    parts = [part.strip() for part in text.lower().replace(",", "x").split("x")]
    if len(parts) not in (1, 2):
        return None, "not_pair"
    try:
        numbers = [int(part) for part in parts]
    except ValueError:
        return None, "not_pair"
    if not all(low <= number <= high for number in numbers):
        return None, "out_of_range"
    return (numbers[0], numbers[-1]), None


def _parse_bool(text: str) -> tuple[bool | None, str | None]:
    lowered = text.lower()
    if lowered in _TRUE_WORDS:
        return True, None
    if lowered in _FALSE_WORDS:
        return False, None
    return None, "not_boolean"


def _parse_choice(text: str, choices: Sequence[str]) -> tuple[str | None, str | None]:
    lowered = text.lower()
    if lowered in choices:
        return lowered, None
    return None, "not_choice"


def parse_query_params(params: Mapping[str, object]) -> tuple[CalculatorConfig, list[FallbackNote]]:
    """Read a configuration from URL query parameters, one setting at a time.

    Keys are the ``CalculatorConfig`` field names (Keras's argument names).
    A missing key takes its default silently. An invalid or out-of-range
    value takes its default and adds a ``FallbackNote``, so one bad value
    never discards the others. Pairs are written ``3`` or ``3x5`` (height ×
    width). ``use_bias`` accepts true/false, 1/0, yes/no and on/off. Keys
    that are not settings (such as ``lang``) are ignored.

    Combinations that are valid one by one but invalid together (groups
    that do not divide the channels, say) are kept: ``compare_layers``
    reports them like any other invalid configuration.

    >>> config, notes = parse_query_params({"filters": "128", "strides": "2x1", "padding": "diagonal"})
    >>> config.filters, config.strides, config.padding, [note.name for note in notes]
    (128, (2, 1), 'same', ['padding'])
    """
    values: dict[str, object] = {}
    notes: list[FallbackNote] = []
    for field in dataclasses.fields(CalculatorConfig):
        name = field.name
        if name not in params:
            continue
        text = _last_value(params[name])
        default = getattr(DEFAULT_CONFIG, name)
        if name in INT_RANGES:
            value, reason = _parse_int(name, text)
            low, high = INT_RANGES[name]
            allowed = f"{low}–{high}"
        elif name in PAIR_RANGES:
            value, reason = _parse_pair(name, text)
            low, high = PAIR_RANGES[name]
            allowed = f"{low}–{high}"
            default = _format_url_pair(default)
        elif name == "use_bias":
            value, reason = _parse_bool(text)
            allowed = "true, false"
        else:
            choices = PADDINGS if name == "padding" else DTYPES
            value, reason = _parse_choice(text, choices)
            allowed = ", ".join(choices)
        if reason is not None:
            notes.append(FallbackNote(name, text, str(default), reason, allowed))
            continue
        values[name] = value
    if notes:
        # A URL can be tens of kilobytes long, so each logged value is cut to 60 characters.
        logger.info("Rejected URL values: %s", [(note.name, note.received[:60]) for note in notes])
    return dataclasses.replace(DEFAULT_CONFIG, **values), notes


def query_params_from_config(config: CalculatorConfig) -> dict[str, str]:
    """Return every setting as URL query text that ``parse_query_params`` reads back unchanged.

    >>> query_params_from_config(CalculatorConfig(kernel_size=(3, 5)))["kernel_size"]
    '3x5'
    """
    result = {}
    for field in dataclasses.fields(CalculatorConfig):
        value = getattr(config, field.name)
        if field.name in PAIR_RANGES:
            result[field.name] = _format_url_pair(value)
        elif isinstance(value, bool):
            result[field.name] = "true" if value else "false"
        else:
            result[field.name] = str(value)
    return result


#: Chart views of the calculator page, in display order. The first is the default.
CHART_VIEWS = ("filters", "channels", "heatmap", "split")


def parse_choice_param(
    params: Mapping[str, object], name: str, choices: Sequence[str]
) -> tuple[str, FallbackNote | None]:
    """Read one choice from URL query parameters, falling back to ``choices[0]``.

    The note is ``None`` unless the URL contained a value not in ``choices``.

    >>> parse_choice_param({"chart": "pie"}, "chart", CHART_VIEWS)[1].reason
    'not_choice'
    """
    if name not in params:
        return choices[0], None
    text = _last_value(params[name])
    value, reason = _parse_choice(text, choices)
    if reason is None:
        return value, None
    return choices[0], FallbackNote(name, text, choices[0], reason, ", ".join(choices))
