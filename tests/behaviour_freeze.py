"""The scan contract, frozen: expected `piistream scan` output digests on fixed corpora.

The corpora are checked in (generated once; the generator's output depends on the installed
Faker data, the files do not). For every (corpus, mode) the expected file holds one digest per
output line (sha256 of the line, 16 hex chars) and the digest of the whole output. A change of
any output line fails ``tests/test_behaviour.py``, which prints the records that changed.
Changes to these files are reviewed like code: rerun with ``--write`` only when a change of
behaviour is intended, and say why in the commit.

The charCNN's int8 scores depend on the CPU's kernels: ONNX Runtime picks AVX2 or AVX-512 VNNI
code by the CPU, and their scores differ in the last digits (about 8% of the generated lines in
the default and verifier modes). So each (corpus, mode) has one expected file per kernel family
it differs on: ``expected-NAME-MODE.txt`` (AVX2) and ``expected-NAME-MODE.avx512vnni.txt``
where that one differs; the test accepts an output that matches one of them whole. ``--write``
writes the file of the machine it runs on. A change of behaviour must move both: write on one
machine and carry the same line changes into the other file where the lines hold no charCNN
score (``--carry OLD_OUTPUTS NEW_OUTPUTS``: the outputs of the old and the new code on this
machine, from ``--outputs DIR``), or write it on a machine of the other kind. Lines whose
charCNN scores the change moved cannot be carried: they are marked pending (``?``) in the other
family's file, skipped there with a warning until ``--write`` runs on such a machine.

    .venv/bin/python tests/behaviour_freeze.py --write       # regenerate this machine's digests
    .venv/bin/python tests/behaviour_freeze.py --outputs DIR # save this machine's outputs
    .venv/bin/python tests/behaviour_freeze.py --carry OLD NEW  # other kernels' files, see above
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


KERNELS = ("", "avx512vnni")  # "" : AVX2, the files without a suffix
# a line whose output on a kernel family is not known yet (``carry`` could not move it: the change
# moved its charCNN scores); the test skips it on that family, and says so, until ``--write``
# runs on a machine of the family
PENDING = "?"


def kernels() -> str:
    """The int8 kernel family ONNX Runtime uses on this CPU ("" for AVX2)."""
    try:
        with open("/proc/cpuinfo") as f:
            flags = next((line for line in f if line.startswith("flags")), "").split()
    except OSError:
        return ""
    return "avx512vnni" if "avx512_vnni" in flags else ""


def expected_path(name: str, mode: str, kernel: str = "") -> str:
    return os.path.join(HERE, f"expected-{name}-{mode}{'.' + kernel if kernel else ''}.txt")


def read_expected(name: str, mode: str, kernel: str = "") -> tuple[str, list[str]]:
    """(whole digest, line digests) of one kernel family's expected file; the AVX2 file where
    the family has none of its own (its outputs are the same)."""
    path = expected_path(name, mode, kernel)
    if not os.path.exists(path):
        path = expected_path(name, mode)
    with open(path) as f:
        rows = f.read().split()
    return rows[0], rows[1:]


def whole_digest(rows: list[str]) -> str:
    """The digest of a whole output: of its lines' digests (so a reviewed change of some lines
    can be written into an expected file line by line, where the other lines' outputs hold
    scores of the machine's int8 kernels: see below)."""
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def _write(path: str, rows: list[str]) -> str:
    whole = whole_digest(rows)
    with open(path, "w") as f:
        f.write(whole + "\n" + "\n".join(rows) + "\n")
    return whole


def write_expected(name: str, mode: str) -> None:
    kernel = kernels()
    rows = [digest(x) for x in scan(name, mode)]
    if kernel and rows == read_expected(name, mode)[1]:
        path = expected_path(name, mode, kernel)  # the same as AVX2's: no file of its own
        if os.path.exists(path):
            os.remove(path)
        print(f"{name} {mode}: {len(rows)} lines, as on AVX2")
        return
    whole = _write(expected_path(name, mode, kernel), rows)
    print(f"{name} {mode} {kernel or 'avx2'}: {len(rows)} lines, {whole[:16]}")


def write_outputs(out: str) -> None:
    os.makedirs(out, exist_ok=True)
    for n in CORPORA:
        for m in MODES:
            with open(os.path.join(out, f"{n}-{m}.out"), "wb") as f:
                f.write(b"\n".join(scan(n, m)) + b"\n")


def carry(old_dir: str, new_dir: str) -> None:
    """Carry a reviewed change into the other kernel family's files: for each line whose output
    changed here (old code -> new code, this machine), write the new digest into the other
    family's file when the old output here equals that file's digest (the line's scores were the
    same there) and the new line adds no charCNN-scored entity (none whose score could differ).
    Lines that cannot be carried are listed: write those on a machine of the other kind."""
    import json

    here = kernels()
    for n in CORPORA:
        for m in MODES:
            for kernel in KERNELS:
                if kernel == here:
                    continue
                path = expected_path(n, m, kernel)
                if kernel and not os.path.exists(path):
                    continue
                _, rows = read_expected(n, m, kernel)
                with open(os.path.join(old_dir, f"{n}-{m}.out"), "rb") as f:
                    old = f.read().splitlines()
                with open(os.path.join(new_dir, f"{n}-{m}.out"), "rb") as f:
                    new = f.read().splitlines()
                assert len(old) == len(new) == len(rows), (n, m)
                moved = left = 0
                for i, (a, b) in enumerate(zip(old, new)):
                    if a == b or rows[i] == digest(b):
                        continue
                    ea, eb = json.loads(a)["entities"], json.loads(b)["entities"]
                    if digest(a) == rows[i] and all(e["stage"] != "charcnn" for e in eb if e not in ea):
                        rows[i] = digest(b)
                        moved += 1
                    else:  # its new scores on the other kernels are unknown here: pending
                        rows[i] = PENDING
                        left += 1
                        print(f"  pending: {n} {m} line {i + 1}")
                if moved or left:
                    _write(path, rows)
                print(f"{n} {m} {kernel or 'avx2'}: {moved} lines carried, {left} pending")


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
    if "--outputs" in sys.argv:
        write_outputs(sys.argv[sys.argv.index("--outputs") + 1])
    if "--carry" in sys.argv:
        i = sys.argv.index("--carry")
        carry(sys.argv[i + 1], sys.argv[i + 2])
