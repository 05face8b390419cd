"""Escaped text, read as what it stands for: the detector's view of a segment, with a map back.

Logs carry values escaped for where they came from: a URL's query (``card%204111111111111111``,
``ssn%3D536-90-4399``, ``tel:%2B14155550132``), a JSON string written into a text line
(``jane.doe\\u0040example.com``), an HTML page (``jane&#64;example.com``, ``4016&nbsp;6131``).
Every recognizer would need each escape as a separator, a digit and a key operator. Instead the
detector reads each segment with its escapes decoded (``decode``), and maps the spans it finds
back to the segment as written (``Unescaped.to_raw``): the redaction covers the escapes too.

Decoded: ``%XX`` of a printable ASCII character (a line break as a space: a segment holds no
line break), ``\\uXXXX`` of any character but a surrogate or a control, JSON's short escapes
(``\\n \\r \\t \\" \\/``; a line break ends a value), C's ``\\xHH`` and octal ``\\NNN`` of a
printable ASCII character, and HTML character references
(``&#64;``, ``&#x40;``, and ``&nbsp; &amp; &lt; &gt; &quot; &apos;``). One pass, left to right,
never twice (``%2540`` is ``%40``, not ``@``), but for the escapes a JSON string escapes again
when it holds another JSON document or a regex: two or four backslashes before ``.@+-`` or
before ``uXXXX`` (``jane\\\\u0040x.io`` in a document logged inside another's string). A segment
without ``%``, ``\\`` or ``&`` costs three ``in`` tests.
"""
from __future__ import annotations

import re
from bisect import bisect_left

import numpy as np

from .recognizers.base import INVISIBLE, OffsetMap, account_backslash

_PERCENT = r"%([0-9A-Fa-f]{2})"
_OTHERS = (r"\\u([0-9A-Fa-f]{4})|&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})"
           r"|(nbsp|amp|lt|gt|quot|apos|commat|period|hyphen|dash|colon|lowbar|sol));"
           r"|\\x([0-9A-Fa-f]{2})|\\([0-3][0-7]{2})"
           r"|(?:\\\\){1,2}([.@+\-])"
           r"|(?:\\\\){1,2}u([0-9A-Fa-f]{4})"
           r"|\\([ntr\"/\\@\-. _:+=])")
_ESCAPE = re.compile(_PERCENT + "|" + _OTHERS)
_NAMED = {"nbsp": "\u00a0", "amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'",
          "commat": "@", "period": ".", "hyphen": "-", "dash": "-", "colon": ":", "lowbar": "_",
          "sol": "/"}
# JSON's short escapes in a text line (msg="data:\\nssn: ...", \\"account\\": \\"...\\"): the line
# break it stands for (no pattern crosses one, and a value ends at it: "KEY=\\nOTHER=" holds no
# value), the tab, quote and slash. A doubled backslash is read as one escape and kept as
# written (a UNC path, \\\\nas\\share, holds no line break)
_SHORT = {"n": "\n", "r": "\n", "t": "\t", '"': '"', "/": "/", "\\": None,
          # a character escaped by a shell or a regex ("536\-90\-4399", "jane\@x.io",
          # "4111\ 1111"): the character itself
          "@": "@", "-": "-", ".": ".", " ": " ", "_": "_", ":": ":", "+": "+",
          # (and an equals sign escaped in a CEF extension's value or a properties file:
          # "request=https://x/login?email\\=a&password\\=...", "db.password\\=...")
          "=": "="}
# a regex's escape written into a JSON string, once or twice (a Mongo or Elasticsearch query
# log: {"$regex":"^bob\\\\.smith@gmail\\\\.com$"}, "diego\\\\+shop@x\\\\.com"; nested JSON: four
# backslashes): a run of two or four backslashes right before an address's or a number's
# punctuation stands for the character (a run of another length pairs as JSON's escapes)
_REGEX_ESCAPED = frozenset(".@+-")


