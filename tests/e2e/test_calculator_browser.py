"""The calculator in a real browser: an edited input changes the counts and the URL; a bad URL value gets a note."""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from core.calculator import DEFAULT_CONFIG, query_params_from_config
from core.cost import layer_cost
from core.i18n import Translator, format_count
from tests.e2e.routes import LANGUAGE_ROUTES, open_from_home
from tests.e2e.streamlit_dom import assert_no_errors, open_page, rerun, save_screenshot, widget

NEW_FILTERS = 128
BAD_FILTERS = "-3"


def costs(config):
    """Count the Conv2D and SeparableConv2D rows of ``config`` with ``core.cost``, as the table does."""
    arguments = {
        "filters": config.filters,
        "kernel_size": config.kernel_size,
        "strides": config.strides,
        "padding": config.padding,
        "dilation_rate": config.dilation_rate,
        "use_bias": config.use_bias,
    }
    conv = layer_cost("Conv2D", config.input_shape, batch_size=config.batch_size, groups=config.groups, **arguments)
    separable = layer_cost(
        "SeparableConv2D",
        config.input_shape,
        batch_size=config.batch_size,
        depth_multiplier=config.depth_multiplier,
        **arguments,
    )
    return conv, separable


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


@pytest.mark.parametrize(("lang", "route"), LANGUAGE_ROUTES)
def test_calculator_filters_update(page, app_url, screenshot_dir, lang, route):
    t = Translator(lang)
    config = dataclasses.replace(DEFAULT_CONFIG, filters=NEW_FILTERS)
    conv, separable = costs(config)
    open_from_home(page, app_url, lang, "calculator", route)
    expect(page.locator("h1", has_text=t("calculator.title"))).to_be_visible()
    like_for_like = page.locator('[data-testid="stAlertContentSuccess"]', has_text="SeparableConv2D")
    expect(like_for_like).to_contain_text(format_count(costs(DEFAULT_CONFIG)[0].macs))

    filters_box = widget(page, "calculator_filters").locator("input")
    filters_box.fill(str(NEW_FILTERS))
    with rerun(page):
        filters_box.press("Enter")

    expect(like_for_like).to_contain_text(format_count(conv.params))
    expect(like_for_like).to_contain_text(format_count(separable.params))
    expect(like_for_like).to_contain_text(format_count(conv.macs))
    expect(like_for_like).to_contain_text(format_count(separable.macs))
    exact_ratio = page.locator('[data-testid="stMetric"]', has_text=t("calculator.ratio_exact_macs"))
    expect(exact_ratio.locator('[data-testid="stMetricValue"]')).to_have_text(f"{separable.macs / conv.macs:.4f}")
    expect(page).to_have_url(re.compile(rf"[?&]filters={NEW_FILTERS}(&|$)"))
    assert query(page)["filters"] == [str(NEW_FILTERS)]
    # The rest of the link still reopens the same settings.
    for name, value in query_params_from_config(config).items():
        assert query(page)[name] == [value], name
    assert_no_errors(page)
    save_screenshot(page, screenshot_dir, f"calculator-{lang}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_calculator_bad_url_note(page, app_url, lang):
    t = Translator(lang)
    conv, _ = costs(DEFAULT_CONFIG)
    open_page(page, f"{app_url}/calculator?lang={lang}&filters={BAD_FILTERS}")

    note = page.locator('[data-testid="stAlertContentWarning"]', has_text=t("calculator.url_notes_heading"))
    expect(note).to_be_visible()
    expect(note).to_contain_text(BAD_FILTERS)
    expect(note).to_contain_text("filters")
    # The page keeps working with the default filters and writes them back into the URL.
    like_for_like = page.locator('[data-testid="stAlertContentSuccess"]', has_text="SeparableConv2D")
    expect(like_for_like).to_contain_text(format_count(conv.macs))
    expect(page).to_have_url(re.compile(rf"[?&]filters={DEFAULT_CONFIG.filters}(&|$)"))
    assert_no_errors(page)
