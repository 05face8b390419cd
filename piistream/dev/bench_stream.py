"""``piistream bench stream``: the Faust pipeline vs a raw confluent-kafka passthrough, one run.

All measured on the same local broker, same corpus (realistic log lines, ``--pii-rate`` with
PII), same partition count:

1. raw passthrough: a confluent-kafka consumer→producer loop that copies every record to an
   output topic (no detection, no Faust): the ceiling for this machine;
2. the piistream worker with ``--role all`` (detect and verify agents), 1 and 2 workers in the
   same consumer group, per scorer, with the verifier off (``--no-verifier``: the verify agent
   publishes the records with uncertain spans at once, those spans redacted: fail closed); and
   the headline, 1 worker with the first scorer, with the verifier on AND off, in the same run;
3. end-to-end latency (input CreateTime → output CreateTime) at a steady offered load, 1 worker,
   verifier on.

**How every throughput row counts** (raw passthrough included), ``window_rate``:
- a record is *finished* when its final output exists: the redacted record on ``logs.redacted``
  or its ``pii.dlq`` entry (raw passthrough: its copy). A hand-off to ``pii.verify`` is not an
  output; the verify agent's redacted record for it is;
- the outputs' CreateTime stamps (set by the producing client when it sends) are sorted; the
  first ``WARMUP_SHARE`` (2%) of them are the warm-up (consumer group join, first batches,
  model loading) and are skipped;
- rate = (outputs in the window - 1) / (last output time - first output time in the window).
The CPU columns are the workers' CPU seconds inside that same window, per finished record.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

from confluent_kafka import Consumer, Producer
from confluent_kafka.admin import AdminClient, NewTopic

from ..config import child_env
from ..train.data import generate
from ..topics.admin import apply_topics

PARTITIONS = 4
BENCH_HMAC_KEY = "bench-hmac-key-0123456789"


def _produce(bootstrap: str, topic: str, values: list[bytes], rate: float = 0) -> None:
    """Produce ``values`` as fast as possible, or, with ``rate``, as a steady load of ``rate``
    records/s: paced every ``PACE_S`` (10 ms; at 1,000 records/s, 10 records at a time).
    (Before 2026-12-03 the paced load came in bursts of 1,000 records a second, so the
    latency measured was the time to detect a 1,000-record batch, not a steady load's.)"""
    p = Producer({"bootstrap.servers": bootstrap, "linger.ms": 10, "batch.size": 512 * 1024,
                  "compression.type": "lz4", "allow.auto.create.topics": False})
    step = max(1, int(rate * PACE_S)) if rate else 1000
    t0 = time.perf_counter()
    for i, v in enumerate(values):
        while True:
            try:
                p.produce(topic, key=b"%d" % i, value=v)
                break
            except BufferError:
                p.poll(0.05)
        if i % step == 0:
            p.poll(0)
            if rate:
                ahead = (i + 1) / rate - (time.perf_counter() - t0)
                if ahead > 0:
                    time.sleep(ahead)
    p.flush(120)


PACE_S = 0.01  # a paced producer's step (``_produce``)
WARM_RECORDS = 200  # answered by the worker before ``latency`` starts its clock
LAST_LATENCY: dict = {}  # the last ``latency`` run's second half (p50, p99 ms)


def _drain_times(bootstrap: str, topics: list[str], n: int, timeout: float) -> list[tuple[int, int]]:
    """(output CreateTime ms, input offset-ish) for n records; returns output timestamps and the
    source timestamps (from the piistream-src headers: we look up input CreateTime by offset)."""
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": f"bench-{uuid.uuid4().hex}",
                  "auto.offset.reset": "earliest", "enable.auto.commit": False,
                  "fetch.max.bytes": 64 << 20})
    c.subscribe(topics)
    out = []
    deadline = time.time() + timeout
    try:
        while len(out) < n and time.time() < deadline:
            for m in c.consume(5000, timeout=0.5):
                if m.error():
                    continue
                out.append((m.timestamp()[1], m))
    finally:
        c.close()
    return out


WARMUP_SHARE = 0.02  # of the outputs, skipped by every row of bench stream


def window_rate(ts_ms: list[float]) -> tuple[float, float, float, int]:
    """(records/s, window start ms, window end ms, outputs in the window) from the outputs'
    timestamps: the first ``WARMUP_SHARE`` skipped, first to last output of the rest."""
    ts = sorted(ts_ms)
    k = int(len(ts) * WARMUP_SHARE)
    count = len(ts) - k
    span = max(1e-3, (ts[-1] - ts[k]) / 1000)
    return (count - 1) / span, ts[k], ts[-1], count


