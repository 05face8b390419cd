"""Candidate scorers: the pluggable stage between the candidate stage and the decision.

``RuleScorer`` is the transparent baseline: validator prior + context words (key names and the
words before the value). The charCNN scorer replaces it behind the same ``Scorer`` interface.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from .entities import ENTITY_TYPES
from .recognizers.base import Batch, Candidate, normalize_key

PII, UNCERTAIN, CLEAN = "pii", "uncertain", "clean"


@dataclass(frozen=True)
class Thresholds:
    """score >= hi: PII; score < lo: not PII; between: uncertain (verification stage)."""

    lo: float = 0.35
    hi: float = 0.6

    def decide(self, score: float) -> str:
        if score >= self.hi:
            return PII
        if score < self.lo:
            return CLEAN
        return UNCERTAIN


def decide(thresholds: dict[str, Thresholds], c: Candidate) -> str:
    """A scored candidate's decision. A dispute (stage ``disputed``: the rules say PII, the
    charCNN says clean) is uncertain whatever its type's band: for types calibrated to an empty
    band (lo == hi) its score alone would read as PII and it would never reach the verifier."""
    return UNCERTAIN if c.stage == "disputed" else thresholds[c.type].decide(c.score)


class Scorer(Protocol):
    name: str
    thresholds: dict[str, Thresholds]

    def score(self, batch: Batch, cands: list[Candidate]) -> None:
        """Set ``score`` and ``stage`` on every candidate (in place)."""


# "key=value", "key: value", "\"key\": \"value\"" immediately before the candidate
_KEY_BEFORE = re.compile(r"([A-Za-z_][\w.\-\[\]]{0,48})[\"']?[ \t]{0,2}[:=][ \t]{0,2}[\"']?[ \t]*\Z")
WINDOW_BEFORE = 48


def context_of(batch: Batch, c: Candidate) -> tuple[str, str]:
    """(key, words before) for a candidate, both lower-cased. The key is the JSON key path of the
    segment, or a ``key=``/``key:`` right before the value in text."""
    seg = batch.segment_of(c.start)
    seg_start = batch.starts[seg]
    before = batch.text[max(seg_start, c.start - WINDOW_BEFORE):c.start]
    key = batch.keys[seg] if batch.keys else ""
    if not key:
        m = _KEY_BEFORE.search(before)
        if m:
            key = m.group(1)
            before = before[:m.start()]
    return normalize_key(key), before.lower()


_INDEX = re.compile(r"\[\d+\]")


def _key_parts(key: str) -> list[str]:
    if not key:
        return []
    parts = [p for p in _INDEX.sub("", key).split(".") if p]
    return parts[-1:-3:-1]


def _last_end(pattern: re.Pattern, s: str) -> int:
    end = -1
    for m in pattern.finditer(s):
        end = m.end()
    return end


class RuleScorer:
    """Validator prior, raised by supporting context, lowered by contrary context (``context``).
    """

    name = "rules"

    def __init__(self, thresholds: dict[str, Thresholds] | None = None):
        self.thresholds = {t: Thresholds() for t in ENTITY_TYPES}
        if thresholds:
            self.thresholds.update(thresholds)

    def score(self, batch: Batch, cands: list[Candidate]) -> None:
        th = self.thresholds
        for c in cands:
            c.stage = self.name
            if c.prior < th[c.type].lo and c.ctx_score < th[c.type].lo:
                c.score = c.prior  # no context can lift it (e.g. a loopback address)
            else:
                c.score = self.score_one(batch, c)

    @staticmethod
    def context(batch: Batch, c: Candidate) -> tuple[int, bool, int]:
        """The context's verdict on a candidate: (+1 a supporting word decides, -1 a contrary
        one, 0 none; whether it came from the key; for a contrary free word, how many
        characters before the candidate it ends).

        A key path gives context from its leaf ("user.ssn" -> "ssn"), else from the parent
        ("card.number" -> "card"); array indices are dropped ("phones[2]" -> "phones"). Key
        context outranks free words; among free words the one closest to the candidate wins."""
        r = c.recognizer
        key, before = context_of(batch, c)
        for part in _key_parts(key):
            pos, neg = r.pos_re.search(part), r.neg_re.search(part)
            if pos and not neg:
                return 1, True, 0
            if neg and not pos:
                return -1, True, 0
            if pos and neg:  # e.g. "card_order_id": the last word of the key is the noun
                return (1 if pos.end() > neg.end() else -1), True, 0
        pos_end = _last_end(r.pos_re, before)
        neg_end = _last_end(r.neg_re, before)
        if pos_end < 0 and neg_end < 0:
            return 0, False, 0
        if pos_end > neg_end:
            return 1, False, 0
        return -1, False, len(before) - neg_end

    @staticmethod
    def score_one(batch: Batch, c: Candidate, context: tuple[int, bool, int] | None = None) -> float:
        verdict, from_key, gap = context or RuleScorer.context(batch, c)
        if verdict == 0:
            return c.prior
        if verdict > 0:
            return max(c.prior, c.ctx_score if from_key else c.ctx_score - 0.03)
        if from_key:
            return min(c.prior, 0.1)
        # contrary words nearby: a weak format drops out; a strong one (checksum, token prefix)
        # only loses confidence unless the word is right before it ("tid 3495...", "order 4111...")
        if c.prior >= 0.9 and gap > 12:
            return c.prior - 0.2
        return c.prior * 0.4
