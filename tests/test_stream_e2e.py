"""End to end on a real Apache Kafka broker: a worker process redacts topics in flight."""
import re

import orjson
import pytest

from piistream.train.data import JSON_FAMILIES, generate
from piistream.models.records import Processor
from piistream.topics import validate

from streamkit import Worker, count, drain, new_prefix, produce, setup_topics, src, uncertain_line

pytestmark = pytest.mark.kafka
MAX_BYTES = 200_000
TOKEN = re.compile(rb"\[[A-Z_]+:k\d+:[0-9a-f]{16}\]")
TS = re.compile(rb'"ts":[0-9.eE+]+')


def test_records_in_redacted_out_alerts_dlq(kafka):
    prefix = new_prefix()
    setup_topics(kafka.bootstrap, prefix)
    recs = generate(400, seed=11, pii_rate=0.5)
    logs = [r for r in recs if r.fmt == "text"]
    docs = [r for r in recs if r.fmt == "json"]
    log_in = [(f"k{i}".encode(), r.text.encode(), [("trace-id", f"t{i}".encode())])
              for i, r in enumerate(logs)]
    bad_logs = [(b"empty", b""), (b"utf8", b"\xc3\x28 broken \xff"), (b"nul", b"a\x00b"),
                (b"big", b"x" * (MAX_BYTES + 1))]
    unc_line = uncertain_line()
    uncertain = [(b"unc", unc_line)]
    doc_in = [(f"d{i}".encode(), r.text.encode()) for i, r in enumerate(docs)]
    bad_docs = [(b"badjson", b'{"user": "x@y.org"'), (b"notjson", b"plain text")]
    c_logs = produce(kafka.bootstrap, prefix + "logs.raw", log_in + bad_logs + uncertain)
    c_docs = produce(kafka.bootstrap, prefix + "docs.raw", doc_in + bad_docs)
    n_in = len(c_logs) + len(c_docs)

    with Worker(kafka.bootstrap, prefix, None, "--max-bytes", str(MAX_BYTES)):
        msgs = drain(kafka.bootstrap, prefix,
                     ["logs.redacted", "docs.redacted", "pii.dlq", "pii.alerts", "pii.verify"],
                     until=lambda ms: count(ms, "logs.redacted", "docs.redacted", "pii.dlq") >= n_in
                     and count(ms, "pii.verify") >= 1, timeout=240)

    # exactly one redacted record or DLQ entry per input offset
    outs = [m for m in msgs if m.topic in ("logs.redacted", "docs.redacted", "pii.dlq")]
    by_src = {src(m): m for m in outs}
    assert len(outs) == n_in == len(by_src)
    expected = {(prefix + "logs.raw", p, o) for p, o in c_logs} | \
               {(prefix + "docs.raw", p, o) for p, o in c_docs}
    assert set(by_src) == expected

    # redacted output is exactly what the detection core gives; keys and headers kept
    proc = Processor(max_bytes=MAX_BYTES)
    n_uncertain = 0  # records with spans in the uncertain band: they go through pii.verify
    for (key, value, hdrs), (p, o) in zip(log_in, c_logs):
        m = by_src[(prefix + "logs.raw", p, o)]
        res = proc.process([value])[0]
        assert m.topic == "logs.redacted" and m.key == key
        assert m.value.decode() == res.redacted
        assert m.headers["trace-id"] == hdrs[0][1]
        assert m.header_list[0] == ("trace-id", hdrs[0][1])  # original headers first
        assert m.headers["piistream-verified"] == (b"false" if res.uncertain else b"n/a")
        n_uncertain += bool(res.uncertain)
    for (key, value), (p, o) in zip(doc_in, c_docs):
        m = by_src[(prefix + "docs.raw", p, o)]
        res = proc.process([value], "json")[0]
        assert m.topic == "docs.redacted" and m.key == key
        assert orjson.loads(m.value) == orjson.loads(res.redacted)
        assert m.headers["piistream-verified"] == (b"false" if res.uncertain else b"n/a")
        n_uncertain += bool(res.uncertain)

    # bad input: each kind lands in the DLQ with its reason and the original bytes
    dlq = {m.key: m for m in msgs if m.topic == "pii.dlq"}
    reasons = {k: m.headers["piistream-error"].decode().split(":")[0] for k, m in dlq.items()}
    assert reasons == {b"empty": "empty", b"utf8": "invalid_utf8", b"nul": "nul_byte",
                       b"big": "oversize", b"badjson": "invalid_json", b"notjson": "invalid_json"}
    for key, value in bad_logs + bad_docs:
        assert dlq[key].value == value

    # the uncertain record went through pii.verify and came out redacted (fail closed)
    assert count(msgs, "pii.verify") == n_uncertain + 1
    unc = [m for m in outs if m.key == b"unc"][0]
    unc_res = Processor(max_bytes=MAX_BYTES).process([unc_line])[0]
    assert unc_res.uncertain >= 1
    assert unc.value == unc_res.redacted.encode() != unc_line
    assert unc.headers["piistream-verified"] == b"false"

    # alerts: one per record with findings, schema-valid, never a raw value
    alerts = [m for m in msgs if m.topic == "pii.alerts"]
    with_findings = [m for m in outs if m.topic != "pii.dlq" and m.headers["piistream-entities"]]
    assert len(alerts) == len(with_findings) > 100
    values = {r.text[s.start:s.end] for r in recs for s in r.spans} | \
             {unc_line.decode()[e["start"]:e["end"]] for e in unc_res.entities}
    for a in alerts:
        body = orjson.loads(a.value)
        validate("alert", body)
        # keyed tokens are hex digests, the topics' prefix is random hex, the alert's time is
        # the clock's: a short value ("3740", "7395", "7569") may occur in one by chance (a run
        # had the topic "t73fe7395.docs.raw", another the time "ts":...7569...)
        plain, key = TOKEN.sub(b"", a.value).replace(prefix.encode(), b""), TOKEN.sub(b"", a.key or b"")
        assert b":k1:" not in plain  # every token was taken out
        plain, n_ts = TS.subn(b'"ts":', plain)
        assert n_ts == 1 and body["ts"] > 0
        for v in values:
            assert v.encode() not in plain and v.encode() not in key
    unc_alert = [orjson.loads(a.value) for a in alerts if b'"verified":false' in a.value]
    assert len(unc_alert) == n_uncertain + 1
    assert all(a["stage"] == "fail-closed" for a in unc_alert)


