"""US Social Security Number: 3-2-4 digits, SSA area/group/serial rules."""
import re

from ..entities import US_SSN
from ..validators import ssn_ok
from . import interchange, register
from .base import (NUMERIC_NEGATIVE, PERSON_BIRTH, TAX_FORMS, Recognizer, blank_run, named_last, nine_digit_chains,
                   person_row)

# Same separator (or none) between the groups: a space, dash, dot, slash or underscore (on the
# normalised token: NBSP, en/em dashes, fullwidth forms are these; zero-width characters are
# gone); not part of a longer number, word, dotted/dashed run or path of numbers.
# Two different separators ("536-90.4399", "536 90-4399": a typo, or a value spliced to evade a
# scanner), or one of the two joints glued ("SSN: 536-904399", "ITIN: 91794-9106", by a dash or
# a space) make a weak candidate: context decides, as for a bare 9-digit number.
GLUED_NEAR = 28  # characters before a ZIP+4-shaped value (5-4) where the type's word may be
MIXED_JOINT = r"(\2|(?<=[\- ./_]\d\d)[\- ./_]|(?<=[\- ]\d\d)|(?<=\d{5})[\- ])"
_SSN = re.compile(r"(?<![\w\-.])(?<!\d/)(\d{3})([\- ./_]?)(\d{2})" + MIXED_JOINT + r"(\d{4})"
                  r"(?![\w\-]|[./]\d)")

# the keyword glued to the number, or joined by a dash ("SSN-341-09-7714", "ssn#536904399",
# "SSN536-90-4399"): the value after it, whatever glues it (on the lower-cased text)
_GLUED_KEY = re.compile(r"(?<![a-z])ssn[\-_#]{0,2}(?=\d)")
# (an underscore may go on after it, as one glued it before: "user_ssn_011-83-4356_v2")
_AFTER_KEY = re.compile(r"(\d{3})([\- ./_]?)(\d{2})\2(\d{4})(?![A-Za-z0-9\-]|[./]\d)")
# a formatted SSN between the spaced dashes of a list (``UsSsnRecognizer.find``)
_SSN_IN_LIST = re.compile(r"(?:(?<=\d - )|(?<![\w\-.]))(\d{3})-(\d{2})-(\d{4})(?= - |(?![\w\-]|[./]\d))")
# an SSN with letters glued after it ("536-90-4399x", "536904399USER"): one only where the words
# before it speak of an SSN (``supported``)
_SSN_GLUED = re.compile(r"(?<![\w\-.])(?<!\d/)(\d{3})([\- ./_]?)(\d{2})\2(\d{4})(?=[A-Za-z])")
# a formatted SSN glued to an identifier by its underscore (a cache key that embeds it,
# "u_social_security_number_513-83-6272"): one only where the words before it speak of an SSN
_SSN_KEYED = re.compile(r"(?<=[A-Za-z0-9])_(\d{3})-(\d{2})-(\d{4})(?![\w\-]|[./]\d)")


# a form's number read by OCR off its comb of boxes, one digit or group per box, right after the
# number's printed label ("Social security number 8 6 9 - 5 2 - 2 2 2 6", "Your social security
# number 173 | 24 | 2472", "ITIN 9 4 4 9 0 1 3 4 5"): the label, then 9 digits apart by blanks,
# dashes or the boxes' bars (on the lower-cased text; ``comb_numbers``)
_COMB = re.compile(r"(?:social security(?: number| no\.?| #)?|ssn|itin|taxpayer identification number)"
                   r"[ \t]*[:#]?[ \t]*(\d{1,4}(?:(?:[ ]{1,2}[\-|]?[ ]{0,2}|[\-|])\d{1,4}){2,8})(?![\w\-]|[ ]\d)")
_COMB_LEADS = ("social security", "ssn", "itin", "taxpayer identification")


