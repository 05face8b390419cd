"""Phone numbers: NANP and international formats, validated with ``phonenumbers``."""
import functools
import re
from bisect import bisect_right
from collections import deque

import numpy as np
import phonenumbers
from phonenumbers import re_util as _pn_re_util

from ..entities import PHONE_NUMBER
from . import interchange, register
from .base import (ANSWER_LABEL, NAMED_AFTER, NEAR, NUMERIC_NEGATIVE, PICTOGRAPHS, POSSESSIVE_NEAR, SEPARATORS, MappedMatch,
                   Recognizer, blank_run, in_number_run, joined, joint_table, normalize_key, person_row, table_column,
                   table_fields)
from .email_address import _HOST
from .statements import bound_values

# ``phonenumbers`` compiles its metadata's patterns as it parses (a region's formats, its
# prefixes) through the ``re`` module's cache of 512 patterns, which this process's own patterns
# share: parsing numbers of many regions evicted them, and a dozen were compiled again in every
# batch of 512 lines. Its own cache keeps each compiled pattern (a few thousand at most, the
# metadata's); a release without that cache compiles as before
getattr(_pn_re_util, "enable_pattern_cache", lambda: None)()

# Matched on the normalised token (base.py: NBSP, en dashes, fullwidth forms and digits of other
# scripts are ASCII there, invisible characters gone). Groups are separated by a space, dot,
# dash, slash or underscore.
_S = r"[ .\-/_]"
_PHONE = re.compile(
    # not inside a word or a number; an abbreviation's dot glued to a '+' is no decimal point
    # ("tel.+44 20 7946 0958", "Ph.+1-415-555-0132")
    # ("(212-762-9835)", "(305.419.2240)": a whole US number in parentheses, as after a name)
    # (PostgreSQL's "Key (phone)=((404) 568-8869)": an area code's parentheses inside the value's)
    # ("(1-909-939-3274)": with the country code; "(0044 7404 813495)": the international
    # call prefix for its '+', the whole number in parentheses as after a name)
    r"(?:(?<![\w\-.+(])|(?<=[A-Za-z]\.)(?=\+)|(?<=\()(?=(?:1[.\-])?[2-9]\d\d([.\-])[2-9]\d\d\1\d{4}\))"
    r"|(?<=\()(?=00[1-9]\d{0,2}[ .\-](?:\d{1,5}[ .\-]){0,4}\d{2,8}\))"
    r"|(?<=[=:]\()(?=\([2-9]\d\d\))"
    # (a typed value's wrapper, the OpenTelemetry collector's debug output: "Str(+441611295204)")
    r"|(?<=[A-Za-z]\()(?=\+\d)"
    # ("Kroger Pharmacy 0421 ((806) 652-4688)": a whole number with its area code's parentheses,
    # in parentheses)
    r"|(?<=\()(?=\([2-9]\d\d\) ?[2-9]\d\d[ .\-]?\d{4}\)))(?<!\d/)(?:"
    r"(?P<intl>\+\d{1,3}(?:" + _S + r"?\(?\d{1,5}\)?){1,6})"
    # "(+44) 20 7946 0958", "(+44 20 7946 0958)": the code, or the whole number, in parentheses;
    # "+(370) 66474855": the code in parentheses after its plus
    # ("(+14155550123)": the whole number in parentheses, written without a blank)
    r"|(?P<intlp>(?:\(\+\d{1,3}(?:\)|(?=" + _S + r")|(?=\d{4,12}\)))|\+\(\d{1,3}\))(?:" + _S + r"?\(?\d{1,5}\)?){1,6})"
    # (the area code in parentheses is shape enough for the rest glued: "(415)5550132")
    # (an exchange or, after the country code written out, an area code that starts with 0
    # or 1 is no NANP number's: still its shape, "(650) 004-9576", "1-156-697-0170", a phone
    # after a phone word only, see ``_shapes``)
    r"|(?P<nanp>(?:\+?1" + _S + r"?)?(?:\([2-9]\d{2}\)" + _S + r"?\d{3}" + _S + r"?"
    r"|[2-9]\d{2}(?P<s1>" + _S + r")[2-9]\d{2}" + _S + r")\d{4}"
    r"|1" + _S + r"?(?:\([01]\d{2}\)" + _S + r"?|[01]\d{2}" + _S + r")\d{3}" + _S + r"\d{4})"
    r"|(?P<bare>1?\d{10})"
    # "001-415-867-2291", "0044 20 7946 0958": the international call prefix written for '+'
    r"|(?P<intl00>00[1-9]\d{0,2}(?:" + _S + r"?\(?\d{1,5}\)?){1,6})"
    r"|(?P<national>\(?0\d{1,4}\)?" + _S + r"\d{2,4}" + _S + r"\d{3,4})"
    r"|(?P<national2>\(?0\d{1,4}\)?" + _S + r"\d{5,8})"
    # a glued extension ("415-555-2671x123") may follow, or a reservation's kind of number
    # ("312-456-7890-H": home, business, mobile, agency... in a GDS's phone field)
    r")(?!(?!x\d|-[ABCFHMW](?![\w\-]))[\w\-]|[./]\d)")
_PHONE_JOINTS = joint_table(" .-/_")  # ``_S``
# "001" (the international call prefix, then North America's country code) and a number of
# ``nanp``'s shapes that are read without context there: the area code in parentheses, or
# groups parted by a dash or a dot (not spaces: "001 430 491 0000" is a run of numbers as
# often); on a value whose "/" and "_" read as dashes (``_AS_DASH``)
_NANP_00 = re.compile(r"001[ .\-]?(?:\([2-9]\d{2}\)[ .\-]?|[2-9]\d{2}[.\-])[2-9]\d{2}[ .\-]\d{4}")
# what may not stand right before a match (``_PHONE``'s look-behind; a character beyond Latin-1
# is never before a plain region's group: such a region has a normalised copy)
_NOT_BEFORE = joint_table("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.+(")


# what may stand right before a keyed value: a key's operator, a quote, a blank, a tag's end
_KEYABLE = joint_table("=:\"' \t>")


def _keyable_tokens(batch, min_digits: int) -> list[tuple[int, int]]:
    """``token_regions(min_digits)`` (from a token's start to two characters past its end)
    of the numeric tokens that one of ``_KEYABLE`` stands right before."""
    n = len(batch.text)
    return [(s, e + 2 if e + 2 < n else n) for s, e, _, _ in batch.tokens_by(min_digits, before=_KEYABLE)]


def _phone_shapes(batch) -> np.ndarray:
    """Positions one of which lies in every plain region where ``_PHONE`` matches
    (``Batch.shaped``), for the whole batch: every '+' and '(' (``intl``, ``intlp``, "(415)"
    of ``nanp``, "(0" of ``national``); the first digit of a group of 10 or 11 digits
    (``bare``) and of a group that starts with 0 (``intl00``, ``national``), each where the
    look-behind lets a match start (so not "04" in "2026-12-04"); and of groups of 3 or 4, 3
    and 4 digits joined by one separator of ``_S`` each (``nanp``: "415-555-0132", "1415 555
    0132"; "1-415-..." holds the three groups too). About a fifth of the numeric tokens of the
    behaviour corpora hold one, a quarter of the real-log corpus's."""
    codes = batch.codes()
    starts, lengths, joints = batch.digit_groups()
    # a match that starts at a group's first digit has nothing of [\w\-.+(] before it
    free = ~_NOT_BEFORE[np.minimum(codes[np.maximum(starts - 1, 0)], 255)] | (starts == 0)
    flag = ((lengths == 10) | (lengths == 11) | (codes[starts] == 48)) & free
    if len(lengths) >= 3:
        one = joined(joints, _PHONE_JOINTS)
        flag[:-2] |= ((lengths[:-2] == 3) | (lengths[:-2] == 4)) & one[:-1] & \
            (lengths[1:-1] == 3) & one[1:] & (lengths[2:] == 4)
    signs = np.flatnonzero((codes == 43) | (codes == 40))  # "+", "("
    return np.sort(np.concatenate((starts[flag], signs)))


# a separator with blanks on both sides, as it stands between the numbers of a list
# ("415 555 0132 / 415 555 0133") and, for legibility, between the groups of one ("415 - 555 - 0132")
_SPACED_APART = re.compile(r"\d[ \t]{1,3}[-./][ \t]{1,3}\d")


def _listed_apart(batch, matches: list) -> list:
    """The phone shapes of a token, where a separator spaced on both sides parts a list.

    Such separators are read without their blanks (``Recognizer.exact_in_tokens``: the groups
    of "415 - 555 - 0132" are one number), which also glues the numbers of a list together:
    "415 555 0132 / 415 555 0133" was read as "0132/415 555 ..." and the first number's area
    code and exchange were left in the clear. Where a match read that way crosses such a
    separator and the token as written has a number that overlaps it, the numbers as written
    are the token's reading (the separator parts them); where it has none ("415 - 555 -
    0132"), the spaced reading stands."""
    if not any(isinstance(m, MappedMatch) for m in matches):
        return matches  # (every ASCII token without a spaced separator: the common case)
    text = batch.text
    crossing = [m for m in matches if isinstance(m, MappedMatch) and
                _SPACED_APART.search(text, m.start(), m.end())]
    if not crossing:
        return matches
    regions = batch.token_regions(7, 0, 4)
    los = [lo for lo, _ in regions]
    written: dict[int, list] = {}
    for m in crossing:
        i = bisect_right(los, m.start()) - 1
        if i < 0 or i in written:
            continue
        lo, hi = regions[i]
        raw = list(_PHONE.finditer(text, lo, hi))
        if any(r.start() < m.end() and m.start() < r.end() for r in raw):
            written[i] = raw
    if not written:
        return matches
    bounds = [regions[i] for i in written]
    out = [m for m in matches if not any(lo <= m.start() < hi for lo, hi in bounds)]
    for raw in written.values():
        out += raw
    out.sort(key=lambda m: m.start())
    return out


_AS_DASH = str.maketrans("/_", "--")  # phonenumbers reads neither as punctuation
# (nor the no-break and narrow spaces of French typography, nor a tab: read as a space)
_AS_DASH.update({ord(c): " " for c in "\t" + SEPARATORS[" "]})
# an extension after a number ("x123" glued, "ext. 204", "extension 12"): the person's line,
# redacted with the number
_EXT_STARTS = ("x", "X", "e", "E", " x", " X", " e", " E")
_EXTENSION = re.compile(r"(?:x|[ \t]{1,2}(?:x|ext\.?|extn\.?|extension)[ \t.:#]{0,2})\d{1,6}(?![\w\-]|[./]\d)",
                        re.I)
