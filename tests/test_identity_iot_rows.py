"""Logistics and utilities, identity providers' audit logs, observability pipelines, IoT and
gaming backends: what four more independent probes found (2026-12-07, held out: run once on
5eceda1 before these fixes). Leaked: a Kubernetes env entry flattened to one line ("- name:
DHL_API_KEY value: ..."), a token in a Java map's header list ("{Authorization=[SSWS ...]}"),
Azure's primary keys, Mosquitto's -P and mosquitto_passwd -b, Wi-Fi passphrases in a QR code,
an ESP module's AT command and TR-069's parameter struct, a phone in an OpenTelemetry
collector's Str(...), "cb#" before a call-back number, "appelle moi au", a phone after "Thanks,
Name (", a person's headerless row (a bare phone field beside an e-mail address or a formatted
SSN; a bare 9-digit field beside a birth date, the row's only one, no formatted SSN in it).
False alarms: Okta's externalSessionId, GitHub's hashed_token, Elastic APM's grouping_key, Duo's
integration and user keys, a GraphQL variable's type, Logstash's %{field}, a shell default's
operator in its value, a scheme word taken for the token (ShippoToken, SharedAccessSignature),
a redacted PEM body, "upgrade request from <address>", a section number, "Your account:" after
a date. Each case fails on 5eceda1; the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    ('- name: DHL_API_KEY value: "qKM69TObqTmf1Y6LuCddetHt9QNVI1ny"', {("SECRET", "qKM69TObqTmf1Y6LuCddetHt9QNVI1ny")}),
    ("Headers: {Authorization=[SSWS 00bCjzqRiYAe6yp9gQ_IkqP30Z-0YCJ1YI5vLLQGb0], Accept=[application/json]}",
     {("SECRET", "00bCjzqRiYAe6yp9gQ_IkqP30Z-0YCJ1YI5vLLQGb0")}),
    ('{"symmetricKey": {"primaryKey": "I26GEBIMYELTl19N6h3UuxwbiIOapUZYMiI7oEW0G5s=", "secondaryKey": "x"}}',
     {("SECRET", "I26GEBIMYELTl19N6h3UuxwbiIOapUZYMiI7oEW0G5s=")}),
    ("az iot dps enrollment create --primary-key wI293I0peAxFDWIyptINJp4s5upNPoka42kO2h+KpXE= --secondary-key y",
     {("SECRET", "wI293I0peAxFDWIyptINJp4s5upNPoka42kO2h+KpXE=")}),
    ("mosquitto_sub -h broker.lan -p 1883 -u hub01 -P Orchid=Meadow38 -t tele/+/SENSOR -v",
     {("SECRET", "Orchid=Meadow38")}),
    ("$ mosquitto_passwd -b /etc/mosquitto/passwd iot_gw 'Biscuit1995^orc'", {("SECRET", "Biscuit1995^orc")}),
    ("scan WIFI:T:WPA;S:HomeNet;P:CQ_050?7-g;H:false;;", {("SECRET", "CQ_050?7-g")}),
    ('AT+CWJAP="HomeNet","#pGR2ywPqKBW67!"', {("SECRET", "#pGR2ywPqKBW67!")}),
    ("<ParameterValueStruct><Name>InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.KeyPassphrase</Name>"
     '<Value xsi:type="xsd:string">Garage*Harbor46</Value></ParameterValueStruct>', {("SECRET", "Garage*Harbor46")}),
    ("-> app.customer.phone: Str(+441611295204)", {("PHONE_NUMBER", "+441611295204")}),
    ("cb# 5085063804. updated email", {("PHONE_NUMBER", "5085063804")}),
    ("appelle moi au 06 12 06 34 05 stp", {("PHONE_NUMBER", "06 12 06 34 05")}),
    ("token=ShippoToken shippo_live_8d5f7e6a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e",
     {("SECRET", "shippo_live_8d5f7e6a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e")}),
    ("Authorization: SharedAccessSignature sr=x&sig=abcDEF123ghiJKL456mnoPQR789stuVWX%3D&se=1700000000",
     {("SECRET", "abcDEF123ghiJKL456mnoPQR789stuVWX%3D")}),
    ("url: ${UPS_CLIENT_SECRET:-Xk29fhQ2aZ!}", {("SECRET", "Xk29fhQ2aZ!")}),
    ("[ocpp-ws] upgrade request from 88.184.15.202 GET /ocpp/CP25810", {("IP_ADDRESS", "88.184.15.202")}),
    # a person's headerless row
    ("APP-2024-45415,ROBERT,SATO,2001-07-07,029265178,1175 S HALSTED ST,CHICAGO,IL,60607,2076691907",
     {("US_SSN", "029265178"), ("PHONE_NUMBER", "2076691907")}),
    ("1688367920,MURPHY SOFIA,BB,225.40,2024-11,smurphy@att.net,7045806854,ACH,235197982,05095359424,C",
     {("PHONE_NUMBER", "7045806854")}),
])
def test_found(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line", [
    '{"authenticationContext":{"externalSessionId":"trsq7a8b9c0d1e2f3g4h5i6j7"}}',
    '{"hashed_token":"ekNtCEkDa9fMe++OKMsIx11QzdqYbGvjd4+uQ3D8oKo="}',
    '{"grouping_key":"daee567fbe5dcd5f0e3f2a4172e3db1e"}',
    '{"application":{"key":"DI12SC85XOQJEADO85TI","name":"VPN"},"user":{"key":"DUGT0O5QKV9CYP6PAEK8"}}',
    "mutation Login($email: String!, $password: String!) { login }",
    '"password":"%{password}"',
    "-----BEGIN EC PRIVATE KEY----- (redacted, 227 bytes) -----END EC PRIVATE KEY-----",
    "section 5.6.4.7 of tariff applies",
    "Google Play Order Number: GPA.0694-1845-9677-39097 Order date: Mar 12, 2024 Your account: x@orange.fr",
    '{"primaryKey": "12345", "table": "users"}',
    "mosquitto_passwd -c /etc/mosquitto/passwd iot_gw",
    "WIFI:S:Guest;T:nopass;P:;;",
    # an HL7 segment's control id is no phone
    "MSH|^~\\&|MMIS|STATEMCD|EHR|CLINIC|202412041200||ADT^A04|3093953945|P|2.5.1 PID|1||972458666^^^STATEMCD^MA"
    "||MARTINEZ^LUIS||19671217|F|||x@yahoo.com|",
])
def test_not_found(procs, line):
    check_none(procs, line, types=("SECRET", "IP_ADDRESS", "US_SSN", "US_BANK_NUMBER", "PHONE_NUMBER"))


def test_a_shell_default_is_the_value_without_its_operator(procs):
    for name, proc in procs.items():
        got = {v for t, v in found(proc, "url: ${UPS_CLIENT_SECRET:-changeme}") if t == "SECRET"}
        assert got <= {"changeme"}, (name, got)


def test_a_wrapped_phone_leaves_the_wrapper(procs):
    for name, proc in procs.items():
        got = found(proc, "x Str(+441611295204) y")
        assert ("PHONE_NUMBER", "+441611295204") in got and not any(v.endswith(")") for _, v in got), (name, got)


def test_a_row_that_shows_its_ssn_keeps_its_ids(procs):
    """A row that shows its SSN formatted has its other 9-digit numbers for ids."""
    line = "2000-03-14,267-43-3373,45-1351292,192110452,57349-9269,C,65.80,John Castillo"
    for name, proc in procs.items():
        got = found(proc, line)
        assert ("US_SSN", "267-43-3373") in got and not any(v == "192110452" for _, v in got), (name, got)
