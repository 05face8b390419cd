"""The Faust app: a detect agent per input topic and the verify agent.

    app = PiiStreamApp(...)                         # faust.App + the batch lanes it owns
    logs_raw = app.bytes_topic("logs.raw")          # every topic: raw bytes in, raw bytes out

    @app.agent(logs_raw, concurrency=1)             # (create_app does this per input topic)
    async def detect(stream):
        await BatchAgent(...).run(stream)

An agent takes micro-batches of up to ``max_batch`` records and ``max_batch_bytes`` bytes (or
what arrived within ``max_wait`` seconds) from its batch lane (``lanes.py``; or from Faust's stream with
``worker.batch_lane = false``) and hands each batch to the detection ``Engine`` (a child process
by default: the event loop never blocks on detection, nor shares its core with it). A per-agent
delivery task takes the batches back in order, sends every output, waits for the broker to
acknowledge all of them, and only then acks the input messages, in order. So detection of batch
N+1 overlaps the delivery of batch N. At-least-once: if any delivery fails the worker exits at
once without acking, and the restarted worker resumes from the last commit (duplicates are
possible and identifiable by their ``piistream-src-*`` headers; losses are not).

Private Faust/aiokafka members are used only through ``faust_private``, checked at start.
May import ``cascade``, ``config``, ``io``, ``models`` and ``topics``.
"""
from __future__ import annotations

import asyncio
import logging
import os
import time

import faust

from ..config import Config
from ..io import batched
from . import faust_private
from .engine import Engine
from .lanes import BatchLanes, message_size
from .metrics import HealthServer, Metrics
from .pipeline import Edges

log = logging.getLogger("piistream.stream")
PIPELINE_DEPTH = 2  # batches queued for delivery behind the one being delivered


class PiiStreamApp(faust.App):
    """A Faust app that owns piistream's batch lanes (topic -> ``BatchLane``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.batch_lanes = BatchLanes()

    def bytes_topic(self, name: str) -> faust.TopicT:
        return self.topic(name, key_type=bytes, value_type=bytes, key_serializer="raw",
                          value_serializer="raw")


def fatal(what: str, e: BaseException) -> None:
    """Exit without acking: an agent that raised would be restarted by Faust after a commit, and
    open bug #606 can skip an unacked offset then; the restarted worker re-reads the batch."""
    log.critical("%s failed (%s): exiting without acking the batch", what, type(e).__name__)
    os._exit(70)


class Delivery:
    """Sends a batch's outputs and acks its inputs once the broker has acknowledged them all."""

    def __init__(self, app: PiiStreamApp, metrics: Metrics):
        self.app = app
        self.metrics = metrics
        self._partition: dict[tuple[str, bytes], int] = {}
        self._rr = 0

    async def partition_of(self, aio, topic: str, key: bytes | None) -> int:
        """The producer's own partitioner for keys (cached per key), round robin without: one
        output at a time. ``deliver`` uses ``partitions_of`` (a batch at once); this is the
        reference its test compares it with."""
        if key is not None:
            p = self._partition.get((topic, key))
            if p is not None:
                return p
        parts, available = await faust_private.partitions(aio, topic)
        if key is None:
            self._rr += 1
            return parts[self._rr % len(parts)]
        p = faust_private.partition_for_key(aio, key, parts, available)
        if len(self._partition) > 200_000:
            self._partition.clear()
        self._partition[(topic, key)] = p
        return p

    async def partitions_of(self, aio, targets: list[tuple[str, bytes | None]]) -> list[int]:
        """``partition_of`` for every (topic, key) of a batch's outputs, in order (the same
        partitions, round robin included): the keys not cached yet are hashed together
        (``faust_private.partitions_for_keys``), not one awaited call per output."""
        meta = {t: await faust_private.partitions(aio, t) for t in {t for t, _ in targets}}
        out = [0] * len(targets)
        todo: dict[str, list[int]] = {}
        cache = self._partition
        for i, (topic, key) in enumerate(targets):
            if key is None:
                self._rr += 1
                parts = meta[topic][0]
                out[i] = parts[self._rr % len(parts)]
                continue
            p = cache.get((topic, key))
            if p is None:
                todo.setdefault(topic, []).append(i)
            else:
                out[i] = p
        for topic, idxs in todo.items():
            parts, available = meta[topic]
            got = faust_private.partitions_for_keys(aio, [targets[i][1] for i in idxs], parts,
                                                    available)
            if len(cache) > 200_000:
                cache.clear()
            for i, p in zip(idxs, got):
                out[i] = p
                cache[(topic, targets[i][1])] = p
        return out

    async def deliver(self, agent: str, messages, outs) -> None:
        """Outputs are appended to one aiokafka batch per output partition, in order (so
        per-partition order holds), and submitted whole: Faust's per-message send wrappers,
        and even aiokafka's send(), cost more per record than the batch does (FAUST_LAB.md).
        The futures resolve when the broker has acknowledged (acks=all)."""
        per_topic: dict[str, int] = {}
        try:
            aio = faust_private.aiokafka_producer(self.app)
            batches: dict[tuple[str, int], object] = {}
            futs = []
            flat = [o for per_record in outs for o in per_record]
            parts = await self.partitions_of(aio, [(o[1], o[2]) for o in flat])
            for (_, o_topic, o_key, o_value, o_headers), part in zip(flat, parts):
                tp = (o_topic, part)
                b = batches.get(tp)
                if b is None:
                    b = batches[tp] = aio.create_batch()
                if b.append(timestamp=None, key=o_key, value=o_value, headers=o_headers) is None:
                    b.close()
                    futs.append(await aio.send_batch(b, tp[0], partition=tp[1]))
                    b = batches[tp] = aio.create_batch()
                    if b.append(timestamp=None, key=o_key, value=o_value, headers=o_headers) is None:
                        raise ValueError(f"an output to {o_topic} does not fit in a batch")
                per_topic[o_topic] = per_topic.get(o_topic, 0) + 1
            for (t, p), b in batches.items():
                b.close()
                futs.append(await aio.send_batch(b, t, partition=p))
            await asyncio.gather(*futs)
        except Exception as e:  # never ack what was not delivered: crash, restart re-reads it
            fatal("delivery", e)
        self.ack(messages)
        for t, n in per_topic.items():
            self.metrics.records_out.labels(t).inc(n)
        now = time.time()
        for m in (messages[0], messages[-1]):
            if m.timestamp:
                self.metrics.e2e_seconds.labels(agent).observe(max(0.0, now - m.timestamp))

    def ack(self, messages) -> None:
        """A message fetched before a rebalance belongs to a generation that is gone: not acked
        (its partition's owner reads it again; the outputs sent here are duplicates)."""
        consumer, gen = self.app.consumer, self.app.consumer_generation_id
        for m in messages:
            if m.generation_id == gen or m.generation_id is None:
                m.ack(consumer)


