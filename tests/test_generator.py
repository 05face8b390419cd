"""Synthetic corpus generator: determinism, ground-truth span validity, rates, formats, CLI."""
from __future__ import annotations

import base64
import collections
import ipaddress
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from piistream.train.data import (ENTITY_TYPES, FAMILIES, JSON_FAMILIES, Record, Span, aba_valid,
                                  generate, iban_valid, itin_valid, iter_generate, luhn_valid,
                                  ssn_valid)
from piistream.train.data.__main__ import main as cli_main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus() -> list[Record]:
    return generate(5000, seed=11, pii_rate=0.5)


def _json_string_ranges(raw: str) -> list[tuple[int, int, bool]]:
    """(content start, content end, is_key) of every string literal in one line of JSON."""
    out = []
    i, n = 0, len(raw)
    while i < n:
        if raw[i] == '"':
            j = i + 1
            while raw[j] != '"':
                j += 2 if raw[j] == "\\" else 1
            k = j + 1
            while k < n and raw[k] == " ":
                k += 1
            out.append((i + 1, j, k < n and raw[k] == ":"))
            i = j + 1
        else:
            i += 1
    return out


def _value(rec: Record, s: Span) -> str:
    """The decoded value of a span (JSON escapes resolved for json records)."""
    raw = rec.text[s.start:s.end]
    return json.loads('"' + raw + '"') if rec.fmt == "json" else raw


# ---------------------------------------------------------------------------------------------
# determinism

def test_same_seed_same_output():
    a = [r.to_dict() for r in generate(400, seed=5, pii_rate=0.3)]
    b = [r.to_dict() for r in generate(400, seed=5, pii_rate=0.3)]
    assert a == b


def test_different_seed_different_output():
    a = [r.text for r in generate(200, seed=1)]
    b = [r.text for r in generate(200, seed=2)]
    assert a != b
    assert len(set(a) & set(b)) < 10


def test_iter_generate_matches_generate():
    assert [r.to_dict() for r in iter_generate(150, seed=9, pii_rate=0.2)] == \
        [r.to_dict() for r in generate(150, seed=9, pii_rate=0.2)]


def test_deterministic_across_processes():
    """Pools are rebuilt from scratch and string hashing differs: output must not change."""
    code = ("import hashlib, orjson; from piistream.train.data import generate; "
            "print(hashlib.sha256(b''.join(orjson.dumps(r.to_dict()) for r in generate(300, seed=4))).hexdigest())")
    digests = set()
    for hashseed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=hashseed, PYTHONPATH=str(ROOT))
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1


# ---------------------------------------------------------------------------------------------
# structure

def test_single_line_and_span_structure(corpus):
    for rec in corpus:
        assert "\n" not in rec.text and "\r" not in rec.text
        assert rec.fmt in ("text", "json")
        assert rec.family in FAMILIES
        prev_end = 0
        for s in rec.spans:
            assert isinstance(s, Span)
            assert s.type in ENTITY_TYPES
            assert prev_end <= s.start < s.end <= len(rec.text), (rec.text, rec.spans)
            raw = rec.text[s.start:s.end]
            assert raw == raw.strip(), (raw, rec.text)
            prev_end = s.end


def test_pii_records_have_spans_and_clean_records_have_none(corpus):
    clean = [r for r in corpus if not r.spans]
    assert clean
    for rec in clean:
        # no e-mail addresses (systemd template units like postgresql@15-main.service are decoys)
        found = [m for m in re.findall(r"[\w.+-]+@[\w-]+\.[\w.-]+", rec.text)
                 if not m.endswith((".service", ".timer", ".socket"))]
        assert not found, rec.text


def test_every_family_and_type_appears(corpus):
    fams = collections.Counter(r.family for r in corpus)
    assert set(fams) == set(FAMILIES)
    assert len(FAMILIES) >= 12
    types = collections.Counter(s.type for r in corpus for s in r.spans)
    assert set(types) == set(ENTITY_TYPES)
    for t in ENTITY_TYPES:
        assert types[t] >= 25, types


