"""ONNX Runtime sessions, set up one way for every model (charCNN, verifier, their tools)."""
from __future__ import annotations


def cuda_provider_available() -> bool:
    """Whether this onnxruntime offers the CUDA execution provider (onnxruntime-gpu)."""
    import onnxruntime as ort

    return "CUDAExecutionProvider" in ort.get_available_providers()


def session(path: str, threads: int | None = None, cuda: bool = False):
    """An ``InferenceSession`` for ``path``: ``threads`` intra-op CPU threads (None: ONNX
    Runtime's default, every core), warnings off, the CUDA provider first when ``cuda``.

    The intra-op threads sleep when they have no work instead of spinning: the detector calls
    the model in short bursts between stretches of Python (the candidate stage, the rules), and
    a spinning thread burns a core through them. ``scan``'s default mode with two threads on a
    2-core machine: 108-114 -> 93-96 CPU-µs per record, wall time 74-80 µs either way (the
    behaviour corpus, best of 3, 2026-12-04)."""
    import onnxruntime as ort

    so = ort.SessionOptions()
    if threads:
        so.intra_op_num_threads = threads
        so.inter_op_num_threads = 1
    so.add_session_config_entry("session.intra_op.allow_spinning", "0")
    so.add_session_config_entry("session.inter_op.allow_spinning", "0")
    so.log_severity_level = 3
    providers = ["CUDAExecutionProvider", "CPUExecutionProvider"] if cuda else ["CPUExecutionProvider"]
    return ort.InferenceSession(path, so, providers=providers)


_digests: dict[tuple[str, float, int], str] = {}


def digest(path: str) -> str:
    """A model file's version: the first 12 hex digits of its SHA-256 (cached per path, mtime
    and size). Two models with the same digest are the same bytes, whatever their names."""
    import hashlib
    import os

    st = os.stat(path)
    key = (os.path.abspath(path), st.st_mtime, st.st_size)
    got = _digests.get(key)
    if got is None:
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        got = _digests[key] = h.hexdigest()[:12]
    return got
