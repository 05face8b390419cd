"""Credentials in URLs and connection strings: ``scheme://user:PASSWORD@host`` (only the password
is the secret), with an empty user (``redis://:S3cret@cache:6379``), a ``/`` or ``@`` inside the
password (``mysql://u:p@ss@db``, ``postgres://app:pa/ss@db``: the authority ends at the last
``@`` that is followed by a host), several hosts (``mongodb://u:p@h1,h2/``), ``jdbc:`` URLs;
Oracle's ``user/password@host`` after ``:thin:`` and on ``sqlplus`` command lines; a mailbox and
its password as a login pair (``ann@example.com:Pepper1$``: Postfix's ``sasl_passwd``, ``curl -u``,
a leaked combo list). ``key=value``
connection strings (``Password=...;``, ``Pwd=``) are read by the generic key reader.

Linear: the text after each ``://`` is read once per URL token (a token without ``@`` is skipped
whole), at most ``MAX_URL`` characters.
"""
from __future__ import annotations

import re

import numpy as np

from ..base import REMOTE_CONTEXT, REMOTE_USERS, Batch
from ._shared import Family, looks_random, segment_end, segment_start
from .generic import _looks_like_password, _short_password
from .placeholders import is_placeholder

DATABASE, URL, URL_KEY, MAILBOX = "database_password", "url_password", "url_key", "mailbox_password"
MAX_URL = 512
DB_SCHEMES = ("postgres", "postgresql", "pgsql", "mysql", "mariadb", "mongodb", "mongodb+srv",
              "redis", "rediss", "amqp", "amqps", "sqlserver", "mssql", "oracle", "cockroachdb",
              "clickhouse", "cassandra", "couchdb", "neo4j", "neo4j+s", "bolt", "memcached",
              "db2", "snowflake", "vertica", "hana", "sqlite", "influxdb", "elasticsearch",
              "opensearch", "nats", "kafka", "rabbitmq", "ldap", "ldaps", "jdbc")
_SEP = re.compile(r"://")
_SCHEME_REV = re.compile(r"[A-Za-z0-9+.\-:]{0,40}")
_URL_END = re.compile(r"[\s\"'<>`]|\\[nrt\"']")
_HOST = re.compile(r"(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9][A-Za-z0-9.\-_%]*)(?::\d{1,5})?"
                   r"(?=[/?#,;)\]]|\Z)")
_PORT = re.compile(r"\d{1,5}(?:/|\Z)")
_NOT_USER = re.compile(r"[?#@/%]")  # what a user name never holds raw
_THIN = re.compile(r":thin:(?:@)?([A-Za-z0-9_$#.]{1,64})/([^@\s\"'/]{1,128})@")
# a mailbox's domain from its '@', then ':' and a value to a blank, a quote or a delimiter (no
# '/' or ':': "git@github.com:acme/app.git" is a path, "bob@host:8443" a port)
_MAILBOX_PASSWORD = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}\.)+[A-Za-z]{2,24}:"
                               r"([^\s:/\"'`<>,;|]{6,128})(?=[\s\"'`<>,;|]|\Z)")
_ADDRESS_IN = re.compile(r"@[A-Za-z0-9\-]+\.[A-Za-z]")  # a second address, not a password
# scp's "ops@host.example.com:backup2024.tgz": a file on the host
_FILE_NAME = re.compile(r"[\w\-~]+(?:\.[\w\-]+)*\.[A-Za-z][A-Za-z0-9]{0,7}\Z")
_LOCAL_PART = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-")
_SQLPLUS = re.compile(r"sqlplus(?:64)?[ \t]+(?:-[sSlL][ \t]+)*([A-Za-z0-9_$#.]{1,64})/([^@\s\"'/]{1,128})@")
# Oracle's tools that take their logon as an argument, user/password[@db] (lower-cased): sqlplus
# without a connect identifier, SQL*Loader, export/import and Data Pump, RMAN's target, the Data
# Guard broker, E-Business Suite's FNDCPASS, FNDLOAD, WFLOAD, CONCSUB ("expdp system/Manag3r#1
# directory=DP", "FNDLOAD apps/Pr0dApps 0 Y UPLOAD ..."); SQL*Plus's CONNECT ("SQL> conn
# system/Welcome_1 as sysdba")
_ORACLE_TOOL = re.compile(
    r"(?<![\w\-/.])(?P<tool>sqlplus(?:64)?|sqlldr|expdp|impdp|exp|imp|dgmgrl|fndcpass|fndload|wfload|concsub"
    r"|xdoloader|rman[ \t]+target[ \t]*=?|conn(?:ect)?)(?:\.exe)?[ \t]+(?:-\w+[ \t]+)*(?:userid=)?"
    r"[a-z][a-z0-9_$#]{0,63}/(?P<pw>[^@\s\"'/]{1,128})(?=@|[ \t]|\n|\Z)")
