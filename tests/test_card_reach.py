"""How far a card word reaches: a Luhn-valid number outside the issuer table (a 15-digit JCB of the
2131 and 1800 ranges, a new BIN range) is a card only with a card word before it, and a
sentence's words may stand between ("the Visa ending in full number ...", up to 40
characters); a contrary word
after the card word (an id's, an order's) still ends its reach.
"""
from __future__ import annotations

import pytest

from conftest import found
from piistream.models import validators as V

JCB15 = "213139441177150"  # Luhn-valid, no issuer of the table: evidence from context only


def test_the_number_is_outside_the_issuer_table():
    assert V.luhn_ok(JCB15) and V.card_brand(JCB15) is None


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("text", [
    "The refund will be credited back to the Visa ending in full number {n}.",
    "Card on file for Ann, full number: {n}",
    "Your credit card was updated, new number {n}",
])
def test_a_card_word_a_few_words_before_reaches_the_number(procs, text):
    text = text.format(n=JCB15)
    for name, proc in procs.items():
        assert ("CREDIT_CARD", JCB15) in found(proc, text), (name, text)


@pytest.mark.parametrize("text", [
    "card 55 declined at the gateway; order id {n}",
    "Visa application received from the embassy, case {n}",
    "card reader 2 attached; the firmware build is now {n}",
    "The refund will be credited back later; meanwhile the ledger entry is {n}",
    "PaymentService: Device {n} firmware 8.14.35",  # a device's number (an IMEI is Luhn-valid)
])
def test_no_card_word_or_a_contrary_one_between_leaves_the_number(procs, text):
    text = text.format(n=JCB15)
    for name, proc in procs.items():
        assert "CREDIT_CARD" not in {t for t, _ in found(proc, text)}, (name, text)
