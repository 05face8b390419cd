"""The stream's output building (``Router``), without Kafka or Faust: what each consumed record
becomes, byte for byte -- DLQ records, redacted records, alerts and their headers."""
import json
import time

import pytest

from piistream.models.detector import Detector, make_scorer
from piistream.models.records import Processor
from piistream.cascade import Cascade
from piistream.models.redact import Tokenizer
from piistream.stream.pipeline import Edges, InRecord, Out, Router

KEY = b"k" * 32


@pytest.fixture
def router():
    return Router(Cascade(Processor(Detector(scorer=make_scorer("rules"))), None, Tokenizer(KEY, "k1")))


def coords(topic: str, partition: int, offset: int) -> list[tuple[str, bytes]]:
    return [("piistream-src-topic", topic.encode()), ("piistream-src-partition", str(partition).encode()),
            ("piistream-src-offset", str(offset).encode())]


BAD_TEXT = [
    # (value, reason prefix of the piistream-error header)
    (b"\xff\xfe ssn 536-22-1234", "invalid_utf8: "),
    (b"ok \xc3\x28 536-22-1234", "invalid_utf8: "),
    (b"a\x00b 536-22-1234", "nul_byte: "),
    (b"", "empty: "),
]


@pytest.mark.parametrize("value,reason", BAD_TEXT)
def test_bad_text_records_go_to_the_dlq_unchanged(router, value, reason):
    rec = InRecord("logs.raw", 3, 17, b"user-7", value, [("trace", b"t1")])
    outs = router.route([rec], "text")
    assert len(outs) == 1 and len(outs[0]) == 1
    o = outs[0][0]
    assert isinstance(o, Out)
    assert o.topic == "pii.dlq"
    assert o.key == b"user-7"
    assert o.value == value  # the original bytes, exactly
    assert [h for h in o.headers if h[0] != "piistream-error"] == [("trace", b"t1")] + coords("logs.raw", 3, 17)
    assert o.headers[-1][0] == "piistream-error"
    err = o.headers[-1][1].decode()
    assert err.startswith(reason) and "536" not in err


def test_exact_dlq_reasons(router):
    recs = [InRecord("logs.raw", 0, 1, None, b"\xff\xfe ssn 536-22-1234"),
            InRecord("logs.raw", 0, 2, None, b"a\x00b"),
            InRecord("logs.raw", 0, 3, None, b""),
            InRecord("logs.raw", 0, 4, None, None)]
    outs = router.route(recs, "text")
    assert [[(o.topic, o.key, o.value, dict(o.headers)["piistream-error"]) for o in x] for x in outs] == [
        [("pii.dlq", None, b"\xff\xfe ssn 536-22-1234", b"invalid_utf8: invalid start byte at byte 0")],
        [("pii.dlq", None, b"a\x00b", b"nul_byte: NUL character at offset 1")],
        [("pii.dlq", None, b"", b"empty: record has no value")],
        [("pii.dlq", None, b"", b"empty: record has no value")],
    ]


@pytest.mark.parametrize("value,reason", [
    (b'{"ssn": "536-22-1234"', b"invalid_json: unexpected end of data: line 1 column 22 (char 21)"),
    (b"not json at all 536-22-1234", b"invalid_json: "),
    (b"[1, 2", b"invalid_json: "),
    (b"\xff{}", b"invalid_utf8: "),
    (b"", b"empty: record has no value"),
])
def test_bad_json_records_go_to_the_dlq_unchanged(router, value, reason):
    rec = InRecord("docs.raw", 1, 905, b"doc-1", value, [])
    outs = router.route([rec], "json")
    assert len(outs) == 1 and len(outs[0]) == 1
    o = outs[0][0]
    assert (o.topic, o.key, o.value) == ("pii.dlq", b"doc-1", value)
    assert o.headers[:-1] == coords("docs.raw", 1, 905)
    assert o.headers[-1][0] == "piistream-error" and o.headers[-1][1].startswith(reason)


