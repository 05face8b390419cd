"""Topics as code: specs, JSON Schemas, and apply_topics against a real Kafka broker.

The broker tests (``-m kafka``) use unique topic prefixes, so they can share a broker with
other tests.
"""
from __future__ import annotations

import shutil
import time
import uuid

import jsonschema
import pytest

from piistream import topics
from piistream.models.entities import ENTITY_TYPES
from piistream.topics import (DOCS_RAW, DOCS_REDACTED, LOGICAL_NAMES, LOGS_RAW, LOGS_REDACTED,
                              NAMES, PII_ALERTS, PII_DLQ, PII_VERIFY, REDACTED_OF, SCHEMA_NAMES,
                              load_schema, names, topics_for, validate)

RAW_PII = {LOGS_RAW, DOCS_RAW, PII_VERIFY, PII_DLQ}
DAY_MS = 86_400_000


def by_logical(env: str, prefix: str = "") -> dict:
    return {s.name[len(prefix):]: s for s in topics_for(env, prefix)}


# --------------------------------------------------------------------------- specs


@pytest.mark.parametrize("env", ["dev", "prod"])
def test_specs_are_sane(env):
    specs = topics_for(env)
    assert [s.name for s in specs] == list(LOGICAL_NAMES)
    assert len({s.name for s in specs}) == 7
    want_rf = {"dev": 1, "prod": 3}[env]
    for s in specs:
        assert s.partitions >= 1 and s.replication == want_rf
        assert s.retention_ms > 0 and s.cleanup_policy == "delete"
        assert s.description
        assert s.holds_raw_pii == (s.name in RAW_PII), s.name
        cfg = s.configs()
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in cfg.items())
        assert cfg["retention.ms"] == str(s.retention_ms)
        if env == "prod":
            assert cfg["min.insync.replicas"] == "2"
            assert int(cfg["min.insync.replicas"]) < s.replication
        else:
            assert "min.insync.replicas" not in cfg
        for sch in (s.value_schema, s.headers_schema):
            if sch is not None:
                load_schema(sch)
        hash(s)  # frozen and hashable despite the dict field


@pytest.mark.parametrize("env", ["dev", "prod"])
def test_inputs_outputs_and_verify_are_co_partitioned(env):
    t = by_logical(env)
    assert REDACTED_OF == {LOGS_RAW: LOGS_REDACTED, DOCS_RAW: DOCS_REDACTED}
    for raw, red in REDACTED_OF.items():
        assert t[raw].partitions == t[red].partitions
    # the verification stage re-emits into *.redacted by the same key
    assert t[PII_VERIFY].partitions == t[LOGS_RAW].partitions


def test_env_specific_values():
    dev, prod = by_logical("dev"), by_logical("prod")
    assert dev[LOGS_RAW].partitions == 4 and dev[DOCS_REDACTED].partitions == 4
    assert dev[PII_DLQ].partitions == 1
    assert prod[LOGS_RAW].partitions > dev[LOGS_RAW].partitions
    # short retention where raw PII lives
    for env in (dev, prod):
        for name in (LOGS_RAW, DOCS_RAW, PII_VERIFY):
            assert env[name].retention_ms <= DAY_MS
        assert env[LOGS_REDACTED].retention_ms == 7 * DAY_MS
        assert env[PII_ALERTS].retention_ms == 30 * DAY_MS
        assert env[PII_DLQ].retention_ms == 7 * DAY_MS
        assert "RAW PII" in env[PII_VERIFY].description and "INTERNAL" in env[PII_VERIFY].description
        assert "RAW DATA" in env[PII_DLQ].description
    assert prod[PII_ALERTS].value_schema == "alert.json"
    assert prod[PII_VERIFY].value_schema == "verify.json"
    assert prod[PII_DLQ].value_schema is None and prod[PII_DLQ].headers_schema == "dlq.json"
    assert prod[LOGS_REDACTED].value_schema == "redacted-text.json"
    assert prod[DOCS_REDACTED].value_schema == "redacted-json.json"


