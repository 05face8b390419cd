"""Five more independent probes (2026-12-07, held out: run once on c0c0fbb before these fixes):
telecom and VoIP, insurance, retail and point of sale, security tooling, government and public
benefits; and classes the earlier probes left leaked.

Leaked: Oracle's tools given their logon on the command line (sqlplus without a connect
identifier, Data Pump, SQL*Loader's userid=, RMAN's target, SQL*Plus's CONNECT, E-Business Suite's
FNDLOAD and FNDCPASS with the SYSTEM password and the new one it sets); a password manager's
export row without its header (a site's URL, its user, its password, a TOTP seed); "used admin /
<password>" in a comment; numbers without their '+' under a telephony key (a JSON array of them,
RADIUS's "cli" and a blank, ten digits, USSD's from/to), after an international call prefix in a
PBX's dial string; number porting's TNs and BTN; PINs under a key that names whose ("port_out_pin",
<AccountPin>, "pin": "4649"); Asterisk's "register => user:secret@host"; Authorize.Net's
"trans_key"; a cheque scanner's "ONUS="; Suricata's FTP "PASS" command_data; a CEF extension's
escaped '=' ("password\\=...", a cookie's "JSESSIONID\\=..."); a Socrata app token before a note in
brackets (read as a type's name before its members). Wrong type fixed: "RTN/acct 100337725 /
6032889633" (the routing number was also read after "acct").

False alarms fixed: "login page / 2024-05-01" (a date after a login word and a slash); a masked
card's first digits after "ACCT"; Symfony's %env(...)% reference; "net.exe user svc_backup /domain"
in a Windows event's XML (its end tag read as the password); a query's empty "password=&token="
before " HTTP/2.0"; an IMSI as a SIP or EAP-SIM identity's user on a 3GPP domain; Cisco ESA's
"Message-ID '<...@...>'"; an employer's EIN beside the person's SSN; Chromium's IPC pipe tokens.

Each positive case and each fixed false alarm fails on c0c0fbb (a worktree of it); the guards
pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    # Oracle's tools and their logons
    ("FNDCPASS apps/Pr0dApps#2024 0 Y system/Manager9x USER SYSADMIN N3wSysadm!n",
     {("SECRET", "Pr0dApps#2024"), ("SECRET", "Manager9x"), ("SECRET", "N3wSysadm!n")}),
    ("FNDCPASS apps/apps 0 Y system/manager ALLORACLE Welc0me1", {("SECRET", "Welc0me1")}),
    ("$ FNDLOAD apps/Pr0dApps#2024 0 Y UPLOAD $FND_TOP/patch/115/import/afcpprog.lct XX.ldt",
     {("SECRET", "Pr0dApps#2024")}),
    ("expdp system/Manag3r#1 directory=DP_DIR dumpfile=full.dmp", {("SECRET", "Manag3r#1")}),
    ("SQL> conn system/Welcome_1 as sysdba", {("SECRET", "Welcome_1")}),
    ("rman target sys/Oracle#19c@PRODCDB", {("SECRET", "Oracle#19c")}),
    ("sqlplus -s apps/appsPW2023", {("SECRET", "appsPW2023")}),
    ("sqlldr userid=hr/Hr_Passw0rd control=load.ctl", {("SECRET", "Hr_Passw0rd")}),
    # a password manager's export rows, headerless
    ('"Okta","https://acme.okta.com","ops@globex.io","K>LwHC8x+xO1o;8_O","",""', {("SECRET", "K>LwHC8x+xO1o;8_O")}),
    (",,login,AWS root,,,0,https://signin.aws.amazon.com,admin,Iho(eJuGKjxFQ6f,B5J5WRU5J7O5R3YG5JZ6N6A7N5VVBAAI",
     {("SECRET", "Iho(eJuGKjxFQ6f"), ("SECRET", "B5J5WRU5J7O5R3YG5JZ6N6A7N5VVBAAI")}),
    ('"GitHub","https://github.com/session","devops@contoso-retail.com","zodiac-flint-motto-tango4","",""',
     {("SECRET", "zodiac-flint-motto-tango4")}),
    # a user and a password, a spaced slash apart, after a word of logging in
    ("JIRA-5774 comment: used admin / jFl=QQrkAJaBpMJ5TJTmKSuy on staging, rotate after the demo",
     {("SECRET", "jFl=QQrkAJaBpMJ5TJTmKSuy")}),
    ("JIRA-5718 comment: used admin / Flint-tundra-gizmo-pepper-wander50 on staging",
     {("SECRET", "Flint-tundra-gizmo-pepper-wander50")}),
    ("sign in with jdoe / N3w-P4ss! and change it", {("SECRET", "N3w-P4ss!")}),
    # telecom: numbers without their '+' under a telephony key (in a JSON array, after RADIUS's
    # "cli", ten digits), after an international call prefix in a dial string; number porting's
    # TNs; PINs under a key that names whose
    ('sinch-sdk DEBUG POST https://us.sms.api.sinch.com/xms/v1/batches {"id":"P4OSZW19","to":["918123456161",'
     '"522856770133"],"from":"468149190","body":"x"}',
     {("PHONE_NUMBER", "918123456161"), ("PHONE_NUMBER", "522856770133")}),
    ("2025-05-24T21:44:31.419Z ussd-gw mobile-money transfer from=27105682371 to=2348021954981 amount=36728",
     {("PHONE_NUMBER", "27105682371"), ("PHONE_NUMBER", "2348021954981")}),
    ("Login OK: [yuki206] (from client nas-bras-01 port 4093 cli 4933185446 nas 10.58.63.117)",
     {("PHONE_NUMBER", "4933185446")}),
    ("Auth: (9674) Login OK: [mateo] (from client nas-bras-01 port 7767 cli 19054144164 via TLS tunnel)",
     {("PHONE_NUMBER", "19054144164")}),
    ('{"id": "be2e7334", "originator": "4930942795", "body": "hi there"}', {("PHONE_NUMBER", "4930942795")}),
    ("Subscription-Id[END_USER_E164]=61478190412", {("PHONE_NUMBER", "61478190412")}),
    ('"7001","5892","from-internal","SIP/5892-cb7b1256","Dial","SIP/carrier-out/011441210909577,300,tTr"',
     {("PHONE_NUMBER", "011441210909577")}),
    ("[NOTICE] switch_ivr_originate.c:3566 Cannot create outgoing channel dialing sofia/gateway/carrier1/15519791921 "
     "for caller +917492854248", {("PHONE_NUMBER", "15519791921")}),
    ('{"portRequestId": "PR-29885911", "tns": ["6176252923", "917-542-0843"], "btn": "6176252923", '
     '"port_out_pin": "227032"}', {("PHONE_NUMBER", "6176252923"), ("SECRET", "227032")}),
    ('"portIn": {"tn": "7029340239", "pin": "4649"}', {("PHONE_NUMBER", "7029340239"), ("SECRET", "4649")}),
    ("<Subscriber><AccountPin>162494</AccountPin></Subscriber>", {("SECRET", "162494")}),
    ("register => 6824707327:luDnkm!59*@sip.trunk.acme-voip.com/3056105921", {("SECRET", "luDnkm!59*")}),
    # a payment gateway's transaction key, a cheque's on-us field, an IDS's FTP password, CEF's
    # escaped '='
    ("'trans_key' => 'Snowfall3408#', 'login_id' => '5KP3u95bQpv'", {("SECRET", "Snowfall3408#")}),
    ("CHECK SCAN lane=3 TRANSIT=028760267 ONUS=60917650841 AMT=0000012500",
     {("ABA_ROUTING_NUMBER", "028760267"), ("US_BANK_NUMBER", "60917650841")}),
    ('{"event_type":"ftp","ftp":{"command":"PASS","command_data":"XUE*f9l1tA96","completion_code":["230"]}}',
     {("SECRET", "XUE*f9l1tA96")}),
    (r"CEF:0|Imperva|WAF|1.0|100|Login|5|request=https://shop.example.com/login?email\=ann@x.com&password\="
     r"!jCY1WaoKWUip!t6*g&remember\=1 src=10.1.2.3", {("SECRET", "!jCY1WaoKWUip!t6*g")}),
    (r"CEF:0|CrowdStrike|Falcon|1.0|proc|x|5|cs2=java.exe -jar app.jar --spring.datasource.password\="
     r"qdw.!hdJu2CF~-fk! cs2Label=CommandLine", {("SECRET", "qdw.!hdJu2CF~-fk!")}),
    # a routing number a compound key names before the account's word; a token before a note in
    # brackets (not a type's name before its members)
    ("NOC C04 received for payee 899-80-2672: corrected RTN/acct 100337725 / 6032889633 effective 2024-07-16",
     {("ABA_ROUTING_NUMBER", "100337725"), ("US_BANK_NUMBER", "6032889633")}),
    ("GET /resource/bkgl-oacp.json X-App-Token: XgJR7UmwpWsl7OIzTp1vBmzaI (data.ny.gov)",
     {("SECRET", "XgJR7UmwpWsl7OIzTp1vBmzaI")}),
    (r"ASM: CEF:0|F5|ASM|14.1.2|Illegal HTTP status|2|request=GET /x HTTP/1.1\r\nCookie: JSESSIONID\=9B114064A2D6E2"
     r"CC7693BB809D66F136; lang\=en", {("SECRET", "9B114064A2D6E2CC7693BB809D66F136")}),
])
def test_found(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line", [
    # command lines that hold no logon
    "sqlplus /nolog",
    "imp 3/4 done",
    "connect tcp/443",
    "connect to host/path",
    "the connect user/group mapping failed",
    # CSV rows of a URL, a user and no password
    "2024-01-01,https://shop.example.com/cart,jdoe,200,OK",
    "https://x.com/a,bob,2024-03-10T10:00:00Z,active",
    '"https://api.example.com/v1/users","GET","Mozilla/5.0 (X11)",200',
    "https://shop.example.com/checkout,jdoe,ORD-7F3K9Q2L1,paid",
    # spaced slashes that part no user from a password
    "using read / write access",
    "with TCP / 443",
    "ratio 3 / 4",
    "login page / 2024-05-01 maintenance",
    # a masked card's first digits after "ACCT"; a Symfony environment reference
    "EJ|1197|13|343506|04/19/24 04:49:50|TENDER|VISA|ACCT 444364******0037|AMT 452.57|AUTH WOJLAU",
    "ADYEN_API_KEY=%env(ADYEN_API_KEY)%",
    "    stripe_key: '%env(base64:STRIPE_SECRET)%'",
    # a command line that an element's end tag closes; a query's empty parameters
    "<EventData><Data Name='CommandLine'>net.exe user svc_backup /domain</Data><Data Name='ParentProcessName'>"
    "C:\\Windows\\explorer.exe</Data></EventData>",
    '"GET /login?next=%2Fdashboard&password=&token= HTTP/2.0" 200 614401 "-" "kube-probe/1.29"',
    # SIM identities (an IMSI and its network's domain), a switch's channel names, a PIN that is
    # no credential, epoch seconds under "from" and "to"
    "M=REGISTER R=sip:ims.mnc015.mcc234.3gppnetwork.org F=sip:234150238321070@ims.mnc015.mcc234.3gppnetwork.org",
    "EAP-SIM identity 0310260701492155@wlan.mnc260.mcc310.3gppnetwork.org accepted",
    '"SIP/5892-cb7b1256","SIP/carrier-out-94b63bc4","Dial"',
    "GPIO pin 13 high; pin count 1024",
    "Delivery PIN code 560001 (Bengaluru)",
    '{"pinned": "2024"}',
    "range from=1700000000 to=1700003600",
    # Chromium's IPC pipe on a child process's command line (a CEF extension escapes its '=')
    "chrome.exe --type=renderer --service-pipe-token=11343697476573359606 --lang=es",
    r"LEEF:1.0|Panda Security|paps|02.47|exec|Params=chrome.exe --type\=renderer --service-pipe-token\=11343697476573359606",
    # a message's id
    "esa01 mail_logs: Info: MID 24373992 ICID 81143136 RID 0 Message-ID '<ZvndIgvBqXO8eHukQjLB@oceanic-air.com>' done",
])
def test_none(procs, line):
    check_none(procs, line, types=("SECRET", "US_SSN", "US_BANK_NUMBER", "CREDIT_CARD", "PHONE_NUMBER",
                                   "EMAIL_ADDRESS"))


def test_an_employers_ein_beside_an_ssn_is_no_ssn(procs):
    line = ('TwnVerificationClient - POST https://api.theworknumber.com/v2/verifications body="{\\"ssn\\":'
            '\\"134693912\\",\\"employerEin\\":\\"477805457\\",\\"permissiblePurpose\\":\\"PPSNAP\\"}"')
    for name, proc in procs.items():
        got = found(proc, line)
        assert ("US_SSN", "134693912") in got and not any(v == "477805457" for _, v in got), (name, got)
