"""Values in CI, build and infrastructure output, found leaking by an independent probe (2026-12-06:
CI consoles, Terraform, Ansible, cloud-init, Consul/Nomad, Vault): a key-value store's key
printed with its path and the value glued to its colon, a variable Terraform's diagnostics show
with "is", Consul's gossip encryption key under "encrypt", a password in cloud-init's chpasswd
list, and the password Terraform's random_password resource keeps in its state. And a false
alarm: an OpenPGP key's fingerprint after gpg's "using RSA key". And a wrong type: a phone number
written with its plus and no separators, read as an SSN. Each positive case fails on
the code before the commit that fixed it (12ab7de); the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    # consul kv get -recurse, etcdctl: the key's path, its last part names the value
    ("app/config/db_password:Vq4#tLm8!zR2wXe", {("SECRET", "Vq4#tLm8!zR2wXe")}),
    ("services/billing/api_token:9f2c7e1a4b8d3f6e0a5c2b7d9e1f4a3c", {("SECRET", "9f2c7e1a4b8d3f6e0a5c2b7d9e1f4a3c")}),
    # Terraform's diagnostics print the values of the variables in the failing expression
    ('│     │ var.redis_auth_token is "Xk29~fhQ^w7Lp+Zr"', {("SECRET", "Xk29~fhQ^w7Lp+Zr")}),
    # Consul's and Nomad's gossip key
    ('encrypt: "pQ7m2Zx9Lk4vT8sW1nB6cR3yH5fJ0dGaE2uK9oI4tXw="',
     {("SECRET", "pQ7m2Zx9Lk4vT8sW1nB6cR3yH5fJ0dGaE2uK9oI4tXw=")}),
    ("consul agent -server -encrypt=pQ7m2Zx9Lk4vT8sW1nB6cR3yH5fJ0dGaE2uK9oI4tXw= -bootstrap-expect=3",
     {("SECRET", "pQ7m2Zx9Lk4vT8sW1nB6cR3yH5fJ0dGaE2uK9oI4tXw=")}),
    # cloud-init's chpasswd list, echoed by its schema check
    ("2024-05-14 09:31:24,188 - schema.py[WARNING]: Invalid cloud-config provided: chpasswd.list: "
     "'centos:Rw8!kTq2#vLz' is not of type 'array'", {("SECRET", "Rw8!kTq2#vLz")}),
    ('chpasswd: {list: "root:Tr0ub4dor&3x", expire: False}', {("SECRET", "Tr0ub4dor&3x")}),
    # Terraform's state: the generated password of a random_password resource
    ('{"type":"random_password","name":"db","instances":[{"attributes":{"id":"none","length":18,'
     '"min_numeric":0,"result":"Hq3*Lw9.zT+4mKp2Vx","special":true}}]}', {("SECRET", "Hq3*Lw9.zT+4mKp2Vx")}),
])
def test_build_log_secrets(procs, line, want):
    check_every(procs, line, want)


def test_random_password_in_a_json_state(procs):
    state = ('{"resources":[{"mode":"managed","type":"random_password","name":"db","instances":[{"attributes":'
             '{"id":"none","length":18,"result":"Hq3*Lw9.zT+4mKp2Vx"}}]},{"type":"aws_db_instance","name":"x",'
             '"instances":[{"attributes":{"result":"Zr8-available-2"}}]}]}')
    for name, proc in procs.items():
        r = proc.process([state.encode()], "json")[0]
        assert {e.get("path") for e in r.entities if e["type"] == "SECRET"} == \
            {"resources[0].instances[0].attributes.result"}, (name, r.entities)


@pytest.mark.parametrize("line", [
    # an OpenPGP key's fingerprint or id names a public key
    "gpg:                using RSA key 25B0E576C57B70A87943CCA7D8E5B259A360C6B6",
    "gpg: using EDDSA key 0x7A3F29C1D04E8B65",
    # not a key's value: a flag, a connection string's option, a message
    "encrypt: true",
    "Server=tcp:db.example.net;Database=app;Encrypt=True;TrustServerCertificate=False",
    "pam_unix(chpasswd:chauthtok): password changed for root",
    'error: token was "expired"',
    'password is "required"',
    # another resource's result; a sensitive value Terraform does not print
    '{"type":"random_password","name":"db"},{"type":"aws_instance","attributes":{"result":"Zr8-available-2"}}',
    'resource "random_password" "db" { result = (sensitive value) }',
    # a file's path and its ChangeLog entry
    "tests/ssh-ed25519.key: Likewise.",
])
def test_build_log_guards(procs, line):
    for name, proc in procs.items():
        assert not {v for t, v in found(proc, line) if t == "SECRET"}, (name, line)


@pytest.mark.parametrize("line, want", [
    # an international number written whole after its plus is no SSN (nor an ITIN)
    ('     Failure/Error: expect(applicant.phone).to eq("+468139099")', {("PHONE_NUMBER", "+468139099")}),
])
def test_plus_number_is_a_phone(procs, line, want):
    check_every(procs, line, want)
    for name, proc in procs.items():
        assert not {t for t, _ in found(proc, line)} & {"US_SSN", "US_ITIN"}, name
