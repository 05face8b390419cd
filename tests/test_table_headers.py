"""A table's header line carried to the rows after it (``HeaderCarry``): a CSV export shipped
line by line names its columns once, in its first line. The CLI (in its reading process, in
input order, whatever ``--processes``) carries it, and the worker's and the replay tool's
``Engine`` (per input partition) with ``worker.table_headers``; the detector reads each row under its header and alone, and keeps
the entities of both."""
from __future__ import annotations

import subprocess
import sys

import orjson
import pytest

from piistream.cascade import Cascade
from piistream.models.detector import Detector, make_scorer
from piistream.models.recognizers.base import header_line
from piistream.models.records import HeaderCarry, Oversize, Processor
from piistream.models.redact import Tokenizer
from piistream.stream.pipeline import InRecord, PartitionHeaders, Router

PAYROLL = "EmpID|Plan|Last|First|SSN|Routing|Account|Hours|Gross"
PAYROLL_ROW = "6032|E24598|JONES|E.M.|414121996|291070001|249896668|22|1281.14"
SAP = "PARTNER,VKONT,ANLAGE,NAME_FIRST,NAME_LAST,TAXTYPE,TAXNUM,SMTP_ADDR,TEL_NUMBER,BANKS,BANKL,BANKN,BKONT"
SAP_ROW = ("1065362308,210078732341,5037323642,JESSICA,TRAN,US1,113074890,jessica.tran@cox.net,"
           "404-899-4220,US,620156664,8027586220,01")


@pytest.fixture(scope="module")
def proc():
    return Processor(Detector(scorer=make_scorer("rules")))


@pytest.mark.parametrize("line,want", [
    (PAYROLL, ("|", 9)),
    ("user_id,email,routing_number,account_number,phone,ssn,device", (",", 7)),
    ("First Name\tLast Name\tSSN", ("\t", 3)),
    ("name;iban;tel", (";", 3)),
    ("| name | ssn | phone |", ("|", 3)),  # (a Markdown header: its outer pipes are no fields)
    ("a,b", None),                          # two names: no table's header
    ("2024-05-01,ok,done", None),           # a date is no column's name
    ("Hello, how are you. I am fine, thanks.", None),
    ("Done, thanks, bye.", None),           # a sentence's end
    ("id,name,ssn\n1,2,3", None),           # a record of its own lines is read as it is
])
def test_header_line_known_answers(line, want):
    assert header_line(line) == want


def test_the_carry_gives_each_row_its_header_across_batches():
    carry = HeaderCarry()
    hdr = "id,name,ssn,phone"
    assert carry.feed([b"2024-01-01 job started", hdr.encode(), b"7,Ann,536904399,2025550143",
                       b'{"a": 1, "b": 2, "c": 3, "d": 4}',   # a JSON object: no row
                       b"8,Bob,code=77,x",                     # key=value: no row
                       b"x,y,1",                               # fewer fields
                       b"1,2,3,4,5"]) == [None, None, hdr, None, None, None, None]
    # the next batch of the same source: the header holds until the next header line
    assert carry.feed([b"9,Cy,536904398,2025550144\r\n", b"9,Cy,\n536904398,2"]) == [hdr, None]
    assert carry.feed([b"no rows here"]) is None
    pipes = "a|b|c"
    assert carry.feed([Oversize(1 << 21), pipes.encode(), b"1|2|3", b"| 1 | 2 | 3 |",
                       b"7,Ann,536904399,2025550143"]) == [None, None, pipes, None, None]
    framed = "| a | b | c |"  # (a framed header's rows are framed: an unframed row is another table's)
    assert carry.feed([framed.encode(), b"| 1 | 2 | 3 |", b"1|2|3"]) == [None, framed, None]


def test_a_header_ends_after_sixteen_records_that_are_none_of_its_rows():
    carry = HeaderCarry()
    hdr = "id,name,ssn"
    assert carry.feed([hdr.encode()] + [b"a log line 1"] * 15 + [b"7,Ann,536904399"]) == \
        [None] * 16 + [hdr]
    assert carry.feed([b"a log line 2"] * 16 + [b"7,Ann,536904399"]) is None
    assert carry.header is None


