"""`piistream scan` output, frozen: byte-identical digests per output line on the bundled sample
and on a 20,000-record generated corpus, in both input formats and the three modes (rules,
default charCNN, --verifier). See tests/behaviour_freeze.py for how the expected files are made
and when to regenerate them (an intended change of behaviour, reviewed like code)."""
from __future__ import annotations

import pytest

from behaviour_freeze import CORPORA, MODES, corpus_bytes, digest, read_expected, scan, whole_digest

CASES = [(n, m) for n in CORPORA for m in MODES]


@pytest.mark.slow
@pytest.mark.parametrize("name,mode", CASES, ids=[f"{n}-{m}" for n, m in CASES])
def test_scan_output_is_unchanged(name, mode):
    whole, want = read_expected(name, mode)
    got = scan(name, mode)
    assert len(got) == len(want), f"{len(got)} output lines for {len(want)} expected"
    changed = [i for i, (g, w) in enumerate(zip(got, want)) if digest(g) != w]
    if changed:
        inputs = corpus_bytes(name).splitlines()
        shown = "\n".join(f"line {i + 1}: {inputs[i][:300]!r}\n  now: {got[i][:600].decode()}"
                          for i in changed[:10])
        pytest.fail(f"{len(changed)} of {len(got)} output lines changed ({name}, {mode}):\n{shown}")
    assert whole_digest([digest(g) for g in got]) == whole
