"""Context windows around candidates, encoded for the charCNN. Shared by training and inference
(one function, so the model sees at run time exactly what it saw in training). numpy only.

A window is ``WIDTH`` characters of the candidate's segment, the candidate centred in it (clipped
at the segment's ends). For a JSON value the key path comes first (``user.ssn: 123-45-6789``):
the key is the context a JSON value has; camelCase is split like the rules do, ``accountId`` ->
``account_id``. Encoding:

- ``chars``  int64 [N, WIDTH]: the seed's 69-character alphabet (lower case), 0 = padding,
  1 = unknown;
- ``flags``  float32 [N, 2, WIDTH]: channel 0 marks the candidate's characters, channel 1 marks
  upper-case letters (the seed lower-cases everything; case matters for keys and tokens);
- ``etype``  int64 [N]: the candidate's entity type (index into ``ENTITY_TYPES``).
"""
from __future__ import annotations

import hashlib

import numpy as np

from .entities import ENTITY_TYPES
from .recognizers.base import Batch, Candidate, normalize_key

WIDTH = 160
# the seed's 69 characters (Zhang, Zhao & LeCun 2015, with space in place of newline)
ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-,;.!?:'\"/\\|_@#$%^&*~`+=<>()[]{} "
assert len(ALPHABET) == 69 and len(set(ALPHABET)) == 69
PAD, UNK = 0, 1
VOCAB = len(ALPHABET) + 2
TYPE_INDEX = {t: i for i, t in enumerate(ENTITY_TYPES)}
N_TYPES = len(ENTITY_TYPES)

_LUT = np.full(129, UNK, dtype=np.int64)  # code points >= 128 -> UNK
for _i, _ch in enumerate(ALPHABET):
    _LUT[ord(_ch)] = _i + 2
    if _ch.isalpha():
        _LUT[ord(_ch.upper())] = _i + 2
_LUT[0] = PAD  # the padding character (never part of a decoded record: NUL is rejected)
_LUT[ord("\t")] = _LUT[ord(" ")]
_PADCH = "\x00"


def window_text(seg: str, key: str, start: int, end: int) -> tuple[str, int, int]:
    """(window, candidate start, candidate end) for a candidate at [start, end) of ``seg``."""
    if key:
        prefix = normalize_key(key) + ": "
        seg = prefix + seg
        start += len(prefix)
        end += len(prefix)
    n = len(seg)
    clen = end - start
    if clen >= WIDTH:
        return seg[start:start + WIDTH], 0, WIDTH
    a = start - (WIDTH - clen) // 2
    a = max(0, min(a, n - WIDTH))
    return seg[a:a + WIDTH], start - a, end - a


def windows_of(batch: Batch, cands: list[Candidate]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Window texts and candidate offsets (within each window) for candidates of one batch."""
    texts = []
    cs = np.empty(len(cands), dtype=np.int64)
    ce = np.empty(len(cands), dtype=np.int64)
    keys = batch.keys
    for i, c in enumerate(cands):
        seg = batch.segment_of(c.start)
        base = batch.starts[seg]
        w, s, e = window_text(batch.segments[seg], keys[seg] if keys else "", c.start - base,
                              c.end - base)
        texts.append(w)
        cs[i], ce[i] = s, e
    return texts, cs, ce


def window_key(text: str, start: int, end: int, etype: str) -> str:
    """A digest of one charCNN input (window, candidate offsets in it, type): the model gives
    the same probability for the same key. Carried with a record to the verification stage,
    which then need not run the model again (the record itself travels with it, so the digest
    tells nothing new about its content)."""
    return hashlib.blake2b(f"{etype}|{start}|{end}|{text}".encode("utf-8", "surrogatepass"),
                           digest_size=12).hexdigest()


def encode(texts: list[str], cs: np.ndarray, ce: np.ndarray, types: list[str]
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(chars, flags, etype) arrays for windows; vectorised (one pass over all windows)."""
    n = len(texts)
    if n == 0:
        return (np.zeros((0, WIDTH), np.int64), np.zeros((0, 2, WIDTH), np.float32),
                np.zeros(0, np.int64))
    joined = "".join(t.ljust(WIDTH, _PADCH) for t in texts)
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).reshape(n, WIDTH)
    chars = _LUT[np.minimum(cp, 128)]
    flags = np.empty((n, 2, WIDTH), dtype=np.float32)
    pos = np.arange(WIDTH)
    flags[:, 0, :] = (pos >= cs[:, None]) & (pos < ce[:, None])
    flags[:, 1, :] = (cp >= 65) & (cp <= 90)
    etype = np.fromiter((TYPE_INDEX[t] for t in types), dtype=np.int64, count=n)
    return chars, flags, etype
