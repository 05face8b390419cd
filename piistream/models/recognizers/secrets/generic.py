"""Credentials under credential keys, in every common assignment syntax.

A key is found from a credential word in it (``pass``, ``pwd``, ``secret``, ``token``, ``key``,
``auth``, ``cred``, ``signature``: one literal scan of the lower-cased batch), widened to the
whole identifier and read word by word (``dbPassword`` -> db password, ``X-Api-Key`` -> x api key,
``spring.datasource.password``, ``AWS_SECRET_ACCESS_KEY``). The last words name what the value
is: ``password_hash``, ``token_type``, ``api_key_id``, ``secret_name`` and ``max_tokens`` name
something about a credential, not one (``key_kind``).

Syntaxes (the operator after the key): ``key=v`` (shell, INI, logfmt, Make, query strings),
``key: v`` (YAML, HTTP headers), ``"key": "v"`` (JSON, also escaped inside a JSON string),
``key := v`` / ``::=`` / ``:::=`` / ``?=`` / ``+=`` (Go, Make), ``var key string = "v"`` (Go),
``key: String = "v"`` (Kotlin, TypeScript), ``String key = "v";`` (Java, C#), ``$key .= "v"`` and
``'key' => 'v'`` (PHP, Ruby, Perl), ``setProperty("KEY", "v")`` / ``put("key", "v")``,
``ENV["KEY"] = "v"``, ``<password>v</password>`` and ``<add key="Password" value="v"/>`` (XML),
``key = "v"`` (Terraform, TOML, Python), ``--password v`` / ``--password=v`` (CLI flags);
plus ``curl -u user:pass``, ``sshpass -p``, ``mysql -pPASS``, ``redis-cli -a``, ``docker login -p``,
the password argument of well-known tools after their name (``sqlcmd -P``, ``ldapsearch -w``,
``mongo -p``, ``smbclient -U user%pass``, ``net use \\\\srv\\share PASS``, ``htpasswd -b f u PASS``,
``zip -P``, ``7z -pPASS``), SQL's ``IDENTIFIED BY 'pw'`` and ``SET PASSWORD = PASSWORD('pw')``,
``Authorization: <scheme> <credential>``, a bare ``Bearer <token>`` or ``Basic <base64 of
user:pass>``, and "the password is X" in prose.

Keys are read in any script: a key's words are letters of any script with their marks
(``пароль``, ``contraseña``, ``पासवर्ड``), the password nouns of many languages are known
(``PASSWORD_NOUNS``), a noun of a language written without spaces ends a compound (``用户密码``),
and the full-width ``：`` and ``＝`` are operators.

The value is delimited by its syntax and never cut inside: a quoted value runs to the matching
unescaped quote (``;``, ``,``, spaces and ``#`` inside are part of it); an unquoted one to the end
of the line, white space, an escaped line break (``\\n`` in a logged string), a closing tag, or
``;``/``&``/``,``/``|`` that starts the next ``key=`` or ends the statement.

Evidence: a strong key (password, secret, token, api key, private key, credential) with a
non-placeholder value is decisive (a weak password such as ``changeme`` is still a password); a
weak key (``key``, ``auth``, ``signature``, an unknown ``<word>_key``) needs a value that looks
machine-made (entropy is evidence, never a verdict alone).
"""
from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache

from ..base import MARKS, PICTOGRAPHS, TYPE_TAGS, Batch, account_backslash, split_case, sql_values, table_fields, word_char
from ..statements import bound_values, hinted
from ._shared import Family, char_classes, entropy, looks_random, segment_end, segment_start
from .azure import KEY_KINDS as _AZURE_KEYS
from .placeholders import is_placeholder, looks_fake, pair_placeholder

# keys whose values are one vendor's secret: the kind names it
KIND_BY_KEY = {**_AZURE_KEYS, "awssecretaccesskey": "aws_secret_access_key",
               "secretaccesskey": "aws_secret_access_key", "awssessiontoken": "aws_session_token"}
_KEY_SEPARATORS = str.maketrans("", "", "_-. ")

# -- reading keys ---------------------------------------------------------------------------------
_DIGITS_AFTER = re.compile(r"([a-z]{3,})([0-9]+)(?![a-z0-9])")
# a key's word: letters and digits of any script with their marks (a separator splits words)
_SPLIT = re.compile(r"(?:[^\w" + MARKS + r"]|_)+")
# the password nouns, lower case (the first letters of each are a hit, ``_HITS``); the
# languages written without spaces put the noun last in a compound ("用户密码", "管理者パスワード")
_SPACELESS_NOUNS = ("密码", "密碼", "口令", "パスワード", "ぱすわーど", "비밀번호", "비번", "패스워드", "암호")
PASSWORD_NOUNS = frozenset("password passwd passphrase passcode pass pwd pw pword pswd psw passwort "
                           "contrasena contrasenya senha wachtwoord mdp motdepasse kennwort haslo psk "
                           "heslo lozinka salasana parola "
                           # other scripts and letters: Spanish, Turkish (and its ASCII spelling),
                           # Russian/Ukrainian, Greek (one word, and "password of access"), Arabic
                           # ("word of passing", "word of secret", definite or not), Hebrew, Hindi,
                           # Portuguese (Portugal), Polish, Swedish, Norwegian
                           "contraseña clave şifre sifre пароль κωδικός κωδικος κωδικόςπρόσβασης "
                           "κωδικοςπροσβασης كلمةالمرور كلمةالسر كلمةمرور كلمةسر סיסמה סיסמא "
                           "पासवर्ड palavrapasse hasło lösenord passord "
                           # (Arabic's loanword, as chats write it: "الباسورد: x")
                           "باسورد الباسورد "
                           # Redis: the password a server requires, the one a replica gives
                           "requirepass masterauth "
                           # sssd's bind password (ldap_default_authtok)
                           "authtok".split() + list(_SPACELESS_NOUNS))
# nouns that also name something else ("clave primaria" a primary key, "κωδικός σφάλματος" an
# error code, 암호화 encryption): a password only as the key's last word
_LAST_ONLY = frozenset(("pass", "pw", "clave", "κωδικός", "κωδικος", "암호"))
# members that hold their parent's value: {"password": {"value": "..."}}, {"token": {"raw": ...}}
_HOLDERS = frozenset("value val v data text string plain plaintext raw current new input".split())
# (and the members that name the value's type: DynamoDB's {"S": "..."}, ``base.TYPE_TAGS``)
_HOLDER_OPEN = re.compile(r"""\{[ \t]*(["'])(?i:""" + "|".join(sorted(_HOLDERS, key=len, reverse=True)) +
                          "|" + TYPE_TAGS + r""")\1[ \t]*:[ \t]*(?=["'])""")
# a dump's wrapping of one value: a list of values under the key (Django's
# ``<QueryDict: {'password': ['v']}>``, a parsed query string ``{'token': ['v']}``) or PHP
# ``var_dump``'s type and length (``["password"]=> string(10) "v"``): the value is the quoted one
_LIST_OPEN = re.compile(r"""\[[ \t]*(?=["'])""")
_LIST_NEXT_QUOTED = re.compile(r"""[ \t]*,[ \t]*(?=["'])""")
_DUMP_TYPE = re.compile(r"""string\(\d{1,9}\)[ \t]*(?=")""")
_JOINED = frozenset(w for w in PASSWORD_NOUNS if len(w) > 4)  # (see key_words)
# the single word, written together with its qualifier: dbpassword, authtoken, apikey, clientsecret
_COMPOUND_NOUNS = ("password", "passwd", "passphrase", "secret", "token", "apikey", "credentials",
                   "credential", "creds", "key", "pass", "pwd")
_PASS_QUALIFIERS = frozenset("db user usr admin root sql mysql pg postgres ftp smtp mail ldap redis "
                             "mongo master login app sys sa vnc wifi proxy store trust key keystore "
                             "truststore bind my "
                             # SNMPv3's authentication and privacy passphrases (authpass, privpass)
                             "auth priv".split())
KEY_QUALIFIERS = frozenset("""api access secret private account auth client app application master
signing sign encryption encrypt crypt crypto enc shared storage subscription consumer service admin
root deploy hmac integration server rest sas function functions host webhook ingest ingestion insert
transaction trans
write management mgmt developer secure security partner merchant live prod production session
license personal org organization project bot sdk mobile cloud install installation
instrumentation jwt oauth token ssh gpg pgp dsa rsa ecdsa ed25519 aes kms cipher""".split())
# <word>_key that names no credential
KEY_NOT = frozenset("""primary foreign partition sort cache idempotency routing object map public pub
publishable site dedup dedupe deduplication lookup hash row unique composite index shard bucket group
message event record field attribute attr column i18n translation label feature hot short sequence
s3 redis memcache memcached search order match lock dict json yaml config setting settings property
prop env registry metric metrics tag tags sort join foreign natural surrogate cluster node mapping
primary_key user recv fingerprint websocket socket
crashreporter change grouping""".split())  # (an iOS crash report's "CrashReporter Key": a device's hash;
# Exchange's and Graph's "changeKey": an item's version stamp)
_TOKEN_NOT = frozenset("""csrf xsrf next page paging pagination continuation cursor sync resume
cancel cancellation lexer parse parser max min num number total prompt completion input output count
n reasoning cached cache anti antiforgery forgery state nonce idempotency correlation trace span
sequence seq lock lease etag change delta skip query end start eof sentence word authenticity
request_forgery limiter limit rate bucket remaining available used refill burst budget quota
echo hashed hash card""".split())  # (OpenTravel's EchoToken: a request's id its answer echoes; GitHub's
# hashed_token: a token's digest, as its audit log names the token used; a card processor's
# card_token, "crd_e785...": the id that stands for a card, no login)
_DOMAINS = frozenset("io com net org dev app cloud local internal svc cluster".split())
# the last word of a key path's leaf that names a property of its parent, not its parent itself
_MEMBER_NOT = frozenset("""email mail name username login id ip host hostname url uri status type kind
length size count owner developer scope scopes issuer iss audience aud region label description created
updated expires expiry expiration kid""".split())
# WordPress's keys and salts (wp-config.php's define('NONCE_SALT', '...')): the secrets its cookies
# and nonces are signed with (a salt elsewhere is no secret: ``_ABOUT``)
_WORDPRESS_KEY = re.compile(r"(?:AUTH|SECURE_AUTH|LOGGED_IN|NONCE)_(?:KEY|SALT)", re.I)
# a relation between two nouns: the key names something related to a credential, not one
_RELATION = frozenset("to for of from into with".split())
# last words that name something about a credential, not the credential itself
_FLAG_WORD = re.compile(r"(?:is|has)(?:secret|password|passwd|token|key|credentials?)")
_ABOUT = frozenset("""id ids name names type types url uri urls endpoint endpoints host hosts length accessor
len size count expiry expires expiration expire exp expired ttl lifetime hint policy policies file
files path paths dir directory env var field fields prompt label required enabled enable disabled
reset changed change updated update created at date time timestamp version format strength status
valid validity mode method algorithm algo algos scheme alg header param params parameter hash hashed digest min max
encoder encoding hasher hashing
rotation rotated age source provider store manager location ref reference arn prefix suffix regex
pattern index idx position pos attempts attempt retries retry errors error failed failure failures
check checked is has flag kind scope scopes audience issuer usage used owner description desc help
set sent request requested requests generated generation issued lookup mask masked len2 salt rule
rules minlength maxlength policy_id uid gid list count_total variable variables interval timeout
period seconds secs ms millis duration delay t stdin fd cmd command encryption sha sha1 sha256
sha512 md5 bcrypt scrypt pbkdf2 argon2 crypt identifier identifiers thumbprint""".split())
# trailing words that keep the noun before them: password_confirm, api_key_value, token_b64
_NEUTRAL_TAIL = frozenset("""value val str string raw plain plaintext text data bytes hex b64 base64
new old current confirm confirmation again repeat enc encrypted v1 v2 v3 1 2 3 0 prod dev test
live primary secondary main default override literal secret secure safe super sec""".split())

PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY, CREDENTIAL, AUTHORIZATION, SIGNATURE = (
    "password", "secret", "token", "api_key", "private_key", "credential", "authorization",
    "signature")
SAML_RESPONSE = "saml_response"
SESSION = "session_id"
# a session's identifier, as the last word of a key (PHP's, Java's, classic ASP's, Django's)
_PUBLIC_SSH_KEY = re.compile(r"[\"']{0,2}(?:(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-nistp\d{3})[ \t]|"
                             r"(?:[0-9a-f]{2}:){15}[0-9a-f]{2}\Z|SHA256:[A-Za-z0-9+/]{43}=?\Z)")
_TYPED_ID = re.compile(r"[a-z]{1,12}:\d{1,12}")
_WEBHOOK_SIGNATURE = re.compile(r"(?i)x-(?!amz-|goog-)[a-z0-9\-]{1,40}-signature(?:-256)?")
_QUERY_AFTER = re.compile(r"[A-Za-z_][\w.\-]{0,40}=")
# (and SAP's logon ticket, the MYSAPSSO2 cookie or query parameter)
_SESSION_NOUNS = frozenset("session sessionid sessid jsessionid phpsessid aspsessionid mysapsso mysapsso2".split())
STRONG, WEAK = 2, 1


def key_words(ident: str) -> list[str]:
    s = split_case(ident)
    if not s.isascii():
        # one form per word: composed accents, a dotted capital I lower-cased to a plain i (ŞİFRE)
        s = unicodedata.normalize("NFC", s).replace("İ", "i")
    s = _DIGITS_AFTER.sub(r"\1_\2", s.lower())  # token3, password2: the noun and a number
    words = [w for w in _SPLIT.split(s) if w]
    if not s.isascii():
        words = [part for w in words for part in _spaceless_split(w)]
    if len(words) < 2:
        return words
    # a noun cut by its casing or its separators is the noun: passWord, DBPassWord, PASSword
    # ("pas", "sword"), Pass_Word, mot_de_passe, api_Key stays two words (both are nouns)
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in (3, 2):
            if i + n <= len(words) and "".join(words[i:i + n]) in _JOINED:
                out.append("".join(words[i:i + n]))
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _spaceless_split(word: str) -> tuple[str, ...]:
    """A word of a language written without spaces that ends with a password noun: its qualifier
    and the noun (数据库密码 -> 数据库, 密码); any other word whole (密码错误: a password error)."""
    if not word.isascii():
        for noun in _SPACELESS_NOUNS:
            if word.endswith(noun) and len(word) > len(noun):
                return word[:-len(noun)], noun
    return (word,)


def _ends_with(prefix: str, words: frozenset) -> bool:
    """``prefix`` is one of ``words`` or ends with one of at least 3 letters (stripesecret)."""
    return prefix in words or any(prefix.endswith(w) for w in words if len(w) >= 3)


def _split_compound(w: str) -> list[str] | None:
    for noun in _COMPOUND_NOUNS:
        if w.endswith(noun) and len(w) > len(noun):
            prefix = w[:-len(noun)]
            if noun in ("pass", "pwd") and not _ends_with(prefix, _PASS_QUALIFIERS):
                return None
            if noun == "key" and not _ends_with(prefix, KEY_QUALIFIERS):
                return None
            if noun == "apikey":
                return [prefix, "api", "key"]
            if noun == "key" and prefix not in KEY_QUALIFIERS:
                # stripesecretkey, awsaccesskey: the vendor, then the qualifier, as written
                # apart (stripe_secret_key): the qualifier decides the key's strength
                q = max((w for w in KEY_QUALIFIERS if len(w) >= 3 and prefix.endswith(w)), key=len)
                return [prefix[:-len(q)], q, noun]
            return [prefix, noun]
    return None


# long credential nouns whose misspellings (one letter added, dropped, changed or two swapped)
# still name them; short ones are not read so ("passed" is one letter from "passwd")
_TYPO_NOUNS = ("password", "secret", "passphrase", "credentials")


