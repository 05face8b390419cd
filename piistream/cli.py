"""piistream command line: scan, demo, bench."""
from __future__ import annotations

import argparse
import os
import sys
from contextlib import ExitStack

import orjson

from . import __version__
from .io import batched, read_records
from .models.cnn_runtime import BACKENDS
from .models.detector import SCORERS, Detector, make_scorer
from .models.records import DEFAULT_MAX_BYTES, Processor
from .models.redact import OPERATORS, ConfigError, Redactor, load_hmac_key


def _operators(specs: list[str]) -> dict[str, str]:
    ops = {}
    for spec in specs or []:
        etype, sep, op = spec.partition("=")
        if not sep:
            raise ConfigError(f"--operator {spec!r}: expected TYPE=OP, e.g. US_SSN=mask")
        ops[etype.strip().upper()] = op.strip()
    return ops


def build_processor(args) -> Processor:
    key = load_hmac_key()
    redactor = Redactor(_operators(args.operator), default=args.default_operator,
                        hmac_key=key[0] if key else None, key_id=key[1] if key else "k1")
    return Processor(Detector(scorer=make_scorer(args.scorer, args.backend)), redactor,
                     max_bytes=args.max_bytes)


def cmd_scan(args) -> int:
    proc = build_processor(args)
    out = open(args.output, "wb") if args.output else sys.stdout.buffer
    failed = 0
    total = 0
    bar = None
    if sys.stderr.isatty() and not args.quiet:
        from tqdm import tqdm
        bar = tqdm(unit=" rec", unit_scale=True, file=sys.stderr, desc="scan")
    try:
        with ExitStack() as stack:
            files = args.files or ["-"]
            for name in files:
                if name == "-":
                    stream = sys.stdin.buffer
                else:
                    try:
                        stream = stack.enter_context(open(name, "rb"))
                    except OSError as e:
                        print(f"piistream scan: cannot open {name}: {e.strerror}", file=sys.stderr)
                        return 2
                for chunk in batched(read_records(stream, args.max_bytes), args.batch_size):
                    results = proc.process_safe(chunk, args.input_format)
                    buf = bytearray()
                    for r in results:
                        if r.error is not None:
                            failed += 1
                        buf += r.to_json()
                        buf += b"\n"
                    out.write(buf)
                    total += len(results)
                    if bar is not None:
                        bar.update(len(results))
            out.flush()
    except BrokenPipeError:
        return 1
    finally:
        if bar is not None:
            bar.close()
    if failed and not args.quiet:
        print(f"piistream scan: {failed} of {total} records failed (see their \"error\" field)",
              file=sys.stderr)
    return 1 if failed else 0


def cmd_demo(args) -> int:
    if args.batch:
        from .demo import run_demo
        return run_demo(args)
    from .stream.demo import run_stream_demo
    return run_stream_demo(records=args.records, rate=args.rate, seconds_max=args.seconds_max,
                           show=args.lines)


def cmd_bench_stream(args) -> int:
    from .stream.bench import bench_stream
    return bench_stream(args)


def cmd_bench(args) -> int:
    from .bench import bench_scan
    return bench_scan(args)


def _broker(args) -> str:
    b = args.broker or os.environ.get("PIISTREAM_BROKER")
    if not b:
        raise ConfigError("no broker: pass --broker HOST:PORT or set PIISTREAM_BROKER")
    return b


def cmd_topics_apply(args) -> int:
    from rich.console import Console

    from .topics.admin import apply_topics

    report = apply_topics(_broker(args), env=args.env, prefix=args.prefix, dry_run=args.dry_run,
                          fix_partitions=args.fix_partitions)
    Console().print(report.render())
    return 0 if report.ok else 1


def cmd_worker(args) -> int:
    from .stream.app import StreamSettings, run_worker
    from .topics.admin import apply_topics

    broker = _broker(args)
    if args.scorer:
        os.environ["PIISTREAM_SCORER"] = args.scorer
    if args.backend:
        os.environ["PIISTREAM_CNN_BACKEND"] = args.backend
    if not args.no_apply:
        report = apply_topics(broker, env=args.env, prefix=args.prefix)
        if not report.ok:
            from rich.console import Console
            Console(stderr=True).print(report.render())
            print("piistream worker: topics drift from their definitions; fix them or pass "
                  "--no-apply", file=sys.stderr)
            return 1
    families = tuple(f.strip() for f in args.families.split(",") if f.strip())
    run_worker(StreamSettings(broker=broker, app_id=args.app_id, prefix=args.prefix,
                              max_batch=args.max_batch, max_wait=args.max_wait,
                              families=families, verify=not args.no_verify, datadir=args.datadir,
                              max_record_bytes=args.max_bytes, verifier=not args.no_verifier,
                              verify_deadline=args.verify_deadline),
               loglevel=args.loglevel)
    return 0


