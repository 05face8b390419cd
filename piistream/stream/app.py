"""The Faust app: a detect agent per input topic family and the verify agent.

Each agent consumes with ``noack_take`` (micro-batches of up to ``max_batch`` records, or what
arrived within ``max_wait`` seconds) and hands each batch to the detection ``Engine`` (a child
process by default: the event loop never blocks on detection, nor shares its core with it). A
per-agent delivery task takes the batches back in order, sends every output, waits for the
broker to acknowledge all of them, and only then acks the input events, in order. So detection
of batch N+1 overlaps the delivery of batch N. At-least-once: if any delivery fails the worker
exits at once without acking, and the restarted worker resumes from the last commit (duplicates
are possible and identifiable by their ``piistream-src-*`` headers; losses are not).
"""
from __future__ import annotations

import asyncio
import logging
import os
import time

import faust

from ..config import Config
from .engine import Engine
from .faust_patches import FAST_LANES, FastLane, apply_patches, fix_logging
from .metrics import HealthServer, Metrics
from .pipeline import Edges

log = logging.getLogger("piistream.stream")
PIPELINE_DEPTH = 2  # batches queued for delivery behind the one being delivered


def _tuples(messages) -> list[tuple]:
    out = []
    for m in messages:
        headers = m.headers
        if isinstance(headers, dict):
            headers = list(headers.items())
        out.append((m.topic, m.partition, m.offset, m.key, m.value, list(headers or ())))
    return out


