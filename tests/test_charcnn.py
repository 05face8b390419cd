"""charCNN: windows, training, calibration, export parity, runtime backends, shipped artifacts."""
import hashlib
import os
import re

import numpy as np
import pytest

torch = pytest.importorskip("torch")  # noqa: E402  (dev installs include torch: this never skips in CI)

from piistream.models import cnn_runtime  # noqa: E402
from piistream.models.charcnn import CnnConfig, build_model, n_params  # noqa: E402
from piistream.models import ARTIFACTS
from piistream.models.cnn_runtime import (BUCKETS, CnnRuntime, CnnScorer, bucket, choose_backend,
                                          cuda_available)
from piistream.train.data.candidates import build_split
from piistream.models.detector import Detector, make_scorer  # noqa: E402
from piistream.train.export import export_onnx, parity
from piistream.models.records import Processor  # noqa: E402
from piistream.train.cnn import TrainConfig, _hi, _lo, calibrate, train_cnn
from piistream.models.charcnn import load_torch
from piistream.models.windows import ALPHABET, VOCAB, WIDTH, encode, window_text  # noqa: E402


@pytest.fixture(scope="module")
def small():
    return build_split("train", 400), build_split("val", 200)


def test_window_centres_and_clips():
    seg = "x" * 300 + "123-45-6789" + "y" * 300
    w, s, e = window_text(seg, "", 300, 311)
    assert len(w) == WIDTH and w[s:e] == "123-45-6789" and abs(s - (WIDTH - e)) <= 1
    w, s, e = window_text("ssn 123-45-6789", "", 4, 15)  # short segment: whole, not centred
    assert (w, s, e) == ("ssn 123-45-6789", 4, 15)
    w, s, e = window_text("536-22-1234", "user.ssn", 0, 11)  # JSON: the key path is context
    assert w == "user.ssn: 536-22-1234" and w[s:e] == "536-22-1234"
    assert window_text("1", "userIdentity.accountId", 0, 1)[0] == "user_identity.account_id: 1"
    w, s, e = window_text("a" * 500, "", 0, 500)  # longer than a window
    assert (len(w), s, e) == (WIDTH, 0, WIDTH)


def test_encode_marks_candidate_and_case():
    chars, flags, et = encode(["Ab é x"], np.array([1]), np.array([3]), ["US_SSN"])
    assert len(ALPHABET) == 69 and VOCAB == 71
    assert chars.shape == (1, WIDTH) and flags.shape == (1, 2, WIDTH)
    assert chars[0, 0] == chars[0, 1] - 1 == 2  # 'a' and 'b' (case folded), ids after pad/unk
    assert chars[0, 3] == 1  # 'é' is unknown
    assert chars[0, 6:].sum() == 0  # padding
    assert flags[0, 0, :6].tolist() == [0, 1, 1, 0, 0, 0]
    assert flags[0, 1, :3].tolist() == [1, 0, 0]  # upper case 'A'
    assert et.tolist() == [0]


def test_seed_architecture_is_the_seeds():
    m = build_model(CnnConfig.seed())
    convs = [x for x in m.convs if isinstance(x, torch.nn.Conv1d)]
    assert [c.kernel_size[0] for c in convs] == [7, 7, 3, 3, 3, 3]
    assert {c.out_channels for c in convs} == {256}
    assert m.embed.embedding_dim == 32
    lin = [x for x in m.head if isinstance(x, torch.nn.Linear)]
    assert [x.out_features for x in lin] == [512, 512, 1]
    assert n_params(build_model(CnnConfig.lean())) * 10 < n_params(m)


def test_training_a_few_steps_lowers_the_loss(small):
    train, _ = small
    torch.manual_seed(0)
    model = build_model(CnnConfig.lean())
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    x = (torch.from_numpy(train.chars[:256]), torch.from_numpy(train.flags[:256]),
         torch.from_numpy(train.etype[:256]))
    y = torch.from_numpy(train.label[:256])
    model.eval()
    with torch.no_grad():
        before = float(loss_fn(model(*x), y))
    model.train()
    for _ in range(40):
        opt.zero_grad()
        loss = loss_fn(model(*x), y)
        loss.backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        after = float(loss_fn(model(*x), y))
    assert after < before * 0.6, (before, after)


