"""``piistream bench adversarial``: time and memory of one hostile record, per pathological family.

Issue 14: any single record up to the ``--max-bytes`` limit (1 MiB) scans in at most 2 s and
at most 100 MB + 20x the batch's bytes of memory. Each family below builds one record of a
given size (text or JSON) shaped to make some stage super-linear: a prefix repeated over the
whole record, long runs of digits or separators, many findings to propagate, deep JSON, hostile
Unicode.

Each (family, size) runs in a fresh child process (``python -m piistream.dev.bench_adversarial
--child``) so that its memory is its own. The child builds the cascade ``piistream scan`` uses
(``cascade.build_for_scan`` from the configuration, ``--scorer`` overriding the detector's
scorer, verifier off), warms it on a small record of the same family (model loading, regex
compilation and lazy imports are not counted), then runs the record through ``Cascade.scan([raw],
fmt)`` and writes its output line (``RecordResult.to_json``), as ``scan`` does. Measured:

- wall time (``time.perf_counter``) and CPU time of the process, all threads
  (``time.process_time``);
- peak memory: the process's resident set high-water mark (``VmHWM``) after the record, less its
  resident set (``VmRSS``) just before it; the high-water mark is reset first (``echo 5 >
  /proc/self/clear_refs``), so the warm-up's peak does not hide the record's. Where the reset is
  not allowed, ``ru_maxrss`` after less before (which can only under-count). Native allocations
  (onnxruntime, regex) are included: this is RSS, not ``tracemalloc``;
- whether the record failed, and why (``RecordResult.error``).

Targets, per record (up to 1 MiB): wall time <= 2 s (1.91 µs/byte at 1 MiB), and peak memory
increase <= 100 MB + 20x the record's bytes. The table also gives each family's growth: its
µs/byte at the largest size over that at the smallest (about 1 when linear; fixed costs make
it below 1 at small sizes). A row over either target, or one that
errors when it should not (or passes when it should error), is marked FAIL. The exit code is 0
whatever the numbers: it is a benchmark.
"""
from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import time

KiB = 1 << 10
MiB = 1 << 20
TIME_TARGET_S = 2.0             # any single record up to 1 MiB (1.91 µs/byte at 1 MiB)
MEM_BASE_MB = 100.0
MEM_PER_BYTE = 20
CHILD_TIMEOUT_S = 180


# -- the families -----------------------------------------------------------------------------------
def _cookies(size: int) -> bytes:
    """Cookie headers, each with a distinct session id: one candidate every 40 bytes."""
    rng = random.Random(11)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return _join(("Cookie: sid=" + "".join(rng.choices(alphabet, k=24)) + ";" for _ in iter(int, 1)),
                 size)