def _typo_of(word: str) -> str | None:
    """The credential noun ``word`` misspells (one edit away, same first letter), else None."""
    for noun in _TYPO_NOUNS:
        if word[0] == noun[0] and abs(len(word) - len(noun)) <= 1 and word != noun and \
                _one_edit(word, noun):
            return noun
    return None


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one insertion, deletion, substitution or swap of two
    adjacent letters."""
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1:]
    return a[i + 1:] == b[i + 1:] or (i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i]
                                      and a[i + 2:] == b[i + 2:])


@lru_cache(maxsize=8192)
def key_kind(ident: str) -> tuple[str, int] | None:
    """(kind, strength) for a key that names a credential, else None. Strength ``STRONG``: any
    non-placeholder value is a credential; ``WEAK``: only a machine-made-looking value is."""
    if _WORDPRESS_KEY.fullmatch(ident):
        return SECRET, STRONG
    words = key_words(ident)
    if not words or len(words) > 12:
        return None
    if words[0] == "x" and len(words) > 1:  # X-Api-Key, X-Auth-Token
        words = words[1:]
    if words[0] in ("not", "no", "non") and len(words) > 1:
        return None  # not_secret, nonMatchingToken
    if words[0] in ("is", "has", "requires", "require", "use", "uses", "enable", "enabled", "show",
                    "hide", "mask", "allow") and len(words) == 2:
        return None  # a flag about one: is_secret=true, hasPassword, usePassword
    if len(words) == 1 and _FLAG_WORD.fullmatch(words[0]):
        return None  # (glued: Azure Pipelines' "issecret=true")
    if any(w in ("public", "publishable", "pub") for w in words):
        return None
    rel = next((i for i, w in enumerate(words[1:-1], 1) if w in _RELATION), 0)
    if rel and any(key_kind(w) is not None for w in words[rel + 1:]):
        return None  # keyVaultToStoreSecrets, path_to_token, hash_of_password: about one
    tail = 0
    while len(words) > 1 and (words[-1] in _NEUTRAL_TAIL or words[-1].isdigit()) and tail < 2:
        if words[-1] == "secret" and (words[-2] not in _COMPOUND_NOUNS or words[-2] == "key" and (
                len(words) == 2 or words[-3] not in KEY_QUALIFIERS)):
            break  # "client_secret" is the noun itself; Razorpay's "key_secret" beside its key_id
        words = words[:-1]
        tail += 1
    last = words[-1]
    if len(words) > 2 and words[-3] in ("acct", "accounting", "external") and words[-2:] == ["session", "id"]:
        return None  # RADIUS's Acct-Session-Id: an accounting record's id, no login's session;
        # Okta's externalSessionId: a proxy its log gives for the session, no cookie
    if words[-3:] == ["service", "pipe", "token"] or words[-4:] == ["service", "request", "channel", "token"]:
        return None  # Chromium's --service-pipe-token=11343697476573359606 and --service-request-
        # channel-token on its child processes' command lines (an EDR's process events): a Mojo
        # pipe's name, no login
    if last in ("wif", "xprv", "tprv", "yprv", "zprv"):
        # a wallet's private key: Bitcoin's Wallet Import Format ({"wif": "L1yAA7..."}),
        # BIP32's extended key ("xprv=xprv9s21...")
        return PRIVATE_KEY, WEAK
    if last in _SESSION_NOUNS or words[-2:] in (["session", "id"], ["sess", "id"]) or \
            last == "sid":
        # a session's identifier (``?sid=``, ``;jsessionid=``, ``session_id=``, {"session": ...}):
        # whoever replays it is logged in as its owner, as with its cookie (``cookies``); a value
        # that looks made only (a counter, a name, "ses=3" are not)
        return SESSION, WEAK
    if words[-2:] == ["secret", "id"] or last == "secretid":
        # Vault AppRole's secret_id, Consul's ACL token "SecretID" (its "AccessorID" is the
        # name): the half that logs in; a value that looks made only (AWS Secrets Manager's
        # "SecretId" is a secret's name or ARN)
        return SECRET, WEAK
    if words[-3:] == ["crash", "reporter", "key"]:
        return None  # an Apple crash report's (.ips) "crashReporterKey": the device's anonymous
        # id, in every report, no credential
    if words[-2:] == ["routing", "key"]:
        # PagerDuty's Events API key (32 characters); a message broker's routing key is words
        # ("orders.created"): a value that looks made only
        return API_KEY, WEAK
    if "." in ident:
        leaf = key_words(ident.rsplit(".", 1)[1])
        if leaf and leaf[-1] in _MEMBER_NOT and len(leaf) <= 2:
            return None  # "VerifyAPIKey-1.developer.email", "api_key.id", "token.issuer": a member
            # of a credential's object that names its own thing (the credential's words are
            # its parent's)
    if last in _ABOUT or len(words) > 1 and last in _DOMAINS:
        return None  # password_hash, token_type; authorization.k8s.io (a domain name)
    if words[-2:] == ["saml", "response"] or last == "samlresponse":
        # SAML's assertion, posted or redirected ("?SAMLResponse=PHNhbWxwOl..."): it logs its
        # bearer in (a random-looking value only: "SAMLResponse=missing" is none)
        return SAML_RESPONSE, WEAK
    typo = _typo_of(last) if last not in PASSWORD_NOUNS and len(last) >= 6 else None
    if typo:
        words = words[:-1] + [typo]  # pasword, passwrod, secrete, secert: misspelt
        last = typo
    if last not in PASSWORD_NOUNS and last not in ("secret", "secrets", "token", "tokens", "jwt", "jwts", "key",
                                                    "keys", "apikey", "credential", "credentials",
                                                    "creds", "cred", "auth", "authorization",
                                                    "signature", "hmac", "privatekey", "pat", "pats"):
        split = _split_compound(last)
        if split is None:
            # apikey_myservice, token_github, secret_key_base: the noun first, then a
            # qualifier; a weak noun first names something else (key_down_event, auth.go)
            for i in range(len(words) - 2, -1, -1):
                if words[i] in _LAST_ONLY:
                    return None  # passThru, pass_through, pw_hash, clave_primaria: no noun
                first = key_kind("_".join(words[:i + 1]))
                if first is not None:
                    if first[1] == STRONG and \
                            not any(w in _ABOUT or w in _TOKEN_NOT for w in words[i + 1:]):
                        return first
                    return None
            return None
        words = words[:-1] + [w for w in split if w]
        last = words[-1]
    prev = words[-2] if len(words) > 1 else ""
    if last in PASSWORD_NOUNS:
        if last in ("pass", "pw") and prev in ("by", "com", "sur", "over", "under"):
            return None
        return PASSWORD, STRONG
    if last in ("secret", "secrets"):
        return SECRET, STRONG
    if last in ("jwt", "jwts"):
        return TOKEN, STRONG  # ?jwt=..., {"jwt": "..."}: a bearer token under its format's name
    if last in ("token", "tokens"):
        if prev in _TOKEN_NOT or any(w in ("csrf", "xsrf", "limiter") for w in words) or \
                words[-3:-1] in (["app", "account"], ["request", "verification"]):
            return None  # (StoreKit's appAccountToken: a UUID the app tags its purchases with;
            # ASP.NET's __RequestVerificationToken: its anti-forgery token)
        return TOKEN, STRONG
    if last == "apikey":
        return API_KEY, STRONG
    if last in ("pat", "pats"):
        # a personal access token (GITHUB_PAT, AZURE_DEVOPS_EXT_PAT, AZDO_PAT: Azure DevOps's
        # are 52 letters and digits of base32, no prefix): a value that looks made only
        return TOKEN, WEAK
    if last == "privatekey":
        return PRIVATE_KEY, STRONG
    if last in ("key", "keys"):
        if prev == "private":
            return PRIVATE_KEY, STRONG
        if prev == "api" or prev in KEY_QUALIFIERS:
            return API_KEY, STRONG
        if prev in ("primary", "secondary") and len(words) == 2:
            # Azure's symmetric keys and access keys ("primaryKey", "--primary-key"): a made
            # value only, a key's alphabet (a table's primary key is a number, a name, a GUID)
            return API_KEY, WEAK
        if prev in KEY_NOT or any(w in KEY_NOT for w in words[:-1]):
            return None
        return API_KEY, WEAK
    if last in ("credential", "credentials", "creds", "cred"):
        return CREDENTIAL, STRONG
    if last == "authorization":
        return AUTHORIZATION, STRONG
    if last == "auth":
        return AUTHORIZATION, WEAK
    if last in ("signature", "hmac"):
        return SIGNATURE, WEAK  # (a URL's: a signed URL's, Akamai's token "hdnts=...~hmac=...")
    return None


# keys that name a vendor's credential in words of their own ("AccessLicenseNumber": UPS's API key)
_VENDOR_KEYS = {"accesslicensenumber": ("ups_access_license", STRONG),
                # OpenWeather's ?appid=<32 hex>: a made value only (an app's numeric id is none)
                "appid": ("openweather_api_key", WEAK),
                # Consul's and Nomad's gossip encryption key (`encrypt = "<base64 of 16, 24 or
                # 32 bytes>"`, `-encrypt=`): a key only with a key's value ("encrypt: true" is none)
                "encrypt": ("gossip_encryption_key", WEAK),
                # Duo's secret key beside its integration key (authproxy.cfg, duo_unix: ikey, skey)
                "skey": ("duo_secret_key", WEAK),
                # Confluent's Schema Registry client: "basic.auth.user.info = <key>:<secret>", the
                # login pair of its basic authentication
                "basicauthuserinfo": (CREDENTIAL, STRONG),
                # LDAP's bind password (ldap.conf, sssd's ldap_default_authtok, nslcd's bindpw) and
                # OpenLDAP's rootpw: the words glued
                "bindpw": (PASSWORD, STRONG), "rootpw": (PASSWORD, STRONG),
                # OAuth's PKCE verifier (RFC 7636: with the code it was issued for, it redeems
                # the token): a made value only
                "codeverifier": (SECRET, WEAK),
                # an account's recovery codes (each one a login without the second factor)
                "recoverycodes": (SECRET, STRONG), "recoverycode": (SECRET, STRONG),
                "backupcodes": (SECRET, STRONG),
                # Authorize.Net's API login's transaction key: 16 letters and digits
                "transactionkey": ("authorizenet_transaction_key", STRONG),
                # (as its AIM API and PHP configs name it: x_tran_key, 'trans_key' => '...')
                "transkey": ("authorizenet_transaction_key", STRONG),
                "trankey": ("authorizenet_transaction_key", STRONG),
                "xtrankey": ("authorizenet_transaction_key", STRONG),
                # a payment terminal's or an HSM's keys in the clear (terminal master and PIN
                # keys, the base derivation key and its initial key, zone master and PIN keys,
                # a key-encrypting key: "key inject TPK=57126C31CC5D6354..."): a made value only
                **{k: (SECRET, WEAK) for k in ("tmk", "tpk", "bdk", "ipek", "zmk", "zpk", "kek")},
                # Outlook on the web's forms-based login cookie (its session, encrypted)
                "cadata": (SESSION, WEAK)}


@lru_cache(maxsize=8192)
def _key_reading(ident: str) -> tuple[str, int] | None:
    """``key_kind`` with the vendor kind a key name gives (``AccountKey`` -> azure_storage_key)."""
    vendor = _VENDOR_KEYS.get(ident.lower().translate(_KEY_SEPARATORS))
    if vendor is not None:
        return vendor
    found = key_kind(ident)
    if found is None:
        return None
    return KIND_BY_KEY.get(ident.lower().translate(_KEY_SEPARATORS), found[0]), found[1]


# -- syntax ---------------------------------------------------------------------------------------
# where a credential word may sit in a key (lower-cased batch): one literal scan per word (the
# regex engine skips to a literal at memory speed; an alternation is tried at every position)
_SESSION_VALUE = (r"""(?:["'\]]?[ \t]*(?:[:=]|=>)[ \t]*["']?(?:s:|s%3a)?[a-z0-9+/_%\-]{16}"""
                  r"""|["'][ \t]*,[ \t]*["']value["']"""
                  # (an XML element's text: Sage Intacct's "<sessionid>...</sessionid>")
                  r"""|>[a-z0-9+/_\-]{16})""")
_HITS = tuple(re.compile(w) for w in ("pass", "pw", "secret", "token", "key", "auth", "cred",
                                      "signature", "hmac", "contrase", "senha", "mdp", "wachtw", "kennw",
                                      "haslo", "heslo", "lozink", "salasan", "parola", "clave",
                                      "sifre", "psk", "samlresp",  # ("SAMLResponse=")
                                      # a session's id (sessionid, sid): only where a value
                                      # of a token's length follows the key's operator, or a
                                      # name/value pair's "value" ({"name":"sid","value":...})
                                      "sess(?=[a-z0-9_.\\-]{0,24}" + _SESSION_VALUE + ")",
                                      "sid(?![a-z])(?=[a-z0-9_.\\-]{0,24}" + _SESSION_VALUE + ")",
                                      "jwt",  # (?jwt=, {"jwt": ...})
                                      "psw",  # (psw, pswd: PASSWORD_NOUNS without "pw" in them)
                                      "pasw",  # (pasword, paswd: a noun misspelt, ``_typo_of``)
                                      "pat(?![a-z])",  # a personal access token (GITHUB_PAT, AZDO_PAT)
                                      "accesslicense",  # (``_VENDOR_KEYS``)
                                      "appid",
                                      "encrypt(?![a-z])",  # (``_VENDOR_KEYS``)
                                      # (``_VENDOR_KEYS``; each its literal: a lead)
                                      *(w + "(?![a-z])" for w in ("tmk", "tpk", "zmk", "zpk", "bdk", "ipek", "kek")),
                                      "cadata",
                                      "verifier", "recovery[ _-]?codes?", "backup[ _-]?codes",
                                      "logged_in_salt", "nonce_salt",
                                      # a wallet's private key under its format's name (``key_kind``)
                                      "wif(?![a-z])", *(h + "prv(?![a-z0-9])" for h in "xtyz"),
                                      "mysapsso2"))  # (SAP's logon ticket, ``_SESSION_NOUNS``)  # (WordPress's, ``_WORDPRESS_KEY``)
# the nouns with a letter beyond ASCII, from that letter (hasło, lösenord: the ASCII letters before
# it are read with the key); searched for in the batch's runs of such letters only
_HITS_BEYOND_ASCII = re.compile("|".join(
    ("пароль", "κωδικ", "şi\u0307?fre", "كلمة", "باسورد", "סיסמ", "पासवर्ड", "ło", "ösen", *_SPACELESS_NOUNS)))
# the password words that support a SECRET before a value (the recognizer's context), beyond
# the English ones: the start of each noun above
CONTEXT_BEYOND_ASCII = ("пароль", "κωδικ", "şifre", "sifre", "كلمة", "باسورد", "סיסמ", "पासवर्ड", "contrase",
                        "senha", "clave", "kennw", "wachtw", "hasł", "haslo", "heslo",
                        "lozink", "salasan", "parola", "lösen", *_SPACELESS_NOUNS)
# a password noun of a language written without spaces, its particle or verb (or none), then the
# value in ASCII, which ends where the sentence goes on in its script ("パスワードはKocham2011?です",
# "비밀번호는 Warszawa1967입니다", "密码是qwerty1981?", "我的密码：(qwerty859)", "パスワードを忘れました"
# has none): the key reader takes the noun glued to the value as one identifier
_SPACELESS_IS = re.compile(r"(?:" + "|".join(_SPACELESS_NOUNS) + r")[ \t]*"
                           r"(?:は|が|を|는|은|를|이|가|是|为|為|：|:|＝|=)?[ \t]*"
                           r"[" + PICTOGRAPHS + r"]?"  # (an emoji typed before it)
                           r"([(\[（「『\"'\u201c]?)([A-Za-z0-9][!-;=?-~]{5,63})")  # (not an element's <tag>)
# the words after a value that name it a password (``Generic._prose``): a preposition ("as",
# "comme", "como", "als", "de"), an article or a possessive, the noun
_NAMED_NOUN = re.compile(r"(?:password|passwort|kennwort|passe|contrase(?:\xf1|n)a|clave|senha|wachtwoord)"
                         r"(?![a-z])")
_AS_BEFORE = re.compile(r"[ \t](?:as|comme|como|come|als|de|voor)"
                        r"(?:[ \t]+(?:my|the|a|new|mon|ma|mi|mein|meine|neues|il|la|el|o|a|het|mijn|nuevo|nueva))?"
                        r"[ \t]+(?P<mot>mot[ \t]+de[ \t]+)?\Z")
# (a noun that another noun follows names something about a password: "as password hash")
_NOUN_MODIFIED = re.compile(r"[ \t]+(?:hash|expiry|expiration|policy|policies|field|hint|length|reset|rules?|"
                            r"requirements?|strength|format|salt|manager|store|change|age|history|prompt)(?![a-z])")
# the value: the word before them, after a blank, a bracket or an emoji (its closing bracket is cut)
_VALUE_BEFORE = re.compile(r"(?:(?<=[\s(\[*\"'])|(?<=[" + PICTOGRAPHS + r"]))"
                           r"(?:(?<=[(\[*\"'])()|)([^\s(\[" + PICTOGRAPHS + r"]{6,64})\Z")
# a field's name given as a value ("field=userPassword", 'name:"pwd"'), then its value under
# its own word ("value=", "val:")
_FIELD_NAME_BEFORE = re.compile(r"(?<![A-Za-z])(?i:field|name|display_?name|param|parameter|attr|attribute|input|key)[\"']?[ \t]*[=:][ \t]*[\"']?\Z")
_FIELD_VALUE_AFTER = re.compile(r"[\"']?[ \t]*[,;]?[ \t]+(?i:value|val|text)[ \t]*[=:][ \t]*[\"']?")
_TYPE_NAME = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+(?:\[\])?")  # a dotted type's name
_CLOSING = {"(": ")", "[": "]", "（": ")", "「": ")", "『": ")", '"': '"', "'": "'", "\u201c": '"'}
# nouns of several words: read whole ("mot de passe: x", "كلمة المرور: x")
_PHRASE = re.compile(r"mot de passe|κωδικ[όο]ς πρ[όο]σβασης|كلمة (?:ال)?(?:مرور|سر)")
# a key reads to the right over letters and digits of any script and their marks (to the left,
# over ASCII only: a word of a language written without spaces stops there, 用户|密码)
_IDENT_RIGHT = re.compile(r"[\w.\-" + MARKS + r"]{0,96}")
_IDENT_LEFT = re.compile(r"[A-Za-z0-9_.\-$@]{0,96}")  # on the reversed text before the hit
_IDENT_LEFT_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-$@")
# what a value under a weak key starts with: 16 characters of a token (after a quote, a scheme)
# (a string literal's prefix first: Python's b'...' / r'...', C#'s @"...": ``read_value``)
# (or a signed session id's "s:" first, express-session's: ``_SIGNED_SESSION``)
_WEAK_VALUE = re.compile(r"(?:[@rRbBuUfF]?\\{0,3}[\"'`])?(?:[A-Za-z]+[ \t]+|s:)?[A-Za-z0-9+/=_\-.~%]{16}")
_AFTER_KEY = re.compile(r"""(?x)
    (?P<q>\\{0,3}["'`])?            # the key's closing quote (escaped inside a JSON string: \")
    (?:\*\*?(?=[ \t]*:))?            # Markdown's emphasis closed before the colon: **Password**:
    (?P<br>\])?                     # ENV["KEY"] = ...
    (?:[ \t]\d{1,2}(?=[ \t]*:))?       # a numbered key: Vault's "Unseal Key 4: ..."
    [ \t\u00a0\u2007\u202f]*   # (blanks: a no-break space pasted from a page too)
    (?:
        (?P<plist></key>(?:[ \t\r\n]|\\[nrt])*<string>)                # a plist: <key>pw</key><string>v
      | (?P<xml>>)                                                  # <password>v, key="pw">v
      | (?P<attr>(?:value|content)[ \t]*=)                         # key="password" value="v"
      | (?P<typed>(?::[ \t]*)?(?:string|String|str|&str|\[\]byte|SecureString|char\[\])
                  [ \t]*=(?![=~]))                                  # var k string =, k: String =
      | (?P<cmp>[!=]==?)                                            # api_key != "v" (quoted)
      | (?P<op>:{1,3}=|=>|[?+.|]?=(?!=)|:(?![:/])|::(?=[ \t])|,|[：＝]|<<?-(?![-<>]))   # (full width; R's <-; LDIF's base64 "::")
      | (?P<cell>\|(?!\|))                                          # | password | value |
      | (?P<sp>[ \t\u00a0])                                        # --password value
    )
    [ \t\u00a0\u2007\u202f]*""")
_QUOTES = "\"'`"
# an element's attributes after its name, to the end of its start tag (``_AFTER_KEY``'s groups, none
# but "xml" taking part: the value is the element's text)
_ELEMENT_ATTRIBUTES = re.compile(r"""(?P<q>(?!))?(?P<op>(?!))?(?P<xml>(?:[ \t]+[\w:.\-]+[ \t]*=[ \t]*"""
                                 r"""(?:"[^"<>]{0,240}"|'[^'<>]{0,240}'))+[ \t]*>)""")
_ELEMENT_NAME_BEFORE = re.compile(r"<(?:[A-Za-z_][\w.\-]{0,16}:)?\Z")  # "<", "<wsse:"


def _one_of(ch: str, chars: str) -> bool:
    """Whether ``ch`` (a slice of at most one character) is one of ``chars``: an empty slice, at
    the text's end, is none ("" in chars is True: "SECRET=A=" read past its end)."""
    return ch != "" and ch in chars
_BARE_VALUE = re.compile(r"[^\s\"'`]{0,129}")  # the unquoted value after a blank
_WORD_BEFORE = re.compile(r"(?<![A-Za-z0-9_\-.])[A-Za-z]{2,16}\Z")  # "API" of "API key:"
_BLOCK_INDICATORS = frozenset(("|", ">", "|-", ">-", "|+", ">+"))
_BLOCK_HEAD = re.compile(r"[ \t]*[|>][-+]?[ \t]+(?=\S)")  # an indicator, then the block's line joined to it
# a table cell's start before a key: the bar, and a few words of the key ("| DB password |")
_CELL_START = re.compile(r"\|[ \t]*[`*]*(?:[A-Za-z][\w\-]*[ \t]+){0,3}\Z")
# plural credential keys that map names to secrets, and the names of fields that are no secret
_MAPS = frozenset(("credentials", "passwords", "secrets", "tokens", "creds", "api_keys", "apikeys",
                   "access_tokens", "auth_tokens"))
# a map's members that describe it, not a name's secret ({"credentials": {"documentation": ...}})
_DOC_FIELDS = frozenset("""documentation description desc doc docs help summary title comment
comments label shape type note notes message example examples hint pattern format""".split())
_NAME_FIELDS = frozenset(("user", "username", "login", "email", "mail", "client_id", "clientid",
                          "project_id", "account", "tenant", "tenant_id", "region", "provider",
                          "issuer", "subject", "audience", "scope", "scopes", "realm", "domain"))
_INDENTED = re.compile(r"[ \t]+([^\s:#][^\n\r]{0,1023}?)[ \t]*(?:\r?\n|\r|\Z)")


def _joined_block(text: str, pos: int, seg_hi: int, spaces) -> tuple[int, int, bool] | None:
    """The value of a block scalar whose line a log joined to its indicator ("password: >-
    vEL0aR4234acUgvr"): read when it looks made, eight characters or more and not a word in
    lower case (a shell's "password: | grep x" is a pipe)."""
    span = read_value(text, pos, min(seg_hi, pos + 8200), spaces) if pos < seg_hi else None
    if span is None:
        return None
    v = text[span[0]:span[1]]
    return span if len(v) >= 8 and not (v.isalpha() and v.islower()) else None


def _next_line_value(batch: Batch, pos: int, seg_hi: int) -> tuple[int, int, bool] | None:
    """The value on the line after ``pos`` when that line is indented and is no "key: value"
    (YAML's block scalar or a value on its own line); in the segment, or the record's next
    segment. None when there is no such line."""
    text = batch.text
    nl = text.find("\n", pos, seg_hi)
    if nl >= 0:
        start, end = nl + 1, seg_hi
    else:
        if text[pos:seg_hi].strip():
            return None
        seg = batch.segment_of(pos)
        if seg + 1 >= len(batch.segments) or batch.record_of(seg_hi + 1) != batch.record_of(pos):
            return None
        start, end = batch.segment_bounds(seg + 1)
    m = _INDENTED.match(text, start, end)
    if m is None or ": " in m.group(1) or m.group(1).endswith(":"):
        return None
    return m.start(1), m.end(1), False


# commands that set a name to the value after it, a blank apart
_SETTER_BEFORE = re.compile(
    r"(?:aws[ \t]+configure[ \t]+set|(?<![\w-])set[ \t]+-[a-zA-Z]{1,3}|(?<![\w-])setenv|SetEnv|PassEnv|"
    r"proxy_set_header|add_header|more_set_headers|RequestHeader[ \t]+(?:set|append|add)|"
    r"Header[ \t]+(?:always[ \t]+)?(?:set|append|add)|fastcgi_param|uwsgi_param|scgi_param|"
    # a tool's settings: npm/yarn/pnpm/pip config set k v, git config --global k v, CONFIG SET
    # (Redis), dotnet user-secrets set k v, setx (Windows); npm's key may name its registry
    # first (npm config set //registry.npmjs.org/:_authToken v)
    r"(?<![\w-])(?:(?i:config)|user-secrets)(?:[ \t]+--?[\w-]+(?:=[^\s=]+)?)*(?:[ \t]+(?i:set)"
    r"(?:[ \t]+--?[\w-]+(?:=[^\s=]+)?)*)?|"
    r"(?<![\w-])setx)"
    r"[ \t]+(?://[^\s:]{1,100}:)?\Z")
# a word of every setter above (lower case): the pattern is searched only where one is
_SETTER_WORDS = ("set", "env", "header", "param", "config", "secrets")
_DOTTED_CALL = re.compile(r"\A[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\(")
_XML_CLOSE = re.compile(r"(?:\s|\\[nrt])*</")
_REV_CMP = re.compile(r"[ \t]*(?:===|==!|==|=!)[ \t]*")  # reversed " === ", " !== ", " != "
_OPENERS = {"<": ">", "{": "}", "[": "]", "(": ")"}
_SKIP_BREAKS = re.compile(r"(?:\s|\\[nrt])*")
_SETTER_NAME = re.compile(r"(?:[A-Za-z_$][\w$]*(?:\.|->|::))*set_?[A-Z_a-z]")
_BUILDER_METHOD = re.compile(r"(?i)(?:with_?)?(?:bearer_?auth|basic_?auth|password|passwd|api_?key|token|"
                             r"access_?token|auth_?token|bearer_?token|client_?secret|secret_?key)")
# a call's arguments, all quoted literals, the last one in group "last"
_QUOTED_ARGS = re.compile(r"""\([ \t]*(?:(?:"[^"\\\n]{0,200}"|'[^'\\\n]{0,200}')[ \t]*,[ \t]*){0,3}"""
                          r"""(?P<last>"[^"\\\n]{1,200}"|'[^'\\\n]{1,200}')[ \t]*\)""")
_MD_CLOSE = re.compile(r"(?:\*\*?|__?)[ \t]+(?=\S)")  # Markdown's emphasis closed after the colon
_SCHEME = re.compile(r"(?i)(?:(?:bearer|basic|token|digest|bot|ssws|apikey|api-key|key|negotiate|"
                     r"ntlm|hmac|aws4-hmac-sha256|sharedkey|splunk|sso-key|"
                     r"klaviyo-api-key|geniekey|accesskey|"
                     # (a vendor's own scheme: MessageBird's "AccessKey", Socure's "SocureApiKey",
                     # Shippo's "ShippoToken")
                     r"[a-z]{2,20}api-?key|[a-z]{3,20}token(?=[ \t]+[A-Za-z0-9][\w.\-]{15,}))[ \t]+(?=\S)"
                     r"(?![A-Za-z_][\w.\-]*=[^=\s])"  # "password=BEARER user=bob": a value, then a key
                     # (Azure's SAS: its token is key=value pairs, "sr=...&sig=...&se=...")
                     r"|sharedaccesssignature[ \t]+(?=\S))")
# a quoted value: to the matching unescaped quote (bounded). A line break inside the quotes
# is part of the value: in a text line it is a decoded escape ('ZK9A\rKs#7' is one password,
# and ``escapes`` reads its \r as a line break); in a multi-line JSON string an unclosed quote
# reads on to the next quote, 4,096 characters at most (more is redacted, nothing leaks)
_DQ = re.compile(r'(?:[^"\\]|\\.){0,4096}+"', re.S)
_SQ = re.compile(r"(?:[^'\\]|\\.){0,4096}+'", re.S)
_BQ = re.compile(r"[^`]{0,4096}+`")
_ESC_DQ = re.compile(r'(?:[^"\\]|\\[^"]){0,4096}+\\+"')  # \"value\" inside a JSON string
_UNQUOTED_MAX = 1024
_UNQUOTED = re.compile(r"[^\s\"'`]{1,%d}+" % _UNQUOTED_MAX)
_TOKENISH = re.compile(r"[A-Za-z0-9+/_\-.]+")
_UNQUOTED_REST = re.compile(r"[A-Za-z0-9+/_\-.]*+={0,2}")
# a value in braces, as ODBC connection strings quote one that holds ';' ("}}" is a '}'); the
# closing brace ends the attribute. Not an object ({"a": 1}, {'k': v}) nor a template ({Var})
_BRACED = re.compile(r"\{((?:[^{}\n]|\}\}){1,1024}+)\}(?=[;\"'\s]|\Z)")
_JSON_MEMBER = re.compile(r"\s*[\"'][^\"']*[\"']\s*:|\s*\Z")
_OBJECT_START = re.compile(r"\s*(?:[\"'][^\"']*[\"']|\w+)\s*[:=,]|\s*[\[{]|\s*\Z")
_INNER_QUOTES = 4  # quotes inside one quoted value that ``quoted_value`` reads past (bounded)
_VALUE_CHAR = re.compile(r"\w").match
_UNQUOTED_ALL = re.compile(r"\S{0,256}")
# where an unquoted value stops
# (the next key may start with a letter of any script; CJK text ends a value at its punctuation)
_STOP = re.compile(r"""\\[nrt"']|</|<\s|&(?:quot|amp|lt|gt|apos);|;(?=[ \t]*[^\W\d][\w.\-\[\]]{0,40}(?: [^\W\d][\w.\-]{0,20})?[ \t]*=)|[&|](?=[^\W\d][\w.\-\[\]]{0,40}=)|,(?=[ \t]*[^\W\d][\w.\-\[\]]{0,40}[ \t]*[:=])|[;,|](?=\s|\Z)|[、。，；：！？（）「」『』【】]""")
# after "key=" a comma ends the value only before another "key=" (password=Ab1,x:y is one
# value; "user:bob,password:x" has its own reading with ':')
_STOP_EQ = re.compile(_STOP.pattern.replace(r"[ \t]*[:=])|[;,|]", r"[ \t]*=)|[;,|]"))
_STOP_CHAR = re.compile(r"[\\<&;,|、。，；：！？（）「」『』【】]")
_CLOSERS = re.compile(r"[)\]}>]")
_PAIRS = {")": "(", "]": "[", "}": "{", ">": "<"}
_CODE_REF = re.compile(r"\A[A-Za-z_$@][\w$@]*(?:(?:\.|::|->)[A-Za-z_]\w*|\[[^\]]{0,64}\]|\(\S{0,64}\))+\Z"
                       r"|\A[A-Za-z_]\w*\(\)?\Z")
# code that reads a credential: a subscript cut at its key's quote, a member of an object that
# holds settings, an assignment to an object's member (``_keys``)
_SUBSCRIPT = re.compile(r"\A(?:[A-Za-z_][\w.]{0,40}\(){0,3}"  # (inside a call: "normalize(payload['pw'])")
                        r"[$@]?[A-Za-z_]\w*(?:(?:\.|->)[A-Za-z_]\w*|\[['\"][\w.\-]{1,40}['\"]\])*\[\Z")
_MEMBER_OF = re.compile(r"\A(?:self|this|cls|ctx|context|config|conf|cfg|settings|options|opts|args|params|"
                        r"props|env|os\.environ|process\.env|Settings|Config)(?:\.|->|::)[A-Za-z_]")
_MEMBER_BEFORE = re.compile(r"(?:\bself\.|\bthis\.|\$this->|(?<![\w@])@)\Z")
_IDENT = re.compile(r"[a-z_]{1,40}")  # a variable's name (no digits: "Hunter2x9" is a value)
_PATH = re.compile(r"\A(?:~?/|\.\.?/|[A-Za-z]:\\|file:)\S*\Z")
_WORDY = re.compile(r"\A[a-z]{2,14}\Z")
_PROSE = re.compile(r"\A[a-z]{2,14}(?: [a-z]{1,14})*\Z")
# a message after a program's name or a label, not a value: three or more words of letters, one
# of them a word of status ("passwd: all authentication tokens updated successfully.",
# "password: authentication token manipulation error"); a passphrase of words has none
_MESSAGE = re.compile(r"\A[A-Za-z][a-z]{0,19}(?: [a-z]{1,20}){1,15}[.!]?\Z")
_STATUS_WORDS = frozenset("""error errors failed failure fail fails updated changed successfully
success succeeded invalid expired incorrect required denied mismatch manipulation unchanged
rejected accepted missing unknown unavailable locked reset""".split())
# a field's error message after its key, not its value: a word that starts an English predicate
# ("password: must not be empty", "`password`: invalid syntax", "secret: unexpected EOF",
# "password: does not match") and more words after it; "password: changeme" (no words after)
# and "password: hunter2 user=bob" (no such word) are values
_MESSAGE_LEADS = _STATUS_WORDS | frozenset("""must mustn't should shouldn't shall cannot can't cant
can could couldn't is isn't are aren't was wasn't were weren't be been being does doesn't doesnt
do don't dont did didn't not no too has hasn't have haven't had will won't would may might need
needs requires contains contain exceeds exceeded expected unexpected empty blank mismatched
wrong malformed bad""".split())
_MESSAGE_NEXT = re.compile(r"[ \t]+[A-Za-z][A-Za-z']{0,19}(?:[.,!]|(?![\w=:@/\-.']))")
# lower-case words joined by separators ("a-fake-api-key", "my.service.name-v2"): a name
_WORDS = re.compile(r"\A(?=(?:[a-z\d]*[._\-])*[a-z]{2})(?:[a-z]+\d*|\d+)(?:[._\-](?:[a-z]+\d*|\d+))+\Z")
_IDENTIFIER = re.compile(r"\A[A-Za-z_][A-Za-z0-9_]*\Z")
_HTTP_VERSION = re.compile(r"HTTP/\d(?:\.\d)?\Z")
# a credential key and its operator where a value would start, the value quoted after it
_NESTED_KEY = re.compile(r"-{0,2}[A-Za-z_][A-Za-z0-9_.\-]{0,40}[=:]")
# a label where a key's value would start: a name, its colon, a blank (a module's settings logged
# one after another: "rlm_passwd: nfields: 3 keyfield 0(User-Name)")
_LABEL_FIRST = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]{0,40}:(?:[ \t]|\Z)")
_CALL_BEFORE = re.compile(r"\([ \t]*\Z")
_CODE_START = re.compile(r"(?:new|await|require|import)[ \t]+[A-Za-z_$]|New-Object\b|"
                         # a PowerShell cmdlet: $cred = Get-Credential, $pw = Read-Host -AsSecureString
                         r"(?:Get|Set|New|Read|ConvertTo|ConvertFrom|Import|Export|Invoke|Add|Select)"
                         r"-[A-Z][A-Za-z]{2,40}(?![\w\-])")
_ABOUT_BEFORE = re.compile(r"(?i)\b(?:hash|sha-?\d*|md5|digest|length|size|strength|hint|policy)"
                           r"[ \t]+of[ \t]+(?:[A-Za-z]+[ \t]+)?\Z")


# the words a log line puts between a credential's name and its value (``Generic._far_value``)
_FAR_AFTER = re.compile(r"""(?x)
    (?P<set>[ \t]+is[ \t]+set[ \t]+\((?:value|val)[ \t]*[:=][ \t]*)       # KEY is set (value: v)
  | (?P<len>[ \t]*\(len(?:gth)?[ \t]*[=:][ \t]*\d{1,4}\)[ \t]*:[ \t]*)    # KEY (len=40): v
  | (?P<arrow>(?:[ \t]+from[ \t]+[\w.\-/:]{1,40})?[ \t]+(?:->|→)[ \t]+)  # KEY from vault -> v
                                          # (blanks around it: "pIdxKey->default_rc" is C; "=>"
                                          # is Ruby's and PHP's key and value, read as one)
  | (?P<new>[ \t]+(?:updated|changed|rotated|set)[ \t]*:?[ \t]*
             (?:old[ \t]*=[^\s,]{0,64}[ \t]*,?[ \t]*)?new[ \t]*=[ \t]*)    # KEY updated: old=*, new=v
  | (?P<to>[ \t]+to[ \t]+)                                              # set KEY to 'v'
  | (?P<use>[ \t]+(?=[^\s=:]{8}))                                        # using KEY v for ...
  | (?P<is>[ \t]+(?:is|was)[ \t]+(?=["']))       # var.db_password is "v" (Terraform's diagnostics)
  | (?P<spring>'[ \t]+in[ \t]+(?:PropertySource|property[ \t]+source)[ \t]+'[^'\n]{0,200}'[ \t]+with[ \t]+value[ \t]+(?='))
                                          # Spring's property resolver at DEBUG: "Found key
                                          # 'app.jwt.secret' in PropertySource 'x' with value 'v'"
""")
_SET_BEFORE = re.compile(r"(?i)\b(?:set|sets|setting|export|exporting|assign|assigning)\b")
_USING_BEFORE = re.compile(r"(?i)\busing[ \t]+(?:[A-Za-z]+[ \t]+){0,2}\Z")
# the words before "key", written apart, that make it a data store's or a digest's key
# ("sort key", "sha256 key"), as ``KEY_NOT`` does for the words written together ("sortKey")
_DIGEST_NAMES = frozenset("sha sha1 sha224 sha256 sha384 sha512 md5 digest checksum content".split())
_WORDS_BEFORE = re.compile(r"[ \t]+([A-Za-z0-9]{1,24})(?:[ \t]+([A-Za-z0-9]{1,24}))?")  # reversed


def _noun_before_key(text: str, seg_lo: int, ks: int) -> bool:
    """The word before a bare "key" names a key that is no credential: a data store's (object,
    cache, primary, partition, sort, routing, idempotency, foreign, dedup, lookup: ``KEY_NOT``)
    or a digest's ("sha256 key"), unless a credential's word comes before it ("hmac sha256 key",
    "secret object key"): a credential key ("api key", "signing key") keeps its reading."""
    m = _WORDS_BEFORE.match(text[max(seg_lo, ks - 52):ks][::-1])
    if m is None:
        return False
    prev = m.group(1)[::-1].lower()
    if prev not in KEY_NOT and prev not in _DIGEST_NAMES:
        return False
    before = (m.group(2) or "")[::-1].lower()
    return before not in KEY_QUALIFIERS and key_kind(before) is None if before else True


# a connection string's delimited value: ADO.NET and JDBC read a value to the next ';' (before
# the next key, "SSL Mode" with its space, or the string's end), libpq to the next blank
_TO_SEMICOLON = re.compile(r"[^;=\"'`\n\\]{1,128}?"
                           r"(?=;[ \t]*[A-Za-z][A-Za-z0-9 _.\-]{0,40}=|;?[ \t]*[\"'`]|;?[ \t]*\Z)")
_SEMICOLON_INSIDE = re.compile(r";[^\s=;\"'`]{1,128}(?=[\s\"'`]|\Z)")
_PAIR_BEFORE = re.compile(r"[A-Za-z_]\w{0,40}=[^\s=;]{1,256}[ \t]+\Z")


def _connection_value_end(text: str, seg_lo: int, ks: int, vs: int, ve: int, seg_hi: int,
                          before: str) -> int:
    """Where the unquoted value of a connection string's key ends (``ve``: at the first blank
    or ';'). After ';' (ADO.NET, JDBC: "...;Password=pa ss Y193B;SSL Mode=Require") the value
    goes on over blanks to the ';' before the next key; after a blank and another pair (libpq:
    "user=postgres password=p;ssrWGgso sslmode=require") over a ';' to the next blank. Words in
    lower case read on ("Password=see vault please;") are left as they were: a note, no value."""
    if before == ";" and text[ve] in " \t":
        m = _TO_SEMICOLON.match(text, ve, seg_hi)
        e = m.end() if m is not None else ve
        while e > ve and text[e - 1] in " \t":
            e -= 1
        if e > ve and not _PROSE.match(text[vs:e]):
            return e
    elif before in " \t" and text[ve] == ";" and \
            _PAIR_BEFORE.search(text, max(seg_lo, ks - 300), ks):
        m = _SEMICOLON_INSIDE.match(text, ve, seg_hi)
        if m is not None:
            return m.end()
    return ve


def _field_message(text: str, vs: int, ve: int, end: int) -> bool:
    """The unquoted value at ``text[vs:ve]`` starts a message about its field, not a value: its
    first word starts an English predicate (``_MESSAGE_LEADS``) and another word follows, in
    the value ("cannot be blank", read to the line's end) or right after it ("must" + " not")."""
    words = text[vs:ve].split()
    first = words[0].rstrip(".,:;!") if words else ""
    if first.lower() not in _MESSAGE_LEADS or not first[0].isalpha() or \
            not first[1:].replace("'", "").islower():
        return False  # "must", "Must"; "MUST" or "mUsT" is no word of a sentence
    if len(words) > 1:
        return words[1][:1].isalpha()
    return _MESSAGE_NEXT.match(text, ve, end) is not None


def _glued_short(ident: str) -> bool:
    """``ident`` (after one dash) is a one-letter option with its value glued to it
    (-pS3cretPw, -w$PASS, -PSup3rPw), not a long option (-Password, -PASSWORD, -storepass,
    -PSCredential): its first word is its first letter, joined to the next without a separator."""
    if len(ident) <= 2 or ident[1] in "_-.":
        return False
    words = key_words(ident)
    return bool(words) and len(words[0]) == 1


_NESTED = re.compile(r"\A[A-Za-z_]\w{0,20}=[^=&;]*[&;][A-Za-z_]\w{0,20}=")
_NESTED_AT = re.compile(r"[A-Za-z_]\w{0,20}=[^=&;\s]*[&;][A-Za-z_]\w{0,20}=")


def _trailing_closers(value: str) -> int:
    """Length of ``value`` without the closing brackets at its end that close nothing inside it
    (``(password=abc)``, ``{token=abc}``); brackets inside the value are part of it."""
    n = len(value)
    while n > 1 and value[n - 1] in _PAIRS:
        ch = value[n - 1]
        if value.count(_PAIRS[ch], 0, n - 1) >= value.count(ch, 0, n):
            break
        n -= 1
    return n


_YAML_STOP = re.compile(r"\\[nrt]|[ \t]#|[ \t]+[\w.\-]{1,40}[ \t]?[:=][ \t]|[ \t]*\Z")
_LINE_BEFORE = re.compile(r"[ \t]*(?:-[ \t]+)?(?:n\\|\Z)")  # reversed: indentation, "- ", "\n"


# a test runner's verdict, not a credential key: "PASS" in capitals, then a test's name
# (DejaGnu's "PASS: gdb.base/break.exp: run to main", automake's "PASS: tests/t-foo.sh",
# Go's "--- PASS: TestParse (0.00s)", binutils' "PASS: vers4"): a name, a flag, words after it
# on the line; a lone value that looks made by a machine or a person ("PASS: Xk9#mq2!") is one
_TEST_NAME = re.compile(r"[A-Za-z_][^\s\"'`]*\Z")
_TESTISH = re.compile(r"(?i)[/.:]|\Atest|test\Z")
# words joined by dashes, each letters then digits ("pr20995-2", "rgn-over6", "cross-TU-cycle")
_SLUG = re.compile(r"\A[A-Za-z]*\d*(?:[-_.+][A-Za-z]*\d*)*\Z")
_PASS_ROUNDS = frozenset("""first second third fourth fifth sixth last final next previous prior
initial each every another single one two three dry""".split())


# a file's name in place of a key (a ChangeLog's "* agent/preset-passphrase.c: Ditto.", a
# patch's "tg-sendmsg-SCM_CREDS.diff: rebased."): the credential word, then a file's extension
_FILE_KEY = re.compile(r"\.(?:c|h|cc|cpp|cxx|hh|hpp|py|pyx|js|mjs|ts|go|rs|java|kt|rb|pl|pm|php|"
                       r"sh|bash|scm|el|lisp|m4|ac|am|in|mk|cmake|diff|patch|gpg|asc|sig|pem|crt|"
                       r"der|p12|pfx|txt|md|rst|texi|tex|html|xml|json|ya?ml|toml|ini|cfg|conf|"
                       r"log|[1-9][a-z]?)\Z", re.I)
# English words that tell a sentence goes on, not a value (a description after a label)
# Stripe's object ids (a card token, a payment method, a source, a setup intent): references
_STRIPE_OBJECT = re.compile(r"(?:tok|btok|pm|src|card|seti|pi|ch|cus)_[A-Za-z0-9]{14,40}\Z")
_SIZE = re.compile(r"\A\d{1,12}[ \t]+(?:bytes?|[KMG]i?B|kB|chars|characters)\Z")  # a value's size
_FUNCTION_WORDS = frozenset("""the a an to of in on for from with by is are was were be been as at
which that this these those when whether if it its and or not into onto than then so but
should must will would can could may via through using without instead only also unless until
while during after before per""".split())
# a variable's member or element in code, not a literal: $entry->{$key}, $row['pw'], $cfg.x
_MEMBER_REF = re.compile(r"\$[A-Za-z_]\w*(?:->|\{\$|\[\$|\[['\"]|\.[A-Za-z_])")
# a class's qualified name: its package in lower case, then the class (java.net.URL)
_QUALIFIED = re.compile(r"\A[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+\.[A-Z][A-Za-z0-9_$]*\Z")
_CALL_CUT = re.compile(r"\A[A-Za-z_][\w.]*\([A-Za-z_][\w.]*\Z")  # a call, cut at its ','
_USER_BEFORE = re.compile(r"(?i)\b(?:user|username|login|bind)\b")  # (LDAP: bind DN pass PW)
# a word that names what the key is, after it ("the '--password' option", "token field")
_KEY_DESCRIPTIONS = frozenset("""option options flag flags argument arguments parameter parameters
field fields setting settings variable variables attribute property""".split())
# the verbs a change log's or a commit's subject starts with, after the part it changes
_CHANGE_VERBS = frozenset("""add added adds fix fixed fixes remove removed removes drop dropped
use update updated allow allowed support supported define accept accepted handle handled rename
renamed move moved make avoid correct corrected implement implemented improve improved document
documented clean refactor refactored deprecate deprecated introduce introduced replace replaced
simplify simplified enable enabled disable disabled check ensure prevent""".split())
# a change log's whole entry after a file's or a function's name
_CHANGE_NOTES = frozenset("""Added Removed New Deprecated Changed Fixed Updated Likewise Ditto
Renamed Moved Deleted Likewise. Ditto. New. Added. Removed. Deprecated. Renamed.""".split())
_SENTENCE_WORD = re.compile(r"[A-Za-z][a-z'\-]*[.,;:!?]?\Z|[A-Z]{2,}\Z")
_LINE_WORDS = re.compile(r"[^\n]{0,200}")
# PAM's control flags: "password required pam_unix.so" names a module's management group
_PAM_CONTROLS = frozenset("required requisite sufficient optional include substack".split())
# nsswitch.conf: the sources of the user database ("passwd: files systemd", "passwd: compat
# [NOTFOUND=return] db files")
_NSS_LINE = re.compile(r"(?:(?:files|db|compat|nis|nisplus|nis\+|systemd|sss|ldap|hesiod|winbind|"
                       r"dns|mymachines|altfiles|cache|extrausers|\[[!A-Za-z=]+\])[ \t]*)+(?:\Z|[\n#])")


_WORD_BACK = re.compile(r"[ \t]+([A-Za-z]{1,14})(?:[^\w-]|\Z)")  # reversed: the word before


def _prose_before(text: str, seg_lo: int, ks: int) -> bool:
    """A flag written in a sentence: the word before its dashes is a function word of English
    ("--user and --password respectively", "but now --ask-password wins"), not a command's or
    an argument's ("mysql -u root --password hunter2")."""
    d = ks
    while d > seg_lo and text[d - 1] == "-":
        d -= 1
    m = _WORD_BACK.match(text[max(seg_lo, d - 24):d][::-1])
    return m is not None and m.group(1)[::-1].lower() in _FUNCTION_WORDS | {"now", "the"}


def _own_name(key: str, value: str) -> bool:
    """The value is its key's name, as written or another way (``refresh_token: refreshToken``,
    ``"clientSecret": "client_secret"``, a validator's ``-- StorageKey: 'StorageKey' is not
    ...``): a template's, of two words or more; a password that is its key's word ("password:
    password") stays one (a default credential)."""
    if len(value) > 48 or not value.replace("_", "").replace("-", "").isalnum():
        return False
    if value == key:  # "StorageKey: 'StorageKey' is not ...": a name of words, as its key
        return len(key_words(value)) > 1
    name = key.rsplit(".", 1)[-1].lstrip("-$@")
    if value.lower().translate(_NO_JOINERS) != name.lower().translate(_NO_JOINERS):
        return False  # (the same words joined the same: a test in C before splitting either)
    words = key_words(value)
    return len(words) > 1 and words == key_words(name)


_NO_JOINERS = str.maketrans("", "", "_-")


