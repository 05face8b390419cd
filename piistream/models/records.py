"""Records: plain text lines and JSON documents, turned into segments, detected, redacted.

``process(raw_records, fmt)`` is the batch entry point shared by the CLI, the Faust agents and
the replay tool. Each input gives exactly one ``RecordResult``: redacted output and entities, or
an error reason (bad UTF-8, NUL bytes, oversize, invalid JSON). It never raises on bad input.

Offsets (``start``/``end``) are Python string offsets into the input record (the decoded line,
without its line ending). For JSON records each entity also carries ``path``, the key path of the
value (``user.email``, ``items[2].card``); the JSON is redacted in place: key order, formatting
and all other values are kept byte for byte; a redacted number becomes a string.

A JSON document is read token by token from its raw text (``json_leaves``), not from the parsed
object, so that nothing the parser folds away escapes the scan: every string value (each line of
a multi-line one), every key, every duplicate of a key, and every number with an integer value
of 4+ digits however it is written (``-536904399``, ``536904399.0``, ``5.36904399e8``). A key
that holds PII is redacted like a value, and the ``path`` of everything under it shows the
redacted key. A record that cannot be redacted safely (nested deeper than ``MAX_JSON_DEPTH``,
findings whose paths would outgrow the record many times) fails with an error; it never passes
through unredacted and never yields broken JSON.
"""
from __future__ import annotations

import functools
import json.decoder
import re
from array import array
from sys import intern
from dataclasses import dataclass, field

import orjson

from .detector import Detector, Entity, TooComplex, propagate
from .entities import SECRET
from .recognizers.base import MAX_HEADER_LINE, header_line, line_spans
from .redact import Redactor

DEFAULT_MAX_BYTES = 1 << 20  # 1 MiB
MIN_ID_NUMBER = 1000          # JSON integers with at least 4 digits are scanned as IDs
MAX_NUMBER_DIGITS = 64        # a number written with an exponent is scanned when its integer
                              # value has at most this many digits (no PII is longer)
MAX_JSON_DEPTH = 512          # deeper documents fail (``invalid_json``): the scan output line,
                              # one level deeper, must stay readable by common parsers
KEY_CONTEXT = 256             # the detector sees the last this many characters of a key path
PATH_BUDGET = 8               # the findings' paths may total this many bytes per record byte
                              # (plus 1 MiB); beyond, the record fails (``too_complex``)


_DIGIT = re.compile(rb"[0-9]")
# (a record with a structure of its own is no table's row, whatever its delimiters: a JSON
# object, key=value pairs, a log line's "label: value", a SQL statement's parentheses)
_NOT_ROW = re.compile(rb"[{}=()]|:[ \t]")
_NAME_DIGITS = re.compile(rb"[0-9]{3}")  # (no column's name holds three digits in a row)


class HeaderCarry:
    """A table's header line carried to the rows after it, in one ordered source of text records
    (a file, a topic's partition): a CSV export shipped line by line names its columns once, in
    its first line. ``feed(raws)``, batch after batch in the source's order, gives per record the
    header line it is a row of, or None: the last header line seen (``base.header_line``: three
    column names or more by one delimiter) when the record has as many fields by that delimiter,
    a digit among them, and no line break (a record of its own lines is read as it is). A
    header line gets None and replaces the one before; ``MAX_GAP`` records in a row that are
    none of its rows end it (an Oversize record counts as none). The detector then
    reads the row under its header, and alone (``Detector.detect``): its columns name its
    values. A row is a record without a structure of its own (``_NOT_ROW``: no JSON object,
    no key=value pair, no "label: value", no statement's parentheses)."""

    __slots__ = ("header", "delimiter", "fields", "gap", "framed")

    # a header ends after this many records in a row that are none of its rows: a file's rows
    # follow its header, some other source's lines between them at most (another table's
    # rows, far on, are no rows of it)
    MAX_GAP = 16

    def __init__(self):
        self.header: str | None = None
        self.delimiter = b""
        self.fields = 0
        self.gap = 0
        self.framed = False  # a pipe table's header between outer pipes (Markdown's, MySQL's box)

    def feed(self, raws: list) -> list[str | None] | None:
        """Per record, its header line or None; None for the whole batch when no record has one."""
        out: list[str | None] | None = None
        start = 0
        if self.header is None:
            # (no table yet: only a record without three digits in a row can start one, and a
            # log line's time stamp has them: found in C, not a Python step per record)
            try:
                hits = list(map(_NAME_DIGITS.search, raws))
            except TypeError:  # (an oversize record, a str: each read in turn)
                hits = None
            if hits is not None:
                start = next((i for i, h in enumerate(hits) if h is None), -1)
                if start < 0:
                    return None
                while start < len(raws) and self.header is None:
                    if hits[start] is None:
                        self._step(raws[start])
                    start += 1
        for i in range(start, len(raws)):
            if self._step(raws[i]):
                if out is None:
                    out = [None] * len(raws)
                out[i] = self.header
        return out

    def _step(self, raw) -> bool:
        """Read one record: a header line (kept), a row of the header (True), or neither."""
        if raw.__class__ is not bytes:
            if isinstance(raw, str):
                raw = raw.encode("utf-8", "surrogatepass")
            elif isinstance(raw, (bytearray, memoryview)):
                raw = bytes(raw)
            else:
                raw = b""  # (an oversize record: never a header, never a row)
        if len(raw) <= MAX_HEADER_LINE and _NAME_DIGITS.search(raw) is None and (
                raw.count(b",") > 1 or raw.count(b"\t") > 1 or raw.count(b"|") > 1 or raw.count(b";") > 1):
            try:
                text = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                text = ""
            found = header_line(text)
            if found is not None:
                self.header, self.fields = text, found[1]
                self.delimiter = found[0].encode()
                self.framed = self.delimiter == b"|" and text.strip(" \t").startswith("|")
                self.gap = 0
                return False
        if self.header is None:
            return False
        n = raw.count(self.delimiter)
        if self.fields - 1 <= n <= self.fields + 1 and _DIGIT.search(raw) is not None and \
                _NOT_ROW.search(raw) is None and b"\n" not in raw.rstrip(b"\r\n") and \
                self._as_many(raw, n):
            self.gap = 0
            return True
        self.gap += 1
        if self.gap >= self.MAX_GAP:
            self.header = None
        return False

    def _as_many(self, raw: bytes, n: int) -> bool:
        if self.delimiter != b"|":
            return n == self.fields - 1
        # (a Markdown row's outer pipes are no fields: counted as ``base._fields`` splits it;
        # a row is framed as its header is, or it is another table's)
        body = raw.rstrip(b"\r\n").strip(b" \t")
        if body.startswith(b"|") != self.framed:
            return False
        return n - body.startswith(b"|") - (len(body) > 1 and body.endswith(b"|")) == self.fields - 1


