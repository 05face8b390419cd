"""Session cookies: whoever replays one is logged in as its owner, so its value is a credential.

Read where cookies are written: a ``Cookie:`` or ``Set-Cookie:`` header (in a log line, a curl
``-H``, a JSON ``headers`` object under a cookie key), curl's ``-b``/``--cookie``, a key whose last
word is the header's (nginx's ``"http_cookie":"sessionid=..."`` and ``"sent_http_set_cookie"``,
Go's ``"headers":{"Cookie":["sid=..."]}``: a list of header lines). Each
``name=value`` pair of the header is read; the value is a ``session_cookie`` when the name is a
session's or an authentication's (``PHPSESSID``, ``JSESSIONID``, ``ASP.NET_SessionId``,
``.AspNetCore.Cookies``, ``connect.sid``, ``laravel_session``, ``_gitlab_session``,
``remember_user_token``, ``next-auth.session-token``, ``wordpress_logged_in_...``...). Analytics,
consent, CSRF and preference cookies are not read, nor values too short to be a session
(``deleted``: an expired cookie), placeholders or templates (``<session id>``, ``${SID}``).

nginx's ``$cookie_NAME`` variable logs one cookie's value under its name
(``"cookie_sessionid":"y43d50..."``, ``cookie_JSESSIONID=...``): the whole value is the cookie's,
read when NAME is a session's (``cookie_consent``, ``cookie_theme`` are not; nor a setting about
the cookie: ``cookie_session_timeout``, ``cookie_sid_name``).
"""
from __future__ import annotations

import re

from ..base import Batch
from ._shared import Family, segment_end
from .placeholders import is_placeholder

KIND = "session_cookie"
# a cookie header's name (quoted or not), then its ':' or '=', on the lower-cased text (a literal
# first: the engine skips to it at memory speed); curl's -b / --cookie and a quote
# (a JSON list of header lines opens after it: Go's http.Header, "Cookie":["sid=..."])
# (IIS's W3C field "cs(Cookie)=" in a key=value log)
_HEADER = re.compile(r"cookie\)?(?:\\?[\"'])?[ \t]*[:=][ \t]*(?:\[[ \t]*)?(?:\\?[\"'])?")
# the identifier a header's name ends: "http_cookie", "sent_http_set_cookie", "X-Set-Cookie" (the
# text before "cookie", lower-cased); its last word before "cookie" may not deny it ("no-cookie")
_HEADER_PREFIX = re.compile(r"[a-z0-9_\-]{0,64}\Z")
_DENIED = re.compile(r"(?:^|[_-])(?:no|not|without|disable|disabled)[_-]\Z")
# nginx's $cookie_NAME: the cookie's name, then its operator, quoted or not, in the text
_NAMED = re.compile(r"cookie[_-]([a-z0-9_.\-]{1,64}?)(?:\\?[\"'])?[ \t]*[:=][ \t]*(?:\\?[\"'])?")
_NAMED_VALUE = re.compile(r"[^;,\s\"'\\]{1,4096}")
# what a cookie_NAME key names about the cookie rather than its value
_SETTING = re.compile(r"(?:^|[_.\-])(?:name|domain|path|timeout|expires?|expiry|max[_-]?age|ttl|"
                      r"length|len|secure|http[_-]?only|same[_-]?site|enabled?|lifetime|age|"
                      r"size|count|prefix|key)\Z")
_CURL = re.compile(r"-(?:b|-cookie)[ \t]+[\"']?")  # (a literal first; the start is checked apart)
# one name=value pair of a header; attributes without a value (Secure, HttpOnly) are passed
# (IIS's W3C logs write a header's blanks as '+': "ASP.NET_SessionId=...;+.ASPXAUTH=...")
_PAIR = re.compile(r"[ \t]*([^=;,\s\"'\\]{1,64})=(\"?)([^;,\s\"'\\]{0,4096})\2[ \t]*(?:[;,](?:\+(?=[\w.]))?)?")
_VALUE_TAIL = re.compile(r"[^;,\s\"'\\]{1,4096}")  # a value's rest after an escaped blank
_PAIR_END = re.compile(r"\"?[ \t]*(?:[;,](?:\+(?=[\w.]))?)?")
_FLAG = re.compile(r"[ \t]*(?:secure|httponly|partitioned)[ \t]*;?", re.I)
_SESSION = re.compile(r"sess|sid|auth|token|jwt|remember|logged[_-]?in|login|identity|mysapsso2|"
                      r"aspnetcore\.cookies|user[_-]?credentials|"
                      # Magento's session cookies, named after its areas
                      r"^frontend$|^adminhtml$")
_NOT_SESSION = re.compile(r"csrf|xsrf|antiforgery|requestverificationtoken|consent|_ga|_gid|_fbp|analytics|lang|locale|theme|"
                          r"timezone|tz$|utm|tracking|cf_bm|ab[_-]?test")
