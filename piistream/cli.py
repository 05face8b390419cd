"""piistream command line: scan, demo, bench."""
from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack

import orjson

from . import __version__
from .io import batched, read_records
from .models.entities import ENTITY_TYPES
from .models.names import BACKENDS, SCORERS
from .models.redact import OPERATORS, ConfigError, Redactor


def _operators(specs: list[str]) -> dict[str, str]:
    ops = {}
    for spec in specs or []:
        etype, sep, op = spec.partition("=")
        if not sep:
            raise ConfigError(f"--operator {spec!r}: expected TYPE=OP, e.g. US_SSN=mask")
        ops[etype.strip().upper()] = op.strip()
    return ops


def load_cfg(args, **overrides):
    """The effective config: file (--config / $PIISTREAM_CONFIG), environment, then flags."""
    from .config import load_config

    return load_config(getattr(args, "config", None), overrides=overrides)


def build_cascade(args, load: bool = True):
    """``scan``'s cascade (``cascade.build``) from the config and the flags. Without
    ``--verifier`` uncertain spans are redacted (fail closed, recall first); with it the
    verifier decides them, as the streaming pipeline's final output has it. Returns (cascade,
    config); the cascade is None without ``load`` (``--processes``: each process builds its own)."""
    from .cascade import build_for_scan

    ops = _operators(args.operator)
    cfg = load_cfg(args, **{"detector.scorer": args.scorer, "detector.backend": args.backend,
                            "worker.max_record_bytes": args.max_bytes,
                            "worker.max_batch_bytes": args.max_batch_bytes,
                            "redaction.default_operator": args.default_operator})
    if ops:
        cfg.redaction.operators = {**cfg.redaction.operators, **ops}
        Redactor(cfg.redaction.operators, cfg.redaction.default_operator,
                 (cfg.hmac_key() or (None,))[0])  # validates the operators
    return (build_for_scan(cfg, verify=args.verifier) if load else None), cfg


