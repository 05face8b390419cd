"""Operations on the real broker: metrics and health endpoints, no raw PII in any log, metric or
alert of an end-to-end run, and Kafka security (SASL) passed through to the worker, the replay
tool and the admin client."""
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import orjson
import pytest

from piistream.models.records import Processor
from piistream.train.data import generate
from streamkit import Worker, count, drain, new_prefix, produce, setup_topics, src

pytestmark = pytest.mark.kafka


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def metric(text: str, name: str, **labels) -> float:
    """Sum of a metric's samples whose labels include ``labels``."""
    total = 0.0
    for line in text.splitlines():
        if not line.startswith(name) or line.startswith("#"):
            continue
        m = re.match(r"([a-zA-Z_:]+)(\{[^}]*\})? ([0-9.e+-]+)$", line)
        if not m or m.group(1) != name:
            continue
        got = dict(re.findall(r'(\w+)="([^"]*)"', m.group(2) or ""))
        if all(got.get(k) == v for k, v in labels.items()):
            total += float(m.group(3))
    return total


def wait_for(fn, timeout=60.0, every=0.5):
    deadline = time.time() + timeout
    while True:
        v = fn()
        if v or time.time() > deadline:
            return v
        time.sleep(every)


def pii_inputs(n: int, seed: int):
    recs = [r for r in generate(n, seed=seed, pii_rate=0.6) if r.fmt == "text"]
    values = {r.text[s.start:s.end] for r in recs for s in r.spans}
    return recs, {v for v in values if len(v) >= 6}


def test_metrics_health_and_no_raw_pii_anywhere(kafka, tmp_path):
    """A worker at INFO with its HTTP endpoint: /healthz, /readyz and /metrics answer, the
    counters match the run exactly, and not one injected PII value appears in the worker's log,
    the metrics or any alert."""
    prefix = new_prefix()
    setup_topics(kafka.bootstrap, prefix)
    recs, values = pii_inputs(600, seed=91)
    good = [(f"k{i}".encode(), r.text.encode()) for i, r in enumerate(recs)]
    bad = [(b"b1", b"\xff\xfe broken utf-8"), (b"b2", b"nul \x00 byte"), (b"b3", b"")]
    port = free_port()
    w = Worker(kafka.bootstrap, prefix, None, "--families", "logs", "--loglevel", "INFO")
    w.cmd[w.cmd.index("--metrics-port") + 1] = str(port)
    base = f"http://127.0.0.1:{port}"
    with w:
        assert wait_for(lambda: get_or_none(base + "/healthz"), 90), w.stop().decode()[-3000:]
        assert wait_for(lambda: get(base + "/readyz")[0] == 200, 90)
        coords = produce(kafka.bootstrap, prefix + "logs.raw", good + bad)
        msgs = drain(kafka.bootstrap, prefix, ["logs.redacted", "pii.dlq", "pii.alerts", "pii.verify"],
                     until=lambda ms: count(ms, "logs.redacted", "pii.dlq") >= len(coords), timeout=180)
        n_red, n_dlq = count(msgs, "logs.redacted"), count(msgs, "pii.dlq")
        assert (n_red, n_dlq) == (len(good), len(bad))
        n_alerts, n_verify = count(msgs, "pii.alerts"), count(msgs, "pii.verify")
        # the counters are bumped once the broker has acknowledged: poll until they catch up
        out_topic = prefix + "logs.redacted"
        text = wait_for(lambda: (lambda t: t if metric(t, "piistream_records_out_total", topic=out_topic)
                                 >= n_red else None)(get(base + "/metrics")[1]), 30)
        assert text, "metrics never caught up"
        assert get(base + "/healthz")[0] == 200
        logged = w.stop()
    assert metric(text, "piistream_records_in_total", topic=prefix + "logs.raw") == len(coords)
    assert metric(text, "piistream_records_out_total", topic=out_topic) == n_red
    assert metric(text, "piistream_records_out_total", topic=prefix + "pii.dlq") == n_dlq
    assert metric(text, "piistream_records_out_total", topic=prefix + "pii.alerts") == n_alerts
    assert metric(text, "piistream_dlq_total", reason="invalid_utf8") == 1
    assert metric(text, "piistream_dlq_total", reason="nul_byte") == 1
    assert metric(text, "piistream_dlq_total", reason="empty") == 1
    # every uncertain record failed closed (the tests' workers run without the verifier)
    assert metric(text, "piistream_fail_closed_total", reason="unavailable") == n_verify
    assert metric(text, "piistream_detections_total", type="EMAIL_ADDRESS") > 0
    assert metric(text, "piistream_detections_total") >= sum(
        sum(orjson.loads(a.value)["counts"].values()) for a in msgs if a.topic == "pii.alerts")
    assert metric(text, "piistream_batch_size_count") > 0
    assert metric(text, "piistream_stage_seconds_total", stage="candidates") > 0
    assert metric(text, "piistream_end_to_end_seconds_count") > 0
    assert metric(text, "piistream_ready") == 1
    # the model serving, by version (its weights' digest): the one named in every alert
    served = {orjson.loads(a.value)["detector"] for a in msgs if a.topic == "pii.alerts"}
    assert len(served) == 1 and re.search(r"\+charcnn-[\w-]+@[0-9a-f]{12}$", next(iter(served)))
    assert metric(text, "piistream_detector_info", version=next(iter(served))) == 1
    assert get_or_none(base + "/healthz") is None  # the worker is gone
    # no raw PII: not in the log (INFO), the metrics, or any alert
    assert len(values) > 100
    alerts = b"\n".join(m.value for m in msgs if m.topic == "pii.alerts")
    log_text = logged.decode("utf-8", "replace")
    for v in values:
        assert v not in log_text and v not in text and v.encode() not in alerts, "raw PII leaked"
    redacted = b"\n".join(m.value for m in msgs if m.topic == "logs.redacted")
    # detection is on: the worker leaves exactly the values the detection core leaves on the
    # same records (a few, on the generator's held-out families; `piistream eval` measures those)
    offline = "\n".join(r.redacted for r in Processor().process([v for _, v in good])).encode()
    left = {v for v in values if v.encode() in redacted}
    assert left == {v for v in values if v.encode() in offline}
    assert len(left) <= len(values) * 0.1, sorted(left)


