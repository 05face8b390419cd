"""Records written in other languages, with their own words and conventions: found leaking by an
independent probe (2026-12-06: payroll exports of expatriates, chats, support messages and forms
in French, Spanish, Portuguese, Dutch, German and Korean). Each positive case fails on the code
before the commit that fixed it; the guards pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, check_none


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    # the country an account is in, after the noun
    ("Matricule=490580 SSN (USA)=465360602 Code ABA=063269558 N° compte US=76071639 Bank=Citibank",
     {("US_BANK_NUMBER", "76071639")}),
    ("Nº empleado=746107 SSN EE.UU.=128907808 ABA=038825312 Cuenta EE.UU.=609766578 Bank=Chase",
     {("US_BANK_NUMBER", "609766578")}),
    ("Personeelsnr=840127 US SSN=236075091 ABA-routing=808787305 Rekening VS=981938491 Bank=US Bank",
     {("US_BANK_NUMBER", "981938491")}),
    # a Korean bank's short name before an account in groups, or the holder's word after one
    ("[서지혜] [오후 12:50] 여기로 보내주세요 우리 1002-306-299885 예금주 이정식", {("US_BANK_NUMBER", "1002-306-299885")}),
    ("여기로 보내주세요 국민 261513-33-640776", {("US_BANK_NUMBER", "261513-33-640776")}),
    ("여기로 3333-05-1234568 (예금주 김성현) 보내주세요", {("US_BANK_NUMBER", "3333-05-1234568")}),
    # password nouns and phrasings of other languages
    ("[박민지] [오전 4:22] 와이파이 비번 jhQx0fT2^5vWAB%Hu", {("SECRET", "jhQx0fT2^5vWAB%Hu")}),
    ("Titular: Anna Ruiz · Clave de acceso: Legia.9279$ · Dirección: Paseo 12", {("SECRET", "Legia.9279$")}),
    ("[19/10/2026, 12:44:30] Lara da Costa: a palavra-passe é fZ1Ass@Esz*n. 😅", {("SECRET", "fZ1Ass@Esz*n")}),
    ("Bonjour, j'ai essayé avec le mot de passe RVfj6fBzV#UyRy=CMA8 mais ça ne marche pas.",
     {("SECRET", "RVfj6fBzV#UyRy=CMA8")}),
    # Japan's numbers: the exchange in parentheses, a label in CJK brackets
    ('ts=2026-12-02T13:16:32 level=info msg="プロフィール更新" phone=092(713)7519 trace_id=10cce0e1',
     {("PHONE_NUMBER", "092(713)7519")}),
    ("よろしくお願いいたします。 – 石井 知実 – TEL: 045(493)0254 – Mail: x", {("PHONE_NUMBER", "045(493)0254")}),
    ('{"顧客":{"連絡先":{"電話番号":"092(333)1923"}}}', {("PHONE_NUMBER", "092(333)1923")}),
    ("【お名前】伊藤 治【電話番号】07061112257【メールアドレス】x", {("PHONE_NUMBER", "07061112257")}),
])
def test_words_of_other_languages(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line", [
    "우리 2024-06-20 만나요",  # "we ... meet": a date after the word, not an account
    "avec le mot de passe oublié, cliquez ici",
    "la clave de acceso es incorrecta",
    "account us 2024 report",
])
def test_other_languages_guards(procs, line):
    check_none(procs, line, ("US_BANK_NUMBER", "SECRET"))


def test_a_version_in_other_scripts_is_no_address(procs):
    check_none(procs, '{"traceId":"9da5cda0","耗时":8795,"版本":"5.7.7.8","请求ID":"37ae"}', ("IP_ADDRESS",))
