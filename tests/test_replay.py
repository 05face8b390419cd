"""``piistream replay``: topic ranges by time and offset, exact counts, resume after kill -9, and
file-to-file backfills; outputs carry the live path's headers."""
import base64
import json
import os
import signal
import subprocess
import sys
import time

import orjson
import pytest
from confluent_kafka import Producer
from confluent_kafka.admin import AdminClient, NewTopic

from piistream.train.data import generate
from piistream.models.records import Processor
from streamkit import drain, new_prefix, setup_topics, src

ENV = {**os.environ, "PIISTREAM_HMAC_KEY": "test-hmac-key-0123456789", "PIISTREAM_VERIFIER": "off"}


def replay_cmd(*args) -> list[str]:
    return [sys.executable, "-m", "piistream", "replay", "-q", *args]


def test_file_to_file_matches_scan_and_keeps_every_record(tmp_path):
    recs = [r.text for r in generate(400, seed=5, pii_rate=0.5) if r.fmt == "text"]
    bad = [b"nul \x00 byte 536-22-1234", b"\xff bad utf-8", b""]
    reasons = ["nul_byte: NUL character at offset 4", "invalid_utf8: invalid start byte at byte 0",
               "empty: record has no value"]
    lines = [t.encode() for t in recs] + bad
    src_file = tmp_path / "in.txt"
    src_file.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "out.jsonl"
    r = subprocess.run(replay_cmd("--input", str(src_file), "--output", str(out), "--processes", "1",
                                  "--report", str(tmp_path / "r.json"), "--checkpoint", str(tmp_path / "ck.json")),
                       env=ENV, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    by_line: dict[int, list] = {}
    for row in rows:
        h = dict(row["headers"])
        assert h["piistream-src-topic"] == str(src_file)
        by_line.setdefault(int(h["piistream-src-offset"]), []).append(row)
    assert sorted(by_line) == list(range(len(lines)))
    proc = Processor()
    for i, line in enumerate(lines):
        red = [x for x in by_line[i] if x["topic"] == "redacted"]
        dlq = [x for x in by_line[i] if x["topic"] == "pii.dlq"]
        if i >= len(recs):
            assert len(dlq) == 1 and not red and len(by_line[i]) == 1
            assert dlq[0]["headers"] == [["piistream-src-topic", str(src_file)], ["piistream-src-partition", "0"],
                                         ["piistream-src-offset", str(i)],
                                         ["piistream-error", reasons[i - len(recs)]]]
            if line != b"\xff bad utf-8":  # see test_file_dlq_keeps_invalid_utf8_bytes
                assert dlq[0]["value"].encode() == line  # the original record, byte for byte
            continue
        want = proc.process([line])[0]
        assert len(red) == 1 and red[0]["value"] == want.redacted  # verifier off: fail closed
        assert dict(red[0]["headers"])["piistream-verified"] == ("false" if want.uncertain else "n/a")
    rep = json.loads((tmp_path / "r.json").read_text())
    assert rep["totals"] == {"read": len(lines), "redacted": len(recs), "dlq": 3,
                             "alerts": sum(1 for rows_ in by_line.values() for x in rows_
                                           if x["topic"] == "pii.alerts")}
    # where the time went, per record of this run: the stages that ran, and no verifier (off)
    stages = rep["stage_us_per_record"]
    assert set(stages) >= {"candidates", "scorer"} and not stages.get("verifier")
    assert all(v > 0 for k, v in stages.items() if k != "verifier")
    # and the CPU of this run, read from /proc: this process and the detection process
    cpu = rep["cpu_us_per_record"]
    assert cpu["main"] > 0 and cpu["detection"] > 0


def test_file_dlq_keeps_invalid_utf8_bytes(tmp_path):
    line = b"\xff\xfe ssn 536-22-1234"
    src_file = tmp_path / "in.txt"
    src_file.write_bytes(line + b"\n")
    out = tmp_path / "out.jsonl"
    r = subprocess.run(replay_cmd("--input", str(src_file), "--output", str(out), "--processes", "1",
                                  "--checkpoint", str(tmp_path / "ck.json")),
                       env=ENV, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    (row,) = [json.loads(x) for x in out.read_text().splitlines()]
    assert row["topic"] == "pii.dlq"
    # the original bytes come back from the row: not UTF-8, so base64
    assert row["value"] is None and base64.b64decode(row["value_b64"]) == line


def create_topic(bootstrap: str, name: str, partitions: int) -> None:
    admin = AdminClient({"bootstrap.servers": bootstrap})  # kept alive until the result is in
    admin.create_topics([NewTopic(name, partitions, 1)])[name].result(30)


def produce_timed(bootstrap, topic, values, t0_ms, step_ms, partitions):
    p = Producer({"bootstrap.servers": bootstrap, "linger.ms": 20, "enable.idempotence": True})
    for i, v in enumerate(values):
        while True:
            try:
                p.produce(topic, v, f"k{i}".encode(), partition=i % partitions, timestamp=t0_ms + i * step_ms)
                break
            except BufferError:
                p.poll(0.1)
    assert p.flush(60) == 0


def source_and_dest(bootstrap: str, dest_partitions: int, values, step_ms: int):
    """Fresh topics; ``values`` produced to logs.raw (record i: partition i % 4, timestamp
    t0 + i * step_ms, recent because logs.raw has a short retention). Returns (prefix, dest, t0)."""
    prefix = new_prefix()
    setup_topics(bootstrap, prefix)
    dest = prefix + "backfill.redacted"
    create_topic(bootstrap, dest, dest_partitions)
    t0 = int(time.time() * 1000) - 60_000
    produce_timed(bootstrap, prefix + "logs.raw", values, t0, step_ms, 4)
    return prefix, dest, t0


@pytest.mark.kafka
def test_time_range_to_topic_exact_counts_and_headers(kafka, tmp_path):
    recs = [r.text for r in generate(1200, seed=8, pii_rate=0.3) if r.fmt == "text"]
    values = [t.encode() for t in recs]
    step = 10
    prefix, dest, t0 = source_and_dest(kafka.bootstrap, 2, values, step)
    lo, hi = 200, 900  # records with index lo..hi-1 have t0 + i*step in [start, end)
    start, end = t0 + lo * step, t0 + hi * step
    r = subprocess.run(replay_cmd("--broker", kafka.bootstrap, "--prefix", prefix,
                                  "--from-topic", prefix + "logs.raw", "--to-topic", dest,
                                  "--start-time", str(start), "--end-time",
                                  time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(end / 1000)) + f".{end % 1000:03d}Z",
                                  "--processes", "1", "--checkpoint", str(tmp_path / "ck.json"),
                                  "--report", str(tmp_path / "r.json")),
                       env=ENV, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    rep = json.loads((tmp_path / "r.json").read_text())
    assert rep["totals"]["read"] == hi - lo
    msgs = drain(kafka.bootstrap, prefix, ["backfill.redacted", "pii.alerts", "pii.dlq"],
                 until=lambda ms: sum(m.topic == "backfill.redacted" for m in ms) >= hi - lo, timeout=60)
    red = [m for m in msgs if m.topic == "backfill.redacted"]
    # record i went to partition i % 4 at offset i // 4
    want = {(prefix + "logs.raw", i % 4, i // 4) for i in range(lo, hi)}
    assert {src(m) for m in red} == want and len(red) == len(want)
    assert rep["totals"]["redacted"] == len(red)
    assert rep["totals"]["alerts"] == sum(m.topic == "pii.alerts" for m in msgs)
    for p in range(4):
        part = rep["partitions"][str(p)]
        assert part["read"] == sum(1 for i in range(lo, hi) if i % 4 == p)
    proc = Processor()
    for m in red[:200]:
        i = src(m)[2] * 4 + src(m)[1]
        assert m.key == f"k{i}".encode()
        assert m.value.decode() == proc.process([values[i]])[0].redacted
        assert m.headers["piistream-detector"].startswith(b"piistream-")
        assert "piistream-entities" in m.headers and "piistream-verified" in m.headers
    # offsets instead of times, one partition
    r = subprocess.run(replay_cmd("--broker", kafka.bootstrap, "--prefix", prefix,
                                  "--from-topic", prefix + "logs.raw", "--output", str(tmp_path / "p2.jsonl"),
                                  "--partitions", "2", "--start-offset", "10", "--end-offset", "60",
                                  "--no-checkpoint", "--processes", "1"),
                       env=ENV, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    rows = [json.loads(x) for x in (tmp_path / "p2.jsonl").read_text().splitlines()]
    offs = sorted(int(dict(x["headers"])["piistream-src-offset"]) for x in rows
                  if x["topic"] in (prefix + "logs.redacted", prefix + "pii.dlq"))
    assert offs == list(range(10, 60))


@pytest.mark.kafka
@pytest.mark.slow
def test_resume_after_kill9_counts_every_record_once(kafka, tmp_path):
    base = [r.text.encode() for r in generate(3000, seed=9, pii_rate=0.1) if r.fmt == "text"]
    values = (base * 20)[:48_000]
    prefix, dest, _ = source_and_dest(kafka.bootstrap, 4, values, 1)
    ck = tmp_path / "ck.json"
    args = replay_cmd("--broker", kafka.bootstrap, "--prefix", prefix, "--from-topic", prefix + "logs.raw",
                      "--to-topic", dest, "--processes", "1", "--batch-size", "500",
                      "--checkpoint", str(ck), "--report", str(tmp_path / "r.json"))
    env = {**ENV, "PIISTREAM_REPLAY_CHECKPOINT_EVERY": "0.1"}
    kills = 0
    for frac in (0.25, 0.6):
        proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        deadline = time.time() + 240
        while time.time() < deadline:
            try:
                done = sum(p["next"] - p["start"] for p in json.loads(ck.read_text())["partitions"].values())
            except (OSError, ValueError):
                done = 0
            if done >= frac * len(values) or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert proc.poll() is None, f"the replay finished before it could be killed ({kills} kills, done {done})"
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
        kills += 1
    r = subprocess.run(args, env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert kills == 2
    rep = json.loads((tmp_path / "r.json").read_text())
    assert rep["resumed"] and rep["totals"]["read"] == len(values)
    assert rep["totals"]["redacted"] + rep["totals"]["dlq"] == len(values)
    msgs = drain(kafka.bootstrap, prefix, ["backfill.redacted", "pii.dlq"],
                 until=lambda ms: len({src(m) for m in ms}) >= len(values), timeout=120)
    got = {src(m) for m in msgs}
    assert got == {(prefix + "logs.raw", i % 4, i // 4) for i in range(len(values))}  # 0 lost
    # duplicates only from the records after a checkpoint, at most a few batches per kill
    assert len(msgs) - len(got) <= kills * 4 * 500 * 2
