"""The worked example: a tiny image, small kernels and every multiply-add.

This module contains what the worked-example page computes:

* the classic example as it is copied from tutorials, including its two
  mistakes (a Conv2D kernel that is 1×2, not 2×2, and a DepthwiseConv2D
  kernel with 2 in_channels for a 3-channel image);
* a parser for nested-list literals pasted from Python code, which uses
  ``ast.literal_eval`` (never ``eval``) and checks shape and numbers;
* the terms of one output element (input cells, weights, products, partial
  sums) for Conv2D, DepthwiseConv2D and the 1×1 pointwise half of a
  separable convolution;
* the TensorFlow runs of the same layers, with TensorFlow's errors turned
  into ``ConfigError`` messages that the page translates.

Images are ``(height, width, channels)`` arrays of one example, channels
last; kernels use TensorFlow's layouts (see ``core.reference``).
"""

from __future__ import annotations

import ast
import dataclasses
import logging
import math
import re
import threading

import numpy as np

from core import reference
from core.cost import conv_output_length
from core.errors import ConfigError
from core.tf_runtime import load_tensorflow

logger = logging.getLogger(__name__)

#: The classic 3×3 RGB image: rows of pixels of [R, G, B], batch of one.
CLASSIC_IMAGE_TEXT = "[[[1,0,2],[0,1,1],[2,0,3]], [[0,1,0],[1,2,1],[0,1,0]], [[2,0,1],[0,3,2],[1,0,4]]]"
#: The classic Conv2D kernel. Its shape is (1, 2, 3, 2), so it is 1×2, not 2×2.
CLASSIC_CONV_KERNEL_TEXT = "[[[[1,-1],[0,2],[-1,0]], [[0,1],[1,-1],[0,1]]]]"
#: The classic DepthwiseConv2D kernel, shape (2, 2, 2, 2): 2 in_channels for a 3-channel image.
CLASSIC_DEPTHWISE_KERNEL_TEXT = "[[[[1,0.5],[-1,1]], [[0,2],[1,-1]]], [[[-1,1],[0,0.5]], [[1,-1],[0,1]]]]"
#: Number of output channels of the separable pair's pointwise kernel in the example.
CLASSIC_SEPARABLE_FILTERS = 2

#: Limits that keep every cell legible on a projected heatmap.
MAX_SPATIAL = 8
MAX_CHANNELS = 4
MAX_KERNEL = 5
MAX_OUT_CHANNELS = 8
#: depth_multiplier limit, so a 4-channel image gives at most 16 depthwise output heatmaps.
MAX_DEPTH_MULTIPLIER = 4
#: Largest magnitude the parser accepts for one entry. Beyond it float32 sums lose whole units.
MAX_ABS_VALUE = 1e6
#: Agreement asked of TensorFlow's float32 output and the float64 reference, relative to the
#: largest output magnitude when that exceeds 1 (so an absolute 1e-5 for the classic example).
TOLERANCE = 1e-5
#: Maximum length of pasted text, in characters. The largest allowed tensor needs far less.
MAX_TEXT_CHARS = 20_000

# CPython 3.11 shares the AST builder's recursion depth between threads (gh-106905), so two
# sessions parsing at once can raise "SystemError: AST constructor recursion depth mismatch".
# NOTE: other AST builders in the process, such as Streamlit compiling a page, can still race.
_LITERAL_EVAL_LOCK = threading.Lock()
#: Deepest list nesting the parser reads. Tensors here have 3 or 4 axes, so the limit
#: only guards np.asarray, which raises a bare ValueError above 64 dimensions.
MAX_NESTING = 8

#: Tensor kinds the parser and the size checks know, with their layout.
LAYOUTS = {
    "image": "(height, width, channels)",
    "conv_kernel": "(kernel_height, kernel_width, in_channels, out_channels)",
    "depthwise_kernel": "(kernel_height, kernel_width, in_channels, depth_multiplier)",
    "pointwise_kernel": "(1, 1, in_channels, out_channels)",
}


def _position(name: str, path: tuple[int, ...]) -> str:
    return name + "".join(f"[{index}]" for index in path)