def test_calibration_meets_its_targets():
    rng = np.random.default_rng(0)
    y = (rng.random(4000) < 0.6).astype(np.float32)
    s = np.clip(rng.normal(0.75, 0.15, 4000) * y + rng.normal(0.3, 0.15, 4000) * (1 - y), 0, 1)
    hi, lo = _hi(s, y), _lo(s, y)
    assert lo <= hi
    above = s >= hi
    assert y[above].mean() >= 0.99
    assert y[s >= lo].sum() / y.sum() >= 0.995
    th = calibrate(s, y, ["US_SSN"] * 4000)
    assert th["US_SSN"]["hi"] == pytest.approx(hi, abs=1e-6) and th["US_SSN"]["lo"] == pytest.approx(lo, abs=1e-6)
    assert th["IBAN_CODE"]["val_pos"] == 0  # no support: pooled values
    assert th["IBAN_CODE"]["hi"] == pytest.approx(hi, abs=1e-6)


@pytest.fixture(scope="module")
def tiny_artifacts(tmp_path_factory, small):
    out = str(tmp_path_factory.mktemp("cnn"))
    meta = train_cnn(TrainConfig(variant="lean", epochs=1, batch=64), out, progress=False,
                     data=small, log=lambda s: None)
    return out, meta


def test_export_parity_onnx_vs_torch(tiny_artifacts, small):
    out, _ = tiny_artifacts
    model, _ = load_torch("lean", out)
    val = small[1]
    diff = parity(model, os.path.join(out, "charcnn-lean.onnx"), val.chars, val.flags, val.etype)
    assert diff < 1e-4
    seed = build_model(CnnConfig.seed()).eval()
    path = os.path.join(out, "seed.onnx")
    export_onnx(seed, path)
    assert parity(seed, path, val.chars[:64], val.flags[:64], val.etype[:64]) < 1e-4


def test_saved_model_reloads_and_scores_identically(tiny_artifacts, small):
    out, meta = tiny_artifacts
    val = small[1]
    a = CnnRuntime("lean", "onnx-cpu", art_dir=out).predict(val.chars, val.flags, val.etype)
    b = CnnRuntime("lean", "onnx-cpu", art_dir=out).predict(val.chars, val.flags, val.etype)
    c = CnnRuntime("lean", "torch-cpu", art_dir=out).predict(val.chars, val.flags, val.etype)
    assert np.array_equal(a, b)
    assert np.abs(a - c).max() < 1e-5
    assert set(meta["thresholds"]) >= {"US_SSN", "SECRET"}
    for th in meta["thresholds"].values():
        assert 0.0 <= th["lo"] <= th["hi"] <= 1.0


def test_buckets_pad_without_changing_scores(tiny_artifacts, small):
    out, _ = tiny_artifacts
    val = small[1]
    rt = CnnRuntime("lean", "onnx-cpu", art_dir=out)
    n = min(len(val), 300)
    whole = rt.logits(val.chars[:n], val.flags[:n], val.etype[:n])
    one_by_one = np.array([rt.logits(val.chars[i:i + 1], val.flags[i:i + 1], val.etype[i:i + 1])[0]
                           for i in range(0, n, 37)])
    assert np.abs(whole[::37] - one_by_one).max() < 1e-4
    assert [bucket(k) for k in (1, 2, 9, 32, 33, 65, 5000)] == [1, 8, 32, 32, 64, 128, BUCKETS[-1]]


def test_runtime_picks_cpu_without_a_gpu():
    if not cuda_available():
        assert choose_backend("auto", ARTIFACTS, "lean") == "onnx-cpu"
        assert CnnRuntime("lean").backend == "onnx-cpu"
    assert choose_backend("torch-cpu", ARTIFACTS, "lean") == "torch-cpu"
    assert choose_backend("onnx-cpu", ARTIFACTS, "lean") == "onnx-cpu"
    with pytest.raises(ValueError):
        choose_backend("tpu", ARTIFACTS, "lean")


