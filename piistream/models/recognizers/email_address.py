"""Email addresses, anchored on '@' or its URL encoding '%40' (literals the regex engine finds
at memory speed), and on the fullwidth and small commercial at (＠ ﹫) where a batch has one.

Internationalised addresses are addresses: a local part or domain in any script
(``josé@exämple.de``, ``用户@例子.广告``; RFC 6531/5890), the same domain in punycode
(``xn--exmple-cua.de``, TLD ``xn--p1ai``), ideographic and fullwidth dots between labels, and
zero-width characters inside. An ASCII address takes the regex fast path; one with non-ASCII
characters next to its '@' is read by ``_unicode_address``.
"""
import re
import unicodedata

from ..entities import EMAIL_ADDRESS
from . import interchange, register
from .base import INVISIBLE, REMOTE_CONTEXT, REMOTE_USERS, SEP, Batch, Recognizer, word_char
from .secrets._shared import looks_random

_TLD = r"([A-Za-z]{2,24}|xn--[A-Za-z0-9\-]{1,59})"
_HOST = (r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?"
         r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?)*\." + _TLD + r"(?![0-9A-Za-z_\-])")
# "@", and "%40" in URL-encoded query strings and form bodies ("?email=jane%40example.com");
# two scans, so each starts with a literal (one alternation would lose the fast skip: 15x slower)
_AT, _AT_URL = re.compile("@"), re.compile("%40")
_HOST_RE = re.compile(_HOST)
_WIDE_ATS = ("\uff20", "\ufe6b")  # FULLWIDTH / SMALL COMMERCIAL AT
_WIDE_AT = re.compile("[\uff20\ufe6b]")
# where a key or a path before the address ends: '=', '/', and their URL encodings, with ':'
# ("mailto%3Ajane%40x.io"); an interchange format's separators, legal in a local part but no
# address's in practice: X12's '*' and '~' ("PER*IC*JANE ROE*TE*2125550143*EM*jane@x.org~"),
# HL7's '^' ("^NET^Internet^jane@x.org")
_KEY_ENDS = ("=", "/", "|", "*", "~", "^", "%3D", "%3d", "%2F", "%2f", "%3A", "%3a", "%7C", "%7c")
_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-]{1,64}\Z")  # (the definition; read as below)
_LOCAL_REVERSED = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-]{1,64}")
_LOCAL_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                         "!#$%&'*+/=?^_`{|}~.-")
_LABEL_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
_DOTS = frozenset(".\u3002\uff0e\uff61")  # full stop; ideographic, fullwidth, halfwidth (IDNA)
_INVISIBLE = frozenset(INVISIBLE)
# TLD-looking file extensions: "icon@2x.png", "logo@3x.webp" are asset names, not addresses.
_FILE_EXT = frozenset("png jpg jpeg gif svg webp ico bmp tif tiff css js mjs ts map json xml "
                      "html htm txt log php py rb java class jar gz zip tar "
                      # systemd unit instances: "postgresql@15-main.service", "getty@tty1.service"
                      "service socket timer mount automount target slice scope swap device".split())
# "git@github.com:org/repo.git", "deploy@host:/srv/app": an scp-style remote (user@host:path) is
# a login on a host, not a mailbox. What follows the ':' reads as a path when it has a '/', starts
# with '~' or ends in ".git"; a bare name ("host:repo", "host:0") only for a service account or
# after a word of version control or remote copy. A port ("jane@example.com:8080") or any other text
# ("jane@example.com:hunter2", a login:password pair) leaves the address an address.
_SCP_PATH = re.compile(r":(?!\d{1,5}(?![\w.\-~]))(?:[~/]|[\w.\-]*/|[\w.\-]*\.git(?![\w\-]))")
_SCP_NAME = re.compile(r":[\w.\-~]")
# SSH's own extension names are "name@domain" (RFC 4251, 6): OpenSSH's and libssh's algorithms,
# key types and protocol extensions, which sshd and ssh -v log; a person at those domains
# ("djm@openssh.com") has no such word in the name
_SSH_DOMAINS = frozenset(("openssh.com", "libssh.org"))
_SSH_NAME = re.compile(r"sha\d|ed25519|ed448|ecdsa|ssh-|sk-|rsa|dss|poly1305|cert-v0|curve25519|"
                       r"aes\d|gcm|-ctr|-cbc|etm|umac|hmac|zlib|mlkem|sntrup|kex|chacha|rijndael|"
                       r"webauthn|hostkeys|keepalive|strict-|ext-info|agent|forward|session|"
                       r"publickey|password|limits|fsync|statvfs|posix-rename|hardlink|lsetstat")
