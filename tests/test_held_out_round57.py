"""Five more independent probes (2026-12-07, held out: run once on fdcd720 before these fixes):
core banking and payment switches, contact centers and voice, identity providers and SaaS audit
logs, logistics and customs, nonprofits and subscription billing.

Leaked: ISO 8583's account identifications (data elements 102/103) as switches dump them; ISO
20022's accounts and member ids in elements with a namespace's prefix; NACHA's notification of
change, its corrected data read by its change code; a MICR line in a check scanner's letters
without the word ("t229580712t49272755255o7222"); Temenos T24's OFS logon password and an X12
interchange header's ISA04 password; X12's G61 contact phones; Bacs Standard 18's destination
account; Asterisk's CDR and Cisco CVP's activity log (the session's server address, the caller,
values collected under an element's name); a call's parties under a contact
center's keys ("fromAddr", T-Server's "AttributeANI", FreeSWITCH's channel name); digits said
one at a time in a transcript ("account number 0 0 4 5 4 0 0 6 3 0 2 7") or words mixed with
groups of digits ("eight zero three 65 9615"); LDIF's base64 values
("unicodePwd:: ..."); a modified property named by "displayName" (Entra ID's audit); an
identifier whose sibling member names its type ("TAX.ID.TYPE=SSN"); a label cell's colon before
its value's cell ("Account Number:,61894529"); a check's routing number after "RT"; a password
reset's token in its link (Django's path, a reset link's ticket); US Customs' importer number of
a person (an SSN: a company's is its EIN and a suffix); a core's account id with its account type
next ("<AcctId>...</AcctId><AcctType>L"); a caller's number before a parenthesis that opens the
next field ("from +13032031728 (0:13)", read as a trunk prefix "(0)"); an IVR's caller's account
and a checking account abbreviated ("caller_acct=", "chkAcct="), the digits keyed as an input
("dtmf_input=" under "AuthSSN"); groups of spoken digits apart by a full stop; a voided check's OCR (the MICR line's
capitals without the word, in a record with a check's words).

False alarms fixed: a carrier's or US Customs' account of its customer ("FedEx account ...",
"ACE account ...").

Each positive case fails on fdcd720 (a worktree of it); the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    # ISO 8583's account identifications 1 and 2
    ("ISO8583 >> MTI=0110;DE2=6486957932228274;DE3=200000;DE49=840;DE102=43013419731539;DE103=1234567",
     {("US_BANK_NUMBER", "43013419731539"), ("US_BANK_NUMBER", "1234567")}),
    ("DEBUG c.s.iso.Trace - DE102 Account Identification 1 ..: [000496044672]",
     {("US_BANK_NUMBER", "000496044672")}),
    ("DEBUG c.s.iso.Trace - <103> ACCOUNT ID 2 (TO ACCT) : 2740296708237670",
     {("US_BANK_NUMBER", "2740296708237670")}),
    ('<isomsg direction="outgoing"><field id="0" value="1200"/><field id="102" value="303326325"/></isomsg>',
     {("US_BANK_NUMBER", "303326325")}),
    # ISO 20022 with a namespace's prefix
    ("<ns2:DbtrAcct><ns2:Id><ns2:Othr><ns2:Id>3646795678453</ns2:Id></ns2:Othr></ns2:Id></ns2:DbtrAcct>"
     "<Doc:ClrSysId><Doc:Cd>USABA</Doc:Cd></Doc:ClrSysId><Doc:MmbId>021200339</Doc:MmbId>",
     {("US_BANK_NUMBER", "3646795678453"), ("ABA_ROUTING_NUMBER", "021200339")}),
    # NACHA's notification of change: C01 an account, C02 a routing number, C03 both
    ("NOC C01 (Incorrect DFI Account Number) trace 031003343934032 original entry 250611: corrected data "
     '"71803418986" -- update the customer record', {("US_BANK_NUMBER", "71803418986")}),
    ("NOC C03 (Incorrect Routing Number and Incorrect DFI Account Number) trace 097801023708706: corrected "
     'data "706486232   71107737611" -- update', {("ABA_ROUTING_NUMBER", "706486232"), ("US_BANK_NUMBER", "71107737611")}),
    ("798C01121042880000001      121042881918171614                   091012980000088",
     {("US_BANK_NUMBER", "1918171614")}),
    # a MICR line in a scanner's letters
    ("MICR=t229580712t49272755255o7222", {("ABA_ROUTING_NUMBER", "229580712"), ("US_BANK_NUMBER", "49272755255")}),
    ('"C7406C A636757808A 5818438211C"', {("ABA_ROUTING_NUMBER", "636757808"), ("US_BANK_NUMBER", "5818438211")}),
    # positional logon passwords: T24's OFS, X12's ISA04
    ("OFS.REQUEST: FUNDS.TRANSFER,OFS.FT/I/PROCESS//0,AUTHOR/8KjyI!DU8+m/GB0010001,,TRANSACTION.TYPE:1:1=IT",
     {("SECRET", "8KjyI!DU8+m")}),
    ("ISA*00*          *01*DOW87$QHdB*ZZ*SENDERID       *ZZ*RECEIVERID     *240101*1200*U*00401*000000001*0*P*>~",
     {("SECRET", "DOW87$QHdB")}),
    # X12's G61 contact
    ("ST*204*0001~G61*IC*SVEN MULLER*TE*7046868024*FX*9018560984~",
     {("PHONE_NUMBER", "7046868024"), ("PHONE_NUMBER", "9018560984")}),
    # a call's parties under a contact center's keys
    ('{"contactId":669504767027,"mediaTypeName":"Call","fromAddr":"2677165276","toAddr":"8665735722"}',
     {("PHONE_NUMBER", "2677165276"), ("PHONE_NUMBER", "8665735722")}),
    ("distribute_event: message EventRinging\tAttributeANI\t'12148369243'\tAttributeDNIS\t'8552539440'",
     {("PHONE_NUMBER", "12148369243"), ("PHONE_NUMBER", "8552539440")}),
    ("[NOTICE] switch_channel.c:1133 New Channel sofia/external/8186967722@204.23.46.162 [2e6786b4]",
     {("PHONE_NUMBER", "8186967722")}),
    # digits said one at a time
    ('{"Content": "Account number 0 0 4 5 4 0 0 6 3 0 2 7.", "Id": "a86"}', {("US_BANK_NUMBER", "0 0 4 5 4 0 0 6 3 0 2 7")}),
    ("my cell is 2 0 6 - 6 1 7 - 9 1 8 7 thanks a lot", {("PHONE_NUMBER", "2 0 6 - 6 1 7 - 9 1 8 7")}),
    ("it's 7 6 2, 0 1, 7 7 7 0 for the record, ok", {("US_SSN", "7 6 2, 0 1, 7 7 7 0")}),
    # LDIF's base64 values
    ("unicodePwd:: IgA1AHYAKwBRAEgAcgA2AEIAeABJAGsATgA/AEMAdwB3AGsARwBuAGMAIgA=",
     {("SECRET", "IgA1AHYAKwBRAEgAcgA2AEIAeABJAGsATgA/AEMAdwB3AGsARwBuAGMAIgA=")}),
    # a modified property named by "displayName"
    ('{"displayName":"StrongAuthenticationPhoneNumber","newValue":"9082133610"}', {("PHONE_NUMBER", "9082133610")}),
    # a sibling member naming the identifier's type
    ("TAX.ID=351514638 TAX.ID.TYPE=SSN", {("US_SSN", "351514638")}),
    ("CUSTOMER,INPUT/I/PROCESS,TELLER1/xx,,LEGAL.ID:1:1=936597018,LEGAL.DOC.NAME:1:1=ITIN,",
     {("US_ITIN", "936597018")}),
    # a label's cell with its colon, then the value's
    ("Account Number:,61894529,Routing Number:,280204862,Statement Period:,06/12/2024 - 06/05/2024",
     {("US_BANK_NUMBER", "61894529")}),
    # Bacs Standard 18: the destination's account after its sort code
    ("7727528869220000111414394660171    00000029149BRIGHT FUTURES FOUDON880646         N MARTIN",
     {("US_BANK_NUMBER", "88692200")}),
    # Asterisk's CDR: the caller and the dialled number by their place
    ('"","+12146010010","8333027900","from-trunk","""SEAN RIVERA"" <+12146010010>","PJSIP/trunk-861b82f5",'
     '"PJSIP/438-33b9fccd","Dial","PJSIP/602,30,tT","2024-09-21 02:46:47"', {("PHONE_NUMBER", "8333027900")}),
    # Cisco CVP's activity log: the session's server address, the caller, a collected value
    ("172.31.162.82.1706737330452.712.MainIVR,01/31/2024 21:42:10.452,,start,ani,4149491157",
     {("IP_ADDRESS", "172.31.162.82"), ("PHONE_NUMBER", "4149491157")}),
    ("192.168.11.23.1704149140545.26.CardServices,01/01/2024 22:45:40.545,GetSSN,data,value,156189246",
     {("US_SSN", "156189246")}),
    # words and groups of digits in one spoken run
    ("caller: yeah okay the ssn is eight zero three 65 9615", {("US_SSN", "eight zero three 65 9615")}),
    ("routing three one three 804362 please", {("ABA_ROUTING_NUMBER", "three one three 804362")}),
    # a password reset's token in its link: Django's path, a reset link's ticket
    ("POST /accounts/reset/NTQ1MzQ/e9mywh-a52ff27e86322b9eed7aa818c3f34cb9/ HTTP/1.1",
     {("SECRET", "e9mywh-a52ff27e86322b9eed7aa818c3f34cb9")}),
    ("GET https://acme.auth0.com/lo/reset?ticket=kVNsNsVRiwtb8xoV5o62zQ6dqCxAYVsh# 200",
     {("SECRET", "kVNsNsVRiwtb8xoV5o62zQ6dqCxAYVsh")}),
    # US Customs' importer number of a person: an SSN
    ("ACE-ABI OUT AE 9DX-6373566-1 IOR=796694763 MOT=40 EXPDT=20240106", {("US_SSN", "796694763")}),
    ("ENTRY SUMMARY 7501 | Entry No. 9DX-4743468-3 | Importer No. 437505538 | Importer of Record: Maria Rossi",
     {("US_SSN", "437505538")}),
    # a core's account id with its account type next
    ("<MsgRqHdr></MsgRqHdr><AcctId>522568692</AcctId><AcctType>L</AcctType><CustId>RJC8991</CustId>",
     {("US_BANK_NUMBER", "522568692")}),
    # a caller's number before a parenthesis that opens the next field
    ("Subject: New voicemail from +13032031728 (0:13) | Transcription: hi", {("PHONE_NUMBER", "+13032031728")}),
    # an IVR's caller's account, a checking account abbreviated; the digits keyed as an input
    ("session vars dump: ANI=2675905995 DNIS=+18777890496 caller_acct=081135281203 last_dob=07201957",
     {("US_BANK_NUMBER", "081135281203")}),
    ("node=AcctEntry result chkAcct=87744738387 confidence=1.00 mode=dtmf", {("US_BANK_NUMBER", "87744738387")}),
    ("node=AuthSSN state=COLLECTED dtmf_input=325836487 len=9 noinput=0", {("US_SSN", "325836487")}),
    # groups of spoken digits apart by a full stop (an ASR's pause)
    ("[06:04] CUSTOMER: card number six oh one one. one one oh three. nine nine six six. oh four five six and",
     {("CREDIT_CARD", "six oh one one. one one oh three. nine nine six six. oh four five six")}),
    # a voided check's OCR: the MICR line's letters without the word
    ("JAMES SMITH 1343 Cedar Ln Chicago, IL 60665 8953 DATE ____ PAY TO THE ORDER OF ____ $ ____ Regions Bank "
     "VOID VOID VOID MEMO ____ A017406383A 46035902C 8953",
     {("ABA_ROUTING_NUMBER", "017406383"), ("US_BANK_NUMBER", "46035902")}),
    # a check's routing number after "RT"
    ("Teller TLR389: CHECK DEPOSIT to acct 64984144228, on-us item RT 011000138 acct 81302724 chk 2414",
     {("ABA_ROUTING_NUMBER", "011000138")}),
])
def test_found(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line", [
    # a data element's number without the standard or the word
    "f102 retries=3 fld 103: 20240101",
    "form field 102: 20240101 submitted",
    # counters and a matrix's digits, a blank apart
    "counts: 0 0 1 0 0 2 0 0 0 0 total",
    "matrix row 1 2 3 4 5 6 7 8 9 end of the row here",
    # an ISA without a password (qualifier 00), and its placeholder
    "ISA*00*          *00*          *ZZ*SENDERID       *ZZ*RECEIVERID     *240101*1200*U*00401*000000001*0*P*>~",
    # a FreeSWITCH extension
    "New Channel sofia/internal/1001@10.1.1.1 [2e6786b4]",
    # a NOC of a transaction code only, and "corrected data" without a change code
    'NOC C05 (Incorrect Transaction Code) trace 031003343934032: corrected data "22" -- update',
    "noc received: corrected data 12345678 applied to vendor",
    # groups of digits without two words among them: written, not said
    "2024-06-11 15:41:22 one two 3 4 5 6 7 8",
    # a Bacs record's layout with another transaction code's place
    "7727528869220000511414394660171    00000029149BRIGHT FUTURES FOUDON880646         N MARTIN",
    # a carrier's and US Customs' accounts of their customers; a company's importer number
    "FedEx account 394834574 invoice 823452081 dated 2024-05-12: 1061 shipments",
    "CBP-assigned importer number 23347A1-76589 replaced by IOR 26268884900; ACE account 9546280480",
    # a support ticket's id after "ticket=", no reset link; a reset page without a token
    "GET /support?ticket=ABCD1234EFGH5678IJKL9012 200",
    "POST /accounts/reset/done/ HTTP/1.1",
    # an id of 56 digits whose 31 first have a Bacs record's layout
    '{"log_id":"90048817527432601775466304867799712597561227013730942887","tenant_name":"initech-prod"}',
    "9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999",
    # a 9-digit id and a year in a row with a transaction code's digits after them
    "id,123456789,2024,22,x",
    # a service's account, glued
    "service_account=716177703906",
    # the lower-case letters without the on-us letter
    "x t229580712t49272755255 y",
    # a type member that names another type
    '{"idType":"EIN","idNumber":"471234567"}',
])
def test_none(procs, line):
    check_none(procs, line, types=("SECRET", "US_SSN", "US_ITIN", "US_BANK_NUMBER", "CREDIT_CARD", "PHONE_NUMBER",
                                   "ABA_ROUTING_NUMBER"))


def test_a_decisive_reading_names_the_type(procs):
    # the number passes the routing checksum too; the sibling says it is an SSN
    line = '{"idType":"SSN","idNumber":"019959650"}'
    for name, proc in procs.items():
        assert found(proc, line) == {("US_SSN", "019959650")}, name
