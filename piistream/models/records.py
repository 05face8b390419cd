"""Records: plain text lines and JSON documents, turned into segments, detected, redacted.

``process(raw_records, fmt)`` is the batch entry point shared by the CLI, the Faust agents and
the replay tool. Each input gives exactly one ``RecordResult``: redacted output and entities, or
an error reason (bad UTF-8, NUL bytes, oversize, invalid JSON). It never raises on bad input.

Offsets (``start``/``end``) are Python string offsets into the input record (the decoded line,
without its line ending). For JSON records each entity also carries ``path``, the key path of the
value (``user.email``, ``items[2].card``); the JSON is redacted in place: key order, formatting
and all other values are kept byte for byte; a redacted number becomes a string.
"""
from __future__ import annotations

import json.decoder
import re
from dataclasses import dataclass, field

import orjson

from .detector import Detector, Entity, propagate
from .redact import Redactor

DEFAULT_MAX_BYTES = 1 << 20  # 1 MiB
MIN_ID_NUMBER = 1000          # JSON integers with at least 4 digits are scanned as IDs


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

    def to_json(self) -> bytes:
        """The ``scan`` output line (without newline)."""
        if self.error is not None:
            return orjson.dumps({"redacted": None, "entities": [], "error": self.error})
        if self.fmt == "json":
            return (b'{"redacted":' + self.redacted.encode() + b',"entities":' +
                    orjson.dumps(self.entities) + b"}")
        return orjson.dumps({"redacted": self.redacted, "entities": self.entities})


def _path_join(path: str, key: str) -> str:
    if key and all(c.isalnum() or c in "_-$@" for c in key):
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
            stack.extend((f"{path}[{i}]", x) for i, x in reversed(list(enumerate(v))))
        elif isinstance(v, int) and not isinstance(v, bool) and abs(v) >= MIN_ID_NUMBER:
            out.append((path, str(v), False))
    return out


# -- positions of leaves in the raw JSON text (only for records that have findings) -----------
_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_scanstring = json.decoder.scanstring


def leaf_positions(raw: str) -> dict[str, tuple[int, int]]:
    """path -> (start, end) of the raw token of each string/number leaf (end exclusive; a
    string's span includes its quotes). For duplicate keys the last occurrence wins, as in the
    parsed document."""
    pos: dict[str, tuple[int, int]] = {}
    # stack entries: [container, path, index]; container is "{" or "["
    stack: list[list] = []
    i = _WS.match(raw, 0).end()
    path = ""
    expect_value = True
    while True:
        if expect_value:
            ch = raw[i]
            if ch == "{" or ch == "[":
                stack.append([ch, path, 0])
                i = _WS.match(raw, i + 1).end()
                if raw[i] == ("}" if ch == "{" else "]"):
                    stack.pop()
                    i += 1
                    expect_value = False
                    continue
                if ch == "{":
                    key, i = _scanstring(raw, i + 1)
                    i = _WS.match(raw, i).end() + 1  # past ':'
                    i = _WS.match(raw, i).end()
                    path = _path_join(stack[-1][1], key)
                else:
                    path = f"{stack[-1][1]}[0]"
                continue
            if ch == '"':
                _, end = _scanstring(raw, i + 1)
                pos[path] = (i, end)
                i = end
            else:
                m = _NUMBER.match(raw, i)
                if m and m.end() > i:
                    pos[path] = (i, m.end())
                    i = m.end()
                else:  # true / false / null
                    i += 4 if raw.startswith(("true", "null"), i) else 5
            expect_value = False
            continue
        # after a value: ',' or a closing bracket
        i = _WS.match(raw, i).end()
        if not stack:
            return pos
        top = stack[-1]
        ch = raw[i]
        if ch == ",":
            i = _WS.match(raw, i + 1).end()
            top[2] += 1
            if top[0] == "{":
                key, i = _scanstring(raw, i + 1)
                i = _WS.match(raw, i).end() + 1
                i = _WS.match(raw, i).end()
                path = _path_join(top[1], key)
            else:
                path = f"{top[1]}[{top[2]}]"
            expect_value = True
        else:  # '}' or ']'
            stack.pop()
            i += 1


