"""Custom networks from a table of blocks, checked row by row.

Each row is a dict with the columns of ``ROW_COLUMNS``. All convolutions in a
custom network use padding 'same' and no bias, each followed by batch
normalization and ReLU6 (the projection of an inverted residual has no
activation), as in the MobileNets. An invalid row is skipped and reported
with its row number; the rows after it continue from the last valid shape.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from collections.abc import Iterable, Mapping

from core import validation
from core.architectures.spec import Architecture, Block, LayerSpec
from core.errors import ConfigError

#: Block types a row can have; "separable" is a hybrid block with depth_multiplier 1.
ROW_BLOCKS = ("conv", "separable", "hybrid", "inverted_residual")
ROW_COLUMNS = ("block", "filters", "kernel_size", "strides", "expansion", "depth_multiplier")
#: Columns each block type reads; the others are ignored for that row.
ROW_ARGUMENTS = {
    "conv": ("filters", "kernel_size", "strides"),
    "separable": ("filters", "kernel_size", "strides"),
    "hybrid": ("filters", "kernel_size", "strides", "depth_multiplier"),
    "inverted_residual": ("filters", "kernel_size", "strides", "expansion"),
}
_DEFAULTS = {"kernel_size": 3, "strides": 1, "expansion": 6, "depth_multiplier": 1}
_RELU6 = {"max_value": 6.0}


@dataclasses.dataclass(frozen=True)
class CustomNetwork:
    """A custom network and the errors of the rows it skipped.

    ``errors`` maps a row index (0-based, as in the table) to its error.
    """

    architecture: Architecture
    errors: Mapping[int, ConfigError]


def _row_int(row_number: int, name: str, value: object) -> int:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        value = _DEFAULTS.get(name)
        if value is None:
            raise ConfigError(
                "architecture.row_missing",
                f"Row {row_number}: `{name}` is missing. Enter a whole number >= 1.",
                row=row_number,
                name=name,
            )
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and float(value).is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(
            "architecture.row_not_positive",
            f"Row {row_number}: invalid value for `{name}`. Expected a whole number >= 1. "
            f"Received {name}={value!r}.",
            row=row_number,
            name=name,
            value=value,
        )
    return value


def check_row(row: Mapping[str, object], row_number: int, shape: tuple[int, int, int]) -> dict[str, object]:
    """Return a row's block type and arguments as ints after checking them against ``shape``.

    ``row_number`` is 1-based and appears in every message.

    Raises:
        ConfigError: for an unknown block type, a missing or non-positive
            argument, or a stride larger than the feature map that reaches
            the row (the output would have to be smaller than 1×1 for the
            stride to take effect).
    """
    block = row.get("block")
    if block not in ROW_BLOCKS:
        raise ConfigError(
            "architecture.row_unknown_block",
            f"Row {row_number}: unknown block type {block!r}. Expected one of {', '.join(ROW_BLOCKS)}.",
            row=row_number,
            value=block,
        )
    checked: dict[str, object] = {"block": block}
    for name in ROW_ARGUMENTS[block]:
        checked[name] = _row_int(row_number, name, row.get(name))
    height, width, _ = shape
    if checked["strides"] > min(height, width):
        raise ConfigError(
            "architecture.row_stride_too_large",
            f"Row {row_number}: strides={checked['strides']} is larger than the {height}×{width} "
            "feature map that reaches this row, so the map would shrink below 1×1. "
            "Use a smaller stride or a larger input resolution.",
            row=row_number,
            strides=checked["strides"],
            height=height,
            width=width,
        )
    return checked


def _conv_bn_relu(prefix, filters, kernel_size, strides, activation=True):
    config = {"filters": filters, "kernel_size": kernel_size, "strides": strides, "padding": "same", "use_bias": False}
    layers = [LayerSpec(prefix, "Conv2D", config), LayerSpec(f"{prefix}_bn", "BatchNormalization", {})]
    if activation:
        layers.append(LayerSpec(f"{prefix}_relu", "ReLU", _RELU6))
    return layers


def _depthwise_bn_relu(prefix, kernel_size, strides, depth_multiplier):
    config = {
        "kernel_size": kernel_size,
        "strides": strides,
        "padding": "same",
        "depth_multiplier": depth_multiplier,
        "use_bias": False,
    }
    return [
        LayerSpec(prefix, "DepthwiseConv2D", config),
        LayerSpec(f"{prefix}_bn", "BatchNormalization", {}),
        LayerSpec(f"{prefix}_relu", "ReLU", _RELU6),
    ]


def row_block(index: int, row: Mapping[str, object], channels: int, previous: str) -> Block:
    """Expand a checked row into its block of layers, named ``b<row number>_...``.

    ``channels`` is the input channel count and ``previous`` the name of
    the layer before the block (an inverted residual's Add reads it).
    """
    prefix = f"b{index + 1}"
    kind = row["block"]
    filters, kernel_size, strides = row["filters"], row["kernel_size"], row["strides"]
    if kind == "conv":
        layers = _conv_bn_relu(f"{prefix}_conv", filters, kernel_size, strides)
    elif kind in ("separable", "hybrid"):
        multiplier = row.get("depth_multiplier", 1)
        layers = _depthwise_bn_relu(f"{prefix}_dw", kernel_size, strides, multiplier)
        layers += _conv_bn_relu(f"{prefix}_pw", filters, 1, 1)
    else:
        expansion = row["expansion"]
        layers = []
        if expansion != 1:
            layers += _conv_bn_relu(f"{prefix}_expand", channels * expansion, 1, 1)
        layers += _depthwise_bn_relu(f"{prefix}_dw", kernel_size, strides, 1)
        layers += _conv_bn_relu(f"{prefix}_project", filters, 1, 1, activation=False)
        if strides == 1 and channels == filters:
            layers.append(LayerSpec(f"{prefix}_add", "Add", {}, inputs=(previous, layers[-1].name)))
    return Block(prefix, kind, tuple(layers))


def custom_network(
    rows: Iterable[Mapping[str, object]],
    resolution: int = 96,
    channels: int = 3,
    include_top: bool = True,
    classes: int = 10,
    name: str = "Custom network",
) -> CustomNetwork:
    """Build a network from block rows, skipping and reporting each invalid row.

    Args:
        rows: Dicts with the keys of ``ROW_COLUMNS``. Missing kernel_size,
            strides, expansion and depth_multiplier take 3, 1, 6 and 1.
        resolution: Height and width of the square input, in pixels.
        channels: Input channels.
        include_top: Add global average pooling and a Dense classifier.
        classes: Units of the classifier.

    Raises:
        ConfigError: when resolution, channels or classes is not a whole
            number >= 1 (these invalidate the whole network).
    """
    resolution = validation.positive_int("resolution", resolution)
    channels = validation.positive_int("channels", channels)
    classes = validation.positive_int("classes", classes)

    blocks = []
    errors: dict[int, ConfigError] = {}
    shape = (resolution, resolution, channels)
    previous = "input"
    for index, row in enumerate(rows):
        try:
            checked = check_row(row, index + 1, shape)
        except ConfigError as error:
            errors[index] = error
            continue
        block = row_block(index, checked, shape[2], previous)
        blocks.append(block)
        strides = checked["strides"]
        size = ((shape[0] - 1) // strides + 1, (shape[1] - 1) // strides + 1)
        out_channels = checked["filters"]
        shape = (*size, out_channels)
        previous = block.layers[-1].name
    if include_top:
        head = (
            LayerSpec("global_average_pooling2d", "GlobalAveragePooling2D", {}),
            LayerSpec("predictions", "Dense", {"units": classes, "activation": "softmax"}),
        )
        blocks.append(Block("top", "head", head))
    architecture = Architecture(name, (resolution, resolution, channels), tuple(blocks))
    return CustomNetwork(architecture, errors)


def depthwise_stack_rows(blocks: int = 4, filters: int = 64, strides_every: int = 2) -> list[dict[str, object]]:
    """Rows of a stack of classic depthwise blocks behind a 3×3 conv stem.

    Each block is DepthwiseConv2D 3×3 'same' → BatchNormalization → ReLU →
    1×1 Conv2D; every ``strides_every``-th block has stride 2 and doubles
    the filters.
    """
    rows = [{"block": "conv", "filters": filters // 2, "kernel_size": 3, "strides": 2}]
    for index in range(blocks):
        strides = 2 if index % strides_every == strides_every - 1 else 1
        filters = filters * strides
        rows.append({"block": "separable", "filters": filters, "kernel_size": 3, "strides": strides})
    return [{**_DEFAULTS, **row} for row in rows]


def hybrid_stack_rows(blocks: int = 4, filters: int = 64, depth_multiplier: int = 2) -> list[dict[str, object]]:
    """Rows of a stack of hybrid blocks (DepthwiseConv2D with ``depth_multiplier`` → 1×1 Conv2D)."""
    rows = [{"block": "conv", "filters": filters // 2, "kernel_size": 3, "strides": 2}]
    for index in range(blocks):
        rows.append(
            {
                "block": "hybrid",
                "filters": filters * 2 ** (index // 2),
                "kernel_size": 3,
                "strides": 2 if index % 2 else 1,
                "depth_multiplier": depth_multiplier,
            }
        )
    return [{**_DEFAULTS, **row} for row in rows]
