"""Helpers for tests against the real broker: topics, worker processes, produce, drain."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass

from confluent_kafka import Consumer, Producer, TopicPartition

from piistream.topics.admin import apply_topics

LOGICAL = ("logs.raw", "docs.raw", "logs.redacted", "docs.redacted", "pii.verify", "pii.alerts",
           "pii.dlq")


def new_prefix() -> str:
    return f"t{uuid.uuid4().hex[:8]}."


def setup_topics(bootstrap: str, prefix: str) -> None:
    report = apply_topics(bootstrap, env="dev", prefix=prefix)
    assert report.ok, [r for r in report.rows]


@dataclass
class Msg:
    topic: str       # logical name (prefix removed)
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    headers: dict[str, bytes]
    header_list: list


def produce(bootstrap: str, topic: str, records, headers=None, **config) -> list[tuple[int, int]]:
    """Produce (key, value[, headers]) records; returns (partition, offset) for each, in order."""
    p = Producer({"bootstrap.servers": bootstrap, "linger.ms": 5, "enable.idempotence": True,
                  "message.max.bytes": 4 << 20, "allow.auto.create.topics": False, **config})
    coords: list = [None] * len(records)

    def cb(i):
        def done(err, m):
            assert err is None, err
            coords[i] = (m.partition(), m.offset())
        return done

    for i, rec in enumerate(records):
        key, value = rec[0], rec[1]
        hdrs = rec[2] if len(rec) > 2 else headers
        while True:
            try:
                p.produce(topic, key=key, value=value, headers=hdrs, on_delivery=cb(i))
                break
            except BufferError:
                p.poll(0.1)
        p.poll(0)
    assert p.flush(60) == 0
    return coords


def drain(bootstrap: str, prefix: str, names, until, timeout: float = 120.0) -> list[Msg]:
    """Read the named topics from the beginning until ``until(msgs)`` is true (or time out)."""
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": f"drain-{uuid.uuid4().hex}",
                  "auto.offset.reset": "earliest", "enable.auto.commit": False})
    c.subscribe([prefix + n for n in names])
    msgs: list[Msg] = []
    deadline = time.time() + timeout
    try:
        while time.time() < deadline and not until(msgs):
            for m in c.consume(2000, timeout=0.5):
                if m.error():
                    continue
                hl = m.headers() or []
                msgs.append(Msg(m.topic()[len(prefix):], m.partition(), m.offset(), m.key(),
                                m.value(), dict(hl), hl))
    finally:
        c.close()
    return msgs


def count(msgs, *names) -> int:
    return sum(1 for m in msgs if m.topic in names)


def src(m: Msg) -> tuple[str, int, int]:
    return (m.headers["piistream-src-topic"].decode(), int(m.headers["piistream-src-partition"]),
            int(m.headers["piistream-src-offset"]))


class Worker:
    """`piistream worker` in a subprocess (its own process group)."""

    def __init__(self, bootstrap: str, prefix: str, app_id: str | None = None, *extra: str,
                 env: dict | None = None):
        self.cmd = [sys.executable, "-m", "piistream", "worker", "--broker", bootstrap,
                    "--prefix", prefix, "--app-id", app_id or f"w-{prefix.rstrip('.')}",
                    "--no-apply", "--datadir", f"/tmp/piistream-test-{prefix.rstrip('.')}",
                    "--metrics-port", "0", *extra]
        # the verifier is off unless a test turns it on: most tests pin the fail-closed path
        self.env = {**os.environ, "PIISTREAM_HMAC_KEY": "test-hmac-key-0123456789",
                    "PIISTREAM_VERIFIER": "off", **(env or {})}
        self.proc: subprocess.Popen | None = None

    def start(self) -> "Worker":
        # stderr to a file: a worker logs a lot while the broker is away, a pipe nobody reads
        # fills up and blocks it
        self.log = tempfile.NamedTemporaryFile(prefix="piistream-worker-", suffix=".log", delete=False)
        self.proc = subprocess.Popen(self.cmd, env=self.env, start_new_session=True,
                                     stdout=subprocess.DEVNULL, stderr=self.log)
        return self

    def kill9(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> bytes:
        """SIGTERM, then SIGKILL; returns what the worker wrote on stderr."""
        if self.proc is None:
            return b""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill9()
        own_log = getattr(self, "log", None)
        if own_log is None or own_log.closed:
            return b""
        own_log.close()
        with open(own_log.name, "rb") as f:
            err = f.read()
        os.unlink(own_log.name)
        return err

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def committed(bootstrap: str, group: str, topic: str, partitions: int) -> dict[int, int]:
    """The group's committed offsets. Retries while the group coordinator is still being set up
    (NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS on a freshly started broker), at most 30 s."""
    from confluent_kafka import KafkaError, KafkaException

    retry = (KafkaError.NOT_COORDINATOR, KafkaError.COORDINATOR_LOAD_IN_PROGRESS,
             KafkaError.COORDINATOR_NOT_AVAILABLE)
    deadline = time.monotonic() + 30
    while True:
        c = Consumer({"bootstrap.servers": bootstrap, "group.id": group})
        try:
            tps = c.committed([TopicPartition(topic, p) for p in range(partitions)], timeout=10)
            return {tp.partition: tp.offset for tp in tps}
        except KafkaException as e:
            if e.args[0].code() not in retry or time.monotonic() > deadline:
                raise
        finally:
            c.close()
        time.sleep(0.5)


def uncertain_line() -> bytes:
    """A log line that the shipped detector puts in the uncertain band (so it goes through
    ``pii.verify``): the first of a few known PII-shaped-but-doubtful lines, then generated lines.
    Chosen at run time so the tests follow the shipped model, not one model's scores."""
    from piistream.train.data import generate
    from piistream.models.records import Processor

    proc = Processor()
    lines = [b"order 4111 1111 1111 1111 shipped", b"ref 536-22-1234 closed",
             b"id 021000021 queued", b"call 415 555 0132 later"]
    lines += [r.text.encode() for r in generate(4000, seed=77, pii_rate=0.5) if r.fmt == "text"]
    for line in lines:
        res = proc.process([line])[0]
        if res.uncertain and res.error is None:
            return line
    raise AssertionError("no uncertain line found for the shipped detector")
