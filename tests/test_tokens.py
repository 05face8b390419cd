"""The keyed token (the join guarantee): a fixed key and value give a fixed token, in every
process, from both places that compute it (``Redactor.token`` for the ``keyed`` operator and the
stream ``Tokenizer`` for alerts).

The expected tokens are literals, computed once by hand in a Python shell, outside this code base:

    hmac.new(KEY, f"{type}:{normalized value}".encode(), hashlib.sha256).hexdigest()[:16]

formatted ``[TYPE:key id:hex]``. Do not recompute them with piistream code: a changed formula must
fail here (it would break every join across workers, restarts and key holders).
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from piistream.models.detector import Detector, make_scorer
from piistream.models.records import Processor
from piistream.models.redact import Redactor
from piistream.cascade import Cascade
from piistream.models.redact import Tokenizer
from piistream.stream.pipeline import InRecord, Router

KEY = b"0123456789abcdef0123"
KID = "k7"
REPO = Path(__file__).resolve().parents[1]

# (type, value as found, expected token): several spellings of one value share one token
KNOWN = [
    ("US_SSN", "536-22-1234", "[US_SSN:k7:1a22ebf4777a5778]"),
    ("US_SSN", "536 22 1234", "[US_SSN:k7:1a22ebf4777a5778]"),
    ("US_SSN", "536221234", "[US_SSN:k7:1a22ebf4777a5778]"),
    ("US_ITIN", "912-70-1234", "[US_ITIN:k7:0833f928d72bbc86]"),
    ("CREDIT_CARD", "4111 1111 1111 1111", "[CREDIT_CARD:k7:64fb0d713e72354b]"),
    ("CREDIT_CARD", "4111-1111-1111-1111", "[CREDIT_CARD:k7:64fb0d713e72354b]"),
    ("CREDIT_CARD", "4111111111111111", "[CREDIT_CARD:k7:64fb0d713e72354b]"),
    ("ABA_ROUTING_NUMBER", "021000021", "[ABA_ROUTING_NUMBER:k7:9413b32ead58c501]"),
    ("PHONE_NUMBER", "+44 20 7946 0958", "[PHONE_NUMBER:k7:60bd4a4f60dca86a]"),
    ("PHONE_NUMBER", "+44-20-7946-0958", "[PHONE_NUMBER:k7:60bd4a4f60dca86a]"),
    ("IBAN_CODE", "GB82WEST12345698765432", "[IBAN_CODE:k7:2d384df9248f5de2]"),
    ("IBAN_CODE", "GB82 WEST 1234 5698 7654 32", "[IBAN_CODE:k7:2d384df9248f5de2]"),
    ("IBAN_CODE", "gb82 west 1234 5698 7654 32", "[IBAN_CODE:k7:2d384df9248f5de2]"),
    ("EMAIL_ADDRESS", "ann.lee@example.org", "[EMAIL_ADDRESS:k7:46c8051728c4acef]"),
    ("EMAIL_ADDRESS", "Ann.Lee@Example.ORG", "[EMAIL_ADDRESS:k7:46c8051728c4acef]"),
    ("IP_ADDRESS", "8.8.8.8", "[IP_ADDRESS:k7:4307ee2d0b4be0f3]"),
    ("SECRET", "Hunter22", "[SECRET:k7:ab47c57774a8035c]"),
]


@pytest.mark.parametrize("etype,value,token", KNOWN)
def test_redactor_token_known_answer(etype, value, token):
    assert Redactor(hmac_key=KEY, key_id=KID).token(etype, value) == token


@pytest.mark.parametrize("etype,value,token", KNOWN)
def test_stream_tokenizer_known_answer(etype, value, token):
    assert Tokenizer(KEY, KID)(etype, value) == token


def test_what_must_not_share_a_token():
    red, tok = Redactor(hmac_key=KEY, key_id=KID), Tokenizer(KEY, KID)
    for f in (red.token, tok):
        assert f("US_SSN", "536-22-1235") != "[US_SSN:k7:1a22ebf4777a5778]"           # another value
        assert f("US_ITIN", "536-22-1234") != "[US_ITIN:k7:1a22ebf4777a5778]"          # the type is keyed
        assert f("SECRET", "hunter22") != "[SECRET:k7:ab47c57774a8035c]"              # secrets keep case
    assert Tokenizer(b"another-key-another-key", KID)("US_SSN", "536-22-1234") != "[US_SSN:k7:1a22ebf4777a5778]"
    assert Tokenizer(KEY, "k8")("US_SSN", "536-22-1234") == "[US_SSN:k8:1a22ebf4777a5778]"  # id is a label


def test_record_key_token_known_answer():
    assert Tokenizer(KEY, KID).key_token(b"user-7") == "[KEY:k7:a5c47fcd24369b08]"
    assert Tokenizer(KEY, KID).key_token(None) is None


def test_keyed_operator_and_alert_carry_the_same_known_token():
    """The redacted record (keyed operator) and the alert (Tokenizer) of one record join."""
    red = Redactor({"US_SSN": "keyed", "IBAN_CODE": "keyed"}, hmac_key=KEY, key_id=KID)
    proc = Processor(Detector(scorer=make_scorer("rules")), red)
    line = b"ssn 536 22 1234 iban GB82 WEST 1234 5698 7654 32"
    r = proc.process([line])[0]
    assert r.redacted == "ssn [US_SSN:k7:1a22ebf4777a5778] iban [IBAN_CODE:k7:2d384df9248f5de2]"
    router = Router(Cascade(proc, None, Tokenizer(KEY, KID)))
    outs = router.route([InRecord("logs.raw", 0, 0, None, line)], "text")[0]
    assert [o.topic for o in outs] == ["logs.redacted", "pii.alerts"]
    assert outs[0].value == r.redacted.encode()
    alert = json.loads(outs[1].value)
    assert [e["token"] for e in alert["entities"]] == ["[US_SSN:k7:1a22ebf4777a5778]",
                                                       "[IBAN_CODE:k7:2d384df9248f5de2]"]
    # JSON records: the token is of the decoded value, whatever its escaping
    doc = b'{"ssn": "536\\u002d22\\u002d1234", "mail": "Ann.Lee@Example.ORG"}'
    outs = router.route([InRecord("docs.raw", 0, 0, None, doc)], "json")[0]
    assert json.loads(outs[0].value) == {"ssn": "[US_SSN:k7:1a22ebf4777a5778]", "mail": "[EMAIL_ADDRESS]"}
    assert [e["token"] for e in json.loads(outs[1].value)["entities"]] == [
        "[US_SSN:k7:1a22ebf4777a5778]", "[EMAIL_ADDRESS:k7:46c8051728c4acef]"]


_CHILD = """
import json, sys
from piistream.models.redact import Redactor
from piistream.cascade import alert_key
from piistream.config import load_config
from piistream.models.redact import Tokenizer
key, kid = b"0123456789abcdef0123", "k7"
cases = json.loads(sys.argv[1])
env_tok = Tokenizer(*alert_key(load_config()))  # the configured key, as a worker has it
print(json.dumps({
    "redactor": [Redactor(hmac_key=key, key_id=kid).token(t, v) for t, v in cases],
    "tokenizer": [Tokenizer(key, kid)(t, v) for t, v in cases],
    "env": [env_tok(t, v) for t, v in cases],
    "key": Tokenizer(key, kid).key_token(b"user-7"),
}))
"""


def test_tokens_are_the_same_in_a_fresh_process():
    """Another worker, a restart, another host: same key, same value, same token (no per-process
    salt, no per-process state)."""
    cases = [(t, v) for t, v, _ in KNOWN]
    env = {**os.environ, "PIISTREAM_HMAC_KEY": KEY.decode(), "PIISTREAM_HMAC_KEY_ID": KID,
           "PYTHONHASHSEED": "random"}
    env.pop("PIISTREAM_HMAC_KEY_FILE", None)
    runs = []
    for _ in range(2):
        p = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(cases)], cwd=REPO, env=env,
                           capture_output=True, text=True, timeout=120)
        assert p.returncode == 0, p.stderr
        runs.append(json.loads(p.stdout))
    want = [tok for _, _, tok in KNOWN]
    for got in runs:
        assert got["redactor"] == want
        assert got["tokenizer"] == want
        assert got["env"] == want
        assert got["key"] == "[KEY:k7:a5c47fcd24369b08]"