def _nested_shape(value: object, name: str, path: tuple[int, ...] = ()) -> tuple[int, ...]:
    """Return the shape of a nested list of numbers, raising ``ConfigError`` for anything else."""
    if isinstance(value, (list, tuple)) and len(path) >= MAX_NESTING:
        raise ConfigError(
            "worked.literal_too_deep",
            f"{_position(name, path)} is a list nested more than {MAX_NESTING} levels deep, but {name} "
            "has at most 4 axes. Remove the extra brackets.",
            name=name,
            position=_position(name, path),
            limit=MAX_NESTING,
        )
    if isinstance(value, (list, tuple)):
        if not value:
            raise ConfigError(
                "worked.literal_empty",
                f"{_position(name, path)} is an empty list. Every list needs at least one item.",
                name=name,
                position=_position(name, path),
            )
        shapes = [_nested_shape(item, name, path + (index,)) for index, item in enumerate(value)]
        for index, shape in enumerate(shapes[1:], start=1):
            if shape != shapes[0]:
                raise ConfigError(
                    "worked.literal_ragged",
                    f"The items of {_position(name, path)} do not have the same shape: item [0] has shape "
                    f"{shapes[0]} but item [{index}] has shape {shape}. Every row needs the same length.",
                    name=name,
                    position=_position(name, path),
                    first=shapes[0],
                    index=index,
                    found=shape,
                )
        return (len(value),) + shapes[0]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(
            "worked.literal_not_number",
            f"{_position(name, path)} is {value!r}, not a number. Use only ints and floats.",
            name=name,
            position=_position(name, path),
            value=repr(value),
        )
    if not math.isfinite(value) or abs(value) > MAX_ABS_VALUE:
        raise _not_finite_error(value, name, path)
    return ()


def _not_finite_error(value: float, name: str, path: tuple[int, ...]) -> ConfigError:
    """Build the ``worked.literal_not_finite`` error for the entry at ``path``."""
    return ConfigError(
        "worked.literal_not_finite",
        f"{_position(name, path)} is {value!r}. Use finite numbers between -{MAX_ABS_VALUE:g} "
        f"and {MAX_ABS_VALUE:g}.",
        name=name,
        position=_position(name, path),
        value=repr(value),
        limit=f"{MAX_ABS_VALUE:g}",
    )


def parse_tensor(text: str, kind: str, name: str | None = None) -> np.ndarray:
    """Parse a nested-list literal pasted from Python code into a float64 array.

    The text is read with ``ast.literal_eval``, which evaluates literals
    only, so no code in it runs. An image may be ``(height, width,
    channels)`` or carry a batch of one, ``(1, height, width, channels)``;
    kernels are 4-D (see ``LAYOUTS``). Sizes must stay within the page's
    limits (``MAX_SPATIAL``, ``MAX_CHANNELS``, ``MAX_KERNEL``,
    ``MAX_OUT_CHANNELS``, ``MAX_DEPTH_MULTIPLIER``).

    Args:
        text: The pasted literal, for example ``"[[[1, 0], [2, 1]]]"``.
        kind: One of the keys of ``LAYOUTS``.
        name: The name that messages use for the tensor. Default: ``kind``.

    Raises:
        ConfigError: with a ``worked.literal_*`` code for text that is too
            long, too deeply nested, not a literal, empty, ragged, not
            numeric or not finite, and ``worked.wrong_rank`` or
            ``worked.too_large`` for a shape the page cannot use. The
            message names the position of the problem.

    >>> parse_tensor("[[[1, 2]], [[3, 4.5]]]", "image").shape
    (2, 1, 2)
    """
    name = name or kind
    if len(text) > MAX_TEXT_CHARS:
        raise ConfigError(
            "worked.literal_too_long",
            f"{name}: the text has {len(text)} characters; at most {MAX_TEXT_CHARS} are accepted.",
            name=name,
            length=len(text),
            limit=MAX_TEXT_CHARS,
        )
    try:
        with _LITERAL_EVAL_LOCK:
            value = ast.literal_eval(text.strip())
    except SyntaxError as exc:
        raise ConfigError(
            "worked.literal_syntax",
            f"{name}: the text is not a valid Python list literal (line {exc.lineno}, column "
            f"{exc.offset}: {exc.msg}). Check the brackets and commas.",
            name=name,
            line=exc.lineno,
            column=exc.offset,
            detail=exc.msg,
        ) from exc
    except (ValueError, TypeError, MemoryError, RecursionError) as exc:
        # literal_eval raises ValueError for names and calls such as np.array(...) or nan.
        raise ConfigError(
            "worked.literal_not_literal",
            f"{name}: the text contains something other than numbers, brackets and commas ({exc}). "
            "Paste the plain nested list, without np.array(...) or variable names.",
            name=name,
            detail=str(exc),
        ) from exc
    _nested_shape(value, name)
    array = np.asarray(value, dtype=np.float64)
    if kind == "image" and array.ndim == 4 and array.shape[0] == 1:
        array = array[0]
    return check_tensor(array, kind, name)


