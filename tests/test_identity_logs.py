"""Secrets and identifiers in identity and access management logs, found by an independent probe
(2026-12-06: Okta, Auth0, Keycloak, Entra sign-ins and audits, AD and LDAP, SCIM provisioning,
FreeRADIUS, password resets, help desks). Leaked: a SCIM or JSON Patch operation's password
(`"path": "password"` names the `"value"`), PowerShell's `ConvertTo-SecureString -AsPlainText
'pw'` with its flags first, a password FreeRADIUS logs with a failed login, a password typed as
the user of a failed sign-in and logged in a user's field, a reset link's token in its path,
Duo's `skey`, an ITIN under "nationalId", a payroll account glued to its word. False alarms: a
token's identifier (Entra's `uniqueTokenIdentifier`), a certificate's thumbprint, CloudTrail's
`HIDDEN_DUE_TO_SECURITY_REASONS`, a Windows SID in base64 under `objectSid`. Each case fails on the code before the commit that fixed it
(12ab7de); the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    ('{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "replace", '
     '"path": "password", "value": "Lyra$7731!q"}]}', {("SECRET", "Lyra$7731!q")}),
    ('[{"op":"replace","path":"/password","value":"Lyra$7731!q"}]', {("SECRET", "Lyra$7731!q")}),
    ("PS C:\\> Set-ADAccountPassword -Identity cdavis -Reset -NewPassword (ConvertTo-SecureString -AsPlainText "
     "'Tigers_4820!x' -Force)", {("SECRET", "Tigers_4820!x")}),
    ('Fri Jun 12 05:30:36 2026 : Auth: (346796) Login incorrect (pap: Cleartext-Password does not match "known good" '
     'password): [jlee/Bluebird!9939!] (from client vpn-gw-01 port 0 cli 60.175.87.235)', {("SECRET", "Bluebird!9939!")}),
    ('{"date":"2026-06-20T06:19:51.990Z","type":"fu","description":"Wrong email or password.","user_id":'
     '"auth0|66fbe162","user_name":"Cricket$3107!","strategy":"auth0"}', {("SECRET", "Cricket$3107!")}),
    ('{"userPrincipalName":"Marigold_5896x","status":{"errorCode":50126,"failureReason":"Invalid username or '
     'password."}}', {("SECRET", "Marigold_5896x")}),
    ("PasswordResetController : Reset link generated for bob@example.org: https://accounts.example.org/reset/"
     "b8017a2b106a8e534592b62701eea52d (ttl=15m)", {("SECRET", "b8017a2b106a8e534592b62701eea52d")}),
    ("[duo]\\nikey = DIWJ8X6AEYOR5OMC6TQ1\\nskey = Zx9vQm2LpR7tYw4KdS8nB3cF6hJ1gA5eU0iO2yTq",
     {("SECRET", "Zx9vQm2LpR7tYw4KdS8nB3cF6hJ1gA5eU0iO2yTq")}),
    ('{"nationalId": "931784520"}', {("US_ITIN", "931784520")}),
    ('{"payrollRouting": "254893102", "payrollAccount": "45514834479353241"}',
     {("ABA_ROUTING_NUMBER", "254893102"), ("US_BANK_NUMBER", "45514834479353241")}),
])
def test_identity_secrets_and_numbers(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line", [
    # ids and names of tokens and keys, masks
    '{"correlationId":"5f0c","uniqueTokenIdentifier":"si8mjGLqYjZgekTiSCZWx_","tokenIssuerType":"AzureAD"}',
    '"servicePrincipalCredentialThumbprint":"6373704FD34B1A2C3D4E5F60718293A4B5C6D7E8"',
    '{"requestParameters": {"clientSecret": "HIDDEN_DUE_TO_SECURITY_REASONS"}}',
    # a Windows account's SID in binary, as an LDAP search prints it
    "objectSid: AQUAAAAAAAUVAAAAEoUlpaURb0k6v1GX6kOJ8A==",
    # a user who signed in; a user's name with a capital and a digit in a record of no failure
    '{"type":"s","description":"Successful login","user_name":"JohnSmith2"}',
    # FreeRADIUS' note in place of a password, a machine's account; a reset page without a token
    "Mon Jun 08 18:45:44 2026 : Auth: (197328) Login OK: [host/WKS-3637.corp.example.net] (from client wlc-01 port 22)",
    "Login incorrect (mschap: MS-CHAP2-Response is incorrect): [jlee/<via Auth-Type = mschap>] (from client vpn port 0)",
    "GET https://example.com/reset/password HTTP/1.1",
    # a JSON Patch of another path
    '[{"op":"replace","path":"/displayName","value":"Lyra Vance 2"}]',
])
def test_identity_guards(procs, line):
    for name, proc in procs.items():
        assert not {v for t, v in found(proc, line) if t == "SECRET"}, (name, line)
