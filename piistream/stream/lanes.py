"""The batch lane: consumed messages of one topic, handed to its agent in batches.

Owned by the app (``app.batch_lanes``: topic name -> ``BatchLane``) and fed by the patched fetch
loop (``faust_private.install_batch_lane``). Faust still owns the subscription, the group
membership, offsets and commits; the agent acks each message once its outputs are delivered.
"""
from __future__ import annotations

import asyncio
from collections import deque


def message_size(message) -> int:
    """Bytes a consumed message brings to a batch: its key and value."""
    return len(message.value or b"") + len(message.key or b"")


class BatchLane:
    """Consumed messages of one topic, handed to its agent in batches, bypassing Faust's
    per-message conductor -> Event -> Stream path (which costs more than all of piistream's
    own per-record work in the worker process; FAUST_LAB.md). Faust still owns the
    subscription, the group membership, offsets and commits: the agent acks each message
    (``message.ack(consumer)``) once its outputs are delivered, and skips messages fetched
    before a rebalance (their generation is gone; the partition's next owner reads them).

    Bounded by count (``maxsize`` messages) and by bytes (``maxbytes``: the fetch loop waits
    while the lane holds that much), and a batch by both (``take``)."""

    def __init__(self, maxsize: int, maxbytes: int | None = None):
        self.buf: deque = deque()
        self.maxsize = maxsize
        self.maxbytes = maxbytes
        self.nbytes = 0
        self._sizes: deque = deque()  # message_size of each buffered message
        self._data = asyncio.Event()
        self._space = asyncio.Event()
        self._space.set()

    @property
    def full(self) -> bool:
        return len(self.buf) >= self.maxsize or (self.maxbytes is not None and
                                                 self.nbytes >= self.maxbytes)

    def put(self, message) -> None:
        k = message_size(message)
        self.buf.append(message)
        self._sizes.append(k)
        self.nbytes += k
        if len(self.buf) == 1 or len(self.buf) % 256 == 0 or \
                (self.maxbytes is not None and self.nbytes >= self.maxbytes):
            self._data.set()
        if self.full:
            self._space.clear()

    async def wait_space(self) -> None:
        await self._space.wait()

    async def take(self, n: int, within: float, max_bytes: int | None = None) -> list:
        """Up to n messages and, with ``max_bytes``, at most that many bytes of them (always
        at least one message): waits for the first, then at most ``within`` s to fill up."""
        buf = self.buf
        while not buf:
            self._data.clear()
            await self._data.wait()
        if len(buf) < n and (max_bytes is None or self.nbytes < max_bytes):
            loop = asyncio.get_running_loop()
            deadline = loop.time() + within
            while len(buf) < n and (max_bytes is None or self.nbytes < max_bytes):
                left = deadline - loop.time()
                if left <= 0:
                    break
                self._data.clear()
                try:
                    await asyncio.wait_for(self._data.wait(), min(left, 0.005))
                except asyncio.TimeoutError:
                    pass
        sizes = self._sizes
        out = []
        total = 0
        while buf and len(out) < n and (max_bytes is None or not out or
                                        total + sizes[0] <= max_bytes):
            total += sizes.popleft()
            out.append(buf.popleft())
        self.nbytes -= total
        if not self.full:
            self._space.set()
        return out

    def clear(self) -> None:
        self.buf.clear()
        self._sizes.clear()
        self.nbytes = 0
        self._space.set()


class BatchLanes(dict):
    """The app's lanes: topic name -> ``BatchLane``."""

    def add(self, topic: str, maxsize: int, maxbytes: int | None = None) -> BatchLane:
        lane = self[topic] = BatchLane(maxsize, maxbytes)
        return lane

    def clear_all(self) -> None:
        """Drop what was fetched under a consumer generation that is gone (a rebalance)."""
        for lane in self.values():
            lane.clear()
