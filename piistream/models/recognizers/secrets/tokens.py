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

_ANCHORS = (re.compile(r"_[A-Za-z0-9][A-Za-z0-9_\-.=]{11}"),
            re.compile(r"-[A-Za-z0-9][A-Za-z0-9_\-.=]{15}"),
            re.compile(r"\.[A-Za-z0-9]{12}"))
# each anchor's lead (``Batch.scan``): the anchor itself. (The dash's was cut to its first 11
# characters once, when its 15-character repeat of a class that holds the dash took 30 ms to
# compile; it adds 2.6 ms to the 43 ms of the whole lead database now, and the short lead
# made 1.55 positions per log line to try against 1.0, each a Python call and a regex match.)
_ANCHOR_LEADS = {a: a.pattern for a in _ANCHORS}
_RUN_LEFT = re.compile(r"[A-Za-z0-9_\-.]{0,64}")   # on the reversed text before an anchor
_RUN_RIGHT = re.compile(r"[A-Za-z0-9_\-.]*+")
_MASKED_AFTER = re.compile(r"[#*•]{3,}|[xX]{8,}")
_RUN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.")
_FIRST_SEGMENT = re.compile(r"[A-Za-z0-9]{1,24}[_\-.]")


class TokenScanner:
    """Finds the tokens of ``specs`` (heads ending in a separator) and ``literals`` (heads
    with a scan of their own: (regex of the head, [specs]))."""

    def __init__(self, specs: list[Spec], literals: list[tuple[str, list[Spec]]]):
        by_head: dict[str, list[Spec]] = defaultdict(list)
        self.lead: dict[str, list[Spec]] = defaultdict(list)
        for s in specs:
            (self.lead if s.lead else by_head)[s.head].append(s)
        # heads by their first segment ("sk-" for "sk-ant-" and "sk-"), longest head first
        self.by_segment: dict[str, list[tuple[str, list[Spec]]]] = defaultdict(list)
        for head, sp in by_head.items():
            seg = _FIRST_SEGMENT.match(head)
            self.by_segment[seg.group() if seg else head].append((head, sp))
        for heads in self.by_segment.values():
            heads.sort(key=lambda h: -len(h[0]))
        # one scan per first character ("A" for AKIA, AIza, ABSK, ATATT3...): a scan costs about
        # a nanosecond per character whatever its literal, an alternation after it next to nothing
        by_first: dict[str, list[tuple[str, list[Spec]]]] = defaultdict(list)
        for h, sp in literals:
            by_first[h[0]].append((h, sp))
        self.literals = []
        for first, group in by_first.items():
            heads = sorted({h for h, _ in group}, key=len, reverse=True)
            pattern = re.escape(first) + "(?:" + "|".join(h[1:] for h in heads) + ")"
            self.literals.append((re.compile(pattern), tuple(heads), [s for _, sp in group for s in sp]))

    def find(self, batch: Batch, emit):
        text = batch.text
        seen: set[int] = set()   # run starts read by an anchor
        found: set[int] = set()  # starts where a token was found (a literal need not look again)
        for anchor in _ANCHORS:
            done = -1
            for m in batch.scan(anchor, lead=_ANCHOR_LEADS[anchor]):
                a = m.start()
                if a < done:
                    continue
                if a == 0 or text[a - 1] not in _RUN_CHARS:
                    rs = a
                else:
                    rs = a - _RUN_LEFT.match(text[max(0, a - 64):a][::-1]).end()
                done = _RUN_RIGHT.match(text, a).end()
                # the anchor's class holds '=', which ends a run: a match can run past its own
                # run into the next one and swallow that run's head ("GH_PAT=ghp_<36>": the
                # anchor "_PAT=ghp_IXoi" took the token's '_', and its body holds no other), so
                # every run that starts inside the match is read at its own start too
                starts = [rs]
                end = m.end()
                p = done
                while p < end:
                    if text[p] in _RUN_CHARS:  # a run starts here: the one before ended at p - 1
                        starts.append(p)
                        p = _RUN_RIGHT.match(text, p).end()
                    else:
                        p += 1
                for r in starts:
                    if r in seen:
                        continue
                    seen.add(r)
                    for c in self._at(text, r, emit):
                        found.add(r)
                        yield c
        for pat, heads, specs in self.literals:
            for m in batch.scan(pat, lead=heads):
                s = m.start()
                if s in found or not left_ok(text, s):
                    continue
                found.add(s)
                yield from self._try(text, s, specs, emit)

    def _at(self, text: str, rs: int, emit):
        """The token that starts the run at ``rs``: its first segment ("glpat-", "sk-") names
        the heads to try, longest first ("sk-ant-" before "sk-")."""
        seg = _FIRST_SEGMENT.match(text, rs)
        if seg is not None:
            for head, specs in self.by_segment.get(seg.group(), ()):
                if text.startswith(head, rs):
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
                    looks_fake(token[len(spec.head):] if not spec.lead else token) or \
                    _MASKED_AFTER.match(text, m.end()):
                return  # ghp_xxxx, ...EXAMPLE, xoxp-5723...-#######: a placeholder or a mask
            try:
                verdict = spec.check(token) if spec.check else (True, True)
            except Exception:  # noqa: BLE001 -- a broken check must not lose the batch
                verdict = (False, False)  # still a candidate by its prefix, not a decisive one
            if verdict is None:
                continue  # the format's own check says it is no token (not even a near one)
            valid, decisive = verdict
            gs, ge = m.span(spec.group)
            yield emit(gs, ge, spec.prior if valid else spec.prior - 0.05, 0.99, True,
                       spec.kind + ("" if valid else "-unchecked"), spec.kind, decisive and valid)
            return