class Oversize:
    """Stands in for a record that was too large to read (only its size is kept)."""

    __slots__ = ("size",)

    def __init__(self, size: int):
        self.size = size


@dataclass(slots=True)
class RecordResult:
    redacted: str | None          # text, or the raw redacted JSON document; None on error
    entities: list[dict] = field(default_factory=list)
    error: str | None = None
    fmt: str = "text"
    uncertain: int = 0            # entities with a candidate in the uncertain band (redacted:
                                  # fail closed), which the verification stage decides
    tokens: list[str] | None = None  # keyed tokens of the entity values, when asked for
    # the charCNN's probabilities for the record's inputs (``windows.window_key`` ->
    # probability), when asked for: what the verification stage need not compute again
    scores: dict[str, float] | None = None

    def to_json(self) -> bytes:
        """The ``scan`` output line (without newline): one line whatever the record holds. A
        JSON record's raw CR/LF (whitespace between tokens: they cannot occur inside a valid
        JSON string) become spaces; U+0085, U+2028 and U+2029, which some line readers split
        on, are written as escapes (they can only be inside strings, where the escape is the
        same character)."""
        if self.error is not None:
            return orjson.dumps({"redacted": None, "entities": [], "error": self.error})
        if self.fmt == "json":
            doc = self.redacted.encode()
            if b"\r" in doc or b"\n" in doc:
                doc = doc.translate(_CRLF_TO_SPACE)
            out = b'{"redacted":' + doc + b',"entities":' + orjson.dumps(self.entities) + b"}"
        else:
            out = orjson.dumps({"redacted": self.redacted, "entities": self.entities})
        if not out.isascii() and (b"\xc2\x85" in out or b"\xe2\x80" in out):
            out = (out.replace(b"\xc2\x85", b"\\u0085").replace(b"\xe2\x80\xa8", b"\\u2028")
                   .replace(b"\xe2\x80\xa9", b"\\u2029"))
        return out


_CRLF_TO_SPACE = bytes.maketrans(b"\r\n", b"  ")


_PLAIN_KEY = re.compile(r"[\w$@-]+")  # \w: the characters str.isalnum() accepts, and "_"


@functools.lru_cache(maxsize=16384)  # the same key paths in every record of a stream
def _path_join(path: str, key: str) -> str:
    if _PLAIN_KEY.fullmatch(key):
        return f"{path}.{key}" if path else key
    return f"{path}[{orjson.dumps(key).decode()}]"


def walk_json(doc) -> list[tuple[str, str, bool]]:
    """(path, text, is_string) for every string leaf and every ID-like integer leaf, in order."""
    out: list[tuple[str, str, bool]] = []
    stack = [("", doc)]
    while stack:
        path, v = stack.pop()
        if isinstance(v, str):
            out.append((path, v, True))
        elif isinstance(v, dict):
            stack.extend((_path_join(path, k), x) for k, x in reversed(v.items()))
        elif isinstance(v, list):
            stack.extend((_element_path(path, v, i), x) for i, x in reversed(list(enumerate(v))))
        elif isinstance(v, int) and not isinstance(v, bool) and abs(v) >= MIN_ID_NUMBER:
            out.append((path, str(v), False))
    return out


def _element_path(path: str, items: list, i: int) -> str:
    """The context of ``items[i]``, as ``json_leaves`` reads it: under the flag before it
    (``_FLAG``), or the name the pair's first element is (``_PAIR_NAME``), else its index."""
    prev = items[i - 1] if i else None
    if isinstance(prev, str):
        f = _FLAG.fullmatch(prev) if prev[:1] == "-" else None
        if f:
            return _path_join(path, f.group(1))
        if i == 1 and _PAIR_NAME.fullmatch(prev) and _pairs_under(path):
            return _path_join(path, prev)
    return f"{path}[{i}]"


