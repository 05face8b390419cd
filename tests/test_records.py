"""Records: text and JSON handling, offsets, in-place JSON redaction, operators, bad input."""
import json

import orjson
import pytest

from conftest import found
from piistream.models.records import KEY, NUMBER, STRING, Oversize, Processor, json_leaves, walk_json
from piistream.models.redact import ConfigError, Redactor


def test_text_offsets_and_redaction(processor):
    line = "user bob@corp.io paid with 4111-1111-1111-1111 from 8.8.8.8"
    r = processor.process([line.encode()])[0]
    assert r.redacted == "user [EMAIL_ADDRESS] paid with [CREDIT_CARD] from [IP_ADDRESS]"
    assert [(e["type"], line[e["start"]:e["end"]]) for e in r.entities] == [
        ("EMAIL_ADDRESS", "bob@corp.io"), ("CREDIT_CARD", "4111-1111-1111-1111"), ("IP_ADDRESS", "8.8.8.8")]
    assert all(e["stage"] == processor.detector.scorer.name and 0 < e["score"] <= 1 for e in r.entities)


def test_line_endings_are_not_part_of_the_record(processor):
    r = processor.process([b"ssn 536-22-1234\r"])[0]
    assert r.redacted == "ssn [US_SSN]"


def test_json_in_place_keeps_structure_order_and_other_values(processor):
    doc = ('{"ts": "2026-11-25T02:25:13Z", "user": {"email": "ann@example.org", "id": 42},'
           ' "payment": {"card": "4111 1111 1111 1111", "acct": 12345678},'
           ' "items": [{"sku": "536-22-1234"}, "call +44 20 7946 0958"], "ok": true, "n": null}')
    r = processor.process([doc.encode()], "json")[0]
    out = orjson.loads(r.to_json())["redacted"]
    assert list(out) == ["ts", "user", "payment", "items", "ok", "n"]
    assert out["user"] == {"email": "[EMAIL_ADDRESS]", "id": 42}
    assert out["payment"] == {"card": "[CREDIT_CARD]", "acct": "[US_BANK_NUMBER]"}
    assert out["items"] == [{"sku": "536-22-1234"}, "call [PHONE_NUMBER]"]
    assert out["ts"] == "2026-11-25T02:25:13Z" and out["ok"] is True and out["n"] is None
    by_path = {e["path"]: e for e in r.entities}
    assert set(by_path) == {"user.email", "payment.card", "payment.acct", "items[1]"}
    # offsets index the raw input line
    assert doc[by_path["user.email"]["start"]:by_path["user.email"]["end"]] == "ann@example.org"
    assert doc[by_path["payment.acct"]["start"]:by_path["payment.acct"]["end"]] == "12345678"
    assert doc[by_path["items[1]"]["start"]:by_path["items[1]"]["end"]] == "+44 20 7946 0958"


def test_json_offsets_with_escapes(processor):
    doc = r'{"note": "caf\u00e9 \"x\" mail me: a.b@corp.io\n", "k": "\ud83d\ude00 536-22-1234"}'
    r = processor.process([doc.encode()], "json")[0]
    ents = {e["path"]: e for e in r.entities}
    assert doc[ents["note"]["start"]:ents["note"]["end"]] == "a.b@corp.io"
    assert doc[ents["k"]["start"]:ents["k"]["end"]] == "536-22-1234"
    out = orjson.loads(r.to_json())["redacted"]
    assert out == {"note": 'café "x" mail me: [EMAIL_ADDRESS]\n', "k": "\U0001F600 [US_SSN]"}


