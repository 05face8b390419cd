"""Recognizer base class and the per-batch text that every recognizer scans.

Design: a micro-batch's text segments are joined into one string (``Batch.text``) so each pattern
runs once per batch, not once per record. Expensive character-class scans (digit runs, keywords)
are shared between recognizers through ``Batch`` caches; recognizers anchor on them and only run
their exact patterns and validators on the small regions that can hold a match.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import ClassVar, Iterable

SEP = "\n"  # segments never match across it: no pattern in this package accepts a newline

# Maximal runs of digits and the separators that PII formats use. Anchors all numeric types.
_NUM_TOKEN = re.compile(r"\d[\d \-.()]{5,}\d")
_STRIP_SEPARATORS = str.maketrans("", "", " -.()")
# Words in a context window / key: used by the scorer with each recognizer's keyword patterns.


@dataclass(slots=True)
class Candidate:
    """A possible PII value. Offsets are into ``Batch.text`` until the detector localises them."""

    start: int
    end: int
    type: str
    prior: float          # score from format + validator alone
    ctx_score: float      # score when the context supports the type
    valid: bool           # validator verdict (checksum / structure)
    reason: str           # short validator note (never the value)
    recognizer: "Recognizer" = field(repr=False, default=None)  # type: ignore[assignment]
    score: float = 0.0
    stage: str = ""
    decision: str = ""    # "pii" | "uncertain" | "clean"
    kind: str = ""        # the type's sub-kind, from a fixed vocabulary (SECRET: "github_token",
                          # "password"...); never the value
    decisive: bool = False  # the evidence alone decides (a vendor prefix with a valid checksum, a
                            # credential key with a real value): no model may clear it


class Batch:
    """Text segments of one micro-batch, joined, with shared lazily computed scans."""

    __slots__ = ("segments", "keys", "text", "starts", "_lower", "_num", "_cache")

    def __init__(self, segments: list[str], keys: list[str] | None = None):
        self.segments = segments
        self.keys = keys
        self.text = SEP.join(segments)
        starts = [0] * len(segments)
        pos = 0
        for i, s in enumerate(segments):
            starts[i] = pos
            pos += len(s) + 1
        self.starts = starts
        self._lower: str | None = None
        self._num: list[tuple[int, int, str, int]] | None = None
        self._cache: dict = {}

    # -- geometry ---------------------------------------------------------------------------
    def segment_of(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    def segment_bounds(self, seg: int) -> tuple[int, int]:
        s = self.starts[seg]
        return s, s + len(self.segments[seg])

    # -- shared scans -------------------------------------------------------------------------
    @property
    def lower(self) -> str:
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    def num_tokens(self) -> list[tuple[int, int, str, int]]:
        """(start, end, digits, dots) for every run of >= 7 chars of digits and separators."""
        if self._num is None:
            self._num = [(m.start(), m.end(), (tok := m.group()).translate(_STRIP_SEPARATORS),
                          tok.count(".")) for m in _NUM_TOKEN.finditer(self.text)]
        return self._num

    def token_regions(self, min_digits: int, need_dots: int = 0, back: int = 0) -> list[tuple[int, int]]:
        """(start, end) to search in for each numeric token with at least ``min_digits`` digits
        and ``need_dots`` dots: from ``back`` characters before the token to two after it.
        Cached: recognizers with the same needs (SSN, ITIN, ABA) share one list."""
        key = ("regions", min_digits, need_dots, back)
        hit = self._cache.get(key)
        if hit is None:
            n = len(self.text)
            hit = [(s - back if s > back else 0, e + 2 if e + 2 < n else n)
                   for s, e, digits, dots in self.num_tokens()
                   if len(digits) >= min_digits and dots >= need_dots]
            self._cache[key] = hit
        return hit

    def scan(self, pattern: re.Pattern, lower: bool = False) -> list[re.Match]:
        """All matches of ``pattern`` over the batch (cached per pattern, shared by recognizers)."""
        key = (pattern, lower)
        hit = self._cache.get(key)
        if hit is None:
            hit = list(pattern.finditer(self.lower if lower else self.text))
            self._cache[key] = hit
        return hit

    def keyed_segments(self, key_re: re.Pattern) -> list[int]:
        """Indices of segments whose context key (JSON key path) matches ``key_re``."""
        if not self.keys:
            return []
        ck = ("keys", key_re)
        hit = self._cache.get(ck)
        if hit is None:
            joined = normalize_key(SEP.join(self.keys))
            hit = []
            if key_re.search(joined):
                hit = [i for i, k in enumerate(self.keys) if k and key_re.search(normalize_key(k))]
            self._cache[ck] = hit
        return hit


_CAMEL = re.compile(r"([a-z0-9])([A-Z])")


def normalize_key(key: str) -> str:
    """'sessionToken' -> 'session_token', 'AccountID' -> 'account_id': word boundaries survive
    lower-casing, so keyword patterns see 'token' and 'account' as words."""
    return _CAMEL.sub(r"\1_\2", key).lower() if key else ""


def words(*frags: str) -> re.Pattern:
    """Keyword regex over lower-cased text: each fragment must start at a non-letter boundary;
    fragments of up to three letters must also end at one ("sha" is not "shari"), longer ones
    match as prefixes ("account" in "accounts")."""
    fixed = [f + r"(?![a-z])" if f.isalpha() and len(f) <= 3 else f for f in frags]
    return re.compile(r"(?<![a-z])(?:" + "|".join(fixed) + ")")


NEVER = re.compile(r"(?!x)x")

# Context words that argue against any numeric PII type (identifiers, measurements, codes).
NUMERIC_NEGATIVE = (
    r"order", r"invoice", r"inv(?:oice)?[ _#-]?(?:no|num)", r"tracking", r"track(?![a-z])",
    r"shipment", r"sku", r"part(?:[ _-]?(?:no|num(?:ber)?|#))?(?![a-z])", r"p/n", r"model",
    r"serial", r"imei", r"meid", r"iccid", r"imsi", r"isbn", r"issn", r"ean", r"upc", r"gtin",
    r"pid(?![a-z])", r"ppid", r"tid(?![a-z])", r"thread", r"port(?![a-z])", r"bytes?(?![a-z])",
    r"size", r"length", r"len(?![a-z])", r"timestamp", r"ts(?![a-z])", r"epoch", r"time(?![a-z])",
    r"elapsed", r"duration", r"latency", r"took", r"ms(?![a-z])", r"trace(?!back)", r"span(?![a-z])", r"req(?:uest)?[ _-]?id",
    r"version", r"ver(?![a-z])", r"build", r"release", r"zip", r"postal", r"checksum", r"crc",
    r"hash", r"digest", r"sha\d*(?![a-z])", r"md5", r"uuid", r"guid", r"offset", r"partition",
    r"seq(?:uence)?(?![a-z])", r"count(?!r)", r"total", r"amount", r"price", r"qty", r"quantity", r"ticket", r"case[ _-]?(?:no|id|#)",
    r"ref(?:erence)?(?![a-z])", r"confirmation", r"booking", r"pnr", r"vin(?![a-z])",
    r"lot(?![a-z])", r"batch", r"ip(?![a-z])", r"addr(?:ess)?(?![a-z])", r"pn(?![a-z])",
    r"mpn(?![a-z])", r"catalog", r"asset[ _-]?(?:tag|id|no)",
)


class Recognizer:
    """One entity type: how to find candidates, validate them, and which context supports them.

    Subclasses set ``entity`` and the keyword fragments and implement ``find``. They register
    themselves with ``@register`` (see ``piistream.models.recognizers``).
    """

    entity: ClassVar[str] = ""
    # keyword fragments (regex, lower-case) that support the type in a key or before the value
    context: ClassVar[tuple[str, ...]] = ()
    # fragments that argue against it (e.g. "order" for a number); NUMERIC_NEGATIVE for numbers
    negative: ClassVar[tuple[str, ...]] = ()

    def __init__(self) -> None:
        self.pos_re = words(*self.context) if self.context else NEVER
        self.neg_re = words(*self.negative) if self.negative else NEVER

    def find(self, batch: Batch) -> Iterable[Candidate]:  # pragma: no cover - abstract
        raise NotImplementedError

    # helpers for subclasses ------------------------------------------------------------------
    def cand(self, start: int, end: int, prior: float, ctx: float, valid: bool = True,
             reason: str = "", kind: str = "", decisive: bool = False) -> Candidate:
        return Candidate(start, end, self.entity, prior, ctx, valid, reason, self, kind=kind,
                         decisive=decisive)

    @staticmethod
    def exact_in_tokens(batch: Batch, pattern: re.Pattern, min_digits: int, back: int = 0,
                        need_dots: int = 0) -> list[re.Match]:
        """Run ``pattern`` only over the numeric tokens that could hold a match.

        ``back`` widens the region to the left (for a leading ``+`` or ``(``); the region ends two
        characters after the token so the pattern's lookahead sees the neighbours.
        """
        finditer = pattern.finditer
        text = batch.text
        return [m for lo, hi in batch.token_regions(min_digits, need_dots, back)
                for m in finditer(text, lo, hi)]
