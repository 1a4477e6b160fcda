"""Exact output shapes, parameters, MACs, FLOPs and memory traffic of convolution layers.

Counting convention (used by every page and by ``core.model_cost``):

* One **MAC** is one multiply-accumulate: a product of one input value and
  one weight, added to a running sum. This is what the MobileNet paper calls
  "Mult-Adds". A layer's MACs are counted over its whole output tensor,
  batch included.
* **FLOPs** = 2 × MACs + one addition per output element when ``use_bias``
  is set. This is what TensorFlow's profiler (``tf.compat.v1.profiler``)
  reports for ``Conv2D``, ``DepthwiseConv2dNative`` and ``BiasAdd`` ops.
* Not counted: activations, batch normalization, the zeros added by padding
  (padded positions still cost their MACs, as they do in TensorFlow's
  kernels), and index arithmetic.
* **Bytes** are the minimum traffic of one forward pass at the given dtype:
  the input read once, every weight read once and the output written once.
  ``SeparableConv2D`` also writes and reads back its depthwise output once,
  because TensorFlow's ``separable_conv2d`` materialises it.
* **Arithmetic intensity** is FLOPs per byte of that traffic.

Where TensorFlow's profiler and this arithmetic part ways, the functions here
return the arithmetic (both cases are pinned in ``tests/test_cost_profiler.py``
for TensorFlow 2.21 and Keras 3.15):

* Grouped ``Conv2D`` (``groups`` > 1): the profiler reports 0 FLOPs, because
  Keras runs the convolution inside an XLA-compiled function call on CPU and
  the profiler does not count inside it.
* Dilated convolutions: TensorFlow runs them through ``space_to_batch``,
  which pads the input up to a multiple of ``dilation_rate``, and the
  profiler counts the convolution over that padding too. Besides, Keras runs
  ``DepthwiseConv2D`` and ``SeparableConv2D`` with both ``strides`` > 1 and
  ``dilation_rate`` > 1 at stride 1 and subsamples the result, so the
  profiler counts every stride-1 output. For example,
  DepthwiseConv2D((5, 3), strides=2, dilation_rate=(3, 1), use_bias=False)
  on 16×20×6 is 3,240 FLOPs here and 19,440 in the profiler.

Shapes follow Keras 3, channels last: ``input_shape`` is
``(height, width, channels)`` without the batch dimension, and the output
spatial size is ``floor((L - (k - 1) * d - 1) / s) + 1`` for 'valid' padding
and ``ceil(L / s)`` for 'same' (``keras.src.ops.operation_utils``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from core import validation
from core.errors import ConfigError

LAYER_TYPES = ("Conv2D", "DepthwiseConv2D", "SeparableConv2D")

#: Bytes per element of the dtypes the memory figures support.
DTYPE_BYTES: Mapping[str, int] = {
    "float64": 8,
    "float32": 4,
    "float16": 2,
    "bfloat16": 2,
    "int8": 1,
}

# Keras arguments each layer type takes that change its cost. Keras's other
# arguments (activation, initializers, regularizers, name, ...) change no
# count, so they are accepted and ignored.
_COST_ARGUMENTS = {
    "Conv2D": {"filters", "kernel_size", "strides", "padding", "dilation_rate", "groups", "use_bias"},
    "DepthwiseConv2D": {"kernel_size", "strides", "padding", "dilation_rate", "depth_multiplier", "use_bias"},
    "SeparableConv2D": {
        "filters",
        "kernel_size",
        "strides",
        "padding",
        "dilation_rate",
        "depth_multiplier",
        "use_bias",
    },
}
_COST_FREE_ARGUMENTS = {
    "activation",
    "name",
    "trainable",
    "dtype",
    "data_format",
    "kernel_initializer",
    "bias_initializer",
    "depthwise_initializer",
    "pointwise_initializer",
    "kernel_regularizer",
    "bias_regularizer",
    "depthwise_regularizer",
    "pointwise_regularizer",
    "activity_regularizer",
    "kernel_constraint",
    "bias_constraint",
    "depthwise_constraint",
    "pointwise_constraint",
    "lora_rank",
    "lora_alpha",
}


@dataclasses.dataclass(frozen=True)
class LayerCost:
    """Cost of one layer for one forward pass over ``batch_size`` inputs.

    Shapes exclude the batch dimension. ``macs``, ``bias_adds`` and the byte
    counts include it; ``params`` does not depend on it. ``parts`` contains the
    depthwise and pointwise halves of a ``SeparableConv2D`` (empty for the
    other layer types), and their figures add up to this one's.
    """

    layer_type: str
    input_shape: tuple[int, int, int]
    output_shape: tuple[int, int, int]
    config: Mapping[str, object]
    weight_shapes: Mapping[str, tuple[int, ...]]
    params: int
    macs: int
    bias_adds: int
    batch_size: int = 1
    dtype: str = "float32"
    intermediate_elements: int = 0
    parts: tuple["LayerCost", ...] = ()

    @property
    def flops(self) -> int:
        """Floating-point operations: 2 × MACs plus one addition per biased output element."""
        return 2 * self.macs + self.bias_adds

    @property
    def bytes_per_element(self) -> int:
        """Size of one tensor element at ``dtype``, in bytes."""
        return DTYPE_BYTES[self.dtype]

    @property
    def input_bytes(self) -> int:
        """Bytes of the input tensor, read once."""
        height, width, channels = self.input_shape
        return self.batch_size * height * width * channels * self.bytes_per_element

    @property
    def weight_bytes(self) -> int:
        """Bytes of all weights (kernels and bias), read once."""
        return self.params * self.bytes_per_element

    @property
    def output_bytes(self) -> int:
        """Bytes of the output tensor, written once."""
        height, width, channels = self.output_shape
        return self.batch_size * height * width * channels * self.bytes_per_element

    @property
    def intermediate_bytes(self) -> int:
        """Bytes of a materialised intermediate tensor, written and read back once (0 if none)."""
        return 2 * self.batch_size * self.intermediate_elements * self.bytes_per_element

    @property
    def bytes_total(self) -> int:
        """Total memory traffic: input + weights + output + intermediate, in bytes."""
        return self.input_bytes + self.weight_bytes + self.output_bytes + self.intermediate_bytes

    @property
    def arithmetic_intensity(self) -> float:
        """FLOPs per byte of memory traffic."""
        return self.flops / self.bytes_total

    def as_dict(self) -> dict[str, object]:
        """Return the figures as a flat dict, with Keras's names where Keras has one."""
        return {
            "layer_type": self.layer_type,
            "input_shape": self.input_shape,
            "output_shape": self.output_shape,
            "params": self.params,
            "macs": self.macs,
            "flops": self.flops,
            "input_bytes": self.input_bytes,
            "weight_bytes": self.weight_bytes,
            "output_bytes": self.output_bytes,
            "intermediate_bytes": self.intermediate_bytes,
            "bytes_total": self.bytes_total,
            "arithmetic_intensity": self.arithmetic_intensity,
        }