def _char(m: re.Match) -> str | None:
    """The character an escape stands for, or None to keep it as written."""
    pct, uni, dec, hexa, name, xhex, octal, regex, nested, short = m.groups()
    if short is not None:
        return _SHORT[short]
    if regex is not None:
        return regex
    if xhex is not None or octal is not None:
        # C, Python and shell strings ("\\x35\\x33\\x36", git's quoted "\\065"): a printable
        # ASCII character only (a byte of a multi-byte character is kept as written)
        code = int(xhex, 16) if xhex is not None else int(octal, 8)
        return chr(code) if 0x20 <= code < 0x7F else None
    if pct is not None:
        code = int(pct, 16)
        if code in (0x0A, 0x0D):
            return " "  # a line break inside a segment: white space (segments hold none)
        return chr(code) if 0x20 <= code < 0x7F or code == 0x09 else None
    if name is not None:
        return _NAMED[name]
    code = int(uni or nested or dec or hexa, 16 if (uni or nested or hexa) else 10)
    if code in (0x0A, 0x0D):
        return " "
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or (code < 0x20 and code != 0x09) or \
            0x7F <= code < 0xA0:
        return None
    return chr(code)


class Unescaped:
    """A segment's decoded text and the way back to offsets in the segment as written."""

    __slots__ = ("text", "_at", "_extra")

    def __init__(self, text: str, at: list[int], extra: list[int]):
        self.text = text
        self._at = at        # decoded offset of each decoded escape, increasing
        self._extra = extra  # characters the escapes up to and including that one saved

    def escaped_spaces(self) -> list[int]:
        """Decoded offsets of the blanks that escapes stand for (``%20``, ``%09``, ``%0A``, ``\\u0020``)."""
        text = self.text
        return [a for a in self._at if text[a] in " \t"]

    def to_raw(self, pos: int) -> int:
        """The offset in the raw segment of decoded offset ``pos`` (a span's start or end: an
        escape maps to all of its characters)."""
        k = bisect_left(self._at, pos)
        return pos + (self._extra[k - 1] if k else 0)


VECTOR_MIN = 2048  # characters from which escapes are found as array operations (``decode_all``)


def decode(raw: str) -> Unescaped | None:
    """``raw`` with its escapes decoded (see the module), or None when it has none."""
    if "%" not in raw and "\\" not in raw and "&" not in raw:
        return None
    return decode_all([raw]).get(0) if len(raw) >= VECTOR_MIN else _decode_re(raw)


def _decode_re(raw: str) -> Unescaped | None:
    """The reference: one regex match and a Python step per escape (a log line's few)."""
    memo = _MEMO
    parts: list[str] = []
    at: list[int] = []
    extra: list[int] = []
    pos = saved = 0
    for m in _ESCAPE.finditer(raw):
        esc = m.group()
        ch = memo.get(esc, _UNCACHED)
        if ch is _UNCACHED:
            ch = _char(m)
            if len(memo) < 4096:
                memo[esc] = ch
        if ch is None:
            continue
        s = m.start()
        if ch in "\n\t" and m.group(10) is not None and account_backslash(raw, s):
            continue
        parts.append(raw[pos:s])
        parts.append(ch)
        at.append(s - saved)
        saved += len(esc) - 1
        extra.append(saved)
        pos = s + len(esc)
    if not at:
        return None
    parts.append(raw[pos:])
    return Unescaped("".join(parts), at, extra)


def decode_all(segments: list[str]) -> dict[int, Unescaped]:
    """``{i: decode(seg)}`` for every segment that has escapes: a batch's segments decoded
    together. Where they hold at least ``VECTOR_MIN`` characters, as array operations over the
    segments joined (a log line of JSON has dozens of ``\\n``, ``\\"``, ``\\\\``: a Python step
    and a match object each were a sixth of the candidate stage on real logs); else each
    segment by the reference (``_decode_re``)."""
    flagged = [i for i, seg in enumerate(segments)
               if "\\" in seg or "%" in seg or "&" in seg]
    if not flagged:
        return {}
    if sum(len(segments[i]) for i in flagged) < VECTOR_MIN:
        out = {}
        for i in flagged:
            u = _decode_re(segments[i])
            if u is not None:
                out[i] = u
        return out
    return _decode_joined(segments, flagged)


