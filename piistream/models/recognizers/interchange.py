"""Values that a financial or health interchange format names by their place, not by a word.

A bank's and a payer's files name an account, a routing number, an SSN or a phone by the segment,
the field or the qualifier code it sits in, by the standard's own layout: an X12 ``BPR`` segment's
account after its ``DA`` qualifier, ``NM1``'s identifier after qualifier ``34`` (an SSN), SWIFT's
``:59:/account``, Fedwire's ``{4200}D<account>``, ISO 20022's ``<DbtrAcct>...<Othr><Id>``, BAI2's
``03,<account>,USD``, HL7's ``PID`` field 19 (an SSN) and its phone components. Those values carry
no word of their type, so the recognizers' words never reach them.

``fields(batch)``: (start, end, type, reason) of every such value in the batch, read once per
batch. Each format is looked for only where its marker is (the leads' index), so a batch without
one costs a few lookups. The recognizers of the four types take their own (``of_type``).
"""
from __future__ import annotations

import re

import phonenumbers

from ..entities import (ABA_ROUTING_NUMBER, CREDIT_CARD, EMAIL_ADDRESS, IP_ADDRESS, PHONE_NUMBER,
                        US_BANK_NUMBER, US_ITIN, US_SSN)
from ..validators import aba_ok, itin_ok, luhn_ok, ssn_ok
from .given_names import GIVEN_NAMES

# -- FIX (the Financial Information eXchange protocol): "tag=value" fields apart by SOH (0x01), or
# as logs print it, by '|', '^A' or "<SOH>"; a message holds its type, tag 35. The standing
# settlement instructions name a bank by place: 177/183 the securities' and the cash settlement
# agent's code (a US bank's ABA routing number), 178/184 the account there, 181/187 its
# contact's phone. (Tag 1, Account, is the venue's own account of its client: no bank's.)
# The logon's password (554) and a new one (925) are read by the secrets (``fix_fields``).
_FIX_SEPS = ("\x01", "|", "^A", "<SOH>", "\\x01", "\\u0001")
_FIX_BANK = re.compile(r"(?:17[78]|18[1347])=")
_FIX_BANK_LEADS = ("177=", "178=", "181=", "183=", "184=", "187=")
_FIX_ACCOUNT = re.compile(r"\d[\d\-]{2,20}\d\Z")


def fix_fields(batch, pattern: re.Pattern, lead) -> list[tuple[str, int, int]]:
    """(tag, start, end) of the values of the FIX fields ``pattern`` finds (a tag and its '=';
    ``lead`` its leads): each after a field separator, in a segment that holds a message type
    (35=) after the same separator; the value runs to the next separator."""
    text = batch.text
    out = []
    typed: dict[tuple[int, str], bool] = batch._cache.setdefault("fix-typed", {})
    for m in batch.scan(pattern, lead=lead):
        s = m.start()
        sep = next((x for x in _FIX_SEPS if text.startswith(x, s - len(x))), None) if s else None
        if sep is None:
            continue
        seg = batch.segment_of(s)
        lo, hi = batch.segment_bounds(seg)
        ok = typed.get((seg, sep))
        if ok is None:  # (once per segment and separator: a record of a million fields is read once)
            ok = typed[(seg, sep)] = text.find(sep + "35=", lo, hi) >= 0 or text.startswith("35=", lo)
        if not ok:
            continue
        e = text.find(sep, m.end(), hi)
        e = hi if e < 0 else e
        vs = m.end()
        while e > vs and text[e - 1] in " \t\r\n":
            e -= 1
        if vs < e:
            out.append((m.group()[:-1], vs, e))
    return out


# a FIX message's identifiers: its length and checksum (9, 10), sequence number (34), the
# client's, the venue's and the execution's order ids (11, 37, 41, 17), a security's id (48,
# 455: a CUSIP passes the ABA checksum one time in ten, an order id Luhn's), the venue's account
# of its client (1), a report's and a quote's ids (198, 526, 527, 880)
_FIX_TYPE = re.compile(r"(?:\||\^A)35=")
_FIX_ID_TAGS = frozenset(("1", "9", "10", "11", "17", "34", "37", "41", "48", "198", "455", "526", "527", "880"))


def _fix_ids(batch) -> list[tuple[int, int]]:
    """(start, end) of the identifier fields of each segment that holds a FIX message."""
    text = batch.text
    out: list[tuple[int, int]] = []
    done = -1
    for m in batch.scan(_FIX_TYPE, lead=("\\|35=", "\\^A35=")):
        if m.start() < done:
            continue
        sep = "|" if text[m.start()] == "|" else "^A"
        lo, hi = batch.segment_bounds(batch.segment_of(m.start()))
        done = hi
        at = lo
        while at < hi:
            nxt = text.find(sep, at, hi)
            end = hi if nxt < 0 else nxt
            eq = text.find("=", at, end)
            if eq > at and text[at:eq] in _FIX_ID_TAGS and eq + 1 < end:
                out.append((eq + 1, end))
            if nxt < 0:
                break
            at = nxt + len(sep)
    return out


def _fix(batch):
    text = batch.text
    for tag, s, e in fix_fields(batch, _FIX_BANK, _FIX_BANK_LEADS):
        v = text[s:e]
        if tag in ("177", "183"):
            if len(v) == 9 and v.isdigit() and aba_ok(v):
                yield s, e, ABA_ROUTING_NUMBER, "fix-settlement-routing"
        elif tag in ("178", "184"):
            if _FIX_ACCOUNT.match(v) and 4 <= sum(c.isdigit() for c in v) <= 17:
                yield s, e, US_BANK_NUMBER, "fix-settlement-account"
        elif _dialled_valid(v, True):
            yield s, e, PHONE_NUMBER, "fix-settlement-phone"


# -- X12 (ASC X12 5010: "*" between elements, "~" ends a segment) --------------------------------
# BPR (financial information): BPR06 the sender's DFI qualifier ("01": an ABA routing number),
# BPR07 its number, BPR08 the account qualifier ("DA" demand deposit, "SG" savings, "03"
# checking...), BPR09 the account; BPR12-15 the receiver's the same way
_X12_BPR = re.compile(r"(?<![A-Za-z0-9])bpr[*|]")
# NM1 (a party's name): NM108 the identifier's qualifier, "34" an SSN, NM109 the identifier
_X12_NM1 = re.compile(r"(?<![A-Za-z0-9])nm1[*|]")
# PER (a contact): PER03/05/07 a qualifier ("TE" telephone, "CP" cell, "HP" home, "WP" work,
# "FX" fax, "BN" beeper), the number after it; G61 (a motor carrier tender's contact, 204/990) the
# same layout: "G61*IC*JANE DOE*TE*4159627492~"
_X12_PER = re.compile(r"(?<![A-Za-z0-9])(?:per|g61)[*|]")
# REF (a reference): REF01 "SY" a Social Security Number, "0F" a benefit enrollment's (834)
# subscriber number, which plans fill with the subscriber's SSN; REF02 the number
_X12_REF = re.compile(r"(?<![A-Za-z0-9])ref([*|])(?:sy|0f)\1")
# the child-support addenda of an ACH payment (NACHA's "705DED*CS*..." record): case id, pay
# date, amount, then the absent parent's SSN, a medical-support flag, the name, the FIPS code
_DED_CS = re.compile(r"(?<![A-Za-z])ded\*cs\*")  # (after the record's "705")
_X12_END = re.compile(r"~|\r|\n|\\n|\\(?![nr])")
_ACCOUNT_QUALIFIERS = frozenset(("DA", "SG", "03", "04", "ALC"))
_PHONE_QUALIFIERS = frozenset(("TE", "CP", "HP", "WP", "FX", "BN"))
_DIGITS = re.compile(r"\d{4,17}\Z")
_PHONE_DIGITS = re.compile(r"\+?1?[ \-.]?\(?\d{3}\)?[ \-.]?\d{3}[ \-.]?\d{4}\Z")

# -- SWIFT MT (a field's tag at a line's start): :50K:/account (the ordering customer), :59:/account
# (the beneficiary), :25: the statement's account (MT940/942/950, "routing/account" in the US),
# //FW + a Fedwire routing number in the parties' banks (:52A:, :56A:, :57A:, :57D:)
# (and the account an institution is paid to, MT202's :58A:/account, :57A:/account)
_MT_ACCOUNT = re.compile(r"(?<![\w:]):(?:50[AFGHK]?|59[AF]?|5[78][ABCD]):/(\d{4,34})(?![\w\-])")
# (MT101's :50G:/:50H: the ordering customer's account too; MT940's structured :86: in Germany's
# layout, "?30" the counterparty's bank code, "?31" its account: "?30CHASUS33?3112345678?32NAME";
# after another subfield: "GET /?31557423068" is a query string)
_MT_86_ACCOUNT = re.compile(r"\?[23]\d[^?\r\n]{0,60}\?31(\d{4,17})(?=\?\d\d|[ \t\r\n]|\\n|\Z)")
# (a bank's code before the account: an ABA routing number in the US, a German BLZ or a BIC
# elsewhere, ":25:35057857/84782556")
_MT_25 = re.compile(r"(?<![\w:]):25[P]?:(?:(\d{9})/|(?:\d{8}|[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)/)?"
                    r"(\d{4,34})(?![\w\-]|/\d)")
