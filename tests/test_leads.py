"""The compiled lead index (``recognizers.leads``, Hyperscan) gives exactly the matches and
candidates of the reference path (``pattern.finditer`` over the batch): on the behaviour
corpora, on Latin-1 and other Unicode batches, and on generated text dense with leads."""
from __future__ import annotations

import gzip
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from piistream.models.recognizers import all_recognizers, leads
from piistream.models.recognizers.base import Batch

pytestmark = pytest.mark.skipif(leads.hyperscan is None, reason="no hyperscan wheel here")

DATA = os.path.join(os.path.dirname(__file__), "data", "behaviour")
RECOGNIZERS = all_recognizers()


def _lines(name: str, n: int) -> list[str]:
    with gzip.open(os.path.join(DATA, name), "rt", encoding="utf-8") as f:
        return f.read().splitlines()[:n]


def _candidates(segments: list[str], enabled: bool) -> list[tuple]:
    old = leads.enabled
    leads.enabled = enabled
    try:
        batch = Batch(segments)
        out = []
        for r in RECOGNIZERS:
            for c in r.find(batch):
                out.append((c.type, c.start, c.end, c.kind, c.prior, c.ctx_score, c.valid,
                            c.reason, c.decisive))
        return sorted(out)
    finally:
        leads.enabled = old


class _Recorder:
    """Every (pattern, lower, lead) a batch is scanned with."""

    def __init__(self):
        self.calls: set = set()
        self._orig = Batch.scan

    def __enter__(self):
        rec, orig = self, self._orig

        def scan(batch, pattern, lower=False, lead=None):
            rec.calls.add((pattern, lower, lead))
            return orig(batch, pattern, lower, lead)
        Batch.scan = scan
        return self

    def __exit__(self, *exc):
        Batch.scan = self._orig


def _spans(ms):
    return [(m.start(), m.end(), m.groups()) for m in ms]


@pytest.mark.parametrize("corpus", ["corpus-text.txt.gz", "corpus-json.jsonl.gz"])
def test_corpus_matches_and_candidates_equal_the_reference(corpus):
    lines = _lines(corpus, 3000)
    batches = [lines[i:i + 256] for i in range(0, len(lines), 256)]
    with _Recorder() as rec:
        for b in batches:
            _candidates(b, True)  # registers every lead, then each batch's index has them all
        for b in batches:
            assert _candidates(b, True) == _candidates(b, False)
    assert len(rec.calls) > 40  # the keyword, vendor-prefix and shape scans of every family
    with_lead = 0
    for b in batches:
        batch = Batch(b)
        for pattern, lower, lead in rec.calls:
            text = batch.lower if lower else batch.text
            at = batch._lead_positions(pattern, lower, lead)
            if at is not None:
                with_lead += 1
            assert _spans(batch.scan(pattern, lower, lead)) == _spans(pattern.finditer(text)), \
                (pattern.pattern, lower, lead)
    assert with_lead > 30 * len(batches)  # most scans went through the index


# text dense with leads and near-misses: credential words, vendor heads, quoted tokens, IBAN-ish
# heads, separators, Latin-1 and other scripts, digits of other scripts (which Python's \d reads)
_PIECES = ["token", "TOKEN", "password=", "pass", "key", "secret", "AKIA", "ASIA", "AIza", "eyJ",
           "ghp_", "glpat-", "xoxb-", "sk-", "SG.", "Q~", "==", ":A", "://", "sig=", "-----BEGIN",
           '"', "'", "_", "-", ".", "|", "GB82WEST12345698765432", "gb82", "DE89", "nl91abna",
           "0417164300", "ABCDEFGHIJ", "abcdefghij0123456789", "0123456789", " ", "=", ":",
           "é", "ÿ", "İ", "…", "\u200b", "ｔｏｋｅｎ", "K", "/", "@", "x", "٣٤", "３", "日本", "de٣",
           "\U0001d7ce"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join), min_size=1,
                max_size=6))
def test_generated_text_same_candidates_either_path(segments):
    _candidates(segments, True)  # leads registered (the first batch of a process: reference)
    assert _candidates(segments, True) == _candidates(segments, False)


_SOME_LEADS = (r"token", r"[A-Za-z]{2}\d\d", r'"[A-Za-z0-9+/_\-]{20}', r"A[KSBC][IC]A", r"==",
               r"_[A-Za-z0-9][A-Za-z0-9_\-.=]{11}", r"[^a-z]\d", r"x0")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
def test_lead_positions_are_every_occurrence(text):
    for lead in _SOME_LEADS:
        i = leads.register(lead, False)
        idx = leads.index(text, False)
        assert idx is not None
        ref = leads.reference_positions(text, lead)
        if lead == "x0":  # a literal "0": also where a digit of another script is ("x٣")
            assert set(ref) <= set(idx[i])
            assert idx[i] == leads.reference_positions(re.sub(r"(?![0-9])\d", "0", text), lead)
        else:
            assert idx[i] == ref, lead


