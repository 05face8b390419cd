"""The detection cascade over a batch of text segments: candidates -> scorer -> decision.

Pure functions over lists of strings; no I/O, no Kafka. The Faust agents, the replay tool and the
``scan`` CLI all call ``Detector.detect``.
"""
from __future__ import annotations

import time
from bisect import bisect_right
from dataclasses import dataclass

from .entities import PRIORITY
from .names import SCORERS
from .recognizers import all_recognizers
from .recognizers.base import Batch, Candidate, Recognizer
from .scoring import CLEAN, PII, UNCERTAIN, RuleScorer, Scorer, Thresholds, decide

MIN_PROPAGATE = 1  # every other occurrence of a detected value is redacted too, however short
PROPAGATE_BUDGET = 50_000_000  # characters scanned per record for other occurrences


@dataclass(slots=True)
class Entity:
    """A detection, with offsets into its segment."""

    start: int
    end: int
    type: str
    score: float
    stage: str
    decision: str  # "pii" or "uncertain" (uncertain spans are redacted: fail closed)
    doubt: bool = False  # an uncertain candidate is part of it (its record goes to verification)
    kind: str = ""  # the type's sub-kind (SECRET: "github_token", "password"...), never the value


_shared: dict[tuple, Scorer] = {}


def make_scorer(name: str = "cnn", backend: str = "auto", threads: int | None = None) -> Scorer:
    """The scorer stage by name (``names.SCORERS``): ``cnn`` (the shipped charCNN:
    ``cnn-lean-int8`` on a CPU, ``cnn-lean`` on a GPU), ``cnn-lean``, ``cnn-lean-int8``,
    ``cnn-seed`` or ``rules`` (the transparent rule-based baseline). ``threads``: inference
    threads (None: one per core). charCNN scorers are shared per process (one ONNX Runtime
    session serves every thread)."""
    if name not in SCORERS:
        raise ValueError(f"unknown scorer {name!r}; one of {SCORERS}")
    if name == "rules":
        return RuleScorer()
    from .cnn_runtime import CnnScorer, default_variant
    variant = default_variant(backend) if name == "cnn" else name.split("-", 1)[1]
    key = (variant, backend, threads)
    if key not in _shared:
        _shared[key] = CnnScorer(variant=variant, backend=backend, threads=threads)
    return _shared[key]


class Detector:
    def __init__(self, recognizers: list[Recognizer] | None = None, scorer: Scorer | None = None,
                 types: list[str] | None = None):
        self.recognizers = recognizers if recognizers is not None else all_recognizers(types)
        self.scorer = scorer if scorer is not None else make_scorer()
        self._seconds = {"candidates": 0.0, "scorer": 0.0}

    def take_seconds(self) -> dict[str, float]:
        """Seconds spent per stage (candidates, scorer, and the verifier when there is one)
        since the last call; resets the counters."""
        out = dict(self._seconds)
        take = getattr(self.scorer, "take_seconds", None)
        if take is not None:
            for stage, sec in take().items():
                out[stage] = out.get(stage, 0.0) + sec
                out["scorer"] -= sec  # the scorer's own time excludes what it delegated
        for k in self._seconds:
            self._seconds[k] = 0.0
        return out

    @property
    def version(self) -> str:
        from .. import __version__
        return f"piistream-{__version__}+{getattr(self.scorer, 'version', self.scorer.name)}"

    @property
    def thresholds(self) -> dict[str, Thresholds]:
        return self.scorer.thresholds

    def candidates(self, batch: Batch) -> list[Candidate]:
        out: list[Candidate] = []
        for r in self.recognizers:
            out.extend(r.find(batch))
        return out

    def detect(self, segments: list[str], keys: list[str] | None = None) -> list[list[Entity]]:
        """Entities per segment: sorted, non-overlapping, offsets into the segment."""
        result: list[list[Entity]] = [[] for _ in segments]
        if not segments:
            return result
        t0 = time.perf_counter()
        batch = Batch(segments, keys)
        cands = self.candidates(batch)
        t1 = time.perf_counter()
        self._seconds["candidates"] += t1 - t0
        if not cands:
            return result
        self.scorer.score(batch, cands)
        self._seconds["scorer"] += time.perf_counter() - t1
        th = self.scorer.thresholds
        per_seg: dict[int, list[Candidate]] = {}
        for c in cands:
            c.decision = decide(th, c)
            if c.decision != CLEAN:
                per_seg.setdefault(batch.segment_of(c.start), []).append(c)
        for seg, cs in per_seg.items():
            base = batch.starts[seg]
            result[seg] = merge([Entity(c.start - base, c.end - base, c.type, c.score, c.stage,
                                        c.decision, c.decision == UNCERTAIN, c.kind) for c in cs])
        return result


def merge(ents: list[Entity]) -> list[Entity]:
    """Union overlapping spans (nothing that any accepted candidate covered stays visible); the
    merged span takes the type of its best member (score, then type priority)."""
    if len(ents) <= 1:
        return ents
    ents.sort(key=lambda e: (e.start, -e.end))
    out: list[Entity] = []
    cur = ents[0]
    for e in ents[1:]:
        if e.start < cur.end:
            best = cur if _rank(cur) <= _rank(e) else e
            cur = Entity(cur.start, max(cur.end, e.end), best.type, best.score, best.stage,
                         PII if PII in (cur.decision, e.decision) else best.decision,
                         cur.doubt or e.doubt, best.kind)
        else:
            out.append(cur)
            cur = e
    out.append(cur)
    return out


def _rank(e: Entity) -> tuple:
    return (-e.score, PRIORITY.get(e.type, 99))


def propagate(texts: list[str], ents: list[list[Entity]]) -> None:
    """Redact every other occurrence, within the same record, of a value found as PII.

    ``texts``/``ents`` are the segments of ONE record. In place. The search is bounded
    (``PROPAGATE_BUDGET`` characters scanned per record, longest values first): a record with
    thousands of distinct detected values (a dump full of addresses) has each of them detected
    where it stands anyway, and must not stall a worker.
    """
    values: dict[str, Entity] = {}
    for text, es in zip(texts, ents):
        for e in es:
            if e.end - e.start >= MIN_PROPAGATE:
                values.setdefault(text[e.start:e.end], e)
    if not values:
        return
    budget = PROPAGATE_BUDGET
    ordered = sorted(values.items(), key=lambda kv: -len(kv[0]))
    for i, text in enumerate(texts):
        covered = sorted((e.start, e.end) for e in ents[i])
        starts = [s for s, _ in covered]
        added = []
        for value, src in ordered:
            budget -= len(text)
            if budget < 0:
                break
            pos = text.find(value)
            while pos >= 0:
                end = pos + len(value)
                k = bisect_right(starts, pos) - 1
                if not (k >= 0 and covered[k][1] >= end):  # not inside an existing span
                    added.append(Entity(pos, end, src.type, src.score, "propagated", src.decision,
                                        src.doubt))
                pos = text.find(value, end)
        if added:
            ents[i] = merge(ents[i] + added)
