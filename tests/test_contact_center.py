"""Numbers read out in call transcripts, and PINs, found by an independent probe (2026-12-06:
speech-to-text transcripts, voicemail transcriptions, IVR captures, chatbot and virtual-agent
turns, contact trace records). Leaked: every number spoken as words ("my social is five eight
seven dash nine five dash oh seven five nine", "call me back at two oh nine, four four nine, one
six five one", "plus four four ...", pauses written "..."), read now as the digits they stand for
and redacted as the words (``models/spoken.py``); a PIN told or typed ("the PIN is 591523",
"pin: 4821"); a bot's slot value under Lex's "originalValue"/"interpretedValue". Each case fails
on the code before the commit that fixed it (9b7165a; the slot values: d835b74); the guards pass
both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, found
from piistream.models.spoken import read_spoken


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    ("<v Customer>sure uh social is five eight seven dash nine five dash oh seven five nine.",
     {("US_SSN", "five eight seven dash nine five dash oh seven five nine")}),
    ('"Content":"okay so call me back at two oh nine, four four nine, one six five one okay?"',
     {("PHONE_NUMBER", "two oh nine, four four nine, one six five one")}),
    ("CUSTOMER (11:02): yeah card number is four one eight three, five six seven four, oh five nine five, "
     "two zero three six.",
     {("CREDIT_CARD", "four one eight three, five six seven four, oh five nine five, two zero three six")}),
    ("Customer: the ABA is six three six eight three six six six four",
     {("ABA_ROUTING_NUMBER", "six three six eight three six six six four")}),
    ("Customer: yeah my social is three one two ... six zero ... oh five seven four.",
     {("US_SSN", "three one two ... six zero ... oh five seven four")}),
    ('{"inputTranscript":"my number is plus one five one four eight one seven eight eight three two","inputMode":"Speech"}',
     {("PHONE_NUMBER", "plus one five one four eight one seven eight eight three two")}),
    ("customer: i tried calling you from oh seven four nine nine seven five four six one five but it dropped",
     {("PHONE_NUMBER", "oh seven four nine nine seven five four six one five")}),
    ("[12:30:57] Visitor: right, the PIN is 591523", {("SECRET", "591523")}),
    ("Your one-time PIN is 118570.", {("SECRET", "118570")}),
    ("pin: 4821", {("SECRET", "4821")}),
    # a PIN read out (four digit words after its word: e1fceb9 missed it)
    ("EXTERNAL [21:16:00] yeah my pin is oh two two three; the long number", {("SECRET", "oh two two three")}),
])
def test_contact_center_values(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line, want", [
    ("2024-08-25T15:29:58.819Z INFO  [ivr-10] call=ec1ab014 node=GetSSN mode=dtmf digits=523799782 term=# retries=0",
     {("US_SSN", "523799782")}),
    ('{"event":"GatherDigits","ucid":"32728986191588943517","step":"CollectSSN","result":{"digits":"052454208",'
     '"status":"MATCH"},"ts":1714245905850}', {("US_SSN", "052454208")}),
    ("call=b025a072 node=GetAcctNum mode=dtmf digits=319940030011 term=timeout retries=0",
     {("US_BANK_NUMBER", "319940030011")}),
])
def test_an_ivr_steps_digits_are_what_it_asked_for(procs, line, want):
    check_every(procs, line, want)


def test_an_ivr_menu_choice_is_no_pii(procs):
    line = '{"event":"GatherDigits","step":"GetMenuChoice","result":{"digits":"523799782"}}'
    for name, proc in procs.items():
        assert not found(proc, line), name


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_bot_slots_value_is_named_by_its_slot(procs, fmt):
    """Amazon Lex's views of a slot's value ({"ssnSlot": {"value": {"originalValue": ...,
    "interpretedValue": ...}}}): named by the slot, as the value is."""
    doc = ('{"sessionState":{"intent":{"name":"UpdateProfile","slots":{"ssnSlot":{"value":{"originalValue":'
           '"300033213","interpretedValue":"300033213","resolvedValues":["300033213"]}}}}}}')
    for name, proc in procs.items():
        r = proc.process([doc.encode()], fmt)[0]
        assert [e["type"] for e in r.entities] == ["US_SSN"] * 3, (name, fmt, r.entities)


@pytest.mark.parametrize("line", [
    "one or two things, nine to five, three four times",
    "oh, one more thing: two three four",
    "GPIO pin 13 set high; set pin 17 as output",
    "pin_count=12345 spinning 123456",
    "the plus side is one two three",
])
def test_words_and_pins_that_are_no_pii(procs, line):
    for name, proc in procs.items():
        assert not found(proc, line), (name, line)


def test_a_spoken_run_maps_back_to_its_words():
    seg = "ok it's double five one two, three four five six dash seven"
    u = read_spoken([seg])[0]
    assert u.text == "ok it's 5512 3456-7"
    s = u.text.index("5512")
    assert seg[u.to_raw(s):u.to_raw(len(u.text))] == "double five one two, three four five six dash seven"
    assert seg[u.to_raw(s + 5):u.to_raw(s + 9)] == "three four five six"
    assert read_spoken(["one two three four five six: too few words"]) == {}


def test_the_compiled_pairs_find_the_automatons_segments():
    """``_pairs_in``'s Hyperscan pass finds the segments its Aho-Corasick reference does: pairs
    in every case, glued to a word on either side, at a segment's edges, across a segment's end,
    next to Latin-1 letters; and the behaviour-freeze corpus's text lines."""
    import gzip
    import os

    from piistream.models import spoken
    from piistream.models.recognizers import leads
    if not leads.enabled:
        pytest.skip("no Hyperscan on this machine: the reference path is the only one")
    segs = ["Five Six", "someone two", "nine-oneself", "two, oh", "TWO-OH", "one", "two three",
            "x", "\u00e9one two", "one two\u00e9", "ring me at five five five, one two one two",
            "zero-oh-one", "eight  nine", "seven,eight", "nine-one-one"]
    path = os.path.join(os.path.dirname(__file__), "data", "behaviour", "corpus-text.txt.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f][:3000]
    lines = [x for k, line in enumerate(lines) for x in ([line, segs[k % len(segs)]] if k % 97 == 0 else [line])]
    for batch in (segs, lines, [s.upper() for s in lines[:500]]):
        batch = [s for s in batch if s.encode("latin-1", "replace").decode("latin-1") == s]
        got = spoken._pairs_compiled("\n".join(batch), batch)
        leads.enabled = False
        try:
            want = spoken._pairs_in(batch)
        finally:
            leads.enabled = True
        assert got == want
        assert got  # (the batches hold pairs)
    assert spoken._pairs_compiled("\n".join(segs), segs) == [0, 3, 4, 6, 10, 11, 14]
