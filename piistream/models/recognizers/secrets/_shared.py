"""What the secret families share: the ``Family`` interface, token boundaries, entropy, base62.

A family (one module per vendor or syntax) finds candidates of the one entity type ``SECRET``;
each candidate names its ``kind`` (``github_token``, ``password``...) from the family's fixed
vocabulary (``KINDS``), never the value. ``decisive`` marks evidence that no model may clear: a
vendor prefix with a valid checksum or structure, or a credential key with a non-placeholder
value (the scorers keep the rules' verdict for those, stage ``rules``).

Every pattern here is linear in the text: each starts with a literal (the regex engine skips to
it at memory speed) and rejects a start inside a longer token with a fixed-width look-behind
*after* the literal, so a run of repeated prefixes (``eyJeyJeyJ...``) is tried once per run, not
once per prefix; variable parts are possessive or followed by a character they cannot contain.
``tests/secrets_worst_case.py`` measures it (µs per byte on records built to be worst cases).
"""
from __future__ import annotations

import math
import re
from typing import Callable, ClassVar, Iterable

from ..base import Batch, Candidate

# characters of a token: a secret never starts or ends next to one of these
TOKEN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

Emit = Callable[..., Candidate]


def left_ok(text: str, start: int) -> bool:
    """No token character right before ``start``."""
    return start == 0 or text[start - 1] not in TOKEN_CHARS


def base62(n: int, width: int) -> str:
    out = []
    while n:
        n, r = divmod(n, 62)
        out.append(B62[r])
    return "".join(reversed(out)).rjust(width, "0")


def entropy(s: str) -> float:
    """Shannon entropy in bits per character."""
    n = len(s)
    if not n:
        return 0.0
    # H = log2(n) - sum(c * log2(c)) / n over the character counts c (a table up to 4096)
    counts = map(s.count, set(s))
    if n <= 4096:
        return math.log2(n) - sum(map(_C_LOG_C.__getitem__, counts)) / n
    return math.log2(n) - sum(c * math.log2(c) for c in counts) / n


_C_LOG_C = [0.0] + [c * math.log2(c) for c in range(1, 4097)]


def char_classes(s: str) -> int:
    """How many of lower case, upper case, digits and other characters ``s`` mixes."""
    return ((s.upper() != s) + (s.lower() != s) + bool(_DIGIT.search(s))
            + bool(_OTHER.search(s)))


_DIGIT = re.compile(r"\d")
_OTHER = re.compile(r"[^\w]|_")


def looks_random(s: str, min_len: int = 16) -> bool:
    """A machine-made credential rather than a word, an identifier or a number: long enough,
    mixing letters and digits (or hex), and high in entropy for its length. Evidence only: a
    credential key or a vendor format must come with it."""
    n = len(s)
    if n < min_len or n > 4096:
        return False
    if s.isdigit() or s.isalpha() and (s.islower() or s.isupper()):
        return False
    if not _DIGIT.search(s) and char_classes(s) < 3:
        return False  # "AccountsReceivable", "snake_case_name"
    # a random string of n distinct-ish characters approaches log2(min(n, alphabet)) bits
    return entropy(s) >= min(3.0, 0.72 * math.log2(n))


class Family:
    """One family of secrets. ``find`` yields candidates built with ``emit`` (the registered
    recognizer's ``cand``: offsets, prior, score with supporting context, validator verdict,
    reason, kind, decisive)."""

    name: ClassVar[str] = ""
    kinds: ClassVar[tuple[str, ...]] = ()

    def find(self, batch: Batch, emit: Emit) -> Iterable[Candidate]:  # pragma: no cover
        raise NotImplementedError


def segment_end(batch: Batch, pos: int) -> int:
    return batch.segment_bounds(batch.segment_of(pos))[1]


def segment_start(batch: Batch, pos: int) -> int:
    return batch.starts[batch.segment_of(pos)]


WORD_SPLIT = re.compile(r"[^a-z0-9]+")


class Spec:
    """A vendor token recognised by its own prefix (``head``, which ends with a separator
    ``_``, ``-`` or ``.``, or is a literal of its own) and format (``pattern``, matched at the
    token's start, including the head). ``check(token) -> (valid, decisive)``: a checksum or a
    structure; a token that fails it is still a candidate (its prefix is strong evidence), but
    not a decisive one; ``None``: no token at all (a short head whose body reads as a word). ``prefix``: characters before the variable part, for the placeholder test
    (``ghp_xxxx`` is a mask)."""

    __slots__ = ("head", "kind", "pattern", "prior", "check", "group", "lead")

    def __init__(self, head: str, kind: str, pattern: str, prior: float = 0.95,
                 check: Callable[[str], tuple[bool, bool] | None] | None = None, group: int = 0,
                 lead: bool = False, bounded: bool = True):
        self.head = head
        self.kind = kind
        # a token ends where token characters end (a longer run is another format)
        self.pattern = re.compile(pattern + (r"(?![A-Za-z0-9_\-])" if bounded else ""))
        self.prior = prior
        self.check = check
        self.group = group  # the secret part of the match (0: all of it)
        self.lead = lead    # the pattern starts before the head (matched at the run's start)


def exact(_: str) -> tuple[bool, bool]:
    """The format alone is the evidence (fixed prefix and exact length/alphabet)."""
    return True, True


def shaped(_: str) -> tuple[bool, bool]:
    """A fixed prefix with a loose body: a candidate, not decisive."""
    return True, False
