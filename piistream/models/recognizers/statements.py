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
- validation errors that echo the value they refused with the field it was for (``validation``):
  Spring's ``on field 'acctNo': rejected value [v]``, a violation's ``property=ssn,
  invalidValue=v`` or Sequelize's ``path: 'ssn', value: 'v'``, Joi's ``"ssn" with value "v"``,
  FastAPI's and Zod's ``"loc": ["body", "ssn"], ... "input": "v"``, pydantic's ``ssn\n  Value
  error ... [type=value_error, input_value='v', ...]``, Django's ``{'ssn': ['“v” is not a valid
  ...']}``, Jackson's ``Numeric value (v) out of range ... (through reference chain: X["ssn"])``.
- the rows change data capture logs (``changes``): PostgreSQL's logical decoding
  (test_decoding's ``ssn[text]:'v'``, wal2json's ``"columnnames": [...], "columnvalues": [...]``),
  Oracle GoldenGate's XML (``<col name='SSN' index='2'><after><![CDATA[v]]></after></col>``).
- a query's filter (``filters``): OData's ``$filter=BankAccount eq 'v'``, RQL's ``eq(acctNum,v)``,
  SQL's ``acct_no LIKE 'v'`` and ``ssn IN ('v1', 'v2')``, Elasticsearch's query DSL
  (``{"term": {"acct_no": {"value": "v"}}}``, ``{"terms": {"ssn": ["v1", "v2"]}}``).

``bound_values`` gives (starts, ends, names) of the values (without their quotes) of one
segment, in order, read once per batch and segment when a recognizer or the scorer asks.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from .base import Batch

# what a segment holds before it is read at all (lower-cased): a statement's verb, a value list's
# marker, or an error's words; found for the whole batch in the leads' one pass (``hinted``)
BOUND_HINT = re.compile(r"insert|update|select|delete|merge|duplicate|for column|key \(|\[\["
                        # (a validation error's words: ``validation``)
                        r"|rejected value|invalidvalue|invalid_value|attemptedvalue|attempted_value"
                        r"|input_value|with value|reference chain|[\"']loc[\"']|\"path\": ?\[|path: '"
                        r"|is not a valid|value must be|field_violations|: value |has failed the following"
                        r"|key values? '\{|changed |updated from|modified from|for the following field"
                        r"| for field|raw_field_value|unexpected_list|\((?:value|wert|valor|valeur|waarde)[ \t]*[:=]"
                        # (change data capture's rows: ``changes``)
                        r"|<col name|columnnames|keynames"
                        # (a query's filter: ``filters``)
                        r"| eq | ne |eq\(|equalto\(|equalnullsafe\(|stringstartswith\(|\"term|\"match|\"prefix\"|\"wildcard\"|\"fuzzy\"")
_HINT_LEADS = ("rejected value", "invalidvalue", "invalid_value", "attemptedvalue", "attempted_value",
               "input_value", "with value", "reference chain", "[\"']loc[\"']", "\"path\":\\[",
               "\"path\": \\[", "path: '", "is not a valid", "value must be", "<col name", "columnnames",
               "field_violations", ": value ", "has failed the following", "key value '\\{", "key values '\\{",
               "changed ", "updated from", "modified from", "for the following field", " for field",
               "raw_field_value", "unexpected_list", "\\(value", "\\(wert", "\\(valor", "\\(valeur",
               "\\(waarde",
               "keynames", " eq ", " ne ", "eq\\(", "equalto\\(", "equalnullsafe\\(", "stringstartswith\\(", "\"term", "\"match", "\"prefix\"", "\"wildcard\"",
               "\"fuzzy\"",
               "insert", "update", "select", "delete", "merge", "duplicate", "for column", "key \\(",
               "\\[\\[")

_STATEMENT = re.compile(r"(?i)\b(?:insert\s+(?:ignore\s+)?into|update|select|delete\s+from|merge\s+into"
                        r"|exec(?:ute)?\s+sp_executesql)\b")
