"""Recognizer base class and the per-batch text that every recognizer scans.

Design: a micro-batch's text segments are joined into one string (``Batch.text``) so each pattern
runs once per batch, not once per record. Expensive character-class scans (digit runs, keywords)
are shared between recognizers through ``Batch`` caches; recognizers anchor on them and only run
their exact patterns and validators on the small regions that can hold a match.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Callable, ClassVar, Iterable

import numpy as np

from ..validators import DecimalDigits, aba_ok
from . import leads
from .given_names import GIVEN_NAMES

SEP = "\n"  # segments never match across it: no pattern in this package accepts a newline


# -- numbers as people write them ---------------------------------------------------------------
# Groups of digits are separated by more than an ASCII space or dash: NBSP and thin spaces
# (typographic and locale-formatted output), en/em dashes and minus signs (word processors),
# dots, slashes, underscores, fullwidth forms (CJK input methods); digits come in other scripts
# (fullwidth, Arabic-Indic, Devanagari: every Unicode decimal digit); and characters that render
# as nothing (zero-width space and joiners, word joiner, soft hyphen, bidi marks, variation
# selectors) can sit anywhere. A redactor must read the number a person reads. So the numeric
# token scan accepts all of them, and the numeric recognizers run their exact patterns (written
# for ASCII) on a normalised copy of each token (``normalize_number``: digits to ASCII, each
# separator to its ASCII form, invisible characters dropped), with offsets mapped back
# (``Recognizer.exact_in_tokens``). ASCII text takes the fast path, untouched.


def _expand(spec: str) -> str:
    """'a-c' ranges in a character list, expanded."""
    out, i = [], 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            out.extend(map(chr, range(ord(spec[i]), ord(spec[i + 2]) + 1)))
            i += 3
        else:
            out.append(spec[i])
            i += 1
    return "".join(out)


INVISIBLE = _expand("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f"
                    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0")
# ASCII form <- the characters written for it between digit groups
SEPARATORS = {
    # (and the marks that part groups of digits in other typing: the middle dot, bullet and
    # hyphenation point, the two- and three-em dashes, Japanese's long-vowel mark and middle
    # dot, full and half width: "ssn 536·90·4399", "電話03ー1234ー5678")
    "-": _expand("\u2010-\u2015\u2043\u2212\ufe58\ufe63\uff0d\u00b7\u2022\u2027\u2219"
                 "\u2e3a\u2e3b\u30fb\u30fc\uff65\uff70"),
    " ": _expand("\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"),
    ".": _expand("\u2024\ufe52\uff0e"),
    "/": _expand("\u2044\u2215\u29f8\uff0f"),
    "_": "\uff3f",
    "(": "\uff08", ")": "\uff09", "+": "\uff0b",
}
ASCII_SEPARATORS = " -./_()"  # between the digits of a numeric token, after normalisation
# (not a tab: one between two groups is more often a TSV row's delimiter, "210139169<TAB>
# 678333792", than a pasted field's end inside a value, "S.S.N. 495 06<TAB>9392")
_TOKEN_BLANKS = ""
_UNICODE_SEPARATORS = "".join(chars for ascii_form, chars in SEPARATORS.items() if ascii_form != "+")
# what may stand between two groups of digits, as a regex character class: a space, dash, dot,
# slash or underscore in any of its forms, and invisible characters
GROUP_GAP = "[" + re.escape(" -./_" + "".join(SEPARATORS[c] for c in " -./_") + INVISIBLE) + "]"
# a Windows account, DOMAIN\user: a NetBIOS domain's capitals, a backslash, the user's name
# ("/user:ACME\rmaxwell11", "GLOBEX\timothyo", "CORP\nancy"): the backslash and the letter
# after it are no escape (read as a carriage return, it broke the command before its password)
# (the domain where an account is written: a line's or a word's start, after a flag's colon, an
# '=' or a quote; not a table's last column name before an escaped row break, "id,SSN\nbob")
_DOMAIN = re.compile(r"(?<![^\s:=\"'(\[/])[A-Z][A-Z0-9_\-]{1,14}\Z")
_DOMAIN_USER = re.compile(r"[nrt][a-z][a-z0-9._\-]{0,62}(?=[\s\"'\]|,;:)]|\Z)")


def account_backslash(text: str, at: int) -> bool:
    """Whether the backslash at ``at`` (before an n, r or t) parts a Windows account's domain
    from its user, not an escape."""
    return _DOMAIN_USER.match(text, at + 1) is not None and \
        _DOMAIN.search(text, max(0, at - 16), at) is not None


# service accounts of remote logins and copies ("git@github.com:org/repo.git", "deploy@host:app"),
# and the words of version control and remote copy before one: what follows "user@host:" is a
# path on the host, not a mailbox's password (email_address, secrets.database)
REMOTE_USERS = frozenset("git hg svn deploy deployer root ubuntu admin ec2-user centos debian "
                         "www-data jenkins gitlab-runner ci build backup ansible".split())
REMOTE_CONTEXT = re.compile(r"(?i)(?<![a-z])(?:git|hg|svn|scp|rsync|sftp|ssh|remote|origin|"
                            r"upstream|clone|fetch|push|pull|mirror)(?![a-z])")
# the members of an object that names its value's type, lower case, as a regex alternation:
# DynamoDB's {"S": "..."} and {"N": "..."}, MongoDB's extended JSON {"$numberLong": "..."},
# Avro's JSON encoding of a union {"string": "..."}, {"long": ...}. The key before the object
# names the value.
TYPE_TAGS = (r"s|n|\$number(?:long|int|decimal|double)|string|long|int|double|bytes"
             # (OpenTelemetry's AnyValue in OTLP/JSON: {"key": "...", "value": {"stringValue": ...}})
             r"|stringvalue|intvalue|integervalue|doublevalue|numbervalue|bytesvalue"
             # (and a document model's field, Azure Document Intelligence's {"AccountNumber":
             # {"type": "string", "valueString": "...", "content": "..."}})
             r"|valuestring|valuenumber|valueinteger|valuephonenumber")
# Maximal runs of digits (any script) and the separators that PII formats use, with invisible
# characters anywhere. Anchors all numeric types.
_NUM_TOKEN = re.compile(r"\d[\d" + re.escape(ASCII_SEPARATORS + _TOKEN_BLANKS + _UNICODE_SEPARATORS
                                                + INVISIBLE) + r"]{5,}\d")
_STRIP_SEPARATORS = str.maketrans("", "", ASCII_SEPARATORS + _TOKEN_BLANKS + _UNICODE_SEPARATORS
                                  + INVISIBLE)


# ``str.translate`` table for ``normalize_number``: separators to ASCII, decimal digits of every
# script to ASCII, anything else unchanged (bounded; the result has the original's length: the
# invisible characters are removed after, with the offsets kept)
_NUMBER_FORMS = DecimalDigits({c: c for c in range(128)})
_NUMBER_FORMS.update({ord(c): a for a, chars in SEPARATORS.items() for c in chars})
_INVISIBLE_RE = re.compile("[" + re.escape(INVISIBLE) + "]")
# Spaces around a dash, dot or slash between two digits ("536 - 90 - 4399", "4111 / 1111"),
# written for legibility: ``normalize_number`` removes them, so every numeric pattern reads the
# groups as it reads "536-90-4399" (the token scan already holds them: a space is a separator)
_SPACED_ANY = re.compile(r"\d(?:[ \t]{1,3}[-./][ \t]{0,3}|[-./][ \t]{1,3}|[ \t]{2,3}|\t)\d|\d(?: \d){6}")
# A run of blanks between two groups of one number: two or three spaces, a tab, mixed ("card
# number 4111  1111 1111 1111", "SSN 536-90  4399", "IBAN DE89  3704 0044 ...": a typist's
# slip, a justified line, a form's fields pasted): read as one space. Not between long runs
# (more than 6 digits a side: two numbers, "10000000  20000001"), nor between two values each
# written with its own separators ("536-90-4399  219-09-9999": a list). Fixed-width columns of
# numbers ("  123  45  6789") read so take an SSN's or a phone's shape: those types make a
# candidate of such a value only in their context (``blank_run``); a checksum (Luhn, mod-97,
# ABA) is the evidence for the others.
_BLANK_RUN = re.compile(r"(?<=\d)(?:[ \t]{2,3}|\t)(?=\d)")
_BLANKS_IN_VALUE = re.compile(r"[\t" + SEPARATORS[" "] + r" ]{2}|\t")


def blank_run(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (a value as written) holds a run of blanks or a tab between
    its groups (``_BLANK_RUN``): its shape alone is a table's columns as much as a value."""
    return _BLANKS_IN_VALUE.search(text, start, end) is not None


# A number spelled digit by digit ("5 3 6 9 0 4 3 9 9", "4 1 1 1 ..."): single digits, one space
# apart, seven or more, with no longer group before or after: read as the digits alone
_DIGIT_BY_DIGIT = re.compile(r"(?<!\d)(?<!\d )\d(?: \d){6,}(?!\d)")
_SPACED_SEP = re.compile(r"(?<=\d)([ \t]{1,3})?[-./]([ \t]{1,3})?(?=\d)")
# where such a separator may be: ``spaced_leads``, from the batch's digit groups
# A list of values joined by a bare slash ("536-90-4399/536-90-4398", "0612345678/0698765432",
# "06 12 34 56 78/06 98 76 54 32"): where the values either side of a slash have one shape (the
# same groups and separators) of 7 digits or more, the slash is read as a comma, which ends a
# value for every numeric pattern. Other slashes are read as before: a path or a fraction of
# numbers, a date ("2024/11/30"), a prefix ("10.0.0.0/8"), an extension ("415-555-0132/33").
_SLASH_JOINT = re.compile(r"(?<=\d)/(?=\d)")
_SEVEN_DIGITS = re.compile(r"\d(?:[-. _]?\d){6}")  # (anchored either side of a slash: linear)


def _slash_list_any(text: str, lo: int = 0, hi: int | None = None) -> bool:
    """Whether ``text[lo:hi]`` has a slash with 7 digits (single separators between them) right
    before and after it: where ``list_slashes`` may find one."""
    hi = len(text) if hi is None else hi
    match = _SEVEN_DIGITS.match
    for m in _SLASH_JOINT.finditer(text, lo, hi):
        j = m.start()
        if match(text, j + 1, hi) and match(text[max(lo, j - 13):j][::-1]):
            return True
    return False


_PIECE = re.compile(r"\d+(?:[-. _]\d+)*")  # a value's groups and single separators
_PIECE_SEPARATORS = "-. _"
_PIECE_MAX = 48  # characters: a longer run of groups is no one value (bounded work per slash)
_SHAPE = str.maketrans("0123456789", "0000000000")


def is_list_slash(s: str, j: int) -> bool:
    """Whether the slash at ``s[j]`` parts two values of one shape: the same groups and
    separators either side of it ("ddd-dd-dddd/ddd-dd-dddd"), 7 digits or more each."""
    if not (0 < j < len(s) - 1 and s[j] == "/" and s[j - 1].isdigit() and s[j + 1].isdigit()):
        return False
    right = _PIECE.match(s, j + 1, j + 2 + _PIECE_MAX)
    if right is None or right.end() - j > _PIECE_MAX:
        return False
    b = right.group()
    start = j - len(b)  # where the piece before starts if it has the same shape
    if start < 0:
        return False
    if start > 0:
        c = s[start - 1]
        if c.isdigit() or c in _PIECE_SEPARATORS and start > 1 and s[start - 2].isdigit():
            return False  # the piece before is longer than the one after
    return s[start:j].translate(_SHAPE) == b.translate(_SHAPE) and sum(map(str.isdigit, b)) >= 7


def list_slashes(s: str) -> list[int]:
    """Offsets of the slashes in ``s`` that join two values of one shape."""
    return [m.start() for m in _SLASH_JOINT.finditer(s) if is_list_slash(s, m.start())]


def _lists_apart(s: str) -> str:
    """``s`` with each slash that joins two values of one shape read as a comma (same length)."""
    at = list_slashes(s)
    if not at:
        return s
    out = list(s)
    for i in at:
        out[i] = ","
    return "".join(out)


class OffsetMap:
    """Offsets between a normalised string and the one it came from, when characters were
    removed: ``orig(j)`` is the index in the original of the result's character ``j``,
    ``orig_end(j)`` the end in the original of the result's first ``j`` characters, ``norm(i)``
    the index in the result of the first character at or after the original's ``i``."""

    __slots__ = ("removed", "kept_before")

    def __init__(self, removed: list[int]):
        self.removed = removed  # original indices of the removed characters, ascending
        self.kept_before = [r - k for k, r in enumerate(removed)]  # kept characters before each

    def orig(self, j: int) -> int:
        return j + bisect_right(self.kept_before, j)

    def orig_end(self, j: int) -> int:
        return self.orig(j - 1) + 1 if j > 0 else 0

    def norm(self, i: int) -> int:
        return i - bisect_left(self.removed, i)


def _marks() -> str:
    """The combining marks of the scripts before CJK, as a regex class body: the vowel signs of
    Indic scripts (पासवर्ड), Hebrew points and decomposed accents are marks, which ``\\w``
    does not match; a word (a key's) holds them."""
    out, run = [], None
    for c in [*range(0x300, 0x3100), *range(0xFE00, 0xFE10), *range(0xFE20, 0xFE30)]:
        if unicodedata.category(chr(c))[0] == "M":
            if run and run[1] == c - 1:
                run[1] = c
            else:
                run = [c, c]
                out.append(run)
    return "".join(f"\\u{a:04x}" + (f"-\\u{b:04x}" if b > a else "") for a, b in out)


MARKS = _marks()
# the pictographs and symbols people type beside a value ("🙂Warszawa1967", "☎️ 06 12 ...",
# "✅(11) ..."), as a regex class body (emoji and the symbol blocks, with the variation selector)
PICTOGRAPHS = r"\u2600-\u27bf\ufe0f\U0001f300-\U0001faff"


def word_char(c: str) -> bool:
    """Does ``c`` glue a value to a longer token (an identifier, a base64 run)? An ASCII letter
    or digit. Not a letter of another script: text in scripts written without spaces holds
    values right after a word ("请转账到DE89370400440532013000"); nor a numeral sign such as a
    footnote's ``¹`` (``str.isalnum`` counts those). Digits of other scripts inside a number
    are read by the numeric token scan, not here."""
    return c < "\x80" and c.isalnum()


def _short_groups(s: str, lo: int, hi: int) -> int:
    """Where the group before the spaced separator ``s[lo:hi]`` starts, when the separator stands
    between two groups of one number, else -1: a group of at most 6 digits on either side
    (Amex: 4-6-5), not between two runs written with separators ("536 - 90 - 4399", "536 -90-4399";
    not "536-90-4399 / 219-09-9999", nor "10000000 / 10000001", lists of whole values)."""
    i, j, left, right = _groups_around(s, lo, hi)
    if lo - i > 6 or j - hi > 6:
        return -1
    # between runs written with the same separator, a joint with blanks on one side of it is
    # the same number spaced unevenly ("536 -90-4399", "4000-0000- 0000-0002"); blanks on both
    # sides between two such runs, or another separator, part two values of a list
    # ("536-90-4399 - 219-09-9999", "536-90-4399 / 219-09-9999")
    if (left or right) and (left and right and s[lo] in " \t" and s[hi - 1] in " \t" or
                            (left or right) != s[lo:hi].strip(" \t") or
                            left and right and left != right):
        return -1
    return i


def _blank_joint(s: str, lo: int, hi: int) -> bool:
    """Whether the run of blanks ``s[lo:hi]`` stands between two groups of one number
    (``_BLANK_RUN``): at most 4 digits either side, not between two values each written with
    a separator of its own ("536-90-4399  219-09-9999"), nor before a decimal ("5372  64.00")."""
    i, j, left, right = _groups_around(s, lo, hi)
    if lo - i > 4 or j - hi > 4:
        return False  # (a card's, an SSN's, an IBAN's groups; "+49 30 330641  6964": columns)
    # the right-hand group going on as a decimal is another value ("5372  64.00": columns), as
    # are two values each written with a separator of its own ("536-90-4399  219-09-9999")
    return not (right and (left or right == "."))


def _groups_around(s: str, lo: int, hi: int) -> tuple[int, int, str, str]:
    """(start of the digits before ``s[lo:hi]``, end of those after it, the separator before
    the first group when another group precedes it, the one after the last when another follows:
    "" where none)."""
    i = lo
    while i > 0 and s[i - 1].isdigit():
        i -= 1
    j = hi
    while j < len(s) and s[j].isdigit():
        j += 1
    left = s[i - 1] if i > 1 and s[i - 1] in "-./_" and s[i - 2].isdigit() else ""
    right = s[j] if j + 1 < len(s) and s[j] in "-./_" and s[j + 1].isdigit() else ""
    return i, j, left, right