def cmd_scan(args) -> int:
    if args.processes < 0:
        print("piistream scan: --processes must be 0 (one per core) or more", file=sys.stderr)
        return 2
    cascade, cfg = build_cascade(args, load=args.processes == 1)
    out = open(args.output, "wb") if args.output else sys.stdout.buffer
    counts = {"failed": 0, "total": 0}
    bar = None
    pool = None
    if args.processes != 1:
        from .scanpool import ScanPool, default_processes
        try:
            pool = ScanPool(cfg, args.processes or default_processes(), args.verifier).start()
        except Exception as e:  # noqa: BLE001 -- a process that cannot start: say why, once
            print(f"piistream scan: the detection processes could not start: {type(e).__name__}: {e}",
                  file=sys.stderr)
            return 2
    if sys.stderr.isatty() and not args.quiet:
        from tqdm import tqdm
        bar = tqdm(unit=" rec", unit_scale=True, file=sys.stderr, desc="scan")

    def write(lines: bytes, records: int, failed: int) -> None:
        out.write(lines)
        counts["failed"] += failed
        counts["total"] += records
        if bar is not None:
            bar.update(records)

    def batches(stack):
        from .models.records import HeaderCarry

        for name in args.files or ["-"]:
            if name == "-":
                stream = sys.stdin.buffer
            else:
                try:
                    stream = stack.enter_context(open(name, "rb"))
                except OSError as e:
                    raise _CannotOpen(f"piistream scan: cannot open {name}: {e.strerror}") from e
            # (a CSV file's header line, carried to its rows: in this process, in input order,
            # whichever process scans a batch)
            carry = HeaderCarry() if args.input_format == "text" else None
            for chunk in batched(read_records(stream, cfg.worker.max_record_bytes), args.batch_size,
                                 cfg.worker.max_batch_bytes):
                yield chunk, carry.feed(chunk) if carry is not None else None

    try:
        with ExitStack() as stack:
            if pool is None:
                from .scanpool import scan_lines
                for chunk, headers in batches(stack):
                    lines, failed = scan_lines(chunk, args.input_format, args.verifier, cascade, headers)
                    write(lines, len(chunk), failed)
            else:
                pool.run(batches(stack), args.input_format, write)
            out.flush()
    except _CannotOpen as e:
        print(e, file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 1
    except BrokenProcessPool as e:
        print(f"piistream scan: a detection process died ({e}); the output ends at the last "
              f"batch complete ({counts['total']:,} records)", file=sys.stderr)
        return 2
    finally:
        if bar is not None:
            bar.close()
        if pool is not None:
            pool.close()
    if counts["failed"] and not args.quiet:
        print(f"piistream scan: {counts['failed']} of {counts['total']} records failed (see their "
              "\"error\" field)", file=sys.stderr)
    return 1 if counts["failed"] else 0


class _CannotOpen(Exception):
    pass


def cmd_demo(args) -> int:
    from .dev.demo import run_batch_demo, run_stream_demo

    if args.batch:
        return run_batch_demo(args)
    return run_stream_demo(records=args.records, rate=args.rate, seconds_max=args.seconds_max,
                           show=args.lines)


def cmd_bench_stream(args) -> int:
    from .dev.bench_stream import bench_stream
    return bench_stream(args)


def cmd_bench_verifier(args) -> int:
    from .dev.bench_models import bench_verifier
    return bench_verifier(args)


def cmd_bench_all(args) -> int:
    from .dev.report import bench_all
    return bench_all(args.out, quick=args.quick, skip=args.skip)


def cmd_bench_replay(args) -> int:
    from .dev.bench_stream import bench_replay
    return bench_replay(args)


def cmd_bench(args) -> int:
    from .dev.bench_scan import bench_scan
    return bench_scan(args)


def cmd_bench_adversarial(args) -> int:
    from .dev.bench_adversarial import main
    return main(args)


def cmd_bench_reallogs(args) -> int:
    from .dev.bench_scan import bench_reallogs
    return bench_reallogs(args)


def _kafka_cfg(args, **more):
    cfg = load_cfg(args, **{"kafka.broker": args.broker, "topics.env": args.env,
                            "topics.prefix": args.prefix, **more})
    if "kafka.broker" not in cfg.sources:
        raise ConfigError("no broker: pass --broker HOST:PORT, set PIISTREAM_BROKER, or set "
                          "kafka.broker in the config file")
    return cfg


def cmd_topics_apply(args) -> int:
    from rich.console import Console

    from .topics.admin import apply_topics

    cfg = _kafka_cfg(args)
    report = apply_topics(cfg.kafka.broker, env=cfg.topics.env, prefix=cfg.topics.prefix,
                          dry_run=args.dry_run, fix_partitions=args.fix_partitions,
                          admin_config=cfg.confluent())
    Console().print(report.render())
    return 0 if report.ok else 1


def cmd_worker(args) -> int:
    from .stream.app import run_worker
    from .topics.admin import apply_topics

    role = args.role
    if args.no_verify and role == "all":
        role = "detect"
    cfg = _kafka_cfg(args, **{
        "worker.app_id": args.app_id, "worker.role": role, "worker.families": args.families and [f.strip() for f in args.families.split(",") if f.strip()],
        "worker.max_batch": args.max_batch, "worker.max_wait": args.max_wait,
        "worker.datadir": args.datadir, "worker.max_record_bytes": args.max_bytes,
        "worker.loglevel": args.loglevel, "worker.metrics_port": args.metrics_port,
        "worker.detect_processes": args.detect_processes,
        "detector.scorer": args.scorer, "detector.backend": args.backend,
        "verifier.enabled": False if args.no_verifier else None,
        "verifier.deadline": args.verify_deadline,
        "topics.apply": False if args.no_apply else None})
    if cfg.topics.apply:
        report = apply_topics(cfg.kafka.broker, env=cfg.topics.env, prefix=cfg.topics.prefix,
                              admin_config=cfg.confluent())
        if not report.ok:
            from rich.console import Console
            Console(stderr=True).print(report.render())
            print("piistream worker: topics drift from their definitions; fix them or pass "
                  "--no-apply", file=sys.stderr)
            return 1
    run_worker(cfg)
    return 0


def cmd_replay(args) -> int:
    from rich.console import Console

    from .stream.replay import FileSink, FileSource, KafkaSink, KafkaSource, parse_time, replay

    if bool(args.from_topic) == bool(args.input):
        raise ConfigError("replay: give exactly one of --from-topic TOPIC or --input FILE")
    if bool(args.to_topic) == bool(args.output):
        raise ConfigError("replay: give exactly one of --to-topic TOPIC or --output FILE")
    over = {"replay.batch_size": args.batch_size, "replay.processes": args.processes,
            "detector.scorer": args.scorer, "detector.backend": args.backend,
            "kafka.broker": args.broker, "topics.prefix": args.prefix}
    cfg = load_cfg(args, **over)
    if (args.from_topic or args.to_topic) and "kafka.broker" not in cfg.sources:
        raise ConfigError("replay: no broker: pass --broker HOST:PORT, set PIISTREAM_BROKER, or "
                          "set kafka.broker in the config file")
    pre = cfg.topics.prefix
    fmt = args.input_format or ("json" if (args.from_topic or "").endswith("docs.raw") else "text")
    if args.from_topic:
        parts = [int(x) for x in args.partitions.split(",")] if args.partitions else None
        source = KafkaSource(cfg, args.from_topic, parts, args.start_offset, args.end_offset,
                             parse_time(args.start_time) if args.start_time else None,
                             parse_time(args.end_time) if args.end_time else None)
    else:
        if any(v is not None for v in (args.partitions, args.start_offset, args.end_offset,
                                        args.start_time, args.end_time)):
            raise ConfigError("replay: --partitions/--start-*/--end-* select a topic range; "
                              "they do not apply to --input")
        source = FileSource(args.input)
    dest = {"redacted": args.to_topic or args.output,
            "alerts": args.alerts_topic or f"{pre}pii.alerts",
            "dlq": args.dlq_topic or f"{pre}pii.dlq"}
    sink = KafkaSink(cfg, list(dest.values())) if args.to_topic else FileSink(args.output, redacted_label=(
        args.from_topic.replace(".raw", ".redacted") if args.from_topic else "redacted"))
    ck = None if args.no_checkpoint else args.checkpoint or os.path.join(
        ".piistream-replay", "".join(c if c.isalnum() or c in "-_." else "_"
                                     for c in f"{source.topic}__{dest['redacted']}") + ".json")
    if ck:
        os.makedirs(os.path.dirname(ck) or ".", exist_ok=True)
        if args.restart and os.path.exists(ck):
            os.unlink(ck)
    err = Console(stderr=True)
    err.print(f"replay {source.topic} -> {dest['redacted']} (alerts -> {dest['alerts']}, DLQ -> "
              f"{dest['dlq']}), format {fmt}" + (f", checkpoint {ck}" if ck else ""))
    try:
        report = replay(cfg, source, sink, fmt, dest, checkpoint=ck,
                        progress=sys.stderr.isatty() and not args.quiet)
    finally:
        sink.close()
    Console().print(report.render())
    if args.report:
        with open(args.report, "wb") as f:
            f.write(orjson.dumps(report.as_dict(), option=orjson.OPT_INDENT_2))
    return 0


def cmd_config_show(args) -> int:
    from .config import render_toml

    cfg = load_cfg(args)
    sys.stdout.write(render_toml(cfg, hide_secrets=True, sources=not args.no_sources))
    return 0


def cmd_config_check(args) -> int:
    load_cfg(args)
    print("piistream: configuration is valid")
    return 0


def _add_config_arg(p) -> None:
    p.add_argument("--config", metavar="FILE", default=None,
                   help="TOML config file (default: $PIISTREAM_CONFIG)")


def _add_redaction_args(p):
    p.add_argument("--operator", action="append", metavar="TYPE=OP",
                   help=f"redaction operator for a type, one of {', '.join(OPERATORS)} (repeatable)")
    p.add_argument("--default-operator", default=None, choices=OPERATORS,
                   help="default: redaction.default_operator (type)")
    p.add_argument("--max-bytes", type=int, default=None,
                   help="records larger than this are reported as errors (default: "
                        "worker.max_record_bytes, 1 MiB)")
    p.add_argument("--batch-size", type=int, default=4096, help="records per detection batch")
    p.add_argument("--max-batch-bytes", type=int, default=None,
                   help="bytes of records per detection batch (default: worker.max_batch_bytes, "
                        "4 MiB; a larger record is a batch of its own)")
    _add_scorer_args(p)


def _add_scorer_args(p) -> None:
    p.add_argument("--scorer", choices=SCORERS, default=None,
                   help="candidate scorer: the charCNN (default) or the rule baseline "
                        "(default: $PIISTREAM_SCORER or cnn)")
    p.add_argument("--backend", choices=BACKENDS, default=None,
                   help="charCNN inference backend (default: $PIISTREAM_CNN_BACKEND or auto)")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="piistream", description="Streaming PII detection and redaction.")
    ap.add_argument("--version", action="version", version=f"piistream {__version__}")
    sub = ap.add_subparsers(dest="cmd", required=True)

    p = sub.add_parser("scan", help="redact records (one per line) from files or stdin",
                       description="Writes one JSON line per input record, in order: "
                                   '{"redacted": ..., "entities": [{"type","start","end","score","stage"}]} '
                                   'or {"error": ...}. Exit code 1 if any record failed.')
    p.add_argument("files", nargs="*", metavar="FILE", help="input files ('-' or none: stdin)")
    p.add_argument("--input-format", choices=("text", "json"), default="text")
    _add_config_arg(p)
    p.add_argument("-o", "--output", help="write here instead of stdout")
    p.add_argument("-q", "--quiet", action="store_true")
    p.add_argument("--verifier", action="store_true",
                   help="let the verifier decide uncertain candidates (higher precision, "
                        "slightly lower recall, slower); default: uncertain = redacted")
    p.add_argument("--processes", type=int, default=1, metavar="N",
                   help="detect in N processes (0: one per core), output in input order, the "
                        "same bytes as one process writes (default 1: in this process)")
    _add_redaction_args(p)
    p.set_defaults(func=cmd_scan)

    p = sub.add_parser("topics", help="topic definitions")
    tsub = p.add_subparsers(dest="topics", required=True)
    t = tsub.add_parser("apply", help="create missing topics, report drift from the definitions")
    _add_config_arg(t)
    t.add_argument("--broker", help="bootstrap servers (default: kafka.broker, $PIISTREAM_BROKER)")
    t.add_argument("--env", choices=("dev", "prod"), default=None, help="default: topics.env (dev)")
    t.add_argument("--prefix", default=None, help="topic name prefix (default: topics.prefix)")
    t.add_argument("--dry-run", action="store_true")
    t.add_argument("--fix-partitions", action="store_true", help="add missing partitions")
    t.set_defaults(func=cmd_topics_apply)

    p = sub.add_parser("worker", help="run a streaming worker (Faust) against a broker",
                       description="Every flag overrides the config file (--config, "
                                   "$PIISTREAM_CONFIG) and the PIISTREAM_<SECTION>_<KEY> "
                                   "environment; unset flags leave those in charge.")
    _add_config_arg(p)
    p.add_argument("--broker", help="bootstrap servers (default: kafka.broker, $PIISTREAM_BROKER)")
    p.add_argument("--env", choices=("dev", "prod"), default=None, help="topics.env")
    p.add_argument("--prefix", default=None, help="topic name prefix (topics.prefix)")
    p.add_argument("--app-id", default=None, help="Faust app id = consumer group (worker.app_id)")
    p.add_argument("--role", choices=("all", "detect", "verify"), default=None,
                   help="detect agents, the verify agent, or both (worker.role, default all)")
    p.add_argument("--families", default=None, help="detect agents to run, e.g. logs,docs")
    p.add_argument("--no-verify", action="store_true", help="same as --role detect")
    p.add_argument("--no-verifier", action="store_true",
                   help="run the verify agent without the verifier model (fail closed)")
    p.add_argument("--verify-deadline", type=float, default=None,
                   help="seconds a record may wait for verification before it fails closed")
    p.add_argument("--max-batch", type=int, default=None)
    p.add_argument("--max-wait", type=float, default=None, help="seconds to fill a batch")
    p.add_argument("--detect-processes", type=int, default=None,
                   help="detection processes (worker.detect_processes, default 1; 0: a thread)")
    p.add_argument("--metrics-port", type=int, default=None,
                   help="port of /metrics, /healthz, /readyz (worker.metrics_port, 0: off)")
    p.add_argument("--datadir", help="Faust data directory")
    p.add_argument("--no-apply", action="store_true", help="do not create/check topics first")
    p.add_argument("--max-bytes", type=int, default=None,
                   help="records larger than this go to the DLQ")
    p.add_argument("--loglevel", default=None)
    _add_scorer_args(p)
    p.set_defaults(func=cmd_worker)

    p = sub.add_parser("replay", help="backfill: run a topic range (or a file) through the "
                                      "cascade in bulk, resumable",
                       description="Reads a topic range chosen by offsets or timestamps (or a "
                                   "file, one record per line), runs the detection cascade with "
                                   "the verifier inline, writes redacted records, alerts and DLQ "
                                   "entries (same headers as the live path) to topics or a JSONL "
                                   "file. Interrupted runs resume from the checkpoint.")
    _add_config_arg(p)
    p.add_argument("--broker", help="bootstrap servers (default: kafka.broker, $PIISTREAM_BROKER)")
    p.add_argument("--prefix", default=None, help="topic prefix for the default alerts/DLQ topics")
    p.add_argument("--from-topic", metavar="TOPIC", help="source topic")
    p.add_argument("--input", metavar="FILE", help="source file, one record per line")
    p.add_argument("--to-topic", metavar="TOPIC", help="destination for redacted records")
    p.add_argument("--output", metavar="FILE", help="destination JSONL file (all outputs)")
    p.add_argument("--alerts-topic", help="default: <prefix>pii.alerts")
    p.add_argument("--dlq-topic", help="default: <prefix>pii.dlq")
    p.add_argument("--input-format", choices=("text", "json"), default=None,
                   help="default: json for *docs.raw, else text")
    p.add_argument("--partitions", help="comma-separated partitions (default: all)")
    p.add_argument("--start-offset", type=int, help="first offset, every partition (default: the beginning)")
    p.add_argument("--end-offset", type=int, help="offset to stop before (default: the end when started)")
    p.add_argument("--start-time", help="from the first record at/after this time (ms or ISO-8601)")
    p.add_argument("--end-time", help="up to the last record before this time (ms or ISO-8601)")
    p.add_argument("--checkpoint", metavar="FILE",
                   help="checkpoint file (default: .piistream-replay/<source>__<dest>.json)")
    p.add_argument("--no-checkpoint", action="store_true")
    p.add_argument("--restart", action="store_true", help="ignore an existing checkpoint")
    p.add_argument("--batch-size", type=int, default=None, help="records per batch (replay.batch_size)")
    p.add_argument("--processes", type=int, default=None,
                   help="detection processes (replay.processes; default one per core)")
    p.add_argument("--report", metavar="FILE", help="also write the final report as JSON")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    _add_scorer_args(p)
    p.set_defaults(func=cmd_replay)

    p = sub.add_parser("config", help="the effective configuration")
    csub = p.add_subparsers(dest="config_cmd", required=True)
    c = csub.add_parser("show", help="print the effective config (secrets hidden) with each "
                                     "value's source")
    _add_config_arg(c)
    c.add_argument("--no-sources", action="store_true", help="plain TOML, no source comments")
    c.set_defaults(func=cmd_config_show)
    c = csub.add_parser("check", help="validate the config; exit 2 with the bad key if invalid")
    _add_config_arg(c)
    c.set_defaults(func=cmd_config_check)

    p = sub.add_parser("demo", help="the main job: an embedded Kafka broker, a worker, a live view")
    p.add_argument("--records", type=int, default=20000, help="records to feed")
    p.add_argument("--rate", type=int, default=0, help="records/s to feed (0: as fast as possible)")
    p.add_argument("--seconds-max", type=float, default=120)
    p.add_argument("--lines", type=int, default=8, help="redacted records to show")
    p.add_argument("--batch", action="store_true",
                   help="no Kafka: run the detection core on the bundled sample files")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("bench", help="benchmarks (print a table)")
    bsub = p.add_subparsers(dest="bench", required=True)
    b = bsub.add_parser("scan", help="records/s, precision and recall of scan vs a naive regex "
                                     "baseline, on the held-out test families")
    b.add_argument("--n", type=int, default=200_000,
                   help="records in the generated corpus (test families only)")
    b.add_argument("--pii-rate", type=float, default=0.02)
    b.add_argument("--seed", type=int, default=7)
    b.add_argument("--repeat", type=int, default=3, help="best of N timed runs")
    b.add_argument("--scorers", nargs="+", default=["rules", "cnn"], choices=SCORERS)
    b.add_argument("--json", help="also write the results here")
    b.set_defaults(func=cmd_bench)
    b = bsub.add_parser("reallogs", help="false alarms of the strict types on real log lines "
                                         "(scan --scorer rules, default, --verifier)")
    b.add_argument("--corpus", required=True,
                   help="JSON lines with a \"text\" field (.gz allowed), e.g. "
                        "../shared/corpora/real-logs/lines.jsonl.gz")
    b.add_argument("--json", help="also write the results here")
    b.set_defaults(func=cmd_bench_reallogs)
    b = bsub.add_parser("adversarial", help="worst µs/byte and peak memory of one hostile record "
                                            "per pathological family (issue 14's bounds)")
    from .dev.bench_adversarial import add_arguments as _adversarial_arguments
    _adversarial_arguments(b)
    b.set_defaults(func=cmd_bench_adversarial)
    b = bsub.add_parser("cnn", help="charCNN windows/s per variant, backend and batch size")
    b.add_argument("--variants", nargs="+", default=["seed", "lean", "lean-int8"])
    b.add_argument("--backends", nargs="+", default=None, help="default: onnx-cpu (+ GPU ones if present)")
    b.add_argument("--batches", type=int, nargs="+", default=[1, 64, 512])
    b.add_argument("--threads", type=int, default=2, help="CPU threads for inference")
    b.add_argument("--seconds", type=float, default=3.0, help="time per cell")
    b.add_argument("--json", help="also write the results here")
    b.set_defaults(func=cmd_bench_cnn)
    b = bsub.add_parser("verifier", help="verifier ms per candidate by batch size and threads")
    b.add_argument("--batches", type=int, nargs="+", default=[1, 32, 128])
    b.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    b.add_argument("--seconds", type=float, default=3.0, help="time per cell")
    b.add_argument("--json", help="also write the results here")
    b.set_defaults(func=cmd_bench_verifier)
    b = bsub.add_parser("all", help="every benchmark; writes a Markdown report and a PNG plot")
    b.add_argument("--out", default="bench-out", help="directory for the JSON, REPORT.md, bench.png")
    b.add_argument("--quick", action="store_true", help="smaller corpora (minutes, not tens of minutes)")
    b.add_argument("--skip", nargs="*", default=[], choices=("scan", "cnn", "verifier", "stream", "replay"))
    b.set_defaults(func=cmd_bench_all)
    b = bsub.add_parser("stream", help="Faust pipeline vs raw Kafka passthrough, latency")
    b.add_argument("--broker", help="use this broker instead of starting an embedded one")
    b.add_argument("--n", type=int, default=200_000, help="records in the generated corpus")
    b.add_argument("--pii-rate", type=float, default=0.02)
    b.add_argument("--seed", type=int, default=7)
    b.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    b.add_argument("--latency-rate", type=float, default=1000, help="offered records/s (below the role-all capacity here)")
    b.add_argument("--latency-seconds", type=float, default=20)
    b.add_argument("--scorers", nargs="+", choices=SCORERS, default=["cnn", "rules"],
                   help="measure the workers with each scorer (latency: the first)")
    b.add_argument("--json", help="also write the results here")
    b.add_argument("--thread-mode", action="store_true",
                   help="also measure 1 worker with detection in a thread (--detect-processes 0)")
    b.set_defaults(func=cmd_bench_stream)

    b = bsub.add_parser("replay", help="replay of a topic range by time vs raw passthrough; "
                                       "kill -9 and resume with exact counts")
    b.add_argument("--broker", help="use this broker instead of starting an embedded one")
    b.add_argument("--n", type=int, default=1_000_000, help="records in the topic range")
    b.add_argument("--distinct", type=int, default=60_000, help="generated records cycled through")
    b.add_argument("--pii-rate", type=float, default=0.0, help="share of records with PII")
    b.add_argument("--no-stages", action="store_true",
                   help="skip the two runs with fewer stages (rules only; charCNN without verifier)")
    b.add_argument("--seed", type=int, default=7)
    b.add_argument("--json", help="also write the results here")
    b.set_defaults(func=cmd_bench_replay)

    p = sub.add_parser("train", help="train models")
    tsub = p.add_subparsers(dest="train", required=True)
    t = tsub.add_parser("cnn", help="train a charCNN variant, calibrate thresholds, export ONNX")
    t.add_argument("--variant", choices=("seed", "lean"), default="lean")
    t.add_argument("--n-train", type=int, default=60_000, help="generated records (train families)")
    t.add_argument("--n-val", type=int, default=20_000)
    t.add_argument("--epochs", type=int, default=8)
    t.add_argument("--batch", type=int, default=128)
    t.add_argument("--lr", type=float, default=2e-3)
    t.add_argument("--seed", type=int, default=13)
    t.add_argument("--threads", type=int, default=0)
    t.add_argument("--max-minutes", type=float, default=25.0)
    t.add_argument("--out", default=None, help="artifact directory (default: the shipped one)")
    _real_args(t)
    t.set_defaults(func=cmd_train_cnn)

    p = sub.add_parser("quantize", help="int8 forms of the models")
    qsub = p.add_subparsers(dest="quantize", required=True)
    q = qsub.add_parser("cnn", help="static int8 (QDQ) charCNN, thresholds re-calibrated on "
                                    "validation windows")
    q.add_argument("--variant", choices=("seed", "lean"), default="lean")
    q.add_argument("--n-train", type=int, default=4000, help="training-family records (calibration)")
    q.add_argument("--n-val", type=int, default=20_000, help="validation-family records (thresholds)")
    q.add_argument("--n-calib", type=int, default=1024, help="windows to calibrate scales on")
    q.add_argument("--out", default=None, help="artifact directory (default: the shipped one)")
    _real_args(q)
    q.set_defaults(func=cmd_quantize_cnn)

    p = sub.add_parser("compress", help="fine-tune the MiniLM verifier, compress it, report, "
                                        "ship the chosen int8 variant")
    p.add_argument("--n-train", type=int, default=3000, help="windows to fine-tune on (hard-mined)")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--energy", type=float, default=0.9, help="SVD: singular-value energy kept")
    p.add_argument("--prune-to", type=int, default=3, help="layer pruning: encoder layers kept")
    p.add_argument("--n-eval", type=int, default=1500)
    p.add_argument("--n-val", type=int, default=40_000,
                   help="validation-family records whose hard windows choose the shipped variant")
    p.add_argument("--distill-to", type=int, nargs="*", default=[3, 2],
                   help="distillation students: encoder layers kept (none: skip)")
    p.add_argument("--n-distill", type=int, default=8000, help="windows to distil on (hard-mined)")
    p.add_argument("--n-mine", type=int, default=100_000,
                   help="fresh training-family records whose hard windows join the pool")
    p.add_argument("--out", default=None, help="artifact directory (default: the shipped one)")
    p.set_defaults(func=cmd_compress)

    p = sub.add_parser("label", help="teacher labels on real text (a topic range or a file), a "
                                     "retrained charCNN compared with the shipped one; without "
                                     "--from-*: the golden-label demo on generated data",
                       description="The feedback loop: --from-topic (e.g. a sample of pii.verify) "
                                   "or --from-file; every candidate is labelled by a teacher "
                                   "ensemble with abstention (rules, seed charCNN, verifier); "
                                   "--review writes a PII-safe sheet (values shaped, never raw); "
                                   "--retrain DIR trains a student charCNN on generated + "
                                   "teacher-labelled windows and compares it with the shipped "
                                   "model; --promote switches only when it is no worse.")
    p.add_argument("--n", type=int, default=20_000, help="demo: generated training records")
    p.add_argument("--noise", type=float, default=0.15, help="demo: share of generator labels flipped")
    p.add_argument("--n-eval", type=int, default=6000, help="generated test records for the comparison")
    _add_config_arg(p)
    p.add_argument("--broker", help="bootstrap servers (default: kafka.broker, $PIISTREAM_BROKER)")
    p.add_argument("--from-topic", metavar="TOPIC", help="harvest this topic range (pii.verify values are unwrapped)")
    p.add_argument("--from-file", metavar="FILE", help="harvest this file, one record per line")
    p.add_argument("--input-format", choices=("auto", "text", "json"), default="auto")
    p.add_argument("--partitions", help="comma-separated partitions (default: all)")
    p.add_argument("--start-offset", type=int)
    p.add_argument("--end-offset", type=int)
    p.add_argument("--start-time", help="ms or ISO-8601")
    p.add_argument("--end-time", help="ms or ISO-8601")
    p.add_argument("--sample", type=float, default=1.0, help="share of records taken (by a hash of their coordinates)")
    p.add_argument("--max-records", type=int, default=100_000)
    p.add_argument("--teacher", default="rules,seed,verifier", help="teacher members, comma-separated")
    p.add_argument("--review", metavar="FILE", help="PII-safe review sheet (JSONL: shaped windows, votes, labels)")
    p.add_argument("--corrections", metavar="FILE", help="a review sheet with edited labels (1, 0 or null): they override the teacher")
    p.add_argument("--retrain", metavar="DIR", help="train the student charCNN into DIR and compare")
    p.add_argument("--n-train", type=int, default=20_000, help="generated training records for the student")
    p.add_argument("--n-val", type=int, default=8000)
    p.add_argument("--epochs", type=int, default=6)
    p.add_argument("--n-splice", type=int, default=8000)
    p.add_argument("--real", default=None, help="the shared real-log corpus (default: ../shared/corpora/real-logs/lines.jsonl.gz when there)")
    p.add_argument("--no-real", action="store_true")
    p.add_argument("--no-quantize", action="store_true", help="compare the fp32 lean model (no int8 form)")
    p.add_argument("--promote", action="store_true", help="copy the new model over the shipped one when it is no worse")
    p.add_argument("--promote-to", metavar="DIR", help="artifact directory --promote writes (default: the shipped one)")
    p.add_argument("--json", metavar="FILE", help="also write the report here")
    p.set_defaults(func=cmd_label)

    p = sub.add_parser("eval", help="detection quality per type on the test split (unseen families)")
    p.add_argument("--n", type=int, default=6000, help="generated test records")
    p.add_argument("--pii-rate", type=float, default=0.5)
    p.add_argument("--scorers", nargs="+",
                   default=["rules", "cnn-seed:alone", "cnn-lean:alone", "cnn-seed", "cnn-lean"],
                   choices=SCORERS + ("cnn-seed:alone", "cnn-lean:alone", "cnn-lean-int8:alone",
                                      "cnn-lean+verifier", "cnn-lean-int8+verifier", "cnn+verifier"),
                   help="NAME:alone = the charCNN without the rules' disputes; "
                        "cnn-lean+verifier = with the verification stage")
    p.add_argument("--split", choices=("test", "val"), default="test")
    p.add_argument("--families", nargs="+", default=None, metavar="FAMILY",
                   help="only these families of the split (default: all of them)")
    p.add_argument("--keep-disputed", nargs="+", default=[], choices=ENTITY_TYPES, metavar="TYPE",
                   help="+verifier scorers: these types' disputes stay redacted (verifier.keep_disputed)")
    p.add_argument("--json", help="also write the numbers here")
    p.add_argument("--suite", nargs="+", metavar="SUITE",
                   help="instead: every yardstick side by side for scan --scorer rules, default and "
                        "--verifier: all, or some of generated, golden, reallogs, presidio, secrets")
    p.add_argument("--shared", default=None, help="the shared data directory (default: ../shared "
                                                   "beside the repository)")
    p.set_defaults(func=cmd_eval)
    return ap