def _described(text: str, vs: int, seg_hi: int, named: bool) -> bool:
    """The line after a key's colon is a sentence about it, not its value: three words or
    more, the first a plain word (no digits, no symbols: a value would have them), one of the
    others a function word of English ("psk: compute binder which is compatible with ...",
    "passwd.master: backup's home directory is /var/backups"), or a capital first and a full
    stop last ("[PSK]: Support Netconf PSK key derivation."); or, after a key of several words
    or one that names no password (``named``), a change's verb first ("git-credential-netrc:
    fix uninitialized warning", "gnutls_session_get_master_secret: Added"). A passphrase of
    words has none of them ("password: correct horse battery staple")."""
    m = _LINE_WORDS.match(text, vs, seg_hi)
    if m is None:
        return False
    line = m.group().rstrip()
    words = line.split()
    if named and len(words) < 3 and words and (
            words[0] in _CHANGE_NOTES or len(words) == 2 and words[0].lower() in _CHANGE_VERBS
            and words[1].isalpha()):
        return True  # "gnutls_session_get_master_secret: Added", "git-credential: add helper"
    if len(words) < 3 or not _SENTENCE_WORD.match(words[0]) or len(words) > 40 or \
            len(words) <= 6 and any(w.isdigit() for w in words):
        return False  # "password: Summer sun is hot 2024": a passphrase with its number
    if any(w.lower().rstrip(".,;:!?") in _FUNCTION_WORDS for w in words[1:8]):
        return True
    if named and words[0].lower().rstrip(".,;:") in _CHANGE_VERBS:
        # "git-credential-netrc: fix uninitialized warning": a change's subject after the
        # part it changes (named in words; "password: correct horse battery staple" is one)
        return True
    return words[0][0].isupper() and line.endswith(".") and \
        all(_SENTENCE_WORD.match(w) for w in words[:4])


def _pass_round(text: str, lo: int, at: int, value: str) -> bool:
    """The word "pass" at ``at`` counts a round of a run ("second pass: breakpoint foo"): an
    ordinal or a word of rounds before it, a space apart, and a value of one character class."""
    if text[at - 1] != " ":
        return False
    w = _WORD_BEFORE.search(text, max(lo, at - 17), at - 1)
    return w is not None and w.group().lower() in _PASS_ROUNDS and not _mixed_classes(value)


def _test_verdict(text: str, vs: int, ve: int, seg_hi: int) -> bool:
    value = text[vs:ve]
    if any(c.isspace() for c in value):
        return True  # read to the line's end: a name and a description
    if value[:1] in "-." or not looks_random(value, 8) or _SLUG.match(value):
        return True  # "PASS: -Bsymbolic", "PASS: vers4", "PASS: pr20995-2": a test's name
    if not _TEST_NAME.match(value):
        return False
    eol = text.find("\n", ve, seg_hi)
    rest = text[ve:seg_hi if eol < 0 else eol]
    return bool(rest.strip()) or _TESTISH.search(value) is not None


def _line_start(text: str, ks: int, seg_lo: int) -> bool:
    """Whether the key at ``ks`` starts a (YAML) line: only indentation or a list dash before it,
    after the segment's start or a logged line break (``\n``)."""
    before = text[max(seg_lo, ks - 40):ks][::-1]
    return bool(_LINE_BEFORE.match(before)) or ks == seg_lo


def _yaml_end(text: str, ve: int, end: int) -> int:
    """End of a YAML plain scalar that continues past a space: the end of the line, a comment, or
    the next ``key:`` on the same line (bounded)."""
    m = _YAML_STOP.search(text, ve, min(end, ve + 200))
    stop = m.start() if m else min(end, ve + 200)
    while stop > ve and text[stop - 1] in " \t":
        stop -= 1
    return max(ve, stop)


def _opener_placeholder(text: str, vs: int, end: int) -> bool:
    """A value that starts with a bracket or ``$``: is it, read to its closing bracket, a
    placeholder (``<your token>``, ``{{ vault_pass }}``, ``$(cmd args)``)?"""
    ch = text[vs]
    if ch in "$%":
        nxt = text[vs + 1:vs + 2]
        if nxt in ("(", "{"):
            return True
        return False
    close = text.find(_OPENERS[ch], vs + 1, min(end, vs + 96))
    return close > 0 and is_placeholder(text[vs:close + 1])


def quoted_value(text: str, pos: int, end: int) -> tuple[int, int] | None:
    """(start, end) of the value inside the quote at ``pos`` (``"``, ``'``, a backtick, or an
    escaped ``\\"``), up to the matching unescaped quote before ``end``; None if unclosed."""
    q = text[pos]
    if q == "\\":
        j = pos
        while j < end and text[j] == "\\":
            j += 1
        if j >= end or text[j] != '"':
            return None
        m = _ESC_DQ.match(text, j + 1, end)
        if not m:
            return None
        close = m.end() - 1
        while close > j + 1 and text[close - 1] == "\\":
            close -= 1
        return j + 1, close
    pat = _DQ if q == '"' else _SQ if q == "'" else _BQ
    m = pat.match(text, pos + 1, end)
    if not m:
        return None
    close = m.end() - 1
    # a quote with a letter or digit right after it is inside the value, not its end: one
    # written unescaped ('it's'), or an escaped one that ``escapes`` decoded ("ab\"cd" reads
    # as "ab"cd"); the value ends at a later quote that something else follows (a few tried)
    far = close
    for _ in range(_INNER_QUOTES + 1):
        if far + 1 >= end or not _VALUE_CHAR(text[far + 1]):
            return pos + 1, far
        nxt = pat.match(text, far + 1, end)
        if not nxt:
            break
        far = nxt.end() - 1
    return pos + 1, close


def _stop_at(text: str, pos: int, end: int, stop: re.Pattern = _STOP) -> int:
    """Where ``_STOP`` first matches in ``text[pos:end]`` (-1: nowhere). Every stop starts with
    one of a few characters: those are found with a one-class scan (fast), and the full pattern
    is tried only there (``_STOP.search`` would try its alternatives at every position)."""
    for m in _STOP_CHAR.finditer(text, pos, end):
        if stop.match(text, m.start(), end):
            return m.start()
    return -1


def unquoted_value(text: str, pos: int, end: int,
                   spaces: frozenset[int] = frozenset()) -> tuple[int, int] | None:
    """(start, end) of the unquoted value at ``pos``. ``spaces``: offsets of spaces that stand
    for an escape as written (``Batch.escaped_spaces``): a value goes on past one
    (password=My%20pass9 is one value; a space as written ends it)."""
    m = _UNQUOTED.match(text, pos, end)
    if not m:
        return None
    ve = m.end()
    if ve - pos == _UNQUOTED_MAX and _TOKENISH.fullmatch(text, pos, ve):
        # a longer token (an ECR login password, a base64 service-account key: 2-3 KB) is read
        # to its end: a cut here left its tail in the clear after the redaction (a token's
        # characters only: the next key's '=' ends it, so no run is read twice)
        ve = _UNQUOTED_REST.match(text, ve, end).end()
    # a quote between letters or digits is inside the value (password=ab"cd9, also written
    # ab%22cd9 or ab\u0022cd9, which ``escapes`` decodes): the value reads on; a quote that
    # ends an enclosing string (msg="token=abc" x) or opens the next key ("n":2128,"next")
    # has something else on one side
    for _ in range(_INNER_QUOTES + 12):
        if ve + 1 >= end or not _VALUE_CHAR(text[ve + 1]):
            break
        if ve not in spaces and (text[ve] not in _QUOTES or not _VALUE_CHAR(text[ve - 1])):
            break
        more = _UNQUOTED.match(text, ve + 1, end)
        if more is None:
            break
        ve = more.end()
    k = pos
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    # the next key may lie past a space; after '=' it is one with '=' too
    stop = _stop_at(text, pos, min(end, ve + 64), _STOP_EQ if k > 0 and text[k - 1] == "=" else _STOP)
    if 0 <= stop < ve:
        ve = stop
    ve = pos + _trailing_closers(text[pos:ve])
    while ve > pos and text[ve - 1] in ";,":
        ve -= 1
    return (pos, ve) if ve > pos else None


def read_value(text: str, pos: int, end: int,
               spaces: frozenset[int] = frozenset()) -> tuple[int, int, bool] | None:
    """(start, end, quoted) of the value that starts at ``pos`` (``spaces``: as for
    ``unquoted_value``)."""
    if pos >= end:
        return None
    if pos + 1 < end and (text[pos] in "@rRbBuUfF$" and text[pos + 1] in "\"'" or
                          text[pos] == "N" and text[pos + 1] == "'"):
        pos += 1  # C# @"...", Python r"..." / b"..." / f"...", T-SQL N'...'
    ch = text[pos]
    if ch in _QUOTES or (ch == "\\" and text.startswith('"', pos + 1) or
                         text.startswith('\\\\"', pos)):
        span = quoted_value(text, pos, end)
        if span is not None:
            s, e = span
            m = _SCHEME.match(text, s, e)
            if m and e - m.end() >= 6:
                s = m.end()
            return s, e, True
        pos += 1 if ch != "\\" else 2
        while pos < end and text[pos] in '"\\':
            pos += 1
    if ch == "{":
        b = _BRACED.match(text, pos, end)
        # ODBC's braces before the next ';' quote a value whatever it holds ("PWD={7N:8v#K};":
        # no object, though "7N:" reads like a member's name); only a quoted member's is one
        odbc = b is not None and text.startswith(";", b.end())
        if b is not None and not (_JSON_MEMBER if odbc else _OBJECT_START).match(b.group(1)) and \
                not is_placeholder(b.group()):
            return b.start(1), b.end(1), True  # Password={Xy9;kL2m}: ODBC's quoting
    if ch == "[":
        # a header's values as a Java map prints them ("{Authorization=[SSWS 00bCjz...],
        # Accept=[...]}"): the scheme, the token, the list's bracket after it
        m = _SCHEME.match(text, pos + 1, end)
        close = text.find("]", pos, end) if m else -1
        if close > m.end() + 5 if m else False:
            return m.end(), close, True
    m = _SCHEME.match(text, pos, end)
    if m:
        pos = m.end()
    span = unquoted_value(text, pos, end, spaces)
    return (span[0], span[1], False) if span else None


_HEX32 = re.compile(r"[0-9a-f]{32}")
# a vendor's object ids that its logs print under "key": Duo's integration key (DI...), user
# (DU...), admin (DA...), group (DG...), phone (DP...) and policy (PO...) keys, 20 characters
_VENDOR_ID = re.compile(r"(?:D[IUAGPN]|PO)[0-9A-Z]{18}")


def machine_kind(kind: str) -> bool:
    return kind not in (PASSWORD, SECRET, CREDENTIAL)
# an OpenPGP key's fingerprint or id as gpg prints it, after its algorithm's name
_OPENPGP_ID = re.compile(r"(?:0x)?(?:[0-9A-F]{8}|[0-9A-F]{16}|[0-9A-F]{40})")
_OPENPGP_LABEL = re.compile(r"(?i)(?<![a-z0-9])(?:rsa|dsa|eddsa|ecdsa|ed25519|cv25519|elg|elgamal)[ \t]+key\Z")
_B64_KEY = re.compile(r"[A-Za-z0-9+/]{22}==|[A-Za-z0-9+/]{32}|[A-Za-z0-9+/]{43}=")  # 16, 24, 32 bytes
_CODE_REFERENCE = re.compile(r"[A-Za-z_$][A-Za-z_$]*\d*(?:\.[A-Za-z_$][A-Za-z_$]*\d*)*[!?]?")
_NAME_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_CREDENTIAL_WORDS = frozenset("password passwd pwd pass secret token key apikey credentials creds cred".split())


def _names_credential(v: str) -> bool:
    """Whether an identifier's words (snake case, camel case, a dotted path) hold a credential's
    noun as a word of its own: a variable's or a setting's name ("db_password", "dbPassword",
    "settings.API_KEY"), not a password that holds the noun ("Hunter2secret")."""
    if "_" not in v.strip("_") and "." not in v and not (v[0].islower() and any(c.isupper() for c in v[1:])):
        return False  # (a lower camel-cased name is a variable's; "MySecretPass" may be a password)
    words = _NAME_WORDS.findall(v)
    # a qualifier, then the noun last ("db_password", "dbPassword", "settings.API_KEY"): one word
    # alone ("token", "_Token") or the noun first ("secretAbc12") may be the value itself
    return len(words) >= 2 and words[-1].lower() in _CREDENTIAL_WORDS


# an authorization scheme and a program's word for nothing in place of its credentials
# (or masked: "Basic ****", "Bearer [REDACTED]")
_SCHEME_EMPTY = re.compile(r"(?i)(?:bearer|basic|token|digest|jwt)[ \t]+(?:null|undefined|none|nil|nan|false|"
                           r"\[object object\]|\$\{[^}]*\}|<[^>]*>|\{\{[^}]*\}\}|\*{3,}|x{4,}|\.{3,}|"
                           r"\[(?:redacted|filtered|masked|hidden)\])")


# a namespace-qualified type of a platform's library: a root namespace, more parts, the last a
# class's name (a capital first); not a password of dotted words ("My.Secret.Pass9"). Spring's
# message codes put a constraint's name first ("Pattern.java.lang.String")
_QUALIFIED_TYPE = re.compile(r"(?:[A-Z][A-Za-z]{1,40}\.)?(?:System|Microsoft|Windows|java|javax|jakarta|org|com|net|io|android|androidx|"
                             r"kotlin|scala|sun|Amazon|Google)\.(?:[A-Za-z_][A-Za-z0-9_]*\.)+[A-Z][A-Za-z0-9_]*(?:\[\])?")


def accept(value: str, kind: str, strength: int, quoted: bool = True) -> float | None:
    """Prior for ``value`` under a key of ``kind``/``strength``, or None when it is no credential.

    A password or a secret is what a person chose: any value that is not a placeholder (a weak
    one is still one). Other kinds are machine-made: a number, a run of lower-case words
    (``a-fake-api-key``, ``curve25519-sha256``), a GUID or a path is not one. Under a weak key
    (``key``, ``auth``, ``signature``) only a value that looks random and is written in a token
    alphabet (base64, base64url, hex) is one: entropy is evidence, never a verdict alone."""
    v = value
    if kind == SESSION:
        signed = _SIGNED_SESSION.match(v)
        if signed:
            v = signed.group(1)  # express-session's signed id, "s:<id>.<signature>": the id decides
        if _NOT_SESSION_ID.match(v) or _DASHED_HEX.match(v) or sum(c.isalpha() for c in v) < 4:
            return None  # a Windows security identifier, a Twilio resource's SID: names, no
            # keys; a UUID: what logs name a session's correlation id ("session=8f5528fa-0c0a-
            # ..."), where a web framework's session cookie is a token of its own alphabet; a
            # number with a letter or two ("de44500105175407324932") is no random token
    n = len(v)
    if n < 3 or n > 8192 or (strength == WEAK and n < 16):
        return None
    if not _ALNUM.search(v):
        return None  # ",.:-*?!", "----", "***": no letter or digit, a mask or punctuation
    if v[0] in "{[(" and not quoted:
        return None  # an object or a list, not a value
    if v[0] == "{" and v[1:3] in ('\\"', '"', "\\'") or v[:2] == '{"':
        return None  # an escaped JSON object inside a string ("SecretString": "{\"username\":...):
        # its members are read on their own
    if kind not in (PASSWORD, SECRET, CREDENTIAL) and _TYPED_ID.fullmatch(v):
        return None  # "Token=pi:75457": an object's typed public id (Guidewire's), no token
    if kind not in (PASSWORD, SECRET) and _PUBLIC_SSH_KEY.match(v):
        return None  # an SSH public key or its fingerprint (WinSCP's -hostkey="ssh-rsa 2048 07:3f:...")
    scheme = _SCHEME_EMPTY.fullmatch(v)
    if scheme is not None:
        return None  # "Bearer null", "Bearer undefined": a front end's header without its token
    if _QUALIFIED_TYPE.fullmatch(v):
        return None  # a type's qualified name where its object was logged ("value=System.
        # Management.Automation.PSCredential", "org.springframework.security.core.Credentials")
    if machine_kind(kind) and _VENDOR_ID.fullmatch(v):
        return None  # Duo's integration, user and group keys ("DI12SC85XOQJEADO85TI"): ids
    if kind == "openweather_api_key" and not _HEX32.fullmatch(v):
        return None  # an "AppId" elsewhere is an application's GUID or number, no key
    if kind == "gossip_encryption_key" and not _B64_KEY.fullmatch(v):
        return None
    if v.startswith("ENC(") and v.endswith(")"):
        return None  # jasypt's encrypted value: safe to commit, as it was made to be
    machine = kind not in (PASSWORD, SECRET, CREDENTIAL)
    if machine and (_NUMBER.match(v) or _GUID_BRACED.match(v) or _lower_words(v)):
        return None  # tokens=59.0004, {54d908d0-...} (a registry GUID), "storageaccountkey"
    if _MASKED_KEY.fullmatch(v):
        return None  # "sk-...7LKZ", "sk-ant-***", "ghp_****abcd": a key's prefix and a mask, as a
        # console or a log shows a key it hides
    if machine and _SENTENCE.fullmatch(v):
        return None  # {'signing_key': ['Invalid credential.']}: a validator's message, words
    if strength == WEAK and (not _TOKEN_VALUE.match(v) or
                             "/" in v and ("-" in v or "_" in v or "." in v) or
                             _NAMED_DIGEST.match(v)):
        return None  # "ET EXPLOIT ...", passwd-file(...), AWSLogs/1661.../CloudTrail/us-west-1;
        # a cache key ("Linux-go-4f8a...", "node-modules-8465f1...")
    if is_placeholder(v):
        return None
    if kind == CREDENTIAL and ":" in v and is_placeholder(v.partition(":")[2]):
        return None  # "basic.auth.user.info = <key>:${env:SR_SECRET}": a login pair, its secret a reference
    if _IDENTIFIER.match(v) and v.isupper() and "_" in v and _constant_words(v) and \
            key_kind(v) is not None:
        return None  # token=ACCESS_TOKEN, password=DB_PASSWORD: a name, not a value ("_KEY",
        # "A_KEY" are none: a constant's name is words, each of two letters or more)
    if _SIZE.match(v):
        return None  # kubectl describe secret: "password:  27 bytes" (its data's sizes)
    if _STRIPE_OBJECT.match(v):
        return None  # token=tok_1OaB...: Stripe's id of a card token, which only its secret
        # key can use (Stripe's docs: safe to send to a server and to log)
    if kind == PASSWORD:
        return 0.9
    if _PATH.match(v) and ("/" in v[1:] or "\\" in v) and not _random_path(v):
        return None  # private_key: /etc/ssl/key.pem
    if _NESTED.match(v) or looks_fake(v):
        return None  # token=st=2025-...&se=... (a parameter list); ...EXAMPLE
    if strength == STRONG:
        if kind == SECRET:
            return 0.9 if n >= 4 else None
        if n < 8 or v.isdigit() and n < 20:
            return None
        if _words(v) or entropy(v) < 2.5:
            return None  # token: expired, api_key = "a-fake-api-key", token=abcdabcd,
            # apiKey=API_VERSIONS (a Kafka request header names its API by a constant's name)
        return 0.9
    if _words(v) or not looks_random(v, 16):
        return None
    digits = sum(c.isdigit() for c in v)
    if digits >= 2 and n - digits >= 2:
        return 0.8 if not _HEX.match(v) else 0.65
    return None


_ALNUM = re.compile(r"[^\W_]")


def _constant_words(v: str) -> bool:
    """A constant's name: words of two letters or more apart by underscores (``X_`` first, as
    in ``X_API_KEY``; "A0_KEY", "_KEY" are none)."""
    words = v.split("_")
    if words[0] == "X":
        words = words[1:]
    return all(sum(c.isalpha() for c in w) >= 2 for w in words)


def _words(v: str) -> bool:
    """A word or words, where a machine-made value goes: lower-case (``expired``,
    ``a-fake-api-key``) or a constant's name in capitals (``HEARTBEAT``, ``ACCESS_DENIED``,
    ``ADD_PARTITIONS_TO_TXN``: the enum names Kafka's request headers log as ``apiKey=``). A
    random token written in capitals has digits among its letters, or no separators between
    runs of more than 14 letters."""
    if v.isupper():
        v = v.lower()
    return bool(_WORDY.match(v) or _WORDS.match(v))


def _random_path(v: str) -> bool:
    """A base64 value that starts with '/' ("/00sekf4WQpKdw.../kZoZjn83Uyv5PR="): random as a
    whole and no part of it a name a path would have (a lower-case word, a file name)."""
    return looks_random(v.replace("/", ""), 16) and not _PATH_PART.search(v)


_PATH_PART = re.compile(r"(?:\A|/)(?:[a-z]{2,}(?:[._\-][a-z0-9]+)*|\.?[\w\-]+\.[a-z]{1,5})(?=/|\Z)")


def _lower_words(v: str) -> bool:
    """Lower-case letters, or 16 or more with at most two digits: words run together
    (``storageaccountkeybase64encoded``), not a machine token (a random lower-case token of 16+
    characters holds about 28% digits)."""
    if v.isalpha():
        return v.islower()
    if not (len(v) >= 16 and v.isascii() and v.isalnum() and v.islower()):
        return False
    return sum(c.isdigit() for c in v) <= 2


# a vendor's prefix, a mask, a few characters shown (a key's last four)
_MASKED_KEY = re.compile(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{2,8}){0,2}[-_](?:\*{3,}|\.{3,}|\u2026|\u2022{2,})[A-Za-z0-9]{0,6}")
# words of a sentence: a capital or a small letter first, the other words in small letters
_SENTENCE = re.compile(r"[A-Za-z][a-z]+(?:[ ][a-z][a-z']*)+[.!]?")
_NUMBER = re.compile(r"\A[+\-]?\d+(?:[.,]\d+)+\Z|\A[+\-]?\d*\.\d+(?:[eE][+\-]?\d+)?\Z")
_GUID = r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
_GUID_BRACED = re.compile(r"\A\{" + _GUID + r"\}\Z")
_UUID = re.compile(r"\A" + _GUID + r"\Z")
_TOKEN_VALUE = re.compile(r"\A[A-Za-z0-9+/_\-.~%]+={0,3}\Z")
# a multipart/form-data part's name (on the lower-cased text), then its headers and the blank line
# before its body (line breaks as the batch reads them: written escaped, "\\r\\n", they are
# breaks too); a file's part (its filename) has no such body here
_PART = re.compile(r"form-data;[ \t]*name=([\"']?)([^\"';\r\n\\]{1,64})\1")
_PART_BODY = re.compile(r"(?:[\r\n]{1,2}[A-Za-z][A-Za-z\-]{0,39}:[^\r\n]{0,200}){0,4}[\r\n]{2,4}")
_PART_VALUE = re.compile(r"[^\r\n]{1,4096}?(?=[ \t]*(?:[\r\n]|\Z))")
# hex digits in dashed groups: a UUID (8-4-4-4-12) and other correlation ids ("3686a690-f8ccac10-...")
# (after a prefix that names the object, as APIs write their references: "sess_22ac868a-5731-...")
_DASHED_HEX = re.compile(r"(?:[a-z]{2,8}_)?[0-9A-Fa-f]{4,}(?:-[0-9A-Fa-f]{4,}){2,}\Z")
_SIGNED_SESSION = re.compile(r"s(?::|%3[Aa])([A-Za-z0-9_\-]{16,128})\.[A-Za-z0-9+/%_\-]{16,128}={0,2}\Z")
# what a "sid" names that is no session: a Windows security identifier (S-1-5-21-...), a Twilio
# resource's (two capitals and 32 hex digits: AC..., SM..., CA...)
# (a Windows security identifier, as written or in binary as base64: revision 1, the count of its
# sub-authorities, the authority's six bytes "AQUAAAAAAAUV..."; an LDAP search prints objectSid so)
# (and a search's id whose words a double underscore joins: Splunk's "scheduler__admin__
# SplunkEnterpriseSecuritySuite__RMD5fb68a8394dfd4e4daa", "admin__admin__search__search1_...")
_NOT_SESSION_ID = re.compile(r"S-1-\d|AQ[AEIMQUYcgkosw048]AAAAAAA|[A-Z]{2}[0-9a-f]{32}\Z|[A-Za-z]{3,}__[A-Za-z]{3,}__")
# words, then a hex digest: a name with a content hash (a cache key, a build artifact)
_NAMED_DIGEST = re.compile(r"\A(?:[A-Za-z][A-Za-z0-9]*[\-_.])+[0-9a-f]{16,}\Z")
_HEX = re.compile(r"\A[0-9a-f]+\Z")


def _hit_positions(batch: Batch) -> list[int]:
    """Offsets of credential words in the lower-cased batch, in order (``pw`` not followed by
    a letter: ``pwd``, ``db_pw``, not ``pwned``). Once per batch: the keys' pass and the
    tables' columns (``Generic._columns``) read the same list."""
    got = batch._cache.get("secret-hits")
    if got is None:
        got = batch._cache["secret-hits"] = _find_hit_positions(batch)
    return got


def _find_hit_positions(batch: Batch) -> list[int]:
    lower = batch.lower
    out: list[int] = []
    for pat in _HITS:
        hits = [m.start() for m in batch.scan(pat, lower=True)]
        if pat.pattern == "pw":
            hits = [p for p in hits if not lower[p + 2:p + 3].isalpha() or
                    lower.startswith("pwd", p)]
        out.extend(hits)
    search = _HITS_BEYOND_ASCII.search
    for s, e in batch.non_ascii_runs():
        hi = min(len(lower), e + 8)  # a noun may end in ASCII letters (hasło)
        m = search(lower, s, hi)
        while m is not None and m.start() < e:
            out.append(m.start())
            m = search(lower, m.end(), hi)
    out.sort()
    return out


