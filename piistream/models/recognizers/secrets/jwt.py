"""JSON Web Tokens (JWS ``header.payload.signature`` and JWE's five parts), by their base64url
JSON header: ``eyJ`` is ``{"``.

Linear: a start is tried only at the first ``eyJ`` of a run of token characters (a look-behind
after the literal rejects the rest in constant time), and each part is a possessive run followed
by a character it cannot contain, so ``eyJ`` repeated over a megabyte is read once.
The header decoding to a JSON object with ``alg`` (or ``enc``/``typ``/``kid``) is the
structure check: decisive.
"""
from __future__ import annotations

import base64
import binascii
import json
import re

from ..base import Batch
from ._shared import Family
from .placeholders import is_placeholder

KIND = "jwt"
# jwt.io's sample token ("John Doe", iat 1516239022, secret "your-256-bit-secret")
JWT_IO_PAYLOAD = "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
JWT_IO_SIGNATURE = "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
_PART = r"[A-Za-z0-9_\-]"
JWT = re.compile(r"eyJ(?<![A-Za-z0-9_\-]eyJ)" + _PART + r"{6,4096}+\." + _PART + r"{2,16384}+"
                 r"(?:\." + _PART + r"{0,4096}+){1,3}+(?![A-Za-z0-9_\-.])")


def header_ok(token: str) -> bool:
    head = token.partition(".")[0]
    try:
        raw = base64.urlsafe_b64decode(head + "=" * (-len(head) % 4))
        obj = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return False
    return isinstance(obj, dict) and bool({"alg", "enc", "typ", "kid"} & obj.keys())


class Jwt(Family):
    name = "jwt"
    kinds = (KIND,)

    def find(self, batch: Batch, emit):
        for m in batch.scan(JWT):
            token = m.group()
            if is_placeholder(token) or JWT_IO_PAYLOAD in token or JWT_IO_SIGNATURE in token:
                continue  # jwt.io's documented sample (any header), or signed with its secret
            ok = header_ok(token)
            yield emit(m.start(), m.end(), 0.95 if ok else 0.85, 0.99, True,
                       "jwt" if ok else "jwt-unchecked", KIND, ok)