# what a backslash and the character after it stand for: the code, -1 no escape, -2 an escape
# kept as written (a doubled backslash)
_SHORT_NP = np.full(128, -1, dtype=np.int64)
for _k, _v in _SHORT.items():
    _SHORT_NP[ord(_k)] = -2 if _v is None else ord(_v)
_REGEX_NP = np.zeros(128, dtype=bool)
_REGEX_NP[[ord(ch) for ch in _REGEX_ESCAPED]] = True
_AMP = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})"
                  r"|(nbsp|amp|lt|gt|quot|apos|commat|period|hyphen|dash|colon|lowbar|sol));")


def _printable(code: np.ndarray) -> np.ndarray:
    return (code >= 0x20) & (code < 0x7F)


def _decode_joined(segments: list[str], flagged: list[int]) -> dict[int, Unescaped]:
    """``decode_all`` over the flagged segments joined by line breaks (no escape holds one, so
    none spans two segments), every form found as array operations but the HTML references
    (rare; one match each, as the reference reads them)."""
    joined = "\n".join(segments[i] for i in flagged)
    n = len(joined)
    # (six line breaks after the text: the characters after an escape's head are read without
    # a bound check, and a line break is in no escape)
    padded = np.frombuffer((joined + "\n" * 6).encode("utf-32-le", "surrogatepass"),
                           dtype=np.uint32)
    codes = padded[:n]

    def hexv(at):  # the hex digit's value at each offset, or -1
        v = _HEX[np.minimum(padded[at], 127)]
        v[padded[at] > 127] = -1
        return v
    pos_parts, len_parts, chr_parts = [], [], []

    def found(at, length, value, lengths=None):
        pos_parts.append(at)
        len_parts.append(np.full(len(at), length, dtype=np.int64) if lengths is None else lengths)
        chr_parts.append(value.astype(np.uint32))

    # %XX of a printable ASCII character; a line break as a space
    at = np.flatnonzero(codes == 37)
    h1, h2 = hexv(at + 1), hexv(at + 2)
    sel = (h1 >= 0) & (h2 >= 0)
    at = at[sel]
    if len(at):
        value = h1[sel] * 16 + h2[sel]
        value[(value == 0x0A) | (value == 0x0D)] = 0x20
        ok = _printable(value) | (value == 0x09)
        found(at[ok], 3, value[ok])
    # backslash forms: in a run of backslashes they pair from the left, so an escape starts at
    # each backslash an even number of places into its run
    bs = np.flatnonzero(codes == 92)
    if len(bs):
        key = bs - np.arange(len(bs))  # constant along a run
        first = np.empty(len(bs), dtype=bool)
        first[0] = True
        first[1:] = key[1:] != key[:-1]
        run_start = bs[first][np.cumsum(first) - 1]
        at = bs[((bs - run_start) & 1) == 0]
        c = padded[at + 1].astype(np.int64)
        h = [hexv(at + k) for k in (2, 3, 4, 5)]
        # \uXXXX: any character but a surrogate or a control (a line break as a space)
        sel = (c == 0x75) & (h[0] >= 0) & (h[1] >= 0) & (h[2] >= 0) & (h[3] >= 0)
        value = (h[0] * 4096 + h[1] * 256 + h[2] * 16 + h[3])[sel]
        value[(value == 0x0A) | (value == 0x0D)] = 0x20
        ok = ~(((value >= 0xD800) & (value <= 0xDFFF)) | ((value < 0x20) & (value != 0x09)) |
               ((value >= 0x7F) & (value < 0xA0)))
        found(at[sel][ok], 6, value[ok])
        # \xHH and \NNN (octal) of a printable ASCII character
        sel = (c == 0x78) & (h[0] >= 0) & (h[1] >= 0)
        value = (h[0] * 16 + h[1])[sel]
        ok = _printable(value)
        found(at[sel][ok], 4, value[ok])
        o1, o2 = padded[at + 2].astype(np.int64), padded[at + 3].astype(np.int64)
        sel = (c >= 0x30) & (c <= 0x33) & (o1 >= 0x30) & (o1 <= 0x37) & (o2 >= 0x30) & (o2 <= 0x37)
        value = ((c - 0x30) * 64 + (o1 - 0x30) * 8 + (o2 - 0x30))[sel]
        ok = _printable(value)
        found(at[sel][ok], 4, value[ok])
        # a regex's escape in a JSON string: a run of 2 or 4 backslashes (from the first pair
        # that leaves exactly that many: a run of 6 is a kept pair, then 4) and the character
        run_len = np.diff(np.append(np.flatnonzero(first), len(bs)))
        run_end = (bs[first] + run_len)[np.cumsum(first) - 1][((bs - run_start) & 1) == 0]
        rest = run_end - at
        tail = padded[run_end].astype(np.int64)
        sel = ((rest == 4) | ((rest == 2) & (run_end - run_start[((bs - run_start) & 1) == 0] == 2))) \
            & _REGEX_NP[np.minimum(tail, 127)] & (tail < 128)
        found(at[sel], 0, tail[sel], rest[sel] + 1)
        # and a \uXXXX written into a JSON string once or twice more (a JSON document logged
        # inside another's string: "daisy\\\\u0040hotmail.com", "5489\\\\u002d1383"): the same runs,
        # then u and four hex digits, read as \uXXXX is
        even_start = run_start[((bs - run_start) & 1) == 0]
        hu = [hexv(run_end + k) for k in (1, 2, 3, 4)]
        sel = ((rest == 4) | ((rest == 2) & (run_end - even_start == 2))) & (tail == 0x75) & \
            (hu[0] >= 0) & (hu[1] >= 0) & (hu[2] >= 0) & (hu[3] >= 0)
        value = (hu[0] * 4096 + hu[1] * 256 + hu[2] * 16 + hu[3])[sel]
        value[(value == 0x0A) | (value == 0x0D)] = 0x20
        ok = ~(((value >= 0xD800) & (value <= 0xDFFF)) | ((value < 0x20) & (value != 0x09)) |
               ((value >= 0x7F) & (value < 0xA0)))
        found(at[sel][ok], 0, value[ok], (rest[sel] + 5)[ok])
        # JSON's and a shell's short escapes
        value = _SHORT_NP[np.minimum(c, 127)]
        value[c > 127] = -1
        sel = value >= 0
        # (not a Windows account's backslash: DOMAIN\user, ``base.account_backslash``; a
        # domain's character before it first, as arrays, then the few left)
        prev = padded[np.maximum(at - 1, 0)].astype(np.int64)
        maybe = np.flatnonzero(sel & ((c == 0x6E) | (c == 0x72) | (c == 0x74)) & (at > 0) &
                               (((prev >= 0x41) & (prev <= 0x5A)) | ((prev >= 0x30) & (prev <= 0x39)) |
                                (prev == 0x5F) | (prev == 0x2D)))
        for k in maybe.tolist():
            if account_backslash(joined, int(at[k])):
                sel[k] = False
        found(at[sel], 2, value[sel])
    if "&" in joined:
        memo = _MEMO
        amp_at, amp_len, amp_chr = [], [], []
        for m in _AMP.finditer(joined):
            esc = m.group()
            ch = memo.get(esc, _UNCACHED)
            if ch is _UNCACHED:
                ch = _char(_ESCAPE.fullmatch(esc))
                if len(memo) < 4096:
                    memo[esc] = ch
            if ch is not None:
                amp_at.append(m.start())
                amp_len.append(len(esc))
                amp_chr.append(ord(ch))
        found(np.array(amp_at, dtype=np.int64), 0, np.array(amp_chr, dtype=np.uint32),
              np.array(amp_len, dtype=np.int64))
    if not pos_parts:
        return {}
    pos = np.concatenate(pos_parts)
    if not len(pos):
        return {}
    lens, chars = np.concatenate(len_parts), np.concatenate(chr_parts)
    order = np.argsort(pos, kind="stable")
    pos, lens, chars = pos[order], lens[order], chars[order]
    out = codes.copy()
    out[pos] = chars
    keep = np.ones(n, dtype=bool)
    for k in range(1, int(lens.max())):  # the escapes' other characters go
        keep[pos[lens > k] + k] = False
    decoded = out[keep].tobytes().decode("utf-32-le", "surrogatepass")
    extra = np.cumsum(lens - 1)
    at_all = pos - (extra - (lens - 1))  # each escape's offset in ``decoded``
    # each segment's escapes, and what the escapes before it saved
    starts = np.cumsum([0] + [len(segments[i]) + 1 for i in flagged])
    lo = np.searchsorted(pos, starts[:-1])
    hi = np.searchsorted(pos, starts[1:])
    result: dict[int, Unescaped] = {}
    at_list, extra_list = at_all.tolist(), extra.tolist()
    for k in np.flatnonzero(hi > lo).tolist():
        a, b = int(lo[k]), int(hi[k])
        saved = extra_list[a - 1] if a else 0
        begin = int(starts[k]) - saved
        end = begin + len(segments[flagged[k]]) - (extra_list[b - 1] - saved)
        result[flagged[k]] = Unescaped(decoded[begin:end], [x - begin for x in at_list[a:b]],
                                       [x - saved for x in extra_list[a:b]])
    return result


