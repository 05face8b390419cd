"""Property and donor records, found by an independent probe (2026-12-06: rental applications,
tenant screening, rent and owner payments, HOA dues, donor CRMs). False alarms fixed: a county's
parcel number written as an SSN is ("APN 774-80-8504", ``"parcel": ...``). Each case fails on the
code before the commit that fixed it (9b7165a); the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line", [
    "Tax bill for APN 774-80-8504 assessed value $412,300",
    '{"listing":"MLS-2291","parcel":"784-48-9387","owner":"Ross LLC"}',
    "Parcel=829-19-2880 zoning=R-2",
])
def test_parcel_numbers_are_no_ssns(procs, line):
    check_none(procs, line, types=("US_SSN", "US_ITIN"))


@pytest.mark.parametrize("line, want", [
    # guards: an applicant's SSN beside a parcel's words
    ("Rental application: applicant SSN 587-95-0759, unit 4B", {("US_SSN", "587-95-0759")}),
    ('{"applicant":{"ssn":"587-95-0759"},"parcel":"784-48-9387"}', {("US_SSN", "587-95-0759")}),
])
def test_property_guards(procs, line, want):
    check_every(procs, line, want)
