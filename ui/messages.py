"""Show errors from ``core`` as messages in the session's language, never as tracebacks."""

from __future__ import annotations

import logging

import streamlit as st

from core.i18n import Translator

logger = logging.getLogger(__name__)


def show_error(t: Translator, exc: Exception, container=None) -> None:
    """Render ``exc`` as an error box in ``container`` (default: the page body)."""
    (container or st).error(t.error(exc), icon=":material/error:")


def show_unexpected(t: Translator, exc: Exception, container=None) -> None:
    """Log an exception no page expected and show a short message instead of its traceback."""
    logger.exception("Unexpected error while rendering a page")
    detail = f"{type(exc).__name__}: {exc}"
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
