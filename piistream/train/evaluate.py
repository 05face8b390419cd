"""Detection quality on the test split (record families never seen in training), per type.

Span level, as a user sees it: a reported span is a true positive when it overlaps a true PII
span (of any type: it is redacted either way); a true span is found when a reported span overlaps
it. Uncertain spans count as reported (they are redacted: fail closed).
"""
from __future__ import annotations

import re

import orjson

from ..models.entities import (ABA_ROUTING_NUMBER, CREDIT_CARD, EMAIL_ADDRESS, ENTITY_TYPES,
                               IBAN_CODE, IP_ADDRESS, PHONE_NUMBER, SECRET, US_BANK_NUMBER,
                               US_ITIN, US_SSN)
from .data.candidates import SEEDS, SPLITS, split_records
from .data.generator import iter_generate

# What a plain format-only regex scanner does: one pattern per type, no validation, no context.
NAIVE = {
    US_SSN: r"\b\d{3}-?\d{2}-?\d{4}\b",
    US_ITIN: r"\b9\d{2}-?[5-9]\d-?\d{4}\b",
    CREDIT_CARD: r"\b(?:\d[ -]?){12,18}\d\b",
    ABA_ROUTING_NUMBER: r"\b\d{9}\b",
    US_BANK_NUMBER: r"\b\d{8,17}\b",
    IBAN_CODE: r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b",
    EMAIL_ADDRESS: r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+",
    PHONE_NUMBER: r"(?:\+\d{1,3}[ .\-]?)?\(?\d{3}\)?[ .\-]?\d{3}[ .\-]?\d{4}\b",
    IP_ADDRESS: r"\b(?:\d{1,3}\.){3}\d{1,3}\b|\b(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{1,4}\b",
    SECRET: r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b|\bgh[pousr]_\w{36}|\bxox[bpars]-[\w-]+|eyJ[\w-]+\.[\w-]+\.[\w-]+"
            r"|(?i:password|passwd|pwd|secret|token|api_?key)[=:]\s*\S+",
}


class NaiveScanner:
    """The baseline every benchmark and evaluation compares with: one format-only regex per
    type, no validation, no context."""

    def __init__(self):
        self.patterns = [(t, re.compile(p)) for t, p in NAIVE.items()]

    def scan_line(self, raw: bytes) -> bytes:
        text = raw.decode("utf-8", "replace")
        ents = []
        taken = []
        for etype, pat in self.patterns:
            for m in pat.finditer(text):
                s, e = m.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                taken.append((s, e))
                ents.append({"type": etype, "start": s, "end": e, "score": 1.0, "stage": "regex"})
        ents.sort(key=lambda d: d["start"])
        parts, pos = [], 0
        for d in ents:
            parts.append(text[pos:d["start"]])
            parts.append(f"[{d['type']}]")
            pos = d["end"]
        parts.append(text[pos:])
        return orjson.dumps({"redacted": "".join(parts), "entities": ents})




def span_quality(gold: list[list[tuple[int, int, str]]], found: list[list[dict]]) -> dict[str, dict]:
    """Per type and ``micro``: precision, recall, reported and true span counts (overlap of any
    type, as the module docstring says). ``micro`` also has ``typed_precision`` and
    ``typed_recall``, where the overlapping span must also have the same type. Used by
    ``piistream eval`` and ``piistream bench scan``."""
    stats = {t: [0, 0, 0, 0] for t in list(ENTITY_TYPES) + ["micro"]}  # tp, reported, hit, gold
    tp_typed = hit_typed = 0
    for g, f in zip(gold, found):
        for d in f:
            over = [x for x in g if d["start"] < x[1] and x[0] < d["end"]]
            tp_typed += any(x[2] == d["type"] for x in over)
            for t in (d["type"], "micro"):
                stats[t][0] += bool(over)
                stats[t][1] += 1
        for x in g:
            over = [d for d in f if d["start"] < x[1] and x[0] < d["end"]]
            hit_typed += any(d["type"] == x[2] for d in over)
            for t in (x[2], "micro"):
                stats[t][2] += bool(over)
                stats[t][3] += 1
    div = lambda a, b: a / b if b else float("nan")  # noqa: E731
    out = {t: {"precision": div(s[0], s[1]), "recall": div(s[2], s[3]), "reported": s[1],
               "gold": s[3]} for t, s in stats.items()}
    out["micro"]["typed_precision"] = div(tp_typed, stats["micro"][1])
    out["micro"]["typed_recall"] = div(hit_typed, stats["micro"][3])
    out["_boundaries"] = boundaries(gold, found)
    return out


