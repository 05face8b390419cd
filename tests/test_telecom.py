"""Values in telecom operators' and messaging systems' logs, found leaking (or flagged falsely)
by an independent probe (2026-12-06, values nobody on the team wrote: SIP headers and proxies,
FreeSWITCH and Asterisk, SMSC/SMPP, HEP/Homer captures). Each case fails on the code before the
commit that fixed it; the guards beside them pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    # a SIP address whose user is a number: the phone's, not a mailbox
    ('From: "Gilles Mathieu" <sip:+491635284074@sbc01.acmetel.net>;tag=850163364', {("PHONE_NUMBER", "+491635284074")}),
    ("Ring-Ready sofia/external/+2347017429208@sbc-east-1.voxline.io!", {("PHONE_NUMBER", "+2347017429208")}),
    ("SIP auth failure (INVITE) on sofia profile 'internal' for [+254774987153@voipco.com] from ip 31.82.191.24",
     {("PHONE_NUMBER", "+254774987153")}),
    ("INVITE sip:14155550132@gw.example.net SIP/2.0", {("PHONE_NUMBER", "14155550132")}),
    # an SMSC's address, its type of number after it
    ("2024-06-19 02:13:47.887453 INFO smsc.mo: MO from=912347741121 (ton=1,npi=1) to=809 keyword=HELP",
     {("PHONE_NUMBER", "912347741121")}),
    # telecom systems' own names of a number
    ('{"contacts":[{"profile":{"name":"Jeremy Smith"},"wa_id":"527227493478"}],"messages":[]}',
     {("PHONE_NUMBER", "527227493478")}),
    ('{"data_header": {"from_user": "+97128327614", "to_user": "015614182711", "callid": "x"}}',
     {("PHONE_NUMBER", "015614182711")}),
    ('Acct-Status-Type=Start Calling-Station-Id="551849284174" Called-Station-Id="x"',
     {("PHONE_NUMBER", "551849284174")}),
    ("context=macro-vm macrocontext=ext-local exten=s rdnis=9729930465 priority=1", {("PHONE_NUMBER", "9729930465")}),
    ('ADD TPLSUB: HLRSN=1, IMSI="621209918698439", ISDN="919074266770", TPLID=1', {("PHONE_NUMBER", "919074266770")}),
    ("Event: Newchannel\\r\\nChannelState: 4\\r\\nCallerIDNum: 0382330662\\r\\nCallerIDName: x",
     {("PHONE_NUMBER", "0382330662")}),
])
def test_sip_users_that_are_numbers_are_phones(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line", [
    # call ids (SIP's Call-ID, a capture's correlation id, FreeSWITCH's variable) and an
    # extension's SIP address
    "Call-ID: 57c02fbc0d20fb5f18c@ims.mnc260.mcc310.3gppnetwork.org",
    "CallID=57c02fbc0d20fb5f18c@ims.mnc260.mcc310.3gppnetwork.org",
    '"correlation_id": "a58bc556-ed61ed1f-00201d85-72a17e7c@pbx.brightpath-dental.com"',
    "variable_sip_call_id: [003e53fae8c847c328ed3@sbc-east-1.voxline.io]",
    "sofia/internal/1002@netvox.de",
    # a SIP address of a number is no mailbox either
    '<sip:+491635284074@sbc01.acmetel.net>',
])
def test_call_ids_and_sip_addresses_are_no_mailboxes(procs, line):
    check_none(procs, line, ("EMAIL_ADDRESS",))


def test_a_mailbox_of_digits_stays_one(procs):
    check_every(procs, "contact: 12345678@qq.com", {("EMAIL_ADDRESS", "12345678@qq.com")})


def test_an_authorization_headers_vendor_scheme_in_quotes(procs):
    """MessageBird's "Authorization: AccessKey <key>" in curl's quoted -H: the key, not only the
    scheme's word."""
    line = ('curl -X POST https://rest.messagebird.com/messages -H "Authorization: AccessKey '
            'Q0Gij1DZkqJxeDSDjkhd1ZTpE" -d "recipients=61397755817"')
    check_every(procs, line, {("SECRET", "Q0Gij1DZkqJxeDSDjkhd1ZTpE")})
