"""A mutation check: put small, realistic bugs into a copy of the code and see which the
non-Kafka test suite catches. Not part of CI (it runs the suite once per bug, and again per run).

    python -m piistream.dev.mutation                # every mutation, 10 runs each
    python -m piistream.dev.mutation --runs 1 --only luhn_always_true

Run 1 of a mutation runs the whole non-Kafka suite (``-m "not kafka"``, the quick test files
first, stopping at the first failure); runs 2..N rerun the tests that failed in run 1, to show
the catch is not luck (Hypothesis is derandomized in CI, so a caught bug must be caught every
time). A mutation whose
target text is not found in the code is reported as ``stale`` (the code moved: update it here).
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..config import clean_env

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Mutation:
    name: str
    what: str
    path: str
    old: str
    new: str


MUTATIONS = (
    Mutation("luhn_always_true", "Luhn: luhn_ok always true", "piistream/models/validators.py",
             "    return total % 10 == 0", "    return True"),
    Mutation("luhn_parity", "Luhn: parity off by one", "piistream/models/validators.py",
             "    parity = len(digits) % 2", "    parity = (len(digits) + 1) % 2"),
    Mutation("ssn_area_000_666", "SSN area rules: areas 000 and 666 allowed",
             "piistream/models/validators.py",
             'if area in ("000", "666") or area[0] == "9"', 'if area[0] == "9"'),
    Mutation("ssn_area_9xx", "SSN area rules: 9xx areas allowed", "piistream/models/validators.py",
             'if area in ("000", "666") or area[0] == "9"', 'if area in ("000", "666")'),
    Mutation("token_pid_salt", "keyed HMAC token: key salted with the process id",
             "piistream/models/redact.py",
             "    mac = hmac.new(key, f\"{etype}:{normalize(etype, value)}\".encode(), hashlib.sha256)",
             "    mac = hmac.new(key + str(os.getpid()).encode(), "
             "f\"{etype}:{normalize(etype, value)}\".encode(), hashlib.sha256)"),
    Mutation("token_separator", "keyed HMAC token: another separator instead of type:value",
             "piistream/models/redact.py",
             "f\"{etype}:{normalize(etype, value)}\".encode()",
             "f\"{etype}|{normalize(etype, value)}\".encode()"),
    Mutation("token_no_digit_normalisation", "keyed HMAC token: digits not normalised",
             "piistream/models/redact.py",
             '        return "".join(c for c in value if c.isdigit())', "        return value"),
    Mutation("dlq_value_emptied", "DLQ: the DLQ value emptied", "piistream/stream/pipeline.py",
             "return Out(DLQ, self.edges.dlq, r.key, r.value or b\"\", headers)",
             "return Out(DLQ, self.edges.dlq, r.key, b\"\", headers)"),
    Mutation("json_escape_end", "JSON offsets: wrong end when a value ends in an escape",
             "piistream/models/records.py",
             "    out.append(n)\n    return out",
             "    out.append(out[-1] + 1 if out else n)\n    return out"),
    Mutation("json_surrogates", "JSON offsets: surrogate pairs counted as two characters",
             "piistream/models/records.py",
             "i += 12 if 0xDC00 <= lo < 0xE000 else 6", "i += 6"),
    Mutation("json_number_offsets", "JSON offsets: number leaves shifted by one",
             "piistream/models/records.py",
             "spans = [(ts + e.start, ts + e.end) for e in es]",
             "spans = [(ts + e.start + 1, ts + e.end + 1) for e in es]"),
    Mutation("utf8_replace", "bad input: invalid UTF-8 decoded with replacement, not dead-lettered",
             "piistream/models/records.py",
             'text = raw.decode("utf-8") if', 'text = raw.decode("utf-8", "replace") if'),
)


def _copy_tree(dst: Path) -> None:
    ignore = shutil.ignore_patterns(".git", ".venv", "__pycache__", ".pytest_cache", ".hypothesis",
                                    "bench-out", "*.egg-info", ".faust-*", ".piistream-replay")
    shutil.copytree(ROOT, dst, ignore=ignore, dirs_exist_ok=True)


SLOW_LAST = ("test_behaviour.py", "test_golden.py")


def _test_files(tree: Path) -> list[str]:
    files = sorted(p.name for p in (tree / "tests").glob("test_*.py"))
    return [f"tests/{f}" for f in sorted(files, key=lambda f: (f in SLOW_LAST, f))]


def _pytest(tree: Path, args: list[str], timeout: float) -> tuple[bool, list[str], float]:
    """(passed, failing test ids, seconds)."""
    env = clean_env(PYTHONPATH=str(tree), HYPOTHESIS_PROFILE="ci")
    t0 = time.monotonic()
    p = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                        "-m", "not kafka", "-x", "-rf", *args], cwd=tree, env=env,
                       capture_output=True, text=True, timeout=timeout)
    failed = sorted({m.group(1) for m in re.finditer(r"^FAILED (tests/.+?)(?: - .*)?$", p.stdout, re.M)})
    if p.returncode not in (0, 1):
        failed = failed or [f"(pytest exit {p.returncode})"]
    return p.returncode == 0, failed, time.monotonic() - t0


def run(mutations, runs: int, timeout: float, log=print) -> list[dict]:
    results = []
    with tempfile.TemporaryDirectory(prefix="piistream-mutation-") as tmp:
        tree = Path(tmp) / "tree"
        _copy_tree(tree)
        for m in mutations:
            target = tree / m.path
            src = (ROOT / m.path).read_text()
            if src.count(m.old) != 1:
                results.append({"name": m.name, "what": m.what, "status": "stale", "caught": 0,
                                "runs": 0, "by": []})
                log(f"{m.name}: stale (target text found {src.count(m.old)} times)")
                continue
            target.write_text(src.replace(m.old, m.new))
            try:
                ok, failed, secs = _pytest(tree, _test_files(tree), timeout)
                caught = 0 if ok else 1
                for _ in range(runs - 1):
                    if ok:
                        break
                    ids = [f for f in failed if f.startswith("tests/")]
                    if not ids:  # nothing to rerun by id: never the whole suite nine times
                        break
                    again, _, _ = _pytest(tree, ids, timeout)
                    caught += not again
            finally:
                target.write_text(src)
            done = runs if not ok else 1
            results.append({"name": m.name, "what": m.what, "status": "caught" if caught else
                            "missed", "caught": caught, "runs": done, "by": failed})
            log(f"{m.name}: {'caught' if caught else 'MISSED'} {caught}/{done} "
                f"({', '.join(failed) or 'no test failed'}; first run {secs:.0f} s)")
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m piistream.dev.mutation", description=__doc__)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--only", nargs="*", help="mutation names (default: all)")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per pytest run")
    args = ap.parse_args(argv)
    chosen = [m for m in MUTATIONS if not args.only or m.name in args.only]
    res = run(chosen, args.runs, args.timeout)
    print("\n| bug put in | caught | by |\n|---|---|---|")
    for r in res:
        print(f"| {r['what']} | {r['status']} {r['caught']}/{r['runs']} | {', '.join(r['by'])} |")
    return 0 if all(r["status"] == "caught" for r in res) else 1


if __name__ == "__main__":
    sys.exit(main())
