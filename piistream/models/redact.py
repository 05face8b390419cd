"""Redaction operators, chosen per entity type.

- ``type``:  ``[US_SSN]`` (default)
- ``mask``:  mask alphanumerics with ``*`` and keep separators, showing at most the last 4
  alphanumerics and always hiding at least 5 (so never a whole value, nor half of one: a value of
  5 or fewer is masked whole, ``***-**-6789`` for an SSN); a ``SECRET`` shows nothing, not even
  its length (``********``)
- ``keyed``: ``[US_SSN:k1:3f9a0c1b2d4e5f60]``: HMAC-SHA256 of the normalised value under a secret
  key, truncated to 16 hex chars; the same value gives the same token, so joins still work; the key
  id lets keys rotate
- ``drop``:  remove the value
"""
from __future__ import annotations

import hashlib
import hmac
import os

from .entities import ENTITY_TYPES, EMAIL_ADDRESS, IBAN_CODE, SECRET, IP_ADDRESS

OPERATORS = ("type", "mask", "keyed", "drop")
MASK_KEEP = 4     # ``mask`` shows at most this many trailing alphanumerics of a value
MASK_HIDE = 5     # and always hides at least this many
SECRET_MASK = "*" * 8  # a masked secret: fixed width, so its length does not show either
_DIGIT_TYPES = frozenset(ENTITY_TYPES) - {EMAIL_ADDRESS, IBAN_CODE, SECRET, IP_ADDRESS}


class ConfigError(ValueError):
    """A configuration problem a user must fix; the message names the setting."""


def normalize(etype: str, value: str) -> str:
    """Canonical form for keyed tokens: '123-45-6789' and '123 45 6789' give the same token."""
    if etype in _DIGIT_TYPES:
        return "".join(c for c in value if c.isdigit())
    if etype == IBAN_CODE:
        return value.replace(" ", "").upper()
    if etype == EMAIL_ADDRESS:
        return value.lower()
    return value


def keyed_token(key: bytes, key_id: str, etype: str, value: str) -> str:
    """The keyed token of a value: ``[TYPE:key_id:hex]``, the first 16 hex characters of
    HMAC-SHA256 over ``"TYPE:normalised value"`` under ``key``. The one formula for redaction
    (the ``keyed`` operator) and alerts: the same value gives the same token everywhere."""
    mac = hmac.new(key, f"{etype}:{normalize(etype, value)}".encode(), hashlib.sha256)
    return f"[{etype}:{key_id}:{mac.hexdigest()[:16]}]"


class Tokenizer:
    """Keyed tokens for alerts (``keyed_token``), and for record keys: security teams correlate
    alerts without ever seeing a value. ``key=None``: a random key for this process (tokens then
    only correlate within it), key id ``ephemeral``."""

    def __init__(self, key: bytes | None = None, key_id: str = "k1"):
        if key is None:
            key, key_id = os.urandom(32), "ephemeral"
        self._key = key
        self.key_id = key_id

    def __call__(self, etype: str, value: str) -> str:
        return keyed_token(self._key, self.key_id, etype, value)

    def key_token(self, key: bytes | None) -> str | None:
        """Token of a Kafka record key (any bytes), or None without one."""
        if key is None:
            return None
        mac = hmac.new(self._key, b"KEY:" + key, hashlib.sha256).hexdigest()[:16]
        return f"[KEY:{self.key_id}:{mac}]"


def mask(etype: str, value: str) -> str:
    """The ``mask`` operator: alphanumerics (of any script) become ``*``, separators stay; the
    last ``min(MASK_KEEP, n - MASK_HIDE)`` of the value's ``n`` alphanumerics stay visible, so a
    mask never shows a whole value, nor half of one. A ``SECRET`` is ``SECRET_MASK`` whatever its
    value: a few characters of a password are too many."""
    if etype == SECRET:
        return SECRET_MASK
    keep = min(MASK_KEEP, sum(ch.isalnum() for ch in value) - MASK_HIDE)
    out = []
    for ch in reversed(value):
        if ch.isalnum():
            out.append(ch if keep > 0 else "*")
            keep -= 1
        else:
            out.append(ch)
    return "".join(reversed(out))


class Redactor:
    def __init__(self, operators: dict[str, str] | None = None, default: str = "type",
                 hmac_key: bytes | None = None, key_id: str = "k1"):
        ops = {t: default for t in ENTITY_TYPES}
        for t, op in (operators or {}).items():
            if t not in ops:
                raise ConfigError(f"operator for unknown entity type {t!r}; known: {', '.join(ENTITY_TYPES)}")
            ops[t] = op
        for t, op in ops.items():
            if op not in OPERATORS:
                raise ConfigError(f"operator {op!r} for {t} is not one of {', '.join(OPERATORS)}")
        if "keyed" in ops.values() and not hmac_key:
            raise ConfigError("the 'keyed' operator needs an HMAC key (redaction.hmac_key_file, "
                              "or PIISTREAM_REDACTION_HMAC_KEY)")
        self.operators = ops
        self._key = hmac_key
        self.key_id = key_id

    def token(self, etype: str, value: str) -> str:
        """Keyed token of a value (needs an HMAC key)."""
        if not self._key:
            raise ConfigError("no HMAC key configured")
        return keyed_token(self._key, self.key_id, etype, value)

    def replacement(self, etype: str, value: str) -> str:
        op = self.operators[etype]
        if op == "type":
            return f"[{etype}]"
        if op == "drop":
            return ""
        if op == "keyed":
            return self.token(etype, value)
        return mask(etype, value)

    def apply(self, text: str, spans) -> str:
        """``spans``: sorted, non-overlapping objects with start, end, type."""
        if not spans:
            return text
        parts = []
        pos = 0
        for s in spans:
            parts.append(text[pos:s.start])
            parts.append(self.replacement(s.type, text[s.start:s.end]))
            pos = s.end
        parts.append(text[pos:])
        return "".join(parts)
