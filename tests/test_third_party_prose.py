"""PII told in prose as third-party PII sets write it, found by an independent probe (2026-12-06:
letters, e-mails, chats, help-desk tickets and social posts in the style of public PII-masking
sets, British, Australian, Indian, French and German English). Leaked: a British account after
its sort code ("my Barclays account, 14-55-06 / 58128117") and an Australian one after its BSB
("BSB 529-449 acc 4331496"); a number a phrase names that is followed by a value of its own
("my new social security # 029560051 her bank account 3266...": the phrase names the account
after it); a phone after "text" ("we'll text 07790 425714 to confirm", "DM ME OR TEXT ..."),
"my direct line is", "zelle", "Contactez-moi au"; a password told as "the current one is X"; a
passphrase "for the guest network: X". Each case fails on the code before the commit that fixed
it (52313e1); the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    ("Please pay into my Barclays account, 14-55-06 / 58128117, cheers", {("US_BANK_NUMBER", "58128117")}),
    ("account: 14-55-06 58128117", {("US_BANK_NUMBER", "58128117")}),
    ("Pay the bond via card or transfer to BSB 529-449 acc 4331496", {("US_BANK_NUMBER", "4331496")}),
    ("please note my new social security # 029560051 her bank account 32669780463103 was overdrawn",
     {("US_SSN", "029560051"), ("US_BANK_NUMBER", "32669780463103")}),
    ("My IBAN is IE72AIBK79784566142774 and my phone is (317) 602-5745 Her bank account 397782340491 was overdrawn",
     {("PHONE_NUMBER", "(317) 602-5745"), ("US_BANK_NUMBER", "397782340491")}),
    ("We'll text delivery updates to 5028394266. Use code SAVE2 for 21.0% off", {("PHONE_NUMBER", "5028394266")}),
    ("Your National Insurance number has been recorded; we'll text 07790 425714 to confirm.",
     {("PHONE_NUMBER", "07790 425714")}),
    ("#BLESSED DM ME OR TEXT 2675594020 IF U WANT THE TICKETS!!", {("PHONE_NUMBER", "2675594020")}),
    ("please send all correspondence by post; my direct line is 3142144335. See you", {("PHONE_NUMBER", "3142144335")}),
    ("Could you pay me back? or just zelle 4043676037", {("PHONE_NUMBER", "4043676037")}),
    ("Livraison sous 12 jours. Contactez-moi au 06 21 43 15 05 ou par courriel.", {("PHONE_NUMBER", "06 21 43 15 05")}),
    ("Please reset my password, the current one is WsXt62jalviTFI", {("SECRET", "WsXt62jalviTFI")}),
    ("New wifi passphrase for the guest network: I1yQ9G2pN$Y0", {("SECRET", "I1yQ9G2pN$Y0")}),
])
def test_prose_values(procs, line, want):
    check_every(procs, line, want)


def test_a_phrase_that_heads_its_own_value_names_no_other(procs):
    line = "please note my new social security # 029560051 her bank account 32669780463103 was overdrawn"
    for name, proc in procs.items():
        assert ("US_BANK_NUMBER", "029560051") not in found(proc, line), name


@pytest.mark.parametrize("line, want", [
    # guards: a phrase after a value still names it; words that are no phone's
    ("4111111111111111 is my account number", {("US_BANK_NUMBER", "4111111111111111")}),
    ("38472910 is my checking account", {("US_BANK_NUMBER", "38472910")}),
    ("the password for the user was changed yesterday", set()),
    ("see the text 2 of 3 in the attachment", set()),
    ("sort code 14-55-06 account 58128117", {("US_BANK_NUMBER", "58128117")}),
])
def test_prose_guards(procs, line, want):
    for name, proc in procs.items():
        got = found(proc, line)
        assert want <= got and (want or not got), (name, line, got)
