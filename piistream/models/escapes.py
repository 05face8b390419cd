"""Escaped text, read as what it stands for: the detector's view of a segment, with a map back.

Logs carry values escaped for where they came from: a URL's query (``card%204111111111111111``,
``ssn%3D536-90-4399``, ``tel:%2B14155550132``), a JSON string written into a text line
(``jane.doe\\u0040example.com``), an HTML page (``jane&#64;example.com``, ``4016&nbsp;6131``).
Every recognizer would need each escape as a separator, a digit and a key operator. Instead the
detector reads each segment with its escapes decoded (``decode``), and maps the spans it finds
back to the segment as written (``Unescaped.to_raw``): the redaction covers the escapes too.

Decoded: ``%XX`` of a printable ASCII character (a line break as a space: a segment holds no
line break), ``\\uXXXX`` of any character but a surrogate or a control, JSON's short escapes
(``\\n \\r \\t \\" \\/``; a line break ends a value), and HTML character references
(``&#64;``, ``&#x40;``, and ``&nbsp; &amp; &lt; &gt; &quot; &apos;``). One pass, left to right,
never twice (``%2540`` is ``%40``, not ``@``). A segment without ``%``, ``\\`` or ``&`` costs
three ``in`` tests.
"""
from __future__ import annotations

import re
from bisect import bisect_left

import numpy as np

_PERCENT = r"%([0-9A-Fa-f]{2})"
_OTHERS = (r"\\u([0-9A-Fa-f]{4})|&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})"
           r"|(nbsp|amp|lt|gt|quot|apos|commat|period|hyphen|dash|colon|lowbar|sol));"
           r"|\\([ntr\"/\\@\-. _:])")
_ESCAPE = re.compile(_PERCENT + "|" + _OTHERS)
_OTHER = re.compile(_OTHERS)  # every form but percent escapes (``_decode_np`` finds those apart)
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
          "@": "@", "-": "-", ".": ".", " ": " ", "_": "_", ":": ":"}


def _char(m: re.Match) -> str | None:
    """The character an escape stands for, or None to keep it as written."""
    pct, uni, dec, hexa, name, short = m.groups()
    if short is not None:
        return _SHORT[short]
    if pct is not None:
        code = int(pct, 16)
        if code in (0x0A, 0x0D):
            return " "  # a line break inside a segment: white space (segments hold none)
        return chr(code) if 0x20 <= code < 0x7F or code == 0x09 else None
    if name is not None:
        return _NAMED[name]
    code = int(uni or dec or hexa, 16 if (uni or hexa) else 10)
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
        """Decoded offsets of the spaces that escapes stand for (``%20``, ``%0A``, ``\\u0020``)."""
        text = self.text
        return [a for a in self._at if text[a] == " "]

    def to_raw(self, pos: int) -> int:
        """The offset in the raw segment of decoded offset ``pos`` (a span's start or end: an
        escape maps to all of its characters)."""
        k = bisect_left(self._at, pos)
        return pos + (self._extra[k - 1] if k else 0)


VECTOR_MIN = 2048  # characters from which ``decode`` finds percent escapes with numpy


def decode(raw: str) -> Unescaped | None:
    """``raw`` with its escapes decoded (see the module), or None when it has none."""
    pct = "%" in raw
    if not pct and "\\" not in raw and "&" not in raw:
        return None
    return _decode_np(raw, pct) if len(raw) >= VECTOR_MIN else _decode_re(raw)


def _decode_re(raw: str) -> Unescaped | None:
    """The reference: one regex match and a Python step per escape (a log line's few)."""
    memo = _MEMO
    parts: list[str] = []
    at: list[int] = []
    extra: list[int] = []
    pos = saved = 0
    for m in _ESCAPE.finditer(raw):
        esc = m.group()
        ch = memo.get(esc, _UNSEEN)
        if ch is _UNSEEN:
            ch = _char(m)
            if len(memo) < 4096:
                memo[esc] = ch
        if ch is None:
            continue
        s = m.start()
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


def _decode_np(raw: str, pct: bool) -> Unescaped | None:
    """``_decode_re`` for long texts: percent escapes, the ones a record can hold by the
    hundred thousand, are found and decoded as array operations (1 MiB of them: 0.08 s, 0.5 s
    one at a time); the other forms one match at a time."""
    pos_l: list[int] = []
    len_l: list[int] = []
    chr_l: list[int] = []
    if "\\" in raw or "&" in raw:
        memo = _MEMO
        for m in _OTHER.finditer(raw):
            esc = m.group()
            ch = memo.get(esc, _UNSEEN)
            if ch is _UNSEEN:
                ch = _char(_ESCAPE.fullmatch(esc))
                if len(memo) < 4096:
                    memo[esc] = ch
            if ch is not None:
                pos_l.append(m.start())
                len_l.append(len(esc))
                chr_l.append(ord(ch))
    codes = np.frombuffer(raw.encode("utf-32-le"), dtype=np.uint32)
    pos = np.array(pos_l, dtype=np.int64)
    lens = np.array(len_l, dtype=np.int64)
    chars = np.array(chr_l, dtype=np.uint32)
    if pct and len(codes) >= 3:
        hexv = _HEX[np.minimum(codes, 127)]
        hexv[codes > 127] = -1
        at_pct = np.flatnonzero((codes[:-2] == 37) & (hexv[1:-1] >= 0) & (hexv[2:] >= 0))
        if len(at_pct):
            value = (hexv[at_pct + 1] * 16 + hexv[at_pct + 2]).astype(np.uint32)
            value[(value == 0x0A) | (value == 0x0D)] = 0x20
            ok = ((value >= 0x20) & (value < 0x7F)) | (value == 0x09)
            at_pct, value = at_pct[ok], value[ok]
            # (a percent escape never overlaps another escape: its hex digits are no '%', '&'
            # or '\\'; "%26#64;" is '&' followed by "#64;", as a left-to-right reading has it)
            pos = np.concatenate([pos, at_pct])
            lens = np.concatenate([lens, np.full(len(at_pct), 3, dtype=np.int64)])
            chars = np.concatenate([chars, value])
    if not len(pos):
        return None
    order = np.argsort(pos, kind="stable")
    pos, lens, chars = pos[order], lens[order], chars[order]
    out = codes.copy()
    out[pos] = chars
    keep = np.ones(len(codes), dtype=bool)
    for k in range(1, int(lens.max())):  # the escapes' other characters go
        tail = pos[lens > k] + k
        keep[tail] = False
    extra = np.cumsum(lens - 1)
    at = pos - (extra - (lens - 1))
    return Unescaped(out[keep].tobytes().decode("utf-32-le"), at.tolist(), extra.tolist())


_MEMO: dict[str, str | None] = {}  # an escape as written -> its character (bounded)
_UNSEEN = object()
_HEX = np.full(128, -1, dtype=np.int64)
for _i, _c in enumerate("0123456789abcdef"):
    _HEX[ord(_c)] = _i
    _HEX[ord(_c.upper())] = _i
