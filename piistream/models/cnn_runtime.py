"""charCNN inference: backends, device choice, size buckets, and the ``Scorer`` for the cascade.

Backends:
- ``onnx-cpu``  ONNX Runtime, CPU execution provider (always available);
- ``onnx-cuda`` ONNX Runtime with the CUDA execution provider (needs ``onnxruntime-gpu``);
- ``torch-cuda`` torch on a GPU in fp16 (needs torch with CUDA and the ``.pt`` weights);
- ``torch-cpu`` torch on CPU (fp32; for parity checks).

``auto`` picks ``torch-cuda`` when a CUDA GPU and the weights are there, then ``onnx-cuda``, else
``onnx-cpu`` (``detector.backend`` in the config).

Batches are padded up to a few fixed sizes (``BUCKETS``) so the runtime sees a handful of shapes;
larger batches are cut into chunks of the largest bucket. The scorer runs inside the thread
executor the Faust agent already uses; ONNX Runtime releases the GIL while it computes.
"""
from __future__ import annotations

import json
import os
import re
from itertools import product

import numpy as np

from . import ARTIFACTS
from .entities import ENTITY_TYPES
from .names import BACKENDS
from .onnx import cuda_provider_available, digest, session
from .recognizers.base import Batch, Candidate
from .scoring import RuleScorer, Thresholds, context_of, measured, token_around
from .windows import encode, window_key, windows_of

# Padded batch sizes. On CPU throughput peaks at 32-128 windows per call (measured: larger calls
# fall out of cache and get slower), so bigger batches are cut into chunks of 128; a GPU wants
# large calls.
BUCKETS = (1, 8, 32, 64, 128)
GPU_BUCKETS = (1, 8, 64, 512, 4096)
DEFAULT_VARIANT = "lean"
CPU_VARIANT = "lean-int8"  # the static int8 form of DEFAULT_VARIANT (``piistream quantize cnn``)
# The int8 charCNN stops scaling at a few intra-op threads and then slows down (``make
# gpu-check`` on a 16-core host, windows/s at batch 512: 1 thread 19,959, 4 21,271, 8 17,857,
# 16 12,623), where the fp32 model keeps gaining (1: 9,059, 16: 29,009). README: "The GPU path".
INT8_MAX_THREADS = 4


def default_variant(backend: str | None = None, art_dir: str = ARTIFACTS) -> str:
    """The charCNN that ``cnn`` means: the int8 form where inference runs on ONNX Runtime's CPU
    provider (2-3x the windows/s of fp32, same validation quality after re-calibration; see the
    model card), the fp32 lean model on a GPU."""
    if (artifacts_present(CPU_VARIANT, art_dir) and
            choose_backend(backend or "auto", art_dir, DEFAULT_VARIANT) == "onnx-cpu"):
        return CPU_VARIANT
    return DEFAULT_VARIANT


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def bucket(n: int, buckets: tuple[int, ...] = BUCKETS) -> int:
    for b in buckets:
        if n <= b:
            return b
    return buckets[-1]


def nvidia_device_present() -> bool:
    """A cheap look for an NVIDIA GPU: importing torch just to ask costs seconds per process
    (every worker and detection process starts slower), so ask it only when a device is there."""
    return os.path.exists("/proc/driver/nvidia/version") or os.path.exists("/dev/nvidia0")


def cuda_available() -> bool:
    if cuda_provider_available():
        return True
    if not nvidia_device_present():
        return False
    try:
        import torch
        return torch.cuda.is_available()
    except ImportError:
        return False


def choose_backend(requested: str, art_dir: str, variant: str) -> str:
    requested = requested or "auto"
    if requested not in BACKENDS:
        raise ValueError(f"unknown charCNN backend {requested!r}; one of {BACKENDS}")
    if requested != "auto":
        return requested
    has_pt = os.path.exists(os.path.join(art_dir, f"charcnn-{variant}.pt"))
    if has_pt and nvidia_device_present():
        try:
            import torch
            if torch.cuda.is_available():
                return "torch-cuda"
        except ImportError:
            pass
    if cuda_provider_available():
        return "onnx-cuda"
    return "onnx-cpu"


