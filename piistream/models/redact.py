"""Redaction operators, chosen per entity type.

- ``type``:  ``[US_SSN]`` (default)
- ``mask``:  keep the last 4 alphanumerics, mask the others with ``*``, keep separators
- ``keyed``: ``[US_SSN:k1:3f9a0c1b2d4e5f60]``: HMAC-SHA256 of the normalised value under a secret
  key, truncated to 16 hex chars; the same value gives the same token, so joins still work; the key
  id lets keys rotate
- ``drop``:  remove the value
"""
from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

from .entities import ENTITY_TYPES, EMAIL_ADDRESS, IBAN_CODE, SECRET, IP_ADDRESS

OPERATORS = ("type", "mask", "keyed", "drop")
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


def load_hmac_key(env: dict | None = None) -> tuple[bytes, str] | None:
    """(key, key id) from PIISTREAM_HMAC_KEY or PIISTREAM_HMAC_KEY_FILE; None if neither is set."""
    env = os.environ if env is None else env
    kid = env.get("PIISTREAM_HMAC_KEY_ID", "k1")
    if env.get("PIISTREAM_HMAC_KEY"):
        return env["PIISTREAM_HMAC_KEY"].encode(), kid
    path = env.get("PIISTREAM_HMAC_KEY_FILE")
    if path:
        try:
            key = Path(path).read_bytes().strip()
        except OSError as e:
            raise ConfigError(f"PIISTREAM_HMAC_KEY_FILE: cannot read {path}: {e.strerror}") from None
        if len(key) < 16:
            raise ConfigError("PIISTREAM_HMAC_KEY_FILE: key must be at least 16 bytes")
        return key, kid
    return None


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
            raise ConfigError("the 'keyed' operator needs an HMAC key: set PIISTREAM_HMAC_KEY "
                              "or PIISTREAM_HMAC_KEY_FILE")
        self.operators = ops
        self._key = hmac_key
        self.key_id = key_id

    def token(self, etype: str, value: str) -> str:
        """Keyed token of a value (needs an HMAC key)."""
        if not self._key:
            raise ConfigError("no HMAC key configured")
        mac = hmac.new(self._key, f"{etype}:{normalize(etype, value)}".encode(), hashlib.sha256)
        return f"[{etype}:{self.key_id}:{mac.hexdigest()[:16]}]"

    def replacement(self, etype: str, value: str) -> str:
        op = self.operators[etype]
        if op == "type":
            return f"[{etype}]"
        if op == "drop":
            return ""
        if op == "keyed":
            return self.token(etype, value)
        # mask: keep the last four alphanumerics
        keep = 4
        out = []
        for ch in reversed(value):
            if ch.isalnum():
                out.append(ch if keep > 0 else "*")
                keep -= 1
            else:
                out.append(ch)
        return "".join(reversed(out))

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
