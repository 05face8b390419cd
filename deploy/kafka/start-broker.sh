#!/usr/bin/env bash
# Run a local Apache Kafka broker (KRaft) for the piistream demo; prints
# BOOTSTRAP=127.0.0.1:PORT and runs until Ctrl-C / SIGTERM.
# Options: --nodes N, --heap-mb MB, --log-dir DIR, --timeout S (see piistream/dev/broker.py).
# Needs Java 17+ and, for the first run, Maven with access to Maven Central.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [[ -x "$repo/.venv/bin/python" ]]; then
    py="$repo/.venv/bin/python"
else
    py="python3"
fi
export PYTHONPATH="$repo${PYTHONPATH:+:$PYTHONPATH}"
exec "$py" -m piistream.dev.broker "$@"
