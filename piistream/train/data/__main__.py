"""Write a synthetic corpus as JSON lines.

    python -m piistream.train.data --n 1000 --seed 1 --pii-rate 0.02 --out FILE.jsonl [--text-only]

Each line is {"text", "fmt", "family", "spans": [[start, end, type], ...]}; with --text-only just
the raw record lines. Without --out (or with "-") the output goes to stdout.
"""
from __future__ import annotations

import argparse
import sys

import orjson

from .generator import FAMILIES, iter_generate


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m piistream.train.data", description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="number of records (default 1000)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--pii-rate", type=float, default=0.5,
                    help="fraction of records that contain PII (default 0.5)")
    ap.add_argument("--families", default=None,
                    help=f"comma-separated subset of: {','.join(FAMILIES)}")
    ap.add_argument("--out", default="-", help="output file (default stdout)")
    ap.add_argument("--text-only", action="store_true", help="write only the raw record lines")
    a = ap.parse_args(argv)
    fams = [f.strip() for f in a.families.split(",") if f.strip()] if a.families else None
    try:
        records = iter_generate(a.n, seed=a.seed, pii_rate=a.pii_rate, families=fams)
        out = sys.stdout.buffer if a.out == "-" else open(a.out, "wb")
        try:
            buf = []
            for rec in records:
                buf.append(rec.text.encode() if a.text_only else orjson.dumps(rec.to_dict()))
                if len(buf) >= 4096:
                    out.write(b"\n".join(buf) + b"\n")
                    buf.clear()
            if buf:
                out.write(b"\n".join(buf) + b"\n")
        finally:
            if out is not sys.stdout.buffer:
                out.close()
            else:
                out.flush()
    except ValueError as e:
        ap.error(str(e))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