def test_family_subset_and_unknown():
    recs = generate(200, seed=3, families=["syslog", "web_form"])
    assert {r.family for r in recs} == {"syslog", "web_form"}
    with pytest.raises(ValueError):
        generate(10, families=["nope"])
    with pytest.raises(ValueError):
        generate(10, pii_rate=1.5)


def test_json_families_are_json(corpus):
    for rec in corpus:
        assert (rec.fmt == "json") == (rec.family in JSON_FAMILIES)


# ---------------------------------------------------------------------------------------------
# pii_rate

@pytest.mark.parametrize("rate", [0.0, 0.02, 0.3, 0.5, 0.9, 1.0])
def test_pii_rate_respected(rate):
    recs = generate(5000, seed=21, pii_rate=rate)
    frac = sum(1 for r in recs if r.spans) / len(recs)
    assert abs(frac - rate) <= 0.03


def test_clean_records_carry_decoys(corpus):
    clean = [r for r in corpus if not r.spans]
    with_numbers = sum(1 for r in clean if re.search(r"\d{5,}|[0-9a-f]{16,}", r.text))
    assert with_numbers / len(clean) > 0.6


def test_decoys_include_hard_negatives():
    text = "\n".join(r.text for r in generate(3000, seed=2, pii_rate=0.0))
    assert re.search(r"\b1Z[0-9A-Z]{16}\b", text)                                  # UPS tracking
    assert re.search(r"\b(?:part|sku|model)[=: ]\d{3}-\d{2}-\d{4}\b", text)        # SSN-shaped part no
    assert re.search(r"\b\d{5}-\d{4}\b", text)                                     # zip+4
    assert re.search(r"\b97[89]-\d", text)                                         # ISBN
    assert re.search(r"\b[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-", text)             # UUID
    assert re.search(r"\b[0-9a-f]{64}\b", text)                                    # sha256
    assert re.search(r"\b(?:[0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}\b", text)         # MAC
    assert "127.0.0.1" in text and "0.0.0.0" in text
    assert re.search(r"\b1[67]\d{8}\b", text) and re.search(r"\b1[67]\d{11}\b", text)  # epochs
    imeis = re.findall(r"imei[=: \"']+(\d{15})\b", text, re.I)
    assert imeis and all(luhn_valid(x) for x in imeis)


# ---------------------------------------------------------------------------------------------
# span values

_CARD_RE = re.compile(r"^\d+(?:([ -])\d+)*$")


