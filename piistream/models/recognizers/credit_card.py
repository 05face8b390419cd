"""Payment card numbers: 12-19 digits, issuer prefix + length, Luhn check."""
import re

from ..entities import CREDIT_CARD
from ..validators import card_brand, digits_of, luhn_ok
from . import register
from .base import NEAR, NUMERIC_NEGATIVE, Recognizer

# Groups separated by a single space, dash, dot, slash or underscore (consistent or not; on the
# normalised token, see base.py), or no separator at all.
_CARD = re.compile(r"(?<![\w\-.])(?<!\d/)\d(?:[\- ./_]?\d){11,18}(?![\w\-]|[./]\d)")
_GROUP_SEP = re.compile(r"[\- ./_]")


@register
class CreditCardRecognizer(Recognizer):
    entity = CREDIT_CARD
    context = (r"card", r"cc(?![a-z])", r"ccn", r"pan(?![a-z])", r"visa", r"master ?card",
               r"amex", r"american express", r"discover", r"jcb", r"diners", r"payment",
               r"credit", r"debit", r"cardholder", r"cc_?num")
    negative = NUMERIC_NEGATIVE + (r"phone", r"tel(?![a-z])", r"account", r"acct", r"iban")

    def find(self, batch):
        for m in self.exact_in_tokens(batch, _CARD, 12):
            value = m.group()
            digits = digits_of(value)
            if not luhn_ok(digits):
                continue
            # Separator groups should look like card printing (4-4-4-4, 4-6-5, ...), not a list.
            groups = _GROUP_SEP.split(value)
            if len(groups) > 1 and (len(groups) > 5 or len(groups[0]) != 4 or min(len(g) for g in groups) < 3):
                continue
            brand = card_brand(digits)
            if brand is None:
                # the issuer table is evidence, not a gate: a Luhn-valid number whose prefix or
                # length is outside the table (a 15-digit JCB, a 12-digit Maestro, a new BIN
                # range) is a card after "card", "pan", ``card_number=``; never without them
                if self.supported(batch, m.start(), NEAR):
                    yield self.cand(m.start(), m.end(), 0.2, 0.85, True, "luhn-context")
                continue
            yield self.cand(m.start(), m.end(), 0.9, 0.99, True, brand)