class Generic(Family):
    name = "generic"
    kinds = (PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY, CREDENTIAL, AUTHORIZATION, SIGNATURE,
             SAML_RESPONSE, SESSION, "basic_auth", "bearer_token", "cli_password", "high_entropy_string",
             "pin", "oauth_code") + \
        tuple(sorted({k for k, _ in _VENDOR_KEYS.values()} | set(KIND_BY_KEY.values())))  # (keys' own kinds)

    def find(self, batch: Batch, emit):
        yield from self._keys(batch, emit)
        yield from self._json_keys(batch, emit)
        yield from self._cli(batch, emit)
        yield from self._tools(batch, emit)
        yield from self._sql(batch, emit)
        yield from self._bound(batch, emit)
        yield from self._schemes(batch, emit)
        yield from self._prose(batch, emit)
        yield from self._quoted_random(batch, emit)
        yield from self._calls(batch, emit)
        yield from self._literal_args(batch, emit)
        yield from self._devices(batch, emit)
        yield from self._generated(batch, emit)
        yield from self._protocols(batch, emit)
        yield from self._columns(batch, emit)
        yield from self._row_pairs(batch, emit)
        yield from self._vault_rows(batch, emit)
        yield from self._slash_pairs(batch, emit)
        yield from self._typed_as_user(batch, emit)
        yield from self._masked(batch, emit)
        yield from self._multipart(batch, emit)
        yield from self._pins(batch, emit)
        yield from self._mainframe(batch, emit)
        yield from self._oauth_codes(batch, emit)
        yield from self._pipeline_variables(batch, emit)
        yield from self._plan_changes(batch, emit)

    # -- a plan's change of a credential's attribute ---------------------------------------------
    @staticmethod
    def _plan_changes(batch: Batch, emit):
        """Terraform's plan of an attribute's change, ``~ password = "M*U+jk0+Tc85" ->
        "#2%ShOzrNYUGN?!"``: the new value after the arrow is the key's too (the old one is read
        as any key's value). Found from each '" -> "' (a find in C), its key read back."""
        text = batch.text
        i = text.find('" -> "')
        while i >= 0:
            # (the old value's opening quote, then the key and '=' read backwards from it: one
            # anchored match each, not a search from every place of a window)
            q = text.rfind('"', max(0, i - 200), i)
            k = _PLAN_KEY_REV.match(text[max(0, q - 72):q][::-1]) if q > 0 else None
            key = k.group(1)[::-1] if k is not None else ""
            if key and (key[0].isalpha() or key[0] == "_") and "\n" not in text[q:i]:
                found = _key_reading(key)
                v = _PLAN_NEW.match(text, i + 6, min(len(text), i + 1100))
                if found is not None and v is not None:
                    prior = accept(v.group(1), found[0], found[1], True)
                    if prior is not None:
                        yield emit(v.start(1), v.end(1), prior, 0.97, True, f"{found[0]}-plan-change",
                                   found[0], found[1] == STRONG)
            i = text.find('" -> "', i + 6)

    # -- a CI pipeline's logging command that sets a variable ------------------------------------
    @staticmethod
    def _pipeline_variables(batch: Batch, emit):
        """Azure Pipelines' ``##vso[task.setvariable variable=dbPassword;issecret=false]VALUE`` and
        GitHub Actions' ``::set-output name=token::VALUE``: the variable's name names the value
        after the command (a secret one, ``issecret=true``, whatever its name); the runner's
        mask (``***``) is none."""
        text = batch.text
        for m in batch.scan(_PIPELINE_SET, lead=("##vso\\[task\\.setvariable", "::set-output")):
            name, flags = m.group("name") or m.group("name2"), m.group("flags") or ""
            found = _key_reading(name)
            if found is None and "issecret=true" not in flags.lower():
                continue
            kind, strength = found if found is not None else (SECRET, STRONG)
            hi = segment_end(batch, m.start())
            v = _PIPELINE_VALUE.match(text, m.end(), hi)
            if v is None:
                continue
            prior = accept(v.group(), kind, strength, False)
            if prior is not None:
                yield emit(v.start(), v.end(), prior, 0.97, True, "pipeline-variable", kind,
                           strength == STRONG)

    # -- OAuth's authorization code, where its redirect says what it is --------------------------
    @staticmethod
    def _oauth_codes(batch: Batch, emit):
        """An OAuth authorization code in a query string or a token request, where the same
        record holds the flow's ``redirect_uri`` or ``grant_type=authorization_code``
        ("exchanging code for token: code=npiUEKz...&redirect_uri=..."): with the client's
        credentials (or PKCE's verifier) it redeems the token. A "code" elsewhere (an error's,
        a country's, a status') is none; the value must look made by a machine."""
        lower = batch.lower
        flows: dict[int, bool] = {}  # per segment: holds the flow's words (searched once)
        anywhere = None  # whether the batch holds them at all (searched at the first code=)
        for m in batch.scan(_OAUTH_CODE, lower=True, lead=("[?&]code=", " code=")):
            if anywhere is None:
                anywhere = "redirect_uri" in lower or "code_verifier" in lower or \
                    "grant_type=authorization_code" in lower
            if not anywhere:
                return
            seg = batch.segment_of(m.start())
            lo, hi = batch.segment_bounds(seg)
            flow = flows.get(seg)
            if flow is None:
                flow = flows[seg] = _OAUTH_FLOW.search(lower, lo, hi) is not None
            if not flow:
                continue
            v = _OAUTH_VALUE.match(batch.text, m.end(), hi)
            if v is not None and looks_random(v.group(), 20) and not is_placeholder(v.group()):
                yield emit(v.start(), v.end(), 0.85, 0.95, True, "oauth-code", "oauth_code", False)

    # -- mainframe commands: IBM i CL parameters, Connect:Direct node ids, DB2's CONNECT ----------
    @staticmethod
    def _mainframe(batch: Batch, emit):
        """A password as mainframe commands pass one: IBM i's CL parameter in capitals
        (``CHGUSRPRF USRPRF(JDOE) PASSWORD(0Y8@Y5$G)``; not a special value, ``*NONE``, nor a
        program's call ``password(pw)``), Connect:Direct's node ids (``SIGNON
        USERID=(cdadmin,8II9XEW2)``, ``SNODEID=(user,pw[,newpw])``), DB2's ``CONNECT TO db USER u
        USING 'pw'``."""
        text = batch.text
        for m in batch.scan(_MAINFRAME, lower=True, lead=_MAINFRAME_LEADS):
            g = m.lastgroup
            s, e = m.span(g)
            if g == "cl" and not text[m.start():m.start() + 3].isupper():
                continue
            value = text[s:e]
            if value[:1] in "*&%" or accept(value, PASSWORD, STRONG, True) is None:
                continue  # *NONE, *SAME, &PWD (a CL variable), %PW
            yield emit(s, e, 0.9, 0.97, True, "password-mainframe", PASSWORD, True)

    # -- a PIN told or typed: a card's, an account's, a phone line's, a one-time one -------------
    @staticmethod
    def _pins(batch: Batch, emit):
        """The digits a PIN is ("the PIN is 591523", "pin: 4821", "PIN code 0042", "your
        one-time PIN is 118570"): 4 to 8 digits right after the noun (a verb, a colon or "#"
        between); not a device's pin ("GPIO pin 13", two digits), a "pin count", a certificate's
        pinning ("pin-sha256")."""
        text = batch.text
        for m in batch.scan(_PIN, lower=True, lead=_PIN_LEADS):
            s, e = m.span(1)
            if s > 0 and text[s - 1].isdigit() or e < len(text) and text[e].isdigit():
                continue
            if e - s == 6 and _POSTAL_PIN.match(batch.lower, m.start(), s):
                continue  # "PIN code 588905": India's Postal Index Number, an address's
            yield emit(s, e, 0.85, 0.95, True, "pin-told", "pin", False)

    # -- a table's credential column ---------------------------------------------------------
    def _columns(self, batch: Batch, emit):
        """The values of a table's column whose header names a credential, in a record that
        holds the table (``base.table_fields``: a header row and its rows, "," ";" tab or '|'
        apart, a Markdown table written on one line included): "| host | user | password | |
        db01 | app | 2rIO5Xy0 |", "username,password\\nana,vYAe0m7J". Only segments with a
        credential word are read (the header holds one)."""
        text = batch.text
        seen: set[int] = set()
        for p in _hit_positions(batch):
            seg = batch.segment_of(p)
            if seg in seen:
                continue
            seen.add(seg)
            cols = table_fields(batch, seg)
            for s, e, name in zip(*cols[:3]) if cols else ():
                found = key_kind(name) if name else None
                if found is None:
                    continue
                while s < e and text[s] in " \t\"'":
                    s += 1
                while e > s and text[e - 1] in " \t\"'":
                    e -= 1
                kind, strength = found
                prior = accept(text[s:e], kind, strength, False) if e > s else None
                if prior is not None:
                    yield emit(s, e, prior, 0.97, True, f"{kind}-column", kind, strength == STRONG)

    def _row_pairs(self, batch: Batch, emit):
        """A row of a settings table without its header, a name field then its value field
        ("715530,ldap_bind_password,Glaciervelvet3527@,2025-09-06", a quoted CSV row, a
        tab-separated dump, PostgreSQL's "Failing row contains (205944,
        aws_secret_access_key, 9SwQ..., ...)"): the field after a field that is a credential's
        name (a strong key) is its value, when it looks like one (mixed classes or random: a
        header row's next name, "db_password,created_at", is none)."""
        text = batch.text
        done = -1
        for p in _hit_positions(batch):
            if p < done:
                continue
            # (first, in C, what most hits fail: a delimiter right after the word's name)
            tail = _ROW_NAME_TAIL.match(text, p)
            if tail.end() >= len(text) or text[tail.end()] not in _ROW_DELIMITERS:
                continue
            seg_lo, seg_hi = segment_start(batch, p), segment_end(batch, p)
            w = max(seg_lo, p - 64)
            lo = 1 + max(text.rfind(",", w, p), text.rfind("\t", w, p), text.rfind("|", w, p),
                         text.rfind("(", w, p))
            if lo == 0:
                continue
            delim = text[lo - 1] if text[lo - 1] != "(" else ","
            name = _ROW_NAME.match(text, lo, seg_hi)
            if name is None or not text.startswith(delim, name.end()):
                continue
            found = key_kind(name.group(2))
            if found is None or found[1] != STRONG:
                continue
            v = _ROW_VALUE[delim].match(text, name.end() + 1, seg_hi)
            if v is None:
                continue
            vs, ve = v.span(2)
            value = text[vs:ve]
            done = ve
            if _SNAKE_NAME.fullmatch(value) or not (_looks_like_password(value) or looks_random(value, 16)):
                continue
            prior = accept(value, found[0], found[1], True)
            if prior is not None:
                yield emit(vs, ve, prior, 0.97, True, f"{found[0]}-row", found[0], True)

    def _multipart(self, batch: Batch, emit):
        """A multipart/form-data part whose name is a credential key: its value is the part's
        body, after its headers and the blank line, to the next line break
        (``Content-Disposition: form-data; name="password"\\r\\n\\r\\nV\\r\\n--boundary``,
        as a request body is logged; the escaped breaks are read as breaks). A file's part
        (``filename=``) is not read."""
        text = batch.text
        for m in batch.scan(_PART, lower=True, lead="form-data"):
            found = _key_reading(text[m.start(2):m.end(2)])
            if found is None:
                continue
            seg_hi = segment_end(batch, m.start())
            body = _PART_BODY.match(text, m.end(), seg_hi)
            if body is None:
                continue
            v = _PART_VALUE.match(text, body.end(), min(seg_hi, body.end() + 4096))
            if v is None:
                continue
            kind, strength = found
            if "form-data" in v.group():
                continue  # the next part's header after one line break: no body was read
            prior = accept(v.group(), kind, strength, True)
            if prior is not None:
                yield emit(v.start(), v.end(), prior, 0.97, True, f"{kind}-multipart", kind,
                           strength == STRONG)

    # -- protocol transcripts: FTP, IMAP, SMTP, Redis -----------------------------------------
    def _masked(self, batch: Batch, emit):
        """GitHub Actions' ``::add-mask::VALUE``: a workflow asks the runner to hide the value
        from its logs, so the value is a secret by the workflow's own word (a ``$VAR`` or an
        expression is its reference, no value)."""
        text = batch.text
        done = 0
        for m in batch.scan(_ADD_MASK, lower=True, lead="::add-mask::"):
            if m.start() < done:
                continue  # inside the value read before (linear: nothing is read twice)
            seg_hi = segment_end(batch, m.start())
            span = read_value(text, m.end(), min(seg_hi, m.end() + 8200), batch.escaped_spaces)
            done = span[1] if span is not None else m.end()
            if span is not None and text[span[0]] != ":" and \
                    accept(text[span[0]:span[1]], SECRET, STRONG, span[2]) is not None:
                yield emit(span[0], span[1], 0.97, 0.97, True, "masked-value", SECRET, True)

    def _protocols(self, batch: Batch, emit):
        """The password a client sends, as a protocol transcript or a command monitor logs it:
        FTP's ``PASS pw`` (the line's last word, after the line's start or a prompt/direction
        mark), IMAP's ``a001 LOGIN user pw``, Redis MONITOR's ``"AUTH" ["user"] "pw"``, SMTP's
        ``AUTH PLAIN <base64 of \\0user\\0pw>``. Commands in capitals, as the protocols write them."""
        text = batch.text
        for pat, lead in _PROTOCOL_COMMANDS:
            for m in batch.scan(pat, lead=lead):
                seg_lo, seg_hi = segment_start(batch, m.start()), segment_end(batch, m.start())
                before = _IMAP_TAG if lead == "LOGIN " else _PROTOCOL_BEFORE
                if lead not in _ANYWHERE and not before.search(text, max(seg_lo, m.start() - 12), m.start()) and \
                        (m.start() != seg_lo or lead == "LOGIN "):
                    continue
                v = m.span("v")
                if v[1] < seg_hi and not text[v[1]].isspace() and \
                        not (lead[0] in "A3" and text.startswith(("\\r", "\\n", "'", '"', ","), v[1])) and \
                        lead not in ('"U:', '"command"', "register"):
                    continue  # the value runs on ("PASS:", a word glued after the quote)
                value = text[v[0]:v[1]]
                if text.startswith("AUTH PLAIN", m.start()):
                    if not basic_credentials_plain(value):
                        continue
                elif lead in ("AUTH XOAUTH2 ", "AUTH OAUTHBEARER "):
                    if not _oauth_response(value):
                        continue
                elif lead[0] == "3" or lead == "AUTH LOGIN":
                    if not _printable_b64(value):
                        continue
                elif value[0] in "\"'":
                    v = v[0] + 1, v[1] - 1
                    value = text[v[0]:v[1]]
                if not value or is_placeholder(value) or \
                        lead == "PASS " and _TEST_CASE.fullmatch(value):
                    continue  # "[ 3/10] PASS test_login": a test runner's verdict and test
                yield emit(v[0], v[1], 0.9, 0.97, True, "protocol", PASSWORD, True)

    # -- network devices' configuration commands ---------------------------------------------
    def _devices(self, batch: Batch, emit):
        """The secrets of routers' and switches' configuration commands, as devices log them
        (Cisco's %PARSER-5-CFGLOG_LOGGEDCMD, config archives, change tickets): an SNMP community,
        a TACACS+/RADIUS or IKE pre-shared key, a routing protocol's MD5 key, a key chain's
        key-string, a password or secret after its type digit ("username admin privilege 15
        password 0 X", "enable secret 5 $1$..."; a hash of type 5/8/9 too: offline cracking),
        and net-snmp tools' -c community."""
        text, lower = batch.text, batch.lower
        for pat, lead, typed in _DEVICE_COMMANDS:
            for m in batch.scan(pat, lower=True, lead=lead):
                if m.start() > 0 and word_char(lower[m.start() - 1]):
                    continue
                v = _DEVICE_VALUE.match(text, m.end(), segment_end(batch, m.start()))
                if v is None:
                    continue
                vs, ve = v.span("q") if v.group("q") else v.span()
                value = text[vs:ve]
                made = typed if typed is not None else not m.group("t")
                if is_placeholder(value) or made and not (
                        value[0] == "$" or value[0].isalnum() and _mixed_classes(value) and
                        any(c.isdigit() for c in value)):
                    continue  # "password 0 <pwd>"; "password 7 times", "username or password
                    # (Authentication failed)" are sentences
                yield emit(vs, ve, 0.9, 0.97, True, "device-config", PASSWORD, True)

    # -- a password a tool generated, in its state ----------------------------------------------
    def _generated(self, batch: Batch, emit):
        """Terraform's state of a ``random_password`` resource (a state file, ``terraform show
        -json``, a log that prints the resource): its ``result`` is the password the provider
        generated, in the clear ({"type":"random_password",...,"attributes":{...,"result":
        "Iafy7bsFk*RdC+.85wAb",...}}). In a text record, the first "result" after the type and
        before the next resource's type; in a JSON record, the member of the same resource."""
        text = batch.text
        for m in batch.scan(_TF_RANDOM, lead="random_pas"):
            seg = batch.segment_of(m.start())
            if batch.keys and batch.keys[seg].rsplit(".", 1)[-1] == "type":
                # a JSON record's leaf: the resource's path, then its attributes' result
                prefix = batch.keys[seg][:-len("type")]
                for k in range(seg + 1, min(len(batch.keys), seg + 400)):
                    key = batch.keys[k]
                    if not key:
                        continue  # (a member's name)
                    if not key.startswith(prefix):
                        break
                    if key.endswith(".attributes.result"):
                        lo, hi = batch.segment_bounds(k)
                        if hi > lo and accept(text[lo:hi], PASSWORD, STRONG) is not None:
                            yield emit(lo, hi, 0.97, 0.97, True, "generated-password", PASSWORD, True)
                        break
                continue
            hi = min(segment_end(batch, m.start()), m.end() + 4000)
            r = _TF_RESULT.search(text, m.end(), hi)
            if r is None:
                continue
            other = _TF_TYPE.search(text, m.end(), r.start())
            if other is not None:
                continue  # the next resource's: not this one's
            q = r.end() - 1
            while text[q - 1] == "\\":
                q -= 1  # (an escaped quote: the state inside a JSON string)
            span = quoted_value(text, q, hi)
            if span is not None and accept(text[span[0]:span[1]], PASSWORD, STRONG) is not None:
                yield emit(span[0], span[1], 0.97, 0.97, True, "generated-password", PASSWORD, True)

    # -- key = value, in text ----------------------------------------------------------------
    def _keys(self, batch: Batch, emit):
        text, lower = batch.text, batch.lower
        done = 0  # keys and values before this offset are read (linear: nothing is read twice)
        for p in _hit_positions(batch):
            if p < done:
                continue
            phrase = None
            if lower[p] in "κك":
                phrase = _PHRASE.match(lower, p)
            elif lower.startswith("passe ", p) or lower.startswith("passe", p) and \
                    not word_char(lower[p + 5:p + 6]):
                phrase = _PHRASE.match(lower, max(0, p - 7))  # mot de passe, from its "pass"
            ke = phrase.end() if phrase else _IDENT_RIGHT.match(text, p).end()
            while ke > p and text[ke - 1] in ".-":
                ke -= 1
            if ke - p >= 96:
                done = ke
                continue
            done = ke
            seg_lo = segment_start(batch, p)
            if p > seg_lo and text[p - 1] in _IDENT_LEFT_CHARS:
                ks = p - _IDENT_LEFT.match(text[max(seg_lo, p - 96):p][::-1]).end()
            else:
                ks = p  # the common case: the credential word starts the identifier
            if phrase:
                ks = phrase.start()
            while ks < p and text[ks] in "$@.":
                ks += 1
            flag = False
            while ks < p and text[ks] == "-":
                ks += 1
                flag = True
            ident = text[ks:ke]
            found = _key_reading(ident)
            if found is None:
                continue  # author, keyboard, tokenizer: no credential key (most hits end here)
            if found[0] == TOKEN and ks > seg_lo and text[ks - 1] in "\"'" and \
                    _object_id_tokens(text, max(seg_lo, ks - 2000), min(segment_end(batch, p), ke + 2000),
                                      ident):
                continue  # {"token": "<uuid>", "user_token": ..., "card_token": ...}: ids
            if ks > seg_lo + 5 and (text[ks - 1] in "=:\"'" or text[ks - 1] == " " and text[ks - 2] in ":=") and \
                    _FIELD_NAME_BEFORE.search(text, max(seg_lo, ks - 16), ks) is not None:
                # (and YAML's, a Kubernetes container's env as a flattened line shows it:
                # "- name: DHL_API_KEY value: \"...\"")
                # a form validator's or a binder's name and value ("FormValidator:
                # field=userPassword value=\"RqNf...\"", "param=password val=Xk29fh..."): the
                # credential word is the field's name, the value follows
                nv = _FIELD_VALUE_AFTER.match(text, ke, min(len(text), ke + 24))
                if nv is not None:
                    seg_hi = segment_end(batch, p)
                    span = quoted_value(text, nv.end() - 1, seg_hi) if text[nv.end() - 1] in "\"'" \
                        else unquoted_value(text, nv.end(), seg_hi)
                    value = text[span[0]:span[1]] if span else ""
                    if _TYPE_NAME.fullmatch(value):
                        value = ""  # PowerShell's binding of a parameter to its type's name
                        # (name="Credential"; value="System.Management.Automation.PSCredential")
                    prior = accept(value, found[0], found[1], text[nv.end() - 1] in "\"'") if value else None
                    if prior is not None:
                        done = max(done, span[1])
                        yield emit(span[0], span[1], prior, 0.97, True, f"{found[0]}-field-value",
                                   found[0], found[1] == STRONG)
                        continue
            if text.find("{", ke, ke + 8) >= 0:
                # a credential's key whose value is an object that wraps it with its type
                # (`terraform output -json`: {"db_password": {"sensitive": true, "type": "string",
                # "value": "..."}}): the object's value member is the key's value
                ov = _OBJECT_VALUE.match(text, ke, min(len(text), ke + 400))
                span = read_value(text, ov.end(), min(segment_end(batch, ks), ov.end() + 8200),
                                  batch.escaped_spaces) if ov is not None else None
                prior = accept(text[span[0]:span[1]], found[0], found[1], span[2]) if span else None
                if prior is not None:
                    done = max(done, span[1])
                    yield emit(span[0], span[1], prior, 0.97, True, f"{found[0]}-object-value",
                               found[0], found[1] == STRONG)
                    continue
            if ks > seg_lo and text[ks - 1] in "\"'/":
                pair = self._pair_value(batch, text, ks, ke, seg_lo, found)
                if pair is not None:
                    done = max(done, pair[1])
                    yield emit(*pair, 0.97, True, f"{found[0]}-name-value", found[0],
                               found[1] == STRONG)
                    continue
            if found[1] == WEAK and ks - seg_lo > 2 and text[ks - 1] == " ":
                # a label of two words ("API key: ...", "Access token = ...", "Client secret:"):
                # the word before names the kind, as it does glued ("api_key")
                w = _WORD_BEFORE.search(text, max(seg_lo, ks - 17), ks - 1)
                two = _key_reading(w.group() + "_" + ident) if w is not None else None
                if two is not None and two[1] == STRONG:
                    found, ks, ident = two, w.start(), text[w.start():ke]
            if found[1] == WEAK and ident.lower() in ("key", "keys") and ks > seg_lo and \
                    text[ks - 1] in " \t" and _noun_before_key(text, seg_lo, ks):
                continue  # "object key=7lnh92...png", "primary key: 77ae44...": not a credential
            far = _FAR_AFTER.match(text, ke, min(len(text), ke + 96))
            if far is not None:
                span = self._far_value(batch, text, far, ks, seg_lo, found[0])
                if span is not None and ident.lower() in text[span[0]:span[1]].lower():
                    span = None  # "downcaseTokens -> pyparsing_common.downcaseTokens": renamed
                if span is not None:
                    done = max(done, span[1])
                    yield emit(span[0], span[1], 0.85, 0.95, True, f"{found[0]}-told", found[0],
                               False)
                    continue
                if far.lastgroup in ("set", "len", "new"):
                    continue  # "password (len=8): <redacted>": "(len=8" is no value either
            op = None
            if ks > seg_lo and text[ks - 1] in "<:" and ke < len(text) and text[ke] in " \t" and \
                    _ELEMENT_NAME_BEFORE.search(text, max(seg_lo, ks - 24), ks) is not None:
                # an element named by the key, with attributes before its text: WS-Security's
                # <wsse:Password Type="...#PasswordText">v</wsse:Password>, <password
                # encrypted="false">v</password>
                op = _ELEMENT_ATTRIBUTES.match(text, ke, min(len(text), ke + 400))
            if op is None:
                op = _AFTER_KEY.match(text, ke)
            if op is None and text.startswith("(", ke) and (
                    _SETTER_NAME.match(ident) or _BUILDER_METHOD.fullmatch(ident.rpartition(".")[2])
                    and text[ke - len(ident.rpartition(".")[2]) - 1] == "."):
                # (or a builder's method named for the credential: reqwest's
                # .bearer_auth("v"), .basic_auth("u", Some("v")), a client builder's .password("v"))
                # a setter called with the value: setPassword("v"), client.setApiKey('v'),
                # keyring.set_password("svc", "bob", "v") (the last of its quoted arguments)
                args = _QUOTED_ARGS.match(text, ke, min(segment_end(batch, p), ke + 600))
                if args is not None:
                    span = quoted_value(text, args.start("last"), args.end())
                    prior = accept(text[span[0]:span[1]], found[0], found[1], True) if span else None
                    if prior is not None:
                        done = max(done, span[1])
                        yield emit(span[0], span[1], prior, 0.97, True, f"{found[0]}-setter", found[0],
                                   found[1] == STRONG)
                continue
            if op is None:
                rev = self._reversed_comparison(batch, text, p, ke)
                if rev is not None:
                    yield rev(emit)
                continue
            kind, strength = found
            if ks >= 2 and text[ks - 2:ks] == "${" and text.startswith("?", op.end()):
                continue  # ${DB_PASSWORD:?must be set}: the shell's message when it is unset
            if ks >= 2 and text[ks - 2:ks] == "${" and text.startswith(("-", "="), op.end()):
                # ${UPS_CLIENT_SECRET:-changeme}: the default after the shell's operator
                op = _SHELL_DEFAULT.match(text, op.start())
            if ident in ("PWD", "OLDPWD", "pwd") and _one_of(text[op.end():op.end() + 1], "/~`$") or \
                    ident in ("PWD", "OLDPWD") and text[op.end():op.end() + 2] in ("'/", '"/', "'~", '"~'):
                continue  # PWD=/home/x, PWD: '/Users/x', PWD=`pwd`: the shell's working directory
            before = text[ks - 1] if ks > seg_lo else ""
            quoted_key = before in _QUOTES
            g = op.lastgroup
            if g == "plist":
                if not text.endswith("<key>", max(seg_lo, ks - 5), ks):
                    continue
                g = "xml"  # (the value is the <string> element's text, read as an element's)
            colon = g == "op" and op.group("op") in (":", "：")
            setter = tabbed = False
            if g == "sp":
                if not flag:
                    # a command that sets the name to the value: set -x DB_PASS v (fish),
                    # setenv, SetEnv, proxy_set_header X-Api-Key v, aws configure set k v;
                    # or the key and its value in columns, a tab apart, from the line's start
                    lo = max(seg_lo, ks - 48)
                    setter = any(lower.find(w, lo, ks) >= 0 for w in _SETTER_WORDS) and \
                        _SETTER_BEFORE.search(text, lo, ks) is not None
                    tabbed = not setter and op.group().startswith("\t") and strength == STRONG \
                        and _line_start(text, ks, seg_lo)
                if not flag and not setter and not tabbed and \
                        not (strength == STRONG and _one_of(text[op.end():op.end() + 1], "\"'")) and \
                        not (strength == STRONG and not op.group("q") and
                             (ks == seg_lo or text[ks - 1] in " \t,;") and
                             _random_after(text, op.end(), kind)):
                    # --password v; password "v" (a quoted literal after the key); "passwd
                    # gmOC0OZqy2a6", "token mA8RZRZt4a90": a value that mixes classes as no
                    # word does
                    continue
                if flag and text[ks - 2:ks - 1] != "-" and _glued_short(ident):
                    continue  # -pS3cretPw, -w$PASS: a short option's value, glued to it
            elif g == "xml" and op.lastgroup != "plist":
                lt = text.rfind("<", max(seg_lo, ks - 48), ks)
                if lt < 0 or ">" in text[lt:ks]:
                    continue
            elif g == "attr":
                if not (quoted_key or op.group("q")):
                    continue
            elif g == "cell":
                # a table row (Markdown, a console table): the key is a cell, the value the next
                if not _CELL_START.search(text, max(seg_lo, ks - 40), ks):
                    continue
                row_end = segment_end(batch, p)
                cell_end = text.find("|", op.end(), row_end)
                cell_end = row_end if cell_end < 0 else cell_end
                value = text[op.end():cell_end].strip(" \t`*")
                if not value or value.startswith("-"):
                    continue
                vs = text.index(value, op.end(), cell_end)
                prior = accept(value, kind, strength, True)
                if prior is not None and (kind != PASSWORD or _mixed_classes(value)):
                    done = max(done, cell_end)
                    yield emit(vs, vs + len(value), prior, 0.97, True, f"{kind}-table", kind,
                               strength == STRONG)
                continue
            elif colon and before == ":" and \
                    not text.startswith((" ", "\t"), op.end() - 1):
                continue  # unconfined_r:passwd_t:s0-s0: a colon-separated path, not key: value
            elif colon and before == "/" and ident.lower() in ("secret", "secrets", "token", "tokens",
                                                               "key", "keys", "credentials"):
                continue  # "storage/cacher.go:/secrets: watch ...": a resource's path
            elif g == "op" and op.group("op") == ",":
                # setProperty("KEY", "v"), put('token', 'v'): the key is a call's first argument
                # (a quoted credential word in a list, "login_failed", "password", "x", is none)
                if not (quoted_key and _CALL_BEFORE.search(text, max(seg_lo, ks - 12), ks - 1)):
                    continue
            seg_hi = segment_end(batch, p)
            vpos = op.end()
            listed = False  # the value is a list's first item: its other items follow
            cdata = None
            if g == "xml":
                vpos = _SKIP_BREAKS.match(text, vpos, seg_hi).end()
                if text.startswith("<![CDATA[", vpos):
                    # <password><![CDATA[v]]></password>: the section's text, whatever it holds
                    close = text.find("]]>", vpos + 9, min(seg_hi, vpos + 8200))
                    if close > vpos + 9:
                        cdata = (vpos + 9, close, True)
            elif colon and _one_of(text[vpos:vpos + 1], "*_") and _MD_CLOSE.match(text, vpos, seg_hi):
                vpos = _MD_CLOSE.match(text, vpos, seg_hi).end()  # - **Password:** `v`
            elif colon and quoted_key and text.startswith("{", vpos):
                # '"password": {"value": "..."}' in a text record: a member that only holds
                # its parent's value (``_HOLDERS``, as in a JSON record's key path)
                held = _HOLDER_OPEN.match(text, vpos, seg_hi)
                if held is not None:
                    vpos = held.end()
            elif colon and quoted_key and text.startswith("[", vpos):
                held = _LIST_OPEN.match(text, vpos, seg_hi)
                if held is not None:
                    vpos = held.end()
                    listed = True
            elif g == "op" and op.group("op") == "=>" and text.startswith("string(", vpos):
                held = _DUMP_TYPE.match(text, vpos, seg_hi)
                if held is not None:
                    vpos = held.end()
            if vpos >= seg_hi and not (colon and strength == STRONG):
                continue
            if g in ("cmp", "op") and (g == "cmp" or op.group("op") == ",") and \
                    text[vpos] not in _QUOTES + "\\@":
                continue  # ("KEY", "value"), key == "value": only a quoted literal is a value
            if g == "sp" and vpos < seg_hi and text[vpos] == "-":
                continue  # --password --other-flag
            if strength == WEAK and not _WEAK_VALUE.match(text, vpos, seg_hi):
                continue  # a weak key needs 16 characters of a token (read no further)
            span = cdata or read_value(text, vpos, min(seg_hi, vpos + 8200), batch.escaped_spaces) \
                if vpos < seg_hi else None
            if colon and strength == STRONG and (span is None or not span[2] and
                                                 text[span[0]:span[1]] in _BLOCK_INDICATORS):
                # YAML: "password: |" (a block scalar), or "password:" with the value on the
                # next line, indented: that line is the value (in the segment, or the next
                # segment of the record: a multi-line JSON string is scanned line by line)
                rest = text[op.end():min(seg_hi, op.end() + 8)].split("\n", 1)[0].strip()
                if span is not None:
                    j = span[1]
                    span = _next_line_value(batch, j, seg_hi)
                    if span is None and text.find("\n", j, seg_hi) < 0:
                        # the block's line joined to the indicator's ("password: >- v3L0aR...",
                        # a log that made the line break a blank): the rest of the line
                        while j < seg_hi and text[j] in " \t":
                            j += 1
                        span = _joined_block(text, j, seg_hi, batch.escaped_spaces)
                elif not rest or rest in _BLOCK_INDICATORS:
                    span = _next_line_value(batch, op.end() + len(rest), seg_hi)
                else:
                    ind = _BLOCK_HEAD.match(text, op.end(), seg_hi)
                    if ind is not None and text.find("\n", ind.end(), seg_hi) < 0:
                        span = _joined_block(text, ind.end(), seg_hi, batch.escaped_spaces)
            if span is None:
                continue
            vs, ve, quoted = span
            if g == "sp" and not quoted:
                while ve > vs + 1 and text[ve - 1] in ".,;:)":
                    ve -= 1  # "password Enx8iG~.7VXpaPIg!DcbRlgY. Please ...": a sentence's end
            if (not quoted and colon and strength == STRONG and
                    text[ve:ve + 1] == " " and _line_start(text, ks, seg_lo)):
                ve = _yaml_end(text, ve, seg_hi)  # YAML plain scalar: to the end of the line
                scalar = text[vs:ve]
                if _MESSAGE.match(scalar) and \
                        not _STATUS_WORDS.isdisjoint(scalar.lower().rstrip(".!").split(" ")):
                    continue  # a program's message after its name ("passwd: ... updated")
            if not quoted and g == "op" and op.group("op") == "=" and ve < seg_hi and \
                    strength == STRONG:
                # (a connection string's password may hold blanks; a machine-made value under a
                # weak key never does: ";jsessionid=... HTTP/1.1" ends at the blank)
                ve = _connection_value_end(text, seg_lo, ks, vs, ve, seg_hi, before)
            if not quoted and _field_message(text, vs, ve, seg_hi):
                continue  # "validation failed: password: must not be empty": a message
            if not quoted and colon and _LABEL_FIRST.match(text, vs, ve):
                continue  # "rlm_passwd: nfields: 3 keyfield 0(User-Name)": another label next
            if not quoted and _one_of(text[ve:ve + 1], _QUOTES) and _NESTED_KEY.fullmatch(text, vs, ve):
                inner = _key_reading(text[vs:ve - 1].lstrip("-"))
                if inner is not None and inner[1] == STRONG:
                    continue  # "pw: password='a b; c'", "creds: token=\"x\"": the value is
                    # another credential key, cut at its value's quote; it is read next (done = vs)
                nested = quoted_value(text, ve, seg_hi)
                if nested is not None:
                    ve = nested[1] + 1  # "pw: opt='a b'", "password=key='a b'": the value is
                    # the assignment, its quoted half too
            if quoted and text.startswith(", ", vs) and text[vs + 2:vs + 3] in _QUOTES:
                continue  # "'x-amz-checksum-crc32': '952qPw=='": a closing quote taken for an
                # opening one ("Pw==" read as a key): what follows is the next item of a list
            if g == "xml" and not _XML_CLOSE.match(text, ve + 3 if cdata else ve, seg_hi):
                continue  # <password>v</...>: an element's text is followed by a closing tag
            # keys inside a short value are still read if it is rejected ('key="DbPassword"'
            # then 'DbPassword' ...); a long one is skipped whole (linear: bounded re-reading)
            done = max(done, ve if ve - vs > 256 else vs)
            value = text[vs:ve]
            if setter and not quoted and value.endswith(";"):
                value, ve = value[:-1], ve - 1  # nginx: proxy_set_header X-Api-Key v;
            if not quoted and len(value) > 2 and value[0] == "[" and value[-1] == "]" and \
                    text[vs - 1] == "=" and _TOKEN_VALUE.match(value[1:-1]) and \
                    not (value[1:-1].isalpha() and value[1:-1].isupper()):
                vs, ve, value = vs + 1, ve - 1, value[1:-1]  # Spring's form map: {client_secret=[v]}
                # (a word in capitals in brackets is a mask in any language: "hasło=[UKRYTE]")
            if not quoted and value[-1:] in ("?", "!") and len(value) > 8 and \
                    kind not in (PASSWORD, SECRET, CREDENTIAL) and _TOKEN_VALUE.match(value[:-1]):
                value, ve = value[:-1], ve - 1  # "sessionid=e3f2...3556?": a sentence's mark after a made value
            if not quoted and kind not in (PASSWORD, SECRET, CREDENTIAL) and "?" in value:
                q = value.find("?")
                if q > 8 and _QUERY_AFTER.match(value, q + 1) and _TOKEN_VALUE.match(value[:q]):
                    value, ve = value[:q], vs + q  # ";jsessionid=7DCE...?item=85176": a path's
                    # parameter, then the URL's query
            if kind == CREDENTIAL and not quoted and _ADDRESS_PAIR.match(value):
                continue  # "check your credentials: sender=a@b.c username=...": a setting's
                # address after the noun, read on its own (an e-mail address); a quoted value
                # after another key stays the credential's ("creds: opt='0000'")
            if tabbed and not _mixed_classes(value):
                continue  # "password\tchanged": a column of words, not a key and its value
            if not quoted and ident.lower() == "pass" and \
                    value.rstrip(".,;:)").isdigit() and len(value.rstrip(".,;:)")) <= 6:
                continue  # "pass=142 fail=3 skip=7", "exp: pass=13: expect eof": a count
            if _FILE_KEY.search(ident) or ks > seg_lo and text[ks - 1] == "/" and \
                    not text.startswith("/:", ks - 1) and \
                    not (text[vs - 1] in ":=" and _mixed_classes(value)):
                continue  # "* sm/passphrase.c: New file.", "tests/ssh-ed25519.key: Likewise."
                # (a key-value store's key, its path's last part with the value glued to its
                # colon, is the value's: "app/config/db_password:z%tTVT...", as `consul kv get
                # -recurse` and etcdctl print them)
            if not quoted and colon and _described(text, vs, seg_hi,
                                                   len(key_words(ident)) > 1 or kind != PASSWORD):
                continue  # "psk: compute binder which is compatible with ...": a description
            if not quoted and g == "op" and (" " in text[ke:vs] or value.endswith("(") and
                                             _one_of(text[ve:ve + 1], "\"'")) and \
                    _CALL_CUT.match(value + ("x" if value.endswith("(") else "")) and \
                    not any(c.isdigit() for c in value):
                continue  # k = xmlSecTmplKeyInfoAddEncryptedKey(keyInfoNode, ...): a call
            if not quoted and kind != PASSWORD and value.startswith(("http://", "https://")) and \
                    "?" not in value and \
                    "@" not in value and not looks_random(value.rstrip("/").rsplit("/", 1)[-1], 16):
                continue  # "gpgKey: https://packages.example.com/apt-key.gpg": where it is
            if not quoted and g == "sp" and _QUALIFIED.match(value):
                continue  # "jdk.internal.access.SharedSecrets java.net.URL": a class's name
            if not quoted and g == "sp" and _OPENPGP_ID.fullmatch(value) and \
                    _OPENPGP_LABEL.search(text, max(seg_lo, ks - 12), ke):
                continue  # "gpg: using RSA key 25B0E576...": an OpenPGP key's fingerprint or
                # its id, which names a public key
            if not quoted and value[0] == "$" and _MEMBER_REF.match(value) and \
                    not looks_random(value[1:], 16):
                continue  # $git_token=$entry->{$git_token}: read from a variable
            if not quoted and value.lower().rstrip(".,;:") in _KEY_DESCRIPTIONS:
                continue  # "the '--password' option is given": the key named, not given
            if not quoted and ks > seg_lo and text[ks - 1] in "?&" and text[ke:ke + 1] == "=" and \
                    text[vs - 1] in " \t":
                continue  # "GET /login?password=&token= HTTP/2.0": a query's parameter left
                # empty, the request line's next word after it
            if g == "sp" and not flag and ident.lower() == "pass" and \
                    not _USER_BEFORE.search(text, max(seg_lo, ks - 96), ks):
                continue  # "Pass 'bulk_ops' to setkey", "pass Unix-style filenames": the verb
                # (fetchmail's 'user "bob" pass "x"' is a password)
            if not quoted and flag and (value.lower() in _FUNCTION_WORDS or
                                        value.lower().endswith("n't") or
                                        value.isalpha() and value.islower() and
                                        _prose_before(text, seg_lo, ks)):
                continue  # "honor --ask-pass when loading", "but -pass isn't", "and
                # --proxy-password respectively": a sentence about the flag goes on
            if g == "sp" and not flag and ident == "passwd" and \
                    not _USER_BEFORE.search(text, max(seg_lo, ks - 96), ks):
                continue  # "passwd bob", "getent passwd bob": the command, the user database
            if not quoted and g == "sp" and value.lower() in _PAM_CONTROLS and \
                    ident.lower() in ("password", "-password"):
                continue  # PAM: "password sufficient pam_unix.so": a module's control flag
            if not quoted and colon and ident.lower() == "passwd" and \
                    _NSS_LINE.match(text, vs, seg_hi):
                continue  # nsswitch.conf: "passwd: files systemd", the user database's sources
            if not quoted and colon and ident == "PASS" and _test_verdict(text, vs, ve, seg_hi):
                continue  # "PASS: gdb.base/break.exp: ...", "--- PASS: TestParse (0.00s)"
            if ident.lower() == "pass" and ks - seg_lo > 2 and _pass_round(text, seg_lo, ks, value):
                continue  # "second pass: breakpoint foo": a round of a run, not a password
            if not quoted and _DOTTED_CALL.match(value):
                continue  # password = getpass.getpass(prompt=..., keyring.get_password(...)
            if quoted and vs > 0 and text[vs - 1] == "`" and (" " in value or "\t" in value):
                continue  # `etcdctl get /x`: a shell command substitution, not a value
            if not quoted and value[0] in "<{[$%" and _opener_placeholder(text, vs, seg_hi):
                continue  # <Openverse API token>, {{ vault_pass }}, $(gcloud auth ...)
            if not quoted and g == "op" and " " in text[ke:vs] and _CODE_REF.match(value) and (
                    "." in value or "(" in value or "[" in value or key_kind(value) is not None) \
                    and sum(c.isdigit() for c in value) <= 2:
                continue  # password = config.db_password, token = getToken() (not s.ZC9Ecf4M5g9o3)
            if not quoted and text[ve:ve + 1] in ("'", '"') and \
                    is_placeholder(_UNQUOTED_ALL.match(text, vs, seg_hi).group()):
                continue  # password=ENV['DB_PASSWORD'], cut at its quote
            if not quoted and _CODE_START.match(text, vs):
                continue  # credentials: new AWS.SharedIniFileCredentials(...), -Credential New-Object
            if not quoted and g == "op" and (
                    value.endswith("[") and _one_of(text[ve:ve + 1], "\"'") and _SUBSCRIPT.match(value) or
                    _MEMBER_OF.match(value) and _CODE_REF.match(value) or
                    (_MEMBER_BEFORE.search(text, max(seg_lo, ks - 8), ks) or
                     text.startswith(("self.", "this."), ks)) and _IDENT.fullmatch(value)):
                continue  # password = request.form['password'], $_POST['password'] (a read, cut
                # at its quote); password=self.password, connect(password=settings.DB_PASSWORD);
                # self.password = password (a traceback's source line: code, not values)
            if kind not in (PASSWORD, SECRET) and _NESTED_AT.match(text, vs, min(seg_hi, ve + 64)):
                continue  # SAS_TOKEN=st=2025-03-04&se=...: a parameter list, read key by key
            if _UUID.match(value) and "kms" in ident.lower():
                continue  # "Rotated KMS key c68f4aec-...", "kms_key: <uuid>": a KMS key's id (its
                # material never leaves KMS)
            if strength == WEAK and (
                    ident.lower() in ("key", "keys") and _UUID.match(value) or
                    kind == SIGNATURE and (ident.lower() in ("signature", "hmac") or _WEBHOOK_SIGNATURE.fullmatch(ident))
                    and before not in ("?", "&", ";", "~")):
                continue  # "key": "<uuid>" (an object's key); "signature": a document's; a
                # webhook's signature header ("X-Checkr-Signature", "X-Twilio-Signature": the
                # HMAC of one request's body, no key; a signed URL's is read in its query)
            if text.find("of", max(seg_lo, ks - 40), ks) >= 0 and \
                    _ABOUT_BEFORE.search(text, max(seg_lo, ks - 40), ks):
                continue  # "SHA1 of given password: 21bd12", "length of the password: 12"
            if not quoted and colon and not quoted_key and \
                    text.startswith(":", ke) and not text[vs - 1].isspace() and \
                    not _mixed_classes(value):
                continue  # pam_unix(chpasswd:chauthtok), gdm-password:session: a name:name pair
            if _own_name(ident, value):
                continue  # refresh_token=refreshToken, clientSecret: client_secret
            if not quoted and _STRUCT_TYPE.fullmatch(value) and _STRUCT_OPEN.match(text, ve) and \
                    not looks_random(value, 16):  # (a token before a note in brackets is a token)
                continue  # a struct's or a record's type as an object dump writes it ("Credentials
                # = Credentials { UserName = ...", Rust's "credentials: Credentials { token: ...",
                # Python's "Credentials(token=...)"): its members are read on their own
            if ks >= 2 and text[ks - 2:ks] == "#<":
                continue  # Ruby's inspect: "#<Credentials:0x00006342c8a35522 @token=...>", the
                # object's class and address
            if not quoted and _CODE_REFERENCE.fullmatch(value) and _names_credential(value) and \
                    (op.group()[:1] in " \t" and op.group()[-1:] in " \t" or
                     ks > seg_lo and text[ks - 1] in "(," or text.endswith(", ", seg_lo, ks)):
                continue  # code that passes a variable holding one: "password = db_password",
                # "connect(host=h, password=db_password)", "apiKey: settings.API_KEY"
            prior = accept(value, kind, strength, quoted)
            if prior is None:
                continue
            done = max(done, ve)
            decisive = strength == STRONG
            if decisive and not quoted and colon:
                if _PROSE.match(value):
                    decisive, prior = False, 0.7  # "password: reset" reads like a status
                elif not quoted_key and text.startswith(":", ke) and not text[vs - 1].isspace():
                    decisive, prior = False, 0.7  # group:artifact, host:port, a:b
            yield emit(vs, ve, prior, 0.97, True, f"{kind}-key", kind, decisive)
            if listed and quoted:
                # '"passwords": ["a", "b"]', '"api_keys": ["k1", "k2", ...]': every item is one
                pos = ve + 1
                for _ in range(256):
                    nxt = _LIST_NEXT_QUOTED.match(text, pos, seg_hi)
                    item = quoted_value(text, nxt.end(), seg_hi) if nxt is not None else None
                    if item is None:
                        break
                    p2 = accept(text[item[0]:item[1]], kind, strength, True)
                    if p2 is not None:
                        yield emit(item[0], item[1], p2, 0.97, True, f"{kind}-key", kind, decisive)
                    pos = item[1] + 1
                done = max(done, pos)
            continue

    @staticmethod
    def _pair_value(batch: Batch, text: str, ks: int, ke: int, seg_lo: int,
                    found: tuple[str, int]) -> tuple[int, int, float] | None:
        """(start, end, prior) of the value a name/value pair gives a credential's name that is
        the pair's name member, written into a text line: {"key": "password", "value": ...},
        {"ParameterKey": "DBPassword", "ParameterValue": ...}, {"Name": "/prod/db/password",
        "Type": "SecureString", "Value": ...}, {"field": "password", "old": "***", "new": ...}
        (a few members may stand between the two); else None."""
        head = _PAIR_NAME.search(text, max(seg_lo, ks - 48), ks)
        if head is None:
            return None
        seg_hi = segment_end(batch, ks)
        member = _PAIR_VALUE.match(text, ke, min(seg_hi, ke + 400))
        if member is None:
            return None
        span = read_value(text, member.end(), min(seg_hi, member.end() + 8200), batch.escaped_spaces)
        if span is None:
            return None
        prior = accept(text[span[0]:span[1]], found[0], found[1], span[2])
        return None if prior is None else (span[0], span[1], prior)

    @staticmethod
    def _far_value(batch: Batch, text: str, far: re.Match, ks: int, seg_lo: int,
                   kind: str) -> tuple[int, int] | None:
        """The value a log line tells after a credential's name and a few words ("Setting
        environment variable DB_PASSWORD to '3079...'", "resolved DD_API_KEY from vault ->
        9b15...", "secret X updated: old=****, new=tM0L...", "KEY is set (value: ...)", "KEY
        (len=40): ...", "Using the API key 77d1... for requests"): only one that looks like a
        secret (random, or a password's mixed classes), never a word or a placeholder."""
        g = far.lastgroup
        if g == "to" and not _SET_BEFORE.search(text, max(seg_lo, ks - 48), ks):
            return None  # "password changed to ...": only a setter says the value comes next
        if g == "use" and not _USING_BEFORE.search(text, max(seg_lo, ks - 40), ks):
            return None
        seg_hi = segment_end(batch, far.end())
        span = read_value(text, far.end(), min(seg_hi, far.end() + 512))
        if span is None:
            return None
        vs, ve, quoted = span
        if g == "is" and not quoted:
            return None
        if g == "use" and not text.startswith((" for ", "\tfor "), ve):
            return None  # "Using the API key 77d1... for requests": the value, then what for
        value = text[vs:ve]
        if not quoted:
            value = value.rstrip(".,;:)'\"")
            ve = vs + len(value)
        if len(value) < 6 or is_placeholder(value) or looks_fake(value) or "://" in value or \
                _PATH.match(value) or _WORDS.match(value):
            return None
        if _UUID.match(value) or looks_random(value, 12) or \
                kind in (PASSWORD, SECRET) and _looks_like_password(value) and \
                not _PROSE.match(value):
            return vs, ve
        if g in ("set", "len", "new") and kind in (PASSWORD, SECRET) and _mixed_classes(value):
            return vs, ve  # "new=secret123": letters and digits where the form puts the value
        return None

    def _reversed_comparison(self, batch: Batch, text: str, p: int, ke: int):
        """``"literal" == password``: the literal compared with a credential is one."""
        seg_lo = segment_start(batch, p)
        left = text[max(seg_lo, p - 96):p][::-1]
        ks = p - _IDENT_LEFT.match(left).end()
        m = _REV_CMP.match(text[max(seg_lo, ks - 8):ks][::-1])
        if not m:
            return None
        q = ks - m.end() - 1
        if q < seg_lo or text[q] not in "\"'":
            return None
        o = text.rfind(text[q], max(seg_lo, q - 4096), q)
        if o < 0:
            return None
        found = key_kind(text[ks:ke].lstrip("$@-"))
        if found is None or accept(text[o + 1:q], found[0], found[1]) is None:
            return None
        kind, strength = found
        return lambda emit: emit(o + 1, q, 0.9, 0.97, True, f"{kind}-compared", kind,
                                 strength == STRONG)

    # -- JSON values under credential keys (the whole value is the secret) --------------------
    def _json_keys(self, batch: Batch, emit):
        if not batch.keys:
            return
        for seg in batch.keyed_segments(_JSON_KEY):
            path = batch.keys[seg]
            parts = path.rsplit(".", 2)
            leaf = re.sub(r"\[\d+\]", "", parts[-1]).strip('[]"')
            found = key_kind(leaf)
            mapped = False
            if found is None and len(parts) > 1:
                parent = re.sub(r"\[\d+\]", "", parts[-2]).strip('[]"')
                if leaf.lower() in _HOLDERS:
                    # {"password": {"value": "..."}}: a member that only holds its parent's value
                    found = key_kind(parent)
                elif parent.lower() in _MAPS and leaf.lower() not in _ABOUT and \
                        leaf.lower() not in _NAME_FIELDS and leaf.lower() not in _DOC_FIELDS:
                    # {"credentials": {"jane": "Hunter2secret!"}}, {"tokens": {"github": ...}}:
                    # a map from names to secrets (its values only where they look like one)
                    found, mapped = key_kind(parent), True
            if found is None:
                continue
            kind, strength = found
            value = batch.segments[seg]
            v = value.strip()
            if mapped and not (_looks_like_password(v) or looks_random(v, 16)):
                continue
            if leaf.lower() in ("key", "keys") and _UUID.match(v):
                continue  # {"Key": "<uuid>"}: an object's key (a HEROKU_KEY's UUID is read)
            if not v or "\n" in v:
                continue
            if _own_name(leaf, v):
                continue  # {"refresh_token": "refreshToken"}: the field's name, a template
            if kind == TOKEN and _object_id_token_keys(batch, seg, path, leaf):
                continue  # an API's ids named tokens (``_object_id_tokens``)
            prior = accept(v, kind, strength)
            if prior is None:
                continue
            s, _ = batch.segment_bounds(seg)
            off = value.find(v)
            m = _SCHEME.match(v)
            if m and len(v) - m.end() >= 6 and kind in (AUTHORIZATION, TOKEN, API_KEY, CREDENTIAL):
                off += m.end()
                v = v[m.end():]
            yield emit(s + off, s + off + len(v), prior, 0.97, True, f"{kind}-json-key", kind,
                       strength == STRONG)

    # -- command lines -------------------------------------------------------------------------
    def _cli(self, batch: Batch, emit):
        text = batch.text
        for m in [*batch.scan(_CURL_U), *batch.scan(_JENKINS_AUTH, lead="-auth")]:
            s0 = m.start()
            if s0 > 0 and not (text[s0 - 1].isspace() or text[s0 - 1] == "-"):
                continue
            seg_hi = segment_end(batch, s0)
            c = self._user_pass(text, m.end(), min(seg_hi, m.end() + 600))
            if c is not None:
                yield emit(*c, 0.9, 0.97, True, "curl-user", "cli_password", True)
        for m in batch.scan(_VALUE_FLAG, lead="--value"):
            # a secret store's put: the parameter's or the secret's name says what the value is
            # ("aws ssm put-parameter --name /prod/db/password --type SecureString --value ...",
            # "az keyvault secret set --vault-name kv --name db-password --value ...")
            lo = max(segment_start(batch, m.start()), m.start() - 240)
            named = [n.group(1) for n in _NAME_FLAG.finditer(text, lo, m.start())]
            secure = _SECURE_TYPE.search(text, lo, min(len(text), m.end() + 240)) is not None
            kind = _key_reading(named[-1].rstrip("/").rsplit("/", 1)[-1]) if named else None
            if kind is None and not (secure and named):
                continue
            span = read_value(text, m.end(), min(segment_end(batch, m.start()), m.end() + 1100))
            if span is None:
                continue
            k = kind if kind is not None else (SECRET, STRONG)
            prior = accept(text[span[0]:span[1]], k[0], k[1], span[2])
            if prior is not None:
                yield emit(span[0], span[1], prior, 0.97, True, "cli-named-value", k[0], True)
        value_at = []  # where a password follows a flag: sshpass -p, redis-cli -a, docker login -p
        for pat in (_SSHPASS, _REDIS_A, _OPENSSL_PASS):
            value_at.extend(m.end() for m in batch.scan(pat))
        value_at.extend(m.end() for m in batch.scan(_OPENSSL_PASSWD, lead="openssl"))
        for m in batch.scan(_LOGIN):
            if _LOGIN_TOOL.search(text, max(0, m.start() - 32), m.start()):
                flag = _LOGIN_P.match(text, m.end())
                if flag:
                    value_at.append(flag.end())
        for pos in value_at:
            seg_hi = segment_end(batch, pos)
            span = read_value(text, pos, min(seg_hi, pos + 1100), batch.escaped_spaces)
            if span is None:
                continue
            vs, ve, _ = span
            if accept(text[vs:ve], PASSWORD, STRONG) is not None:
                yield emit(vs, ve, 0.9, 0.97, True, "cli-password", "cli_password", True)
        # a flag that also names other things (-p: a port, a prompt; AUTH: a log word, an SMTP
        # command) gives a password only where the value looks like one; AUTH only as a command
        # typed at a line's start or a prompt ("redis> AUTH ..."), with the value last
        for pat, lead, last in ((_USER_THEN_P, r"-u[ \t]", False), (_AUTH_CMD, r"AUTH[ \t]", True)):
            for m in batch.scan(pat, lead=lead):
                pos = m.end()
                seg_hi = segment_end(batch, pos)
                if last and not _AT_PROMPT.fullmatch(text, segment_start(batch, m.start()), m.start()):
                    continue
                span = read_value(text, pos, min(seg_hi, pos + 1100))
                if span is None:
                    continue
                vs, ve, quoted = span
                if last and text[ve + quoted:seg_hi].strip():
                    continue
                v = text[vs:ve]
                if _looks_like_password(v) and not is_placeholder(v):
                    yield emit(vs, ve, 0.9, 0.97, True, "cli-password", "cli_password", True)
        # a .pgpass line: host:port:database:user:password (the port a number or '*')
        for m in batch.scan(_PGPASS, lead=(r":[0-9]{4}:", r":[0-9]{5}:", r":\*:")):
            lo, hi = batch.segment_bounds(batch.segment_of(m.start()))
            if not _PGPASS_HOST.fullmatch(text, lo, m.start()) or _HEX_GROUPS.fullmatch(text, lo, hi):
                continue  # (an IPv6 address, fe80:0000:...: hex groups, no port)
            vs, ve = m.end(), hi
            v = text[vs:ve]
            if v and not any(c.isspace() for c in v) and accept(v, PASSWORD, STRONG) is not None:
                yield emit(vs, ve, 0.9, 0.97, True, "pgpass-password", "database_password", True)
        # Terraform: variable "db_password" { default = "..." }: the variable names its default
        for m in batch.scan(_TF_DEFAULT, lead="variable"):
            found = key_kind(m.group(1))
            if found is None:
                continue
            seg_hi = segment_end(batch, m.end())
            span = read_value(text, m.end(), seg_hi)
            if span is not None:
                vs, ve, _ = span
                prior = accept(text[vs:ve], *found)
                if prior is not None:
                    yield emit(vs, ve, prior, 0.97, True, f"{found[0]}-tf-default", found[0],
                               found[1] == STRONG)
        for m in batch.scan(_PIPED, lower=True, lead=("echo", "printf")):
            # echo S3cret | docker login --password-stdin, | sudo -S, | passwd --stdin bob
            if m.start() > 0 and word_char(text[m.start() - 1]) or \
                    m.group(2) and text[m.end(2) - 1] != "S":
                continue  # (sudo -s: a shell reads the commands echoed to it)
            vs, ve = m.span(1)
            if text[vs] in "'\"" and ve - vs >= 2 and text[ve - 1] == text[vs]:
                vs, ve = vs + 1, ve - 1
            if accept(text[vs:ve], PASSWORD, STRONG) is not None:
                yield emit(vs, ve, 0.9, 0.97, True, "cli-password", "cli_password", True)
        for m in batch.scan(_MYSQL_P):
            vs, ve = m.span(1)
            if text[vs] in "'\"":
                vs, ve = vs + 1, ve - 1
            elif ve in batch.escaped_spaces:
                # a blank that an escape stands for is inside the argument (an audit record's
                # hex argument "-pTige r616!", ``audit``): the password reads on past it
                hi = min(segment_end(batch, vs), vs + 1100)
                while ve < hi and ve in batch.escaped_spaces:
                    ve += 1
                    while ve < hi and not text[ve].isspace():
                        ve += 1
            if not is_placeholder(text[vs:ve]):
                yield emit(vs, ve, 0.85, 0.95, True, "mysql-p", "cli_password", True)

    # -- the password argument of well-known tools ---------------------------------------------
    def _tools(self, batch: Batch, emit):
        """The argument that a tool reads as its password: a flag's (sqlcmd -P, ldapsearch -w,
        mongo -p, zip -P, 7z -p...), smbclient's ``-U user%password``, the positional password of
        ``net use``, of ``smbclient //host/share`` and of ``htpasswd -b``. Only after the tool's
        name, as a command word: a flag alone is a port, a count or a format elsewhere."""
        text, lower = batch.text, batch.lower
        if batch.indexed(lower=True):  # the leads' index: one pass for every lead
            at = [m.start() for m in batch.scan(_TOOL, lower=True, lead=_TOOL_LEADS)]
        else:  # a literal scan per name (the alternation would be tried at every position)
            at = sorted(m.start() for pat in _TOOL_HITS for m in batch.scan(pat, lower=True))
        done = 0
        for p in at:
            if p < done:
                continue
            # the name may start before the literal: osql, unzip, unrar
            m = _TOOL.match(lower, p) or p >= 1 and _TOOL.match(lower, p - 1) or \
                p >= 2 and _TOOL.match(lower, p - 2)
            if not m or m.end() <= p:
                continue
            s0 = m.start()
            seg_lo = segment_start(batch, s0)
            if s0 > seg_lo and (text[s0 - 1] not in _COMMAND_BEFORE or
                                _ARTICLE_BEFORE.search(lower, max(seg_lo, s0 - 8), s0)):
                continue  # gzip, mysqlcmd, xnet use; "the sqlcmd -P flag" (prose)
            seg_hi = segment_end(batch, s0)
            end = min(seg_hi, m.end() + 1000)
            end = _json_string_end(text, seg_lo, s0, end)
            words = _command_words(text, m.end(), end)
            done = words[-1][1] if words else m.end()
            if words and lower[words[0][0]:words[0][1]] in _PROSE_AFTER_TOOL:
                continue  # "ran net user with password X": a sentence about the command
            tool = m.group(1).replace("\t", " ")
            tool = ("net user" if "user" in tool else "net use") if tool.startswith("net") else \
                "reg add" if tool.startswith("reg") else tool
            if tool.startswith("impacket-") or tool.endswith(".py"):
                tool = "impacket"
            for vs, ve in _tool_passwords(text, _TOOL_RULES[tool], words):
                value = text[vs:ve]
                if not value.startswith("-") and accept(value, PASSWORD, STRONG) is not None:
                    # the tool and its flag say what the value is, as a key does (0.97)
                    yield emit(vs, ve, 0.97, 0.97, True, "cli-password", "cli_password", True)
        for m in batch.scan(_CHPASSWD_NAME, lower=True, lead="chpasswd"):
            # echo 'user:password' | chpasswd: the password of the pair echoed into it (the
            # last "echo" before the name, read to the name)
            seg_lo = segment_start(batch, m.start())
            k = text.rfind("echo", max(seg_lo, m.start() - 300), m.start())
            e = _CHPASSWD.match(text, k, m.start()) if k >= 0 else None
            if e is None:
                # cloud-init's chpasswd module, its list of pairs ("chpasswd.list: 'centos:pw' is
                # not of type 'array'", "chpasswd: {list: 'root:pw'}"): the password of the pair
                e = _CHPASSWD_LIST.match(text, m.end(), segment_end(batch, m.start()))
            if e is not None and not pair_placeholder(e.group(2), e.group(3)) and \
                    accept(e.group(3), PASSWORD, STRONG) is not None:
                yield emit(e.start(3), e.end(3), 0.97, 0.97, True, "cli-password", "cli_password", True)

    # -- SQL: IDENTIFIED BY '...', SET PASSWORD ... = PASSWORD('...') ---------------------------
    def _sql(self, batch: Batch, emit):
        text, lower = batch.text, batch.lower
        for m in (*batch.scan(_SQL_IDENTIFIED, lower=True),
                  *batch.scan(_SQL_SET_PASSWORD, lower=True, lead=_SQL_SET_LEAD)):
            s0 = m.start()
            if s0 > 0 and word_char(lower[s0 - 1]):
                continue
            seg_lo, seg_hi = segment_start(batch, s0), segment_end(batch, s0)
            if m.re is _SQL_IDENTIFIED and not _SQL_STATEMENT.search(lower, max(seg_lo, s0 - 300), s0):
                continue  # "identified by the server": prose, no CREATE/ALTER USER, GRANT
            vpos = m.end()
            if vpos >= seg_hi:
                continue
            if text[vpos] in "Nn" and text.startswith("'", vpos + 1):
                vpos += 1  # N'...' (T-SQL national string)
            if text[vpos] in _QUOTES:
                span = quoted_value(text, vpos, min(seg_hi, vpos + 1100))
            elif m.re is _SQL_IDENTIFIED:
                w = _SQL_WORD.match(text, vpos, seg_hi)  # Oracle: an unquoted identifier
                span = w.span() if w and w.group().lower() not in _SQL_NOT_PASSWORD else None
            else:
                span = None  # SET PASSWORD = <expression>: a string literal only
            if span is None:
                continue
            vs, ve = span
            if accept(text[vs:ve], PASSWORD, STRONG) is not None:
                yield emit(vs, ve, 0.97, 0.97, True, "sql-password", PASSWORD, True)
        yield from self._sql_columns(batch, emit)

    def _bound(self, batch: Batch, emit):
        """Values a database log names by a credential's column: a statement's bound parameter
        (``[["passwd", "..."]]``, ``SET [Token] = @p0 ... @p0=N'...'``) or the value of an error
        (``Duplicate entry '...' for key 'sessions.session_token_UNIQUE'``): ``statements``."""
        text = batch.text
        segs = hinted(batch)
        if not segs:
            return
        hits = _hit_positions(batch)
        for seg in sorted(segs):
            lo, hi = batch.segment_bounds(seg)
            k = bisect_left(hits, lo)
            if k == len(hits) or hits[k] >= hi:
                continue  # no credential's word: no column named for one
            got = bound_values(batch, seg)
            for s, e, name in zip(*got) if got else ():
                reading = _sql_column_reading(name)
                if reading is None or reading[2]:
                    continue
                kind, strength, _ = reading
                if accept(text[s:e], kind, strength) is not None:
                    yield emit(s, e, 0.97, 0.97, True, "sql-bound", kind, True)

    def _sql_columns(self, batch: Batch, emit):
        """Values under a credential's column: an INSERT's row (``INSERT INTO users (name,
        password) VALUES ('bob', 'Welcome1')``, read by ``sql_values``) or an assignment (``SET
        password_hash = SHA2('Welcome1', 256)``). A string literal under a column named for a
        credential is one; so is the literal a hash function is given under such a column, or
        under one named for the credential's hash (``password_hash``, ``pwd_digest``): the
        statement logs the password before the database hashes it."""
        text = batch.text
        rows_read: set[int] = set()
        for m in batch.scan(_SQL_INSERT_WORDS, lower=True):
            seg = batch.segment_of(m.start())
            if seg in rows_read:
                continue
            rows_read.add(seg)
            rows = sql_values(batch, seg)
            for i, (s, e, name) in enumerate(zip(*rows) if rows else ()):
                pair = self._sql_pair(text, rows, i)
                if pair is not None:
                    yield pair(emit)
                    continue
                reading = _sql_column_reading(name)
                if reading is None:
                    continue
                kind, strength, hashed = reading
                if text[s] == "'" and not hashed:
                    vs, ve = s + 1, e - 1
                else:
                    h = _SQL_HASH_CALL.match(batch.lower, s, e)
                    if h is None:
                        continue
                    vs, ve = h.start(1) + 1, h.end(1) - 1
                if accept(text[vs:ve], kind, strength) is not None:
                    yield emit(vs, ve, 0.97, 0.97, True, "sql-column", kind, True)
        for h in batch.scan(_SQL_HASH_CALL, lower=True, lead=_SQL_HASH_LEADS):
            p = h.start()
            if p > 0 and word_char(batch.lower[p - 1]) or batch.segment_of(p) in rows_read:
                continue
            seg_lo = segment_start(batch, p)
            a = _SQL_ASSIGNED.search(text, max(seg_lo, p - 96), p)
            reading = _sql_column_reading(a.group(1)) if a is not None else None
            if reading is None:
                continue
            kind, strength, _ = reading
            vs, ve = h.start(1) + 1, h.end(1) - 1
            if accept(text[vs:ve], kind, strength) is not None:
                yield emit(vs, ve, 0.97, 0.97, True, "sql-column", kind, True)

    @staticmethod
    def _sql_pair(text: str, rows: tuple, i: int):
        """A settings table's row (``INSERT INTO site_settings (id, name, value) VALUES (1,
        'db_password', 'Summitcopper7150&')``): a literal that names a credential under a name's
        column, then a literal under a value's column: the value is that credential. Returns
        a function of ``emit`` for the value's candidate, or None."""
        starts, ends, names = rows
        if i + 1 >= len(starts) or text[starts[i]] != "'" or text[starts[i + 1]] != "'" or \
                _SQL_PAIR_NAME.fullmatch(names[i].lower()) is None or \
                _SQL_PAIR_VALUE.fullmatch(names[i + 1].lower()) is None:
            return None
        found = _key_reading(text[starts[i] + 1:ends[i] - 1])
        if found is None:
            return None
        vs, ve = starts[i + 1] + 1, ends[i + 1] - 1
        if accept(text[vs:ve], found[0], found[1]) is None:
            return None
        return lambda emit: emit(vs, ve, 0.97, 0.97, True, "sql-pair", found[0], found[1] == STRONG)

    @staticmethod
    def _user_pass(text: str, pos: int, end: int) -> tuple[int, int] | None:
        """The secret of ``user:password`` at ``pos`` (curl ``-u``): the password, quoted or
        not, or the user when the password is empty (an API token as the user name,
        ``-u sk_live_...:``)."""
        span = read_value(text, pos, end)
        if span is None:
            return None
        vs, ve, quoted = span
        if quoted and text.startswith(":", ve + 1):  # "user":"pass"
            nxt = read_value(text, ve + 2, end)
            if nxt and not pair_placeholder(text[vs:ve], text[nxt[0]:nxt[1]]):
                return nxt[0], nxt[1]
            return None
        colon = text.find(":", vs, ve)
        if colon < 0:
            return None
        user = text[vs:colon]
        if user.startswith(("http", "/")) or "${" in user and "}" not in user:
            return None  # a URL; --user=bob%${PW:-x}: the colon of a shell expansion
        if colon + 1 >= ve:
            if not quoted and ve < end and text[ve] in "\"'":  # kevin:'pass'
                nxt = read_value(text, ve, end)
                if nxt and not pair_placeholder(user, text[nxt[0]:nxt[1]]):
                    return nxt[0], nxt[1]
                return None
            # user only: a token used as the user name
            return (vs, colon) if len(user) >= 8 and not is_placeholder(user) else None
        if pair_placeholder(user, text[colon + 1:ve]):
            return None  # username:password, <user:password>, xxx:yyy
        if user.isdigit() and text[colon + 1:ve].isdigit():
            return None  # docker run -u 1000:1000, podman --user 0:0: a uid and a gid
        return colon + 1, ve

    # -- Bearer <token>, Basic <base64 of user:pass> anywhere --------------------------------
    def _schemes(self, batch: Batch, emit):
        text, lower = batch.text, batch.lower
        # an Authorization header's credentials after a scheme of its vendor's ("Authorization:
        # AccessKey Q0Gij1...": MessageBird's; SSWS, GenieKey, Token): a header in quotes
        # (curl's -H "...") ends the key reader's value at the scheme's blank
        for m in batch.scan(_AUTH_SCHEME, lower=True, lead="authorization"):
            s = m.start()
            if (s > 0 and lower[s - 1].isalpha()) or m.group(1) in ("bearer", "basic"):
                continue  # (bearer and basic: read below)
            v = _TOKEN_RUN.match(text, m.end())
            if v and len(v.group()) >= 16 and looks_random(v.group(), 16) and not is_placeholder(v.group()):
                yield emit(v.start(), v.end(), 0.85, 0.97, True, "authorization-scheme", AUTHORIZATION, True)
        for m in batch.scan(_BEARER, lower=True):
            s = m.start()
            if s > 0 and lower[s - 1].isalpha():
                continue
            v = _TOKEN_RUN.match(text, m.end())
            if v and text[v.start()] == "/" and _PATH_PART.search(v.group()):
                continue  # "bearer /org/freedesktop/ModemManager1/Bearer/0": a D-Bus object's path
            if v and not is_placeholder(v.group()) and len(v.group()) >= 16:
                yield emit(v.start(), v.end(), 0.85, 0.97, True, "bearer", "bearer_token",
                           looks_random(v.group(), 16))
        for m in batch.scan(_BASIC, lower=True):
            s = m.start()
            if s > 0 and lower[s - 1].isalpha():
                continue
            v = _B64_RUN.match(text, m.end())
            if v and basic_credentials(v.group()):
                yield emit(v.start(), v.end(), 0.9, 0.97, True, "basic-user-pass", "basic_auth", True)

    # -- "the password is X" -----------------------------------------------------------------
    def _prose(self, batch: Batch, emit):
        text, lower = batch.text, batch.lower
        for m in batch.scan(_WIFI_JOIN, lower=True, lead=("wifi:", "at\\+cwjap")):
            g = 1 if m.group(1) is not None else 2
            if accept(text[m.start(g):m.end(g)], PASSWORD, STRONG) is not None:
                yield emit(m.start(g), m.end(g), 0.9, 0.97, True, "wifi-passphrase", PASSWORD, True)
        for m in batch.scan(_XML_PROPERTY, lower=True, lead="<name>"):
            # a Hadoop-style configuration property ("<property><name>javax.jdo.option.
            # ConnectionPassword</name><value>X</value>"): the value named by its name
            found = _key_reading(text[m.start(1):m.end(1)])
            if found is not None:
                vs, ve = m.span(2)
                if accept(text[vs:ve], found[0], found[1]) is not None:
                    yield emit(vs, ve, 0.9, 0.97, True, "xml-property", found[0], False)
        for m in batch.scan(_IN_SESSION, lower=True, lead=_IN_SESSION_LEADS):
            # a webmail's login in its session ("Successful login for x@y from 1.2.3.4 in
            # session 50qtj1rf3s0kcnobhwimfry1i1", Roundcube's): the session's id, made
            v = m.group("v")
            if any(c.isdigit() for c in v) and looks_random(v, 16):
                yield emit(m.start("v"), m.end("v"), 0.85, 0.95, True, "session-in-prose", SESSION, False)
        for m in batch.scan(_FREE_PASSWORD, lower=True, lead=_FREE_PASSWORD_LEADS):
            if m.start() > 0 and (word_char(lower[m.start() - 1]) or lower[m.start() - 1] == "_"):
                continue  # (a variable's name: "$env:SVC_PASSWORD -AsPlainText")
            seg_hi = segment_end(batch, m.start())
            v = quoted_value(text, m.end() - 1, min(seg_hi, m.end() + 130)) \
                if text[m.end() - 1] in _QUOTES else None
            if v is not None:
                # quoted ("the password is 'Hunter2secret!'", markdown's `Hunter2secret!`): to
                # the closing quote, whatever punctuation ends the value; a backtick's content
                # with a space in it is a command ("`cat /run/secrets/pw`")
                if text[m.end() - 1] == "`" and any(c.isspace() for c in text[v[0]:v[1]]):
                    continue
                value = text[v[0]:v[1]]
            else:  # (an unclosed quote: the words after it)
                v = unquoted_value(text, m.end(), min(seg_hi, m.end() + 130))
                # (a sentence's punctuation after it is not the value's; a '!' is kept: passwords
                # end in one far more often than a sentence that gives one out does)
                value = text[v[0]:v[1]].rstrip(".,;:?)'\"") if v else ""
            if value and value[0] in "/~" and lower.startswith("pwd", m.start()):
                continue  # "PWD: '/Users/maciej'": the working directory
            if value and m.start() > 0 and lower[m.start() - 1] == "/" and _HTTP_VERSION.match(value):
                continue  # "PUT /v1/users/bob/password HTTP/1.1": a request line's path, not prose
            if value and value[0] == "(" and value[1:].isalpha():
                continue  # "without a password (Richard Hughes)": an aside after the word
            if value and text.startswith("PASS:", m.start()) and \
                    _test_verdict(text, v[0], v[0] + len(value), seg_hi):
                continue  # "PASS: gdb.base/break.exp: run to main": a test's verdict
            if value and lower.startswith("pass", m.start()) and m.start() > 1 and \
                    _pass_round(text, 0, m.start(), value):
                continue  # "second pass: breakpoint foo": a round of a run
            if value and (_DATE_VALUE.match(value) or
                          text[m.end() - 1] not in _QUOTES and _ATTRIBUTE.match(value)):
                continue  # "Password Last Set: 2024-12-23" (Windows 4738); "field=password ...
                # minlength=12": a date, another attribute
            if value:
                if (_looks_like_password(value) or _short_password(value, 9) and
                        _NOUN_IS.match(lower, m.start(), m.end()) and
                        (m.start() == 0 or lower[m.start() - 1] in " \t\"'(")) and \
                        not is_placeholder(value):
                    yield emit(v[0], v[0] + len(value), 0.75, 0.95, True,
                               "password-free-text", PASSWORD, False)
        # a value before the words that name it a password: "j'ai mis bella418 comme mot de
        # passe", "puse Madrid1991! de clave", "I set Summer2024! as my password", "hab
        # fussball36 als Passwort genommen"
        for p in _hit_positions(batch):
            noun = _NAMED_NOUN.match(lower, p)
            if noun is None or (p > 0 and word_char(lower[p - 1]) and not lower.startswith("passe", p)) or \
                    _NOUN_MODIFIED.match(lower, noun.end()):
                continue
            seg_lo = segment_start(batch, p)
            before = _AS_BEFORE.search(lower, max(seg_lo, p - 24), p)
            if before is None or (lower.startswith("passe", p) and not before.group("mot")):
                continue
            v = _VALUE_BEFORE.search(text, max(seg_lo, before.start() - 66), before.start())
            if v is None:
                continue
            value = v.group(2)
            if v.group(1) is not None and value[-1:] in ")]\"'*":
                value = value[:-1]
            if value and (_looks_like_password(value) or _short_password(value, 9)) and \
                    not is_placeholder(value) and not _DATE_VALUE.match(value):
                yield emit(v.start(2), v.start(2) + len(value), 0.75, 0.95, True,
                           "password-named-after", PASSWORD, False)
        # a noun of a language written without spaces, its particle, the value (``_SPACELESS_IS``)
        for p in _hit_positions(batch):
            if lower[p] < "\u3000" or (p > 0 and lower[p - 1].isascii() and word_char(lower[p - 1])):
                continue  # (ASCII and other scripts' nouns: the readers above)
            m = _SPACELESS_IS.match(text, p)
            if m is None:
                continue
            value = m.group(2)
            if m.group(1):  # a bracket or a quote opened before it closes after it
                close = value.rfind(_CLOSING[m.group(1)])
                value = value[:close] if close > 0 else value
            value = value.rstrip(".,;:'\"")
            if (_looks_like_password(value) or _short_password(value, 9)) and not is_placeholder(value):
                yield emit(m.start(2), m.start(2) + len(value), 0.75, 0.95, True,
                           "password-free-text", PASSWORD, False)
        # a login given as a pair: "login: jdoe / Ch@ngeMe42x", "creds are admin/Summer2024!"
        for m in batch.scan(_PAIR, lower=True, lead=_PAIR_LEADS):
            if m.start() > 0 and word_char(lower[m.start() - 1]):
                continue
            seg_hi = segment_end(batch, m.start())
            v = unquoted_value(text, m.end(), min(seg_hi, m.end() + 130))
            value = text[v[0]:v[1]].rstrip(".,;:?)'\"") if v else ""
            # (a path goes on after another slash: "creds: vault/secret/prod", no password;
            # "imap-login: Login: user=<...>": a word and the next key, no user and password)
            if value and "/" not in value and _looks_like_password(value) and not _DATE_IN.search(value) and \
                    m.group(1) not in _PAIR_NOT_USER and not _KEY_START.match(value) and \
                    not is_placeholder(value) and \
                    not pair_placeholder(text[m.start(1):m.end(1)], value):
                yield emit(v[0], v[0] + len(value), 0.75, 0.95, True, "password-pair",
                           PASSWORD, False)


    def _vault_rows(self, batch: Batch, emit):
        """A password manager's export row without its header (Chrome's, LastPass', 1Password's,
        Bitwarden's CSV): a site's URL field, the next field its user's name or address, the
        next the password, and a TOTP seed after it where there is one ('"Okta","https://acme.
        okta.com","ops@globex.io","K>LwHC8x+xO1o;8_O","",""', ',,login,AWS root,,,0,https://
        signin.aws.amazon.com,admin,Iho(eJuGKjxFQ6f,B5J5WRU5J7O5R3YG...'). The password must
        look like one (mixed classes, no blank, no date): a log's CSV row of a URL, a user and
        a status ("https://x/login,bob,200,OK") holds none."""
        text = batch.text
        first = [_VAULT_URL.match("," + text[:300])] if text.startswith("http") else []
        for m in [*first, *batch.scan(_VAULT_URL, lead=_VAULT_LEADS)]:
            if m is None:
                continue
            s, e = (0, m.end() - 1) if m.string is not text else (m.start() + 1, m.end())
            quoted = s > 0 and text[s - 1] == '"'
            b = s - 1 - quoted
            if b >= 0 and text[b] not in ",\n":
                continue  # (not a field of its own)
            at = e + 1 + quoted
            if text[e:at] != ('",' if quoted else ","):
                continue
            fields = []
            for _ in range(3):
                f = _CSV_FIELD.match(text, at)
                if f is None:
                    break
                g = 1 if f.group(1) is not None else 2
                fields.append((f.start(g), f.end(g)))
                at = f.end() + 1
                if not text.startswith(",", f.end()):
                    break
            if len(fields) < 2:
                continue
            (us, ue), (ps, pe) = fields[0], fields[1]
            pw = text[ps:pe]
            if not _VAULT_USER.fullmatch(text, us, ue) or not _vault_password(pw):
                continue
            yield emit(ps, pe, 0.9, 0.97, True, "password-manager-row", PASSWORD, True)
            if len(fields) == 3 and _TOTP_SEED.fullmatch(text, *fields[2]):
                yield emit(*fields[2], 0.9, 0.97, True, "password-manager-row", "totp_seed", True)

    def _slash_pairs(self, batch: Batch, emit):
        """A user and a password written "user / password" after a word of logging in or of
        credentials ("used admin / jFl=QQrk... on staging", "creds: svc_ci / Tq8#vLm2xz"): the
        spaced slash found first (rarer than the words), the words read back from it; the
        password must look like one ("using read / write", "with TCP / 443" hold none)."""
        text = batch.text
        at = text.find(" / ")
        while at >= 0:
            m = _SLASH_VALUE.match(text, at)
            if m is not None:
                lo = max(segment_start(batch, at), at - 96)
                pw = m.group(1)
                if _looks_like_password(pw) and "/" not in pw and not _DATE_IN.search(pw) and \
                        _SLASH_USER_BEFORE.search(text, lo, at) is not None and not is_placeholder(pw):
                    yield emit(m.start(1), m.end(1), 0.85, 0.95, True, "user-slash-password", PASSWORD, True)
            at = text.find(" / ", at + 3)

    # -- a password typed where a login asked for the user ------------------------------------
    def _typed_as_user(self, batch: Batch, emit):
        """The user of a failed login that is a password: people type their password at the
        login prompt, and sshd, login and Windows log it as the user that failed
        ("Failed password for invalid user Maverick1992= from ...", "FAILED LOGIN (1) on
        '/dev/tty6' FOR 'Winter76_'", event 4625's TargetUserName). Only a value that no
        account name looks like: letters of both cases and a digit, or a symbol beyond . _ - @
        (an e-mail is a user name)."""
        text = batch.text
        for m in batch.scan(_FAILED_USER, lead=_FAILED_USER_LEADS):
            g = next(g for g in ("u", "u2", "u3") if m.group(g) is not None)
            user, us, ue = m.group(g), m.start(g), m.end(g)
            if len(user) > 2 and user[0] in "'\"" and user[-1] == user[0]:
                user, us, ue = user[1:-1], us + 1, ue - 1  # (quoted: Redmine's "for 'user3' from")
            if _PASSWORD_NOT_USER(user) and not is_placeholder(user):
                yield emit(us, ue, 0.9, 0.97, True, "password-as-user", PASSWORD, True)
        # a failed sign-in's record that names its user in a field ("user_name" of Auth0's "fu"
        # event, Entra's "userPrincipalName" with error 50126, event 4625's TargetUserName): the
        # same, where the record speaks of the failure
        for m in batch.scan(_USER_FIELD, lower=True, lead=_USER_FIELD_LEADS):
            if m.start() > 0 and word_char(text[m.start() - 1]):
                continue
            g = 1 if m.start(1) >= 0 else 2 if m.start(2) >= 0 else 3
            user = text[m.start(g):m.end(g)]  # (as written: the scan is on the lower-cased text)
            lo, hi = batch.segment_bounds(batch.segment_of(m.start()))
            if _PASSWORD_NOT_USER(user) and "\\" not in user and not is_placeholder(user) and \
                    _sign_in_failed(batch, max(lo, m.start() - 1500), min(hi, m.end() + 1500)):
                yield emit(m.start(g), m.end(g), 0.9, 0.97, True, "password-as-user", PASSWORD, True)
        # FreeRADIUS with auth_badpass/auth_goodpass: "Login incorrect (...): [user/password]"
        for m in batch.scan(_RADIUS_LOGIN, lead=("Login incorrect", "Login OK")):
            pw = m.group(2)
            if m.group(1).lower() == "host" or _HOST_NAME.fullmatch(pw):
                continue  # "[host/WKS-3637.corp.example.net]": a machine's account, its name
            if not pw.startswith("<") and not is_placeholder(pw) and accept(pw, PASSWORD, STRONG) is not None:
                yield emit(m.start(2), m.end(2), 0.9, 0.97, True, "radius-logged-password", PASSWORD, True)
        # Roblox's session cookie (.ROBLOSECURITY), its warning included: whoever has it is logged in
        for m in batch.scan(_ROBLOX_COOKIE, lead="_\\|WARNING:-DO-NOT-SHARE"):
            yield emit(m.start(), m.end(), 0.97, 0.97, True, "roblox-cookie", "roblox_cookie", True)
        # a one-time credential in a link's path ("https://.../reset/b8017a2b106a8e53...")
        for m in batch.scan(_PATH_TOKEN, lower=True, lead=_PATH_TOKEN_LEADS):
            v = text[m.start(1):m.end(1)]
            if looks_random(v, 16) and not is_placeholder(v):
                yield emit(m.start(1), m.end(1), 0.9, 0.97, True, "url-path-token", TOKEN, True)

    # -- credentials passed to an API, and typed at a prompt ---------------------------------
    def _literal_args(self, batch: Batch, emit):
        """A builder's credential method's literal (``_BUILDER``) and a JWT's signing secret
        (``_JWT_SIGN``)."""
        text = batch.text
        for pat, lead, kind in ((_BUILDER, (r"\.password", r"\.passwd", r"\.secret", r"\.client",
                                             r"\.api", r"\.access", r"\.auth"), PASSWORD),
                                (_JWT_SIGN, (r"jwt\.", r"jsonwebtoken\.", r"jose\."), SECRET)):
            for m in batch.scan(pat, lower=True, lead=lead):
                v = quoted_value(text, m.end(), min(segment_end(batch, m.start()), m.end() + 600))
                if v is None:
                    continue
                value = text[v[0]:v[1]]
                strength = STRONG if kind == PASSWORD or len(value) >= 8 else WEAK
                prior = accept(value, kind, strength, True)
                if prior is not None and not is_placeholder(value):
                    yield emit(v[0], v[1], prior, 0.97, True, "credential-call-literal", kind, True)

    def _calls(self, batch: Batch, emit):
        """The password argument of well-known credential constructors and of a requests-style
        ``auth=(user, password)`` tuple (``NetworkCredential("bob", "pw")``,
        ``HTTPBasicAuth('bob', 'pw')``), the string PowerShell's ``ConvertTo-SecureString ...
        -AsPlainText`` turns into a password, and a password typed after a prompt that names its
        user (``[sudo] password for bob: pw``, ``Password for 'https://bob@host': pw``)."""
        text = batch.text
        for m in batch.scan(_CRED_CALL, lower=True, lead=_CRED_CALL_LEADS):
            if m.start() > 0 and word_char(text[m.start() - 1]):
                continue
            seg_hi = segment_end(batch, m.start())
            user = quoted_value(text, m.end(), min(seg_hi, m.end() + 300)) \
                if _one_of(text[m.end():m.end() + 1], "\"'") else None
            if user is None:
                continue
            comma = _ARG_COMMA.match(text, user[1] + 1, seg_hi)
            if comma is not None and text.startswith("Some(", comma.end()):
                comma = _SOME.match(text, comma.end(), seg_hi)  # (Rust's Option: Some("pw"))
            if comma is None or text[comma.end():comma.end() + 1] not in "\"'":
                continue
            pw = quoted_value(text, comma.end(), min(seg_hi, comma.end() + 1100))
            if pw is not None and not pair_placeholder(text[user[0]:user[1]], text[pw[0]:pw[1]]) and \
                    accept(text[pw[0]:pw[1]], PASSWORD, STRONG) is not None:
                yield emit(pw[0], pw[1], 0.97, 0.97, True, "credential-call", PASSWORD, True)
        for m in batch.scan(_POSITIONAL_CALL, lower=True, lead=_POSITIONAL_LEADS):
            # (not the end of a longer name: "mypymysql.connect"; a method's own name is read
            # after its dot: ".login(")
            if m.start() > 0 and word_char(text[m.start() - 1]) and m.group(1) != "login":
                continue
            name = m.group(1).split()[-1].lstrip("\\")
            at = _POSITIONAL_CALLS.get(name, _POSITIONAL_CALLS.get(name.split(".")[-1], 2))
            args, whole = _call_args(text, m.end(), min(segment_end(batch, m.start()), m.end() + 2400))
            if not args or name == "login" and (len(args) != 2 or not whole):
                continue
            if at < 0:
                vs, ve, quoted = args[0]
                o = _ORACLE_CONNECT.match(text, vs, ve) if quoted else None
                if o is None:
                    continue
                vs, ve = o.span(2)
            elif len(args) > at and args[at][2]:
                vs, ve, _ = args[at]
                user = args[at - 1]
                if user[2] and pair_placeholder(text[user[0]:user[1]], text[vs:ve]):
                    continue
            else:
                continue
            if vs < ve and accept(text[vs:ve], PASSWORD, STRONG) is not None:
                yield emit(vs, ve, 0.97, 0.97, True, "credential-call", PASSWORD, True)
        for m in batch.scan(_SECURE_STRING, lower=True, lead="convertto-securestring"):
            seg_hi = segment_end(batch, m.start())
            span = quoted_value(text, m.end() - 1, min(seg_hi, m.end() + 1100))
            if span is None or "-asplaintext" not in m.group() and \
                    not _AS_PLAIN_TEXT.match(batch.lower, span[1] + 1, seg_hi):
                continue
            if accept(text[span[0]:span[1]], PASSWORD, STRONG) is not None:
                yield emit(span[0], span[1], 0.97, 0.97, True, "secure-string", PASSWORD, True)
        for m in batch.scan(_NAME_VALUE, lower=True, lead=_NAME_LEAD):
            # {"name": "DB_PASSWORD", "value": "..."} (Kubernetes env, AWS tags and parameters
            # written into a text line): the name is the value's key
            if m.start() > 0 and word_char(text[m.start() - 1]):
                continue
            found = key_kind(text[m.start(1):m.end(1)])
            if found is None:
                continue
            seg_hi = segment_end(batch, m.start())
            span = read_value(text, m.end(), min(seg_hi, m.end() + 8200), batch.escaped_spaces)
            if span is None:
                continue
            kind, strength = found
            prior = accept(text[span[0]:span[1]], kind, strength, span[2])
            if prior is not None:
                yield emit(span[0], span[1], prior, 0.97, True, f"{kind}-name-value", kind,
                           strength == STRONG)
        for m in batch.scan(_PROMPT_FOR, lower=True, lead="password for"):
            if m.start() > 0 and word_char(text[m.start() - 1]):
                continue
            seg_hi = segment_end(batch, m.start())
            span = read_value(text, m.end(), min(seg_hi, m.end() + 1100), batch.escaped_spaces)
            if span is not None and accept(text[span[0]:span[1]], PASSWORD, STRONG) is not None:
                yield emit(span[0], span[1], 0.9, 0.97, True, "password-prompt", PASSWORD, True)

    # -- a quoted random string that stands alone ------------------------------------------
    def _quoted_random(self, batch: Batch, emit):
        """A string literal that is one random token and stands alone: the whole line or value
        (``"2b00042f7481c7b0..."``), or a labelled one whose label is not a name
        (``String #2: "c3VwZXIgbG9uZyBz..."``). The thresholds are those secret scanners publish
        (detect-secrets: hex entropy above 3.0 bits per character, base64 above 4.5), with 32 or
        more hex digits, and letters mixed with digits. A literal among others (a row, a list,
        a call's arguments, quoted log fields), after words (``doc ID '1HXhs...'``), under a key
        that names it (``etag: "..."``), used as a key (``{"5ab0...": 1}``), a path, or a name
        holding a GUID is an identifier: real logs are full of them. Not decisive."""
        text = batch.text
        for m in (*batch.scan(_DQ_TOKEN, lead=_DQ_LEAD), *batch.scan(_SQ_TOKEN, lead=_SQ_LEAD)):
            s, e = m.start(), m.end()
            if _AFTER_LITERAL.match(text, e) is None:
                continue  # "5ab0...": a key; "...", "...": one of several (most end here)
            v = m.group(1)
            if _HEX_ANY.match(v):
                if len(v) < 32 or v.isdigit() or v.isalpha() or entropy(v) <= 3.0:
                    continue
            elif entropy(v) <= 4.5 or not _DIGIT_ANY.search(v) or char_classes(v) < 3:
                continue
            seg = batch.segment_of(s)
            if batch.keys and batch.keys[seg]:
                continue  # a JSON value: its key names it ("etag": "\"33a64df5...\"")
            seg_lo = batch.starts[seg]
            lo = max(seg_lo, s - 64)  # bounded: linear in the batch
            head = text[lo:s]
            if lo > seg_lo or head.strip():
                label = _LABEL.search(head)
                if label is None or (label.start() == 0 and lo > seg_lo) or _KEYED.search(head):
                    continue  # after words, in a list or row, under a key that names it
            if _PATH_LIKE.match(v) or "//" in v or _GUID_IN.search(v):
                continue  # a path; AmazonSecurityLake-4820c06e-9d69-...: a name with an id
            if is_placeholder(v) or looks_fake(v):
                continue
            yield emit(m.start(1), m.end(1), 0.8, 0.95, True, "quoted-random",
                       "high_entropy_string", False)


