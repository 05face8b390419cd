"""Other vendors' tokens, by the fixed prefixes and formats their documentation gives.

Each row is a ``Spec``: head, kind, full pattern (head included), prior, check. ``exact``: the
prefix with an exact length and alphabet is the evidence (decisive); ``shaped``: the prefix with
a loose body (a candidate the models score). npm, PyPI and SendGrid are the suite's families
(Twilio has a module of its own: its secrets come in pairs); the rest are the tokens most often
leaked in CI logs and configs.
"""
from __future__ import annotations

import base64
import binascii
import re

from ..base import Batch
from ._shared import Family, Spec, exact, segment_end, shaped
from .placeholders import is_placeholder
from ..base import word_char

_OPENAI_MARK = "T3BlbkFJ"  # base64 of "OpenAI", inside every current OpenAI key


def _mixed(token: str) -> tuple[bool, bool] | None:
    """A short fixed-length body after a one-letter head: only one that mixes digits, upper and
    lower case letters is a token (``s.AcceptanceTimeoutSeconds`` is a member access)."""
    body = token[2:]
    if not (sum(c.isdigit() for c in body) >= 2 and any(c.isupper() for c in body)
            and any(c.islower() for c in body)):
        return None
    return True, False


def _after_zeros(token: str) -> tuple[bool, bool] | None:
    """An X (Twitter) app's bearer token: URL-encoded base64 that starts with a run of zero
    bytes (the A's), then mixes digits, upper and lower case as random bytes do (base64 of a
    zero-filled buffer alone is no token)."""
    body = token.lstrip("A")
    if sum(c.isdigit() for c in body) >= 4 and sum(c.isupper() for c in body) >= 4 and \
            sum(c.islower() for c in body) >= 4:
        return True, True
    return None


def _openai(token: str) -> tuple[bool, bool]:
    return True, _OPENAI_MARK in token


_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_INDEX = {c: i for i, c in enumerate(_BASE58)}


def _base58check(token: str) -> bytes | None:
    """The payload of a Base58Check string (Bitcoin's encoding: the bytes, then the first four
    of their double SHA-256), or None when its checksum fails."""
    import hashlib

    n = 0
    for c in token:
        n = n * 58 + _BASE58_INDEX[c]
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    raw = b"\0" * (len(token) - len(token.lstrip("1"))) + raw
    body, check = raw[:-4], raw[-4:]
    return body if len(raw) > 4 and hashlib.sha256(hashlib.sha256(body).digest()).digest()[:4] == check else None


def _extended_private_key(token: str) -> tuple[bool, bool]:
    """BIP32's extended private key (xprv, tprv; BIP49/84's yprv, zprv): 78 bytes whose key
    field is a zero byte and 32 bytes, Base58Check-encoded. Its checksum decides."""
    body = _base58check(token)
    return True, body is not None and len(body) == 78 and body[45] == 0


