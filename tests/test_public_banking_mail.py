"""Public-sector forms, core banking, mail, databases, retail terminals, documents and security
telemetry: what seven more independent probes found (2026-12-07, held out: run once on the code
before these fixes). Leaked: an SSN under "Soc. Sec. #" or in a form's comb of boxes ("8 6 9 - 5 2
- 2 2 2 6"), a formatted SSN in a headerless row after another field's id, a PDF form's field
under a numbered page ("topmostSubform[0].Page1[0].f1_06[0]="), ISO 20022 accounts and member ids
as JSON, BAI2 file and group headers, an MT202's :58A:/account, MT940's account after a German bank
code, MICR lines as ASCII fonts write them, an account and its routing number after a slash
("acct2=954771917/124446786"), "rt_nbr", a linked DDA, a corrected account, psql's expanded
display, an Indian transfer's narration, a positive-pay CSV inside a quoted log string, EF Core's
parameters before their statement, a Hadoop configuration property's password, a PIN named by
what it is for, "Passwort ist" with a symbol inside, SMTP AUTH LOGIN's password step and smtplib's
quoted AUTH PLAIN, Postfix's sasl_passwd and sendmail's authinfo, a webmail session, OWA's cadata
cookie, an HSM's clear keys, schtasks' /P, "net  user" with two blanks, "net.exe user /add", a
registry value named as a key, a scanner's SNMP community, a qmail address glued to its message,
an RDP credential's TERMSRV/address, a Sabre form of payment, an EMV PAN in a raw TLV blob, ISO
8583's field 2, VERP bounce addresses, a value repeated in one record. False alarms: mailers'
message ids, package and assembly versions, Exchange's changeKey, Splunk's search ids,
PowerShell variables and flags, a password word after "net user with". Runaway span: a command's
password inside an escaped JSON string ran to the record's end. Each case fails on the code before
the commit that fixed it; the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    # public sector: abbreviations, boxes, numbered form pages, headerless rows
    ("DE 1101I page 1 | Soc. Sec. # 306683020 | ABA # 011000015", {("US_SSN", "306683020")}),
    ("W-9: Social security number 8 6 9 - 5 2 - 2 2 2 6 Employer", {("US_SSN", "8 6 9 - 5 2 - 2 2 2 6")}),
    ("Social security number 173 | 24 | 2472", {("US_SSN", "173 | 24 | 2472")}),
    ("Your social security number 9 4 4 - 9 0 - 1 3 4 5", {("US_ITIN", "9 4 4 - 9 0 - 1 3 4 5")}),
    ("FormSubmit fields: topmostSubform[0].Page1[0].f1_05[0]=RIVERA; "
     "topmostSubform[0].Page1[0].f1_06[0]=712-10-8967; topmostSubform[0].Page2[0].f2_30[0]=817-743-5282",
     {("US_SSN", "712-10-8967"), ("PHONE_NUMBER", "817-743-5282")}),
    ("90411433,ADDRESS_CHANGE,R8981073,601-45-2071,Nguyen,Gonzalez,9949 Route 9,Atlanta,GA",
     {("US_SSN", "601-45-2071")}),
    ("split refund mismatch: TIN=636-76-3777 acct1=91097339/021000021 acct2=954771917/124446786 total=6365.35",
     {("US_BANK_NUMBER", "91097339/021000021"), ("US_BANK_NUMBER", "954771917/124446786")}),
    # core banking
    ('{"Ntfctn": {"Acct": {"Id": {"Othr": {"Id": "23564939158"}}}, "RltdAgts": {"CdtrAgt": {"FinInstnId": '
     '{"ClrSysMmbId": {"ClrSysId": {"Cd": "USABA"}, "MmbId": "273680558"}}}}}}',
     {("US_BANK_NUMBER", "23564939158"), ("ABA_ROUTING_NUMBER", "273680558")}),
    ("01,030911321,ACMECORP,240414,0600,75,80,1,2/", {("ABA_ROUTING_NUMBER", "030911321")}),
    ("02,ACMECORP,021200339,1,241007,0600,USD,2/", {("ABA_ROUTING_NUMBER", "021200339")}),
    (":21:2BE9IQGI4VAS\\n:32A:240117GBP4228,83\\n:52A:WFBIUS6S\\n:58A:/930337307563\\nCITIUS33",
     {("US_BANK_NUMBER", "930337307563")}),
    ("MT940|:20:STMT241028840\\r\\n:25:35057857/84782556\\r\\n:28C:29042/001", {("US_BANK_NUMBER", "84782556")}),
    ('{"itemId":"ecf0ffce","micrLine":"98552 :063100277: 529293467<","amount":67038.27}',
     {("ABA_ROUTING_NUMBER", "063100277"), ("US_BANK_NUMBER", "529293467")}),
    ("OCR/MICR mismatch on check 5812: read 'A072429716A5615356C5812' amount 35,542.11",
     {("ABA_ROUTING_NUMBER", "072429716"), ("US_BANK_NUMBER", "5615356")}),
    ("tran_cd=1209 acct_nbr=9731916186 rt_nbr=031201360 amt=65132.49", {("ABA_ROUTING_NUMBER", "031201360")}),
    ('{"cardNumber": "4111111111111111", "linkedDda": "3371660900"}', {("US_BANK_NUMBER", "3371660900")}),
    ("NocHandler C01 orig_acct=42051537 corrected_acct=22993031743 vendor_id=V875594",
     {("US_BANK_NUMBER", "22993031743")}),
    ("acct_no        | 9392331", {("US_BANK_NUMBER", "9392331")}),
    ('{"claimId":"UI-2023-9160826","bank":{"acctMasked":"****0031","acctFull":"000604004","rtn":"026009593"}}',
     {("US_BANK_NUMBER", "000604004")}),
    ("IMPS/P2A/226264053781/14334570816/SBIN0574742/PRIYA COHEN/2361.20", {("US_BANK_NUMBER", "14334570816")}),
    ('2024-05-18 23:30:31,666 INFO ppay.upload user=ops file="issue.csv" content="AccountNumber,CheckNumber,'
     'IssueDate,Amount,Payee,VoidFlag\\n74065834,60797,2024/01/11,21603.60,ORION MEDICAL SA,N"',
     {("US_BANK_NUMBER", "74065834")}),
    # databases
    ("Executed DbCommand (53ms) [Parameters=[@p0='6284166504' (Nullable = false) (Size = 4000), "
     "@p1='920-91-7858' (Size = 4000)], CommandType='Text'] UPDATE [Payees] SET [dda_account] = @p0, "
     "[tax_id] = @p1 WHERE [Id] = 7",
     {("US_BANK_NUMBER", "6284166504"), ("US_ITIN", "920-91-7858")}),
    ("<property><name>javax.jdo.option.ConnectionPassword</name><value>NBmC*7AXnCpE</value></property>",
     {("SECRET", "NBmC*7AXnCpE")}),
    # documents and chats
    ("the PIN for my debit card is 601426, can you reset it?", {("SECRET", "601426")}),
    ("Il PIN del bancomat è 3226", {("SECRET", "3226")}),
    ("Mein Passwort ist ofz$fqkek$id", {("SECRET", "ofz$fqkek$id")}),
    ("Tél. conseiller : 03 81 33 40 77", {("PHONE_NUMBER", "03 81 33 40 77")}),
    ("We will send the form tomorrow. Thanks, Carlos (9157878449)", {("PHONE_NUMBER", "(9157878449)")}),
    # mail
    ("=== Trying smtp.acme.com:587... <~  334 VXNlcm5hbWU6 ~> d2lsc29uQHRpZGV3YXRlci5jb20= "
     "<~  334 UGFzc3dvcmQ6 ~> aldvNUtUbEFiR0k1a3B1YSpDZ0xKTA== <~  535 5.7.8 Error",
     {("SECRET", "aldvNUtUbEFiR0k1a3B1YSpDZ0xKTA==")}),
    ("DEBUG:smtplib:send: 'AUTH PLAIN AG1heWFyYW1pcmV6QHdlYi5kZQB5Iz1Nb1U2dFJsTFkyXmg0\\r\\n'",
     {("SECRET", "AG1heWFyYW1pcmV6QHdlYi5kZQB5Iz1Nb1U2dFJsTFkyXmg0")}),
    ("[smtp.gmail.com]:587 slewis@gmail.com:eqamqgyzatksdlsp", {("SECRET", "eqamqgyzatksdlsp")}),
    ('AuthInfo:smtp.mailgun.org "U:ops@acme.io" "P:$mQ8jM^La2yaq4#zZ" "M:PLAIN"', {("SECRET", "$mQ8jM^La2yaq4#zZ")}),
    ("Successful login for noah1962@bigpond.com (ID: 4696) from 104.155.193.124 in session "
     "50qtj1rf3s0kcnobhwimfry1i1 (error: 0)", {("SECRET", "50qtj1rf3s0kcnobhwimfry1i1")}),
    ("Cookie: X-BackEndCookie=x; cadata=RrdJFqfprOrLcld6pKRqVGlS9IX+cYzUPUYlMysa6NKzqLm+lFu5StzLpDiN==; y=1",
     {("SECRET", "RrdJFqfprOrLcld6pKRqVGlS9IX+cYzUPUYlMysa6NKzqLm+lFu5StzLpDiN==")}),
    ("delivery 25876: success: 69.115.136.119_accepted_message./Remote_host_said:_250_2.0.0_OK",
     {("IP_ADDRESS", "69.115.136.119")}),
    ('"sender": "bounce-mc.us5_44348746.552484-f.anderson=yahoo.co.uk@mail237.sea13.mcsv.net"',
     {("EMAIL_ADDRESS", "bounce-mc.us5_44348746.552484-f.anderson=yahoo.co.uk@mail237.sea13.mcsv.net")}),
    # retail terminals and travel
    ("key inject TPK=57126C31CC5D63547DA468F027AA91EE KCV=CBB5BE", {("SECRET", "57126C31CC5D63547DA468F027AA91EE")}),
    ("REMARKS 1.-*AX346532740113563\u20210830", {("CREDIT_CARD", "346532740113563")}),
    ("ARQC request raw=6F2ADE9F02060000000183785A0826772481185622585F24032502319F2608", {("CREDIT_CARD", "2677248118562258")}),
    ("ISO8583 >> [Field 002] [19] [6253327338226402120] [Field 004] [000000096850]",
     {("CREDIT_CARD", "6253327338226402120")}),
    # security telemetry
    ("net  user akhan JfLqBkpeT#7Opap3U /add /domain", {("SECRET", "JfLqBkpeT#7Opap3U")}),
    ("net.exe user /add sqlsvc2 Dr@g0n913@", {("SECRET", "Dr@g0n913@")}),
    ("schtasks /Create /S srv01 /U CONTOSO\\wchen /P 7OBACkul3.HjTwf*#N /TN WinSvc", {("SECRET", "7OBACkul3.HjTwf*#N")}),
    ("reg add HKLM\\Software\\Acme /v ApiKey /t REG_SZ /d Shadow!2024 /f", {("SECRET", "Shadow!2024")}),
    ("SNMP community string was found : pHzps5DNSbV8un-h (read-write)", {("SECRET", "pHzps5DNSbV8un-h")}),
    ("cmdkey /generic:TERMSRV/192.168.128.245 /user:x", {("IP_ADDRESS", "192.168.128.245")}),
    ('generic-api-key,app/config.py,"token = ""NWwjyqq67GnY_aQrj19I7JALyi4c0Asu""",'
     'NWwjyqq67GnY_aQrj19I7JALyi4c0Asu,181', {("SECRET", "NWwjyqq67GnY_aQrj19I7JALyi4c0Asu")}),
])
def test_found(procs, line, want):
    check_every(procs, line, want)