class CnnRuntime:
    """Scores encoded windows with one backend. ``predict`` returns probabilities."""

    def __init__(self, variant: str = DEFAULT_VARIANT, backend: str = "auto",
                 art_dir: str = ARTIFACTS, threads: int | None = None):
        self.variant = variant
        self.art_dir = art_dir
        with open(os.path.join(art_dir, f"charcnn-{variant}.json")) as f:
            self.meta = json.load(f)
        self.backend = choose_backend(backend, art_dir, variant)
        # CPU threads for inference: every core unless told (the streaming worker's detection
        # processes use 1: its event loop needs the other core), at most INT8_MAX_THREADS for an
        # int8 model on ONNX Runtime's CPU provider
        if not threads:
            threads = os.cpu_count() or 1
            if self.backend == "onnx-cpu" and variant.endswith("int8"):
                threads = min(threads, INT8_MAX_THREADS)
        weights = os.path.join(art_dir, f"charcnn-{variant}.onnx")
        if not os.path.exists(weights):
            weights = os.path.join(art_dir, f"charcnn-{variant}.pt")
        self.digest = digest(weights)
        self.threads = threads
        self.buckets = GPU_BUCKETS if self.backend.endswith("cuda") else BUCKETS
        if self.backend.startswith("onnx"):
            self._sess = session(os.path.join(art_dir, f"charcnn-{variant}.onnx"), threads,
                                 cuda=self.backend == "onnx-cuda")
            self._run = self._run_onnx
        else:
            import torch

            from .charcnn import load_torch
            model, _ = load_torch(variant, art_dir)
            if self.backend == "torch-cuda":
                model = model.cuda().half()
                self._dev = "cuda"
            else:
                torch.set_num_threads(max(1, threads))
                self._dev = "cpu"
            self._model = model
            self._run = self._run_torch

    # -- backends ---------------------------------------------------------------------------
    def _run_onnx(self, chars, flags, etype) -> np.ndarray:
        return self._sess.run(None, {"chars": chars, "flags": flags, "etype": etype})[0]

    def _run_torch(self, chars, flags, etype) -> np.ndarray:
        import torch
        with torch.inference_mode():
            c = torch.from_numpy(chars).to(self._dev, non_blocking=True)
            f = torch.from_numpy(flags).to(self._dev, non_blocking=True)
            e = torch.from_numpy(etype).to(self._dev, non_blocking=True)
            if self._dev == "cuda":
                f = f.half()
            return self._model(c, f, e).float().cpu().numpy()

    # -- public -----------------------------------------------------------------------------
    def logits(self, chars: np.ndarray, flags: np.ndarray, etype: np.ndarray) -> np.ndarray:
        n = len(chars)
        out = np.empty(n, dtype=np.float32)
        step = self.buckets[-1]
        for i in range(0, n, step):
            c, f, e = chars[i:i + step], flags[i:i + step], etype[i:i + step]
            k = len(c)
            b = bucket(k, self.buckets)
            if b != k:  # pad to the bucket size
                c = np.concatenate([c, np.zeros((b - k,) + c.shape[1:], c.dtype)])
                f = np.concatenate([f, np.zeros((b - k,) + f.shape[1:], f.dtype)])
                e = np.concatenate([e, np.zeros(b - k, e.dtype)])
            out[i:i + k] = self._run(c, f, e)[:k]
        return out

    def predict(self, chars, flags, etype) -> np.ndarray:
        return _sigmoid(self.logits(chars, flags, etype))


