"""Five more independent probes (2026-12-07, held out: run once on c968f9c before these fixes):
utilities and energy billing, HR/payroll and background screening, fintech/crypto/KYC, mobile
app telemetry, e-mail infrastructure. (Their largest class, a CSV header line before its rows,
is ``test_table_headers``.)

Leaked: a password typed where a mail server asked for the user, as its failed login logs it
(Courier's "LOGIN FAILED, user=...", Postfix's "sasl_username=...", Roundcube's "Failed login for
... from", Dovecot's passdb "sql(<user>,<ip>,<session>): unknown user" and its "auth failed ...
user=<...>", Exim's "set_id=..."); SMTP's AUTH PLAIN in Exchange's protocol log (a CSV line, its
direction field "<" before the command); a password with an '=' in it given in prose ("your
temporary password is: ...", read as another attribute before); a wallet's private key (BIP32's
extended key by its Base58Check, "wif"/"xprv" keys); a blockchain node provider's key in its
endpoint's path (Alchemy, Infura, QuickNode, Ankr); an account number in an element named with
NIEM's representation term ("<fc2:AccountNumberText>"); FinCEN's BSA XML party identification
whose type code 1 says it is a taxpayer's SSN or ITIN.

False alarms fixed: an amount's cents in a row's account column ("7665.58"); an Apple crash
report's "crashReporterKey" (the device's anonymous id) as a secret.

Each positive case and the fixed false alarms fail on c968f9c (a worktree of it); the guards pass
both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    # a password typed at a mail login's user prompt, as the server logs the failure
    ("courier-imapd: LOGIN FAILED, user=Vq7#mLp2$x, ip=[::ffff:10.1.2.3]", {("SECRET", "Vq7#mLp2$x")}),
    ("postfix/smtpd[311]: warning: unknown[10.0.0.9]: SASL LOGIN authentication failed: authentication "
     "failure, sasl_username=Tr0ub4dor&3", {("SECRET", "Tr0ub4dor&3")}),
    ("roundcube: Failed login for hK9!pQ2zW from 10.0.0.7 in session 4f2a1b", {("SECRET", "hK9!pQ2zW")}),
    ("dovecot: auth-worker(911): sql(maple&river42_,10.2.3.4,<Zk3u8a>): unknown user",
     {("SECRET", "maple&river42_")}),
    ("dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<Gx4?tR8&wq>, method=PLAIN, "
     "rip=10.9.8.7", {("SECRET", "Gx4?tR8&wq")}),
    ("exim: 535 Incorrect authentication data (set_id=Qa9%Lm2_z?)", {("SECRET", "Qa9%Lm2_z?")}),
    ("%SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: Xk9#mm2$q] [Source: 65.215.251.187] [localport: 22]",
     {("SECRET", "Xk9#mm2$q")}),
    # SMTP's AUTH PLAIN in Exchange's receive protocol log
    ("2024-03-01T10:00:00.000Z,EXCH01\\Client Proxy,08DC1A2B3C4D5E6F,4,10.184.29.177:587,10.184.29.200:50386,<,"
     "AUTH PLAIN AG9wc0BnbG9iZXguaW8AV2ludDNyI1JlbGF5Nzc=,", {("SECRET", "AG9wc0BnbG9iZXguaW8AV2ludDNyI1JlbGF5Nzc=")}),
    # a password with an '=' in it, given in prose
    ("your temporary password is: Ab3xZ9q=Lm4pQ7 (case sensitive)", {("SECRET", "Ab3xZ9q=Lm4pQ7")}),
    # a wallet's private keys
    ("imported extended key xprv9xbwczQhqU99bwRU3q4csvdfuh5YRJDUuMVtAwC6t2rM7qrvizaQo6tSggHYmWsUbrvxQfUjqeM7Hqoge"
     "Yf1r2hpsZ4BYpq1n8ksCQELoNt for account 0",
     {("SECRET", "xprv9xbwczQhqU99bwRU3q4csvdfuh5YRJDUuMVtAwC6t2rM7qrvizaQo6tSggHYmWsUbrvxQfUjqeM7HqogeYf1r2hpsZ4"
                 "BYpq1n8ksCQELoNt")}),
    ('{"wallet": "hot-2", "wif": "L2z81FgoYzcDuMSdYMqamxEeLVZfVJiLiwhTArbiNx2maWStKAth"}',
     {("SECRET", "L2z81FgoYzcDuMSdYMqamxEeLVZfVJiLiwhTArbiNx2maWStKAth")}),
    # node providers' keys in their endpoints' paths
    ("rpc: dialing https://eth-mainnet.g.alchemy.com/v2/M5Q3u6nYC3K3DkhdF0RbyoOgG5ctAD7V",
     {("SECRET", "M5Q3u6nYC3K3DkhdF0RbyoOgG5ctAD7V")}),
    ("WS_URL=wss://mainnet.infura.io/ws/v3/e406948e04095219c71f961d454011f8",
     {("SECRET", "e406948e04095219c71f961d454011f8")}),
    ("endpoint https://polished-dawn-123.solana-mainnet.quiknode.pro/341843c763a4437dc367932631d94cc71eac3bc9/ ok",
     {("SECRET", "341843c763a4437dc367932631d94cc71eac3bc9")}),
    ("https://rpc.ankr.com/eth/d735bd5fa4e0d64ff36f3b07caf2ca79f213f1b3a8b865a947969cfcf9054ab4",
     {("SECRET", "d735bd5fa4e0d64ff36f3b07caf2ca79f213f1b3a8b865a947969cfcf9054ab4")}),
    # NIEM's representation term after the account's word; FinCEN's party identification
    ('<fc2:Account SeqNum="12"><fc2:AccountNumberText>6444168719</fc2:AccountNumberText></fc2:Account>',
     {("US_BANK_NUMBER", "6444168719")}),
    ("<fc2:PartyIdentification SeqNum=\"257\"><fc2:PartyIdentificationNumberText>823976862"
     "</fc2:PartyIdentificationNumberText><fc2:PartyIdentificationTypeCode>1</fc2:PartyIdentificationTypeCode>"
     "</fc2:PartyIdentification>", {("US_SSN", "823976862")}),
    ("<PartyIdentificationTypeCode>1</PartyIdentificationTypeCode><PartyIdentificationNumberText>970564609"
     "</PartyIdentificationNumberText>", {("US_ITIN", "970564609")}),
])
def test_found(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line", [
    # a user name in a failed login is no password
    "W, [2023-03-13T09:27:26.245316 #1]  WARN -- : Failed login for 'user3' from 127.0.0.2 at 2023-03-13",
    "dovecot: imap-login: Disconnected (auth failed, 1 attempts in 4 secs): user=<jsmith>, method=PLAIN, rip=10.1.1.1",
    "dovecot: imap-login: Login: user=<jane.doe@example.com>, method=PLAIN, rip=10.1.1.1",
    "courier-pop3d: LOGIN FAILED, user=mailadmin, ip=[::ffff:10.1.2.3]",
    "dovecot: auth: sql(jsmith,10.2.3.4,<Zk3u8a>): unknown user",
    "%SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: admin] [Source: 65.215.251.187] [localport: 22]",
    # placeholders and documentation in a provider's path
    "see https://docs.infura.io/v3/YOUR-PROJECT-ID for setup",
    "RPC_URL=https://eth-mainnet.g.alchemy.com/v2/${ALCHEMY_KEY}",
    # attributes after a password's word
    "field=password minlength=12 required",
    # an Apple crash report's anonymous device key
    '{"bug_type":"309","os_version":"iPhone OS 17.3 (21C70)","crashReporterKey":"9b1e4d6c2a7f03e8b5c4d1a2f6e7b8c9d0a1b2c3",'
    '"incident_id":"5E8C1C04-7D3B-4F19-A2E1-0C5B9F8A7D62"}',
    # FinCEN's party identification of another type (2: an EIN)
    "<PartyIdentificationTypeCode>2</PartyIdentificationTypeCode><PartyIdentificationNumberText>470564609"
    "</PartyIdentificationNumberText>",
])
def test_none(procs, line):
    check_none(procs, line, types=("SECRET", "US_SSN", "US_ITIN", "US_BANK_NUMBER", "CREDIT_CARD", "PHONE_NUMBER"))


def test_an_amounts_cents_in_an_account_column_are_no_account(procs):
    table = "event_ts,pan_masked,full_name,account_number,score\nINV-725611,XXX-XX-6503,1703082288195,7665.58,63663"
    for name, proc in procs.items():
        assert not any(v == "7665.58" for _, v in found(proc, table)), name
    # (an account's number there is still one)
    table = "event_ts,pan_masked,full_name,account_number,score\nINV-725611,XXX-XX-6503,1703082288195,76655801,63663"
    for name, proc in procs.items():
        assert ("US_BANK_NUMBER", "76655801") in found(proc, table), name
