"""Every lead of every pattern found in one compiled pass over a batch (Hyperscan).

A recognizer's pattern runs over the whole batch (``Batch.scan``), and Python's regex engine
tries it at every position: about a nanosecond per character for a pattern that starts with a
literal, far more for one that starts with a character class (``[A-Za-z]{2}\\d\\d`` for an IBAN).
Dozens of such passes per batch (credential words, vendor prefixes, scheme names) were a fifth
of the candidate stage. Most positions cannot start a match: a match of ``token`` starts where
``token`` does.

So a pattern's *lead* (a fixed-width regex every match starts with: its literal prefix, found
by ``literal_prefix``, or one declared by the recognizer) is registered here, and one Hyperscan
database per side (the text, and its lower-cased copy) finds every occurrence of every lead in
one pass per batch. ``Batch.scan`` then runs the pattern only at those positions, in order,
skipping those inside the previous match: exactly the matches of ``pattern.finditer``.

- A lead must be *fixed-width* (its start is its end minus the width) and *byte-exact* on
  1-byte text: literals and ASCII classes only, whose Python and Hyperscan meanings agree on
  Latin-1 text (``\\d`` is ``[0-9]`` there). ``positions`` checks both at registration.
- A batch's text is read one byte per character (offsets are character offsets): Latin-1 as
  itself, any other character through a placeholder byte (``_placeheld``) that every lead
  matches at least where Python's reading of it does. A machine without the ``hyperscan``
  wheel or a CPU it does not support, a text dense with leads and a lead registered after the
  batch's index was built take the reference path: ``pattern.finditer`` over the text, as
  before. Tests assert both paths give the same matches.
"""
from __future__ import annotations

import re
import threading

try:  # a compiled wheel; the pure-Python reference path runs without it
    import hyperscan
except Exception:  # noqa: BLE001 -- ImportError, or a CPU the library refuses
    hyperscan = None

# More than one lead per DENSE characters in a piece of CHUNK (a hostile record of "://" or "=="
# repeated) and the batch takes the reference path: a Python call per lead would cost more than
# the regex engine's own scans (typical logs: one per 90 characters, all leads together)
DENSE = 16
CHUNK = 1 << 16  # characters per compiled scan (``index``)
MIN_LITERAL = 2  # a shorter literal prefix ('"', '-') occurs everywhere: the engine scans on
# A pattern that is only a literal ("password", "senha", "ldap") is a lead too: a scan of
# ``finditer`` per literal is a pass over the batch each (41 such passes were 7 us per record of
# generated logs), a lead costs a Python step per occurrence. Not the shortest ones ("::", "=="):
# frequent enough that the index's calls would cost more than the engine's own pass
MIN_WHOLE = 3


class _Side:
    """The leads of one side (text or lower-cased text) and their compiled database."""

    def __init__(self):
        self.leads: dict[str, tuple[int, int]] = {}  # lead -> (id, width)
        self.widths: list[int] = []
        self.db = None


_LOCK = threading.Lock()
_SIDES = {False: _Side(), True: _Side()}
_LOCAL = threading.local()  # one Hyperscan scratch per thread and database
# config ``detector.leads = false`` (PIISTREAM_DETECTOR_LEADS=false) takes the reference path
# (``cascade.build`` sets it; tests switch it per call)
enabled = hyperscan is not None


def regex_nodes(items):
    """Every node ``(op, arg)`` of a tree from the stdlib's regex parser (``re._parser.parse``),
    the containers (groups, repeats, alternatives, look-arounds, atomic groups, conditionals)
    and everything inside them, in pattern order."""
    import re._constants as C  # noqa: N812 -- the stdlib parser's opcodes

    for op, arg in items:
        yield op, arg
        if op is C.SUBPATTERN:
            yield from regex_nodes(arg[3])
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            yield from regex_nodes(arg[2])
        elif op is C.BRANCH:
            for alt in arg[1]:
                yield from regex_nodes(alt)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            yield from regex_nodes(arg[1])
        elif op is C.ATOMIC_GROUP:
            yield from regex_nodes(arg)
        elif op is C.GROUPREF_EXISTS:
            for branch in arg[1:]:
                if branch is not None:
                    yield from regex_nodes(branch)


