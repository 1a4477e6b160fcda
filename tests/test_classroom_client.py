"""The classroom load test's websocket client against a real server (benchmarks/streamlit_client.py).

Two sessions open the calculator on one server started on 127.0.0.1 and set
different filters. Each must finish its runs without errors and keep its own
value, which the calculator writes into that session's URL.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import sys
import urllib.parse

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

from streamlit_client import AppServer, BrowserSession, find_widget, free_port, number_state  # noqa: E402


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port(8621, 8629)
    with AppServer(port, tmp_path_factory.mktemp("server") / "server.log") as running:
        yield running


async def set_filters(port: int, language: str, filters: int) -> tuple[list, str, list]:
    session = BrowserSession(port, run_timeout_s=60)
    await session.connect()
    try:
        opened = await session.open_page("calculator", f"lang={language}")
        widget = find_widget(opened, "number_input", "calculator_filters")
        changed = await session.set_widgets(opened.page, number_state(widget, filters))
        return [opened, changed], session.query_string, sorted(session.pages)
    finally:
        await session.close()


def run_in_own_thread(coroutine_function):
    """Run ``coroutine_function()`` with ``asyncio.run`` in a new thread and return its result.

    The browser tests' Playwright sync API keeps an event loop running in
    the main thread of the pytest worker that ran them, and
    ``asyncio.run`` raises RuntimeError inside a running loop.
    """
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(lambda: asyncio.run(coroutine_function())).result()


def test_two_sessions_keep_their_own_filters(server):
    async def both():
        return await asyncio.gather(set_filters(server.port, "en", 128), set_filters(server.port, "zh", 16))

    (runs_en, query_en, pages), (runs_zh, query_zh, _) = run_in_own_thread(both)
    for run in runs_en + runs_zh:
        assert run.elapsed_s is not None, run.errors
        assert run.errors == []
    assert urllib.parse.parse_qs(query_en)["filters"] == ["128"]
    assert urllib.parse.parse_qs(query_zh)["filters"] == ["16"]
    assert urllib.parse.parse_qs(query_zh)["lang"] == ["zh"]
    assert pages == ["", "architecture", "benchmark", "calculator", "worked-example"]
    assert server.rss_kib() > 0
