"""Property-based tests: scan never crashes, one output per input, nothing detected survives."""
import orjson
from hypothesis import HealthCheck, given, settings, strategies as st

from piistream.models.detector import identifying
from piistream.models.records import Processor, walk_json

PROC = Processor()

PII_VALUES = ["536-22-1234", "4111 1111 1111 1111", "ann@example.org", "8.8.8.8",
              "+44 20 7946 0958", "DE89370400440532013000", "AKIAIOSFODNN7EXAMPLE",
              "(212) 456-7890", "912-70-1234", "2001:4860:4860::8888", "password=hunter22"]
fragments = st.one_of(
    st.text(min_size=0, max_size=30),
    st.sampled_from(PII_VALUES),
    st.sampled_from([" ", "=", ":", "-", ".", "@", '"', "ssn ", "acct ", "routing ", "card ",
                     "order ", "imei=", "1234567", "0", "::", "\t"]),
)
lines = st.lists(fragments, max_size=12).map("".join).map(lambda s: s.replace("\n", " "))

# the number of examples comes from the profile (tests/conftest.py): a fixed, derandomized 300 in
# CI, many more and new ones on each run with HYPOTHESIS_PROFILE=dev
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(st.binary(max_size=200).map(lambda b: b.replace(b"\n", b"")), max_size=20))
def test_arbitrary_bytes_one_output_each(raws):
    for fmt in ("text", "json"):
        out = PROC.process_safe(raws, fmt)
        assert len(out) == len(raws)
        for r in out:
            line = orjson.loads(r.to_json())
            assert ("error" in line) == (r.error is not None)
            assert r.error is None or not r.error.startswith("internal")


@SETTINGS
@given(st.lists(lines, min_size=1, max_size=20))
def test_redacted_output_never_contains_a_detected_value(texts):
    out = PROC.process([t.encode() for t in texts])
    assert len(out) == len(texts)
    for text, r in zip(texts, out):
        assert r.error is None or r.error.startswith("nul_byte")
        if r.error:
            continue
        for e in r.entities:
            value = text[e["start"]:e["end"]]
            assert 0 <= e["start"] < e["end"] <= len(text)
            # a value too short or plain to identify ("abc" after "password=") is redacted where
            # it was found, not wherever those characters occur (detector.identifying)
            assert not identifying(value) or value not in r.redacted, (text, e, r.redacted)


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**63), max_value=2**63 - 1), st.floats(allow_nan=False, allow_infinity=False),
              lines, st.sampled_from(PII_VALUES)),
    lambda children: st.one_of(st.lists(children, max_size=5),
                               st.dictionaries(st.one_of(st.text(max_size=8), st.sampled_from(
                                   ["ssn", "email", "card", "password", "acct", "order_id"])),
                                   children, max_size=5)),
    max_leaves=25)


@SETTINGS
@given(st.lists(json_values, min_size=1, max_size=8), st.booleans())
def test_json_redaction_is_valid_json_and_leak_free(docs, spaced):
    raws = [orjson.dumps(d) if not spaced else orjson.dumps(d, option=orjson.OPT_INDENT_2).replace(b"\n", b" ")
            for d in docs]
    out = PROC.process(raws, "json")
    assert len(out) == len(docs)
    for raw, r in zip(raws, out):
        assert r.error is None, r.error
        red = orjson.loads(r.to_json())["redacted"]
        text = raw.decode()
        leaves = [v for _, v, _ in walk_json(red)]
        for e in r.entities:
            assert "path" in e
            value = orjson.loads('"' + text[e["start"]:e["end"]] + '"')  # raw slice, JSON-decoded
            assert value
            assert not identifying(value) or not any(value in leaf for leaf in leaves), (text, e, red)


