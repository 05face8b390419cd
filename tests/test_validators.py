"""Known answers and negatives for every checksum and structure validator, directly and through
the detector. Every expected value here is a literal worked out by hand (published test numbers,
or a check digit computed outside this code base); none is computed by the code under test."""
import pytest

from piistream.models.detector import Detector, make_scorer
from piistream.models.records import Processor
from piistream.models.validators import aba_ok, card_brand, digits_of, iban_ok, itin_ok, luhn_ok, ssn_ok


# -- Luhn ----------------------------------------------------------------------------------------
LUHN_VALID = [
    "4111111111111111",   # Visa test number (16, even length)
    "4012888888881881",   # Visa
    "4222222222222",      # Visa, 13 digits (odd length)
    "378282246310005",    # Amex, 15 digits (odd length)
    "371449635398431",    # Amex
    "6011111111111117",   # Discover
    "5555555555554444",   # Mastercard
    "5105105105105100",   # Mastercard
    "2221000000000009",   # Mastercard 2-series
    "3530111333300000",   # JCB
    "30569309025904",     # Diners, 14 digits
    "79927398713",        # the textbook example
    "18",                 # 1*2 + 8 = 10
    "0",
]
LUHN_INVALID = [
    "4111111111111112",   # last digit +1
    "4111111111111121",   # two digits swapped
    "4111111111111110",
    "378282246310006",
    "6011111111111118",
    "5555555555554445",
    "4222222222223",
    "79927398710",
    "79927398711",
    "19",
    "1",
]


@pytest.mark.parametrize("digits", LUHN_VALID)
def test_luhn_accepts_published_test_numbers(digits):
    assert luhn_ok(digits) is True


@pytest.mark.parametrize("digits", LUHN_INVALID)
def test_luhn_rejects_a_wrong_check_digit(digits):
    assert luhn_ok(digits) is False


def test_luhn_every_other_last_digit_fails():
    # exactly one check digit completes a number: the other nine must fail (odd and even lengths)
    for body, good in (("411111111111111", "1"), ("37828224631000", "5"), ("7992739871", "3")):
        assert [d for d in "0123456789" if luhn_ok(body + d)] == [good]


# -- card brands ---------------------------------------------------------------------------------
@pytest.mark.parametrize("digits,brand", [
    ("4111111111111111", "visa"),
    ("4222222222222", "visa"),
    ("4111111111111111111", "visa"),
    ("5555555555554444", "mastercard"),
    ("2221000000000009", "mastercard"),
    ("2720990000000000", "mastercard"),
    ("378282246310005", "amex"),
    ("341111111111111", "amex"),
    ("6011111111111117", "discover"),
    ("6500000000000002", "discover"),
    ("6221260000000000", "discover"),
    ("3530111333300000", "jcb"),
    ("30569309025904", "diners"),
    ("6200000000000005", "unionpay"),
    ("6759649826438453", "maestro"),
    ("6062821278969101", "hipercard"),
])
def test_card_brand_known_answers(digits, brand):
    assert card_brand(digits) == brand


@pytest.mark.parametrize("digits", [
    "411111111111111",     # Visa prefix, 15 digits
    "41111111111111111",   # Visa prefix, 17 digits
    "555555555555444",     # Mastercard prefix, 15 digits
    "2220000000000000",    # just below the 2-series range
    "2721000000000000",    # just above it
    "3782822463100050",    # Amex prefix, 16 digits
    "1234567812345678",    # no issuer
    "9999999999999995",
    "7",
])
def test_card_brand_none_for_numbers_no_brand_issues(digits):
    assert card_brand(digits) is None


def test_digits_of():
    assert digits_of("4111-1111 1111.1111") == "4111111111111111"
    # digits of every script count, read as ASCII (U+0663 is an Arabic-Indic 3; issue 14)
    assert digits_of("a1b2\u0663c3") == "1233"
    assert digits_of("x\u00b2") == ""  # a superscript is no decimal digit