class CnnScorer:
    """The cascade's scorer: the charCNN's probability, with the calibrated per-type thresholds.

    Disagreement goes to verification: when the transparent rules are confident a candidate is
    PII (validator + supporting context, score >= their ``hi``) and the charCNN says clean, the
    candidate is put at the bottom of the uncertain band (stage ``disputed``): it is redacted
    (fail closed) and sent to the verification stage instead of leaking on one model's word. The
    charCNN is trained on synthetic families; short, context-poor lines are where it is weakest.

    Contrary context, the other way round: when the value's own key argues against the type
    (``offset=536904399``, ``{"order_id": ...}``; each recognizer's ``negative`` words), or, with
    no key, such a word stands in the phrase right before it (``PHRASE`` characters with no other
    value between: ``pid 536904399``, ``social security number 666537946`` for a routing
    number), nothing in the context supports the type and the rules score the candidate clean
    (under their ``lo``), the candidate is clean unless the charCNN is very sure (``p >= SURE``; stage ``rules``, score 0 when it is cleared). The charCNN's
    calibrated thresholds are recall-first (``lo`` under 0.1 for most types), so a middling
    probability must not outvote explicit, unopposed contrary evidence. The rest stays the
    charCNN's call: mixed evidence (``(routing_number, account_number)=(021000021, ...)``), a
    contrary word that belongs to another field (``batch=86 row=2: 0942...;057374530``,
    ``from_account_no=*4057 rdfi=123320887``: a key names its value, words before it name other
    fields), and a strong format that the rules keep despite such a word. Both rules interplays
    are off with ``dispute=False`` (the charCNN alone).
    """

    name = "charcnn"
    SURE = 0.99  # "very sure": 99 to 1 that it is PII, against a contrary word
    PHRASE = 32  # characters: a contrary word this close to a value, with no other value
    # (no digit) between them, is about it ("pid 536904399", "social security number 66653...")

    def __init__(self, runtime: CnnRuntime | None = None, dispute: bool = True, **kw):
        self.runtime = runtime or CnnRuntime(**kw)
        th = self.runtime.meta["thresholds"]
        self.thresholds = {t: Thresholds(th[t]["lo"], th[t]["hi"]) for t in ENTITY_TYPES}
        # the model's name and the digest of its weights: a retrained model of the same variant
        # (``piistream label --retrain``) has another version, in headers, alerts and metrics
        digest = getattr(self.runtime, "digest", None)  # (a stand-in runtime in tests has none)
        self.version = f"charcnn-{self.runtime.variant}" + (f"@{digest}" if digest else "")
        self.dispute = dispute
        self._rules = RuleScorer()

    def score(self, batch: Batch, cands: list[Candidate]) -> None:
        if not cands:
            return
        rth = self._rules.thresholds
        # Only doubtful candidates reach the model. Those whose validator verdict rules them out
        # whatever the context (loopback and reserved IPs, "account_id"/"cloud_account" numbers,
        # ...: prior and best-context score both under the rules' lo) are decided clean here.
        todo = []
        domain: dict = {}  # per (segment, type): whether it holds a word of the type's domain
        for c in cands:
            if c.prior < rth[c.type].lo and c.ctx_score < rth[c.type].lo:
                c.score = 0.0
                c.stage = "candidate"
            elif self.dispute and self._settled(batch, c, rth[c.type].hi, domain):
                c.score = 0.0  # clean whatever the model would say: it is not asked
                c.stage = "rules"
            else:
                todo.append(c)
        if not todo:
            return
        th = self.thresholds
        for c, p in zip(todo, self.probabilities(batch, todo)):
            c.score = p
            c.stage = self.name
            lo = th[c.type].lo
            if lo <= p and self.dispute:
                if measured(batch, c) and RuleScorer.context(batch, c, lists=False)[0] < 0:
                    # a count or a size ("961873301 bytes"), nothing before it names the type:
                    # no identifier, however sure the model is of its shape
                    c.score = 0.0
                    c.stage = "rules"
                    continue
                if p < self.SURE:
                    contrary = (self._contrary(batch, c, rth[c.type].lo) or
                                self._named_otherwise(batch, c, rth[c.type].lo))
                else:  # very sure: only the value's own label outvotes it ("ssn 666012416")
                    contrary = self._contrary(batch, c, rth[c.type].lo, adjacent=True)
                if contrary:
                    c.score = 0.0  # an unopposed contrary word decides: clean
                    c.stage = "rules"
                elif c.reason in _WEAK_SHAPES and \
                        not self._in_domain(batch, c, domain, _WEAK_SHAPES[c.reason]) and \
                        RuleScorer.context(batch, c)[0] <= 0:
                    # a shape that many numbers of logs have (a bare 9-digit number, a card of
                    # an unusual length or grouping), which the rules leave at its weak prior,
                    # in a record without one word of its domain: a counter or an id however
                    # sure the model is ("oldest xmin: 967622755", "packet number 969880849":
                    # the ITIN ranges take one 9-digit number in nine; "cursorid":43161867...)
                    c.score = 0.0
                    c.stage = "rules"
                elif p < th[c.type].hi and c.type in _DOMAIN and c.prior < rth[c.type].lo and \
                        not self._in_domain(batch, c, domain) and RuleScorer.context(batch, c)[0] <= 0:
                    # a checksum alone, in a record without one word of its domain: the
                    # charCNN's doubt is no evidence (a 9-digit counter passes the routing
                    # checksum one time in ten: "xid 240080042", "offset=678722095"); a word or a
                    # key that names the type is ("routingnumber": a word glued to another)
                    c.score = 0.0
                    c.stage = "rules"
                continue
            # the rules' score only matters where the charCNN says clean; a weak prior with no
            # context cannot reach the rules' hi, so skip the context look-up for those
            if self.dispute and p < lo and max(c.prior, c.ctx_score) >= rth[c.type].hi:
                ctx = RuleScorer.context(batch, c)
                rules = RuleScorer.score_one(batch, c, ctx)
                if rules < rth[c.type].hi:
                    continue
                if c.valid and (ctx[0] > 0 or c.decisive):
                    # the strongest evidence without a model: the validator passes and a
                    # supporting word ("ssn", "taxpayer id", "account") decides the context,
                    # or the candidate's own evidence is decisive (``Candidate.decisive``: a
                    # vendor prefix with a valid checksum, a credential key with a real value).
                    # No model may clear that (synthetic training misses real phrasings): PII.
                    c.score = max(rules, th[c.type].hi)
                    c.stage = "rules"
                else:
                    c.score = lo
                    c.stage = "disputed"


    def _settled(self, batch: Batch, c: Candidate, rules_hi: float, domain: dict) -> bool:
        """Whether the rules below decide ``c`` clean whatever the charCNN's probability, so
        that the model need not score it (most of a log's bare 9-digit numbers): a probability
        under ``lo`` leaves it clean (the rules, under their ``hi``, dispute nothing), and one
        at or over ``lo`` is cleared by a unit after it with nothing naming the type before
        it, or by a weak shape in a record without a word of its domain (``score``'s first
        two clearing rules, which come before any that depends on the probability)."""
        weak = _WEAK_SHAPES.get(c.reason)
        unit = measured(batch, c)
        if weak is None and not unit:
            return False
        ctx = None
        if max(c.prior, c.ctx_score) >= rules_hi:
            ctx = RuleScorer.context(batch, c)
            if RuleScorer.score_one(batch, c, ctx) >= rules_hi:
                return False  # a probability under lo would be disputed
        if unit and RuleScorer.context(batch, c, lists=False)[0] < 0:
            return True
        if weak is None or self._in_domain(batch, c, domain, weak):
            return False
        return (ctx or RuleScorer.context(batch, c))[0] <= 0

    def probabilities(self, batch: Batch, cands: list[Candidate]) -> list[float]:
        """The charCNN's probability for each candidate, from the model, or from
        ``batch.known`` for an input whose probability the batch was given (``window_key``):
        only the rest reach the model. With ``batch.kept``, (start, key, probability) of
        each is appended there."""
        texts, cs, ce = windows_of(batch, cands)
        types = [c.type for c in cands]
        known, kept = batch.known, batch.kept
        if known is None and kept is None:
            return self.runtime.predict(*encode(texts, cs, ce, types)).tolist()
        keys = [window_key(t, s, e, ty) for t, s, e, ty in zip(texts, cs.tolist(), ce.tolist(), types)]
        probs: list = [known.get(k) for k in keys] if known else [None] * len(keys)
        need = [i for i, p in enumerate(probs) if p is None]
        if need:
            got = self.runtime.predict(*encode([texts[i] for i in need], cs[need], ce[need],
                                                [types[i] for i in need])).tolist()
            for i, p in zip(need, got):
                probs[i] = p
        if kept is not None:
            kept.extend(zip((c.start for c in cands), keys, probs))
        return probs

    @staticmethod
    def _in_domain(batch: Batch, c: Candidate, memo: dict, pat: re.Pattern | None = None) -> bool:
        """Whether the candidate's record (its segment, and for a JSON value its key path)
        holds a word of its type's domain (``_DOMAIN``, or ``pat``), or is a text record of the
        value alone. Once per segment and type."""
        seg = batch.segment_of(c.start)
        got = memo.get((seg, c.type))
        if got is None:
            lo, hi = batch.segment_bounds(seg)
            pat = pat or _DOMAIN[c.type]
            keyed = bool(batch.keys and batch.keys[seg])
            found = _WORDS[id(pat)].search(batch.text, batch.lower, lo, hi)
            got = bool(found or (keyed and pat.search(batch.keys[seg])) or
                       # a text record of the value alone: nothing says it is a counter either
                       not keyed and not batch.text[lo:c.start].strip() and not batch.text[c.end:hi].strip())
            memo[seg, c.type] = got
        return got

    def _named_otherwise(self, batch: Batch, c: Candidate, rules_lo: float) -> bool:
        """The value has its own key (a JSON key, ``key=``/``key:`` right before it) that names
        something else: no word of the key, nor any before it, supports the type, and the rules
        score the candidate clean. A key names its value (``appid=107347980``,
        ``incidentserialno=582633933``): the charCNN may not make a value its key calls something
        else PII unless it is very sure (``SURE``) -- on real logs that is where its doubtful
        promotions were false alarms, and the rules stay the floor."""
        if not (c.prior < rules_lo):
            return False
        key, before = context_of(batch, c, lists=False)
        if not key:
            return False
        pos = c.recognizer.pos_re
        if pos.search(key) or pos.search(before):
            return False
        return RuleScorer.score_one(batch, c) < rules_lo

    def _contrary(self, batch: Batch, c: Candidate, rules_lo: float, adjacent: bool = False) -> bool:
        """The value's own key argues against ``c``'s type, or (no key) a word in the phrase right
        before it does (a word, not part of an address or path); the rules' score is under
        their ``lo``; and no word or key in the context supports the type. The value's own
        context: a list's context is not carried to its values here (a row of fields,
        ``TEL;3738330;0077234764;253188711``, is no list of phone numbers)."""
        ctx = verdict, from_key, gap = RuleScorer.context(batch, c, lists=False)
        if verdict >= 0:
            return False
        key, before = context_of(batch, c, lists=False)
        if adjacent:
            # against a very sure charCNN only a label naming another type of PII counts, as
            # the value's key or in the phrase right before it ("ssn 666012416", "social
            # security number 000050005" are no routing numbers); a numeric word ("offset",
            # "order") only as the value's own label, the value right after it and a word for
            # "number" ("case number 581-513-3400", "ticket #", "claim no.: "), not earlier in
            # the phrase ("order shipped, call 415-555-0132"), and only for the numbers no
            # checksum vouches for: a card number logged under the wrong key
            # ("order_id=4111111111111111") is still redacted
            # ("order number: X" reads "number" as the key: the words before it qualify it)
            own_key = not from_key and _NUMBER_WORD.fullmatch(key) is not None
            label = key if from_key else before + key if own_key else before
            last = None
            for last in c.recognizer.neg_re.finditer(label):
                pass
            if last is None:
                return False
            if not _names_other_type(c.recognizer).fullmatch(last.group()) and (
                    c.type not in _UNCHECKED_NUMBERS
                    or not _OWN_LABEL_TAIL.fullmatch(label, last.end())):
                return False
        if not from_key and (key and not _NUMBER_WORD.fullmatch(key)
                             or gap > self.PHRASE or _DIGIT.search(before, len(before) - gap)
                             or _inside_address(c.recognizer.neg_re, before)):
            return False
        if RuleScorer.score_one(batch, c, ctx) >= rules_lo:
            return False
        pos = c.recognizer.pos_re
        return not (pos.search(key) or pos.search(before))


