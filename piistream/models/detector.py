"""The detection cascade over a batch of text segments: candidates -> scorer -> decision.

Pure functions over lists of strings; no I/O, no Kafka. The Faust agents, the replay tool and the
``scan`` CLI all call ``Detector.detect``.
"""
from __future__ import annotations

import re
import time
from bisect import bisect_right
from dataclasses import dataclass
from operator import attrgetter

import ahocorasick

from .entities import ABA_ROUTING_NUMBER, CREDIT_CARD, PRIORITY, US_BANK_NUMBER
from .audit import audit_views
from .escapes import Unescaped, decode_all, unseen
from .names import SCORERS
from .recognizers import all_recognizers, interchange, leads
from .recognizers.base import Batch, Candidate, Recognizer, hex_dump_bytes
from .scoring import (CLEAN, PII, UNCERTAIN, RuleScorer, Scorer, Thresholds, _context_of, canon_of,
                      _last_digit_end, context_of, decide)
from .spoken import read_spoken

# Propagation (``propagate``): a value found as PII is redacted wherever else it occurs in the same
# record, without evidence of its own but its equality with the finding. Equality is evidence only
# when a chance match is unlikely, so a value propagates only when it is identifying:
# at least MIN_PROPAGATE characters and, when it is all letters or all digits (an ordinary word,
# a number fragment: "admin", "dragon", "2024", "1234567"), at least MIN_PROPAGATE_PLAIN. A
# one-letter password ("postgres://app:a@db") is redacted where it stands and nowhere else. Format-detected values (SSNs, cards, phones, emails, IBANs, bank and routing
# numbers, nearly every IP address) pass the rule by their shape; short secrets fail it.
MIN_PROPAGATE = 4
MIN_PROPAGATE_PLAIN = 8
# Searches of one record (``propagate``): a str.find per value while values x characters stay
# under FIND_CHARS, else one Aho-Corasick pass (``_scan``) whose occurrences may not exceed
# PROPAGATE_WORK per character: a record built to exceed them fails (``TooComplex``) rather than
# stall or leak.
FIND_CHARS = 4_000_000
PROPAGATE_WORK = 8
_APART = "\ud800"  # joins a record's texts for the search: a lone surrogate is in no decoded text
# A record with more candidates than this is scored and decided by the rules alone (stage
# ``rules``; its doubtful findings stay uncertain: redacted, fail closed): a hostile record dense
# with PII shapes (75,000 SSN-shaped numbers in 1 MiB) would otherwise hold a worker for a
# charCNN window per candidate (tens of seconds). Real records hold a few (at most 12 in the
# behaviour corpora's 20,000 log lines); the count is the record's own, so the outcome does not
# depend on the records sharing its batch.
MODEL_BUDGET = 256
SCORE_CHUNK = 4096  # candidates per scorer call (a multiple of every charCNN batch bucket):
                    # the windows of a record full of candidates are never all in memory at once


# lines that reach every recognizer's scans (``Detector._prime``): credential words and
# vendor heads, URLs with credentials, keys, JSON-ish quotes, numbers in context
_PRIMING = (
    'user=bob password="hunter2" token: abc api_key=xyz secret=1 auth=x cred=y pwd=z',
    "login failed user=Hx7#kq2$w",  # (a failed sign-in's words: read once a user looks like a password)
    "Authorization: Bearer abc.def.ghi Basic dXNlcjpwYXNz login admin sig=abc",
    "postgres://app:pw@db:5432/x redis://:pw@cache mysql -u root -pSecret1 sshpass -p x",
    "ghp_0123456789abcdefghijABCDEFGHIJ012345 xoxb-1-2-abc AKIAIOSFODNN7EXAMPLE AIzaSy0",
    "-----BEGIN PRIVATE KEY----- MIIE eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc ==",
    "ssn 536-90-4399 card 4111 1111 1111 1111 acct 12345678 routing 021000021",
    "iban GB82 WEST 1234 5698 7654 32 email jane@example.com jane @ example.org phone +1 415 555 0132",
    "ip 81.2.69.160 fe80::1 'c3VwZXIgc2VjcmV0IHZhbHVlIGhlcmU=' \"0123456789abcdef0123\"",
)


def _outside_hex_dumps(text: str, cands: list[Candidate]) -> list[Candidate]:
    """The candidates that do not reach into a hex dump's groups of bytes (``hex_dump_bytes``):
    the digits of "0x0100:  3634 3930 3034 3636 ..." are bytes, not a card or a phone."""
    lines: dict[int, tuple[int, int] | None] = {}
    keep = []
    for c in cands:
        got = hex_dump_bytes(text, c.start, lines)
        if got is None or c.end <= got[0] or c.start >= got[1]:
            keep.append(c)
    return keep


