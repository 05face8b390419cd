"""``piistream demo``: the whole pipeline on a real Kafka broker, live in the terminal (and
``piistream demo --batch``: the detection core on the bundled sample, without Kafka).

``run_stream_demo`` starts an embedded Apache Kafka broker (:class:`piistream.dev.broker.EmbeddedKafka`),
creates the topics (:func:`piistream.topics.admin.apply_topics`), runs ``piistream worker`` as a
subprocess, feeds it a realistic synthetic sample (``piistream.train.data.generate``: server logs
to ``logs.raw``, JSON documents to ``docs.raw``, ~0.5% malformed records on top) and reads every
output topic back, showing redacted records, alerts (types, counts and keyed tokens, never a raw
value) and DLQ reasons as they arrive. It stops once every input offset has a redacted record or a
DLQ entry (or at ``seconds_max``), prints a summary (counts, detections by type, end-to-end
throughput and produce-to-output latency from the message timestamps), then stops the worker and
the broker, always.

On a terminal the view is a ``rich.live.Live`` display refreshed ~4x/s; otherwise (CI, pipes) a
plain progress line is printed every second.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, deque
from dataclasses import dataclass, field
from importlib import resources

import orjson
from rich.console import Console, Group
from rich.live import Live
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..cascade import build
from ..config import child_env, load_config
from ..io import read_records
from ..models.records import DEFAULT_MAX_BYTES
from ..topics.definitions import (DOCS_RAW, DOCS_REDACTED, H_ENTITIES, H_ERROR, H_SRC_OFFSET,
                                  H_SRC_PARTITION, H_SRC_TOPIC, H_VERIFIED, LOGS_RAW, LOGS_REDACTED,
                                  PII_ALERTS, PII_DLQ, PII_VERIFY)

APP_ID = "demo"                                    # the worker's Faust app id = consumer group
DEMO_HMAC_KEY = "piistream-demo-hmac-key--not-a-secret"  # stable alert tokens across runs
DEMO_HMAC_KEY_ID = "demo"
BAD_RATE = 0.005                                   # malformed records added on top of the sample
WORKER_READY_TIMEOUT = 120.0                       # seconds for the worker to join its group
WORKER_STOP_GRACE = 15.0                           # SIGTERM -> SIGKILL
ALERT_GRACE = 3.0                                  # after the last output, wait for its alert
REFRESH = 0.25                                     # live view refresh period (s)
# librdkafka client logs: errors only. Its warnings here are retries that sort themselves out
# (e.g. "Coordinator load in progress" while a fresh broker creates __transaction_state).
CLIENT_LOGS = {"log_level": 3}

OUTPUT_TOPICS = (LOGS_REDACTED, DOCS_REDACTED, PII_ALERTS, PII_DLQ, PII_VERIFY)
_TOKEN_RE = r"\[[A-Z][A-Z_]*[A-Z](?::[A-Za-z0-9_.-]+:[0-9a-f]+)?\]"  # [US_SSN], [EMAIL_ADDRESS:k:hex]

Coord = tuple[str, int, int]  # (source topic, partition, offset)


# --------------------------------------------------------------------------- the sample


@dataclass
class Sample:
    messages: list[tuple[str, bytes, bytes]]  # (topic, key, value), in produce order
    generated: int
    malformed: Counter                        # kind -> count
    with_pii: int                             # generated records carrying injected PII


# latin-1 bytes in a log line: the usual way invalid UTF-8 ends up on a log topic
_LATIN1_LINES = (
    "Jan 12 03:14:07 web-3 sshd[8812]: Invalid user Fran\xe7ois from 10.0.0.0 port 5022",
    "2025-01-12 03:14:08,112 WARN  [billing] retry for account holder M\xfcller, attempt 3",
    "127.0.0.1 - - [12/Jan/2025:03:14:09 +0000] \"GET /search?q=caf\xe9 HTTP/1.1\" 200 512",
)


def build_sample(records: int, seed: int = 7, pii_rate: float = 0.1,
                 bad_rate: float = BAD_RATE) -> Sample:
    """``records`` generated records (JSON families to ``docs.raw``, the rest to ``logs.raw``,
    keyed by family/instance) plus ``round(records * bad_rate)`` (at least 3 when ``records`` > 0)
    malformed ones: invalid UTF-8 on logs.raw, truncated JSON on docs.raw, empty values."""
    from ..train.data import generate

    rng = random.Random(seed)
    recs = generate(records, seed=seed, pii_rate=pii_rate)
    msgs = []
    for r in recs:
        topic = DOCS_RAW if r.fmt == "json" else LOGS_RAW
        msgs.append((topic, f"{r.family}/{rng.randrange(32):02d}".encode(), r.text.encode()))
    n_bad = max(3, round(records * bad_rate)) if records else 0
    json_texts = [r.text for r in recs if r.fmt == "json"] or ['{"event":"signup","user":"x"}']
    bad: list[tuple[str, str, bytes, bytes]] = []
    for i in range(n_bad):
        kind = ("invalid_utf8", "invalid_json", "empty")[i % 3]
        if kind == "invalid_utf8":
            value = _LATIN1_LINES[rng.randrange(len(_LATIN1_LINES))].encode("latin-1")
            bad.append((kind, LOGS_RAW, f"bad/{i:03d}".encode(), value))
        elif kind == "invalid_json":  # a partial write: the document cut off mid-way
            doc = json_texts[rng.randrange(len(json_texts))].encode()
            bad.append((kind, DOCS_RAW, f"bad/{i:03d}".encode(), doc[:max(1, len(doc) // 2)]))
        else:
            bad.append((kind, LOGS_RAW, f"bad/{i:03d}".encode(), b""))
    at = set(rng.sample(range(len(msgs) + n_bad), n_bad))  # where the malformed ones go
    good, worse = iter(msgs), iter(bad)
    mixed = [next(worse)[1:] if i in at else next(good) for i in range(len(msgs) + n_bad)]
    return Sample(mixed, len(recs), Counter(k for k, *_ in bad), sum(1 for r in recs if r.spans))


# --------------------------------------------------------------------------- state


def _fmt_rate(x: float) -> str:
    return f"{x:,.0f}/s"


def _pct(sorted_vals: list[float], q: float) -> float:
    if not sorted_vals:
        return float("nan")
    i = min(len(sorted_vals) - 1, max(0, round(q * (len(sorted_vals) - 1))))
    return sorted_vals[i]


@dataclass
class DemoState:
    """Everything the view and the summary show. The producer thread only calls
    :meth:`delivered` / :meth:`failed`; all the rest runs on the main thread."""

    total: int
    sample: Sample
    show: int = 8
    lock: threading.Lock = field(default_factory=threading.Lock)
    # producer side
    prod_ts: dict = field(default_factory=dict)       # coord -> produce timestamp (ms)
    matched: int = 0                                  # produced coords that have an output
    produce_errors: list = field(default_factory=list)
    feed_started: float | None = None                 # monotonic
    feed_done: float | None = None
    # consumer side
    out_ts: dict = field(default_factory=dict)        # coord -> first output timestamp (ms)
    redacted: Counter = field(default_factory=Counter)  # redacted topic -> unique records
    dlq: set = field(default_factory=set)
    verify: set = field(default_factory=set)
    verified_false: int = 0
    verified_true: int = 0
    findings: set = field(default_factory=set)        # coords whose redacted record had findings
    alerted: set = field(default_factory=set)         # coords with an alert
    alerts: int = 0                                   # alert messages (duplicates included)
    duplicates: int = 0
    detections: Counter = field(default_factory=Counter)   # type -> entities
    records_by_type: Counter = field(default_factory=Counter)  # type -> records
    dlq_reasons: Counter = field(default_factory=Counter)
    recent_redacted: deque = field(default_factory=deque)
    recent_alerts: deque = field(default_factory=deque)
    last_dlq: dict = field(default_factory=dict)      # reason kind -> (coord, key)
    last_output: float | None = None                  # monotonic
    samples: deque = field(default_factory=lambda: deque(maxlen=64))  # (t, produced, outputs)

    def __post_init__(self):
        self.recent_redacted = deque(maxlen=max(1, self.show))
        self.recent_alerts = deque(maxlen=max(3, self.show // 2))

    # -- producer thread
    def delivered(self, coord: Coord, ts_ms: int) -> None:
        with self.lock:
            if coord not in self.prod_ts:
                self.prod_ts[coord] = ts_ms
                if coord in self.out_ts:
                    self.matched += 1

    def failed(self, err) -> None:
        with self.lock:
            self.produce_errors.append(str(err))

    # -- counts
    @property
    def produced(self) -> int:
        return len(self.prod_ts)

    @property
    def outputs(self) -> int:
        return len(self.out_ts)

    def missing(self) -> int:
        with self.lock:
            return len(self.prod_ts) - self.matched

    def feeding(self) -> bool:
        return self.feed_done is None

    def complete(self) -> bool:
        """Every input has been produced and has a redacted record or a DLQ entry."""
        if self.feeding():
            return False
        with self.lock:
            if len(self.prod_ts) + len(self.produce_errors) < self.total:
                return False
            return self.matched == len(self.prod_ts)

    def alerts_complete(self) -> bool:
        return self.findings <= self.alerted

    # -- consumer: one message from an output topic
    def on_message(self, m) -> None:
        topic = m.topic()
        headers = dict(m.headers() or ())
        try:
            coord = (headers[H_SRC_TOPIC].decode(), int(headers[H_SRC_PARTITION]),
                     int(headers[H_SRC_OFFSET]))
        except (KeyError, ValueError):
            return
        ts = m.timestamp()[1]
        if topic == PII_VERIFY:  # holds the raw record: counted, never shown
            self.verify.add(coord)
            return
        if topic == PII_ALERTS:
            self.alerts += 1
            if coord in self.alerted:
                return
            self.alerted.add(coord)
            try:
                alert = orjson.loads(m.value())
            except orjson.JSONDecodeError:
                return
            counts = alert.get("counts") or {}
            self.detections.update(counts)
            self.records_by_type.update(counts.keys())
            self.recent_alerts.append(alert)
            return
        if coord in self.out_ts:
            self.duplicates += 1
            return
        with self.lock:
            self.out_ts[coord] = ts
            if coord in self.prod_ts:
                self.matched += 1
        self.last_output = time.monotonic()
        if topic == PII_DLQ:
            self.dlq.add(coord)
            reason = headers.get(H_ERROR, b"?").decode("utf-8", "replace")
            kind = reason.split(":")[0]
            self.dlq_reasons[kind] += 1
            self.last_dlq[kind] = (coord, m.key())
            return
        self.redacted[topic] += 1
        ents = headers.get(H_ENTITIES, b"")
        if headers.get(H_VERIFIED) == b"true":
            self.verified_true += 1
        if ents:
            self.findings.add(coord)
            if headers.get(H_VERIFIED) == b"false":
                self.verified_false += 1
            self.recent_redacted.append((topic, m.key(), m.value(), ents.decode()))

    # -- rates
    def tick(self) -> None:
        self.samples.append((time.monotonic(), self.produced, self.outputs))

    def rates(self) -> tuple[float, float, float, float]:
        """(produced/s over the last second, overall; outputs/s over the last second, overall)."""
        now = time.monotonic()
        if not self.samples or self.feed_started is None:
            return 0.0, 0.0, 0.0, 0.0
        t1, p1, o1 = self.samples[-1]
        p_now = o_now = 0.0
        earlier = list(self.samples)[:-1]
        if earlier:  # the oldest sample of the last second (ticks come every REFRESH s)
            old = next((s for s in earlier if t1 - s[0] <= 1.0 + REFRESH / 2), earlier[-1])
            dt = max(1e-6, t1 - old[0])
            p_now, o_now = (p1 - old[1]) / dt, (o1 - old[2]) / dt
        feed_end = self.feed_done or now
        p_all = p1 / max(1e-6, feed_end - self.feed_started)
        o_all = o1 / max(1e-6, (self.last_output or now) - self.feed_started)
        return p_now, p_all, o_now, o_all

    def latencies_ms(self) -> list[float]:
        with self.lock:
            return sorted(self.out_ts[c] - t for c, t in self.prod_ts.items() if c in self.out_ts)


# --------------------------------------------------------------------------- rendering


def _key(k: bytes | None) -> str:
    return "-" if k is None else k.decode("utf-8", "replace")


def _src(c: Coord) -> str:
    return f"{c[0]}/{c[1]}@{c[2]}"


def _types(counts: dict) -> Text:
    return Text(" ".join(f"{t}×{n}" for t, n in counts.items()), style="yellow")


def _tokens(alert: dict) -> Text:
    toks = [e.get("token") or "" for e in alert.get("entities", ())]
    t = Text(" ".join(x for x in toks if x))
    t.highlight_regex(_TOKEN_RE, "magenta")
    return t


def render_live(st: DemoState, header: str, elapsed: float, rows: int | None = None) -> Group:
    """The live view; ``rows``: redacted records shown (default ``st.show``), alerts get half."""
    rows = st.show if rows is None else rows
    alert_rows = max(1, min(st.recent_alerts.maxlen or 1, rows // 2))
    p_now, p_all, o_now, o_all = st.rates()
    head = Table.grid(padding=(0, 2))
    for _ in range(4):
        head.add_column(justify="right")
    head.add_column()
    in_flight = max(0, st.produced - st.outputs)
    head.add_row(Text("produced", style="bold"), f"{st.produced:,}/{st.total:,}",
                 _fmt_rate(p_now) + " now", _fmt_rate(p_all) + " avg",
                 Text("feeding" if st.feeding() else "done", style="cyan" if st.feeding() else "green"))
    head.add_row(Text("redacted", style="bold"), f"{sum(st.redacted.values()):,}",
                 _fmt_rate(o_now) + " now", _fmt_rate(o_all) + " avg",
                 Text(f"logs {st.redacted[LOGS_REDACTED]:,} · docs {st.redacted[DOCS_REDACTED]:,}"
                      f" · in flight {in_flight:,}"))
    head.add_row(Text("alerts", style="bold"), f"{len(st.alerted):,}",
                 Text("DLQ", style="bold"), Text(f"{len(st.dlq):,}", style="red" if st.dlq else ""),
                 Text(f"sent to pii.verify {len(st.verify):,} (verified {st.verified_true:,}, "
                      f"fail-closed {st.verified_false:,})"))
    top = Panel(head, title=Text(header, style="bold"), subtitle=f"{elapsed:5.1f} s",
                border_style="blue", expand=True)

    det = Table(title="detections by type", title_justify="left", expand=False, pad_edge=False)
    det.add_column("type", no_wrap=True)
    det.add_column("found", justify="right")
    det.add_column("records", justify="right")
    for t, n in st.detections.most_common(min(10, rows + 2)):
        det.add_row(t, f"{n:,}", f"{st.records_by_type[t]:,}")
    if not st.detections:
        det.add_row(Text("(none yet)", style="dim"), "", "")

    al = Table(title="recent alerts (types + keyed tokens, never values)", title_justify="left",
               expand=True, pad_edge=False)
    al.add_column("source", no_wrap=True, style="dim")
    al.add_column("types", no_wrap=True, overflow="ellipsis", max_width=34)
    al.add_column("tokens", no_wrap=True, overflow="ellipsis", ratio=1)
    for a in list(reversed(st.recent_alerts))[:alert_rows]:
        s = a.get("source") or {}
        al.add_row(f"{s.get('topic')}/{s.get('partition')}@{s.get('offset')}",
                   _types(a.get("counts") or {}), _tokens(a))
    dl = Table(title="DLQ", title_justify="left", expand=True, pad_edge=False)
    dl.add_column("reason", no_wrap=True)
    dl.add_column("n", justify="right")
    dl.add_column("last", no_wrap=True, overflow="ellipsis", ratio=1, style="dim")
    for reason, n in st.dlq_reasons.most_common(4):
        c_k = st.last_dlq.get(reason)
        dl.add_row(Text(reason, style="red"), f"{n:,}",
                   f"{_src(c_k[0])} key={_key(c_k[1])}" if c_k else "")
    if not st.dlq_reasons:
        dl.add_row(Text("(none yet)", style="dim"), "", "")

    mid = Table.grid(padding=(0, 2), expand=True)
    mid.add_column(no_wrap=True)
    mid.add_column(ratio=1)
    mid.add_row(det, Group(al, dl))

    red = Table(title="recent redacted records with findings (tokens in magenta)",
                title_justify="left", expand=True, pad_edge=False)
    red.add_column("topic", no_wrap=True, style="dim")
    red.add_column("key", no_wrap=True, style="dim", max_width=18)
    red.add_column("redacted record", no_wrap=True, overflow="ellipsis", ratio=1)
    for topic, key, value, _ in list(reversed(st.recent_redacted))[:rows]:
        t = Text(value.decode("utf-8", "replace").replace("\n", " "))
        t.highlight_regex(_TOKEN_RE, "bold magenta")
        red.add_row(topic.split(".")[0], _key(key), t)
    if not st.recent_redacted:
        red.add_row("", "", Text("(none yet)", style="dim"))
    return Group(top, mid, red)


def render_fitted(console: Console, st: DemoState, header: str, elapsed: float) -> Group:
    """The live view with as many recent records as fit the terminal's height (Live would crop
    the bottom otherwise, where the redacted records are)."""
    height = console.size.height
    rows = max(1, st.show)
    while True:
        group = render_live(st, header, elapsed, rows)
        excess = len(console.render_lines(group, pad=False)) - (height - 1)
        if excess <= 0 or rows == 1:
            return group
        # a redacted row is one line, and the alerts table shows rows // 2
        rows = max(1, rows - max(1, (excess * 2 + 2) // 3))


def progress_line(st: DemoState, elapsed: float) -> str:
    p_now, p_all, o_now, o_all = st.rates()
    return (f"[{elapsed:6.1f}s] produced {st.produced:,}/{st.total:,} ({_fmt_rate(p_now)}) | "
            f"redacted {sum(st.redacted.values()):,} + DLQ {len(st.dlq):,} = "
            f"{st.outputs:,} ({_fmt_rate(o_now)} now, {_fmt_rate(o_all)} avg) | "
            f"alerts {len(st.alerted):,} | verify {len(st.verify):,} | "
            f"in flight {max(0, st.produced - st.outputs):,}")


def render_summary(st: DemoState, timings: dict, outcome: str, ok: bool, rate: int,
                   cpu: tuple[float, float] | None = None) -> Table:
    s = st.sample
    n_bad = sum(s.malformed.values())
    lat = st.latencies_ms()
    with st.lock:
        first_prod = min(st.prod_ts.values(), default=None)
    last_out = max(st.out_ts.values(), default=None)
    missing = st.missing()
    by_topic = Counter(m[0] for m in s.messages)
    tbl = Table(title="piistream streaming demo: summary", title_style="bold")
    tbl.add_column("", no_wrap=True)
    tbl.add_column("", justify="right", no_wrap=True)
    tbl.add_column("", style="dim")
    tbl.show_header = False
    tbl.add_row("inputs", f"{st.total:,}", f"{s.generated:,} generated + {n_bad:,} malformed")
    tbl.add_row(f"  {LOGS_RAW} / {DOCS_RAW}", f"{by_topic[LOGS_RAW]:,} / {by_topic[DOCS_RAW]:,}", "")
    tbl.add_row("  produced (acked)", f"{st.produced:,}",
                f"{len(st.produce_errors):,} produce errors" if st.produce_errors else "")
    tbl.add_row("redacted", f"{sum(st.redacted.values()):,}",
                f"logs {st.redacted[LOGS_REDACTED]:,} · docs {st.redacted[DOCS_REDACTED]:,}")
    tbl.add_row("  with findings", f"{len(st.findings):,}",
                f"{s.with_pii:,} generated records carry PII")
    tbl.add_row("  via pii.verify", f"{len(st.verify):,}",
                f"uncertain: verifier decided {st.verified_true:,}, fail-closed {st.verified_false:,}")
    tbl.add_row("DLQ", f"{len(st.dlq):,}",
                " · ".join(f"{k} {n}" for k, n in st.dlq_reasons.most_common()))
    tbl.add_row("alerts", f"{len(st.alerted):,}",
                f"{st.alerts:,} messages" if st.alerts != len(st.alerted) else "")
    tbl.add_row("detections", f"{sum(st.detections.values()):,}", "by type (records):")
    for t, n in st.detections.most_common():
        tbl.add_row(f"  {t}", f"{n:,}", f"({st.records_by_type[t]:,})")
    tbl.add_row("accounted for", f"{st.produced - missing:,}/{st.produced:,}",
                Text(outcome, style="bold green" if ok else "bold red"))
    if st.duplicates:
        tbl.add_row("  duplicate outputs", f"{st.duplicates:,}", "at-least-once")
    if first_prod is not None and last_out is not None and last_out > first_prod:
        secs = (last_out - first_prod) / 1000
        tbl.add_row("throughput", f"{st.outputs / secs:,.0f} rec/s",
                    f"{st.outputs:,} outputs in {secs:.1f} s (first produce -> last output)")
    if lat:
        note = "fed at full speed: mostly queueing" if not rate else f"fed at {rate:,}/s"
        tbl.add_row("latency p50", f"{_pct(lat, .5):,.0f} ms", f"produce -> output; {note}")
        tbl.add_row("latency p99 / max", f"{_pct(lat, .99):,.0f} / {lat[-1]:,.0f} ms", "")
    if cpu is not None:
        tbl.add_row("CPU while streaming", f"worker {cpu[0]:.0%}", f"of one core, its detection process included (this process "
                    f"{cpu[1]:.0%}); {os.cpu_count()} cores")
    tbl.add_row("wall time", f"{timings.get('total', 0):.1f} s",
                " · ".join(f"{k} {v:.1f}" for k, v in timings.items() if k != "total"))
    return tbl


# --------------------------------------------------------------------------- processes


class WorkerProcess:
    """``piistream worker`` in its own process group, stderr to a log file."""

    def __init__(self, bootstrap: str, workdir: str):
        self.log_path = os.path.join(workdir, "worker.log")
        self.cmd = [sys.executable, "-m", "piistream", "worker", "--broker", bootstrap,
                    "--no-apply", "--app-id", APP_ID, "--datadir", os.path.join(workdir, "faust"),
                    "--metrics-port", "0"]
        self.env = child_env(redaction_hmac_key=DEMO_HMAC_KEY, redaction_hmac_key_id=DEMO_HMAC_KEY_ID,
                             redaction_hmac_key_file="")
        self.env["PYTHONUNBUFFERED"] = "1"
        self.proc: subprocess.Popen | None = None

    def start(self) -> "WorkerProcess":
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(self.cmd, env=self.env, stdin=subprocess.DEVNULL,
                                         stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        return self

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def exited(self) -> int | None:
        return self.proc.poll() if self.proc else None

    def log_tail(self, lines: int = 15) -> str:
        try:
            with open(self.log_path, "rb") as f:
                data = f.read()[-16384:]
        except OSError:
            return ""
        return "\n".join(data.decode("utf-8", "replace").splitlines()[-lines:])

    def stop(self, grace: float = WORKER_STOP_GRACE) -> None:
        p = self.proc
        if p is None:
            return
        for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 10.0)):
            if p.poll() is not None:
                break
            try:
                os.killpg(p.pid, sig)
            except ProcessLookupError:
                break
            try:
                p.wait(wait)
            except subprocess.TimeoutExpired:
                continue
        # anything else left in its group (none expected)
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def wait_group_assigned(bootstrap: str, group: str, partitions: int, worker: WorkerProcess,
                        timeout: float = WORKER_READY_TIMEOUT) -> None:
    """Wait until ``group`` is stable with ``partitions`` partitions assigned to its members."""
    from confluent_kafka import KafkaException
    from confluent_kafka.admin import AdminClient

    admin = AdminClient({"bootstrap.servers": bootstrap})
    deadline = time.monotonic() + timeout
    while True:
        rc = worker.exited()
        if rc is not None:
            raise RuntimeError(f"the worker exited with code {rc} while starting:\n{worker.log_tail()}")
        try:
            desc = admin.describe_consumer_groups([group], request_timeout=5)[group].result()
            state = getattr(desc.state, "name", str(desc.state))
            assigned = sum(len(m.assignment.topic_partitions) for m in desc.members
                           if m.assignment is not None)
            if state == "STABLE" and assigned >= partitions:
                return
        except KafkaException:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the worker did not join consumer group {group!r} within "
                               f"{timeout:.0f} s:\n{worker.log_tail()}")
        time.sleep(0.25)


def make_producer(bootstrap: str):
    """An idempotent producer. Made before the worker starts: on a fresh broker its first
    InitProducerId waits for the transaction coordinator to load, which then overlaps with the
    worker's start-up instead of delaying the feed."""
    from confluent_kafka import Producer

    p = Producer({"bootstrap.servers": bootstrap, "linger.ms": 5, "enable.idempotence": True,
                  "acks": "all", "allow.auto.create.topics": False,
                  "queue.buffering.max.messages": 200_000, **CLIENT_LOGS})
    p.poll(0)
    return p


