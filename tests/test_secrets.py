"""SECRET: per-family known answers, generated assignment-syntax variants, value delimiting,
placeholders, kinds in the entity dict, and the decisive evidence the models may not clear.

Values here are made up for the tests (random strings, never a vendor's real token); the few
documented vendor examples appear only where the test is that they are *not* secrets."""
from __future__ import annotations

import random
import re
import string
import zlib

import pytest
from hypothesis import given, strategies as st

from piistream.models.detector import Detector, make_scorer
from piistream.models.recognizers.base import Batch
from piistream.models.recognizers.secrets import KINDS, SecretRecognizer
from piistream.models.recognizers.secrets._shared import base62
from piistream.models.recognizers.secrets.generic import key_kind
from piistream.models.recognizers.secrets.github import crc_ok
from piistream.models.recognizers.secrets.placeholders import is_placeholder
from piistream.models.records import Processor

REC = SecretRecognizer()
RULES = Processor(Detector(scorer=make_scorer("rules")))
B62 = string.ascii_letters + string.digits


def secrets_in(text: str, processor: Processor = RULES) -> list[tuple[str, str]]:
    """(kind, value) of every SECRET entity of one text record."""
    r = processor.process([text.encode()])[0]
    assert r.error is None
    return [(e.get("kind", ""), text[e["start"]:e["end"]]) for e in r.entities if e["type"] == "SECRET"]


def values(text: str) -> list[str]:
    return [v for _, v in secrets_in(text)]


def rand(rng: random.Random, n: int, alphabet: str = B62) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def github_token(rng: random.Random, prefix: str = "ghp") -> str:
    body = rand(rng, 30)
    return f"{prefix}_{body}{base62(zlib.crc32(body.encode()), 6)}"


