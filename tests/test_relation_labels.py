"""Another member's number after the type's word: the label of a household's or an application's
other member right before a bare 9-digit number ("Taxpayer SSN 536904399, spouse 412345671",
"ssn=... spouse=...", "dependents 412345672, 412345673", "co-applicant: ...") says whose number
it is; the type's word earlier in the record says what it is (``us_ssn.relation_labelled``).
Round 59's note listed "taxpayer SSN X, spouse Y" as still missed.

Each positive case fails on 59b492b (a worktree of it: the second number leaked); the guards
pass both."""
from __future__ import annotations

import pytest

from conftest import check_every, check_none


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    ("1040 intake: Taxpayer SSN 536904399, spouse 412345671, filing jointly",
     {("US_SSN", "536904399"), ("US_SSN", "412345671")}),
    ("household ssn=536904399 spouse=412345671 status=MFJ", {("US_SSN", "412345671")}),
    ("taxpayer ssn 536904399 spouse 412345671 dependents 412345672, 412345673",
     {("US_SSN", "412345672"), ("US_SSN", "412345673")}),
    ("Primary applicant SSN 536904399; co-applicant: 412345671; income verified",
     {("US_SSN", "412345671")}),
    ("joint return SSN=536904399 co_filer=412345671", {("US_SSN", "412345671")}),
    ("Taxpayer ITIN 912701234, spouse 912711235", {("US_ITIN", "912711235")}),
])
def test_found(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line", [
    # no type's word before the label; a contrary word after it; the label's value is not the
    # number (another word between)
    "order 536904399 spouse 412345671",
    "ssn lookup skipped, order id 536904399 spouse 412345671",
    "ssn check done, spouse count 412345671",
])
def test_none(procs, line):
    check_none(procs, line, types=("US_SSN", "US_ITIN"))
