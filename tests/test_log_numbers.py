"""Numbers of server logs that are not PII, each beside the PII its shape is taken for.

A red team wrote PII-free logs of 43 systems at realistic frequencies (database, broker, network,
cloud, payment); these are the classes the detector flagged there, each generated in many
variants, each paired with the value the same shape holds where it is PII (so that a fix that
only silences the type fails here too).
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import found
from piistream.models import validators as V

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                          HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def procs(both):
    return both


def types_of(proc, text: str) -> set[str]:
    return {t for t, _ in found(proc, text)}


def luhn_complete(payload: str) -> str:
    return next(payload + d for d in "0123456789" if V.luhn_ok(payload + d))


# -- a cloud provider's account ------------------------------------------------------------------
@SETTINGS
@given(st.integers(10**11, 10**12 - 1).map(str),
       st.sampled_from(["INFO organizations: account {a} moved from ou-9b45-d07b820b to ou-9b45-1c2d3e4f",
                        "INFO deploy: assuming role in account {a} for stack shop-prod",
                        "Billing: linked account {a} usage type USW2-BoxUsage:m5.large",
                        "sts AssumeRole ok: account {a} session ci-deploy",
                        "AWS Config recorder started for account {a}",
                        "CloudTrail: delivered logs of account {a} to s3://trail-bucket"]))
def test_an_account_among_aws_words_is_no_bank_account(procs, account, line):
    """AWS names its 12-digit account ids "account" as banks do: a record with AWS's own words (an
    Organizations unit, an STS role assumption, a billing usage type, the name) has AWS's; the
    same number after a bank's words is a bank account."""
    text = line.format(a=account)
    for name, proc in procs.items():
        assert "US_BANK_NUMBER" not in types_of(proc, text), (name, text)
    bank = f"INFO transfer from checking account {account} to savings"
    assert ("US_BANK_NUMBER", account) in found(procs["rules"], bank)


@SETTINGS
@given(st.integers(10**11, 10**12 - 1).map(str),
       st.sampled_from(["ap-southeast-5", "us-east-1", "eu-central-2", "mx-central-1"]),
       st.sampled_from(["arn:aws:iam::{a}:role/ci", "Region: {r}", "CloudTrail delivery", ""]))
def test_aws_evidence_is_the_records_own_whatever_its_batch(procs, account, region, other):
    """The evidence that a 12-digit account is AWS's (a region's code, AWS's words, an ARN with
    the number) is read in its own record only, whatever else its batch holds: the same record
    gives the same answer alone and beside records full of AWS words; a region of any digit
    counts ("ap-southeast-5", with no "-1" to "-4" anywhere)."""
    aws_line = f"Account: {account} Region: {region}"
    bank_line = f"INFO wire from account {account} accepted"
    neighbour = other.format(a=account, r=region) or "INFO ok"
    for name, proc in procs.items():
        for batch in ([aws_line], [neighbour, aws_line], [aws_line, bank_line]):
            res = proc.process([t.encode() for t in batch])
            got = [e["type"] for e in res[batch.index(aws_line)].entities]
            assert "US_BANK_NUMBER" not in got, (name, batch)
        for batch in ([bank_line], [neighbour, bank_line], [aws_line, bank_line, neighbour]):
            res = proc.process([t.encode() for t in batch])
            r = res[batch.index(bank_line)]
            assert [bank_line[e["start"]:e["end"]] for e in r.entities
                    if e["type"] == "US_BANK_NUMBER"] == [account], (name, batch)


# -- signed numbers ------------------------------------------------------------------------------
@SETTINGS
@given(st.integers(1000, 9_999_999), st.integers(0, 999_999_999), st.integers(1, 99_999),
       st.integers(1, 99_999))
def test_a_signed_decimal_or_a_diff_count_is_no_phone(procs, whole, nanos, plus, minus):
    """Go prints a ``time.Time`` with its monotonic clock reading (``m=+492960.002150132``); a
    diff's stat is ``+1507 -2676``: signed numbers, not international phone numbers. A number
    after "+" with a country code's length before its dot, or after a phone word, still is one."""
    go = f"lease renewed until 2024-08-22 21:55:36.171950194 +0000 UTC m=+{whole}.{nanos:09d}"
    diff = f"git diff --stat: +{plus} -{minus} lines across 57 files"
    for name, proc in procs.items():
        for text in (go, diff):
            assert "PHONE_NUMBER" not in types_of(proc, text), (name, text)
        assert ("PHONE_NUMBER", "+44 20 7946 0958") in found(proc, "call +44 20 7946 0958 today")


