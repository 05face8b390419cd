"""Payment card numbers: 12-19 digits, issuer prefix + length, Luhn check."""
import re

from ..entities import CREDIT_CARD
from ..validators import card_brand, digits_of, luhn_ok
from . import interchange, register
from .base import ID_WORDS, NEAR, NUMERIC_NEGATIVE, Recognizer, joint_table, normalize_key
from .us_bank_number import nacha_fields

# Groups separated by a single space, dash, dot, slash or underscore (consistent or not; on the
# normalised token, see base.py), or no separator at all.
_CARD = re.compile(r"(?<![\w\-.])(?<!\d/)\d(?:[\- ./_]?\d){11,18}(?![\w\-]|[./]\d)")
_GROUP_SEP = re.compile(r"[\- ./_]")
_COLUMN = re.compile(r"\d+(?:[\- ]\d+)*")  # (one column's digits: single blanks or dashes between)
# a card with letters glued after it ("4111-1111-1111-1111exp", "...1111USD"): a card only where
# the words before it speak of one (``supported``)
_CARD_GLUED = re.compile(r"(?<![\w\-.])(?<!\d/)\d(?:[\- ./_]?\d){11,18}(?=[A-Za-z])")
# a card's expiry right after a track's separator: YYMM; a token's last digits
_EXPIRY = re.compile(r"\d\d(?:0[1-9]|1[0-2])")
_DIGIT_RUN = re.compile(r"[0-9]+\Z")
# what ends a card's digits on a magnetic stripe's track: track 1's field separator, track 2's
_TRACK_SEPARATORS = joint_table("^D")
# a printed run of groups that may be longer than a card ("4111 1111 1111 1111 1225": a card and
# its expiry, 20 digits, which ``_CARD`` cannot take whole)
# what follows a card in a row and no other number: its expiry as the next field ("6227...611,
# 01/26,amex"), or a brand's name in one of the next two fields
_CARD_AFTER = re.compile(r"[\"']?[ \t]*[,;|\t][ \t]*[\"']?(?:(?:0[1-9]|1[0-2])/(?:\d{4}|\d{2})(?![\d/])|"
                         r"(?:[^,;|\t\n]{0,24}[,;|\t][ \t]*[\"']?)?(?i:visa|master ?card|amex|american express|"
                         r"discover|jcb|diners|maestro|union ?pay|rupay)(?![a-z]))")
# card lengths rare among cards and common among other numbers, written unseparated
_RARE_LENGTHS = frozenset((13, 17, 18, 19))
# how cards are printed: groups of four, the last one to four digits ("4111 1111 1111 1111",
# "6304 0000 0000 0000 018"), Amex's and Diners' 4-6-5 and 4-6-4 (group sizes as a string key)
_PRINTED = re.compile(r"\(4, (?:4, )*[1-4]\)\Z")
_PRINTED_OTHER = frozenset(((4, 6, 5), (4, 6, 4), (4, 4, 5), (5, 5, 5, 4), (6, 13)))
_GROUPED = re.compile(r"(?<![\w\-.])(?<!\d/)\d{4}(?:[\- ./_]\d{1,7}){3,7}(?![\w\-]|[./]\d)")
# an unseparated card with a slash and digits right after it, which ``_CARD`` leaves (a path's
# or a fraction's digits go on after a slash): its expiry and code joined to it the same way
# ("4228689579127299/09/27/123", "...7299/0927")
_CARD_SLASHED = re.compile(r"(?<![\w\-.])(?<!\d/)\d{13,19}(?=/\d)")
_SLASH_EXPIRY = re.compile(r"/(?:0[1-9]|1[0-2])(?:/?(?:\d\d){1,2})?(?![\d.])")


# a card's word glued to the number, by nothing or a joiner ("cc_4098892905550344",
# "card4424362939029223", "Visa4846-9735-6215-6859", a file or cache key "card-5178..."): the
# value after it, as after "card: " (on the lower-cased text; a word in a longer one,
# "discard", "occ", and a hex run's "3cc4" are not it)
_GLUED_KEY = re.compile(r"(?<![a-z0-9])(?:(?:credit|debit)?card|cc|ccn|pan|visa|master_?card|amex|maestro)"
                        r"(?:_?(?:no|num|number|nr))?[\-_#]{0,2}(?=\d)")
_GLUED_LEADS = tuple(w + r"[\-_#0-9n]" for w in ("card", "cc", "ccn", "pan", "visa", "mastercard",
                                                 "master_card", "amex", "maestro"))
