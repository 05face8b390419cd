# piistream: `make demo` runs the main job, `make test` runs the test suite.
# Both create the virtualenv and install everything they need on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test test-fast bench bench-quick bench-scan bench-stream bench-replay eval gpu-check clean

$(STAMP): pyproject.toml
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "piistream needs Python >= 3.11 (set PY=python3.11)")'
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/piistream demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow and not kafka"

bench-scan: $(STAMP)
	$(BIN)/piistream bench scan

bench-stream: $(STAMP)
	$(BIN)/piistream bench stream

bench-replay: $(STAMP)
	$(BIN)/piistream bench replay

# every benchmark: bench-out/REPORT.md (tables) and bench-out/bench.png (plot)
bench: $(STAMP)
	$(BIN)/piistream bench all --out bench-out

bench-quick: $(STAMP)
	$(BIN)/piistream bench all --quick --out bench-out

# every detection yardstick side by side (generated test families, golden set, real logs, peer
# suites in ../shared) for scan --scorer rules, default and --verifier
eval: $(STAMP)
	$(BIN)/piistream eval --suite all

# the GPU path against the CPU (charCNN, verifier, scan), minutes; on a machine without a GPU the
# GPU rows say why they are missing
gpu-check: $(STAMP)
	$(BIN)/python -m piistream.dev.gpu_check

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