def raw_passthrough(bootstrap: str, src: str, dst: str, n: int, timeout: float = 300) -> float:
    """Copy n records src→dst with confluent-kafka; returns records/s from the first consumed
    batch to the flush of the last copy (``bench replay``'s ceiling; ``bench stream`` measures
    the copies' timestamps with ``window_rate`` instead)."""
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": f"raw-{uuid.uuid4().hex}",
                  "auto.offset.reset": "earliest", "enable.auto.commit": False,
                  "fetch.max.bytes": 64 << 20, "max.partition.fetch.bytes": 16 << 20})
    p = Producer({"bootstrap.servers": bootstrap, "linger.ms": 5, "batch.size": 512 * 1024,
                  "compression.type": "lz4", "acks": "all"})
    c.subscribe([src])
    done = 0
    t_first = None
    deadline = time.time() + timeout
    while done < n and time.time() < deadline:
        msgs = c.consume(5000, timeout=0.5)
        if not msgs:
            continue
        if t_first is None:
            t_first = time.perf_counter()
        for m in msgs:
            if m.error():
                continue
            while True:
                try:
                    p.produce(dst, key=m.key(), value=m.value(), headers=m.headers())
                    break
                except BufferError:
                    p.poll(0.05)
            done += 1
        p.poll(0)
        c.commit(asynchronous=True)
    p.flush(60)
    elapsed = time.perf_counter() - (t_first or time.perf_counter())
    c.close()
    return done / elapsed if elapsed > 0 else float("nan")


def _workers(bootstrap: str, prefix: str, n: int, app_id: str, tmp: str, role: str = "detect",
             extra: tuple = ()) -> list[subprocess.Popen]:
    env = child_env(redaction_hmac_key=BENCH_HMAC_KEY)
    procs = []
    for i in range(n):
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "piistream", "worker", "--broker", bootstrap, "--prefix", prefix,
             "--app-id", app_id, "--no-apply", "--families", "logs", "--metrics-port", "0",
             "--role", role, *extra, "--datadir", os.path.join(tmp, f"{app_id}-{i}")],
            env=env, start_new_session=True, stdout=subprocess.DEVNULL,
            stderr=open(os.path.join(tmp, f"{app_id}-{i}.log"), "wb")))
    return procs


def _worker_logs(tmp: str, app_id: str) -> str:
    out = []
    for name in sorted(os.listdir(tmp)):
        if name.startswith(app_id) and name.endswith(".log"):
            with open(os.path.join(tmp, name), "rb") as f:
                tail = f.read()[-1500:].decode("utf-8", "replace")
            out.append(f"--- {name}\n{tail}")
    return "\n".join(out)


def _stop(procs) -> None:
    for p in procs:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGTERM)
    for p in procs:
        try:
            p.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _session_cpu(sids: set[int]) -> tuple[float, float]:
    """(CPU seconds (user + system) of every live process in the sessions ``sids``, of which
    the sessions' leaders): a worker is started in a session of its own and leads it (its
    event loop: Faust, aiokafka, delivery and acks), and its detection processes inherit it."""
    total = lead = 0
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # after the command: state ppid pgrp session ... utime(12) stime(13)
        if int(fields[3]) in sids:
            used = int(fields[11]) + int(fields[12])
            total += used
            if int(name) in sids:
                lead += used
    return total / _TICK, lead / _TICK


class CpuSampler:
    """Samples the CPU seconds of the workers' process trees every ``every`` s (Linux /proc), so
    that the CPU spent inside the measured window can be read off afterwards: on a machine with
    fewer cores than processes, CPU seconds per record show whether N workers do the work of one
    at the same cost (the scaling the cores would allow) even when wall-clock rates cannot."""

    def __init__(self, sids: set[int], every: float = 0.1):
        self.sids, self.every = sids, every
        self.samples: list[tuple[float, tuple[float, float]]] = []
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self.available = os.path.isdir("/proc")
        if self.available:
            self._t.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append((time.time() * 1000, _session_cpu(self.sids)))
            self._stop.wait(self.every)

    def stop(self) -> None:
        self._stop.set()
        if self.available:
            self._t.join(5)

    def between(self, t0_ms: float, t1_ms: float, leaders: bool = False) -> float:
        """CPU seconds used between the two wall-clock times (nearest samples): by the whole
        trees, or (``leaders``) by the workers' own processes alone (their event loops)."""
        if len(self.samples) < 2:
            return float("nan")
        k = 1 if leaders else 0
        before = [c[k] for t, c in self.samples if t <= t0_ms] or [self.samples[0][1][k]]
        after = [c[k] for t, c in self.samples if t >= t1_ms] or [self.samples[-1][1][k]]
        return after[0] - before[-1]


