"""Session cookies: whoever replays one is logged in as its owner, so its value is a credential.

Read where cookies are written: a ``Cookie:`` or ``Set-Cookie:`` header (in a log line, a curl
``-H``, a JSON ``headers`` object under a cookie key), curl's ``-b``/``--cookie``. Each
``name=value`` pair of the header is read; the value is a ``session_cookie`` when the name is a
session's or an authentication's (``PHPSESSID``, ``JSESSIONID``, ``ASP.NET_SessionId``,
``.AspNetCore.Cookies``, ``connect.sid``, ``laravel_session``, ``_gitlab_session``,
``remember_user_token``, ``next-auth.session-token``, ``wordpress_logged_in_...``...). Analytics,
consent, CSRF and preference cookies are not read, nor values too short to be a session
(``deleted``: an expired cookie), placeholders or templates (``<session id>``, ``${SID}``).
"""
from __future__ import annotations

import re

from ..base import Batch
from ._shared import Family, segment_end
from .placeholders import is_placeholder

KIND = "session_cookie"
# a cookie header's name (quoted or not), then its ':' or '=', on the lower-cased text (a literal
# first: the engine skips to it at memory speed); curl's -b / --cookie and a quote
_HEADER = re.compile(r"cookie(?:\\?[\"'])?[ \t]*[:=][ \t]*(?:\\?[\"'])?")
_CURL = re.compile(r"-(?:b|-cookie)[ \t]+[\"']?")  # (a literal first; the start is checked apart)
# one name=value pair of a header; attributes without a value (Secure, HttpOnly) are passed
_PAIR = re.compile(r"[ \t]*([^=;,\s\"'\\]{1,64})=(\"?)([^;,\s\"'\\]{0,4096})\2[ \t]*[;,]?")
_VALUE_TAIL = re.compile(r"[^;,\s\"'\\]{1,4096}")  # a value's rest after an escaped blank
_PAIR_END = re.compile(r"\"?[ \t]*[;,]?")
_FLAG = re.compile(r"[ \t]*(?:secure|httponly|partitioned)[ \t]*;?", re.I)
_SESSION = re.compile(r"sess|sid|auth|token|jwt|remember|logged[_-]?in|login|identity|"
                      r"aspnetcore\.cookies|user[_-]?credentials")
_NOT_SESSION = re.compile(r"csrf|xsrf|consent|_ga|_gid|_fbp|analytics|lang|locale|theme|"
                          r"timezone|tz$|utm|tracking|cf_bm|ab[_-]?test")
_NOT_VALUES = frozenset(("deleted", "null", "undefined", "true", "false", "none", "expired"))
_COOKIE_KEY = re.compile(r"(?:^|\.)(?:set[-_]?)?cookies?$", re.I)
MIN_VALUE = 8


def session_name(name: str) -> bool:
    """Whether a cookie of this name carries a session or an authentication."""
    n = name.lower()
    return bool(_SESSION.search(n)) and not _NOT_SESSION.search(n)


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
            if s > 0 and (lower[s - 1].isalnum() or lower[s - 1] in "_-"):
                continue  # "mycookie:", "no-cookie="
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
            value = text[vs:ve]
            if len(value) >= MIN_VALUE and session_name(p.group(1)) and value[0] not in "<{$[" \
                    and value.lower() not in _NOT_VALUES and not is_placeholder(value):
                yield emit(vs, ve, 0.9, 0.97, True, "session-cookie", KIND, True)
        return pos
