"""Values in application telemetry and product analytics, found leaking by an independent probe
(2026-12-06, values nobody on the team wrote: Segment, PostHog, GA4, Sentry, push sends, form
loggers). Each case fails on the code before the commit that fixed it; the guards beside them
pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, value", [
    # a camel-cased key whose last word is the phone's
    ('{"contactPhone":"619 98 67 56","locale":"es-ES"}', "619 98 67 56"),
    ('{"homePhone": "06 12 34 56 78"}', "06 12 34 56 78"),
    ("contactPhoneNumber=619 98 67 56", "619 98 67 56"),
    # a key of the message's word and its direction
    ('{"sms_to":"06 16 44 87 20","provider":"twilio"}', "06 16 44 87 20"),
    ("fax_from=06 16 44 87 20", "06 16 44 87 20"),
])
def test_phones_under_camel_cased_and_direction_keys(procs, line, value):
    check_every(procs, line, {("PHONE_NUMBER", value)})


@pytest.mark.parametrize("line", [
    '{"contactPhoneId":"619 98 67 56"}',
    '{"telemetryId":"619 98 67 56"}',
    "sms_total=0616448720",
])
def test_ids_and_counts_under_such_keys_stay_clean(procs, line):
    check_none(procs, line, ("PHONE_NUMBER",))


@pytest.mark.parametrize("line, want", [
    ('{"tag_name": "input", "attr__name": "bank_account", "attr__value": "6627530241"}',
     ("US_BANK_NUMBER", "6627530241")),
    ('{"key":"dda_account","value":{"string_value":"41506664675"}}', ("US_BANK_NUMBER", "41506664675")),
    ('"field":"checkingAccount","value":"82460879496000"', ("US_BANK_NUMBER", "82460879496000")),
])
def test_a_name_value_pairs_value_takes_its_names_type(procs, line, want):
    check_every(procs, line, {want})


def test_a_pair_naming_something_else_stays_clean(procs):
    check_none(procs, '{"key":"account_type","value":"12345678"}', ("US_BANK_NUMBER",))


@pytest.mark.parametrize("line, value", [
    ('"body": {"code": "4/0AdpDvZmu7SCVKdWBpKFJ2rg_ko7ydQ-LbN0yJlrJll9Rk"}',
     "4/0AdpDvZmu7SCVKdWBpKFJ2rg_ko7ydQ-LbN0yJlrJll9Rk"),
    ("GET /cb?code=4%2F0AdpDvZmu7SCVKdWBpKFJ2rg_ko7ydQ-LbN0yJlrJll9Rk&scope=email",
     "4%2F0AdpDvZmu7SCVKdWBpKFJ2rg_ko7ydQ-LbN0yJlrJll9Rk"),
])
def test_a_google_authorization_code_by_its_prefix(procs, line, value):
    check_every(procs, line, {("SECRET", value)})


def test_a_ratio_is_no_code(procs):
    check_none(procs, "ratio 4/0A and 14/0AdpDvZmu7SCVKdWBpKFJ2rg_ko7ydQ-LbN0yJlrJll9Rk", ("SECRET",))
