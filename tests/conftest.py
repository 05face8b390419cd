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