# -- JSON documents as raw tokens ----------------------------------------------------------------
# Only ever run on a document the parser accepted: any character between tokens is whitespace.
# (a run of closing brackets is one token: "]]]]" closes four containers in one step)
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[}\]]+|[{\[]|-?[0-9][-+.0-9eE]*|true|false|null')
_FLOAT = re.compile(r"-?([0-9]+)(?:\.([0-9]+))?(?:[eE]([-+]?[0-9]+))?")
_SURROGATE = re.compile("[\ud800-\udfff]")
_scanstring = json.decoder.scanstring
KEY, STRING, NUMBER = 0, 1, 2  # JsonDoc.kind


class Rejected(ValueError):
    """A JSON record that is not redacted (the message is its ``error``; never the content)."""


def number_text(tok: str) -> tuple[str, int] | None:
    """What to scan of a JSON number token: (digits, offset of the digits in the token), or
    (canonical digits, -1) when the token writes an integer value some other way
    (``536904399.0``, ``5.36904399e8``); None for a value that is not an integer of at least 4
    digits (fractions, small numbers), or has more than ``MAX_NUMBER_DIGITS`` digits once
    written out from an exponent."""
    neg = tok[0] == "-"
    digits = tok[1:] if neg else tok
    if digits.isdigit():
        return (digits, 1 if neg else 0) if len(digits) >= 4 else None
    m = _FLOAT.fullmatch(tok)
    if m is None:
        return None
    ip, fp, ex = m.group(1), m.group(2) or "", m.group(3) or "0"
    if len(ex.lstrip("+-0")) > 6:
        return None  # |exponent| >= 10**6: astronomically large or small
    mant = (ip + fp).lstrip("0")
    k = int(ex) - len(fp)  # the value is int(mant) * 10**k
    if not mant:
        return None
    if k >= 0:
        if len(mant) + k > MAX_NUMBER_DIGITS:
            return None
        out = mant + "0" * k
    else:
        if -k >= len(mant) or mant[k:].strip("0"):
            return None  # a fraction
        out = mant[:k]
    return (out, -1) if len(out) >= 4 else None


def _decode_string(doc: str, s: int, inner: str) -> str:
    """A JSON string with escapes (``inner``: its raw text between the quotes at ``s``)."""
    text = _scanstring(doc, s + 1)[0]
    if "\\u" in inner and _SURROGATE.search(text):
        raise Rejected("invalid_json: a lone surrogate in a string")
    return text


class JsonDoc:
    """The scannable leaves of one JSON document, read from its raw text (``json_leaves``).

    Per leaf: ``kind`` (KEY, STRING or NUMBER), the raw token's ``start``/``end`` (a string's
    span includes its quotes), ``text`` (the decoded string; a number's digits, see
    ``number_text``), ``off`` (for a number: where its digits start in the token, -1 when
    ``text`` is its canonical form), ``context`` (the key path the detector sees, at most
    ``KEY_CONTEXT`` characters; "" for a key: a key is scanned on its own) and where it is:
    ``box`` (the container holding it, -1 for a document that is one value) and ``comp`` (its
    key's leaf index >= 0, or -1 - its array index; a key's place is its member's). Per
    container, ``box_parent``/``box_comp``: the place of the container itself."""

    __slots__ = ("kind", "start", "end", "text", "off", "context", "box", "comp",
                 "box_parent", "box_comp", "lazy")

    def __init__(self):
        self.lazy = False  # kinds, texts and contexts only (``parsed_leaves``)
        self.kind = bytearray()
        self.start = array("q")
        self.end = array("q")
        self.text: list[str] = []
        self.off = array("q")
        self.context: list[str] = []
        self.box = array("q")
        self.comp = array("q")
        self.box_parent = array("q")
        self.box_comp = array("q")


# The name/value idiom (Kubernetes env, AWS tags, CloudFormation parameters):
# {"name": "DB_PASSWORD", "value": "s3cret"} holds a DB_PASSWORD; the value member's context is
# the name it carries, whichever member comes first ({"value": ..., "name": ...} too). Forms,
# surveys and FHIR write it with other words: {"label": "Social Security Number", "answer":
# ...}, {"question": "Your SSN?", "response": ...}, {"system": "phone", "value": ...},
# {"type": "SSN", "value": ...}, {"fieldName": "acctNo", "fieldValue": ...}
NAME_KEYS = frozenset(("name", "Name", "key", "Key", "k", "ParameterKey", "OptionName", "field",
                       "Field", "param", "Param", "parameter", "Parameter", "property", "Property",
                       "attribute", "Attribute", "variable", "Variable", "setting", "Setting",
                       "label", "Label", "question", "Question", "title", "Title", "type", "Type",
                       "system", "System", "code", "Code", "fieldName", "FieldName", "field_name",
                       "fieldLabel", "field_label", "prompt", "Prompt",
                       # (an audit trail's change of a field: ServiceNow's sys_audit "fieldname",
                       # HubSpot's and .NET audit logs' "propertyName", a table's "columnName")
                       "fieldname", "propertyName", "PropertyName", "property_name",
                       "attributeName", "AttributeName", "attribute_name", "columnName",
                       "ColumnName", "column_name",
                       # (in other languages: German's "feld", Spanish's and Italian's "campo",
                       # French's "champ", Dutch's "veld")
                       "feld", "Feld", "campo", "Campo", "champ", "Champ", "veld", "Veld"))
VALUE_KEYS = frozenset(("value", "Value", "val", "Val", "v", "ParameterValue", "OptionValue",
                        "answer", "Answer", "response", "Response", "fieldValue", "FieldValue",
                        "field_value",
                        # (a change's values, before and after: {"fieldname": "u_bank_account",
                        # "oldvalue": ..., "newvalue": ...}, Jira's changelog "fromString")
                        "oldValue", "newValue", "OldValue", "NewValue", "old_value", "new_value",
                        "oldvalue", "newvalue", "previousValue", "PreviousValue", "previous_value",
                        "currentValue", "current_value", "propertyValue", "PropertyValue",
                        "property_value", "attributeValue", "AttributeValue", "attribute_value",
                        "fromString", "toString",
                        # (a list of them: Facebook Lead Ads' {"name": "...", "values": [...]})
                        "values", "Values",
                        # (German's "wert", Spanish's and Portuguese's "valor", French's "valeur",
                        # Italian's "valore", Dutch's "waarde")
                        "wert", "Wert", "valor", "Valor", "valeur", "Valeur", "valore", "Valore",
                        "waarde", "Waarde"))
# the names that say only what kind of thing the value is: a name beside one of them is the
# value's ({"name": "bank_account", "type": "text", "value": ...}: wal2json's columns, a schema's
# fields), whichever comes first
WEAK_NAME_KEYS = frozenset(("type", "Type", "system", "System", "code", "Code"))
# The members that wrap a value with its type, transparent in a value's context: OpenTelemetry's
# AnyValue in OTLP/JSON ({"key": "enduser.phone", "value": {"stringValue": "..."}}), Firestore's
# and protobuf Struct's values ({"fields": {"ssn": {"stringValue": "..."}}}); an ``arrayValue``'s
# ``values`` too ({"arrayValue": {"values": [{"stringValue": ...}]}}: a header's values)
TYPED_VALUE_KEYS = frozenset(("stringValue", "intValue", "integerValue", "doubleValue", "numberValue",
                              "bytesValue", "arrayValue",
                              # (and Amazon Lex's views of a slot's value: {"ssnSlot": {"value":
                              # {"originalValue": ..., "interpretedValue": ..., "resolvedValues": [...]}}})
                              "originalValue", "interpretedValue", "resolvedValues",
                              # (and a document model's typed field: Azure Document Intelligence's
                              # {"AccountNumber": {"type": "string", "valueString": ...}})
                              "valueString", "valueNumber", "valueInteger", "valuePhoneNumber"))
# The flag/value idiom of argument arrays (container args, exec arrays): in ["--password", "s3cret"]
# the element after a flag is under the flag's name
_FLAG = re.compile(r"--?([A-Za-z][A-Za-z0-9_.\-]{0,47})")
# The pair idiom (header lists, form fields as tuples): in [["ssn", "536-90-4399"], ...] the
# second element of an array is under the name its first one is, when that reads as a key
_PAIR_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]{0,47}")
# ... except in a list of choices (a schema's "enum": ["PASS", "FAIL"]): its items are peers
_CHOICES = frozenset(("enum", "choices", "options", "allowed", "allowedvalues", "allowed_values",
                      "oneof", "required", "anyof", "examples", "states", "statuses"))


def _pairs_under(path: str) -> bool:
    """Whether a list at ``path`` may be a (name, value) pair: not a list of choices or of
    field names ("enum", "required", "client_header_names")."""
    low = path.lower()
    return low.rpartition(".")[2] not in _CHOICES and not low.endswith(("keys", "fields", "names"))


def _tail(path: str) -> str:
    return path if len(path) <= KEY_CONTEXT else path[-KEY_CONTEXT:]


def json_leaves(doc: str) -> JsonDoc:
    """Every key, every string value and every integer-valued number of 4+ digits of a JSON
    document (already validated), in document order, duplicates included. Raises ``Rejected``
    for a document nested deeper than ``MAX_JSON_DEPTH``."""
    out = JsonDoc()
    kinds, starts, ends, texts = out.kind, out.start, out.end, out.text
    offs, ctxs, boxes, comps = out.off, out.context, out.box, out.comp
    box_parent, box_comp = out.box_parent, out.box_comp
    # per open container: [is object, its id, its context, next index (array) or current key
    # (object: its leaf index), expect a key (object), current member's context, current key,
    # the object's name (``NAME_KEYS``), the leaf of a value member read before the name (-1:
    # none)]. ',' and ':' are not tokens: in an object a key is the string after '{' or after a
    # whole value.
    stack: list[list] = []
    top = None
    for m in _TOKEN.finditer(doc):
        s, e = m.span()
        c = doc[s]
        if c == "}" or c == "]":
            if e - s == 1:
                stack.pop()
            else:
                del stack[len(stack) - (e - s):]
            if stack:
                top = stack[-1]
                top[4] = top[0]
            else:
                top = None
            continue
        if top is None:
            box, comp, ctx = -1, -1, ""
        elif top[0]:
            if top[4]:  # a key
                inner = doc[s + 1:e - 1]
                text = _decode_string(doc, s, inner) if "\\" in inner else inner
                if len(text) <= 64:
                    text = intern(text)  # the same few keys in every record of a batch
                top[3] = comp = len(kinds)
                top[6] = text
                # {"name": "DB_PASSWORD", "value": "..."}: the value is under the name it carries
                name = top[7] if text in VALUE_KEYS else None
                if text in TYPED_VALUE_KEYS or text == "values" and len(stack) > 1 and \
                        stack[-2][6] == "arrayValue":
                    top[5] = top[2]  # (a typed value's wrapper: under its object's context)
                else:
                    top[5] = _tail(_path_join(top[2], name if name else text))
                top[4] = False
                kinds.append(KEY)
                starts.append(s)
                ends.append(e)
                texts.append(text)
                offs.append(0)
                ctxs.append("")
                boxes.append(top[1])
                comps.append(comp)
                continue
            box, comp, ctx = top[1], top[3], top[5]
            top[4] = c != "{" and c != "["  # after a scalar value, a key; a container's end
        else:
            i = top[3]
            top[3] = i + 1
            box, comp = top[1], -1 - i
            flag = top[7]
            ctx = _tail(_path_join(top[2], flag)) if flag else _tail(f"{top[2]}[{i}]")
            top[7] = None
        if c == '"':
            inner = doc[s + 1:e - 1]
            kinds.append(STRING)
            starts.append(s)
            ends.append(e)
            texts.append(_decode_string(doc, s, inner) if "\\" in inner else inner)
            offs.append(0)
            ctxs.append(ctx)
            if top is not None and top[0] and top[6] in NAME_KEYS and 0 < len(texts[-1]) <= 64:
                weak = top[6] in WEAK_NAME_KEYS
                if not weak or top[7] is None or top[9]:  # (a weak name never replaces a name)
                    top[7] = texts[-1]
                    top[9] = weak
                    if top[8] >= 0:  # {"value": "...", "name": "DB_PASSWORD"}: the value came first
                        ctxs[top[8]] = _tail(_path_join(top[2], texts[-1]))
                        if not weak:
                            top[8] = -1
            elif top is not None and top[0] and top[6] in VALUE_KEYS and (top[7] is None or top[9]):
                top[8] = len(texts) - 1
            elif top is not None and not top[0] and texts[-1][:1] == "-":
                f = _FLAG.fullmatch(texts[-1])
                if f:
                    top[7] = f.group(1)  # the next element's context
            elif top is not None and not top[0] and comp == -1 and _PAIR_NAME.fullmatch(texts[-1]) \
                    and _pairs_under(top[2]):
                top[7] = texts[-1]  # ["ssn", "536-90-4399"]: the second element's context
            boxes.append(box)
            comps.append(comp)
        elif c == "{" or c == "[":
            top = [c == "{", len(box_parent), ctx, 0, c == "{", "", "", None, -1, False]
            box_parent.append(box)
            box_comp.append(comp)
            stack.append(top)
            if len(stack) > MAX_JSON_DEPTH:
                raise Rejected(f"invalid_json: nested deeper than {MAX_JSON_DEPTH} levels")
        elif c != "t" and c != "f" and c != "n":
            num = number_text(doc[s:e])
            if num is not None:
                kinds.append(NUMBER)
                starts.append(s)
                ends.append(e)
                texts.append(num[0])
                offs.append(num[1])
                ctxs.append(ctx)
                boxes.append(box)
                comps.append(comp)
                if top is not None and top[0] and top[6] in VALUE_KEYS and (top[7] is None or top[9]):
                    top[8] = len(texts) - 1
    return out


class _Unfit(Exception):
    """The parsed document cannot promise ``json_leaves``' leaves (``parsed_leaves``)."""


_STRING_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')


def parsed_leaves(doc: str, obj) -> JsonDoc | None:
    """``json_leaves(doc)``'s kinds, texts and contexts, read from ``obj``, the document as the
    parser gave it (``orjson``: its strings already decoded, in C), without the raw offsets and
    places (``JsonDoc.start`` and the others stay empty; ``JsonDoc.lazy``): what detection
    needs. A document with findings is read again by ``json_leaves`` for its offsets (about 2%
    of a log stream's). None where the parsed document may differ from the raw tokens: a
    duplicate key (the parser keeps one; the strings counted in the raw text say so), a
    number whose integer value the parser may have rounded (an integral float of 4+ digits),
    a document nested deeper than ``MAX_JSON_DEPTH`` (``json_leaves`` refuses it)."""
    out = JsonDoc()
    out.lazy = True
    kinds, texts, ctxs = out.kind, out.text, out.context
    try:
        _parsed_value(obj, "", kinds, texts, ctxs, 0)
    except (_Unfit, RecursionError):
        return None
    strings = len(_STRING_TOKEN.findall(doc)) if "\\" in doc else doc.count('"') >> 1
    if strings != len(kinds) - kinds.count(NUMBER):
        return None
    return out


def _parsed_number(v, texts) -> bool:
    """Appends a number's leaf text as ``number_text`` reads it; False when it has none."""
    if v.__class__ is int:
        t = str(v)
        if t[0] == "-":
            t = t[1:]
        if len(t) < 4:
            return False
        texts.append(t)
        return True
    if v.__class__ is float and v.is_integer() and abs(v) >= MIN_ID_NUMBER:
        raise _Unfit  # ("536904399.0", "5.36904399e8", an integer beyond 64 bits: the raw digits)
    return False


def _parsed_value(v, ctx: str, kinds, texts, ctxs, depth: int, array_value: bool = False) -> None:
    """One value of ``parsed_leaves`` (the document, or a container's member or element) under
    ``ctx``, as ``json_leaves`` reads it. ``array_value``: ``v`` is an ``arrayValue``'s (its
    ``values`` are under ``ctx``, ``TYPED_VALUE_KEYS``)."""
    cls = v.__class__
    if cls is str:
        kinds.append(STRING)
        texts.append(v)
        ctxs.append(ctx)
    elif cls is dict:
        if depth >= MAX_JSON_DEPTH:
            raise _Unfit
        name = None  # the object's name (``NAME_KEYS``), and a value member read before it
        weak_name = False  # (the name is a ``WEAK_NAME_KEYS`` member's)
        pending = -1
        for key, x in v.items():
            kinds.append(KEY)
            texts.append(key)
            ctxs.append("")
            if key in TYPED_VALUE_KEYS or array_value and key == "values":
                member = ctx
            else:
                member = _tail(_path_join(ctx, name if name and key in VALUE_KEYS else key))
            xc = x.__class__
            if xc is str:
                kinds.append(STRING)
                texts.append(x)
                ctxs.append(member)
                if key in NAME_KEYS and 0 < len(x) <= 64:
                    weak = key in WEAK_NAME_KEYS
                    if not weak or name is None or weak_name:
                        name, weak_name = x, weak
                        if pending >= 0:
                            ctxs[pending] = _tail(_path_join(ctx, x))
                            if not weak:
                                pending = -1
                elif key in VALUE_KEYS and (name is None or weak_name):
                    pending = len(texts) - 1
            elif xc is dict or xc is list:
                _parsed_value(x, member, kinds, texts, ctxs, depth + 1, key == "arrayValue")
            elif xc is not bool and x is not None and _parsed_number(x, texts):
                kinds.append(NUMBER)
                ctxs.append(member)
                if key in VALUE_KEYS and (name is None or weak_name):
                    pending = len(texts) - 1
    elif cls is list:
        if depth >= MAX_JSON_DEPTH:
            raise _Unfit
        for i, x in enumerate(v):
            here = _tail(_element_path(ctx, v, i))  # (under a flag or a pair's name before it)
            xc = x.__class__
            if xc is str:
                kinds.append(STRING)
                texts.append(x)
                ctxs.append(here)
            elif xc is dict or xc is list:
                _parsed_value(x, here, kinds, texts, ctxs, depth + 1)
            elif xc is not bool and x is not None and _parsed_number(x, texts):
                kinds.append(NUMBER)
                ctxs.append(here)
    elif cls is not bool and v is not None and _parsed_number(v, texts):
        kinds.append(NUMBER)
        ctxs.append(ctx)


# one escape of a JSON string body: a surrogate pair (one decoded character), a \\u escape, or
# a backslash and the character after it
_ESCAPE = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"
                     r"|\\u[0-9a-fA-F]{4}|\\.", re.S)


