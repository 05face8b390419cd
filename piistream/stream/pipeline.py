"""What the streaming agents do with a batch of consumed records, free of Faust and Kafka.

``Router.route`` turns each consumed record into the outputs to publish for it, in order. Each
output carries its kind; ``Edges`` says where each kind goes (a topic, or a label in a file):

- ``redacted``: a clean or confidently detected record, redacted (same key, original headers
  kept, plus ``piistream-*`` headers), and, if anything was found, an ``alert`` (types, counts,
  scores, stage, keyed tokens of the values, source coordinates; never a raw value);
- ``verify``: a record with candidates in the uncertain band, handed to the verification stage
  (internal, holds the raw record), which publishes its redacted record and alert; with
  ``inline`` (replay) the verification stage decides at once instead;
- ``dlq``: bad input (empty, invalid UTF-8, NUL bytes, oversize, invalid JSON on a JSON topic, or
  an internal error on this record): the original bytes, with the reason and the source
  coordinates in headers.

Every input yields at least one output, so "every input offset has an output" is checkable.
May import ``cascade``, ``models`` and ``topics``.
"""
from __future__ import annotations

import base64
import logging
import time
from dataclasses import dataclass, field

import orjson

from ..cascade import Cascade
from ..models.records import HeaderCarry, RecordResult
from ..topics.definitions import (FORMAT_OF, H_DETECTOR, H_ENTITIES, H_ERROR, H_SRC_OFFSET,
                                  H_SRC_PARTITION, H_SRC_TOPIC, H_VERIFIED, MAX_OUTPUT_BYTES,
                                  MAX_WRAPPED_BYTES, OWN_HEADERS, PII_ALERTS, PII_DLQ, PII_VERIFY,
                                  REDACTED_OF)

log = logging.getLogger("piistream.stream")

# the kinds of output
REDACTED, ALERT, VERIFY, DLQ = "redacted", "alert", "verify", "dlq"
KINDS = (REDACTED, ALERT, VERIFY, DLQ)


@dataclass(slots=True)
class InRecord:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: list[tuple[str, bytes]] = field(default_factory=list)


class PartitionHeaders:
    """Per input partition, the table header line its text records carried last
    (``HeaderCarry``: a CSV export shipped line by line names its columns once, in its first
    line). Kept where the batches are handed out, in each partition's order (the worker's and
    the replay tool's ``Engine``), whichever detection process reads a batch."""

    def __init__(self):
        self._carries: dict[tuple[str, int], HeaderCarry] = {}

    def of(self, records: list) -> list[str | None] | None:
        """Per record ((topic, partition, offset, key, value, ...) tuples or ``InRecord``s),
        the header line of its partition's table it is a row of, or None; None for a batch
        without any."""
        parts: dict[tuple[str, int], list[int]] = {}
        for i, r in enumerate(records):
            part = (r[0], r[1]) if isinstance(r, tuple) else (r.topic, r.partition)
            parts.setdefault(part, []).append(i)
        out: list[str | None] | None = None
        for part, idx in parts.items():
            carry = self._carries.get(part)
            if carry is None:
                carry = self._carries[part] = HeaderCarry()
            got = carry.feed([_value_of(records[i]) or b"" for i in idx])
            if got is not None:
                if out is None:
                    out = [None] * len(records)
                for i, h in zip(idx, got):
                    out[i] = h
        return out


def _value_of(r) -> bytes | None:
    return r[4] if isinstance(r, tuple) else r.value


@dataclass(slots=True)
class Out:
    kind: str                         # redacted, alert, verify or dlq
    topic: str                        # its destination (``Edges``): a topic, or a file's label
    key: bytes | None
    value: bytes
    headers: list[tuple[str, bytes]]


