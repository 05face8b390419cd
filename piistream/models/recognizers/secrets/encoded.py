"""Credentials that configuration stores base64-encoded, recognised by the encoding of their own
framing: a Kubernetes Secret's ``data`` (``kubectl get secret -o yaml`` prints every value in
base64), a Docker config, a Helm value. Two framings have a fixed head whatever follows:

- a database or broker URL: ``postgres://`` is ``cG9zdGdyZXM6`` in base64, ``mysql://`` is
  ``bXlzcWw6Ly``...; the token is decoded and is a credential when the URL holds a password
  (``DATABASE_URL: cG9zdGdyZXM6Ly9hcHA6...``, under a key that names no credential);
- a Docker config: ``{"auths":`` is ``eyJhdXRocyI6``; the token is a credential when a registry
  in it has an ``auth`` or a ``password`` (``.dockerconfigjson: eyJhdXRocyI6...``).

The whole token is the secret (its bytes hold the password). Other base64 is not decoded (see
README, "What it will not catch"). Linear: each head is a literal, the run after it is
possessive (a run of heads is one match), and a head inside a longer base64 run is skipped.
"""
from __future__ import annotations

import base64
import binascii
import json
import re

from ..base import Batch
from ._shared import Family
from .placeholders import is_placeholder

URL_KIND, DOCKER_KIND = "encoded_url_credential", "docker_config"
# the base64 of each scheme's "scheme:" and of '{"auths":', cut to whole groups of 4 characters
# (the characters after them depend on what follows the head)
_URL_HEADS = tuple(base64.b64encode(s.encode()).decode()[:len(s) // 3 * 4]
                   for s in ("postgres://", "postgresql://", "mysql://", "mariadb://", "mongodb://",
                             "mongodb+srv://", "redis://", "rediss://", "amqp://", "amqps://",
                             "sqlserver://", "mssql://", "oracle://", "clickhouse://"))
_DOCKER_HEAD = "eyJhdXRocyI6"  # '{"auths":'
# a PEM private key's framing, base64-encoded whole ("-----BEGIN OPENSSH PRIVATE KEY-----" is
# "LS0tLS1CRUdJTiBPUEVOU1NIIFBSSVZBVEUgS0VZLS0tLS0", a CI secret piped to base64 -d): the token is
# a key when its decoded head says PRIVATE KEY
_PEM_HEAD = "LS0tLS1CRUdJTi"  # "-----BEGIN"
PEM_KIND = "encoded_private_key"
_B64 = r"[A-Za-z0-9+/]"
_ENCODED = re.compile(r"(?:" + "|".join(re.escape(h) for h in sorted(set(_URL_HEADS) | {_DOCKER_HEAD, _PEM_HEAD},
                                                                      key=len, reverse=True)) +
                      r")" + _B64 + r"{0,8192}+={0,2}+(?![A-Za-z0-9+/=])")
_B64_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
# a URL's user and password before its host ("scheme://user:password@host")
_URL_CREDENTIAL = re.compile(r"\A[a-z+]{2,16}://[^:/@\s]*:[^@\s/]+@[^@\s]")
MAX_DECODED = 6144


def _decoded(token: str) -> str | None:
    try:
        raw = base64.b64decode(token + "=" * (-len(token) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw[:MAX_DECODED].decode("utf-8", "replace")


def _docker_credential(text: str) -> bool:
    """A Docker config with a registry's ``auth`` or ``password`` that is a value."""
    try:
        cfg = json.loads(text)
    except ValueError:
        return False
    auths = cfg.get("auths") if isinstance(cfg, dict) else None
    if not isinstance(auths, dict):
        return False
    return any(isinstance(reg, dict) and any(
        isinstance(reg.get(k), str) and len(reg[k]) >= 4 and not is_placeholder(reg[k])
        for k in ("auth", "password", "identitytoken")) for reg in auths.values())


class Encoded(Family):
    name = "encoded"
    kinds = (URL_KIND, DOCKER_KIND, PEM_KIND)

    def find(self, batch: Batch, emit):
        for m in batch.scan(_ENCODED, lead=tuple(re.escape(h) for h in (*_URL_HEADS, _DOCKER_HEAD, _PEM_HEAD))):
            if m.start() > 0 and batch.text[m.start() - 1] in _B64_CHARS:
                continue  # the head inside a longer run: another encoding's bytes
            token = m.group()
            text = _decoded(token)
            if text is None:
                continue
            if token.startswith(_PEM_HEAD):
                if "PRIVATE KEY" in text[:64] and len(token) >= 64:
                    yield emit(m.start(), m.end(), 0.95, 0.99, True, "encoded-private-key", PEM_KIND, True)
            elif token.startswith(_DOCKER_HEAD):
                if _docker_credential(text):
                    yield emit(m.start(), m.end(), 0.95, 0.99, True, "docker-config", DOCKER_KIND, True)
            elif _URL_CREDENTIAL.match(text) and \
                    not is_placeholder(text.partition("://")[2].partition("@")[0].partition(":")[2]):
                yield emit(m.start(), m.end(), 0.95, 0.99, True, "encoded-url-credential", URL_KIND, True)
