"""Classroom load test: many browser sessions on one convlab server, five benchmarks at once.

The script starts its own server on 127.0.0.1 (``streamlit run
streamlit_app.py`` on a free port in 8621-8629) and talks to nothing else.
It runs three phases:

1. Idle: the server's memory before any session.
2. Alone: one session visits every page and changes inputs, then runs the
   benchmark with no other session connected (the baseline).
3. Load: ``--sessions`` sessions connect within a few seconds. Each visits
   every page in a random language and changes inputs on each page (a
   kernel cell, the calculator's filters, kernel_size and strides, the
   MobileNetV1 alpha and resolution). The first ``--bench-sessions`` of them
   press the benchmark's run button at the same moment. The others keep
   changing inputs until those benchmarks have finished.

After the load phase the alone benchmark runs once more. A session error is
an exception element, an ``st.error`` box, a missing page or a script run
that does not finish within ``--run-timeout``. The server's resident memory
(the process and its children) is sampled every 100 ms.

Run from the repository root:

    python benchmarks/classroom_load.py --sessions 30 --json classroom.json

NOTE: the clients run in this process and share the machine's cores with the
server, as they would not in a real classroom. Timings on a shared machine are
noisy, so run it twice and compare.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import importlib.metadata
import json
import os
import platform
import random
import shlex
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import websockets

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from streamlit_client import (  # noqa: E402
    AppServer,
    BrowserSession,
    RunResult,
    dataframe_from,
    editor_state,
    find_widget,
    free_port,
    number_state,
    options_state,
    trigger_state,
)

from core.i18n import LANGUAGES  # noqa: E402
from core.locales.benchmark import MESSAGES as BENCH_MESSAGES  # noqa: E402

PORTS = (8621, 8629)
PAGES = ("", "worked-example", "calculator", "benchmark", "architecture")
#: Values a student might type: calculator filters, kernel cells, MobileNetV1 alpha and resolution.
FILTER_CHOICES = (16, 32, 48, 64, 128)
KERNEL_CELL_CHOICES = (-1.0, 0.0, 0.5, 1.0, 2.0)
ALPHA_CHOICES = ("0.25", "0.5", "0.75")
RESOLUTION_CHOICES = ("128", "160", "192")


@dataclasses.dataclass
class Record:
    """Everything the sessions measured, shared by all of them (one asyncio thread)."""

    latencies: dict[str, list[float]] = dataclasses.field(default_factory=dict)
    errors: list[dict] = dataclasses.field(default_factory=list)
    benchmarks: list[dict] = dataclasses.field(default_factory=list)
    session_count: int = 0
    lesson_alerts: int = 0
    phase_s: dict[str, float] = dataclasses.field(default_factory=dict)

    def add(self, session: int, run: RunResult) -> RunResult:
        self.lesson_alerts += len(run.lesson_alerts)
        if run.elapsed_s is not None:
            self.latencies.setdefault(run.page, []).append(run.elapsed_s)
        for error in run.errors:
            self.errors.append({"session": session, "page": run.page, "error": error})
        return run


class MemorySampler(threading.Thread):
    """Sample the server's resident memory (process and children) every ``interval_s`` seconds."""

    def __init__(self, server: AppServer, interval_s: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.server = server
        self.interval_s = interval_s
        self.phase = "idle"
        self.peaks: dict[str, int] = {}
        self.samples = 0
        self._stopping = threading.Event()

    def run(self) -> None:
        while not self._stopping.is_set():
            kib = self.server.rss_kib()
            self.peaks[self.phase] = max(self.peaks.get(self.phase, 0), kib)
            self.samples += 1
            self._stopping.wait(self.interval_s)

    def stop(self) -> None:
        self._stopping.set()
        self.join()


# ---------------------------------------------------------------- page actions


async def switch_language(session: BrowserSession, run: RunResult, language: str) -> RunResult | None:
    """Click the sidebar language switch when it shows another language; return the rerun or None."""
    switch = find_widget(run, "button_group", "-lang")
    current = [option.content for option in switch.button_group.options]
    label = LANGUAGES[language]
    if label not in current:
        raise LookupError(f"The language switch has no option {label!r}; its options are {current}.")
    if session.language == language:
        return None
    session.language = language
    return await session.set_widgets(run.page, options_state(switch.button_group.id, label))


async def change_worked(session: BrowserSession, run: RunResult, rng: random.Random) -> list[RunResult]:
    """Edit one cell of a Conv2D kernel slice, press the depthwise fix button half the time, change strides."""
    editor = find_widget(run, "dataframe", "worked_grid_conv_kernel_")
    grid = dataframe_from(editor)
    row, column = rng.randrange(grid.shape[0]), rng.choice(list(grid.columns))
    runs = [await session.set_widgets(
        run.page, editor_state(editor.dataframe.id, {row: {column: rng.choice(KERNEL_CELL_CHOICES)}})
    )]  # fmt: skip
    fix = find_optional_widget(runs[-1], "button", "worked_fix_depthwise_kernel")
    if fix is not None and rng.random() < 0.5:
        runs.append(await session.set_widgets(run.page, trigger=trigger_state(fix.button.id)))
    strides = find_widget(runs[-1], "number_input", "worked_w_strides")
    runs.append(await session.set_widgets(run.page, number_state(strides, rng.choice((1, 2)))))
    return runs


def find_optional_widget(run: RunResult, kind: str, key_part: str):
    try:
        return find_widget(run, kind, key_part)
    except LookupError:
        return None


async def change_calculator(session: BrowserSession, run: RunResult, rng: random.Random) -> list[RunResult]:
    """Change filters, then kernel_size to 5×5, then strides to 2×2, one rerun each."""
    runs = []
    filters = find_widget(run, "number_input", "calculator_filters")
    runs.append(await session.set_widgets(run.page, number_state(filters, rng.choice(FILTER_CHOICES))))
    height = find_widget(runs[-1], "number_input", "calculator_kernel_size_h")
    width = find_widget(runs[-1], "number_input", "calculator_kernel_size_w")
    runs.append(await session.set_widgets(run.page, number_state(height, 5), number_state(width, 5)))
    height = find_widget(runs[-1], "number_input", "calculator_strides_h")
    width = find_widget(runs[-1], "number_input", "calculator_strides_w")
    runs.append(await session.set_widgets(run.page, number_state(height, 2), number_state(width, 2)))
    return runs


async def change_architecture(session: BrowserSession, run: RunResult, rng: random.Random) -> list[RunResult]:
    """Move the MobileNetV1 alpha slider, then the resolution slider."""
    alpha = find_widget(run, "slider", "architecture_v1_alpha")
    moved = await session.set_widgets(run.page, options_state(alpha.slider.id, rng.choice(ALPHA_CHOICES)))
    resolution = find_widget(moved, "slider", "architecture_v1_resolution")
    return [moved, await session.set_widgets(run.page, options_state(resolution.slider.id, rng.choice(RESOLUTION_CHOICES)))]


async def change_benchmark(session: BrowserSession, run: RunResult, rng: random.Random) -> list[RunResult]:
    """Change nothing: switching the benchmark's tabs costs no rerun, and pressing run is timed apart."""
    return []


CHANGES = {
    "worked-example": change_worked,
    "calculator": change_calculator,
    "benchmark": change_benchmark,
    "architecture": change_architecture,
}


async def visit(session: BrowserSession, record: Record, index: int, url_path: str, rng: random.Random) -> RunResult:
    """Go to a page, maybe switch the language, make that page's input changes and return the last run."""
    run = record.add(index, await session.switch_page(url_path))
    if run.elapsed_s is None:
        return run
    switched = await switch_language(session, run, rng.choice(list(LANGUAGES)))
    if switched is not None:
        run = record.add(index, switched)
    if run.elapsed_s is None:
        return run
    for changed in await CHANGES[url_path](session, run, rng):
        run = record.add(index, changed)
    return run


# ---------------------------------------------------------------- benchmark button


def median_columns() -> tuple[set[str], set[str]]:
    """Return the layer and median column headers of the benchmark table in every language."""
    layer = set(BENCH_MESSAGES["col_layer"].values())
    median = set(BENCH_MESSAGES["col_median_ms"].values())
    return layer, median


async def press_benchmark(session: BrowserSession, page_run: RunResult, timeout_s: float) -> dict:
    """Press the benchmark's run button and time the wait, the start and the results.

    The run starts when the first progress bar with text arrives, because
    the page sends the stage text only once the run holds the process lock.
    """
    submit = find_widget(page_run, "button", "bench_run_submit")
    layer_headers, median_headers = median_columns()
    marks: dict[str, float] = {}
    result: dict = {"medians_ms": {}}

    def on_message(arrived: float, message) -> None:
        if message.WhichOneof("type") != "delta" or message.delta.WhichOneof("type") != "new_element":
            return
        element = message.delta.new_element
        kind = element.WhichOneof("type")
        if kind == "progress" and element.progress.text and "started" not in marks:
            marks["started"] = arrived
        if kind == "dataframe" and "results" not in marks:
            frame = dataframe_from(element)
            layer = next((column for column in frame.columns if column in layer_headers), None)
            median = next((column for column in frame.columns if column in median_headers), None)
            if layer is not None and median is not None:
                marks["results"] = arrived
                result["medians_ms"] = dict(zip(frame[layer], frame[median].astype(float)))

    previous_timeout = session.run_timeout_s
    session.run_timeout_s = timeout_s
    pressed = time.perf_counter()
    try:
        run = await session.rerun(page_run.page, trigger=trigger_state(submit.button.id), on_message=on_message)
    finally:
        session.run_timeout_s = previous_timeout
    result["wait_to_start_s"] = marks["started"] - pressed if "started" in marks else None
    result["wait_to_results_s"] = marks["results"] - pressed if "results" in marks else None
    result["run"] = run
    return result


# ---------------------------------------------------------------- scenarios


async def alone_benchmark(port: int, args, record: Record, label: str) -> dict:
    """Run the benchmark from one session with no other session connected (the baseline)."""
    session = BrowserSession(port, args.run_timeout)
    await session.connect()
    try:
        run = record.add(-1, await session.open_page("benchmark", "lang=en"))
        result = await press_benchmark(session, run, args.bench_timeout)
        record.add(-1, result.pop("run"))
        result["label"] = label
        return result
    finally:
        await session.close()


async def one_visit(port: int, args, record: Record, rng: random.Random) -> None:
    """Visit every page from one session and make each page's changes, which fills the caches."""
    session = BrowserSession(port, args.run_timeout)
    await session.connect()
    try:
        record.add(-1, await session.open_page("", "lang=en"))
        for url_path in PAGES[1:]:
            await visit(session, record, -1, url_path, rng)
    finally:
        await session.close()


async def student(index: int, port: int, args, record: Record, barrier, done: asyncio.Event, seed: int) -> None:
    """Act as one student: open the link, visit every page, maybe run the benchmark, keep clicking until done."""
    rng = random.Random(seed * 1000 + index)
    await asyncio.sleep(rng.uniform(0, args.arrival_spread))
    session = BrowserSession(port, args.run_timeout)
    runs_benchmark = index < args.bench_sessions
    try:
        await session.connect()
        record.session_count += 1
        language = rng.choice(list(LANGUAGES))
        record.add(index, await session.open_page("", f"lang={language}"))
        for url_path in PAGES[1:]:
            await asyncio.sleep(rng.uniform(0, args.think))
            run = await visit(session, record, index, url_path, rng)
            if url_path == "benchmark" and runs_benchmark:
                await bench_at_once(session, run, index, args, record, barrier)
        while not runs_benchmark and not done.is_set():
            await asyncio.sleep(rng.uniform(0, args.think))
            await visit(session, record, index, rng.choice(PAGES[1:]), rng)
    except (LookupError, KeyError, OSError, websockets.ConnectionClosed) as error:
        record.errors.append({"session": index, "page": "?", "error": f"{type(error).__name__}: {error}"})
    finally:
        await session.close()


async def bench_at_once(session: BrowserSession, page_run: RunResult, index: int, args, record: Record, barrier) -> None:
    """Wait until every benchmark session is on the page, then press run together."""
    try:
        await asyncio.wait_for(barrier.wait(), args.bench_timeout)
    except TimeoutError:
        record.errors.append({"session": index, "page": "benchmark", "error": "other benchmark sessions never arrived"})
        return
    result = await press_benchmark(session, page_run, args.bench_timeout)
    run = result.pop("run")
    record.add(index, dataclasses.replace(run, page="benchmark_run"))
    result["session"] = index
    record.benchmarks.append(result)


async def load_phase(port: int, args, record: Record) -> None:
    barrier = asyncio.Barrier(args.bench_sessions) if args.bench_sessions else None
    done = asyncio.Event()

    async def benchmark_students() -> None:
        try:
            await asyncio.gather(*(student(i, port, args, record, barrier, done, args.seed)
                                   for i in range(args.bench_sessions)))  # fmt: skip
        finally:
            done.set()

    others = [student(i, port, args, record, barrier, done, args.seed)
              for i in range(args.bench_sessions, args.sessions)]  # fmt: skip
    await asyncio.gather(benchmark_students(), *others)


# ---------------------------------------------------------------- report


def percentile(values: list[float], share: float) -> float:
    """Return the ``share`` quantile of ``values`` by linear interpolation."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def machine_record() -> dict:
    cpu_model = "?"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    versions = {}
    for package in ("streamlit", "tensorflow-cpu", "tensorflow", "keras", "websockets"):
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            continue
    return {
        "cpu_model": cpu_model,
        "logical_cores": os.cpu_count(),
        "memory_total_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3, 1),
        "python": platform.python_version(),
        "packages": versions,
    }


def compare_medians(loaded: list[dict], alone: list[dict]) -> list[dict]:
    """Return one row per layer: the alone median (mean of the alone runs) and each loaded run's ratio to it."""
    rows = []
    layers = sorted({layer for run in alone for layer in run["medians_ms"]})
    for layer in layers:
        alone_ms = statistics.fmean(run["medians_ms"][layer] for run in alone if layer in run["medians_ms"])
        loaded_ms = [run["medians_ms"][layer] for run in loaded if layer in run["medians_ms"]]
        ratios = [value / alone_ms for value in loaded_ms]
        rows.append({
            "layer": layer,
            "alone_ms": [run["medians_ms"].get(layer) for run in alone],
            "loaded_ms": loaded_ms,
            "max_ratio": max(ratios) if ratios else None,
            "within_10_percent": bool(ratios) and all(abs(ratio - 1) <= 0.10 for ratio in ratios),
        })  # fmt: skip
    return rows


def print_report(report: dict) -> None:
    machine = report["machine"]
    print(f"\nMachine: {machine['cpu_model']}, {machine['logical_cores']} logical cores, "
          f"{machine['memory_total_gib']} GiB, Python {machine['python']}, {machine['packages']}")  # fmt: skip
    print(f"Load average before {report['load_average_before']}, after {report['load_average_after']}")
    print(f"Command: {report['command']}")
    print(f"Sessions: {report['sessions_connected']} connected of {report['sessions']}, "
          f"sessions with errors: {report['sessions_with_errors']} ({len(report['errors'])} errors); "
          f"the worked example's deliberate channel-mismatch alerts seen: {report['lesson_alerts']}")  # fmt: skip
    for error in report["errors"][:20]:
        print(f"  session {error['session']} on {error['page']}: {error['error'][:200]}")

    print(f"\n{'page':<16}{'reruns':>8}{'p50 s':>9}{'p95 s':>9}{'max s':>9}")
    for page, row in report["latency_s"].items():
        print(f"{page:<16}{row['reruns']:>8}{row['p50']:>9.2f}{row['p95']:>9.2f}{row['max']:>9.2f}")

    print(f"\n{'benchmark':<14}{'to start s':>11}{'to results s':>14}  medians ms")
    for run in report["benchmarks_alone"] + report["benchmarks_loaded"]:
        name = run.get("label") or f"session {run['session']}"
        start = "-" if run["wait_to_start_s"] is None else f"{run['wait_to_start_s']:.1f}"
        results = "-" if run["wait_to_results_s"] is None else f"{run['wait_to_results_s']:.1f}"
        medians = ", ".join(f"{layer} {ms:.3f}" for layer, ms in sorted(run["medians_ms"].items()))
        print(f"{name:<14}{start:>11}{results:>14}  {medians}")
    print(f"\n{'layer':<18}{'alone ms':>20}{'max loaded/alone':>18}  within 10%")
    for row in report["benchmark_comparison"]:
        alone = "/".join(f"{ms:.3f}" for ms in row["alone_ms"] if ms is not None)
        ratio = "-" if row["max_ratio"] is None else f"{row['max_ratio']:.2f}"
        print(f"{row['layer']:<18}{alone:>20}{ratio:>18}  {row['within_10_percent']}")

    print("\nPhase durations: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report["phase_s"].items()))
    memory = report["memory_mib"]
    print("\nServer resident memory (process and children), MiB:")
    for name, value in memory.items():
        print(f"  {name:<34}{value:>8.0f}")


def build_report(args, record: Record, memory: dict, load_before, load_after, alone, started) -> dict:
    latency = {
        page: {"reruns": len(values), "p50": percentile(values, 0.5), "p95": percentile(values, 0.95), "max": max(values)}
        for page, values in sorted(record.latencies.items())
    }  # fmt: skip
    load_errors = [error for error in record.errors if error["session"] >= 0]
    return {
        "command": " ".join(shlex.quote(part) for part in [Path(sys.executable).name, *sys.argv]),
        "started_utc": started,
        "machine": machine_record(),
        "load_average_before": load_before,
        "load_average_after": load_after,
        "sessions": args.sessions,
        "sessions_connected": record.session_count,
        "sessions_with_errors": len({error["session"] for error in load_errors}),
        "lesson_alerts": record.lesson_alerts,
        "errors": record.errors,
        "latency_s": latency,
        "benchmarks_alone": alone,
        "benchmarks_loaded": sorted(record.benchmarks, key=lambda run: run["session"]),
        "benchmark_comparison": compare_medians(record.benchmarks, alone),
        "memory_mib": memory,
        "phase_s": record.phase_s,
    }


# ---------------------------------------------------------------- main


async def scenario(port: int, args, record: Record, sampler: MemorySampler, server: AppServer, memory: dict) -> list[dict]:
    rng = random.Random(args.seed)
    phase_started = time.perf_counter()

    def end_phase(name: str) -> None:
        nonlocal phase_started
        now = time.perf_counter()
        record.phase_s[name] = now - phase_started
        phase_started = now

    await asyncio.sleep(args.idle_s)
    memory["idle"] = server.rss_kib() / 1024
    end_phase("idle")

    sampler.phase = "one_session"
    await one_visit(port, args, record, rng)
    memory["after one session visited every page"] = server.rss_kib() / 1024
    end_phase("one session visits every page")
    alone = [await alone_benchmark(port, args, record, "alone before")]
    memory["after the alone benchmark"] = server.rss_kib() / 1024
    end_phase("benchmark alone, before")

    sampler.phase = "load"
    await load_phase(port, args, record)
    memory["after the load phase"] = server.rss_kib() / 1024
    end_phase("load")

    sampler.phase = "after"
    alone.append(await alone_benchmark(port, args, record, "alone after"))
    end_phase("benchmark alone, after")
    return alone


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=30, help="browser sessions in the load phase (default 30)")
    parser.add_argument("--bench-sessions", type=int, default=5,
                        help="sessions that press the benchmark's run button at the same moment (default 5)")
    parser.add_argument("--think", type=float, default=1.5, help="maximum pause between a student's actions, in seconds (default 1.5)")
    parser.add_argument("--arrival-spread", type=float, default=3.0,
                        help="the sessions connect within this many seconds (default 3)")
    parser.add_argument("--run-timeout", type=float, default=120.0,
                        help="a script run that takes longer is a session error, in seconds (default 120)")
    parser.add_argument("--bench-timeout", type=float, default=600.0,
                        help="the same for a benchmark run, queue wait included, in seconds (default 600)")
    parser.add_argument("--idle-s", type=float, default=1.0, help="seconds to wait on the idle server before reading its memory (default 1)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of languages and values (default 0)")
    parser.add_argument("--json", type=Path, help="also write the report as JSON to this path")
    parser.add_argument("--server-log", type=Path, help="server output file (default: a temporary file)")
    args = parser.parse_args(argv)
    args.bench_sessions = min(args.bench_sessions, args.sessions)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    load_before = [round(value, 2) for value in os.getloadavg()]
    log_path = args.server_log or Path(tempfile.mkstemp(prefix="classroom-server-", suffix=".log")[1])
    record = Record()
    memory: dict = {}
    port = free_port(*PORTS)
    print(f"Starting the server on {port}; its output goes to {log_path}", flush=True)
    with AppServer(port, log_path) as server:
        sampler = MemorySampler(server)
        sampler.start()
        try:
            alone = asyncio.run(scenario(port, args, record, sampler, server, memory))
        finally:
            sampler.stop()
        memory["peak sampled (load phase)"] = sampler.peaks.get("load", 0) / 1024
        memory["peak sampled (whole run)"] = max(sampler.peaks.values()) / 1024
        memory["VmHWM of the server process"] = server.hwm_kib() / 1024
    load_after = [round(value, 2) for value in os.getloadavg()]
    report = build_report(args, record, memory, load_before, load_after, alone, started)
    print_report(report)
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        print(f"\nWrote {args.json}")
    return 1 if report["sessions_with_errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