def test_a_row_is_read_under_its_header(proc):
    alone = proc.process([PAYROLL_ROW.encode()], "text")[0]
    assert alone.entities == []  # (the rules alone: bare 9-digit numbers, no context)
    # (with the given name written out, the row alone is a person's: the name, and a routing
    # number with its account beside, make its other 9-digit field the SSN; no header needed)
    named = proc.process([PAYROLL_ROW.replace("E.M.", "EMMA").encode()], "text")[0]
    assert [(e["type"], e["start"], e["end"]) for e in named.entities] == [("US_SSN", 23, 32)]
    headed = proc.process([PAYROLL_ROW.encode()], "text", headers=[PAYROLL])[0]
    assert [(e["type"], e["start"], e["end"]) for e in headed.entities] == [
        ("US_SSN", 23, 32), ("ABA_ROUTING_NUMBER", 33, 42), ("US_BANK_NUMBER", 43, 52)]
    assert headed.redacted == "6032|E24598|JONES|E.M.|[US_SSN]|[ABA_ROUTING_NUMBER]|[US_BANK_NUMBER]|22|1281.14"


def test_a_header_that_names_nothing_hides_nothing_the_row_shows(proc):
    # SAP's column names ("BANKN": the account) name nothing the detector knows: what the row
    # gives alone is kept, and the bank key's column ("BANKL") adds its routing number
    alone = proc.process([SAP_ROW.encode()], "text")[0]
    headed = proc.process([SAP_ROW.encode()], "text", headers=[SAP])[0]
    spans = {(e["type"], e["start"], e["end"]) for e in alone.entities}
    # (the tax number beside the person's name, the bank's routing number and account beside it:
    # an SSN, read from the row alone)
    assert spans == {("PHONE_NUMBER", 24, 34), ("US_SSN", 52, 61), ("EMAIL_ADDRESS", 62, 82),
                     ("PHONE_NUMBER", 83, 95), ("PHONE_NUMBER", 109, 119)}
    assert {(e["type"], e["start"], e["end"]) for e in headed.entities} == \
        spans | {("ABA_ROUTING_NUMBER", 99, 108)}


def test_headers_only_for_text_and_only_for_their_records(proc):
    rows = [PAYROLL_ROW.encode(), PAYROLL_ROW.encode()]
    got = proc.process(rows, "text", headers=[PAYROLL, None])
    assert len(got[0].entities) == 3 and got[1].entities == []
    doc = orjson.dumps({"row": PAYROLL_ROW})
    assert proc.process([doc], "json", headers=[PAYROLL])[0].entities == \
        proc.process([doc], "json")[0].entities


def _scan(args, text):
    out = subprocess.run([sys.executable, "-m", "piistream", "scan", "-q", "--scorer", "rules", *args, "-"],
                         input=text.encode(), capture_output=True, check=True)
    return out.stdout


def test_scan_carries_a_files_header_to_its_rows_whatever_the_processes():
    text = "\n".join([PAYROLL] + [PAYROLL_ROW] * 3 + ["a plain line", PAYROLL_ROW]) + "\n"
    one = _scan(["--batch-size", "2"], text)
    assert _scan(["--batch-size", "2", "--processes", "2"], text) == one
    lines = [orjson.loads(x) for x in one.splitlines()]
    assert [x["redacted"] for x in lines] == [PAYROLL] + [
        "6032|E24598|JONES|E.M.|[US_SSN]|[ABA_ROUTING_NUMBER]|[US_BANK_NUMBER]|22|1281.14"] * 3 + [
        "a plain line", "6032|E24598|JONES|E.M.|[US_SSN]|[ABA_ROUTING_NUMBER]|[US_BANK_NUMBER]|22|1281.14"]