def _real_args(p) -> None:
    p.add_argument("--real", default=None,
                   help="the real-log corpus whose train products join training and whose "
                        "calibration products join validation (default: "
                        "../shared/corpora/real-logs/lines.jsonl.gz beside the repository, when there)")
    p.add_argument("--no-real", action="store_true", help="generated windows only")
    p.add_argument("--n-splice", type=int, default=8000,
                   help="real train lines with a generated value spliced in")


def _real_path(args) -> str:
    if args.no_real:
        return ""
    if args.real:
        if not os.path.exists(args.real):
            raise ConfigError(f"--real: no such file: {args.real}")
        return args.real
    from .train.suites import ROOT
    default = ROOT.parent / "shared" / "corpora" / "real-logs" / "lines.jsonl.gz"
    return str(default) if default.exists() else ""


def cmd_train_cnn(args) -> int:
    from .models import ARTIFACTS
    from .train.cnn import TrainConfig, train_cnn

    cfg = TrainConfig(variant=args.variant, n_train=args.n_train, n_val=args.n_val,
                      epochs=args.epochs, batch=args.batch, lr=args.lr, seed=args.seed,
                      threads=args.threads, max_minutes=args.max_minutes,
                      real=_real_path(args), n_splice=args.n_splice)
    meta = train_cnn(cfg, args.out or ARTIFACTS, progress=sys.stderr.isatty(),
                     log=lambda s: print(s, file=sys.stderr, flush=True))
    print(orjson.dumps({"variant": meta["variant"], "best_epoch": meta["best_epoch"],
                        "train_seconds": meta["train_seconds"], "thresholds": meta["thresholds"],
                        "val_micro_at_lo": meta["val_at_lo"]["micro"]},
                       option=orjson.OPT_INDENT_2).decode())
    return 0


