"""The name/value idiom written inline in a text record: a JSON object inside a log line whose
value member ("value", "address", "id") is named by a sibling member ("key", "type", "name"),
before or after it (Amazon Connect's contact records, AWS parameters and tags, FHIR's contact
points, identity documents). Found leaking by an independent probe (2026-12-06). Each positive
case fails on the code before the commit that fixed it; the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    ('"Parameters": {"Value": "879905985", "Key": "CustomerSSN"}, "Results": "Success"',
     {("US_SSN", "879905985")}),
    ('"Parameters": {"Key": "CustomerSSN", "Value": "879905985"}', {("US_SSN", "879905985")}),
    ('"CustomerEndpoint": {"Address": "+14128468277", "Type": "TELEPHONE_NUMBER"}, "Channel": "VOICE"',
     {("PHONE_NUMBER", "+14128468277")}),
    ('"identifiers": [{"id": "536904398", "type": "SSN"}, {"type": "MRN", "id": "71204"}]',
     {("US_SSN", "536904398")}),
])
def test_a_sibling_member_names_the_value(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line, want", [
    # (the name before the value was read before as the words before it: kept)
    ('contact point {"system": "phone", "value": "+14128468277", "use": "mobile"} updated',
     {("PHONE_NUMBER", "+14128468277")}),
    ("tags={Key=ssn_last, Value=536904398}", {("US_SSN", "536904398")}),
])
def test_a_name_member_before_the_value(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line", [
    # the sibling names another thing, or belongs to another object
    '"Parameters": {"Value": "536904398", "Key": "OrderId"}',
    '"identifiers": [{"type": "MRN", "id": "536904398"}]',
    '[{"type": "SSN", "masked": true}, {"value": "xxx-xx-4398"}, {"value": "536904398", "key": "invoice_no"}]',
])
def test_a_sibling_that_names_another_thing(procs, line):
    check_none(procs, line, ("US_SSN",))
