"""Phone numbers: NANP and international formats, validated with ``phonenumbers``."""
import re

import phonenumbers

from ..entities import PHONE_NUMBER
from . import register
from .base import NUMERIC_NEGATIVE, Recognizer

_PHONE = re.compile(
    r"(?<![\w\-.+(])(?:"
    r"(?P<intl>\+\d{1,3}(?:[ .\-]?\(?\d{1,5}\)?){1,6})"
    r"|(?P<nanp>(?:\+?1[ .\-]?)?(?:\([2-9]\d{2}\)[ .\-]?|[2-9]\d{2}(?P<s1>[ .\-]))[2-9]\d{2}[ .\-]\d{4})"
    r"|(?P<bare>1?\d{10})"
    r"|(?P<national>\(?0\d{1,4}\)?[ .\-]\d{2,4}[ .\-]\d{3,4})"
    r")(?!(?!x\d)[\w\-]|\.\d)")  # a glued extension ("415-555-2671x123") may follow


def _check(value: str, region: str | None) -> tuple[bool, bool]:
    """(possible, valid) for ``value`` parsed in ``region``."""
    try:
        num = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return False, False
    return phonenumbers.is_possible_number(num), phonenumbers.is_valid_number(num)


@register
class PhoneRecognizer(Recognizer):
    entity = PHONE_NUMBER
    context = (r"phone", r"tel(?![a-z])", r"telephone", r"mobile", r"cell", r"fax", r"call",
               r"contact", r"sms", r"whatsapp", r"msisdn", r"dial", r"reach", r"text (?:me|us)")
    negative = NUMERIC_NEGATIVE + (r"ssn", r"social", r"account", r"acct", r"routing", r"card")

    def find(self, batch):
        for m in self.exact_in_tokens(batch, _PHONE, 7, back=4):
            value = m.group()
            if m.group("intl"):
                possible, valid = _check(value, None)
                if valid:
                    yield self.cand(m.start(), m.end(), 0.85, 0.97, True, "phone-intl-valid")
                elif possible:
                    yield self.cand(m.start(), m.end(), 0.45, 0.85, False, "phone-intl-possible")
            elif m.group("nanp"):
                possible, valid = _check(value, "US")
                spaced = m.group("s1") == " " or ("(" not in value and "-" not in value and "." not in value)
                if valid:
                    yield self.cand(m.start(), m.end(), 0.8, 0.97, True, "phone-nanp-valid")
                elif possible and not spaced:
                    # fictional ranges (555, unassigned area codes) are still shaped like phones
                    yield self.cand(m.start(), m.end(), 0.6, 0.9, False, "phone-nanp-shape")
            elif m.group("bare"):
                if value[-10] == "1":
                    # the national number starts with 1: no NANP number does (area codes are
                    # [2-9]XX), so phonenumbers would say invalid; 10-digit epoch seconds
                    # (17xxxxxxxx), common in logs, skip the costly parse (pinned by a test)
                    continue
                possible, valid = _check(value, "US")
                if valid:
                    yield self.cand(m.start(), m.end(), 0.15, 0.85, True, "phone-bare")
            else:  # trunk-prefix national format: region unknown, context decides
                yield self.cand(m.start(), m.end(), 0.15, 0.8, False, "phone-national")
