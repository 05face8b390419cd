"""Benchmark helpers that must be right for the numbers to mean anything."""
import platform
import re
import shutil
import subprocess
import sys
import time

import pytest

from piistream.dev.bench_stream import CpuSampler, _session_cpu

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")


_SPIN = "import time\nt = time.time()\nwhile time.time() - t < 1.5:\n    pass\n"  # 1.5 s busy


def _leader(code: str) -> subprocess.Popen:
    """A session leader running ``code`` (a worker's shape: its own process, children under it)."""
    return subprocess.Popen([sys.executable, "-c", code], start_new_session=True)


def test_cpu_sampler_counts_a_process_tree_and_only_inside_the_window():
    # a session leader that spins for 1.5 s in a child of its own, then sleeps
    p = _leader(f"import subprocess, sys, time\nsubprocess.run([sys.executable, '-c', {_SPIN!r}])\n"
                "time.sleep(2)\n")
    try:
        s = CpuSampler({p.pid}, every=0.05)
        t0 = time.time() * 1000
        time.sleep(1.2)
        t1 = time.time() * 1000
        time.sleep(1.0)
        busy = s.between(t0, t1)
        s.stop()
        assert 0.4 <= busy <= 1.4  # the grandchild's spinning, within the window only
        assert s.between(t0, t1, leaders=True) < 0.2  # none of it the leader's own (it waits)
        assert s.between(t1 + 700, s.samples[-1][0]) < 0.3  # the sleeping tail costs ~nothing
    finally:
        p.kill()
        p.wait()
    assert _session_cpu({p.pid}) == (0.0, 0.0)  # gone


def test_cpu_sampler_tells_the_leaders_own_cpu_from_its_childrens():
    # the leader spins itself (a worker's event loop) while a child sleeps (an idle detector)
    p = _leader("import subprocess, sys\nc = subprocess.Popen([sys.executable, '-c', 'import time; "
                f"time.sleep(3)'])\nexec({_SPIN!r})\nc.wait()\n")
    try:
        s = CpuSampler({p.pid}, every=0.05)
        t0 = time.time() * 1000
        time.sleep(1.0)
        t1 = time.time() * 1000
        s.stop()
        busy, own = s.between(t0, t1), s.between(t0, t1, leaders=True)
        assert 0.4 <= own <= 1.1, (own, busy)
        assert busy - own < 0.2, (own, busy)  # the sleeping child's share
    finally:
        p.kill()
        p.wait()


def test_report_renders_the_stream_table_with_cpu_per_record(tmp_path):
    import json

    from piistream.dev.report import render

    rows = [{"name": "piistream worker x1 (Faust, scorer cnn)", "records_s": 17000.0,
             "cpu": {"cpu_us_per_record": 110.0, "cores_busy": 1.87}},
            {"name": "piistream worker x2 (Faust, scorer cnn)", "records_s": 23000.0,
             "cpu": {"cpu_us_per_record": 84.0, "cores_busy": 1.93}},
            {"name": "older run without CPU figures", "records_s": 5000.0}]
    (tmp_path / "stream.json").write_text(json.dumps({
        "bench": "stream", "records": 1000, "raw": 170000.0, "rows": rows,
        "latency": {"offered": 1000, "achieved": 990, "p50_ms": 100, "p99_ms": 300, "sample_ms": []}}))
    md = render(str(tmp_path))
    assert "| piistream worker x1 (Faust, scorer cnn) | 17,000 | 10.0% | 110 | 1.87 |" in md
    assert "| piistream worker x2 (Faust, scorer cnn) | 23,000 | 13.5% | 84 | 1.93 |" in md
    assert "| older run without CPU figures | 5,000 | 2.9% |  |  |" in md
    # the file on disk, checked on its own: the header (time, host, cores) and the exact table
    written = (tmp_path / "REPORT.md").read_text(encoding="utf-8")
    head, rest = written.split("\n\n## ", 1)
    assert re.fullmatch(r"# piistream benchmark report\n\nMeasured \d{4}-\d\d-\d\d \d\d:\d\d UTC on "
                        + re.escape(platform.node() or "this machine") + r": \d+ cores, Python "
                        + re.escape(platform.python_version()) + r"\. One run of each benchmark; "
                        r"compare rows of one table \(the ratios\), not numbers across machines\.", head)
    assert rest == (
        "Streaming: `bench stream` (1,000 log records, 4 partitions)\n"
        "\n"
        "| pipeline | records/s | vs raw passthrough | worker CPU-\u00b5s / record | worker cores busy |\n"
        "|---|---:|---:|---:|---:|\n"
        "| piistream worker x1 (Faust, scorer cnn) | 17,000 | 10.0% | 110 | 1.87 |\n"
        "| piistream worker x2 (Faust, scorer cnn) | 23,000 | 13.5% | 84 | 1.93 |\n"
        "| older run without CPU figures | 5,000 | 2.9% |  |  |\n"
        "\n"
        "End-to-end latency at 1,000 records/s offered (990 achieved), 1 worker: p50 100 ms, p99 300 ms.\n"
        "\n")
    assert written == md + "\n"  # and render returned what it wrote


