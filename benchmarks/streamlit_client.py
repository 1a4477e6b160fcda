"""Drive a local convlab server the way a browser tab does, over Streamlit's websocket protocol.

``AppServer`` starts ``streamlit run streamlit_app.py`` on 127.0.0.1 and
stops it by PID. ``BrowserSession`` opens ``/_stcore/stream`` and sends
``BackMsg.rerun_script`` requests with the page hash, the query string and
the widget states a browser would send. It reads the ``ForwardMsg``
replies: the page list, every element of each script run, and the end of
the run. Widget ids are read from the elements the server sends, never
computed.

Only for servers this process started: ``BrowserSession`` connects to
127.0.0.1 alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
HOST = "127.0.0.1"

#: Alert.Format value of ``st.error`` (Streamlit 1.67 ``Alert.proto``).
ALERT_ERROR = 1
#: NumberInput.DataType value of an integer input (Streamlit 1.67 ``NumberInput.proto``).
NUMBER_INPUT_INT = 0
#: Script-finished statuses that end the requested run. A run
#: stopped early for a rerun (``st.rerun()``) is followed by another run.
RUN_DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR}


def free_port(first: int, last: int) -> int:
    """Return the first port in ``first..last`` that 127.0.0.1 can bind.

    Raises:
        RuntimeError: when every port in the range is taken.
    """
    for port in range(first, last + 1):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"No free port on {HOST} in {first}-{last}: all are in use. Stop the process that uses them.")


def child_pids(pid: int) -> list[int]:
    """Return every descendant of ``pid``, read from ``/proc/*/stat`` (Linux only)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in brackets and may contain spaces, so split after it.
        fields = stat[stat.rindex(")") + 2 :].split()
        parents[int(entry.name)] = int(fields[1])
    found: list[int] = []
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, ppid in parents.items() if ppid == parent]
        found.extend(children)
        frontier.extend(children)
    return found


def status_kib(pid: int, field: str) -> int:
    """Return one ``kB`` field of ``/proc/<pid>/status`` (``VmRSS``, ``VmHWM``), or 0 once the process is gone."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


class AppServer:
    """A ``streamlit run streamlit_app.py`` subprocess on 127.0.0.1, stopped by its PID.

    Use as a context manager. The server's output goes to ``log_path``.
    """

    def __init__(self, port: int, log_path: Path, env: dict[str, str] | None = None) -> None:
        self.port = port
        self.log_path = log_path
        self.env = {**os.environ, **(env or {})}
        self.process: subprocess.Popen | None = None

    @property
    def pid(self) -> int:
        assert self.process is not None, "the server has not started"
        return self.process.pid

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self, timeout_s: float = 120.0) -> None:
        """Start the server and wait until ``/_stcore/health`` returns ``ok``.

        Raises:
            RuntimeError: when the server exits or is not healthy within ``timeout_s``.
        """
        command = [
            sys.executable, "-m", "streamlit", "run", "streamlit_app.py",
            "--server.address", HOST, "--server.port", str(self.port), "--server.headless", "true",
            "--browser.gatherUsageStats", "false",
        ]  # fmt: skip
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"The server exited with code {self.process.returncode} before it was healthy; see {self.log_path}."
                )
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read().strip() == b"ok":
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"The server was not healthy within {timeout_s:.0f} s; see {self.log_path}.")

    def stop(self) -> None:
        """Stop the server: SIGTERM to its PID, then SIGKILL after 10 s."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def rss_kib(self) -> int:
        """Return the resident memory of the server and all its children, in KiB."""
        return sum(status_kib(pid, "VmRSS") for pid in [self.pid, *child_pids(self.pid)])

    def hwm_kib(self) -> int:
        """Return the server process's peak resident memory (``VmHWM``), in KiB."""
        return status_kib(self.pid, "VmHWM")

    def __enter__(self) -> AppServer:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()


@dataclasses.dataclass
class RunResult:
    """One script run the client requested: how long it took and what the page showed.

    ``elapsed_s`` runs from sending the request to the script-finished
    message; it is None when the run timed out.
    """

    page: str
    elapsed_s: float | None
    elements: list[Element]
    errors: list[str]
    arrived_s: list[float]
    lesson_alerts: list[str] = dataclasses.field(default_factory=list)


def element_widget_id(element: Element) -> str | None:
    """Return the widget id of ``element``, or None when it is not a widget."""
    kind = element.WhichOneof("type")
    if kind is None:
        return None
    inner = getattr(element, kind)
    widget_id = getattr(inner, "id", "")
    return widget_id if widget_id.startswith("$$ID-") else None


def element_errors(element: Element) -> list[str]:
    """Return a description of each error ``element`` shows: an exception or an ``st.error`` box."""
    kind = element.WhichOneof("type")
    if kind == "exception":
        return [f"exception {element.exception.type}: {element.exception.message}"]
    if kind == "alert" and element.alert.format == ALERT_ERROR:
        return [f"error alert: {element.alert.body}"]
    return []


def dataframe_from(element: Element):
    """Decode a ``st.dataframe`` element's Arrow data into a pandas DataFrame."""
    import pyarrow as pa

    with pa.ipc.open_stream(io.BytesIO(element.dataframe.arrow_data.data)) as reader:
        return reader.read_pandas()


class BrowserSession:
    """One browser tab: a websocket to the server and the state a tab keeps between reruns.

    ``widget_states`` contains the values this tab has set on the current
    page. Every rerun sends all of them, as the frontend does, and a page
    change drops them. ``language`` is the ``?lang=`` the tab opened with, or the
    language its caller last switched to.
    """

    def __init__(self, port: int, run_timeout_s: float = 120.0) -> None:
        self.port = port
        self.run_timeout_s = run_timeout_s
        self.pages: dict[str, str] = {}
        self.query_string = ""
        self.language = ""
        self.page_hash = ""
        self.widget_states: dict[str, WidgetState] = {}
        self._socket = None
        self._reader: asyncio.Task | None = None
        self._messages: asyncio.Queue[tuple[float, ForwardMsg]] = asyncio.Queue()

    async def connect(self) -> None:
        """Open the websocket as a same-origin browser tab does.

        Browsers send no websocket pings, so this client sends none either. A
        ping would close the connection whenever this process's event loop
        is starved of CPU for the ping timeout, which is no server fault.
        """
        self._socket = await websockets.connect(
            f"ws://{HOST}:{self.port}/_stcore/stream",
            subprotocols=["streamlit"],
            origin=f"http://{HOST}:{self.port}",
            max_size=None,
            open_timeout=30,
            ping_interval=None,
        )
        self._reader = asyncio.create_task(self._read())

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        if self._socket is not None:
            await self._socket.close()

    async def _read(self) -> None:
        """Queue every ForwardMsg; when the server closes the connection, queue the error instead."""
        try:
            async for data in self._socket:
                message = ForwardMsg()
                message.ParseFromString(data)
                await self._messages.put((time.perf_counter(), message))
        except websockets.ConnectionClosed as closed:
            await self._messages.put((time.perf_counter(), closed))

    async def open_page(self, url_path: str, query_string: str) -> RunResult:
        """Load the app at ``/url_path?query_string``, as typing the link does."""
        self.query_string = query_string
        self.language = urllib.parse.parse_qs(query_string).get("lang", ["en"])[0]
        self.widget_states = {}
        return await self.rerun(url_path or "home", page_name=url_path)

    async def switch_page(self, url_path: str) -> RunResult:
        """Go to the page at ``url_path`` through the sidebar, keeping the query string."""
        self.widget_states = {}
        self.page_hash = self.pages[url_path]
        return await self.rerun(url_path or "home")

    async def set_widgets(self, page: str, *states: WidgetState, trigger: WidgetState | None = None) -> RunResult:
        """Set widget values (and press ``trigger``, a button, once) and wait for the rerun."""
        for state in states:
            self.widget_states[state.id] = state
        return await self.rerun(page, trigger=trigger)

    async def rerun(
        self, page: str, page_name: str = "", trigger: WidgetState | None = None, on_message=None
    ) -> RunResult:
        """Send one rerun request and collect its messages until the script has finished.

        ``on_message(arrived, message)`` is called for each message as it arrives.
        """
        request = BackMsg()
        client = request.rerun_script
        client.query_string = self.query_string
        client.page_script_hash = self.page_hash
        client.page_name = page_name
        client.widget_states.widgets.extend(self.widget_states.values())
        if trigger is not None:
            client.widget_states.widgets.append(trigger)
        sent = time.perf_counter()
        await self._socket.send(request.SerializeToString())

        elements: list[Element] = []
        arrived: list[float] = []
        errors: list[str] = []
        deadline = sent + self.run_timeout_s
        while True:
            remaining = deadline - time.perf_counter()
            try:
                received, message = await asyncio.wait_for(self._messages.get(), max(remaining, 0.001))
            except TimeoutError:
                errors.append(f"script run timed out after {self.run_timeout_s:.0f} s")
                return RunResult(page, None, elements, errors, arrived)
            if isinstance(message, websockets.ConnectionClosed):
                errors.append(f"connection closed: {message}")
                return RunResult(page, None, elements, errors, arrived)
            if on_message is not None:
                on_message(received, message)
            kind = message.WhichOneof("type")
            if kind == "navigation":
                self.pages = {page.url_pathname: page.page_script_hash for page in message.navigation.app_pages}
                self.page_hash = message.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = message.page_info_changed.query_string
            elif kind == "page_not_found":
                errors.append(f"page not found: {message.page_not_found.page_name!r}")
            elif kind == "delta":
                for element in delta_elements(message):
                    elements.append(element)
                    arrived.append(received)
                    errors.extend(element_errors(element))
            elif kind == "script_finished" and message.script_finished in RUN_DONE:
                if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    errors.append("script finished with a compile error")
                return split_lesson_alerts(RunResult(page, received - sent, elements, errors, arrived))


def split_lesson_alerts(run: RunResult) -> RunResult:
    """Move the worked example's deliberate channel-mismatch alerts out of ``run.errors``.

    The worked example starts on a tutorial's kernels with a channel
    mismatch and shows that error (``worked.depthwise_channels`` or
    ``worked.conv_channels``) with ``st.error`` on purpose, next to a "fix"
    button. Those alerts are the lesson, not a failure.
    """
    from core.locales.worked import MESSAGES

    prefixes = tuple(
        "error alert: " + template.split("{", 1)[0]
        for code in ("depthwise_channels", "conv_channels")
        for template in MESSAGES[code].values()
    )
    run.lesson_alerts = [error for error in run.errors if error.startswith(prefixes)]
    run.errors = [error for error in run.errors if not error.startswith(prefixes)]
    return run


def delta_elements(message: ForwardMsg) -> list[Element]:
    """Return the elements a delta message adds, transient ones (spinners, toasts) included."""
    delta = message.delta
    kind = delta.WhichOneof("type")
    if kind == "new_element":
        return [delta.new_element]
    if kind == "new_transient":
        return list(delta.new_transient.elements)
    return []


def find_widget(run: RunResult, kind: str, key_part: str) -> Element:
    """Return the last ``kind`` widget whose id contains ``key_part``.

    Raises:
        LookupError: when the run showed no such widget.
    """
    for element in reversed(run.elements):
        widget_id = element_widget_id(element)
        if element.WhichOneof("type") == kind and widget_id is not None and key_part in widget_id:
            return element
    raise LookupError(f"No {kind} widget with {key_part!r} in its id on page {run.page!r}.")


def number_state(element: Element, value: float) -> WidgetState:
    """Return the state a browser sends for ``st.number_input`` set to ``value``."""
    state = WidgetState(id=element.number_input.id)
    if element.number_input.data_type == NUMBER_INPUT_INT:
        state.int_value = int(value)
    else:
        state.double_value = float(value)
    return state


def options_state(widget_id: str, *options: str) -> WidgetState:
    """Return the state of a select slider, segmented control or multiselect set to formatted ``options``."""
    state = WidgetState(id=widget_id)
    state.string_array_value.data.extend(options)
    return state


def editor_state(widget_id: str, edited_rows: dict[int, dict[str, float]]) -> WidgetState:
    """Return the state of ``st.data_editor`` after editing cells: ``{row: {column: value}}``."""
    payload = {
        "edited_rows": {str(row): cells for row, cells in edited_rows.items()},
        "added_rows": [],
        "deleted_rows": [],
    }
    return WidgetState(id=widget_id, string_value=json.dumps(payload))


def trigger_state(widget_id: str) -> WidgetState:
    """Return the state of a pressed button or form submit button."""
    return WidgetState(id=widget_id, trigger_value=True)