def comb_numbers(batch) -> list[tuple[int, int, str]]:
    """(start, end, digits) of each 9-digit number written in boxes after its label (``_COMB``)
    whose separators are no SSN's usual ones (those the shapes above read), cached."""
    got = batch._cache.get("ssn-comb")
    if got is None:
        got = []
        for m in batch.scan(_COMB, lower=True, lead=_COMB_LEADS):
            if m.start() > 0 and batch.lower[m.start() - 1].isalpha():
                continue
            run = m.group(1)
            digits = "".join(c for c in run if c.isdigit())
            if len(digits) == 9 and ("|" in run or run.count(" ") > 2):
                got.append((m.start(1), m.end(1), digits))
        batch._cache["ssn-comb"] = got
    return got


# The label of another member of a household or of an application right before a bare number
# ("Taxpayer SSN 536904399, spouse 412345671", "ssn=536904399 spouse=412345671", "dependents
# 412345672, 412345673", "co-applicant: ..."): the label says whose number it is, not what it is;
# the type's word earlier in the record says that (``relation_labelled``). Not "child" nor
# "parent": a process's or a span's in logs. (The values of a list after the label too.)
_RELATION = re.compile(r"(?<![a-z])(?:spouse|wife|husband|dependents?|co[ _-]?(?:applicant|borrower|signer|filer)|"
                       r"joint[ _-]?(?:filer|applicant))(?:'s)?[ \t]*[:=#\-]?[ \t]*[\"']?"
                       r"(?:\d{3}[\- ]?\d{2}[\- ]?\d{4}[\"']?[ \t]*(?:,|and|&|/)[ \t]*[\"']?)*\Z")
_RELATION_WORD = re.compile(r"spouse|wife|husband|dependent|co[ _-]?(?:app|bor|sig|fil)|joint[ _-]?[fa]")
RELATION_REACH = 160  # characters before the label where the type's word may stand


def relation_labelled(r: Recognizer, batch, pos: int) -> bool:
    """Whether a relation's label (``_RELATION``) stands right before the value at ``pos`` and
    one of ``r``'s words before the label, within ``RELATION_REACH`` characters of its record,
    with no contrary word after it."""
    seg_start = batch.starts[batch.segment_of(pos)]
    lower = batch.lower
    lo = max(seg_start, pos - 96)
    if _RELATION_WORD.search(lower, lo, pos) is None:  # (one literal search first: most have none)
        return False
    m = _RELATION.search(lower, lo, pos)
    if m is None:
        return False
    return named_last(r, lower[max(seg_start, m.start() - RELATION_REACH):m.start()])