def width(lead: str) -> int:
    """The lead's width; ValueError unless it means the same in both engines on Latin-1 text
    (ASCII; literals, classes of literals, ranges and ``\\d``, fixed repeats, groups and
    alternatives: no ``.``, ``\\w``, ``\\s``, ``\\b``, anchors or lookarounds) and is fixed-width."""
    import re._constants as C  # noqa: N812 -- the stdlib parser's opcodes
    import re._parser as sre_parse  # the stdlib's own parser: what ``re`` compiles

    if not lead.isascii():
        raise ValueError(f"lead {lead!r}: ASCII only")
    tree = sre_parse.parse(lead)
    for op, arg in regex_nodes(tree):
        if op is C.IN:
            for iop, iarg in arg:
                if iop in (C.LITERAL, C.RANGE, C.NEGATE) or \
                        (iop is C.CATEGORY and iarg is C.CATEGORY_DIGIT):
                    continue
                raise ValueError(f"lead {lead!r}: {iop} {iarg} differs between the engines")
        elif op not in (C.LITERAL, C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT,
                        C.SUBPATTERN, C.BRANCH):
            raise ValueError(f"lead {lead!r}: {op} differs between the engines")
    lo, hi = tree.getwidth()
    if lo != hi or lo == 0:
        raise ValueError(f"lead {lead!r} is not fixed-width")
    return lo


def register(lead: str, lower: bool) -> int:
    """The lead's id in the side's database, adding it when it is new (the next batch's index
    has it); ValueError for a lead ``width`` refuses."""
    side = _SIDES[lower]
    got = side.leads.get(lead)
    if got is not None:
        return got[0]
    w = width(lead)
    with _LOCK:
        got = side.leads.get(lead)
        if got is None:
            got = side.leads[lead] = (len(side.widths), w)
            side.widths.append(w)
            side.db = None
    return got[0]


def _plain(lead: str) -> bool:
    """A lead of literal characters only ("password", "AKIA", "://")."""
    import re._constants as C  # noqa: N812 -- the stdlib parser's opcodes
    import re._parser as sre_parse

    return all(op is C.LITERAL for op, _ in sre_parse.parse(lead))


def _database(side: _Side):
    """(the side's compiled databases, the leads' widths by id): the literal leads in one
    database, the leads with a class or a repeat in another (compiled together, repeats of
    classes multiply Hyperscan's compile time: the side's 50 leads took 81 ms as one database,
    45 ms as ten; split in two, 16-45 ms). A database is a pass over the text per 64 KiB: one
    per lead with a class (39 passes for both sides) read the real-log corpus in 0.59 s of
    Hyperscan's time, two per side in 0.38 s, the same positions."""
    db = side.db
    if db is None:
        with _LOCK:
            if side.db is None:
                leads = sorted(side.leads.items(), key=lambda kv: kv[1][0])
                plain = [(lead, i) for lead, (i, _) in leads if _plain(lead)]
                other = [(lead, i) for lead, (i, _) in leads if not _plain(lead)]
                groups = [g for g in (plain, other) if g]
                dbs = []
                for group in groups:
                    d = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
                    d.compile(expressions=[lead.encode("ascii") for lead, _ in group],
                              ids=[i for _, i in group], elements=len(group), flags=[0] * len(group))
                    dbs.append(d)
                side.db = (tuple(dbs), list(side.widths))
            db = side.db
    return db


def compile_all() -> None:
    """Compile both sides' databases now (``Detector`` does it once its leads are known)."""
    if not enabled:
        return
    for side in _SIDES.values():
        if side.widths:
            try:
                _database(side)
            except Exception:  # noqa: BLE001 -- a CPU the library refuses: reference path
                _disable()
                return


_primed: set[tuple[int, ...]] = set()


def primed(recognizers) -> bool:
    """Whether these recognizers' leads are registered and compiled (``mark_primed``)."""
    return tuple(sorted(id(type(r)) for r in recognizers)) in _primed


def mark_primed(recognizers) -> None:
    _primed.add(tuple(sorted(id(type(r)) for r in recognizers)))


def _disable() -> None:
    global enabled
    enabled = False


