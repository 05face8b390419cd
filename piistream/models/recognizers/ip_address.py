"""IPv4 and IPv6 addresses, validated with ``ipaddress``.

Public and private addresses are PII-bearing (they identify users and hosts); loopback,
unspecified, multicast and reserved addresses are reported with a low prior.
"""
import ipaddress
import re
from bisect import bisect_right

from ..entities import IP_ADDRESS
from . import interchange, register
from .base import Recognizer, sql_column
from .base import word_char
from .statements import bound_column

# ASCII look-arounds; letters and digits of other scripts are checked by ``word_char`` (a
# footnote's "¹" before an address is no part of it)
# (an underscore may join the next word where a log writes its message as one token: qmail's
# "69.115.136.119_accepted_message./Remote_host_said:")
_V4 = re.compile(r"(?<![0-9A-Za-z_.\-])(?:\d{1,3}\.){3}\d{1,3}(?![0-9A-Za-z\-]|_(?![A-Za-z])|\.\d)")
# "Chrome/120.0.6099.109", "rv:1.9.2.20": a product token or "rv:" right before a dotted quad.
# A product token starts a word; after a '/' it is a path segment ("GET /lookup/81.2.69.160",
# "/api/v1/ip/8.8.8.8"), where an address is what an API takes.
# A key that names a version ("version":"16.0.5.1", firmware_ver=4.1.38.101) likewise.
_VERSION_BEFORE = re.compile(r"(?:(?<![/\w\-.])[A-Za-z][\w\-]*/|rv:|v)\Z")
# a host's name with a number in it before the '/' ("Node: worker-3/192.168.156.103",
# "gke-prod-pool-1-8a2f/10.4.0.12", kubectl's node and its address): no product's name has a
# digit after a dash or at its end ("Go-http-client/1.1", "UCBrowser/13.4.0.1306")
# (and a Windows credential's target, "TERMSRV/192.168.128.245": Remote Desktop's, a host)
_HOST_NAME = re.compile(r"[A-Za-z][\w\-]*(?:-\d[\w\-]*|\d)/|(?i:termsrv|host|cifs|http|wsman|ldap|mssqlsvc)/")
# nor a name before an address with its port ("ksato/209.197.167.209:10252", OpenVPN's client and
# its real address): no release has a port. (Squid's "HIER_DIRECT/93.184.216.34" stays unread: the
# web server a request went to, no person's address, as the golden set judges it, g019)
_PORT_AFTER = re.compile(r":\d{1,5}(?!\d)")
# a software's move to a release ("upgraded to", "updated agent to", "rolled back to"), on the
# lower-cased text right before a dotted quad
# (or from one: "upgrading paychex-sdk from 2.2.7.9 to 2.1.1.5")
# (not a protocol's upgrade request: "upgrade request from 88.184.15.202", a WebSocket's client)
_UPGRADED_TO = re.compile(r"(?<![a-z])(?:upgrad|updat|downgrad|bump|roll(?:ed|ing)? back|revert|migrat)[a-z]*"
                          r"(?:[ \t]+(?!requests?(?![\w\-.]))[\w\-.]+){0,3}[ \t]+(?:to|from)[ \t]+(?:v(?:ersion)?[ \t]*)?\Z")
# a version's word right before a dotted quad, a blank between ("build 13.0.4.233", "EMV kernel
# 4.6.9.8", "firmware 2.1.0.12"): a release's number, whatever a model reads in its digits
# (a schema's: "schema 5.9.9.4")
_VERSION_WORD = re.compile(r"(?<![a-z])(?:version|ver|vsn|release|build|firmware|fw|kernel|sdk|section|clause|"
                           r"rev(?:ision)?|patch|bios|rom|schema)[ \t]+\Z")
# a .NET assembly's or a Java package's dotted name right before it ("System.Data.Common
# 4.2.2.0", "Microsoft.Data.SqlClient 5.1.0.0"): the component's release
_NAMESPACE_BEFORE = re.compile(r"(?<![\w.])[A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*){2,}[ ]\Z")
# an XML element whose name holds a version's word, its attributes, then the dotted quad
_VERSION_ELEMENT = re.compile(r"<[\w:.\-]{0,60}(?i:version|release|build|firmware)[\w.\-]{0,40}"
                              r"(?:[ \t][^<>]{0,60})?>[ \t]*\Z")
