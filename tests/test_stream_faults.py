"""Fault injection on a real broker: the worker is at-least-once, so faults may duplicate, never lose.

- ``test_kill9_mid_stream_loses_nothing``: a worker is ``kill -9``-ed (its whole process group)
  at two random points mid-stream and replaced by a fresh one in the same consumer group; in the
  end every input offset has an output on ``logs.redacted`` or ``pii.dlq``, and the only
  duplicates are exact repeats (same source coordinates -> same topic, key, value, headers).
- ``test_broker_restart_loses_nothing``: records are produced continuously while the broker is
  stopped and restarted under a running worker; a supervisor loop (what a process manager does)
  restarts the worker if it exits, which it does by design when a delivery fails. Nothing lost.
- ``test_unsendable_output_is_never_committed``: a record whose redacted output is over the
  output topic's size limit must not be committed without an output, nor hang the worker (the
  Router dead-letters it with ``output_too_large``).

The workers run with a short consumer session timeout (Faust settings from the environment:
``BROKER_SESSION_TIMEOUT`` etc.) so that a killed member leaves the group in seconds instead of
the default 60 s; this changes how fast a replacement gets the partitions, not the guarantees.
Run with ``-s`` to see the fault timeline and the duplicate counts.
"""
from __future__ import annotations

import random
import shutil
import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest
from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaException, Producer, TopicPartition

from piistream.train.data import generate
from piistream.models.records import Processor

from streamkit import (Msg, Worker, committed, new_prefix, produce, setup_topics, src,
                       uncertain_line)

pytestmark = [pytest.mark.kafka, pytest.mark.slow]

OUTPUTS = ("logs.redacted", "pii.dlq")          # one of these per input offset
MAX_BYTES = 200_000
FAST_GROUP = {"BROKER_SESSION_TIMEOUT": "6", "BROKER_HEARTBEAT_INTERVAL": "1",
              "BROKER_REBALANCE_TIMEOUT": "20"}
UNCERTAIN = uncertain_line()   # goes through pii.verify (two stages)


def log(msg: str) -> None:
    print(f"[faults {time.strftime('%H:%M:%S')}] {msg}", flush=True)


# --------------------------------------------------------------------------- helpers

class LoggedWorker(Worker):
    """A Worker whose stderr goes to a file: a pipe nobody reads fills up (64 KiB) when the
    worker logs connection errors during a broker outage, and the worker then blocks."""

    def __init__(self, bootstrap: str, prefix: str, app_id: str, log_path: Path, *extra: str,
                 max_bytes: int | None = MAX_BYTES):
        if max_bytes is not None:
            extra = ("--max-bytes", str(max_bytes), *extra)
        super().__init__(bootstrap, prefix, app_id, *extra, env=FAST_GROUP)
        self.log_path = log_path
        self._log = None

    def start(self) -> "LoggedWorker":
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(self.cmd, env=self.env, start_new_session=True,
                                     stdout=subprocess.DEVNULL, stderr=self._log)
        return self

    def stop(self) -> bytes:
        super().stop()
        if self._log is not None:
            self._log.close()
            self._log = None
        return b""

    @property
    def exited(self) -> int | None:
        return self.proc.poll() if self.proc is not None else None

    def tail(self, n: int = 3000) -> str:
        try:
            return self.log_path.read_bytes()[-n:].decode("utf-8", "replace")
        except OSError:
            return ""