def test_inference_threads_sleep_between_calls():
    """The charCNN's and the verifier's sessions: the intra-op threads sleep when idle (a
    spinning thread burns a core while the detector runs Python between model calls)."""
    from piistream.models.cnn_runtime import CnnRuntime, default_variant
    from piistream.models.verifier import VerifierRuntime, verifier_path

    for sess in (CnnRuntime(variant=default_variant(), threads=2)._sess,
                 VerifierRuntime(verifier_path(), threads=2).sess):
        so = sess.get_session_options()
        assert so.intra_op_num_threads == 2
        assert so.get_session_config_entry("session.intra_op.allow_spinning") == "0"


def test_default_threads_cap_the_int8_model_only(monkeypatch):
    """Unless told, inference takes every core, but at most INT8_MAX_THREADS for the int8 model
    on ONNX Runtime's CPU provider (it slows down past a few threads: measured in gpu-check)."""
    monkeypatch.setattr(cnn_runtime.os, "cpu_count", lambda: 16)
    assert cnn_runtime.INT8_MAX_THREADS == 4
    cases = [("lean-int8", None, 4), ("lean", None, 16), ("lean-int8", 16, 16), ("lean-int8", 1, 1)]
    for variant, asked, used in cases:
        rt = CnnRuntime(variant, "onnx-cpu", threads=asked)
        assert (rt.threads, rt._sess.get_session_options().intra_op_num_threads) == (used, used)


def test_shipped_artifacts_small_and_complete():
    files = os.listdir(ARTIFACTS)
    for v in ("lean", "seed"):
        assert f"charcnn-{v}.onnx" in files and f"charcnn-{v}.json" in files
    assert "MODEL_CARD.md" in files
    total = sum(os.path.getsize(os.path.join(ARTIFACTS, f)) for f in files
                if f.startswith("charcnn-") and f.endswith(".onnx"))
    assert total < 15 * 2**20
    everything = sum(os.path.getsize(os.path.join(ARTIFACTS, f)) for f in files)
    assert everything < 40 * 2**20  # the project's limit for committed model artifacts


def test_cascade_uses_the_charcnn_by_default(monkeypatch):
    monkeypatch.delenv("PIISTREAM_SCORER", raising=False)
    det = Detector()
    assert isinstance(det.scorer, CnnScorer)
    # on a CPU the default charCNN is its static int8 form; on a GPU the fp32 lean model
    variant = cnn_runtime.default_variant()
    assert re.fullmatch(r"piistream-[\w.]+\+charcnn-" + variant + r"@[0-9a-f]{12}", det.version)
    with open(os.path.join(ARTIFACTS, f"charcnn-{variant}.onnx"), "rb") as f:
        assert det.version.endswith("@" + hashlib.sha256(f.read()).hexdigest()[:12])
    if not cuda_available():
        assert "+charcnn-lean-int8@" in det.version
    r = Processor(det).process([b"customer ssn=536-22-1234 email jane.doe@example.com"])[0]
    assert {e["type"] for e in r.entities} == {"US_SSN", "EMAIL_ADDRESS"}
    assert all(e["stage"] == "charcnn" for e in r.entities)
    assert make_scorer("rules").name == "rules"
    with pytest.raises(ValueError):
        make_scorer("bert")


