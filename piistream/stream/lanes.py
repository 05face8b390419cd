"""The batch lane: consumed messages of one topic, handed to its agent in batches.

Owned by the app (``app.batch_lanes``: topic name -> ``BatchLane``) and fed by the patched fetch
loop (``faust_private.install_batch_lane``). Faust still owns the subscription, the group
membership, offsets and commits; the agent acks each message once its outputs are delivered.
"""
from __future__ import annotations

import asyncio
from collections import deque


class BatchLane:
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


class BatchLanes(dict):
    """The app's lanes: topic name -> ``BatchLane``."""

    def add(self, topic: str, maxsize: int) -> BatchLane:
        lane = self[topic] = BatchLane(maxsize)
        return lane

    def clear_all(self) -> None:
        """Drop what was fetched under a consumer generation that is gone (a rebalance)."""
        for lane in self.values():
            lane.clear()
