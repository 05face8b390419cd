"""``piistream bench all``: run every benchmark of the project, then write ``REPORT.md`` (one
Markdown table per benchmark, every number from this run) and ``bench.png`` (throughput by stage
and batch size; the end-to-end latency CDF).

Each benchmark runs as its own ``piistream bench ...`` process and leaves a JSON file in the
output directory; ``render`` turns whatever JSON files are there into the report, so a partial
run still reports what it measured.
"""
from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time

BENCHES = {
    # name: (full arguments, --quick arguments)
    "scan": (["scan", "--n", "200000", "--repeat", "2"], ["scan", "--n", "40000", "--repeat", "1"]),
    "cnn": (["cnn", "--batches", "1", "64", "512", "--seconds", "3"],
            ["cnn", "--batches", "1", "64", "512", "--seconds", "1"]),
    "verifier": (["verifier", "--batches", "1", "32", "128", "--seconds", "3"],
                 ["verifier", "--batches", "1", "32", "--seconds", "1", "--threads", "1"]),
    "stream": (["stream", "--n", "200000", "--workers", "1", "2", "--thread-mode"],
               ["stream", "--n", "40000", "--workers", "1", "--scorers", "cnn",
                "--latency-seconds", "8"]),
    "replay": (["replay", "--n", "1000000"], ["replay", "--n", "100000", "--distinct", "20000"]),
}


def bench_all(out: str, quick: bool = False, skip=()) -> int:
    os.makedirs(out, exist_ok=True)
    failed = []
    for name, (full, small) in BENCHES.items():
        if name in skip:
            continue
        path = os.path.join(out, f"{name}.json")
        cmd = [sys.executable, "-m", "piistream", "bench", *(small if quick else full), "--json", path]
        print(f"== piistream bench {' '.join((small if quick else full))}", flush=True)
        t = time.time()
        rc = subprocess.run(cmd).returncode
        print(f"== {name}: exit {rc} in {time.time() - t:.0f} s", flush=True)
        if rc != 0:
            failed.append(name)
    md = render(out)
    print(md)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


def _load(out: str, name: str) -> dict | None:
    try:
        with open(os.path.join(out, f"{name}.json")) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if x >= 100 else f"{x:,.2f}"


def _us(stages: dict | None) -> str:
    """'candidates 20.1, scorer 10.3, verifier 50.2' (stages that took time)."""
    return ", ".join(f"{k} {v:.1f}" for k, v in sorted((stages or {}).items()) if v)