_VERB = re.compile(r"insert|update|select|delete|merge")  # (on the lower-cased segment, first)
_IDENT = r"[`\"\[]?[A-Za-z_][\w$#]{0,63}[`\"\]]?"
# a placeholder: $1, ?, %s, %(name)s, @p0 / @name, :name (not a cast's "::text")
# (and Oracle's numbered one, :1, as PeopleSoft logs it with its "Bind-1 type=2 length=9 value=...")
_PLACEHOLDER = re.compile(r"\$(\d{1,3})(?!\w)|\?|%s|%\(([A-Za-z_]\w{0,63})\)s|(?<![\w@])@([A-Za-z_]\w{0,63})"
                          r"|(?<![\w:]):([A-Za-z_]\w{0,63})|(?<![\w:]):(\d{1,3})(?![\w:])")
_PS_BIND = re.compile(r"(?i)(?<![\w\-])bind-(\d{1,3})[ \t]+(?:type=\d+[ \t]+)?(?:length=\d+[ \t]+)?value=")
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
    # (its object's name between: "Cannot insert duplicate key in object 'dbo.Payments'.")
    re.compile(r"(?i)(?:unique index|constraint) '([^']{1,128})'\.(?:[^()]{0,160}?\.)?"
               r"\s*the duplicate key value is \(([^()]*)\)"),
)
_PG_KEY = re.compile(r"(?i)\bkey \(([^()]{1,400})\)=\(([^()]{0,2000})\)")
SPAN = 8192  # characters of a segment read: a statement with its values is shorter

# A validation error's value: quoted (the quotes not its own) or bare, up to a delimiter
_V = r"""(?:'((?:[^'\\\n]|\\.){1,256})'|"((?:[^"\\\n]|\\.){1,256})"|([^\s,;()\[\]{}'"]{1,256}))"""
_FIELD = r"([A-Za-z_][\w.\[\]]{0,63})"
# (pattern, the words one of which it needs in the lower-cased segment); group 1 the field,
# groups 2-4 the value
_VALIDATION = (
    # Spring's binding errors: "Field error in object 'form' on field 'acctNo': rejected value [v]"
    (re.compile(r"on field '" + _FIELD + r"': rejected value \[([^\]\n]{1,256})\]()()"), ("rejected value",)),
    # a violation's or an error item's field, then the value it refused: Hibernate Validator's
    # "propertyPath=ssn, ... invalidValue=v", Sequelize's "path: 'ssn', value: 'v'", a .NET
    # failure's "PropertyName: Ssn ... AttemptedValue: v", FluentValidation's "-- Ssn: ...
    # AttemptedValue: v" (a value word that says it was refused may come after other fields;
    # the plain "value" must come right after the field)
    (re.compile(r"(?:(?<![A-Za-z])(?i:property_?path|property_?name|field_?name|property|field|path|param|parameter"
                r"|attribute)['\"]?[ \t]*[=:][ \t]*['\"]?|--[ \t]*)" + _FIELD + r"['\"]?[ \t]*(?::[^{}|\n]{0,300}?|,"
                r"(?:[^{}|\n]{0,300}?(?=(?i:invalid|rejected|attempted))|[ \t]*))['\"]?"
                r"(?i:(?:invalid|rejected|attempted)_?value|value)['\"]?[ \t]*[=:][ \t]*" + _V),
     ("invalidvalue", "invalid_value", "rejectedvalue", "rejected_value", "attemptedvalue", "attempted_value",
      "path: '")),
    # a field quoted, then its value in parentheses, in the log's language: "Feld 'kontonummer'
    # (Wert: '7684041862') passt nicht", "field 'acctNo' (value: '...')", "campo 'cuenta' (valor: ...)"
    (re.compile(r"(?<![A-Za-z])(?i:field|feld|campo|champ|veld)[ \t]+['\"]" + _FIELD + r"['\"][ \t]*\("
                r"(?i:value|wert|valor|valeur|valore|waarde)[ \t]*[:=][ \t]*" + _V + r"\)"),
     ("(value", "(wert", "(valor", "(valeur", "(waarde")),
    # Joi: '"ssn" with value "v" fails to match the required pattern'
    (re.compile(r'"' + _FIELD + r'" with value ' + _V), ("with value",)),
    # FastAPI's and Zod's error lists: the field is the last name of its location, the value
    # the error's "input" (Zod: its params' "value"), in the same error object
    (re.compile(r"[\"'](?:loc|path)[\"'][ \t]*:[ \t]*[\[(](?:[^\[\](){}]{0,200}?,[ \t]*)?[\"']" + _FIELD +
                r"[\"'][ \t]*,?[ \t]*[\])][^}]{0,300}?[\"'](?:input|input_value|value|received)[\"'][ \t]*:[ \t]*" + _V),
     ("loc\"", "loc'", "\"path\":")),
    # gRPC's BadRequest: 'field_violations { field: "ssn" description: "invalid value: v" }'
    (re.compile(r"field_violations[ \t]*\{[ \t]*field:[ \t]*\"" + _FIELD + r"\"[ \t]*description:[ \t]*\""
                r"[^\"\n]{0,80}?\bvalue:?[ \t]+([^\s\"]{1,256})\"()()"), ("field_violations",)),
    # Go validators: "field Mobile: value 619 11 96 10: invalid format"
    (re.compile(r"(?<![A-Za-z])field " + _FIELD + r": value ([^\n:]{1,256}?)(?=: |\Z)()()"), (": value ",)),
    # NestJS' class-validator: "property bankAccount has failed the following constraints: matches {
    # value: '118233' }"
    (re.compile(r"(?<![A-Za-z])property " + _FIELD + r" has failed the following constraints:[^{}\n]{0,200}?"
                r"\{[ \t]*value:[ \t]*" + _V), ("has failed the following",)),
    # EF Core's key values: "another instance with the key value '{To: 01 23 89 25 45}'"
    (re.compile(r"(?:\{|, )" + _FIELD + r": ([^,{}'\n]{1,256})(?=[,}])()()"), ("key value '{", "key values '{")),
    # Django: "{'acct_no': ['“57819133748” is not a valid account number.']}"
    (re.compile(r"['\"]" + _FIELD + r"['\"][ \t]*:[ \t]*\[[ \t]*(?:ErrorDetail\(string=)?['\"]\u201c([^\u201d\n]{1,256})"
                r"\u201d()()"), ("\u201d",)),
)
# a change document's field and both its values: SAP's CDPOS, an audit trail's "field Bank Acct
# changed from 2089635025 to 726544407305", "Phone updated from X to Y"
_CHANGED = re.compile(r"(?i)(?:\bfield[ \t]+)?((?:[A-Za-z_][\w.\-]*[ \t]){0,2}[A-Za-z_][\w.\-]*)[ \t]+"
                      r"(?:changed|updated|modified)[ \t]+from[ \t]+" + _V + r"[ \t]+to[ \t]+" + _V)
