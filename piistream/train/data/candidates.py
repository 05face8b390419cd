"""Labelled candidate windows for the charCNN, from the synthetic generator.

The candidate stage (recall first) runs over generated records exactly as in production; each
candidate is labelled by the generator's ground truth: positive when a true span of the same type
overlaps it, negative otherwise (hard negatives: PII-shaped decoys that passed the validators).

Splits are **by record family**: the test split holds formats never seen in training.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import orjson

from ...models.detector import Detector
from ...models.recognizers.base import Batch
from ...models.records import walk_json
from ...models.windows import encode, windows_of
from .generator import FAMILIES, TRAIN_ONLY_FAMILIES, Record, iter_generate

# train: one family of each kind; validation and test: other families of the same kinds
SPLITS: dict[str, tuple[str, ...]] = {
    "train": ("nginx_access", "syslog", "json_app", "java_log", "sql_dump", "url_log",
              "email_body", "kv_mixed"),
    "val": ("logfmt", "web_form"),
    "test": ("apache_access", "journald", "python_log", "csv_row", "support_ticket",
             "cloud_audit",
             # added for issue 18, written without looking at any detector result on them
             "ach_batch", "payroll_export", "k8s_events", "support_chat"),
}
assert sorted(sum(SPLITS.values(), ())) == sorted(FAMILIES + TRAIN_ONLY_FAMILIES)

SEEDS = {"train": 1001, "val": 2002, "test": 3003}


@dataclass
class CandidateSet:
    chars: np.ndarray     # [N, WIDTH] int64
    flags: np.ndarray     # [N, 2, WIDTH] float32
    etype: np.ndarray     # [N] int64
    label: np.ndarray     # [N] float32 (1 = real PII of that type)
    types: list[str]      # [N] entity type names
    family: list[str]     # [N] record family
    rule_score: np.ndarray  # [N] the rule-based scorer's score (baseline)
    texts: list[str]      # [N] window texts (for inspection and the verifier; synthetic data)

    def __len__(self) -> int:
        return len(self.label)

    @staticmethod
    def concat(a: "CandidateSet", b: "CandidateSet") -> "CandidateSet":
        return CandidateSet(np.concatenate([a.chars, b.chars]), np.concatenate([a.flags, b.flags]),
                            np.concatenate([a.etype, b.etype]), np.concatenate([a.label, b.label]),
                            a.types + b.types, a.family + b.family,
                            np.concatenate([a.rule_score, b.rule_score]), a.texts + b.texts)

    def subset(self, idx) -> "CandidateSet":
        idx = np.asarray(idx)
        pick = lambda xs: [xs[i] for i in idx]  # noqa: E731
        return CandidateSet(self.chars[idx], self.flags[idx], self.etype[idx], self.label[idx],
                            pick(self.types), pick(self.family), self.rule_score[idx],
                            pick(self.texts))


def segments_of(rec: Record) -> tuple[list[str], list[str], list[int]]:
    """Segments, keys and the raw offset of each segment (-1 when unknown) of one record."""
    if rec.fmt == "text":
        return [rec.text], [""], [0]
    leaves = walk_json(orjson.loads(rec.text))
    return [v for _, v, _ in leaves], [k for k, _, _ in leaves], [-1] * len(leaves)


def _gold_values(rec: Record) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for s in rec.spans:
        v = rec.text[s.start:s.end]
        out.setdefault(s.type, set()).add(v)
        if rec.fmt == "json":  # the decoded value (escapes in the raw JSON)
            try:
                out[s.type].add(orjson.loads(b'"' + v.encode() + b'"'))
            except orjson.JSONDecodeError:
                pass
    return out


def batches(records: list[Record], chunk: int = 256):
    """``(first, batch, owner)`` per ``chunk`` records: their segments as one ``Batch`` (JSON
    leaves with their key paths), and each segment's record index within the chunk."""
    for i in range(0, len(records), chunk):
        segs, keys, owner = [], [], []
        for ri, r in enumerate(records[i:i + chunk]):
            s, k, _ = segments_of(r)
            segs += s
            keys += k
            owner += [ri] * len(s)
        yield i, Batch(segs, keys if any(keys) else None), owner


def build(records: list[Record], detector: Detector | None = None, chunk: int = 256) -> CandidateSet:
    """Run the candidate stage over ``records`` and label every candidate."""
    from ...models.scoring import RuleScorer

    det = detector or Detector(scorer=RuleScorer())
    rules = RuleScorer()
    texts, cs_all, ce_all, types, labels, fams, rscores = [], [], [], [], [], [], []
    for i, batch, owner in batches(records, chunk):
        recs = records[i:i + chunk]
        cands = det.candidates(batch)
        if not cands:
            continue
        rules.score(batch, cands)
        w, cs, ce = windows_of(batch, cands)
        gold = [_gold_values(r) for r in recs]
        for c, wt, a, b in zip(cands, w, cs, ce):
            seg = batch.segment_of(c.start)
            rec_i = owner[seg]
            value = batch.text[c.start:c.end]
            g = gold[rec_i].get(c.type, ())
            pos = any(value in v or v in value for v in g)
            texts.append(wt)
            cs_all.append(a)
            ce_all.append(b)
            types.append(c.type)
            labels.append(1.0 if pos else 0.0)
            fams.append(recs[rec_i].family)
            rscores.append(c.score)
    cs_arr, ce_arr = np.array(cs_all, dtype=np.int64), np.array(ce_all, dtype=np.int64)
    chars, flags, etype = encode(texts, cs_arr, ce_arr, types)
    return CandidateSet(chars, flags, etype, np.array(labels, dtype=np.float32), types, fams,
                        np.array(rscores, dtype=np.float32), texts)


def split_records(split: str, n: int, pii_rate: float = 0.5) -> list[Record]:
    return list(iter_generate(n, seed=SEEDS[split], pii_rate=pii_rate, families=SPLITS[split]))


def build_split(split: str, n: int, pii_rate: float = 0.5) -> CandidateSet:
    return build(split_records(split, n, pii_rate))