def test_the_key_before_a_value_is_found_as_the_full_search_finds_it():
    """``scoring._key_before`` runs ``_KEY_BEFORE`` only where it can match (its ':' or '=' is
    the window's last character that is not a blank or quote, the key within 52 characters of
    it): the same match as the search from every position, on random windows of key, blank,
    quote and separator characters."""
    import random

    from piistream.models.scoring import _KEY_BEFORE, _key_before

    rng = random.Random(14)
    alphabet = "ab_Z9.-[]:= \t\"'x/,"
    matched = 0
    for _ in range(40000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))
        want, got = _KEY_BEFORE.search(s), _key_before(s)
        assert (want and (want.start(), want.group(1))) == got, s
        matched += want is not None
    assert matched > 1000
    long_key = "k" * 49
    assert _key_before("x" * 40 + " " + long_key + '" : "') == (41, long_key)


def test_digit_canon_keeps_the_digits_a_pattern_tells_apart():
    """Known answers: literal digits and ranges holding some digits are kept; classes are not;
    a backreference (which could compare digits) gets no table."""
    import re

    from piistream.models.scoring import digit_canon

    def free(*pats):
        table = digit_canon(*(re.compile(p) for p in pats))
        return "".join(sorted({chr(k) for k in table} | {chr(v) for v in table.values()}))

    assert free(r"(?<![a-z])(?:ssn|md5)", r"\d+[^a-z]\w") == "012346789"
    assert free(r"[0-4]x", r"v\d") == "56789"
    assert free(r"[!-~]+", r"(?=[0-9])") == "0123456789"
    assert free(r"(\d)\1") == ""
    assert free(r"1|2|3|4|5|6|7|8|9") == ""  # only 0 left: nothing to merge


def test_key_normal_form_skips_only_keys_with_nothing_to_lower():
    """``normalize_key`` returns a key unchanged when lower-casing leaves it unchanged, else the
    memoised substitution: the same as ``_normalize_key`` on random keys (capitals, digits,
    indices, dotted paths, length-changing case maps such as "İ")."""
    import random

    from piistream.models.recognizers.base import _normalize_key, normalize_key

    rng = random.Random(18)
    alphabet = "aZb9_.[]0İßÉx-Q"
    for _ in range(20000):
        k = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 14)))
        assert normalize_key(k) == _normalize_key(k), k
    assert normalize_key("items[17]") == "items[17]"
    assert normalize_key("sessionToken") == "session_token"


def test_memoised_context_verdicts_are_the_verdicts():
    """``RuleScorer._verdict`` memoises by the window with its digits made one
    (``digit_canon``): for every recognizer, on random windows of its own context and contrary
    words, words with digits in them ("md5", "v2"), addresses and separators, and the same windows
    with other digits, the memoised verdict equals the one computed afresh."""
    import random

    from piistream.models.recognizers import all_recognizers
    from piistream.models.scoring import _VERDICTS, RuleScorer

    rng = random.Random(17)
    pieces = ["ssn", "card", "order", "md5", "md4", "v", "v2", "ver", "ip", "ipv4", "version",
              "phone", "tel", "acct", "account", "routing", "id", "offset", "iban", "build",
              "http://", "a.b.c/", "@", "=", ":", " ", " ", "-", "/", ".", "#", "12", "5", "0",
              "2024-01-05", "x9", "5x"]
    keys = ["", "", "user.ssn", "order_id", "card.number", "data[3].v5", "items[17]", "items[42].md5",
            "md4", "ssn2", "a.b9.c"]
    checked = 0
    for r in all_recognizers():
        c = r.cand(0, 1, 0.5, 0.9)
        for _ in range(1500):
            w = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 12)))[-48:]
            key = "".join(ch if not ch.isdigit() else rng.choice("0123456789") for ch in rng.choice(keys))
            for v in (w, "".join(rng.choice("0123456789") if ch.isdigit() else ch for ch in w)):
                assert RuleScorer._verdict(c, key, v) == RuleScorer._verdict_of(r, key, v), (r, key, v)
                checked += 1
    assert checked > 20000 and _VERDICTS