@dataclass(frozen=True)
class Edges:
    """Where each kind of output goes. ``inputs``: input topic -> (record format, destination of
    its redacted records); ``verify``, ``alerts``, ``dlq``: destinations of those kinds
    (``verify`` None: nothing may wait for verification, as in replay)."""

    inputs: dict
    alerts: str
    dlq: str
    verify: str | None = None

    @classmethod
    def default(cls, prefix: str = "") -> "Edges":
        """The pipeline's topics (``topics.definitions``), with the deployment's prefix."""
        p = prefix
        return cls({p + raw: (FORMAT_OF[raw], p + red) for raw, red in REDACTED_OF.items()},
                   p + PII_ALERTS, p + PII_DLQ, p + PII_VERIFY)

    def limit(self, kind: str) -> int:
        """Largest value of an output of this kind (the destination topic's limit)."""
        return MAX_WRAPPED_BYTES if kind == VERIFY else MAX_OUTPUT_BYTES


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
    """Outputs for batches of consumed records, from the ``Cascade``; ``edges`` name their
    destinations."""

    def __init__(self, cascade: Cascade, edges: Edges | None = None,
                 verify_deadline_s: float = 60.0):
        self.cascade = cascade
        self.verify_deadline_ms = verify_deadline_s * 1000
        self.stats = {"verified": 0, "fail_closed": 0, "fail_closed_deadline": 0,
                      "fail_closed_unavailable": 0, "fail_closed_error": 0}
        # counts since the last take_counts() (for metrics): ("detections", type, stage),
        # ("secret_kind", kind, stage),
        # ("dlq", reason), ("verified",), ("fail_closed", why), ("stage_seconds", stage),
        # ("over_budget",): records decided by the rules alone (``detector.MODEL_BUDGET``)
        self.counts: dict[tuple, float] = {}
        self.edges = edges or Edges.default()
        self.tokenizer = cascade.tokenizer
        self.detector_version = cascade.version
        self._detector_header = (H_DETECTOR, self.detector_version.encode())

    # -- the detect path -------------------------------------------------------------------
    def route(self, records: list[InRecord], fmt: str, inline: bool = False,
              headers: list[str | None] | None = None) -> list[list[Out]]:
        """Outputs for each record of a batch from ONE input topic (one format). ``inline``
        (the replay tool): records with uncertain candidates are verified here, at once,
        instead of waiting for the verification stage. ``headers``: per text record, the
        table header line its partition carried before it (``PartitionHeaders``), or None."""
        raws = [r.value if r.value else b"" for r in records]
        # (with the charCNN's probabilities per record: a record that waits for verification
        # carries them, so the verification stage does not run the charCNN again)
        results = self.cascade.detect(raws, fmt, tokens=True, keep_scores=True, headers=headers)
        out: list[list[Out] | None] = []
        pending: list[tuple] = []
        for k, (r, res) in enumerate(zip(records, results)):
            header = headers[k] if headers else None
            if not r.value:
                out.append([self.dlq(r, "empty: record has no value")])
            elif res.error is not None:
                out.append([self.dlq(r, res.error)])
            elif res.uncertain and inline:
                pending.append((len(out), r, time.time() * 1000, res, res.scores, header))
                out.append(None)
            elif res.uncertain:
                out.append(self._fits(r, [self.to_verify(r, fmt, res, header)]))
            else:
                out.append(self._fits(r, self.publish(r, fmt, res, verified=None)))
        if pending:
            self._decide(fmt, pending, out)
        return out  # type: ignore[return-value]

    def _fits(self, r: InRecord, outs: list[Out]) -> list[Out]:
        """A redacted record can outgrow its topic's limit (tokens are longer than short values):
        then the record goes to the DLQ instead, so it can never block the partition."""
        for o in outs:
            limit = self.edges.limit(o.kind)
            if len(o.value) > limit:
                return [self.dlq(r, f"output_too_large: {o.kind} value would be "
                                    f"{len(o.value)} bytes, limit {limit}")]
        return outs

    def _count(self, key: tuple, n: float = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def take_counts(self) -> dict[tuple, float]:
        """Counts since the last call, with the detection stages' seconds, then reset."""
        for stage, sec in self.cascade.take_seconds().items():
            if sec:
                self._count(("stage_seconds", stage), sec)
        heavy = self.cascade.take_over_budget()
        if heavy:
            self._count(("over_budget",), heavy)
        out, self.counts = self.counts, {}
        return out

    def publish(self, r: InRecord, fmt: str, res: RecordResult, verified: bool | None,
                stage: str | None = None) -> list[Out]:
        headers = _kept_headers(r)
        headers += _coords(r)
        headers.append(self._detector_header)
        redacted_to = self.edges.inputs[r.topic][1]
        if not res.entities:  # the common case: no findings, no alert
            headers.append(_NO_ENTITIES)
            headers.append(_VERIFIED[verified])
            return [Out(REDACTED, redacted_to, r.key, res.redacted.encode(), headers)]
        counts = entity_counts(res.entities)
        for e in res.entities:
            self._count(("detections", e["type"], stage or e["stage"]))
            if "kind" in e:
                self._count(("secret_kind", e["kind"], stage or e["stage"]))
        headers.append((H_ENTITIES, ",".join(f"{t}={n}" for t, n in counts.items()).encode()))
        headers.append(_VERIFIED[verified])
        return [Out(REDACTED, redacted_to, r.key, res.redacted.encode(), headers),
                self.alert(r, res, counts, verified, stage)]

    def alert(self, r: InRecord, res: RecordResult, counts: dict, verified: bool | None,
              stage: str | None) -> Out:
        ents = []
        for e, tok in zip(res.entities, res.tokens or [None] * len(res.entities)):
            d = {"type": e["type"], "start": e["start"], "end": e["end"], "score": e["score"],
                 "stage": e["stage"], "token": tok}
            if "path" in e:
                d["path"] = e["path"]
            if "kind" in e:  # SECRET's kind ("github_token"): a name from a fixed vocabulary
                d["kind"] = e["kind"]
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
        return Out(ALERT, self.edges.alerts, key, orjson.dumps(alert), _coords(r))

    def dlq(self, r: InRecord, reason: str) -> Out:
        self._count(("dlq", reason.split(":", 1)[0]))
        headers = _kept_headers(r) + _coords(r) + [(H_ERROR, reason.encode())]
        return Out(DLQ, self.edges.dlq, r.key, r.value or b"", headers)

    # -- the verification hand-off -----------------------------------------------------------
    def to_verify(self, r: InRecord, fmt: str, res: RecordResult, header: str | None = None) -> Out:
        """The record, whole, for the verification stage (which detects it again with the
        verifier: ``Cascade.verify``), and the detect path's result for it (``fail_closed``:
        the redacted record, entities and keyed tokens, none of them a raw value), which the
        stage publishes as it is when it fails closed -- without the verifier, past the
        deadline, on an error -- instead of detecting the record again (``_decide``); and
        the charCNN's probabilities for the record (``scores``: digest of the model's input
        -> probability), so that verifying does not run the charCNN again. Both only while
        the message stays within its topic's limit: else without them."""
        if self.edges.verify is None:
            raise RuntimeError("these edges have no verification destination: route inline")
        msg = {
            "source": {"topic": r.topic, "partition": r.partition, "offset": r.offset},
            "fmt": fmt,
            "record": r.value.decode("utf-8"),
            "headers": [[k, v.decode("utf-8", "replace")] for k, v in _kept_headers(r)],
            "key": base64.b64encode(r.key).decode() if r.key is not None else None,
            "enqueued_ms": int(time.time() * 1000),
            "entities": [{k: e[k] for k in ("type", "start", "end", "score", "stage")}
                         for e in res.entities],
            "detector": self.detector_version,
            "fail_closed": {"redacted": res.redacted, "entities": res.entities,
                            "tokens": res.tokens, "uncertain": res.uncertain},
        }
        if res.scores:
            msg["scores"] = res.scores
        if header:
            msg["table_header"] = header  # (the columns' names the record was read under)
        value = orjson.dumps(msg)
        if len(value) > self.edges.limit(VERIFY):
            del msg["fail_closed"]
            msg.pop("scores", None)
            value = orjson.dumps(msg)
        return Out(VERIFY, self.edges.verify, r.key, value, _coords(r))

    def verify(self, verify_msgs: list[InRecord]) -> list[list[Out]]:
        """Decide the records that waited for verification and publish them as their source
        records (``_decide``). Counts are kept in ``stats``."""
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
                scores = msg.get("scores") if msg.get("detector") == self.detector_version else None
                if scores is not None and not (isinstance(scores, dict) and all(
                        isinstance(p, float) and 0.0 <= p <= 1.0 for p in scores.values())):
                    raise ValueError("scores")
                header = msg.get("table_header")
                if header is not None and not isinstance(header, str):
                    raise ValueError("table_header")
                todo[fmt].append((i, orig, int(msg.get("enqueued_ms", 0)),
                                  self._carried(msg, fmt), scores, header))
            except Exception as e:  # a malformed verify message: DLQ it, never lose it
                out[i] = [self.dlq(m, f"invalid_verify_message: {type(e).__name__}")]
        for fmt, items in todo.items():
            if items:
                self._decide(fmt, items, out)
        return out  # type: ignore[return-value]

    def _carried(self, msg: dict, fmt: str) -> RecordResult | None:
        """The detect path's result carried by a verify message (``to_verify``), when this
        router's detector made it (the same detector gives the same result: detecting the
        record again would only cost time); else None (an older message, another version
        of the detector during a rolling upgrade: detected again)."""
        got = msg.get("fail_closed")
        if got is None or msg.get("detector") != self.detector_version:
            return None
        return RecordResult(got["redacted"], got["entities"], None, fmt, got["uncertain"],
                            got["tokens"])

    def _decide(self, fmt: str, items: list[tuple], out: list) -> None:
        """Verify ``items`` ((index in out, source record, enqueued ms, the detect path's
        result or None, its charCNN probabilities or None, the table header line it was read
        under or None)) and put each one's outputs at its
        index: decided by the verifier
        (``Cascade.verify``, verified=true), or failed closed -- the detect path's output,
        every uncertain span redacted, verified=false, stage ``fail-closed`` -- when there is
        no verifier, when it errors, or when a record waited longer than the deadline. Failing
        closed publishes the detect path's result where the item has it, so that it costs no
        detection: it is the way out when the verifier is missing or overloaded."""
        now = time.time() * 1000
        live = [x for x in items if now - x[2] <= self.verify_deadline_ms]
        late = [x for x in items if now - x[2] > self.verify_deadline_ms]
        closed: list[tuple[tuple, str]] = [(x, "deadline") for x in late]
        if live and self.cascade.verifier is None:
            closed += [(x, "unavailable") for x in live]
        elif live:
            try:
                known = {k: p for x in live for k, p in (x[4] or {}).items()}
                heads = [x[5] for x in live]
                results = self.cascade.verify([x[1].value for x in live], fmt, tokens=True,
                                              known=known or None, headers=heads if any(heads) else None)
            except Exception:  # the verifier failed: fail closed, never a raw leak
                closed += [(x, "error") for x in live]
            else:
                for (i, orig, *_), res in zip(live, results):
                    self.stats["verified"] += 1
                    self._count(("verified",))
                    out[i] = ([self.dlq(orig, res.error)] if res.error is not None else
                              self._fits(orig, self.publish(orig, fmt, res, verified=True)))
        if closed:
            again = [x[1].value for x, _ in closed if x[3] is None]
            heads = [x[5] for x, _ in closed if x[3] is None]
            detected = iter(self.cascade.detect(again, fmt, tokens=True, headers=heads if any(heads) else None)
                            if again else ())
            results = [x[3] if x[3] is not None else next(detected) for x, _ in closed]
            for ((i, orig, *_), why), res in zip(closed, results):
                self.stats["fail_closed"] += 1
                self.stats[f"fail_closed_{why}"] += 1
                self._count(("fail_closed", why))
                out[i] = ([self.dlq(orig, res.error)] if res.error is not None else
                          self._fits(orig, self.publish(orig, fmt, res, verified=False,
                                                        stage="fail-closed")))