# an audit line's change of a field, the old value, an arrow and the new one ("changed
# acctNumber: '****0701' -> '0219704594'")
_CHANGED_ARROW = re.compile(r"(?i)\bchanged[ \t]+" + _FIELD + r"[ \t]*:[ \t]*" + _V + r"[ \t]*(?:->|=>|\u2192)[ \t]*" + _V)
# a validator's value first, its field after it: "Invalid Field Value 216981803 for the following
# field: taxidnum"
# (BigQuery's load errors: "Could not parse '63849607849' as INT64 for field ACCT_NBR")
_VALUE_FOR_FIELD = re.compile(r"(?i)\b(?:value|parse)[ \t]+" + _V + r"(?:[ \t]+as[ \t]+\w{1,20})?[ \t]+for[ \t]+"
                              r"(?:the[ \t]+)?(?:following[ \t]+)?field[ \t]*:?[ \t]*['\"]?" + _FIELD)
# Great Expectations: '"kwargs": {"column": "acct_num", ...}, ... "partial_unexpected_list": [...]', or
# the column right before the list in its text report ("ACCT_NBR: unexpected_list=[...]")
_GE_LIST = re.compile(r"(?i)(?:partial_)?unexpected_list[\"']?[ \t]*[:=][ \t]*\[")
_GE_COLUMN = re.compile(r"[\"']column[\"'][ \t]*:[ \t]*[\"']" + _FIELD + r"[\"']")
_GE_NAMED = re.compile(_FIELD + r"[ \t]*:[ \t]*\Z")
# Redshift's load errors (STL_LOAD_ERRORS): "raw_field_value='182150501860' colname='accountNo'"
_RAW_FIELD_VALUE = re.compile(r"(?i)\braw_field_value[ \t]*[=:][ \t]*" + _V + r"[^\n]{0,300}?\bcolname[ \t]*[=:][ \t]*['\"]?"
                              + _FIELD)
