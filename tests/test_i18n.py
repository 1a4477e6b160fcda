"""The message catalogues are complete in both languages and per session."""

import doctest

import pytest

import core.i18n
from core.errors import ConfigError
from core.i18n import LANGUAGES, Translator, catalogue, normalize_language, placeholders


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_entry_complete_in_both_languages(key):
    texts = catalogue()[key]
    for language in LANGUAGES:
        assert texts.get(language, "").strip(), f"{key} has no {language} text"
    assert set(texts) == set(LANGUAGES), f"{key} has unexpected languages {set(texts)}"


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_entry_placeholders_match(key):
    texts = catalogue()[key]
    assert placeholders(texts["en"]) == placeholders(texts["zh"])


@pytest.mark.parametrize(
    ("value", "expected"),
    [("zh", "zh"), ("en", "en"), ("ZH", "zh"), ("zh-CN", "zh"), ("fr", "en"), ("", "en"), (None, "en"), (["zh"], "zh")],
)
def test_normalize_language(value, expected):
    assert normalize_language(value) == expected


def test_translators_independent():
    english, chinese = Translator("en"), Translator("zh")
    assert english("common.language") == "Language"
    assert chinese("common.language") == "语言"
    assert english("common.language") == "Language"


def test_config_error_translated():
    error = ConfigError("not_positive", "Invalid value for argument `filters`.", name="filters", value=0)
    assert Translator("zh").error(error) == "filters 必须不小于 1，收到的值是 0。请输入正整数。"
    assert "filters must be at least 1" in Translator("en").error(error)


def test_error_codes_have_translations():
    """Every code that core raises has an errors.<code> entry."""
    import re
    from pathlib import Path

    codes = set()
    for path in Path("core").rglob("*.py"):
        codes |= set(re.findall(r'ConfigError\(\s*"([a-z_.]+)"', path.read_text(encoding="utf-8")))
    missing = sorted(code for code in codes if f"errors.{code}" not in catalogue() and code not in catalogue())
    assert not missing


@pytest.mark.parametrize(
    ("lang", "joined"),
    [("en", "Conv2D, DepthwiseConv2D"), ("zh", "Conv2D、DepthwiseConv2D")],
)
def test_list_param_joined_per_language(lang, joined):
    text = Translator(lang)("benchmark.explain_noisy", layers=["Conv2D", "DepthwiseConv2D"])

    assert joined in text
    assert "[" not in text


def test_docstring_examples():
    failures, tried = doctest.testmod(core.i18n)

    assert tried > 0
    assert failures == 0
