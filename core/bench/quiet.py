"""Keep page script runs off the CPU while a benchmark times layers in the same process.

Streamlit runs every session's script in a thread of one process. On a
2-core server, 30 students changing inputs slowed a 0.4 ms depthwise call
by 10 to 1,000 times (``benchmarks/classroom_load.py``), because their
script runs took the cores and the GIL between the timed calls.

``QuietGate`` is a readers-writer gate with writer preference. Each page
script run takes a shared ``page_run()`` slot. A benchmark closes the gate
with ``closed()`` as soon as it joins the queue, so new page runs wait
until every queued benchmark has finished and the benchmarks run back to
back. Its timed section takes ``exclusive()``, which waits until the runs
already in progress have finished (at most ``drain_timeout_s``), so it
then has the process to itself. A thread's own page run never blocks its
own benchmark, and ``paused()`` stops counting a page run while it waits
in the benchmark queue, so queued benchmarks cannot deadlock each other.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator

logger = logging.getLogger(__name__)


class QuietGate:
    """Shared slots for page runs, an exclusive slot for timing; thread-safe."""

    def __init__(self, drain_timeout_s: float = 20.0, poll_s: float = 1.0) -> None:
        self._condition = threading.Condition()
        # Number of page runs per thread; a thread may nest page_run().
        self._active: dict[int, int] = {}
        # Number of closed() blocks per thread: benchmarks queued or timing.
        self._closers: dict[int, int] = {}
        self._holder: int | None = None
        self._waiting = 0
        self.drain_timeout_s = drain_timeout_s
        self._poll_s = poll_s

    @property
    def timing(self) -> bool:
        """Whether a timed section has the gate now."""
        with self._condition:
            return self._holder is not None

    @property
    def is_closed(self) -> bool:
        """Whether a benchmark is queued or timing, so new page runs of other threads wait."""
        with self._condition:
            return bool(self._closers)

    @property
    def active_runs(self) -> int:
        """Number of page runs that hold a shared slot now."""
        with self._condition:
            return sum(self._active.values())

    @property
    def waiting_runs(self) -> int:
        """Number of page runs waiting for a timed section to end."""
        with self._condition:
            return self._waiting

    @contextlib.contextmanager
    def page_run(self, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
        """Take a shared slot for one page script run, waiting while another thread's benchmark closes the gate.

        Args:
            on_wait: Called once, outside the lock, when the run has to wait.
                It may raise (a Streamlit rerun does), and the run then
                has no slot.
        """
        me = threading.get_ident()
        notified = False
        try:
            while True:
                with self._condition:
                    if not self._closed_for(me):
                        self._active[me] = self._active.get(me, 0) + 1
                        break
                    if not notified:
                        self._waiting += 1
                if not notified:
                    notified = True
                    if on_wait is not None:
                        on_wait()
                with self._condition:
                    self._condition.wait_for(lambda: not self._closed_for(me), self._poll_s)
        finally:
            if notified:
                with self._condition:
                    self._waiting -= 1
        try:
            yield
        finally:
            self._leave(me)

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Stop counting this thread's page run for the block, such as while it waits in a queue.

        On exit the run counts again at once, without waiting for the gate.
        """
        me = threading.get_ident()
        with self._condition:
            count = self._active.pop(me, 0)
            self._condition.notify_all()
        try:
            yield
        finally:
            if count:
                with self._condition:
                    self._active[me] = self._active.get(me, 0) + count

    @contextlib.contextmanager
    def closed(self) -> Iterator[None]:
        """Keep other threads' new page runs waiting for the block, such as while a benchmark is queued."""
        me = threading.get_ident()
        with self._condition:
            self._closers[me] = self._closers.get(me, 0) + 1
        try:
            yield
        finally:
            with self._condition:
                count = self._closers[me] - 1
                if count:
                    self._closers[me] = count
                else:
                    del self._closers[me]
                self._condition.notify_all()

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[bool]:
        """Close the gate to new page runs and wait for other threads' runs to finish.

        Yields whether every other run finished within ``drain_timeout_s``.
        When one did not (a long model build, for example), the block runs
        anyway and the timing may be slower, and a warning is logged.
        """
        with self.closed(), self._drained(threading.get_ident()) as drained:
            yield drained

    @contextlib.contextmanager
    def _drained(self, me: int) -> Iterator[bool]:
        with self._condition:
            self._condition.wait_for(lambda: self._holder is None)
            self._holder = me
            started = time.monotonic()
            drained = self._condition.wait_for(
                lambda: all(thread == me for thread in self._active), self.drain_timeout_s
            )
            others = sum(count for thread, count in self._active.items() if thread != me)
        if not drained:
            logger.warning(
                "Timing with %s page runs still in progress after %.1f s; timings may be slower.",
                others,
                time.monotonic() - started,
            )
        try:
            yield drained
        finally:
            with self._condition:
                self._holder = None
                self._condition.notify_all()

    def _closed_for(self, thread: int) -> bool:
        return any(closer != thread for closer in self._closers)

    def _leave(self, thread: int) -> None:
        with self._condition:
            count = self._active.get(thread, 0) - 1
            if count > 0:
                self._active[thread] = count
            else:
                self._active.pop(thread, None)
            self._condition.notify_all()


#: The gate every page run and every ``PROCESS_QUEUE`` holder in this process goes through.
PAGE_GATE = QuietGate()
