"""The per-session language: read from ``?lang=`` once, then from the sidebar switch."""

from __future__ import annotations

import streamlit as st

from core.i18n import LANGUAGES, Translator, normalize_language

STATE_KEY = "lang"


def current_language() -> str:
    """Return this session's language code, initialising it from the URL on first use.

    An unknown or malformed ``?lang=`` value falls back to English.
    """
    if STATE_KEY not in st.session_state:
        st.session_state[STATE_KEY] = normalize_language(st.query_params.get("lang"))
    return st.session_state[STATE_KEY]


def translator() -> Translator:
    """Return a ``Translator`` for this session's language."""
    return Translator(current_language())


def _write_language_to_url() -> None:
    st.query_params["lang"] = st.session_state[STATE_KEY]


def _keep_language_in_url() -> None:
    """Put a non-default language back into the URL after a page switch dropped it.

    ``st.navigation`` clears the query string when the sidebar opens another
    page, so a reload or a copied link would otherwise open in English.
    English stays out of the URL unless the URL already names a language.
    """
    language = st.session_state[STATE_KEY]
    if st.query_params.get("lang") != language and (language != "en" or "lang" in st.query_params):
        st.query_params["lang"] = language


def language_switch() -> Translator:
    """Render the sidebar language switch and return a translator for the chosen language."""
    t = translator()
    _keep_language_in_url()
    st.sidebar.segmented_control(
        t("common.language"),
        options=list(LANGUAGES),
        format_func=LANGUAGES.get,
        key=STATE_KEY,
        help=t("common.language_help"),
        on_change=_write_language_to_url,
        required=True,
    )
    return translator()
