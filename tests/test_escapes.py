"""Escaped text read as what it stands for (``models/escapes.py``): URL percent-encoding, JSON
``\\uXXXX`` escapes written into text lines, HTML character references. The detector scans the
decoded segment and maps its spans back over the escapes as written."""
from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from piistream.models.detector import Detector, make_scorer
from piistream.models.escapes import decode
from piistream.models.records import Processor

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                          HealthCheck.function_scoped_fixture])
RULES = Processor(Detector(scorer=make_scorer("rules")))


@pytest.mark.parametrize("raw,text", [
    ("card%204111", "card 4111"), ("a%3Db%3db", "a=b=b"), ("%2540", "%40"),  # one pass only
    ("x\\u0040y.io", "x@y.io"), ("a&#64;b&#x40;c&nbsp;d&amp;e", "a@b@c\u00a0d&e"),
    ("50%", None), ("100%zz", None), ("a&b=c", None), ("\\u12", None), ("\\ud800x", None),
    ("%00%1f%7f", None), ("line%0Abreak", "line break"), ("&#10;x", " x"), ("plain", None),
    # JSON's short escapes, one level; a doubled backslash stays (a UNC path: \\\\srv\\share)
    ("a\\nb\\r\\tc", "a\nb\n\tc"), ('\\"k\\": \\"v\\"', '"k": "v"'), ("x\\/y", "x/y"),
    ("\\\\srv\\share", None), ("\\\\nas\\tmp", "\\\\nas\tmp"), ("\\q\\d", None),
    # (but a \uXXXX escaped again, in a JSON document logged inside another's string, is read as
    # \uXXXX is: two or four backslashes, as a regex's escape below; 2026-12-06, it was kept)
    ("a\\\\u0040b", "a@b"), ("a\\\\\\\\u0040b", "a@b"), ("a\\\\\\u0040b", "a\\\\@b"),
    ("\\\\\\n", "\\\\\n"),
    # a regex's escape in a JSON string: two or four backslashes before . @ + - (other runs pair)
    ("a\\\\.b\\\\\\\\+c", "a.b+c"), ("a\\\\\\\\\\\\.b", "a\\\\.b"), ("\\\\x", None),
    # C, Python and shell strings: \xHH and octal \NNN of a printable ASCII character only
    ("\\x35\\x33\\x36", "536"), ("\\065\\063\\066", "536"), ("a\\x40b", "a@b"),
    ("\\x0a", None), ("\\x80", None), ("\\400", None), ("\\303\\251", None), ("\\\\x35", None),
])
def test_decode_known_answers(raw, text):
    u = decode(raw)
    assert (u.text if u else None) == text


_ESCAPERS = [
    lambda c: "%%%02X" % ord(c), lambda c: "%%%02x" % ord(c), lambda c: "\\u%04x" % ord(c),
    lambda c: "&#%d;" % ord(c), lambda c: "&#x%X;" % ord(c),
    lambda c: "\\x%02x" % ord(c), lambda c: "\\%03o" % ord(c),  # C and shell strings: hex, octal
]


@SETTINGS
@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7e, blacklist_characters="%&\\"),
               min_size=1, max_size=40),
       st.lists(st.tuples(st.integers(0, 39), st.integers(0, len(_ESCAPERS) - 1)), max_size=12))
def test_decoded_offsets_map_back_to_the_escapes_as_written(plain, where):
    """Escape some characters of a plain text in any notation: the decoded text is the plain
    text, and every decoded offset maps to the raw offset of the same character (an escape's
    span is all of its characters)."""
    escaped = {i % len(plain): k for i, k in where}
    pieces = [(_ESCAPERS[escaped[i]](c) if i in escaped else c) for i, c in enumerate(plain)]
    raw = "".join(pieces)
    u = decode(raw)
    if not escaped:
        assert u is None
        return
    assert u.text == plain
    starts = [0]
    for p in pieces:
        starts.append(starts[-1] + len(p))
    for i in range(len(plain) + 1):
        assert u.to_raw(i) == starts[i], (raw, i)


