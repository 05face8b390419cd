"""The shape of the house: layers, imports, settings, names, the pinned Faust stack.

- ``piistream/`` is layered; a module imports only from its own package or a lower layer, and
  the import graph (every import, module level or inside a function) has no cycle.
- ``piistream scan``, in every mode, and ``import piistream.models`` load none of the heavy or
  streaming packages.
- Only ``config.py`` reads the environment.
- Scorer, backend, verifier backend and device names come from one registry
  (``models/names.py``) that argparse, the config and the README agree with.
- The private Faust/aiokafka members piistream uses exist in the installed, pinned versions.
"""
from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "piistream"

# lower number = lower layer; a module may import from its own package or from lower layers
LAYERS = {
    "piistream": 0,                                   # the root __init__: __version__ only
    "piistream.models": 1, "piistream.topics": 1,     # the detection core; topics as code
    "piistream.config": 2, "piistream.io": 2,         # configuration; line input
    "piistream.procs": 2,                             # child processes die with their parent
    "piistream.cascade": 3,                           # the cascade built from the config
    "piistream.stream": 4, "piistream.train": 4,      # Faust + replay; training and evaluation
    "piistream.scanpool": 4,                          # scan --processes: the cascade in N processes
    "piistream.dev": 5,                               # broker, demo, benchmarks, report
    "piistream.cli": 6,                               # the command line
    "piistream.__main__": 7,                          # python -m piistream
}
HEAVY = ("faust", "mode", "aiokafka", "confluent_kafka", "torch", "faker", "transformers")


def _modname(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports() -> dict[str, set[str]]:
    """module -> the piistream modules it imports (at any depth of the file)."""
    out: dict[str, set[str]] = {}
    for path in sorted(PKG.rglob("*.py")):
        mod = _modname(path)
        is_pkg = path.name == "__init__.py"
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = mod.split(".") if is_pkg else mod.split(".")[:-1]
                    base = base[:len(base) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if target.split(".")[0] != "piistream":
                    continue
                # `from . import x` / `from .pkg import mod`: the imported names may be modules
                for a in node.names:
                    sub = f"{target}.{a.name}"
                    deps.add(sub if _exists(sub) else target)
            elif isinstance(node, ast.Import):
                deps.update(a.name for a in node.names if a.name.split(".")[0] == "piistream")
        deps.discard(mod)
        out[mod] = deps
    return out


def _exists(mod: str) -> bool:
    p = ROOT.joinpath(*mod.split("."))
    return p.with_suffix(".py").exists() or (p / "__init__.py").exists()


def _layer(mod: str) -> tuple[str, int]:
    best = max((k for k in LAYERS if mod == k or mod.startswith(k + ".")), key=len)
    return best, LAYERS[best]


def test_every_module_has_a_layer():
    for mod in _imports():
        assert any(mod == k or mod.startswith(k + ".") for k in LAYERS), mod


def test_imports_only_go_down_the_layers():
    wrong = []
    for mod, deps in _imports().items():
        pkg, layer = _layer(mod)
        for dep in deps:
            dpkg, dlayer = _layer(dep)
            if dpkg != pkg and dlayer >= layer:
                wrong.append(f"{mod} (layer {layer}) imports {dep} (layer {dlayer})")
    assert not wrong, "\n".join(sorted(wrong))


def test_the_import_graph_has_no_cycle():
    graph = _imports()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for d in sorted(graph.get(m, ())):
            if d not in graph:
                continue
            if state.get(d) == 1:
                return stack[stack.index(d):] + [d]
            if d not in state:
                cycle = visit(d)
                if cycle:
                    return cycle
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state:
            cycle = visit(m)
            assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_layer_checks_can_fail(tmp_path, monkeypatch):
    """The checks above see an upward import and a cycle when there is one."""
    fake = dict(_imports())
    fake["piistream.models.detector"] = fake["piistream.models.detector"] | {"piistream.stream.app"}
    pkg, layer = _layer("piistream.models.detector")
    assert any(_layer(d)[1] >= layer and _layer(d)[0] != pkg for d in fake["piistream.models.detector"])
    assert _layer("piistream.train.data.generator") == ("piistream.train", 4)


def _loaded_after(code: str, stdin: bytes = b"") -> set[str]:
    prog = (f"import sys\n{code}\n"
            f"print('\\n'.join(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})), "
            f"file=sys.stderr)\n")
    p = subprocess.run([sys.executable, "-c", prog], input=stdin, capture_output=True, cwd=ROOT,
                       timeout=300)
    assert p.returncode in (0, 1), p.stderr.decode()[-2000:]
    return {x for x in p.stderr.decode().splitlines() if x and " " not in x}


def test_the_detection_core_loads_no_heavy_package():
    assert _loaded_after("import piistream.models, piistream.models.records, "
                         "piistream.models.cnn_runtime, piistream.models.verifier, "
                         "piistream.models.detector, piistream.cascade") == set()


@pytest.mark.parametrize("mode", [[], ["--scorer", "rules"], ["--verifier"]],
                         ids=["default", "rules", "verifier"])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_scan_loads_no_heavy_package(mode, fmt):
    line = (b'{"ssn": "536-22-1234", "email": "ann@example.org"}' if fmt == "json"
            else b"ssn 536-22-1234 mail ann@example.org")
    code = (f"from piistream.cli import main\n"
            f"rc = main(['scan', '-q', '--input-format', {fmt!r}, *{mode!r}, '-'])")
    assert _loaded_after(code, line + b"\n") == set()


def test_the_heavy_package_check_can_fail():
    assert "faker" in _loaded_after("import piistream.train.data")


def test_only_config_reads_the_environment():
    found = []
    for path in sorted(PKG.rglob("*.py")):
        for i, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"os\.environ|os\.getenv|\bgetenv\(", line):
                found.append(f"{path.relative_to(ROOT)}:{i}")
    assert found and all(f.startswith("piistream/config.py:") for f in found), found


def test_one_registry_of_names():
    from piistream.cli import parser
    from piistream.config import CHOICES, load_config
    from piistream.models.names import BACKENDS, DEVICES, SCORERS, VERIFIER_BACKENDS

    def choices(*argv: str) -> dict:
        sub = parser()
        for a in argv:
            sub = next(x for x in sub._actions if hasattr(x, "choices") and isinstance(
                x.choices, dict)).choices[a]
        return {a.dest: tuple(a.choices) for a in sub._actions if a.choices and
                not isinstance(a.choices, dict)}

    for cmd in (("scan",), ("worker",), ("replay",)):
        c = choices(*cmd)
        assert c["scorer"] == SCORERS and c["backend"] == BACKENDS, cmd
    assert CHOICES[("detector", "scorer")] == SCORERS and CHOICES[("detector", "backend")] == BACKENDS
    assert CHOICES[("verifier", "backend")] == VERIFIER_BACKENDS
    assert CHOICES[("verifier", "device")] == DEVICES
    for b in BACKENDS:  # every backend argparse offers, the config accepts
        assert load_config(None, env={"PIISTREAM_DETECTOR_BACKEND": b}).detector.backend == b
    readme = (ROOT / "README.md").read_text()
    for name in (*SCORERS, *BACKENDS, *VERIFIER_BACKENDS):
        assert f"`{name}`" in readme or f"{name}," in readme or f"{name})" in readme, name


def test_the_faust_stack_is_the_pinned_one():
    from piistream.stream import faust_private

    pins = {}
    for dep in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]:
        m = re.match(r"([A-Za-z0-9_.-]+)==([\w.]+)$", dep.strip())
        if m:
            pins[m.group(1)] = m.group(2)
    assert {k: pins.get(k) for k in faust_private.PINNED} == faust_private.PINNED
    assert faust_private.stack_problems() == []