# the types a digit run takes by its shape alone (an identifier field's digits are none of them)
_SHAPED_TYPES = frozenset(("PHONE_NUMBER", "ABA_ROUTING_NUMBER", "CREDIT_CARD", "US_SSN", "US_ITIN",
                           "US_BANK_NUMBER"))


def _outside_id_fields(ids: list[tuple[int, int]], cands: list[Candidate]) -> list[Candidate]:
    """The candidates that are not a shape read inside an interchange format's identifier field
    (``interchange.id_fields``: X12's control numbers, HL7's patient and account ids): a
    format's own reading (decisive) stays."""
    starts = [s for s, _ in ids]
    keep = []
    for c in cands:
        i = bisect_right(starts, c.start) - 1
        if i >= 0 and c.end <= ids[i][1] and c.type in _SHAPED_TYPES and not c.decisive:
            continue
        keep.append(c)
    return keep


class TooComplex(ValueError):
    """A record whose redaction would cost more than its size allows (it fails, never leaks)."""


@dataclass(slots=True)
class Entity:
    """A detection, with offsets into its segment."""

    start: int
    end: int
    type: str
    score: float
    stage: str
    decision: str  # "pii" or "uncertain" (uncertain spans are redacted: fail closed)
    doubt: bool = False  # an uncertain candidate is part of it (its record goes to verification)
    kind: str = ""  # the type's sub-kind (SECRET: "github_token", "password"...), never the value


_shared: dict[tuple, Scorer] = {}


def make_scorer(name: str = "cnn", backend: str = "auto", threads: int | None = None) -> Scorer:
    """The scorer stage by name (``names.SCORERS``): ``cnn`` (the shipped charCNN:
    ``cnn-lean-int8`` on a CPU, ``cnn-lean`` on a GPU), ``cnn-lean``, ``cnn-lean-int8``,
    ``cnn-seed`` or ``rules`` (the transparent rule-based baseline). ``threads``: inference
    threads (None: one per core). charCNN scorers are shared per process (one ONNX Runtime
    session serves every thread)."""
    if name not in SCORERS:
        raise ValueError(f"unknown scorer {name!r}; one of {SCORERS}")
    if name == "rules":
        return RuleScorer()
    from .cnn_runtime import CnnScorer, default_variant
    variant = default_variant(backend) if name == "cnn" else name.split("-", 1)[1]
    key = (variant, backend, threads)
    if key not in _shared:
        _shared[key] = CnnScorer(variant=variant, backend=backend, threads=threads)
    return _shared[key]


