"""Values in retail, point-of-sale, loyalty and pharmacy records, found by an independent probe
(2026-12-06: POS journals, receipts, EMV kernel logs, loyalty look-ups, gift cards, pharmacy
claims and adjudication, delivery orders, chargebacks). Leaked: a pharmacy claim's patient id
where its qualifier says it is an SSN and the patient's phone, as NCPDP's telecommunication
standard numbers its fields ("331-CX=01 332-CY=122395351", "326-CQ=9178775714"); a legacy
Medicare claim number (an SSN with the beneficiary's letter glued on: "mbr_hicn=477936814A"); a
19-digit card in an EMV dump's tag 5A. False alarms: a prescriber's NPI labelled as such read as a
phone, a journal row's compact timestamp ("20240827075316") read as a card. Each case fails on
the code before the commit that fixed it (52313e1); the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    ("20240428132055 B1 D0 101-A1=610502 104-A4=9999 201-B1=1380158604 AM04 302-C2=37729105701 301-C1=RX9546 "
     "AM01 304-C4=19690429 305-C5=2 310-CA=PATRICIA 311-CB=JENSEN 331-CX=01 332-CY=122395351 350-HN=r.b@proton.me",
     {("US_SSN", "122395351")}),
    ("20240529043357 B1 D0 101-A1=610502<FS>104-A4=9999<FS>201-B1=1809727492<FS>AM04<FS>302-C2=W724144970<FS>"
     "326-CQ=9297959499<FS>331-CX=01<FS>332-CY=486764615<FS>AM07<FS>407-D7=61714472458",
     {("PHONE_NUMBER", "9297959499"), ("US_SSN", "486764615")}),
    ("2024-07-14 00:59:18 ADJ claim=33908496041337 payer=MEDICAID GA BIN 004336 mbr_hicn=477936814A status=PAID",
     {("US_SSN", "477936814")}),
    ("EMV: 9F02 06 000000008758 5A 09 4539977127824938453 5F34 01 02", {("CREDIT_CARD", "4539977127824938453")}),
])
def test_retail_and_pharmacy_values(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line, types", [
    # a patient id whose qualifier says it is another id (02: a driver's licence)
    ("B1 D0 101-A1=610502|331-CX=02|332-CY=486764615|AM07", ("US_SSN", "US_ITIN")),
    ("Rx fill WALGREENS #4471 TEL 919-268-4658 DEA GT2722898 NPI 2263099337", ("PHONE_NUMBER",)),
    ('1557,06,704816,20240827075316,MASTERCARD,"XXXXXXXXXXXX1872",0226,011261,201.59', ("CREDIT_CARD",)),
])
def test_retail_numbers_that_are_no_pii(procs, line, types):
    if types == ("PHONE_NUMBER",):
        for name, proc in procs.items():
            assert ("PHONE_NUMBER", "2263099337") not in found(proc, line), name
        return
    check_none(procs, line, types=types)


@pytest.mark.parametrize("line, want", [
    # guards: a facility's phone after another field's NPI; a card that a card's word labels
    ("ORC|RE|28067147|S25-18049||||||20240112014635-0600|||2946543586^HENRY^CORY^^^^MD^^^NPI|||||||||"
     "PIEDMONT LAB||(757)880-6307", {("PHONE_NUMBER", "(757)880-6307")}),
    ("cc 1796489644452 exp 09/27", {("CREDIT_CARD", "1796489644452")}),
    ("payment card 4539977127824937 approved", {("CREDIT_CARD", "4539977127824937")}),
])
def test_retail_guards(procs, line, want):
    check_every(procs, line, want)
