"""Values in lending, mortgage and insurance records, found leaking by an independent probe
(2026-12-06: loan origination and MISMO XML, ACORD XML, credit bureau disputes, claims payment
files, 1099 records, adjuster and call-center notes): an XML element whose name goes on after
the account's word ("AccountNumberId", "ACHBankAccountIdentifier"), a payment's method "EFT"
before its routing number and account, the IRS form a taxpayer number is reported on, and a
whole phone number in parentheses after a name, with its country code or the international
call prefix; a card account's number, typed as the card it is; and Metro 2's consumer block
(the CDIA's fixed-width credit reporting format: names, then the SSN, the date of birth and the
phone in one run of digits). Each positive case fails on the code before the commit that fixed it (12ab7de);
the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    # MISMO: the ACH account beside its routing number, an element named by both words
    ("<ACH><ACHABARoutingAndTransitIdentifier>268573641</ACHABARoutingAndTransitIdentifier>"
     "<ACHBankAccountIdentifier>73390218845</ACHBankAccountIdentifier></ACH>",
     {("ABA_ROUTING_NUMBER", "268573641"), ("US_BANK_NUMBER", "73390218845")}),
    # ACORD: a transfer's account, its number's word and an identifier's
    ("<FromAcct><AccountNumberId>0061184470</AccountNumberId><BankInfo><BankId>063898576</BankId>"
     "</BankInfo></FromAcct>", {("US_BANK_NUMBER", "0061184470")}),
    ("<BankAccountNumberId>4410928837</BankAccountNumberId>", {("US_BANK_NUMBER", "4410928837")}),
])
def test_account_elements_named_on(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line, want", [
    # a card account's number is its card's: ACORD's card in an "AccountNumberId" element, a
    # credit report's tradeline of a card issuer
    ("<CreditCardInfo><CreditCardTypeCd>MC</CreditCardTypeCd><AccountNumberId>5425233430109903"
     "</AccountNumberId></CreditCardInfo>", {("CREDIT_CARD", "5425233430109903")}),
    ("FCRA DISPUTE consumer disputes tradeline AMERICAN EXPRESS acct# 371817806648760 - states paid in full",
     {("CREDIT_CARD", "371817806648760")}),
    ("disputes tradeline DISCOVER acct# 6011811784790218 - states paid in full", {("CREDIT_CARD", "6011811784790218")}),
])
def test_card_accounts(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line", [
    # a bank account's words, or none of a card's: the same digits stay an account
    "checking acct 4501656168944176",
    "bank account 4501656168944176",
    "payment from acct 4501656168944176",
    "Visa card on file; refund to savings acct 4501656168944176",
])
def test_card_accounts_guards(procs, line):
    for name, proc in procs.items():
        assert ("US_BANK_NUMBER", "4501656168944176") in found(proc, line), (name, line)


@pytest.mark.parametrize("line", [
    # an application account's identifier stays an id (as "account_id" does), and an element
    # that names something else of the account has no number in it
    "<AccountIdentifier>48213</AccountIdentifier>",
    "<AccountNameId>4410928837</AccountNameId>",
    "<AccountBalance>4410928837</AccountBalance>",
])
def test_account_elements_guards(procs, line):
    check_none(procs, line, ("US_BANK_NUMBER",))


@pytest.mark.parametrize("line, want", [
    # a payment by electronic funds transfer: the words name the routing number after them
    ("disbursement 4471 method EFT 117504282 acct 60218843390 amount 1250.00",
     {("ABA_ROUTING_NUMBER", "117504282"), ("US_BANK_NUMBER", "60218843390")}),
    # the form a person's taxpayer number is reported on (the EIN before it is the payer's)
    ("1099-MISC|2023|36-3042116|927731548|GREEN PATRICK|32734.22|box3", {("US_ITIN", "927731548")}),
    ("1099-NEC|2024|84-7320697|402918376|JOHNSON MICHAEL|65724.95", {("US_SSN", "402918376")}),
    ("W-2 wage record employee 402918376 box1 52210.00", {("US_SSN", "402918376")}),
    # a whole number in parentheses after a name: with its country code, or "00" for the '+'
    ("Recorded stmt taken from claimant Carol King (1-614-328-7790). Claimant atty emailed LOR",
     {("PHONE_NUMBER", "1-614-328-7790")}),
    ("Recorded stmt taken from claimant Nicole Richards (0044 7911 123456). All contact through counsel",
     {("PHONE_NUMBER", "0044 7911 123456")}),
])
def test_words_of_payments_forms_and_notes(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line", [
    # a theft, a left turn: no transfer; RMI's port 1099 is no form
    "theft claim 117504282 filed; left 117504282 on file",
    "java.rmi registry on port 1099 object 402918376",
    # a form's number, no taxpayer's
    "form W-2c batch 402918376 reprinted",
])
def test_words_guards(procs, line):
    check_none(procs, line)


def _consumer_block(surname: str, first: str, ssn: str, dob: str, phone: str, ecoa: str = "2") -> str:
    """Metro 2's consumer block: surname (25), first name (20), middle name (20), generation
    code (1), SSN (9), date of birth (MMDDYYYY), telephone (10), ECOA code (1)."""
    return f"{surname:<25}{first:<20}{'':<20} {ssn}{dob}{phone}{ecoa}"


def test_metro2_consumer_blocks(procs):
    j1 = "J1 " + _consumer_block("ARROYO", "PHILLIP", "402918376", "02121992", "6143287790") + "   "
    base = ("0426" + "1" + "20241817000100" + " " + "WN8390R9P".ljust(20) + "01" + "8946147411855382".ljust(30)
            + "R" + "26" + "03312024" + "0" * 138).ljust(231) + _consumer_block("FRENCH", "NICOLE", "927731548",
                                                                              "10151990", "0000000000")
    assert len(j1) == 100 and base.index("FRENCH") == 231
    check_every(procs, j1, {("US_SSN", "402918376"), ("PHONE_NUMBER", "6143287790")})
    check_every(procs, base, {("US_ITIN", "927731548")})


@pytest.mark.parametrize("line", [
    # a run of 28 digits whose middle is no date, after names; one after no name block
    "J1 " + _consumer_block("ARROYO", "PHILLIP", "402918376", "13451992", "6143287790"),
    "0426" + "9" * 40 + "4029183760212199261432877902",
])
def test_metro2_guards(procs, line):
    check_none(procs, line, ("US_SSN", "US_ITIN", "PHONE_NUMBER"))
