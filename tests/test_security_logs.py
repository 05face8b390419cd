"""Values in security and identity logs, found leaking by an independent probe (2026-12-06,
values nobody on the team wrote: sshd, login, Windows commands, IdP events). Each case fails on
the code before the commit that fixed it; the guards beside them pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, value", [
    ("Aug 28 03:12:03 edge-fw-01 sshd[55719]: Failed password for invalid user Maverick1992= from "
     "192.168.112.231 port 2375 ssh2", "Maverick1992="),
    ("sshd[4290]: error: PAM: Authentication failure for illegal user M@$t3r*9143 from 2607:f8b0::1",
     "M@$t3r*9143"),
    ("sshd[64576]: Failed password for invalid user oQinxWE2n(Cp+mBU from 138.106.5.11 port 12238 ssh2",
     "oQinxWE2n(Cp+mBU"),
    ("login[45322]: FAILED LOGIN (1) on '/dev/tty6' FOR 'Winter76_', Authentication failure", "Winter76_"),
])
def test_a_password_typed_at_the_login_prompt(procs, line, value):
    check_every(procs, line, {("SECRET", value)})


@pytest.mark.parametrize("line", [
    "sshd[1]: Failed password for invalid user admin from 1.2.3.4 port 22 ssh2",
    "sshd[1]: Failed password for root from 1.2.3.4 port 22 ssh2",
    "sshd[1]: Invalid user john.smith2 from 1.2.3.4 port 22",
    "sshd[1]: Invalid user oracle_db-01 from 1.2.3.4",
    "sshd[1]: Failed password for invalid user bob@example.com from 1.2.3.4",
    # a test's user of words and a random tag; a byte beyond ASCII as sshd escapes it
    "sshd-session[406147]: Invalid user crowdsec-test-NtktlJHV4TfBSK3wvlhiOBnl from 1.2.3.4 port 5",
    "sshd[32547]: Invalid user llinco\\361ir from 1.2.3.4",
])
def test_user_names_of_failed_logins_stay_clean(procs, line):
    check_none(procs, line, ("SECRET",))


def test_a_windows_accounts_backslash_is_no_escape(procs):
    # "\r" of "ACME\rmaxwell11" read as a carriage return ended the command before its password
    check_every(procs, r"net use \\srv\share /user:ACME\rmaxwell11 Baseball11!", {("SECRET", "Baseball11!")})
    check_every(procs, r"net use \\srv\share /user:ACME\maxwell11 Baseball11!", {("SECRET", "Baseball11!")})
    # "\t" of "GLOBEX\timothyo" read as a tab made "imothyo" a password
    check_none(procs, r"net use /user:GLOBEX\timothyo", ("SECRET",))
    # a JSON string's line break after a word in capitals is still one
    check_every(procs, r'msg="FAILED\nssn: 536-90-4399"', {("US_SSN", "536-90-4399")})


@pytest.mark.parametrize("line", [
    "Password Last Set: 2024-12-23",  # Windows event 4738
    "Password Last Set:\t2024-12-23 10:41:07",
    'field=password value="" autocomplete=current-password minlength=12',
])
def test_a_date_or_another_attribute_after_password_is_no_password(procs, line):
    check_none(procs, line, ("SECRET",))


def test_a_password_told_in_prose_is_still_one(procs):
    check_every(procs, "my password is Hunter2024!", {("SECRET", "Hunter2024!")})


def test_radius_accounting_session_id_is_no_session(procs):
    # RADIUS's Acct-Session-Id names an accounting record, not a login's session
    check_none(procs, '\tAcct-Session-Id = "65D2D15376D604DB"', ("SECRET",))
    check_every(procs, "session_id=65D2D15376D604DBa9f3", {("SECRET", "65D2D15376D604DBa9f3")})