# -- ABA routing numbers -------------------------------------------------------------------------
@pytest.mark.parametrize("digits", [
    "021000021",  # JPMorgan Chase, NY
    "011000015",  # Federal Reserve Bank of Boston
    "091000019",  # Wells Fargo, MN
    "121000358",  # Bank of America, CA
    "322271627",  # Chase, CA (prefix 32)
    "211274450",  # prefix 21
    "263181368",
    "001000025",  # prefix 00 (government)
    "611000020",  # thrift prefix 61
    "721000020",  # thrift prefix 72
    "801000021",  # prefix 80 (traveler's cheques)
])
def test_aba_accepts_valid_routing_numbers(digits):
    assert aba_ok(digits) is True


@pytest.mark.parametrize("digits", [
    "021000022", "021000020", "011000016", "121000359", "012000021",  # wrong check digit
])
def test_aba_rejects_a_wrong_check_digit(digits):
    assert aba_ok(digits) is False


@pytest.mark.parametrize("digits", [
    # valid 3-7-1 checksums, but no Federal Reserve routing symbol has these prefixes
    "131000021", "201000029", "331000025", "601000027", "731000023", "791000021", "811000024",
    "991000025",
])
def test_aba_rejects_a_bad_federal_reserve_prefix(digits):
    assert aba_ok(digits) is False


@pytest.mark.parametrize("digits", ["000000000", "02100002", "0210000210", "02100002a", ""])
def test_aba_rejects_zeros_wrong_length_and_non_digits(digits):
    assert aba_ok(digits) is False


# -- SSN -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("digits", [
    "536221234", "001010001", "665221234", "667221234", "899991234", "536990001", "536019999",
])
def test_ssn_accepts_issuable_numbers(digits):
    assert ssn_ok(digits) is True


@pytest.mark.parametrize("digits,why", [
    ("000123456", "area 000"),
    ("000221234", "area 000"),
    ("666123456", "area 666"),
    ("666221234", "area 666"),
    ("900123456", "area 9xx"),
    ("912701234", "area 9xx (an ITIN, not an SSN)"),
    ("999221234", "area 9xx"),
    ("536001234", "group 00"),
    ("536220000", "serial 0000"),
    ("078051120", "published sample (the Woolworth wallet card)"),
    ("219099999", "published sample"),
    ("123456789", "published sample"),
    ("111111111", "one repeated digit"),
    ("222222222", "one repeated digit"),
    ("53622123", "8 digits"),
    ("5362212345", "10 digits"),
    ("53622123a", "not a digit"),
])
def test_ssn_rejects_what_the_ssa_never_issues(digits, why):
    assert ssn_ok(digits) is False, why


# -- ITIN ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("group", ["50", "57", "65", "70", "78", "88", "90", "92", "94", "99"])
def test_itin_accepts_every_group_range_and_its_bounds(group):
    assert itin_ok(f"912{group}1234") is True


@pytest.mark.parametrize("group", ["00", "10", "49", "66", "69", "89", "93"])
def test_itin_rejects_groups_out_of_the_ranges(group):
    assert itin_ok(f"912{group}1234") is False


@pytest.mark.parametrize("digits", ["812701234", "012701234", "91270123", "9127012345", "9127O1234"])
def test_itin_rejects_area_not_9xx_wrong_length_and_non_digits(digits):
    assert itin_ok(digits) is False


# -- IBAN ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("iban", [
    "GB82WEST12345698765432",
    "DE89370400440532013000",
    "FR1420041010050500013M02606",
    "NL91ABNA0417164300",
    "CH9300762011623852957",
    "NO9386011117947",                  # the shortest (15)
    "MT84MALT011000012345MTLCAST001S",  # letters in the BBAN, 31 long
    "gb82west12345698765432",           # case does not matter
])
def test_iban_accepts_valid_ibans(iban):
    assert iban_ok(iban) is True


@pytest.mark.parametrize("iban", [
    "GB82WEST12345698765433",  # one digit changed
    "GB82WEST12345698765422",
    "DE89370400440532013001",
    "DE88370400440532013000",  # check digits changed
    "GB28WEST12345698765432",  # check digits swapped
    "FR1420041010050500013M02607",
    "NL91ABNA0417164301",
])
def test_iban_rejects_a_wrong_mod97(iban):
    assert iban_ok(iban) is False