def _add_redaction_args(p):
    p.add_argument("--operator", action="append", metavar="TYPE=OP",
                   help=f"redaction operator for a type, one of {', '.join(OPERATORS)} (repeatable)")
    p.add_argument("--default-operator", default="type", choices=OPERATORS)
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                   help="records larger than this are reported as errors (default 1 MiB)")
    p.add_argument("--batch-size", type=int, default=4096, help="records per detection batch")
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
    p.add_argument("-o", "--output", help="write here instead of stdout")
    p.add_argument("-q", "--quiet", action="store_true")
    _add_redaction_args(p)
    p.set_defaults(func=cmd_scan)

    p = sub.add_parser("topics", help="topic definitions")
    tsub = p.add_subparsers(dest="topics", required=True)
    t = tsub.add_parser("apply", help="create missing topics, report drift from the definitions")
    t.add_argument("--broker", help="bootstrap servers (default: $PIISTREAM_BROKER)")
    t.add_argument("--env", choices=("dev", "prod"), default="dev")
    t.add_argument("--prefix", default="", help="topic name prefix")
    t.add_argument("--dry-run", action="store_true")
    t.add_argument("--fix-partitions", action="store_true", help="add missing partitions")
    t.set_defaults(func=cmd_topics_apply)

    p = sub.add_parser("worker", help="run a streaming worker (Faust) against a broker")
    p.add_argument("--broker", help="bootstrap servers (default: $PIISTREAM_BROKER)")
    p.add_argument("--env", choices=("dev", "prod"), default="dev")
    p.add_argument("--prefix", default="", help="topic name prefix")
    p.add_argument("--app-id", default="piistream", help="Faust app id = consumer group")
    p.add_argument("--families", default="logs,docs", help="detect agents to run")
    p.add_argument("--no-verify", action="store_true", help="do not run the verify agent")
    p.add_argument("--no-verifier", action="store_true",
                   help="run the verify agent without the verifier model (fail closed)")
    p.add_argument("--verify-deadline", type=float, default=60.0,
                   help="seconds a record may wait for verification before it fails closed")
    p.add_argument("--max-batch", type=int, default=2000)
    p.add_argument("--max-wait", type=float, default=0.05, help="seconds to fill a batch")
    p.add_argument("--datadir", help="Faust data directory")
    p.add_argument("--no-apply", action="store_true", help="do not create/check topics first")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                   help="records larger than this go to the DLQ")
    p.add_argument("--loglevel", default="WARNING")
    _add_scorer_args(p)
    p.set_defaults(func=cmd_worker)

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
    b = bsub.add_parser("scan", help="records/s of scan vs a naive regex baseline")
    b.add_argument("--n", type=int, default=200_000, help="records in the generated corpus")
    b.add_argument("--pii-rate", type=float, default=0.02)
    b.add_argument("--seed", type=int, default=7)
    b.add_argument("--repeat", type=int, default=3, help="best of N timed runs")
    b.add_argument("--scorers", nargs="+", default=["rules", "cnn"], choices=SCORERS)
    b.set_defaults(func=cmd_bench)
    b = bsub.add_parser("cnn", help="charCNN windows/s per variant, backend and batch size")
    b.add_argument("--variants", nargs="+", default=["seed", "lean"])
    b.add_argument("--backends", nargs="+", default=None, help="default: onnx-cpu (+ GPU ones if present)")
    b.add_argument("--batches", type=int, nargs="+", default=[1, 64, 512])
    b.add_argument("--threads", type=int, default=2, help="CPU threads for inference")
    b.add_argument("--seconds", type=float, default=3.0, help="time per cell")
    b.set_defaults(func=cmd_bench_cnn)
    b = bsub.add_parser("stream", help="Faust pipeline vs raw Kafka passthrough, latency")
    b.add_argument("--broker", help="use this broker instead of starting an embedded one")
    b.add_argument("--n", type=int, default=200_000, help="records in the generated corpus")
    b.add_argument("--pii-rate", type=float, default=0.02)
    b.add_argument("--seed", type=int, default=7)
    b.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    b.add_argument("--latency-rate", type=float, default=5000, help="offered records/s")
    b.add_argument("--latency-seconds", type=float, default=20)
    b.add_argument("--scorers", nargs="+", choices=SCORERS, default=["cnn", "rules"],
                   help="measure the workers with each scorer (latency: the first)")
    b.set_defaults(func=cmd_bench_stream)

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
    t.set_defaults(func=cmd_train_cnn)

    p = sub.add_parser("compress", help="fine-tune the MiniLM verifier, compress it, report, "
                                        "ship the chosen int8 variant")
    p.add_argument("--n-train", type=int, default=3000, help="windows to fine-tune on (hard-mined)")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--energy", type=float, default=0.9, help="SVD: singular-value energy kept")
    p.add_argument("--prune-to", type=int, default=3, help="layer pruning: encoder layers kept")
    p.add_argument("--n-eval", type=int, default=1500)
    p.add_argument("--out", default=None, help="artifact directory (default: the shipped one)")
    p.set_defaults(func=cmd_compress)

    p = sub.add_parser("label", help="golden labels: the verifier relabels a noisy candidate pool; "
                                     "the charCNN is retrained on each and compared")
    p.add_argument("--n", type=int, default=20_000, help="generated training records")
    p.add_argument("--noise", type=float, default=0.15, help="share of generator labels flipped")
    p.add_argument("--n-eval", type=int, default=6000)
    p.set_defaults(func=cmd_label)

    p = sub.add_parser("eval", help="detection quality per type on the test split (unseen families)")
    p.add_argument("--n", type=int, default=6000, help="generated test records")
    p.add_argument("--pii-rate", type=float, default=0.5)
    p.add_argument("--scorers", nargs="+",
                   default=["rules", "cnn-seed:alone", "cnn-lean:alone", "cnn-seed", "cnn-lean"],
                   choices=SCORERS + ("cnn-seed:alone", "cnn-lean:alone", "cnn-lean+verifier"),
                   help="NAME:alone = the charCNN without the rules' disputes; "
                        "cnn-lean+verifier = with the verification stage")
    p.add_argument("--split", choices=("test", "val"), default="test")
    p.add_argument("--json", help="also write the numbers here")
    p.set_defaults(func=cmd_eval)
    return ap


