"""The scan CLI as a user runs it: a subprocess over files and stdin."""
import os
import subprocess
import sys

import orjson
import pytest

CLI = [sys.executable, "-m", "piistream"]


def run(args, stdin=b"", env=None):
    return subprocess.run(CLI + args, input=stdin, capture_output=True, timeout=300,
                          env={**os.environ, **(env or {})})


def test_scan_stdin_one_line_per_record_in_order():
    lines = [b"ssn 536-22-1234", b"", b"nothing", b"mail a@b.io", b"last without newline"]
    p = run(["scan"], b"\n".join(lines))
    assert p.returncode == 0, p.stderr
    out = [orjson.loads(x) for x in p.stdout.splitlines()]
    assert [o["redacted"] for o in out] == ["ssn [US_SSN]", "", "nothing", "mail [EMAIL_ADDRESS]",
                                            "last without newline"]
    assert p.stderr == b""


def test_scan_bad_input_goes_on_and_exit_code_says_so(tmp_path):
    big = b"x" * (10 << 20)  # a 10 MB line
    data = b"\n".join([b"ok 536-22-1234", b"\xc3\x28 bad utf8", b"nul\x00byte", big,
                       b"after big 8.8.8.8"]) + b"\n"
    f = tmp_path / "in.txt"
    f.write_bytes(data)
    p = run(["scan", str(f)])
    assert p.returncode == 1
    out = [orjson.loads(x) for x in p.stdout.splitlines()]
    assert len(out) == 5
    assert out[0]["redacted"] == "ok [US_SSN]"
    assert out[1]["error"].startswith("invalid_utf8")
    assert out[2]["error"].startswith("nul_byte")
    assert out[3]["error"] == f"oversize: record is {len(big)} bytes, limit is {1 << 20}"
    assert out[4]["redacted"] == "after big [IP_ADDRESS]"
    assert b"Traceback" not in p.stderr and b"3 of 5 records failed" in p.stderr


