"""Values in database and ORM logs, named by their place: a statement's bound parameters (the
column a placeholder fills or is compared with, and the values listed after the statement), an
INSERT's row, and the value a database error quotes with its key or column. Found leaking by an
independent probe (2026-12-06: Hibernate, ActiveRecord, Django, SQLAlchemy, TypeORM, Sequelize,
Ecto, EF Core, MySQL, PostgreSQL and SQL Server logs). Each positive case fails on the code
before the commit that fixed it; the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none

from piistream.models.recognizers.base import Batch
from piistream.models.recognizers.statements import bound_values, index_column


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    # ActiveRecord: the pairs after the statement
    ('  Payout Create (1.9ms)  INSERT INTO "payouts" ("acct_no") VALUES ($1) RETURNING "id"  [["acct_no", 40417730]]',
     {("US_BANK_NUMBER", "40417730")}),
    ('  User Load (0.6ms)  SELECT "users".* FROM "users" WHERE "users"."passwd" = $1 LIMIT $2  '
     '[["passwd", "q7Rz!mWv2#Lk9pXe"], ["LIMIT", 1]]', {("SECRET", "q7Rz!mWv2#Lk9pXe")}),
    # TypeORM, Sequelize: positional parameters after the statement
    ('query: INSERT INTO "payees" ("id", "checkingAccount", "name") VALUES ($1, $2, $3) -- PARAMETERS: '
     '[5521,"30716624","Ann Lee"]', {("US_BANK_NUMBER", "30716624")}),
    ('Executing (default): INSERT INTO "members" ("id", "taxpayerId", "name") VALUES ($1, $2, $3); '
     '88213, "914782201", "Ann Lee"', {("US_ITIN", "914782201")}),
    # Django: the row in place, and again as the statement's args
    ("(0.003) INSERT INTO \"billing_bankaccount\" (\"country\", \"account_number\") VALUES ('US', '60931174') "
     "RETURNING \"billing_bankaccount\".\"id\"; args=('US', '60931174')",
     {("US_BANK_NUMBER", "60931174")}),
    ("INSERT INTO billing_bankaccount (country, account_number) VALUES ('US', '60931174')",
     {("US_BANK_NUMBER", "60931174")}),
    # SQL Server: named parameters after sp_executesql's statement
    ("exec sp_executesql N'UPDATE [Clients] SET [ApiSecret] = @p0, [Name] = @p1 WHERE [Id] = @p2',"
     "N'@p0 nvarchar(40),@p1 nvarchar(4000),@p2 bigint',@p0=N'Zq8vR2mTxL4kWp9sNc3bYh7dFj1gUe6a',@p1=N'Ann',@p2=7",
     {("SECRET", "Zq8vR2mTxL4kWp9sNc3bYh7dFj1gUe6a")}),
    # errors that quote a value with its key or column
    ("ERROR 1062 (23000) at line 12: Duplicate entry '536904398' for key 'borrowers.ssn_UNIQUE'",
     {("US_SSN", "536904398")}),
    ('pymysql.err.IntegrityError: (1062, "Duplicate entry \'9c1e5a7b3f0d2e4c6a8b0d1f3e5c7a9b1d3f5e7a\' '
     'for key \'sessions.session_token_UNIQUE\'")', {("SECRET", "9c1e5a7b3f0d2e4c6a8b0d1f3e5c7a9b1d3f5e7a")}),
    ("ERROR 1366 (HY000): Incorrect integer value: 'f3a9c2e7b1d4f6a8c0e2b4d6f8a0c2e4' for column 'api_token' at row 2",
     {("SECRET", "f3a9c2e7b1d4f6a8c0e2b4d6f8a0c2e4")}),
    ('"detail":"Key (webhook_secret)=(V9xKp2LmQ7rTz4WbN8cYh3FjD6gSa1Ue) already exists."',
     {("SECRET", "V9xKp2LmQ7rTz4WbN8cYh3FjD6gSa1Ue")}),
    ("DETAIL:  Key (routing_number, account_number)=(021000021, 7731904412) already exists.",
     {("ABA_ROUTING_NUMBER", "021000021"), ("US_BANK_NUMBER", "7731904412")}),
])
def test_values_named_by_their_place(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line", [
    # the columns name other things
    'query: INSERT INTO "jobs" ("id", "job_id", "owner") VALUES ($1, $2, $3) -- PARAMETERS: [5521,"265484659","ann"]',
    "ERROR 1062 (23000): Duplicate entry '265484659' for key 'jobs.job_id_UNIQUE'",
    '  Order Load (0.4ms)  SELECT "orders".* FROM "orders" WHERE "orders"."invoice_no" = $1  [["invoice_no", 536904398]]',
])
def test_values_named_otherwise(procs, line):
    check_none(procs, line)


@pytest.mark.parametrize("line, types", [
    # a version under its column, however much it looks like an address
    ("STATEMENT:  INSERT INTO \"shipments\" (\"id\", \"agent_version\", \"public_id\") VALUES (3749, '17.3.8.6', 'b37b')",
     ("IP_ADDRESS",)),
    ("java.sql.SQLIntegrityConstraintViolationException: Duplicate entry '16.0.3.5' for key 'ledger_entries.driver_version'",
     ("IP_ADDRESS",)),
    # a password's algorithm, and SQL Server's parameter in a password's place
    ('#<Security id: 188, first_name: "Matt", password_algo: "argon2id", verified_at: "2024-03-11 14:17:38">', ("SECRET",)),
    ("exec sp_executesql N'UPDATE [Users] SET [Password] = @p1 WHERE [Id] = @p2'", ("SECRET",)),
])
def test_look_alikes_in_database_logs(procs, line, types):
    check_none(procs, line, types)


def test_an_address_under_its_column_is_one(procs):
    check_every(procs, "INSERT INTO logins (user, ip) VALUES ('bob', '81.2.69.161')",
                {("IP_ADDRESS", "81.2.69.161")})


@pytest.mark.parametrize("line, want", [
    ('SELECT * FROM "t" WHERE "t"."ssn" = $2 AND "t"."id" = $1 ["7", "536904398"]',
     [("536904398", "ssn"), ("7", "id")]),
    ("UPDATE users SET password = ?, name = ? WHERE id = ? args=('pw1', 'Ann', 3)",
     [("pw1", "password"), ("Ann", "name"), ("3", "id")]),
    ("SELECT a FROM t WHERE note = 'is x = ? here' AND acct = ? params=[17]", [("17", "acct")]),
    ("Duplicate entry 'x1' for key 'uk_ss_number'", [("x1", "ss_number")]),
    ("Checking for update: see https://example.org/a?b=1", []),
])
def test_bound_values(line, want):
    got = bound_values(Batch([line]), 0)
    pairs = sorted((line[s:e], n) for s, e, n in zip(*got)) if got else []
    assert pairs == sorted(want)


def test_index_names():
    assert [index_column(n) for n in ("borrowers.ssn_UNIQUE", "idx_applicants_itin", "IX_Users_HomePhone",
                                      "webhooks_secret_key", "uk_ss_number", "key")] == \
        ["ssn", "applicants_itin", "Users_HomePhone", "webhooks_secret", "ss_number", "key"]