def cmd_train_cnn(args) -> int:
    from .models.train import ARTIFACTS, TrainConfig, train_cnn

    cfg = TrainConfig(variant=args.variant, n_train=args.n_train, n_val=args.n_val,
                      epochs=args.epochs, batch=args.batch, lr=args.lr, seed=args.seed,
                      threads=args.threads, max_minutes=args.max_minutes)
    meta = train_cnn(cfg, args.out or ARTIFACTS, progress=sys.stderr.isatty(),
                     log=lambda s: print(s, file=sys.stderr, flush=True))
    print(orjson.dumps({"variant": meta["variant"], "best_epoch": meta["best_epoch"],
                        "train_seconds": meta["train_seconds"], "thresholds": meta["thresholds"],
                        "val_micro_at_lo": meta["val_at_lo"]["micro"]},
                       option=orjson.OPT_INDENT_2).decode())
    return 0


def cmd_eval(args) -> int:
    from rich.console import Console

    from .models.evaluate import evaluate, quality_table

    res = evaluate(args.scorers, args.n, args.pii_rate, split=args.split)
    Console(width=max(200, Console().width)).print(quality_table(res, f"span-level quality, {args.n:,} generated records of the "
                                       f"{args.split} families (pii rate {args.pii_rate})"))
    if args.json:
        with open(args.json, "wb") as f:
            f.write(orjson.dumps(res, option=orjson.OPT_INDENT_2 | orjson.OPT_SERIALIZE_NUMPY))
    return 0


def cmd_label(args) -> int:
    from rich.console import Console

    from .models.evaluate import quality_table
    from .models.label import golden_labels

    rep = golden_labels(args.n, args.noise, n_eval=args.n_eval,
                        log=lambda s: print(s, file=sys.stderr, flush=True))
    Console(width=max(160, Console().width)).print(quality_table(
        rep["results"], f"charCNN (lean, no disputes) trained on noisy vs golden labels: test "
                        f"families; label accuracy noisy {rep['noisy_label_accuracy']:.3f}, "
                        f"golden {rep['golden_label_accuracy']:.3f}"))
    return 0


def cmd_compress(args) -> int:
    from .models.compress import compress
    from .models.verifier import ARTIFACTS

    compress(args.n_train, args.epochs, args.energy, args.prune_to, args.n_eval,
             out_dir=args.out or ARTIFACTS, log=lambda s: print(s, file=sys.stderr, flush=True))
    return 0


def cmd_bench_cnn(args) -> int:
    from .models.bench_cnn import bench_cnn

    return bench_cnn(args)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as e:
        print(f"piistream: configuration error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
