"""International Bank Account Numbers: country code, check digits, country length, mod-97.

Groups may be separated by a space, dash, dot, slash or underscore, in any of the Unicode forms
``base.normalize_number`` knows (NBSP, en dash, fullwidth...), with invisible characters
anywhere; digits of any script and fullwidth letters count. ASCII batches take the regex fast
path; otherwise each place a country code and two digits could start is read on a normalised
copy with offsets mapped back.
"""
import re

import numpy as np

from ..entities import IBAN_CODE
from ..validators import IBAN_LENGTHS, iban_checksum_ok, iban_ok
from . import register
from .base import INVISIBLE, PICTOGRAPHS, Recognizer, lower_aligned, normalize_number
from .base import word_char

# a country that has IBANs and its check digits, then the groups; matched on the lower-cased
# text (upper or lower case: "nl91abna0417164300" typed into a form; one case per value, checked
# on the text below). The country codes and check digits are the pattern's fixed-width head, its
# lead (``Batch.scan``): any two letters and two digits started a match at every "id12", "ab34"
# of a hex id, a third of a log's matches, each read and refused in Python.
_LEAD = "(?:" + "|".join(c.lower() for c in sorted(IBAN_LENGTHS)) + r")\d\d"
# (found with the batch's digit groups, ``_lead_at``: as a Hyperscan lead, its two-letter
# alternatives, common pairs of English, made it the slowest of all, 270 us per 512 log lines)
_COUNTRY = np.zeros(26 * 26, dtype=bool)
for _c in IBAN_LENGTHS:
    _COUNTRY[(ord(_c[0].lower()) - 97) * 26 + ord(_c[1].lower()) - 97] = True


def _lead_at(batch) -> np.ndarray:
    """Where ``_LEAD`` occurs in the lower-cased batch, for the whole batch at once (``Batch.scan``
    with a vectorised lead): two letters of a country with IBANs right before a run of two or
    more digits (``Batch.digit_groups``: the digits after two letters start a run)."""
    starts, lengths, _ = batch.digit_groups()
    at = starts[(lengths >= 2) & (starts >= 2)]
    low = batch.lower_codes()
    a = low[at - 2].astype(np.int64) - 97
    b = low[at - 1].astype(np.int64) - 97
    ok = (a >= 0) & (a < 26) & (b >= 0) & (b < 26)
    ok &= _COUNTRY[np.where(ok, a * 26 + b, 0)]
    return at[ok] - 2


def _subfield_before(text: str, at: int) -> bool:
    """Whether a structured MT940 :86: subfield's code ends at ``at`` ("?31" before the
    counterparty's IBAN: "?30COBADEFF?31DE40828404304005600521?32NAME")."""
    return at >= 3 and text[at - 3] == "?" and text[at - 2:at].isdigit()


def _spaced_lead_at(batch) -> np.ndarray:
    """Where ``_IBAN_SPACED`` may start: two letters of a country with IBANs, a space, then a
    run of two digits or more (``_lead_at``'s way, for the whole batch at once)."""
    starts, lengths, _ = batch.digit_groups()
    at = starts[(lengths >= 2) & (starts >= 3)]
    low = batch.lower_codes()
    at = at[low[at - 1] == 32]
    a = low[at - 3].astype(np.int64) - 97
    b = low[at - 2].astype(np.int64) - 97
    ok = (a >= 0) & (a < 26) & (b >= 0) & (b < 26)
    ok &= _COUNTRY[np.where(ok, a * 26 + b, 0)]
    return at[ok] - 3