def cmd_eval(args) -> int:
    if args.suite:
        return cmd_eval_suites(args)
    from rich.console import Console

    from .train.evaluate import evaluate, quality_table

    if args.families:
        from .train.data.candidates import SPLITS
        other = [f for f in args.families if f not in SPLITS[args.split]]
        if other:
            print(f"piistream eval: not {args.split} families: {', '.join(other)} "
                  f"({args.split}: {', '.join(SPLITS[args.split])})", file=sys.stderr)
            return 2
    res = evaluate(args.scorers, args.n, args.pii_rate, split=args.split,
                   keep_disputed=tuple(args.keep_disputed), families=args.families)
    which = f"{args.split} families {', '.join(args.families)}" if args.families else f"{args.split} families"
    Console(width=max(200, Console().width)).print(quality_table(res, f"span-level quality, {args.n:,} generated records of the "
                                       f"{which} (pii rate {args.pii_rate})"))
    for name, r in res.items():
        b = r["_boundaries"]
        print(f"{name}: {b['exact']:.2%} of the {b['spans']:,} spans on true PII have exact "
              f"boundaries; {b['outside']:.2%} of their redacted characters lie outside the PII")
    for name, r in res.items():
        if "_verifier" in r:
            v = r["_verifier"]
            print(f"{name}: {v['to_verifier']:,} of {v['candidates']:,} candidates reached the "
                  f"verifier ({v['share']:.1%}), {v['seconds']:.1f} s in it")
    if args.json:
        with open(args.json, "wb") as f:
            f.write(orjson.dumps(res, option=orjson.OPT_INDENT_2 | orjson.OPT_SERIALIZE_NUMPY))
    return 0