class BatchAgent:
    """What one agent does: batches in, detection in the engine (``op``: ``route`` for the
    detect path, ``verify`` for the verify agent), delivery in order, then ``after(messages)``."""

    def __init__(self, app: PiiStreamApp, cfg: Config, engine: Engine, delivery: Delivery,
                 name: str, topic: str, op: str, fmt: str | None, after=None):
        self.app, self.engine, self.delivery = app, engine, delivery
        self.metrics = delivery.metrics
        self.w = cfg.worker
        self.name, self.op, self.fmt, self.after = name, op, fmt, after
        self.lane = (app.batch_lanes.add(topic, max(20000, self.w.max_batch * 4),
                                         4 * self.w.max_batch_bytes)
                     if self.w.batch_lane else None)

    async def batches(self, stream):
        """Batches of consumed messages, of at most ``max_batch`` messages and
        ``max_batch_bytes`` bytes (a larger message alone): from the batch lane, or Faust's
        stream."""
        w = self.w
        if self.lane is None:
            async for events in stream.noack_take(w.max_batch, within=w.max_wait):
                for msgs in batched([ev.message for ev in events], w.max_batch,
                                    w.max_batch_bytes, message_size):
                    yield msgs
            return
        while True:
            msgs = await self.lane.take(w.max_batch, w.max_wait, w.max_batch_bytes)
            gen = self.app.consumer_generation_id
            msgs = [m for m in msgs if m.generation_id == gen or m.generation_id is None]
            if msgs:
                yield msgs

    async def pump(self, q: asyncio.Queue) -> None:
        while True:
            messages, fut, t0 = await q.get()
            try:
                outs, counts = await asyncio.wrap_future(fut)
            except Exception as e:
                fatal(self.name, e)
            self.metrics.batch_seconds.labels(self.name).observe(time.perf_counter() - t0)
            self.metrics.add_counts(counts)
            await self.delivery.deliver(self.name, messages, outs)
            if self.after is not None:
                self.after(messages)

    async def run(self, stream) -> None:
        faust_private.fix_logging(getattr(logging, self.w.loglevel.upper()))
        q: asyncio.Queue = asyncio.Queue(maxsize=PIPELINE_DEPTH)
        task = asyncio.ensure_future(self.pump(q))
        task.add_done_callback(lambda t: t.cancelled() or t.exception() is None or
                               fatal(f"{self.name} delivery task", t.exception()))
        try:
            async for messages in self.batches(stream):
                self.metrics.records_in.labels(messages[0].topic).inc(len(messages))
                self.metrics.batch_size.labels(self.name).observe(len(messages))
                try:
                    fut = self.engine.submit(self.op, _tuples(messages), self.fmt)
                except Exception as e:  # the engine is gone (a child died): restart
                    fatal(self.name, e)
                await q.put((messages, fut, time.perf_counter()))
        finally:
            task.cancel()


