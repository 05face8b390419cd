"""Same-run A/B of ``piistream scan`` throughput between source trees (before/after a change).

    python -m piistream.dev.ab_scan OLD_TREE NEW_TREE [MORE_TREES...] [--reps 3] [--n 20000]

Each tree is a checkout of this repository (``git worktree add /tmp/old <commit>``). Every run
is ``python -m piistream scan -q`` in a subprocess with ``PYTHONPATH`` set to the tree (this
interpreter and its installed packages for all trees), over the behaviour-freeze corpora
(``tests/data/behaviour``: generated text lines and JSON documents; ``--corpus bench-scan``:
``piistream bench scan``'s corpus instead, the held-out test families at its seed and PII rate,
split by format, with a "both" row per mode: the whole corpus's records over both formats'
seconds, the throughput bench scan reports), in the rules and default modes; runs of the trees
are interleaved and their order alternates between repetitions, so a noisy machine slows every
tree alike. Prints a table: records/s, best of ``--reps``, and all
runs. Process start and model load are included (as a user runs ``scan``); with
``--in-process`` they are not: each run loads the tree's detection cascade, warms it on 500
records, then times scanning the corpus in batches of 512 records to JSON result lines, the
per-record throughput ``piistream bench scan`` reports (trees from before the ``cascade``
module are driven through their ``stream.engine.build_processor``).

Python's bytecode cache is on, as for an installed package: each tree's modules are compiled
once, into its own ``PYTHONPYCACHEPREFIX`` under the run's temporary folder, by an untimed
warm-up run, even where the environment sets ``PYTHONDONTWRITEBYTECODE`` (otherwise every timed
run would recompile every module, and a tree with more code would pay for it in each run).
``--no-bytecode-cache`` measures that cold case instead.

``--instructions N`` counts instead of timing: machine instructions per record of the in-process
scan loop over N records, under valgrind (``instructions``). On this project's shared 2-core
machines timed runs of one tree move by 10-25% from run to run; the count moves by a few tenths
of a percent, so a change of a few percent is seen in one run. It misses what instructions do
not show (cache misses, stalls): a large change is confirmed by the timed runs.
"""
from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

from ..config import clean_env

HERE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPORA = {"text": "corpus-text.txt.gz", "json": "corpus-json.jsonl.gz"}
MODES = {"rules": ["--scorer", "rules"], "default": []}


def corpus(fmt: str, n: int, source: str = "behaviour") -> bytes:
    """``n`` records of ``fmt``, one per line: the behaviour-freeze corpora, or (``source``
    "bench-scan") the records of that format among ``n`` of ``piistream bench scan``'s corpus
    (the held-out test families, its default seed and PII rate, made by this tree's generator;
    a line break inside a text record is a blank, as ``bench reallogs`` makes it)."""
    if source == "bench-scan":
        return b"".join(line + b"\n" for line in _bench_scan_lines(n)[fmt])
    path = os.path.join(HERE, "tests", "data", "behaviour", CORPORA[fmt])
    with gzip.open(path, "rb") as f:
        lines = f.read().splitlines()[:n]
    return b"\n".join(lines) + b"\n"


_BENCH_SCAN: dict[int, dict[str, list[bytes]]] = {}


def _bench_scan_lines(n: int) -> dict[str, list[bytes]]:
    got = _BENCH_SCAN.get(n)
    if got is None:
        from .bench_scan import scan_corpus

        _, records = scan_corpus(n, 7, 0.02)  # (bench scan's defaults: seed 7, 2% with PII)
        got = _BENCH_SCAN[n] = {fmt: [re.sub(r"[\r\n]", " ", r.text).encode() for r in records
                                      if r.fmt == fmt] for fmt in CORPORA}
    return got


def tree_env(tree: str, pycache: str | None) -> dict:
    """The environment a run of ``tree`` gets: its source first on the path; bytecode cached
    under ``pycache`` (None: as this environment says)."""
    env = clean_env(PYTHONPATH=os.path.abspath(tree))
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = pycache
    return env


def run_once(tree: str, mode: str, fmt: str, path: str, pycache: str | None = None) -> float:
    env = tree_env(tree, pycache)
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "piistream", "scan", "-q", "--input-format", fmt,
                        *MODES[mode], path, "-o", os.devnull], cwd=tree, env=env,
                       capture_output=True, check=False)
    dt = time.perf_counter() - t
    if p.returncode not in (0, 1) or b"Traceback" in p.stderr:  # 1 is also an uncaught error's
        raise RuntimeError(f"{tree}: scan failed ({p.returncode}): {p.stderr.decode()[-500:]}")
    return dt


