"""Normalise and check the arguments that convolution layers take.

One function per kind of input, each raising ``ConfigError`` (a
``ValueError``) that names the argument, what was expected and the value
received. The rules follow Keras 3 (``keras/src/layers/convolutional``):
where Keras accepts a configuration, so do these functions.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

from core.errors import ConfigError

PADDINGS = ("valid", "same")


def _is_int(value: object) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def positive_int(name: str, value: object) -> int:
    """Return ``value`` as an ``int`` after checking that it is a whole number >= 1.

    >>> positive_int("filters", 8)
    8
    """
    if not _is_int(value):
        raise ConfigError(
            "not_integer",
            f"Invalid value for argument `{name}`. Expected a whole number. "
            f"Received {name}={value!r}.",
            name=name,
            value=value,
        )
    if value <= 0:
        raise ConfigError(
            "not_positive",
            f"Invalid value for argument `{name}`. Expected a strictly positive "
            f"value. Received {name}={value}.",
            name=name,
            value=value,
        )
    return int(value)


def positive_float(name: str, value: object) -> float:
    """Return ``value`` as a ``float`` after checking that it is a real number > 0.

    >>> positive_float("time_budget_s", 2)
    2.0
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ConfigError(
            "not_positive",
            f"Invalid value for argument `{name}`. Expected a number > 0. Received {name}={value!r}.",
            name=name,
            value=value,
        )
    return float(value)


def positive_pair(name: str, value: object) -> tuple[int, int]:
    """Return a Keras int-or-pair argument as a ``(height, width)`` tuple of ints >= 1.

    Like Keras, a single int applies to both spatial dimensions.

    >>> positive_pair("kernel_size", 3)
    (3, 3)
    >>> positive_pair("strides", (2, 1))
    (2, 1)
    """
    if _is_int(value):
        items: Sequence[object] = (value, value)
    elif isinstance(value, Sequence) and not isinstance(value, str):
        items = tuple(value)
        if len(items) != 2:
            raise ConfigError(
                "not_pair",
                f"Invalid value for argument `{name}`. Expected an int or a tuple "
                f"of 2 ints (height, width). Received {name}={value!r}.",
                name=name,
                value=value,
            )
    else:
        raise ConfigError(
            "not_pair",
            f"Invalid value for argument `{name}`. Expected an int or a tuple of "
            f"2 ints (height, width). Received {name}={value!r}.",
            name=name,
            value=value,
        )
    return (positive_int(name, items[0]), positive_int(name, items[1]))


def padding_mode(value: object) -> str:
    """Return ``value`` lower-cased after checking that it is 'valid' or 'same'."""
    if isinstance(value, str) and value.lower() in PADDINGS:
        return value.lower()
    raise ConfigError(
        "bad_padding",
        f"Invalid value for argument `padding`. Expected 'valid' or 'same'. "
        f"Received padding={value!r}.",
        value=value,
    )


def input_shape_hwc(value: object) -> tuple[int, int, int]:
    """Return an input shape as ``(height, width, channels)``, each >= 1.

    The batch dimension is not part of this shape; cost functions take it as
    ``batch_size``.
    """
    if not isinstance(value, Sequence) or isinstance(value, str) or len(value) != 3:
        raise ConfigError(
            "bad_input_shape",
            "Invalid value for argument `input_shape`. Expected (height, width, "
            f"channels), channels last, without the batch dimension. Received "
            f"input_shape={value!r}.",
            value=value,
        )
    height = positive_int("input height", value[0])
    width = positive_int("input width", value[1])
    channels = positive_int("input channels", value[2])
    return (height, width, channels)


def no_strides_with_dilation(strides: tuple[int, int], dilation_rate: tuple[int, int]) -> None:
    """Reject Conv2D's ``strides > 1`` together with ``dilation_rate > 1``, as Keras does.

    Keras raises this for ``Conv2D`` only; ``DepthwiseConv2D`` and
    ``SeparableConv2D`` accept the combination.
    """
    if max(strides) > 1 and max(dilation_rate) > 1:
        raise ConfigError(
            "strides_with_dilation",
            "`strides > 1` not supported in conjunction with `dilation_rate > 1` "
            f"in Conv2D. Received: strides={strides} and dilation_rate="
            f"{dilation_rate}. Set one of them to 1.",
            strides=strides,
            dilation_rate=dilation_rate,
        )


def divisible_by_groups(channels: int, filters: int, groups: int) -> None:
    """Check that input channels and ``filters`` are both multiples of ``groups``."""
    if channels % groups != 0:
        raise ConfigError(
            "channels_not_divisible",
            "The number of input channels must be evenly divisible by the number "
            f"of groups. Received groups={groups}, but the input has {channels} "
            "channels. Choose groups that divide the channel count.",
            channels=channels,
            groups=groups,
        )
    if filters % groups != 0:
        raise ConfigError(
            "filters_not_divisible",
            "The number of filters must be evenly divisible by the number of "
            f"groups. Received: groups={groups}, filters={filters}. Choose filters "
            "that are a multiple of groups.",
            filters=filters,
            groups=groups,
        )