_NOT_USER = re.compile(r"[?#@/]")  # what a URL's user name cannot hold (its password can)
# "host:8080/users?email=...": a host's port and a path, no user's password (as
# secrets.database reads it): the '@' after them is an address's
_PORT = re.compile(r"\d{1,5}(?:/|\Z)")
_NOT_URL_USER = re.compile(r"[?#@/%]")  # (as secrets.database: a URL key holds none raw)
# A service account's login on a host is no mailbox either, whatever follows the host: in a URL's
# authority ("ssh://git@github.com/org/repo.git", "ftp://anonymous@ftp.example.org/pub") or
# after a remote login or copy command ("ssh -i key.pem ec2-user@ec2-3-91-10-2.compute-1.amazonaws.com",
# "rsync -av root@backup.example.com::data"). A person's name there stays an address (a login
# is often the mailbox too: redacted), and so does a service account's address anywhere else
# ("email root@example.com", "mailto:git@example.com").
_LOGIN_USERS = REMOTE_USERS | frozenset("anonymous ftp guest nobody postgres mysql oracle vagrant pi "
                                      "opc azureuser bitnami core fedora alpine".split())
_LOGIN_CONTEXT = re.compile(r"(?i)(?<![a-z])(?:ssh|scp|sftp|rsync|mosh|telnet|ftp)(?![a-z])")
# what an internationalised domain could be: two or more runs of anything but white space,
# ASCII punctuation other than '-' and the at signs, joined by dots (checked by _unicode_host);
# a fast no for the '@'s that start no domain
_LABEL_CHARS = r"[^\s!-,./:-@\[-`{-~\u3002\uff0e\uff61\uff20\ufe6b]+"
_IDN_SHAPE = re.compile(_LABEL_CHARS + r"(?:[.\u3002\uff0e\uff61]" + _LABEL_CHARS + ")+")


# obfuscated addresses (``_obfuscated``): the "at" (bracketed, spaced, or a real '@' before an
# IP literal: ``_at_tokens``), the domain after it with spelled or bracketed dots
# (and defanged as threat reports write it: "jane[@]example[.]com")
_BR_AT = re.compile(r"[\[({<] ?(?:at|@) ?[\])}>]")
_SPACED_AT = re.compile(" at ")
_BR_AT_LEADS = (r"[\[({<]at", r"[\[({<] at", r"[\[({<]@", r"[\[({<] @")
_SPACED_SIGN = re.compile(r"[ ]@[ ]?|@[ ]")  # "jane @ example.com", "jane@ example . com"
_IP_AT = re.compile(r"@(?=\[)")
_DEFANGED_AT = re.compile(r"(?<=[a-z0-9_.\-+])@(?=[a-z0-9][a-z0-9\-]{0,62}(?:\.[a-z0-9\-]{1,63}){0,4}[\[(]\.[\])])")
_DOT = r"(?:[ ]?[\[({<][ ]?(?:dot|\.)[ ]?[\])}>][ ]?| dot |\.| \. )"
_OBF_DOT = re.compile(r"[\[({<][ ]?(?:dot|\.)[ ]?[\])}>]| dot | \. ")
_OBF_DOT_END = re.compile(r"(?:[ ]?[\[({<][ ]?(?:dot|\.)[ ]?[\])}>][ ]?| dot )\Z")  # right before a local part
_LABEL = r"[a-z0-9](?:[a-z0-9\-]{0,62}[a-z0-9])?"
_OBF_DOMAIN = re.compile(_LABEL + r"(?:" + _DOT + _LABEL + r")*" + _DOT + r"([a-z]{2,24})(?![a-z0-9\-])")
# the headers and keys that hold message ids in angle brackets (a list of them in References)
_MESSAGE_ID_BEFORE = re.compile(r"(?<![a-z])(?:(?:x-|original-|resent-)?message[-_ ]?id|in-reply-to|references|"
                                # (its colon, or a blank: Cisco ESA's "Message-ID '<...>'")
                                r"content-id|msg[-_]?id|thread-id|smtp-id|hdr_mid)[\"']?(?:[ \t]*[:=][ \t]*|[ \t]+)[\"']?"
                                r"(?:<[^<>\s]{1,250}>[ \t,]*)*<\Z")