def index(text: str, lower: bool) -> list[list[int]] | None:
    """For every lead of the side registered so far, the sorted start positions of its
    occurrences in ``text`` (overlapping ones too), by lead id; None on the reference path
    (no engine, no lead yet, a text too dense with leads). A text that is not Latin-1 is
    read through placeholder bytes (``_placeheld``)."""
    side = _SIDES[lower]
    if not enabled or not side.widths:
        return None
    try:
        db, widths = _database(side)
    except Exception:  # noqa: BLE001 -- a CPU the library refuses (ArchitectureError...)
        _disable()  # the reference path from now on: same matches, slower
        return None
    scratches = getattr(_LOCAL, "scratch", None)
    if scratches is None:
        scratches = _LOCAL.scratch = {}
    scratch = scratches.get(id(db))
    if scratch is None or scratch[0] is not db:
        scratch = scratches[id(db)] = (db, [hyperscan.Scratch(d) for d in db])
    positions: list[list[int]] = [[] for _ in widths]
    reach = max(widths) - 1
    # in pieces of CHUNK characters (each read with the next ``reach`` ones, so a lead that
    # starts in it ends in the piece; one that starts in the overlap is the next piece's): the
    # bytes copy of a 1 MiB record stays 64 KiB
    for base in range(0, len(text), CHUNK):
        piece = text[base:base + CHUNK + reach]
        try:
            data = piece.encode("latin-1")
        except UnicodeEncodeError:
            data = _placeheld(piece)
        state = [CHUNK // DENSE + 64]  # per piece: a dense stretch stops the scan early

        def hit(i, _start, end, _flags, _ctx, base=base, state=state):
            start = end - widths[i]
            if start < CHUNK:
                positions[i].append(base + start)
                state[0] -= 1
                return state[0] < 0  # stop: too dense for a call per lead
            return False

        for d, s in zip(db, scratch[1]):
            try:
                d.scan(data, match_event_handler=hit, scratch=s)
            except hyperscan.ScanTerminated:
                return None  # a text dense with leads ("://" x 350,000): the engine's scan is cheaper
    for p in positions:  # reported by end offset (so in order: fixed width); sorting a sorted
        if len(p) > 1:   # list is one comparison per item, in C (most leads have no hit)
            p.sort()
    return positions


# a digit of another script ("٣", "３"): Python's ``\\d`` matches it, so its byte is "0"
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def _placeheld(piece: str) -> bytes:
    """One byte per character of a piece that is not Latin-1: its own byte where it has one;
    "0" for a digit of another script; else 0xFF. A lead is ASCII, so the positions found
    are a superset of the lead's occurrences in the text as Python reads it: a literal or a
    class never matches 0xFF and a negated class matches it as it matches the character
    (``\\d`` and ``[^...]`` are the only classes that match beyond ASCII, and both match the
    placeholders); a "0" read as a literal "0" adds a position where the pattern is tried
    and fails, which ``Batch.scan`` allows (it only needs every match start to be one)."""
    import numpy as np  # only for a batch with other scripts

    codes = np.frombuffer(piece.encode("utf-32-le"), dtype=np.uint32)
    data = np.where(codes > 0xFF, 0xFF, codes).astype(np.uint8)
    for m in _OTHER_DIGIT.finditer(piece):
        if ord(m.group()) > 0xFF:
            data[m.start()] = 0x30
    return data.tobytes()


def reference_positions(text: str, lead: str) -> list[int]:
    """Where ``lead`` starts in ``text`` (overlapping occurrences too): what the index gives."""
    return [m.start() for m in re.finditer("(?=" + lead + ")", text)]


_prefixes: dict[re.Pattern, tuple[str, bool]] = {}


def literal_prefix(pattern: re.Pattern) -> str:
    """The characters every match of ``pattern`` starts with ("" when it has none, or when
    it ignores case): a match can begin only where they occur."""
    return _literal(pattern)[0]


def is_literal(pattern: re.Pattern) -> bool:
    """Whether ``pattern`` is nothing but its literal prefix (``"::"``): ``finditer`` finds it
    at C speed, and a lead would only add a Python step per occurrence."""
    return _literal(pattern)[1]


def _literal(pattern: re.Pattern) -> tuple[str, bool]:
    got = _prefixes.get(pattern)
    if got is None:
        prefix, whole = "", False
        if not pattern.flags & re.IGNORECASE:
            import re._parser as sre_parse  # the stdlib's own parser: what ``re`` compiles
            chars = []
            parsed = list(sre_parse.parse(pattern.pattern, pattern.flags))
            for op, arg in parsed:
                if op is not sre_parse.LITERAL:
                    break
                chars.append(chr(arg))
            prefix = "".join(chars)
            whole = bool(parsed) and len(chars) == len(parsed)
        got = _prefixes[pattern] = (prefix, whole)
    return got
