"""The bring-your-own causal LLM verifier backend (``verifier.backend = "causal-lm"``).

No real LLM can be downloaded here, so the tests build a tiny GPT-2 (a byte-level BPE tokenizer
trained on the prompts, 2 layers of width 48) in a local directory and teach it, in a few
hundred steps, to answer ``true`` for SSNs with SSN context and ``false`` for order numbers. The
backend is then exercised exactly as with a user's model directory: loading offline, prompting
for the JSON verdict, scoring, int8, and the cascade / verify path on top.
"""
import os

import numpy as np
import pytest

torch = pytest.importorskip("torch")  # noqa: E402  (dev installs include torch: never skips in CI)
transformers = pytest.importorskip("transformers")  # noqa: E402

from piistream.config import ConfigError, load_config  # noqa: E402
from piistream.models.llm_verifier import CausalLMVerifier  # noqa: E402

SSN_CTX = ["customer ssn={v} verified", "SSN: {v} on file", "social security number {v} for payroll",
           "taxpayer ssn {v} updated", "ssn#{v} matched record"]
ORDER_CTX = ["order number {v} shipped", "tracking={v} in transit", "invoice no {v} paid",
             "order_id={v} created", "sku {v} restocked"]


def _cases(seed: int, n: int):
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        v = f"{rng.integers(100, 899)}-{rng.integers(10, 99)}-{rng.integers(1000, 9999)}"
        pos = i % 2 == 0
        tmpl = (SSN_CTX if pos else ORDER_CTX)[rng.integers(0, 5)]
        line = tmpl.format(v=v)
        s = line.index(v)
        out.append((line, s, s + len(v), pos))
    return out