def check_tensor(array: np.ndarray, kind: str, name: str | None = None) -> np.ndarray:
    """Return ``array`` after checking its rank and the page's size limits for ``kind``.

    Raises:
        ConfigError: ``worked.wrong_rank`` or ``worked.too_large``, naming the shape.
    """
    name = name or kind
    expected_rank = 3 if kind == "image" else 4
    if array.ndim != expected_rank:
        raise ConfigError(
            "worked.wrong_rank",
            f"{name} must be {expected_rank}-D {LAYOUTS[kind]}, but the value has shape {array.shape}.",
            name=name,
            rank=expected_rank,
            layout=LAYOUTS[kind],
            shape=array.shape,
        )
    if kind == "image":
        limits = (MAX_SPATIAL, MAX_SPATIAL, MAX_CHANNELS)
    elif kind == "pointwise_kernel":
        limits = (1, 1, MAX_CHANNELS * MAX_DEPTH_MULTIPLIER, MAX_OUT_CHANNELS)
    elif kind == "depthwise_kernel":
        limits = (MAX_KERNEL, MAX_KERNEL, MAX_CHANNELS, MAX_DEPTH_MULTIPLIER)
    else:
        limits = (MAX_KERNEL, MAX_KERNEL, MAX_CHANNELS, MAX_OUT_CHANNELS)
    if any(size > limit for size, limit in zip(array.shape, limits)):
        raise ConfigError(
            "worked.too_large",
            f"{name} has shape {array.shape}, larger than this page shows: at most {limits} {LAYOUTS[kind]}.",
            name=name,
            shape=array.shape,
            limit=limits,
            layout=LAYOUTS[kind],
        )
    return array


def check_values(values: np.ndarray | float, name: str) -> np.ndarray:
    """Return ``values`` as a float64 array after checking each entry as the parser does.

    For entries typed into a grid or a number box rather than pasted: each
    must be finite and within ``MAX_ABS_VALUE``.

    Raises:
        ConfigError: ``worked.literal_not_finite`` naming the first invalid
            entry, as ``name[row][column]`` (or ``name`` for a single value).

    >>> check_values(np.array([[1.0, -2.5]]), "image").tolist()
    [[1.0, -2.5]]
    """
    array = np.asarray(values, dtype=np.float64)
    invalid = ~np.isfinite(array) | (np.abs(array) > MAX_ABS_VALUE)
    if invalid.any():
        path = tuple(int(index) for index in np.argwhere(invalid)[0])
        raise _not_finite_error(float(array[path]), name, path)
    return array


def format_tensor(array: np.ndarray) -> str:
    """Write an array as a nested-list literal, with ints where the values are whole.

    >>> format_tensor(np.array([[1.0, 0.5], [-2.0, 0.0]]))
    '[[1, 0.5], [-2, 0]]'
    """

    def write(value: object) -> str:
        if isinstance(value, list):
            return "[" + ", ".join(write(item) for item in value) + "]"
        number = float(value)
        return str(int(number)) if number.is_integer() else repr(number)

    return write(np.asarray(array).tolist())


def classic_example() -> dict[str, np.ndarray]:
    """Return the classic example's image and kernels, parsed from the tutorial literals.

    The pointwise kernel, which tutorials leave out, maps the 6 channels of a
    depth_multiplier 2 depthwise output to ``CLASSIC_SEPARABLE_FILTERS``
    outputs with small whole weights.
    """
    image = parse_tensor(CLASSIC_IMAGE_TEXT, "image")
    depthwise = parse_tensor(CLASSIC_DEPTHWISE_KERNEL_TEXT, "depthwise_kernel")
    pointwise_in = image.shape[2] * depthwise.shape[3]
    return {
        "image": image,
        "conv_kernel": parse_tensor(CLASSIC_CONV_KERNEL_TEXT, "conv_kernel"),
        "depthwise_kernel": depthwise,
        "pointwise_kernel": default_pointwise_kernel(pointwise_in, CLASSIC_SEPARABLE_FILTERS),
    }


def default_pointwise_kernel(in_channels: int, filters: int) -> np.ndarray:
    """Return a 1×1 kernel of alternating +1/-1/0 weights, shape (1, 1, in_channels, filters).

    >>> default_pointwise_kernel(3, 2)[0, 0]
    array([[ 1., -1.],
           [-1.,  0.],
           [ 0.,  1.]])
    """
    pattern = np.array([1.0, -1.0, 0.0])
    index = np.arange(in_channels)[:, None] + np.arange(filters)[None, :]
    return pattern[index % 3].reshape(1, 1, in_channels, filters)


def resize_tensor(array: np.ndarray, shape: tuple[int, ...], fill: float = 0.0) -> np.ndarray:
    """Return ``array`` cut or extended to ``shape``: shared cells keep their values, new cells get ``fill``.

    >>> resize_tensor(np.ones((1, 2)), (2, 1))
    array([[1.],
           [0.]])
    """
    resized = np.full(shape, fill, dtype=np.float64)
    overlap = tuple(slice(0, min(old, new)) for old, new in zip(array.shape, shape))
    resized[overlap] = array[overlap]
    return resized