_MEMO: dict[str, str | None] = {}  # an escape as written -> its character (bounded)
_UNCACHED = object()
_HEX = np.full(128, -1, dtype=np.int64)
for _i, _c in enumerate("0123456789abcdef"):
    _HEX[ord(_c)] = _i
    _HEX[ord(_c.upper())] = _i


# -- what a reader does not see ------------------------------------------------------------------
# Characters that render as nothing, put inside a value by an editor, a terminal or someone
# slipping it past a scanner: zero-width characters and joiners, bidi marks, soft hyphens,
# variation selectors (``INVISIBLE``); control characters; ANSI terminal sequences (a coloured
# log: "ssn \x1b[1m536-90-4399\x1b[0m"); combining marks put on an ASCII character
# ("5\u03013\u03016-90-4399", a keycap "4\u20e3"). Each recognizer would need them between any
# two characters of any value (a token, an address, a key). Instead the detector reads each
# segment without them (``unseen``) and maps the spans it finds back (``Unseen.to_raw``): the
# redaction covers what sits inside a value. A control that breaks a line (CR, VT, FF, NEL,
# the line and paragraph separators, the information separators) next to a letter is read as a
# space (it parts two words: "password\x0cHunter2"); between digits and separators, as nothing
# (it splits a number: "536-90\x0b-4399").
# (a two-character escape whose second character is a letter, ESC D, ESC M, is read as the
# control alone: the letter may be a value's first, "\x1bDE89 3704 ..." is an IBAN in the raw text)
_ANSI = r"\x1b(?:\[[0-?]{0,32}[ -/]{0,8}[@-~]|\][^\x07\x1b]{0,512}(?:\x07|\x1b\\)?|[@\\-_])"
_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029"
_CONTROLS = "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"
_ASCII_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_UNSEEN_RE = re.compile(_ANSI + "|[" + _BREAKS + _CONTROLS + re.escape(INVISIBLE) + "]" +
                        "|(?P<marks>[" + _ASCII_MARKS + "]+)")
