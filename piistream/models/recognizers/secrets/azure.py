"""Azure: storage and Cosmos DB account keys (``AccountKey=`` in connection strings, and bare
88-character base64 keys ending in ``==``), Service Bus / Event Hubs / IoT Hub shared access keys
(``SharedAccessKey=``; a bare 88-character key only after words such as "key", "storage",
"account"), SAS signatures (``sig=`` in a query or connection string that has SAS
fields ``sv=``/``se=``/``sp=``/``sr=``), and Entra ID (Azure AD) client secrets (``xxx8Q~...``:
three characters, a digit and ``Q~`` in the new format).

``AccountKey=`` and ``SharedAccessKey=`` are read by the generic key reader (their ``;``-delimited
values), which takes its kind from ``KEY_KINDS``.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ..base import Batch
from ._shared import Family, char_classes, segment_end, segment_start
from .placeholders import is_placeholder, looks_fake
from ..base import word_char

STORAGE_KEY, SHARED_ACCESS_KEY, SAS, CLIENT_SECRET = ("azure_storage_key",
                                                     "azure_shared_access_key",
                                                     "azure_sas_signature", "azure_client_secret")
# key names (lower case, separators removed) whose values are these kinds
KEY_KINDS = {"accountkey": STORAGE_KEY, "storageaccountkey": STORAGE_KEY,
             "sharedaccesskey": SHARED_ACCESS_KEY, "primarykey": STORAGE_KEY}

_SIG = re.compile(r"sig=")
_SAS_FIELD = re.compile(r"(?:^|[?&;\s\"'])(?:sv|se|sp|sr|st|spr|skoid|sks)=", re.M)
_SIG_VALUE = re.compile(r"[A-Za-z0-9%+/]{20,200}+(?:%3[Dd]|=){0,2}")
_Q = re.compile(r"Q~")
_CLIENT_SECRET = re.compile(r"[A-Za-z0-9_~.\-]{3}\dQ~[A-Za-z0-9_~.\-]{31,34}(?![A-Za-z0-9_~.\-])")
_PAD = re.compile(r"==")
_KEY88 = re.compile(r"[A-Za-z0-9+/]{86}==")
# a bare 88-character base64 value is a storage key only where the words before it say so
# (an S3 request id, an encrypted field or a digest has the same shape: entropy alone)
_KEY_CONTEXT = re.compile(r"key|azure|storage|account|cosmos|primary|secondary|shared")
# an 88-character value under a key that names a form token, not a key
_NOT_KEY = re.compile(r"(?i)(?:csrf|xsrf|authenticity|nonce|state|viewstate)[\w\-]*[\"']?\s*[:=]\s*[\"']?\Z")


class Azure(Family):
    name = "azure"
    kinds = (STORAGE_KEY, SHARED_ACCESS_KEY, SAS, CLIENT_SECRET)

    def find(self, batch: Batch, emit):
        text = batch.text
        # SAS fields (sv=, se=...) in the windows around each sig= (400 before, 300 after), each
        # character read once however densely sig= repeats; a sig= is a SAS signature when a
        # field lies in its window
        fields: list[int] = []
        scanned = 0
        sigs = []
        for m in batch.scan(_SIG):
            s = m.start()
            if s > 0 and (word_char(text[s - 1]) or text[s - 1] == "_"):
                continue
            seg_lo, seg_hi = segment_start(batch, s), segment_end(batch, s)
            lo, hi = max(seg_lo, s - 400), min(seg_hi, m.end() + 300)
            start = max(lo, scanned)
            if start < hi:
                fields.extend(f.start() for f in _SAS_FIELD.finditer(text, start, hi))
                scanned = hi
            sigs.append((m, lo, hi, seg_hi))
        for m, lo, hi, seg_hi in sigs:
            i = bisect_left(fields, lo)
            if i == len(fields) or fields[i] >= hi:
                continue
            v = _SIG_VALUE.match(text, m.end(), seg_hi)
            if v and not is_placeholder(v.group()):
                yield emit(v.start(), v.end(), 0.95, 0.99, True, "sas-signature", SAS, True)
        for m in batch.scan(_Q):
            s = m.start() - 4
            if s < 0 or (s > 0 and text[s - 1] in _SECRET_CHARS):
                continue
            c = _CLIENT_SECRET.match(text, s)
            if c and not is_placeholder(c.group()[6:]) and not looks_fake(c.group()):
                yield emit(c.start(), c.end(), 0.9, 0.97, True, "entra-client-secret",
                           CLIENT_SECRET, True)
        done = -1
        for m in batch.scan(_PAD):
            e = m.end()
            s = e - 88
            if s < done or s < 0 or (s > 0 and text[s - 1] in _B64) or \
                    (e < len(text) and text[e] in _B64 + "="):
                continue
            k = _KEY88.match(text, s)
            lo = max(segment_start(batch, s), s - 64)
            if k and char_classes(k.group()) >= 3 and not is_placeholder(k.group()) and \
                    _KEY_CONTEXT.search(batch.lower, lo, s) and not _NOT_KEY.search(text, lo, s):
                done = e
                yield emit(s, e, 0.8, 0.97, True, "base64-key-88", STORAGE_KEY, False)


_SECRET_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-")
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