class Detector:
    def __init__(self, recognizers: list[Recognizer] | None = None, scorer: Scorer | None = None,
                 types: list[str] | None = None):
        self.recognizers = recognizers if recognizers is not None else all_recognizers(types)
        self.scorer = scorer if scorer is not None else make_scorer()
        self._seconds = {"candidates": 0.0, "scorer": 0.0}
        self._rules = RuleScorer()
        self.over_budget_records = 0  # records decided by the rules alone (``MODEL_BUDGET``)
        self._prime()
        for r in self.recognizers:  # the rules' digit tables, now rather than in a first batch
            canon_of(r)
            r.warm()

    def _prime(self) -> None:
        """Every recognizer once over a few lines that reach its scans, so their leads are
        registered and compiled now (``recognizers.leads``: about 70 ms and 5 MB once per
        process), not during the first batches, where a late lead would recompile."""
        if not leads.enabled or leads.primed(self.recognizers):
            return
        batch = Batch(list(_PRIMING))
        for r in self.recognizers:
            for _ in r.find(batch):
                pass
        interchange.id_fields(batch)  # (the candidates' filter: its leads too)
        leads.compile_all()
        leads.mark_primed(self.recognizers)

    def take_seconds(self) -> dict[str, float]:
        """Seconds spent per stage (candidates, scorer, and the verifier when there is one)
        since the last call; resets the counters."""
        out = dict(self._seconds)
        take = getattr(self.scorer, "take_seconds", None)
        if take is not None:
            for stage, sec in take().items():
                out[stage] = out.get(stage, 0.0) + sec
                out["scorer"] -= sec  # the scorer's own time excludes what it delegated
        for k in self._seconds:
            self._seconds[k] = 0.0
        return out

    @property
    def version(self) -> str:
        from .. import __version__
        return f"piistream-{__version__}+{getattr(self.scorer, 'version', self.scorer.name)}"

    @property
    def thresholds(self) -> dict[str, Thresholds]:
        return self.scorer.thresholds

    def candidates(self, batch: Batch) -> list[Candidate]:
        out: list[Candidate] = []
        for r in self.recognizers:
            out.extend(r.find(batch))
        batch.drop_arrays()
        if out:
            out = _outside_hex_dumps(batch.text, out)
            ids = interchange.id_fields(batch)
            if ids:
                out = _outside_id_fields(ids, out)
        return out

    def _split_budget(self, batch: Batch, cands: list[Candidate],
                      owners: list[int] | None) -> tuple[list[Candidate], list[Candidate]]:
        """(for the scorer, for the rules): the candidates of records holding more than
        ``MODEL_BUDGET`` of them go to the rules, in their order."""
        if owners is None or len(cands) <= MODEL_BUDGET or self.scorer.name == "rules":
            return cands, []
        segment_of = batch.segment_of
        rec = [owners[segment_of(c.start)] for c in cands]
        count: dict[int, int] = {}
        for o in rec:
            if o >= 0:
                count[o] = count.get(o, 0) + 1
        heavy = {o for o, k in count.items() if k > MODEL_BUDGET}
        if not heavy:
            return cands, []
        self.over_budget_records += len(heavy)
        model: list[Candidate] = []
        ruled: list[Candidate] = []
        for c, o in zip(cands, rec):
            (ruled if o in heavy else model).append(c)
        return model, ruled

    def detect(self, segments: list[str], keys: list[str] | None = None,
               owners: list[int] | None = None, known: dict[str, float] | None = None,
               keep: bool = False, headers: list[str | None] | None = None) -> list[list[Entity] | tuple]:
        """Entities per segment: sorted, non-overlapping, offsets into the segment (an empty
        tuple for a segment without any). ``owners``:
        the record each segment belongs to (-1: shared by several, e.g. a JSON key), for the
        per-record ``MODEL_BUDGET``. ``known``: the charCNN's probabilities for inputs it
        has seen (``windows.window_key``; ``CnnScorer.probabilities``); ``keep``: the
        probabilities it gives are kept in ``last_scores`` (segment -> {key: probability}).
        ``headers``: per segment, a table's header line that names its fields (a CSV export's
        first line before a row of it: ``records.HeaderCarry``), or None: the segment is read
        under it, as a record that holds both, and only the row's entities are kept."""
        # (a segment without entities shares one empty tuple: a JSON batch has tens of thousands
        # of segments, and a list for each cost 4% of its scan)
        result: list[list[Entity] | tuple] = [()] * len(segments)
        self.last_scores: dict[int, dict[str, float]] = {}
        if not segments:
            return result
        t0 = time.perf_counter()
        # a row read under its header, and read alone too (its copy at the batch's end): the
        # entities of both are kept (a column's name that names nothing, "BANKN", must not
        # hide what the row shows without it)
        headed: dict[int, tuple[int, int]] = {}  # segment -> (header's length + 1, its copy)
        n = len(segments)
        if headers is not None and any(headers):
            segments = list(segments)  # (the caller's list is left as it is)
            owners = list(owners) if owners is not None else None
            for i, h in enumerate(headers):
                if h:
                    headed[i] = (len(h) + 1, len(segments))
                    segments.append(segments[i])
                    segments[i] = h + "\n" + segments[i]
                    if owners is not None:
                        owners.append(owners[i])
            result = [()] * len(segments)
        # a form body or query string ("card=4111+1111+1111+1111&cvv=1") writes a space as '+':
        # between digits it is read as one (the same length: no offsets move); without an '&',
        # only in a value of three groups or more ("ssn=536+90+4399"; "n=1+2" is a sum)
        plus: dict[int, list[int]] = {}
        for i, seg in enumerate(segments):
            if "+" in seg and "=" in seg:
                if "&" in seg:
                    at = [m.start() for m in _FORM_PLUS.finditer(seg)]
                else:
                    at = [m.start() + k for m in _PLUS_VALUE.finditer(seg) if _digits_enough(m.group())
                          for k in range(1, len(m.group())) if m.group()[k] == "+"]
                # (and a search box's words and numbers: "q=acct+6090232839", "term=phone+%2B4479...")
                worded = _form_words(seg)
                if worded:
                    at = sorted(set(at).union(worded))
                if at:
                    if not plus:
                        segments = list(segments)  # (the caller's list is left as it is)
                    plus[i] = at
                    chars = list(seg)
                    for a in at:
                        chars[a] = " "
                    segments[i] = "".join(chars)
        # escapes read as what they stand for (``escapes``): the batch holds decoded segments,
        # and the entities found in them are mapped back to the segments as written
        unescaped: dict[int, Unescaped] = decode_all(segments)
        # (and a Linux audit record's arguments as the command line they were: ``audit``)
        argv = audit_views(segments, unescaped)
        if argv:
            unescaped.update(argv)
        if unescaped:
            segments = [unescaped[i].text if i in unescaped else seg for i, seg in enumerate(segments)]
        # and without what a reader does not see (``unseen``: invisible characters, controls,
        # terminal colours, marks on ASCII), mapped back the same way
        hidden = unseen(segments)
        if hidden:
            segments = [hidden[i].text if i in hidden else seg for i, seg in enumerate(segments)]
        # and numbers read out as words, as digits (``spoken``: a call's transcript), where
        # neither of the above changed the segment
        spoken = read_spoken(segments, skip=unescaped.keys() | hidden.keys() | plus.keys())
        if spoken:
            segments = [spoken[i].text if i in spoken else seg for i, seg in enumerate(segments)]
        batch = Batch(segments, keys)
        batch.owners = owners
        if unescaped or plus:
            starts = batch.starts

            def seen(i: int, a: int) -> int:
                return hidden[i].norm(a) if i in hidden else a
            batch.escaped_spaces = frozenset(
                [starts[i] + seen(i, a) for i, u in unescaped.items() for a in u.escaped_spaces()] +
                [starts[i] + seen(i, a) for i, at in plus.items() if i not in unescaped for a in at])
        batch.known = known
        if keep:
            batch.kept = []
        cands = self.candidates(batch)
        t1 = time.perf_counter()
        self._seconds["candidates"] += t1 - t0
        if not cands:
            return result[:n] if headed else result
        model, ruled = self._split_budget(batch, cands, owners)
        for i in range(0, len(model), SCORE_CHUNK):
            self.scorer.score(batch, model[i:i + SCORE_CHUNK])
        if ruled:
            self._rules.score(batch, ruled)
        self._seconds["scorer"] += time.perf_counter() - t1
        if batch.kept:
            for start, key, p in batch.kept:
                self.last_scores.setdefault(batch.segment_of(start), {})[key] = p
        per_seg: dict[int, list[Candidate]] = {}
        segment_of = batch.segment_of
        # the card readings of the batch's values, whatever their decision (``_card_account``)
        batch._cache["card-readings"] = {(c.start, c.end): c for group in (model, ruled) for c in group
                                         if c.type == CREDIT_CARD and c.valid and c.prior >= 0.85}
        for group, th in ((model, self.scorer.thresholds), (ruled, self._rules.thresholds)):
            for c in group:
                c.decision = decide(th, c)
                if c.decision != CLEAN:
                    seg = segment_of(c.start)
                    got = per_seg.get(seg)
                    if got is None:
                        per_seg[seg] = [c]
                    else:
                        got.append(c)
        for seg, cs in per_seg.items():
            result[seg] = _merge_candidates(cs, batch.starts[seg], batch)
        for seg, sp in spoken.items():
            for e in result[seg]:
                e.start, e.end = sp.to_raw(e.start), sp.to_raw(e.end)
        for seg, h in hidden.items():
            for e in result[seg]:
                e.start, e.end = h.to_raw(e.start, False), h.to_raw(e.end, True)
        for seg, u in unescaped.items():
            for e in result[seg]:
                e.start, e.end = u.to_raw(e.start), u.to_raw(e.end)
        if headed:
            for seg, (k, copy) in headed.items():
                kept = [e for e in result[seg] if e.start >= k]  # (none is found in the names)
                for e in kept:
                    e.start -= k
                    e.end -= k
                kept += result[copy]
                result[seg] = merge(kept) if kept else ()
                scores = self.last_scores.pop(copy, None)
                if scores:
                    self.last_scores.setdefault(seg, {}).update(scores)
            del result[n:]
        return result


