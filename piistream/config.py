"""piistream's configuration: one TOML file plus environment overrides, validated at start.

Precedence (lowest first): built-in defaults < the TOML file (``--config`` or ``PIISTREAM_CONFIG``)
< environment variables < command-line flags. Every key has an environment variable
``PIISTREAM_<SECTION>_<KEY>`` (``PIISTREAM_WORKER_MAX_BATCH=4000``); a few older short names
(``PIISTREAM_BROKER``, ``PIISTREAM_SCORER``, ``PIISTREAM_CNN_BACKEND``, ``PIISTREAM_VERIFIER``,
``PIISTREAM_HMAC_KEY_FILE``, ``PIISTREAM_HMAC_KEY_ID``) still work. Tables (operators,
thresholds) are set from the environment as JSON (``PIISTREAM_REDACTION_OPERATORS='{"US_SSN":
"mask"}'``).

Validation names the bad key and where it came from, e.g. ``worker.max_batch = 'abc' (from
PIISTREAM_WORKER_MAX_BATCH): expected an integer``. Secrets (the SASL password, the HMAC key)
are never printed: ``piistream config show`` masks them.
"""
from __future__ import annotations

import difflib
import json
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .models.entities import ENTITY_TYPES
from .models.names import BACKENDS, DEVICES, SCORERS, VERIFIER_BACKENDS
from .models.redact import OPERATORS, ConfigError

SECURITY_PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
SASL_MECHANISMS = ("", "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")
ROLES = ("all", "detect", "verify")
FAMILIES = ("logs", "docs")
SECRET_KEYS = frozenset({("kafka", "sasl_password"), ("redaction", "hmac_key")})
LOGLEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# the values a key may take (validation and ``json_schema`` both read these)
CHOICES = {
    ("kafka", "security_protocol"): SECURITY_PROTOCOLS,
    ("kafka", "sasl_mechanism"): SASL_MECHANISMS,
    ("topics", "env"): ("dev", "prod"),
    ("worker", "role"): ROLES,
    ("detector", "scorer"): SCORERS,
    ("detector", "backend"): BACKENDS,
    ("verifier", "backend"): VERIFIER_BACKENDS,
    ("verifier", "device"): DEVICES,
    ("verifier", "bits"): (0, 8, 4),
    ("redaction", "default_operator"): OPERATORS,
}
# numeric bounds: (section, key) -> (minimum, maximum or None)
BOUNDS = {
    ("worker", "max_batch"): (1, None), ("worker", "max_record_bytes"): (1, None),
    ("worker", "max_batch_bytes"): (1, None),
    ("worker", "detect_processes"): (0, None), ("worker", "metrics_port"): (0, 65535),
    ("detector", "threads"): (0, None),
    ("replay", "batch_size"): (1, None), ("replay", "processes"): (0, None),
}


@dataclass
class KafkaConfig:
    broker: str = "127.0.0.1:9092"
    security_protocol: str = "PLAINTEXT"
    sasl_mechanism: str = ""
    sasl_username: str = ""
    sasl_password: str = ""           # secret: prefer sasl_password_file
    sasl_password_file: str = ""
    ssl_cafile: str = ""
    ssl_certfile: str = ""
    ssl_keyfile: str = ""
    ssl_check_hostname: bool = True


@dataclass
class TopicsConfig:
    env: str = "dev"
    prefix: str = ""
    apply: bool = True


@dataclass
class WorkerConfig:
    app_id: str = "piistream"
    role: str = "all"                  # all | detect (detect agents) | verify (the verify agent)
    families: list = field(default_factory=lambda: list(FAMILIES))
    max_batch: int = 2000
    max_wait: float = 0.05
    max_record_bytes: int = 1 << 20
    max_batch_bytes: int = 4 << 20     # a detection batch holds at most this many bytes of
                                       # records as well as max_batch records (scan, the worker
                                       # and replay: detection's memory follows a batch's bytes);
                                       # a larger record is a batch of its own
    detect_processes: int = 1          # 0: detect in a thread of the worker process
    batch_lane: bool = True            # consumed messages reach the agents in batches (false:
                                       # stock Faust, one event per message)
    table_headers: bool = False        # the worker and replay carry a text partition's table
                                       # header line to its rows (``HeaderCarry``; scan always
                                       # does): off by default, a restart loses the carried
                                       # header, so a record redelivered after a crash could be
                                       # redacted less than its first output
    metrics_port: int = 9400           # 0: no HTTP endpoint
    metrics_host: str = "0.0.0.0"
    datadir: str = ""
    loglevel: str = "WARNING"


