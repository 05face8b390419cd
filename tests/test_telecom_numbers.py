"""International numbers written without their '+' in telephony and messaging records, found by
an independent probe (2026-12-06: SIP, CDRs, SMS gateways, SMPP, Kannel, contact centres): an SMS
API's ``"to": "917410936248"``, SMPP's ``source_addr=14143463488``, a CDR's ``"servedMSISDN"``,
Sinch's ``"cli"``, MessageBird's ``recipients=``. Such a value is a phone where a telephony
address's key names it and it is valid as an international number with the '+' put back; a
generic key (``to``, ``from``, ``src``, ``dst``) only with the value written as a string (a range's
bounds are numbers) unless the record is about messages or calls ("sms", "messages", a gateway's
name); a PBX's caller id ('"Maria Kowalski" <4046985207>'). Each case fails on the code before the
commit that fixed it; the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    ('{"to": "917410936248", "message-id": "0B0000002F3C9A11"}', {("PHONE_NUMBER", "917410936248")}),
    ('payload={"src": "15109915905", "dst": "551123029941", "text": "Your code is 4821"}',
     {("PHONE_NUMBER", "15109915905"), ("PHONE_NUMBER", "551123029941")}),
    ("deliver_sm: seq=88213 source_addr='14143463488' destination_addr=447400660422 esm_class=0",
     {("PHONE_NUMBER", "14143463488"), ("PHONE_NUMBER", "447400660422")}),
    ('{"cli": "447400216089", "status": "Delivered"}', {("PHONE_NUMBER", "447400216089")}),
    ("curl -X POST https://rest.messagebird.com/messages -d recipients=447400660422 -d originator=Acme",
     {("PHONE_NUMBER", "447400660422")}),
    ('{"recordType": "moCallRecord", "servedMSISDN": "447400962214", "callingNumber": "918123065070"}',
     {("PHONE_NUMBER", "447400962214"), ("PHONE_NUMBER", "918123065070")}),
    # a generic key's number in a record about messages: a query string's, a gateway's log
    ("inbound From=16135930129&To=15033998984&Text=Hello&Type=sms&MessageUUID=181be818-45c4",
     {("PHONE_NUMBER", "16135930129"), ("PHONE_NUMBER", "15033998984")}),
    ("Sent SMS [SMSC:smsc_mtn] [SVC:acme] [from:ACME] [to:2348021714596] [flags:-1:0:-1:0:19] [msg:4:STOP]",
     {("PHONE_NUMBER", "2348021714596")}),
    ('{"statuses":[{"id":"wamid.x","status":"sent","recipient_id":"16025370784"}],"contacts":[{"wa_id":'
     '"13126315643"}]}', {("PHONE_NUMBER", "16025370784"), ("PHONE_NUMBER", "13126315643")}),
    ("VONAGE_API_KEY=9f9f7afd VONAGE_NUMBER=447400600667", {("PHONE_NUMBER", "447400600667")}),
    # a PBX's caller id: the display name in quotes, the number in angle brackets
    ('app_voicemail.c: Sending voicemail notification to j@example.com (from "Maria Kowalski" <4046985207>, '
     "duration 0:45)", {("PHONE_NUMBER", "4046985207")}),
])
def test_unsigned_international_numbers(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("doc, want", [
    ('{"to": "917410936248", "from": "15109915905"}',
     {("PHONE_NUMBER", "917410936248"), ("PHONE_NUMBER", "15109915905")}),
    ('{"msg": {"servedMSISDN": "447400962214", "recipients": ["447400660422"]}}',
     {("PHONE_NUMBER", "447400962214"), ("PHONE_NUMBER", "447400660422")}),
])
def test_unsigned_international_numbers_in_json(procs, doc, want):
    check_every(procs, doc, want, fmt="json")


@pytest.mark.parametrize("line", [
    "fetch from=12345678901 to=12345679999 records",  # a range's bounds: numbers, not strings
    '{"page": {"from": 20240101, "to": 20241231}}',
    '{"from": 1701234567890, "to": 1701234599999}',  # epoch milliseconds
    '{"to": "100000000000"}',  # no valid number with a '+'
])
def test_ranges_are_no_phones(procs, line):
    check_none(procs, line)


_WARM_PHONES = r"""
import json, re, re._compiler
import phonenumbers
from piistream.models.detector import Detector, make_scorer
from piistream.models.recognizers.phone_number import REGIONS
det = Detector(scorer=make_scorer("rules"))
lines = []
for region in REGIONS:
    for kind in (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.MOBILE):
        ex = phonenumbers.example_number_for_type(region, kind)
        if ex is not None:
            national = phonenumbers.format_number(ex, phonenumbers.PhoneNumberFormat.NATIONAL)
            lines.append(f"{region} contact phone: {national} ok")
compiled = []
compile_ = re._compiler.compile
def counting(p, flags=0):
    compiled.append(str(getattr(p, "pattern", p))[:60])
    return compile_(p, flags)
re._compiler.compile = counting
found = det.detect(lines)
print(json.dumps({"lines": len(lines), "phones": sum(any(e.type == "PHONE_NUMBER" for e in f) for f in found),
                  "compiled": compiled}))
"""


def test_a_built_detector_compiles_no_pattern_for_the_national_numbers_of_its_regions():
    """A fresh process: the ``Detector``'s build (``PhoneRecognizer.warm``) loads the metadata of
    the regions whose national numbers are read without a country code (``REGIONS``) and
    compiles their patterns, which ``phonenumbers`` keeps in its own cache (not the ``re``
    module's 512, which this process's patterns share): a fixed-line and a mobile number of
    each region, in its national form after a phone word, are all found and no regular
    expression is compiled while the batch runs (before: dozens, and again whenever the ``re``
    cache had evicted them)."""
    import json
    import os
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-c", _WARM_PHONES], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONHASHSEED": "0"})
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["lines"] == 64
    assert got["phones"] == 64
    assert got["compiled"] == []