def test_prefix_and_names():
    assert NAMES[LOGS_RAW] == "logs.raw"
    n = names("t123.")
    assert n[LOGS_RAW] == "t123.logs.raw" and n[PII_DLQ] == "t123.pii.dlq"
    assert [s.name for s in topics_for("dev", "t123.")] == [n[x] for x in LOGICAL_NAMES]
    for bad in ("t 1.", "t/1.", "ü.", "x" * 250):
        with pytest.raises(ValueError):
            topics_for("dev", bad)
    with pytest.raises(ValueError, match="unknown env"):
        topics_for("staging")


# --------------------------------------------------------------------------- schemas


def good_alert() -> dict:
    return {
        "source": {"topic": "logs.raw", "partition": 3, "offset": 1234},
        "key_token": "[KEY:k1:00112233445566ff]",
        "detector": "rules-1",
        "verified": None,
        "stage": "detect",
        "ts": 1_732_500_000_000,
        "counts": {"US_SSN": 1, "EMAIL_ADDRESS": 1},
        "entities": [
            {"type": "US_SSN", "start": 10, "end": 21, "score": 0.93, "stage": "rules",
             "token": "[US_SSN:k1:0123456789abcdef]"},
            {"type": "EMAIL_ADDRESS", "start": 30, "end": 47, "score": 0.99, "stage": "rules",
             "token": "[EMAIL_ADDRESS:k1:fedcba9876543210]", "path": "user.email"},
        ],
    }


def good_verify() -> dict:
    return {
        "source": {"topic": "docs.raw", "partition": 0, "offset": 7},
        "fmt": "json",
        "record": '{"ssn": "123-45-6789"}',
        "headers": [["traceparent", "00-abc-def-01"]],
        "key": "dXNlci00Mg==",
        "enqueued_ms": 1_732_500_000_123.5,
        "entities": [{"type": "US_SSN", "start": 0, "end": 11, "score": 0.5, "stage": "rules",
                      "decision": "uncertain", "path": "ssn"}],
    }


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_every_schema_loads_and_is_valid_2020_12(name):
    schema = load_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert load_schema(name + ".json") == schema
    assert topics.validator(name) is topics.validator(name + ".json")  # cached


def test_unknown_schema():
    with pytest.raises(ValueError, match="unknown schema"):
        load_schema("nope")


def test_alert_schema():
    validate("alert", good_alert())
    a = good_alert()
    a["key_token"] = None
    a["verified"] = True
    validate("alert", a)
    assert set(load_schema("alert")["$defs"]["entity_type"]["enum"]) == set(ENTITY_TYPES)


@pytest.mark.parametrize("mutate", [
    pytest.param(lambda a: a["entities"][0].__setitem__("value", "123-45-6789"), id="entity-value"),
    pytest.param(lambda a: a.__setitem__("value", "123-45-6789"), id="top-level-value"),
    pytest.param(lambda a: a["entities"][0].__setitem__("token", "123-45-6789"), id="raw-as-token"),
    pytest.param(lambda a: a["entities"][0].__setitem__("token", "[US_SSN]"), id="unkeyed-token"),
    pytest.param(lambda a: a.__setitem__("key_token", "user-42"), id="raw-key"),
    pytest.param(lambda a: a["entities"][0].__setitem__("type", "PERSON"), id="unknown-type"),
    pytest.param(lambda a: a["counts"].__setitem__("PERSON", 1), id="unknown-count-type"),
    pytest.param(lambda a: a["source"].__setitem__("record", "x"), id="source-extra"),
    pytest.param(lambda a: a.pop("ts"), id="missing-ts"),
])
def test_alert_schema_rejects(mutate):
    a = good_alert()
    mutate(a)
    with pytest.raises(jsonschema.ValidationError):
        validate("alert", a)


def test_verify_schema():
    validate("verify", good_verify())
    v = good_verify()
    v["key"] = None
    v["headers"] = []
    v["fmt"] = "text"
    validate("verify", v)
    for mutate in (
        lambda v: v["entities"][0].__setitem__("token", "[US_SSN:k1:0123456789abcdef]"),
        lambda v: v["entities"][0].__setitem__("decision", "clean"),
        lambda v: v.__setitem__("fmt", "xml"),
        lambda v: v.__setitem__("key", "not base64!"),
        lambda v: v["headers"].append(["a", "b", "c"]),
        lambda v: v["headers"].append(["a"]),
    ):
        bad = good_verify()
        mutate(bad)
        with pytest.raises(jsonschema.ValidationError):
            validate("verify", bad)


