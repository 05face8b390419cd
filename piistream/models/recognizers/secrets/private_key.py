"""Private keys: PEM blocks (``-----BEGIN ... PRIVATE KEY-----`` to its END line, or to the end
of the line when the END line is not in it: a key logged line by line), PGP private key blocks,
a key body whose BEGIN line is missing (recognised by its DER structure in base64: PKCS#1 and
PKCS#8 ``MII...IBAA``/``IBAD``, SEC1 EC ``MHcCAQEE``, Ed25519 PKCS#8 ``MC4CAQAw``, OpenSSH
``b3BlbnNzaC1rZXktdjE``), and the body before an END line whose BEGIN line is missing.

Certificates (``MIID...gAwIBAgI``) and public keys are not secrets and do not match: a private
key's DER starts with a version INTEGER (0 or 1) where a certificate has a nested SEQUENCE.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..base import Batch
from ._shared import Family, segment_end, segment_start
from .placeholders import is_placeholder
from ..base import word_char

KIND = "private_key"
_BEGIN = re.compile(r"-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----")
_END = re.compile(r"-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----")
_B64CHARS = re.compile(r"[A-Za-z0-9+/]{16,}")
_DASHES = re.compile(r"-----(?:BEGIN|END)")
# base64 body: runs of base64 joined by line breaks, spaces or logged line breaks (\n, \r\n)
_BODY = re.compile(r"[A-Za-z0-9+/=]++(?:(?:(?:\\r)?\\n|\r?\n|[ \t])(?=[A-Za-z0-9+/=]{16})"
                   r"[A-Za-z0-9+/=]++)*+")
_BODY_REV = re.compile(r"(?:n\\|r\\|[A-Za-z0-9+/=]|[ \t\r\n]){0,16384}+")
# DER starts of private keys, in base64 (any of the 3 alignments of the length bytes)
_DER = re.compile(r"MII[A-Za-z0-9+/]{2}[AQgw]IBA[AD]|MIG[A-Za-z0-9+/]AgEA[AM]|MHcCAQEE|MC4CAQAw"
                  r"|b3BlbnNzaC1rZXktdjE")
_DER_SCAN = (re.compile("MI"), re.compile("MHcCAQEE"), re.compile("MC4CAQAw"),
             re.compile("b3BlbnNzaC1rZXktdjE"))
# a JSON Web Key's type member, and its private members' base64url values (16 characters or
# more: the smallest private part, an Ed25519 "d", is 43)
_KTY = re.compile(r'"kty"[ \t]*:[ \t]*"(?:EC|RSA|OKP|oct)"')
_JWK_MEMBERS = frozenset(("d", "p", "q", "dp", "dq", "qi", "k"))
_JWK_MEMBER = re.compile(r"(?:^|\.)(?:d|p|q|dp|dq|qi|k)$")
_JWK_VALUE = re.compile(r"[A-Za-z0-9_\-]{16,8192}")
_JWK_PRIVATE = re.compile(r'"(?:d|p|q|dp|dq|qi|k)"[ \t]*:[ \t]*"([A-Za-z0-9_\-]{16,8192})"')
MIN_BODY = 100  # the smallest private key (Ed25519 PKCS#8) is 64 base64 characters in PEM;
                # EC keys 160+, RSA 800+: 100 keeps a few short-key false alarms out


_LINE_BREAKS = re.compile(r"(?:\\[nrt]|\s)+")
_TEMPLATE_WORDS = re.compile(r"(?i)\b(?:your|insert|paste|replace|enter|put|goes|redacted|removed"
                             r"|omitted|truncated|hidden|masked|example|sample|placeholder)\b")


def _body_ok(body: str) -> bool:
    """A PEM block's body holds key material unless it is empty or a placeholder: the BEGIN
    line says what follows, so any body of at least 12 letters and digits that is not a
    placeholder is redacted (a key logged in another encoding, wrapped or cut); one word
    ("anything", "REDACTED") is a placeholder."""
    flat = _LINE_BREAKS.sub(" ", body[:4096]).strip()
    if not flat:
        return False
    if is_placeholder(flat) and (flat.count(" ") < 2 or _TEMPLATE_WORDS.search(flat)):
        return False  # "<key>", "REDACTED", "xxxx", "paste your key here"; a sentence that only
        # ends in "here" ("super secret private key here") is what the BEGIN line says it is
    if sum(map(len, _B64CHARS.findall(body))) >= 16:
        return True
    if _TEMPLATE_WORDS.search(flat):
        return False  # "(redacted, 227 bytes)": a logger's remark in the key's place, no run of
        # base64 in it
    return sum(c.isalnum() for c in flat) >= 12


_B64_LINE = re.compile(r"[ \t]*(?:[A-Za-z0-9+/]{4,}={0,2}|(?:Proc-Type|DEK-Info):[^\n]{1,120})[ \t]*")
MAX_KEY_LINES = 256  # an RSA 8192 key is about 100 lines of 64 characters


def _lines_after(batch: Batch, s: int, seg_hi: int) -> list[tuple[int, int]]:
    """(start, end) of the key's lines after a BEGIN line that ends its segment: the following
    segments of the same record that are lines of base64 (or PEM headers), through the END line;
    [] when no body follows (a BEGIN line alone, or followed by other text)."""
    text = batch.text
    seg = batch.segment_of(s)
    rec = batch.record_of(s)
    out: list[tuple[int, int]] = []
    b64 = 0
    for k in range(seg + 1, min(len(batch.segments), seg + 1 + MAX_KEY_LINES)):
        lo, hi = batch.segment_bounds(k)
        if batch.record_of(lo) != rec:
            break
        e = _END.search(text, lo, hi)
        if e is not None:
            if text[lo:e.start()].strip() and not _B64_LINE.fullmatch(text, lo, e.start()):
                break
            out.append((lo, e.end()))
            b64 += e.start() - lo
            break
        if not _B64_LINE.fullmatch(text, lo, hi):
            break
        out.append((lo, hi))
        b64 += hi - lo
    return out if b64 >= 16 else []


class PrivateKey(Family):
    name = "private_key"
    kinds = (KIND,)

    def find(self, batch: Batch, emit):
        text = batch.text
        # spans already emitted, to skip what lies inside them: per span, never one position
        # for the whole batch (a block in a later record must not hide an earlier body)
        starts: list[int] = []
        ends: list[int] = []
        done = -1
        for m in batch.scan(_DASHES):
            s = m.start()
            if s < done:
                continue
            seg_hi = segment_end(batch, s)
            b = _BEGIN.match(text, s)
            if b:
                e = _END.search(text, b.end(), seg_hi)
                if e is None and not text[b.end():seg_hi].strip():
                    # the BEGIN line alone: a key whose lines are segments of their own (a
                    # multi-line JSON string is scanned line by line), to its END line
                    lines = _lines_after(batch, s, seg_hi)
                    if lines:
                        done = lines[-1][1]
                        for lo, hi in [(s, seg_hi)] + lines:
                            starts.append(lo)
                            ends.append(hi)
                            yield emit(lo, hi, 0.99, 0.99, True, "pem-block", KIND, True)
                        continue
                end = e.end() if e else seg_hi
                done = end
                body = text[b.end():e.start() if e else seg_hi]
                if not _body_ok(body):
                    continue  # an empty or placeholder block ("...", "<key>", "xxxx")
                starts.append(s)
                ends.append(end)
                yield emit(s, end, 0.99, 0.99, True, "pem-block", KIND, True)
                continue
            e = _END.match(text, s)
            if e:  # an END line without its BEGIN: the body before it
                lo = max(segment_start(batch, s), s - 16384)
                body = _BODY_REV.match(text[lo:s][::-1]).end()
                start = s - body
                while start < s and not word_char(text[start]) and text[start] not in "+/":
                    start += 1
                if s - start >= MIN_BODY // 2:
                    done = e.end()
                    starts.append(start)
                    ends.append(done)
                    yield emit(start, e.end(), 0.95, 0.99, True, "pem-tail", KIND, True)
        for scan in _DER_SCAN:
            for m in batch.scan(scan):
                s = m.start()
                k = bisect_right(starts, s) - 1
                if (k >= 0 and s < ends[k]) or (s > 0 and (word_char(text[s - 1]) or text[s - 1] in "+/")):
                    continue
                if not _DER.match(text, s):
                    continue
                seg_hi = segment_end(batch, s)
                body = _BODY.match(text, s, seg_hi)
                end = body.end()
                while end > s and not (word_char(text[end - 1]) or text[end - 1] in "+/="):
                    end -= 1
                e = _END.match(text, end, seg_hi) if text.startswith("-----", end) else None
                if e is None and text.startswith(("\\n-----", "\n-----", " -----"), end):
                    e = _END.search(text, end, min(seg_hi, end + 48))
                if end - s < MIN_BODY:
                    continue
                stop = e.end() if e else end
                k = bisect_right(starts, s)
                starts.insert(k, s)
                ends.insert(k, stop)
                yield emit(s, stop, 0.95, 0.99, True, "key-body", KIND, True)
        yield from self._jwk(batch, emit)

    @staticmethod
    def _jwk(batch: Batch, emit):
        """A JSON Web Key's private members (RFC 7518: an EC or OKP key's "d", an RSA key's
        "d", "p", "q", "dp", "dq", "qi", a symmetric key's "k"), in an object with its "kty":
        base64url of the key material. A public JWK (its "n", "e", "x", "y") holds none."""
        text = batch.text
        for m in batch.scan(_KTY, lower=False, lead='"kty"'):
            lo, hi = batch.segment_bounds(batch.segment_of(m.start()))
            # the key's object: back to its '{', on to its '}' (a JWK holds no nested object)
            start = text.rfind("{", lo, m.start())
            end = text.find("}", m.end(), hi)
            if start < 0 or end < 0:
                continue
            for v in _JWK_PRIVATE.finditer(text, start, end):
                yield emit(v.start(1), v.end(1), 0.97, 0.99, True, "jwk-private", KIND, True)
        # a JSON document's members, each a segment under its key path: a private member's
        # value, with a "kty" beside it under the same parent (in the segments around it)
        keys = batch.keys
        for seg in batch.keyed_segments(_JWK_MEMBER) if keys else ():
            parent, _, member = keys[seg].rpartition(".")
            if member not in _JWK_MEMBERS:
                continue
            kty = parent + ".kty" if parent else "kty"
            near = range(max(0, seg - 16), min(len(keys), seg + 17))
            if any(keys[j] == kty and batch.record_of(batch.starts[j]) == batch.record_of(batch.starts[seg])
                   for j in near):
                lo, hi = batch.segment_bounds(seg)
                if _JWK_VALUE.fullmatch(text, lo, hi):
                    yield emit(lo, hi, 0.97, 0.99, True, "jwk-private", KIND, True)
