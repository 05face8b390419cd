"""Search, query and cache logs, found by an independent probe (2026-12-06: Elasticsearch and
Solr, site search, GraphQL, OData and RQL filters, Redis and CDN cache keys, BI query history).
Leaked: a value a query's filter compares with its field (OData's ``BankAccount eq '...'``,
RQL's ``eq(acctNum,...)``, SQL's ``LIKE`` and ``IN (...)``, Elasticsearch's term queries:
``statements.filters``), a formatted SSN a cache key glues to its
name by an underscore (``u_social_security_number_513-83-6272``). Each case fails on the code
before the commit that added it; the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, found
from piistream.models.recognizers.statements import filters


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("text, want", [
    ("$filter=Bankaccount eq '2109600001394' or Email ne 'x@y.io'", [("2109600001394", "Bankaccount"),
                                                                   ("x@y.io", "Email")]),
    ("$filter=Address/PhoneNumber eq '0612345678'", [("0612345678", "PhoneNumber")]),
    ("and(eq(AcctNum,297611980318),eq(status,open))", [("297611980318", "AcctNum"), ("open", "status")]),
    ("WHERE \"c\".\"acct_no\" NOT ILIKE '4677%' AND ssn IN ('512449087', '512449088')",
     [("4677%", "acct_no"), ("512449087", "ssn"), ("512449088", "ssn")]),
    ('{"query":{"bool":{"should":[{"term":{"acct_no.keyword":{"value":"182786944323"}}},{"match_phrase":'
     '{"checking_acct":{"query":"60513680"}}},{"terms":{"ssn":["512449087", "512449088"]}}]}}}',
     [("182786944323", "acct_no"), ("60513680", "checking_acct"), ("512449087", "ssn"), ("512449088", "ssn")]),
    ("the equation eq is not a filter", []),
])
def test_filters_name_their_values(text, want):
    got = [(text[s:e], name) for s, e, name in sorted(filters(text, text.lower(), 0, len(text)))]
    assert got == want


@pytest.mark.parametrize("line, want", [
    ("2024-03-28T21:13:08.379Z INFO ODataController GET /odata/Contacts?$filter=Bankaccount%20eq%20"
     "'2109600001394'%20or%20contains(Phone,'303-718-3770')&$top=25 -> 200 (126 ms)",
     {("US_BANK_NUMBER", "2109600001394"), ("PHONE_NUMBER", "303-718-3770")}),
    ("rql GET /rest/customers?and(eq(AcctNum,297611980318),eq(cc_num,3621-078773-3370))&limit(20,0) 200 182ms",
     {("US_BANK_NUMBER", "297611980318"), ("CREDIT_CARD", "3621-078773-3370")}),
    ('{"query":"SELECT c.id FROM analytics.customers\\nWHERE account_number IN ( \'89234127052522\') AND '
     'SSN = \'040-18-5941\'","running_time":4625}', {("US_BANK_NUMBER", "89234127052522")}),
    ("01b0e70d-1609,\"select count(*) from public.users where ACCT_NO ilike '46777466940' AND EMAIL = "
     "'brian.bolton@martin.org';\",ANALYTICS", {("US_BANK_NUMBER", "46777466940")}),
    ('[index.search.slowlog.query] [customers][0] took[8.465s], source[{"query":{"term":{"AcctNum":{"value":'
     '"9308802599","boost":1.0}}}}]', {("US_BANK_NUMBER", "9308802599")}),
    ('POST /accounts-v3/_search {"query":{"bool":{"filter":[{"terms":{"account_number":["91724106",'
     '"178583506184"]}}]}}}', {("US_BANK_NUMBER", "91724106"), ("US_BANK_NUMBER", "178583506184")}),
    ('{"source": "{\\"query\\":{\\"term\\":{\\"msisdn\\":{\\"value\\":\\"06 09 36 94 46\\",\\"boost\\":1.0}}}}"}',
     {("PHONE_NUMBER", "06 09 36 94 46")}),
    ("<60 set u_social_security_number_513-83-6272", {("US_SSN", "513-83-6272")}),
    ("cache GET emp_ssn_513-83-6272_v2 miss", {("US_SSN", "513-83-6272")}),
])
def test_queried_values_are_found(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line, value", [
    ("GET /odata/Orders?$filter=OrderId eq 2109600001394", "2109600001394"),
    ("cache GET build_513-83-6272 ok", "513-83-6272"),
    ("SELECT * FROM t WHERE order_id IN (4961272692, 4961272693)", "4961272692"),
    ('{"query":{"term":{"order_id":{"value":"4961272692"}}}}', "4961272692"),
])
def test_named_otherwise_is_no_value(procs, line, value):
    for name, proc in procs.items():
        assert not any(v == value for _, v in found(proc, line)), (name, line, found(proc, line))
