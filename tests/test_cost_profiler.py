"""``LayerCost.flops`` agrees with TensorFlow's profiler, except where TensorFlow does extra work.

The reference is ``tf.compat.v1.profiler`` with the float-operation options,
run on the frozen graph of a ``tf.function`` that calls the Keras layer. For
configurations without dilation or groups the two counts must be equal.
The known divergences are pinned below, so a TensorFlow or Keras release
that changes them makes a test fail:

* Grouped ``Conv2D`` runs inside an XLA-compiled function call (Keras 3.15's
  TensorFlow backend, on CPU). The profiler does not look inside the call,
  and the bias addition after it has no static shape, so the whole layer
  counts 0 FLOPs.
* Dilated convolutions run through ``space_to_batch``, which pads the input
  up to a multiple of ``dilation_rate``, and the profiler counts the
  convolution over that padding too. In the cases below where the stride is
  1 and the input is already a multiple of ``dilation_rate``, the counts
  agree.
* Keras runs ``DepthwiseConv2D`` and ``SeparableConv2D`` with both
  ``strides`` > 1 and ``dilation_rate`` > 1 at stride 1 and subsamples the
  result, so the profiler counts every stride-1 output.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from core.cost import LAYER_TYPES, layer_cost
from core.errors import ConfigError
from core.tf_runtime import load_tensorflow
from tests.strategies import input_shapes, layer_configs

tf, keras = load_tensorflow()


def profiler_float_ops(layer_type, input_shape, config):
    """Return the profiler's float-operation count for one call on a batch of 1."""
    from tensorflow.python.framework.convert_to_constants import convert_variables_to_constants_v2

    layer = getattr(keras.layers, layer_type)(**config)
    batch_shape = (1, *input_shape)
    layer.build(batch_shape)
    function = tf.function(lambda inputs: layer(inputs))
    concrete = function.get_concrete_function(tf.TensorSpec(batch_shape, tf.float32))
    frozen = convert_variables_to_constants_v2(concrete)
    options = tf.compat.v1.profiler.ProfileOptionBuilder.float_operation()
    options["output"] = "none"
    profile = tf.compat.v1.profiler.profile(frozen.graph, options=options)
    return profile.total_float_ops


def cost_or_none(layer_type, input_shape, config):
    try:
        return layer_cost(layer_type, input_shape, **config)
    except ConfigError:
        return None


@pytest.mark.slow
@pytest.mark.parametrize("layer_type", LAYER_TYPES)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_flops_match_profiler(layer_type, data):
    input_shape = data.draw(input_shapes(), label="input_shape")
    config = data.draw(layer_configs(layer_type, input_shape[2], dilation=False, groups=False), label="config")
    cost = cost_or_none(layer_type, input_shape, config)
    assume(cost is not None)

    assert cost.flops == profiler_float_ops(layer_type, input_shape, config)


@pytest.mark.parametrize(
    ("layer_type", "input_shape", "config", "flops"),
    [
        # Conv2D(8, 3, strides=2, 'same') on 32x32x3: 16x16x8 outputs of 3*3*3 MACs, plus bias.
        (
            "Conv2D",
            (32, 32, 3),
            {"filters": 8, "kernel_size": 3, "strides": 2, "padding": "same"},
            2 * (16 * 16 * 8) * (3 * 3 * 3) + 16 * 16 * 8,
        ),
        # Dilated, but 32 is a multiple of dilation_rate 2, so space_to_batch adds no padding.
        (
            "Conv2D",
            (32, 32, 3),
            {"filters": 8, "kernel_size": 3, "dilation_rate": 2},
            2 * (28 * 28 * 8) * (3 * 3 * 3) + 28 * 28 * 8,
        ),
        # SeparableConv2D: depthwise 8x10x6 outputs of 3*3 MACs, pointwise 8x10x8 of 6, bias on 8x10x8.
        (
            "SeparableConv2D",
            (15, 20, 6),
            {"filters": 8, "kernel_size": 3, "strides": 2, "padding": "same"},
            2 * (8 * 10 * 6) * (3 * 3) + 2 * (8 * 10 * 8) * 6 + 8 * 10 * 8,
        ),
    ],
)
def test_known_flops_match_profiler(layer_type, input_shape, config, flops):
    assert layer_cost(layer_type, input_shape, **config).flops == flops
    assert profiler_float_ops(layer_type, input_shape, config) == flops


