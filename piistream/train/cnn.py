"""``piistream train cnn``: train a charCNN variant on generated candidates, calibrate per-type
thresholds on validation, export ONNX, write metrics.

Seeded and deterministic on CPU (``torch.use_deterministic_algorithms``); early stopping on
validation loss; a progress bar per epoch.
"""
from __future__ import annotations

import json
import math
import os
import time
from dataclasses import dataclass

import numpy as np

from ..models import ARTIFACTS
from ..models.entities import ENTITY_TYPES
from .data.candidates import SPLITS, CandidateSet, build_split

# the calibration targets of the issue: above hi precision >= 0.99, recall at lo >= 0.995
HI_PRECISION = 0.99
LO_RECALL = 0.995
MIN_TYPE_SUPPORT = 30  # a type with fewer val negatives (or positives) uses the pooled thresholds


@dataclass
class TrainConfig:
    variant: str = "lean"
    n_train: int = 60_000       # generated records (train families)
    n_val: int = 20_000
    epochs: int = 8
    batch: int = 128
    lr: float = 2e-3
    weight_decay: float = 1e-4
    patience: int = 2
    seed: int = 13
    threads: int = 0            # torch intra-op threads (0: torch default)
    max_minutes: float = 25.0   # stop (keeping the best epoch) when training runs this long
    real: str = ""              # the real-log corpus (realtext): its train products join the
                                # training windows, its calibration products the validation ones
    n_splice: int = 8000        # real train lines with a generated value spliced in


# real lines' strict-type negatives (the corpus's own number formats) are few against the
# generated windows: each is seen this many times per epoch
REAL_NEGATIVE_REPEAT = 1