@pytest.fixture(scope="module")
def tiny_lm(tmp_path_factory):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

    d = str(tmp_path_factory.mktemp("tiny-lm"))
    # a tokenizer trained on the prompts the backend writes (and both verdict spellings)
    probe = CausalLMVerifier.__new__(CausalLMVerifier)
    probe._chat = False
    corpus = [probe.text("US_SSN", line, s, e) + ' true} {"pii": false}' for line, s, e, _ in _cases(0, 200)]
    bpe = Tokenizer(models.BPE(unk_token="<unk>"))
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    bpe.train_from_iterator(corpus, trainers.BpeTrainer(
        vocab_size=1000, special_tokens=["<unk>", "<pad>", "<eos>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    tok = PreTrainedTokenizerFast(tokenizer_object=bpe, unk_token="<unk>", pad_token="<pad>",
                                  eos_token="<eos>")
    tok.save_pretrained(d)
    torch.manual_seed(0)
    GPT2LMHeadModel(GPT2Config(vocab_size=len(tok), n_positions=512, n_embd=48, n_layer=2,
                               n_head=2)).save_pretrained(d)
    # teach it the verdicts through the backend's own prompts and scoring position
    rt = CausalLMVerifier(d, threads=2)
    model = rt.model.train()
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    train = _cases(1, 64)
    prompts = [rt.text("US_SSN", line, s, e) for line, s, e, _ in train]
    target = torch.tensor([rt.true_ids[0] if pos else rt.false_ids[0] for *_, pos in train])
    enc = rt.tok(prompts, return_tensors="pt", padding=True, add_special_tokens=False)
    pos_ids = (enc["attention_mask"].cumsum(-1) - 1).clamp(min=0)
    for _ in range(150):
        logits = model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"],
                       position_ids=pos_ids).logits[:, -1, :]
        loss = torch.nn.functional.cross_entropy(logits, target)
        opt.zero_grad()
        loss.backward()
        opt.step()
    model.eval().save_pretrained(d)
    return d


def test_prompt_asks_for_a_json_verdict_about_the_marked_value(tiny_lm):
    rt = CausalLMVerifier(tiny_lm)
    p = rt.text("US_SSN", "customer ssn=536-22-1234 verified", 13, 24)
    assert "[[ 536-22-1234 ]]" in p and "Type: us ssn" in p
    assert p.endswith('{"pii":') and '{"pii": true}' in p and '{"pii": false}' in p


def test_verdicts_of_a_taught_model_on_new_values(tiny_lm):
    rt = CausalLMVerifier(tiny_lm, threads=2)
    held_out = _cases(7, 40)
    p = rt.predict([rt.text("US_SSN", line, s, e) for line, s, e, _ in held_out])
    y = np.array([pos for *_, pos in held_out])
    assert ((p >= 0) & (p <= 1)).all()
    assert ((p >= 0.5) == y).mean() >= 0.9  # it reads the context, not the value
    # left padding and batching do not change a prompt's score
    alone = np.array([rt.predict([rt.text("US_SSN", line, s, e)])[0] for line, s, e, _ in held_out[:8]])
    assert np.abs(alone - p[:8]).max() < 1e-4


def test_int8_on_cpu_agrees_and_unsupported_settings_fail_at_load(tiny_lm, tmp_path):
    fp = CausalLMVerifier(tiny_lm)
    q = CausalLMVerifier(tiny_lm, bits=8)
    assert any("quantized" in type(m).__module__ for m in q.model.modules())
    cases = _cases(9, 30)
    prompts = [fp.text("US_SSN", line, s, e) for line, s, e, _ in cases]
    a, b = fp.predict(prompts), q.predict(prompts)
    assert ((a >= 0.5) == (b >= 0.5)).mean() >= 0.9
    if not torch.cuda.is_available():
        with pytest.raises(ValueError, match="4-bit"):
            CausalLMVerifier(tiny_lm, bits=4)
        with pytest.raises(RuntimeError, match="cuda"):
            CausalLMVerifier(tiny_lm, device="cuda")
    with pytest.raises(FileNotFoundError):
        CausalLMVerifier(str(tmp_path / "nothing-here"))


def test_config_selects_the_backend_and_checks_it(tiny_lm, tmp_path):
    cfg = load_config(None, env={"PIISTREAM_VERIFIER_BACKEND": "causal-lm",
                                 "PIISTREAM_VERIFIER_MODEL": tiny_lm, "PIISTREAM_VERIFIER_BITS": "8"})
    assert (cfg.verifier.backend, cfg.verifier.model, cfg.verifier.bits) == ("causal-lm", tiny_lm, 8)
    with pytest.raises(ConfigError, match="verifier.model.*Hugging Face model directory"):
        load_config(None, env={"PIISTREAM_VERIFIER_BACKEND": "causal-lm",
                               "PIISTREAM_VERIFIER_MODEL": str(tmp_path / "missing")})
    with pytest.raises(ConfigError, match="verifier.backend"):
        load_config(None, env={"PIISTREAM_VERIFIER_BACKEND": "gpt"})
    with pytest.raises(ConfigError, match="verifier.bits"):
        load_config(None, env={"PIISTREAM_VERIFIER_BITS": "8"})  # the shipped MiniLM is int8


def test_verify_path_runs_on_the_llm_backend_and_fails_closed_without_it(tiny_lm, tmp_path):
    from piistream.cascade import build
    from piistream.models.records import Processor

    cfg = load_config(None, env={"PIISTREAM_VERIFIER_BACKEND": "causal-lm",
                                 "PIISTREAM_VERIFIER_MODEL": tiny_lm})
    cfg.verifier.rules_decided = []  # let the LLM decide every type it may
    vproc = build(cfg, verify=True).verifier
    assert vproc is not None and type(vproc.detector.scorer.runtime).__name__ == "CausalLMVerifier"
    from piistream.train.data import generate
    lines = [r.text.encode() for r in generate(3000, seed=31, pii_rate=0.5) if r.fmt == "text"]
    unsure = [x for x, res in zip(lines, Processor().process(lines)) if res.uncertain][:40]
    assert len(unsure) >= 5
    before = sum(r.uncertain for r in Processor().process(unsure))
    after = vproc.process(unsure)
    assert all(r.error is None for r in after)
    # the LLM decided doubtful spans; those the rules redact on their own, and the types it never
    # decides (verifier.rules_decided), stay uncertain: redacted
    assert sum(r.uncertain for r in after) < before
    assert vproc.detector.scorer.sent > 0
    # the directory disappears: the verify processor cannot load, the worker fails closed
    os.environ.pop("PIISTREAM_VERIFIER_BACKEND", None)
    cfg.verifier.model = str(tmp_path / "gone")
    assert build(cfg, verify=True).verifier is None
