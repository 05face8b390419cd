"""OAuth authorization codes and SAML responses in the URLs a server logs.

An authorization code ("GET /callback?code=CaYogEFm...&state=xyz", Google's
"code=4/0AfAiE...") is exchanged for the user's tokens by whoever holds it before it is used
(with PKCE absent or the client secret known); a SAML response ("?SAMLResponse=PHNhbWxwOl...")
is the identity provider's signed assertion that logs its bearer in. Both are credentials.

``code`` names many other things ("?code=200", a discount's "?code=ABC123", "code=US"): it is
read as an authorization code only inside an OAuth callback's URL -- a ``state``, ``scope``,
``session_state`` or ``redirect_uri`` parameter beside it, or a path that names the flow
(callback, oauth, authorize, signin, openid, "/cb") -- and only a value that looks machine-made
(16 characters or more, random: ``looks_random``). ``SAMLResponse`` is read under its own key
anywhere (generic.py's key reading: a query string, a form body, JSON).
"""
from __future__ import annotations

import re

from ..base import Batch
from ._shared import Family, looks_random, segment_end, segment_start
from .placeholders import is_placeholder

KIND = "oauth_code"
_CODE = re.compile(r"code=")  # (a literal: the engine skips to it; the '?'/'&'/'#' before is checked)
# a query value: to the next parameter, the URL's end, a quote or a blank
_VALUE = re.compile(r"[A-Za-z0-9\-._~%/+=!*]{1,4096}")
# where a URL ends (and starts, read backwards): a blank, a quote, a bracket
_URL_STOP = frozenset(" \t\"'<>`()[]{}|\\\n")
# a parameter of the OAuth flow's response, beside the code
_FLOW_PARAM = re.compile(r"[?&#;](?:state|scope|session_state|redirect_uri|iss|authuser|prompt|"
                         r"client_info)=", re.I)
# a path that names the flow (before the query)
_FLOW_PATH = re.compile(r"callback|oauth|authori[sz]e|sign[-_]?in|openid|/cb(?![a-z0-9])|"
                        r"/auth/|/sso(?![a-z])", re.I)
MIN_VALUE = 16
_HEX = re.compile(r"[0-9a-f]{16,}|[0-9A-F]{16,}")


def _machine_made(value: str) -> bool:
    """Random (``looks_random``), or hex digits with letters and digits mixed: GitHub's 20-hex
    code ("da87d28fdb3a8b088d48") has too few distinct characters for the entropy test."""
    return looks_random(value, MIN_VALUE) or bool(_HEX.fullmatch(value)) and \
        not value.isdigit() and not value.isalpha()


class OAuth(Family):
    name = "oauth"
    kinds = (KIND,)

    def find(self, batch: Batch, emit):
        text = batch.text
        for m in batch.scan(_CODE):
            s = m.start()
            if s == 0 or text[s - 1] not in "?&#;":
                continue  # "error_code=", "zip code=", a code at a line's start
            v = _VALUE.match(text, m.end(), segment_end(batch, s))
            if v is None or v.end() - v.start() < MIN_VALUE:
                continue
            value = v.group().rstrip(".,;")
            if not _machine_made(value.replace("%2F", "/").replace("%2f", "/")) or \
                    is_placeholder(value):
                continue
            lo, hi = segment_start(batch, s), segment_end(batch, s)
            url_lo = s
            while url_lo > lo and text[url_lo - 1] not in _URL_STOP and s - url_lo < 2048:
                url_lo -= 1
            url_hi = v.end()
            while url_hi < hi and text[url_hi] not in _URL_STOP and url_hi - s < 8192:
                url_hi += 1
            url = text[url_lo:url_hi]
            q = url.find("?")
            path = url[:q] if q >= 0 else url[:s - url_lo]
            if _FLOW_PARAM.search(url) or _FLOW_PATH.search(path):
                yield emit(v.start(), v.start() + len(value), 0.9, 0.97, True, "oauth-code",
                           KIND, True)
