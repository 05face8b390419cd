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
])
def test_tables_with_drawn_rules(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line", [
    "status | ok\\nfoo | 12345678",  # no rule, no header's hint: no table
    " id | note\\n----+-----------\\n  1 | 87605260804",  # a table whose column names no account
])
def test_two_columns_without_a_rule_or_an_account_stay_clean(procs, line):
    check_none(procs, line, ("US_BANK_NUMBER",))