def test_dlq_and_redacted_schemas():
    hdrs = {topics.H_ERROR: "invalid UTF-8", topics.H_SRC_TOPIC: "logs.raw",
            topics.H_SRC_PARTITION: "2", topics.H_SRC_OFFSET: "99",
            "traceparent": "00-abc"}
    validate("dlq", hdrs)
    for k, v in ((topics.H_SRC_OFFSET, "-1"), (topics.H_SRC_PARTITION, "x")):
        with pytest.raises(jsonschema.ValidationError):
            validate("dlq", {**hdrs, k: v})
    with pytest.raises(jsonschema.ValidationError):
        validate("dlq", {k: v for k, v in hdrs.items() if k != topics.H_ERROR})
    validate("redacted-text", "user [US_SSN] logged in")
    with pytest.raises(jsonschema.ValidationError):
        validate("redacted-text", {"line": "x"})
    for doc in ({"a": [1, None]}, [1], "s", 3, None):
        validate("redacted-json", doc)


def test_report_render_without_broker():
    from rich.console import Console

    from piistream.topics.admin import TopicReport, TopicRow

    r = TopicReport(env="dev", bootstrap="b:9092", rows=[
        TopicRow("t.logs.raw", "ok"), TopicRow("t.pii.dlq", "drift", "retention.ms: 1, want 2")])
    assert not r.ok and r.row("pii.dlq").action == "drift" and r.row("t.logs.raw").action == "ok"
    console = Console(record=True, width=120)
    console.print(r.render())
    out = console.export_text()
    assert "t.pii.dlq" in out and "retention.ms" in out and "drift" in out


def _prefix() -> str:
    return f"t{uuid.uuid4().hex[:10]}."


def _admin(bootstrap):
    from confluent_kafka.admin import AdminClient

    return AdminClient({"bootstrap.servers": bootstrap})


def _topic_configs(admin, name: str) -> dict[str, str]:
    from confluent_kafka.admin import ConfigResource, ResourceType

    res = ConfigResource(ResourceType.TOPIC, name)
    entries = admin.describe_configs([res])[res].result(timeout=30)
    return {k: e.value for k, e in entries.items()}


def _partitions(admin, name: str) -> int:
    # not list_topics(topic=name): for a missing topic that auto-creates it (see report)
    return len(admin.list_topics(timeout=10).topics[name].partitions)


def _prefixed(admin, prefix: str) -> set[str]:
    return {t for t in admin.list_topics(timeout=10).topics if t.startswith(prefix)}


@pytest.mark.kafka
def test_apply_creates_then_ok(kafka):
    from piistream.topics.admin import apply_topics

    bootstrap, prefix = kafka.bootstrap, _prefix()
    admin = _admin(bootstrap)

    dry = apply_topics(bootstrap, prefix=prefix, dry_run=True)
    assert set(dry.actions().values()) == {"would-create"} and dry.ok
    assert _prefixed(admin, prefix) == set()

    report = apply_topics(bootstrap, env="dev", prefix=prefix)
    assert report.ok, report.rows
    assert report.actions() == {prefix + n: "created" for n in LOGICAL_NAMES}
    assert _prefixed(admin, prefix) == {prefix + n for n in LOGICAL_NAMES}
    for spec in topics_for("dev", prefix):
        assert _partitions(admin, spec.name) == spec.partitions
        cfg = _topic_configs(admin, spec.name)
        assert cfg["retention.ms"] == str(spec.retention_ms)
        for k, v in spec.configs().items():
            assert cfg[k] == v, (spec.name, k)

    again = apply_topics(bootstrap, env="dev", prefix=prefix)
    assert again.ok
    assert set(again.actions().values()) == {"ok"}, again.rows


