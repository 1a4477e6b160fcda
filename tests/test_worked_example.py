"""Step-by-step terms, the literal parser, the kernel repair and the TensorFlow runs of the worked example."""

import gc
import math
import sys
import threading

import numpy as np
import pytest

from core import reference
from core import worked_example as worked
from core.cost import layer_cost
from core.errors import ConfigError


@pytest.fixture(scope="module")
def classic():
    return worked.classic_example()


@pytest.fixture(scope="module")
def fixed_depthwise(classic):
    return worked.corrected_depthwise_kernel(classic["depthwise_kernel"], 3)


# ---------------------------------------------------------------------------
# Parser


@pytest.mark.parametrize(
    ("text", "kind", "shape"),
    [
        (worked.CLASSIC_IMAGE_TEXT, "image", (3, 3, 3)),
        (worked.CLASSIC_CONV_KERNEL_TEXT, "conv_kernel", (1, 2, 3, 2)),
        (worked.CLASSIC_DEPTHWISE_KERNEL_TEXT, "depthwise_kernel", (2, 2, 2, 2)),
        ("[" + worked.CLASSIC_IMAGE_TEXT + "]", "image", (3, 3, 3)),
        ("(((1, 2.5),),)", "image", (1, 1, 2)),
        ("  [[[1], [2]]]\n", "image", (1, 2, 1)),
        ("[[[[0.5]]]]", "pointwise_kernel", (1, 1, 1, 1)),
    ],
)
def test_parser_accepts_literals(text, kind, shape):
    array = worked.parse_tensor(text, kind)
    assert array.shape == shape
    assert array.dtype == np.float64


def test_parser_keeps_classic_values(classic):
    image = classic["image"]
    assert image[0, 0].tolist() == [1, 0, 2]
    assert image[2, 2].tolist() == [1, 0, 4]
    assert classic["depthwise_kernel"][0, 0, 0].tolist() == [1, 0.5]


@pytest.mark.parametrize(
    ("text", "code", "fragment"),
    [
        ("[[1, 2], [3]]", "worked.literal_ragged", "item [1] has shape (1,)"),
        ("[[[1, 2]], [[3, 4], [5, 6]]]", "worked.literal_ragged", "item [0] has shape (1, 2)"),
        ("[[[1, 'a']]]", "worked.literal_not_number", "image[0][0][1] is 'a'"),
        ("[[[1, True]]]", "worked.literal_not_number", "image[0][0][1] is True"),
        ("[[[1, None]]]", "worked.literal_not_number", "is None"),
        ("[[[1, 2j]]]", "worked.literal_not_number", "2j"),
        ("[[[1, 1e999]]]", "worked.literal_not_finite", "image[0][0][1] is inf"),
        ("[[[1, -2e6]]]", "worked.literal_not_finite", "between -1e+06 and 1e+06"),
        ("[[[1, 2]]", "worked.literal_syntax", "not a valid Python list literal"),
        ("[[[1 2]]]", "worked.literal_syntax", "line 1"),
        ("np.array([[[1]]])", "worked.literal_not_literal", "np.array"),
        ("__import__('os').system('true')", "worked.literal_not_literal", "numbers, brackets and commas"),
        ("[[[x]]]", "worked.literal_not_literal", "numbers, brackets and commas"),
        ("[]", "worked.literal_empty", "image is an empty list"),
        ("[[[1]], []]", "worked.literal_empty", "image[1] is an empty list"),
        ("[[1, 2], [3, 4]]", "worked.wrong_rank", "shape (2, 2)"),
        ("[[[[1]]], [[[2]]]]", "worked.wrong_rank", "shape (2, 1, 1, 1)"),
        ("[" * 5 + "1" + "]" * 5, "worked.wrong_rank", "3-D"),
        ("[[[0] * 9]]", "worked.literal_not_literal", "numbers, brackets and commas"),
        (str([[[0] * 5] * 9]), "worked.too_large", "shape (1, 9, 5)"),
        ("[" * 200 + "]" * 200, "worked.literal_too_deep", "nested more than 8 levels deep"),
        ("1" * (worked.MAX_TEXT_CHARS + 1), "worked.literal_too_long", "at most"),
    ],
)
def test_parser_rejects_malformed(text, code, fragment):
    with pytest.raises(ConfigError) as info:
        worked.parse_tensor(text, "image")
    assert info.value.code == code
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("kind", "shape"),
    [
        ("conv_kernel", (1, 1, 1, worked.MAX_OUT_CHANNELS + 1)),
        ("depthwise_kernel", (1, 1, 1, worked.MAX_DEPTH_MULTIPLIER + 1)),
        ("depthwise_kernel", (worked.MAX_KERNEL + 1, 1, 1, 1)),
        ("pointwise_kernel", (1, 2, 1, 1)),
        ("image", (1, 1, worked.MAX_CHANNELS + 1)),
    ],
)
def test_size_limits_rejected(kind, shape):
    with pytest.raises(ConfigError) as info:
        worked.parse_tensor(worked.format_tensor(np.ones(shape)), kind)
    assert info.value.code == "worked.too_large"
    assert str(shape) in str(info.value)