_DIGIT = re.compile(r"\d")
_UNCHECKED_NUMBERS = frozenset(("PHONE_NUMBER", "US_SSN", "US_ITIN", "US_BANK_NUMBER"))
# what may stand between a numeric label and its value: a word for "number", a sign, a blank
_NUMBER_WORD = re.compile(r"(?i)number|num|no|nr|#|id")
_OWN_LABEL_TAIL = re.compile(r"(?:[ _-]?(?:number|num|no|nr|#|id))?\.?[ \t]*[:#=]?[ \t]*", re.I)
# The evidence of a type's domain in a record: a routing number on its checksum alone (no key,
# no word before it) is doubtful, and the charCNN may redact it only where its record speaks of
# banking or payroll at all: a word of the trade ("DDA", "Checking", "direct deposit", a key
# such as "srcAbaRouting"), or the shapes a payroll or ACH row carries (a formatted or masked
# SSN, an employer number "12-3456789", a masked account "****3000"). A database or kernel log
# has none ("xid 240080042", "offset=678722095": a 9-digit counter passes the checksum one time
# in ten). Matched on the text as written: a word may start a camelCase hump ("srcAbaRouting").
_BANKING = re.compile(
    r"(?:(?<![A-Za-z])|(?<=[a-z])(?=[A-Z]))(?i:bank|banking|routing(?![ _-]?(?:keys?|tables?|rules?)(?![a-z]))|aba|rtn|transit|ach|dda|checking|"
    r"savings|deposits?|acct|accounts?|payroll|payee|payer|payor|beneficiary|wire|iban|swift|bic|"
    r"remit\w*|ppd|ccd|nacha|odfi|rdfi|dfi|debit|credit|payments?|payout|disburse\w*|settle\w*|salary|"
    r"paycheck|pay ?date|net ?pay|gross|ssn|ein|fein|tin|employee|emp ?id|"
    # (the banking words of the recognizers' other languages: "número de ruta bancaria",
    # "tránsito", "cuenta", "Kontonummer", "Überweisung", "virement")
    r"banc\w*|ruta bancaria|n[u\xfa]mero de ruta|tr\xe1nsito|cuentas?|conta|conto|compte|konto\w*|rekening\w*|"
    r"\xfcberweisung|virement|transferencia|bankverbindung|routage|acheminement|"
    # (a cheque's routing and transit abbreviation, "R/T 325248246", and its MICR line)
    r"r/t|micr)(?![a-z])"
    r"|(?<![\w\-])(?:\d{3}-\d{2}-\d{4}|\d{2}-\d{7}|[*xX#]{3}-[*xX#]{2}-\d{4}|[*xX#]{4,}\d{3,4})(?![\w\-])")
