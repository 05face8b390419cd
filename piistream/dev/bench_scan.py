"""``piistream bench scan``: records/s and quality of the detection cascade vs a naive regex
scanner; ``piistream bench reallogs``: false alarms on a corpus of real log lines.

``bench scan`` corpus: generated records of the *held-out test families* only
(``train.data.candidates.SPLITS["test"]``: formats the charCNN never saw in training or
validation, the same families ``piistream eval`` reports), ``--pii-rate`` of them carrying PII.
Every row scans the same records, and each record in its own format: text families as text,
JSON families (``cloud_audit``) with ``fmt="json"``, in batches of one format (as two topics would
deliver them). The naive regex scans every raw line (it knows no JSON). Throughput: records of
the whole corpus per second, best of ``--repeat``. Quality: every row against the same
ground-truth spans, which are offsets into the raw line (for JSON records, into the raw JSON
text, the same offsets ``scan --input-format json`` reports), scored by
``train.evaluate.span_quality`` (the function ``piistream eval`` uses): a detection is correct
when it overlaps a true span; 'typed' also requires the right type.

``bench reallogs``: real log lines (``{"text", ...}`` JSON lines, gzip allowed) with no PII of
the strict types (US_SSN, US_ITIN, CREDIT_CARD, US_BANK_NUMBER, ABA_ROUTING_NUMBER, IBAN_CODE,
PHONE_NUMBER), so every finding of those types is a false alarm. Each line (embedded CR/LF
replaced by spaces) goes through the ``piistream scan`` CLI as one text record, with the rules
scorer, the default (charCNN) and ``--verifier``; the table gives lines with a finding per
10,000 lines.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time

import orjson

from ..models.entities import STRICT_TYPES
from ..models.records import Processor
from ..scanpool import default_processes
from ..train.evaluate import NaiveScanner, span_quality


def _time(fn, repeat: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def scan_corpus(n: int, seed: int, pii_rate: float) -> tuple[tuple[str, ...], list]:
    """The ``bench scan`` corpus: ``n`` generated records of the held-out test families."""
    from ..train.data import generate
    from ..train.data.candidates import SPLITS

    families = SPLITS["test"]
    return families, generate(n, seed=seed, pii_rate=pii_rate, families=families)


def bench_scan(args) -> int:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(140, Console().width))
    t0 = time.perf_counter()
    families, records = scan_corpus(args.n, args.seed, args.pii_rate)
    lines = [r.text.encode() for r in records]
    gold = [[(s.start, s.end, s.type) for s in r.spans] for r in records]
    n = len(lines)
    mb = sum(map(len, lines)) / 1e6
    by_fmt = {fmt: [i for i, r in enumerate(records) if r.fmt == fmt] for fmt in ("text", "json")}
    with_pii = sum(map(bool, gold))
    corpus = {"split": "test", "families": list(families), "records": n,
              "text": len(by_fmt["text"]), "json": len(by_fmt["json"]), "with_pii": with_pii,
              "pii_share": with_pii / n if n else 0.0, "true_spans": sum(map(len, gold)),
              "seed": args.seed}
    what = (f"{n:,} generated records of the held-out test families ({', '.join(families)}): "
            f"{corpus['text']:,} text, {corpus['json']:,} JSON; {with_pii:,} ({corpus['pii_share']:.1%}) "
            f"with PII, {corpus['true_spans']:,} true spans; seed {args.seed}")
    console.print(f"corpus: {what}; {mb:.1f} MB, generated in {time.perf_counter() - t0:.1f}s")

    from ..models.detector import Detector, make_scorer

    batch = 4096
    naive = NaiveScanner()
    # one format per batch, as two topics (logs as text, documents as JSON) would deliver them
    batches = [(fmt, idx[k:k + batch], [lines[i] for i in idx[k:k + batch]])
               for fmt, idx in by_fmt.items() for k in range(0, len(idx), batch)]

    def run_naive():
        return [naive.scan_line(x) for x in lines]

    def cascade(proc):
        def run():
            out = [b""] * n
            for fmt, idx, chunk in batches:
                for i, r in zip(idx, proc.process(chunk, fmt)):
                    out[i] = r.to_json()
            return out
        return run

    def warm(proc):  # imports, regex compilation, inference sessions
        for fmt, idx in by_fmt.items():
            if idx:
                proc.process([lines[i] for i in idx[:2000]], fmt)

    def quality(out):
        return span_quality(gold, [orjson.loads(x)["entities"] for x in out])["micro"]

    t_naive, out_naive = _time(run_naive, args.repeat)
    rows = [("naive regex (format only, raw lines)", t_naive, quality(out_naive))]
    for name in args.scorers:
        proc = Processor(Detector(scorer=make_scorer(name)))
        warm(proc)
        t, out = _time(cascade(proc), args.repeat)
        rows.append((f"piistream cascade ({name}), in-process", t, quality(out)))
    if "cnn" in args.scorers:  # the whole cascade: the verifier decides the uncertain band
        from ..train.evaluate import build_scorer
        proc = Processor(Detector(scorer=build_scorer("cnn+verifier")))  # (as scan ships it)
        warm(proc)
        t, out = _time(cascade(proc), args.repeat)
        rows.append(("piistream cascade (cnn + verifier), in-process", t, quality(out)))

    # The CLI end to end, per scorer: one process per format file (text records, then JSON
    # records with --input-format json), each reading its file and writing JSON lines; the
    # time is the sum of both, start-up included.
    t_cli = {}
    with tempfile.TemporaryDirectory() as d:
        files = []
        for fmt, idx in by_fmt.items():
            if idx:
                path = os.path.join(d, f"corpus.{fmt}")
                with open(path, "wb") as f:
                    f.write(b"\n".join(lines[i] for i in idx) + b"\n")
                files.append((fmt, path))
        cores = default_processes()
        for name in args.scorers:
            # one process (the default), then --processes 0: one detection process per core
            for verify, procs in ((False, 1), (True, 1), (False, 0)):
                cmds = [[sys.executable, "-m", "piistream", "scan", "-q", path, "-o", os.devnull,
                         "--input-format", fmt, "--scorer", name, "--processes", str(procs)]
                        + (["--verifier"] if verify else []) for fmt, path in files]
                label = f"{name}, verifier {'on (--verifier)' if verify else 'off (default)'}"
                if procs != 1:
                    label += f", --processes 0 ({cores} processes)"
                t_cli[label], _ = _time(lambda cmds=cmds: [subprocess.run(c, check=False) for c in cmds],
                                        max(1, args.repeat - 1))

    table = Table(title=f"piistream bench scan — {what}; best of {args.repeat}",
                  caption="Every row scans the same records: text as text, JSON with fmt=json "
                          "(the naive regex: raw lines), and is scored against the same true spans "
                          "(train.evaluate.span_quality: overlap; typed = same type too).")
    for col in ("scanner", "records/s", "MB/s", "precision", "recall", "typed P", "typed R", "detections"):
        table.add_column(col, justify="right" if col != "scanner" else "left")
    for name, t, q in rows:
        table.add_row(name, f"{n / t:,.0f}", f"{mb / t:.1f}", f"{q['precision']:.3f}", f"{q['recall']:.3f}",
                      f"{q['typed_precision']:.3f}", f"{q['typed_recall']:.3f}",
                      f"{q['reported']:,} / {q['gold']:,} true")
    for name, t in t_cli.items():
        table.add_row(f"piistream scan CLI ({name}), end to end (file -> JSON lines)",
                      f"{n / t:,.0f}", f"{mb / t:.1f}", "", "", "", "", "")
    console.print(table)
    for name, t, _ in rows[1:]:
        console.print(f"{name} / naive throughput ratio: {t_naive / t:.2f}x")
    for name, t in t_cli.items():
        console.print(f"CLI ({name}): {n / t:,.0f} records/s, {t_naive / t:.2f}x the naive regex "
                      f"in process (target for the rule-based cascade, verifier off: >= 20,000)")
    if getattr(args, "json", None):
        with open(args.json, "wb") as f:
            f.write(orjson.dumps({
                "bench": "scan", "records": n, "mb": mb, "repeat": args.repeat, "corpus": corpus,
                "rows": [{"name": name, "records_s": n / t, "mb_s": mb / t, "precision": q["precision"],
                          "recall": q["recall"], "typed_precision": q["typed_precision"],
                          "typed_recall": q["typed_recall"], "detections": q["reported"],
                          "true_spans": q["gold"]} for name, t, q in rows],
                "cli": [{"name": name, "records_s": n / t} for name, t in t_cli.items()]},
                option=orjson.OPT_INDENT_2))
    return 0


# --------------------------------------------------------------------------------------------
# bench reallogs
# --------------------------------------------------------------------------------------------

# STRICT_TYPES (models.entities): a real log line of the shared corpus holds no real value of
# them, so every finding of one of these is a false alarm.
REALLOGS_RUNS = (("piistream scan --scorer rules", ["--scorer", "rules"]),
                 ("piistream scan (default: charCNN, fail closed)", []),
                 ("piistream scan --verifier", ["--verifier"]))


def read_reallogs(path: str) -> tuple[list[bytes], list[str]]:
    """(one line per record, CR/LF inside a text replaced by spaces; the record's product)."""
    import gzip

    opener = gzip.open if path.endswith(".gz") else open
    lines, products = [], []
    with opener(path, "rb") as f:
        for raw in f:
            if not raw.strip():
                continue
            d = orjson.loads(raw)
            lines.append(re.sub(r"[\r\n]", " ", d["text"]).encode())
            products.append(str(d.get("product", "")))
    return lines, products


def _strict_hits(entities: list[dict]) -> list[str]:
    return [e["type"] for e in entities if e["type"] in STRICT_TYPES]


def bench_reallogs(args) -> int:
    from collections import Counter

    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(140, Console().width))
    lines, products = read_reallogs(args.corpus)
    n = len(lines)
    console.print(f"corpus: {args.corpus}: {n:,} lines ({sum(map(len, lines)) / 1e6:.1f} MB), "
                  "each scanned as one text record")
    rows = []  # (name, lines with a strict finding, findings by type, failed records, by product)

    def tally(name, entity_lists, failed=0):
        hit = [bool(_strict_hits(e)) for e in entity_lists]
        types = Counter(t for e in entity_lists for t in set(_strict_hits(e)))
        prods = Counter(p for p, h in zip(products, hit) if h)
        rows.append((name, sum(hit), types, failed, prods))
        console.print(f"{name}: {sum(hit):,} of {n:,} lines with a finding of a strict type")

    naive = NaiveScanner()
    tally("naive regex (format only)", [orjson.loads(naive.scan_line(x))["entities"] for x in lines])
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "lines.txt")
        with open(path, "wb") as f:
            f.write(b"\n".join(lines) + b"\n")
        for name, extra in REALLOGS_RUNS:
            out = os.path.join(d, "out.jsonl")
            subprocess.run([sys.executable, "-m", "piistream", "scan", "-q", path, "-o", out, *extra],
                           check=False)
            with open(out, "rb") as f:
                res = [orjson.loads(x) for x in f]
            if len(res) != n:
                raise RuntimeError(f"{name}: {len(res)} results for {n} lines")
            tally(name, [r.get("entities") or [] for r in res], sum(1 for r in res if r.get("error")))

    table = Table(title=f"piistream bench reallogs — {n:,} real log lines ({os.path.basename(args.corpus)}), "
                        f"false alarms of the strict types",
                  caption=f"Strict types: {', '.join(STRICT_TYPES)}. The corpus holds no real value of "
                          "them, so every line with such a finding is a false alarm.")
    for col in ("scanner", "lines with a finding", "per 10k lines", "by type (lines)", "failed records"):
        table.add_column(col, justify="left" if col in ("scanner", "by type (lines)") else "right")
    for name, hits, types, failed, _ in rows:
        table.add_row(name, f"{hits:,}", f"{hits / n * 1e4:.1f}",
                      ", ".join(f"{t} {c:,}" for t, c in types.most_common()), f"{failed:,}")
    console.print(table)
    for name, hits, _, _, prods in rows[1:]:
        if prods:
            console.print(f"{name}, products with the most: "
                          + ", ".join(f"{p} {c}" for p, c in prods.most_common(5)))
    if getattr(args, "json", None):
        with open(args.json, "wb") as f:
            f.write(orjson.dumps({
                "bench": "reallogs", "corpus": args.corpus, "lines": n,
                "strict_types": list(STRICT_TYPES),
                "rows": [{"name": name, "lines_with_finding": hits, "per_10k": hits / n * 1e4,
                          "by_type": dict(types), "failed": failed,
                          "by_product": dict(prods.most_common(20))}
                         for name, hits, types, failed, prods in rows]},
                option=orjson.OPT_INDENT_2))
    return 0
