"""A probe of hard negatives: log lines of common kinds whose numbers are no PII (counters, ids,
sizes, case and order numbers, versions, coordinates, sequence numbers), written here from the
formats of common software, not from any test set. Prints the strict-type findings (the types of
``STRICT``: every one is a false alarm) per template and scorer.

    python -m piistream.dev.hard_negatives [--n 4000] [--seed 5] [--scorers rules cnn cnn+verifier]
                                           [--set common|loghub]

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


def _drawers(r: random.Random) -> tuple[Callable[[int], str], Callable[[int], str], Callable[[], str]]:
    """A template's values, drawn from ``r``: n decimal digits, n hex digits, a private IPv4."""
    def d(n: int) -> str:
        return str(r.randrange(10 ** (n - 1), 10 ** n))

    def h(n: int) -> str:
        return "".join(r.choice("0123456789abcdef") for _ in range(n))

    def ip() -> str:
        return f"10.{r.randrange(256)}.{r.randrange(256)}.{r.randrange(256)}"

    return d, h, ip


def templates(r: random.Random) -> list[Callable[[], str]]:
    d, h, ip = _drawers(r)
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


def loghub_templates(r: random.Random) -> list[Callable[[], str]]:
    """A second set (``--set loghub``): lines in the formats of the Loghub collection's systems
    and other common servers, none of them in the shared real-log corpus (HDFS block ids, BGL,
    Thunderbird, HealthApp, Android, Hadoop attempt and container ids, Spark, ZooKeeper,
    OpenStack, macOS, Proxifier, HPC, OpenSSH, Apache, Windows CBS, Lambda REPORT lines,
    kubelet, Squid, Junos, Redis, Elasticsearch, Cassandra, MongoDB, HAProxy, dockerd, a Java
    stack trace, PostgreSQL checkpoints, OpenTelemetry spans, payment ids, GPS fixes), written
    from their published formats with values drawn per line; the IPs in them are PII (not of a
    strict type) and not counted."""
    d, h, ip = _drawers(r)

    def uuid() -> str:
        return f"{h(8)}-{h(4)}-{h(4)}-{h(4)}-{h(12)}"

    return [
        lambda: f"081109 {d(6)} {r.randrange(1,999)} INFO dfs.DataNode$PacketResponder: PacketResponder "
                f"{r.randrange(3)} for block blk_{r.choice(['-',''])}{d(19 if r.random()<.5 else 18)} "
                f"terminating",
        lambda: f"081109 {d(6)} {r.randrange(1,999)} INFO dfs.FSNamesystem: BLOCK* NameSystem.addStoredBlock: "
                f"blockMap updated: {ip()}:50010 is added to blk_{r.choice(['-',''])}{d(19)} size "
                f"{d(8)}",
        lambda: f"- {d(10)} 2005.06.03 R{r.randrange(10)}{r.randrange(10)}-M{r.randrange(2)}-N{r.randrange(16)}-C:J{r.randrange(18):02d}-U{r.randrange(11,12)} "
                f"2005-06-03-15.42.50.{d(6)} R02-M1-N0-C:J12-U11 RAS KERNEL INFO instruction cache "
                f"parity error corrected",
        lambda: f"- {d(10)} 2005.11.09 dn{r.randrange(1,999)} Nov 9 12:01:01 dn228/dn228 crond(pam_unix)[{d(4)}]: "
                f"session closed for user root",
        lambda: f"20171223-22:15:{r.randrange(60):02d}:{d(3)}|Step_LSC|{d(8)}|onStandStepChanged {d(4)}",
        lambda: f"20171223-22:15:{r.randrange(60):02d}:{d(3)}|Step_SPUtils|{d(8)}| getTodayTotalDetailSteps "
                f"= {d(13)}##{d(4)}##{d(6)}##{d(4)}##{d(5)}##{d(8)}",
        lambda: f"03-17 16:13:38.{d(3)}  {d(4)}  {d(4)} D WindowManager: printFreezingDisplayLogs:{r.random()<.5} "
                f"timeout={d(4)} ms",
        lambda: f"2015-10-18 18:01:47,978 INFO [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: "
                f"Created MRAppMaster for application appattempt_{d(13)}_{d(4)}_{d(6)}",
        lambda: f"2015-10-18 18:01:50,353 INFO [main] org.apache.hadoop.mapred.TaskAttemptListenerImpl: "
                f"attempt_{d(13)}_{d(4)}_m_{d(6)}_0 TaskAttempt Transitioned from NEW to UNASSIGNED "
                f"container_{d(13)}_{d(4)}_01_{d(6)}",
        lambda: f"17/06/09 20:10:40 INFO storage.BlockManagerInfo: Added broadcast_{r.randrange(99)}_piece0 "
                f"in memory on {ip()}:{d(5)} (size: {r.randrange(1,99)}.0 KB, free: 2.4 GB)",
        lambda: f"2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] "
                f"- Notification time out: {d(5)} 0x{h(15)} zxid 0x{h(9)}",
        lambda: f"nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO nova.osapi_compute.wsgi.server "
                f"[req-{uuid()} {h(32)} {h(32)} - - -] {ip()} \"GET /v2/{h(32)}/servers/detail "
                f"HTTP/1.1\" status: 200 len: {d(4)} time: 0.{d(7)}",
        lambda: f"Jul  1 09:00:55 calvisitor-10-105-160-95 kernel[0]: IOThunderboltSwitch<0x{h(8)}>(0x0)::listenerCallback "
                f"- Thunderbolt HPD packet for route = 0x0 port = {r.randrange(12)} unplug = 0",
        lambda: f"[10.30 16:49:06] chrome.exe - proxy.cse.cuhk.edu.hk:5070 open through proxy "
                f"proxy.cse.cuhk.edu.hk:5070 HTTPS, {d(4)} bytes sent, {d(6)} bytes received, "
                f"lifetime {r.randrange(60):02d}:{r.randrange(60):02d}",
        lambda: f"{d(6)} node-{d(3)} unix.hw state_change.unavailable {d(10)} 1 Component State "
                f"Change: Component \"alt0\" is in the unavailable state (HWID={d(4)})",
        lambda: f"Dec 10 06:55:46 LabSZ sshd[{d(5)}]: Failed password for invalid user webmaster "
                f"from 173.234.31.186 port {d(5)} ssh2",
        lambda: f"[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state {r.randrange(9)}",
        lambda: f"Jun 14 15:16:01 combo sshd(pam_unix)[{d(5)}]: authentication failure; logname= "
                f"uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4",
        lambda: f"2016-09-28 04:30:30, Info                  CBS    Loaded Servicing Stack v6.1.7601.{d(5)} "
                f"with Core: C:\\Windows\\winsxs\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_6.1.7601.{d(5)}_none_{h(16)}\\cbscore.dll",
        lambda: f"2016-09-28 04:30:31, Info                  CSI    0000000{r.randrange(9)}@2016/9/28:20:30:31.{d(3)} "
                f"WcpInitialize (wcp.dll version 0.0.0.6) called (stack @0x7fed806eb5d @0x7fef9fb9b6d "
                f"@0x{h(11)})",
        lambda: f"REPORT RequestId: {uuid()}\tDuration: {d(3)}.{d(2)} ms\tBilled Duration: {d(3)} "
                f"ms\tMemory Size: 128 MB\tMax Memory Used: {d(2)} MB",
        lambda: f"I1209 10:{d(2)}:{d(2)}.{d(6)}    {d(4)} kubelet.go:{d(4)}] SyncLoop (PLEG): "
                f"\"pod-{h(5)}_default({uuid()})\", event: &pleg.PodLifecycleEvent{{ID:\"{uuid()}\", Type:\"ContainerStarted\", Data:\"{h(64)}\"}}",
        lambda: f"{d(10)}.{d(3)} {h(12)} {d(2)}.{d(3)} {d(3)} TCP_MISS/200 {d(4)} GET http://example.com/{h(8)} "
                f"- HIER_DIRECT/{ip()} text/html",
        lambda: f"<134>1 2023-07-11T10:{d(2)}:{d(2)}.{d(3)}Z fw01 RT_FLOW - RT_FLOW_SESSION_CREATE "
                f"[junos@2636.1.1.1.2.129 source-address=\"{ip()}\" source-port=\"{d(5)}\" session-id-32=\"{d(9)}\" "
                f"packets-from-client=\"{d(7)}\" bytes-from-client=\"{d(10)}\"]",
        lambda: f"redis: {d(4)}:M {d(2)} Dec 2023 10:00:00.{d(3)} * Background saving started "
                f"by pid {d(6)}; DB saved on disk, RDB: {d(1)} MB of memory used by copy-on-write; "
                f"offset={d(12)}",
        lambda: f"Elasticsearch [gc][{d(6)}] overhead, spent [{d(3)}ms] collecting in the last "
                f"[{d(1)}s]; node_id {h(22)} shard [{d(1)}] seqno {d(11)} primary_term {d(2)}",
        lambda: f"cassandra: Compacted (${uuid()}) 4 sstables to [/var/lib/cassandra/data/ks/t-{h(32)}/nb-{d(5)}-big,] "
                f"to level=0.  {d(10)} bytes to {d(10)} (~{d(2)}% of original) in {d(5)}ms",
        lambda: f"mongod: {{\"t\":{{\"$date\":\"2023-11-03T10:15:30.{d(3)}+00:00\"}},\"s\":\"I\",\"c\":\"NETWORK\",\"id\":{d(5)},\"ctx\":\"conn{d(6)}\",\"msg\":\"Connection ended\",\"attr\":{{\"remote\":\"{ip()}:{d(5)}\",\"connectionId\":{d(6)},\"connectionCount\":{d(3)}}}}}",
        lambda: f"haproxy[{d(5)}]: {ip()}:{d(5)} [09/Dec/2023:10:00:00.{d(3)}] fe_https~ be_app/app{r.randrange(9)} "
                f"0/0/{d(1)}/{d(3)}/{d(3)} 200 {d(5)} - - ---- {d(4)}/{d(4)}/{d(2)}/{d(2)}/0 0/0 "
                f"\"GET /api/v1/items/{d(9)} HTTP/1.1\"",
        lambda: f"dockerd: time=\"2023-12-09T10:00:00.{d(9)}Z\" level=info msg=\"ignoring event\" "
                f"container={h(64)} module=libcontainerd namespace=moby topic=/tasks/delete type=\"*events.TaskDelete\" "
                f"pid={d(7)}",
        lambda: f"java.lang.NullPointerException: null\n\tat com.example.billing.InvoiceService.process(InvoiceService.java:{d(3)}) "
                f"~[billing-{d(1)}.{d(2)}.{d(4)}.jar:na] thread-{d(9)}",
        lambda: f"postgres[{d(5)}]: LOG:  checkpoint complete: wrote {d(4)} buffers ({d(1)}.{d(1)}%); "
                f"0 WAL file(s) added; lsn={h(1).upper()}/{h(8).upper()}, redo lsn={h(1).upper()}/{h(8).upper()}; "
                f"txid {d(10)}",
        lambda: f"otel span trace_id={h(32)} span_id={h(16)} parent={h(16)} duration_us={d(7)} "
                f"http.status_code=200 net.peer.port={d(5)} thread.id={d(9)}",
        lambda: f"payment-svc order_id={d(10)} merchant_id={d(9)} amount_cents={d(7)} currency=USD "
                f"batch_seq={d(12)} settlement_date=20231209",
        lambda: f"gpsd: lat {r.uniform(-90,90):.7f} lon {r.uniform(-180,180):.7f} alt {d(3)}.{d(1)} "
                f"epoch {d(10)} sats {r.randrange(4,16)} hdop 0.{d(2)}",
    ]


SETS = ("common", "loghub")


def probe(scorers: list[str], n: int = 4000, seed: int = 5, which: str = "common"
          ) -> dict[str, dict[tuple[int, str], list]]:
    """{scorer: {(template index, type): [count, first line, first value]}} of strict findings
    on the lines of one set of templates (``SETS``: ``templates`` or ``loghub_templates``)."""
    from ..models.detector import Detector
    from ..models.records import Processor
    from ..train.evaluate import build_scorer

    r = random.Random(seed)
    ts = (templates if which == "common" else loghub_templates)(r)
    lines = [(i % len(ts), ts[i % len(ts)]().replace("\n", " ")) for i in range(n)]
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
    ap.add_argument("--set", default="common", choices=SETS,
                    help="the templates: common software's (default) or the Loghub systems'")
    a = ap.parse_args(argv)
    res = probe(a.scorers, a.n, a.seed, a.set)
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