def _tuples(messages) -> list[tuple]:
    out = []
    for m in messages:
        headers = m.headers
        if isinstance(headers, dict):
            headers = list(headers.items())
        out.append((m.topic, m.partition, m.offset, m.key, m.value, list(headers or ())))
    return out


def create_app(cfg: Config, engine: Engine, metrics: Metrics | None = None) -> PiiStreamApp:
    faust_private.check_stack()
    if cfg.worker.batch_lane:
        faust_private.install_batch_lane()
    metrics = metrics or Metrics()
    metrics.set_detector(engine.detector_version)
    w = cfg.worker
    edges = Edges.default(cfg.topics.prefix)
    app = PiiStreamApp(
        w.app_id,
        broker=f"kafka://{cfg.kafka.broker}",
        broker_credentials=cfg.faust_credentials(),
        key_serializer="raw",
        value_serializer="raw",
        web_enabled=False,
        datadir=w.datadir or os.path.join(os.getcwd(), f".faust-{w.app_id}"),
        consumer_auto_offset_reset="earliest",
        topic_allow_declare=False,      # topics are created by `piistream topics apply`
        topic_disable_leader=True,
        # measured in FAUST_LAB.md: +60% over the defaults
        broker_max_poll_records=5000,
        consumer_max_fetch_size=8 * 1024 * 1024,
        stream_buffer_maxsize=max(20000, w.max_batch * 4),
        stream_wait_empty=False,
        producer_acks=-1,
        producer_linger=0.005,
        producer_max_batch_size=1024 * 1024,
        producer_request_timeout=30.0,
        # the client must not reject what the topics accept (pii.verify/pii.dlq: 4 MiB); the
        # Router keeps each output under its topic's limit
        producer_max_request_size=8 * 1024 * 1024,
        broker_commit_interval=1.0,
    )
    # the outputs (declared, never created here: `piistream topics apply` does that)
    for name in (*(red for _, red in edges.inputs.values()), edges.alerts, edges.dlq, edges.verify):
        app.bytes_topic(name)
    delivery = Delivery(app, metrics)

    def agent(name: str, topic: str, op: str, fmt: str | None, after=None) -> None:
        batch_agent = BatchAgent(app, cfg, engine, delivery, name, topic, op, fmt, after)

        @app.agent(app.bytes_topic(topic), name=f"piistream.{name}", concurrency=1)
        async def run(stream):
            await batch_agent.run(stream)

    if w.role in ("all", "detect"):
        for in_topic, (fmt, _) in edges.inputs.items():
            if in_topic.split(".")[-2] in w.families:
                agent(f"detect.{in_topic}", in_topic, "route", fmt)

    if w.role in ("all", "verify"):
        read_to: dict = {}

        def backlog(messages) -> None:
            for m in messages:
                read_to[m.tp] = m.offset + 1
            try:
                lag = sum(max(0, app.consumer.highwater(tp) - read_to.get(tp, 0))
                          for tp in app.consumer.assignment() if tp.topic == edges.verify)
            except Exception:  # highwater unknown before the first fetch
                return
            metrics.verify_backlog.set(lag)
            ts = messages[0].timestamp
            if ts:
                metrics.verify_wait.set(max(0.0, time.time() - ts))

        agent("verify", edges.verify, "verify", None, after=backlog)

    last_report = [time.monotonic()]

    @app.timer(interval=1.0)
    async def heartbeat() -> None:
        metrics.tick()
        if w.role != "detect" and time.monotonic() - last_report[0] >= 60:
            last_report[0] = time.monotonic()
            log.warning("verify stage: %s", metrics.verify_summary())

    @app.on_partitions_assigned.connect
    async def on_assigned(sender, assigned, **kw) -> None:
        metrics.set_ready(True)

    @app.on_partitions_revoked.connect
    async def on_revoked(sender, revoked, **kw) -> None:
        app.batch_lanes.clear_all()  # fetched under the old generation: dropped, unacked

    app.piistream_metrics = metrics  # type: ignore[attr-defined]
    return app


def run_worker(cfg: Config) -> None:
    """Run a worker in this process until SIGINT/SIGTERM."""
    faust_private.check_stack()
    metrics = Metrics()
    server = None
    if cfg.worker.metrics_port:
        server = HealthServer(metrics, cfg.worker.metrics_host, cfg.worker.metrics_port).start()
    # one inference thread per detection process: the event loop needs a core of its own
    role = cfg.worker.role
    engine = Engine(cfg, processes=cfg.worker.detect_processes if role != "verify" else
                    min(1, cfg.worker.detect_processes),
                    verify=role in ("all", "verify"), threads=1,
                    separate_verify=role == "all").start()
    app = create_app(cfg, engine, metrics)
    worker = faust.Worker(app, loglevel=cfg.worker.loglevel, quiet=True)
    try:
        worker.execute_from_commandline()
    finally:
        engine.close()
        if server is not None:
            server.stop()
