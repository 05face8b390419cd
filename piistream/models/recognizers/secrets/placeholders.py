"""Placeholders and template references: values that stand for a secret without being one.

The one list, used by every secret family (and tested in ``tests/test_secrets.py``). A value is a
placeholder only when it has one of these exact *shapes*; a word inside a value proves nothing
(``hiddenDragon77!`` is a password, and so is a weak one such as ``changeme``).

- template references: ``${VAR}``, ``${VAR:-x}``, ``$VAR``, ``$(cmd)``, ``{{ var }}``, ``{Var}``,
  ``%VAR%``, ``%env(VAR)%``, ``%(name)s``, ``%s``, ``#{var}``, ``@VAR@``, ``<token>``, ``[token]``, ``__VAR__``,
  ``$env:VAR``, and reads of the environment or a secret store (``environ['X']``,
  ``process.env.X``, ``secrets.X``);
- masks: runs of one character (``xxxx``, ``****``, ``....``, ``0000``), a vendor prefix followed
  by only such a run (``ghp_xxxxxxxx``, ``AKIAXXXXXXXXXXXXXXXX``), masks that keep a few
  characters (``****1234``, ``ab****yz``);
- words that say the value is absent or hidden, as the whole value: ``null``, ``none``, ``n/a``,
  ``redacted``, ``[FILTERED]``, ``<hidden>``, ``masked``... or a phrase of them in capitals
  (``HIDDEN_DUE_TO_SECURITY_REASONS``), and type names from schemas (``string``, ``str``);
- documentation example keys published by vendors (``AKIAIOSFODNN7EXAMPLE``, AWS's
  ``...EXAMPLEKEY``, the Azure storage emulator's well-known key, jwt.io's sample token and any
  token its published example secrets sign, the tokens of GitHub's, Slack's and Stripe's
  documentation);
- references and values that are not the secret: YAML tags (``!Ref DbPassword``, ``!vault |``),
  SOPS ciphertext (``ENC[AES256_GCM,data:...]``), Vault's audit HMACs (``hmac-sha256:...``), a
  value cut short by an ellipsis (``sk_live_...``);
- YAML's anchors and aliases (``&client_secret_value``, ``*db_password``): a name for a value
  given elsewhere;
- where a secret is kept, not the secret: SQL bind parameters (``:password``, ``:apiKey``, ``?``,
  ``@p1``),
  Azure App Service's ``@Microsoft.KeyVault(SecretUri=...)``, 1Password's ``op://vault/item/field``,
  AWS ARNs of SSM parameters, Secrets Manager secrets and KMS keys (``arn:aws:ssm:...:parameter/x``),
  GCP Secret Manager's ``projects/123/secrets/name/versions/latest``, a Cloud KMS key's name
  (``projects/p/locations/us/keyRings/r/cryptoKeys/k``), a Go or Jinja template cut
  at its first quote (``{{ vault "secret/data/app``);
- the field's own name in capitals as its value (``postgres://u:PASSWORD@h``, ``:PASS@``,
  ``:SECRET@``, ``token=TOKEN``).
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re

from ._shared import looks_random

# words that, as the whole value, mean "no secret here" (lower case)
ABSENT_WORDS = frozenset("""
null nil none undefined true false yes no on off n/a na nan empty blank unset unknown value
redacted filtered hidden masked removed obfuscated sanitized scrubbed omitted elided censored
suppressed protected encrypted secret_value placeholder example sample dummy test_value
string str text varchar bytes bytearray int integer bool boolean object any optional required
file filename path
password_here token_here key_here secret_here your_password your_token your_api_key your_key
your_secret yourpassword yourtoken yourapikey yoursecret api_key_here apikey_here
anonymous anonymous@ guest
""".split())

# documented example credentials: published in vendors' own documentation, grant nothing
VENDOR_EXAMPLES = frozenset((
    "AKIAIOSFODNN7EXAMPLE",                              # AWS: access key id
    "AKIAI44QH8DHBEXAMPLE",                              # AWS: second example id
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",          # AWS: secret access key
    "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",          # AWS: second example secret
    # Azure Storage emulator (Azurite) well-known account key for devstoreaccount1
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
    # jwt.io's sample token (HS256, secret "your-256-bit-secret")
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwi"
    "aWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    "ghp_16C7e42F292c6912E7710c838347Ae178B4a",          # GitHub docs: a personal access token
    "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",  # Slack API docs: a bot token
    "sk_test_4eC39HqLyjWDarjtT1zdp7dc",                  # Stripe docs: the test secret key
))

_SHAPES = re.compile(r"""(?x)\A(?:
    \$\{[^{}]*\}                          # ${VAR}, ${VAR:-default}
  | \$\{\{[^{}]*\}\}                      # ${{ secrets.X }} (GitHub Actions)
  | \$[A-Za-z_][A-Za-z0-9_]*              # $VAR
  | \$[0-9@*#?]                           # $1, $@ (shell positional parameters)
  | \$\((?=[A-Za-z_./~]|\$[A-Za-z_]).*       # $(cmd) (also when cut at a space; "$(4$+!J" is none),
                                          # PowerShell's $($token.access_token)
  | \$[A-Za-z_][A-Za-z0-9_]*(?:\[[^\[\]]{0,24}\]|\.[A-Za-z_][A-Za-z0-9_]*)+(?:\(\))?
                                          # a variable's member or item: $k[0].Value, $cred.Password
  | \$\{.*                                # ${VAR (cut)
  | `.*                                   # `cmd`
  | \$env:[A-Za-z_][A-Za-z0-9_]*          # PowerShell
  | \{\{[^{}]*\}\}                        # {{ var }}, {{.Var}}
  | \{\{\{[^{}]*\}\}\}                    # {{{ var }}}
  | \{[A-Za-z_][\w.\-]*\}                 # {Var}, {api_key}
  | \#\{[^{}]*\}                          # #{var} (Ruby)
  | %[A-Za-z_][A-Za-z0-9_]*%              # %VAR% (Windows)
  | %\{[A-Za-z_@\[][\w.\-\[\]@]{0,63}\}      # %{password} (Logstash's sprintf, Ruby's format)
  | (?:String|Int|Float|Boolean|ID)!?     # a GraphQL variable's type ($password: String!)
  | %\([A-Za-z_]\w*\)[sdr]                # %(name)s
  | %[sdr]                                # %s
  | @[A-Za-z_][A-Za-z0-9_]*@              # @VAR@ (autoconf)
  | __[A-Za-z][A-Za-z0-9_]*__             # __VAR__
  | <[^<>]{1,64}>                         # <token>, <your-api-key>
  | \[[A-Za-z _\-]{1,40}\]                # [REDACTED], [FILTERED], [token]
  | \([A-Za-z _\-]{1,40}\)                # (hidden)
  | \*\*?[A-Za-z _\-]{1,40}\*\*?          # **REDACTED**
  | !(?:Ref|Sub|GetAtt|ImportValue|Join|Base64|FindInMap|Select|Split|If|GetAZs|Cidr|vault
      |secret|env_var|include)
    (?:[ \t].*)?                          # YAML tags: CloudFormation !Ref X, Ansible !vault |,
                                          # Home Assistant's !secret db_password
  | @@[A-Za-z_][\w.\-]*@@                 # @@DB_PASSWORD@@ (deploy tools' tokens)
  | %env\((?:[a-z0-9_]+:)*[A-Za-z_]\w*\)%     # %env(ADYEN_API_KEY)%, %env(base64:SECRET)% (Symfony)
  | \#\{[^{}]*\}\#                        # #{DB_PASSWORD}# (Azure DevOps' token replacement)
  | \$\[[ \t]*[A-Za-z_][^\[\]]*\]         # $[variables.dbPassword] (Azure Pipelines, at run time)
  | \[[ \t]*(?:parameters|variables|reference|listKeys|listSecrets|concat|format)\(.*\)[ \t]*\]
                                          # an ARM template's expression: [parameters('adminPassword')]
  | vault:[\w\-./]+\#[\w\-.]+             # vault:secret/data/db#password (bank-vaults)
  | ref\+[a-z0-9]+://\S+                  # ref+vault://secret/db#/password (vals)
  | ENC\[[A-Z0-9_]+(?:,.*)?                # SOPS: the value encrypted in place
  | hmac-(?:sha\d+|md5):[0-9A-Fa-f]+       # Vault's audit log: an HMAC of the value
  | (?:std::)?env::var(?:_os)?\(.*        # Rust: std::env::var("GITHUB_TOKEN") (cut at its quote)
  | env!\(.*                              # Rust: env!("TOKEN"), read when it is compiled
  | (?:os\.environ|os\.getenv|process\.env|System\.getenv|ENV|env|getenv|secrets|vars)
    (?:\.[A-Za-z_]\w*|\[[^\]]*\]|\([^()]*\))*
    (?:\.[A-Za-z_]\w*|\[[^\]]*\]?|\([^()]*\)?)!?     # reads of the environment / secret store
                                          # (also cut at its quote: the name read left open;
                                          # TypeScript's non-null "!" after it)
  | :[a-z_][a-z0-9_]{0,63}                # :password, :api_key (a SQL bind parameter)
  | :[a-z]{1,20}(?:[A-Z][a-z0-9]{0,20}){1,4}  # :apiKey
  | \?                                    # ? (a positional bind parameter)
  | @[pP]\d{1,4}                          # @p0 (SQL Server's parameters: sp_executesql, JDBC)
  | @Microsoft\.KeyVault\(.*              # Azure App Service: a Key Vault reference
  | op://[^\s/]+/[^\s/]+/\S+              # 1Password: op://vault/item/field
  | arn:aws[a-z\-]*:(?:ssm|secretsmanager|kms):.*  # an AWS parameter's, secret's, key's ARN
  | projects/[\w\-]+/secrets/[\w\-]+(?:/versions/[\w\-]+)?/?  # GCP Secret Manager
  | projects/[\w\-*]+/locations/[\w\-*]+/keyRings/[\w\-*]+
    (?:/cryptoKeys/[\w\-*]+(?:/cryptoKeyVersions/[\w\-*]+)?)?/?  # a Cloud KMS key's name
  | [&*][A-Za-z_][\w.\-]*                 # YAML: an anchor (&name) or an alias (*name)
  | \{\{[ \t]*[A-Za-z_.$].*                 # {{ vault "secret/data/app (cut at a quote)
)\Z""")
# instructions left in place of a value: YOUR_API_KEY, <your token>, insert_key_here, ...
_INSTRUCTION = re.compile(r"(?i)(?:\A|[^a-z])(?:your|insert|replace|enter|paste|put)(?:[_\- ]|\Z)"
                          # a marker first, then a separator ("XXX_TOKEN", "todo: set"); not
                          # the first letters of a random value ("XxX5t8TpNcaBnHh2M9j414JF")
                          r"|[_\- ]here(?:\Z|[^a-z])|\A(?:xxx|todo|fixme|tbd)(?:[^a-z0-9]|\Z)")
_MARKER_FIRST = re.compile(r"(?:xxx|todo|fixme|tbd)[^a-z0-9]")
_INSTRUCTION_HINT = re.compile("your|insert|replace|enter|paste|put|here|xxx|todo|fixme|tbd")
_SHAPE_FIRST = frozenset("$`{#%@_<[(*!Eh:?oap&vrSIFB")  # the first character of every shape but the reads
_SHAPE_READS = ("os.", "process.", "System.", "ENV", "env", "getenv", "secrets", "vars", "std::")
# a phrase in capitals that says the value is absent, its words joined by underscores
_MASK_PHRASE = re.compile(r"[A-Z]{2,}(?:_[A-Z]{2,}){1,8}\Z")
# already redacted in place: "sk_live_4eC3..[REDACTED]", "abc<masked>"
_ELIDED = re.compile(r"(?i)\[(?:redacted|filtered|masked|hidden|removed)\]"
                     r"|<(?:redacted|filtered|masked|hidden|removed)>")
# mask characters: a value made of one of them repeated (separators aside) is a mask
_MASK_CHARS = frozenset("xX*#•·.?")
_SEPARATORS = str.maketrans("", "", "-_. :/")
# a mask keeping a few characters: ****1234, ab****yz, xxxx-xxxx-1234
_NON_ALNUM = re.compile(r"[\W_]")
# (or in angle brackets without words parted by dashes: "password=<urNZcI7cKzc4hhiG>", not
# "<your-api-key>", "<base64-encoded-secret>")
_BRACED_TOKEN = re.compile(r"(?:\{[A-Za-z0-9+/=_\-]{8,}\}|<[A-Za-z0-9+/=]{8,}>)\Z")
# a value shown cut short: a vendor prefix or a few characters, then an ellipsis ("sk_live_...",
# "sk-ant-api03-...", "ghp_…"): no secret is left in it
_ELLIPSIS = re.compile(r"\A(?:[A-Za-z0-9]{1,8}[-_.]){0,4}[A-Za-z0-9]{0,8}(?:\.{3,}|…)\Z")
# a YAML anchor's name: words in lower case or camelCase ("db_password", "defaultConfig")
_ANCHOR_NAME = re.compile(r"[a-z][a-z0-9]*(?:[_.\-]?[A-Za-z][a-z0-9]*)*\Z")
_MASK_RUN = re.compile(r"[#*•]{6,}|[xX]{12,}")
_PARTIAL_MASK = re.compile(r"\A[A-Za-z0-9]{0,4}(?:[*•]{3,}|[xX]{6,})[A-Za-z0-9]{0,4}\Z")


def is_placeholder(value: str, prefix: int = 0) -> bool:
    """True when ``value`` (``value[prefix:]`` after a known vendor prefix) stands for a secret
    without being one."""
    v = value.strip()
    if not v:
        return True
    if len(v) <= 3 and v.isalnum() and "x" not in v and "X" not in v:
        return v.lower() in ABSENT_WORDS  # "p", "na", "off": no shape, no mask but x, xxx
    if v in VENDOR_EXAMPLES or v in _FIELD_NAMES:
        return True
    if v.startswith("eyJ") and v.count(".") == 2 and jwt_io_signed(v):
        return True
    body = v[prefix:] if prefix else v
    if not body:
        return True
    stripped = body.translate(_SEPARATORS).rstrip("=")  # base64 padding is no content
    core = set(stripped)
    if not core or (len(core) == 1 and (core <= _MASK_CHARS or len(stripped) >= 6)):
        return True  # xxxx, ****, xxxx-xxxx, ----, 11111111, aaaaaaaa
    xs = stripped.count("x") + stripped.count("X")
    if xs >= 7:
        n_alnum = len(stripped) - len(_NON_ALNUM.findall(stripped))
        if n_alnum >= 8 and xs >= 0.8 * n_alnum:
            return True  # glrt-tx_xxxxxxxxxxxxxxxx.xxxxxxxxx: mostly masked
    if _PARTIAL_MASK.match(body) or _MASK_RUN.search(body):
        return True  # ****1234, xoxp-5723...-####################: the secret part is masked
    low = v.lower()
    if low in ABSENT_WORDS:
        return True
    if "_" in v and _MASK_PHRASE.match(v) and not ABSENT_WORDS.isdisjoint(low.split("_")):
        return True  # "HIDDEN_DUE_TO_SECURITY_REASONS" (CloudTrail's), "VALUE_REDACTED": a phrase
    if "+" in v and _MASK_PHRASE.match(v.replace("+", "_")) and not ABSENT_WORDS.isdisjoint(low.split("+")):
        return True  # kubectl config view's "DATA+OMITTED", "REDACTED+REDACTED"
    if v[0] == "*" and _STARRED.fullmatch(v) and not ABSENT_WORDS.isdisjoint(
            low.strip("*").replace("-", " ").replace("_", " ").split()):
        return True  # "**REDACTED**" (CircleCI), "*hidden*"
    if v[0] == "@" and _FILE_REF.fullmatch(v):
        return True  # "password=@password.txt" (vault kv put, curl -d): the value read from a file
    if v[0] in "*•" and _MASKED_USERINFO.match(v):
        return True  # "***@github.com/acme/app.git": a URL's credential masked, the host after it
    # the patterns below are tried only where a cheap test says they could match
    if _INSTRUCTION_HINT.search(low) and _INSTRUCTION.search(v) and \
            not (_MARKER_FIRST.match(low) and any(c.isdigit() for c in v)):
        # (a marker that starts a value with digits in it is a word of the password:
        # "TODO-rotate-Kq81!" is one; "todo: set me", "XXX_TOKEN" stand for one)
        return True
    if ("[" in v or "<" in v) and _ELIDED.search(v):
        return True
    if v[-1] in ".…" and _ELLIPSIS.match(v):
        return True
    if v[0] not in _SHAPE_FIRST and not v.startswith(_SHAPE_READS):
        return False
    if not _SHAPES.match(v) and not (v[-1] in ".,;:" and _SHAPES.match(v.rstrip(".,;:"))):
        return False  # "$Credential." at the end of a sentence is still $Credential
    # "{ZqL5kVrX1n8tA2}": a random value in braces is a value, not a {Name} template; so is a
    # random one after a dollar ("$ecr3tGSklH7jk": a password that starts with '$', in a case
    # no variable is named in: letters, capitals in a run, letters, with digits)
    if v[0] == "$" and v[1:].isalnum() and _NAMELESS_CASE.search(v) and looks_random(v[1:], 8):
        return False
    if v[0] in "&*" and (looks_random(v[1:], 8) or not _ANCHOR_NAME.match(v, 1)):
        return False  # "*QftOFi8FmR1g.1": a password that starts with '*', no YAML alias
    return not (_BRACED_TOKEN.match(v) and looks_random(v[1:-1], 8))


# the secrets jwt.io's debugger signs its examples with, published on the page: anyone can mint a
# token with them, so a token they verify grants nothing and is a documentation example
JWT_IO_SECRETS = (b"a-string-secret-at-least-256-bits-long", b"your-256-bit-secret",
                  b"your-384-bit-secret", b"your-512-bit-secret")
_HMAC = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}


def jwt_io_signed(token: str) -> bool:
    """A JWS (``header.payload.signature``) whose HMAC verifies under jwt.io's published secrets."""
    head, payload, sig = token.split(".")
    try:
        alg = json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4))).get("alg")
    except (binascii.Error, ValueError, UnicodeDecodeError, AttributeError):
        return False
    digest = _HMAC.get(alg) if isinstance(alg, str) else None
    if digest is None:
        return False
    signed, given = f"{head}.{payload}".encode(), sig.encode()
    return any(hmac.compare_digest(base64.urlsafe_b64encode(
        hmac.new(secret, signed, digest).digest()).rstrip(b"="), given) for secret in JWT_IO_SECRETS)


_FILE_REF = re.compile(r"@[~./\w\-]{1,200}\.(?:txt|json|ya?ml|pem|key|env|conf|cfg|ini|crt|p12|pfx|jks|b64)")
_STARRED = re.compile(r"\*{1,3}[A-Za-z _\-]{1,40}\*{1,3}")
_MASKED_USERINFO = re.compile(r"[*\u2022]{3,}@")
_NAMELESS_CASE = re.compile(r"[a-z0-9][A-Z]{2,}[a-z]")
# a credential field's name in capitals, as the whole value: the name of what goes there
# ("postgres://u:PASSWORD@h", "redis://default:SECRET@cache"), as "password=DB_PASSWORD" is
_FIELD_NAMES = frozenset("PASSWORD PASSWD PASS PWD PASSPHRASE SECRET TOKEN APIKEY API_KEY "
                         "SECRET_KEY ACCESS_KEY ACCESS_TOKEN CLIENT_SECRET CREDENTIALS".split())


# ``user:password`` written with the names of the fields (``username:password``, ``user:token``):
# the template of a credential, not one; "admin:password" is a (default) credential
_USER_FIELDS = frozenset("user username usr uname login name email mail id userid user_id client "
                         "clientid client_id account acct your_user youruser myuser".split())
_SECRET_FIELDS = frozenset("password passwd pass pwd pw passphrase secret token apikey api_key key "
                           "credential credentials client_secret access_token".split())


def pair_placeholder(user: str, password: str) -> bool:
    """True when a ``user:password`` pair is a template: the names of its fields
    (``username:password``), a placeholder as a whole (``<user:password>``), or a masked user
    with a password of one repeated character (``xxx:yyy``)."""
    if is_placeholder(f"{user}:{password}") or is_placeholder(password):
        return True
    u, p = user.strip("\"'").lower(), password.strip("\"'").lower()
    if u in _USER_FIELDS and p in _SECRET_FIELDS:
        return True
    return is_placeholder(user) and len(set(p)) == 1


def looks_fake(token: str) -> bool:
    """A machine token made up for a test or a document (not applied to passwords, which people
    choose): AWS's ``EXAMPLE`` convention (at the body's start or end, or repeated), or an
    instruction that ends it (``...TokenHere``).
    Evidence of a fixture only where a random token could not show it by chance; other made-up
    values (``abcd1234abcd1234``) are redacted like real ones: that costs nothing."""
    at = token.find("EXAMPLE")
    if at >= 0 and (at == 0 or at >= len(token) - 12 or token.count("EXAMPLE") > 1) or \
            _WORD_RUN.match(token):
        # ...EXAMPLE, ...EXAMPLEKEY (or cut, or a character past it), EXAMPLE repeated; my-bot-
        # token, your_token (words where a random body goes). The word once in the middle of a
        # random body is no convention: "Zk3x9Qm/7TqLpV2nR8sWEXAMPLEGdE1uKo0fNa5M" is a key
        return True
    low = token.lower()
    return low.endswith("here") and not any(c.isdigit() for c in token[-12:])


_WORD_RUN = re.compile(r"[a-z]{2,}(?:[_\-.][a-z]{2,})+\Z")


def is_doc_example(value: str) -> bool:
    """AWS's documentation convention: example keys end in EXAMPLE / EXAMPLEKEY."""
    return value.endswith(("EXAMPLE", "EXAMPLEKEY")) or value in VENDOR_EXAMPLES