_MT_FW = re.compile(r"(?<![\w:]):5[2-7][ABCD]?://FW(\d{9})(?!\d)")

# -- Fedwire Funds tags: {3100}/{3400} the sender's/receiver's ABA; {4000}, {4100}, {5100}, {5200} a
# bank by its ID code "F" + ABA; {4200} the beneficiary, {5000} the originator: ID code "D" + account
_FED_ABA = re.compile(r"\{(?:3100|3400)\}(\d{9})")
_FED_FI = re.compile(r"\{(?:4000|4100|5100|5200)\}F(\d{9})")
_FED_ACCOUNT = re.compile(r"\{(?:4200|5000)\}D(\d{4,34})(?![\d\-])")

# -- ISO 20022 (pain.001, pacs.008, camt.05x): an account other than an IBAN, and a US member id
# (its elements may carry a namespace's prefix: "<ns2:DbtrAcct><ns2:Id><ns2:Othr><ns2:Id>...",
# "<Doc:MmbId>021200339</Doc:MmbId>")
_ISO_ACCOUNT = re.compile(r"acct>\s*<(?:[a-z][a-z0-9]{0,9}:)?id>\s*<(?:[a-z][a-z0-9]{0,9}:)?othr>\s*"
                          r"<(?:[a-z][a-z0-9]{0,9}:)?id>\s*(\d[\d\- ]{2,33}\d)\s*</(?:[a-z][a-z0-9]{0,9}:)?id>")
_ISO_MEMBER = re.compile(r"(?<=[<:])mmbid>\s*(\d{9})\s*</(?:[a-z][a-z0-9]{0,9}:)?mmbid>")
# (and as JSON writes the same messages: '"CdtrAcct": {"Id": {"Othr": {"Id": "22295926527500"}}}',
# '"ClrSysMmbId": {..., "MmbId": "273680558"}')
_ISO_ACCOUNT_JSON = re.compile(r'acct"\s*:\s*\{\s*"id"\s*:\s*\{\s*"othr"\s*:\s*\{\s*"id"\s*:\s*"(\d[\d\- ]{2,33}\d)"')
_ISO_MEMBER_JSON = re.compile(r'"mmbid"\s*:\s*"(\d{9})"'
                              # (FedNow's JSON names the agent's member id: '"agent": {"memberId": "021000021"}')
                              r'|agent"\s*:\s*\{\s*"member_?id"\s*:\s*"(\d{9})"')

# -- ISO 8583 (a card network's and an ATM switch's messages): data elements 102 and 103, the
# account identifications 1 and 2 (the account debited and the one credited), as message dumps
# name them: "DE102=00729689294504", "DE102 Account Identification 1 ..: [000496044672]",
# "<103> ACCOUNT ID 2 (TO ACCT) : 2740296708237670", jPOS' '<field id="102" value="303326325"/>'
# ("field 102", "<103>", "F102" only with the word account after it, or in a record that names
# the standard: "8583", a message type "MTI", jPOS' "isomsg")
_ISO8583_ACCOUNT = re.compile(r"(?<![a-z0-9])(?:de[ _\-]?0?(10[23])|(?:(?:field|fld|bit)[ _\-]?0?|f|p-|<)(10[23]))(?![0-9])"
                              r"([^\n\[\]=:\"\d]{0,40}(?:[12][^\n\[\]=:\"\d]{0,24})?)[:=][ \t]*[\[\"]?[ \t]*(\d{4,28})(?![\d.\-])"
                              r"|field id=\"10[23]\"[ \t]+value=\"(\d{4,28})\"")
_ISO8583_NAMED = re.compile(r"8583|(?<![a-z])mti(?![a-z])|isomsg")
_ISO8583_LEADS = ("de10[23]", "de 10[23]", "de_10[23]", "de-10[23]", "de010[23]", "field10[23]", "field 10[23]",
                  "field_10[23]", "fld10[23]", "fld 10[23]", "bit10[23]", "bit 10[23]", "f10[23]", "p-10[23]",
                  "<10[23]>", "field id=\"10[23]\"")

# -- BAI2 (a bank's balance report): record 03, the account identifier: "03,<account>,<currency>,"
# (its currency may be left out, the bank's default, when a type code follows: "03,52350690,,010,";
# a log's words may come before it: "parsed account identifier record 03,2696256347,USD,040,")
# (and the file's and the group's headers: "01,<sender>,<receiver>,<date>,<time>,...", "02,<ultimate
# receiver>,<originator>,<status>,<as-of date>,...": a bank's routing number as either party's id,
# "01,030911321,ACMECORP,240414,0600,75,80,1,2/", "02,ACMECORP,021200339,1,241007,0600,USD,2/")
_BAI_HEADER = re.compile(r"(?:^|(?<=/)|(?<=\\n)|(?<=\r)|(?<=[ \t]))[ \t]*(?:01,([^,\s]{1,20}),([^,\s]{1,20}),\d{6},\d{4},"
                         r"|02,([^,\s]{1,20}),([^,\s]{1,20}),\d,\d{6},)", re.M)
_BAI_03 = re.compile(r"(?:^|(?<=/)|(?<=\\n)|(?<=\r)|(?<=[ \t]))[ \t]*03,(\d{4,17}),(?:[A-Z]{3},|,\d{3},)", re.M)

# -- HL7 v2: a segment's fields by their place: the SSNs (PID-19 the patient's, GT1-12 the
# guarantor's, NK1-37 a contact's, IN2-2 the insured's) and the phones (XTN: PID-13/14 home and
# business, NK1-5/6, GT1-6/7, IN1-7 the insurer's, ORC-14 and OBR-17 the order's call-back
# number), and a phone's components (XTN: ...^use^equipment^email^country^area^local:
# "^PRN^PH^^1^651^9022278")
_HL7_SEGMENT = re.compile(r"(?<![A-Za-z0-9])(pid|gt1|nk1|in1|in2|orc|obr)\|")
_HL7_FIELDS = {"pid": ((13, PHONE_NUMBER), (14, PHONE_NUMBER), (19, US_SSN)),
               "gt1": ((6, PHONE_NUMBER), (7, PHONE_NUMBER), (12, US_SSN)),
               "nk1": ((5, PHONE_NUMBER), (6, PHONE_NUMBER), (37, US_SSN)),
               "in1": ((7, PHONE_NUMBER),), "in2": ((2, US_SSN),),
               "orc": ((14, PHONE_NUMBER),), "obr": ((17, PHONE_NUMBER),)}
_HL7_END = re.compile(r"\r|\n|\\r|\\n|<cr>", re.I)
# an XTN's first component as systems write it: "(555)555-1234", "555-555-1234", "5555551234"
_HL7_PHONE = re.compile(r"\+?1?[ \-.]?\(?\d{3}\)?[ \-.]?\d{3}[ \-.]?\d{4}")
# an identifier of type "SS" (HL7 table 0203: a Social Security number) in a CX field: the id,
# then check digit, scheme and assigning authority, then the type ("634450798^^^SSA^SS": IN1-49's
# insured's id, PID-3's list of the patient's ids)
_CX_SS = re.compile(r"\^(?:ssa|usssa|ussa|ssn)?\^ss(?![a-z0-9])")
_CX_ID = re.compile(r"(\d{3}-?\d{2}-?\d{4})\^[^|^~\r\n]{0,10}\^[^|^~\r\n]{0,10}\Z")  # (before the authority)
# -- the SSA's OID (2.16.840.1.113883.4.1) or FHIR's SSN system naming an identifier: C-CDA's
# <id root="2.16.840.1.113883.4.1" extension="141024770"/>, FHIR's {"system":
# "http://hl7.org/fhir/sid/us-ssn", "value": "147468897"} (or the OID as a URN)
_SSA_OID = re.compile(r"(?:2\.16\.840\.1\.113883\.4\.1|hl7\.org/fhir/sid/us-ssn)(?=[\"'])")
_EXTENSION = re.compile(r"""extension[ \t]*=[ \t]*["'](\d{3}-?\d{2}-?\d{4})["']""")
_FHIR_VALUE_AFTER = re.compile(r'[^{}]{0,200}?"value"[ \t]*:[ \t]*"(\d{3}-?\d{2}-?\d{4})"')
_FHIR_VALUE_BEFORE = re.compile(r'"value"[ \t]*:[ \t]*"(\d{3}-?\d{2}-?\d{4})"[^{}]{0,200}\Z')
_XTN = re.compile(r"\^(?:prn|orn|wpn|vhn|asn|emr|bpn|prs)\^(?:ph|cp|fx|bp|md)?\^[^|^~\r\n]{0,64}\^"
                  r"(?:\+?\d{1,3})?\^(\d{3})\^(\d{7})(?![\d])")
_SSN9 = re.compile(r"(\d{3})-?(\d{2})-?(\d{4})\Z")


def _taxpayer(value: str) -> str | None:
    """US_SSN or US_ITIN for a field that holds a taxpayer's number whole (a field that the
    standards reserve for an SSN holds an ITIN where a person has none), else None."""
    s = _SSN9.match(value)
    if s is None:
        return None
    digits = s.group(1) + s.group(2) + s.group(3)
    return US_SSN if ssn_ok(digits) else US_ITIN if itin_ok(digits) else None