# the card after it: 12-19 digits, one space or dash between groups; not in a longer run (an
# underscore may go on: "cc_4098..._exp")
_AFTER_GLUED_KEY = re.compile(r"\d(?:[\- ]?\d){11,18}(?![A-Za-z0-9\-]|[./]\d)")
# how far before a Luhn-valid number outside the issuer table a card word may stand: a
# sentence's words between ("the Visa ending in full number 2131...", "card on file for this
# customer: ..."); a contrary word after it still ends its reach ("card 55, order id 4539...")
CARD_NEAR = 40
# ... a device's number right before it: a phone's IMEI is a Luhn-valid 15-digit number
# ("PaymentService: Device 862171939021990 firmware 8.14")
# a time: milliseconds since 1970 (2001-2042: "_=1748134864563", a request's cache-buster) or
# a compact timestamp ("20240827075316", YYYYMMDDhhmmss), which no issuer's range holds: a card
# only where a card's word labels it right before ("cc 1796489644452 exp 09/27"), not where
# such a word is only nearby ("/v1/payments?_=1748134864563", a journal row's "MASTERCARD")
_TIME_SHAPED = re.compile(r"1\d{12}|2[0-2]\d{11}"
                          r"|(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:[01]\d|2[0-3])[0-5]\d[0-5]\d")
_EMV_PAN = re.compile(r"(?<![\w])5a[ :=]?(0[6-9a])[ :=]?(\d{12,19})f?(?![\w])")
# (and inside a raw TLV blob, glued to the tags around it: "...0183785A0826772481185622585F24...":
# the length says where the PAN ends)
_EMV_PAN_GLUED = re.compile(r"(?<=[0-9a-f])5a(0[6-9a])(?=\d{12})")
_LABEL_GAP = re.compile(r"[ \t:=#\"'\-]*\Z")
_DEVICE_BEFORE = re.compile(r"(?:device|imei|meid|handset|terminal)(?: (?:id|no\.?|number|sn))?[ \t:=#]*\Z")


