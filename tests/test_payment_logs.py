"""Values in payment systems' logs, found leaking (or flagged falsely) by an independent probe
(2026-12-06, values nobody on the team wrote: PSP requests and responses, ISO 8583 and EMV
traces, vault services, SWIFT messages, ledgers). Each case fails on the code before the commit
that fixed it; the guards beside them pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line", [
    # SWIFT MT103: field 23B's operation code CRED, then field 32A's date, currency and amount
    ":20:LXGPLXDTLZ0OZ797   :23B:CRED   :32A:241012EUR13727,52   :71A:SHA",
    # Stripe's ids of a card token and a payment method: references only its secret key can use
    "vault.detokenize denied token=tok_1OaB2cD3eF4gH5iJ6kL7mN8o last4=4466",
    'Token:"tok_1OaB2cD3eF4gH5iJ6kL7mN8o" PaymentMethod:"pm_1OaB2cD3eF4gH5iJ6kL7mN8o"',
])
def test_payment_references_and_swift_fields_are_no_secrets(procs, line):
    check_none(procs, line, ("SECRET",))


@pytest.mark.parametrize("line, value", [
    ("login: jdoe / Ch@ngeMe42x", "Ch@ngeMe42x"),
    ("creds are admin/Summer2024!", "Summer2024!"),
    ("token=tkn_1OaB2cD3eF4gH5iJ6kL7mN8o", "tkn_1OaB2cD3eF4gH5iJ6kL7mN8o"),
    ("api_key=sk_live_51H8aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcd",
     "sk_live_51H8aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcd"),
])
def test_credentials_beside_them_are_still_found(procs, line, value):
    check_every(procs, line, {("SECRET", value)})


@pytest.mark.parametrize("line", [
    "POST /v1/accounts/acct_1N/persons individual[id_number]=787660682&individual[email]=x%40y.com",
    "representative[id_number]=787660682&representative[dob][year]=1984",
])
def test_stripe_connects_id_number_of_a_person_is_the_ssn(procs, line):
    check_every(procs, line, {("US_SSN", "787660682")})


@pytest.mark.parametrize("line", ["order[id_number]=787660682", "person.id_number_prefix=1"])
def test_other_id_numbers_stay_clean(procs, line):
    check_none(procs, line, ("US_SSN",))


def test_an_account_after_its_routing_number_and_a_rails_colon(procs):
    check_every(procs, "ext_acct=ach:661147289:11915055845827371 memo=payout",
                {("ABA_ROUTING_NUMBER", "661147289"), ("US_BANK_NUMBER", "11915055845827371")})


def test_a_settlement_row_speaks_of_banking(processor):
    # the default mode redacts a routing number on its checksum alone only in a record that
    # speaks of banking: a settlement row does
    line = "SETTLEMENT|20240216|699904685|965165362|4590.11|CR|"
    assert ("ABA_ROUTING_NUMBER", "699904685") in found(processor, line)