@pytest.mark.kafka
def test_apply_reports_config_drift(kafka):
    from confluent_kafka.admin import (AlterConfigOpType, ConfigEntry, ConfigResource,
                                       ResourceType)

    from piistream.topics.admin import apply_topics

    bootstrap, prefix = kafka.bootstrap, _prefix()
    assert apply_topics(bootstrap, prefix=prefix).ok
    admin = _admin(bootstrap)
    name = prefix + LOGS_REDACTED
    res = ConfigResource(ResourceType.TOPIC, name, incremental_configs=[
        ConfigEntry("retention.ms", "3600000", incremental_operation=AlterConfigOpType.SET),
        ConfigEntry("segment.ms", "600000", incremental_operation=AlterConfigOpType.SET)])
    admin.incremental_alter_configs([res])[res].result(timeout=30)
    deadline = time.monotonic() + 30
    while _topic_configs(admin, name)["retention.ms"] != "3600000":
        assert time.monotonic() < deadline
        time.sleep(0.2)

    report = apply_topics(bootstrap, prefix=prefix)
    assert not report.ok
    row = report.row(LOGS_REDACTED)
    assert row.action == "drift"
    assert "retention.ms: 3600000" in row.details and str(7 * DAY_MS) in row.details
    assert "also set: segment.ms=600000" in row.details  # unmanaged override: a note only
    assert {r.topic for r in report.rows if r.action != "ok"} == {name}
    # apply never alters configs
    assert _topic_configs(admin, name)["retention.ms"] == "3600000"


@pytest.mark.kafka
def test_apply_reports_and_fixes_partition_drift(kafka):
    from confluent_kafka.admin import NewTopic

    from piistream.topics.admin import apply_topics

    bootstrap, prefix = kafka.bootstrap, _prefix()
    admin = _admin(bootstrap)
    few, many = prefix + LOGS_RAW, prefix + PII_DLQ
    futs = admin.create_topics([
        NewTopic(few, num_partitions=2, replication_factor=1,
                 config={"retention.ms": str(DAY_MS), "cleanup.policy": "delete"}),
        NewTopic(many, num_partitions=3, replication_factor=1,
                 config=by_logical("dev")[PII_DLQ].configs()),
    ])
    for f in futs.values():
        f.result(timeout=30)

    report = apply_topics(bootstrap, prefix=prefix)
    assert not report.ok
    assert report.row(LOGS_RAW).action == "drift"
    assert "partitions: 2, want 4" in report.row(LOGS_RAW).details
    assert report.row(PII_DLQ).action == "drift"
    assert "partitions: 3, want 1" in report.row(PII_DLQ).details
    assert report.row(DOCS_RAW).action == "created"

    dry = apply_topics(bootstrap, prefix=prefix, fix_partitions=True, dry_run=True)
    assert "would add 2" in dry.row(LOGS_RAW).details and not dry.ok
    assert _partitions(admin, few) == 2

    fixed = apply_topics(bootstrap, prefix=prefix, fix_partitions=True)
    assert fixed.row(LOGS_RAW).action == "fixed", fixed.row(LOGS_RAW)
    assert "2 -> 4" in fixed.row(LOGS_RAW).details
    assert fixed.row(PII_DLQ).action == "drift"  # never shrunk
    assert not fixed.ok
    assert _partitions(admin, few) == 4 and _partitions(admin, many) == 3

    final = apply_topics(bootstrap, prefix=prefix)
    assert final.row(LOGS_RAW).action == "ok"
    assert final.row(PII_DLQ).action == "drift"


@pytest.mark.kafka
def test_prod_specs_on_a_single_broker_are_errors_not_creations(kafka):
    from piistream.topics.admin import apply_topics

    bootstrap, prefix = kafka.bootstrap, _prefix()
    for dry_run in (True, False):
        report = apply_topics(bootstrap, env="prod", prefix=prefix, dry_run=dry_run)
        assert not report.ok
        assert set(report.actions().values()) == {"error"}
        assert all("INVALID_REPLICATION_FACTOR" in r.details for r in report.rows)
    assert _prefixed(_admin(bootstrap), prefix) == set()