def test_compressed_input_of_every_codec(kafka):
    prefix = new_prefix()
    setup_topics(kafka.bootstrap, prefix)
    coords = []
    for codec in ("gzip", "snappy", "lz4", "zstd"):
        recs = [(f"{codec}{i}".encode(), f"{codec} user {i} mail a{i}@example.org".encode())
                for i in range(50)]
        coords += produce(kafka.bootstrap, prefix + "logs.raw", recs,
                          **{"compression.type": codec, "linger.ms": 50})
    with Worker(kafka.bootstrap, prefix):
        msgs = drain(kafka.bootstrap, prefix, ["logs.redacted", "pii.dlq"],
                     until=lambda ms: len(ms) >= len(coords), timeout=90)
    assert count(msgs, "logs.redacted") == len(coords) == 200
    assert all(m.value.endswith(b"mail [EMAIL_ADDRESS]") for m in msgs)


def test_uncertain_records_are_verified_by_the_verifier(kafka):
    """With the verifier on, records whose spans fall in the uncertain band go through pii.verify
    and come out decided by the verifier (verified=true), exactly as the in-process verification
    stage decides them; nothing lost, no raw value in any alert."""
    from piistream.models.detector import Detector
    from piistream.models.verifier import VerifierRuntime, VerifyingScorer, verifier_path

    prefix = new_prefix()
    setup_topics(kafka.bootstrap, prefix)
    proc = Processor(max_bytes=MAX_BYTES)
    recs = [r for r in generate(3000, seed=31, pii_rate=0.5) if r.fmt == "text"]
    unc = [r for r, res in zip(recs, proc.process([r.text.encode() for r in recs])) if res.uncertain]
    assert len(unc) >= 5, "the generator should give some uncertain records"
    plain = [r for r in recs if r not in unc][:200]
    inputs = [(f"u{i}".encode(), r.text.encode()) for i, r in enumerate(unc)] + \
             [(f"p{i}".encode(), r.text.encode()) for i, r in enumerate(plain)]
    coords = produce(kafka.bootstrap, prefix + "logs.raw", inputs)
    with Worker(kafka.bootstrap, prefix, None, "--families", "logs", env={"PIISTREAM_VERIFIER": "on"}):
        msgs = drain(kafka.bootstrap, prefix, ["logs.redacted", "pii.dlq", "pii.alerts", "pii.verify"],
                     until=lambda ms: count(ms, "logs.redacted", "pii.dlq") >= len(inputs), timeout=240)
    outs = {src(m): m for m in msgs if m.topic in ("logs.redacted", "pii.dlq")}
    assert set(outs) == {(prefix + "logs.raw", p, o) for p, o in coords}
    assert count(msgs, "pii.verify") == len(unc)
    from piistream.config import load_config
    verifying = Processor(Detector(scorer=VerifyingScorer(
        proc.detector.scorer, VerifierRuntime(verifier_path(), threads=1),
        rules_decided=tuple(load_config(env={}).verifier.rules_decided))), proc.redactor, MAX_BYTES)
    from piistream.models.detector import make_scorer
    rules = Processor(Detector(scorer=make_scorer("rules")), proc.redactor, MAX_BYTES)
    for (key, value), (p, o) in zip(inputs, coords):
        m = outs[(prefix + "logs.raw", p, o)]
        assert m.topic == "logs.redacted" and m.key == key
        if key.startswith(b"u"):
            want = verifying.process([value])[0]
            assert m.headers["piistream-verified"] == b"true"
            assert m.value.decode() == want.redacted
            # a dispute left undecided is one the rules redact on their own (never cleared)
            held = {(e["start"], e["end"]) for e in rules.process([value])[0].entities}
            assert all(any(a <= e["start"] and e["end"] <= b for a, b in held)
                       for e in want.entities if e["stage"] == "disputed")
        else:
            assert m.headers["piistream-verified"] == b"n/a"
            assert m.value.decode() == proc.process([value])[0].redacted
    # (values of 5 characters or more: a 4-digit account fragment such as "9997" is also the
    # digits of a score, 0.9997, which alerts carry)
    values = {v for r in unc + plain for s in r.spans if len(v := r.text[s.start:s.end]) >= 5}
    for a in (m for m in msgs if m.topic == "pii.alerts"):
        validate("alert", orjson.loads(a.value))
        assert not any(v.encode() in a.value for v in values), [v for v in values if v.encode() in a.value]
