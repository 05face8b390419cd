"""The Kafka topics of the pipeline, as code.

    logs.raw  --+                          +--> logs.redacted
                +--> detect/redact --------+--> docs.redacted
    docs.raw  --+         |    \\           +--> pii.alerts
                          |     +--> pii.verify --> verification stage --> *.redacted, pii.alerts
                          +--> pii.dlq (undecodable input, original bytes)

``topics_for(env, prefix)`` gives the :class:`TopicSpec` list for an environment; the admin
code in :mod:`piistream.topics.admin` makes a cluster match it. Inputs, outputs and
``pii.verify`` share one partition count so that a key's records stay co-partitioned
through every stage.

Topics marked ``holds_raw_pii`` carry raw (unredacted) data: keep their retention short,
restrict their ACLs to the pipeline's own principals, and never mirror them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# logical names
LOGS_RAW = "logs.raw"
DOCS_RAW = "docs.raw"
LOGS_REDACTED = "logs.redacted"
DOCS_REDACTED = "docs.redacted"
PII_VERIFY = "pii.verify"
PII_ALERTS = "pii.alerts"
PII_DLQ = "pii.dlq"

LOGICAL_NAMES = (LOGS_RAW, DOCS_RAW, LOGS_REDACTED, DOCS_REDACTED, PII_VERIFY, PII_ALERTS, PII_DLQ)
ENVS = ("dev", "prod")

# input -> output (same partition count, same key)
REDACTED_OF = {LOGS_RAW: LOGS_REDACTED, DOCS_RAW: DOCS_REDACTED}

# headers piistream puts on its outputs: source coordinates (every output), the detector's
# version, the entity counts and whether the verifier decided (redacted records), the reason
# (pii.dlq; schemas/dlq.json)
H_SRC_TOPIC = "piistream-src-topic"
H_SRC_PARTITION = "piistream-src-partition"
H_SRC_OFFSET = "piistream-src-offset"
H_DETECTOR = "piistream-detector"
H_ENTITIES = "piistream-entities"
H_VERIFIED = "piistream-verified"
H_ERROR = "piistream-error"
OWN_HEADERS = frozenset((H_SRC_TOPIC, H_SRC_PARTITION, H_SRC_OFFSET, H_DETECTOR, H_ENTITIES,
                         H_VERIFIED, H_ERROR))

# the format of each input topic's records
FORMAT_OF = {LOGS_RAW: "text", DOCS_RAW: "json"}
# largest value sent to a topic with the broker's default max.message.bytes (1 MiB including the
# batch overhead and headers), and to the topics that wrap an input record (4 MiB, below)
MAX_OUTPUT_BYTES = 1_000_000
MAX_WRAPPED_BYTES = 4_000_000

HOUR_MS = 3_600_000
DAY_MS = 24 * HOUR_MS

# Kafka's rule for topic names: [a-zA-Z0-9._-], at most 249 characters.
_LEGAL = re.compile(r"^[A-Za-z0-9._-]*$")
_MAX_NAME = 249


@dataclass(frozen=True)
class TopicSpec:
    """Desired state of one topic.

    ``value_schema``: file name in ``piistream/topics/schemas`` describing the record value,
    None when the value is opaque bytes. ``headers_schema``: same, for the record headers
    (only ``pii.dlq``). ``extra_configs``: topic configs beyond retention.ms/cleanup.policy,
    values as strings (treat as read-only; it is left out of the hash).
    """

    name: str
    partitions: int
    replication: int
    retention_ms: int
    cleanup_policy: str
    description: str
    value_schema: str | None
    holds_raw_pii: bool
    extra_configs: dict[str, str] = field(default_factory=dict, hash=False)
    headers_schema: str | None = None

    def configs(self) -> dict[str, str]:
        """Every topic config this spec manages, as strings (what Kafka is sent)."""
        out = {"retention.ms": str(self.retention_ms), "cleanup.policy": self.cleanup_policy}
        out.update({k: str(v) for k, v in self.extra_configs.items()})
        return out


def check_prefix(prefix: str) -> str:
    if not _LEGAL.match(prefix):
        raise ValueError(f"topic prefix {prefix!r}: only letters, digits, '.', '_' and '-' are allowed")
    longest = max(len(n) for n in LOGICAL_NAMES)
    if len(prefix) + longest > _MAX_NAME:
        raise ValueError(f"topic prefix {prefix!r} is too long (topic names are at most {_MAX_NAME} chars)")
    return prefix


def names(prefix: str = "") -> dict[str, str]:
    """Logical name -> actual topic name, e.g. ``names("t123.")["logs.raw"] == "t123.logs.raw"``."""
    check_prefix(prefix)
    return {n: prefix + n for n in LOGICAL_NAMES}


NAMES = names()  # with no prefix


# (partitions of inputs/outputs/pii.verify, pii.alerts, pii.dlq), replication, extra configs
_ENV = {
    "dev": {"io": 4, "alerts": 1, "dlq": 1, "replication": 1, "configs": {}},
    "prod": {"io": 12, "alerts": 6, "dlq": 3, "replication": 3,
             "configs": {"min.insync.replicas": "2"}},
}

# pii.verify and pii.dlq wrap or copy an input record plus metadata (pii.verify JSON-escapes
# it), so a record near the default 1 MiB limit on an input topic must still fit there.
# Producers writing these topics need message.max.bytes raised to match.
_WRAPPED_MAX_BYTES = {"max.message.bytes": str(4 * 1024 * 1024)}


def topics_for(env: str, prefix: str = "") -> list[TopicSpec]:
    """The topic specs for ``env`` ('dev' or 'prod'), names prefixed with ``prefix``."""
    try:
        e = _ENV[env]
    except KeyError:
        raise ValueError(f"unknown env {env!r}; expected one of {', '.join(ENVS)}") from None
    n = names(prefix)
    io, rf, base = e["io"], e["replication"], e["configs"]

    def spec(logical, partitions, retention_ms, description, value_schema, raw, extra=None,
             headers_schema=None):
        return TopicSpec(
            name=n[logical], partitions=partitions, replication=rf, retention_ms=retention_ms,
            cleanup_policy="delete", description=description, value_schema=value_schema,
            holds_raw_pii=raw, extra_configs={**base, **(extra or {})},
            headers_schema=headers_schema,
        )

    return [
        spec(LOGS_RAW, io, DAY_MS,
             "INPUT, RAW PII: log lines (UTF-8 text, one per record) as produced by applications. "
             "Short retention; readable only by the redactor.", None, True),
        spec(DOCS_RAW, io, DAY_MS,
             "INPUT, RAW PII: JSON documents as produced by applications. "
             "Short retention; readable only by the redactor.", None, True),
        spec(LOGS_REDACTED, io, 7 * DAY_MS,
             "OUTPUT: redacted log lines (UTF-8 text), same key and partition as in logs.raw.",
             "redacted-text.json", False),
        spec(DOCS_REDACTED, io, 7 * DAY_MS,
             "OUTPUT: redacted JSON documents, same key and partition as in docs.raw.",
             "redacted-json.json", False),
        spec(PII_VERIFY, io, DAY_MS,
             "INTERNAL -- HOLDS RAW PII: records with uncertain detections waiting for the "
             "verification stage; each value carries the full raw record, key and headers. "
             "Never expose, mirror or sink this topic. Short retention: a record not verified "
             "within it is lost (never reaches *.redacted).",
             "verify.json", True, _WRAPPED_MAX_BYTES),
        spec(PII_ALERTS, e["alerts"], 30 * DAY_MS,
             "OUTPUT: one alert per record with PII: source position, entity types, offsets, "
             "scores and keyed HMAC tokens. Never carries a raw value.",
             "alert.json", False),
        spec(PII_DLQ, e["dlq"], 7 * DAY_MS,
             "DEAD LETTERS -- HOLDS RAW DATA (may contain raw PII): input records that could not "
             "be processed, with the ORIGINAL key and value bytes unchanged; the reason and the "
             "source position are in piistream-* headers. Restrict access like the raw inputs.",
             None, True, _WRAPPED_MAX_BYTES, headers_schema="dlq.json"),
    ]
