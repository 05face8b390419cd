"""Real text for training and calibration: the shared real-log corpus, split by product.

- ``split_of(product)``: every product belongs to one split, ``train`` (60%), ``calibration``
  (20%) or ``evaluation`` (20%), by a hash of its name: a product's lines never cross splits, so
  the evaluation measures formats the models never saw.
- ``real_records(rows)``: the lines as generator ``Record`` objects (JSON objects as ``json``),
  with no labels: the corpus holds no real value of the strict types (its SOURCES.md), so their
  candidates are negatives; the others (emails, IPs, phones, secrets) are labelled by a teacher
  (``label.teacher_labels``) or left out.
- ``splice(rows, n, seed)``: real positives in real surroundings: generated PII values put into
  real lines as a new field in the line's own syntax (a JSON member, a ``key=value`` pair, a
  ``key: value`` phrase in free text), under key names of many styles, with exact spans.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import random
import re
from pathlib import Path

import orjson

from ..models.entities import STRICT_TYPES
from .data.generator import Record, Span, _Gen

SPLIT_NAMES = ("train", "calibration", "evaluation")


def split_of(product: str) -> str:
    """``train`` (60%), ``calibration`` (20%) or ``evaluation`` (20%): a stable hash of the name."""
    h = int(hashlib.sha1(product.encode()).hexdigest()[:8], 16) % 10
    return "train" if h < 6 else "calibration" if h < 8 else "evaluation"


def load_rows(path: Path, split: str | None = None) -> list[dict]:
    """The corpus's ``{"text", "source", "product"}`` rows (of one split, or all), one line each
    (a CR or LF inside a line becomes a space: one record per line)."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = [json.loads(x) for x in f]
    out = []
    for r in rows:
        if split is None or split_of(r["product"]) == split:
            out.append({**r, "text": r["text"].replace("\r", " ").replace("\n", " ")})
    return out


def guess_fmt(text: str) -> str:
    """``json`` for a line holding a JSON object, else ``text``."""
    if text.startswith("{"):
        try:
            if isinstance(orjson.loads(text), dict):
                return "json"
        except orjson.JSONDecodeError:
            pass
    return "text"


def real_records(rows: list[dict]) -> list[Record]:
    return [Record(r["text"], guess_fmt(r["text"]), "real:" + r["product"], []) for r in rows]


# Key names a value of each type sits under in real systems, in many styles (the splicer renders
# each in snake, camel, kebab or upper case). Deliberately broad: the point is the surroundings.
KEYS = {
    "US_SSN": ("ssn", "social_security_number", "customer ssn", "applicant_ssn", "ss_no", "tax_id"),
    "US_ITIN": ("itin", "taxpayer_id", "tin", "individual_taxpayer_id"),
    "CREDIT_CARD": ("card_number", "cc", "pan", "card", "payment card", "cc_num", "credit_card"),
    "US_BANK_NUMBER": ("account_number", "acct", "bank_account", "src_acct", "dst account no",
                       "deposit_account"),
    "ABA_ROUTING_NUMBER": ("routing_number", "aba", "routing", "rtn", "bank_routing"),
    "IBAN_CODE": ("iban", "beneficiary_iban", "debtor iban", "account_iban"),
    "EMAIL_ADDRESS": ("email", "user_email", "contact", "from", "recipient", "mail"),
    "PHONE_NUMBER": ("phone", "mobile", "tel", "contact_phone", "callback number", "msisdn"),
    "IP_ADDRESS": ("client_ip", "remote_addr", "src_ip", "peer", "x-forwarded-for", "ip"),
    "SECRET": ("password", "api_key", "secret", "token", "db_password", "auth_token"),
}


def _styled(key: str, rng: random.Random) -> str:
    words = re.split(r"[ _\-]+", key)
    style = rng.randrange(4)
    if style == 0:
        return "_".join(words)
    if style == 1:
        return words[0] + "".join(w.capitalize() for w in words[1:])
    if style == 2:
        return "-".join(words)
    return "_".join(words).upper()