def render(out: str) -> str:
    """REPORT.md and bench.png from the JSON files in ``out``; returns the Markdown."""
    lines = ["# piistream benchmark report", "",
             f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {platform.node() or 'this machine'}: "
             f"{os.cpu_count()} cores, Python {platform.python_version()}. One run of each benchmark; "
             "compare rows of one table (the ratios), not numbers across machines.", ""]
    scan = _load(out, "scan")
    if scan:
        c = scan.get("corpus")
        what = (f"{c['records']:,} generated records of the held-out test families "
                f"({', '.join(c['families'])}): {c['text']:,} text, {c['json']:,} JSON; "
                f"{c['pii_share']:.1%} with PII" if c else f"{scan['records']:,} records")
        lines += [f"## Detection core: `bench scan` ({what})", ""]
        if c:
            lines += ["Every row scans the same records (text as text, JSON with `fmt=json`; the naive "
                      "regex: raw lines) and is scored against the same true spans (overlap; typed: "
                      "same type too).", ""]
        lines += ["| scanner | records/s | MB/s | precision | recall | typed P | typed R |",
                  "|---|---:|---:|---:|---:|---:|---:|"]
        for r in scan["rows"]:
            typed = (f"{r['typed_precision']:.3f} | {r['typed_recall']:.3f}" if "typed_precision" in r
                     else " | ")
            lines.append(f"| {r['name']} | {_fmt(r['records_s'])} | {r['mb_s']:.1f} | {r['precision']:.3f} | "
                         f"{r['recall']:.3f} | {typed} |")
        for r in scan["cli"]:
            lines.append(f"| {r['name']} CLI end to end | {_fmt(r['records_s'])} | | | | | |")
        lines.append("")
    cnn = _load(out, "cnn")
    if cnn:
        batches = sorted({r["batch"] for r in cnn["rows"]})
        lines += [f"## charCNN: `bench cnn` (windows/s, {cnn['threads']} CPU threads)", "",
                  "| variant | backend | " + " | ".join(f"batch {b}" for b in batches) + " |",
                  "|---|---|" + "---:|" * len(batches)]
        for key in sorted({(r["variant"], r["backend"]) for r in cnn["rows"]}):
            cells = {r["batch"]: r["windows_s"] for r in cnn["rows"] if (r["variant"], r["backend"]) == key}
            lines.append(f"| {key[0]} | {key[1]} | " + " | ".join(_fmt(cells.get(b, 0)) for b in batches) + " |")
        lines.append("")
    ver = _load(out, "verifier")
    if ver:
        batches = sorted({r["batch"] for r in ver["rows"]})
        lines += ["## Verifier: `bench verifier` (ms per candidate)", "",
                  "| threads | " + " | ".join(f"batch {b}" for b in batches) + " |", "|---:|" + "---:|" * len(batches)]
        for th in sorted({r["threads"] for r in ver["rows"]}):
            cells = {r["batch"]: r["ms_per_candidate"] for r in ver["rows"] if r["threads"] == th}
            lines.append(f"| {th} | " + " | ".join(f"{cells[b]:.2f}" if b in cells else "" for b in batches) + " |")
        lines.append("")
    st = _load(out, "stream")
    if st:
        lat = st["latency"]
        lines += [f"## Streaming: `bench stream` ({st['records']:,} log records, 4 partitions)", "",
                  "| pipeline | records/s | vs raw passthrough | worker CPU-µs / record | worker cores busy |",
                  "|---|---:|---:|---:|---:|"]
        m = st.get("method")
        if m:
            lines[-2:-2] = [f"Every row: a record counts once its final output exists ({' or '.join(m['finished'])}; "
                            f"raw passthrough: its copy); workers run `--role {m['role']}`; the first "
                            f"{m['warmup_share']:.0%} of the outputs are skipped (warm-up) and the rate runs "
                            "from the first to the last output timestamp of the rest.", ""]
        for r in st["rows"]:
            c = r.get("cpu") or {}
            cpu = (f"{c['cpu_us_per_record']:.0f} | {c['cores_busy']:.2f}" if c.get("cpu_us_per_record")
                   else " | ")
            lines.append(f"| {r['name']} | {_fmt(r['records_s'])} | {r['records_s'] / st['raw']:.1%} | {cpu} |")
        lines += ["", f"End-to-end latency at {lat['offered']:,.0f} records/s offered ({lat['achieved']:,.0f} "
                      f"achieved), 1 worker{', verifier on' if lat.get('verifier') else ''}: p50 {lat['p50_ms']:,.0f} ms, p99 {lat['p99_ms']:,.0f} ms."
                  if lat else "End-to-end latency: not measured.", ""]
    rp = _load(out, "replay")
    if rp:
        t = rp["report"]["totals"]
        lines += [f"## Replay: `bench replay` ({rp['records']:,} records by time range)", "",
                  "| run | records/s | vs raw passthrough | CPU per record, us | per record inside detection, us |",
                  "|---|---:|---:|---|---|",
                  f"| raw confluent-kafka passthrough | {_fmt(rp['raw'])} | 100% | | |",
                  f"| piistream replay (full cascade) | {_fmt(rp['replay'])} | {rp['ratio']:.1%} | "
                  f"{_us(rp['report'].get('cpu_us_per_record'))} | {_us(rp['report'].get('stage_us_per_record'))} |"]
        for sr in rp.get("stages", []):
            lines.append(f"| the same, {sr['name']} | {_fmt(sr['records_s'])} | {sr['records_s'] / rp['raw']:.1%} | "
                         f"{_us(sr.get('cpu_us_per_record'))} | {_us(sr.get('stage_us_per_record'))} |")
        lines += ["",
                  f"Counts: {t['read']:,} read, {t['redacted']:,} redacted, {t['alerts']:,} alerts, {t['dlq']:,} DLQ. "
                  f"Killed with SIGKILL at checkpoint {rp['killed_at']:,} and resumed: the report counted "
                  f"{rp['resumed_report']['totals']['read']:,} records; the destination holds "
                  f"{rp['distinct']:,} distinct source offsets ({rp['duplicates']:,} duplicates). "
                  f"{'Exact, nothing lost.' if rp['ok'] else 'MISMATCH.'}", ""]
    md = "\n".join(lines)
    with open(os.path.join(out, "REPORT.md"), "w") as f:
        f.write(md + "\n")
    _plot(out, scan, cnn, ver, st, rp)
    return md


