"""Objects as programs dump them into logs, found by an independent probe (2026-12-06: toString
of Java, Kotlin and Scala objects, Python reprs, Ruby inspect, Go and Rust debug output, C#
records, PHP dumps, Erlang terms, SQL binds). False alarms fixed: Erlang's report header
("=INFO REPORT==== 20-Mar-2024::15:00:07 ===") read as an IPv6 address, a struct's type named
after its key read as its value ("Credentials = Credentials { ...", Ruby's "#<Credentials:0x...").
Leaked: a value PostgreSQL logs after its statement ("DETAIL:  parameters: $2 = '021775687'" for
"customer_ssn"), p6spy's statement logged as prepared and then with its values. Each case fails
on the code before the commit that fixed it (9b7165a; the statements: 4224813); the guards pass
both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, value", [
    ("=INFO REPORT==== 20-Mar-2024::15:00:07 === user logged in", "2024::15:00:07"),
    ('request: Credentials = Credentials { UserName = "bob", Domain = "corp" }', "Credentials"),
    ('session: credentials: Credentials { region: "us-east-1" }', "Credentials"),
    ('#<Credentials:0x00006342c8a35522 @region="us-east-1">', "0x00006342c8a35522"),
])
def test_dump_syntax_is_no_value(procs, line, value):
    for name, proc in procs.items():
        assert not any(v == value for _, v in found(proc, line)), (name, line, found(proc, line))


@pytest.mark.parametrize("line, want", [
    # PostgreSQL's extended-protocol log: the statement, then "DETAIL:  parameters: $1 = ..."
    ("2024-04-15 02:20:40.078 UTC [33913] app@orders LOG:  execute <unnamed>: INSERT INTO users (event_id, "
     "customer_ssn, status) VALUES ($1, $2, $3)\\nDETAIL:  parameters: $1 = '1495042459624178819', "
     "$2 = '021775687', $3 = 'verified'", {("US_SSN", "021775687")}),
    # p6spy: the statement as prepared, then as run with its values
    ("p6spy - #2663785447110 | took 3ms | statement | connection 8|\\ninsert into applicants (source_ip, aba, "
     "account_number) values (?, ?, ?)\\ninsert into applicants (source_ip, aba, account_number) values "
     "('73.220.17.230', '039130174', '20449524374862');", {("US_BANK_NUMBER", "20449524374862")}),
])
def test_statements_logged_with_their_values(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line, want", [
    # guards: the members of a dumped struct are read; an address written out still is one
    ('Credentials = Credentials { UserName = "bob", Password = "Xy7#kk29aa" }', {("SECRET", "Xy7#kk29aa")}),
    ('Python Credentials(token="ya29.a0AfH6SMBxQk3nT0pq8Zr2")', {("SECRET", "ya29.a0AfH6SMBxQk3nT0pq8Zr2")}),
    ("client 2001:db8:85a3::8a2e:370:7334 connected", {("IP_ADDRESS", "2001:db8:85a3::8a2e:370:7334")}),
    ("credentials: hunter2Xy9!", {("SECRET", "hunter2Xy9!")}),
])
def test_dump_guards(procs, line, want):
    check_every(procs, line, want)


def test_a_qualified_type_name_is_no_credential(procs):
    """PowerShell's parameter binding logs a credential's type, not its value (a real log of the
    shared corpus: "name=\\"DomainAdministratorCredential\\"; value=\\"System.Management.
    Automation.PSCredential\\""); a password of dotted words still is one."""
    line = ('ParameterBinding(Get-TargetResource): name=\\"DomainAdministratorCredential\\"; '
            'value=\\"System.Management.Automation.PSCredential\\"\\r\\nParameterBinding(Get-TargetResource)')
    for name, proc in procs.items():
        assert not [v for t, v in found(proc, line) if t == "SECRET"], (name, found(proc, line))
    check_every(procs, "password=My.Secret.Pass9", {("SECRET", "My.Secret.Pass9")})
