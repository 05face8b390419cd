import pytest

from piistream.models.records import Processor


@pytest.fixture(scope="session")
def processor():
    return Processor()


def found(processor, text: str, fmt: str = "text") -> set[tuple[str, str]]:
    """{(type, value)} detected in one record."""
    r = processor.process([text.encode()], fmt)[0]
    assert r.error is None, r.error
    return {(e["type"], text[e["start"]:e["end"]]) for e in r.entities}


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