def _value(g: _Gen, etype: str):
    make = {"US_SSN": g.SSN, "US_ITIN": g.ITIN, "CREDIT_CARD": g.CC, "US_BANK_NUMBER": g.ACCT,
            "ABA_ROUTING_NUMBER": g.ABA, "IBAN_CODE": g.IBAN, "EMAIL_ADDRESS": g.E,
            "PHONE_NUMBER": g.PH, "IP_ADDRESS": g.IP, "SECRET": g.PW}[etype]
    return make().v


_KV = re.compile(r"(?:(?<=\s)|^)[A-Za-z_][\w.\-]{0,30}=[^\s,;]+")


def splice_one(row: dict, g: _Gen, rng: random.Random, etype: str) -> Record | None:
    """One real line with one generated ``etype`` value added as a field in its own syntax."""
    text, key = row["text"], _styled(rng.choice(KEYS[etype]), rng)
    value = _value(g, etype)
    fmt = guess_fmt(text)
    if fmt == "json":
        doc = orjson.loads(text)
        if not doc:
            return None
        members = list(doc.items())
        at = rng.randrange(len(members) + 1)
        members.insert(at, (key, "\0"))
        raw = orjson.dumps(dict(members)).decode()
        if '"\\u0000"' not in raw:  # the key already existed
            return None
        start = raw.index('"\\u0000"') + 1
        esc = orjson.dumps(value).decode()[1:-1]
        new = raw[:start] + esc + raw[start + len("\\u0000"):]
        return Record(new, "json", "splice:" + row["product"], [Span(start, start + len(esc), etype)])
    pairs = list(_KV.finditer(text))
    if pairs:  # key=value syntax: a new pair after an existing one
        m = rng.choice(pairs)
        ins = f" {key}={value}"
        pos = m.end()
        start = pos + len(key) + 2
    else:  # free text: a "key: value" phrase at a word boundary
        spaces = [m.start() for m in re.finditer(r" ", text)] or [len(text)]
        pos = rng.choice(spaces)
        sep = rng.choice((": ", " ", "="))
        ins = f" {key.replace('_', ' ') if rng.random() < 0.5 else key}{sep}{value}"
        start = pos + len(ins) - len(value)
    new = text[:pos] + ins + text[pos:]
    assert new[start:start + len(value)] == value
    return Record(new, "text", "splice:" + row["product"], [Span(start, start + len(value), etype)])


def splice(rows: list[dict], n: int, seed: int = 31) -> list[Record]:
    """``n`` spliced records, types in turn, lines drawn from ``rows``."""
    rng = random.Random(seed)
    g = _Gen(seed)
    g.pii = True
    types = list(KEYS)
    out: list[Record] = []
    tries = 0
    while len(out) < n and tries < 4 * n + 100:
        tries += 1
        rec = splice_one(rng.choice(rows), g, rng, types[len(out) % len(types)])
        if rec is not None:
            out.append(rec)
    return out


# every candidate of a strict type (entities.STRICT_TYPES) in a real line is a negative; the
# other types' candidates (e-mails, IPs, secrets) are real values or not: the teacher labels them


def real_candidates(rows: list[dict], n_splice: int, seed: int = 31):
    """Labelled charCNN windows from real lines: every candidate of the lines themselves, and of
    ``n_splice`` lines with a generated value spliced in (``splice``). Labels: a spliced value
    is positive; any other candidate of a strict type is negative (the corpus holds none); a
    candidate of another type takes the teacher's label, the transparent rules with their
    validators (score >= their ``hi``: positive, under their ``lo``: negative), and is left out
    where the teacher abstains (in between)."""
    import numpy as np

    from ..models.scoring import RuleScorer
    from .data.candidates import build

    records = real_records(rows) + splice(rows, n_splice, seed)
    cs = build(records)
    th = RuleScorer().thresholds
    keep = []
    label = cs.label.copy()
    for i, (t, y, r) in enumerate(zip(cs.types, cs.label, cs.rule_score)):
        if y > 0.5 or t in STRICT_TYPES:
            keep.append(i)
        elif r >= th[t].hi:
            label[i] = 1.0
            keep.append(i)
        elif r < th[t].lo:
            keep.append(i)
    cs.label = label
    return cs.subset(np.array(keep, dtype=np.int64))