def test_partitions_carry_their_own_headers():
    ph = PartitionHeaders()
    recs = [("logs.raw", 0, 0, None, PAYROLL.encode(), []),
            ("logs.raw", 1, 0, None, PAYROLL_ROW.encode(), []),   # partition 1 has no header
            ("logs.raw", 0, 1, None, PAYROLL_ROW.encode(), [])]
    assert ph.of(recs) == [None, None, PAYROLL]
    later = [InRecord("logs.raw", 1, 1, None, PAYROLL_ROW.encode()),
             InRecord("logs.raw", 0, 2, None, PAYROLL_ROW.encode())]
    assert ph.of(later) == [None, PAYROLL]


def test_the_router_reads_rows_under_their_headers_and_the_verify_message_carries_it():
    router = Router(Cascade(Processor(Detector(scorer=make_scorer("rules"))), None, Tokenizer(b"k" * 32, "k1")))
    rec = InRecord("logs.raw", 0, 5, None, PAYROLL_ROW.encode())
    alone = router.route([rec], "text")[0]
    headed = router.route([rec], "text", headers=[PAYROLL])[0]
    assert [o.kind for o in alone] == ["redacted"]
    assert [o.kind for o in headed] == ["redacted", "alert"]
    assert headed[0].value == b"6032|E24598|JONES|E.M.|[US_SSN]|[ABA_ROUTING_NUMBER]|[US_BANK_NUMBER]|22|1281.14"
    res = router.cascade.detect([rec.value], "text", headers=[PAYROLL])[0]
    msg = orjson.loads(router.to_verify(rec, "text", res, PAYROLL).value)
    assert msg["table_header"] == PAYROLL
    assert "table_header" not in orjson.loads(router.to_verify(rec, "text", res).value)
    # a verify message whose header is no string goes to the DLQ, never lost
    msg["table_header"] = 7
    bad = router.verify([InRecord("pii.verify", 0, 1, None, orjson.dumps(msg))])[0]
    assert [o.kind for o in bad] == ["dlq"]


def test_replay_carries_a_header_across_its_batches(tmp_path):
    import json

    from piistream.config import load_config
    from piistream.stream.engine import Engine
    from piistream.stream.pipeline import Edges
    from piistream.stream.replay import FileSink, FileSource, replay

    src = tmp_path / "export.csv"
    src.write_text("\n".join([PAYROLL] + [PAYROLL_ROW] * 4) + "\n")
    def run(carry: bool):
        env = {"PIISTREAM_DETECTOR_SCORER": "rules", "PIISTREAM_VERIFIER": "off",
               "PIISTREAM_REPLAY_BATCH_SIZE": "2", "PIISTREAM_HMAC_KEY": "test-hmac-key-0123456789"}
        if carry:
            env["PIISTREAM_WORKER_TABLE_HEADERS"] = "true"
        cfg = load_config(None, env=env)
        engine = Engine(cfg, processes=0, verify=False,
                        edges=Edges({str(src): ("text", "redacted")}, "alerts", "dlq", verify=None))
        out = tmp_path / f"out-{carry}.jsonl"
        try:
            replay(cfg, FileSource(str(src)), FileSink(str(out)), "text",
                   {"redacted": "redacted", "alerts": "alerts", "dlq": "dlq"}, engine=engine)
        finally:
            engine.close()
        return [json.loads(x) for x in out.read_text().splitlines()]

    rows = run(True)
    redacted = [r for r in rows if r["topic"] == "redacted"]
    assert [r["value"] for r in redacted] == [PAYROLL] + [
        "6032|E24598|JONES|E.M.|[US_SSN]|[ABA_ROUTING_NUMBER]|[US_BANK_NUMBER]|22|1281.14"] * 4
    assert sum(r["topic"] == "alerts" for r in rows) == 4
    # off by default in the worker and replay (a restart would lose the carried header: a record
    # redelivered after a crash must be redacted as its first output was): each row alone
    rows = run(False)
    assert [r["value"] for r in rows if r["topic"] == "redacted"] == [PAYROLL] + [PAYROLL_ROW] * 4