@dataclass
class DetectorConfig:
    scorer: str = "cnn"
    backend: str = "auto"
    threads: int = 0                   # inference threads of `scan` (0: one per core, at most 4
                                       # for the int8 charCNN on CPU; a worker's detection
                                       # processes use one each)
    thresholds: dict = field(default_factory=dict)  # TYPE -> {lo, hi}: overrides the calibrated
    leads: bool = True                 # the candidate stage's compiled lead index (Hyperscan);
                                       # false: the regex engine alone (same candidates, slower)


@dataclass
class VerifierConfig:
    enabled: bool = True
    deadline: float = 60.0
    backend: str = "minilm"            # minilm (the shipped ONNX model) | causal-lm (your own LLM)
    model: str = ""                    # minilm: an ONNX file (default: the shipped verifier.int8.onnx);
                                       # causal-lm: a local Hugging Face model directory
    device: str = "auto"               # auto (a GPU when there is one), cpu, cuda
    bits: int = 0                      # causal-lm weights: 0 as stored, 8 (int8), 4 (NF4, GPU only)
    keep_disputed: list = field(default_factory=list)  # types whose disputes stay redacted: the
                                       # verifier may not clear them (recall first; see MODEL_CARD)
    # types the verifier never decides (their doubtful candidates stay redacted): measured to
    # lower its recall of the type on the evaluation (``piistream eval --suite all``, MODEL_CARD)
    rules_decided: list = field(default_factory=lambda: ["ABA_ROUTING_NUMBER"])


@dataclass
class RedactionConfig:
    default_operator: str = "type"
    operators: dict = field(default_factory=dict)  # TYPE -> operator
    hmac_key: str = ""                 # secret: prefer hmac_key_file
    hmac_key_file: str = ""
    hmac_key_id: str = "k1"


@dataclass
class ReplayConfig:
    batch_size: int = 5000
    processes: int = 0                 # detection processes; 0: one per core
    checkpoint_every: float = 5.0      # seconds between checkpoint writes


@dataclass
class Config:
    kafka: KafkaConfig = field(default_factory=KafkaConfig)
    topics: TopicsConfig = field(default_factory=TopicsConfig)
    worker: WorkerConfig = field(default_factory=WorkerConfig)
    detector: DetectorConfig = field(default_factory=DetectorConfig)
    verifier: VerifierConfig = field(default_factory=VerifierConfig)
    redaction: RedactionConfig = field(default_factory=RedactionConfig)
    replay: ReplayConfig = field(default_factory=ReplayConfig)
    sources: dict = field(default_factory=dict, repr=False)  # "section.key" -> where it came from

    # -- derived ---------------------------------------------------------------------------
    def sasl_password(self) -> str:
        k = self.kafka
        if k.sasl_password_file:
            return _read_secret(k.sasl_password_file, "kafka.sasl_password_file").decode()
        return k.sasl_password

    def hmac_key(self) -> tuple[bytes, str] | None:
        """(key, key id), or None when no key is configured."""
        r = self.redaction
        if r.hmac_key:
            key = r.hmac_key.encode()
        elif r.hmac_key_file:
            key = _read_secret(r.hmac_key_file, "redaction.hmac_key_file")
        else:
            return None
        if len(key) < 16:
            raise ConfigError(f"redaction.hmac_key{'_file' if r.hmac_key_file else ''}: the key must "
                              "be at least 16 bytes")
        return key, r.hmac_key_id

    def confluent(self, **extra) -> dict:
        """Client settings for confluent-kafka (librdkafka names): bootstrap + security."""
        k = self.kafka
        conf = {"bootstrap.servers": k.broker, "security.protocol": k.security_protocol.lower()}
        if k.security_protocol.startswith("SASL"):
            conf["sasl.mechanism"] = k.sasl_mechanism
            conf["sasl.username"] = k.sasl_username
            conf["sasl.password"] = self.sasl_password()
        if k.security_protocol.endswith("SSL"):
            if k.ssl_cafile:
                conf["ssl.ca.location"] = k.ssl_cafile
            if k.ssl_certfile:
                conf["ssl.certificate.location"] = k.ssl_certfile
            if k.ssl_keyfile:
                conf["ssl.key.location"] = k.ssl_keyfile
            conf["ssl.endpoint.identification.algorithm"] = "https" if k.ssl_check_hostname else "none"
        conf.update(extra)
        return conf

    def faust_credentials(self):
        """Faust's ``broker_credentials`` for the configured security, or None (PLAINTEXT)."""
        k = self.kafka
        if k.security_protocol == "PLAINTEXT":
            return None
        import ssl

        import faust

        ctx = None
        if k.security_protocol.endswith("SSL"):
            ctx = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=k.ssl_cafile or None)
            if k.ssl_certfile:
                ctx.load_cert_chain(k.ssl_certfile, k.ssl_keyfile or None)
            ctx.check_hostname = k.ssl_check_hostname
        if k.security_protocol.startswith("SASL"):
            if k.sasl_mechanism == "PLAIN":
                return faust.SASLCredentials(username=k.sasl_username, password=self.sasl_password(),
                                             ssl_context=ctx)
            return faust.SASLCredentials(username=k.sasl_username, password=self.sasl_password(),
                                         ssl_context=ctx, mechanism=k.sasl_mechanism)
        return faust.SSLCredentials(ctx)

    def as_dict(self, hide_secrets: bool = True) -> dict:
        out = {}
        for sec in SECTIONS:
            d = {}
            for f in fields(getattr(self, sec)):
                v = getattr(getattr(self, sec), f.name)
                if hide_secrets and (sec, f.name) in SECRET_KEYS and v:
                    v = "***"
                d[f.name] = v
            out[sec] = d
        return out


