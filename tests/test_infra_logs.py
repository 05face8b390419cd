"""Credentials and addresses in infrastructure, CI and configuration output, found leaking (or
flagged falsely) by an independent probe (2026-12-06, values nobody on the team wrote: kubectl,
Vault, Consul, PagerDuty configs, Postfix maps, Docker's CLI). Each case fails on the code before
the commit that fixed it; the guards beside them pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none


@pytest.fixture(scope="module")
def procs(both):
    return both


# -- false alarms: a secret's size, a sentence about a flag ---------------------------------------
@pytest.mark.parametrize("line", [
    "password:  27 bytes",  # kubectl describe secret: the sizes of its data
    "token:      917 bytes",
    "ca.crt:     1066 bytes",
    "WARNING! Using --password via the CLI is insecure. Use --password-stdin.",  # docker login
])
def test_no_secret_in_sizes_or_sentences_about_a_flag(procs, line):
    check_none(procs, line, ("SECRET",))


def test_a_password_after_its_flag_or_key_is_still_one(procs):
    check_every(procs, "docker login -u bob --password s3cr3tPa55 registry.io", {("SECRET", "s3cr3tPa55")})
    check_every(procs, "password: hunter2 bytes", {("SECRET", "hunter2 bytes")})


# -- keys that name credentials -------------------------------------------------------------
@pytest.mark.parametrize("line, value", [
    # Vault's operator init: numbered keys
    ("Unseal Key 1: Q1F7gA95NAqO4sIFtzaq8xDMKtXn1bfFKNpm1KivY4Y3", "Q1F7gA95NAqO4sIFtzaq8xDMKtXn1bfFKNpm1KivY4Y3"),
    ("Recovery Key 2: Q1F7gA95NAqO4sIFtzaq8xDMKtXn1bfFKNpm1KivY4Y3", "Q1F7gA95NAqO4sIFtzaq8xDMKtXn1bfFKNpm1KivY4Y3"),
    # Consul's ACL token, Vault AppRole's secret_id
    ("SecretID:           9e5c238e-6fb7-41ec-af7d-d43ec50a48a4", "9e5c238e-6fb7-41ec-af7d-d43ec50a48a4"),
    ("secret_id=9e5c238e-6fb7-41ec-af7d-d43ec50a48a4", "9e5c238e-6fb7-41ec-af7d-d43ec50a48a4"),
    # PagerDuty's Events API key
    ("    routing_key: 553dee6b71f5b787ff5882c2044fd74e", "553dee6b71f5b787ff5882c2044fd74e"),
])
def test_credential_keys_of_infrastructure_tools(procs, line, value):
    check_every(procs, line, {("SECRET", value)})


@pytest.mark.parametrize("line", [
    "AccessorID:       9e5c238e-6fb7-41ec-af7d-d43ec50a48a4",  # Consul's token's name
    "routing_key=orders.created.eu-west-1",  # a message broker's routing key
    "routing_key: payments_settlement_daily_job",
    '{"SecretId": "prod/db/password"}',  # AWS Secrets Manager: a secret's name
    '{"SecretId": "MyTestDatabaseSecret"}',
    "Key 2: 13",
])
def test_names_and_words_under_those_keys_stay_clean(procs, line):
    check_none(procs, line, ("SECRET",))


# -- a mailbox and its password as a login pair ------------------------------------------------
@pytest.mark.parametrize("line, value", [
    ("[smtp.gmail.com]:587 lori.davis@gmail.com:dr@g0n53", "dr@g0n53"),  # Postfix sasl_passwd
    ("relay james.li@contoso.com:spring2019!", "spring2019!"),
    ("kfrancis@piedpiper.io:Pepper1$", "Pepper1$"),
])
def test_a_mailbox_and_its_password(procs, line, value):
    check_every(procs, line, {("SECRET", value)})


@pytest.mark.parametrize("line", [
    "git clone git@github.com:acme/app.git",
    "ssh deploy@build.example.com:releases",
    "user bob@example.com:8443 ok",
    "from=ann@example.com:ann@example.org",
    "ann@example.com:2024-01-05T10:00",
    "ops@host.example.com:backup2024.tgz",  # scp's file on the host
    "rsync -a bob@host.example.com:Release2024x",
])
def test_a_mailbox_then_a_path_a_port_or_a_name_has_no_password(procs, line):
    check_none(procs, line, ("SECRET",))


def test_the_remote_copys_word_is_read_in_its_own_record_only(processor):
    # (a word of another record of the batch says nothing of this one)
    out = processor.process([b"rsync -a bob@host.example.com:Release2024x",
                             b"[smtp.gmail.com]:587 lori.davis@gmail.com:dr@g0n53"])
    assert [[e["type"] for e in r.entities] for r in out] == [[], ["EMAIL_ADDRESS", "SECRET"]]


# -- an address after a host's name and a slash (kubectl's "Node: name/address") -------------
@pytest.mark.parametrize("line, ip", [
    ("Node:         worker-3/192.168.156.103", "192.168.156.103"),
    ("Node:         gke-prod-pool-1-8a2f/10.1.156.103", "10.1.156.103"),
    ("host web1/192.168.1.20 up", "192.168.1.20"),
])
def test_an_address_after_a_hosts_name_and_a_slash(procs, line, ip):
    check_every(procs, line, {("IP_ADDRESS", ip)})


@pytest.mark.parametrize("line", [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0.0.0 Safari/537.36",
    "UCBrowser/13.4.0.130",
    "agent Go-http-client/1.1.0.1",
    "Opera OPR/105.0.0.0",
])
def test_a_products_version_after_its_name_is_no_address(procs, line):
    check_none(procs, line, ("IP_ADDRESS",))


# -- credentials stored base64-encoded, by the encoding of their framing ------------------------
def _b64(s: str) -> str:
    import base64
    return base64.b64encode(s.encode()).decode()


@pytest.mark.parametrize("plain", [
    "postgres://app:mQe-9Uj9-h_uvl8eFIsbq81h9cC@postgres.default.svc.cluster.local:5432/app",
    "redis://:hunter2xyz@cache:6379/0",
    "mongodb+srv://svc:Zq8-tT3p9Lw@cluster0.example.mongodb.net/db",
    '{"auths": {"ghcr.io": {"username": "ci-bot", "auth": "Y2ktYm90OnMzY3JldFBhc3N3MHJk"}}}',
])
def test_a_credential_stored_base64_encoded(procs, plain):
    token = _b64(plain)
    check_every(procs, f"  DATABASE_URL: {token}", {("SECRET", token)})


@pytest.mark.parametrize("plain", [
    "postgres://host:5432/db",  # no password
    "mysql://app:${DB_PASSWORD}@db/app",  # a template's reference
    '{"auths": {"ghcr.io": {}}}',
])
def test_an_encoded_url_or_config_without_a_credential_stays_clean(procs, plain):
    check_none(procs, f"  DATABASE_URL: {_b64(plain)}", ("SECRET",))
