"""Numbers read out, as speech-to-text writes them: a segment's runs of digit words read as digits.

A call's transcript holds what a caller said: "my social is five eight seven dash nine five dash
oh seven five nine", "call me back at two oh nine, four four nine, one six five one", "card
number four one eight three, five six seven four, ...". Every recognizer reads digits; instead
of a spoken form of each, the detector reads such a run as the number it stands for
("587-95-0759", "209 449 1651", "4183 5674 ...") and maps what it finds back to the words as
written (``escapes.Unescaped``: each word, with the blank before it, is one "escape" of its digit;
", " a pause, read as a blank; "dash" and "hyphen" a dash). "oh" and "o" are a zero inside a run
("oh" may start one right before another digit word); "double five" is 55, "triple oh" 000;
four digits are a run right after a PIN's word ("my pin is oh two two three");
"plus" before the first digit its '+'; "..." and ". " (a pause as some engines write it: "six oh one
one. one one oh three. ...") a blank. Only runs of seven digits or more are read (a
phone's fewest; four after "pin"): "one or two", "nine to five" stay words.

A digit said one at a time is also written as a digit, a blank apart ("account number 0 0 4 5 4 0 0
6 3 0 2 7", "my cell is 6 7 8, 2 7 4, 2 4 1 2", "card number 5 5 0 1 - 1 0 8 2 - ...": Amazon
Transcribe's and Contact Lens' way): a single digit between blanks is a digit word. And a run
may mix words and groups of digits ("eight zero three 65 9615", "947 six five 6220") where two
digit words or more are in it (a run of groups alone is a number as written: a date, a time).
"""
from __future__ import annotations

import re
import threading
from bisect import bisect_right

from .escapes import Unescaped