SECTIONS = ("kafka", "topics", "worker", "detector", "verifier", "redaction", "replay")
# older environment names, kept working
ALIASES = {
    "PIISTREAM_BROKER": ("kafka", "broker"),
    "PIISTREAM_SCORER": ("detector", "scorer"),
    "PIISTREAM_CNN_BACKEND": ("detector", "backend"),
    "PIISTREAM_HMAC_KEY": ("redaction", "hmac_key"),
    "PIISTREAM_HMAC_KEY_FILE": ("redaction", "hmac_key_file"),
    "PIISTREAM_HMAC_KEY_ID": ("redaction", "hmac_key_id"),
    "PIISTREAM_VERIFIER": ("verifier", "enabled"),
    "PIISTREAM_CNN_THREADS": ("detector", "threads"),
    "PIISTREAM_FAUST_FAST_DRAIN": ("worker", "batch_lane"),
}
# not configuration keys: the config file's path, and the development tools' cache (the
# embedded broker's jars, see ``cache_dir``)
NOT_KEYS = {"PIISTREAM_CONFIG", "PIISTREAM_CACHE"}


def _read_secret(path: str, key: str) -> bytes:
    try:
        return Path(path).read_bytes().strip()
    except OSError as e:
        raise ConfigError(f"{key}: cannot read {path}: {e.strerror}") from None


def _section_fields(sec: str) -> dict:
    return {f.name: f for f in fields(globals()[sec.capitalize() + "Config"])}


