"""Releases read as addresses, and credentials of devices and help desks, found by independent
probes (2026-12-06: payroll, telecom, payments, healthcare, network operations, help desks).
False alarms: a dotted quad right after a version's word ("build 13.0.4.233", "EMV kernel
4.6.9.8"), an upgrade's "from", a user agent's device release, a CEF header's device version, a
release named by "Build" after it, a zero-padded amount after "credit" as a card, MessageBird's
"AccessKey" scheme word. Leaked: an OpenVPN client's real address (read as a release), a CEF
custom field named by its label, an SNMP trap host's and Junos' community, snmptrapd's
"community", an IPsec pre-shared key, a Junos authentication-key, HAProxy's "stats auth", "pw
reset to X", "the password for <three words> is X", SNMPv3's ``authpass``, Authorize.Net's
transaction key, OAuth's authorization code beside its redirect, a Salesforce session id (its org
id, '!', the token); and key-named kinds missing from the alert vocabulary. Each case fails on
the code before the commit that fixed it; the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line", [
    "build 13.0.4.233",
    "Workday integration upgrading paychex-sdk from 2.2.7.9 to 2.1.1.5",
    "EMV kernel 4.6.9.8 AID A0000000031010",
    "User-Agent: Yealink SIP-T46S 66.86.0.15",
    '"user_agent": "Grandstream GXP2170 1.0.11.23"',
    "CEF:0|Cisco|ASA|9.15.3.24|411002|Line protocol down|5|cs1Label=Interface cs1=wan1",
    "bigip1 info logger[4263]: BIG-IP 17.1.0.1 Build 0.0.1 Point Release 2 installed on HD1.2",
    "ACH settlement report total credit 000881607139 debit 000000000000",
])
def test_releases_and_amounts_are_no_values(procs, line):
    check_none(procs, line, types=("IP_ADDRESS", "CREDIT_CARD"))


@pytest.mark.parametrize("line, want", [
    # the addresses beside them stay addresses
    ("CEF:0|Cisco|ASA|9.13.1.9|722051|AnyConnect|5|src=174.2.37.96 dst=10.212.28.104",
     {("IP_ADDRESS", "174.2.37.96"), ("IP_ADDRESS", "10.212.28.104")}),
    ("host 10.1.2.3 release notes", {("IP_ADDRESS", "10.1.2.3")}),
    # the next field's key after an address ("build=...") is no release's word
    ("level=warn msg=retrying src=78.194.237.2 build=74b0643 total=19.53", {("IP_ADDRESS", "78.194.237.2")}),
    # OpenVPN's client before its real address and port: no product's release
    ("MULTI: ksato/209.197.167.209:10252 MULTI_sva: pool returned IPv4=10.8.0.6",
     {("IP_ADDRESS", "209.197.167.209")}),
    # a CEF extension's custom field named by its label
    ("CEF:0|Epic|Hyperspace|2024|PHI_ACCESS|Chart viewed|5|suser=jdoe cs1Label=Department cs1=Cardiology "
     "cs2Label=PatientSSN cs2=554749502 cs3Label=MRN cs3=E8812231", {("US_SSN", "554749502")}),
    ("credit card 6011000990139424 declined", {("CREDIT_CARD", "6011000990139424")}),
])
def test_values_beside_them_stay(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line, secret", [
    ("snmp-server host 192.168.2.213 version 2c Acm3#3gL71mRC  udp-port 162", "Acm3#3gL71mRC"),
    ("set snmp community ro#f6tulZ6DSN0J authorization read-only", "ro#f6tulZ6DSN0J"),
    ("snmptrapd: TRAP2, SNMP v2c, community OpsxcvTWCxkFGk", "OpsxcvTWCxkFGk"),
    ("executed 'tunnel-group 208.119.128.200 ipsec-attributes ikev1 pre-shared-key 0!Va9Z!vIUixfqORPeovQ'",
     "0!Va9Z!vIUixfqORPeovQ"),
    ('set protocols bgp group EXT neighbor 2.2.103.40 authentication-key "$9$EM3-6fg8-XvWx7-dbs4aUjHqmT39"',
     "$9$EM3-6fg8-XvWx7-dbs4aUjHqmT39"),
    ("listen stats bind :8404 stats auth admin:Maplequartz9333! stats refresh 10s", "Maplequartz9333!"),
    ("pw reset to dAQ6.TRnmT per caller request", "dAQ6.TRnmT"),
    ("password reset to Xk29!mq7Lp for user jdoe", "Xk29!mq7Lp"),
    ("the new ISU password for the ADP outbound integration is Summer2024! - I'll rotate it", "Summer2024!"),
    ('"snmp_v3_authpass": "Summit.cobalt8055%"', "Summit.cobalt8055%"),
    ("<transactionKey>VK5AFpYGnvObzSRh</transactionKey>", "VK5AFpYGnvObzSRh"),
    # OAuth's authorization code beside its flow's redirect
    ("[smart-launch] exchanging code for token: code=npiUEKzgY10UHrod3pptBHSCx6TFdOoT6mzeFs54zOAwUvWbbV"
     "&redirect_uri=https%3A%2F%2Fapp.example.org%2Fcallback&client_id=037cfe4f",
     "npiUEKzgY10UHrod3pptBHSCx6TFdOoT6mzeFs54zOAwUvWbbV"),
    ('{"propertyName": "api_token", "propertyValue": "ghx7Hq2LmZ9vP0wRt5YbN8cKd3Fs6Ja1"}',
     "ghx7Hq2LmZ9vP0wRt5YbN8cKd3Fs6Ja1"),
    ("<urn:sessionId>00DzhB1djejd6qe!AQt2BI.VaWjfo3AedfkcVUmLvapIjEsQAxF7BfZuzs_HQEmUuvAOOFV</urn:sessionId>",
     "00DzhB1djejd6qe!AQt2BI.VaWjfo3AedfkcVUmLvapIjEsQAxF7BfZuzs_HQEmUuvAOOFV"),
])
def test_device_and_desk_credentials(procs, line, secret):
    check_every(procs, line, {("SECRET", secret)})


@pytest.mark.parametrize("line", [
    "password reset to default for user bob",
    "your password was reset to the default",
    "password set to expire in 5 days",
    "the community edition 2.1 is out",
    "hash 00D5a9f0e1c2b3a4d5e6f7a8b9c0d1e2f3",
    # MessageBird's scheme word, then a placeholder: neither is a key
    "curl -X GET https://rest.messagebird.com/balance -H 'Authorization: AccessKey YOUR_ACCESS_KEY'",
    # a "code" without an OAuth flow around it
    "error code=ERR_TIMEOUT_CONNECTION_RESET_X1 from upstream",
])
def test_no_credential_there(procs, line):
    for name, proc in procs.items():
        got = {(t, v) for t, v in found(proc, line) if t == "SECRET"}
        assert not got, (name, line, got)


def test_key_named_kinds_are_in_the_alert_vocabulary(procs):
    """A kind a key's own name gives (Duo's ``skey``, UPS's access license, Authorize.Net's
    transaction key, Consul's gossip key) is one an alert and a metric may carry: every one in
    ``KINDS``, and the one emitted for a transaction key among them."""
    from piistream.models.recognizers.secrets import KINDS
    from piistream.models.recognizers.secrets.generic import _VENDOR_KEYS

    assert {k for k, _ in _VENDOR_KEYS.values()} <= KINDS
    r = procs["rules"].process([b"<transactionKey>VK5AFpYGnvObzSRh</transactionKey>"], "text")[0]
    assert [e.get("kind") for e in r.entities] == ["authorizenet_transaction_key"]
    assert "authorizenet_transaction_key" in KINDS and "oauth_code" in KINDS
