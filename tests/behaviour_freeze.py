"""The scan contract, frozen: expected `piistream scan` output digests on fixed corpora.

The corpora are checked in (generated once; the generator's output depends on the installed
Faker data, the files do not). For every (corpus, mode) the expected file holds one digest per
output line (sha256 of the line, 16 hex chars) and the digest of the whole output. A change of
any output line fails ``tests/test_behaviour.py``, which prints the records that changed.
Changes to these files are reviewed like code: rerun with ``--write`` only when a change of
behaviour is intended, and say why in the commit.

The charCNN's int8 scores depend on the CPU's kernels (AVX2 and AVX-512 VNNI give different
last digits, and so different lines in the default and verifier modes): the expected files are
written on an AVX2 machine, the kind CI runs on. On another kind, check a change against the old
code's output on the same machine instead, and write only the lines the change moves.

    .venv/bin/python tests/behaviour_freeze.py --write       # regenerate the expected digests
    .venv/bin/python tests/behaviour_freeze.py --corpora     # regenerate the corpora (rare)
"""
from __future__ import annotations

import gzip
import hashlib
import os
import subprocess
import sys

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "behaviour")
CORPORA = {  # name -> (file, scan input format)
    "sample-logs": ("@piistream/samples/logs.txt", "text"),
    "sample-docs": ("@piistream/samples/docs.jsonl", "json"),
    "gen-text": ("corpus-text.txt.gz", "text"),
    "gen-json": ("corpus-json.jsonl.gz", "json"),
}
MODES = {"rules": ["--scorer", "rules"], "default": [], "verifier": ["--verifier"]}


def corpus_bytes(name: str) -> bytes:
    path, _ = CORPORA[name]
    if path.startswith("@"):
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        with open(os.path.join(root, path[1:]), "rb") as f:
            return f.read()
    with gzip.open(os.path.join(HERE, path), "rb") as f:
        return f.read()


def scan(name: str, mode: str) -> list[bytes]:
    """`piistream scan` output lines for a corpus in a mode (a subprocess, as a user runs it)."""
    _, fmt = CORPORA[name]
    cmd = [sys.executable, "-m", "piistream", "scan", "-q", "--input-format", fmt, *MODES[mode], "-"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIISTREAM_")}
    p = subprocess.run(cmd, input=corpus_bytes(name), capture_output=True, env=env, timeout=1800)
    if p.returncode not in (0, 1):
        raise RuntimeError(f"scan failed ({p.returncode}): {p.stderr.decode()[-2000:]}")
    return p.stdout.splitlines()


def digest(line: bytes) -> str:
    return hashlib.sha256(line).hexdigest()[:16]


def expected_path(name: str, mode: str) -> str:
    return os.path.join(HERE, f"expected-{name}-{mode}.txt")


def read_expected(name: str, mode: str) -> tuple[str, list[str]]:
    with open(expected_path(name, mode)) as f:
        rows = f.read().split()
    return rows[0], rows[1:]


def whole_digest(rows: list[str]) -> str:
    """The digest of a whole output: of its lines' digests (so a reviewed change of some lines
    can be written into an expected file line by line, where the other lines' outputs hold
    scores of the machine's int8 kernels: see below)."""
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def write_expected(name: str, mode: str) -> None:
    rows = [digest(x) for x in scan(name, mode)]
    whole = whole_digest(rows)
    with open(expected_path(name, mode), "w") as f:
        f.write(whole + "\n" + "\n".join(rows) + "\n")
    print(f"{name} {mode}: {len(rows)} lines, {whole[:16]}")


def write_corpora() -> None:
    from piistream.train.data import generate
    from piistream.train.data.generator import JSON_FAMILIES

    text = [r.text for r in generate(20_000, seed=2026, pii_rate=0.3)]
    docs = [r.text for r in generate(20_000, seed=2027, pii_rate=0.3, families=JSON_FAMILIES)]
    for fname, recs in (("corpus-text.txt.gz", text), ("corpus-json.jsonl.gz", docs)):
        with gzip.GzipFile(os.path.join(HERE, fname), "wb", mtime=0) as f:
            f.write(("\n".join(recs) + "\n").encode())


if __name__ == "__main__":
    os.makedirs(HERE, exist_ok=True)
    if "--corpora" in sys.argv:
        write_corpora()
    if "--write" in sys.argv:
        for n in CORPORA:
            for m in MODES:
                write_expected(n, m)
