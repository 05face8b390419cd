"""Browser and front-end telemetry, found by an independent probe (2026-12-06: HAR files, Sentry,
Bugsnag, Rollbar, Datadog RUM, LogRocket, console logs, CSP reports, autofill beacons). False
alarm fixed: a front end's Authorization header sent without its token ("Bearer null",
"Bearer undefined"). Leaked (the marketing-platforms probe): a lead form's account under
Facebook Lead Ads' {"name": ..., "values": [...]}. Each case fails on the code before the commit
that fixed it (cdcaa63); the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line", [
    '{"request":{"headers":{"authorization":"Bearer null","accept":"application/json"}}}',
    '{"name":"Authorization","value":"Bearer undefined"}',
])
def test_a_scheme_without_its_credential_is_no_secret(procs, line):
    for name, proc in procs.items():
        assert not [v for t, v in found(proc, line) if t == "SECRET"], (name, line)


@pytest.mark.parametrize("line, want", [
    ('{"request":{"headers":{"authorization":"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc123def456ghi789"}}}',
     {("SECRET", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc123def456ghi789")}),
    ("authorization: Bearer nullXy7Qk2Lm9Rt4Vb8Wz3", {("SECRET", "nullXy7Qk2Lm9Rt4Vb8Wz3")}),
])
def test_frontend_guards(procs, line, want):
    for name, proc in procs.items():
        got = found(proc, line)
        assert any(t == "SECRET" and w[1] in v for t, v in got for w in want), (name, line, got)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_lead_forms_values_are_named_by_its_field(procs, fmt):
    """Facebook Lead Ads' field_data: {"name": "checking_account_number", "values": [...]}, a
    name and a list of values (found by the marketing-platforms probe, 2026-12-06)."""
    doc = ('{"field_data":[{"name":"checking_account_number","values":["80432697079983"]},'
           '{"name":"email","values":["a.b@example.org"]}]}')
    for name, proc in procs.items():
        r = proc.process([doc.encode()], fmt)[0]
        assert "US_BANK_NUMBER" in [e["type"] for e in r.entities], (name, fmt, r.entities)


def test_an_autofill_fields_value_is_named_by_its_name(procs):
    """'{"name": "ddaAccount", "autocomplete": "off", "type": "text", "value": ...}': a few members
    between the field's name and its value (a2ef908 missed it)."""
    line = '{"fields":[{"name":"ddaAccount","autocomplete":"off","type":"text","value":"717990999"}]}'
    check_every(procs, line, {("US_BANK_NUMBER", "717990999")})