# a string literal of one token (base64, base64url, hex), 20 to 1024 characters; one pattern
# per quote, each starting with its literal (the engine skips to it at memory speed)
# credential constructors and a requests-style auth tuple: (user, password), both quoted
_CRED_CALL = re.compile(r"(?:networkcredential|httpbasicauth|httpdigestauth|httpproxyauth|"
                        r"usernamepasswordcredentials|passwordauthentication|basicauthentication|"
                        r"plaincredentials|usernamepasswordtoken|"
                        # a request's basic auth (Go's SetBasicAuth, reqwest's .basic_auth, a
                        # builder's withBasicAuth) and LDAP's simple bind (dn, password)
                        r"set_?basic_?auth|with_?basic_?auth|basic_?auth|simple_bind(?:_s)?)[ \t]*\([ \t]*|"
                        r"auth[ \t]*=[ \t]*\([ \t]*")
_CRED_CALL_LEADS = ("networkcredential", "httpbasicauth", "httpdigestauth", "httpproxyauth",
                    "usernamepasswordcredentials", "passwordauthentication", "basicauthentication",
                    "plaincredentials", "usernamepasswordtoken", "auth", "setbasic", "set_basic",
                    "withbasic", "with_basic", "basic", "simple_bind")
# a builder's or a setter's method named after the credential, with a literal ('.password(
# "LanternRiver40")', ".apiKey('...')"), and a JSON Web Token's signing secret, the second
# argument of jwt.sign/jwt.encode
_BUILDER = re.compile(r"\.(?:password|passwd|secret|client_?secret|api_?key|access_?token|auth_?token)"
                      r"[ \t]*\([ \t]*(?=[\"'])")