def test_other_scripts_are_read_through_placeholders():
    # one byte per character (offsets stay character offsets); digits of other scripts are
    # "0" (Python's \d matches them), every other character beyond Latin-1 is 0xFF
    assert leads._placeheld("a日é٣３\U0001d7ceb") == b"a\xff\xe9000b"
    text = "日本 de٣٤ x\u202e token=١٢ DE89"
    for lead in _SOME_LEADS:
        leads.register(lead, False)
    idx = leads.index(text, False)
    i = leads.register(r"[A-Za-z]{2}\d\d", False)
    assert idx[i] == [3, 20] == leads.reference_positions(text, r"[A-Za-z]{2}\d\d")
    assert idx[leads.register(r"token", False)] == [11]
    assert idx[leads.register(r"[^a-z]\d", False)] == \
        leads.reference_positions(text, r"[^a-z]\d") == [5, 16, 17, 21, 22]


def test_overlapping_occurrences_and_a_match_that_covers_later_leads():
    # "==" occurs at 0, 1 and 2 in "===="; the match at 0 covers the next: finditer's answer
    pat = re.compile(r"==(?:=*)")
    batch = Batch(["a====b", "==x=="])
    _ = batch._lead_positions(pat, False, None)  # registers "=="
    batch = Batch(["a====b", "==x=="])
    assert batch._lead_positions(pat, False, None) == [1, 2, 3, 7, 10]
    assert _spans(batch.scan(pat)) == _spans(pat.finditer(batch.text)) == \
        [(1, 5, ()), (7, 9, ()), (10, 12, ())]


def test_a_batch_of_any_script_is_indexed():
    pat = re.compile(r"token=\w+")
    Batch(["token=a"]).scan(pat)
    batch = Batch(["token=abc", "日本 token=def"])
    assert batch._lead_positions(pat, False, None) == [0, 13]
    assert [m.group() for m in batch.scan(pat)] == ["token=abc", "token=def"]
    latin = Batch(["token=abc", "café token=déf"])
    assert latin._lead_positions(pat, False, None) == [0, 15]
    assert [m.group() for m in latin.scan(pat)] == ["token=abc", "token=déf"]


def test_a_lead_newer_than_the_batch_index_is_read_the_reference_way():
    batch = Batch(["x newlead42 y"])
    first = re.compile(r"xy-first-lead\d*")
    batch.scan(first)  # builds this batch's index without the next lead
    late = re.compile(r"newlead42\w*")
    assert batch._lead_positions(late, False, None) is None  # not in this batch's index
    assert [m.span() for m in batch.scan(late)] == [(2, 11)]
    assert Batch(["x newlead42 y"])._lead_positions(late, False, None) == [2]  # the next one has it


@pytest.mark.parametrize("lead,why", [(".", "differs"), (r"\w\w", "differs"), (r"\bab", "differs"),
                                      ("a+", "fixed-width"), ("(?=a)b", "differs"),
                                      ("é", "ASCII"), ("a|bc", "fixed-width")])
def test_leads_that_would_mean_something_else_in_hyperscan_are_refused(lead, why):
    with pytest.raises(ValueError, match=why):
        leads.width(lead)


def test_widths():
    assert leads.width(r"A[KSBC][IC]A") == 4
    assert leads.width(r"[A-Za-z]{2}\d\d") == 4
    assert leads.width(r'"[A-Za-z0-9+/_\-]{20}') == 21
    assert leads.width(r"A(?:BSKQ|Izax)") == 5


def test_config_switches_the_index_off_and_the_output_stays_the_same():
    from piistream.cascade import build
    from piistream.config import load_config

    lines = _lines("corpus-text.txt.gz", 600)
    outs = {}
    try:
        for flag in ("true", "false"):
            cfg = load_config(None, env={"PIISTREAM_DETECTOR_LEADS": flag,
                                         "PIISTREAM_DETECTOR_SCORER": "rules"})
            cascade = build(cfg)
            assert leads.enabled is (flag == "true")
            det = cascade.processor.detector
            outs[flag] = [[(e.start, e.end, e.type, e.kind, e.decision) for e in ents]
                          for ents in det.detect(lines)]
    finally:
        leads.enabled = leads.hyperscan is not None
    assert outs["true"] == outs["false"]
    assert sum(map(len, outs["true"])) > 100


REAL = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpora", "real-logs",
                    "lines.jsonl.gz")


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists(REAL), reason="the shared real-log corpus is not beside the repo")
def test_real_log_corpus_same_candidates_either_path():
    import json
    with gzip.open(REAL, "rt", encoding="utf-8") as f:
        lines = [json.loads(x)["text"].replace("\r", " ").replace("\n", " ") for x in f]
    batches = [lines[i:i + 256] for i in range(0, len(lines), 256)]
    _candidates(batches[0], True)
    total = 0
    for b in batches:
        got = _candidates(b, True)
        assert got == _candidates(b, False)
        total += len(got)
    assert total > 20_000  # 26,076 candidates in the 45,642 lines (2026-12-03)


