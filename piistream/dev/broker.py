"""A real Apache Kafka broker (KRaft mode) for the demo and the test suite.

The broker runs from Kafka's jars on Maven Central (the Apache download site is not
needed): :func:`ensure_jars` fetches them once with Maven into a cache directory, and
:class:`EmbeddedKafka` formats a fresh storage directory and runs ``kafka.Kafka`` as a
child JVM, in combined broker+controller mode, listening on free ports on 127.0.0.1.

    with EmbeddedKafka() as kafka:
        producer = Producer({"bootstrap.servers": kafka.bootstrap})

Command line (prints ``BOOTSTRAP=127.0.0.1:PORT`` and runs until SIGINT/SIGTERM)::

    python -m piistream.dev.broker [--nodes 3] [--heap-mb 512]

Requirements: Java 17+ (``java`` on PATH or ``$JAVA_HOME``), and Maven (``mvn``) with access
to Maven Central for the first run. Standard library only; ``confluent_kafka`` is used for
the readiness check when it is importable.
"""

from __future__ import annotations

import argparse
import atexit
import fcntl
import hashlib
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from ..config import cache_dir, java_home

log = logging.getLogger(__name__)

KAFKA_VERSION = "4.1.1"
LOG4J_VERSION = "2.24.3"  # 2.24.x goes with Kafka 4.0/4.1, 2.25.x with 4.2

# deploy/kafka/pom.xml holds the same text (tests/test_broker.py checks that they match).
# kafka_2.13 brings all server modules at runtime scope; log4j is not a published
# dependency of it, so log4j-core and the SLF4J *1.x* binding are added explicitly
# (without a binding the broker runs but logs nothing, and readiness can't be detected).
# Maven 3.8 defaults to maven-dependency-plugin 2.8, hence the pin.
POM = f"""\
<?xml version="1.0" encoding="UTF-8"?>
<!-- Jars for a local Apache Kafka broker (KRaft). Keep in sync with POM in
     piistream/dev/broker.py (tests/test_broker.py checks that they are identical).
     Fetch by hand:
       mvn -q -f deploy/kafka/pom.xml dependency:copy-dependencies -DoutputDirectory=/some/dir/lib
-->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>kafka-runner</artifactId><version>1</version>
  <packaging>pom</packaging>
  <properties>
    <kafka.version>{KAFKA_VERSION}</kafka.version>
    <log4j.version>{LOG4J_VERSION}</log4j.version>
  </properties>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>${{kafka.version}}</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>${{log4j.version}}</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>${{log4j.version}}</version></dependency>
  </dependencies>
  <build><pluginManagement><plugins><plugin>
    <groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>3.6.1</version>
  </plugin></plugins></pluginManagement></build>
</project>
"""

STARTED_MARKER = "Kafka Server started"
_MARKER_FILE = ".complete"

# Everything to stderr (which goes to the broker log file) at WARN, plus KafkaRaftServer at
# INFO for the "Kafka Server started" line that start() waits for.
LOG4J2_PROPERTIES = """\
appender.e.type=Console
appender.e.name=E
appender.e.target=SYSTEM_ERR
appender.e.layout.type=PatternLayout
appender.e.layout.pattern=[%d] %p %m (%c)%n
rootLogger.level=WARN
rootLogger.appenderRef.e.ref=E
logger.s.name=kafka.server.KafkaRaftServer
logger.s.level=INFO
"""


# --------------------------------------------------------------------------- jars


def default_cache_dir() -> Path:
    """``$PIISTREAM_CACHE/kafka-<version>``, else ``~/.cache/piistream/kafka-<version>``."""
    return cache_dir() / f"kafka-{KAFKA_VERSION}"


def _pom_digest() -> str:
    return hashlib.sha256(POM.encode()).hexdigest()


