"""Lines of real servers' own logs that hold no PII, each beside the value the same words hold
where it is one.

Found on logs no detector here was tuned on (session of 2026-12-05, evening): the servers were
run on this machine at their most verbose levels and driven by clients (an Apache Kafka broker
at DEBUG and TRACE, 21,965 lines; PostgreSQL with every statement logged under pgbench, 888,641
lines; nginx at debug level, squid, haproxy, sshd -ddd, Redis, memcached, Mosquitto, BIND, over a
million lines; FreeRADIUS -X, Dovecot, MariaDB's statement logs; applications at DEBUG: Python's
http.client and botocore; tcpdump -XX, xxd, od -x, hexdump -C and curl --trace of this machine's
own traffic and files). Each case is a shape of its kind, not the one line.
"""
from __future__ import annotations

import pytest

from conftest import found


@pytest.fixture(scope="module")
def procs(both):
    return both


CLEAN = [
    # Kafka's request headers name the API by its constant's name ("apiKey=FETCH"): 816 findings
    # in a broker's DEBUG/TRACE log, each propagated to the request's name in the same line
    "[2026-12-05 16:41:27,344] DEBUG [AddPartitionsToTxnManager broker=1]Sending "
    "ADD_PARTITIONS_TO_TXN request with header RequestHeader(apiKey=ADD_PARTITIONS_TO_TXN, "
    "apiVersion=5, clientId=broker-1-txn-marker-sender, correlationId=3, headerVersion=2) and "
    "timeout 30000 to node 1",
    "[2026-12-05 16:41:20,118] DEBUG [NodeToControllerChannelManager id=1 name=heartbeat] "
    "Received BROKER_HEARTBEAT response from node 1 for request with header "
    "RequestHeader(apiKey=BROKER_HEARTBEAT, apiVersion=1, clientId=1, correlationId=12, "
    "headerVersion=2)",
    "TRACE Processor 0 received request: RequestHeader(apiKey=HEARTBEAT, apiVersion=3, "
    "clientId=rdkafka, correlationId=41, headerVersion=2)",
    "token=ACCESS_DENIED",
    "apiKey: LIST_OFFSETS",
    # a cache-buster's epoch milliseconds (13 digits, Luhn-valid by chance) after an id whose hex
    # holds "cc" (squid's cache.log at debug level 2 logs each request's URL): no card's word
    "2026/12/05 16:54:04.453 kid1| 85,2| client_side_request.cc(758) clientAccessCheckDone: The "
    "request GET http://127.0.0.1:18080/api/sessions/1ab9a154c08849e6a4d3cc7cd6d6d711?_=1796489644452 "
    "is ALLOWED; last ACL checked: localnet",
    "GET /api/sessions/1ab9a154c08849e6a4d3cc7cd6d6d711?_=1796489644452 HTTP/1.1",
    "GET /v1/orders/9f3dda01?ts=1796489644452 HTTP/1.1",  # "dda" in a hex id: no account
    # an application's HTTP clients at DEBUG (http.client's send:, botocore's request dicts): a
    # request line's path ending in "password", base64 padding after "Pw" read as a key
    "send: b'PUT /v1/users/dtanaka/password HTTP/1.1\\r\\nHost: 127.0.0.1:18029\\r\\n",
    "'Expect': '100-continue', 'x-amz-checksum-crc32': '952qPw==', "
    "'x-amz-sdk-checksum-algorithm': 'CRC32'",
    # an STS answer (LocalStack's, botocore at DEBUG): the account of the record's own ARN in an
    # element named Account, in a record that also names AWS
    "b'<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
    "<GetCallerIdentityResult><Arn>arn:aws:iam::000000000000:user/dev</Arn><UserId>"
    "AIDA000000000000FAKE</UserId><Account>000000000000</Account></GetCallerIdentityResult>'",
    # FreeRADIUS -X: a module's settings, one label after another
    "rlm_passwd: nfields: 3 keyfield 0(User-Name) listable: no",
    "passwd: nfields: 3",
]


# hex dumps: the offset, then groups of bytes (their digits are no card, phone or address)
HEX_DUMPS = [
    "\t0x0100:  3634 3930 3034 3636 3634 3734 3638 3631  64900466647468",  # tcpdump -XX
    "\t0x00d0:  2d65 3837 3834 3163 3661 3937 350d 0a0d  -e87841c6a975...",
    "00005ef0: 89f9 4c89 3d4f f701 0049 8947 2048 8b44  ..L.=O...I.G H.D",  # xxd
    "00000ed0: 2600 0000 0000 0000 a502 0000 1100 1a00  &...............",
    "0004600 6374 755f 6c6e 636f 656b 0064 6364 6567",  # od -x
    "0043140 7500 4805 c483 c348 93e8 ffda 0fff 001f",
    "0020: 2e 30 2e 30 2e 31 3a 31 38 35 35 35 0d 0a 55 73 .0.0.1:18555..Us",  # curl --trace
    "00000040  34 31 31 31 20 31 31 31  31 20 31 31 31 31 20 31  |4111 1111 1111 1|",  # hexdump -C
    # after a log's prefix (the kernel's print_hex_dump, a library's debug dump)
    "Dec  5 16:54:04 host kernel: 00000000: 3430 3131 3131 3131 3131 3131 3131 3131",
    "2026-12-05 16:54:04 DEBUG [tls] 0000: 16 03 01 02 00 01 00 01 fc 03 03 41 29 27 13 66",
]


@pytest.mark.parametrize("text", HEX_DUMPS)
def test_the_bytes_of_a_hex_dump_are_no_pii(procs, text):
    for name, proc in procs.items():
        assert found(proc, text) == set(), (name, text)


