"""Ten more independent probes (2026-12-07, held out: run once on 13d3615 before these fixes):
web servers and CDNs, data tooling's output, brokerage and trading, adversarial writing,
education, P&C insurance, background checks and courts, gig marketplaces, logs in other
languages, marketing platforms.

Leaked: a FIX message's logon password (554, 925) and its standing settlement instructions
(177/183 a bank's routing number, 178/184 its account, 181/187 a contact's phone), fields parted
by SOH (read as the '|' logs print); FedNow's agent member id, ACATS' delivering account,
Hyperwallet's "bankAccountId", India's "acc_no", "accnt", "acount", "compte n\xb0", a label in its
own quoted cell, an HTML table's label cell, a value struck through in Markdown, a Brazilian
account object's "numero", a voided cheque's MICR line as OCR reads it (":274004900:
8972893243\"", "<061000104< 7831483709;"), an IBAN grouped as its bank prints it, a Hipercard;
PeopleSoft's numbered binds ("= :1 ... Bind-1 type=2 length=9 value=..."), BigQuery's and
Redshift's load errors, Great Expectations' unexpected values, Spark's pushed filters, an
audit's "changed field: 'old' -> 'new'", German's "Feld 'x' (Wert: 'v')" and name/value pairs
in other languages, a header and its row in one line ("(columns: ...,EUID) row: ..."), a card
in an aligned table's column (two blanks and more from its neighbours), a bare SSN beside a
compact birth date (19680325) in a person's row, the IRS's "Identifying Number(s)";
";jsessionid=" before a query string, Akamai's "~hmac=", IIS's W3C cookies (";+" between pairs,
".ASPXAUTH"), a host-less database URL's password; defanged addresses ("jane[at]example[.]com",
"jane[@]example.com", "jane@example[.]com").

False alarms: a webhook's signature header (the HMAC of one body), an SSH host key's
fingerprint, a typed public id ("pi:75457"), "passwordEncoder", a mask in another language
("[UKRYTE]"), India's postal PIN code, an invoice's slashed number, an E.164 phone before "my acct" read as the account, a typed reference
("account:39580200"), a session's reference "sess_<uuid>", a FIX message's ids (a CUSIP read as
a routing number, an order id as a card), a date before "your account", a schema's version,
"Basic ****", ASP.NET's anti-forgery token, an "obfuscated" address's key ("user=" before
"jane(at)..."). Each case fails on 13d3615; the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    # FIX
    ("8=FIX.4.4|9=112|35=A|49=CLIENT7|56=BROKER|553=omsgw79|554=sOy~^s8XNBxl19HJ|98=0|108=30|10=152|",
     {("SECRET", "sOy~^s8XNBxl19HJ")}),
    ("8=FIX.4.4\x019=120\x0135=A\x0149=CLIENT1\x0156=BROKER\x01553=mrodriguez\x01554=k?_kIj9Kqi\x01"
     "925=Quasar-kestrel_3267\x0110=152\x01", {("SECRET", "k?_kIj9Kqi"), ("SECRET", "Quasar-kestrel_3267")}),
    ("8=FIX.4.2|35=T|176=STATE STREET BANK|177=2669|178=094131|183=071000013|184=4687392832|187=6175550182|",
     {("ABA_ROUTING_NUMBER", "071000013"), ("US_BANK_NUMBER", "094131"), ("US_BANK_NUMBER", "4687392832"),
      ("PHONE_NUMBER", "6175550182")}),
    ("8=FIX.4.2^A35=T^A183=071000013^A184=5713090298^A187=2125550147^A",
     {("ABA_ROUTING_NUMBER", "071000013"), ("US_BANK_NUMBER", "5713090298"), ("PHONE_NUMBER", "2125550147")}),
    ("8=FIX.4.4\x0135=8\x0137=ORD77\x019701=5.115.195.161\x0110=003\x01", {("IP_ADDRESS", "5.115.195.161")}),
    ("email=jane.doe@gmail.com\x01ip=8.8.4.4\x01ua=curl", {("EMAIL_ADDRESS", "jane.doe@gmail.com"), ("IP_ADDRESS", "8.8.4.4")}),
    # payments and transfers
    ('{"debtor": {"name": "Linda Andersen", "account": "811927", "agent": {"memberId": "064099316"}}}',
     {("ABA_ROUTING_NUMBER", "064099316")}),
    ('{"controlNumber": "20246058518969", "deliveringAccountNumber": "6555911471", "receivingFirm": "0226"}',
     {("US_BANK_NUMBER", "6555911471")}),
    ("acats.TifProcessor - TIF submitted control_no=20241576645007 dlv_acct=22709271 status=PENDING",
     {("US_BANK_NUMBER", "22709271")}),
    # a database's binds, a URL without its host
    ("Stmt=UPDATE PS_PERS_NID SET NATIONAL_ID = :1, LASTUPDDTTM = SYSDATE WHERE EMPLID = :2  "
     "Bind-1 type=2 length=9 value=273776199  Bind-2 type=2 length=7 value=9139166  ; prior "
     "Stmt=SELECT EMAIL_ADDR FROM PS_EMAIL_ADDRESSES WHERE EMAIL_ADDR = :1 Bind-1 type=2 length=14 value=cl@umw.edu",
     {("US_SSN", "273776199"), ("EMAIL_ADDRESS", "cl@umw.edu")}),
    ("conn_uri=snowflake://AIRFLOW_SVC:1e7aIL7Ez_NVl@/ANALYTICS/PUBLIC?account=xy12345",
     {("SECRET", "1e7aIL7Ez_NVl")}),
    # data tooling's load errors
    ("BigQuery error: Could not parse '63849607849' as INT64 for field ACCT_NBR (position 23)",
     {("US_BANK_NUMBER", "63849607849")}),
    ("stl_load_errors: raw_field_value='683727580' colname='routing_number' err_code=1207",
     {("ABA_ROUTING_NUMBER", "683727580")}),
    ('{"success": false, "expectation_config": {"expectation_type": "expect_column_values_to_be_unique", '
     '"kwargs": {"column": "acct_num", "mostly": 0.99}, "meta": {}}, "result": {"element_count": 625529, '
     '"partial_unexpected_list": ["59126827038466", "97718968327"], "partial_unexpected_counts": []}}',
     {("US_BANK_NUMBER", "59126827038466"), ("US_BANK_NUMBER", "97718968327")}),
    ("\u2716 ACCT_NBR: unexpected_list=['62836250668488', '73669590322', '3559838533']",
     {("US_BANK_NUMBER", "62836250668488"), ("US_BANK_NUMBER", "73669590322"), ("US_BANK_NUMBER", "3559838533")}),
    ("PushedFilters: [IsNotNull(bank_acct), EqualTo(bank_acct,788029615450)]", {("US_BANK_NUMBER", "788029615450")}),
    # a session in a URL's path parameter, the query after it
    ("GET /shop/cart.do;jsessionid=7DCE0BB88F73E55263BE835BBA74906B?item=85176 HTTP/1.1",
     {("SECRET", "7DCE0BB88F73E55263BE835BBA74906B")}),
    # Akamai's token in a URL
    ("GET /hls/live/master.m3u8?hdnts=st=1715123160~exp=1715126760~acl=/hls/live/*~hmac=7e87abeb3f0c9d1e2a4b5c6d"
     "7e8f90a1b2c3d4e5f60718293a4b5c6d7c8751b51 HTTP/1.1",
     {("SECRET", "7e87abeb3f0c9d1e2a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7c8751b51")}),
    # cookies in IIS's W3C log
    ("2024-02-06 07:02:07 W3SVC1 POST /Pledge.aspx - 443 - 209.17.152.82 Mozilla/5.0 "
     "ASP.NET_SessionId=p2bscbp6k1gj7eg5yvquvl5b;+.ASPXAUTH=D6A8846BA4D761960B7BC95EAA61E7C0C6EEB677 200",
     {("SECRET", "p2bscbp6k1gj7eg5yvquvl5b"), ("SECRET", "D6A8846BA4D761960B7BC95EAA61E7C0C6EEB677")}),
    ("cs(Cookie)=ASP.NET_SessionId=suvuruc0sawtd0r1l76vxbru;+_ga=GA1.2.1", {("SECRET", "suvuruc0sawtd0r1l76vxbru")}),
    # tables and typos
    ("<tr><td>Account</td><td><b>00417340518574</b></td></tr>", {("US_BANK_NUMBER", "00417340518574")}),
    ('<tr><th>Acct #</th><td class="v"><i>0480748470</i></td></tr>', {("US_BANK_NUMBER", "0480748470")}),
    ('{"acountNumber": "09129276157"}', {("US_BANK_NUMBER", "09129276157")}),
    ("Customer wrote: refund to my checking account no ~~6369821663132~~ please", {("US_BANK_NUMBER", "6369821663132")}),
    ("AUDIT user=kevin ip=10.0.0.1 changed accountNumber: '****0701' -> '0219704594'",
     {("US_BANK_NUMBER", "0219704594")}),
    ("refund to accnt 87154733147 today", {("US_BANK_NUMBER", "87154733147")}),
    ("     3  1949-07-13  4171 8048 2190 7417  x", {("CREDIT_CARD", "4171 8048 2190 7417")}),
    ("0  2517 3911 4309 6878   916.15", {("CREDIT_CARD", "2517 3911 4309 6878")}),
    # a voided cheque's MICR line as OCR reads its symbols; a bank account's id; India's "acc_no"
    ('MEMO ____ :274004900: 8972893243" 2160', {("ABA_ROUTING_NUMBER", "274004900"), ("US_BANK_NUMBER", "8972893243")}),
    ("MEMO <061000104< 7831483709; 3536", {("ABA_ROUTING_NUMBER", "061000104"), ("US_BANK_NUMBER", "7831483709")}),
    ('{"transferMethod": {"bankAccountId": "21107478350", "branchId": "021000021"}}', {("US_BANK_NUMBER", "21107478350")}),
    ("bank verify acc_no=13252834422005 ifsc=KKBK0556849 status=OK", {("US_BANK_NUMBER", "13252834422005")}),
    # a label in its own quoted cell; a form's "Identifying Number(s)"; other languages' accounts
    ('ABC000155725,66,"Bank Account","615194531",0.97,Confirmed', {("US_BANK_NUMBER", "615194531")}),
    ("Form 668-W Identifying Number(s): 407172770", {("US_SSN", "407172770")}),
    ("Form 668-W Identifying Number(s): 947961588", {("US_ITIN", "947961588")}),
    ('pix recebido "conta": {"banco":"341","agencia":"1280","numero":"3161600-8"}', {("US_BANK_NUMBER", "3161600-8")}),
    ('{"feld":"kontonummer","wert":"41543626","fehler":"passt nicht"}', {("US_BANK_NUMBER", "41543626")}),
    ("virement vers le compte n\xb0 712948945659 ABA 021000021", {("US_BANK_NUMBER", "712948945659")}),
    ("Validierungsfehler: Feld 'kontonummer' (Wert: '7684041862') passt nicht zur Bankleitzahl 50040000",
     {("US_BANK_NUMBER", "7684041862")}),
    # a header and its row in one line, the row's word between its last name and first value
    ("import job 8701 line 6335 rejected (columns: Email Address,First Name,Last Name,Phone Number,MEMBER_RATING,"
     "OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LEID,EUID) row: kevin.robinson@gmail.com,Kevin,Robinson,"
     "+4915127019246,3,2024-04-22 10:22:11,119.175.99.41,2023-03-23 10:23:01,,188938371,43764c5ff8",
     {("PHONE_NUMBER", "+4915127019246"), ("EMAIL_ADDRESS", "kevin.robinson@gmail.com")}),
    ("cartao 6062821278969101 aprovado", {("CREDIT_CARD", "6062821278969101")}),
    # a person's row, the birth date written compact
    ("KYC,88213,Wei,Martinez,20010510,630184392,US,ACTIVE", {("US_SSN", "630184392")}),
    # defanged and grouped
    ("alert user=johnson.maria[at]globex[.]io src=10.1.2.3", {("EMAIL_ADDRESS", "johnson.maria[at]globex[.]io")}),
    ("user=zoe.baker[@]vandelay.biz", {("EMAIL_ADDRESS", "zoe.baker[@]vandelay.biz")}),
    ("sender=zoe.baker@vandelay[.]biz", {("EMAIL_ADDRESS", "zoe.baker@vandelay[.]biz")}),
    ("user=jane(at)example.com", {("EMAIL_ADDRESS", "jane(at)example.com")}),
    ("beneficiary GB68 NWBK 608771 55490783 ref 7", {("IBAN_CODE", "GB68 NWBK 608771 55490783")}),
    ("<IBAN>CH26 75537 368834554270</IBAN>", {("IBAN_CODE", "CH26 75537 368834554270")}),
    ("pay to ES15 7631 3930 81 4107132309 by Friday", {("IBAN_CODE", "ES15 7631 3930 81 4107132309")}),
])
def test_found(procs, line, want):
    check_every(procs, line, want)


def test_name_value_pairs_in_other_languages(procs):
    """A JSON document's {"feld": ..., "wert": ...} (German), {"campo": ..., "valor": ...}: the
    name member says what the value member is."""
    doc = ('{"fehler":[{"feld":"kontonummer","wert":"41543626","meldung":"x"},'
           '{"campo":"telefone","valor":"+5511920042323"}]}')
    check_every(procs, doc, {("US_BANK_NUMBER", "41543626"), ("PHONE_NUMBER", "+5511920042323")}, fmt="json")


def test_one_soh_inside_a_password_hides_nothing(procs):
    """SOH is read as a field separator only where the record uses it more than once: one slipped
    into a password before an '=' does not cut the password there."""
    for name, proc in procs.items():
        r = proc.process([b"password=Hunter2\x01extra=Secret99"])[0]
        out = r.redacted if isinstance(r.redacted, str) else r.redacted.decode()
        assert "Secret99" not in out, (name, out)


def test_a_phone_before_my_acct_is_no_account(procs):
    for name, proc in procs.items():
        got = found(proc, "pls call me back on +12134234054 my acct email changed")
        assert not any(t == "US_BANK_NUMBER" for t, _ in got), (name, got)


def test_spans_stay_on_the_value(procs):
    """A key before an "obfuscated" address is no part of it; SOH ends a field's value."""
    for name, proc in procs.items():
        got = found(proc, "user=jane(at)example.com")
        assert not any(v.startswith("user") for _, v in got), (name, got)
        got = found(proc, "email=jane.doe@gmail.com\x01ip=8.8.4.4\x01ua=curl")
        assert ("EMAIL_ADDRESS", "jane.doe@gmail.com") in got, (name, got)


