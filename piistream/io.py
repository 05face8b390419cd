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


def batched(it, n: int):
    buf = []
    for x in it:
        buf.append(x)
        if len(buf) >= n:
            yield buf
            buf = []
    if buf:
        yield buf
