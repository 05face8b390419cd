"""How much of a corpus reaches the charCNN: windows scored, model calls, the model's CPU.

    python -m piistream.dev.cnn_windows FILE [--threads 1] [--batch 512]
    python -m piistream.dev.cnn_windows --bench-stream 60000   # bench stream's text records

Scans FILE's lines (text records; or the text records among N of ``piistream bench stream``'s
corpus, seed 7, 2% with PII) in process with the default cascade, in batches as the
streaming worker does, and prints the windows the model scored, its calls, and the CPU time of
those calls per line and per window, with the candidates that reached it by type and reason (the
question ``CnnScorer._settled`` answers: only doubtful candidates should). One inference thread by
default, as a detection process of the worker runs it.
"""
from __future__ import annotations

import argparse
import collections
import time

from ..models.detector import Detector, make_scorer
from ..models.records import Processor


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m piistream.dev.cnn_windows", description=__doc__.split("\n")[0])
    ap.add_argument("file", nargs="?")
    ap.add_argument("--bench-stream", type=int, default=0, metavar="N")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--batch", type=int, default=512)
    ap.add_argument("--top", type=int, default=12)
    a = ap.parse_args(argv)
    if a.bench_stream:
        from .bench_stream import generate
        lines = [r.text.encode() for r in generate(a.bench_stream, seed=7, pii_rate=0.02, families=None)
                 if r.fmt == "text"]
    elif a.file:
        with open(a.file, encoding="utf-8", errors="replace") as f:
            lines = [line.rstrip("\n").encode() for line in f]
    else:
        ap.error("a FILE or --bench-stream N")
    detector = Detector(scorer=make_scorer("cnn", threads=a.threads))
    proc = Processor(detector)
    runtime = detector.scorer.runtime
    counts = {"windows": 0, "calls": 0, "cpu": 0.0}
    reasons: collections.Counter = collections.Counter()
    logits = runtime.logits
    probabilities = detector.scorer.probabilities

    def counted_logits(chars, flags, etype):
        t = time.process_time()
        out = logits(chars, flags, etype)
        counts["cpu"] += time.process_time() - t
        counts["windows"] += len(chars)
        counts["calls"] += 1
        return out

    def counted_probabilities(batch, cands):
        reasons.update((c.type, c.reason) for c in cands)
        return probabilities(batch, cands)

    runtime.logits = counted_logits
    detector.scorer.probabilities = counted_probabilities
    try:
        for k in range(0, len(lines), a.batch):
            proc.process(lines[k:k + a.batch], "text")
    finally:
        del runtime.logits, detector.scorer.probabilities
    n = max(len(lines), 1)
    print(f"{len(lines):,} lines: {counts['windows']:,} windows ({counts['windows'] / n:.3f} per line) in "
          f"{counts['calls']} calls; model CPU {counts['cpu']:.2f} s = {counts['cpu'] / n * 1e6:.1f} µs per line, "
          f"{counts['cpu'] / max(counts['windows'], 1) * 1e6:.1f} µs per window ({a.threads} thread(s))")
    print("| type | reason | windows |\n|---|---|---:|")
    for (t, r), v in reasons.most_common(a.top):
        print(f"| {t} | {r} | {v:,} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