def test_oversize_record_goes_to_the_dlq_unchanged():
    router = Router(Cascade(Processor(Detector(scorer=make_scorer("rules")), max_bytes=32), None,
                            Tokenizer(KEY, "k1")))
    value = b"ssn 536-22-1234 " * 4  # 64 bytes
    outs = router.route([InRecord("logs.raw", 0, 7, b"k", value)], "text")
    assert outs == [[Out("dlq", "pii.dlq", b"k", value, coords("logs.raw", 0, 7) + [
        ("piistream-error", b"oversize: record is 64 bytes, limit is 32")])]]


def test_clean_record_to_the_redacted_topic_with_exact_headers(router):
    rec = InRecord("logs.raw", 2, 40, b"user-9", b"all quiet here\n", [("trace", b"t2")])
    outs = router.route([rec], "text")
    assert outs == [[Out("redacted", "logs.redacted", b"user-9", b"all quiet here", [
        ("trace", b"t2"), *coords("logs.raw", 2, 40),
        ("piistream-detector", router.detector_version.encode()),
        ("piistream-entities", b""), ("piistream-verified", b"n/a")])]]
    assert router.detector_version.endswith("+rules")


def test_our_own_headers_from_a_reread_record_are_replaced_not_repeated(router):
    rec = InRecord("logs.raw", 0, 5, None, b"hello",
                   [("piistream-src-offset", b"999"), ("piistream-error", b"old"), ("x", b"1")])
    (o,), = router.route([rec], "text")
    assert o.headers == [("x", b"1"), *coords("logs.raw", 0, 5),
                         ("piistream-detector", router.detector_version.encode()),
                         ("piistream-entities", b""), ("piistream-verified", b"n/a")]


def test_record_with_an_ssn_gives_redacted_record_and_an_alert_without_the_value(router):
    line = b"payroll ssn 536-22-1234 for ann@example.org"
    rec = InRecord("logs.raw", 4, 1234, b"user-7", line, [("trace", b"t3")])
    t0 = int(time.time() * 1000)
    outs = router.route([rec], "text")
    t1 = int(time.time() * 1000)
    assert len(outs) == 1 and [o.topic for o in outs[0]] == ["logs.redacted", "pii.alerts"]
    red, alert = outs[0]
    assert red == Out("redacted", "logs.redacted", b"user-7", b"payroll ssn [US_SSN] for [EMAIL_ADDRESS]", [
        ("trace", b"t3"), *coords("logs.raw", 4, 1234),
        ("piistream-detector", router.detector_version.encode()),
        ("piistream-entities", b"US_SSN=1,EMAIL_ADDRESS=1"), ("piistream-verified", b"n/a")])
    # the alert: keyed tokens (literals computed by hand with hmac/hashlib), never a raw value
    assert alert.key == b"[KEY:k1:86407000e37c87db]"
    assert alert.headers == coords("logs.raw", 4, 1234)
    for raw in (b"536-22-1234", b"536221234", b"ann@example.org", b"user-7", b"payroll"):
        assert raw not in alert.value
    body = json.loads(alert.value)
    assert t0 <= body.pop("ts") <= t1
    scores = [e.pop("score") for e in body["entities"]]
    assert all(0.5 < s <= 1 for s in scores)
    assert body == {
        "source": {"topic": "logs.raw", "partition": 4, "offset": 1234},
        "key_token": "[KEY:k1:86407000e37c87db]",
        "detector": router.detector_version,
        "verified": None,
        "stage": "rules",
        "counts": {"US_SSN": 1, "EMAIL_ADDRESS": 1},
        "entities": [
            {"type": "US_SSN", "start": 12, "end": 23, "stage": "rules",
             "token": "[US_SSN:k1:5751e8e8ec282d42]"},
            {"type": "EMAIL_ADDRESS", "start": 28, "end": 43, "stage": "rules",
             "token": "[EMAIL_ADDRESS:k1:0582f2ee2e9fb1e8]"},
        ],
    }
    assert line[12:23] == b"536-22-1234" and line[28:43] == b"ann@example.org"


