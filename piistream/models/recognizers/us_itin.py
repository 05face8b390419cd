"""US Individual Taxpayer Identification Number: 9XX-[50-65|70-88|90-92|94-99]-XXXX."""
import re

from ..entities import US_ITIN
from ..validators import aba_ok, itin_ok
from . import interchange, register
from .base import NUMERIC_NEGATIVE, PERSON_BIRTH, TAX_FORMS, Recognizer, blank_run, nine_digit_chains, person_row
from .us_ssn import GLUED_NEAR, MIXED_JOINT, comb_numbers, relation_labelled

# the SSN's shape and separators, mixed or one joint glued in context (see us_ssn.py)
_ITIN = re.compile(r"(?<![\w\-.])(?<!\d/)(9\d{2})([\- ./_]?)(\d{2})" + MIXED_JOINT +
                   r"(\d{4})(?![\w\-]|[./]\d)")


@register
class UsItinRecognizer(Recognizer):
    entity = US_ITIN
    context = (r"itin", r"taxpayer", r"tax[ _-]?id", r"tin(?![a-z])", r"individual taxpayer",
               r"ssn", r"social", r"soc\.?[ _-]?sec", *TAX_FORMS,
               # a US record's national identifier, as for an SSN (us_ssn.py)
               r"national[ _-]?id", r"gov(?:ernment)?[ _-]?id",
               r"identifying[ _-]?num(?:ber)?s?(?:\(s\))?(?![a-z])",
               # SAP's tax numbers of a business partner (a US person's SSN or ITIN, STCD1)
               r"stcd[12](?![a-z0-9])")
    negative = NUMERIC_NEGATIVE + (r"phone", r"tel(?![a-z])", r"routing", r"aba(?![a-z])")

    def find(self, batch):
        for s, e, reason in interchange.of_type(batch, US_ITIN):
            yield self.cand(s, e, 0.9, 0.97, True, reason, decisive=True)
        for s, e, digits in comb_numbers(batch):
            if itin_ok(digits):
                yield self.cand(s, e, 0.75, 0.97, True, "itin-comb")
        for m in self.exact_in_tokens(batch, _ITIN, 9, shape=nine_digit_chains):
            digits = m.group(1) + m.group(3) + m.group(5)
            if not itin_ok(digits):
                continue
            if m.start() > 0 and batch.text[m.start() - 1] == "+" and not self.supported(batch, m.start()):
                continue  # "+912345678": an international number (us_ssn.py)
            if m.group(2) != m.group(4):
                # two different separators ("My ITIN is 917-94 9106"), one joint glued ("ITIN:
                # 91794-9106"): in context only, as for an SSN (us_ssn.py)
                # (the first joint glued, "62704-1234", is a ZIP+4's shape too: the type's
                # word must be near, as in "ITIN: 91794-9106", not a sentence back)
                zip_shaped = not m.group(2)
                if self.supported(batch, m.start(), GLUED_NEAR if zip_shaped else 40):
                    yield self.cand(m.start(), m.end(), 0.2, 0.9, True, "itin-mixed")
            elif m.group(2) and blank_run(batch.text, m.start(), m.end()):
                # a run of blanks or a tab between the groups: in context only (see us_ssn.py)
                if self.supported(batch, m.start()):
                    yield self.cand(m.start(), m.end(), 0.2, 0.9, True, "itin-blank-run")
            elif m.group(2):
                yield self.cand(m.start(), m.end(), 0.7, 0.97, True, "itin-formatted")
            elif person_row(batch, m.start(), m.end()) & PERSON_BIRTH and not aba_ok(digits):
                # the one bare 9-digit field of a person's row, as for an SSN (us_ssn.py)
                yield self.cand(m.start(), m.end(), 0.6, 0.9, True, "itin-row")
            elif relation_labelled(self, batch, m.start()):
                # another member's number after the type's word (us_ssn.py)
                yield self.cand(m.start(), m.end(), 0.7, 0.97, True, "itin-relation")
            else:
                yield self.cand(m.start(), m.end(), 0.2, 0.9, True, "itin-bare")
