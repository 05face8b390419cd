"""Google: API keys (``AIza`` + 35), OAuth client secrets (``GOCSPX-`` + 28), OAuth access tokens
(``ya29.``), OAuth refresh tokens (``1//0`` / ``1//0g``...), OAuth authorization codes (``4/0A``,
URL-encoded ``4%2F0A``: exchanged for the user's tokens by whoever holds it first), Firebase Cloud Messaging server keys
(``AAAA<7>:<140>``), and signed-URL signatures (``X-Goog-Signature=``, read by the generic key
reader). Service-account private keys are PEM (``private_key``)."""
from __future__ import annotations

from ._shared import Family, Spec, exact, shaped

API_KEY, OAUTH_SECRET, OAUTH_TOKEN, FCM, OAUTH_CODE = (
    "google_api_key", "google_oauth_client_secret", "google_oauth_token", "google_fcm_server_key",
    "google_oauth_code")

SPECS = [
    Spec("GOCSPX-", OAUTH_SECRET, r"GOCSPX-[0-9A-Za-z_\-]{28}", 0.97, exact),
    Spec("ya29.", OAUTH_TOKEN, r"ya29\.[0-9A-Za-z_\-]{20,2048}+", 0.95, shaped),
]
LITERALS = [
    ("AIza", [Spec("AIza", API_KEY, r"AIza[0-9A-Za-z_\-]{35}", 0.95, exact)]),
    ("1//0", [Spec("1//0", OAUTH_TOKEN, r"1//0[0-9A-Za-z_\-]{30,512}+", 0.9, shaped)]),
    ("4/0A", [Spec("4/0A", OAUTH_CODE, r"4/0A[0-9A-Za-z_\-]{30,512}+", 0.9, shaped)]),
    ("4%2F0A", [Spec("4%2F0A", OAUTH_CODE, r"4%2F0A[0-9A-Za-z_\-]{30,512}+", 0.9, shaped)]),
    ("AAAA", [Spec("AAAA", FCM, r"AAAA[A-Za-z0-9_\-]{7}:[A-Za-z0-9_\-]{140}", 0.95, exact)]),
]


class Google(Family):
    name = "google"
    kinds = (API_KEY, OAUTH_SECRET, OAUTH_TOKEN, FCM, OAUTH_CODE)
    specs = SPECS
    literals = LITERALS
