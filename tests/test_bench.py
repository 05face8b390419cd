"""Benchmark helpers that must be right for the numbers to mean anything."""
import subprocess
import sys
import time

import pytest

from piistream.stream.bench import CpuSampler, _session_cpu

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")


def test_cpu_sampler_counts_a_process_tree_and_only_inside_the_window():
    # a session leader that spins for 1.5 s in a child of its own, then sleeps
    spin = "import time\nt = time.time()\nwhile time.time() - t < 1.5:\n    pass\n"
    code = f"import subprocess, sys, time\nsubprocess.run([sys.executable, '-c', {spin!r}])\ntime.sleep(2)\n"
    p = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
    try:
        s = CpuSampler({p.pid}, every=0.05)
        t0 = time.time() * 1000
        time.sleep(1.2)
        t1 = time.time() * 1000
        time.sleep(1.0)
        busy = s.between(t0, t1)
        s.stop()
        assert 0.4 <= busy <= 1.4  # the grandchild's spinning, within the window only
        assert s.between(t1 + 700, s.samples[-1][0]) < 0.3  # the sleeping tail costs ~nothing
    finally:
        p.kill()
        p.wait()
    assert _session_cpu({p.pid}) == 0.0  # gone


def test_report_renders_the_stream_table_with_cpu_per_record(tmp_path):
    import json

    from piistream.report import render

    rows = [{"name": "piistream worker x1 (Faust, scorer cnn)", "records_s": 17000.0,
             "cpu": {"cpu_us_per_record": 110.0, "cores_busy": 1.87}},
            {"name": "piistream worker x2 (Faust, scorer cnn)", "records_s": 23000.0,
             "cpu": {"cpu_us_per_record": 84.0, "cores_busy": 1.93}},
            {"name": "older run without CPU figures", "records_s": 5000.0}]
    (tmp_path / "stream.json").write_text(json.dumps({
        "bench": "stream", "records": 1000, "raw": 170000.0, "rows": rows,
        "latency": {"offered": 1000, "achieved": 990, "p50_ms": 100, "p99_ms": 300, "sample_ms": []}}))
    md = render(str(tmp_path))
    assert "| piistream worker x1 (Faust, scorer cnn) | 17,000 | 10.0% | 110 | 1.87 |" in md
    assert "| piistream worker x2 (Faust, scorer cnn) | 23,000 | 13.5% | 84 | 1.93 |" in md
    assert "| older run without CPU figures | 5,000 | 2.9% |  |  |" in md
    assert (tmp_path / "REPORT.md").read_text().strip() == md.strip()


def test_report_renders_the_replay_table_with_stage_runs_and_stage_costs(tmp_path):
    import json

    from piistream.report import render

    totals = {"read": 1000, "redacted": 1000, "alerts": 9, "dlq": 0}
    (tmp_path / "replay.json").write_text(json.dumps({
        "bench": "replay", "records": 1000, "raw": 400000.0, "replay": 20000.0, "ratio": 0.05,
        "report": {"totals": totals, "stage_us_per_record": {"candidates": 20.04, "scorer": 10.0,
                                                             "verifier": 55.5},
                   "cpu_us_per_record": {"detection": 101.0, "main": 9.5}},
        "stages": [{"name": "candidates + rules scorer, no models", "records_s": 60000.0,
                    "totals": totals, "stage_us_per_record": {"candidates": 19.0, "scorer": 1.25}}],
        "resumed_report": {"totals": totals}, "killed_at": 400, "distinct": 1000, "duplicates": 3,
        "ok": True}))
    md = render(str(tmp_path))
    assert ("| piistream replay (full cascade) | 20,000 | 5.0% | detection 101.0, main 9.5 | "
            "candidates 20.0, scorer 10.0, verifier 55.5 |") in md
    assert "| the same, candidates + rules scorer, no models | 60,000 | 15.0% |  | candidates 19.0, scorer 1.2 |" in md
    assert "Exact, nothing lost." in md
