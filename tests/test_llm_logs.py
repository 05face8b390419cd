"""LLM applications' logs, found by an independent probe (2026-12-06: chat completions and
messages, streaming chunks, agent and tool-call traces, RAG retrievals, guardrail verdicts,
evaluation sets). Leaked: an account number after a Markdown label's bold, as a model writes
a form back ("**Account number:** 856751343035"); Pinecone's and LangSmith's keys (``pcsk_``,
``lsv2_pt_``) pasted into a prompt; a session's id with the question's mark after it
("sessionid=e3f2...3556?"). False alarms fixed: a key a console or a log
shows masked, its vendor's prefix kept ("sk-...7LKZ", "Bearer sk-ant-***",
"sk-proj-****x0D0"). Each case fails on the code before the commit that fixed it; the guards
pass both.
"""
from __future__ import annotations

import pytest

from conftest import check_every, found


@pytest.fixture(scope="module")
def procs(both):
    return both


@pytest.mark.parametrize("line, want", [
    ('{"role":"assistant","content":"Sure. Here is the filled form:\\n**account:** 856751343035"}',
     {("US_BANK_NUMBER", "856751343035")}),
    ("- **Account number:** 56751343035", {("US_BANK_NUMBER", "56751343035")}),
    # a vector store's and a tracing service's keys by their prefixes (Pinecone, LangSmith)
    ("Condensed question: my API key is pcsk_FjR5A_tW5NR5R6lUlAc16gaD5NjnCUvEn2mhL7jhKWW9EPcYrvnLSyPP1hsGkKhYPVDnI.",
     {("SECRET", "pcsk_FjR5A_tW5NR5R6lUlAc16gaD5NjnCUvEn2mhL7jhKWW9EPcYrvnLSyPP1hsGkKhYPVDnI")}),
    ('{"match":"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","type":"PASSWORD","action":"BLOCKED"}',
     {("SECRET", "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")}),
    # a session's id with the sentence's question mark after it
    ("USER: routing number 627475089\\nsessionid=e3f2bfd9c3c73ebcbe253274775d3556? ||| ASSISTANT: Got it",
     {("SECRET", "e3f2bfd9c3c73ebcbe253274775d3556")}),
    # guards
    ("- **Routing:** 021000021", {("ABA_ROUTING_NUMBER", "021000021")}),
    ("**SSN:** 512-44-9087", {("US_SSN", "512-44-9087")}),
    ("api_key=sk-proj-3qPLutgHLOF0fSHQNKICFnRECuR5", {("SECRET", "sk-proj-3qPLutgHLOF0fSHQNKICFnRECuR5")}),
])
def test_chat_answers_are_read(procs, line, want):
    check_every(procs, line, want)


@pytest.mark.parametrize("line, value", [
    ('"authorization":"Bearer sk-ant-***"', "sk-ant-***"),
    ('{"api_key": "sk-...7LKZ", "model": "gpt-4o"}', "sk-...7LKZ"),
    ("OPENAI_API_KEY=sk-proj-****x0D0", "sk-proj-****x0D0"),
    # guards: a masked account is no account
    ("**account:** ****1234 on file", "****1234"),
])
def test_masked_keys_are_no_secret(procs, line, value):
    for name, proc in procs.items():
        assert not any(v == value for _, v in found(proc, line)), (name, line, found(proc, line))
