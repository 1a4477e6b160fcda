"""One benchmark at a time per process, with each waiting caller's place in the queue.

Timings from two runs at once would slow each other down and could together
run out of memory, so every run takes ``PROCESS_QUEUE`` for as long as it measures.
Callers are served first come, first served. ``PROCESS_QUEUE`` also closes
``core.bench.quiet.PAGE_GATE`` from the moment a caller joins it until the
caller is done, so other sessions' page runs wait instead of slowing the
timing down.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator

from core.bench.quiet import PAGE_GATE, QuietGate
from core.bench.timing import BenchmarkStopped

logger = logging.getLogger(__name__)

#: Called with the caller's place in the queue: 1 means one run is ahead.
PositionCallback = Callable[[int], None]


class BenchmarkQueue:
    """A first-come, first-served lock that reports each waiter's position.

    With a ``gate``, every caller closes it from joining the queue to
    leaving, the holder also holds ``gate.exclusive()``, and a waiter's own
    page run stops counting for the gate while it waits.
    """

    def __init__(self, poll_s: float = 0.2, gate: QuietGate | None = None) -> None:
        self._condition = threading.Condition()
        self._waiting: list[object] = []
        self._holder: object | None = None
        self._poll_s = poll_s
        self._gate = gate

    @property
    def waiting(self) -> int:
        """Number of callers waiting for the lock now."""
        with self._condition:
            return len(self._waiting)

    @property
    def busy(self) -> bool:
        """Whether a run holds the lock now."""
        with self._condition:
            return self._holder is not None

    @contextlib.contextmanager
    def slot(
        self,
        on_wait: PositionCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> Iterator[None]:
        """Wait for this caller's turn, hold the lock for the block, then pass it on.

        Args:
            on_wait: Called with the caller's position whenever it changes while
                it waits; not called when the lock is free at once.
            cancel: When set while waiting, the caller leaves the queue.

        Raises:
            BenchmarkStopped: ``benchmark.cancelled`` when ``cancel`` is set
                before the caller's turn.
        """
        with self._gate.closed() if self._gate is not None else contextlib.nullcontext():
            with self._gate.paused() if self._gate is not None else contextlib.nullcontext():
                self._wait_for_turn(on_wait, cancel)
            try:
                with self._gate.exclusive() if self._gate is not None else contextlib.nullcontext():
                    yield
            finally:
                with self._condition:
                    self._holder = None
                    self._condition.notify_all()

    def _wait_for_turn(self, on_wait: PositionCallback | None, cancel: threading.Event | None) -> None:
        """Join the queue and return once this caller holds the lock."""
        ticket = object()
        with self._condition:
            self._waiting.append(ticket)
        reported = None
        try:
            while True:
                with self._condition:
                    if self._holder is None and self._waiting[0] is ticket:
                        self._waiting.remove(ticket)
                        self._holder = ticket
                        return
                    position = self._waiting.index(ticket) + (self._holder is not None)
                # The callback runs outside the lock because it may update a
                # page, and it may raise (a Streamlit rerun does).
                if position != reported and on_wait is not None:
                    on_wait(position)
                    reported = position
                if cancel is not None and cancel.is_set():
                    raise BenchmarkStopped("benchmark.cancelled", "The benchmark was cancelled while it waited.")
                with self._condition:
                    self._condition.wait(self._poll_s)
        except BaseException:
            with self._condition:
                if ticket in self._waiting:
                    self._waiting.remove(ticket)
                self._condition.notify_all()
            raise


#: The lock every benchmark in this process goes through.
PROCESS_QUEUE = BenchmarkQueue(gate=PAGE_GATE)
