"""Rows as change data capture and stream processors log them, found by an independent probe
(2026-12-06: Debezium, Kafka Connect, PostgreSQL logical decoding, wal2json, GoldenGate,
mysqlbinlog, Flink, Spark, ksqlDB). Leaked: a value its column names in PostgreSQL's
test_decoding output (``dda_account[text]:'v'``), in wal2json's lists of names and values, in
GoldenGate's XML (``statements.changes``); a JSON object's value named by its "name" beside a
"type" member (``{"name": "bank_account", "type": "text", "value": ...}``: wal2json's second
format, a schema's fields: ``records.WEAK_NAME_KEYS``); the Schema Registry client's login pair
(``basic.auth.user.info = <key>:<secret>``). False alarms fixed: Debezium's log positions
read as SSNs in a record of a person's table (``"lsn":568118782``; the SCN case a guard); an
ITIN after a routing number read as an account where its column names it an ITIN. Each case
fails on the code before the commit that added it; the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, found
from piistream.models.recognizers.statements import changes


@pytest.fixture(scope="module")
def procs(both):
    return both


READ = [
    ("table public.accounts: DELETE: account_id[bigint]:1754596 full_name[character varying]:'Amber O''Neil' "
     "dda_account[character varying]:'2801956575' email[text]:null",
     [("1754596", "account_id"), ("Amber O''Neil", "full_name"), ("2801956575", "dda_account")]),
    ("<op table='PAY.PAYROLL' type='U'><col name='ACCT_NO' index='3'><before><![CDATA[8543367389]]></before>"
     "<after><![CDATA[8543367390]]></after></col><col name='ID' index='0'><after>42</after></col></op>",
     [("8543367389", "ACCT_NO"), ("8543367390", "ACCT_NO"), ("42", "ID")]),
    ('{"change":[{"kind":"insert","table":"accounts","columnnames":["AccountId","BankAccount"],'
     '"columntypes":["bigint","text"],"columnvalues":[7421,"7588170886"]}]}',
     [("7421", "AccountId"), ("7588170886", "BankAccount")]),
    ('{"oldkeys":{"keynames":["employee_id","ssn_nbr"],"keytypes":["bigint","text"],"keyvalues":[55,"586571146"]}}',
     [("55", "employee_id"), ("586571146", "ssn_nbr")]),
    # none: an array of a value's type, no row
    ("ERROR: column \"tags\" is of type text[] but expression is of type text", []),
]


@pytest.mark.parametrize("text, want", READ)
def test_changes_name_their_values(text, want):
    got = [(text[s:e], name) for s, e, name in sorted(changes(text, text.lower(), 0, len(text)))]
    assert got == want


@pytest.mark.parametrize("line, want", [
    ("table public.accounts: DELETE: ACCOUNT_ID[bigint]:1754596 FULL_NAME[character varying]:'Amber Vance' "
     "DDA_ACCOUNT[character varying]:'2801956575'", {("US_BANK_NUMBER", "2801956575")}),
    (" CE/BDEE00AC | 4840459 | table public.accounts: UPDATE: AccountId[bigint]:9859063 "
     "DdaAccount[bigint]:9943933260225 Mobile[text]:'+61 412 172 404'", {("US_BANK_NUMBER", "9943933260225")}),
    ("table public.api_credentials: DELETE: credential_id[bigint]:7075032 client_name[text]:'billing-svc' "
     "access_token[text]:'#d3uCGW5lFm9Ws61dR#Zshz'", {("SECRET", "#d3uCGW5lFm9Ws61dR#Zshz")}),
    ("<operation table='CRM.ACCOUNTS' type='I'><col name='ACCOUNT_ID' index='0'><after><![CDATA[5374619]]>"
     "</after></col><col name='DDA_ACCOUNT' index='1'><after><![CDATA[2171327140]]></after></col></operation>",
     {("US_BANK_NUMBER", "2171327140")}),
    ('{"xid":5151279,"change":[{"kind":"insert","schema":"public","table":"accounts","columnnames":["AccountId",'
     '"FullName","BankAccount"],"columntypes":["bigint","text","text"],"columnvalues":[7421,"Ann Lee",'
     '"7588170886"]}]}', {("US_BANK_NUMBER", "7588170886")}),
    # Oracle LogMiner's SQL_REDO: a taxpayer's ITIN after a routing number is no account
    ("9787177618890 INSERT CRM PAYROLL insert into \"CRM\".\"PAYROLL\"(\"EMPLOYEE_ID\",\"FULL_NAME\","
     "\"BANK_ROUTING\",\"TAXPAYER_ITIN\",\"NET_PAY\",\"DEPOSIT_ACCT\") values ('7661921','Jeanne Marquez',"
     "'298199710','997926221','4305.77','302279700988');",
     {("US_ITIN", "997926221"), ("US_BANK_NUMBER", "302279700988"), ("ABA_ROUTING_NUMBER", "298199710")}),
    # another country's national number, named by its column
    ("table public.accounts: DELETE: id[bigint]:1 mobile[character varying]:'06 31 94 36 90' x[text]:'a'",
     {("PHONE_NUMBER", "06 31 94 36 90")}),
    ("\tbasic.auth.user.info = FRSQAE8NO3V3MQU8:bggBACJplh4CZdAAgGLx1SZsApHnnKkYH2fTXI3D60eUXhKcQrMhG6xF3gHxRcqE",
     {("SECRET", "FRSQAE8NO3V3MQU8:bggBACJplh4CZdAAgGLx1SZsApHnnKkYH2fTXI3D60eUXhKcQrMhG6xF3gHxRcqE")}),
])
def test_captured_rows_are_read(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("doc, want", [
    ('{"columns":[{"name":"id","type":"integer","value":1},{"name":"bank_account","type":"text",'
     '"value":"721560996819"}]}', {("US_BANK_NUMBER", "721560996819")}),
    ('{"type":"text","value":"721560996819","name":"bank_account"}', {("US_BANK_NUMBER", "721560996819")}),
    ('{"name":"bank_account","type":"text","value":721560996819}', {("US_BANK_NUMBER", "721560996819")}),
    # guards: a type alone still names its value
    ('{"type":"SSN","value":"586571146"}', {("US_SSN", "586571146")}),
    ('{"value":"586571146","system":"ssn"}', {("US_SSN", "586571146")}),
])
def test_a_type_beside_a_name_does_not_replace_it(procs, doc, want):
    check_every(procs, doc, want, fmt="json")


@pytest.mark.parametrize("line, value", [
    ("table public.orders: INSERT: order_id[bigint]:581733094 sku[text]:'A-77' qty[integer]:3", "581733094"),
    # Debezium's source block: a log position and a transaction, in a record of a person's table
    ('{"payload":{"after":{"account_id":3485478,"full_name":"April Tran"},"source":{"connector":"postgresql",'
     '"db":"payroll","txId":2857649,"lsn":568118782,"xmin":null},"op":"c"}}', "568118782"),
    ('{"payload":{"after":{"id":3,"ssn":"512-44-9087"},"source":{"connector":"oracle","scn":"774614756",'
     '"commit_scn":"774614757"},"op":"u"}}', "774614756"),
    ("basic.auth.credentials.source = USER_INFO", "USER_INFO"),
    ("\tbasic.auth.user.info = 438HRWHR32JF0ANR:${env:DB_PASSWORD}", "438HRWHR32JF0ANR:${env:DB_PASSWORD}"),
    ("schema.registry.basic.auth.user.info=${file:/opt/secrets.properties:sr.info}",
     "${file:/opt/secrets.properties:sr.info}"),
])
def test_named_otherwise_is_no_value(procs, line, value):
    for name, proc in procs.items():
        assert not any(v == value for _, v in found(proc, line)), (name, line, found(proc, line))