# a run with --in-process: the tree's cascade, warmed, timed over the corpus (wall seconds printed)
_CHILD = r"""
import sys, time
path, fmt, scorer = sys.argv[1], sys.argv[2], sys.argv[3]
from piistream.config import load_config
cfg = load_config(None, overrides={"detector.scorer": None if scorer == "default" else scorer})
try:
    from piistream.cascade import build_for_scan
except ImportError:
    from piistream.stream.engine import build_processor
    proc = build_processor(cfg)
    scan = lambda chunk: proc.process_safe(chunk, fmt)
else:
    cascade = build_for_scan(cfg, verify=False)
    scan = lambda chunk: cascade.scan(chunk, fmt)
with open(path, "rb") as f:
    lines = f.read().splitlines()
for r in scan(lines[:500]):
    r.to_json()
if len(sys.argv) > 4:  # --instructions: the records after the warm-up's
    lines = lines[500:500 + int(sys.argv[4])]
t = time.perf_counter()
for i in range(0, len(lines), 512):
    for r in scan(lines[i:i + 512]):
        r.to_json()
print(time.perf_counter() - t)
"""


def instructions(tree: str, mode: str, fmt: str, path: str, n: int, pycache: str | None = None) -> float:
    """Machine instructions per record of the tree's scan loop, counted by valgrind (callgrind):
    a run that scans ``n`` records after the warm-up minus one that scans none, over ``n``.
    Counted, not timed: the same code on the same records gives the same count within a few
    tenths of a percent whatever else the machine runs (one inference thread, one OpenBLAS
    thread, hash seed 0), where wall time on a shared 2-core machine moves by 10-25% between
    runs. (numpy's OpenBLAS threads spin while they wait for work, and valgrind counts what
    they spin: with two of them the default mode's counts were a third higher and moved 5-10%
    between runs.) It does not see cache misses or stalls; confirm a large change with the
    timed runs."""
    counts = []
    for k in (0, n):
        env = tree_env(tree, pycache)
        env.update(PYTHONHASHSEED="0", PIISTREAM_CNN_THREADS="1", OPENBLAS_NUM_THREADS="1")
        p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                            sys.executable, "-c", _CHILD, path, fmt, mode, str(k)], cwd=tree, env=env,
                           capture_output=True, check=False)
        got = re.search(r"Collected : (\d+)", p.stderr.decode(errors="replace"))
        if p.returncode != 0 or got is None:
            raise RuntimeError(f"{tree}: counted scan failed ({p.returncode}): {p.stderr.decode()[-500:]}")
        counts.append(int(got.group(1)))
    return (counts[1] - counts[0]) / n