def _decoded_to_raw(raw_inner: str) -> list[int]:
    """For a JSON string body with escapes: raw offset of each decoded char (plus the end). The
    characters between escapes map one to one (a range each); each escape is one character."""
    out: list[int] = []
    pos = 0
    for m in _ESCAPE.finditer(raw_inner):
        s = m.start()
        if s > pos:
            out.extend(range(pos, s))
        out.append(s)
        pos = m.end()
    n = len(raw_inner)
    out.extend(range(pos, n))
    out.append(n)
    return out


class Processor:
    """Decode, detect and redact batches of raw records (bytes)."""

    def __init__(self, detector: Detector | None = None, redactor: Redactor | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES):
        self.detector = detector or Detector()
        self.redactor = redactor or Redactor()
        self.max_bytes = max_bytes

    # ------------------------------------------------------------------------------------------
    def decode(self, raw) -> tuple[str | None, str | None]:
        """(text, error)."""
        if isinstance(raw, Oversize):
            return None, f"oversize: record is {raw.size} bytes, limit is {self.max_bytes}"
        if len(raw) > self.max_bytes:
            return None, f"oversize: record is {len(raw)} bytes, limit is {self.max_bytes}"
        try:
            text = raw.decode("utf-8") if isinstance(raw, (bytes, bytearray, memoryview)) else raw
        except UnicodeDecodeError as e:
            return None, f"invalid_utf8: {e.reason} at byte {e.start}"
        if "\x00" in text:
            return None, f"nul_byte: NUL character at offset {text.index(chr(0))}"
        if text.endswith("\n"):
            text = text[:-1]
        if text.endswith("\r"):
            text = text[:-1]
        return text, None

    def process_safe(self, raws: list, fmt: str = "text", tokenizer=None,
                     known: dict[str, float] | None = None, keep_scores: bool = False,
                     headers: list[str | None] | None = None) -> list[RecordResult]:
        """``process``, but an unexpected internal error costs only the records that cause it:
        the batch is retried record by record and a failing record gets an ``internal`` error."""
        try:
            return self.process(raws, fmt, tokenizer, known, keep_scores, headers)
        except Exception:
            pass
        out = []
        for i, raw in enumerate(raws):
            try:
                out.extend(self.process([raw], fmt, tokenizer, known, keep_scores,
                                        [headers[i]] if headers else None))
            except Exception as e:  # a bug, reported per record; never the record's content
                out.append(RecordResult(None, [], f"internal: {type(e).__name__}", fmt))
        return out

    def process(self, raws: list, fmt: str = "text", tokenizer=None,
                known: dict[str, float] | None = None, keep_scores: bool = False,
                headers: list[str | None] | None = None) -> list[RecordResult]:
        """One result per raw record. ``tokenizer(type, value) -> str``, if given, fills
        ``RecordResult.tokens`` (keyed tokens for alerts: never the values themselves).
        ``known``: charCNN probabilities already computed (``Detector.detect``);
        ``keep_scores``: each result's ``scores`` holds those of its record. ``headers``
        (text records): per record, the table header line its source wrote before it
        (``HeaderCarry``), or None."""
        if fmt not in ("text", "json"):
            raise ValueError(f"unknown format {fmt!r}")
        n = len(raws)
        results: list[RecordResult | None] = [None] * n
        texts: list[str | None] = [None] * n
        segments: list[str] = []
        keys: list[str] = []
        seg_headers: list[str | None] | None = [] if fmt == "text" and headers and any(headers) else None
        seg_owner: list[int] = []  # the record of each segment (-1: a key shared by records)
        # JSON: the pieces of the records' leaves (a leaf, or each line of a multi-line string):
        # leaf index, where in the leaf's text the piece starts, its segment. A key is scanned
        # on its own (no context), so equal keys share one segment per batch.
        piece_leaf = array("q")
        piece_off = array("q")
        piece_seg = array("q")
        key_seg: dict[str, int] = {}
        owner: list[tuple[int, int]] = []  # per record: (first segment or piece, count)
        docs: list[JsonDoc | None] = [None] * n
        for idx, raw in enumerate(raws):
            text, err = self.decode(raw)
            if err is not None:
                results[idx] = RecordResult(None, [], err, fmt)
                owner.append((0, 0))
                continue
            texts[idx] = text
            if fmt == "text":
                owner.append((len(segments), 1))
                segments.append(text)
                seg_owner.append(idx)
                if seg_headers is not None:
                    seg_headers.append(headers[idx])
                continue
            try:
                jd = self.parse_json(text)
            except Rejected as e:
                results[idx] = RecordResult(None, [], str(e), fmt)
                owner.append((0, 0))
                continue
            docs[idx] = jd
            first = len(piece_seg)
            for li, (value, ctx, kind) in enumerate(zip(jd.text, jd.context, jd.kind)):
                if not value:
                    continue
                if "\n" in value or "\r" in value:  # each line, as text lines are scanned
                    for s, e in line_spans(value):  # (a label line with its value's line)
                        piece_leaf.append(li)
                        piece_off.append(s)
                        piece_seg.append(len(segments))
                        segments.append(value[s:e])
                        seg_owner.append(idx)
                        keys.append(ctx)
                    continue
                piece_leaf.append(li)
                piece_off.append(0)
                if kind == KEY:
                    seg = key_seg.get(value)
                    if seg is None:
                        seg = key_seg[value] = len(segments)
                        segments.append(value)
                        seg_owner.append(-1)
                        keys.append("")
                    piece_seg.append(seg)
                    continue
                piece_seg.append(len(segments))
                segments.append(value)
                seg_owner.append(idx)
                keys.append(ctx)
            owner.append((first, len(piece_seg) - first))
        del key_seg
        ents = self.detector.detect(segments, keys if fmt == "json" else None, seg_owner,
                                    known, keep_scores, seg_headers)
        scored = self.detector.last_scores if keep_scores else None
        for idx in range(n):
            if results[idx] is not None:
                continue
            first, count = owner[idx]
            text = texts[idx]
            try:
                if fmt == "text":
                    results[idx] = self._text_result(text, ents[first], tokenizer)
                else:
                    results[idx] = self._json_result(
                        text, docs[idx], ents, piece_leaf[first:first + count],
                        piece_off[first:first + count], piece_seg[first:first + count], tokenizer)
            except (Rejected, TooComplex) as e:
                results[idx] = RecordResult(None, [], _reason(e), fmt)
            docs[idx] = None
            if scored:
                segs = (first,) if fmt == "text" else piece_seg[first:first + count]
                mine = {k: p for seg in segs for k, p in scored.get(seg, {}).items()}
                if mine and results[idx] is not None:
                    results[idx].scores = mine
        return results  # type: ignore[return-value]

    @staticmethod
    def parse_json(text: str) -> JsonDoc:
        """The document's leaves (``json_leaves``); ``Rejected`` when it is not valid JSON or
        cannot be redacted safely."""
        try:
            obj = orjson.loads(text)  # (numbers beyond a double's range are refused: the output
        except orjson.JSONDecodeError as e:  # line must parse wherever the input did)
            raise Rejected(f"invalid_json: {e.args[0] if e.args else e}") from None
        jd = parsed_leaves(text, obj)
        return jd if jd is not None else json_leaves(text)

    def _text_result(self, text: str, es: list[Entity], tokenizer=None) -> RecordResult:
        if es:
            seg_ents = [es]
            propagate([text], seg_ents)
            es = seg_ents[0]
        res = RecordResult(
            self.redactor.apply(text, es),
            [_entity_dict(e, e.start, e.end) for e in es], None, "text",
            sum(e.doubt for e in es))
        if tokenizer is not None:
            res.tokens = [tokenizer(e.type, text[e.start:e.end]) for e in es]
        return res

    def _json_result(self, raw: str, jd: JsonDoc, ents: list[list[Entity]], leaves, offs, segs,
                     tokenizer=None) -> RecordResult:
        found: dict[int, list[Entity]] = {}  # leaf -> entities, offsets into the leaf's text
        lined = set()  # leaves scanned line by line
        for li, off, seg in zip(leaves, offs, segs):
            es = ents[seg]
            if es:
                if off:
                    es = [_shifted(e, off) for e in es]
                    lined.add(li)
                found.setdefault(li, []).extend(es)
        if not found:
            return RecordResult(raw.strip(), [], None, "json", 0, [] if tokenizer else None)
        if jd.lazy:  # the raw tokens' offsets, for the document with findings
            full = json_leaves(raw)
            if full.kind != jd.kind or full.text != jd.text or full.context != jd.context:
                raise RuntimeError("the parsed document's leaves differ from its raw tokens")
            jd = full
        texts = jd.text
        leaf_ents = [found.get(i) or [] for i in range(len(texts))]
        # the values as found on their lines are what recurs elsewhere: propagated before the
        # lines of one secret are joined ("AKIA...\nAKIA...\n0AKIA...": the joined two lines
        # were the only value, and the third line's key was left)
        propagate(texts, leaf_ents)
        for li in lined:
            leaf_ents[li] = _join_lines(texts[li], leaf_ents[li])
        edits = []  # (token start, token end, replacement)
        spans_of: dict[int, list] = {}  # leaf -> [(entity, raw start, raw end)]
        key_text: dict[int, str] = {}  # a redacted key's text, for the paths under it
        for li, es in enumerate(leaf_ents):
            if not es:
                continue
            ts, te = jd.start[li], jd.end[li]
            value = texts[li]
            if jd.kind[li] == NUMBER:
                tok = raw[ts:te]
                off = jd.off[li]
                if off < 0:  # a canonical form: the whole token is the finding
                    best = min(es, key=_rank_entity)
                    doubt = any(e.doubt for e in es)
                    spans = [(ts, te)]
                    red = self.redactor.apply(tok, [_spanning(best, 0, te - ts, doubt)])
                    es = [_spanning(best, 0, len(value), doubt)]  # the value, for keyed tokens
                else:
                    ts += off
                    spans = [(ts + e.start, ts + e.end) for e in es]
                    red = self.redactor.apply(tok, [_shifted(e, off) for e in es])
                edits.append((jd.start[li], te, orjson.dumps(red).decode()))
            else:
                inner = raw[ts + 1:te - 1]
                if "\\" in inner:
                    m = _decoded_to_raw(inner)
                    spans = [(ts + 1 + m[e.start], ts + 1 + m[e.end]) for e in es]
                else:
                    spans = [(ts + 1 + e.start, ts + 1 + e.end) for e in es]
                red = self.redactor.apply(value, es)
                edits.append((ts, te, orjson.dumps(red).decode()))
                if jd.kind[li] == KEY:
                    key_text[li] = red
            spans_of[li] = [(e, s, t) for e, (s, t) in zip(es, spans)]
        paths = _Paths(jd, key_text, PATH_BUDGET * len(raw) + (1 << 20))
        out_ents = []
        tokens = [] if tokenizer is not None else None
        uncertain = 0
        for li, triples in spans_of.items():
            path = paths.of(li, len(triples))
            value = texts[li]
            for e, s, t in triples:
                d = _entity_dict(e, s, t)
                d["path"] = path
                if tokenizer is not None:
                    d["token"] = tokenizer(e.type, value[e.start:e.end])
                uncertain += e.doubt
                out_ents.append(d)
        parts = []
        pos = 0
        for ts, te, rep in sorted(edits):
            parts.append(raw[pos:ts])
            parts.append(rep)
            pos = te
        parts.append(raw[pos:])
        out_ents.sort(key=lambda d: d["start"])
        if tokens is not None:
            tokens = [d.pop("token") for d in out_ents]
        return RecordResult("".join(parts).strip(), out_ents, None, "json", uncertain, tokens)