def normalize_number(s: str, lists: bool = False) -> tuple[str, OffsetMap | None]:
    """(normalised ``s``, offset map): decimal digits of any script as ASCII 0-9, separators in
    their ASCII form, invisible characters removed; the map is None when nothing was removed
    (the offsets are the same). ``lists``: a slash that parts two values of one shape is read
    as a comma (``list_slashes``; for the numeric patterns' copies of a region)."""
    if s.isascii() and (" " not in s and "\t" not in s or not _SPACED_ANY.search(s)):
        if not lists or "/" not in s or not _slash_list_any(s):
            return s, None
        return _lists_apart(s), None  # (ASCII, nothing spaced: nothing else to normalise)
    kept = s.translate(_NUMBER_FORMS)
    if lists and "/" in kept:
        kept = _lists_apart(kept)
    removed = [m.start() for m in _INVISIBLE_RE.finditer(s)]
    if removed:  # the spaced separators are read on the visible characters
        gone = set(removed)
        at = [i for i in range(len(s)) if i not in gone]
        visible = "".join([kept[i] for i in at])
    else:
        at, visible = None, kept
    if _SPACED_ANY.search(visible):
        chain_end, chain_sep = -1, ""  # the last joint's end, and its separator
        for m in _SPACED_SEP.finditer(visible):
            if m.start(1) < 0 and m.start(2) < 0:
                continue
            left = _short_groups(visible, m.start(), m.end())
            if left < 0:
                continue
            sep = visible[m.end(1) if m.start(1) >= 0 else m.start()]
            if left == chain_end and sep != chain_sep:
                continue  # "536 - 90 - 4399 / 4111 - 1111": another separator, another value
            chain_end, chain_sep = m.end(), sep
            for g in (1, 2):
                if m.start(g) >= 0:
                    removed.extend(at[j] if at else j for j in range(m.start(g), m.end(g)))
        for m in _DIGIT_BY_DIGIT.finditer(visible):
            removed.extend(at[j] if at else j for j in range(m.start() + 1, m.end(), 2))
        blanks = []
        tabs = visible.count("\t")
        for m in _BLANK_RUN.finditer(visible):
            # (a tab among others is a table's delimiter: "6085475<TAB>96636<TAB>5237 8429 ...",
            # a TSV row's fields; one alone between two groups is a pasted field's end)
            if _blank_joint(visible, m.start(), m.end()) and m.group().count("\t") in (0, tabs):
                blanks.append(at[m.start()] if at else m.start())
                removed.extend(at[j] if at else j for j in range(m.start() + 1, m.end()))
        if blanks:  # the run's first blank stands for it, as a space
            chars = list(kept)
            for i in blanks:
                chars[i] = " "
            kept = "".join(chars)
        removed.sort()
    if not removed:
        return kept, None
    gone = set(removed)
    return "".join(c for i, c in enumerate(kept) if i not in gone), OffsetMap(removed)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_OTHER_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")  # a letter (or numeral sign) outside ASCII
# ASCII digit groups apart by single spaces or dashes (``Recognizer.regrouped``)
_GROUPED_PLAIN = re.compile(r"[0-9]+(?:[ \-][0-9]+)+")
_GROUP_GAP = re.compile(r"[ \-]")
# a character that a normalised copy of a number's region reads otherwise than as written: a
# word character (a letter, a digit or numeral of any script), a blank, a separator's form, an
# invisible one (``Batch.telling_runs``); any other character is read as written
_TELLING = re.compile("[\\w\\s" + re.escape("".join(SEPARATORS.values()) + INVISIBLE) + "]")


# Batches of at least this many characters whose text is Latin-1 (one byte per character) find
# their numeric tokens with numpy (``_num_tokens_latin1``): the regex engine and a Python step
# per token cost about 4.8 us a token on log lines, the array pass a few microseconds a batch
VECTOR_MIN = 1024
VECTOR_PIECE = 1 << 16
# per Latin-1 byte: 2 a decimal digit (the only ones below U+0100 are 0-9), 1 a character the
# token class accepts between digits (separators and invisible characters), 0 anything else
_TOKEN_BYTES = np.zeros(256, dtype=np.uint8)
for _ch in ASCII_SEPARATORS + _TOKEN_BLANKS + _UNICODE_SEPARATORS + INVISIBLE:
    if ord(_ch) < 256:
        _TOKEN_BYTES[ord(_ch)] = 1
_TOKEN_BYTES[ord("0"):ord("9") + 1] = 2
assert all((_TOKEN_BYTES[c] == 2) == chr(c).isdecimal() for c in range(256))


def _scan_num_tokens(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end, digits, dots) for every numeric token of ``text`` (``Batch.num_tokens``):
    the matches of ``_NUM_TOKEN``, with the number of decimal digits and of dots (in any of their
    forms) in each."""
    return _as_tuples(_scan_num_table(text))


def _scan_num_table(text: str) -> np.ndarray:
    """``_scan_num_tokens`` as one int64 array of shape (4, tokens): starts, ends, digits and
    dots (``Batch.num_table``): the recognizers pick the tokens they read with array masks."""
    if len(text) >= VECTOR_MIN:
        try:
            data = text.encode("latin-1")
        except UnicodeEncodeError:
            return _num_table_wide(text)
        return _num_table_latin1(data)
    found = _num_tokens_re(text)
    return np.array(found, dtype=np.int64).reshape(-1, 4).T if found else _NO_TOKENS


_NO_TOKENS = np.zeros((4, 0), dtype=np.int64)


def _as_tuples(table: np.ndarray) -> list[tuple[int, int, int, int]]:
    return list(zip(*table.tolist())) if table.shape[1] else []


def _num_tokens_re(text: str) -> list[tuple[int, int, int, int]]:
    """The reference: ``_NUM_TOKEN.finditer``, a Python step per token."""
    if text.isascii():
        return [(m.start(), m.end(), len((tok := m.group()).translate(_STRIP_SEPARATORS)),
                 tok.count(".")) for m in _NUM_TOKEN.finditer(text)]
    out = []
    for m in _NUM_TOKEN.finditer(text):
        tok = m.group()
        if not tok.isascii():
            tok = normalize_number(tok)[0]
        out.append((m.start(), m.end(), len(tok.translate(_STRIP_SEPARATORS)), tok.count(".")))
    return out


def _num_tokens_latin1(data: bytes) -> list[tuple[int, int, int, int]]:
    """``_num_tokens_re`` of a Latin-1 text's bytes, as array operations. A match of
    ``\\d[class]{5,}\\d`` starts at the first digit of a maximal run of class characters and
    ends at the run's last digit, when those are at least 7 characters apart inclusive (the
    leftmost start gives the longest match; a later one cannot reach 7 if it does not); the
    next search starts after it, inside the same run, where no digit is left. So: one token
    per run whose first and last digits span 7 or more characters."""
    return _as_tuples(_num_table_latin1(data))


def _num_table_latin1(data: bytes) -> np.ndarray:
    b = np.frombuffer(data, dtype=np.uint8)
    return _num_table_of(_TOKEN_BYTES.take(b), b == 0x2E)  # (Latin-1 writes a dot one way only)


# a character beyond Latin-1 that the token class holds between digits, and those read as a dot
_WIDE_SEPARATORS = frozenset(ord(c) for c in _UNICODE_SEPARATORS + INVISIBLE if ord(c) > 0xFF)
_WIDE_DOTS = np.array(sorted(ord(c) for c in SEPARATORS["."] if ord(c) > 0xFF), dtype=np.uint32)
_WIDE_SEPARATOR_CODES = np.array(sorted(_WIDE_SEPARATORS), dtype=np.uint32)


def _codes(text: str) -> np.ndarray:
    """A text's code points as an array: one byte each where the text is Latin-1."""
    try:
        return np.frombuffer(text.encode("latin-1"), dtype=np.uint8)
    except UnicodeEncodeError:
        return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _decimal(codes: np.ndarray) -> np.ndarray:
    """Whether each of these (distinct) code points is a decimal digit of its script (``\\d``,
    Unicode's Nd, ``str.isdecimal``)."""
    return np.fromiter((chr(c).isdecimal() for c in codes.tolist()), dtype=bool, count=len(codes))


def _num_tokens_wide(text: str) -> list[tuple[int, int, int, int]]:
    """``_num_tokens_latin1`` of any text: a character beyond Latin-1 is a digit when it is a
    decimal digit of its script (``\\d``: Unicode's Nd, ``str.isdecimal``), a separator when the
    token class names it, else neither (each distinct one judged once); a dot in any of its
    forms counts as a dot, as ``normalize_number`` reads it."""
    return _as_tuples(_num_table_wide(text))


def _num_table_wide(text: str) -> np.ndarray:
    codes = _codes(text)
    wide = codes > 0xFF
    kind = _TOKEN_BYTES.take(np.where(wide, 0, codes).astype(np.uint8))
    others = codes[wide]
    uniq = np.unique(others)
    judged = np.where(_decimal(uniq), 2, np.isin(uniq, _WIDE_SEPARATOR_CODES)).astype(np.uint8)
    kind[wide] = judged[np.searchsorted(uniq, others)]
    return _num_table_of(kind, (codes == 0x2E) | np.isin(codes, _WIDE_DOTS))


def _num_table_of(kind: np.ndarray, dot: np.ndarray) -> np.ndarray:
    """The tokens of a text given each character's kind (2 a digit, 1 a separator, 0 other)
    and whether it is a dot."""
    n = len(kind)
    out: list[np.ndarray] = []
    lo = 0
    while lo < n:  # in pieces of about VECTOR_PIECE characters: a few MB of arrays at most
        hi = lo + VECTOR_PIECE
        while hi < n:  # the piece ends at a character outside the class: no token crosses it
            outside = np.flatnonzero(kind[hi:hi + VECTOR_PIECE] == 0)
            if len(outside):
                hi += int(outside[0])
                break
            hi += VECTOR_PIECE
        hi = min(hi, n)
        out.append(_piece_tokens(dot[lo:hi], kind[lo:hi], lo))
        lo = hi
    return out[0] if len(out) == 1 else np.concatenate(out, axis=1) if out else _NO_TOKENS


def _piece_tokens(dot: np.ndarray, kind: np.ndarray, base: int) -> np.ndarray:
    digit_at = np.flatnonzero(kind == 2)
    if not len(digit_at):
        return _NO_TOKENS
    # two digits in a row of ``digit_at`` share a run when no other character stands between them
    outside = np.cumsum(kind == 0, dtype=np.int32)[digit_at]
    change = np.flatnonzero(outside[1:] != outside[:-1]) + 1
    first = np.concatenate(([0], change))  # each run's first and last digit, in digit_at
    last = np.concatenate((change - 1, [len(digit_at) - 1]))
    start, end = digit_at[first], digit_at[last] + 1
    keep = end - start >= 7
    if not keep.any():
        return _NO_TOKENS
    first, last, start, end = first[keep], last[keep], start[keep], end[keep]
    dot_at = np.flatnonzero(dot)
    dots = np.searchsorted(dot_at, end) - np.searchsorted(dot_at, start)
    return np.stack((start + base, end + base, last - first + 1, dots)).astype(np.int64, copy=False)