SPECS = [
    # npm: npm_ + 36 base62 (granular and classic automation tokens)
    Spec("npm_", "npm_token", r"npm_[A-Za-z0-9]{36}", 0.95, exact),
    # PyPI: a macaroon whose location is pypi.org / test.pypi.org
    Spec("pypi-", "pypi_token", r"pypi-AgE[A-Za-z0-9_\-]{50,2000}+", 0.97, exact),
    # SendGrid: SG.<22>.<43>
    Spec("SG.", "sendgrid_api_key", r"SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}", 0.97, exact),
    # OpenAI: sk-proj-, sk-svcacct-, sk-admin-, and legacy sk-<48>
    Spec("sk-", "openai_api_key", r"sk-(?!ant-|ssh-|ecdsa-)(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_\-]{20,300}+",
         0.9, _openai),
    # Anthropic: API and admin keys are 93 base64url characters ending in AA; session keys
    Spec("sk-ant-", "anthropic_api_key",
         r"sk-ant-(?:api|admin)\d\d-[A-Za-z0-9_\-]{93}AA|sk-ant-sid\d\d-[A-Za-z0-9_\-]{80,120}+",
         0.97, exact),
    # Hugging Face user and organisation tokens
    Spec("hf_", "huggingface_token", r"hf_[A-Za-z]{34}", 0.95, exact),
    # Pinecone: pcsk_ + the key's id + _ + its secret; LangSmith: lsv2_pt_ / lsv2_sk_ + 32 hex + _ + 10 hex
    Spec("pcsk_", "pinecone_api_key", r"pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{32,100}", 0.95, exact),
    Spec("lsv2_", "langsmith_api_key", r"lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}", 0.97, exact),
    Spec("api_org_", "huggingface_token", r"api_org_[A-Za-z]{34}", 0.95, exact),
    # DigitalOcean personal, OAuth and refresh tokens
    *[Spec(f"{p}_", "digitalocean_token", rf"{p}_v1_[a-f0-9]{{64}}", 0.97, exact)
      for p in ("dop", "doo", "dor")],
    # Shopify access tokens and shared secrets
    *[Spec(f"{p}_", "shopify_token", rf"{p}_[a-fA-F0-9]{{32}}", 0.95, exact)
      for p in ("shpat", "shpca", "shppa", "shpss")],
    Spec("dckr_", "docker_token", r"dckr_(?:pat|oat)_[A-Za-z0-9_\-]{27,64}+", 0.95, exact),
    Spec("PMAK-", "postman_api_key", r"PMAK-[a-f0-9]{24}-[a-f0-9]{34}", 0.97, exact),
    Spec("pul-", "pulumi_token", r"pul-[a-f0-9]{40}", 0.95, exact),
    Spec("dp.", "doppler_token", r"dp\.(?:pt|st|sa|ct|scim|audit)\.(?:[a-z0-9_\-]{1,40}\.)?[A-Za-z0-9]{40,44}", 0.95, exact),
    *[Spec(f"{p}.", "vault_token", rf"{p}\.[A-Za-z0-9_\-]{{24,300}}+", 0.95, exact)
      for p in ("hvs", "hvb", "hvr")],
    Spec("atlasv1.", "terraform_token", r"[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_\-=]{60,70}+", 0.97,
         exact, lead=True),
    Spec("glc_", "grafana_token", r"glc_[A-Za-z0-9+/]{32,400}+={0,2}", 0.95, exact, bounded=False),
    Spec("glsa_", "grafana_token", r"glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}", 0.97, exact),
    Spec("lin_", "linear_api_key", r"lin_(?:api|oauth)_[A-Za-z0-9]{40,64}", 0.95, exact),
    Spec("sntrys_", "sentry_token", r"sntrys_eyJ[A-Za-z0-9+/=_\-]{50,600}+", 0.97, exact,
         bounded=False),
    Spec("sntryu_", "sentry_token", r"sntryu_[a-f0-9]{64}", 0.97, exact),
    Spec("AGE-", "age_secret_key", r"AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}", 0.97,
         exact),
    Spec("xkeysib-", "brevo_api_key", r"xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}", 0.97, exact),
    Spec("xsmtpsib-", "brevo_api_key", r"xsmtpsib-[a-f0-9]{64}-[A-Za-z0-9]{16}", 0.97, exact),
    Spec("key-", "mailgun_api_key", r"key-[a-f0-9]{32}", 0.85, shaped),
    Spec("pscale_", "planetscale_token", r"pscale_(?:pw|tkn|oauth)_[A-Za-z0-9_\-.=]{32,64}+", 0.95,
         exact),
    Spec("CLOJARS_", "clojars_token", r"CLOJARS_[a-z0-9]{60}", 0.95, exact),
    # Flutterwave secret keys (32 hex and -X) and encryption keys (12 hex)
    Spec("FLWSECK_", "flutterwave_key", r"FLWSECK_TEST-(?:[a-h0-9]{32}-X|[a-h0-9]{12})", 0.95,
         exact),
    Spec("FLWSECK-", "flutterwave_key", r"FLWSECK-(?:[a-h0-9]{32}-X|[a-h0-9]{12})", 0.95,
         exact),
    Spec("fio-", "frameio_token", r"fio-u-[A-Za-z0-9_=\-]{64}", 0.95, exact),
    Spec("pnu_", "prefect_token", r"pnu_[A-Za-z0-9]{36}", 0.95, exact),
    Spec("rdme_", "readme_api_key", r"rdme_[a-z0-9]{70}", 0.95, exact),
    Spec("rubygems_", "rubygems_token", r"rubygems_[a-f0-9]{48}", 0.97, exact),
    Spec("tk-", "scalingo_token", r"tk-us-[A-Za-z0-9_\-]{48}", 0.9, exact),
    Spec("sm_", "settlemint_token", r"sm_(?:pat|aat|sat)_[A-Za-z0-9]{16}", 0.9, exact),
    Spec("shippo_", "shippo_token", r"shippo_(?:live|test)_[a-fA-F0-9]{40}", 0.97, exact),
    Spec("tfp_", "typeform_token", r"tfp_[A-Za-z0-9_\-.=]{59}", 0.95, exact),
    Spec("duffel_", "duffel_token", r"duffel_(?:test|live)_[A-Za-z0-9_\-=]{43}", 0.97, exact),
    Spec("dt0c01.", "dynatrace_token", r"dt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}", 0.97, exact),
    Spec("ico-", "infracost_token", r"ico-[A-Za-z0-9]{32}", 0.9, exact),
    *[Spec(f"{p}-", "newrelic_key", rf"{p}-[A-Za-z0-9_\-]{{19,40}}+", 0.9, exact)
      for p in ("NRAK", "NRJS", "NRII", "NRAA")],
    Spec("ntn_", "notion_token", r"ntn_[0-9]{11}[A-Za-z0-9]{35}", 0.97, exact),
    Spec("secret_", "notion_token", r"secret_[A-Za-z0-9]{43}", 0.85, shaped),
    Spec("API-", "octopus_api_key", r"API-[A-Z0-9]{26}", 0.85, shaped),
    Spec("pplx-", "perplexity_api_key", r"pplx-[A-Za-z0-9]{48}", 0.95, exact),
    Spec("sgp_", "sourcegraph_token", r"sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}", 0.95, exact),
    Spec("sq0atp-", "square_token", r"sq0atp-[A-Za-z0-9_\-]{22}", 0.97, exact),
    Spec("sq0csp-", "square_token", r"sq0csp-[A-Za-z0-9_\-]{43}", 0.97, exact),
    *[Spec(f"sq{c}_", "sonar_token", rf"sq{c}_[a-f0-9]{{40}}", 0.95, exact) for c in "pua"],
    Spec("v1.0-", "cloudflare_origin_ca_key", r"v1\.0-[a-f0-9]{24}-[a-f0-9]{146}", 0.97, exact),
    Spec("dnkey-", "defined_networking_key", r"dnkey-[a-z0-9=_\-]{26}-[a-z0-9=_\-]{52}", 0.95, exact),
    Spec("sl.", "dropbox_token", r"sl\.(?:u\.)?[A-Za-z0-9_\-=]{130,1400}+", 0.9, exact),
    Spec("ops_", "onepassword_token", r"ops_eyJ[A-Za-z0-9+/=_\-]{250,}+", 0.97, exact, bounded=False),
    Spec("A3-", "onepassword_secret_key",
         r"A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}",
         0.95, exact),
    Spec("HRKU-", "heroku_api_key", r"HRKU-AA[0-9A-Za-z_\-]{58}", 0.97, exact),
    Spec("s-s4t2", "intra42_secret", r"s-s4t2(?:ud|af)-[a-f0-9]{64}", 0.95, exact),
    Spec("p8e-", "adobe_client_secret", r"p8e-[A-Za-z0-9]{32}", 0.9, exact),
    Spec("t1.", "yandex_token", r"t1\.[A-Z0-9a-z_\-]+=*\.[A-Z0-9a-z_\-]{86}=*", 0.9, exact,
         bounded=False),
    # HashiCorp Vault legacy service (s.) and batch (b.) tokens: 24 characters
    *[Spec(f"{p}.", "vault_token", rf"{p}\.[A-Za-z0-9]{{24}}", 0.85, _mixed) for p in "sb"],
    Spec("sk.", "mapbox_secret_token", r"sk\.eyJ[A-Za-z0-9_\-]{20,400}+\.[A-Za-z0-9_\-]{20,100}+",
         0.95, exact),
    # (tokens of developer platforms common in CI logs, by their documented prefixes: Groq API
    # keys, Tailscale auth/API/OAuth keys, Supabase and Buildkite access tokens, Replicate API
    # tokens, CircleCI personal tokens; Netlify's and Figma's personal tokens by prefix, their
    # lengths loose)
    Spec("gsk_", "groq_api_key", r"gsk_[A-Za-z0-9]{52}", 0.95, exact),
    Spec("tskey-", "tailscale_key",
         r"tskey-(?:auth|api|client|scim|webhook)-[A-Za-z0-9]{6,40}+-[A-Za-z0-9]{20,80}+", 0.95, exact),
    Spec("sbp_", "supabase_token", r"sbp_[a-f0-9]{40}", 0.95, exact),
    Spec("bkua_", "buildkite_token", r"bkua_[a-f0-9]{40}", 0.95, exact),
    Spec("r8_", "replicate_token", r"r8_[A-Za-z0-9]{37}", 0.95, exact),
    Spec("CCIPAT_", "circleci_token", r"CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}", 0.97, exact),
    Spec("nfp_", "netlify_token", r"nfp_[A-Za-z0-9]{32,48}+", 0.9, shaped),
    Spec("figd_", "figma_token", r"figd_[A-Za-z0-9_\-]{32,64}+", 0.9, shaped),
    # (Contentful's personal access tokens, xAI's API keys)
    Spec("CFPAT-", "contentful_token", r"CFPAT-[A-Za-z0-9_\-]{43}", 0.95, exact),
    Spec("xai-", "xai_api_key", r"xai-[A-Za-z0-9]{80}", 0.95, exact),
    Spec("fo1_", "flyio_token", r"fo1_[A-Za-z0-9_\-]{43}", 0.95, exact),
    # LaunchDarkly's server-side SDK keys
    Spec("sdk-", "launchdarkly_key",
         r"sdk-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}", 0.9, exact),
    Spec("fm1r_", "flyio_token", r"fm1r_[A-Za-z0-9+/]{100,}+={0,3}", 0.95, exact, bounded=False),
    Spec("fm2_", "flyio_token", r"fm2_[A-Za-z0-9+/]{100,}+={0,3}", 0.95, exact, bounded=False),
    Spec("fm1a_", "flyio_token", r"fm1a_[A-Za-z0-9+/]{100,}+={0,3}", 0.95, exact, bounded=False),
]
LITERALS = [
    # a wallet's extended private key (BIP32; BIP49/84's forms): whoever has it holds the funds
    # of every address derived from it
    *((head, [Spec(head, "crypto_private_key", head + r"[1-9A-HJ-NP-Za-km-z]{107,108}", 0.9,
                   _extended_private_key)]) for head in ("xprv", "tprv", "yprv", "zprv")),
    ("ATATT3", [Spec("ATATT3", "atlassian_api_token", r"ATATT3[A-Za-z0-9_\-=]{150,250}+", 0.97, exact)]),
    ("dapi", [Spec("dapi", "databricks_token", r"dapi[a-f0-9]{32}(?:-\d)?", 0.9, exact)]),
    ("LTAI", [Spec("LTAI", "alibaba_access_key_id", r"LTAI[A-Za-z0-9]{20}", 0.9, exact)]),
    ("AKCp", [Spec("AKCp", "jfrog_token", r"AKCp[A-Za-z0-9]{69}", 0.95, exact)]),
    ("cmVmdGtu", [Spec("cmVmdGtu", "jfrog_token", r"cmVmdGtuOjAxOj[A-Za-z0-9]{50}", 0.95, exact)]),
    ("EZ", [Spec("EZ", "easypost_api_key", r"EZ[AT]K[A-Za-z0-9]{54}", 0.95, exact)]),
    # (a Graph API access token: EAA, a capital letter, 100 or more letters and digits; "EAAG",
    # "EAAB" user tokens as well as the older "EAAC", "EAAM")
    ("EAA", [Spec("EAA", "facebook_access_token", r"EAA[A-Z][A-Za-z0-9]{100,}+", 0.9, exact),
             Spec("EAA", "square_token", r"EAAA[A-Za-z0-9_\-+=]{60}", 0.9, exact)]),
    ("4b1d", [Spec("4b1d", "clickhouse_secret", r"4b1d[A-Za-z0-9]{38}", 0.9, exact)]),
    ("AQVN", [Spec("AQVN", "yandex_token", r"AQVN[A-Za-z0-9_\-]{35,38}", 0.9, exact)]),
    # (X's app bearer tokens start with 20-odd A's, zero bytes in base64: 21 in X's own example;
    # URL-encoded, or decoded as the escapes are)
    ("AAAA", [Spec("AAAA", "twitter_bearer_token", r"A{20,24}[A-Za-z0-9%+/=]{80,200}+", 0.95, _after_zeros)]),
    # Tencent Cloud's SecretId: the key pair's id, as AWS's AKIA is
    ("AKID", [Spec("AKID", "tencent_secret_id", r"AKID[A-Za-z0-9]{32}", 0.9, _mixed)]),
    # OpenShift OAuth access tokens (4.6+): sha256~ and 43 base64url characters
    ("sha256~", [Spec("sha256~", "openshift_token", r"sha256~[A-Za-z0-9_\-]{43}", 0.95, exact)]),
    # Salesforce: a session id (an OAuth access token) is the org's 15-character id, "!", then the
    # session's token ('<urn:sessionId>00DzhB1djejd6qe!AQt2BI.VaWjfo3...', "Bearer 00D...!AQ...")
    ("00D", [Spec("00D", "salesforce_session_id", r"00D[A-Za-z0-9]{12}![A-Za-z0-9._]{40,300}+", 0.95, exact)]),
    # Braintree's access token (PayPal's SDK): its environment, the merchant's id, 32 hex digits
    ("access_token", [Spec("access_token", "braintree_access_token",
                           r"access_token\$(?:production|sandbox|development|qa)\$[a-z0-9]{16}\$[a-f0-9]{32}",
                           0.97, exact)]),
]

