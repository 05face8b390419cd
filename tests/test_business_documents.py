"""Values in business documents and messages as they land in logs and queues, found leaking by an
independent probe (2026-12-06, values nobody on the team wrote: scanned forms, chat transcripts,
CRM exports): a checksummed number typed or scanned in groups of its writer's own after its
type's word. Each case fails on the code before the commit that fixed it; the guards beside
them pass both.
"""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings, strategies as st

from conftest import check_every, check_none, found
from piistream.models import validators as V

SETTINGS = settings(max_examples=40, deadline=None)


@pytest.fixture(scope="module")
def procs(both):
    return both


def aba(rng: random.Random) -> str:
    while True:
        v = f"{rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 21, 22, 26, 31, 32, 61, 63, 67]):02d}" + \
            "".join(rng.choice("0123456789") for _ in range(7))
        if V.aba_ok(v) and len(set(v)) > 2:
            return v


def card(rng: random.Random, prefix: str, length: int) -> str:
    while True:
        body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
        for d in "0123456789":
            if V.luhn_ok(body + d) and V.card_brand(body + d) is not None:
                return body + d


def regroup(value: str, rng: random.Random, usual) -> str:
    """``value`` cut into 2-4 groups of at least two digits, none of the ``usual`` shapes."""
    while True:
        k = rng.randint(2, 4)
        cuts = sorted(rng.sample(range(2, len(value) - 1), k - 1))
        groups = [value[a:b] for a, b in zip([0] + cuts, cuts + [len(value)])]
        if min(map(len, groups)) >= 2 and tuple(map(len, groups)) not in usual:
            return rng.choice([" ", "-"]).join(groups)


@SETTINGS
@given(st.integers(0, 1 << 30), st.sampled_from(["Routing Number:   {v}", "ABA routing no. {v}",
                                                 "routing {v} (scanned)", "|ROUTING NO| {v}"]))
def test_a_routing_number_in_its_writers_own_groups_after_its_word(procs, seed, template):
    rng = random.Random(seed)
    v = regroup(aba(rng), rng, {(4, 4, 1), (3, 3, 3)})
    check_every(procs, template.format(v=v), {("ABA_ROUTING_NUMBER", v)})


@SETTINGS
@given(st.integers(0, 1 << 30), st.sampled_from([("4", 16), ("51", 16), ("6011", 16), ("37", 15)]),
       st.sampled_from(["my debit card number {v}", "Card to be charged   {v}",
                        "[12:33:03] Visitor: card is {v}", "credit card: {v} exp 04/27"]))
def test_a_card_in_its_writers_own_groups_after_its_word(procs, seed, issuer, template):
    rng = random.Random(seed)
    v = regroup(card(rng, *issuer), rng, {(4, 4, 4, 4), (4, 6, 5), (4, 6, 4)})
    check_every(procs, template.format(v=v), {("CREDIT_CARD", v)})


@pytest.mark.parametrize("text", [
    "ticket 06310 0277 closed",                 # a routing checksum, no routing word
    "batch 6595957 919371251 done",             # a Luhn-valid number, no card word
    "routing 06310 0278 (scanned)",             # the word, a wrong checksum
    "card number 6595957 919371252",            # the word, a wrong checksum
    "card on file: order 12 34 56 78 90 12 34", # 7 groups of 2: no issuer's number
])
def test_regrouped_numbers_without_word_or_checksum_stay_clean(procs, text):
    check_none(procs, text)


# -- columns and labels in the words of CRM exports --------------------------------------------
@pytest.mark.parametrize("text,value,typ", [
    ('{"Bank_Account__c": "30364259250", "Status":"Open"}', "30364259250", "US_BANK_NUMBER"),
    ('{"num_compte": "30364259250", "nom":"Dupont"}', "30364259250", "US_BANK_NUMBER"),
    ('{"no_cuenta": "30364259250", "nombre":"Ana"}', "30364259250", "US_BANK_NUMBER"),
    ('{"Numéro de routage": "220954635", "x": 1}', "220954635", "ABA_ROUTING_NUMBER"),
    ("Numéro d'acheminement : 220954635", "220954635", "ABA_ROUTING_NUMBER"),
])
def test_an_account_or_routing_number_under_a_crm_exports_words(procs, text, value, typ):
    check_every(procs, text, {(typ, value)})
    if text.startswith("{"):
        for name, proc in procs.items():
            assert (typ, value) in found(proc, text, "json"), (name, text)


