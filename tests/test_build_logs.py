"""Lines of build and test logs, change logs and release notes that are no PII, each beside the
value the same words hold where it is one.

Found on real text no detector here was tuned on (session of 2026-12-05): a GNU debugger's test
log (100,000 "PASS: gdb.base/...: ..." lines read as a password each), the change logs, NEWS
files and licences of a Debian system's packages (1.66 million lines). Each case is a shape of
its kind, not the one line: a test runner's verdict, a file's or a function's name before a
change's note, a sentence about a key or a flag, the verb "pass", an issue's number, a
regulation's clause number, a date in parentheses.
"""
from __future__ import annotations

import pytest

from conftest import found


@pytest.fixture(scope="module")
def procs(both):
    return both


def types_of(proc, text: str) -> set[str]:
    return {t for t, _ in found(proc, text)}


CLEAN = [
    # a test runner's verdict: DejaGnu, automake, Go, binutils
    "PASS: gdb.base/break.exp: run until function breakpoint",
    "PASS: gdb.base/infcall-nested-structs-c++.exp: types-tc: set print sevenbit-strings",
    "--- PASS: TestParse (0.00s)",
    "    --- PASS: TestUnmarshal/#07 (0.00s)",
    "PASS: tests/t-foo.sh",
    "PASS: pr20995-2",
    "PASS: -Bsymbolic-functions",
    "PASS: vers4",
    # a round of a run; a count after "pass="
    "PASS: gdb.base/reread.exp: opts=: second pass: breakpoint foo in first file",
    "FAIL: gdb.base/gdb-sigterm.exp: pass=13: expect eof (GDB internal error)",
    # a file's name before a change log's note
    "\t* sm/passphrase.c: New file.",
    "\t* tests/openpgp/samplekeys/ssh-ed25519.key: Likewise.",
    "    - debian/patches/hurd-i386/tg-sendmsg-SCM_CREDS.diff: rebased.",
    # a sentence about the part a change is in, after its name
    "    psk: compute binder which is compatible with draft-ietf-tls-tls13",
    "*** libgnutls [PSK]: Support Netconf PSK key derivation.",
    "    openssl_hash_password: normalize the password prior to use",
    "      git-credential-netrc: fix uninitialized warning",
    "gnutls_session_get_master_secret: Added",
    "    p11_kit_remote_serve_tokens: Read \"write-protected\" setting from URI",
    # a key or a flag named in a sentence, not given a value
    "given. If the '--password' option is given during key generation then",
    "    certtool: honor --ask-pass when loading a private key",
    "been renamed to --http-password and --proxy-password respectively, and",
    "      credential: fix grammar",
    '      credentials: add "store" helper',
    "    psk: use gnutls_hex_decode2 for key decoding",
    "GNUTLS_BAG_SECRET: ADDED to gnutls/pkcs12.h.",
    # the working directory; a path's last part before a colon
    "  PWD: '/Users/maciej',",
    "\t* configure: just set PWD=`pwd` at the top, since Ultrix sh",
    "  lsof: status error on /etc/security/passwd: Permission denied",
    # the verb
    "  * patch #089: new; in fbdev driver, pass depth24flags to xf86SetDepthBpp",
    '    access_token=OAuthToken("invalid", "token"))',
    "\t(selftest): Pass 'bulk_ops' to setkey function.",
    "    + Pass LIBPFM4_ARCH_FLAG to make install to avoid a rebuild.",
    "• in an MSYS/Cygwin environment, pass Unix-style filenames to xmlto,",
    " - Allow local users to install signed packages without a password (Richard Hughes)",
    # nsswitch.conf's user database and its sources; the passwd command; PAM's stack; a
    # usage line's placeholder; OpenSSH's algorithm names (sshd logs them)
    "passwd:         files systemd",
    "$ getent passwd vu-rawhide-0 vu-rawhide-81",
    "-password sufficient pam_systemd_home.so",
    "-P, --passwd=FILE",
    "debug1: kex: host key algorithm: sk-ssh-ed25519-cert-v01@openssh.com,",
    "debug1: kex: server->client cipher: chacha20-poly1305@openssh.com MAC: <implicit>",
    "debug1: kex: algorithm: curve25519-sha256@libssh.org",
    "debug1: client_input_global_request: rtype hostkeys-00@openssh.com want_reply 0",
    # templates: the fields' names as the credentials
    "    'Basic dXNlcjpwYXNzd29yZA=='",
    # code: a renamed function, a variable's member, a call
    "  . downcaseTokens -> pyparsing_common.downcaseTokens",
    '\t\tlog_debug("FOUND: $git_token=$entry->{$git_token}");',
    "    encKeyNode = xmlSecTmplKeyInfoAddEncryptedKey(keyInfoNode,",
    # a JVM's class resolution: a class named after secrets, then the class it resolves
    "[0.052s][debug][class,resolve          ] jdk.internal.access.SharedSecrets "
    "java.lang.invoke.MethodHandles SharedSecrets.java:55",
    # a public key's fingerprint fetched from a key server
    "gpg --keyserver hkps://keys.openpgp.org --recv-keys 5BE8A3F6C8A5C01D106C0AD820B1A390B168D356",
    # an issue's number and a date after "fixes" (French "fixe" is a landline)
    "    Fixes: #1003595",
    "\t+ correct a limit-check in fixes from 20170701 (report by Sven Joachim).",
    # a clause of a regulation (a dot, then a dash), a date in parentheses
    " in Clause 252.227-7013 (c) (1) of DFARs.  Notwithstanding the",
    "- Per so many buffers dll callback (12/23/2005 Ale).",
]