def _decoded_to_raw(raw_inner: str) -> list[int]:
    """For a JSON string body with escapes: raw offset of each decoded char (plus the end)."""
    out = []
    i = 0
    n = len(raw_inner)
    while i < n:
        out.append(i)
        if raw_inner[i] == "\\":
            if raw_inner[i + 1] == "u":
                cp = int(raw_inner[i + 2:i + 6], 16)
                if 0xD800 <= cp < 0xDC00 and raw_inner.startswith("\\u", i + 6):
                    lo = int(raw_inner[i + 8:i + 12], 16)
                    i += 12 if 0xDC00 <= lo < 0xE000 else 6
                else:
                    i += 6
            else:
                i += 2
        else:
            i += 1
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

    def process_safe(self, raws: list, fmt: str = "text", tokenizer=None) -> list[RecordResult]:
        """``process``, but an unexpected internal error costs only the records that cause it:
        the batch is retried record by record and a failing record gets an ``internal`` error."""
        try:
            return self.process(raws, fmt, tokenizer)
        except Exception:
            pass
        out = []
        for raw in raws:
            try:
                out.extend(self.process([raw], fmt, tokenizer))
            except Exception as e:  # a bug, reported per record; never the record's content
                out.append(RecordResult(None, [], f"internal: {type(e).__name__}", fmt))
        return out

    def process(self, raws: list, fmt: str = "text", tokenizer=None) -> list[RecordResult]:
        """One result per raw record. ``tokenizer(type, value) -> str``, if given, fills
        ``RecordResult.tokens`` (keyed tokens for alerts: never the values themselves)."""
        if fmt not in ("text", "json"):
            raise ValueError(f"unknown format {fmt!r}")
        n = len(raws)
        results: list[RecordResult | None] = [None] * n
        texts: list[str | None] = [None] * n
        segments: list[str] = []
        keys: list[str] = []
        owner: list[tuple[int, int]] = []  # per record: (first segment, count)
        leaves: list[list | None] = [None] * n
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
                keys.append("")
                continue
            try:
                doc = orjson.loads(text)
            except orjson.JSONDecodeError as e:
                results[idx] = RecordResult(None, [], f"invalid_json: {e.args[0] if e.args else e}", fmt)
                owner.append((0, 0))
                continue
            lv = walk_json(doc)
            leaves[idx] = lv
            owner.append((len(segments), len(lv)))
            for path, value, _ in lv:
                segments.append(value)
                keys.append(path)
        ents = self.detector.detect(segments, keys if fmt == "json" else None)
        for idx in range(n):
            if results[idx] is not None:
                continue
            first, count = owner[idx]
            seg_ents = ents[first:first + count]
            text = texts[idx]
            if fmt == "text":
                es = seg_ents[0]
                if es:
                    propagate([text], seg_ents)
                    es = seg_ents[0]
                res = RecordResult(
                    self.redactor.apply(text, es),
                    [_entity_dict(e, e.start, e.end) for e in es], None, "text",
                    sum(e.doubt for e in es))
                if tokenizer is not None:
                    res.tokens = [tokenizer(e.type, text[e.start:e.end]) for e in es]
                results[idx] = res
            else:
                results[idx] = self._json_result(text, leaves[idx], segments[first:first + count],
                                                 seg_ents, tokenizer)
        return results  # type: ignore[return-value]

    def _json_result(self, raw: str, lv, values: list[str], seg_ents: list[list[Entity]],
                     tokenizer=None) -> RecordResult:
        if not any(seg_ents):
            return RecordResult(raw.strip(), [], None, "json", 0, [] if tokenizer else None)
        propagate(values, seg_ents)
        positions = leaf_positions(raw)
        edits = []  # (token start, token end, replacement)
        out_ents = []
        uncertain = 0
        for (path, value, is_str), es in zip(lv, seg_ents):
            if not es:
                continue
            ts, te = positions[path]
            if is_str:
                inner = raw[ts + 1:te - 1]
                if "\\" in inner:
                    m = _decoded_to_raw(inner)
                    spans = [(ts + 1 + m[e.start], ts + 1 + m[e.end]) for e in es]
                else:
                    spans = [(ts + 1 + e.start, ts + 1 + e.end) for e in es]
            else:
                spans = [(ts + e.start, ts + e.end) for e in es]
            for e, (s, t) in zip(es, spans):
                d = _entity_dict(e, s, t)
                d["path"] = path
                if tokenizer is not None:
                    d["token"] = tokenizer(e.type, value[e.start:e.end])
                uncertain += e.doubt
                out_ents.append(d)
            edits.append((ts, te, orjson.dumps(self.redactor.apply(value, es)).decode()))
        parts = []
        pos = 0
        for ts, te, rep in sorted(edits):
            parts.append(raw[pos:ts])
            parts.append(rep)
            pos = te
        parts.append(raw[pos:])
        out_ents.sort(key=lambda d: d["start"])
        tokens = [d.pop("token") for d in out_ents] if tokenizer is not None else None
        return RecordResult("".join(parts).strip(), out_ents, None, "json", uncertain, tokens)


def _entity_dict(e: Entity, start: int, end: int) -> dict:
    d = {"type": e.type, "start": start, "end": end, "score": round(e.score, 4), "stage": e.stage}
    if e.kind:  # SECRET's kind ("github_token"): an extra key, the rest of the contract unchanged
        d["kind"] = e.kind
    return d