def create_app(cfg: Config, engine: Engine, metrics: Metrics | None = None) -> faust.App:
    fast = apply_patches()
    metrics = metrics or Metrics()
    w = cfg.worker
    families = Edges.default(cfg.topics.prefix)
    role = w.role
    app = faust.App(
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
    topics: dict[str, faust.TopicT] = {}

    def topic(name: str) -> faust.TopicT:
        t = topics.get(name)
        if t is None:
            t = topics[name] = app.topic(name, key_type=bytes, value_type=bytes,
                                         key_serializer="raw", value_serializer="raw")
        return t

    def fatal(what: str, e: BaseException) -> None:
        # An agent that raised would be restarted by Faust after a commit, and open bug #606 can
        # skip an unacked offset then: exit instead; the restarted worker re-reads the batch.
        log.critical("%s failed (%s): exiting without acking the batch", what, type(e).__name__)
        os._exit(70)

    def ack_all(messages) -> None:
        # a message fetched before a rebalance belongs to a generation that is gone: not acked
        # (its partition's owner reads it again; the outputs sent here are duplicates)
        consumer, gen = app.consumer, app.consumer_generation_id
        for m in messages:
            if m.generation_id == gen or m.generation_id is None:
                m.ack(consumer)

    part_cache: dict[tuple[str, bytes], int] = {}
    rr = [0]

    async def partition_of(aio, topic_name: str, key: bytes | None) -> int:
        """The producer's own partitioner (Kafka's murmur2 for keys), cached per key."""
        if key is not None:
            p = part_cache.get((topic_name, key))
            if p is not None:
                return p
        parts = aio._metadata.partitions_for_topic(topic_name)
        if not parts:
            await aio.partitions_for(topic_name)
            parts = aio._metadata.partitions_for_topic(topic_name)
        parts = sorted(parts)
        if key is None:
            rr[0] += 1
            return parts[rr[0] % len(parts)]
        p = aio._partitioner(key, parts, list(aio._metadata.available_partitions_for_topic(topic_name)) or parts)
        if len(part_cache) > 200_000:
            part_cache.clear()
        part_cache[(topic_name, key)] = p
        return p

    async def deliver(agent: str, messages, outs) -> None:
        # Outputs are appended to one aiokafka batch per output partition, in order (so
        # per-partition order holds), and submitted whole: Faust's per-message send wrappers,
        # and even aiokafka's send(), cost more per record than the batch does (FAUST_LAB.md).
        # The futures resolve when the broker has acknowledged (acks=all).
        per_topic: dict[str, int] = {}
        try:
            aio = app.producer._ensure_producer()
            batches: dict[tuple[str, int], object] = {}
            futs = []
            for per_record in outs:
                for _, o_topic, o_key, o_value, o_headers in per_record:
                    tp = (o_topic, await partition_of(aio, o_topic, o_key))
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
        ack_all(messages)
        for t, n in per_topic.items():
            metrics.records_out.labels(t).inc(n)
        now = time.time()
        for m in (messages[0], messages[-1]):
            if m.timestamp:
                metrics.e2e_seconds.labels(agent).observe(max(0.0, now - m.timestamp))

    def agent_body(name: str, topic_name: str, op: str, fmt: str | None, after=None):
        lane = None
        if fast:
            lane = FAST_LANES[topic_name] = FastLane(max(20000, w.max_batch * 4))

        async def batches(stream):
            """Batches of consumed messages: from the batch lane, or Faust's stream."""
            if lane is None:
                async for events in stream.noack_take(w.max_batch, within=w.max_wait):
                    yield [ev.message for ev in events]
                return
            while True:
                msgs = await lane.take(w.max_batch, w.max_wait)
                gen = app.consumer_generation_id
                msgs = [m for m in msgs if m.generation_id == gen or m.generation_id is None]
                if msgs:
                    yield msgs

        async def pump(q: asyncio.Queue) -> None:
            while True:
                events, fut, t0 = await q.get()
                try:
                    outs, counts = await asyncio.wrap_future(fut)
                except Exception as e:
                    fatal(name, e)
                metrics.batch_seconds.labels(name).observe(time.perf_counter() - t0)
                metrics.add_counts(counts)
                await deliver(name, events, outs)
                if after is not None:
                    after(events)

        async def body(stream):
            fix_logging(getattr(logging, w.loglevel.upper()))
            q: asyncio.Queue = asyncio.Queue(maxsize=PIPELINE_DEPTH)
            task = asyncio.ensure_future(pump(q))
            task.add_done_callback(lambda t: t.cancelled() or t.exception() is None or
                                   fatal(f"{name} delivery task", t.exception()))
            try:
                async for events in batches(stream):
                    metrics.records_in.labels(events[0].topic).inc(len(events))
                    metrics.batch_size.labels(name).observe(len(events))
                    try:
                        fut = engine.submit(op, _tuples(events), fmt)
                    except Exception as e:  # the engine is gone (a child died): restart
                        fatal(name, e)
                    await q.put((events, fut, time.perf_counter()))
            finally:
                task.cancel()
        body.__name__ = name.replace(".", "_")
        return body

    if role in ("all", "detect"):
        for in_name, (fmt, _) in families.inputs.items():
            if in_name.split(".")[-2] in w.families:
                app.agent(topic(in_name), name=f"piistream.detect.{in_name}", concurrency=1)(
                    agent_body(f"detect.{in_name}", in_name, "route", fmt))
    for _, (_, redacted) in families.inputs.items():
        topic(redacted)
    for name in (families.alerts, families.dlq, families.verify):
        topic(name)

    if role in ("all", "verify"):
        read_to: dict = {}

        def backlog(messages) -> None:
            for m in messages:
                read_to[m.tp] = m.offset + 1
            try:
                lag = sum(max(0, app.consumer.highwater(tp) - read_to.get(tp, 0))
                          for tp in app.consumer.assignment() if tp.topic == families.verify)
            except Exception:  # highwater unknown before the first fetch
                return
            metrics.verify_backlog.set(lag)
            ts = messages[0].timestamp
            if ts:
                metrics.verify_wait.set(max(0.0, time.time() - ts))

        app.agent(topic(families.verify), name="piistream.verify", concurrency=1)(
            agent_body("verify", families.verify, "verify", None, after=backlog))

    last_report = [time.monotonic()]

    @app.timer(interval=1.0)
    async def heartbeat() -> None:
        metrics.tick()
        if role != "detect" and time.monotonic() - last_report[0] >= 60:
            last_report[0] = time.monotonic()
            log.warning("verify stage: %s", metrics.verify_summary())

    @app.on_partitions_assigned.connect
    async def on_assigned(sender, assigned, **kw) -> None:
        metrics.set_ready(True)

    @app.on_partitions_revoked.connect
    async def on_revoked(sender, revoked, **kw) -> None:
        for lane in FAST_LANES.values():  # fetched under the old generation: dropped, unacked
            lane.clear()

    app.piistream_metrics = metrics  # type: ignore[attr-defined]
    return app


def run_worker(cfg: Config) -> None:
    """Run a worker in this process until SIGINT/SIGTERM."""
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
