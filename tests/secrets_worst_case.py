"""Worst cases for the secret recognizers: is every pattern linear? (a script, not a timed test)

    .venv/bin/python tests/secrets_worst_case.py [--mb 1] [--budget-us 2.0]

For each family, a record built to make a backtracking pattern quadratic (a prefix repeated over
the whole record: ``eyJ``, ``AKIA``, ``ghp_``, ``password=``, ``://``, ``-----BEGIN``...; long
runs of token characters; keys without values), at 1/4 of ``--mb`` and at ``--mb`` megabytes:
the secret recognizer's time per byte at both sizes (CPU time of this process, so that other
work on a shared machine does not count). Linear: the two are about equal. Exits 1
when any case exceeds ``--budget-us`` microseconds per byte (2 µs/byte: 2 s for a 1 MiB record,
the issue's bound for a whole scan) or grows more than 3x from the small size to the large one.
"""
from __future__ import annotations

import argparse
import sys
import time

from piistream.models.recognizers.base import Batch
from piistream.models.recognizers.secrets import SecretRecognizer

CASES = {
    "jwt: eyJ repeated": "eyJ",
    "jwt: header run, no dot": "eyJ" + "a" * 64 + ".",
    "jwt: parts without end": "eyJhbGciOiJIUzI1NiJ9.eyJ",
    "aws: AKIA repeated": "AKIA",
    "aws: key ids in a row": "AKIAQWERTYUIOPASDF23,",
    "github: ghp_ repeated": "ghp_",
    "github: long body": "ghp_" + "A" * 300 + " ",
    "gitlab: glpat- repeated": "glpat-",
    "slack: xoxb- repeated": "xoxb-1-",
    "stripe: sk_live_ repeated": "sk_live_",
    "tokens: _ + run": "_abcdefghijklmnop",
    "tokens: - + run": "-abcdefghijklmnopq",
    "tokens: . + run": ".abcdefghijklmnop",
    "generic: password= repeated": "password=",
    "generic: key: repeated": "key: ",
    "generic: quotes never closed": 'password="',
    "generic: token run": "token",
    "generic: api_key = value": "api_key = 'a1b2c3d4e5f6g7h8' ",
    "generic: comparisons": '"x" == password ',
    "database: :// repeated": "://",
    "database: user:pass@ repeated": "a://u:p@",
    "database: @ without ://": "u:p@h",
    "private key: BEGIN repeated": "-----BEGIN RSA PRIVATE KEY-----",
    "private key: END repeated": "-----END RSA PRIVATE KEY-----",
    "private key: MII bodies": "MIIEowIBAAKCAQEA",
    "private key: base64 run": "QUJD",
    "azure: sig= repeated": "sv=1&sig=",
    "azure: Q~ repeated": "abc8Q~",
    "azure: == repeated": "==",
    "cli: curl -u repeated": "curl -u ",
    "schemes: Bearer repeated": "Bearer ",
    "schemes: Basic repeated": "Basic ",
    "vendors: :AA repeated": "123456789:AA",
    "vendors: hook repeated": "webhook",
    "vendors: discord parts": "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.",
    "vendors: app id|secret": "1308742762612587|",
    "vendors: mailchimp -us1": "0123456789abcdef0123456789abcdef-us1-us1",
    "twilio: SIDs and partners": "AC0123456789abcdef0123456789abcdef Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz1Xc ",
    "aws: temporary ids + session": "ASIAQWERTYUIOPASDF23 " + "Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz1Xc3V+" * 4,
    "generic: typed and compared": 'var password string = "a" == token ',
    "cli: docker login": "docker login -p ",
    "private key: BEGIN + prose": "-----BEGIN PRIVATE KEY-----\\nyabba dabba doo ",
    "cli: sqlcmd -P repeated": "sqlcmd -P ",
    "cli: net use shares": "net use \\\\srv\\share ",
    "cli: htpasswd -b, no positionals": "htpasswd -b ",
    "cli: smbclient user% run": "smbclient -U u%",
    "cli: quotes never closed": "ldapsearch -w '",
    "sql: IDENTIFIED BY repeated": "IDENTIFIED BY ",
    "sql: SET PASSWORD FOR, no =": "SET PASSWORD FOR 'u'@'h' ",
    "keys: пароль repeated": "пароль",
    "keys: 密码 run (no spaces)": "密码",
    "keys: mot de passe repeated": "mot de passe ",
}


def per_byte(unit: str, size: int) -> float:
    text = (unit * (size // len(unit) + 1))[:size]
    rec = SecretRecognizer()
    best = float("inf")
    for _ in range(2):
        t0 = time.process_time()
        list(rec.find(Batch([text])))
        best = min(best, time.process_time() - t0)
    return best * 1e6 / size


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--budget-us", type=float, default=2.0)
    args = ap.parse_args()
    big = int(args.mb * (1 << 20))
    small = big // 4
    bad = 0
    print(f"{'case':34s} {'µs/byte @' + str(small >> 10) + 'K':>14s} {'µs/byte @' + str(big >> 10) + 'K':>14s}")
    worst = 0.0
    for name, unit in CASES.items():
        a, b = per_byte(unit, small), per_byte(unit, big)
        worst = max(worst, b)
        flag = ""
        if b > args.budget_us or b > 3 * max(a, 0.05):
            flag = "  <-- over budget" if b > args.budget_us else "  <-- grows"
            bad += 1
        print(f"{name:34s} {a:14.3f} {b:14.3f}{flag}")
    print(f"worst {worst:.3f} µs/byte; {bad} case(s) over")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
