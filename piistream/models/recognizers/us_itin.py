"""US Individual Taxpayer Identification Number: 9XX-[50-65|70-88|90-92|94-99]-XXXX."""
import re

from ..entities import US_ITIN
from ..validators import itin_ok
from . import register
from .base import NUMERIC_NEGATIVE, Recognizer, blank_run

# the SSN's shape and separators (see us_ssn.py)
_ITIN = re.compile(r"(?<![\w\-.])(?<!\d/)(9\d{2})([\- ./_]?)(\d{2})\2(\d{4})(?![\w\-]|[./]\d)")


@register
class UsItinRecognizer(Recognizer):
    entity = US_ITIN
    context = (r"itin", r"taxpayer", r"tax[ _-]?id", r"tin(?![a-z])", r"individual taxpayer",
               r"ssn", r"social")
    negative = NUMERIC_NEGATIVE + (r"phone", r"tel(?![a-z])", r"routing", r"aba(?![a-z])")

    def find(self, batch):
        for m in self.exact_in_tokens(batch, _ITIN, 9):
            digits = m.group(1) + m.group(3) + m.group(4)
            if not itin_ok(digits):
                continue
            if m.group(2) and blank_run(batch.text, m.start(), m.end()):
                # a run of blanks or a tab between the groups: in context only (see us_ssn.py)
                if self.supported(batch, m.start()):
                    yield self.cand(m.start(), m.end(), 0.2, 0.9, True, "itin-blank-run")
            elif m.group(2):
                yield self.cand(m.start(), m.end(), 0.7, 0.97, True, "itin-formatted")
            else:
                yield self.cand(m.start(), m.end(), 0.2, 0.9, True, "itin-bare")
