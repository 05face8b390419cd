"""International Bank Account Numbers: country code, check digits, country length, mod-97."""
import re

from ..entities import IBAN_CODE
from ..validators import IBAN_LENGTHS, iban_ok
from . import register
from .base import Recognizer

# upper or lower case ("nl91abna0417164300" typed into a form); one case per value, checked below
_IBAN = re.compile(r"[A-Za-z]{2}\d\d(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,3})?")


@register
class IbanRecognizer(Recognizer):
    entity = IBAN_CODE
    context = (r"iban", r"bank", r"account", r"acct", r"swift", r"bic(?![a-z])", r"sepa", r"wire")
    negative = (r"order", r"tracking", r"invoice", r"sku", r"serial", r"license")

    def find(self, batch):
        for m in batch.scan(_IBAN):
            if m.start() > 0 and batch.text[m.start() - 1].isalnum():
                continue
            value = m.group()
            length = IBAN_LENGTHS.get(value[:2].upper())
            if length is None:
                continue
            lower = value[0].islower()
            # The pattern is greedy: cut to the country's length, counting only alphanumerics.
            end = m.start()
            count = 0
            for i, ch in enumerate(value):
                if ch != " ":
                    count += 1
                if count == length:
                    end = m.start() + i + 1
                    break
            else:
                continue
            compact = batch.text[m.start():end].replace(" ", "")
            if end < len(batch.text) and batch.text[end].isalnum():
                continue  # the country's length ends inside a word
            if (compact.islower() if lower else not any(ch.islower() for ch in compact)) and \
                    iban_ok(compact.upper()):
                yield self.cand(m.start(), end, 0.9 if lower else 0.97, 0.99, True, "iban-mod97")