def _phone_ok(v: str) -> bool:
    for region in (None, "US", "GB", "DE", "FR", "IN", "AU", "ES", "IT", "NL", "BR", "JP", "MX", "IE", "CA"):
        try:
            num = phonenumbers.parse(v, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(num):
            return True
    return False


def _secret_ok(v: str) -> bool:
    if v.startswith(("AKIA", "ASIA")) and len(v) == 20:
        return v.isalnum() and v.isupper() or v[4:].isalnum()
    if re.fullmatch(r"gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Z0-9]{22}_[A-Za-z0-9]{59}", v):
        return True
    if v.startswith("xox"):
        return bool(re.fullmatch(r"xoxb-\d+-\d+-[A-Za-z0-9]{24}|xoxp-\d+-\d+-\d+-[0-9a-f]{32}", v))
    if v.startswith("eyJ"):
        parts = v.split(".")
        if len(parts) != 3:
            return False
        header = json.loads(base64.urlsafe_b64decode(parts[0] + "=" * (-len(parts[0]) % 4)))
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
        return "alg" in header and "exp" in payload
    if v.startswith("-----BEGIN"):
        return bool(re.fullmatch(r"-----BEGIN ([A-Z ]+)-----(?:\n|\\n| ).+(?:\n|\\n| )-----END \1-----", v, re.S))
    return len(v) >= 8 and not any(c.isspace() for c in v)


def test_span_values_are_valid(corpus):
    seen = collections.Counter()
    for rec in corpus:
        for s in rec.spans:
            v = _value(rec, s)
            seen[s.type] += 1
            if s.type == "CREDIT_CARD":
                assert _CARD_RE.match(v), v
                d = re.sub(r"[ -]", "", v)
                assert 13 <= len(d) <= 19 and luhn_valid(d), v
            elif s.type == "IBAN_CODE":
                assert iban_valid(v), v
                assert re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+|[A-Z]{2}\d{2}(?: [A-Z0-9]{1,4})+", v), v
            elif s.type == "US_SSN":
                assert re.fullmatch(r"\d{3}([- ]?)\d{2}\1\d{4}", v) and ssn_valid(v), v
                area = int(v[:3])
                assert area not in (0, 666) and area < 900
            elif s.type == "US_ITIN":
                assert re.fullmatch(r"9\d{2}([- ]?)\d{2}\1\d{4}", v) and itin_valid(v), v
            elif s.type == "ABA_ROUTING_NUMBER":
                assert aba_valid(v), v
            elif s.type == "US_BANK_NUMBER":
                assert v.isdigit() and 4 <= len(v) <= 17, v
            elif s.type == "EMAIL_ADDRESS":
                assert v.count("@") == 1 and re.fullmatch(r"[A-Za-z0-9._+-]+@[a-z0-9.-]+\.[a-z]{2,}", v), v
            elif s.type == "PHONE_NUMBER":
                assert _phone_ok(v), v
            elif s.type == "IP_ADDRESS":
                ip = ipaddress.ip_address(v)
                assert ip.is_global and not ip.is_loopback, v
            elif s.type == "SECRET":
                assert _secret_ok(v), v
    assert set(seen) == set(ENTITY_TYPES)


def test_card_brands_and_phone_formats(corpus):
    cards = [re.sub(r"[ -]", "", _value(r, s)) for r in corpus for s in r.spans if s.type == "CREDIT_CARD"]
    lengths = {len(c) for c in cards}
    assert {14, 15, 16} <= lengths
    assert any(c.startswith("4") for c in cards) and any(c[:2] in ("34", "37") for c in cards)
    assert any(c.startswith(("51", "52", "53", "54", "55", "22", "23", "24", "25", "26", "27")) for c in cards)
    phones = [_value(r, s) for r in corpus for s in r.spans if s.type == "PHONE_NUMBER"]
    assert any(re.fullmatch(r"\(\d{3}\) \d{3}-\d{4}", p) for p in phones)
    assert any(re.fullmatch(r"\d{3}-\d{3}-\d{4}", p) for p in phones)
    assert any(re.fullmatch(r"\+\d{10,14}", p) for p in phones)
    assert any(p.startswith("+44 ") for p in phones) and any(p.startswith("+49 ") for p in phones)
    ibans = {_value(r, s)[:2] for r in corpus for s in r.spans if s.type == "IBAN_CODE"}
    assert len(ibans) >= 15
    assert any(" " in _value(r, s) for r in corpus for s in r.spans if s.type == "IBAN_CODE")
    ips = [_value(r, s) for r in corpus for s in r.spans if s.type == "IP_ADDRESS"]
    assert any(":" in ip for ip in ips) and any("." in ip for ip in ips)


# ---------------------------------------------------------------------------------------------
# JSON records

def test_json_records_parse_and_spans_inside_string_values(corpus):
    json_recs = [r for r in corpus if r.fmt == "json"]
    assert len(json_recs) > 500
    compact = spaced = 0
    for rec in json_recs:
        doc = json.loads(rec.text)
        assert isinstance(doc, dict)
        compact += rec.text.startswith('{"') and '":' in rec.text[:20]
        spaced += '": ' in rec.text[:20]
        ranges = _json_string_ranges(rec.text)
        for s in rec.spans:
            inside = [(a, b, key) for a, b, key in ranges if a <= s.start and s.end <= b]
            assert len(inside) == 1, (rec.text, s)
            a, b, key = inside[0]
            assert not key, (rec.text, s)
            decoded = json.loads(rec.text[a - 1:b + 1])
            assert _value(rec, s) in decoded
    assert compact and spaced


def test_json_escaped_private_key_span():
    recs = generate(4000, seed=8, pii_rate=1.0, families=["json_app"])
    keys = [(r, s) for r in recs for s in r.spans if r.text[s.start:s.end].startswith("-----BEGIN")]
    assert keys
    for r, s in keys:
        raw = r.text[s.start:s.end]
        assert "\\n" in raw and "\n" not in raw
        assert "\n" in _value(r, s)


# ---------------------------------------------------------------------------------------------
# property: invariants hold for any seed / rate

@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**31), rate=st.floats(0, 1), n=st.integers(1, 60))
def test_invariants_any_seed(seed, rate, n):
    recs = generate(n, seed=seed, pii_rate=rate)
    assert len(recs) == n
    assert sum(1 for r in recs if r.spans) == round(n * rate)
    for r in recs:
        assert "\n" not in r.text
        if r.fmt == "json":
            json.loads(r.text)
        ends = [(s.start, s.end) for s in r.spans]
        assert ends == sorted(ends)
        assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:]))


