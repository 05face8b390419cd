"""Values in data-science and analytics tools' output, found leaking by an independent probe
(2026-12-06, values nobody on the team wrote: psql and Spark tables, task runners' logs of them).
Each case fails on the code before the commit that fixed it; the guards beside them pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    # a table with a rule drawn under its header (psql, Spark's show()), two columns or more,
    # its lines joined as a logger escapes them; a task runner's prefix on each line
    (" id | AccountNumber\\n----+-------------------\\n  1 | 10071543180215126\\n  2 | 87605260804\\n(2 rows)",
     {("US_BANK_NUMBER", "10071543180215126"), ("US_BANK_NUMBER", "87605260804")}),
    ("+---+-----------+\\n| id|    account|\\n+---+-----------+\\n|  1|87605260804|\\n+---+-----------+",
     {("US_BANK_NUMBER", "87605260804")}),
    ("[2024-05-14, 06:45:32 UTC] {subprocess.py:93} INFO - Output: id | street | AccountNumber\\n"
     "[2024-05-14, 06:46:59 UTC] {subprocess.py:93} INFO - ----+----------------------+-------------------\\n"
     "[2024-05-14, 06:47:53 UTC] {subprocess.py:93} INFO -   1 | 710 Foster Stream    | 10071543180215126",
     {("US_BANK_NUMBER", "10071543180215126")}),
    # pandas: a DataFrame's columns aligned by blanks (values right-aligned under their names,
    # each row led by its index), a Series' values named by its footer
    ("INFO dq.checks: sample rows:\\n          id  routing_number     account_number  ...  fraud_score\\n"
     "0          1       121324377        70430257875  ...     0.150870\\n"
     "1          2       028363978       436093610484  ...     0.902070",
     {("ABA_ROUTING_NUMBER", "121324377"), ("US_BANK_NUMBER", "70430257875"), ("US_BANK_NUMBER", "436093610484")}),
    ("   id        ssn  amount\\n0   1  048726661   12.50\\n1   2  536904399    3.10",
     {("US_SSN", "048726661"), ("US_SSN", "536904399")}),
    ("INFO pipelines.customers: sample of joined output:\\n2675    326005462\\n6163    310254151\\n"
     "Name: bank_routing, Length: 48213, dtype: object",
     {("ABA_ROUTING_NUMBER", "326005462"), ("ABA_ROUTING_NUMBER", "310254151")}),
])
def test_tables_with_drawn_rules(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line", [
    "status | ok\\nfoo | 12345678",  # no rule, no header's hint: no table
    " id | note\\n----+-----------\\n  1 | 87605260804",  # a table whose column names no account
    "a  b\\n1  536904399",  # two one-letter names: no column of SSNs
    "2024 INFO done  ok\\n12  rows  written  536904399",
])
def test_two_columns_without_a_rule_or_an_account_stay_clean(procs, line):
    check_none(procs, line, ("US_BANK_NUMBER", "US_SSN"))


def test_an_azure_storage_urls_container_is_no_mailbox(procs):
    check_none(procs, "Preview of abfss://raw@acmelake.dfs.core.windows.net/leads/x.csv (first 2 rows)",
               ("EMAIL_ADDRESS",))
