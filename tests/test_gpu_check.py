"""``make gpu-check`` on a machine without a GPU (CI never has one): the CPU rows are measured,
every GPU row says why it is missing instead of giving a number, and the output comparison
between configurations counts real differences."""
import json

from piistream.dev import gpu_check
from piistream.models.cnn_runtime import cuda_available
from piistream.scanpool import default_processes


def test_compare_counts_records_and_score_drift():
    ref = [("a [X]", None, [("US_SSN", 2, 5, "charcnn")]), ("b", None, [])]
    same = list(ref)
    assert gpu_check.compare(ref, [[0.9], []], same, [[0.9], []]) == (0, 0.0)
    assert gpu_check.compare(ref, [[0.9], []], same, [[0.8985], []]) == (0, 0.9 - 0.8985)
    moved = [("a [X]", None, [("US_SSN", 2, 6, "charcnn")]), ("b", None, [])]
    # a different span counts, and its score is not compared (the entities differ)
    assert gpu_check.compare(ref, [[0.9], []], moved, [[0.5], []]) == (1, 0.0)
    assert gpu_check.compare(ref, [[0.9], []], ref[:1], [[0.9]]) == (1, 0.0)


def test_gpu_check_runs_on_cpu(tmp_path, capsys):
    out = tmp_path / "gpu.json"
    assert gpu_check.main(["--seconds", "0.05", "--records", "600", "--cli-records", "700",
                           "--threads", "2", "--json", str(out)]) == 0
    res = json.loads(out.read_text())
    text = capsys.readouterr().out
    cnn = {(r["variant"], r["backend"], r["threads"]): r for r in res["cnn"]}
    assert cnn[("lean", "onnx-cpu", 2)]["max_abs_dp"] == 0.0  # the reference row
    for key in [("lean", "onnx-cpu", 2), ("lean-int8", "onnx-cpu", 1), ("lean-int8", "onnx-cpu", 2),
                ("lean", "onnx-cpu", 1)]:
        assert sorted(cnn[key]["windows_s"]) == ["4096", "512", "64"]
        assert all(v > 0 for v in cnn[key]["windows_s"].values())
    # the int8 model's probabilities differ from fp32's, but not by much
    assert 0 < cnn[("lean-int8", "onnx-cpu", 1)]["max_abs_dp"] < 0.5
    if not cuda_available():
        assert "error" in cnn[("lean", "onnx-cuda", 2)] and "error" in cnn[("lean", "torch-cuda", 2)]
        assert "| lean | torch-cuda | 2 | " in text and "Error" in text
        assert [r["device"] for r in res["verifier"] if "error" in r] == ["cuda"]
    cpu = [r for r in res["verifier"] if r["device"] == "cpu"][0]
    assert all(v > 0 for v in cpu["candidates_s"].values())

    scan = res["scan"]
    assert all("error" not in r for r in scan)
    assert all(r["records"] == 600 and r["records_s"] > 0 for r in scan)
    if not cuda_available():
        # auto resolves to the CPU int8 model: every non-reference row runs the same model as
        # its reference, so the outputs must be the same record for record
        cores = gpu_check.os.cpu_count()
        assert [(r["scorer"], r["backend"], r["threads"], r["verifier"], r["reference"])
                for r in scan] == [
            ("cnn", "onnx-cpu", None, False, True),
            *[("cnn", "onnx-cpu", n, False, False) for n in sorted({1, cores})],
            ("cnn-lean", "onnx-cpu", None, False, True),
            ("cnn", "auto", None, False, False),
            ("cnn", "onnx-cpu", None, True, True),
            ("cnn-lean", "onnx-cpu", None, True, True),
            ("cnn", "auto", None, True, False)]
        # the default takes every core, at most 4 for the int8 model
        assert [r["threads_used"] for r in scan] == [
            min(cores, 4), *sorted({1, cores}), cores, min(cores, 4), min(cores, 4), cores,
            min(cores, 4)]
        for r in scan:
            assert (r["differing"], r["max_abs_dscore"]) == (0, 0.0)
            assert r["resolved"].startswith("lean-int8 onnx-cpu" if r["scorer"] == "cnn" else "lean onnx-cpu")
            assert r["resolved"].endswith("+ verifier cpu") == r["verifier"]
    assert "records redacted differently from" in text
    # scan end to end: one process and one per core, the same bytes
    cli = res["cli"]
    assert [(r["backend"], r["processes"]) for r in cli] == [
        ("onnx-cpu", 1), ("onnx-cpu", default_processes()), ("auto", 1),
        ("auto", default_processes())]
    assert all("error" not in r and r["records"] == 700 and r["same_as_one"] for r in cli), cli
    assert "| onnx-cpu | 1 | " in text