def merge(ents: list[Entity]) -> list[Entity]:
    """Union overlapping spans (nothing that any accepted candidate covered stays visible); the
    merged span takes the type of its best member (score, then type priority)."""
    if len(ents) <= 1:
        return ents
    ents.sort(key=_span_order)
    out: list[Entity] = []
    cur = ents[0]
    # a group of overlapping spans is folded in locals: one Entity per group, not per member
    end, best, pii, doubt, grouped = cur.end, cur, cur.decision == PII, cur.doubt, False
    for e in ents[1:]:
        if e.start < end:
            if _rank(e) < _rank(best):
                best = e
            if e.end > end:
                end = e.end
            pii = pii or e.decision == PII
            doubt = doubt or e.doubt
            grouped = True
        else:
            out.append(_folded(cur, end, best, pii, doubt) if grouped else cur)
            cur = e
            end, best, pii, doubt, grouped = e.end, e, e.decision == PII, e.doubt, False
    out.append(_folded(cur, end, best, pii, doubt) if grouped else cur)
    return out


def _merge_candidates(cs: list[Candidate], base: int, batch: Batch | None = None) -> list[Entity]:
    """``merge`` of the candidates' entities (offsets less ``base``), folded from the candidates
    themselves: one Entity per group of overlapping candidates, not one per candidate (a dense
    record's chained or nested candidates make one span). A group holding both a routing and
    an account number reading of one value takes the type its own nearest label names
    (``_bank_label``), given ``batch``."""
    if len(cs) > 1:
        # by start, then longest first: two stable sorts on C-level keys (a dense record's
        # candidates are 200,000 calls of a Python key function otherwise)
        cs.sort(key=_END, reverse=True)
        cs.sort(key=_START)
    out: list[Entity] = []
    cur = cs[0]
    end, best, pii, doubt, grouped = cur.end, cur, cur.decision == PII, cur.decision == UNCERTAIN, False
    first = 0
    for i in range(1, len(cs)):
        c = cs[i]
        if c.start < end:
            # ``_rank(c) < _rank(best)``: the higher score, then the type listed first; but
            # between two types, a format's own reading, decisive and kept as PII, names the
            # type before any score ('"idType": "SSN", "idNumber": "019959650"': no routing
            # number, whatever a model's probability for the checksum's reading; within a type
            # the score still picks, and with it the kind: a vendor's token over a URL's password)
            cd = c.type != best.type and c.decisive and c.decision == PII
            bd = c.type != best.type and best.decisive and best.decision == PII
            if cd > bd or cd == bd and (c.score > best.score or c.score == best.score and
                                        PRIORITY.get(c.type, 99) < PRIORITY.get(best.type, 99)):
                best = c
            if c.end > end:
                end = c.end
            pii = pii or c.decision == PII
            doubt = doubt or c.decision == UNCERTAIN
            grouped = True
        else:
            if grouped and batch is not None and best.type in _BANK_PAIR:
                best = _bank_label(batch, cs[first:i], best)
            kind = CREDIT_CARD if batch is not None and best.type == US_BANK_NUMBER and \
                _card_account(batch, best) else best.type
            out.append(Entity(cur.start - base, end - base, kind, best.score, best.stage,
                              PII if pii else best.decision, doubt, best.kind))
            cur = c
            first = i
            end, best, pii, doubt, grouped = c.end, c, c.decision == PII, c.decision == UNCERTAIN, False
    if grouped and batch is not None and best.type in _BANK_PAIR:
        best = _bank_label(batch, cs[first:], best)
    kind = CREDIT_CARD if batch is not None and best.type == US_BANK_NUMBER and \
        _card_account(batch, best) else best.type
    out.append(Entity(cur.start - base, end - base, kind, best.score, best.stage,
                      PII if pii else best.decision, doubt, best.kind))
    return out