LAST_CPU: dict = {}  # the last pipeline_rate's CPU figures (for the table)


def pipeline_rate(bootstrap: str, values: list[bytes], workers: int, tmp: str,
                  verifier: bool, extra: tuple = ()) -> float:
    """Records/s through ``workers`` workers with ``--role all`` (see the module docstring: a
    record counts once its final output -- redacted record or DLQ entry -- exists; the same
    warm-up and window as every row). ``verifier`` False: ``--no-verifier``, the verify agent
    fails closed without a model."""
    prefix = f"b{uuid.uuid4().hex[:6]}."
    assert apply_topics(bootstrap, "dev", prefix).ok
    _produce(bootstrap, prefix + "logs.raw", values)
    extra = tuple(extra) + (() if verifier else ("--no-verifier",))
    procs = _workers(bootstrap, prefix, workers, f"bench-{prefix}", tmp, "all", extra)
    cpu = CpuSampler({p.pid for p in procs})
    try:
        got = _drain_times(bootstrap, [prefix + "logs.redacted", prefix + "pii.dlq"], len(values),
                           120 + len(values) / 500)
    finally:
        cpu.stop()
        _stop(procs)
    if len(got) < len(values):
        raise RuntimeError(f"pipeline produced {len(got)} of {len(values)} final outputs\n"
                           + _worker_logs(tmp, f"bench-{prefix}"))
    rate, t0, t1, count = window_rate([t for t, _ in got])
    wall = max(1e-3, (t1 - t0) / 1000)
    used = cpu.between(t0, t1)
    loop = cpu.between(t0, t1, leaders=True)
    LAST_CPU.clear()
    LAST_CPU.update({"cpu_s": used, "wall_s": wall, "records": count,
                     "cpu_us_per_record": used / count * 1e6, "cores_busy": used / wall,
                     "event_loop_us_per_record": loop / count * 1e6,
                     "detection_us_per_record": (used - loop) / count * 1e6})
    return rate


