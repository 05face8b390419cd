"""``make gpu-check``: the GPU path against the CPU, in one short run (a few minutes).

Prints three tables, every GPU row next to the CPU row measured in the same run:

1. charCNN windows/s: ONNX Runtime CPU (int8 on one thread, as a worker's detection process
   runs it, and int8 and fp32 on every core), ONNX Runtime CUDA (fp32) and torch CUDA (fp16), at
   batch 64 / 512 / 4096, with each backend's largest probability difference from ONNX Runtime
   CPU fp32 on the same windows;
2. verifier candidates/s: ONNX Runtime CPU vs CUDA, at batch 32 / 128 / 512;
3. ``scan`` records/s, in process (``cascade.build``, batches of 4,096 as ``scan`` reads them,
   every core): the CPU backend (int8 and fp32) vs ``auto`` (a GPU when there is one), with and
   without the verifier, and how many records' output differs from the CPU run of the same model.

A backend that is not there (no GPU, no onnxruntime-gpu, no torch with CUDA) gives a row saying
so, never a number. The windows and records come from the repository's generated behaviour corpus
(``tests/data/behaviour``; the bundled sample when that is absent; no Faker needed), so the check
runs on a bare GPU machine with only the runtime packages:

    PYTHONPATH=. python3 -m piistream.dev.gpu_check --json $OUT/gpu.json
"""
from __future__ import annotations

import argparse
import gzip
import os
import sys
import time
from importlib import resources

BATCHES_CNN = (64, 512, 4096)
BATCHES_VERIFIER = (32, 128, 512)


CORPUS = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "data", "behaviour",
                      "corpus-text.txt.gz")
SCAN_BATCH = 4096  # what ``piistream scan`` hands the cascade at a time


def _sample_records() -> list[tuple[bytes, str]]:
    out = []
    for name, fmt in (("logs.txt", "text"), ("docs.jsonl", "json")):
        with resources.files("piistream.samples").joinpath(name).open("rb") as f:
            out += [(line.rstrip(b"\n"), fmt) for line in f if line.strip()]
    return out


