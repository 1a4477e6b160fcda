"""Architecture descriptions that the cost model counts without building Keras.

An ``Architecture`` is an input shape and a list of ``Block``s. Each block
expands into ``LayerSpec``s that carry a Keras layer class name and the
keyword arguments of that class. The same description is counted here, and
``core.architectures.keras_io`` builds it and writes it out as a script.

Layers run in order: a layer's input is the previous layer's output, except
``Add``, whose ``inputs`` name the two layers it sums.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Mapping

import pandas as pd

from core.cost import layer_cost
from core.errors import ConfigError

#: Largest network total the page shows. Table cells reach the browser as
#: JavaScript numbers, exact only up to 2**53 - 1, and the cost table's count
#: columns are int64, which overflow above 2**63 - 1.
MAX_COUNT = 2**53 - 1

#: Layer kinds used by the per-layer charts and the breakdown by kind, after
#: Table 2 ("resources per layer type") of Howard et al., MobileNets,
#: arXiv:1704.04861.
KINDS = ("standard", "depthwise", "pointwise", "dense", "other")

#: Block kinds. Blocks of the last three kinds contain a depthwise-separable
#: pair (DepthwiseConv2D followed by a 1×1 Conv2D) that ``standard_twin`` replaces.
BLOCK_KINDS = ("input", "conv", "separable", "hybrid", "inverted_residual", "head")
SEPARABLE_BLOCK_KINDS = ("separable", "hybrid", "inverted_residual")

COST_COLUMNS = [
    "block",
    "block_kind",
    "name",
    "class_name",
    "kind",
    "input_shape",
    "output_shape",
    "params",
    "macs",
    "flops",
    "params_share",
    "macs_share",
]

_SHAPE_PRESERVING = {"BatchNormalization", "ReLU", "Activation", "Dropout"}


@dataclasses.dataclass(frozen=True)
class LayerSpec:
    """One Keras layer: its name, class name and constructor arguments.

    ``inputs`` names the layers an ``Add`` sums (empty means the previous
    layer). ``kind`` overrides the kind that ``layer_kind`` derives, for
    example a 1×1 Conv2D used as the classifier counts as "dense".
    """

    name: str
    class_name: str
    config: Mapping[str, object]
    inputs: tuple[str, ...] = ()
    kind: str | None = None


@dataclasses.dataclass(frozen=True)
class Block:
    """A named group of layers of one block kind (see ``BLOCK_KINDS``)."""

    name: str
    kind: str
    layers: tuple[LayerSpec, ...]


@dataclasses.dataclass(frozen=True)
class Architecture:
    """A network: input shape ``(height, width, channels)`` and its blocks in order."""

    name: str
    input_shape: tuple[int, int, int]
    blocks: tuple[Block, ...]

    @property
    def layers(self) -> list[tuple[Block, LayerSpec]]:
        """Every layer with the block that contains it, in execution order."""
        return [(block, layer) for block in self.blocks for layer in block.layers]

    def to_json(self) -> str:
        """Serialise the whole description, so two equal networks give equal strings."""
        return json.dumps(dataclasses.asdict(self), sort_keys=True, default=list)


def layer_kind(class_name: str, config: Mapping[str, object]) -> str:
    """Return the kind of a Keras layer: standard, depthwise, pointwise, dense or other.

    A Conv2D with a 1×1 kernel and ``groups=1`` is pointwise; any other
    Conv2D is standard.

    >>> layer_kind("Conv2D", {"kernel_size": (1, 1)}), layer_kind("Conv2D", {"kernel_size": 3})
    ('pointwise', 'standard')
    """
    if class_name == "DepthwiseConv2D":
        return "depthwise"
    if class_name == "Dense":
        return "dense"
    if class_name == "Conv2D":
        kernel = config.get("kernel_size", 1)
        kernel = (kernel, kernel) if isinstance(kernel, int) else tuple(kernel)
        if kernel == (1, 1) and int(config.get("groups", 1)) == 1:
            return "pointwise"
        return "standard"
    if class_name == "SeparableConv2D":
        return "standard"
    return "other"


def _zero_padding_shape(shape, padding) -> tuple[int, ...]:
    if isinstance(padding, int):
        padding = ((padding, padding), (padding, padding))
    (top, bottom), (left, right) = ((p, p) if isinstance(p, int) else tuple(p) for p in padding)
    height, width, channels = shape
    return (height + top + bottom, width + left + right, channels)


def count_layer(layer: LayerSpec, input_shape: tuple[int, ...]) -> tuple[tuple[int, ...], int, int, int]:
    """Return ``(output_shape, params, macs, flops)`` of one layer for one input.

    Convolutions are counted by ``core.cost.layer_cost``. Dense counts one MAC
    per input feature and unit; BatchNormalization has 4 weights per channel
    (gamma, beta, moving mean and variance) and no MACs. The other supported
    layers have no weights and cost nothing under the counting convention.

    Raises:
        ConfigError: for an invalid configuration or an unsupported class.
    """
    config = dict(layer.config)
    name = layer.class_name
    if name in ("Conv2D", "DepthwiseConv2D", "SeparableConv2D"):
        cost = layer_cost(name, tuple(input_shape), **{k: v for k, v in config.items() if k != "activation"})
        return cost.output_shape, cost.params, cost.macs, cost.flops
    if name == "Dense":
        units = int(config["units"])
        positions = math.prod(input_shape[:-1])
        use_bias = bool(config.get("use_bias", True))
        macs = positions * input_shape[-1] * units
        params = input_shape[-1] * units + (units if use_bias else 0)
        return (*input_shape[:-1], units), params, macs, 2 * macs + (positions * units if use_bias else 0)
    if name == "BatchNormalization":
        return tuple(input_shape), 4 * input_shape[-1], 0, 0
    if name in _SHAPE_PRESERVING or name == "Add":
        return tuple(input_shape), 0, 0, 0
    if name == "ZeroPadding2D":
        return _zero_padding_shape(input_shape, config["padding"]), 0, 0, 0
    if name == "GlobalAveragePooling2D":
        channels = input_shape[-1]
        return ((1, 1, channels) if config.get("keepdims") else (channels,)), 0, 0, 0
    if name == "Reshape":
        return tuple(int(size) for size in config["target_shape"]), 0, 0, 0
    raise ConfigError(
        "architecture.unsupported_layer",
        f"Layer class {name} (layer {layer.name}) is not supported in an architecture "
        "description. Use Conv2D, DepthwiseConv2D, BatchNormalization, ReLU, Dense or Add.",
        class_name=name,
        name=layer.name,
    )


def architecture_cost(architecture: Architecture) -> pd.DataFrame:
    """Count every layer of ``architecture`` without building Keras, one row per layer.

    The first row is the input (no cost), as in ``core.model_cost``. Counts
    are for one input image (batch size 1). Shares are fractions of the
    network's totals (0 to 1).

    Returns:
        A DataFrame with the columns ``COST_COLUMNS``. Its ``params``,
        ``macs`` and ``flops`` columns add up to the network's totals.

    Raises:
        ConfigError: when a layer's configuration is invalid for the shape
            that reaches it, or when the total params or FLOPs exceed
            ``MAX_COUNT``.
    """
    shapes: dict[str, tuple[int, ...]] = {"input": tuple(architecture.input_shape)}
    input_shape = tuple(architecture.input_shape)
    rows = [("input", "input", "input", "InputLayer", "other", input_shape, input_shape, 0, 0, 0)]
    previous = "input"
    for block, layer in architecture.layers:
        if layer.class_name == "Add":
            first, second = (shapes[name] for name in layer.inputs)
            if first != second:
                raise ConfigError(
                    "architecture.add_mismatch",
                    f"Add layer {layer.name} sums tensors of different shapes {first} and {second}.",
                    name=layer.name,
                    first=first,
                    second=second,
                )
        input_shape = shapes[previous]
        output_shape, params, macs, flops = count_layer(layer, input_shape)
        kind = layer.kind or layer_kind(layer.class_name, layer.config)
        rows.append(
            (block.name, block.kind, layer.name, layer.class_name, kind, input_shape, output_shape, params, macs, flops)
        )
        shapes[layer.name] = output_shape
        previous = layer.name

    _check_totals(rows)
    frame = pd.DataFrame(rows, columns=COST_COLUMNS[:-2])
    for column in ("params", "macs", "flops"):
        frame[column] = frame[column].astype("int64")
    frame["params_share"] = frame["params"] / max(int(frame["params"].sum()), 1)
    frame["macs_share"] = frame["macs"] / max(int(frame["macs"].sum()), 1)
    frame.attrs["name"] = architecture.name
    return frame


def _check_totals(rows: list[tuple]) -> None:
    # Python ints are exact, so sum them before pandas stores them as int64,
    # where a larger total would overflow or wrap silently.
    for index, name in ((7, "params"), (9, "FLOPs")):
        total = sum(row[index] for row in rows)
        if total > MAX_COUNT:
            digits = str(total)
            # Above 24 digits, scientific notation keeps the message readable.
            total_text = f"{total:,}" if len(digits) <= 24 else f"{digits[0]}.{digits[1:4]}e+{len(digits) - 1}"
            largest = max(rows, key=lambda row: row[index])
            raise ConfigError(
                "architecture.count_too_large",
                f"The network would have {total_text} {name} in total, more than {MAX_COUNT:,}, the highest "
                f"count a table in the browser shows exactly. Its largest layer is {largest[2]}. Reduce "
                "filters, kernel_size, expansion, depth_multiplier or the input resolution.",
                name=name,
                value=total_text,
                limit=f"{MAX_COUNT:,}",
                layer=largest[2],
            )


def totals(frame: pd.DataFrame) -> dict[str, int]:
    """Return the network totals ``params``, ``macs`` and ``flops`` of a cost table."""
    return {column: int(frame[column].sum()) for column in ("params", "macs", "flops")}


def kind_breakdown(frame: pd.DataFrame) -> pd.DataFrame:
    """Sum MACs and parameters by layer kind, with each kind's share of the totals.

    Kinds without MACs and parameters (activations, padding) are left out;
    BatchNormalization's parameters appear under "other".
    """
    grouped = frame.groupby("kind", sort=False)[["macs", "params"]].sum()
    grouped = grouped[(grouped["macs"] > 0) | (grouped["params"] > 0)]
    grouped = grouped.reindex([kind for kind in KINDS if kind in grouped.index])
    grouped["macs_share"] = grouped["macs"] / max(int(frame["macs"].sum()), 1)
    grouped["params_share"] = grouped["params"] / max(int(frame["params"].sum()), 1)
    return grouped.reset_index()


def _twin_block(block: Block) -> Block:
    """Replace a block's DepthwiseConv2D … 1×1 Conv2D pair with one standard Conv2D."""
    classes = [layer.class_name for layer in block.layers]
    depthwise_index = classes.index("DepthwiseConv2D")
    pointwise_index = next(
        index
        for index in range(depthwise_index + 1, len(block.layers))
        if layer_kind(block.layers[index].class_name, block.layers[index].config) == "pointwise"
    )
    depthwise = block.layers[depthwise_index].config
    pointwise = block.layers[pointwise_index].config
    standard = LayerSpec(
        name=f"{block.name}_standard",
        class_name="Conv2D",
        config={
            "filters": pointwise["filters"],
            "kernel_size": depthwise["kernel_size"],
            "strides": depthwise.get("strides", 1),
            "padding": depthwise.get("padding", "valid"),
            "use_bias": pointwise.get("use_bias", True),
        },
    )
    layers = (*block.layers[:depthwise_index], standard, *block.layers[pointwise_index + 1 :])
    return Block(block.name, "conv", layers)


def standard_twin(architecture: Architecture) -> Architecture:
    """Return ``architecture`` with every depthwise-separable pair made one standard convolution.

    In each separable, hybrid or inverted-residual block, the layers from the
    DepthwiseConv2D to the following 1×1 Conv2D become a single Conv2D,
    which drops the batch normalization and activation between them. The
    new Conv2D takes the depthwise kernel size, strides and padding, and the
    pointwise filters and ``use_bias``. The input and output channels of
    every block stay the same, so an inverted residual keeps its expansion
    and its Add. For MobileNetV1 this is "Conv MobileNet" of Howard et al.,
    MobileNets, arXiv:1704.04861, Table 4 (4866 M Mult-Adds, 29.3 M weights).
    """
    blocks = tuple(
        _twin_block(block) if block.kind in SEPARABLE_BLOCK_KINDS else block for block in architecture.blocks
    )
    return Architecture(f"{architecture.name} (standard)", architecture.input_shape, blocks)
