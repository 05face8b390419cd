"""Five more independent probes (2026-12-07, held out: run once on a387592 before these fixes):
automotive retail and dealer financing, online gaming and sportsbooks, tax preparation and
e-file, debt collection and credit reporting, manufacturing, IoT and laboratory systems.

Leaked: a person's headerless row known by its name ("WILLIAMS, DONNA", "LEE|RICHARD",
"Elizabeth Brown": a common given name, ``given_names``) or by a compact birth date written
month first ("03041955"), its one bare 9-digit field an SSN or an ITIN (a name is no evidence
for a phone: a motor vehicle record's licence number, test_trading_campus_tables); a row's fields padded by a blank ("APPLICANT: ... | 399200539 | DOB 10/14/1980 |"); a
value split across a form's or an object's keys ("ssn1=688&ssn2=84&ssn3=7607", "phone_area=",
{"areaCode": ..., "prefix": ..., "lineNumber": ...}, {"areaCode": ..., "number": ...});
libphonenumber's {"countryCode", "nationalNumber"}; a fixed-width person record (the surname and
the given name padded to their columns, the SSN glued to what follows); Metro 2's consumer block
with accented names; a formatted SSN after a contrary word that named its own number ("Batch 0334
xmit ok: return 135-48-4533"); a taxpayer's number with its kind in brackets ("956553354
(ITIN)"); an IRS MeF acknowledgement's error value under a path that names an SSN; the IRS's
depositor account number after its routing number ("RTN 610248414 / DAN 5519124374586370"); an
element's child that holds its number ("<Account><Number>..."); an SMS opt-out report's row, the
subscriber's number its first field ("6147990023,STOP,...,shortcode 44704"); a MICR
line's letters in a check scan's record ("CHK SCAN ... T113000023T").

False alarms fixed: a count of accounts ("accts=61188 mean=517"); an employer's EIN in an
e-file's XML; a preference cookie's settings under a session-like name.

Each positive case and each fixed false alarm fails on a387592 (a worktree of it); the guards
pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    # a person's row known by its name, "LAST, FIRST" in one field (and a birth date month first)
    ("D|61732045|48213907765120934|HARRIS, DONNA|471908356|07121962|6175550199|H|3125550147|C|1288.40|",
     {("US_SSN", "471908356")}),
    # the surname and the given name in two fields, a bare SSN
    ("ECA|7720010000|40917755321|MORGAN|KIMBERLY|538201947|4045550123|300|B|255.79|20201223",
     {("US_SSN", "538201947")}),
    ("EF|2023|1040|561203847|PARKER|JENNIFER|REJ|6454582025015c1v5hfk|3|91714", {("US_SSN", "561203847")}),
    ("307563,SCHNEIDER,ELENA,512047336,MAINT,3RD,29.75,6.28,4111.10", {("US_SSN", "512047336")}),
    ("1159|TANAKA|MARCUS|912717358|MX|9712.77|81847.86|14", {("US_ITIN", "912717358")}),
    # an ITIN in a row with a compact birth date
    ("CTR|12122024|JACKSON|OMAR|954707107|20020104|1984 OCEAN AVE|ATLANTIC CITY|NJ|08401|CASH-IN|41462.00",
     {("US_ITIN", "954707107")}),
    # a birth date written month first, compact
    ("BASE,11565889,18,64,5679.53,WARD,KEISHA,610860632,06271972,XB,11262020", {("US_SSN", "610860632")}),
    # fields padded by a blank
    ("APPLICANT: BRANDON LI | 3728 Pine Ct, Atlanta GA 30372 | 399200539 | DOB 10/14/1980 | EMPLOYER HEB",
     {("US_SSN", "399200539")}),
    # a value split across a form's keys
    ("POST /finance/apply fname=Linda&lname=Murphy&ssn1=688&ssn2=84&ssn3=7607&phone_area=855&phone_prefix=584"
     "&phone_line=5288", {("US_SSN", "688"), ("US_SSN", "84"), ("US_SSN", "7607"), ("PHONE_NUMBER", "855"),
                          ("PHONE_NUMBER", "584"), ("PHONE_NUMBER", "5288")}),
    ('{"form": "identity_verify", "fields": {"ssn1": "847", "ssn2": "80", "ssn3": "8740", "dob": "1966-09-26"}}',
     {("US_SSN", "847"), ("US_SSN", "80"), ("US_SSN", "8740")}),
    ('{"contactId": "62938958", "phone": {"areaCode": "720", "prefix": "697", "lineNumber": "9167"}}',
     {("PHONE_NUMBER", "720"), ("PHONE_NUMBER", "697"), ("PHONE_NUMBER", "9167")}),
    ('{"homePhone":{"areaCode":"404","number":"9310311","ext":""}}',
     {("PHONE_NUMBER", "404"), ("PHONE_NUMBER", "9310311")}),
    # libphonenumber's PhoneNumber
    ('{"phone": {"countryCode": "+1", "nationalNumber": "2815768658", "type": "mobile"}}',
     {("PHONE_NUMBER", "2815768658")}),
    # a fixed-width person record; Metro 2's J1 segment with accented names
    ("M\u00dcLLER              TOMASZ         890450696F09999695MAINT814777", {("US_SSN", "890450696")}),
    ("02253412999242        HERNANDEZ           MEGAN          481370417195405282080 OAK AVE      DETROIT",
     {("US_SSN", "481370417")}),
    ("J1 N\u00da\u00d1EZ                    JOS\u00c9                                     "
     "4902860450826199885667738527", {("US_SSN", "490286045"), ("PHONE_NUMBER", "8566773852")}),
    # a contrary word that named its own number ("Batch 0334"), then the SSN
    ("2024-02-19 03:42:54 [EF] Batch 0334 xmit ok: return 135-48-4533 1040 TY2023 state=none ack=A",
     {("US_SSN", "135-48-4533")}),
    # a taxpayer's number with its kind in brackets
    ("ACDV 15R30962177411 CONS-ID: 956553354 (ITIN) ACCT: 6564711752701877 DISPUTE: 103",
     {("US_ITIN", "956553354")}),
    # an IRS MeF acknowledgement's validation error: the path names the taxpayer's number
    ("<ValidationErrorGrp><ErrorId>1</ErrorId><XpathContent>/efile:Return[1]/efile:ReturnHeader[1]/efile:Filer[1]/"
     "efile:PrimarySSN[1]</XpathContent><ErrorCategoryCd>Data Mismatch</ErrorCategoryCd><RuleNum>IND-181-01"
     "</RuleNum><FieldValueTxt>169903855</FieldValueTxt></ValidationErrorGrp>", {("US_SSN", "169903855")}),
    # the IRS's names of a direct deposit's numbers, a blank after them
    ("ERROR BankProductService - RT enrollment failed: RTN 610248414 / DAN 5519124374586370 rejected (B29)",
     {("US_BANK_NUMBER", "5519124374586370")}),
    # an element's child that holds its number
    ("<Placement><Debtor><Name>SMITH, ASHLEY</Name></Debtor><Account><Number>5837673695944395</Number>"
     "<Balance>14415.29</Balance></Account></Placement>", {("US_BANK_NUMBER", "5837673695944395")}),
    # an SMS opt-out report's row: the subscriber's number first, the keyword it sent
    ("6147990023,STOP,2024-08-22 22:04:16,shortcode 44704,campaign=SB_MARCHMADNESS",
     {("PHONE_NUMBER", "6147990023")}),
    # a check scan's MICR line, its letters without the word
    ("CHK SCAN 79055812 T113000023T 477612246810O 2305  $6,817.26",
     {("ABA_ROUTING_NUMBER", "113000023"), ("US_BANK_NUMBER", "477612246810")}),
])
def test_found(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line", [
    # fixed: a count of accounts; an employer's EIN
    "Score model CRS_v4 run 20200806: accts=61188 mean=517 p90=657 seg_ids=568838",
    "<PreparerPersonGrp><PTIN>P09454268</PTIN><PreparerFirmEIN>303740180</PreparerFirmEIN>",
    # guards: a W-2's control number; a city and its state beside a 9-digit id; a lone part of a split value
    "W-2 Wage and Tax Statement 2023 ... d Control number 074299779",
    "host|AUSTIN|TX|123456789|ok|x",
    "area=512 sqft; line=1234",
    '{"ssn3": "7607"}',
    '{"nationalNumber": "2815768658"}',
    # an e-file error's value under a path that names no taxpayer's number
    "<ValidationErrorGrp><XpathContent>/efile:Return[1]/efile:IRS1040[1]/efile:WagesAmt[1]</XpathContent>"
    "<FieldValueTxt>169903855</FieldValueTxt></ValidationErrorGrp>",
    "RTN check done 5 days",
    # a row's first field without an SMS report's words (a record's id, as often as not)
    "6147990023,START,2024-08-22,node 4",
    "5540978473,Emma,Jones,emma.jones@example.com,1984-08-16,37164.51",
    "221795328,Aiden,Borg,aiden.borg@example.com,MI,VIP3,1984-08-16,37164.51",
    "<Account><Type>CHK</Type></Account><Order><Number>5837673695</Number>",
    # capitals padded without a common given name
    "SERVER  ALPHA  123456789X",
    "WIDGET              BRACKET        890450696F09999695",
])
def test_none(procs, line):
    check_none(procs, line, types=("SECRET", "US_SSN", "US_ITIN", "US_BANK_NUMBER", "CREDIT_CARD", "PHONE_NUMBER",
                                   "ABA_ROUTING_NUMBER"))


def test_preference_cookies_are_no_session(procs):
    line = "Set-Cookie: lr_sess_pref=lang%3Dde-DE%7Codds%3Damerican%7Ctheme%3Ddark; Path=/; Secure"
    session = "Set-Cookie: sessid=a8Fj3kLm9QwErTy7uIoP; Path=/"
    for name, proc in procs.items():
        assert found(proc, line) == set(), name
        assert found(proc, session) == {("SECRET", "a8Fj3kLm9QwErTy7uIoP")}, name


def test_a_list_of_accounts_is_still_read(procs):
    for name, proc in procs.items():
        assert found(proc, "accounts: 123456, 654321") == {("US_BANK_NUMBER", "123456"),
                                                            ("US_BANK_NUMBER", "654321")}, name
