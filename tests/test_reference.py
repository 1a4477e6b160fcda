"""The NumPy reference convolutions agree with TensorFlow's ops and reject shapes that do not fit."""

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from core import reference
from core.cost import same_padding
from core.tf_runtime import load_tensorflow

TOLERANCE = 1e-5


@pytest.fixture(scope="module")
def tf():
    return load_tensorflow()[0]


def tf_conv2d(tf, x, kernel, strides, padding, dilation):
    output = tf.nn.conv2d(
        x.astype(np.float32), kernel.astype(np.float32), strides=strides, padding=padding.upper(), dilations=dilation
    )
    return np.asarray(output, dtype=np.float64)


def tf_depthwise(tf, x, kernel, strides, padding, dilation):
    output = tf.nn.depthwise_conv2d(
        x.astype(np.float32),
        kernel.astype(np.float32),
        strides=[1, strides, strides, 1],
        padding=padding.upper(),
        dilations=[dilation, dilation],
    )
    return np.asarray(output, dtype=np.float64)


def quarter_values(shape):
    """Multiples of 0.25 in [-2, 2]: exact in float32, so any difference is a real disagreement."""
    size = int(np.prod(shape))
    return st.lists(st.integers(-8, 8), min_size=size, max_size=size).map(
        lambda values: np.array(values, dtype=np.float64).reshape(shape) / 4
    )


@st.composite
def convolution_cases(draw):
    height = draw(st.integers(1, 7))
    width = draw(st.integers(1, 7))
    channels = draw(st.integers(1, 3))
    kernel_h = draw(st.integers(1, 3))
    kernel_w = draw(st.integers(1, 3))
    strides = draw(st.integers(1, 2))
    # TensorFlow's CPU ops do not support strides > 1 together with dilation_rate > 1.
    dilation = 1 if strides > 1 else draw(st.integers(1, 2))
    padding = draw(st.sampled_from(["valid", "same"]))
    if padding == "valid":
        assume((kernel_h - 1) * dilation + 1 <= height and (kernel_w - 1) * dilation + 1 <= width)
    # Conv2D filters, or depth_multiplier for DepthwiseConv2D.
    out_channels = draw(st.integers(1, 3))
    x = draw(quarter_values((1, height, width, channels)))
    kernel = draw(quarter_values((kernel_h, kernel_w, channels, out_channels)))
    return x, kernel, strides, padding, dilation


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=convolution_cases())
def test_conv2d_matches_tensorflow(tf, case):
    x, kernel, strides, padding, dilation = case
    expected = tf_conv2d(tf, x, kernel, strides, padding, dilation)
    actual = reference.conv2d(x, kernel, strides, padding, dilation)
    assert actual.shape == expected.shape
    assert np.abs(actual - expected).max() <= TOLERANCE


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=convolution_cases())
def test_depthwise_matches_tensorflow(tf, case):
    x, kernel, strides, padding, dilation = case
    expected = tf_depthwise(tf, x, kernel, strides, padding, dilation)
    actual = reference.depthwise_conv2d(x, kernel, strides, padding, dilation)
    assert actual.shape == expected.shape
    assert np.abs(actual - expected).max() <= TOLERANCE