def test_shipped_int8_charcnn_matches_fp32_and_is_batch_invariant():
    from piistream.train.cnn import per_type_pr

    val = build_split("val", 2000)  # about 3,100 windows of the validation families
    rt_fp = CnnRuntime("lean", "onnx-cpu")
    fp = rt_fp.predict(val.chars, val.flags, val.etype)
    rt = CnnRuntime("lean-int8", "onnx-cpu")
    q = rt.predict(val.chars, val.flags, val.etype)
    assert np.abs(q - fp).mean() < 0.01 and np.abs(q - fp).max() < 0.2
    # the same verdicts at the thresholds calibrated for each form, on all but a few windows
    lo_fp = np.array([rt_fp.meta["thresholds"][t]["lo"] for t in val.types])
    lo_q = np.array([rt.meta["thresholds"][t]["lo"] for t in val.types])
    assert ((fp >= lo_fp) != (q >= lo_q)).mean() < 0.01
    # static scales: a window scores the same alone as in a batch
    alone = np.array([rt.logits(val.chars[i:i + 1], val.flags[i:i + 1], val.etype[i:i + 1])[0]
                      for i in range(0, 128, 9)])
    assert np.abs(rt.logits(val.chars[:128], val.flags[:128], val.etype[:128])[::9] - alone).max() < 1e-5
    meta = rt.meta
    assert meta["quantized_from"] == "charcnn-lean.onnx" and "quantize_command" in meta
    # quality at the calibrated thresholds, recomputed from the two models on these windows
    # (seeded data, CPU): the int8 form loses almost nothing against fp32
    m = per_type_pr(q >= lo_q, val.label, val.types)["micro"]
    mf = per_type_pr(fp >= lo_fp, val.label, val.types)["micro"]
    assert m["support"] == mf["support"] > 2000
    assert m["recall"] >= 0.995 and m["precision"] >= 0.985
    assert m["precision"] >= mf["precision"] - 0.005 and m["recall"] >= mf["recall"] - 0.002
    # and the shipped figures (measured on 20,000 validation records) say what the model does
    shipped = meta["val_at_lo"]["micro"]
    assert abs(m["recall"] - shipped["recall"]) < 0.003
    assert abs(m["precision"] - shipped["precision"]) < 0.005


def test_quantize_cnn_writes_a_loadable_calibrated_variant(tmp_path):
    import shutil

    from piistream.train.quantize_cnn import quantize_cnn

    for ext in (".onnx", ".json"):
        shutil.copy(os.path.join(ARTIFACTS, "charcnn-lean" + ext), tmp_path)
    meta = quantize_cnn("lean", n_train=200, n_val=600, n_calib=128, art_dir=str(tmp_path),
                        log=lambda s: None)
    assert meta["variant"] == "lean-int8"
    assert os.path.getsize(tmp_path / "charcnn-lean-int8.onnx") < os.path.getsize(tmp_path / "charcnn-lean.onnx")
    for th in meta["thresholds"].values():
        assert 0.0 <= th["lo"] <= th["hi"] <= 1.0
    rt = CnnRuntime("lean-int8", "onnx-cpu", art_dir=str(tmp_path))
    val = build_split("val", 100)
    p = rt.predict(val.chars, val.flags, val.etype)
    assert p.shape == (len(val),) and ((p >= 0) & (p <= 1)).all()
    assert cnn_runtime.default_variant("onnx-cpu", str(tmp_path)) == "lean-int8"
    assert cnn_runtime.default_variant("torch-cpu", str(tmp_path)) == "lean"


def test_a_value_whose_own_key_names_something_else_is_not_promoted_by_a_doubtful_charcnn():
    """``appid=107347980``, ``incidentserialno=582633933`` (real firewall logs): a number under
    a key that names something else, which the rules score clean, is PII only when the charCNN
    is very sure (``CnnScorer.SURE``); under a key that names the type it is found."""
    import random

    from piistream.models.validators import aba_ok

    proc = Processor()
    rng = random.Random(29)
    nouns = ("app", "incident", "session", "object", "event", "rule", "policy", "device", "node",
             "cluster", "job", "task", "queue", "slot", "frame", "widget", "item", "entry")
    suffixes = ("id", "serialno", "num", "no", "ref", "idx", "key", "")
    checked = 0
    for _ in range(120):
        key = rng.choice(nouns) + rng.choice(suffixes)
        v = f"{rng.randint(100, 665)}{rng.randint(10, 99)}{rng.randint(1000, 9999)}"
        res = proc.process([f'level=notice {key}={v} msg="ok"'.encode()])[0]
        for e in res.entities:
            if e["type"] in ("US_SSN", "US_ITIN", "ABA_ROUTING_NUMBER", "US_BANK_NUMBER",
                             "PHONE_NUMBER", "CREDIT_CARD"):
                assert e["stage"] == "charcnn" and e["score"] >= CnnScorer.SURE, (key, v, e)
        checked += 1
    assert checked == 120
    for key, v, t in (("ssn", "536904399", "US_SSN"), ("customer_ssn", "536904399", "US_SSN"),
                      ("routing_number", "021000021", "ABA_ROUTING_NUMBER")):
        assert aba_ok("021000021")
        res = proc.process([f"{key}={v}".encode()])[0]
        assert [(e["type"], e["start"]) for e in res.entities] == [(t, len(key) + 1)], key


