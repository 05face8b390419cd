"""The verification stage: MiniLM verifier inputs, fine-tuning, export, compression, and the
verify path's decisions and fail-closed rules (without Kafka; the e2e tests cover the broker)."""
import os
import time

import numpy as np
import orjson
import pytest

torch = pytest.importorskip("torch")  # noqa: E402  (dev installs include torch: never skips in CI)

from piistream.models.compress import svd_compress  # noqa: E402
from piistream.models.data.candidates import build_split  # noqa: E402
from piistream.models.detector import Detector  # noqa: E402
from piistream.models.records import Processor  # noqa: E402
from piistream.models.verifier import (VerifierRuntime, VerifyingScorer, build_net,  # noqa: E402
                                       export_verifier, fine_tune, load_tokenizer, quantize_int8,
                                       texts_from_windows, tokenize, verifier_path, verifier_text)
from piistream.stream.pipeline import Families, InRecord, Router  # noqa: E402


def test_input_marks_the_candidate_and_its_type():
    assert verifier_text("US_SSN", "ssn 536-22-1234 ok", 4, 15) == "us ssn: ssn  [[ 536-22-1234 ]]  ok"
    cs = build_split("val", 60)
    texts = texts_from_windows(cs.texts[:5], cs.flags[:5], cs.types[:5])
    for t, w, f in zip(texts, cs.texts[:5], cs.flags[:5]):
        s = int(f[0].argmax())
        e = s + int(f[0].sum())
        assert f"[[ {w[s:e]} ]]" in t
    ids, am = tokenize(load_tokenizer(), ["a", "a much longer text " * 40])
    assert ids.shape == am.shape and ids.shape[1] == 96 and am[0].sum() < am[1].sum() == 96


@pytest.fixture(scope="module")
def small_net():
    return build_net(layers=2)


def test_fine_tuning_a_few_steps_lowers_the_loss(small_net):
    cs = build_split("train", 200)
    texts = texts_from_windows(cs.texts[:32], cs.flags[:32], cs.types[:32])
    y = torch.from_numpy(cs.label[:32])
    tok = load_tokenizer()
    loss_fn = torch.nn.BCEWithLogitsLoss()

    def loss():
        ids, am = tokenize(tok, texts)
        with torch.no_grad():
            return float(loss_fn(small_net(torch.from_numpy(ids), torch.from_numpy(am)), y))

    small_net.eval()
    before = loss()
    fine_tune(small_net, tok, texts, y, epochs=4, batch=16, lr=1e-4, seed=0, log=lambda s: None)
    assert loss() < before * 0.8


def test_export_int8_and_svd_keep_the_outputs(small_net, tmp_path):
    tok = load_tokenizer()
    texts = ["us ssn: ssn  [[ 536-22-1234 ]] ", "ip address: from  [[ 10.1.2.3 ]]  port 22"] * 4
    ids, am = tokenize(tok, texts)
    with torch.no_grad():
        ref = torch.sigmoid(small_net(torch.from_numpy(ids), torch.from_numpy(am))).numpy()
    path = str(tmp_path / "v.onnx")
    export_verifier(small_net, path)
    got = VerifierRuntime(path, threads=1).predict(texts)
    assert np.abs(got - ref).max() < 1e-4
    quantize_int8(path, str(tmp_path / "v.int8.onnx"))
    assert os.path.getsize(tmp_path / "v.int8.onnx") < os.path.getsize(path) / 3
    q = VerifierRuntime(str(tmp_path / "v.int8.onnx"), threads=1).predict(texts)
    assert np.abs(q - ref).max() < 0.1
    import copy
    exact = copy.deepcopy(small_net)
    rep = svd_compress(exact, energy=0.99999)
    with torch.no_grad():
        out = torch.sigmoid(exact(torch.from_numpy(ids), torch.from_numpy(am))).numpy()
    assert np.abs(out - ref).max() < 1e-3
    lossy = copy.deepcopy(small_net)
    rep = svd_compress(lossy, energy=0.5)
    assert rep["layers"] > 0 and rep["params_after"] < rep["params_before"] / 2