def get_or_none(url):
    try:
        return get(url)[0] == 200 or None
    except OSError:
        return None


@pytest.fixture(scope="module")
def sasl_kafka():
    from piistream.dev.broker import EmbeddedKafka

    broker = EmbeddedKafka(nodes=1, heap_mb=384, sasl_users={"piistream": "pw-for-tests-only"})
    broker.start(timeout=180)
    try:
        yield broker
    finally:
        broker.stop()


def test_sasl_for_topics_apply_worker_and_replay(sasl_kafka, tmp_path):
    """Only the SASL listener is used: topics apply, the Faust worker and the replay tool all
    authenticate with the configured settings; a wrong password is refused."""
    pw = tmp_path / "sasl-password"
    pw.write_text("pw-for-tests-only\n")
    prefix = new_prefix()
    conf = tmp_path / "piistream.toml"
    conf.write_text(f'[kafka]\nbroker = "{sasl_kafka.sasl_bootstrap}"\nsecurity_protocol = "SASL_PLAINTEXT"\n'
                    f'sasl_mechanism = "PLAIN"\nsasl_username = "piistream"\nsasl_password_file = "{pw}"\n'
                    f'[topics]\nprefix = "{prefix}"\n')
    env = {**os.environ, "PIISTREAM_CONFIG": str(conf), "PIISTREAM_HMAC_KEY": "test-hmac-key-0123456789"}
    env.pop("PIISTREAM_BROKER", None)
    r = subprocess.run([sys.executable, "-m", "piistream", "topics", "apply"], env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    sasl = {"security.protocol": "SASL_PLAINTEXT", "sasl.mechanism": "PLAIN",
            "sasl.username": "piistream", "sasl.password": "pw-for-tests-only"}
    recs = [(f"k{i}".encode(), f"user {i} mail u{i}@example.org ok".encode()) for i in range(40)]
    coords = produce(sasl_kafka.sasl_bootstrap, prefix + "logs.raw", recs, **sasl)
    w = Worker("unused:1", prefix, None, "--families", "logs", "--role", "detect",
               env={"PIISTREAM_CONFIG": str(conf)})
    i = w.cmd.index("--broker")
    del w.cmd[i:i + 2]
    with w:
        msgs = drain_sasl(sasl_kafka.sasl_bootstrap, prefix, sasl, len(recs))
    assert len(msgs) == len(recs), w.stop().decode()[-3000:]
    assert all(m.value().endswith(b"mail [EMAIL_ADDRESS] ok") for m in msgs)
    # replay over SASL: the same range to a file
    out = tmp_path / "replayed.jsonl"
    r = subprocess.run([sys.executable, "-m", "piistream", "replay", "--from-topic", prefix + "logs.raw",
                        "--output", str(out), "--no-checkpoint", "--processes", "1", "-q"],
                       env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    red = [x for x in lines if x["topic"] == prefix + "logs.redacted"]
    assert sorted(int(dict(x["headers"])["piistream-src-offset"]) for x in red) == \
        sorted(o for _, o in coords)
    # a wrong password is refused
    pw.write_text("not-the-password")
    r = subprocess.run([sys.executable, "-m", "piistream", "topics", "apply"], env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode != 0


def drain_sasl(bootstrap, prefix, sasl, n, timeout=150):
    import uuid

    from confluent_kafka import Consumer
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": f"d-{uuid.uuid4().hex}",
                  "auto.offset.reset": "earliest", **sasl})
    c.subscribe([prefix + "logs.redacted"])
    got, deadline = [], time.time() + timeout
    while len(got) < n and time.time() < deadline:
        got += [m for m in c.consume(500, timeout=0.5) if not m.error()]
    c.close()
    return got
