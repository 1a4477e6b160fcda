"""The architecture builder in a real browser: the smallest MobileNetV1, its totals and its Keras build."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from core.architectures import V1_ALPHAS, V1_RESOLUTIONS, architecture_cost, mobilenet_v1, totals
from core.i18n import Translator, format_count
from tests.e2e.routes import LANGUAGE_ROUTES, open_from_home
from tests.e2e.streamlit_dom import assert_no_errors, rerun, save_screenshot, widget

BUILD_TIMEOUT_MS = 120_000


def metric_value(page, label: str):
    return page.locator('[data-testid="stMetric"]', has_text=label).locator('[data-testid="stMetricValue"]')


@pytest.mark.parametrize(("lang", "route"), LANGUAGE_ROUTES)
def test_architecture_small_mobilenet(page, app_url, screenshot_dir, lang, route):
    t = Translator(lang)
    alpha, resolution = min(V1_ALPHAS), min(V1_RESOLUTIONS)
    architecture = mobilenet_v1(alpha=alpha, resolution=resolution)
    counted = totals(architecture_cost(architecture))
    open_from_home(page, app_url, lang, "architecture", route)
    expect(page.locator("h1", has_text=t("architecture.title"))).to_be_visible()

    # Home moves a select_slider to its first option, the smallest alpha or resolution.
    for key in ("architecture_v1_alpha", "architecture_v1_resolution"):
        with rerun(page):
            widget(page, key).get_by_role("slider").press("Home")

    heading = page.get_by_role("heading", name=t("architecture.totals_heading", name=architecture.name))
    expect(heading).to_be_visible()
    # The tiles abbreviate: MACs between 10 and 100 million get one decimal, parameters above 100 thousand none.
    assert 10**7 <= counted["macs"] < 10**8
    assert 10**5 <= counted["params"] < 10**6
    this_network = t("architecture.this_network")
    expect(metric_value(page, f"MACs · {this_network}")).to_have_text(f"{counted['macs'] / 10**6:.1f}M")
    params_label = f"{t('architecture.col_params')} · {this_network}"
    expect(metric_value(page, params_label)).to_have_text(f"{counted['params'] / 10**3:.0f}K")

    with rerun(page, BUILD_TIMEOUT_MS):
        widget(page, "architecture_build").get_by_role("button").click()
    build_check = page.locator('[data-testid="stAlertContentSuccess"]', has_text="count_params()")
    expect(build_check).to_contain_text(t("architecture.build_match", count=format_count(counted["params"])))
    assert_no_errors(page)
    save_screenshot(page, screenshot_dir, f"architecture-{lang}")
