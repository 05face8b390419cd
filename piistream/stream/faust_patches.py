"""Measured fixes for faust-streaming 0.15.3's per-record overhead (see FAUST_LAB.md).

1. ``Consumer._drain_messages`` awaits ``wait_first(callback, suspend_flow.wait())`` for every
   record: two tasks and an ``asyncio.wait`` per message, 25% of a worker's CPU. The patched loop
   is the same code but awaits the callback directly while the flow is active and falls back to
   ``wait_first`` only while the flow is suspended (a rebalance). At-least-once is unaffected:
   piistream acks a record only after its outputs are delivered, so a record skipped at a
   rebalance is never committed and the next owner reads it again.
2. ``fix_logging``: Faust's worker spinner sets the root logger to DEBUG for the whole process, so
   every ``log.debug`` in aiokafka's send path builds a record (13% of CPU).

Applied only to the exact versions they were written against (the project pins them); set
``PIISTREAM_FAUST_FAST_DRAIN=0`` to run stock Faust.
"""
from __future__ import annotations

import asyncio
import logging
import os
from collections import deque

import faust
import faust.transport.consumer as _fc
from faust.transport.consumer import CONSUMER_FETCHING

PATCHED_FOR = "0.15.3"
log = logging.getLogger("piistream.stream")


# 1. Per-record wait_first() in Consumer._drain_messages (25 % of CPU). Same loop as faust 0.15.3,
#    but the conductor callback is awaited directly while the flow is active; wait_first only
#    when the flow is suspended (rebalance). Re-check against the installed source when upgrading.
async def _drain_messages(self, fetcher):
    callback, getmany = self.callback, self.getmany
    consumer_should_stop, fetcher_should_stop = self._stopped.is_set, fetcher._stopped.is_set
    get_read_offset = self._read_offset.__getitem__
    set_read_offset = self._read_offset.__setitem__
    set_flag, unset_flag = self.diag.set_flag, self.diag.unset_flag
    commit_every = self._commit_every
    acks_enabled_for = self.app.topics.acks_enabled_for
    suspend_flow, flow_active = self.suspend_flow, self.app.flow_control.is_active
    lanes = FAST_LANES
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



class FastLane:
    """Consumed messages of one topic, handed to its agent in batches, bypassing Faust's
    per-message conductor -> Event -> Stream path (which costs more than all of piistream's
    own per-record work in the worker process; FAUST_LAB.md). Faust still owns the
    subscription, the group membership, offsets and commits: the agent acks each message
    (``message.ack(consumer)``) once its outputs are delivered, and skips messages fetched
    before a rebalance (their generation is gone; the partition's next owner reads them)."""

    def __init__(self, maxsize: int):
        self.buf: deque = deque()
        self.maxsize = maxsize
        self._data = asyncio.Event()
        self._space = asyncio.Event()
        self._space.set()

    @property
    def full(self) -> bool:
        return len(self.buf) >= self.maxsize

    def put(self, message) -> None:
        self.buf.append(message)
        if len(self.buf) == 1 or len(self.buf) % 256 == 0:
            self._data.set()
        if len(self.buf) >= self.maxsize:
            self._space.clear()

    async def wait_space(self) -> None:
        await self._space.wait()

    async def take(self, n: int, within: float) -> list:
        """Up to n messages: waits for the first, then at most ``within`` s to fill up."""
        buf = self.buf
        while not buf:
            self._data.clear()
            await self._data.wait()
        if len(buf) < n:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + within
            while len(buf) < n:
                left = deadline - loop.time()
                if left <= 0:
                    break
                self._data.clear()
                try:
                    await asyncio.wait_for(self._data.wait(), min(left, 0.005))
                except asyncio.TimeoutError:
                    pass
        k = min(n, len(buf))
        out = [buf.popleft() for _ in range(k)]
        if len(buf) < self.maxsize:
            self._space.set()
        return out

    def clear(self) -> None:
        self.buf.clear()
        self._space.set()


FAST_LANES: dict[str, FastLane] = {}
_applied = False


def apply_patches() -> bool:
    """Install the drain patch once; returns whether it is active."""
    global _applied
    if _applied:
        return True
    if os.environ.get("PIISTREAM_FAUST_FAST_DRAIN", "1") == "0":
        return False
    if faust.__version__ != PATCHED_FOR:
        log.warning("faust %s is not %s: running without the drain patch", faust.__version__, PATCHED_FOR)
        return False
    _fc.Consumer._drain_messages = _drain_messages
    _applied = True
    return True


def fix_logging(level: int = logging.WARNING) -> None:
    """Undo the worker spinner's root-logger DEBUG (call once the worker runs)."""
    root = logging.getLogger()
    for h in list(root.handlers):
        if type(h).__name__ == "SpinnerHandler":
            root.removeHandler(h)
    root.setLevel(level)
