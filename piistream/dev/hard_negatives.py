"""A probe of hard negatives: log lines of common kinds whose numbers are no PII (counters, ids,
sizes, case and order numbers, versions, coordinates, sequence numbers), written here from the
formats of common software, not from any test set. Prints the strict-type findings (the types of
``STRICT``: every one is a false alarm) per template and scorer.

    python -m piistream.dev.hard_negatives [--n 4000] [--seed 5] [--scorers rules cnn cnn+verifier]

A template's values are drawn at random (digits, hex) on every line, so a finding is a shape
that a recognizer or the charCNN takes for PII in that phrasing, not one unlucky value; rerun
with other seeds to see it hold.
"""
from __future__ import annotations

import argparse
import collections
import random
from collections.abc import Callable

from ..models.entities import STRICT_TYPES as STRICT


def templates(r: random.Random) -> list[Callable[[], str]]:
    def d(n: int) -> str:
        return str(r.randrange(10 ** (n - 1), 10 ** n))

    def h(n: int) -> str:
        return "".join(r.choice("0123456789abcdef") for _ in range(n))

    def ip() -> str:
        return f"10.{r.randrange(256)}.{r.randrange(256)}.{r.randrange(256)}"

    return [
        lambda: f"kernel: [{r.randrange(1, 99999)}.{d(6)}] EXT4-fs (sda1): mounted filesystem with "
                f"ordered data mode. inode {d(9)}",
        lambda: f"GC pause (G1 Evacuation Pause) {r.randrange(1, 900)}M->{r.randrange(1, 900)}M"
                f"({d(4)}M) {r.random() * 50:.3f}ms, heap used {d(10)} bytes",
        lambda: f"order {d(9)} shipped via UPS tracking 1Z{h(6).upper()}{d(10)} weight "
                f"{r.randrange(1, 99)}.{d(2)}kg",
        lambda: f"ts={d(13)} level=info msg=\"request done\" duration_ns={d(9)} bytes_out={d(7)} "
                f"seq={d(9)}",
        lambda: f"TCP: {ip()}:443 seq {d(10)} ack {d(10)} win {d(5)}",
        lambda: f"[{d(9)}] job_id={d(9)} batch={d(9)} rows={d(7)} elapsed={d(5)}ms",
        lambda: f"invoice INV-{d(9)} total {d(4)}.{d(2)} USD due {r.randrange(1, 28):02d}/"
                f"{r.randrange(1, 12):02d}/2025 customer #{d(9)}",
        lambda: f"Memory: {d(8)}k/{d(8)}k available ({d(5)}k kernel code, {d(6)}k reserved)",
        lambda: f"pid {d(5)} exited with status {r.randrange(0, 255)} after {d(9)} ticks, rss {d(9)}",
        lambda: f"BlockManagerInfo: Added rdd_{r.randrange(1, 99)}_{r.randrange(1, 999)} in memory on "
                f"host:{d(5)} (size: {d(3)}.{d(1)} KB, free: {d(3)}.{d(1)} MB) id {d(12)}",
        lambda: f"sshd[{d(5)}]: Accepted publickey for deploy from {ip()} port {d(5)} ssh2: RSA "
                f"SHA256:{h(10)}",
        lambda: f"INSERT INTO events VALUES ({d(9)}, {d(10)}, '{d(3)}-{d(2)}-{d(4)}-{h(4)}', {d(6)})",
        lambda: f"build #{d(4)} artifact sha {h(40)} size {d(9)} version {r.randrange(1, 20)}."
                f"{r.randrange(30)}.{d(4)}",
        lambda: f"mysql slow query: Query_time: {r.random() * 9:.6f} Rows_sent: {d(4)} "
                f"Rows_examined: {d(9)} thread_id: {d(9)}",
        lambda: f"ERROR 1062 (23000): Duplicate entry '{d(9)}' for key 'PRIMARY'",
        lambda: f"Transaction {d(16)} committed at LSN {h(8).upper()}/{h(8).upper()} xid {d(9)}",
        lambda: f"ticket SR{d(9)} opened, case number {d(3)}-{d(3)}-{d(4)}, priority "
                f"P{r.randrange(1, 4)}",
        lambda: f"SKU {d(3)}-{d(2)}-{d(4)} qty {r.randrange(1, 50)} price {d(3)}.{d(2)} warehouse "
                f"{d(4)}",
        lambda: f"lat={r.uniform(-90, 90):.6f} lon={r.uniform(-180, 180):.6f} alt={d(4)} "
                f"sats={r.randrange(3, 14)} fix {d(9)}",
        lambda: f"Disk /dev/nvme0n1: {d(3)}.{d(1)} GiB, {d(12)} bytes, {d(10)} sectors",
        lambda: f"kafka: partition {r.randrange(64)} offset {d(11)} lag {d(6)} consumer-{d(9)}",
        lambda: f"epoch {d(10)} block {d(8)} gas used {d(8)} nonce {d(6)} chain {d(4)}",
        lambda: f"Serial Number: {d(12)}  Model: XR-{d(4)}  Firmware {r.randrange(1, 9)}."
                f"{r.randrange(10)}.{d(3)}",
        lambda: f"counter rx_packets={d(10)} tx_packets={d(10)} rx_bytes={d(12)} tx_bytes={d(12)}",
        lambda: f"Processed {d(7)} records in {d(5)} ms ({d(6)} rec/s), checkpoint {d(9)}",
        lambda: f"CVE-20{r.randrange(10, 26)}-{d(5)} fixed in package {d(1)}.{d(2)}.{d(3)}-{d(1)}"
                f"ubuntu{d(1)}",
        lambda: f"phone-home check ok: build {d(10)} uptime {d(7)}s load {r.random() * 4:.2f}",
        lambda: f"Request-Id: {d(3)}-{d(7)}-{d(7)} Session {d(10)} Account type: premium",
        lambda: f"date={d(8)} time={d(6)} device_id={d(10)} log_id={d(10)} type=traffic "
                f"sent={d(6)} rcvd={d(6)}",
        lambda: f"PO# {d(10)} vendor {d(6)} amount {d(5)}.{d(2)} GL {d(4)}-{d(3)}-{d(3)}",
    ]


