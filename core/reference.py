"""Plain NumPy Conv2D and DepthwiseConv2D, written as the textbook loops.

These functions are a deliberately simple reference: they loop over every
output element and sum kernel × input products, so each number can be checked
by hand and against TensorFlow's own ops. They import no TensorFlow.

Conventions match ``tf.nn.conv2d`` and ``tf.nn.depthwise_conv2d``:

* Arrays are NHWC (``x.shape == (batch, height, width, channels)``).
* A Conv2D kernel is ``(kernel_height, kernel_width, in_channels,
  out_channels)``. A DepthwiseConv2D kernel is ``(kernel_height,
  kernel_width, in_channels, depth_multiplier)``, and output channel
  ``c * depth_multiplier + m`` comes from input channel ``c`` only.
* 'valid' padding adds nothing. 'same' padding makes the output
  ``ceil(length / stride)`` long and splits the zeros as TensorFlow does:
  ``total // 2`` before, the rest after, so an odd total puts one more zero
  at the bottom or right.
* ``dilation_rate`` spaces the kernel taps ``dilation_rate`` cells apart.
  Unlike TensorFlow's CPU kernels, these loops also accept ``strides`` > 1
  together with ``dilation_rate`` > 1 and compute the textbook result.
"""

from __future__ import annotations

import numbers

import numpy as np

PADDINGS = ("valid", "same")


def pair(name: str, value: object) -> tuple[int, int]:
    """Return an int-or-pair argument as ``(height, width)`` ints >= 1.

    >>> pair("strides", 2), pair("dilation_rate", (1, 3))
    ((2, 2), (1, 3))
    """
    items = (value, value) if isinstance(value, numbers.Integral) else tuple(value)
    if len(items) != 2 or not all(isinstance(item, numbers.Integral) and item >= 1 for item in items):
        raise ValueError(f"Invalid value for argument `{name}`. Expected an int >= 1 or a pair of them. Received {value!r}.")
    return (int(items[0]), int(items[1]))


def padding_amounts(length: int, kernel: int, stride: int, dilation: int, padding: str) -> tuple[int, int, int]:
    """Return ``(pad_before, pad_after, output_length)`` for one spatial dimension.

    Raises:
        ValueError: for an unknown padding, or when the dilated kernel is
            longer than ``length`` under 'valid' padding.

    >>> padding_amounts(4, 3, 2, 1, "same")
    (0, 1, 2)
    >>> padding_amounts(5, 3, 1, 1, "same")
    (1, 1, 5)
    >>> padding_amounts(5, 2, 1, 2, "valid")
    (0, 0, 3)
    """
    if padding not in PADDINGS:
        raise ValueError(f"Invalid value for argument `padding`. Expected 'valid' or 'same'. Received {padding!r}.")
    span = (kernel - 1) * dilation + 1
    if padding == "valid":
        if span > length:
            raise ValueError(
                f"The dilated kernel spans {span} cells (kernel {kernel}, dilation_rate {dilation}) "
                f"but the input is only {length} long, so padding='valid' leaves no output."
            )
        return (0, 0, (length - span) // stride + 1)
    output_length = -(-length // stride)
    total = max((output_length - 1) * stride + span - length, 0)
    return (total // 2, total - total // 2, output_length)


def pad_input(
    x: np.ndarray, kernel_hw: tuple[int, int], strides: object = 1, padding: str = "valid", dilation_rate: object = 1
) -> tuple[np.ndarray, tuple[tuple[int, int], tuple[int, int]]]:
    """Zero-pad an NHWC array as the convolution would, and return it with its padding.

    Returns:
        ``(padded, ((top, bottom), (left, right)))``.
    """
    stride_h, stride_w = pair("strides", strides)
    dilation_h, dilation_w = pair("dilation_rate", dilation_rate)
    top, bottom, _ = padding_amounts(x.shape[1], kernel_hw[0], stride_h, dilation_h, padding)
    left, right, _ = padding_amounts(x.shape[2], kernel_hw[1], stride_w, dilation_w, padding)
    padded = np.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)))
    return padded, ((top, bottom), (left, right))


def _check_arrays(x: np.ndarray, kernel: np.ndarray, kernel_layout: str) -> None:
    if x.ndim != 4:
        raise ValueError(f"The input must be 4-D NHWC (batch, height, width, channels). Received shape {x.shape}.")
    if kernel.ndim != 4:
        raise ValueError(f"The kernel must be 4-D {kernel_layout}. Received shape {kernel.shape}.")
    if kernel.shape[2] != x.shape[3]:
        raise ValueError(
            f"The kernel's in_channels ({kernel.shape[2]}, kernel shape {kernel.shape}) must equal "
            f"the input's channels ({x.shape[3]}, input shape {x.shape}). Expected kernel shape "
            f"{kernel.shape[:2] + (x.shape[3],) + kernel.shape[3:]}, {kernel_layout}."
        )


def _check_bias(bias: np.ndarray | None, out_channels: int) -> np.ndarray:
    if bias is None:
        return np.zeros(out_channels)
    bias = np.asarray(bias, dtype=np.float64)
    if bias.shape != (out_channels,):
        raise ValueError(f"The bias must have shape ({out_channels},), one value per output channel. Received shape {bias.shape}.")
    return bias