@pytest.mark.parametrize("text, typ, value", [
    # the data beside the bytes is text like any other
    ("\t0x0100:  3d34 3131 3120 3131 3131 2031 3131 3120  card=4111 1111 1111 1111",
     "CREDIT_CARD", "4111 1111 1111 1111"),
    ("00000040  63 63 3d 34 31 31 31 31  31 31 31 31 31 31 31 31  |ssn 536-90-4399 x|",
     "US_SSN", "536-90-4399"),
    # a number, then a value in groups: four groups are no dump's line
    ("0x1001:  visa 4111 1111 1111 1111", "CREDIT_CARD", "4111 1111 1111 1111"),
    ("0042: card 4111 1111 1111 1111 exp 09/27", "CREDIT_CARD", "4111 1111 1111 1111"),
    ("row 7: 536-90-4399 4111 1111 1111 1111 0401 1234 5678 9012", "US_SSN", "536-90-4399"),
])
def test_values_beside_a_dump_or_in_groups_of_their_own_stay(procs, text, typ, value):
    for name, proc in procs.items():
        assert (typ, value) in found(proc, text), (name, text, found(proc, text))


@pytest.mark.parametrize("text", CLEAN)
def test_server_log_lines_hold_no_pii(procs, text):
    for name, proc in procs.items():
        assert found(proc, text) == set(), (name, text)


@pytest.mark.parametrize("text, value", [
    ("RequestHeader(apiKey=K7QX_ZP4M_R2TY, apiVersion=4)", "K7QX_ZP4M_R2TY"),  # digits in it
    ("api_key=AKJDHQWEUIRYZMXNPLQTWV", "AKJDHQWEUIRYZMXNPLQTWV"),  # 22 capitals, no separator
    ("password=CORRECT_HORSE_BATTERY", "CORRECT_HORSE_BATTERY"),  # a passphrase people choose
    ("client_secret=BLUE_OCEAN_TIDE", "BLUE_OCEAN_TIDE"),
    # FreeRADIUS -X and Dovecot's auth_debug_passwords print the password a client sent
    ('(0)   User-Password = "Alice#2024pw"', "Alice#2024pw"),
    ("auth: Debug: pam(alice,127.0.0.1,<x>): pam_authenticate() failed: Authentication failure "
     "(Password mismatch?) (given password: alice123)", "alice123"),
    ("password: Kq8:zz!xT9", "Kq8:zz!xT9"),  # a colon in a value, no blank after it
    ("my password is Kq81zz!xT9", "Kq81zz!xT9"),
    ("{'Pw': 'Kq81zz!xT9', 'user': 'bob'}", "Kq81zz!xT9"),
])
def test_the_same_keys_with_values_keep_them(procs, text, value):
    for name, proc in procs.items():
        assert ("SECRET", value) in found(proc, text), (name, text)


@pytest.mark.parametrize("text, value", [
    # MariaDB's general log (every statement) of an application's inserts: the password before the
    # database hashes it, under its column or given to a hash function
    ("\t\t     4 Query\tINSERT INTO users (username,email,password_hash,last_login) VALUES "
     "('jdubois1','jdubois1@example.com',SHA2('Welcome1',256),NOW() - INTERVAL 4890 HOUR)", "Welcome1"),
    ("INSERT INTO users (username,password) VALUES ('jdubois1','Qx7!Welcome')", "Qx7!Welcome"),
    ("INSERT INTO users (email, pass) VALUES ('a@b.example', crypt('mypass99', gen_salt('bf')))", "mypass99"),
    ("UPDATE users SET password = MD5('Welcome1') WHERE id = 3", "Welcome1"),
    ("INSERT INTO `api_credentials` (`id`,`service`,`access_key_id`,`secret`,`created_by`) VALUES "
     "(24583,'aws',NULL,'8bXrMxMS5yHs2mjiIAlkdQWaBR4Ij5g0PEv905AV','jeffrey24');",
     "8bXrMxMS5yHs2mjiIAlkdQWaBR4Ij5g0PEv905AV"),
])
def test_a_statement_log_keeps_the_passwords_it_writes(procs, text, value):
    for name, proc in procs.items():
        assert ("SECRET", value) in found(proc, text), (name, text, found(proc, text))


@pytest.mark.parametrize("text", [
    "SELECT md5('hello') AS h",  # a hash of a word, under no credential's column
    "INSERT INTO audit (actor, action) VALUES ('bob', 'password_reset')",
    "UPDATE users SET password_changed_at = NOW() WHERE id = 3",
])
def test_statements_without_a_credential_hold_none(procs, text):
    for name, proc in procs.items():
        assert {t for t, _ in found(proc, text)} == set(), (name, text, found(proc, text))


@pytest.mark.parametrize("text, typ, value", [
    # the words as words: after a blank, a sign, a key's separator, or glued before the number
    ("GET /api/sessions/1ab9a154c08849e6a4d3cc7cd6d6d711?cc=4111111111111111 HTTP/1.1",
     "CREDIT_CARD", "4111111111111111"),
    ("cc 1796489644452 exp 09/27", "CREDIT_CARD", "1796489644452"),
    ("x cc:1796489644452", "CREDIT_CARD", "1796489644452"),
    ("DDA 6398768523176619", "US_BANK_NUMBER", "6398768523176619"),
    # an account that is no ARN's, beside an STS answer's words
    ("<UserId>AIDA000000000000FAKE</UserId> refund to bank account 409988776655",
     "US_BANK_NUMBER", "409988776655"),
    ("電話4155550132", "PHONE_NUMBER", "4155550132"),  # a script written without blanks
])
def test_the_words_of_a_type_outside_an_id_still_count(procs, text, typ, value):
    for name, proc in procs.items():
        assert (typ, value) in found(proc, text), (name, text)
