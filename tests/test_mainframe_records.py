"""Mainframe and EDI output, found by an independent probe (2026-12-06: COBOL, JCL, JES2, IBM i
job logs and spool files, CICS, X12 and EDIFACT, Connect:Direct, DB2). Leaked: a password as
mainframe commands pass one, IBM i's CL parameter (``PASSWORD(0Y8@Y5$G)``), Connect:Direct's node
ids (``SIGNON USERID=(cdadmin,8II9XEW2)``), DB2's ``CONNECT TO db USER u USING 'pw'``. Each case
fails on the code before the commit that fixed it (a2ef908); the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    ("CPC2205: CHGUSRPRF USRPRF(JDOE) PASSWORD(0Y8@Y5$G) STATUS(*ENABLED)", {("SECRET", "0Y8@Y5$G")}),
    ("SIGNON USERID=(cdadmin,8II9XEW2) ESF=NO", {("SECRET", "8II9XEW2")}),
    ("PROCESS SNODE=CD.PROD SNODEID=(batchusr,Qw3rty9Z,NewPw77x)", {("SECRET", "Qw3rty9Z")}),
    ("DSNT408I CONNECT TO PRODDB USER db2inst1 USING 'Lg7Ql%D*7V#sSpea9_B'", {("SECRET", "Lg7Ql%D*7V#sSpea9_B")}),
])
def test_mainframe_passwords(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line", [
    "CRTUSRPRF USRPRF(QSECOFR2) PASSWORD(*NONE) STATUS(*DISABLED)",
    "CHGVAR VAR(&MSG) VALUE('ok'); CALL PGM(CHKPWD) PARM(PASSWORD(&PWD))",
    "user.password(newPassword) called; hash_password(pw) ok",
])
def test_no_mainframe_password(procs, line):
    for name, proc in procs.items():
        assert not [v for t, v in found(proc, line) if t == "SECRET"], (name, line, found(proc, line))