@pytest.mark.parametrize("use_bias", [False, True])
def test_profiler_counts_grouped_conv2d_as_zero(use_bias):
    config = {"filters": 24, "kernel_size": 3, "groups": 12, "use_bias": use_bias}
    output_elements = 6 * 6 * 24

    assert profiler_float_ops("Conv2D", (8, 8, 24), config) == 0
    assert layer_cost("Conv2D", (8, 8, 24), **config).flops == (
        2 * output_elements * (3 * 3 * (24 // 12)) + (output_elements if use_bias else 0)
    )


@pytest.mark.parametrize(
    ("layer_type", "config", "arithmetic_flops", "profiler_flops"),
    [
        # Stride 1, and 16 and 20 are multiples of 2: no padding, so the counts agree.
        (
            "DepthwiseConv2D",
            {"kernel_size": 3, "dilation_rate": 2, "use_bias": False},
            2 * (12 * 16 * 6) * (3 * 3),
            2 * (12 * 16 * 6) * (3 * 3),
        ),
        # Strides 2: the 'valid' output is 6x8x6, but Keras convolves at stride 1
        # (12x16x6) and subsamples, and the profiler counts the stride-1 work.
        (
            "DepthwiseConv2D",
            {"kernel_size": 3, "strides": 2, "dilation_rate": 2, "use_bias": False},
            2 * (6 * 8 * 6) * (3 * 3),
            2 * (12 * 16 * 6) * (3 * 3),
        ),
        # 3,240 against 19,440. The 'valid' output is 2x9x6, each 5*3 MACs. TensorFlow pads the height
        # 16 to 18 for space_to_batch with block (3, 1), giving 3 batches of
        # 6x20, convolves each at stride 1 to 2x18x6, then subsamples.
        (
            "DepthwiseConv2D",
            {"kernel_size": (5, 3), "strides": 2, "dilation_rate": (3, 1), "use_bias": False},
            2 * (2 * 9 * 6) * (5 * 3),
            2 * (3 * 2 * 18 * 6) * (5 * 3),
        ),
        # The same at stride 1: the arithmetic output is 4x18x6.
        (
            "DepthwiseConv2D",
            {"kernel_size": (5, 3), "dilation_rate": (3, 1), "use_bias": False},
            2 * (4 * 18 * 6) * (5 * 3),
            2 * (3 * 2 * 18 * 6) * (5 * 3),
        ),
        # The 'valid' output is 6x8. The depthwise half runs as 4 batches of
        # 8x10 (block (2, 2)) with 6x8x6 outputs each. The pointwise half and
        # the bias run on the subsampled 6x8, so they match the arithmetic.
        (
            "SeparableConv2D",
            {"filters": 8, "kernel_size": 3, "strides": 2, "dilation_rate": 2},
            2 * (6 * 8 * 6) * (3 * 3) + 2 * (6 * 8 * 8) * 6 + 6 * 8 * 8,
            2 * (4 * 6 * 8 * 6) * (3 * 3) + 2 * (6 * 8 * 8) * 6 + 6 * 8 * 8,
        ),
    ],
)
def test_profiler_counts_dilated_work(layer_type, config, arithmetic_flops, profiler_flops):
    assert layer_cost(layer_type, (16, 20, 6), **config).flops == arithmetic_flops
    assert profiler_float_ops(layer_type, (16, 20, 6), config) == profiler_flops


def test_profiler_counts_dilated_conv2d_padding():
    """Conv2D(2, 3, dilation_rate=2) on 7x9x2: the arithmetic output is 3x5x2.

    space_to_batch pads 7x9 to 8x10 and splits it into 4 batches of 4x5,
    each convolved to 2x3x2, so the profiler counts 4 * 2 * 3 * 2 outputs.
    """
    config = {"filters": 2, "kernel_size": 3, "dilation_rate": 2, "use_bias": False}

    assert layer_cost("Conv2D", (7, 9, 2), **config).flops == 2 * (3 * 5 * 2) * (3 * 3 * 2)
    assert profiler_float_ops("Conv2D", (7, 9, 2), config) == 2 * (4 * 2 * 3 * 2) * (3 * 3 * 2)


@pytest.mark.parametrize(
    ("height", "profiled_height"),
    [
        # 16 is a multiple of dilation_rate 2: no padding, the counts agree.
        (16, 16),
        # 15 is padded to 16 for space_to_batch, and the profiler counts the extra row.
        (15, 16),
    ],
)
def test_profiler_counts_dilated_same_padding(height, profiled_height):
    config = {"kernel_size": 3, "dilation_rate": 2, "padding": "same", "use_bias": False}

    assert layer_cost("DepthwiseConv2D", (height, 20, 6), **config).flops == 2 * (height * 20 * 6) * (3 * 3)
    assert profiler_float_ops("DepthwiseConv2D", (height, 20, 6), config) == 2 * (profiled_height * 20 * 6) * (3 * 3)