_DIGIT = {"zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4",
          "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_W = r"(?:(?:zero|one|two|three|four|five|six|seven|eight|nine|double|triple|oh|o|plus)(?![a-z])|\d{1,6}(?!\w))"
_SEP = r"(?:,? +(?:dash|hyphen|-) +|,? *(?:\.{2,}|\u2026) *|[,.] +| +|-)"
# a run: a digit word ("oh" first only right before another: "from oh seven four..."; not after
# a comma: "oh, one more thing"), more after separators; ends at a word's end
_RUN = re.compile(r"(?<![\w\-])(?:zero|one|two|three|four|five|six|seven|eight|nine|double|triple"
                  r"|(?:oh|plus)(?= +(?:zero|one|two|three|four|five|six|seven|eight|nine|double|triple)(?![a-z]))|\d{1,6}(?!\w))"
                  r"(?:" + _SEP + _W + r"){3,}(?![\w\-])", re.I)
_PIECE = re.compile(r"(?P<sep>" + _SEP + r")?(?P<w>" + _W + r")", re.I)
# (a cheap test per segment: two digit words a blank, a pause or a hyphen apart)
_PAIR = re.compile(r"(?i)(?:zero|one|two|three|four|five|six|seven|eight|nine)(?: |, |-)(?:zero|oh|one|two|three|four|"
                   r"five|six|seven|eight|nine)(?![a-z])|(?<![\w.\-])\d \d \d(?![\w.])")
MIN_DIGITS = 7
# a PIN's word right before a shorter run ("my pin is oh two two three"): four digits are enough
_PIN_BEFORE = re.compile(r"(?i)\bpin(?: code| number)?(?: is| was|:)? *\Z")
MIN_PIN_DIGITS = 4


def read_spoken(segments: list[str], skip=frozenset()) -> dict[int, Unescaped]:
    """``{i: the segment with its spoken runs as digits}`` for the segments that have one (but
    those of ``skip``). The segments that may hold a run are found in one pass over the batch
    (``_pairs_in``): a regex per segment cost 12 µs per log line."""
    out: dict[int, Unescaped] = {}
    for i in _pairs_in(segments):
        seg = segments[i]
        if i in skip or len(seg) < 30 or _PAIR.search(seg) is None:
            continue
        u = _read(seg)
        if u is not None:
            out[i] = u
    return out


def _pairs_in(segments: list[str]) -> list[int]:
    """The segments where two digit words stand together ("five six", "two, oh", "nine-one"),
    found in one pass over the batch (word boundaries checked): Hyperscan's, on Latin-1 text
    where the leads' engine is on (``_pairs_compiled``: 0.1 ms a batch of 512 log lines), else
    an Aho-Corasick automaton over the batch lower-cased (1.6 ms), the reference."""
    joined = "\n".join(segments)
    got = _pairs_compiled(joined, segments)
    if got is not None:
        return got
    lower = joined.lower()
    if len(lower) != len(joined):  # (a character whose lower case is longer: segment by segment)
        return [i for i, seg in enumerate(segments) if _PAIR.search(seg) is not None]
    starts, at = [], 0
    for seg in segments:
        starts.append(at)
        at += len(seg) + 1
    found: set[int] = set()
    n = len(lower)
    for end, size in _automaton().iter(lower):
        s = end - size + 1
        if (s > 0 and lower[s - 1].isalpha()) or (end + 1 < n and lower[end + 1].isalpha()):
            continue
        found.add(bisect_right(starts, s) - 1)
    return sorted(found)


_AUTOMATON: list = []
_FIRST = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_PAIRS = [w + sep + v for w in _FIRST for sep in (" ", ", ", "-") for v in _FIRST + ("oh",)]
_DIGIT_TRIPLE = "[0-9] [0-9] [0-9]"  # (three digits said one at a time; 5 characters)
_COMPILED: list = []  # (database, one scratch per thread)


def _pairs_compiled(joined: str, segments: list[str]) -> list[int] | None:
    """``_pairs_in`` with Hyperscan: every pair (``_PAIRS``, ASCII case ignored) on the batch's
    bytes; None where the engine is off or the text is not Latin-1 (a character whose lower
    case is ASCII, "\u212a", is the automaton's). The same segments: a test runs both."""
    from .recognizers import leads
    if not leads.enabled:
        return None
    try:
        data = joined.encode("latin-1")
    except UnicodeEncodeError:
        return None
    if not _COMPILED:
        try:
            db = leads.hyperscan.Database(mode=leads.hyperscan.HS_MODE_BLOCK)
            exprs = _PAIRS + [_DIGIT_TRIPLE]
            db.compile(expressions=[p.encode("ascii") for p in exprs], ids=list(range(len(exprs))),
                       elements=len(exprs), flags=[leads.hyperscan.HS_FLAG_CASELESS] * len(exprs))
        except Exception:  # noqa: BLE001 -- a CPU the library refuses: the automaton
            return None
        _COMPILED.append((db, threading.local()))
    db, local = _COMPILED[0]
    scratch = getattr(local, "scratch", None)
    if scratch is None:
        scratch = local.scratch = leads.hyperscan.Scratch(db)
    ends: list[tuple[int, int]] = []

    def hit(i, _start, end, _flags, _ctx):
        ends.append((end - (len(_PAIRS[i]) if i < len(_PAIRS) else 5), end))
        return False

    db.scan(data, match_event_handler=hit, scratch=scratch)
    if not ends:
        return []
    starts, at = [], 0
    for seg in segments:
        starts.append(at)
        at += len(seg) + 1
    n = len(joined)
    found = {bisect_right(starts, s) - 1 for s, e in ends
             if not (s > 0 and joined[s - 1].isalpha()) and not (e < n and joined[e].isalpha())}
    return sorted(found)


def _automaton():
    """The pairs of digit words as an Aho-Corasick automaton, built once."""
    if not _AUTOMATON:
        import ahocorasick
        a = ahocorasick.Automaton()
        first = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
        for w in first:
            for sep in (" ", ", ", "-"):
                for v in first + ("oh",):
                    a.add_word(w + sep + v, len(w + sep + v))
        for k in range(1000):
            a.add_word(" ".join(f"{k:03d}"), 5)
        a.make_automaton()
        _AUTOMATON.append(a)
    return _AUTOMATON[0]


def _read(seg: str) -> Unescaped | None:
    parts: list[str] = []
    at: list[int] = []
    extra: list[int] = []
    pos = saved = 0
    for run in _RUN.finditer(seg):
        units = _units(seg, list(_PIECE.finditer(seg, run.start(), run.end())))
        if units is not None and not _spoken_enough(seg, units):
            continue
        n = sum(len(d) for _, _, d in units if d.isdigit()) if units is not None else 0
        if n < MIN_DIGITS and (n < MIN_PIN_DIGITS or
                               _PIN_BEFORE.search(seg, max(0, run.start() - 20), run.start()) is None):
            continue
        parts.append(seg[pos:run.start()])
        out_pos = run.start() - saved
        for s, e, d in units:
            cuts = _cut(e - s, len(d))
            for k, ch in enumerate(d):
                parts.append(ch)
                at.append(out_pos)
                saved += cuts[k + 1] - cuts[k] - 1
                extra.append(saved)
                out_pos += 1
        pos = run.end()
    if not at:
        return None
    parts.append(seg[pos:])
    return Unescaped("".join(parts), at, extra)


def _spoken_enough(seg: str, units: list[tuple[int, int, str]]) -> bool:
    """Whether a run is one said aloud: digits one at a time, or two digit words or more among
    groups of digits (groups alone, "2024-06-11 15 41", are written, not said)."""
    words = groups = 0
    for s, e, d in units:
        if d.isdigit():
            head = seg[s:e].lstrip(" ,.-\u2026")[:1]
            if head.isalpha():
                words += 1
            elif len(d) > 1:
                groups += 1
    return groups == 0 or words >= 2


def _units(seg: str, pieces: list[re.Match]) -> list[tuple[int, int, str]] | None:
    """(start, end, what it reads as) of each part of a run: a separator ("-" for a dash, " "
    for a pause), a word with the blank before it (its digit), "double"/"triple" through the
    word after it (its digit two or three times); None where a run ends in "double"."""
    out: list[tuple[int, int, str]] = []
    k = 0
    while k < len(pieces):
        m = pieces[k]
        sep = m.group("sep") or ""
        ws = m.start("w")
        if sep.strip(" ") and sep != "-":  # ", ", " dash " (a hyphen joins words: "five-eight")
            out.append((m.start(), ws, "-" if sep.strip(" ,.\u2026") else " "))
            start = ws
        else:
            start = m.start()  # (no separator, or blanks: they go with the word)
        w = m.group("w").lower()
        if w in ("double", "triple"):
            if k + 1 >= len(pieces) or (pieces[k + 1].group("sep") or "").strip(" ") or \
                    pieces[k + 1].group("w").lower() in ("double", "triple"):
                return None
            nxt = pieces[k + 1].group("w").lower()
            out.append((start, pieces[k + 1].end(), _DIGIT.get(nxt, nxt) * (2 if w == "double" else 3)))
            k += 2
            continue
        out.append((start, m.end(), "+" if w == "plus" else _DIGIT.get(w, w)))
        k += 1
    return out


def _cut(n: int, parts: int) -> list[int]:
    """Offsets cutting ``n`` characters into ``parts`` non-empty pieces (a word's text for its
    digits)."""
    step = n // parts
    return [k * step for k in range(parts)] + [n]