def test_positions_across_the_compiled_scan_pieces():
    # leads that straddle a piece boundary, or start in the overlap, are found exactly once
    c = leads.CHUNK
    text = ("x" * (c - 3) + "token" + "=" * 9 + "ab12" + "y" * (c - 20) + "AKIA" + "tok" + "en" +
            "==" + "cd34" + "z" * 50)
    for lead in (r"token", r"==", r"[A-Za-z]{2}\d\d", r"A[KSBC][IC]A", r'"[A-Za-z0-9+/_\-]{20}'):
        i = leads.register(lead, False)
        idx = leads.index(text, False)
        assert idx is not None and idx[i] == leads.reference_positions(text, lead), lead
    batch = Batch([text[:c + 5], text[c + 5:]])
    pat = re.compile(r"token=*")
    assert _spans(batch.scan(pat)) == _spans(pat.finditer(batch.text))


def test_a_pattern_that_is_only_a_literal_is_found_by_finditer():
    """A pure literal as short as "::" gains nothing from a lead (frequent, and its lead is
    the whole match): ``scan`` takes the reference path for it, with the same matches."""
    pat = re.compile(r"::")
    batch = Batch(["a::b", ":::: x ::"])
    assert batch._lead_positions(pat, False, None) is None
    assert [m.span() for m in batch.scan(pat)] == [m.span() for m in pat.finditer(batch.text)] \
        == [(1, 3), (5, 7), (7, 9), (12, 14)]
    assert batch._lead_positions(re.compile(r"::\w"), False, None) == [1, 5, 6, 7, 12]


@pytest.mark.skipif(not leads.enabled, reason="no Hyperscan on this machine")
def test_a_longer_literal_is_a_lead_with_the_same_matches():
    """A literal of MIN_WHOLE characters or more ("senha", "ldap") is looked up in the index:
    one pass for all of them instead of a pass each. Overlapping occurrences ("aaa" in
    "aaaaaaa") give finditer's non-overlapping matches."""
    for lit in ("aaa", "senha", "nhas"):
        leads.register(lit, False)  # (a lead registered after a batch's index is not in it)
    batch = Batch(["aaaaaaa senha", "x senhasenha aaa"])
    for lit in ("aaa", "senha", "nhas"):
        pat = re.compile(lit)
        assert batch._lead_positions(pat, False, None) == leads.reference_positions(batch.text, lit)
        assert [m.span() for m in batch.scan(pat)] == [m.span() for m in pat.finditer(batch.text)], lit
    assert [m.span() for m in batch.scan(re.compile("aaa"))] == [(0, 3), (3, 6), (27, 30)]


_WARM = r"""
import gzip, json, os, sys
from piistream.models.detector import Detector, make_scorer
from piistream.models.records import Processor
from piistream.models import scoring
from piistream.models.recognizers import leads
from piistream.models.recognizers import phone_number
det = Detector(scorer=make_scorer("rules"))
before = {side: set(s.leads) for side, s in leads._SIDES.items()}
canon = len(scoring._CANON)
nanp = phone_number._compiled.cache_info().currsize
proc = Processor(det)
for name, fmt in (("corpus-text.txt.gz", "text"), ("corpus-json.jsonl.gz", "json")):
    with gzip.open(os.path.join(sys.argv[1], name), "rb") as f:
        lines = f.read().splitlines()[:3000]
    for i in range(0, len(lines), 256):
        proc.process(lines[i:i + 256], fmt)
late = sorted(l for side, s in leads._SIDES.items() for l in set(s.leads) - before[side])
print(json.dumps({"late": late, "canon": canon, "canon_after": len(scoring._CANON),
                  "recognizers": len(det.recognizers), "nanp_compiled": nanp,
                  "nanp_compiled_after": phone_number._compiled.cache_info().currsize}))
"""


def test_a_built_detector_is_warm_no_lead_or_table_is_made_during_its_batches():
    """A fresh process: building the ``Detector`` registers and compiles every lead its
    recognizers use on the behaviour corpora, makes the rules' digit tables
    (``scoring.canon_of``) and compiles the phone regions' patterns (``Recognizer.warm``), so
    none is made while batches run (a late lead recompiles the
    whole database, 45 ms; a digit table takes about 5 ms per recognizer)."""
    import json
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-c", _WARM, DATA], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["late"] == []
    assert got["canon"] == got["recognizers"] == got["canon_after"]
    assert got["nanp_compiled"] == got["nanp_compiled_after"] > 0
