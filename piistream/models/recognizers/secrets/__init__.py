"""SECRET: credentials, one entity type with a ``kind`` (``github_token``, ``password``...).

One module per family, each finding its own candidates:

- ``aws``, ``github``, ``gitlab``, ``slack``, ``stripe``, ``google``, ``azure``, ``vendors``
  (npm, PyPI, SendGrid, OpenAI, Anthropic, Hugging Face... by documented prefixes and formats,
  with checksums where they have one), found together by ``tokens.TokenScanner``; ``twilio``
  (API key SIDs, and the secret paired with a SID);
- ``jwt``, ``private_key`` (PEM, key bodies without their BEGIN line), ``database``
  (credentials in URLs and connection strings), ``encoded`` (a database URL or a Docker config
  stored base64-encoded), ``cookies`` (session cookies in Cookie and
  Set-Cookie headers), ``oauth`` (authorization codes in an OAuth callback's URL), ``fix`` (a FIX logon's
  password), ``generic`` (credential keys in every assignment
  syntax, CLI flags, HTTP auth schemes, prose);
- ``placeholders``: the one list of values that stand for a secret without being one.

The registered recognizer runs them all over a batch and keeps, where a vendor token and a
generic key reading find the same value, the vendor's candidate (its kind is more precise).
"""
from __future__ import annotations

from bisect import bisect_right

from ...entities import SECRET
from .. import register
from ..base import Batch, Candidate, Recognizer
from . import aws, azure, cookies, database, encoded, fix, generic, github, gitlab, google, jwt, \
    oauth, private_key, slack, stripe, twilio, vendors
from .tokens import TokenScanner

FAMILIES = (aws.Aws(), github.GitHub(), gitlab.GitLab(), slack.Slack(), stripe.Stripe(),
            google.Google(), azure.Azure(), twilio.Twilio(), vendors.Vendors(), jwt.Jwt(),
            private_key.PrivateKey(), database.Database(), encoded.Encoded(), cookies.Cookies(),
            oauth.OAuth(), fix.Fix(), generic.Generic())
KINDS = frozenset(k for f in FAMILIES for k in f.kinds)
_SCANNER = TokenScanner([s for f in FAMILIES for s in getattr(f, "specs", ())],
                        [lit for f in FAMILIES for lit in getattr(f, "literals", ())])


@register
class SecretRecognizer(Recognizer):
    entity = SECRET
    context = (r"secret", r"token", r"key", r"pass", r"pwd", r"auth", r"credential", r"bearer",
               r"api[_-]?key", r"private", *generic.CONTEXT_BEYOND_ASCII)
    negative = (r"example", r"sample", r"dummy", r"placeholder", r"test[_-]?key", r"fake")

    def find(self, batch: Batch):
        emit = self.cand
        out: list[Candidate] = list(_SCANNER.find(batch, emit))
        for fam in FAMILIES:
            if type(fam).find is not _BASE_FIND:
                out.extend(fam.find(batch, emit))
        return _prefer_vendors(out)


def _prefer_vendors(cands: list[Candidate]) -> list[Candidate]:
    """Drop a generic reading whose span a vendor candidate covers whole (same value, less
    precise kind); keep a generic one that reaches beyond it (no character may leak)."""
    if len(cands) < 2:
        return cands
    vendor = sorted(((c.start, c.end, c) for c in cands if c.kind not in _GENERIC_KINDS),
                    key=lambda t: (t[0], t[1]))
    if not vendor:
        return cands
    starts = [s for s, _, _ in vendor]
    out = []
    for c in cands:
        if c.kind in _GENERIC_KINDS:
            i = bisect_right(starts, c.start) - 1
            if i >= 0 and vendor[i][0] <= c.start and vendor[i][1] >= c.end:
                if c.decisive:  # a credential key's verdict stays with the vendor's reading
                    vendor[i][2].decisive = True
                continue
        out.append(c)
    return out


_GENERIC_KINDS = frozenset(generic.Generic.kinds)
_BASE_FIND = generic.Family.find