# -- Social Security's W-2 upload (EFW2): the RW record holds the employee's SSN in positions 3-11,
# then the name; a state's unemployment wage report in ICESA's layout, its "S" record, in 2-10
# (fixed-width records at a line's start, the name's capitals right after the number)
_EFW2_RW = re.compile(r"(?:RW|S)(\d{9})(?=[A-Z][A-Z' \-]{2})")
# the IRS's FIRE upload of 1099s: the payee's "B" record, its payment year, the corrected-return
# indicator, the name control, the TIN's type ("2": an individual's SSN or ITIN; "1" an EIN),
# then the TIN ("B2024 ROBE2233716817SLR1129770 ...")
_FIRE_B = re.compile(r"B(?:19|20)\d\d[ CG][A-Z0-9 &\-]{4}2(\d{9})")
# the IRS's bulk TIN matching file (and its results): "<TIN type>;<TIN>;<name>;<account>[;<result>]",
# type 2 an individual's SSN or ITIN (1 an EIN; 3 unknown: a taxpayer's number where it reads as one)
_TIN_MATCH = re.compile(r"(?:^|(?<=[\s|>:\]]))[23];(\d{9});(?=[A-Za-z][A-Za-z .,&'\-]{1,79};)", re.M)

# -- IATA reservations (a PNR as a GDS shows it, its teletype SSRs; upper case as they are written)
# the form of payment's card, glued to its vendor's code: Amadeus "FPCCVI4111.../0125", "FP
# O/CCAX3782...", "FP PAX CCUP6234..."; Sabre's "FOP‡ 1.VI4845..." and "5-*CA5308...‡12/29" (the
# field's number, a dash, the star)
_PNR_FOP = re.compile(r"(?:(?<![A-Z0-9])FO?P[ ]?(?:(?:PAX|INF)[ ])?(?:O/)?CC"
                      r"|(?<![A-Z0-9])FOP[^\w\s]?[ ]*\d{1,2}\.|(?<![A-Za-z0-9])\d{1,2}\.?-\*)"
                      r"(?:VI|CA|MC|AX|DS|DC|JC|TP|UP|CB|BC|DI|EC|MA|SW|VD|DB)(\d{13,19})(?!\d)")
# a passenger's address in SSR CTCE, encoded as IATA's teletype writes it: "//" for "@", ".."
# for "_", "./" for "-" ("SSR CTCE YY HK1/JOHN..DOE//ACME./CORP.COM/EN")
_PNR_CTCE = re.compile(r"(?<![A-Z0-9])CTCE[ ]+[A-Z0-9]{2}[ ]+[A-Z]{2}\d{1,3}[/ ]"
                       r"([A-Z0-9](?:[A-Z0-9.]|\./)*//[A-Z0-9](?:[A-Z0-9\-]|\.(?![/.])|\./)*[A-Z0-9])")
# a passenger's mobile, home or business number in SSR CTCM/CTCH/CTCB: its country code first,
# no "+" ("SSR CTCM AF HK1/918191225432/FR"; "OSI AZ CTCM PAR 4915194896777"), or "00" for it
_PNR_CTC = re.compile(r"(?<![A-Z0-9])CTC[MHB][ ]+(?:[A-Z0-9]{2}[ ]+[A-Z]{2}\d{1,3}[/ ]+|[A-Z]{3}[ ]+)"
                      r"(\+?\d{7,16})(?!\d)")
# the same SSRs as Travelport's uAPI writes them: <air:SSR Type="CTCE" ... FreeText="..."/>
_PNR_CTC_XML = re.compile(r'(?<![A-Za-z0-9])Type="CTC([EMHB])"[^<>]{0,120}?FreeText="([^"<>]{6,80})"')
# Amadeus' contact elements: AP (a phone, after a city's code), APM (mobile), APB, APH; the
# number, then its kind glued after a dash ("AP FRA +19087493434-B", "APM 4915147078291")
_PNR_AP = re.compile(r"(?<![A-Za-z0-9])(?:AP[MBH]?[ ]+|AP[MBH]-)(?:[A-Z]{3}[ ]+)?(\+?\d[\d .\-]{5,20}\d)"
                     r"(?:-[A-Z](?![\w])|(?![\w\-.]))")
# Sabre's PHONES field: an item's number, the city's code glued to the number, its kind ("1.CHI407-
# 687-1844-H")
_PNR_SABRE_PHONE = re.compile(r"(?<![A-Za-z0-9])\d{1,2}\.[A-Z]{3}(\+?\d[\d\-]{6,18}\d)-[A-Z](?![\w])")
_PNR_DECODE = (("//", "@"), ("..", "_"), ("./", "-"))
# NCPDP's telecommunication standard (a pharmacy's claims, D.0) as a switch or a pharmacy system
# logs its fields: number and id, '=', the value ("331-CX=01 332-CY=122395351 326-CQ=9178775714",
# apart by blanks, '|', '~' or a printed "<FS>"): the patient's id where its qualifier (331-CX)
# says it is a Social Security number (01), and the patient's phone (326-CQ)
# (or as the transmission itself writes them: each field's two-letter id glued to its value after
# the field separator, the FS control character, printed "<FS>" or "\x1c", or a '|':
# "AM01\x1cCX01\x1cCY678852953\x1c...\x1cCQ4143825649"; the prescriber's phone is 498-PM)
_NCPDP_FS = r"(?:\x1c|<fs>|\\x1c|\|)"
_NCPDP_ID = re.compile(r"(?:(?<![\w\-])332-cy=|" + _NCPDP_FS + r"cy)(\d{3}-?\d{2}-?\d{4})(?![\w\-])")
_NCPDP_SSN_QUALIFIER = re.compile(r"(?:(?<![\w\-])331-cx=|" + _NCPDP_FS + r"cx)0?1(?![\w])")
_NCPDP_PHONE = re.compile(r"(?:(?<![\w\-])(?:326-cq|498-pm)=|" + _NCPDP_FS + r"(?:cq|pm))(\d{10})(?![\w\-])")
_NCPDP_LEADS = tuple(f + w for f in ("\x1c", "<fs>", "\\\\x1c", "\\|") for w in ("cy", "cq", "pm"))
# An IVR's collected digits (DTMF or speech) under the step that asked for them, as IVR platforms
# log a "get digits" node: 'node=GetSSN mode=dtmf digits=523799782 term=#', '{"step":"CollectSSN",
# "result":{"digits":"245729153"}}', 'GetAcctNum ... digits=319940030011': the step's name (a verb
# glued to what it asks for) within the 160 characters before the digits, in the same record
# (or what the caller keyed as the input's: "node=GetSSN state=COLLECTED dtmf_input=707240102")
_IVR_DIGITS = re.compile(r"(?<![a-z0-9_])(?:dtmf[_-]?)?(?:digits|dtmf|collected[_-]?digits)(?:[_-]?(?:input|entered|value))?"
                         r"[\"']?[ \t]*[:=][ \t]*[\"']?(\d{4,19})#?(?![\w\-.])")
_IVR_STEP = re.compile(r"(?<![a-z])(?:get|collect|enter|capture|ask|askfor|prompt|promptfor|read|verify|auth|validate|confirm)[_\-]?"
                       r"(?:(?P<ssn>ssn|social(?:security)?(?:num(?:ber)?)?|taxid|itin)|(?P<acct>acct|account)(?:[_-]?(?:num|no|number))?"
                       r"|(?P<card>card|cc|pan)(?:[_-]?(?:num|no|number))?|(?P<phone>phone|callback|cbn|ani)(?:[_-]?(?:num|no|number))?"
                       r"|(?P<routing>routing|aba)(?:[_-]?(?:num|no|number))?)(?![a-z])")
# Medicare's legacy claim number (the HICN, replaced by the MBI in 2018-2019, still in claims'
# histories): the holder's SSN with a letter of the beneficiary's code glued after it, a digit may
# follow ("mbr_hicn=477936814A", "HICN: 123-45-6789C1")
_HICN = re.compile(r"(?<![a-z0-9])(?:hicn|hic[ _-]?(?:no|num(?:ber)?|#)|medicare[ _-]?(?:claim[ _-]?)?"
                   r"(?:no|num(?:ber)?|#))[a-z_]*[\"']?[ \t]*[:=#][ \t]*[\"']?(\d{3}-?\d{2}-?\d{4})[a-z]\d?(?![\w\-])")

# -- OFX (Open Financial Exchange: a bank's or a card's statement download, SGML 1.x without closing
# tags or XML 2.x): the account's <ACCTID> inside <BANKACCTFROM>/<BANKACCTTO> beside its <BANKID>
# (an ABA routing number), or inside <CCACCTFROM>/<CCACCTTO>, a card's number
_OFX_ACCTID = re.compile(r"<acctid>[ \t]*(\d[\d\- ]{2,30}\d)(?=[ \t]*(?:<|\r|\n|\\n|\Z))")
_OFX_BANKID = re.compile(r"<bankid>[ \t]*(\d{9})(?=[ \t]*(?:<|\r|\n|\\n|\Z))")
_OFX_AGGREGATE = re.compile(r"<(cc|bank)acct(?:from|to|info)>")

