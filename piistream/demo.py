"""``piistream demo``: the detection cascade on the bundled sample of mixed logs and documents.

The sample (``piistream/samples/``) is synthetic: server logs in several formats, JSON
application logs and short documents, with fake PII and PII-shaped decoys, plus a few malformed
records. The demo shows what is found and how records come out, then a summary.
"""
from __future__ import annotations

import time
from collections import Counter
from importlib import resources

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .io import read_records
from .models.records import DEFAULT_MAX_BYTES, Processor


MAX_SHOWN = 400  # characters of a record shown in the table


def _load(name: str) -> list:
    with resources.files("piistream.samples").joinpath(name).open("rb") as f:
        return list(read_records(f, DEFAULT_MAX_BYTES))


def _highlight(line: str, entities: list[dict]) -> Text:
    t = Text(line)
    for e in entities:
        t.stylize("bold red", e["start"], e["end"])
    return t


def run_demo(args) -> int:
    console = Console()
    proc = Processor()
    sets = [("server logs (text)", "logs.txt", "text"), ("documents (JSON)", "docs.jsonl", "json")]
    totals: Counter = Counter()
    n_records = n_pii = n_err = 0
    elapsed = 0.0
    console.rule("[bold]piistream demo[/]: detection cascade (patterns + validators + rule scorer)")
    bad = Table(title="bad input: one error per record, the run goes on (the error never quotes the record)")
    for col in ("file", "record (first bytes)", "error"):
        bad.add_column(col)
    for title, name, fmt in sets:
        raws = _load(name)
        t0 = time.perf_counter()
        results = proc.process_safe(raws, fmt)
        elapsed += time.perf_counter() - t0
        table = Table(title=f"{title}: {name}, first {args.lines} records with findings or errors",
                      show_lines=True, expand=True)
        table.add_column("input (synthetic; detections in red)", ratio=1)
        table.add_column("output", ratio=1)
        shown = 0
        for raw, r in zip(raws, results):
            n_records += 1
            if r.error:
                n_err += 1
            elif r.entities:
                n_pii += 1
                totals.update(e["type"] for e in r.entities)
            if r.error:
                bad.add_row(name, Text(repr(raw[:60]) if isinstance(raw, bytes) else "<oversize>"),
                            Text(r.error, style="yellow"))
            elif shown < args.lines and r.entities:
                shown += 1
                line = raw.decode("utf-8").rstrip("\r")
                table.add_row(_highlight(line, r.entities)[:MAX_SHOWN],
                              Text(r.to_json().decode()[:MAX_SHOWN]))
        console.print(table)
    console.print(bad)
    summary = Table(title="summary")
    summary.add_column("metric")
    summary.add_column("value", justify="right")
    summary.add_row("records", f"{n_records:,}")
    summary.add_row("records with PII", f"{n_pii:,}")
    summary.add_row("records with errors (bad UTF-8, NUL, bad JSON, oversize)", f"{n_err:,}")
    for t, c in totals.most_common():
        summary.add_row(f"  {t}", f"{c:,}")
    summary.add_row("detection time", f"{elapsed * 1000:.0f} ms ({n_records / elapsed:,.0f} records/s)")
    console.print(summary)
    console.print("Next: [bold]piistream scan FILE[/] writes one JSON line per record; "
                  "[bold]piistream bench scan[/] measures throughput.")
    return 0