def _fill(unit: str, size: int, head: str = "", tail: str = "") -> bytes:
    """``head`` + ``unit`` repeated + ``tail``, at most ``size`` bytes (whole characters)."""
    room = size - len(head.encode()) - len(tail.encode())
    u = unit.encode()
    body = (u * (room // len(u) + 1))[:max(room, 0)].decode("utf-8", "ignore")
    return (head + body + tail).encode()


def _join(items, size: int, sep: str = " ", head: str = "", tail: str = "") -> bytes:
    """``head`` + items joined by ``sep`` + ``tail``, as many items as fit in ``size`` bytes."""
    room = size - len(head.encode()) - len(tail.encode())
    out, n = [], 0
    for it in items:
        b = len(it.encode()) + len(sep)
        if n + b > room:
            break
        out.append(it)
        n += b
    return (head + sep.join(out) + tail).encode()


def _counter():
    i = 0
    while True:
        yield i
        i += 1


def _emails(size):
    return _join((f"user{i}@example{i % 97}.com" for i in _counter()), size)


def _json_strings(size):
    # many distinct values, each holding the password of the DSN: one finding per value
    head = '{"dsn":"postgres://app:S3cretPw9x@db:5432/x","v":['
    return _join((f'"id{i:07d} S3cretPw9x"' for i in _counter()), size, ",", head, "]}")


def _json_keys(size):
    return _join((f'"k{i:07d}":"v{i}"' for i in _counter()), size, ",", "{", "}")


def _json_multiline(size):
    # one string value of many lines (escaped newlines): each line is a piece of its own
    return _fill("ssn 536-90-4399\\n", size - 12, '{"t":"', '"}')


def _json_numbers(size):
    # 4+ digit integers in every notation: each is scanned as an ID
    return _join((f"{536904399 + i}" if i % 3 == 0 else f"{536904399 + i}.0" if i % 3 == 1
                  else f"{(536904399 + i) / 1e8}e8" for i in _counter()), size, ",", "[", "]")


def _json_deep(depth: int):
    def build(size):
        # siblings, each nested to ``depth`` in total with the outer array
        d = depth - 1
        unit = "[" * d + '"ann@example.org"' + "]" * d
        return _join((unit for _ in _counter()), size, ",", "[", "]")
    return build


def _json_too_deep(depth: int):
    def build(size):
        d = depth
        head, tail = "[" * d + '"', '"' + "]" * d
        return _fill("ann@example.org ", size, head, tail)
    return build


def _ssns(size):
    def ssn(i):
        return f"{1 + i % 665:03d}{1 + (i // 665) % 99:02d}{1 + (i // 65835) % 9999:04d}"
    return _join((f"ssn {ssn(i)}" for i in _counter()), size)


def _passwords(size):
    return _join((f"password=S3cret{i:06d}x" for i in _counter()), size)


def _ipv4_run(size):
    return _fill("1.2.3.4.", size)


def _ipv4_distinct(size):
    return _join((f"{11 + i % 200}.{(i >> 8) % 256}.{i % 256}.{7 + i % 240}" for i in _counter()), size)


def _base64(size):
    import base64
    rng = random.Random(14)
    return base64.b64encode(rng.randbytes(size * 3 // 4 + 3))[:size]


def _labelled_literals(size):
    rng = random.Random(15)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    return _join((f'String #{i}: "{"".join(rng.choice(alphabet) for _ in range(44))}";'
                  for i in _counter()), size)


def _random_unicode(size):
    rng = random.Random(14)
    bad = {0, 0x0A, 0x0D}
    chars, n = [], 0
    while True:
        cp = rng.randrange(0x20, 0x3000) if rng.random() < 0.8 else rng.randrange(0x3000, 0x110000)
        if cp in bad or 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        b = len(c.encode())
        if n + b > size:
            break
        chars.append(c)
        n += b
    return "".join(chars).encode()


def _phones(size):
    return _join((f"+1 212 {456 + i % 500:03d} {i % 10000:04d}" for i in _counter()), size)


def _national_phones(size):
    # other countries' national numbers right after a phone word: read by trying regions
    return _join((f"phone: 06 {10 + i % 90:02d} {10 + i // 90 % 90:02d} {i % 97:02d} 54"
                  for i in _counter()), size)


def _x12_payments(size):
    # X12 835 segments, each naming two routing numbers, two accounts, an SSN and a phone by
    # their place: several findings per 200 bytes, every one read segment by segment
    return _join((f"BPR*C*1500*C*ACH*CCP*01*021000021*DA*{100000000 + i}*1234567890**01*"
                  f"011000015*DA*{200000000 + i}*20230101~NM1*IL*1*DOE*JOHN****34*"
                  f"{536 + i % 100:03d}{10 + i % 80:02d}{1000 + i % 8999:04d}~PER*IC*BILLING*TE*"
                  f"415{5550000 + i % 9999:07d}~" for i in _counter()), size, "")


def _hl7_patients(size):
    # HL7 PID segments: an SSN in field 19, phones in XTN components; one message per segment
    return _join((f"PID|1||{i}^^^MRN||DOE^JOHN||19800101|M|||1 MAIN ST^^CITY^ST^12345||"
                  f"^PRN^PH^^1^651^{9000000 + i % 999999:07d}|||||||"
                  f"{536 + i % 100:03d}-{10 + i % 80:02d}-{1000 + i % 8999:04d}\r"
                  for i in _counter()), size, "")


def _wire_tags(size):
    # SWIFT MT fields, Fedwire tags, ISO 20022 accounts and BAI2 account records, mixed
    return _join((f":59:/{100000000 + i} {{4200}}D{200000000 + i} {{3100}}021000021 "
                  f":25:021000021/{300000000 + i} <DbtrAcct><Id><Othr><Id>{400000000 + i}</Id>"
                  f"</Othr></Id></DbtrAcct><MmbId>011000015</MmbId> /03,{500000000 + i},USD,"
                  for i in _counter()), size)


def _weak_keys(size):
    # keys that name a credential only with a value that looks made (an API key's "key", a
    # session's "sid"), each with one: every value is read, judged random, and kept
    return _join((f"{('key', 'sid', 'auth')[i % 3]}=k{i:08d}Ab3xYz9QwErTy" for i in _counter()),
                 size, "&")


def _chpasswd(size):
    return _join((f"echo 'user{i}:S3cret{i:06d}x' | chpasswd" for i in _counter()), size, "; ")


def _markdown_rows(size):
    # one-line Markdown tables: the header's words name each column's values
    head = "| name | ssn | phone | account |  |---|---|---|---|  "
    return _join((f"| Ann {i} | {536 + i % 100:03d}-{10 + i % 80:02d}-{1000 + i % 8999:04d} | "
                  f"(415) 555-{i % 10000:04d} | {100000000 + i} |" for i in _counter()), size,
                 "  ", head)


def _client_calls(size):
    # passwords as positional arguments of database clients' calls
    return _join((f'DriverManager.getConnection("jdbc:mysql://db{i}/x", "app", "S3cret{i:06d}x");'
                  for i in _counter()), size)


def _micr_lines(size):
    # a check's MICR line (E-13B transit and on-us symbols) per value, each number distinct
    return _join((f"\u2446{21000021 + 10 * i:09d}\u2446 {123456789 + i}\u2448 {1000 + i % 9000}"
                  for i in _counter()), size)


def _ssn_dashes(size):
    # a character of another script beside every value: each region read in a normalised copy
    return _join((f"ssn {536 + i % 100:03d}-{10 + i % 80:02d}-{1000 + i % 8999:04d} \u2014"
                  for i in _counter()), size)


def _cjk_phones(size):
    return _join((f"\u7535\u8bdd\uff1a415-555-{i % 10000:04d}\uff0c" for i in _counter()), size, "")


# name -> (format, builder(size) -> bytes, expected error prefix or None)
FAMILIES: dict[str, tuple[str, object, str | None]] = {}


def _family(name, fmt, build, error=None):
    FAMILIES[name] = (fmt, build, error)


def _families():
    from ..models.records import MAX_JSON_DEPTH

    _family("jwt: eyJ repeated", "text", lambda s: _fill("eyJ", s))
    _family("email: addresses, space-separated", "text", _emails)
    _family("email: @ without domain", "text", lambda s: _fill("user@ ", s))
    _family("email: a.bc@ chained", "text", lambda s: _fill("a.bc@", s))
    _family("email: [at]/[dot] obfuscated, and spaced 'at'", "text",
            lambda s: _fill("jane [at] example [dot] com a at b dot ", s))
    _family("propagation: postgres://app:a@db + a-run", "text",
            lambda s: _fill("a", s, "postgres://app:a@db "))
    _family("propagation: postgres://app:aaaaaaaa@db + a-run", "text",
            lambda s: _fill("a", s, "postgres://app:aaaaaaaa@db "))
    _family("json: distinct strings + propagating secret", "json", _json_strings)
    _family("json: distinct keys", "json", _json_keys)
    _family("json: one string of many lines", "json", _json_multiline)
    _family("json: 4+ digit numbers, all notations", "json", _json_numbers)
    _family(f"json: nested to depth {MAX_JSON_DEPTH}", "json", _json_deep(MAX_JSON_DEPTH))
    _family(f"json: nested to depth {MAX_JSON_DEPTH + 1} (error)", "json",
            _json_too_deep(MAX_JSON_DEPTH + 1), "invalid_json")
    _family("unicode: İ run + PII", "text",
            lambda s: _fill("İ", s, tail=" ssn 536-90-4399 ann@example.org"))
    _family("unicode: seeded random code points", "text", _random_unicode)
    # what a reader does not see, and characters written for ASCII ones (``escapes.unseen``)
    _family("unseen: ANSI colours, zero-width and controls in SSNs", "text",
            lambda s: _fill("ssn \x1b[1m536\u200b-90\x0b-4399\x1b[0m ", s))
    _family("unseen: zero-width run", "text", lambda s: _fill("\u200b", s))
    _family("lookalike: Cyrillic letters glued to ASCII", "text", lambda s: _fill("АKIAа1Еe", s))
    _family("lookalike: fullwidth letters and digits", "text", lambda s: _fill("ｐａｓｓ１２＝ ", s))
    _family("digits: fullwidth run", "text", lambda s: _fill("１２３４５６７８９０", s))
    _family("digits: Arabic-Indic run", "text", lambda s: _fill("٠١٢٣٤٥٦٧٨٩", s))
    _family("digits: 1 2 3 ... (space)", "text", lambda s: _fill("1 2 3 4 5 6 7 8 9 0 ", s))
    _family("digits: 1-2-3-... (dash)", "text", lambda s: _fill("1-2-3-4-5-6-7-8-9-0-", s))
    _family("digits: 536 - 90 - 4399 (spaced separators)", "text",
            lambda s: _fill("536 - 90 - 4399 / 4111 - 1111 - 1111 - 1111 . ", s))
    _family("digits: values of one shape joined by a slash", "text",
            lambda s: _fill("phones: 06 12 45 45 54/06 98 76 54 32/536-90-4399/536-90-4398/", s))
    _family("digits: 1234567/ run (every slash parts two values)", "text", lambda s: _fill("1234567/", s))
    _family("digits: 1 2 3 4 5 6 7/ run", "text", lambda s: _fill("1 2 3 4 5 6 7/", s))
    _family("digits: ssn + 9 digits", "text", _ssns)
    _family("digits: card 4111 1111 1111 1111 repeated", "text",
            lambda s: _fill("card 4111 1111 1111 1111 ", s))
    _family("digits: IBAN groups DE89 3704 run", "text", lambda s: _fill("DE89 3704 ", s))
    _family("phone: +1 numbers, space-separated", "text", _phones)
    _family("phone: national numbers after a phone word", "text", _national_phones)
    _family("secret: password= assignments", "text", _passwords)
    _family("secret: password= without values", "text", lambda s: _fill("password=", s))
    _family("secret: weak keys with token values (key=, sid=)", "text", _weak_keys)
    _family("secret: whsec_/ghp_/xoxb-/sk_live_ prefixes", "text",
            lambda s: _fill("whsec_ghp_xoxb-sk_live_glpat-", s))
    _family("secret: :// repeated", "text", lambda s: _fill("://", s))
    _family("secret: -----BEGIN PRIVATE KEY----- repeated", "text",
            lambda s: _fill("-----BEGIN PRIVATE KEY-----", s))
    _family("secret: Bearer repeated", "text", lambda s: _fill("Bearer ", s))
    _family("secret: base64 blob", "text", _base64)
    _family("secret: labelled random literals", "text", _labelled_literals)
    _family("secret: Cookie: sid= headers", "text", _cookies)
    _family("escapes: %XX, \\uXXXX and &#NN; run", "text",
            lambda s: _fill("%20%2B1%20415%2D555%2D0132\\u0040&#64;", s))
    _family("interchange: X12 BPR/NM1/PER segments", "text", _x12_payments)
    _family("interchange: BPR* run", "text", lambda s: _fill("BPR*", s))
    _family("interchange: HL7 PID segments", "text", _hl7_patients)
    _family("interchange: HL7 PID segment names run", "text", lambda s: _fill("PID|", s))
    _family("interchange: HL7 phone components run", "text", lambda s: _fill("^PRN^PH^^1^651^", s))
    _family("interchange: SWIFT, Fedwire, ISO 20022, BAI2 fields", "text", _wire_tags)
    _family("digits: MICR lines (symbols beside every number)", "text", _micr_lines)
    _family("digits: SSNs each before an em dash", "text", _ssn_dashes)
    _family("phone: a Chinese phone word and fullwidth punctuation per number", "text", _cjk_phones)
    _family("table: one-line Markdown rows", "text", _markdown_rows)
    _family("table: pipes and blanks run", "text", lambda s: _fill("| ", s, "| ssn | account | "))
    _family("secret: chpasswd lines", "text", _chpasswd)
    _family("secret: chpasswd run", "text", lambda s: _fill("chpasswd ", s))
    _family("secret: ::add-mask:: run", "text", lambda s: _fill("::add-mask::", s))
    _family("secret: long unquoted value", "text", lambda s: _fill("a", s, "password="))
    _family("secret: positional client calls", "text", _client_calls)
    _family("secret: multipart part headers run", "text",
            lambda s: _fill('form-data; name="password"\\r\\n', s))
    _family("secret: getConnection( run", "text", lambda s: _fill('getConnection("', s))
    _family("secret: credential names as a row's fields", "text", lambda s: _fill("db_password,", s))
    _family("secret: mailbox login pairs", "text", lambda s: _fill("ann@example.com:Pepper1$ ", s))
    _family("iban: spaced country codes run", "text", lambda s: _fill("FR 76 ", s))
    _family("secret: base64 heads of encoded URLs run", "text", lambda s: _fill("cG9zdGdyZXM6 ", s))
    _family("secret: Google authorization code heads run", "text", lambda s: _fill("4/0A", s))
    _family("phone: camel-cased phone keys run", "text", lambda s: _fill("aPhone:", s))
    _family("phone: phone words run", "text", lambda s: _fill("phone:", s))
    _family("secret: failed logins with password-like users", "text",
            lambda s: _fill("Failed password for invalid user Maverick1992= from 10.0.0.1 port 22\n", s))
    _family("escapes: Windows accounts run", "text", lambda s: _fill("ACME\\rmax ", s))
    _family("bank: name/value pairs naming an account", "text",
            lambda s: _fill('{"key":"bank_account","value":"6627530241"} ', s))
    _family("secret: one base64 run after an encoded URL's head", "text",
            lambda s: _fill("QUJD", s, "cG9zdGdyZXM6"))
    # the readers of the afternoon's probes (2026-12-06): an archive's spaced "at", a password
    # named after its value, an IBAN parted anywhere after its word, child-support addenda,
    # Easy Connect strings, account words of other scripts
    _family("email: spaced at in an archive's header", "text", lambda s: _fill("From: a at b.com ", s))
    _family("secret: values named passwords after them", "text", lambda s: _fill("x as password ", s))
    _family("iban: parted anywhere after its word", "text",
            lambda s: _fill("iban de 71 4 306096 7904 24409 0 5 ", s))
    _family("interchange: child-support addenda", "text", lambda s: _fill("ded*cs*1*2*3*", s))
    _family("secret: Easy Connect strings", "text", lambda s: _fill("a/b@//h:1/s ", s))
    _family("bank: account words of other scripts", "text", lambda s: _fill("口座番号は1234567です", s))
    _family("glued: type words glued to values", "text",
            lambda s: _fill("cc_4111111111111111 ssn_536904399 iban_DE89370400440532013000 tel_4155550132 ", s))
    _family("ip: dotted run 1.2.3.4.", "text", _ipv4_run)
    _family("ip: distinct IPv4, space-separated", "text", _ipv4_distinct)
    _family("ip: :: repeated", "text", lambda s: _fill("1::", s))


_families()


def build_record(family: str, size: int) -> tuple[str, bytes]:
    fmt, build, _ = FAMILIES[family]
    raw = build(size)
    assert len(raw) <= size, (family, size, len(raw))
    return fmt, raw


# -- the child: one record, one process ------------------------------------------------------------
def _status(field: str) -> int | None:
    try:
        with open("/proc/self/status") as f:
            m = re.search(rf"^{field}:\s+(\d+) kB", f.read(), re.M)
        return int(m.group(1)) * 1024 if m else None
    except OSError:
        return None


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def measure(family: str, size: int, scorer: str | None) -> dict:
    """One record of ``family`` at ``size`` bytes through ``scan``'s cascade, in this process."""
    import gc
    import resource

    from ..cascade import build_for_scan
    from ..config import load_config

    cfg = load_config(None, overrides={"detector.scorer": scorer})
    cascade = build_for_scan(cfg, verify=False)
    fmt, warm = build_record(family, min(size, 2 * KiB))
    for r in cascade.scan([warm], fmt):
        r.to_json()
    fmt, raw = build_record(family, size)
    gc.collect()
    reset = _reset_peak()
    rss0 = _status("VmRSS")
    max0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    t0, c0 = time.perf_counter(), time.process_time()
    results = cascade.scan([raw], fmt)
    line = results[0].to_json()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    if reset and rss0 is not None and _status("VmHWM") is not None:
        peak, how = _status("VmHWM") - rss0, "VmHWM - VmRSS"
    else:
        peak, how = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - max0, "ru_maxrss"
    r = results[0]
    return {"family": family, "fmt": fmt, "size": size, "bytes": len(raw),
            "scorer": cfg.detector.scorer, "wall_s": wall, "cpu_s": cpu,
            "us_per_byte": wall * 1e6 / len(raw), "cpu_us_per_byte": cpu * 1e6 / len(raw),
            "peak_bytes": max(peak, 0), "memory": how, "error": r.error,
            "entities": len(r.entities), "out_bytes": len(line)}


def run_child(family: str, size: int, scorer: str | None, timeout: float = CHILD_TIMEOUT_S) -> dict:
    """``measure`` in a fresh process; a crash or a timeout is a row too."""
    cmd = [sys.executable, "-m", "piistream.dev.bench_adversarial", "--child", family, str(size),
           scorer or ""]
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"family": family, "size": size, "bytes": size, "wall_s": None,
                "crash": f"timeout after {timeout:.0f} s", "error": None}
    if p.returncode != 0:
        tail = p.stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
        return {"family": family, "size": size, "bytes": size, "wall_s": None,
                "crash": f"exit {p.returncode}: {tail[0][:120]}", "error": None,
                "child_s": time.perf_counter() - t0}
    row = json.loads(p.stdout.decode().strip().splitlines()[-1])
    row["child_s"] = time.perf_counter() - t0
    return row


def verdict(row: dict) -> list[str]:
    """Why a row fails its targets (empty: it meets them)."""
    if row.get("crash"):
        return [row["crash"]]
    why = []
    expected = FAMILIES[row["family"]][2]
    if expected is None and row["error"] is not None:
        why.append(f"errored: {row['error']}")
    if expected is not None and not (row["error"] or "").startswith(expected):
        why.append(f"expected a {expected} error, got {row['error']!r}")
    n = row["bytes"]
    if row["wall_s"] > TIME_TARGET_S:
        why.append(f"time {row['wall_s']:.2f} s > {TIME_TARGET_S:g} s")
    budget = MEM_BASE_MB * 1e6 + MEM_PER_BYTE * n
    if row["peak_bytes"] > budget:
        why.append(f"memory {row['peak_bytes'] / 1e6:.0f} MB > {budget / 1e6:.0f} MB")
    return why


def parse_size(s: str) -> int:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmM]?)(?:i?[bB])?\s*", s)
    if not m:
        raise ValueError(f"bad size {s!r}: e.g. 64KiB, 1MiB, 4096")
    return int(float(m.group(1)) * {"": 1, "k": KiB, "m": MiB}[m.group(2).lower()])


def _fmt_size(n: int) -> str:
    return f"{n // MiB} MiB" if n % MiB == 0 else f"{n // KiB} KiB" if n % KiB == 0 else f"{n} B"


def run(sizes: list[int], scorer: str | None = None, families: list[str] | None = None,
        log=None) -> tuple[list[dict], list[dict]]:
    """Every (family, size) in a child of its own: (all rows, one row per family at the
    largest size, with the family's worst µs/byte over the sizes)."""
    fams = families or list(FAMILIES)
    unknown = [f for f in fams if f not in FAMILIES]
    if unknown:
        raise ValueError(f"unknown families: {unknown}")
    rows = []
    for fam in fams:
        for size in sorted(sizes):
            row = run_child(fam, size, scorer)
            row["fail"] = verdict(row)
            rows.append(row)
            if log:
                log(row)
    return rows, summarise(rows, sizes, fams)


def summarise(rows: list[dict], sizes: list[int], fams: list[str]) -> list[dict]:
    """One row per family: its row at the largest size, with the worst µs/byte over the sizes,
    the growth of µs/byte from the smallest size to the largest, and the verdict (the largest
    size's, plus any error at a smaller one)."""
    big = max(sizes)
    summary = []
    for fam in fams:
        mine = [r for r in rows if r["family"] == fam]
        top = next(r for r in mine if r["size"] == big)
        timed = [r["us_per_byte"] for r in mine if r.get("wall_s") is not None]
        first = min((r for r in mine if r.get("wall_s") is not None), key=lambda r: r["size"],
                    default=None)
        growth = (top["us_per_byte"] / first["us_per_byte"]
                  if first is not None and top.get("wall_s") is not None and first["us_per_byte"]
                  else None)
        summary.append({**top, "worst_us_per_byte": max(timed) if timed else None, "growth": growth,
                        "fail": top["fail"] + sorted({w for r in mine if r is not top
                                                      for w in r["fail"] if "time" not in w
                                                      and "memory" not in w})})
    return summary


def table(summary: list[dict], sizes: list[int], scorer: str) -> str:
    big = max(sizes)
    lines = [f"`piistream bench adversarial`: one record per family, {_fmt_size(big)} "
             f"(worst µs/byte over {', '.join(map(_fmt_size, sorted(sizes)))}), scorer {scorer}; "
             f"targets: <= {TIME_TARGET_S:g} s per record, peak <= {MEM_BASE_MB:g} MB + "
             f"{MEM_PER_BYTE}x bytes ({(MEM_BASE_MB * 1e6 + MEM_PER_BYTE * big) / 1e6:.0f} MB)",
             "",
             "| family | fmt | bytes | wall s | CPU s | worst µs/byte | growth | peak MB | entities | error | verdict |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for r in summary:
        if r.get("crash"):
            lines.append(f"| {r['family']} | | {r['bytes']:,} | | | | | | | | **FAIL** {r['crash']} |")
            continue
        v = "ok" if not r["fail"] else "**FAIL** " + "; ".join(r["fail"])
        lines.append(f"| {r['family']} | {r['fmt']} | {r['bytes']:,} | {r['wall_s']:.2f} | "
                     f"{r['cpu_s']:.2f} | {r['worst_us_per_byte']:.2f} | "
                     f"{'' if r['growth'] is None or len(sizes) < 2 else format(r['growth'], '.2f')} | "
                     f"{r['peak_bytes'] / 1e6:.1f} | {r['entities']:,} | {r['error'] or ''} | {v} |")
    return "\n".join(lines)


def main(args) -> int:
    sizes = [parse_size(s) for s in str(args.sizes).split(",") if s.strip()]
    scorer = args.scorer

    def log(row):
        if row.get("crash"):
            print(f"  {row['family']} @ {_fmt_size(row['size'])}: FAIL {row['crash']}",
                  file=sys.stderr, flush=True)
        else:
            print(f"  {row['family']} @ {_fmt_size(row['size'])}: {row['wall_s']:.2f} s, "
                  f"{row['us_per_byte']:.2f} µs/byte, {row['peak_bytes'] / 1e6:.1f} MB"
                  f"{', error ' + row['error'] if row['error'] else ''}"
                  f"{'  FAIL' if row['fail'] else ''}", file=sys.stderr, flush=True)

    rows, summary = run(sizes, scorer, args.families or None, log=None if args.quiet else log)
    name = next((r["scorer"] for r in rows if r.get("scorer")), scorer or "default")
    md = table(summary, sizes, name)
    print(md)
    bad = [r for r in summary if r["fail"]]
    print(f"\n{len(summary) - len(bad)} of {len(summary)} families meet the targets"
          + (f"; FAIL: {', '.join(r['family'] for r in bad)}" if bad else ""))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"bench": "adversarial", "scorer": name, "sizes": sizes, "rows": rows,
                       "summary": summary}, f, indent=2)
    return 0


def add_arguments(b) -> None:
    from ..models.names import SCORERS

    b.add_argument("--sizes", default="64KiB,256KiB,1MiB",
                   help="record sizes, comma-separated (KiB/MiB suffixes)")
    b.add_argument("--scorer", choices=SCORERS, default=None,
                   help="detector scorer (default: the configured one, the charCNN)")
    b.add_argument("--families", nargs="*", default=None, metavar="FAMILY",
                   help="only these families (default: all)")
    b.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    b.add_argument("--json", help="also write every row here")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        print(json.dumps(measure(sys.argv[2], int(sys.argv[3]), sys.argv[4] or None)))
    else:
        import argparse
        ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        add_arguments(ap)
        sys.exit(main(ap.parse_args()))