# -- FinCEN's BSA XML (SAR, CTR): a party's identification, its number then its type, code 1 a
# taxpayer's SSN or ITIN (2 an EIN, 9 a foreign number...): "<fc2:PartyIdentificationNumberText>
# 823976862</fc2:PartyIdentificationNumberText><fc2:PartyIdentificationTypeCode>1</...>", in
# either order (on the lower-cased text)
_FINCEN_ID = re.compile(r"partyidentificationnumbertext>([\d\-]{9,11})</(?:[a-z0-9]{1,8}:)?"
                        r"partyidentificationnumbertext>[ \t\r\n]*<(?:[a-z0-9]{1,8}:)?"
                        r"partyidentificationtypecode>[ \t]*0?1[ \t]*<"
                        r"|partyidentificationtypecode>[ \t]*0?1[ \t]*</(?:[a-z0-9]{1,8}:)?"
                        r"partyidentificationtypecode>[ \t\r\n]*<(?:[a-z0-9]{1,8}:)?"
                        r"partyidentificationnumbertext>([\d\-]{9,11})<")

# -- Cisco CVP's activity log: "<session>,<time>,<element>,<category>,<action>,<value>", the
# session's id the VXML server's address, a time, a count and the application
# ("172.31.162.82.1706737330452.712.MainIVR,..."); the caller's number on the call's start
# (",start,ani,4149491157"), and the value an element collected under its name
# ("GetSSN,data,value,156189246", "CallbackNumber,data,value,...", "Acct_Form,data,value,...")
_CVP_VALUE = re.compile(r",(?:data,value|start,(ani|dnis)),(\+?\d{4,19})(?![\w\-.])")
_CVP_VALUE_LEADS = (",data,value,", ",start,ani,", ",start,dnis,")
_CVP_SESSION = re.compile(r"(\d{1,3}(?:\.\d{1,3}){3})\.\d{10,13}\.\d{1,9}\.[A-Za-z_][\w\-]{0,40},")
_CVP_ELEMENT = re.compile(r"(?P<ssn>ssn|social|taxid|itin)|(?P<acct>acct|account)|(?P<card>card|pan(?![a-z])|ccnum)"
                          r"|(?P<phone>phone|callback|cbn|ani(?![a-z]))|(?P<routing>routing|aba(?![a-z]))")


# -- an identifier whose sibling member names its type: '{"idType": "SSN", "idNumber": "019959650"}',
# '"importerOfRecord": {"number": "...", "name": "...", "type": "SSN"}', "TAX.ID=351514638
# TAX.ID.TYPE=SSN", T24's "LEGAL.ID:1:1=936597018,LEGAL.DOC.NAME:1:1=ITIN": the type's word as a
# member's whole value, its key a type's or a kind's (or a document's name), and the number the
# nearest member's value within 160 characters of it, in the same record and object (on the
# lower-cased text; ``scoring``'s sibling members read JSON's objects the same way)
_ID_TYPE_VALUE = re.compile(r"(?:ssn|itin)(?=[\"']?(?:[ \t]*[,;}&|\]]|[ \t]|\Z))")
_ID_TYPE_KEY = re.compile(r"(?:type|kind|doc[._\-]?name|document[._\-]?type|scheme)[\"']?(?::\d+){0,2}[ \t]*[:=][ \t]*[\"']?\Z")
_ID_MEMBER_VALUE = re.compile(r"[:=][ \t]*[\"']?(\d{3}-?\d{2}-?\d{4})(?![\w\-.])")


def _typed_id(batch, m: re.Match):
    """(start, end, type, reason) of the number a type member names (``_ID_TYPE_VALUE``)."""
    lower = batch.lower
    lo, hi = batch.segment_bounds(batch.segment_of(m.start()))
    if _ID_TYPE_KEY.search(lower, max(lo, m.start() - 32), m.start()) is None:
        return
    best = None
    for v in _ID_MEMBER_VALUE.finditer(lower, max(lo, m.start() - 160), min(hi, m.end() + 160)):
        a, b = min(v.start(), m.start()), max(v.start(), m.start())
        if "{" in lower[a:b] or "}" in lower[a:b]:
            continue  # (another object's member: '{"type": "SSN"}, {"value": "536904398", ...}')
        d = abs(v.start(1) - m.start())
        if best is None or d < best[0]:
            best = (d, v)
    if best is None:
        return
    v = best[1]
    t = _taxpayer(v.group(1))
    if t is not None and (t == US_ITIN) == (m.group() == "itin"):
        yield v.start(1), v.end(1), t, "typed-identifier"


# -- Asterisk's CDR (Master.csv, no header): "accountcode","src","dst","dcontext","clid","channel",
# ...: the caller's and the dialled number by their place, found from the channel's technology
# ('"","+12146010010","8333027900","from-trunk","""SEAN RIVERA"" <+12146010010>","PJSIP/trunk-8"')
_AST_CHANNEL = re.compile(r'","(?:PJSIP|SIP|IAX2|DAHDI|Local|SCCP)/')
_AST_CHANNEL_LEADS = ('","PJSIP/', '","SIP/', '","IAX2/', '","DAHDI/', '","Local/', '","SCCP/')
_AST_PARTIES = re.compile(r'"(\+?\d{10,15})","(\+?\d{10,15})","[^"\n]{1,40}","(?:[^"\n]|""){0,120}"\Z')


def _asterisk_cdr(batch, text: str, m: re.Match):
    lo = batch.starts[batch.segment_of(m.start())]
    w = _AST_PARTIES.search(text, max(lo, m.start() - 240), m.start() + 1)
    if w is None or (w.start() > lo and text[w.start() - 1] != ","):
        return
    for k in (1, 2):
        if _dialled_valid(w.group(k), True):
            yield w.start(k), w.end(k), PHONE_NUMBER, "asterisk-cdr-party"


# -- NACHA's notification of change (NOC): the receiving bank's correction of an entry, its change
# code naming what the corrected data holds (C01 the account, C02 the routing number, C03 both,
# "routing   account"; C06 the account and a transaction code; C07 routing, account and code in
# one run; C05 a transaction code only). As the addenda record prints it ("798C01" + the original
# trace (15), 6 reserved, the original bank (8), the corrected data (29)) and as logs and JSON
# name it ('NOC C03 (Incorrect Routing Number and Incorrect DFI Account Number) ... corrected data
# "706486232   71107737611"', '"changeCode": "C01", ..., "correctedData": "1918171614"'): the
# code the last one before the corrected data, within 240 characters of the record
_NOC_DATA = re.compile(r"corrected[ _\-]?data[\"']?[ \t]*[:=]?[ \t]*[\"']?(\d[\d ]{0,32}\d|\d)(?![\d\-.])")
_NOC_CODE = re.compile(r"(?<![a-z0-9])c0([1-7])(?![0-9])")
_NOC_ADDENDA = re.compile(r"(?<![0-9])798c0([1-7])\d{15}[ 0]{6}\d{8}(\d[\d ]{27}[\d ])")


def _noc(batch, text: str, pattern, m: re.Match):
    """(start, end, type, reason) of the routing number and the account a NOC's corrected data
    holds, by its change code."""
    if pattern is _NOC_ADDENDA:
        code = m.group(1)
    else:
        lo = max(batch.starts[batch.segment_of(m.start())], m.start() - 240)
        codes = list(_NOC_CODE.finditer(batch.lower, lo, m.start()))
        if not codes:
            return
        code = codes[-1].group(1)
    s = m.start(2 if pattern is _NOC_ADDENDA else 1)
    tokens = [(t.start() + s, t.end() + s) for t in re.finditer(r"\d+", m.group(2 if pattern is _NOC_ADDENDA else 1))]
    routing = account = None
    if code in "237":
        a, b = tokens[0]
        if code == "2" or code == "3":
            if b - a == 9:
                routing = (a, b)
            if code == "3" and len(tokens) > 1:
                account = tokens[1]
        elif b - a > 9:  # (C07: the routing number, the account glued after it, the code last)
            routing = (a, a + 9)
            account = (a + 9, b - 2 if b - a == 28 else b)
    elif code in "16":
        account = tokens[0]
    if routing is not None and aba_ok(text[routing[0]:routing[1]]):
        yield *routing, ABA_ROUTING_NUMBER, "nacha-noc-routing"
    if account is not None and 4 <= account[1] - account[0] <= 17:
        yield *account, US_BANK_NUMBER, "nacha-noc-account"


# -- a value split across a form's or an object's keys, each part under its own name: an SSN in
# three (ssn1=688&ssn2=84&ssn3=7607, "ssn_part_1"), a phone number by its area code, exchange and
# line ("phone_area=855&phone_prefix=584&phone_line=5288", {"areaCode": "404", "number":
# "9310311"}). Every part must be there, in order and near, and the whole must be valid: each
# part is then the type's (a lone "area=512" or "ssn3=7607" is nothing)
_PART_VALUE = r"[\"']?\]?[ \t]*[:=][ \t]*[\"']?"
_SPLIT_SSN = re.compile(r"ssn[_\-]?(?:part[_\-]?|p)?(?:1|one|a|area)" + _PART_VALUE + r"(\d{3})(?![\d.])")
# (the first part's key, each spelling's head: a lead, "ssn" alone is in too many records)
_SPLIT_SSN_LEADS = ("ssn1", "ssn_1", "ssn-1", "ssnp", "ssn_p", "ssn-p", "ssna", "ssn_a", "ssn-a", "ssno", "ssn_o", "ssn-o")
_SSN_PART2 = re.compile(r"ssn[_\-]?(?:part[_\-]?|p)?(?:2|two|b|group)" + _PART_VALUE + r"(\d{2})(?![\d.])")
_SSN_PART3 = re.compile(r"ssn[_\-]?(?:part[_\-]?|p)?(?:3|three|c|serial)" + _PART_VALUE + r"(\d{4})(?![\d.])")
_SPLIT_AREA = re.compile(r"area[_\-]?(?:code|cd)?" + _PART_VALUE + r"([2-9]\d\d)(?![\d.])")
_PHONE_EXCHANGE = re.compile(r"(?<![a-z])(?:prefix|exchange|exch|nxx|central[_\-]?office)" + _PART_VALUE +
                             r"([2-9]\d\d)(?![\d.])")
