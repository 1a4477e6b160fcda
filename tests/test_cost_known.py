"""Known values of ``layer_cost``, its error messages and its byte counts, as visible arithmetic."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import core.cost
import core.validation
from core.cost import conv_output_length, layer_cost, same_padding
from core.errors import ConfigError
from core.i18n import catalogue, placeholders


@pytest.mark.parametrize(
    ("layer_type", "input_shape", "config", "output_shape", "params", "macs"),
    [
        # DepthwiseConv2D(3) on 7 channels: one 3x3 kernel per channel, plus one bias each.
        ("DepthwiseConv2D", (28, 28, 7), {"kernel_size": 3, "use_bias": False}, (26, 26, 7), 3 * 3 * 7, 26 * 26 * 7 * 3 * 3),
        ("DepthwiseConv2D", (28, 28, 7), {"kernel_size": 3}, (26, 26, 7), 3 * 3 * 7 + 7, 26 * 26 * 7 * 3 * 3),
        # Conv2D(8, 3, strides=2, 'same') on 32x32x3: ceil(32 / 2) = 16.
        (
            "Conv2D",
            (32, 32, 3),
            {"filters": 8, "kernel_size": 3, "strides": 2, "padding": "same"},
            (16, 16, 8),
            3 * 3 * 3 * 8 + 8,
            16 * 16 * 8 * (3 * 3 * 3),
        ),
        # DepthwiseConv2D(3, dilation_rate=2, 'valid') on 256x512x3: the kernel spans (3 - 1) * 2 + 1 = 5.
        (
            "DepthwiseConv2D",
            (256, 512, 3),
            {"kernel_size": 3, "dilation_rate": 2},
            (256 - 5 + 1, 512 - 5 + 1, 3),
            3 * 3 * 3 + 3,
            (256 - 4) * (512 - 4) * 3 * (3 * 3),
        ),
        # 24 channels, 28x28 output ('same'), 3x3, no bias.
        (
            "DepthwiseConv2D",
            (28, 28, 24),
            {"kernel_size": 3, "padding": "same", "use_bias": False},
            (28, 28, 24),
            3 * 3 * 24,
            28 * 28 * 24 * (3 * 3),
        ),
        (
            "Conv2D",
            (28, 28, 24),
            {"filters": 24, "kernel_size": 3, "padding": "same", "groups": 24, "use_bias": False},
            (28, 28, 24),
            3 * 3 * 24,
            28 * 28 * 24 * (3 * 3),
        ),
        # groups=12: each filter reads 24 / 12 = 2 channels, twice the depthwise cost.
        (
            "Conv2D",
            (28, 28, 24),
            {"filters": 24, "kernel_size": 3, "padding": "same", "groups": 12, "use_bias": False},
            (28, 28, 24),
            2 * (3 * 3 * 24),
            2 * (28 * 28 * 24 * (3 * 3)),
        ),
        # MobileNet-sized layer: 14x14x512, 3x3, no bias.
        (
            "Conv2D",
            (14, 14, 512),
            {"filters": 512, "kernel_size": 3, "padding": "same", "use_bias": False},
            (14, 14, 512),
            3 * 3 * 512 * 512,
            14 * 14 * 512 * (3 * 3 * 512),
        ),
        (
            "SeparableConv2D",
            (14, 14, 512),
            {"filters": 512, "kernel_size": 3, "padding": "same", "use_bias": False},
            (14, 14, 512),
            3 * 3 * 512 + 512 * 512,
            14 * 14 * 512 * (3 * 3) + 14 * 14 * 512 * 512,
        ),
        # depth_multiplier=2 doubles the output channels and every count.
        (
            "DepthwiseConv2D",
            (10, 10, 4),
            {"kernel_size": (3, 1), "depth_multiplier": 2},
            (8, 10, 8),
            3 * 1 * 4 * 2 + 4 * 2,
            8 * 10 * 8 * (3 * 1),
        ),
    ],
)
def test_known_layer_cost(layer_type, input_shape, config, output_shape, params, macs):
    cost = layer_cost(layer_type, input_shape, **config)

    assert cost.output_shape == output_shape
    assert cost.params == params
    assert cost.macs == macs


def test_mobilenet_layer_figures_as_published():
    """Standard against separable 3x3 convolution on 14x14x512, no bias, in full digits."""
    standard = layer_cost("Conv2D", (14, 14, 512), filters=512, kernel_size=3, padding="same", use_bias=False)
    separable = layer_cost("SeparableConv2D", (14, 14, 512), filters=512, kernel_size=3, padding="same", use_bias=False)

    assert standard.macs == 462_422_016
    assert standard.params == 2_359_296
    assert separable.macs == 52_283_392
    assert separable.params == 266_752


def test_separable_parts_add_up():
    cost = layer_cost("SeparableConv2D", (15, 20, 6), filters=8, kernel_size=3, strides=2, padding="same", depth_multiplier=2)
    depthwise, pointwise = cost.parts

    assert depthwise.layer_type == "DepthwiseConv2D"
    assert pointwise.layer_type == "Conv2D"
    assert depthwise.output_shape == (8, 10, 6 * 2)
    assert pointwise.config["kernel_size"] == (1, 1)
    assert cost.params == depthwise.params + pointwise.params
    assert cost.macs == depthwise.macs + pointwise.macs
    assert cost.flops == depthwise.flops + pointwise.flops
    assert cost.intermediate_elements == 8 * 10 * 6 * 2


@settings(max_examples=200, deadline=None)
@given(
    height=st.integers(1, 40),
    width=st.integers(1, 40),
    channels=st.integers(1, 32),
    multiplier=st.integers(1, 4),
    kernel=st.tuples(st.integers(1, 5), st.integers(1, 5)),
    strides=st.tuples(st.integers(1, 3), st.integers(1, 3)),
    use_bias=st.booleans(),
)
def test_depthwise_equals_grouped_conv(height, width, channels, multiplier, kernel, strides, use_bias):
    """DepthwiseConv2D(depth_multiplier=m) costs what Conv2D(filters=C*m, groups=C) costs."""
    common = {"kernel_size": kernel, "strides": strides, "padding": "same", "use_bias": use_bias}
    depthwise = layer_cost("DepthwiseConv2D", (height, width, channels), depth_multiplier=multiplier, **common)
    grouped = layer_cost("Conv2D", (height, width, channels), filters=channels * multiplier, groups=channels, **common)

    assert depthwise.output_shape == grouped.output_shape
    assert depthwise.params == grouped.params
    assert depthwise.macs == grouped.macs
    assert depthwise.flops == grouped.flops
    assert depthwise.bytes_total == grouped.bytes_total


@pytest.mark.parametrize(
    ("length", "kernel", "stride", "padding", "dilation", "expected"),
    [
        (32, 3, 2, "same", 1, 16),
        (33, 3, 2, "same", 1, 17),
        (7, 5, 1, "same", 3, 7),
        (32, 3, 2, "valid", 1, (32 - 3) // 2 + 1),
        (16, 5, 2, "valid", 3, (16 - (5 - 1) * 3 - 1) // 2 + 1),
        (5, 3, 1, "valid", 2, 1),
    ],
)
def test_conv_output_length(length, kernel, stride, padding, dilation, expected):
    assert conv_output_length(length, kernel, stride, padding, dilation) == expected


@pytest.mark.parametrize(
    ("length", "kernel", "stride", "dilation", "expected"),
    [
        # Output 2: (2 - 1) * 2 + 3 - 4 = 1 zero in total, after.
        (4, 3, 2, 1, (0, 1)),
        # Output 3: (3 - 1) * 2 + 3 - 5 = 2 zeros, one each side.
        (5, 3, 2, 1, (1, 1)),
        (5, 3, 1, 1, (1, 1)),
        # Dilated span (3 - 1) * 2 + 1 = 5 at stride 1: 4 zeros.
        (6, 3, 1, 2, (2, 2)),
        # A 1x1 kernel never pads.
        (7, 1, 2, 1, (0, 0)),
        # Kernel longer than the input: (2 - 1) * 1 + 4 - 2 = 3 zeros, the extra one after.
        (2, 4, 1, 1, (1, 2)),
    ],
)
def test_same_padding(length, kernel, stride, dilation, expected):
    assert same_padding(length, kernel, stride, dilation) == expected


# Each ConfigError code, a call that raises it, and the words its message
# must contain: the argument, what was expected and the value received.
ERROR_CASES = [
    (
        "not_integer",
        ("Conv2D", (8, 8, 3)),
        {"filters": 8.0, "kernel_size": 3},
        ["`filters`", "Expected a whole number", "filters=8.0"],
    ),
    (
        "not_positive",
        ("Conv2D", (8, 8, 3)),
        {"filters": 0, "kernel_size": 3},
        ["`filters`", "strictly positive", "filters=0"],
    ),
    (
        "not_positive",
        ("DepthwiseConv2D", (8, 8, 3)),
        {"kernel_size": 3, "depth_multiplier": -2},
        ["`depth_multiplier`", "strictly positive", "depth_multiplier=-2"],
    ),
    (
        "not_positive",
        ("DepthwiseConv2D", (8, 0, 3)),
        {"kernel_size": 3},
        ["`input width`", "strictly positive", "input width=0"],
    ),
    (
        "not_pair",
        ("Conv2D", (8, 8, 3)),
        {"filters": 4, "kernel_size": (3, 3, 3)},
        ["`kernel_size`", "tuple of 2 ints", "kernel_size=(3, 3, 3)"],
    ),
    (
        "bad_padding",
        ("Conv2D", (8, 8, 3)),
        {"filters": 4, "kernel_size": 3, "padding": "causal"},
        ["`padding`", "'valid' or 'same'", "padding='causal'"],
    ),
    (
        "bad_input_shape",
        ("Conv2D", (1, 8, 8, 3)),
        {"filters": 4, "kernel_size": 3},
        ["`input_shape`", "(height, width, channels)", "input_shape=(1, 8, 8, 3)"],
    ),
    (
        "strides_with_dilation",
        ("Conv2D", (8, 8, 3)),
        {"filters": 4, "kernel_size": 3, "strides": 2, "dilation_rate": 2},
        ["strides > 1", "dilation_rate > 1", "strides=(2, 2)", "dilation_rate=(2, 2)"],
    ),
    (
        "channels_not_divisible",
        ("Conv2D", (8, 8, 6)),
        {"filters": 8, "kernel_size": 3, "groups": 4},
        ["input channels", "divisible by", "groups=4", "6 channels"],
    ),
    (
        "filters_not_divisible",
        ("Conv2D", (8, 8, 6)),
        {"filters": 8, "kernel_size": 3, "groups": 3},
        ["number of filters", "divisible by", "groups=3", "filters=8"],
    ),
    (
        "kernel_too_large",
        ("DepthwiseConv2D", (4, 8, 3)),
        {"kernel_size": 3, "dilation_rate": 2},
        ["padding='valid'", "spans 5", "dilation_rate 2", "input is 4 long"],
    ),
    (
        "channels_first",
        ("Conv2D", (8, 8, 3)),
        {"filters": 4, "kernel_size": 3, "data_format": "channels_first"},
        ["data_format='channels_last'", "data_format='channels_first'"],
    ),
    (
        "unexpected_argument",
        ("Conv2D", (8, 8, 3)),
        {"filters": 4, "kernel_size": 3, "depth_multiplier": 2},
        ["`depth_multiplier`", "Expected some of", "groups"],
    ),
    (
        "missing_argument",
        ("SeparableConv2D", (8, 8, 3)),
        {"kernel_size": 3},
        ["`filters`", "needs the argument", "Received none"],
    ),
    (
        "unknown_layer_type",
        ("Conv3D", (8, 8, 3)),
        {"filters": 4, "kernel_size": 3},
        ["'Conv3D'", "Expected one of", "DepthwiseConv2D"],
    ),
]


@pytest.mark.parametrize(("code", "args", "config", "fragments"), ERROR_CASES)
def test_error_code_and_message(code, args, config, fragments):
    with pytest.raises(ConfigError) as raised:
        layer_cost(*args, **config)

    assert raised.value.code == code
    assert isinstance(raised.value, ValueError)
    for fragment in fragments:
        assert fragment in str(raised.value)


def test_unknown_dtype_error():
    with pytest.raises(ConfigError) as raised:
        layer_cost("Conv2D", (8, 8, 3), dtype="float8", filters=4, kernel_size=3)

    assert raised.value.code == "unknown_dtype"
    assert "`dtype`" in str(raised.value)
    assert "float32" in str(raised.value)
    assert "dtype='float8'" in str(raised.value)


@pytest.mark.parametrize(("code", "args", "config", "fragments"), ERROR_CASES)
def test_error_params_fill_catalogue_entry(code, args, config, fragments):
    """Every error can be shown in both languages from ``errors.<code>`` and its params."""
    with pytest.raises(ConfigError) as raised:
        layer_cost(*args, **config)
    entry = catalogue()[f"errors.{code}"]

    for language in ("en", "zh"):
        assert placeholders(entry[language]) <= set(raised.value.params)


@pytest.mark.parametrize(
    ("dtype", "size"),
    [("float32", 4), ("float16", 2), ("int8", 1)],
)
def test_bytes_and_intensity(dtype, size):
    cost = layer_cost("Conv2D", (32, 32, 3), dtype=dtype, filters=8, kernel_size=3, strides=2, padding="same")
    flops = 2 * (16 * 16 * 8 * 3 * 3 * 3) + 16 * 16 * 8
    total = (32 * 32 * 3 + (3 * 3 * 3 * 8 + 8) + 16 * 16 * 8) * size

    assert cost.input_bytes == 32 * 32 * 3 * size
    assert cost.weight_bytes == (3 * 3 * 3 * 8 + 8) * size
    assert cost.output_bytes == 16 * 16 * 8 * size
    assert cost.intermediate_bytes == 0
    assert cost.bytes_total == total
    assert cost.arithmetic_intensity == pytest.approx(flops / total)


def test_batch_scales_activations_not_weights():
    single = layer_cost("DepthwiseConv2D", (28, 28, 24), kernel_size=3, padding="same")
    batch = layer_cost("DepthwiseConv2D", (28, 28, 24), batch_size=8, kernel_size=3, padding="same")

    assert batch.params == single.params
    assert batch.macs == 8 * single.macs
    assert batch.flops == 8 * single.flops
    assert batch.input_bytes == 8 * single.input_bytes
    assert batch.output_bytes == 8 * single.output_bytes
    assert batch.weight_bytes == single.weight_bytes


def test_separable_intermediate_bytes():
    """The depthwise output is written once and read back once by the pointwise half."""
    cost = layer_cost("SeparableConv2D", (14, 14, 512), filters=512, kernel_size=3, padding="same", use_bias=False)

    assert cost.intermediate_bytes == 2 * (14 * 14 * 512) * 4
    assert cost.bytes_total == (14 * 14 * 512 + (3 * 3 * 512 + 512 * 512) + 14 * 14 * 512 + 2 * 14 * 14 * 512) * 4


def test_as_dict_keys_and_values():
    cost = layer_cost("Conv2D", (32, 32, 3), filters=8, kernel_size=3, strides=2, padding="same")
    figures = cost.as_dict()

    assert figures["output_shape"] == (16, 16, 8)
    assert figures["macs"] == 16 * 16 * 8 * 3 * 3 * 3
    assert figures["flops"] == cost.flops
    assert figures["bytes_total"] == cost.bytes_total


@pytest.mark.parametrize("module", [core.cost, core.validation])
def test_docstring_examples(module):
    failures, tried = doctest.testmod(module)

    assert tried > 0
    assert failures == 0


@pytest.mark.parametrize("value", [0, -1.5, float("nan"), True, "2"])
def test_positive_float_rejects(value):
    with pytest.raises(ConfigError) as caught:
        core.validation.positive_float("time_budget_s", value)

    assert caught.value.code == "not_positive"
    assert caught.value.params["name"] == "time_budget_s"
