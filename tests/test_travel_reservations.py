"""Values in airline and hotel reservations, found leaking by an independent probe (2026-12-06:
Amadeus and Sabre PNR displays, teletype SSRs, Travelport uAPI XML, OTA XML, channel managers,
guest chats). A reservation names its values by their element, IATA's way: the form of
payment's card glued to its vendor's code, the passenger's address in SSR CTCE encoded for the
teletype ("//" for "@", ".." for "_", "./" for "-"), the contact numbers of SSR CTCM/CTCH/CTCB
with their country code and no "+", Amadeus' AP elements and Sabre's PHONES field; and a SOAP
header's credentials in elements with attributes (WS-Security's session token and password). And false
alarms: OpenTravel's EchoToken (a request's id), a message's mid: URL, a booking's number told
as "my booking number is". Each case fails on the code before the commit that fixed it
(12ab7de); the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    # Amadeus: the form of payment, its card glued to the vendor's code
    ("PNR 7K2QXM | 1.LAMBERT/ANNE MRS | 2  AF 1234 Y 12MAR CDGJFK HK1 | 5 FPCCVI4501656168944176/0127 | RF LAMBERT",
     {("CREDIT_CARD", "4501656168944176")}),
    ("  11 FP PAX CCAX371817806648760/0425/A971515/EUR3866.08", {("CREDIT_CARD", "371817806648760")}),
    # Sabre: the field's number, a dash and a star; its FOP field
    ("*A§ KOHL/RAYMOND REC LOC Q557EU PE¥ray.kohl@example.net¥ 5-*CA5149590039979654¥02/26",
     {("CREDIT_CARD", "5149590039979654")}),
    ("FOP‡ 1.JC3528535632650406 EXP 11/28", {("CREDIT_CARD", "3528535632650406")}),
    # SSR CTCE: the address as the teletype writes it
    ("SSR CTCE AF HK1/ANNE..LAMBERT//ACME./CORP.FR/FR-1LAMBERT/ANNE", {("EMAIL_ADDRESS", "ANNE..LAMBERT//ACME./CORP.FR")}),
    ('<air:SSR Type="CTCE" Status="HK" Carrier="AZ" FreeText="MEGANJAGER640//WEB.DE"/>',
     {("EMAIL_ADDRESS", "MEGANJAGER640//WEB.DE")}),
    # SSR CTCM/CTCB and OSI: the number with its country code first, no "+"
    ("SSR CTCM AF HK1/33612345678/FR-1LAMBERT/ANNE", {("PHONE_NUMBER", "33612345678")}),
    ("SSR CTCB QF HK1 004915112345678", {("PHONE_NUMBER", "004915112345678")}),
    ("OSI AZ CTCM PAR 819012345678 PAX", {("PHONE_NUMBER", "819012345678")}),
    ('<air:SSR Type="CTCM" Status="HK" FreeText="12129876543"/>', {("PHONE_NUMBER", "12129876543")}),
    # Amadeus' AP elements: the kind glued after the number
    ("  10 AP FRA +13124567890-B", {("PHONE_NUMBER", "+13124567890")}),
    ("  3 APM 447911123456", {("PHONE_NUMBER", "447911123456")}),
    # Sabre's PHONES field: the city's code glued before the number
    ("PHONES‡ 1.CHI312-456-7890-H 2.NYC212-987-6543-M", {("PHONE_NUMBER", "312-456-7890"),
                                                       ("PHONE_NUMBER", "212-987-6543")}),
])
def test_reservation_elements(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line", [
    # a masked card, a ticket's number, a fare's amount: no card
    "5 FPCCAXXXXXXXXXXXX7821/0527 | 7 FA PAX 074-2429460174/ETAF/EUR6000.52",
    # a carrier's frequent flyer number, no contact
    "SSR FQTV AF HK1/AF9718037883",
    # a Luhn-failing run after a vendor's code
    "5 FPCCVI4501656168944177/0127",
])
def test_reservation_guards(procs, line):
    check_none(procs, line, ("CREDIT_CARD", "PHONE_NUMBER"))


@pytest.mark.parametrize("line, types", [
    ('<OTA_HotelResRQ xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="6e02f503313b29be3fc042a7df817afb" '
     'TimeStamp="2024-11-01T07:11:00.705Z">', ("SECRET",)),
    ("2024-05-21T05:23:04Z D-EDGE ACK reservation 4361637908 channel=BDC echoToken=bc514cf7cf6955433d92c3b221bd9ec9",
     ("SECRET",)),
    ("<eb:MessageData><eb:MessageId>mid:1734583821189@webservices.sabre.com</eb:MessageId>", ("EMAIL_ADDRESS",)),
    ("[SMS] Hello, my booking number is 4054432629 and PIN 0550, can I add breakfast?", ("PHONE_NUMBER",)),
    ("my reservation number is 4054432629", ("PHONE_NUMBER",)),
])
def test_reservation_false_alarms(procs, line, types):
    check_none(procs, line, types)


def test_a_persons_number_is_still_a_phone(procs):
    check_every(procs, "Hello, my number is 4054432629, please call back", {("PHONE_NUMBER", "4054432629")})
    for name, proc in procs.items():
        assert ("EMAIL_ADDRESS", "ann@example.org") in found(proc, "from mid-level manager ann@example.org"), name


@pytest.mark.parametrize("line, want", [
    ('<wsse:BinarySecurityToken valueType="String" EncodingType="wsse:Base64Binary">T1RLAQLp8Zq3vN0x+Wd2hYbK4sEjT9rU'
     'cM1fA6gH5iJ7kL8mN0oP2qR3sT4uV5wX6yZ7aB8cD9eF0gH1iJ2kL3mN4o*</wsse:BinarySecurityToken>',
     {("SECRET", "T1RLAQLp8Zq3vN0x+Wd2hYbK4sEjT9rUcM1fA6gH5iJ7kL8mN0oP2qR3sT4uV5wX6yZ7aB8cD9eF0gH1iJ2kL3mN4o*")}),
    ('<wsse:UsernameToken><wsse:Username>agent7</wsse:Username><wsse:Password Type="http://docs.oasis-open.org/wss/'
     '2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">Gx7!pLm2qRt9</wsse:Password></wsse:UsernameToken>',
     {("SECRET", "Gx7!pLm2qRt9")}),
    ('<password encrypted="false">Gx7!pLm2qRt9</password>', {("SECRET", "Gx7!pLm2qRt9")}),
])
def test_soap_header_credentials(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line", [
    '<input name="password" value="x">',
    '<password encrypted="true">ENC(abc)</password>',
    '<apiKey env="prod">${API_KEY}</apiKey>',
    '<token type="bearer"></token>',
])
def test_soap_header_guards(procs, line):
    for name, proc in procs.items():
        assert not {v for t, v in found(proc, line) if t == "SECRET"}, (name, line)