_NOT_VALUES = frozenset(("deleted", "null", "undefined", "true", "false", "none", "expired"))
# a key path whose last word is the header's: "cookie", "headers.Set-Cookie", "http_cookie",
# "sent_http_set_cookie", a list's line "headers.Cookie[0]" (not "no_cookie")
_COOKIE_KEY = re.compile(r"(?:^|[._-])(?<!no_)(?<!no-)(?:set[-_]?)?cookies?(?:\[\d+\])?$", re.I)
# nginx's $cookie_NAME under its own key: "cookie_sessionid", "cookie_JSESSIONID"
_NAMED_KEY = re.compile(r"(?:^|\.)cookie[_-]([^.\[\]]{1,64})$", re.I)
MIN_VALUE = 8
# a bare cookie header's pairs (``Cookies._bare``): the next pair's name after "; ", the first
# pair (a name right after a quote, a blank or the segment's start, then its value up to "; "),
# and the name before a value
_BARE_NAME = re.compile(r"[A-Za-z0-9_.\-]{1,64}=")
_BARE_PAIR = re.compile(r"[A-Za-z0-9_.\-]{1,64}=[^;,\s\"'\\]{0,4096}")
_BARE_SEP = re.compile(r";[ +]")
_BARE_STOP = frozenset(" \t\"'[;,\\")
_BARE_BEFORE = frozenset(" \t\"'[")
_BARE_PAIR_NAME = re.compile(r"([A-Za-z0-9_.\-]{1,64})=\"?\Z")
# the names of session cookies whose value is one whatever it looks like
# (ASP.NET's forms and identity cookies: ".ASPXAUTH", ".AspNet.ApplicationCookie",
# ".AspNetCore.Identity.Application"; not its anti-forgery token's)
_NAMED_SESSION = re.compile(r"sess|^connect\.sid$|remember|logged[_-]?in|aspnetcore\.cookies|^mysapsso2$|"
                            r"^\.aspxauth$|^\.aspnet(?:core)?\.(?!antiforgery)")


def session_name(name: str) -> bool:
    """Whether a cookie of this name carries a session or an authentication."""
    n = name.lower()
    return bool(_SESSION.search(n)) and not _NOT_SESSION.search(n)


def session_value(value: str) -> bool:
    """Whether a session cookie's value may be one: long enough, not an expired cookie's
    (``deleted``), a placeholder or a template (``<session id>``, ``${SID}``)."""
    return len(value) >= MIN_VALUE and value[0] not in "<{$[" and \
        value.lower() not in _NOT_VALUES and not is_placeholder(value) and not _SETTINGS_VALUE.fullmatch(value)


# a value that is settings written out, percent-encoded, no token in it: "lang%3Dde-DE%7Codds%3D
# american%7Ctheme%3Ddark" (lang=de-DE|odds=american|theme=dark), a preference, not a session
_SETTING_WORD = r"[A-Za-z][A-Za-z_\-]{0,23}"
# (read as decoded too: ``escapes`` decodes a value before the recognizers see it)
_SETTINGS_VALUE = re.compile(_SETTING_WORD + r"(?:%3[Dd]|=)(?:" + _SETTING_WORD + r"|\d{1,4})(?:(?:%7[Cc]|%26|%2[Cc]|[&|,])"
                             + _SETTING_WORD + r"(?:%3[Dd]|=)(?:" + _SETTING_WORD + r"|\d{1,4}))+")


