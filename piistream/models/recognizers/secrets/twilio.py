"""Twilio: API key SIDs (``SK`` + 32 hex) and the secrets that go with a SID.

Twilio's documented credentials come in pairs: an Account SID (``AC`` + 32 hex, an identifier)
with its Auth Token (32 hex), and an API Key SID (``SK`` + 32 hex) with its secret (32
alphanumeric characters). The API key SID is redacted on its own (it names a key; secret
scanners report it); the Account SID is not a secret. The secret half has no format of its own:
it is a 32-character alphanumeric value within ``PAIR_WINDOW`` characters of a SID (before or
after it: ``AC...:<token>``, ``sid AC... token <token>``, two lines of a config), like AWS's
key pairs. A SID written loosely (letters outside hex) still anchors a pair.
"""
from __future__ import annotations

import re

from ..base import Batch
from ._shared import Family, segment_end, segment_start
from .placeholders import is_placeholder

API_KEY, AUTH_TOKEN, API_SECRET = "twilio_api_key", "twilio_auth_token", "twilio_api_secret"
PAIR_WINDOW = 160
_AC = re.compile(r"AC[0-9A-Za-z]{32}(?![0-9A-Za-z])")
_SK = re.compile(r"SK[0-9A-Za-z]{32}(?![0-9A-Za-z])")
# A SID stands on its own: the character before it is no ASCII letter or digit, '_' or '-'. So
# the scan reads that character too, and its lead is that character, the head and twelve of the
# SID's characters: "AC" alone is in every "ACCEPT", and an encoded PowerShell command (base64
# of UTF-16) holds an "AC" and 32 letters every few characters (125,000 of them in 1,215 lines of
# the real-log corpus, each a call from Hyperscan and a match tried). A SID at the batch's first
# character has none before it: read apart.
_AC_AT = re.compile(r"[^0-9A-Za-z_\-]" + _AC.pattern)
_SK_AT = re.compile(r"[^0-9A-Za-z_\-]" + _SK.pattern)
_LEADS = {_AC_AT: r"[^0-9A-Za-z_\-]AC[0-9A-Za-z]{12}", _SK_AT: r"[^0-9A-Za-z_\-]SK[0-9A-Za-z]{12}"}
_HEX = re.compile(r"[0-9a-fA-F]{32}\Z")
# a 32-character value on its own (a logged line break, \n, before it is a boundary)
_PARTNER = re.compile(r"(?:(?<![A-Za-z0-9_\-+/=.])|(?<=\\[nrt]))[A-Za-z0-9]{32}(?![A-Za-z0-9_\-+/=])")


def _secret_like(v: str) -> bool:
    """32 characters that mix digits and letters (not a word run, not a placeholder)."""
    digits = sum(c.isdigit() for c in v)
    return 1 <= digits <= 30 and not is_placeholder(v)


class Twilio(Family):
    name = "twilio"
    kinds = (API_KEY, AUTH_TOKEN, API_SECRET)

    def find(self, batch: Batch, emit):
        text = batch.text
        paired: set[int] = set()  # a secret near several SIDs is emitted once
        for first, pat, partner_kind in ((_AC, _AC_AT, AUTH_TOKEN), (_SK, _SK_AT, API_SECRET)):
            at_start = first.match(text)
            for m in ([at_start] if at_start else []) + batch.scan(pat, lead=_LEADS[pat]):
                s, e = m.span()
                if m is not at_start:
                    s += 1  # (the character before the SID)
                sid = text[s:e]
                if is_placeholder(sid, 2):
                    continue  # SKxxxxxxxx..., ACxxxxxxxx...: placeholders
                if partner_kind == API_SECRET and _HEX.match(sid, 2):
                    yield emit(s, e, 0.85, 0.97, True, "twilio-api-key-sid", API_KEY, True)
                lo = max(segment_start(batch, s), s - PAIR_WINDOW)
                hi = min(segment_end(batch, s), e + PAIR_WINDOW)
                for p in _PARTNER.finditer(text, lo, hi):
                    if p.start() in paired or not _secret_like(p.group()):
                        continue
                    paired.add(p.start())
                    yield emit(p.start(), p.end(), 0.9, 0.97, True, "twilio-pair", partner_kind,
                               True)