def cmd_eval_suites(args) -> int:
    from pathlib import Path

    from .train.suites import ROOT, SUITES, render, run_suites

    which = list(SUITES) if "all" in args.suite else args.suite
    unknown = [s for s in which if s not in SUITES]
    if unknown:
        raise ConfigError(f"unknown suite(s) {', '.join(unknown)}; one of all, {', '.join(SUITES)}")
    shared = Path(args.shared) if args.shared else ROOT.parent / "shared"
    res = run_suites(which, shared, n=args.n, log=lambda s: print(s, file=sys.stderr, flush=True))
    print(render(res))
    if args.json:
        with open(args.json, "wb") as f:
            f.write(orjson.dumps(res, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS))
    return 0


def cmd_label(args) -> int:
    from rich.console import Console

    from .train.evaluate import quality_table
    from .train.label import golden_labels

    if args.from_topic or args.from_file:
        return _label_real(args)

    rep = golden_labels(args.n, args.noise, n_eval=args.n_eval,
                        log=lambda s: print(s, file=sys.stderr, flush=True))
    Console(width=max(160, Console().width)).print(quality_table(
        rep["results"], f"charCNN (lean, no disputes) trained on noisy vs golden labels: test "
                        f"families; label accuracy noisy {rep['noisy_label_accuracy']:.3f}, "
                        f"golden {rep['golden_label_accuracy']:.3f}"))
    return 0