_TRUNK_AFTER_CODE = re.compile(r"^(\(?\+\d{1,3}\)?[ .\-]?)\(0\)[ .\-]?")


def _intl_form(value: str) -> str:
    """An international number as dialled: the country code out of its parentheses, without
    the "(0)" trunk prefix written after it."""
    value = _TRUNK_AFTER_CODE.sub(r"\1", value)
    if value.startswith("(+"):
        value = value[1:].replace(")", "", 1) if ")" in value else value[1:]
    elif value.startswith("+("):
        value = "+" + value[2:].replace(")", "", 1)
    return value
# Any grouping of 7-15 digits as people write numbers ("06 12 45 45 54", "(11) 2021-9970",
# "074134 05960", an area code's parentheses glued to the rest: "(0114)4960077"): read only in
# phone context ("phone:", "sms to", "call me at"), where it is a phone when it is a valid
# national number of one of ``REGIONS`` (region inference: ``phonenumbers`` knows each
# country's lengths and prefixes)
# (read in phone context only: the groups may be parted by a run of blanks, a tab or a no-break
# or narrow space as French typography writes them: "Tél. : 01<U+202F>41<U+202F>55<U+202F>01<U+202F>77",
# "phone number 096394<TAB>96713"; a tab among others is a table's delimiter: ``_grouped``)
_GS = r"(?:[ \t" + SEPARATORS[" "] + r"]{1,3}|[.\-/_])"
# (a kana, ideograph or Hangul glued after it ends it: a particle or a verb, "01018907900입니다",
# "090-1734-4318までお願いします")
# (an area code, then the exchange in parentheses, as Japan writes a number: "092(713)7518")
_GROUPED_BODY = (r"\(?\d{1,15}\)?(?:(?:" + _GS + r"|(?<=\))|(?=\())\(?\d{1,10}\)?){0,5}"
                 r"(?!(?![\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])[\w\-]|[./]\d)")
_GROUPED = re.compile(r"(?<![\w\-.+(])(?<!\d/)" + _GROUPED_BODY)
_GROUPED_LISTED = re.compile(_GROUPED_BODY)  # the next of a list after the slash that parts it
# a number that the phrase after it names as a phone (``base.named_after``), read back from the word
_NAMED_BEFORE = re.compile(r"(?<![\w\-.+(])" + _GROUPED_BODY + NAMED_AFTER + r"\Z")
# the most populous numbering plans and those of the languages the cascade reads: enough to
# name a number's country, few enough that trying each is cheap (about 0.3 ms per candidate)
REGIONS = ("US", "GB", "FR", "DE", "ES", "IT", "NL", "BE", "CH", "AT", "SE", "NO", "DK", "FI",
           "PL", "PT", "IE", "BR", "MX", "AR", "CO", "IN", "AU", "NZ", "JP", "CN", "KR", "SG",
           "ZA", "IL", "TR", "RU")


# dates and times in any order of their parts ("2024-06-11", "11/06/2024", "2024 06 11"), and
# a date with the hour of its time ("CALL 2024-05-14 02:28:48": the number read up to the
# time's colon): never a phone number, whatever a region's plan allows
_ANY_DATE = re.compile(r"(?:(?:19|20)\d\d([ .\-/_])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])"
                       r"|(?:0?[1-9]|[12]\d|3[01])([ .\-/_])(?:0?[1-9]|[12]\d|3[01])\2(?:19|20)\d\d)"
                       r"(?:[ T_](?:[01]?\d|2[0-3]))?\Z")


# how every match of the context words starts (``Batch.scan``'s leads: the phone words' one
# pass per batch is the compiled index's, not a regex pass over the text)
_CONTEXT_LEADS = ("phone", "puhelin", "tel", "mobile", "cell", "fax", "call", "contact", "sms", "whatsapp",
                  "msisdn", "dial", "reach", "text", "my", "your", "our", "his", "her", "their",
                  "ph", "mob", "handy", "cel", "movil", "ring", "landline", "voice", "t\\xe9l",
                  "m\\xf3vil", "contat", "kontakt", "rufn", "festnetz", "erreichbar", "erreichen",
                  "bereik", "r\\xfcckruf", "cb",
                  "portable", "fix", "gsm", "kom\\xf3rk", "joindre", "rejoindre", "rappel", "appel",
                  "composez", "llam", "ruf", "anruf", "chiam", "richiam", "ll\\xe1m", "ligue", "liga-", "ligar",
                  "me liga", "dzwo", "zadzwo", "rang ", "terugbel", "bellen op", "vm left", "left vm",
                  "left a vm", "left an vm",
                  # (whole phrases where the verb alone is common inside words: "label", "eligible")
                  "bel me", "bel mij", "bel ons", "direct", "office", "hotline", "helpline", "kunden",
                  # a code sent to it; a signature's sign-off; a SIP URI; telecom's names
                  "sip", "sent", "wa_id", "waid", "from_user", "from-user", "fromuser", "to_user",
                  "to-user", "touser", "src_user", "src-user", "srcuser", "dst_user", "dst-user",
                  "dstuser", "station", "source_addr", "source-addr", "sourceaddr", "src_addr",
                  "src-addr", "srcaddr", "dest_addr", "dest-addr", "destaddr", "destination_addr",
                  "destination-addr", "destinationaddr", "from_addr", "from-addr", "fromaddr", "to_addr",
                  "to-addr", "toaddr", "attributeani", "attributednis", "rdnis", "dnis", "isdn", "e164", "calleridnum",
                  "connectedlinenum", "ani", "tn", "btn", "wtn", "texted", "resent", "sending", "delivered", "zelle",
                  "cordialement", "groet", "gr\\xfc\\xdf", "gruesse", "atenciosamente",
                  "saludos", "atentamente", "saluti", "pozdrawiam", "powa", "regards", "sincerely")
# A signature: the sign-off of a message in the languages the cascade reads, a name of one to five
# words (letters, hyphens, apostrophes; lower case as a transcript writes it), then a dash or a
# bar before the number ("Cordialement, Hélène Nusslé – 078 862 42 98", "Met vriendelijke groet,
# Myrthe van den Bergh - 06 12297989", "Att, Isabella Alves - 11 94100-0559"): where the number
# starts, read as after a phone word
_TON = re.compile(r"[( ]ton=\d")
_BEFORE_TON = re.compile(r"(?<![\w.])\+?(\d{6,15})[ \t]*\Z")
_SIGN_OFF = re.compile(r"(?:cordialement|bien [\xe0a] vous|(?:met )?vriendelijke groet(?:en)?|"
                       r"(?:mit freundlichen|viele|liebe|beste) gr(?:\xfc|ue)(?:\xdf|ss)e(?:n)?|"
                       r"atenciosamente|att|abra(?:\xe7|c)os|saludos(?: cordiales)?|un saludo|atentamente|"
                       r"(?:cordiali|distinti) saluti|saluti|pozdrawiam|z powa(?:\u017c|z)aniem|"
                       r"(?:best|kind|warm) regards|regards|sincerely|cheers|thanks|thank you|many thanks)"
                       r",?[ \t]+(?:[^\W\d_][^\s\d,;:|\-\u2013\u2014(]*(?:-[^\W\d_][^\s\d,;:|\-\u2013\u2014(]*)?"
                       # (the number after a dash or a bar, or in parentheses: "Thanks, Carlos
                       # (9157878449)")
                       r",?[ \t]+){1,5}(?:[\-\u2013\u2014|][ \t]*(?=[+(\d])|(?=\([+\d]))")
_SIGN_OFF_LEADS = ("cordialement", "bien ", "met vriendelijk", "vriendelijke", "mit freundlich", "viele gr",
                   "liebe gr", "beste gr", "atenciosamente", "att[, ]", "abra", "saludos", "un saludo",
                   "atentamente", "cordiali", "distinti", "saluti", "pozdrawiam", "z powa", "best regards",
                   "kind regards", "warm regards", "regards", "sincerely", "cheers", "thanks", "thank you",
                   "many thanks")
_IPV4 = re.compile(r"\(?\d{1,3}(?:\.\d{1,3}){3}(?:\Z|[/:]\d)")  # (or with its port or prefix: "1.1.1.1/3217")  # an address: the IP recognizer reads it
# a signed decimal whose integer part is longer than any country code, or "+N -M"
_SIGNED = re.compile(r"\+\d{4,}\.\d+|\+\d+ -\d+")
# (and the symbols and pictographs people put before a number: "☎ ", "📞 +1 ...", "✅(11) ...")
# (CJK brackets close a label: "【電話番号】07061112256", "「携帯」090-...")
_GAP = re.compile(r"(?:[\s:=#'\"(\[{,.*\->\uff1a\u3011\u300d\u300f\uff08\uff09" + PICTOGRAPHS + r"]"
                  r"|(?<![a-z])(?:me|us|him|her|them|to|at|on|is|are|was|were|number"
                  r"|numbers|no|nr|num|via|by|from"
                  # the same small words of other languages ("au", "al", "op", "unter", "lautet")
                  r"|au|le|la|est|al|el|en|es|op|unter|ist|lautet|an|am|pelo|ao|\xe8|\xe9|\xe9 le|terug"
                  # (Swift's description of an optional value: 'cell: Optional("(11) 95076-5096")')
                  r"|optional"
                  # (a JSON object's value member: '"mobile": {"value": "06 31 94 36 90"}')
                  r"|value"
                  r"|sie|mich|uns|bitte|mij|ons|para|mig|oss|meg|os|p\xe5"
                  # (and of the words of other scripts: "телефон: 8 ...", "номер: ...")
                  r"|номер|на|по|नंबर|是|为"
                  # Polish "numer telefonu to ...", Turkish "telefon numaram ...", Finnish
                  # "puhelinnumeroni on ..."
                  r"|to|numaram|numaras\u0131"
                  # the verb "is" of Swedish, Danish/Norwegian and Polish ("mitt telefonnummer är")
                  r"|\xe4r|er|jest"
                  # Polish, Czech, Portuguese "na", Polish "pod numer", the noun in other languages
                  r"|na|pod|numer|nummer|numero|n\xfamero|num\xe9ro"
                  # the particles Japanese and Korean glue to the phone word ("電話番号は...",
                  # "전화번호는 ...", "연락처로 ...")
                  r"|は|が|を|に|へ|で|も|는|은|이|가|로|으로|를|을)(?![a-z]))*")