_MESSAGE_ID_KEY = re.compile(r"message[-_]?id|messageid|in[-_]?reply[-_]?to|references|content[-_]?id|"
                             r"internetmessageid|msgid|smtp[-_]?id")
# a VERP bounce address's local part: the mailer's prefix, its ids, the recipient's mailbox and
# domain joined by '=' ("bounce-mc.us5_44348746.552484-f.anderson=yahoo.co.uk")
_VERP = re.compile(r"(?i)(?<![^\s\"'<:,;(\[])(?:bounces?|return|srs[01]|(?:ms)?prvs\d?)[\-+=._][^\s@=\"'<>]{0,60}=[a-z0-9][a-z0-9.\-]{0,60}\.[a-z]{2,24}\Z")
_VERP_HINT = re.compile(r"(?i)bounce|return|srs[01]|prvs")  # (a literal scan first: most have none)
# local parts that describe an address's form rather than name a mailbox
_TEMPLATE_LOCALS = frozenset("""firstname.lastname firstname_lastname first.last first_last
firstnamelastname name.surname firstname lastname yourname your.name your_name yourusername
your.username youremail your.email youraddress netid your.netid yournetid username userid
user.name""".split())
_ORACLE_LOGIN = re.compile(r"(?i)(?:jdbc:oracle:[a-z0-9]+:|sqlplus[ \t]+(?:-[sl][ \t]+)*|\bconnect[ \t]+)"
                           r"[A-Za-z0-9_$#]{1,30}/[^\s/@\"']{0,60}\Z")
