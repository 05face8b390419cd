"""Candidate scorers: the pluggable stage between the candidate stage and the decision.

``RuleScorer`` is the transparent baseline: validator prior + context words (key names and the
words before the value). The charCNN scorer replaces it behind the same ``Scorer`` interface.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Protocol

from .entities import ENTITY_TYPES
from .recognizers.statements import bound_column
from .recognizers.base import (GENERIC_MEMBERS, KEY_INDEX, MARKS, NUMERIC_NEGATIVE, TYPE_TAGS, Batch,
                              Candidate, answers, named_after, named_by_member, normalize_key,
                              sql_column, table_column)

PII, UNCERTAIN, CLEAN = "pii", "uncertain", "clean"


@dataclass(frozen=True)
class Thresholds:
    """score >= hi: PII; score < lo: not PII; between: uncertain (verification stage)."""

    lo: float = 0.35
    hi: float = 0.6

    def decide(self, score: float) -> str:
        if score >= self.hi:
            return PII
        if score < self.lo:
            return CLEAN
        return UNCERTAIN


def decide(thresholds: dict[str, Thresholds], c: Candidate) -> str:
    """A scored candidate's decision. A dispute (stage ``disputed``: the rules say PII, the
    charCNN says clean) is uncertain whatever its type's band: for types calibrated to an empty
    band (lo == hi) its score alone would read as PII and it would never reach the verifier."""
    return UNCERTAIN if c.stage == "disputed" else thresholds[c.type].decide(c.score)


class Scorer(Protocol):
    name: str
    thresholds: dict[str, Thresholds]

    def score(self, batch: Batch, cands: list[Candidate]) -> None:
        """Set ``score`` and ``stage`` on every candidate (in place)."""


# "key=value", "key: value", "\"key\": \"value\"" immediately before the candidate (the definition;
# ``_key_before`` finds its leftmost match reading backwards, tested against it)
_KEY_BEFORE = re.compile(r"([A-Za-z_][\w.\-\[\]]{0,48})[\"']?[ \t]{0,2}[:=][ \t]{0,2}[\"']?[ \t]*\Z")
WINDOW_BEFORE = 48


# A value before the candidate in a list ("ssns: 536-90-4399, 536-90-4400; 536 90 4401"): up
# to six space-separated pieces that each have a digit or '@' (a number, an address, a phone
# written in pairs "06 12 45 45 54"; never a bare word, so a word before a value is never
# skipped over), optionally quoted, then , ; | or a slash that parts a list of values of one
# shape (``list_slashes``: "536-90-4399/536-90-4400"). Matched on the reversed text before the
# candidate (anchored: linear, no search).
_SIBLING_REVERSED = re.compile(r"[\"']?[ \t]*([,;|/])[ \t]*[\"']?([^\s,;|/\"'=:]+(?:[ \u00a0][^\s,;|/\"'=:]+){0,5})")
_DELIMITERS = frozenset(",;|")
_BLANK_QUOTE = frozenset(" \t\"'")
_VALUE_MARK = re.compile(r"[\d@]")
_LEADING_WORD = re.compile(r"\A[^\W_]+")
_LETTER = re.compile(r"[^\W\d_]")
_DIGITS = re.compile(r"\d")


def _kind(value: str) -> tuple:
    """What sort of value: an address, an alphanumeric code, a dotted quad, or a number of so
    many digits. A list holds values of one kind; a row of mixed fields is no list."""
    if "@" in value:
        return ("@",)
    if _LETTER.search(value):
        return ("an",)
    digits = len(_DIGITS.findall(value))
    if value.count(".") == 3 and digits <= 12:
        return ("ip",)
    return ("n", digits)


def _same_kind(a: tuple, b: tuple) -> bool:
    # numbers: one digit more or less ("cards: 4111111111111111, 378282246310005")
    return a == b or (a[0] == b[0] == "n" and abs(a[1] - b[1]) <= 1)


def list_start(batch: Batch, seg_start: int, pos: int, end: int) -> int:
    """Where the list that the value at ``pos:end`` belongs to starts (``pos`` itself when no
    value of its kind comes before it after a list delimiter). Every value of a list shares the
    context of its first: the key or words before the list. Linear over a batch: a walk stops
    at a position an earlier walk for the same kind of value reached (cached on the batch)."""
    text = batch.text
    j = pos - 1  # a list delimiter right before the value (quotes and blanks aside)?
    while j > seg_start and j > pos - 4 and text[j] in _BLANK_QUOTE:
        j -= 1
    if j < seg_start or text[j] not in _DELIMITERS and not (text[j] == "/" and batch.list_slash(j)):
        return pos
    kind = _kind(text[pos:end])
    cache = batch._cache.setdefault(("list-start", kind), {})
    seen = []
    start = pos
    while start not in cache:
        m = _SIBLING_REVERSED.match(text[max(seg_start, start - 96):start][::-1])
        if m is None or m.group(1) == "/" and not batch.list_slash(start - 1 - m.start(1)):
            break
        width = m.start(2)
        pieces = 0
        for piece in m.group(2).replace("\u00a0", " ").split(" "):  # nearest first
            if not _VALUE_MARK.search(piece):
                break
            width += len(piece) + 1
            pieces += 1
        if not pieces:
            break
        sibling = start - width + 1
        if not _same_kind(kind, _kind(text[sibling:start - m.start(2)])):
            break
        seen.append(start)
        start = sibling
        if start > seg_start and text[start - 1] in "\"'":
            start -= 1
    start = cache.get(start, start)
    for p in seen:
        cache[p] = start
    return start


def _last_digit_end(s: str) -> int:
    m = _LAST_DIGIT.search(s)
    return m.end() if m else 0


_LAST_DIGIT = re.compile(r"\d(?=\D*\Z)")


def context_of(batch: Batch, c: Candidate, lists: bool = True) -> tuple[str, str]:
    """(key, words before) for a candidate, both lower-cased. The key is the JSON key path of the
    segment, or a ``key=``/``key:`` right before the value in text -- or, with ``lists``, the
    key or words that head the list the value is in (``list_start``: the phrase before the
    list's first value, after any other value)."""
    return _context_of(batch, c, lists)[:2]


def _context_of(batch: Batch, c: Candidate, lists: bool) -> tuple[str, str, bool]:
    """``context_of``, and whether the context is a list's. It depends on the batch and the
    candidate's span alone: read once per span (cached on the batch; the charCNN's dispute
    asks for it up to three times per candidate, the rules once more)."""
    memo = batch._cache.get("context")
    if memo is None:
        memo = batch._cache["context"] = {}
    ck = (c.start, c.end, lists)
    got = memo.get(ck)
    if got is None:
        got = _read_context(batch, c, lists)
        if len(memo) < MEMO_SPANS:
            memo[ck] = got
    return got


# spans whose context and verdicts a batch keeps (``_context_of``, ``RuleScorer.context``): a
# record dense with candidates reads the rest again rather than hold them all (the words before
# each: 20 MB more at the peak for 1 MiB of numbers in a JSON document)
MEMO_SPANS = 4096


def _read_context(batch: Batch, c: Candidate, lists: bool) -> tuple[str, str, bool]:
    seg = batch.segment_of(c.start)
    seg_start = batch.starts[seg]
    column = table_column(batch, seg, c.start)
    if column is not None and column[0].strip().lower() in _VALUE_COLUMNS:
        column = None  # a table of names and values ("| Field | Value |", "| Account # | 0929275331 |"):
        # the row's own name, before its value, is the value's (read as a key below)
    if column is not None:
        # a field of a table in the record: its column names it, the words before the table
        # are its context (not the other columns' names)
        name, head = column
        lo = max(seg_start, head - WINDOW_BEFORE)
        return normalize_key(name), batch.text[lo:head].lower(), False
    key = batch.keys[seg] if batch.keys else ""
    if not key:
        bound = bound_column(batch, seg, c.start)
        if bound:
            # a value a database log names by its place (a statement's bound parameter, an
            # error's key): its column is its key, and no other column's name is its word
            return normalize_key(bound), "", False
    start = c.start if key or not lists else list_start(batch, seg_start, c.start, c.end)
    lo = max(seg_start, start - WINDOW_BEFORE)
    before = batch.text[lo:start]
    if lo > seg_start and not key and before.endswith(('"', ": ", ":")):
        # a value in an object that names its type ('"SocialSecurityNumber": {"type": "string",
        # "valueString": "...'): the window reaches as far before the object as the wrapper is long
        w = _TYPE_TAG_VALUE.search(before)
        if w is not None:
            lo = max(seg_start, lo - (len(before) - w.start()))
            before = batch.text[lo:start]
    if lo > seg_start and batch.text[lo - 1].isalnum() and before[:1].isalnum():
        # the window starts inside a word: its tail is no word ("accoun|ts" is not "ts")
        before = _LEADING_WORD.sub("", before, 1)
    if start != c.start:  # a list's context is the phrase that heads it, after any other value
        before = before[_last_digit_end(before):]
    if not key:
        found = _key_before(before)
        if found:
            start_of_key, key = found
            if _CEF_SLOT.fullmatch(key):
                # an ArcSight CEF extension's custom field, named by its label elsewhere in the
                # record ("cs2Label=PatientSSN cs2=554749502", "cn1Label=Account Number cn1=...")
                seg_end = batch.segment_bounds(seg)[1]
                lab = re.search(r"(?<![\w.])" + key + r"Label=(.{1,64}?)(?=[ \t]+[A-Za-z][\w.]{0,40}=|\Z)",
                                batch.text[seg_start:seg_end])
                if lab is not None:
                    key = lab.group(1)
            elif key.lower() in _VALUE_MEMBERS:
                # a change's or a name/value pair's value member ('"fieldname": "u_bank_account",
                # "oldvalue": "286301531", "newvalue": ...', 'Field=SSN__c OldValue=... NewValue=
                # ...'): the name member before it names it, across the other members between
                k_abs = start - (len(before) - start_of_key)
                nm = None
                # (tried from the last three name words of the window only: one anchored match
                # each, not a search from every place of it)
                # (the words found on the reversed window, nearest first: the scan stops at the
                # third)
                lo_w = max(seg_start, k_abs - 240)
                for i, w in enumerate(_NAME_WORD_REV.finditer(batch.text[lo_w:k_abs][::-1])):
                    nm = _NAME_MEMBER.match(batch.text, k_abs - w.end(), k_abs)
                    if nm is not None or i == 2:
                        break
                if nm is not None:
                    key = nm.group(2)
                    start_of_key = max(0, start_of_key - (k_abs - nm.start()))
            pair = _PAIR_KEY_FIRST.search(before, 0, start_of_key) if start_of_key > 1 and \
                before[start_of_key - 1] == "/" else None
            if pair is not None:
                # "Routing/Account: 021000021/000123456789": a compound key names its values in
                # order; the first value takes the first word (the second, read as a list's
                # value, takes the word after the '/')
                if start == c.start:
                    key = pair.group(1)
                start_of_key = pair.start(1)
            before = before[:start_of_key]
            # "ssn=410-26-5238 check=442718425": the words before another field's value are
            # that field's, not this key's
            own = _own_field(before, len(before), False)
            if not own:
                # the key's label of a few words after another field's value and its
                # delimiter ("SSN: 283-44-3111 | Claim ID: 205044965"): its words are the
                # value's context ("claim"), the other field's are not
                lab = _LABEL_WORDS.search(before)
                own = _own_field(before, lab.start(1), True) if lab is not None else 0
            before = before[own:]
        elif start == c.start and before.endswith(">") and \
                (x := _XML_OPEN.search(batch.text, max(seg_start, start - 280), start)) is not None:
            # an XML element's text: its name is the key ("<EmployeeSSN>111342880", camel case
            # split into words: employee_ssn; a namespace's prefix dropped)
            attr = _XML_NAME_ATTR.search(x.group(), x.start(2) - x.start())
            child = x.group(2)
            if attr is None and x.group(1) and child.lower() in _XML_VALUE_CHILDREN:
                # a value element under one its attribute names (SAML's '<saml:Attribute
                # Name="employeeSSN"><saml:AttributeValue>...', XACML's, WS-Federation's)
                attr = _XML_NAME_ATTR.search(x.group(), 0, x.start(2) - x.start())
            if attr is not None:
                # a generic element named by its attribute (Android's shared preferences:
                # '<string name="RoutingNo">302434798</string>', a form's <field name="ssn">)
                key = normalize_key(attr.group(1))
            elif x.group(1) and child.lower() in _XML_MEMBERS:
                # a member that names nothing but its parent's part: the parent names it
                # (NCPDP SCRIPT's "<PrimaryTelephone><Number>4064831437")
                key = normalize_key(x.group(1)) + "." + normalize_key(child)
            elif child.lower() not in _XML_GENERIC:
                key = normalize_key(child)
            if key:
                before = before[:max(0, len(before) - (start - x.start()))]
        else:
            key = sql_column(batch, seg, c.start)
            if start == c.start and ("," in before or ";" in before or "|" in before):
                # "SSN XXX-XX-7278; check 128389541": a label after another field's value and
                # its delimiter is the value's own; the words before it are the other field's
                d = max(before.rfind(","), before.rfind(";"), before.rfind("|"))
                label = before[d + 1:]
                if _LABEL.fullmatch(label):
                    before = before[_own_field(before, d + 1, True):]

    else:
        # a JSON string's own key=value ("path": "/checkout/confirm?card=4083437409792&..."): the
        # inner key names the value, the JSON key is its parent (a URL's words are no words)
        found = _key_before(before)
        if found and (found[0] == 0 or before[found[0] - 1] not in "/.@:"):
            # (not a path's or a name's last part: "gcr.io/acme/phone:7.4.5.8192" is an image)
            start_of_key, inner = found
            key = f"{key}.{inner}"
            before = before[:start_of_key]
    return normalize_key(key), before.lower(), start != c.start


# CEF's custom extension fields, each named by its "<field>Label" (``_read_context``)
_CEF_SLOT = re.compile(r"(?:cs|cn|cfp|c6a|flexString|flexNumber|flexDate|deviceCustomString|"
                       r"deviceCustomNumber|deviceCustomDate)\d")
# the value members of a name/value pair or of a field's change (``records.VALUE_KEYS``, as a text
# line writes them), and the name member before them that names the value
_VALUE_MEMBERS = frozenset(("value", "val", "fieldvalue", "field_value", "oldvalue", "newvalue",
                            "old_value", "new_value", "previousvalue", "previous_value",
                            "currentvalue", "current_value", "propertyvalue", "property_value",
                            "attributevalue", "attribute_value", "fromstring", "tostring",
                            # (Jira's audit "changedFrom"/"changedTo", a logfmt change's "old="/
                            # "new=", Google Document AI's entity: '"type": "routing_number",
                            # "mentionText": ...')
                            "changedfrom", "changedto", "old", "new", "mentiontext"))
# a table's column of values, beside a column that names each row's ("| Field | Value |")
_VALUE_COLUMNS = frozenset(("value", "values", "val", "wert", "valor", "valeur", "valore", "waarde"))
# (on the reversed text: each name word, reversed, then its opening quote)
_NAME_WORD_REV = re.compile(r"""(?i:eman|yek|dleif|ytreporp|etubirtta|nmuloc|marap|elbairav|gnittes|lebal|epyt)["']?""")
_NAME_MEMBER = re.compile(
    r"""(?:(?<![\w"'])["']?|(?<=["'][Dd]isplay)|(?<=["'][Dd]isplay_))(?i:name|key|field|field_?name|property|property_?name|attribute|"""
    r"""attribute_?name|column_?name|param(?:eter)?|variable|setting|label|type)["']?[ \t]*[:=][ \t]*"""
    # (a quoted name may hold blanks: '"fieldName": "Bank Account Number"')
    r"""(["']?)([A-Za-z_](?:(?<=["'][A-Za-z_])[\w.\- ]{0,63}|[\w.\-]{0,63}))\1"""
    # (up to three other members between: the old value before the new one, a type)
    r"""(?:[ \t]*[,;]?[ \t]*["']?[A-Za-z_][\w\-]{0,30}["']?[ \t]*[:=][ \t]*"""
    r"""(?:"[^"\n]{0,40}"|'[^'\n]{0,40}'|[\w.\-*]{1,40})){0,3}[ \t]*[,;]?[ \t]*["']?\Z""")
_WORD_AT_END = re.compile(r"[a-z]+\Z")
_SQL_TUPLE = re.compile(r"(?i)\bvalues[ \t]*\(|\)[ \t]*,[ \t]*\(")
_LABEL = re.compile(r"[ \t]*[A-Za-z][^\d\n]{0,40}")  # words, no digit: a field's label
_VALUE_CHARS = frozenset("-./*_\u2022")


_XML_OPEN = re.compile(r"(?:<(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]{0,63})(?:[ \t][^<>]{0,200})?>[ \t]*)?"
                       r"<(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]{0,63})(?:[ \t][^<>]{0,200})?>\Z")
_XML_NAME_ATTR = re.compile(r"""[ \t](?i:name|key|id|field|property|attribute)[ \t]*=[ \t]*["']([^"'<>]{1,64})["']""")
# elements that say nothing of their text but its type or place: their words before decide
_XML_GENERIC = frozenset("""string long int integer short byte float double boolean bool value val v
item entry element el data text td th cell col field property prop attribute attr param arg span
div p b i li dd dt code pre""".split())
_XML_MEMBERS = _XML_GENERIC | frozenset("number num no nr id identifier code".split())
_XML_VALUE_CHILDREN = frozenset(("attributevalue", "value", "val", "v"))
_LABEL_WORDS = re.compile(r"[;|,&][ \t]*((?:[A-Za-z][\w.'/\-]*[ \t]+){1,3})\Z")


def _in_other_fields(before: str, gap: int) -> bool:
    """Whether a word that ends ``gap`` characters before the value lies in a delimited row's
    other fields: the field right before the value is another value (``_own_field``), and the
    word ends before it. Not in a statement's tuple ("INSERT INTO `orders` VALUES (3868994,
    'ORD-5629','293-60-1651'": its table names the row)."""
    d = max(before.rfind(","), before.rfind(";"), before.rfind("|"))
    if d < 0 or d != len(before.rstrip(" \t\"'")) - 1 or _SQL_TUPLE.search(before):
        return False
    own = _own_field(before, d + 1, True)
    return own > 0 and len(before) - gap <= d


def _own_field(before: str, end: int, delimited: bool) -> int:
    """Where the candidate's own field starts in ``before``: ``end`` when ``before[:end]``
    ends with another field's value (a token with four digits or more: a number, a masked one,
    "XXX-XX-7278") and what parts it from the next field (blanks, or a delimiter ``;`` ``|``
    ``,`` ``&``; a delimiter is required when ``delimited``), else 0 (all of it is context)."""
    j = end
    while j > 0 and before[j - 1] in " \t":
        j -= 1
    if j > 0 and before[j - 1] in ";|,&":
        j -= 1
    elif delimited or j == end:
        return 0
    while j > 0 and before[j - 1] in " \t\"'":
        j -= 1
    for _ in range(3):
        # a note in parentheses after the other value is that value's (EF Core's "@p1=
        # '025277122' (Nullable = false) (Size = 4000), @p2=..."): the value is before it
        if j == 0 or before[j - 1] != ")":
            break
        o = before.rfind("(", max(0, j - 40), j - 1)
        if o < 0 or ")" in before[o:j - 1]:
            break
        j = o
        while j > 0 and before[j - 1] in " \t\"'":
            j -= 1
    digits = 0
    k = j
    while k > 0 and (before[k - 1].isalnum() or before[k - 1] in _VALUE_CHARS):
        k -= 1
        digits += before[k].isdigit()
    return end if digits >= 4 else 0


# ``_KEY_BEFORE`` read backwards from its ':' or '=': the longest key is the leftmost match's
# (a key of any script: its letters, digits and marks, starting with a letter; ':' or '=' also
# written full width, as CJK text does)
_KEY_BEFORE_REVERSED = re.compile(r"[:=：＝][ \t]{0,2}[\"']?([\w.\-\[\]" + MARKS + r"]{0,48}[^\W\d])")
_AFTER_KEY_OP = re.compile(r"[ \t]{0,2}[\"']?[ \t]*\Z")
_WRAPPER = re.compile(r"(?<![\w$.])[A-Za-z_$][\w$.]{0,24}\([ \t]*\Z")  # NumberLong(, ISODate(
# a value in an object that names its type (``base.TYPE_TAGS``), up to the tag's ':'
# (the same, up to the value's opening quote: ``_read_context``)
_TYPE_TAG_VALUE = re.compile(r"""\{[ \t]*(?:"type"[ \t]*:[ \t]*"[a-z]{1,16}"[ \t]*,[ \t]*)?(["']?)(?i:""" + TYPE_TAGS +
                             r""")\1[ \t]*:[ \t]*["']?\Z""")
# (the tag may follow the type's own member: {"type": "string", "valueString": ...})
_TYPE_TAG = re.compile(r"""\{[ \t]*(?:"type"[ \t]*:[ \t]*"[a-z]{1,16}"[ \t]*,[ \t]*)?(["']?)(?i:""" + TYPE_TAGS +
                       r""")\1[ \t]*:\Z""")
# PostgreSQL's "Key (phone)=((404) 568-8869) already exists.": a column named in parentheses,
# its value in the next ones
_PAREN_KEY = re.compile(r"""\([ \t]*"?([^\W\d][\w.\-]{0,47})"?[ \t]*\)=\(\Z""")


def _key_before(before: str) -> tuple[int, str] | None:
    """(start, key) of ``_KEY_BEFORE.search(before)``, read backwards from the one place its
    ':' or '=' can be: the window's last character that is not a blank or a quote. A search
    from every position of the window cost 16 us a candidate."""
    j = len(before.rstrip(" \t\"'")) - 1
    if j >= 0 and before[j] == "(":
        # a value wrapped in its type's constructor ({"_id": NumberLong("6011...")}): the key
        # before the constructor's name is the value's (beyond ``_KEY_BEFORE``, which has none)
        w = _WRAPPER.search(before, 0, j + 1)
        if w is not None:
            before = before[:w.start()]
            j = len(before.rstrip(" \t\"'")) - 1
        else:
            p = _PAREN_KEY.search(before, max(0, j - 52), j + 1)
            if p is not None:
                return p.start(1), p.group(1)
    elif j >= 0 and before[j] == ":":
        w = _TYPE_TAG.search(before, max(0, j - 56), j + 1)
        if w is not None:
            before = before[:w.start()]
            j = len(before.rstrip(" \t\"'")) - 1
    if j < 0 or before[j] not in ":=：＝" or not _AFTER_KEY_OP.match(before, j + 1):
        return None
    m = _KEY_BEFORE_REVERSED.match(before[j::-1])
    if m is None:
        return None
    key = m.group(1)[::-1]
    if before[j] == ":" and key.lower() in _NO_KEYS:
        return None  # "text me: ...", "reach us: ...": the words before it are the context
    return j + 1 - m.end(), key


# pronouns a colon may follow: they name no field, the phrase before them is the context
_NO_KEYS = frozenset(("me", "us", "him", "her", "them"))


_INDEX = KEY_INDEX
_PAIR_KEY_FIRST = re.compile(r"([A-Za-z_][\w.\-]{0,40})/\Z")  # the "Routing/" of "Routing/Account:"


def _key_parts(key: str) -> list[str]:
    if not key:
        return []
    if "@" in key:
        # a key that is an address ({"ann@example.org": ...}, a map keyed by user) names a
        # person, not the value's kind: its words ("example") say nothing about the value
        key = _ADDRESS.sub("x", key)
    parts = [p for p in _INDEX.sub("", key).split(".") if p]
    return parts[-1:-3:-1]


# an address in a key path or in the words before a value: a mailbox's name, not words about it
_ADDRESS = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")


# a contrary word's own value right after it, then a word before the candidate's place
_SPENT = re.compile(r"[ \t]?[:=#]?[ \t]?#?\d+(?:[\-./:]\d+)*[ \t]+[A-Za-z]")


def _last_end(pattern: re.Pattern, s: str) -> int:
    end = -1
    for m in pattern.finditer(s):
        end = m.end()
    return end


# what ends a token around a word: white space, quotes, brackets, list and field delimiters
TOKEN_END = frozenset(" \t\"'`,;()[]{}<>|")
_KEY_TOKEN_END = TOKEN_END | {"="}
_ADDRESS_MARKS = re.compile(r"://|@|[./\\][^./\\]{2,}[./\\]")


def token_around(text: str, a: int, b: int, ends: frozenset = TOKEN_END) -> str:
    """The token of ``text`` that holds ``text[a:b]``: widened to the nearest ``ends``."""
    while a > 0 and text[a - 1] not in ends:
        a -= 1
    while b < len(text) and text[b] not in ends:
        b += 1
    return text[a:b]


def in_address(text: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` is part of an address, path or dotted name (a URL, an e-mail, two
    or more ``/``, ``.`` or ``\\`` separators in its token: ``ms-resource://...Calling/resources``,
    ``com.acme.PhoneService``): a name, not a word about a value near it. One separator is not
    enough (``mobile/cell:``, ``tel.:``), nor are single letters between them (``S.S.N.``)."""
    return bool(_ADDRESS_MARKS.search(token_around(text, a, b, _KEY_TOKEN_END).strip(".:!?")))


def _last_word_end(pattern: re.Pattern, s: str) -> int:
    """End of the last match of ``pattern`` in ``s`` that is a word of the text, not part of an
    address or dotted name (``in_address``); -1 when there is none."""
    for m in reversed(list(pattern.finditer(s))):
        if not in_address(s, m.start(), m.end()):
            return m.end()
    return -1


def digit_canon(*patterns: re.Pattern) -> dict[int, int]:
    """A ``str.translate`` table that writes every ASCII digit these patterns cannot tell apart
    as one of them (empty when there are fewer than two such digits). A pattern tells digits
    apart by a literal digit (the 5 of "md5") or a character range that holds some digits and
    not others; classes (``\\d``, ``\\w``, ``[0-9]``, ``[^a-z]``) treat all digits alike. A
    backreference could compare them, so a pattern with one gets no table."""
    from re import _constants as C
    from re import _parser

    from .recognizers.leads import regex_nodes

    digits = set(range(48, 58))
    kept: set[int] = set()
    refs = (C.GROUPREF, C.GROUPREF_EXISTS, C.GROUPREF_IGNORE, C.GROUPREF_LOC_IGNORE,
            C.GROUPREF_UNI_IGNORE)
    for p in patterns:
        for op, av in regex_nodes(_parser.parse(p.pattern, p.flags)):
            if op in (C.LITERAL, C.NOT_LITERAL):
                if av in digits:
                    kept.add(av)
            elif op is C.IN:
                for iop, iav in av:
                    if iop is C.LITERAL and iav in digits:
                        kept.add(iav)
                    elif iop is C.RANGE:
                        inside = digits & set(range(iav[0], iav[1] + 1))
                        if inside != digits:
                            kept.update(inside)
            elif op in refs:
                return {}
    free = sorted(digits - kept)
    if len(free) < 2:
        return {}
    return {d: free[0] for d in free[1:]}


# A number followed by its unit is a quantity, a count or a size ("wrote 961873301 bytes",
# "(4111111111111111 rows)", "took 415555013 ms"), never an identifier: for the numeric types
# (those whose contrary words are ``NUMERIC_NEGATIVE``) it is contrary context, as a word
# before it would be, where nothing before it (a key, a word) supports the type. Only a plain
# run of digits is a quantity (a formatted SSN, a grouped card, "+1 415 555 0132" are written
# as identifiers are), and only a plural or an abbreviated unit follows one (a count of
# millions is never "1 file": "SSN 536904399 file attached" names a file of the value). The
# short units are matched as written (case-sensitive: "Ms Jones", "US" are none); a unit that
# is the next field's key ("rows=3") is none.
_UNIT_AFTER = re.compile(
    r"[ \t]?(?:(?i:bytes|octets|[kmgtpe]i?bytes|records|rows|entries|events|messages|lines|"
    r"times|retries|attempts|files|objects|items|requests|packets|frames|blocks|pages|chars|"
    r"characters|cycles|iterations|tuples|chunks|bits|documents|milliseconds|microseconds|"
    r"nanoseconds|seconds|secs|minutes|mins|hours|hrs)"
    r"|[KMGTPE]i?B|[kKMGT]b|ms|ns|\u00b5s|ops|reqs|pkts|msgs)(?![\w\-]|[ \t]*[=:])")


def quantity_after(batch: Batch, c: Candidate) -> bool:
    """Whether ``c`` is a plain run of digits of a numeric type that a unit follows
    (``_UNIT_AFTER``)."""
    r = c.recognizer
    numeric = _NUMERIC.get(type(r))
    if numeric is None:
        numeric = _NUMERIC[type(r)] = NUMERIC_NEGATIVE[0] in getattr(r, "negative", ())
    if not numeric or _UNIT_AFTER.match(batch.text, c.end) is None:
        return False
    value = batch.text[c.start:c.end]
    return value.isdigit() and value.isascii()


def measured(batch: Batch, c: Candidate) -> bool:
    """Whether ``c`` is a quantity: a unit follows it (``quantity_after``), or it is a plain run
    of digits of a numeric type under a key that measures (``"Duration":685149632``,
    ``elapsed_ms=``, ``bytes=``: the key's last word, ``_MEASURE_WORDS``)."""
    if quantity_after(batch, c):
        return True
    if not _NUMERIC.get(type(c.recognizer)):
        return False
    key = context_of(batch, c, lists=False)[0]
    if not key or _MEASURE_KEY.search(key) is None:
        return False
    value = batch.text[c.start:c.end]
    return value.isdigit() and value.isascii()


# a key whose last word is a measure: its value is a duration, a size or a count
_MEASURE_KEY = re.compile(r"(?:\A|[._ \-])(?:duration|elapsed|latency|took|bytes|size|length|count|"
                          r"ms|ns|us|millis|micros|nanos|msec|usec|nsec|secs?|seconds|rtt|uptime)\Z")
_NUMERIC: dict = {}  # recognizer class -> whether it is of a numeric type (``quantity_after``)
# ``RuleScorer._verdict``'s memo: bounded (cleared when full), shared by every scorer
_CANON: dict = {}
_VERDICTS: dict = {}
_VERDICTS_MAX = 16384  # entries (each a recognizer, a key and 48 characters: a few MB at most)


def canon_of(recognizer) -> dict[int, int]:
    """``digit_canon`` of a recognizer's words, once per recognizer (about 5 ms each: the
    ``Detector`` asks for its recognizers' when it is built, not during its first batches)."""
    canon = _CANON.get(recognizer)
    if canon is None:
        canon = _CANON[recognizer] = digit_canon(recognizer.pos_re, recognizer.neg_re, _ADDRESS_MARKS)
    return canon


class RuleScorer:
    """Validator prior, raised by supporting context, lowered by contrary context (``context``).
    """

    name = "rules"

    def __init__(self, thresholds: dict[str, Thresholds] | None = None):
        self.thresholds = {t: Thresholds() for t in ENTITY_TYPES}
        if thresholds:
            self.thresholds.update(thresholds)

    def score(self, batch: Batch, cands: list[Candidate]) -> None:
        th = self.thresholds
        for c in cands:
            c.stage = self.name
            if c.prior < th[c.type].lo and c.ctx_score < th[c.type].lo:
                c.score = c.prior  # no context can lift it (e.g. a loopback address)
            else:  # (once per candidate: read without the cache the charCNN's dispute keeps)
                c.score = self.score_one(batch, c, RuleScorer._context(batch, c))

    @staticmethod
    def context(batch: Batch, c: Candidate, lists: bool = True) -> tuple[int, bool, int]:
        """``_context``, once per recognizer and span (cached on the batch: the charCNN's
        dispute of a candidate and the rules' score of it ask for the same)."""
        memo = batch._cache.get("verdicts")
        if memo is None:
            memo = batch._cache["verdicts"] = {}
        ck = (c.recognizer, c.start, c.end, lists)
        got = memo.get(ck)
        if got is None:
            got = RuleScorer._context(batch, c, lists)
            if len(memo) < MEMO_SPANS:
                memo[ck] = got
        return got

    @staticmethod
    def _context(batch: Batch, c: Candidate, lists: bool = True) -> tuple[int, bool, int]:
        """The context's verdict on a candidate: (+1 a supporting word decides, -1 a contrary
        one, 0 none; whether it came from the key; for a contrary free word, how many
        characters before the candidate it ends).

        A key path gives context from its leaf ("user.ssn" -> "ssn"), else from the parent
        ("card.number" -> "card"); array indices are dropped ("phones[2]" -> "phones"). Key
        context outranks free words; among free words the one closest to the candidate wins.
        A value in a list takes the verdict of the phrase that heads the list when that phrase
        has one ("ssns: 536904399, 536904400, ..."), else its own ("VALUES (1, 'x', ...)": a row
        of columns, headed by nothing). A unit right after a plain number with no verdict
        makes it a quantity (``quantity_after``): contrary, as a word right before it would be."""
        key, before, listed = _context_of(batch, c, lists)
        verdict = RuleScorer._verdict(c, key, before)
        if listed and verdict[0] == 0:
            key, before = _context_of(batch, c, False)[:2]
            verdict = RuleScorer._verdict(c, key, before)
        if verdict[0] < 0 and not verdict[1] and not key and _in_other_fields(before, verdict[2]):
            # a contrary free word in a row's other fields, the field right before the value
            # another value ("90411433,ADDRESS_CHANGE,R8981073,601-45-2071,Nguyen"): that field's
            # and the ones before it, no word about this one (a supporting word there, a form's
            # name that heads the row, "1099-NEC|2024|84-7320697|402918376", still counts)
            verdict = (0, False, 0)
        if verdict[0] < 0 and not verdict[1]:
            # a contrary free word that the value's own written shape outranks
            # (``Recognizer.shape_outranks``): the word ends ``gap`` characters before it
            word = _WORD_AT_END.search(before, 0, len(before) - verdict[2])
            if word is not None and c.recognizer.shape_outranks(batch.text[c.start:c.end],
                                                                  word.group()):
                verdict = (0, False, 0)
        if verdict[0] <= 0 and key and not batch.keys and \
                key.rpartition(".")[2] in GENERIC_MEMBERS:
            # a member that only holds a value ("value", "address"), named by a sibling member
            # of its object ('{"Value": "879905985", "Key": "CustomerSSN"}'): the name is its key
            member = named_by_member(batch, c.start, c.end)
            if member:
                named = RuleScorer._verdict_of(c.recognizer, member, "")
                if named[0] > 0 or named[0] < 0 and verdict[0] == 0:
                    return named[0], True, 0
        named = named_after(c.recognizer, batch, c.end) if not verdict[1] else 0
        if named > 0 and verdict[0] <= 0:
            # the phrase right after the value names it ("536904399 is my SSN", "945799252 -
            # my ITIN"): as the word right before it would; it outranks free words further off
            return 1, False, 0
        if named < 0 and (verdict[0] == 0 or verdict[0] > 0 and not verdict[1]):
            # it names another thing ("4111... is my account number"; a row's next field, its
            # kind: "1099-NEC,616104859,EIN,..."), as its own label it outranks a free word
            return -1, False, 0
        if verdict[0] == 0 and not verdict[1] and answers(c.recognizer, batch, c.start):
            # the answer to a question that names the type ("Agent: What is your social?
            # Customer: 536904399"): the question's word is its context
            return 1, False, 0
        if verdict[0] == 0 and quantity_after(batch, c):
            return -1, False, 0  # a quantity: its unit is the word right at it
        return verdict

    @staticmethod
    def _verdict(c: Candidate, key: str, before: str) -> tuple[int, bool, int]:
        """``_verdict_of``, memoised by the recognizer, the key and the words before, both with
        their digits made one (``digit_canon``: no pattern it runs tells those digits apart).
        Values in a log or a dense record mostly sit behind the same words and keys and differ
        only in digits (``items[17]``, ``at 10:42:07 ssn``)."""
        r = c.recognizer
        canon = _CANON.get(r)
        if canon is None:
            canon = canon_of(r)
        memo_key = (r, key.translate(canon), before.translate(canon)) if canon else (r, key, before)
        verdict = _VERDICTS.get(memo_key)
        if verdict is None:
            if len(_VERDICTS) >= _VERDICTS_MAX:
                _VERDICTS.clear()
            verdict = RuleScorer._verdict_of(r, key, before)
            if verdict == (0, False, 0) and "_" in key:
                # no word in the key's pieces: read it whole, as a key cased at random that split
                # at a hump like a word ("pasSword" -> "pas_sword") or spelled with underscores
                verdict = RuleScorer._verdict_of(r, key.replace("_", ""), before)
            _VERDICTS[memo_key] = verdict
        return verdict

    @staticmethod
    def _verdict_of(r, key: str, before: str) -> tuple[int, bool, int]:
        if "@" in before:
            # an address in the words before names a mailbox: its words ("example" in
            # bob@example.com, "phone" in phone.team@...) are no words about the value
            before = _ADDRESS.sub(lambda m: "_" * len(m.group()), before)
        parent_against = False
        for i, part in enumerate(_key_parts(key)):
            pos, neg = r.pos_re.search(part), r.neg_re.search(part)
            if pos and neg:  # e.g. "card_order_id": the last word of the key is the noun
                # (but a part of the type's value is the value's: "ssn_part1", "ssnPart"; and a
                # word of the type that holds the contrary one is the type's: "source_addr")
                verdict = 1 if pos.end() > neg.end() or pos.end() <= neg.start() and \
                    neg.group() == "part" or pos.start() < neg.start() and pos.end() == neg.end() else -1
            else:
                verdict = 1 if pos else -1 if neg else 0
            if verdict > 0 or (verdict < 0 and i == 0):
                return verdict, True, 0
            if verdict < 0 and part[-1].isdigit():
                # a numbered container ("topmostSubform[0].Page1[0].f1_06[0]": a PDF form's
                # page): a place in a document, no word about the value it holds
                continue
            if verdict < 0:
                # the parent's key argues against the type ("conversation_parts[0].body"): the
                # words in the value's own text before it decide first ("my SSN is ...")
                parent_against = True
        pos_end = _last_word_end(r.pos_re, before)
        if pos_end < 0 and key and "." not in key and before.endswith(" ") and \
                _last_word_end(r.pos_re, before + key) > len(before):
            pos_end = len(before)  # "social security: ...", "tax id: ...": a key of two words
        elif key and "." not in key and before.endswith(" ") and \
                _last_end(r.neg_re, before[-24:] + key) == len(before[-24:]) + len(key) and \
                _last_end(r.neg_re, before[-24:]) < len(before[-24:]) - 1:
            return -1, True, 0  # "Meeting ID: 205 569 3632": the key's two words are contrary
        neg_end = _last_end(r.neg_re, before)
        if neg_end > pos_end and _SPENT.match(before, neg_end):
            # the contrary word's own number follows it, then other words, then the value
            # ("Batch 0334 xmit ok: return 135-48-4533"): the word named that number, not this one
            neg_end = -1
        if pos_end < 0 and neg_end < 0:
            return (-1, True, 0) if parent_against else (0, False, 0)
        if pos_end > neg_end:
            return 1, False, 0
        return -1, False, len(before) - neg_end

    @staticmethod
    def score_one(batch: Batch, c: Candidate, context: tuple[int, bool, int] | None = None) -> float:
        verdict, from_key, gap = context or RuleScorer.context(batch, c)
        if verdict == 0 or (verdict < 0 and c.decisive):
            # (a value whose own evidence is decisive, a format's field named by its place, keeps
            # its prior whatever words stand near: X12's "PER*IP**HP*<phone>" is an insured
            # party's home phone, not an IP address's)
            return c.prior
        if verdict > 0:
            return max(c.prior, c.ctx_score if from_key else c.ctx_score - 0.03)
        if from_key:
            return min(c.prior, 0.1)
        # contrary words nearby: a weak format drops out; a strong one (checksum, token prefix)
        # only loses confidence unless the word is right before it ("tid 3495...", "order 4111...")
        if c.prior >= 0.9 and gap > 12:
            return c.prior - 0.2
        return c.prior * 0.4