def test_a_routing_checksum_alone_is_no_evidence_outside_banking_records():
    """A 9-digit counter passes the routing checksum one time in ten ("xid 240080042",
    "offset=678722095"): with no key and no word for it, the charCNN's doubt (its uncertain
    band) redacts such a number only where its record speaks of banking or payroll at all (a
    word of the trade, a camelCase key, a formatted or masked SSN, an employer number)."""
    import random

    from piistream.models.validators import aba_ok

    proc = Processor()
    rng = random.Random(41)
    values = []
    while len(values) < 40:
        v = f"{rng.choice(['0', '1', '2', '3', '6', '7'])}{rng.randint(0, 99_999_999):08d}"
        if aba_ok(v) and v[:2] in ("01", "02", "03", "10", "11", "12", "21", "22", "26", "31", "32",
                                   "61", "62", "63", "71", "72"):
            values.append(v)
    plain = ("xid {v} committed", "inode 0x7fc365f1 ino {v}", "TruncationState(offset={v}, epoch=3)",
             "checkpoint lsn 482/17A3C1B0 last={v} segments=12", "{v} remain, 48213 skipped",
             "Xid = {v}", "table version {v}, 918273 prefixes")
    for i, v in enumerate(values):
        line = plain[i % len(plain)].format(v=v)
        r = proc.process([line.encode()])[0]
        assert [e for e in r.entities if e["type"] == "ABA_ROUTING_NUMBER"] == [], (line, r.entities)
    banking = ("Checking\t{v}\t1251070\t21379251229", "direct deposit 22 via {v} DDA 6285453662",
               '{{"srcAbaRouting":{v},"amount":"581.68"}}', "910-65-5302,49-4740478,86.50,{v}",
               "***-**-4900\t{v}\tE40309")
    found = 0
    for i, v in enumerate(values[:20]):
        line = banking[i % len(banking)].format(v=v)
        r = proc.process([line.encode()])[0]
        found += any(e["type"] == "ABA_ROUTING_NUMBER" and line[e["start"]:e["end"]] == v
                     for e in r.entities)
    assert found >= 16, found
    # a text record of the value alone: nothing says it is a counter either (Presidio's own tests)
    alone = sum(any(e["type"] == "ABA_ROUTING_NUMBER" for e in proc.process([v.encode()])[0].entities)
                for v in values[:10])
    assert alone >= 8, alone


# -- only doubtful candidates reach the model (``CnnScorer._settled``) ------------------------------

class _CountingRuntime:
    """A charCNN stand-in: every window gets probability ``p``; counts the windows it is asked."""

    def __init__(self, p: float):
        real = CnnRuntime()
        self.meta, self.variant, self.p, self.asked = real.meta, real.variant, p, 0

    def predict(self, chars, flags, etype):
        self.asked += len(chars)
        return np.full(len(chars), self.p, dtype=np.float32)


@pytest.mark.parametrize("text,asked", [
    ("offset=536904399", 0),           # a bare 9-digit number, no word of a person's identity
    ("pid 536904399 exited", 0),
    ("wrote 536904399 bytes", 0),      # a quantity: a unit after it, nothing naming the type
    ("value 536-90-4399", 1),          # a formatted SSN: the model's call
    ("ssn 536904399", 1),              # the type's own word: the model's call
    ("patient dob 1980-02-01 id 536904399", 1),  # a word of the domain in the record
])
def test_a_candidate_the_rules_settle_whatever_the_model_says_is_not_scored(text, asked):
    for p in (0.0, 0.5, 0.995):
        rt = _CountingRuntime(p)
        Processor(Detector(scorer=CnnScorer(runtime=rt))).process([text.encode()])
        assert rt.asked == asked, (text, p)


