"""``make gpu-check``: the GPU path against the CPU, in one short run (a few minutes).

Prints three tables, every GPU row next to the CPU row measured in the same run:

1. charCNN windows/s: ONNX Runtime CPU (int8 and fp32), ONNX Runtime CUDA (fp32) and torch CUDA
   (fp16), at batch 64 / 512 / 4096;
2. verifier candidates/s: ONNX Runtime CPU vs CUDA, at batch 32 / 128 / 512;
3. ``scan`` records/s, in process (``cascade.build``): the CPU backend vs ``auto`` (a GPU when there
   is one), with and without the verifier.

A backend that is not there (no GPU, no onnxruntime-gpu, no torch with CUDA) gives a row saying
so, never a number. The windows and records come from the bundled sample (no Faker needed), so
the check runs on a bare GPU machine with only the runtime packages:

    PYTHONPATH=. python3 -m piistream.dev.gpu_check --json $OUT/gpu.json
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from importlib import resources

BATCHES_CNN = (64, 512, 4096)
BATCHES_VERIFIER = (32, 128, 512)


def _sample_records() -> list[tuple[bytes, str]]:
    out = []
    for name, fmt in (("logs.txt", "text"), ("docs.jsonl", "json")):
        with resources.files("piistream.samples").joinpath(name).open("rb") as f:
            out += [(line.rstrip(b"\n"), fmt) for line in f if line.strip()]
    return out


def _windows():
    """charCNN inputs for every candidate of the bundled sample (as the cascade builds them)."""
    import numpy as np

    from ..models.detector import Detector
    from ..models.recognizers.base import Batch
    from ..models.scoring import RuleScorer
    from ..models.windows import encode, windows_of

    det = Detector(scorer=RuleScorer())
    texts = [r.decode("utf-8", "replace") for r, fmt in _sample_records() if fmt == "text"]
    batch = Batch(texts)
    cands = det.candidates(batch)
    w, cs, ce = windows_of(batch, cands)
    chars, flags, etype = encode(w, cs, ce, [c.type for c in cands])
    reps = max(1, 8192 // max(1, len(chars)))
    return (np.concatenate([chars] * reps), np.concatenate([flags] * reps),
            np.concatenate([etype] * reps), [(x, int(s), int(e), c.type)
                                              for x, s, e, c in zip(w, cs, ce, cands)])


def _rate(fn, n_per_call: int, seconds: float) -> float:
    fn()  # warm up (shapes, kernels)
    done, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        fn()
        done += n_per_call
    return done / (time.perf_counter() - t0)


def check_cnn(seconds: float, threads: int) -> list[dict]:
    from ..models.cnn_runtime import CnnRuntime

    chars, flags, etype, _ = _windows()
    rows = []
    for variant, backend in (("lean-int8", "onnx-cpu"), ("lean", "onnx-cpu"),
                             ("lean", "onnx-cuda"), ("lean", "torch-cuda")):
        try:
            rt = CnnRuntime(variant, backend, threads=threads)
            if backend == "onnx-cuda" and "CUDAExecutionProvider" not in rt._sess.get_providers():
                raise RuntimeError("onnxruntime has no CUDA execution provider here")
        except Exception as e:
            rows.append({"variant": variant, "backend": backend, "error": f"{type(e).__name__}: {e}"})
            continue
        row = {"variant": variant, "backend": backend, "windows_s": {}}
        for b in BATCHES_CNN:
            k = min(b, len(chars))
            row["windows_s"][b] = _rate(lambda: rt.logits(chars[:k], flags[:k], etype[:k]), k, seconds)
        rows.append(row)
    return rows


def check_verifier(seconds: float, threads: int) -> list[dict]:
    from ..models.verifier import VerifierRuntime, verifier_path, verifier_text

    *_, cands = _windows()
    texts = [verifier_text(t, w, s, e) for w, s, e, t in cands]
    texts = (texts * (1 + 512 // max(1, len(texts))))[:2048]
    rows = []
    for device in ("cpu", "cuda"):
        try:
            rt = VerifierRuntime(verifier_path(), threads=threads, device=device)
        except Exception as e:
            rows.append({"device": device, "error": f"{type(e).__name__}: {e}"})
            continue
        row = {"device": device, "candidates_s": {}}
        for b in BATCHES_VERIFIER:
            k = min(b, len(texts))
            row["candidates_s"][b] = _rate(lambda: rt.predict(texts[:k], batch=b), k, seconds)
        rows.append(row)
    return rows


def check_scan(seconds: float) -> list[dict]:
    from ..cascade import build
    from ..config import load_config

    recs = _sample_records()
    text = [r for r, fmt in recs if fmt == "text"] * 20
    rows = []
    for backend in ("onnx-cpu", "auto"):
        for verify in (False, True):
            cfg = load_config(None, env={}, overrides={"detector.backend": backend})
            try:
                c = build(cfg, verify=verify)
                if verify and c.verifier is None:
                    raise RuntimeError("the verifier could not be loaded")
            except Exception as e:
                rows.append({"backend": backend, "verifier": verify, "error": f"{type(e).__name__}: {e}"})
                continue
            scorer = c.processor.detector.scorer
            used = getattr(getattr(scorer, "runtime", None), "backend", "rules")
            r = _rate(lambda: c.scan(text, "text", verify=verify), len(text), seconds)
            rows.append({"backend": backend, "resolved": used, "verifier": verify, "records_s": r})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m piistream.dev.gpu_check", description=__doc__)
    ap.add_argument("--seconds", type=float, default=3.0, help="time per cell")
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
           "verifier": check_verifier(args.seconds, args.threads), "scan": check_scan(args.seconds)}
    print("\n## charCNN windows/s\n\n| variant | backend | " +
          " | ".join(f"batch {b}" for b in BATCHES_CNN) + " |\n|---|---|" + "---|" * len(BATCHES_CNN))
    for r in res["cnn"]:
        cells = ([r["error"]] + [""] * (len(BATCHES_CNN) - 1) if "error" in r else
                 [f"{r['windows_s'][b]:,.0f}" for b in BATCHES_CNN])
        print(f"| {r['variant']} | {r['backend']} | " + " | ".join(cells) + " |")
    print("\n## verifier candidates/s\n\n| device | " + " | ".join(f"batch {b}" for b in BATCHES_VERIFIER)
          + " |\n|---|" + "---|" * len(BATCHES_VERIFIER))
    for r in res["verifier"]:
        cells = ([r["error"]] + [""] * (len(BATCHES_VERIFIER) - 1) if "error" in r else
                 [f"{r['candidates_s'][b]:,.0f}" for b in BATCHES_VERIFIER])
        print(f"| {r['device']} | " + " | ".join(cells) + " |")
    print("\n## scan records/s (in process, the bundled sample's log lines)\n\n"
          "| backend asked | used | verifier | records/s |\n|---|---|---|---|")
    for r in res["scan"]:
        val = r.get("error") or f"{r['records_s']:,.0f}"
        print(f"| {r['backend']} | {r.get('resolved', '')} | {'on' if r['verifier'] else 'off'} | {val} |")
    print(f"\n# {time.perf_counter() - t0:.0f} s")
    if args.json:
        import json
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