# -- words that begin like a phone word ----------------------------------------------------------
@SETTINGS
@given(st.sampled_from(["2125550173", "4155550132", "3125550143", "6175551212"]),
       st.sampled_from(["contactless payment {n} declined", "dialog {n} closed",
                        "perf: ring buffer lost {n} events on cpu 3", "consumer reached {n} records",
                        "dialect {n} unsupported"]))
def test_a_word_that_begins_like_a_phone_word_is_none(procs, number, line):
    """"contactless", "dialog", a ring buffer, "reached ... records": not "contact", "dial",
    "ring me", "reach me"; the phone words themselves still name a phone."""
    text = line.format(n=number)
    assert "PHONE_NUMBER" not in types_of(procs["rules"], text), text
    for phrase in ("call me at", "dialed", "caller", "contact:", "ring me on", "can be reached at"):
        assert ("PHONE_NUMBER", number) in found(procs["rules"], f"{phrase} {number}"), phrase


# -- a bare 9-digit counter ----------------------------------------------------------------------
@st.composite
def nine_digits(draw):
    """A 9-digit number that passes the SSN's or the ITIN's rules."""
    if draw(st.booleans()):
        g = draw(st.sampled_from([g for g in range(100) if V.itin_ok(f"900{g:02d}0000")]))
        return f"9{draw(st.integers(0, 99)):02d}{g:02d}{draw(st.integers(0, 9999)):04d}"
    d = f"{draw(st.integers(1, 899).filter(lambda a: a != 666)):03d}" \
        f"{draw(st.integers(1, 99)):02d}{draw(st.integers(1, 9999)):04d}"
    return d if V.ssn_ok(d) else "536904399"


@SETTINGS
@given(nine_digits(),
       st.sampled_from(["LOG: automatic vacuum of table \"app.events\": oldest xmin: {n}",
                        "tshark: malformed packet number {n} at offset 4096",
                        "mysqld: Slave I/O thread: connected, replication started at position {n}",
                        "[debezium] Searching for WAL resume position lsn {n} txId 86293136",
                        "kafka: fetch offset reset for partition 3 at sequence {n}"]))
def test_a_bare_nine_digit_counter_is_no_ssn_or_itin(procs, number, line):
    """A database, packet or broker counter of 9 digits passes the SSN's or the ITIN's ranges one
    time in two: in a record without one word of a person's identity or taxes, and nothing
    naming it, it is no SSN however sure the charCNN is of the shape. Beside such a word, or
    in a row with a person's name, it is one."""
    text = line.format(n=number)
    for name, proc in procs.items():
        got = types_of(proc, text)
        assert not got & {"US_SSN", "US_ITIN"}, (name, text, got)
    for text in (f"my social is {number}", f"taxpayer id {number} on file"):
        assert found(procs["cnn"], text) & {("US_SSN", number), ("US_ITIN", number)}, text


# -- cards of unusual lengths and groupings ------------------------------------------------------
@st.composite
def unusual_cards(draw):
    """(digits, as written): a number an issuer's table and the checksum accept, of a length few
    cards have (13, 17-19), or in groups no card is printed in (4-6-4-4)."""
    kind = draw(st.sampled_from(["13", "17", "18", "19", "4644"]))
    if kind == "13":
        d = luhn_complete("4" + draw(st.text("0123456789", min_size=11, max_size=11)))
        return d, d
    if kind == "4644":
        d = luhn_complete("36" + draw(st.text("0123456789", min_size=15, max_size=15)))
        return d, f"{d[:4]} {d[4:10]} {d[10:14]} {d[14:]}"
    n = int(kind)
    prefix = draw(st.sampled_from(["4", "6011", "62", "3528", "36"] if n == 19 else ["6011", "62", "3528", "36"]))
    rest = n - len(prefix) - 1
    d = luhn_complete(prefix + draw(st.text("0123456789", min_size=rest, max_size=rest)))
    return d, d


@SETTINGS
@given(unusual_cards(),
       st.sampled_from(["[queryid={v}] postgres@app LOG:  duration: 25.450 ms",
                        "{{\"op\":\"getMore\",\"cursorid\":{v},\"nreturned\":101}}",
                        "ean={v} sku=TSHIRT-M qty=2",
                        "InnoDB: Checkpoint LSN {v}",
                        "[2024-05-01T10:00:00Z] \"GET /api HTTP/1.1\" 200 - \"-\" {v} \"10.0.0.7\""]))
