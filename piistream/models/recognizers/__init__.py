"""The recognizer registry: one module per entity type, registered here in one place.

Adding a type = one module in this package that defines a ``Recognizer`` subclass decorated with
``@register``, plus its tests. ``all_recognizers()`` returns one instance of each.
"""
from __future__ import annotations

import importlib

from .base import Batch, Candidate, Recognizer

_REGISTRY: dict[str, type[Recognizer]] = {}

# The modules that define the built-in recognizers (imported on first use).
MODULES = (
    "us_ssn", "us_itin", "credit_card", "us_bank_number", "aba_routing_number", "iban_code",
    "email_address", "phone_number", "ip_address", "secrets",
)


def register(cls: type[Recognizer]) -> type[Recognizer]:
    if not cls.entity:
        raise ValueError(f"{cls.__name__} has no entity type")
    _REGISTRY[cls.entity] = cls
    return cls


def _load() -> None:
    for m in MODULES:
        importlib.import_module(f"{__name__}.{m}")


def registry() -> dict[str, type[Recognizer]]:
    if len(_REGISTRY) < len(MODULES):
        _load()
    return dict(_REGISTRY)


def all_recognizers(types: list[str] | None = None) -> list[Recognizer]:
    reg = registry()
    if types is None:
        types = list(reg)
    unknown = [t for t in types if t not in reg]
    if unknown:
        raise ValueError(f"unknown entity type(s): {', '.join(unknown)}; known: {', '.join(reg)}")
    return [reg[t]() for t in types]


__all__ = ["Batch", "Candidate", "Recognizer", "register", "registry", "all_recognizers"]
