"""Email addresses, anchored on '@' or its URL encoding '%40' (literals the regex engine finds
at memory speed)."""
import re

from ..entities import EMAIL_ADDRESS
from . import register
from .base import Recognizer

_HOST = (r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?"
         r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?)*\.([A-Za-z]{2,24})(?![\w\-])")
# "@", and "%40" in URL-encoded query strings and form bodies ("?email=jane%40example.com");
# two scans, so each starts with a literal (one alternation would lose the fast skip: 15x slower)
_DOMAINS = (re.compile("@" + _HOST), re.compile("%40" + _HOST))
# where a key or a path before the address ends: '=', '/', and their URL encodings, with ':'
# ("mailto%3Ajane%40x.io")
_KEY_ENDS = ("=", "/", "%3D", "%3d", "%2F", "%2f", "%3A", "%3a")
_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-]{1,64}\Z")
# TLD-looking file extensions: "icon@2x.png", "logo@3x.webp" are asset names, not addresses.
_FILE_EXT = frozenset("png jpg jpeg gif svg webp ico bmp tif tiff css js mjs ts map json xml "
                      "html htm txt log php py rb java class jar gz zip tar "
                      # systemd unit instances: "postgresql@15-main.service", "getty@tty1.service"
                      "service socket timer mount automount target slice scope swap device".split())


@register
class EmailRecognizer(Recognizer):
    entity = EMAIL_ADDRESS
    context = (r"e-?mail", r"mail", r"contact", r"user", r"from", r"to(?![a-z])", r"reply")
    negative = (r"version", r"package", r"commit", r"git@", r"image", r"asset", r"icon")

    def find(self, batch):
        text = batch.text
        for m in (m for pat in _DOMAINS for m in batch.scan(pat)):
            at = m.start()
            if m.group(1).lower() in _FILE_EXT:
                continue
            seg_start, _ = batch.segment_bounds(batch.segment_of(at))
            left = _LOCAL.search(text, max(seg_start, at - 64), at)
            if not left:
                continue
            local = left.group()
            # "user=jane@x.io", "/v1/users?email=jane%40x.io": the key and the path before it are
            # not the address ('=' and '/' are legal in a local part, but in logs they end a key)
            for sep in _KEY_ENDS:
                if sep in local:
                    local = local.rsplit(sep, 1)[1]
            local = local.lstrip(".'`{|}~=?^!#$%&*/+-")
            if not local or local.endswith(".") or ".." in local:
                continue
            start = at - len(local)
            if start > 0 and text[start - 1] == ":" and text[max(0, start - 3):start] != "to:":
                # scheme://user:pass@host is a credential, not an address (see secret.py)
                if "://" in text[max(seg_start, start - 80):start]:
                    continue
            yield self.cand(start, m.end(), 0.95, 0.99, True, "email")
