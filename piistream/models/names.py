"""The names a user chooses among, in one place: scorers, charCNN backends, verifier backends
and devices. argparse, the config's validation and the docs test all read these."""

# ``cnn`` is the shipped charCNN: ``cnn-lean-int8`` on ONNX Runtime's CPU provider, ``cnn-lean``
# on a GPU; ``rules`` is the transparent rule-based baseline.
SCORERS = ("cnn", "cnn-lean", "cnn-lean-int8", "cnn-seed", "rules")
# ``auto`` picks torch-cuda, then onnx-cuda, else onnx-cpu; torch-cpu is for parity checks.
BACKENDS = ("auto", "onnx-cpu", "onnx-cuda", "torch-cuda", "torch-cpu")
# ``minilm``: the shipped ONNX verifier; ``causal-lm``: your own LLM from a local directory.
VERIFIER_BACKENDS = ("minilm", "causal-lm")
DEVICES = ("auto", "cpu", "cuda")