# an ArcSight CEF or IBM LEEF header up to its device version, the fourth of its fields
# ("CEF:0|Cisco|ASA|9.13.1.9|722051|...", "LEEF:2.0|Vendor|Product|7.1.0.22|...")
_CEF_VERSION = re.compile(r"(?:CEF:\d|LEEF:[12]\.0)\|[^|\n]{0,80}\|[^|\n]{0,80}\|\Z")
# a build's word right after a dotted quad ("BIG-IP 17.1.0.1 Build 0.0.1", "7.2.1.7 hotfix 3")
# (the word, then its own number: "build=74b0643" after an address is the next field's key)
_VERSION_AFTER = re.compile(r"[ \t]+(?:build|hotfix)[ \t]+\d")
# a user agent's value up to the dotted quad: a device's or a client's release ("User-Agent:
# Yealink SIP-T46S 66.86.0.15", '"user_agent": "Grandstream GXP2170 1.0.11.23"')
_USER_AGENT_KEY = re.compile(r"(?i:user[\-_]?agent)\Z")  # (a JSON document's key)
_USER_BEFORE = re.compile(r"user[\-_ ]?\Z")
_AGENT_VALUE = re.compile(r"[\"']?[ \t]*[:=][ \t]*[\"']?[^\"'\n\r=;,]{0,80}")


_RELEASE_WORDS = ("version", "ver", "vsn", "release", "build", "firmware", "fw", "kernel", "sdk", "section",
                  "clause", "rev", "revision", "patch", "bios", "rom", "schema")


def _release_before(lower: str, text: str, s: int) -> bool:
    """Whether the words before the blank before ``s`` name a release (``_UPGRADED_TO``,
    ``_VERSION_WORD``, ``_NAMESPACE_BEFORE``): each searched only where the word before the
    blanks can end its match ("to", "from", "v", a version's word; a namespace's last letter
    or digit, two dots before it), not from every place of its window."""
    w = lower[max(0, s - 40):s].rstrip(" \t")
    if not w:
        return False
    if w.endswith(("to", "from", "v", "version")) and _UPGRADED_TO.search(lower, max(0, s - 40), s):
        return True
    if w.endswith(_RELEASE_WORDS) and _VERSION_WORD.search(lower, max(0, s - 12), s):
        return True
    return w[-1].isalnum() and text.count(".", max(0, s - 64), s) >= 2 and \
        _NAMESPACE_BEFORE.search(text, max(0, s - 64), s) is not None


def _in_user_agent(lower: str, s: int) -> bool:
    """Whether the dotted quad at ``s`` is in a user agent's value (``_AGENT_VALUE`` from the
    last "agent" in the 100 characters before it, "user" right before that word): one match
    from one place, not a search from every place of the window."""
    j = lower.rfind("agent", max(0, s - 100), s)
    return j > 0 and _USER_BEFORE.search(lower, max(0, j - 6), j) is not None and \
        _AGENT_VALUE.fullmatch(lower, j + 5, s) is not None
_VERSION_KEY = re.compile(
    r"(?:(?<![A-Za-z])(?:[A-Za-z]+[_\-])?(?i:version|ver|vsn|release|build|firmware)"
    r"|[a-z]+(?:Version|Ver|Release|Build|Firmware)"
    r"|版本|バージョン|버전)[\"']?[ \t]*[:=：][ \t]*[\"']?\Z")  # (and in Chinese, Japanese, Korean)

# a container image's tag ("docker.io/library/busybox:1.9.38.33", "image: redis:3.4.10.234"): a
# registry's host (a domain, or a port) and the repository's path (lower case, as image names
# are), or an image key, then the tag's colon; a tag is the reference's end (an address there
# would go on to a port). A path without a registry ("app/web:81.2.69.160") is no image's.
_IMAGE_REF = re.compile(r"[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*(?:\.[a-z]{2,}|:\d{1,5})"
                        r"(?:/[a-z0-9][a-z0-9._\-]*)+")
_IMAGE_NAME = re.compile(r"[a-z0-9][a-z0-9._\-]*(?:/[a-z0-9][a-z0-9._\-]*)*")  # under an image key
_IMAGE_KEY = re.compile(r"(?<![A-Za-z])(?i:image)[\"']?[ \t]*[:=][ \t]*[\"']?\Z")
_REF_REV = re.compile(r"[A-Za-z0-9._\-/:]{0,160}")  # on the reversed text before the tag's colon


