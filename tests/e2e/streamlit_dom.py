"""Waits and checks on the DOM that Streamlit 1.67's frontend renders.

The root element ``[data-testid="stApp"]`` carries two attributes:
``data-test-script-state`` ("initial", "running", "notRunning",
"rerunRequested", "stopRequested" or "compilationError") and
``data-test-connection-state`` ("CONNECTED" once the websocket is up). A
script run has finished when the state is back to "notRunning" on a
connected app. Every wait here is on those attributes or on the server's
messages, never a fixed sleep.
"""

from __future__ import annotations

import contextlib
import re
import weakref
from collections.abc import Iterator, Sequence
from pathlib import Path

from google.protobuf.message import DecodeError
from playwright.sync_api import Page, WebSocket
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

APP = '[data-testid="stApp"]'
IDLE_APP = f'{APP}[data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]'

#: ``st.error`` renders its box as stAlertContentError, and an uncaught exception as stException.
ERROR_ALERT = '[data-testid="stAlertContentError"]'
EXCEPTION = '[data-testid="stException"]'
SKELETON = '[data-testid="stSkeleton"]'

#: The first visit to a TensorFlow page imports TensorFlow in the server, which takes seconds.
FIRST_LOAD_TIMEOUT_MS = 60_000
RERUN_TIMEOUT_MS = 60_000

#: The websocket of each open page, recorded when ``open_page`` loads it.
_sockets: weakref.WeakKeyDictionary[Page, WebSocket] = weakref.WeakKeyDictionary()


def _is_run_end(payload: str | bytes) -> bool:
    """Return True for the server's ForwardMsg that ends a script run which was not cut short by a rerun."""
    if not isinstance(payload, bytes):
        return False
    try:
        message = ForwardMsg.FromString(payload)
    except DecodeError:
        return False
    return (
        message.WhichOneof("type") == "script_finished"
        and message.script_finished != ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
    )


def _record_socket(page: Page, socket: WebSocket) -> None:
    if socket.url.endswith("/_stcore/stream"):
        _sockets[page] = socket


def wait_until_idle(page: Page, timeout_ms: int = FIRST_LOAD_TIMEOUT_MS, drawn: bool = True) -> None:
    """Wait until the app is connected, no script run is in progress and, if ``drawn``, every element is drawn.

    Streamlit loads the code of some elements (text areas, tables, charts)
    on first use and shows a ``stSkeleton`` placeholder until it arrives,
    which can be after the run has ended.
    """
    page.locator(IDLE_APP).wait_for(state="attached", timeout=timeout_ms)
    if drawn:
        page.locator(SKELETON).first.wait_for(state="detached", timeout=timeout_ms)


def open_page(page: Page, url: str, timeout_ms: int = FIRST_LOAD_TIMEOUT_MS, drawn: bool = True) -> None:
    """Load ``url`` and wait for the first script run to finish.

    A fresh load starts in the "initial" state, so "notRunning" can only mean
    that the first run has ended.
    """
    if page not in _sockets:
        page.on("websocket", lambda socket: _record_socket(page, socket))
    page.goto(url)
    wait_until_idle(page, timeout_ms, drawn)


@contextlib.contextmanager
def rerun(page: Page, timeout_ms: int = RERUN_TIMEOUT_MS, drawn: bool = True) -> Iterator[None]:
    """Wait, after the block, for the script run that the block's action starts to finish.

    Use it around one widget action (a click, a committed text entry). The
    end of the run is the server's ``script_finished`` message on the page's
    websocket. The DOM attribute alone can miss a fast run, because React
    may render "running" and "notRunning" in one update. The wait fails with
    a timeout if the action starts no run at all.
    """
    socket = _sockets[page]
    with socket.expect_event("framereceived", predicate=_is_run_end, timeout=timeout_ms):
        yield
    wait_until_idle(page, timeout_ms, drawn)


def widget(page: Page, key: str):
    """Locate the element of the widget created with ``key=`` (Streamlit adds the class ``st-key-<key>``)."""
    return page.locator(f".st-key-{key}")


def assert_no_errors(page: Page, allowed: Sequence[str] = ()) -> None:
    """Assert that the page shows no exception box and no error alert; a failure lists their texts.

    An error alert that contains one of the ``allowed`` messages is accepted,
    for a page that shows a deliberate mistake. Call this once the app is
    idle: it checks the page as it is and does not wait.
    """
    exceptions = page.locator(EXCEPTION).all_inner_texts()
    assert not exceptions, f"exception boxes on {page.url}: {exceptions}"
    errors = [text for text in page.locator(ERROR_ALERT).all_inner_texts() if not any(m in text for m in allowed)]
    assert not errors, f"error alerts on {page.url}: {errors}"


def visible_text(markdown: str) -> str:
    """Strip the Markdown emphasis and code marks from catalogue text, leaving what the browser shows."""
    return re.sub(r"\*\*|__|`", "", markdown)


def save_screenshot(page: Page, folder: Path, name: str) -> Path:
    """Save a PNG of the whole page, not only the viewport, as ``folder/name.png``.

    Streamlit scrolls its main area (``stMain``) instead of the document, so
    Playwright's ``full_page`` would stop at the viewport. The viewport is
    made as tall as the main area for the shot and restored afterwards.
    """
    path = folder / f"{name}.png"
    viewport = page.viewport_size
    height = page.locator('[data-testid="stMain"]').evaluate("main => main.scrollHeight")
    page.set_viewport_size({"width": viewport["width"], "height": max(viewport["height"], height)})
    try:
        # Two animation frames let the browser lay the taller page out before the shot.
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(viewport)
    return path
