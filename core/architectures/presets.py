"""MobileNetV1 and MobileNetV2 as architecture descriptions, layer for layer as Keras builds them.

Layer names, channel rounding and padding follow ``keras.applications``
(``keras/src/applications/mobilenet.py`` and ``mobilenet_v2.py`` in Keras
3.15), so ``architecture_cost`` of a preset matches ``model_cost`` of the
Keras model row by row.
"""

from __future__ import annotations

import numbers

import pandas as pd

from core import validation
from core.architectures.spec import Architecture, Block, LayerSpec, architecture_cost, standard_twin, totals
from core.errors import ConfigError

#: Width multipliers and resolutions of the published MobileNetV1 models.
V1_ALPHAS = (0.25, 0.5, 0.75, 1.0)
V1_RESOLUTIONS = (128, 160, 192, 224)
#: Width multipliers and resolutions of the published MobileNetV2 models.
V2_ALPHAS = (0.35, 0.5, 0.75, 1.0, 1.3, 1.4)
V2_RESOLUTIONS = (96, 128, 160, 192, 224)

#: Keras's smallest input for both MobileNets (``obtain_input_shape(min_size=32)``).
MIN_RESOLUTION = 32

# (pointwise filters at alpha=1, strides) of MobileNetV1's 13 depthwise blocks.
_V1_BLOCKS = (
    (64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2),
    (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1),
)  # fmt: skip
# (expansion t, filters at alpha=1, strides) of MobileNetV2's 17 inverted residual blocks.
_V2_BLOCKS = (
    (1, 16, 1), (6, 24, 2), (6, 24, 1), (6, 32, 2), (6, 32, 1), (6, 32, 1),
    (6, 64, 2), (6, 64, 1), (6, 64, 1), (6, 64, 1), (6, 96, 1), (6, 96, 1),
    (6, 96, 1), (6, 160, 2), (6, 160, 1), (6, 160, 1), (6, 320, 1),
)  # fmt: skip

_RELU6 = {"max_value": 6.0}
_V2_BN = {"epsilon": 1e-3, "momentum": 0.999}


