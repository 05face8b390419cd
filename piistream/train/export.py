"""ONNX export of a charCNN (dynamic batch) and the parity check against torch."""
from __future__ import annotations

import numpy as np

from ..models.onnx import session
from ..models.windows import WIDTH

INPUTS = ("chars", "flags", "etype")


def export_onnx(model, path: str, opset: int = 17) -> None:
    import torch

    model.eval()
    ex = (torch.zeros(2, WIDTH, dtype=torch.int64), torch.zeros(2, 2, WIDTH),
          torch.zeros(2, dtype=torch.int64))
    torch.onnx.export(model, ex, path, input_names=list(INPUTS), output_names=["logit"],
                      dynamic_axes={"chars": {0: "n"}, "flags": {0: "n"}, "etype": {0: "n"},
                                    "logit": {0: "n"}},
                      opset_version=opset, dynamo=False)


def parity(model, onnx_path: str, chars: np.ndarray, flags: np.ndarray, etype: np.ndarray) -> float:
    """Max absolute difference of the logits, ONNX Runtime (CPU) vs torch."""
    import torch

    sess = session(onnx_path)
    got = sess.run(None, {"chars": chars, "flags": flags, "etype": etype})[0]
    with torch.no_grad():
        ref = model(torch.from_numpy(chars), torch.from_numpy(flags), torch.from_numpy(etype)).numpy()
    return float(np.abs(got - ref).max())