def run_in_process(tree: str, mode: str, fmt: str, path: str, pycache: str | None = None) -> float:
    p = subprocess.run([sys.executable, "-c", _CHILD, path, fmt, mode], cwd=tree,
                       env=tree_env(tree, pycache), capture_output=True, check=False)
    if p.returncode != 0:
        raise RuntimeError(f"{tree}: in-process scan failed ({p.returncode}): {p.stderr.decode()[-500:]}")
    return float(p.stdout.decode().strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m piistream.dev.ab_scan", description=__doc__.split("\n")[0])
    ap.add_argument("trees", nargs="+", help="source trees to compare (2 or more)")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--n", type=int, default=20000, help="records per corpus (behaviour: at most "
                                                          "20,000; bench-scan: of both formats)")
    ap.add_argument("--corpus", choices=("behaviour", "bench-scan"), default="behaviour",
                    help="the behaviour-freeze corpora, or bench scan's (test families)")
    ap.add_argument("--no-bytecode-cache", action="store_true",
                    help="leave PYTHONDONTWRITEBYTECODE as it is (every run compiles every module)")
    ap.add_argument("--in-process", action="store_true",
                    help="time the scan loop only (no process start, no model load)")
    ap.add_argument("--instructions", type=int, default=0, metavar="N",
                    help="count machine instructions per record over N records (valgrind) "
                         "instead of timing: noise-free, one run per tree, mode and format")
    ap.add_argument("--modes", nargs="+", choices=tuple(MODES), default=list(MODES),
                    help="the scan modes to run (default: all)")
    a = ap.parse_args(argv)
    if len(a.trees) < 2:
        ap.error("give at least two trees")
    if a.instructions:
        return count_instructions(a)
    tmp = tempfile.mkdtemp(prefix="ab-scan-")
    files, counts = {}, {}
    for fmt in CORPORA:
        data = corpus(fmt, a.n, a.corpus)
        files[fmt] = os.path.join(tmp, f"{fmt}.in")
        with open(files[fmt], "wb") as f:
            f.write(data)
        counts[fmt] = data.count(b"\n")
    caches = [None if a.no_bytecode_cache else os.path.join(tmp, f"pycache-{i}")
              for i in range(len(a.trees))]
    for i, tree in enumerate(a.trees):  # untimed: compiles the tree's bytecode once
        run_once(tree, "rules", "text", files["text"], caches[i])
    res: dict[tuple[str, str, str], list[float]] = {}
    for rep in range(a.reps):
        trees = list(enumerate(a.trees))
        order = trees if rep % 2 == 0 else trees[::-1]
        for mode in a.modes:
            for fmt in CORPORA:
                for i, tree in order:
                    dt = (run_in_process if a.in_process else run_once)(tree, mode, fmt, files[fmt], caches[i])
                    res.setdefault((mode, fmt, i), []).append(counts[fmt] / dt)
    print(f"bytecode cache: {'off (as this environment says)' if a.no_bytecode_cache else 'on, compiled by a warm-up run'}"
          f"; timed: {'the scan loop in process (no start, no model load)' if a.in_process else 'whole scan processes'}")
    print(f"| mode | format | tree | records/s (best of {a.reps}) | all runs |")
    print("|---|---|---|---:|---|")
    for mode in a.modes:
        for fmt in CORPORA:
            for i, tree in enumerate(a.trees):
                v = res[(mode, fmt, i)]
                print(f"| {mode} | {fmt} | {i + 1}: {tree} | {max(v):,.0f} | {', '.join(f'{x:,.0f}' for x in v)} |")
        if a.corpus == "bench-scan":
            # the whole corpus, as bench scan times it: both formats' records over both runs'
            # seconds, per repetition
            for i, tree in enumerate(a.trees):
                v = [sum(counts.values()) / sum(counts[f] / res[(mode, f, i)][r] for f in CORPORA)
                     for r in range(a.reps)]
                runs = ", ".join(f"{x:,.0f}" for x in v)
                print(f"| {mode} | both | {i + 1}: {tree} | {max(v):,.0f} | {runs} |")
    return 0


def count_instructions(a) -> int:
    if shutil.which("valgrind") is None:
        print("--instructions needs valgrind (apt install valgrind)", file=sys.stderr)
        return 2
    n = min(a.instructions, a.n - 500)
    tmp = tempfile.mkdtemp(prefix="ab-scan-")
    files = {}
    for fmt in CORPORA:
        files[fmt] = os.path.join(tmp, f"{fmt}.in")
        with open(files[fmt], "wb") as f:
            f.write(corpus(fmt, a.n, a.corpus))
    caches = [None if a.no_bytecode_cache else os.path.join(tmp, f"pycache-{i}")
              for i in range(len(a.trees))]
    for i, tree in enumerate(a.trees):  # compiles the tree's bytecode once, as for timed runs
        run_once(tree, "rules", "text", files["text"], caches[i])
    jobs = [(mode, fmt, i, tree) for mode in a.modes for fmt in CORPORA for i, tree in enumerate(a.trees)]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        got = dict(zip(jobs, pool.map(lambda j: instructions(j[3], j[0], j[1], files[j[1]], n, caches[j[2]]), jobs)))
    print(f"machine instructions per record (valgrind callgrind), records 500-{500 + n} of each corpus,"
          " the scan loop in process; ratio to tree 1")
    print("| mode | format | tree | instructions / record | vs tree 1 |")
    print("|---|---|---|---:|---:|")
    for mode in a.modes:
        for fmt in CORPORA:
            base = got[(mode, fmt, 0, a.trees[0])]
            for i, tree in enumerate(a.trees):
                v = got[(mode, fmt, i, tree)]
                print(f"| {mode} | {fmt} | {i + 1}: {tree} | {v:,.0f} | {v / base:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