_ORACLE_TOOL_LEADS = ("sqlplus", "sqlldr", "expdp", "impdp", "exp[ \t]", "imp[ \t]", "dgmgrl", "fndcpass",
                      "fndload", "wfload", "concsub", "xdoloader", "rman[ \t]", "conn[ \t]", "connect[ \t]")
# (a tool whose name is a word, or SQL*Plus's CONNECT: the logon alone says little, its password
# must look like one; "connect tcp/443", "imp 3/4 done" are no logons)
_WORDY_TOOLS = frozenset(("exp", "imp", "conn", "connect"))
# FNDCPASS's other passwords: the SYSTEM schema's after "0 Y", and the new one it sets
# ("FNDCPASS apps/apps 0 Y system/manager USER SYSADMIN N3wPass", "... ORACLE GL Gl_Pwd2",
# "... ALLORACLE Welc0me1")
_FNDCPASS = re.compile(r"fndcpass[ \t]+[^\s/]+/\S+[ \t]+0[ \t]+y[ \t]+[a-z][a-z0-9_$#]{0,63}/([^@\s\"'/]{1,128})"
                       r"(?:@\S+)?[ \t]+(?:(?:system|user|oracle)[ \t]+[^\s/]+|alloracle|allusers)[ \t]+"
                       r"([^\s\"']{1,128})(?=[ \t]|\n|\Z)")
# Go's MySQL driver's DSN: user:password@tcp(host:port)/db ("backend:Walrus53!@tcp(db:3306)/core")
_GO_DSN = re.compile(r"(?<![\w.$/\-:])([A-Za-z0-9_.$\-]{1,64}):([^@\s\"'/`]{1,128})@(?:tcp|unix|udp|tcp6)\(")
# Oracle's Easy Connect with its credentials, whatever the tool: user/password@//host:port/service
# ("Failed to connect to Oracle: claims_rpt/Willowbluebird!2998@//orascan.prod.local:1521/CLMPRD")
_EZCONNECT = re.compile(r"(?<![\w$#./:])([A-Za-z][A-Za-z0-9_$#]{0,63})/([^@\s\"'/]{1,128})@//[\w.\-]+(?::\d{1,5})?/[\w.\-]")


def _ez_starts(batch: Batch):
    """Where an Easy Connect string may start: the user's name before the '/' of each '@//'
    (read back from the marker; most batches have none)."""
    text, out = batch.text, []
    at = text.find("@//")
    while at >= 0:
        slash = text.rfind("/", max(0, at - 130), at)
        if slash > 0:
            k = slash
            while k > 0 and k > slash - 64 and (text[k - 1].isalnum() or text[k - 1] in "_$#"):
                k -= 1
            out.append(k)
        at = text.find("@//", at + 3)
    return np.asarray(sorted(set(out)), dtype=np.int64)


def _dsn_starts(batch: Batch):
    """Where a Go DSN may start: the user's name before the ':' before each '@tcp(' (read back)."""
    text, out = batch.text, []
    for head in ("@tcp(", "@unix(", "@udp(", "@tcp6("):
        at = text.find(head)
        while at >= 0:
            colon = text.rfind(":", max(0, at - 130), at)
            if colon > 0:
                k = colon
                while k > 0 and colon - k < 64 and (text[k - 1].isalnum() or text[k - 1] in "_.$-"):
                    k -= 1
                out.append(k)
            at = text.find(head, at + 1)
    return np.asarray(sorted(set(out)), dtype=np.int64)