_STORAGE_URL = re.compile(r"(?i:abfss?|wasbs?)://\Z")
_CALL_ID_BEFORE = re.compile(r"(?<![a-z])(?:call[-_ ]?id|correlation[-_ ]?id)[\"']?[ \t]*[:=][ \t]*[\"'<\[]?\Z")
# a local part made of hex groups, as a SIP stack or a mailer makes ids ("698594d6-f57d6987-
# 110825f4-2f719e9f@sbc-east-1.example.io", a UUID): no one's mailbox
# (or one long run of hex, a digest a mailer names a message by, "642662a58541ab4270484f7fe9ea4a9a@
# mta-59.mailgun.net"; or a queue's timestamp and id, "20233990586140.6DECE6F2275@...")
_HEX_ID_LOCAL = re.compile(r"[0-9a-fA-F]{6,}(?:-[0-9a-fA-F]{4,}){2,}|(?=[a-fA-F]*\d)(?=\d*[a-fA-F])[0-9a-fA-F]{24,}|\d{12,14}\.[0-9A-Fa-f]{6,14}")
# a SIP or tel URI's user, or a FreeSWITCH channel's ("sofia/external/+2347017429208@..."), that
# is a number with or without its '+'
_PHONE_USER = re.compile(r"\+?\d{2,15}")
_SIP_BEFORE = re.compile(r"(?:sips?:|tel:|sofia/[\w\-]{1,32}/)\Z", re.I)
_UID_BEFORE = re.compile(r"(?<![a-z\-])uid[ \t]*[:=][ \t]*\Z")  # an iCalendar event's UID
# hosts that name messages, no mailboxes: Exchange Online's servers ("<PH0PR51MB0211D1B1...@
# PH0PR51MB0211.eurprd07.prod.outlook.com>" in a tracking log), Gmail's Message-ID host
_ID_HOSTS = re.compile(r"[a-z]{2,4}\d[a-z]{2,4}\d{2}mb\d{3,5}(?:\.[a-z0-9]{2,12})?\.prod\.outlook\.com|mail\.gmail\.com")
_CHAT_DOMAINS = frozenset(("thread.v2", "thread.skype", "thread.tacv2", "unq.gbl.spaces", "meeting.skype"))
_HEADER_BEFORE = re.compile(r"(?<![a-z\-])(?:from|to|cc|bcc|reply-to|sender|author|return-path)[ \t]*:[ \t]*<?\Z")
_NAME_AFTER = re.compile(r"[ \t]+(?:\([^\W\d_][^()\n]{0,60}\)|wrote:)")
_IP_LITERAL = re.compile(r"\[(?:\d{1,3}(?:\.\d{1,3}){3}|ipv6:[0-9a-f:.]{2,45})\](?![\w\]])")
_COMMON_TLDS = frozenset("com org net edu gov mil io co uk de fr es it nl be ch at se no dk fi pl "
                         "ru jp cn in br au ca us info biz me eu".split())


def _word_char(c: str) -> bool:
    """A letter, mark or digit of any script, or a character that renders as nothing."""
    return unicodedata.category(c)[0] in "LMN" or c in _INVISIBLE


def _ascii_end(after: str) -> bool:
    """Does an ASCII host end before ``after`` (the next two characters)? Not when a letter,
    mark, digit or invisible character of another script continues it ("x.io.рф", "x.orgé": an
    internationalised domain); a numeral sign ("org²", a footnote) or punctuation ends it."""
    return after.isascii() or not any(
        not ch.isascii() and _word_char(ch) and unicodedata.category(ch) not in ("No", "Nl")
        for ch in after)


def _unicode_host(text: str, pos: int, limit: int) -> tuple[int, str] | None:
    """(end, TLD) of an internationalised domain starting at ``text[pos]``, or None."""
    i = pos
    labels: list[tuple[int, int]] = []
    start = i
    while i < limit:
        c = text[i]
        if c in _DOTS:
            labels.append((start, i))
            start = i + 1
        elif not (c in _LABEL_ASCII or (not c.isascii() and _word_char(c))):
            break
        i += 1
    if i < limit and text[i] == "_":
        return None  # inside an identifier
    labels.append((start, i))
    while labels and labels[-1][0] == labels[-1][1]:  # a trailing dot ends the sentence
        labels.pop()
    if len(labels) < 2:
        return None
    for s, e in labels:
        label = text[s:e].strip(INVISIBLE)
        if not label or len(label) > 63 or label[0] == "-" or label[-1] == "-":
            return None
    s, e = labels[-1]
    # a TLD has no digits: non-ASCII numbers right after it (a footnote mark "org¹", a digit
    # of another script) follow the address, they are not part of it
    while e > s and not text[e - 1].isascii() and unicodedata.category(text[e - 1])[0] == "N":
        e -= 1
    tld = "".join(ch for ch in text[s:e] if ch not in _INVISIBLE)
    if tld.lower().startswith("xn--"):
        ok = tld.isascii() and len(tld) > 4
    else:
        ok = len(tld) >= 2 and all(ch.isalpha() or unicodedata.category(ch)[0] == "M" for ch in tld) \
            and (len(tld) <= 24 or not tld.isascii())
    return (e, tld) if ok else None