def test_report_renders_a_stream_run_without_latency(tmp_path):
    """``bench stream --latency-seconds 0`` measures no latency: its JSON says null, and the
    report says so instead of failing."""
    import json

    from piistream.dev.report import render

    (tmp_path / "stream.json").write_text(json.dumps({
        "bench": "stream", "records": 1000, "raw": 170000.0, "latency": None,
        "rows": [{"name": "w", "records_s": 17000.0}]}))
    md = render(str(tmp_path))
    assert md.split("\n\n## ", 1)[1] == (
        "Streaming: `bench stream` (1,000 log records, 4 partitions)\n\n"
        "| pipeline | records/s | vs raw passthrough | worker CPU-\u00b5s / record | worker cores busy |\n"
        "|---|---:|---:|---:|---:|\n"
        "| w | 17,000 | 10.0% |  |  |\n\n"
        "End-to-end latency: not measured.\n")


def test_report_renders_the_replay_table_with_stage_runs_and_stage_costs(tmp_path):
    import json

    from piistream.dev.report import render

    totals = {"read": 1000, "redacted": 1000, "alerts": 9, "dlq": 0}
    (tmp_path / "replay.json").write_text(json.dumps({
        "bench": "replay", "records": 1000, "raw": 400000.0, "replay": 20000.0, "ratio": 0.05,
        "report": {"totals": totals, "stage_us_per_record": {"candidates": 20.04, "scorer": 10.0,
                                                             "verifier": 55.5},
                   "cpu_us_per_record": {"detection": 101.0, "main": 9.5}},
        "stages": [{"name": "candidates + rules scorer, no models", "records_s": 60000.0,
                    "totals": totals, "stage_us_per_record": {"candidates": 19.0, "scorer": 1.25}}],
        "resumed_report": {"totals": totals}, "killed_at": 400, "distinct": 1000, "duplicates": 3,
        "ok": True}))
    md = render(str(tmp_path))
    assert ("| piistream replay (full cascade) | 20,000 | 5.0% | detection 101.0, main 9.5 | "
            "candidates 20.0, scorer 10.0, verifier 55.5 |") in md
    assert "| the same, candidates + rules scorer, no models | 60,000 | 15.0% |  | candidates 19.0, scorer 1.2 |" in md
    assert "Exact, nothing lost." in md


def test_every_stream_row_uses_the_same_window_the_warm_up_skipped():
    from piistream.dev.bench_stream import WARMUP_SHARE, window_rate

    assert WARMUP_SHARE == 0.02
    # 2 slow warm-up outputs (consumer group join), then 98 outputs 1 ms apart
    ts = [0.0, 500.0] + [1000.0 + i for i in range(98)]
    rate, t0, t1, count = window_rate(list(reversed(ts)))  # order does not matter
    assert (t0, t1, count) == (1000.0, 1097.0, 98)
    assert rate == pytest.approx(1000.0, rel=1e-12)  # 97 intervals in 97 ms


def test_stream_rows_say_whether_the_verifier_was_on():
    from piistream.dev.bench_stream import _row_name

    assert _row_name(1, "cnn", True) == "piistream worker x1, scorer cnn, verifier ON (verify agent decides)"
    assert _row_name(2, "rules", False, thread=True) == (
        "piistream worker x2, scorer rules, detection in a thread, verifier OFF (uncertain spans fail closed)")