def fit_pointwise_kernel(kernel: np.ndarray, in_channels: int) -> np.ndarray:
    """Return the pointwise kernel with ``in_channels`` input rows, keeping the rows it shares.

    New rows take the values of ``default_pointwise_kernel``, so a larger
    depthwise output still reaches the separable output.

    >>> fit_pointwise_kernel(np.full((1, 1, 1, 2), 5.0), 2)[0, 0]
    array([[ 5.,  5.],
           [-1.,  0.]])
    """
    filters = kernel.shape[3]
    fitted = default_pointwise_kernel(in_channels, filters)
    shared = min(in_channels, kernel.shape[2])
    fitted[:, :, :shared, :] = kernel[:, :, :shared, :]
    return fitted


def random_tensor(shape: tuple[int, ...], rng: np.random.Generator, low: int = -2, high: int = 2) -> np.ndarray:
    """Return whole numbers drawn uniformly from ``low`` to ``high`` inclusive, easy to multiply by hand."""
    return rng.integers(low, high + 1, size=shape).astype(np.float64)


def corrected_depthwise_kernel(kernel: np.ndarray, in_channels: int) -> np.ndarray:
    """Return a DepthwiseConv2D kernel with ``in_channels`` channel slices, reusing ``kernel``'s values.

    The result has shape ``(kernel_height, kernel_width, in_channels,
    depth_multiplier)``. Slice ``c`` is ``kernel[:, :, c % k]``, where ``k``
    is the kernel's own in_channels: the existing slices are kept in order,
    extra channels repeat them from the first one, and surplus slices are
    dropped. The same repair fits a Conv2D kernel, whose third axis is
    in_channels too.

    >>> corrected_depthwise_kernel(np.zeros((2, 2, 2, 2)), 3).shape
    (2, 2, 3, 2)
    """
    source_channels = kernel.shape[2]
    return np.stack([kernel[:, :, channel % source_channels, :] for channel in range(in_channels)], axis=2)


@dataclasses.dataclass(frozen=True)
class Term:
    """One multiply-add: an input cell times a kernel weight.

    ``input_row`` and ``input_col`` index the zero-padded input; the
    ``source_*`` fields index the unpadded input and are None for a padded
    zero.
    """

    in_channel: int
    kernel_row: int
    kernel_col: int
    kernel_channel: int
    input_row: int
    input_col: int
    source_row: int | None
    source_col: int | None
    input_value: float
    weight: float

    @property
    def product(self) -> float:
        """``input_value * weight``."""
        return self.input_value * self.weight

    @property
    def is_padding(self) -> bool:
        """Whether the input cell is a zero added by 'same' padding."""
        return self.source_row is None or self.source_col is None


@dataclasses.dataclass(frozen=True)
class ChannelSum:
    """The products that one input channel contributes to an output element."""

    in_channel: int
    terms: tuple[Term, ...]

    @property
    def partial_sum(self) -> float:
        """Sum of this channel's products."""
        return float(sum(term.product for term in self.terms))


@dataclasses.dataclass(frozen=True)
class OutputSteps:
    """Every multiply-add behind one output element ``output[row, col, out_channel]``.

    ``channels`` lists the contributing input channels in order, and for
    DepthwiseConv2D it has exactly one. ``padding`` is the
    ``((top, bottom), (left, right))`` zeros added around the input.
    """

    layer_type: str
    row: int
    col: int
    out_channel: int
    channels: tuple[ChannelSum, ...]
    bias: float
    padding: tuple[tuple[int, int], tuple[int, int]] = ((0, 0), (0, 0))

    @property
    def terms(self) -> tuple[Term, ...]:
        """All terms, channel by channel."""
        return tuple(term for channel in self.channels for term in channel.terms)

    @property
    def value(self) -> float:
        """The output element: the partial sums added up, plus the bias."""
        return float(sum(channel.partial_sum for channel in self.channels) + self.bias)


def depthwise_source(out_channel: int, depth_multiplier: int) -> tuple[int, int]:
    """Return ``(input_channel, multiplier_index)`` that feed a DepthwiseConv2D output channel.

    Output channel ``c * depth_multiplier + m`` comes from input channel ``c``.

    >>> depthwise_source(5, 2)
    (2, 1)
    """
    return divmod(out_channel, depth_multiplier)


