"""Stripe secret and restricted keys (``sk_live_``, ``sk_test_``, ``rk_live_``, ``rk_test_``:
test keys still call the API) and webhook signing secrets (``whsec_``). Publishable keys
(``pk_``) are public by design and not secrets."""
from __future__ import annotations

from ._shared import Family, Spec

KIND = "stripe_key"


def _check(token: str) -> tuple[bool, bool]:
    body = token.rpartition("_")[2]  # sk_live_<body>, whsec_<body> (bodies hold no "_")
    return True, len(body) >= 24


SPECS = [Spec(f"{a}k_{b}_", KIND, rf"{a}k_{b}_[0-9A-Za-z]{{10,247}}+", 0.97, _check)
         for a in "sr" for b in ("live", "test", "prod")]
SPECS.append(Spec("whsec_", "stripe_webhook_secret", r"whsec_[0-9A-Za-z+/]{24,96}+={0,2}", 0.95,
                  _check))


class Stripe(Family):
    name = "stripe"
    kinds = (KIND, "stripe_webhook_secret")
    specs = SPECS