# A JSON string with escapes: entity offsets index the RAW line, so every escape before the value
# shifts it and an escape inside it widens it. Expected spans counted by hand, character by
# character; the rules scorer keeps the detection itself fixed.
ESCAPED = [
    # value ends in an escape, right after the entity
    (r'{"a": "x@y.org\n"}', [("EMAIL_ADDRESS", 7, 14, "x@y.org")], r'{"a": "[EMAIL_ADDRESS]\n"}'),
    (r'{"a": "536-22-1234\""}', [("US_SSN", 7, 18, "536-22-1234")], r'{"a": "[US_SSN]\""}'),
    (r'{"a": "ssn 536-22-1234\\"}', [("US_SSN", 11, 22, "536-22-1234")], r'{"a": "ssn [US_SSN]\\"}'),
    # \u00e9 before / after the value
    (r'{"a": "caf\u00e9 ann@example.org"}', [("EMAIL_ADDRESS", 17, 32, "ann@example.org")],
     '{"a": "café [EMAIL_ADDRESS]"}'),
    (r'{"a": "ann@example.org caf\u00e9"}', [("EMAIL_ADDRESS", 7, 22, "ann@example.org")],
     '{"a": "[EMAIL_ADDRESS] café"}'),
    # a surrogate pair (one decoded character, twelve raw ones) before the value
    (r'{"a": "\ud83d\ude00 ssn 536-22-1234"}', [("US_SSN", 24, 35, "536-22-1234")],
     '{"a": "\U0001F600 ssn [US_SSN]"}'),
    # escapes before the value, the value reaching the end of the string
    (r'{"a": "\t\"ann@example.org"}', [("EMAIL_ADDRESS", 11, 26, "ann@example.org")],
     r'{"a": "\t\"[EMAIL_ADDRESS]"}'),
    # the entity itself ends in (or holds) an escape: the span covers the raw escape
    (r'{"a": "ann@example.or\u0067"}', [("EMAIL_ADDRESS", 7, 27, r"ann@example.or\u0067")],
     '{"a": "[EMAIL_ADDRESS]"}'),
    (r'{"a": "ssn 536-22-123\u0034"}', [("US_SSN", 11, 27, r"536-22-123\u0034")], '{"a": "ssn [US_SSN]"}'),
    (r'{"a": "ann\u0040example.org"}', [("EMAIL_ADDRESS", 7, 27, r"ann\u0040example.org")],
     '{"a": "[EMAIL_ADDRESS]"}'),
    # the value ends in an escape that is the entity's last character (a secret runs to the end)
    (r'{"password": "hunter22\""}', [("SECRET", 14, 24, r'hunter22\"')], '{"password": "[SECRET]"}'),
    (r'{"a": "password=hunter22\\"}', [("SECRET", 16, 26, r"hunter22\\")], '{"a": "password=[SECRET]"}'),
    (r'{"a": "password=hunter\/"}', [("SECRET", 16, 24, r"hunter\/")], '{"a": "password=[SECRET]"}'),
    (r'{"a": "password=hunter22\u00e9"}', [("SECRET", 16, 30, r"hunter22\u00e9")],
     '{"a": "password=[SECRET]"}'),
    (r'{"a": "password=hunter22\ud83d\ude00"}', [("SECRET", 16, 36, r"hunter22\ud83d\ude00")],
     '{"a": "password=[SECRET]"}'),
    # several values, escapes in each; the untouched value keeps its escapes byte for byte
    (r'{"k": "\u00e9\u00e9", "a": "x@y.org\n", "b": "\ud83d\ude00 8.8.8.8 \u00e9"}',
     [("EMAIL_ADDRESS", 28, 35, "x@y.org"), ("IP_ADDRESS", 59, 66, "8.8.8.8")],
     '{"k": "\\u00e9\\u00e9", "a": "[EMAIL_ADDRESS]\\n", "b": "\U0001F600 [IP_ADDRESS] é"}'),
]


@pytest.mark.parametrize("doc,want,redacted", ESCAPED)
def test_json_offsets_exact_around_escapes(doc, want, redacted):
    from piistream.models.detector import Detector, make_scorer
    p = Processor(Detector(scorer=make_scorer("rules")))
    r = p.process([doc.encode()], "json")[0]
    assert r.error is None
    assert [(e["type"], e["start"], e["end"]) for e in r.entities] == [w[:3] for w in want]
    assert [doc[e["start"]:e["end"]] for e in r.entities] == [w[3] for w in want]
    assert r.redacted == redacted


def test_json_key_path_is_context(processor):
    assert ("US_SSN", "536221234") in found(processor, '{"applicant": {"ssn": "536221234"}}', "json")
    assert found(processor, '{"order": {"id": "536221234"}}', "json") == set()
    assert ("SECRET", "hunter22") in found(processor, '{"password": "hunter22"}', "json")


def test_json_duplicate_keys_and_odd_keys(processor):
    doc = '{"a.b": "x@y.org", "c": "1", "c": "ann@example.org", "": [1, "8.8.8.8"]}'
    r = processor.process([doc.encode()], "json")[0]
    got = {(e["path"], doc[e["start"]:e["end"]]) for e in r.entities}
    assert got == {('["a.b"]', "x@y.org"), ("c", "ann@example.org"), ('[""][1]', "8.8.8.8")}


