"""Values in HTTP traffic as logs carry it, found leaking by an independent probe (2026-12-06,
values nobody on the team wrote: access logs, form bodies, HAR entries, multipart bodies): a
session's identifier under its own key outside a cookie header, a multipart part's body under a
credential name, an IBAN or a phone whose groups a form body joins with '+', a token under the
key ``jwt``. Each case fails on the code before the commit that fixed it; the guards beside them
pass both.
"""
from __future__ import annotations

import random
import string

import pytest
from hypothesis import given, settings, strategies as st

from conftest import check_every, check_none, found

SETTINGS = settings(max_examples=40, deadline=None)


@pytest.fixture(scope="module")
def procs(both):
    return both


def session_id(rng: random.Random, alphabet: str, n: int) -> str:
    while True:
        v = "".join(rng.choice(alphabet) for _ in range(n))
        if sum(c.isdigit() for c in v) >= 3 and sum(c.isalpha() for c in v) >= 3:
            return v


_B36 = string.ascii_lowercase + string.digits
_HEX = "0123456789abcdef"
_B64URL = string.ascii_letters + string.digits + "-_"


# -- a session's identifier under its own key ------------------------------------------------
@SETTINGS
@given(st.integers(0, 1 << 30),
       st.sampled_from(["sid", "session", "sessionid", "session_id", "SessionId", "PHPSESSID",
                        "JSESSIONID", "jsessionid", "ASPSESSIONID"]),
       st.sampled_from(['GET /app/home?page=2&{k}={v}&lang=en HTTP/1.1',
                        'body={k}={v}&lang=en-US&page=27',
                        '{{"{k}": "{v}", "user": "bob"}}',
                        '{{"name":"{k}","value":"{v}","path":"/","httpOnly":true}}',
                        'GET /app/login.jsp;{k}={v} HTTP/1.1',
                        'graphql variables={{"{k}":"{v}"}}']),
       st.sampled_from([(_B36, 26), (_HEX, 32), (_B64URL, 32)]))
def test_a_session_id_under_its_own_key(procs, seed, key, template, shape):
    v = session_id(random.Random(seed), *shape)
    check_every(procs, template.format(k=key, v=v), {("SECRET", v)})


@pytest.mark.parametrize("text", [
    "windows user sid=S-1-5-21-3623811015-3361044348-30300820-1013 logged on",
    '{"sid":"S-1-5-21-3623811015-3361044348-30300820-1013"}',
    "twilio message sid=SM0123456789abcdef0123456789abcdef queued",
    "Oracle connect sid=ORCL host=db1",
    "session started sid=1234 user=bob",
    "audit: session=12345 auid=1000 ses=3",
    "pam_unix(sshd:session): session opened for user root by (uid=0)",
    "tmux session=main-dev-window",
    # a UUID: how logs write a session's correlation id
    "user=ann@x.io ip=48.136.225.126 session=c6af25d4-3d59-471b-bf98-42ce75890c90",
    '{"device":{"session_id":"85521bfb-e938-4ccd-bf11-0eb186d26bac"}}',
])
def test_what_a_sid_or_a_session_key_names_that_is_no_session(procs, text):
    check_none(procs, text, ("SECRET",))


# -- a multipart part's body under a credential name ------------------------------------------
@SETTINGS
@given(st.integers(0, 1 << 30), st.sampled_from(["password", "access_token", "client_secret"]),
       st.sampled_from(["\\r\\n", "\r\n", "\n"]), st.booleans())
def test_a_multipart_parts_body_under_a_credential_name(procs, seed, name, br, typed):
    rng = random.Random(seed)
    v = session_id(rng, string.ascii_letters + string.digits + "+&!", 18)
    head = f"Content-Disposition: form-data; name=\"{name}\""
    if typed:
        head += f"{br}Content-Type: text/plain"
    text = f"------WebKitFormBoundary8nJv{br}{head}{br}{br}{v}{br}------WebKitFormBoundary8nJv--"
    check_every(procs, text, {("SECRET", v)})


