"""The gate that keeps page runs off the CPU while a benchmark times (core.bench.quiet)."""

from __future__ import annotations

import threading

import pytest
from streamlit.testing.v1 import AppTest

from core.bench.queue import BenchmarkQueue
from tests.conftest import ROOT
from core.bench.quiet import PAGE_GATE, QuietGate

# Upper bound for a thread to reach a point; a hang fails the test instead of blocking the suite.
JOIN_S = 30


def wait_until(condition) -> None:
    """Poll ``condition`` until it is true; fail after ``JOIN_S`` seconds."""
    stop = threading.Event()
    timer = threading.Timer(JOIN_S, stop.set)
    timer.start()
    try:
        while not condition():
            assert not stop.wait(0.01), "condition never became true"
    finally:
        timer.cancel()


def test_page_run_waits_while_timing():
    gate = QuietGate(poll_s=0.01)
    waited = []
    ran = threading.Event()

    def page():
        with gate.page_run(on_wait=lambda: waited.append(True)):
            ran.set()

    with gate.exclusive() as drained:
        worker = threading.Thread(target=page)
        worker.start()
        wait_until(lambda: waited)
        ran_while_timing = ran.is_set()
    worker.join(JOIN_S)
    assert drained
    assert not ran_while_timing
    assert waited == [True]
    assert ran.is_set()
    assert gate.active_runs == 0


def test_exclusive_waits_for_runs_in_progress():
    gate = QuietGate(poll_s=0.01)
    inside = threading.Event()
    release = threading.Event()
    order = []

    def page():
        with gate.page_run():
            inside.set()
            release.wait(JOIN_S)
            order.append("page run finished")

    def timer():
        with gate.exclusive() as drained:
            order.append(f"timing started, drained={drained}")

    page_thread = threading.Thread(target=page)
    page_thread.start()
    inside.wait(JOIN_S)
    timing_thread = threading.Thread(target=timer)
    timing_thread.start()
    wait_until(lambda: gate.timing)
    release.set()
    page_thread.join(JOIN_S)
    timing_thread.join(JOIN_S)
    assert order == ["page run finished", "timing started, drained=True"]


def test_own_page_run_does_not_block_timing():
    gate = QuietGate(drain_timeout_s=JOIN_S)
    with gate.page_run():
        with gate.exclusive() as drained:
            active = gate.active_runs
    assert drained
    assert active == 1
    assert gate.active_runs == 0


def test_drain_timeout_times_anyway():
    gate = QuietGate(drain_timeout_s=0.05, poll_s=0.01)
    inside = threading.Event()
    release = threading.Event()

    def page():
        with gate.page_run():
            inside.set()
            release.wait(JOIN_S)

    worker = threading.Thread(target=page)
    worker.start()
    inside.wait(JOIN_S)
    with gate.exclusive() as drained:
        timing = gate.timing
    release.set()
    worker.join(JOIN_S)
    assert not drained
    assert timing
    assert not gate.timing


def test_page_run_after_failed_wait_holds_nothing():
    gate = QuietGate(poll_s=0.01)
    errors = []

    def raise_rerun():
        raise RuntimeError("rerun requested")

    def page():
        try:
            with gate.page_run(on_wait=raise_rerun):
                pass
        except RuntimeError as error:
            errors.append(str(error))

    with gate.exclusive():
        worker = threading.Thread(target=page)
        worker.start()
        worker.join(JOIN_S)
        active = gate.active_runs
    assert errors == ["rerun requested"]
    assert active == 0


def test_queued_page_runs_do_not_deadlock():
    """Two page runs that both press run: the second waits in the queue, paused, so the first can time."""
    gate = QuietGate(drain_timeout_s=JOIN_S, poll_s=0.01)
    queue = BenchmarkQueue(poll_s=0.01, gate=gate)
    both_running = threading.Barrier(2)
    first_holds = threading.Event()
    release_first = threading.Event()
    drained_flags = []
    positions = []

    def first():
        with gate.page_run():
            both_running.wait(JOIN_S)
            with queue.slot():
                drained_flags.append(gate.active_runs)
                first_holds.set()
                release_first.wait(JOIN_S)

    def second():
        with gate.page_run():
            both_running.wait(JOIN_S)
            wait_until(lambda: queue.busy)
            with queue.slot(on_wait=positions.append):
                drained_flags.append(gate.active_runs)

    first_thread = threading.Thread(target=first)
    second_thread = threading.Thread(target=second)
    first_thread.start()
    second_thread.start()
    wait_until(lambda: queue.waiting == 1)
    release_first.set()
    first_thread.join(JOIN_S)
    second_thread.join(JOIN_S)
    assert not first_thread.is_alive()
    assert not second_thread.is_alive()
    # Each holder counted only its own page run while it timed.
    assert drained_flags == [1, 1]
    assert positions == [1]
    assert gate.active_runs == 0
    assert not gate.timing


def test_gate_stays_closed_between_queued_benchmarks():
    """A page run that arrives while one benchmark times and another waits runs after both."""
    gate = QuietGate(drain_timeout_s=JOIN_S, poll_s=0.01)
    queue = BenchmarkQueue(poll_s=0.01, gate=gate)
    release_first = threading.Event()
    order = []

    def first():
        with queue.slot():
            release_first.wait(JOIN_S)
            order.append("first benchmark")

    def second():
        with queue.slot():
            order.append("second benchmark")

    def page():
        with gate.page_run():
            order.append("page run")

    threads = [threading.Thread(target=first), threading.Thread(target=second), threading.Thread(target=page)]
    threads[0].start()
    wait_until(lambda: queue.busy)
    threads[1].start()
    wait_until(lambda: queue.waiting == 1)
    threads[2].start()
    wait_until(lambda: gate.waiting_runs == 1)
    release_first.set()
    for thread in threads:
        thread.join(JOIN_S)
    assert order == ["first benchmark", "second benchmark", "page run"]
    assert not gate.is_closed


@pytest.mark.parametrize("language", ["en", "zh"])
def test_app_runs_after_timing_ends(language):
    """A page run that arrives while a benchmark times waits, then renders normally."""
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    app.query_params["lang"] = language
    holding = threading.Event()
    released_for_waiting_run = threading.Event()

    def benchmark():
        with PAGE_GATE.exclusive():
            holding.set()
            wait_until(lambda: PAGE_GATE.waiting_runs == 1)
            released_for_waiting_run.set()

    worker = threading.Thread(target=benchmark)
    worker.start()
    holding.wait(JOIN_S)
    app.run()
    worker.join(JOIN_S)
    assert released_for_waiting_run.is_set()
    assert not app.exception
    assert not app.info
    assert app.title
    assert PAGE_GATE.waiting_runs == 0