def boundaries(gold: list[list[tuple[int, int, str]]], found: list[list[dict]]) -> dict:
    """How well the reported spans fit: P/R above count a span as found when it overlaps a true
    one, which hides over-redaction (``user=[EMAIL_ADDRESS]`` eating the key). ``exact``: share
    of the reported spans that overlap a true span and equal one; ``outside``: share of the
    redacted characters (of spans overlapping a true span) that lie outside every true span."""
    hit = exact = chars = outside = 0
    for g, f in zip(gold, found):
        for d in f:
            over = [x for x in g if d["start"] < x[1] and x[0] < d["end"]]
            if not over:
                continue  # a false positive: precision counts it
            hit += 1
            exact += any(x[0] == d["start"] and x[1] == d["end"] for x in over)
            inside = set()
            for x in over:
                inside.update(range(max(x[0], d["start"]), min(x[1], d["end"])))
            chars += d["end"] - d["start"]
            outside += d["end"] - d["start"] - len(inside)
    return {"spans": hit, "exact": exact / hit if hit else float("nan"),
            "outside": outside / chars if chars else float("nan")}


def build_scorer(name: str, keep_disputed: tuple[str, ...] = ()):
    """A scorer by its name in ``piistream eval --scorers``: ``make_scorer``'s names,
    ``NAME+verifier`` (the cascade with the verification stage, configured as ``piistream scan
    --verifier`` ships it: the default ``verifier.rules_decided`` types, and ``keep_disputed``
    added to the default ``verifier.keep_disputed``) and ``NAME:alone`` (the charCNN without
    the rules' disputes)."""
    from ..models.detector import make_scorer

    if name.endswith("+verifier"):
        from ..config import VerifierConfig
        from ..models.verifier import VerifierRuntime, VerifyingScorer, verifier_path
        shipped = VerifierConfig()
        return VerifyingScorer(make_scorer(name[:-len("+verifier")]),
                               VerifierRuntime(verifier_path()),
                               keep_disputed=tuple(dict.fromkeys([*shipped.keep_disputed, *keep_disputed])),
                               rules_decided=tuple(shipped.rules_decided))
    if name.endswith(":alone"):
        from ..models.cnn_runtime import CnnScorer
        return CnnScorer(dispute=False, variant=name.split(":")[0].split("-", 1)[1])
    return make_scorer(name)


def evaluate(scorers: list, n: int = 6000, pii_rate: float = 0.5, naive: bool = True,
             split: str = "test", keep_disputed: tuple[str, ...] = (),
             families: tuple[str, ...] | None = None) -> dict[str, dict]:
    """{scanner: per-type quality} on ``n`` generated records of ``split``'s families.
    ``scorers``: names, or (name, Scorer) pairs. ``keep_disputed``: as ``verifier.keep_disputed``
    for the ``+verifier`` scorers. ``families``: only these of the split's families (``n``
    records of them, same seed)."""
    from ..models.detector import Detector
    from ..models.records import Processor

    if families:
        other = [f for f in families if f not in SPLITS[split]]
        if other:
            raise ValueError(f"not {split} families: {other}; {split}: {list(SPLITS[split])}")
        recs = list(iter_generate(n, seed=SEEDS[split], pii_rate=pii_rate, families=families))
    else:
        recs = split_records(split, n, pii_rate)
    gold = [[(s.start, s.end, s.type) for s in r.spans] for r in recs]
    out = {}
    if naive:
        ns = NaiveScanner()
        found = [orjson.loads(ns.scan_line(r.text.encode()))["entities"] for r in recs]
        out["naive regex"] = span_quality(gold, found)
    for name in scorers:
        if isinstance(name, tuple):
            name, scorer = name
        else:
            scorer = build_scorer(name, keep_disputed)
        proc = Processor(Detector(scorer=scorer))
        found = [None] * len(recs)
        for fmt in ("text", "json"):
            idx = [i for i, r in enumerate(recs) if r.fmt == fmt]
            for k in range(0, len(idx), 512):
                chunk = idx[k:k + 512]
                for i, res in zip(chunk, proc.process([recs[i].text.encode() for i in chunk], fmt)):
                    found[i] = res.entities
        out[name] = span_quality(gold, found)
        if hasattr(scorer, "sent"):  # the verification stage: how much of the traffic reaches it
            out[name]["_verifier"] = {"candidates": scorer.seen, "to_verifier": scorer.sent,
                                      "share": scorer.sent / max(1, scorer.seen),
                                      "seconds": scorer.take_seconds()["verifier"]}
    return out


def quality_table(results: dict[str, dict], title: str):
    from rich.table import Table

    names = list(results)
    table = Table(title=title)
    table.add_column("type")
    table.add_column("true spans", justify="right")
    for n in names:
        table.add_column(f"{n} P", justify="right")
        table.add_column(f"{n} R", justify="right")
    fmt = lambda x: "—" if x != x else f"{x:.3f}"  # noqa: E731
    first = results[names[0]]
    for t in list(ENTITY_TYPES) + ["micro"]:
        row = [t, str(first[t]["gold"])]
        for n in names:
            row += [fmt(results[n][t]["precision"]), fmt(results[n][t]["recall"])]
        table.add_row(*row, end_section=t == ENTITY_TYPES[-1])
    return table