def _label_real(args) -> int:
    """``piistream label --from-topic/--from-file``: the feedback loop (``train.feedback``)."""
    import numpy as np

    from .models import ARTIFACTS
    from .stream.replay import FileSource, KafkaSource, parse_time
    from .train import feedback as fb

    def log(s: str) -> None:
        print(s, file=sys.stderr, flush=True)

    if args.from_topic and args.from_file:
        raise ConfigError("label: give one of --from-topic TOPIC or --from-file FILE")
    members = tuple(m.strip() for m in args.teacher.split(",") if m.strip())
    if not members or set(members) - set(fb.MEMBERS):
        raise ConfigError(f"label: --teacher: members of {', '.join(fb.MEMBERS)}")
    if not 0 < args.sample <= 1:
        raise ConfigError("label: --sample: a share in (0, 1]")
    if args.promote and not args.retrain:
        raise ConfigError("label: --promote needs --retrain DIR")
    if args.from_topic:
        cfg = load_cfg(args, **{"kafka.broker": args.broker})
        if "kafka.broker" not in cfg.sources:
            raise ConfigError("label: no broker: pass --broker HOST:PORT or set PIISTREAM_BROKER")
        parts = [int(x) for x in args.partitions.split(",")] if args.partitions else None
        source = KafkaSource(cfg, args.from_topic, parts, args.start_offset, args.end_offset,
                             parse_time(args.start_time) if args.start_time else None,
                             parse_time(args.end_time) if args.end_time else None)
    else:
        source = FileSource(args.from_file)
    rows = []
    try:
        source.start({p: r[0] for p, r in source.ranges.items()})
        while not source.exhausted and len(rows) < args.max_records:
            rows.extend(source.poll(min(1000, args.max_records - len(rows)), 1.0))
    finally:
        source.close()
    records, coords, stats = fb.parse_rows(rows, args.input_format, args.sample)
    log(f"harvest {source.topic}: {stats['read']:,} read, {stats['sampled']:,} taken "
        f"({stats['unwrapped']:,} unwrapped from pii.verify), {stats['skipped']:,} skipped")
    h = fb.harvest(records, coords)
    votes = fb.teacher_votes(h.cs, members, log=log)
    labels = fb.combine(votes, min_votes=min(2, len(members)))
    if args.corrections:
        with open(args.corrections, "rb") as f:
            got = fb.apply_corrections(h, labels, (orjson.loads(x) for x in f if x.strip()))
        log(f"corrections: {got['applied']:,} labels set by the operator, {got['unmatched']:,} rows matched nothing")
    n_pos, n_neg = int(np.nansum(labels)), int(np.sum(labels == 0))
    n_abs = int(np.isnan(labels).sum())
    by_type = {}
    for t, y in zip(h.cs.types, labels):
        d = by_type.setdefault(t, {"pii": 0, "not": 0, "abstain": 0})
        d["abstain" if np.isnan(y) else "pii" if y > 0.5 else "not"] += 1
    report = {"source": source.topic, "harvest": stats, "candidates": len(h.cs), "teacher": list(members),
              "labels": {"pii": n_pos, "not": n_neg, "abstain": n_abs}, "by_type": by_type}
    log(f"teacher: {len(h.cs):,} candidates: {n_pos:,} PII, {n_neg:,} not, {n_abs:,} abstained")
    if args.review:
        with open(args.review, "wb") as f:
            os.chmod(args.review, 0o600)
            for row in fb.review_rows(h, votes, labels, members):
                f.write(orjson.dumps(row) + b"\n")
        log(f"review sheet (values shaped, never raw): {args.review}")
    code = 0
    if args.retrain:
        real = _real_path(args)
        variant = fb.retrain(fb.labelled(h, labels, holdout=False), args.retrain, args.n_train,
                             args.n_val, args.epochs, real, args.n_splice,
                             quantize=not args.no_quantize, log=log)
        cmp = fb.compare(ARTIFACTS, args.retrain, variant, fb.labelled(h, labels, holdout=True),
                         args.n_eval, real, log=log)
        report["compare"] = cmp
        _print_compare(cmp)
        if args.promote:
            if cmp["verdict"]:
                done = fb.promote(args.retrain, variant, args.promote_to or ARTIFACTS)
                report["promoted"] = done
                log(f"promoted {cmp['new']['version']} (was {cmp['shipped']['version']}): {', '.join(done)}")
            else:
                report["promoted"] = []
                log("not promoted: " + "; ".join(cmp["reasons"]))
                code = 1
    if args.json:
        with open(args.json, "wb") as f:
            f.write(orjson.dumps(report, option=orjson.OPT_INDENT_2 | orjson.OPT_SERIALIZE_NUMPY))
    return code