def test_walk_and_raw_leaves_agree():
    doc = '{"a": [1, 2345, {"b": "x", "c": [true, "y"]}], "d": -12345.5, "e": 123456}'
    paths = [p for p, _, _ in walk_json(json.loads(doc))]
    assert paths == ["a[1]", "a[2].b", "a[2].c[1]", "e"]
    jd = json_leaves(doc)
    # spans worked out by hand (a string's span includes its quotes); every key is a leaf; "a[0]"
    # (a small integer) and "d" (a fraction) are not scanned
    assert list(zip(jd.kind, jd.start, jd.end, jd.text, jd.context)) == [
        (KEY, 1, 4, "a", ""), (NUMBER, 10, 14, "2345", "a[1]"), (KEY, 17, 20, "b", ""),
        (STRING, 22, 25, "x", "a[2].b"), (KEY, 27, 30, "c", ""),
        (STRING, 39, 42, "y", "a[2].c[1]"), (KEY, 47, 50, "d", ""), (KEY, 62, 65, "e", ""),
        (NUMBER, 67, 73, "123456", "e")]
    assert {json.loads(doc[s:e]) for s, e in zip(jd.start, jd.end)} == {
        "a", 2345, "b", "x", "c", "y", "d", "e", 123456}


def test_bad_input_gives_one_error_per_record(processor):
    raws = [b"\xff\xfe bad", b"a\x00b", Oversize(10 << 20), b"fine 536-22-1234", b""]
    res = processor.process(raws)
    assert [r.error.split(":")[0] if r.error else None for r in res] == \
        ["invalid_utf8", "nul_byte", "oversize", None, None]
    assert res[3].redacted == "fine [US_SSN]" and res[4].redacted == ""
    for r in res[:3]:
        assert orjson.loads(r.to_json()) == {"redacted": None, "entities": [], "error": r.error}
    jres = processor.process([b"{bad", b"[1, 2", b"", b'{"ok": "x@y.org"}'], "json")
    assert [r.error.split(":")[0] if r.error else None for r in jres] == \
        ["invalid_json", "invalid_json", "invalid_json", None]


def test_error_messages_never_echo_the_record(processor):
    raws = [b"536-22-1234 \xff", b"536-22-1234\x00", b'{"ssn": "536-22-1234"']
    text = processor.process(raws, "text")
    assert [r.error for r in text] == ["invalid_utf8: invalid start byte at byte 12",
                                       "nul_byte: NUL character at offset 11", None]
    assert text[2].redacted == '{"ssn": "[US_SSN]"'  # as text, the broken JSON is just a line
    js = processor.process(raws, "json")
    assert [r.error for r in js] == ["invalid_utf8: invalid start byte at byte 12",
                                     "nul_byte: NUL character at offset 11",
                                     "invalid_json: unexpected end of data: line 1 column 22 (char 21)"]
    for r in text[:2] + js:
        assert r.redacted is None and r.entities == []
        assert "536" not in r.error and "1234" not in r.error
        assert b"536" not in r.to_json()


def test_value_found_once_is_redacted_everywhere_in_the_record():
    from piistream.models.detector import Detector, make_scorer
    p = Processor(Detector(scorer=make_scorer("rules")))  # the rules leave "order ref ..." alone
    r = p.process([b"ssn 536-22-1234; order ref 536-22-1234"])[0]
    assert "536-22-1234" not in r.redacted
    assert [e["stage"] for e in r.entities] == ["rules", "propagated"]


def test_operators():
    red = Redactor({"US_SSN": "mask", "EMAIL_ADDRESS": "drop", "CREDIT_CARD": "keyed"},
                   hmac_key=b"0123456789abcdef0123", key_id="k7")
    p = Processor(redactor=red)
    a, b = p.process([b"ssn 536-22-1234 mail a@b.io card 4111 1111 1111 1111",
                      b"card 4111-1111-1111-1111"])
    assert a.redacted.startswith("ssn ***-**-1234 mail  card [CREDIT_CARD:k7:")
    tok_a = a.redacted.split("card ")[1]
    tok_b = b.redacted.split("card ")[1]
    assert tok_a == tok_b and len(tok_a) == len("[CREDIT_CARD:k7:]") + 16  # same value, same token
    other = Redactor({"CREDIT_CARD": "keyed"}, hmac_key=b"another-key-another-key")
    assert other.token("CREDIT_CARD", "4111111111111111") != tok_a