_PHONE_LINE = re.compile(r"(?<![a-z])(?:line(?:[_\-]?(?:number|num|no))?|suffix|subscriber|station)" + _PART_VALUE +
                         r"(\d{4})(?![\d.])")
_PHONE_NUMBER7 = re.compile(r"(?<![a-z])(?:number|num|phone[_\-]?number|local[_\-]?number)" + _PART_VALUE +
                            r"([2-9]\d{2}-?\d{4})(?![\d.])")
_PART_NEAR = 96  # from one part's value to the next part's key
# (and a phone number as libphonenumber's PhoneNumber writes it, beside its country's calling
# code: {"countryCode": "+1", "nationalNumber": "2815768658"})
_NATIONAL_NUMBER = re.compile(r"national[_\-]?number" + _PART_VALUE + r"(\d[\d \-]{4,15}\d)(?![\d.])")
_CALLING_CODE = re.compile(r"country[_\-]?(?:calling[_\-]?)?code|calling[_\-]?code|dial(?:ing)?[_\-]?code")


# -- a fixed-width person record (a payroll or a collection system's export): the surname and
# the given name, each padded to its column, then the SSN at the next column's start, glued to
# what follows it, a sex code or a birth date ("MÜLLER              TOMASZ         890450696F0999...",
# "HERNANDEZ           MEGAN          481370417195405282080 OAK AVE"; a run whose middle is no
# date is no such record). The given name must be a common one (``given_names``) and the nine
# digits a taxpayer's number. A middle initial or a generation code may stand glued before the
# SSN ("JOHN           C048726790195404173319857329..."), the record's id glued before the
# surname ("0000074390JOHNSON ..."); the telephone after the birth date, or after a ZIP code
# that follows it, is read too where it is a valid North American number
_FIXED_PERSON = re.compile(r"  [A-Z]?(\d{9})(?=[MFUX]\d|(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
                           r"|(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:19|20)\d\d)")
# and a list export's telephone in the column after the given name ("D1720450361WASHINGTON
# JAMES          9372306847 JAMES.W..."): a valid North American number, then a blank
_FIXED_PHONE = re.compile(r"  (\d{10}) ")
# -- a person's identity number in a payment platform's JSON (Stripe Connect's persons and
# individual objects: "id_number": "397301807" beside the person's "dob" and names): a
# taxpayer's number when the record writes a person (a birth date's or a name's key)
_ID_NUMBER_JSON = re.compile(r"\"id_number\"[ \t]*:[ \t]*\"(\d{9})\"")
_PERSON_KEYS = re.compile(r"\"(?:dob|date_of_birth|birth_?date|first_name|last_name)\"[ \t]*:")
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_FIXED_NAMES = re.compile(r"(?<![^\W\d_]|')[" + _UPPER + r"][" + _UPPER + r"'\-]{1,24}(?: [" + _UPPER +
                          r"'\-]{2,24})? {2,}([" + _UPPER + r"][" + _UPPER + r"'\-]{1,19}) *\Z")


# -- an IRS MeF acknowledgement's validation error: the field's path, then the value it held
# ("<XpathContent>.../efile:PrimarySSN[1]</XpathContent>...<FieldValueTxt>169903855</FieldValueTxt>"):
# the value is the taxpayer's number the path names (an SSN's, a TIN's element)
_MEF_FIELD_VALUE = re.compile(r"(?<=[<:])fieldvaluetxt>(\d{3}-?\d{2}-?\d{4})</")
_MEF_XPATH = re.compile(r"<(?:\w{1,16}:)?xpathcontent>[^<]{0,400}?(?:ssn|tin|itin)(?:\[\d+\])?</(?:\w{1,16}:)?xpathcontent>")
_MEF_SPAN = 1200  # from the path's element to the value's: one validation error group


def _read_mef(batch, text, m, pattern):
    lo = batch.starts[batch.segment_of(m.start())]
    path = None
    for path in _MEF_XPATH.finditer(batch.lower, max(lo, m.start() - _MEF_SPAN), m.start()):
        pass
    if path is not None and "</validationerrorgrp>" not in batch.lower[path.end():m.start()]:
        t = _taxpayer(m.group(1))
        if t:
            yield m.start(1), m.end(1), t, "mef-error-value"


# -- the IRS's names of a direct deposit's numbers, as e-file and bank products log them: the
# routing transit number, then the depositor account number ("RTN 610248414 / DAN 5519124374586370",
# "rtn=...,dan=..."; Form 8888's words)
_RTN_DAN = re.compile(r"(?<![a-z0-9])rtn[ \t]*[:=#]?[ \t]*(\d{9})(?!\d)[ \t]*[/,;|]?[ \t]*dan[ \t]*[:=#]?[ \t]*(\d{4,17})(?![\d.])")


def _read_rtn_dan(batch, text, m, pattern):
    if aba_ok(m.group(1)):
        yield m.start(1), m.end(1), ABA_ROUTING_NUMBER, "rtn-dan-routing"
    yield m.start(2), m.end(2), US_BANK_NUMBER, "rtn-dan-account"


_LEADS = (
    (_FINCEN_ID, "partyidentification"), (_CVP_VALUE, _CVP_VALUE_LEADS), (_AST_CHANNEL, _AST_CHANNEL_LEADS),
    (_ISO8583_ACCOUNT, _ISO8583_LEADS), (_ID_TYPE_VALUE, ("ssn", "itin")),
    (_NOC_DATA, ("corrected data", "corrected_data", "correcteddata", "corrected-data")), (_NOC_ADDENDA, "798c0"),
    (_X12_BPR, "bpr[*|]"), (_X12_NM1, "nm1[*|]"), (_X12_PER, ("per[*|]", "g61[*|]")), (_X12_REF, "ref[*|]"),
    (_DED_CS, "ded\\*cs\\*"), (_EFW2_RW, ("RW\\d", "S\\d")), (_FIRE_B, ("B19", "B20")),
    (_TIN_MATCH, ("2;\\d", "3;\\d")),
    (_MT_ACCOUNT, ":5"), (_MT_25, ":25"), (_MT_FW, ":5"), (_MT_86_ACCOUNT, "\\?[23][0-9]"),
    (_FED_ABA, "\\{3[14]00\\}"), (_FED_FI, "\\{[45][0-2]00\\}"), (_FED_ACCOUNT, "\\{[45][02]00\\}"),
    (_ISO_ACCOUNT, "acct>"), (_ISO_MEMBER, "mmbid>"), (_BAI_03, "03,"),
    (_ISO_ACCOUNT_JSON, 'acct"'), (_ISO_MEMBER_JSON, ('"mmbid"', 'agent"')), (_BAI_HEADER, ("01,", "02,")),
    (_HL7_SEGMENT, ("(?:pid|gt1|nk1|in1|in2)\\|", "(?:orc|obr)\\|")), (_CX_SS, ("\\^ss", "\\^us", "\\^\\^ss")),
    (_SSA_OID, ("2\\.16\\.840\\.1\\.113883\\.4\\.1", "hl7\\.org/fhir/sid/us-ssn")), (_XTN, "\\^(?:prn|orn|wpn|vhn|asn|emr|bpn|prs)\\^"),
    (_PNR_FOP, ("FP[ CO]", "FOP", "\\d-\\*", "\\d\\d-\\*", "\\d\\.-\\*", "\\d\\d\\.-\\*")), (_PNR_CTCE, "CTCE"), (_PNR_CTC, "CTC[MHB]"),
    (_PNR_CTC_XML, 'Type="CTC'), (_PNR_AP, ("AP ", "AP[MBH][ \\-]")),
    (_PNR_SABRE_PHONE, ("\\d\\.[A-Z][A-Z][A-Z][+\\d]", "\\d\\d\\.[A-Z][A-Z][A-Z][+\\d]")),
    (_OFX_ACCTID, "<acctid>"), (_OFX_BANKID, "<bankid>"),
    (_NCPDP_ID, ("332-cy=",) + tuple(x for x in _NCPDP_LEADS if x.endswith("cy"))),
    (_NCPDP_PHONE, ("326-cq=", "498-pm=") + tuple(x for x in _NCPDP_LEADS if not x.endswith("cy"))),
    (_HICN, ("hic", "medicare")),
    (_IVR_DIGITS, ("digits", "dtmf", "collected")), (_SPLIT_SSN, _SPLIT_SSN_LEADS), (_SPLIT_AREA, "area[_\\-c\"'=: \\t\\]]"),
    (_NATIONAL_NUMBER, "national"), (_FIXED_PERSON, ("  " + "\\d" * 9, "  [A-Z]" + "\\d" * 9)),
    (_FIXED_PHONE, "  " + "\\d" * 10 + " "), (_ID_NUMBER_JSON, '"id_number"'), (_MEF_FIELD_VALUE, "fieldvaluetxt>"), (_RTN_DAN, "rtn"),
)
# the patterns read on the text as written (the rest on the lower-cased text)
_CASED = frozenset((_FIXED_PERSON, _FIXED_PHONE, _AST_CHANNEL, _BAI_HEADER, _TIN_MATCH, _MT_ACCOUNT, _MT_86_ACCOUNT, _MT_25, _MT_FW, _FED_ABA,
                    _FED_FI, _FED_ACCOUNT, _BAI_03, _EFW2_RW, _FIRE_B,
                    _PNR_FOP, _PNR_CTCE, _PNR_CTC, _PNR_CTC_XML, _PNR_AP, _PNR_SABRE_PHONE))