def make_divisible(value: float, divisor: int = 8) -> int:
    """Round a channel count to a multiple of ``divisor`` the way MobileNetV2 does.

    Rounds to the nearest multiple (at least ``divisor``), then adds one
    ``divisor`` if that lost more than 10 % of ``value``.

    >>> make_divisible(32 * 0.35), make_divisible(16 * 0.75)
    (16, 16)
    """
    rounded = max(divisor, int(value + divisor / 2) // divisor * divisor)
    if rounded < 0.9 * value:
        rounded += divisor
    return rounded


def check_alpha(alpha: object) -> float:
    """Return the width multiplier as a float after checking that it is > 0."""
    if isinstance(alpha, bool) or not isinstance(alpha, numbers.Real) or not alpha > 0:
        raise ConfigError(
            "architecture.bad_alpha",
            f"Invalid value for argument `alpha`. Expected a number > 0. Received alpha={alpha!r}.",
            value=alpha,
        )
    return float(alpha)


def check_resolution(resolution: object) -> int:
    """Return the input resolution after checking that it is a whole number >= 32, as Keras requires."""
    resolution = validation.positive_int("resolution", resolution)
    if resolution < MIN_RESOLUTION:
        raise ConfigError(
            "architecture.resolution_too_small",
            f"Invalid value for argument `resolution`. Keras's MobileNets need at least "
            f"{MIN_RESOLUTION}×{MIN_RESOLUTION} pixels. Received resolution={resolution}.",
            minimum=MIN_RESOLUTION,
            value=resolution,
        )
    return resolution


def _conv(name, filters, kernel_size, strides=1, padding="same", use_bias=False, kind=None):
    config = {"filters": filters, "kernel_size": kernel_size, "strides": strides, "padding": padding}
    config["use_bias"] = use_bias
    return LayerSpec(name, "Conv2D", config, kind=kind)


def _depthwise(name, strides, padding, depth_multiplier=1):
    config = {"kernel_size": 3, "strides": strides, "padding": padding, "depth_multiplier": depth_multiplier}
    config["use_bias"] = False
    return LayerSpec(name, "DepthwiseConv2D", config)


def mobilenet_v1(
    alpha: float = 1.0,
    resolution: int = 224,
    include_top: bool = True,
    classes: int = 1000,
    depth_multiplier: int = 1,
) -> Architecture:
    """Describe ``keras.applications.MobileNet(alpha, depth_multiplier, input_shape=(r, r, 3))``.

    Channels are ``int(filters * alpha)``, as Keras truncates them. A
    stride-2 depthwise convolution is a ``ZeroPadding2D`` of one row and
    column at the bottom and right followed by 'valid' padding. With
    ``include_top`` the classifier is a 1×1 Conv2D on the pooled features
    (counted as "dense"), as in Keras.

    Raises:
        ConfigError: for alpha <= 0, a resolution below 32, or classes or
            depth_multiplier below 1.
    """
    alpha = check_alpha(alpha)
    resolution = check_resolution(resolution)
    classes = validation.positive_int("classes", classes)
    depth_multiplier = validation.positive_int("depth_multiplier", depth_multiplier)

    blocks = [
        Block(
            "conv1",
            "conv",
            (
                _conv("conv1", int(32 * alpha), 3, strides=2),
                LayerSpec("conv1_bn", "BatchNormalization", {}),
                LayerSpec("conv1_relu", "ReLU", _RELU6),
            ),
        )
    ]
    for block_id, (filters, strides) in enumerate(_V1_BLOCKS, start=1):
        layers = []
        if strides != 1:
            layers.append(LayerSpec(f"conv_pad_{block_id}", "ZeroPadding2D", {"padding": ((0, 1), (0, 1))}))
        padding = "same" if strides == 1 else "valid"
        layers += [
            _depthwise(f"conv_dw_{block_id}", strides, padding, depth_multiplier),
            LayerSpec(f"conv_dw_{block_id}_bn", "BatchNormalization", {}),
            LayerSpec(f"conv_dw_{block_id}_relu", "ReLU", _RELU6),
            _conv(f"conv_pw_{block_id}", int(filters * alpha), 1),
            LayerSpec(f"conv_pw_{block_id}_bn", "BatchNormalization", {}),
            LayerSpec(f"conv_pw_{block_id}_relu", "ReLU", _RELU6),
        ]
        kind = "separable" if depth_multiplier == 1 else "hybrid"
        blocks.append(Block(f"block_{block_id}", kind, tuple(layers)))
    if include_top:
        top = (
            LayerSpec("global_average_pooling2d", "GlobalAveragePooling2D", {"keepdims": True}),
            LayerSpec("dropout", "Dropout", {"rate": 1e-3}),
            _conv("conv_preds", classes, 1, use_bias=True, kind="dense"),
            LayerSpec("reshape_2", "Reshape", {"target_shape": (classes,)}),
            LayerSpec("predictions", "Activation", {"activation": "softmax"}),
        )
        blocks.append(Block("top", "head", top))
    name = f"MobileNetV1 {alpha}-{resolution}"
    return Architecture(name, (resolution, resolution, 3), tuple(blocks))


def _inverted_residual(in_channels, expansion, strides, filters, block_id, size) -> Block:
    prefix = f"block_{block_id}_" if block_id else "expanded_conv_"
    layers = []
    channels = in_channels
    if block_id:
        channels = expansion * in_channels
        layers += [
            _conv(f"{prefix}expand", channels, 1),
            LayerSpec(f"{prefix}expand_BN", "BatchNormalization", _V2_BN),
            LayerSpec(f"{prefix}expand_relu", "ReLU", _RELU6),
        ]
    if strides == 2:
        # keras.applications.imagenet_utils.correct_pad for a 3×3 kernel.
        adjust = 1 - size % 2
        layers.append(LayerSpec(f"{prefix}pad", "ZeroPadding2D", {"padding": ((1 - adjust, 1), (1 - adjust, 1))}))
    layers += [
        _depthwise(f"{prefix}depthwise", strides, "same" if strides == 1 else "valid"),
        LayerSpec(f"{prefix}depthwise_BN", "BatchNormalization", _V2_BN),
        LayerSpec(f"{prefix}depthwise_relu", "ReLU", _RELU6),
        _conv(f"{prefix}project", filters, 1),
        LayerSpec(f"{prefix}project_BN", "BatchNormalization", _V2_BN),
    ]
    return Block(prefix.rstrip("_"), "inverted_residual", tuple(layers))


def mobilenet_v2(alpha: float = 1.0, resolution: int = 224, include_top: bool = True, classes: int = 1000) -> Architecture:
    """Describe ``keras.applications.MobileNetV2(alpha, input_shape=(r, r, 3))``.

    Block outputs are ``make_divisible(int(filters * alpha), 8)``; the stem
    is ``make_divisible(32 * alpha, 8)``; the last 1×1 Conv2D has 1280
    filters, or ``make_divisible(1280 * alpha, 8)`` when alpha > 1. Blocks
    with stride 1 and equal input and output channels end with an Add.

    Raises:
        ConfigError: for alpha <= 0, a resolution below 32 or classes below 1.
    """
    alpha = check_alpha(alpha)
    resolution = check_resolution(resolution)
    classes = validation.positive_int("classes", classes)

    channels = make_divisible(32 * alpha, 8)
    blocks = [
        Block(
            "Conv1",
            "conv",
            (
                _conv("Conv1", channels, 3, strides=2),
                LayerSpec("bn_Conv1", "BatchNormalization", _V2_BN),
                LayerSpec("Conv1_relu", "ReLU", _RELU6),
            ),
        )
    ]
    size = (resolution - 1) // 2 + 1
    previous = "Conv1_relu"
    for block_id, (expansion, filters, strides) in enumerate(_V2_BLOCKS):
        out_channels = make_divisible(int(filters * alpha), 8)
        block = _inverted_residual(channels, expansion, strides, out_channels, block_id, size)
        if strides == 1 and channels == out_channels:
            name = f"{block.name}_add"
            add = LayerSpec(name, "Add", {}, inputs=(previous, block.layers[-1].name))
            block = Block(block.name, block.kind, (*block.layers, add))
        blocks.append(block)
        previous = block.layers[-1].name
        channels = out_channels
        size = (size - 1) // strides + 1

    last_filters = make_divisible(1280 * alpha, 8) if alpha > 1.0 else 1280
    head = [
        _conv("Conv_1", last_filters, 1, padding="valid"),
        LayerSpec("Conv_1_bn", "BatchNormalization", _V2_BN),
        LayerSpec("out_relu", "ReLU", _RELU6),
    ]
    if include_top:
        head += [
            LayerSpec("global_average_pooling2d", "GlobalAveragePooling2D", {}),
            LayerSpec("predictions", "Dense", {"units": classes, "activation": "softmax"}),
        ]
    blocks.append(Block("Conv_1", "head", tuple(head)))
    name = f"MobileNetV2 {alpha}-{resolution}"
    return Architecture(name, (resolution, resolution, 3), tuple(blocks))


def tradeoff_table(family: str, alphas, resolutions, include_top: bool = True) -> pd.DataFrame:
    """Count MACs and parameters of a MobileNet family over a grid of alpha and resolution.

    Args:
        family: "MobileNetV1" or "MobileNetV2".
        alphas: Width multipliers to count.
        resolutions: Input resolutions (square) to count.

    Returns:
        One row per (alpha, resolution) with the columns ``alpha``,
        ``resolution``, ``macs`` and ``params``, for the network and for its
        standard twin (``twin_macs``, ``twin_params``).
    """
    build = {"MobileNetV1": mobilenet_v1, "MobileNetV2": mobilenet_v2}[family]
    rows = []
    for alpha in alphas:
        for resolution in resolutions:
            architecture = build(alpha=alpha, resolution=resolution, include_top=include_top)
            counted = totals(architecture_cost(architecture))
            twin = totals(architecture_cost(standard_twin(architecture)))
            rows.append((alpha, resolution, counted["macs"], counted["params"], twin["macs"], twin["params"]))
    return pd.DataFrame(rows, columns=["alpha", "resolution", "macs", "params", "twin_macs", "twin_params"])
