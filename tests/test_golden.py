"""The golden set (tests/data/golden/): hand-checked records with exact expected spans.

For every record and every mode (rules, default charCNN, charCNN + verifier) the detected
(start, end, type) list must equal the checked-in expectation exactly: the truth from
golden.jsonl, or, where the detector is known to disagree with the truth today, the record's
recorded output in known_gaps.json. Any change -- a fix or a regression -- fails here and needs a
reviewed update of golden data (build_golden.py) or of known_gaps.json/scores.json.

    python tests/test_golden.py               # print the per-mode report and every disagreement
    python tests/test_golden.py --write-gaps  # rerun the detector, rewrite known_gaps.json and scores.json

Detection runs through the real CLI (`python -m piistream scan`), once per mode and input format,
pinned to CPU (ONNX Runtime CPU provider, verifier on CPU) so the results do not depend on the
machine having a GPU, and with every PIISTREAM_* setting from the environment removed.
"""
from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLDEN_DIR = ROOT / "tests" / "data" / "golden"
GOLDEN = GOLDEN_DIR / "golden.jsonl"
GAPS = GOLDEN_DIR / "known_gaps.json"
SCORES = GOLDEN_DIR / "scores.json"

MODES: dict[str, list[str]] = {
    "rules": ["--scorer", "rules"],
    "default": [],
    "verifier": ["--verifier"],
}


def load_golden() -> list[dict]:
    return [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]