# pydantic's errors: a field's name (its own line, or after the model's), then its message and
# "[type=..., input_value=v, input_type=...]"
_PYDANTIC_VALUE = re.compile(r"\[type=[\w.]{1,64}, input_value=" + _V)
_PYDANTIC_FIELD = re.compile(r"(?:(?<![\w.\\])|(?<=\\n))" + _FIELD + r"(?:\\n|[ \t\n])+(?=[A-Z])")
# Jackson's: the value in the message, the field last in its reference chain after it
_JACKSON_VALUE = re.compile(r"(?:Numeric value \(([^()\s]{1,64})\)|from String \"((?:[^\"\\\n]|\\.){1,256})\""
                            r"|String value \(['\"]((?:[^'\"\\\n]|\\.){1,256})['\"]\))")
_JACKSON_CHAIN = re.compile(r"through reference chain: [^()\n]{0,1000}\[\"([^\"\]\n]{1,64})\"\]\)")


# test_decoding: "table public.t: INSERT: id[integer]:1 ssn[text]:'v' ..." (a quote in a value doubled)
_DECODED = re.compile(r"(?:(?<=[ \t])|(?<=: ))([A-Za-z_\"][\w$\"]{0,63})\[([a-z][a-z0-9 _(),.\"]{0,60}(?:\[\])?)\]:"
                      r"(?:'((?:[^'\n]|''){0,1024})'|([^\s']{1,256}))")
_DECODED_VERB = re.compile(r": (?:insert|update|delete):")
# GoldenGate: a column's name, then its before and after images
_GG_COL = re.compile(r"<col name=['\"]([^'\"<>]{1,64})['\"][^<>]{0,200}>")
_GG_IMAGE = re.compile(r"<(before|after)>(?:<!\[CDATA\[([^\]\n]{1,1024})\]\]>|([^<\n]{1,1024}))</(?:before|after)>")
# wal2json (format 1): the names' list, then the values' list of the same change
_W2J_NAMES = re.compile(r"\"(column|key)names\"[ \t]*:[ \t]*\[([^\[\]]{0,4000})\]")
_W2J_NAME = re.compile(r"\"((?:[^\"\\]|\\.){1,64})\"")
_W2J_VALUES = {k: re.compile(r'"' + k + r'values"[ \t]*:[ \t]*\[') for k in ("column", "key")}


# OData: "Name eq 'v'" (and "ne"); RQL: "eq(name,v)", "ne(name,v)"
# (a literal: quoted, or a number; "equation eq is" is no filter)
_ODATA = re.compile(r"(?<![\w.])([A-Za-z_][\w./]{0,63})[ \t]+(?:eq|ne)[ \t]+"
                    r"""(?:'((?:[^'\\\n]|\\.){1,256})'|"((?:[^"\\\n]|\\.){1,256})"|([+\d][^\s,;()\[\]{}'"]{0,255}))""")
# (and Spark's pushed filters: "PushedFilters: [IsNotNull(bank_acct), EqualTo(bank_acct,788029615450)]")
_RQL = re.compile(r"(?<![\w.])(?:eq|ne|EqualTo|EqualNullSafe|StringStartsWith)\(([A-Za-z_][\w.]{0,63}),[ \t]*" + _V + r"\)")


_VALUE_AT = re.compile(_V)
# SQL: "col LIKE 'v'", "col IN ('v1', 'v2')" (the column read back from the operator)
_SQL_OP = re.compile(r"(?i)(?<![ \t])[ \t]+(?:not[ \t]+)?(?:i?like[ \t]+|in[ \t]*(\())")
_SQL_COLUMN_END = re.compile(r"((?:" + _IDENT + r"\.)*" + _IDENT + r")\Z")
# Elasticsearch's query DSL: a leaf query's field and its value (or a terms query's values)
_ES_LEAF = re.compile(r"\"(?:term|match|match_phrase|prefix|wildcard|fuzzy)\"[ \t]*:[ \t]*\{[ \t]*"
                      r"\"([^\"\\\n]{1,128})\"[ \t]*:[ \t]*(?:\{[ \t]*\"(?:value|query)\"[ \t]*:[ \t]*)?" + _V)
_ES_TERMS = re.compile(r"\"terms\"[ \t]*:[ \t]*\{[ \t]*\"([^\"\\\n]{1,128})\"[ \t]*:[ \t]*\[")
_ES_SUFFIX = re.compile(r"\.(?:keyword|raw|text|exact)\Z")


