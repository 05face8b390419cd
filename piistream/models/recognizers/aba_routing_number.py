"""ABA routing transit numbers: 9 digits, Federal Reserve prefix, 3-7-1 checksum."""
import re

from ..entities import ABA_ROUTING_NUMBER
from ..validators import aba_ok
from . import interchange, register
from .base import NEAR, NUMERIC_NEGATIVE, Recognizer, in_number_run, nine_digit_chains
from .us_bank_number import micr_fields, nacha_fields, paired, row_pairs, slash_pairs

# 9 digits, or 4-4-1 or 3-3-3 with one separator (on the normalised token, see base.py)
_ABA = re.compile(r"(?<![\w\-.])(?<!\d/)(?:(\d{4})([\- ./_]?)(\d{4})\2(\d)"
                  r"|(\d{3})([\- ./_])(\d{3})\6(\d{3}))(?![\w\-]|[./]\d)")


_USUAL_GROUPS = frozenset(((9,), (4, 4, 1), (3, 3, 3)))  # (read by ``_ABA``)


@register
class AbaRoutingRecognizer(Recognizer):
    entity = ABA_ROUTING_NUMBER
    context = (r"routing", r"aba(?![a-z])", r"rtn(?![a-z])", r"rtg(?![a-z])", r"r/t(?![a-z])", r"transit",
               # SAP's bank key, an American bank's routing number (LFBK-BANKL, REGUH-ZBNKL, UBNKL)
               r"bankl(?![a-z0-9])", r"zbnkl(?![a-z0-9])", r"ubnkl(?![a-z0-9])", r"bank[ _-]?code",
               r"ach(?![a-z])", r"wire", r"rt[ _-]?(?:no|num|nbr|id(?![a-z])|#)", r"inst[ _-]?rt[ _-]?id", r"bank",
               # NACHA: the originating / receiving depository financial institution's number
               r"dfi(?![a-z])", r"odfi(?![a-z])", r"rdfi(?![a-z])",
               # a check's routing number as a teller's or a capture system's log abbreviates it,
               # right before the number ("on-us item RT 011000138 acct 81302724")
               r"rt(?=[ \t]*[:#]?[ \t]*(?:\d{9}(?![\d\-.])|\Z))",
               # payroll's word for an ACH credit ("direct deposit C via 011363749 account ...")
               r"direct[ _-]?deposit",
               # an electronic funds transfer, as a payment's method ("|EFT|649188833|5979992727|")
               r"eft(?![a-z])",
               # the words of American banks' Spanish forms: "número de ruta (bancaria)",
               # "número de tránsito"
               r"n\xfamero de ruta", r"numero de ruta", r"ruta bancaria", r"tr\xe1nsito",
               # and of French ones ("numéro de routage", "numéro d'acheminement")
               r"routage", r"acheminement")
    # (a message broker's routing key, a network's routing table or rule: routing, not a bank's)
    negative = NUMERIC_NEGATIVE + (r"phone", r"tel(?![a-z])", r"ssn", r"social", r"account[ _-]?(?:no|num)",
                                   # (a taxpayer's number: "tin=237194242", an SSN or an ITIN)
                                   r"tin", r"itin", r"taxpayer", r"tax[ _-]?id(?![a-z])",
                                   # (an employer's: "<EmployerEIN>713834987</EmployerEIN>")
                                   r"ein(?![a-z])", r"fein(?![a-z])",
                                   r"bankn(?![a-z])",  # SAP's bank account number field
                                   r"routing[ _-]?(?:keys?|tables?|rules?|policy|policies|tags?|mesh)(?![a-z])")

    def find(self, batch):
        text = batch.text
        for s, e in paired(batch, want_routing=True):
            if e - s == 9 and aba_ok(text[s:e]):
                yield self.cand(s, e, 0.9, 0.97, True, "aba-paired-key", decisive=True)
        accounts = set()  # (the account of a pair is the pair's second field, checksum or not)
        for s, e, a_s, _ in nacha_fields(batch):
            accounts.add(a_s)
            yield self.cand(s, e, 0.9, 0.97, True, "nacha-routing", decisive=True)
        for s, e, reason in interchange.of_type(batch, ABA_ROUTING_NUMBER):
            yield self.cand(s, e, 0.9, 0.97, True, reason, decisive=True)
        for s, e, _, _ in micr_fields(batch):
            yield self.cand(s, e, 0.9, 0.97, True, "micr-routing", decisive=True)
        for s, e, a_s, a_e in slash_pairs(batch):
            accounts.add(a_s)
            yield self.cand(s, e, 0.9, 0.97, True, "aba-slash-account")
        for s, e, a_s, _ in row_pairs(batch):
            accounts.add(a_s)
            yield self.cand(s, e, 0.85, 0.95, True, "aba-row-pair")
        for m in self.exact_in_tokens(batch, _ABA, 9, shape=nine_digit_chains):
            digits = "".join(m.group(*((1, 3, 4) if m.group(1) else (5, 7, 8))))
            if aba_ok(digits) and m.start() not in accounts:
                if (m.group(2) or m.group(6)) == " " and in_number_run(text, m.start(), m.end()) and \
                        not self.supported(batch, m.start(), NEAR):
                    # three groups of a run of space-separated numbers ("0.000 302 200 867
                    # 59208": an ALB log's status codes and byte count): a routing number
                    # only after its word
                    continue
                # ~4.5% of random 9-digit numbers pass: the checksum alone is weak evidence.
                yield self.cand(m.start(), m.end(), 0.25, 0.95, True, "aba-checksum")
        # after the type's word, a routing number in groups of its writer's own ("Routing
        # Number: 06310 0277", a scanned form's): the checksum and the word decide
        for s, e in self.regrouped(batch, 9, 9, aba_ok, _USUAL_GROUPS.__contains__, NEAR):
            if s not in accounts:
                yield self.cand(s, e, 0.25, 0.95, True, "aba-regrouped")
        # a routing number starts 0-3: a number that lost its leading zero has 8 digits
        yield from self.zero_stripped(batch, 9, 8, aba_ok)
