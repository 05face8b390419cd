"""``piistream eval --suite all``: every yardstick, side by side for the three modes of
``piistream scan`` (``--scorer rules``, the default charCNN cascade, ``--verifier``).

Suites (each runs the real CLI, one subprocess per mode and input format, as a user runs it):

- ``generated``: the generator's test families (never seen in training), span level, micro and
  per type (``evaluate.span_quality``);
- ``golden``: the hand-checked golden set (``tests/data/golden/``), exact spans;
- ``reallogs``: the real-log corpus (``../shared/corpora/real-logs``), its **evaluation products**
  only (the corpus is split by product, ``realtext.split_of``): lines with a finding of a strict
  type per 10k lines (the corpus holds no real values of those types: every finding is a false
  alarm);
- ``presidio`` and ``secrets``: the peer suites in ``../shared/peer-suites`` (other tools' own
  tests; agreement, not truth), through their runner.

Every mode's row reads the same records. Suites whose data is not there are skipped and say so.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from ..config import clean_env
from ..models.entities import STRICT_TYPES
from .evaluate import span_quality
from .realtext import load_rows

ROOT = Path(__file__).resolve().parents[2]
MODES = {"rules": ["--scorer", "rules"], "default": [], "verifier": ["--verifier"]}
SUITES = ("generated", "golden", "reallogs", "presidio", "secrets")
# a real log line of the shared corpus holds no real value of these types: a finding is a false
# alarm (models.entities.STRICT_TYPES, the one list)


def scan(lines: list[str], fmt: str, mode: str, extra: tuple[str, ...] = ()) -> list[dict]:
    """`piistream scan` output objects for ``lines`` (one record each) in ``mode``."""
    if not lines:
        return []
    cmd = [sys.executable, "-m", "piistream", "scan", "-q", "--input-format", fmt,
           *MODES[mode], *extra, "-"]
    data = "".join(x + "\n" for x in lines).encode()
    p = subprocess.run(cmd, input=data, capture_output=True, env=clean_env(), timeout=7200)
    if p.returncode not in (0, 1):
        raise RuntimeError(f"scan failed ({p.returncode}): {p.stderr.decode()[-1500:]}")
    out = [json.loads(x) for x in p.stdout.splitlines()]
    if len(out) != len(lines):
        raise RuntimeError(f"scan gave {len(out)} lines for {len(lines)}")
    return out


# -- suites ---------------------------------------------------------------------------------------
def suite_generated(n: int = 6000, seed: int = 11, pii_rate: float = 0.5) -> dict:
    from .data.candidates import SPLITS
    from .data.generator import generate

    records = generate(n, seed=seed, pii_rate=pii_rate, families=SPLITS["test"])
    out = {}
    for mode in MODES:
        found: list[list[dict] | None] = [None] * len(records)
        for fmt in ("text", "json"):
            idx = [i for i, r in enumerate(records) if r.fmt == fmt]
            for i, res in zip(idx, scan([records[i].text for i in idx], fmt, mode)):
                found[i] = res.get("entities", [])
        gold = [[(s.start, s.end, s.type) for s in r.spans] for r in records]
        q = span_quality(gold, found)
        out[mode] = {"micro": q["micro"], "types": {t: v for t, v in q.items()
                                                    if not t.startswith("_") and t != "micro"}}
    return {"records": len(records), "families": list(SPLITS["test"]), "modes": out}


def suite_golden(path: Path = ROOT / "tests" / "data" / "golden" / "golden.jsonl") -> dict | None:
    if not path.exists():
        return None
    recs = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    out = {}
    for mode in MODES:
        exact = missed = false = 0
        worst: list[dict] = []
        for fmt in ("text", "json"):
            sub = [r for r in recs if r["fmt"] == fmt]
            for r, res in zip(sub, scan([r["text"] for r in sub], fmt, mode)):
                want = {tuple(s) for s in r["spans"]}
                got = {(e["start"], e["end"], e["type"]) for e in res.get("entities", [])}
                exact += want == got
                missed += len(want - got)
                false += len(got - want)
                if want - got:
                    worst.append({"id": r["id"], "missed": sorted(want - got), "note": r.get("note", "")})
        out[mode] = {"records": len(recs), "exact": exact, "missed_spans": missed,
                     "false_spans": false, "misses": worst}
    return out


def suite_reallogs(path: Path, split: str = "evaluation") -> dict | None:
    if not path.exists():
        return None
    rows = load_rows(path, split)
    lines = [r["text"] for r in rows]
    out = {}
    for mode in MODES:
        hit_lines = 0
        by_type: Counter = Counter()
        by_product: Counter = Counter()
        examples = []
        for r, res in zip(rows, scan(lines, "text", mode)):
            strict = [e for e in res.get("entities", []) if e["type"] in STRICT_TYPES]
            if strict:
                hit_lines += 1
                by_type.update(e["type"] for e in strict)
                by_product[r["product"]] += 1
                if len(examples) < 40:
                    examples.append({"product": r["product"], "types": [e["type"] for e in strict]})
        out[mode] = {"lines": len(rows), "lines_hit": hit_lines,
                     "per_10k": 1e4 * hit_lines / max(1, len(rows)),
                     "by_type": dict(by_type), "by_product": dict(by_product.most_common(10)),
                     "examples": examples}
    return {"split": split, "products": len({r["product"] for r in rows}), "modes": out}


def suite_peer(runner: Path, cases: Path, by: str = "type") -> dict | None:
    if not (runner.exists() and cases.exists()):
        return None
    out = {}
    for mode, flags in MODES.items():
        cmd = " ".join([sys.executable, "-m", "piistream", "scan", *flags, "-"])
        with tempfile.TemporaryDirectory() as d:
            js = os.path.join(d, "peer.json")
            subprocess.run([sys.executable, str(runner), str(cases), "--cmd", cmd, "--json", js,
                            "--by", by, "--show-misses", "0"], capture_output=True,
                           env=clean_env(), timeout=7200, check=True)
            res = json.loads(Path(js).read_text())
        a = res["summary"]["ALL"]
        groups = {k: {"recall": v["hit"] / v["strong"] if v["strong"] else None,
                      "fp": v["fp"], "cases": v["cases"]}
                  for k, v in res["summary"].items() if k != "ALL"}
        misses = [{"id": c["id"], "missed": c["missed"]} for c in res["cases"] if c["missed"]]
        fps = [c["id"] for c in res["cases"] if c["negative"] and c["fp"]]
        out[mode] = {"recall": a["hit"] / a["strong"] if a["strong"] else None, "fp": a["fp"],
                     "cases": a["cases"], "groups": groups, "misses": misses,
                     "false_positives": fps}
    return out


def run_suites(which: list[str], shared: Path, n: int = 6000, log=print) -> dict:
    res: dict = {}
    for s in which:
        log(f"suite {s} ...")
        if s == "generated":
            res[s] = suite_generated(n)
        elif s == "golden":
            res[s] = suite_golden()
        elif s == "reallogs":
            res[s] = suite_reallogs(shared / "corpora" / "real-logs" / "lines.jsonl.gz")
        elif s == "presidio":
            res[s] = suite_peer(shared / "peer-suites" / "run_peer.py",
                                shared / "peer-suites" / "presidio" / "cases.jsonl")
        elif s == "secrets":
            res[s] = suite_peer(shared / "peer-suites" / "run_peer.py",
                                shared / "peer-suites" / "secrets" / "cases.jsonl", by="family")
    return res


def render(res: dict) -> str:
    """Markdown: one table, a row per yardstick, a column per mode."""
    rows: list[tuple[str, list[str]]] = []

    def f(x, spec=".3f"):
        return "-" if x is None else format(x, spec)

    g = res.get("generated")
    if g:
        rows.append((f"generated test families ({g['records']:,} records): micro P / R",
                     [f"{f(g['modes'][m]['micro']['precision'])} / "
                      f"{f(g['modes'][m]['micro']['recall'])}" for m in MODES]))
        types = sorted({t for m in MODES for t, v in g["modes"][m]["types"].items() if v["gold"]})
        for t in types:
            rows.append((f"  {t}: P / R", [f"{f(g['modes'][m]['types'][t]['precision'])} / "
                                            f"{f(g['modes'][m]['types'][t]['recall'])}" for m in MODES]))
    gd = res.get("golden")
    if gd:
        n = gd["rules"]["records"]
        rows.append((f"golden set ({n} records): exact records / missed / false spans",
                     [f"{gd[m]['exact']} / {gd[m]['missed_spans']} / {gd[m]['false_spans']}"
                      for m in MODES]))
    rl = res.get("reallogs")
    if rl:
        m0 = rl["modes"]["rules"]
        rows.append((f"real logs, {rl['split']} products ({rl['products']} products, "
                     f"{m0['lines']:,} lines): strict-type lines per 10k",
                     [f"{rl['modes'][m]['per_10k']:.1f} ({rl['modes'][m]['lines_hit']})" for m in MODES]))
    for name in ("presidio", "secrets"):
        p = res.get(name)
        if p:
            rows.append((f"{name} peer suite: recall / negatives flagged",
                         [f"{f(p[m]['recall'])} / {p[m]['fp']}" for m in MODES]))
            if name == "secrets":
                for k in sorted(p["rules"]["groups"]):
                    rows.append((f"  {k}: recall", [f(p[m]["groups"][k]["recall"]) for m in MODES]))
    skipped = [s for s in SUITES if s in res and res[s] is None]
    lines = ["| yardstick | " + " | ".join(f"`scan {' '.join(v) or '(default)'}`" for v in MODES.values()) + " |",
             "|---|" + "---|" * len(MODES)]
    lines += [f"| {name} | " + " | ".join(vals) + " |" for name, vals in rows]
    if skipped:
        lines.append("")
        lines.append("skipped (data not found): " + ", ".join(skipped))
    return "\n".join(lines)
