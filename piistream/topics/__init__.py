"""Topics as code: the pipeline's Kafka topics (:mod:`.definitions`), the JSON Schemas of
their values (``schemas/*.json``, draft 2020-12) and the code that applies them to a
cluster (:mod:`.admin`: ``apply_topics``, ``TopicReport``; imported lazily).

    from piistream.topics import topics_for, validate
    validate("alert", alert_dict)          # raises jsonschema.ValidationError

Topic and header names are defined here once (``definitions``). Imports nothing else of
piistream.
"""
from __future__ import annotations

import functools
import json
from importlib import resources

from .definitions import (  # noqa: F401 - re-exported
    DOCS_RAW,
    DOCS_REDACTED,
    ENVS,
    FORMAT_OF,
    H_DETECTOR,
    H_ENTITIES,
    H_ERROR,
    H_SRC_OFFSET,
    H_SRC_PARTITION,
    H_SRC_TOPIC,
    H_VERIFIED,
    MAX_OUTPUT_BYTES,
    MAX_WRAPPED_BYTES,
    OWN_HEADERS,
    LOGICAL_NAMES,
    LOGS_RAW,
    LOGS_REDACTED,
    NAMES,
    PII_ALERTS,
    PII_DLQ,
    PII_VERIFY,
    REDACTED_OF,
    TopicSpec,
    names,
    topics_for,
)

SCHEMA_NAMES = ("redacted-text", "redacted-json", "alert", "verify", "dlq")


def _file_name(name: str) -> str:
    base = name[:-5] if name.endswith(".json") else name
    if base not in SCHEMA_NAMES:
        raise ValueError(f"unknown schema {name!r}; known: {', '.join(SCHEMA_NAMES)}")
    return base + ".json"


@functools.lru_cache(maxsize=None)
def _schema_text(file_name: str) -> str:
    return resources.files(__name__).joinpath("schemas", file_name).read_text(encoding="utf-8")


def load_schema(name: str) -> dict:
    """The schema ``name`` ('alert' or 'alert.json', ...) as a fresh dict."""
    return json.loads(_schema_text(_file_name(name)))


def validator(name: str):
    """A cached ``jsonschema.Draft202012Validator`` for schema ``name``."""
    return _validator(_file_name(name))


@functools.lru_cache(maxsize=None)
def _validator(file_name: str):
    from jsonschema import Draft202012Validator

    schema = load_schema(file_name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def validate(name: str, obj) -> None:
    """Raise ``jsonschema.ValidationError`` (the best-matching error) if ``obj`` does not
    conform to schema ``name``. For pii.dlq validate the headers as a {name: str} dict."""
    validator(name).validate(obj)


def __getattr__(attr: str):
    if attr in ("apply_topics", "TopicReport", "TopicRow"):
        from . import admin

        return getattr(admin, attr)
    raise AttributeError(f"module {__name__!r} has no attribute {attr!r}")