@pytest.mark.parametrize("size", [4, 5, 6, 7])
@pytest.mark.parametrize("kernel_size", [2, 3])
def test_stride_two_same_even_and_odd(tf, size, kernel_size):
    rng = np.random.default_rng(size * 10 + kernel_size)
    x = rng.integers(-3, 4, size=(1, size, size, 2)).astype(np.float64)
    kernel = rng.integers(-2, 3, size=(kernel_size, kernel_size, 2, 3)).astype(np.float64)
    conv = reference.conv2d(x, kernel, strides=2, padding="same")
    depthwise = reference.depthwise_conv2d(x, kernel, strides=2, padding="same")
    assert conv.shape == (1, (size + 1) // 2, (size + 1) // 2, 3)
    assert depthwise.shape == (1, (size + 1) // 2, (size + 1) // 2, 2 * 3)
    assert np.abs(conv - tf_conv2d(tf, x, kernel, 2, "same", 1)).max() <= TOLERANCE
    assert np.abs(depthwise - tf_depthwise(tf, x, kernel, 2, "same", 1)).max() <= TOLERANCE


@pytest.mark.parametrize(
    ("length", "kernel", "stride", "dilation"),
    [(4, 2, 2, 1), (4, 3, 2, 1), (5, 3, 2, 1), (6, 3, 1, 2), (3, 2, 1, 1), (7, 5, 3, 1)],
)
def test_same_padding_split_matches_cost_model(length, kernel, stride, dilation):
    before, after, output_length = reference.padding_amounts(length, kernel, stride, dilation, "same")
    assert (before, after) == same_padding(length, kernel, stride, dilation)
    assert output_length == -(-length // stride)
    assert after - before in (0, 1)


def test_same_padding_extra_zero_goes_bottom_right():
    # length 4, kernel 2, stride 1: one zero in total, and TensorFlow puts it after.
    x = np.arange(1.0, 17.0).reshape(1, 4, 4, 1)
    output = reference.conv2d(x, np.ones((2, 2, 1, 1)), padding="same")
    assert output[0, 0, 0, 0] == 1 + 2 + 5 + 6
    assert output[0, 3, 3, 0] == 16 + 0 + 0 + 0


def test_conv2d_hand_computed_with_bias():
    x = np.arange(9.0).reshape(1, 3, 3, 1)
    kernel = np.array([[1.0, -1.0], [2.0, 0.0]]).reshape(2, 2, 1, 1)
    output = reference.conv2d(x, kernel, bias=np.array([0.5]))
    assert output[0, 0, 0, 0] == 0 * 1 + 1 * -1 + 3 * 2 + 4 * 0 + 0.5
    assert output[0, 1, 1, 0] == 4 * 1 + 5 * -1 + 7 * 2 + 8 * 0 + 0.5


def test_depthwise_output_channel_order():
    # Output channel c * depth_multiplier + m comes from input channel c and kernel[:, :, c, m].
    x = np.array([[[[1.0, 10.0]]]])
    kernel = np.array([[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]]])
    output = reference.depthwise_conv2d(x, kernel)
    assert output[0, 0, 0].tolist() == [1 * 1, 1 * 2, 1 * 3, 10 * 4, 10 * 5, 10 * 6]


def test_dilation_skips_cells():
    x = np.arange(5.0).reshape(1, 1, 5, 1)
    output = reference.conv2d(x, np.ones((1, 2, 1, 1)), dilation_rate=2)
    assert output[0, 0, :, 0].tolist() == [0 + 2, 1 + 3, 2 + 4]


@pytest.mark.parametrize(
    ("function", "x_shape", "kernel_shape", "fragments"),
    [
        (reference.conv2d, (1, 3, 3, 3), (1, 2, 2, 2), ["(1, 2, 2, 2)", "(1, 3, 3, 3)", "(1, 2, 3, 2)"]),
        (reference.depthwise_conv2d, (1, 3, 3, 3), (2, 2, 2, 2), ["(2, 2, 2, 2)", "(1, 3, 3, 3)", "(2, 2, 3, 2)"]),
        (reference.conv2d, (3, 3, 3), (1, 1, 3, 1), ["4-D NHWC", "(3, 3, 3)"]),
        (reference.depthwise_conv2d, (1, 3, 3, 1), (3, 3, 1), ["must be 4-D", "(3, 3, 1)"]),
    ],
)
def test_shape_mismatch_names_shapes(function, x_shape, kernel_shape, fragments):
    with pytest.raises(ValueError) as info:
        function(np.zeros(x_shape), np.zeros(kernel_shape))
    for fragment in fragments:
        assert fragment in str(info.value)


def test_kernel_too_large_for_valid():
    with pytest.raises(ValueError, match="spans 5 cells"):
        reference.conv2d(np.zeros((1, 4, 4, 1)), np.zeros((3, 3, 1, 1)), dilation_rate=2)


def test_bias_wrong_shape_rejected():
    with pytest.raises(ValueError, match=r"bias must have shape \(6,\)"):
        reference.depthwise_conv2d(np.zeros((1, 2, 2, 3)), np.zeros((1, 1, 3, 2)), bias=np.zeros(3))