# -- identifiers by their place, no PII whatever their digits: X12's control numbers (ISA13, IEA02,
# GS06, GE02, ST02, SE02), BHT03's reference, CLM01's and CLP01/07's claim ids; HL7's message control id
# (MSH-10), the patient's ids and account (PID-2/3/4/18), the guarantor's number (GT1-2), the
# visit number (PV1-19). A digit run there is no phone, routing number or card by its shape
# alone (a format's own reading of a field, decisive, still stands: "^SSA^SS" in PID-3).
_X12_IDS = {"isa": (12,), "iea": (1,), "gs": (5,), "ge": (1,), "st": (1,), "se": (1,), "bht": (2,), "clm": (0,),
            "clp": (0, 6)}  # (an 835's CLP01 the provider's claim id, CLP07 the payer's)
_X12_ID_SEGMENT = re.compile(r"(?<![A-Za-z0-9])(isa|iea|gs|ge|st|se|bht|clm|clp)([*|])")
_HL7_IDS = {"msh": (9,), "pid": (2, 3, 4, 18), "gt1": (2,), "pv1": (19,)}
_HL7_ID_SEGMENT = re.compile(r"(?<![A-Za-z0-9])(msh|pid|gt1|pv1)\|")


def id_fields(batch) -> list[tuple[int, int]]:
    """(start, end) of the identifier fields above in the batch, sorted (cached); a batch
    without an X12 or HL7 segment's name costs the leads' lookups."""
    got = batch._cache.get("interchange-ids")
    if got is None:
        got = []
        text = batch.text
        for m in batch.scan(_X12_ID_SEGMENT, lower=True, lead=("isa[*|]", "iea[*|]", "gs[*|]", "ge[*|]",
                                                               "st[*|]", "se[*|]", "bht[*|]", "clm[*|]", "clp[*|]")):
            if _segment_start(batch, text, m.start()):
                want = _X12_IDS[m.group(1)]
                els = _elements(batch, text, m.end(), m.group(2), most=max(want) + 1, span=200)
                got += [els[k] for k in want if k < len(els)]
        for m in batch.scan(_HL7_ID_SEGMENT, lower=True, lead=("msh\\|", "pid\\|", "gt1\\|", "pv1\\|")):
            if _segment_start(batch, text, m.start()):
                got += _hl7_fields(batch, text, m, _HL7_IDS[m.group(1)])
        got += _fix_ids(batch)
        got.sort()
        batch._cache["interchange-ids"] = got
    return got


def _hl7_fields(batch, text: str, m: re.Match, want: tuple[int, ...]) -> list[tuple[int, int]]:
    """(start, end) of a segment's fields numbered ``want`` (MSH counts its separator as its
    first field: MSH-10 is the ninth after the name's '|')."""
    hi = min(batch.segment_bounds(batch.segment_of(m.start()))[1], m.end() + SEGMENT_SPAN)
    e = _HL7_END.search(text, m.end(), hi)
    end = e.start() if e else hi
    shift = 1 if m.group(1) == "msh" else 0
    out, at, k = [], m.end(), 1 + shift
    for n in want:
        while k < n:
            j = text.find("|", at, end)
            if j < 0:
                return out
            at, k = j + 1, k + 1
        j = text.find("|", at, end)
        out.append((at, j if j >= 0 else end))
    return out


def fields(batch) -> list[tuple[int, int, str, str]]:
    """(start, end, type, reason) of each value the formats above name (cached on the batch)."""
    got = batch._cache.get("interchange")
    if got is None:
        got = batch._cache["interchange"] = list(_read(batch))
    return got


def of_type(batch, entity: str):
    """(start, end, reason) of the values of one type."""
    return [(s, e, r) for s, e, t, r in fields(batch) if t == entity]


def _scan(batch, pattern, lead):
    # ("{4200}D..." has no letter: the same matches on either text; the rest are upper case as
    # the standards write them, or read lower-cased)
    return batch.scan(pattern, lower=pattern not in _CASED, lead=lead)


def _segment_start(batch, text: str, s: int) -> bool:
    """Whether a segment's name at ``s`` starts a segment: the record's start, or after a
    segment terminator, a line break (as written or escaped), a blank or a quote ("BPR*BPR*..."
    is no run of segments: a record of them is not read segment by segment)."""
    lo = batch.starts[batch.segment_of(s)]
    return s == lo or text[s - 1] in _SEGMENT_BEFORE or text.startswith(("\\n", "\\r"), s - 2)


_SEGMENT_BEFORE = frozenset("~\r\n \t\"'>")


# -- Metro 2 (the CDIA's credit reporting format, fixed width): a consumer's block, in the base
# segment (positions 232-325) and in each J1/J2 segment of an associated consumer: surname (25),
# first name (20), middle name (20), generation code (1), then the SSN (9), the date of birth
# (MMDDYYYY) and the telephone (10) in one run of digits, and the ECOA code (one digit) glued on
_METRO2_NAMES = re.compile(r"[A-Z\u00c0-\u00d6\u00d8-\u00de][A-Z\u00c0-\u00d6\u00d8-\u00de' \-.]{24}"
                           r"[A-Z\u00c0-\u00d6\u00d8-\u00de' \-.]{20}[A-Z\u00c0-\u00d6\u00d8-\u00de' \-.]{20}[A-Z0-9 ]")
_METRO2_DOB = re.compile(r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:19|20)\d\d")


def _metro2(batch):
    """(start, end, type, reason) of the SSN and the phone of each Metro 2 consumer block."""
    text = batch.text
    for s, e, _, _ in batch.tokens(27, 28):
        if e - s not in (27, 28) or s < 66 or not text[s:e].isdigit() or \
                _METRO2_NAMES.match(text, s - 66, s) is None or \
                _METRO2_DOB.match(text, s + 9, s + 17) is None:
            continue
        t = _taxpayer(text[s:s + 9])
        if t:
            yield s, s + 9, t, "metro2-consumer-ssn"
        phone = text[s + 17:s + 27]
        if phone != "0000000000" and _dialled_valid(phone, True):
            yield s + 17, s + 27, PHONE_NUMBER, "metro2-consumer-phone"


def _fixed_person(batch, text, m):
    s = m.start(1)
    lo, hi = batch.segment_bounds(batch.segment_of(s))
    n = _FIXED_NAMES.search(text, max(lo, s - 80), s - 1 if text[s - 1] != " " else s)
    if n is not None and n.group(1).lower() in GIVEN_NAMES:
        t = _taxpayer(m.group(1))
        if t:
            yield s, m.end(1), t, "fixed-width-person"
            if text[s + 9] in "MFUX":
                return  # (a sex code after the SSN: its birth date and telephone are elsewhere)
            for p in (s + 17, s + 22):  # (right after the birth date, or after a ZIP code: both
                # where both read as a telephone, the record's layout unknown)
                phone = text[p:p + 10]
                if p + 10 <= hi and phone.isdigit() and (p == s + 17 or text[s + 17:p].isdigit()) and \
                        _dialled_valid(phone, True):
                    yield p, p + 10, PHONE_NUMBER, "fixed-width-person-phone"


def _id_number(batch, text, m):
    lo, hi = batch.segment_bounds(batch.segment_of(m.start()))
    if _PERSON_KEYS.search(text, lo, hi):
        t = _taxpayer(m.group(1))
        if t:
            yield m.start(1), m.end(1), t, "person-id-number"


def _fixed_phone(batch, text, m):
    s = m.start(1)
    n = _FIXED_NAMES.search(text, max(batch.segment_bounds(batch.segment_of(s))[0], s - 80), s)
    if n is not None and n.group(1).lower() in GIVEN_NAMES and _dialled_valid(m.group(1), True):
        yield s, m.end(1), PHONE_NUMBER, "fixed-width-person-phone"


def _split_values(batch, text, pattern, m):
    low = batch.lower
    hi = batch.segment_bounds(batch.segment_of(m.start()))[1]
    if pattern is _SPLIT_SSN:
        two = _SSN_PART2.search(low, m.end(), min(hi, m.end() + _PART_NEAR))
        three = two and _SSN_PART3.search(low, two.end(), min(hi, two.end() + _PART_NEAR))
        if three:
            t = _taxpayer(m.group(1) + two.group(1) + three.group(1))
            if t:
                for g in (m, two, three):
                    yield g.start(1), g.end(1), t, "split-ssn"
        return
    if pattern is _NATIONAL_NUMBER:
        lo = batch.segment_bounds(batch.segment_of(m.start()))[0]
        if _CALLING_CODE.search(low, max(lo, m.start() - _PART_NEAR), min(hi, m.end() + _PART_NEAR)):
            yield m.start(1), m.end(1), PHONE_NUMBER, "national-number"
        return
    near = min(hi, m.end() + _PART_NEAR)
    exch = _PHONE_EXCHANGE.search(low, m.end(), near)
    line = exch and _PHONE_LINE.search(low, exch.end(), min(hi, exch.end() + _PART_NEAR))
    parts = (m, exch, line) if line else None
    if parts is None:
        seven = _PHONE_NUMBER7.search(low, m.end(), near)
        parts = (m, seven) if seven and seven.group(1)[0] != "1" else None
    if parts:
        for g in parts:
            yield g.start(1), g.end(1), PHONE_NUMBER, "split-phone"