class Cookies(Family):
    name = "cookies"
    kinds = (KIND,)

    def find(self, batch: Batch, emit):
        text, lower = batch.text, batch.lower
        done = 0  # where the pairs read so far end: a header inside them is not read again
        for m in batch.scan(_HEADER, lower=True):
            s = m.start()
            if s < done:
                continue
            if s >= 4 and lower.startswith("set-", s - 4):
                s -= 4
            if s > 0 and lower[s - 1].isalnum():
                continue  # "mycookie:"
            if s > 0 and lower[s - 1] in "_-":
                # "http_cookie", "sent_http_set_cookie": a header named by its last word; not
                # a flag ("--cookie": curl's, read below) nor a denial ("no-cookie=")
                head = _HEADER_PREFIX.search(lower, max(0, s - 64), s)
                ident = head.group() if head else ""
                if not ident or ident[0] == "-" or _DENIED.search(ident) or \
                        (head.start() > 0 and lower[head.start() - 1] == "-"):
                    continue
            done = yield from self._pairs(text, m.end(), segment_end(batch, m.start()), emit,
                                          batch.escaped_spaces)
        done = 0
        for m in batch.scan(_CURL):
            s = m.start()
            if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "_-"):
                continue  # "a-b 1", "x--cookie"
            if s >= done:
                done = yield from self._pairs(text, m.end(), segment_end(batch, m.start()), emit,
                                          batch.escaped_spaces)
        for seg in batch.keyed_segments(_COOKIE_KEY):
            s, e = batch.segment_bounds(seg)
            yield from self._pairs(text, s, e, emit, batch.escaped_spaces)
        yield from self._bare(batch, emit)
        for m in batch.scan(_NAMED, lower=True):
            s = m.start()
            if s > 0 and (lower[s - 1].isalnum() or lower[s - 1] in "_-"):
                continue  # "http_cookie_x", "set-cookie-x": not nginx's variable
            v = _NAMED_VALUE.match(text, m.end(), segment_end(batch, s))
            if v is not None:
                yield from self._named(text, m.group(1), v.start(), v.end(), emit)
        for seg in batch.keyed_segments(_NAMED_KEY):
            m = _NAMED_KEY.search(batch.keys[seg])
            if m is not None:
                s, e = batch.segment_bounds(seg)
                yield from self._named(text, m.group(1), s, e, emit)

    def _bare(self, batch: Batch, emit):
        """A header's value logged without its name (Apache's ``"%{Cookie}i"``, a proxy's
        captured header: ``"_ga=GA1.2.4320...; connect.sid=s%3Amo5l...; lang=de"``): a run of
        ``name=value`` pairs apart by "; ", read from its first pair. Of its pairs, those named
        as only session cookies are (``connect.sid``, ``PHPSESSID``, ``laravel_session``; not a
        bare "sid" or "token": an environment's ``TWILIO_ACCOUNT_SID=AC...; TWILIO_FROM_NUMBER=...``
        or a connection string's ``sid=ORCLPROD`` is no cookie header)."""
        text = batch.text

        def strict(vs, ve, *a):
            name = _BARE_PAIR_NAME.search(text, max(0, vs - 66), vs)
            if name is not None and _NAMED_SESSION.search(name.group(1).lower()):
                return emit(vs, ve, *a)
            return None

        if ";+" in text:  # (IIS's W3C logs: "ASP.NET_SessionId=...;+.ASPXAUTH=...")
            seps = [m.start() for m in _BARE_SEP.finditer(text)]
        else:
            seps = []
            at = text.find("; ")
            while at >= 0:
                seps.append(at)
                at = text.find("; ", at + 2)
        done = -1
        for at in seps:
            if at > done and _BARE_NAME.match(text, at + 2):
                # the pair before: back to a quote, a blank, a separator or the segment's start
                # (each character once: the pairs of a run are read on, past ``done``)
                lo = max(batch.starts[batch.segment_of(at)], at - 4160, done)
                s = at
                while s > lo and text[s - 1] not in _BARE_STOP:
                    s -= 1
                if (s == lo or text[s - 1] in _BARE_BEFORE) and _BARE_PAIR.fullmatch(text, s, at):
                    done = yield from _kept(self._pairs(text, s, segment_end(batch, s), strict,
                                                        batch.escaped_spaces))
                else:
                    done = at

    @staticmethod
    def _named(text: str, name: str, vs: int, ve: int, emit):
        """The value of nginx's ``$cookie_NAME``, whole, when NAME is a session's."""
        if session_name(name) and not _SETTING.search(name.lower()) and \
                session_value(text[vs:ve]):
            yield emit(vs, ve, 0.9, 0.97, True, "session-cookie", KIND, True)

    @staticmethod
    def _pairs(text: str, pos: int, end: int, emit, spaces: frozenset[int] = frozenset()):
        """The session values of the pairs from ``pos`` (at most 64 pairs); returns where the
        pairs read end (a generator's return value). ``spaces``: blanks that stand for an escape
        as written (``Batch.escaped_spaces``: "%09" in a cookie's value is three characters of
        it, not the blank that ends it)."""
        for _ in range(64):
            f = _FLAG.match(text, pos, end)
            if f and f.end() > pos:
                pos = f.end()
                continue
            p = _PAIR.match(text, pos, end)
            if p is None or p.end() == pos:
                break
            pos = p.end()
            vs, ve = p.span(3)
            if spaces and ve in spaces:
                while ve in spaces and ve + 1 < end:
                    more = _VALUE_TAIL.match(text, ve + 1, end)
                    if more is None:
                        break
                    ve = more.end()
                pos = _PAIR_END.match(text, ve, end).end()
            if session_name(p.group(1)) and session_value(text[vs:ve]):
                yield emit(vs, ve, 0.9, 0.97, True, "session-cookie", KIND, True)
        return pos


def _kept(pairs):
    """``pairs`` without the values ``strict`` left (None); returns what ``pairs`` returns."""
    while True:
        try:
            c = next(pairs)
        except StopIteration as stop:
            return stop.value
        if c is not None:
            yield c
