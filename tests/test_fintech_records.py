"""Values in fintech, KYC and card-issuing records, and in utility and CRM systems, found by two
independent probes (2026-12-06): OFX statements (the account's <ACCTID> beside its <BANKID>, a
card's inside <CCACCTFROM>), Finicity's unmasked `realAccountNumber`, an SSN right after
"social", a Dynamics field that glues "routing" to "number", a check's account after "drawn
on", an IVR's caller under `ani=`. False alarms: an API that names its objects' ids tokens
(Marqeta's `token`/`user_token`/`card_token`, Alloy's `evaluation_token`), a merchant's `mid`,
a CUSIP, a confirmation's `conf=`, a vendor's number, a check's own number after "chk #".
Each case fails on the code before the commit that fixed it (12ab7de); the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    ("<STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>254893102<ACCTID>9416454017<ACCTTYPE>SAVINGS</BANKACCTFROM>",
     {("ABA_ROUTING_NUMBER", "254893102"), ("US_BANK_NUMBER", "9416454017")}),
    ("<BANKACCTFROM><BANKID>257036526</BANKID><ACCTID>0094164540</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE>",
     {("US_BANK_NUMBER", "0094164540")}),
    ("<CCSTMTRS><CURDEF>USD<CCACCTFROM><ACCTID>6011216140053295</CCACCTFROM>", {("CREDIT_CARD", "6011216140053295")}),
    ('{"routingNumber":"254893102","realAccountNumber":"344538815390074","accountNumberDisplay":"0074"}',
     {("US_BANK_NUMBER", "344538815390074")}),
    ('Customer wrote: "I already sent my social 538271946 twice"', {("US_SSN", "538271946")}),
    ('{"new_routingnumber":"257036526","new_accountnumber":"9110485486"}',
     {("ABA_ROUTING_NUMBER", "257036526"), ("US_BANK_NUMBER", "9110485486")}),
    ("payment received: chk # 5596 drawn on 9110485486 / ABA 254893102", {("US_BANK_NUMBER", "9110485486")}),
    ("2024-03-02 10:11:12 ivr callid=00001413781784576000 ani=6143287790 dnis=8004686723 menu=billing",
     {("PHONE_NUMBER", "6143287790")}),
])
def test_records_values(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line", [
    '{"type": "authorization", "state": "PENDING", "token": "95b533d1-5665-4aec-98dc-8ddb9ae05649", "user_token": '
    '"a8bc355d-5782-4661-b5f3-302d3e893a64", "card_token": "a98708d1-9cdc-474d-8f4b-3603fc320e1b", "amount": 180.0}',
    '{"status_code":201,"evaluation_token":"S-jGAmrw4CJUgWzXq2TNEqo9H2","entity_token":"P-irVAUZWmqYRpQsUACoyXCQQ8rB",'
    '"parent_entity_token":null}',
])
def test_ids_named_tokens(procs, line):
    for name, proc in procs.items():
        assert not {v for t, v in found(proc, line) if t == "SECRET"}, (name, line)
        r = proc.process([line.encode()], "json")[0]
        assert not [e for e in r.entities if e["type"] == "SECRET"], (name, r.entities)


@pytest.mark.parametrize("line, want", [
    # an OAuth answer's tokens, a lone token, a credential beside an id: still secrets
    ('{"access_token":"2YotnFZFEjr1zCsicMWpAA7x","refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA9q","token_type":"bearer"}',
     {("SECRET", "2YotnFZFEjr1zCsicMWpAA7x"), ("SECRET", "tGzv3JOkF0XG5Qx2TlKWIA9q")}),
    ('{"token":"afd20916-6ad2-492d-8536-1a7722ad66f5"}', {("SECRET", "afd20916-6ad2-492d-8536-1a7722ad66f5")}),
    ('{"token":"afd20916-6ad2-492d-8536-1a7722ad66f5","user_token":"a8bc355d-5782-4661-b5f3-302d3e893a64",'
     '"access_token":"tGzv3JOkF0XG5Qx2TlKWIA9qXy"}', {("SECRET", "tGzv3JOkF0XG5Qx2TlKWIA9qXy")}),
])
def test_tokens_guards(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line, types", [
    ('"card_acceptor": {"mid": "283840856514", "mcc": "4829", "name": "COINBASE.COM"}', ("CREDIT_CARD",)),
    # (a 1099-B names a security by its CUSIP beside the form's name, a taxpayer's context)
    ("1099-B Box 1a: 278 sh VTI CUSIP 813103207 | 1b 08/26/2023 | 1d Proceeds 7,373.11", ("US_SSN", "US_ITIN")),
    ("ivr result=PAYMENT_OK conf=9386082429135430", ("CREDIT_CARD",)),
    ("AP invoice approved, Vendor #: 245350654", ("ABA_ROUTING_NUMBER", "US_SSN")),
    ("payment received: chk # 5596 drawn on 9110485486", ("US_BANK_NUMBER",)),
])
def test_records_false_alarms(procs, line, types):
    if "5596" in line:
        for name, proc in procs.items():
            assert ("US_BANK_NUMBER", "5596") not in found(proc, line), name
    else:
        check_none(procs, line, types)
