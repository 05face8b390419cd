"""A recall probe in the style of third-party PII sets: plain sentences (a support ticket, an
e-mail, a note), one PII value each, drawn from Faker's own generators (en_US), so neither the
values nor the phrasings come from this project's generator or any test set. Prints the misses
per template and scorer: a value is found when an entity of its type overlaps it (and "cut"
when none covers it whole).

    python -m piistream.dev.pii_sentences [--set en|intl|cards] [--n 2100] [--seed 3] [--scorers rules cnn]

Sets: ``en`` (the default), plain English sentences of every type; ``intl``, phone numbers,
account numbers and IBANs of eleven Faker locales (en_GB, fr_FR, de_DE, it_IT, es_ES, nl_NL,
pt_BR, en_AU, en_CA, en_IN, en_US) in each language's own phrasing; ``cards``, every card type
Faker draws (Amex, Diners, Discover, JCB 15 and 16, Maestro, Mastercard, Visa 13, 16 and 19),
whole or printed in groups, in English and European phrasings.

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


# (locale, type, templates) of the ``intl`` set: each language's own words for a phone, an
# account and bank details ("{v2}": a second number of the locale)
LOCALES = (
    ("en_GB", "PHONE_NUMBER", ("Please ring me on {v}.", "Mobile: {v}", "Contact number {v} (evenings)",
                               "{name}, tel. {v}")),
    ("en_GB", "US_BANK_NUMBER", ("Sort code 20-00-00, account number {v}", "Pay into account {v} please")),
    ("en_GB", "IBAN_CODE", ("IBAN: {v}", "Bank details - {v} ({name})")),
    ("fr_FR", "PHONE_NUMBER", ("Vous pouvez me joindre au {v}.", "Téléphone : {v}", "Tél. portable {v}",
                               "Rappelez-moi au {v} svp", "N° de téléphone: {v}")),
    ("fr_FR", "US_BANK_NUMBER", ("Numéro de compte : {v}", "RIB - compte {v}")),
    ("fr_FR", "IBAN_CODE", ("Merci de virer sur l'IBAN {v}", "Coordonnées bancaires : {v}")),
    ("de_DE", "PHONE_NUMBER", ("Sie erreichen mich unter {v}.", "Telefon: {v}", "Handy {v}",
                               "Tel.: {v}, Fax: {v2}", "Rückrufnummer {v}")),
    ("de_DE", "US_BANK_NUMBER", ("Kontonummer: {v}", "Bitte auf Konto {v} überweisen")),
    ("de_DE", "IBAN_CODE", ("IBAN {v}", "Bankverbindung: {name}, {v}")),
    ("it_IT", "PHONE_NUMBER", ("Mi potete chiamare al {v}.", "Telefono: {v}", "Cellulare {v}", "Tel {v}")),
    ("it_IT", "US_BANK_NUMBER", ("Numero di conto: {v}", "conto corrente n. {v}")),
    ("it_IT", "IBAN_CODE", ("IBAN: {v}", "Coordinate bancarie {v}")),
    ("es_ES", "PHONE_NUMBER", ("Puede llamarme al {v}.", "Teléfono: {v}", "Móvil {v}", "Tel. {v}")),
    ("es_ES", "US_BANK_NUMBER", ("Número de cuenta: {v}", "cuenta bancaria {v}")),
    ("es_ES", "IBAN_CODE", ("IBAN: {v}", "Datos bancarios: {v}")),
    ("nl_NL", "PHONE_NUMBER", ("U kunt mij bereiken op {v}.", "Telefoon: {v}", "Mobiel {v}", "tel. {v}")),
    ("nl_NL", "US_BANK_NUMBER", ("Rekeningnummer: {v}", "rekening {v}")),
    ("nl_NL", "IBAN_CODE", ("IBAN: {v}", "Bankgegevens: {v}")),
    ("pt_BR", "PHONE_NUMBER", ("Pode me ligar no {v}.", "Telefone: {v}", "Celular {v}", "WhatsApp {v}")),
    ("pt_BR", "US_BANK_NUMBER", ("Conta corrente: {v}", "número da conta {v}")),
    ("en_AU", "PHONE_NUMBER", ("Call me on {v}", "Ph: {v}", "Mobile {v}")),
    ("en_AU", "US_BANK_NUMBER", ("Account number: {v}",)),
    ("en_CA", "PHONE_NUMBER", ("Call me at {v}", "Phone: {v}", "cell {v}")),
    ("en_CA", "US_BANK_NUMBER", ("Account number: {v}",)),
    ("en_IN", "PHONE_NUMBER", ("Call me at {v}", "Phone: {v}", "Mobile no. {v}")),
    ("en_IN", "US_BANK_NUMBER", ("A/c no. {v}", "Account number: {v}")),
    ("en_US", "PHONE_NUMBER", ("Call me at {v}", "Phone: {v}", "cell {v}", "{name} can be reached at {v}",
                               "Text {v} for updates")),
    ("en_US", "US_BANK_NUMBER", ("Account number: {v}", "Checking acct {v}")),
)
CARD_TYPES = ("amex", "diners", "discover", "jcb15", "jcb16", "maestro", "mastercard", "visa13",
              "visa16", "visa19")
CARD_TEMPLATES = ("My credit card number is {v}", "Card: {v} exp 09/27", "{v}", "Payment declined for {v}",
                  "cc={v}&exp=0927", "Charge {v} for $40", "use my card {v} please", '{{"card": "{v}"}}',
                  "The number on the card is {v}.", "Debit card {v} was blocked", "card_number: {v}",
                  "Kreditkartennummer: {v}", "numéro de carte {v}", "número de tarjeta {v}", "PAN {v}")


def _grouped(v: str, r: random.Random, size: int = 4) -> str:
    """``v`` whole (half the time), else in groups of ``size`` (Amex 4-6-5, Diners 4-6-4), parted
    by spaces or dashes."""
    x = r.random()
    if x < 0.5:
        return v
    sizes = {15: (4, 6, 5), 14: (4, 6, 4)}.get(len(v)) if size == 4 else None
    sizes = sizes or (size,) * (len(v) // size) + ((len(v) % size,) if len(v) % size else ())
    parts, i = [], 0
    for k in sizes:
        parts.append(v[i:i + k])
        i += k
    return (" " if x < 0.8 else "-").join(parts)


def intl_sentences(n: int, seed: int) -> list[tuple[str, str, str, str]]:
    """(type, "locale: template", sentence, value) for ``n`` sentences of the ``intl`` set."""
    from faker import Faker

    r = random.Random(seed)
    fakers = {}
    out = []
    for _ in range(n):
        loc, typ, templates = r.choice(LOCALES)
        if loc not in fakers:
            fakers[loc] = Faker(loc)
            fakers[loc].seed_instance(seed)
        f = fakers[loc]
        tpl = r.choice(templates)
        if typ == "PHONE_NUMBER":
            v = f.phone_number()
        elif typ == "US_BANK_NUMBER":
            v = f.bban() if r.random() < 0.5 else str(r.randrange(10**6, 10**12))
        else:
            iban = f.iban()
            v = iban if r.random() < 0.5 else " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
        text = tpl.replace("{name}", f.name()).replace("{v2}", f.phone_number()).replace("{v}", v, 1)
        out.append((typ, f"{loc}: {tpl}", text, v))
    return out


def card_sentences(n: int, seed: int) -> list[tuple[str, str, str, str]]:
    """(type, "card type: template", sentence, value) for ``n`` sentences of the ``cards`` set."""
    from faker import Faker

    f = Faker("en_US")
    f.seed_instance(seed)
    r = random.Random(seed)
    out = []
    for _ in range(n):
        kind, tpl = r.choice(CARD_TYPES), r.choice(CARD_TEMPLATES)
        v = _grouped(f.credit_card_number(card_type=kind), r)
        out.append(("CREDIT_CARD", f"{kind}: {tpl}", tpl.format(v=v), v))
    return out


SETS = {"en": sentences, "intl": intl_sentences, "cards": card_sentences}


def misses(scorer: str, recs: list[tuple[str, str, str, str]]) -> collections.Counter:
    """{(type, template): misses} of one scorer, and the first missed sentence per key in
    ``.examples``."""
    from ..models.detector import Detector
    from ..models.records import Processor
    from ..train.evaluate import build_scorer

    proc = Processor(Detector(scorer=build_scorer(scorer)))
    out: collections.Counter = collections.Counter()
    out.examples = {}  # type: ignore[attr-defined]
    out.cut = collections.Counter()  # type: ignore[attr-defined]
    for k in range(0, len(recs), 512):
        chunk = recs[k:k + 512]
        for (typ, tpl, text, v), res in zip(chunk, proc.process([t.encode() for _, _, t, _ in chunk])):
            s = text.index(v)
            e = s + len(v)
            over = [en for en in res.entities if en["type"] == typ and en["start"] < e and s < en["end"]]
            if not over:
                out[(typ, tpl)] += 1
                out.examples.setdefault((typ, tpl), text)  # type: ignore[attr-defined]
            elif not any(en["start"] <= s and e <= en["end"] for en in over):
                out.cut[(typ, tpl)] += 1  # type: ignore[attr-defined]
                out.examples.setdefault((typ, tpl), text)  # type: ignore[attr-defined]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", choices=sorted(SETS), default="en")
    ap.add_argument("--n", type=int, default=2100)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--scorers", nargs="+", default=["rules", "cnn"])
    a = ap.parse_args(argv)
    recs = SETS[a.set](a.n, a.seed)
    print(f"| scorer | missed of {a.n:,} values | cut (found, not whole) |")
    print("|---|---:|---:|")
    found = {name: misses(name, recs) for name in a.scorers}
    for name, m in found.items():
        print(f"| {name} | {sum(m.values())} | {sum(m.cut.values())} |")
    for name, m in found.items():
        for (typ, tpl), count in m.most_common():
            print(f"- {name}: {typ} x{count}: {m.examples[(typ, tpl)]!r}")
        for (typ, tpl), count in m.cut.most_common():
            print(f"- {name}: {typ} cut x{count}: {m.examples[(typ, tpl)]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
