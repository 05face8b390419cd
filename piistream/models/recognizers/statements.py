"""Values a database log names by their place: bound parameters, and the values of errors.

ORMs and drivers log a statement with placeholders and, in the same line, the values bound to
them; databases quote a value with the key or column it broke. The value's column is its key,
as in an INSERT's literal row (``base.sql_values``):

- a statement's placeholders (``$1``, ``?``, ``%s``, ``@p0``, ``:name``), each named by the
  column it fills (``INSERT INTO t (a, b) VALUES ($1, $2)``) or is compared with or assigned to
  (``WHERE "users"."ssn" = $1``, ``SET [Token] = @p0``), and the list of values after the
  statement: TypeORM's ``-- PARAMETERS: [...]``, Django's ``args=(...)``, ``params=[...]``,
  Sequelize's ``; v1, v2``, Ecto's trailing ``[v1, v2]``, SQL Server's ``@p0=N'...'``;
- ActiveRecord's pairs after a statement: ``[["acct_no", 5242311], ["passwd", "..."]]``;
- errors that quote a value with what it belongs to: MySQL's ``Duplicate entry 'v' for key
  'borrowers.ssn_UNIQUE'`` and ``Incorrect ... value: 'v' for column 'api_token'``,
  PostgreSQL's ``Key (webhook_secret)=(v)``, SQL Server's ``... unique index
  'IX_Users_HomePhone'. The duplicate key value is (v).``

``bound_values`` gives (starts, ends, names) of the values (without their quotes) of one
segment, in order, read once per batch and segment when a recognizer or the scorer asks.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from .base import Batch

# what a segment holds before it is read at all (lower-cased): a statement's verb, a value list's
# marker, or an error's words; found for the whole batch in the leads' one pass (``hinted``)
BOUND_HINT = re.compile(r"insert|update|select|delete|merge|duplicate|for column|key \(|\[\[")
_HINT_LEADS = ("insert", "update", "select", "delete", "merge", "duplicate", "for column", "key \\(",
               "\\[\\[")

_STATEMENT = re.compile(r"(?i)\b(?:insert\s+(?:ignore\s+)?into|update|select|delete\s+from|merge\s+into"
                        r"|exec(?:ute)?\s+sp_executesql)\b")
_VERB = re.compile(r"insert|update|select|delete|merge")  # (on the lower-cased segment, first)
_IDENT = r"[`\"\[]?[A-Za-z_][\w$#]{0,63}[`\"\]]?"
# a placeholder: $1, ?, %s, %(name)s, @p0 / @name, :name (not a cast's "::text")
_PLACEHOLDER = re.compile(r"\$(\d{1,3})(?!\w)|\?|%s|%\(([A-Za-z_]\w{0,63})\)s|(?<![\w@])@([A-Za-z_]\w{0,63})"
                          r"|(?<![\w:]):([A-Za-z_]\w{0,63})")
_INSERT_COLUMNS = re.compile(r"(?i)\binsert\s+(?:ignore\s+)?into\s+[\w.`\"\[\]]+\s*\(([^()]{1,4000})\)"
                             r"\s*(?:output\s[^()]{0,200})?values\s*\(")
# the column a placeholder is compared with or assigned to, right before it
_COMPARED = re.compile(r"((?:" + _IDENT + r"\.)*" + _IDENT + r")\s*(?:=|<>|!=|>=|<=|<|>|\blike|\bilike)"
                       r"\s*\(?\s*\Z", re.I)
_OPERATOR_END = re.compile(r"(?:[=<>]|(?i:like))\s*\(?\s*\Z")
# where the values of a statement's placeholders are listed, after it
_LIST_MARK = re.compile(r"(?i)(?:--\s*parameters:?\s*|\b(?:args|params|parameters|binds?|bindings|values)"
                        r"\s*(?:=>?|:)\s*)([\[(])")
# PostgreSQL's log of an extended-protocol statement's values, after it: "DETAIL:  parameters: $1 = '...'"
_PG_PARAMS = re.compile(r"(?i)\bparameters:\s*(?=\$\d)")
_PG_PARAM = re.compile(r"(?:\A|(?<=[\s,]))\$(\d{1,3})\s*=\s*")
_NAMED_ARG = re.compile(r"(?<![\w@])([@:])([A-Za-z_]\w{0,63})\s*=\s*")
# one value of a list: a string (SQL's, with a kind's prefix; or JSON's / Python's), or a bare
# word or number; a driver's note of its type may follow ("98.57(BigDecimal)", "'x' (DbType = ...)")
_ITEM = re.compile(r"\s*(?:[NnEeBb]?'((?:[^'\\]|''|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"|([^,\[\]()'\"\s]+))"
                   r"(?:\s*\([^()]{0,40}\))?\s*")
# ActiveRecord's pairs: [["name", value], ...]
_PAIR = re.compile(r"\[\s*\"([A-Za-z_][\w.]{0,63})\"\s*,\s*(?:\"((?:[^\"\\]|\\.)*)\"|([^\[\],\s\"]+))\s*\]")
_ERRORS = (
    # MySQL
    re.compile(r"(?i)duplicate entry '((?:[^'\\]|\\.)*)' for key '([^']{1,128})'"),
    re.compile(r"(?i)incorrect \w+(?: \w+)? value: '((?:[^'\\]|\\.)*)' for column '([^']{1,128})'"),
    # SQL Server: the constraint's or index's name, then the value
    re.compile(r"(?i)(?:unique index|constraint) '([^']{1,128})'\.(?:[^.()]{0,160}\.)?"
               r"\s*the duplicate key value is \(([^()]*)\)"),
)
_PG_KEY = re.compile(r"(?i)\bkey \(([^()]{1,400})\)=\(([^()]{0,2000})\)")
SPAN = 8192  # characters of a segment read: a statement with its values is shorter


# an index's or a constraint's name around its column's: "borrowers.ssn_UNIQUE", "uk_ss_number",
# "idx_applicants_itin", "IX_Users_HomePhone", "webhooks_secret_key"
_INDEX_AFFIXES = re.compile(r"(?i)\A(?:idx|ix|uk|uq|ux|ak|unique|uniq|pk)_|_(?:unique|uniq|uk|uq|idx|index|key|pkey)\Z")


def index_column(name: str) -> str:
    """The column an index's or a constraint's name names (the table's name before a dot and
    the index's affixes dropped)."""
    return _INDEX_AFFIXES.sub("", name.rpartition(".")[2]) or name


def bound_column(batch: Batch, seg: int, pos: int) -> str:
    """The name of the value at ``pos`` (``bound_values``), or ""."""
    got = bound_values(batch, seg)
    if not got:
        return ""
    k = bisect_right(got[0], pos) - 1
    return got[2][k] if k >= 0 and pos < got[1][k] else ""


def bound_values(batch: Batch, seg: int) -> tuple | tuple[()]:
    """(starts, ends, names) of the segment's named values, in order; () when it has none."""
    if seg not in hinted(batch):
        return ()
    key = ("bound", seg)
    got = batch._cache.get(key)
    if got is None:
        lo, hi = batch.segment_bounds(seg)
        found = _read(batch.text, batch.lower, lo, min(hi, lo + SPAN))
        found.sort()
        got = batch._cache[key] = tuple(map(list, zip(*found))) if found else ()
    return got


def hinted(batch: Batch) -> set[int]:
    """The segments that hold a hint (``BOUND_HINT``), once per batch."""
    got = batch._cache.get("bound-hints")
    if got is None:
        got = batch._cache["bound-hints"] = {
            batch.segment_of(m.start()) for m in batch.scan(BOUND_HINT, lower=True, lead=_HINT_LEADS)}
    return got


# what each error holds, tested on the segment before its pattern runs (in C)
_ERROR_WORDS = ("duplicate entry", "for column", "duplicate key value")


def _read(text: str, lower: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    low = lower[lo:hi]
    for pat, word in zip(_ERRORS, _ERROR_WORDS):
        if word not in low:
            continue
        for m in pat.finditer(text, lo, hi):
            if pat is _ERRORS[2]:
                out.append((m.start(2), m.end(2), index_column(m.group(1))))
            elif m.end(1) > m.start(1):
                out.append((m.start(1), m.end(1), index_column(m.group(2))))
    for m in _PG_KEY.finditer(text, lo, hi) if "key (" in low else ():
        names = [n.strip(" \"") for n in m.group(1).split(",")]
        values = _items(text, m.start(2), m.end(2), len(names))
        if len(values) == len(names):
            out += [(s, e, n) for (s, e), n in zip(values, names) if e > s]
    if "[[" in low:
        for m in _PAIR.finditer(text, lo, hi):
            g = 2 if m.group(2) is not None else 3
            if m.end(g) > m.start(g):
                out.append((m.start(g), m.end(g), m.group(1)))
    s = _STATEMENT.search(text, lo, hi) if _VERB.search(low) else None
    if s is not None and s.group()[0] in "eE":
        # SQL Server's sp_executesql: the statement is its first argument, a literal
        s = _STATEMENT.search(text, s.end(), hi)
    if s is not None:
        out += _bound(text, s.start(), hi)
    return out


def _name(ident: str) -> str:
    return ident.rpartition(".")[2].strip("`\"[]")


def _bound(text: str, at: int, hi: int) -> list[tuple[int, int, str]]:
    """The values bound to one statement's placeholders, from ``at`` (the statement's verb)."""
    mark = _LIST_MARK.search(text, at, hi)
    pg = _PG_PARAMS.search(text, at, hi) if mark is None else None
    stmt_end = mark.start() if mark is not None else pg.start() if pg is not None else hi
    names: list[tuple[str, str | None]] = []  # per placeholder, in order: (its key, its column)
    cols: dict[int, str] = {}
    columns: list[str] = []
    ins = _INSERT_COLUMNS.search(text, at, stmt_end)
    if ins is not None:
        columns = [_name(c.strip()) for c in ins.group(1).split(",")]
        close = text.find(")", ins.end(), stmt_end)
        if close > 0:
            items = text[ins.end():close].split(",")
            p = ins.end()
            for col, item in zip(columns, items):
                ph = _PLACEHOLDER.search(text, p, p + len(item))
                if ph is not None and not text[p:p + len(item)].strip().startswith("'"):
                    cols[ph.start()] = col
                p += len(item) + 1
    last = at
    for ph in _PLACEHOLDER.finditer(text, at, stmt_end):
        if _quoted(text, at, ph.start()):
            continue
        col = cols.get(ph.start())
        if col is None and _OPERATOR_END.search(text, max(at, ph.start() - 8), ph.start()):
            # (the operator right before it first: most placeholders are a VALUES list's)
            c = _COMPARED.search(text, max(at, ph.start() - 160), ph.start())
            col = _name(c.group(1)) if c is not None else None
        if ph.group(1) is not None:
            k = "$" + ph.group(1)
        elif ph.group(2) or ph.group(3) or ph.group(4):
            k = (ph.group(3) and "@" or ":") + (ph.group(2) or ph.group(3) or ph.group(4))
        else:
            k = "?"
        names.append((k, col))
        last = ph.end()
    if ins is not None and not cols and mark is not None:
        # a statement logged with its values in place and again after it (Django's "VALUES
        # ('DE', '9112284') ... args=('DE', '9112284')"): the list is the columns' in order
        values = _items(text, mark.end(), hi, len(columns), close="])"[mark.group(1) == "("])
        if len(values) == len(columns):
            return [v + (col,) for v, col in zip(values, columns) if v[1] > v[0]]
        return []
    if not any(col for _, col in names):
        return []
    out: list[tuple[int, int, str]] = []
    named = {k: col for k, col in names if col and k[0] in "@:"}
    if named:
        # SQL Server's and Oracle's named parameters, given after the statement: @p0=N'...'
        for m in _NAMED_ARG.finditer(text, at, hi):
            col = named.get(m.group(1) + m.group(2))
            item = _ITEM.match(text, m.end(), hi)
            if col and item is not None:
                out.append(_span(item) + (col,))
    if pg is not None:
        # PostgreSQL's "DETAIL:  parameters: $1 = '...', $2 = '...'": each value by its key
        given = {}
        for m in _PG_PARAM.finditer(text, pg.end(), hi):
            item = _ITEM.match(text, m.end(), hi)
            if item is not None:
                given["$" + m.group(1)] = _span(item)
        return out + [given[k] + (col,) for k, col in names if col and k in given and given[k][1] > given[k][0]]
    values: list[tuple[int, int]] = []
    if mark is not None:
        values = _items(text, mark.end(), hi, len(names), close="])"[mark.group(1) == "("])
    else:
        semi = text.find(";", last, hi)
        brk = text.find("[", last, hi)
        if semi >= 0 and (brk < 0 or semi < brk):
            values = _items(text, semi + 1, hi, len(names))  # Sequelize: "...; 44331, "Kathryn""
        elif brk >= 0 and text[last:brk].strip(" \t)") == "":
            values = _items(text, brk + 1, hi, len(names), close="]")  # Ecto: "... $2 ["a", 1]"
    for i, (k, col) in enumerate(names):
        if not col:
            continue
        if k[0] == "$":
            j = int(k[1:]) - 1
        elif k in ("?", "%s"):
            j = _nth(names, i)
        else:
            continue  # a named placeholder: given by name (above)
        if 0 <= j < len(values) and values[j][1] > values[j][0]:
            out.append(values[j] + (col,))
    return out


def _nth(names: list, i: int) -> int:
    """The index among the positional placeholders of the i-th placeholder."""
    return sum(1 for k, _ in names[:i] if k in ("?", "%s"))


def _quoted(text: str, lo: int, p: int) -> bool:
    """Whether ``p`` is inside a single-quoted literal that starts after ``lo``."""
    return text.count("'", lo, p) % 2 == 1


def _span(item: re.Match) -> tuple[int, int]:
    for g in (1, 2, 3):
        if item.group(g) is not None:
            return item.start(g), item.end(g)
    return item.start(), item.start()


def _items(text: str, at: int, hi: int, most: int, close: str = "") -> list[tuple[int, int]]:
    """The values of a comma-separated list from ``at``: up to ``most`` of them, ending at
    ``close`` (or the segment's end)."""
    out: list[tuple[int, int]] = []
    while len(out) < most:
        item = _ITEM.match(text, at, hi)
        if item is None:
            break
        out.append(_span(item))
        at = item.end()
        if at >= hi or text[at] != ",":
            break
        at += 1
    return out
