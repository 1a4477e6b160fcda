"""The home page in a real browser: the four cards, their links, the sidebar links and the language switch."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from core.i18n import LANGUAGES, Translator
from tests.e2e.expected_text import classic_mistake_message
from tests.e2e.streamlit_dom import assert_no_errors, open_page, rerun, save_screenshot, visible_text
from ui.navigation import PAGES

PAGE_IDS = [entry.url_path for entry in PAGES]
# The card test opens every page. The sidebar route is checked on the two
# pages that do not load TensorFlow, which keeps the browser tests short.
SIDEBAR_PAGES = [entry for entry in PAGES if entry.url_path in ("calculator", "architecture")]


def card_link(page, entry):
    """Locate the home card's link to ``entry``. Streamlit writes its href relative to the app root."""
    return page.locator(
        f'[data-testid="stPageLink-NavLink"][href="{entry.url_path}"], '
        f'[data-testid="stPageLink-NavLink"][href$="/{entry.url_path}"]'
    )


def expected_errors(t: Translator, entry) -> list[str]:
    """Return the error messages a page shows on first load. Only the worked example has one, on purpose."""
    return [classic_mistake_message(t)] if entry.url_path == "worked-example" else []


def page_title_heading(page, t: Translator, entry):
    """Locate the h1 that the page behind ``entry`` shows; the title key is ``<namespace>.title``."""
    namespace = entry.title_key.split(".")[0]
    return page.locator("h1", has_text=t(f"{namespace}.title"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_home_cards_translated(page, app_url, screenshot_dir, lang):
    t = Translator(lang)
    open_page(page, f"{app_url}/?lang={lang}")

    expect(page.locator("h1", has_text=t("home.title"))).to_be_visible()
    for entry in PAGES:
        expect(page.locator("h4", has_text=t(entry.title_key))).to_be_visible()
        expect(page.get_by_text(visible_text(t(entry.summary_key)), exact=True)).to_be_visible()
        expect(card_link(page, entry)).to_have_text(re.compile(re.escape(t("home.open_page"))))
    assert_no_errors(page)
    save_screenshot(page, screenshot_dir, f"home-{lang}")


@pytest.mark.parametrize("entry", PAGES, ids=PAGE_IDS)
def test_home_card_opens_page(page, app_url, entry):
    t = Translator("en")
    open_page(page, f"{app_url}/?lang=en")

    with rerun(page):
        card_link(page, entry).click()

    expect(page).to_have_url(re.compile(rf"/{entry.url_path}(\?|$)"))
    expect(page_title_heading(page, t, entry)).to_be_visible()
    assert_no_errors(page, allowed=expected_errors(t, entry))


@pytest.mark.parametrize("entry", SIDEBAR_PAGES, ids=[entry.url_path for entry in SIDEBAR_PAGES])
def test_sidebar_link_opens_page(page, app_url, entry):
    t = Translator("zh")
    open_page(page, f"{app_url}/?lang=zh")

    sidebar_link = page.locator(f'[data-testid="stSidebarNavLink"][href$="/{entry.url_path}"]')
    expect(sidebar_link).to_have_accessible_name(t(entry.title_key))
    with rerun(page):
        sidebar_link.click()

    expect(page).to_have_url(re.compile(rf"/{entry.url_path}(\?|$)"))
    expect(page_title_heading(page, t, entry)).to_be_visible()
    assert_no_errors(page, allowed=expected_errors(t, entry))


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
        sidebar_link = page.locator(f'[data-testid="stSidebarNavLink"][href$="/{entry.url_path}"]')
        expect(sidebar_link).to_have_accessible_name(chinese(entry.title_key))
    expect(page).to_have_url(re.compile(r"[?&]lang=zh(&|$)"))
    assert_no_errors(page)