def _suggest(name: str, options) -> str:
    close = difflib.get_close_matches(name, list(options), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _coerce(sec: str, key: str, value: Any, default: Any, origin: str) -> Any:
    """``value`` as the type of ``default``; strings from the environment are parsed."""
    where = f"{sec}.{key} = {value!r} (from {origin})"
    from_env = isinstance(value, str) and origin.startswith("PIISTREAM_")
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
        if from_env and value.strip().lower() in ("1", "true", "yes", "on"):
            return True
        if from_env and value.strip().lower() in ("0", "false", "no", "off"):
            return False
        raise ConfigError(f"{where}: expected true or false")
    if isinstance(default, int):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if from_env:
            try:
                return int(value.strip())
            except ValueError:
                pass
        raise ConfigError(f"{where}: expected an integer")
    if isinstance(default, float):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if from_env:
            try:
                return float(value.strip())
            except ValueError:
                pass
        raise ConfigError(f"{where}: expected a number")
    if isinstance(default, list):
        if from_env:
            value = [v.strip() for v in value.split(",") if v.strip()]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value
        raise ConfigError(f"{where}: expected a list of strings")
    if isinstance(default, dict):
        if from_env:
            try:
                value = json.loads(value)
            except json.JSONDecodeError:
                raise ConfigError(f"{sec}.{key} (from {origin}): expected a JSON object") from None
        if isinstance(value, dict):
            return value
        raise ConfigError(f"{where}: expected a table")
    if isinstance(value, str):
        return value
    raise ConfigError(f"{where}: expected a string")


def _check(cfg: Config) -> None:
    """Value checks across the whole config; messages name the key and its source."""
    def bad(sec: str, key: str, why: str):
        v = getattr(getattr(cfg, sec), key)
        shown = "***" if (sec, key) in SECRET_KEYS else repr(v)
        raise ConfigError(f"{sec}.{key} = {shown} (from {cfg.sources.get(f'{sec}.{key}', 'default')}): {why}")

    def one_of(sec, key, options):
        if getattr(getattr(cfg, sec), key) not in options:
            bad(sec, key, "must be one of " + ", ".join(repr(o) for o in options))

    k = cfg.kafka
    hosts = [h.strip() for h in k.broker.split(",")]
    if not k.broker or any(h.rpartition(":")[0] == "" or not h.rpartition(":")[2].isdigit() for h in hosts):
        bad("kafka", "broker", "expected HOST:PORT[,HOST:PORT...]")
    for (sec, key), options in CHOICES.items():
        one_of(sec, key, options)
    for (sec, key), (lo, hi) in BOUNDS.items():
        if getattr(getattr(cfg, sec), key) < lo:
            bad(sec, key, f"must be >= {lo}")
        if hi is not None and getattr(getattr(cfg, sec), key) > hi:
            bad(sec, key, f"must be <= {hi}")
    if k.security_protocol.startswith("SASL"):
        if not k.sasl_mechanism:
            bad("kafka", "sasl_mechanism", f"required with security_protocol {k.security_protocol}")
        if not k.sasl_username:
            bad("kafka", "sasl_username", f"required with security_protocol {k.security_protocol}")
        if not (k.sasl_password or k.sasl_password_file):
            bad("kafka", "sasl_password_file", "a SASL password is required (sasl_password_file, "
                                               "or PIISTREAM_KAFKA_SASL_PASSWORD)")
    for key in ("sasl_password_file", "ssl_cafile", "ssl_certfile", "ssl_keyfile"):
        p = getattr(k, key)
        if p and not os.path.isfile(p):
            bad("kafka", key, "no such file")
    if k.ssl_keyfile and not k.ssl_certfile:
        bad("kafka", "ssl_certfile", "required when ssl_keyfile is set")
    w = cfg.worker
    if not w.families or any(f not in FAMILIES for f in w.families):
        bad("worker", "families", "must be a non-empty list of " + ", ".join(FAMILIES))
    if not 0 < w.max_wait <= 60:
        bad("worker", "max_wait", "must be in (0, 60] seconds")
    if w.loglevel.upper() not in LOGLEVELS:
        bad("worker", "loglevel", "must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
    d = cfg.detector
    for t, th in d.thresholds.items():
        if t not in ENTITY_TYPES:
            bad("detector", "thresholds", f"unknown entity type {t!r}{_suggest(t, ENTITY_TYPES)}")
        if not isinstance(th, dict) or set(th) - {"lo", "hi"} or not th:
            bad("detector", "thresholds", f"{t}: expected a table with lo and/or hi")
        if any(not isinstance(v, (int, float)) or not 0 <= v <= 1 for v in th.values()):
            bad("detector", "thresholds", f"{t}: lo and hi must be numbers in [0, 1]")
        if "lo" in th and "hi" in th and th["lo"] > th["hi"]:
            bad("detector", "thresholds", f"{t}: lo must be <= hi")
    if cfg.verifier.deadline <= 0:
        bad("verifier", "deadline", "must be > 0 seconds")
    v = cfg.verifier
    if v.backend == "causal-lm":
        if not v.model or not os.path.isdir(v.model):
            bad("verifier", "model", "backend causal-lm needs a local Hugging Face model directory")
    elif v.model and not os.path.isfile(v.model):
        bad("verifier", "model", "no such file")
    elif v.bits:
        bad("verifier", "bits", "only for backend causal-lm (the shipped verifier is int8 already)")
    for name in ("keep_disputed", "rules_decided"):
        for t in getattr(v, name):
            if t not in ENTITY_TYPES:
                bad("verifier", name, f"unknown entity type {t!r}{_suggest(t, ENTITY_TYPES)}")
    r = cfg.redaction
    for t, op in r.operators.items():
        if t not in ENTITY_TYPES:
            bad("redaction", "operators", f"unknown entity type {t!r}{_suggest(t, ENTITY_TYPES)}")
        if op not in OPERATORS:
            bad("redaction", "operators", f"{t}: operator {op!r} is not one of {', '.join(OPERATORS)}")
    if r.hmac_key_file and not os.path.isfile(r.hmac_key_file):
        bad("redaction", "hmac_key_file", "no such file")
    if not r.hmac_key_id or not all(c.isalnum() or c in "-_." for c in r.hmac_key_id):
        bad("redaction", "hmac_key_id", "must be a non-empty word (letters, digits, - _ .)")
    uses_keyed = r.default_operator == "keyed" or "keyed" in r.operators.values()
    if uses_keyed and not (r.hmac_key or r.hmac_key_file):
        bad("redaction", "hmac_key_file", "the 'keyed' operator needs an HMAC key "
                                          "(hmac_key_file, or PIISTREAM_REDACTION_HMAC_KEY)")
    cfg.hmac_key()  # readable and long enough
    rp = cfg.replay
    if rp.checkpoint_every <= 0:
        bad("replay", "checkpoint_every", "must be > 0 seconds")


def load_config(path: str | None = None, env: dict | None = None,
                overrides: dict | None = None) -> Config:
    """The effective configuration. ``overrides``: {"section.key": value} from the command line
    (None values are ignored)."""
    env = os.environ if env is None else env
    cfg = Config()
    path = path or env.get("PIISTREAM_CONFIG") or None

    def put(sec: str, key: str, value: Any, origin: str):
        target = getattr(cfg, sec)
        setattr(target, key, _coerce(sec, key, value, getattr(target, key), origin))
        cfg.sources[f"{sec}.{key}"] = origin

    if path:
        try:
            with open(path, "rb") as f:
                data = tomllib.load(f)
        except OSError as e:
            raise ConfigError(f"config file {path}: {e.strerror}") from None
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(f"config file {path}: invalid TOML: {e}") from None
        for sec, table in data.items():
            if sec not in SECTIONS:
                raise ConfigError(f"{path}: unknown section [{sec}]{_suggest(sec, SECTIONS)}; "
                                  f"sections: {', '.join(SECTIONS)}")
            if not isinstance(table, dict):
                raise ConfigError(f"{path}: {sec} must be a table ([{sec}])")
            known = _section_fields(sec)
            for key, value in table.items():
                if key not in known:
                    raise ConfigError(f"{path}: unknown key {sec}.{key}{_suggest(key, known)}")
                put(sec, key, value, path)
    # environment: PIISTREAM_<SECTION>_<KEY>, then the older aliases where the new name is unset
    for name, value in env.items():
        if not name.startswith("PIISTREAM_") or name in NOT_KEYS or name in ALIASES:
            continue
        rest = name[len("PIISTREAM_"):].lower()
        sec = next((s for s in SECTIONS if rest.startswith(s + "_")), None)
        if sec is None:
            continue
        key = rest[len(sec) + 1:]
        known = _section_fields(sec)
        if key not in known:
            raise ConfigError(f"environment variable {name}: unknown key {sec}.{key}"
                              f"{_suggest(key, known)}")
        put(sec, key, value, name)
    for name, (sec, key) in ALIASES.items():
        if name in env and not cfg.sources.get(f"{sec}.{key}", "").startswith("PIISTREAM_"):
            put(sec, key, env[name], name)
    for dotted, value in (overrides or {}).items():
        if value is None:
            continue
        sec, key = dotted.split(".", 1)
        put(sec, key, value, "command line")
    _check(cfg)
    return cfg


def json_schema() -> dict:
    """A JSON Schema (draft 2020-12) of the config file, derived from the sections' dataclasses,
    ``CHOICES`` and ``BOUNDS``: every section and key, its type and allowed values. Tools check
    config files against it (tests/test_deploy.py does, for the deployment's files); checks
    across keys (files that must exist, lo <= hi, ...) are ``load_config``'s alone."""
    def prop(sec: str, f) -> dict:
        default = getattr(Config(), sec).__getattribute__(f.name)
        if (sec, f.name) in CHOICES:
            return {"enum": list(CHOICES[(sec, f.name)])}
        if isinstance(default, bool):
            p: dict = {"type": "boolean"}
        elif isinstance(default, int):
            p = {"type": "integer"}
        elif isinstance(default, float):
            p = {"type": "number"}
        elif isinstance(default, list):
            p = {"type": "array", "items": {"type": "string"}}
        elif isinstance(default, dict):
            p = {"type": "object"}
        else:
            p = {"type": "string"}
        lo, hi = BOUNDS.get((sec, f.name), (None, None))
        if lo is not None:
            p["minimum"] = lo
        if hi is not None:
            p["maximum"] = hi
        return p

    props = {sec: {"type": "object", "additionalProperties": False,
                   "properties": {f.name: prop(sec, f) for f in fields(getattr(Config(), sec))}}
             for sec in SECTIONS}
    props["worker"]["properties"]["families"]["items"] = {"enum": list(FAMILIES)}
    props["worker"]["properties"]["loglevel"] = {"enum": [*LOGLEVELS, *(x.lower() for x in LOGLEVELS)]}
    for key in ("max_wait",):
        props["worker"]["properties"][key]["exclusiveMinimum"] = 0
    props["verifier"]["properties"]["deadline"]["exclusiveMinimum"] = 0
    props["replay"]["properties"]["checkpoint_every"]["exclusiveMinimum"] = 0
    for table, values in (("operators", {"enum": list(OPERATORS)}),
                          ("thresholds", {"type": "object"})):
        sec = "redaction" if table == "operators" else "detector"
        props[sec]["properties"][table].update(
            propertyNames={"enum": list(ENTITY_TYPES)}, additionalProperties=values)
    for name in ("keep_disputed", "rules_decided"):
        props["verifier"]["properties"][name]["items"] = {"enum": list(ENTITY_TYPES)}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
            "additionalProperties": False, "properties": props}


def env_names() -> set[str]:
    """Every environment variable the configuration reads (keys, older names, the file)."""
    return ({"PIISTREAM_CONFIG"} | set(ALIASES) |
            {f"PIISTREAM_{sec.upper()}_{f.name.upper()}" for sec in SECTIONS
             for f in fields(getattr(Config(), sec))})


def render_toml(cfg: Config, hide_secrets: bool = True, sources: bool = True) -> str:
    """The effective config as TOML, secrets masked, each value's source as a comment."""
    lines = []
    for sec, table in cfg.as_dict(hide_secrets).items():
        lines.append(f"[{sec}]")
        for key, value in table.items():
            src = cfg.sources.get(f"{sec}.{key}", "default")
            if isinstance(value, dict):
                v = "{ " + ", ".join(f"{k} = {_toml_value(x)}" for k, x in value.items()) + " }" if value else "{}"
            else:
                v = _toml_value(value)
            lines.append(f"{key} = {v}" + (f"  # {src}" if sources else ""))
        lines.append("")
    return "\n".join(lines)


def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(x)}" for k, x in v.items()) + " }"
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    return json.dumps(v)