def test_report_renders_the_stream_method_and_the_verifier_state(tmp_path):
    import json

    from piistream.dev.report import render

    rows = [{"name": "raw confluent-kafka passthrough (no detection)", "records_s": 200000.0},
            {"name": "piistream worker x1, scorer cnn, verifier ON (verify agent decides)",
             "records_s": 10000.0, "workers": 1, "scorer": "cnn", "verifier": True, "thread": False,
             "cpu": {"cpu_us_per_record": 120.0, "cores_busy": 1.2}},
            {"name": "piistream worker x1, scorer cnn, verifier OFF (uncertain spans fail closed)",
             "records_s": 20000.0, "workers": 1, "scorer": "cnn", "verifier": False, "thread": False,
             "cpu": {"cpu_us_per_record": 60.0, "cores_busy": 1.2}}]
    (tmp_path / "stream.json").write_text(json.dumps({
        "bench": "stream", "records": 1000, "raw": 200000.0, "rows": rows,
        "method": {"finished": ["logs.redacted", "pii.dlq"], "role": "all", "warmup_share": 0.02,
                   "window": "first to last output timestamp after the warm-up"},
        "latency": {"offered": 1000, "achieved": 990, "p50_ms": 100, "p99_ms": 300, "verifier": True,
                    "sample_ms": []}}))
    md = render(str(tmp_path)).splitlines()
    i = md.index("## Streaming: `bench stream` (1,000 log records, 4 partitions)")
    assert md[i + 1:i + 9] == [
        "",
        "Every row: a record counts once its final output exists (logs.redacted or pii.dlq; raw "
        "passthrough: its copy); workers run `--role all`; the first 2% of the outputs are skipped "
        "(warm-up) and the rate runs from the first to the last output timestamp of the rest.",
        "",
        "| pipeline | records/s | vs raw passthrough | worker CPU-µs / record | worker cores busy |",
        "|---|---:|---:|---:|---:|",
        "| raw confluent-kafka passthrough (no detection) | 200,000 | 100.0% |  |  |",
        "| piistream worker x1, scorer cnn, verifier ON (verify agent decides) | 10,000 | 5.0% | 120 | 1.20 |",
        "| piistream worker x1, scorer cnn, verifier OFF (uncertain spans fail closed) | 20,000 | 10.0% | 60 | 1.20 |",
    ]
    assert "End-to-end latency at 1,000 records/s offered (990 achieved), 1 worker, verifier on: " \
           "p50 100 ms, p99 300 ms." in md


def test_report_renders_the_scan_corpus_and_typed_quality(tmp_path):
    import json

    from piistream.dev.report import render

    corpus = {"split": "test", "families": ["apache_access", "cloud_audit"], "records": 2000,
              "text": 1500, "json": 500, "with_pii": 40, "pii_share": 0.02, "true_spans": 61, "seed": 7}
    (tmp_path / "scan.json").write_text(json.dumps({
        "bench": "scan", "records": 2000, "mb": 0.5, "repeat": 1, "corpus": corpus,
        "rows": [{"name": "naive regex (format only, raw lines)", "records_s": 12000.0, "mb_s": 3.0,
                  "precision": 0.0125, "recall": 0.9, "typed_precision": 0.01, "typed_recall": 0.5,
                  "detections": 4000, "true_spans": 61}],
        "cli": [{"name": "rules, verifier off (default)", "records_s": 25000.0}]}))
    md = render(str(tmp_path)).splitlines()
    i = md.index("## Detection core: `bench scan` (2,000 generated records of the held-out test families "
                 "(apache_access, cloud_audit): 1,500 text, 500 JSON; 2.0% with PII)")
    assert md[i + 4:i + 8] == [
        "| scanner | records/s | MB/s | precision | recall | typed P | typed R |",
        "|---|---:|---:|---:|---:|---:|---:|",
        "| naive regex (format only, raw lines) | 12,000 | 3.0 | 0.013 | 0.900 | 0.010 | 0.500 |",
        "| rules, verifier off (default) CLI end to end | 25,000 | | | | | |",
    ]


