"""Deterministic synthetic server logs and short documents with ground-truth PII spans.

``generate(n, seed, pii_rate, families)`` returns ``Record`` objects: one line of text (or one
line of raw JSON), the record family it came from, and the exact character spans of every
injected PII value. Records without PII contain none of the labelled types at all (no client
IPs either); most of them still carry hard negatives ("decoys"): epoch timestamps, order and
tracking numbers, SSN-shaped part numbers, Luhn-valid IMEIs, zip+4 codes, ISBNs, UUIDs, hex
digests, trace ids, version strings, MAC addresses, loopback / bind addresses, masked cards, ...

Determinism: the output depends only on ``(n, seed, pii_rate, families)`` (and the installed
Faker / phonenumbers data). Faker is slow per call, so per seed a pool of Faker values (names,
domains, user agents, sentences) and of valid phone numbers is built once and then sampled with
a ``random.Random(seed)``; everything else is drawn from that ``Random`` directly.

Spans are Python ``str`` offsets, sorted and non-overlapping. For ``fmt == "json"`` records the
text is one line of raw JSON and every span lies inside a JSON string literal and covers exactly
the raw (escaped) characters of the value, never the quotes.
"""
from __future__ import annotations

import base64
import ipaddress
import random
import string
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from typing import Callable, Iterator, Sequence

import orjson
import phonenumbers
from faker import Faker

# --------------------------------------------------------------------------------------------
# Public data model
# --------------------------------------------------------------------------------------------

from ...models.validators import SSN_EXAMPLES, aba_ok, iban_ok, itin_ok, luhn_ok, ssn_ok
from ...models.entities import (ABA_ROUTING_NUMBER, CREDIT_CARD, EMAIL_ADDRESS, ENTITY_TYPES,  # noqa: F401
                                IBAN_CODE, IP_ADDRESS, PHONE_NUMBER, SECRET, US_BANK_NUMBER,
                                US_ITIN, US_SSN)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str


@dataclass
class Record:
    text: str
    fmt: str            # "text" or "json"
    family: str
    spans: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"text": self.text, "fmt": self.fmt, "family": self.family,
                "spans": [[s.start, s.end, s.type] for s in self.spans]}

    @classmethod
    def from_dict(cls, d: dict) -> "Record":
        return cls(d["text"], d["fmt"], d["family"], [Span(s, e, t) for s, e, t in d["spans"]])

    def values(self) -> list[tuple[str, str]]:
        """(raw text, type) of every span."""
        return [(self.text[s.start:s.end], s.type) for s in self.spans]


# --------------------------------------------------------------------------------------------
# Validators (also used by the tests)
# --------------------------------------------------------------------------------------------

def digits_only(s: str) -> str:
    return "".join(c for c in s if "0" <= c <= "9")


def luhn_check_digit(payload: str) -> str:
    """Check digit to append to ``payload`` (digits) so that the result passes Luhn."""
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = ord(ch) - 48
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    d = digits_only(number)
    return len(d) > 1 and luhn_ok(d)


_ABA_PREFIXES = tuple(list(range(1, 13)) + list(range(21, 33)) + list(range(61, 73)) + [80])
_ABA_W = (3, 7, 1, 3, 7, 1, 3, 7, 1)
_ITIN_GROUPS = tuple(list(range(50, 66)) + list(range(70, 89)) + list(range(90, 93))
                     + list(range(94, 100)))


def aba_valid(s: str) -> bool:
    return aba_ok(s)


def ssn_valid(s: str) -> bool:
    """SSA rules on a formatted or bare SSN (separators: '-', ' ' or none, used consistently)."""
    return len(s) in (9, 11) and ssn_ok(digits_only(s))


def itin_valid(s: str) -> bool:
    return len(s) in (9, 11) and itin_ok(digits_only(s))


def _iban_mod97(s: str) -> int:
    return int("".join(str(int(c, 36)) for c in s)) % 97


def iban_valid(s: str) -> bool:
    return iban_ok(s.replace(" ", ""))


# --------------------------------------------------------------------------------------------
# Static tables
# --------------------------------------------------------------------------------------------

_DIG = string.digits
_UP = string.ascii_uppercase
_LOW = string.ascii_lowercase
_ALNUM = string.ascii_letters + string.digits
_UPALNUM = _UP + _DIG
_LOWALNUM = _LOW + _DIG
_B64 = string.ascii_letters + string.digits + "+/"
_B64URL = string.ascii_letters + string.digits + "-_"
# Password characters: nothing that needs quoting/escaping in URLs, logfmt, SQL, CSV or JSON.
_PW_CHARS = string.ascii_letters + string.digits + "!$*._-~^"
_PW_SYMS = "!$*._-~^"

_MON = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DOW = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# IBAN BBAN structures: (count, kind) with kind n=digit, a=upper letter, c=upper alnum.
IBAN_SPECS: dict[str, tuple[tuple[int, str], ...]] = {
    "DE": ((18, "n"),), "GB": ((4, "a"), (14, "n")), "FR": ((10, "n"), (11, "c"), (2, "n")),
    "ES": ((20, "n"),), "IT": ((1, "a"), (10, "n"), (12, "c")), "NL": ((4, "a"), (10, "n")),
    "BE": ((12, "n"),), "CH": ((5, "n"), (12, "c")), "AT": ((16, "n"),), "PL": ((24, "n"),),
    "SE": ((20, "n"),), "NO": ((11, "n"),), "DK": ((14, "n"),), "FI": ((14, "n"),),
    "IE": ((4, "a"), (14, "n")), "PT": ((21, "n"),), "LU": ((3, "n"), (13, "c")),
    "CZ": ((20, "n"),), "GR": ((7, "n"), (16, "c")), "RO": ((4, "a"), (16, "c")),
    "SA": ((2, "n"), (18, "c")), "AE": ((19, "n"),), "HU": ((24, "n"),),
    "TR": ((5, "n"), (1, "n"), (16, "c")),
}
IBAN_LENGTH = {cc: 4 + sum(n for n, _ in spec) for cc, spec in IBAN_SPECS.items()}
_IBAN_CC = tuple(IBAN_SPECS)
_IBAN_W = tuple({"DE": 14, "GB": 10, "FR": 10, "ES": 8, "IT": 8, "NL": 7}.get(c, 2) for c in _IBAN_CC)
_GB_BANKS = ("NWBK", "BARC", "LOYD", "HBUK", "MIDL", "RBOS", "NAIA", "MONZ")
_NL_BANKS = ("ABNA", "INGB", "RABO", "TRIO", "SNSB", "KNAB")
_BICS = ("DEUTDEFF", "COBADEFFXXX", "BNPAFRPP", "BARCGB22", "NWBKGB2L", "INGBNL2A", "CAIXESBB",
         "UNCRITMM", "SOGEFRPP", "ABNANL2A", "RABONL2U", "BSCHESMM", "CHASUS33", "BOFAUS3N")

_NANP_AREAS = {
    "US": (201, 202, 206, 212, 213, 214, 215, 303, 305, 312, 404, 408, 415, 503, 512, 602, 617,
           646, 650, 702, 713, 718, 773, 786, 805, 808, 818, 917, 929, 971),
    "CA": (403, 416, 514, 604, 613, 647, 780, 902),
}
_PHONE_REGIONS = ("US", "CA", "GB", "DE", "FR", "IN", "AU", "ES", "IT", "NL", "BR", "JP", "MX", "IE")
_PHONE_REGION_W = (46, 5, 10, 7, 5, 5, 4, 3, 3, 3, 3, 2, 2, 2)
_PHONE_POOL = {"US": 240, "CA": 30}  # numbers per region in the pool (default 40)
# NANP variants: (415) 555-2671, 415-555-2671, 415.555.2671, +1 415 555 2671, +14155552671,
# +1 (415) 555-2671, 1-415-555-2671, +1 415-555-2671
_NANP_FMT_W = (30, 26, 8, 10, 12, 5, 4, 5)
# Other regions: international, E.164, national
_INTL_FMT_W = (70, 20, 10)

_CARD_BRANDS = ("visa", "mastercard", "amex", "discover", "jcb", "diners", "unionpay")
_CARD_BRAND_W = (34, 26, 12, 9, 7, 5, 7)
_CARD_GROUPS = {13: (4, 4, 5), 14: (4, 6, 4), 15: (4, 6, 5), 16: (4, 4, 4, 4), 19: (4, 4, 4, 4, 3)}

_MODERN_UAS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36",
    "curl/8.5.0", "python-requests/2.31.0", "Go-http-client/2.0", "okhttp/4.12.0",
    "Googlebot/2.1 (+http://www.google.com/bot.html)", "kube-probe/1.29", "ELB-HealthChecker/2.0",
    "aws-sdk-java/1.12.700 Linux/5.10.215 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS",
    "PostmanRuntime/7.37.3", "Apache-HttpClient/4.5.14 (Java/17.0.10)",
)
_METHODS = ("GET",) * 10 + ("POST",) * 4 + ("PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")
_STATUS = (200,) * 24 + (201, 204, 206, 301, 302, 304, 304, 400, 401, 403, 404, 404, 404, 409,
                         422, 429, 499, 500, 502, 503, 504)
_LEVELS = ("INFO",) * 6 + ("WARN", "WARNING", "ERROR", "ERROR", "DEBUG", "DEBUG", "TRACE")
_SERVICES = ("checkout", "billing", "payments", "auth", "users", "notifications", "search",
             "inventory", "shipping", "gateway", "ledger", "kyc", "payouts", "reports", "webhooks")
_UNITS = ("nginx.service", "docker.service", "containerd.service", "kubelet.service",
          "postgresql@15-main.service", "redis-server.service", "cron.service", "ssh.service",
          "app-worker@3.service", "node-exporter.service", "fluent-bit.service", "certbot.timer")
_JAVA_CLASSES = ("com.acme.billing.PaymentService", "com.acme.billing.web.CheckoutController",
                 "com.acme.users.UserRepository", "com.acme.ach.AchTransferJob",
                 "com.acme.notify.EmailSender", "org.springframework.web.servlet.DispatcherServlet",
                 "com.acme.auth.TokenFilter", "com.acme.kyc.IdentityVerifier",
                 "io.acme.gateway.ProxyHandler", "com.acme.storage.S3Uploader",
                 "com.acme.sepa.PayoutClient", "com.acme.sms.TwilioNotifier")
_IFACES = ("eth0", "ens5", "eno1", "wlan0", "docker0", "cni0", "br-3f2a1c")
_AWS_REGIONS = ("us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2")
_AWS_EVENTS = (("s3.amazonaws.com", "GetObject"), ("s3.amazonaws.com", "PutObject"),
               ("iam.amazonaws.com", "CreateAccessKey"), ("sts.amazonaws.com", "GetCallerIdentity"),
               ("sts.amazonaws.com", "AssumeRole"), ("ec2.amazonaws.com", "DescribeInstances"),
               ("kms.amazonaws.com", "Decrypt"), ("secretsmanager.amazonaws.com", "GetSecretValue"),
               ("signin.amazonaws.com", "ConsoleLogin"), ("lambda.amazonaws.com", "Invoke"))
_FREE_DOMAINS = ("gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com",
                 "proton.me", "aol.com", "gmx.de", "web.de", "yahoo.co.uk", "orange.fr", "live.com")
_EMAIL_TAGS = ("news", "shop", "billing", "work", "spam", "2024", "aws", "github")
_PRIORITIES = ("P1", "P2", "P3", "P4", "urgent", "high", "normal", "low")


# --------------------------------------------------------------------------------------------
# Labelled values and renderers
# --------------------------------------------------------------------------------------------

class P:
    """A labelled value: rendered verbatim, recorded as a span of type ``t``."""
    __slots__ = ("v", "t")

    def __init__(self, v: str, t: str):
        self.v = v
        self.t = t


class Cat(tuple):
    """A JSON string built from parts (``str`` and ``P``)."""
    __slots__ = ()


def _flat_str(x) -> str:
    t = type(x)
    if t is str:
        return x
    if t is P:
        return x.v
    if t is list or t is tuple or t is Cat:
        return "".join(_flat_str(y) for y in x)
    if x is None:
        return ""
    return str(x)


def _render_text(parts) -> tuple[str, list[Span]]:
    out: list[str] = []
    spans: list[Span] = []
    pos = 0
    stack = [parts]
    # iterative depth-first walk keeping order
    while stack:
        x = stack.pop()
        t = type(x)
        if t is str:
            out.append(x)
            pos += len(x)
        elif t is P:
            n = len(x.v)
            spans.append(Span(pos, pos + n, x.t))
            out.append(x.v)
            pos += n
        elif t is list or t is tuple or t is Cat:
            stack.extend(reversed(x))
        elif x is None:
            continue
        else:
            s = str(x)
            out.append(s)
            pos += len(s)
    return "".join(out), spans


def _jesc(s: str) -> str:
    return orjson.dumps(s).decode()[1:-1]


def _render_json(obj, spaced: bool) -> tuple[str, list[Span]]:
    out: list[str] = []
    spans: list[Span] = []
    colon = ": " if spaced else ":"
    comma = ", " if spaced else ","
    pos = 0

    def emit(s: str) -> None:
        nonlocal pos
        out.append(s)
        pos += len(s)

    def label(v: P) -> None:
        e = _jesc(v.v)
        spans.append(Span(pos, pos + len(e), v.t))
        emit(e)

    def walk(o) -> None:
        t = type(o)
        if t is dict:
            emit("{")
            first = True
            for k, v in o.items():
                if not first:
                    emit(comma)
                first = False
                emit('"' + _jesc(k) + '"')
                emit(colon)
                walk(v)
            emit("}")
        elif t is list:
            emit("[")
            for i, v in enumerate(o):
                if i:
                    emit(comma)
                walk(v)
            emit("]")
        elif t is str:
            emit('"' + _jesc(o) + '"')
        elif t is P:
            emit('"')
            label(o)
            emit('"')
        elif t is Cat:
            emit('"')
            for part in o:
                if type(part) is P:
                    label(part)
                else:
                    emit(_jesc(part))
            emit('"')
        elif o is None:
            emit("null")
        elif t is bool:
            emit("true" if o else "false")
        elif t is int:
            emit(str(o))
        elif t is float:
            emit(orjson.dumps(o).decode())
        else:
            raise TypeError(f"cannot render {t!r}")

    walk(obj)
    return "".join(out), spans


def _lf(v):
    """A logfmt value: quoted when it has spaces, quotes or '='."""
    s = _flat_str(v)
    if s == "" or " " in s or '"' in s or "=" in s:
        return ['"', v, '"']
    return v


def _kvs(pairs, sep=" ", eq="="):
    """Render [(key, value_parts)] as logfmt-ish text parts."""
    out: list = []
    for i, (k, v) in enumerate(pairs):
        if i:
            out.append(sep)
        out.append(k)
        out.append(eq)
        out.append(_lf(v))
    return out


