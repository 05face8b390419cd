"""Vendor tokens by their own prefix, found with a few scans for all vendors together.

One literal scan per vendor would cost a pass over the batch each (about 1 ns per character:
seventy vendors would double the candidate stage). Instead, a token is noticed where a
separator is followed by a long alphanumeric run (``_`` + 12, ``-`` + 16, ``.`` + 12: three
literal-led scans that skip at memory speed; a UUID's last group is 12 long, too short to
count), the token's start is found once per run, and its prefix is looked up among every
family's heads (``Spec.head``: ``ghp_``, ``glpat-``, ``xoxb-``, ``SG.``...). Heads without a
separator (``AKIA``, ``AIza``...) get a literal scan of their own (``LITERALS``), shared by
first characters where they can be.
"""
from __future__ import annotations

import re
from collections import defaultdict

from ..base import Batch
from ._shared import Spec, left_ok
from .placeholders import is_placeholder, looks_fake

_ANCHORS = (re.compile(r"_[A-Za-z0-9]{12}"), re.compile(r"-[A-Za-z0-9]{16}"),
            re.compile(r"\.[A-Za-z0-9]{12}"))
_RUN_LEFT = re.compile(r"[A-Za-z0-9_\-.]{0,64}")   # on the reversed text before an anchor
_RUN_RIGHT = re.compile(r"[A-Za-z0-9_\-.]*+")
_SEPS = "_-."


class TokenScanner:
    """Finds the tokens of ``specs`` (heads ending in a separator) and ``literals`` (heads
    with a scan of their own: (regex of the head, [specs]))."""

    def __init__(self, specs: list[Spec], literals: list[tuple[str, list[Spec]]]):
        self.by_head: dict[str, list[Spec]] = defaultdict(list)
        self.lead: dict[str, list[Spec]] = defaultdict(list)
        for s in specs:
            (self.lead if s.lead else self.by_head)[s.head].append(s)
        merged: dict[str, list[Spec]] = defaultdict(list)
        for h, sp in literals:  # one scan per literal, whichever families share it
            merged[h].extend(sp)
        self.literals = [(re.compile(h), sp) for h, sp in merged.items()]

    def find(self, batch: Batch, emit):
        text = batch.text
        seen: set[int] = set()
        for anchor in _ANCHORS:
            done = -1
            for m in batch.scan(anchor):
                a = m.start()
                if a < done:
                    continue
                rs = a - _RUN_LEFT.match(text[max(0, a - 64):a][::-1]).end()
                done = _RUN_RIGHT.match(text, a).end()
                if rs in seen:
                    continue
                seen.add(rs)
                yield from self._at(text, rs, emit)
        for pat, specs in self.literals:
            for m in batch.scan(pat):
                s = m.start()
                if s in seen or not left_ok(text, s):
                    continue
                seen.add(s)
                yield from self._try(text, s, specs, emit)

    def _at(self, text: str, rs: int, emit):
        # heads: the run's text up to each of its first three separators, longest first
        # ("sk-ant-" before "sk-")
        heads = []
        j, limit = rs, min(len(text), rs + 24)
        while j < limit and len(heads) < 3:
            if text[j] in _SEPS:
                heads.append(text[rs:j + 1])
            j += 1
        for head in reversed(heads):
            specs = self.by_head.get(head)
            if specs:
                found = False
                for c in self._try(text, rs, specs, emit):
                    found = True
                    yield c
                if found:
                    return
        for head, specs in self.lead.items():
            if text.find(head, rs, rs + 40) > rs:
                yield from self._try(text, rs, specs, emit)

    @staticmethod
    def _try(text: str, s: int, specs: list[Spec], emit):
        for spec in specs:
            m = spec.pattern.match(text, s)
            if not m:
                continue
            token = m.group()
            if is_placeholder(token, len(spec.head) if not spec.lead else 0) or \
                    looks_fake(token[len(spec.head):] if not spec.lead else token):
                return
            valid, decisive = spec.check(token) if spec.check else (True, True)
            gs, ge = m.span(spec.group)
            yield emit(gs, ge, spec.prior if valid else spec.prior - 0.05, 0.99, True,
                       spec.kind + ("" if valid else "-unchecked"), spec.kind, decisive and valid)
            return
