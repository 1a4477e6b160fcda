"""Message catalogues in English and Simplified Chinese, looked up per browser session.

Each module in ``core.locales`` is one namespace: its ``MESSAGES`` dict maps a
key to ``{"en": ..., "zh": ...}``, and the full key is
``"<module>.<key>"`` (for example ``"home.title"``). Placeholders use
``str.format`` names, the same in both languages.

There is no process-wide current language. Each page creates a ``Translator``
for the language of its own session, so one student switching language never
changes another student's screen.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import string
from collections.abc import Callable, Mapping
from functools import lru_cache

from core import locales
from core.errors import ConfigError

logger = logging.getLogger(__name__)

#: Language code -> name shown in the language switch.
LANGUAGES: Mapping[str, str] = {"en": "English", "zh": "简体中文"}
DEFAULT_LANGUAGE = "en"


def normalize_language(value: object) -> str:
    """Return a supported language code for a URL or widget value, English when unknown.

    >>> normalize_language("zh"), normalize_language("ZH-cn"), normalize_language("fr")
    ('zh', 'zh', 'en')
    """
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    if not isinstance(value, str):
        return DEFAULT_LANGUAGE
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """Load every namespace in ``core.locales`` into one dict of full key -> texts."""
    merged: dict[str, dict[str, str]] = {}
    for module_info in pkgutil.iter_modules(locales.__path__):
        module = importlib.import_module(f"{locales.__name__}.{module_info.name}")
        for key, texts in module.MESSAGES.items():
            merged[f"{module_info.name}.{key}"] = texts
    return merged


def placeholders(text: str) -> set[str]:
    """Return the ``str.format`` field names used in ``text``."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


#: List separator of each language, used to join the items of a list param.
_LIST_SEPARATORS = {"en": ", ", "zh": "、"}


class Translator:
    """Look up messages in one language.

    >>> Translator("zh")("common.language")
    '语言'
    """

    def __init__(self, language: str) -> None:
        self.language = normalize_language(language)
        self._messages = catalogue()

    def __call__(self, key: str, **params: object) -> str:
        """Return the message for ``key`` with ``params`` filled in.

        A list param is joined with the language's list separator: ", " in
        English, "、" in Chinese. A missing key returns the key itself and
        logs it, so a gap shows on the page instead of raising. The
        catalogue tests catch such gaps first.

        >>> Translator("zh")("benchmark.explain_noisy", layers=["Conv2D", "DepthwiseConv2D"]).split(" ")[0]
        'Conv2D、DepthwiseConv2D'
        """
        texts = self._messages.get(key)
        if texts is None:
            logger.error("Missing message key %s", key)
            return key
        text = texts.get(self.language) or texts[DEFAULT_LANGUAGE]
        if not params:
            return text
        separator = _LIST_SEPARATORS.get(self.language, ", ")
        values = {
            name: separator.join(str(item) for item in value) if isinstance(value, list) else value
            for name, value in params.items()
        }
        return text.format(**values)

    def has(self, key: str) -> bool:
        """Return whether the catalogue contains ``key``."""
        return key in self._messages

    def error(self, exc: Exception, escape: Callable[[str], str] | None = None) -> str:
        """Return the message of an exception from ``core`` in this language.

        A ``ConfigError`` is translated with its params from the catalogue
        entry ``errors.<code>`` or, for a code with a namespace such as
        ``"benchmark.over_memory_budget"``, from the entry of that full key.
        Any other exception, or a code without an entry, keeps its own text.

        ``escape`` is applied to every string param and to the text of any
        other exception, because those can contain what a user typed, pasted
        or uploaded. The page passes a Markdown escape, so that text shows
        verbatim instead of as formatting, links or images.
        """
        escape = escape or (lambda text: text)
        if isinstance(exc, ConfigError):
            params = {
                name: escape(value) if isinstance(value, str) else _display(value)
                for name, value in exc.params.items()
            }
            for key in (f"errors.{exc.code}", exc.code):
                if self.has(key):
                    return self(key, **params)
        return escape(str(exc))


def _display(value: object) -> str:
    if isinstance(value, tuple):
        return "(" + ", ".join(str(item) for item in value) + ")"
    return str(value)


def format_count(value: int | float) -> str:
    """Format a count with thousands separators, the same in both languages.

    >>> format_count(462422016)
    '462,422,016'
    """
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}"
    return f"{int(value):,}"