@register
class CreditCardRecognizer(Recognizer):
    entity = CREDIT_CARD
    context = (r"card", r"cc(?![a-z])", r"ccn", r"pan(?![a-z])", r"visa", r"master ?card",
               r"amex", r"american express", r"discover", r"jcb", r"diners", r"payment",
               r"credit", r"debit", r"cardholder", r"cc_?num", r"maestro",
               # the card's number by its standard's name (ISO/IEC 7812: the PAN)
               r"primary[ _-]?account[ _-]?(?:number|num|no)(?![a-z])", r"union ?pay", r"rupay",
               # ISO 8583's data element 2, the PAN, as message dumps name it ("DE002=", "[Field
               # 002] [19] [...]", jPOS' '<field id="2" value="...')
               r"de[ _]?0{0,2}2(?![0-9])", r"field[ _]?0{0,2}2(?![0-9])", r"field id=\"2\"",
               # the verbs of a payment, which name its instrument ("paid with 4754289670224",
               # "charged to 5020 3615 9411", "charge it to ...", "can you charge 3521...")
               r"paid with", r"pay(?:ing)? with",
               r"charged? (?:(?:it|this|that|them) )?(?:to|on)(?![a-z])", r"charge[ \t]+$",
               # the words of European languages for a (credit) card and its number:
               # Kreditkartennummer, Kartennummer, numéro de carte, número de tarjeta, numero
               # della carta, cartão de crédito, kaartnummer, karta kredytowa
               # (a German compound names its card by its first word: Kreditkarte, EC-Karte,
               # Girokarte; SIM-Karte, Netzwerkkarte are hardware, below)
               *(w + "karte" for w in ("kredit", "debit", "bank", "giro", "ec-", "ec ", "geld", "prepaid")),
               r"karten?(?<![\-_]karte)(?<![\-_]karten)(?:nummer|nr)?(?![a-z])", r"carte(?![a-z])",
               r"tarjeta",
               r"carta(?![a-z])", r"cart\xe3o", r"kaart(?:nummer)?(?![a-z])", r"karta(?![a-z])",
               r"karty(?![a-z])",
               # Swedish, Danish and Norwegian: kortnummer, kreditkort, betalkort, bankkort
               r"kort(?:nummer|nr)?(?![a-z])", r"kreditkort", r"betalkort", r"bankkort",
               # Chinese, Japanese and Korean: a credit, bank or debit card, its number, "this
               # card" (张: a card's measure word; never 卡 alone: 卡顿, 卡住 are no cards)
               r"信用卡", r"银行卡", r"銀行卡", r"借记卡", r"储蓄卡", r"银联", r"卡号", r"卡號", r"张卡", r"張卡",
               r"カード", r"카드")
    # (an identifier's key or label: "user_id=", "event id", "INSERT ... (id, ...)")
    negative = NUMERIC_NEGATIVE + ID_WORDS + (r"phone", r"tel(?![a-z])", r"account", r"acct", r"iban",
                                   # a card of hardware: a network, SD, smart or SIM card, a reader
                                   # (one fragment per word: each starts with its letter, so the
                                   # words are grouped by it: ``words``)
                                   *(w + r"[ _-]?cards?(?![a-z])" for w in (
                                       "network", "sd", "sdhc", "sdxc", "micro ?sd", "smart", "sim",
                                       "graphics", "video", "sound", "line", "wifi", "wireless",
                                       "ethernet", "memory", "flash", "cf", "pcie?", "interface")),
                                   r"card[ _-]?reader",
                                   # the same cards in the languages of the card words above: a
                                   # SIM's ICCID is a Luhn-valid 19-digit number ("carte SIM
                                   # 8933...", "SIM-Karte", "tarjeta SIM", "simkaart")
                                   r"sim(?![a-z])", r"iccid",
                                   *(w + r"[ _-]?karten?(?![a-z])" for w in (
                                       "sim", "netzwerk", "grafik", "speicher", "sd", "chip", "sound",
                                       "video", "netz")),
                                   *(w + r"(?:kaart|karta)(?![a-z])"
                                     for w in ("sim", "geheugen", "netwerk", "video")),
                                   r"carte (?:sim|r\xe9seau|graphique|m\xe9moire|sd|son|m\xe8re)(?![a-z])",
                                   r"tarjeta (?:sim|de red|gr\xe1fica|de memoria|sd|madre|de sonido)(?![a-z])",
                                   r"scheda(?![a-z])",
                                   r"cart\xe3o (?:sim|de mem\xf3ria|sd)(?![a-z])",
                                   r"karta (?:sim|sieciowa|graficzna|pami\u0119ci)(?![a-z])")

    def _labelled(self, batch, pos: int) -> bool:
        """Whether a card's word labels the value at ``pos``: its key, or the word right before
        it with only a label's marks between ("cc 1796...", "card#: ...")."""
        seg = batch.segment_of(pos)
        key = batch.keys[seg] if batch.keys else ""
        if key:
            return bool(self.pos_re.search(normalize_key(key).rsplit(".", 1)[-1]))
        lo = max(batch.starts[seg], pos - 24)
        last = None
        for last in self.pos_re.finditer(batch.lower, lo, pos):
            pass
        return last is not None and _LABEL_GAP.match(batch.lower, last.end(), pos) is not None

    @staticmethod
    def _other_card(batch, pos: int) -> bool:
        """Whether a program's card, not a payment card, is named before ``pos``: its key's
        path or its segment's last 32 characters (``_OTHER_CARD``)."""
        seg = batch.segment_of(pos)
        key = batch.keys[seg] if batch.keys else ""
        if key and _OTHER_CARD.search(key.lower()):
            return True
        return _OTHER_CARD.search(batch.lower, max(batch.starts[seg], pos - 32), pos) is not None

    def find(self, batch):
        taken = {}  # start -> end of the candidates read above
        for s, e, reason in interchange.of_type(batch, CREDIT_CARD):
            # (a reservation's form of payment: its card glued to the vendor's code)
            taken[s] = max(e, taken.get(s, 0))
            yield self.cand(s, e, 0.9, 0.97, True, reason, decisive=True)
        for c in self._find(batch):
            taken[c.start] = max(c.end, taken.get(c.start, 0))
            yield c
        text = batch.text
        for s, e in batch.glued_tokens(12):
            m = _CARD_GLUED.match(text, s, e + 1)
            if m is None or m.end() != e:
                continue
            digits = digits_of(m.group())
            if luhn_ok(digits) and digits.count(digits[0]) < len(digits) and \
                    self.supported(batch, s, NEAR):
                yield self.cand(s, e, 0.2, 0.85, True, "luhn-glued-context")
        # a card's magnetic stripe, as terminals and gateways dump it: track 1 ("%B" + card +
        # "^NAME^YYMM...") and the EMV track-2 equivalent (card + "D" + YYMM..., tag 57), where a
        # letter glued to the digits is the format's own separator (track 2's "=" is read above)
        for s, e, digits, _ in batch.tokens_by(12, after=_TRACK_SEPARATORS):
            run = _DIGIT_RUN.search(text, s, e)  # the token's last digits ("57 13 4127...D")
            a = run.start() if run is not None else e
            if not 12 <= e - a <= 19 or taken.get(a, -1) >= e:
                continue
            if (text[e] == "^" and a > 0 and text[a - 1] == "B" or
                    text[e] == "D" and _EXPIRY.match(text, e + 1)) and \
                    luhn_ok(text[a:e]) and card_brand(text[a:e]) is not None:
                yield self.cand(a, e, 0.9, 0.99, True, "card-track")
        # EMV's tag 5A (the application's PAN) in a terminal's or a kernel's TLV dump: the tag,
        # its length in bytes (as loggers print it: not checked against the digits), the card's
        # digits (an odd count padded with 'F'), any length its issuer has
        for m in batch.scan(_EMV_PAN, lower=True, lead="5a"):
            s, e = m.span(2)
            digits = m.group(2)
            if luhn_ok(digits) and card_brand(digits) is not None:  # (over an "unusual" reading)
                taken[s] = e
                yield self.cand(s, e, 0.9, 0.99, True, "emv-pan")
        lower = batch.lower
        for m in batch.scan(_EMV_PAN_GLUED, lower=True, lead="5a0"):
            s = m.end()
            e = s + 2 * int(m.group(1), 16)
            digits = lower[s:e].rstrip("f")
            e = s + len(digits)
            if taken.get(s, -1) < e and digits.isdigit() and luhn_ok(digits) and card_brand(digits) is not None:
                taken[s] = e
                yield self.cand(s, e, 0.9, 0.99, True, "emv-pan")
        for m in self.exact_in_tokens(batch, _CARD_SLASHED, 13):
            s, e = m.start(), m.end()
            digits = m.group()
            if taken.get(s, -1) >= e or digits.count(digits[0]) == len(digits) or \
                    not luhn_ok(digits) or card_brand(digits) is None:
                continue
            if _SLASH_EXPIRY.match(text, e):
                yield self.cand(s, e, 0.9, 0.99, True, "card-slash-expiry")
            else:  # "/orders/4228689579127299/2": a card only with a word of cards
                yield self.cand(s, e, 0.3, 0.95, True, "card-unusual")
        for k in batch.scan(_GLUED_KEY, lower=True, lead=_GLUED_LEADS):
            m = _AFTER_GLUED_KEY.match(text, k.end())
            if m is None or taken.get(m.start(), -1) >= m.end():
                continue
            digits = digits_of(m.group())
            if luhn_ok(digits) and card_brand(digits) is not None and \
                    digits.count(digits[0]) < len(digits):
                taken[m.start()] = m.end()
                yield self.cand(m.start(), m.end(), 0.9, 0.99, True, "card-glued-key")
        # after a card's word, a card in groups of its writer's own ("my debit card number
        # 6595957 919371251", an OCR'd "4811 2352 0543 36 52", a call's transcript "visa 45
        # 1700 153 598 3 312"): its issuer and checksum decide
        for s, e in self.regrouped(batch, 13, 19, _branded, _NEVER_USUAL, CARD_NEAR, shortest=1):
            if taken.get(s, -1) < e:
                taken[s] = e
                yield self.cand(s, e, 0.3, 0.95, True, "card-regrouped")
        for m in self.exact_in_tokens(batch, _GROUPED, 20):
            if len(digits_of(m.group())) > 19:
                c = self._prefix(m)
                # (a shorter candidate at the same start does not stand for the card: "6011 1920
                # 3375 0000-0000" read as its first 12 digits, Luhn-valid by chance, after "card")
                if c is not None and taken.get(m.start(), -1) < c.end:
                    yield c

    def _prefix(self, m):
        """The card a grouped run starts with (``_card_prefix``) or ends with after a few digits
        (``_card_suffix``), or None. On the text as
        written, or a copy of it character for character (a normalised copy's offsets are not
        the text's)."""
        if not (isinstance(m, re.Match) or m.one_to_one()):
            return None
        cut = _card_prefix(m.group())
        if cut:
            return self.cand(m.start(), m.start() + cut, 0.9, 0.99, True, "card-then-digits")
        cut = _card_suffix(m.group())
        return self.cand(m.end() - cut, m.end(), 0.9, 0.99, True, "digits-then-card") if cut else None

    def _column(self, batch, m):
        """A card printed in its groups in a column of an aligned table, the columns apart by
        two blanks or more ("1949-07-13  4171 8048 2190 7417", a DataFrame's "0  2517 3911 4309
        6878"), which the normalised copy reads as one run with its neighbours: the column
        whose digits are a card by its issuer, its printed groups and its checksum; or None."""
        if isinstance(m, re.Match) or m.one_to_one():
            return None
        text = batch.text
        s, e = m.start(), m.end()
        if text.find("  ", s, e) < 0 and text.find("\t", s, e) < 0:
            return None
        # (the run read may end inside the card: "1949-07-13 4171 8048" of the copy; the
        # columns are read on to the run's end as written)
        n = min(len(text), e + 40)
        while e < n and (text[e].isdigit() or text[e] in " -" and e + 1 < n and text[e + 1].isdigit()):
            e += 1
        for p in _COLUMN.finditer(text, s, e):
            groups = _GROUP_SEP.split(p.group())
            digits = "".join(groups)
            sizes = tuple(map(len, groups))
            if 13 <= len(digits) <= 19 and digits.isdigit() and \
                    (p.start() == s or text[p.start() - 1] in " \t") and \
                    (p.end() == e or text[p.end()] in " \t") and \
                    (len(groups) == 1 or _PRINTED.match(str(sizes)) or sizes in _PRINTED_OTHER) and \
                    luhn_ok(digits) and card_brand(digits) is not None:
                return self.cand(p.start(), p.end(), 0.9, 0.99, True, card_brand(digits))
        return None

    def _find(self, batch):
        # (an ACH entry record's digits are its fields: "622" + a routing number + an account)
        records = {s - 3 for s, _, _, _ in nacha_fields(batch)}
        for m in self.exact_in_tokens(batch, _CARD, 12):
            if records and m.start() in records:
                continue
            value = m.group()
            digits = digits_of(value)
            if digits.count(digits[0]) == len(digits):
                continue  # one digit repeated ("0000 0000 0000 0000"): a placeholder
            # Separator groups should look like card printing (4-4-4-4, 4-6-5, ...), not a list.
            groups = _GROUP_SEP.split(value)
            # three groups of four and a last one of one or two digits ("4664 1378 5666 1": a
            # 13-digit Visa cut in fours): printed as no card is, a card only with a card's word
            # (four fours and more digits are a card and what follows it: ``_prefix``)
            short_tail = len(groups) == 4 and len(groups[-1]) < 3 and \
                all(len(g) == 4 for g in groups[:-1])
            # (four fours and a last group of one or two: how an 18- or 17-digit Maestro or
            # UnionPay card is printed, "5020 7116 7345 6638 72", ``_PRINTED``)
            luhn = luhn_ok(digits)
            if not luhn or len(groups) > 1 and not short_tail and (
                    len(groups) > 5 or len(groups[0]) != 4 or min(len(g) for g in groups) < 3) and \
                    not (len(groups) == 5 and _PRINTED.match(str(tuple(map(len, groups))))):
                # a printed card followed by more digits in the same run ("4111 1111 1111 1111
                # 123": its security code; ".00", "-999"): the card is the longest group-wise
                # prefix that is one by its issuer, length and checksum
                c = self._prefix(m) or self._column(batch, m)
                if c is not None:
                    yield c
                elif luhn and len(groups) <= 5 and min(len(g) for g in groups) >= 3 and \
                        not any(c in value for c in "./_") and not digits.startswith("00") and \
                        self.supported(batch, m.start(), NEAR) and \
                        not self._other_card(batch, m.start()):
                    # groups no card is printed in, right after a card's word ("cardNumber=600486
                    # 5800 1297 71112", a benefit card's 19 digits as its processor logs them):
                    # the word and the checksum (a weak prior, as for a number outside the table)
                    yield self.cand(m.start(), m.end(), 0.2, 0.85, True, "luhn-context-grouped")
                continue
            brand = card_brand(digits)
            if brand is None:
                c = self._prefix(m) or self._column(batch, m)
                if c is not None:  # a card and more digits that pass the checksum together
                    yield c
                    continue
                # the issuer table is evidence, not a gate: a Luhn-valid number whose prefix or
                # length is outside the table (a 15-digit JCB, a 12-digit Maestro, a new BIN
                # range) is a card after "card", "pan", ``card_number=``; never without them
                # (never one that starts with 00: no issuer's range does, where a zero-padded amount
                # or count does: "total credit 000881607139"; Faker's Maestro draws 0604...)
                if not digits.startswith("00") and self.supported(batch, m.start(), CARD_NEAR) and \
                        (not _TIME_SHAPED.fullmatch(digits) or self._labelled(batch, m.start())) and \
                        not _DEVICE_BEFORE.search(batch.lower, max(0, m.start() - 24), m.start()) and \
                        not self._other_card(batch, m.start()):
                    yield self.cand(m.start(), m.end(), 0.2, 0.85, True, "luhn-context")
                continue
            sizes = tuple(map(len, groups))
            if (len(groups) == 1 and len(digits) in _RARE_LENGTHS or short_tail or
                    len(groups) > 1 and not _PRINTED.match(str(sizes)) and sizes not in _PRINTED_OTHER) \
                    and not _CARD_AFTER.match(batch.text, m.end()):
                # a length few cards have, unseparated (13: Visa's long-retired one, a German
                # EAN-13 barcode "4024410409136" is one in ten; 17-19: the int64s of logs,
                # "cursorid":4316186727386760326), or groups no card is printed in (Envoy's
                # "5678 472619 7060 9726": bytes, duration, upstream time): a card only with
                # a word of cards (a weak prior; the charCNN needs one in the record too)
                yield self.cand(m.start(), m.end(), 0.3, 0.95, True, "card-unusual")
                continue
            yield self.cand(m.start(), m.end(), 0.9, 0.99, True, brand)