# -- known answers, one or more per family -------------------------------------------------------
def _known() -> list[tuple[str, str, str]]:
    rng = random.Random(7)
    gh = github_token(rng)
    return [
        # (text, kind, secret value)
        (f"git push with {gh} failed", "github_token", gh),
        ("aws AKIAQ2WJ7LZRXKCVBN3D,k9Dw2+Lm4Qp7Rt0Vy3Bn6Cx1Ze5Hf8Jg2Ks4Lu7W in csv", "aws_access_key_id",
         "AKIAQ2WJ7LZRXKCVBN3D"),
        ("aws AKIAQ2WJ7LZRXKCVBN3D,k9Dw2+Lm4Qp7Rt0Vy3Bn6Cx1Ze5Hf8Jg2Ks4Lu7W in csv",
         "aws_secret_access_key", "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"),
        ("runner glpat-Xq2Lw9Rt5Yp8Zk3Vb6Nm token", "gitlab_token", "glpat-Xq2Lw9Rt5Yp8Zk3Vb6Nm"),
        ("slack xoxb-2384756102-9183746520-Qw3Er5Ty7Ui9Op1As3Df5Gh7 ok", "slack_token",
         "xoxb-2384756102-9183746520-Qw3Er5Ty7Ui9Op1As3Df5Gh7"),
        ("posting to https://hooks.slack.com/services/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",
         "slack_webhook", "T0A1B2C3D/B4E5F6G7H/Zx8Cv7Bn6Mq5Wr4Et3Yu2Io1"),
        ("charge with sk_live_9Qw2Er4Ty6Ui8Op0As2Df4Gh6", "stripe_key", "sk_live_9Qw2Er4Ty6Ui8Op0As2Df4Gh6"),
        ("maps key AIzaSyQ7w9E2r4T6y8U0i2O4p6A8s0D2f4G6h8J", "google_api_key",
         "AIzaSyQ7w9E2r4T6y8U0i2O4p6A8s0D2f4G6h8J"),
        ("oauth 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 set", "google_oauth_client_secret",
         "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"),
        ("conn DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + "Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz1Xc3Vb5Nm7Qw2Er4Ty6Ui8Op0As2Df4Gh6Jkz1Xc3Vb5Nm7Qw2E+/==;EndpointSuffix=core.windows.net",
         "azure_storage_key", "Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz1Xc3Vb5Nm7Qw2Er4Ty6Ui8Op0As2Df4Gh6Jkz1Xc3Vb5Nm7Qw2E+/=="),
        ("GET /c/b?sv=2022-11-02&sr=c&sp=r&sig=Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz1Xc3Vb5Nm7%2BQw%3D 200",
         "azure_sas_signature", "Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz1Xc3Vb5Nm7%2BQw%3D"),
        ("client secret Ab38Q~Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz1Xc3V used", "azure_client_secret",
         "Ab38Q~Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz1Xc3V"),
        ("jwt eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1LTkxMiJ9.Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz1Xc3Vb5Nm7Qw2 ok",
         "jwt", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1LTkxMiJ9.Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz1Xc3Vb5Nm7Qw2"),
        ("npm_Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz1Xc3Vb5 in .npmrc", "npm_token",
         "npm_Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz1Xc3Vb5"),
        ("mail 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 sent",
         "sendgrid_api_key", "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"),
        ("twilio SK0123456789abcdef0123456789abcdef ok", "twilio_api_key", "SK0123456789abcdef0123456789abcdef"),
        ("connecting to postgres://app:Tr0ub4dor@db.internal:5432/prod", "database_password", "Tr0ub4dor"),
        ("redis://:S3cret@cache:6379", "database_password", "S3cret"),
        ("mysql://u:p@ss/w0rd@db:3306/app", "database_password", "p@ss/w0rd"),
        ("https://deploy:Zq9$Xw2@git.example.com/org/repo.git", "url_password", "Zq9$Xw2"),
        ("curl -u admin:s3cr3t-Pw https://api", "cli_password", "s3cr3t-Pw"),
        ("proxy sent Basic YWxpY2U6d29uZGVybGFuZDk5 upstream", "basic_auth", "YWxpY2U6d29uZGVybGFuZDk5"),
        ("Authorization: Bearer Qw2Er4Ty6Ui8Op0As2Df4Gh6", "authorization", "Qw2Er4Ty6Ui8Op0As2Df4Gh6"),
        ("-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEAqw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz1Xc3Vb5Nm7\\n-----END RSA PRIVATE KEY-----",
         "private_key",
         "-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEAqw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz1Xc3Vb5Nm7\\n-----END RSA PRIVATE KEY-----"),
        ("key body MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDQw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz1Xc3Vb5Nm7Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8 end",
         "private_key",
         "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDQw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz1Xc3Vb5Nm7Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8"),
        ("login user=bob password=hiddenDragon77! ok", "password", "hiddenDragon77!"),
        ("password=changeme", "password", "changeme"),
    ]


@pytest.mark.parametrize("text,kind,value", _known())
def test_known_answers(text, kind, value):
    assert (kind, value) in secrets_in(text)


def test_every_kind_is_in_the_vocabulary_and_fits_the_alert_schema():
    import re

    from piistream.topics import load_schema
    pattern = load_schema("alert")["$defs"]["entity"]["properties"]["kind"]["pattern"]
    for text, kind, _ in _known():
        assert kind in KINDS
        for c in REC.find(Batch([text])):
            assert c.kind in KINDS, c.kind
    assert all(re.match(pattern, k) for k in KINDS)


# -- GitHub's checksum -----------------------------------------------------------------------
def test_github_crc32_is_checked_and_decides():
    rng = random.Random(3)
    for _ in range(200):
        tok = github_token(rng, rng.choice(("ghp", "gho", "ghu", "ghs", "ghr")))
        assert crc_ok(tok)
        bad = tok[:-1] + ("A" if tok[-1] != "A" else "B")
        assert not crc_ok(bad)
        (c,) = [c for c in REC.find(Batch([f"t {tok} x"])) if c.kind == "github_token"]
        assert c.decisive
        # a wrong checksum is still a candidate (the prefix is strong evidence), not decisive
        (c,) = [c for c in REC.find(Batch([f"t {bad} x"])) if c.kind == "github_token"]
        assert not c.decisive


# -- value delimiting: never cut inside a value ------------------------------------------------
PW_CHARS = string.ascii_letters + string.digits + "!#%&()*+,-./:;<=>?@[]^_{|}~ $"


@given(st.text(PW_CHARS, min_size=4, max_size=40).filter(
    lambda v: v.strip() == v and not is_placeholder(v) and any(c.isalnum() for c in v)),
    st.sampled_from(['password="{}"', "password='{}'", '"password": "{}"', "'password' => '{}'",
                     'PASSWORD := "{}"', 'var password string = "{}"', 'setProperty("db.password", "{}")',
                     '<add key="DbPassword" value="{}" />', 'db_password ?= "{}"', '\\"password\\": \\"{}\\"']))
def test_a_quoted_value_is_read_to_its_closing_quote(value, template):
    if ('"' in template and '"' in value) or ("'" in template and "'" in value) or "\\" in value:
        return
    text = "cfg " + template.format(value) + " next=1"
    assert value in values(text)


UNQUOTED = string.ascii_letters + string.digits + "!#%()*+-./:@[]^_{}~$;,&|"


@given(st.text(UNQUOTED, min_size=6, max_size=30).filter(
    lambda v: v[-1] not in ";,|&)]}" and v[0] not in "{[($<%" and not is_placeholder(v)
    and "=" not in v and "://" not in v and "\\" not in v
    # "p;ss;A user=bob": ";A" could start the next key ("User ID=" in connection strings)
    and not re.search(r"[;&,|][A-Za-z_][\w.\-\[\]]*\Z", v)))
def test_an_unquoted_value_runs_to_whitespace_or_the_next_key(value):
    for text in (f"login password={value} user=bob", f"password={value};user=bob",
                 f"password={value}&user=bob", f"password={value}"):
        found = values(text)
        # the whole value is covered (a separator followed by key= ends it)
        assert any(value in v for v in found), (text, found)
        assert all("user=bob" not in v for v in found)


def test_delimiting_known_answers():
    assert values('password="a b;c,d" x') == ["a b;c,d"]
    assert values("Password=p;ss;w0rd;User ID=sa;") == ["p;ss;w0rd"]
    assert values('"password": "Tr0ub; 4dor,x"') == ["Tr0ub; 4dor,x"]
    assert values("GET /reset?token=Qw2Er4Ty6Ui8Op0&uid=7 HTTP/1.1") == ["Qw2Er4Ty6Ui8Op0"]
    assert values("User{name=bob, password=hunter22}") == ["hunter22"]
    assert values('{"config.ini": "API_TOKEN=Qw2Er4Ty6Ui8Op0As\\nDEBUG=true"}') == ["Qw2Er4Ty6Ui8Op0As"]
    assert values("mysql -u root -pTr0ub4dor&3 billing") == ["Tr0ub4dor&3"]


# -- assignment syntaxes: generated variants ---------------------------------------------------
SYNTAXES = ['{k}={v}', '{k} = {v}', '{k}: {v}', '"{k}": "{v}"', "{k}: '{v}'", '{k} := "{v}"',
            '{k} ::= "{v}"', '{k} ?= "{v}"', 'var {k} string = "{v}"', 'String {k} = "{v}";',
            '${k} .= "{v}";', "'{k}' => '{v}'", 'System.setProperty("{K}", "{v}")',
            '<{k}>{v}</{k}>', '<{k}>\\n    {v}\\n</{k}>', 'export {K}={v}', '{k} = "{v}"',
            '--{kd} {v}', '--{kd}={v}', 'ENV["{K}"] = "{v}"', '{K}: {v}', '{k}: String = "{v}"']
KEYS = ["password", "db_password", "dbPassword", "api_key", "apiKey", "client_secret",
        "access_token", "authToken", "secret_key", "private_key", "x-api-key", "credentials",
        "stripeSecretKey", "github_token", "accountKey"]


@given(st.sampled_from(SYNTAXES), st.sampled_from(KEYS), st.integers(0, 1 << 30))
def test_every_assignment_syntax(syntax, key, seed):
    value = rand(random.Random(seed), 24)
    kd = key.replace("_", "-")
    text = "cfg " + syntax.format(k=key, K=key.upper(), kd=kd, v=value)
    assert value in values(text), text


@given(st.sampled_from(["password_hash", "token_type", "api_key_id", "secret_name", "max_tokens",
                        "password_reset", "csrf_token", "public_key", "token_count",
                        "password_policy", "key_id", "partition_key", "not_secret"]),
       st.integers(0, 1 << 30))
def test_keys_about_a_credential_are_not_credentials(key, seed):
    assert key_kind(key) is None
    assert values(f"{key}=x{rand(random.Random(seed), 20)}1") == []


# -- placeholders: the one list -----------------------------------------------------------------
PLACEHOLDERS = ["${DB_PASS}", "${{ secrets.NPM_TOKEN }}", "{SumoAccessKey}", "$API_KEY", "<token>",
                "<your-api-key>", "xxxxxxxx", "********", "[FILTERED]", "[REDACTED]", "null",
                "{{ vault_password }}", "%DB_PASS%", "$(cat /run/secrets/db)", "YOUR_API_KEY",
                "insert_key_here", "os.environ['DB_PASSWORD']", "process.env.TOKEN", "$1"]


@pytest.mark.parametrize("value", PLACEHOLDERS)
def test_placeholders_are_not_secrets(value):
    assert is_placeholder(value)
    assert values(f"password={value} api_key: {value}") == []


@pytest.mark.parametrize("text", [
    "aws AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",  # AWS's documented pair
    "token ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "key AKIAXXXXXXXXXXXXXXXX",
    "password=******** token=null",
    "password reset requested",
    "-----BEGIN PUBLIC KEY-----MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAqw2Er4Ty6Ui8Op0As2Df4-----END PUBLIC KEY-----",
    "cert MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJRTESMBAGA1UEChMJQmFsdGltb3JlMRMwEQYDVQQLEwpDeWJlclRydXN0",
    "https://medium.com/@user/post",
    "listening on http://0.0.0.0:8080/@admin",
])
def test_not_secrets(text):
    assert values(text) == []


@given(st.text(string.ascii_letters + string.digits + "!@#%^&*-_+", min_size=6, max_size=20).filter(
    lambda v: not is_placeholder(v)))
def test_words_inside_a_value_prove_nothing(value):
    for w in ("hidden", "filtered", "redacted", "masked", "secret", "example"):
        v = w + value
        assert v in values(f"password={v}")


# -- streams: kind in the scan output, decisive evidence the models keep ------------------------
def test_kind_is_an_extra_key_of_secret_entities_only():
    r = RULES.process([b"ssn 536-22-1234 password=Hunter2x"])[0]
    by_type = {e["type"]: e for e in r.entities}
    assert by_type["SECRET"]["kind"] == "password"
    assert "kind" not in by_type["US_SSN"]
    assert set(by_type["US_SSN"]) == {"type", "start", "end", "score", "stage"}


class _Denying:
    """A model that says every candidate is clean."""

    name = "deny"
    thresholds = make_scorer("rules").thresholds


def test_decisive_secret_evidence_cannot_be_cleared_by_the_charcnn():
    from piistream.models.cnn_runtime import CnnScorer

    class Zero:
        variant = "zero"
        meta = {"thresholds": {t: {"lo": 0.5, "hi": 0.5} for t in make_scorer("rules").thresholds}}

        def predict(self, chars, flags, etype):
            import numpy as np
            return np.zeros(len(chars), dtype=np.float32)

    proc = Processor(Detector(scorer=CnnScorer(runtime=Zero())))
    rng = random.Random(5)
    gh = github_token(rng)
    for text, value in ((f"pushed {gh} ok", gh), ("db_password=Tr0ub4dor&3 host=db", "Tr0ub4dor&3"),
                        ('"api_key": "Qw2Er4Ty6Ui8Op0As2Df4"', "Qw2Er4Ty6Ui8Op0As2Df4")):
        r = proc.process([text.encode()])[0]
        ents = [e for e in r.entities if text[e["start"]:e["end"]] == value]
        assert ents and ents[0]["stage"] == "rules", (text, r.entities)


def test_json_values_under_credential_keys():
    r = RULES.process([b'{"db": {"password": "a b;c,d"}, "token_type": "bearer"}'], "json")[0]
    assert r.redacted == '{"db": {"password": "[SECRET]"}, "token_type": "bearer"}'
    assert r.entities[0]["kind"] == "password"
