"""``piistream quantize cnn``: the charCNN as ONNX Runtime **static** int8 (the CPU default).

The exported fp32 graph (``charcnn-<variant>.onnx``) is quantized in QDQ format: int8 weights
per output channel, uint8 activations with per-tensor scales calibrated once (MinMax) on
training-family windows and then fixed in the graph, so a window's score never depends on the
other windows of its batch. ONNX Runtime runs the convolutions as int8 kernels (VNNI/AMX where
the CPU has them).

Quantization moves the scores a little, so the per-type (lo, hi) thresholds are calibrated again
on the int8 scores of the same validation windows, with the same rule as training
(``train.calibrate``: precision >= 0.99 above hi, recall >= 0.995 at lo). The test families are
not used. Writes ``charcnn-<variant>-int8.onnx`` and ``.json`` (a new variant, ``<variant>-int8``,
that ``CnnRuntime`` loads like any other; ONNX only: there is no torch form).
"""
from __future__ import annotations

import json
import os
import time

import numpy as np

from ..models import ARTIFACTS
from ..models.onnx import session
from .export import INPUTS

QUANT = {"format": "QDQ (static)", "weights": "int8, per output channel, symmetric",
         "activations": "uint8, per tensor, scales fixed by MinMax calibration",
         "ops": "every op ONNX Runtime quantizes by default (Conv, MatMul/Gemm, Gather, ...)"}


def _feeds(cs, idx: np.ndarray) -> dict:
    return dict(zip(INPUTS, (cs.chars[idx], cs.flags[idx], cs.etype[idx])))


def quantize_onnx(src: str, dst: str, calib, n_calib: int = 1024, seed: int = 5) -> None:
    """Static int8 (QDQ) of the charCNN graph ``src``, calibrated on ``n_calib`` random windows
    of the candidate set ``calib``, in batches of 64."""
    from onnxruntime.quantization import (CalibrationDataReader, CalibrationMethod, QuantFormat,
                                          QuantType, quantize_static)

    idx = np.sort(np.random.default_rng(seed).permutation(len(calib))[:n_calib])

    class Reader(CalibrationDataReader):
        def __init__(self):
            self.parts = iter([idx[i:i + 64] for i in range(0, len(idx), 64)])

        def get_next(self):
            part = next(self.parts, None)
            return None if part is None else _feeds(calib, part)

    quantize_static(src, dst, Reader(), quant_format=QuantFormat.QDQ, per_channel=True,
                    activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                    calibrate_method=CalibrationMethod.MinMax)


def _windows_per_s(path: str, cs, threads: int, batch: int = 128, n: int = 4096) -> float:
    sess = session(path, threads)
    idx = np.arange(min(n, len(cs)))
    parts = [idx[i:i + batch] for i in range(0, len(idx) - batch + 1, batch)]
    sess.run(None, _feeds(cs, parts[0]))
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        for p in parts:
            sess.run(None, _feeds(cs, p))
        best = min(best, time.perf_counter() - t)
    return len(parts) * batch / best


def quantize_cnn(variant: str = "lean", n_train: int = 4000, n_val: int = 20_000,
                 n_calib: int = 1024, art_dir: str = ARTIFACTS, out_dir: str | None = None,
                 log=print, real: str = "", n_splice: int = 8000) -> dict:
    from ..models.cnn_runtime import _sigmoid
    from .data.candidates import build_split
    from .cnn import calibrate, per_type_pr

    out_dir = out_dir or art_dir
    t0 = time.time()
    src = os.path.join(art_dir, f"charcnn-{variant}.onnx")
    with open(os.path.join(art_dir, f"charcnn-{variant}.json")) as f:
        meta = json.load(f)
    name = f"{variant}-int8"
    dst = os.path.join(out_dir, f"charcnn-{name}.onnx")
    train = build_split("train", n_train)
    quantize_onnx(src, dst, train, n_calib)
    if real:  # the thresholds on the same validation windows as training's: real ones included
        from .cnn import datasets
        val = datasets(1, n_val, real, n_splice, log)[1]
    else:
        val = build_split("val", n_val)

    def scores(path: str) -> np.ndarray:
        sess = session(path)
        out = [sess.run(None, _feeds(val, np.arange(i, min(len(val), i + 512))))[0]
               for i in range(0, len(val), 512)]
        return _sigmoid(np.concatenate(out))

    fp, q = scores(src), scores(dst)
    th = calibrate(q, val.label, val.types)
    lo_q = np.array([th[t]["lo"] for t in val.types])
    lo_fp = np.array([meta["thresholds"][t]["lo"] for t in val.types])
    at_lo = per_type_pr(q >= lo_q, val.label, val.types)
    at_lo_fp = per_type_pr(fp >= lo_fp, val.label, val.types)
    speed = {f"{k}_{t}t": _windows_per_s(p, val, t) for k, p in (("fp32", src), ("int8", dst))
             for t in (1, 2)}
    qmeta = {k: v for k, v in meta.items() if k not in ("thresholds", "val_at_lo")}
    qmeta.update({
        "variant": name, "quantized_from": f"charcnn-{variant}.onnx", "quantization": QUANT,
        "calibration_windows": int(min(n_calib, len(train))),
        "thresholds": th, "val_at_lo": at_lo, "val_at_lo_fp32": at_lo_fp,
        "val_windows": len(val),
        "max_abs_prob_diff_val": float(np.abs(q - fp).max()),
        "mean_abs_prob_diff_val": float(np.abs(q - fp).mean()),
        "windows_per_s_cpu_batch128": {k: round(v) for k, v in speed.items()},
        "size_bytes": {"fp32": os.path.getsize(src), "int8": os.path.getsize(dst)},
        "quantize_command": f"piistream quantize cnn --variant {variant} --n-train {n_train} "
                            f"--n-val {n_val} --n-calib {n_calib}"
                            + (f" --real {os.path.relpath(real)} --n-splice {n_splice}" if real else " --no-real"),
        "quantize_seconds": round(time.time() - t0, 1),
    })
    with open(os.path.join(out_dir, f"charcnn-{name}.json"), "w") as f:
        json.dump(qmeta, f, indent=1, sort_keys=True)
    m, mf = at_lo["micro"], at_lo_fp["micro"]
    log(f"charcnn-{name}: validation ({len(val):,} windows) at lo: P/R {m['precision']:.4f}/"
        f"{m['recall']:.4f} (fp32 {mf['precision']:.4f}/{mf['recall']:.4f}); max |dp| "
        f"{qmeta['max_abs_prob_diff_val']:.3g}, mean {qmeta['mean_abs_prob_diff_val']:.2g}")
    log("windows/s (CPU, batch 128): " + ", ".join(f"{k} {v:,.0f}" for k, v in speed.items()))
    log(f"size: {os.path.getsize(src):,} -> {os.path.getsize(dst):,} bytes; wrote {dst}")
    return qmeta
