"""The Faust app: a detect agent per input topic family and the verify agent.

Each agent consumes with ``noack_take`` (micro-batches of up to ``max_batch`` records, or what
arrived within ``max_wait`` seconds), runs the detection core in a dedicated thread (the event
loop never blocks on detection), sends every output, waits for the broker to acknowledge all of
them, and only then acks the input events, in order. At-least-once: if any delivery fails the
worker exits at once without acking, and the restarted worker resumes from the last commit
(duplicates are possible and identifiable by their ``piistream-src-*`` headers; losses are not).
"""
from __future__ import annotations

import asyncio
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import faust

from ..models.records import Processor
from .faust_patches import apply_patches, fix_logging
from .pipeline import Families, InRecord, Router

log = logging.getLogger("piistream.stream")


@dataclass
class StreamSettings:
    broker: str = "127.0.0.1:9092"
    app_id: str = "piistream"
    prefix: str = ""
    max_batch: int = 2000
    max_wait: float = 0.05
    datadir: str | None = None
    families: tuple[str, ...] = ("logs", "docs")   # which detect agents to run
    verify: bool = True                            # run the verify agent
    verifier: bool = True                          # load the verifier (False: fail closed)
    verify_deadline: float = 60.0                  # seconds a record may wait for verification
    max_record_bytes: int = 1 << 20                # larger records go to the DLQ
    broker_config: dict = field(default_factory=dict)


def _records(events) -> list[InRecord]:
    out = []
    for ev in events:
        m = ev.message
        headers = m.headers
        if isinstance(headers, dict):
            headers = list(headers.items())
        out.append(InRecord(m.topic, m.partition, m.offset, m.key, m.value, list(headers or ())))
    return out


def _verify_processor(base: Processor) -> Processor | None:
    """The verification stage's processor, or None (then the verify agent fails closed)."""
    if os.environ.get("PIISTREAM_VERIFIER", "on") == "off":
        log.warning("verifier disabled (PIISTREAM_VERIFIER=off): uncertain records fail closed")
        return None
    try:
        from ..models.detector import Detector
        from ..models.verifier import VerifierRuntime, VerifyingScorer, verifier_path
        rt = VerifierRuntime(verifier_path(), threads=1)
        scorer = VerifyingScorer(base.detector.scorer, rt)
        return Processor(Detector(scorer=scorer), base.redactor, base.max_bytes)
    except Exception as e:  # missing model or runtime: keep running, fail closed
        log.warning("verifier unavailable (%s: %s): uncertain records fail closed", type(e).__name__, e)
        return None


def create_app(settings: StreamSettings, router: Router | None = None) -> faust.App:
    apply_patches()
    # one inference thread: the event loop (Faust, aiokafka) needs the other core
    os.environ.setdefault("PIISTREAM_CNN_THREADS", "1")
    families = Families.default(settings.prefix)
    if router is None:
        base = Processor(max_bytes=settings.max_record_bytes)
        router = Router(base, families=families,
                        verify_processor=_verify_processor(base) if settings.verify and settings.verifier
                        else None, verify_deadline_s=settings.verify_deadline)
    app = faust.App(
        settings.app_id,
        broker=f"kafka://{settings.broker}",
        key_serializer="raw",
        value_serializer="raw",
        web_enabled=False,
        datadir=settings.datadir or os.path.join(os.getcwd(), f".faust-{settings.app_id}"),
        consumer_auto_offset_reset="earliest",
        topic_allow_declare=False,      # topics are created by `piistream topics apply`
        topic_disable_leader=True,
        # measured in FAUST_LAB.md: +60% over the defaults
        broker_max_poll_records=5000,
        consumer_max_fetch_size=8 * 1024 * 1024,
        stream_buffer_maxsize=max(20000, settings.max_batch * 4),
        stream_wait_empty=False,
        producer_acks=-1,
        producer_linger=0.005,
        producer_max_batch_size=1024 * 1024,
        producer_request_timeout=30.0,
        # the client must not reject what the topics accept (pii.verify/pii.dlq: 4 MiB); the
        # Router keeps each output under its topic's limit
        producer_max_request_size=8 * 1024 * 1024,
        broker_commit_interval=1.0,
        **settings.broker_config,
    )
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="piistream-detect")
    topics: dict[str, faust.TopicT] = {}

    def topic(name: str) -> faust.TopicT:
        t = topics.get(name)
        if t is None:
            t = topics[name] = app.topic(name, key_type=bytes, value_type=bytes,
                                         key_serializer="raw", value_serializer="raw")
        return t

    async def deliver(events, outs) -> None:
        # Straight to the aiokafka producer: Faust's per-message send wrappers cost more than
        # the send itself (FAUST_LAB.md). Sends are appended in order, so per-partition order
        # holds; the futures resolve when the broker has acknowledged (acks=all).
        try:
            aio = app.producer._ensure_producer()
            send = aio.send
            futs = []
            for per_record in outs:
                for o in per_record:
                    futs.append(await send(o.topic, o.value, key=o.key, headers=o.headers))
            await asyncio.gather(*futs)
        except Exception as e:  # never ack what was not delivered: crash, restart re-reads it
            fatal("delivery", e)
        for ev in events:
            ev.ack()

    def fatal(what: str, e: BaseException) -> None:
        # An agent that raised would be restarted by Faust after a commit, and open bug #606 can
        # skip an unacked offset then: exit instead; the restarted worker re-reads the batch.
        log.critical("%s failed (%s): exiting without acking the batch", what, type(e).__name__)
        os._exit(70)

    def detect_agent(input_topic: str, fmt: str):
        async def detect(stream):
            fix_logging()
            loop = asyncio.get_running_loop()
            async for events in stream.noack_take(settings.max_batch, within=settings.max_wait):
                try:
                    outs = await loop.run_in_executor(pool, router.route, _records(events), fmt)
                except Exception as e:
                    fatal("detection", e)
                await deliver(events, outs)
        detect.__name__ = f"detect_{input_topic.replace('.', '_')}"
        return app.agent(topic(input_topic), name=f"piistream.detect.{input_topic}", concurrency=1)(detect)

    for name, (fmt, _) in families.inputs.items():
        if name.split(".")[-2] in settings.families:
            detect_agent(name, fmt)
    for _, (_, redacted) in families.inputs.items():
        topic(redacted)
    for name in (families.alerts, families.dlq, families.verify):
        topic(name)

    if settings.verify:
        last_report = [0.0]

        async def verify(stream):
            loop = asyncio.get_running_loop()
            async for events in stream.noack_take(settings.max_batch, within=settings.max_wait):
                try:
                    outs = await loop.run_in_executor(pool, router.verify, _records(events))
                except Exception as e:
                    fatal("verification", e)
                await deliver(events, outs)
                now = loop.time()
                if now - last_report[0] >= 60:
                    last_report[0] = now
                    log.warning("verify stats: %s", router.stats)
        app.agent(topic(families.verify), name="piistream.verify", concurrency=1)(verify)
    app.piistream_router = router  # type: ignore[attr-defined]
    return app


def run_worker(settings: StreamSettings, loglevel: str = "WARNING") -> None:
    """Run a worker in this process until SIGINT/SIGTERM."""
    app = create_app(settings)
    worker = faust.Worker(app, loglevel=loglevel, quiet=True)
    worker.execute_from_commandline()