# ---------------------------------------------------------------------------------------------
# CLI

def test_cli_jsonl(tmp_path):
    out = tmp_path / "c.jsonl"
    assert cli_main(["--n", "120", "--seed", "1", "--pii-rate", "0.1", "--out", str(out)]) == 0
    lines = out.read_text().splitlines()
    assert len(lines) == 120
    got = [json.loads(x) for x in lines]
    want = [r.to_dict() for r in generate(120, seed=1, pii_rate=0.1)]
    assert got == want
    assert set(got[0]) == {"text", "fmt", "family", "spans"}
    assert sum(1 for d in got if d["spans"]) == 12


def test_cli_text_only(tmp_path):
    out = tmp_path / "c.txt"
    assert cli_main(["--n", "80", "--seed", "2", "--pii-rate", "0.02", "--out", str(out), "--text-only"]) == 0
    assert out.read_text().splitlines() == [r.text for r in generate(80, seed=2, pii_rate=0.02)]


def test_cli_module_entry_point(tmp_path):
    out = tmp_path / "m.jsonl"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-m", "piistream.train.data", "--n", "30", "--seed", "3",
                    "--families", "nginx_access,logfmt", "--out", str(out)], env=env, check=True)
    recs = [Record.from_dict(json.loads(x)) for x in out.read_text().splitlines()]
    assert len(recs) == 30 and {r.family for r in recs} <= {"nginx_access", "logfmt"}


# ---------------------------------------------------------------------------------------------
# held-out test families added for issue 18

NEW_TEST_FAMILIES = ("ach_batch", "payroll_export", "k8s_events", "support_chat")
_BANK = ("ABA_ROUTING_NUMBER", "US_BANK_NUMBER")


@pytest.fixture(scope="module")
def new_family_corpus() -> dict[str, list[Record]]:
    return {f: generate(1200, seed=18, pii_rate=0.5, families=[f]) for f in NEW_TEST_FAMILIES}


def test_new_families_are_test_only():
    from piistream.train.data.candidates import SPLITS
    assert set(NEW_TEST_FAMILIES) <= set(SPLITS["test"]) <= set(FAMILIES)
    assert not set(NEW_TEST_FAMILIES) & set(SPLITS["train"] + SPLITS["val"])
    assert "k8s_events" in JSON_FAMILIES


