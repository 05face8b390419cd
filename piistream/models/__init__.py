"""The runtime detection core: recognizers, validators, context windows, the charCNN and the
verifier runtimes, scoring, records (text and JSON) and redaction. Pure functions over batches of
text; free of Kafka. Imports nothing from the rest of piistream (only ``piistream.__version__``).
"""
import os

ARTIFACTS = os.path.join(os.path.dirname(__file__), "artifacts")  # the shipped models