def _print_compare(cmp: dict) -> None:
    def f(x):
        return "n/a" if x is None else f"{x:.4f}"

    print("| model | generated P | generated R | held-out R (teacher) | held-out P (teacher) | real-log strict lines /10k |")
    print("|---|---|---|---|---|---|")
    for name in ("shipped", "new"):
        m = cmp[name]
        rl = m["reallogs"]
        print(f"| {name} `{m['version']}` | {f(m['generated']['precision'])} | {f(m['generated']['recall'])} "
              f"| {f(m['holdout']['recall'])} | {f(m['holdout']['precision'])} | "
              f"{'n/a' if not rl else format(rl['per_10k'], '.1f')} |")
    print("verdict: " + ("no worse on every yardstick" if cmp["verdict"] else "worse: " + "; ".join(cmp["reasons"])))


def cmd_quantize_cnn(args) -> int:
    from .train.quantize_cnn import quantize_cnn

    meta = quantize_cnn(args.variant, args.n_train, args.n_val, args.n_calib, out_dir=args.out,
                        log=lambda s: print(s, file=sys.stderr, flush=True),
                        real=_real_path(args), n_splice=args.n_splice)
    print(orjson.dumps({"variant": meta["variant"], "thresholds": meta["thresholds"],
                        "val_micro_at_lo": meta["val_at_lo"]["micro"],
                        "val_micro_at_lo_fp32": meta["val_at_lo_fp32"]["micro"],
                        "windows_per_s": meta["windows_per_s_cpu_batch128"]},
                       option=orjson.OPT_INDENT_2).decode())
    return 0


def cmd_compress(args) -> int:
    from .train.compress import compress
    from .models import ARTIFACTS

    compress(args.n_train, args.epochs, args.energy, args.prune_to, args.n_eval,
             n_val=args.n_val, distill_to=tuple(args.distill_to), n_distill=args.n_distill,
             n_mine=args.n_mine,
             out_dir=args.out or ARTIFACTS, log=lambda s: print(s, file=sys.stderr, flush=True))
    return 0


def cmd_bench_cnn(args) -> int:
    from .dev.bench_models import bench_cnn

    return bench_cnn(args)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as e:
        print(f"piistream: configuration error: {e}", file=sys.stderr)
        return 2
    except Exception as e:
        from confluent_kafka import KafkaException
        if isinstance(e, KafkaException):  # unreachable broker, refused credentials, ...
            print(f"piistream: Kafka error: {e.args[0] if e.args else e}", file=sys.stderr)
            return 1
        raise
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