_DOMAIN = {"ABA_ROUTING_NUMBER": _BANKING}
# The domain of a bare 9-digit SSN or ITIN (no separators, no key or word for it): a person's
# record or taxes -- a word of identity, tax, employment or benefits, a person's name or birth
# field, or a formatted or masked SSN beside it. A database, kernel or network log has none
# ("oldest xmin: 967622755", "lsn 718793055", "packet number 969880849").
_IDENTITY = re.compile(
    r"(?:(?<![A-Za-z])|(?<=[a-z])(?=[A-Z]))(?i:ssns?|social|security|tax|taxes|taxpayers?|tins?|itins?|"
    r"eins?|fein|irs|w-?[249]|1099|payroll|payees?|employees?|emp|hr|applicants?|borrowers?|patients?|"
    r"beneficiar(?:y|ies)|insured|subscriber|dob|birth\w*|born|citizen\w*|residen\w*|identit\w*|"
    r"identification|kyc|ssa|medicare|medicaid|benefits?|wages?|salary|national|passport|"
    r"(?:first|last|full|sur|given|family)[ _-]?name|names?|person\w*|applicant|verif\w*|"
    r"govt?|government|ident|id[ _-]?(?:no|number|num))(?![a-z])"
    r"|(?<![\w\-])(?:\d{3}-\d{2}-\d{4}|[*xX#]{3}-[*xX#]{2}-\d{4}|\d{2}-\d{7})(?![\w\-])"
    # a field of a delimited row that is a person's name, or two that are a first and a last
    # name ("45601,Melvin West,980793580,...", "\"4657314\",\"Kelly\",\"Hill\",...")
    r"|(?:(?<=[,;|\t\"'\n(])|\A)[ ]*[\"']?[A-Z][a-z]+(?:(?: [A-Z]\.?)? [A-Z][a-z]+(?:-[A-Z][a-z]+)?[\"']?"
    r"|[\"']?[ ]*[,;|\t][ ]*[\"']?[A-Z][a-z]+(?:-[A-Z][a-z]+)?[\"']?)[ ]*(?=[,;|\t\"'\n)]|\Z)")
