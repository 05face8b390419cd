"""Every use of a private member of Faust, mode or aiokafka, in one module, checked at start.

piistream pins the Faust stack exactly (pyproject.toml) because it relies on these:

1. ``faust.transport.consumer.Consumer._drain_messages`` is replaced (``install_batch_lane``).
   Stock Faust awaits ``wait_first(callback, suspend_flow.wait())`` for every record: two tasks
   and an ``asyncio.wait`` per message, 25% of a worker's CPU (FAUST_LAB.md). The patched loop
   is the same code, but hands the messages of piistream's topics to their agent's batch lane
   (``app.batch_lanes``, see ``lanes.py``) and awaits the callback directly while the flow is
   active (``wait_first`` only while it is suspended: a rebalance). At-least-once holds:
   piistream acks a record only after its outputs are delivered, so a record skipped at a
   rebalance is never committed and the next owner reads it again.
2. Delivery appends each batch's outputs to one aiokafka batch per partition
   (``AIOKafkaProducer.create_batch``/``send_batch``), which needs the producer behind Faust's
   (``Producer._ensure_producer()``) and its partitioner (``_metadata``, ``_partitioner``):
   Faust's per-message send wrappers cost more per record than the batch does.
3. ``fix_logging``: Faust's worker spinner sets the root logger to DEBUG for the whole process,
   so every ``log.debug`` in aiokafka's send path builds a record (13% of CPU).

``check_stack()`` runs when a worker starts: a version other than the pinned one, or a member
that is gone, stops the worker with a message naming it (tests/test_structure.py fails the
same way when the pins change).
"""
from __future__ import annotations

import asyncio
import inspect
import logging
import re
from importlib import metadata

import faust.transport.consumer as _fc
from faust.transport.consumer import CONSUMER_FETCHING

log = logging.getLogger("piistream.stream")

# the versions these uses were written and measured against (pyproject.toml pins the same)
PINNED = {"faust-streaming": "0.15.3", "mode-streaming": "0.7.1", "aiokafka": "0.14.0"}


def stack_problems() -> list[str]:
    """What differs from the stack this module was written against (empty: nothing)."""
    problems = []
    for dist, want in PINNED.items():
        try:
            got = metadata.version(dist)
        except metadata.PackageNotFoundError:
            got = "not installed"
        if got != want:
            problems.append(f"{dist} is {got}, piistream is written against {want}")
    from aiokafka import AIOKafkaProducer
    from faust.transport.drivers.aiokafka import Producer as FaustAioProducer

    members = [(_fc.Consumer, "_drain_messages"), (_fc.Consumer, "_read_offset"),
               (_fc.Consumer, "_add_gap"), (_fc.Consumer, "_n_acked"),
               (_fc.Consumer, "_commit_every"), (_fc.Consumer, "wait_first"),
               (FaustAioProducer, "_ensure_producer"),
               (AIOKafkaProducer, "create_batch"), (AIOKafkaProducer, "send_batch")]
    for cls, name in members:
        if not _has_member(cls, name):
            problems.append(f"{cls.__module__}.{cls.__qualname__}.{name} is gone")
    src = inspect.getsource(AIOKafkaProducer.__init__)
    for name in ("_metadata", "_partitioner"):
        if f"self.{name}" not in src:
            problems.append(f"aiokafka.AIOKafkaProducer has no {name}")
    return problems


def _has_member(cls, name: str) -> bool:
    if hasattr(cls, name):
        return True
    # an instance attribute: assigned in a method of the class or its bases
    assigned = re.compile(rf"self\.{name}\s*(?::[^=\n]+)?=[^=]")
    try:
        return any(assigned.search(inspect.getsource(k)) for k in cls.__mro__
                   if k.__module__.startswith(("faust", "aiokafka", "mode")))
    except (OSError, TypeError):
        return False


def check_stack() -> None:
    """Raise ``RuntimeError`` naming every difference from the pinned Faust stack."""
    problems = stack_problems()
    if problems:
        raise RuntimeError("the Faust stack is not the one piistream is pinned to: "
                           + "; ".join(problems) + " (reinstall with the pins in pyproject.toml)")