# a card that pays nothing by a network: a loyalty program's, a membership's, a gift card's, a
# library's (its number passes Luhn too, outside the issuer table: "{"member": {"cardNumber":
# "7802998301586228"}}"), named in the key's path or the words right before
_OTHER_CARD = re.compile(r"(?<![a-z])(?:loyalty|member(?:ship)?|rewards?|gift|club|library|fidelity|"
                         r"frequent|points|discount|insurance|health|transit|fuel|prepaid[ _-]?id)")


def _branded(digits: str) -> bool:
    return luhn_ok(digits) and card_brand(digits) is not None


def _NEVER_USUAL(groups: tuple[int, ...]) -> bool:
    return False  # (the usual shapes are read above: a token already taken is passed over)


def _card_suffix(value: str) -> int | None:
    """Length of a whole card that ends a run after a space and a few digits of something else
    ("#1 4599931327665019", "qty 2 4049825294081646"), the mirror of ``_card_prefix``'s first
    case: the last group, 13-19 digits, by its issuer and checksum alone; else None."""
    k = max(value.rfind(" "), -1)
    d = value[k + 1:]
    if k < 0 or not 13 <= len(d) <= 19 or not d.isdigit() or len(value) - len(d) > 8:
        return None
    return len(d) if luhn_ok(d) and card_brand(d) is not None else None


