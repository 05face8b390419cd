"""``piistream bench cnn``: windows/s of each charCNN variant per backend and batch size."""
from __future__ import annotations

import time

import numpy as np

from .cnn_runtime import ARTIFACTS, CnnRuntime, artifacts_present, cuda_available
from .data.candidates import build_split


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
            if s and l:
                console.print(f"lean / seed on {be}, batch {b}: {l / s:.1f}x")
    return 0