def filters(text: str, lower: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(start, end, field) of each value a query's filter compares a field with."""
    out: list[tuple[int, int, str]] = []
    low = lower[lo:hi]
    for pat, words in ((_ODATA, (" eq ", " ne ")), (_RQL, ("eq(", "equalto(", "equalnullsafe(", "startswith("))):
        if any(w in low for w in words):
            for m in pat.finditer(text, lo, hi):
                out.append((*_span(m, 2), m.group(1).rpartition("/")[2]))
    if "like" in low or " in" in low:
        for m in _SQL_OP.finditer(text, lo, hi):
            col = _SQL_COLUMN_END.search(text, max(lo, m.start() - 130), m.start())
            if col is None or col.group(1).lower() in ("not", "and", "or", "where", "select"):
                continue
            name = _name(col.group(1))
            if m.group(1) is not None:  # IN (...)
                out += [(s, e, name) for s, e in _items(text, m.end(), hi, 64, ")") if e > s]
            else:
                v = _VALUE_AT.match(text, m.end(), hi)
                if v is not None:
                    out.append((*_span(v), name))
    if '"term' in low or '"match' in low or '"prefix"' in low or '"wildcard"' in low or '"fuzzy"' in low:
        for m in _ES_LEAF.finditer(text, lo, hi):
            out.append((*_span(m, 2), _ES_SUFFIX.sub("", m.group(1))))
        for m in _ES_TERMS.finditer(text, lo, hi):
            name = _ES_SUFFIX.sub("", m.group(1))
            out += [(s, e, name) for s, e in _items(text, m.end(), hi, 64, "]") if e > s]
    return out


def changes(text: str, lower: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(start, end, column) of each value of a row change data capture logged, in ``text[lo:hi]``."""
    out: list[tuple[int, int, str]] = []
    low = lower[lo:hi]
    if "]:" in low and _DECODED_VERB.search(low):
        for m in _DECODED.finditer(text, lo, hi):
            g = 3 if m.group(3) is not None else 4
            if m.end(g) > m.start(g) and m.group(4) != "null":
                out.append((m.start(g), m.end(g), m.group(1).strip('"')))
    if "<col name" in low:
        for m in _GG_COL.finditer(text, lo, hi):
            at = m.end()
            for _ in range(2):
                image = _GG_IMAGE.match(text, at, hi)
                if image is None:
                    break
                g = 2 if image.group(2) is not None else 3
                out.append((image.start(g), image.end(g), m.group(1)))
                at = image.end()
    if "names" in low:
        for m in _W2J_NAMES.finditer(text, lo, hi):
            names = [n.group(1) for n in _W2J_NAME.finditer(m.group(2))]
            vals = _W2J_VALUES[m.group(1)].search(text, m.end(), min(hi, m.end() + 8000))
            if vals is None or not names:
                continue
            got = _items(text, vals.end(), hi, len(names))
            out += [(s, e, n) for (s, e), n in zip(got, names) if e > s]
    return out


def validation(text: str, lower: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(start, end, field) of each value a validation error refused, in ``text[lo:hi]``."""
    out: list[tuple[int, int, str]] = []
    low = lower[lo:hi]
    for pat, words in _VALIDATION:
        if not any(w in low for w in words):
            continue
        for m in pat.finditer(text, lo, hi):
            out.append((*_span(m, 2), m.group(1)))
    if "changed from" in low or "updated from" in low or "modified from" in low:
        for m in _CHANGED.finditer(text, lo, hi):
            out += [(*_span(m, 2), m.group(1)), (*_span(m, 5), m.group(1))]
    if "changed " in low:
        for m in _CHANGED_ARROW.finditer(text, lo, hi):
            out += [(*_span(m, 2), m.group(1)), (*_span(m, 5), m.group(1))]
    if " for the following field" in low or " for field" in low:
        for m in _VALUE_FOR_FIELD.finditer(text, lo, hi):
            out.append((*_span(m), m.group(4)))
    if "unexpected_list" in low:
        # Great Expectations' results: the values a column's expectation refused, in its
        # result's (partial) unexpected list, the column named in its kwargs before (JSON) or
        # right before the list ("ACCT_NBR: unexpected_list=['6283...', ...]")
        for m in _GE_LIST.finditer(text, lo, hi):
            last = None
            for last in _GE_COLUMN.finditer(text, max(lo, m.start() - 2000), m.start()):
                pass
            if last is None:
                named = _GE_NAMED.search(text, max(lo, m.start() - 80), m.start())
                field = named.group(1) if named is not None else None
            else:
                field = last.group(1)
            if field:
                out += [v + (field,) for v in _items(text, m.end(), hi, 64, close="]") if v[1] > v[0]]
    if "raw_field_value" in low:
        for m in _RAW_FIELD_VALUE.finditer(text, lo, hi):
            out.append((*_span(m), m.group(4)))
    if "input_value" in low:
        for m in _PYDANTIC_VALUE.finditer(text, lo, hi):
            name = None
            for name in _PYDANTIC_FIELD.finditer(text, max(lo, m.start() - 300), m.start()):
                pass
            if name is not None and "[" not in name.group(1):
                out.append((*_span(m), name.group(1)))
    if "reference chain" in low:
        for m in _JACKSON_VALUE.finditer(text, lo, hi):
            chain = _JACKSON_CHAIN.search(text, m.end(), min(hi, m.end() + 3000))
            if chain is not None:
                out.append((*_span(m), chain.group(1)))
    return out


# an index's or a constraint's name around its column's: "borrowers.ssn_UNIQUE", "uk_ss_number",
# "idx_applicants_itin", "IX_Users_HomePhone", "webhooks_secret_key"
_INDEX_AFFIXES = re.compile(r"(?i)\A(?:idx|ix|uk|uq|ux|ak|unique|uniq|pk)_|_(?:unique|uniq|uk|uq|idx|index|key|pkey)\Z"
                            # Rails' "index_customers_on_account_number"
                            r"|\Aindex_\w*?_on_")


def index_column(name: str, table: str = "") -> str:
    """The column an index's or a constraint's name names (the table's name before a dot and
    the index's affixes dropped; and the ``table``'s name before it, as Laravel names an index:
    "accounts_msisdn_unique" on table accounts)."""
    column = _INDEX_AFFIXES.sub("", name.rpartition(".")[2]) or name
    if table and len(column) > len(table) + 1 and column[len(table)] == "_" and \
            column[:len(table)].lower() == table.lower():
        column = column[len(table) + 1:]
    return column


# the table a statement writes ("insert into `accounts`", "UPDATE [dbo].[Payments]")
_TABLE = re.compile(r"(?i)\b(?:insert\s+(?:ignore\s+)?into|update|delete\s+from|merge\s+into|in\s+object)\s+'?"
                    r"(?:[`\"\[]?\w+[`\"\]]?\.)?[`\"\[]?(\w{1,64})[`\"\]]?")


def bound_column(batch: Batch, seg: int, pos: int) -> str:
    """The name of the value at ``pos`` (``bound_values``), or ""."""
    got = bound_values(batch, seg)
    if not got:
        return ""
    k = bisect_right(got[0], pos) - 1
    if (k < 0 or pos >= got[1][k]) and batch.text[pos:pos + 1] in ("(", "[", "'", '"'):
        k = bisect_right(got[0], pos + 1) - 1  # a value read with its opening bracket or quote
        pos += 1
    return got[2][k] if k >= 0 and pos < got[1][k] else ""


def bound_values(batch: Batch, seg: int) -> tuple | tuple[()]:
    """(starts, ends, names) of the segment's named values, in order; () when it has none."""
    hints = hinted(batch)
    if seg not in hints:
        return ()
    key = ("bound", seg)
    got = batch._cache.get(key)
    if got is None:
        lo, hi = batch.segment_bounds(seg)
        found = _read(batch.text, batch.lower, lo, min(hi, lo + SPAN), hints[seg])
        found.sort()
        got = batch._cache[key] = tuple(map(list, zip(*found))) if found else ()
    return got


def hinted(batch: Batch) -> dict[int, bool]:
    """The segments that hold a hint (``BOUND_HINT``), once per batch: for each, whether a
    statement's verb stands in it as a word (not "updated_at", "lastUpdate": a statement's
    reader, ``_STATEMENT`` and ``_TABLE``, needs one, and its searches of a long record are
    skipped without)."""
    got = batch._cache.get("bound-hints")
    if got is None:
        got = batch._cache["bound-hints"] = {}
        low = batch.lower
        for m in batch.scan(BOUND_HINT, lower=True, lead=_HINT_LEADS):
            seg = batch.segment_of(m.start())
            s, e = m.start(), m.end()
            verb = low[s] in _VERB_HEADS and m.group() in _VERBS and \
                not (s > 0 and _word(low[s - 1])) and not (e < len(low) and _word(low[e]))
            got[seg] = got.get(seg, False) or verb
    return got


_VERBS = frozenset(("insert", "update", "select", "delete", "merge"))
_VERB_HEADS = frozenset(v[0] for v in _VERBS)


def _word(c: str) -> bool:
    return c.isalnum() or c == "_"


# what each error holds, tested on the segment before its pattern runs (in C)
_ERROR_WORDS = ("duplicate entry", "for column", "duplicate key value")


def _read(text: str, lower: str, lo: int, hi: int, verb: bool | None = None) -> list[tuple[int, int, str]]:
    """The named values of ``text[lo:hi]``; ``verb``: whether a statement's verb stands in it as
    a word (``hinted``; None: search for one)."""
    out: list[tuple[int, int, str]] = []
    low = lower[lo:hi]
    if verb is None:
        verb = _VERB.search(low) is not None
    for pat, word in zip(_ERRORS, _ERROR_WORDS):
        if word not in low:
            continue
        table = _TABLE.search(text, lo, hi) if verb or "in object" in low else None
        table = table.group(1) if table is not None else ""
        for m in pat.finditer(text, lo, hi):
            if pat is _ERRORS[2]:
                out.append((m.start(2), m.end(2), index_column(m.group(1), table)))
            elif m.end(1) > m.start(1):
                out.append((m.start(1), m.end(1), index_column(m.group(2), table)))
    out += validation(text, lower, lo, hi)
    out += changes(text, lower, lo, hi)
    out += filters(text, lower, lo, hi)
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
    s = _STATEMENT.search(text, lo, hi) if verb else None
    if s is not None and s.group()[0] in "eE":
        # SQL Server's sp_executesql: the statement is its first argument, a literal
        s = _STATEMENT.search(text, s.end(), hi)
    if s is not None:
        out += _bound(text, s.start(), hi, lo)
    return out


def _name(ident: str) -> str:
    return ident.rpartition(".")[2].strip("`\"[]")


def _bound(text: str, at: int, hi: int, lo: int | None = None) -> list[tuple[int, int, str]]:
    """The values bound to one statement's placeholders, from ``at`` (the statement's verb); named
    ones from ``lo`` (the segment's start: EF Core logs its "[Parameters=[@p0='...', ...]" before
    the statement)."""
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
        elif ph.group(5) is not None:
            k = "#" + ph.group(5)
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
        # (or before it, as EF Core's "Executed DbCommand ... [Parameters=[@p0='...' (Size =
        # 4000), ...]] UPDATE [Payees] SET [dda_account] = @p0")
        for m in _NAMED_ARG.finditer(text, at if lo is None else lo, hi):
            col = named.get(m.group(1) + m.group(2))
            item = _ITEM.match(text, m.end(), hi)
            if col and item is not None:
                out.append(_span(item) + (col,))
    numbered: dict[str, str] = {}
    for k, col in names:
        if k[0] == "#" and col:
            numbered.setdefault(k, col)  # (a later statement's ":1" in the same line is its own)
    if numbered:
        # PeopleSoft's "Bind-1 type=2 length=9 value=273776199" after the statement (up to the
        # next one: "...; prior Stmt=SELECT ... = :1 Bind-1 ...")
        nxt = _STATEMENT.search(text, at + 6, hi)
        given = {}
        for m in _PS_BIND.finditer(text, at, nxt.start() if nxt is not None else hi):
            item = _ITEM.match(text, m.end(), hi)
            if item is not None:
                given.setdefault("#" + m.group(1), _span(item))
        out += [given[k] + (col,) for k, col in numbered.items() if k in given and given[k][1] > given[k][0]]
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


def _span(item: re.Match, first: int = 1) -> tuple[int, int]:
    """The span of the first of three alternative groups from ``first`` that took part."""
    for g in (first, first + 1, first + 2):
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