def test_skipping_settled_candidates_changes_no_output(monkeypatch):
    """On the behaviour-freeze text corpus, whatever the model says (every window at one
    probability, low, in the band and very sure), the cascade's output is the same with and
    without ``_settled``, and the model is asked fewer windows with it."""
    import gzip
    path = os.path.join(os.path.dirname(__file__), "data", "behaviour", "corpus-text.txt.gz")
    with gzip.open(path) as f:
        lines = f.read().splitlines()[:3000]
    for p in (0.02, 0.5, 0.995):
        outs, asked = [], []
        for settle in (True, False):
            if not settle:
                monkeypatch.setattr(CnnScorer, "_settled", lambda *a: False)
            rt = _CountingRuntime(p)
            proc = Processor(Detector(scorer=CnnScorer(runtime=rt)))
            outs.append([(r.redacted, r.entities) for k in range(0, len(lines), 512)
                         for r in proc.process(lines[k:k + 512])])
            asked.append(rt.asked)
        monkeypatch.undo()
        assert outs[0] == outs[1], p
        assert asked[0] < asked[1] * 0.9, (p, asked)


def test_cnn_windows_counts_what_reaches_the_model(tmp_path, capsys):
    """``python -m piistream.dev.cnn_windows``: a formatted SSN reaches the model, a bare
    9-digit counter does not (``_settled``); the counts are printed."""
    from piistream.dev import cnn_windows
    f = tmp_path / "lines.txt"
    f.write_text("value 536-90-4399\npid 536904399 exited\nnothing here\n")
    assert cnn_windows.main([str(f)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 lines: 1 windows (0.333 per line) in 1 calls"), out
    assert "| US_SSN | ssn-formatted | 1 |" in out and "ssn-bare" not in out, out


def test_domain_words_found_as_their_patterns_find_them():
    """``cnn_runtime._Words`` (a domain's words tried only where their first characters are, in
    one Aho-Corasick pass) answers as the pattern's own search does, segment by segment of a
    batch: on the behaviour corpus's text records and on cases at its edges (a camelCase hump, a
    word inside another, a name's field, a masked SSN, text beyond ASCII, a segment's ends)."""
    import gzip
    from piistream.models.recognizers.base import Batch
    path = os.path.join(os.path.dirname(__file__), "data", "behaviour", "corpus-text.txt.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f][:6000]
    lines += ["srcAbaRouting=1", "xAbaRouting", "subanking", "Payroll", "PAYROLL", "payrolls",
              "routing_key=1", "routing table", "45601,Melvin West,980793580", "ssn ***-**-1234",
              "Überweisung 1", "überweisung", "número de ruta 1", "ſsn", "W-2 form", "w2", "HR",
              "hr-dept", "threads", "", "a", "id no 5", "id_number", "card", "Cards", "CCN", "mastercard"]
    batch = Batch(lines)
    checked = 0
    for w in cnn_runtime._WORDS.values():
        for seg in range(len(lines)):
            lo, hi = batch.segment_bounds(seg)
            want = w.pattern.search(batch.text, lo, hi) is not None
            assert w.search(batch.text, batch.lower, lo, hi) == want, (w.pattern.pattern[:60], lines[seg])
            checked += want
    assert checked > 1000  # (the corpus has words of each domain)


def test_domain_stems_read_from_the_pattern():
    from piistream.models.cnn_runtime import _stems
    assert _stems(r"ssns?|w-?[249]|pay ?date|(?:first|last)[ _-]?name|birth\w*|hr") == frozenset(
        {"ssn", "w-2", "w-4", "w-9", "w2", "w4", "w9", "pay", "fir", "las", "bir", "hr"})
    with pytest.raises(ValueError):
        _stems(r"bank|\w+ing")  # an alternative that may start anywhere: no stems
