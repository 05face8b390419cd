"""Line-oriented record input with bounded memory (an oversize line is never held whole)."""
from __future__ import annotations

from typing import BinaryIO, Iterator

from .models.records import Oversize


def read_records(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | Oversize]:
    """Yield each line (without its newline) of a binary stream; a line longer than
    ``max_bytes`` is skipped to its end and yielded as ``Oversize(size)``."""
    limit = max_bytes + 1
    readline = stream.readline
    while True:
        line = readline(limit)
        if not line:
            return
        if line.endswith(b"\n"):
            yield line[:-1]
            continue
        if len(line) < limit:  # last line without a newline
            yield line
            return
        size = len(line)
        while True:  # discard the rest of the oversize line
            chunk = readline(1 << 20)
            if not chunk:
                break
            if chunk.endswith(b"\n"):
                size += len(chunk) - 1
                break
            size += len(chunk)
        yield Oversize(size)


def record_size(x) -> int:
    """Bytes a record brings to a batch: its length (an ``Oversize`` stand-in holds none)."""
    return 0 if isinstance(x, Oversize) else len(x)


def batched(it, n: int, max_bytes: int | None = None, size=record_size):
    """Lists of consecutive items of ``it``: at most ``n`` items and, when ``max_bytes`` is
    given, at most ``max_bytes`` of ``size(item)`` together; an item larger than ``max_bytes``
    is a batch of its own (never split, never dropped). Detection's memory follows a batch's
    bytes, so a few large records never share a batch with thousands of others."""
    buf = []
    total = 0
    for x in it:
        if max_bytes is not None:
            k = size(x)
            if buf and total + k > max_bytes:
                yield buf
                buf = []
                total = 0
            total += k
        buf.append(x)
        if len(buf) >= n:
            yield buf
            buf = []
            total = 0
    if buf:
        yield buf
