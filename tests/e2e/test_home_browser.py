"""The home page in a real browser: the four cards, their links, the sidebar links and the language switch.

The page tests reach their pages through these cards (English) and sidebar links (Chinese).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from core.i18n import LANGUAGES, Translator
from tests.e2e.routes import card_link, sidebar_link
from tests.e2e.streamlit_dom import FIRST_LOAD_TIMEOUT_MS, assert_no_errors, open_page, rerun, save_screenshot, visible_text
from ui.navigation import PAGES


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_home_cards_translated(page, app_url, screenshot_dir, lang):
    t = Translator(lang)
    open_page(page, f"{app_url}/?lang={lang}")

    expect(page.locator("h1", has_text=t("home.title"))).to_be_visible()
    for entry in PAGES:
        expect(page.locator("h4", has_text=t(entry.title_key))).to_be_visible()
        expect(page.get_by_text(visible_text(t(entry.summary_key)), exact=True)).to_be_visible()
        expect(card_link(page, entry.url_path)).to_have_text(re.compile(re.escape(t("home.open_page"))))
        expect(sidebar_link(page, entry.url_path)).to_have_accessible_name(t(entry.title_key))
    assert_no_errors(page)
    save_screenshot(page, screenshot_dir, f"home-{lang}")


def test_sidebar_switch_to_chinese(page, app_url):
    english, chinese = Translator("en"), Translator("zh")
    open_page(page, f"{app_url}/?lang=en")
    expect(page.locator("h1", has_text=english("home.title"))).to_be_visible()

    switch = page.locator('[data-testid="stSidebar"] [data-testid="stButtonGroup"]')
    with rerun(page):
        switch.get_by_role("radio", name=LANGUAGES["zh"]).click()

    expect(page.locator("h1", has_text=chinese("home.title"))).to_be_visible()
    for entry in PAGES:
        expect(page.locator("h4", has_text=chinese(entry.title_key))).to_be_visible()
        expect(sidebar_link(page, entry.url_path)).to_have_accessible_name(chinese(entry.title_key))
    expect(page).to_have_url(re.compile(r"[?&]lang=zh(&|$)"))
    assert_no_errors(page)

    # The sidebar link opens a page without a query string. The language must
    # come back into the URL, so that a reload or a copied link stays Chinese.
    with rerun(page, FIRST_LOAD_TIMEOUT_MS):
        sidebar_link(page, "benchmark").click()
    expect(page).to_have_url(re.compile(r"/benchmark\?(.*&)?lang=zh(&|$)"))
    open_page(page, page.url)
    expect(page.locator("h1", has_text=chinese("benchmark.title"))).to_be_visible()
    assert_no_errors(page)
