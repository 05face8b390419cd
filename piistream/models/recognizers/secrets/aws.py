"""AWS: access key ids (``AKIA`` long-term, ``ASIA`` temporary, ``ABIA`` STS service bearer,
``ACCA`` context-specific: 4 + 16 characters, base32 in current keys), their secret access keys
(40 base64 characters) found as pairs, session tokens (``FwoGZXIvYXdz...``/``IQoJb3JpZ2lu...``),
Bedrock API keys (``ABSK...``, ``bedrock-api-key-...``) and MWS keys (``amzn.mws.<uuid>``).

Ids of users, roles, groups and policies (``AIDA``, ``AROA``, ``AGPA``, ``ANPA``...) are
identifiers, not credentials. The documented examples (``AKIAIOSFODNN7EXAMPLE``, secrets ending in
``EXAMPLEKEY``) are placeholders.

A secret access key has no format of its own: it is the 40-character base64 value next to a key
id (``AKIA...,wJalr...``, ``id AKIA... secret wJalr...``, CSV credential files), within
``PAIR_WINDOW`` characters after the id or before it.
"""
from __future__ import annotations

import re

from ..base import Batch
from ._shared import Family, Spec, char_classes, exact, segment_end, segment_start, shaped
from .placeholders import is_doc_example, is_placeholder
from ..base import word_char

KEY_ID, SECRET_KEY, SESSION, BEDROCK, MWS = ("aws_access_key_id", "aws_secret_access_key",
                                             "aws_session_token", "aws_bedrock_api_key",
                                             "aws_mws_key")
PAIR_WINDOW = 160
_BASE32 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")


def _key_id(token: str) -> tuple[bool, bool]:
    if is_doc_example(token):
        return False, False
    # current ids are base32 (the account is encoded in them); older ones may hold 0/1/8/9
    return True, all(c in _BASE32 for c in token[4:])


KEY_ID_SPEC = Spec("A", KEY_ID, r"A(?:KIA|SIA|BIA|CCA)[0-9A-Z]{16}", 0.95, _key_id)
LITERALS = [
    ("A[KSBC][IC]A", [KEY_ID_SPEC]),
    ("ABSKQmVkcm9ja0FQSUtleS", [Spec("ABSK", BEDROCK, r"ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{20,400}+={0,2}",
                                     0.95, exact, bounded=False)]),
    ("FwoGZXIvYXdz", [Spec("FwoG", SESSION, r"FwoGZXIvYXdz[A-Za-z0-9+/]{80,2000}+={0,2}", 0.95,
                           exact, bounded=False)]),
    ("IQoJb3JpZ2lu", [Spec("IQoJ", SESSION, r"IQoJb3JpZ2lu[A-Za-z0-9+/]{80,2000}+={0,2}", 0.95,
                           exact, bounded=False)]),
]
SPECS = [
    # base64 of "bedrock.amazonaws.com", the start of every short-lived key
    Spec("bedrock-api-key-", BEDROCK, r"bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/]{0,2000}+={0,2}", 0.95, exact,
         bounded=False),
    Spec("amzn.", MWS, r"amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
         0.95, exact),
]
# 40 base64 characters on their own (a logged line break, \n, before them is a boundary)
_SECRET = re.compile(r"(?:(?<![A-Za-z0-9+/=])|(?<=\\[nrt]))[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])")
_ID = re.compile(r"A(?:KIA|SIA|BIA|CCA)[0-9A-Z]{16}(?![0-9A-Za-z])")


def secret_like(v: str) -> bool:
    """40 base64 characters that look random (not a hex digest, not a path or a word run)."""
    return (char_classes(v) >= 3 and any(c.isdigit() or c in "+/" for c in v) and
            not is_placeholder(v))


class Aws(Family):
    name = "aws"
    kinds = (KEY_ID, SECRET_KEY, SESSION, BEDROCK, MWS)
    specs = SPECS
    literals = LITERALS

    def find(self, batch: Batch, emit):
        """Secret access keys paired with a key id nearby."""
        text = batch.text
        done = -1
        paired: set[int] = set()  # a secret near several key ids is emitted once
        for m in batch.scan(_ID_SCAN, lead=_ID_SCAN.pattern):
            s = m.start()
            if s < done or (s > 0 and word_char(text[s - 1])):
                continue
            idm = _ID.match(text, s)
            if not idm:
                continue
            lo = max(segment_start(batch, s), s - PAIR_WINDOW)
            hi = min(segment_end(batch, s), idm.end() + PAIR_WINDOW)
            done = idm.end()
            for sm in _SECRET.finditer(text, lo, hi):
                v = sm.group()
                if sm.start() >= idm.start() and sm.start() < idm.end():
                    continue
                if sm.start() in paired or is_doc_example(v) or not secret_like(v):
                    continue
                paired.add(sm.start())
                yield emit(sm.start(), sm.end(), 0.9, 0.97, True, "aws-key-pair", SECRET_KEY, True)
            if text.startswith("ASIA", s):
                # temporary credentials: the session token (a long base64 value) goes with them
                seg_hi = segment_end(batch, s)
                for tm in _SESSION_START.finditer(text, lo, min(seg_hi, hi + 100)):
                    if tm.start() >= hi:
                        break
                    if tm.start() in paired:
                        continue
                    paired.add(tm.start())
                    te = _SESSION_REST.match(text, tm.end(), seg_hi).end()
                    if secret_like(text[tm.start():tm.start() + 100]):
                        yield emit(tm.start(), te, 0.9, 0.97, True, "aws-session-pair", SESSION,
                                   True)


_ID_SCAN = re.compile("A[KSBC][IC]A")
_SESSION_START = re.compile(r"(?:(?<![A-Za-z0-9+/=])|(?<=\\[nrt]))[A-Za-z0-9+/]{100}")
_SESSION_REST = re.compile(r"[A-Za-z0-9+/]{0,4000}+={0,2}(?![A-Za-z0-9+/=])")
