"""The streaming demo (piistream/dev/demo.py): the sample and the bookkeeping without Kafka,
then the whole demo end to end on a real broker, run the way CI sees it (stdout not a terminal)."""
import os
import re
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import orjson
import pytest
from rich.console import Console

from piistream.dev.demo import (DemoState, build_sample, progress_line, render_fitted, render_live,
                                   render_summary)

ROOT = Path(__file__).resolve().parents[1]


def test_sample_is_deterministic_and_has_malformed_records():
    s = build_sample(1000, seed=3)
    assert s.generated == 1000 and sum(s.malformed.values()) == 5
    assert set(s.malformed) == {"invalid_utf8", "invalid_json", "empty"}
    assert len(s.messages) == 1005 and s.with_pii == 100
    assert build_sample(1000, seed=3).messages == s.messages
    topics = {t for t, _, _ in s.messages}
    assert topics == {"logs.raw", "docs.raw"}
    assert all(k for _, k, _ in s.messages)
    assert sum(1 for _, _, v in s.messages if v == b"") == s.malformed["empty"]

    def bad_json(v):
        try:
            orjson.loads(v)
            return False
        except orjson.JSONDecodeError:
            return True

    def bad_utf8(v):
        try:
            v.decode("utf-8")
            return False
        except UnicodeDecodeError:
            return True

    assert sum(1 for t, _, v in s.messages if t == "docs.raw" and bad_json(v)) == \
        s.malformed["invalid_json"]
    assert sum(1 for t, _, v in s.messages if t == "logs.raw" and bad_utf8(v)) == \
        s.malformed["invalid_utf8"]


class FakeMsg:
    def __init__(self, topic, value, headers, key=b"k", ts=0):
        self._t, self._v, self._h, self._k, self._ts = topic, value, headers, key, ts

    def topic(self):
        return self._t

    def value(self):
        return self._v

    def key(self):
        return self._k

    def headers(self):
        return self._h

    def timestamp(self):
        return (1, self._ts)

    def error(self):
        return None


def _src(p, o, topic="logs.raw"):
    return [("piistream-src-topic", topic.encode()), ("piistream-src-partition", str(p).encode()),
            ("piistream-src-offset", str(o).encode())]


def test_state_accounts_by_source_offset_and_renders_without_raw_values():
    s = build_sample(10, seed=1)
    st = DemoState(total=3, sample=s, show=4)
    st.feed_started = 0.0
    for o in range(3):
        st.delivered(("logs.raw", 0, o), 1000 + o)
    assert st.missing() == 3 and not st.complete()
    st.feed_done = 1.0
    red = _src(0, 0) + [("piistream-entities", b"US_SSN=1"), ("piistream-verified", b"n/a")]
    st.on_message(FakeMsg("logs.redacted", b"ssn [US_SSN] ok", red, ts=1100))
    st.on_message(FakeMsg("logs.redacted", b"ssn [US_SSN] ok", red, ts=1200))  # duplicate
    alert = {"source": {"topic": "logs.raw", "partition": 0, "offset": 0}, "counts": {"US_SSN": 1},
             "entities": [{"type": "US_SSN", "token": "[US_SSN:demo:0123456789abcdef]"}]}
    st.on_message(FakeMsg("pii.alerts", orjson.dumps(alert), _src(0, 0), ts=1100))
    st.on_message(FakeMsg("logs.redacted", b"clean", _src(0, 1) + [("piistream-entities", b"")],
                          ts=1150))
    assert st.missing() == 1 and not st.complete()
    st.on_message(FakeMsg("pii.dlq", b"\xff", _src(0, 2) + [("piistream-error", b"invalid_utf8: x")],
                          ts=1300))
    assert st.complete() and st.alerts_complete() and st.duplicates == 1
    assert st.detections == {"US_SSN": 1} and st.dlq_reasons == {"invalid_utf8": 1}
    assert st.latencies_ms() == [100, 149, 298]

    st.tick()
    con = Console(record=True, width=120, force_terminal=False)
    con.print(render_live(st, "header", 1.0))
    con.print(progress_line(st, 1.0))
    con.print(render_summary(st, {"total": 2.0}, "all 3 inputs accounted for", True, 0))
    out = con.export_text()
    assert "[US_SSN]" in out and "US_SSN×1" in out and "invalid_utf8" in out
    assert "all 3 inputs accounted for" in out

    # the live view shrinks to the terminal's height instead of being cropped
    for o in range(3, 40):
        hdrs = _src(0, o) + [("piistream-entities", b"EMAIL_ADDRESS=1")]
        st.on_message(FakeMsg("logs.redacted", b"to [EMAIL_ADDRESS]", hdrs, ts=1400))
    for height in (60, 30, 24):
        con = Console(width=100, height=height, force_terminal=True)
        assert len(con.render_lines(render_fitted(con, st, "header", 1.0), pad=False)) < height


def _marked(mark: str) -> list[int]:
    """pids of processes whose environment carries ``mark`` (the demo's broker, worker, ...)."""
    pids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if mark.encode() in (d / "environ").read_bytes():
                    pids.append(int(d.name))
            except OSError:
                pass
    return pids


def _kafka_pids() -> set[int]:
    out = subprocess.run(["pgrep", "-f", "kafka.Kafka"], capture_output=True, text=True).stdout
    return {int(p) for p in out.split()}


@pytest.mark.kafka
@pytest.mark.slow
def test_stream_demo_end_to_end_non_interactive():
    mark = f"piistream-demo-test-{uuid.uuid4().hex}"
    env = {**os.environ, "PIISTREAM_DEMO_TEST_MARK": mark, "COLUMNS": "100"}
    code = ("import sys; from piistream.dev.demo import run_stream_demo; "
            "sys.exit(run_stream_demo(records=3000, seconds_max=120))")
    before = _kafka_pids()
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=540)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)  # the demo cleans up on SIGTERM
        out, _ = proc.communicate(timeout=60)
        pytest.fail(f"the demo did not finish in time:\n{out[-5000:]}")
    assert proc.returncode == 0, out[-5000:]

    # non-interactive: plain progress lines, no live view
    assert re.search(r"^\[\s*\d+\.\d+s\] produced [\d,]+/3,015 ", out, re.M), out[-3000:]
    assert "\x1b[" not in out
    # the summary: 3,000 generated + 15 malformed inputs, all with an output
    m = re.search(r"^OK: all ([\d,]+) inputs accounted for \(([\d,]+) inputs: 3,000 generated \+ "
                  r"([\d,]+) malformed\)", out, re.M)
    assert m, out[-3000:]
    assert m.group(1) == m.group(2) == "3,015" and m.group(3) == "15"
    def row(label, value):
        return re.search(rf"^\W*{label}\W+{value}(\W|$)", out, re.M)

    assert row("redacted", "3,000") and row("DLQ", "15"), out[-3000:]
    assert row("throughput", r"[\d,]+ rec/s") and row("latency p50", r"[\d,]+ ms"), out[-3000:]
    for t in ("US_SSN", "EMAIL_ADDRESS", "CREDIT_CARD"):
        assert row(t, r"[\d,]+"), t

    # nothing it started survives: no new kafka.Kafka JVM (nor anything else) carries its mark
    new = _kafka_pids() - before
    assert not [p for p in new if p in _marked(mark)], new
    assert _marked(mark) == []
