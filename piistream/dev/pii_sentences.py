"""A recall probe in the style of third-party PII sets: plain sentences (a support ticket, an
e-mail, a note), one PII value each, drawn from Faker's own generators (en_US), so neither the
values nor the phrasings come from this project's generator or any test set. Prints the misses
per template and scorer: a value is found when an entity of its type overlaps it.

    python -m piistream.dev.pii_sentences [--n 2100] [--seed 3] [--scorers rules cnn]

Faker's values are what they are (its en_US ``bban`` has four letters and 14 digits, its phone
numbers random area codes and extensions): a miss is a question, not a verdict.
"""
from __future__ import annotations

import argparse
import collections
import random

# (type, template): "{v}" is the value; {name}, {company}, {acct}, {user}, {bic} are filler
TEMPLATES = (
    ("US_SSN", "Please verify the applicant's social security number {v} before approving the loan."),
    ("US_SSN", "{name}'s SSN is {v}."),
    ("US_SSN", "Hi, I need to update my tax records; my social is {v}."),
    ("CREDIT_CARD", "The refund will be credited back to the Visa ending in full number {v}."),
    ("CREDIT_CARD", "Customer {name} paid using card {v}, expiring 09/27."),
    ("CREDIT_CARD", "Can you charge {v} for the remaining balance?"),
    ("US_BANK_NUMBER", "Direct deposit will go to account number {v} at {company}."),
    ("US_BANK_NUMBER", "Wire the funds to acct {v}, beneficiary {name}."),
    ("ABA_ROUTING_NUMBER", "Use routing number {v} for ACH transfers."),
    ("ABA_ROUTING_NUMBER", "Bank: {company} Bank, ABA {v}, account {acct}"),
    ("PHONE_NUMBER", "You can reach {name} at {v} during business hours."),
    ("PHONE_NUMBER", "Call back number: {v}"),
    ("PHONE_NUMBER", "{name} left a voicemail from {v} asking about the invoice."),
    ("EMAIL_ADDRESS", "Send the signed contract to {v} by Friday."),
    ("EMAIL_ADDRESS", "{name} <{v}> wrote: thanks for the update"),
    ("IP_ADDRESS", "Suspicious login detected from {v} for user {user}."),
    ("IP_ADDRESS", "The request originated at {v} and was blocked by the WAF."),
    ("IBAN_CODE", "Please transfer the deposit to IBAN {v} before the move-in date."),
    ("IBAN_CODE", "Beneficiary: {name}, {v}, BIC {bic}"),
    ("US_ITIN", "My ITIN is {v} since I don't have an SSN."),
    ("US_ITIN", "Individual taxpayer identification number: {v}"),
)


def sentences(n: int, seed: int) -> list[tuple[str, str, str, str]]:
    """(type, template, sentence, value) for ``n`` sentences, the templates in turn."""
    from faker import Faker

    f = Faker("en_US")
    f.seed_instance(seed)
    r = random.Random(seed)
    itin_groups = (70, 71, 72, 80, 81, 82, 90, 91, 92, 94, 95, 96, 97, 98, 99)
    values = {
        "US_SSN": f.ssn,
        "CREDIT_CARD": f.credit_card_number,
        "US_BANK_NUMBER": lambda: f.bban() if r.random() < 0.3 else str(r.randrange(10**7, 10**12)),
        "ABA_ROUTING_NUMBER": f.aba,
        "PHONE_NUMBER": f.phone_number,
        "EMAIL_ADDRESS": f.email,
        "IP_ADDRESS": lambda: f.ipv4_public() if r.random() < 0.7 else f.ipv6(),
        "IBAN_CODE": f.iban,
        "US_ITIN": lambda: f"9{r.randrange(10, 99)}-{r.choice(itin_groups)}-{r.randrange(1000, 9999)}",
    }
    out = []
    for i in range(n):
        typ, tpl = TEMPLATES[i % len(TEMPLATES)]
        v = values[typ]()
        text = tpl.format(v=v, name=f.name(), company=f.company(), acct=str(r.randrange(10**7, 10**11)),
                          user=f.user_name(), bic=f.swift())
        out.append((typ, tpl, text, v))
    return out


def misses(scorer: str, recs: list[tuple[str, str, str, str]]) -> collections.Counter:
    """{(type, template): misses} of one scorer, and the first missed sentence per key in
    ``.examples``."""
    from ..models.detector import Detector
    from ..models.records import Processor
    from ..train.evaluate import build_scorer

    proc = Processor(Detector(scorer=build_scorer(scorer)))
    out: collections.Counter = collections.Counter()
    out.examples = {}  # type: ignore[attr-defined]
    for k in range(0, len(recs), 512):
        chunk = recs[k:k + 512]
        for (typ, tpl, text, v), res in zip(chunk, proc.process([t.encode() for _, _, t, _ in chunk])):
            s = text.index(v)
            e = s + len(v)
            if not any(en["type"] == typ and en["start"] < e and s < en["end"] for en in res.entities):
                out[(typ, tpl)] += 1
                out.examples.setdefault((typ, tpl), text)  # type: ignore[attr-defined]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2100)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--scorers", nargs="+", default=["rules", "cnn"])
    a = ap.parse_args(argv)
    recs = sentences(a.n, a.seed)
    print(f"| scorer | missed of {a.n:,} values |")
    print("|---|---:|")
    found = {name: misses(name, recs) for name in a.scorers}
    for name, m in found.items():
        print(f"| {name} | {sum(m.values())} |")
    for name, m in found.items():
        for (typ, _), count in m.most_common():
            print(f"- {name}: {typ} x{count}: {m.examples[(typ, _)]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