def test_parser_never_runs_code(tmp_path):
    marker = tmp_path / "ran"
    with pytest.raises(ConfigError):
        worked.parse_tensor(f"open({str(marker)!r}, 'w')", "image")
    assert not marker.exists()


def test_parser_deep_nesting_rejected():
    with pytest.raises(ConfigError):
        worked.parse_tensor("[" * 10_000 + "]" * 10_000, "image")


@pytest.mark.parametrize("kind", ["image", "conv_kernel", "depthwise_kernel", "pointwise_kernel"])
def test_format_then_parse_round_trip(classic, kind):
    text = worked.format_tensor(classic[kind])
    assert np.array_equal(worked.parse_tensor(text, kind), classic[kind])


# ---------------------------------------------------------------------------
# Step-by-step terms

SETTINGS = [
    {"strides": 1, "padding": "valid", "dilation_rate": 1},
    {"strides": 1, "padding": "same", "dilation_rate": 1},
    {"strides": 2, "padding": "same", "dilation_rate": 1},
    {"strides": 1, "padding": "same", "dilation_rate": 2},
]


@pytest.mark.parametrize("options", SETTINGS)
def test_conv_steps_add_up(classic, options):
    image, kernel = classic["image"], classic["conv_kernel"]
    bias = np.array([0.5, -1.0])
    output = reference.conv2d(image[None], kernel, bias=bias, **options)[0]
    for row, col, channel in np.ndindex(output.shape):
        steps = worked.conv2d_steps(image, kernel, row, col, channel, bias=bias, **options)
        assert len(steps.channels) == 3
        assert len(steps.terms) == 1 * 2 * 3
        assert math.isclose(steps.value, output[row, col, channel])
        assert math.isclose(sum(term.product for term in steps.terms) + bias[channel], steps.value)