# between groups: a separator, or one spaced for legibility ("DE89 - 3704 - 0044")
# (or a run of blanks: "IBAN DE89  3704 0044 0532 0130 00"; or a form body's "+" for a space:
# "iban=NL81+LVKE+0234+2763+70"; mod-97 is the evidence)
_GAP = r"(?: {0,3}[\-./_+] {0,3}|[ \t]{1,3})?"
_IBAN = re.compile(_LEAD + r"(?:" + _GAP + r"[a-z0-9]{4}){2,7}(?:" + _GAP + r"[a-z0-9]{1,3})?")
_IBAN_GROUPED = re.compile(r"[A-Z]{2}\d\d(?: [A-Z0-9]{1,30}){1,10}")
_SEPARATORS = frozenset("- ./_+\t")
# the country code parted from its check digits by a space, as people type it ("IBAN FR 76 1027
# 8011 4190 7256 5985 140"): in capitals only, and in groups (on the text, not lower-cased)
_IBAN_SPACED = re.compile(r"(?:" + "|".join(sorted(IBAN_LENGTHS)) + r") \d\d"
                          r"(?:" + _GAP + r"[A-Z0-9]{4}){2,7}(?:" + _GAP + r"[A-Z0-9]{1,3})?")
_JOINERS = frozenset("-./_")  # a space before or after is no run (``_joined``)
_RUN_JOINERS = frozenset("-._")
_INV = re.escape(INVISIBLE)
# where an IBAN could start in non-ASCII text: a country code (ASCII or fullwidth letters) and
# two digits of any script, invisible characters allowed between them
_START = re.compile(r"[A-Za-z\uff21-\uff3a\uff41-\uff5a][" + _INV + r"]*[A-Za-z\uff21-\uff3a\uff41-\uff5a]"
                    r"[" + _INV + r"]* ?\d[" + _INV + r"]*\d")
_INVISIBLE = frozenset(INVISIBLE)
# the word, its label's rest ("IBAN:", "IBAN no.", "iban=", "Account (IBAN)"), then an IBAN's
# shape of any country and length, in capitals: compact, or in groups of four and a last shorter
# one (``IbanRecognizer._named``)
_KEYWORD = re.compile(r"(?<![a-z])iban(?![a-z])")
# (or a joiner that glues the word to it: "iban_DE13...", "IBAN-DE89...")
_AFTER_KEYWORD = re.compile(r"(?:[ \t]*(?:no\.?|nr\.?|number|code|#))?[ \t]*[)\]]?[ \t]*[:=#_\-]?[ \t]*[\"']?")
# (a verb between: "IBAN to ...", "IBAN is ...", "IBAN ist ...", "IBAN est ...", "IBAN es ...")
_VERB = re.compile(r"(?i:to|is|ist|est|es|\xe8|\xe9|jest|er|\xe4r|c'est|c\u2019est|lautet)[ \t]*[:=]?[ \t]*")
# the words that give out one's bank details beside "IBAN": German's "Kontodaten" and
# "Bankverbindung", French's RIB, Arabic's IBAN (الآيبان, الايبان)
_DETAILS_WORDS = re.compile(r"(?<![a-z])(?:kontodaten|bankverbindung|rib)(?![a-z])")
_ARABIC_IBAN = re.compile(r"(?:ال)?[اآإ]?يبان")
# an IBAN as a person types or reads one out, its groups parted anywhere ("DE 71 4 306096 7904
# 24409 0 5", "D E 541203 0000 ...", "iban nl 84tr io1 5 362 6 89 09"): the country code (its
# two letters may be a blank apart), then alphanumerics parted by single blanks or dashes, to the
# country's length (``_loose``)
_LOOSE_HEAD = re.compile(r"([A-Za-z]) ?([A-Za-z])(?= ?\d)")
# Polish words of an account ("rachunek", "nr rachunku", "numer konta") and its acronym (NRB)
_NRB_WORDS = re.compile(r"(?<![a-z])(?:rachun(?:ek|ku|kiem)|konta|nrb)(?![a-z])")
# emphasis or a pictograph typed before a value ("*75 1050 ...*", "🙏29 1240 ...")
_MARKUP = re.compile(r"[*_~" + PICTOGRAPHS + r"]*")
# the digits of an IBAN without its country code: its check digits, then groups or one run
_DIGITS_ONLY = re.compile(r"\d\d(?: ?\d{4}){2,7}(?: ?\d{1,3})?(?![\w\-])")
# by IBAN length, the countries whose BBAN is digits only (the IBAN registry's "n" fields)
_DIGIT_COUNTRIES: dict[int, tuple[str, ...]] = {}
for _cc, _n in sorted(IBAN_LENGTHS.items()):
    if _cc in ("AT", "BE", "CZ", "DE", "DK", "EE", "ES", "FI", "FO", "GL", "HR", "HU", "IL", "LT",
               "ME", "NO", "PL", "PT", "RS", "SE", "SI", "SK", "TN"):
        _DIGIT_COUNTRIES.setdefault(_n, ())
        _DIGIT_COUNTRIES[_n] += (_cc,)