_BANK_PAIR = (ABA_ROUTING_NUMBER, US_BANK_NUMBER)


def _bank_label(batch: Batch, group: list[Candidate], best: Candidate) -> Candidate:
    """Between a routing number and an account number reading of the same value, the one its
    own nearest label names: the value's key ("bank-account=" is an account, "account-routing="
    a routing number: the last word of a compound names it), else the words right before it
    after any other value ("RTN 623810240 to account 120020999"). The higher score decides
    where the labels do not (neither type named, or both at the same distance)."""
    other_type = US_BANK_NUMBER if best.type == ABA_ROUTING_NUMBER else ABA_ROUTING_NUMBER
    other = None
    for c in group:
        if c.type == other_type and (other is None or c.score > other.score):
            other = c
    if other is None or (other.start, other.end) != (best.start, best.end):
        return best
    d_other, d_best = _label_distance(batch, other), _label_distance(batch, best)
    if d_other == d_best == float("inf") and _context_of(batch, best, True)[2]:
        # a value in a list has no label of its own: the phrase that heads the list names
        # its values ("routing numbers: 021000021, 011000015, 011000028")
        d_other, d_best = _label_distance(batch, other, True), _label_distance(batch, best, True)
    return other if d_other < d_best else best


def _card_account(batch: Batch, best: Candidate) -> bool:
    """Whether an account number is a card's: a card account's number is its card's
    ("AMERICAN EXPRESS acct# 3467...", a credit report's tradeline; ACORD's
    <CreditCardInfo>...<AccountNumberId>4414...): the same value read as a card of a known
    issuer with a valid check digit, under a plain account word, with a card's or its issuer's
    word before it in the record (``CARD_ACCOUNT_NEAR`` characters) and no word of a bank
    account's kind ("checking", "routing", "IBAN")."""
    card = batch._cache.get("card-readings", {}).get((best.start, best.end))
    if card is None:
        return False
    lo = max(batch.starts[batch.segment_of(best.start)], best.start - CARD_ACCOUNT_NEAR)
    before = batch.lower[lo:best.start]
    return _CARD_WORDS.search(before) is not None and _BANK_KIND.search(before) is None