# Telegram bot tokens: <bot id>:<35 characters starting with A>
_TELEGRAM = re.compile(r":A")
_TELEGRAM_TOKEN = re.compile(r"(?<![0-9])[0-9]{5,16}:A[0-9A-Za-z_\-]{34}(?![0-9A-Za-z_\-])")
# Discord bot tokens: base64 of the bot's numeric id, a 6-character timestamp, an HMAC
_DISCORD_TAIL = re.compile(r"\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,38}(?![A-Za-z0-9_\-])")
_DISCORD_ID = re.compile(r"[A-Za-z0-9_\-]{24,27}")  # on the reversed text before the tail
# Facebook app access tokens: <app id>|<app secret or 27-character signature>
_PIPE = re.compile(r"\|[A-Za-z0-9_\-]{27,32}(?![A-Za-z0-9_\-])")
_APP_ID = re.compile(r"[0-9]{15,16}")  # reversed, right before the pipe
# Mailchimp API keys: 32 hex and the data centre (-us6)
_MAILCHIMP = re.compile(r"-us[0-9]{1,2}(?![A-Za-z0-9])")
# Microsoft Teams / Discord incoming webhooks
_HOOK = re.compile(r"hook")
# (the group's id, with its tenant's after an '@' or without; the newer URLs' signature after
# the connector's id: ".../IncomingWebhook/<32>/<uuid>/V2<token>")
_TEAMS = re.compile(r"webhook\.office\.com/webhookb2/[A-Za-z0-9@\-]{36,120}/IncomingWebhook/"
                    r"([A-Za-z0-9]{32}/[A-Za-z0-9\-]{36}(?:/V2[A-Za-z0-9_\-]{20,100})?)")