# -- the development machine (not configuration: where the embedded broker's tools live) --------
def cache_dir() -> Path:
    """Where development tools cache downloads: ``$PIISTREAM_CACHE``, else
    ``~/.cache/piistream``."""
    root = os.environ.get("PIISTREAM_CACHE")
    return Path(root).expanduser() if root else Path.home() / ".cache" / "piistream"


def java_home() -> str | None:
    """``$JAVA_HOME`` (the embedded broker's JVM), or None."""
    return os.environ.get("JAVA_HOME") or None


def child_env(**settings: str) -> dict:
    """The environment for a piistream child process (a worker started by the demo or a
    benchmark): this one's plus ``PIISTREAM_<SECTION>_<KEY>`` settings, e.g.
    ``child_env(redaction_hmac_key="...")``; an older short name for the same key is dropped so
    the new value is the one in force."""
    env = dict(os.environ)
    for key, value in settings.items():
        for alias, (sec, k) in ALIASES.items():
            if f"{sec}_{k}" == key:
                env.pop(alias, None)
        env["PIISTREAM_" + key.upper()] = value
    return env


def clean_env(**extra: str) -> dict:
    """This environment without any ``PIISTREAM_*`` setting, plus ``extra`` (for a tool that runs
    piistream from a known state, e.g. the mutation check's test runs)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIISTREAM_")}
    env.update(extra)
    return env
