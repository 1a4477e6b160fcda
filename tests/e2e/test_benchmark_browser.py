"""The benchmark in a real browser: a tiny run shows its results table, explanation and charts."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from core.i18n import Translator
from tests.e2e.routes import LANGUAGE_ROUTES, open_from_home
from tests.e2e.streamlit_dom import assert_no_errors, rerun, save_screenshot, widget

# The smallest run that still times all three default layers: an 8×8×4 input, 8 filters, 3 timed calls.
TINY_RUN = {"bench_run_input_shape": "8,8,4", "bench_run_filters": "8", "bench_run_repeats": "3", "bench_run_warmup": "1"}
CHART_COUNT = 4  # median time, first call, GFLOP/s and roofline
BENCHMARK_TIMEOUT_MS = 120_000


@pytest.mark.parametrize(("lang", "route"), LANGUAGE_ROUTES)
def test_benchmark_tiny_run(page, app_url, screenshot_dir, lang, route):
    t = Translator(lang)
    open_from_home(page, app_url, lang, "benchmark", route)
    expect(page.locator("h1", has_text=t("benchmark.title"))).to_be_visible()
    expect(page.get_by_text(t("benchmark.no_result"))).to_be_visible()

    run_tab = page.get_by_role("tabpanel", name=t("benchmark.tab_run"))
    run_tab.get_by_text(t("benchmark.timing_options"), exact=True).click()
    for key, value in TINY_RUN.items():
        field = widget(page, key).locator("input")
        field.fill(value)
        # Inside a form a field only commits on blur; Enter would submit the form.
        field.press("Tab")
    with rerun(page, BENCHMARK_TIMEOUT_MS):
        widget(page, "bench_run_submit").get_by_role("button").click()

    expect(page.get_by_role("heading", name=t("benchmark.results"))).to_be_visible()
    expect(run_tab.locator('[data-testid="stDataFrame"]')).to_have_count(1)
    explanation = page.locator("strong", has_text=t("benchmark.explanation"))
    expect(explanation).to_be_visible()
    expect(explanation.locator("xpath=following::ul[1]/li").first).to_be_visible()
    expect(page.locator('[data-testid="stVegaLiteChart"]')).to_have_count(CHART_COUNT)
    expect(widget(page, "bench_run_download_json")).to_be_visible()
    assert_no_errors(page)
    save_screenshot(page, screenshot_dir, f"benchmark-{lang}")
