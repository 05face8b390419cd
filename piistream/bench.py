"""``piistream bench scan``: records/s of the detection cascade vs a naive regex scanner.

Both run in the same process on the same generated corpus (realistic log lines and documents,
``--pii-rate`` of them carrying PII), with the same output serialisation. The corpus comes with
ground-truth spans, so the table also shows each scanner's precision and recall (a detection is
correct when it overlaps a true span; 'typed' also requires the right type).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time

import orjson

from .models.entities import (ABA_ROUTING_NUMBER, CREDIT_CARD, EMAIL_ADDRESS, IBAN_CODE,
                              IP_ADDRESS, PHONE_NUMBER, SECRET, US_BANK_NUMBER, US_ITIN, US_SSN)
from .models.records import Processor

# What a plain format-only regex scanner does: one pattern per type, no validation, no context.
NAIVE = {
    US_SSN: r"\b\d{3}-?\d{2}-?\d{4}\b",
    US_ITIN: r"\b9\d{2}-?[5-9]\d-?\d{4}\b",
    CREDIT_CARD: r"\b(?:\d[ -]?){12,18}\d\b",
    ABA_ROUTING_NUMBER: r"\b\d{9}\b",
    US_BANK_NUMBER: r"\b\d{8,17}\b",
    IBAN_CODE: r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b",
    EMAIL_ADDRESS: r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+",
    PHONE_NUMBER: r"(?:\+\d{1,3}[ .\-]?)?\(?\d{3}\)?[ .\-]?\d{3}[ .\-]?\d{4}\b",
    IP_ADDRESS: r"\b(?:\d{1,3}\.){3}\d{1,3}\b|\b(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{1,4}\b",
    SECRET: r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b|\bgh[pousr]_\w{36}|\bxox[bpars]-[\w-]+|eyJ[\w-]+\.[\w-]+\.[\w-]+"
            r"|(?i:password|passwd|pwd|secret|token|api_?key)[=:]\s*\S+",
}


class NaiveScanner:
    def __init__(self):
        self.patterns = [(t, re.compile(p)) for t, p in NAIVE.items()]

    def scan_line(self, raw: bytes) -> bytes:
        text = raw.decode("utf-8", "replace")
        ents = []
        taken = []
        for etype, pat in self.patterns:
            for m in pat.finditer(text):
                s, e = m.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                taken.append((s, e))
                ents.append({"type": etype, "start": s, "end": e, "score": 1.0, "stage": "regex"})
        ents.sort(key=lambda d: d["start"])
        parts, pos = [], 0
        for d in ents:
            parts.append(text[pos:d["start"]])
            parts.append(f"[{d['type']}]")
            pos = d["end"]
        parts.append(text[pos:])
        return orjson.dumps({"redacted": "".join(parts), "entities": ents})


def _quality(gold: list[list[tuple[int, int, str]]], found: list[list[dict]]) -> dict:
    tp_any = tp_typed = fp = 0
    n_found = n_gold = hit_any = hit_typed = 0
    for g, f in zip(gold, found):
        n_gold += len(g)
        n_found += len(f)
        for d in f:
            over = [x for x in g if d["start"] < x[1] and x[0] < d["end"]]
            if over:
                tp_any += 1
                if any(x[2] == d["type"] for x in over):
                    tp_typed += 1
            else:
                fp += 1
        for x in g:
            over = [d for d in f if d["start"] < x[1] and x[0] < d["end"]]
            if over:
                hit_any += 1
                if any(d["type"] == x[2] for d in over):
                    hit_typed += 1
    div = lambda a, b: a / b if b else float("nan")  # noqa: E731
    return {"p": div(tp_any, n_found), "r": div(hit_any, n_gold),
            "pt": div(tp_typed, n_found), "rt": div(hit_typed, n_gold), "found": n_found, "gold": n_gold}


def _time(fn, repeat: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def bench_scan(args) -> int:
    from rich.console import Console
    from rich.table import Table

    from .train.data import generate

    console = Console(width=max(140, Console().width))
    t0 = time.perf_counter()
    records = generate(args.n, seed=args.seed, pii_rate=args.pii_rate)
    lines = [r.text.encode() for r in records]
    gold = [[(s.start, s.end, s.type) for s in r.spans] for r in records]
    mb = sum(map(len, lines)) / 1e6
    console.print(f"corpus: {len(lines):,} records, {mb:.1f} MB, {sum(map(bool, gold)) / len(lines):.1%} "
                  f"with PII, generated in {time.perf_counter() - t0:.1f}s (seed {args.seed})")

    from .models.detector import Detector, make_scorer

    batch = 4096
    naive = NaiveScanner()

    def run_naive():
        return [naive.scan_line(x) for x in lines]

    def cascade(proc):
        def run():
            out = []
            for i in range(0, len(lines), batch):
                for r in proc.process(lines[i:i + batch], "text"):
                    out.append(r.to_json())
            return out
        return run

    t_naive, out_naive = _time(run_naive, args.repeat)
    rows = [("naive regex (format only)", t_naive, _quality(gold, [orjson.loads(x)["entities"] for x in out_naive]))]
    for name in args.scorers:
        proc = Processor(Detector(scorer=make_scorer(name)))
        proc.process(lines[:2000], "text")  # warm up (imports, regex compilation, sessions)
        t, out = _time(cascade(proc), args.repeat)
        rows.append((f"piistream cascade ({name}), in-process", t,
                     _quality(gold, [orjson.loads(x)["entities"] for x in out])))
    if "cnn" in args.scorers:  # the whole cascade: the verifier decides the uncertain band
        from .models.verifier import VerifierRuntime, VerifyingScorer, verifier_path
        proc = Processor(Detector(scorer=VerifyingScorer(make_scorer("cnn"),
                                                         VerifierRuntime(verifier_path()))))
        proc.process(lines[:2000], "text")
        t, out = _time(cascade(proc), args.repeat)
        rows.append(("piistream cascade (cnn + verifier), in-process", t,
                     _quality(gold, [orjson.loads(x)["entities"] for x in out])))

    # The CLI end to end, per scorer: a subprocess reading the corpus file, writing JSON lines.
    t_cli = {}
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "corpus.txt")
        with open(path, "wb") as f:
            f.write(b"\n".join(lines) + b"\n")
        for name in args.scorers:
            for verify in (False, True):
                cmd = [sys.executable, "-m", "piistream", "scan", "-q", path, "-o", os.devnull,
                       "--scorer", name] + (["--verifier"] if verify else [])
                label = f"{name}, verifier {'on (--verifier)' if verify else 'off (default)'}"
                t_cli[label], _ = _time(lambda: subprocess.run(cmd, check=False),
                                        max(1, args.repeat - 1))

    n = len(lines)
    table = Table(title=f"piistream bench scan — {n:,} records, best of {args.repeat}")
    for col in ("scanner", "records/s", "MB/s", "precision", "recall", "typed P", "typed R", "detections"):
        table.add_column(col, justify="right" if col != "scanner" else "left")
    for name, t, q in rows:
        table.add_row(name, f"{n / t:,.0f}", f"{mb / t:.1f}", f"{q['p']:.3f}", f"{q['r']:.3f}",
                      f"{q['pt']:.3f}", f"{q['rt']:.3f}", f"{q['found']:,} / {q['gold']:,} true")
    for name, t in t_cli.items():
        table.add_row(f"piistream scan CLI ({name}), end to end (file -> JSON lines)",
                      f"{n / t:,.0f}", f"{mb / t:.1f}", "", "", "", "", "")
    console.print(table)
    for name, t, _ in rows[1:]:
        console.print(f"{name} / naive throughput ratio: {t_naive / t:.2f}x")
    for name, t in t_cli.items():
        console.print(f"CLI ({name}): {n / t:,.0f} records/s (target for the rule-based cascade, "
                      f"verifier off: >= 20,000)")
    if getattr(args, "json", None):
        with open(args.json, "wb") as f:
            f.write(orjson.dumps({
                "bench": "scan", "records": n, "mb": mb,
                "rows": [{"name": name, "records_s": n / t, "mb_s": mb / t, "precision": q["p"],
                          "recall": q["r"]} for name, t, q in rows],
                "cli": [{"name": name, "records_s": n / t} for name, t in t_cli.items()]},
                option=orjson.OPT_INDENT_2))
    return 0