_ANY_IBAN = re.compile(r"[A-Z]{2}\d\d(?:[A-Z0-9]{8,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)(?![\w\-])")


_FULLWIDTH_LETTERS = str.maketrans({c: c - 0xfee0 for r in ((0xff21, 0xff3a), (0xff41, 0xff5a))
                                    for c in range(r[0], r[1] + 1)})
_LONGEST = 34 * 4  # characters to read from a start: 34 alphanumerics and their separators


def _cut(value: str) -> int | None:
    """Length of the IBAN at the start of ``value`` (a match of ``_IBAN``): the pattern is
    greedy, so cut it at the country's length, counting only alphanumerics."""
    length = IBAN_LENGTHS.get(value[:2].upper())
    if length is None:
        return None
    count = 0
    for i, ch in enumerate(value):
        if ch not in _SEPARATORS:
            count += 1
        if count == length:
            return i + 1
    return None


def _joined(text: str, start: int, end: int) -> bool:
    """The match continues a longer separated run on either side ("471f-be75-986b-1f0f4f27" in
    a UUID): an IBAN stands on its own. A slash parts things that stand on their own: a path's
    segments, a list ("NL19ABNA6134296611/BE66205533866264", "/v1/iban/DE89.../details"),
    unless the value's own groups are parted by slashes ("0000/de89/3704/.../00/9f3a")."""
    joiners = _JOINERS if text.find("/", start, end) >= 0 else _RUN_JOINERS
    return (start > 1 and text[start - 1] in joiners and word_char(text[start - 2])) or \
        (end + 1 < len(text) and text[end] in joiners and word_char(text[end + 1]))


def _ok(compact: str, lower: bool) -> bool:
    """One case for the whole value, and the country length and mod-97 check."""
    return (compact.islower() if lower else not any(ch.islower() for ch in compact)) and \
        iban_ok(compact.upper())


