"""Real text for training (issue 16): the product split, splicing, and the teacher's labels."""
import numpy as np

from piistream.models.scoring import RuleScorer
from piistream.train.realtext import (STRICT_TYPES, real_candidates, splice, split_of)

ROWS = [
    {"text": "2024-02-16 06:12:01 TeamViewer participant [1660360496,115469523] joined", "product": "tv"},
    {"text": "Built inbound TCP connection 251933191 for outside:81.2.69.160/443", "product": "asa"},
    {"text": "client 10.0.0.4 bytes=536904399 took 12 ms user=bob", "product": "app"},
    {"text": '{"level":"info","msg":"login","ip":"81.2.69.161","seq":268451840}', "product": "svc"},
    {"text": "server listening on 127.0.0.1:8080", "product": "srv"},
]


def test_products_never_cross_splits():
    assert {split_of(p) for p in ("a", "a", "a")} == {split_of("a")}
    names = [f"product{i}" for i in range(2000)]
    share = {s: sum(split_of(n) == s for n in names) / len(names)
             for s in ("train", "calibration", "evaluation")}
    assert abs(share["train"] - 0.6) < 0.05 and abs(share["calibration"] - 0.2) < 0.05


def test_spliced_values_sit_in_the_lines_own_syntax_with_exact_spans():
    recs = splice(ROWS, 40, seed=3)
    assert len(recs) == 40
    for r in recs:
        (s,) = r.spans
        value = r.text[s.start:s.end]
        assert value and value == value.strip()
        if r.fmt == "json":
            import orjson
            doc = orjson.loads(r.text)
            assert any(isinstance(v, str) and v == orjson.loads(f'"{value}"') for v in doc.values())


def test_teacher_labels():
    """Strict-type candidates of real lines are negatives (the corpus holds no such values);
    spliced values are positives; other types take the rules' verdict or are left out."""
    cs = real_candidates(ROWS, 0)
    assert sorted(cs.types).count("US_SSN") == 4 and sorted(cs.types).count("ABA_ROUTING_NUMBER") == 2
    th = RuleScorer().thresholds
    for t, y, r in zip(cs.types, cs.label, cs.rule_score):
        if t in STRICT_TYPES:
            assert y == 0.0
        elif y > 0.5:
            assert r >= th[t].hi
        else:
            assert r < th[t].lo
    types = set(cs.types)
    assert "IP_ADDRESS" in types and types & set(STRICT_TYPES)
    # public addresses and a client's are positives, the loopback a negative (the rules' verdict)
    ip = [y for t, y in zip(cs.types, cs.label) if t == "IP_ADDRESS"]
    assert sorted(ip) == [0.0, 1.0, 1.0, 1.0]
    spliced = real_candidates(ROWS, 30, seed=5)
    assert len(spliced) > len(cs) and spliced.label.sum() >= cs.label.sum() + 25
    assert np.all((spliced.label == 0) | (spliced.label == 1))