def test_json_record_alert_has_paths_and_tokens(router):
    doc = b'{"user": {"mail": "ann@example.org"}, "n": 1}'
    outs = router.route([InRecord("docs.raw", 0, 6, None, doc)], "json")
    assert [o.topic for o in outs[0]] == ["docs.redacted", "pii.alerts"]
    red, alert = outs[0]
    assert red.value == b'{"user": {"mail": "[EMAIL_ADDRESS]"}, "n": 1}'
    assert red.key is None and alert.key is None
    assert dict(red.headers)["piistream-entities"] == b"EMAIL_ADDRESS=1"
    (e,) = json.loads(alert.value)["entities"]
    assert (e["type"], e["start"], e["end"], e["path"], e["token"]) == (
        "EMAIL_ADDRESS", 19, 34, "user.mail", "[EMAIL_ADDRESS:k1:0582f2ee2e9fb1e8]")
    assert b"ann@example.org" not in alert.value


def test_a_mixed_batch_keeps_order_and_one_output_group_per_input(router):
    recs = [InRecord("logs.raw", 0, i, b"k%d" % i, v) for i, v in enumerate(
        [b"ok", b"\xff", b"ssn 536-22-1234", b"", b"a\x00", b"fine too"])]
    outs = router.route(recs, "text")
    assert [[o.topic for o in x] for x in outs] == [
        ["logs.redacted"], ["pii.dlq"], ["logs.redacted", "pii.alerts"], ["pii.dlq"], ["pii.dlq"],
        ["logs.redacted"]]
    assert [x[0].value for x in outs] == [b"ok", b"\xff", b"ssn [US_SSN]", b"", b"a\x00", b"fine too"]
    assert [dict(x[0].headers)["piistream-src-offset"] for x in outs] == [b"0", b"1", b"2", b"3", b"4", b"5"]
    assert [x[0].key for x in outs] == [b"k0", b"k1", b"k2", b"k3", b"k4", b"k5"]


def test_prefixed_families():
    fam = Edges.default("acme.")
    router = Router(Cascade(Processor(Detector(scorer=make_scorer("rules"))), None, Tokenizer(KEY, "k1")),
                    fam)
    outs = router.route([InRecord("acme.logs.raw", 0, 0, None, b"\xff"),
                         InRecord("acme.logs.raw", 0, 1, None, b"ssn 536-22-1234")], "text")
    assert [[o.topic for o in x] for x in outs] == [["acme.pii.dlq"],
                                                     ["acme.logs.redacted", "acme.pii.alerts"]]
    assert outs[0][0].value == b"\xff"


def test_malformed_verify_message_goes_to_the_dlq_unchanged(router):
    bad = InRecord("pii.verify", 0, 99, b"x", b'{"source": 1}', [("h", b"v")])
    outs = router.verify([bad])
    assert outs == [[Out("dlq", "pii.dlq", b"x", b'{"source": 1}', [("h", b"v"), *coords("pii.verify", 0, 99),
                                                                ("piistream-error", b"invalid_verify_message: KeyError")])]]


def test_dlq_counts(router):
    router.route([InRecord("logs.raw", 0, 0, None, b"\xff"), InRecord("logs.raw", 0, 1, None, b""),
                  InRecord("logs.raw", 0, 2, None, b"ssn 536-22-1234")], "text")
    counts = {k: v for k, v in router.take_counts().items() if k[0] != "stage_seconds"}
    assert counts == {("dlq", "invalid_utf8"): 1, ("dlq", "empty"): 1, ("detections", "US_SSN", "rules"): 1}