# Cards' domain: a word of cards or card payments (for a card of an unusual length or grouping)
_CARDS = re.compile(
    r"(?:(?<![A-Za-z])|(?<=[a-z])(?=[A-Z]))(?i:cards?|cc|ccn|pan|visa|master ?card|amex|discover|"
    r"jcb|diners|maestro|union ?pay|rupay|payments?|checkout|billing|purchase|charge[ds]?|"
    r"cardholder|credit|debit|expiry|exp|cvv2?|cvc2?|pos|terminal|merchant|acquirer|issuer|"
    # (the recognizer's words of other languages: Kreditkarte, Karte, carte, tarjeta, cartão...)
    r"kreditkarten?\w*|karten?(?:nummer|nr)?|carte|tarjetas?|carta|cart\xe3o|kaart\w*|karta|karty|kort(?:nummer|nr)?|kreditkort|betalkort|bankkort)(?![a-z])")
# the candidates of weak shapes (their reasons) and the domain each needs for the charCNN
_WEAK_SHAPES = {"ssn-bare": _IDENTITY, "itin-bare": _IDENTITY, "card-unusual": _CARDS}


class _Words:
    """A domain pattern (``_BANKING``, ``_IDENTITY``, ``_CARDS``) found in a segment in one
    Aho-Corasick pass: its words (``_HEAD`` and an alternation, a regex tried at every position
    of a segment, about 35 us per log line) are tried only where the lower-cased text holds the
    first characters of one of them (``_stems``, read from the pattern), the rest of the pattern
    (shapes of numbers, a name's field) as a regex. The same answer as ``pattern.search`` over
    the segment (``tests/test_charcnn.py``); a segment with characters beyond ASCII, whose case
    the regex engine folds its own way, is searched by the pattern itself."""

    _HEAD = "(?:(?<![A-Za-z])|(?<=[a-z])(?=[A-Z]))(?i:"
    _TAIL = ")(?![a-z])"

    def __init__(self, pattern: re.Pattern):
        src = pattern.pattern
        assert src.startswith(self._HEAD), src[:60]
        close = _closing(src, len(self._HEAD) - len("(?i:"))
        assert src.startswith(self._TAIL, close), src[close:close + 20]
        after = close + len(self._TAIL)
        self.pattern = pattern
        self.words = re.compile(src[:after])
        self.rest = re.compile(src[after + 1:]) if after < len(src) else None
        assert after == len(src) or src[after] == "|"
        self.stems = _stems(src[len(self._HEAD):close])
        self._automaton = None

    def automaton(self):
        if self._automaton is None:
            import ahocorasick
            a = ahocorasick.Automaton()
            for stem in self.stems:
                a.add_word(stem, len(stem))
            a.make_automaton()
            self._automaton = a
        return self._automaton

    def search(self, text: str, lower: str, lo: int, hi: int) -> bool:
        """Whether ``self.pattern.search(text, lo, hi)`` finds a match."""
        if not text.isascii() and not text[lo:hi].isascii():
            return self.pattern.search(text, lo, hi) is not None
        words = self.words
        for end, n in self.automaton().iter(lower, lo, hi):
            if words.match(text, end - n + 1, hi) is not None:
                return True
        return self.rest is not None and self.rest.search(text, lo, hi) is not None


