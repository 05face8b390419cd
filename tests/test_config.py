"""Configuration: TOML + environment + flags, validated with messages that name the bad key."""
import os
import subprocess
import sys

import pytest

from piistream.config import load_config, render_toml
from piistream.models.redact import ConfigError


def write(tmp_path, text: str) -> str:
    p = tmp_path / "piistream.toml"
    p.write_text(text)
    return str(p)


def test_defaults_file_env_and_flags_in_order_of_precedence(tmp_path):
    path = write(tmp_path, '[kafka]\nbroker = "file:9092"\n[worker]\nmax_batch = 500\nmax_wait = 0.2\n'
                           '[redaction.operators]\nUS_SSN = "mask"\n')
    env = {"PIISTREAM_WORKER_MAX_BATCH": "700", "PIISTREAM_BROKER": "alias:9092"}
    cfg = load_config(path, env=env, overrides={"worker.max_wait": 0.5, "worker.app_id": None})
    assert cfg.kafka.broker == "alias:9092"            # old alias beats the file
    assert cfg.worker.max_batch == 700                  # env beats the file
    assert cfg.worker.max_wait == 0.5                   # flag beats the file
    assert cfg.worker.app_id == "piistream"             # None flag = not given
    assert cfg.redaction.operators == {"US_SSN": "mask"}
    assert cfg.sources["worker.max_batch"] == "PIISTREAM_WORKER_MAX_BATCH"
    assert cfg.sources["worker.max_wait"] == "command line"
    assert cfg.sources["redaction.operators"] == path
    # the new-style name wins over the old alias
    cfg = load_config(None, env={"PIISTREAM_BROKER": "old:1", "PIISTREAM_KAFKA_BROKER": "new:2"})
    assert cfg.kafka.broker == "new:2"


def test_environment_parses_types():
    cfg = load_config(None, env={"PIISTREAM_WORKER_FAMILIES": "logs", "PIISTREAM_VERIFIER_ENABLED": "off",
                                 "PIISTREAM_VERIFIER_DEADLINE": "2.5", "PIISTREAM_TOPICS_APPLY": "false",
                                 "PIISTREAM_REDACTION_OPERATORS": '{"EMAIL_ADDRESS": "drop"}',
                                 "PIISTREAM_DETECTOR_THRESHOLDS": '{"US_SSN": {"lo": 0.1, "hi": 0.9}}'})
    assert cfg.worker.families == ["logs"] and cfg.verifier.enabled is False
    assert cfg.verifier.deadline == 2.5 and cfg.topics.apply is False
    assert cfg.redaction.operators == {"EMAIL_ADDRESS": "drop"}
    assert cfg.detector.thresholds == {"US_SSN": {"lo": 0.1, "hi": 0.9}}
    assert load_config(None, env={"PIISTREAM_VERIFIER": "off"}).verifier.enabled is False


@pytest.mark.parametrize("text,env,message", [
    ("[worker]\nmax_bach = 3\n", {}, "unknown key worker.max_bach (did you mean 'max_batch'?)"),
    ("[wroker]\n", {}, "unknown section [wroker] (did you mean 'worker'?)"),
    ("[worker]\nmax_batch = 'x'\n", {}, "worker.max_batch = 'x'"),
    ("[worker]\nmax_batch = 0\n", {}, "worker.max_batch = 0"),
    ("[worker]\nrole = 'both'\n", {}, "worker.role = 'both'"),
    ("[worker]\nfamilies = ['logs', 'mail']\n", {}, "worker.families"),
    ("[kafka]\nbroker = 'nohostport'\n", {}, "kafka.broker = 'nohostport'"),
    ("[kafka]\nsecurity_protocol = 'SASL_SSL'\n", {}, "kafka.sasl_mechanism"),
    ("[kafka]\nssl_cafile = '/nonexistent/ca.pem'\n", {}, "kafka.ssl_cafile = '/nonexistent/ca.pem'"),
    ("[redaction.operators]\nUS_SNN = 'mask'\n", {}, "unknown entity type 'US_SNN' (did you mean 'US_SSN'?)"),
    ("[redaction]\ndefault_operator = 'keyed'\n", {}, "the 'keyed' operator needs an HMAC key"),
    ("[detector.thresholds.US_SSN]\nlo = 0.9\nhi = 0.1\n", {}, "lo must be <= hi"),
    ("[verifier]\ndevice = 'gpu'\n", {}, "verifier.device = 'gpu'"),
    ("[verifier]\nkeep_disputed = ['US_SNN']\n", {}, "verifier.keep_disputed = ['US_SNN']"),
    ("[verifier]\nrules_decided = ['ABA']\n", {}, "verifier.rules_decided = ['ABA']"),
    ("", {"PIISTREAM_VERIFIER_KEEP_DISPUTED": "US_SSN,IBAN"}, "unknown entity type 'IBAN'"),
    ("", {"PIISTREAM_WORKER_MAX_WAIT": "soon"}, "(from PIISTREAM_WORKER_MAX_WAIT): expected a number"),
    ("", {"PIISTREAM_WORKER_MAXBATCH": "1"}, "environment variable PIISTREAM_WORKER_MAXBATCH: unknown key"),
    ("[worker\n", {}, "invalid TOML"),
])
def test_validation_names_the_bad_key(tmp_path, text, env, message):
    with pytest.raises(ConfigError) as e:
        load_config(write(tmp_path, text), env=env)
    assert message in str(e.value)