def _log_lines(limit: int) -> list[bytes]:
    """``limit`` log lines: the generated behaviour corpus (20,000 distinct records of every
    family; repeated past that), else the bundled sample's log lines repeated."""
    if os.path.exists(CORPUS):
        with gzip.open(CORPUS, "rb") as f:
            lines = [line.rstrip(b"\n") for line, _ in zip(f, range(limit))]
    else:
        lines = [r for r, fmt in _sample_records() if fmt == "text"]
    return (lines * (1 + limit // max(1, len(lines))))[:limit]


def _windows(limit: int = 8192):
    """charCNN inputs for the candidates of the log lines (as the cascade builds them)."""
    from ..models.detector import Detector
    from ..models.recognizers.base import Batch
    from ..models.scoring import RuleScorer
    from ..models.windows import encode, windows_of

    det = Detector(scorer=RuleScorer())
    batch = Batch([r.decode("utf-8", "replace") for r in _log_lines(12000)])
    cands = det.candidates(batch)[:limit]
    w, cs, ce = windows_of(batch, cands)
    chars, flags, etype = encode(w, cs, ce, [c.type for c in cands])
    return chars, flags, etype, [(x, int(s), int(e), c.type) for x, s, e, c in zip(w, cs, ce, cands)]


def _rate(fn, n_per_call: int, seconds: float) -> float:
    fn()  # warm up (shapes, kernels)
    done, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        fn()
        done += n_per_call
    return done / (time.perf_counter() - t0)


def check_cnn(seconds: float, threads: int) -> list[dict]:
    import numpy as np

    from ..models.cnn_runtime import CnnRuntime

    chars, flags, etype, _ = _windows()
    rows, ref = [], None
    sweep = sorted({1, 2, 4, 8, threads} & set(range(1, threads + 1)))
    plan = ([("lean", "onnx-cpu", threads)] + [("lean-int8", "onnx-cpu", n) for n in sweep] +
            [("lean", "onnx-cpu", 1)] * (threads > 1) +
            [("lean", "onnx-cuda", threads), ("lean", "torch-cuda", threads)])
    for variant, backend, n in plan:
        row = {"variant": variant, "backend": backend, "threads": n}
        try:
            rt = CnnRuntime(variant, backend, threads=n)
            if backend == "onnx-cuda" and "CUDAExecutionProvider" not in rt._sess.get_providers():
                raise RuntimeError("onnxruntime has no CUDA execution provider here")
            p = rt.predict(chars, flags, etype)
        except Exception as e:
            rows.append({**row, "error": f"{type(e).__name__}: {e}"})
            continue
        if ref is None:  # the first row: ONNX Runtime CPU fp32, the reference
            ref = p
        row["windows"] = len(chars)
        row["max_abs_dp"] = float(np.max(np.abs(p - ref))) if len(p) else 0.0
        row["windows_s"] = {}
        for b in BATCHES_CNN:
            reps = -(-b // max(1, len(chars)))  # enough copies of the windows for one call
            c, f, e = (np.concatenate([x] * reps)[:b] for x in (chars, flags, etype))
            row["windows_s"][b] = _rate(lambda: rt.logits(c, f, e), b, seconds)
        rows.append(row)
    return rows


def check_verifier(seconds: float, threads: int) -> list[dict]:
    from ..models.verifier import VerifierRuntime, verifier_path, verifier_text

    *_, cands = _windows(2048)
    texts = [verifier_text(t, w, s, e) for w, s, e, t in cands]
    texts = (texts * (1 + max(BATCHES_VERIFIER) // max(1, len(texts))))
    rows = []
    for device in ("cpu", "cuda"):
        try:
            rt = VerifierRuntime(verifier_path(), threads=threads, device=device)
        except Exception as e:
            rows.append({"device": device, "error": f"{type(e).__name__}: {e}"})
            continue
        row = {"device": device, "candidates_s": {}}
        for b in BATCHES_VERIFIER:
            row["candidates_s"][b] = _rate(lambda: rt.predict(texts[:b], batch=b), b, seconds)
        rows.append(row)
    return rows


def compare(ref: list, ref_scores: list, out: list, scores: list) -> tuple[int, float]:
    """(records whose redaction or entities differ, the largest score difference of an entity
    in the records that agree)."""
    differing = sum(a != b for a, b in zip(ref, out)) + abs(len(ref) - len(out))
    dscore = max((abs(x - y) for a, b, sa, sb in zip(ref, out, ref_scores, scores) if a == b
                  for x, y in zip(sa, sb)), default=0.0)
    return differing, dscore


def check_scan(records: int) -> list[dict]:
    """One timed pass over ``records`` log lines per configuration (after one warm-up batch);
    each configuration's output is compared record by record with the CPU run of its model."""
    from ..cascade import build
    from ..config import load_config

    lines = _log_lines(records)
    cores = os.cpu_count() or 1
    # threads None: what ``scan`` takes by default (``detector.threads`` = 0); then the int8
    # model on one thread (a worker's detection process) and on every core
    plan = [(False, "cnn", "onnx-cpu", None)] + [(False, "cnn", "onnx-cpu", n) for n in
                                                 sorted({1, cores})]
    plan += [(False, "cnn-lean", "onnx-cpu", None), (False, "cnn", "auto", None)]
    plan += [(True, "cnn", "onnx-cpu", None), (True, "cnn-lean", "onnx-cpu", None),
             (True, "cnn", "auto", None)]
    rows, outputs = [], {}
    for verify, scorer, backend, threads in plan:
        row = {"scorer": scorer, "backend": backend, "threads": threads, "verifier": verify}
        cfg = load_config(None, env={}, overrides={"detector.scorer": scorer,
                                                   "detector.backend": backend})
        try:
            c = build(cfg, threads=threads, verify=verify)
            if verify and c.verifier is None:
                raise RuntimeError("the verifier could not be loaded")
        except Exception as e:
            rows.append({**row, "error": f"{type(e).__name__}: {e}"})
            continue
        rt = getattr(c.processor.detector.scorer, "runtime", None)
        row["resolved"] = f"{rt.variant} {rt.backend}" if rt else "rules"
        row["threads_used"] = rt.threads if rt and rt.backend.endswith("cpu") else None
        if verify:
            row["resolved"] += f" + verifier {c.verifier.detector.scorer.runtime.device}"
        c.scan(lines[:SCAN_BATCH], "text", verify=verify)  # warm up
        res, t0 = [], time.perf_counter()
        for i in range(0, len(lines), SCAN_BATCH):
            res += c.scan(lines[i:i + SCAN_BATCH], "text", verify=verify)
        row["records"] = len(lines)
        row["records_s"] = len(lines) / (time.perf_counter() - t0)
        # what a consumer acts on: the redacted text and each entity's type, span and stage
        # (the scores, printed to 4 decimals, are compared apart)
        out = [(r.redacted, r.error, [(e["type"], e["start"], e["end"], e.get("stage"))
                                      for e in r.entities]) for r in res]
        scores = [[e.get("score", 0.0) for e in r.entities] for r in res]
        ref = outputs.setdefault((row["resolved"].split()[0], verify),
                                 (len(rows), row["resolved"], out, scores))
        row["reference"] = ref[0] == len(rows)  # the first row of this model
        row["compared_with"] = ref[1]
        row["differing"], row["max_abs_dscore"] = compare(ref[2], ref[3], out, scores)
        rows.append(row)
    return rows


def check_cli(records: int) -> list[dict]:
    """``piistream scan`` end to end (a subprocess, file -> JSON lines, start-up included) over
    ``records`` log lines, on the CPU backend and ``auto``, in one process and in one per core
    (``--processes 0``); each multi-process run is compared byte for byte with one process."""
    import subprocess
    import tempfile

    from ..scanpool import default_processes

    lines = _log_lines(records)
    rows = []
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "in.txt")
        with open(src, "wb") as f:
            f.write(b"\n".join(lines) + b"\n")
        for backend in ("onnx-cpu", "auto"):
            first = None
            for procs in (1, 0):
                out = os.path.join(d, f"out-{backend}-{procs}.jsonl")
                cmd = [sys.executable, "-m", "piistream", "scan", "-q", "--backend", backend,
                       "--processes", str(procs), src, "-o", out]
                t = time.perf_counter()
                p = subprocess.run(cmd, capture_output=True)
                wall = time.perf_counter() - t
                row = {"backend": backend, "processes": procs or default_processes(),
                       "records": len(lines)}
                if p.returncode != 0:
                    row["error"] = f"exit {p.returncode}: {p.stderr.decode(errors='replace')[-300:]}"
                else:
                    with open(out, "rb") as f:
                        data = f.read()
                    first = data if first is None else first
                    row.update(records_s=len(lines) / wall, wall_s=wall, same_as_one=data == first)
                rows.append(row)
    return rows


def _table(title: str, cols: list[str], rows: list[list]) -> None:
    """A Markdown table under a heading; a short row (an error) is padded with empty cells."""
    print(f"\n## {title}\n\n| " + " | ".join(cols) + " |\n|" + "---|" * len(cols))
    for row in rows:
        cells = [str(c) for c in row] + [""] * (len(cols) - len(row))
        print("| " + " | ".join(cells) + " |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m piistream.dev.gpu_check", description=__doc__)
    ap.add_argument("--seconds", type=float, default=3.0, help="time per charCNN/verifier cell")
    ap.add_argument("--records", type=int, default=20000, help="log lines per scan row")
    ap.add_argument("--cli-records", type=int, default=100000,
                    help="log lines per `piistream scan` run (the generated lines repeated)")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="CPU threads")
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    gpu = "none found"
    if os.path.exists("/proc/driver/nvidia/version"):
        with open("/proc/driver/nvidia/version") as f:
            gpu = f.readline().strip()
    print(f"# piistream gpu-check: {os.cpu_count()} CPU cores ({args.threads} threads), GPU driver: {gpu}")
    res = {"cpu_threads": args.threads, "gpu": gpu, "cnn": check_cnn(args.seconds, args.threads),
           "verifier": check_verifier(args.seconds, args.threads), "scan": check_scan(args.records),
           "cli": check_cli(args.cli_records)}
    n = next((r["windows"] for r in res["cnn"] if "windows" in r), 0)
    _table(f"charCNN windows/s (max |dp|: largest probability difference from the first row over "
           f"{n:,} windows)", ["variant", "backend", "threads", *(f"batch {b}" for b in BATCHES_CNN),
                               "max abs dp"],
           [[r["variant"], r["backend"], r["threads"], *(
               [r["error"]] if "error" in r else
               [f"{r['windows_s'][b]:,.0f}" for b in BATCHES_CNN] + [f"{r['max_abs_dp']:.1e}"])]
            for r in res["cnn"]])
    _table("verifier candidates/s", ["device", *(f"batch {b}" for b in BATCHES_VERIFIER)],
           [[r["device"], *([r["error"]] if "error" in r else
                            [f"{r['candidates_s'][b]:,.0f}" for b in BATCHES_VERIFIER])]
            for r in res["verifier"]])
    scan_rows = []
    for r in res["scan"]:
        asked = "default" if r["threads"] is None else r["threads"]
        if "error" in r:
            scan_rows.append([r["scorer"], r["backend"], asked, r["error"]])
            continue
        diff = ("(reference)" if r["reference"]
                else f"{r['differing']:,} of {r['records']:,}: {r['compared_with']}")
        used = "" if r["threads_used"] is None else r["threads_used"]
        scan_rows.append([r["scorer"], r["backend"], f"{asked}: {used}", r["resolved"],
                          f"{r['records_s']:,.0f}", diff, f"{r['max_abs_dscore']:.4f}"])
    _table(f"scan records/s (in process, {args.records:,} log lines, batches of {SCAN_BATCH:,})",
           ["scorer", "backend asked", "CPU threads asked: used", "model", "records/s",
            "records redacted differently from", "max abs d score"], scan_rows)
    _table(f"`piistream scan` end to end ({args.cli_records:,} log lines, file -> JSON lines, "
           "start-up included)", ["backend asked", "processes", "records/s", "wall s",
                                  "same bytes as one process"],
           [[r["backend"], r["processes"], *([r["error"]] if "error" in r else
                                             [f"{r['records_s']:,.0f}", f"{r['wall_s']:.1f}",
                                              "yes" if r["same_as_one"] else "NO"])]
            for r in res["cli"]])
    print(f"\n# {time.perf_counter() - t0:.0f} s")
    if args.json:
        import json
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
