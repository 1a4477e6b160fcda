"""Hypothesis strategies for convolution configurations, in Keras's argument names.

Sizes are kept small so a Keras layer builds in milliseconds. Each strategy
mixes ints with (height, width) pairs, as Keras accepts both, and draws a few
invalid values (0, kernels longer than the input, groups that do not divide)
so that rejection is tested next to acceptance.
"""

from __future__ import annotations

from hypothesis import strategies as st


def mostly_positive(high: int) -> st.SearchStrategy:
    """Draw an int in ``[1, high]``, and now and then the invalid 0."""
    # 0 goes last: hypothesis draws and shrinks towards the first element.
    return st.sampled_from([*list(range(1, high + 1)) * 4, 0])


def int_or_pair(high: int) -> st.SearchStrategy:
    """Draw an int or a (height, width) tuple with items from ``mostly_positive(high)``."""
    item = mostly_positive(high)
    return st.one_of(item, st.tuples(item, item))


def unit_or(strategy: st.SearchStrategy) -> st.SearchStrategy:
    """Draw Keras's default 1 half of the time, else from ``strategy``."""
    return st.booleans().flatmap(lambda default: st.just(1) if default else strategy)


def input_shapes(max_size: int = 12, max_channels: int = 8) -> st.SearchStrategy:
    """Draw ``(height, width, channels)`` with odd and even sizes."""
    return st.tuples(st.integers(1, max_size), st.integers(1, max_size), st.integers(1, max_channels))


def _common(draw, *, dilation: bool) -> dict[str, object]:
    config = {
        "kernel_size": draw(int_or_pair(5)),
        "strides": draw(unit_or(int_or_pair(3))),
        "padding": draw(st.sampled_from(["valid", "same"])),
        "use_bias": draw(st.booleans()),
    }
    if dilation:
        config["dilation_rate"] = draw(unit_or(int_or_pair(3)))
    return config


@st.composite
def conv2d_configs(draw, *, channels: int | None = None, dilation: bool = True, groups: bool = True):
    """Draw Conv2D arguments: filters, kernel_size, strides, padding, dilation_rate, groups, use_bias.

    Given the input ``channels``, ``groups`` is usually one of its divisors
    and ``filters`` usually a multiple of ``groups``, so grouped
    convolutions that Keras accepts are drawn often.
    """
    config = _common(draw, dilation=dilation)
    config["filters"] = draw(mostly_positive(8))
    if groups:
        divisors = [n for n in range(1, (channels or 1) + 1) if (channels or 1) % n == 0]
        group_count = draw(st.one_of(st.sampled_from(divisors), st.integers(1, 4)))
        config["groups"] = group_count
        if draw(st.booleans()):
            config["filters"] = group_count * draw(st.integers(1, 3))
    return config


@st.composite
def depthwise_configs(draw, *, dilation: bool = True) -> dict[str, object]:
    """Draw DepthwiseConv2D arguments: kernel_size, strides, padding, dilation_rate, depth_multiplier, use_bias."""
    config = _common(draw, dilation=dilation)
    config["depth_multiplier"] = draw(mostly_positive(3))
    return config


@st.composite
def separable_configs(draw, *, dilation: bool = True) -> dict[str, object]:
    """Draw SeparableConv2D arguments: the depthwise ones plus filters."""
    config = draw(depthwise_configs(dilation=dilation))
    config["filters"] = draw(mostly_positive(8))
    return config


def layer_configs(layer_type: str, channels: int, *, dilation: bool = True, groups: bool = True):
    """Draw the arguments of ``layer_type`` for an input with ``channels`` channels.

    ``dilation=False`` leaves ``dilation_rate`` at its default, and
    ``groups=False`` leaves Conv2D's ``groups`` at its default.
    """
    if layer_type == "Conv2D":
        return conv2d_configs(channels=channels, dilation=dilation, groups=groups)
    if layer_type == "DepthwiseConv2D":
        return depthwise_configs(dilation=dilation)
    return separable_configs(dilation=dilation)