def test_span_quality_typed_counts_need_the_same_type():
    from piistream.train.evaluate import span_quality

    gold = [[(0, 11, "US_SSN"), (20, 29, "ABA_ROUTING_NUMBER")], []]
    found = [[{"start": 0, "end": 11, "type": "US_SSN"}, {"start": 20, "end": 29, "type": "US_BANK_NUMBER"}],
             [{"start": 3, "end": 8, "type": "PHONE_NUMBER"}]]
    m = span_quality(gold, found)["micro"]
    assert (m["precision"], m["recall"], m["reported"], m["gold"]) == (2 / 3, 1.0, 3, 2)
    assert (m["typed_precision"], m["typed_recall"]) == (1 / 3, 0.5)


def test_bench_scan_corpus_is_the_held_out_test_families_only():
    from piistream.dev.bench_scan import scan_corpus
    from piistream.train.data.candidates import SPLITS

    families, recs = scan_corpus(300, seed=7, pii_rate=0.1)
    assert families == SPLITS["test"] and not set(families) & set(SPLITS["train"] + SPLITS["val"])
    assert len(recs) == 300 and {r.family for r in recs} <= set(SPLITS["test"])
    assert {r.fmt for r in recs} == {"text", "json"}  # cloud_audit documents are JSON
    assert sum(bool(r.spans) for r in recs) == 30


def test_reallogs_reader_makes_one_line_per_record(tmp_path):
    import gzip

    from piistream.dev.bench_scan import STRICT_TYPES, read_reallogs

    path = tmp_path / "lines.jsonl.gz"
    with gzip.open(path, "wt") as f:
        f.write('{"text": "a\\r\\nb\\nc", "source": "x", "product": "p1"}\n\n'
                '{"text": "plain", "source": "y", "product": "p2"}\n')
    assert read_reallogs(str(path)) == ([b"a  b c", b"plain"], ["p1", "p2"])
    assert STRICT_TYPES == ("US_SSN", "US_ITIN", "CREDIT_CARD", "US_BANK_NUMBER", "ABA_ROUTING_NUMBER",
                            "IBAN_CODE", "PHONE_NUMBER")


def test_ab_scan_prints_one_row_per_tree_mode_and_format(capsys):
    """`python -m piistream.dev.ab_scan` (same-run before/after throughput): trees are kept
    apart even when two are the same path, and every row has one rate per repetition."""
    import os

    from piistream.dev import ab_scan

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    assert ab_scan.main([root, root, "--reps", "1", "--n", "50"]) == 0
    rows = [r for r in capsys.readouterr().out.splitlines() if r.startswith("| rules") or
            r.startswith("| default")]
    assert len(rows) == 8
    assert sorted({r.split("|")[3].strip().split(":")[0] for r in rows}) == ["1", "2"]
    for r in rows:
        rate = float(r.split("|")[4].replace(",", ""))
        assert rate > 0 and len(r.split("|")[5].split(",")) == 1


def test_ab_scan_in_process_times_the_scan_loop_of_each_tree(capsys, monkeypatch):
    """``--in-process``: each run times only the scan loop, in the tree's own code (a child
    process that cannot import the tree fails the run, not a silent fallback)."""
    import os

    import pytest

    from piistream.dev import ab_scan

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    assert ab_scan.main([root, root, "--reps", "1", "--n", "50", "--in-process"]) == 0
    out = capsys.readouterr().out
    assert "timed: the scan loop in process" in out
    rows = [r for r in out.splitlines() if r.startswith("| rules") or r.startswith("| default")]
    assert len(rows) == 8 and all(float(r.split("|")[4].replace(",", "")) > 0 for r in rows)
    with pytest.raises(RuntimeError, match="in-process scan failed"):
        ab_scan.run_in_process(root, "nonesuch", "text", os.devnull)


