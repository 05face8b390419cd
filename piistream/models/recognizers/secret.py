"""Secrets common in server logs: cloud keys, platform tokens, JWTs, private keys, passwords.

Three anchors: distinctive token prefixes (``AKIA``, ``ghp_``, ``xoxb-``, ``eyJ``, ``-----BEGIN``),
credential keywords followed by ``=``/``:`` (``password=``, ``"api_key": "..."``), and
credentials embedded in URLs (``scheme://user:PASSWORD@host``: only the password is the secret).
"""
import re

from ..entities import SECRET
from . import register
from .base import Recognizer, normalize_key, words

# Each pattern starts with a literal so the regex engine can skip to it at memory speed; the
# left boundary is checked in Python (a lookbehind first would defeat that skip).
_TOKENS = [(kind, re.compile(p)) for kind, p in (
    ("aws", r"A(?:KIA|SIA|BIA|CCA|GPA|IDA|ROA|NPA|NVA|PKA)[0-9A-Z]{16}(?![0-9A-Za-z])"),
    ("gh", r"gh[pousr]_[A-Za-z0-9]{36,255}"),
    ("gh", r"github_pat_[A-Za-z0-9_]{22,255}"),
    ("slack", r"xox[abposr]-[A-Za-z0-9\-]{10,250}"),
    ("jwt", r"eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"),
    ("pem", r"-----BEGIN[A-Z ]{0,30} PRIVATE KEY(?: BLOCK)?-----.*?"
            r"(?:-----END[A-Z ]{0,30} PRIVATE KEY(?: BLOCK)?-----|(?=\n)|\Z)"),
    # sk_/rk_ live, test and prod keys (test keys still grant API access): the s/r is added below
    ("stripe", r"k_(?:live|test|prod)_[0-9A-Za-z]{16,99}"),
    ("gapi", r"AIza[0-9A-Za-z_\-]{35}"),
    ("hook", r"hooks\.slack\.com/services/[A-Za-z0-9/_]{20,}"),
)]
_TOKEN_PRIOR = {"aws": 0.97, "gh": 0.98, "slack": 0.95, "jwt": 0.95, "pem": 0.99, "stripe": 0.97,
                "gapi": 0.9, "hook": 0.9}

# credential keywords followed by an optional closing quote and '=' or ':', on the lower-cased
# batch; (pattern, prior, reason). "token" also covers access_token, auth_token, refresh_token.
_ASSIGN = r"[\"']?[ \t]*[:=]"
_KEYWORDS = [(re.compile(p + _ASSIGN), prior, why) for p, prior, why in (
    (r"pass(?:word|wd|phrase)?", 0.9, "password-kw"),
    (r"pwd", 0.9, "password-kw"),
    (r"secret(?:[_-]?(?:access[_-]?)?key)?", 0.9, "password-kw"),
    (r"private[_-]?key", 0.9, "password-kw"),
    (r"api[_-]?key", 0.8, "key-kw"),
    (r"access[_-]?key(?:[_-]?id)?", 0.8, "key-kw"),
    (r"credentials?", 0.8, "key-kw"),
    (r"authorization", 0.8, "key-kw"),
    (r"token", 0.8, "token-kw"),
)]
# "mysql -u root -pS3cret", "mysqldump -psecret": the password glued to -p
_MYSQL_P = re.compile(r"mysql(?:dump|admin|import|sh)?(?: [^\n]{0,80}?)? -p(?=[^\s\-])([^\s'\"]{3,128})")
_FREE_PASSWORD = re.compile(r"pass(?:word|phrase)(?: (?:is|was|to|of|set to))?:? ['\"]?(?=\S)")
_VALUE = re.compile(r"[ \t]*[\"']?(?:(?:bearer|basic|token)[ \t]+)?([^\s\"'&,;})\]<>]{1,512})", re.I)
_BEARER = re.compile(r"bearer[ \t]+(?=[a-z0-9\-._~+/]{16,})")
_PLACEHOLDER = re.compile(
    r"^(?:\*+|x{3,}|#+|\.+|-+|null|none|nil|undefined|true|false|n/a|\[?redacted\]?|<[^>]*>|"
    r"\[[a-z_]+\]|\$\{[^}]*\}|\{\{[^}]*\}\}|%s|\?|changeme_placeholder|hidden|masked|secret|password"
    r"|.*(?:hidden|redacted|masked|removed|obfuscated|sanitized|filtered).*)\Z",
    re.I)
_URL_CRED = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]{1,15}://[^\s/:@\"']{1,64}:([^\s/@\"']{1,128})\Z")
# keys that name something about a credential, or a token that is not one
_KEY_NOT_SECRET = re.compile(
    r"(?:csrf|xsrf|nonce|state|captcha|page|next|continuation|pagination|cursor|type|hint|policy"
    r"|length|len|count|expir\w*|expires?|ttl|created|updated|changed|reset|last|at|date|time|id"
    r"|version|format|strength|required|enabled|valid|status|name|field|url|uri|endpoint)\Z")
