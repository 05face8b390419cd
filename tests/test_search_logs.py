"""Search, query and cache logs, found by an independent probe (2026-12-06: Elasticsearch and
Solr, site search, GraphQL, OData and RQL filters, Redis and CDN cache keys, BI query history).
Leaked: a value a query's filter compares with its field (OData's ``BankAccount eq '...'``,
RQL's ``eq(acctNum,...)``, SQL's ``LIKE`` and ``IN (...)``, Elasticsearch's term queries:
``statements.filters``), a formatted SSN a cache key glues to its
name by an underscore (``u_social_security_number_513-83-6272``), a search box's words and numbers
in a query string, where '+' is a blank (``q=acct+6090232839``, ``term=call+%2B447947940006``:
``detector._form_words``). Each case fails on the code
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
    # a search box's words and numbers in a query string, a blank written as '+'
    ('{"url":"/api/autocomplete?term=acct+6090232839","cache_status":"MISS","status":200}',
     {("US_BANK_NUMBER", "6090232839")}),
    ('"query_body":"{\\"params\\":\\"query=account+no+8166410918518&hitsPerPage=20\\"}"',
     {("US_BANK_NUMBER", "8166410918518")}),
    ("GET /search 200 - Mozilla/5.0 q=acct+6453025875+%2F+aba+615686039&query_by=name",
     {("US_BANK_NUMBER", "6453025875"), ("ABA_ROUTING_NUMBER", "615686039")}),
    ("event=slow_request route=/collections/customers/documents/search q=call+%2B447947940006&query_by=name",
     {("PHONE_NUMBER", "%2B447947940006")}),
    ("params={q=tel+%28512%29+726-8930&defType=edismax}", {("PHONE_NUMBER", "%28512%29+726-8930")}),
    ("/api/autocomplete?term=social+888901752 200", {("US_SSN", "888901752")}),
    ("q=refund+card+4971+6691+7593+4925&page=1", {("CREDIT_CARD", "4971+6691+7593+4925")}),
    # a phone's object in a JSON text: its value or number member
    ('cache SET profile:{"mobile":{"value":"06 31 94 36 90"},"tier":"gold"}', {("PHONE_NUMBER", "06 31 94 36 90")}),
    ('{"candidate":{"phones":[{"type":"mobile","number":"061109 99698"}]}}', {("PHONE_NUMBER", "061109 99698")}),
    ("<60 set u_social_security_number_513-83-6272", {("US_SSN", "513-83-6272")}),
    ("cache GET emp_ssn_513-83-6272_v2 miss", {("US_SSN", "513-83-6272")}),
])
def test_queried_values_are_found(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line, value", [
    ("GET /odata/Orders?$filter=OrderId eq 2109600001394", "2109600001394"),
    ("cache GET build_513-83-6272 ok", "513-83-6272"),
    ("SELECT * FROM t WHERE order_id IN (4961272692, 4961272693)", "4961272692"),
    ("/search?q=order+4961272692&page=2", "4961272692"),
    ('{"query":{"term":{"order_id":{"value":"4961272692"}}}}', "4961272692"),
])
def test_named_otherwise_is_no_value(procs, line, value):
    for name, proc in procs.items():
        assert not any(v == value for _, v in found(proc, line)), (name, line, found(proc, line))


@pytest.mark.parametrize("seg, want", [
    ("/api/autocomplete?term=acct+6090232839", "/api/autocomplete?term=acct 6090232839"),
    ("q=tel+%28512%29+726-8930&d=1", "q=tel %28512%29 726-8930&d=1"),
    ("q=checking+6453025875+%2F+aba+615686039&x", "q=checking 6453025875 %2F aba 615686039&x"),
    # none: an address's tag, a token's base64, a sum, words alone
    ("email=ann+1@x.io&x=1", "email=ann+1@x.io&x=1"),
    ("sig=Ab3+x9Z&x=1", "sig=Ab3+x9Z&x=1"),
    ("n=1+2", "n=1+2"),
    ("q=red+shoes&page=2", "q=red+shoes&page=2"),
])
def test_form_blanks(seg, want):
    from piistream.models.detector import _form_words
    chars = list(seg)
    for a in _form_words(seg):
        chars[a] = " "
    assert "".join(chars) == want