def _image_tag(text: str, s: int) -> bool:
    """Whether the address at ``s`` (after a ':') is an image's tag: the reference before the
    colon is read back once (bounded), then judged whole."""
    j = s - 1
    r = j - _REF_REV.match(text[max(0, j - 160):j][::-1]).end()
    if r == j:
        return False
    return _IMAGE_REF.fullmatch(text, r, j) is not None or \
        _IMAGE_NAME.fullmatch(text, r, j) is not None and \
        _IMAGE_KEY.search(text, max(0, r - 16), r) is not None


def _key_op_before(text: str, s: int) -> bool:
    """Whether ``text`` before ``s`` ends as ``_VERSION_KEY`` must: a ':' or '=', then blanks and
    at most one quote."""
    j = s - 1
    if j >= 0 and text[j] in "\"'":
        j -= 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j >= 0 and text[j] in ":="


_HEX_REV = re.compile(r"[0-9A-Fa-f:]*")
_HEX_FWD = re.compile(r"[0-9A-Fa-f:.]*")
_REUSE_RUNS = True  # False: every match reads its run backwards (the reference, for tests)
_DOUBLE = re.compile(r"::")
# full 8-group form; anchored on ':' so the engine scans for a literal
_FULL = re.compile(r":[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}"
                   r":[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}")


# the addresses of a platform's own services, the same on every machine, so no one's: the cloud
# instance metadata service (AWS, GCP, Azure, OpenStack), ECS's task metadata, Amazon's time
# and DNS resolver, IMDS over IPv6, Azure's host (wire server)
WELL_KNOWN = frozenset(("169.254.169.254", "169.254.170.2", "169.254.170.23", "169.254.169.123",
                        "169.254.169.253", "fd00:ec2::254", "fd00:ec2::123", "fd00:ec2::23",
                        "168.63.129.16"))


# an EC2 instance's public DNS name (lower-cased): its address with dashes
_EC2_NAME = re.compile(r"(?<![a-z0-9\-@])ec2-(\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3})\.(?=[a-z0-9\-]{2,30}\.(?:compute\.)?amazonaws\.)")
# a defanged dot (lower-cased), and an address with one or more of them
_DEFANG_SEP = re.compile(r"\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)")
_DEFANG_LEADS = (r"\[\.", r"\(\.", r"\{\.", r"\[dot\]", r"\(dot\)")
_DEFANGED = re.compile(r"(?<![\w.\]])\d{1,3}(?:(?:\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\[DOT\]|\(DOT\)|\.)\d{1,3}){3}"
                       r"(?![\w\[(]|\.\d)")


def _prior(ip) -> tuple[float, str]:
    """(prior, reason) by what the address can identify. Special-purpose addresses identify no
    one (loopback, unspecified, multicast, IPv4's 240/4 and broadcast, IPv6's ::/8 outside the
    IPv4-mapped block, and a link-local address without device bits such as the gateway
    convention ``fe80::1``). A link-local address is a device's own on its link (IPv6 ones are
    often derived from its MAC: ``fe80::20c:29ff:fe59:7afa``), an IPv4-mapped address is the
    IPv4 address it maps, and valid IPv6 in unallocated space is still an address."""
    if ip.version == 6 and ip.ipv4_mapped is not None:
        return _prior(ip.ipv4_mapped)
    if str(ip) in WELL_KNOWN:
        return 0.05, "ip-well-known"
    if ip.is_loopback or ip.is_unspecified or ip.is_multicast:
        return 0.05, "ip-special"
    if ip.is_link_local:
        if ip.version == 6 and int(ip) & _INTERFACE_ID < 0x10000:
            return 0.05, "ip-special"
        return 0.7, "ip-link-local"
    if ip.is_reserved:
        if ip.version == 4 or int(ip) >> 120 == 0:
            return 0.05, "ip-special"
        return 0.7, "ip-unallocated"
    if ip.is_private:
        return 0.7, "ip-private"
    return 0.85, "ip-public"


