"""Shape prefilters of the numeric patterns (``Batch.shaped``, ``Recognizer.exact_in_tokens(...,
shape=...)``): the SSN, ITIN, routing-number and phone patterns run only in the numeric tokens
whose digit groups could hold a match, found for the whole batch with array operations. A
prefilter may only skip work: the matches must be exactly those of the pattern run in every
token. Checked here on drawn text dense in digits, separators and signs, on the behaviour
corpora, and with known answers for the shapes themselves."""
import gzip
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from piistream.models.recognizers import (aba_routing_number, credit_card, iban_code, ip_address, phone_number,
                                           us_itin, us_ssn)
from piistream.models.recognizers.base import (_SPACED_ANY, Batch, Recognizer, _slash_list_any, digit_chains, joint_table,
                                               nine_digit_chains, slash_leads, spaced_leads)

DATA = Path(__file__).resolve().parent / "data" / "behaviour"
SETTINGS = settings(deadline=None, max_examples=300,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# (pattern, min digits, back, shape): as the recognizers call them
PATTERNS = [
    pytest.param(us_ssn._SSN, 9, 0, nine_digit_chains, id="ssn"),
    pytest.param(us_itin._ITIN, 9, 0, nine_digit_chains, id="itin"),
    pytest.param(aba_routing_number._ABA, 9, 0, nine_digit_chains, id="aba"),
    pytest.param(phone_number._PHONE, 7, 4, phone_number._phone_shapes, id="phone"),
]


def _matches(segments, pattern, min_digits, back, shape):
    batch = Batch(list(segments))
    return [(m.span(), m.group()) for m in
            Recognizer.exact_in_tokens(batch, pattern, min_digits, back, shape=shape)]


def _same(segments, pattern, min_digits, back, shape):
    want = _matches(segments, pattern, min_digits, back, None)
    got = _matches(segments, pattern, min_digits, back, shape)
    assert got == want


# digits, the separators of the patterns, signs, letters, and characters that send a token to
# its normalised copy (other scripts' digits and dashes, NBSP, a zero-width space, a tab)
_GROUP = st.one_of(st.text("0123456789", min_size=1, max_size=11),
                   st.sampled_from([2, 3, 4, 5, 6]).map(lambda n: "7" * n))
_GLUE = st.sampled_from(["", " ", "-", ".", "/", "_", "(", ")", "+", "x", "a", ":", ",", "  ", " - ",
                         "\t", "\u00a0", "\u2013", "\u200b", "\uff10", "\u0663", "+1 ", "(0", "00",
                         " / ", ". ", " .", "\t-", ", ", "DE", "gb", "Nl", "İ", "\u212a", "fr ", "id"])


@st.composite
def numeric_text(draw):
    parts = draw(st.lists(st.tuples(_GROUP, _GLUE), min_size=1, max_size=12))
    return "".join(g + s for g, s in parts)


@pytest.mark.parametrize("pattern,min_digits,back,shape", PATTERNS)
@SETTINGS
@given(st.lists(numeric_text(), min_size=1, max_size=6))
def test_shaped_matches_are_the_patterns_matches_on_drawn_text(pattern, min_digits, back, shape,
                                                               segments):
    _same(segments, pattern, min_digits, back, shape)


@pytest.mark.parametrize("pattern,min_digits,back,shape", PATTERNS)
def test_shaped_matches_are_the_patterns_matches_on_the_behaviour_corpora(pattern, min_digits,
                                                                         back, shape):
    lines = []
    for name in ("corpus-text.txt.gz", "corpus-json.jsonl.gz"):
        with gzip.open(DATA / name, "rt", encoding="utf-8") as f:
            lines += f.read().splitlines()[:3000]
    total = 0
    for i in range(0, len(lines), 256):
        want = _matches(lines[i:i + 256], pattern, min_digits, back, None)
        assert _matches(lines[i:i + 256], pattern, min_digits, back, shape) == want
        total += len(want)
    assert total > 100  # the corpora hold matches of every pattern: the check compares something


@pytest.mark.parametrize("text,starts", [
    ("ssn 123-45-6789 ok", [4]),
    ("123456789", [0]),
    ("12345-6789", [0]),           # ZIP+4's shape: 5-4
    ("123 456789", [0]),           # 3-6
    ("0210 0002 1", [0]),          # a routing number's 4-4-1
    ("021.000.021", [0]),          # 3-3-3
    ("123_45_6789 x 123/45/6789", [0, 14]),  # every separator of the patterns joins
    ("2026-12-04 10:11:12", []),   # a timestamp: 4-2-2-2, no 9
    ("1700000000", []),            # epoch seconds: one group of 10
    ("12345678 9", [0]),           # 8 + 1
    ("1 2 3 4 5 6 7 8 9 0", [0, 2]),  # nine of ten single digits, from the first or second
    ("123--45-6789", []),          # two characters between groups: no chain
    ("123:45:6789", []),           # a colon joins nothing
    ("x 12 3456789 12", [2, 5]),   # 2-7 and 7-2
])
def test_nine_digit_chains_known_answers(text, starts):
    assert nine_digit_chains(Batch([text])).tolist() == starts


def test_digit_chains_of_other_totals_and_batches():
    batch = Batch(["415 555 0132", "12-34"])
    assert digit_chains(batch, 10).tolist() == [0]
    assert digit_chains(batch, 4).tolist() == [8, 13]  # "0132"; "12-34" (no chain across "\n")
    assert digit_chains(batch, 7).tolist() == [4]   # "555 0132"
    assert digit_chains(Batch(["abc"]), 9).tolist() == []


@pytest.mark.parametrize("text,positions", [
    ("call 415-555-0132", [5]),            # NANP: 3-3-4
    ("call 1415.555.0132", [5]),           # NANP with its 1 glued: 4-3-4
    ("id 4155550132", [3]),                # bare: 10 digits
    ("tel +44 20 7946 0958", [4, 16]),     # the sign; a group that starts with 0
    ("ph (020) 7946 0958", [3, 14]),       # the parenthesis ("020" after it: no match starts there)
    ("at 2026-12-04 10:11", []),           # a timestamp: "04" after a dash starts no match
    ("x_4155550132 a.0132456", []),        # nothing of [\w.] before a match
    ("1700000000123", []),                 # 13 digits
])
def test_phone_shapes_known_answers(text, positions):
    assert phone_number._phone_shapes(Batch([text])).tolist() == positions


def test_a_region_without_a_shape_is_skipped_and_one_with_a_copy_is_kept():
    # 1: a timestamp (no chain of 9), 2: an SSN, 3: an SSN in fullwidth digits (a normalised copy)
    batch = Batch(["2026-12-04 10:11:12 x", "ssn 123-45-6789", "ssn １２３-４５-６７８９"])
    assert len(batch.token_regions(9)) == 3
    assert batch.shaped(nine_digit_chains, 9) == [1, 2]
    assert isinstance(batch.shaped(nine_digit_chains, 9), list)
    assert np.array_equal(batch.digit_groups()[1][:4], [4, 2, 2, 2])


# -- vectorised leads: where the spaced and slashed readings and the IBAN pattern are tried ----
def _regions_found(segments, where, search):
    batch = Batch(list(segments))
    out = []
    for key in ((9, 0, 0), (7, 0, 4), (12, 0, 0), (4, 3, 0)):
        regions = batch.token_regions(*key)
        got = batch._regions_with(regions, batch._region_bounds(*key), where, search)
        want = [i for i, (lo, hi) in enumerate(regions) if search(batch.text, lo, hi)]
        out.append((got, want))
    return out


@SETTINGS
@given(st.lists(numeric_text(), min_size=1, max_size=6))
def test_spaced_and_slashed_regions_are_those_the_regex_finds(segments):
    for where, search in ((spaced_leads, _SPACED_ANY.search), (slash_leads, _slash_list_any)):
        for got, want in _regions_found(segments, where, search):
            assert got == want


@SETTINGS
@given(st.lists(numeric_text(), min_size=1, max_size=6))
def test_iban_matches_with_the_vectorised_lead_are_the_patterns_matches(segments):
    batch = Batch(list(segments))
    got = [m.span() for m in batch.scan(iban_code._IBAN, lower=True, lead=iban_code._lead_at)]
    assert got == [m.span() for m in iban_code._IBAN.finditer(batch.lower)]


@pytest.mark.parametrize("text,positions", [
    ("415 - 555 - 0132", [2, 8]),      # a separator spaced on both sides
    ("12  34\t56", [1, 5]),            # a run of blanks; a tab
    ("5 3 6 9 0 4 3", [0, 2, 4, 6]),   # digit by digit
    ("[1, 2, 3], 45 .67", [12]),       # ", " is no spaced separator; " ." is
    ("12 - x - 34", [1]),              # (the characters between are not all read: a superset)
    ("1 2 3 4", [0]),
])
def test_spaced_leads_known_answers(text, positions):
    assert spaced_leads(Batch([text])).tolist() == positions


def test_slash_leads_and_iban_leads_known_answers():
    assert slash_leads(Batch(["0612345678/0698765432 1/2 a/b 3 / 4"])).tolist() == [9, 22]
    # a country with IBANs, then two digits of any script; not "id12", "xx12", "de1x"
    batch = Batch(["DE89 3704", "id12 xx12 de1x", "gb\u0663\u0663 nl9"])
    assert iban_code._lead_at(batch).tolist() == [0, 25]


# -- regions near non-ASCII characters: a copy only where a character is read otherwise --------
_INERT = ["\u2446", "\u2448", "\u00a9", "\u20ac", "\u201c", "\u201d", "\u00ab", "\u2713", "\U0001f4de",
          "\u00b0", "\u00a7"]
_GLUE_SYMBOLS = st.one_of(_GLUE, st.sampled_from(_INERT),
                          st.lists(st.sampled_from(_INERT + ["\u2013", "\u00e9", "\uff10", "\u00b2"]),
                                   min_size=1, max_size=3).map("".join))


@st.composite
def symbol_text(draw):
    parts = draw(st.lists(st.tuples(_GROUP, _GLUE_SYMBOLS), min_size=1, max_size=12))
    return "".join(g + s for g, s in parts)


def _every_run_telling(monkeypatch):
    monkeypatch.setattr(Batch, "telling_runs", Batch.non_ascii_runs)


@pytest.mark.parametrize("pattern,min_digits,back,shape", PATTERNS + [
    pytest.param(credit_card._CARD, 12, 0, None, id="card"),
    pytest.param(ip_address._V4, 4, 0, None, id="ipv4")])
@SETTINGS
@given(segments=st.lists(symbol_text(), min_size=1, max_size=6))
def test_a_region_near_symbols_alone_matches_in_place_as_in_a_copy(pattern, min_digits, back,
                                                                      shape, segments):
    need_dots = 3 if pattern is ip_address._V4 else 0

    def found():
        batch = Batch(list(segments))
        return [(m.span(), m.group()) for m in
                Recognizer.exact_in_tokens(batch, pattern, min_digits, back, need_dots, shape=shape)]
    got = found()
    with pytest.MonkeyPatch.context() as mp:
        _every_run_telling(mp)
        assert found() == got


@SETTINGS
@given(segments=st.lists(symbol_text(), min_size=1, max_size=8))
def test_candidates_near_symbols_are_those_of_copies_everywhere(segments):
    from piistream.models.detector import Detector, make_scorer
    det = _rules_detector()

    def found():
        return [[(e.start, e.end, e.type) for e in ents] for ents in det.detect(list(segments))]
    got = found()
    with pytest.MonkeyPatch.context() as mp:
        _every_run_telling(mp)
        assert found() == got


_DETECTOR = []


def _rules_detector():
    if not _DETECTOR:
        from piistream.models.detector import Detector, make_scorer
        _DETECTOR.append(Detector(scorer=make_scorer("rules")))
    return _DETECTOR[0]


@pytest.mark.parametrize("text,copied", [
    ("\u2446021000021\u2446 123456789\u2448", [False, False]),  # MICR symbols: read as written
    ("card \u00a9 4111 1111 1111 1111 \u2713", [False]),
    ("\u201c536-90-4399\u201d \u20ac", [False]),
    ("\u96fb\u8a71415-555-0132", [True]),                      # letters: blanked in the copy
    ("ssn 536-90-4399 \u2014", [True]),                          # a dash's form
    ("ssn \uff15\uff13\uff16-90-4399", [True]),               # fullwidth digits
    ("\u00b2 536-90-4399", [True]),                              # a superscript: a numeral
])
def test_symbols_alone_leave_a_region_in_place_and_letters_or_digits_copy_it(text, copied):
    batch = Batch([text])
    assert [c is not None for c in batch.region_copies(9)] == copied
    assert len(batch.telling_runs()) == sum(copied)


@pytest.mark.parametrize("runs", [[(0, 1)], [(5, 6), (40, 41)], [(0, 100)], [(17, 18), (18, 19)],
                                  [(99, 100)], [(30, 31), (31, 33), (60, 62)]])
def test_regions_meeting_runs_known_answers(runs):
    from piistream.models.recognizers.base import _meeting
    los = [2, 10, 20, 35, 50, 70, 90]
    his = [6, 15, 28, 40, 55, 80, 95]
    want = sorted({i for s, e in runs for i, (lo, hi) in enumerate(zip(los, his))
                   if lo - 8 < e and s < hi + 8})
    assert _meeting(his, los, runs, 8) == want


# ``Batch.tokens_by``: the tokens a recognizer reads picked with array masks, exactly those of
# the per-token tests it replaces (a character before, after, or first, as Python reads it)
_PICKS = [
    dict(before=",;|\t\"'"), dict(after="^D"), dict(first="61"), dict(before="=:\"' \t>"),
    dict(after="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"), dict(first="61", after="ab", before=",|"),
]


def _picked_by_python(batch, min_digits, max_digits, dotless, first="", before="", after=""):
    text, n = batch.text, len(batch.text)
    return [t for t in batch.tokens(min_digits, max_digits, dotless)
            if (not first or text[t[0]] in first) and
            (not before or t[0] > 0 and text[t[0] - 1] in before) and
            (not after or t[1] < n and text[t[1]] in after)]


def _picked(batch, min_digits, max_digits, dotless, **chars):
    return batch.tokens_by(min_digits, max_digits, dotless, **{k: joint_table(v) for k, v in chars.items()})


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["", ",", "|", "\t", "\"", "=", " ", ">", "a", "Z", "^", "D", "\u0663",
                                           "\u00e9", "\u4e00", "\uff1d"]),
                          numeric_text()).map("".join), min_size=1, max_size=6),
       st.sampled_from([(7, None, False), (9, 9, True), (10, None, True), (12, None, False)]))
