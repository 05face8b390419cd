"""`piistream scan` output, frozen: byte-identical digests per output line on the bundled sample
and on a 20,000-record generated corpus, in both input formats and the three modes (rules,
default charCNN, --verifier). See tests/behaviour_freeze.py for how the expected files are made
and when to regenerate them (an intended change of behaviour, reviewed like code)."""
from __future__ import annotations

import warnings

import pytest

from behaviour_freeze import (CORPORA, KERNELS, MODES, PENDING, corpus_bytes, digest, kernels,
                              read_expected, scan, whole_digest)

CASES = [(n, m) for n in CORPORA for m in MODES]


@pytest.mark.slow
@pytest.mark.parametrize("name,mode", CASES, ids=[f"{n}-{m}" for n, m in CASES])
def test_scan_output_is_unchanged(name, mode):
    got = scan(name, mode)
    rows = [digest(g) for g in got]
    # this machine's int8 kernel family first; an output that matches another family's file
    # whole is that family's (an unlisted CPU may use its kernels)
    here = kernels()
    for kernel in (here,) + tuple(k for k in KERNELS if k != here):
        whole, want = read_expected(name, mode, kernel)
        if len(rows) == len(want) and all(w in (g, PENDING) for g, w in zip(rows, want)):
            pending = want.count(PENDING)
            assert whole_digest([w if w == PENDING else g for g, w in zip(rows, want)]) == whole
            if pending:
                warnings.warn(f"{name} {mode}: {pending} lines pending on {kernel or 'avx2'} kernels "
                              f"(unchecked; run tests/behaviour_freeze.py --write on such a machine)")
            return
    whole, want = read_expected(name, mode, here)
    assert len(got) == len(want), f"{len(got)} output lines for {len(want)} expected"
    changed = [i for i, (g, w) in enumerate(zip(rows, want)) if g != w]
    inputs = corpus_bytes(name).splitlines()
    shown = "\n".join(f"line {i + 1}: {inputs[i][:300]!r}\n  now: {got[i][:600].decode()}"
                      for i in changed[:10])
    pytest.fail(f"{len(changed)} of {len(got)} output lines changed ({name}, {mode}, kernels "
                f"{here or 'avx2'}):\n{shown}")
