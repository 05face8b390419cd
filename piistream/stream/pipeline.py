"""What the streaming agents do with a batch of consumed records, free of Faust and Kafka.

``Router.route`` turns each consumed record into the messages to publish for it, in order:

- a clean or confidently detected record: the redacted record to ``<family>.redacted`` (same key,
  original headers kept, plus ``piistream-*`` headers), and, if anything was found, an alert to
  ``pii.alerts`` (types, counts, scores, stage, keyed tokens of the values, source coordinates;
  never a raw value);
- a record with candidates in the uncertain band: one message to ``pii.verify`` (internal, holds
  the raw record) for the verification stage, which publishes its redacted record and alert;
- bad input (empty, invalid UTF-8, NUL bytes, oversize, invalid JSON on a JSON topic, or an
  internal error on this record): the original bytes to ``pii.dlq`` with the reason and the
  source coordinates in headers.

Every input yields at least one output, so "every input offset has an output" is checkable.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import time
from dataclasses import dataclass, field

import orjson

from ..models.records import Processor, RecordResult
from ..models.redact import load_hmac_key, normalize

log = logging.getLogger("piistream.stream")

H_SRC_TOPIC = "piistream-src-topic"
H_SRC_PARTITION = "piistream-src-partition"
H_SRC_OFFSET = "piistream-src-offset"
H_DETECTOR = "piistream-detector"
H_ENTITIES = "piistream-entities"
H_VERIFIED = "piistream-verified"
H_ERROR = "piistream-error"
# Largest value the Router sends to a topic with the broker's default max.message.bytes (1 MiB
# including the batch overhead and headers), and to pii.verify (4 MiB, see topics/definitions.py).
MAX_OUTPUT_BYTES = 1_000_000
MAX_VERIFY_BYTES = 4_000_000
OWN_HEADERS = frozenset((H_SRC_TOPIC, H_SRC_PARTITION, H_SRC_OFFSET, H_DETECTOR, H_ENTITIES,
                         H_VERIFIED, H_ERROR))


@dataclass(slots=True)
class InRecord:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: list[tuple[str, bytes]] = field(default_factory=list)


@dataclass(slots=True)
class Out:
    topic: str
    key: bytes | None
    value: bytes
    headers: list[tuple[str, bytes]]


@dataclass(frozen=True)
class Families:
    """Logical topic names (with the deployment's prefix) and each input's record format."""

    inputs: dict  # input topic -> (format, redacted topic)
    verify: str
    alerts: str
    dlq: str

    @classmethod
    def default(cls, prefix: str = "") -> "Families":
        p = prefix
        return cls({f"{p}logs.raw": ("text", f"{p}logs.redacted"),
                    f"{p}docs.raw": ("json", f"{p}docs.redacted")},
                   f"{p}pii.verify", f"{p}pii.alerts", f"{p}pii.dlq")


class Tokenizer:
    """Keyed tokens (HMAC-SHA256) for alerts: the same value gives the same token, so security
    teams can correlate alerts without ever seeing the value. Key from PIISTREAM_HMAC_KEY(_FILE);
    without one, a random per-process key is used (tokens then only correlate within a worker)."""

    def __init__(self, key: bytes | None = None, key_id: str = "k1"):
        if key is None:
            loaded = load_hmac_key()
            if loaded:
                key, key_id = loaded
            else:
                log.warning("no PIISTREAM_HMAC_KEY configured: alert tokens use an ephemeral key")
                key, key_id = os.urandom(32), "ephemeral"
        self._key = key
        self.key_id = key_id

    def __call__(self, etype: str, value: str) -> str:
        mac = hmac.new(self._key, f"{etype}:{normalize(etype, value)}".encode(), hashlib.sha256)
        return f"[{etype}:{self.key_id}:{mac.hexdigest()[:16]}]"

    def key_token(self, key: bytes | None) -> str | None:
        if key is None:
            return None
        mac = hmac.new(self._key, b"KEY:" + key, hashlib.sha256).hexdigest()[:16]
        return f"[KEY:{self.key_id}:{mac}]"


_TOPIC_HEADERS: dict[tuple[str, int], tuple] = {}


def _coords(r: InRecord) -> list[tuple[str, bytes]]:
    tp = _TOPIC_HEADERS.get((r.topic, r.partition))
    if tp is None:  # a few per worker: cached (this runs once per record)
        tp = _TOPIC_HEADERS[(r.topic, r.partition)] = (
            (H_SRC_TOPIC, r.topic.encode()), (H_SRC_PARTITION, str(r.partition).encode()))
    return [tp[0], tp[1], (H_SRC_OFFSET, b"%d" % r.offset)]


def _kept_headers(r: InRecord) -> list[tuple[str, bytes]]:
    # a record re-read from our own output keeps our headers out of the way of the new ones
    if not r.headers:
        return []
    return [(k, v) for k, v in r.headers if k not in OWN_HEADERS]


_VERIFIED = {None: (H_VERIFIED, b"n/a"), True: (H_VERIFIED, b"true"), False: (H_VERIFIED, b"false")}
_NO_ENTITIES = (H_ENTITIES, b"")


def entity_counts(entities: list[dict]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for e in entities:
        counts[e["type"]] = counts.get(e["type"], 0) + 1
    return counts


class Router:
    def __init__(self, processor: Processor | None = None, families: Families | None = None,
                 tokenizer: Tokenizer | None = None, verify_processor: Processor | None = None,
                 verify_deadline_s: float = 60.0):
        self.processor = processor or Processor()
        self.verify_processor = verify_processor
        self.verify_deadline_ms = verify_deadline_s * 1000
        self.stats = {"verified": 0, "fail_closed": 0, "fail_closed_deadline": 0,
                      "fail_closed_unavailable": 0, "fail_closed_error": 0}
        # counts since the last take_counts() (for metrics): ("detections", type, stage),
        # ("dlq", reason), ("verified",), ("fail_closed", why), ("stage_seconds", stage)
        self.counts: dict[tuple, float] = {}
        self.families = families or Families.default()
        self.tokenizer = tokenizer or Tokenizer()
        self.detector_version = self.processor.detector.version
        self._detector_header = (H_DETECTOR, self.detector_version.encode())

    # -- the detect path -------------------------------------------------------------------
    def route(self, records: list[InRecord], fmt: str, inline: bool = False) -> list[list[Out]]:
        """Outputs for each record of a batch from ONE input topic (one format). ``inline``
        (the replay tool): records with uncertain candidates are verified here, at once,
        instead of going through ``pii.verify``."""
        raws = [r.value if r.value else b"" for r in records]
        results = self.processor.process_safe(raws, fmt, tokenizer=self.tokenizer)
        out: list[list[Out] | None] = []
        pending: list[tuple[int, InRecord, float]] = []
        for r, res in zip(records, results):
            if not r.value:
                out.append([self.dlq(r, "empty: record has no value")])
            elif res.error is not None:
                out.append([self.dlq(r, res.error)])
            elif res.uncertain and inline:
                pending.append((len(out), r, time.time() * 1000))
                out.append(None)
            elif res.uncertain:
                out.append(self._fits(r, [self.to_verify(r, fmt, res)]))
            else:
                out.append(self._fits(r, self.publish(r, fmt, res, verified=None)))
        if pending:
            self._decide(fmt, pending, out)
        return out  # type: ignore[return-value]

    def _fits(self, r: InRecord, outs: list[Out]) -> list[Out]:
        """A redacted record can outgrow its topic's limit (tokens are longer than short values):
        then the record goes to the DLQ instead, so it can never block the partition."""
        for o in outs:
            limit = MAX_VERIFY_BYTES if o.topic == self.families.verify else MAX_OUTPUT_BYTES
            if len(o.value) > limit:
                return [self.dlq(r, f"output_too_large: {o.topic} value would be "
                                    f"{len(o.value)} bytes, limit {limit}")]
        return outs

    def _count(self, key: tuple, n: float = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def take_counts(self) -> dict[tuple, float]:
        """Counts since the last call, with the detection stages' seconds, then reset."""
        for proc in (self.processor, self.verify_processor):
            if proc is not None:
                for stage, sec in proc.detector.take_seconds().items():
                    if sec:
                        self._count(("stage_seconds", stage), sec)
        out, self.counts = self.counts, {}
        return out

    def publish(self, r: InRecord, fmt: str, res: RecordResult, verified: bool | None,
                stage: str | None = None) -> list[Out]:
        headers = _kept_headers(r)
        headers += _coords(r)
        headers.append(self._detector_header)
        redacted_topic = self.families.inputs[r.topic][1]
        if not res.entities:  # the common case: no findings, no alert
            headers.append(_NO_ENTITIES)
            headers.append(_VERIFIED[verified])
            return [Out(redacted_topic, r.key, res.redacted.encode(), headers)]
        counts = entity_counts(res.entities)
        for e in res.entities:
            self._count(("detections", e["type"], stage or e["stage"]))
        headers.append((H_ENTITIES, ",".join(f"{t}={n}" for t, n in counts.items()).encode()))
        headers.append(_VERIFIED[verified])
        return [Out(redacted_topic, r.key, res.redacted.encode(), headers),
                self.alert(r, res, counts, verified, stage)]

    def alert(self, r: InRecord, res: RecordResult, counts: dict, verified: bool | None,
              stage: str | None) -> Out:
        ents = []
        for e, tok in zip(res.entities, res.tokens or [None] * len(res.entities)):
            d = {"type": e["type"], "start": e["start"], "end": e["end"], "score": e["score"],
                 "stage": e["stage"], "token": tok}
            if "path" in e:
                d["path"] = e["path"]
            ents.append(d)
        alert = {
            "source": {"topic": r.topic, "partition": r.partition, "offset": r.offset},
            "key_token": self.tokenizer.key_token(r.key),
            "detector": self.detector_version,
            "verified": verified,
            "stage": stage or ",".join(sorted({e["stage"] for e in res.entities})),
            "ts": int(time.time() * 1000),
            "counts": counts,
            "entities": ents,
        }
        key = alert["key_token"].encode() if alert["key_token"] else None
        return Out(self.families.alerts, key, orjson.dumps(alert), _coords(r))

    def dlq(self, r: InRecord, reason: str) -> Out:
        self._count(("dlq", reason.split(":", 1)[0]))
        headers = _kept_headers(r) + _coords(r) + [(H_ERROR, reason.encode())]
        return Out(self.families.dlq, r.key, r.value or b"", headers)

    # -- the verification hand-off -----------------------------------------------------------
    def to_verify(self, r: InRecord, fmt: str, res: RecordResult) -> Out:
        msg = {
            "source": {"topic": r.topic, "partition": r.partition, "offset": r.offset},
            "fmt": fmt,
            "record": r.value.decode("utf-8"),
            "headers": [[k, v.decode("utf-8", "replace")] for k, v in _kept_headers(r)],
            "key": base64.b64encode(r.key).decode() if r.key is not None else None,
            "enqueued_ms": int(time.time() * 1000),
            "entities": [{k: e[k] for k in ("type", "start", "end", "score", "stage")}
                         for e in res.entities],
        }
        return Out(self.families.verify, r.key, orjson.dumps(msg), _coords(r))

    def verify(self, verify_msgs: list[InRecord]) -> list[list[Out]]:
        """Decide the records that waited in ``pii.verify`` and publish them as their source
        records. With a verifier (``verify_processor``) the uncertain spans are decided by it
        (verified=true). Fail closed -- the uncertain spans stay redacted, verified=false,
        stage ``fail-closed`` -- when there is no verifier, when it errors, or when a record
        waited longer than the deadline. Counts are kept in ``stats``."""
        out: list[list[Out] | None] = [None] * len(verify_msgs)
        todo: dict[str, list[tuple[int, InRecord, int]]] = {"text": [], "json": []}
        for i, m in enumerate(verify_msgs):
            try:
                msg = orjson.loads(m.value)
                src = msg["source"]
                fmt = msg["fmt"]
                orig = InRecord(src["topic"], src["partition"], src["offset"],
                                base64.b64decode(msg["key"]) if msg["key"] is not None else None,
                                msg["record"].encode(),
                                [(k, v.encode()) for k, v in msg["headers"]])
                todo[fmt].append((i, orig, int(msg.get("enqueued_ms", 0))))
            except Exception as e:  # a malformed verify message: DLQ it, never lose it
                out[i] = [self.dlq(m, f"invalid_verify_message: {type(e).__name__}")]
        for fmt, items in todo.items():
            if items:
                self._decide(fmt, items, out)
        return out  # type: ignore[return-value]

    def _decide(self, fmt: str, items: list[tuple[int, InRecord, float]], out: list) -> None:
        """Verify ``items`` ((index in out, source record, enqueued ms)) and put each one's
        outputs at its index: decided by the verifier, or failed closed."""
        now = time.time() * 1000
        live = [x for x in items if now - x[2] <= self.verify_deadline_ms]
        late = [x for x in items if now - x[2] > self.verify_deadline_ms]
        closed: list[tuple[tuple, str]] = [(x, "deadline") for x in late]
        if live and self.verify_processor is None:
            closed += [(x, "unavailable") for x in live]
        elif live:
            try:
                results = self.verify_processor.process([x[1].value for x in live], fmt,
                                                        tokenizer=self.tokenizer)
            except Exception:  # the verifier failed: fail closed, never a raw leak
                closed += [(x, "error") for x in live]
            else:
                for (i, orig, _), res in zip(live, results):
                    self.stats["verified"] += 1
                    self._count(("verified",))
                    out[i] = ([self.dlq(orig, res.error)] if res.error is not None else
                              self._fits(orig, self.publish(orig, fmt, res, verified=True)))
        if closed:
            results = self.processor.process_safe([x[1].value for x, _ in closed], fmt,
                                                  tokenizer=self.tokenizer)
            for ((i, orig, _), why), res in zip(closed, results):
                self.stats["fail_closed"] += 1
                self.stats[f"fail_closed_{why}"] += 1
                self._count(("fail_closed", why))
                out[i] = ([self.dlq(orig, res.error)] if res.error is not None else
                          self._fits(orig, self.publish(orig, fmt, res, verified=False,
                                                        stage="fail-closed")))