@pytest.mark.parametrize("text", CLEAN)
def test_build_and_change_log_lines_hold_no_pii(procs, text):
    for name, proc in procs.items():
        assert found(proc, text) == set(), (name, text)


# an SDK's service models and configuration (a cloud CLI's JSON and YAML files, as records)
CLEAN_JSON = [
    '{"Status": {"type": "string", "enum": ["PASS", "FAIL"]}}',  # choices, not a pair
    '{"Credentials": {"type": "structure", "required": ["sessionToken", "secretAccessKey"]}}',
    '{"non_aggregate_keys": ["taskToken", "startedEventId"]}',
    '{"AccountRecommendationArn": {"type": "string", "max": 2048}}',  # a bound, no account
    '{"credentials": {"shape": "Credentials", "documentation": "<p>The <i>Signature Version 4</i> '
    'credentials</p>"}}',
    '{"refresh_token": "refreshToken", "client_secret": "clientSecret"}',  # the fields' names
    '{"password": "VALUE"}',  # a help text's stand-in
]
CLEAN_TEXT = [
    "  oidc_client_secret_value: &oidc_client_secret_value",  # YAML: an anchor, an alias
    "  db_password: *db_password",
    "        gpgKey: https://packages.cloud.google.com/apt/doc/apt-key.gpg",  # where the key is
    "  --kms-key=projects/my-project/locations/us/keyRings/my-kr/cryptoKeys/my-key",  # its name
    "refresh_token=refreshToken",
]


@pytest.mark.parametrize("text", CLEAN_JSON)
def test_service_models_hold_no_secret(procs, text):
    for name, proc in procs.items():
        assert found(proc, text, "json") == set(), (name, text)


@pytest.mark.parametrize("text", CLEAN_TEXT)
def test_configuration_references_hold_no_secret(procs, text):
    for name, proc in procs.items():
        assert found(proc, text) == set(), (name, text)


@pytest.mark.parametrize("names", ["client_header_names", "enum", "required", "keys", "tags"])
def test_a_list_of_names_is_read_alike_from_the_parsed_and_the_raw_document(procs, names):
    """The parsed document's reading and the raw tokens' reading (offsets for redaction) agree
    on a list whose first element could name the second: the record is redacted, not failed
    (a zeek http event lost its addresses to a disagreement)."""
    text = '{"id_orig_h": "10.0.1.4", "%s": ["CONNECTION", "HOST"], "pw": ["password", "Kq81zz!xT9"]}' % names
    for name, proc in procs.items():
        got = found(proc, text, "json")
        assert ("IP_ADDRESS", "10.0.1.4") in got, (name, names, got)
        assert ("SECRET", "Kq81zz!xT9") in got, (name, names, got)