def _lib_complete(lib: Path) -> bool:
    """True if ``lib`` was filled by a successful fetch of the current POM."""
    try:
        lines = (lib / _MARKER_FILE).read_text().splitlines()
    except OSError:
        return False
    if not lines or lines[0] != _pom_digest():
        return False
    return all((lib / name).is_file() for name in lines[1:])


def ensure_jars(cache_dir: str | os.PathLike | None = None) -> Path:
    """Make sure the broker's jars are in ``<cache_dir>/lib`` and return that directory.

    Runs Maven only when the lib dir is not complete for the current POM (a marker file,
    written after a successful fetch, records the POM's hash and the jar names), so a second
    call costs a few file stats. Concurrent callers are serialised with a file lock; the jars
    are fetched into a scratch dir and renamed into place, so a failed or interrupted fetch
    never leaves a half-filled lib dir behind.
    """
    cache = Path(cache_dir).expanduser() if cache_dir else default_cache_dir()
    lib = cache / "lib"
    if _lib_complete(lib):
        return lib

    cache.mkdir(parents=True, exist_ok=True)
    with open(cache / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _lib_complete(lib):  # another process fetched while we waited
            return lib
        mvn = shutil.which("mvn")
        if mvn is None:
            raise RuntimeError(
                "Maven ('mvn') is not on PATH; it is needed once to fetch the Kafka jars "
                f"into {lib} (see deploy/kafka/pom.xml)"
            )
        pom = cache / "pom.xml"
        pom.write_text(POM)
        partial = cache / "lib.partial"
        shutil.rmtree(partial, ignore_errors=True)
        cmd = [mvn, "-q", "-B", "-f", str(pom), "dependency:copy-dependencies",
               f"-DoutputDirectory={partial}"]
        log.info("fetching Kafka %s jars: %s", KAFKA_VERSION, " ".join(cmd))
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, text=True)
        jars = sorted(p.name for p in partial.glob("*.jar")) if partial.is_dir() else []
        if proc.returncode != 0 or not any(j.startswith("kafka_2.13-") for j in jars):
            shutil.rmtree(partial, ignore_errors=True)
            raise RuntimeError(
                f"fetching the Kafka jars failed (exit {proc.returncode}): {' '.join(cmd)}\n"
                + _tail_text(proc.stdout or "")
            )
        (partial / _MARKER_FILE).write_text("\n".join([_pom_digest(), *jars]) + "\n")
        shutil.rmtree(lib, ignore_errors=True)
        os.replace(partial, lib)
        return lib


# --------------------------------------------------------------------------- broker


def _java() -> str:
    home = java_home()
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("Java 17+ is needed to run the Kafka broker: 'java' is not on PATH")
    return java


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tail_text(text: str, lines: int = 60) -> str:
    return "\n".join(text.splitlines()[-lines:])


def _tail_file(path: Path, lines: int = 60, max_bytes: int = 64 * 1024) -> str:
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            f.seek(max(0, size - max_bytes))
            data = f.read()
    except OSError as e:
        return f"(no broker log: {e})"
    return _tail_text(data.decode("utf-8", "replace"), lines)


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


# Runs beside the broker JVMs and kills their process groups if this Python process dies
# without stopping them (SIGKILL, segfault, an unhandled SIGTERM: cases atexit can't cover).
# It waits on a pipe that only this process holds: EOF without a "disarm" byte means the
# parent is gone. It then also removes the temp working dir (argv[1], "" for none).
_WATCHDOG = r"""
import os, shutil, signal, sys, time
if sys.stdin.buffer.read():
    sys.exit(0)
workdir, pgids = sys.argv[1], [int(a) for a in sys.argv[2:]]
def alive():
    left = []
    for pg in pgids:
        try:
            os.killpg(pg, 0)
            left.append(pg)
        except ProcessLookupError:
            pass
    return left
for sig in (signal.SIGTERM, signal.SIGKILL):
    for pg in alive():
        try:
            os.killpg(pg, sig)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 15
    while alive() and time.monotonic() < deadline:
        time.sleep(0.2)
if workdir:
    shutil.rmtree(workdir, ignore_errors=True)
"""