# the words that send something to a number (a message, a call, a fax, a voicemail), and a
# short phrase of what was sent, then the preposition of where it went
_SENDS = re.compile(r"sms|call|fax|whatsapp|dial|voice ?mail")
# (or the word as a component's name: "[sms-gw] inbound from=4915122054838", "sms_in from")
# (a word may be a key and its value: "[twilio] queued SMS sid=SM5fb3... to=07425 158304")
_SENT_TO = re.compile(r"(?:[\-_][a-z0-9]{1,12}){0,2}\]?(?:[ \t]+[a-z][a-z\-_]{1,15}(?:=[^\s=]{1,64})?){0,4}[ \t]+"
                      r"(?:to|at|on|from)(?![a-z])"
                      # (or a key of the two words: "sms_to", "fax-from")
                      r"|[\-_](?:to|from)(?![a-z0-9])")


# a call's verb in Spanish, Portuguese, Italian or French, and the person called ("a Sofía",
# "para Camila", "Marco") before the preposition that puts the number ("al", "no", "au")
_NOT_DIALLED = re.compile(r"\d{3}[ \-]\d{2}[ \-]\d{4}|\d{2}-\d{7}|\d{5}-\d{4}|\d+\.\d\d")
# the end of an e-mail address that is a row's field, a number's first character next
_EMAIL_FIELD_END = re.compile(r"@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}[\"']?([,;|\t])[\"']?(?=[(+0-9])")
_CALL_VERB = re.compile(r"llam|ll\xe1m|lig|chiam|richiam|appel|rappel")
_CALLED_AT = re.compile(r"(?:[ \t]+(?:a|para|pra|per|\xe0))?(?:[ \t]+[^\W\d_]{2,20}){1,2}[ \t]+"
                        r"(?:al|no|au|ao|allo)(?![a-z])")


# the rest of a label after its phone word, to the colon that ends it: words only (no digit, no
# sentence end, no other field's punctuation)
_LABEL_NOUN = re.compile(r"phone|tel|t\xe9l|mobil|cell|cel(?![a-z])|fax|sms|gsm|handy|celular|movil|m\xf3vil|landline|voice ?mail|"
                         r"festnetz|rufnummer|r\xfcckruf|portable|fixe|fixo|kom\xf3rk|msisdn|whatsapp|"
                         r"ph|mob|電話|携帯|电话|手机|전화|휴대폰")
# (an abbreviated phone word's dot first: "Tél. conseiller : 03 81 33 40 77")
_LABEL_REST = re.compile(r"(?:\.(?=[ \t]))?[^\d\n:;.!?=<>\[\]{}\"'/@|,]{1,48}?:[ \t]*")
# what may end a phone word before its value: a plural, "number" run on, "callback"; never
# another noun ("callid", "call_id": an identifier)
_GLUE = frozenset("abcdefghijklmnopqrstuvwxyz_")  # what glues a number to its phone word
_VCARD_PARAMS = re.compile(r"(?:;[a-z\-]{1,16}(?:=[a-z0-9,\-\"]{1,40})?){1,6}:(?:tel:)?")
_WORD_REST = re.compile(r"(?:e?s|[_\-]?(?:numbers?|no|nr|num)|back|phones?)?(?![a-z])")
_ANSWERED = re.compile(r"[^?\n.!:;]{0,60}" + ANSWER_LABEL)  # (``base.answers``)
# the separator between the numbers of a list ("phones: A, B and C")
# a camel-cased key's phone word, last (``PhoneRecognizer._grouped``)
_CAMEL_LEADS = ("Phone", "Mobile", "Tel", "Cell", "Fax", "Msisdn", "Sms", "Whatsapp")
_CAMEL_PHONE = re.compile(r"(?:Phone|Mobile|Tel(?:ephone)?|Cell(?:phone)?|Fax|Msisdn|Sms|Whatsapp)"
                          r"(?:Number|Num|No|Nr)?s?[\"']?(?=[ \t]*[:=])")
_LIST_NEXT = re.compile(r"[ \t]*(?:[,;/|]|(?<![a-z])(?:and|or)(?![a-z]))[ \t]*")
# an address where a value starts: a plain local part, and the host as the address recognizer
# reads one (``email_address._HOST``)
_ADDRESS_HERE = re.compile(r"[\w.+\-']{1,64}@" + _HOST)
MAX_LISTED = 4096  # list values read per batch, past the first (bounded work)
LISTED_PRIOR = 0.5  # (the rules' uncertain band for phones: redacted unless a verifier clears it)
# a record may have at most this many numbers read by trying regions (about 0.3 ms each); past
# that, a number next to a phone word is a candidate on its shape and context alone (redacted,
# fail closed): a record of "phone: <number>" a hundred thousand times stays fast and leaks none
MAX_REGION_READS = 64


# E.164's digits without the '+' (``PhoneRecognizer._unsigned``), and the keys of an address that
# holds them: a message's or a call's parties (SMS gateways, SMPP, CDRs, SIP, IVR platforms)
# (or after an international call prefix, as a switch or a PBX dials it: "011" from North
# America, "00" from most other countries: "011441210909577", "00819085039476")
# (ten digits too: a German or a Dutch number's, "cli 4933185446", "originator": "4930942795")
_UNSIGNED = re.compile(r"(?:011|00)?[1-9]\d{9,14}(?![\w.\-])")
_ADDRESS_KEY = re.compile(
    r"(?<![a-z0-9_\-])(to|from|src|dst|cli|clip|recipients?|recipient_?id|wa_?id|(?:from|to|twilio|vonage|nexmo|plivo|sinch|telnyx|sms|virtual)_?number|sender|originator|source_addr|src_addr|"
    r"dest(?:ination)?_addr|dst_addr|[ab]_?number|(?:calling|called|caller|callee|connected)_?"
    r"(?:number|party|party_?number|id)?|[a-z_]*msisdn|[a-z_]*e164|ani|dnis|tns?|btn)[\"'\]]?"
    # (its operator, or a blank after a telephony key: RADIUS's "cli 19054144164"; a JSON
    # array's earlier numbers: "to": ["918123456161", "522856770133"])
    r"(?:[ \t]*(?:=>|[:=])|(?<!to)(?<!from)(?<!src)(?<!dst)[ \t]+)[ \t]*"
    r"(?:\[[ \t]*(?:[\"']?\+?\d{7,15}[\"']?[ \t]*,[ \t]*){0,8})?[\"']?\Z")
_GENERIC_ADDRESS_KEYS = frozenset(("to", "from", "src", "dst"))
# how a telephony key that may stand before its number with only blanks between ends
# (``_ADDRESS_KEY``'s words but the generic ones; its "_id" keys in full)
_BLANK_KEY_ENDS = ("cli", "clip", "recipient", "recipients", "number", "sender", "originator", "addr",
                   "party", "calling", "called", "caller", "callee", "connected", "msisdn", "e164",
                   "ani", "dnis", "tn", "tns", "recipientid", "recipient_id", "waid", "wa_id",
                   "callingid", "calling_id", "calledid", "called_id", "callerid", "caller_id",
                   "calleeid", "callee_id", "connectedid", "connected_id")
# a PBX's dial string through a trunk: Asterisk's technology/peer/number, FreeSWITCH's
# sofia/gateway/name/number (``_find``)
# (and a FreeSWITCH channel's name, the SIP profile's before the number: "New Channel
# sofia/external/8186967722@204.23.46.162")
_DIAL_STRING = re.compile(r"(?<![\w/])(?:sofia/gateway/[\w.\-]{1,64}|sofia/(?!gateway/)[\w.\-]{1,32}|(?:PJSIP|SIP|IAX2|DAHDI)/[\w.\-]{1,64})/"
                          r"(\+?\d{7,15})(?=[,@\s\"'/)\]|]|\Z)")
_DIAL_STRING_LEADS = ("sofia/", "SIP/", "PJSIP/", "IAX2/", "DAHDI/")
# a 3GPP network's domain after an identity's '@' (the IMSI its user: ``find``)
_IMS_IDENTITY = re.compile(r"@(?:[a-z0-9\-]+\.)*mnc\d{3}\.mcc(\d{3})\.3gppnetwork\.org", re.I)
_CALLER_ID = re.compile(r'" <(\+?\d{7,15})>')  # a PBX's caller id: '"Display Name" <number>'
# a record about messages or calls (its words, a gateway's or a protocol's name), where a generic
# key's number is a party's (``PhoneRecognizer._unsigned``)
_MESSAGING = re.compile(r"(?<![a-z])(?:sms|mms|messages|message[_\-]?(?:id|uuid|sid)|text=|"
                        r"calls?|caller|callee|voice|msisdn|whatsapp|twilio|plivo|vonage|nexmo|sinch|"
                        r"messagebird|telnyx|smpp|kannel|sip|ussd|dial(?:ed|led)?)(?![a-z])")
# (the same keys as a JSON key path's leaf, normalised: "servedMSISDN" is served_msisdn)
_ADDRESS_KEY_PATH = re.compile(
    r"(?:^|\.)(to|from|src|dst|cli|clip|recipients?|recipient_?id|wa_?id|(?:from|to|twilio|vonage|nexmo|plivo|sinch|telnyx|sms|virtual)_?number|sender|originator|source_addr|src_addr|"
    r"dest(?:ination)?_addr|dst_addr|[ab]_?number|(?:calling|called|caller|callee|connected)_?"
    r"(?:number|party|party_?number|id)?|[a-z_]*msisdn|[a-z_]*e164|ani|dnis|tns?|btn)(?:\[\d+\])?$")


@functools.lru_cache(maxsize=4096)
def _e164_valid(digits: str) -> bool:
    """Whether ``digits`` with a '+' before them is a valid international number."""
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse("+" + digits, None))
    except phonenumbers.NumberParseException:
        return False


def _after_prefix(digits: str) -> str:
    """The number after an international call prefix ("011", "00"), or ``digits``."""
    return digits[3:] if digits.startswith("011") else digits[2:] if digits.startswith("00") else digits


@functools.lru_cache(maxsize=4096)
def _valid_somewhere(value: str) -> bool:
    """A valid national number in one of ``REGIONS``."""
    for region in REGIONS:
        try:
            num = phonenumbers.parse(value, region)
        except phonenumbers.NumberParseException:
            return False  # not a number in any region's eyes
        if phonenumbers.is_valid_number(num):
            return True
    return False
# "06/11/2025", "06.11.2025": a date has the trunk-prefix national shape, and is no phone number
_DATE = re.compile(r"0[1-9]([ .\-/_])(?:0[1-9]|[12]\d|3[01])\1(?:19|20)\d\d\Z")