def test_operator_config_errors():
    with pytest.raises(ConfigError, match="HMAC key"):
        Redactor({"US_SSN": "keyed"})
    with pytest.raises(ConfigError, match="NOPE"):
        Redactor({"NOPE": "type"})
    with pytest.raises(ConfigError, match="'blur'"):
        Redactor({"US_SSN": "blur"})


def test_batch_equals_one_by_one(processor):
    lines = [b"a 536-22-1234", b"nothing here", b"x@y.org and 8.8.8.8", b"\xff", b"acct=12345678"]
    batch = [r.to_json() for r in processor.process(lines)]
    single = [processor.process([x])[0].to_json() for x in lines]
    assert batch == single


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_result_does_not_depend_on_batch_composition(processor, fmt):
    """Segments are joined into one string per batch: no pattern may see across a boundary.
    (Regression: "...Qv" ending one record made the next record's leading IP look like "v1.2.3.4".)"""
    import random

    from piistream.train.data import generate

    recs = [r.text.encode() for r in generate(600, seed=11, pii_rate=0.5) if (r.fmt == "json") == (fmt == "json")]
    recs += [b"", b"\xc3\x28", b"a\x00b", b"tail v", b"ends with key=", b"user:"]
    if fmt == "json":
        recs[-3:] = [b'"tail v"', b'{"k": "key="}', b'["user:"]']
    single = [processor.process([x], fmt)[0].to_json() for x in recs]
    rng = random.Random(5)
    for _ in range(4):
        idx = list(range(len(recs)))
        rng.shuffle(idx)
        size = rng.randint(2, 64)
        for i in range(0, len(idx), size):
            chunk = idx[i:i + size]
            got = processor.process([recs[j] for j in chunk], fmt)
            assert [g.to_json() for g in got] == [single[j] for j in chunk]
    for edge in recs[-6:]:  # every record right after each edge case
        got = processor.process([x for r in recs[:-6] for x in (edge, r)], fmt)
        assert [g.to_json() for g in got[1::2]] == single[:-6]


def test_disputes_are_uncertain_even_where_the_band_is_empty():
    from piistream.models.recognizers.base import Candidate
    from piistream.models.scoring import CLEAN, PII, UNCERTAIN, Thresholds, decide

    th = {"IP_ADDRESS": Thresholds(lo=0.2, hi=0.2), "US_SSN": Thresholds(lo=0.1, hi=0.5)}
    c = Candidate(0, 7, "IP_ADDRESS", 0.9, 0.9, True, "ok", score=0.2, stage="disputed")
    assert decide(th, c) == UNCERTAIN          # the score alone would read as PII
    c.stage = "charcnn"
    assert decide(th, c) == PII
    c.score = 0.1
    assert decide(th, c) == CLEAN
    assert decide(th, Candidate(0, 9, "US_SSN", 0.9, 0.9, True, "ok", score=0.3, stage="charcnn")) == UNCERTAIN


def test_eval_boundaries_count_over_redaction_that_overlap_matching_hides():
    from piistream.train.evaluate import boundaries, span_quality

    gold = [[(5, 15, "EMAIL_ADDRESS")], [(0, 4, "US_SSN")]]
    found = [[{"start": 0, "end": 15, "type": "EMAIL_ADDRESS"}],   # "user=" eaten: 5 chars too many
             [{"start": 0, "end": 4, "type": "US_SSN"}, {"start": 9, "end": 12, "type": "US_SSN"}]]
    q = span_quality(gold, found)
    assert q["micro"]["recall"] == 1.0 and q["micro"]["precision"] == 2 / 3  # overlap counts as found
    b = boundaries(gold, found)
    assert b == {"spans": 2, "exact": 0.5, "outside": 5 / 19}
    assert q["_boundaries"] == b


