"""Phone numbers: NANP and international formats, validated with ``phonenumbers``."""
import re

import phonenumbers

from ..entities import PHONE_NUMBER
from . import register
from .base import NEAR, NUMERIC_NEGATIVE, Recognizer

# Matched on the normalised token (base.py: NBSP, en dashes, fullwidth forms and digits of other
# scripts are ASCII there, invisible characters gone). Groups are separated by a space, dot,
# dash, slash or underscore.
_S = r"[ .\-/_]"
_PHONE = re.compile(
    r"(?<![\w\-.+(])(?<!\d/)(?:"
    r"(?P<intl>\+\d{1,3}(?:" + _S + r"?\(?\d{1,5}\)?){1,6})"
    r"|(?P<nanp>(?:\+?1" + _S + r"?)?(?:\([2-9]\d{2}\)" + _S + r"?|[2-9]\d{2}(?P<s1>" + _S + r"))[2-9]\d{2}"
    + _S + r"\d{4})"
    r"|(?P<bare>1?\d{10})"
    r"|(?P<national>\(?0\d{1,4}\)?" + _S + r"\d{2,4}" + _S + r"\d{3,4})"
    r"|(?P<national2>\(?0\d{1,4}\)?" + _S + r"\d{5,8})"
    r")(?!(?!x\d)[\w\-]|[./]\d)")  # a glued extension ("415-555-2671x123") may follow
_AS_DASH = str.maketrans("/_", "--")  # phonenumbers reads neither as punctuation
# "06/11/2025", "06.11.2025": a date has the trunk-prefix national shape, and is no phone number
_DATE = re.compile(r"0[1-9]([ .\-/_])(?:0[1-9]|[12]\d|3[01])\1(?:19|20)\d\d\Z")


def _in_number_run(text: str, start: int, end: int) -> bool:
    """A space-separated number glued by single spaces to more numbers on either side."""
    return (start >= 2 and text[start - 1] == " " and text[start - 2].isdigit()) or \
        (end + 1 < len(text) and text[end] == " " and text[end + 1].isdigit())


def _check(value: str, region: str | None) -> tuple[bool, bool]:
    """(possible, valid) for ``value`` parsed in ``region``."""
    try:
        num = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return False, False
    return phonenumbers.is_possible_number(num), phonenumbers.is_valid_number(num)


# "my number is", "her Israeli number:": a person's number is a phone number, unless a word
# before "number" names another kind (account, card, order, ticket...)
_OTHER_NUMBERS = ("account", "acct", "card", "routing", "social", "security", "ssn", "tax", "id",
                  "order", "tracking", "invoice", "case", "ticket", "reference", "ref",
                  "confirmation", "policy", "member", "customer", "employee", "serial", "model",
                  "part", "version", "build", "license", "passport", "registration", "lucky",
                  "favorite", "favourite", "room", "table", "seat", "flight", "badge", "pin")
_POSSESSIVE_NUMBER = (r"(?:my|your|our|his|her|their)(?: (?!(?:" + "|".join(_OTHER_NUMBERS)
                      + r")(?![a-z]))[a-z]{2,15}){0,2} number(?![a-z])")


@register
class PhoneRecognizer(Recognizer):
    entity = PHONE_NUMBER
    context = (r"phone", r"tel(?![a-z])", r"telephone", r"mobile", r"cell", r"fax", r"call",
               r"contact", r"sms", r"whatsapp", r"msisdn", r"dial", r"reach", r"text (?:me|us)",
               _POSSESSIVE_NUMBER)
    negative = NUMERIC_NEGATIVE + (r"ssn", r"social", r"account", r"acct", r"routing", r"card")

    def find(self, batch):
        for m in self.exact_in_tokens(batch, _PHONE, 7, back=4):
            value = m.group().translate(_AS_DASH)
            if m.group("intl"):
                possible, valid = _check(value, None)
                if valid:
                    yield self.cand(m.start(), m.end(), 0.85, 0.97, True, "phone-intl-valid")
                elif possible:
                    yield self.cand(m.start(), m.end(), 0.45, 0.85, False, "phone-intl-possible")
            elif m.group("nanp"):
                possible, valid = _check(value, "US")
                spaced = m.group("s1") == " " or ("(" not in value and "-" not in value and "." not in value)
                if valid and m.group("s1") == " " and _in_number_run(batch.text, m.start(), m.end()):
                    # "0 768 772 780 8192 776": three groups of a run of space-separated
                    # numbers read as a phone; context decides
                    yield self.cand(m.start(), m.end(), 0.15, 0.85, True, "phone-nanp-in-run")
                elif valid:
                    yield self.cand(m.start(), m.end(), 0.8, 0.97, True, "phone-nanp-valid")
                elif possible and not spaced:
                    # fictional ranges (555, unassigned area codes) are still shaped like phones
                    yield self.cand(m.start(), m.end(), 0.6, 0.9, False, "phone-nanp-shape")
                elif self.supported(batch, m.start(), NEAR):
                    # the validator is evidence, not a gate: a NANP-shaped number after "call
                    # me at", ``phone=`` is a phone whatever its area code or spacing
                    yield self.cand(m.start(), m.end(), 0.2, 0.85, False, "phone-nanp-context")
            elif m.group("bare"):
                if value[-10] == "1":
                    # the national number starts with 1: no NANP number does (area codes are
                    # [2-9]XX), so phonenumbers would say invalid; 10-digit epoch seconds
                    # (17xxxxxxxx), common in logs, skip the costly parse (pinned by a test)
                    continue
                possible, valid = _check(value, "US")
                if valid:
                    yield self.cand(m.start(), m.end(), 0.15, 0.85, True, "phone-bare")
                elif self.supported(batch, m.start(), NEAR):
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