# -- every value, escaped the ways logs escape it, is redacted with its escapes -------------------
VALUES = {
    "US_SSN": "ssn {}", "CREDIT_CARD": "card {}", "EMAIL_ADDRESS": "email {}",
    "PHONE_NUMBER": "phone {}", "IP_ADDRESS": "client ip {}", "IBAN_CODE": "iban {}",
}
SAMPLES = {
    "US_SSN": ["536-90-4399", "536 90 4399"], "CREDIT_CARD": ["4111 1111 1111 1111", "5500-0000-0000-0004"],
    "EMAIL_ADDRESS": ["jane.doe@example.com", "j.smith+billing@mail.example.org"],
    "PHONE_NUMBER": ["+1 415 555 0132", "(415) 555-0132"], "IP_ADDRESS": ["81.2.69.160"],
    "IBAN_CODE": ["GB82 WEST 1234 5698 7654 32", "DE89 3704 0044 0532 0130 00"],
}
_PUNCT = set(" -+()@.:=")


@pytest.mark.parametrize("etype", sorted(VALUES))
@pytest.mark.parametrize("seed", range(6))
def test_escaped_values_are_redacted_with_their_escapes(etype, seed):
    """The value's separators and punctuation (and the space and operator before it) written
    as percent escapes, ``\\u`` escapes or HTML references, in a URL query, a text line or an
    HTML fragment: the value is found, and no letter or digit of it is left."""
    rng = random.Random(seed * 31 + sorted(VALUES).index(etype))
    value = rng.choice(SAMPLES[etype])
    style = rng.choice(_ESCAPERS)
    line = VALUES[etype].format(value)
    k = line.index(value) - 1  # from the blank before the value
    pieces = [(style(c), False) if c in _PUNCT and rng.random() < 0.8 else (c, c.isalnum())
              for c in line[k:]]
    template = rng.choice(["GET /search?q={} HTTP/1.1", "{}", "<td>{}</td>", "msg={} done"])
    before = template.split("{}")[0] + line[:k]
    if seed % 2:  # a long record: its percent escapes are decoded as arrays
        before = "%20".join(["word"] * 600) + " " + before
    text = before + "".join(p for p, _ in pieces) + template.split("{}")[1]
    r = RULES.process([text.encode()])[0]
    assert etype in [e["type"] for e in r.entities], (text, r.entities)
    covered = set()
    for e in r.entities:
        covered.update(range(e["start"], e["end"]))
    pos, left = len(before), []
    for piece, is_value_char in pieces:
        if is_value_char and pos not in covered:
            left.append(piece)
        pos += len(piece)
    assert not left, (text, r.redacted, left)


def test_a_run_of_escapes_is_linear():
    """1 MiB of escapes decodes once, in one pass (the adversarial bench times it)."""
    raw = "%20" * (1 << 18) + "ssn 536-90-4399"
    u = decode(raw)
    assert u.text == " " * (1 << 18) + "ssn 536-90-4399"
    assert u.to_raw(len(u.text)) == len(raw)
    assert u.to_raw(1 << 18) == 3 << 18


_PIECES = ["%20", "%2B", "%2d", "%3D", "%0A", "%00", "%7F", "%zz", "%", "%%41", "%2540", "\\u0040",
           "\\u00a0", "\\ud800", "\\u12", "&#64;", "&#x40;", "&#xD800;", "&#1114112;", "&nbsp;",
           "&amp;", "&bogus;", "&", "a", "5", " ", "é", "\U0001f600", "-", "\\", "\\n", "\\t",
           '\\"', "\\\\", "\\/", "\\q"]


