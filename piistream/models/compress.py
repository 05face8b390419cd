"""``piistream compress``: fine-tune the MiniLM verifier, compress it (layer pruning + fine-tune,
SVD low-rank factorisation by retained energy, ONNX Runtime dynamic int8, combinations) and
print the seed-style report: precision, recall, size and latency per candidate for every
variant and the charCNN, on the test families. Ships the chosen int8 variant.
"""
from __future__ import annotations

import copy
import json
import os
import shutil
import tempfile
import time

import numpy as np

from .verifier import (ARTIFACTS, VerifierRuntime, _hard_subset, build_net, export_verifier,
                       fine_tune, load_tokenizer, quantize_int8, texts_from_windows)


def svd_compress(net, energy: float = 0.9) -> dict:
    """Replace each encoder Linear (in place) by two thinner ones holding its best rank-r
    approximation, r the smallest rank keeping ``energy`` of the squared singular values, where
    that saves parameters. Returns {"layers": n replaced, "params_before", "params_after"}."""
    import torch
    from torch import nn

    replaced, before, after = 0, 0, 0
    for name, mod in list(net.bert.encoder.named_modules()):
        for child_name, child in list(mod.named_children()):
            if not isinstance(child, nn.Linear):
                continue
            w = child.weight.data  # [out, in]
            u, s, vh = torch.linalg.svd(w, full_matrices=False)
            e = torch.cumsum(s ** 2, 0) / (s ** 2).sum()
            r = int((e < energy).sum().item()) + 1
            out_f, in_f = w.shape
            before += w.numel()
            if r * (in_f + out_f) >= in_f * out_f:
                after += w.numel()
                continue
            first = nn.Linear(in_f, r, bias=False)
            second = nn.Linear(r, out_f, bias=True)
            first.weight.data = (torch.diag(s[:r]) @ vh[:r]).contiguous()
            second.weight.data = u[:, :r].contiguous()
            second.bias.data = child.bias.data.clone()
            setattr(mod, child_name, nn.Sequential(first, second))
            replaced += 1
            after += r * (in_f + out_f)
    return {"layers": replaced, "params_before": before, "params_after": after}


def _latency_ms(rt: VerifierRuntime, texts: list[str], batch: int = 32) -> float:
    rt.predict(texts[:batch], batch)
    t = time.perf_counter()
    rt.predict(texts, batch)
    return (time.perf_counter() - t) / len(texts) * 1000