_JWT_SIGN = re.compile(r"(?:jwt|jsonwebtoken|jose)\.(?:sign|encode)[ \t]*\([^,()\n]{1,80},[ \t]*(?=[\"'])")
_ARG_COMMA = re.compile(r"[ \t]*,[ \t]*")
_SOME = re.compile(r"Some\([ \t]*")
# database and file-transfer clients' calls that take the password as a positional argument (its
# index from 0): JDBC's DriverManager.getConnection(url, user, pw), PDO and mysqli's (dsn or host,
# user, pw), PyMySQL's and MySQLdb's connect(host, user, pw, db), ftplib's FTP(host, user, pw),
# PHP's ftp_login/ssh2_auth_password/ldap_bind(conn, user-or-dn, pw), Sequelize(db, user, pw),
# the mongo shell's db.auth(user, pw) and db.changeUserPassword(user, pw); any client's
# .login(user, pw) with two arguments (smtplib, ftplib, imaplib, Net::FTP). Oracle's
# connect("user/pw@host") holds the password in its first argument (-1 below).
_POSITIONAL_CALLS = {
    "drivermanager.getconnection": 2, "pymysql.connect": 2, "mysqldb.connect": 2, "pdo": 2,
    "mysqli": 2, "mysqli_connect": 2, "mysqli_real_connect": 3, "mysql_connect": 2, "mysql_pconnect": 2,
    "ftplib.ftp": 2, "ftp_tls": 2, "ftp_login": 2, "ssh2_auth_password": 2, "ldap_bind": 2,
    "sequelize": 2, "db.auth": 1, "db.changeuserpassword": 1, "login": 1,
    "cx_oracle.connect": -1, "oracledb.connect": -1,
}
_POSITIONAL_CALL = re.compile(r"(drivermanager\.getconnection|pymysql\.connect|mysqldb\.connect|"
                              r"new[ \t]+\\?(?:pdo|mysqli|sequelize)|mysqli_(?:real_)?connect|mysql_p?connect|"
                              r"(?:ftplib\.)?ftp(?:_tls)?(?=[ \t]*\()|ftp_login|ssh2_auth_password|ldap_bind|"
                              r"db\.auth|db\.changeuserpassword|(?<=\.|>)login|cx_oracle\.connect|oracledb\.connect)"
                              r"[ \t]*\(")
_POSITIONAL_LEADS = ("drivermanager", "pymysql", "mysqldb", "new[ \t]", "mysqli_", "mysql_", "ftplib", "ftp",
                     "ssh2_auth", "ldap_bind", r"db\.auth", r"db\.change", "login[ \t(]", "cx_oracle",
                     "oracledb")
# an argument: a quoted literal, or a bare expression without commas, quotes or brackets
# ($conn, self.host, 3306, None); a call or a literal of another kind ends the reading
_CALL_ARG = re.compile(r"""[ \t]*(?:(?P<q>"(?:[^"\\\n]|\\.){0,1100}"|'(?:[^'\\\n]|\\.){0,1100}')|"""
                       r"""(?P<bare>[\w$.:\->@]{1,200}))[ \t]*(?P<sep>[,)])""")
# Oracle's connect string: user/password@host (the password to the last '@')
_ORACLE_CONNECT = re.compile(r"([\w$#]{1,128})/(.{1,256})@[\w.\-:/\[\]]{1,256}\Z", re.S)


def _call_args(text: str, pos: int, end: int) -> tuple[list[tuple[int, int, bool]], bool]:
    """(start, end, quoted) of the arguments of the call whose arguments start at ``pos``, up to
    the first that is neither a literal nor a plain name (an object, a nested call), and whether
    they were all (the list reached the closing parenthesis)."""
    out: list[tuple[int, int, bool]] = []
    while len(out) < 8:
        m = _CALL_ARG.match(text, pos, end)
        if m is None:
            return out, False
        if m.group("q"):
            out.append((m.start("q") + 1, m.end("q") - 1, True))
        else:
            out.append((*m.span("bare"), False))
        pos = m.end()
        if m.group("sep") == ")":
            return out, True
    return out, False
_SECURE_STRING = re.compile(r"convertto-securestring[ \t]+(?:-string[ \t]+)?[\"']"
                            # (the flags first: "ConvertTo-SecureString -AsPlainText 'pw' -Force")
                            r"|convertto-securestring[ \t]+(?:-force[ \t]+)?-asplaintext[ \t]+"
                            r"(?:-force[ \t]+)?(?:-string[ \t]+)?[\"']")
_AS_PLAIN_TEXT = re.compile(r"[^|;\n]{0,40}-asplaintext")
# a name/value pair whose name is the key: "name": "DB_PASSWORD", "value": (also Name=..., Value=)
_NAME_VALUE = re.compile(r"""name["']?[ \t]*[:=][ \t]*["']?([a-z_][\w.\-]{0,63})["']?[ \t]*,[ \t]*"""
                         r"""["']?value["']?[ \t]*[:=][ \t]*""")
# the name member of a name/value pair right before a credential's name (``Generic._pair_value``;
# a path's directories may come first: "Name": "/prod/db/password"), and the value member after
# it, a few other members between ("Type": "SecureString", "old": "***")
# (either member's value may be wrapped in an object that names its type, DynamoDB's:
# {"key": {"S": "sftp_password"}, "value": {"S": "..."}}, ``base.TYPE_TAGS``)
# (OpenTelemetry's array of them: {"arrayValue": {"values": [{"stringValue": "..."}]}}, a header's
# values under its name, "http.request.header.x-api-key")
_TAG_OPEN = (r"""(?:\{[ \t]*["']?(?i:""" + TYPE_TAGS + r""")["']?[ \t]*:[ \t]*"""
             r"""|\{[ \t]*["']?(?i:arrayvalue)["']?[ \t]*:[ \t]*\{[ \t]*["']?(?i:values)["']?[ \t]*:[ \t]*"""
             r"""\[[ \t]*\{[ \t]*["']?(?i:stringvalue)["']?[ \t]*:[ \t]*)?""")
_PAIR_NAME = re.compile(r"""(?i)(?<![\w])["']?(?:name|key|k|id|type|parameterkey|parameter_?name|optionname|field|"""
                        r"""field_?name|variable|var|param|setting|property|attribute|property_?name|"""
                        r"""attribute_?name|column_?name|"""
                        # (JSON Patch's and SCIM's operation: {"op": "replace", "path": "/password",
                        # "value": ...})
                        r"""path)["']?[ \t]*[:=][ \t]*"""
                        + _TAG_OPEN + r"""["'](?:[\w.\-]*/)*\Z""")
# a key's object value up to its "value" member (``Generic`` keys: terraform output's wrapper)
_OBJECT_VALUE = re.compile(r"""["']?[ \t]*[:=][ \t]*\{(?:[ \t]*["'][A-Za-z_][\w\-]{0,30}["'][ \t]*:[ \t]*"""
                           r"""(?:"[^"\n]{0,80}"|'[^'\n]{0,80}'|[\w.\-]{1,40})[ \t]*,){0,4}[ \t]*"""
                           r"""["'](?:value|val|v)["'][ \t]*:[ \t]*""")
_PAIR_VALUE = re.compile(r"""["'][ \t]*\}?[ \t]*,[ \t]*(?:["']?[A-Za-z_]\w{0,30}["']?[ \t]*[:=][ \t]*"""
                         r"""(?:"[^"\n]{0,80}"|'[^'\n]{0,80}'|[\w.\-*]{1,80}|\{[^{}\n]{0,80}\})[ \t]*,[ \t]*){0,3}"""
                         r"""["']?(?i:value|val|v|parametervalue|parameter_value|optionvalue|new|new_?value|"""
                         r"""secret_?value|secretstring|"""
                         # (a field's change: its old and new values, an audit trail's)
                         r"""old_?value|previous_?value|current_?value|field_?value|property_?value|"""
                         r"""attribute_?value|fromstring|tostring)["']?[ \t]*[:=][ \t]*""" + _TAG_OPEN)
# Terraform's plan of a change: the attribute, its old value (up to the arrow's quote), its new one
_PLAN_KEY_REV = re.compile(r"[ \t]*=[ \t]*([\w\-]{1,61})(?![\w\-])")  # on the reversed text
_PLAN_NEW = re.compile(r"((?:[^\"\\\n]|\\.){1,1024})\"")
# a pipeline's logging command that sets a variable (``Generic._pipeline_variables``)
_PIPELINE_SET = re.compile(r"##vso\[task\.setvariable variable=(?P<name>[A-Za-z_][\w.\-]{0,80})"
                           r"(?P<flags>;[^\]\n]{0,200})?\]|::set-output name=(?P<name2>[A-Za-z_][\w.\-]{0,80})::")
