"""How far a card word reaches: a Luhn-valid number outside the issuer table (a 12-digit Maestro, a
new BIN range) is a card only with a card word before it, and a
sentence's words may stand between ("the Visa ending in full number ...", up to 40
characters); a contrary word
after the card word (an id's, an order's) still ends its reach.
"""
from __future__ import annotations

import pytest

from conftest import found
from piistream.models import validators as V

NO_ISSUER = "713139441177155"  # Luhn-valid, no issuer of the table: evidence from context only


def test_the_number_is_outside_the_issuer_table():
    assert V.luhn_ok(NO_ISSUER) and V.card_brand(NO_ISSUER) is None


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("text", [
    "The refund will be credited back to the Visa ending in full number {n}.",
    "Card on file for Ann, full number: {n}",
    "Your credit card was updated, new number {n}",
])
def test_a_card_word_a_few_words_before_reaches_the_number(procs, text):
    text = text.format(n=NO_ISSUER)
    for name, proc in procs.items():
        assert ("CREDIT_CARD", NO_ISSUER) in found(proc, text), (name, text)


@pytest.mark.parametrize("text", [
    "card 55 declined at the gateway; order id {n}",
    "Visa application received from the embassy, case {n}",
    "card reader 2 attached; the firmware build is now {n}",
    "The refund will be credited back later; meanwhile the ledger entry is {n}",
    "PaymentService: Device {n} firmware 8.14.35",  # a device's number (an IMEI is Luhn-valid)
])
def test_no_card_word_or_a_contrary_one_between_leaves_the_number(procs, text):
    text = text.format(n=NO_ISSUER)
    for name, proc in procs.items():
        assert "CREDIT_CARD" not in {t for t, _ in found(proc, text)}, (name, text)


def test_jcbs_fifteen_digit_ranges_are_cards_by_their_issuer():
    """JCB's 15-digit numbers (2131 and 1800 ranges) are cards by the issuer table, as its 16-digit
    3528-3589 ones are: no card word needed; 14 or 16 digits of the same prefixes are not."""
    for v in ("213139441177150", "213100000000001", "180000000000002"):
        assert V.luhn_ok(v) and V.card_brand(v) == "jcb", v
    for v in ("2131000000000008", "21310000000008"):
        assert V.luhn_ok(v) and V.card_brand(v) is None, v


@pytest.mark.parametrize("text", ["Order paid with 213139441177150 yesterday", "213139441177150"])
def test_a_fifteen_digit_jcb_is_found_without_a_card_word(procs, text):
    for name, proc in procs.items():
        assert ("CREDIT_CARD", "213139441177150") in found(proc, text), (name, text)


# a phone: the verb that calls reaches past the person it names to the number
@pytest.mark.parametrize("text,value", [
    ("You can reach Alejandro Wilkins at 4542159237 during business hours.", "4542159237"),
    ("Please call Dr. Ann O'Neil on (454) 215-9237 tomorrow", "(454) 215-9237"),
])
def test_a_calling_verb_reaches_past_a_name(procs, text, value):
    for name, proc in procs.items():
        assert ("PHONE_NUMBER", value) in found(proc, text), (name, text)


@pytest.mark.parametrize("text", ["Deploy Service Alpha at 4542159237", "Reached Stage Two at 4542159237 ms"])
def test_no_calling_verb_before_the_name_leaves_the_number(procs, text):
    for name, proc in procs.items():
        assert "PHONE_NUMBER" not in {t for t, _ in found(proc, text)}, (name, text)
