"""Synthetic log / document corpus with ground-truth PII spans (benchmarks, demo, training data)."""
from .generator import (ENTITY_TYPES, FAMILIES, JSON_FAMILIES, Record, Span, aba_valid, generate,
                        iban_valid, itin_valid, iter_generate, luhn_valid, ssn_valid)

__all__ = [
    "ENTITY_TYPES", "FAMILIES", "JSON_FAMILIES", "Record", "Span", "aba_valid", "generate",
    "iban_valid", "itin_valid", "iter_generate", "luhn_valid", "ssn_valid",
]