def feed(p, sample: Sample, st: DemoState, rate: int, stop: threading.Event) -> None:
    """Producer thread: the sample at ``rate`` records/s (0 = as fast as possible)."""

    def done(err, m):
        if err is not None:
            if not stop.is_set():  # purged on the way out: not a produce error
                st.failed(err)
        else:
            st.delivered((m.topic(), m.partition(), m.offset()), m.timestamp()[1])

    t0 = time.monotonic()
    st.feed_started = t0
    try:
        for i, (topic, key, value) in enumerate(sample.messages):
            if stop.is_set():
                return
            if rate > 0:
                ahead = i / rate - (time.monotonic() - t0)
                if ahead > 0:
                    p.poll(0)
                    stop.wait(ahead)
            while True:
                try:
                    p.produce(topic, value=value, key=key, on_delivery=done)
                    break
                except BufferError:
                    p.poll(0.05)
            p.poll(0)
        while p.flush(0.5) > 0 and not stop.is_set():
            pass
    finally:
        if stop.is_set():
            p.purge()
        p.flush(0)
        st.feed_done = time.monotonic()


# --------------------------------------------------------------------------- the demo


def _cpu_seconds(pid: int | None) -> float | None:
    """user + system CPU seconds of a process and its live children (the worker's detection
    process), from Linux /proc; None where unavailable."""
    def stat(p) -> list[bytes]:
        with open(f"/proc/{p}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()
    try:
        fields = stat(pid)
        total = int(fields[11]) + int(fields[12])
    except (OSError, ValueError, IndexError, TypeError):
        return None
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                f = stat(entry)
                if int(f[1]) == pid:
                    total += int(f[11]) + int(f[12])
            except (OSError, ValueError, IndexError):
                continue
    return total / os.sysconf("SC_CLK_TCK")


def run_stream_demo(records: int = 20000, rate: int = 0, seconds_max: float = 120, show: int = 8,
                    *, seed: int = 7, pii_rate: float = 0.1, console: Console | None = None) -> int:
    """Run the streaming demo; returns 0 if every input has an output (redacted or DLQ), 1 if
    not (or on a start-up failure), 130 if interrupted. ``seconds_max`` counts from the start
    of the feed (the broker's start-up, including a first-run jar fetch, is not included)."""
    from ..dev.broker import (KAFKA_VERSION, EmbeddedKafka, _lib_complete, default_cache_dir,
                              ensure_jars)
    from ..topics.admin import apply_topics
    from ..topics.definitions import topics_for

    console = console or Console()
    tty = console.is_terminal
    t_start = time.monotonic()
    timings: dict[str, float] = {}
    kafka: EmbeddedKafka | None = None
    worker: WorkerProcess | None = None
    consumer = None
    stop = threading.Event()
    producer: threading.Thread | None = None
    prod = None
    workdir = tempfile.mkdtemp(prefix="piistream-demo-")
    st: DemoState | None = None
    interrupted = False
    ok = False
    outcome = ""
    t_feed: float | None = None
    cpu0 = cpu1 = None  # (worker CPU s, own CPU s) at the start / end of the feed

    def status(msg: str):
        if tty:
            return console.status(msg)
        console.print(msg, highlight=False, soft_wrap=True)
        return _Null()

    old_term = None
    if threading.current_thread() is threading.main_thread():
        def _on_term(signum, frame):
            raise KeyboardInterrupt
        old_term = signal.signal(signal.SIGTERM, _on_term)

    try:
        console.rule("[bold]piistream demo[/]: streaming redaction on a real Kafka broker")
        with status(f"generating the sample ({records:,} records + malformed ones)…"):
            t = time.monotonic()
            sample = build_sample(records, seed=seed, pii_rate=pii_rate)
            timings["sample"] = time.monotonic() - t
        st = DemoState(total=len(sample.messages), sample=sample, show=show)

        if not _lib_complete(default_cache_dir() / "lib"):
            t = time.monotonic()
            with status(f"fetching the Kafka {KAFKA_VERSION} jars from Maven Central (first run "
                        f"only, cached in {default_cache_dir()})…"):
                ensure_jars()
            timings["jars"] = time.monotonic() - t
            console.print(f"[green]✓[/] Kafka jars fetched in {timings['jars']:.1f} s",
                          highlight=False)
        t = time.monotonic()
        kafka = EmbeddedKafka(nodes=1, heap_mb=512)
        with status(f"starting Apache Kafka {KAFKA_VERSION} (KRaft, one node)…"):
            kafka.start(timeout=180)
            report = apply_topics(kafka.bootstrap, env="dev")
        timings["broker"] = time.monotonic() - t
        if not report.ok:
            console.print(report.render())
            raise RuntimeError("the topics could not be created")
        console.print(f"[green]✓[/] Kafka {KAFKA_VERSION} at {kafka.bootstrap} (pid "
                      f"{','.join(map(str, kafka.pids))}), {len(report.rows)} topics created "
                      f"in {timings['broker']:.1f} s", highlight=False, soft_wrap=True)

        t = time.monotonic()
        prod = make_producer(kafka.bootstrap)
        worker = WorkerProcess(kafka.bootstrap, workdir).start()
        in_parts = sum(s.partitions for s in topics_for("dev")
                       if s.name in (LOGS_RAW, DOCS_RAW, PII_VERIFY))
        with status(f"starting the worker (pid {worker.pid}), waiting for consumer group "
                    f"{APP_ID!r} to be assigned…"):
            wait_group_assigned(kafka.bootstrap, APP_ID, in_parts, worker)
        timings["worker"] = time.monotonic() - t
        console.print(f"[green]✓[/] worker pid {worker.pid} joined group {APP_ID!r} "
                      f"({in_parts} partitions) in {timings['worker']:.1f} s; feeding "
                      f"{st.total:,} records "
                      + (f"at {rate:,}/s" if rate else "as fast as possible"), highlight=False,
                      soft_wrap=True)

        from confluent_kafka import Consumer
        consumer = Consumer({"bootstrap.servers": kafka.bootstrap,
                             "group.id": f"piistream-demo-view-{uuid.uuid4().hex[:8]}",
                             "auto.offset.reset": "earliest", "enable.auto.commit": False,
                             "fetch.wait.max.ms": 50, **CLIENT_LOGS})
        consumer.subscribe(list(OUTPUT_TOPICS))

        producer = threading.Thread(target=feed, args=(prod, sample, st, rate, stop),
                                    name="piistream-demo-feed", daemon=True)
        t_feed = time.monotonic()
        cpu0 = (_cpu_seconds(worker.pid), time.process_time())
        producer.start()
        header = (f"piistream streaming demo · Kafka {KAFKA_VERSION} at {kafka.bootstrap} · "
                  f"worker pid {worker.pid}")
        live = (Live(render_fitted(console, st, header, 0.0), console=console, auto_refresh=False,
                     transient=False) if tty else _Null())
        next_draw = next_line = time.monotonic()
        done_at: float | None = None
        with live:
            while True:
                for m in consumer.consume(2000, timeout=0.05):
                    if m.error() is None:
                        st.on_message(m)
                now = time.monotonic()
                if now >= next_draw:
                    st.tick()
                    elapsed = now - t_feed
                    next_draw = now + REFRESH
                    if tty:
                        live.update(render_fitted(console, st, header, elapsed), refresh=True)
                    elif now >= next_line:
                        console.print(progress_line(st, elapsed), highlight=False, soft_wrap=True)
                        next_line = now + 1.0
                if st.complete():
                    done_at = done_at or now
                    if st.alerts_complete() or now - done_at > ALERT_GRACE:
                        break
                rc = worker.exited()
                if rc is not None:
                    outcome = f"the worker exited with code {rc}"
                    console.print(f"[red]{outcome}[/]; its log:\n{worker.log_tail()}",
                                  highlight=False)
                    break
                if now - t_feed > seconds_max:
                    outcome = f"stopped at seconds_max={seconds_max:g}"
                    break
            st.tick()
            cpu1 = (_cpu_seconds(worker.pid), time.process_time())
            if tty:
                live.update(render_fitted(console, st, header, time.monotonic() - t_feed),
                            refresh=True)
            else:
                console.print(progress_line(st, time.monotonic() - t_feed), highlight=False,
                              soft_wrap=True)
    except KeyboardInterrupt:
        interrupted = True
        outcome = "interrupted"
    except Exception as e:  # start-up failures (broker, topics, worker): say what, clean up
        outcome = f"error: {e}"
        console.print(Text(f"piistream demo: {type(e).__name__}: {e}", style="red"))
    finally:
        stop.set()
        if t_feed is not None:
            timings["stream"] = time.monotonic() - t_feed
        restore = {}
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):  # don't let a second Ctrl-C skip cleanup
                restore[sig] = signal.signal(sig, signal.SIG_IGN)
        try:
            if interrupted:
                console.print("interrupted: stopping the worker and the broker…", style="yellow",
                              highlight=False)
            elif worker is not None or kafka is not None:
                console.print("stopping the worker and the broker…", style="dim", highlight=False)
            if producer is not None:
                producer.join(10)
            prod = producer = None  # librdkafka handles go before the broker does
            if consumer is not None:
                # one last look: outputs already in the topics count
                if st is not None and not interrupted and not st.complete():
                    for m in consumer.consume(10000, timeout=1.0):
                        if m.error() is None:
                            st.on_message(m)
                consumer.close()
            t = time.monotonic()
            if worker is not None:
                worker.stop()
            if kafka is not None:
                kafka.stop(grace=15)
            timings["shutdown"] = time.monotonic() - t
            shutil.rmtree(workdir, ignore_errors=True)
        finally:
            for sig, h in restore.items():
                signal.signal(sig, h)
            if old_term is not None:
                signal.signal(signal.SIGTERM, old_term)
    timings["total"] = time.monotonic() - t_start

    if st is None or st.feed_started is None:
        return 130 if interrupted else 1
    missing = st.missing()
    ok = (not interrupted and not st.produce_errors and st.produced == st.total and missing == 0)
    if interrupted:
        outcome = (f"interrupted after {timings.get('stream', 0):.1f} s of streaming: "
                   f"{st.produced - missing:,} of {st.produced:,} produced inputs had an output")
    elif ok:
        outcome = f"all {st.total:,} inputs accounted for"
    elif not outcome:
        outcome = (f"{missing:,} inputs without an output" if missing
                   else f"{len(st.produce_errors):,} produce errors" if st.produce_errors
                   else f"only {st.produced:,} of {st.total:,} inputs produced")
    elif missing:
        outcome += f"; {missing:,} inputs without an output"
    cpu = None
    if cpu0 and cpu1 and cpu0[0] is not None and cpu1[0] is not None and timings.get("stream"):
        cpu = ((cpu1[0] - cpu0[0]) / timings["stream"], (cpu1[1] - cpu0[1]) / timings["stream"])
    console.print(render_summary(st, timings, outcome, ok, rate, cpu))
    verdict = ("[bold green]OK[/]" if ok else "[bold yellow]INTERRUPTED[/]" if interrupted
               else "[bold red]FAILED[/]")
    console.print(f"{verdict}: {outcome}"
                  + f" ({st.total:,} inputs: {st.sample.generated:,} generated + "
                    f"{sum(st.sample.malformed.values()):,} malformed)", highlight=False,
                  soft_wrap=True)
    return 130 if interrupted else 0 if ok else 1