# a person named between the verb that calls and the number ("You can reach Vanessa Scott at",
# "call Dr. Ann O'Neil on"): the verb's reach goes past the name (read only where a number
# fails its validator: a valid one is a candidate anyway)
_NAMED_REACH = re.compile(r"(?i:reach|call|contact|text|ring|phone)[ \t]+(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?[ \t]+)?"
                          r"(?:[A-Z][\w'\-]{1,20}[ \t]+){1,3}(?:at|on)[ \t]+\(?\Z")


def _reached_named(text: str, pos: int) -> bool:
    return _NAMED_REACH.search(text, max(0, pos - 72), pos) is not None


def _check(value: str, region: str | None) -> tuple[bool, bool]:
    """(possible, valid) for ``value`` parsed in ``region`` (None: an international number,
    "+..."). A North American number (country code 1) is read by ``_nanp_valid``: the same
    answer as ``phonenumbers``, 50x faster; other numbers by ``phonenumbers``, memoised."""
    nsn = _nanp_national(value, region)
    if nsn is not None:
        return True, _nanp_valid(nsn)
    return _parse_check(value, region)


@functools.lru_cache(maxsize=8192)
def _parse_check(value: str, region: str | None) -> tuple[bool, bool]:
    try:
        num = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return False, False
    return phonenumbers.is_possible_number(num), phonenumbers.is_valid_number(num)


_NON_DIGITS = re.compile(r"\D+")
# a number written as only a phone is (``PhoneRecognizer.shape_outranks``)
_PHONE_ONLY = re.compile(r"\(?\+\d|\(\d{3}\)[ .\-]?\d{3}[ .\-]\d{4}\Z|\d{3}([.\-])\d{3}\1\d{4}\Z")
_NANP_CHARS = re.compile(r"\+*[\d .\-()]*")  # leading '+', then digits and separators


def _nanp_national(value: str, region: str | None) -> str | None:
    """The national significant number of ``value`` when ``phonenumbers`` reads it as a North
    American number without doubt: ten digits, the first 2-9 (no national prefix to strip),
    after "+1" (``region`` None) or, read in the US, bare or after a leading "1". Else None
    (``phonenumbers`` decides). Only digits, blanks, dots, dashes and parentheses may be in
    ``value`` (a "/" or "_" is read as a dash before this)."""
    if region not in (None, "US") or not _NANP_CHARS.fullmatch(value):
        return None
    digits = _NON_DIGITS.sub("", value)
    if region is None:
        if not value.startswith("+1") or len(digits) != 11:
            return None
        nsn = digits[1:]
    elif value.startswith("+"):
        return None
    elif len(digits) == 11 and digits[0] == "1":
        nsn = digits[1:]
    elif len(digits) == 10:
        nsn = digits
    else:
        return None
    return nsn if nsn[0] in "23456789" else None


_NANP_KINDS = ("premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager",
               "uan", "voicemail", "fixed_line", "mobile")


def _nanp_region(region: str):
    """(the region's leading-digits pattern or None, the source of one pattern for every valid
    ten-digit number of the region: its general description and any number type's, each as
    ``phonenumbers`` matches it; None when no ten-digit number is valid there), or None
    without metadata."""
    from phonenumbers import PhoneMetadata

    md = PhoneMetadata.metadata_for_region(region.upper(), None)
    if md is None:
        return None

    def fits(desc):
        return desc is not None and desc.national_number_pattern and \
            (not desc.possible_length or 10 in desc.possible_length)

    types = [getattr(md, k).national_number_pattern for k in _NANP_KINDS if fits(getattr(md, k))]
    valid = None
    if fits(md.general_desc) and types:
        alternatives = "|".join(f"(?:{t})" for t in types)
        valid = f"(?=(?:{md.general_desc.national_number_pattern})\\Z)(?:{alternatives})\\Z"
    return (re.compile(md.leading_digits) if md.leading_digits is not None else None), valid


@functools.cache
def _compiled(pattern: str) -> re.Pattern:
    """A region's validity pattern, compiled when a number first needs it (compiling all 25
    regions' took longer than reading every number of a log file)."""
    return re.compile(pattern)


@functools.cache
def _nanp_tables() -> tuple:
    """``_nanp_region`` of every region of country code 1, in ``phonenumbers``' order (read on
    first use: 25 regions' metadata)."""
    from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE

    return tuple(t for t in map(_nanp_region, COUNTRY_CODE_TO_REGION_CODE[1]) if t is not None)


@functools.cache
def _us_valid() -> re.Pattern | None:
    """The first region of country code 1 (the US: no leading digits), alone: most numbers are
    decided by it without the other 24 regions' metadata."""
    from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE

    first = COUNTRY_CODE_TO_REGION_CODE[1][0]
    table = _nanp_region(first)
    return _compiled(table[1]) if table is not None and table[0] is None and table[1] else None


def _nanp_valid(nsn: str) -> bool:
    """``phonenumbers.is_valid_number`` for a number of country code 1 with this ten-digit
    national number: the region is the first whose leading digits match, or, for a region
    without leading digits, whose patterns take the number; valid when that region's do."""
    us = _us_valid()
    if us is not None and us.match(nsn) is not None:
        return True  # the first region takes it
    for lead, valid in _nanp_tables():
        if lead is not None:
            if lead.match(nsn):
                return valid is not None and _compiled(valid).match(nsn) is not None
        elif valid is not None and _compiled(valid).match(nsn) is not None:
            return True
    return False


# "my number is", "her Israeli number:": a person's number is a phone number, unless a word
# before "number" names another kind (account, card, order, ticket...)
_OTHER_NUMBERS = ("account", "acct", "card", "routing", "social", "security", "ssn", "tax", "id",
                  "order", "tracking", "invoice", "case", "ticket", "reference", "ref",
                  "confirmation", "policy", "member", "customer", "employee", "serial", "model",
                  "part", "version", "build", "license", "passport", "registration", "lucky",
                  "favorite", "favourite", "room", "table", "seat", "flight", "badge", "pin",
                  "booking", "reservation", "res", "record", "pnr", "claim", "loyalty", "voucher",
                  "coupon", "gift", "rewards", "transaction", "payment", "receipt", "loan",
                  "application", "patient", "student")
# (one fragment per possessive, each starting with its letter: ``words`` groups them by it)
_POSSESSIVE_NUMBER = tuple(w + r"(?: (?!(?:" + "|".join(_OTHER_NUMBERS) + r")(?![a-z]))[a-z]{2,15}){0,2}"
                           r" number(?![a-z])" for w in ("my", "your", "our", "his", "her", "their"))
# the same in other languages ("mi número es", "mon numéro est le", "il mio numero è", "o meu
# número é", "meine Nummer ist", "mijn nummer is"), perhaps a word for "new" between; these
# languages name the other kinds after the noun ("mi número de cuenta", "mon numéro de client",
# "il numero di carta"): a number followed by "de"/"di"/... is another kind, or a phone's own
# word ("número de teléfono"), a context word itself. Every noun and adjective here starts with
# "n": the leads are the possessives and the space and "n" after them
_POSSESSIVES = ("mi", "tu", "su", "nuestro", "vuestro", "mon", "ton", "son", "notre", "votre",
                "mio", "tuo", "suo", "nostro", "vostro", "meu", "teu", "seu", "nosso", "vosso",
                "mein", "meine", "dein", "deine", "sein", "seine", "ihr", "ihre", "unsere",
                "mijn", "jouw", "uw", "zijn", "haar", "onze")
_POSSESSIVE_NUMERO = tuple(w + r" n(?:(?:uevo|ouveau|uovo|ovo|eue|ieuwe) n)?"  # (literal: "mi n", its lead)
                           r"(?:[u\xfa]mero|um[e\xe9]ro|ummer)(?![a-z])"
                           r"(?! (?:de|di|do|da|del|dello|della|des|du|d'|von|der|van)(?![a-z]))"
                           for w in _POSSESSIVES)
_CONTEXT_LEADS += tuple(p + " n" for p in _POSSESSIVES)
# "home number:", "best number is", "work contact no.": the number one is reached at, named by
# what it is for (not a possessive's: the phrase itself says a person is called there)
_REACHED_AT = ("home", "work", "office", "best", "direct", "alternate", "alternative", "daytime",
               "evening", "backup", "emergency")
_REACHED_NUMBER = tuple(w + c + r"n(?:umber|o|r)(?![a-z])"
                        for w in _REACHED_AT for c in (" ", " contact "))
_CONTEXT_LEADS += tuple(w + c + "n" for w in _REACHED_AT for c in (" ", " contact "))
# (and its number sign: "Best # is 984-536-9409", "home #: ...")
_REACHED_NUMBER += tuple(w + r" #" for w in _REACHED_AT)
_CONTEXT_LEADS += tuple(w + " #" for w in _REACHED_AT)


# a phone's word in Cyrillic (Russian, Ukrainian, Bulgarian, Serbian: телефон, тел., моб.,
# мобильный, сотовый, контактный), Greek (τηλέφωνο, τηλ., κινητό), Arabic (هاتف, جوال) and Hebrew
# (טלפון, נייד): a run of characters beyond ASCII, which the leads' index cannot tell apart, so
# found in those runs only (``non_ascii_runs``)
_OTHER_SCRIPT_WORDS = (r"मोबाइल", r"फ़ोन", r"फोन", r"телефон\w{0,2}", r"тел(?![\u0400-\u04ff])", r"моб(?:ильн\w{1,3}|\.)", r"сотов\w{1,3}",
                       r"мобилен", r"контактн\w{1,3}", r"τηλ[εέ]φων\w{0,2}", r"τηλ(?![\u0370-\u03ff])",
                       r"κινητ[οό]\w?", r"هاتف", r"جوال", r"טלפון", r"נייד")
# (and the Japanese, Chinese and Korean words of ``context``; not the end of a longer word:
# "хотел" is no "тел")
_CJK_WORDS = (r"電話(?:番号)?", r"携帯(?:電話|番号)?", r"連絡先", r"电话(?:号码)?", r"手机(?:号码?)?", r"联系电话",
              r"전화(?:번호)?", r"휴대폰(?:번호)?", r"연락처")
_OTHER_SCRIPTS = re.compile(r"(?<![\u0370-\u04ff])(?:" + "|".join(_OTHER_SCRIPT_WORDS + _CJK_WORDS) + ")")
_SSN_SHAPE = re.compile(r"\d{3}-\d{2}-\d{4}")
# a WhatsApp click-to-chat link: the number in international format without its '+'
_WA_ME = re.compile(r"(?<![\w.\-])(?:wa\.me/|api\.whatsapp\.com/send/?\?phone=)(\d{8,15})(?![\d\w])")