def conv_output_length(length: int, kernel: int, stride: int, padding: str, dilation: int = 1) -> int:
    """Return the output length of one spatial dimension, as Keras computes it.

    Raises:
        ConfigError: under 'valid' padding, when the dilated kernel
            ``(kernel - 1) * dilation + 1`` is longer than ``length``.

    >>> conv_output_length(32, 3, 2, "same")
    16
    >>> conv_output_length(256, 3, 1, "valid", dilation=2)
    252
    """
    if padding == "same":
        return (length - 1) // stride + 1
    effective = (kernel - 1) * dilation + 1
    if effective > length:
        raise ConfigError(
            "kernel_too_large",
            f"The kernel does not fit in the input under padding='valid': the "
            f"dilated kernel spans {effective} (kernel {kernel}, dilation_rate "
            f"{dilation}) but the input is {length} long. Use padding='same', a "
            "smaller kernel_size or dilation_rate, or a larger input.",
            effective=effective,
            kernel=kernel,
            dilation=dilation,
            length=length,
        )
    return (length - effective) // stride + 1


def same_padding(length: int, kernel: int, stride: int, dilation: int = 1) -> tuple[int, int]:
    """Return TensorFlow's 'same' padding ``(before, after)`` for one spatial dimension.

    The total is ``max((out - 1) * stride + (kernel - 1) * dilation + 1 - length, 0)``;
    when it is odd, the extra zero goes after (bottom or right).

    >>> same_padding(4, 3, 2)
    (0, 1)
    >>> same_padding(5, 3, 1)
    (1, 1)
    """
    out = (length - 1) // stride + 1
    effective = (kernel - 1) * dilation + 1
    total = max((out - 1) * stride + effective - length, 0)
    return (total // 2, total - total // 2)


def _check_arguments(layer_type: str, config: Mapping[str, object]) -> None:
    allowed = _COST_ARGUMENTS[layer_type]
    for key, value in config.items():
        if key in allowed:
            continue
        if key == "data_format" and value not in (None, "channels_last"):
            raise ConfigError(
                "channels_first",
                f"Only data_format='channels_last' is supported. Received data_format={value!r}.",
                value=value,
            )
        if key not in _COST_FREE_ARGUMENTS:
            raise ConfigError(
                "unexpected_argument",
                f"{layer_type} does not take the argument `{key}`. Expected some of: "
                f"{', '.join(sorted(allowed))}.",
                layer_type=layer_type,
                name=key,
            )
    for required in ("filters", "kernel_size"):
        if required in allowed and config.get(required) is None:
            raise ConfigError(
                "missing_argument",
                f"{layer_type} needs the argument `{required}`. Received none.",
                layer_type=layer_type,
                name=required,
            )


def _output_hw(
    input_hw: tuple[int, int],
    kernel: tuple[int, int],
    strides: tuple[int, int],
    padding: str,
    dilation: tuple[int, int],
) -> tuple[int, int]:
    return (
        conv_output_length(input_hw[0], kernel[0], strides[0], padding, dilation[0]),
        conv_output_length(input_hw[1], kernel[1], strides[1], padding, dilation[1]),
    )


def _conv2d(input_shape, batch_size, dtype, config) -> LayerCost:
    height, width, channels = input_shape
    filters = validation.positive_int("filters", config["filters"])
    kernel = validation.positive_pair("kernel_size", config["kernel_size"])
    strides = validation.positive_pair("strides", config.get("strides", 1))
    padding = validation.padding_mode(config.get("padding", "valid"))
    dilation = validation.positive_pair("dilation_rate", config.get("dilation_rate", 1))
    groups = validation.positive_int("groups", config.get("groups", 1))
    use_bias = bool(config.get("use_bias", True))
    validation.no_strides_with_dilation(strides, dilation)
    validation.divisible_by_groups(channels, filters, groups)
    out_h, out_w = _output_hw((height, width), kernel, strides, padding, dilation)

    kernel_shape = (kernel[0], kernel[1], channels // groups, filters)
    weight_shapes = {"kernel": kernel_shape}
    if use_bias:
        weight_shapes["bias"] = (filters,)
    kernel_params = kernel[0] * kernel[1] * (channels // groups) * filters
    output_elements = batch_size * out_h * out_w * filters
    return LayerCost(
        layer_type="Conv2D",
        input_shape=input_shape,
        output_shape=(out_h, out_w, filters),
        config={
            "filters": filters,
            "kernel_size": kernel,
            "strides": strides,
            "padding": padding,
            "dilation_rate": dilation,
            "groups": groups,
            "use_bias": use_bias,
        },
        weight_shapes=weight_shapes,
        params=kernel_params + (filters if use_bias else 0),
        # Each output element sums kernel_h * kernel_w * (channels / groups) products.
        macs=output_elements * kernel[0] * kernel[1] * (channels // groups),
        bias_adds=output_elements if use_bias else 0,
        batch_size=batch_size,
        dtype=dtype,
    )


def _depthwise_conv2d(input_shape, batch_size, dtype, config) -> LayerCost:
    height, width, channels = input_shape
    kernel = validation.positive_pair("kernel_size", config["kernel_size"])
    strides = validation.positive_pair("strides", config.get("strides", 1))
    padding = validation.padding_mode(config.get("padding", "valid"))
    dilation = validation.positive_pair("dilation_rate", config.get("dilation_rate", 1))
    multiplier = validation.positive_int("depth_multiplier", config.get("depth_multiplier", 1))
    use_bias = bool(config.get("use_bias", True))
    out_h, out_w = _output_hw((height, width), kernel, strides, padding, dilation)

    out_channels = channels * multiplier
    weight_shapes = {"kernel": (kernel[0], kernel[1], channels, multiplier)}
    if use_bias:
        weight_shapes["bias"] = (out_channels,)
    output_elements = batch_size * out_h * out_w * out_channels
    return LayerCost(
        layer_type="DepthwiseConv2D",
        input_shape=input_shape,
        output_shape=(out_h, out_w, out_channels),
        config={
            "kernel_size": kernel,
            "strides": strides,
            "padding": padding,
            "dilation_rate": dilation,
            "depth_multiplier": multiplier,
            "use_bias": use_bias,
        },
        weight_shapes=weight_shapes,
        params=kernel[0] * kernel[1] * out_channels + (out_channels if use_bias else 0),
        # Each output element reads one input channel only: kernel_h * kernel_w products.
        macs=output_elements * kernel[0] * kernel[1],
        bias_adds=output_elements if use_bias else 0,
        batch_size=batch_size,
        dtype=dtype,
    )


def _separable_conv2d(input_shape, batch_size, dtype, config) -> LayerCost:
    filters = validation.positive_int("filters", config["filters"])
    use_bias = bool(config.get("use_bias", True))
    depthwise_config = {key: value for key, value in config.items() if key not in ("filters", "use_bias")}
    depthwise = _depthwise_conv2d(input_shape, batch_size, dtype, {**depthwise_config, "use_bias": False})
    pointwise = _conv2d(
        depthwise.output_shape,
        batch_size,
        dtype,
        {"filters": filters, "kernel_size": 1, "use_bias": use_bias},
    )
    out_h, out_w, depthwise_channels = depthwise.output_shape
    weight_shapes = {
        "depthwise_kernel": depthwise.weight_shapes["kernel"],
        "pointwise_kernel": pointwise.weight_shapes["kernel"],
    }
    if use_bias:
        weight_shapes["bias"] = (filters,)
    return LayerCost(
        layer_type="SeparableConv2D",
        input_shape=input_shape,
        output_shape=pointwise.output_shape,
        config={**depthwise.config, "filters": filters, "use_bias": use_bias},
        weight_shapes=weight_shapes,
        params=depthwise.params + pointwise.params,
        macs=depthwise.macs + pointwise.macs,
        bias_adds=pointwise.bias_adds,
        batch_size=batch_size,
        dtype=dtype,
        intermediate_elements=out_h * out_w * depthwise_channels,
        parts=(depthwise, pointwise),
    )


_LAYER_FUNCTIONS = {
    "Conv2D": _conv2d,
    "DepthwiseConv2D": _depthwise_conv2d,
    "SeparableConv2D": _separable_conv2d,
}


def layer_cost(
    layer_type: str,
    input_shape: tuple[int, int, int],
    *,
    batch_size: int = 1,
    dtype: str = "float32",
    **config: object,
) -> LayerCost:
    """Count the output shape, parameters, MACs, FLOPs and bytes of one convolution layer.

    Args:
        layer_type: Keras class name: "Conv2D", "DepthwiseConv2D" or
            "SeparableConv2D". A 1×1 pointwise convolution is
            ``Conv2D`` with ``kernel_size=1``.
        input_shape: ``(height, width, channels)``, channels last, without
            the batch dimension.
        batch_size: Number of inputs in one forward pass. Default: 1.
        dtype: Element type for the byte counts: "float32" (default),
            "float16", "bfloat16", "int8" or "float64".
        **config: Keras's own arguments with Keras's defaults: ``filters``
            (Conv2D, SeparableConv2D; required), ``kernel_size`` (required),
            ``strides=1``, ``padding="valid"``, ``dilation_rate=1``,
            ``depth_multiplier=1`` (DepthwiseConv2D, SeparableConv2D),
            ``groups=1`` (Conv2D), ``use_bias=True``. Int or pair values, as
            in Keras.

    Returns:
        A ``LayerCost``. See the module docstring for what is counted.

    Raises:
        ConfigError: (a ``ValueError``) for an unknown layer type or argument,
            a non-positive size, a kernel larger than the dilated input under
            'valid' padding, channels or filters not divisible by ``groups``,
            or Conv2D with both ``strides`` > 1 and ``dilation_rate`` > 1.

    >>> cost = layer_cost("Conv2D", (32, 32, 3), filters=8, kernel_size=3, strides=2, padding="same")
    >>> cost.output_shape, cost.macs
    ((16, 16, 8), 55296)
    >>> layer_cost("DepthwiseConv2D", (28, 28, 7), kernel_size=3, use_bias=False).params
    63
    """
    if layer_type not in _LAYER_FUNCTIONS:
        raise ConfigError(
            "unknown_layer_type",
            f"Unknown layer type {layer_type!r}. Expected one of: {', '.join(LAYER_TYPES)}.",
            value=layer_type,
        )
    if dtype not in DTYPE_BYTES:
        raise ConfigError(
            "unknown_dtype",
            f"Invalid value for argument `dtype`. Expected one of: {', '.join(DTYPE_BYTES)}. "
            f"Received dtype={dtype!r}.",
            value=dtype,
        )
    shape = validation.input_shape_hwc(input_shape)
    batch = validation.positive_int("batch_size", batch_size)
    _check_arguments(layer_type, config)
    return _LAYER_FUNCTIONS[layer_type](shape, batch, dtype, config)