class Database(Family):
    name = "database"
    kinds = (DATABASE, URL, URL_KEY, MAILBOX)

    def find(self, batch: Batch, emit):
        text = batch.text
        skip_until = -1
        seg_lo = seg_hi = -1  # the segment of the last URL (dense URLs share it)
        for m in batch.scan(_SEP):
            after = m.end()
            if after < skip_until:
                continue
            if not seg_lo <= after < seg_hi:
                seg_lo, seg_hi = segment_start(batch, after), segment_end(batch, after)
            limit = min(seg_hi, after + MAX_URL)
            nxt = text.find("://", after, limit)
            if nxt >= 0:
                limit = nxt  # an authority never holds another URL's start
            end_m = _URL_END.search(text, after, limit)
            te = end_m.start() if end_m else limit
            at = text.find("@", after, te)
            if at < 0:
                skip_until = te
                continue
            best, hostless = None, False
            while at >= 0:
                userinfo = text[after:at]
                head = userinfo.partition(":")[0]
                if "?" in head or "#" in head:
                    break  # a query or fragment before any password ("host?next=a@b.io")
                # a password may hold '#' and '?' raw ("postgres://app:Wq8#zT2!@db"): users
                # write DSNs that way, and a password cut there leaks its tail
                if _HOST.match(text, at + 1, te):
                    best, hostless = at, False
                elif at + 1 < te and text[at + 1] == "/":
                    # no host: a database's default one or its socket ("postgres://u:pw@/db",
                    # Airflow's "snowflake://SVC:pw@/DB/SCHEMA?account=..."), a database URL's only
                    best, hostless = at, True
                at = text.find("@", at + 1, te)
            if best is None:
                continue
            userinfo = text[after:best]
            user, sep, pw = userinfo.partition(":")
            if not sep and not hostless and looks_random(user) and not is_placeholder(user) and \
                    not _NOT_USER.search(user) and "." in _HOST.match(text, best + 1, te).group():
                # a machine-made user and no password, before a named host: the user is the key
                # ("https://4f1c...8f7a@o123.ingest.sentry.io/456", a Sentry DSN; a token as the
                # login of a clone URL), not a person's login (nor a mailbox: see email_address)
                skip_until = best
                yield emit(after, best, 0.9, 0.97, True, "url-key", URL_KEY, True)
                continue
            # "host:5432/db@...": a port and a path, not a password -- unless the user is
            # empty ("redis://:0000/A@cache": nothing but a password has that place)
            if not sep or not pw or "/" in user or (user and _PORT.match(pw)) or is_placeholder(pw):
                continue
            scheme = _SCHEME_REV.match(text[max(seg_lo, m.start() - 40):m.start()][::-1]).group()[::-1]
            scheme = scheme.lower().lstrip(".:-+")
            if not scheme or not scheme[0].isalpha():
                continue
            base = scheme.split(":", 1)[1] if scheme.startswith("jdbc:") else scheme
            kind = DATABASE if base.startswith(DB_SCHEMES) or scheme.startswith("jdbc") else URL
            if hostless and kind != DATABASE:
                continue
            skip_until = best
            ps = after + len(user) + 1
            yield emit(ps, best, 0.95, 0.99, True, "url-credential", kind, True)
        at = text.find("@")
        while at >= 0:
            m = _MAILBOX_PASSWORD.match(text, at + 1)
            if m is not None and at > 0 and text[at - 1] in _LOCAL_PART:
                seg_lo = segment_start(batch, at)
                lo = at - 1
                while lo > seg_lo and text[lo - 1] in _LOCAL_PART and at - lo < 64:
                    lo -= 1
                pw = m.group(1)
                # (not a remote login's path: "rsync -a deploy@host.example.com:Release2024x")
                if (lo == seg_lo or text[lo - 1] not in ":/@") and not pw.isdigit() and \
                        text[lo:at] not in REMOTE_USERS and \
                        not REMOTE_CONTEXT.search(text, max(seg_lo, lo - 64), lo) and \
                        not _ADDRESS_IN.search(pw) and not _FILE_NAME.match(pw) and \
                        not is_placeholder(pw) and (_looks_like_password(pw) or _short_password(pw)):
                    yield emit(m.start(1), m.end(1), 0.9, 0.97, True, "mailbox-password", MAILBOX, True)
            at = text.find("@", at + 1)
        for pat, lead in ((_THIN, None), (_SQLPLUS, None), (_EZCONNECT, _ez_starts), (_GO_DSN, _dsn_starts)):
            for m in batch.scan(pat, lead=lead):
                if not is_placeholder(m.group(2)):
                    yield emit(m.start(2), m.end(2), 0.9, 0.97, True, "oracle-credential",
                               DATABASE, True)
        for m in batch.scan(_ORACLE_TOOL, lower=True, lead=_ORACLE_TOOL_LEADS):
            pw = text[m.start("pw"):m.end("pw")]
            if is_placeholder(pw) or pw.isdigit() or m.group("tool") in _WORDY_TOOLS and \
                    not (_looks_like_password(pw) or _short_password(pw)):
                continue
            yield emit(m.start("pw"), m.end("pw"), 0.9, 0.97, True, "oracle-tool-logon", DATABASE, True)
        for m in batch.scan(_FNDCPASS, lower=True, lead="fndcpass"):
            for g in (1, 2):
                pw = text[m.start(g):m.end(g)]
                if not is_placeholder(pw):
                    yield emit(m.start(g), m.end(g), 0.9, 0.97, True, "oracle-tool-logon", DATABASE, True)