def _dialled_code(text: str, start: int, end: int, pound: bool = True) -> bool:
    """Digits a caller keys after the number: a dial-in's one-tap string ("+16465588656,,
    85662324680#": two pauses, then the meeting's id) or, read in a national grouping, a code
    ended by the pound key ("Phone Conference ID: 852 609 184#")."""
    # (two pauses after a number's digit, the id ended by '#': ",," between a row's fields is
    # an empty field, "...614055,,+1 312 294 6466,20.86")
    # (an iCalendar text escapes its commas: "+19252150089\\,\\,2055693672#")
    for pause in (",,", "\\,\\,"):
        k = start - len(pause)
        if k > 0 and text.startswith(pause, k) and text[k - 1].isdigit() and text.startswith("#", end):
            return True
    return pound and text.startswith("#", end) and not text.startswith("#", end + 1)


@register
class PhoneRecognizer(Recognizer):
    entity = PHONE_NUMBER
    context = (r"phone", r"tel[eé]f[oó]n(?:o|e|nummer|u|a|um)?", r"tel(?![a-z])", r"telephone",
               # Finnish: puhelin, puhelinnumero(ni)
               r"puhelin(?:numero)?(?:ni|si|mme|nne)?",
               # (words, not the first letters of others: "cells 7539227360" in an HBase flush,
               # "contactless", "dialog", "consumer reached 3312629803 records")
               r"mobile", r"cell(?:ular|ulare|phone)?(?![a-z])", r"fax", r"call(?:s|er|ee|ed|ing|back|erid|eeid)?(?![a-z])",
               r"contact(?:o|s|ed|ez(?:-moi|-nous)?)?(?![a-z])", r"sms", r"whatsapp", r"msisdn", r"dial(?:ed|ing|s)?(?![a-z])",
               r"reach(?!abil|ed(?! (?:at|on)(?![a-z])))", r"text (?:me|us)",
               # the verb right before its number, or a few words and "to" ("we'll text 07790
               # 425714 to confirm", "DM ME OR TEXT 2675594020", "we'll text delivery updates
               # to 5028394266"); paying one ("zelle 4043676037")
               r"text(?:ed|ing)?(?=[ \t]+(?:(?:me|us|him|her|them)[ \t]+)?(?:(?:at|on|to)[ \t]+)?(?:[(+0-9]|\Z))",
               r"text(?:ed|ing)?(?=[ \t]+(?:[a-z]+[ \t]+){1,3}to[ \t]+(?:[(+0-9]|\Z))",
               r"zelle(?=[ \t]+(?:(?:me|to|at)[ \t]+)?(?:[(+0-9]|\Z))",
               # abbreviations ("ph# ...", "mob: ...") and other languages' words (Handy;
               # celular, movil; telefon, teléfono, telefone above: before "tel", which a
               # non-ASCII letter would end)
               r"ph(?![a-z])", r"mob(?![a-z])", r"handy", r"celular", r"movil", r"cel(?![a-z])",
               # "ring me on", a landline; "Tél :", móvil, contato/contacto/Kontakt; Japanese,
               # Chinese and Korean words for a phone, a mobile and a contact
               r"ring(?=[ \t]+(?:(?:me|us|him|her|them|back|on|at|mig|oss|meg|os)(?![a-z])|[(+0-9]|\Z))",
               r"rang (?:me|us|back|from|on)(?![a-z])",
               # Dutch "terugbellen op" (call back on), "bellen op"
               r"terugbel(?:len|t)?(?![a-z])", r"bellen op(?= )", r"landline", r"voice ?mail",
               # a voicemail abbreviated, left ("VM left for borrower at ...", "left VM at"; a VM
               # alone is as often a virtual machine)
               r"vm left(?![a-z])", r"left vm(?![a-z])", r"left a vm(?![a-z])", r"left an vm(?![a-z])",
               r"t\xe9l(?![a-z])", r"m\xf3vil", r"contato(?![a-z])",
               r"kontakt(?![a-z])", r"お問い合わせ", r"電話(?:番号)?", r"携帯(?:電話|番号)?", r"連絡先", r"电话(?:号码)?",
               r"手机(?:号码?)?", r"联系电话", r"전화(?:번호)?", r"휴대폰(?:번호)?", r"연락처",
               # the words of European languages for a phone, a mobile, a landline, and the
               # verbs that call one ("rappelle-moi au", "llame al")
               r"telefoon(?:nummer)?", r"mobiel(?:e)?(?: nummer)?", r"rufnummer", r"mobil(?:nummer|telefon)?(?![a-z])",
               r"festnetz(?:nummer)?", r"erreichbar", r"erreichen(?= (?:sie|mich|uns|ihn)(?![a-z]))",
               r"bereik(?:en|baar)(?![a-z])", r"r\xfcckruf(?:nummer)?", r"portable(?![a-z])",
               # (French "fixe" without the plural English writes: "fixes #1003595")
               r"fixe(?=[^a-z]|\Z)", r"fixo(?![a-z])", r"gsm(?![a-z])", r"telem[o\xf3]vel", r"kom\xf3rk[aiy]",
               r"joindre", r"rejoindre", r"appel(?:er|ez|le)?(?:[- ]moi)?(?![a-z])",
               r"rappel(?:er|ez|le)?(?:[- ]moi)?(?![a-z])",
               # a call-back number's abbreviation, with its sign ("cb# 5085063804", "cbn: ...")
               r"cbn?(?=[ \t]*[#:])", r"composez", r"llam(?:e|a|ar|enos|arme|arnos|ada|adme|\xe9)(?![a-z])",
               # "Rufen Sie mich unter ... an", "ruf mich an", "chiamami al", "llámame al",
               # "ligue para", "liga-me", "bel me op"
               r"ruf(?:en|e|t)?(?![a-z])", r"anruf(?:en|e|t)?(?![a-z])", r"chiam(?:a|ami|ateci|are|armi|arci)(?![a-z])",
               r"richiam(?:a|ami|atemi|ateci|are|armi|arci)(?![a-z])",
               r"ll\xe1m(?:ame|anos|eme|enos|enme)(?![a-z])", r"ligue-me(?![a-z])", r"liga-me(?![a-z])",
               r"ligar(?![a-z])", r"ligue(?= (?:para|no|pelo) )", r"bel me(?= )", r"bel mij(?= )",
               r"bel ons(?= )", r"me liga(?= )",
               # Polish "zadzwoń na", "zadzwońcie pod numer", "proszę dzwonić na"
               r"zadzwo(?:\u0144(?:cie)?|ni\u0107)(?![a-z])", r"dzwo(?:\u0144(?:cie)?|ni\u0107)(?![a-z])",
               # an e-mail signature's labels, then a colon or the number ("Direct: 858 290
               # 2514", "Direct line 619...", "Office: 305 923 1322"; not "direct deposit"; a
               # key's word alone, or a window's last word right before the value: \Z); "Office"
               # only with its colon ("Microsoft Office 2016 16.0.4266.1001" is a version)
               r"direct(?: line| dial)?(?=[ \t]*:|[ \t]*\Z|[ \t]+(?:is[ \t]+)?(?:[+(0-9]|\Z))", r"office(?=[ \t]*:|\Z)",
               # a service's line, its colon or the number right after ("Kundenservice: 089
               # 5143832", "Hotline 0800 1234567")
               r"hotline(?=[ \t]*:|\Z|[ \t]+[+(0-9])", r"helpline(?=[ \t]*:|\Z|[ \t]+[+(0-9])",
               r"kundenservice(?=[ \t]*:|\Z|[ \t]+[+(0-9])", r"kundendienst(?=[ \t]*:|\Z|[ \t]+[+(0-9])",
               # SAP's telephone fields (an address's TELF1, TELF2: "TELF1=2672567999")
               r"telf[12](?![a-z0-9])",
               # a one-time code sent to the number ("mfa: sent code to 3322470655", "resent the
               # verification code to ...")
               *(v + r"(?: (?:a|an|the|your|his|her|their|my|new|mfa|otp|2fa|sms|text|one-time|verification|"
                     r"login|log-in|sign-in|signin|security|auth|authentication|confirmation|access|reset))"
                     r"{0,3} (?:code|otp|pin|passcode)s? to(?![a-z])"
                 for v in ("sent", "texted", "resent", "sending", "delivered")),
               # telecom systems' names of a number: WhatsApp's wa_id, a SIP capture's
               # from_user/to_user, RADIUS's Calling-/Called-Station-Id, SMPP's source_addr and
               # destination_addr, a switch's DNIS/RDNIS and ISDN, an E.164 subscription id,
               # Asterisk's CallerIDNum and ConnectedLineNum
               r"wa_id(?![a-z])", r"waid(?![a-z])",
               *(w + sep + "user(?![a-z])" for w in ("from", "to", "src", "dst") for sep in ("_", "-", "")),
               r"station[_-]?id(?![a-z])",
               # (and a contact center's, NICE CXone's "fromAddr": "2677165276", "toAddr")
               *(w + sep + "addr(?![a-z_])" for w in ("source", "src", "dest", "destination", "from", "to")
                 for sep in ("_", "-", "")),
               r"rdnis(?![a-z])", r"dnis(?![a-z])", r"isdn(?![a-z])",
               # number porting's telephone numbers as keys: the TNs ported, the billing and the
               # working telephone number ("tns": [...], "btn": "6176252923")
               r"tns?(?=[\"'\]]?[ \t]*[:=]|\Z)", r"btn(?![a-z])", r"wtn(?![a-z])",
               r"e164(?![a-z])", r"calleridnum(?![a-z])", r"connectedlinenum(?![a-z])",
               # a call's caller as a 911 dispatch or an IVR prints it ("ANI 9197883182")
               # (or as a key: an IVR's "ani=8178536242", "ANI: ...")
               # (a CSV's key column: Cisco CVP's "...,start,ani,4149491157"; Genesys T-Server's
               # attributes, its value quoted after a tab: "AttributeANI\t'12148369243'")
               r"ani(?=[ \t]+(?:\+?\d|\Z)|[=:][ \t]*(?:\+?\d|\Z)|,\+?\d|\Z)",
               r"attributeani(?=[ \t]+'\+?\d|\Z)", r"attributednis(?=[ \t]+'\+?\d|\Z)",
               # a SIP or tel URI's user ("sip:254144228591@sip.example.net")
               r"sips?(?=:\+?\d|\Z)",
               # a signature's sign-off before a name and the number (``_SIGN_OFF``)
               r"cordialement", r"groet(?:en)?(?![a-z])", r"gr\xfc\xdf(?:e|en)(?![a-z])", r"gruesse(?:n)?(?![a-z])",
               r"atenciosamente", r"saludos", r"atentamente", r"saluti", r"pozdrawiam",
               r"powa\u017caniem", r"regards", r"sincerely",
               # the words of other scripts (read where the batch is not ASCII: ``_OTHER_SCRIPTS``)
               *_OTHER_SCRIPT_WORDS,
               *_POSSESSIVE_NUMBER, *_POSSESSIVE_NUMERO, *_REACHED_NUMBER)
    negative = NUMERIC_NEGATIVE + (r"ssn", r"social", r"account", r"acct", r"routing", r"card",
                                   # an identifier named after a call or a contact ("callback id
                                   # 5395378723", "call_id", "contact id"), a phone-home beacon
                                   *(w + r"[ _-]?(?:id|ids|uuid|ref)(?![a-z])"
                                     for w in ("call", "callback", "contact", "phone", "cell")),
                                   r"phone[ _-]home",
                                   # an ad platform's ids, written as a phone is ("customer_id=
                                   # 841-959-8696": Google Ads' customer id, 3-3-4 digits)
                                   *(w + r"[ _-]?(?:id|ids)(?![a-z])"
                                     for w in ("customer", "client", "campaign", "advertiser")),
                                   # a prescriber's or a provider's number as its own label
                                   # ("NPI 2263099337": ten digits, a phone's length; DEA's
                                   # registration), not one of a field before ("...^MD^^^NPI|||
                                   # PIEDMONT LAB||(757)880-6307": the lab's phone)
                                   r"npi(?=[ \t:=#\"'\]]*\Z)", r"dea(?=[ \t:=#\"'\]]*\Z)")

    def find(self, batch):
        text = batch.text
        for c in self._find(batch):
            if text.startswith("@", c.end):
                ims = _IMS_IDENTITY.match(text, c.end)
                v = text[c.start:c.end]
                if ims is not None and v.isdigit() and len(v) in (14, 15) and v.startswith(ims.group(1)):
                    continue  # an IMSI as an IMS or EAP-SIM identity's user ("sip:234150238321070@
                    # ims.mnc015.mcc234.3gppnetwork.org", its country code the domain's): a
                    # subscriber's SIM, not a number to call ("sip:+4474...@..." is one)
            yield c

    def _find(self, batch):
        found = []  # spans of the shapes above: the grouped reader only fills the gaps
        text = batch.text
        for s, e, reason in interchange.of_type(batch, PHONE_NUMBER):
            found.append((s, e))
            yield self.cand(s, e, 0.9, 0.97, True, reason, decisive=True)
        unsigned = set()
        for c in self._unsigned(batch):
            unsigned.add((c.start, c.end))
            found.append((c.start, c.end))
            yield c
        for m in batch.scan(_CALLER_ID, lead='" <'):
            # a caller id as PBXs write one: the display name in quotes, the number in angle
            # brackets (Asterisk's CDR "callerid", app_voicemail's 'from "Maria Kowalski"
            # <4046985207>')
            v = m.group(1)
            if _e164_valid(v[1:]) if v[0] == "+" else (_valid_somewhere(v) or _e164_valid(v)):
                found.append(m.span(1))
                yield self.cand(m.start(1), m.end(1), 0.85, 0.97, True, "phone-caller-id")
        for m in batch.scan(_DIAL_STRING, lead=_DIAL_STRING_LEADS):
            # the number a PBX dials out through a trunk ("SIP/carrier-out/011441210909577,300",
            # "sofia/gateway/carrier1/15519791921"): valid as an international number after its
            # call prefix or with its '+', or as a national one
            v = m.group(1)
            if _e164_valid(_after_prefix(v.lstrip("+"))) or v[0] != "+" and _valid_somewhere(v):
                found.append(m.span(1))
                yield self.cand(m.start(1), m.end(1), 0.85, 0.97, True, "phone-dial-string")
        for m in batch.scan(_WA_ME, lower=True, lead=(r"wa\.me/", r"api\.whatsapp")):
            if _check("+" + m.group(1), None)[1]:
                found.append(m.span(1))
                yield self.cand(m.start(1), m.end(1), 0.9, 0.97, True, "phone-whatsapp-link")
        for c in self._shapes(batch):
            if (c.start, c.end) in unsigned:
                continue  # (read above, by its key)
            found.append((c.start, c.end))
            if not _dialled_code(text, c.start, c.end, False):
                yield self._with_extension(text, c)
        for c in self._grouped(batch, found):
            if not _dialled_code(text, c.start, c.end):
                yield self._with_extension(text, c)

    def _unsigned(self, batch):
        """An international number written without its '+' (E.164's digits alone) under a
        messaging or telephony address's key ("to": "917410936248", source_addr=14143463488,
        "cli": ..., "servedMSISDN": ..., recipients=...): an SMS gateway's, a CDR's, an SMSC's
        way to write one. 11 to 15 digits, valid as an international number with the '+' put
        back; read per numeric token of 11 digits or more, each key looked for right before it.
        A telephony address's own key decides, whatever the words say elsewhere ("addr" is an
        address's, "source" a field's). A generic key ("to", "from", "src", "dst") names a
        message's party only in a record about messages or calls (``_MESSAGING``: "sms",
        "messages", "call", a gateway's name...); elsewhere its value is the scorer's to judge,
        and only as a string (a range's bounds are numbers: "from=12345678901 to=12345679999")."""
        text, lower = batch.text, batch.lower
        done: set[int] = set()
        about: dict[int, bool] = {}  # per segment: a record about messages or calls
        reads: dict[int, int] = {}  # per segment: numbers parsed

        def messaging(seg: int) -> bool:
            got = about.get(seg)
            if got is None:
                lo, hi = batch.segment_bounds(seg)
                got = about[seg] = _MESSAGING.search(lower, lo, hi) is not None
            return got

        if batch.keys:
            # a JSON document's values under such a key: the whole value
            for seg in batch.keyed_segments(_ADDRESS_KEY_PATH):
                s, e = batch.segment_bounds(seg)
                leaf = _ADDRESS_KEY_PATH.search(normalize_key(batch.keys[seg]))
                if leaf is not None and _UNSIGNED.fullmatch(text, s, e) and _e164_valid(_after_prefix(text[s:e])):
                    done.add(s)
                    yield self.cand(s, e, 0.85, 0.97, True, "phone-e164-unsigned",
                                    decisive=leaf.group(1) not in _GENERIC_ADDRESS_KEYS)
        # (a key's operator, a quote or a blank right before the token, or no key can name it:
        # a JSON document's number leaves, a run's next value; picked for the whole batch at once)
        for lo, hi in _keyable_tokens(batch, 10):
            if lo in done:
                continue
            m = _UNSIGNED.match(text, lo, hi)
            if m is None:
                continue
            s, e = m.span()
            d = _after_prefix(m.group())
            if d[0] == "1" and len(d) != 11:
                continue  # (North America's country code takes ten digits after it, no other
                # count: epoch seconds and milliseconds, "1717171717", are no number, unread)
            # (a span read above as a bare number, "phone-bare", is read again: the key is
            # the evidence its reading lacked)
            if text[s - 1] in " \t":
                # (a word right before the blanks is the key itself, written without an
                # operator: only a telephony key's, "cli 19054144164"; "imei ", "order ",
                # "trace " are no key's, skip the key's search)
                j = s - 1
                while j > 0 and lower[j - 1] in " \t":
                    j -= 1
                if j > 0 and (lower[j - 1].isalnum() or lower[j - 1] in "_-") and \
                        not lower.endswith(_BLANK_KEY_ENDS, max(0, j - 12), j):
                    continue
            k = _ADDRESS_KEY.search(lower, max(0, s - 32), s)
            if k is None:
                # (or a JSON array's: its key before the bracket, earlier numbers between)
                br = lower.rfind("[", max(0, s - 200), s)
                k = _ADDRESS_KEY.search(lower, max(0, br - 40), s) if br >= 0 else None
            if k is None:
                continue
            seg = batch.segment_of(s)
            decisive = k.group(1) not in _GENERIC_ADDRESS_KEYS or messaging(seg)
            if not decisive and lower[s - 1] not in "\"'":
                continue
            reads[seg] = reads.get(seg, 0) + 1
            if reads[seg] > MAX_REGION_READS:
                # (past a record's budget of numbers parsed, a keyed number is a candidate on its
                # key alone, uncertain: redacted, fail closed; a record of a hundred thousand
                # "to=<number>" stays fast and leaks none)
                yield self.cand(s, e, LISTED_PRIOR, 0.8, False, "phone-e164-unchecked")
            elif _e164_valid(_after_prefix(m.group())):
                done.add(s)
                yield self.cand(s, e, 0.85, 0.97, True, "phone-e164-unsigned", decisive=decisive)

    @staticmethod
    def shape_outranks(value: str, word: str) -> bool:
        """An account named before a number written as only a phone is ("the number on the
        account should be +44 7407 745308", "... is (201) 375-2337", "... 206-299-3708"):
        a country code's '+', an area code's parentheses, or NANP's groups parted by dashes
        or dots. No account number is written that way; the phone's shape decides."""
        return word.startswith(("account", "acct")) and _PHONE_ONLY.match(value) is not None

    @staticmethod
    def _with_extension(text, c):
        ch = text[c.end] if c.end < len(text) else ""
        # (a regex match only where an extension's first letter is: not after every space)
        if ch and (ch in "xX" or ch in " \t" and text.startswith(_EXT_STARTS, c.end + 1)):
            x = _EXTENSION.match(text, c.end)
            if x is not None:
                c.end = x.end()
        return c

    def _grouped(self, batch, found):
        """Other countries' national groupings, in phone context only (``_GROUPED``), read
        where a phone context puts a value: the start of a value under a phone key, and the
        place right after a phone word and the small words that may follow it ("phone: X",
        "sms to X", "call me at X", "mobile number is X"; not "call id 20240611"). The work
        is per phone word, not per number: a record without one costs nothing here."""
        text, lower = batch.text, batch.lower
        at: set[int] = set()
        glued: set[int] = set()  # of those, where a number is glued to its phone word
        foreign: set[int] = set()  # ... and where one follows a phone word of another script
        addressed: set[int] = set()  # ... and where an SMSC's address is (its TON after it)
        signed: set[int] = set()  # ... and where a signature's number is (``_SIGN_OFF``)
        # ... and where a phone word reaches past the words the scorer reads before a value
        # ("SMS sid=SM0a84b28fc31f1f4fe255b65a9d3dde9e to=2055398013", "llamar a Sofía al ...")
        reached: dict[int, int] = {}  # (the place: where the phone word ends)
        # ... and a row's field after an e-mail address's (a number its shape reads is read
        # there, with the row's e-mail as its evidence: ``person_row``)
        emailed: set[int] = set()
        if batch.keys:
            for seg in batch.keyed_segments(self.pos_re):
                if self._phone_key(batch.keys[seg]):
                    lo, hi = batch.segment_bounds(seg)
                    at.add(_GAP.match(lower, lo, hi).end())
        tables = set()
        for m in batch.scan(self.pos_re, lower=True, lead=_CONTEXT_LEADS):
            if m.start() > 0 and lower[m.start() - 1].isalpha() and lower[m.start()].isascii() and \
                    not lower.endswith("télé", max(0, m.start() - 4), m.start()):
                continue  # inside a word ("recall", "telemetry" is no "tel"; French
                # "téléphone" is read at its "phone")
            seg = batch.segment_of(m.start())
            if seg not in tables:
                # a table's phone column ("client;iban;tel | Dupont;FR08...;06 20 05 60 76"):
                # the start of each of its fields
                tables.add(seg)
                cols = table_fields(batch, seg)
                for s, e, name in zip(*cols[:3]) if cols else ():
                    if self._phone_key(name):
                        at.add(_GAP.match(lower, s, e).end())
                # (and a value its column names in a database's or a validator's log:
                # ``statements``: "mobile[text]:'06 31 94 36 90'", "on field 'mobile': ...")
                bound = bound_values(batch, seg)
                for s, e, name in zip(*bound) if bound else ():
                    if self._phone_key(name):
                        at.add(_GAP.match(lower, s, e).end())
            lo, hi = batch.segment_bounds(seg)
            if m.start() - lo > 8 and POSSESSIVE_NEAR.search(lower, max(lo, m.start() - 24), m.start()):
                # a number the phrase before the phone word names ("06 12 34 56 78 is my cell",
                # "091856 19498 - my mobile"): read where it starts
                v = _NAMED_BEFORE.search(lower, max(lo, m.start() - 96), m.start())
                if v is not None:
                    at.add(v.start())
            w = _WORD_REST.match(lower, m.end(), hi)  # the rest of the word: "phones:"
            end = w.end() if w is not None else m.end()
            at.add(_GAP.match(lower, end, hi).end())
            if lower.startswith(";", end):
                # a vCard's property and its parameters ("TEL;TYPE=CELL,VOICE,pref:06 12 58 52 48")
                v = _VCARD_PARAMS.match(lower, end, hi)
                if v is not None:
                    at.add(v.end())
            g = end + 1 if lower.startswith("_", end) else end
            if g < hi and lower[g].isdigit() and lower[g - 1] in _GLUE and _LABEL_NOUN.match(m.group()):
                # the number glued to the word ("phone702-727-0573", "tel_6462484661"): read
                # from its first digit, which the look-behind of ``_GROUPED`` refuses
                glued.add(g)
                at.add(g)
            if _SENDS.match(m.group()):
                # a message or a call and a few words of it, then where it went ("SMS
                # verification code to X", "fax sent to X", "call forwarded to X")
                sent = _SENT_TO.match(lower, end, min(hi, end + 56))
                if sent is not None and not self.neg_re.search(lower, end, sent.end()):
                    g = _GAP.match(lower, sent.end(), hi).end()
                    at.add(g)
                    reached[g] = end
            if _CALL_VERB.match(m.group()):
                # a Romance language's verb, the person called, then the number's preposition
                # ("llamar a Sofía al 664 041 565", "ligar para Camila no 19 94072-2346")
                c = _CALLED_AT.match(lower, end, min(hi, end + 56))
                if c is not None:
                    g = _GAP.match(lower, c.end(), hi).end()
                    at.add(g)
                    reached[g] = end
            if "?" in lower[end:end + 64]:
                # the answer to a question that names a phone ("Agent: Can I have your phone?
                # Customer: sure, it's 093939720"): the value after the answerer's label
                a = _ANSWERED.match(lower, end, min(hi, end + 128))
                if a is not None:
                    at.add(a.end())
            # a label that holds the phone word and ends in a colon ("Teléfono móvil del
            # paciente: ...", "Numéro de GSM belge : ..."): the value right after the colon
            # (a noun names the field; a verb does not: "call processing error code: ...")
            lab = _LABEL_REST.match(lower, end, min(hi, end + 48)) if _LABEL_NOUN.match(m.group()) else None
            if lab is not None and not self.neg_re.search(lower, end, lab.end()):
                at.add(lab.end())
        for m in batch.scan(_EMAIL_FIELD_END, lead="@"):
            # a row's field after an e-mail address's ("...,mruiz@harborfp.com,708 175 093,London",
            # "...|kgreco@orange.fr|06-32382694"): a person's contact fields, the number in its
            # country's national grouping (a row: three of its delimiters or more)
            lo, hi = batch.segment_bounds(batch.segment_of(m.start()))
            if text.count(m.group(1), lo, hi) >= 3:
                at.add(m.end())
                emailed.add(m.end())
        for m in batch.scan(_CAMEL_PHONE, lead=_CAMEL_LEADS):
            # a camel-cased key's last word ("contactPhone": ..., "smsFallbackMobile=..."): the
            # words above are read on the lower-cased text, where its hump is no word's start
            if m.start() == 0 or not (text[m.start() - 1].islower() or text[m.start() - 1].isdigit()):
                continue  # (a word of its own is read above: "Phone": ...)
            at.add(_GAP.match(lower, m.end(), batch.segment_bounds(batch.segment_of(m.start()))[1]).end())
        for m in batch.scan(_TON, lower=True, lead=("\\(ton=", " ton=")):
            # an SMSC's address with its type of number after it ("MO from=912347741121
            # (ton=1,npi=1)", SMPP's TON/NPI): the number before is an address, a phone's
            v = _BEFORE_TON.search(lower, max(0, m.start() - 20), m.start())
            if v is not None:
                at.add(v.start(1))
                addressed.add(v.start(1))
        for m in batch.scan(_SIGN_OFF, lower=True, lead=_SIGN_OFF_LEADS):
            # an e-mail's or a chat's signature: the sign-off, a name, a dash, the number
            if m.start() == 0 or not lower[m.start() - 1].isalpha():
                at.add(m.end())
                signed.add(m.end())
        for a, b in batch.non_ascii_runs() if not lower.isascii() else ():
            for m in _OTHER_SCRIPTS.finditer(lower, a, b):
                hi = batch.segment_bounds(batch.segment_of(m.start()))[1]
                p = _GAP.match(lower, m.end(), hi).end()
                foreign.add(p)
                at.add(p)
        if not at:
            return
        # "reach me at jane@x.io or 06 12 34 56 78": an address where the phone word puts a
        # value, then a number listed after it: the number is the next of the list
        after_address = set()
        for p in at:
            a = _ADDRESS_HERE.match(text, p)
            if a is not None:
                nxt = _LIST_NEXT.match(text, a.end())
                if nxt is not None and nxt.end() > a.end() and nxt.end() < len(text) and \
                        (text[nxt.end()].isdigit() or text[nxt.end()] == "("):
                    after_address.add(nxt.end())
        found.sort()
        starts = [s for s, _ in found]
        reads: dict[int, int] = {}  # per segment (record), region reads so far
        # (a deque: popped from the front, one per place; a list's pop(0) made a run of phone
        # words quadratic, 2.1 s of 3.4 s per MiB of "phone:")
        todo = deque([(p, False) for p in sorted(at)] + [(p, True) for p in sorted(after_address - at)])
        listed = 0  # values read as the next of a list ("phones: A, B, C"), bounded per batch
        while todo:
            p, chained = todo.popleft()
            if p > 0 and text[p - 1] == "(":
                p -= 1  # "(11) 2021-9970": the area code's paren is the number's
            # (a letter of another script glues nothing: "手机号是138 8206 1365")
            m = (_GROUPED_LISTED if chained and text[p - 1] == "/" and text[p - 2].isdigit() or p in glued or
                 p > 0 and not text[p - 1].isascii() and text[p - 1].isalpha()
                 else _GROUPED).match(text, p)
            if m is None:
                continue
            s, e = m.span()
            j = text.find("\t", s, e)
            if j >= 0:
                lo, hi = batch.segment_bounds(batch.segment_of(s))
                if text.count("\t", lo, hi) > text.count("\t", s, e):
                    e = j  # "call<TAB>90.32<TAB>2955": a row's fields, the number ends at a tab
            j = text.find("/", s, e)
            while j >= 0:
                # "06 12 34 56 78/06 98 76 54 32": two numbers, read as one (the match stops at
                # its sixth group; the slash is judged on the values either side, read whole)
                if batch.list_slash(j):
                    e = j
                    break
                j = text.find("/", j + 1, e)
            # a list of numbers after the phone word: the next one is read too
            nxt = _LIST_NEXT.match(text, e)
            if nxt is not None and listed < MAX_LISTED and nxt.end() < len(text) and p not in emailed and \
                    (text[nxt.end()].isdigit() or text[nxt.end()] == "(") and \
                    table_column(batch, batch.segment_of(nxt.end()), nxt.end()) is None:
                # (a table's next field is the next column's, read above if it is a phone's)
                listed += 1
                todo.appendleft((nxt.end(), True))
            i = bisect_right(starts, e) - 1
            if i >= 0 and found[i][1] > s and not chained:
                if found[i][0] == s and s - reached.get(p, s) > NEAR and \
                        _valid_somewhere(text[s:found[i][1]].translate(_AS_DASH)):
                    # (a number read above by its shape, which a phone word names from further
                    # before than the scorer reads: nearer, the scorer reads the word itself)
                    yield self.cand(s, found[i][1], 0.85, 0.8, False, "phone-reached")
                continue  # overlaps a number read above (a list's next value is read anyway:
                          # its shape alone may not reach the phone word that heads the list)
            value = text[s:e]
            if value.endswith(")") and value.count("(") < value.count(")"):
                value, e = value[:-1], e - 1  # "sql(contact,2201691101)": the call's paren
            digits = sum(map(str.isdigit, value))
            if not 7 <= digits <= 15 or _ANY_DATE.match(value.lstrip("(")) or _IPV4.match(value):
                continue
            if p in emailed and (value.isdigit() and (value[0] != "0" or digits < 10) or
                                 _NOT_DIALLED.fullmatch(value)):
                continue  # (a row's field after an e-mail: bare digits without a trunk prefix are
                # an id's or read by their shape, an SSN's, an EIN's, a ZIP+4's grouping or an
                # amount no dialled number's)
            if p in foreign and _SSN_SHAPE.fullmatch(value):
                continue  # "電話536-90-4399": the national formats only; an SSN's shape is the SSN's
            seg = batch.segment_of(s)
            reads[seg] = reads.get(seg, 0) + 1
            # a value further down a list may be past the words the rules read before it: the
            # phone word that heads the list is its evidence (uncertain, so redacted: fail closed)
            # (a signature's number: its sign-off, a name and the dash or the parenthesis that
            # the reader requires are its evidence, uncertain as a list's next value is)
            prior = LISTED_PRIOR if chained or s in signed else \
                0.85 if s in addressed or p in reached or p in emailed else 0.15
            if reads[seg] > MAX_REGION_READS:
                yield self.cand(s, e, prior, 0.8, False, "phone-national-unchecked")
            elif _valid_somewhere(value.translate(_AS_DASH)):
                yield self.cand(s, e, prior, 0.8, False,
                                "phone-national-listed" if chained else "phone-national-region")

    def warm(self) -> None:
        """The 25 North American regions' validity patterns (``_nanp_valid``), compiled now:
        about 20 ms, which a first batch of log lines paid otherwise; and the metadata of
        ``REGIONS`` (``_valid_somewhere`` reads a national number in each), loaded and its
        validity patterns compiled (kept: ``enable_pattern_cache``), which the first batches
        with such a number paid (about 75 ms more)."""
        for _, valid in _nanp_tables():
            if valid is not None:
                _compiled(valid)
        national = phonenumbers.PhoneNumberFormat.NATIONAL
        for region in REGIONS:
            for kind in (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.MOBILE):
                example = phonenumbers.example_number_for_type(region, kind)
                if example is not None:  # (read as a log writes it: the national form, parsed)
                    _valid_somewhere(phonenumbers.format_number(example, national))
                    _parse_check(phonenumbers.format_number(example, national), region)

    def _phone_key(self, key: str) -> bool:
        """A key with a phone word as a whole word ("contact_phone", "msisdn";
        "callerSuppliedUserAgent" holds none). Memoised: the same few key paths recur in every
        record of a stream."""
        memo = self.__dict__.setdefault("_phone_keys", {})
        got = memo.get(key)
        if got is None:
            path = normalize_key(key).rsplit(".", 2)
            leaf = path[-1]
            got = any(self.pos_re.fullmatch(w) for w in re.split(r"[^a-z0-9]+", leaf)) and \
                not self.neg_re.search(leaf)
            if not got and len(path) > 1 and not self.pos_re.search(leaf) and \
                    not self.neg_re.search(leaf):
                # a leaf that names nothing under a phone key: {"phone": {"number": ...}},
                # {"phoneNumbers": [{"type": "work", "number": ...}]}
                parent = path[-2]
                got = any(self.pos_re.fullmatch(w) or w.endswith("s") and (
                    self.pos_re.fullmatch(w[:-1]) or w.endswith("es") and self.pos_re.fullmatch(w[:-2]))
                    for w in re.split(r"[^a-z0-9]+", parent)) and not self.neg_re.search(parent)
            if len(memo) < 65536:
                memo[key] = got
        return got

    def _shapes(self, batch):
        text = batch.text
        found = self.exact_in_tokens(batch, _PHONE, 7, back=4, shape=_phone_shapes)
        for m in _listed_apart(batch, found):
            e = m.end()
            if text.startswith("-", e) and e + 2 < len(text) and \
                    (text[e + 2].isalnum() or text[e + 2] in "_-"):
                continue  # a kind's letter only ends it: "-HX" goes on (``_PHONE`` reads to a
                # region's end, two characters past its token)
            value = m.group().translate(_AS_DASH)
            if isinstance(m, MappedMatch) and blank_run(text, m.start(), m.end()) and \
                    not self.supported(batch, m.start(), NEAR):
                # a run of blanks or a tab between the groups ("0433  539 838"): the shape of a
                # table's columns as much as a phone's: in phone context only
                continue
            if (m.group("intl") or m.group("intlp")) and \
                    _SIGNED.fullmatch(batch.text, m.start(), m.end()):
                # a signed decimal or a pair of signed counts: Go's monotonic clock reading
                # ("m=+492960.002150132", printed with every time.Time), a diff's "+1507 -2676";
                # a phone only where context says so
                if self.supported(batch, m.start(), NEAR):
                    yield self.cand(m.start(), m.end(), 0.2, 0.85, False, "phone-intl-context")
            elif m.group("intl") or m.group("intlp"):
                # "(+44) 20...": the country code in parentheses; "+52 (0) 55...": the trunk
                # prefix people write after it, which a caller from abroad leaves out
                possible, valid = _check(_intl_form(value), None)
                if valid and value.endswith(")") and value.count(")") > value.count("("):
                    # (the wrapper's parenthesis closes after it: "Str(+441611295204)")
                    yield self.cand(m.start(), m.end() - 1, 0.85, 0.97, True, "phone-intl-valid")
                elif valid:
                    yield self.cand(m.start(), m.end(), 0.85, 0.97, True, "phone-intl-valid")
                elif possible:
                    yield self.cand(m.start(), m.end(), 0.45, 0.85, False, "phone-intl-possible")
                elif not isinstance(m, MappedMatch) or m.one_to_one():
                    # too long for any number: the next field's number was read on after a
                    # blank ("phone=+5511961365484 443": IIS's port; "+44 121 219 5686 200 OK":
                    # a status). The number without that last group, where it is a valid one
                    head = value
                    for _ in range(3):  # (the next fields: "+5511961365484 443 - 172")
                        cut = head.rfind(" ")
                        # (or a parenthesis that opens the next: "from +13032031728 (0:13)", a
                        # voicemail's length read as the trunk prefix "(0)")
                        if cut <= 0 or not head[cut + 1:].lstrip("(").isdigit():
                            break
                        head = head[:cut].rstrip(" -")
                        if _check(_intl_form(head), None)[1]:
                            yield self.cand(m.start(), m.start() + len(head), 0.85, 0.97, True,
                                            "phone-intl-valid")
                            break
            elif m.group("nanp"):
                digits = _NON_DIGITS.sub("", value)[-10:]
                if digits[0] in "01" or digits[3] in "01":
                    # an area code or exchange no NANP number has: a phone after a phone word
                    if self.supported(batch, m.start(), NEAR):
                        yield self.cand(m.start(), m.end(), 0.2, 0.85, False, "phone-nanp-context")
                    continue
                if m.group("s1") in (".", "-") and "." in value and "-" in value and \
                        "(" not in value and not value.startswith("+"):
                    # a dot, then a dash ("252.227-7013": a clause of a regulation, a code's
                    # section): no one writes a phone number with both; after a phone word only
                    if self.supported(batch, m.start(), NEAR):
                        yield self.cand(m.start(), m.end(), 0.2, 0.85, False, "phone-nanp-context")
                    continue
                possible, valid = _check(value, "US")
                spaced = m.group("s1") == " " or ("(" not in value and "-" not in value and "." not in value)
                if valid and m.group("s1") == " " and in_number_run(batch.text, m.start(), m.end()):
                    # "0 768 772 780 8192 776": three groups of a run of space-separated
                    # numbers read as a phone; context decides
                    yield self.cand(m.start(), m.end(), 0.15, 0.85, True, "phone-nanp-in-run")
                elif valid:
                    yield self.cand(m.start(), m.end(), 0.8, 0.97, True, "phone-nanp-valid")
                elif possible and not spaced:
                    # fictional ranges (555, unassigned area codes) are still shaped like phones
                    yield self.cand(m.start(), m.end(), 0.6, 0.9, False, "phone-nanp-shape")
                elif self.supported(batch, m.start(), NEAR) or _reached_named(text, m.start()):
                    # the validator is evidence, not a gate: a NANP-shaped number after "call
                    # me at", ``phone=`` is a phone whatever its area code or spacing
                    yield self.cand(m.start(), m.end(), 0.2, 0.85, False, "phone-nanp-context")
            elif m.group("intl00"):
                # valid as the '+' number it stands for: else an ID that starts with "00"
                # (unseparated, a zero-padded ID as often: "0012345678901"; context decides)
                possible, valid = _check(_intl_form("+" + value[2:]), None)
                if valid:
                    if not value.isdigit():
                        # (the whole number in parentheses: its closing one is not the value's)
                        end = m.end() - 1 if value[-1] == ")" and "(" not in value else m.end()
                        yield self.cand(m.start(), end, 0.8, 0.97, True, "phone-intl-00")
                    elif self.supported(batch, m.start(), NEAR):
                        yield self.cand(m.start(), m.end(), 0.2, 0.85, True, "phone-intl-00-context")
                elif possible and _NANP_00.fullmatch(value):
                    # "001-967-866-9059": "+1-967-866-9059" as dialled from abroad, the shape
                    # of a North American number after its country code (an unassigned area
                    # code, a fictional range), read as that number is without the prefix
                    yield self.cand(m.start(), m.end(), 0.6, 0.9, False, "phone-intl-00-shape")
                elif possible and not value.isdigit() and self.supported(batch, m.start(), NEAR):
                    # the validator is evidence, not a gate: "phone: 001-482-316-8057" (an
                    # unassigned area code, as "phone: 482-316-8057" is read too)
                    yield self.cand(m.start(), m.end(), 0.2, 0.85, False, "phone-intl-00-context")
            elif m.group("bare"):
                if value[-10] == "1":
                    # the national number starts with 1: no NANP number does (area codes are
                    # [2-9]XX), so phonenumbers would say invalid; 10-digit epoch seconds
                    # (17xxxxxxxx), common in logs, skip the costly parse (pinned by a test)
                    continue
                possible, valid = _check(value, "US")
                if valid and person_row(batch, m.start(), m.end()):
                    yield self.cand(m.start(), m.end(), 0.6, 0.85, True, "phone-row")
                elif valid:
                    yield self.cand(m.start(), m.end(), 0.15, 0.85, True, "phone-bare")
                elif self.supported(batch, m.start(), NEAR) or _reached_named(text, m.start()):
                    yield self.cand(m.start(), m.end(), 0.2, 0.85, False, "phone-bare-context")
            else:  # trunk-prefix national format: region unknown, context decides
                if value.lstrip("(")[1] == "0" or _DATE.match(value):
                    # "00" is the international call prefix, not a trunk prefix, and no national
                    # number starts with 0 after it ("000-00-0000" is no phone number); dates
                    continue
                if not m.group("national2"):
                    yield self.cand(m.start(), m.end(), 0.15, 0.8, False, "phone-national")
                elif self.supported(batch, m.start()):  # "09-7625400": one group after the
                    # trunk prefix is a phone only in phone context
                    yield self.cand(m.start(), m.end(), 0.15, 0.8, False, "phone-national-context")