def test_tokens_picked_by_masks_are_those_the_per_token_tests_pick(segments, selection):
    batch = Batch(list(segments))
    for chars in _PICKS:
        assert _picked(batch, *selection, **chars) == _picked_by_python(batch, *selection, **chars)


def test_tokens_picked_by_masks_known_answers():
    batch = Batch(["x,021000021|4111111111111111^JANE", "=6221000210000123456789 \u4e00123456789D1"])
    text = batch.text
    got = [text[s:e] for s, e, _, _ in _picked(batch, 9, 9, True, before=",;|")]
    assert got == ["021000021"]
    got = [text[s:e] for s, e, _, _ in _picked(batch, 12, None, False, after="^D")]
    assert got == ["4111111111111111"]
    got = [text[s:e] for s, e, _, _ in _picked(batch, 10, None, True, first="61")]
    assert got == ["6221000210000123456789"]
    # (a character beyond Latin-1 before a token is none of the table's; the text's start neither)
    assert [text[s:e] for s, e, _, _ in _picked(batch, 9, 9, True, before="\u00ff=,;|")] == ["021000021"]
    assert _picked(Batch(["021000021|"]), 9, 9, True, before=",;|\"'") == []
    assert [tuple(t[:2]) for t in _picked(Batch(["a 021000021"]), 9, 9, True, after="a")] == []
    assert [tuple(t[:2]) for t in _picked(Batch(["a 021000021a"]), 9, 9, True, after="a")] == [(2, 11)]
    assert glued(Batch(["ssn 536-90-4399x and 536904399 ok 536904399USER"])) == ["536-90-4399", "536904399"]


def glued(batch):
    return [batch.text[s:e] for s, e in batch.glued_tokens(9)]