@SETTINGS
@given(st.lists(st.sampled_from(_PIECES), max_size=400), st.integers(0, 3))
def test_the_array_decoder_equals_the_reference(pieces, pad):
    """The array path (a long text) gives exactly ``_decode_re``'s text and offsets, on any mix
    of escapes, broken escapes, astral characters and plain text."""
    from piistream.models.escapes import VECTOR_MIN, _decode_re
    raw = "x" * pad + "".join(pieces)
    raw += "&" + "x" * max(0, VECTOR_MIN - len(raw))  # (long enough for the array path)
    a, b = _decode_re(raw), decode(raw)
    assert (a is None) == (b is None), raw
    if a is not None:
        assert a.text == b.text
        assert [a.to_raw(i) for i in range(len(a.text) + 1)] == [b.to_raw(i) for i in range(len(b.text) + 1)]


_MORE = _PIECES + ["\\x41", "\\x0a", "\\101", "\\400", "\\u000A", "\\u007f", "\\U", "&#١٢;",
                   "\\u00", "%4", "\\\\\\n", "日", ".", "+", "@", "\\\\.", "\\\\\\\\+"]


@SETTINGS
@given(st.lists(st.lists(st.sampled_from(_MORE), max_size=120).map("".join), min_size=1, max_size=8),
       st.integers(0, 2100))
def test_a_batch_decoded_together_equals_each_segment_by_the_reference(segments, pad):
    """``decode_all`` (the batch's segments joined, as arrays) gives each segment exactly
    ``_decode_re``'s text and offsets: the escapes of a segment are its own (none reads into
    the next), a backslash pairs with the one before it as a left-to-right reading does."""
    from piistream.models.escapes import _decode_re, decode_all
    # from VECTOR_MIN characters of segments with a '%', '\\' or '&' on: the array path
    segments = segments + ["&" + "x" * pad]
    got = decode_all(segments)
    for i, seg in enumerate(segments):
        want = _decode_re(seg)
        assert (want is None) == (i not in got), seg
        if want is not None:
            assert (got[i].text, got[i]._at, got[i]._extra) == (want.text, want._at, want._extra), seg


def test_a_batch_decoded_together_known_answers():
    from piistream.models.escapes import decode_all
    segs = ["a\\\\nb", "c\\\\\\nd", "%41%4", "\\", "n&#64;\\u0040\\x41\\101", "plain&" * 500]
    got = decode_all(segs)
    assert sorted(got) == [1, 2, 4]
    small = decode_all(segs[:5])  # under VECTOR_MIN: each segment by the reference
    assert {i: (u.text, u._at, u._extra) for i, u in small.items()} == \
        {i: (u.text, u._at, u._extra) for i, u in got.items() if i < 5}
    assert got[1].text == "c\\\\\nd" and got[1]._at == [3] and got[1]._extra == [1]
    assert got[2].text == "A%4" and got[2]._at == [0]
    assert got[4].text == "n@@AA" and got[4]._at == [1, 2, 3, 4] and got[4]._extra == [4, 9, 12, 15]


@pytest.mark.parametrize("line,values", [
    ('msg="User data:\\nssn: 536904399\\nphone: 06 12 45 45 54"', ["536904399", "06 12 45 45 54"]),
    ('body="a\\tssn\\t536904399"', ["536904399"]),
    ('x="{\\"account\\": \\"4459876512\\"}"', ["4459876512"]),
    ('err="\\r\\n\\tAccount Name:\\t\\tbob@corp.example.com"', ["bob@corp.example.com"]),
])
def test_values_behind_json_short_escapes_are_found(line, values):
    """A JSON string written into a text line: its \\n, \\t and \\" glue no word to a key or a
    value (\\tssn is the word ssn; \\tbob@... starts with b)."""
    for proc in (RULES,):
        r = proc.process([line.encode()])[0]
        for v in values:
            at = line.index(v)
            assert (at, at + len(v)) in [(e["start"], e["end"]) for e in r.entities], (line, r.entities)