def test_ab_scan_on_bench_scans_corpus_adds_the_whole_corpus_row(capsys):
    """``--corpus bench-scan``: bench scan's records split by format, and per mode a "both" row
    whose rate is the whole corpus's records over both formats' seconds (so it lies between
    the two formats' rates, nearer the slower one per record)."""
    import os

    from piistream.dev import ab_scan

    text, js = (ab_scan.corpus(f, 400, "bench-scan") for f in ("text", "json"))
    assert text.count(b"\n") + js.count(b"\n") == 400 and js.count(b"\n") > 0
    assert all(line.startswith(b"{") for line in js.splitlines())
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    assert ab_scan.main([root, root, "--reps", "1", "--n", "400", "--corpus", "bench-scan",
                         "--in-process"]) == 0
    rows = [r.split("|") for r in capsys.readouterr().out.splitlines() if r.startswith("| rules")]
    assert [r[2].strip() for r in rows] == ["text", "text", "json", "json", "both", "both"]
    nt, nj = text.count(b"\n"), js.count(b"\n")
    for tree in ("1", "2"):
        rate = {r[2].strip(): float(r[4].replace(",", "")) for r in rows if r[3].strip().startswith(tree)}
        whole = (nt + nj) / (nt / rate["text"] + nj / rate["json"])  # (rates printed rounded)
        assert abs(rate["both"] - whole) <= 0.01 * whole, (rate, whole)


def test_ab_scan_instructions_needs_valgrind_and_says_so(capsys, monkeypatch, tmp_path):
    """``--instructions`` counts with valgrind; without it the command says so and exits 2
    (it never falls back to a timed run under the same heading)."""
    import os

    from piistream.dev import ab_scan

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    monkeypatch.setenv("PATH", str(tmp_path))
    assert ab_scan.main([root, root, "--instructions", "10"]) == 2
    assert "needs valgrind" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed")
def test_ab_scan_counts_the_instructions_of_the_records_scanned():
    """One counted run: instructions per record of the scan loop, the warm-up's subtracted.
    Scanning the records costs something, and far less than the process (tens of millions of
    instructions per record would mean the baseline was not subtracted); a tree that cannot
    scan fails the count."""
    import os

    from piistream.dev import ab_scan

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = os.path.join(root, "tests", "data", "behaviour", "corpus-text.txt.gz")
    import gzip
    import tempfile
    with gzip.open(path, "rb") as f, tempfile.NamedTemporaryFile("wb", suffix=".in", delete=False) as out:
        out.write(b"\n".join(f.read().splitlines()[:540]) + b"\n")
    try:
        per = ab_scan.instructions(root, "rules", "text", out.name, 40)
        assert 20_000 < per < 20_000_000, per
        with pytest.raises(RuntimeError, match="counted scan failed"):
            ab_scan.instructions(root, "nonesuch", "text", out.name, 1)
    finally:
        os.unlink(out.name)


def test_paced_produce_is_a_steady_load_not_bursts(kafka):
    """``bench stream``'s latency load: records at ``rate`` per second, paced every 10 ms, not a
    burst of 1,000 records a second (which measured the time to detect a 1,000-record batch).
    600 records at 1,000/s take at least 0.55 s of CreateTime (pacing can be late on a busy
    machine, never early), and no 100 consecutive records share one 10 ms step."""
    import uuid

    from confluent_kafka import Consumer
    from confluent_kafka.admin import AdminClient, NewTopic

    from piistream.dev.bench_stream import _produce

    topic = f"pace-{uuid.uuid4().hex[:6]}"
    admin = AdminClient({"bootstrap.servers": kafka.bootstrap})
    admin.create_topics([NewTopic(topic, 1, 1)])[topic].result()
    _produce(kafka.bootstrap, topic, [b"x%d" % i for i in range(600)], rate=1000)
    c = Consumer({"bootstrap.servers": kafka.bootstrap, "group.id": f"g-{topic}",
                  "auto.offset.reset": "earliest", "enable.auto.commit": False})
    c.subscribe([topic])
    ts = []
    deadline = time.time() + 60
    while len(ts) < 600 and time.time() < deadline:
        ts += [m.timestamp()[1] for m in c.consume(1000, timeout=0.5) if not m.error()]
    c.close()
    assert len(ts) == 600
    assert ts[-1] - ts[0] >= 550
    assert max(ts[i + 99] - ts[i] for i in range(0, 500)) >= 90