def _window_terms(
    image: np.ndarray,
    kernel: np.ndarray,
    row: int,
    col: int,
    in_channel: int,
    kernel_channel: int,
    out_index: int,
    strides: object,
    padding: str,
    dilation_rate: object,
) -> tuple[tuple[Term, ...], tuple[tuple[int, int], tuple[int, int]]]:
    padded, pads = reference.pad_input(image[None], kernel.shape[:2], strides, padding, dilation_rate)
    stride_h, stride_w = reference.pair("strides", strides)
    dilation_h, dilation_w = reference.pair("dilation_rate", dilation_rate)
    (top, _), (left, _) = pads
    height, width = image.shape[:2]
    terms = []
    for kernel_row in range(kernel.shape[0]):
        for kernel_col in range(kernel.shape[1]):
            input_row = row * stride_h + kernel_row * dilation_h
            input_col = col * stride_w + kernel_col * dilation_w
            source_row, source_col = input_row - top, input_col - left
            inside = 0 <= source_row < height and 0 <= source_col < width
            terms.append(
                Term(
                    in_channel=in_channel,
                    kernel_row=kernel_row,
                    kernel_col=kernel_col,
                    kernel_channel=kernel_channel,
                    input_row=input_row,
                    input_col=input_col,
                    source_row=source_row if inside else None,
                    source_col=source_col if inside else None,
                    input_value=float(padded[0, input_row, input_col, in_channel]),
                    weight=float(kernel[kernel_row, kernel_col, kernel_channel, out_index]),
                )
            )
    return tuple(terms), pads


def _check_position(layer_type: str, output_shape: tuple[int, ...], row: int, col: int, out_channel: int) -> None:
    height, width, channels = output_shape
    if not (0 <= row < height and 0 <= col < width and 0 <= out_channel < channels):
        raise ValueError(
            f"Output position (row={row}, col={col}, channel={out_channel}) is outside the "
            f"{layer_type} output of shape {output_shape}."
        )


def conv2d_steps(
    image: np.ndarray,
    kernel: np.ndarray,
    row: int,
    col: int,
    out_channel: int,
    strides: object = 1,
    padding: str = "valid",
    dilation_rate: object = 1,
    bias: np.ndarray | None = None,
) -> OutputSteps:
    """Return the multiply-adds of one Conv2D output element, one ``ChannelSum`` per input channel.

    Args:
        image: ``(height, width, in_channels)``.
        kernel: ``(kernel_height, kernel_width, in_channels, out_channels)``.
        row, col, out_channel: Position in the output.
        strides, padding, dilation_rate: As in ``core.reference.conv2d``.
        bias: ``(out_channels,)`` or None.

    Raises:
        ValueError: for shapes that do not fit (see ``core.reference.conv2d``)
            or a position outside the output.
    """
    output = reference.conv2d(image[None], kernel, strides, padding, dilation_rate, bias)
    _check_position("Conv2D", output.shape[1:], row, col, out_channel)
    channels = []
    pads = ((0, 0), (0, 0))
    for in_channel in range(image.shape[2]):
        terms, pads = _window_terms(
            image, kernel, row, col, in_channel, in_channel, out_channel, strides, padding, dilation_rate
        )
        channels.append(ChannelSum(in_channel, terms))
    bias_value = 0.0 if bias is None else float(bias[out_channel])
    return OutputSteps("Conv2D", row, col, out_channel, tuple(channels), bias_value, pads)


def depthwise_conv2d_steps(
    image: np.ndarray,
    kernel: np.ndarray,
    row: int,
    col: int,
    out_channel: int,
    strides: object = 1,
    padding: str = "valid",
    dilation_rate: object = 1,
    bias: np.ndarray | None = None,
) -> OutputSteps:
    """Return the multiply-adds of one DepthwiseConv2D output element.

    Only input channel ``out_channel // depth_multiplier`` contributes, with
    kernel slice ``kernel[:, :, c, out_channel % depth_multiplier]``.

    Args:
        image: ``(height, width, in_channels)``.
        kernel: ``(kernel_height, kernel_width, in_channels, depth_multiplier)``.
        row, col, out_channel: Position in the output.
        strides, padding, dilation_rate: As in ``core.reference.depthwise_conv2d``.
        bias: ``(in_channels * depth_multiplier,)`` or None.

    Raises:
        ValueError: for shapes that do not fit or a position outside the output.
    """
    output = reference.depthwise_conv2d(image[None], kernel, strides, padding, dilation_rate, bias)
    _check_position("DepthwiseConv2D", output.shape[1:], row, col, out_channel)
    in_channel, multiplier_index = depthwise_source(out_channel, kernel.shape[3])
    terms, pads = _window_terms(
        image, kernel, row, col, in_channel, in_channel, multiplier_index, strides, padding, dilation_rate
    )
    bias_value = 0.0 if bias is None else float(bias[out_channel])
    return OutputSteps("DepthwiseConv2D", row, col, out_channel, (ChannelSum(in_channel, terms),), bias_value, pads)