def _plot(out, scan, cnn, ver, st, rp) -> None:
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # the report stays complete without the picture
        return
    has_lat = bool(st and st["latency"] and st["latency"].get("sample_ms"))
    labels, values, colors = [], [], []

    def bar(label, v, c):
        labels.append(label)
        values.append(v)
        colors.append(c)
    if cnn:
        for r in sorted(cnn["rows"], key=lambda r: (r["variant"], r["batch"])):
            bar(f"charCNN {r['variant']}, batch {r['batch']} (windows/s)", r["windows_s"], "tab:blue")
    if ver:
        for r in ver["rows"]:
            if r["threads"] == max(x["threads"] for x in ver["rows"]):
                bar(f"verifier, batch {r['batch']} (candidates/s)", r["candidates_s"], "tab:purple")
    if scan:
        for r in scan["rows"]:
            bar(r["name"].replace("piistream cascade ", "scan ").replace(", in-process", ""), r["records_s"], "tab:green")
    if st:
        bar("stream: raw Kafka passthrough", st["raw"], "tab:gray")
        for r in st["rows"]:
            if r["name"].startswith("raw"):
                continue
            label = (r["name"].replace("piistream worker ", "worker ").replace(" (Faust, scorer ", ", ")
                     .replace("(scorer ", "").replace(" (uncertain spans fail closed)", " (fail closed)")
                     .replace(" (verify agent decides)", ""))
            if label.count(")") > label.count("("):  # older names: "... (Faust, scorer cnn)"
                label = label[:-1]
            bar(label[:72], r["records_s"], "tab:orange")
    if rp:
        bar("replay: raw Kafka passthrough", rp["raw"], "tab:gray")
        bar("replay, full cascade", rp["replay"], "tab:red")
        for r in rp.get("stages", []):
            bar(f"replay, {r['name'].split(' (')[0]}", r["records_s"], "salmon")
    height = max(5.5, 0.24 * len(values) + 1.2)
    fig, axes = plt.subplots(1, 2 if has_lat else 1, figsize=(15 if has_lat else 9, height),
                             gridspec_kw={"width_ratios": [3, 2]} if has_lat else None)
    ax1, ax2 = (axes[0], axes[1]) if has_lat else (axes, None)
    ax1.barh(range(len(values)), values, color=colors)
    ax1.set_yticks(range(len(values)), labels, fontsize=7)
    ax1.set_xscale("log")
    ax1.invert_yaxis()
    ax1.set_xlabel("per second (windows, candidates or records; log scale)")
    ax1.set_title("throughput by stage and batch size")
    if has_lat:
        xs = sorted(st["latency"]["sample_ms"])
        ax2.plot(xs, [(i + 1) / len(xs) for i in range(len(xs))])
        ax2.set_xscale("log")
        ax2.set_xlabel("end-to-end latency, ms (input timestamp -> output timestamp)")
        ax2.set_ylabel("share of records")
        ax2.set_title(f"latency CDF at {st['latency']['offered']:,.0f} records/s offered, 1 worker")
        ax2.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "bench.png"), dpi=110)
    plt.close(fig)