@pytest.mark.parametrize("iban", [
    "GB88WEST1234569876543",     # mod-97 correct, but 21 characters (GB is 22)
    "GB49WEST123456987654321",   # mod-97 correct, 23 characters
    "DE863704004405320130",      # mod-97 correct, 20 characters (DE is 22)
    "XX57WEST12345698765432",    # mod-97 correct, no such country
])
def test_iban_rejects_a_wrong_country_length_even_with_a_good_checksum(iban):
    assert iban_ok(iban) is False


@pytest.mark.parametrize("iban", [
    "GB82 WEST 1234 5698 7654 32",  # compact form only
    "GB82-WEST-1234-5698-7654",
    "GBX2WEST12345698765432",       # check digits must be digits
    "GB82WEST1234569876543\u00b2",  # a superscript is no decimal digit
    "GB82",
    "",
])
def test_iban_rejects_malformed_input(iban):
    assert iban_ok(iban) is False


def test_iban_reads_digits_of_any_script():  # issue 14: an Arabic-Indic 2 is a 2
    assert iban_ok("GB82WEST1234569876543\u0662") is True
    assert iban_ok("GB82WEST1234569876543\u0663") is False


# -- through the detector: a failing checksum is never reported ------------------------------------
@pytest.fixture(scope="module")
def rules():
    return Processor(Detector(scorer=make_scorer("rules")))


def _types(proc, line: str) -> list[tuple[str, str]]:
    r = proc.process([line.encode()])[0]
    assert r.error is None, r.error
    return [(e["type"], line[e["start"]:e["end"]]) for e in r.entities]


@pytest.mark.parametrize("line,want", [
    ("card 4111111111111111", [("CREDIT_CARD", "4111111111111111")]),
    ("card 378282246310005", [("CREDIT_CARD", "378282246310005")]),
    ("card 6011111111111117", [("CREDIT_CARD", "6011111111111117")]),
    ("card 5555555555554444", [("CREDIT_CARD", "5555555555554444")]),
    ("ssn 536-22-1234", [("US_SSN", "536-22-1234")]),
    ("ssn 665-22-1234", [("US_SSN", "665-22-1234")]),
    ("itin 912-70-1234", [("US_ITIN", "912-70-1234")]),
    ("iban GB82WEST12345698765432", [("IBAN_CODE", "GB82WEST12345698765432")]),
    ("iban DE89370400440532013000", [("IBAN_CODE", "DE89370400440532013000")]),
    ("routing 021000021", [("ABA_ROUTING_NUMBER", "021000021")]),
    ("routing 011000015", [("ABA_ROUTING_NUMBER", "011000015")]),
])
def test_detector_positives(rules, line, want):
    assert _types(rules, line) == want


@pytest.mark.parametrize("line", [
    "card 4111111111111112",        # Luhn fails, Visa prefix and length
    "card 4111 1111 1111 1112",
    "card 378282246310006",         # Luhn fails, Amex
    "card 6011111111111118",        # Luhn fails, Discover
    "card 5555555555554445",        # Luhn fails, Mastercard
    "ssn 000-12-3456",
    "ssn 000-22-1234",
    "ssn 666-12-3456",
    "ssn 666-22-1234",
    "ssn 900-12-3456",
    "ssn 536-00-1234",
    "ssn 536-22-0000",
    "ssn 078-05-1120",
    "ssn 219-09-9999",
    "ssn 123-45-6789",
    "itin 912-93-1234",             # ITIN group out of range (and 9xx is no SSN)
    "itin 912-49-1234",
    "iban GB82WEST12345698765433",  # mod-97 broken by one digit
    "iban DE89370400440532013001",
    "iban DE8937040044053201300",   # one character short
    "routing 021000022",            # wrong check digit
    "routing 131000021",            # good checksum, bad Federal Reserve prefix
])
def test_detector_negatives_report_nothing(rules, line):
    assert _types(rules, line) == []


@pytest.mark.parametrize("line", [
    "card 4111111111111112", "ssn 000-12-3456", "ssn 666-12-3456",
    "iban GB82WEST12345698765433", "routing 021000022",
])
def test_default_cascade_reports_no_failing_checksum_either(processor, line):
    assert _types(processor, line) == []