def test_train_and_val_records_unchanged():
    """The charCNN's training and validation data are fixed: adding test families (or any other
    generator change) must not change them. These digests also move when Faker or phonenumbers
    are upgraded; then the shipped models were trained on other data (retrain, then update)."""
    import hashlib

    import orjson

    from piistream.train.data.candidates import split_records
    got = {s: hashlib.sha256(b"".join(orjson.dumps(r.to_dict()) for r in split_records(s, 300))).hexdigest()
           for s in ("train", "val")}
    assert got == {"train": "3a94f24870def6f34b9f99ff235dc7525129bb487b3431d5ecb9a015d1d65cb4",
                   "val": "1ebc6d9da0964cfd0ec7152dc4cf1e7b44a9d25abb3b7b27031f1b4bab3e9777"}


def test_new_families_pii_rate_and_clean_records(new_family_corpus):
    for fam, recs in new_family_corpus.items():
        assert sum(1 for r in recs if r.spans) == 600, fam
        for r in recs:
            assert r.family == fam and (r.fmt == "json") == (fam in JSON_FAMILIES)
            if not r.spans:  # none of the labelled types: no e-mail address, no labelled key
                assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.-]+", r.text), r.text


@pytest.mark.parametrize("fam", ["ach_batch", "payroll_export", "support_chat"])
def test_new_families_bank_numbers_in_every_order(new_family_corpus, fam):
    """Routing and account numbers come in both orders and alone, not in one column order."""
    seen = collections.Counter()
    for r in new_family_corpus[fam]:
        kinds = [s.type for s in r.spans if s.type in _BANK]
        if set(kinds) == set(_BANK):
            seen["routing first" if kinds.index(_BANK[0]) < kinds.index(_BANK[1]) else "account first"] += 1
        elif kinds:
            seen[kinds[0] + " alone"] += 1
    total = sum(seen.values())
    assert total >= 100, seen
    for k in ("routing first", "account first", "US_BANK_NUMBER alone"):
        assert seen[k] >= 0.1 * total, seen


def test_ach_batch_key_names_vary(new_family_corpus):
    """The account and routing keys of the key/value lines use many names and naming styles."""
    keys = collections.defaultdict(set)
    for r in new_family_corpus["ach_batch"]:
        for s in r.spans:
            m = re.search(r"([A-Za-z][\w-]*)\"?(?:=|: ?)\"?$", r.text[:s.start])
            if m and s.type in _BANK:
                keys[s.type].add(m.group(1))
    assert len(keys["US_BANK_NUMBER"]) >= 40 and len(keys["ABA_ROUTING_NUMBER"]) >= 30, keys
    for t in _BANK:
        styles = {("_" in k and k.islower()) + 2 * ("_" in k and k.isupper()) + 4 * ("-" in k)
                  + 8 * (k[0].islower() and any(c.isupper() for c in k)) for k in keys[t]}
        assert len(styles) >= 4, (t, keys[t])


def test_new_families_carry_hard_negatives(new_family_corpus):
    def share(fam, pattern):
        clean = [r.text for r in new_family_corpus[fam] if not r.spans]
        return sum(1 for t in clean if re.search(pattern, t)) / len(clean)

    assert share("ach_batch", r"\b\d{15}\b") > 0.5                        # trace numbers
    assert share("ach_batch", r"(?:\*{4,5}|X{6}|\.\.\.|\bx)\d{4}\b") > 0.3   # masked accounts
    assert share("payroll_export", r"\b\d{9}\b") > 0.5                   # check numbers, 9-digit ids
    assert share("payroll_export", r"\b\d{2}-\d{7}\b") > 0.3             # employer EINs
    assert share("k8s_events", r'"resourceVersion": ?"\d{6,11}"') == 1.0
    assert share("k8s_events", r'"uid": ?"[0-9a-f]{8}-[0-9a-f]{4}-4') == 1.0
    assert share("k8s_events", r"sha256:[0-9a-f]{64}|[0-9a-f]{64}") > 0.2   # digests, container ids
    assert share("support_chat", r"\d{5,}|1Z[0-9A-Z]{16}") > 0.5       # order, case, tracking numbers
