"""piistream: streaming PII detection and redaction for Kafka."""

__version__ = "0.1.0"
