"""The feedback loop (``piistream label --from-topic/--from-file``, ``train.feedback``): harvest
from a real topic range, teacher labels with abstention, a PII-safe review sheet, a retrained
student compared with the shipped model, promotion only when it is no worse."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import orjson
import pytest

from piistream.train import feedback as fb

from streamkit import new_prefix, produce, setup_topics

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PLANTED = ["user jane.doe@example.com logged in from 81.2.69.160",
           "customer ssn=536-22-1234 card 4111 1111 1111 1111",
           "password=Hunter2secret! user=bob", "call me at +1 415 555 0132",
           "GET /api/v1/items?page=2 200 17ms", "offset=536904399 bytes=1048576"]


def test_combine_needs_two_votes_and_no_dissent():
    votes = np.array([[1, 1, 1], [1, 1, 0], [1, 0, 0], [1, 1, -1], [-1, -1, 0], [-1, 0, 0],
                      [0, 0, 0], [-1, -1, -1], [1, -1, 0]], dtype=np.int8)
    got = fb.combine(votes)
    assert [None if np.isnan(x) else int(x) for x in got] == [1, 1, None, None, 0, None, None, 0, None]
    # one member alone: its own vote
    assert [None if np.isnan(x) else int(x) for x in fb.combine(votes[:, :1], 1)] == \
        [1, 1, 1, 1, 0, 0, None, 0, 1]


def test_parse_rows_unwraps_verify_samples_by_coordinates_and_skips_bad_input():
    wrapped = orjson.dumps({"source": {"topic": "logs.raw", "partition": 3, "offset": 77},
                            "fmt": "text", "record": "ssn 536-22-1234", "headers": [], "key": None,
                            "enqueued_ms": 1, "entities": []})
    rows = [("pii.verify", 0, 0, None, wrapped, []),
            ("logs.raw", 1, 5, None, b"plain line jane@example.com", []),
            ("logs.raw", 1, 6, None, b"\xff\xfe bad utf-8", []),
            ("docs.raw", 0, 9, None, b'{"a": "b"', []),   # starts like JSON: read as text
            ("docs.raw", 0, 10, None, b'{"email": "x@y.io"}', [])]
    recs, coords, stats = fb.parse_rows(rows)
    assert [(r.text, r.fmt) for r in recs] == [("ssn 536-22-1234", "text"),
                                              ("plain line jane@example.com", "text"),
                                              ('{"a": "b"', "text"), ('{"email": "x@y.io"}', "json")]
    assert coords == [("logs.raw", 3, 77), ("logs.raw", 1, 5), ("docs.raw", 0, 9), ("docs.raw", 0, 10)]
    assert stats == {"read": 5, "sampled": 4, "skipped": 1, "unwrapped": 1}
    many = [("t", 0, i, None, b"x", []) for i in range(2000)]
    a = fb.parse_rows(many, rate=0.25)[1]
    assert a == fb.parse_rows(many, rate=0.25)[1]  # the same records every time
    assert 400 < len(a) < 600


def test_shape_and_review_sheet_never_hold_a_raw_value(tmp_path):
    assert fb.shape("jane.Doe@x.io") == "aaaa.Aaa@a.aa"
    assert fb.shape("536-22-1234") == "999-99-9999"
    recs, coords, _ = fb.parse_rows([("f", 0, i, None, t.encode(), []) for i, t in enumerate(PLANTED)])
    h = fb.harvest(recs, coords)
    assert len(h.cs) >= 7
    votes = fb.teacher_votes(h.cs, ("rules",), log=lambda s: None)
    labels = fb.combine(votes, 1)
    rows = list(fb.review_rows(h, votes, labels, ("rules",)))
    assert len(rows) == len(h.cs)
    sheet = json.dumps(rows)
    for vals in h.values:
        for v in vals:
            assert v not in sheet, "a raw value in the review sheet"
    email = next(r for r in rows if r["type"] == "EMAIL_ADDRESS")
    assert email["window"] == "user aaaa.aaa@aaaaaaa.aaa logged in from 99.9.99.999"
    assert email["source"] == {"topic": "f", "partition": 0, "offset": 0}
    assert email["label"] == 1 and email["votes"] == {"rules": 1}


def test_verdict_is_no_worse_on_every_yardstick():
    base = {"generated": {"precision": 0.9, "recall": 0.9}, "holdout": {"recall": 0.8, "precision": 0.7},
            "reallogs": {"strict_lines": 3}}
    same = json.loads(json.dumps(base))
    assert fb.verdict(base, same) == (True, [])
    worse = json.loads(json.dumps(base))
    worse["generated"]["recall"] = 0.8999
    worse["reallogs"]["strict_lines"] = 4
    ok, why = fb.verdict(base, worse)
    assert not ok and why == ["generated recall 0.8999 < shipped 0.9000",
                              "real-log strict-type lines 4 > shipped 3"]
    better = json.loads(json.dumps(base))
    better["holdout"]["recall"] = None  # no teacher positives held out: that yardstick is absent
    assert fb.verdict(base, better) == (True, [])


@pytest.mark.slow
def test_label_from_topic_retrains_compares_and_promotes_only_when_no_worse(kafka, tmp_path):
    prefix = new_prefix()
    setup_topics(kafka.bootstrap, prefix)
    topic = prefix + "pii.verify"
    wrapped = [orjson.dumps({"source": {"topic": prefix + "logs.raw", "partition": 0, "offset": i},
                             "fmt": "text", "record": t, "headers": [], "key": None,
                             "enqueued_ms": 1, "entities": []}) for i, t in enumerate(PLANTED)]
    produce(kafka.bootstrap, topic, [(None, v) for v in wrapped] + [(None, b"\xff bad")])
    out, promoted, report = tmp_path / "model", tmp_path / "promoted", tmp_path / "r.json"
    promoted.mkdir()
    review = tmp_path / "review.jsonl"
    p = subprocess.run([sys.executable, "-m", "piistream", "label", "--from-topic", topic,
                        "--broker", kafka.bootstrap, "--teacher", "rules,seed", "--review", str(review),
                        "--retrain", str(out), "--n-train", "400", "--n-val", "200", "--epochs", "1",
                        "--n-eval", "100", "--no-real", "--no-quantize", "--promote",
                        "--promote-to", str(promoted), "--json", str(report)],
                       cwd=ROOT, capture_output=True, timeout=600)
    err = p.stderr.decode()
    rep = json.loads(report.read_text())
    assert rep["harvest"] == {"read": 7, "sampled": 6, "skipped": 1, "unwrapped": 6}, err[-2000:]
    assert rep["candidates"] >= 7 and sum(rep["labels"].values()) == rep["candidates"]
    cmp = rep["compare"]
    assert cmp["shipped"]["version"].startswith("charcnn-lean@")
    assert cmp["new"]["version"].startswith("charcnn-lean@")
    assert cmp["new"]["version"] != cmp["shipped"]["version"]  # other weights, another version
    assert os.path.exists(out / "charcnn-lean.onnx")
    # promotion follows the verdict: files copied and exit 0, or nothing copied and exit 1
    if cmp["verdict"]:
        assert p.returncode == 0 and sorted(os.listdir(promoted)) == ["charcnn-lean.json", "charcnn-lean.onnx"]
    else:
        assert p.returncode == 1 and os.listdir(promoted) == [] and rep["promoted"] == []
        assert "not promoted" in err
    # PII-safe: no planted value in the review sheet, the report or the log
    sheet = review.read_text()
    for v in ("jane.doe@example.com", "536-22-1234", "4111 1111 1111 1111", "Hunter2secret!",
              "415 555 0132", "81.2.69.160"):
        assert v not in sheet and v not in err and v not in report.read_text()
    assert (os.stat(review).st_mode & 0o777) == 0o600


def test_corrections_from_the_review_sheet_override_the_teacher():
    recs, coords, _ = fb.parse_rows([("f", 0, i, None, t.encode(), []) for i, t in enumerate(PLANTED)])
    h = fb.harvest(recs, coords)
    votes = fb.teacher_votes(h.cs, ("rules",), log=lambda s: None)
    labels = fb.combine(votes, 1)
    rows = list(fb.review_rows(h, votes, labels, ("rules",)))
    email = next(i for i, r in enumerate(rows) if r["type"] == "EMAIL_ADDRESS")
    ip = next(i for i, r in enumerate(rows) if r["type"] == "IP_ADDRESS")
    assert labels[email] == 1 and labels[ip] == 1
    before = labels.copy()
    edits = [dict(rows[email], label=0), dict(rows[ip], label=None),
             dict(rows[ip], window="no such window", label=1)]
    assert fb.apply_corrections(h, labels, edits) == {"applied": 2, "unmatched": 1}
    assert labels[email] == 0 and np.isnan(labels[ip])
    others = [i for i in range(len(labels)) if i not in (email, ip)]
    assert np.array_equal(labels[others], before[others], equal_nan=True)


def test_cli_from_file_review_then_corrections(tmp_path):
    src = tmp_path / "lines.txt"
    src.write_text("\n".join(PLANTED) + "\n")
    review, r1, r2 = tmp_path / "review.jsonl", tmp_path / "r1.json", tmp_path / "r2.json"

    def run(*extra):
        p = subprocess.run([sys.executable, "-m", "piistream", "label", "--from-file", str(src),
                            "--teacher", "rules", *extra], cwd=ROOT, capture_output=True, timeout=300)
        assert p.returncode == 0, p.stderr.decode()[-2000:]
        return p.stderr.decode()

    run("--review", str(review), "--json", str(r1))
    rows = [json.loads(x) for x in review.read_text().splitlines()]
    first = json.loads(r1.read_text())
    assert first["harvest"] == {"read": 6, "sampled": 6, "skipped": 0, "unwrapped": 0}
    assert len(rows) == first["candidates"]
    email = next(r for r in rows if r["type"] == "EMAIL_ADDRESS")
    assert email["label"] == 1
    edited = tmp_path / "edited.jsonl"
    edited.write_text(json.dumps(dict(email, label=0)) + "\n")
    log = run("--corrections", str(edited), "--json", str(r2))
    assert "corrections: 1 labels set by the operator, 0 rows matched nothing" in log
    second = json.loads(r2.read_text())
    assert second["labels"]["pii"] == first["labels"]["pii"] - 1
    assert second["labels"]["not"] == first["labels"]["not"] + 1
    assert second["by_type"]["EMAIL_ADDRESS"]["not"] == first["by_type"]["EMAIL_ADDRESS"]["not"] + 1
