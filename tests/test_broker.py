"""Tests for piistream.dev.broker against a real Apache Kafka broker (KRaft, from Maven jars).

The ``kafka`` session fixture starts one broker per test session (a JVM with up to
512 MB heap, a few seconds to start); tests use uniquely named topics. Run only these with
``pytest -m kafka``, skip them with ``-m "not kafka"``.
"""

from __future__ import annotations

import shutil
import time
import uuid
from pathlib import Path

import pytest

from piistream.dev import broker as broker_mod
from piistream.dev.broker import EmbeddedKafka

REPO = Path(__file__).resolve().parent.parent


def _unique_topic(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def _create_topic(bootstrap: str, name: str, partitions: int) -> None:
    from confluent_kafka.admin import AdminClient, NewTopic

    admin = AdminClient({"bootstrap.servers": bootstrap})
    futures = admin.create_topics([NewTopic(name, num_partitions=partitions, replication_factor=1)])
    futures[name].result(timeout=30)
    deadline = time.monotonic() + 30
    while True:  # wait until every partition has a leader
        md = admin.list_topics(topic=name, timeout=10).topics.get(name)
        if md is not None and md.error is None and len(md.partitions) == partitions and all(
            p.leader >= 0 for p in md.partitions.values()
        ):
            return
        assert time.monotonic() < deadline, f"topic {name} not ready: {md}"
        time.sleep(0.2)


def _produce(bootstrap: str, topic: str, payloads: list[bytes]) -> None:
    from confluent_kafka import Producer

    errors = []
    delivered = []

    def on_delivery(err, msg):
        (errors if err is not None else delivered).append(err or msg.partition())

    producer = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True})
    for i, payload in enumerate(payloads):
        producer.produce(topic, value=payload, key=str(i).encode(), on_delivery=on_delivery)
        producer.poll(0)
    remaining = producer.flush(30)
    assert remaining == 0, f"{remaining} messages not delivered"
    assert errors == []
    assert len(delivered) == len(payloads)


def _consume(bootstrap: str, topic: str, expected: int, timeout: float = 60) -> list:
    """Read the topic from the beginning until ``expected`` messages (plus a short grace
    period to catch duplicates) or ``timeout``; returns all messages read."""
    from confluent_kafka import Consumer

    consumer = Consumer({
        "bootstrap.servers": bootstrap,
        "group.id": f"test-{uuid.uuid4().hex[:8]}",
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
    })
    consumer.subscribe([topic])
    messages = []
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(messages) < expected:
            batch = consumer.consume(num_messages=500, timeout=1.0)
            for msg in batch:
                assert msg.error() is None, msg.error()
                messages.append(msg)
        grace = time.monotonic() + 1.5  # anything beyond `expected` is a bug
        while time.monotonic() < grace:
            for msg in consumer.consume(num_messages=500, timeout=0.5):
                assert msg.error() is None, msg.error()
                messages.append(msg)
    finally:
        consumer.close()
    return messages


def test_pom_file_matches_inline_pom():
    assert (REPO / "deploy" / "kafka" / "pom.xml").read_text() == broker_mod.POM
    assert f"<kafka.version>{broker_mod.KAFKA_VERSION}</kafka.version>" in broker_mod.POM


@pytest.mark.kafka
def test_produce_and_consume_1000_messages(kafka):
    bootstrap = kafka.bootstrap
    assert bootstrap.startswith("127.0.0.1:")
    topic = _unique_topic("roundtrip")
    _create_topic(bootstrap, topic, partitions=3)

    payloads = [f"message-{i:04d}".encode() for i in range(1000)]
    _produce(bootstrap, topic, payloads)

    messages = _consume(bootstrap, topic, expected=1000)
    assert len(messages) == 1000
    assert {m.value() for m in messages} == set(payloads)
    assert {m.partition() for m in messages} == {0, 1, 2}
    assert all(m.topic() == topic for m in messages)


@pytest.mark.kafka
def test_restart_keeps_topic_and_data(kafka):
    from confluent_kafka.admin import AdminClient

    bootstrap = kafka.bootstrap
    topic = _unique_topic("restart")
    _create_topic(bootstrap, topic, partitions=1)
    payloads = [f"before-restart-{i}".encode() for i in range(10)]
    _produce(bootstrap, topic, payloads)
    old_pids = kafka.pids

    kafka.restart()

    assert kafka.bootstrap == bootstrap
    assert kafka.pids != old_pids
    md = AdminClient({"bootstrap.servers": bootstrap}).list_topics(timeout=10)
    assert topic in md.topics and len(md.topics[topic].partitions) == 1
    messages = _consume(bootstrap, topic, expected=10)
    assert [m.value() for m in messages] == payloads
    assert [m.offset() for m in messages] == list(range(10))