def latency(bootstrap: str, values: list[bytes], rate: float, tmp: str,
            scorer: str = "cnn") -> tuple[float, float, float]:
    """p50, p99, achieved rate with one worker at a steady offered load of ``rate`` records/s.

    The clock starts once the worker has answered ``WARM_RECORDS`` warm-up records (it has
    joined its group, loaded its models and run its first batches); those are not measured.
    (Before 2026-12-03 a fixed 8 s sleep stood for that: the worker was still warming for the
    first ~5 s of the load, and their backlog, p50 500-800 ms, set the whole run's p99.)"""
    prefix = f"l{uuid.uuid4().hex[:6]}."
    assert apply_topics(bootstrap, "dev", prefix).ok
    outputs = [prefix + "logs.redacted", prefix + "pii.dlq"]
    procs = _workers(bootstrap, prefix, 1, f"lat-{prefix}", tmp, "all", ("--scorer", scorer))
    warm = values[:WARM_RECORDS]
    try:
        _produce(bootstrap, prefix + "logs.raw", warm)
        if len(_drain_times(bootstrap, outputs, len(warm), 300)) < len(warm):
            raise RuntimeError("the worker did not answer the warm-up records within 300 s")
        t_start = time.time() * 1000
        t = threading.Thread(target=_produce, args=(bootstrap, prefix + "logs.raw", values, rate))
        t.start()
        got = _drain_times(bootstrap, outputs, len(warm) + len(values), 600)
        t.join()
    finally:
        _stop(procs)
    src_ts = {}
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": f"lsrc-{uuid.uuid4().hex}",
                  "auto.offset.reset": "earliest", "enable.auto.commit": False})
    c.subscribe([prefix + "logs.raw"])
    deadline = time.time() + 120
    while len(src_ts) < len(warm) + len(values) and time.time() < deadline:
        for m in c.consume(5000, timeout=0.5):
            if not m.error():
                src_ts[(m.partition(), m.offset())] = m.timestamp()[1]
    c.close()
    lat = []
    ts = []
    by_src = []  # (source time, latency): the run's second half, read apart from its start
    for t_out, m in got:
        h = dict(m.headers() or [])
        key = (int(h["piistream-src-partition"]), int(h["piistream-src-offset"]))
        if src_ts.get(key, -1) >= t_start:  # a measured record (not a warm-up one)
            lat.append(t_out - src_ts[key])
            ts.append(t_out)
            by_src.append((src_ts[key], t_out - src_ts[key]))
    lat.sort()
    ts.sort()
    by_src.sort()
    second = sorted(x for _, x in by_src[len(by_src) // 2:])
    LAST_LATENCY.clear()
    if second:
        LAST_LATENCY.update(second_half_p50_ms=second[len(second) // 2],
                            second_half_p99_ms=second[int(len(second) * 0.99)])
    achieved = len(ts) / max(1e-3, (ts[-1] - ts[0]) / 1000)
    return lat[len(lat) // 2], lat[int(len(lat) * 0.99)], achieved, lat


def _write_json(path: str, data: dict) -> None:
    import orjson
    with open(path, "wb") as f:
        f.write(orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SERIALIZE_NUMPY))


def _produce_timed(bootstrap: str, topic: str, values, n: int, t0_ms: int) -> None:
    """n records cycling through ``values``, record i with timestamp t0_ms + i (1 ms apart)."""
    p = Producer({"bootstrap.servers": bootstrap, "linger.ms": 20, "batch.size": 1 << 20,
                  "compression.type": "lz4", "queue.buffering.max.messages": 500_000})
    m = len(values)
    for i in range(n):
        while True:
            try:
                p.produce(topic, values[i % m], b"h%d" % (i % 500), timestamp=t0_ms + i)
                break
            except BufferError:
                p.poll(0.05)
        if i % 5000 == 0:
            p.poll(0)
    p.flush(300)


def _watch_checkpoint(path: str) -> int:
    import json
    try:
        with open(path) as f:
            return sum(p["next"] - p["start"] for p in json.load(f)["partitions"].values())
    except (OSError, ValueError, KeyError):
        return 0


def _stage_note(rep: dict) -> str:
    """'CPU per record: detection 120 us, main 9 us; inside detection: candidates 20 us, ...'."""
    parts = []
    for label, key in (("CPU per record", "cpu_us_per_record"), ("inside detection", "stage_us_per_record")):
        us = rep.get(key) or {}
        if us:
            parts.append(f"{label}: " + ", ".join(f"{k} {v:.1f} us" for k, v in sorted(us.items()) if v))
    return "; ".join(parts)


def bench_replay(args) -> int:
    """Replay of an n-record topic range by time: raw passthrough ceiling, one clean run (rate),
    and one run killed with SIGKILL part-way and resumed (exact counts, nothing lost)."""
    import json

    from rich.console import Console
    from rich.table import Table

    from .broker import EmbeddedKafka

    console = Console(width=max(120, Console().width))
    base = [r.text.encode() for r in generate(args.distinct, seed=args.seed, pii_rate=args.pii_rate,
                                              families=None) if r.fmt == "text"]
    n = args.n
    console.print(f"corpus: {n:,} log records cycling through {len(base):,} generated lines "
                  f"({args.pii_rate:.0%} with PII)")
    broker, bootstrap = None, args.broker
    tmp = tempfile.mkdtemp(prefix="piistream-bench-replay-")
    try:
        if not bootstrap:
            broker = EmbeddedKafka(heap_mb=1024).start(timeout=180)
            bootstrap = broker.bootstrap
        prefix = f"r{uuid.uuid4().hex[:6]}."
        assert apply_topics(bootstrap, "dev", prefix).ok
        src = prefix + "logs.raw"
        dests = [prefix + "backfill.a", prefix + "backfill.b", prefix + "raw.copy"]
        # the same replay with fewer stages: what each stage of the cascade costs, in this run
        stage_runs = [] if args.no_stages else [
            ("candidates + rules scorer, no models", {"PIISTREAM_SCORER": "rules", "PIISTREAM_VERIFIER": "false"}),
            ("candidates + charCNN, no verifier (uncertain fail closed)", {"PIISTREAM_VERIFIER": "false"}),
        ]
        dests += [prefix + f"backfill.stage{i}" for i in range(len(stage_runs))]
        admin = AdminClient({"bootstrap.servers": bootstrap})
        for f in admin.create_topics([NewTopic(d, PARTITIONS, 1) for d in dests]).values():
            f.result()
        # recent timestamps: the raw topics' short retention would delete older records
        t0_ms = int(time.time() * 1000) - n
        t = time.perf_counter()
        _produce_timed(bootstrap, src, base, n, t0_ms)
        console.print(f"produced {n:,} records in {time.perf_counter() - t:.1f} s")
        raw = raw_passthrough(bootstrap, src, dests[2], n, timeout=600)
        console.print(f"raw passthrough: {raw:,.0f} records/s")
        env = child_env(redaction_hmac_key=BENCH_HMAC_KEY)
        common = [sys.executable, "-m", "piistream", "replay", "-q", "--broker", bootstrap,
                  "--prefix", prefix, "--from-topic", src, "--start-time", str(t0_ms),
                  "--end-time", str(t0_ms + n)]
        # 1. a clean run: the rate
        ck1, rep1 = os.path.join(tmp, "ck1.json"), os.path.join(tmp, "r1.json")
        subprocess.run(common + ["--to-topic", dests[0], "--checkpoint", ck1, "--report", rep1],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        with open(rep1) as f:
            r1 = json.load(f)
        rate = r1["this_run"] / r1["seconds"]
        console.print(f"replay: {r1['totals']['read']:,} records in {r1['seconds']:.1f} s = {rate:,.0f} records/s")
        stages = []
        for i, (label, extra) in enumerate(stage_runs):
            rep_i = os.path.join(tmp, f"stage{i}.json")
            subprocess.run(common + ["--to-topic", dests[3 + i], "--report", rep_i,
                                     "--checkpoint", os.path.join(tmp, f"ck-stage{i}.json")],
                           env={**env, **extra}, check=True, stdout=subprocess.DEVNULL)
            with open(rep_i) as f:
                ri = json.load(f)
            stages.append({"name": label, "records_s": ri["this_run"] / ri["seconds"],
                           "totals": ri["totals"], "stage_us_per_record": ri.get("stage_us_per_record", {}),
                           "cpu_us_per_record": ri.get("cpu_us_per_record", {})})
            console.print(f"replay, {label}: {stages[-1]['records_s']:,.0f} records/s")
        # 2. killed at ~40%, resumed
        ck2, rep2 = os.path.join(tmp, "ck2.json"), os.path.join(tmp, "r2.json")
        cmd2 = common + ["--to-topic", dests[1], "--checkpoint", ck2, "--report", rep2]
        proc = subprocess.Popen(cmd2, env=env, stdout=subprocess.DEVNULL, start_new_session=True)
        while _watch_checkpoint(ck2) < 0.4 * n and proc.poll() is None:
            time.sleep(0.05)
        at_kill = _watch_checkpoint(ck2)
        if proc.poll() is not None:
            raise RuntimeError(f"the replay ended (exit code {proc.returncode}) before it could be killed")
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        subprocess.run(cmd2, env=env, check=True, stdout=subprocess.DEVNULL)
        with open(rep2) as f:
            r2 = json.load(f)
        # every source offset has an output in the destination (+ DLQ), duplicates counted
        seen, total = set(), 0
        c = Consumer({"bootstrap.servers": bootstrap, "group.id": f"chk-{uuid.uuid4().hex}",
                      "auto.offset.reset": "earliest", "enable.auto.commit": False,
                      "fetch.max.bytes": 64 << 20})
        c.subscribe([dests[1], prefix + "pii.dlq"])
        idle = time.time()
        while time.time() - idle < 10 and len(seen) < n:
            msgs = c.consume(10000, timeout=0.5)
            if msgs:
                idle = time.time()
            for m in msgs:
                if m.error():
                    continue
                h = dict(m.headers() or [])
                if h.get("piistream-src-topic") == src.encode():
                    total += 1
                    seen.add((int(h["piistream-src-partition"]), int(h["piistream-src-offset"])))
        c.close()
        table = Table(title=f"piistream bench replay — {n:,} records by time range, "
                            f"{PARTITIONS} partitions, one local broker, one run")
        for col in ("run", "records/s", "vs raw passthrough", "notes"):
            table.add_column(col, justify="left" if col in ("run", "notes") else "right")
        table.add_row("raw confluent-kafka passthrough", f"{raw:,.0f}", "100%", "consume -> produce, no detection")
        table.add_row("piistream replay", f"{rate:,.0f}", f"{rate / raw:.1%}",
                      f"{r1['totals']['read']:,} read, {r1['totals']['redacted']:,} redacted, "
                      f"{r1['totals']['alerts']:,} alerts, {r1['totals']['dlq']:,} DLQ; "
                      + _stage_note(r1))
        for st_ in stages:
            table.add_row(f"  the same, {st_['name']}", f"{st_['records_s']:,.0f}",
                          f"{st_['records_s'] / raw:.1%}", _stage_note(st_))
        table.add_row("replay killed (SIGKILL) at checkpoint "
                      f"{at_kill:,}, then resumed", "", "",
                      f"report: {r2['totals']['read']:,} read (exact: {r2['totals']['read'] == n}); "
                      f"destination: {len(seen):,} distinct source offsets of {n:,}, "
                      f"{total - len(seen):,} duplicates")
        console.print(table)
        ok = r2["totals"]["read"] == n and len(seen) == n and r1["totals"]["read"] == n
        console.print("[green]exact counts, nothing lost[/]" if ok else "[red]COUNT MISMATCH[/]")
        if args.json:
            _write_json(args.json, {"bench": "replay", "records": n, "raw": raw, "replay": rate,
                                    "ratio": rate / raw, "report": r1, "resumed_report": r2,
                                    "stages": stages,
                                    "killed_at": at_kill, "distinct": len(seen),
                                    "duplicates": total - len(seen), "ok": ok})
        return 0 if ok else 1
    finally:
        if broker:
            broker.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def _row_name(workers: int, scorer: str, verifier: bool, thread: bool = False) -> str:
    return (f"piistream worker x{workers}, scorer {scorer}"
            + (", detection in a thread" if thread else "")
            + (", verifier ON (verify agent decides)" if verifier else
               ", verifier OFF (uncertain spans fail closed)"))


def bench_stream(args) -> int:
    from rich.console import Console
    from rich.table import Table

    from .broker import EmbeddedKafka

    console = Console(width=max(120, Console().width))
    values = [r.text.encode() for r in generate(args.n, seed=args.seed, pii_rate=args.pii_rate,
                                                families=None) if r.fmt == "text"]
    console.print(f"corpus: {len(values):,} log records ({args.pii_rate:.0%} with PII)")
    broker = None
    bootstrap = args.broker
    tmp = tempfile.mkdtemp(prefix="piistream-bench-")
    try:
        if not bootstrap:
            broker = EmbeddedKafka(heap_mb=1024).start(timeout=180)
            bootstrap = broker.bootstrap
        rows = []  # (name, records/s, what was run)
        cpu_rows: dict[str, dict] = {}
        # 1. raw passthrough ceiling: the copies' timestamps, the same window as the pipelines
        src, dst = f"raw-{uuid.uuid4().hex[:6]}", f"rawout-{uuid.uuid4().hex[:6]}"
        admin = AdminClient({"bootstrap.servers": bootstrap})
        for f in admin.create_topics([NewTopic(src, PARTITIONS, 1), NewTopic(dst, PARTITIONS, 1)]).values():
            f.result()
        _produce(bootstrap, src, values)
        raw_passthrough(bootstrap, src, dst, len(values))
        copies = _drain_times(bootstrap, [dst], len(values), 120)
        if len(copies) < len(values):
            raise RuntimeError(f"raw passthrough copied {len(copies)} of {len(values)} records")
        raw = window_rate([t for t, _ in copies])[0]
        rows.append(("raw confluent-kafka passthrough (no detection)", raw, {}))
        console.print(f"raw passthrough: {raw:,.0f} records/s")

        def measure(w: int, scorer: str, verifier: bool, thread: bool = False) -> None:
            r = pipeline_rate(bootstrap, values, w, tmp, verifier,
                              extra=("--scorer", scorer) + (("--detect-processes", "0")
                                                            if thread else ()))
            name = _row_name(w, scorer, verifier, thread)
            rows.append((name, r, {"workers": w, "scorer": scorer, "verifier": verifier,
                                   "thread": thread}))
            cpu_rows[name] = dict(LAST_CPU)
            console.print(f"{name}: {r:,.0f} records/s, {LAST_CPU['cpu_us_per_record']:.0f} "
                          f"CPU-us per record ({LAST_CPU['event_loop_us_per_record']:.0f} in the "
                          f"event-loop process, {LAST_CPU['detection_us_per_record']:.0f} in "
                          f"detection), {LAST_CPU['cores_busy']:.2f} cores busy")

        # 2. the headline: 1 worker, the first scorer, verifier on and off
        first = args.scorers[0]
        measure(1, first, True)
        measure(1, first, False)
        # 3. scaling and scorers, verifier off
        for scorer in args.scorers:
            for w in args.workers:
                if (w, scorer) != (1, first):
                    measure(w, scorer, False)
            if args.thread_mode:
                for w in args.workers:
                    measure(w, scorer, False, thread=True)
        # 4. latency at a steady load (the first scorer, verifier on); --latency-seconds 0: none
        timed = args.latency_rate > 0 and int(args.latency_rate * args.latency_seconds) > 0
        if timed:
            p50, p99, achieved, lat = latency(bootstrap, values[: int(args.latency_rate * args.latency_seconds)],
                                              args.latency_rate, tmp, first)
        method = (f"every row: a record counts when its final output exists (logs.redacted or "
                  f"pii.dlq; raw: its copy); the first {WARMUP_SHARE:.0%} of the outputs skipped "
                  "(warm-up), rate from the first to the last output timestamp of the rest; "
                  "workers run --role all (detect + verify agents)")
        table = Table(title=f"piistream bench stream — {len(values):,} log records, {PARTITIONS} partitions, "
                            "one local broker, one run", caption=method)
        for col in ("pipeline", "records/s", "vs raw passthrough", "worker CPU-us / record",
                    "of which event loop / detection", "worker cores busy"):
            table.add_column(col, justify="right" if col != "pipeline" else "left")
        for name, r, _ in rows:
            c = cpu_rows.get(name)
            table.add_row(name, f"{r:,.0f}", f"{r / raw:.1%}",
                          f"{c['cpu_us_per_record']:.0f}" if c else "",
                          f"{c['event_loop_us_per_record']:.0f} / {c['detection_us_per_record']:.0f}"
                          if c else "",
                          f"{c['cores_busy']:.2f}" if c else "")
        console.print(table)
        if timed:
            console.print(f"end-to-end latency at {args.latency_rate:,.0f} records/s offered "
                          f"({achieved:,.0f} achieved), 1 worker, scorer {first}, verifier on: "
                          f"p50 {p50:.0f} ms, p99 {p99:.0f} ms (second half of the run: p50 "
                          f"{LAST_LATENCY.get('second_half_p50_ms', 0):.0f} ms, p99 "
                          f"{LAST_LATENCY.get('second_half_p99_ms', 0):.0f} ms)")
        else:
            console.print("end-to-end latency: not measured (--latency-seconds 0)")
        rates = {n_: r_ for n_, r_, _ in rows}
        for scorer in args.scorers:
            for thread in (False, True):
                one, two = _row_name(1, scorer, False, thread), _row_name(2, scorer, False, thread)
                if one in rates and two in rates:
                    c1 = cpu_rows[one].get("cpu_us_per_record")
                    c2 = cpu_rows[two].get("cpu_us_per_record")
                    eff = f"; CPU per record 2 workers / 1 worker: {c2 / c1:.2f}x" if c1 and c2 else ""
                    console.print(f"{scorer}{' (detection in a thread)' if thread else ''}, verifier off: "
                                  f"2 workers / 1 worker: {rates[two] / rates[one]:.2f}x (this machine "
                                  f"has {os.cpu_count()} cores, shared with the broker and the load "
                                  f"generator){eff}")
        if getattr(args, "json", None):
            step = max(1, len(lat) // 2000) if timed else 1
            _write_json(args.json, {"bench": "stream", "records": len(values), "raw": raw,
                                    "method": {"finished": ["logs.redacted", "pii.dlq"],
                                               "role": "all", "warmup_share": WARMUP_SHARE,
                                               "window": "first to last output timestamp after the warm-up"},
                                    "rows": [{"name": n_, "records_s": r_, **meta,
                                              **({"cpu": cpu_rows[n_]} if n_ in cpu_rows else {})}
                                             for n_, r_, meta in rows],
                                    "latency": {"offered": args.latency_rate, "achieved": achieved,
                                                "p50_ms": p50, "p99_ms": p99, "verifier": True,
                                                **LAST_LATENCY,
                                                "sample_ms": lat[::step]} if timed else None})
    finally:
        if broker:
            broker.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0
