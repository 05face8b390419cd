"""``piistream label``: golden labels from the fine-tuned verifier.

A large generated candidate pool gets deliberately noisy generator labels (a share of them
flipped, seeded); the verifier relabels the pool; the lean charCNN is trained once on the noisy
labels and once on the verifier's labels (same data, same validation split with its true labels
for early stopping and calibration), and both are evaluated on the test families.
"""
from __future__ import annotations

import dataclasses
import os
import tempfile

import numpy as np

from .data.candidates import SPLITS, build, build_split
from .data.generator import iter_generate
from ..models.verifier import VerifierRuntime, verifier_path
from .verifier import texts_from_windows


def golden_labels(n: int = 20_000, noise: float = 0.15, seed: int = 23, n_eval: int = 6000,
                  threshold: float = 0.5, log=print) -> dict:
    from ..models.cnn_runtime import CnnRuntime, CnnScorer
    from .evaluate import evaluate
    from .cnn import TrainConfig, train_cnn

    # a pool the verifier never saw (it was fine-tuned on the train split's seed): same families,
    # another seed
    train = build(list(iter_generate(n, seed=seed + 5000, pii_rate=0.5, families=SPLITS["train"])))
    val = build_split("val", n // 3)
    rng = np.random.default_rng(seed)
    noisy = train.label.copy()
    flip = rng.random(len(noisy)) < noise
    noisy[flip] = 1.0 - noisy[flip]
    probs = VerifierRuntime(verifier_path()).predict(
        texts_from_windows(train.texts, train.flags, train.types), batch=64)
    golden = (probs >= threshold).astype(np.float32)
    truth = train.label > 0.5
    report = {"pool": len(train), "noise": noise,
              "noisy_label_accuracy": float(((noisy > 0.5) == truth).mean()),
              "golden_label_accuracy": float(((golden > 0.5) == truth).mean())}
    log(f"labels vs truth: noisy {report['noisy_label_accuracy']:.3f}, "
        f"golden {report['golden_label_accuracy']:.3f} ({len(train):,} windows)")
    tmp = tempfile.mkdtemp(prefix="piistream-label-")
    scorers = []
    for name, labels in (("noisy labels", noisy), ("golden labels", golden), ("true labels", train.label)):
        d = os.path.join(tmp, name.split()[0])
        data = dataclasses.replace(train, label=labels.astype(np.float32))
        meta = train_cnn(TrainConfig(variant="lean", epochs=6), d, progress=False, data=(data, val),
                         log=lambda s: None)
        log(f"charCNN on {name}: best epoch {meta['best_epoch']}, {meta['train_seconds']:.0f}s")
        scorers.append((f"charCNN ({name})", CnnScorer(CnnRuntime("lean", "onnx-cpu", art_dir=d),
                                                      dispute=False)))
    res = evaluate(scorers, n_eval, naive=False)
    report["test_micro"] = {k: {m: v["micro"][m] for m in ("precision", "recall")} for k, v in res.items()}
    report["results"] = res
    return report