_KEY = words(r"pass(?:word|wd)?", r"pwd", r"secret", r"api[_-]?key", r"apikey", r"token",
             r"private[_-]?key", r"access[_-]?key", r"credential", r"authorization")


@register
class SecretRecognizer(Recognizer):
    entity = SECRET
    context = (r"secret", r"token", r"key", r"pass", r"auth", r"credential", r"bearer")
    negative = (r"example", r"sample", r"dummy", r"placeholder", r"test[_-]?key")

    def _value(self, batch, pos: int, end: int, prior: float, why: str):
        m = _VALUE.match(batch.text, pos, end)
        if not m:
            return None
        value = m.group(1)
        if value[0] in "/~" and batch.lower[max(0, pos - 5):pos].lstrip(" \"'").startswith(("pwd", "d=", "wd")):
            return None  # sudo/shell "PWD=/home/x" is the working directory
        if _PLACEHOLDER.match(value) or len(value) < 3:
            return None
        if why.startswith("token") and (len(value) < 8 or value.isdigit()):
            return None  # "token=eof", "token: 12"
        return self.cand(m.start(1), m.end(1), prior, 0.97, True, why)

    def find(self, batch):
        text = batch.text
        lower = batch.lower
        for kind, pat in _TOKENS:
            prior = _TOKEN_PRIOR[kind]
            for m in batch.scan(pat):
                s = m.start()
                if kind == "stripe":
                    if s == 0 or text[s - 1] not in "sr":
                        continue
                    s -= 1
                if s > 0 and text[s - 1].isalnum():
                    continue
                yield self.cand(s, m.end(), prior, 0.99, True, kind)
        for pat, prior, why in _KEYWORDS:
            for m in batch.scan(pat, lower=True):
                if m.start() > 0 and lower[m.start() - 1].isalnum() and not text[m.start()].isupper():
                    continue  # inside a longer word ("bypass=", "mytoken:"); "sessionToken" is fine
                if lower[max(0, m.start() - 5):m.start()].rstrip("_-").endswith(("csrf", "xsrf", "nonce")):
                    continue
                seg_end = batch.segment_bounds(batch.segment_of(m.start()))[1]
                c = self._value(batch, m.end(), min(seg_end, m.end() + 520), prior, why)
                if c is not None:
                    yield c
        for m in batch.scan(_MYSQL_P):
            if not _PLACEHOLDER.match(m.group(1)):
                yield self.cand(m.start(1), m.end(1), 0.85, 0.95, True, "mysql-p")
        for m in batch.scan(_FREE_PASSWORD, lower=True):
            if m.start() > 0 and lower[m.start() - 1].isalnum():
                continue
            if "=" in m.group() or lower[m.end() - 1] in ":=":
                continue  # handled as a keyword assignment above
            seg_end = batch.segment_bounds(batch.segment_of(m.start()))[1]
            v = _VALUE.match(text, m.end(), min(seg_end, m.end() + 130))
            if v and _looks_like_password(v.group(1)):
                yield self.cand(v.start(1), v.end(1), 0.75, 0.95, True, "password-free-text")
        for m in batch.scan(_BEARER, lower=True):
            if m.start() > 0 and lower[m.start() - 1].isalpha():
                continue
            seg_end = batch.segment_bounds(batch.segment_of(m.start()))[1]
            c = self._value(batch, m.end(), min(seg_end, m.end() + 520), 0.85, "bearer")
            if c is not None:
                yield c
        for at in batch.scan(_AT):
            seg_start = batch.segment_bounds(batch.segment_of(at.start()))[0]
            u = _URL_CRED.search(text, max(seg_start, at.start() - 220), at.start())
            if u and not _PLACEHOLDER.match(u.group(1)):
                yield self.cand(u.start(1), u.end(1), 0.95, 0.99, True, "url-credential")
        # JSON values under credential keys: the whole value is the secret
        for seg in batch.keyed_segments(_KEY):
            parts = normalize_key(batch.keys[seg]).rsplit(".", 1)[-1].replace("-", "_").split("_")
            if _KEY_NOT_SECRET.match(parts[-1]) or _KEY_NOT_SECRET.match(parts[0]):
                continue
            value = batch.segments[seg]
            if value and not _PLACEHOLDER.match(value.strip()) and len(value) >= 3 \
                    and "\n" not in value.strip() and not value.isdigit():
                s, e = batch.segment_bounds(seg)
                yield self.cand(s, e, 0.9, 0.97, True, "secret-key")


_AT = re.compile(r"@")


def _looks_like_password(v: str) -> bool:
    """Free text after "password": only a value that mixes character classes (not a word)."""
    v = v.rstrip(".,;:!?)'\"")
    if len(v) < 8 or len(v) > 128:
        return False
    classes = sum((any(c.islower() for c in v), any(c.isupper() for c in v),
                   any(c.isdigit() for c in v), any(not c.isalnum() for c in v)))
    return classes >= 3 or (classes == 2 and any(c.isdigit() for c in v) and len(v) >= 10)
