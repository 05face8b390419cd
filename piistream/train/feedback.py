"""The production feedback loop (``piistream label --from-topic/--from-file``).

Real, unlabelled text (a sampled topic range, e.g. ``pii.verify``, whose records are the ones
the cascade was unsure about; or a file) goes through the candidate stage; a *teacher* labels
every candidate; a *student* charCNN is retrained on generated data plus the teacher-labelled
real candidates; and the new model is compared with the shipped one on the same evaluation
before anyone switches to it.

- **The teacher is an ensemble with abstention**: the transparent rules with their validators
  (``hi``/``lo`` of ``RuleScorer``), the seed-size charCNN (its own calibrated ``hi``/``lo``) and
  the verifier (probability >= 0.9 or <= 0.1). Each member votes PII, not PII or nothing; a
  candidate is labelled when at least two members vote and none disagrees (``combine``), else
  the teacher abstains and the candidate is left out.
- **PII-safe, and correctable**: the raw windows live in memory for the run only. What is written is the review
  sheet (``--review``): per candidate its source coordinates, type, the members' votes and the
  label, and its window with the candidate and every other detected value of its record
  replaced by their shape (``9`` for a digit, ``a``/``A`` for a letter: ``jane@x.io`` ->
  ``aaaa@a.aa``), and the retrained model's weights. Nothing raw is logged or printed. An
  operator edits labels in the sheet and passes it back (``--corrections``): the edited rows
  override the teacher (``apply_corrections``).
- **Held out by record**: a hash of each record's source coordinates puts 20% of the harvested
  records aside; the student never trains on them, and both models are scored on their
  teacher labels.
- **Compare before switching** (``compare``): the generator's test families (micro P/R), the
  held-out harvest (recall and precision against the teacher) and, when the shared corpus is
  there, the real-log evaluation products (lines with a strict-type finding per 10k). The new
  model is promoted (``--promote``) only when it is no worse on every one of them. Each model
  is named by its weights' digest (``charcnn-lean-int8@3f2a...``), which is what output headers,
  alerts and ``piistream_detector_info`` show.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field

import numpy as np
import orjson

from ..models.detector import Detector
from ..models.entities import STRICT_TYPES
from ..models.scoring import RuleScorer
from ..models.windows import encode, windows_of
from .data.candidates import CandidateSet, batches
from .data.generator import Record
from .realtext import guess_fmt

MEMBERS = ("rules", "seed", "verifier")
VERIFIER_SURE = 0.9  # the verifier votes when it is this sure either way
HOLDOUT = 0.2        # share of harvested records kept for the comparison


# -- input -----------------------------------------------------------------------------------
def _fmt_of(text: str, fmt: str) -> str:
    return guess_fmt(text) if fmt == "auto" else fmt


def sampled(coords: tuple[str, int, int], rate: float, seed: int = 0) -> bool:
    """Whether a record is in the sample: a hash of its coordinates, so a rerun over the same
    range takes the same records."""
    if rate >= 1.0:
        return True
    h = hashlib.sha256(f"{seed}:{coords[0]}:{coords[1]}:{coords[2]}".encode()).digest()
    return int.from_bytes(h[:8], "big") / 2**64 < rate


def held_out(coords: tuple[str, int, int]) -> bool:
    h = hashlib.sha256(f"holdout:{coords[0]}:{coords[1]}:{coords[2]}".encode()).digest()
    return int.from_bytes(h[:8], "big") / 2**64 < HOLDOUT


def parse_rows(rows, fmt: str = "auto", rate: float = 1.0, seed: int = 0
               ) -> tuple[list[Record], list[tuple[str, int, int]], dict]:
    """Records from ``(topic, partition, offset, key, value, headers)`` rows (a topic range or
    a file's lines). A ``pii.verify`` value is unwrapped: its raw record and format, under the
    original source coordinates. Undecodable values and invalid JSON are counted and skipped
    (this reads, it does not route)."""
    records, coords = [], []
    stats = {"read": 0, "sampled": 0, "skipped": 0, "unwrapped": 0}
    for topic, partition, offset, _key, value, _headers in rows:
        stats["read"] += 1
        where = (str(topic), int(partition), int(offset))
        if not sampled(where, rate, seed):
            continue
        try:
            text = value.decode("utf-8") if isinstance(value, (bytes, bytearray)) else str(value)
        except UnicodeDecodeError:
            stats["skipped"] += 1
            continue
        f = _fmt_of(text, fmt)
        if f == "json":
            try:
                doc = orjson.loads(text)
            except orjson.JSONDecodeError:
                stats["skipped"] += 1
                continue
            if isinstance(doc, dict) and {"source", "fmt", "record"} <= doc.keys() and \
                    isinstance(doc["record"], str):
                src = doc["source"] if isinstance(doc["source"], dict) else {}
                where = (str(src.get("topic", topic)), int(src.get("partition", partition)),
                         int(src.get("offset", offset)))
                text, f = doc["record"], doc["fmt"] if doc["fmt"] in ("text", "json") else "text"
                stats["unwrapped"] += 1
                if f == "json":
                    try:
                        orjson.loads(text)
                    except orjson.JSONDecodeError:
                        stats["skipped"] += 1
                        continue
        if f == "text":  # one record per line, as the corpus loader reads them
            text = text.replace("\r", " ").replace("\n", " ")
        if not text:
            stats["skipped"] += 1
            continue
        stats["sampled"] += 1
        records.append(Record(text, f, "harvest", []))
        coords.append(where)
    return records, coords, stats


# -- harvest ----------------------------------------------------------------------------------
@dataclass
class Harvest:
    cs: CandidateSet                # windows (raw: in memory only), rule scores
    where: list[tuple[str, int, int]]  # source coordinates of each candidate's record
    spans: np.ndarray               # [N, 2] the candidate's offsets in its window
    record: np.ndarray              # [N] index of its record
    holdout: np.ndarray             # [N] bool: its record is held out
    values: list[list[str]] = field(default_factory=list)  # per record: detected values (masking)


def harvest(records: list[Record], coords: list[tuple[str, int, int]], chunk: int = 256) -> Harvest:
    """Every candidate of ``records``, as charCNN windows with the rules' scores."""
    det = Detector(scorer=RuleScorer())
    rules = RuleScorer()
    texts, cs_all, ce_all, types, rscores, rec_of = [], [], [], [], [], []
    values: list[list[str]] = [[] for _ in records]
    for i, batch, owner in batches(records, chunk):
        cands = det.candidates(batch)
        if not cands:
            continue
        rules.score(batch, cands)
        w, a, b = windows_of(batch, cands)
        for c, wt, s, e in zip(cands, w, a, b):
            ri = i + owner[batch.segment_of(c.start)]
            values[ri].append(batch.text[c.start:c.end])
            texts.append(wt)
            cs_all.append(s)
            ce_all.append(e)
            types.append(c.type)
            rscores.append(c.score)
            rec_of.append(ri)
    cs_arr, ce_arr = np.array(cs_all, dtype=np.int64), np.array(ce_all, dtype=np.int64)
    chars, flags, etype = encode(texts, cs_arr, ce_arr, types)
    cs = CandidateSet(chars, flags, etype, np.zeros(len(texts), np.float32), types,
                      ["harvest"] * len(texts), np.array(rscores, dtype=np.float32), texts)
    rec = np.array(rec_of, dtype=np.int64)
    hold = np.array([held_out(coords[r]) for r in rec_of], dtype=bool)
    return Harvest(cs, [coords[r] for r in rec_of], np.stack([cs_arr, ce_arr], axis=1)
                   if len(texts) else np.zeros((0, 2), np.int64), rec, hold, values)


# -- the teacher -----------------------------------------------------------------------------
def combine(votes: np.ndarray, min_votes: int = 2) -> np.ndarray:
    """Labels from members' votes ([N, M]: +1 PII, -1 not, 0 no vote): 1.0 or 0.0 where at
    least ``min_votes`` members vote and none disagrees, NaN (abstain) elsewhere."""
    pos = (votes > 0).sum(axis=1)
    neg = (votes < 0).sum(axis=1)
    out = np.full(len(votes), np.nan, dtype=np.float32)
    out[(pos >= min_votes) & (neg == 0)] = 1.0
    out[(neg >= min_votes) & (pos == 0)] = 0.0
    return out


def _band_votes(p: np.ndarray, types: list[str], thresholds: dict) -> np.ndarray:
    hi = np.array([thresholds[t].hi if hasattr(thresholds[t], "hi") else thresholds[t]["hi"]
                   for t in types], dtype=np.float32)
    lo = np.array([thresholds[t].lo if hasattr(thresholds[t], "lo") else thresholds[t]["lo"]
                   for t in types], dtype=np.float32)
    return np.where(p >= hi, 1, np.where(p < lo, -1, 0)).astype(np.int8)


def teacher_votes(cs: CandidateSet, members: tuple[str, ...] = MEMBERS, log=print) -> np.ndarray:
    """[N, len(members)] votes of the teacher's members on the harvested windows."""
    cols = []
    for m in members:
        if m == "rules":
            cols.append(_band_votes(cs.rule_score, cs.types, RuleScorer().thresholds))
        elif m == "seed":
            from ..models.cnn_runtime import CnnRuntime
            rt = CnnRuntime("seed", "onnx-cpu")
            p = np.concatenate([rt.predict(cs.chars[i:i + 512], cs.flags[i:i + 512], cs.etype[i:i + 512])
                                for i in range(0, len(cs), 512)]) if len(cs) else np.zeros(0)
            cols.append(_band_votes(p, cs.types, rt.meta["thresholds"]))
        elif m == "verifier":
            from ..models.verifier import VerifierRuntime, verifier_path
            from .verifier import texts_from_windows
            p = VerifierRuntime(verifier_path()).predict(
                texts_from_windows(cs.texts, cs.flags, cs.types), batch=64) if len(cs) else np.zeros(0)
            cols.append(np.where(p >= VERIFIER_SURE, 1, np.where(p <= 1 - VERIFIER_SURE, -1, 0)
                                 ).astype(np.int8))
        else:
            raise ValueError(f"unknown teacher member {m!r}; of {MEMBERS}")
        log(f"teacher member {m}: {int((cols[-1] > 0).sum()):,} PII, "
            f"{int((cols[-1] < 0).sum()):,} not, {int((cols[-1] == 0).sum()):,} no vote")
    return np.stack(cols, axis=1) if cols else np.zeros((len(cs), 0), np.int8)


# -- the review sheet (PII-safe) ---------------------------------------------------------------
def shape(value: str) -> str:
    """A value's shape: digits 9, lower-case letters a, upper-case A, anything else kept."""
    return "".join("9" if ch.isdigit() else "a" if ch.islower() else "A" if ch.isupper()
                   else "x" if ch.isalpha() else ch for ch in value)


def masked_window(window: str, start: int, end: int, others: list[str]) -> str:
    """The window with its candidate and every other detected value of its record shaped."""
    out = window[:start] + shape(window[start:end]) + window[end:]
    for v in sorted({v for v in others if len(v) >= 2}, key=len, reverse=True):
        out = out.replace(v, shape(v))
    return out


def review_rows(h: Harvest, votes: np.ndarray, labels: np.ndarray,
                members: tuple[str, ...] = MEMBERS):
    for i in range(len(h.cs)):
        s, e = int(h.spans[i, 0]), int(h.spans[i, 1])
        y = labels[i]
        yield {"source": {"topic": h.where[i][0], "partition": h.where[i][1], "offset": h.where[i][2]},
               "type": h.cs.types[i], "votes": dict(zip(members, map(int, votes[i]))),
               "label": None if np.isnan(y) else int(y), "holdout": bool(h.holdout[i]),
               "window": masked_window(h.cs.texts[i], s, e, h.values[h.record[i]])}


def _review_key(row: dict) -> tuple:
    src = row["source"]
    return (src["topic"], src["partition"], src["offset"], row["type"], row["window"])


def apply_corrections(h: Harvest, labels: np.ndarray, rows) -> dict:
    """An operator's corrections: rows of the review sheet whose ``label`` was edited (1, 0, or
    null to leave the candidate out) override the teacher's labels. Rows are matched by source
    coordinates, type and shaped window, so the sheet never needs a raw value."""
    index: dict[tuple, list[int]] = {}
    for i, row in enumerate(review_rows(h, np.zeros((len(h.cs), 0), np.int8), labels, ())):
        index.setdefault(_review_key(row), []).append(i)
    applied = unmatched = 0
    for row in rows:
        hits = index.get(_review_key(row))
        if not hits:
            unmatched += 1
            continue
        y = row.get("label")
        for i in hits:
            labels[i] = np.nan if y is None else float(bool(y))
        applied += len(hits)
    return {"applied": applied, "unmatched": unmatched}


# -- retrain, compare, promote -------------------------------------------------------------------
def labelled(h: Harvest, labels: np.ndarray, holdout: bool) -> CandidateSet:
    keep = np.flatnonzero(~np.isnan(labels) & (h.holdout == holdout))
    cs = h.cs.subset(keep)
    cs.label = labels[keep].astype(np.float32)
    return cs


def retrain(train_part: CandidateSet, out_dir: str, n_train: int, n_val: int, epochs: int,
            real: str = "", n_splice: int = 8000, seed: int = 13, quantize: bool = True,
            log=print) -> str:
    """The student (lean charCNN) on generated data (plus the shared real corpus with ``real``)
    plus the teacher-labelled harvest; its int8 form with ``quantize``. Returns the variant
    written to ``out_dir`` (``lean-int8`` or ``lean``)."""
    from .cnn import TrainConfig, datasets, train_cnn

    os.makedirs(out_dir, exist_ok=True)
    train, val = datasets(n_train, n_val, real, n_splice, log)
    log(f"student: {len(train):,} generated/real windows + {len(train_part):,} teacher-labelled "
        f"harvested ({int(train_part.label.sum()):,} PII)")
    data = (CandidateSet.concat(train, train_part) if len(train_part) else train, val)
    train_cnn(TrainConfig(variant="lean", epochs=epochs, seed=seed, n_train=n_train, n_val=n_val),
              out_dir, progress=False, data=data, log=log)
    if not quantize:
        return "lean"
    from .quantize_cnn import quantize_cnn
    quantize_cnn("lean", min(4000, n_train), n_val, 1024, art_dir=out_dir, out_dir=out_dir, log=log,
                 real=real, n_splice=n_splice)
    return "lean-int8"


def _holdout_quality(runtime, cs: CandidateSet) -> dict:
    """Recall and precision of a model's redactions (score >= its ``lo``) against the teacher."""
    if not len(cs):
        return {"n": 0, "recall": None, "precision": None}
    p = np.concatenate([runtime.predict(cs.chars[i:i + 512], cs.flags[i:i + 512], cs.etype[i:i + 512])
                        for i in range(0, len(cs), 512)])
    lo = np.array([runtime.meta["thresholds"][t]["lo"] for t in cs.types])
    flagged, pos = p >= lo, cs.label > 0.5
    tp = int((flagged & pos).sum())
    return {"n": len(cs), "positives": int(pos.sum()),
            "recall": tp / int(pos.sum()) if pos.any() else None,
            "precision": tp / int(flagged.sum()) if flagged.any() else None}


def _reallog_findings(scorer, path: str) -> dict | None:
    from pathlib import Path

    from ..models.records import Processor
    from .realtext import load_rows

    if not path or not os.path.exists(path):
        return None
    rows = load_rows(Path(path), "evaluation")
    proc = Processor(Detector(scorer=scorer))
    lines = 0
    for i in range(0, len(rows), 512):
        for res in proc.process([r["text"].encode() for r in rows[i:i + 512]]):
            if any(e["type"] in STRICT_TYPES for e in res.entities):
                lines += 1
    return {"lines": len(rows), "strict_lines": lines, "per_10k": 1e4 * lines / max(1, len(rows))}


def compare(shipped_dir: str, new_dir: str, variant: str, holdout: CandidateSet, n_eval: int,
            real: str = "", log=print) -> dict:
    """The shipped and the new model on the same evaluation, and whether the new one may
    replace it (``verdict``: no worse on every yardstick)."""
    from ..models.cnn_runtime import CnnRuntime, CnnScorer
    from .evaluate import evaluate

    models = {}
    for name, d in (("shipped", shipped_dir), ("new", new_dir)):
        rt = CnnRuntime(variant, "onnx-cpu", art_dir=d)
        models[name] = (rt, CnnScorer(rt))
    res = evaluate([(name, m[1]) for name, m in models.items()], n_eval, naive=False)
    out = {}
    for name, (rt, scorer) in models.items():
        micro = res[name]["micro"]
        out[name] = {"version": scorer.version,
                     "generated": {"precision": micro["precision"], "recall": micro["recall"]},
                     "holdout": _holdout_quality(rt, holdout),
                     "reallogs": _reallog_findings(scorer, real)}
        log(f"{name} {scorer.version}: generated P/R {micro['precision']:.4f}/{micro['recall']:.4f}")
    out["verdict"], out["reasons"] = verdict(out["shipped"], out["new"])
    return out


def verdict(shipped: dict, new: dict) -> tuple[bool, list[str]]:
    """No worse on every yardstick both have: generated precision and recall, the held-out
    harvest's recall and precision against the teacher, real-log strict-type lines."""
    why = []
    for part, key in (("generated", "recall"), ("generated", "precision"),
                      ("holdout", "recall"), ("holdout", "precision")):
        a, b = shipped[part].get(key), new[part].get(key)
        if a is not None and b is not None and b < a:
            why.append(f"{part} {key} {b:.4f} < shipped {a:.4f}")
    ra, rb = shipped.get("reallogs"), new.get("reallogs")
    if ra and rb and rb["strict_lines"] > ra["strict_lines"]:
        why.append(f"real-log strict-type lines {rb['strict_lines']} > shipped {ra['strict_lines']}")
    return not why, why


def promote(new_dir: str, variant: str, dest: str) -> list[str]:
    """Copy the new model's files (``charcnn-<variant>.onnx/.json``, and the fp32 lean files
    it was quantized from) over the shipped ones in ``dest``."""
    names = [f"charcnn-{variant}.onnx", f"charcnn-{variant}.json"]
    if variant != "lean":
        names += ["charcnn-lean.onnx", "charcnn-lean.json", "charcnn-lean.pt"]
    done = []
    for n in names:
        src = os.path.join(new_dir, n)
        if os.path.exists(src):
            shutil.copy2(src, os.path.join(dest, n))
            done.append(n)
    return done