def pointwise_steps(
    depthwise_output: np.ndarray, kernel: np.ndarray, row: int, col: int, out_channel: int, bias: np.ndarray | None = None
) -> OutputSteps:
    """Return the multiply-adds of one output element of the separable pair's 1×1 pointwise half.

    Args:
        depthwise_output: The depthwise half's output, ``(height, width, channels)``.
        kernel: ``(1, 1, channels, filters)``.
        row, col, out_channel: Position in the output.
        bias: ``(filters,)`` or None.

    Raises:
        ValueError: for shapes that do not fit or a position outside the output.
    """
    return dataclasses.replace(
        conv2d_steps(depthwise_output, kernel, row, col, out_channel, bias=bias), layer_type="SeparableConv2D"
    )


# ---------------------------------------------------------------------------
# TensorFlow runs


@dataclasses.dataclass(frozen=True)
class Agreement:
    """How far TensorFlow's output is from the reference, and the difference allowed."""

    max_difference: float
    allowed: float

    @property
    def agrees(self) -> bool:
        """Whether ``max_difference`` is within ``allowed``."""
        return self.max_difference <= self.allowed


def compare_outputs(tensorflow_output: np.ndarray, reference_output: np.ndarray) -> Agreement:
    """Return the maximum absolute difference of two outputs and the difference ``TOLERANCE`` allows.

    float32 carries about 7 significant digits, so the allowed difference
    is ``TOLERANCE`` times the largest reference magnitude when that exceeds
    1, and ``TOLERANCE`` itself otherwise.

    >>> compare_outputs(np.array([1.0, 2.0]), np.array([1.0, 2.000001])).agrees
    True
    """
    if tensorflow_output.shape != reference_output.shape:
        raise ValueError(
            f"Outputs of different shapes cannot be compared: TensorFlow {tensorflow_output.shape}, "
            f"reference {reference_output.shape}."
        )
    difference = float(np.abs(tensorflow_output - reference_output).max())
    scale = max(1.0, float(np.abs(reference_output).max()))
    return Agreement(difference, TOLERANCE * scale)


_TF_MESSAGE_NOISE = re.compile(r"\{\{[^}]*\}\}\s*|\s*\[Op:[^\]]*\].*$", re.DOTALL)


def tensorflow_message(exc: Exception) -> str:
    """Return a TensorFlow op error's message without its function-node and op decorations.

    >>> tensorflow_message(ValueError("{{function_node x}} input depth: 3 vs 2 [Op:Conv2D] name: "))
    'input depth: 3 vs 2'
    """
    message = getattr(exc, "message", None) or str(exc)
    return _TF_MESSAGE_NOISE.sub("", message).strip()


def check_layer_config(kernel_hw: tuple[int, int], image_hw: tuple[int, int], strides, padding, dilation_rate) -> None:
    """Reject argument combinations that TensorFlow's CPU ops mishandle, before calling them.

    With TensorFlow 2.21 on CPU (oneDNN on, the default), ``tf.nn.depthwise_conv2d``
    returned an output of the wrong shape, with a warning but no error, for
    strides > 1 with dilation_rate > 1, and for a kernel larger than the input
    under 'valid'. Keras's Conv2D rejects the first case too. Both are
    rejected here for all three layers, although ``tf.nn.conv2d`` and Keras's
    DepthwiseConv2D compute the first case correctly.

    Raises:
        ConfigError: ``worked.strides_with_dilation`` or ``kernel_too_large``.
    """
    strides = reference.pair("strides", strides)
    dilation = reference.pair("dilation_rate", dilation_rate)
    if max(strides) > 1 and max(dilation) > 1:
        raise ConfigError(
            "worked.strides_with_dilation",
            f"strides={strides} with dilation_rate={dilation}: Keras's Conv2D rejects this combination, "
            "and tf.nn.depthwise_conv2d requires strides of 1 when dilation_rate > 1. Set one of them to 1.",
            strides=strides,
            dilation_rate=dilation,
        )
    for axis in range(2):
        conv_output_length(image_hw[axis], kernel_hw[axis], strides[axis], padding, dilation[axis])


def _channel_mismatch(layer_type: str, image_shape, kernel_shape, detail: str | None) -> ConfigError:
    """Build the error for a kernel whose in_channels differ from the image's channels.

    ``detail`` is TensorFlow's own message, or None when TensorFlow did not raise.
    """
    channels = image_shape[2]
    expected = tuple(kernel_shape[:2]) + (channels,) + tuple(kernel_shape[3:])
    layout = LAYOUTS["depthwise_kernel" if layer_type == "DepthwiseConv2D" else "conv_kernel"]
    code = "worked.depthwise_channels" if layer_type == "DepthwiseConv2D" else "worked.conv_channels"
    return ConfigError(
        code,
        f"{layer_type} failed: the image has {channels} channels but the kernel has shape "
        f"{tuple(kernel_shape)}, so its in_channels is {kernel_shape[2]}. A {layer_type} kernel is "
        f"{layout}. Expected shape {expected}. TensorFlow's message: {detail or '(none)'}",
        layer_type=layer_type,
        channels=channels,
        kernel_channels=kernel_shape[2],
        kernel_shape=tuple(kernel_shape),
        expected_shape=expected,
        layout=layout,
        detail=detail or "",
        tensorflow_raised=detail is not None,
    )


