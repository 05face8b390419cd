"""The cascade, built in one place from the configuration: ``build(cfg)``.

Used by ``piistream scan``, the streaming worker's detection processes and the replay tool, so
all three run the same stages with the same settings:

- ``Cascade.detect``: candidates -> scorer (charCNN or rules) -> decision; spans in the uncertain
  band are redacted (fail closed) and the record is marked uncertain;
- ``Cascade.verify``: the same cascade with the verification stage deciding the uncertain band;
  the one verification path (``scan --verifier``, the verify agent, replay);
- ``Cascade.scan``: detect, then verify the records left uncertain (``scan --verifier``).

May import ``config`` and ``models``; nothing of Kafka.
"""
from __future__ import annotations

import copy
import logging
import os
from dataclasses import dataclass

from .config import Config
from .models.detector import Detector, make_scorer
from .models.recognizers import leads
from .models.records import Processor, RecordResult
from .models.redact import ConfigError, Redactor, Tokenizer
from .models.scoring import Thresholds

log = logging.getLogger("piistream.cascade")


@dataclass
class Cascade:
    processor: Processor             # the detect path: uncertain spans redacted (fail closed)
    verifier: Processor | None       # the same cascade with the verifier deciding them, or None
    tokenizer: Tokenizer             # keyed tokens for alerts (never the values)

    @property
    def version(self) -> str:
        return self.processor.detector.version

    @property
    def max_bytes(self) -> int:
        return self.processor.max_bytes

    def detect(self, raws: list, fmt: str = "text", tokens: bool = False,
               keep_scores: bool = False, headers: list[str | None] | None = None) -> list[RecordResult]:
        """One result per record; never raises on bad input (see ``Processor.process_safe``).
        ``keep_scores``: each result carries its charCNN probabilities (``scores``), for
        ``verify``. ``headers``: per text record, the table header line before it in its
        source (``records.HeaderCarry``), or None."""
        return self.processor.process_safe(raws, fmt, self.tokenizer if tokens else None,
                                           keep_scores=keep_scores, headers=headers)

    def verify(self, raws: list, fmt: str = "text", tokens: bool = False,
               safe: bool = False, known: dict[str, float] | None = None,
               headers: list[str | None] | None = None) -> list[RecordResult]:
        """The verifier decides the uncertain band. Raises when there is no verifier or it
        fails: the caller fails closed (keeps ``detect``'s output). ``safe``: an error costs
        only the records that cause it, as in ``detect``. ``known``: charCNN probabilities
        that ``detect`` computed for these records (their ``scores``): the same model on the
        same inputs, so it does not run again for them."""
        if self.verifier is None:
            raise RuntimeError("no verifier loaded")
        tok = self.tokenizer if tokens else None
        if safe:
            return self.verifier.process_safe(raws, fmt, tok, known, headers=headers)
        return self.verifier.process(raws, fmt, tok, known, headers=headers)

    def scan(self, raws: list, fmt: str = "text", verify: bool = False,
             headers: list[str | None] | None = None) -> list[RecordResult]:
        """``detect``; with ``verify``, the records left uncertain are decided by ``verify``."""
        results = self.detect(raws, fmt, keep_scores=verify, headers=headers)
        if verify:
            doubt = [i for i, r in enumerate(results) if r.uncertain]
            if doubt:
                known = {k: p for i in doubt for k, p in (results[i].scores or {}).items()}
                for i, r in zip(doubt, self.verify([raws[i] for i in doubt], fmt, safe=True, known=known,
                                                   headers=[headers[i] for i in doubt] if headers else None)):
                    results[i] = r
        return results

    def take_over_budget(self) -> int:
        """Records decided by the rules alone (over ``MODEL_BUDGET``) since the last call."""
        n = 0
        for proc in (self.processor, self.verifier):
            if proc is not None:
                n += proc.detector.over_budget_records
                proc.detector.over_budget_records = 0
        return n

    def take_seconds(self) -> dict[str, float]:
        """Seconds per detection stage since the last call (candidates, scorer, verifier)."""
        out: dict[str, float] = {}
        for proc in (self.processor, self.verifier):
            if proc is not None:
                for stage, sec in proc.detector.take_seconds().items():
                    out[stage] = out.get(stage, 0.0) + sec
        return out