def test_a_repeated_secret_is_redacted_at_each_place(procs):
    line = ('generic-api-key,app/config.py,"token = ""NWwjyqq67GnY_aQrj19I7JALyi4c0Asu""",'
            'NWwjyqq67GnY_aQrj19I7JALyi4c0Asu,181')
    for name, proc in procs.items():
        r = proc.process([line.encode()], "text")[0]
        spans = [(e["start"], e["end"]) for e in r.entities if e["type"] == "SECRET"]
        assert [line[a:b].strip('"') for a, b in spans] == ["NWwjyqq67GnY_aQrj19I7JALyi4c0Asu"] * 2, (name, spans)


def test_a_password_in_an_escaped_command_line_stays_its_own_span(procs):
    """A command's password inside a JSON string ends with the string: no span runs on to the
    record's end taking the other members (and an address's type) with it."""
    line = ('{"Image":"C:\\\\Windows\\\\System32\\\\cmdkey.exe","CommandLine":"cmdkey.exe /add:192.168.252.227 '
            '/user:mgarcia /pass:\\"Company354!\\"","CurrentDirectory":"C:\\\\Windows\\\\system32\\\\",'
            '"User":"ACME\\\\helpdesk01","SourceIp":"10.145.165.128"}')
    for name, proc in procs.items():
        r = proc.process([line.encode()], "text")[0]
        got = {(e["type"], line[e["start"]:e["end"]]) for e in r.entities}
        assert got == {("IP_ADDRESS", "192.168.252.227"), ("SECRET", "Company354!"),
                       ("IP_ADDRESS", "10.145.165.128")}, (name, got)