def _v4_table() -> tuple[list[int], list[tuple[float, str]]] | None:
    """``_prior`` over the IPv4 space as a step function: (starts, priors), the prior of every
    address from ``starts[i]`` up to the next start. ``_prior`` of an IPv4 address depends only on
    which of ``ipaddress``'s special networks hold it (loopback, link-local, multicast, reserved,
    private, the unspecified address), so it is constant between their bounds: the table takes
    every network the library keeps for IPv4 and asks ``_prior`` once per piece (tested against
    ``ipaddress`` at every bound and on random addresses)."""
    nets = []
    constants = getattr(ipaddress, "_IPv4Constants", None)  # (private: absent, no table)
    if constants is None:
        return None
    for value in vars(constants).values():
        for v in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(v, ipaddress.IPv4Network):
                nets.append(v)
            elif isinstance(v, ipaddress.IPv4Address):
                nets.append(ipaddress.IPv4Network(v))
    bounds = {0}
    for net in nets:
        bounds.add(int(net.network_address))
        if int(net.broadcast_address) < 2 ** 32 - 1:
            bounds.add(int(net.broadcast_address) + 1)
    starts = sorted(bounds)
    return starts, [_prior(ipaddress.IPv4Address(b)) for b in starts]


_V4_STARTS, _V4_PRIORS = _v4_table() or ([], [])


def _v4_prior(value: str) -> tuple[float, str] | None:
    """``_prior`` of a dotted quad of ASCII digits, None when it is no address (an octet over
    255, a leading zero: ``ipaddress``'s rules), read from ``_v4_table``: constructing an
    ``IPv4Address`` and asking its properties cost about 10 us an address."""
    if value in WELL_KNOWN:
        return 0.05, "ip-well-known"
    if not _V4_STARTS:  # a Python whose ipaddress keeps its networks elsewhere: ask it
        try:
            if len(value) == 15:  # "203.000.113.007" (see below)
                value = ".".join(str(int(p)) for p in value.split("."))
            return _prior(ipaddress.IPv4Address(value))
        except ValueError:
            return None
    parts = value.split(".")
    if len(parts) != 4:
        return None
    # four octets of three digits each ("203.000.113.007"): a fixed-width way some network
    # devices log an address, whose leading zeros are padding, not octal
    padded = len(value) == 15
    n = 0
    for p in parts:
        if not (p.isdigit() and p.isascii()) or len(p) > 3 or (len(p) > 1 and p[0] == "0" and not padded):
            return None
        o = int(p)
        if o > 255:
            return None
        n = n << 8 | o
    return _V4_PRIORS[bisect_right(_V4_STARTS, n) - 1]


# a column's name for a version (an INSERT's row, a statement's bound parameters, an error's key)
_VERSION_NAME = re.compile(r"(?i)(?:\A|[_\-.])(?:version|ver|vsn|release|build|firmware)(?:\Z|[_\-])"
                           r"|[a-z](?:Version|Release|Build|Firmware)\Z")


def _named_version(batch, s: int) -> bool:
    """Whether a database log names the value at ``s`` by a version's column."""
    seg = batch.segment_of(s)
    name = sql_column(batch, seg, s) or bound_column(batch, seg, s)
    return bool(name) and _VERSION_NAME.search(name) is not None


_INTERFACE_ID = (1 << 64) - 1
# a year and a time of day joined by "::", as Erlang's logger writes a date's end and its time
_DATE_TIME6 = re.compile(r"(?:19|20)\d\d::[0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?")
# an IPv6 zone (scope) after a link-local address: fe80::1ff:fe23:4567:890a%eth0
_ZONE = re.compile(r"%[A-Za-z0-9_.\-]{1,32}")