def _unicode_local(text: str, lo: int, at: int) -> int:
    """Start of the local part that ends at ``at`` (== ``at`` when there is none)."""
    i = at
    while i > lo:
        c = text[i - 1]
        # a letter, mark or decimal digit of any script (a numeral sign such as "¹" or "½"
        # before an address is no part of it)
        if c in _LOCAL_ASCII or (not c.isascii() and _word_char(c)
                                 and unicodedata.category(c) not in ("No", "Nl")):
            i -= 1
        else:
            break
    return max(i, at - 64)


@register
class EmailRecognizer(Recognizer):
    entity = EMAIL_ADDRESS
    context = (r"e-?mail", r"mail", r"contact", r"user", r"from", r"to(?![a-z])", r"reply")
    negative = (r"version", r"package", r"commit", r"git@", r"image", r"asset", r"icon")

    def find(self, batch):
        for s, e, reason in interchange.of_type(batch, EMAIL_ADDRESS):
            # (a reservation's contact address as IATA's teletype encodes it: "//" for "@")
            yield self.cand(s, e, 0.9, 0.97, True, reason, decisive=True)
        text = batch.text
        ascii_text = text.isascii()
        # read lazily, not cached on the batch: no other recognizer scans for these, and a
        # record of 200,000 '@' would hold a match object and a pair per anchor (about 50 MB)
        pats = (_AT, _AT_URL, _WIDE_AT) if not ascii_text and any(a in text for a in _WIDE_ATS) \
            else (_AT, _AT_URL)
        anchors = ((m.start(), m.end()) for pat in pats for m in pat.finditer(text))
        n = len(text)
        # overlapping addresses ("a.bc@a.bc@a.bc", a chain no real address makes) are one
        # candidate: a record of 200,000 of them is not scored 200,000 times
        pend_start = pend_end = -1
        for at, after in anchors:
            # no pattern here crosses a segment's end (SEP): the segment's bounds are looked
            # up only for the anchors that start a domain
            wide = after - at == 1 and text[at] != "@"
            h = None if wide else _HOST_RE.match(text, after)
            if h is not None and _ascii_end(text[h.end():h.end() + 2].split(SEP, 1)[0]):  # not "x.io.рф"
                end, tld = h.end(), h.group(1)
            elif not wide and (ascii_text or text[after:after + 256].split(SEP, 1)[0].isascii()):
                continue
            else:
                shape = _IDN_SHAPE.match(text, after, min(n, after + 256))
                u = None if shape is None else _unicode_host(text, after, min(n, after + 256))
                if u is not None:
                    end, tld = u
                elif h is not None:
                    # no internationalised domain reads here ("example.orgÀ0"): the ASCII host
                    # before the other characters is the address's (redacting it leaks nothing)
                    end, tld = h.end(), h.group(1)
                else:
                    continue
            if tld.lower() in _FILE_EXT:
                continue
            seg_start, seg_end = batch.segment_bounds(batch.segment_of(at))
            if not wide and (ascii_text or text[max(seg_start, at - 64):at].isascii()):
                local = _local_before(text, at, max(seg_start, at - 64))
                if not local:
                    quoted = _quoted_local(text, at, max(seg_start, at - 66))
                    if quoted is None:
                        continue
                    local = quoted
            else:
                local = text[_unicode_local(text, max(seg_start, at - 64), at):at]
            verp = _VERP.search(local) if "=" in local and _VERP_HINT.search(local) else None
            if verp is not None:
                # a bounce address that carries its recipient's ("bounces+9778119-033b-garcia.
                # jennifer=wayneenterprises.com@em8211.example.se", VERP): the whole of it
                local = verp.group()
            elif not local.startswith('"'):
                # "user=jane@x.io", "/v1/users?email=jane%40x.io": the key and the path before
                # it are not the address; "Lee|536-90-4399|jane@x.io": a row's fields neither
                # ('=', '/' and '|' are legal in a local part, but in logs they end a key or
                # a field)
                for sep in _KEY_ENDS:
                    if sep in local:
                        local = local.rsplit(sep, 1)[1]
                local = local.lstrip(".'`{|}~=?^!#$%&*/+-" + INVISIBLE)
            # (two dots in a row break RFC 5322's dot-atom, but "john..doe@x.io" is a typo of
            # an address, still the person's: it is read whole)
            if not local or local.endswith("."):
                continue
            if text[after:end].lower() in _SSH_DOMAINS and _SSH_NAME.search(local.lower()):
                continue  # "sk-ssh-ed25519-cert-v01@openssh.com": an SSH algorithm's name
            start = at - len(local)
            # ("to:" and "mailto:" before an address are no URL's user; "magento:" is one)
            if start > 0 and not (text.endswith("to:", max(0, start - 3), start) and
                                  (start < 4 or not text[start - 4].isalnum() or
                                   text.endswith("mailto:", max(0, start - 7), start))):
                # scheme://user:pass@host is a credential, not an address (see secret.py): the
                # '@' ends a URL's user:password, whatever the password holds ("://:0000)A@db",
                # "://app:Wq8#zT2!@db": as ``secrets.database`` reads it)
                lo = max(seg_start, start - 80)
                scheme = text.rfind("://", lo, start)
                info = text[scheme + 3:start] if scheme >= 0 else ""
                user, _, pw = info.partition(":")
                if ":" in info and not _NOT_USER.search(user) and \
                        not any(c.isspace() for c in info) and not (user and _PORT.match(pw)):
                    continue
            if _SCP_PATH.match(text, end, seg_end) or (
                    _SCP_NAME.match(text, end, seg_end) and (
                        local.lower() in REMOTE_USERS or
                        REMOTE_CONTEXT.search(text, max(seg_start, start - 48), start))):
                continue
            in_url = text.startswith("://", start - 3) and start - 3 >= seg_start
            if local.lower() in _LOGIN_USERS and (
                    in_url or _LOGIN_CONTEXT.search(text, max(seg_start, start - 48), start)):
                continue
            if in_url and text[end:end + 1] != "@" and looks_random(local) and \
                    not _NOT_URL_USER.search(local):
                continue  # "https://4f1c...8f7a@o123.ingest.sentry.io": a key (secrets.database
                #           reads it, on the same terms)
            if self._message_id(batch, start, at, after, end, seg_start):
                continue
            if local.lower() in _TEMPLATE_LOCALS:
                continue  # "use your netid@temple.edu", "firstname.lastname@company.com": a form,
                # not anyone's address
            if _ORACLE_LOGIN.search(text, max(seg_start, start - 64), start):
                continue  # Oracle's "jdbc:oracle:thin:APPS/pw@host", "sqlplus scott/pw@db": a
                # login's password and its host (``secrets.database`` reads the password)
            if _STORAGE_URL.search(text, max(seg_start, start - 8), start):
                continue  # Azure storage's "abfss://container@account.dfs.core.windows.net": a container
            if _PHONE_USER.fullmatch(local) and (text[start - 1:start] == "+" or
                                                  _SIP_BEFORE.search(text, max(seg_start, start - 24), start)):
                continue  # a SIP address whose user is a number ("sip:+491635284074@sbc01...",
                # "sofia/internal/1002@netvox.de"): the phone's, not a mailbox (the phone
                # recognizer reads the number)
            if pend_start <= start < pend_end:  # (the anchors of each pattern come in order)
                pend_end = max(pend_end, end)
                continue
            if pend_end >= 0:
                yield self.cand(pend_start, pend_end, 0.95, 0.99, True, "email")
            pend_start, pend_end = start, end
        if pend_end >= 0:
            yield self.cand(pend_start, pend_end, 0.95, 0.99, True, "email")
        yield from self._obfuscated(batch)

    @staticmethod
    def _message_id(batch, start: int, at: int, after: int, end: int, seg_start: int) -> bool:
        """Whether an address's shape is a message's or a thread's identifier, no mailbox: in
        a Message-ID, In-Reply-To, References or Content-ID header or key, a mid: or cid: URL,
        a calendar event's UID; Microsoft Teams' conversation ids ("19:...@thread.v2",
        "...@unq.gbl.spaces")."""
        text = batch.text
        domain = text[after:end].lower()
        if domain.endswith(".3gppnetwork.org"):
            return True  # a SIM's network access identity ("0310260701492155@wlan.mnc260.mcc310.
            # 3gppnetwork.org": EAP-SIM's, an IMS private identity), no mailbox
        if domain in _CHAT_DOMAINS or text.startswith("19:", start - 3) or _ID_HOSTS.fullmatch(domain) or \
                _HEX_ID_LOCAL.fullmatch(text, start, at):
            return True
        key = batch.keys[batch.segment_of(at)] if batch.keys else ""
        if key and _MESSAGE_ID_KEY.search(key.lower()):
            return True
        if _CALL_ID_BEFORE.search(batch.lower, max(seg_start, start - 24), start) is not None:
            return True  # a SIP call's id ("Call-ID: 57c02fbc0d20fb5f18c@ims.example.org")
        if start - 4 >= seg_start and batch.lower.startswith(("mid:", "cid:"), start - 4) and \
                not (start - 5 >= seg_start and batch.lower[start - 5].isalnum()):
            return True  # RFC 2392's URL of a message or a part ("mid:1734583821189@webservices...")
        lo = max(seg_start, start - 320)
        lt = text.rfind("<", max(lo, start - 80), start)  # the id's bracket ("<CAG1Mqf=A28r...@")
        if lt >= 0 and not any(c in "> \t" for c in text[lt + 1:start]) and \
                _MESSAGE_ID_BEFORE.search(batch.lower, lo, lt + 1) is not None:
            return True
        return _UID_BEFORE.search(batch.lower, max(seg_start, start - 12), start) is not None

    @staticmethod
    def _archived(batch, at: int, d) -> bool:
        """A spaced "at" with a real dot, as mailing-list archives (Mailman's Pipermail) write
        an address: in a header ("From: jane.doe at example.com (Jane Doe)"), before the
        person's name in parentheses, or before "wrote:"."""
        lo = batch.starts[batch.segment_of(at)]
        local = _local_before(batch.text, at, max(lo, at - 64))
        start = at - len(local)
        if not local:
            return False
        if _HEADER_BEFORE.search(batch.lower, max(lo, start - 16), start) is not None:
            return True
        n = _NAME_AFTER.match(batch.text, d.end())
        return n is not None and (n.group().endswith("wrote:") or n.group().lstrip(" \t(")[:1].isupper())

    def _obfuscated(self, batch):
        """Addresses written to dodge harvesters: ``jane [at] example [dot] com``,
        ``jane(at)example.com``, ``jane at example dot com``, and an IP literal for a domain
        (``jane@[192.0.2.7]``). Anchored on the "at" (bracketed, or spaced between words); a
        spaced "at" needs a spelled "dot" and a common TLD ("logged in at portal.example.com"
        is no address)."""
        text, lower = batch.text, batch.lower
        for at, after, kind in _at_tokens(batch):
            spaced = kind == "spaced"
            sign = spaced and "@" in lower[at:after]  # "jane @ example.com": a real '@', spaced
            if kind == "ip":  # '@' with an IP literal
                d = _IP_LITERAL.match(lower, after)
                if d is None:
                    continue
            elif kind == "defanged":
                d = _OBF_DOMAIN.match(lower, after)
                if d is None or not _OBF_DOT.search(d.group()):
                    continue
            else:
                d = _OBF_DOMAIN.match(lower, after)
                if d is None or spaced and ((_OBF_DOT.search(d.group()) is None and not sign and
                                             not self._archived(batch, at, d))
                                            or d.group(1) not in _COMMON_TLDS):
                    continue  # (a spaced "at" needs a spelled dot; every spaced one a known TLD)
                if not (spaced or _OBF_DOT.search(d.group()) or "." in d.group()):
                    continue
            seg_start = batch.starts[batch.segment_of(at)]
            local = _local_before(text, at, max(seg_start, at - 64))
            for sep in _KEY_ENDS:  # ("user=jane(at)example.com": the key is no part of it)
                if sep in local:
                    local = local.rsplit(sep, 1)[1]
            local = local.lstrip(".'`{|}~=?^!#$%&*/+-")
            if not local or local.endswith(".") or not any(c.isalpha() for c in local):
                continue
            start = at - len(local)
            # the local part's own dots spelled out too ("jane(dot)doe(at)example(dot)com"):
            # the words before each belong to the address (a few, bounded)
            for _ in range(4):
                dot = _OBF_DOT_END.search(lower, max(seg_start, start - 9), start)
                more = _local_before(text, dot.start(), max(seg_start, dot.start() - 64)) if dot else ""
                more = more.lstrip(".'`{|}~=?^!#$%&*/+-")
                if not more or not more[-1].isalnum():
                    break
                start = dot.start() - len(more)
            yield self.cand(start, d.end(), 0.9, 0.99, True, "email-obfuscated")