def _read(batch):
    text = batch.text
    yield from _metro2(batch)
    yield from _fix(batch)
    for pattern, lead in _LEADS:
        read = _READERS[pattern]
        for m in _scan(batch, pattern, lead):
            yield from read(batch, text, m, pattern)


# -- each pattern's reader: (batch, text, match, pattern) -> (start, end, type, reason)...

def _read_x12(batch, text, m, pattern):
    if _segment_start(batch, text, m.start()):
        yield from _x12(batch, text, m, pattern)


def _read_iso8583(batch, text, m, pattern):
    k = 5 if m.group(5) is not None else 4
    if m.group(2) is not None and "acc" not in m.group(3) and \
            _ISO8583_NAMED.search(batch.lower, *batch.segment_bounds(batch.segment_of(m.start()))) is None:
        return  # ("<103>", "f102": a data element only with its name or its standard's)
    if len(m.group(k).lstrip("0")) <= 17:
        yield m.start(k), m.end(k), US_BANK_NUMBER, "iso8583-account"


def _read_fincen(batch, text, m, pattern):
    g = 1 if m.start(1) >= 0 else 2
    t = _taxpayer(m.group(g))
    if t:
        yield m.start(g), m.end(g), t, "fincen-party-tin"


def _read_ded_cs(batch, text, m, pattern):
    els = _elements(batch, text, m.end(), most=5, span=160)  # (case, date, amount, SSN)
    t = _taxpayer(text[els[3][0]:els[3][1]]) if len(els) > 3 else None
    if t:
        yield *els[3], t, "nacha-child-support-ssn"


def _read_record_tin(batch, text, m, pattern):
    s = m.start()
    t = _taxpayer(m.group(1))
    if t and (s == batch.starts[batch.segment_of(s)] or text[s - 1] in "\r\n"):
        yield m.start(1), m.end(1), t, "efw2-ssn" if pattern is _EFW2_RW else "fire-payee-tin"


def _read_taxpayer(reason):
    def read(batch, text, m, pattern):
        t = _taxpayer(m.group(1))
        if t:
            yield m.start(1), m.end(1), t, reason
    return read


def _read_cx_ss(batch, text, m, pattern):
    w = _CX_ID.search(text, max(batch.starts[batch.segment_of(m.start())], m.start() - 72), m.start())
    t = _taxpayer(w.group(1)) if w is not None else None
    if t and (w.start() == 0 or text[w.start() - 1] in "|~^&\r\n "):
        yield w.start(1), w.end(1), t, "hl7-cx-ssn"


def _read_hl7(batch, text, m, pattern):
    if _segment_start(batch, text, m.start()):
        yield from _hl7(batch, text, m)


def _read_xtn(batch, text, m, pattern):
    yield m.start(1), m.end(2), PHONE_NUMBER, "hl7-phone"


def _read_pnr_fop(batch, text, m, pattern):
    if luhn_ok(m.group(1)):
        yield m.start(1), m.end(1), CREDIT_CARD, "pnr-form-of-payment"


def _read_pnr_ctce(batch, text, m, pattern):
    if _pnr_address(m.group(1)):
        yield m.start(1), m.end(1), EMAIL_ADDRESS, "pnr-contact-email"


def _read_pnr_ctc_xml(batch, text, m, pattern):
    if m.group(1) == "E":
        if _pnr_address(m.group(2)):
            yield m.start(2), m.end(2), EMAIL_ADDRESS, "pnr-contact-email"
    elif _PNR_NUMBER.fullmatch(m.group(2)) and _dialled_valid(m.group(2)):
        yield m.start(2), m.end(2), PHONE_NUMBER, "pnr-contact-phone"


def _read_pnr_phone(batch, text, m, pattern):
    if _dialled_valid(m.group(1), pattern is _PNR_SABRE_PHONE):
        yield m.start(1), m.end(1), PHONE_NUMBER, "pnr-contact-phone"


def _read_ncpdp_id(batch, text, m, pattern):
    lo, hi = batch.segment_bounds(batch.segment_of(m.start()))
    t = _taxpayer(m.group(1))
    if t and _NCPDP_SSN_QUALIFIER.search(batch.lower, max(lo, m.start() - 240), min(hi, m.end() + 240)):
        yield m.start(1), m.end(1), t, "ncpdp-patient-ssn"


def _read_ncpdp_phone(batch, text, m, pattern):
    if _dialled_valid(m.group(1), True):
        yield m.start(1), m.end(1), PHONE_NUMBER, "ncpdp-patient-phone"


def _read_bai_header(batch, text, m, pattern):
    for k in (1, 2, 3, 4):
        v = m.group(k)
        if v is not None and len(v) == 9 and v.isdigit() and aba_ok(v):
            yield m.start(k), m.end(k), ABA_ROUTING_NUMBER, "bai2-header-routing"


def _read_mt_25(batch, text, m, pattern):
    if m.group(1) and aba_ok(m.group(1)):
        yield m.start(1), m.end(1), ABA_ROUTING_NUMBER, "swift-25-routing"
    if len(m.group(2)) <= 17:
        yield m.start(2), m.end(2), US_BANK_NUMBER, "swift-25-account"


def _read_routing(batch, text, m, pattern):
    k = 1 if m.group(1) is not None else 2
    if aba_ok(m.group(k)):
        yield m.start(k), m.end(k), ABA_ROUTING_NUMBER, "interchange-routing"


def _read_account(batch, text, m, pattern):
    if pattern is _ISO_ACCOUNT or pattern is _ISO_ACCOUNT_JSON or len(m.group(1)) <= 17:
        # (a longer number is an IBAN or another country's: its own recognizers read it)
        yield m.start(1), m.end(1), US_BANK_NUMBER, "interchange-account"


def _reader(fn):
    """A reader of a function that takes (batch, text, m)."""
    return lambda batch, text, m, pattern: fn(batch, text, m)


def _by_pattern(fn):
    """A reader of a function that takes (batch, text, pattern, m)."""
    return lambda batch, text, m, pattern: fn(batch, text, pattern, m)


def _ivr_digits(batch, m: re.Match):
    """The type an IVR's step names for the digits it collected (``_IVR_DIGITS``): the last
    step's name before them in the record."""
    lo = batch.starts[batch.segment_of(m.start())]
    step = None
    for step in _IVR_STEP.finditer(batch.lower, max(lo, m.start() - 160), m.start()):
        pass
    if step is None:
        return
    yield from _step_typed(step, m.group(1), m.start(1), m.end(1))


def _cvp(batch, text: str, m: re.Match):
    lo = batch.starts[batch.segment_of(m.start())]
    seen = batch._cache.setdefault("cvp-sessions", set())
    if lo not in seen:
        seen.add(lo)
        sm = _CVP_SESSION.match(text, lo)
        if sm is not None and all(int(x) <= 255 for x in sm.group(1).split(".")):
            yield sm.start(1), sm.end(1), IP_ADDRESS, "cvp-session-address"
    digits, s, e = m.group(2), m.start(2), m.end(2)
    if m.group(1):
        if _dialled_valid(digits, True):
            yield s, e, PHONE_NUMBER, "cvp-caller"
        return
    el = text.rfind(",", lo, m.start())
    step = _CVP_ELEMENT.search(batch.lower, el + 1, m.start()) if el >= 0 else None
    if step is not None:
        yield from _step_typed(step, digits, s, e)


def _step_typed(step: re.Match, digits: str, s: int, e: int):
    """(start, end, type, reason) of digits an IVR collected, by the kind its step names."""
    if step.group("ssn"):
        t = _taxpayer(digits)
        if t:
            yield s, e, t, "ivr-collected-ssn"
    elif step.group("acct") and 6 <= len(digits) <= 17:
        yield s, e, US_BANK_NUMBER, "ivr-collected-account"
    elif step.group("card") and 12 <= len(digits) <= 19 and luhn_ok(digits):
        yield s, e, CREDIT_CARD, "ivr-collected-card"
    elif step.group("phone") and _dialled_valid(digits, True):
        yield s, e, PHONE_NUMBER, "ivr-collected-phone"
    elif step.group("routing") and len(digits) == 9 and aba_ok(digits):
        yield s, e, ABA_ROUTING_NUMBER, "ivr-collected-routing"