@pytest.mark.parametrize("line", [
    "spamd: processing message <642662a58541ab4270484f7fe9ea4a9a@mta-59.mailgun.net> for x:1035",
    "Cyrus Delivered: <20235231080615.871EBBEC7D3@mta-10.mailgun.net>",
    '[{"timestamp": 1721727072, "smtp-id": "<20240619317043.882C492CD8D@mta-12.mailgun.net>", "event": "open"}]',
])
def test_message_ids_are_no_addresses(procs, line):
    check_none(procs, line, types=("EMAIL_ADDRESS",))


@pytest.mark.parametrize("line", [
    "pkg=1.5.6.11",
    "loaded System.Data.Common 4.2.2.0 ok",
    '{"subject": "x", "changeKey": "Osw7CrxAKf1ydvwe5SxIu8SkBpYrpqjjkwt1", "hasAttachments": false}',
    'search_name="Brute Force" orig_sid=scheduler__admin__SplunkEnterpriseSecuritySuite__RMD5f355631a2cb890fda6 urgency=high',
    "$pw = ConvertTo-SecureString $env:SVC_PASSWORD -AsPlainText -Force",
    'Invoke-WebRequest -Uri https://x.io -Headers @{Authorization="Bearer $($token.access_token)"}',
    "New-AzStorageContext -StorageAccountName acme -StorageAccountKey $k[0].Value",
    "reg add HKLM\\Software\\Acme /v Theme /t REG_SZ /d Dark /f",
    "the PIN of the header is 12",
    "account full name: Bob 12345678",
    "thanks for the update (2024) and ticket 1234567",
    "SET @@SESSION.GTID_NEXT= 'F67258FB-2A3A-4576-AB3C-D8778D02DDDA:400912'/*!*/;",
    "INSERT INTO `orders` VALUES (3868994,'ORD-56296066','293-60-1651',1,86.51,'1Z2JZM741300310760')",
])
def test_not_found(procs, line):
    check_none(procs, line, types=("IP_ADDRESS", "SECRET", "US_SSN", "US_BANK_NUMBER"))


def test_net_user_in_a_sentence_is_no_command(procs):
    line = "ran net user with password qiK4VE#gJ6oRYf*4 on host"
    for name, proc in procs.items():
        got = {v for t, v in found(proc, line) if t == "SECRET"}
        assert got == {"qiK4VE#gJ6oRYf*4"}, (name, got)


def test_fw_key_keeps_its_address(procs):
    check_every(procs, "fw=83.211.91.146 pri=3", {("IP_ADDRESS", "83.211.91.146")})
