"""``piistream replay``: backfill a topic range (or a file) through the same cascade, in bulk.

No Faust: a confluent-kafka consumer reads the chosen range (by offsets or timestamps, per
partition or all), large batches (``replay.batch_size`` records and at most
``worker.max_batch_bytes`` bytes of them) go to the detection ``Engine`` (one process per core by
default; the verifier decides uncertain records inline, instead of a round trip through
``pii.verify``), and a confluent-kafka producer writes the redacted records, alerts and DLQ
entries with the same headers as the live path. Outputs can also go to, or records come from,
JSONL files, for offline backfills.

Resumable: a checkpoint file holds, per partition, the next offset to read and the counts so
far. It is written only after every output before that offset has been acknowledged
(``producer.flush()``), so a run killed at any point and started again with the same
arguments re-reads at most the records after its last checkpoint: their outputs may appear
twice downstream (deduplicate by the ``piistream-src-*`` headers), none is lost, and the final
report still counts each source record once.
"""
from __future__ import annotations

import base64
import json
import os
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timezone

import orjson

from ..config import Config
from ..io import batched
from ..models.redact import ConfigError
from .engine import Engine
from .pipeline import ALERT, REDACTED, Edges

CHECKPOINT_VERSION = 1


def parse_time(s: str) -> int:
    """Milliseconds since the epoch from an integer (ms) or an ISO-8601 time (UTC if no zone)."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    try:
        dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(f"cannot read time {s!r}: use epoch milliseconds or ISO-8601 "
                          "(2026-11-30T12:00:00Z)") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return int(dt.timestamp() * 1000)


@dataclass
class PartitionState:
    start: int
    end: int           # exclusive
    next: int          # next offset to read
    read: int = 0
    redacted: int = 0
    alerts: int = 0
    dlq: int = 0

    @property
    def done(self) -> bool:
        return self.next >= self.end

    def counts(self) -> dict:
        return {"read": self.read, "redacted": self.redacted, "alerts": self.alerts, "dlq": self.dlq}


@dataclass
class ReplayReport:
    source: str
    dest: str
    partitions: dict = field(default_factory=dict)  # partition -> PartitionState
    seconds: float = 0.0
    resumed: bool = False
    this_run: int = 0          # records read by this run (a resumed run: after the checkpoint)
    # seconds spent inside each detection stage by this run, summed over the detection processes
    # (candidates, scorer, verifier): where a record's time goes
    stage_seconds: dict = field(default_factory=dict)
    # CPU seconds of this run: "main" (this process: Kafka client, batching, the sink),
    # "detection" (the detection processes), where they could be measured
    cpu_seconds: dict = field(default_factory=dict)

    @property
    def totals(self) -> dict:
        t = {"read": 0, "redacted": 0, "alerts": 0, "dlq": 0}
        for st in self.partitions.values():
            for k, v in st.counts().items():
                t[k] += v
        return t

    def render(self):
        from rich.table import Table

        tbl = Table(title=f"piistream replay {self.source} -> {self.dest}"
                          + (" (resumed from checkpoint)" if self.resumed else ""))
        for c in ("partition", "offsets", "read", "redacted", "alerts", "DLQ"):
            tbl.add_column(c, justify="right")
        for p, st in sorted(self.partitions.items()):
            tbl.add_row(str(p), f"{st.start}-{st.end}", f"{st.read:,}", f"{st.redacted:,}",
                        f"{st.alerts:,}", f"{st.dlq:,}")
        t = self.totals
        rate = self.this_run / self.seconds if self.seconds else 0.0
        tbl.add_row("all", "", f"{t['read']:,}", f"{t['redacted']:,}", f"{t['alerts']:,}",
                    f"{t['dlq']:,}", end_section=True)
        tbl.caption = f"this run: {self.this_run:,} records in {self.seconds:.1f} s, {rate:,.0f} records/s"
        for label, secs in (("CPU per record", self.cpu_seconds),
                            ("per record inside detection", self.stage_seconds)):
            if self.this_run and secs:
                tbl.caption += f"; {label}: " + ", ".join(
                    f"{k} {v:.1f} us" for k, v in self._per_record(secs).items())
        return tbl

    def _per_record(self, seconds: dict) -> dict:
        """Seconds of this run -> microseconds per record read by it, by key."""
        return {k: round(v / self.this_run * 1e6, 2) if self.this_run else 0.0
                for k, v in sorted(seconds.items())}

    def as_dict(self) -> dict:
        return {"source": self.source, "dest": self.dest, "seconds": round(self.seconds, 3),
                "resumed": self.resumed, "this_run": self.this_run, "totals": self.totals,
                "stage_us_per_record": self._per_record(self.stage_seconds),
                "cpu_us_per_record": self._per_record(self.cpu_seconds),
                "partitions": {str(p): {"start": s.start, "end": s.end, **s.counts()}
                               for p, s in sorted(self.partitions.items())}}


# -- sources and sinks --------------------------------------------------------------------------
class KafkaSource:
    """A fixed range of a topic: per partition [start, end), end taken when the replay starts."""

    def __init__(self, cfg: Config, topic: str, partitions: list[int] | None = None,
                 start_offset: int | None = None, end_offset: int | None = None,
                 start_time: int | None = None, end_time: int | None = None,
                 ranges: dict[int, tuple[int, int]] | None = None):
        from confluent_kafka import Consumer, TopicPartition

        self.topic = topic
        self._TP = TopicPartition
        self.consumer = Consumer(cfg.confluent(**{
            "group.id": f"piistream-replay-{os.getpid()}", "enable.auto.commit": False,
            "enable.auto.offset.store": False, "auto.offset.reset": "earliest",
            "fetch.max.bytes": 64 << 20, "max.partition.fetch.bytes": 16 << 20,
            "queued.max.messages.kbytes": 256 << 10, "enable.partition.eof": True}))
        md = self.consumer.list_topics(topic, timeout=30).topics.get(topic)
        if md is None or md.error is not None or not md.partitions:
            raise ConfigError(f"replay: topic {topic!r} does not exist")
        parts = sorted(md.partitions) if partitions is None else partitions
        missing = set(parts) - set(md.partitions)
        if missing:
            raise ConfigError(f"replay: topic {topic!r} has no partition {sorted(missing)}")
        self.ranges: dict[int, tuple[int, int]] = {}
        for p in parts:
            if ranges and p in ranges:
                self.ranges[p] = ranges[p]
                continue
            low, high = self.consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=30)
            s = low if start_offset is None else max(low, min(start_offset, high))
            e = high if end_offset is None else max(low, min(end_offset, high))
            if start_time is not None:
                s = max(s, self._offset_at(p, start_time, high))
            if end_time is not None:
                e = min(e, self._offset_at(p, end_time, high))
            self.ranges[p] = (s, max(s, e))

    def _offset_at(self, p: int, ts_ms: int, high: int) -> int:
        """The first offset whose timestamp is >= ts_ms (high watermark if none)."""
        got = self.consumer.offsets_for_times([self._TP(self.topic, p, ts_ms)], timeout=30)[0]
        return high if got.offset < 0 else got.offset

    def start(self, positions: dict[int, int]) -> None:
        tps = [self._TP(self.topic, p, positions[p]) for p in positions
               if positions[p] < self.ranges[p][1]]
        if tps:
            self.consumer.assign(tps)
        self._active = {tp.partition for tp in tps}

    @property
    def exhausted(self) -> bool:
        return not self._active

    def poll(self, n: int, timeout: float) -> list[tuple]:
        """Up to n records as (topic, partition, offset, key, value, headers), within range."""
        if not self._active:
            return []
        out = []
        for m in self.consumer.consume(n, timeout=timeout):
            p = m.partition()
            err = m.error()
            if err is not None:
                if err.code() == err._PARTITION_EOF:
                    # at the high watermark: the rest of the range does not exist (compacted
                    # or aborted records)
                    self._finish(p)
                    continue
                raise RuntimeError(f"replay: consume failed on partition {p}: {err.str()}")
            end = self.ranges[p][1]
            if m.offset() >= end:
                self._finish(p)
                continue
            out.append((self.topic, p, m.offset(), m.key(), m.value(), list(m.headers() or ())))
            if m.offset() + 1 >= end:
                self._finish(p)
        return out

    def _finish(self, p: int) -> None:
        if p in self._active:
            self._active.discard(p)
            self.consumer.incremental_unassign([self._TP(self.topic, p)])

    def close(self) -> None:
        self.consumer.close()


class FileSource:
    """Records from a file, one per line (the ``scan`` input): source coordinates are the file
    name, partition 0 and the line number."""

    def __init__(self, path: str):
        self.topic = path
        self.path = path
        with open(path, "rb") as f:
            n = sum(1 for _ in f)
        self.ranges = {0: (0, n)}
        self._f = None
        self.exhausted = n == 0

    def start(self, positions: dict[int, int]) -> None:
        self._f = open(self.path, "rb")
        self._line = 0
        skip = positions.get(0, 0)
        while self._line < skip and self._f.readline():
            self._line += 1
        self.exhausted = self._line >= self.ranges[0][1]

    def poll(self, n: int, timeout: float) -> list[tuple]:
        out = []
        for _ in range(n):
            line = self._f.readline()
            if not line:
                self.exhausted = True
                break
            if line.endswith(b"\n"):
                line = line[:-1]
            out.append((self.topic, 0, self._line, None, line, []))
            self._line += 1
        return out

    def close(self) -> None:
        if self._f:
            self._f.close()


class KafkaSink:
    def __init__(self, cfg: Config, topics: list[str] = ()):
        from confluent_kafka import Producer
        from confluent_kafka.admin import AdminClient

        if topics:
            md = AdminClient(cfg.confluent()).list_topics(timeout=30).topics
            missing = [t for t in topics if t not in md]
            if missing:
                raise ConfigError(f"replay: destination topic(s) {', '.join(missing)} do not exist; "
                                  "create them first (`piistream topics apply` for the standard ones)")
        self.errors: list[str] = []
        self.producer = Producer(cfg.confluent(**{
            "linger.ms": 20, "batch.size": 1 << 20, "compression.type": "lz4", "acks": "all",
            "enable.idempotence": True, "queue.buffering.max.messages": 1_000_000,
            "message.max.bytes": 8 << 20}))

    def _cb(self, err, msg) -> None:
        if err is not None:
            self.errors.append(f"{msg.topic()}: {err.str()}")

    def write(self, kind: str, topic: str, key, value: bytes, headers) -> None:
        p = self.producer
        while True:
            try:
                p.produce(topic, value, key, headers=headers, on_delivery=self._cb)
                return
            except BufferError:
                p.poll(0.05)

    def poll(self) -> None:
        self.producer.poll(0)

    def flush(self) -> None:
        left = self.producer.flush(120)
        if left or self.errors:
            raise RuntimeError(f"replay: {left} outputs not delivered; errors: {self.errors[:3]}")

    def close(self) -> None:
        self.flush()


def _record_size(rec: tuple) -> int:
    """Bytes a source record (topic, partition, offset, key, value, headers) brings to a batch."""
    return len(rec[4] or b"") + len(rec[3] or b"")


def _text_or_b64(b: bytes) -> tuple[str | None, str | None]:
    """(text, None) for valid UTF-8, else (None, base64): a file row never loses bytes."""
    try:
        return b.decode("utf-8"), None
    except UnicodeDecodeError:
        return None, base64.b64encode(b).decode()


def _value_fields(value: bytes) -> dict:
    text, b64 = _text_or_b64(value)
    return {"value": text} if b64 is None else {"value": None, "value_b64": b64}


def _header_row(name: str, value: bytes) -> list:
    text, b64 = _text_or_b64(value)
    return [name, text] if b64 is None else [name, None, b64]


class FileSink:
    """Outputs as JSONL: {"topic", "key" (base64 or null), "value" (UTF-8 text), "headers"
    ([name, text] pairs)}. A value that is not valid UTF-8 (a dead letter's original bytes) is
    written as "value": null plus "value_b64"; such a header as [name, null, base64]."""

    def __init__(self, path: str, redacted_label: str = "redacted"):
        self._f = open(path, "ab")
        self.path = path
        self.label = redacted_label

    def write(self, kind: str, topic: str, key, value: bytes, headers) -> None:
        self._f.write(orjson.dumps({
            "topic": self.label if kind == REDACTED else topic,
            "key": base64.b64encode(key).decode() if key is not None else None,
            **_value_fields(value),
            "headers": [_header_row(k, v) for k, v in headers]}) + b"\n")

    def poll(self) -> None:
        pass

    def flush(self) -> None:
        self._f.flush()
        os.fsync(self._f.fileno())

    def close(self) -> None:
        self.flush()
        self._f.close()


# -- checkpoint -----------------------------------------------------------------------------------
def _load_checkpoint(path: str, source: str, dest: str) -> dict | None:
    try:
        with open(path, "rb") as f:
            ck = json.load(f)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        raise ConfigError(f"replay: cannot read checkpoint {path}: {e}") from None
    if ck.get("version") != CHECKPOINT_VERSION or ck.get("source") != source or ck.get("dest") != dest:
        raise ConfigError(f"replay: checkpoint {path} is for {ck.get('source')} -> {ck.get('dest')}, "
                          f"not {source} -> {dest}: remove it or choose another --checkpoint")
    return ck


def _save_checkpoint(path: str, report: ReplayReport) -> None:
    ck = {"version": CHECKPOINT_VERSION, "source": report.source, "dest": report.dest,
          "written": time.time(),
          "partitions": {str(p): {"start": s.start, "end": s.end, "next": s.next, **s.counts()}
                         for p, s in report.partitions.items()}}
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(ck, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


# -- the replay loop --------------------------------------------------------------------------------
def replay(cfg: Config, source, sink, fmt: str, dest_topics: dict[str, str], *,
           checkpoint: str | None = None, engine: Engine | None = None, progress: bool = False,
           max_records: int | None = None, log=lambda s: None) -> ReplayReport:
    """Run a replay; returns the report (counts per partition). ``dest_topics``: {"redacted",
    "alerts", "dlq"} -> destination topic (or label, for a file sink). ``max_records`` stops
    after about that many records (tests: a run cut short, then resumed)."""
    src_name = source.topic
    dest = dest_topics["redacted"]
    report = ReplayReport(src_name, dest)
    ck = _load_checkpoint(checkpoint, src_name, dest) if checkpoint else None
    for p, (s, e) in source.ranges.items():
        report.partitions[p] = PartitionState(s, e, s)
    if ck:
        report.resumed = True
        for p_str, st in ck["partitions"].items():
            p = int(p_str)
            if p in report.partitions:
                report.partitions[p] = PartitionState(st["start"], st["end"], st["next"], st["read"],
                                                      st["redacted"], st["alerts"], st["dlq"])
        # the range is the checkpoint's: a resumed run finishes what the first one started
        source.ranges = {p: (st.start, st.end) for p, st in report.partitions.items()}
    total = sum(st.end - st.start for st in report.partitions.values())
    done0 = sum(st.next - st.start for st in report.partitions.values())
    own_engine = engine is None
    # nothing waits for verification here: the verifier decides inline
    edges = Edges({src_name: (fmt, dest)}, dest_topics["alerts"], dest_topics["dlq"], verify=None)
    if own_engine:
        procs = cfg.replay.processes or os.cpu_count() or 1
        engine = Engine(cfg, processes=procs, verify=True, threads=1, edges=edges).start()
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(total=total, initial=done0, unit=" rec", unit_scale=True, file=sys.stderr,
                   desc="replay", smoothing=0.1)
    t0 = time.perf_counter()
    cpu0, det0 = time.process_time(), engine.cpu_seconds()
    last_ck = time.monotonic()
    inflight: deque = deque()
    depth = max(2, engine.processes + 1)
    seen = 0
    try:
        source.start({p: st.next for p, st in report.partitions.items()})

        def complete(item) -> None:
            fut, recs = item
            outs, counts = fut.result()
            report.this_run += len(recs)
            for key, v in counts.items():
                if key[0] == "stage_seconds":
                    report.stage_seconds[key[1]] = report.stage_seconds.get(key[1], 0.0) + v
            for rec, per in zip(recs, outs):
                st = report.partitions[rec[1]]
                st.read += 1
                for o_kind, o_topic, o_key, o_value, o_headers in per:
                    sink.write(o_kind, o_topic, o_key, o_value, o_headers)
                    if o_kind == REDACTED:
                        st.redacted += 1
                    elif o_kind == ALERT:
                        st.alerts += 1
                    else:
                        st.dlq += 1
                st.next = rec[2] + 1
            sink.poll()
            if bar is not None:
                bar.update(len(recs))

        max_bytes = cfg.worker.max_batch_bytes
        while True:
            stop = source.exhausted or (max_records is not None and seen >= max_records)
            recs = [] if stop else source.poll(cfg.replay.batch_size, 0.2)
            # a batch holds at most batch_size records and max_batch_bytes bytes of them
            for chunk in batched(recs, len(recs), max_bytes, _record_size) if recs else [[]]:
                if chunk:
                    seen += len(chunk)
                    inflight.append((engine.submit("inline", chunk, fmt), chunk))
                while inflight and (len(inflight) >= depth or inflight[0][0].done() or not chunk):
                    complete(inflight.popleft())
                    if not stop:
                        break
            if stop and not inflight:
                break
            if checkpoint and time.monotonic() - last_ck >= cfg.replay.checkpoint_every:
                sink.flush()
                _save_checkpoint(checkpoint, report)
                last_ck = time.monotonic()
        while inflight:
            complete(inflight.popleft())
        sink.flush()
        if checkpoint:
            _save_checkpoint(checkpoint, report)
    finally:
        report.seconds = time.perf_counter() - t0
        report.cpu_seconds["main"] = time.process_time() - cpu0
        det1 = engine.cpu_seconds()
        if det0 is not None and det1 is not None:
            report.cpu_seconds["detection"] = det1 - det0
        if bar is not None:
            bar.close()
        source.close()
        if own_engine:
            engine.close()
    return report