def _ascii_name(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return "".join(c for c in s.lower() if c.isalnum())


# --------------------------------------------------------------------------------------------
# Per-seed pools (Faker is slow per call: build once, sample many times)
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Pools:
    first: tuple
    last: tuple
    first_ascii: tuple
    last_ascii: tuple
    usernames: tuple
    corp_domains: tuple
    companies: tuple
    hosts: tuple
    user_agents: tuple
    cities: tuple
    streets: tuple
    sentences: tuple
    words: tuple
    uri_paths: tuple
    jobs: tuple
    phones: dict


def _rand_phone(rng: random.Random, region: str):
    cc = phonenumbers.country_code_for_region(region)
    for _ in range(400):
        if region in _NANP_AREAS:
            nat = f"{rng.choice(_NANP_AREAS[region])}{rng.randint(200, 999)}{rng.randint(0, 9999):04d}"
        else:
            t = rng.choice((phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE))
            ex = phonenumbers.example_number_for_type(region, t)
            base = phonenumbers.national_significant_number(ex)
            keep = max(2, len(base) // 3)
            nat = base[:keep] + "".join(rng.choices(_DIG, k=len(base) - keep))
        try:
            num = phonenumbers.parse(f"+{cc}{nat}")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(num) and phonenumbers.region_code_for_number(num) == region:
            return num
    raise RuntimeError(f"could not make a valid phone number for {region}")


def _phone_formats(num, region: str) -> tuple[str, ...]:
    pnf = phonenumbers.PhoneNumberFormat
    e164 = phonenumbers.format_number(num, pnf.E164)
    intl = phonenumbers.format_number(num, pnf.INTERNATIONAL)
    if region in _NANP_AREAS:
        d = phonenumbers.national_significant_number(num)
        a, b, c = d[:3], d[3:6], d[6:]
        return (f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"+1 {a} {b} {c}", e164,
                f"+1 ({a}) {b}-{c}", f"1-{a}-{b}-{c}", intl)
    return (intl, e164, phonenumbers.format_number(num, pnf.NATIONAL))


@lru_cache(maxsize=8)
def _pools(seed: int) -> _Pools:
    rng = random.Random(f"piistream-pools-{seed}")
    locales = (("en_US", 360), ("en_GB", 80), ("de_DE", 60), ("fr_FR", 50), ("es_ES", 50))
    fakers = []
    for i, (loc, _) in enumerate(locales):
        f = Faker(loc)
        f.seed_instance(seed * 7919 + i)
        fakers.append(f)
    en = fakers[0]
    first, last = [], []
    for f, (_, k) in zip(fakers, locales):
        first += [f.first_name() for _ in range(k)]
        last += [f.last_name() for _ in range(k)]
    first_ascii = [a for a in (_ascii_name(x) for x in first) if len(a) >= 2]
    last_ascii = [a for a in (_ascii_name(x) for x in last) if len(a) >= 2]
    usernames = sorted({"".join(c for c in en.user_name() if c.isalnum() or c in "._-")
                        for _ in range(300)} - {""})
    corp = sorted({en.domain_name() for _ in range(160)})
    companies = [en.company().replace(",", "") for _ in range(120)]
    hosts = [en.hostname() for _ in range(80)]
    hosts += [f"{rng.choice(_SERVICES)}-{rng.randint(1, 40)}.{rng.choice(('prod', 'stg', 'eu1', 'use1'))}.internal"
              for _ in range(80)]
    hosts += [f"ip-{rng.randint(1, 99)}-{rng.choice(('web', 'api', 'db', 'cache', 'worker'))}{rng.randint(1, 20):02d}"
              for _ in range(20)]
    uas = list(_MODERN_UAS) * 6 + [en.user_agent() for _ in range(120)]
    cities = [en.city() for _ in range(80)]
    streets = [en.street_address().replace("\n", ", ") for _ in range(120)]
    sentences = [en.sentence(nb_words=rng.randint(6, 12)).replace("\n", " ") for _ in range(300)]
    words = sorted({w for w in (en.word() for _ in range(400)) if w.isalpha()})
    uri_paths = ["/" + en.uri_path() for _ in range(120)]
    jobs = [en.job().replace(",", "") for _ in range(60)]
    phones: dict[str, tuple] = {}
    for region in _PHONE_REGIONS:
        k = _PHONE_POOL.get(region, 40)
        phones[region] = tuple(_phone_formats(_rand_phone(rng, region), region) for _ in range(k))
    return _Pools(tuple(first), tuple(last), tuple(first_ascii), tuple(last_ascii),
                  tuple(usernames), tuple(corp), tuple(companies), tuple(hosts), tuple(uas),
                  tuple(cities), tuple(streets), tuple(sentences), tuple(words), tuple(uri_paths),
                  tuple(jobs), phones)


# --------------------------------------------------------------------------------------------
# Generator state and value makers
# --------------------------------------------------------------------------------------------

class _Gen:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.p = _pools(seed)
        self.pii = False
        self.boost = 0.0
        self.ts = 0.0
        self.dt = datetime.fromtimestamp(0, timezone.utc)
        self._decoys = (self.d_epoch, self.d_order, self.d_tracking, self.d_invoice, self.d_part,
                        self.d_imei, self.d_zip, self.d_isbn, self.d_uuid, self.d_hash, self.d_pid,
                        self.d_port, self.d_bytes, self.d_trace, self.d_version, self.d_duration,
                        self.d_mac, self.d_bind, self.d_masked, self.d_redacted, self.d_count,
                        self.d_cust, self.d_amount, self.d_aws_account, self.d_oid)

    # -- control -------------------------------------------------------------------------------
    def want(self, p: float) -> bool:
        """Whether to place an optional PII value (never in a no-PII record)."""
        if not self.pii:
            return False
        return self.rng.random() < (p if p > self.boost else self.boost)

    def set_time(self, ts: float) -> None:
        self.ts = ts
        self.dt = datetime.fromtimestamp(ts, timezone.utc)

    # -- small helpers -------------------------------------------------------------------------
    def rs(self, alphabet: str, n: int) -> str:
        return "".join(self.rng.choices(alphabet, k=n))

    def hex(self, n: int) -> str:
        return f"{self.rng.getrandbits(4 * n):0{n}x}"

    def hexu(self, n: int) -> str:
        return self.hex(n).upper()

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def name(self) -> str:
        return f"{self.pick(self.p.first)} {self.pick(self.p.last)}"

    def first(self) -> str:
        return self.pick(self.p.first)

    def user(self) -> str:
        return self.pick(self.p.usernames)

    def host(self) -> str:
        return self.pick(self.p.hosts)

    def domain(self) -> str:
        return self.pick(self.p.corp_domains)

    def ua(self) -> str:
        return self.pick(self.p.user_agents)

    def sentence(self) -> str:
        return self.pick(self.p.sentences)

    def word(self) -> str:
        return self.pick(self.p.words)

    def amount(self) -> str:
        r = self.rng
        return f"{r.choice((r.randint(1, 99), r.randint(10, 999), r.randint(100, 9999)))}.{r.randint(0, 99):02d}"

    def dob(self) -> str:
        r = self.rng
        y, m, d = r.randint(1940, 2005), r.randint(1, 12), r.randint(1, 28)
        return r.choice((f"{y}-{m:02d}-{d:02d}", f"{m:02d}/{d:02d}/{y}"))

    def date(self) -> str:
        d = self.dt
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"

    # -- time formats --------------------------------------------------------------------------
    def t_iso(self, ms: bool = True, z: bool = True) -> str:
        d = self.dt
        s = f"{d.year:04d}-{d.month:02d}-{d.day:02d}T{d.hour:02d}:{d.minute:02d}:{d.second:02d}"
        if ms:
            s += f".{d.microsecond // 1000:03d}"
        return s + ("Z" if z else "+00:00")

    def t_clf(self) -> str:
        d = self.dt
        return (f"{d.day:02d}/{_MON[d.month]}/{d.year}:{d.hour:02d}:{d.minute:02d}:{d.second:02d} "
                + ("+0000" if self.rng.random() < 0.8 else self.pick(("-0700", "-0500", "+0100", "+0200"))))

    def t_syslog(self) -> str:
        d = self.dt
        return f"{_MON[d.month]} {d.day:2d} {d.hour:02d}:{d.minute:02d}:{d.second:02d}"

    def t_py(self, sep: str = ",") -> str:
        d = self.dt
        return (f"{d.year:04d}-{d.month:02d}-{d.day:02d} {d.hour:02d}:{d.minute:02d}:{d.second:02d}"
                f"{sep}{d.microsecond // 1000:03d}")

    def t_sql(self) -> str:
        d = self.dt
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d} {d.hour:02d}:{d.minute:02d}:{d.second:02d}"

    def t_apache_err(self) -> str:
        d = self.dt
        return (f"{_DOW[d.weekday()]} {_MON[d.month]} {d.day:02d} {d.hour:02d}:{d.minute:02d}:"
                f"{d.second:02d}.{d.microsecond:06d} {d.year}")

    # -- PII values ----------------------------------------------------------------------------
    def ssn(self, sep: str | None = None) -> str:
        r = self.rng
        while True:
            a = r.randint(1, 898)
            if a >= 666:
                a += 1
            s = f"{a:03d}{r.randint(1, 99):02d}{r.randint(1, 9999):04d}"
            if s not in SSN_EXAMPLES:
                break
        if sep is None:
            sep = r.choices(("-", " ", ""), (74, 8, 18))[0]
        return f"{s[:3]}{sep}{s[3:5]}{sep}{s[5:]}"

    def itin(self, sep: str | None = None) -> str:
        r = self.rng
        if sep is None:
            sep = r.choices(("-", " ", ""), (80, 5, 15))[0]
        return f"9{r.randint(0, 99):02d}{sep}{r.choice(_ITIN_GROUPS):02d}{sep}{r.randint(0, 9999):04d}"

    def card(self, sep: str | None = None, brand: str | None = None) -> str:
        r = self.rng
        brand = brand or r.choices(_CARD_BRANDS, _CARD_BRAND_W)[0]
        if brand == "visa":
            prefix, length = "4", r.choices((16, 13, 19), (86, 6, 8))[0]
        elif brand == "mastercard":
            prefix = str(r.randint(51, 55)) if r.random() < 0.7 else str(r.randint(2221, 2720))
            length = 16
        elif brand == "amex":
            prefix, length = r.choice(("34", "37")), 15
        elif brand == "discover":
            prefix, length = r.choice(("6011", "65", str(r.randint(644, 649)))), 16
        elif brand == "jcb":
            prefix, length = str(r.randint(3528, 3589)), 16
        elif brand == "diners":
            prefix, length = r.choice(("36", "38", str(r.randint(300, 305)))), 14
        else:
            prefix, length = "62", r.choices((16, 19), (80, 20))[0]
        body = prefix + "".join(r.choices(_DIG, k=length - len(prefix) - 1))
        num = body + luhn_check_digit(body)
        if sep is None:
            sep = r.choices(("", " ", "-"), (45, 40, 15))[0]
        if not sep:
            return num
        out, i = [], 0
        for g in _CARD_GROUPS[length]:
            out.append(num[i:i + g])
            i += g
        return sep.join(out)

    def bank_account(self) -> str:
        r = self.rng
        n = r.choice((4, 5, 6, 7, 8, 8, 9, 9, 10, 10, 10, 11, 11, 12, 12, 12, 13, 14, 15, 16, 17))
        return str(r.randint(1, 9)) + "".join(r.choices(_DIG, k=n - 1))

    def aba(self) -> str:
        r = self.rng
        d = f"{r.choice(_ABA_PREFIXES):02d}" + "".join(r.choices(_DIG, k=6))
        s = sum(int(c) * w for c, w in zip(d, _ABA_W))
        return d + str((10 - s % 10) % 10)

    def iban(self, grouped: bool | None = None, cc: str | None = None) -> str:
        r = self.rng
        cc = cc or r.choices(_IBAN_CC, _IBAN_W)[0]
        parts = []
        for i, (n, kind) in enumerate(IBAN_SPECS[cc]):
            if kind == "n":
                parts.append("".join(r.choices(_DIG, k=n)))
            elif kind == "a":
                if cc == "GB" or cc == "IE":
                    parts.append(r.choice(_GB_BANKS) if cc == "GB" else r.choice(("AIBK", "BOFI", "IPBS")))
                elif cc == "NL":
                    parts.append(r.choice(_NL_BANKS))
                else:
                    parts.append("".join(r.choices(_UP, k=n)))
            else:  # mostly digits, sometimes letters (as in real account identifiers)
                parts.append("".join(r.choices(_DIG * 6 + _UP, k=n)))
        bban = "".join(parts)
        chk = 98 - _iban_mod97(bban + cc + "00")
        s = f"{cc}{chk:02d}{bban}"
        if grouped is None:
            grouped = r.random() < 0.4
        if grouped:
            return " ".join(s[i:i + 4] for i in range(0, len(s), 4))
        return s

    def phone(self, region: str | None = None, fmt: int | None = None) -> str:
        r = self.rng
        region = region or r.choices(_PHONE_REGIONS, _PHONE_REGION_W)[0]
        variants = self.pick(self.p.phones[region])
        if fmt is not None:
            return variants[fmt]
        w = _NANP_FMT_W if region in _NANP_AREAS else _INTL_FMT_W
        return r.choices(variants, w)[0]

    def phone_url(self) -> str:
        """A phone number that needs no URL encoding (no '+', no spaces)."""
        return self.phone("US", self.rng.choice((1, 1, 2, 6)))

    def email(self, first: str | None = None, last: str | None = None) -> str:
        r = self.rng
        p = self.p
        f = _ascii_name(first) if first else self.pick(p.first_ascii)
        l = _ascii_name(last) if last else self.pick(p.last_ascii)
        f = f or self.pick(p.first_ascii)
        l = l or self.pick(p.last_ascii)
        k = r.random()
        if k < 0.30:
            local = f"{f}.{l}"
        elif k < 0.45:
            local = f"{f[0]}{l}"
        elif k < 0.57:
            local = f"{f}{l}{r.randint(1, 99)}"
        elif k < 0.65:
            local = f"{f}_{l}"
        elif k < 0.73:
            local = f"{f}{r.randint(1950, 2006)}"
        elif k < 0.79:
            local = f"{f}.{l}+{r.choice(_EMAIL_TAGS)}"
        elif k < 0.85:
            local = f"{l}.{f[0]}"
        else:
            local = "".join(c for c in self.user().lower() if c.isalnum() or c in "._-").strip("._-") or f
        dom = r.choice(_FREE_DOMAINS) if r.random() < 0.55 else self.domain()
        if r.random() < 0.04:
            return f"{local.capitalize()}@{dom}"
        return f"{local}@{dom}"

    def ip4(self) -> str:
        r = self.rng
        while True:
            v = r.getrandbits(32)
            a = v >> 24
            if a == 0 or a == 10 or a == 127 or a >= 224:
                continue
            ip = ipaddress.IPv4Address(v)
            if ip.is_global:
                return str(ip)

    def ip6(self) -> str:
        r = self.rng
        while True:
            first = r.choice((0x2001, 0x2600, 0x2601, 0x2603, 0x2604, 0x2607, 0x2a00, 0x2a01,
                              0x2a02, 0x2a03, 0x2400, 0x2406, 0x2804, 0x2c0f))
            second = r.randint(0x0400, 0xffff) if first == 0x2001 else r.randrange(0x10000)
            pre = (first << 112) | (second << 96) | (r.getrandbits(32) << 64)
            k = r.random()
            if k < 0.45:
                iid = r.getrandbits(64)
            elif k < 0.75:
                iid = r.randint(1, 0xffff)
            else:  # EUI-64 style
                iid = (r.getrandbits(24) << 40) | (0xfffe << 24) | r.getrandbits(24)
            ip = ipaddress.IPv6Address(pre | iid)
            if ip.is_global:
                return str(ip)

    def ip(self) -> str:
        return self.ip6() if self.rng.random() < 0.15 else self.ip4()

    # -- secrets -------------------------------------------------------------------------------
    def aws_key_id(self) -> str:
        return self.rng.choices(("AKIA", "ASIA"), (85, 15))[0] + self.rs(_UPALNUM, 16)

    def aws_secret(self) -> str:
        return self.rs(_ALNUM * 4 + "/+", 40)

    def gh_token(self) -> str:
        r = self.rng
        if r.random() < 0.1:
            return f"github_pat_{self.rs(_UPALNUM, 22)}_{self.rs(_ALNUM, 59)}"
        return r.choices(("ghp_", "gho_", "ghs_", "ghu_"), (75, 10, 10, 5))[0] + self.rs(_ALNUM, 36)

    def slack_token(self) -> str:
        r = self.rng
        if r.random() < 0.8:
            return (f"xoxb-{r.randint(10**9, 10**12 - 1)}-{r.randint(10**11, 10**13 - 1)}-"
                    f"{self.rs(_ALNUM, 24)}")
        return (f"xoxp-{r.randint(10**9, 10**12 - 1)}-{r.randint(10**9, 10**12 - 1)}-"
                f"{r.randint(10**11, 10**13 - 1)}-{self.hex(32)}")

    def stripe_key(self) -> str:
        return self.rng.choice(("sk_live_", "rk_live_")) + self.rs(_ALNUM, self.rng.choice((24, 99)))

    def jwt(self) -> str:
        r = self.rng
        alg = r.choices(("HS256", "RS256", "ES256"), (50, 35, 15))[0]
        header = {"alg": alg, "typ": "JWT"}
        if alg != "HS256" and r.random() < 0.5:
            header["kid"] = self.hex(16)
        iat = int(self.ts) - r.randint(0, 3000)
        payload = {"sub": str(r.randint(10**5, 10**9)) if r.random() < 0.6 else str(uuid.UUID(int=r.getrandbits(128), version=4)),
                   "iat": iat, "exp": iat + r.choice((300, 900, 3600, 86400))}
        if r.random() < 0.5:
            payload["scope"] = r.choice(("read", "read write", "openid profile", "admin", "payments:write"))
        if r.random() < 0.4:
            payload["iss"] = f"https://auth.{self.domain()}/"
        b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()  # noqa: E731
        sig_len = {"HS256": 43, "RS256": 342, "ES256": 86}[alg]
        return f"{b64(orjson.dumps(header))}.{b64(orjson.dumps(payload))}.{self.rs(_B64URL, sig_len)}"

    def pem(self, sep: str) -> str:
        r = self.rng
        kind = r.choices(("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"),
                         (45, 25, 15, 15))[0]
        head = {"RSA PRIVATE KEY": "MIIEpAIBAAKCAQEA", "PRIVATE KEY": "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC",
                "EC PRIVATE KEY": "MHcCAQEEI", "OPENSSH PRIVATE KEY": "b3BlbnNzaC1rZXktdjEAAAAA"}[kind]
        nlines = r.randint(2, 5)
        lines = [head + self.rs(_B64, 64 - len(head))]
        lines += [self.rs(_B64, 64) for _ in range(nlines - 1)]
        tail = self.rs(_B64, r.randint(8, 60))
        lines.append(tail + "=" * ((4 - len(tail) % 4) % 4))
        return sep.join([f"-----BEGIN {kind}-----", *lines, f"-----END {kind}-----"])

    def password(self) -> str:
        """A plausible password, 8+ characters, without characters that need quoting."""
        r = self.rng
        k = r.random()
        if k < 0.3:
            w = self.word().capitalize()
            if len(w) < 5:
                w += self.word()
            return f"{w}{r.randint(1, 2025)}{r.choice(_PW_SYMS)}"
        if k < 0.6:
            return self.rs(_PW_CHARS, r.randint(10, 24))
        if k < 0.75:
            return "-".join(self.word() for _ in range(r.randint(3, 4))) + str(r.randint(0, 99))
        if k < 0.9:
            return self.rs(_ALNUM, r.randint(16, 32))
        return self.hex(r.choice((16, 24, 32)))

    def api_token(self) -> str:
        k = self.rng.random()
        if k < 0.3:
            return self.gh_token()
        if k < 0.5:
            return self.slack_token()
        if k < 0.75:
            return self.jwt()
        if k < 0.9:
            return self.stripe_key()
        return self.aws_key_id()

    # -- labelled shorthands -------------------------------------------------------------------
    def E(self, first=None, last=None) -> P:
        return P(self.email(first, last), EMAIL_ADDRESS)

    def IP(self) -> P:
        return P(self.ip(), IP_ADDRESS)

    def IP4(self) -> P:
        return P(self.ip4(), IP_ADDRESS)

    def PH(self, region=None, fmt=None) -> P:
        return P(self.phone(region, fmt), PHONE_NUMBER)

    def SSN(self, sep=None) -> P:
        return P(self.ssn(sep), US_SSN)

    def ITIN(self, sep=None) -> P:
        return P(self.itin(sep), US_ITIN)

    def CC(self, sep=None) -> P:
        return P(self.card(sep), CREDIT_CARD)

    def ACCT(self) -> P:
        return P(self.bank_account(), US_BANK_NUMBER)

    def ABA(self) -> P:
        return P(self.aba(), ABA_ROUTING_NUMBER)

    def IBAN(self, grouped=None) -> P:
        return P(self.iban(grouped), IBAN_CODE)

    def SEC(self, v: str) -> P:
        return P(v, SECRET)

    def PW(self) -> P:
        return P(self.password(), SECRET)

    def TOK(self) -> P:
        return P(self.api_token(), SECRET)

    # -- decoys (hard negatives, never labelled) -------------------------------------------------
    def epoch(self, ms: bool | None = None) -> int:
        r = self.rng
        t = int(self.ts) + r.randint(-86400 * 30, 86400)
        if ms is None:
            ms = r.random() < 0.45
        return t * 1000 + r.randint(0, 999) if ms else t

    def order_no(self) -> str:
        r = self.rng
        k = r.random()
        if k < 0.3:
            return f"ORD-{r.randint(10**6, 10**8 - 1)}"
        if k < 0.6:
            return str(r.randint(10**7, 10**10 - 1))
        if k < 0.8:
            return f"{r.randint(100, 999)}-{r.randint(10**6, 10**7 - 1)}-{r.randint(10**6, 10**7 - 1)}"
        return f"{self.rs(_UP, 2)}{r.randint(10**5, 10**7)}"

    def ups(self) -> str:
        r = self.rng
        return f"1Z{self.rs(_UPALNUM, 6)}{r.randint(0, 99):02d}{r.randint(0, 10**8 - 1):08d}"

    def tracking(self) -> str:
        r = self.rng
        k = r.random()
        if k < 0.55:
            return self.ups()
        if k < 0.8:
            return str(r.randint(10**11, 10**12 - 1))  # FedEx 12 digits
        d = "9400" + "".join(r.choices(_DIG, k=18))  # USPS 22 digits
        return " ".join(d[i:i + 4] for i in range(0, 22, 4)) if r.random() < 0.5 else d

    def invoice9(self) -> str:
        return str(self.rng.randint(10**8, 10**9 - 1))

    def part_no(self) -> str:
        r = self.rng
        return f"{r.randint(100, 999)}-{r.randint(10, 99)}-{r.randint(1000, 9999)}"

    def imei(self) -> str:
        r = self.rng
        body = r.choice(("35", "35", "86", "01", "99")) + "".join(r.choices(_DIG, k=12))
        return body + luhn_check_digit(body)

    def zip4(self) -> str:
        r = self.rng
        return f"{r.randint(1001, 99950):05d}-{r.randint(1, 9999):04d}"

    def isbn(self) -> str:
        r = self.rng
        pre = r.choice(("978", "979")) if r.random() < 0.2 else "978"
        grp = str(r.randint(0, 1))
        pub = str(r.randint(10**(k := r.randint(2, 5)) // 10 * 1, 10**k - 1))
        title = "".join(r.choices(_DIG, k=9 - len(grp) - len(pub)))
        d12 = pre + grp + pub + title
        s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(d12))
        chk = str((10 - s % 10) % 10)
        return f"{pre}-{grp}-{pub}-{title}-{chk}" if r.random() < 0.7 else d12 + chk

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def version(self) -> str:
        r = self.rng
        if r.random() < 0.5:  # four parts; about one in five is also a syntactically valid IPv4
            build = r.randint(256, 9999) if r.random() < 0.8 else r.randint(0, 255)
            return f"{r.randint(1, 12)}.{r.randint(0, 20)}.{r.randint(0, 40)}.{build}"
        return f"{r.randint(0, 9)}.{r.randint(0, 30)}.{r.randint(0, 99)}"

    def mac(self) -> str:
        r = self.rng
        s = ":".join(f"{r.randrange(256):02x}" for _ in range(6))
        k = r.random()
        return s.upper() if k < 0.3 else (s.replace(":", "-").upper() if k < 0.4 else s)

    def bind(self) -> str:
        r = self.rng
        return f"{r.choice(('127.0.0.1', '0.0.0.0', '127.0.0.1', 'localhost', '[::]', '[::1]'))}:{self.port()}"

    def port(self) -> int:
        r = self.rng
        if r.random() < 0.5:
            return r.choice((80, 443, 8080, 8443, 3000, 5000, 5432, 6379, 9092, 9200, 27017, 5672, 11211))
        return r.randint(1024, 65535)

    def pid(self) -> int:
        r = self.rng
        return r.randint(2, 65535) if r.random() < 0.8 else r.randint(65536, 4194304)

    def masked_card(self) -> str:
        r = self.rng
        last4 = f"{r.randint(0, 9999):04d}"
        return r.choice((f"************{last4}", f"4111 **** **** {last4}", f"XXXX-XXXX-XXXX-{last4}",
                         f"{r.choice(('4', '5', '37'))}{'*' * 11}{last4}", f"**** {last4}",
                         f"ending in {last4}"))

    def redacted(self) -> str:
        return self.pick(("********", "[REDACTED]", "<redacted>", "***", "[FILTERED]", "xxxxxx",
                          "<hidden>", "REDACTED"))

    def bcrypt(self) -> str:
        return f"$2b${self.rng.choice(('10', '12'))}${self.rs(string.ascii_letters + string.digits + './', 53)}"

    def d_epoch(self):
        return self.pick(("ts", "timestamp", "time", "created", "epoch", "last_seen", "expires_at")), self.epoch()

    def d_order(self):
        return self.pick(("order_id", "order", "orderId", "order_no")), self.order_no()

    def d_tracking(self):
        return self.pick(("tracking", "tracking_number", "ups", "shipment")), self.tracking()

    def d_invoice(self):
        return self.pick(("invoice", "invoice_no", "inv", "invoice_id")), self.invoice9()

    def d_part(self):
        return self.pick(("part", "sku", "model", "part_no", "pn", "item")), self.part_no()

    def d_imei(self):
        return self.pick(("imei", "device_imei")), self.imei()

    def d_zip(self):
        return self.pick(("zip", "postal_code", "zip4", "billing_zip")), self.zip4()

    def d_isbn(self):
        return "isbn", self.isbn()

    def d_uuid(self):
        return self.pick(("request_id", "req_id", "correlation_id", "session_id", "x_request_id", "job_id")), self.uuid()

    def d_hash(self):
        k, n = self.pick((("sha256", 64), ("checksum", 64), ("etag", 32), ("digest", 64),
                          ("commit", 40), ("sha1", 40), ("md5", 32), ("build", 7)))
        return k, self.hex(n)

    def d_pid(self):
        return self.pick(("pid", "ppid", "tid", "worker_pid")), self.pid()

    def d_port(self):
        return self.pick(("port", "src_port", "dport", "listen_port")), self.port()

    def d_bytes(self):
        r = self.rng
        return self.pick(("bytes", "size", "bytes_sent", "content_length", "rx_bytes", "tx_bytes")), r.choice(
            (r.randint(0, 4096), r.randint(1000, 10**6), r.randint(10**6, 10**10)))

    def d_trace(self):
        r = self.rng
        k = r.random()
        if k < 0.35:
            return "trace_id", self.hex(32)
        if k < 0.55:
            return self.pick(("span_id", "parent_id")), self.hex(16)
        if k < 0.8:
            return "dd.trace_id", str(r.getrandbits(63))
        return "traceparent", f"00-{self.hex(32)}-{self.hex(16)}-01"

    def d_version(self):
        return self.pick(("version", "app_version", "build", "firmware", "agent_version", "os_version")), self.version()

    def d_duration(self):
        r = self.rng
        k = self.pick(("duration", "duration_ms", "latency_ms", "elapsed", "took", "rt"))
        if k in ("duration_ms", "latency_ms"):
            return k, r.randint(0, 30000)
        return k, r.choice((f"{r.random() * 3:.3f}", f"{r.randint(1, 5000)}ms", f"{r.random() * 90:.2f}s"))

    def d_mac(self):
        return self.pick(("mac", "hwaddr", "client_mac", "bssid")), self.mac()

    def d_bind(self):
        return self.pick(("bind", "listen", "addr", "upstream", "local_addr")), self.bind()

    def d_masked(self):
        return self.pick(("card", "card_masked", "pan", "payment_method")), self.masked_card()

    def d_redacted(self):
        return self.pick(("password", "token", "secret", "api_key", "authorization", "passwd")), self.redacted()

    def d_count(self):
        r = self.rng
        return self.pick(("count", "retries", "attempt", "items", "rows", "status", "qty")), r.randint(0, 500)

    def d_cust(self):
        r = self.rng
        return self.pick(("customer_id", "user_id", "uid", "cust_id", "tenant_id", "account_id")), r.randint(1, 10**r.randint(3, 10))

    def d_amount(self):
        return self.pick(("amount", "total", "price", "balance")), self.amount()

    def d_aws_account(self):
        return self.pick(("aws_account_id", "owner_id", "cloud_account")), str(self.rng.randint(10**11, 10**12 - 1))

    def d_oid(self):
        r = self.rng
        return "oid", f"1.3.6.1.4.1.{r.randint(1, 60000)}.{r.randint(1, 20)}.{r.randint(1, 200)}"

    def decoy(self):
        """A random (key, value) decoy pair."""
        return self.pick(self._decoys)()

    def decoys(self, lo: int, hi: int) -> list:
        n = self.rng.randint(lo, hi)
        seen, out = set(), []
        for _ in range(n):
            k, v = self.decoy()
            if k not in seen:
                seen.add(k)
                out.append((k, v))
        return out

    # -- shared building blocks ------------------------------------------------------------------
    def url_path(self) -> list:
        """A request path + query; may carry PII in the query string (only when allowed)."""
        r = self.rng
        if self.want(0.16):
            k = r.randrange(9)
            if k == 0:
                return ["/api/v1/users/lookup?email=", self.E(), "&include=profile"]
            if k == 1:
                return ["/password/reset?token=", self.SEC(self.jwt())]
            if k == 2:
                return ["/oauth/callback?code=", self.hex(20), "&access_token=", self.SEC(self.gh_token())]
            if k == 3:
                return ["/api/v2/customers?phone=", P(self.phone_url(), PHONE_NUMBER), "&limit=", str(r.choice((10, 25, 50)))]
            if k == 4:
                return ["/verify?ssn=", self.SSN(r.choice(("", "-"))), "&dob=", self.dob().replace("/", "-")]
            if k == 5:
                return ["/checkout/confirm?card=", self.CC(""), "&exp=", f"{r.randint(1, 12):02d}{r.randint(25, 31)}"]
            if k == 6:
                return ["/login?user=", self.user(), "&password=", self.PW()]
            if k == 7:
                return ["/ach/verify?routing=", self.ABA(), "&account=", self.ACCT()]
            return ["/api/payouts?iban=", self.IBAN(False), "&currency=EUR"]
        k = r.randrange(16)
        if k == 0:
            return "/"
        if k == 1:
            return f"/static/js/app.{self.hex(8)}.js"
        if k == 2:
            return f"/api/v1/orders/{self.order_no()}"
        if k == 3:
            return f"/api/v1/items/{self.uuid()}"
        if k == 4:
            return f"/images/{self.word()}-{r.randint(1, 999)}.webp"
        if k == 5:
            return r.choice(("/health", "/healthz", "/metrics", "/readyz", "/favicon.ico", "/robots.txt"))
        if k == 6:
            return self.pick(self.p.uri_paths)
        if k == 7:
            return f"/track?carrier=ups&tracking={self.ups()}"
        if k == 8:
            return f"/search?q={self.word()}+{self.word()}&page={r.randint(1, 20)}"
        if k == 9:
            return f"/api/v1/events?since={self.epoch(True)}&limit=100"
        if k == 10:
            return f"/products/isbn/{self.isbn()}"
        if k == 11:
            return f"/invoices/{self.invoice9()}.pdf"
        if k == 12:
            return r.choice(("/wp-login.php", "/.env", "/.git/config", "/phpmyadmin/index.php", "/cgi-bin/luci"))
        if k == 13:
            return f"/api/v2/devices/{self.imei()}/firmware?v={self.version()}"
        if k == 14:
            return f"/cart?sku={self.part_no()}&qty={r.randint(1, 5)}&zip={self.zip4()}"
        return f"/api/v1/users/{r.randint(1, 10**7)}/sessions/{self.hex(32)}"

    def referer(self) -> str:
        r = self.rng
        k = r.random()
        if k < 0.45:
            return "-"
        if k < 0.6:
            return r.choice(("https://www.google.com/", "https://www.bing.com/", "https://t.co/", "https://duckduckgo.com/"))
        return f"https://{self.domain()}{self.pick(self.p.uri_paths)}"

    def no_ip_addr(self) -> str:
        """What stands where a client address would be in a record without PII."""
        return self.pick(("127.0.0.1", "127.0.0.1", "127.0.0.1", "::1", "0.0.0.0", "unix:"))

    def client(self, p: float = 0.92):
        return self.IP() if self.want(p) else self.no_ip_addr()

    def creds_url(self, scheme=None, host=None) -> list:
        r = self.rng
        scheme = scheme or r.choice(("https", "postgres", "postgresql", "mysql", "redis", "amqp", "mongodb+srv", "ftp"))
        host = host or self.host()
        port = {"postgres": ":5432", "postgresql": ":5432", "mysql": ":3306", "redis": ":6379", "amqp": ":5672"}.get(scheme, "")
        path = {"https": f"/{self.word()}", "ftp": "/upload"}.get(scheme, f"/{self.word()}")
        return [f"{scheme}://{r.choice((self.user(), 'admin', 'app', 'deploy', 'svc_' + self.word()))}:", self.PW(), f"@{host}{port}{path}"]


# --------------------------------------------------------------------------------------------
# Record families. Each returns (fmt, parts-or-object, spaced_json_flag).
# --------------------------------------------------------------------------------------------

def _fam_nginx_access(g: _Gen):
    r = g.rng
    client = g.client(0.92)
    user = g.E() if g.want(0.05) else (g.user() if r.random() < 0.04 else "-")
    method = g.pick(_METHODS)
    status = g.pick(_STATUS)
    size = 0 if status in (204, 304) else r.choice((r.randint(0, 2000), r.randint(200, 90000), r.randint(10000, 5 * 10**6)))
    proto = r.choice(("HTTP/1.1",) * 6 + ("HTTP/2.0", "HTTP/1.0"))
    parts = [client, " - ", user, " [", g.t_clf(), '] "', method, " ", g.url_path(), " ", proto, '" ',
             str(status), " ", str(size), ' "', g.referer(), '" "', g.ua(), '"']
    k = r.random()
    if k < 0.35:
        xff = [g.IP(), ", ", g.IP4()] if g.want(0.3) else (g.IP() if g.want(0.3) else "-")
        parts += [' "', xff, '"']
    if k < 0.7:
        rt = r.random() * r.choice((0.05, 0.5, 3))
        parts += [f" rt={rt:.3f} uct=\"{rt / 9:.3f}\" uht=\"{rt / 2:.3f}\" urt=\"{rt * 0.95:.3f}\""]
        if r.random() < 0.5:
            parts += [f" upstream={g.bind()}"]
        if r.random() < 0.4:
            parts += [f" request_id={g.hex(32)}"]
    return "text", parts


def _fam_apache_access(g: _Gen):
    r = g.rng
    if r.random() < 0.25:  # error log
        lvl = r.choice(("proxy:error", "core:error", "ssl:warn", "authz_core:error", "php7:error", "mpm_event:notice"))
        cl = [" [client ", g.IP4(), f":{r.randint(1024, 65535)}]"] if g.want(0.95) else ""
        m = r.randrange(6)
        if m == 0:
            msg = f"AH01114: HTTP: failed to make connection to backend: 127.0.0.1:{g.port()}"
        elif m == 1:
            msg = f"AH00128: File does not exist: /var/www/html/{g.word()}/{g.hex(8)}.{g.pick(('php', 'js', 'png', 'bak'))}"
        elif m == 2:
            msg = "AH01630: client denied by server configuration: /var/www/html/.git/config"
        elif m == 3:
            msg = f"AH02032: Hostname {g.host()} provided via SNI and hostname {g.domain()} provided via HTTP are different"
        elif m == 4:
            msg = f"AH00169: caught SIGTERM, shutting down (pid file /run/apache2/apache2.pid, {g.version()})"
        else:
            msg = f"PHP Warning:  Undefined array key \"order_id\" in /var/www/html/cart.php on line {r.randint(10, 900)} (order {g.order_no()})"
        return "text", ["[", g.t_apache_err(), f"] [{lvl}] [pid {g.pid()}:tid {r.randint(10**14, 10**15)}]", cl, " ", msg]
    host = g.IP() if g.want(0.9) else g.pick(("127.0.0.1", "localhost", g.host(), g.host(), "::1"))
    user = g.E() if g.want(0.08) else (g.user() if r.random() < 0.06 else "-")
    status = g.pick(_STATUS)
    size = "-" if status in (204, 304) else str(r.randint(0, 400000))
    vhost = f"{g.domain()}:{r.choice((80, 443))} " if r.random() < 0.3 else ""
    parts = [vhost, host, " - ", user, " [", g.t_clf(), '] "', g.pick(_METHODS), " ", g.url_path(), " HTTP/1.1\" ",
             str(status), " ", size, ' "', g.referer(), '" "', g.ua(), '"']
    if r.random() < 0.4:
        parts.append(f" {r.randint(100, 3 * 10**6)}")  # %D microseconds
    return "text", parts


def _sshd_pii(g: _Gen):
    r = g.rng
    k = r.randrange(4)
    port = r.randint(1024, 65535)
    if k == 0:
        return ["Accepted publickey for ", g.user(), " from ", g.IP(), f" port {port} ssh2: RSA SHA256:{g.rs(_B64, 43)}"]
    if k == 1:
        return ["Failed password for invalid user ", g.pick(("admin", "root", "oracle", "test", "ubuntu", g.user())), " from ", g.IP(), f" port {port} ssh2"]
    if k == 2:
        return ["Connection closed by authenticating user root ", g.IP4(), f" port {port} [preauth]"]
    return ["Accepted password for ", g.user(), " from ", g.IP(), f" port {port} ssh2"]


def _syslog_msg(g: _Gen):
    """(app, message parts) for RFC3164-style syslog."""
    r = g.rng
    if g.pii:
        k = r.randrange(8)
        if k == 0:
            return "sshd", _sshd_pii(g)
        if k == 1:
            qid = g.hexu(10)
            return "postfix/smtp", [f"{qid}: to=<", g.E(), f">, relay={g.pick(('aspmx.l.google.com', 'mx1.mail.protection.outlook.com', 'mx.' + g.domain()))}[", g.IP4(),
                                    f"]:25, delay={r.random() * 3:.2f}, delays=0.01/0/0.2/{r.random():.2f}, dsn=2.0.0, status=sent (250 2.0.0 OK {g.epoch(False)} {g.rs(_ALNUM, 12)} - gsmtp)"]
        if k == 2:
            return "postfix/qmgr", [f"{g.hexu(10)}: from=<", g.E(), f">, size={r.randint(500, 90000)}, nrcpt={r.randint(1, 4)} (queue active)"]
        if k == 3:
            u = g.user()
            return "sudo", [f"{u} : TTY=pts/{r.randint(0, 9)} ; PWD=/home/{u} ; USER=root ; COMMAND=/usr/bin/mysql -u root -p", g.PW(), f" -h 127.0.0.1 {g.word()}"]
        if k == 4:
            return "kernel", [f"[UFW BLOCK] IN={g.pick(_IFACES)} OUT= MAC={g.mac()}:08:00 SRC=", g.IP4(), " DST=", g.IP4() if g.want(0.5) else "127.0.0.1",
                              f" LEN={r.randint(40, 1500)} TOS=0x00 PREC=0x00 TTL={r.randint(30, 250)} ID={r.randint(1, 65535)} PROTO=TCP SPT={r.randint(1024, 65535)} DPT={g.pick((22, 23, 3389, 445, 8080, 5900))} WINDOW=1024 RES=0x00 SYN URGP=0"]
        if k == 5:
            return "fail2ban.actions", ["NOTICE [sshd] Ban ", g.IP()]
        if k == 6:
            d = g.domain()
            return "named", ["client @0x7f", g.hex(10), " ", g.IP4(), f"#{r.randint(1024, 65535)} ({d}): query: {d} IN A +E(0)K (127.0.0.1)"]
        return "dovecot", ["imap-login: Login: user=<", g.E(), ">, method=PLAIN, rip=", g.IP4(), ", lip=127.0.0.1, mpid=", str(g.pid()), ", TLS, session=<", g.rs(_B64, 16), ">"]
    k = r.randrange(10)
    u = g.user()
    if k == 0:
        return "CRON", [f"({u}) CMD (/usr/local/bin/backup.sh --since {g.epoch(False)} > /dev/null 2>&1)"]
    if k == 1:
        return "systemd", [f"Started Session {r.randint(1, 9999)} of user {u}."]
    if k == 2:
        return "kernel", [f"[{r.random() * 10**6:12.6f}] {g.pick(_IFACES)}: renamed from veth{g.hex(7)}"]
    if k == 3:
        return "sshd", [f"Server listening on 0.0.0.0 port {r.choice((22, 2222))}."]
    if k == 4:
        return "sudo", [f"{u} : TTY=pts/{r.randint(0, 9)} ; PWD=/home/{u} ; USER=root ; COMMAND=/usr/bin/systemctl restart {g.pick(_UNITS)}"]
    if k == 5:
        return "smartd", [f"Device: /dev/sd{r.choice('abc')} [SAT], SMART Usage Attribute: 194 Temperature_Celsius changed from {r.randint(25, 45)} to {r.randint(25, 45)}"]
    if k == 6:
        return "sshd", [f"Connection closed by 127.0.0.1 port {r.randint(1024, 65535)} [preauth]"]
    if k == 7:
        return "postfix/pickup", [f"{g.hexu(10)}: uid={r.randint(0, 2000)} from=<{u}>"]
    if k == 8:
        return "ntpd", [f"Listen normally on {r.randint(2, 9)} lo 127.0.0.1:123"]
    return "kernel", [f"[{r.random() * 10**6:12.6f}] usb 1-{r.randint(1, 4)}: new high-speed USB device number {r.randint(2, 30)} using xhci_hcd"]


def _fam_syslog(g: _Gen):
    r = g.rng
    app, msg = _syslog_msg(g)
    host = g.host().split(".")[0]
    pri = f"<{r.randint(0, 191)}>" if r.random() < 0.5 else ""
    pid = "" if app == "kernel" else f"[{g.pid()}]"
    return "text", [pri, g.t_syslog(), " ", host, " ", app, pid, ": ", msg]


def _journald_msg(g: _Gen):
    r = g.rng
    if g.pii:
        k = r.randrange(8)
        if k == 0:
            return "sshd", _sshd_pii(g)
        if k == 1:
            return g.pick(_SERVICES), ['level=info msg="login ok" user=', g.E(), " ip=", g.IP(), f" session={g.uuid()}"]
        if k == 2:
            return "systemd-resolved", ["Using degraded feature set UDP instead of UDP+EDNS0 for DNS server ", g.IP4(), "."]
        if k == 3:
            return g.pick(("app-worker", "notifier", "otp-sender")), ["Sending SMS verification code to ", g.PH(), f" (attempt {r.randint(1, 3)}, ttl=300s)"]
        if k == 4:
            return "dockerd", [f'time="{g.t_iso(False)}" level=error msg="Handler for POST /v1.43/auth returned error: login attempt to https://registry.{g.domain()}/v2/ failed" username=', g.user(), " password=", g.PW()]
        if k == 5:
            return g.pick(_SERVICES), ["payment declined card=", g.CC(""), f" code=05 amount={g.amount()}"]
        if k == 6:
            return "NetworkManager", [f"<info>  [{g.ts:.4f}] dhcp4 ({g.pick(_IFACES)}): option domain_name_servers => '", g.IP4(), " ", g.IP4(), "'"]
        return g.pick(("backup-agent", "uploader")), ["uploading with AWS_ACCESS_KEY_ID=", g.SEC(g.aws_key_id()), f" bucket=s3://{g.word()}-backups/{g.date()}/"]
    k = r.randrange(10)
    if k == 0:
        return "systemd", [f"Started {g.pick(_UNITS).split('.')[0].replace('@', ' instance ')}."]
    if k == 1:
        return "systemd", [f"{g.pick(_UNITS)}: Main process exited, code=exited, status={r.choice((1, 2, 137, 143))}/FAILURE"]
    if k == 2:
        return "containerd", [f'time="{g.t_iso(False)}" level=info msg="shim disconnected" id={g.hex(64)} namespace=k8s.io']
    if k == 3:
        d = g.dt
        return "kubelet", [f"I{d.month:02d}{d.day:02d} {d.hour:02d}:{d.minute:02d}:{d.second:02d}.{d.microsecond:06d} {g.pid()} kubelet.go:{r.randint(1000, 2999)}] \"SyncLoop UPDATE\" source=\"api\" pods=[\"default/{g.word()}-{g.hex(10)}-{g.rs(_LOWALNUM, 5)}\"]"]
    if k == 4:
        return "nginx", [f"nginx: [notice] signal process started; listening on 0.0.0.0:{g.port()}"]
    if k == 5:
        return "systemd-logind", [f"New session {r.randint(1, 9999)} of user {g.user()}."]
    if k == 6:
        return "audit", [f'type=1400 audit({g.epoch(False)}.{r.randint(0, 999):03d}:{r.randint(1, 99999)}): apparmor="DENIED" operation="open" profile="/usr/sbin/cupsd" name="/etc/ssl/openssl.cnf" pid={g.pid()} comm="cupsd"']
    if k == 7:
        return g.pick(_SERVICES), [f"level=info msg=\"order shipped\" order_id={g.order_no()} tracking={g.ups()} zip={g.zip4()}"]
    if k == 8:
        return "fwupd", [f"device {g.hex(40)} updated to version {g.version()} (imei {g.imei()})"]
    return "redis-server", [f"{g.pid()}:M {g.dt.day:02d} {_MON[g.dt.month]} {g.dt.year} {g.dt.hour:02d}:{g.dt.minute:02d}:{g.dt.second:02d}.{g.dt.microsecond // 1000:03d} * Background saving terminated with success ({r.randint(10**3, 10**8)} bytes)"]


def _fam_journald(g: _Gen):
    r = g.rng
    unit, msg = _journald_msg(g)
    host = g.host().split(".")[0]
    d = g.dt
    if r.random() < 0.5:
        ts = g.t_iso(False, z=False).replace("+00:00", "+0000")
    else:
        ts = f"{_MON[d.month]} {d.day:02d} {d.hour:02d}:{d.minute:02d}:{d.second:02d}.{d.microsecond:06d}"
    pid = "" if unit in ("audit",) else f"[{g.pid()}]"
    return "text", [ts, " ", host, " ", unit, pid, ": ", msg]


def _fam_json_app(g: _Gen):
    r = g.rng
    o: dict = {}
    k = r.random()
    if k < 0.4:
        o["ts"] = g.t_iso()
    elif k < 0.6:
        o["@timestamp"] = g.t_iso()
    elif k < 0.8:
        o["time"] = round(g.ts, 3)
    else:
        o["timestamp"] = int(g.ts * 1000)
    lvl = g.pick(_LEVELS)
    o["level"] = lvl.lower() if r.random() < 0.6 else lvl
    svc = g.pick(_SERVICES)
    o["logger" if r.random() < 0.5 else "service"] = f"{svc}.{g.pick(('handler', 'service', 'repo', 'client', 'worker'))}"
    # message, possibly with embedded PII
    mk = r.random()
    if g.want(0.25):
        m = r.randrange(5)
        if m == 0:
            o["msg"] = Cat(("password reset requested for ", g.E()))
        elif m == 1:
            o["msg"] = Cat(("charge failed for card ", g.CC(), ": insufficient_funds"))
        elif m == 2:
            o["msg"] = Cat(("rate limit exceeded for ", g.IP()))
        elif m == 3:
            o["message"] = Cat(("OTP sent to ", g.PH()))
        else:
            o["message"] = Cat(("connecting to ", *g.creds_url("postgres")))
    else:
        o["msg" if mk < 0.6 else "message"] = g.pick((
            "request completed", "payment authorized", "user login", "cache miss", "order created",
            "webhook delivered", "retrying upstream call", "job finished", "session refreshed",
            f"processed {r.randint(1, 5000)} records", f"order {g.order_no()} shipped",
            "config reloaded", "health check ok", f"slow query took {r.randint(200, 9000)}ms"))
    if r.random() < 0.5:
        o["trace_id"] = g.hex(32)
        o["span_id"] = g.hex(16)
    elif r.random() < 0.3:
        o["dd"] = {"trace_id": str(r.getrandbits(63)), "span_id": str(r.getrandbits(63)), "service": svc, "version": g.version()}
    if r.random() < 0.5:
        o["host"] = g.host()
        o["pid"] = g.pid()
    if r.random() < 0.55:
        path = g.url_path()
        req: dict = {"method": g.pick(_METHODS), "path": Cat(path) if type(path) is list else path,
                     "status": g.pick(_STATUS), "duration_ms": round(r.random() * 800, 2)}
        ipkey = g.pick(("remote_ip", "client_ip", "remoteAddr", "ip", "x_forwarded_for"))
        if g.want(0.6):
            req[ipkey] = g.IP()
        elif r.random() < 0.3:
            req["upstream"] = g.bind()
        if r.random() < 0.6:
            req["user_agent"] = g.ua()
        req["request_id"] = g.uuid()
        o["request" if r.random() < 0.6 else "http"] = req
    if r.random() < 0.45 or g.want(0.4):
        u: dict = {"id": r.randint(1, 10**8)}
        if r.random() < 0.5:
            u["username"] = g.user()
        if g.want(0.6):
            u[g.pick(("email", "email_address", "contact_email"))] = g.E()
        if g.want(0.25):
            u["phone"] = g.PH()
        if g.want(0.15):
            u["ssn"] = g.SSN()
        elif g.want(0.05):
            u["itin"] = g.ITIN()
        if not g.pii and r.random() < 0.3:
            u["plan"] = g.pick(("free", "pro", "enterprise"))
            u["zip"] = g.zip4()
        o["user"] = u
    if r.random() < 0.35 or g.want(0.3):
        pay: dict = {"amount": float(g.amount()), "currency": g.pick(("USD", "EUR", "GBP", "CAD"))}
        if g.want(0.5):
            pay["card"] = g.CC()
            pay["exp"] = f"{r.randint(1, 12):02d}/{r.randint(25, 31)}"
        else:
            pay["card"] = g.masked_card()
            pay["brand"] = g.pick(_CARD_BRANDS)
        if g.want(0.2):
            pay["iban"] = g.IBAN()
            pay["bic"] = g.pick(_BICS)
        if g.want(0.2):
            pay["routing_number"] = g.ABA()
            pay["account_number"] = g.ACCT()
        pay["order_id"] = g.order_no()
        if r.random() < 0.3:
            pay["invoice"] = int(g.invoice9())
        o["payment"] = pay
    if g.want(0.12):
        ak = r.randrange(4)
        if ak == 0:
            o["auth"] = {"scheme": "bearer", "authorization": Cat(("Bearer ", g.SEC(g.jwt())))}
        elif ak == 1:
            o["auth"] = {"api_key": g.SEC(g.api_token()), "client": g.word()}
        elif ak == 2:
            o["aws"] = {"access_key_id": g.SEC(g.aws_key_id()), "secret_access_key": g.SEC(g.aws_secret()), "region": g.pick(_AWS_REGIONS)}
        else:
            o["config"] = {"database_url": Cat(g.creds_url()), "tls_key": g.SEC(g.pem("\n")), "debug": True}
    elif r.random() < 0.1:
        o["auth"] = {"scheme": "bearer", "authorization": g.redacted()}
    if r.random() < 0.25:
        dk, dv = g.decoy()
        o["device" if r.random() < 0.5 else "extra"] = {dk: dv, "imei": g.imei(), "mac": g.mac(), "os_version": g.version()}
    return "json", o


def _logfmt_pii(g: _Gen) -> list:
    r = g.rng
    out = []
    if g.want(0.35):
        out.append((g.pick(("client_ip", "remote_addr", "ip", "src")), g.IP()))
    if g.want(0.3):
        out.append((g.pick(("user_email", "email", "user", "to")), g.E()))
    if g.want(0.12):
        out.append((g.pick(("phone", "msisdn", "callback")), g.PH()))
    if g.want(0.08):
        out.append((g.pick(("ssn", "tax_id")), g.SSN()))
    if g.want(0.04):
        out.append(("itin", g.ITIN()))
    if g.want(0.1):
        out.append((g.pick(("card", "pan", "card_number")), g.CC()))
    if g.want(0.07):
        out.append((g.pick(("routing", "aba", "routing_number")), g.ABA()))
        out.append((g.pick(("account", "acct", "account_number")), g.ACCT()))
    if g.want(0.07):
        out.append(("iban", g.IBAN()))
    if g.want(0.08):
        out.append((g.pick(("password", "passwd", "db_password", "pwd")), g.PW()))
    if g.want(0.05):
        out.append(("aws_access_key_id", g.SEC(g.aws_key_id())))
        if r.random() < 0.6:
            out.append(("aws_secret_access_key", g.SEC(g.aws_secret())))
    if g.want(0.07):
        out.append((g.pick(("token", "api_token", "slack_token", "github_token", "auth")), g.TOK()))
    if g.want(0.05):
        out.append((g.pick(("dsn", "db_url", "broker_url")), g.creds_url()))
    if g.want(0.03):
        out.append(("private_key", g.SEC(g.pem("\\n"))))
    return out


def _fam_logfmt(g: _Gen):
    r = g.rng
    lvl = g.pick(_LEVELS).lower()
    msg = g.pick(("request handled", "payment processed", "user signed in", "job done", "upstream timeout",
                  "cache warmup", "sending notification", "loaded config", "token refreshed", "db query",
                  "rate limited", "webhook received", "retrying", "shutting down", "listening"))
    head = [("ts" if r.random() < 0.5 else "time", g.t_iso()), ("level", lvl)]
    if r.random() < 0.5:
        head.append(("caller", f"{g.word()}/{g.pick(('handler', 'server', 'client', 'worker'))}.go:{r.randint(20, 900)}"))
    head.append(("msg", msg))
    body = _logfmt_pii(g)
    used = {k for k, _ in body}
    body += [(k, v) for k, v in g.decoys(1, 5) if k not in used]
    if r.random() < 0.3 and not used & {"password", "token", "secret"}:
        body.append((g.pick(("password", "token", "secret")), g.redacted()))
    r.shuffle(body)
    if r.random() < 0.3:
        body.insert(0, ("svc", g.pick(_SERVICES)))
    return "text", _kvs(head + body)


def _java_pii(g: _Gen) -> list:
    r = g.rng
    k = r.randrange(11)
    if k == 0:
        return ["Payment declined for card ", g.CC(), f" amount={g.amount()} order={g.order_no()}"]
    if k == 1:
        return ["org.springframework.dao.DuplicateKeyException: PreparedStatementCallback; ERROR: duplicate key value violates unique constraint \"users_email_key\"  Detail: Key (email)=(",
                g.E(), ") already exists."]
    if k == 2:
        return ["com.acme.ach.InvalidAccountException: ACH transfer rejected: routing=", g.ABA(), " account=", g.ACCT(), f" reason=R0{r.randint(1, 4)}"]
    if k == 3:
        return ["java.sql.SQLException: Access denied for user 'app'@'", g.IP4(), "' (using password: YES)"]
    if k == 4:
        return [f"com.amazonaws.services.s3.model.AmazonS3Exception: The AWS Access Key Id you provided does not exist in our records. (Service: Amazon S3; Status Code: 403; Error Code: InvalidAccessKeyId; Request ID: {g.hexu(16)}), AccessKeyId=",
                g.SEC(g.aws_key_id())]
    if k == 5:
        return ["javax.mail.SendFailedException: Invalid Addresses; nested exception is: com.sun.mail.smtp.SMTPAddressFailedException: 550 5.1.1 <", g.E(), ">: Recipient address rejected: User unknown"]
    if k == 6:
        if r.random() < 0.7:
            return [f"KYC check failed for applicant {g.name()} ssn=", g.SSN(), f" dob={g.dob()} score=0.{r.randint(10, 99)}"]
        return [f"W-9 validation failed for payee {g.name()}: TIN ", g.ITIN(), " does not match IRS records"]
    if k == 7:
        return ["Queued SMS to ", g.PH(), f" sid=SM{g.hex(32)} status=queued"]
    if k == 8:
        return ["Rejected request with token ", g.SEC(g.jwt()), f": io.jsonwebtoken.ExpiredJwtException: JWT expired at {g.t_iso(False)}"]
    if k == 9:
        return ["SEPA credit transfer to IBAN ", g.IBAN(), f" failed: beneficiary bank {g.pick(_BICS)} not reachable (ref INV-{g.invoice9()})"]
    return [f"HikariPool-1 - Exception during pool initialization: jdbc:postgresql://{g.host()}:5432/app?user=app&password=", g.PW(), " - Connection refused"]


def _java_clean(g: _Gen) -> list:
    r = g.rng
    cls = g.pick(_JAVA_CLASSES)
    k = r.randrange(11)
    if k == 0:
        return [f"\tat {cls}.{g.pick(('charge', 'process', 'handle', 'run', 'save', 'send'))}({cls.rsplit('.', 1)[1]}.java:{r.randint(20, 900)})"]
    if k == 1:
        return [f"Caused by: java.net.SocketTimeoutException: Read timed out after {r.choice((5000, 10000, 30000))}ms connecting to {g.host()}:{g.port()}"]
    if k == 2:
        return ["java.lang.NullPointerException: Cannot invoke \"com.acme.Order.getSku()\" because \"order\" is null"]
    if k == 3:
        return [f"Order {g.order_no()} not found (sku={g.part_no()}, invoice={g.invoice9()})"]
    if k == 4:
        return [f"Started Application in {r.random() * 20:.3f} seconds (process running for {r.random() * 25:.2f})"]
    if k == 5:
        return [f"Tomcat started on port(s): {g.port()} (http) with context path ''"]
    if k == 6:
        return [f"Processed batch {g.uuid()}: {r.randint(1, 10000)} records in {r.randint(1, 9000)} ms, last offset {r.getrandbits(40)}"]
    if k == 7:
        return [f"Device {g.imei()} firmware {g.version()} checksum {g.hex(64)}"]
    if k == 8:
        return [f"Exception in thread \"main\" java.lang.IllegalStateException: tracking number {g.ups()} already assigned to shipment {r.randint(10**5, 10**9)}"]
    if k == 9:
        return [f"\t... {r.randint(1, 80)} common frames omitted"]
    return [f"Card on file {g.masked_card()} tokenized as tok_{g.rs(_ALNUM, 24)} (customer {r.randint(1, 10**7)})"]


def _fam_java_log(g: _Gen):
    r = g.rng
    msg = _java_pii(g) if g.pii else _java_clean(g)
    first = _flat_str(msg[0])
    if first.startswith(("\t", "Caused by", "Exception in thread")):
        return "text", msg
    lvl = g.pick(("ERROR", "ERROR", "WARN", "INFO", "DEBUG"))
    cls = g.pick(_JAVA_CLASSES)
    thread = g.pick(("main", f"http-nio-8080-exec-{r.randint(1, 200)}", f"pool-{r.randint(1, 9)}-thread-{r.randint(1, 64)}",
                     f"kafka-consumer-{r.randint(0, 11)}", "scheduling-1", f"ForkJoinPool.commonPool-worker-{r.randint(1, 31)}"))
    k = r.random()
    if k < 0.45:
        abbrev = ".".join(p[0] for p in cls.split(".")[:-1]) + "." + cls.rsplit(".", 1)[1]
        prefix = f"{g.t_py('.')} {lvl:>5} {g.pid()} --- [{thread[-15:]:>15}] {abbrev:<40} : "
    elif k < 0.85:
        prefix = f"{g.t_py()} [{thread}] {lvl} {cls} - "
    else:
        prefix = f"{g.t_iso()} {lvl} [{g.pick(_SERVICES)},{g.hex(32)},{g.hex(16)}] {cls.rsplit('.', 1)[1]}: "
    return "text", [prefix, msg]


def _py_pii(g: _Gen) -> list:
    r = g.rng
    k = r.randrange(11)
    if k == 0:
        return [f"{g.t_py()} - app.billing - ERROR - Charge failed for card ", g.CC(), f": card_declined (request_id={g.uuid()})"]
    if k == 1:
        return [f"[{g.t_py()}] WARNING in auth: failed login for ", g.E(), " from ", g.IP()]
    if k == 2:
        return [f"Traceback (most recent call last):   File \"/srv/app/kyc/verify.py\", line {r.randint(20, 400)}, in verify_identity     raise InvalidSSN(ssn) kyc.errors.InvalidSSN: SSN ",
                g.SSN(), f" does not match records for user {r.randint(1, 10**7)}"]
    if k == 3:
        return [f"[{g.t_py()}: INFO/ForkPoolWorker-{r.randint(1, 16)}] Task notifications.tasks.send_sms[{g.uuid()}] received args=('", g.PH(), "',) kwargs={}"]
    if k == 4:
        return ["INFO:     ", g.IP4(), f":{r.randint(1024, 65535)} - \"{g.pick(('POST', 'GET'))} /api/v1/{g.pick(('login', 'token', 'users/me'))} HTTP/1.1\" {g.pick(('200 OK', '401 Unauthorized', '403 Forbidden', '200 OK'))}"]
    if k == 5:
        return [f"{g.t_py()} DEBUG urllib3.connectionpool: https://api.{g.domain()}:443 \"GET /v1/account?api_key=", g.TOK(), f" HTTP/1.1\" 200 {r.randint(100, 9000)}"]
    if k == 6:
        return [f"{g.t_py()} - app.payouts - INFO - Payout {g.uuid()} sent to ", g.IBAN(), f" amount={g.amount()} EUR"]
    if k == 7:
        return ["django.db.utils.IntegrityError: duplicate key value violates unique constraint \"accounts_bankaccount_routing_account_uniq\" DETAIL:  Key (routing_number, account_number)=(",
                g.ABA(), ", ", g.ACCT(), ") already exists."]
    if k == 8:
        return [f"{g.t_py()} - app.config - DEBUG - loaded settings DATABASE_URL=", g.creds_url("postgresql"), " SECRET_KEY=", g.SEC(g.rs(_ALNUM + "!$*", 50))]
    if k == 9:
        return ["botocore.exceptions.ClientError: An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid. access_key=",
                g.SEC(g.aws_key_id())]
    return [f"{g.t_py()} INFO sqlalchemy.engine.Engine [cached since {r.random() * 900:.4g}s ago] ('", g.E(), "', '", g.SSN("-") if g.want(0.5) else g.user(), f"', {r.randint(1, 10**6)})"]


def _py_clean(g: _Gen) -> list:
    r = g.rng
    k = r.randrange(10)
    if k == 0:
        return [f"{g.t_py()} - app.worker - INFO - processed {r.randint(1, 10**5)} messages in {r.random() * 60:.2f}s (offset={r.getrandbits(36)})"]
    if k == 1:
        return ["Traceback (most recent call last):   File \"/usr/lib/python3.11/json/decoder.py\", line 355, in raw_decode     raise JSONDecodeError(\"Expecting value\", s, err.value) from None json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)"]
    if k == 2:
        return [f"ValueError: invalid literal for int() with base 10: '{g.part_no()}'"]
    if k == 3:
        return [f"[{g.t_py()}: INFO/MainProcess] Task reports.tasks.build[{g.uuid()}] succeeded in {r.random() * 30:.3f}s: None"]
    if k == 4:
        return [f"INFO:     127.0.0.1:{r.randint(1024, 65535)} - \"GET /healthz HTTP/1.1\" 200 OK"]
    if k == 5:
        return [f"[{g.t_py(' ')[:19]} +0000] [{g.pid()}] [INFO] Booting worker with pid: {g.pid()}"]
    if k == 6:
        return [f"{g.t_py()} - app.shipping - INFO - label created tracking={g.ups()} zip={g.zip4()} weight={r.random() * 20:.1f}kg"]
    if k == 7:
        return [f"KeyError: 'order_id' while handling order {g.order_no()} (invoice {g.invoice9()})"]
    if k == 8:
        return [f"{g.t_py()} - app.devices - WARNING - IMEI {g.imei()} reported firmware {g.version()}, expected {g.version()}"]
    return [f"{g.t_py()} - app.auth - INFO - token refreshed for user_id={r.randint(1, 10**8)} token={g.redacted()} expires_at={g.epoch(False)}"]


def _fam_python_log(g: _Gen):
    return "text", (_py_pii(g) if g.pii else _py_clean(g))


# --- tables shared by sql_dump and csv_row -----------------------------------------------------

def _pii_or(g: _Gen, make: Callable[[], P], p: float = 0.85, alt=None):
    return make() if g.want(p) else alt


def _t_customers(g: _Gen):
    r = g.rng
    f, l = g.first(), g.pick(g.p.last)
    return "customers", [("id", r.randint(1, 10**7)), ("first_name", f), ("last_name", l),
                         ("email", _pii_or(g, lambda: g.E(f, l))), ("phone", _pii_or(g, g.PH, 0.7)),
                         ("ssn", _pii_or(g, g.SSN, 0.6)), ("date_of_birth", g.dob()),
                         ("created_at", g.t_sql())]


def _t_taxpayers(g: _Gen):
    r = g.rng
    return "taxpayers", [("id", r.randint(1, 10**6)), ("full_name", g.name()), ("itin", _pii_or(g, g.ITIN, 0.9)),
                         ("zip", g.zip4()), ("tax_year", r.randint(2018, 2024))]


def _t_payment_methods(g: _Gen):
    r = g.rng
    return "payment_methods", [("id", r.randint(1, 10**7)), ("customer_id", r.randint(1, 10**7)),
                               ("card_number", _pii_or(g, g.CC, 0.9, g.masked_card())),
                               ("exp", f"{r.randint(1, 12):02d}/{r.randint(25, 31)}"), ("brand", g.pick(_CARD_BRANDS)),
                               ("billing_zip", f"{r.randint(1001, 99950):05d}"), ("created_at", g.t_sql())]


def _t_bank_accounts(g: _Gen):
    r = g.rng
    return "bank_accounts", [("id", r.randint(1, 10**6)), ("customer_id", r.randint(1, 10**7)),
                             ("routing_number", _pii_or(g, g.ABA, 0.9)), ("account_number", _pii_or(g, g.ACCT, 0.9)),
                             ("account_type", g.pick(("checking", "savings"))),
                             ("bank_name", g.pick(("Chase", "Bank of America", "Wells Fargo", "Citibank", "US Bank", "PNC")))]


def _t_sepa(g: _Gen):
    r = g.rng
    return "sepa_mandates", [("id", r.randint(1, 10**6)), ("customer_id", r.randint(1, 10**7)),
                             ("iban", _pii_or(g, g.IBAN, 0.95)), ("bic", g.pick(_BICS)),
                             ("mandate_ref", f"MD-{g.hexu(10)}"), ("signed_at", g.t_sql())]


def _t_users(g: _Gen):
    r = g.rng
    return "users", [("id", r.randint(1, 10**7)), ("username", g.user()), ("email", _pii_or(g, g.E, 0.8)),
                     ("password_hash", g.bcrypt()), ("last_login_ip", _pii_or(g, g.IP, 0.7)), ("created_at", g.t_sql())]


def _t_credentials(g: _Gen):
    r = g.rng
    return "api_credentials", [("id", r.randint(1, 10**5)), ("service", g.pick(("aws", "github", "slack", "stripe"))),
                               ("access_key_id", _pii_or(g, lambda: g.SEC(g.aws_key_id()), 0.8)),
                               ("secret", _pii_or(g, lambda: g.SEC(g.pick((g.aws_secret, g.gh_token, g.slack_token, g.stripe_key))()), 0.8)),
                               ("created_by", g.user())]


def _t_signups(g: _Gen):
    r = g.rng
    return "signups", [("id", r.randint(1, 10**7)), ("name", g.name()), ("email", _pii_or(g, g.E, 0.8)),
                       ("phone", _pii_or(g, g.PH, 0.8)), ("plain_password", _pii_or(g, g.PW, 0.5, None)),
                       ("signup_ip", _pii_or(g, g.IP, 0.6)), ("utm_source", g.pick(("google", "newsletter", "twitter", None)))]


def _t_orders(g: _Gen):
    r = g.rng
    return "orders", [("id", r.randint(1, 10**7)), ("order_no", g.order_no()), ("sku", g.part_no()),
                      ("qty", r.randint(1, 9)), ("unit_price", float(g.amount())), ("tracking", g.tracking()),
                      ("ship_zip", g.zip4()), ("created_at", g.t_sql())]


def _t_products(g: _Gen):
    r = g.rng
    return "products", [("id", r.randint(1, 10**6)), ("isbn", g.isbn()), ("title", g.sentence()[:40].rstrip(". ")),
                        ("price", float(g.amount())), ("stock", r.randint(0, 5000))]


def _t_events(g: _Gen):
    r = g.rng
    return "events", [("id", g.uuid()), ("ts", g.epoch(True)), ("type", g.pick(("click", "view", "purchase", "signup", "logout"))),
                      ("duration_ms", r.randint(0, 60000)), ("trace_id", g.hex(32))]


def _t_devices(g: _Gen):
    r = g.rng
    return "devices", [("id", r.randint(1, 10**6)), ("imei", g.imei()), ("mac", g.mac()), ("firmware", g.version()),
                       ("last_seen", g.epoch(False))]


def _t_invoices(g: _Gen):
    r = g.rng
    return "invoices", [("id", r.randint(1, 10**6)), ("invoice_no", g.invoice9()), ("customer_id", r.randint(1, 10**7)),
                        ("amount", float(g.amount())), ("status", g.pick(("paid", "open", "void", "overdue"))),
                        ("due_date", g.date()), ("card", g.masked_card())]


def _t_audit(g: _Gen):
    r = g.rng
    return "audit_log", [("id", r.randint(1, 10**8)), ("actor", g.user()), ("action", g.pick(("update", "delete", "export", "login"))),
                         ("object_id", g.uuid()), ("sha256", g.hex(64)), ("created_at", g.t_sql())]


_PII_TABLES = (_t_customers, _t_customers, _t_taxpayers, _t_payment_methods, _t_payment_methods, _t_bank_accounts,
               _t_sepa, _t_users, _t_users, _t_credentials, _t_signups)
_CLEAN_TABLES = (_t_orders, _t_products, _t_events, _t_devices, _t_invoices, _t_audit)


def _table(g: _Gen):
    """(table function, table name, columns) for the record's PII setting."""
    fn = g.pick(_PII_TABLES if g.pii else _CLEAN_TABLES)
    name, cols = fn(g)
    return fn, name, cols


def _sql_val(v):
    t = type(v)
    if v is None:
        return "NULL"
    if t is P:
        return ["'", v, "'"]
    if t is int or t is float:
        return str(v)
    return "'" + str(v).replace("'", "''") + "'"


def _fam_sql_dump(g: _Gen):
    r = g.rng
    fn, name, cols = _table(g)
    k = r.random()
    if k < 0.4:
        head = f"INSERT INTO `{name}` (" + ",".join(f"`{c}`" for c, _ in cols) + ") VALUES ("
        vals = []
        for i, (_, v) in enumerate(cols):
            if i:
                vals.append(",")
            vals.append(_sql_val(v))
        return "text", [head, vals, ");"]
    if k < 0.7:
        head = f"INSERT INTO public.{name} ({', '.join(c for c, _ in cols)}) VALUES ("
        vals = []
        for i, (_, v) in enumerate(cols):
            if i:
                vals.append(", ")
            vals.append(_sql_val(v))
        return "text", [head, vals, ");"]
    if k < 0.88:  # multi-row mysqldump extended insert
        rows = [cols] + [fn(g)[1] for _ in range(r.randint(1, 2))]
        out = [f"INSERT INTO `{name}` VALUES "]
        for j, row in enumerate(rows):
            if j:
                out.append(",")
            out.append("(")
            for i, (_, v) in enumerate(row):
                if i:
                    out.append(",")
                out.append(_sql_val(v))
            out.append(")")
        out.append(";")
        return "text", out
    sets = [c for c in cols[1:] if c[1] is not None]
    r.shuffle(sets)
    sets = sets[:r.randint(1, 3)] or cols[1:2]
    out = [f"UPDATE {name} SET "]
    for i, (c, v) in enumerate(sets):
        if i:
            out.append(", ")
        out += [c, " = ", _sql_val(v)]
    out.append(f" WHERE id = {cols[0][1] if type(cols[0][1]) is int else repr(cols[0][1])};")
    return "text", out



def _fam_csv_row(g: _Gen):
    r = g.rng
    _, name, cols = _table(g)
    delim = r.choices((",", ";", "\t", "|"), (60, 15, 15, 10))[0]
    if not g.pii and r.random() < 0.08:
        return "text", [delim.join(c for c, _ in cols)]
    quote_all = r.random() < 0.25
    pg_copy = delim == "\t" and r.random() < 0.5
    out = []
    for i, (_, v) in enumerate(cols):
        if i:
            out.append(delim)
        if v is None:
            out.append("\\N" if pg_copy else "")
            continue
        s = _flat_str(v)
        needs = quote_all or delim in s or '"' in s or (delim != "\t" and s != s.strip())
        if needs and not pg_copy:
            out += ['"', v if type(v) is P else s.replace('"', '""'), '"']
        else:
            out.append(v if type(v) is P else s)
    return "text", out


def _fam_url_log(g: _Gen):
    r = g.rng
    d = g.domain()
    h = g.host()
    if g.pii:
        k = r.randrange(12)
        if k == 0:
            url = [f"https://api.{d}/v1/users?email=", g.E(), "&include=profile"]
        elif k == 1:
            url = [f"https://{d}/reset-password?token=", g.SEC(g.jwt())]
        elif k == 2:
            url = ["https://", g.user(), ":", g.PW(), f"@{h}/{g.word()}"]
        elif k == 3:
            url = [f"https://{g.word()}-assets.s3.amazonaws.com/{g.word()}/{g.hex(12)}.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=",
                   g.SEC(g.aws_key_id()), f"%2F{g.date().replace('-', '')}%2F{g.pick(_AWS_REGIONS)}%2Fs3%2Faws4_request&X-Amz-Date={g.date().replace('-', '')}T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature={g.hex(64)}"]
        elif k == 4:
            url = ["https://slack.com/api/chat.postMessage?token=", g.SEC(g.slack_token()), f"&channel=C{g.rs(_UPALNUM, 10)}"]
        elif k == 5:
            url = [f"https://{d}/api/v2/lookup?phone=", P(g.phone_url(), PHONE_NUMBER), "&ssn=", g.SSN("")]
        elif k == 6:
            url = ["http://", g.user(), ":", g.PW(), f"@proxy.{d}:3128/"]
        elif k == 7:
            url = [f"https://api.{d}/v1/charges?card=", g.CC(""), f"&amount={r.randint(100, 99999)}&currency=usd"]
        elif k == 8:
            url = [f"https://{d}/ach?routing_number=", g.ABA(), "&account_number=", g.ACCT()]
        elif k == 9:
            url = [f"https://api.{d}/payouts?iban=", g.IBAN(False), "&currency=EUR"]
        elif k == 10:
            url = ["https://", g.user(), ":", g.SEC(g.gh_token()), f"@github.com/{g.word()}/{g.word()}.git"]
        else:
            url = [f"https://{d}/geo?client_ip=", g.IP(), f"&lang=en"]
    else:
        k = r.randrange(8)
        if k == 0:
            url = f"https://{h}/api/v1/orders/{g.order_no()}?expand=items&ts={g.epoch(True)}"
        elif k == 1:
            url = f"https://{d}/track?carrier=ups&tracking={g.ups()}"
        elif k == 2:
            url = f"https://cdn.{d}/assets/app.{g.hex(8)}.js?v={g.version()}"
        elif k == 3:
            url = f"https://{d}/search?q={g.word()}+{g.word()}&page={r.randint(1, 30)}&session={g.uuid()}"
        elif k == 4:
            url = f"https://{d}/login?next=%2Fdashboard&user=&password="
        elif k == 5:
            url = f"http://{g.bind()}/healthz"
        elif k == 6:
            url = f"https://{d}/api/v1/items?isbn={g.isbn()}&zip={g.zip4()}&sku={g.part_no()}"
        else:
            url = f"https://{d}/invoice/{g.invoice9()}/download?sig={g.hex(40)}&exp={g.epoch(False)}"
    m = g.pick(_METHODS[:16])
    k = r.random()
    if k < 0.4:
        return "text", [g.t_iso(), " ", m, " ", url, f" -> {g.pick(_STATUS)} ({r.randint(1, 3000)} ms)"]
    if k < 0.6:
        return "text", [f"[{g.t_py()}] http_client: {m} ", url]
    if k < 0.75:
        return "text", ["curl -sS -X ", m, " '", url, "'"]
    if k < 0.9:
        return "text", [g.t_iso(), " Redirecting to ", url]
    return "text", [f"level=debug msg=\"outbound request\" method={m} url=\"", url, f"\" status={g.pick(_STATUS)}"]


def _fam_email_body(g: _Gen):
    r = g.rng
    f = g.first()
    full = f"{f} {g.pick(g.p.last)}"
    co = g.pick(g.p.companies)
    if g.pii:
        k = r.randrange(9)
        if k == 0:
            body = [f"Hi {f}, thanks for your order #{g.order_no()}. Reply to this email or call us at ", g.PH(), f" if anything looks off. - {co} Support"]
        elif k == 1:
            body = ["Hello, please update my direct deposit to routing ", g.ABA(), " and account ", g.ACCT(), "."]
            if g.want(0.5):
                body += [" For verification my SSN is ", g.SSN(), "."]
            body += [f" Thanks, {full}"]
        elif k == 2:
            body = [f"Dear {full}, we received your wire from ", g.IBAN(), f" (ref INV-{g.invoice9()}). Funds settle within 2 business days."]
        elif k == 3:
            body = ["Hey, staging creds: user deploy / password ", g.PW(), "."]
            if g.want(0.5):
                body += [" AWS key ", g.SEC(g.aws_key_id()), " secret ", g.SEC(g.aws_secret()), "."]
            body += [" Please rotate after the demo."]
        elif k == 4:
            body = [f"Hi {f}, I'm out of office until Monday. For urgent matters contact ", g.E(), " or ", g.PH(), "."]
        elif k == 5:
            body = ["Hi, my card ", g.CC(), f" was charged twice for invoice {g.invoice9()}. Please refund. {full}, ", g.PH()]
        elif k == 6:
            body = [f"{f}, here's the deploy key you asked for: ", g.SEC(g.pem(r.choice((" ", "\\n")))), " -- don't forward this."]
        elif k == 7:
            body = ["Your ITIN ", g.ITIN(), f" has been assigned. Keep this letter (Notice CP565, {g.date()}) for your records."]
        else:
            body = [f"Hi {f}, you were invited to {co}. Sign in with ", g.E(), " and temporary password ", g.PW(), f" before {g.date()}."]
    else:
        k = r.randrange(6)
        if k == 0:
            body = [f"Hi team, deploy of v{g.version()} finished at {g.t_sql()}; build {g.hex(7)}, {r.randint(0, 12)} migrations applied. No action needed."]
        elif k == 1:
            body = [f"Hi {f}, your order {g.order_no()} shipped via UPS {g.ups()}. Estimated delivery {g.date()} to zip {g.zip4()}."]
        elif k == 2:
            body = [f"Reminder: invoice {g.invoice9()} for {g.amount()} USD is due on {g.date()}. Reference {g.uuid()}."]
        elif k == 3:
            body = [f"Hello {f}, the replacement part {g.part_no()} is backordered; ETA two weeks. Sorry for the wait! - {co}"]
        elif k == 4:
            body = [f"Thanks for the report. We reproduced it on firmware {g.version()}, device IMEI {g.imei()}. Ticket {r.randint(10**4, 10**6)}."]
        else:
            body = [f"Hi {f}, {g.sentence()} Your card {g.masked_card()} will be charged {g.amount()} on {g.date()}."]
    k = r.random()
    if k < 0.35:
        subj = g.pick(("Re: your order", "Direct deposit", "Invoice", "Quick question", "Fwd: account update", "Out of office", "Refund request"))
        frm = g.E() if g.want(0.4) else f"{g.pick(('noreply', 'support', 'billing'))} at {co}"
        return "text", ["From: ", frm, f" | Subject: {subj} | ", body]
    if k < 0.5:
        return "text", [f"Subject: {g.sentence()[:40].rstrip('.')} | ", body]
    return "text", body


def _fam_support_ticket(g: _Gen):
    r = g.rng
    n = r.randint(10**4, 10**7)
    pri = g.pick(_PRIORITIES)
    if g.pii:
        k = r.randrange(9)
        if k == 0:
            body = ["Customer called from ", g.PH(), " asking to update routing ", g.ABA(), " account ", g.ACCT(), "."]
        elif k == 1:
            body = ["Caller verified SSN ", g.SSN(), f" and DOB {g.dob()}; wants card ", g.CC(), " removed from file."]
        elif k == 2:
            body = ["User ", g.E(), " locked out after 5 failed attempts from IP ", g.IP(), "; reset link sent."]
        elif k == 3:
            body = [f"Chat: customer pasted their password '", g.PW(), "' in chat, advised to change it."]
        elif k == 4:
            body = [f"Escalation: refund to IBAN ", g.IBAN(), f" requested by {g.name()}, callback ", g.PH(), "."]
        elif k == 5:
            body = ["Customer ITIN ", g.ITIN(), " mismatched on 1099 form, follow up at ", g.E(), "."]
        elif k == 6:
            body = [f"Security: leaked token ", g.TOK(), f" found in public repo {g.word()}/{g.word()}, revoked at {g.t_sql()}."]
        elif k == 7:
            body = ["Please change the login email of customer id ", str(r.randint(10**5, 10**8)), " to ", g.E(), f" (old one bounced, order {g.order_no()})."]
        else:
            body = ["Customer disputes charge on card ", g.CC(), f" for {g.amount()} USD; IP at checkout ", g.IP4(), "."]
    else:
        k = r.randrange(6)
        if k == 0:
            body = [f"Customer reports invoice {g.invoice9()} shows wrong zip {g.zip4()}; part {g.part_no()} backordered."]
        elif k == 1:
            body = [f"Customer asked about order {g.order_no()}, tracking {g.tracking()}, delivered {g.date()}."]
        elif k == 2:
            body = [f"Device IMEI {g.imei()} fails update to {g.version()}; logs uploaded, sha256 {g.hex(64)}."]
        elif k == 3:
            body = [f"Refund of {g.amount()} approved for order {g.order_no()} (ref {g.uuid()})."]
        elif k == 4:
            body = [f"Customer can't reach the dashboard; service listens on {g.bind()} only. Escalated to ops, ticket {r.randint(10**4, 10**6)}."]
        else:
            body = [f"Customer says card {g.masked_card()} was declined; advised to retry. {g.sentence()}"]
    k = r.random()
    if k < 0.4:
        return "text", [f"Ticket #{n} [{pri}] ", body]
    if k < 0.7:
        return "text", [f"[{g.t_iso(False)}] ticket={n} agent={g.user()} priority={pri} note=\"", body, "\""]
    return "text", [f"Case {n} ({g.pick(('phone', 'chat', 'email', 'web'))}): ", body]


def _fam_web_form(g: _Gen):
    r = g.rng
    if g.pii:
        form = g.pick(("signup", "signup", "checkout", "checkout", "direct_deposit", "w9", "wire_transfer", "contact", "contact"))
    else:
        form = g.pick(("feedback", "search", "newsletter_prefs", "rma", "shipping_quote"))
    fl: dict = {}
    if form == "signup":
        f, l = g.first(), g.pick(g.p.last)
        fl = {"first_name": f, "last_name": l}
        if g.want(0.95):
            fl["email"] = g.E(f, l)
        if g.want(0.5):
            fl["phone"] = g.PH()
        if g.want(0.6):
            fl["password"] = g.PW()
        fl["newsletter"] = r.random() < 0.4
    elif form == "checkout":
        fl = {"name_on_card": g.name()}
        if g.want(0.9):
            fl["card_number"] = g.CC()
        fl.update({"exp_month": r.randint(1, 12), "exp_year": r.randint(2025, 2031), "billing_zip": g.zip4() if r.random() < 0.3 else f"{r.randint(1001, 99950):05d}"})
        if g.want(0.5):
            fl["email"] = g.E()
        fl["coupon"] = g.pick(("", "SPRING10", "WELCOME", "FREESHIP"))
    elif form == "direct_deposit":
        fl = {"employee_id": r.randint(1000, 99999)}
        if g.want(0.9):
            fl["routing_number"] = g.ABA()
        if g.want(0.9):
            fl["account_number"] = g.ACCT()
        fl["account_type"] = g.pick(("checking", "savings"))
        if g.want(0.5):
            fl["ssn"] = g.SSN()
    elif form == "w9":
        fl = {"name": g.name(), "business_name": g.pick(g.p.companies), "tin_type": "ITIN" if r.random() < 0.6 else "SSN"}
        if g.want(0.95):
            fl["tin"] = g.ITIN() if fl["tin_type"] == "ITIN" else g.SSN()
        fl["address"] = g.pick(g.p.streets)
        fl["city"] = g.pick(g.p.cities)
        fl["zip"] = g.zip4()
    elif form == "wire_transfer":
        fl = {"beneficiary": g.name()}
        if g.want(0.95):
            fl["iban"] = g.IBAN()
        fl.update({"bic": g.pick(_BICS), "amount": float(g.amount()), "reference": f"INV-{g.invoice9()}"})
    elif form == "contact":
        fl = {"name": g.name()}
        if g.want(0.9):
            fl["email"] = g.E()
        if g.want(0.5):
            fl["phone"] = g.PH()
        fl["message"] = Cat(("Please call me back at ", g.PH(), ". ", g.sentence())) if g.want(0.2) else g.sentence()
    elif form == "feedback":
        fl = {"rating": r.randint(1, 5), "comment": g.sentence(), "order_id": g.order_no()}
    elif form == "search":
        fl = {"q": f"{g.word()} {g.word()}", "page": r.randint(1, 20), "sort": g.pick(("price", "relevance", "newest"))}
    elif form == "newsletter_prefs":
        fl = {"user_id": r.randint(1, 10**7), "topics": [g.word() for _ in range(r.randint(1, 4))], "frequency": g.pick(("daily", "weekly", "monthly"))}
    elif form == "rma":
        fl = {"order_id": g.order_no(), "part": g.part_no(), "serial": g.hexu(12), "imei": g.imei(), "reason": g.sentence()}
    else:
        fl = {"from_zip": g.zip4(), "to_zip": f"{r.randint(1001, 99950):05d}", "weight_lb": round(r.random() * 40, 1), "tracking_ref": g.ups()}
    o: dict = {}
    if r.random() < 0.5:
        o["form_id"] = form
        o["submission_id"] = g.uuid()
    else:
        o["form"] = form
    o["submitted_at"] = g.t_iso() if r.random() < 0.7 else g.epoch(True)
    o["fields"] = fl
    meta: dict = {}
    if g.want(0.5):
        meta["ip"] = g.IP()
    meta["user_agent"] = g.ua()
    if r.random() < 0.6:
        meta["referrer"] = g.referer()
    meta["csrf_token"] = g.hex(32)
    if r.random() < 0.4:
        meta["session"] = g.uuid()
    o["meta"] = meta
    return "json", o


def _fam_cloud_audit(g: _Gen):
    r = g.rng
    src, name = g.pick(_AWS_EVENTS)
    acct = str(r.randint(10**11, 10**12 - 1))
    uname = g.user()
    if r.random() < 0.3:
        role = f"{g.word().capitalize()}{g.pick(('Admin', 'Deployer', 'ReadOnly', 'SSO'))}"
        if g.want(0.4):  # SSO sessions are named after the user's e-mail address
            sess = g.E()
            ident: dict = {"type": "AssumedRole", "principalId": Cat((f"AROA{g.rs(_UPALNUM, 17)}:", sess)),
                           "arn": Cat((f"arn:aws:sts::{acct}:assumed-role/{role}/", P(sess.v, sess.t)))}
        else:
            ident = {"type": "AssumedRole", "principalId": f"AROA{g.rs(_UPALNUM, 17)}:{uname}",
                     "arn": f"arn:aws:sts::{acct}:assumed-role/{role}/{uname}"}
        ident["accountId"] = acct
    else:
        ident = {"type": "IAMUser", "principalId": "AIDA" + g.rs(_UPALNUM, 17),
                 "arn": f"arn:aws:iam::{acct}:user/{uname}", "accountId": acct, "userName": uname}
    if g.want(0.55):
        ident["accessKeyId"] = g.SEC(g.aws_key_id())
    o: dict = {"eventVersion": "1.08", "userIdentity": ident, "eventTime": g.t_iso(False), "eventSource": src,
               "eventName": name, "awsRegion": g.pick(_AWS_REGIONS)}
    o["sourceIPAddress"] = g.IP() if g.want(0.8) else g.pick(("AWS Internal", "ec2.amazonaws.com", "cloudformation.amazonaws.com", "lambda.amazonaws.com"))
    o["userAgent"] = g.pick((f"aws-cli/2.{r.randint(10, 17)}.{r.randint(0, 30)} Python/3.11.{r.randint(1, 9)} Linux/5.15.0 botocore/2.0",
                             "console.amazonaws.com", f"Boto3/1.34.{r.randint(0, 99)} md/Botocore#1.34.{r.randint(0, 99)}",
                             "aws-sdk-go-v2/1.24.0 os/linux lang/go#1.21.5", "AWS Internal"))
    if src == "s3.amazonaws.com":
        o["requestParameters"] = {"bucketName": f"{g.word()}-{r.choice(('logs', 'backups', 'exports', 'assets'))}", "key": f"{g.date()}/{g.uuid()}.json.gz"}
    elif name == "AssumeRole":
        o["requestParameters"] = {"roleArn": f"arn:aws:iam::{acct}:role/{g.word()}-deployer", "roleSessionName": f"{uname}-{g.epoch(False)}"}
        if g.want(0.5):
            o["responseElements"] = {"credentials": {"accessKeyId": g.SEC("ASIA" + g.rs(_UPALNUM, 16)),
                                                     "sessionToken": g.SEC("IQoJb3JpZ2luX2Vj" + g.rs(_B64, r.randint(200, 400))),
                                                     "expiration": g.t_iso(False)}}
    elif name == "ConsoleLogin":
        o["responseElements"] = {"ConsoleLogin": g.pick(("Success", "Failure"))}
        o["additionalEventData"] = {"MFAUsed": g.pick(("Yes", "No")), "LoginTo": "https://console.aws.amazon.com/console/home"}
    elif name == "CreateAccessKey":
        o["requestParameters"] = {"userName": uname}
        o["responseElements"] = {"accessKey": {"accessKeyId": g.SEC(g.aws_key_id()) if g.want(0.7) else "HIDDEN_DUE_TO_SECURITY_REASONS",
                                               "status": "Active", "userName": uname}}
    else:
        o["requestParameters"] = None
    if "responseElements" not in o:
        o["responseElements"] = None
    o["requestID"] = g.uuid() if r.random() < 0.5 else g.hexu(16)
    o["eventID"] = g.uuid()
    o["readOnly"] = name.startswith(("Get", "Describe"))
    o["eventType"] = "AwsApiCall" if name != "ConsoleLogin" else "AwsConsoleSignIn"
    o["recipientAccountId"] = acct
    if r.random() < 0.3:
        o["tlsDetails"] = {"tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256", "clientProvidedHostHeader": src}
    return "json", o


# --------------------------------------------------------------------------------------------
# Held-out test families added for issue 18 (ach_batch, payroll_export, k8s_events,
# support_chat). They are modelled on real formats (ACH processor logs and NACHA return/NOC
# notices, payroll exports, Kubernetes audit/event/watch JSON, support chat transcripts) and were
# written without running any detector on them and without reading the recognizers or the other
# test families' errors. Columns come in random orders under varied key names, so that no layout
# rule fitted to one family's column order carries over. They are in SPLITS["test"] only.
# --------------------------------------------------------------------------------------------

_K8S_ALNUM = "bcdfghjklmnpqrstvwxz2456789"   # the alphabet of generated Kubernetes name suffixes
_ACH_SEC_CODES = ("PPD", "CCD", "WEB", "TEL", "CTX", "PPD", "PPD")
_ACH_TXN_CODES = ("22", "27", "32", "37", "23", "28")
_ACH_ACCT_TYPES = ("checking", "savings", "CHECKING", "SAVINGS", "C", "S", "DDA", "SAV", "Checking", "Savings")
_ACH_RETURNS = (("R01", "Insufficient Funds"), ("R02", "Account Closed"),
                ("R03", "No Account/Unable to Locate Account"), ("R04", "Invalid Account Number Structure"),
                ("R08", "Payment Stopped"), ("R10", "Customer Advises Not Authorized"),
                ("R16", "Account Frozen"), ("R20", "Non-Transaction Account"),
                ("R29", "Corporate Customer Advises Not Authorized"))
_ACH_STATUSES = ("pending", "submitted", "settled", "returned", "failed", "canceled", "PROCESSED", "ACCEPTED")
_ACH_ENTRY_DESC = ("PAYROLL", "VENDOR PMT", "REFUND", "DIVIDEND", "RENT", "INS PREM", "UTILITY", "SUBSCRIP")
# key name parts: a record's keys are built from these in one naming style (snake, camel, ...)
_BANK_SIDES = ((), ("src",), ("dst",), ("from",), ("to",), ("orig",), ("recv",), ("debtor",),
               ("creditor",), ("beneficiary",), ("receiver",), ("payee",))
_BANK_ACCT_WORDS = (("acct",), ("account",), ("account", "no"), ("account", "number"), ("acct", "num"),
                    ("dfi", "account"), ("bank", "account"), ("acct", "no"), ("dda",))
_BANK_RTN_WORDS = (("routing",), ("routing", "no"), ("routing", "number"), ("aba",), ("rtn",),
                   ("aba", "routing"), ("transit", "no"), ("bank", "routing"), ("rdfi",))


def _key_style(g: _Gen):
    """A function joining key words in one of the naming styles found in real payloads."""
    style = g.rng.randrange(5)
    if style == 0:
        return lambda ws: "_".join(ws)
    if style == 1:
        return lambda ws: ws[0] + "".join(w.capitalize() for w in ws[1:])
    if style == 2:
        return lambda ws: "".join(w.capitalize() for w in ws)
    if style == 3:
        return lambda ws: "-".join(ws)
    return lambda ws: "_".join(ws).upper()


def _ach_trace(g: _Gen) -> str:
    """A 15-digit ACH trace number: the ODFI's 8-digit routing prefix, then a sequence number."""
    return g.aba()[:8] + f"{g.rng.randint(1, 9_999_999):07d}"


def _ach_masked(g: _Gen) -> str:
    r = g.rng
    last4 = f"{r.randint(0, 9999):04d}"
    return r.choice((f"****{last4}", f"XXXXXX{last4}", f"...{last4}", f"x{last4}", f"*****{last4}"))


def _ach_decoys(g: _Gen, keyf) -> list:
    """(key, value) hard negatives of an ACH entry: trace, batch, company id, amounts in cents,
    effective dates, individual ids, payment ids, codes."""
    r = g.rng
    pool = [
        (("trace", "number"), _ach_trace(g)),
        (("batch", "number"), f"{r.randint(1, 9_999_999):07d}"),
        (("company", "id"), "1" + "".join(r.choices(_DIG, k=9))),
        (("amount", "cents"), f"{r.randint(100, 99_999_999):010d}" if r.random() < 0.5 else str(r.randint(100, 9_999_999))),
        (("amount",), g.amount()),
        (("effective", "date"), g.dt.strftime("%y%m%d") if r.random() < 0.5 else g.date()),
        (("individual", "id"), f"{r.randint(1, 10**9):015d}" if r.random() < 0.5 else f"EMP{r.randint(1000, 999999)}"),
        (("payment", "id"), r.choice((f"pay_{g.rs(_ALNUM, 24)}", f"ach_{g.hex(20)}", g.uuid()))),
        (("idempotency", "key"), g.uuid()),
        (("sec", "code"), g.pick(_ACH_SEC_CODES)),
        (("txn", "code"), g.pick(_ACH_TXN_CODES)),
        (("entry", "hash"), f"{r.randint(1, 9_999_999_999):010d}"),
        (("status",), g.pick(_ACH_STATUSES)),
        (("entry", "count"), r.randint(1, 5000)),
        (("settlement", "date"), g.date()),
    ]
    r.shuffle(pool)
    return [(keyf(list(k)), v) for k, v in pool[:r.randint(2, 6)]]


def _ach_bank_pairs(g: _Gen, keyf) -> list:
    """(key, value) pairs of one or two parties' routing and account numbers (PII only when
    wanted; otherwise a masked account and no routing number), in random orders."""
    r = g.rng
    out = []
    sides = [()] if r.random() < 0.5 else [g.pick(_BANK_SIDES[1:]) for _ in range(2)]
    if len(sides) == 2 and sides[0] == sides[1]:
        sides = sides[:1]
    acct_w, rtn_w = g.pick(_BANK_ACCT_WORDS), g.pick(_BANK_RTN_WORDS)
    for side in sides:
        pair = []
        if g.want(0.8):
            pair.append((keyf(list(side + rtn_w)), g.ABA()))
        if g.want(0.85):
            pair.append((keyf(list(side + acct_w)), g.ACCT()))
        elif r.random() < 0.6:
            pair.append((keyf(list(side + acct_w)), _ach_masked(g)))
        if r.random() < 0.3:
            pair.append((keyf(list(side + ("account", "type"))), g.pick(_ACH_ACCT_TYPES)))
        if r.random() < 0.5:
            r.shuffle(pair)
        out += pair
    return out


def _fam_ach_batch(g: _Gen):
    """A payment processor's ACH log: entry rows (CSV, pipe, tab, semicolon; columns in random
    order, no header on the row), key/value log lines and JSON payloads with varied key names
    (``src_acct``, ``dstAccountNo``, ``routing_no``, ``aba``...), NACHA returns and notifications
    of change (C01/C02/C03 corrected data)."""
    r = g.rng
    k = r.random()
    if k < 0.35:  # an entry row as a processor exports it
        delim = r.choice((",", "|", "\t", ";", " | "))
        if not g.pii and r.random() < 0.12:  # the header line
            keyf = _key_style(g)
            cols = [("trace", "number"), ("amount",), ("routing", "number"), ("account", "number"),
                    ("account", "type"), ("name",), ("sec",), ("effective", "date"), ("company", "id")]
            r.shuffle(cols)
            return "text", [delim.join(keyf(list(c)) for c in cols[:r.randint(4, 9)])]
        cols: list = [_ach_trace(g), g.amount() if r.random() < 0.6 else f"{r.randint(100, 99_999_999):010d}",
                      g.name().upper() if r.random() < 0.7 else g.name()]
        cols += [v for _, v in _ach_decoys(g, lambda ws: "")[:r.randint(0, 3)]]
        if g.want(0.85):
            cols.append(g.ABA())
        if g.want(0.9):
            cols.append(g.ACCT())
        elif r.random() < 0.7:
            cols.append(_ach_masked(g))
        if r.random() < 0.6:
            cols.append(g.pick(_ACH_ACCT_TYPES))
        if r.random() < 0.4:
            cols.append(g.pick(_ACH_ENTRY_DESC))
        r.shuffle(cols)
        out: list = []
        for i, v in enumerate(cols):
            if i:
                out.append(delim)
            s = _flat_str(v)
            if (delim.strip() or delim) in s or (delim == "," and r.random() < 0.15):
                out += ['"', v, '"']
            else:
                out.append(v)
        if r.random() < 0.3:
            return "text", [f"{g.t_py()} INFO ach.export batch={r.randint(1, 9_999_999):07d} row={r.randint(1, 5000)}: ", out]
        return "text", out
    if k < 0.75:  # a key/value log line or a JSON payload logged as text
        keyf = _key_style(g)
        pairs = _ach_bank_pairs(g, keyf) + _ach_decoys(g, keyf)
        if g.want(0.1):
            pairs.append((keyf(["client", "ip"]), g.IP()))
        r.shuffle(pairs)
        svc = g.pick(("ach-gateway", "payouts", "ledger", "nacha-builder", "transfers", "settlement"))
        kind = r.randrange(3)
        if kind == 0:
            body: list = []
            for i, (kk, v) in enumerate(pairs):
                body += [" " if i else "", kk, "=", _lf(v)]
            return "text", [f"ts={g.t_iso()} level={g.pick(_LEVELS).lower()} svc={svc} msg=\"{g.pick(('transfer created', 'entry queued', 'return received', 'prenote sent', 'entry validated'))}\" ", body]
        if kind == 1:
            body = []
            for i, (kk, v) in enumerate(pairs):
                body += [", " if i else "", kk, ": ", v]
            return "text", [f"[{g.t_py()}] {svc} {g.pick(('DEBUG', 'INFO', 'WARN'))} ", body]
        body = ["{"]
        for i, (kk, v) in enumerate(pairs):
            body += [", " if i and r.random() < 0.5 else ("," if i else ""), '"', kk, '":']
            if type(v) is int or (type(v) is P and v.v.isdigit() and r.random() < 0.25):
                body.append(v)  # numbers unquoted
            else:
                body += ['"', v, '"']
        body.append("}")
        head = g.pick((f"{g.t_iso()} POST /v1/transfers {g.pick((200, 201, 400, 422))} body=",
                       f"{g.t_py()} {svc}.client DEBUG request payload: ",
                       f"{g.t_iso()} webhook {g.pick(('transfer.created', 'transfer.returned', 'payout.failed'))} data="))
        return "text", [head, body]
    # a return or a notification of change, as a processor reports it
    trace = _ach_trace(g)
    amt = g.amount()
    if g.pii and r.random() < 0.45:
        code, what = g.pick((("C01", "Incorrect DFI Account Number"), ("C02", "Incorrect Routing Number"),
                             ("C03", "Incorrect Routing Number and Incorrect DFI Account Number")))
        if code == "C01":
            corrected: list = [g.ACCT()]
        elif code == "C02":
            corrected = [g.ABA()]
        else:
            corrected = [g.ABA(), "   ", g.ACCT()]
        return "text", [f"{g.t_sql()} NOC {code} ({what}) trace {trace} original entry {g.dt.strftime('%y%m%d')}: corrected data \"",
                        corrected, f"\" -- update the customer record before the next entry ({g.pick(_ACH_SEC_CODES)})"]
    code, what = g.pick(_ACH_RETURNS)
    parts: list = [f"{g.t_sql()} ACH return {code} {what}: trace {trace}, amount ${amt}"]
    if g.want(0.8):
        parts += [r.choice((", receiver account ", ", DFI acct ", ", acct# ")), g.ACCT()]
    else:
        parts.append(f", account {_ach_masked(g)}")
    if g.want(0.6):
        parts += [r.choice((" at RDFI ", " routing ", " ABA ")), g.ABA()]
    parts.append(f", company id {'1' + ''.join(r.choices(_DIG, k=9))}, batch {r.randint(1, 9_999_999):07d}")
    return "text", parts


_PAYROLL_HEADERS = {
    "emp": ("Employee ID", "EmpID", "emp_no", "File #", "EE ID", "worker_id"),
    "name": ("Employee Name", "Name", "name", "Last, First", "EE Name"),
    "tin": ("SSN", "ssn", "Social Security #", "Tax ID", "TIN", "national_id"),
    "routing": ("Routing", "ABA", "Bank Routing #", "RTN", "routing_number", "Transit No"),
    "account": ("Account", "Acct #", "Bank Account", "account_number", "DFI Acct", "Deposit Account"),
    "acct_type": ("Acct Type", "Type", "account_type", "Dep Type"),
    "phone": ("Phone", "Mobile", "phone", "Home Phone", "cell"),
    "email": ("Email", "E-mail", "email", "Personal Email", "work_email"),
    "pay_date": ("Pay Date", "check_date", "Period End"),
    "gross": ("Gross", "Gross Pay", "gross_pay"),
    "net": ("Net", "Net Pay", "net_pay"),
    "hours": ("Hours", "Reg Hrs", "hours"),
    "check": ("Check #", "Advice No", "voucher_no"),
    "fein": ("Co FEIN", "FEIN", "employer_ein"),
    "gl": ("GL Code", "Cost Center", "gl_account"),
    "zip": ("Zip", "Postal Code", "zip"),
    "dept": ("Dept", "Department", "dept_code"),
    "hire": ("Hire Date", "DOH", "hire_date"),
}


def _payroll_fields(g: _Gen) -> dict:
    """Column name -> value of one employee; PII only when wanted, masked stand-ins otherwise."""
    r = g.rng
    f, l = g.first(), g.pick(g.p.last)
    fields: dict = {}
    fields["emp"] = r.choice((f"{r.randint(1, 999999):06d}", f"E{r.randint(10000, 99999)}",
                              str(r.randint(10**8, 10**9 - 1))))
    fields["name"] = r.choice((f"{l}, {f}", f"{f} {l}", f"{l.upper()} {f.upper()}"))
    if g.want(0.75):
        fields["tin"] = g.ITIN() if r.random() < 0.15 else g.SSN()
    else:
        last4 = f"{r.randint(1, 9999):04d}"
        fields["tin"] = r.choice((f"XXX-XX-{last4}", f"***-**-{last4}", f"*****{last4}", ""))
    if g.want(0.7):
        fields["routing"] = g.ABA()
    if g.want(0.75):
        fields["account"] = g.ACCT()
    elif r.random() < 0.6:
        fields["account"] = _ach_masked(g)
    fields["acct_type"] = r.choice(("Checking", "Savings", "C", "S", "22", "32", "DDA"))
    if g.want(0.35):
        fields["phone"] = g.PH("US") if r.random() < 0.85 else g.PH()
    if g.want(0.35):
        fields["email"] = g.E(f, l)
    fields["pay_date"] = g.date() if r.random() < 0.5 else g.dt.strftime("%m/%d/%Y")
    fields["gross"] = g.amount()
    fields["net"] = g.amount()
    fields["hours"] = f"{r.choice((80, 86.5, 40, 72.25, 88, 64)):.2f}"
    fields["check"] = str(r.randint(10**5, 10**9))
    fields["fein"] = f"{r.randint(10, 99)}-{r.randint(10**6, 10**7 - 1)}"
    fields["gl"] = r.choice((f"{r.randint(5000, 7999)}-{r.randint(100, 999)}",
                             f"{r.randint(100, 999)}-{r.randint(10, 99)}-{r.randint(1000, 9999)}"))
    fields["zip"] = g.zip4() if r.random() < 0.4 else f"{r.randint(1001, 99950):05d}"
    fields["dept"] = r.choice((f"{r.randint(100, 999)}0", f"{g.pick(('FIN', 'OPS', 'ENG', 'HR', 'SLS'))}-{r.randint(100, 999)}"))
    fields["hire"] = f"{r.randint(1995, 2024)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
    return fields


def _fam_payroll_export(g: _Gen):
    """HR / payroll exports: employee rows with SSN or ITIN, direct-deposit details, phone and
    e-mail, as delimited rows (several delimiters, columns in random order), fixed-width rows and
    pay-statement summary lines; header lines in clean records."""
    r = g.rng
    fields = _payroll_fields(g)
    pii_cols = [c for c in ("tin", "routing", "account", "phone", "email") if c in fields]
    rest = [c for c in fields if c not in pii_cols]
    r.shuffle(rest)
    cols = pii_cols + rest[:r.randint(3, len(rest))]
    r.shuffle(cols)
    k = r.random()
    if not g.pii and k < 0.08:
        delim = r.choice((",", "|", "\t", ";"))
        return "text", [delim.join(g.pick(_PAYROLL_HEADERS[c]) for c in cols)]
    if k < 0.55:  # a delimited row
        delim = r.choice((",", ",", "|", "\t", ";"))
        quote_all = delim == "," and r.random() < 0.3
        out: list = []
        for i, c in enumerate(cols):
            if i:
                out.append(delim)
            v = fields[c]
            s = _flat_str(v)
            if quote_all or delim in s:
                out += ['"', v, '"']
            else:
                out.append(v)
        return "text", out
    if k < 0.75:  # a fixed-width row (columns padded with spaces)
        out = []
        for c in cols:
            v = fields[c]
            s = _flat_str(v)
            width = max(len(s) + 2, r.choice((8, 12, 16, 24)))
            out += [v, " " * (width - len(s))]
        return "text", out[:-1]
    # a pay-statement summary line
    bits: list = [[f"gross {fields['gross']} net {fields['net']}"]]
    if "tin" in fields and fields["tin"]:
        bits.append([r.choice(("SSN ", "TIN ", "tax id: ", "SSN/ITIN ")), fields["tin"]])
    dd: list = []
    if "account" in fields:
        dd.append([r.choice(("acct ", "account ", "DDA ", "to account ")), fields["account"]])
    if "routing" in fields:
        dd.append([r.choice(("RTN ", "routing ", "ABA ", "via ")), fields["routing"]])
    if dd:
        r.shuffle(dd)
        bits.append([f"direct deposit {fields['acct_type']} ", dd[0], *([" ", dd[1]] if len(dd) > 1 else []),
                     f" ({r.choice(('100%', 'net', 'remainder', '$' + g.amount()))})"])
    contact = [v for v in (fields.get("phone"), fields.get("email")) if v is not None]
    if contact:
        bits.append(["contact ", contact[0], *([" / ", contact[1]] if len(contact) > 1 else [])])
    bits.append([f"check {fields['check']}"])
    r.shuffle(bits)
    body: list = []
    for i, b in enumerate(bits):
        body += ["; " if i else "", b]
    return "text", [f"Pay statement emp {fields['emp']} ({fields['name']}) pay date {fields['pay_date']}: ", body]


def _k8s_suffix(g: _Gen, n: int) -> str:
    return g.rs(_K8S_ALNUM, n)


def _k8s_node(g: _Gen) -> str:
    r = g.rng
    k = r.randrange(3)
    if k == 0:
        return f"ip-10-{r.randint(0, 255)}-{r.randint(0, 255)}-{r.randint(1, 254)}.{g.pick(_AWS_REGIONS)}.compute.internal"
    if k == 1:
        return f"gke-{g.pick(('prod', 'stg', 'core'))}-pool-{r.randint(1, 4)}-{g.hex(8)}-{_k8s_suffix(g, 4)}"
    return f"aks-nodepool{r.randint(1, 3)}-{r.randint(10**7, 10**8 - 1)}-vmss{r.randint(0, 30):06d}"


def _k8s_meta(g: _Gen, name: str, ns: str) -> dict:
    return {"name": name, "namespace": ns, "uid": g.uuid(), "resourceVersion": str(g.rng.randint(10**5, 10**10)),
            "creationTimestamp": g.t_iso(False)}


def _k8s_env(g: _Gen, in_string: bool = False) -> list:
    """Container env entries: secrets as literal values only when wanted; otherwise references,
    placeholders and ordinary settings."""
    r = g.rng
    env: list = []
    if g.want(0.35):
        env.append({"name": g.pick(("DB_PASSWORD", "POSTGRES_PASSWORD", "REDIS_PASSWORD", "ADMIN_PASSWORD")), "value": g.PW()})
    if g.want(0.25):
        env.append({"name": g.pick(("STRIPE_SECRET_KEY", "PAYMENTS_API_KEY")), "value": g.SEC(g.stripe_key())})
    if g.want(0.2):
        env += [{"name": "AWS_ACCESS_KEY_ID", "value": g.SEC(g.aws_key_id())},
                {"name": "AWS_SECRET_ACCESS_KEY", "value": g.SEC(g.aws_secret())}]
    if g.want(0.2):
        env.append({"name": g.pick(("GITHUB_TOKEN", "SLACK_BOT_TOKEN", "API_TOKEN")),
                    "value": g.SEC(g.pick((g.gh_token, g.slack_token, g.jwt))())})
    if not in_string and g.want(0.2):
        env.append({"name": "DATABASE_URL", "value": Cat(g.creds_url(g.pick(("postgresql", "mysql", "redis"))))})
    if g.want(0.15):
        env.append({"name": g.pick(("ADMIN_EMAIL", "ALERT_EMAIL", "OWNER_EMAIL")), "value": g.E()})
    env.append({"name": "LOG_LEVEL", "value": g.pick(("info", "debug", "warn"))})
    if r.random() < 0.6:
        env.append({"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": f"{g.word()}-db", "key": "password"}}})
    if r.random() < 0.4:
        env.append({"name": g.pick(("API_KEY", "SECRET_KEY", "TOKEN")), "value": g.pick(("${API_KEY}", "$(SECRET_KEY)", "", "<set-me>"))})
    if r.random() < 0.5:
        env.append({"name": "OTEL_EXPORTER_OTLP_ENDPOINT", "value": f"http://otel-collector.observability:{g.pick((4317, 4318))}"})
    if r.random() < 0.4:
        env.append({"name": "GOMAXPROCS", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu", "divisor": "1"}}})
    r.shuffle(env)
    return env


def _k8s_image(g: _Gen) -> tuple[str, str]:
    r = g.rng
    repo = g.pick((f"registry.{g.domain()}/{g.word()}/{g.word()}", f"docker.io/library/{g.pick(('nginx', 'redis', 'postgres', 'busybox'))}",
                   f"{r.randint(10**11, 10**12 - 1)}.dkr.ecr.{g.pick(_AWS_REGIONS)}.amazonaws.com/{g.word()}",
                   f"gcr.io/{g.word()}-{r.randint(100000, 999999)}/{g.word()}"))
    digest = f"sha256:{g.hex(64)}"
    return f"{repo}:{g.version()}" if r.random() < 0.6 else f"{repo}@{digest}", f"{repo}@{digest}"


def _k8s_last_applied(g: _Gen, name: str, ns: str, image: str) -> Cat:
    """``kubectl.kubernetes.io/last-applied-configuration``: a JSON document inside a string."""
    env = [e for e in _k8s_env(g, in_string=True) if "value" in e]
    parts: list = ['{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"', name,
                   '","namespace":"', ns, '"},"spec":{"replicas":', str(g.rng.randint(1, 6)),
                   ',"template":{"spec":{"containers":[{"env":[']
    for i, e in enumerate(env):
        parts += ["," if i else "", '{"name":"', e["name"], '","value":"', e["value"], '"}']
    parts += ['],"image":"', image, '","name":"', name, '"}]}}}}\n']
    return Cat(parts)


def _k8s_audit(g: _Gen) -> dict:
    r = g.rng
    ns = g.pick(("default", "prod", "payments", "kube-system", "monitoring", g.word()))
    res = g.pick(("secrets", "secrets", "configmaps", "pods", "deployments", "serviceaccounts", "pods/exec"))
    name = f"{g.word()}-{g.pick(('db', 'creds', 'config', 'tls', 'api'))}"
    verb = g.pick(("get", "get", "list", "create", "patch", "update", "delete", "watch"))
    if g.want(0.6):
        user: dict = {"username": g.E(), "groups": ["system:authenticated", g.pick(("oidc:platform", "oidc:devs", "gke:admins"))]}
    else:
        sa = g.pick(("default", "argocd-application-controller", "external-secrets", g.word()))
        user = {"username": g.pick((f"system:serviceaccount:{ns}:{sa}", f"system:node:{_k8s_node(g)}", "kubernetes-admin",
                                    "system:kube-controller-manager")),
                "uid": g.uuid(), "groups": ["system:serviceaccounts", f"system:serviceaccounts:{ns}", "system:authenticated"]}
    if g.want(0.3):
        user["extra"] = {"accessKeyId": [g.SEC(g.aws_key_id())], "sessionName": [g.user()]}
    level = g.pick(("Metadata", "Metadata", "Request", "RequestResponse"))
    group = "apps" if res == "deployments" else ""
    uri = f"/api{'s/apps' if group else ''}/v1/namespaces/{ns}/{res.split('/')[0]}" + ("" if verb in ("list", "create", "watch") else f"/{name}")
    if "/" in res:
        verb, uri = "create", f"/api/v1/namespaces/{ns}/pods/{name}/{res.split('/')[1]}?command=sh&stdin=true&tty=true&container={name}"
    if verb == "watch":
        uri += f"?allowWatchBookmarks=true&resourceVersion={r.randint(10**6, 10**10)}&timeout=8m{r.randint(0, 59)}s&watch=true"
    o: dict = {"kind": "Event", "apiVersion": "audit.k8s.io/v1", "level": level, "auditID": g.uuid(),
               "stage": g.pick(("ResponseComplete", "ResponseStarted", "RequestReceived")), "requestURI": uri, "verb": verb,
               "user": user,
               "sourceIPs": [g.IP()] if g.want(0.7) else [g.pick(("127.0.0.1", "::1"))],
               "userAgent": g.pick((f"kubectl/v1.{r.randint(26, 30)}.{r.randint(0, 9)} (linux/amd64) kubernetes/{g.hex(7)}",
                                    f"argocd-application-controller/v2.{r.randint(8, 11)}.{r.randint(0, 9)}",
                                    f"kube-controller-manager/v1.{r.randint(26, 30)}.{r.randint(0, 9)} (linux/amd64) kubernetes/{g.hex(7)}/system:serviceaccount:kube-system:generic-garbage-collector",
                                    "Go-http-client/2.0")),
               "objectRef": {"resource": res.split("/")[0], "namespace": ns, "name": name,
                             "apiVersion": "v1", "resourceVersion": str(r.randint(10**6, 10**10))}}
    if group:
        o["objectRef"]["apiGroup"] = group
    if "/" in res:
        o["objectRef"]["subresource"] = res.split("/")[1]
    o["responseStatus"] = {"metadata": {}, "code": g.pick((200, 200, 201, 403, 404, 409))}
    if level == "RequestResponse" and res == "secrets" and verb in ("get", "create", "update"):
        data: dict = {}
        if g.want(0.8):
            data["password"] = g.SEC(base64.b64encode(g.password().encode()).decode())
        if g.want(0.3):
            data["tls.key"] = g.SEC(base64.b64encode(g.pem("\n").encode()).decode())
        data["username"] = base64.b64encode(g.pick(("app", "postgres", "admin", g.user())).encode()).decode()
        obj = {"kind": "Secret", "apiVersion": "v1", "metadata": _k8s_meta(g, name, ns), "data": data,
               "type": g.pick(("Opaque", "kubernetes.io/tls", "kubernetes.io/basic-auth"))}
        o["responseObject" if verb == "get" else "requestObject"] = obj
    elif level in ("Request", "RequestResponse") and res == "configmaps":
        o["requestObject"] = {"kind": "ConfigMap", "apiVersion": "v1", "metadata": _k8s_meta(g, name, ns),
                              "data": {"LOG_LEVEL": g.pick(("info", "debug")), "FEATURE_FLAGS": ",".join(g.word() for _ in range(3)),
                                       "CACHE_TTL_SECONDS": str(r.randint(30, 86400)), "BUILD_SHA": g.hex(40)}}
    o["requestReceivedTimestamp"] = g.t_iso(False).replace("Z", f".{r.randint(0, 999999):06d}Z")
    o["stageTimestamp"] = g.t_iso(False).replace("Z", f".{r.randint(0, 999999):06d}Z")
    o["annotations"] = {"authorization.k8s.io/decision": "allow" if o["responseStatus"]["code"] != 403 else "forbid",
                        "authorization.k8s.io/reason": f"RBAC: allowed by ClusterRoleBinding \"{g.word()}-binding\" of ClusterRole \"{g.pick(('admin', 'edit', 'view', 'cluster-admin'))}\" to Group \"system:authenticated\""}
    return o


def _k8s_event(g: _Gen) -> dict:
    r = g.rng
    ns = g.pick(("default", "prod", "payments", "monitoring", "ingress-nginx", g.word()))
    app = g.word()
    pod = f"{app}-{_k8s_suffix(g, 10)}-{_k8s_suffix(g, 5)}"
    node = _k8s_node(g)
    image, image_id = _k8s_image(g)
    kind, obj_name = "Pod", pod
    reasons = ["Scheduled", "Pulled", "Created", "Started", "BackOff", "FailedMount", "Killing", "Unhealthy",
               "FailedScheduling", "SuccessfulCreate", "ScalingReplicaSet", "CreateContainerConfigError"]
    pii_reasons = ["ErrRegisterACMEAccount", "UpdatedLoadBalancer", "OIDCLogin"]
    reason = g.pick(pii_reasons) if g.want(0.6) else g.pick(reasons)
    etype = "Normal"
    source = {"component": "kubelet", "host": node}
    if reason == "Scheduled":
        msg = f"Successfully assigned {ns}/{pod} to {node}"
        source = {"component": "default-scheduler"}
    elif reason == "Pulled":
        msg = f"Successfully pulled image \"{image}\" in {r.random() * 9:.3f}s ({r.random() * 12:.3f}s including waiting). Image size: {r.randint(10**6, 10**9)} bytes."
    elif reason in ("Created", "Started"):
        msg = f"{reason} container {app}"
    elif reason == "BackOff":
        etype, msg = "Warning", f"Back-off restarting failed container {app} in pod {pod}_{ns}({g.uuid()})"
    elif reason == "FailedMount":
        etype, msg = "Warning", f"MountVolume.SetUp failed for volume \"{app}-creds\" : secret \"{app}-creds\" not found"
    elif reason == "Killing":
        msg = f"Stopping container {app}"
    elif reason == "Unhealthy":
        etype, msg = "Warning", f"Readiness probe failed: HTTP probe failed with statuscode: {g.pick((500, 503, 404))}"
    elif reason == "FailedScheduling":
        n = r.randint(3, 40)
        etype, msg = "Warning", f"0/{n} nodes are available: {r.randint(1, n)} Insufficient cpu, {r.randint(0, n)} node(s) had untolerated taint {{node.kubernetes.io/unreachable: }}. preemption: 0/{n} nodes are available."
        source = {"component": "default-scheduler"}
    elif reason == "SuccessfulCreate":
        kind, obj_name = "ReplicaSet", f"{app}-{_k8s_suffix(g, 10)}"
        msg = f"Created pod: {pod}"
        source = {"component": "replicaset-controller"}
    elif reason == "ScalingReplicaSet":
        kind, obj_name = "Deployment", app
        msg = f"Scaled up replica set {app}-{_k8s_suffix(g, 10)} to {r.randint(1, 30)} from {r.randint(0, 10)}"
        source = {"component": "deployment-controller"}
    elif reason == "CreateContainerConfigError":
        etype, msg = "Warning", f"Error: couldn't find key DB_PASSWORD in Secret {ns}/{app}-db"
    elif reason == "ErrRegisterACMEAccount":
        kind, obj_name = "ClusterIssuer", "letsencrypt-prod"
        etype, msg = "Warning", Cat(("Failed to register ACME account: 400 urn:ietf:params:acme:error:invalidContact: Error validating contact(s) :: contact email \"", g.E(), "\" has invalid domain"))
        source = {"component": "cert-manager-clusterissuers"}
    elif reason == "UpdatedLoadBalancer":
        kind, obj_name = "Service", f"{app}-public"
        msg = Cat(("Updated load balancer with new hosts; ingress ", g.IP4(), f" port {g.pick((80, 443))} -> nodePort {r.randint(30000, 32767)}"))
        source = {"component": "service-controller"}
    else:
        kind, obj_name = "ServiceAccount", f"{app}-deployer"
        msg = Cat(("Token requested for ", g.E(), f" via OIDC issuer https://oidc.{g.domain()}/ (audience sts.amazonaws.com)"))
        source = {"component": "token-audit"}
    o: dict = {"apiVersion": "v1", "kind": "Event",
               "metadata": _k8s_meta(g, f"{obj_name}.{g.hex(16)}", ns),
               "involvedObject": {"kind": kind, "namespace": ns, "name": obj_name, "uid": g.uuid(),
                                  "apiVersion": "v1" if kind == "Pod" else "apps/v1",
                                  "resourceVersion": str(r.randint(10**5, 10**10))},
               "reason": reason, "message": msg, "source": source,
               "firstTimestamp": g.t_iso(False), "lastTimestamp": g.t_iso(False), "count": r.randint(1, 300),
               "type": etype, "eventTime": None, "reportingComponent": source["component"],
               "reportingInstance": source.get("host", "")}
    if kind == "Pod":
        o["involvedObject"]["fieldPath"] = f"spec.containers{{{app}}}"
    if reason == "Pulled" and r.random() < 0.5:
        o["related"] = {"imageID": image_id}
    return o


def _k8s_watch(g: _Gen) -> dict:
    r = g.rng
    ns = g.pick(("default", "prod", "payments", "batch", g.word()))
    app = g.word()
    image, image_id = _k8s_image(g)
    container: dict = {"name": app, "image": image, "env": _k8s_env(g),
                       "ports": [{"containerPort": g.pick((8080, 8443, 9090, 3000, 5432)), "protocol": "TCP"}],
                       "resources": {"requests": {"cpu": g.pick(("100m", "250m", "500m", "1")), "memory": g.pick(("128Mi", "256Mi", "1Gi"))},
                                     "limits": {"memory": g.pick(("512Mi", "1Gi", "2Gi"))}}}
    annotations: dict = {"checksum/config": g.hex(64)}
    if r.random() < 0.5:
        annotations["prometheus.io/scrape"] = "true"
        annotations["prometheus.io/port"] = str(g.pick((9090, 8080, 9102)))
    if r.random() < 0.3:
        annotations["kubectl.kubernetes.io/restartedAt"] = g.t_iso(False)
    if g.want(0.25):
        annotations[g.pick(("owner", "team.example.io/oncall", "contact"))] = g.E()
    if r.random() < 0.5:
        kind = "Deployment"
        meta = _k8s_meta(g, app, ns)
        meta["generation"] = r.randint(1, 400)
        if r.random() < 0.5:
            annotations["kubectl.kubernetes.io/last-applied-configuration"] = _k8s_last_applied(g, app, ns, image)
        annotations["deployment.kubernetes.io/revision"] = str(r.randint(1, 90))
        meta["annotations"] = annotations
        meta["labels"] = {"app.kubernetes.io/name": app, "app.kubernetes.io/version": g.version()}
        obj = {"apiVersion": "apps/v1", "kind": kind, "metadata": meta,
               "spec": {"replicas": r.randint(1, 12), "selector": {"matchLabels": {"app": app}},
                        "template": {"metadata": {"labels": {"app": app}}, "spec": {"serviceAccountName": app, "containers": [container]}}},
               "status": {"observedGeneration": meta["generation"], "replicas": r.randint(1, 12),
                          "readyReplicas": r.randint(0, 12), "updatedReplicas": r.randint(0, 12)}}
    else:
        kind = "Pod"
        rs_hash = _k8s_suffix(g, 10)
        meta = _k8s_meta(g, f"{app}-{rs_hash}-{_k8s_suffix(g, 5)}", ns)
        meta["generateName"] = f"{app}-{rs_hash}-"
        meta["labels"] = {"app": app, "pod-template-hash": rs_hash}
        meta["annotations"] = annotations
        meta["ownerReferences"] = [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": f"{app}-{rs_hash}",
                                    "uid": g.uuid(), "controller": True, "blockOwnerDeletion": True}]
        obj = {"apiVersion": "v1", "kind": kind, "metadata": meta,
               "spec": {"serviceAccountName": app, "nodeName": _k8s_node(g), "containers": [container],
                        "restartPolicy": "Always", "terminationGracePeriodSeconds": 30},
               "status": {"phase": g.pick(("Running", "Pending", "Succeeded", "Failed")), "startTime": g.t_iso(False),
                          "containerStatuses": [{"name": app, "ready": r.random() < 0.8, "restartCount": r.randint(0, 40),
                                                 "image": image, "imageID": image_id,
                                                 "containerID": f"containerd://{g.hex(64)}"}]}}
    return {"type": g.pick(("ADDED", "MODIFIED", "MODIFIED", "DELETED")), "object": obj}


def _fam_k8s_events(g: _Gen):
    """Kubernetes JSON: API-server audit events (users, source IPs, EKS access keys, Secret data in
    RequestResponse bodies), core/v1 Events, and watch events of Pods and Deployments (env values,
    annotations, ``last-applied-configuration``). Hard negatives: resource versions, UIDs,
    timestamps, image digests, container ids, node names, secret references and placeholders."""
    k = g.rng.random()
    if k < 0.4:
        return "json", _k8s_audit(g)
    if k < 0.7:
        return "json", _k8s_event(g)
    return "json", _k8s_watch(g)


def _chat_customer_pii(g: _Gen) -> list:
    r = g.rng
    k = r.randrange(12)
    if k == 0:
        return [r.choice(("my card is ", "card number ", "the card number is ", "ok its ")), g.CC(r.choice((" ", "-", ""))),
                f" exp {r.randint(1, 12):02d}/{r.randint(25, 31)}" if r.random() < 0.6 else ""]
    if k == 1:
        return [r.choice(("you can call me at ", "my cell is ", "call me back on ", "best number is ")), g.PH(),
                r.choice(("", " anytime after 5", ", thanks", " (mobile)"))]
    if k == 2:
        return [r.choice(("my email is ", "the account is under ", "send it to ", "its registered to ")), g.E()]
    if k == 3:
        return [r.choice(("my ssn is ", "social: ", "SSN ", "ok here's my social security number ")), g.SSN(r.choice(("-", " ", ""))),
                r.choice(("", " if you need it", ". dob " + g.dob()))]
    if k == 4:
        acct, rtn = g.ACCT(), g.ABA()
        if r.random() < 0.5:
            return [r.choice(("routing ", "routing number is ", "ABA ")), rtn, r.choice((" and account ", ", acct ", " account number ")), acct]
        return [r.choice(("account number ", "acct # ", "checking account ")), acct, r.choice((" routing ", ", routing no. ", " and the ABA is ")), rtn]
    if k == 5:
        return [r.choice(("for the refund use my IBAN ", "IBAN: ", "please send it to ")), g.IBAN()]
    if k == 6:
        return [r.choice(("my ITIN is ", "I don't have an SSN, my ITIN is ", "tax id ")), g.ITIN()]
    if k == 7:
        return [r.choice(("I tried the password ", "my password is ", "pw is ")), g.PW(), r.choice(("", " and it still fails", " (case sensitive)"))]
    if k == 8:
        return [r.choice(("sorry typo, its ", "correction: ", "wait i mean ")), g.CC(" ")]
    if k == 9:
        return [f"order {g.order_no()} never arrived, call me at ", g.PH("US")]
    if k == 10:
        return ["i changed banks, new account ", g.ACCT(), f" (old one ended {r.randint(1000, 9999)})"]
    if r.random() < 0.4:
        return ["also update my email to ", g.E(), " and phone to ", g.PH()]
    return ["also update my email to ", g.E(), r.choice((" please", ""))]


def _chat_customer_clean(g: _Gen) -> str:
    r = g.rng
    return g.pick((
        f"hi, where is my order {g.order_no()}?",
        f"tracking says {g.tracking()} but nothing has moved since {g.date()}",
        f"i was charged ${g.amount()} twice",
        f"it's the card ending in {r.randint(1000, 9999)}",
        f"last 4 of my social is {r.randint(1, 9999):04d}",
        f"the case number you gave me was {r.randint(10**6, 10**8)}",
        f"invoice {g.invoice9()} shows the wrong zip {g.zip4()}",
        f"the IMEI on the box is {g.imei()}",
        f"model {g.part_no()}, serial {g.hexu(10)}",
        f"gift card code {g.rs(_UPALNUM, 4)}-{g.rs(_UPALNUM, 4)}-{g.rs(_UPALNUM, 4)}",
        f"confirmation {g.rs(_UP, 3)}{r.randint(100, 999)}, paid ${r.randint(1, 9)},{r.randint(100, 999)}.{r.randint(0, 99):02d}",
        "thanks, that worked!",
        f"still waiting... been {r.randint(2, 20)} minutes",
        f"version {g.version()} on my phone, it crashes at login",
    ))


def _chat_agent(g: _Gen) -> list:
    r = g.rng
    if g.want(0.2):
        return g.pick((["I've sent a reset link to ", g.E(), "."],
                       ["I'll call you back at ", g.PH(), " within the hour."],
                       ["I see the refund went to account ", g.ACCT(), ", routing ", g.ABA(), "."]))
    return [g.pick((
        f"Thanks for waiting! Order {g.order_no()} shipped via UPS {g.ups()}.",
        "For your security, please don't share full card numbers in chat.",
        f"I've issued a refund of ${g.amount()}; it takes 5-10 business days (ref {g.uuid()}).",
        f"Your case number is {r.randint(10**6, 10**8)}.",
        f"Can you confirm the last four digits of the card and the billing zip?",
        f"I've escalated ticket {r.randint(10**4, 10**6)} to billing.",
        f"Your replacement ({g.part_no()}) ships {g.date()}.",
    ))]


def _fam_support_chat(g: _Gen):
    """Customer-support chat: single messages, flattened transcripts (several turns on one line)
    and chat-export CSV rows. PII in free text ("my card is ...", "call me at ...") with numbers
    grouped by spaces or dashes; hard negatives: order, case, tracking and invoice numbers,
    amounts, last-four digits, IMEIs, gift card codes."""
    r = g.rng
    agent = g.first()
    who = g.pick(("Customer", "Visitor", f"Visitor {r.randint(1000, 99999)}", g.first()))

    def customer_turn(force: bool) -> list:
        if g.pii and (force or g.want(0.5)):
            return _chat_customer_pii(g)
        return [_chat_customer_clean(g)]

    k = r.random()
    if k < 0.4:  # one message
        ts = g.pick((f"[{g.t_sql()}]", f"{g.dt:%H:%M:%S}", g.t_iso()))
        if r.random() < 0.75:
            return "text", [f"{ts} {who}: ", customer_turn(True)]
        return "text", [f"{ts} Agent ({agent}): ", _chat_agent(g)]
    if k < 0.8:  # a transcript flattened onto one line
        turns: list = []
        n = r.randint(2, 5)
        forced = r.randrange((n + 1) // 2)  # one customer turn carries PII in a PII record
        for i in range(n):
            t = f"{g.dt.hour:02d}:{(g.dt.minute + i) % 60:02d}"
            if i % 2 == 0:
                turns.append([f"{t} {who}: ", customer_turn(i // 2 == forced)])
            else:
                turns.append([f"{t} {agent} (agent): ", _chat_agent(g)])
        body: list = []
        for i, t in enumerate(turns):
            body += [" | " if i else "", t]
        return "text", [f"Chat #{r.randint(10**5, 10**8)} ", body]
    # a chat-export CSV row: conversation id, author, epoch, quoted message
    cid = r.choice((f"c_{g.hex(12)}", str(r.randint(10**8, 10**10)), g.uuid()))
    if r.random() < 0.7:
        msg, author = customer_turn(True), r.choice(("user", "visitor", "customer"))
    else:
        msg, author = _chat_agent(g), "agent"
    return "text", [f"{cid},{author},{g.epoch()},\"", msg, "\""]


_FAMILY_FUNCS: dict[str, Callable] = {
    "nginx_access": _fam_nginx_access,
    "apache_access": _fam_apache_access,
    "syslog": _fam_syslog,
    "journald": _fam_journald,
    "json_app": _fam_json_app,
    "logfmt": _fam_logfmt,
    "java_log": _fam_java_log,
    "python_log": _fam_python_log,
    "sql_dump": _fam_sql_dump,
    "csv_row": _fam_csv_row,
    "url_log": _fam_url_log,
    "email_body": _fam_email_body,
    "support_ticket": _fam_support_ticket,
    "web_form": _fam_web_form,
    "cloud_audit": _fam_cloud_audit,
    # held-out test families (issue 18), see above
    "ach_batch": _fam_ach_batch,
    "payroll_export": _fam_payroll_export,
    "k8s_events": _fam_k8s_events,
    "support_chat": _fam_support_chat,
}
FAMILIES: tuple[str, ...] = tuple(_FAMILY_FUNCS)


def _fam_kv_mixed(g: _Gen):
    """Training-only: PII pairs and the shared decoy pool (order, invoice, account ids, cloud
    accounts, ports, hashes…) in generic key/value renderings that no evaluated family uses:
    "Key: value" headers, XML-ish tags, "key = value" INI lists, "the key is value" prose.
    It gives every candidate type hard negatives in training (the families alone leave some
    types with none)."""
    r = g.rng
    pairs = _logfmt_pii(g)
    used = {k for k, _ in pairs}
    pairs += [(k, v) for k, v in g.decoys(2, 7) if k not in used]
    r.shuffle(pairs)
    style = r.randrange(4)
    out: list = []
    for i, (k, v) in enumerate(pairs):
        v = _lf(v)
        if style == 0:
            kk = "-".join(w.capitalize() for w in k.split("_"))
            out += ["; " if i else "", kk, ": ", v]
        elif style == 1:
            out += ["<", k, ">", v, "</", k, ">"]
        elif style == 2:
            out += [" | " if i else "", k, " = ", v]
        else:
            out += [", " if i else "", r.choice(("the ", "", "with ")), k.replace("_", " "),
                    r.choice((" is ", " ", " of ")), v]
    return "text", out


_FAMILY_FUNCS["kv_mixed"] = _fam_kv_mixed  # not in FAMILIES: generate() never picks it by default
TRAIN_ONLY_FAMILIES = ("kv_mixed",)
JSON_FAMILIES = ("json_app", "web_form", "cloud_audit", "k8s_events")


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------

def _build(g: _Gen, fam: str) -> tuple[str, str, list[Span]]:
    fmt, obj = _FAMILY_FUNCS[fam](g)
    if fmt == "json":
        text, spans = _render_json(obj, g.rng.random() < 0.4)
    else:
        text, spans = _render_text(obj)
    return fmt, text, spans


def iter_generate(n: int, seed: int = 0, pii_rate: float = 0.5,
                  families: Sequence[str] | None = None) -> Iterator[Record]:
    """Stream ``n`` records (same output as ``generate``)."""
    if n < 0:
        raise ValueError("n must be >= 0")
    if not 0.0 <= pii_rate <= 1.0:
        raise ValueError("pii_rate must be within [0, 1]")
    fams = tuple(families) if families else FAMILIES
    unknown = [f for f in fams if f not in _FAMILY_FUNCS]
    if unknown:
        raise ValueError(f"unknown families: {unknown}; known: {list(FAMILIES)}")
    g = _Gen(seed)
    r = g.rng
    k = round(n * pii_rate)
    if k >= n:
        pii_idx = None  # all
    else:
        pii_idx = set(r.sample(range(n), k)) if k else set()
    t0 = 1_704_067_200 + r.randrange(47_000_000)  # 2024-01-01 .. mid 2025
    for i in range(n):
        g.set_time(t0 + i * 0.73 + r.random() * 0.7)
        pii = pii_idx is None or i in pii_idx
        fam = fams[r.randrange(len(fams))]
        g.pii = pii
        g.boost = 0.0
        for attempt in range(16):
            fmt, text, spans = _build(g, fam)
            if spans if pii else True:
                break
            g.boost = min(1.0, 0.3 * (attempt + 1))
        else:  # pragma: no cover - every family places PII with boost 1.0
            raise RuntimeError(f"family {fam} produced no PII")
        if not pii and spans:  # pragma: no cover - guarded by want()
            raise RuntimeError(f"family {fam} produced PII in a no-PII record")
        if "\n" in text or "\r" in text:  # pragma: no cover
            raise RuntimeError(f"family {fam} produced a multi-line record: {text!r}")
        yield Record(text, fmt, fam, spans)


def generate(n: int, seed: int = 0, pii_rate: float = 0.5,
             families: Sequence[str] | None = None) -> list[Record]:
    """``n`` records, deterministic for ``seed``; exactly ``round(n * pii_rate)`` carry PII."""
    return list(iter_generate(n, seed, pii_rate, families))