_PIPELINE_VALUE = re.compile(r"[^\s\"'`]{1,1024}")
# OAuth's authorization code (``Generic._oauth_codes``): the parameter, the flow's other words
_OAUTH_CODE = re.compile(r"[?& ]code=")
_OAUTH_FLOW = re.compile(r"redirect_uri|grant_type=authorization_code|code_verifier")
_OAUTH_VALUE = re.compile(r"[A-Za-z0-9._~\-]{20,512}+(?![A-Za-z0-9._~\-%])")
# protocol commands that carry a password (``Generic._protocols``), the value in group v
_PROTOCOL_COMMANDS = (
    (re.compile(r"PASS (?P<v>[^\s\"']{1,128}+)(?=[ \t]*(?:$|\n|\\[nr]))", re.M), "PASS "),
    # (IMAP's LOGIN after its tag: "a001 LOGIN ana pw"; "pop3d: LOGIN FAILED, ip=..." is a message)
    (re.compile(r"(?<=[A-Za-z0-9] )LOGIN (?:\"[^\"\n]{1,128}\"|[^\s\",]{1,128}) "
                r"(?P<v>\"[^\"\n]{1,128}\"|[^\s\"]{1,128})(?=[ \t]*(?:$|\n|\\[nr]))", re.M), "LOGIN "),
    (re.compile(r'"AUTH"(?: "[^"\n]{1,128}")? (?P<v>"[^"\n]{1,256}")'), '"AUTH"'),
    (re.compile(r"AUTH PLAIN (?P<v>[A-Za-z0-9+/]{8,}={0,2})"), "AUTH PLAIN "),
    # (an OAuth 2.0 login's initial response: base64 of "user=...\x01auth=Bearer <token>...";
    # AUTH LOGIN's with the base64 user or password on the same line, after the command or
    # past a transcript's direction marks: "C: AUTH LOGIN | C: VGlnZXIxOTkxJA==")
    (re.compile(r"AUTH XOAUTH2 (?P<v>[A-Za-z0-9+/]{16,}={0,2})"), "AUTH XOAUTH2 "),
    (re.compile(r"AUTH OAUTHBEARER (?P<v>[A-Za-z0-9+/]{16,}={0,2})"), "AUTH OAUTHBEARER "),
    (re.compile(r"AUTH LOGIN(?:[ \t]|\\r|\\n|[~<>|]|C:){1,12}(?P<v>[A-Za-z0-9+/]{4,}={0,2})"), "AUTH LOGIN"),
    # SMTP's AUTH LOGIN: the client's answer to the server's base64 "Password:" prompt (334
    # UGFzc3dvcmQ6), across the transcript's direction marks ("<~ 334 UGFzc3dvcmQ6 ~> <b64>")
    (re.compile(r"334 UGFzc3dvcmQ6(?:[ \t]|\\r|\\n|[\r\n]|[~<>|]|[CS]:){1,12}(?P<v>[A-Za-z0-9+/]{4,}={0,2})"),
     "334 UGFzc3dvcmQ6"),
    # a mail relay's stored login: Postfix's sasl_passwd ("[smtp.gmail.com]:587 user@x:pw"), a
    # bracketed relay host and its submission port, and sendmail's authinfo ('"U:user" "P:pw"')
    (re.compile(r"(?<=[A-Za-z0-9])\]:(?:25|465|587|2525)[ \t]+[^\s:]{1,64}:(?P<v>[^\s]{1,128})(?=\s|$)", re.M),
     "\\]:"),
    (re.compile(r'"U:[^"\n]{1,128}"[ \t]+(?:"I:[^"\n]{0,128}"[ \t]+)?"P:(?P<v>[^"\n]{1,128})"'), '"U:'),
    # an IDS's record of an FTP command, its argument a member apart (Suricata's eve.json:
    # "ftp":{"command":"PASS","command_data":"XUE*f9l1tA96",...})
    (re.compile(r'"command"[ \t]*:[ \t]*"PASS"[ \t]*,[ \t]*"command_data"[ \t]*:[ \t]*'
                r'(?P<v>"(?:[^"\\\n]|\\.){1,256}")'), '"command"'),
    # Asterisk's SIP registration with a provider (sip.conf, iax.conf): "register =>
    # user[:secret[:authuser]]@host[:port][/extension]"
    (re.compile(r"register[ \t]*=>[ \t]*[^:@\s]{1,64}:(?P<v>[^:@\s]{1,128})(?::[^:@\s]{1,64})?@[\w.\-]"),
     "register"),
)
# (the commands whose own words say what the value is, wherever they stand in a line)
_ANYWHERE = ("334 UGFzc3dvcmQ6", "\\]:", '"U:', '"command"', "register")
_IMAP_TAG = re.compile(r"(?:^|[ \t>:])[A-Za-z]{0,4}\d{1,6}[ \t]+\Z", re.M)
_TEST_CASE = re.compile(r"[a-z][a-z0-9]*(?:(?:_|::|/|\.)[a-z0-9]+)+")
# what stands before a protocol command: a transcript's direction or a client's prompt
# ("C: ", "-> ", "ftp> ", "---> "), an IMAP tag ("a001 "), Redis MONITOR's client ("...51234] ")
# (or a client library's debug line that quotes what it sends: smtplib's "send: 'AUTH PLAIN ...'")
# (or a protocol log's direction field: Exchange's "...,10.0.0.5:50386,<,AUTH PLAIN ...,")
_PROTOCOL_BEFORE = re.compile(r"(?:[>:\]][ \t]+['\"]?|^[ \t]*|\b[A-Za-z]{0,4}\d{1,6}[ \t]+|,[<>],)\Z", re.M)
# network devices' configuration commands whose next token is a secret (``Generic._devices``):
# (pattern on the lower-cased text, its leads, whether the value must look made: the typed
# password form is also a sentence's words)
_DEVICE_COMMANDS = (
    (re.compile(r"snmp-server community "), "snmp-server community", False),
    # (and where it sends traps, its community after the version: "snmp-server host 192.0.2.9
    # version 2c <community> udp-port 162"; Junos' "set snmp community <community>"; a trap
    # receiver's "SNMP v2c, community <community>")
    (re.compile(r"snmp-server host [^\s]{1,64} (?:(?:informs|traps) )?version (?:1|2c) "),
     "snmp-server host", False),
    (re.compile(r"set snmp community "), "set snmp community", False),
    (re.compile(r"snmp v(?:1|2c),? community "), ("snmp v1", "snmp v2c"), False),
    # a scanner's finding of one ("SNMP community string was found : pHzps5DNSbV8un-h")
    (re.compile(r"community strings? (?:was |were )?found[ \t]*:[ \t]*"), "community string", False),
    # an IPsec tunnel's pre-shared key (ASA's "ikev1 pre-shared-key", Junos' "pre-shared-key
    # ascii-text"), a Junos protocol's "authentication-key" (its $9$ form: reversible)
    (re.compile(r"pre-shared-key (?:ascii-text |hexadecimal |[0-9] )?"), "pre-shared-key", False),
    (re.compile(r"authentication-key (?=\")"), "authentication-key", False),
    # HAProxy's statistics page login: "stats auth admin:<password>"
    (re.compile(r"stats auth [^\s:]{1,64}:"), "stats auth", False),
    (re.compile(r"(?:tacacs|radius)-server (?:[^\n;|]{0,80}? )?key (?:[067] )?"),
     ("tacacs-server", "radius-server"), False),
    (re.compile(r"isakmp key (?:[067] )?"), "isakmp key", False),
    (re.compile(r"key-string (?:[067] )?"), "key-string", False),
    (re.compile(r"(?:message-digest|authentication)-key \d{1,3} md5 (?:[067] )?"),
     ("message-digest-key", "authentication-key"), False),
    (re.compile(r"snmp(?:walk|get|bulkwalk|bulkget|set|getnext|table|trap|inform|check|df)"
                r" (?:[^\n;|]{0,60}? )?-c ?"), "snmp", False),
    # (without the type digit, the words are also a message's: "Invalid username or password
    # entered", "enable password incorrect"; the value must then look made)
    (re.compile(r"username [^\s]{1,64} (?:privilege \d{1,2} )?(?:password|secret) (?P<t>[05789] )?"),
     "username ", None),
    (re.compile(r"enable (?:password|secret) (?:level \d{1,2} )?(?P<t>[05789] )?"), "enable ", None),
    (re.compile(r"(?:password|secret) [05789] "), ("password ", "secret "), True),
)
_DEVICE_VALUE = re.compile(r"\"(?P<q>[^\"\s]{4,256}+)\"|[^\s\"'`]{4,256}+(?![^\s\"'`])")  # (quoted: Junos; a logged command's
# closing quote ends it too: "executed 'tunnel-group ... pre-shared-key <key>'")
# (its lead: "name" and the character after it: "hostname", "username" are in every log line)
_NAME_LEAD = "name[:=\"' \t]"
# a prompt that names the account, then what was typed: "[sudo] password for bob: ..."
_PROMPT_FOR = re.compile(r"password for (?!(?:user|username|user ?id|account|login|the|a|an|this|that|"
                         r"your|his|her|their|new|root user|admin user)(?![\w'\"@.\-]))"
                         r"(?:'[^'\n]{1,200}'|\"[^\"\n]{1,200}\"|[^\s:'\"]{1,64}):[ \t]+(?=\S)")
_DQ_TOKEN = re.compile(r'''"([A-Za-z0-9+/_\-]{20,1024}+={0,2})"''')
_SQ_TOKEN = re.compile(r"""'([A-Za-z0-9+/_\-]{20,1024}+={0,2})'""")
_DQ_LEAD, _SQ_LEAD = r'"[A-Za-z0-9+/_\-]{20}', r"'[A-Za-z0-9+/_\-]{20}"  # how every match starts
_HEX_ANY = re.compile(r"\A[0-9A-Fa-f]+\Z")
_DIGIT_ANY = re.compile(r"\d")
_PATH_LIKE = re.compile(r"/[a-z0-9_.\-]{2,}/|[a-z0-9_.\-]{2,}/[a-z0-9_.\-]{2,}/")  # /usr/x, var/log/x
_GUID_IN = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-")
# a key and an operator right before a literal: name: "v", name = 'v', "name": "v", name => "v"
_KEYED = re.compile(r"""(?<![\w#$@.\-])[A-Za-z_][\w.\-]{0,40}["'\]]?[ \t]*(?::=|=>|==|=|:)[ \t]*\Z""")
# a label ending in a colon right before the literal (after the previous statement, if any)
_LABEL = re.compile(r"(?:\A|[;.][ \t]+)[^;:\"'=(),\[\]{}]{1,40}:[ \t]+\Z")
# what may follow a standalone literal: the end of the value, a statement's end, a comment
_AFTER_LITERAL = re.compile(r"[ \t]*(?:[;,]?[ \t]*(?:\Z|\n|#|//)|;[ \t]+[A-Z])")
_JSON_KEY = re.compile(r"pass|pwd|pw(?![a-z])|psk|secret|token|key|auth|cred|signature|contrase|senha|"
                       r"mdp|wachtw|kennw|hasl|hesl|lozink|salasan|parola|clave|sifre|hasł|lösen|"
                       + _HITS_BEYOND_ASCII.pattern + "|" + _PHRASE.pattern)
# curl -u user:pass, curl --user user:pass, wget --http-password: the password after the colon
# a secret store's value flag, the name flag before it, and a type that says it is a secret
_VALUE_FLAG = re.compile(r"--value(?:[ \t]+|=)")
_NAME_FLAG = re.compile(r"--(?:name|secret-id|parameter-name)(?:[ \t]+|=)[\"']?([^\s\"']{1,200})")
_SECURE_TYPE = re.compile(r"--type(?:[ \t]+|=)[\"']?SecureString|keyvault secret set|secretsmanager|"
                          r"secrets (?:create|versions add)")
# curl -u / --user / --proxy-user; the Jenkins CLI's "-auth user:apitoken" (not "-auth @file")
_CURL_U = re.compile(r"-u(?:ser)?(?:[ \t]+|=)")
_JENKINS_AUTH = re.compile(r"-auth[ \t]+(?=[^\s@$:]{1,64}:\S)")
_SSHPASS = re.compile(r"sshpass[ \t]+-p[ \t]*")
_OPENSSL_PASS = re.compile(r"-pass(?:in|out)?[ \t]+pass:")  # openssl's pass phrase argument
# (and the password "openssl passwd" hashes: "useradd -p $(openssl passwd -6 'WSe^l7+hZ!*8SLp')
# deploy", its options before it; found through the leads' index)
_OPENSSL_PASSWD = re.compile(r"openssl[ \t]+passwd(?:[ \t]+-(?:1|5|6|apr1|aixmd5|crypt|quiet|noverify)"
                             r"|[ \t]+-salt[ \t]+\S{1,40})*[ \t]+(?=['\"]|[^\s\-$])")
_REDIS_A = re.compile(r"redis-cli\b[^\n]{0,120}?[ \t]-a[ \t]+")
# psexec / net use / plink -u USER -p PASSWORD (mysql's "-p db" prompts: the value must look
# like a password); Redis AUTH [user] password, the command's last word
_USER_THEN_P = re.compile(r"-u[ \t]+[^\s\-]\S{0,80}[ \t]+-p[ \t]+")
_AUTH_CMD = re.compile(r"AUTH[ \t]+(?!(?:LOGIN|PLAIN|CRAM-MD5|DIGEST-MD5|XOAUTH2?|OAUTHBEARER|NTLM|GSSAPI)\b)"
                       r"(?:[^\s\-][^\s]{0,80}[ \t]+)?")  # (not SMTP's AUTH <mechanism>)
_AT_PROMPT = re.compile(r"[ \t]*|.{0,64}>[ \t]*")
# a .pgpass line from the port on (the host before it is checked apart: ``_PGPASS_HOST``)
_PGPASS = re.compile(r":(?:[1-9][0-9]{3,4}|\*):[^:\s]{1,128}:[^:\s]{1,128}:")
_HEX_GROUPS = re.compile(r"[0-9A-Fa-f:.%\w]*:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f:.]*")
_PGPASS_HOST = re.compile(r"[\w.\-*]{1,255}")
_TF_DEFAULT = re.compile(r'variable[ \t]+"([\w\-]{1,128})"[ \t]*\{[^}\n]{0,200}?(?<![\w.])default[ \t]*=[ \t]*')
# docker login -p: found from "login" (a literal scan), the tool before it, the flag after it
_LOGIN = re.compile(r"login\b")
# a password written to a command that reads it from standard input (on the lower-cased text)
_PIPED = re.compile(r"""(?:echo|printf)[ \t]+(?:-[ne]{1,2}[ \t]+)?(?:(?:'%s(?:\\n|\n)?'|"%s(?:\\n|\n)?")[ \t]+)?"""
                    r"""('[^']{1,256}'|"[^"]{1,256}"|[^\s|;&'"]{1,256})[ \t]*\|[ \t]*"""
                    r"(?:sudo[ \t]+(?:-\w+[ \t]+)*(-\w*s)\b|[^|;&\n]{0,160}?[ \t]--password-stdin\b|"
                    r"passwd[ \t]+--stdin\b)")
_LOGIN_TOOL = re.compile(r"(?:docker|podman|helm|oras|skopeo|buildah|nerdctl|az|oc|cf|argocd)[ \t]+"
                         r"(?:registry[ \t]+)?\Z")
_LOGIN_P = re.compile(r"[^\n]{0,160}?[ \t](?:-p|--password)(?:[ \t]+|=)")
# "mysql -u root -pS3cret", "mysqldump -psecret": the password glued to -p, bare or quoted as a
# shell script quotes it ("mysql -u root -p'Pk&9ZE4mcSdM' -h db")
_MYSQL_P = re.compile(r"mysql(?:dump|admin|import|sh)?(?: [^\n]{0,80}?)? -p(?=[^\s\-])"
                      r"('[^'\n]{1,128}'|\"[^\"\n]{1,128}\"|[^\s'\"]{3,128})")
_BEARER = re.compile(r"bearer[ \t]+(?=[a-z0-9\-._~+/])")
_AUTH_SCHEME = re.compile(r"authorization[\"']?[ \t]*[:=][ \t]*[\"']?([a-z][a-z\-]{1,20})[ \t]+(?=[a-z0-9\-._~+/])")
_BASIC = re.compile(r"basic[ \t]+(?=[a-z0-9+/])")
_TOKEN_RUN = re.compile(r"[A-Za-z0-9\-._~+/]{1,4096}+=*")
_B64_RUN = re.compile(r"[A-Za-z0-9+/]{4,1024}+={0,2}(?![A-Za-z0-9+/=])")
# "password is X", "passphrase: X"; the short nouns only with "is"/"was" or a colon ("pw is X",
# "pwd: X", "my pass is X"): "the pass expired" is no password (and the value must look like one)
_FREE_PASSWORD = re.compile(r"(?:"
                            # the noun, a word or two about it ("temporaire", "del portale"),
                            # then a colon or a verb ("is", "lautet", "est", "es", "é"), in the
                            # languages the cascade reads; tried first: "password del portale è X"
                            r"(?:passwort|kennwort|mot de passe|contrase\xf1a|contrasena|wachtwoord|senha|"
                            r"password|passphrase|parola d'ordine|palavra-passe|clave de acceso|"
                            # and the noun as it is often misspelt in chats ("my pasword is X")
                            r"pasword|passwrod|passowrd|"
                            # (and its short forms, with whose it is: "pw for the shared admin
                            # account is X", "pwd for the wifi/guest portal: X")
                            r"pwd?(?= for )|passwd(?= for ))"
                            r"(?: (?!(?:policy|policies|hint|length|rules?|requirements?|reset|strength|format)"
                            r"(?![a-z]))[a-z\xe0-\xff']{2,14}){0,2}"
                            # whose it is: "password for user admin is X", "password for bob@x: X"
                            r"(?: (?:for|f\xfcr|pour|para|per|voor) (?:(?:(?:the|den|das|l'|el|il|o|het|de) ?)?(?:user|account|login|benutzer|"
                            r"utilisateur|usuario|utente|gebruiker) |(?:the|our|their|your|my|this|that) )?[a-z0-9_.@/\-]{1,64}"
                            # (of two words: "passphrase for the guest network: X")
                            # (or three: "password for the ADP outbound integration is X")
                            r"(?: (?!(?:is|was|est|es|ist|war)(?![a-z]))[a-z]{2,16}){0,2})?"
                            # and a clause that goes back to it ("my password got leaked, it
                            # was X", "the password, which is X")
                            # ("reset my password, the current one is X")
                            r"(?:,? (?:it|which|that|the (?:current|old|new|temporary|temp|last|previous|existing) one))?"
                            r" ?(?::|(?:lautet|ist|est|es|is(?: now)?|\xe9|\xe8|era|war|was):?"
                            # German's noun set or changed to a value: "das Kennwort auf X geändert"
                            r"|(?<=wort) auf"
                            # (a help desk's reset for its user: "temp pwd for bob@x.com set to X")
                            r"| (?:(?:was|has been|got|is) )?(?:reset|changed|set|updated) to)"
                            # a reset's new value, as a help desk's note gives it ("pw reset to
                            # X", "password was changed to X")
                            r"|(?:password|passwd|pwd?|pass) (?:(?:was|has been|got|is) )?"
                            r"(?:reset|changed|set|updated) to"
                            r"|pass(?:word|phrase)(?: (?:is now|is|was|to|of|set to))?:?"
                            r"|(?:pwd?|passwd|passcode|pass)(?: (?:is now|is|was|to|set to)|:)"
                            r"|(?:using|with) (?:the )?(?:pass|pwd?|passwd)"
                            # (and in French: "j'ai essayé avec le mot de passe X")
                            r"|avec (?:(?:le|mon|ce|votre) )?mot de passe"
                            r") ['\"`]?(?=\S)")
def _json_string_end(text: str, lo: int, s: int, hi: int) -> int:
    """Where a JSON string that holds ``s`` ends, if ``s`` is in one ('"CommandLine":"cmdkey.exe
    /pass:\\"pw\\"","CurrentDirectory":...', or as the batch reads it decoded, '... /pass:"pw"",
    "CurrentDirectory":...'): the first quote after ``s`` that the next member or the object's
    end follows, no escaped one; else ``hi``. A command's words end with its string."""
    q = text.rfind('"', max(lo, s - 300), s)
    while q > lo and text[q - 1] == "\\":  # (an escaped quote inside the string: further back)
        q = text.rfind('"', max(lo, s - 300), q - 1)
    if q <= lo or not text[max(lo, q - 3):q].rstrip().endswith((":", "[", ",")):
        return hi
    for m in _JSON_STRING_END.finditer(text, s, hi):
        j = m.start()
        k = j
        while k > q and text[k - 1] == "\\":
            k -= 1
        if (j - k) % 2 == 0:
            return j  # (an even number of backslashes before it: not an escaped quote)
    return hi


# a JSON string's closing quote: the next member, or the end of its object or array, after it
_JSON_STRING_END = re.compile(r'"(?=[ \t]*(?:,[ \t]*"|[}\]]|\Z))')


# a shell variable's default ("${X:-default}", "${X:=default}"): the operator, the default
_SHELL_DEFAULT = re.compile(r"(?P<op>:[-=])")
# a configuration property's name and value elements (``Generic._prose``)
# (TR-069's ParameterValueStruct too: "<Name>...WLANConfiguration.1.KeyPassphrase</Name><Value
# xsi:type=\"xsd:string\">...</Value>")
_XML_PROPERTY = re.compile(r"<name>[ \t]*([a-z_][\w.\-]{0,127})[ \t]*</name>[ \t\r\n]*(?:\\n[ \t]*)*"
                           r"<value(?:[ \t][^<>]{0,80})?>[ \t]*([^<\s][^<]{0,511}?)[ \t]*</value>")
# a Wi-Fi network's passphrase as a QR code encodes it ("WIFI:T:WPA;S:HomeNet;P:CQ_050?7-g;;") and
# as an ESP module's AT command sends it ('AT+CWJAP="HomeNet","#pGR2ywPqKBW67!"'), on the lower-
# cased text (the value's span is the text's)
_WIFI_JOIN = re.compile(r"wifi:(?:[tsh]:(?:[^;\\]|\\.){0,64};){0,3}p:((?:[^;\\\s]|\\.){1,63});"
                        r"|at\+cwjap(?:_def|_cur)?=\"(?:[^\"\\]|\\.){0,64}\",\"((?:[^\"\\]|\\.){1,63})\"")
# a login's session named in prose (``Generic._prose``): the preposition, the noun, the id
_IN_SESSION = re.compile(r"(?:in|with|for|from) session[ \t]+(?P<v>[a-z0-9]{20,64})(?![\w\-.])")
_IN_SESSION_LEADS = ("in session", "with session", "for session", "from session")
# a type's name (a capital first, letters and digits), then what opens its members
_STRUCT_TYPE = re.compile(r"[A-Z][A-Za-z0-9_]{2,63}")
_STRUCT_OPEN = re.compile(r"[ \t]*[{(]")
# ``Generic._mainframe`` (on the lower-cased text; the value's span is the text's)
_MAINFRAME = re.compile(r"(?<![\w.])(?:pass(?:word)?|pwd|newpwd|curpwd)\((?P<cl>[^()\s'\"]{1,128})\)"
                        r"|(?<![\w])(?:userid|snodeid|pnodeid)=\([ \t]*[^,()\s]{1,64}[ \t]*,[ \t]*"
                        r"(?P<cd>[^,()\s]{1,128})[ \t]*[,)]"
                        r"|(?<![\w])connect[ \t]+to[ \t]+[\w.\-]{1,64}[ \t]+user[ \t]+[^\s'\"]{1,64}[ \t]+using[ \t]+"
                        r"(?:'(?P<db2q>[^'\n]{1,128})'|(?P<db2>[^\s'\";]{1,128}))")
_MAINFRAME_LEADS = ("pass", "pwd\\(", "newpwd\\(", "curpwd\\(", "userid=\\(", "snodeid=\\(", "pnodeid=\\(", "connect")
# a PIN and its digits (``Generic._pins``), on the lower-cased text: the noun (a kind of it
# before: "one-time", "atm", "card", "account"), "code"/"number" may follow, then "is"/"was",
# ':', '=', '#' or a blank, then 4 to 8 digits; not "pin count", "gpio pin", "pin-sha256"
_PIN_OWNERS = ("portout", "port_out", "port-out", "portin", "port_in", "port-in", "account", "acct", "transfer",
               "security", "atm", "card", "debit", "customer", "subscriber", "voicemail", "voice_mail",
               "voice-mail", "vm", "sim", "ebt", "ivr", "wireless", "carrier")
_PIN = re.compile(r"(?:(?<![a-z0-9_\-])"
                  # (or after a word that names whose PIN: a number port's, an account's, a card's:
                  # "port_out_pin", <AccountPin>, "transfer_pin"; read back from "pin", the lead;
                  # the owners' last letters tried first: "mapping", "typing" fail at once)
                  r"|(?<=[" + "".join(sorted({w[-1] for w in _PIN_OWNERS} | {"_", "-"})).replace("-", "\\-") + r"])(?:"
                  + "|".join(f"(?<={w}{sep})" for w in _PIN_OWNERS for sep in ("", "_", "-")) + r"))"
                  r"pin(?:[ _-]?(?:code|number|no\.?|#))?"
                  # (whose: "the PIN for my debit card is 601426", "il PIN del bancomat è 3226")
                  r"(?:[ \t]+(?:for|of|on|to|del|della|dello|de|du|do|da|des|f\xfcr|zu)(?:[ \t]+[a-z\xe0-\xff']{1,12}){1,4}?"
                  r"(?=[ \t]+(?:is|was|\xe8|es|est|ist|\xe9|era|war)[ \t]))?"
                  r"(?:[ \t]+(?:is|was|would be|will be|\xe8|es|est|ist|\xe9|era|war|"
                  # (a key's closing quote, an element's '>': "pin": "4649", <AccountPin>1624...)
                  r"=|:))?[\"']?[ \t]*[:=#>]?[ \t]*[\"']?(\d{4,8})(?![\w\-]|[.:/]\d)")
_PIN_LEADS = ("pin",)
_POSTAL_PIN = re.compile(r"pin[ _-]?code[ \t]*[:\-]?[ \t]*\Z")
# a login and its password as a pair after the words that give one out ("login: jdoe / X",
# "creds are admin/X", "user/pass: admin / X"): the user, a slash or a colon glued to both
# ("bob:X"; "Logon ID:\t\t0x3E7" is a label and its value), the password
# (a colon right after the word: "CRED   :32A:241012EUR..." is a SWIFT message's operation code,
# then its next field's tag)
_PAIR = re.compile(r"(?:log[io]n|creds?|credentials|(?:user(?:name)?|u) ?/ ?p(?:ass(?:word)?|w)?)"
                   # (whose: "Admin login for their portal: jdoe / X")
                   r"(?: for (?:the |our |their |your |my |this )?[a-z0-9\-]{1,20})?"
                   r"(?: (?:are|is|was))?(?::[ \t]*|[ \t]*=[ \t]*|[ \t]+)"
                   # (not a SWIFT field's tag: ":23B:CRED:32A:240206EUR..." is the operation
                   # code, then the next field)
                   r"(?!\d\d[a-z]?:)([a-z0-9._@\-]{2,32})(?:[ \t]*/[ \t]*|:)(?=\S)")
_PAIR_NOT_USER = frozenset(("login", "logon", "user", "username", "password", "pass", "pw", "creds",
                            "id", "credentials", "error", "failed", "ok", "success"))
_KEY_START = re.compile(r"[A-Za-z_][\w.\-]*[=:]")
# another attribute and its value, unquoted: a name in one case, capitalized or in camel case,
# digits at its end only ("minlength=12", "minLength=12", "ID=5", "h2=x"), not a password's
# mixed run ("xXZTn4EoN9O=o7w20Y", "Ab3xZ9q=Lm4pQ7")
_ATTRIBUTE_WORD = r"(?:[a-z_]+(?:[A-Z][a-z_]+)*|[A-Z][a-z_]+(?:[A-Z][a-z_]+)*|[A-Z][A-Z_]*)"
_ATTRIBUTE = re.compile(_ATTRIBUTE_WORD + r"(?:[.\-]" + _ATTRIBUTE_WORD + r")*[0-9]*=\S")
_DATE_VALUE = re.compile(r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})"
                         r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?\Z")
_PAIR_LEADS = ("login", "logon", "cred", "user/p", "user /", "username/", "username /", "u/p",
               "u / p")  # how every match starts
_FREE_PASSWORD_LEADS = ("pass", "pw", "using", "with", "kennwort", "mot de", "contrase", "wachtwoord",
                        "senha", "parola", "pasw", "palavra", "clave de", "avec")  # how every match starts


# -- tools and the argument they read as a password -------------------------------------------------
# rules: ("flag", "-P", how) the word after the flag ("sep"), glued to it ("glued"), or both;
# ("smb-user",) -U/--user user%password; ("smb-service",) the word after //host/share;
# ("net-use",) the first word after the share that is no /option; ("htpasswd",) with -b, the
# third positional (the second with -n)
_FLAG_P_SQL = (("flag", "-P", "both"),)
_LDAP = (("flag", "-w", "both"),)
_TOOL_RULES = {
    # Mosquitto's clients (-P password) and its password file tool (mosquitto_passwd -b FILE
    # USER PASSWORD)
    **{t: (("flag", "-P", "sep"), ("flag", "--pw", "sep")) for t in ("mosquitto_sub", "mosquitto_pub", "mosquitto_rr")},
    "mosquitto_passwd": (("last-positional", "-b"),),
    "sqlcmd": _FLAG_P_SQL, "bcp": _FLAG_P_SQL, "osql": _FLAG_P_SQL,
    **{f"ldap{t}": _LDAP for t in ("search", "modify", "add", "delete", "whoami", "compare", "modrdn",
                                    "exop")},
    "ldappasswd": (("flag", "-w", "both"), ("flag", "-a", "both"), ("flag", "-s", "both")),
    **{t: (("smb-user",),) for t in ("rpcclient", "smbcacls", "smbget", "smbcquotas")},
    "smbclient": (("smb-user",), ("smb-service",)),
    "smbtar": (("flag", "-p", "sep"),),
    "net use": (("net-use",),),
    "htpasswd": (("htpasswd",),),
    **{f"mongo{t}": (("flag", "-p", "sep"),) for t in ("", "sh", "dump", "restore", "export", "import",
                                                        "stat", "top", "files")},
    "zip": (("flag", "-P", "sep"),), "unzip": (("flag", "-P", "sep"),),
    **{t: (("flag", "-p", "glued"),) for t in ("7z", "7za", "7zr", "rar", "unrar")},
    "openssl": (("flag", "-k", "sep"),),  # openssl enc -k <password>
    "ssh-keygen": (("flag", "-N", "both"), ("flag", "-P", "both")),  # new and old passphrase
    # RabbitMQ's user management, a Wi-Fi passphrase, Windows accounts, remote desktop and
    # FTP clients, and the login brute-forcer (-p one password; -P is a file of them)
    "rabbitmqctl": (("positional", ("add_user", "change_password"), 1),),
    "wpa_passphrase": (("positional", (), 1),),
    "net user": (("positional", (), 1),),
    "xfreerdp": (("flag", "/p:", "glued"),), "wlfreerdp": (("flag", "/p:", "glued"),),
    "lftp": (("user-comma", "-u"),),
    "hydra": (("flag", "-p", "sep"),),
    # MinIO's client: mc alias set NAME URL ACCESS SECRET (mc config host add, before it)
    "mc": (("positional", ("set", "add"), 3),),
    # Impacket's tools: [[domain/]user[:password]@]target
    "impacket": (("target",),),
    # Windows: a stored credential, a scheduled task's run-as password, a remote shell's
    "cmdkey": (("flag", "/pass:", "glued"), ("flag", "/PASS:", "glued")),
    # (and the remote system's login: "/S host /U DOMAIN\\user /P password")
    "schtasks": (("flag", "/rp", "sep"), ("flag", "/RP", "sep"), ("flag", "/p", "sep"), ("flag", "/P", "sep")),
    # a registry value's data under a credential's name ("reg add HKLM\\... /v ApiKey /d X")
    "reg add": (("reg-data",),),
    "winrs": tuple(("flag", f, "glued") for f in ("-p:", "/p:", "-password:", "/password:")),
}
_TOOL = re.compile(r"(sqlcmd|bcp|osql|ldap(?:search|modify|add|delete|whoami|compare|modrdn|exop|passwd)|"
                   r"smbclient|rpcclient|smbcacls|smbget|smbcquotas|smbtar|net(?:\.exe)?[ \t]+use|htpasswd|"
                   r"mongo(?:sh|dump|restore|export|import|stat|top|files)?|(?:un)?zip|7z[ar]?|(?:un)?rar|"
                   r"openssl|ssh-keygen|rabbitmqctl|wpa_passphrase|net(?:\.exe)?[ \t]+user|(?:x|wl)freerdp|lftp|hydra|mc|"
                   r"impacket-[a-z]+|(?:psexec|smbexec|wmiexec|dcomexec|atexec|secretsdump|gettgt|getst|"
                   r"getuserspns|getnpusers|mssqlclient)\.py|cmdkey|schtasks|winrs|reg[ \t]+add|"
                   r"mosquitto_(?:sub|pub|rr|passwd))"
                   r"(?:\.exe)?(?=[ \t])")
