"""The page list shared by the navigation frame and the home page's cards.

A page is listed here only once it works end to end.
"""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class PageEntry:
    """One page: its script, its catalogue keys and its URL path.

    ``summary_key`` is the home card's text; the home page itself has none.
    """

    script: str
    title_key: str
    icon: str
    url_path: str
    summary_key: str | None = None
    default: bool = False


HOME = PageEntry("app_pages/home.py", "common.nav_home", ":material/home:", "home", default=True)

#: The learning pages, in the order the sidebar and the home page show them.
PAGES: list[PageEntry] = [
    PageEntry("app_pages/worked_example.py", "worked.nav_title", ":material/calculate:", "worked-example", "worked.card_summary"),
    PageEntry("app_pages/calculator.py", "calculator.nav_title", ":material/functions:", "calculator", "calculator.card_summary"),
    PageEntry("app_pages/benchmark.py", "benchmark.nav_title", ":material/timer:", "benchmark", "benchmark.card_summary"),
    PageEntry(
        "app_pages/architecture.py",
        "architecture.nav_title",
        ":material/account_tree:",
        "architecture",
        "architecture.card_summary",
    ),
]