@pytest.fixture(scope="module")
def shipped():
    path = verifier_path()
    assert os.path.exists(path), "the shipped verifier is missing"
    assert os.path.getsize(path) < 25 * 2**20
    return VerifierRuntime(path, threads=1)


def _uncertain_lines(proc, n=40):
    from piistream.models.data import generate
    lines = [r.text.encode() for r in generate(3000, seed=31, pii_rate=0.5) if r.fmt == "text"]
    return [x for x, res in zip(lines, proc.process(lines)) if res.uncertain][:n]


def test_verifying_scorer_decides_every_uncertain_span(shipped):
    proc = Processor()
    lines = _uncertain_lines(proc)
    assert len(lines) >= 5
    vproc = Processor(Detector(scorer=VerifyingScorer(proc.detector.scorer, shipped)), proc.redactor)
    for res in vproc.process(lines):
        assert res.uncertain == 0  # nothing left undecided
        assert all(e["stage"] in ("charcnn", "verifier", "propagated") for e in res.entities)


class _Crashing:
    """Stands in for a verifier runtime that fails mid-flight (a fault we cannot cause for real)."""

    def predict(self, texts):
        raise RuntimeError("verifier crashed")


def _verify_msgs(router, lines, enqueued_ms=None):
    msgs = []
    for i, line in enumerate(lines):
        res = router.processor.process([line])[0]
        out = router.to_verify(InRecord("logs.raw", 0, i, b"k%d" % i, line, []), "text", res)
        if enqueued_ms is not None:
            body = orjson.loads(out.value)
            body["enqueued_ms"] = enqueued_ms
            out.value = orjson.dumps(body)
        msgs.append(InRecord("pii.verify", 0, i, out.key, out.value, out.headers))
    return msgs


def _redacted(outs):
    return [[o for o in os_ if o.topic == "logs.redacted"][0] for os_ in outs]


@pytest.mark.parametrize("case", ["verified", "unavailable", "deadline", "error"])
def test_verify_path_decides_or_fails_closed(shipped, case):
    base = Processor()
    lines = _uncertain_lines(base, 10)
    vscorer = VerifyingScorer(base.detector.scorer, _Crashing() if case == "error" else shipped)
    vproc = None if case == "unavailable" else Processor(Detector(scorer=vscorer), base.redactor)
    router = Router(base, Families.default(), verify_processor=vproc, verify_deadline_s=5)
    enq = int(time.time() * 1000) - 60_000 if case == "deadline" else None
    outs = router.verify(_verify_msgs(router, lines, enq) + [InRecord("pii.verify", 0, 99, b"x", b"{", [])])
    assert len(outs) == len(lines) + 1
    assert outs[-1][0].topic == "pii.dlq"  # a malformed verify message is never lost
    red = _redacted(outs[:-1])
    if case == "verified":
        assert router.stats["verified"] == len(lines) and router.stats["fail_closed"] == 0
        assert all(dict(o.headers)["piistream-verified"] == b"true" for o in red)
        assert [o.value.decode() for o in red] == [r.redacted for r in vproc.process(lines)]
    else:
        assert router.stats["fail_closed"] == router.stats[f"fail_closed_{case}"] == len(lines)
        assert all(dict(o.headers)["piistream-verified"] == b"false" for o in red)
        # fail closed: exactly the detect path's output, every uncertain span redacted
        assert [o.value.decode() for o in red] == [r.redacted for r in base.process(lines)]


def test_golden_labels_pipeline_runs_and_reports(shipped):
    from piistream.models.label import golden_labels

    rep = golden_labels(n=300, noise=0.2, n_eval=150, log=lambda s: None)
    assert rep["pool"] > 200
    assert 0.72 < rep["noisy_label_accuracy"] < 0.88  # about 1 - noise
    assert 0.0 <= rep["golden_label_accuracy"] <= 1.0
    assert set(rep["test_micro"]) == {"charCNN (noisy labels)", "charCNN (golden labels)",
                                      "charCNN (true labels)"}