@pytest.mark.parametrize("text", [
    'Content-Disposition: form-data; name="password"; filename="password.txt"\\r\\n\\r\\nhello world\\r\\n--b',
    'Content-Disposition: form-data; name="comment"\\r\\n\\r\\nmy password is fine\\r\\n--b',
    'Content-Disposition: form-data; name="password"\\r\\n\\r\\n<redacted>\\r\\n--b',
    # a part's header, one line break, the next part's header (no body between)
    'form-data; name="password"\\r\\nform-data; name="password"\\r\\nform-data; name="x"',
])
def test_multipart_parts_that_hold_no_credential(procs, text):
    check_none(procs, text, ("SECRET",))


# -- groups that a form body joins with '+' --------------------------------------------------
@pytest.mark.parametrize("text,value,typ", [
    ("body=payout_iban=NL81+LVKE+0234+2763+70&currency=EUR", "NL81+LVKE+0234+2763+70", "IBAN_CODE"),
    ('"PUT /login?order_id=239193998&iban=NL39+IHXL+1559+5718+62&currency=USD HTTP/1.1"',
     "NL39+IHXL+1559+5718+62", "IBAN_CODE"),
    ("q=DE89+3704+0044+0532+0130+00", "DE89+3704+0044+0532+0130+00", "IBAN_CODE"),
    ('"GET /accounts?phoneNumber=%2B49+1515+3460356 HTTP/2"', "%2B49+1515+3460356", "PHONE_NUMBER"),
    ("url=https://billing.internal/v1/x?phone=%2B31+6+12236733", "%2B31+6+12236733", "PHONE_NUMBER"),
])
def test_groups_joined_by_a_forms_plus(procs, text, value, typ):
    check_every(procs, text, {(typ, value)})


@pytest.mark.parametrize("text", ["n=1+2+3", "expr=10+20+30&x=1", "q=DE89+3704+0044+0532+0130+01"])
def test_sums_and_a_wrong_checksum_stay_clean(procs, text):
    check_none(procs, text, ("IBAN_CODE", "PHONE_NUMBER", "US_BANK_NUMBER", "US_SSN"))


# -- a token under the key "jwt" -------------------------------------------------------------
def test_a_token_under_the_key_jwt(procs):
    v = "4ae2fe6ad0f981a4b555eaec2bf751f633685ee2"
    check_every(procs, f'"GET /oauth/callback?jwt={v}&_=1718232300652 HTTP/1.1"', {("SECRET", v)})
    check_none(procs, "jwt_issuer=https://auth.example.com jwt=enabled jwt: true", ("SECRET",))


# -- express-session's signed id, and an account in a multipart part ---------------------------
@SETTINGS
@given(st.integers(0, 1 << 30), st.sampled_from(["s%3A", "s:"]),
       st.sampled_from(["body=sid={v}&r=1", '{{"session":"{v}"}}', "GET /x?sessionid={v} HTTP/1.1",
                        '{{"name":"connect.sid","value":"{v}"}}']))
def test_a_signed_session_id(procs, seed, head, template):
    rng = random.Random(seed)
    v = head + session_id(rng, _B64URL, 32) + "." + session_id(rng, _B64URL + "+/", 43)
    if head == "s:" and template.startswith("body"):
        return  # (a form body writes the colon encoded)
    check_every(procs, template.format(v=v), {("SECRET", v)})


@pytest.mark.parametrize("name", ["account_number", "accountNumber", "bank_account"])
@pytest.mark.parametrize("typed", [False, True])
def test_an_account_in_a_multipart_part(procs, name, typed):
    v = "3859628206"
    head = f'Content-Disposition: form-data; name="{name}"' + ("\\r\\nContent-Type: text/plain" if typed else "")
    check_every(procs, f"------WebKitFormBoundaryD8Gj\\r\\n{head}\\r\\n\\r\\n{v}\\r\\n------WebKitFormBoundaryD8Gj--",
                {("US_BANK_NUMBER", v)})