class _Paths:
    """Key paths of leaves for the output, with every redacted key shown redacted (a path never
    quotes a finding). Built per leaf from its chain of containers and joined once; a
    container's path is kept for its other leaves. ``budget``: bytes of path text that all the
    findings may take together; beyond it the record fails (``too_complex``) before the paths
    outgrow memory."""

    def __init__(self, jd: JsonDoc, key_text: dict[int, str], budget: int):
        self.jd, self.key_text, self.budget = jd, key_text, budget
        self.memo: dict[int, str] = {-1: "", 0: ""}  # 0: the document, when a container

    def _component(self, comp: int, first: bool) -> str:
        if comp < 0:
            return f"[{-1 - comp}]"
        key = self.key_text.get(comp)
        if key is None:
            key = self.jd.text[comp]
        if _PLAIN_KEY.fullmatch(key):
            return key if first else "." + key
        return f"[{orjson.dumps(key).decode()}]"

    def _box(self, box: int) -> str:
        memo = self.memo
        hit = memo.get(box)
        if hit is not None:
            return hit
        parent, comp = self.jd.box_parent, self.jd.box_comp
        chain = []
        b = box
        while b not in memo:
            chain.append(comp[b])
            b = parent[b]
        base = memo[b]
        parts = [base]
        for c in reversed(chain):
            parts.append(self._component(c, parts == [""]))
        path = memo[box] = "".join(parts)
        if len(path) > self.budget:
            raise TooComplex("the key paths of the findings are too long")
        return path

    def of(self, leaf: int, n_ents: int) -> str:
        jd = self.jd
        box = jd.box[leaf]
        if box < 0:
            path = ""
        else:
            base = self._box(box)
            path = base + self._component(jd.comp[leaf], base == "")
        self.budget -= len(path) * n_ents
        if self.budget < 0:
            raise TooComplex("the key paths of the findings are too long")
        return path