def _digit_groups(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``Batch.digit_groups`` of a text's code points."""
    digit = (codes - 48) < 10  # (unsigned: a code below "0" wraps past 10)
    if codes.dtype != np.uint8:  # beyond Latin-1: a decimal digit of any script is one (``\\d``)
        wide = codes > 0xFF
        if wide.any():
            uniq = np.unique(codes[wide])
            decimal = uniq[_decimal(uniq)]
            if len(decimal):
                digit |= np.isin(codes, decimal)
    edges = np.flatnonzero(digit[1:] != digit[:-1]) + 1  # where a run of digits starts or ends
    if len(digit) and digit[0]:
        edges = np.concatenate(([0], edges))
    if len(digit) and digit[-1]:
        edges = np.concatenate((edges, [len(digit)]))
    edges = edges.astype(np.int32)  # (a batch is far shorter than 2**31 characters)
    starts, ends = edges[0::2], edges[1::2]
    gap = starts[1:] - ends[:-1]
    joints = np.where(gap == 1, codes[ends[:-1]], 0).astype(np.uint32, copy=False)
    return starts, ends - starts, joints


def _meeting(his: list[int], los: list[int], runs: list[tuple[int, int]], margin: int) -> list[int]:
    """Indices of the regions (their ascending bounds ``los``/``his``) whose window widened by
    ``margin`` either side meets one of ``runs`` ([s, e) each), for all runs at once."""
    r = np.asarray(runs, dtype=np.int64)
    first = np.searchsorted(np.asarray(his, dtype=np.int64), r[:, 0] - margin, "right")
    last = np.searchsorted(np.asarray(los, dtype=np.int64), r[:, 1] + margin, "left")
    ok = first < last
    marks = np.zeros(len(los) + 1, dtype=np.int64)
    np.add.at(marks, first[ok], 1)
    np.add.at(marks, last[ok], -1)
    return np.flatnonzero(np.cumsum(marks[:-1])).tolist()


def _holding(at: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Whether each region [lo, hi) holds one of the sorted positions ``at``."""
    return np.searchsorted(at, lo) < np.searchsorted(at, hi)


def joint_table(chars: str) -> np.ndarray:
    """A lookup table for ``digit_chains``: True at the code of each of ``chars`` (Latin-1)."""
    table = np.zeros(256, dtype=bool)
    table[[ord(c) for c in chars]] = True
    return table


_CHAIN_JOINTS = joint_table(" -./_")
_ASCII_LETTERS = joint_table("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def joined(joints: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Whether each joint of ``Batch.digit_groups`` is one of the characters of ``table``
    (``joint_table``; 0, no joint, never is one)."""
    return table[np.minimum(joints, 255)] & (joints < 256)


def digit_chains(batch: "Batch", total: int, joints: np.ndarray = _CHAIN_JOINTS) -> np.ndarray:
    """Starts of the chains of consecutive digit groups, each joined to the next by one
    character of ``joints`` (``joint_table``), that hold exactly ``total`` digits
    ("123-45-6789", "123456789", "0210 0002 1": 9), as a sorted array. A pattern whose
    matches are such chains (a match starts at a group's first digit: nothing of ``\\w``
    before it) matches only in a region that holds one. By prefix sums: the digits before
    each group, and whether one of the same run of joined groups ends ``total`` digits later
    (the group that ends at each count of digits, by an array indexed by that count)."""
    starts, lengths, jt = batch.digit_groups()
    n = len(lengths)
    if not n:
        return starts
    after = np.cumsum(lengths)  # digits up to each group's end
    ending = np.full(int(after[-1]) + total + 1, -1, dtype=np.int32)
    ending[after] = np.arange(n, dtype=np.int32)
    j = ending[after - lengths + total]  # the group that ends ``total`` digits on, or -1
    run = np.concatenate(([0], np.cumsum(~joined(jt, joints))))  # groups joined share a run
    return starts[(j >= 0) & (run[j] == run)]


_SPACED_EDGE = joint_table(" \t-./")


def spaced_leads(batch: "Batch") -> np.ndarray:
    """Where ``_SPACED_ANY`` may match, for the whole batch (``Batch._regions_with``): the
    last digit of every group followed by 2 to 7 characters before the next group, the first
    and last of them blanks or separators ("415 - 555", "12  34": the separator spaced, or a
    run of blanks), or by a tab; and of every group followed by three single spaces around
    single digits ("5 3 6 9", a number spelled digit by digit). A match starts at a group's
    last digit and ends at the next group's first."""
    starts, lengths, joints = batch.digit_groups()
    if len(starts) < 2:
        return starts[:0]
    ends = starts[:-1] + lengths[:-1]
    gap = starts[1:] - ends
    codes = batch.codes()
    # (the first and last characters between the groups are blanks or separators: ", " is not)
    flag = (gap >= 2) & (gap <= 7) & _SPACED_EDGE[np.minimum(codes[ends], 255)] & \
        _SPACED_EDGE[np.minimum(codes[starts[1:] - 1], 255)] | (joints == 9)
    if len(starts) >= 4:
        space = joints == 32
        flag[:-2] |= space[:-2] & (lengths[1:-2] == 1) & space[1:-1] & (lengths[2:-1] == 1) & space[2:]
    return (starts[:-1] + lengths[:-1] - 1)[flag]


def slash_leads(batch: "Batch") -> np.ndarray:
    """The last digit of every group joined to the next by a bare slash ("0612345678/06...":
    where ``_slash_list_any`` may find a list)."""
    starts, lengths, joints = batch.digit_groups()
    return (starts[:-1] + lengths[:-1] - 1)[joints == 47]


def nine_digit_chains(batch: "Batch") -> np.ndarray:
    """``digit_chains`` of 9 digits: where an SSN, an ITIN or a routing number may start
    (3-2-4, 3-6, 5-4, 4-4-1, 3-3-3 or 9 digits, separators of one character)."""
    return digit_chains(batch, 9)


class MappedMatch:
    """A match on a normalised copy of the text, read in the original text's offsets (the
    ``re.Match`` methods the recognizers use). ``group`` returns the normalised text."""

    __slots__ = ("_m", "_map", "_base")

    def __init__(self, m: re.Match, offsets: OffsetMap | None, base: int):
        self._m, self._map, self._base = m, offsets, base

    def _pos(self, i: int, end: bool) -> int:
        if i < 0:
            return -1
        offsets = self._map
        if offsets is None:
            return self._base + i
        return self._base + (offsets.orig_end(i) if end else offsets.orig(i))

    def start(self, g: int | str = 0) -> int:
        return self._pos(self._m.start(g), False)

    def end(self, g: int | str = 0) -> int:
        s, e = self._m.span(g)
        return self._pos(e, e > s)

    def span(self, g: int | str = 0) -> tuple[int, int]:
        return self.start(g), self.end(g)

    def group(self, *g):
        return self._m.group(*g)

    def one_to_one(self) -> bool:
        """Whether the copy holds the text character for character (offsets shift only)."""
        return self._map is None

    def __getitem__(self, g):
        return self._m[g]
# Words in a context window / key: used by the scorer with each recognizer's keyword patterns.


@dataclass(slots=True)
class Candidate:
    """A possible PII value. Offsets are into ``Batch.text`` until the detector localises them."""

    start: int
    end: int
    type: str
    prior: float          # score from format + validator alone
    ctx_score: float      # score when the context supports the type
    valid: bool           # validator verdict (checksum / structure)
    reason: str           # short validator note (never the value)
    recognizer: "Recognizer" = field(repr=False, default=None)  # type: ignore[assignment]
    score: float = 0.0
    stage: str = ""
    decision: str = ""    # "pii" | "uncertain" | "clean"
    kind: str = ""        # the type's sub-kind, from a fixed vocabulary (SECRET: "github_token",
                          # "password"...); never the value
    decisive: bool = False  # the evidence alone decides (a vendor prefix with a valid checksum, a
                            # credential key with a real value): no model may clear it


def lower_aligned(text: str) -> str:
    """``text.lower()`` with one character per character of ``text``, so that an offset into the
    lower-cased copy is the same offset into ``text``. ``str.lower`` maps a few characters to
    two (U+0130 "İ" -> "i" + COMBINING DOT ABOVE): each such character becomes the first
    character of its lower case instead. (Lower-casing never shortens a string, so equal lengths
    mean every character mapped to one.)"""
    low = text.lower()
    if len(low) == len(text):
        return low
    table = {ord(c): c.lower()[0] for c in set(text) if len(c.lower()) != 1}
    return text.translate(table).lower()


# A label alone on its line, then its value on the next line, as a form's text is laid out
# once extracted from a PDF or a page ("Account Number\n4099887766", "SSN:\\n536904399" in a log
# line, decoded): a label of one to four words (letters, digits and the punctuation of field
# names), an optional colon, the line break, then a line that starts with a digit, '+' or '('
# (a number). Read on the lower-cased copy (``Batch.lower``), and in a JSON string's text, whose
# lines are segments of their own (``line_spans``).
_LABEL_TEXT = re.compile(r"[ \t]*[A-Za-z][A-Za-z0-9 .#/()'_\-]{0,40}+:?[ \t]*\r?")
_VALUE_START = re.compile(r"[ \t]*[0-9+(]")
_NUMBER_LINE = re.compile(r"\n[ \t]*[0-9+(]")
_LINE = re.compile(r"[^\r\n]+")


def _label_breaks(text: str, bounds=frozenset()):
    """The offsets of the line breaks of ``text`` that end a label line before a number's line
    (none of ``bounds``, the breaks between segments): one ``find`` per line break."""
    p = text.find("\n")
    while p >= 0:
        if p not in bounds and _VALUE_START.match(text, p + 1):
            b = text.rfind("\n", 0, p) + 1
            if _LABEL_TEXT.fullmatch(text, b, p) and 0 < len(text[b:p].split()) <= 4:
                yield p
        p = text.find("\n", p + 1)


def _label_lines_joined(low: str, starts: list[int]) -> str:
    """``low`` with the break after a label line read as a colon (a CRLF as ": ": the offsets
    stay), so the label is the next line's key as "Account Number: 4099887766" is. Only the
    line breaks inside a segment are read (records stay apart)."""
    parts, last = [], 0  # (slices and replacements: no per-character copy of a large batch)
    for p in _label_breaks(low, set(s - 1 for s in starts)):
        crlf = p > 0 and low[p - 1] == "\r"
        parts.append(low[last:p - crlf])
        parts.append(": " if crlf else ":")
        last = p + 1
    if not parts:
        return low
    parts.append(low[last:])
    return "".join(parts)


# INSERT INTO t (col, ...) VALUES (v, ...), (v, ...): a value's column is its key. The names
# are read once per segment (cached on the batch), the values' bounds with quotes respected.
_INSERT = re.compile(r"(?i)\binsert\s+(?:ignore\s+)?into\s+[\w.`\"\[\]]+\s*\(([^()]{1,4000})\)"
                     r"\s*values\s*")
# a value: a string literal, a call (its arguments literals, words or calls in turn: SHA2('pw', 256),
# crypt('pw', gen_salt('bf')), NOW()), or anything else up to the next comma or parenthesis
# (a literal may carry its kind's prefix: SQL Server's N'...', PostgreSQL's E'...', MySQL's
# _utf8mb4'...')
_SQL_LITERAL = r"(?:[NnEe]|_[A-Za-z0-9]{1,16})?'(?:[^']|'')*'"
_SQL_CALL = (r"[A-Za-z_][\w.]{0,63}[ \t]*\((?:" + _SQL_LITERAL + r"|[^()']|\((?:" + _SQL_LITERAL +
             r"|[^()'])*\))*\)")
_SQL_VALUE = re.compile(r"\s*(" + _SQL_LITERAL + r"|\"(?:[^\"]|\"\")*\"|" + _SQL_CALL +
                        r"[^,()'\"]*|[^,()'\"]*)\s*([,)])")
_ROW_SEP = re.compile(r"\s*,\s*")
MAX_SQL_ROWS = 10_000


def sql_column(batch: Batch, seg: int, pos: int) -> str:
    """The column of an SQL INSERT's value at ``pos`` (its name), or ""."""
    cols = sql_values(batch, seg)
    if not cols:
        return ""
    k = bisect_right(cols[0], pos) - 1
    return cols[2][k] if k >= 0 and pos < cols[1][k] else ""


def sql_values(batch: Batch, seg: int) -> tuple | tuple[()]:
    """(starts, ends, names) of every value of the segment's INSERT rows, in order; () when it
    has none. Linear in the segment; read once per batch (cached on it: the secrets' column
    reader and the scorer's ``sql_column`` share it)."""
    got = batch._cache.get(("sql", seg))
    if got is None:
        got = batch._cache[("sql", seg)] = _sql_rows(batch, seg)
    return got


_PLACEHOLDERS_ONLY = re.compile(r"\(\s*(?:\?|\$\d{1,3}|%s|:\w+)(?:\s*,\s*(?:\?|\$\d{1,3}|%s|:\w+))*\s*\)")


def _sql_rows(batch: Batch, seg: int) -> tuple | tuple[()]:
    lo, hi = batch.segment_bounds(seg)
    text = batch.text
    # (the search ignores case, so the regex engine steps through every character: first, in C,
    # what every match holds: a parenthesis, and "ert" and "alue" of INSERT and VALUES in the
    # lower-cased copy, letters that no other character is the case of)
    lower = batch.lower
    m = _INSERT.search(text, lo, hi) if text.find("(", lo, hi) >= 0 and \
        lower.find("ert", lo, hi) >= 0 and lower.find("alue", lo, hi) >= 0 else None
    if m is None:
        return ()
    if _PLACEHOLDERS_ONLY.match(text, m.end(), hi):
        # a statement as prepared, then as run with its values (p6spy's "statement | ... values
        # (?, ?) | ... values ('...', '...')"): the next INSERT's row
        n = _INSERT.search(text, m.end(), hi)
        m = n if n is not None else m
    names = [n.strip(" \t`\"[]") for n in m.group(1).split(",")]
    starts: list[int] = []
    ends: list[int] = []
    cols: list[str] = []
    at = m.end()
    for _ in range(MAX_SQL_ROWS):
        if not text.startswith("(", at):
            break
        at += 1
        for name in names:
            v = _SQL_VALUE.match(text, at, hi)
            if v is None:
                break
            starts.append(v.start(1))
            ends.append(v.end(1))
            cols.append(name)
            at = v.end()
            if v.group(2) == ")":
                break
        else:
            break  # more values than columns: not a row this reads
        r = _ROW_SEP.match(text, at, hi)
        if r is None:
            break
        at = r.end()
    return (starts, ends, cols) if starts else ()


# A hex dump's line (tcpdump -X, xxd, od -x, hexdump -C, curl --trace, a kernel's or a
# library's dump of a buffer): an offset, then eight or more groups of hex digits of one size
# (two or four), then an optional column of the bytes as characters. The groups are bytes:
# "3634 3734 3638 3631" is four of them, no card; "0049 8947 2048" no phone. A log's prefix may
# stand before the offset ("kernel: 00000040: ..."). The column of characters is the data, and
# is read as any text.
_H4, _H2 = r"[0-9A-Fa-f]{4}", r"[0-9A-Fa-f]{2}"
_HEX_DUMP_LINE = re.compile(
    r"(?:[^\n]{0,64}?(?:: |\] |\| ))?[ \t]*(?:0x)?[0-9A-Fa-f]{4,16}:?[ \t]{1,3}"
    r"(" + _H4 + r"(?:[ \t]{1,2}" + _H4 + r"){7,}|" + _H2 + r"(?:[ \t]{1,2}" + _H2 + r"){7,})"
    r"(?![0-9A-Za-z])")
HEX_DUMP_REACH = 200  # characters from a line's start to a value in its groups, at most


def hex_dump_bytes(text: str, pos: int, cache: dict) -> tuple[int, int] | None:
    """(start, end) of the groups of bytes of the hex dump line that holds ``pos``, or None when
    that line is none (``_HEX_DUMP_LINE``). A line is read once per ``cache`` (keyed by its
    start); a value further than ``HEX_DUMP_REACH`` characters from its line's start is in no
    dump's groups (and a line of a megabyte is not searched back for each of its values)."""
    start = text.rfind(SEP, max(0, pos - HEX_DUMP_REACH), pos) + 1
    if start == 0 and pos > HEX_DUMP_REACH:
        return None
    got = cache.get(start, False)
    if got is False:
        end = text.find(SEP, pos, start + HEX_DUMP_REACH + 160)
        m = _HEX_DUMP_LINE.match(text, start, end if end >= 0 else min(len(text), start + HEX_DUMP_REACH + 160))
        got = cache[start] = m.span(1) if m else None
    return got


def line_spans(value: str) -> list[tuple[int, int]]:
    """The spans of ``value``'s lines (non-empty runs without a line break), each scanned as a
    text line is, but a label line and the number's line right after it as one span (a form's
    layout, ``_label_breaks``: "Account Number\n4099887766" is one field)."""
    spans = [m.span() for m in _LINE.finditer(value)]
    if len(spans) < 2 or _NUMBER_LINE.search(value) is None:
        return spans  # (a stack trace, most multi-line values: one search)
    breaks = set(_label_breaks(value))
    out, i = [], 0
    while i < len(spans):
        s, e = spans[i]
        if i + 1 < len(spans) and spans[i + 1][0] - 1 in breaks and \
                value[e:spans[i + 1][0]] in ("\n", "\r\n"):
            out.append((s, spans[i + 1][1]))
            i += 2
            continue
        out.append((s, e))
        i += 1
    return out



# (pattern, lower, lead) -> its leads' ids in the leads' database, sorted (the largest last), or
# None where the pattern has no lead (``Batch.scan``'s reference path); ids are never reused
_LEAD_IDS: dict = {}


def _lead_ids(pattern: re.Pattern, lower: bool, lead) -> tuple[int, ...] | None:
    if lead is None:
        prefix = leads.literal_prefix(pattern)
        if len(prefix) < leads.MIN_LITERAL or not prefix.isascii() or \
                len(prefix) < leads.MIN_WHOLE and leads.is_literal(pattern):
            return None
        lead = (re.escape(prefix),)
    elif isinstance(lead, str):
        lead = (lead,)
    return tuple(sorted(leads.register(x, lower) for x in lead))


class Batch:
    """Text segments of one micro-batch, joined, with shared lazily computed scans.

    Every transformed copy of ``text`` that recognizers match on (``lower``) has the same
    length, character for character, so that a match's offsets are offsets into ``text``: a
    record's result never depends on which records share its batch."""

    __slots__ = ("segments", "keys", "text", "starts", "_lower", "_num", "_table", "_cache", "_nkeys",
                 "known", "kept", "escaped_spaces", "owners")

    def __init__(self, segments: list[str], keys: list[str] | None = None):
        self.segments = segments
        self.keys = keys
        self.text = SEP.join(segments)
        starts = [0] * len(segments)
        pos = 0
        for i, s in enumerate(segments):
            starts[i] = pos
            pos += len(s) + 1
        self.starts = starts
        self._lower: str | None = None
        # the charCNN's probabilities already known for some of its inputs (``window_key`` ->
        # probability: the detect path's, carried to the verification stage), and where the
        # scorer keeps (candidate start, key, probability) of what it scores, when asked
        self.known: dict[str, float] | None = None
        self.kept: list[tuple[int, str, float]] | None = None
        # offsets of spaces that stand for an escape as written (%20, \u0020, &#32;: the
        # detector's decoded view), where a value reader may go on (password=My%20pass9)
        self.escaped_spaces: frozenset[int] = frozenset()
        # the record each segment belongs to (the detector's ``owners``; -1: a JSON key shared
        # by records); None: each segment is a record of its own
        self.owners: list[int] | None = None
        self._num: list[tuple[int, int, int, int]] | None = None
        self._table: np.ndarray | None = None
        self._cache: dict = {}
        self._nkeys: list[str] | None = None

    # -- geometry ---------------------------------------------------------------------------
    def segment_of(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    def record_of(self, pos: int) -> int:
        """The record of the segment at ``pos`` (``owners``; a segment of its own without them;
        a shared JSON key's segment is a record of its own too)."""
        seg = bisect_right(self.starts, pos) - 1
        if self.owners is None:
            return seg
        rec = self.owners[seg]
        return rec if rec >= 0 else -1 - seg

    def segment_bounds(self, seg: int) -> tuple[int, int]:
        s = self.starts[seg]
        return s, s + len(self.segments[seg])

    def ascii_runs(self) -> list[tuple[int, int, bool]]:
        """(start, end, all ASCII) of the runs of consecutive segments that are all ASCII or
        all not: recognizers with a fast path for ASCII text take it for every ASCII record,
        whatever records share its batch (cached)."""
        runs = self._cache.get("ascii-runs")
        if runs is None:
            text = self.text
            if text.isascii():
                runs = [(0, len(text), True)]
            else:
                # the segments that hold a non-ASCII character, from the batch's non-ASCII runs
                # (none crosses a segment: SEP is ASCII): work per such segment, not per segment
                # (a JSON batch has a segment per leaf)
                starts, segments = self.starts, self.segments
                bad = sorted({self.segment_of(s) for s, _ in self.non_ascii_runs()})
                runs = []
                nxt = 0  # the first segment no run covers yet
                for b in bad:
                    if b > nxt:
                        runs.append((starts[nxt], starts[b - 1] + len(segments[b - 1]), True))
                    end = starts[b] + len(segments[b])
                    if runs and not runs[-1][2] and b == nxt:
                        runs[-1] = (runs[-1][0], end, False)
                    else:
                        runs.append((starts[b], end, False))
                    nxt = b + 1
                if nxt < len(segments):
                    runs.append((starts[nxt], starts[-1] + len(segments[-1]), True))
            self._cache["ascii-runs"] = runs
        return runs

    # -- shared scans -------------------------------------------------------------------------
    @property
    def lower(self) -> str:
        if self._lower is None:
            low = lower_aligned(self.text)
            if low.count("\n") >= len(self.segments):  # (a segment holds a line break)
                low = _label_lines_joined(low, self.starts)
            self._lower = low
        return self._lower

    def num_table(self) -> np.ndarray:
        """Every run of >= 7 chars of digits and separators as columns (shape (4, tokens):
        start, end, how many decimal digits and dots it holds), found once per batch
        (``_scan_num_table``); recognizers select the tokens they read with array masks
        (``tokens``, ``token_regions``), not a Python step per token each."""
        if self._table is None:
            self._table = _scan_num_table(self.text)
        return self._table

    def num_tokens(self) -> list[tuple[int, int, int, int]]:
        """(start, end, digits, dots) for every numeric token (``num_table``, as tuples)."""
        if self._num is None:
            self._num = _as_tuples(self.num_table())
        return self._num

    def tokens(self, min_digits: int, max_digits: int | None = None,
               dotless: bool = False) -> list[tuple[int, int, int, int]]:
        """The ``num_tokens`` with ``min_digits`` to ``max_digits`` digits (and no dot, with
        ``dotless``), in order. Not cached: each selection is read once per batch, and a dense
        record's lists of tuples would stay in memory until the batch ends (1 MiB of numbers in
        a JSON document: 20 MB more at the peak)."""
        t = self.num_table()
        return _as_tuples(t[:, self._token_mask(t, min_digits, max_digits, dotless)])

    @staticmethod
    def _token_mask(t: np.ndarray, min_digits: int, max_digits: int | None, dotless: bool) -> np.ndarray:
        """Which tokens of ``num_table`` ``t`` have ``min_digits`` to ``max_digits`` digits (and
        no dot, with ``dotless``)."""
        keep = t[2] >= min_digits
        if max_digits is not None:
            keep &= t[2] <= max_digits
        if dotless:
            keep &= t[3] == 0
        return keep

    def tokens_by(self, min_digits: int, max_digits: int | None = None, dotless: bool = False,
                  first: np.ndarray | None = None, before: np.ndarray | None = None,
                  after: np.ndarray | None = None) -> list[tuple[int, int, int, int]]:
        """``tokens(min_digits, max_digits, dotless)`` whose first character is one of
        ``first``, whose character right before is one of ``before`` (none at the text's start)
        and whose character right after is one of ``after`` (none at its end): tables of
        ``joint_table`` (Latin-1 characters), each None for any. Picked with array masks for the
        whole batch: a recognizer that reads only the tokens a delimiter precedes or a letter
        follows takes no Python step for the others."""
        t = self.num_table()
        keep = self._token_mask(t, min_digits, max_digits, dotless)
        if not keep.any():
            return []
        t = t[:, keep]
        codes = self.codes()
        if first is not None:
            t = t[:, joined(codes[t[0]], first)]
        if before is not None and t.shape[1]:
            ok = t[0] > 0
            ok[ok] = joined(codes[t[0][ok] - 1], before)
            t = t[:, ok]
        if after is not None and t.shape[1]:
            ok = t[1] < len(codes)
            ok[ok] = joined(codes[t[1][ok]], after)
            t = t[:, ok]
        return _as_tuples(t)

    def token_regions(self, min_digits: int, need_dots: int = 0, back: int = 0) -> list[tuple[int, int]]:
        """(start, end) to search in for each numeric token with at least ``min_digits`` digits
        and ``need_dots`` dots: from ``back`` characters before the token to two after it.
        Cached: recognizers with the same needs (SSN, ITIN, ABA) share one list."""
        key = ("regions", min_digits, need_dots, back)
        hit = self._cache.get(key)
        if hit is None:
            lo, hi = self._region_bounds(min_digits, need_dots, back)
            hit = list(zip(lo.tolist(), hi.tolist()))
            self._cache[key] = hit
        return hit

    def _region_bounds(self, min_digits: int, need_dots: int, back: int) -> tuple[np.ndarray, np.ndarray]:
        """``token_regions`` as two arrays: the regions' starts and ends (cached)."""
        key = ("bounds", min_digits, need_dots, back)
        hit = self._cache.get(key)
        if hit is None:
            t = self.num_table()
            keep = t[2] >= min_digits
            if need_dots:
                keep &= t[3] >= need_dots
            hit = self._cache[key] = (np.maximum(t[0, keep] - back, 0),
                                      np.minimum(t[1, keep] + 2, len(self.text)))
        return hit

    def codes(self) -> np.ndarray:
        """The batch's characters as an array of their code points (one byte each where the
        text is Latin-1). Once per batch."""
        hit = self._cache.get("codes")
        if hit is None:
            hit = self._cache["codes"] = _codes(self.text)
        return hit

    def lower_codes(self) -> np.ndarray:
        """``codes`` of ``lower`` (not kept: one lead reads it once per batch)."""
        return _codes(self.lower)

    def drop_arrays(self) -> None:
        """Forget the arrays the candidate stage keeps (``codes``, ``digit_groups``,
        ``positions``, region bounds, ``shaped`` selections and the regions' searches): the detector calls it once
        every recognizer has read the batch, so they do not stay in memory while the batch is
        scored (a 1 MiB JSON string of many lines: 9 MB at the peak). Asked again, they are
        computed again."""
        cache = self._cache
        for k in [k for k in cache if k in ("codes", "digit-groups") or
                  type(k) is tuple and k[0] in ("positions", "bounds", "shaped", "regions-with")]:
            del cache[k]

    def digit_groups(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(starts, lengths, joints) of the batch's maximal runs of decimal digits (``\\d``, of
        any script), in order, as arrays; ``joints[i]`` is the code of the one character
        between run ``i`` and run ``i + 1`` when exactly one stands between them, else 0. Once
        per batch (``shaped``, ``spaced_leads``...). A plain region (``region_copies``: ASCII
        with 8 characters either side) holds ASCII digits only, and its runs end inside it."""
        hit = self._cache.get("digit-groups")
        if hit is None:
            hit = self._cache["digit-groups"] = _digit_groups(self.codes())
        return hit

    def shaped(self, shape, min_digits: int, need_dots: int = 0, back: int = 0) -> list[int]:
        """Indices of the ``token_regions(min_digits, need_dots, back)`` where a pattern of
        ``shape`` may match: the regions with a normalised copy (``region_copies``), whatever
        their shape, and the others that hold one of the positions ``shape(batch)`` gives (a
        sorted array, computed once per batch for the whole text: see ``nine_digit_chains``).
        A plain region is ASCII as written, so its digit groups are the batch's."""
        key = ("shaped", shape, min_digits, need_dots, back)
        hit = self._cache.get(key)
        if hit is None:
            at = self.positions(shape)
            lo, hi = self._region_bounds(min_digits, need_dots, back)
            keep = _holding(at, lo, hi)
            copies = self.region_copies(min_digits, need_dots, back)
            if any(copies):
                keep |= np.fromiter((c is not None for c in copies), dtype=bool, count=len(copies))
            hit = self._cache[key] = np.flatnonzero(keep).tolist()
        return hit

    def glued_tokens(self, min_digits: int) -> list[tuple[int, int]]:
        """(start, end) of each numeric token with at least ``min_digits`` digits that an ASCII
        letter follows right after ("536-90-4399x", "4111...1111exp"). Cached."""
        key = ("glued", min_digits)
        hit = self._cache.get(key)
        if hit is None:
            hit = [(s, e) for s, e, _, _ in self.tokens_by(min_digits, after=_ASCII_LETTERS)]
            self._cache[key] = hit
        return hit

    def region_copies(self, min_digits: int, need_dots: int = 0, back: int = 0) -> list:
        """For each of ``token_regions(...)``: None when the region and the 8 characters either
        side of it are ASCII and its groups are not spaced around a separator, else ``(a,
        normalised copy, offsets)`` of ``text[a:b]`` (the region widened by those 8 characters;
        ``normalize_number``). Once per batch and region
        list; a normalised copy is shared by every list that holds the same region. The work
        is per run of non-ASCII characters (``non_ascii_runs``), not per region: a batch with
        one accented record among thousands costs a few lookups."""
        key = ("region-copies", min_digits, need_dots, back)
        hit = self._cache.get(key)
        if hit is None:
            text, n, cache = self.text, len(self.text), self._cache
            regions = self.token_regions(min_digits, need_dots, back)
            hit = [None] * len(regions)
            runs = self.telling_runs()
            # regions whose token spaces its groups around a separator (``_SPACED_ANY``)
            bounds = self._region_bounds(min_digits, need_dots, back)
            spaced = self._regions_with(regions, bounds, spaced_leads, _SPACED_ANY.search)
            slashed = self._regions_with(regions, bounds, slash_leads, _slash_list_any)
            if runs or spaced or slashed:
                # regions are in text order and disjoint tokens: both bounds increase
                los = [lo for lo, _ in regions]
                his = [hi for _, hi in regions]
                near: set[int] = set(spaced) | set(slashed)
                if runs:  # regions whose widened window [lo-8, hi+8) meets a run [s, e)
                    near.update(_meeting(his, los, runs, 8))
                plain = set(slashed).difference(spaced)  # (lists alone, if ASCII: see below)
                for i in near:
                    lo, hi = regions[i]
                    a = lo - 8 if lo > 8 else 0
                    b = hi + 8 if hi + 8 < n else n
                    ck = ("normalized", a, b)
                    copy = cache.get(ck, False)
                    if copy is False and i in plain and text[a:b].isascii():
                        # ASCII with nothing spaced: only the slashes that part a list change,
                        # judged once per batch (``list_slash``: the scorer asks about them too)
                        window = list(text[a:b])
                        j = text.find("/", a, b)
                        while j >= 0:
                            if self.list_slash(j):
                                window[j - a] = ","
                            j = text.find("/", j + 1, b)
                        copy = cache[ck] = (a, "".join(window), None)
                    if copy is False:
                        norm, offsets = normalize_number(text[a:b], lists=True)
                        # a letter of another script glues nothing (``word_char``): in scripts
                        # written without spaces a value follows its word ("電話415-555-0132")
                        copy = cache[ck] = (a, _OTHER_LETTER.sub(" ", norm), offsets)
                    hit[i] = copy
            if "_" in text:
                # a value in underscores that no letter or digit glues on ("_536-90-4399_",
                # "__4599...__": Markdown's emphasis; "4599..._ " a trailing one): the
                # underscores are read as blanks, in a copy of the region (the same offsets)
                for i in self._underscored(min_digits, need_dots, back):
                    if hit[i] is not None:
                        continue
                    lo, hi = regions[i]
                    a = lo - 8 if lo > 8 else 0
                    b = hi + 8 if hi + 8 < n else n
                    ck = ("underscored", a, b)
                    copy = cache.get(ck)
                    if copy is None:
                        copy = cache[ck] = (a, _emphasis_blanked(text, a, b), None)
                    hit[i] = copy
            self._cache[key] = hit
        return hit

    def telling_runs(self) -> list[tuple[int, int]]:
        """The ``non_ascii_runs`` that hold a character a number's normalised copy reads
        otherwise (``normalize_number``, ``_OTHER_LETTER``): a letter, a digit or numeral of any
        script, a blank, a separator's or an invisible character (cached). The other runs
        (symbols and punctuation: "⑆021000021⑆", "— ", "€") are read as written, as ASCII
        punctuation is: a region near them alone is matched in place, not in a copy."""
        runs = self._cache.get("telling-runs")
        if runs is None:
            search, text = _TELLING.search, self.text
            runs = self._cache["telling-runs"] = [r for r in self.non_ascii_runs()
                                                  if search(text, *r)]
        return runs

    def _underscored(self, min_digits: int, need_dots: int, back: int) -> list[int]:
        """Indices of ``token_regions(...)`` whose token has an underscore right before or
        right after it (found for the whole batch at once)."""
        t = self.num_table()
        keep = t[2] >= min_digits
        if need_dots:
            keep &= t[3] >= need_dots
        starts, ends = t[0, keep], t[1, keep]
        codes = self.codes()
        n = len(codes)
        before = np.zeros(len(starts), dtype=bool)
        ok = starts > 0
        before[ok] = codes[starts[ok] - 1] == 95
        after = np.zeros(len(ends), dtype=bool)
        ok = ends < n
        after[ok] = codes[ends[ok]] == 95
        return np.flatnonzero(before | after).tolist()

    def _regions_with(self, regions: list[tuple[int, int]], bounds: tuple[np.ndarray, np.ndarray],
                      where, search) -> list[int]:
        """Indices of ``regions`` (their bounds as arrays: ``_region_bounds``) that hold a
        position of ``where(batch)`` (``spaced_leads``, ``slash_leads``: where a match of
        ``search`` can start) and where ``search(text, lo, hi)`` then succeeds: regions whose
        groups are spaced around a separator (``_SPACED_ANY``), or that may hold values joined
        by a slash (``_slash_list_any``)."""
        at = self.positions(where)
        if not len(at) or not regions:
            return []
        held = np.flatnonzero(_holding(at, *bounds))
        text = self.text
        # (once per region and search: the lists of several recognizers hold the same regions,
        # a token's from its start to two characters past its end)
        memo = self._cache.get(("regions-with", search))
        if memo is None:
            memo = self._cache[("regions-with", search)] = {}
        out = []
        for i in held.tolist():
            r = regions[i]
            got = memo.get(r)
            if got is None:
                got = memo[r] = bool(search(text, *r))
            if got:
                out.append(i)
        return out

    def positions(self, where) -> np.ndarray:
        """``where(batch)``, once per batch: the sorted positions a vectorised lead gives
        (``spaced_leads``, ``nine_digit_chains``...)."""
        key = ("positions", where)
        at = self._cache.get(key)
        if at is None:
            at = self._cache[key] = where(self)
        return at

    def list_slash(self, j: int) -> bool:
        """``is_list_slash`` at ``text[j]``: once per batch and slash (a list's values each ask
        about the slashes around them)."""
        memo = self._cache.get("list-slash")
        if memo is None:
            memo = self._cache["list-slash"] = {}
        got = memo.get(j)
        if got is None:
            got = memo[j] = is_list_slash(self.text, j)
        return got

    def non_ascii_runs(self) -> list[tuple[int, int]]:
        """(start, end) of every run of non-ASCII characters of the batch (cached)."""
        runs = self._cache.get("non-ascii")
        if runs is None:
            runs = []
            if not self.text.isascii():
                # per segment, found by a test in C: the regex engine steps through a batch's
                # every character (a few ms per batch), a segment is mostly all ASCII
                finditer, text = _NON_ASCII.finditer, self.text
                for s, seg in zip(self.starts, self.segments):
                    if not seg.isascii():
                        runs += [m.span() for m in finditer(text, s, s + len(seg))]
            self._cache["non-ascii"] = runs
        return runs

    def scan(self, pattern: re.Pattern, lower: bool = False,
             lead: str | tuple[str, ...] | None | Callable = None) -> list[re.Match]:
        """All matches of ``pattern`` over the batch (cached per pattern, shared by
        recognizers): exactly ``list(pattern.finditer(text))``. Where the pattern has leads
        (``lead``: fixed-width ASCII regexes, one of which every match starts with; else its
        literal prefix), the match is tried only where a lead occurs, found for every pattern
        of the batch in one compiled pass (``leads``)."""
        key = (pattern, lower)
        hit = self._cache.get(key)
        if hit is None:
            text = self.lower if lower else self.text
            at = self._lead_positions(pattern, lower, lead)
            if at is None:
                hit = list(pattern.finditer(text))
            else:
                hit = []
                match = pattern.match
                done = 0
                for p in at:
                    if p >= done:
                        m = match(text, p)
                        if m is not None:
                            hit.append(m)
                            done = m.end() if m.end() > p else p + 1
            self._cache[key] = hit
        return hit

    def _lead_positions(self, pattern: re.Pattern, lower: bool,
                        lead: str | tuple[str, ...] | None | Callable) -> list[int] | None:
        """Sorted positions where a match of ``pattern`` may start, or None (reference path).
        A ``lead`` that is a function of the batch gives them itself (``positions``)."""
        if callable(lead):
            return self.positions(lead).tolist()
        if not leads.enabled:
            return None
        key = (pattern, lower, lead)
        ids = _LEAD_IDS.get(key, False)
        if ids is False:  # once per pattern and lead: its leads' ids (None: no lead)
            ids = _LEAD_IDS[key] = _lead_ids(pattern, lower, lead)
        if ids is None:
            return None
        idx = self._index(lower)
        if idx is None or ids[-1] >= len(idx):
            return None  # too dense, or a lead newer than this batch's index
        if len(ids) == 1:
            return idx[ids[0]]
        return sorted(set().union(*(idx[i] for i in ids)))

    def _index(self, lower: bool) -> list[list[int]] | None:
        ck = ("leads", lower)
        idx = self._cache.get(ck, False)
        if idx is False:
            idx = self._cache[ck] = leads.index(self.lower if lower else self.text, lower)
        return idx

    def indexed(self, lower: bool = False) -> bool:
        """Whether the leads' index covers this batch (``scan`` with leads is then a lookup
        per lead, not a pass of the regex engine over the text)."""
        return leads.enabled and self._index(lower) is not None

    def keyed_segments(self, key_re: re.Pattern) -> list[int]:
        """Indices of segments whose context key (JSON key path) matches ``key_re``."""
        if not self.keys:
            return []
        ck = ("keys", key_re)
        hit = self._cache.get(ck)
        if hit is None:
            joined = self._cache.get("keys-joined")
            if joined is None:  # normalized once per batch, shared by every pattern
                # each distinct key once: whether a pattern matches some key is all this search
                # tells (a stream repeats a few key paths in every record; the keys that match
                # are found one by one below)
                distinct = list(dict.fromkeys(self.keys))
                if len(distinct) * 4 <= len(self.keys):
                    # a stream's key paths, repeated: each distinct one normalised (memoised)
                    self._nkeys = [normalize_key(k) for k in self.keys]
                    joined = SEP.join(dict.fromkeys(self._nkeys))
                else:  # mostly distinct keys: one substitution over all of them
                    joined = _normalize_key(SEP.join(distinct))
                self._cache["keys-joined"] = joined
                self._cache["keys-distinct"] = distinct
            # and each key as written, lower-cased, where its casing split it: a key cased at
            # random may split at a hump that looks like a word ("pasSword" -> "pas_sword")
            lowered = self._cache.get("keys-lowered", False)
            if lowered is False:
                lowered = SEP.join(self._cache["keys-distinct"]).lower()
                lowered = self._cache["keys-lowered"] = lowered if lowered != joined else None
            hit = []
            # (the keys joined by line breaks: the pattern's ^ and $ anchor at each key, as
            # they do when each key is searched alone below)
            whole = _per_line(key_re)
            if whole.search(joined) or lowered is not None and whole.search(lowered):
                if self._nkeys is None:
                    self._nkeys = [normalize_key(k) for k in self.keys]
                # each distinct key searched once (a stream repeats a few key paths in every
                # record: a JSON batch has hundreds of thousands of leaves and a few hundred keys)
                by_key = self._cache.get("segments-by-key")
                if by_key is None:
                    by_key = self._cache["segments-by-key"] = {}
                    by_low = self._cache["segments-by-lowered"] = {}
                    keys = self.keys
                    for i, k in enumerate(self._nkeys):
                        if k:
                            got = by_key.get(k)
                            if got is None:
                                by_key[k] = [i]
                            else:
                                got.append(i)
                            if k is not keys[i] and k != keys[i]:  # cased: split or lowered
                                low = keys[i].lower()
                                if low != k:
                                    by_low.setdefault(low, []).append(i)
                search = key_re.search
                lists = [v for k, v in by_key.items() if search(k)]
                extra = [v for k, v in self._cache["segments-by-lowered"].items() if search(k)]
                if extra:
                    hit = sorted({i for v in lists + extra for i in v})
                else:
                    hit = list(lists[0]) if len(lists) == 1 else sorted(i for v in lists for i in v)
            self._cache[ck] = hit
        return hit


_PER_LINE: dict[re.Pattern, re.Pattern] = {}


# A table written in one record: a header row of column names, then rows of as many fields, one
# delimiter (, ; tab |), rows parted by a line break (or a written "\\n") or, for the delimiters
# other than '|', by a '|' (a log's rendering of a line break): "export: id,ssn,dob | 7,536-90-
# 4399,1984-03-02"; a header and its row in one run of fields ("name<TAB>ssn<TAB>Jane<TAB>5369...")
# when the names fill its first part and the fields divide evenly. A value's column is its key:
# the other columns' names are no words about it ("id,ssn,dob,phone | 7,004-90-0083": "phone"
# is another column's).
_COLUMN = re.compile(r"[^\W\d_](?:[\w\-.#/() ]{0,30}[\w)#.])?")
_NO_COLUMN = re.compile(r"\d{3}|  |(?:\S+ ){3}")  # a number in it, or more than three words
_PREFIX = re.compile(r".*(?:[:=][ \t]*[\"']?|->[ \t]*|>[ \t]+)")  # "export.csv: id", "rows=id": a lead-in
# a key that opens a quoted value in a field: a log line's lead-in, its own commas before it
# ('2024-05-18 23:30:31,666 INFO upload content="AccountNumber,CheckNumber,...\n74065834,...')
_LEAD_IN = re.compile(r"[\w\]][:=][ \t]*[\"']")
_TABLE_DELIMITERS = (",", ";", "\t", "|")
# (a row's CRLF written escaped, "\\r\\n", reads as two breaks, ``escapes``: one row break)
_ROW_BREAK = {",": re.compile(r"\r?\n\n?|\\n|[ \t]*\|[ \t]*"), ";": re.compile(r"\r?\n\n?|\\n|[ \t]*\|[ \t]*"),
              "\t": re.compile(r"\r?\n\n?|\\n|[ \t]*\|[ \t]*"),
              # (a Markdown table's rows, their line breaks made blanks by a log: "| name | ssn |
              # | Ann | 536-90-4399 |": a row's closing pipe, blanks, the next row's opening one)
              "|": re.compile(r"\r?\n\n?|\\n|\|[ \t]*\|")}
MAX_TABLE_FIELDS = 20_000
MAX_COLUMNS = 64  # a header names at most this many columns


# A person's record as a headerless row ("APP-2024-45415,ROBERT,SATO,2001-07-07,029265178,1175 S
# HALSTED ST,CHICAGO,IL,60607,2076691907", "T-906528,1G1CHF4P...,x@hotmail.com,0412 393 613,..."):
# a delimited line of four fields or more that holds an e-mail address or a birth date
# (``person_row``). Its other fields are a person's too: a bare phone-shaped or
# SSN-shaped field there reaches the rules' PII threshold on that evidence alone (the charCNN may
# dispute it, which keeps it redacted and sends it to the verifier).
PERSON_EMAIL = 1  # an e-mail address or a birth date: a person's row (a formatted SSN is no
# evidence of one: an order table's references take its shape)
PERSON_SMS = 4  # an SMS report's row: its phone-shaped fields are subscribers' (its first too)
PERSON_BIRTH = 2  # a birth date, no formatted SSN, and one bare 9-digit field only: that one
# is the row's SSN (a row that shows its SSN formatted has its other 9-digit numbers for ids)
_ROW_EMAIL = re.compile(r"[\w.+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63})+")
_ROW_BIRTH = re.compile(r"(?<![\d\-/])(?:(?:19[2-9]\d|200\d)[\-/](?:0[1-9]|1[0-2])[\-/](?:0[1-9]|[12]\d|3[01])"
                        r"|(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:19[2-9]\d|200\d))(?![\d\-/])")
# (or written compact as a whole field, "...,Martinez,20010510,630184392,...": evidence for the
# row's SSN only; an order's or a report's row writes its dates so too, beside 10-digit ids)
_ROW_BIRTH_COMPACT = re.compile(r"(?<=[,;|\t\"'])(?:(?:19[2-9]\d|200\d)(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
                                r"|(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:19[2-9]\d|200\d))(?=[,;|\t\"'])")
# a person's name as a row writes it: "WILLIAMS, DONNA" in a field (a row not parted by commas),
# "Elizabeth Brown" in one, "LEE|RICHARD" in two; a common given name (``given_names``) beside a
# name-shaped word of three letters or more (not "AUSTIN|TX": a city and its state)
_NAME_WORD = r"[^\W\d_][^\W\d_'\-]*(?:['\-][^\W\d_]+)?"
_ROW_NAME_FIELD = re.compile(r"[ \t]*[\"']?(" + _NAME_WORD + r"(?: " + _NAME_WORD + r")?)(?:(, ?| )("
                             + _NAME_WORD + r"))?[\"']?[ \t]*\Z")
# a row that shows its SSN otherwise (formatted, spaced, masked), masks its numbers (an export
# that masks would mask an SSN too), or names an employer's EIN (a payroll row's ids beside it)
_ROW_SHOWN = re.compile(r"(?<![\d\-])\d{3}[\- ]\d{2}[\- ]\d{4}(?![\d\-])|[*Xx\u2022]{3,}[\-]?[*Xx\u2022]{0,2}-?\d{3,4}"
                        r"|(?<![\d\-])\d{2}-\d{7}(?![\d\-])")
# an SMS opt-out or opt-in report's row (a subscriber's number, the keyword it sent, the short
# code: "6147990023,STOP,2024-08-22 22:04:16,shortcode 44704"): the keyword as a field of its own,
# and the record says it is a text message's
_ROW_SMS_KEYWORD = re.compile(r"(?<=[,;|\t])(?:STOP|STOPALL|UNSTOP|UNSUBSCRIBE|START|CANCEL|QUIT|OPTOUT|OPT-OUT)(?=[,;|\t])")
_ROW_SMS = re.compile(r"short[ _-]?code|(?<![a-z])sms(?![a-z])|opt[ _-]?(?:out|in)(?![a-z])")
_ROW_NINE = re.compile(r"(?:^|(?<=[,;|\t\"'])|(?<=[|;] ))\d{9}(?=[,;|\t\"']|$| [|;])", re.M)  # a bare 9-digit field
_ROW_BREAK_BACK = ("\n", "\\n")
_ROW_ACCOUNT_MARK = re.compile(r"\d{12}|(?i:savings?|checking|chk|dda|ach|refunds?|deposits?|payments?|payee|routing|"
                               r"acct|accounts?)(?![A-Za-z])|(?<=[,;|\t])[CS](?=[,;|\t]|$)")
_ROW_ACCOUNT_NEXT = re.compile(r"[\"']?[ ]?[,;|\t][ ]?[\"']?\d{4,17}(?=[\"']?[ ]?[,;|\t]|$)", re.M)
MAX_PERSON_ROW = 2048  # a row longer than this is no record's line


def person_row(batch: Batch, s: int, e: int) -> int:
    """The evidence (``PERSON_EMAIL``, ``PERSON_BIRTH``, ``PERSON_SMS``) of the delimited row that holds
    ``[s, e)`` as a whole field, or 0: not a whole field of such a row, or no evidence."""
    text = batch.text
    p = s - 1 if s > 0 and text[s - 1] not in "\"'" else s - 2
    if p > 0 and text[p] == " " and text[p - 1] in "|;":
        p -= 1  # (a field padded by a blank: "APPLICANT: BRANDON KIM | 3728 Pine Ct | 399200539 |")
    first = False
    if p < 0 or text[p] not in ",;|\t":
        # (no delimiter before it, a quote aside: no row's field; tested first, cheap) unless it
        # is a row's first field, a delimiter after it ("6147990023,STOP,...")
        # (a segment's start or a line's: the batch joins its segments with SEP, a line break)
        if e >= len(text) or text[e] not in ",;|\t" or s > 0 and text[s - 1] != "\n":
            return 0
        first = True
    seg = batch.segment_of(s)
    lo, hi = batch.segment_bounds(seg)
    single = batch._cache.get(("one-row", seg))
    if single is None:  # (a segment without a line break is one row: most are, read once)
        single = batch._cache[("one-row", seg)] = text.find("\n", lo, hi) < 0 and text.find("\\n", lo, hi) < 0
    if single:
        a, b = lo, hi
    else:
        a = max(lo, *(text.rfind(br, max(lo, s - MAX_PERSON_ROW), s) + len(br) for br in _ROW_BREAK_BACK))
        b = min([hi] + [x for x in (text.find(br, e, min(hi, e + MAX_PERSON_ROW)) for br in _ROW_BREAK_BACK)
                        if x >= 0])
    if s - a > MAX_PERSON_ROW or b - e > MAX_PERSON_ROW:
        return 0  # (a line longer than a record's: no row; a hostile megabyte stays linear)
    # (the delimiter before it, at ``p``: the row starts before it, no break ends there)
    d = text[e] if first else text[p]
    after = text[e] if e < b else ""
    if after in "\"'" and e + 1 < b:
        after = text[e + 1]
    elif after == " " and p + 1 < s and text[p + 1] == " " and e + 1 < b:
        after = text[e + 1]  # (padded on both sides)
    if after and after != d:
        return 0
    key = ("person-row", a)
    got = batch._cache.get(key)
    if got is None:
        got, nine = 0, -1
        # (not an HL7 segment's fields, its components parted by '^': the interchange reader
        # names those by their place, its control ids among them)
        if text.count(d, a, b) >= 3 and not (d == "|" and "^" in text[a:b]):
            row = text[a:b]
            birth = _ROW_BIRTH.search(text, a, b)
            if "@" in row and _ROW_EMAIL.search(text, a, b) or birth:
                got |= PERSON_EMAIL
            if ("STOP" in row or "START" in row or "CANCEL" in row or "QUIT" in row or "OPT" in row or
                    "UNSUB" in row) and \
                    _ROW_SMS_KEYWORD.search(text, a, b) and _ROW_SMS.search(batch.lower, a, b):
                got |= PERSON_SMS  # (the keywords' capitals first: one C-speed test each, most rows)
            # (a name is evidence for the row's SSN only, read last, for a row with one bare 9-digit
            # field: a motor vehicle record names its driver beside a 10-digit licence number, no phone)
            dated = birth or _ROW_BIRTH_COMPACT.search(text, a, b)
            nines = [m.start() for m in _ROW_NINE.finditer(text, a, b)]
            # a routing number with its account in the next field is the row's bank's
            # ("...|ROLLOVER|290675384|MORALES|SOFIA|225379833|55293099|CHK|...")
            banks = set()  # (a routing number's field, and its account's when nine digits too)
            for q in nines:
                f = _ROW_ACCOUNT_NEXT.match(text, q + 9, b) if aba_ok(text[q:q + 9]) else None
                if f is not None:
                    banks.update((q, f.end() - 9))
            rest = [q for q in nines if q not in banks]
            if len(rest) > 1 and birth:
                # of two taxpayers' numbers, the one beside the birth date is the person's
                # ("EIWO,...,272705825,DOLLAR GENERAL,WHITE,DMITRI,072090265,09/03/1994,...":
                # the employer's EIN first)
                rest = [q for q in rest if birth.start() == q + 10 or birth.end() == q - 1]
            if len(rest) == 1 and (dated and not banks or _row_named(row, d)) and not _ROW_SHOWN.search(text, a, b) and \
                    (dated or banks or not aba_ok(text[rest[0]:rest[0] + 9])):
                # (digits that pass a routing number's checksum too: the person's with a birth
                # date, or beside the row's own routing number and account; a name alone is a
                # payee's as often, beside the bank's routing number: "James Dyer|...|673248969";
                # a row with a bank's pair besides is a person's by a name, a date is a payment's)
                got |= PERSON_BIRTH
                nine = rest[0]
        got = batch._cache[key] = got, nine
    got, nine = got
    if got & PERSON_BIRTH and s != nine:
        got &= ~PERSON_BIRTH  # (the row's other fields: its one SSN-shaped field only)
    if first:
        got &= PERSON_SMS  # (a row's first field is its record's id as often: an SMS report's only)
    # (a table's field is its column's to name: asked only of a row with evidence, most have
    # none, and a table's fields are dear to read)
    if got and table_column(batch, seg, s) is not None:
        return 0
    return got


def _row_named(row: str, d: str) -> bool:
    """Whether the row, parted by ``d``, writes a person's name (``_ROW_NAME_FIELD``)."""
    prev = None  # the previous field's single word, lower case
    for f in row.split(d):
        m = _ROW_NAME_FIELD.match(f)
        if m is None:
            prev = None
            continue
        first, sep, second = m.group(1), m.group(2), m.group(3)
        if second is None and " " in first:
            # two words in one field: "Elizabeth Brown", "FLORES LUIS" (a surname first, as a
            # tax form's name line writes it); not in a row with an account's marks, a payment's
            # payee ("Scott Chase|PROCESSED" beside a 15-digit account, "savings", "DDA")
            one, two = first.split(" ")
            if (one.lower() in GIVEN_NAMES and len(two) >= 3 or two.lower() in GIVEN_NAMES and len(one) >= 3) and \
                    not _ROW_ACCOUNT_MARK.search(row):
                return True
            prev = None
            continue
        if second is not None:
            given = second if sep.startswith(",") else first.split(" ")[0]
            other = first if sep.startswith(",") else second
            if (d != "," or not sep.startswith(",")) and given.lower() in GIVEN_NAMES and len(other) >= 3:
                return True  # "WILLIAMS, DONNA", "Elizabeth Brown"
            prev = None
            continue
        word = first.lower()
        if prev is not None and (word in GIVEN_NAMES and len(prev) >= 3 or
                                 prev in GIVEN_NAMES and len(word) >= 3):
            return True  # "LEE|RICHARD", "Emma,Jones"
        prev = word if " " not in word else None
    return False


def table_column(batch: Batch, seg: int, pos: int) -> tuple[str, int] | None:
    """(column name, where the header starts) of the table field at ``pos``, or None."""
    if not _table_segment(batch, seg):  # (most segments: no table)
        return None
    cols = table_fields(batch, seg)
    if not cols:
        return None
    k = bisect_right(cols[0], pos) - 1
    return (cols[2][k], cols[3][k]) if k >= 0 and pos < cols[1][k] else None


def table_fields(batch: Batch, seg: int) -> tuple | tuple[()]:
    """``_table_fields`` of a segment, read once (cached on the batch)."""
    cols = batch._cache.get(("table", seg))
    if cols is None:
        lo, hi = batch.segment_bounds(seg)
        # (the shortest table, "a,b,c|1,2,3", has 11 characters and 4 delimiters: a JSON value
        # of a number, a line of a log without them, is none)
        cols = batch._cache[("table", seg)] = \
            _table_fields(batch, seg) if hi - lo >= 11 and _table_segment(batch, seg) else ()
    return cols


def _emphasis_blanked(text: str, a: int, b: int) -> str:
    """``text[a:b]`` with each run of underscores that stands between a digit and a character
    that is no letter or digit (or the text's end) as blanks: Markdown's emphasis around a
    value, a trailing underscore; not the glue of "user_536904399", "536904399_v2"."""
    window = list(text[a:b])
    j = text.find("_", a, b)
    while j >= 0:
        k = j
        while k < b and text[k] == "_":
            k += 1
        left = text[j - 1] if j > 0 else ""
        right = text[k] if k < len(text) else ""
        # (a phone's parenthesis or plus is the value's: "_(541) 340-0223_", "_+44 7490 856067_")
        if (left.isdigit() or left == ")") and not right.isalnum() or \
                (right.isdigit() or right in "(+") and not left.isalnum():
            for x in range(j, k):
                window[x - a] = " "
        j = text.find("_", k, b)
    return "".join(window)


def _table_segment(batch: Batch, seg: int) -> bool:
    """Whether the segment may hold a table: 4 delimiters or more (, ; tab |), and a header's
    hint (``_HEADER_HINT``). Judged when a candidate asks, once per segment (cached on the
    batch): about half a log batch's segments hold a candidate, and a segment without
    delimiters costs four counts in C (a pass over the whole batch for both, and a regex
    step at each of its commas, were 4-5 us per record of generated logs)."""
    memo = batch._cache.get("table-segments")
    if memo is None:  # per segment: 0 not judged yet, 1 no table, 2 a table's hint (a byte each)
        memo = batch._cache["table-segments"] = bytearray(len(batch.segments))
    got = memo[seg]
    if not got:
        text = batch.text
        lo = batch.starts[seg]
        hi = lo + len(batch.segments[seg])
        count = text.count
        pipes = count("|", lo, hi)
        got = memo[seg] = 2 if count(",", lo, hi) + count(";", lo, hi) + count("\t", lo, hi) + \
            pipes >= 4 and _HEADER_HINT.search(text, lo, hi) is not None or \
            pipes >= 2 and _RULE_HINT.search(text, lo, hi) is not None or \
            count("  ", lo, hi) >= 4 and (_ALIGNED_HINT.search(text, lo, hi) is not None or
                                          _ALIGNED_FIRST.match(text, lo, hi) is not None or
                                          _SERIES_NAME.search(text, lo, hi) is not None or
                                          _SPACED_HINT.search(text, lo, hi) is not None) else 1
    return got == 2


# what every header holds (``_header_rows``: a row whose first three fields are columns' names,
# ``_column_name``): two fields in a row that are each a name (``_COLUMN``, with the blanks and
# quotes ``_column_name`` strips), the first between two of one delimiter, the second before
# the next one or the row's end (a break of ``_ROW_BREAK`` or the segment's end). A log line's
# JSON or key=value pairs ('"level":"info",', 'a=1, b=2') and a browser's name ("(Macintosh;
# U; Intel Mac OS X 10_11_1 rv:2.0; as-IN)": one name, then a colon) have none, so their
# rows are not split (a third of a generated log's lines have 4 commas). It never matches
# across a newline (no class of it holds one): a match is in one segment
# (each name is first looked ahead of with a possessive run to the delimiter or row's end that
# must follow it: a field that is no name, '"level":"info"', fails there at once instead of the
# engine trying every shorter name; the real-log and generated corpora's segments are hinted
# alike, in 60% of the time)
_FIELD_END = r"(?:\1|\r|\n|\\n|\||\Z)"


def _name(end: str) -> str:
    return (r"[ \t\"']*[^\W\d_](?=[\w\-.#/() \"']{0,40}+[ \t\"']*" + end + r")"
            r"(?:[\w\-.#/() ]{0,30}[\w)#.])?[ \t\"']*")


_HEADER_HINT = re.compile(r"([,;\t|])" + _name(r"\1") + r"\1" + _name(_FIELD_END) + _FIELD_END)


def _column_name(field: str) -> str:
    name = field.strip(" \t\"'")
    return name if _COLUMN.fullmatch(name) and not _NO_COLUMN.search(name) else ""


# A table's header line as a record of its own, before its rows (a CSV export shipped line by
# line: the file's first line names the columns of every record after it): three names or more
# apart by one delimiter, each a column's name (``_column_name``), no sentence's end among them.
# ``records.HeaderCarry`` puts it before each later row of as many fields, as one segment: the
# table readers read the row under its header as in a record that holds both.
MAX_HEADER_LINE = 4096
_HEADER_LINE_DELIMITERS = (",", "\t", "|", ";")


def header_line(text: str) -> tuple[str, int] | None:
    """(delimiter, fields) when ``text`` is a table's header line alone, else None."""
    if not 5 <= len(text) <= MAX_HEADER_LINE or "\n" in text or "\r" in text:
        return None
    best = None
    for d in _HEADER_LINE_DELIMITERS:
        n = text.count(d)
        if n < 2 or n >= MAX_COLUMNS or best is not None and n + 1 <= best[1]:
            continue
        fields = _fields(text, 0, len(text), d)
        if len(fields) >= 3 and all(_column_name(text[a:b]) and not text[a:b].rstrip(" \t\"'").endswith(".")
                                    for a, b in fields):
            best = (d, len(fields))
    return best


# a header's last name, then a word that says its row follows, then the row's first value
_ROW_LEAD = re.compile(r"[ \t]*([A-Za-z_][\w .\-]{0,63}?)[ \t]*\)?[ \t]+(?:row|values?|data|record)[ \t]*[:=][ \t]*")


def _table_fields(batch: Batch, seg: int) -> tuple | tuple[()]:
    """(starts, ends, column names, header starts) of the fields of the segment's table rows,
    in order, for the delimiter that names the most fields; () when it has no table."""
    lo, hi = batch.segment_bounds(seg)
    text = batch.text
    best: tuple = ()
    for d in _TABLE_DELIMITERS:
        if text.count(d, lo, hi) < 2:
            continue
        rows = _rows(text, lo, hi, d)
        found = _header_rows(text, rows)
        if found and (not best or len(found[0]) > len(best[0])):
            best = found
    if not best and text.count("  ", lo, hi) >= 4:
        best = _aligned_fields(text, lo, hi) or _spaced_row(text, lo, hi)
    return best


# A header and its row in one line, their cells two blanks or more apart: a form's or a
# statement's table as a PDF's text layer prints it (pdftotext -layout, OCR's layout mode), its
# lines joined ("Account Type   Account Number   Routing Number   Checking   9792310168
# 072807422"): three names or more, then as many values (``_header_rows``). The hint: three
# names of one to four words, each two blanks or more from the next.
_SPACED_NAME = r"[A-Za-z][A-Za-z.#/()\-]{0,24}(?: [A-Za-z#(][A-Za-z.#/()\-]{0,24}){0,3}:?"
_SPACED_HINT = re.compile(r"(?:(?<=[ \t]{2})|(?<![^\n]))" + _SPACED_NAME + r"[ \t]{2,}" + _SPACED_NAME +
                          r"[ \t]{2,}" + _SPACED_NAME + r"[ \t]{2,}")
_SPACED_SPLIT = re.compile(r"[ \t]{2,}")


def _spaced_row(text: str, lo: int, hi: int) -> tuple | tuple[()]:
    """``_header_rows`` of a one-line segment's cells two blanks or more apart."""
    if text.find("\n", lo, hi) >= 0 or text.find("\\n", lo, hi) >= 0:
        return ()
    row: list[tuple[int, int]] = []
    at = lo
    for m in _SPACED_SPLIT.finditer(text, lo, hi):
        if m.start() > at:
            row.append((at, m.start()))
        at = m.end()
        if len(row) > 4 * MAX_COLUMNS:
            return ()
    if at < hi:
        row.append((at, hi))
    half = len(row) // 2
    # (exactly one row: as many values as names, every name before them read as one; a cell
    # more or less, "Deposit Account Type  Routing  Account  Amount  Checking  075000022 ...  EMP
    # SSN 635-47-5850", and no value can be told to its column)
    if len(row) < 6 or len(row) % 2 or not all(_column_name(text[a:b]) for a, b in row[:half]):
        return ()
    return _header_rows(text, [row])


# A table printed with its columns aligned by blanks, as pandas prints a DataFrame (its lines
# joined as a logger escapes them): a header line of names two blanks or more apart, then rows
# of one width, each led by its index; a cell is what lies under its column's name, from the
# previous column's end to its own (values are right-aligned under their names). And a Series:
# its index and values, then "Name: <column>, Length: ..., dtype: ...".
_ALIGNED_BREAK = re.compile(r"\r?\n|\\n")
_ALIGNED_BODY = (r"[ \t]*[A-Za-z_][\w.\-]*(?: {2,}(?:[A-Za-z_][\w.\-]*|\.\.\.))+"
                 r"[ \t]*(?:\r?\n|\\n)[ \t]*\w+ {2,}")
_ALIGNED_HINT = re.compile(r"(?:\n|\\n)" + _ALIGNED_BODY)
_ALIGNED_FIRST = re.compile(_ALIGNED_BODY)  # (the header as the segment's first line)
_SERIES_NAME = re.compile(r"(?:\n|\\n)Name: ([A-Za-z_][\w.\-]{0,63}), (?:Length|dtype)")
_TOKEN = re.compile(r"\S+")
_HEADER_TOKEN = re.compile(r"[A-Za-z_][\w.\-]{0,63}|\.\.\.")
_SERIES_ROW = re.compile(r"[ \t]*\S+ {2,}(\S(?:[^\n\\]*\S)?)[ \t]*\Z")
MAX_ALIGNED_LINES = 400


def _aligned_fields(text: str, lo: int, hi: int) -> tuple | tuple[()]:
    lines = []
    at = lo
    for m in _ALIGNED_BREAK.finditer(text, lo, hi):
        lines.append((at, m.start()))
        at = m.end()
        if len(lines) >= MAX_ALIGNED_LINES:
            break
    else:
        lines.append((at, hi))
    starts: list[int] = []
    ends: list[int] = []
    names: list[str] = []
    heads: list[int] = []
    i = 0
    while i < len(lines):
        a, b = lines[i]
        i += 1
        series = _SERIES_NAME.match(text, a - 2 if text.startswith("\\n", a - 2) else a - 1, b) if a > lo else None
        if series is not None:
            # a Series: the rows before its name, each an index and a value
            k = i - 2
            while k >= 0:
                ra, rb = lines[k]
                r = _SERIES_ROW.match(text, ra, rb)
                if r is None:
                    break
                starts.append(r.start(1))
                ends.append(r.end(1))
                names.append(series.group(1))
                heads.append(a)
                k -= 1
            continue
        toks = [t for t in _TOKEN.finditer(text, a, b)]
        if len(toks) < 2 or not all(_HEADER_TOKEN.fullmatch(t.group()) for t in toks) or \
                any(text.startswith(" ", t.end()) is False and t is not toks[-1] for t in toks) or \
                not any(toks[k + 1].start() - toks[k].end() >= 2 for k in range(len(toks) - 1)):
            continue
        width = b - a
        cols = [(t.start() - a, t.end() - a, t.group()) for t in toks]
        while i < len(lines):
            ra, rb = lines[i]
            if abs((rb - ra) - width) > 2:
                break
            first = _TOKEN.search(text, ra, rb)
            prev = first.end() - ra if first is not None and first.end() - ra <= cols[0][0] else 0
            for cs, ce, name in cols:
                ca, cb = ra + prev, min(rb, ra + ce)
                prev = ce
                while ca < cb and text[ca] in " \t":
                    ca += 1
                if name == "..." or ca >= cb or "  " in text[ca:cb]:
                    continue
                starts.append(ca)
                ends.append(cb)
                names.append(name)
                heads.append(a)
            i += 1
    if not starts:
        return ()
    order = sorted(range(len(starts)), key=starts.__getitem__)
    return ([starts[k] for k in order], [ends[k] for k in order], [names[k] for k in order],
            [heads[k] for k in order])


def _rows(text: str, lo: int, hi: int, d: str) -> list[list[tuple[int, int]]]:
    """The segment's rows, each a list of (start, end) fields, at most ``MAX_TABLE_FIELDS``."""
    find = text.find
    if find("\n", lo, hi) < 0 and find("\\n", lo, hi) < 0 and (
            find("|", lo, hi) < 0 if d != "|" else _ROW_BREAK[d].search(text, lo, hi) is None):
        return [_fields(text, lo, hi, d)]  # no row break (``_ROW_BREAK``): one row, found in C
    rows: list[list[tuple[int, int]]] = []
    n = 0
    at = lo
    for br in _ROW_BREAK[d].finditer(text, lo, hi):
        rows.append(_fields(text, at, br.start(), d))
        n += len(rows[-1])
        at = br.end()
        if n >= MAX_TABLE_FIELDS:
            return rows
    rows.append(_fields(text, at, hi, d))
    return rows


def _fields(text: str, lo: int, hi: int, d: str) -> list[tuple[int, int]]:
    if d == "|":
        # a Markdown row's outer pipes ("| Ann | 536-90-4399 |") open and close it: no fields
        while lo < hi and text[lo] in " \t":
            lo += 1
        if lo < hi and text[lo] == "|":
            lo += 1
        end = hi
        while end > lo and text[end - 1] in " \t":
            end -= 1
        if end > lo and text[end - 1] == "|":
            hi = end - 1
    out = []
    at = lo
    while len(out) < MAX_TABLE_FIELDS:
        j = text.find(d, at, hi)
        if j < 0:
            out.append((at, hi))
            return out
        out.append((at, j))
        at = j + 1
    return out


_RULE = re.compile(r"[ \t]*[-=+|:]{3,}[-=+|: \t]*\Z")
_PREFIXED_RULE = re.compile(r"[ \t](?:-{2,}\+-{2,}|\+-{2,}\+)[-=+|]*[ \t]*\Z")
# a rule drawn under a header between two lines, psql's ("----+----"), MySQL's and Spark's
# ("+---+---+"): a table without the header's hint of three names (``_table_segment``)
_RULE_HINT = re.compile(r"(?:\n|\\n)[ \t]*(?:-{2,}\+-|\+-{2,}\+)")


def _rule_row(text: str, row: list[tuple[int, int]]) -> bool:
    """Whether a row is a drawn rule: dashes and their joints only, no field's text (after a
    log's prefix, as a task runner logs each line of a command's output: "... INFO - ----+----")."""
    if not row:
        return False
    a, b = row[0][0], row[-1][1]
    return (_RULE.match(text, a, b) is not None or _PREFIXED_RULE.search(text, a, b) is not None) and \
        any(c == "-" or c == "=" for c in text[a:b])


def _header_rows(text: str, rows: list) -> tuple | tuple[()]:
    starts: list[int] = []
    ends: list[int] = []
    names: list[str] = []
    heads: list[int] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        i += 1
        if len(row) < 3 and not (len(row) == 2 and i < len(rows) and _rule_row(text, rows[i])):
            continue  # (two columns with a drawn rule under them: psql's, Spark's)
        for k in range(min(len(row), 4) - 1, 0, -1) if i == 1 else ():
            # (a segment's first row: a header logged after the line's own lead-in)
            if _LEAD_IN.search(text, row[k][0], row[k][1]):
                row = row[k:]  # (the header starts in the field of the lead-in)
                break
        first = _PREFIX.sub("", text[row[0][0]:row[0][1]], 1)
        head = []  # the names the row starts with, up to its first field that is none
        for a, b in ((row[0][1] - len(first), row[0][1]),) + tuple(row[1:MAX_COLUMNS + 1]):
            name = _column_name(text[a:b])
            if not name:
                break
            head.append(name)
        named = len(head)
        if named > MAX_COLUMNS:
            continue  # a run of words, not a header
        head += [""] * (len(row) - named)
        # a rule under the header, as psql, MySQL's client and Spark's show() draw one
        # ("----+-----------", "+---+---------+"): a table's header even with two names
        ruled = i < len(rows) and _rule_row(text, rows[i])
        if named < 3 and not (ruled and named == 2 == len(head)):
            continue
        if named == len(head):  # a header row: the rows after it with as many fields
            cols, data = head, []
            while i < len(rows) and _rule_row(text, rows[i]):
                i += 1
            while i < len(rows) and len(rows[i]) == len(cols):
                data.extend(rows[i])
                i += 1
        else:  # names, then their values in the same run of fields
            lead = _ROW_LEAD.match(text, row[named][0], row[named][1]) if len(row) == 2 * named + 1 else None
            if lead is not None and _column_name(lead.group(1)):
                # the last name and the first value in one field, a row's word between ("...,
                # LEID,EUID) row: kevin@...,Kevin,..."): the names, then as many values
                cols = head[:named] + [_column_name(lead.group(1))]
                data = [(lead.end(), row[named][1])] + row[named + 1:]
            else:
                n = next((k for k in range(min(named, len(row) // 2), 2, -1) if len(row) % k == 0), 0)
                if not n:
                    continue
                cols, data = head[:n], row[n:]
        if not data:
            continue
        h0 = row[0][1] - len(first)  # after the lead-in
        for k, (a, b) in enumerate(data):
            starts.append(a)
            ends.append(b)
            names.append(cols[k % len(cols)])
            heads.append(h0)
    return (starts, ends, names, heads) if starts else ()


def _per_line(key_re: re.Pattern) -> re.Pattern:
    """``key_re`` with ^ and $ at each line: over keys joined by ``SEP``, it finds what it finds
    in each key alone ("cookie$" in the first of two keys)."""
    got = _PER_LINE.get(key_re)
    if got is None:
        got = _PER_LINE[key_re] = key_re if key_re.flags & re.M else \
            re.compile(key_re.pattern, key_re.flags | re.M)
    return got


_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_ACRONYM = re.compile(r"([A-Z]+)([A-Z][a-z])")  # an acronym, then a word: SSNValue, IPAddress
# a run of letters and digits with a change of case inside (from its start: linear)
_CASED_RUN = re.compile(r"(?<![A-Za-z0-9])(?=[A-Za-z0-9]*?(?:[a-z0-9][A-Z]|[A-Z][A-Z][a-z]))"
                        r"[A-Za-z0-9]+")
_RUNS: dict[str, str] = {}  # a cased run -> its words (bounded memo: keys repeat their runs)


def split_case(ident: str) -> str:
    """``ident`` with an underscore between the words its casing marks: camelCase
    (``dbPassWord`` -> ``db_Pass_Word``), an acronym before a word (``SSNValue`` ->
    ``SSN_Value``). A run whose casing marks no words is left whole: random casing
    (``pAsSwOrD``, ``sSn``, ``PaSsWoRd``) is a word written to dodge a case-sensitive key
    match, and its pieces ("p", "as", "sw") are no words (``camel_words``)."""
    return _CASED_RUN.sub(_split_run, ident)


def _split_run(m: re.Match) -> str:
    run = m.group()
    got = _RUNS.get(run)
    if got is None:
        split = _ACRONYM.sub(r"\1_\2", _CAMEL.sub(r"\1_\2", run))
        got = split if camel_words(split.split("_")) else run
        if len(_RUNS) >= 65536:
            _RUNS.clear()
        _RUNS[run] = got
    return got


def camel_words(parts: list[str]) -> bool:
    """Whether the pieces a casing split gives are an identifier's words: no lone letter (but a
    one-letter prefix of a longer word, ``iPhone``, ``eTag``), and not two or more pieces of two
    letters or fewer making half of them (``p_Ass_Wo_Rd``, ``Pa_Ss_Wo_Rd``; ``user_Id`` has a
    longer word). A key cased at random reads as one word; a rare real key read whole too
    (``userIdIp`` -> ``useridip``) loses a word boundary, not its value."""
    short = sum(len(p) <= 2 for p in parts)
    if short >= 2 and 2 * short >= len(parts):
        return False  # pAs_sWo_Rd, Pa_Ss_Wo_Rd (user_Id_Ip too: read whole, "useridip")
    for i, p in enumerate(parts):
        if len(p) == 1 and p.isalpha() and not (i == 0 and len(parts) > 1 and len(parts[1]) >= 3):
            return False
    return True


def _normalize_key(key: str) -> str:
    return split_case(key).lower() if key else ""


KEY_INDEX = re.compile(r"\[\d+\]")  # an array's index in a key path ("phones[2]")


def normalize_key(key: str) -> str:
    """'sessionToken' -> 'session_token', 'AccountID' -> 'account_id', 'SSNValue' -> 'ssn_value':
    word boundaries survive lower-casing, so keyword patterns see 'token' and 'account' as
    words; a key cased at random is its word ('pAsSwOrD' -> 'password': ``split_case``). A key
    with nothing to lower-case is its own normal form (a split needs a capital): array paths
    such as ``items[17]`` are distinct per element. Others are memoised: a stream repeats its
    few key paths in every record (a template substitution costs ~15 us)."""
    return key if key.lower() == key else _normalize_cased(key)


@functools.lru_cache(maxsize=16384)
def _normalize_cased(key: str) -> str:
    return _normalize_key(key)


# where a keyword may start: not after a letter, and a word of Latin letters not after a digit
# either: "cc" in the hex id "1ab9a154c0...a4d3cc7cd6" is no card's word, "dda" in
# "8f828c61c3cb9dda" no account's (a word of a script written without spaces may follow a
# digit: "1암호")
_WORD_START = r"(?<![a-z])(?!(?<=[0-9])[a-z])"


def words(*frags: str) -> re.Pattern:
    """Keyword regex over lower-cased text: each fragment must start at a non-letter boundary;
    fragments of up to three letters, and those written with a ``(?![a-z])`` end, must also end
    at one ("sha" is not "shari"), longer ones match as prefixes ("account" in "accounts"). A
    plural is the word: "ssns", "itins", "ips", "ccs" (a list under it is a list of such values).
    """
    fixed = fixed_fragments(frags)
    if not all(_groupable(f) for f in fixed):
        return re.compile(_WORD_START + r"(?:" + "|".join(fixed) + ")")
    # The same alternatives grouped by their first character (in their order within a group),
    # behind a look-ahead for those characters: the engine skips other positions at C speed and
    # tries one group, not every alternative, where one could start (a context window of a
    # numeric type was read by 80-odd alternatives at each of its positions). Alternatives with
    # different first characters never match at the same position, so the matches are the same
    # (tests/test_recognizers.py checks it against the plain alternation).
    groups: dict[str, list[str]] = {}
    for f in fixed:
        groups.setdefault(f[0], []).append(f[1:])
    alts = "|".join(c + "(?:" + "|".join(rest) + ")" for c, rest in groups.items())
    return re.compile(r"(?=[" + "".join(sorted(groups)) + r"])" + _WORD_START + r"(?:" + alts + ")")


_END = r"(?![a-z])"


def fixed_fragments(frags) -> list[str]:
    """The fragments as ``words`` matches them: short words and words written with a
    ``(?![a-z])`` end must end at a non-letter, and their plural is the word."""
    fixed = []
    for f in frags:
        if f.isalpha() and len(f) <= 3:
            f += _END
        if f.endswith(_END):
            f = f[:-len(_END)] + r"(?:e?s)?" + _END
        fixed.append(f)
    return fixed


_QUANTIFIERS = frozenset("?*+{")


def _groupable(frag: str) -> bool:
    """A fragment that starts with one literal lower-case letter or digit, of any script (not
    made optional by a quantifier) and has no alternation outside its groups: its first
    character is the first character of every match."""
    if not frag or not (frag[0].isalnum() and frag[0] == frag[0].lower()) or \
            frag[1:2] in _QUANTIFIERS:
        return False
    depth, i = 0, 0
    while i < len(frag):
        ch = frag[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # a class: to its closing bracket (a leading ']' or '^]' is a member)
            j = i + 1 + (frag[i + 1:i + 2] == "^")
            j += frag[j:j + 1] == "]"
            while j < len(frag) and frag[j] != "]":
                j += 2 if frag[j] == "\\" else 1
            i = j + 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return False
        i += 1
    return True


NEVER = re.compile(r"(?!x)x")
# characters before a value that a supporting word must stand in for a value that failed its
# validator to be a candidate (``Recognizer.supported``): the phrase that names it ("card: ",
# "call me at ", "pan="), not a logger or class name further left ("PaymentService - Device")
def _latin_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def in_number_run(text: str, start: int, end: int) -> bool:
    """A space-separated number glued by single spaces to more numbers on either side."""
    return (start >= 2 and text[start - 1] == " " and text[start - 2].isdigit()) or \
        (end + 1 < len(text) and text[end] == " " and text[end + 1].isdigit())


NEAR = 20

# The IRS forms that carry a person's taxpayer number (SSN or ITIN) beside the payer's EIN: a
# 1099 of any kind, a W-2, a W-9, a 1042-S ("1099-MISC|2023|36-3042116|991966149|GREEN PATRICK")
TAX_FORMS = (r"1099-?(?:misc|nec|int|div|k|b|r|g|oid|patr|sa|ltc|s|q|c)(?![a-z0-9])",
             r"w-[29](?![a-z0-9])", r"1042-?s(?![a-z0-9])")

# Context words that argue against any numeric PII type (identifiers, measurements, codes).
NUMERIC_NEGATIVE = (
    r"order", r"invoice", r"inv(?:oice)?[ _#-]?(?:no|num)", r"tracking",
    # (not a card stripe's "track 1"/"track2=": a card's own words)
    r"track(?![a-z0-9]|[ _-]?[12](?![0-9]))",
    r"shipment", r"sku", r"part(?:[ _-]?(?:no|num(?:ber)?|#))?(?![a-z])", r"p/n", r"model",
    r"serial", r"imei", r"meid", r"iccid", r"imsi", r"isbn", r"issn", r"ean", r"upc", r"gtin",
    r"pid(?![a-z])", r"ppid", r"tid(?![a-z])", r"thread", r"port(?![a-z])", r"bytes?(?![a-z])",
    r"size", r"length", r"len(?![a-z])", r"timestamp", r"ts(?![a-z])", r"epoch", r"time(?![a-z])",
    r"elapsed", r"duration", r"latency", r"took", r"ms(?![a-z])", r"trace(?!back)", r"span(?![a-z])", r"req(?:uest)?[ _-]?id",
    r"version", r"ver(?![a-z])", r"build", r"release", r"zip", r"postal", r"checksum", r"crc",
    r"hash", r"digest", r"sha\d*(?![a-z])", r"md5", r"uuid", r"guid", r"offset", r"partition",
    r"seq(?:uence)?(?![a-z])", r"count(?!r)", r"total", r"amount", r"price", r"qty", r"quantity", r"ticket",
    # the number of a case, a claim, a policy: an identifier ("case number 581-513-3400")
    r"case[ _-]?(?:no|num(?:ber)?|id|#)", r"claim[ _-]?(?:no|num(?:ber)?|id|#)",
    r"policy[ _-]?(?:no|num(?:ber)?|id|#)",
    # a meeting's id, a dial-in conference's ("Meeting ID: 856 623 2468", "Phone Conference ID:
    # 852 609 184#", "Webinar ID")
    r"meeting[ _-]?(?:id|ids|number|no|#)(?![a-z])", r"conference[ _-]?(?:id|ids|number|no|#)(?![a-z])",
    r"webinar[ _-]?(?:id|ids|number|no|#)(?![a-z])", r"bridge[ _-]?(?:id|ids|number|no|#)(?![a-z])",
    r"ref(?:erence)?(?![a-z])", r"receipt", r"confirmation", r"conf(?![a-z])", r"booking", r"pnr",
    r"vin(?![a-z])", r"vendor(?![a-z])", r"supplier(?![a-z])", r"cusip", r"mid(?![a-z])",
    r"lot(?![a-z])", r"batch",
    # a document's control number (a W-2's box d, an e-file's submission): the issuer's id
    r"control[ _-]?(?:no|num(?:ber)?|nbr|#)(?![a-z])",
    # a database log's positions and transactions (Debezium's source block: "lsn":568118782,
    # "txId":..., Oracle's SCN, PostgreSQL's xmin, MySQL's GTID)
    r"lsn(?![a-z])", r"scn(?![a-z])", r"x(?:id|min|max)(?![a-z])", r"tx[ _-]?id(?![a-z])", r"gtid",
    # a storage engine's page ("Trying to access page number 101832114 in space 8619")
    r"page(?:s|[ _-]?(?:no|num(?:ber)?|id))?(?![a-z])", r"ip(?![a-z])",
    # a general ledger's account code ("debit GL 1606-854-0049": a chart of accounts' segments)
    r"gl(?![a-z])", r"addr(?:ess)?(?![a-z])", r"pn(?![a-z])",
    r"mpn(?![a-z])", r"catalog", r"asset[ _-]?(?:tag|id|no)", r"item(?![a-z])", r"job(?![a-z])",
    # a value that starts right after an access log's closed request starts with its status
    # code: the status and the sizes after it ('"GET /docs HTTP/1.1" 404 19 2167')
    r'http/\d(?:\.\d)?" $',
)
# an identifier's own word ("user_id=", "event id"): contrary for a type whose shape an id
# takes by chance (a 16-digit id passes Luhn with an issuer's prefix one time in thirty), but
# no name of another type of PII (``cnn_runtime._names_other_type``)
ID_WORDS = (r"id",)


# A phrase right after a value that names it, as a word before it would: "536904399 is my SSN",
# "945799252 - my ITIN", "0433 539 838 is my cell", "71792591714 is my account number", "(my
# SSN)", ", that's my social security number", "34991000 <- acct": a possessive (or an arrow that
# points at the value), then the type's word (``named_after``); bounded: a few characters after
# the value only.
# (a bracket, a comma or a dash needs the possessive: "Case 7399971 (phone): ..." is the case's
# channel, not its number's type)
NAMED_AFTER = (r"[ \t]*(?:<-+[ \t]*(?:(?:my|our|his|her|their|your)[ \t]+)?"  # "858728060 <- SSN?"
               r"|(?:[-\u2013\u2014,:(\[][ \t]*)?"
               r"(?:(?:is|was|=)[ \t]+|(?:that|it)(?:['\u2019]s| is)[ \t]+)?"
               r"(?:my|our|his|her|their|your)[ \t]+)"
               r"(?:(?:new|old|full|personal|work|home|current|primary|main|business|bank|checking|savings)"
               r"[ \t]+)?")
_NAMED_AFTER = re.compile(NAMED_AFTER)
# a verb after the noun of a comma's phrase: a clause of its own, not a name in apposition
_CLAUSE_VERB = re.compile(r"(?:[ \t]+[a-z]+)?[ \t]+(?:was|is|has|had|got|gets|keeps|will|won't|isn't|wasn't|"
                          r"didn't|doesn't|does|did|were|are|went|came)(?![a-z])")
_TAX_KIND_AFTER = re.compile(r"[ \t]?\((ssn|itin|ein|atin)\)")
# what a NAMED_AFTER phrase always holds, in its last 24 characters before the type's word: a
# cheap test before a search for the phrase ends there (that search tries every start of its
# window: once per phone or account word of a batch, it was half of a dense record's time)
POSSESSIVE_NEAR = re.compile(r"(?:my|our|his|her|their|your)[ \t]|<-")
NAMED_AFTER_SPAN = 64  # characters after a value where its phrase and the type's word may be
# the rest of a number from where a candidate starts (its groups, a blank run between them)
_VALUE_REST = re.compile(r"[(+]{0,2}\d+(?:[ \t\-./_" + SEPARATORS[" "] + r"]{1,3}\d+)*\)?")


def named_after(r: "Recognizer", batch: "Batch", end: int) -> int:
    """Whether a phrase right after a value ending at ``end`` names it (``NAMED_AFTER``): 1 as
    ``r``'s type (one of its words), -1 as another thing (a contrary word: "4111... is my account
    number" is no card, "... is my order number" no SSN), 0 neither."""
    lower = batch.lower
    m = _NAMED_AFTER.match(lower, end, end + NAMED_AFTER_SPAN)
    if m is None:  # (most values: the segment's bounds are looked up only for a phrase)
        if end < len(lower):
            c = lower[end]
            if c in ",;|\t\"'":
                return _typed_in_next_field(r, batch, end)
            if c == "(" or c == " " and lower.startswith("(", end + 1):
                # a taxpayer's number and its kind in brackets ("CONS-ID: 956553354 (ITIN)"): no
                # other thing is named so (unlike "Case 7399971 (phone)", a channel's)
                t = _TAX_KIND_AFTER.match(lower, end)
                if t is not None:
                    return 1 if r.pos_re.fullmatch(t.group(1)) else -1
        return 0
    hi = min(batch.segment_bounds(batch.segment_of(end - 1 if end else 0))[1], end + NAMED_AFTER_SPAN)
    if m.end() > hi:
        return 0
    w = r.neg_re.match(lower, m.end(), hi)
    if w is not None:
        if OWN_VALUE_AFTER.match(lower, w.end(), hi) or \
                lower[end:end + 3].lstrip(" \t").startswith(",") and _CLAUSE_VERB.match(lower, w.end(), hi):
            return 0  # (a clause of its own after a comma: "call me at 2105164469, my card was declined")
        return -1
    w = r.pos_re.match(lower, m.end(), hi)
    return 1 if w is not None and not OWN_VALUE_AFTER.match(lower, w.end(), hi) else 0


# a type's word that a value of its own follows ("... 029560051 her bank account 32669780463103":
# the phrase names the next value, not the one before it)
# (or a label's colon and a value of any kind after it: "Order date: Mar 12, 2024 Your account:
# arjun@example.fr", the field after the date)
OWN_VALUE_AFTER = re.compile(r"[a-z]*(?:[ \t]*(?:number|num|no\.?|nr|#|id))?[ \t]*(?:(?:is[ \t]+)?[:#=]?[ \t]*[(+]?\d"
                             r"|:[ \t]*[^\s\d])")


# a row's next field that is the type's word alone: a tax form's import names the kind of its
# TIN in the column after it ("1099-NEC,616104859,SSN,\"Price, Tim\",...", "915977923|ITIN|")
_NEXT_FIELD = re.compile(r"[\"']?[ \t]*[,;|\t][ \t]*[\"']?")
_NEXT_FIELD_END = re.compile(r"[\"']?[ \t]*(?:[,;|\t]|\Z)")


# (or an employer's: "1099-NEC,616104859,EIN,..." is a business's number, whatever the form says)
_EMPLOYER_TIN = re.compile(r"f?ein(?![a-z])")


def _typed_in_next_field(r: "Recognizer", batch: "Batch", end: int) -> int:
    lower = batch.lower
    hi = min(batch.segment_bounds(batch.segment_of(end - 1 if end else 0))[1], end + 24)
    m = _NEXT_FIELD.match(lower, end, hi)
    if m is not None and (e := _EMPLOYER_TIN.match(lower, m.end(), hi)) is not None and \
            _NEXT_FIELD_END.match(lower, e.end(), hi) is not None:
        return -1
    w = r.pos_re.match(lower, m.end(), hi) if m is not None else None
    if w is None or _NEXT_FIELD_END.match(lower, w.end(), hi) is None or \
            (w.end() < hi and lower[w.end()].isalnum()):
        return 0
    return 1


# The name/value idiom written inline in a text record (a JSON object inside a log line; in
# JSON records ``records.NAME_KEYS`` reads it): a member whose own key says only that it holds a
# value ("value", "address", "id": ``GENERIC_MEMBERS``) is named by a sibling member of the same
# object that names a kind, before or after it: '{"Value": "879905985", "Key": "CustomerSSN"}',
# '"CustomerEndpoint": {"Address": "+14128468277", "Type": "TELEPHONE_NUMBER"}', '{"system":
# "phone", "value": ...}'. Bounded: the innermost braces around the value, each within
# ``MEMBER_SPAN`` characters of it, no other object between.
GENERIC_MEMBERS = frozenset(("value", "val", "v", "answer", "response", "field_value", "fieldvalue",
                             "parameter_value", "option_value", "address", "addr", "id", "identifier",
                             "number", "data", "text", "content",
                             # (Azure's document models: {"RoutingNumber": {"type": "string",
                             # "valueString": "...", "content": "..."}})
                             "value_string", "valuestring", "value_number", "value_object",
                             # (Amazon Lex's views of a slot's value: {"ssnSlot": {"value":
                             # {"originalValue": ..., "interpretedValue": ...}}})
                             "original_value", "originalvalue", "interpreted_value", "interpretedvalue"))
_NAMING_MEMBER = re.compile(
    r"[\"']?(?:name|key|k|type|kind|system|label|field|field_?name|field_?label|param(?:eter)?(?:_?key)?"
    r"|property|attribute|variable|setting|question|title|code|prompt|option_?name|id_?type)"
    r"[\"']?[ \t]*[:=][ \t]*[\"']([^\"'\n{}]{1,64})[\"']")
MEMBER_SPAN = 160
_VALUE_TYPES = frozenset(("string", "number", "integer", "int", "float", "double", "object", "array",
                          "boolean", "bool", "date", "time", "text", "phonenumber", "currency"))
_PARENT_KEY = re.compile(r"[\"']([a-z_][\w\-.]{0,63})[\"'][ \t]*:[ \t]*\{\Z")


def named_by_member(batch: "Batch", start: int, end: int) -> str | None:
    """The kind a sibling member names for the value at [start, end) in an object written in a
    text record (see ``GENERIC_MEMBERS``), as a key (``normalize_key``: "CustomerSSN" ->
    "customer_ssn"); None where there is no such object or member."""
    lower = batch.lower
    seg = batch.segment_of(start)
    lo, hi = batch.segment_bounds(seg)
    lo, hi = max(lo, start - MEMBER_SPAN), min(hi, end + MEMBER_SPAN)
    open_at = lower.rfind("{", lo, start)
    if open_at < 0 or lower.rfind("}", open_at, start) >= 0:
        return None
    close_at = lower.find("}", end, hi)
    if close_at < 0 or 0 <= lower.find("{", end, close_at):
        return None
    for m in _NAMING_MEMBER.finditer(lower, open_at + 1, close_at):
        if m.start() < end and start < m.end():
            continue  # the value's own member
        if m.start() > open_at + 1 and lower[m.start() - 1] not in "{, \t\"'":
            continue  # the tail of another word ("hostname": ...)
        if m.group(1) in _VALUE_TYPES:
            continue  # a type's name ("type": "string"): no kind
        return normalize_key(batch.text[m.start(1):m.end(1)])
    # else the object's own key, where the object only holds the value with its type and
    # metadata ({"RoutingNumber": {"type": "string", "valueString": "...", "confidence": 0.9}})
    p = _PARENT_KEY.search(lower, max(lo, open_at - 80), open_at + 1)
    if p is not None and normalize_key(batch.text[p.start(1):p.end(1)]) in GENERIC_MEMBERS:
        # the parent says only that it holds the value: its own parent names it ({"ssnSlot":
        # {"value": {"originalValue": ...}}})
        up = lower.rfind("{", lo, p.start())
        if up >= 0 and lower.rfind("}", up, p.start()) < 0:
            q = _PARENT_KEY.search(lower, max(lo, up - 80), up + 1)
            if q is not None:
                p = q
    return normalize_key(batch.text[p.start(1):p.end(1)]) if p is not None else None


# A value that answers a question naming its type, in a transcript: "Agent: What is your
# social? Customer: 536904399", "Q: Account number? A: 39121910", "Bot: Can I have your card
# number? User: sure, it's 4111...". The question ends in '?' right before a speaker's label (a
# role of a transcript and a colon: not any word, "check account number? status: ..." is a
# log's field), then a few filler words at most, then the value: the type's word in the
# question is its context (``answers``). Bounded: the question's last 80 characters.
ANSWER_LABEL = (r"\?[ \t]*(?:a|answer|customer|cust|caller|client|user|me|patient|applicant|member|guest"
                r"|agent|rep|representative|csr|bot|assistant|operator|support|advisor|tech)"
                r"(?:[ _]?\d{1,2})?[ \t]*:[ \t]*"
                r"(?:(?:sure|ok|okay|yes|yeah|yep|um+|uh+|hm+|so|well|it['\u2019]s|it is|that['\u2019]s|"
                r"that is|here|here it is)[ \t]*[,.]?[ \t]*)*")
_ANSWER_BEFORE = re.compile(ANSWER_LABEL + r"\Z")
_QUESTION_START = re.compile(r".*[.!?:;]", re.S)  # (greedy: the last such mark)


def answers(r: "Recognizer", batch: "Batch", pos: int) -> bool:
    """Whether the value at ``pos`` answers a question that names ``r``'s type (``ANSWER_LABEL``):
    the type's word in the question, no contrary word after it."""
    lower = batch.lower
    if pos < 4 or lower.find("?", max(0, pos - 48), pos) < 0:
        return False
    lo = max(batch.starts[batch.segment_of(pos)], pos - 128)
    a = _ANSWER_BEFORE.search(lower, max(lo, pos - 48), pos)
    if a is None:
        return False
    question = lower[max(lo, a.start() - 80):a.start()]
    q = _QUESTION_START.match(question)
    question = question[q.end():] if q else question
    return named_last(r, question)


def named_last(r: "Recognizer", words: str) -> bool:
    """Whether ``words`` hold one of ``r``'s words and the last of them comes after the last of
    its contrary words: the nearest word before a value decides for it."""
    last_pos = last_neg = -1
    for m in r.pos_re.finditer(words):
        last_pos = m.end()
    if last_pos < 0:
        return False
    for m in r.neg_re.finditer(words):
        last_neg = m.end()
    return last_pos > last_neg


class Recognizer:
    """One entity type: how to find candidates, validate them, and which context supports them.

    Subclasses set ``entity`` and the keyword fragments and implement ``find``. They register
    themselves with ``@register`` (see ``piistream.models.recognizers``).
    """

    entity: ClassVar[str] = ""
    # keyword fragments (regex, lower-case) that support the type in a key or before the value
    context: ClassVar[tuple[str, ...]] = ()
    # fragments that argue against it (e.g. "order" for a number); NUMERIC_NEGATIVE for numbers
    negative: ClassVar[tuple[str, ...]] = ()

    def __init__(self) -> None:
        self.pos_re = words(*self.context) if self.context else NEVER
        self.neg_re = words(*self.negative) if self.negative else NEVER

    def find(self, batch: Batch) -> Iterable[Candidate]:  # pragma: no cover - abstract
        raise NotImplementedError

    def shape_outranks(self, value: str, word: str) -> bool:
        """Whether the value's written shape outranks ``word``, a contrary word before it that
        is no key (``RuleScorer``): "+44 7407 745308", "(201) 375-2337" after "account" are
        phones, whatever an account's number may look like. None by default."""
        return False

    def warm(self) -> None:
        """Make now what the recognizer would otherwise make on first use (compiled tables):
        the ``Detector`` calls it when it is built, so a first batch does not pay for it."""

    # helpers for subclasses ------------------------------------------------------------------
    def regrouped(self, batch: Batch, fewest: int, most: int, valid: Callable[[str], bool],
                  usual: Callable[[tuple[int, ...]], bool], near: int = 40, shortest: int = 2):
        """(start, end) of each numeric token written in groups of at least two digits apart by
        single spaces or dashes, ``fewest`` to ``most`` digits in all, that passes ``valid``
        (a checksum) but whose grouping is not ``usual`` for the type, right after one of the
        type's words (``supported``, within ``near`` characters): a value typed or scanned in
        groups of its writer's own ("Routing Number: 06310 0277", "my debit card number 6595957
        919371251", an OCR'd form). The checksum and the word are the evidence; the shape is not.
        ``shortest``: the fewest digits a group may have (1: a number read out in a call's
        transcript, "visa 45 1700 153 598 3 312")."""
        text = batch.text
        t = batch.num_table()
        # (selected as arrays: tokens of that many digits, no dot, with separators in them)
        keep = (t[2] >= fewest) & (t[2] <= most) & (t[3] == 0) & (t[1] - t[0] > t[2])
        n = len(text)
        for s, e in t[:2, keep].T.tolist():
            m = _GROUPED_PLAIN.fullmatch(text, s, e)
            if m is None or s > 0 and _latin_alnum(text[s - 1]) or e < n and _latin_alnum(text[e]):
                # (glued to a Latin letter: the groups of an identifier,
                # "a03727e9-d225-4847-9984-16435d3b2317"; a Japanese particle is no part of one)
                continue
            groups = tuple(len(g) for g in _GROUP_GAP.split(text[s:e]))
            if min(groups) < shortest or usual(groups):
                continue
            value = text[s:e].replace(" ", "").replace("-", "")
            if valid(value) and value.count(value[0]) < len(value) and \
                    self.supported(batch, s, near):
                yield s, e

    def cand(self, start: int, end: int, prior: float, ctx: float, valid: bool = True,
             reason: str = "", kind: str = "", decisive: bool = False) -> Candidate:
        return Candidate(start, end, self.entity, prior, ctx, valid, reason, self, kind=kind,
                         decisive=decisive)

    def supported(self, batch: Batch, pos: int, width: int = 40) -> bool:
        """Whether the context of a value at ``pos`` supports the type: its segment's key (the
        leaf, split into words) or, without one, the last of the type's words in the ``width``
        characters before it is a supporting one. For values that fail a validator used as
        evidence, not a gate (recall first): such a value is a candidate only with support."""
        seg = batch.segment_of(pos)
        column = table_column(batch, seg, pos)
        key = column[0] if column else batch.keys[seg] if batch.keys else ""
        if key:
            path = normalize_key(key).rsplit(".", 2)
            leaf = path[-1]
            if not self.pos_re.search(leaf):
                leaf = leaf.replace("_", "")  # read whole (``RuleScorer._verdict``)
            named, contrary = self.pos_re.search(leaf), self.neg_re.search(leaf)
            if named or contrary:
                return bool(named) and not contrary
            if len(path) > 1:
                # a leaf that names nothing ("number") under a parent that does, as the rules
                # read it: {"phone": {"number": ...}}, {"phoneNumbers": [{"number": ...}]}
                parent = KEY_INDEX.sub("", path[-2])
                if self.pos_re.search(parent) and not self.neg_re.search(parent):
                    return True
            # a key that names neither ("message", "body", "description"): a text, whose words
            # before the value decide as a text line's do ({"body": "Card Number: 3591..."})
        if named_last(self, batch.lower[max(batch.starts[seg], pos - width):pos]):
            return True
        # the type named right after the value ("536904399 is my SSN", "0433 539 838 is my cell")
        v = _VALUE_REST.match(batch.text, pos, min(len(batch.text), pos + 48))
        return v is not None and named_after(self, batch, v.end()) > 0 or answers(self, batch, pos)

    def zero_stripped(self, batch: Batch, width: int, shortest: int, valid) -> Iterable[Candidate]:
        """Values under the type's own key (a JSON key, read as ``supported`` reads it) of
        ``shortest`` to ``width - 1`` digits that are valid with the leading zeros put back: a
        serializer that took the value for a number dropped them ({"routing_number": 21000021}
        is 021000021, {"ssn": 12345678} is 012-34-5678)."""
        if not batch.keys:
            return
        segments, starts = batch.segments, batch.starts
        for seg in batch.keyed_segments(self.pos_re):
            v = segments[seg]
            if shortest <= len(v) < width and v.isascii() and v.isdigit() and \
                    valid(v.zfill(width)) and self.supported(batch, starts[seg]):
                yield self.cand(starts[seg], starts[seg] + len(v), 0.3, 0.97, True, "zeros-dropped")

    @staticmethod
    def exact_in_tokens(batch: Batch, pattern: re.Pattern, min_digits: int, back: int = 0,
                        need_dots: int = 0, shape=None) -> list[re.Match]:
        """Run ``pattern`` only over the numeric tokens that could hold a match.

        ``back`` widens the region to the left (for a leading ``+`` or ``(``); the region ends two
        characters after the token so the pattern's lookahead sees the neighbours. ``shape``
        (``Batch.shaped``): a function that gives, for the whole batch at once, positions one of
        which lies in every plain region where the pattern matches; the pattern is then run
        only in those regions (its matches are the same: a necessary condition, tested on
        generated and real text by tests/test_shapes.py).
        """
        finditer = pattern.finditer
        text = batch.text
        regions = batch.token_regions(min_digits, need_dots, back)
        # Digits of other scripts, Unicode separators, invisible characters or groups spaced
        # around a separator: the pattern runs on the normalised token (with a few characters
        # either side for its look-arounds) and the matches are mapped back to offsets in
        # ``text``. The other regions are matched in place, a stretch at a time.
        copies = batch.region_copies(min_digits, need_dots, back)
        if shape is not None:
            out: list = []
            for i in batch.shaped(shape, min_digits, need_dots, back):
                lo, hi = regions[i]
                hit = copies[i]
                if hit is None:
                    out += finditer(text, lo, hi)
                else:
                    out += Recognizer._in_copy(finditer, hit, lo, hi, len(text))
            return out
        if not any(copies):
            return [m for lo, hi in regions for m in finditer(text, lo, hi)]
        out = []
        n = len(text)
        done = 0
        for i, hit in enumerate(copies):
            if hit is None:
                continue
            if done < i:
                out += [m for lo, hi in regions[done:i] for m in finditer(text, lo, hi)]
            done = i + 1
            lo, hi = regions[i]
            out += Recognizer._in_copy(finditer, hit, lo, hi, n)
        if done < len(regions):
            out += [m for lo, hi in regions[done:] for m in finditer(text, lo, hi)]
        return out

    @staticmethod
    def _in_copy(finditer, hit: tuple, lo: int, hi: int, n: int) -> list:
        """The matches in region [lo, hi) of a text of ``n`` characters, read in its normalised
        copy ``hit`` (``Batch.region_copies``), with offsets in the text."""
        a, norm, offsets = hit
        if offsets is None:
            return [MappedMatch(m, None, a) for m in finditer(norm, lo - a, hi - a)]
        # from the first character at ``lo``; to two visible characters past the token's
        # end (``hi`` is that end + 2, or the end of the text)
        pos = offsets.norm(lo - a)
        end = min(len(norm), offsets.norm(hi - 2 - a) + 2) if hi < n else len(norm)
        return [MappedMatch(m, offsets, a) for m in finditer(norm, pos, end)]
