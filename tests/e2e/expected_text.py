"""Texts the browser tests expect, built from the catalogues and ``core`` rather than copied from the page."""

from __future__ import annotations

import pytest

from core import worked_example as worked
from core.errors import ConfigError
from core.i18n import Translator


def classic_mistake_message(t: Translator) -> str:
    """Return the error the worked example shows on first load: the tutorial's depthwise kernel lacks a channel.

    The page opens on this mistake on purpose and offers a corrected kernel.
    """
    example = worked.classic_example()
    with pytest.raises(ConfigError) as raised:
        worked.tf_depthwise_conv2d(example["image"], example["depthwise_kernel"])
    return t.error(raised.value)


def agreement_text(t: Translator) -> str:
    """Return the part of the agreement message that does not depend on the output values."""
    message = t("worked.agree", tolerance=f"{worked.TOLERANCE:.0e}", allowed="")
    return message.split("(")[0].split("（")[0].strip()