def test_entity_fields_are_the_ones_records_copies():
    """``records._shifted``/``_spanning`` build an ``Entity`` field by field (``copy.copy`` was
    2 us each); a new field must be added there too."""
    from dataclasses import fields

    from piistream.models.detector import Entity

    assert [f.name for f in fields(Entity)] == ["start", "end", "type", "score", "stage",
                                                 "decision", "doubt", "kind"]
    from piistream.models.records import _shifted, _spanning

    e = Entity(3, 9, "US_SSN", 0.9, "rules", "pii", True, "k")
    assert _shifted(e, 4) == Entity(7, 13, "US_SSN", 0.9, "rules", "pii", True, "k")
    assert _spanning(e, 1, 2, False) == Entity(1, 2, "US_SSN", 0.9, "rules", "pii", False, "k")


def test_escape_offsets_are_the_character_walks():
    """``_decoded_to_raw`` maps decoded characters to raw offsets a run at a time; it must give
    the per-character walk's answer (kept here as the reference), for bodies written by
    ``json.dumps`` with and without ``ensure_ascii`` (surrogate pairs, lone surrogates, control
    characters, quotes and backslashes), and each offset must start the raw form of its
    character."""
    import json
    import random

    from piistream.models.records import _decoded_to_raw

    def walk(raw_inner):
        out, i, n = [], 0, len(raw_inner)
        while i < n:
            out.append(i)
            if raw_inner[i] == "\\":
                if raw_inner[i + 1] == "u":
                    cp = int(raw_inner[i + 2:i + 6], 16)
                    if 0xD800 <= cp < 0xDC00 and raw_inner.startswith("\\u", i + 6):
                        lo = int(raw_inner[i + 8:i + 12], 16)
                        i += 12 if 0xDC00 <= lo < 0xE000 else 6
                    else:
                        i += 6
                else:
                    i += 2
            else:
                i += 1
        out.append(n)
        return out

    rng = random.Random(19)
    alphabet = ["a", "Z", "0", " ", "\\", '"', "\n", "\t", "\x01", "é", "€", "😀", "\ud83d",
                "\ude00", "\u2028", "/"]
    for _ in range(4000):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
        for ascii_only in (True, False):
            try:
                body = json.dumps(value, ensure_ascii=ascii_only)[1:-1]
            except UnicodeEncodeError:
                continue
            got = _decoded_to_raw(body)
            assert got == walk(body), body
            decoded = json.loads('"' + body + '"')
            assert len(got) == len(decoded) + 1
    assert _decoded_to_raw(r"a\nb\ud83d\ude00c\\") == [0, 1, 3, 4, 16, 17, 19]


def test_runs_of_closing_brackets_read_as_one_token_each_closing_one(monkeypatch):
    """``json_leaves`` reads "]]}]" as one token that closes four containers; on random nested
    documents (arrays and objects mixed, closers with and without white space between them) it
    gives exactly what the one-bracket-a-token reading gives, and every string and 4+ digit
    number sits under the path ``walk_json`` gives it."""
    import random
    import re

    from piistream.models import records

    rng = random.Random(21)

    def value(depth):
        r = rng.random()
        if depth > 0 and r < 0.6:
            if rng.random() < 0.5:
                return [value(depth - 1) for _ in range(rng.randrange(0, 4))]
            return {rng.choice(["a", "b", "ssn", "k1", "x y"]) + str(rng.randrange(9)): value(depth - 1)
                    for _ in range(rng.randrange(0, 4))}
        return rng.choice(["536-90-4399", "x", 12345678, 7, True, None, "a\\nb"])

    one_each = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]]|-?[0-9][-+.0-9eE]*|true|false|null')

    def fields(jd):
        return list(zip(jd.kind, jd.start, jd.end, jd.text, jd.context, jd.box, jd.comp)), \
            list(zip(jd.box_parent, jd.box_comp))

    runs = 0
    for i in range(600):
        v = value(rng.randrange(1, 9))
        doc = json.dumps(v, indent=rng.choice([None, 1])) if i % 2 else json.dumps(v, separators=(",", ":"))
        runs += bool(re.search(r"[\]}]{2}", doc))
        got = fields(records.json_leaves(doc))
        with monkeypatch.context() as m:
            m.setattr(records, "_TOKEN", one_each)
            assert got == fields(records.json_leaves(doc)), doc
        want = [p for p, _, _ in walk_json(v)]
        assert [c for k, c in zip(records.json_leaves(doc).kind, records.json_leaves(doc).context)
                if k != KEY] == [p[-records.KEY_CONTEXT:] for p in want], doc
    assert runs > 100


