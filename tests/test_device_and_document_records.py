"""Values in device telemetry, document processing and game platforms' logs, found by three
independent probes (2026-12-06: IoT and connected cars, OCR and document models, gaming and
chat). A document model's field that holds its value with its type and metadata (Azure's
`{"RoutingNumber": {"type": "string", "valueString": "...", "content": ...}}`: the object's own
key names it), a config's `remote_password` whose value holds an "=" (mosquitto's bridge), Roblox's session cookie with its own warning. False
alarm: an address set after "check your credentials:" read as a password. Left: a version under a
bare `fw` key ("fw": "9.0.19.227"), since a firewall's log names its own address so
("fw=83.211.91.146", guarded here). Each case fails on the code before the commit that fixed it
(12ab7de); the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none, found


_ROBLOX = ("_|WARNING:-DO-NOT-SHARE-THIS.--Sharing-this-will-allow-someone-to-log-in-as-you-and-to-steal-your-"
           "ROBUX-and-items.|_" + "3F9A0C7E51B2D84F6A1E9C03B7D25F8E4A6C1B09D3E7F25A8C4B61E0F9D73A2C5B8E1F4A7D0C39B6"
                                  "E2A5F8C1D47B90E3A6F2C5B8D1E47A0C3F96B2E5D8A1C4F7B0E39D6A2C5F8B1E4D7A0C3")


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    ('{"docType": "check.us", "fields": {"MICR": {"type": "object", "valueObject": {"RoutingNumber": {"type": '
     '"string", "valueString": "257036526", "content": "257036526", "confidence": 0.97}}}}}',
     {("ABA_ROUTING_NUMBER", "257036526")}),
    ("Bridge local.truck7 remote_username fleet remote_password T=IZ#QOo++HwQ*J*+bIfG remote_address 10.0.0.8",
     {("SECRET", "T=IZ#QOo++HwQ*J*+bIfG")}),
    ('"text":"use my roblox cookie ' + _ROBLOX + '"', {("SECRET", _ROBLOX)}),
])
def test_device_and_document_values(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line, types", [
    ('{"fw_ver":"9.0.19.227","model":"X1"}', ("IP_ADDRESS",)),
    ("swVer=9.0.19.227 hw=rev3", ("IP_ADDRESS",)),
    ('{"OrderId": {"type": "string", "valueString": "257036526"}}', ("ABA_ROUTING_NUMBER", "US_SSN")),
    # the next field of a line, no password after the key
    ('... or password" remote_addr=203.0.113.9', ("SECRET",)),
])
def test_device_and_document_guards(procs, line, types):
    check_none(procs, line, types)


def test_credentials_noun_before_settings(procs):
    line = ("2024-08-13 21:06:59.572 ERROR (MainThread) [homeassistant.components.smtp] Login not possible. Please "
            "check your setting and/or your credentials: sender=jeffrey.williams@outlook.com username=donna99@outlook.com")
    for name, proc in procs.items():
        got = found(proc, line)
        assert ("EMAIL_ADDRESS", "jeffrey.williams@outlook.com") in got and \
            not [v for t, v in got if t == "SECRET"], (name, got)


def test_a_firewall_is_no_firmware(procs):
    line = 'id=firewall sn=0017C5DFCEEC time="2019-03-14 16:37:19 UTC" fw=83.211.91.146 pri=6 c=262144'
    check_every(procs, line, {("IP_ADDRESS", "83.211.91.146")})
