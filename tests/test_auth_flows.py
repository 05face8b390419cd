"""Secrets management and authentication flows, found by an independent probe (2026-12-06:
Vault audit logs, CloudTrail, Kubernetes Secrets, OAuth and OIDC exchanges, JWKS, SAML, API
gateways, CI logs). Leaked: a JSON Web Key's private members (``"d"``, ``"p"``, ``"q"``,
``"dp"``, ``"dq"``, ``"qi"``, ``"k"`` beside its ``"kty"``: 162 of 162), in text and JSON
records; OAuth's PKCE ``code_verifier``; LDAP's ``bindpw``/``rootpw``; a value Spring logs in
its form map (``client_secret=[...]``); a value under a SAML attribute its ``Name`` names
(``<saml:Attribute Name="employeeSSN"><saml:AttributeValue>...``; an XML element's ``Name``
attribute read in any case: Windows events' ``<Data Name="DestinationIp">``). False alarms fixed:
a KMS key's id after "KMS key"; an address under a key path whose leaf names it
("VerifyAPIKey-1.developer.email", read as the API key's). Each case fails on
the code before the commit that fixed it; the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, found


@pytest.fixture(scope="module")
def procs(both):
    return both


EC_D = "wH-v-QD8M-Cr67bZ9I2J_NZaR4VvlN0ukEBGbr-N7_k"


@pytest.mark.parametrize("line, want", [
    ('{"kty":"EC","crv":"P-256","x":"e3GXnSyztuBh1IbWYPvwa6Z3pQ0qL-cic7rWGtpnghA","y":"7jbaEpUlkc814_tCS33Aj'
     'EVmoYpvjDN2v9YmGOXO_Uk","d":"' + EC_D + '","use":"sig","kid":"NPG8knlMw7ZWB1p8","alg":"ES256"}',
     {("SECRET", EC_D)}),
    ('jwks={"keys":[{"kty":"oct","k":"GawgguFyGrWKav7AX4VKUg","alg":"HS256"}]}', {("SECRET", "GawgguFyGrWKav7AX4VKUg")}),
    ("POST /oauth/token grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&code_verifier="
     "7az521zRH7Y8dBx0JgQy3kLm9PqR2sTu5VwXyZaBcDeF&redirect_uri=https%3A%2F%2Fapp", 
     {("SECRET", "7az521zRH7Y8dBx0JgQy3kLm9PqR2sTu5VwXyZaBcDeF")}),
    ('bindpw="xT2LwHhf9nJgkfM7I7Fk9mrs"', {("SECRET", "xT2LwHhf9nJgkfM7I7Fk9mrs")}),
    ("rootpw Xk29fhQ2aZp0L", {("SECRET", "Xk29fhQ2aZp0L")}),
    ("o.s.web.client.RestTemplate : Writing [{grant_type=[client_credentials], client_id=[svc-billing], "
     "client_secret=[BhXOFGNJbIx6l2fIM1tOkXnHq69sUGbDJ2DOeWAS]}] as \"application/x-www-form-urlencoded\"",
     {("SECRET", "BhXOFGNJbIx6l2fIM1tOkXnHq69sUGbDJ2DOeWAS")}),
    ('<saml:Attribute Name="employeeSSN" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">'
     '<saml:AttributeValue xsi:type="xs:string">461895888</saml:AttributeValue></saml:Attribute>',
     {("US_SSN", "461895888")}),
    ('<EventData><Data Name="TargetUserSSN">461895888</Data></EventData>', {("US_SSN", "461895888")}),
    # a member of a credential's object that names its own thing: Apigee's developer's address
    ("verifyapikey.VerifyAPIKey-1.client_secret = OuV0H4OuQzRnjmvVU1zIzF5bp1sTOYb2EFBDicMtuGdVLFidQwdtoDMh7rQTvANn ; "
     "verifyapikey.VerifyAPIKey-1.developer.email = bryan_herring97@acme-corp.com ; client.ip = 212.108.199.131",
     {("SECRET", "OuV0H4OuQzRnjmvVU1zIzF5bp1sTOYb2EFBDicMtuGdVLFidQwdtoDMh7rQTvANn"),
      ("EMAIL_ADDRESS", "bryan_herring97@acme-corp.com")}),
])
def test_auth_secrets_are_found(procs, line, want):
    check_every(procs, line, want)


def test_jwk_private_members_in_json_records(procs):
    doc = '{"keys":[{"kty":"EC","crv":"P-256","x":"e3GXnSyztuBh1IbWYPvwa6Z3pQ0qL-cic7rWGtpnghA","d":"' + EC_D + '"}]}'
    check_every(procs, doc, {("SECRET", EC_D)}, fmt="json")
    # guards: a public key's members; a "d" without a key type beside it
    public = ('{"keys":[{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4","e":"AQAB",'
              '"kid":"2011-04-29"}]}')
    for fmt in ("text", "json"):
        for name, proc in procs.items():
            assert not found(proc, public, fmt), (name, fmt)
    for name, proc in procs.items():
        assert not any(v == EC_D for _, v in found(proc, '{"d":"' + EC_D + '"}', "json")), name


@pytest.mark.parametrize("line, value", [
    # a field named "password" in a column list, its value in brackets no password
    ("Name [displayName] Required,User name [userPrincipalName] Required,Initial password [passwordProfile] "
     "Required,Block sign in (Yes/No) [accountEnabled] Required", "passwordProfile"),
    ("password=[REDACTED]", "REDACTED"),
    ("code_verifier=short", "short"),
    # a KMS key's id (its material never leaves KMS)
    ("Rotated KMS key c68f4aec-fbdd-4f13-9ce0-fb414b0b81ed (alias/payments-prod) on 2024-01-04; version 14 is "
     "now primary", "c68f4aec-fbdd-4f13-9ce0-fb414b0b81ed"),
])
def test_named_otherwise_is_no_secret(procs, line, value):
    for name, proc in procs.items():
        assert not any(v == value for _, v in found(proc, line)), (name, line, found(proc, line))


@pytest.mark.parametrize("key, kind", [
    ("verifyapikey.VerifyAPIKey-1.developer.email", None), ("api_key.id", None), ("token.issuer", None),
    ("jwt.kid", None),
    # guards: a leaf that is a credential, a session's or a secret's id, a map's member
    ("credentials.password", "password"), ("session.id", "session_id"), ("vault.secret_id", "secret"),
    ("secrets.github", "secret"), ("token.value", "token"),
])
def test_a_credential_objects_member_names_its_own_thing(key, kind):
    from piistream.models.recognizers.secrets.generic import key_kind
    got = key_kind(key)
    assert (got[0] if got else None) == kind