def _ofx(batch, m: re.Match, account: bool):
    """An OFX account's number or its bank's routing number, by the aggregate around it (the
    nearest <...ACCTFROM>/<...ACCTTO>/<...ACCTINFO> before it in the record)."""
    lo = max(batch.starts[batch.segment_of(m.start())], m.start() - 400)
    kind = None
    for a in _OFX_AGGREGATE.finditer(batch.lower, lo, m.start()):
        kind = a.group(1)
    if kind is None:
        return
    if not account:
        if kind == "bank" and aba_ok(m.group(1)):
            yield m.start(1), m.end(1), ABA_ROUTING_NUMBER, "ofx-bank-id"
        return
    digits = m.group(1).replace("-", "").replace(" ", "")
    if kind == "cc":
        if 12 <= len(digits) <= 19 and luhn_ok(digits):
            yield m.start(1), m.end(1), CREDIT_CARD, "ofx-card-account"
    elif len(digits) <= 17:
        yield m.start(1), m.end(1), US_BANK_NUMBER, "ofx-bank-account"


_PNR_NUMBER = re.compile(r"\+?\d{7,16}")
_PNR_ADDRESS = re.compile(r"[A-Z0-9](?:[A-Z0-9.]|\./)*//[A-Z0-9](?:[A-Z0-9\-]|\.(?![/.])|\./)*[A-Z0-9]")


def _pnr_address(coded: str) -> bool:
    """Whether a CTCE's text is an address as IATA encodes it ("//" for "@", ".." for "_", "./"
    for "-")."""
    if not _PNR_ADDRESS.fullmatch(coded):
        return False
    for c, plain in _PNR_DECODE:
        coded = coded.replace(c, plain)
    return coded.count("@") == 1 and "." in coded.rpartition("@")[2]


def _dialled_valid(number: str, national_us: bool = False) -> bool:
    """Whether a reservation's contact number is a valid number as dialled: with its "+" or
    "00", or its country code first without either (IATA's way in SSRs); a Sabre phone field's
    number without a country code is North America's."""
    digits = "".join(c for c in number if c.isdigit())
    if number.startswith("+"):
        candidates = ["+" + digits]
    elif digits.startswith("00"):
        candidates = ["+" + digits[2:]]
    else:
        candidates = ["+" + digits] + (["+1" + digits] if national_us else [])
    for c in candidates:
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(c, None)):
                return True
        except phonenumbers.NumberParseException:
            continue
    return False


# how far a segment is read: X12's and HL7's segments are lines of a few hundred characters
# (bounded: a record of a million "PID|" would otherwise be read to its end from each one)
SEGMENT_SPAN = 4096


def _elements(batch, text: str, start: int, sep: str = "*", most: int = 24,
              span: int = SEGMENT_SPAN) -> list[tuple[int, int]]:
    """(start, end) of a segment's elements after its name's separator (``sep``: '*', or the
    '|' an interchange header may choose instead), to its end (at most ``most``, read within
    ``span`` characters)."""
    hi = min(batch.segment_bounds(batch.segment_of(start))[1], start + span)
    e = _X12_END.search(text, start, hi)
    end = e.start() if e else hi
    out, at = [], start
    while at <= end and len(out) < most:
        j = text.find(sep, at, end)
        if j < 0:
            out.append((at, end))
            break
        out.append((at, j))
        at = j + 1
    return out


def _x12(batch, text: str, m: re.Match, pattern):
    els = _elements(batch, text, m.end(), text[m.start() + 3])  # els[0] is the segment's element 01
    value = [text[a:b] for a, b in els]
    if pattern is _X12_BPR:
        for q, at in ((5, 6), (11, 12)):  # BPR06/07 and BPR12/13 (0-based: 5/6, 11/12)
            if at < len(value) and value[q] == "01" and len(value[at]) == 9 and aba_ok(value[at]):
                yield *els[at], ABA_ROUTING_NUMBER, "x12-routing"
        for q, at in ((7, 8), (13, 14)):  # BPR08/09 and BPR14/15
            if at < len(value) and value[q] in _ACCOUNT_QUALIFIERS and _DIGITS.match(value[at]):
                yield *els[at], US_BANK_NUMBER, "x12-account"
    elif pattern is _X12_REF:
        t = _taxpayer(value[0]) if value else None  # (the match holds REF01)
        if t:
            yield *els[0], t, "x12-ssn"
    elif pattern is _X12_NM1:
        # NM108 "34": NM109 is a Social Security Number (an ITIN where the member has none)
        t = _taxpayer(value[8]) if len(value) > 8 and value[7] == "34" else None
        if t:
            yield *els[8], t, "x12-ssn"
    else:
        for q in (2, 4, 6):  # PER03/04, PER05/06, PER07/08
            if q + 1 < len(value) and value[q] in _PHONE_QUALIFIERS and _PHONE_DIGITS.match(value[q + 1]):
                yield *els[q + 1], PHONE_NUMBER, "x12-phone"


def _hl7(batch, text: str, m: re.Match):
    fields = _HL7_FIELDS[m.group(1)]
    hi = min(batch.segment_bounds(batch.segment_of(m.start()))[1], m.end() + SEGMENT_SPAN)
    e = _HL7_END.search(text, m.end(), hi)
    end = e.start() if e else hi
    at, k = m.end(), 1
    for n, kind in fields:
        while k < n:
            j = text.find("|", at, end)
            if j < 0:
                return
            at, k = j + 1, k + 1
        j = text.find("|", at, end)
        field = (at, j if j >= 0 else end)
        if kind == US_SSN:
            t = _taxpayer(text[field[0]:field[1]])
            if t:
                yield *field, t, "hl7-ssn"
        else:
            # the first repetition's first component: "(555)555-1234^PRN^PH", "5555551234~..."
            p = _HL7_PHONE.match(text, *field)
            if p is not None and (p.end() == field[1] or text[p.end()] in "^~"):
                yield p.start(), p.end(), PHONE_NUMBER, "hl7-phone"


def _ssa_identified(batch, text: str, m: re.Match):
    """The SSN an identifier names by the SSA's OID or FHIR's SSN system: the attribute
    ``extension`` of the same XML element, or the member "value" of the same JSON object."""
    lo, hi = batch.segment_bounds(batch.segment_of(m.start()))
    lt = text.rfind("<", max(lo, m.start() - 300), m.start())
    if lt >= 0 and ">" not in text[lt:m.start()]:
        gt = text.find(">", m.end(), min(hi, m.end() + 300))
        x = _EXTENSION.search(text, lt, gt if gt >= 0 else m.end())
        got = (x.start(1), x.end(1)) if x is not None else None
    else:
        x = _FHIR_VALUE_AFTER.match(text, m.end() + 1, min(hi, m.end() + 240))
        if x is None:
            x = _FHIR_VALUE_BEFORE.search(text, max(lo, m.start() - 240), m.start())
        got = (x.start(1), x.end(1)) if x is not None else None
    if got:
        t = _taxpayer(text[got[0]:got[1]])
        if t:
            yield *got, t, "ssa-oid-ssn"


_READERS = {
    _X12_BPR: _read_x12, _X12_NM1: _read_x12, _X12_PER: _read_x12, _X12_REF: _read_x12,
    _CVP_VALUE: _reader(_cvp), _AST_CHANNEL: _reader(_asterisk_cdr), _FIXED_PERSON: _reader(_fixed_person),
    _FIXED_PHONE: _reader(_fixed_phone), _ID_NUMBER_JSON: _reader(_id_number),
    _SPLIT_SSN: _by_pattern(_split_values), _SPLIT_AREA: _by_pattern(_split_values),
    _NATIONAL_NUMBER: _by_pattern(_split_values),
    _ID_TYPE_VALUE: lambda batch, text, m, pattern: _typed_id(batch, m),
    _ISO8583_ACCOUNT: _read_iso8583, _NOC_DATA: _by_pattern(_noc), _NOC_ADDENDA: _by_pattern(_noc), _FINCEN_ID: _read_fincen,
    _DED_CS: _read_ded_cs, _EFW2_RW: _read_record_tin, _FIRE_B: _read_record_tin,
    _TIN_MATCH: _read_taxpayer("tin-matching"), _SSA_OID: _reader(_ssa_identified), _CX_SS: _read_cx_ss,
    _HL7_SEGMENT: _read_hl7, _XTN: _read_xtn, _PNR_FOP: _read_pnr_fop, _PNR_CTCE: _read_pnr_ctce,
    _PNR_CTC_XML: _read_pnr_ctc_xml, _OFX_ACCTID: lambda batch, text, m, pattern: _ofx(batch, m, pattern is _OFX_ACCTID),
    _OFX_BANKID: lambda batch, text, m, pattern: _ofx(batch, m, pattern is _OFX_ACCTID),
    _NCPDP_ID: _read_ncpdp_id, _NCPDP_PHONE: _read_ncpdp_phone,
    _IVR_DIGITS: lambda batch, text, m, pattern: _ivr_digits(batch, m), _HICN: _read_taxpayer("medicare-hicn"),
    _PNR_CTC: _read_pnr_phone, _PNR_AP: _read_pnr_phone, _PNR_SABRE_PHONE: _read_pnr_phone,
    _MEF_FIELD_VALUE: _read_mef, _RTN_DAN: _read_rtn_dan, _BAI_HEADER: _read_bai_header, _MT_25: _read_mt_25,
    _MT_FW: _read_routing, _FED_ABA: _read_routing, _FED_FI: _read_routing, _ISO_MEMBER: _read_routing,
    _ISO_MEMBER_JSON: _read_routing,
}
# (the rest are accounts: SWIFT's, Fedwire's, ISO 20022's, BAI2's)
_READERS.update({p: _read_account for p, _ in _LEADS if p not in _READERS})
