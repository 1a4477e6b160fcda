"""Count a built Keras model layer by layer.

``model_cost(model)`` walks ``model.layers`` and sends each layer to the cost
function registered for its Keras class name. The counting convention is the
one in ``core.cost``: MACs are multiply-accumulates, FLOPs = 2 × MACs plus one
addition per biased output element, and batch normalization, activations,
pooling, padding and reshapes cost 0 MACs and 0 FLOPs by that convention (they
are registered, so their parameters are still counted).

A layer whose class has no cost function is never scored as zero: its row has
``counted=False`` and missing (``<NA>``) MACs and FLOPs, its parameters come
from Keras's own ``count_params()``, its class is listed in
``DataFrame.attrs["uncounted_classes"]``, and it is logged once per class.

This module does not import Keras or TensorFlow; it reads what it needs from
the layer objects it is given.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import pandas as pd

from core.cost import layer_cost
from core.errors import ConfigError

logger = logging.getLogger(__name__)

COLUMNS = ["name", "class_name", "output_shape", "params", "macs", "flops", "counted"]


class CountedLayer(NamedTuple):
    """Parameters, MACs and FLOPs of one layer for one input (batch size 1)."""

    params: int
    macs: int
    flops: int


CostFunction = Callable[[Any, list[tuple], list[tuple]], CountedLayer]

#: Keras class name -> cost function(layer, input_shapes, output_shapes).
#: Shapes exclude the batch dimension.
COST_FUNCTIONS: dict[str, CostFunction] = {}

# Classes already logged as uncounted, shared by every browser session of
# the process on purpose: the warning is for the server log, once per class.
_logged_uncounted: set[str] = set()
_logged_uncounted_lock = threading.Lock()


def register(*class_names: str) -> Callable[[CostFunction], CostFunction]:
    """Register a cost function for one or more Keras layer class names."""

    def decorator(function: CostFunction) -> CostFunction:
        for class_name in class_names:
            COST_FUNCTIONS[class_name] = function
        return function

    return decorator


def _conv_config(layer, keys: Sequence[str]) -> dict[str, object]:
    config = layer.get_config()
    return {key: config[key] for key in keys if key in config}


def _from_layer_cost(layer_type: str, layer, input_shapes, keys) -> CountedLayer:
    input_shape = input_shapes[0]
    # layer_cost takes (height, width, channels). The counts do not depend on
    # the memory layout, so a channels_first input is reordered, not rejected.
    if layer.get_config().get("data_format") == "channels_first":
        channels, height, width = input_shape
        input_shape = (height, width, channels)
    cost = layer_cost(layer_type, input_shape, **_conv_config(layer, keys))
    return CountedLayer(cost.params, cost.macs, cost.flops)


@register("Conv2D")
def _conv2d(layer, input_shapes, output_shapes) -> CountedLayer:
    keys = ("filters", "kernel_size", "strides", "padding", "dilation_rate", "groups", "use_bias")
    return _from_layer_cost("Conv2D", layer, input_shapes, keys)


@register("DepthwiseConv2D")
def _depthwise_conv2d(layer, input_shapes, output_shapes) -> CountedLayer:
    keys = ("kernel_size", "strides", "padding", "dilation_rate", "depth_multiplier", "use_bias")
    return _from_layer_cost("DepthwiseConv2D", layer, input_shapes, keys)


@register("SeparableConv2D")
def _separable_conv2d(layer, input_shapes, output_shapes) -> CountedLayer:
    keys = ("filters", "kernel_size", "strides", "padding", "dilation_rate", "depth_multiplier", "use_bias")
    return _from_layer_cost("SeparableConv2D", layer, input_shapes, keys)


@register("Dense")
def _dense(layer, input_shapes, output_shapes) -> CountedLayer:
    config = layer.get_config()
    units = int(config["units"])
    in_features = int(input_shapes[0][-1])
    # Dense applies to the last axis; leading axes repeat the product.
    positions = math.prod(int(size) for size in input_shapes[0][:-1])
    use_bias = bool(config.get("use_bias", True))
    macs = positions * in_features * units
    params = in_features * units + (units if use_bias else 0)
    return CountedLayer(params, macs, 2 * macs + (positions * units if use_bias else 0))


@register("BatchNormalization")
def _batch_normalization(layer, input_shapes, output_shapes) -> CountedLayer:
    config = layer.get_config()
    axis = config.get("axis", -1)
    axis = axis[0] if isinstance(axis, (list, tuple)) else axis
    # Shapes here exclude the batch axis, which Keras's axis counts.
    channels = int(input_shapes[0][axis if axis < 0 else axis - 1])
    # moving_mean and moving_variance always; gamma with scale, beta with center.
    vectors = 2 + int(bool(config.get("scale", True))) + int(bool(config.get("center", True)))
    return CountedLayer(vectors * channels, 0, 0)


@register(
    "InputLayer",
    "ReLU",
    "Activation",
    "Softmax",
    "LeakyReLU",
    "Add",
    "Multiply",
    "Concatenate",
    "ZeroPadding2D",
    "Reshape",
    "Flatten",
    "Dropout",
    "GlobalAveragePooling2D",
    "GlobalMaxPooling2D",
    "AveragePooling2D",
    "MaxPooling2D",
    "Rescaling",
)
def _free(layer, input_shapes, output_shapes) -> CountedLayer:
    """Layers with no weights whose work the convention does not count."""
    return CountedLayer(0, 0, 0)


def _shapes(tensors) -> list[tuple]:
    """Return the shapes of one tensor or a list of tensors, without the batch axis."""
    if not isinstance(tensors, (list, tuple)):
        tensors = [tensors]
    shapes = []
    for tensor in tensors:
        shape = tuple(tensor.shape)[1:]
        if any(size is None for size in shape):
            raise ConfigError(
                "undefined_dimension",
                f"Invalid model: a layer has an undefined dimension in shape "
                f"{tuple(tensor.shape)}. Expected fixed sizes. Build the model with a "
                "fixed input_shape, for example input_shape=(224, 224, 3).",
                shape=tuple(tensor.shape),
            )
        shapes.append(tuple(int(size) for size in shape))
    return shapes


def _log_uncounted_once(class_name: str) -> None:
    with _logged_uncounted_lock:
        if class_name in _logged_uncounted:
            return
        _logged_uncounted.add(class_name)
    logger.warning("No cost function for layer class %s, so its MACs and FLOPs are not counted", class_name)


def _layer_tensors(layer, model) -> tuple[list[tuple], list[tuple]]:
    if type(layer).__name__ == "InputLayer":
        output_shapes = _shapes(layer.output)
        return output_shapes, output_shapes
    return _shapes(layer.input), _shapes(layer.output)


def model_cost(model) -> pd.DataFrame:
    """Count every layer of a built Keras model, one row per layer.

    Args:
        model: A built ``keras.Model`` with fixed input sizes (the batch
            dimension may be ``None``; counts are for one input).

    Returns:
        A DataFrame with columns ``name``, ``class_name``, ``output_shape``
        (without the batch axis), ``params``, ``macs``, ``flops`` and
        ``counted``. ``macs`` and ``flops`` are pandas ``Int64`` and missing
        for layers with no registered cost function. ``attrs`` contains
        ``uncounted_classes``, the sorted class names without one.

    Raises:
        ConfigError: (a ``ValueError``) when a layer's input or output has
            an undefined size other than the batch dimension.
    """
    rows = []
    uncounted: set[str] = set()
    for layer in model.layers:
        class_name = type(layer).__name__
        input_shapes, output_shapes = _layer_tensors(layer, model)
        output_shape = output_shapes[0] if len(output_shapes) == 1 else tuple(output_shapes)
        function = COST_FUNCTIONS.get(class_name)
        if function is None:
            uncounted.add(class_name)
            _log_uncounted_once(class_name)
            rows.append((layer.name, class_name, output_shape, int(layer.count_params()), pd.NA, pd.NA, False))
            continue
        counted = function(layer, input_shapes, output_shapes)
        rows.append((layer.name, class_name, output_shape, counted.params, counted.macs, counted.flops, True))

    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["params"] = frame["params"].astype("int64")
    frame["macs"] = frame["macs"].astype("Int64")
    frame["flops"] = frame["flops"].astype("Int64")
    frame.attrs["uncounted_classes"] = sorted(uncounted)
    return frame