class Outputs:
    """Reads the output topics from the beginning (assign, no consumer group), incrementally,
    and indexes them by source coordinates, counting duplicates and any conflicting repeat."""

    def __init__(self, bootstrap: str, prefix: str, names=OUTPUTS):
        self.prefix = prefix
        self.c = Consumer({"bootstrap.servers": bootstrap, "group.id": f"faults-{uuid.uuid4().hex}",
                           "enable.auto.commit": False, "auto.offset.reset": "earliest"})
        md = self.c.list_topics(timeout=30)
        self.tps = [TopicPartition(prefix + n, p, OFFSET_BEGINNING)
                    for n in names for p in sorted(md.topics[prefix + n].partitions)]
        self.c.assign(self.tps)
        self.by_src: dict[tuple, Msg] = {}
        self.read = 0
        self.dups = 0
        self.conflicts: list[tuple[Msg, Msg]] = []
        self.next_offset: dict[tuple[str, int], int] = {}

    def poll(self, timeout: float = 0.1) -> None:
        for m in self.c.consume(5000, timeout=timeout):
            if m.error():
                continue
            hl = m.headers() or []
            msg = Msg(m.topic()[len(self.prefix):], m.partition(), m.offset(), m.key(), m.value(),
                      dict(hl), hl)
            self.read += 1
            self.next_offset[(m.topic(), m.partition())] = m.offset() + 1
            s = src(msg)
            first = self.by_src.get(s)
            if first is None:
                self.by_src[s] = msg
            else:
                self.dups += 1
                if (first.topic, first.key, first.value, first.header_list) != \
                        (msg.topic, msg.key, msg.value, msg.header_list):
                    self.conflicts.append((first, msg))

    def catch_up(self, timeout: float = 60) -> None:
        """Read everything up to the current end of every output partition."""
        deadline = time.monotonic() + timeout
        ends = {(tp.topic, tp.partition): self._end(tp, deadline) for tp in self.tps}
        while any(self.next_offset.get(k, 0) < end for k, end in ends.items()):
            assert time.monotonic() < deadline, "output topics could not be read to their end"
            self.poll(0.2)

    def _end(self, tp, deadline: float) -> int:
        """The partition's end offset. Right after a broker restart this client's metadata can
        still lack the partition (UNKNOWN_PARTITION): asked again until the deadline."""
        while True:
            try:
                return self.c.get_watermark_offsets(tp, timeout=10)[1]
            except KafkaException:
                if time.monotonic() > deadline:
                    raise
                self.poll(0.5)  # also refreshes the consumer's metadata

    def missing(self, expected: set) -> set:
        return expected - self.by_src.keys()

    def close(self) -> None:
        self.c.close()


def end_offsets(bootstrap: str, topic: str) -> dict[int, int]:
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": f"faults-{uuid.uuid4().hex}"})
    try:
        parts = c.list_topics(topic, timeout=30).topics[topic].partitions
        return {p: c.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1] for p in parts}
    finally:
        c.close()


def wait_all_committed(bootstrap: str, group: str, topics: list[str], on_tick=None,
                       timeout: float = 180, detail=lambda: "") -> None:
    """Wait until the group's committed offsets reach the end of each topic: the worker says it
    is done. List an upstream topic before the one it feeds (logs.raw before pii.verify)."""
    deadline = time.monotonic() + timeout
    while True:
        behind = {}
        for t in topics:
            ends = end_offsets(bootstrap, t)
            got = committed(bootstrap, group, t, len(ends))
            behind.update({(t, p): (got.get(p), e) for p, e in ends.items()
                           if e > 0 and got.get(p) != e})   # empty partitions: nothing to commit
        if not behind:
            return
        assert time.monotonic() < deadline, (
            f"timed out ({timeout:.0f}s): group {group} did not commit to the end of its inputs; "
            f"(committed, end): {behind}. {detail()}")
        if on_tick:
            on_tick()
        time.sleep(0.5)


def describe_missing(missing: set, expected: set, limit: int = 10) -> str:
    return (f"{len(missing)} of {len(expected)} input offsets have no output on "
            f"{'/'.join(OUTPUTS)}; e.g. {sorted(missing)[:limit]}")