def _card_prefix(value: str) -> int | None:
    """Length of the longest prefix of a grouped number, ending at a group boundary, that is a
    card as printed (4-digit first group, groups of 3+, at most 5) and passes its issuer table
    and checksum; None when there is none. A few steps per value: the groups are split once."""
    groups = _GROUP_SEP.split(value)
    if len(groups) > 1 and 13 <= len(groups[0]) <= 19 and value[len(groups[0])] == " ":
        # a card written whole, then a space and a few digits of something else ("paid with
        # 4049825294081646 2 times", "1. 4049825294081646 2. 5297..."): the card is the first
        # group, by its issuer and checksum alone (a slash or a dash after it goes on a path or
        # an id: "/orders/4228689579127299/2", ``_CARD_SLASHED``)
        d = groups[0]
        return len(d) if luhn_ok(d) and card_brand(d) is not None else None
    if len(groups) < 4 or len(groups[0]) != 4:
        return None
    ends, n = [], -1
    for g in groups[:5]:
        if len(g) < 3:
            break
        n += len(g) + 1
        ends.append(n)  # (one separator character between groups)
    for k in range(min(len(ends), len(groups) - 1), 2, -1):
        d = "".join(groups[:k])
        if 13 <= len(d) <= 19 and luhn_ok(d) and card_brand(d) is not None:
            return ends[k - 1]
    return None
