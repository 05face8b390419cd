"""``piistream bench adversarial`` (issue 14) at a tiny size: one table row per family, every
valid record scanned without an error, the over-deep JSON refused. No timing is asserted: the
bounds are the benchmark's to measure, not a test's."""
import json
import subprocess
import sys

import pytest

from piistream.dev.bench_adversarial import FAMILIES, build_record, parse_size
from piistream.models.records import MAX_JSON_DEPTH


@pytest.mark.parametrize("size", [4096, 65536])
def test_every_family_builds_a_record_of_at_most_its_size(size):
    for name, (fmt, _, _) in FAMILIES.items():
        got_fmt, raw = build_record(name, size)
        assert got_fmt == fmt
        assert size // 2 <= len(raw) <= size, name  # deep JSON: whole nested units only
        raw.decode("utf-8")
        if fmt == "json" and FAMILIES[name][2] is None:
            json.loads(raw)


def test_sizes_parse():
    assert [parse_size(s) for s in ("4096", "4KiB", "64k", "1MiB", "1M", "0.5MiB")] == [
        4096, 4096, 65536, 1 << 20, 1 << 20, 1 << 19]


@pytest.mark.slow
def test_all_families_at_4_kib_one_row_each_and_no_valid_record_errors(tmp_path):
    out = tmp_path / "adv.json"
    p = subprocess.run([sys.executable, "-m", "piistream", "bench", "adversarial", "--sizes", "4KiB",
                        "--scorer", "rules", "--quiet", "--json", str(out)],
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    rows = [line for line in p.stdout.splitlines() if line.startswith("| ") and not line.startswith("| family")]
    assert len(rows) == len(FAMILIES)
    assert [r.split(" | ")[0][2:] for r in rows] == list(FAMILIES)
    data = json.loads(out.read_text())
    assert len(data["rows"]) == len(data["summary"]) == len(FAMILIES)
    assert not [r for r in data["rows"] if r.get("crash")]
    errored = {r["family"]: r["error"] for r in data["rows"] if r["error"] is not None}
    deep = f"json: nested to depth {MAX_JSON_DEPTH + 1} (error)"
    assert errored == {deep: f"invalid_json: nested deeper than {MAX_JSON_DEPTH} levels"}
    assert sum(FAMILIES[f][2] is not None for f in FAMILIES) == 1
    # no row is marked for an error (time and memory are not asserted)
    assert not [w for r in data["summary"] for w in r["fail"] if "error" in w]
