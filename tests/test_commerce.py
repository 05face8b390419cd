"""Values in e-commerce, marketplace and logistics systems, found leaking (or flagged falsely) by
an independent probe (2026-12-06, values nobody on the team wrote: shop platforms' logs and
exports, carriers' APIs and labels, seller payouts and their 1099s, loyalty programs). Each case
fails on the code before the commit that fixed it; the guards beside them pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    # the IRS's FIRE upload: a payee "B" record, TIN type 2 (an individual's)
    ("B2024 ROBE2233716817SLR1129770      000037278577", {("US_SSN", "233716817")}),
    # a ZPL label's field data: the commands are no part of the value
    ("^XA^FO50,50^A0N,30,30^FDTEL: 9067101578^FS^FO50,90^FD219-845-5222^FS^XZ",
     {("PHONE_NUMBER", "9067101578"), ("PHONE_NUMBER", "219-845-5222")}),
    # Magento's session cookie, named after its storefront
    ("main.CRITICAL: Cookie: form_key=09WaekTPuN8QcVl0; mage-cache-sessid=true; frontend=li5xhtf4etxsaiakqnldzf8mq1 x",
     {("SECRET", "li5xhtf4etxsaiakqnldzf8mq1")}),
    # a database URL whose user name ends in "to:" ("magento:"): no "mailto:"
    ("dsn=postgres://magento:sxjnhve5TS@orders-db.internal:5432/shop", {("SECRET", "sxjnhve5TS")}),
    # UPS's access license number, its API key
    ("UPS rate request AccessLicenseNumber=1NHSK4T7VR5RFGRJ Username=acme_ship",
     {("SECRET", "1NHSK4T7VR5RFGRJ")}),
])
def test_values_in_commerce_formats(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line, types", [
    # an EIN's payee record (TIN type 1)
    ("B2023 ACME1581189306VND533259", ("US_SSN", "US_ITIN")),
    # a loyalty program's card passes Luhn outside the issuer table
    ('{"member": {"cardNumber": "7802998301586228", "firstName": "Kaitlyn"}, "event": "points.redeemed"}',
     ("CREDIT_CARD",)),
    # a carrier's shipping account (FedEx's request: its meter number beside it)
    ("<ProcessShipmentRequest><ClientDetail><AccountNumber>350426005</AccountNumber>"
     "<MeterNumber>414150207</MeterNumber></ClientDetail></ProcessShipmentRequest>", ("US_BANK_NUMBER",)),
])
def test_program_cards_and_carrier_accounts_stay_clean(procs, line, types):
    check_none(procs, line, types)


def test_a_card_word_still_reaches_a_card_outside_the_table(procs):
    check_every(procs, "card: 7802998301586228", {("CREDIT_CARD", "7802998301586228")})


def test_mailto_and_to_headers_stay_addresses(procs):
    check_every(procs, 'href="mailto:jane@example.com"', {("EMAIL_ADDRESS", "jane@example.com")})
    check_every(procs, "To:jane@example.com", {("EMAIL_ADDRESS", "jane@example.com")})
