"""Values written in other forms than their usual one, and look-alikes, found by an independent
probe (2026-12-06, careless and hostile applications): addresses defanged for a report of
indicators or carried in a host's name, the platform's own well-known addresses, a payment
message's fields. Each positive case fails on the code before the commit that fixed it; the
guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    ("IOC: C2 beacon to 45.23.188[.]62 over 443/tcp", {("IP_ADDRESS", "45.23.188[.]62")}),
    ("indicators: 45[.]23[.]188[.]62, 81(.)2(.)69(.)161 and 45.23.188[dot]63",
     {("IP_ADDRESS", "45[.]23[.]188[.]62"), ("IP_ADDRESS", "81(.)2(.)69(.)161"),
      ("IP_ADDRESS", "45.23.188[dot]63")}),
    # an EC2 instance's public DNS name holds its address
    ("Connecting to ec2-54-210-33-13.compute-1.amazonaws.com:443", {("IP_ADDRESS", "54-210-33-13")}),
    ("upstream ec2-3-88-1-21.us-west-2.compute.amazonaws.com timed out", {("IP_ADDRESS", "3-88-1-21")}),
])
def test_addresses_written_otherwise(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line, types", [
    # the cloud's instance metadata service: the same address on every machine
    ("GET http://169.254.169.254/latest/meta-data/iam/security-credentials/ HTTP/1.1", ("IP_ADDRESS",)),
    ("imds endpoint=http://[fd00:ec2::254]/latest/api/token", ("IP_ADDRESS",)),
    ("ECS_CONTAINER_METADATA_URI=http://169.254.170.2/v3/abc", ("IP_ADDRESS",)),
    # a SWIFT MT103's operation code, then its value date, currency and amount
    ("2024-02-06T20:12:44.145Z {4::20:REF21632560:23B:CRED:32A:240206EUR22000,87:71A:SHA-}", ("SECRET",)),
    # guards: brackets that are no defanged dots, a name that is no EC2 instance's
    ("see item [.] 1.2.3 and array a[.]", ("IP_ADDRESS",)),
    ("host ec2-54-210-33-13.internal.example.org", ("IP_ADDRESS",)),
])
def test_look_alikes(procs, line, types):
    check_none(procs, line, types)


def test_a_link_local_address_of_a_device_is_still_one(procs):
    check_every(procs, "client 169.254.12.7 connected", {("IP_ADDRESS", "169.254.12.7")})


@pytest.mark.parametrize("line, want", [
    # a JSON document logged inside another's string: its \uXXXX escapes gain a backslash each
    # time it is escaped again
    ('{"event":"outbound_request","body":"{\\"ccNumber\\":\\"5489\\\\u002d1383\\\\u002d3194\\\\u002d8502\\"}"}',
     {("CREDIT_CARD", "5489\\\\u002d1383\\\\u002d3194\\\\u002d8502")}),
    ('DEBUG request body="{\\"applicant\\":{\\"contactEmail\\":\\"angeltorres98\\\\u0040outlook.com\\"}}"',
     {("EMAIL_ADDRESS", "angeltorres98\\\\u0040outlook.com")}),
    ('{"log":"{\\"body\\":\\"{\\\\\\"mail\\\\\\":\\\\\\"anna.juarez\\\\\\\\u0040btinternet.com\\\\\\"}\\"}"}',
     {("EMAIL_ADDRESS", "anna.juarez\\\\\\\\u0040btinternet.com")}),
])
def test_escapes_escaped_again(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("raw", [
    r'"ccNumber\":\"5489\\u002d1383\"', r'mail=\\\\u0061\\\\u006e@x.com', r'a\\\\\\u0040b',
    r'x\\u0040y and \u0040 and \\\\\\\\u0040', r'C:\\users\\u0041x', r'\\\\\\u00', r'\\u00zz',
])
def test_escapes_escaped_again_both_readers_agree(raw):
    from piistream.models import escapes
    a, b = escapes._decode_re(raw), escapes.decode_all([raw]).get(0)
    assert (a is None) == (b is None)
    if a is not None:
        assert a.text == b.text
        assert [a.to_raw(i) for i in range(len(a.text) + 1)] == [b.to_raw(i) for i in range(len(b.text) + 1)]