_DISCORD = re.compile(r"webhooks/[0-9]{17,20}/([A-Za-z0-9_\-]{60,90})")
# a blockchain node provider's API key in its endpoint's path: Alchemy's ("https://eth-mainnet.
# g.alchemy.com/v2/<key>"), Infura's project id ("https://mainnet.infura.io/v3/<32 hex>", its
# WebSocket's "/ws/v3/"), QuickNode's ("https://<name>.quiknode.pro/<40 hex>/"), Ankr's
# ("https://rpc.ankr.com/eth/<64 hex>"): whoever has the URL spends the account's quota
_NODE_KEY = re.compile(r"\.(?:g\.alchemy\.com/v2/|alchemyapi\.io/v2/)([A-Za-z0-9_\-]{32})(?![A-Za-z0-9_\-])"
                       r"|\.infura\.io/(?:ws/)?v3/([a-f0-9]{32})(?![A-Za-z0-9_\-])"
                       r"|\.quiknode\.pro/([a-f0-9]{40})(?![A-Za-z0-9_\-])"
                       r"|//rpc\.ankr\.com/[a-z0-9_]{2,32}/([a-f0-9]{64})(?![A-Za-z0-9_\-])")
_NODE_KEY_LEADS = ("\\.g\\.alchemy", "\\.alchemyapi", "\\.infura\\.io/", "\\.quiknode\\.pro/", "//rpc\\.ankr")


