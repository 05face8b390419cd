"""Five more independent probes (2026-12-07, held out: run once on 2f033e2 before these fixes):
retirement plan recordkeeping and brokerage transfers, government benefit disbursement and
prepaid cards, marketing/CRM/adtech, mortgage servicing and escrow, payment gateways and
subscription billing.

Leaked: Razorpay's "key_secret" (read as a weak "key"); Adyen's API keys; an account under an
ACATS transfer's "deliv_acct" or an ACH return's "orig_entry_acct"; a phone number before a
clause of its own ("call me back at 2105164469, my card was declined": "my card" read as naming
the number); a voicemail left ("VM left for borrower at"), Spanish "llamé al", British "rang
from", Dutch "terugbellen op", a Romance call verb with the person called between it and the
number ("llamar a Sofía al", "ligar para Camila no"); an SMS gateway's number after a message id
("queued SMS sid=SM0a84... to=2055398013"); fixed-width person records with the record's id
glued before the surname, a middle initial glued before the SSN, the telephone after the birth
date, and a list export's telephone after the given name's column; a person's name in one field
("FLORES LUIS", not in a row with an account's marks); a row with a second 9-digit field (the employer's EIN beside the birth date's neighbour; a routing
number with its account next); a headerless ACH return row's routing number and account; a
payment platform's person object ("id_number" beside "dob"); a benefit card's 19 digits in
groups no card is printed in, after a card's word; a processor's API transaction key ("trans
key"); a help desk's temporary password set for a user; an ITIN under "SocSecNum"; a birth date
written without leading zeros ("8/13/1956").

False alarms fixed: Google Ads' customer id (3-3-4 digits, a phone's shape); a card processor's
card token ("crd_..."); the digits a mask of number signs leaves ("acct=####8388").

Each positive case and each fixed false alarm fails on 2f033e2 (a worktree of it); the guards
pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none, found

ADYEN = ("AQEe/iUhYjG8kuj5/qnzlLoypfPik1sFfKpIhbTuLySIphdspmKZQOoExQKGmXoY4Sm5MxfyfAhuUUSANHHPfv2vnKYK3xd7mO=="
         "-TnapCzKNqvp5YSEvfzSVVjfffJrPw150tVTDGXTmOC3=-ayxZdtZv{taN5w3m")


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    # Razorpay's key pair: its key_secret is the secret half
    ('payments: {provider: razorpay, environment: production, key_secret: "8cYwwylAspqAxJyDWEWmZicg", timeout: 30}',
     {("SECRET", "8cYwwylAspqAxJyDWEWmZicg")}),
    # Adyen's API key, by its format (a space between the variable's name and it)
    ("ENV ADYEN_API_KEY " + ADYEN, {("SECRET", ADYEN)}),
    # the delivering account of an ACATS transfer; an ACH return's original entry's account
    ("ACATS TIF ctl=20241214137512 type=RCR deliv_dtc=6732 recv_dtc=0062 deliv_acct=799191291 "
     "recv_acct=5312645591 tin=162-50-5790 reg=IRA status=REJECT", {("US_BANK_NUMBER", "799191291")}),
    ("ACH RETURN R03 trace=629737070991261 orig_entry_rtn=313936887 orig_entry_acct=40680016649258 "
     "amount=36865.77", {("US_BANK_NUMBER", "40680016649258")}),
    # a clause of its own after the number: "my card" names no number
    ("Body: Please call me back at 2105164469, my card was declined", {("PHONE_NUMBER", "2105164469")}),
    # a voicemail left; Spanish, British and Dutch ways to say a call
    ("VM left for borrower at 9098782977 re: expired insurance", {("PHONE_NUMBER", "9098782977")}),
    ("Nota de cobranza: llamé al prestatario al 9529203659; confirmó", {("PHONE_NUMBER", "9529203659")}),
    ("Note on account cus_oowlflPBoezY2h: customer rang from 07915 630670 asking to switch",
     {("PHONE_NUMBER", "07915 630670")}),
    ("Notitie: Emma terugbellen op 06-53707925, mail naar emma@ziggo.nl", {("PHONE_NUMBER", "06-53707925")}),
    # the person called between a Romance call verb and the number's preposition
    ("Nota de venta: llamar a Sofía al 664 041 565; correo: sofia@cobaltroofing.com",
     {("PHONE_NUMBER", "664 041 565")}),
    ("Anotação: ligar para Camila no 19 94072-2346, e-mail costa.camila@uol.com.br",
     {("PHONE_NUMBER", "19 94072-2346")}),
    # an SMS gateway's message id between the message's word and its number
    ('[twilio] queued SMS sid=SM0a84b28fc31f1f4fe255b65a9d3dde9e to=2055398013 body="Your payment failed"',
     {("PHONE_NUMBER", "2055398013")}),
    ('[twilio] queued SMS sid=SM5fb37ef89fcf596783201db114505681 to=07425 158304 body="Your payment failed"',
     {("PHONE_NUMBER", "07425 158304")}),
    # fixed-width person records: the record's id glued before the surname; a middle initial or
    # a generation code glued before the SSN, the telephone after the birth date (and a ZIP)
    ("0000074390JOHNSON             DMITRI         8596409761969111320221216A00519725211700GA",
     {("US_SSN", "859640976")}),
    # (ten digits after the birth date read as a telephone too, "3319857329": both readings are
    # redacted, the ZIP code between with them)
    ("011298935722   OLSEN               JOHN           C04872679019540417331985732908657000044447453",
     {("US_SSN", "048726790"), ("PHONE_NUMBER", "331985732908657")}),
    ("0426 120211021103939  0668412047                    26M20211021WILSON                   EMILY"
     "               Z6763363691949080871255222721", {("US_SSN", "676336369"), ("PHONE_NUMBER", "7125522272")}),
    # a list export's telephone in the column after the given name
    ("D1720450361WASHINGTON          JAMES          9372306847 JAMES.WASHINGTON@VERIZON.NET            "
     "093849140 61481 20250702Y", {("PHONE_NUMBER", "9372306847")}),
    # a name in one field, surname first (a TIN matching request's row)
    ("1;903581006;FLORES LUIS;28458771;3", {("US_ITIN", "903581006")}),
    # two 9-digit fields: the routing number with its account and type after it, the SSN
    ("DIST|2022-02-07|PL000318|ROLLOVER|290675384|MORALES|SOFIA|225379833|55293099|CHK|270841.91|FWT=8676.30",
     {("US_SSN", "290675384"), ("ABA_ROUTING_NUMBER", "225379833"), ("US_BANK_NUMBER", "55293099")}),
    # the employer's EIN and the employee's SSN beside the birth date
    ("EIWO,240705,AMENDED,272705825,DOLLAR GENERAL,WHITE,DMITRI,072090265,09/03/1994,CS-2013-916103,492.06",
     {("US_SSN", "072090265")}),
    # a headerless ACH return: routing number, account
    ("ACH|RETURN|R02|2024-10-13|648930532|95733843434|SVEN JACKSON|1884.64|418854979314253",
     {("ABA_ROUTING_NUMBER", "648930532"), ("US_BANK_NUMBER", "95733843434")}),
    # a payment platform's person: "id_number" beside the birth date
    ('POST /v1/accounts/acct_R9w0z6l50UtOjmzA/persons {"first_name": "Hassan", "last_name": "Schmidt", '
     '"dob": {"day": 17, "month": 7, "year": 1971}, "id_number": "397301807", "relationship": {"owner": true}}',
     {("US_SSN", "397301807")}),
    # a benefit card's 19 digits, grouped as its processor logs them, after a card's word
    ("INFO [ebt-auth-01] txn=AUTH stan=195420 cardNumber=600486 5800 1297 71112 benefit=WIC amt=817.26",
     {("CREDIT_CARD", "600486 5800 1297 71112")}),
    # a processor's API transaction key; a help desk's temporary password for a user
    ('export GALILEO_API_TRANS_KEY="l2QygrLjOJ"  # ebt-settlement prod', {("SECRET", "l2QygrLjOJ")}),
    ("2024-06-05 09:53:06 helpdesk: temp pwd for bytaylor@ymail.com set to 'welcome21$' by admin cw_jsmith",
     {("SECRET", "welcome21$")}),
    # an ITIN under an SSN's abbreviated key
    ('kyc-svc msg="identity check" vendor=experian SocSecNum=997545286 dob=8/26/1973', {("US_ITIN", "997545286")}),
    # a birth date without leading zeros
    ("WALMART INC|52213|Flores|Cody|591360758|8/13/1956|flores.cody6@att.net|01/13/2024|PAYCARD|A",
     {("US_SSN", "591360758")}),
])
def test_found(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line", [
    # fixed false alarms: Google Ads' customer id; the digits a mask leaves
    "2024-01-29T16:41:20.688Z INFO gads-sync customer_id=841-959-8696 campaign_id=80872034913 ad_group_id=73526808988",
    "dd_change claim=C205936 acct=####8388 rtn=XXXXX9184 status=REJECTED_R03",
])
def test_none(procs, line):
    check_none(procs, line)


@pytest.mark.parametrize("line", [
    # guards: "rang in" no call; a number after two capitals' columns without a given name; a
    # lone routing number of a person's row with its account after it is no SSN
    "the bell rang in 2105164469 ms",
    "SMITH   BRACKET  1700000000 x",
    "ROBERT,SATO,2001-07-07,021000021,12345678,x",
    # a payee's name in one field beside a payment's numbers; a name beside a routing number's
    # checksum (the row's other 9-digit field, with an account after it, is a routing number too)
    "31102301578|248476058527766|9198588|244502827|583.45|Scott Chase|PROCESSED",
    "James Dyer|Savings|273982023397457|607683801|89.48|673248969|1315844391",
    # the fields after an e-mail address that are no dialled number: an id, an EIN, a date
    "hollypotter14@yahoo.co.uk,2870,06/11/2025,358424042,88-3960719,758695851,3270.22,336.53",
])
def test_no_person_number(procs, line):
    check_none(procs, line, types=("US_SSN", "US_ITIN", "PHONE_NUMBER"))


def test_a_spaced_ssn_after_an_e_mail_is_still_an_ssn(procs):
    check_every(procs, "500.68\tDDA\tE91366\tdenis.carroll@orange.fr\t834 77 1433\t283339695\t6456.41",
                {("US_SSN", "834 77 1433")})


def test_card_tokens_are_no_secrets(procs):
    line = '{"event": "card.activated", "card_token": "crd_e78542cfb54e89d44814", "last4": "6571"}'
    for name, proc in procs.items():
        assert {t for t, _ in found(proc, line)} & {"SECRET"} == set(), name


def test_one_number_sign_is_still_a_number_sign(procs):
    for name, proc in procs.items():
        assert ("US_BANK_NUMBER", "12345678") in found(proc, "acct #12345678 closed"), name
        assert ("US_BANK_NUMBER", "12345678") in found(proc, "acct=#12345678 closed"), name


def test_an_id_of_a_person_is_still_a_phone_where_a_phone_word_says(procs):
    for name, proc in procs.items():
        assert found(proc, "customer phone 841-959-8696") == {("PHONE_NUMBER", "841-959-8696")}, name
