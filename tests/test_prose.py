"""Values in prose (documents, tickets, transcripts) as a red team wrote them: a run of blanks
between a number's groups, mixed separators, the type named after the value, a value in
brackets after its keyword, a question's answer in a transcript.

Generative: each property draws many values and phrasings, through the rules scorer and the
default charCNN; hard negatives through the rules (the transparent reading).
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import found
from piistream.models import validators as V
from test_adversarial_shapes import IBANS, RULES, cards, grouped, itins, routings, ssns

SETTINGS = settings(deadline=None, max_examples=60,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def procs(both):
    return both


def covered(proc, text: str, value: str, etype: str) -> bool:
    """The value is redacted whole, as its type."""
    r = proc.process([text.encode()])[0]
    assert r.error is None, r.error
    s = text.index(value)
    return any(e["type"] == etype and e["start"] <= s and e["end"] >= s + len(value)
               for e in r.entities)


# -- 1. a run of blanks between the groups ----------------------------------------------------------
# (no tab: one between two groups is read as a TSV row's delimiter, "210139169<TAB>678333792")
BLANK_RUNS = ["  ", "   ", "\u202f\u202f", "\u00a0 "]


@st.composite
def blank_spaced(draw):
    """(type, intro, value written with a run of blanks at one joint or more)."""
    kind = draw(st.sampled_from(["card", "ssn", "itin", "iban", "aba"]))
    if kind == "card":
        d, sizes = draw(cards())
        etype, intro = "CREDIT_CARD", draw(st.sampled_from(["card number ", "Visa: ", "my credit card is "]))
    elif kind == "ssn":
        d, sizes = draw(ssns()), (3, 2, 4)
        etype, intro = "US_SSN", draw(st.sampled_from(["SSN ", "S.S.N. ", "social security number: ",
                                                       "my ssn is "]))
    elif kind == "itin":
        d, sizes = draw(itins()), (3, 2, 4)
        etype, intro = "US_ITIN", draw(st.sampled_from(["ITIN ", "individual taxpayer identification number: "]))
    elif kind == "iban":
        d = draw(st.sampled_from(IBANS))
        sizes = (4,) * (len(d) // 4) + ((len(d) % 4,) if len(d) % 4 else ())
        etype, intro = "IBAN_CODE", draw(st.sampled_from(["IBAN ", "iban: ", "wire to "]))
    else:
        d, sizes = draw(routings()), (4, 4, 1)
        etype, intro = "ABA_ROUTING_NUMBER", draw(st.sampled_from(["routing number ", "ABA: "]))
    base = draw(st.sampled_from([" ", "-"] if kind == "ssn" else [" "]))
    joints = len(sizes) - 1
    runs = draw(st.lists(st.sampled_from(BLANK_RUNS + [None]), min_size=joints, max_size=joints)
                # (a run only between groups of at most 4 digits: "330641  6964" are columns)
                .filter(lambda r: any(x and max(sizes[k], sizes[k + 1]) <= 4 for k, x in enumerate(r))))
    runs = [x if x and max(sizes[k], sizes[k + 1]) <= 4 else None for k, x in enumerate(runs)]
    parts, i = [], 0
    for n in sizes:
        parts.append(d[i:i + n])
        i += n
    value = parts[0] + "".join((r or base) + p for r, p in zip(runs, parts[1:]))
    return etype, intro, value


@SETTINGS
@given(blank_spaced(), st.sampled_from(["", ".", " thanks", ", please update."]))
def test_a_run_of_blanks_between_a_numbers_groups_is_read_as_one_space(procs, drawn, tail):
    """"card number 4111  1111 1111 1111", "SSN 536-90  4399", "IBAN DE89  3704 0044 0532 0130
    00": two or three blanks, a no-break space doubled between two groups of at most 4 digits are
    one separator; the value is found whole. (A tab is a TSV row's delimiter: not read so.)"""
    etype, intro, value = drawn
    text = f"Hi, {intro}{value}{tail}"
    for name, proc in procs.items():
        assert covered(proc, text, value, etype), (name, text, found(proc, text))


@SETTINGS
@given(st.sampled_from(["Tél. : ", "Tel: ", "téléphone ", "phone: "]),
       st.sampled_from(["01 41 55 01 77", "06 48 27 54 30", "04 72 10 30 30"]),
       st.sampled_from(["\u202f", "\u00a0", "  ", "\u202f\u202f"]))
def test_a_french_phone_with_narrow_or_doubled_spaces_between_pairs_is_found(procs, label, number, sep):
    """"Tél. : 01<U+202F>41<U+202F>55<U+202F>01<U+202F>77": French typography's narrow no-break
    space (or a run of blanks) between the pairs, under a phone word."""
    value = number.replace(" ", sep)
    text = f"Contact {label}{value} merci"
    for name, proc in procs.items():
        assert covered(proc, text, value, "PHONE_NUMBER"), (name, text, found(proc, text))


@SETTINGS
@given(st.integers(100, 899), st.integers(10, 99), st.integers(1000, 9999),
       st.sampled_from(["  ", "\t", "   "]),
       st.sampled_from(["PID  USER  {a}{s}{b}{s}{c}  S  0.0", "{a}{s}{b}{s}{c}", "sda{s}{a}{s}{b}{s}{c}{s}12.5",
                        "row 7:{s}{a}{s}{b}{s}{c}"]))
def test_fixed_width_columns_of_numbers_are_no_ssn_or_phone(a, b, c, s, row):
    """A table's columns ("  123  45  6789", `top`, `iostat`) read with their runs of blanks as
    one space take an SSN's or a phone's shape: without the type's context, none."""
    text = row.format(a=a, b=b, c=c, s=s)
    got = found(RULES, text)
    assert not any(t in ("US_SSN", "US_ITIN", "PHONE_NUMBER") for t, _ in got), (text, got)


# -- 2. mixed or partly glued separators ------------------------------------------------------------
@SETTINGS
@given(st.sampled_from(["ssn", "itin"]), st.data(),
       st.sampled_from([("-", " "), (" ", "-"), ("-", "."), ("-", ""), ("", "-"), (" ", ""), ("", " ")]),
       st.sampled_from(["My {t} is {v}.", "Her {t}: {v}", "{t}: {v}", "{t} {v} on file", "tax id: {v}",
                        "Her social: {v}"]))
def test_an_itin_or_ssn_with_mixed_or_partly_glued_separators_is_found_in_context(procs, kind, data, seps,
                                                                                  phrase):
    """"My ITIN is 917-94 9106.", "Her social: 383-13 3707", "SSN: 536-904399", "ITIN:
    91794-9106": two different separators, or one joint glued, under the type's word."""
    d = data.draw(ssns() if kind == "ssn" else itins())
    a, b = seps
    value = f"{d[:3]}{a}{d[3:5]}{b}{d[5:]}"
    # (the ZIP+4 shape, "91794-9106", under a short word only: ``GLUED_NEAR``)
    word = data.draw(st.sampled_from(["SSN", "ssn", "social security number"] if kind == "ssn"
                                     else ["ITIN", "itin"] if not a else
                                     ["ITIN", "itin", "individual taxpayer identification number"]))
    text = phrase.format(t=word, v=value)
    etype = "US_SSN" if kind == "ssn" else "US_ITIN"
    for name, proc in procs.items():
        assert covered(proc, text, value, etype), (name, text, found(proc, text))


@SETTINGS
@given(st.integers(10000, 99999), st.integers(1000, 9999),
       st.sampled_from(["my ssn: on file; ship to Springfield IL {z}", "Order {z} shipped, SSN not given",
                        "ITIN requested. Mail to Fresno, CA {z}."]))
def test_a_zip_plus_four_after_a_far_type_word_is_no_ssn(zip5, plus4, phrase):
    """A ZIP+4 ("62704-1234") has the shape of an SSN with its second joint glued: only with the
    type's word right before it."""
    text = phrase.format(z=f"{zip5}-{plus4}")
    got = found(RULES, text)
    assert not any(t in ("US_SSN", "US_ITIN") for t, _ in got), (text, got)


# -- 4. a bank account in brackets after its keyword ---------------------------------------------------
@SETTINGS
@given(st.text("0123456789", min_size=8, max_size=17).filter(lambda v: v[0] != "0"),
       st.sampled_from(["account number", "checking account", "acct #", "Acct", "deposit to account",
                        "savings account no.", "bank account"]),
       st.sampled_from(["({})", "[{}]", "( {} )", "({}-{})"]), st.sampled_from(["", ".", " | Priority: High"]))
def test_a_bank_account_in_brackets_after_its_keyword_is_found(procs, digits, keyword, brackets, tail):
    """"account number (71792591714)", "checking account [31528517099140456]", "acct #
    (4206-6266)": the bracket opens the value; a remark in parentheses is still skipped."""
    value = f"{digits[:4]}-{digits[4:]}" if brackets.count("{}") == 2 else digits
    shown = brackets.format(digits[:4], digits[4:]) if brackets.count("{}") == 2 else brackets.format(value)
    text = f"Ticket: customer gave {keyword} {shown}{tail}"
    for name, proc in procs.items():
        assert covered(proc, text, value, "US_BANK_NUMBER"), (name, text, found(proc, text))


@SETTINGS
@given(st.integers(1990, 2030), st.sampled_from(["account ({}) summary", "account ({} records) ok",
                                                 "Account (up to 17 digits) pending, ref {}"]))
def test_a_year_or_a_remark_in_brackets_after_account_is_no_account(year, phrase):
    text = phrase.format(year)
    got = found(RULES, text)
    assert not any(t == "US_BANK_NUMBER" for t, _ in got), (text, got)


# -- 3. the type named right after the value ---------------------------------------------------------
@st.composite
def named_after(draw):
    """(type, value, the phrase after it that names it)."""
    kind = draw(st.sampled_from(["ssn", "itin", "bank", "phone"]))
    if kind == "ssn":  # (not one a routing number's checksum also takes: the charCNN may call it that)
        etype, value = "US_SSN", draw(ssns().filter(lambda d: not V.aba_ok(d)))
        words = ["SSN", "social security number", "ssn", "social"]
    elif kind == "itin":
        etype, value = "US_ITIN", draw(itins())
        words = ["ITIN", "itin", "tax id"]
    elif kind == "bank":
        etype = "US_BANK_NUMBER"
        value = draw(st.text("0123456789", min_size=8, max_size=17).filter(lambda v: v[0] != "0"))
        words = ["account number", "bank account", "checking account", "acct", "savings account"]
    else:
        etype = "PHONE_NUMBER"
        value = draw(st.sampled_from(["0433 539 838", "0412 345 678", "020 7946 0958", "06 12 34 56 78"]))
        words = ["cell", "mobile", "phone number", "phone"]
    lead = draw(st.sampled_from([" is my ", " - my ", " (my ", ", that's my ", " <- ", " was his ", " is our "]))
    tail = draw(st.sampled_from(["", ".", ")", " thanks", ", please update it."]))
    return etype, value, lead + draw(st.sampled_from(words)) + tail


@SETTINGS
@given(named_after(), st.sampled_from(["", "Note: ", "Hi team, "]))
def test_a_value_named_by_the_phrase_right_after_it_is_found(procs, drawn, head):
    """"536904399 is my SSN", "945799252 - my ITIN", "71792591714 is my account number", "0433
    539 838 is my cell", "(my SSN)": the phrase right after the value is its context, as a word
    right before it would be."""
    etype, value, after = drawn
    text = head + value + after
    for name, proc in procs.items():
        assert covered(proc, text, value, etype), (name, text, found(proc, text))


@SETTINGS
@given(st.text("0123456789", min_size=9, max_size=9).filter(lambda v: v[0] not in "09"),
       st.sampled_from([" is my order number", " is my favourite number", " - my lucky number",
                        " is my account id", " is my aws account", " (my ticket)",
                        " rows were my SSN records", " (phone): caller verified", " (ssn request) closed"]))
def test_a_phrase_after_a_number_that_names_another_thing_is_no_context(value, after):
    """The phrase must name the type: "... is my order number", "... is my account id" (a
    user's account), "my aws account" leave a bare number as it was; a word in brackets with no
    possessive is no name of it ("Case 7399971 (phone): ...": the case's channel)."""
    text = f"Update: {value}{after}."
    got = found(RULES, text)
    assert not any(t in ("US_SSN", "US_ITIN", "US_BANK_NUMBER", "PHONE_NUMBER") for t, _ in got), (text, got)


# -- 5. the answer to a question that names the type ----------------------------------------------------
@SETTINGS
@given(st.sampled_from([("Agent", "Customer"), ("Q", "A"), ("Rep", "Caller"), ("Bot", "User")]),
       st.data(), st.sampled_from(["", "sure, it's ", "it's ", "ok ", "umm ", "yeah "]),
       st.sampled_from(["", ".", ". Agent: Thanks."]))
def test_a_value_answering_a_question_that_names_its_type_is_found(procs, speakers, data, filler, tail):
    """"Agent: What is your social? Customer: 536904399", "Q: Account number? A: 39121910": the
    question's type word is the answer's context (the answer right after the answerer's label)."""
    kind = data.draw(st.sampled_from(["ssn", "bank", "phone"]))
    if kind == "ssn":
        etype, value = "US_SSN", data.draw(ssns())
        q = data.draw(st.sampled_from(["What is your social?", "Can I have your SSN?", "SSN?",
                                       "And your social security number?"]))
    elif kind == "bank":
        etype = "US_BANK_NUMBER"
        value = data.draw(st.text("0123456789", min_size=8, max_size=17).filter(lambda v: v[0] != "0"))
        q = data.draw(st.sampled_from(["Account number?", "Can I have your account number?",
                                       "What is the checking account number?"]))
    else:
        etype, value = "PHONE_NUMBER", data.draw(st.sampled_from(["093939720", "0433 539 838", "020 7946 0958"]))
        q = data.draw(st.sampled_from(["Can I have your phone?", "Best phone number to reach you?"]))
    a, b = speakers
    text = f"{a}: {q} {b}: {filler}{value}{tail}"
    for name, proc in procs.items():
        assert covered(proc, text, value, etype), (name, text, found(proc, text))


@SETTINGS
@given(st.text("0123456789", min_size=9, max_size=9).filter(lambda v: v[0] not in "09"),
       st.sampled_from(["Q: What is your order number? A: {v}", "Agent: How many items? Customer: {v}",
                        "Q: SSN? A: I will not give it. Order {v}", "Agent: Any phone issues? Customer: no. Ticket {v}",
                        "check account number? status: {v}"]))
def test_an_answer_to_a_question_about_something_else_is_no_context(value, phrase):
    """A question about another thing, an answer after a sentence, or a log's field after a
    question mark ("result:", "status:": no speaker of a transcript) is no context."""
    text = phrase.format(v=value)
    got = found(RULES, text)
    assert not any(t in ("US_SSN", "US_ITIN", "US_BANK_NUMBER", "PHONE_NUMBER") for t, _ in got), (text, got)