_running: set["EmbeddedKafka"] = set()
_running_lock = threading.Lock()


@atexit.register
def _stop_all_at_exit() -> None:
    with _running_lock:
        brokers = list(_running)
    for kafka in brokers:
        try:
            kafka.stop(grace=10)
        except Exception:  # noqa: BLE001 - best effort at interpreter exit
            pass


class _Node:
    def __init__(self, node_id: int, workdir: Path, port: int, cport: int, sport: int | None = None):
        self.node_id = node_id
        self.dir = workdir / f"node-{node_id}"
        self.port = port
        self.cport = cport
        self.sport = sport  # SASL_PLAINTEXT listener (PLAIN), when the cluster has SASL users
        self.proc: subprocess.Popen | None = None
        self.log_offset = 0  # where the current run's output starts in broker.log

    @property
    def props_path(self) -> Path:
        return self.dir / "server.properties"

    @property
    def data_dir(self) -> Path:
        return self.dir / "data"

    @property
    def log_path(self) -> Path:
        return self.dir / "broker.log"

    def new_output(self) -> str:
        try:
            with open(self.log_path, "rb") as f:
                f.seek(self.log_offset)
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""


class EmbeddedKafka:
    """A KRaft Kafka cluster of ``nodes`` combined broker+controller JVMs on 127.0.0.1.

    ``log_dir``: parent directory for the broker's working directory (configs, data and
    ``node-N/broker.log``). By default a temp dir is used and removed by :meth:`stop`; when
    ``log_dir`` is given, the working directory is created inside it and kept after stop,
    e.g. so CI can keep the broker logs.

    ``sasl_users``: {user: password}; adds a SASL_PLAINTEXT listener (mechanism PLAIN) with
    these users, at :attr:`sasl_bootstrap`, for testing clients' security settings.
    """

    def __init__(self, nodes: int = 1, heap_mb: int = 512, log_dir: str | os.PathLike | None = None,
                 cache_dir: str | os.PathLike | None = None, sasl_users: dict | None = None):
        self.sasl_users = dict(sasl_users or {})
        if nodes < 1:
            raise ValueError("nodes must be >= 1")
        self.nodes = nodes
        self.heap_mb = heap_mb
        self.log_dir = Path(log_dir) if log_dir is not None else None
        self.cache_dir = cache_dir
        self.workdir: Path | None = None
        self.cluster_id: str | None = None
        self._nodes: list[_Node] = []
        self._lib: Path | None = None
        self._watchdog: subprocess.Popen | None = None

    # ----------------------------------------------------------------- public API

    @property
    def bootstrap(self) -> str:
        """``"127.0.0.1:PORT"`` (comma separated for several nodes)."""
        if not self._nodes:
            raise RuntimeError("broker not started")
        return ",".join(f"127.0.0.1:{n.port}" for n in self._nodes)

    @property
    def sasl_bootstrap(self) -> str:
        """The SASL_PLAINTEXT (PLAIN) listeners, when started with ``sasl_users``."""
        if not self._nodes or self._nodes[0].sport is None:
            raise RuntimeError("broker not started with sasl_users")
        return ",".join(f"127.0.0.1:{n.sport}" for n in self._nodes)

    @property
    def port(self) -> int:
        if not self._nodes:
            raise RuntimeError("broker not started")
        return self._nodes[0].port

    @property
    def log_path(self) -> Path | None:
        """Node 1's log file (broker stdout + stderr)."""
        return self._nodes[0].log_path if self._nodes else None

    @property
    def log_paths(self) -> list[Path]:
        return [n.log_path for n in self._nodes]

    @property
    def pids(self) -> list[int]:
        return [n.proc.pid for n in self._nodes if n.proc is not None]

    @property
    def running(self) -> bool:
        return bool(self._nodes) and all(n.proc is not None and n.proc.poll() is None
                                         for n in self._nodes)

    def start(self, timeout: float = 90) -> "EmbeddedKafka":
        """Format fresh storage, start the JVM(s) and wait until the cluster serves clients.

        Raises RuntimeError (with the tail of the broker log) on timeout or early exit.
        """
        if self.running:
            raise RuntimeError("broker already running")
        if self._nodes:  # stopped with keep_data=True earlier: start from scratch
            self.stop(grace=5)
        deadline = time.monotonic() + timeout
        self._lib = ensure_jars(self.cache_dir)
        for attempt in range(3):
            try:
                self._prepare_fresh()
                self._launch_and_wait(deadline)
                return self
            except RuntimeError as e:
                # A free port taken by someone else between probing and binding: retry.
                port_race = "Address already in use" in str(e)
                self.stop(grace=5)
                if not port_race or attempt == 2 or time.monotonic() >= deadline:
                    raise
                log.warning("port clash while starting Kafka, retrying with new ports")
        raise AssertionError("unreachable")

    def stop(self, grace: float = 15, keep_data: bool = False) -> None:
        """SIGTERM the broker(s), SIGKILL after ``grace`` seconds; remove the temp dir.

        With ``keep_data=True`` the working directory (and the ports) are kept so that
        :meth:`restart` can bring the same cluster back.
        """
        nodes = [n for n in self._nodes if n.proc is not None]
        self._disarm_watchdog()  # we are stopping the JVMs ourselves
        # Signal all nodes together: a node may stall in controlled shutdown once the
        # controller quorum is gone.
        for n in nodes:
            if n.proc.poll() is None:
                try:
                    os.killpg(n.proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + grace
        for n in nodes:
            try:
                n.proc.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning("Kafka node %d did not stop within %.0fs, killing it", n.node_id, grace)
                try:
                    os.killpg(n.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                n.proc.wait()
            log.debug("Kafka node %d exited with code %s", n.node_id, n.proc.returncode)
            n.proc = None
        with _running_lock:
            _running.discard(self)
        if not keep_data:
            if self.workdir is not None and self.log_dir is None:
                shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None
            self._nodes = []
            self.cluster_id = None

    def restart(self, timeout: float = 90, grace: float = 15) -> "EmbeddedKafka":
        """Stop the JVM(s) keeping the data, then start again on the same ports."""
        if not self._nodes:
            raise RuntimeError("broker not started")
        self.stop(grace=grace, keep_data=True)
        try:
            self._launch_and_wait(time.monotonic() + timeout)
        except RuntimeError:
            self.stop(grace=5)
            raise
        return self

    def __enter__(self) -> "EmbeddedKafka":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = self.bootstrap if self._nodes else "not started"
        return f"EmbeddedKafka(nodes={self.nodes}, {state})"

    # ----------------------------------------------------------------- internals

    def _prepare_fresh(self) -> None:
        if self.log_dir is not None:
            self.log_dir.mkdir(parents=True, exist_ok=True)
        self.workdir = Path(tempfile.mkdtemp(prefix="piistream-kafka-",
                                             dir=str(self.log_dir) if self.log_dir else None))
        per_node = 3 if self.sasl_users else 2
        ports: set[int] = set()
        while len(ports) < per_node * self.nodes:
            ports.add(_free_port())
        it = iter(sorted(ports))
        self._nodes = [_Node(i, self.workdir, next(it), next(it),
                             next(it) if self.sasl_users else None) for i in range(1, self.nodes + 1)]
        (self.workdir / "log4j2.properties").write_text(LOG4J2_PROPERTIES)
        for n in self._nodes:
            n.dir.mkdir()
            n.props_path.write_text(self._server_properties(n))
        self.cluster_id = self._storage_tool("random-uuid").strip().splitlines()[-1].strip()
        for n in self._nodes:
            self._storage_tool("format", "-t", self.cluster_id, "-c", str(n.props_path))

    def _server_properties(self, n: _Node) -> str:
        voters = ",".join(f"{m.node_id}@127.0.0.1:{m.cport}" for m in self._nodes)
        rf = min(3, self.nodes)
        props = {
            # raw-PII topics must only exist as `piistream topics apply` defines them
            "auto.create.topics.enable": "false",
            "process.roles": "broker,controller",
            "node.id": n.node_id,
            "controller.quorum.voters": voters,
            "listeners": f"PLAINTEXT://127.0.0.1:{n.port},CONTROLLER://127.0.0.1:{n.cport}",
            "advertised.listeners": f"PLAINTEXT://127.0.0.1:{n.port},CONTROLLER://127.0.0.1:{n.cport}",
            "inter.broker.listener.name": "PLAINTEXT",
            "controller.listener.names": "CONTROLLER",
            "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            "log.dirs": n.data_dir,
            "num.partitions": 4,
            "default.replication.factor": rf,
            "offsets.topic.replication.factor": rf,
            "transaction.state.log.replication.factor": rf,
            "transaction.state.log.min.isr": 1,
            "share.coordinator.state.topic.replication.factor": rf,
            "share.coordinator.state.topic.min.isr": 1,
            "group.initial.rebalance.delay.ms": 0,
            "log.cleaner.dedupe.buffer.size": 33554432,
        }
        if n.sport is not None:
            users = " ".join(f'user_{u}="{pw}"' for u, pw in self.sasl_users.items())
            props["listeners"] += f",SASL_PLAINTEXT://127.0.0.1:{n.sport}"
            props["advertised.listeners"] += f",SASL_PLAINTEXT://127.0.0.1:{n.sport}"
            props["listener.security.protocol.map"] += ",SASL_PLAINTEXT:SASL_PLAINTEXT"
            props["sasl.enabled.mechanisms"] = "PLAIN"
            props["listener.name.sasl_plaintext.plain.sasl.jaas.config"] = (
                f"org.apache.kafka.common.security.plain.PlainLoginModule required {users};")
        return "".join(f"{k}={v}\n" for k, v in props.items())

    def _jvm_base(self, heap: list[str]) -> list[str]:
        assert self.workdir is not None and self._lib is not None
        return [
            _java(), *heap,
            "-XX:+ExitOnOutOfMemoryError",
            "-Djava.awt.headless=true",
            f"-Dlog4j2.configurationFile={self.workdir / 'log4j2.properties'}",
            "-cp", f"{self._lib}/*",
        ]

    def _storage_tool(self, *args: str) -> str:
        cmd = [*self._jvm_base(["-Xmx256m"]), "kafka.tools.StorageTool", *args]
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, text=True, timeout=120)
        if proc.returncode != 0:
            raise RuntimeError(f"kafka StorageTool {args[0]} failed (exit {proc.returncode}):\n"
                               + _tail_text(proc.stdout + proc.stderr))
        return proc.stdout

    def _launch_and_wait(self, deadline: float) -> None:
        heap = [f"-Xms{min(self.heap_mb, 128)}m", f"-Xmx{self.heap_mb}m"]
        for n in self._nodes:
            with open(n.log_path, "ab") as logf:
                n.log_offset = logf.tell()
                n.proc = subprocess.Popen(
                    [*self._jvm_base(heap), "kafka.Kafka", str(n.props_path)],
                    stdin=subprocess.DEVNULL, stdout=logf, stderr=subprocess.STDOUT,
                    cwd=str(n.dir), start_new_session=True,
                )
        self._watchdog = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", _WATCHDOG,
             "" if self.log_dir is not None else str(self.workdir),
             *(str(n.proc.pid) for n in self._nodes)],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        with _running_lock:
            _running.add(self)
        log.info("started Kafka %s (pids %s), waiting for it to be ready", KAFKA_VERSION, self.pids)

        # 1. every node logs "Kafka Server started"
        pending = list(self._nodes)
        while pending:
            self._check_alive_and_time(deadline, "waiting for '%s'" % STARTED_MARKER)
            pending = [n for n in pending if STARTED_MARKER not in n.new_output()]
            if pending:
                time.sleep(0.1)

        # 2. the client ports accept connections and the cluster answers metadata requests
        while not all(_port_open(n.port) for n in self._nodes):
            self._check_alive_and_time(deadline, "waiting for the client port")
            time.sleep(0.1)
        try:
            from confluent_kafka.admin import AdminClient
        except ImportError:
            return
        admin = AdminClient({"bootstrap.servers": self.bootstrap})
        last_error: Exception | None = None
        while True:
            self._check_alive_and_time(deadline, f"waiting for metadata ({last_error})")
            try:
                md = admin.list_topics(timeout=max(0.5, min(5.0, deadline - time.monotonic())))
                if len(md.brokers) >= self.nodes:
                    return
                last_error = RuntimeError(f"{len(md.brokers)} of {self.nodes} brokers registered")
            except Exception as e:  # KafkaException: transport/timeouts while coming up
                last_error = e
            time.sleep(0.2)

    def _check_alive_and_time(self, deadline: float, what: str) -> None:
        for n in self._nodes:
            rc = n.proc.poll() if n.proc is not None else None
            if rc is not None:
                out = n.new_output()
                first_error = next((ln for ln in out.splitlines() if " ERROR " in ln), "")
                raise RuntimeError(
                    f"Kafka node {n.node_id} exited with code {rc} during startup ({what})"
                    + (f": {first_error}" if first_error else "")
                    + f"\ntail of {n.log_path}:\n{_tail_text(out)}"
                )
        if time.monotonic() > deadline:
            tails = "\n".join(f"--- {n.log_path}:\n{_tail_file(n.log_path)}" for n in self._nodes)
            raise RuntimeError(f"Kafka did not become ready in time ({what}); broker log:\n{tails}")

    def _disarm_watchdog(self) -> None:
        wd, self._watchdog = self._watchdog, None
        if wd is None:
            return
        try:
            wd.stdin.write(b"x")
            wd.stdin.close()
        except (BrokenPipeError, OSError):
            pass
        try:
            wd.wait(timeout=5)
        except subprocess.TimeoutExpired:
            wd.kill()
            wd.wait()