def test_hmac_key_from_file_and_its_checks(tmp_path):
    key = tmp_path / "hmac.key"
    key.write_bytes(b"0123456789abcdef0123\n")
    cfg = load_config(None, env={"PIISTREAM_REDACTION_HMAC_KEY_FILE": str(key),
                                 "PIISTREAM_REDACTION_HMAC_KEY_ID": "k7"})
    assert cfg.hmac_key() == (b"0123456789abcdef0123", "k7")
    key.write_bytes(b"short")
    with pytest.raises(ConfigError, match="at least 16 bytes"):
        load_config(None, env={"PIISTREAM_HMAC_KEY_FILE": str(key)})


def test_security_settings_reach_every_client(tmp_path):
    pw = tmp_path / "pw"
    pw.write_text("s3cret-password\n")
    cfg = load_config(write(tmp_path, f'[kafka]\nbroker = "b:9093"\nsecurity_protocol = "SASL_PLAINTEXT"\n'
                                      f'sasl_mechanism = "SCRAM-SHA-512"\nsasl_username = "pii"\n'
                                      f'sasl_password_file = "{pw}"\n'), env={})
    conf = cfg.confluent(**{"group.id": "g"})
    assert conf == {"bootstrap.servers": "b:9093", "security.protocol": "sasl_plaintext",
                    "sasl.mechanism": "SCRAM-SHA-512", "sasl.username": "pii",
                    "sasl.password": "s3cret-password", "group.id": "g"}
    creds = cfg.faust_credentials()
    assert type(creds).__name__ == "SASLCredentials" and creds.username == "pii"
    assert creds.password == "s3cret-password" and str(creds.mechanism.value) == "SCRAM-SHA-512"
    assert load_config(None, env={}).faust_credentials() is None


def test_config_show_hides_secrets_and_reports_sources(tmp_path):
    path = write(tmp_path, '[kafka]\nsecurity_protocol = "SASL_PLAINTEXT"\nsasl_mechanism = "PLAIN"\n'
                           'sasl_username = "u"\n')
    env = {**os.environ, "PIISTREAM_CONFIG": path, "PIISTREAM_KAFKA_SASL_PASSWORD": "hunter2-secret",
           "PIISTREAM_HMAC_KEY": "an-hmac-key-that-is-long"}
    out = subprocess.run([sys.executable, "-m", "piistream", "config", "show"], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "hunter2-secret" not in out.stdout and "an-hmac-key-that-is-long" not in out.stdout
    assert 'sasl_password = "***"  # PIISTREAM_KAFKA_SASL_PASSWORD' in out.stdout
    assert 'hmac_key = "***"  # PIISTREAM_HMAC_KEY' in out.stdout
    assert f'sasl_username = "u"  # {path}' in out.stdout
    bad = subprocess.run([sys.executable, "-m", "piistream", "config", "check"],
                         env={**env, "PIISTREAM_WORKER_ROLE": "x"}, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "worker.role = 'x' (from PIISTREAM_WORKER_ROLE)" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_rendered_config_loads_back(tmp_path):
    cfg = load_config(None, env={"PIISTREAM_WORKER_MAX_BATCH": "123",
                                 "PIISTREAM_REDACTION_OPERATORS": '{"US_SSN": "mask"}'})
    again = load_config(write(tmp_path, render_toml(cfg, hide_secrets=False, sources=False)), env={})
    assert again.as_dict() == cfg.as_dict()


def test_deploy_example_config_is_valid(tmp_path):
    """The production example loads once its secret files exist (they are mounted in the pod)."""
    from pathlib import Path
    example = (Path(__file__).parent.parent / "deploy" / "config" / "piistream.toml").read_text()
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    for name in ("hmac-key", "sasl-password", "ca.crt"):
        (secrets / name).write_text("x" * 32)
    with pytest.raises(ConfigError, match="no such file"):
        load_config(write(tmp_path, example), env={})
    cfg = load_config(write(tmp_path, example.replace("/var/run/secrets/piistream/", f"{secrets}/")), env={})
    assert cfg.kafka.security_protocol == "SASL_SSL" and cfg.topics.env == "prod"
    assert cfg.hmac_key() == (b"x" * 32, "k1")
