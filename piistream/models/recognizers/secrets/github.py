"""GitHub tokens: ``ghp_`` (personal), ``gho_`` (OAuth), ``ghu_`` (user-to-server), ``ghs_``
(server-to-server), ``ghr_`` (refresh) and fine-grained ``github_pat_`` tokens.

The classic formats carry a checksum: 30 random base62 characters, then the CRC32 of those 30
characters in 6 base62 digits (``0-9A-Za-z``, zero-padded). A token whose checksum holds is
decisive; one whose checksum fails keeps its strong prefix as evidence (a candidate the models
score), since truncated, re-typed and test tokens leak too.
"""
from __future__ import annotations

import zlib

from ._shared import Family, Spec, base62

KIND = "github_token"


def crc_ok(token: str) -> bool:
    """The CRC32 checksum of a ``gh?_`` token (prefix, 30 random base62 characters, 6 check
    characters)."""
    body = token.partition("_")[2]
    if len(body) != 36:
        return False
    return base62(zlib.crc32(body[:30].encode()), 6) == body[30:]


def _check(token: str) -> tuple[bool, bool]:
    ok = crc_ok(token)
    return True, ok


def _pat(token: str) -> tuple[bool, bool]:
    # github_pat_<22>_<59>: the structure is the evidence
    body = token[len("github_pat_"):]
    a, sep, b = body.partition("_")
    return True, bool(sep) and len(a) == 22 and len(b) == 59


SPECS = [Spec(p + "_", KIND, p + r"_[A-Za-z0-9]{36,251}+", 0.97, _check) for p in
         ("ghp", "gho", "ghu", "ghs", "ghr")]
SPECS.append(Spec("github_pat_", KIND, r"github_pat_[A-Za-z0-9_]{22,251}+", 0.97, _pat))


class GitHub(Family):
    name = "github"
    kinds = (KIND,)
    specs = SPECS
