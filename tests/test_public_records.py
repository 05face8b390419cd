"""Values in government, court and education systems' records, found leaking by independent
probes (2026-12-06, values nobody on the team wrote: NACHA benefit payments, 911 dispatch logs,
garnishment writs, tax-refund records, payroll onboarding). Each case fails on the code before
the commit that fixed it; the guards beside them pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    # a NACHA entry's individual identification number holding the payee's SSN
    ("62769608278842672588851890   0000006074128896161      ROBERTSON LISA          0073332580599688",
     {("US_SSN", "128896161")}),
    # a 911 dispatch's caller (ANI)
    ("CAD 24-118833 | CB (770) 284-1144 | ANI 9197883182 ALI 123 MAIN ST", {("PHONE_NUMBER", "9197883182")}),
    # a writ's second account after the first's keyword
    ("Garnishee: First Bank. Acct#: 238286408 and 5441954949 to be frozen",
     {("US_BANK_NUMBER", "238286408"), ("US_BANK_NUMBER", "5441954949")}),
    # the IRS's depositor account number as a JSON member
    ('{"rtn":"031176110","dan":"26151686753"}', {("US_BANK_NUMBER", "26151686753")}),
    # a direct deposit's account under "dd_account"
    ("dd_routing: 675122229 dd_account: 1688793678 dd_type: S", {("US_BANK_NUMBER", "1688793678")}),
])
def test_values_in_public_and_school_records(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line, types", [
    ("Giovanni 9197883182", ("PHONE_NUMBER",)),
    # a payroll entry's individual id: an employee number padded with zeros
    ("6232915215894603872039       0000400325003704802      THOMAS BILLY            0059593741032995", ("US_SSN",)),
    # the last four digits a bankruptcy filing may show
    ("Last 4 digits of account number 4027", ("US_BANK_NUMBER",)),
])
def test_guards(procs, line, types):
    check_none(procs, line, types)
