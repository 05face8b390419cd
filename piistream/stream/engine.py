"""The detection engine: the cascade (``Router`` over ``cascade.build``) run off the event loop.

The Faust worker and the replay tool hand batches to an ``Engine``. With ``processes >= 1`` the
cascade runs in that many child processes (spawned, each with its own models): the worker's
event loop -- Faust, aiokafka, sends and acks -- keeps one core for itself, because the
pure-Python candidate stage holds the GIL and a thread would share the loop's core. With
``processes = 0`` it runs in one thread of the calling process (what a 1-core container wants).

Batches go in and results come back as plain tuples (``Out`` dataclasses pickle 6x slower).
Results come back in submission order per caller, which keeps per-partition order.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor

from .. import cascade
from ..config import Config
from ..procs import die_with_parent
from .pipeline import Edges, InRecord, Out, PartitionHeaders, Router

log = logging.getLogger("piistream.stream")


def build_router(cfg: Config, key: tuple[bytes, str], verify: bool = True, threads: int = 1,
                 edges: Edges | None = None) -> Router:
    return Router(cascade.build(cfg, threads=threads, verify=verify, key=key),
                  edges or Edges.default(cfg.topics.prefix), verify_deadline_s=cfg.verifier.deadline)


# -- the child side ------------------------------------------------------------------------------
_router: Router | None = None

RecordTuple = tuple  # (topic, partition, offset, key, value, headers)


def _child_init(cfg: Config, key: tuple[bytes, str], verify: bool, threads: int,
                edges: Edges | None, in_child: bool = True) -> None:
    global _router
    if in_child:
        die_with_parent()
    logging.basicConfig(level=cfg.worker.loglevel.upper())
    _router = build_router(cfg, key, verify, threads, edges)


def _tuples(outs: list[list[Out]]) -> list[list[tuple]]:
    return [[(o.kind, o.topic, o.key, o.value, o.headers) for o in per] for per in outs]


def _run(op: str, records: list[RecordTuple], fmt: str | None, headers: list | None = None):
    recs = [InRecord(*r) for r in records]
    if op == "route":
        outs = _router.route(recs, fmt, headers=headers)
    elif op == "inline":
        outs = _router.route(recs, fmt, inline=True, headers=headers)
    elif op == "verify":
        outs = _router.verify(recs)
    elif op == "ping":
        outs = []
    else:
        raise ValueError(op)
    return _tuples(outs), _router.take_counts()


class Engine:
    """Runs the cascade for a worker or the replay tool; see the module docstring.

    ``separate_verify``: the verify agent's batches go to a process of their own (with the
    verifier loaded), so a slow verification never holds up the detect path; the detect
    processes then load no verifier. Otherwise every process can do every op (``verify``
    says whether they load the verifier)."""

    def __init__(self, cfg: Config, processes: int = 1, verify: bool = True, threads: int = 1,
                 key: tuple[bytes, str] | None = None, edges: Edges | None = None,
                 separate_verify: bool = False):
        self.cfg = cfg
        self.processes = processes
        self.key = key or cascade.alert_key(cfg)
        self.edges = edges or Edges.default(cfg.topics.prefix)
        self.detector_version = "?"
        # (``worker.table_headers``: a text partition's table header line carried to its rows)
        self.headers = PartitionHeaders() if cfg.worker.table_headers else None
        self._verify_pool = None
        if processes >= 1:
            # spawn, not fork: the parent runs threads (aiokafka, librdkafka, ONNX Runtime)
            ctx = multiprocessing.get_context("spawn")
            split = separate_verify and verify

            def pool(n: int, with_verifier: bool) -> ProcessPoolExecutor:
                return ProcessPoolExecutor(n, mp_context=ctx, initializer=_child_init,
                                           initargs=(cfg, self.key, with_verifier, threads, self.edges))
            self._pool = pool(processes, verify and not split)
            if split:
                self._verify_pool = pool(1, True)
        else:
            _child_init(cfg, self.key, verify, threads, self.edges, in_child=False)
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="piistream-detect")

    def start(self, timeout: float = 300) -> "Engine":
        """Load the models in every process (blocks); raises if a process cannot start."""
        futs = [self._pool.submit(_run, "ping", [], None) for _ in range(max(1, self.processes))]
        if self._verify_pool is not None:
            futs.append(self._verify_pool.submit(_run, "ping", [], None))
        for f in futs:
            f.result(timeout)
        self.detector_version = self._pool.submit(_version).result(timeout)
        return self

    def submit(self, op: str, records: list[RecordTuple], fmt: str | None = None) -> Future:
        """``op``: ``route`` (detect path), ``inline`` (replay: verify uncertain records at once),
        ``verify`` (the verify agent). The future gives (outputs per record as (kind, topic,
        key, value, headers) tuples, counts)."""
        pool = self._verify_pool if op == "verify" and self._verify_pool is not None else self._pool
        # (a text topic's table header lines, carried to their rows here, in each partition's
        # order: a detection process sees only the batches it is given)
        headers = self.headers.of(records) if self.headers is not None and op in ("route", "inline") and \
            fmt == "text" else None
        return pool.submit(_run, op, records, fmt, headers)

    def cpu_seconds(self) -> float | None:
        """CPU seconds (user + system) used so far by the detection processes, from
        ``/proc``; None where that cannot be read (not Linux, or detection in a thread, whose
        CPU is the calling process's own)."""
        if self.processes < 1:
            return None
        total = 0.0
        tick = os.sysconf("SC_CLK_TCK")
        try:
            for pool in (self._pool, self._verify_pool):
                for pid in list(getattr(pool, "_processes", None) or {}):
                    with open(f"/proc/{pid}/stat") as f:
                        fields = f.read().rsplit(")", 1)[1].split()
                    total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        except (OSError, ValueError, IndexError, AttributeError):
            return None
        return total

    def close(self) -> None:
        for p in (self._pool, self._verify_pool):
            if p is not None:
                p.shutdown(wait=False, cancel_futures=True)


def _version() -> str:
    return _router.detector_version