@register
class IpAddressRecognizer(Recognizer):
    entity = IP_ADDRESS
    context = (r"ip(?![a-z])", r"client", r"remote", r"addr", r"host", r"src", r"source",
               r"from", r"x-forwarded-for", r"xff", r"peer", r"origin", r"login")
    negative = (r"version", r"ver(?![a-z])", r"versi[o\xf3]n", r"versione", r"vers\xe3o", r"versie", r"release", r"build", r"firmware", r"oid(?![a-z])",
                r"snmp", r"mib(?![a-z])", r"kernel", r"driver", r"patch", r"upgrade", r"update", r"expected",
                r"v(?![a-z0-9])", r"rev(?:ision)?(?![a-z])",
                # a package's release ("pkg=1.5.6.11"; not "fw=", SonicWall's firewall address)
                r"pkg(?![a-z])", r"package")


    def find(self, batch):
        text = batch.text
        n = len(text)
        for s, e, reason in interchange.of_type(batch, IP_ADDRESS):
            yield self.cand(s, e, 0.9, 0.97, True, reason, decisive=True)
        for m in self.exact_in_tokens(batch, _V4, 4, need_dots=3):
            s, e = m.start(), m.end()
            if (s > 0 and word_char(text[s - 1])) or (e < n and word_char(text[e]) and not (
                    # (an underscore that joins the next word, where a log writes its message as
                    # one token: qmail's "69.115.136.119_accepted_message./Remote_host_said:")
                    text[e] == "_" and text[e + 1:e + 2].isalpha())):
                continue
            # (each search only where its last character can be: both end at ``s``, and a
            # search from every start of the window cost a quarter of a dense record's time)
            c = text[s - 1] if s > 0 else ""
            if c in "/:v":
                v = _VERSION_BEFORE.search(text, max(0, s - 24), s)
                if v is not None and not (c == "/" and (_HOST_NAME.fullmatch(v.group()) or
                                                        _PORT_AFTER.match(text, e))):
                    continue
            if c == ":" and text[e:e + 1] != ":" and _image_tag(text, s):
                continue
            if c == ">" and _VERSION_ELEMENT.search(text, max(0, s - 120), s):
                continue  # an XML element that names a version ("<DataVersionIdentifier>22.3.6.11<")
            if c == "|" and _CEF_VERSION.search(text, max(0, s - 180), s):
                continue  # a CEF or LEEF header's fourth field: the device's version
            if e < n and text[e] == " " and _VERSION_AFTER.match(batch.lower, e):
                continue  # "BIG-IP 17.1.0.1 Build 0.0.1": a release named by the word after it
            if c == " " and _release_before(batch.lower, text, s):
                continue  # "Agent upgraded to 15.12.38.60": a release's number, not an address
            if c == " " and (_in_user_agent(batch.lower, s) or
                             batch.keys and _USER_AGENT_KEY.search(batch.keys[batch.segment_of(s)])):
                continue
            if c and c in "\"':= \t" and _key_op_before(text, s) and \
                    _VERSION_KEY.search(text, max(0, s - 40), s):
                continue
            if c and c in "'\"(, " and _named_version(batch, s):
                continue  # an INSERT's or a bound parameter's column names a version
            got = _v4_prior(m.group())  # the normalised token: ASCII digits and dots
            if got is None:
                continue
            prior, why = got
            yield self.cand(m.start(), m.end(), prior, max(prior, 0.9 if prior > 0.5 else 0.3),
                            True, why)
        seen: set[int] = set()
        for pat in (_DOUBLE, _FULL):
            prev_st = prev_s = -1
            for m in batch.scan(pat):
                st = m.start()
                # the hex digits and colons before the match (at most 40), and those, with dots,
                # after it (to 46 from the start): reversed-slice and bounded scans, not a loop.
                # In a run of hex digits and colons that holds the previous match too, the run
                # starts where the previous one's did (or further back than 40 characters from
                # it): a check of the stretch between them instead of a backward read.
                if _REUSE_RUNS and 0 <= prev_st and st - prev_st <= 40 and \
                        _HEX_REV.fullmatch(text, prev_st, st):
                    s = max(prev_s, st - 40)
                else:
                    s = st - _HEX_REV.match(text[max(0, st - 40):st][::-1]).end()
                prev_st, prev_s = st, s
                if s in seen:
                    continue
                # (a match that runs past 46 characters from a reused run's start, in a long
                # run of hex groups such as a certificate's fingerprint, ends where it ends)
                e = _HEX_FWD.match(text, m.end(), min(len(text), max(m.end(), s + 46))).end()
                if text.endswith(".", s, e) or (text.endswith(":", s, e) and
                                                not text.endswith("::", s, e)):
                    while e > s and text[e - 1] in ":.":
                        e -= 1  # "addr 1::2:" ends a sentence; "2001:db8::" ends in "::"
                if s > 0 and word_char(text[s - 1]) and (text.startswith(":", s) or
                                                         text.find(":", s, s + 5) > s):
                    # a label glued by a colon ("IP:fe80::1", "IPv6:2001:db8::1", "eth0:fe80::1"):
                    # the address starts after it (the label's last hex letters or digits, "6",
                    # "0", are no group of it)
                    j = text.find(":", s, e)
                    if text.startswith("::", j):
                        continue
                    s = j + 1
                if (s > 0 and (word_char(text[s - 1]) or text[s - 1] in "_.")) or \
                        (e < len(text) and (word_char(text[e]) or text[e] == "_")):
                    continue
                value = text[s:e]
                if _DATE_TIME6.fullmatch(value):
                    continue  # Erlang's report header "=INFO REPORT==== 20-Mar-2024::15:00:07 ===":
                    # a year, its "::", a time of day
                if value.count(":") < 2 or (len(value) < 7 and value != "::1") or \
                        value.count("::") > 1:
                    continue  # an address elides zeros once: "1::2::3" is none (and parsing
                    # it would raise, at a cost, once per "::" of a hostile run)
                try:
                    ip = ipaddress.IPv6Address(value)
                except ValueError:
                    # Apache's "[client 2607:fb90::7ff9:5262:51544]": the address, then its
                    # port after a colon, unbracketed (where the whole is no address: a port
                    # that reads as a group, "2001:db8::1:8080", is redacted with it)
                    head, _, port = value.rpartition(":")
                    if "." in value and not (port.isdigit() and len(port) <= 5):
                        # (or after a dot, as Apple's Network framework writes an endpoint:
                        # "remote=2603:8080:e09d::bfe3.443")
                        head, _, port = value.rpartition(".")
                    if not (port.isdigit() and len(port) <= 5 and int(port) <= 65535 and
                            head.count(":") >= 2 and not head.endswith(":") or
                            head.endswith("::") and port.isdigit() and len(port) <= 5 and "." in value):
                        continue
                    try:
                        ip = ipaddress.IPv6Address(head)
                    except ValueError:
                        continue
                    value, e = head, s + len(head)
                seen.add(s)
                prior, why = _prior(ip)
                if why == "ip-special" and "::" not in value and not ip.is_loopback and \
                        not ip.is_unspecified and not ip.is_multicast and int(ip) >> 120 == 0 and \
                        int(ip) >> 32 != 0 and sum(len(g) > 2 for g in value.split(":")) >= 4:
                    # ::/8 written out in eight groups with bits past the low 32 ("3a:7873:cdd6:
                    # 3075:61f8:3843:88db:bc24", one random address in 256): no special address
                    # is written so (::1, ::, ::ffff:a.b.c.d elide their zeros); unallocated.
                    # Most of its groups have three or four digits, as a drawn address's do: a
                    # certificate's serial or fingerprint in pairs ("5C:9C:E1:09:78:87:F8:07")
                    # stays what it is
                    prior, why = 0.7, "ip-unallocated"
                if why == "ip-unallocated" and (value.count(":") - 2 * value.count("::") < 2 or
                                                not any(c.isdigit() for c in value)):
                    continue  # "cafe::beef", "abc::def": a scope operator between hex words
                if ip.is_link_local and text.startswith("%", e):
                    zone = _ZONE.match(text, e)
                    if zone and not (zone.end() < len(text) and word_char(text[zone.end()])):
                        e = zone.end()  # the zone names the link the address is on
                yield self.cand(s, e, prior, max(prior, 0.9 if prior > 0.5 else 0.3), True, why + "6")
        yield from self._written_otherwise(batch)

    def _written_otherwise(self, batch):
        """An IPv4 address written with other separators: an EC2 instance's public DNS name
        ("ec2-54-210-33-12.compute-1.amazonaws.com": the address is the instance's; not after
        a login's '@', where the name is an address's domain, found whole), and an
        address defanged for a report of indicators ("45.23.188[.]61", "45[.]23[.]188[.]61",
        "10(.)0(.)0(.)7", "45.23.188[dot]61"), where a dot is bracketed so no tool follows it."""
        text = batch.text
        for m in batch.scan(_EC2_NAME, lower=True, lead="ec2-"):
            got = _v4_prior(m.group(1).replace("-", "."))
            if got is not None:
                yield self.cand(m.start(1), m.end(1), got[0], max(got[0], 0.9 if got[0] > 0.5 else 0.3),
                                True, got[1] + "-ec2-name")
        done = -1
        for mark in batch.scan(_DEFANG_SEP, lower=True, lead=_DEFANG_LEADS):
            if mark.start() < done:
                continue
            lo = max(0, mark.start() - 16)
            for m in _DEFANGED.finditer(text, lo, min(len(text), mark.end() + 24)):
                if m.start() <= mark.start() < m.end():
                    done = m.end()
                    got = _v4_prior(_DEFANG_SEP.sub(".", m.group().lower()))
                    if got is not None:
                        yield self.cand(m.start(), m.end(), got[0],
                                        max(got[0], 0.9 if got[0] > 0.5 else 0.3), True, got[1] + "-defanged")
                    break