# 1. Per-record wait_first() in Consumer._drain_messages (25 % of CPU). Same loop as faust 0.15.3,
#    but the conductor callback is awaited directly while the flow is active; wait_first only
#    when the flow is suspended (rebalance). Re-check against the installed source when upgrading.
async def _drain_messages(self, fetcher):  # noqa: C901 - faust's own loop, patched
    callback, getmany = self.callback, self.getmany
    consumer_should_stop, fetcher_should_stop = self._stopped.is_set, fetcher._stopped.is_set
    get_read_offset = self._read_offset.__getitem__
    set_read_offset = self._read_offset.__setitem__
    set_flag, unset_flag = self.diag.set_flag, self.diag.unset_flag
    commit_every = self._commit_every
    acks_enabled_for = self.app.topics.acks_enabled_for
    suspend_flow, flow_active = self.suspend_flow, self.app.flow_control.is_active
    lanes = getattr(self.app, "batch_lanes", None) or {}
    sleep = asyncio.sleep
    yield_every, num_since_yield = 100, 0
    try:
        while not (consumer_should_stop() or fetcher_should_stop()):
            set_flag(CONSUMER_FETCHING)
            ait = getmany(timeout=1.0)
            await self.sleep(0)
            if not self.should_stop:
                async for tp, message in ait:
                    num_since_yield += 1
                    if num_since_yield > yield_every:
                        await sleep(0)
                        num_since_yield = 0
                    offset = message.offset
                    r_offset = get_read_offset(tp)
                    if r_offset is None or offset >= r_offset:
                        gap = offset - (r_offset or 0)
                        if gap > 1 and r_offset and acks_enabled_for(message.topic):
                            await self._add_gap(tp, r_offset + 1, offset)
                        if commit_every is not None and self._n_acked >= commit_every:
                            self._n_acked = 0
                            await self.commit()
                        lane = lanes.get(message.topic)
                        if lane is not None:                                 # batch lane
                            if suspend_flow.is_set() or not flow_active():
                                continue  # a rebalance: never acked, so read again later
                            if lane.full:
                                await lane.wait_space()
                            lane.put(message)
                            set_read_offset(tp, offset)
                            continue
                        if not suspend_flow.is_set() and flow_active():
                            await callback(message)                      # fast path
                        else:
                            await self.wait_first(callback(message), suspend_flow.wait())
                        set_read_offset(tp, offset)
                unset_flag(CONSUMER_FETCHING)
    except self.consumer_stopped_errors:
        if self.transport.app.should_stop:
            return
        raise
    except asyncio.CancelledError:
        if self.transport.app.should_stop:
            return
        raise
    except Exception as exc:
        self.log.exception("Drain messages raised: %r", exc)
        raise
    finally:
        unset_flag(CONSUMER_FETCHING)



_installed = False


def install_batch_lane() -> None:
    """Replace ``Consumer._drain_messages`` (once per process) with the loop above, which feeds
    the batch lanes of the app it runs for (``app.batch_lanes``; an app without them runs the
    stock per-message path)."""
    global _installed
    if not _installed:
        _fc.Consumer._drain_messages = _drain_messages
        _installed = True


# -- the producer behind Faust's, for batch sends ------------------------------------------------
def aiokafka_producer(app):
    """The ``AIOKafkaProducer`` Faust's producer wraps (started)."""
    return app.producer._ensure_producer()


async def partitions(aio, topic: str) -> tuple[list[int], list[int]]:
    """(all partitions, available partitions) of ``topic`` from the producer's metadata."""
    parts = aio._metadata.partitions_for_topic(topic)
    if not parts:
        await aio.partitions_for(topic)
        parts = aio._metadata.partitions_for_topic(topic)
    parts = sorted(parts)
    return parts, list(aio._metadata.available_partitions_for_topic(topic)) or parts


def partition_for_key(aio, key: bytes, parts: list[int], available: list[int]) -> int:
    """The producer's own partitioner (Kafka's murmur2 for keys)."""
    return aio._partitioner(key, parts, available)


def partitions_for_keys(aio, keys: list[bytes], parts: list[int], available: list[int]) -> list[int]:
    """``partition_for_key`` of each key: with aiokafka's ``DefaultPartitioner`` (murmur2 of
    the key, masked positive, modulo the partition count: what the Java client does), for the
    whole list at once in numpy (``partitioning.murmur2_many``); with any other partitioner,
    one call per key."""
    from aiokafka.partitioner import DefaultPartitioner

    from .partitioning import murmur2_many

    if type(aio._partitioner) is not DefaultPartitioner:
        return [aio._partitioner(k, parts, available) for k in keys]
    idx = (murmur2_many(keys) & 0x7FFFFFFF) % len(parts)
    return [parts[i] for i in idx.tolist()]


def fix_logging(level: int = logging.WARNING) -> None:
    """Undo the worker spinner's root-logger DEBUG (call once the worker runs)."""
    root = logging.getLogger()
    for h in list(root.handlers):
        if type(h).__name__ == "SpinnerHandler":
            root.removeHandler(h)
    root.setLevel(level)
