"""Checksum and structure validators. Pure functions over strings; no regexes that scan text.

Every validator takes any string without raising. Digits may be written in any script
(``４１１１`` fullwidth, ``٤١١١`` Arabic-Indic, ``४१११`` Devanagari): they are read as the ASCII
digits they stand for (``unicodedata.decimal``), so a number is judged the same whatever script
it is written in. ``str.isdigit`` and ``\\d`` are not used to decide: they accept characters
(superscripts, other scripts) that ``int`` and ``ord(c) - 48`` do not read as 0-9.
"""
from __future__ import annotations

import re

import unicodedata


class DecimalDigits(dict):
    """A ``str.translate`` table: every Unicode decimal digit (category Nd) -> its ASCII digit,
    any other character unchanged (start it with other mappings to add them: the recognizers'
    ``normalize_number`` table maps separators too). Filled on first sight (building it for all of Unicode up
    front costs 0.3 s at import): every digit is kept, other characters while the table is
    small (``translate`` asks for every character; a lookup that misses is a Python call)."""

    def __missing__(self, code: int):
        d = unicodedata.decimal(chr(code), None)
        if d is None:
            if len(self) >= 4096:
                raise LookupError(code)  # translate: leave the character as it is
            v = code
        else:
            v = chr(48 + d)
        self[code] = v
        return v


_TO_ASCII = DecimalDigits({c: c for c in range(128)})


def ascii_digits(s: str) -> str | None:
    """``s`` with every decimal digit of any script written as ASCII 0-9, or None when ``s`` has
    anything but decimal digits (or is empty)."""
    if not s.isascii():
        s = s.translate(_TO_ASCII)
        if not s.isascii():
            return None
    return s if s.isdigit() else None


def digits_of(s: str) -> str:
    """The decimal digits of ``s`` (of any script, as ASCII 0-9), in order."""
    if s.isascii():
        return s.translate(_ASCII_NON_DIGITS)  # one C pass, not a Python step per character
    s = s.translate(_TO_ASCII)
    return "".join(c for c in s if "0" <= c <= "9")


_ASCII_NON_DIGITS = {c: None for c in range(128) if not 48 <= c <= 57}


def luhn_ok(digits: str) -> bool:
    """Luhn (mod 10) check over a string of decimal digits; False for anything else."""
    digits = ascii_digits(digits)
    if not digits:
        return False
    # every second digit from the right, starting with the second-last, doubled (less 9 when
    # that is over 9); the sums in C (``map``), not a Python step per digit
    return (sum(map(int, digits[-1::-2])) + sum(map(_LUHN_DOUBLED.__getitem__, digits[-2::-2]))) % 10 == 0


_LUHN_DOUBLED = {str(d): 2 * d if d < 5 else 2 * d - 9 for d in range(10)}


def card_brand(digits: str) -> str | None:
    """Issuer brand from IIN prefix and length; None if no brand issues such a number (and for
    anything that is not 12-19 decimal digits)."""
    digits = ascii_digits(digits)
    if digits is None or not 12 <= len(digits) <= 19:
        return None
    n = len(digits)
    p2 = int(digits[:2]) if n >= 2 else -1
    p3 = int(digits[:3]) if n >= 3 else -1
    p4 = int(digits[:4]) if n >= 4 else -1
    p6 = int(digits[:6]) if n >= 6 else -1
    if digits[0] == "4" and n in (13, 16, 19):
        return "visa"
    if (51 <= p2 <= 55 or 2221 <= p4 <= 2720) and n == 16:
        return "mastercard"
    if p2 in (34, 37) and n == 15:
        return "amex"
    if (p4 == 6011 or p2 == 65 or 644 <= p3 <= 649 or 622126 <= p6 <= 622925) and 16 <= n <= 19:
        return "discover"
    if 3528 <= p4 <= 3589 and 16 <= n <= 19 or p4 in (2131, 1800) and n == 15:
        return "jcb"  # (2131 and 1800: JCB's 15-digit ranges, issued through its partners)
    if (300 <= p3 <= 305 or p2 in (36, 38, 39) or p4 == 3095) and 14 <= n <= 19:
        return "diners"
    if p2 == 62 and 16 <= n <= 19:
        return "unionpay"
    if p6 == 606282 and n in (16, 19):
        return "hipercard"  # (Brazil's; its 3841 ranges read as Diners' above, a card either way)
    if p2 in (50, 56, 57, 58, 67) or p4 in (6304, 6759, 6761, 6762, 6763):
        if 16 <= n <= 19:
            return "maestro"
    return None


def aba_ok(digits: str) -> bool:
    """ABA routing number: 9 digits, valid Federal Reserve prefix, 3-7-1 checksum."""
    digits = ascii_digits(digits)
    if digits is None or len(digits) != 9:
        return False
    p = int(digits[:2])
    if not (0 <= p <= 12 or 21 <= p <= 32 or 61 <= p <= 72 or p == 80):
        return False
    if digits == "000000000":
        return False
    d = [ord(c) - 48 for c in digits]
    s = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])
    return s % 10 == 0