CARD_ACCOUNT_NEAR = 96
# a card's words and its issuers' names (as a word or glued in an element's name: "CreditCardInfo")
_CARD_WORDS = re.compile(r"card|visa|master ?card|amex|american express|discover|jcb|diners|maestro|"
                         r"union ?pay|(?<![a-z])pan(?![a-z])")
_BANK_KIND = re.compile(r"(?<![a-z])(?:checking|savings|routing|aba|rtn|dda|iban|ach|direct[ _-]?deposit|"
                        r"bank[ _-]?(?:acc(?:oun)?t|acct))")


def _label_distance(batch: Batch, c: Candidate, lists: bool = False) -> float:
    """Characters between the end of the nearest word supporting ``c``'s type and the value
    (in its key, or in the phrase before it after any other value; with ``lists``, in the
    phrase that heads the list it is in); infinite without one."""
    key, before = context_of(batch, c, lists=lists)
    # (a list's heading phrase is read whole: "routing numbers:" is the words and the key)
    phrase = (before + " " + key) if lists and key else key or before[_last_digit_end(before):]
    last = None
    for last in c.recognizer.pos_re.finditer(phrase):
        pass
    return float("inf") if last is None else len(phrase) - last.end()


_START, _END = attrgetter("start"), attrgetter("end")
# (an area code's closing parenthesis, written or percent-encoded, before a form's blank:
# "tel=%28613%29+906-2291&x=1"; a country code before an area code's: "%2B1+%28646%29...")
_FORM_PLUS = re.compile(r"(?:(?<=\d)|(?<=%29)|(?<=\)))\+(?=\d|%28|\()")
# (one '+' is a sum, "n=1+2", but not after a phone's plus sign or area code: "=%2B81+90-1295-9850",
# "tel=%28613%29+906-2291", "=(0114)+496-0077", with seven digits or more)
_PLUS_VALUE = re.compile(r"(?<==)(?:(?:%2[Bb]|\+)?\d{1,8}(?:\+\d{1,8}){2,5}(?![\w+])"
                         r"|(?:(?:%2[Bb]|\+)\d{1,3}|(?:%2[Bb]|\+)?(?:%28|\()\d{1,5}(?:%29|\)))"
                         r"(?:\+\d{1,5}(?:-\d{1,5}){0,3}){1,4}(?![\w+\-]))")


# a value of a form or a query string of pieces joined by '+' ("q=account+no+8166410918518",
# "term=call+%2B447947940006&x=1"): its '+' are blanks where its pieces are words and numbers as
# a person types them into a search box -- a word of letters and a number at least, every piece
# one of those or a sign -- and it ends the value (not "email=ann+1@x.io", not a base64 token,
# whose pieces mix letters and digits)
_FORM_RUN = re.compile(r"(?<==)[A-Za-z0-9%().#\-]+(?:\+[A-Za-z0-9%().#\-]+)+(?=[&\s\"';,\\]|\Z)")
# (a word of a message's text, its punctuation after it: '.', or a comma, '!', '?', ':', ';' or a
# quote as a form encodes them, "twice.+Call+%2B12139330194", "Hi%2C+call+...")
_FORM_WORD = re.compile(r"[A-Za-z]{2,30}(?:\.|%2[Cc127]|%3[FfAaBb])*|[AaI](?:\.|%2[Cc])?")
_FORM_NUMBER = re.compile(r"(?:%2[Bb]|%28|\()?\d[\d.\-]*(?:(?:%29|\))[\d.\-]*)?")
_FORM_SIGN = re.compile(r"%2[Ff]|%23|#|-|/")


