"""Make a Kafka cluster match :func:`piistream.topics.definitions.topics_for`.

``apply_topics`` creates the topics that are missing (with their configs) and checks the
ones that exist against their spec: partition count, replication factor and every managed
config (retention.ms, cleanup.policy, min.insync.replicas in prod, the extra configs).
Differences are reported as drift, not changed: it never deletes a topic, never shrinks
anything and never alters a config. The one repair it can make is to *add* partitions
(``fix_partitions=True``); note that this moves keys to other partitions, so only do it
when the pipeline is drained or when co-partitioned topics are fixed together.

``dry_run=True`` changes nothing: missing topics are checked with CreateTopics in
validate-only mode (so e.g. a replication factor the cluster can't satisfy shows as an
error) and reported as ``would-create``.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from confluent_kafka import KafkaError, KafkaException
from confluent_kafka.admin import (AdminClient, ConfigResource, ConfigSource, NewPartitions,
                                   NewTopic, ResourceType)

from .definitions import TopicSpec, topics_for

CREATED, OK, DRIFT, WOULD_CREATE, FIXED, ERROR = (
    "created", "ok", "drift", "would-create", "fixed", "error")
_BAD = frozenset({DRIFT, ERROR})
_STYLE = {CREATED: "green", OK: "green", FIXED: "yellow", WOULD_CREATE: "cyan",
          DRIFT: "bold red", ERROR: "bold red"}

# configs whose value is an unordered list
_LIST_CONFIGS = frozenset({"cleanup.policy"})


@dataclass(frozen=True)
class TopicRow:
    topic: str
    action: str  # created | ok | drift | would-create | fixed | error
    details: str = ""


@dataclass
class TopicReport:
    env: str
    bootstrap: str
    dry_run: bool = False
    rows: list[TopicRow] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """False while any topic has drift or an error."""
        return not any(r.action in _BAD for r in self.rows)

    def row(self, topic: str) -> TopicRow:
        """The row of ``topic`` (actual name, or the logical name without the prefix)."""
        for r in self.rows:
            if r.topic == topic:
                return r
        matches = [r for r in self.rows if r.topic.endswith("." + topic) or r.topic == topic]
        if len(matches) == 1:
            return matches[0]
        raise KeyError(topic)

    def actions(self) -> dict[str, str]:
        return {r.topic: r.action for r in self.rows}

    def render(self):
        """The report as a ``rich.table.Table``."""
        from rich.table import Table

        title = f"topics ({self.env}) on {self.bootstrap}" + (" [dry run]" if self.dry_run else "")
        table = Table(title=title, caption="OK" if self.ok else "DRIFT / ERRORS: see details")
        table.add_column("topic", no_wrap=True)
        table.add_column("action", no_wrap=True)
        table.add_column("details")
        for r in self.rows:
            style = _STYLE.get(r.action, "")
            table.add_row(r.topic, f"[{style}]{r.action}[/]" if style else r.action,
                          r.details.replace("; ", "\n"))
        return table


def _err_text(exc: BaseException) -> str:
    err = exc.args[0] if exc.args and isinstance(exc.args[0], KafkaError) else None
    if err is not None:
        return f"{err.name()}: {err.str()}"
    return str(exc)


def _err_code(exc: BaseException):
    err = exc.args[0] if exc.args and isinstance(exc.args[0], KafkaError) else None
    return err.code() if err is not None else None


def _same(key: str, have: str | None, want: str) -> bool:
    if have is None:
        return False
    if key in _LIST_CONFIGS:
        return {v.strip() for v in have.split(",")} == {v.strip() for v in want.split(",")}
    return have == want


def _wait_ready(admin: AdminClient, want: dict[str, int], deadline: float) -> list[str]:
    """Wait until every topic in ``want`` shows its partition count, each with a leader.
    Returns the topics that are still not ready at the deadline."""
    pending = dict(want)
    while pending:
        try:
            md = admin.list_topics(timeout=max(1.0, min(10.0, deadline - time.monotonic())))
        except KafkaException:
            md = None
        if md is not None:
            for name, n in list(pending.items()):
                t = md.topics.get(name)
                if (t is not None and t.error is None and len(t.partitions) >= n
                        and all(p.leader >= 0 for p in t.partitions.values())):
                    del pending[name]
        if not pending or time.monotonic() >= deadline:
            break
        time.sleep(0.2)
    return sorted(pending)


def _create_summary(spec: TopicSpec) -> str:
    cfg = ", ".join(f"{k}={v}" for k, v in spec.configs().items())
    return f"partitions={spec.partitions}, replication={spec.replication}; {cfg}"


def apply_topics(bootstrap: str, env: str = "dev", prefix: str = "", dry_run: bool = False,
                 admin_config: dict | None = None, fix_partitions: bool = False,
                 timeout: float = 30.0, specs: list[TopicSpec] | None = None) -> TopicReport:
    """Create missing topics and report drift on existing ones (see the module docstring).

    ``admin_config``: extra librdkafka settings for the AdminClient (security etc.).
    ``specs``: use these instead of ``topics_for(env, prefix)``.
    Raises ``KafkaException`` if the cluster can't be reached; per-topic failures become
    ``error`` rows.
    """
    specs = topics_for(env, prefix) if specs is None else specs
    # An AdminClient is a producer-type handle, whose metadata requests for a named topic
    # would auto-create it on a broker with auto.create.topics.enable=true (the default).
    conf = {"bootstrap.servers": bootstrap, "allow.auto.create.topics": False,
            **(admin_config or {})}
    admin = AdminClient(conf)
    deadline = time.monotonic() + timeout
    report = TopicReport(env=env, bootstrap=bootstrap, dry_run=dry_run)
    rows: dict[str, TopicRow] = {}

    md = admin.list_topics(timeout=timeout)
    existing, missing = [], []
    for s in specs:
        t = md.topics.get(s.name)
        if t is None or (t.error is not None and t.error.code() == KafkaError.UNKNOWN_TOPIC_OR_PART):
            missing.append(s)
        elif t.error is not None:
            rows[s.name] = TopicRow(s.name, ERROR, f"metadata: {t.error.str()}")
        else:
            existing.append(s)

    # ---- create what is missing
    if missing:
        futures = admin.create_topics(
            [NewTopic(s.name, num_partitions=s.partitions, replication_factor=s.replication,
                      config=s.configs()) for s in missing],
            operation_timeout=timeout, request_timeout=timeout, validate_only=dry_run)
        created = {}
        for s in missing:
            try:
                futures[s.name].result(timeout=timeout)
            except KafkaException as e:
                if _err_code(e) == KafkaError.TOPIC_ALREADY_EXISTS:
                    existing.append(s)  # created by someone else meanwhile: check it
                else:
                    what = "create would fail" if dry_run else "create failed"
                    rows[s.name] = TopicRow(s.name, ERROR, f"{what}: {_err_text(e)}")
                continue
            if dry_run:
                rows[s.name] = TopicRow(s.name, WOULD_CREATE, _create_summary(s))
            else:
                created[s.name] = s.partitions
                rows[s.name] = TopicRow(s.name, CREATED, _create_summary(s))
        for name in _wait_ready(admin, created, deadline):
            rows[name] = TopicRow(name, ERROR, "created, but its partitions have no leader yet")

    # ---- check what exists
    if existing:
        md = admin.list_topics(timeout=timeout)  # includes topics that appeared meanwhile
        futures = admin.describe_configs(
            [ConfigResource(ResourceType.TOPIC, s.name) for s in existing], request_timeout=timeout)
        configs: dict[str, dict] = {}
        for res, fut in futures.items():
            try:
                configs[res.name] = fut.result(timeout=timeout)
            except KafkaException as e:
                rows[res.name] = TopicRow(res.name, ERROR, f"describe_configs: {_err_text(e)}")
        checked: dict[str, tuple[list[tuple[str, str]], list[str]]] = {}
        grow: dict[str, tuple[int, int]] = {}  # name -> (have, want)
        for s in existing:
            if s.name not in configs:
                continue
            t = md.topics.get(s.name)
            if t is None:
                rows[s.name] = TopicRow(s.name, ERROR, "exists, but no metadata for it yet")
                continue
            drift, notes = _drift(s, t, configs[s.name])
            have = len(t.partitions)
            if fix_partitions and 0 < have < s.partitions:
                if dry_run:
                    drift = [(k, f"{d} (would add {s.partitions - have})" if k == "partitions" else d)
                             for k, d in drift]
                else:
                    grow[s.name] = (have, s.partitions)
            checked[s.name] = (drift, notes)

        fixed: set[str] = set()
        if grow:
            futures = admin.create_partitions(
                [NewPartitions(n, want) for n, (_, want) in grow.items()],
                operation_timeout=timeout, request_timeout=timeout)
            for name, (have, want) in grow.items():
                drift, notes = checked[name]
                try:
                    futures[name].result(timeout=timeout)
                except KafkaException as e:
                    notes.append(f"adding partitions failed: {_err_text(e)}")
                    continue
                fixed.add(name)
                checked[name] = ([d for d in drift if d[0] != "partitions"],
                                 [f"partitions: {have} -> {want} (added)", *notes])
            late = _wait_ready(admin, {n: grow[n][1] for n in fixed},
                               max(deadline, time.monotonic() + timeout))
            for name in late:
                checked[name][1].append("new partitions have no leader yet")

        for name, (drift, notes) in checked.items():
            action = DRIFT if drift else FIXED if name in fixed else OK
            rows[name] = TopicRow(name, action, "; ".join([d for _, d in drift] + notes))

    report.rows = [rows[s.name] for s in specs if s.name in rows]
    return report


def _is_topic_override(entry) -> bool:
    src = getattr(entry.source, "value", entry.source)
    return src == ConfigSource.DYNAMIC_TOPIC_CONFIG.value


def _drift(spec: TopicSpec, md, entries: dict) -> tuple[list[tuple[str, str]], list[str]]:
    """([(what, text)] drift items, informational notes) of an existing topic vs its spec."""
    drift: list[tuple[str, str]] = []
    if md is not None:
        have = len(md.partitions)
        if have < spec.partitions:
            drift.append(("partitions", f"partitions: {have}, want {spec.partitions}"))
        elif have > spec.partitions:
            drift.append(("partitions", f"partitions: {have}, want {spec.partitions} (never "
                                        f"shrunk: fix the spec or recreate the topic)"))
        rfs = sorted({len(p.replicas) for p in md.partitions.values()})
        if rfs and rfs != [spec.replication]:
            drift.append(("replication", f"replication: {'/'.join(map(str, rfs))}, "
                                         f"want {spec.replication}"))
    want = spec.configs()
    for key, value in want.items():
        entry = entries.get(key)
        have = entry.value if entry is not None else None
        if not _same(key, have, value):
            src = "" if entry is None or _is_topic_override(entry) else " (not set on the topic)"
            drift.append((key, f"{key}: {have}{src}, want {value}"))
    notes = [f"also set: {k}={e.value}" for k, e in sorted(entries.items())
             if k not in want and _is_topic_override(e)]
    return drift, notes