def _run_op(layer_type: str, image: np.ndarray, kernel: np.ndarray, run) -> np.ndarray:
    """Run a TensorFlow op, turning its channel-mismatch failure into ``ConfigError``."""
    tf, _ = load_tensorflow()
    try:
        output = run(tf)
    except (tf.errors.InvalidArgumentError, tf.errors.AbortedError) as exc:
        detail = tensorflow_message(exc)
        logger.info("TensorFlow rejected %s kernel %s on image %s: %s", layer_type, kernel.shape, image.shape, detail)
        if kernel.shape[2] != image.shape[2]:
            raise _channel_mismatch(layer_type, image.shape, kernel.shape, detail) from exc
        raise
    if kernel.shape[2] != image.shape[2]:
        # TensorFlow runs a kernel whose in_channels divide the image's channels as a
        # grouped convolution. This page teaches groups=1, so the shape is still wrong.
        raise _channel_mismatch(layer_type, image.shape, kernel.shape, None)
    return np.asarray(output, dtype=np.float64)[0]


def tf_conv2d(image, kernel, strides=1, padding="valid", dilation_rate=1, bias=None) -> np.ndarray:
    """Compute Conv2D of one ``(height, width, channels)`` image with ``tf.nn.conv2d`` in float32.

    Returns:
        The output, ``(out_height, out_width, out_channels)``, as float64.

    Raises:
        ConfigError: ``worked.conv_channels`` when the kernel's in_channels
            differ from the image's channels, or an error of ``check_layer_config``.
    """
    check_layer_config(kernel.shape[:2], image.shape[:2], strides, padding, dilation_rate)

    def run(tf):
        output = tf.nn.conv2d(
            image[None].astype(np.float32),
            kernel.astype(np.float32),
            strides=list(reference.pair("strides", strides)),
            padding=padding.upper(),
            dilations=list(reference.pair("dilation_rate", dilation_rate)),
        )
        return output if bias is None else tf.nn.bias_add(output, np.asarray(bias, np.float32))

    return _run_op("Conv2D", image, kernel, run)


def tf_depthwise_conv2d(image, kernel, strides=1, padding="valid", dilation_rate=1, bias=None) -> np.ndarray:
    """Compute DepthwiseConv2D of one image with ``tf.nn.depthwise_conv2d`` in float32.

    Returns:
        The output, ``(out_height, out_width, in_channels * depth_multiplier)``.

    Raises:
        ConfigError: ``worked.depthwise_channels`` when the kernel's
            in_channels differ from the image's channels (TensorFlow reports
            "input depth must be evenly divisible by filter depth"), or an
            error of ``check_layer_config``.
    """
    check_layer_config(kernel.shape[:2], image.shape[:2], strides, padding, dilation_rate)
    stride_h, stride_w = reference.pair("strides", strides)

    def run(tf):
        output = tf.nn.depthwise_conv2d(
            image[None].astype(np.float32),
            kernel.astype(np.float32),
            strides=[1, stride_h, stride_w, 1],
            padding=padding.upper(),
            dilations=list(reference.pair("dilation_rate", dilation_rate)),
        )
        return output if bias is None else tf.nn.bias_add(output, np.asarray(bias, np.float32))

    return _run_op("DepthwiseConv2D", image, kernel, run)