def input_records(n: int, seed: int, rng: random.Random) -> list[tuple]:
    recs = [(f"k{i}".encode(), r.text.encode(), [("trace-id", f"t{i}".encode())])
            for i, r in enumerate(generate(n, seed=seed, pii_rate=0.05))]
    bad = [(b"bad-empty", b""), (b"bad-utf8", b"\xc3\x28 broken \xff"), (b"bad-nul", b"a\x00b"),
           (b"bad-big", b"x" * (MAX_BYTES + 1)), (b"bad-empty2", b"")]
    bad += [(f"unc{j}".encode(), UNCERTAIN) for j in range(5)]
    for rec in bad:  # spread through the stream, so faults can hit them mid-flight too
        recs.insert(rng.randrange(len(recs) + 1), rec)
    return recs


# --------------------------------------------------------------------------- kill -9

@pytest.mark.parametrize("seed", [101, 202])
def test_kill9_mid_stream_loses_nothing(kafka, tmp_path, seed):
    n = 20_000
    kills = 2
    t0 = time.monotonic()
    rng = random.Random(seed)
    prefix = new_prefix()
    app_id = f"faults-kill-{prefix.rstrip('.')}"
    setup_topics(kafka.bootstrap, prefix)
    recs = input_records(n, seed, rng)
    coords = produce(kafka.bootstrap, prefix + "logs.raw", recs)
    expected = {(prefix + "logs.raw", p, o) for p, o in coords}
    key_of = {(prefix + "logs.raw", p, o): r[0] for (p, o), r in zip(coords, recs)}
    assert len(expected) == len(recs)
    # kill points: fractions of the inputs that have an output, increasing, well inside (0, 1)
    # (a worker can go on for a batch or two, thousands of records, between crossing and kill)
    fracs = sorted(rng.uniform(0.1, 0.65) for _ in range(kills))
    log(f"seed={seed}: {len(recs)} records in {prefix}logs.raw; kill -9 at coverage {fracs}")

    out = Outputs(kafka.bootstrap, prefix)
    workers: list[LoggedWorker] = []

    def new_worker() -> LoggedWorker:
        w = LoggedWorker(kafka.bootstrap, prefix, app_id, tmp_path / f"worker{len(workers)}.log")
        workers.append(w.start())
        return w

    def wait_coverage(w: LoggedWorker, target: int, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while len(out.by_src) < target:
            rc = w.exited
            assert rc is None, f"worker exited by itself (rc={rc}) while {what}:\n{w.tail()}"
            assert time.monotonic() < deadline, (
                f"timed out ({timeout:.0f}s) {what}: "
                + describe_missing(out.missing(expected), expected) + f"\nworker log:\n{w.tail()}")
            out.poll(0.05)

    try:
        w = new_worker()
        for i, f in enumerate(fracs):
            target = int(f * len(recs))
            wait_coverage(w, target, 120, f"waiting for {target} inputs covered before kill {i + 1}")
            time.sleep(rng.uniform(0, 0.1))   # land anywhere in the batch cycle
            w.kill9()
            out.poll(0.2)
            got = committed(kafka.bootstrap, app_id, prefix + "logs.raw", 4)
            log(f"kill -9 #{i + 1} (pid {w.proc.pid}): {len(out.by_src)}/{len(recs)} inputs "
                f"covered, {out.dups} dups so far, committed logs.raw {sum(got.values())}")
            assert len(out.by_src) < len(recs), "kill came after the stream was done; not mid-stream"
            w.stop()
            w = new_worker()
        # the last worker processes and commits everything; then every output is on the topics
        wait_all_committed(kafka.bootstrap, app_id, [prefix + "logs.raw", prefix + "pii.verify"],
                           on_tick=out.poll, detail=lambda: describe_missing(
                               out.missing(expected), expected) + f"\nworker log:\n{w.tail()}")
        assert w.exited is None, f"last worker exited (rc={w.exited}):\n{w.tail()}"
        out.catch_up()
    finally:
        for w in workers:
            w.stop()
        out.close()
        shutil.rmtree(f"/tmp/piistream-test-{prefix.rstrip('.')}", ignore_errors=True)

    missing = out.missing(expected)
    assert not missing, describe_missing(missing, expected)
    assert out.by_src.keys() == expected, f"outputs for unknown inputs: {set(out.by_src) - expected}"
    assert not out.conflicts, f"{len(out.conflicts)} duplicates differ, e.g. {out.conflicts[0]}"
    # and each output is the right one for its input: key, DLQ vs redacted, the redacted text
    proc = Processor(max_bytes=MAX_BYTES)
    results = proc.process_safe([r[1] for r in recs], "text")
    wrong = []
    for (p, o), (key, value, *_), res in zip(coords, recs, results):
        m = out.by_src[(prefix + "logs.raw", p, o)]
        want_dlq = not value or res.error is not None
        if m.key != key or (m.topic == "pii.dlq") != want_dlq or \
                (not want_dlq and m.value.decode() != res.redacted) or \
                (not want_dlq and m.headers["piistream-verified"] != (b"false" if res.uncertain
                                                                       else b"n/a")):
            wrong.append((p, o, key, m.topic, m.value[:80]))
    assert not wrong, f"{len(wrong)} outputs do not match their input, e.g. {wrong[:3]}"
    assert sum(m.topic == "pii.dlq" for m in out.by_src.values()) == 5
    assert all(out.by_src[s].headers["piistream-verified"] == b"false"
               for s, k in key_of.items() if k.startswith(b"unc"))
    log(f"RESULT seed={seed}: inputs={len(recs)} lost=0 outputs_read={out.read} "
        f"duplicates={out.dups} (all exact repeats) workers={len(workers)} "
        f"time={time.monotonic() - t0:.1f}s")


# --------------------------------------------------------------------------- broker restart

class ContinuousProducer(threading.Thread):
    """Produces records at a steady pace, pausing at ``cap`` until it is raised, then flushes;
    records coordinates. The idempotent producer retries through a broker outage (its delivery
    timeout is 5 min), so what is produced while the broker is down is delivered when it is back."""

    def __init__(self, bootstrap: str, topic: str, cap: int, pace: float = 1500.0):
        super().__init__(daemon=True)
        self.topic, self.pace = topic, pace
        self.p = Producer({"bootstrap.servers": bootstrap, "linger.ms": 5,
                           "enable.idempotence": True, "allow.auto.create.topics": False})
        self.sent: list[tuple[bytes, bytes]] = []
        self.coords: dict[int, tuple[int, int]] = {}
        self.errors: list = []
        self.cap = cap                 # produce up to this many (raise it to go on)
        self.done = False              # set with the final cap: stop there
        self.gen = iter(generate(200_000, seed=7, pii_rate=0.05))

    def run(self) -> None:
        t0 = time.monotonic()
        while not (self.done and len(self.sent) >= self.cap):
            due = int((time.monotonic() - t0) * self.pace) + 1
            if len(self.sent) >= self.cap:
                t0 = time.monotonic() - len(self.sent) / self.pace   # paused: no catch-up burst
            while len(self.sent) < min(due, self.cap):
                i = len(self.sent)
                rec = (f"c{i}".encode(), next(self.gen).text.encode())
                try:
                    self.p.produce(self.topic, key=rec[0], value=rec[1], on_delivery=self._cb(i))
                except BufferError:
                    break
                self.sent.append(rec)
            self.p.poll(0.01)
        # every record delivered or failed before the checks: after a broker restart on a loaded
        # machine the idempotent producer may wait minutes for the coordinator to load ("Failed
        # to acquire idempotence PID ... Coordinator load in progress"; once past 120 s here)
        deadline = time.monotonic() + 300
        while self.p.flush(10) > 0 and time.monotonic() < deadline:
            pass

    def _cb(self, i: int):
        def done(err, m):
            if err is not None:
                self.errors.append((i, err))
            else:
                self.coords[i] = (m.partition(), m.offset())
        return done


def probe_broker(kafka) -> None:
    """The session broker serves admin, produce and consume (other tests use it after us)."""
    prefix = new_prefix()
    setup_topics(kafka.bootstrap, prefix)
    [(p, o)] = produce(kafka.bootstrap, prefix + "logs.raw", [(b"probe", b"probe after restart")])
    c = Consumer({"bootstrap.servers": kafka.bootstrap, "group.id": f"probe-{uuid.uuid4().hex}"})
    try:
        c.assign([TopicPartition(prefix + "logs.raw", p, o)])
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            m = c.poll(0.5)
            if m is not None and not m.error():
                assert m.value() == b"probe after restart"
                return
        raise AssertionError("probe message not consumed after the broker restart")
    finally:
        c.close()


def test_broker_restart_loses_nothing(kafka, tmp_path):
    t0 = time.monotonic()
    prefix = new_prefix()
    app_id = f"faults-broker-{prefix.rstrip('.')}"
    topic = prefix + "logs.raw"
    setup_topics(kafka.bootstrap, prefix)
    after_restart = 4000
    out = Outputs(kafka.bootstrap, prefix)
    # records before and during the outage (at most 9000), and 4000 more once the broker is back
    prod = ContinuousProducer(kafka.bootstrap, topic, cap=9000)
    workers: list[LoggedWorker] = []
    exits: list[int] = []

    def supervise() -> LoggedWorker:
        """Start a worker if none is running (the last one exited): a process manager's job."""
        w = workers[-1] if workers else None
        if w is not None and w.exited is None:
            return w
        if w is not None:
            exits.append(w.exited)
            log(f"worker pid {w.proc.pid} exited rc={w.exited}; restarting it. Log tail:\n"
                f"{w.tail(1500)}")
            w.stop()
            time.sleep(1.0)
        w = LoggedWorker(kafka.bootstrap, prefix, app_id, tmp_path / f"worker{len(workers)}.log")
        workers.append(w.start())
        return w

    def run_until(cond, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while not cond():
            supervise()
            assert time.monotonic() < deadline, f"timed out ({timeout:.0f}s) {what}"
            out.poll(0.05)

    restarted = False
    try:
        supervise()
        prod.start()
        run_until(lambda: len(out.by_src) >= 3000, 120, "waiting for the worker to get going")
        log(f"broker restart: {len(prod.sent)} produced, {len(out.by_src)} covered")
        t_down = time.monotonic()
        kafka.restart()
        restarted = True
        log(f"broker back after {time.monotonic() - t_down:.1f}s: {len(prod.sent)} produced, "
            f"{len(out.by_src)} covered, worker rc={workers[-1].exited}")
        prod.cap, prod.done = len(prod.sent) + after_restart, True
        prod.join(360)  # (its flush waits up to 300 s: ContinuousProducer.run)
        assert not prod.is_alive(), "producer did not finish"
        assert not prod.errors, f"test producer failed to deliver: {prod.errors[:5]}"
        assert len(prod.coords) == len(prod.sent), "producer lost track of deliveries"
        expected = {(topic, p, o) for p, o in prod.coords.values()}
        log(f"produced {len(expected)} records ({after_restart} after the restart)")
        wait_all_committed(kafka.bootstrap, app_id, [topic, prefix + "pii.verify"],
                           on_tick=lambda: (supervise(), out.poll()),
                           detail=lambda: describe_missing(out.missing(expected), expected)
                           + f"\nlast worker log:\n{workers[-1].tail()}")
        out.catch_up()
        survived = workers[-1].exited is None
    finally:
        prod.cap, prod.done = 0, True
        for w in workers:
            w.stop()
        out.close()
        shutil.rmtree(f"/tmp/piistream-test-{prefix.rstrip('.')}", ignore_errors=True)
        if not kafka.running:   # restart() failed and left it stopped: bring up a fresh one
            kafka.start(timeout=180)
        probe_broker(kafka)

    assert restarted
    missing = out.missing(expected)
    assert not missing, describe_missing(missing, expected)
    assert out.by_src.keys() == expected
    assert not out.conflicts, f"{len(out.conflicts)} duplicates differ, e.g. {out.conflicts[0]}"
    key_of = {(topic, *prod.coords[i]): k for i, (k, _) in enumerate(prod.sent)}
    assert all(m.key == key_of[s] for s, m in out.by_src.items())
    behaviour = ("the same worker process recovered by itself" if len(workers) == 1 and survived
                 else f"worker exited {len(exits)} time(s) (rc {exits}); the supervisor restarted it")
    log(f"RESULT broker restart: inputs={len(expected)} lost=0 duplicates={out.dups}; "
        f"{behaviour}; time={time.monotonic() - t0:.1f}s")


# --------------------------------------------------------------------------- unsendable output

def test_unsendable_output_is_never_committed(kafka, tmp_path):
    """A record within every input limit whose output cannot be sent (redaction makes it larger
    than the producer and output-topic limits) must neither be committed without an output nor
    hang the worker: the worker either exits (a supervisor restarts it; on this record it will
    crash-loop, a poison pill) or dead-letters the record and goes on."""
    prefix = new_prefix()
    app_id = f"faults-big-{prefix.rstrip('.')}"
    topic = prefix + "logs.raw"
    setup_topics(kafka.bootstrap, prefix)
    # 1,042,000 bytes in (< 1 MiB); 6000 emails of 6 bytes -> [EMAIL_ADDRESS]: 1,096,000 out
    big = b"x" * 1_000_000 + b" a@b.io" * 6000
    recs = ([(b"same", f"line {i} ok".encode()) for i in range(100)] + [(b"same", big)]
            + [(b"same", f"line {i} ok".encode()) for i in range(101, 3001)])
    coords = produce(kafka.bootstrap, topic, recs)
    part, end = coords[0][0], coords[-1][1] + 1
    assert {p for p, _ in coords} == {part}
    out = Outputs(kafka.bootstrap, prefix)
    w = LoggedWorker(kafka.bootstrap, prefix, app_id, tmp_path / "worker.log", max_bytes=None)
    w.start()
    try:   # until the worker exits, or commits everything, or makes no progress for 12 s
        deadline, last, idle_since = time.monotonic() + 90, None, time.monotonic()
        while w.exited is None and time.monotonic() < deadline:
            out.poll(0.5)
            upto = committed(kafka.bootstrap, app_id, topic, 4)[part]
            # records handed to the verify stage are committed on the input before their final
            # output exists: wait for every final output (or no progress for 12 s)
            if upto == end and len(out.by_src) >= len(recs):
                break
            if (upto, len(out.by_src)) != last:
                last, idle_since = (upto, len(out.by_src)), time.monotonic()
            elif len(out.by_src) and time.monotonic() - idle_since > 12:
                break  # (the idle clock runs once outputs flow: on a loaded machine the worker's
                # start and model loading alone took longer than 12 s)
        rc = w.exited   # None: still running
        w.stop()
        out.catch_up()
    finally:
        w.stop()
        out.close()
        shutil.rmtree(f"/tmp/piistream-test-{prefix.rstrip('.')}", ignore_errors=True)
    upto = committed(kafka.bootstrap, app_id, topic, 4)[part]
    lost = [o for p, o in coords if o < upto and (topic, p, o) not in out.by_src]
    log(f"unsendable output: worker rc={rc}, committed {upto}/{end}, "
        f"{len(out.by_src)}/{len(recs)} covered, {len(lost)} committed without output")
    assert not lost, (f"{len(lost)} input offsets were committed without any output (lost), "
                      f"offsets {lost[0]}..{lost[-1]}; worker log:\n{w.tail(1500)}")
    assert rc is not None or (upto == end and len(out.by_src) == len(recs)), (
        f"worker hangs: still running, but committed {upto} of {end} and no progress for 12 s; "
        f"worker log:\n{w.tail(1500)}")
