"""``piistream scan --processes N``: the cascade in N processes, output in input order.

The candidate stage is Python and holds the GIL, so one ``scan`` uses one core whatever the
machine has. With ``--processes N`` the reading process cuts the input into the same batches as
ever (``io.batched``), hands each to one of N spawned processes (each builds its own cascade from
the same configuration) and writes their output lines back in input order: the output is byte
for byte what one process writes. At most ``2 N`` batches are in flight, so memory stays bounded
by the batches' bytes whatever the input's size. A detection process that dies (killed, out of
memory) ends the scan with exit code 2 and a message; no output is written past the last batch
that was complete.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Callable, Iterable

from .config import Config

_cascade = None


def _init(cfg: Config, verify: bool) -> None:
    global _cascade
    from .cascade import build_for_scan
    from .procs import die_with_parent

    die_with_parent()
    _cascade = build_for_scan(cfg, verify=verify)


def scan_lines(chunk: list, fmt: str, verify: bool, cascade=None,
               headers: list[str | None] | None = None) -> tuple[bytes, int]:
    """The ``scan`` output of one batch: its JSON lines joined, and how many records failed.
    ``headers``: per record, the table header line before it in its file (``HeaderCarry``)."""
    results = (cascade or _cascade).scan(chunk, fmt, verify=verify, headers=headers)
    buf = bytearray()
    failed = 0
    for r in results:
        if r.error is not None:
            failed += 1
        buf += r.to_json()
        buf += b"\n"
    return bytes(buf), failed


def _ping() -> int:
    return os.getpid()


def default_processes() -> int:
    """``--processes 0``: one per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _quiet_feeder(args) -> None:
    """``threading.excepthook``: a pool whose process died closes its call queue's pipe while
    the queue's feeder thread may still be writing a batch to it (CPython's ProcessPoolExecutor):
    that thread's OSError is no news (the scan already says a process died, with exit code 2),
    and its traceback would reach the user's terminal. Every other thread's error is reported
    as before."""
    if isinstance(args.exc_value, OSError) and args.thread is not None and \
            args.thread.name == "QueueFeederThread":
        return
    _EXCEPTHOOK(args)


_EXCEPTHOOK = threading.excepthook


class ScanPool:
    """N detection processes; ``run`` scans batches and calls ``write`` in input order."""

    def __init__(self, cfg: Config, processes: int, verify: bool):
        threading.excepthook = _quiet_feeder
        if cfg.detector.threads == 0:
            # every process would otherwise take every core for inference
            cfg.detector.threads = max(1, default_processes() // processes)
        self.processes = processes
        self.verify = verify
        self._pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_init, initargs=(cfg, verify))

    def start(self, timeout: float = 300) -> "ScanPool":
        """Load the models in every process; raises (BrokenProcessPool) if one cannot start."""
        for f in [self._pool.submit(_ping) for _ in range(self.processes)]:
            f.result(timeout)
        return self

    def run(self, batches: Iterable[tuple], fmt: str, write: Callable[[bytes, int, int], None]) -> None:
        """``write(lines, records, failed)`` for each batch ((records, their header lines:
        ``HeaderCarry``, read in the reading process, in input order)), in order: the oldest batch goes out
        when the window is full (blocking) or when it is ready (before more input is read)."""
        window: deque[tuple[Future, int]] = deque()
        limit = 2 * self.processes
        for chunk, headers in batches:
            window.append((self._pool.submit(scan_lines, chunk, fmt, self.verify, None, headers),
                           len(chunk)))
            while window and (len(window) >= limit or window[0][0].done()):
                self._out(window, write)
        while window:
            self._out(window, write)

    @staticmethod
    def _out(window: deque, write) -> None:
        f, n = window.popleft()
        lines, failed = f.result()
        write(lines, n, failed)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

