"""``piistream bench cnn``: windows/s of each charCNN variant per backend and batch size."""
from __future__ import annotations

import time


from ..models import ARTIFACTS
from ..models.cnn_runtime import CnnRuntime, artifacts_present, cuda_available
from ..train.data.candidates import build_split


def windows_per_second(rt: CnnRuntime, chars, flags, etype, batch: int, seconds: float) -> float:
    n = len(chars)
    rt.logits(chars[:batch], flags[:batch], etype[:batch])  # warm up this shape
    done, i = 0, 0
    t0 = time.perf_counter()
    while True:
        j = i % max(1, n - batch)
        rt.logits(chars[j:j + batch], flags[j:j + batch], etype[j:j + batch])
        done += batch
        i += batch
        el = time.perf_counter() - t0
        if el >= seconds:
            return done / el


def bench_cnn(args) -> int:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    cs = build_split("test", 3000)
    chars, flags, etype = cs.chars, cs.flags, cs.etype
    backends = args.backends or (["onnx-cpu"] + (["onnx-cuda", "torch-cuda"] if cuda_available() else []))
    table = Table(title=f"charCNN windows/s ({len(cs):,} real test windows, 160 chars; "
                        f"{args.threads} CPU threads)")
    table.add_column("variant")
    table.add_column("params", justify="right")
    table.add_column("backend")
    for b in args.batches:
        table.add_column(f"batch {b}", justify="right")
    rates = {}
    for v in args.variants:
        if not artifacts_present(v, ARTIFACTS):
            console.print(f"[yellow]no artifacts for {v}: skipped[/]")
            continue
        for be in backends:
            try:
                rt = CnnRuntime(v, be, threads=args.threads)
            except Exception as e:  # a backend that is not installed here
                console.print(f"[yellow]{v}/{be}: unavailable ({type(e).__name__}: {e})[/]")
                continue
            row = [v, f"{rt.meta['params']:,}", rt.backend]
            for b in args.batches:
                r = windows_per_second(rt, chars, flags, etype, b, args.seconds)
                rates[(v, be, b)] = r
                row.append(f"{r:,.0f}")
            table.add_row(*row)
    console.print(table)
    for be in backends:
        for b in args.batches:
            s, l = rates.get(("seed", be, b)), rates.get(("lean", be, b))
            q = rates.get(("lean-int8", be, b))
            if s and l:
                console.print(f"lean / seed on {be}, batch {b}: {l / s:.1f}x")
            if l and q:
                console.print(f"lean-int8 / lean on {be}, batch {b}: {q / l:.1f}x")
    if getattr(args, "json", None):
        import orjson
        with open(args.json, "wb") as f:
            f.write(orjson.dumps({"bench": "cnn", "threads": args.threads, "rows": [
                {"variant": v, "backend": be, "batch": b, "windows_s": r}
                for (v, be, b), r in rates.items()]}, option=orjson.OPT_INDENT_2))
    return 0


def bench_verifier(args) -> int:
    """ms per candidate of the shipped verifier, per batch size and thread count, on real
    test-family windows (what the verify agent sees)."""
    from rich.console import Console
    from rich.table import Table

    from ..models.verifier import VerifierRuntime, verifier_path
    from ..train.verifier import texts_from_windows

    cs = build_split("test", 1500)
    texts = texts_from_windows(cs.texts, cs.flags, cs.types)
    table = Table(title=f"verifier ms / candidate ({verifier_path()}, {len(texts):,} test windows)")
    table.add_column("threads", justify="right")
    for b in args.batches:
        table.add_column(f"batch {b}", justify="right")
    rows = []
    for th in args.threads:
        rt = VerifierRuntime(verifier_path(), threads=th)
        cells = [str(th)]
        for b in args.batches:
            rt.predict(texts[:b], b)
            n, t0 = 0, time.perf_counter()
            while time.perf_counter() - t0 < args.seconds:
                i = (n % max(1, len(texts) - b))
                rt.predict(texts[i:i + b], b)
                n += b
            ms = (time.perf_counter() - t0) / n * 1000
            rows.append({"threads": th, "batch": b, "ms_per_candidate": ms, "candidates_s": 1000 / ms})
            cells.append(f"{ms:.2f} ({1000 / ms:,.0f}/s)")
        table.add_row(*cells)
    Console().print(table)
    if getattr(args, "json", None):
        import orjson
        with open(args.json, "wb") as f:
            f.write(orjson.dumps({"bench": "verifier", "rows": rows}, option=orjson.OPT_INDENT_2))
    return 0