@register
class IbanRecognizer(Recognizer):
    entity = IBAN_CODE
    context = (r"iban", r"bank", r"account", r"acct", r"swift", r"bic(?![a-z])", r"sepa", r"wire")
    negative = (r"order", r"tracking", r"invoice", r"sku", r"serial", r"license")

    def find(self, batch):
        runs = batch.ascii_runs()
        taken: set[int] = set()
        if any(a for _, _, a in runs):
            # the ASCII runs' matches: a match never crosses a record (no newline in it), so
            # the batch's matches that start in an ASCII run are that run's matches
            ascii_runs = [(lo, hi) for lo, hi, a in runs if a]
            for c in self._find_ascii(batch, ascii_runs):
                taken.add(c.start)
                yield c
        for lo, hi, ascii_only in runs:
            if not ascii_only:
                for c in self._find_unicode(batch, lo, hi):
                    taken.add(c.start)
                    yield c
        yield from self._named(batch, taken)

    def _find_ascii(self, batch, runs):
        # the country code glued to its check digits (either case), then spaced from them
        # (capitals only: ``_IBAN_SPACED``)
        found: set[int] = set()
        for pattern, lower_text, lead, reason in ((_IBAN, True, _lead_at, "iban-mod97"),
                                                  (_IBAN_SPACED, False, _spaced_lead_at,
                                                   "iban-mod97-spaced")):
            for c in self._ascii_matches(batch, runs, batch.scan(pattern, lower=lower_text, lead=lead),
                                         reason):
                found.add(c.start)
                yield c
        # (in capitals, grouped as the bank prints its own account: "GB68 NWBK 608771 55490783",
        # "ES15 7631 3930 81 4107132309"; the country's length ends at a group's end)
        matches = [m for m in batch.scan(_IBAN_GROUPED, lead=_lead_at) if m.start() not in found]
        if matches:
            yield from self._ascii_matches(batch, runs, matches, "iban-mod97-grouped")

    def _ascii_matches(self, batch, runs, matches, reason):
        text = batch.text
        k = 0
        for m in matches:
            while k < len(runs) and runs[k][1] <= m.start():
                k += 1
            if k == len(runs):
                break
            if m.start() < runs[k][0]:
                continue  # in a run that is not ASCII: read on its normalised copy below
            if m.start() > 0 and word_char(text[m.start() - 1]) and not _subfield_before(text, m.start()):
                continue
            value = text[m.start():m.end()]
            cut = _cut(value)
            if cut is None:
                continue
            end = m.start() + cut
            if (end < len(text) and word_char(text[end])) or _joined(text, m.start(), end):
                continue  # the country's length ends inside a word, or a longer run
            compact = "".join(ch for ch in value[:cut] if ch not in _SEPARATORS)
            lower = value[0].islower()
            if _ok(compact, lower):
                yield self.cand(m.start(), end, 0.9 if lower else 0.97, 0.99, True, reason)

    def _named(self, batch, taken: set[int]):
        """A value right after the word IBAN that passes mod-97 but not the country table (a
        country without IBANs, a wrong length or BBAN structure: "IBAN GB54ESZY1417776317066",
        "IBAN AR04ESZY14177763170669074391", as test-data generators write them): the word and
        the check digits are the evidence (an IBAN-shaped value passes mod-97 by chance once
        in 97); redacted as uncertain."""
        text = batch.text
        for k in batch.scan(_KEYWORD, lower=True, lead="iban"):
            a = _AFTER_KEYWORD.match(text, k.end())
            m = _ANY_IBAN.match(text, a.end())
            if m is not None and m.start() in taken:
                continue
            if m is not None:
                if iban_checksum_ok(m.group().replace(" ", "")):
                    yield self.cand(m.start(), m.end(), 0.75, 0.97, False, "iban-mod97-named")
                continue
            c = self._digits_after(text, a.end(), taken) or self._loose(text, a.end(), taken)
            if c is not None:
                yield c
        for k in batch.scan(_DETAILS_WORDS, lower=True, lead=("kontodaten", "bankverb", "rib")):
            c = self._loose(text, _AFTER_KEYWORD.match(text, k.end()).end(), taken)
            if c is not None:
                yield c
        for lo, hi in batch.non_ascii_runs():
            for k in _ARABIC_IBAN.finditer(text, lo, hi):
                c = self._loose(text, _AFTER_KEYWORD.match(text, k.end()).end(), taken)
                if c is not None:
                    yield c
        # Poland's account number (NRB) after its words: "nr rachunku 31 1140 9319 7030 4783
        # 4104 4853", "numer konta: ...", "zwrot na rachunek 4010508646..."
        for k in batch.scan(_NRB_WORDS, lower=True, lead=("rachun", "konta", "nrb")):
            at = _AFTER_KEYWORD.match(text, k.end()).end()
            c = self._digits_after(text, at, taken) or self._loose(text, at, taken)
            if c is not None:
                yield c

    def _loose(self, text: str, at: int, taken: set[int]):
        """An IBAN right after its word with its groups parted anywhere (``_LOOSE_HEAD``), or
        None: the country's length read over single blanks and dashes, ending where the value
        does (no letter or digit right after), in one case, passing the country table and
        mod-97."""
        v = _VERB.match(text, at)
        for at in dict.fromkeys((at, v.end() if v else at)):  # ("iban es 102 ...": Spain's)
            c = self._loose_at(text, _MARKUP.match(text, at).end(), taken)
            if c is not None:
                return c
        return None

    def _loose_at(self, text: str, at: int, taken: set[int]):
        h = _LOOSE_HEAD.match(text, at)
        if h is None or at in taken:
            return None
        cc = (h.group(1) + h.group(2)).upper()
        length = IBAN_LENGTHS.get(cc)
        if length is None:
            return None
        chars = [cc]
        i, n, count = h.end(), len(text), 2
        while count < length and i < n:
            ch = text[i]
            if ch.isascii() and ch.isalnum():
                chars.append(ch)
                count += 1
                i += 1
            elif ch in " -" and i + 1 < n and text[i + 1].isascii() and text[i + 1].isalnum() and \
                    text[i - 1].isascii() and text[i - 1].isalnum():
                i += 1
            else:
                break
        if count < length or (i < n and text[i].isascii() and text[i].isalnum()):
            return None
        compact = "".join(chars)
        lower = h.group(1).islower()
        if not _ok(compact if not lower else compact.lower(), lower):
            return None
        taken.add(at)
        return self.cand(at, i, 0.85, 0.97, True, "iban-mod97-loose")

    def _digits_after(self, text: str, at: int, taken: set[int]):
        """An IBAN's digits without its country code at ``at`` (after a verb: "mój IBAN to
        34114007785585494315627737", Poland's account number as its banks print it), or None:
        the check digits and mod-97 of a country whose IBANs have that length and digits only
        after the code (an uncertain candidate: mod-97 passes by chance once in 97)."""
        v = _VERB.match(text, at)
        d = _DIGITS_ONLY.match(text, _MARKUP.match(text, v.end() if v else at).end())
        if d is None or d.start() in taken:
            return None
        compact = d.group().replace(" ", "")
        if any(iban_checksum_ok(cc + compact) for cc in _DIGIT_COUNTRIES.get(len(compact) + 2, ())):
            taken.add(d.start())
            return self.cand(d.start(), d.end(), 0.75, 0.97, False, "iban-mod97-named-digits")
        return None

    def _find_unicode(self, batch, lo, hi):
        text = batch.text
        n = len(text)
        last = 0
        for s in _START.finditer(text, lo, hi):
            start = s.start()
            if start < last or (start > 0 and word_char(text[start - 1])):
                continue
            j = start + 1
            while text[j] in _INVISIBLE:
                j += 1
            if (text[start] + text[j]).translate(_FULLWIDTH_LETTERS).upper() not in IBAN_LENGTHS:
                continue  # no country's code ("ab12" in a hex id): _cut would say so below
            seg_end = batch.segment_bounds(batch.segment_of(start))[1]
            chunk = text[start:min(seg_end, start + _LONGEST)].translate(_FULLWIDTH_LETTERS)
            norm, offsets = normalize_number(chunk)
            spaced = norm[2:3] == " "  # (``_IBAN_SPACED``: capitals only)
            m = _IBAN_SPACED.match(norm) if spaced else _IBAN.match(lower_aligned(norm))
            if m is None:
                continue
            value = norm[:m.end()]
            cut = _cut(value)
            if cut is None:
                continue
            end = start + (offsets.orig_end(cut) if offsets else cut)
            # glued to a longer token only by an ASCII letter or digit (as in the ASCII scan)
            if (end < n and word_char(text[end])) or \
                    _joined(text, start, end):
                continue  # the country's length ends inside a word, or a longer run
            compact = "".join(ch for ch in value[:cut] if ch not in _SEPARATORS)
            lower = value[0].islower()
            if _ok(compact, lower):
                last = end
                yield self.cand(start, end, 0.9 if lower else 0.97, 0.99, True,
                                "iban-mod97-spaced" if spaced else "iban-mod97")
