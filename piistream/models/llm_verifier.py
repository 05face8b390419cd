"""Bring your own causal LLM as the verification stage's model (``verifier.backend = "causal-lm"``).

For users who have a local Hugging Face model directory (Qwen, Llama, Phi, Mistral, ...) and
would rather have it decide the uncertain candidates than the shipped MiniLM verifier. Nothing is
downloaded: the directory is loaded with ``local_files_only``.

Each candidate becomes a prompt that asks for a JSON verdict, ``{"pii": true}`` or
``{"pii": false}``, about the marked value in its context window. The prompt ends where the verdict
begins (``... Answer: {"pii":``), and one forward pass scores it: the probability of PII is the
model's next-token probability of ``true`` against ``false`` (summed over the tokenizer's spellings
of each, normalised over the two). That is the JSON verdict the model would write greedily, read
as a probability, without sampling or parsing free text, and it costs one forward pass per
candidate, batched. Instruction-tuned models get their chat template; base models get the plain
prompt.

Precision: ``bits = 0`` runs the weights as stored (fp32 on CPU, fp16 on a GPU); ``bits = 8`` is
int8 (PyTorch dynamic quantization of the Linear layers on CPU; bitsandbytes LLM.int8 on a GPU);
``bits = 4`` is bitsandbytes NF4 and needs a CUDA GPU. Errors (no such directory, no bitsandbytes,
a tokenizer that cannot tell ``true`` from ``false``) raise at load: the worker then fails closed,
as with a missing MiniLM verifier.

The runtime has the interface of ``VerifierRuntime`` (``text`` builds an input, ``predict``
scores a list of inputs), so ``VerifyingScorer``, the verify agent, replay and ``scan --verifier``
use it unchanged.
"""
from __future__ import annotations

import os

import numpy as np

CONTEXT = 64  # characters of context on each side of the candidate (as the MiniLM verifier)
INSTRUCTION = (
    "You check the output of a PII detector. Decide whether the value between [[ and ]] is real "
    "personal data of the given type (not an order number, timestamp, test value or other "
    "look-alike), judging by the value and its context.\n"
    "Type: {type}\n"
    "Context: {left}[[ {value} ]]{right}\n"
    'Reply with JSON only: {{"pii": true}} or {{"pii": false}}.')
ANSWER_PREFIX = '{"pii":'
TRUE_SPELLINGS = (" true", "true", " True", "True")
FALSE_SPELLINGS = (" false", "false", " False", "False")


def verdict_tokens(tok) -> tuple[list[int], list[int]]:
    """The first token of each spelling of ``true`` and of ``false``; a token that starts
    spellings of both (a bare space, say) says nothing and is left out."""
    first = {}
    for side, spellings in (("t", TRUE_SPELLINGS), ("f", FALSE_SPELLINGS)):
        first[side] = set()
        for s in spellings:
            ids = tok.encode(s, add_special_tokens=False)
            if ids:
                first[side].add(ids[0])
    both = first["t"] & first["f"]
    return sorted(first["t"] - both), sorted(first["f"] - both)


class CausalLMVerifier:
    name = "causal-lm"

    def __init__(self, model_dir: str, bits: int = 0, device: str = "auto", threads: int | None = None,
                 batch: int = 8):
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        if not model_dir or not os.path.isdir(model_dir):
            raise FileNotFoundError(f"causal-lm verifier: no model directory {model_dir!r}")
        if bits not in (0, 8, 4):
            raise ValueError(f"causal-lm verifier: bits must be 0, 8 or 4, not {bits!r}")
        device = device or "auto"
        if device not in ("auto", "cpu", "cuda"):
            raise ValueError(f"unknown verifier device {device!r}; one of auto, cpu, cuda")
        has_cuda = torch.cuda.is_available()
        if device == "cuda" and not has_cuda:
            raise RuntimeError("verifier device 'cuda' asked for, but torch sees no CUDA GPU")
        self.device = "cuda" if has_cuda and device in ("auto", "cuda") else "cpu"
        if bits == 4 and self.device != "cuda":
            raise ValueError("causal-lm verifier: 4-bit weights need a CUDA GPU (bitsandbytes)")
        if self.device == "cpu":
            torch.set_num_threads(threads or (os.cpu_count() or 1))
        self.tok = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
        self.tok.padding_side = "left"
        if self.tok.pad_token is None:
            self.tok.pad_token = self.tok.eos_token or self.tok.unk_token
        kwargs: dict = {"local_files_only": True}
        if self.device == "cuda" and bits in (4, 8):
            from transformers import BitsAndBytesConfig  # needs the bitsandbytes package
            kwargs["quantization_config"] = (
                BitsAndBytesConfig(load_in_8bit=True) if bits == 8 else
                BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4",
                                   bnb_4bit_compute_dtype=torch.float16))
            kwargs["device_map"] = {"": 0}
        model = AutoModelForCausalLM.from_pretrained(model_dir, **kwargs)
        if self.device == "cuda" and bits == 0:
            model = model.to("cuda").half()
        if self.device == "cpu" and bits == 8:
            model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        self.model = model.eval()
        self.bits = bits
        self.batch = batch
        self.true_ids, self.false_ids = verdict_tokens(self.tok)
        if not self.true_ids or not self.false_ids:
            raise ValueError("causal-lm verifier: this tokenizer cannot tell 'true' from 'false' "
                             "by their first token")
        self._chat = bool(getattr(self.tok, "chat_template", None))

    # -- inputs -------------------------------------------------------------------------------
    def text(self, etype: str, window: str, start: int, end: int) -> str:
        """The prompt for a candidate at [start, end) of its window, up to the verdict."""
        body = INSTRUCTION.format(type=etype.lower().replace("_", " "),
                                  left=window[max(0, start - CONTEXT):start], value=window[start:end],
                                  right=window[end:end + CONTEXT])
        if self._chat:
            prompt = self.tok.apply_chat_template([{"role": "user", "content": body}], tokenize=False,
                                                  add_generation_prompt=True)
            return prompt + ANSWER_PREFIX
        return body + "\nAnswer: " + ANSWER_PREFIX

    # -- scoring ------------------------------------------------------------------------------
    def predict(self, prompts: list[str], batch: int | None = None) -> np.ndarray:
        """P(verdict = true) per prompt, in input order: batches of similar length, left padded,
        positions counted from each prompt's first real token (so padding does not move them)."""
        import torch

        batch = batch or self.batch
        out = np.zeros(len(prompts), np.float32)
        if not prompts:
            return out
        lens = [len(self.tok.encode(p, add_special_tokens=False)) for p in prompts]
        order = sorted(range(len(prompts)), key=lens.__getitem__)
        dev = self.model.device if hasattr(self.model, "device") else "cpu"
        with torch.inference_mode():
            for i in range(0, len(order), batch):
                part = order[i:i + batch]
                enc = self.tok([prompts[j] for j in part], return_tensors="pt", padding=True,
                               add_special_tokens=False)
                am = enc["attention_mask"].to(dev)
                pos = (am.cumsum(-1) - 1).clamp(min=0)
                logits = self.model(input_ids=enc["input_ids"].to(dev), attention_mask=am,
                                    position_ids=pos).logits[:, -1, :].float()
                lt = torch.logsumexp(logits[:, self.true_ids], dim=-1)
                lf = torch.logsumexp(logits[:, self.false_ids], dim=-1)
                out[part] = torch.sigmoid(lt - lf).cpu().numpy()
        return out