# -- the parsed reading of a document (``parsed_leaves``) against its raw tokens ----------------

def test_the_parsed_reading_of_a_document_gives_the_raw_tokens_leaves():
    """``parsed_leaves`` reads the kinds, texts and contexts of ``json_leaves`` from the parsed
    document: on random documents written as people and programs write them (the name/value,
    flag and pair idioms, escapes, numbers of every form, duplicate keys, deep nesting) it
    gives exactly those, or None where it cannot promise them (a duplicate key, an integral
    float of 4+ digits, a document deeper than ``MAX_JSON_DEPTH``)."""
    import random

    from piistream.models import records

    rng = random.Random(23)
    keys = ["name", "value", "Key", "Value", "label", "answer", "type", "ssn", "a", "x y", "é",
            "line\\nbreak", "q\\\"uote", "v", "k"]
    strings = ["536-90-4399", "DB_PASSWORD", "--password", "-p", "ssn", "", "x" * 70, "a\\nb",
               "\\u00e9t\\u00e9", "\\ud83d\\ude00", "tab\\there", "-", "--", "Social Security Number",
               "4111111111111111", "sl\\/ash"]
    numbers = ["536904399", "-536904399", "536904399.0", "5.36904399e8", "1234", "999", "-0",
               "12.5", "1e3", "1E+3", "123456789012345678901234567890", "0.1", "1000.0000000000001",
               "18446744073709551615", "1.5e2", "true", "false", "null"]

    def value(depth: int) -> str:
        r = rng.random()
        if depth > 0 and r < 0.55:
            if rng.random() < 0.5:
                return "[" + ", ".join(value(depth - 1) for _ in range(rng.randrange(0, 5))) + "]"
            members = [f'"{rng.choice(keys)}": {value(depth - 1)}' for _ in range(rng.randrange(0, 5))]
            return "{" + ",".join(members) + "}"
        if r < 0.8:
            return '"' + rng.choice(strings) + '"'
        return rng.choice(numbers)

    seen = {"fast": 0, "none": 0, "dup": 0, "float": 0}
    for i in range(3000):
        doc = value(rng.randrange(0, 7))
        obj = orjson.loads(doc)
        got = records.parsed_leaves(doc, obj)
        full = records.json_leaves(doc)
        if got is None:
            seen["none"] += 1
            continue
        seen["fast"] += 1
        assert got.lazy and not got.start
        assert (list(got.kind), got.text, got.context) == (list(full.kind), full.text, full.context), doc
    # the cases that must fall back, each seen
    assert records.parsed_leaves('{"a": "1", "a": "2"}', orjson.loads('{"a": "1", "a": "2"}')) is None
    assert records.parsed_leaves('{"a\\"": 1, "a\\"": 2}', orjson.loads('{"a\\"": 1, "a\\"": 2}')) is None
    for doc in ('{"n": 536904399.0}', '[5.36904399e8]', '123456789012345678901234567890'):
        assert records.parsed_leaves(doc, orjson.loads(doc)) is None, doc
    deep = "[" * records.MAX_JSON_DEPTH + "]" * records.MAX_JSON_DEPTH
    assert records.parsed_leaves(deep, orjson.loads(deep)) is not None
    deeper = "[" * (records.MAX_JSON_DEPTH + 1) + "]" * (records.MAX_JSON_DEPTH + 1)
    assert records.parsed_leaves(deeper, orjson.loads(deeper)) is None
    assert seen["fast"] > 1500 and seen["none"] > 100, seen


def test_a_parsed_document_with_findings_is_redacted_at_its_raw_offsets():
    """A document read from its parsed form is read again for its offsets when it has a
    finding: escapes and an integral float elsewhere keep every offset and path exact."""
    proc = Processor()
    doc = '{"note": "caf\\u00e9 \\"x\\"", "user": {"ssn": "536-90-4399", "id": 12345}, "tags": ["-p", "s3cr3t-Pa55word!"]}'
    r = proc.process([doc.encode()], "json")[0]
    got = [(e["type"], e["path"], doc[e["start"]:e["end"]]) for e in r.entities]
    assert ("US_SSN", "user.ssn", "536-90-4399") in got, got
    assert json.loads(r.redacted)["user"]["ssn"] != "536-90-4399"
    assert json.loads(r.redacted)["note"] == 'café "x"'
