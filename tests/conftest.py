import os

import pytest
from hypothesis import settings

from piistream.models.records import Processor

# Hypothesis: the same examples on every run by default (CI), so a test that passes once passes
# always and a failure is reproducible; HYPOTHESIS_PROFILE=dev explores new, and many more,
# examples on each run. A test's own @settings(max_examples=...) overrides the profile's count
# (test_generator's cheap invariant keeps 25); derandomize, database and print_blob always come
# from the profile.
settings.register_profile("ci", derandomize=True, max_examples=300, deadline=None, print_blob=True,
                          database=None)
settings.register_profile("dev", derandomize=False, max_examples=2000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def processor():
    return Processor()


@pytest.fixture(scope="session")
def rules_processor():
    """The transparent rules alone (``--scorer rules``)."""
    from piistream.models.detector import Detector, make_scorer
    return Processor(Detector(scorer=make_scorer("rules")))


@pytest.fixture(scope="session")
def both(processor, rules_processor):
    """{"rules": ..., "cnn": ...}: a property through the rules and the default cascade."""
    return {"rules": rules_processor, "cnn": processor}


def found(processor, text: str, fmt: str = "text") -> set[tuple[str, str]]:
    """{(type, value)} detected in one record."""
    r = processor.process([text.encode()], fmt)[0]
    assert r.error is None, r.error
    return {(e["type"], text[e["start"]:e["end"]]) for e in r.entities}


STRICT_TYPES = ("CREDIT_CARD", "ABA_ROUTING_NUMBER", "US_BANK_NUMBER", "US_SSN", "PHONE_NUMBER",
                "US_ITIN", "IBAN_CODE")


def check_every(procs: dict, text: str, want: set[tuple[str, str]], fmt: str = "text"):
    """Every processor of ``procs`` ({name: Processor}) finds each (type, value) of ``want``."""
    for name, proc in procs.items():
        got = found(proc, text, fmt)
        assert want <= got, (name, text, got)


def check_none(procs: dict, text: str, types=STRICT_TYPES):
    """No processor of ``procs`` finds a value of ``types`` in ``text``."""
    for name, proc in procs.items():
        got = {(t, v) for t, v in found(proc, text) if t in types}
        assert not got, (name, text, got)


@pytest.fixture(scope="session")
def kafka():
    """One real Apache Kafka broker (KRaft, from Maven Central jars) for the whole session.

    Fails (does not skip) when the broker cannot start: the Kafka tests must run in CI.
    """
    from piistream.dev.broker import EmbeddedKafka

    broker = EmbeddedKafka(nodes=1, heap_mb=512)
    broker.start(timeout=180)
    try:
        yield broker
    finally:
        broker.stop()