# the bytes whose presence (in UTF-8) sends a batch to ``unseen``: controls but tab and LF (a
# text record's CR is one inside it: ``Processor`` strips the one that ends a CRLF line)
_ASCII_UNSEEN = bytes([*range(0x00, 0x09), 0x0B, 0x0C, 0x0D, *range(0x0E, 0x20), 0x7F])


class Unseen:
    """A segment read without what a reader does not see, and the way back to offsets in it."""

    __slots__ = ("text", "map")

    def __init__(self, text: str, removed: list[int]):
        self.text = text
        self.map = OffsetMap(removed)

    def to_raw(self, pos: int, end: bool) -> int:
        """The offset in the segment of a span's start (``end`` False) or end at ``pos``."""
        return self.map.orig_end(pos) if end else self.map.orig(pos)

    def norm(self, pos: int) -> int:
        """The offset in ``text`` of the first character at or after the segment's ``pos``."""
        return self.map.norm(pos)


def unseen(segments: list[str]) -> dict[int, Unseen]:
    """The segments that hold characters a reader does not see (see above), read without them:
    {index: Unseen}. An ASCII batch without controls costs one encode and one translate."""
    out: dict[int, Unseen] = {}
    text = "\n".join(segments)
    ascii_only = text.isascii()
    raw = text.encode("ascii" if ascii_only else "utf-8", "surrogatepass")
    controls = len(raw.translate(None, _ASCII_UNSEEN)) != len(raw)
    zpl = "^FD" in text
    markup = "</" in text or "<br" in text
    if controls or markup:
        maybe = range(len(segments))
    elif zpl:
        maybe = [i for i, seg in enumerate(segments) if not seg.isascii() or "^FD" in seg]
    elif ascii_only:
        return out
    else:  # only the segments with a character outside ASCII can hold one
        maybe = [i for i, seg in enumerate(segments) if not seg.isascii()]
    search, lookalike = _UNSEEN_RE.search, _LOOKALIKE_ANY.search
    for i in maybe:
        seg = segments[i]
        got = _read_unseen(seg) if search(seg) is not None else None
        text = got.text if got is not None else seg
        if not text.isascii() and lookalike(text):
            read = _read_lookalikes(text)
            if read != text:
                got = Unseen(read, got.map.removed if got is not None else [])
        if markup and "<" in text:
            # HTML's text-level tags between words, read as one blank (``_MARKUP_RUN``)
            read = _read_markup(text)
            if read is not None:
                text2, gone = read
                if got is not None:  # (the removed offsets of the text read so far, as written)
                    gone = [got.map.orig(j) for j in gone]
                    gone = sorted(set(gone).union(got.map.removed))
                got = Unseen(text2, gone)
                text = text2
        if zpl and "^FD" in text:
            # a ZPL label's field data: "^FDTEL: 9067101578^FS" is read as "   TEL: 9067101578   "
            # (the commands are no part of the value; same length, no offset moves)
            read = _ZPL_FIELD.sub("   ", text)
            got = Unseen(read, got.map.removed if got is not None else [])
        if got is not None:
            out[i] = got
    return out