# --------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m piistream.dev.broker",
        description=f"Run a local Apache Kafka {KAFKA_VERSION} broker (KRaft) until "
                    "SIGINT/SIGTERM; prints BOOTSTRAP=host:port on stdout.")
    parser.add_argument("--nodes", type=int, default=1, help="number of broker+controller nodes")
    parser.add_argument("--heap-mb", type=int, default=512, help="max JVM heap per node (MB)")
    parser.add_argument("--log-dir", default=None,
                        help="keep configs, data and broker logs under this directory")
    parser.add_argument("--timeout", type=float, default=90, help="startup timeout (seconds)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")

    def _interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    kafka = EmbeddedKafka(nodes=args.nodes, heap_mb=args.heap_mb, log_dir=args.log_dir)
    rc = 0
    try:
        kafka.start(timeout=args.timeout)
        print(f"BOOTSTRAP={kafka.bootstrap}", flush=True)
        print(f"broker log: {kafka.log_path}", file=sys.stderr, flush=True)
        while kafka.running:
            time.sleep(0.5)
        print("Kafka exited unexpectedly; tail of its log:\n" + _tail_file(kafka.log_path),
              file=sys.stderr, flush=True)
        rc = 1
    except KeyboardInterrupt:
        pass
    except RuntimeError as e:
        print(f"error: {e}", file=sys.stderr, flush=True)
        rc = 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        kafka.stop()
    return rc


if __name__ == "__main__":
    sys.exit(main())