def test_a_changed_faust_stack_stops_the_worker(monkeypatch):
    from faust.transport.drivers.aiokafka import Producer

    from piistream.stream import faust_private

    monkeypatch.setitem(faust_private.PINNED, "aiokafka", "0.0.1")
    monkeypatch.delattr(Producer, "_ensure_producer")
    problems = faust_private.stack_problems()
    assert problems == ["aiokafka is 0.14.0, piistream is written against 0.0.1",
                        "faust.transport.drivers.aiokafka.Producer._ensure_producer is gone"]
    with pytest.raises(RuntimeError, match="not the one piistream is pinned to"):
        faust_private.check_stack()


def test_outputs_carry_their_kind():
    """Edges name destinations; an output's kind, not its topic, says what it is."""
    from piistream.stream.pipeline import KINDS, Edges

    e = Edges.default("t1.")
    assert e.inputs == {"t1.logs.raw": ("text", "t1.logs.redacted"),
                        "t1.docs.raw": ("json", "t1.docs.redacted")}
    assert (e.alerts, e.dlq, e.verify) == ("t1.pii.alerts", "t1.pii.dlq", "t1.pii.verify")
    assert KINDS == ("redacted", "alert", "verify", "dlq")
    assert json.dumps(sorted(KINDS))


def test_no_module_binds_a_top_level_name_twice():
    """A module-level pattern defined twice silently replaces the first for every use above the
    second (a short-password check's ``_HEX`` once changed a session id's prior, a struct rule's
    ``_TYPE_NAME`` a form binder's guard): each top-level name of ``piistream`` is bound once
    (``+=`` extends a name and is not counted)."""
    import collections
    root = Path(__file__).resolve().parent.parent / "piistream"
    twice = {}
    for path in sorted(root.rglob("*.py")):
        names: collections.Counter = collections.Counter()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign):
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names[node.target.id] += 1
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names[node.name] += 1
        found = sorted(n for n, k in names.items() if k > 1)
        if found:
            twice[str(path.relative_to(root))] = found
    assert not twice, twice