_ZPL_FIELD = re.compile(r"\^F[DS]")
# HTML's text-level and layout tags between words ("<p>Hi,</p><p><strong>pw for the admin
# account is ...</strong>", an OCR engine's hOCR: "<span class='ocrx_word' title='bbox 310 254
# 450 288; x_wconf 86'>Account</span> <span ...>Number:</span> <span ...>3278...</span>"): a run
# of them, with the blanks around, is read as one blank between the words (its last character
# kept as the blank, the others removed). Only tags whose attributes say how text looks or
# where it lies: a tag with any other attribute (a link's href, an input's value, a class
# or an id that may name the value: class="acct") stays as written, its words and values read
# where they stand.
_MARKUP_NAMES = (r"span|div|p|b|i|u|s|em|strong|font|small|big|sup|sub|mark|code|tt|td|th|tr|tbody|thead|"
                 r"table|li|ul|ol|dd|dt|dl|br|hr|h[1-6]|blockquote|pre|center|nobr|wbr|ins|del|strike|cite|q")
_MARKUP_ATTR = (r"""[ \t]+(?:(?:style|dir|lang|align|valign|width|height|colspan|rowspan)[ \t]*=[ \t]*"""
                r"""(?:"[^"<>\n]{0,200}"|'[^'<>\n]{0,200}'|[\w\-.:;#%]{1,60})"""
                # (hOCR's: its classes and ids, a word's box and confidence in its title)
                r"""|class[ \t]*=[ \t]*(["']?)ocrx?_[\w\-]{0,40}\1"""
                r"""|id[ \t]*=[ \t]*(["']?)[a-z]{1,8}_\d{1,6}(?:_\d{1,6}){0,3}\2"""
                r"""|title[ \t]*=[ \t]*(["'])(?:bbox|image)[^"'<>\n]{0,200}\3)""")
