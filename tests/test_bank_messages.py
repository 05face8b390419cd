"""Bank and payment messages and open-banking APIs in integration logs, found by an independent
probe (2026-12-06: ISO 20022, SWIFT MT, BAI2, NACHA, Fedwire, UK Open Banking and Berlin Group
JSON, aggregators, positive pay, MICR). Leaked: MT101's ordering customer's account after
``:50G:``/``:50H:``; MT940's structured ``:86:`` counterparty account or IBAN (``?31``); Open Banking's
account under its scheme's name (``"SchemeName": "UK.OBIE.SortCodeAccountNumber",
"Identification": ...``); an aggregator's account object's number (``"account_number":
{"number": ...}``). Each case fails on the code before the commit that fixed it; the guards
(a query string's ``?31...``, FedEx's shipper account) pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    (":20:PAYREF-20250312\\n:50H:/9664225164075939\\nBROUWER & MELET\\n:59:/NL91ABNA0417164300",
     {("US_BANK_NUMBER", "9664225164075939")}),
    (":61:2503120312C1500,00NTRFNONREF\\n:86:166?00GUTSCHRIFT?20EREF+X?30CHASUS33?3112345678?32JEROME COLLET",
     {("US_BANK_NUMBER", "12345678")}),
    (":86:152?00SEPA-UEBERWEISUNG?103605?20EREF+2QLVTM53TY92K95Q?30COBADEFF?31DE40828404304005600521?32STACEY",
     {("IBAN_CODE", "DE40828404304005600521")}),
    ('{"Data":{"Account":[{"AccountId":"22289","Currency":"GBP","Account":[{"SchemeName":'
     '"UK.OBIE.SortCodeAccountNumber","Identification":"19059623087222","Name":"Mr Kevin"}]}]}}',
     {("US_BANK_NUMBER", "19059623087222")}),
    ('{"results":[{"account_id":"a1","account_number":{"number":"35032705","sort_code":"839749"}}]}',
     {("US_BANK_NUMBER", "35032705")}),
])
def test_bank_messages_are_read(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line, value", [
    ('127.0.0.5 - - [10/Oct/2023:08:32:32 +0000] "GET /?31557423068 HTTP/1.1" 200 3437', "557423068"),
    ("session=x1DE40828404304005600521", "DE40828404304005600521"),
    ('body={"shippingChargesPayment":{"paymentType":"SENDER","payor":{"responsibleParty":{"accountNumber":'
     '{"value":"718914625"}}}}}', "718914625"),
])
def test_named_otherwise_is_no_account(procs, line, value):
    for name, proc in procs.items():
        assert not any(v == value for _, v in found(proc, line)), (name, line, found(proc, line))