def conv2d(
    x: np.ndarray,
    kernel: np.ndarray,
    strides: object = 1,
    padding: str = "valid",
    dilation_rate: object = 1,
    bias: np.ndarray | None = None,
) -> np.ndarray:
    """Convolve an NHWC input with a Conv2D kernel, as ``tf.nn.conv2d`` does.

    Every output element is the sum over all input channels of kernel ×
    input products, plus the output channel's bias.

    Args:
        x: Input, shape ``(batch, height, width, in_channels)``.
        kernel: Shape ``(kernel_height, kernel_width, in_channels, out_channels)``.
        strides: Int or ``(height, width)`` pair. Default: 1.
        padding: 'valid' (default) or 'same'.
        dilation_rate: Int or ``(height, width)`` pair. Default: 1.
        bias: Shape ``(out_channels,)``, or None for no bias (default).

    Returns:
        Float64 array of shape ``(batch, out_height, out_width, out_channels)``.

    Raises:
        ValueError: naming the shapes, when the arrays are not 4-D, the
            kernel's in_channels differ from the input's channels, the bias
            has the wrong shape, or the kernel does not fit under 'valid'.

    >>> x = np.arange(9.0).reshape(1, 3, 3, 1)
    >>> conv2d(x, np.ones((2, 2, 1, 1)))[0, :, :, 0]
    array([[ 8., 12.],
           [20., 24.]])
    """
    x = np.asarray(x, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    _check_arrays(x, kernel, "(kernel_height, kernel_width, in_channels, out_channels)")
    bias = _check_bias(bias, kernel.shape[3])
    kernel_h, kernel_w, in_channels, out_channels = kernel.shape
    stride_h, stride_w = pair("strides", strides)
    dilation_h, dilation_w = pair("dilation_rate", dilation_rate)
    padded, _ = pad_input(x, (kernel_h, kernel_w), strides, padding, dilation_rate)
    _, _, out_h = padding_amounts(x.shape[1], kernel_h, stride_h, dilation_h, padding)
    _, _, out_w = padding_amounts(x.shape[2], kernel_w, stride_w, dilation_w, padding)

    output = np.zeros((x.shape[0], out_h, out_w, out_channels))
    for n in range(x.shape[0]):
        for i in range(out_h):
            for j in range(out_w):
                for o in range(out_channels):
                    total = bias[o]
                    for a in range(kernel_h):
                        for b in range(kernel_w):
                            row = i * stride_h + a * dilation_h
                            col = j * stride_w + b * dilation_w
                            for c in range(in_channels):
                                total += padded[n, row, col, c] * kernel[a, b, c, o]
                    output[n, i, j, o] = total
    return output


def depthwise_conv2d(
    x: np.ndarray,
    kernel: np.ndarray,
    strides: object = 1,
    padding: str = "valid",
    dilation_rate: object = 1,
    bias: np.ndarray | None = None,
) -> np.ndarray:
    """Filter each input channel on its own, as ``tf.nn.depthwise_conv2d`` does.

    Output channel ``c * depth_multiplier + m`` is input channel ``c``
    convolved with ``kernel[:, :, c, m]``, plus that output channel's bias.

    Args:
        x: Input, shape ``(batch, height, width, in_channels)``.
        kernel: Shape ``(kernel_height, kernel_width, in_channels, depth_multiplier)``.
        strides: Int or ``(height, width)`` pair. Default: 1.
        padding: 'valid' (default) or 'same'.
        dilation_rate: Int or ``(height, width)`` pair. Default: 1.
        bias: Shape ``(in_channels * depth_multiplier,)``, or None (default).

    Returns:
        Float64 array of shape ``(batch, out_height, out_width,
        in_channels * depth_multiplier)``.

    Raises:
        ValueError: naming the shapes, when the arrays are not 4-D, the
            kernel's in_channels differ from the input's channels, the bias
            has the wrong shape, or the kernel does not fit under 'valid'.

    >>> x = np.arange(8.0).reshape(1, 2, 2, 2)
    >>> depthwise_conv2d(x, np.ones((2, 2, 2, 1)))[0, 0, 0]
    array([12., 16.])
    """
    x = np.asarray(x, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    _check_arrays(x, kernel, "(kernel_height, kernel_width, in_channels, depth_multiplier)")
    kernel_h, kernel_w, in_channels, multiplier = kernel.shape
    bias = _check_bias(bias, in_channels * multiplier)
    stride_h, stride_w = pair("strides", strides)
    dilation_h, dilation_w = pair("dilation_rate", dilation_rate)
    padded, _ = pad_input(x, (kernel_h, kernel_w), strides, padding, dilation_rate)
    _, _, out_h = padding_amounts(x.shape[1], kernel_h, stride_h, dilation_h, padding)
    _, _, out_w = padding_amounts(x.shape[2], kernel_w, stride_w, dilation_w, padding)

    output = np.zeros((x.shape[0], out_h, out_w, in_channels * multiplier))
    for n in range(x.shape[0]):
        for i in range(out_h):
            for j in range(out_w):
                for c in range(in_channels):
                    for m in range(multiplier):
                        total = bias[c * multiplier + m]
                        for a in range(kernel_h):
                            for b in range(kernel_w):
                                row = i * stride_h + a * dilation_h
                                col = j * stride_w + b * dilation_w
                                total += padded[n, row, col, c] * kernel[a, b, c, m]
                        output[n, i, j, c * multiplier + m] = total
    return output