def _quoted_local(text: str, at: int, lo: int) -> str | None:
    """A quoted local part right before the '@' at ``at`` (``"john doe"@example.com``, RFC
    5322), quotes included; None when there is none."""
    if at < 2 or text[at - 1] != '"':
        return None
    q = text.rfind('"', lo, at - 1)
    if q < 0 or q == at - 2:
        return None
    inner = text[q + 1:at - 1]
    if inner.isspace() or "\n" in inner or not any(c.isalnum() for c in inner) or \
            (q > 0 and word_char(text[q - 1])):
        return None
    return text[q:at]


def _local_before(text: str, at: int, lo: int) -> str:
    """The longest run of ASCII local-part characters that ends at ``at`` and starts no
    earlier than ``lo`` (what ``_LOCAL.search`` finds), read backwards: one anchored match,
    not a search from every position before it. "" when there is none."""
    if at <= lo:
        return ""
    left = _LOCAL_REVERSED.match(text[at - 1:lo - 1 if lo else None:-1])
    return left.group()[::-1] if left else ""


def _at_tokens(batch: Batch):
    """(start, end, kind) of each "at" an obfuscated address may have: bracketed (with a blank
    either side), spaced between words (only where a spelled "dot" is), or a real '@' before
    '['. The patterns that start with a set of characters are tried only where their leads
    are (``Batch.scan``): the regex engine steps through every character for them (4.7 MB of
    generated logs: 66 ms), the leads' index does not."""
    lower = batch.lower
    for m in batch.scan(_BR_AT, lower=True, lead=_BR_AT_LEADS):
        s, e = m.start(), m.end()
        yield (s - 1 if s > 0 and lower[s - 1] == " " else s,
               e + 1 if lower.startswith(" ", e) else e, "bracketed")
    # (a spaced "at" needs a spelled or spaced dot, or an archive's context: read where the
    # batch has any " at ", so a record's answer does not depend on the others of its batch)
    if "dot" in lower or " . " in lower or " at " in lower:
        for m in _SPACED_AT.finditer(lower):
            if m.start() > 0:
                yield m.start(), m.end(), "spaced"
    for m in _IP_AT.finditer(lower):
        yield m.start(), m.end(), "ip"
    if "[.]" in lower or "(.)" in lower:  # a real '@', the domain's dots defanged ("jane@example[.]com")
        for m in _DEFANGED_AT.finditer(lower):
            yield m.start(), m.end(), "defanged"
    if " @" in lower or "@ " in lower:  # (two substring tests for the common case)
        for m in batch.scan(_SPACED_SIGN, lower=True, lead=(" @", "@ ")):
            if m.start() > 0:
                yield m.start(), m.end(), "spaced"