def _join_lines(value: str, es: list[Entity]) -> list[Entity]:
    """A secret found on consecutive lines of one string, with nothing between but the line
    breaks, is one secret (a PEM block, a multi-line password): one span over all of it."""
    out = [es[0]]
    for e in es[1:]:
        last = out[-1]
        if e.type == last.type == SECRET and not value[last.end:e.start].strip("\r\n") \
                and last.end < e.start:
            out[-1] = _spanning(last, last.start, e.end, last.doubt or e.doubt)
        else:
            out.append(e)
    return out


def _shifted(e: Entity, off: int) -> Entity:
    # every field of ``Entity`` (tests/test_records.py pins the list): ``copy.copy`` cost 2 us
    return Entity(e.start + off, e.end + off, e.type, e.score, e.stage, e.decision, e.doubt, e.kind)


def _spanning(e: Entity, start: int, end: int, doubt: bool) -> Entity:
    return Entity(start, end, e.type, e.score, e.stage, e.decision, doubt, e.kind)


def _rank_entity(e: Entity):
    return (-e.score, e.start)


def _reason(e: Exception) -> str:
    if isinstance(e, TooComplex):
        return f"too_complex: {e}"
    return str(e)


def _entity_dict(e: Entity, start: int, end: int) -> dict:
    d = {"type": e.type, "start": start, "end": end, "score": round(e.score, 4), "stage": e.stage}
    if e.kind:  # SECRET's kind ("github_token"): an extra key, the rest of the contract unchanged
        d["kind"] = e.kind
    return d