def test_a_card_of_an_unusual_length_or_grouping_needs_a_card_word(procs, card, line):
    """13, 17, 18, 19 digits unseparated, or groups no card is printed in, are mostly the int64s,
    barcodes and column runs of logs (a queryid, a cursor id, an EAN-13, Envoy's bytes and
    durations): a card only beside a word of cards. ``card number``, ``pan=`` make it one, and so
    does a row's next field that is an expiry (``...,01/26,amex``)."""
    digits, written = card
    assert V.luhn_ok(digits) and V.card_brand(digits) is not None
    text = line.format(v=written)
    for name, proc in procs.items():
        assert "CREDIT_CARD" not in types_of(proc, text), (name, text)
        for labelled in (f"card number {written}", f"pan={written}",
                         f"2553743,997690,{written},01/26,amex,37563",  # its expiry, its brand
                         f"6688191;{written};02/28;diners"):
            assert ("CREDIT_CARD", written) in found(proc, labelled), (name, labelled)


# -- a broker's routing key ----------------------------------------------------------------------
@st.composite
def routings(draw):
    body = draw(st.sampled_from(["01", "02", "05", "11", "21", "26", "31", "61", "71"])) + \
        draw(st.text("0123456789", min_size=6, max_size=6))
    return next(body + d for d in "0123456789" if V.aba_ok(body + d))


@SETTINGS
@given(routings(), st.sampled_from(["amqp delivery_tag={n} exchange=orders routing_key=orders.eu",
                                    "routing key orders.eu, delivery {n} acked",
                                    "{{\"routingKey\": \"orders.eu\", \"deliveryTag\": \"{n}\"}}",
                                    "ip routing table updated, generation {n}"]))
def test_a_routing_key_or_table_is_no_routing_number(procs, number, line):
    """A message broker's routing key, a network's routing table: routing, not a bank's. A
    routing number after "routing number" is one."""
    text = line.format(n=number)
    fmt = "json" if text.startswith("{") else "text"
    for name, proc in procs.items():
        assert "ABA_ROUTING_NUMBER" not in {t for t, _ in found(proc, text, fmt)}, (name, text)
        assert ("ABA_ROUTING_NUMBER", number) in found(proc, f"routing number {number}"), name


# -- an account word inside a token --------------------------------------------------------------
@SETTINGS
@given(st.integers(0, 255), st.integers(0, 255), st.text("0123456789abcdef", min_size=6, max_size=12))
def test_an_account_word_inside_a_token_names_nothing(procs, a, b, hexrun):
    """``app/prod-alb/8f828c61c3cb9dda 192.168.130.62:2443``: the "dda" of a hex id is no DDA
    (demand deposit account), and a dotted quad is an address, never an account."""
    text = f"https 2024-02-02T23:13:45Z app/prod-alb/{hexrun}9dda 192.168.{a}.{b}:2443 200"
    for name, proc in procs.items():
        assert "US_BANK_NUMBER" not in types_of(proc, text), (name, text)
    assert "US_BANK_NUMBER" not in types_of(procs["rules"], f"acct 10.20.{a}.{b}")
    assert ("US_BANK_NUMBER", "12345678") in found(procs["rules"], "DDA 12345678")


# -- a padding field -----------------------------------------------------------------------------
def test_one_character_repeated_is_no_identifying_value():
    """A fixed-width record pads with one character ("00000000", an ACH file's blanks): a value
    of one character repeated is found where it is, never searched for elsewhere in the record
    (its other occurrences are padding, by chance)."""
    from piistream.models.detector import identifying
    assert not identifying("00000000") and not identifying("xxxxxxxxxxxx")
    assert identifying("27138825") and identifying("qrqrqrqr")


# -- round 2 of the red teams: ids named after a cell, a ledger, a request; masked tails ----------
@SETTINGS
@given(st.integers(10**8, 10**9 - 1).map(str), st.integers(1000, 9999).map(str),
       st.integers(100000, 999999).map(str))
def test_ids_a_word_of_the_type_names_otherwise_are_none(procs, nine, four, six):
    """A cell tower's id ({"cellId": ...}: "cell id" as "call id"), a masked account's last
    digits ("****2845": the mask is the value, its tail no account), a general ledger's account
    ("GL Account 400100"), Varnish's request accounting ("ReqAcct 1307 0 503 ...")."""
    cases = [(f'{{"cellId": "{nine}", "lac": 1201}}', "json", "PHONE_NUMBER"),
             (f'{{"accountNumber": "****{four}"}}', "json", "US_BANK_NUMBER"),
             (f"account ****{four} debited", "text", "US_BANK_NUMBER"),
             (f"GL Account {six} posted", "text", "US_BANK_NUMBER"),
             (f"-   ReqAcct        {four} 0 503 600 4019989 618564", "text", "US_BANK_NUMBER")]
    for name, proc in procs.items():
        for text, fmt, etype in cases:
            assert etype not in {t for t, _ in found(proc, text, fmt)}, (name, text)
