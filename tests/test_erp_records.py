"""ERP, accounting and accounts-payable logs, found by an independent probe (2026-12-06: SAP
IDocs, change documents and payment runs, Oracle EBS, NetSuite, QuickBooks, Xero, expense and
payroll exports). Leaked: a change document's values named by its field ("field Bank Acct
changed from X to Y": ``statements.validation``), a validator's value before its field ("Invalid
Field Value X for the following field: taxidnum"), SAP's payment-run fields (REGUH's
``ZBNKL``/``ZBNKN``, a bank key and an account), Oracle's login with its password in a JDBC URL
(``jdbc:oracle:thin:APPS/pw@host``: read as an e-mail address over password and host). Each case
fails on the code before the commit that fixed it; the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    ("CDPOS: field Bank Acct changed from 2089635025 to 726544407305, bank key 241656747 unchanged",
     {("US_BANK_NUMBER", "2089635025"), ("US_BANK_NUMBER", "726544407305")}),
    ("BAPI_VENDOR_CHANGE E 042: Invalid Field Value 216981803 for the following field: taxidnum",
     {("US_SSN", "216981803")}),
    ("F110 REGUH LAUFD=20240612 LAUFI=V1 ZBNKS=US ZBNKL=648746933 ZBNKN=505067106092 RBETR=1520.00",
     {("ABA_ROUTING_NUMBER", "648746933"), ("US_BANK_NUMBER", "505067106092")}),
    ("ConcurrentMgr: connecting jdbc:oracle:thin:APPS/UU$4zHe^41!l@prod-ebs.corp.local:1521/EBSPROD",
     {("SECRET", "UU$4zHe^41!l")}),
    # guards
    ("LFBK: LIFNR=0000104455 BANKS=US BANKL=021000021 BANKN=8135685985",
     {("ABA_ROUTING_NUMBER", "021000021"), ("US_BANK_NUMBER", "8135685985")}),
    ("mail bob/jane.doe@example.com", {("EMAIL_ADDRESS", "jane.doe@example.com")}),
])
def test_erp_values_are_found(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line, value", [
    ("Status changed from 200000001 to 300000002", "300000002"),
    ("ConcurrentMgr: connecting jdbc:oracle:thin:APPS/UU$4zHe^41!l@prod-ebs.corp.local:1521/EBSPROD",
     "UU$4zHe^41!l@prod-ebs.corp.local"),
])
def test_named_otherwise_is_no_value(procs, line, value):
    for name, proc in procs.items():
        assert not any(v == value for _, v in found(proc, line)), (name, line, found(proc, line))