def _spans(spans) -> list[tuple[int, int, str]]:
    return sorted((int(s), int(e), str(t)) for s, e, t in spans)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIISTREAM_")}
    env["PIISTREAM_VERIFIER_DEVICE"] = "cpu"
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def scan(mode: str, fmt: str, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """Detected spans per input record, from `piistream scan` in the given mode."""
    cmd = [sys.executable, "-m", "piistream", "scan", "--input-format", fmt, "--backend", "onnx-cpu",
           "-q", *MODES[mode]]
    data = "".join(t + "\n" for t in texts).encode("utf-8")
    proc = subprocess.run(cmd, input=data, capture_output=True, env=_env(), cwd=ROOT, timeout=900,
                          check=False)
    assert proc.returncode == 0, (
        f"piistream scan ({mode}, {fmt}) exited {proc.returncode}: {proc.stderr.decode()[-2000:]}")
    lines = proc.stdout.decode("utf-8").splitlines()
    assert len(lines) == len(texts), f"{mode}/{fmt}: {len(lines)} outputs for {len(texts)} records"
    out = []
    for line in lines:
        r = json.loads(line)
        assert r.get("error") is None, f"{mode}/{fmt}: record failed: {r['error']}"
        out.append(_spans([e["start"], e["end"], e["type"]] for e in r["entities"]))
    return out


@functools.cache
def detect(mode: str) -> dict[str, list[tuple[int, int, str]]]:
    """{record id: detected spans} for every golden record in one mode."""
    records = load_golden()
    got: dict[str, list[tuple[int, int, str]]] = {}
    for fmt in ("text", "json"):
        subset = [r for r in records if r["fmt"] == fmt]
        for r, spans in zip(subset, scan(mode, fmt, [r["text"] for r in subset])):
            got[r["id"]] = spans
    return got


def score(records: list[dict], got: dict[str, list]) -> dict:
    """Counts against the truth: records exactly right, missed and false spans by type.

    Spans match only when start, end and type are all equal: a span with a wrong boundary or a
    wrong type counts once as missed and once as false."""
    exact, missed, false = 0, Counter(), Counter()
    for r in records:
        truth, actual = Counter(_spans(r["spans"])), Counter(got[r["id"]])
        exact += truth == actual
        for s in truth - actual:
            missed[s[2]] += (truth - actual)[s]
        for s in actual - truth:
            false[s[2]] += (actual - truth)[s]
    return {"records": len(records), "exact": exact,
            "missed": {"total": sum(missed.values()), **dict(sorted(missed.items()))},
            "false": {"total": sum(false.values()), **dict(sorted(false.items()))}}


def _fmt_spans(text: str, spans) -> str:
    return "[" + ", ".join(f"{s}-{e} {t} {text[s:e]!r}" for s, e, t in spans) + "]"


def differences(mode: str, records: list[dict], got: dict, gaps: dict) -> list[str]:
    """One report block per record whose output differs from its expectation."""
    out = []
    for r in records:
        truth = _spans(r["spans"])
        expected = _spans(gaps.get(r["id"], truth))
        actual = got[r["id"]]
        if actual != expected:
            out.append(f"{r['id']} [{mode}] {r['text']!r}\n"
                       f"    truth:    {_fmt_spans(r['text'], truth)}\n"
                       f"    expected: {_fmt_spans(r['text'], expected)}"
                       f"{'  (known gap)' if r['id'] in gaps else ''}\n"
                       f"    actual:   {_fmt_spans(r['text'], actual)}")
    return out


def _load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


# ------------------------------------------------------------------------------------------- tests

def test_golden_jsonl_is_built_from_build_golden():
    """golden.jsonl is exactly what build_golden.py writes (edit the builder, never the output)."""
    sys.path.insert(0, str(GOLDEN_DIR))
    try:
        import build_golden
    finally:
        sys.path.remove(str(GOLDEN_DIR))
    assert build_golden.render(build_golden.build()) == GOLDEN.read_text(encoding="utf-8"), (
        "golden.jsonl is stale: run python tests/data/golden/build_golden.py")


def test_golden_set_shape():
    records = load_golden()
    assert len(records) == len({r["id"] for r in records})
    for r in records:
        for s, e, t in r["spans"]:
            assert 0 <= s < e <= len(r["text"]), r["id"]
    fmts = Counter(r["fmt"] for r in records)
    assert fmts["text"] >= 200 and fmts["json"] >= 100, fmts
    types = {t for r in records for _, _, t in r["spans"]}
    assert len(types) == 10, types


def test_known_gaps_are_current():
    """Every recorded gap names a golden record, a known mode, and really differs from the truth."""
    truth = {r["id"]: _spans(r["spans"]) for r in load_golden()}
    gaps = _load_json(GAPS)
    assert set(gaps) == set(MODES)
    for mode, per_id in gaps.items():
        for rid, spans in per_id.items():
            assert rid in truth, f"{mode}: {rid} is not a golden record"
            assert _spans(spans) != truth[rid], f"{mode}: the gap for {rid} equals the truth: remove it"
    assert set(_load_json(SCORES)) == set(MODES)


@pytest.mark.parametrize("mode", list(MODES))
def test_golden(mode):
    records = load_golden()
    got = detect(mode)
    gaps = _load_json(GAPS).get(mode, {})
    diffs = differences(mode, records, got, gaps)
    counts = score(records, got)
    print(f"\n{mode}: {json.dumps(counts)}")
    for d in diffs:
        print(d)
    assert not diffs, (f"{len(diffs)} golden records changed in mode {mode} (a fix or a regression: "
                       f"review, then update build_golden.py or rerun python tests/test_golden.py "
                       f"--write-gaps)\n" + "\n".join(diffs))
    assert counts == _load_json(SCORES)[mode], (
        f"{mode}: counts {counts} != checked-in {_load_json(SCORES)[mode]}")


# ------------------------------------------------------------------------------------------- CLI

def _report(records: list[dict], results: dict[str, dict], gaps: dict) -> None:
    by_id = {r["id"]: r for r in records}
    for mode, got in results.items():
        c = score(records, got)
        print(f"== {mode}: {c['records']} records, {c['exact']} exact, "
              f"missed {c['missed']}, false {c['false']}")
    for mode, got in results.items():
        for rid in sorted(i for i in by_id if got[i] != _spans(by_id[i]["spans"])):
            r = by_id[rid]
            truth = _spans(r["spans"])
            print(f"{rid} [{mode}] {r['text']!r}\n    note:   {r['note']}\n"
                  f"    truth:  {_fmt_spans(r['text'], truth)}\n"
                  f"    actual: {_fmt_spans(r['text'], got[rid])}")
        changed = differences(mode, records, got, gaps.get(mode, {}))
        if changed:
            print(f"!! {mode}: {len(changed)} records differ from the checked-in expectation")


def _dump_gaps(gaps: dict) -> str:
    """known_gaps.json with one line per record, so a review diff shows one line per change."""
    blocks = []
    for mode in MODES:
        items = [f'  "{rid}": {json.dumps(spans)}' for rid, spans in sorted(gaps[mode].items())]
        blocks.append(f' "{mode}": {{\n' + ",\n".join(items) + "\n }" if items else f' "{mode}": {{}}')
    return "{\n" + ",\n".join(blocks) + "\n}\n"


def main(argv: list[str]) -> int:
    records = load_golden()
    results = {mode: detect(mode) for mode in MODES}
    gaps = _load_json(GAPS)
    if "--write-gaps" in argv:
        new_gaps = {mode: {r["id"]: [list(s) for s in got[r["id"]]] for r in records
                           if got[r["id"]] != _spans(r["spans"])}
                    for mode, got in results.items()}
        GAPS.write_text(_dump_gaps(new_gaps), encoding="utf-8")
        SCORES.write_text(json.dumps({m: score(records, g) for m, g in results.items()}, indent=1)
                          + "\n", encoding="utf-8")
        print(f"wrote {GAPS} and {SCORES}")
        gaps = new_gaps
    _report(records, results, gaps)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