def _form_words(seg: str) -> list[int]:
    """The offsets of the '+' that stand for blanks in the segment's search-box values."""
    out: list[int] = []
    for m in _FORM_RUN.finditer(seg):
        pieces = m.group().split("+")
        words = sum(1 for p in pieces if _FORM_WORD.fullmatch(p))
        numbers = sum(1 for p in pieces if _FORM_NUMBER.fullmatch(p))
        if words and numbers and words + numbers + sum(1 for p in pieces if _FORM_SIGN.fullmatch(p)) == len(pieces):
            at = m.start()
            for p in pieces[:-1]:
                at += len(p)
                out.append(at)
                at += 1
    return out


def _digits_enough(value: str) -> bool:
    """Whether a value of groups joined by '+' holds a phone's digits (seven or more; a
    run of three groups or more is read as one whatever its digits, as before)."""
    if value.count("+") - value.startswith("+") >= 3 and "(" not in value and "%28" not in value:
        return True
    return sum(ch.isdigit() for ch in value.replace("%2B", "").replace("%2b", "")
               .replace("%28", "").replace("%29", "")) >= 7


def _span_order(e: Entity) -> tuple:
    return (e.start, -e.end)


def _folded(first: Entity, end: int, best: Entity, pii: bool, doubt: bool) -> Entity:
    return Entity(first.start, end, best.type, best.score, best.stage,
                  PII if pii else best.decision, doubt, best.kind)


def _rank(e: Entity) -> tuple:
    return (-e.score, PRIORITY.get(e.type, 99))


def identifying(value: str) -> bool:
    """Whether a detected value is long and varied enough that another occurrence of it in the
    same record is the same secret or identifier, not chance (see ``MIN_PROPAGATE``)."""
    n = len(value)
    if n < MIN_PROPAGATE or value.count(value[0]) == n:
        return False  # (one character repeated, "00000000": a padding field has it by chance)
    return n >= MIN_PROPAGATE_PLAIN or not (value.isalpha() or value.isdigit())


def _groups(value: str, sizes: tuple[int, ...], seps: str = " -") -> list[str]:
    """``value`` written in groups of ``sizes`` (the last group takes the rest), with each of
    ``seps`` between them."""
    parts, i = [], 0
    for n in sizes:
        if i >= len(value):
            break
        parts.append(value[i:i + n])
        i += n
    if i < len(value):
        parts.append(value[i:])
    return [sep.join(parts) for sep in seps]


_NOT_ASCII_DIGIT = re.compile(r"[^0-9]")


def _digits_forms(value: str, grouped) -> list[str]:
    """The other ways a number found in one of them is written: its digits alone, and (from
    its digits) the groupings ``grouped(digits)`` gives."""
    digits = _NOT_ASCII_DIGIT.sub("", value)
    if len(digits) < MIN_PROPAGATE_PLAIN:
        return []
    return [f for f in {digits, *grouped(digits)} if f != value]


# A value found in one written form recurs in another in the same record ("card 5555 5555 5555
# 4444 ref 5555555555554444", "ssn 536-90-4399 (536904399)", an IBAN spaced then compact): the
# number is the same PII whatever separates its groups, so each of its usual forms propagates
# too (a second form must not leak where its own context is weak or contrary)
# (the other forms of a record's first values only: a record dense with values, 75,000 SSNs in
# 1 MiB, would search four times as many strings for forms that a record holding a value
# twice, in two forms, does not need: 1.7 -> 2.3 s and 67 -> 127 MB, past issue 14's bounds)
MAX_FORMS_VALUES = 256
_WRITTEN_FORMS = {
    "US_SSN": lambda v: _digits_forms(v, lambda d: _groups(d, (3, 2)) if len(d) == 9 else []),
    "US_ITIN": lambda v: _digits_forms(v, lambda d: _groups(d, (3, 2)) if len(d) == 9 else []),
    "CREDIT_CARD": lambda v: _digits_forms(
        v, lambda d: _groups(d, (4, 4, 4, 4)) + (_groups(d, (4, 6)) if len(d) in (14, 15) else [])),
    "ABA_ROUTING_NUMBER": lambda v: _digits_forms(v, lambda d: []),
    "US_BANK_NUMBER": lambda v: _digits_forms(v, lambda d: []),
    "PHONE_NUMBER": lambda v: _digits_forms(v, lambda d: []),
    "IBAN_CODE": lambda v: _iban_forms(v),
}


def _iban_forms(value: str) -> list[str]:
    """An IBAN's compact form and its print form (groups of four, spaced)."""
    compact = "".join(c for c in value if c.isascii() and c.isalnum()).upper()
    if len(compact) < 15:
        return []
    return [f for f in {compact, *_groups(compact, (4,) * 8, " ")} if f != value]


_QUOTE_CHARS = "\"'`"