def datasets(n_train: int, n_val: int, real: str = "", n_splice: int = 8000,
             log=print) -> tuple[CandidateSet, CandidateSet]:
    """Training and validation windows: the generator's train and validation families, plus,
    with ``real``, the real-log corpus split by product (``realtext.split_of``): the train
    products' candidates (teacher-labelled, ``realtext.real_candidates``) join training, the
    calibration products' join validation, on which the thresholds are calibrated. The
    evaluation products are never read here."""
    train, val = build_split("train", n_train), build_split("val", n_val)
    if not real:
        return train, val
    from pathlib import Path

    from .realtext import STRICT_TYPES, load_rows, real_candidates

    rt = real_candidates(load_rows(Path(real), "train"), n_splice, seed=31)
    rv = real_candidates(load_rows(Path(real), "calibration"), max(1, n_splice * 3 // 8), seed=37)
    neg = np.array([i for i, (t, y) in enumerate(zip(rt.types, rt.label))
                    if t in STRICT_TYPES and y < 0.5], dtype=np.int64)
    log(f"real text: {len(rt):,} train windows ({int(rt.label.sum()):,} positive, {len(neg):,} "
        f"strict-type negatives x{REAL_NEGATIVE_REPEAT}), {len(rv):,} calibration windows")
    for _ in range(REAL_NEGATIVE_REPEAT - 1):
        rt = CandidateSet.concat(rt, rt.subset(neg))
    return CandidateSet.concat(train, rt), CandidateSet.concat(val, rv)


def _tensors(cs: CandidateSet):
    import torch
    return (torch.from_numpy(cs.chars), torch.from_numpy(cs.flags), torch.from_numpy(cs.etype),
            torch.from_numpy(cs.label))


def predict_torch(model, cs: CandidateSet, batch: int = 1024) -> np.ndarray:
    import torch
    model.eval()
    out = []
    with torch.no_grad():
        ch, fl, et, _ = _tensors(cs)
        for i in range(0, len(cs), batch):
            out.append(torch.sigmoid(model(ch[i:i + batch], fl[i:i + batch], et[i:i + batch])).numpy())
    return np.concatenate(out) if out else np.zeros(0, np.float32)


def _hi(scores: np.ndarray, labels: np.ndarray) -> float:
    """Lowest threshold whose precision (score >= t) is >= HI_PRECISION."""
    order = np.argsort(-scores, kind="stable")
    s, y = scores[order], labels[order]
    tp = np.cumsum(y)
    prec = tp / np.arange(1, len(y) + 1)
    ok = prec >= HI_PRECISION
    # the last index k such that prec[j] >= target for all j <= k... use the lowest threshold
    # with precision >= target where it stays above the target from there up
    bad = np.nonzero(~ok)[0]
    k = (bad[0] - 1) if len(bad) else len(s) - 1
    if k < 0:
        return float(min(1.0, s[0] + 1e-6))
    # ties: all items with the same score are taken together
    return float(s[k])


def _lo(scores: np.ndarray, labels: np.ndarray) -> float:
    """Highest threshold that keeps recall (score >= t among positives) >= LO_RECALL."""
    pos = np.sort(scores[labels > 0.5])
    if len(pos) == 0:
        return 0.5
    k = int(np.floor((1.0 - LO_RECALL) * len(pos)))
    return float(pos[k])


def calibrate(scores: np.ndarray, labels: np.ndarray, types: list[str]) -> dict[str, dict]:
    """Per-type (lo, hi). Types with little validation support use the pooled values."""
    pooled_hi, pooled_lo = _hi(scores, labels), _lo(scores, labels)
    types_arr = np.array(types)
    out = {}
    for t in ENTITY_TYPES:
        m = types_arr == t
        y = labels[m]
        n_pos, n_neg = int((y > 0.5).sum()), int((y < 0.5).sum())
        hi = _hi(scores[m], y) if n_neg >= MIN_TYPE_SUPPORT and n_pos else pooled_hi
        lo = _lo(scores[m], y) if n_pos >= MIN_TYPE_SUPPORT else pooled_lo
        hi = max(hi, pooled_hi) if n_neg < MIN_TYPE_SUPPORT else hi
        lo = min(lo, hi)
        # stored with 6 decimals, rounded outward so the guarantees hold for the stored values
        out[t] = {"lo": math.floor(lo * 1e6) / 1e6, "hi": math.ceil(hi * 1e6) / 1e6,
                  "val_pos": n_pos, "val_neg": n_neg}
    return out


def per_type_pr(decide_pos: np.ndarray, labels: np.ndarray, types: list[str]) -> dict[str, dict]:
    types_arr = np.array(types)
    out = {}
    for t in list(ENTITY_TYPES) + ["micro"]:
        m = np.ones(len(labels), bool) if t == "micro" else types_arr == t
        y, p = labels[m] > 0.5, decide_pos[m]
        tp = int((y & p).sum())
        fp = int((~y & p).sum())
        fn = int((y & ~p).sum())
        out[t] = {"precision": tp / (tp + fp) if tp + fp else float("nan"),
                  "recall": tp / (tp + fn) if tp + fn else float("nan"),
                  "support": int(y.sum()), "negatives": int((~y).sum())}
    return out


def train_cnn(cfg: TrainConfig, out_dir: str = ARTIFACTS, progress: bool = True,
              data: tuple[CandidateSet, CandidateSet] | None = None, log=print) -> dict:
    import torch
    from tqdm import tqdm

    from ..models.charcnn import CnnConfig, build_model, n_params

    torch.manual_seed(cfg.seed)
    np.random.seed(cfg.seed)
    torch.use_deterministic_algorithms(True)
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    t0 = time.time()
    if data is None:
        train, val = datasets(cfg.n_train, cfg.n_val, cfg.real, cfg.n_splice, log)
    else:
        train, val = data
    log(f"data: {len(train):,} train windows ({int(train.label.sum()):,} positive), "
        f"{len(val):,} val windows, built in {time.time() - t0:.1f}s")
    mcfg = CnnConfig.named(cfg.variant)
    model = build_model(mcfg)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    ch, fl, et, y = _tensors(train)
    vch, vfl, vet, vy = _tensors(val)
    gen = torch.Generator().manual_seed(cfg.seed)
    best = (float("inf"), None, -1)
    history = []
    bad_epochs = 0
    t_train = time.time()
    steps_per_epoch = (len(train) + cfg.batch - 1) // cfg.batch
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=cfg.lr, total_steps=cfg.epochs * steps_per_epoch)
    for epoch in range(cfg.epochs):
        model.train()
        perm = torch.randperm(len(train), generator=gen)
        total, seen = 0.0, 0
        bar = tqdm(range(0, len(train), cfg.batch), desc=f"{cfg.variant} epoch {epoch + 1}/{cfg.epochs}",
                   disable=not progress, leave=False, unit="batch")
        for i in bar:
            idx = perm[i:i + cfg.batch]
            opt.zero_grad()
            loss = loss_fn(model(ch[idx], fl[idx], et[idx]), y[idx])
            loss.backward()
            opt.step()
            sched.step()
            total += float(loss.detach()) * len(idx)
            seen += len(idx)
            if progress and (i // cfg.batch) % 20 == 0:
                bar.set_postfix(loss=f"{total / seen:.4f}")
        model.eval()
        with torch.no_grad():
            vl = float(sum(loss_fn(model(vch[i:i + 1024], vfl[i:i + 1024], vet[i:i + 1024]),
                                   vy[i:i + 1024]) * len(vy[i:i + 1024])
                           for i in range(0, len(val), 1024)) / len(val))
        history.append({"epoch": epoch + 1, "train_loss": total / seen, "val_loss": vl,
                        "seconds": round(time.time() - t_train, 1)})
        log(f"epoch {epoch + 1}: train loss {total / seen:.4f}  val loss {vl:.4f}  "
            f"({time.time() - t_train:.0f}s)")
        if vl < best[0] - 1e-5:
            best = (vl, {k: v.clone() for k, v in model.state_dict().items()}, epoch + 1)
            bad_epochs = 0
        else:
            bad_epochs += 1
            if bad_epochs >= cfg.patience:
                log(f"early stop: no val improvement for {cfg.patience} epochs")
                break
        if (time.time() - t_train) / 60 > cfg.max_minutes:
            log(f"time budget of {cfg.max_minutes} min reached")
            break
    model.load_state_dict(best[1])
    train_seconds = time.time() - t_train
    vscores = predict_torch(model, val)
    thresholds = calibrate(vscores, val.label, val.types)
    lo = np.array([thresholds[t]["lo"] for t in val.types])
    val_pr = per_type_pr(vscores >= lo, val.label, val.types)
    meta = {
        "variant": cfg.variant, "model": mcfg.to_dict(), "params": n_params(model),
        "train_config": cfg.__dict__, "splits": {k: list(v) for k, v in SPLITS.items()},
        "data": {"train_windows": len(train), "train_positive": int(train.label.sum()),
                 "val_windows": len(val), "val_positive": int(val.label.sum())},
        "best_epoch": best[2], "history": history, "train_seconds": round(train_seconds, 1),
        "thresholds": thresholds, "val_at_lo": val_pr,
        "command": f"piistream train cnn --variant {cfg.variant} --n-train {cfg.n_train} "
                   f"--n-val {cfg.n_val} --epochs {cfg.epochs} --seed {cfg.seed}"
                   + (f" --real {_shown(cfg.real)} --n-splice {cfg.n_splice}" if cfg.real else " --no-real"),
    }
    os.makedirs(out_dir, exist_ok=True)
    save(model, meta, out_dir)
    return meta


def _shown(path: str) -> str:
    """The corpus path as the model card shows it (relative to the repository when beside it)."""
    import os
    try:
        return os.path.relpath(path)
    except ValueError:
        return path


def save(model, meta: dict, out_dir: str) -> None:
    import torch

    from .export import export_onnx

    name = f"charcnn-{meta['variant']}"
    torch.save(model.state_dict(), os.path.join(out_dir, name + ".pt"))
    export_onnx(model, os.path.join(out_dir, name + ".onnx"))
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        json.dump(meta, f, indent=1, sort_keys=True)
