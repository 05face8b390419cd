"""Training, calibration and evaluation, apart from the runtime: the synthetic data generator
and candidate sets (``data/``), charCNN training and export (``cnn``, ``export``), static int8
quantization (``quantize_cnn``), the verifier's training and compression (``verifier``,
``compress``), golden labels (``label``) and the evaluation (``evaluate``). Needs the ``train``
and ``verifier`` extras (torch, transformers, Faker). May import ``models``, ``config`` and
``cascade``; never ``stream`` or ``dev``.
"""