def test_hard_negative_probe_counts_strict_findings_per_template(monkeypatch, capsys):
    """`python -m piistream.dev.hard_negatives`: every strict finding on its PII-free templates
    is counted against its template and type; a case number in a ticket line is none (the
    default cascade took it for a phone in most lines before e41c159)."""
    import random

    from piistream.dev import hard_negatives as hn

    res = hn.probe(["rules", "cnn"], n=600, seed=5)
    case = next(i for i, t in enumerate(hn.templates(random.Random(0))) if "case number" in t())
    for name in ("rules", "cnn"):
        assert not any(t == case for t, _ in res[name]), (name, res[name])
    assert sum(v[0] for v in res["rules"].values()) == 0
    # the Loghub systems' formats (HDFS block ids, Hadoop attempt ids, HealthApp step counts...):
    # no strict finding in either mode (known answer at this seed)
    assert len(hn.loghub_templates(random.Random(0))) == 35
    loghub = hn.probe(["rules", "cnn"], n=700, seed=1, which="loghub")
    assert loghub == {"rules": {}, "cnn": {}}, loghub
    # the counting itself: a template that holds an SSN is found once per line
    monkeypatch.setattr(hn, "templates", lambda r: [lambda: f"ssn: 536-90-{r.randrange(4000, 4999)}"])
    got = hn.probe(["rules"], n=40, seed=1)["rules"]
    assert list(got) == [(0, "US_SSN")] and got[(0, "US_SSN")][0] == 40
    assert hn.main(["--n", "30", "--scorers", "rules"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[2] == "| rules | 30 | 10000.0 |" and out[3].startswith("- rules: template 0, US_SSN x30: ")


def test_pii_sentence_probe_counts_each_missed_value_once():
    """`python -m piistream.dev.pii_sentences`: one value per sentence, the templates in turn,
    and a miss is counted against its template; e-mail addresses and SSNs told in plain
    sentences are all found (known answers of this seed), a value no entity overlaps is a miss."""
    from piistream.dev import pii_sentences as ps

    recs = ps.sentences(42, 3)
    assert [t for t, *_ in recs] == [t for t, _ in ps.TEMPLATES] * 2
    assert all(v in text for _, _, text, v in recs)
    got = ps.misses("rules", recs)
    assert not [k for k in got if k[0] in ("EMAIL_ADDRESS", "US_SSN", "IBAN_CODE")], got
    # a sentence whose value the detector cannot see: counted once, under its template
    hidden = [("US_SSN", "t", "the applicant's number is on file", "on file")]
    got = ps.misses("rules", hidden)
    assert got == {("US_SSN", "t"): 1} and got.examples[("US_SSN", "t")] == hidden[0][2]


def test_pii_sentence_probe_sets_of_other_locales_and_card_types():
    """`pii_sentences --set intl|cards`: phones, accounts and IBANs of eleven locales in their
    languages' phrasing, and every card type Faker draws, whole or grouped. Known answers of
    this seed: the rules find every one of 200 ``intl`` values (account numbers as the banks of
    Europe write them, "Sie erreichen mich unter", "conta corrente"...) and every card after a
    card's word of any of the languages; a value found only in part counts as cut, not found."""
    from piistream.dev import pii_sentences as ps

    recs = ps.intl_sentences(200, 3)
    assert all(v in text for _, _, text, v in recs)
    assert {t for t, *_ in recs} == {"PHONE_NUMBER", "US_BANK_NUMBER", "IBAN_CODE"}
    # (Faker is not pinned: a newer one may draw a number no country has, as "00812 55591";
    # the code before this probe's fixes missed one value in ten)
    got = ps.misses("rules", recs)
    assert sum(got.values()) <= 4 and not got.cut, got
    assert not [k for k in got if k[0] != "PHONE_NUMBER"], got  # every account and IBAN
    cards = ps.card_sentences(200, 3)
    got = ps.misses("rules", cards)
    word = re.compile(r"card|PAN|Kreditkarte|carte|tarjeta|cc=")
    assert not [k for k in got if word.search(k[1])], got
    assert not got.cut
    cut = [("PHONE_NUMBER", "t", "Phone: (650) 004-9576 (cell)", "Phone: (650) 004-9576 (cell)")]
    got = ps.misses("rules", cut)
    assert not got and got.cut == {("PHONE_NUMBER", "t"): 1}
