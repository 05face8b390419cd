"""Values in database dumps and data exports as they land in logs, found leaking by an
independent probe (2026-12-06, values nobody on the team wrote: SQL statements, COPY blocks,
MongoDB and DynamoDB JSON, ORM logs, PostgreSQL errors). Each case fails on the code before the
commit that fixed it; the guards beside them pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none, found


@pytest.fixture(scope="module")
def procs(both):
    return both


# -- a value in an object that names its type: the key before the object is the value's -------
@pytest.mark.parametrize("line, want", [
    ('{"account_number": {"S": "2850413012782"}}', ("US_BANK_NUMBER", "2850413012782")),
    ('{"acct_no": {"N": "230324703649"}}', ("US_BANK_NUMBER", "230324703649")),
    ('{"depositAccount": {"$numberLong": "720346800711"}}', ("US_BANK_NUMBER", "720346800711")),
    ('{"accountNumber":{"$numberLong":"5867512591435043"}}', ("US_BANK_NUMBER", "5867512591435043")),
    # Avro's JSON encoding of a union, as Kafka Connect writes it
    ('{"ssn": {"string": "215996437"}, "acct": {"long": 720346800711}}', ("US_BANK_NUMBER", "720346800711")),
])
def test_a_value_wrapped_in_its_type_takes_the_key_before_the_wrapper(procs, line, want):
    check_every(procs, line, {want})


def test_a_secret_wrapped_in_its_type_takes_the_key_before_the_wrapper(procs):
    line = '{"signing_secret":{"S":"VURq2WQQdBrfhULkP6SQe0GiiUrBOuyOG"}}'
    check_every(procs, line, {("SECRET", "VURq2WQQdBrfhULkP6SQe0GiiUrBOuyOG")})
    # a name/value pair whose members are wrapped in their types
    line = '{"key": {"S": "sftp_password"}, "value": {"S": "9T*+RcS5dBx=if#95*0"}}'
    check_every(procs, line, {("SECRET", "9T*+RcS5dBx=if#95*0")})


@pytest.mark.parametrize("line", [
    '{"Item":{"id":{"N":"215996437"},"count":{"N":"6508603236"}}}',
    '{"order_id": {"$numberLong": "720346800711"}}',
    '{"token": {"$numberLong": "1234"}}',
    # a single-table design's key: a user's id after the entity's name, not a bank account
    '{"pk":{"S":"ACCOUNTS_USER#194938"},"sk":{"S":"PROFILE"}}',
])
def test_wrapped_values_under_other_keys_stay_clean(procs, line):
    check_none(procs, line, ("US_BANK_NUMBER", "US_SSN", "PHONE_NUMBER", "SECRET", "CREDIT_CARD"))


# -- PostgreSQL's unique violation: "Key (column)=(value) already exists." --------------------
@pytest.mark.parametrize("line, want", [
    ("DETAIL:  Key (phone)=((404) 568-8869) already exists.", ("PHONE_NUMBER", "(404) 568-8869")),
    ("DETAIL:  Key (mobile)=(+522001989253) already exists.", ("PHONE_NUMBER", "(+522001989253)")),
    ("DETAIL:  Key (ssn)=(215996437) already exists.", ("US_SSN", "215996437")),
])
def test_a_postgres_key_detail_names_its_value(procs, line, want):
    check_every(procs, line, {want})


def test_an_international_number_in_parentheses_is_one_phone(procs):
    # "(+14155550123)": the whole number in parentheses, no blank after its country code
    check_every(procs, "mobile: (+14155550123)", {("PHONE_NUMBER", "(+14155550123)")})
    check_none(procs, "x (+1234) y")


# -- INSERT rows: SQL Server's bracketed names and N'...' literals; a settings table's rows ------
def test_an_insert_with_bracketed_columns_and_prefixed_literals_names_its_values(procs):
    line = ("INSERT INTO [dbo].[household_members] ([id], [primary_ssn], [name], [itin]) VALUES "
            "(439866, N'370776760', N'Erin', N'964734983');")
    check_every(procs, line, {("US_SSN", "370776760"), ("US_ITIN", "964734983")})
    line = "INSERT INTO t (id, ssn) VALUES (1, E'370776760'), (2, _utf8mb4'370776761');"
    check_every(procs, line, {("US_SSN", "370776760"), ("US_SSN", "370776761")})


@pytest.mark.parametrize("line, value", [
    ("INSERT INTO `site_settings` (`id`, `name`, `value`, `updated_at`) VALUES "
     "(747616, 'db_password', 'Summitcopper7150&', '2024-01-01');", "Summitcopper7150&"),
    ("INSERT INTO settings (id, setting_key, setting_value) VALUES (1, 'smtp_password', "
     "'Cobalttundra3298$'), (2, 'site_name', 'Acme');", "Cobalttundra3298$"),
    ("INSERT INTO site_settings (id, key, value, updated_at) VALUES (345060, 'db_password', "
     "'1awixUjGXaYKjihtiQ1dJ4kE50241P384B5wr', '2023-06-19 12:39:09');",
     "1awixUjGXaYKjihtiQ1dJ4kE50241P384B5wr"),
])
def test_a_settings_rows_value_is_the_credential_its_name_names(procs, line, value):
    check_every(procs, line, {("SECRET", value)})


def test_a_settings_rows_other_values_stay_clean(procs):
    line = ("INSERT INTO settings (id, setting_key, setting_value) VALUES (2, 'site_name', 'Acme'), "
            "(3, 'api_key', 'default'), (4, 'password_policy', 'strong');")
    check_none(procs, line, ("SECRET",))
    # a random value under a column named "key" is still read as that key's
    line = "INSERT INTO t (id, key, value) VALUES (1, 'sk_7hd8Qm2LpZ4xWq9Rb3', 'blue');"
    assert ("SECRET", "sk_7hd8Qm2LpZ4xWq9Rb3") in found(procs["rules"], line)


# -- a settings row without its header: a credential's name, then its value ---------------------
@pytest.mark.parametrize("line, value", [
    ("715530,ldap_bind_password,Glaciervelvet3527@,2025-09-06 06:56:52", "Glaciervelvet3527@"),
    ("380553,jwt_signing_secret,165002fafb14542c96ba2f51902af611,", "165002fafb14542c96ba2f51902af611"),
    ('"65030","db_password","vgB4R_G0fjg1iSpK$6Y.wI0%lQ1","2024-01-25 20:30:14"', "vgB4R_G0fjg1iSpK$6Y.wI0%lQ1"),
    ("869466\tldap_bind_password\tjSGc.4iH7N%-#ZCbQ\t2024-04-09", "jSGc.4iH7N%-#ZCbQ"),
    ("user_id|api_token|9f8e7d6c5b4a39281706f5e4d3c2b1a0|active", "9f8e7d6c5b4a39281706f5e4d3c2b1a0"),
    # PostgreSQL's not-null or check violation prints the row
    ("2023-03-17 08:37:13.261 UTC [92093] DETAIL:  Failing row contains (205944, aws_secret_access_key, "
     "9SwQqxnmYfOrDmglVu4g0G3HzYs+8rY4dYVVsUkF, 2024-06-21 20:08:38, null).",
     "9SwQqxnmYfOrDmglVu4g0G3HzYs+8rY4dYVVsUkF"),
])
def test_a_rows_field_after_a_credentials_name_is_its_value(procs, line, value):
    check_every(procs, line, {("SECRET", value)})


@pytest.mark.parametrize("line", [
    "id,db_password,created_at",  # a header row: the next field is the next column's name
    "id,password,address_line2",
    "password,secret_key,token",
    "reset your password, Thanks",
    "user,password,active",
])
def test_a_header_rows_names_are_no_values(procs, line):
    check_none(procs, line, ("SECRET",))
