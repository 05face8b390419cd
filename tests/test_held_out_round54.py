"""Five more independent probes (2026-12-07, held out: run once on bccc188 before these fixes):
real estate and escrow, ERP and accounts payable, secrets across vendors and languages, OCR'd
financial documents, chat and ticket tools; and the largest classes still leaked by the earlier
thirty.

Leaked: a Linux audit record's command line (EXECVE's a0="sshpass" a1="-p" a2="...", an
argument in hex where it holds a blank, PROCTITLE's whole line in hex); SMTP's AUTH LOGIN answer
on the command's line and XOAUTH2's initial response; document models' fields (Azure's
"valueString" under the field's name, Document AI's "type"/"mentionText"); a field's change
(Jira's "changedFrom"/"changedTo", logfmt's "field=... old=... new=..."); a header and its row in
one line, cells two blanks apart; "Girokonto", "Kundenservice"; SAP's ABAP components
("LS_LFBK-BANKN = '...'"), its vendors' STCD1/STCD2 and TELF1; Spring's property resolver's
"Found key '...' ... with value '...'", a Teams webhook without its tenant, WordPress's keys and
salts, a builder's .bearer_auth("..."); HTML's text tags between words (hOCR's spans, a chat's
paragraphs), "pw for the ... is X", a Markdown table of names and values, SAP's MYSAPSSO2 logon
ticket, Sage Intacct's <sessionid>, a MICR line's "|:" transit symbol, a form reader's "KEY: ...
VALUE: ...", a reader's row "AccountNumber,"..."", Xero's "BankAccountDetails".

False alarms: a ledger's account by its number and title ("account 4955 Accounts Payable"), a
property tax account. Each case fails on bccc188; the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    # Linux audit: EXECVE's arguments, quoted or in hex, and PROCTITLE's line
    ('type=EXECVE msg=audit(1727109774.947:781628): argc=5 a0="sshpass" a1="-p" a2="TSGDJTVpVR-wom7aF" '
     'a3="ssh" a4="backup_svc@172.27.5.92"', {("SECRET", "TSGDJTVpVR-wom7aF"), ("IP_ADDRESS", "172.27.5.92")}),
    # (a5 is "-pTige r616!": the blank made auditd write it in hex; the redaction covers its digits)
    ('type=EXECVE msg=audit(1703496520.295:598087): argc=6 a0="mysql" a1="-h" a2="10.205.98.151" a3="-u" '
     'a4="admin.ops" a5=2D7054696765207236313621', {("SECRET", "54696765207236313621")}),
    ('type=EXECVE msg=audit(1.2:3): argc=3 a0="mysql" a1=2D70764F2569205E2132702A32 a2="-h"',
     {("SECRET", "764F2569205E2132702A32")}),
    ("type=PROCTITLE msg=audit(1700000000.100:5): proctitle=6D7973716C002D7500726F6F74002D7053336372657421",
     {("SECRET", "53336372657421")}),
    ('type=EXECVE msg=audit(1.2:3): argc=4 a0="curl" a1="-u" a2="admin:Wq8-zp3Lk" a3="https://x.io"',
     {("SECRET", "Wq8-zp3Lk")}),
    # SMTP: AUTH LOGIN's answer on its line, XOAUTH2's initial response
    ("[2024-01-11T04:28:28.386Z] nodemailer DEBUG [smtp] C: AUTH LOGIN | C: VGlnZXIxOTkxJA== | S: 235 2.7.0 "
     "Authentication successful | user=emma_lewis39@aol.com", {("SECRET", "VGlnZXIxOTkxJA==")}),
    ("2024/03/01 10:00:00 CLIENT -> SERVER: AUTH XOAUTH2 dXNlcj1qYmVyZ0Bjb250b3NvLmNvbQFhdXRoPUJlYXJlciB5YTI5Lm"
     "EwVms0ZmtUWHRqa3FhNlV3Y3lJMkZDM3FxR2ZQWXlUUU1GNUFUMS1MNkN4ai1mQTZjMUItMnJOTGo3VVV6bmU3bHdwMUxIWl8zX0lWWX"
     "dzbU1ZbFVFVmpiY2FINzhhSXcyRGRKM1lqVjhEbl84SUlldk9FNzVsbVB4UEJ1NGRlT2EyUTFEb2FBbG8xMHUtTF9HVVlBaDFaAQE=",
     {("SECRET", "dXNlcj1qYmVyZ0Bjb250b3NvLmNvbQFhdXRoPUJlYXJlciB5YTI5LmEwVms0ZmtUWHRqa3FhNlV3Y3lJMkZDM3FxR2ZQWXlUUU"
                 "1GNUFUMS1MNkN4ai1mQTZjMUItMnJOTGo3VVV6bmU3bHdwMUxIWl8zX0lWWXdzbU1ZbFVFVmpiY2FINzhhSXcyRGRKM1lqVj"
                 "hEbl84SUlldk9FNzVsbVB4UEJ1NGRlT2EyUTFEb2FBbG8xMHUtTF9HVVlBaDFaAQE=")}),
    # document models' fields: Azure Document Intelligence's typed value, Google Document AI's entity
    ('{"fields":{"AccountNumber":{"type":"string","valueString":"9516731009","content":"9516731009",'
     '"confidence":0.943}}}', {("US_BANK_NUMBER", "9516731009")}),
    ('{"docType": "tax.us.w2", "fields": {"Employee": {"type": "object", "valueObject": {"SocialSecurityNumber": '
     '{"type": "string", "valueString": "062253859", "content": "062253859", "boundingRegions": [{"pageNumber": 1, '
     '"polygon": [2.0039, 5.256, 1.9723, 4.3798]}], "confidence": 0.95}}}}}', {("US_SSN", "062253859")}),
    ('{"type": "account_number", "mentionText": "2245012646", "confidence": 0.9}', {("US_BANK_NUMBER", "2245012646")}),
    # a field's change: Jira's audit log, a logfmt line's old= and new=
    ('{"changedValues": [{"fieldName": "Bank Account Number", "changedFrom": "809447759", "changedTo": "8207896209"}]}',
     {("US_BANK_NUMBER", "809447759"), ("US_BANK_NUMBER", "8207896209")}),
    ("audit: field=bank_account_number old=****4732 new=2078276056 by=admin", {("US_BANK_NUMBER", "2078276056")}),
    ("audit: field=routing_number old=****8245 new=240267988", {("ABA_ROUTING_NUMBER", "240267988")}),
    # a header and its row in one line, cells two blanks apart (a PDF's text layer)
    ("Account Type             Account Number     Routing Number       Checking        9792310168               072807422",
     {("US_BANK_NUMBER", "9792310168"), ("ABA_ROUTING_NUMBER", "072807422")}),
    ("Sort code      Account number      Sheet number   38-62-53      55010736      325", {("US_BANK_NUMBER", "55010736")}),
    ("Employee Name    Employee ID    SSN    Pay Period    CARLOS ROBINSON    011282    698860921    01/01/2024",
     {("US_SSN", "698860921")}),
    # a German statement's account and service line
    ("Girokonto 4496250524 IBAN: DE90 8639 5338 4496 2505 24 BIC: GENODEF1M04 Auszug 3/2024 Blatt 1 "
     "Kundenservice: 089 5143832", {("US_BANK_NUMBER", "4496250524"), ("PHONE_NUMBER", "089 5143832")}),
    # SAP: an ABAP structure's component, a vendor's tax numbers and telephone
    ("ST22 UNCAUGHT_EXCEPTION CX_FCLM_BAM ... LS_LFBK-BANKN = '2532745565' WA_ACCT-ACC_NUM = '787743328878'",
     {("US_BANK_NUMBER", "2532745565"), ("US_BANK_NUMBER", "787743328878")}),
    ("E1LFA1M LIFNR=979866 KTOKK=KRED LAND1=US NAME1=EMILY ROMERO STCD1=239221437 STKZN=X TELF1=2672567999",
     {("US_SSN", "239221437"), ("PHONE_NUMBER", "2672567999")}),
    ("E1LFA1M LIFNR=534846 NAME1=AHMED FISCHER STCD2=995920432", {("US_ITIN", "995920432")}),
    # secrets: Spring's property resolver, a Teams webhook, WordPress's salts, a builder's method
    ("2024-12-12T08:07:38.732Z DEBUG o.s.b.c.p.s.ConfigurationPropertySourcesPropertyResolver - Found key "
     "'app.jwt.secret' in PropertySource 'applicationConfig' with value 'Iqx4BrV1cObya7SRkEuJubhizoKeRov1YsVEf0jN'",
     {("SECRET", "Iqx4BrV1cObya7SRkEuJubhizoKeRov1YsVEf0jN")}),
    ("webhook: https://acme.webhook.office.com/webhookb2/ec734172-f857-4bf1-bfec-aeb7dce490a5/IncomingWebhook/"
     "11cb1d5d487706537d5b0f618418cc88/e9a5781c-174f-4b9d-9c61-4fbdf7e80d26/V2U1zwDdNjkJG3FqvUA3o3xQ",
     {("SECRET", "11cb1d5d487706537d5b0f618418cc88/e9a5781c-174f-4b9d-9c61-4fbdf7e80d26/V2U1zwDdNjkJG3FqvUA3o3xQ")}),
    ("define('NONCE_SALT', 'a]!m_[b0EloREu&@94x_%(zk>bxiq)FMB,;,G4A4WfLjw,oOg#YEK!i=676_yH.)');",
     {("SECRET", "a]!m_[b0EloREu&@94x_%(zk>bxiq)FMB,;,G4A4WfLjw,oOg#YEK!i=676_yH.)")}),
    ("define('LOGGED_IN_KEY', 'hW.d.4#A7lpynL)hC2<pjTa;,ErJNTg>Y.3?|@QN(Ww%I4zZt41FIP4unenh>034');",
     {("SECRET", "hW.d.4#A7lpynL)hC2<pjTa;,ErJNTg>Y.3?|@QN(Ww%I4zZt41FIP4unenh>034")}),
    ('let resp = client.get(url).bearer_auth("vofsj8C2nhr7vlIAYYYEpdKi").send().await?;',
     {("SECRET", "vofsj8C2nhr7vlIAYYYEpdKi")}),
    # HTML's text tags between words: an OCR engine's hOCR, a chat message's paragraphs
    ("<span class='ocr_line' id='line_1_41' title=\"bbox 80 254 1220 290; baseline 0 -8\"><span class='ocrx_word' "
     "id='word_1_34' title='bbox 310 254 450 288; x_wconf 86'>Account</span> <span class='ocrx_word' id='word_1_35' "
     "title='bbox 465 254 605 288; x_wconf 72'>Number:</span> <span class='ocrx_word' id='word_1_36' "
     "title='bbox 620 254 900 288; x_wconf 91'>32784952720479</span></span>", {("US_BANK_NUMBER", "32784952720479")}),
    ('{"body": {"contentType": "html", "content": "<p>Hi team,</p><p><strong>pw for the shared admin account is '
     'Ys^f2uARIQev (pls move to 1password)</strong></p>"}}', {("SECRET", "Ys^f2uARIQev")}),
    ("pw for the wifi/guest portal: QkJ*jf=N7d+W%@Q!qY8~", {("SECRET", "QkJ*jf=N7d+W%@Q!qY8~")}),
    # a Markdown table of names and values in an issue's body (its rows named by their first cell)
    ('{"comment": {"body": "Repro data:\\r\\n\\r\\n| Field | Value |\\r\\n|---|---|\\r\\n| Routing | 278650981 |'
     '\\r\\n| Account # | 0929275331 |\\r\\n| SSN | 457452738 |"}}',
     {("ABA_ROUTING_NUMBER", "278650981"), ("US_BANK_NUMBER", "0929275331")}),
    # SAP's logon ticket, Sage Intacct's session
    ("GET /sap/bc/gui/sap/its/webgui HTTP/1.1 Cookie: MYSAPSSO2=AjQxMDMBABhQUkQgICAgICAgICAgICAgrN8%2f%2f6trUiCnP7Bp"
     "aT28Ahhx12igxKKj; sap-usercontext=sap-client=100",
     {("SECRET", "AjQxMDMBABhQUkQgICAgICAgICAgICAgrN8%2f%2f6trUiCnP7BpaT28Ahhx12igxKKj")}),
    ("GET /sap/opu/odata/sap/API_BUSINESS_PARTNER?MYSAPSSO2=AjQxMDMBABhQUkQgICAgICAgICAgICAgrN8%2f%2f6trUiCnP7Bp"
     "aT28Ahhx12igxKKj HTTP/1.1", {("SECRET", "AjQxMDMBABhQUkQgICAgICAgICAgICAgrN8%2f%2f6trUiCnP7BpaT28Ahhx12igxKKj")}),
    ("<request><authentication><sessionid>sPVHkZcVCSkiOLd0dt257iFnjIMxSN..</sessionid></authentication>",
     {("SECRET", "sPVHkZcVCSkiOLd0dt257iFnjIMxSN..")}),
    # a cheque's MICR line with the transit symbol read as "|:"; a form reader's key and value
    ("VOID VOID KeyBank MEMO ______ |:088567798|: 6693672980||' 5263",
     {("ABA_ROUTING_NUMBER", "088567798"), ("US_BANK_NUMBER", "6693672980")}),
    ("KEY: Account No. VALUE: 466049828925 (conf 98.6) | KEY: Invoice # VALUE: INV-2024-18380",
     {("US_BANK_NUMBER", "466049828925")}),
    ('f6b7a6e8,2,AccountNumber,"126501741519",0.772', {("US_BANK_NUMBER", "126501741519")}),
    # an account's details as one value (Xero: a UK sort code and the number, New Zealand's form)
    ('{"Contacts":[{"Name":"Acme Electric LLP","BankAccountDetails":"79-65-11 21973888","TaxNumber":"GB887210446"}]}',
     {("US_BANK_NUMBER", "21973888")}),
    ('{"Contacts":[{"BankAccountDetails":"01-9364-4268332-74","IsSupplier":true}]}', {("US_BANK_NUMBER", "01-9364-4268332-74")}),
])
def test_found(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line", [
    # an audit record's ordinary command line, a hex argument that encodes no text
    'type=EXECVE msg=audit(1.2:3): argc=3 a0="ls" a1="-la" a2="/tmp/build-4711"',
    'type=EXECVE msg=audit(1.2:3): argc=2 a0="echo" a1=DEADBEEF',
    "type=PROCTITLE msg=audit(1.2:3): proctitle=2F7573722F7362696E2F7373686400002D44",
    # SMTP: the server's prompts, a log of the mechanism alone
    "C: AUTH LOGIN | S: 334 VXNlcm5hbWU6",
    "postfix/smtpd[123]: warning: unknown[10.1.2.3]: SASL LOGIN authentication failed: UGFzc3dvcmQ6",
    # a ledger's accounts by number and title, a taxing authority's account, a compound word
    "Trust Account Reconciliation 2024-07 | GL Acct 1010 Operating Cash | GL Acct 1020 Security Deposit Trust | "
    "Acct 2300 Tenant Prepaids | Receipt No. 509874",
    "DEBUG | vendorpayment 561748 | applied to bill 283151 amount 5.023,47 period FY2024 P5 account 4955 Accounts Payable",
    "Property tax account #559137036 (county treasurer), parcel 216-459-44",
    "CLOUD-ACCOUNT 1234567890 provisioned",
    # aligned columns that name no PII; Spring's log of a value's type; a template's phrase
    "PID   USER   PR   NI   VIRT   RES   1234   root   20   0   162000   9876",
    "Order   Status   Items   Total   88123   shipped   3   99.50",
    "Found key 'spring.datasource.password' in PropertySource 'configurationProperties' with value of type String",
    "define( 'LOGGED_IN_SALT',   'put your unique phrase here' );",
    'vault.get_secret("db-password")',
    # a password's word without a password; an element too short to be a session; other keys
    "pw for bob is expired",
    "the pw for the vpn is in 1password",
    "<sessionid>abc</sessionid>",
    "KEY: Invoice # VALUE: 12345678",
    "account|2024-01-01|ok",
    "account details: see ticket 4455667",
])
def test_none(procs, line):
    check_none(procs, line, types=("SECRET", "US_SSN", "US_BANK_NUMBER", "CREDIT_CARD", "PHONE_NUMBER"))