def keras_separable_conv2d(
    image, depthwise_kernel, pointwise_kernel, strides=1, padding="valid", dilation_rate=1, bias=None
) -> np.ndarray:
    """Compute a Keras ``SeparableConv2D`` layer whose weights are the given kernels, in float32.

    The layer runs the depthwise kernel, then the 1×1 pointwise kernel, then
    adds ``bias`` (shape ``(filters,)``, or None for ``use_bias=False``).

    Raises:
        ConfigError: ``worked.depthwise_channels`` or
            ``worked.pointwise_channels`` for kernels that do not fit the
            image or each other, or an error of ``check_layer_config``.
    """
    _, keras = load_tensorflow()
    check_layer_config(depthwise_kernel.shape[:2], image.shape[:2], strides, padding, dilation_rate)
    if depthwise_kernel.shape[2] != image.shape[2]:
        raise _channel_mismatch("DepthwiseConv2D", image.shape, depthwise_kernel.shape, None)
    depthwise_channels = depthwise_kernel.shape[2] * depthwise_kernel.shape[3]
    if pointwise_kernel.shape[:3] != (1, 1, depthwise_channels):
        raise ConfigError(
            "worked.pointwise_channels",
            f"The pointwise kernel has shape {pointwise_kernel.shape}, but the depthwise half outputs "
            f"{depthwise_channels} channels, so it must be (1, 1, {depthwise_channels}, filters).",
            kernel_shape=pointwise_kernel.shape,
            channels=depthwise_channels,
        )
    layer = keras.layers.SeparableConv2D(
        filters=pointwise_kernel.shape[3],
        kernel_size=depthwise_kernel.shape[:2],
        strides=reference.pair("strides", strides),
        padding=padding,
        dilation_rate=reference.pair("dilation_rate", dilation_rate),
        depth_multiplier=depthwise_kernel.shape[3],
        use_bias=bias is not None,
        dtype="float32",
    )
    layer.build((1,) + image.shape)
    weights = [depthwise_kernel, pointwise_kernel] + ([np.asarray(bias)] if bias is not None else [])
    layer.set_weights([weight.astype(np.float32) for weight in weights])
    output = layer(image[None].astype(np.float32))
    return np.asarray(output, dtype=np.float64)[0]


# ---------------------------------------------------------------------------
# Cost formulas


@dataclasses.dataclass(frozen=True)
class Formula:
    """One cost figure written three ways: symbols, the numbers filled in, and the value.

    ``factors`` are the numbers of each product in ``filled``, in order, and
    their products add up to ``value``.
    """

    quantity: str
    symbolic: str
    filled: str
    factors: tuple[tuple[int, ...], ...]
    value: int


def _filled(factors: tuple[tuple[int, ...], ...]) -> str:
    return " + ".join(r" \cdot ".join(str(number) for number in product) for product in factors)


def cost_formulas(cost) -> list[Formula]:
    """Return the params and MACs of a ``core.cost.LayerCost`` as formulas with its numbers filled in.

    Symbols: ``k_h, k_w`` kernel size, ``C_{in}`` input channels, ``C_{out}``
    Conv2D filters, ``m`` depth_multiplier, ``F`` pointwise filters and
    ``H_{out}, W_{out}`` the output size. A bias adds one parameter per
    output channel. The values are the cost model's own ``params`` and
    ``macs``; ``factors`` repeat the arithmetic so it can be checked.
    """
    _, _, c_in = cost.input_shape
    out_h, out_w, c_out = cost.output_shape
    k_h, k_w = cost.config["kernel_size"]
    bias = cost.config["use_bias"]
    if cost.layer_type == "Conv2D":
        params = ((k_h, k_w, c_in, c_out),) + (((c_out,),) if bias else ())
        params_symbolic = r"k_h \cdot k_w \cdot C_{in} \cdot C_{out}" + (r" + C_{out}" if bias else "")
        macs = ((out_h, out_w, c_out, k_h, k_w, c_in),)
        macs_symbolic = r"H_{out} \cdot W_{out} \cdot C_{out} \cdot k_h \cdot k_w \cdot C_{in}"
    elif cost.layer_type == "DepthwiseConv2D":
        multiplier = cost.config["depth_multiplier"]
        params = ((k_h, k_w, c_in, multiplier),) + (((c_in, multiplier),) if bias else ())
        params_symbolic = r"k_h \cdot k_w \cdot C_{in} \cdot m" + (r" + C_{in} \cdot m" if bias else "")
        macs = ((out_h, out_w, c_in, multiplier, k_h, k_w),)
        macs_symbolic = r"H_{out} \cdot W_{out} \cdot C_{in} \cdot m \cdot k_h \cdot k_w"
    else:
        multiplier = cost.config["depth_multiplier"]
        filters = cost.config["filters"]
        params = ((k_h, k_w, c_in, multiplier), (c_in, multiplier, filters)) + (((filters,),) if bias else ())
        params_symbolic = r"k_h \cdot k_w \cdot C_{in} \cdot m + C_{in} \cdot m \cdot F" + (" + F" if bias else "")
        macs = ((out_h, out_w, c_in, multiplier, k_h, k_w), (out_h, out_w, c_in, multiplier, filters))
        macs_symbolic = (
            r"H_{out} \cdot W_{out} \cdot C_{in} \cdot m \cdot k_h \cdot k_w"
            r" + H_{out} \cdot W_{out} \cdot C_{in} \cdot m \cdot F"
        )
    return [
        Formula("params", params_symbolic, _filled(params), params, cost.params),
        Formula("macs", macs_symbolic, _filled(macs), macs, cost.macs),
    ]
