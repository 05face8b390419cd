"""A field's change and a field named apart from its value, found by independent probes
(2026-12-06: help desks and CRMs, healthcare and payments). Leaked: an audit trail's old and new
values under the field it names (ServiceNow's ``"fieldname": "u_bank_account", "oldvalue": ...,
"newvalue": ...``, Salesforce's ``Field=SSN__c OldValue=... NewValue=...``, HubSpot's
``propertyName``/``propertyValue``), in text and in JSON documents; a Salesforce custom field's
element (``<Account_Number__c>``); BAI2's account record without its currency or after a log's
words; NCPDP claims as the transmission writes them (``\\x1cCY<ssn>``, ``|CQ<phone>``); the IRS's bulk TIN
matching records; a health savings account's and an autopay's account keys; a help desk's "rtg";
a form body's message words with their punctuation ("twice.+Call+%2B1..."). Each case fails on
the code before the commit that fixed it; the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    ('{"sys_id": "efc6", "tablename": "sys_user", "fieldname": "u_bank_account", "oldvalue": "286301531", '
     '"newvalue": "9106256675", "user": "svc_workday"}',
     {("US_BANK_NUMBER", "286301531"), ("US_BANK_NUMBER", "9106256675")}),
    ('{"fieldName": "bank_account", "oldValue": "652683991727", "newValue": "9106256675"}',
     {("US_BANK_NUMBER", "652683991727"), ("US_BANK_NUMBER", "9106256675")}),
    ('{"propertyName": "bank_account", "propertyValue": "191423041518"}',
     {("US_BANK_NUMBER", "191423041518")}),
    ('{"fieldname": "routing_number", "oldvalue": "013660424", "newvalue": "267657377"}',
     {("ABA_ROUTING_NUMBER", "013660424"), ("ABA_ROUTING_NUMBER", "267657377")}),
    ("ContactHistory Id=0178d0000KERLTYgayNDJ Field=Routing_Number__c OldValue=013660424 NewValue=267657377 "
     "CreatedById=0058d0000OLdQAHvqtFTJ",
     {("ABA_ROUTING_NUMBER", "013660424"), ("ABA_ROUTING_NUMBER", "267657377")}),
    ("ContactHistory Field=Bank_Account_Number__c OldValue=33354682019 NewValue=4800092860 CreatedDate=2024-03-25",
     {("US_BANK_NUMBER", "33354682019"), ("US_BANK_NUMBER", "4800092860")}),
    ("field=bank_account value=9106256675", {("US_BANK_NUMBER", "9106256675")}),
    ("<urn:sObjects><Routing_Number__c>693597483</Routing_Number__c><Account_Number__c>652683991727"
     "</Account_Number__c></urn:sObjects>", {("US_BANK_NUMBER", "652683991727")}),
    ("03,52350690,,010,574033015,,/", {("US_BANK_NUMBER", "52350690")}),
    ("parsed account identifier record 03,2696256347,USD,040,100,,/", {("US_BANK_NUMBER", "2696256347")}),
    ("NCPDP D.0 B1 data=AM01\\x1cCX01\\x1cCY678852953\\x1cC419890304\\x1cCQ4143825649\\x1cHNX@AOL.COM",
     {("US_SSN", "678852953"), ("PHONE_NUMBER", "4143825649")}),
    ("AM01|CX01|CY673926768|C420111018|CQ8459980678|HNMF@X.COM / AM03|EZ01|DB1326986647|DRGARCIA|PM9716549960",
     {("US_SSN", "673926768"), ("PHONE_NUMBER", "8459980678"), ("PHONE_NUMBER", "9716549960")}),
    # a health savings account's and an autopay's account: a bank's
    ('{"hsaAccountNumber":"807137401433019","plan":"HDHP"}', {("US_BANK_NUMBER", "807137401433019")}),
    ("premium_autopay_acct=8253486544 premium_autopay_rtn=021000021", {("US_BANK_NUMBER", "8253486544")}),
    # the IRS's bulk TIN matching file: type 2, an individual's number
    ("2;916754796;OMAR OCONNOR;A5576F;8", {("US_ITIN", "916754796")}),
    ("TIN match batch 48 results: 2;067832725;MARIA WILLIAMS;263467", {("US_SSN", "067832725")}),
    # a help desk's abbreviation for a routing number
    ("NOTE 2024-02-04 by mrodriguez: cc 4951-7196-3972-5627 | rtg 031201360 | refund approved",
     {("ABA_ROUTING_NUMBER", "031201360")}),
    # a form body's message text, its words' punctuation kept: '+' reads as a blank
    ("POST /inbound/mailgun 200 form: stripped-text=My+card+was+charged+twice.+Call+%2B12139330194+thanks"
     "&timestamp=1700000000", {("PHONE_NUMBER", "%2B12139330194")}),
])
def test_named_fields_are_read(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("doc, want", [
    ('{"fieldname": "ssn", "oldvalue": "186719645", "newvalue": "690308852"}',
     {("US_SSN", "186719645"), ("US_SSN", "690308852")}),
    ('{"fieldname": "routing_number", "oldvalue": "013660424", "newvalue": "267657377"}',
     {("ABA_ROUTING_NUMBER", "013660424"), ("ABA_ROUTING_NUMBER", "267657377")}),
    ('{"fieldName": "bank_account", "oldValue": "652683991727", "newValue": "9106256675"}',
     {("US_BANK_NUMBER", "652683991727"), ("US_BANK_NUMBER", "9106256675")}),
    ('{"propertyName": "bank_account", "propertyValue": "191423041518"}',
     {("US_BANK_NUMBER", "191423041518")}),
    ('{"attributeName": "ssn", "attributeValue": "186719645"}', {("US_SSN", "186719645")}),
    ('{"items": [{"field": "routing_number", "fromString": "013660424", "toString": "267657377"}]}',
     {("ABA_ROUTING_NUMBER", "013660424"), ("ABA_ROUTING_NUMBER", "267657377")}),
])
def test_named_fields_in_json(procs, doc, want):
    check_every(procs, doc, want, fmt="json")


@pytest.mark.parametrize("line", [
    # a change of a field that names nothing: its values are what they are alone
    '{"fieldname": "priority", "oldvalue": "2", "newvalue": "3", "sys_mod_count": "286301531"}',
    # the month's record of a CSV, no BAI2 record: no currency, no type code
    "03,2024,12345678,open",
    # an NCPDP-like field id inside a word, no separator before it
    "ticket ACY678852953 closed",
    # an EIN's TIN matching record (type 1)
    "1;123456789;ACME INC;X",
])
def test_not_named_is_no_value(procs, line):
    check_none(procs, line)