def propagate(texts: list[str], ents: list[list[Entity]]) -> None:
    """Redact every other occurrence, within the same record, of an identifying value found as
    PII (``identifying``).

    ``texts``/``ents`` are the segments of ONE record. In place. Linear in the record's size
    for any real set of values: the texts are searched as one string (joined by a lone
    surrogate, which no decoded record holds, so no occurrence spans two texts), with a
    ``str.find`` per value while values x characters stay under FIND_CHARS, else in one
    Aho-Corasick pass over all values (``_scan``).
    """
    values: dict[str, Entity] = {}
    for text, es in zip(texts, ents):
        for e in es:
            v = text[e.start:e.end]
            if v[:1] in _QUOTE_CHARS or v[-1:] in _QUOTE_CHARS:
                # (a quote the span took in is no part of the value: '"token = ""NWwjyq...""",
                # NWwjyq...,181', a scanner's CSV report quotes it once and not again)
                v = v.strip(_QUOTE_CHARS)
            if v not in values and identifying(v):
                values[v] = e
                if e.type in _WRITTEN_FORMS and len(values) < MAX_FORMS_VALUES:
                    for alt in _WRITTEN_FORMS[e.type](v):
                        if alt not in values and identifying(alt):
                            values[alt] = e
    if not values:
        return
    joined = texts[0] if len(texts) == 1 else _APART.join(texts)
    if len(values) * len(joined) <= FIND_CHARS:
        hits = []
        for value, src in values.items():
            pos = joined.find(value)
            while pos >= 0:
                hits.append((pos, pos + len(value), src))
                pos = joined.find(value, pos + 1)
        hits.sort(key=lambda h: (h[0], -h[1]))
        found: list = []
        for pos, end, src in hits:
            _collect(found, pos, end, src)
    else:
        found = _scan(joined, values)
    if not found:
        return
    if len(texts) == 1:
        _add(ents, 0, found)
        return
    # back to each text's own offsets (an occurrence never spans the separator)
    ti = 0
    base = 0
    nxt = len(texts[0]) + 1
    per: list = []
    for pos, end, src in found:
        if pos >= nxt:
            if per:
                _add(ents, ti, per)
                per = []
            while pos >= nxt:
                ti += 1
                base = nxt
                nxt += len(texts[ti]) + 1
        per.append((pos - base, end - base, src))
    if per:
        _add(ents, ti, per)


def _add(ents: list[list[Entity]], i: int, found: list[tuple[int, int, Entity]]) -> None:
    """Add the occurrences ``found`` (start, end, source; sorted by start) to segment ``i``:
    those not inside one of its entities already."""
    covered = sorted((e.start, e.end) for e in ents[i])
    starts = [s for s, _ in covered]
    added = []
    for pos, end, src in found:
        k = bisect_right(starts, pos) - 1
        if not (k >= 0 and covered[k][1] >= end):
            added.append(Entity(pos, end, src.type, src.score, "propagated", src.decision,
                                src.doubt, src.kind))
    if added:
        ents[i] = merge(ents[i] + added)


def _collect(found: list, pos: int, end: int, src: Entity) -> None:
    """Append an occurrence, joining it to the previous one when they overlap (the record's
    overlapping occurrences become one span, as ``merge`` would make them)."""
    if found and pos < found[-1][1]:
        if end > found[-1][1]:
            found[-1] = (found[-1][0], end, found[-1][2])
    else:
        found.append((pos, end, src))


def _scan(text: str, values: dict[str, Entity]) -> list:
    """Occurrences of ``values`` in ``text`` (joined when overlapping, as ``_collect`` joins
    them), in one pass of an Aho-Corasick automaton (``pyahocorasick``, C): linear in the text
    and the occurrences, whatever the values share. Occurrences come ordered by their end; an
    occurrence joins the spans it overlaps, and a joined span keeps the source of its leftmost
    (then longest) occurrence. A record whose occurrences exceed PROPAGATE_WORK per character
    (a run of one letter under nested values) fails (``TooComplex``) rather than stall."""
    automaton = ahocorasick.Automaton()
    for v, src in values.items():
        automaton.add_word(v, (len(v), src))
    automaton.make_automaton()
    budget = PROPAGATE_WORK * len(text) + 100_000
    found: list = []
    for last, (n, src) in automaton.iter(text):
        budget -= 1
        if budget < 0:
            raise TooComplex("propagation: too many occurrences for the record's size")
        end = last + 1
        start = end - n
        while found and found[-1][1] > start:  # overlaps what is found (ends no later)
            ps, _, psrc = found.pop()
            if ps < start:
                start, src = ps, psrc
        found.append((start, end, src))
    return found