def test_an_address_local_part_is_read_backwards_as_the_search_reads_it():
    """The email recognizer reads the local part before an '@' with one anchored match on the
    reversed text (``_LOCAL_REVERSED``): the same run as ``_LOCAL.search`` from 64 characters
    (or the record's start) before the '@', on random text; and an '@' that starts the text
    has no local part (a reversed slice from -1 would read the whole text)."""
    import random

    from piistream.models.recognizers.email_address import _LOCAL, _LOCAL_REVERSED

    rng = random.Random(15)
    alphabet = "ab.@-_ +é/=x9"
    for _ in range(30000):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 90)))
        at = rng.randrange(0, len(t) + 1)
        lo = max(rng.randrange(0, at + 1), at - 64)
        want = _LOCAL.search(t, lo, at)
        got = _LOCAL_REVERSED.match(t[at - 1:lo - 1 if lo else None:-1]) if at > lo else None
        assert (want and want.group()) == (got and got.group()[::-1]), (t, at, lo)
    from piistream.models.recognizers.base import Batch
    from piistream.models.recognizers.email_address import EmailRecognizer
    spans = [(c.start, c.end) for c in EmailRecognizer().find(Batch(["@example.com jane@example.com"]))]
    assert spans == [(13, 29)]
    local = "a" * 70
    spans = [(c.start, c.end) for c in EmailRecognizer().find(Batch([f"{local}@example.com"]))]
    assert spans == [(6, 82)]


def test_ascii_runs_group_consecutive_segments_by_whether_they_are_ascii():
    """``Batch.ascii_runs`` (built from the batch's non-ASCII runs, not a look at every
    segment): the runs of consecutive segments that are all ASCII or all not, with their
    bounds, on random batches of ASCII, accented, CJK and empty segments."""
    import random

    from piistream.models.recognizers.base import Batch

    def reference(b):
        if b.text.isascii():
            return [(0, len(b.text), True)]
        runs = []
        for start, s in zip(b.starts, b.segments):
            a, end = s.isascii(), start + len(s)
            if runs and runs[-1][2] == a:
                runs[-1] = (runs[-1][0], end, a)
            else:
                runs.append((start, end, a))
        return runs

    rng = random.Random(16)
    for _ in range(5000):
        segments = ["".join(rng.choice("ab é漢") for _ in range(rng.randrange(0, 4)))
                    for _ in range(rng.randrange(1, 8))]
        batch = Batch(segments)
        assert batch.ascii_runs() == reference(batch), segments
    assert Batch(["ab", "é", "漢x", "", "c"]).ascii_runs() == [(0, 2, True), (3, 7, False), (8, 10, True)]


def test_merge_folds_groups_as_the_step_by_step_fold_does():
    """``detector.merge`` folds a group of overlapping spans in locals (one Entity per group);
    the same result as folding a new Entity at every step (the reference below) on random
    spans of random types, scores, decisions, stages and kinds, ties included."""
    import random

    from piistream.models.detector import Entity, _rank, merge
    from piistream.models.scoring import PII, UNCERTAIN

    def reference(ents):
        if len(ents) <= 1:
            return ents
        ents = sorted(ents, key=lambda e: (e.start, -e.end))
        out = []
        cur = ents[0]
        for e in ents[1:]:
            if e.start < cur.end:
                best = cur if _rank(cur) <= _rank(e) else e
                cur = Entity(cur.start, max(cur.end, e.end), best.type, best.score, best.stage,
                             PII if PII in (cur.decision, e.decision) else best.decision,
                             cur.doubt or e.doubt, best.kind)
            else:
                out.append(cur)
                cur = e
        out.append(cur)
        return out

    rng = random.Random(22)
    types = ["US_SSN", "PHONE_NUMBER", "CREDIT_CARD", "SECRET", "EMAIL_ADDRESS"]
    grouped = 0
    for _ in range(5000):
        ents = []
        for _ in range(rng.randrange(0, 9)):
            s = rng.randrange(0, 40)
            ents.append(Entity(s, s + rng.randrange(1, 12), rng.choice(types),
                               rng.choice([0.5, 0.7, 0.9, 0.95]), rng.choice(["rules", "charcnn"]),
                               rng.choice([PII, UNCERTAIN]), rng.random() < 0.3,
                               rng.choice(["", "password", "github_token"])))
        want = reference([Entity(*vars_of(e)) for e in ents])
        got = merge(list(ents))
        assert got == want, ents
        grouped += len(got) < len(ents)
    assert grouped > 1000


def vars_of(e):
    return (e.start, e.end, e.type, e.score, e.stage, e.decision, e.doubt, e.kind)