def test_scan_json_input(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_bytes(b'{"user": {"email": "ann@example.org"}, "n": 1}\n{broken\n')
    p = run(["scan", "--input-format", "json", str(f)])
    assert p.returncode == 1
    a, b = [orjson.loads(x) for x in p.stdout.splitlines()]
    assert a["redacted"] == {"user": {"email": "[EMAIL_ADDRESS]"}, "n": 1}
    assert a["entities"][0]["path"] == "user.email"
    assert b["error"].startswith("invalid_json")


def test_operators_and_keyed_tokens_from_env():
    p = run(["scan", "--operator", "US_SSN=keyed", "--operator", "EMAIL_ADDRESS=mask"],
            b"536-22-1234 and 536 22 1234 and ann@example.org",
            env={"PIISTREAM_HMAC_KEY": "test-key-0123456789", "PIISTREAM_HMAC_KEY_ID": "k2"})
    assert p.returncode == 0, p.stderr
    red = orjson.loads(p.stdout)["redacted"]
    tok = red.split(" and ")[0]
    assert tok.startswith("[US_SSN:k2:") and red.count(tok) == 2
    assert red.endswith(" and ***@******e.org")


def test_config_errors_are_clear_not_tracebacks():
    p = run(["scan", "--operator", "US_SSN=keyed"], b"x", env={"PIISTREAM_HMAC_KEY": ""})
    assert p.returncode == 2 and b"HMAC key" in p.stderr and b"Traceback" not in p.stderr
    p = run(["scan", "--operator", "SSN"], b"x")
    assert p.returncode == 2 and b"TYPE=OP" in p.stderr
    p = run(["scan", "/nonexistent/file"])
    assert p.returncode == 2 and b"cannot open" in p.stderr


@pytest.mark.slow
def test_scan_100k_lines(tmp_path):
    n = 100_000
    f = tmp_path / "big.txt"
    f.write_bytes(b"".join(b"GET /item/%d 200 from 8.8.%d.%d ssn=536-22-%04d\n" % (i, i % 200, i % 250, i % 9000 + 1000)
                           for i in range(n)))
    p = run(["scan", str(f), "-o", str(tmp_path / "out.jsonl")])
    assert p.returncode == 0, p.stderr
    out = (tmp_path / "out.jsonl").read_bytes().splitlines()
    assert len(out) == n
    for i in (0, 4567, n - 1):
        o = orjson.loads(out[i])
        assert o["redacted"] == f"GET /item/{i} 200 from [IP_ADDRESS] ssn=[US_SSN]"


def test_scan_verifier_never_clears_what_the_rules_redact():
    # a context-less SSN-shaped value: the rules say PII, the charCNN says not (a dispute). A
    # validated formatted SSN is PII unless contrary context says otherwise (issue 16): the
    # verifier may clear only what the rules would not redact, so the dispute stays redacted
    lines = [b"ok 536-22-1234", b"ssn 536-22-1234", b"mail a@b.io", b"nothing here"]
    plain = [orjson.loads(x) for x in run(["scan"], b"\n".join(lines)).stdout.splitlines()]
    p = run(["scan", "--verifier"], b"\n".join(lines))
    assert p.returncode == 0, p.stderr
    verified = [orjson.loads(x) for x in p.stdout.splitlines()]
    assert len(plain) == len(verified) == len(lines)
    assert [e["stage"] for e in plain[0]["entities"]] == ["disputed"]  # redacted: fail closed
    assert plain[0]["redacted"] == "ok [US_SSN]"
    assert verified == plain
    assert verified[1]["redacted"] == "ssn [US_SSN]"


def test_a_valid_value_with_a_supporting_keyword_is_never_cleared_by_a_model():
    """Phrasings the generated training data lacks: the charCNN scores them clean and the
    verifier agreed (both leaked before). The validator passes and the keyword decides the
    context, so the rules' verdict stands, with and without the verifier. Without the keyword
    the same values are still only disputed."""
    lines = [b"social security number 536 90 4399 on file", b"taxpayer id 912-78-1234",
             b"row 536 90 4399 on file"]
    for args in (["scan"], ["scan", "--verifier"]):
        p = run(args, b"\n".join(lines))
        assert p.returncode == 0, p.stderr
        out = [orjson.loads(x) for x in p.stdout.splitlines()]
        assert out[0]["redacted"] == "social security number [US_SSN] on file", args
        assert out[1]["redacted"] == "taxpayer id [US_ITIN]", args
        # decided PII by the rules' verdict, or by the charCNN itself (trained on real text too)
        assert [e["stage"] in ("rules", "charcnn") for e in out[0]["entities"] + out[1]["entities"]] == [True, True]
        assert all(e["stage"] != "rules" for e in out[2]["entities"])


def test_keep_disputed_keeps_a_types_disputes_redacted_with_the_verifier():
    """A formatted SSN beside a name, no keyword: the charCNN says clean, the rules say PII (a
    dispute). A dispute is a candidate the rules redact on their own, which the verifier never
    clears (issue 16); ``verifier.keep_disputed`` says so explicitly for a type."""
    lines = [b"17,Jane Roe,536-90-4399,(415) 555-2671", b"Jane Roe 536-90-4399"]
    p = run(["scan", "--verifier"], b"\n".join(lines), env={"PIISTREAM_VERIFIER_KEEP_DISPUTED": "US_SSN"})
    assert p.returncode == 0, p.stderr
    kept = [orjson.loads(x) for x in p.stdout.splitlines()]
    assert kept[0]["redacted"] == "17,Jane Roe,[US_SSN],[PHONE_NUMBER]"
    assert kept[1]["redacted"] == "Jane Roe [US_SSN]"
    # still undecided after the verification stage: the verifier never saw it
    assert [e["stage"] for e in kept[1]["entities"]] == ["disputed"]


# -- scan --processes: the cascade in several processes, the same output in the same order --------
def _mixed_input() -> bytes:
    import gzip
    from pathlib import Path

    corpus = Path(__file__).parent / "data" / "behaviour" / "corpus-text.txt.gz"
    with gzip.open(corpus, "rb") as f:
        lines = [line.rstrip(b"\n") for line, _ in zip(f, range(3000))]
    # records that fail, among the others: bad UTF-8, a NUL, a line over --max-bytes
    for i, bad in ((5, b"\xc3\x28 bad utf8"), (1200, b"nul\x00byte"), (2999, b"y" * 5000)):
        lines[i] = bad
    return b"\n".join(lines) + b"\n"


@pytest.mark.parametrize("processes", ["2", "0"])
def test_scan_processes_write_what_one_process_writes(tmp_path, processes):
    """Byte for byte the output of one process, in input order, across many small batches;
    the failed records counted the same."""
    f = tmp_path / "in.txt"
    f.write_bytes(_mixed_input())
    args = ["scan", "--batch-size", "97", "--max-bytes", "4096", str(f)]
    one = run(args)
    many = run(args + ["--processes", processes])
    assert one.returncode == many.returncode == 1
    assert len(one.stdout.splitlines()) == 3000
    assert many.stdout == one.stdout
    assert b"3 of 3000 records failed" in one.stderr and b"3 of 3000 records failed" in many.stderr
    out = [orjson.loads(x) for x in many.stdout.splitlines()]
    assert [i for i, o in enumerate(out) if "error" in o] == [5, 1200, 2999]
    assert sum(len(o["entities"]) for o in out) > 1000


def test_scan_processes_json_and_verifier(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_bytes(b'{"user": {"email": "ann@example.org"}, "ssn": "536-22-1234"}\n{broken\n' * 50)
    args = ["scan", "--input-format", "json", "--verifier", "--batch-size", "7", str(f)]
    one, many = run(args), run(args + ["--processes", "2"])
    assert one.returncode == many.returncode == 1
    assert many.stdout == one.stdout and len(many.stdout.splitlines()) == 100
    assert orjson.loads(many.stdout.splitlines()[0])["redacted"] == {
        "user": {"email": "[EMAIL_ADDRESS]"}, "ssn": "[US_SSN]"}


def test_scan_processes_bad_count_is_a_usage_error():
    p = run(["scan", "--processes", "-1"], b"x\n")
    assert p.returncode == 2 and b"--processes" in p.stderr and p.stdout == b""


def test_scan_says_so_when_a_detection_process_dies():
    """A detection process killed mid-scan (SIGKILL, as the OOM killer does): exit code 2, a
    message, and the output stops at a batch boundary (whole lines, in order), never a hang."""
    import signal

    p = subprocess.Popen(CLI + ["scan", "--processes", "2", "--batch-size", "10", "-"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    line = b"ssn 536-22-1234 mail a@b.io\n"
    p.stdin.write(line * 60)  # six batches: more than the four in flight, so output comes
    p.stdin.flush()
    first = b""
    while b"\n" not in first:  # the processes are up and have scanned a batch (read from the
        first += os.read(p.stdout.fileno(), 1 << 16)  # fd: communicate() reads it, not a buffer)
    with open(f"/proc/{p.pid}/task/{p.pid}/children") as f:
        children = [int(x) for x in f.read().split()]
    for pid in children:  # the pool's processes (spawn also starts a resource tracker: spared)
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if b"resource_tracker" in f.read():
                    continue
            os.kill(pid, signal.SIGKILL)
        except (FileNotFoundError, ProcessLookupError):
            pass
    out, err = p.communicate(line * 100, timeout=120)  # (a broken pipe is ignored here)
    out = first + out
    assert p.returncode == 2, err
    assert b"a detection process died" in err and b"Traceback" not in err
    lines = out.splitlines()
    assert len(lines) % 10 == 0 and len(lines) < 130
    assert all(orjson.loads(x)["redacted"] == "ssn [US_SSN] mail [EMAIL_ADDRESS]" for x in lines)


def test_a_dead_pools_feeder_thread_is_quiet(monkeypatch):
    """The race behind a rare traceback in the test above: a killed process's pool closes its
    call queue while the queue's feeder thread writes (OSError: Bad file descriptor). Its
    error is not printed; any other thread's error is, through the hook there was before."""
    import threading
    from types import SimpleNamespace

    from piistream import scanpool

    seen = []
    monkeypatch.setattr(scanpool, "_EXCEPTHOOK", seen.append)
    feeder = threading.Thread(name="QueueFeederThread")
    other = threading.Thread(name="Thread-7")
    err = OSError(9, "Bad file descriptor")
    scanpool._quiet_feeder(SimpleNamespace(exc_type=OSError, exc_value=err, exc_traceback=None, thread=feeder))
    assert seen == []
    for args in (SimpleNamespace(exc_type=OSError, exc_value=err, exc_traceback=None, thread=other),
                 SimpleNamespace(exc_type=ValueError, exc_value=ValueError("x"), exc_traceback=None,
                                 thread=feeder)):
        scanpool._quiet_feeder(args)
    assert len(seen) == 2
