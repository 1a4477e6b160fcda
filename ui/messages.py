"""Show errors from ``core`` as messages in the session's language, never as tracebacks."""

from __future__ import annotations

import logging
import re

import streamlit as st

from core.i18n import Translator

logger = logging.getLogger(__name__)


#: Characters that start inline Markdown (emphasis, code, links, images, HTML, entities)
#: or Streamlit's $...$ math and :color[...] directives. An underscore counts only
#: at a word's edge, where it can start emphasis, so names like kernel_size stay as they are.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*\[\]<>$:~&]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
#: Maximum length, in characters, of one user-supplied value shown inside a message.
MAX_SHOWN_CHARS = 300


def markdown_text(value: object, max_chars: int = MAX_SHOWN_CHARS) -> str:
    """Return ``value`` escaped so that Markdown shows it verbatim, on one line.

    Text longer than ``max_chars`` is cut with an ellipsis, and line breaks
    become spaces, so no text can start a heading or a list. A backslash
    before a punctuation character makes CommonMark show the character
    itself, so ``**x**``, ``<b>``, ``[a](b)`` and ``$x$`` show as typed.

    >>> markdown_text("**5** <b> kernel_size")
    '\\\\*\\\\*5\\\\*\\\\* \\\\<b\\\\> kernel_size'
    """
    text = " ".join(str(value).split())
    if len(text) > max_chars:
        text = text[: max_chars - 1] + "…"
    return _MARKDOWN_SPECIAL.sub(lambda match: "\\" + match.group(0), text)


def show_error(t: Translator, exc: Exception, container=None) -> None:
    """Render ``exc`` as an error box in ``container`` (default: the page body).

    String params of the message are escaped, as they can contain user input.
    """
    (container or st).error(t.error(exc, escape=markdown_text), icon=":material/error:")


def show_unexpected(t: Translator, exc: Exception, container=None) -> None:
    """Log an exception no page expected and show a short message instead of its traceback."""
    logger.exception("Unexpected error while rendering a page")
    detail = markdown_text(f"{type(exc).__name__}: {exc}")
    (container or st).error(t("common.unexpected_error", detail=detail), icon=":material/error:")


def literal_text(value: object, max_chars: int = 60) -> str:
    """Return ``value`` as a Markdown code span, so text from a URL or an upload shows verbatim.

    Text longer than ``max_chars`` is cut with an ellipsis. Backticks become
    apostrophes because a backtick would end the code span.
    """
    text = str(value)
    if len(text) > max_chars:
        text = text[: max_chars - 1] + "…"
    return "`" + text.replace("`", "'").replace("\n", " ") + "`"