def build(cfg: Config, threads: int | None = None, verify: bool = False,
          key: tuple[bytes, str] | None = None) -> Cascade:
    """The cascade for ``cfg``. ``threads``: inference threads (None: ``detector.threads``, 0 =
    one per core). ``verify``: load the verification stage (when ``verifier.enabled``; a model
    that cannot be loaded leaves ``verifier`` None and logs why: the caller fails closed).
    ``key``: (HMAC key, key id) for alert tokens (default: the configured key, else random)."""
    threads = threads if threads is not None else (cfg.detector.threads or None)
    leads.enabled = leads.hyperscan is not None and cfg.detector.leads
    scorer = make_scorer(cfg.detector.scorer, cfg.detector.backend, threads)
    if cfg.detector.thresholds:
        # a private scorer object: the shared one keeps its calibrated thresholds
        scorer = copy.copy(scorer)
        scorer.thresholds = {**scorer.thresholds, **{
            t: Thresholds(th.get("lo", scorer.thresholds[t].lo), th.get("hi", scorer.thresholds[t].hi))
            for t, th in cfg.detector.thresholds.items()}}
    configured = cfg.hmac_key()
    redactor = Redactor(cfg.redaction.operators, default=cfg.redaction.default_operator,
                        hmac_key=configured[0] if configured else None,
                        key_id=configured[1] if configured else "k1")
    base = Processor(Detector(scorer=scorer), redactor, max_bytes=cfg.worker.max_record_bytes)
    key = key or configured
    return Cascade(base, _verifier(cfg, base, threads) if verify else None,
                   Tokenizer(*key) if key else Tokenizer())


def _verifier(cfg: Config, base: Processor, threads: int | None) -> Processor | None:
    if not cfg.verifier.enabled:
        log.warning("verifier disabled (verifier.enabled = false): uncertain records fail closed")
        return None
    try:
        from .models.verifier import VerifierRuntime, VerifyingScorer, verifier_path
        v = cfg.verifier
        n = threads or os.cpu_count() or 1
        if v.backend == "causal-lm":  # the user's own LLM, from a local directory
            from .models.llm_verifier import CausalLMVerifier
            rt = CausalLMVerifier(v.model, bits=v.bits, device=v.device, threads=n)
        else:
            rt = VerifierRuntime(verifier_path(v.model or None), threads=n, device=v.device)
        scorer = VerifyingScorer(base.detector.scorer, rt, keep_disputed=tuple(v.keep_disputed),
                                 rules_decided=tuple(v.rules_decided))
        return Processor(Detector(scorer=scorer), base.redactor, base.max_bytes)
    except Exception as e:  # missing model or runtime: keep running, fail closed
        log.warning("verifier unavailable (%s): uncertain records fail closed", type(e).__name__)
        return None


def alert_key(cfg: Config) -> tuple[bytes, str]:
    """The HMAC key for alert tokens; without one configured, a random key (made once, in the
    worker's main process, so that all its detection processes share it)."""
    key = cfg.hmac_key()
    if key:
        return key
    log.warning("no HMAC key configured (redaction.hmac_key_file / PIISTREAM_HMAC_KEY): alert "
                "tokens use an ephemeral key and only correlate within this worker")
    return os.urandom(32), "ephemeral"


def build_for_scan(cfg: Config, verify: bool) -> Cascade:
    """``scan``'s cascade: ``--verifier`` needs the verifier (an error when it cannot load)."""
    if verify:
        cfg.verifier.enabled = True
    c = build(cfg, verify=verify)
    if verify and c.verifier is None:
        raise ConfigError("--verifier: the verifier model could not be loaded")
    return c