def probe(scorers: list[str], n: int = 4000, seed: int = 5) -> dict[str, dict[tuple[int, str], list]]:
    """{scorer: {(template index, type): [count, first line, first value]}} of strict findings."""
    from ..models.detector import Detector
    from ..models.records import Processor
    from ..train.evaluate import build_scorer

    r = random.Random(seed)
    ts = templates(r)
    lines = [(i % len(ts), ts[i % len(ts)]()) for i in range(n)]
    out = {}
    for name in scorers:
        proc = Processor(Detector(scorer=build_scorer(name)))
        found: dict[tuple[int, str], list] = {}
        for k in range(0, n, 512):
            chunk = lines[k:k + 512]
            for (t, line), res in zip(chunk, proc.process([ln.encode() for _, ln in chunk], "text")):
                for e in res.entities:
                    if e["type"] in STRICT:
                        got = found.setdefault((t, e["type"]), [0, line, line[e["start"]:e["end"]]])
                        got[0] += 1
        out[name] = found
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=4000, help="lines (the templates in turn)")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--scorers", nargs="+", default=["rules", "cnn"])
    a = ap.parse_args(argv)
    res = probe(a.scorers, a.n, a.seed)
    print(f"| scorer | strict findings on {a.n:,} PII-free lines | per 10k lines |")
    print("|---|---:|---:|")
    for name, found in res.items():
        total = sum(v[0] for v in found.values())
        print(f"| {name} | {total} | {total * 10000 / a.n:.1f} |")
    for name, found in res.items():
        by = collections.Counter({k: v[0] for k, v in found.items()})
        for (t, typ), count in by.most_common():
            _, line, value = found[(t, typ)]
            print(f"- {name}: template {t}, {typ} x{count}: {value!r} in {line[:140]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
