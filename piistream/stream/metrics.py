"""Prometheus metrics and the liveness/readiness endpoints of a worker.

One small HTTP server (a daemon thread) serves ``/metrics`` (Prometheus text format),
``/healthz`` (liveness: the event loop has ticked within ``stall_s``) and ``/readyz``
(readiness: the models are loaded and the consumer has joined its group). Metric values are
counts, sizes and durations only: never a record, a key or a detected value. Labels are topic
names, entity types, stages and error kinds, all from fixed vocabularies.
"""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

BATCH_BUCKETS = (1, 10, 50, 100, 250, 500, 1000, 2000, 5000, 10000)
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)


class Metrics:
    def __init__(self, registry: CollectorRegistry | None = None):
        r = self.registry = registry or CollectorRegistry()
        self.records_in = Counter("piistream_records_in", "Records consumed", ["topic"], registry=r)
        self.records_out = Counter("piistream_records_out", "Records published (acknowledged by "
                                   "the broker)", ["topic"], registry=r)
        self.detections = Counter("piistream_detections", "Entities redacted, by type and the "
                                  "stage that decided", ["type", "stage"], registry=r)
        self.secret_kinds = Counter("piistream_secret_detections", "SECRET entities redacted, by "
                                    "kind (github_token, password...: a fixed vocabulary, never "
                                    "a value) and the stage that decided", ["kind", "stage"],
                                    registry=r)
        self.dlq = Counter("piistream_dlq", "Records sent to the dead-letter topic, by reason",
                           ["reason"], registry=r)
        self.verified = Counter("piistream_verified", "Records decided by the verifier", registry=r)
        self.fail_closed = Counter("piistream_fail_closed", "Records whose uncertain spans were "
                                   "redacted without verification, by reason", ["reason"], registry=r)
        self.batch_size = Histogram("piistream_batch_size", "Records per micro-batch", ["agent"],
                                    buckets=BATCH_BUCKETS, registry=r)
        self.batch_seconds = Histogram("piistream_batch_seconds", "Wall time of a micro-batch's "
                                       "detection (off the event loop)", ["agent"],
                                       buckets=LATENCY_BUCKETS, registry=r)
        self.over_budget = Counter("piistream_over_budget_records", "Records holding more "
                                   "candidates than the model budget (detector.MODEL_BUDGET), "
                                   "scored and decided by the rules alone", registry=r)
        self.stage_seconds = Counter("piistream_stage_seconds", "Seconds spent in each detection "
                                     "stage (candidates, scorer, verifier)", ["stage"], registry=r)
        self.e2e_seconds = Histogram("piistream_end_to_end_seconds", "Input record timestamp to "
                                     "output acknowledged (oldest and newest record of each "
                                     "batch)", ["agent"], buckets=LATENCY_BUCKETS, registry=r)
        self.verify_backlog = Gauge("piistream_verify_backlog", "Records waiting in pii.verify "
                                    "on this worker's partitions (high watermark - position)",
                                    registry=r)
        self.verify_wait = Gauge("piistream_verify_wait_seconds", "How long the oldest record of "
                                 "the last verify batch waited", registry=r)
        self.ready = Gauge("piistream_ready", "1 once models are loaded and the consumer has "
                           "joined its group", registry=r)
        self.detector_info = Gauge("piistream_detector_info", "The detector serving: its version "
                                   "(package, scorer model@weights digest, verifier@digest)",
                                   ["version"], registry=r)
        self.last_tick = time.monotonic()
        self.is_ready = False

    def add_counts(self, counts: dict) -> None:
        """Counts from ``Router.take_counts()``."""
        for key, n in counts.items():
            kind = key[0]
            if kind == "detections":
                self.detections.labels(key[1], key[2]).inc(n)
            elif kind == "secret_kind":
                self.secret_kinds.labels(key[1], key[2]).inc(n)
            elif kind == "dlq":
                self.dlq.labels(key[1]).inc(n)
            elif kind == "verified":
                self.verified.inc(n)
            elif kind == "fail_closed":
                self.fail_closed.labels(key[1]).inc(n)
            elif kind == "stage_seconds":
                self.stage_seconds.labels(key[1]).inc(n)
            elif kind == "over_budget":
                self.over_budget.inc(n)

    def verify_summary(self) -> str:
        """One log line: verified and fail-closed counts (by reason), backlog. Counts only."""
        def total(metric) -> dict:
            out = {}
            for fam in metric.collect():
                for s in fam.samples:
                    if s.name.endswith("_total"):
                        out[s.labels.get("reason", "")] = int(s.value)
            return out
        closed = total(self.fail_closed)
        return (f"verified={sum(total(self.verified).values())} fail_closed={sum(closed.values())} "
                + " ".join(f"fail_closed_{k}={v}" for k, v in sorted(closed.items()))
                + f" backlog={int(self.verify_backlog._value.get())}")

    def set_detector(self, version: str) -> None:
        """The detector's version (package, scorer model and its weights' digest, verifier):
        ``piistream_detector_info{version=...} 1``, the one that is serving now."""
        self.detector_info.clear()
        self.detector_info.labels(version=version).set(1)

    def set_ready(self, ready: bool) -> None:
        self.is_ready = ready
        self.ready.set(1 if ready else 0)

    def tick(self) -> None:
        self.last_tick = time.monotonic()


class HealthServer:
    """``/metrics``, ``/healthz``, ``/readyz`` on host:port, in a daemon thread."""

    def __init__(self, metrics: Metrics, host: str = "0.0.0.0", port: int = 9400, stall_s: float = 30.0):
        self.metrics = metrics
        m, stall = metrics, stall_s

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                path = self.path.split("?", 1)[0]
                if path == "/metrics":
                    body, ctype, code = generate_latest(m.registry), CONTENT_TYPE_LATEST, 200
                elif path == "/healthz":
                    age = time.monotonic() - m.last_tick
                    code = 200 if age < stall else 503
                    body, ctype = f"{'ok' if code == 200 else 'stalled'} {age:.1f}s\n".encode(), "text/plain"
                elif path == "/readyz":
                    code = 200 if m.is_ready else 503
                    body, ctype = (b"ready\n" if m.is_ready else b"not ready\n"), "text/plain"
                else:
                    body, ctype, code = b"not found\n", "text/plain", 404
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):  # no access log (and nothing about requests in logs)
                pass

        self.httpd = ThreadingHTTPServer((host, port), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="piistream-http",
                                        daemon=True)

    def start(self) -> "HealthServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
