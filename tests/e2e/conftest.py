"""Browser fixtures: one Streamlit server per session and Debian's Chromium driven by Playwright.

The server runs ``streamlit run streamlit_app.py`` on 127.0.0.1 with the
tests' own Python and without ``CONVLAB_RAISE_UNEXPECTED``. The browser
therefore gets what a user gets: an unexpected error is an error box, not a crash.

Playwright's bundled browsers are not used. The tests launch the system
Chromium (``/usr/bin/chromium``, or the path in ``CONVLAB_CHROMIUM``) and
skip when it is missing.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ENV = "CONVLAB_CHROMIUM"
SCREENSHOT_DIR_ENV = "CONVLAB_SCREENSHOT_DIR"
DEFAULT_SCREENSHOT_DIR = ROOT / "test-artifacts" / "screenshots"

# Without the background-networking flags Chromium keeps opening connections
# to Google hosts, which this test network refuses, and each page load waits on them.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

SERVER_START_TIMEOUT_S = 60
SERVER_STOP_TIMEOUT_S = 10
VIEWPORT = {"width": 1280, "height": 900}

#: The server's log file, set by ``app_url`` so that failed tests can attach it.
_server_log: Path | None = None


def chromium_path() -> str:
    """Return the Chromium executable to launch: ``CONVLAB_CHROMIUM`` if set, else Debian's."""
    return os.environ.get(CHROMIUM_ENV) or DEFAULT_CHROMIUM


def skip_reason_without_chromium() -> str | None:
    """Return why the browser tests cannot run here, or None when the executable exists."""
    path = chromium_path()
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return None
    return (
        f"Chromium not found at {path!r}. Install it with "
        "'apt-get install chromium fonts-noto-cjk', or set "
        f"{CHROMIUM_ENV} to the path of a Chromium executable."
    )


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Return the Chromium path, or skip every browser test when it is missing."""
    reason = skip_reason_without_chromium()
    if reason is not None:
        pytest.skip(reason)
    return chromium_path()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_executable):
    """Launch the system Chromium instead of a browser that Playwright downloads."""
    return {**browser_type_launch_args, "executable_path": chromium_executable, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Use one desktop viewport, wide enough for the pages' side-by-side columns."""
    return {**browser_context_args, "viewport": VIEWPORT}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_health(url: str, process: subprocess.Popen, log_path: Path) -> None:
    """Poll Streamlit's health endpoint until it returns "ok"; fail if the server exits or times out."""
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = log_path.read_text(encoding="utf-8", errors="replace")
            pytest.fail(f"Streamlit exited with code {process.returncode} before it was healthy:\n{log}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    log = log_path.read_text(encoding="utf-8", errors="replace")
    pytest.fail(f"Streamlit was not healthy within {SERVER_START_TIMEOUT_S} s:\n{log}")


def _stop(process: subprocess.Popen) -> None:
    """Stop the server by its PID: SIGTERM first, SIGKILL if it does not exit in time."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=SERVER_STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=SERVER_STOP_TIMEOUT_S)


@pytest.fixture(scope="session")
def app_url(chromium_executable, tmp_path_factory) -> str:
    """Start the app on a free 127.0.0.1 port for the whole session and return its base URL."""
    global _server_log
    port = _free_port()
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    env = {key: value for key, value in os.environ.items() if key != "CONVLAB_RAISE_UNEXPECTED"}
    command = [
        sys.executable, "-m", "streamlit", "run", "streamlit_app.py",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--server.headless", "true",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    _server_log = log_path
    try:
        _wait_for_health(url, process, log_path)
        yield url
    finally:
        _stop(process)
        _server_log = None


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """Return the git-ignored folder for full-page screenshots (``CONVLAB_SCREENSHOT_DIR`` overrides it)."""
    path = Path(os.environ.get(SCREENSHOT_DIR_ENV) or DEFAULT_SCREENSHOT_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach the Streamlit server's log to the report of a failed browser test."""
    outcome = yield
    report = outcome.get_result()
    if report.failed and _server_log is not None and _server_log.exists():
        report.sections.append(("Streamlit server log", _server_log.read_text(encoding="utf-8", errors="replace")))


