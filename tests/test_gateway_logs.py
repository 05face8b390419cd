"""Values in web servers', proxies' and gateways' logs, found by an independent probe (2026-12-06:
nginx, Apache, IIS, HAProxy, Envoy, Traefik, ALB and CloudFront access logs, API gateways,
syslog, OpenTelemetry and ECS records). Leaked: a phone number in a query string written with
its plus sign or its area code's parentheses percent-encoded and a form's '+' for the blank
("tel=%28613%29+906-2291", "phoneNumber=%2B81+90-1295-9850"); an international number that the
log's next field (IIS's port, a status) follows after a blank; an Express session cookie in a
Cookie header logged without its name (Apache's "%{Cookie}i"); an OpenTelemetry attribute's
value in its typed wrapper ({"key": "http.request.header.x-api-key", "value": {"arrayValue":
{"values": [{"stringValue": ...}]}}}, also Firestore's {"fields": {"ssn": {"stringValue": ...}}});
"with secret Dragon@1083z"; an SSN under "tin=" read as a routing number. False alarms: a
duration under its key in a record of payments ("Duration":685149632), an ALB log's status codes
and byte count read as a spaced routing number, a cache-buster's time in milliseconds
("_=1748134864563") as a card, the digit groups of a UUID as a card. Each case fails on the code
before the commit that fixed it (52313e1); the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    ("2025-10-07 21:27:13 10.15.254.170 GET /default.aspx phone=%2B5511961365484 443 - 172.16.230.139 "
     "Apache-HttpClient/4.5.14 - 302 0 0 1989", {("PHONE_NUMBER", "%2B5511961365484")}),
    ("2024-01-25 21:15:30 10.208.129.41 POST /owa/auth.owa to=%2B44%20121%20219%205686 443 - 54.233.193.87 - 401 0 0 1557",
     {("PHONE_NUMBER", "%2B44%20121%20219%205686")}),
    ("contact phone=+1 212 578 9888 443 -", {("PHONE_NUMBER", "+1 212 578 9888")}),
    ('{"url":{"path":"/account/update","query":"tel=%28613%29+906-2291"}}', {("PHONE_NUMBER", "%28613%29+906-2291")}),
    ('heroku[router]: at=info method=POST path="/account/update?phoneNumber=%2B81+90-1295-9850" host=app.example.com',
     {("PHONE_NUMBER", "%2B81+90-1295-9850")}),
    ("GET /signup?a=1&tel=%2B1+%28613%29+906-2291&b=2 HTTP/1.1", {("PHONE_NUMBER", "%2B1+%28613%29+906-2291")}),
    ('10.0.0.1 - - [27/Jan/2024:08:26:45 +0000] "GET /graphql HTTP/1.1" 201 49899 "_ga=GA1.2.432006393.1750054083; '
     'connect.sid=s%3Amo5lgfvg90ow2ky0coggm792lp; lang=de" "-"', {("SECRET", "s%3Amo5lgfvg90ow2ky0coggm792lp")}),
    ('{"attributes":[{"key":"http.request.header.x-api-key","value":{"arrayValue":{"values":[{"stringValue":'
     '"nx5gayvm7972t7o4y1vp8o9v5y"}]}}}]}', {("SECRET", "nx5gayvm7972t7o4y1vp8o9v5y")}),
    ('{"attributes":[{"key":"http.request.header.x-api-key","value":{"stringValue":"nx5gayvm7972t7o4y1vp8o9v5y"}}]}',
     {("SECRET", "nx5gayvm7972t7o4y1vp8o9v5y")}),
    ("<75>Mar 15 23:04:50 app-prod-3 api[9773]: retrying webhook with secret Dragon@1083z (attempt 3)",
     {("SECRET", "Dragon@1083z")}),
])
def test_gateway_values(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("doc, want", [
    ('{"attributes":[{"key":"http.request.header.x-api-key","value":{"arrayValue":{"values":[{"stringValue":'
     '"nx5gayvm7972t7o4y1vp8o9v5y"}]}}}]}', {("SECRET", "nx5gayvm7972t7o4y1vp8o9v5y")}),
    ('{"attributes":[{"key":"http.request.header.x-api-key","value":{"stringValue":"nx5gayvm7972t7o4y1vp8o9v5y"}}]}',
     {("SECRET", "nx5gayvm7972t7o4y1vp8o9v5y")}),
    ('{"fields":{"password":{"stringValue":"hunter2Xy9!"}}}', {("SECRET", "hunter2Xy9!")}),
])
def test_typed_values_in_json_records(procs, doc, want):
    check_every(procs, doc, want, fmt="json")


def test_a_taxpayer_number_under_tin_is_no_routing_number(procs):
    line = '"2024-02-25T14:09:18.768Z","192.168.117.62","GET","/api/v3/applications?tin=237194242&include=meta","400"'
    for name, proc in procs.items():
        got = found(proc, line)
        assert ("ABA_ROUTING_NUMBER", "237194242") not in got, (name, got)
    assert ("US_SSN", "237194242") in found(procs["cnn"], line)


@pytest.mark.parametrize("line", [
    '{"ClientAddr":"172.18.3.62:7738","DownstreamContentSize":1631,"Duration":685149632,"OriginStatus":500,'
    '"RequestAddr":"www.example-bank.com","RequestPath":"/v1/payments?ts=1756001271&utm_source=fb"}',
    '{"event":{"dataset":"nginx.access","duration":610446038},"url":{"path":"/account/update",'
    '"query":"accountNumber=77437536"}}',
    'h2 2025-12-05T07:09:52.354741Z app/web/3fc6153d 67.174.170.220:42012 172.22.93.98:80 0.004 0.028 0.000 302 200 867 '
    '59208 "POST https://checkout.example.com:443/profile/edit?cb=4b54568e&account=97905980526459 HTTP/1.1"',
    'GET /v1/payments?_=1748134864563&utm_source=fb',
    '<14>Jul 17 11:16:26 apigee-mp MessageLogging: test|payments-v1|a03727e9-d225-4847-9984-16435d3b2317|'
    '201.86.212.142|POST|/v1/api/v2/customers/search|400|822ms',
])
def test_gateway_numbers_that_are_no_pii(procs, line):
    check_none(procs, line, types=("ABA_ROUTING_NUMBER", "CREDIT_CARD", "US_SSN", "US_ITIN"))


@pytest.mark.parametrize("line, value", [
    # an environment's variables written as one line, a connection string: no cookie header
    ("TWILIO_ACCOUNT_SID=AC6ea2ba74f1b7342637b78d615c4623f8; TWILIO_FROM_NUMBER=+13532094385",
     "AC6ea2ba74f1b7342637b78d615c4623f8"),
    ("host=db1; port=1521; sid=PRODDB01; user=scott", "PRODDB01"),
])
def test_pairs_apart_by_semicolons_are_no_cookie_header(procs, line, value):
    for name, proc in procs.items():
        assert ("SECRET", value) not in found(proc, line), name


@pytest.mark.parametrize("line, want", [
    # guards: a sum in a query, the form's '+' in an SSN, a card after "card", a routing word
    ("GET /calc?n=1+2&q=1+2+3", set()),
    ("ssn=536+90+4399", {("US_SSN", "536+90+4399")}),
    ("Austin branch routing 021000021", {("ABA_ROUTING_NUMBER", "021000021")}),
    ("my debit card number 6595957 919371251", {("CREDIT_CARD", "6595957 919371251")}),
    ("TIN: 237194242 routing 021000021", {("ABA_ROUTING_NUMBER", "021000021")}),
])
def test_gateway_guards(procs, line, want):
    for name, proc in procs.items():
        got = {(t, v) for t, v in found(proc, line) if t != "IP_ADDRESS"}
        assert want <= got and (want or not got), (name, line, got)