@register
class UsSsnRecognizer(Recognizer):
    entity = US_SSN
    context = (r"ssn", r"s\.s\.n", r"ss#", r"ss ?no",
               # "SS" right before the number's nine digits ("packet for Dmitri Adams (SS 560181115)")
               r"ss(?=[ \t]+\Z)", r"ss[ _-]?(?:num|number|nbr)(?![a-z])", r"social[ _-]?sec", r"social$",
               # (abbreviated as on forms: "Soc. Sec. # 306683020", "soc sec no")
               r"soc\.?[ _-]?sec", r"soc\.?[ _-]?sec(?:\.|urity)?[ _-]?(?:no|num(?:ber)?|nbr|#)(?![a-z])",
               # a key's words: "socialNum", "subject_social_number" (Equifax's)
               r"social[ _-]?(?:num(?:ber)?|no|nbr)(?![a-z])",
               # "her social is ...", "social # ...", "Her social: 383-13 3707": the noun left out,
               # the verb or sign that names it
               r"social(?=[ \t]*(?:#|:|no(?![a-z])|num(?:ber)?(?![a-z])|is |was |=))",
               # at a sentence's end: "818513836 - my social.", "Agent: What is your social?
               # Customer: ..."
               r"social(?=[.!?)]|$)",
               # "my social, it's 092-19-0494", "her social - here it is"
               r"social(?=[ \t]*[,\-\u2013\u2014:][ \t]*(?:it'?s|it is|that'?s|here)(?![a-z]))",
               # right before the number ("I already sent my social 893454379 twice")
               r"social(?=[ \t]+\Z)",
               r"ssa(?![a-z])", r"taxpayer", r"tax[ _-]?id", r"tin(?![a-z])",
               # the IRS's name for it on a levy or a notice ("Identifying Number(s): 407172770")
               r"identifying[ _-]?num(?:ber)?s?(?:\(s\))?(?![a-z])",
               # SAP's tax numbers of a vendor or a business partner: a US person's SSN in
               # STCD1 ("E1LFA1M ... STCD1=847552720", its IDoc and its tables' field)
               r"stcd[12](?![a-z0-9])",
               # the national identifier of a US record ("nationalId", "gov_id", "government id")
               r"national[ _-]?id", r"gov(?:ernment)?[ _-]?id",
               # X12's reference qualifier for an SSN ("REF*SY*591-46-0530~")
               r"ref\*sy\*",
               # the number's name on American forms in Spanish, French and German ("Número de
               # Seguro Social", "numéro de sécurité sociale (US)", "Sozialversicherungsnummer")
               # Stripe Connect's full SSN of a person: individual[id_number], the
               # representative's, an owner's (its ssn_last_4 is the last four only)
               *(w + r"\]?[\[._]id_?number" for w in ("individual", "representative", "person", "owner",
                                                       "director", "executive")),
               r"seguro social", r"s\xe9curit\xe9 sociale", r"securite sociale",
               r"sozialversicherungs?(?:nummer|nr)",
               # US Customs' importer number of a person: the importer of record's (or the
               # ultimate consignee's) SSN; a company's is its EIN with a two-digit suffix, eleven
               # digits ("IOR=796694763", "Importer No. 437505538", "Ultimate Consignee No. ...")
               r"ior(?=[ \t]*(?:#|no\.?|num(?:ber)?|[:=])|[\"']?[ \t]*[:=#]|\Z)",
               r"importer(?:[ _-]?of[ _-]?record)?[ _-]?(?:no\.?|num(?:ber)?|nbr|#)(?![a-z])",
               r"consignee[ _-]?(?:no\.?|num(?:ber)?|nbr|#)(?![a-z])", *TAX_FORMS)
    negative = NUMERIC_NEGATIVE + (r"phone", r"tel(?![a-z])", r"fax", r"routing", r"aba(?![a-z])",
                                   # a county's parcel number, written ddd-dd-dddd in places
                                   # ("APN 774-80-8504", "parcel": ...)
                                   r"apn(?![a-z])", r"parcel",
                                   # an employer's identification number, nine digits too
                                   # ("employerEin": "477805457" next to the person's "ssn")
                                   # (as a key: a W-2's labels, "Employer identification
                                   # number (EIN)", stand beside its employee's SSN)
                                   r"employer[ _-]?ein(?![a-z])", r"fein(?![a-z])",
                                   r"ein(?=[\"'\]]?[ \t]*[:=#])")

    def find(self, batch):
        text = batch.text
        for s, e, reason in interchange.of_type(batch, US_SSN):
            yield self.cand(s, e, 0.9, 0.97, True, reason, decisive=True)
        from .us_bank_number import nacha_fields  # (here: importing it first would register the
        # bank recognizer before this one, and the recognizers' order is their candidates')
        for rs, _, as_, _ in nacha_fields(batch):
            # a NACHA entry's individual identification number (15 characters after the
            # amount): benefit, payroll and child-support payments put the payee's SSN there
            if as_ >= 0:
                i = rs - 3 + 39
                field = text[i:i + 15]
                # (not an employee number padded with zeros, as payroll files write them:
                # "003704802")
                if len(field) == 15 and field[:9].isdigit() and field[9:] == "      " and \
                        not field.startswith("00") and ssn_ok(field[:9]):
                    yield self.cand(i, i + 9, 0.85, 0.95, True, "nacha-individual-id")
        for m in self.exact_in_tokens(batch, _SSN, 9, shape=nine_digit_chains):
            digits = m.group(1) + m.group(3) + m.group(5)
            if not ssn_ok(digits):
                continue
            if m.start() > 0 and text[m.start() - 1] == "+" and not self.supported(batch, m.start()):
                continue  # "+468139099": an international number written without separators
            sep = m.group(2)
            if sep and blank_run(text, m.start(), m.end()):
                # a run of blanks or a tab between the groups ("SSN 536  90  4399", "S.S.N. 495
                # 06<TAB>9392"): the shape of a table's columns too ("  123  45  6789"): the
                # context decides, as for two different separators
                if self.supported(batch, m.start()):
                    yield self.cand(m.start(), m.end(), 0.2, 0.9, True, "ssn-blank-run")
            elif sep != m.group(4):
                # two different separators, or one joint glued by a dash or a space: a candidate
                # only where the context supports an SSN ("ssn 536-90.4399", "SSN: 536-904399");
                # one group glued after a dot ("203.842973", a kernel timestamp) is no SSN's shape
                # (the first joint glued, "62704-1234", is a ZIP+4's shape too: the type's
                # word must be near, as in "ITIN: 91794-9106", not a sentence back)
                zip_shaped = not m.group(2)
                if self.supported(batch, m.start(), GLUED_NEAR if zip_shaped else 40):
                    yield self.cand(m.start(), m.end(), 0.2, 0.9, True, "ssn-mixed")
            elif sep:        # formatted 3-2-4: the shape itself is strong evidence
                if sep == "/" and m.start() > 1 and text[m.start() - 1] == "/" and text[m.start() - 2].isalnum():
                    continue  # "Faktura FV/123/11/2026": a path of slashes that goes on before it
                yield self.cand(m.start(), m.end(), 0.75, 0.97, True, "ssn-formatted")
            elif person_row(batch, m.start(), m.end()) & PERSON_BIRTH:
                # a whole field of a person's row with a birth date ("APP-2024-45415,ROBERT,SATO,
                # 2001-07-07,029265178,..."): uncertain, redacted unless a verifier clears it
                # (a routing number's checksum too: ``person_row`` weighs it)
                yield self.cand(m.start(), m.end(), 0.6, 0.9, True, "ssn-row")
            elif relation_labelled(self, batch, m.start()):
                # another member's number after the type's word ("SSN 536904399, spouse 412345671")
                yield self.cand(m.start(), m.end(), 0.75, 0.97, True, "ssn-relation")
            else:            # a bare 9-digit number needs context
                yield self.cand(m.start(), m.end(), 0.2, 0.9, True, "ssn-bare")
        for s, e, _, _ in batch.tokens(13):
            # a formatted SSN in a list whose items a spaced dash parts ("Emp# 2331 - 249-61-9262 -
            # Roe"): one token for the reader of numbers, which joins groups spaced for legibility
            # ("DE89 - 3704"); each item is read alone
            if text.find(" - ", s, e) >= 0:
                for m in _SSN_IN_LIST.finditer(text, s, e):
                    if ssn_ok(m.group(1) + m.group(2) + m.group(3)):
                        yield self.cand(m.start(), m.end(), 0.75, 0.97, True, "ssn-formatted")
        for s, e in batch.glued_tokens(9):
            m = _SSN_GLUED.match(text, s, e + 1)
            if m is not None and m.end() == e and ssn_ok(m.group(1) + m.group(3) + m.group(4)) and \
                    self.supported(batch, s):
                yield self.cand(s, e, 0.2, 0.9, True, "ssn-glued-context")
        for m in batch.scan(_SSN_KEYED, lead=r"_[0-9]"):
            if ssn_ok(m.group(1) + m.group(2) + m.group(3)) and self.supported(batch, m.start(1)):
                yield self.cand(m.start(1), m.end(), 0.75, 0.97, True, "ssn-formatted")
        for k in batch.scan(_GLUED_KEY, lower=True, lead=r"ssn[\-_#0-9]"):
            m = _AFTER_KEY.match(batch.text, k.end())
            if m is not None and ssn_ok(m.group(1) + m.group(3) + m.group(4)):
                yield self.cand(m.start(), m.end(), 0.75, 0.97, True, "ssn-glued-key")
        for s, e, digits in comb_numbers(batch):
            if ssn_ok(digits):
                yield self.cand(s, e, 0.75, 0.97, True, "ssn-comb")
        # areas 001-099: a number that lost its leading zeros has 7 or 8 digits
        yield from self.zero_stripped(batch, 9, 7, ssn_ok)
