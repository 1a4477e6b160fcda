"""The two ways a student reaches a page from the home page: its card or its sidebar link."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.streamlit_dom import FIRST_LOAD_TIMEOUT_MS, open_page, rerun

#: How each language reaches a page in the page tests: English by its home card, Chinese by the sidebar.
LANGUAGE_ROUTES = [("en", "card"), ("zh", "sidebar")]


def card_link(page: Page, url_path: str):
    """Locate the home card's link to ``url_path``. Streamlit writes its href relative to the app root."""
    return page.locator(
        f'[data-testid="stPageLink-NavLink"][href="{url_path}"], '
        f'[data-testid="stPageLink-NavLink"][href$="/{url_path}"]'
    )


def sidebar_link(page: Page, url_path: str):
    """Locate the sidebar navigation link to ``url_path``."""
    return page.locator(f'[data-testid="stSidebarNavLink"][href$="/{url_path}"]')


def open_from_home(page: Page, app_url: str, lang: str, url_path: str, route: str) -> None:
    """Open the home page in ``lang`` and click the card ("card") or sidebar link ("sidebar") to ``url_path``."""
    open_page(page, f"{app_url}/?lang={lang}")
    link = card_link(page, url_path) if route == "card" else sidebar_link(page, url_path)
    with rerun(page, FIRST_LOAD_TIMEOUT_MS):
        link.click()
    expect(page).to_have_url(re.compile(rf"/{url_path}(\?|$)"))
