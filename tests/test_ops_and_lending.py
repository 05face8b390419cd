"""Mobile apps, lending and KYC, and CI/CD output: what three more independent probes found
(2026-12-06, held out: run once on the code before these fixes). Leaked: a password under a key
whose object value wraps it (``terraform output -json``: ``{"db_password": {"sensitive": true,
"type": "string", "value": ...}}``), a secret store's ``--value`` named by its ``--name``
(``aws ssm put-parameter``, ``az keyvault secret set``), a pipeline's ``##vso[task.setvariable]``
and ``::set-output`` value named by its variable, the password ``openssl passwd`` hashes, a
Terraform plan's new value after its arrow, the Jenkins CLI's ``-auth user:token``,
Equifax's ``subjectSocialNum``, MISMO's ``DepositoryAccountIdentifier``, an IPv6 endpoint with its
port after a dot (Apple's ``remote=2603:...:bfe3.443``). False alarms: a version in an XML element
that names one (``<DataVersionIdentifier>22.3.6.11<``), a vendor's auth scheme word
(``SocureApiKey``) read as the key, an escaped JSON object's start read as a secret string's
value (``"SecretString": "{\\"username...``), a flag about a secret (``issecret=true``), Vault's
``token_accessor``, a value read from a file (``password=@password.txt``). Each case fails on the code before the commit that fixed it;
the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    ('{"db_password": {"sensitive": false, "type": "string", "value": "7UtchPTlfI2Aed1l6jgv"}}',
     {("SECRET", "7UtchPTlfI2Aed1l6jgv")}),
    ("aws ssm put-parameter --name /prod/db/password --type SecureString --overwrite --value Y^+*3_6jvs-dm*4.In",
     {("SECRET", "Y^+*3_6jvs-dm*4.In")}),
    ("az keyvault secret set --vault-name kv-prod-01 --name db-password --value Q3HM78LzcGEiPKS00JdT",
     {("SECRET", "Q3HM78LzcGEiPKS00JdT")}),
    ("java -jar jenkins-cli.jar -s http://10.143.175.175:8080/ -auth admin:113ea08b7e3cb30d3e2c1e228cbb1979a8 build",
     {("SECRET", "113ea08b7e3cb30d3e2c1e228cbb1979a8")}),
    ('{"subjectSocialNum":"512566749","dob":"1980-01-01"}', {("US_SSN", "512566749")}),
    ("<DepositoryAccountIdentifier>036713131041</DepositoryAccountIdentifier>", {("US_BANK_NUMBER", "036713131041")}),
    ("nw_connection ready remote=2603:8080:e09d:f1f5:eef7:dfc9:976a:bfe3.443 state=ready",
     {("IP_ADDRESS", "2603:8080:e09d:f1f5:eef7:dfc9:976a:bfe3")}),
    ("remote=2001:4860:7378:a39a:ee29::.443 x", {("IP_ADDRESS", "2001:4860:7378:a39a:ee29::")}),
    ("Authorization: SocureApiKey 2b1f3a6e-8c4d-4e1f-9a7b-3c2d1e0f9a8b",
     {("SECRET", "2b1f3a6e-8c4d-4e1f-9a7b-3c2d1e0f9a8b")}),
    # a pipeline's logging command: the variable's name (or its secret flag) names the value
    ("##vso[task.setvariable variable=dbPassword;issecret=false]hLFwszcwGZ06x6zoD490",
     {("SECRET", "hLFwszcwGZ06x6zoD490")}),
    ("##vso[task.setvariable variable=conn;issecret=true]Xk29mq7LpQ2w", {("SECRET", "Xk29mq7LpQ2w")}),
    ('echo "::set-output name=token::ghx7Hq2LmZ9vP0wRt5YbN8cKd3Fs6Ja1"',
     {("SECRET", "ghx7Hq2LmZ9vP0wRt5YbN8cKd3Fs6Ja1")}),
    # the password "openssl passwd" hashes; a plan's new value after its arrow
    ("useradd -m -s /bin/bash -p $(openssl passwd -6 'ER~-Ptr~2^FHn9I-Z@nwNp') deploy",
     {("SECRET", "ER~-Ptr~2^FHn9I-Z@nwNp")}),
    ('      ~ password = "M*U+jk0+Tc85" -> "#2%ShOzrNYUGN?!"', {("SECRET", "#2%ShOzrNYUGN?!")}),
])
def test_found(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line", [
    "<DataVersionIdentifier>22.3.6.11</DataVersionIdentifier>",
    "aws ssm put-parameter --name /prod/app/replicas --type String --value 3",
    '{"password": {"required": true, "minLength": 12}}',
    "java -jar jenkins-cli.jar -auth @/var/jenkins/creds build x",
    '      ~ instance_type = "t3.small" -> "t3.large"',
    "openssl passwd -6 $PASS",
])
def test_not_found(procs, line):
    check_none(procs, line, types=("IP_ADDRESS", "SECRET", "US_SSN", "US_BANK_NUMBER"))


def test_scheme_word_is_no_key(procs):
    for name, proc in procs.items():
        got = found(proc, "Authorization: SocureApiKey 2b1f3a6e-8c4d-4e1f-9a7b-3c2d1e0f9a8b")
        assert not any("SocureApiKey" in v for _, v in got), (name, got)


def test_addresses_in_elements_stay(procs):
    check_every(procs, "<HostAddress>10.1.2.3</HostAddress>", {("IP_ADDRESS", "10.1.2.3")})


@pytest.mark.parametrize("line, kept", [
    ('{"Name": "prod/db", "SecretString": "{\\"username\\":\\"admin\\",\\"password\\":\\"Xk29!mq7LpQ2\\"}"}',
     "Xk29!mq7LpQ2"),
    ("##vso[task.setvariable variable=dbPassword;issecret=true]***", None),
    ("Key                 Value  ---                 -----  token_accessor      YYmdn6duHF7lHs5BcvVR1J81  "
     "token_duration      768h", None),
    ("vault kv put secret/prod/db password=@password.txt", None),
])
def test_ci_output_secrets(procs, line, kept):
    """Only the secret itself: no escaped object's start, flag, accessor or file reference."""
    for name, proc in procs.items():
        got = {v for t, v in found(proc, line) if t == "SECRET"}
        assert got == ({kept} if kept else set()), (name, line, got)