# Adyen's API key (a web service user's): "AQE", base64, then two parts after dashes, the last
# 16 characters of any printable kind ("AQEyhmfx...Bw==-y3qz...66yE=-W+t7NF;s4}%=kUSD")
_ADYEN = re.compile(r"(?<![A-Za-z0-9+/])AQE[A-Za-z0-9+/]{40,300}={0,2}-[A-Za-z0-9+/]{40,46}={0,2}-[!-~]{16}"
                    r"(?![A-Za-z0-9])")


class Vendors(Family):
    name = "vendors"
    specs = SPECS
    literals = LITERALS
    kinds = tuple(sorted({s.kind for s in SPECS} | {s.kind for _, ss in LITERALS for s in ss} |
                         {"telegram_bot_token", "teams_webhook", "discord_webhook", "discord_bot_token",
                 "facebook_access_token", "mailchimp_api_key", "node_provider_key", "adyen_api_key"}))

    def find(self, batch: Batch, emit):
        text = batch.text
        for m in batch.scan(_TELEGRAM):
            t = _TELEGRAM_TOKEN.search(text, max(0, m.start() - 10), min(len(text), m.end() + 34))
            if t and not is_placeholder(t.group()):
                yield emit(t.start(), t.end(), 0.95, 0.99, True, "telegram", "telegram_bot_token",
                           True)
        for m in batch.scan(_HOOK):
            s = max(0, m.start() - 20)
            e = min(segment_end(batch, m.start()), m.start() + 300)
            for pat, kind in ((_TEAMS, "teams_webhook"), (_DISCORD, "discord_webhook")):
                h = pat.search(text, s, e)
                if h and h.start() <= m.start() + 3:
                    yield emit(h.start(1), h.end(1), 0.95, 0.99, True, kind, kind, True)
        for m in batch.scan(_DISCORD_TAIL, lead=r"\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27}"):
            t = m.start()
            idm = _DISCORD_ID.match(text[max(0, t - 27):t][::-1])
            s = t - (idm.end() if idm else 0)
            if idm is None or idm.end() > 26 or text[s] not in "MNO" or \
                    (s > 0 and text[s - 1] in _TOKEN_CHARS):
                continue  # the id part is 24 to 26 characters
            token = text[s:m.end()]
            if is_placeholder(token):
                continue
            ok = _snowflake(text[s:t])
            yield emit(s, m.end(), 0.95 if ok else 0.85, 0.99, True, "discord-bot", "discord_bot_token",
                       ok)
        for m in batch.scan(_PIPE, lead=r"\|[A-Za-z0-9_\-]{27}"):
            p = m.start()
            app = _APP_ID.match(text[max(0, p - 16):p][::-1])
            if app is None or (p - app.end() > 0 and word_char(text[p - app.end() - 1])):
                continue
            secret = m.group()[1:]
            if sum(c.isdigit() for c in secret) >= 2 and not is_placeholder(secret):
                yield emit(p - app.end(), m.end(), 0.9, 0.97, True, "facebook-app-token",
                           "facebook_access_token", True)
        for m in batch.scan(_ADYEN, lead="AQE"):
            if not is_placeholder(m.group()):
                yield emit(m.start(), m.end(), 0.95, 0.99, True, "adyen-api-key", "adyen_api_key", True)
        for m in batch.scan(_NODE_KEY, lead=_NODE_KEY_LEADS):
            g = next(i for i in range(1, 5) if m.start(i) >= 0)
            if not is_placeholder(m.group(g)):
                yield emit(m.start(g), m.end(g), 0.9, 0.97, True, "node-provider-key", "node_provider_key", True)
        for m in batch.scan(_MAILCHIMP):
            s = m.start() - 32
            if s < 0 or not _HEX32.match(text, s) or (s > 0 and text[s - 1] in _TOKEN_CHARS):
                continue
            yield emit(s, m.end(), 0.9, 0.97, True, "mailchimp", "mailchimp_api_key", True)


_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_HEX32 = re.compile(r"[0-9a-f]{32}-")


def _snowflake(b64: str) -> bool:
    """The first part of a Discord bot token is the base64 of the bot's numeric id."""
    try:
        raw = base64.urlsafe_b64decode(b64 + "=" * (-len(b64) % 4))
    except (binascii.Error, ValueError):
        return False
    return raw.isdigit() and 15 <= len(raw) <= 20
