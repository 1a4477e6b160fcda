"""``layer_cost`` agrees with Keras on output shapes, parameters, weights and rejections.

The reference is the real Keras layer: ``compute_output_shape``,
``count_params()`` and the weight shapes of the built layer, and, for a
smaller sample, the shape of a real call on a zero tensor. Keras can reject
a configuration at construction, build, ``compute_output_shape`` or call.
Wherever it does, ``layer_cost`` must raise ``ConfigError``, and it must
accept every configuration that Keras accepts.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from core.cost import LAYER_TYPES, layer_cost
from core.errors import ConfigError
from core.tf_runtime import load_tensorflow
from tests.strategies import input_shapes, layer_configs

tf, keras = load_tensorflow()

# Errors Keras and TensorFlow raise for a configuration they reject.
KERAS_REJECTIONS = (ValueError, tf.errors.InvalidArgumentError)


def build_keras_layer(layer_type, input_shape, config, *, call=False):
    """Build the Keras layer for ``input_shape`` (batch of 1).

    Returns ``(layer, output_shape, called_shape)``, where ``called_shape``
    is the shape of a real call (``None`` unless ``call``), or ``None`` when
    Keras rejects the configuration.
    """
    batch_shape = (1, *input_shape)
    try:
        layer = getattr(keras.layers, layer_type)(**config)
        layer.build(batch_shape)
        output_shape = tuple(layer.compute_output_shape(batch_shape))
        called_shape = None
        if call:
            called_shape = tuple(layer(np.zeros(batch_shape, dtype="float32")).shape)
    except KERAS_REJECTIONS:
        return None
    return layer, output_shape, called_shape


def weight_shapes_of(layer):
    return {variable.name: tuple(variable.shape) for variable in layer.weights}


def assert_matches_keras(layer_type, input_shape, config, *, call=False):
    """Check ``layer_cost`` against the Keras layer for one configuration.

    Returns whether Keras accepted the configuration.
    """
    reference = build_keras_layer(layer_type, input_shape, config, call=call)
    if reference is None:
        with pytest.raises(ConfigError):
            layer_cost(layer_type, input_shape, **config)
        return False

    layer, keras_output_shape, called_shape = reference
    cost = layer_cost(layer_type, input_shape, **config)
    assert (1, *cost.output_shape) == keras_output_shape
    assert cost.params == layer.count_params()
    assert dict(cost.weight_shapes) == weight_shapes_of(layer)
    if call:
        assert (1, *cost.output_shape) == called_shape
    return True


@pytest.mark.slow
@pytest.mark.parametrize("layer_type", LAYER_TYPES)
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_layer_cost_matches_keras(layer_type, data):
    input_shape = data.draw(input_shapes(), label="input_shape")
    config = data.draw(layer_configs(layer_type, input_shape[2]), label="config")
    accepted = assert_matches_keras(layer_type, input_shape, config)
    event("accepted by Keras" if accepted else "rejected by Keras")


@pytest.mark.slow
@pytest.mark.parametrize("layer_type", LAYER_TYPES)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_layer_cost_matches_keras_call(layer_type, data):
    input_shape = data.draw(input_shapes(max_size=9, max_channels=4), label="input_shape")
    config = data.draw(layer_configs(layer_type, input_shape[2]), label="config")
    accepted = assert_matches_keras(layer_type, input_shape, config, call=True)
    event("accepted by Keras" if accepted else "rejected by Keras")


# Named cases at the edges of what Keras accepts, so each edge is checked on
# every run and not only when hypothesis happens to draw it.
BOUNDARY_CASES = [
    # Keras rejects strides > 1 with dilation_rate > 1 for Conv2D at construction...
    ("Conv2D", (9, 9, 2), {"filters": 4, "kernel_size": 3, "strides": 2, "dilation_rate": 2}),
    ("Conv2D", (9, 9, 2), {"filters": 4, "kernel_size": 3, "strides": (2, 1), "dilation_rate": (1, 2)}),
    # ...but DepthwiseConv2D and SeparableConv2D run it: Keras 3.15's TensorFlow
    # backend convolves at stride 1 with the dilation, then subsamples.
    ("DepthwiseConv2D", (16, 20, 6), {"kernel_size": (5, 3), "strides": 2, "dilation_rate": (3, 1)}),
    ("DepthwiseConv2D", (9, 8, 3), {"kernel_size": 3, "strides": 2, "dilation_rate": 2, "padding": "same"}),
    ("SeparableConv2D", (9, 8, 3), {"filters": 5, "kernel_size": 3, "strides": 2, "dilation_rate": 2}),
    ("SeparableConv2D", (8, 9, 3), {"filters": 5, "kernel_size": 3, "strides": 3, "dilation_rate": 2, "padding": "same"}),
    # A dilated kernel that exactly fits under 'valid', and one that does not.
    ("DepthwiseConv2D", (5, 5, 2), {"kernel_size": 3, "dilation_rate": 2}),
    ("DepthwiseConv2D", (4, 5, 2), {"kernel_size": 3, "dilation_rate": 2}),
    # Kernel longer than the input is fine under 'same'.
    ("Conv2D", (2, 3, 2), {"filters": 2, "kernel_size": 5, "padding": "same"}),
    ("Conv2D", (2, 3, 2), {"filters": 2, "kernel_size": 5}),
    # 'same' with strides on odd and even sizes.
    ("Conv2D", (7, 8, 1), {"filters": 1, "kernel_size": 2, "strides": 2, "padding": "same"}),
    # groups: channels and filters must both be multiples.
    ("Conv2D", (6, 6, 6), {"filters": 9, "kernel_size": 3, "groups": 3}),
    ("Conv2D", (6, 6, 6), {"filters": 8, "kernel_size": 3, "groups": 4}),
    ("Conv2D", (6, 6, 8), {"filters": 6, "kernel_size": 3, "groups": 4}),
    # Zero or negative sizes.
    ("Conv2D", (6, 6, 2), {"filters": 0, "kernel_size": 3}),
    ("Conv2D", (6, 6, 2), {"filters": 2, "kernel_size": (3, 0)}),
    ("Conv2D", (6, 6, 2), {"filters": 2, "kernel_size": 3, "groups": 0}),
    ("DepthwiseConv2D", (6, 6, 2), {"kernel_size": 3, "depth_multiplier": 0}),
    ("DepthwiseConv2D", (6, 6, 2), {"kernel_size": 3, "strides": 0}),
    ("SeparableConv2D", (6, 6, 2), {"filters": -1, "kernel_size": 3}),
    ("SeparableConv2D", (6, 6, 2), {"filters": 2, "kernel_size": 3, "dilation_rate": 0}),
]


@pytest.mark.parametrize(("layer_type", "input_shape", "config"), BOUNDARY_CASES)
def test_boundary_case_matches_keras(layer_type, input_shape, config):
    assert_matches_keras(layer_type, input_shape, config, call=True)


@pytest.mark.parametrize(
    ("layer_type", "config"),
    [
        ("DepthwiseConv2D", {"kernel_size": (5, 3), "strides": 2, "dilation_rate": (3, 1)}),
        ("SeparableConv2D", {"filters": 4, "kernel_size": 3, "strides": (1, 2), "dilation_rate": (2, 1)}),
    ],
)
def test_strided_dilated_depthwise_is_accepted(layer_type, config):
    """Keras runs these, so they must not raise (unlike Conv2D)."""
    assert build_keras_layer(layer_type, (16, 20, 6), config, call=True) is not None
    assert layer_cost(layer_type, (16, 20, 6), **config).params > 0