@pytest.mark.parametrize("text", [
    '{"Cloud_Account__c": "30364259250"}', '{"num_compte_client": "C-30364259250"}',
    '{"Numéro de commande": "220954635"}',
])
def test_crm_columns_that_name_no_bank_account(procs, text):
    check_none(procs, text, ("US_BANK_NUMBER", "ABA_ROUTING_NUMBER"))


# -- a password told with its noun misspelt --------------------------------------------------
@pytest.mark.parametrize("text,value", [
    ("Guest: pasword is U7!mgRNKjV", "U7!mgRNKjV"), ("my passowrd is Kx9mmQ2zLp", "Kx9mmQ2zLp"),
    ("pasword: Kx9mmQ2zLp7", "Kx9mmQ2zLp7"),
])
def test_a_password_told_with_its_noun_misspelt(procs, text, value):
    check_every(procs, text, {("SECRET", value)})


@pytest.mark.parametrize("text", ["the pasword was reset", "your pasword is incorrect"])
def test_a_misspelt_noun_in_a_message_tells_no_password(procs, text):
    check_none(procs, text, ("SECRET",))


# -- an e-mail signature's phone labels -------------------------------------------------------
@pytest.mark.parametrize("text,value", [
    ("Accounts Payable | Hooli\\nDirect: 858 290 2514\\nFax +1 703 743 3215", "858 290 2514"),
    ("Office Manager | Redwood Credit Union\\r\\nDirect: 6193146133\\r\\nMobile: +44 7700 900123", "6193146133"),
    ("Accounts Payable | Lakeside Dental  Direct: +4930111806", "+4930111806"),
    ("J. Doe, CPA | Direct line 619 314 6133 | jdoe@example.com", "619 314 6133"),
    ("Northwind Traders | Office: 305 923 1322", "305 923 1322"),
])
def test_a_phone_under_a_signatures_label(procs, text, value):
    check_every(procs, text, {("PHONE_NUMBER", value)})


@pytest.mark.parametrize("text", [
    "Microsoft Office 2016 16.0.4266.1001 installed", "DIRECT 1024 4096 8192 16384",
    "direct I/O 8192 bytes 1234567 blocks", "the office 5 of 6 rooms",
])
def test_signature_words_elsewhere_name_no_phone(procs, text):
    check_none(procs, text)


def test_direct_deposit_still_names_a_routing_number(procs):
    check_every(procs, "payroll direct deposit 021000021 account 3993746162",
                {("ABA_ROUTING_NUMBER", "021000021"), ("US_BANK_NUMBER", "3993746162")})


# -- a table whose rows end with CRLF, written escaped ----------------------------------------
@pytest.mark.parametrize("br", ["\\r\\n", "\\n"])
@pytest.mark.parametrize("header,row,value,typ", [
    ("Zip,account_number,Company", "31583,5471237458,Tailspin Toys", "5471237458", "US_BANK_NUMBER"),
    ("Zip,Tax ID (SSN),Bank_Account__c,Company", "31583,387-44-1334,5471237458,Tailspin Toys",
     "5471237458", "US_BANK_NUMBER"),
    ("DD Account,CreatedDate,Status,Amount,Name", "93397348239,2019-11-14,New,46642.99,Adrian Frye",
     "93397348239", "US_BANK_NUMBER"),
    ("PLZ;Kontonummer;Name", '64994;"7263345289882956";"Janko Rust"', "7263345289882956", "US_BANK_NUMBER"),
])
def test_a_tables_column_when_its_rows_end_with_crlf(procs, br, header, row, value, typ):
    check_every(procs, header + br + row, {(typ, value)})