def test_the_same_fields_with_values_keep_them(procs):
    for name, proc in procs.items():
        key = "Zk3x9Qm7TqLpV2nR8sWGdE1uKo0fNa5M"
        assert ("SECRET", key) in found(proc, '{"headers": [["X-Api-Key", "%s"]]}' % key, "json")
        assert ("SECRET", "Kq81zz!xT9") in found(proc, '{"credentials": {"bob": "Kq81zz!xT9"}}', "json")
        assert ("US_BANK_NUMBER", "4099887766") in found(proc, '{"account": {"number": "4099887766"}}', "json")
        assert ("SECRET", "Kq81zz!xT9") in found(proc, "  db_password: Kq81zz!xT9")
        assert ("SECRET", "https://discord.com/api/webhooks/1234567890/Zk3x9Qm7TqLpV2nR8sWGdE1uKo0fNa5Mxx") \
            in found(proc, "webhook_secret: https://discord.com/api/webhooks/1234567890/"
                           "Zk3x9Qm7TqLpV2nR8sWGdE1uKo0fNa5Mxx"), name


# the same words where they hold a value: each stays found
FOUND = [
    ("PASS: Xk9#mq2!", "SECRET", "Xk9#mq2!"),
    ("username=cflowers password=*QftOFi8FmR1g.1", "SECRET", "*QftOFi8FmR1g.1"),  # no alias
    ("password=*Hunter2", "SECRET", "*Hunter2"),
    ("password: correct horse battery staple", "SECRET", "correct horse battery staple"),
    ("password: Summer sun is hot 2024", "SECRET", "Summer sun is hot 2024"),
    ("mysql -u root --password hunter", "SECRET", "hunter"),
    ('poll mail.example.com user "bob" pass "hunter2"', "SECRET", "hunter2"),
    ("user bob pass Kq81zz!x", "SECRET", "Kq81zz!x"),
    ("user bob passwd Kq81zz!x", "SECRET", "Kq81zz!x"),
    # values shaped like what the rules above clear, where they are values (hypothesis found
    # the first in a fresh clone's run: a URL's scheme alone, quoted, as a password)
    ('cfg password="http://" next=1', "SECRET", "http://"),
    ("login password=abcdef( user=bob", "SECRET", "abcdef("),
    ("Reported by djm@openssh.com in bugzilla", "EMAIL_ADDRESS", "djm@openssh.com"),
    ("OPENAI_API_KEY=sk-proj-Xi8tdMjHV6pmbBbwilTeT4BlbkFJ3UDnpdEwNNm6wVBpYM0o", "SECRET",
     "sk-proj-Xi8tdMjHV6pmbBbwilTeT4BlbkFJ3UDnpdEwNNm6wVBpYM0o"),
    ("PWD=hunter2x", "SECRET", "hunter2x"),
    ("token: fix8Hq2LmZ0pQwErTy", "SECRET", "fix8Hq2LmZ0pQwErTy"),
    ("Authorization: Basic Ym9iOktxODF6eiF4", "SECRET", "Ym9iOktxODF6eiF4"),
    ("git fetch http://bob:Kq81zz!x@host/repo", "SECRET", "Kq81zz!x"),
    ("gpg --passphrase Kq81zz!xT9 --batch -d backup.gpg", "SECRET", "Kq81zz!xT9"),
    ("fixe: 01 45 67 89 23", "PHONE_NUMBER", "01 45 67 89 23"),
    ("phone: 252.227-7013", "PHONE_NUMBER", "252.227-7013"),
    ("call me at 415.555.2671", "PHONE_NUMBER", "415.555.2671"),
]


@pytest.mark.parametrize("text,kind,value", FOUND)
def test_the_same_words_with_a_value_keep_it(procs, text, kind, value):
    for name, proc in procs.items():
        assert (kind, value) in found(proc, text), (name, text, found(proc, text))