def _closing(src: str, at: int) -> int:
    """The offset of the parenthesis that closes the group opened at ``src[at]``."""
    depth, i, n = 0, at, len(src)
    while i < n:
        ch = src[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i += 1
            if i < n and src[i] == "^":
                i += 1
            if i < n and src[i] == "]":
                i += 1
            while i < n and src[i] != "]":
                i += 2 if src[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError("unbalanced group")


def _stems(alternation: str, width: int = 3) -> frozenset[str]:
    """The lower-cased starts (up to ``width`` characters) that every match of each alternative
    of ``alternation`` begins with, read from the regex parser's tree: literals, small classes,
    optional and short repeats, groups and alternatives are expanded; anything else (``\\w*``)
    ends an alternative's start there. ValueError when an alternative has no start."""
    import re._constants as C  # noqa: N812 -- the stdlib parser's opcodes
    import re._parser as P  # noqa: N812

    def finite(items, cap=256):
        out = {""}
        for op, arg in items:
            if op is C.LITERAL:
                opts = {chr(arg).lower()}
            elif op is C.IN:
                opts = set()
                for iop, iarg in arg:
                    if iop is C.LITERAL:
                        opts.add(chr(iarg).lower())
                    elif iop is C.RANGE and iarg[1] - iarg[0] < 32:
                        opts.update(chr(c).lower() for c in range(iarg[0], iarg[1] + 1))
                    else:
                        return None
            elif op is C.SUBPATTERN:
                opts = finite(arg[3], cap)
            elif op is C.BRANCH:
                opts = set()
                for alt in arg[1]:
                    f = finite(alt, cap)
                    if f is None:
                        return None
                    opts |= f
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and arg[1] <= 2:
                f = finite(arg[2], cap)
                if f is None:
                    return None
                opts = set()
                for k in range(arg[0], arg[1] + 1):
                    opts |= {"".join(t) for t in product(f, repeat=k)}
            elif op in (C.ASSERT, C.ASSERT_NOT, C.AT):
                opts = {""}  # (zero-width: no characters)
            else:
                return None
            out = {a + b for a in out for b in opts}
            if len(out) > cap:
                return None
        return out

    tree = P.parse(alternation)
    items = list(tree)
    alts = items[0][1][1] if len(items) == 1 and items[0][0] is C.BRANCH else [items]
    stems: set[str] = set()
    for alt in alts:
        start = {""}
        for item in alt:
            f = finite([item])
            if f is None:
                break
            start = {(a + b)[:width] for a in start for b in f}
            if all(len(x) >= width for x in start):
                break
        if "" in start:
            raise ValueError(f"an alternative without a start in {alternation[:60]!r}")
        stems |= start
    return frozenset(stems)


_WORDS = {id(p): _Words(p) for p in (_BANKING, _IDENTITY, _CARDS)}
_OTHER_TYPE: dict = {}


def _names_other_type(recognizer) -> re.Pattern:
    """The recognizer's contrary words that name another type of PII ("ssn", "phone",
    "account no"), as opposed to the numeric ones every number type shares ("order", "port")."""
    key = type(recognizer)
    if key not in _OTHER_TYPE:
        from .recognizers.base import ID_WORDS, NEVER, NUMERIC_NEGATIVE, words
        # numeric types only: their contrary words are the shared numeric ones plus the names
        # of other types; the other recognizers' contrary words are not names of PII types
        shared = sum(n in NUMERIC_NEGATIVE for n in recognizer.negative)
        numeric = shared >= len(NUMERIC_NEGATIVE) - 2  # (bank accounts drop "count")
        own = [n for n in recognizer.negative if n not in NUMERIC_NEGATIVE and n not in ID_WORDS] \
            if numeric else []
        _OTHER_TYPE[key] = words(*own) if own else NEVER
    return _OTHER_TYPE[key]


def _inside_address(neg_re, before: str) -> bool:
    """The last contrary word of ``before`` is part of an address or URL (``tate-price.net``,
    ``/orders/``): a name, not a word about the value."""
    last = None
    for last in neg_re.finditer(before):
        pass
    if last is None:
        return False
    token = token_around(before, last.start(), last.end()).strip(".:=!?")
    # (a word written with a slash or a dot of its own, "p/n", an access log's "HTTP/1.1\" ",
    # is no address for it)
    token = token.replace(last.group().strip(), "", 1)
    return "@" in token or "/" in token or "." in token


def artifacts_present(variant: str = DEFAULT_VARIANT, art_dir: str = ARTIFACTS) -> bool:
    return all(os.path.exists(os.path.join(art_dir, f"charcnn-{variant}{ext}"))
               for ext in (".onnx", ".json"))