@pytest.mark.parametrize("options", SETTINGS)
def test_depthwise_steps_add_up(classic, fixed_depthwise, options):
    image = classic["image"]
    output = reference.depthwise_conv2d(image[None], fixed_depthwise, **options)[0]
    for row, col, channel in np.ndindex(output.shape):
        steps = worked.depthwise_conv2d_steps(image, fixed_depthwise, row, col, channel, **options)
        assert len(steps.channels) == 1
        assert steps.channels[0].in_channel == channel // 2
        assert all(term.weight == fixed_depthwise[term.kernel_row, term.kernel_col, channel // 2, channel % 2] for term in steps.terms)
        assert math.isclose(steps.value, output[row, col, channel])


def test_pointwise_steps_add_up(classic, fixed_depthwise):
    depthwise = reference.depthwise_conv2d(classic["image"][None], fixed_depthwise)[0]
    kernel = classic["pointwise_kernel"]
    output = reference.conv2d(depthwise[None], kernel)[0]
    for row, col, channel in np.ndindex(output.shape):
        steps = worked.pointwise_steps(depthwise, kernel, row, col, channel)
        assert steps.layer_type == "SeparableConv2D"
        assert len(steps.terms) == 3 * 2
        assert math.isclose(steps.value, output[row, col, channel])


def test_classic_depthwise_element_by_hand(classic, fixed_depthwise):
    # Output channel 0 comes from the R channel and kernel[:, :, 0, 0] = [[1, 0], [-1, 1]].
    steps = worked.depthwise_conv2d_steps(classic["image"], fixed_depthwise, 0, 0, 0)
    assert [term.product for term in steps.terms] == [1 * 1, 0 * 0, 0 * -1, 1 * 1]
    assert steps.value == 2


def test_same_padding_terms_are_zero_and_marked(classic):
    # Kernel 1x2 on width 3 with 'same': one zero in total, on the right.
    steps = worked.conv2d_steps(classic["image"], classic["conv_kernel"], 0, 2, 0, padding="same")
    padded = [term for term in steps.terms if term.is_padding]
    assert steps.padding == ((0, 0), (0, 1))
    assert len(padded) == 3
    assert all(term.input_value == 0 for term in padded)
    assert all(term.input_col == 3 for term in padded)


def test_step_position_outside_output(classic):
    with pytest.raises(ValueError, match=r"outside the Conv2D output of shape \(3, 2, 2\)"):
        worked.conv2d_steps(classic["image"], classic["conv_kernel"], 0, 2, 0)


@pytest.mark.parametrize(("out_channel", "multiplier", "expected"), [(0, 1, (0, 0)), (5, 2, (2, 1)), (7, 3, (2, 1))])
def test_depthwise_source(out_channel, multiplier, expected):
    assert worked.depthwise_source(out_channel, multiplier) == expected


# ---------------------------------------------------------------------------
# Kernel repair and resizing


def test_corrected_kernel_shape_and_values(classic, fixed_depthwise):
    original = classic["depthwise_kernel"]
    assert fixed_depthwise.shape == (2, 2, 3, 2)
    assert np.array_equal(fixed_depthwise[:, :, :2], original)
    assert np.array_equal(fixed_depthwise[:, :, 2], original[:, :, 0])


def test_corrected_kernel_drops_surplus():
    kernel = np.arange(2 * 2 * 4 * 1, dtype=float).reshape(2, 2, 4, 1)
    assert np.array_equal(worked.corrected_depthwise_kernel(kernel, 2), kernel[:, :, :2])


def test_resize_keeps_shared_cells():
    resized = worked.resize_tensor(np.array([[1.0, 2.0], [3.0, 4.0]]), (3, 1))
    assert resized[:, 0].tolist() == [1, 3, 0]


def test_fit_pointwise_kernel_keeps_rows(classic):
    fitted = worked.fit_pointwise_kernel(classic["pointwise_kernel"], 8)
    assert fitted.shape == (1, 1, 8, 2)
    assert np.array_equal(fitted[:, :, :6], classic["pointwise_kernel"])


# ---------------------------------------------------------------------------
# TensorFlow runs


def test_classic_depthwise_fails_with_explained_error(classic):
    with pytest.raises(ConfigError) as info:
        worked.tf_depthwise_conv2d(classic["image"], classic["depthwise_kernel"])
    error = info.value
    assert error.code == "worked.depthwise_channels"
    assert error.params["expected_shape"] == (2, 2, 3, 2)
    assert error.params["channels"] == 3
    assert error.params["kernel_channels"] == 2
    assert "input depth must be evenly divisible by filter depth: 3 vs 2" in error.params["detail"]
    assert "function_node" not in error.params["detail"]
    assert error.params["tensorflow_raised"] is True


def test_corrected_depthwise_runs_in_tensorflow(classic, fixed_depthwise):
    output = worked.tf_depthwise_conv2d(classic["image"], fixed_depthwise, padding="same")
    expected = reference.depthwise_conv2d(classic["image"][None], fixed_depthwise, padding="same")[0]
    assert output.shape == (3, 3, 3 * 2)
    assert output[0, 0, 0] == 1 * 1 + 0 * 0 + 0 * -1 + 1 * 1
    assert np.abs(output - expected).max() <= 1e-5


def test_classic_conv_runs_in_tensorflow(classic):
    output = worked.tf_conv2d(classic["image"], classic["conv_kernel"], bias=np.array([1.0, 1.0]))
    # Row 0, columns 0-1 are pixels [1, 0, 2] and [0, 1, 1]. Filter 0 is [1, 0, -1] then [0, 1, 0].
    assert output.shape == (3, 2, 2)
    assert output[0, 0, 0] == (1 * 1 + 0 * 0 + 2 * -1) + (0 * 0 + 1 * 1 + 1 * 0) + 1


def test_conv_channel_mismatch_is_config_error(classic):
    with pytest.raises(ConfigError) as info:
        worked.tf_conv2d(classic["image"], np.ones((1, 2, 2, 2)))
    assert info.value.code == "worked.conv_channels"
    assert info.value.params["expected_shape"] == (1, 2, 3, 2)


def test_separable_matches_reference(classic, fixed_depthwise):
    bias = np.array([0.5, -0.5])
    output = worked.keras_separable_conv2d(
        classic["image"], fixed_depthwise, classic["pointwise_kernel"], strides=2, padding="same", bias=bias
    )
    depthwise = reference.depthwise_conv2d(classic["image"][None], fixed_depthwise, strides=2, padding="same")
    expected = reference.conv2d(depthwise, classic["pointwise_kernel"], bias=bias)[0]
    assert output.shape == (2, 2, 2)
    assert np.abs(output - expected).max() <= 1e-5


def test_separable_pointwise_mismatch(classic, fixed_depthwise):
    with pytest.raises(ConfigError) as info:
        worked.keras_separable_conv2d(classic["image"], fixed_depthwise, np.ones((1, 1, 4, 2)))
    assert info.value.code == "worked.pointwise_channels"
    assert info.value.params["channels"] == 3 * 2


@pytest.mark.parametrize(
    ("strides", "dilation_rate", "padding", "kernel", "code"),
    [
        (2, 2, "same", (2, 2), "worked.strides_with_dilation"),
        (1, 1, "valid", (4, 1), "kernel_too_large"),
        (1, 2, "valid", (1, 3), "kernel_too_large"),
    ],
)
def test_layer_config_rejected_before_tensorflow(classic, strides, dilation_rate, padding, kernel, code):
    with pytest.raises(ConfigError) as info:
        worked.tf_conv2d(classic["image"], np.ones(kernel + (3, 1)), strides, padding, dilation_rate)
    assert info.value.code == code


def test_tensorflow_message_cleaned():
    raw = "{{function_node __wrapped__X_device_/job:localhost}} input depth: 3 vs 2 [Op:Conv2D] name: "
    assert worked.tensorflow_message(ValueError(raw)) == "input depth: 3 vs 2"


# ---------------------------------------------------------------------------
# Cost formulas


@pytest.mark.parametrize(
    ("layer_type", "config", "params", "macs"),
    [
        ("Conv2D", {"filters": 2, "kernel_size": (1, 2)}, 1 * 2 * 3 * 2 + 2, 3 * 2 * 2 * (1 * 2 * 3)),
        ("DepthwiseConv2D", {"kernel_size": 2, "depth_multiplier": 2}, 2 * 2 * 3 * 2 + 3 * 2, 2 * 2 * 6 * (2 * 2)),
        (
            "SeparableConv2D",
            {"filters": 2, "kernel_size": 2, "depth_multiplier": 2},
            2 * 2 * 3 * 2 + 3 * 2 * 2 + 2,
            2 * 2 * 6 * (2 * 2) + 2 * 2 * 6 * 2,
        ),
        ("Conv2D", {"filters": 2, "kernel_size": 2, "use_bias": False, "padding": "same"}, 2 * 2 * 3 * 2, 3 * 3 * 2 * (2 * 2 * 3)),
    ],
)
def test_cost_formulas_fill_in_cost_model(layer_type, config, params, macs):
    formulas = {formula.quantity: formula for formula in worked.cost_formulas(layer_cost(layer_type, (3, 3, 3), **config))}
    assert formulas["params"].value == params
    assert formulas["macs"].value == macs
    for formula in formulas.values():
        assert sum(math.prod(product) for product in formula.factors) == formula.value
        assert formula.filled.count("+") == len(formula.factors) - 1


# ---------------------------------------------------------------------------
# Agreement of TensorFlow and the reference


@pytest.mark.parametrize(
    ("tensorflow_values", "reference_values", "allowed", "agrees"),
    [
        ([0.5, 1.0], [0.5, 1.0], 1e-5, True),
        ([1.0, 2.0], [1.0, 2.00001], 1e-5 * 2.00001, True),
        ([0.5, 0.0], [0.5, 2e-5], 1e-5, False),
        ([1000.0, 1.0], [1000.005, 1.0], 1e-5 * 1000.005, True),
        ([1000.0, 1.0], [1000.02, 1.0], 1e-5 * 1000.02, False),
    ],
)
def test_compare_outputs(tensorflow_values, reference_values, allowed, agrees):
    agreement = worked.compare_outputs(np.array(tensorflow_values), np.array(reference_values))
    assert math.isclose(agreement.allowed, allowed)
    assert agreement.agrees is agrees


def test_compare_outputs_shape_mismatch():
    with pytest.raises(ValueError, match=r"TensorFlow \(2,\), reference \(3,\)"):
        worked.compare_outputs(np.zeros(2), np.zeros(3))


@pytest.mark.parametrize("seed", range(5))
def test_decimal_values_agree(seed):
    # Values such as 0.1 are inexact in float32, unlike the quarters of the reference tests.
    rng = np.random.default_rng(seed)
    image = np.round(rng.uniform(-worked.MAX_ABS_VALUE, worked.MAX_ABS_VALUE, (8, 8, 4)), 1)
    kernel = np.round(rng.uniform(-10, 10, (5, 5, 4, 4)), 2)
    conv_kernel = np.round(rng.uniform(-10, 10, (5, 5, 4, 8)), 2)
    depthwise = worked.compare_outputs(
        worked.tf_depthwise_conv2d(image, kernel, padding="same"),
        reference.depthwise_conv2d(image[None], kernel, padding="same")[0],
    )
    conv = worked.compare_outputs(
        worked.tf_conv2d(image, conv_kernel, padding="same"),
        reference.conv2d(image[None], conv_kernel, padding="same")[0],
    )
    assert depthwise.agrees
    assert conv.agrees


def test_grouped_conv_kernel_rejected():
    # TensorFlow runs a 2-channel kernel on a 4-channel image as groups = 2 and raises nothing.
    with pytest.raises(ConfigError) as info:
        worked.tf_conv2d(np.ones((2, 2, 4)), np.ones((1, 1, 2, 2)))
    assert info.value.code == "worked.conv_channels"
    assert info.value.params["tensorflow_raised"] is False


class _CycleWithFinalizer:
    """Cyclic garbage whose finalizer runs Python code, so the collector hands the GIL around."""

    def __init__(self):
        self.self = self

    def __del__(self):
        sum(range(50))


def test_parser_safe_across_threads():
    # CPython 3.11's AST builder shares its recursion depth between threads;
    # without the parser's lock this setup raised SystemError hundreds of times.
    text = repr(np.arange(8 * 8 * 4).reshape(8, 8, 4).tolist())
    errors = []

    def parse_many():
        for _ in range(300):
            _CycleWithFinalizer()
            try:
                worked.parse_tensor(text, "image")
            except SystemError as exc:
                errors.append(exc)

    switch_interval = sys.getswitchinterval()
    thresholds = gc.get_threshold()
    sys.setswitchinterval(1e-6)
    gc.set_threshold(50, 5, 5)
    try:
        threads = [threading.Thread(target=parse_many) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(switch_interval)
        gc.set_threshold(*thresholds)
    assert errors == []