_LOCALS = ["bob.smith", "diego+shop", "maria_ivanova69", "j.r.tanaka", "olga-lopez", "atanaka"]
_DOMAINS = ["gmail.com", "outlook.com", "web.de", "mail.ru", "acme-corp.co.uk", "proton.me"]
# a query log's regex around an address: Mongo's filter, Elasticsearch's regexp, a JS literal
_REGEX_WRAPS = ['{{"filter":{{"email":{{"$regex":"{p}{a}$"}}}}}}', '{{"q":{{"email":{{"$regex":"{p}{a}","$options":"i"}}}}}}',
                '{{"query":{{"regexp":{{"email.keyword":"{p}{a}"}}}}}}', "db.users.find({{email: /{p}{a}$/i}})",
                'slow query: {{"email": {{"$regex": "{p}{a}$"}}}} 182ms']


@SETTINGS
@given(st.sampled_from(_LOCALS), st.sampled_from(_DOMAINS), st.sampled_from(_REGEX_WRAPS),
       st.sampled_from(["", "^", "(?i)^", "(?i)"]), st.sampled_from([1, 2, 4]), st.booleans(),
       st.sampled_from([0, 3000]))
def test_regex_escaped_addresses_are_redacted_whole(local, domain, wrap, prefix, slashes, plus, pad):
    """'{"email":{"$regex":"^bob\\\\.smith@gmail\\\\.com$"}}': an address whose dots (and '+') a
    regex escapes, written into a JSON string (two backslashes; nested JSON four) or not (one):
    the whole address, escapes included, is one EMAIL_ADDRESS."""
    esc = "\\" * slashes
    addr = f"{local}@{domain}".replace(".", esc + ".")
    if plus:
        addr = addr.replace("+", esc + "+")
    line = "x" * pad + (" " if pad else "") + wrap.format(p=prefix, a=addr)
    r = RULES.process([line.encode()])[0]
    got = [(e["type"], line[e["start"]:e["end"]]) for e in r.entities]
    assert ("EMAIL_ADDRESS", addr) in got, (line, got)


@pytest.mark.parametrize("text", [
    '{"rule":{"pattern":"^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\\\.[a-zA-Z]{2,}$"}}',
    '{"regex":"^.+@example\\\\.com$","re2":"@(gmail|yahoo)\\\\.com$"}',
    '{"path":"C:\\\\Users\\\\.ssh\\\\id_rsa","css":"@media\\\\.print"}',
])
def test_regex_escaped_patterns_are_no_addresses(text):
    """A validation pattern or a domain's regex holds no mailbox."""
    assert [e for e in RULES.process([text.encode()])[0].entities if e["type"] == "EMAIL_ADDRESS"] == []


@pytest.mark.parametrize("pad", [0, 3000])  # (the regex path, and the vectorised one)
@pytest.mark.parametrize("text,etype,value", [
    # a character escaped by a shell or a regex, and HTML's named references for punctuation
    ("ssn 536\\-90\\-4399", "US_SSN", "536\\-90\\-4399"),
    ("mail jane.doe\\@example.com", "EMAIL_ADDRESS", "jane.doe\\@example.com"),
    ("card: 4111\\ 1111\\ 1111\\ 1111", "CREDIT_CARD", "4111\\ 1111\\ 1111\\ 1111"),
    ("mail jane.doe&commat;example&period;com", "EMAIL_ADDRESS", "jane.doe&commat;example&period;com"),
    ("ssn 536&hyphen;90&dash;4399", "US_SSN", "536&hyphen;90&dash;4399"),
])
def test_backslash_escapes_and_named_punctuation(pad, text, etype, value):
    from piistream.models.detector import Detector, make_scorer
    from piistream.models.records import Processor
    line = "x" * pad + (" " if pad else "") + text
    r = Processor(Detector(scorer=make_scorer("rules"))).process([line.encode()])[0]
    assert [(e["type"], line[e["start"]:e["end"]]) for e in r.entities] == [(etype, value)], r.entities
