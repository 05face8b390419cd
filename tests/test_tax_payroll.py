"""Values in tax, payroll and HR paperwork, found leaking (or flagged falsely) by an independent
probe (2026-12-06, values nobody on the team wrote: W-2 e-file records, X12 834 enrollments, ACH
child-support addenda, 1099 imports, tax software logs, unemployment claims). Each case fails on
the code before the commit that fixed it; the guards beside them pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    # X12 834: REF*0F, the subscriber number a plan fills with the subscriber's SSN (a dependent's
    # loop names its own SSN in NM1*IL ... *34*), and REF*SY, an SSN by its qualifier
    ("INS*N*19*021*28*A***F~REF*0F*342454181~NM1*IL*1*THOMPSON*DEVON****34*501250128~DMG*D8*19780108*F~",
     {("US_SSN", "342454181"), ("US_SSN", "501250128")}),
    ("REF*SY*342454181~", {("US_SSN", "342454181")}),
    # PER*IP: the insured party's contact; "IP" is no IP address's word here
    ("NM1*IL*1*JOHNSON*STEVEN*J***34*051872863~PER*IP**HP*2277108817*EM*steven.johnson@campbell.org~",
     {("US_SSN", "051872863"), ("PHONE_NUMBER", "2277108817")}),
    # NACHA's child-support addenda: case, date, amount, then the absent parent's SSN
    ("705DED*CS*2020DR614765*241013*82748*687028344*N*ANDREWS,MI*23191*Y\\",
     {("US_SSN", "687028344")}),
    # the SSA's W-2 upload (EFW2) RW record and a state's ICESA wage record: the SSN by position
    ("RW503814872ALLEN                         ROBERTSON         619 PATRICIA RIDGE",
     {("US_SSN", "503814872")}),
    ("S413469266VEGA                COREY       V13                0000000291864400000000303061",
     {("US_SSN", "413469266")}),
    # a 1099 import's next column names its TIN's kind
    ('1099-NEC,616104859,SSN,"Price, Tim",329 Bailey Road Suite 374,Ryanland,CA,59462',
     {("US_SSN", "616104859")}),
    ('1099-NEC,915977923,ITIN,"Graves, Ronald",7390 Aguilar Greens,Kyleton,FL,31978',
     {("US_ITIN", "915977923")}),
    # an e-file's element names its text (camel case: EmployeeSSN)
    ('<IRSW2 documentId="IRSW2-2"><EmployeeSSN>111342880</EmployeeSSN><EmployerEIN>710243682</EmployerEIN>',
     {("US_SSN", "111342880")}),
    # the IRS's RTN and DAN (depositor account number) of a refund's direct deposit
    ("WARN RefundTransfer: bank product declined for TIN 680-48-8568 RTN=072626124 DAN=0003346198523 reason=R03",
     {("ABA_ROUTING_NUMBER", "072626124"), ("US_BANK_NUMBER", "0003346198523")}),
    # a direct deposit abbreviated, then routing/account
    ("@payroll-ops fyi new hire Kayla Flores ssn 697481913 dob 11/25/84 starts Monday, dd to 039156899/53842646508538145",
     {("ABA_ROUTING_NUMBER", "039156899"), ("US_BANK_NUMBER", "53842646508538145")}),
    # a one-time code sent to a phone
    ("2024-02-10 16:22:31,331 INFO mfa: sent code to 3322470655 for user Emily.Hughes@hotmail.com",
     {("PHONE_NUMBER", "3322470655")}),
])
def test_values_named_by_their_place_or_their_neighbour(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line, types", [
    # an employer's accounts with the state's tax and unemployment agencies
    ("Claimant SSN: 283-44-3111 | Last Employer Acct: 9489643-6 | Contact: x", ("US_BANK_NUMBER",)),
    ("Separation notice (DOL-800): Employer UI acct 161589-49, FEIN 42-4785480", ("US_BANK_NUMBER",)),
    ("CA withholding account 072-5781-0", ("US_BANK_NUMBER",)),
    # the last four digits a statement shows
    ("Statement for account ending 0255 is ready", ("US_BANK_NUMBER",)),
    ("Acct ending in 4373", ("US_BANK_NUMBER",)),
    # a TIN column that names an EIN; an element that names one
    ('1099-NEC,616104859,EIN,"Price Co"', ("US_SSN", "US_ITIN")),
    ("<EmployerEIN>710243682</EmployerEIN>", ("US_SSN", "US_ITIN", "ABA_ROUTING_NUMBER")),
    ("sent exit code to 1234567890", ("PHONE_NUMBER",)),
])
def test_other_numbers_stay_clean(procs, line, types):
    check_none(procs, line, types)


def test_a_label_after_another_fields_value_is_the_values_own(procs):
    """The claim's own label: the SSN word belongs to the field before it."""
    line = "Claimant SSN: 283-44-3111 | Claim ID: 205044965 | BYE: 01/10/2026 | WBA: $579"
    for proc in procs.values():
        assert {v for t, v in found(proc, line) if t == "US_SSN"} == {"283-44-3111"}