# how every match starts (fixed width: found with every other lead, in one pass)
_TOOL_LEADS = ("sqlcmd", "bcp[ .\t]", "osql", "ldap", "smb", "rpcclient", "net[ \t]use", "htpasswd",
               "mongo", "zip[ .\t]", "unzip", "7z", "rar[ .\t]", "unrar", "openssl", "ssh-keygen",
               "rabbitmqctl", "wpa_passphrase", "net[ \t]user", "xfreerdp", "wlfreerdp", "lftp", "hydra",
               "mc[ \t]", "impacket-", "psexec", "smbexec", "wmiexec", "dcomexec", "atexec", "secretsd",
               "gettgt", "getst", "getuserspn", "getnpuser", "mssqlclie", "cmdkey", "schtasks", "winrs",
               "net[ \t][ \t]", "net\\.exe[ \t]", "reg[ \t]", "mosquitto_")
# where a tool's name may start, elsewhere: one literal scan each
_TOOL_HITS = tuple(re.compile(w) for w in ("sql", "bcp", "ldap", "smb", "rpcc", "net", "htpasswd",
                                           "mongo", "zip", "7z", "rar", "openssl", "ssh-keygen",
                                           "rabbitmqctl", "wpa_pass", "freerdp", "lftp", "hydra", "mc",
                                           "impacket-", "exec", "secretsd", "get", "mssqlclie", "cmdkey",
                                           "schtasks", "winrs", "reg", "mosquitto_"))
# a sentence's word right after a tool's name: prose about it, no command line
_PROSE_AFTER_TOOL = frozenset("with and or to for on in of is was the an command commands account "
                              "accounts via from by".split())
# what may stand right before a command's name: a space, a path, a quote, a shell operator
_COMMAND_BEFORE = frozenset(" \t/\\\"'`;|&(=:>")
# a line break written in a logged string: a backslash and n or r, after an even number of other
# backslashes (two before n are an escaped backslash: the UNC path \\\\nas\\share)
_LOGGED_BREAK = re.compile(r"(?<!\\)(?:\\\\)*\\[nr]")
# a tool's name after an article is a sentence's noun, not a command ("the sqlcmd -P flag")
_ARTICLE_BEFORE = re.compile(r"(?<![a-z])(?:the|a|an|this|that|its|each|every)[ \t]+\Z")
# a word of a command line: unquoted characters, escapes, quoted strings (an unclosed quote alone)
# (a line break inside quotes is the argument's: a decoded \n or \r of a logged command)
_WORD = re.compile(r"""(?:[^\s"'\\]|\\.|"(?:[^"\\]|\\.)*+"|'[^']*+'|["'\\])++""", re.S)
_COMMAND_END = frozenset(("|", "||", "&&", ";", "&", ";;"))


def _command_words(text: str, pos: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the words of the command whose arguments start at ``pos``: to ``end``, a
    shell operator (``|``, ``;``, ``&&``), a redirection, a line break written in a logged
    string outside quotes, or 40 words."""
    out: list[tuple[int, int]] = []
    while len(out) < 40:
        while pos < end and text[pos] in " \t":
            pos += 1
        m = _WORD.match(text, pos, end)
        if m is None:
            break
        w = m.group()
        if w in _COMMAND_END or w[0] in "<>|" or w.startswith(("&&", "2>", "1>")):
            break
        close = w.find("</") if "'" not in w and '"' not in w else -1
        if close >= 0:
            # an element's end tag glued to the last word: the command line was the element's
            # text ("<Data Name='CommandLine'>net.exe user svc_backup /domain</Data>...")
            if close > 0:
                out.append((m.start(), m.start() + close))
            break
        if "\\" in w and "'" not in w and '"' not in w:  # (a quoted "\\n" is the value's)
            nl = _LOGGED_BREAK.search(text, m.start(), m.end())
            if nl is not None and account_backslash(text, nl.start()):
                nl = None  # "/user:ACME\rmaxwell11": a Windows account, no line break
            if nl is not None:
                if nl.start() > m.start():
                    out.append((m.start(), nl.start()))
                break
        out.append(m.span())
        pos = m.end()
        if w[-1] == ";" and not w.endswith("\\;"):
            break  # the statement ends with the word
    return out


def _arg_span(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The value of the argument ``text[s:e]``: inside its quotes, or unquoted to where a value
    ends."""
    if s >= e:
        return None
    if text[s] in "\"'" or text.startswith('\\"', s):
        span = quoted_value(text, s, e)
        if span is not None and span[1] + 1 < e and text[s] in "\"'":
            # 'S3cr'et9 or 'ab'"cd": the shell joins the pieces into one argument
            return s + 1, e - 1 if text[e - 1] in "\"'" else e
        return span
    return unquoted_value(text, s, e)


def _tool_passwords(text: str, rules, words: list[tuple[int, int]]):
    """Spans of the passwords that ``rules`` read in a command's ``words``."""
    for rule in rules:
        kind = rule[0]
        if kind == "flag":
            flag, how = rule[1], rule[2]
            for i, (ws, we) in enumerate(words):
                if not text.startswith(flag, ws):
                    continue
                if we - ws == len(flag):
                    if how != "glued" and i + 1 < len(words):
                        nxt = words[i + 1]
                        if text[nxt[0]] != "-":
                            span = _arg_span(text, *nxt)
                            if span:
                                yield span
                elif how != "sep":
                    span = _arg_span(text, ws + len(flag), we)
                    if span:
                        yield span
        elif kind == "smb-user":
            for i, (ws, we) in enumerate(words):
                w = text[ws:we]
                if w in ("-U", "--user") and i + 1 < len(words):
                    us, ue = words[i + 1]
                elif w.startswith("-U") and len(w) > 2:
                    us, ue = ws + 2, we
                elif w.startswith("--user="):
                    us, ue = ws + 7, we
                else:
                    continue
                span = _arg_span(text, us, ue)
                if span:
                    pct = text.find("%", span[0], span[1])
                    if pct >= 0 and pct + 1 < span[1] and \
                            not pair_placeholder(text[span[0]:pct], text[pct + 1:span[1]]):
                        yield pct + 1, span[1]  # (username%password: the fields' names)
        elif kind == "smb-service":
            for i, (ws, we) in enumerate(words[:-1]):
                if text.startswith(("//", "\\\\", "'//", '"//'), ws) and text[words[i + 1][0]] != "-":
                    span = _arg_span(text, *words[i + 1])
                    if span:
                        yield span
                    break
        elif kind == "net-use":
            # net use [device] \\server\share [password | *] [/user:[domain\]user] [/options]
            share = next((i for i, (ws, _) in enumerate(words[:2])
                          if text.startswith(("\\\\", '"\\\\', "'\\\\"), ws)), None)
            if share is None:
                continue
            for ws, we in words[share + 1:]:
                if text[ws] != "/":
                    span = _arg_span(text, ws, we)
                    if span:
                        yield span
                    break
        elif kind == "htpasswd":
            flags, positional, skip = "", [], False
            for ws, we in words:
                w = text[ws:we]
                if skip:
                    skip = False
                elif w.startswith("-") and len(w) > 1 and not positional:
                    flags += w[1:]
                    skip = w[-1] in "Cr"  # -C cost, -r rounds: a number follows
                else:
                    positional.append((ws, we))
            at = 1 if "n" in flags else 2
            if "b" in flags and "D" not in flags and len(positional) > at:
                span = _arg_span(text, *positional[at])
                if span:
                    yield span
        elif kind == "positional":
            # the index-th word that is no option, after the subcommand when there is one
            # ("rabbitmqctl add_user bob PW", "wpa_passphrase SSID PW", "net user bob PW /add")
            subs, at = rule[1], rule[2]
            start = 0
            if subs:
                start = next((i + 1 for i, (ws, we) in enumerate(words[:3]) if text[ws:we] in subs), None)
                if start is None:
                    continue
            args = [(ws, we) for ws, we in words[start:] if text[ws] not in "-/|;&>"]
            if len(args) > at:
                span = _arg_span(text, *args[at])
                if span:
                    yield span
        elif kind == "last-positional":
            # the command's last word that is no option, with the flag that puts the password
            # on the command line ("mosquitto_passwd -b FILE USER PASSWORD")
            if any(text[ws:we] == rule[1] for ws, we in words):
                args = [(ws, we) for ws, we in words if text[ws] not in "-|;&>"]
                if len(args) >= 3:
                    span = _arg_span(text, *args[-1])
                    if span:
                        yield span
        elif kind == "reg-data":
            # reg add KEY /v NAME /t TYPE /d DATA: the data when the value's name is a credential's
            named = False
            for i, (ws, we) in enumerate(words[:-1]):
                w = text[ws:we].lower()
                if w == "/v":
                    named = _key_reading(text[words[i + 1][0]:words[i + 1][1]].strip("\"'")) is not None
                elif w == "/d" and named:
                    span = _arg_span(text, *words[i + 1])
                    if span:
                        yield span
        elif kind == "target":
            # impacket: the first word that is no option, [[domain/]user[:password]@]target
            for ws, we in words:
                if text[ws] == "-":
                    continue
                t = _IMPACKET_TARGET.match(text, ws, we)
                if t is not None and not pair_placeholder(t.group(1), t.group(2)):
                    yield t.span(2)
                break
        elif kind == "user-comma":
            # lftp -u user,password
            for i, (ws, we) in enumerate(words[:-1]):
                if text[ws:we] == rule[1]:
                    span = _arg_span(text, *words[i + 1])
                    comma = text.find(",", span[0], span[1]) if span else -1
                    if comma > span[0] and comma + 1 < span[1] and \
                            not pair_placeholder(text[span[0]:comma], text[comma + 1:span[1]]):
                        yield comma + 1, span[1]


_ADD_MASK = re.compile(r"::add-mask::")
_IMPACKET_TARGET = re.compile(r"""['"]?(?:[\w.\-]+/)?([\w.\-$]+):([^\s@'"]+)@[\w.\-]+['"]?\Z""")
_CHPASSWD_NAME = re.compile(r"chpasswd(?![\w\-])")
# chpasswd's input echoed into it: echo 'user:password' | [sudo] chpasswd
# Terraform's random_password resource, its type in the state (quoted, as JSON writes it, or a
# JSON record's leaf), and its generated value's member
_TF_RANDOM = re.compile(r"(?<![\w\-])random_password(?![\w\-])")
_TF_RESULT = re.compile(r'\\?"result\\?"[ \t]*:[ \t]*\\?"')
_TF_TYPE = re.compile(r'\\?"type\\?"[ \t]*:')
_CHPASSWD_LIST = re.compile(r"""(?:\.list)?["']?[ \t]*[:=][ \t]*(?:\{[ \t]*["']?list["']?[ \t]*:[ \t]*)?"""
                            r"""(?:\|[ \t]*)?(["']?)([\w.\-]+):([^\s"':,}]+)\1(?![^\s,}\]])""")
_CHPASSWD = re.compile(r"""echo[ \t]+(?:-[en][ \t]+)?(["']?)([\w.\-]+):([^\s"':]+)\1[ \t]*\|[ \t]*(?:sudo[ \t]+)?\Z""")


# CREATE USER u IDENTIFIED BY 'pw', IDENTIFIED WITH mysql_native_password BY 'pw' (MySQL, Oracle)
_SQL_IDENTIFIED = re.compile(r"identified[ \t]+(?:with[ \t]+[\"'`]?[a-z0-9_]{1,64}[\"'`]?[ \t]+)?by[ \t]+")
# the statements that say who: CREATE/ALTER USER/ROLE/LOGIN, GRANT ... TO, a database link's CONNECT TO
_SQL_STATEMENT = re.compile(r"(?:create|alter)[ \t]+(?:user|role|login)\b|grant[ \t]|connect[ \t]+to[ \t]")
# SET PASSWORD [FOR account] = 'pw' | PASSWORD('pw') (MySQL)
_SQL_SET_PASSWORD = re.compile(r"""set[ \t]password(?:[ \t]+for[ \t]+(?:'[^'\n]{0,96}'|"[^"\n]{0,96}"|"""
                               r"""`[^`\n]{0,96}`|[^\s='"`]){1,200})?[ \t]*=[ \t]*"""
                               r"(?:(?:old_)?password[ \t]*\([ \t]*)?")
_SQL_SET_LEAD = "set[ \t]password"  # (every match starts so: one of the leads' index)
_SQL_WORD = re.compile(r"[A-Za-z][\w$#]{0,127}(?![\w$#(])")
# what follows IDENTIFIED BY without being a password: a hash, a generated one
_SQL_NOT_PASSWORD = frozenset(("password", "values", "random"))
# a delimited row's field that is a name ("ldap_bind_password", quoted or not), and the field
# after it to the same delimiter, the row's end or a closing parenthesis (``Generic._row_pairs``)
_SNAKE_NAME = re.compile(r"[a-z][a-z0-9]*(?:[_.\-][a-z0-9]+)+")  # a header's next name ("address_line2")
# (bounded: a name is at most 64 characters; an unbounded run read from every hit of a 1 MiB
# word made the record quadratic, 120 s)
_ROW_NAME_TAIL = re.compile(r"""[\w.\-]{0,65}+["']?[ \t]*""")
_ROW_DELIMITERS = frozenset(",\t|(")
_ROW_NAME = re.compile(r"""[ \t]*(["']?)([A-Za-z][\w.\-]{1,63})\1[ \t]*""")
_ROW_VALUE = {d: re.compile(r"""[ \t]*(["']?)([^\s"'""" + re.escape(d) + r"""]{4,256}?)\1[ \t]*(?=""" +
                            re.escape(d) + r"""|\)?[ \t]*(?:[.;]?[ \t]*)?$)""", re.M)
              for d in ",\t|"}
# "user / password" after a word of logging in (``_slash_pairs``)
_SLASH_VALUE = re.compile(r"[ \t]*/[ \t]+([^\s\"'<>]{6,128}?)[.,;:)]*(?=\s|\Z)")
_SLASH_USER_BEFORE = re.compile(r"(?i)(?<!\w)(?:used|use|using|with|creds?|credentials|login|log[ \-]?in|"
                                r"sign[ \-]?in|account|user(?:name)?|u/p)[: \t]+[\w.\-@]{1,64}\Z")
# a password manager's row (``_vault_rows``): a site's URL as a field, a CSV field (quoted, its
# quotes doubled inside, or bare), a user's name or address, a TOTP seed (base32)
_VAULT_URL = re.compile(r"[,\n\"]https?://[^\s\",]{1,256}")  # (with the character before: a field's start)
_VAULT_LEADS = (",http", "\nhttp", "\"http")
_CSV_FIELD = re.compile(r'"((?:[^"\n]|""){0,256})"(?=,|\n|\Z)|([^,"\n]{0,256})(?=,|\n|\Z)')
_VAULT_USER = re.compile(r"[\w.+\-]{1,64}(?:@[A-Za-z0-9.\-]{1,253})?")
_TOTP_SEED = re.compile(r"[A-Z2-7]{16,64}={0,6}")
_DATE_IN = re.compile(r"\d{1,4}[-/.:]\d{1,2}[-/.:]\d{1,4}")


def _vault_password(v: str) -> bool:
    """Whether a password manager's row's field looks like a password: small letters and two
    more classes (a passphrase's words, dashes and digits too; an order's id, "ORD-7F3K9Q2",
    has no small letter), no blank, no date or time, no URL, no e-mail address."""
    return 6 <= len(v) <= 128 and not any(c.isspace() for c in v) and "://" not in v and \
        not _DATE_IN.search(v) and not _VAULT_ADDRESS.fullmatch(v) and \
        any(c.islower() for c in v) and char_classes(v) >= 3 and not is_placeholder(v)


_VAULT_ADDRESS = re.compile(r"[\w.+\-]{1,64}@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}")


# a failed login's user, as sshd, login(1) and Windows event 4625 log it (``_typed_as_user``)
_FAILED_USER = re.compile(
    r"(?:Failed (?:password|none|keyboard-interactive/pam|login) for (?:invalid user )?"
    r"|[Ii]nvalid user |Authentication failure for (?:illegal |invalid )?user "
    r"|input_userauth_request: invalid user )(?P<u>\S{6,64}?) from "
    r"|FAILED LOGIN \(\d+\) on '[^'\n]{1,64}' FOR '(?P<u2>[^'\n]{6,64})'"
    # Dovecot's passdb lookup of a user that is none: "sql(<user>,<ip>,<session>): unknown user"
    r"|(?:sql|ldap|pam|passwd-file|passwd|shadow|checkpassword)\((?P<u3>[^,()\s]{6,64}),[0-9A-Fa-f.:]{2,45}"
    r"(?:,<[^<>\s]{0,64}>)?\): (?:unknown user|[Pp]assword mismatch)")
_FAILED_USER_LEADS = ("Failed ", "Invalid user ", "invalid user ", "Authentication failure for ",
                      "input_userauth_request", "FAILED LOGIN", "sql\\(", "ldap\\(", "pam\\(", "passwd\\(", "passwd-file\\(",
                      "shadow\\(", "checkpassword\\(")
_SYMBOLS_OF_USERS = frozenset("._-@")
# a user's field in a record (lower-cased), its quoted value
# (quoted, in angle brackets as Dovecot writes it, or bare up to the next field as mail servers
# do: "user=<7K622edyjJV#?z&Hz>,", "LOGIN FAILED, user=S2pG5$j.$%gbS, ip=", Postfix's
# "sasl_username=...", Exim's authenticator "set_id=...")
_USER_FIELD = re.compile(r"""(?:user_?name|user_?principal_?name|upn|target_?user_?name|login_?name|"""
                         r"""sasl_?username|set_id|user)["']?[ \t]*[:=][ \t]*"""
                         r"""(?:["']([^"'\s]{6,64})["']|<([^<>\s]{6,64})>|([^"'\s<>,;()\[\]{}]{6,64})(?=[,;)\]}\s]|\Z))""")
_USER_FIELD_LEADS = ("user", "upn", "targetuser", "target_user", "login", "sasl", "set_id")
# the words of a failed sign-in (lower-cased): Auth0's "fu" event, Entra's error 50126, Windows'
# 4625, Keycloak's LOGIN_ERROR, a message's words
# (Auth0's event type by its value alone, "fu" quoted: a lead at "type" would be a step at every
# JSON record's "type" key; the words' leads as specific: "sign" alone is "signature", "design")
_SIGN_IN_FAILED = re.compile(r"""["']fu["']|\b50126\b|\b4625\b|login_error|"""
                             r"""wrong (?:email|username|user name|password)|invalid[ _](?:user_)?credentials|"""
                             r"""(?:login|logon|sign-?in|authentication|auth) (?:failed|failure)|"""
                             r"""failed (?:login|logon|sign-?in)|incorrect authentication""")
_SIGN_IN_FAILED_LEADS = ("[\"']fu[\"']", "50126", "4625", "login_error", "wrong ", "invalid", "login ", "logon ",
                         "sign-in ", "signin ", "authentication ", "auth ", "failed l", "failed s", "incorrect ")


def _sign_in_failed(batch: Batch, lo: int, hi: int) -> bool:
    """Whether the words of a failed sign-in (``_SIGN_IN_FAILED``) stand in ``[lo, hi)``: the
    batch's matches, found once with their leads, not a search of each user's window (a
    pattern without a literal head tried at every position: 100 us a window)."""
    found = batch.scan(_SIGN_IN_FAILED, lower=True, lead=_SIGN_IN_FAILED_LEADS)
    k = bisect_left(found, lo, key=lambda m: m.start())
    while k < len(found) and found[k].start() < hi:
        if found[k].end() <= hi:
            return True
        k += 1
    return False


# FreeRADIUS' log of a login with the password it was given (auth_badpass, auth_goodpass)
_RADIUS_LOGIN = re.compile(r"Login (?:incorrect|OK)(?: \([^()\n]{0,200}\))?: "
                           r"\[([^/\]\n]{1,128})/([^\]\n]{1,128})\] \(from client ")
# a link's path to a one-time credential: a reset, verification, activation or invitation token
_PATH_TOKEN = re.compile(r"/(?:reset(?:[-_]password)?|password[-_]reset|verify(?:[-_]email)?|verification|"
                         r"activate|activation|confirm(?:ation)?|invite|invitation|magic(?:[-_]link)?)/"
                         r"([a-z0-9_\-]{20,512})(?=[\s\"'?#&)\]<>,;]|\Z)")
_ROBLOX_COOKIE = re.compile(r"_\|WARNING:-DO-NOT-SHARE-THIS\.[^|\s]{0,200}\|_[A-F0-9]{64,2048}")
_HOST_NAME = re.compile(r"[A-Za-z0-9][\w\-]*(?:\.[A-Za-z0-9][\w\-]*)+\.[A-Za-z]{2,24}")
_PATH_TOKEN_LEADS = ("/reset", "/passwo", "/verif", "/activ", "/confir", "/invit", "/magic")
_NAMED_USER = re.compile(r"[a-z]{2,}(?:-[a-z]{2,})+-")
_OCTAL_BYTE = re.compile(r"\\[0-7]{3}")


def _PASSWORD_NOT_USER(v: str) -> bool:
    """A value no account is named: both cases and a digit, or a symbol beyond . _ - @."""
    if "@" in v and "." in v.partition("@")[2] or _NAMED_USER.match(v):
        return False  # an address; a name of words with a tag ("crowdsec-test-NtktlJHV4TfB...")
    v = _OCTAL_BYTE.sub("a", v)  # sshd writes a byte beyond ASCII as \NNN ("llinco\361ir")
    return (any(c.islower() for c in v) and any(c.isupper() for c in v) and
            any(c.isdigit() for c in v)) or \
        any(not c.isalnum() and c not in _SYMBOLS_OF_USERS for c in v)


# a settings table's columns: the setting's name, then its value (``Generic._sql_pair``)
_SQL_PAIR_NAME = re.compile(r"(?:setting|option|config|param|parameter|property|var|variable)?_?"
                            r"(?:name|key|k)")
_SQL_PAIR_VALUE = re.compile(r"(?:setting|option|config|param|parameter|property|var|variable)?_?"
                             r"(?:value|val|v)")
# an INSERT's words (lower-cased; its rows are read by ``sql_values``)
_SQL_INSERT_WORDS = re.compile(r"insert\s+(?:ignore\s+)?into\s")
# a hash function given a string literal (lower-cased): MySQL's SHA2/SHA1/MD5/PASSWORD/ENCRYPT,
# PostgreSQL's crypt/digest/md5, a library's bcrypt/hashpw
_SQL_HASH_CALL = re.compile(r"(?:sha2|sha1|sha256|sha512|md5|crypt|password|old_password|encrypt|"
                            r"digest|hashpw|bcrypt)[ \t]*\([ \t]*('(?:[^'\n]|''){1,256}')")
# (its leads: each name with the blank or parenthesis after it, so that "password=" and
# "password:", a log's most common words, are no place to try it)
_SQL_HASH_LEADS = tuple(f + r"[ \t(]" for f in ("sha2", "sha1", "sha256", "sha512", "md5", "crypt",
                                                "password", "old_password", "encrypt", "digest",
                                                "hashpw", "bcrypt"))
# the column a value is assigned to, right before it: "SET password_hash = ", "pwd=" (as written)
_SQL_ASSIGNED = re.compile(r"([A-Za-z_][\w.]{0,63})[`\"\]]?[ \t]*=[ \t]*\Z")
# a column named for a credential's hash: the credential's name, then one of these
_HASH_SUFFIX = re.compile(r"(?i)[_\-]?(?:hash(?:ed)?|digest|crypt(?:ed)?|enc(?:rypted)?|sha\d*|md5)\Z")


def _sql_column_reading(name: str) -> tuple[str, int, bool] | None:
    """(kind, strength, hashed) of an SQL column's name (quotes, brackets and the table's name
    dropped): a credential's column (``password``, ``api_token``), or (``hashed``) one named for
    its hash (``password_hash``), where only a hash function's literal is the credential."""
    name = name.strip(" \t`\"[]").rsplit(".", 1)[-1]
    found = _key_reading(name)
    if found is not None:
        return found[0], found[1], False
    stem = _HASH_SUFFIX.sub("", name)
    if stem and stem != name:
        found = _key_reading(stem)
        if found is not None:
            return found[0], found[1], True
    return None


def _printable_b64(b64: str) -> bool:
    """Whether ``b64`` is base64 of printable text (AUTH LOGIN's password)."""
    try:
        raw = base64.b64decode(b64 + "=" * (-len(b64) % 4), validate=True)
        return raw.decode("utf-8").isprintable() and bool(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return False


def _oauth_response(b64: str) -> bool:
    """SASL XOAUTH2's or OAUTHBEARER's initial response: base64 of text holding ``auth=Bearer``."""
    try:
        raw = base64.b64decode(b64 + "=" * (-len(b64) % 4), validate=True)
    except (binascii.Error, ValueError):
        return False
    return b"\x01auth=bearer " in raw.lower()


def basic_credentials_plain(b64: str) -> bool:
    """SASL PLAIN's initial response: base64 of ``authzid \\0 user \\0 password``, a password there."""
    try:
        raw = base64.b64decode(b64 + "=" * (-len(b64) % 4), validate=True)
    except (binascii.Error, ValueError):
        return False
    parts = raw.split(b"\0")
    return len(parts) == 3 and bool(parts[1]) and bool(parts[2])


def basic_credentials(b64: str) -> bool:
    """True when ``b64`` decodes to printable ``user:password`` text (HTTP Basic)."""
    if len(b64) < 8 or len(b64) % 4:
        return False
    try:
        raw = base64.b64decode(b64, validate=True)
    except (binascii.Error, ValueError):
        return False
    try:
        s = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    user, sep, pw = s.partition(":")
    return bool(sep and pw and s.isprintable() and not pair_placeholder(user, pw))


_ADDRESS_PAIR = re.compile(r"[a-z_][\w.\-]*=[^\s@'\"=]+@[A-Za-z0-9\-]+\.[A-Za-z0-9.\-]+\Z")
_NEXT_PAIR = re.compile(r"[a-z_][a-z0-9_.\-]+=|.*=.*&")  # "remote_addr=192...", "a=1&b=2"; not "T=IZ#Q..."


def _random_after(text: str, pos: int, kind: str) -> bool:
    """Whether the unquoted value at ``pos`` is one by its looks alone (after a credential key
    that starts a word, and a blank; not a path's "/etc/passwd" nor a value's "cmd=pwd"): a
    password that mixes character classes, a machine-made value in a token's alphabet that
    looks random (twelve characters or more)."""
    v = _BARE_VALUE.match(text, pos).group().rstrip(".,;:)")
    if v.startswith("HTTP/") or "=" in v and _NEXT_PAIR.match(v) or "://" in v:
        # "GET /etc/passwd HTTP/1.1": a request's protocol after its path; '... or password"
        # remote_addr=192.168.1.2': the next field; "[PASSWORD] http://...": an address
        return False
    if kind == PASSWORD:
        return _looks_like_password(v)
    if kind == SECRET and _all_classes(v):
        return True  # "signing with secret Dragon@1083z": a password's four classes
    return _TOKEN_VALUE.match(v) is not None and looks_random(v, 12)


def _all_classes(v: str) -> bool:
    """Eight characters or more of all four classes: small, capital, digit and symbol."""
    return 8 <= len(v) <= 128 and any(c.islower() for c in v) and any(c.isupper() for c in v) and \
        any(c.isdigit() for c in v) and any(not c.isalnum() for c in v)


# An API that names its objects' ids "tokens" (Marqeta's and Lithic's {"token": ..., "user_token":
# ..., "card_token": ...}, Alloy's "evaluation_token", "entity_token", "journey_token"): where a
# record (or an object of a JSON record) holds two or more members named "token" or "<object>_token",
# and none whose word before "token" names a credential ("access", "refresh", "id", "auth", "reset",
# ...), they are ids, not credentials. An OAuth answer's {"access_token", "refresh_token"} keeps its
# reading, as does a lone "token".
_TOKEN_MEMBER = re.compile(r"""["']([A-Za-z][A-Za-z0-9_]{0,48}?)?["']?[ \t]*:""")
_CREDENTIAL_TOKENS = frozenset("""access refresh id auth api bearer session oauth oauth2 jwt app client
service personal bot deploy secret security sso saml reset verification verify invite magic login
remember activation confirm confirmation device push fcm apns registry npm github gitlab slack pat
csrf xsrf identity upload download share sharing signed signing webhook callback""".split())
_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def _token_qualifier(name: str) -> str | None:
    """The word before "token" of a member's name ("" for "token" itself), None if the name is
    no "...token"."""
    n = _HUMP.sub("_", name).lower().replace("-", "_")
    if not n.endswith("token"):
        return None
    words = n[:-5].rstrip("_").split("_")
    return words[-1] if words else ""


def _id_token_family(own: str, names) -> bool:
    """Whether the member named ``own`` is one of a family of ids named tokens (above), among
    its record's or object's member ``names``."""
    q = _token_qualifier(own)
    if q is None or q in _CREDENTIAL_TOKENS:
        return False
    family = set()
    for name in names:
        q = _token_qualifier(name)
        if q is None:
            continue
        if q in _CREDENTIAL_TOKENS:
            return False
        family.add(name.lower())
    return len(family) >= 2


def _object_id_tokens(text: str, lo: int, hi: int, ident: str) -> bool:
    """``ident``'s member is one of a text record's ids named tokens, read in [lo, hi)."""
    return _id_token_family(ident.strip("\"'"), (m.group(1) for m in _TOKEN_MEMBER.finditer(text, lo, hi)
                                                  if m.group(1)))


def _object_id_token_keys(batch: Batch, seg: int, path: str, leaf: str) -> bool:
    """The same for a JSON record's leaf: its siblings under the same parent."""
    parent = path[:len(path) - len(path.rsplit(".", 1)[-1])]
    record = batch.record_of(batch.starts[seg])
    keys = batch.keys
    siblings = (keys[k][len(parent):] for k in range(max(0, seg - 200), min(len(keys), seg + 200))
                if keys[k] and keys[k].startswith(parent) and "." not in keys[k][len(parent):] and
                batch.record_of(batch.starts[k]) == record)
    return _id_token_family(leaf, siblings)


def _mixed_classes(v: str) -> bool:
    """Letters with digits or symbols (``hunter2``, ``S3cret!``), not a word or a name."""
    letters = any(c.isalpha() for c in v)
    return letters and any(not c.isalpha() for c in v.rstrip(")]}>:;,."))


# the noun right before its verb or colon ("my password is hunter2", "pw: abc123"): a short
# value after it is the password itself; after more words ("password hash is sha256") it may
# name something about it
_NOUN_IS = re.compile(r"(?:password|passwd|passphrase|passcode|pass|pwd|pw)(?: (?:is|was))?:?"
                      r"[ '\"`]*\Z"
                      # (and the nouns of the languages ``_FREE_PASSWORD`` reads, with their verbs:
                      # "mein Passwort ist amore1985", "mon mot de passe est soleil92")
                      r"|(?:passwort|kennwort|mot de passe|contrase\xf1a|contrasena|wachtwoord|senha)"
                      r"(?: (?:ist|lautet|war|auf|est|es|era|\xe9|\xe8|is|was))?:?[ '\"`]*\Z")


_HEX_DIGITS = re.compile(r"[0-9a-fA-F]+")  # (not ``_HEX`` above: a second binding replaced it)


def _short_password(v: str, longest: int = 7) -> bool:
    """Six or seven characters with letters and digits ("hunter2", "abc123"): a password given
    right after its noun (a word of its own: not "locked-password"), too short for
    ``_looks_like_password``; not hex digits alone ("SHA1 of given password: 21bd12").
    ``longest`` 9 where the noun and its verb stand right before it ("my password is
    amore1985": a word and a year, which ``_looks_like_password`` takes from ten characters)."""
    return 6 <= len(v) <= longest and any(c.isdigit() for c in v) and any(c.isalpha() for c in v) and \
        not _HEX_DIGITS.fullmatch(v) and not _KEY_START.match(v)  # (a hash's head; the next key=)


def _looks_like_password(v: str) -> bool:
    """Free text after "password": only a value that mixes character classes (not a word)."""
    if len(v) < 8 or len(v) > 128:
        return False
    classes = sum((any(c.islower() for c in v), any(c.isupper() for c in v),
                   any(c.isdigit() for c in v), any(not c.isalnum() for c in v)))
    return classes >= 3 or (classes == 2 and any(c.isdigit() for c in v) and len(v) >= 10) or \
        (len(v) >= 10 and v.isalpha() and _RANDOM_CASE.search(v) is not None) or \
        (len(v) >= 10 and _INNER_SYMBOL.search(v) is not None)


# letters with a symbol inside them that no word or name uses ("ofz$fqkek$id"; not the hyphen,
# the dot or the underscore that join words, an address's '@', a key's '=', a query's '&?')
_INNER_SYMBOL = re.compile(r"[A-Za-z][$!#%^*~][A-Za-z]")


# letters of both cases at random ("ezGMYPdGroEKUr", "yhsjaqbOMTNm"): capitals run together
# inside the value with small letters after them, which words in CamelCase do not do
# ("ThisIsMyPassword", "expiredToday")
_RANDOM_CASE = re.compile(r"[a-z][A-Z]{2,}[a-z]")