class _Null:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, *a, **k):
        pass


# -- `piistream demo --batch`: the detection core on the bundled sample, without Kafka ----------
MAX_SHOWN = 400  # characters of a record shown in the table


def _load(name: str) -> list:
    with resources.files("piistream.samples").joinpath(name).open("rb") as f:
        return list(read_records(f, DEFAULT_MAX_BYTES))


def _highlight(line: str, entities: list[dict]) -> Text:
    t = Text(line)
    for e in entities:
        t.stylize("bold red", e["start"], e["end"])
    return t


def run_batch_demo(args) -> int:
    """``piistream demo --batch``: the cascade on the bundled sample, no Kafka."""
    console = Console()
    cascade = build(load_config())
    sets = [("server logs (text)", "logs.txt", "text"), ("documents (JSON)", "docs.jsonl", "json")]
    totals: Counter = Counter()
    n_records = n_pii = n_err = 0
    elapsed = 0.0
    console.rule("[bold]piistream demo[/]: detection cascade (patterns + validators + rule scorer)")
    bad = Table(title="bad input: one error per record, the run goes on (the error never quotes the record)")
    for col in ("file", "record (first bytes)", "error"):
        bad.add_column(col)
    for title, name, fmt in sets:
        raws = _load(name)
        t0 = time.perf_counter()
        results = cascade.detect(raws, fmt)
        elapsed += time.perf_counter() - t0
        table = Table(title=f"{title}: {name}, first {args.lines} records with findings or errors",
                      show_lines=True, expand=True)
        table.add_column("input (synthetic; detections in red)", ratio=1)
        table.add_column("output", ratio=1)
        shown = 0
        for raw, r in zip(raws, results):
            n_records += 1
            if r.error:
                n_err += 1
            elif r.entities:
                n_pii += 1
                totals.update(e["type"] for e in r.entities)
            if r.error:
                bad.add_row(name, Text(repr(raw[:60]) if isinstance(raw, bytes) else "<oversize>"),
                            Text(r.error, style="yellow"))
            elif shown < args.lines and r.entities:
                shown += 1
                line = raw.decode("utf-8").rstrip("\r")
                table.add_row(_highlight(line, r.entities)[:MAX_SHOWN],
                              Text(r.to_json().decode()[:MAX_SHOWN]))
        console.print(table)
    console.print(bad)
    summary = Table(title="summary")
    summary.add_column("metric")
    summary.add_column("value", justify="right")
    summary.add_row("records", f"{n_records:,}")
    summary.add_row("records with PII", f"{n_pii:,}")
    summary.add_row("records with errors (bad UTF-8, NUL, bad JSON, oversize)", f"{n_err:,}")
    for t, c in totals.most_common():
        summary.add_row(f"  {t}", f"{c:,}")
    summary.add_row("detection time", f"{elapsed * 1000:.0f} ms ({n_records / elapsed:,.0f} records/s)")
    console.print(summary)
    console.print("Next: [bold]piistream scan FILE[/] writes one JSON line per record; "
                  "[bold]piistream bench scan[/] measures throughput.")
    return 0