_MARKUP_RUN = re.compile(r"(?:[ \t]*</?(?i:" + _MARKUP_NAMES + r")(?:" + _MARKUP_ATTR + r")*[ \t]*/?>)+[ \t]*")


def _read_markup(text: str) -> tuple[str, list[int]] | None:
    """(text read, removed offsets) of ``text`` with its runs of ``_MARKUP_RUN`` read as a blank."""
    pieces: list[str] = []
    removed: list[int] = []
    pos = 0
    for m in _MARKUP_RUN.finditer(text):
        s, e = m.span()
        pieces.append(text[pos:s])
        pieces.append(" ")
        removed.extend(range(s, e - 1))
        pos = e
    if pos == 0:
        return None
    pieces.append(text[pos:])
    return "".join(pieces), removed
_FIELD_NEXT = re.compile(r"[A-Za-z0-9_.\-]{1,40}=")  # (a key: "536\x01\x01-90-4399" stays one number)


# Characters written for ASCII ones, read as them (same length: no offset moves): fullwidth
# letters, digits, '_' and '=' ("ghp＿...", "ｐａｓｓｗｏｒｄ＝"; fullwidth punctuation is CJK text's
# own: "，" ends a sentence, not a value) and the ideographic space, and, inside a token that mixes them with ASCII
# letters or digits, Cyrillic and Greek letters that look like Latin ones ("АKIA..." with a
# Cyrillic А: a key that dodges a scanner's prefix). A word all in Cyrillic or Greek is left as
# it is (пароль is a word).
_FULLWIDTH = {c: c - 0xFEE0 for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                       *range(0xFF41, 0xFF5B), 0xFF3F, 0xFF1D]}
_FULLWIDTH[0x3000] = 0x20
_CONF = "АВЕКМНОРСТХУаеорсухіјѕЅІЈΑΒΕΖΗΙΚΜΝΟΡΤΥΧοικρ"  # each read as the Latin letter below
_CONFUSABLE = str.maketrans(_CONF, "ABEKMHOPCTXYaeopcyxijsSIJABEZHIKMNOPTYXoikp")
_LOOKALIKE_ANY = re.compile("[\\uff10-\\uff19\\uff21-\\uff3a\\uff41-\\uff5a\\uff3f\\uff1d\\u3000" + _CONF + "]")
_MIXED = re.compile(f"(?<=[A-Za-z0-9_])[{_CONF}]+|[{_CONF}]+(?=[A-Za-z0-9_])")


def _read_lookalikes(text: str) -> str:
    text = text.translate(_FULLWIDTH)
    return _MIXED.sub(lambda m: m.group().translate(_CONFUSABLE), text)


def _read_unseen(seg: str) -> Unseen | None:
    pieces: list[str] = []
    removed: list[int] = []
    pos, n = 0, len(seg)
    last = ""  # the last character read so far
    for m in _UNSEEN_RE.finditer(seg):
        s, e = m.span()
        if s > pos:
            pieces.append(seg[pos:s])
            last = seg[s - 1]
        pos = e
        if m.start("marks") >= 0 and not "!" <= last <= "~":
            pieces.append(seg[s:e])  # marks on a letter of another script are part of it
            last = seg[e - 1]
        elif e - s == 1 and seg[s] in _BREAKS and \
                (last.isalpha() or e < n and seg[e].isalpha()):
            pieces.append(" ")  # a line break between words: a space (no offset moves)
            last = " "
        elif seg[s] == "\x01" and e - s == 1 and (e == n or _FIELD_NEXT.match(seg, e)) and \
                seg.count("\x01") >= 2:
            # SOH between fields ("35=A\x01553=...", FIX's separator; "a=1\x01email=...\x01ip=..."),
            # a record's separator used more than once: read as the '|' logs print for it (no
            # offset moves); inside a value, or one alone (slipped into a password before its
            # '='), as nothing
            pieces.append("|")
            last = "|"
        else:
            removed.extend(range(s, e))
    pieces.append(seg[pos:])
    text = "".join(pieces)
    return Unseen(text, removed) if text != seg or removed else None