def test_a_record_over_the_model_budget_is_counted_for_the_metrics():
    """A record decided by the rules alone (over MODEL_BUDGET candidates) is counted, once, in
    ``take_counts`` and in ``piistream_over_budget_records_total``; records under it are not."""
    from piistream.models.detector import MODEL_BUDGET
    from piistream.stream.metrics import Metrics

    router = Router(Cascade(Processor(), None, Tokenizer(KEY, "k1")))
    dense = " ".join(f"ssn 536-90-{4000 + i:04d}" for i in range(MODEL_BUDGET + 1)).encode()
    router.route([InRecord("logs.raw", 0, 0, None, b"ssn 536-22-1234"),
                  InRecord("logs.raw", 0, 1, None, dense)], "text")
    counts = router.take_counts()
    assert counts[("over_budget",)] == 1
    assert ("over_budget",) not in router.take_counts()  # taken, reset
    m = Metrics()
    m.add_counts(counts)
    assert m.registry.get_sample_value("piistream_over_budget_records_total") == 1


# -- output partitions: the producer's partitioner for a whole batch at once (issue 17) ---------

def test_murmur2_for_many_keys_is_kafkas_murmur2():
    """``murmur2_many`` (numpy, keys of any length in one pass) equals aiokafka's murmur2 (the
    Java client's) on random keys of 0-300 bytes, and on known answers."""
    import random

    from aiokafka.partitioner import murmur2

    from piistream.stream.partitioning import MAX_VECTOR_KEY, murmur2_many

    rng = random.Random(17)
    keys = [rng.randbytes(rng.randrange(0, 48)) for _ in range(4000)]
    keys += [rng.randbytes(rng.randrange(MAX_VECTOR_KEY - 4, MAX_VECTOR_KEY + 40)) for _ in range(50)]
    keys += [b"", b"a", b"ab", b"abc", b"abcd", b"abcde", b"\xff" * 7]
    assert murmur2_many(keys).tolist() == [murmur2(k) for k in keys]
    # the Java client's own test cases (Kafka's UtilsTest.testMurmur2, signed ints there)
    java = {b"21": -973932308, b"foobar": -790332482, b"a-little-bit-long-string": -985981536,
            b"a-little-bit-longer-string": -1486304829,
            b"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8": -58897971, b"abc": 479470107,
            b"": 275646681}
    assert murmur2_many(list(java)).tolist() == [v & 0xFFFFFFFF for v in java.values()]


class _Producer:
    """Just the producer state ``Delivery`` reads: its partitioner and topic metadata (real
    aiokafka objects; no broker is needed to ask which partition a key goes to)."""

    def __init__(self, partitioner, counts):
        from aiokafka.cluster import ClusterMetadata

        self._partitioner = partitioner
        self._metadata = ClusterMetadata()
        self.counts = counts

    async def partitions_for(self, topic):
        return set(range(self.counts[topic]))


def test_a_batchs_output_partitions_are_the_producers_per_record_choice(monkeypatch):
    """``Delivery.partitions_of`` gives every output of a batch the partition that one
    ``partition_of`` call per output gives (the producer's partitioner for keys, round robin
    without, the cache): with aiokafka's default partitioner (hashed together) and with any
    other (called per key)."""
    import asyncio
    import random

    from aiokafka.partitioner import DefaultPartitioner

    from piistream.stream import faust_private
    from piistream.stream.app import Delivery

    counts = {"logs.redacted": 6, "pii.alerts": 3, "pii.dlq": 1}
    monkeypatch.setattr(faust_private, "partitions",
                        lambda aio, t: _async((list(range(counts[t])), list(range(counts[t])))))
    rng = random.Random(5)
    keys = [rng.randbytes(rng.randrange(0, 30)) for _ in range(40)] + [None] * 5
    targets = [(rng.choice(list(counts)), rng.choice(keys)) for _ in range(600)]

    class Custom:
        def __call__(self, key, parts, available):
            return parts[len(key) % len(parts)]

    for partitioner in (DefaultPartitioner(), Custom()):
        aio = _Producer(partitioner, counts)
        one, many = Delivery(None, None), Delivery(None, None)
        for chunk in (targets[:250], targets[250:]):  # the second batch hits the cache
            want = [asyncio.run(one.partition_of(aio, t, k)) for t, k in chunk]
            assert asyncio.run(many.partitions_of(aio, chunk)) == want
        assert len(set(want)) > 3


async def _coro(v):
    return v


def _async(v):
    return _coro(v)