# Well-known numbers that are published as examples and never issued.
SSN_EXAMPLES = frozenset({"078051120", "219099999", "123456789", "111111111", "333333333"})


def ssn_ok(digits: str) -> bool:
    """SSA rules: area not 000/666/9xx, group not 00, serial not 0000; no published samples."""
    digits = ascii_digits(digits)
    if digits is None or len(digits) != 9:
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    if area in ("000", "666") or area[0] == "9" or group == "00" or serial == "0000":
        return False
    if digits in SSN_EXAMPLES or len(set(digits)) == 1:
        return False
    return True


def itin_ok(digits: str) -> bool:
    """IRS ITIN: 9XX-YY-ZZZZ with YY in 50-65, 70-88, 90-92 or 94-99."""
    digits = ascii_digits(digits)
    if digits is None or len(digits) != 9 or digits[0] != "9":
        return False
    g = int(digits[3:5])
    return 50 <= g <= 65 or 70 <= g <= 88 or 90 <= g <= 92 or 94 <= g <= 99


# ISO 13616 IBAN lengths by country (SWIFT IBAN registry).
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27,
    "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27,
    "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22,
    "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32,
    "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
    "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24,
    "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24, "SC": 31,
    "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28, "TL": 23,
    "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}


# The structure of each country's BBAN (the part after the check digits), from the IBAN
# registry: n digits, a upper-case letters, c either. Where a country's bank code or account is
# digits, letters there are no IBAN: a hex id that passes mod-97 ("be5102e3051729aa", a span id)
# one time in 97 is not Belgian. Countries not listed are checked by length and mod-97 alone.
BBAN_FORMATS = {
    "AD": "8n12c", "AE": "19n", "AL": "8n16c", "AT": "16n", "AZ": "4a20c", "BA": "16n", "BE": "12n",
    "BG": "4a6n8c", "BH": "4a14c", "BI": "23n", "BR": "23n1a1c", "CH": "5n12c", "CR": "18n",
    "CY": "8n16c", "CZ": "20n", "DE": "18n", "DJ": "23n", "DK": "14n", "DO": "4c20n", "EE": "16n",
    "EG": "25n", "ES": "20n", "FI": "14n", "FO": "14n", "FR": "10n11c2n", "GB": "4a14n",
    "GE": "2a16n", "GI": "4a15c", "GL": "14n", "GR": "7n16c", "GT": "4c20c", "HR": "17n",
    "HU": "24n", "IE": "4a14n", "IL": "19n", "IQ": "4a15n", "IS": "22n", "IT": "1a10n12c",
    "JO": "4a4n18c", "KW": "4a22c", "KZ": "3n13c", "LB": "4n20c", "LC": "4a24c", "LI": "5n12c",
    "LT": "16n", "LU": "3n13c", "LV": "4a13c", "LY": "21n", "MC": "10n11c2n", "MD": "2c18c",
    "ME": "18n", "MK": "3n10c2n", "MR": "23n", "MT": "4a5n18c", "MU": "4a19n3a", "NL": "4a10n",
    "NO": "11n", "PK": "4a16c", "PL": "24n", "PS": "4a21c", "PT": "21n", "QA": "4a21c", "RO": "4a16c",
    "RS": "18n", "SA": "2n18c", "SC": "4a20n3a", "SE": "20n", "SI": "15n", "SK": "20n",
    "SM": "1a10n12c", "ST": "21n", "SV": "4a20n", "TL": "19n", "TN": "20n", "TR": "6n16c",
    "UA": "6n19c", "VA": "18n", "VG": "4a16n", "XK": "16n",
}
_BBAN_CLASS = {"n": "[0-9]", "a": "[A-Z]", "c": "[A-Z0-9]"}
_BBAN_RE = {cc: re.compile("".join(f"{_BBAN_CLASS[k]}{{{n}}}" for n, k in re.findall(r"(\d+)([nac])", f)))
            for cc, f in BBAN_FORMATS.items()}


def iban_checksum_ok(compact: str) -> bool:
    """The ISO 7064 mod-97 check alone, on an IBAN's shape (two letters, two digits, 12-34
    alphanumerics in all, ASCII): no country table. ``iban_ok`` is the full check."""
    s = compact.upper()
    if not 12 <= len(s) <= 34 or not s.isascii() or not s.isalnum() or not s[:2].isalpha() or \
            not s[2:4].isdigit():
        return False
    moved = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def iban_ok(compact: str) -> bool:
    """Country length, the country's BBAN structure (``BBAN_FORMATS``) and the ISO 7064 mod-97
    check. ``compact`` has no spaces; its digits may be of any script."""
    s = compact if compact.isascii() else compact.translate(_TO_ASCII)
    s = s.upper()
    if len(s) < 15 or IBAN_LENGTHS.get(s[:2]) != len(s) or not s[2:4].isdigit():
        return False
    if not s.isalnum() or not s.isascii():
        return False
    fmt = _BBAN_RE.get(s[:2])
    if fmt is not None and not fmt.fullmatch(s, 4):
        return False
    return iban_checksum_ok(s)
