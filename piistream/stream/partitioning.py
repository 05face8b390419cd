"""Kafka's murmur2 key hash (the Java client's ``Utils.murmur2``, aiokafka's ``murmur2``) for many
keys at once, in numpy: the worker places every output of a batch on its partition with one call,
where a pure-Python hash per record cost a few microseconds each on the event loop."""
from __future__ import annotations

import numpy as np

from aiokafka.partitioner import murmur2

_M = np.uint32(0x5BD1E995)
_SEED = 0x9747B28C
MAX_VECTOR_KEY = 256  # longer keys: one at a time (their rows would make every block's work)


def murmur2_many(keys: list[bytes]) -> np.ndarray:
    """``murmur2(key)`` for each key, as uint32. Keys of any length share one pass: a row's
    4-byte blocks past its own length leave its hash alone (masked), and each row takes the
    tail of its own length."""
    n = len(keys)
    out = np.zeros(n, dtype=np.uint32)
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=n)
    if n and int(lengths.max()) > MAX_VECTOR_KEY:
        for i in np.flatnonzero(lengths > MAX_VECTOR_KEY).tolist():
            out[i] = murmur2(keys[i])
        short = np.flatnonzero(lengths <= MAX_VECTOR_KEY)
        rows = [keys[i] for i in short.tolist()]
        lengths = lengths[short]
    else:
        short, rows = slice(None), keys
    if not rows:
        return out
    width = (int(lengths.max()) + 3) // 4 * 4 + 4  # room for every tail
    buf = np.frombuffer(b"".join(k.ljust(width, b"\0") for k in rows),
                        dtype=np.uint8).reshape(len(rows), width)
    h = (np.uint32(_SEED) ^ lengths.astype(np.uint32)).astype(np.uint32)
    blocks = buf.view("<u4")  # little-endian 4-byte blocks, as the Java client reads them
    whole = lengths // 4
    for j in range(int(whole.max())):
        k = blocks[:, j] * _M
        k ^= k >> np.uint32(24)
        k *= _M
        mixed = (h * _M) ^ k
        h = np.where(j < whole, mixed, h)
    base = whole * 4
    extra = lengths % 4
    r = np.arange(len(rows))
    tail = (buf[r, np.minimum(base, width - 1)].astype(np.uint32),
            buf[r, np.minimum(base + 1, width - 1)].astype(np.uint32),
            buf[r, np.minimum(base + 2, width - 1)].astype(np.uint32))
    h = np.where(extra >= 3, h ^ (tail[2] << np.uint32(16)), h)
    h = np.where(extra >= 2, h ^ (tail[1] << np.uint32(8)), h)
    h = np.where(extra >= 1, (h ^ tail[0]) * _M, h)
    h ^= h >> np.uint32(13)
    h *= _M
    h ^= h >> np.uint32(15)
    out[short] = h
    return out