@pytest.mark.parametrize("line", [
    "Dear Client, as of the close on 20240701 your account XXXX8054 has a maintenance call of $50,711.00",
    "as of the close on March 15, 2024 your account XXXX6193 has a maintenance call",
    'detail="schema 5.9.9.4" migrated',
    "Cookie: __RequestVerificationToken=Xz1LTizTxcMONVHO4WNltyWtVg6pKk4oQfD2t7St; lang=en",
    "__RequestVerificationToken=Xz1LTizTxcMONVHO4WNltyWtVg6pKk4oQfD2t7St&Email=x",
    # FIX tags outside a message, and a venue's own account (tag 1)
    "len|554=abc|x",
    "8=FIX.4.4|35=D|1=77123456|11=ORD-9|55=IBM|54=1|38=100|10=077|",
    # a FIX message's ids: a CUSIP that passes the ABA checksum, an order id that passes Luhn's
    "8=FIX.4.4|9=221|35=F|34=490008|49=MSET|1=ACCT92039|55=BRK.B|48=084670702|22=1|37=5663406754341150|10=003|",
    "https://a:b@/x",
    "see AB12 3456 7890 12 more",
    '{"http_authorization":"Basic ****"}',
    "column order_id: unexpected_list=['62836250668488', '73669590322']",
    "PushedFilters: [EqualTo(order_id,788029615450)]",
    "changed orderNumber: '0701' -> '0219704594'",
    "Feld 'bestellnummer' (Wert: '7684041862')",
    '"40.00","Hans Brown","DDA","833608223","FIN-863","840441952"',
    # a compact date is no birth date's evidence for a row's 10-digit number (an order's id)
    "MVR|6402296099|TX|F9162958|CASTILLO|TYRONE|19770520|*****5524|74416|CLEAR|5|2022-02-16",
    '{"engine":"sentinel-v3","entity":"account:39580200","decision":"review"}',
    '{"risk_score":0.19,"session":"sess_22ac868a-5731-4f5f-b092-45e9a23fc83e"}',
    "at 12:274004900: 8972893243 x",
    "X-Checkr-Signature=4fd62836aa1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071829fdcab6453",
    "X-Twilio-Signature: GFAGay1Kc1bTI9HviQTadbgA/L4=",
    'winscp open -hostkey=""ssh-rsa 2048 07:3f:4f:aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66""',
    "claim Token=pi:75457 created",
    "passwordEncoder=bcrypt",
    "hasło=[UKRYTE] wachtwoord=[VERBORGEN] contraseña=[OCULTA]",
    "Address: MG Road, Bengaluru, PIN code: 560001",
    "Faktura FV/123/11/2026 zaksięgowana",
    "computed hmac=7e87abeb3f0c9d1e2a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7c8751b51 ok",
    '{"authorization":"Bearer [REDACTED]"}',
    "hxxp://evil[.]com/a x=a[.]b",
])
def test_not_found(procs, line):
    check_none(procs, line, types=("SECRET", "IP_ADDRESS", "US_SSN", "US_BANK_NUMBER", "PHONE_NUMBER",
                                   "IBAN_CODE", "EMAIL_ADDRESS", "CREDIT_CARD"))