def _pr(p: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    tp = float(((p > 0.5) & (y > 0.5)).sum())
    return tp / max(1.0, float((p > 0.5).sum())), tp / max(1.0, float((y > 0.5).sum()))


def compress(n_train: int = 3000, epochs: int = 2, energy: float = 0.9, prune_to: int = 3,
             n_eval: int = 1500, seed: int = 17, out_dir: str = ARTIFACTS, log=print) -> dict:
    import torch
    from rich.console import Console
    from rich.table import Table

    from .cnn_runtime import CnnRuntime
    from .data.candidates import build_split

    t_all = time.time()
    train, test = build_split("train", 20_000), build_split("test", 6_000)
    cnn = CnnRuntime("lean", "onnx-cpu")
    tr_scores = cnn.predict(train.chars, train.flags, train.etype)
    lo_tr = np.array([cnn.meta["thresholds"][t]["lo"] for t in train.types])
    idx = _hard_subset(train, n_train, seed, tr_scores, lo_tr)
    tr_texts = texts_from_windows([train.texts[i] for i in idx], train.flags[idx],
                                  [train.types[i] for i in idx])
    tr_y = torch.from_numpy(train.label[idx])
    # evaluation windows (test families): a random sample, and the charCNN's uncertain band
    te_scores = cnn.predict(test.chars, test.flags, test.etype)
    th = cnn.meta["thresholds"]
    lo = np.array([th[t]["lo"] for t in test.types])
    hi = np.array([th[t]["hi"] for t in test.types])
    rng = np.random.default_rng(seed)
    sample = rng.permutation(len(test))[:n_eval]
    band = np.nonzero((te_scores >= lo) & (te_scores < hi))[0]
    wrong = np.nonzero((te_scores >= lo) != (test.label > 0.5))[0]
    hard = np.union1d(band, wrong)
    sets = {"sample": sample, "hard": hard}
    texts = {k: texts_from_windows([test.texts[i] for i in v], test.flags[v],
                                   [test.types[i] for i in v]) for k, v in sets.items()}
    tok = load_tokenizer()
    tmp = tempfile.mkdtemp(prefix="piistream-compress-")
    rows = []

    def add(name: str, onnx_path: str, note: str = ""):
        rt = VerifierRuntime(onnx_path, threads=2)
        row = {"variant": name, "size_mb": os.path.getsize(onnx_path) / 2**20, "note": note}
        for k, v in sets.items():
            p = rt.predict(texts[k])
            row[f"{k}_p"], row[f"{k}_r"] = _pr(p, test.label[v])
        row["ms_per_candidate"] = _latency_ms(rt, texts["sample"][:256])
        rows.append(row)
        log(f"{name}: {row}")
        return row

    # 1. the fine-tuned MiniLM-L6
    net = build_net()
    hist = fine_tune(net, tok, tr_texts, tr_y, epochs, 16, 3e-5, seed, log)
    base = os.path.join(tmp, "l6.onnx")
    export_verifier(net, base)
    add("MiniLM-L6 fine-tuned, fp32", base)
    quantize_int8(base, os.path.join(tmp, "l6.int8.onnx"))
    add("  + int8 (dynamic)", os.path.join(tmp, "l6.int8.onnx"))
    # 2. SVD low-rank of every encoder linear layer
    svd_net = copy.deepcopy(net)
    rep = svd_compress(svd_net, energy)
    export_verifier(svd_net, os.path.join(tmp, "svd.onnx"))
    add(f"SVD, {energy:.0%} energy, fp32", os.path.join(tmp, "svd.onnx"),
        f"{rep['layers']} layers, encoder linear params {rep['params_before'] / 1e6:.1f}M -> "
        f"{rep['params_after'] / 1e6:.1f}M")
    quantize_int8(os.path.join(tmp, "svd.onnx"), os.path.join(tmp, "svd.int8.onnx"))
    add("  + int8", os.path.join(tmp, "svd.int8.onnx"))
    # 3. layer pruning: keep the first N layers of the fine-tuned model, fine-tune again
    pruned = build_net(layers=prune_to)
    pruned.load_state_dict({k: v for k, v in net.state_dict().items()
                            if not k.startswith("bert.encoder.layer.") or
                            int(k.split(".")[3]) < prune_to})
    fine_tune(pruned, tok, tr_texts, tr_y, 1, 16, 3e-5, seed + 100, log)
    export_verifier(pruned, os.path.join(tmp, "pruned.onnx"))
    add(f"pruned to {prune_to} layers + fine-tune, fp32", os.path.join(tmp, "pruned.onnx"))
    quantize_int8(os.path.join(tmp, "pruned.onnx"), os.path.join(tmp, "pruned.int8.onnx"))
    add("  + int8", os.path.join(tmp, "pruned.int8.onnx"))
    # 4. pruned + SVD + int8
    psvd = copy.deepcopy(pruned)
    svd_compress(psvd, energy)
    export_verifier(psvd, os.path.join(tmp, "psvd.onnx"))
    quantize_int8(os.path.join(tmp, "psvd.onnx"), os.path.join(tmp, "psvd.int8.onnx"))
    add(f"pruned {prune_to} + SVD + int8", os.path.join(tmp, "psvd.int8.onnx"))
    # the charCNN on the same windows (its calibrated lo: at or above = redacted)
    cnn_row = {"variant": "charCNN lean (for comparison)",
               "size_mb": os.path.getsize(os.path.join(os.path.dirname(__file__), "artifacts",
                                                       "charcnn-lean.onnx")) / 2**20, "note": ""}
    for k, v in sets.items():
        cnn_row[f"{k}_p"], cnn_row[f"{k}_r"] = _pr((te_scores[v] >= lo[v]).astype(float), test.label[v])
    t = time.perf_counter()
    s = sample[:256]
    cnn.predict(test.chars[s], test.flags[s], test.etype[s])
    cnn_row["ms_per_candidate"] = (time.perf_counter() - t) / len(s) * 1000
    rows.append(cnn_row)

    # choose: the smallest int8 variant whose hard-set F1 is within 1 point of the fp32 original
    f1 = lambda r: 2 * r["hard_p"] * r["hard_r"] / max(1e-9, r["hard_p"] + r["hard_r"])  # noqa: E731
    ref = f1(rows[0])
    candidates = [(rows[1], "l6.int8.onnx"), (rows[3], "svd.int8.onnx"), (rows[5], "pruned.int8.onnx"),
                  (rows[6], "psvd.int8.onnx")]
    ok = [(r, f) for r, f in candidates if f1(r) >= ref - 0.01]
    chosen, fname = min(ok, key=lambda rf: rf[0]["size_mb"]) if ok else candidates[0]
    os.makedirs(out_dir, exist_ok=True)
    shutil.copy(os.path.join(tmp, fname), os.path.join(out_dir, "verifier.int8.onnx"))
    meta = {"chosen": chosen["variant"] + f" ({fname})", "rows": rows, "train_windows": len(idx),
            "history": hist, "energy": energy, "prune_to": prune_to,
            "eval": {"sample": int(len(sample)), "hard": int(len(hard))},
            "layers": prune_to if fname.startswith("p") else 6,
            "seconds": round(time.time() - t_all, 1),
            "command": f"piistream compress --n-train {n_train} --epochs {epochs} --energy {energy} "
                       f"--prune-to {prune_to}"}
    with open(os.path.join(out_dir, "verifier.json"), "w") as f:
        json.dump(meta, f, indent=1)
    shutil.rmtree(tmp, ignore_errors=True)

    table = Table(title=f"verifier compression, test families ({len(sample)} random windows; "
                        f"{len(hard)} hard = charCNN uncertain or wrong), CPU 2 threads, batch 32")
    for col in ("variant", "size MB", "P (random)", "R (random)", "P (hard)", "R (hard)",
                "ms / candidate", "note"):
        table.add_column(col, justify="left" if col in ("variant", "note") else "right")
    for r in rows:
        table.add_row(r["variant"], f"{r['size_mb']:.1f}", f"{r['sample_p']:.3f}", f"{r['sample_r']:.3f}",
                      f"{r['hard_p']:.3f}", f"{r['hard_r']:.3f}", f"{r['ms_per_candidate']:.2f}", r["note"])
    Console(width=max(160, Console().width)).print(table)
    log(f"shipped: {meta['chosen']} -> {os.path.join(out_dir, 'verifier.int8.onnx')}")
    return meta
