"""Values in mobile and client applications' logs, found leaking (or flagged falsely) by an
independent probe (2026-12-06, values nobody on the team wrote: logcat, os_log, crash reports,
analytics SDK payloads, shared preferences, plists, payment SDKs). Each case fails on the code
before the commit that fixed it; the guards beside them pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    # Braintree's access token: environment, merchant id, 32 hex digits
    ("[Braintree] tokenize for customer using access token "
     "access_token$production$5ixywr23reaqukt5$0e23368a3d6272f14976460f25db137d",
     {("SECRET", "access_token$production$5ixywr23reaqukt5$0e23368a3d6272f14976460f25db137d")}),
    # ISO 8583's "primary account number" is the card's
    ('{"event":"card_added","properties":{"primaryAccountNumber":"4092-8029-0370-0870"}}',
     {("CREDIT_CARD", "4092-8029-0370-0870")}),
    ("primary_account_number=4092802903700870", {("CREDIT_CARD", "4092802903700870")}),
    # a plist's key, then its value in the next element
    ("<key>refresh_token</key><string>86QdQyZ3kP0aLm9xTt2vWc8rB1nE4sF7</string>",
     {("SECRET", "86QdQyZ3kP0aLm9xTt2vWc8rB1nE4sF7")}),
    ("<dict><key>password</key>\\n<string>Xk29fhQ2aZ</string>", {("SECRET", "Xk29fhQ2aZ")}),
    # Android's shared preferences: the element named by its attribute
    ('<string name="acct_no">448559751743</string>', {("US_BANK_NUMBER", "448559751743")}),
    ('<map><string name="RoutingNo">302434798</string></map>', {("ABA_ROUTING_NUMBER", "302434798")}),
    # a form validator's field and its value
    ('FormValidator: field=userPassword value="RqNf^0~_nSBkk~O"', {("SECRET", "RqNf^0~_nSBkk~O")}),
    ("param=password val=Xk29fhQ2aZ", {("SECRET", "Xk29fhQ2aZ")}),
    # Swift's description of an optional
    ('cell: Optional("(11) 95076-5096")', {("PHONE_NUMBER", "(11) 95076-5096")}),
])
def test_values_in_app_formats(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line, types", [
    # an iOS crash report's device hash; StoreKit's purchase tag (a UUID)
    ("CrashReporter Key:   4efc9ffe1a3bb6f18f0c0d30e2c2a1c3b1c304d4", ("SECRET",)),
    ("purchase ok appAccountToken=12AABF96-08F3-4C1B-9E3A-2F4D5E6A7B8C", ("SECRET",)),
    ('<string name="account_id">448559751743</string>', ("US_BANK_NUMBER",)),
    ("<key>passwordHint</key><string>my dog</string>", ("SECRET",)),
    ('field=password value=""', ("SECRET",)),
    ("field=password value=required", ("SECRET",)),
    # PowerShell binds a credential parameter to its type's name (a Windows event's message)
    ('ParameterBinding(Test-TargetResource): name="DomainAdministratorCredential"; '
     'value="System.Management.Automation.PSCredential"', ("SECRET",)),
    # (a hypothesis find: a key, '=', a value ending the record in '=')
    ("SECRET=A=", ("SECRET",)),
])
def test_app_identifiers_stay_clean(procs, line, types):
    check_none(procs, line, types)


def test_a_key_without_its_prefix_still_reads(procs):
    check_every(procs, "account_token=12AABF96-08F3-4C1B-9E3A-2F4D5E6A7B8C",
                {("SECRET", "12AABF96-08F3-4C1B-9E3A-2F4D5E6A7B8C")})
