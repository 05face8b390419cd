"""Slack: bot, user, app, refresh, configuration and legacy tokens (``xoxb-``, ``xoxp-``,
``xoxa-``, ``xoxr-``, ``xoxs-``, ``xoxo-``, ``xoxe-``, ``xoxe.xoxp-``, client/cookie ``xoxc-``/
``xoxd-``), app-level tokens (``xapp-``), and webhook URLs (``hooks.slack.com/services/...``,
``/workflows/``, ``/triggers/``: the path after the host is the secret)."""
from __future__ import annotations

import re

from ..base import Batch
from ._shared import Family, Spec, segment_end
from .placeholders import is_placeholder

KIND, WEBHOOK = "slack_token", "slack_webhook"
_WELL_FORMED = re.compile(r"xox[a-z]-(?:\d{6,16}-){1,3}[A-Za-z0-9]{24,64}\Z|"
                          r"xox[a-z]-\d-[A-Za-z0-9\-]{60,250}\Z|"
                          r"xapp-\d-[A-Z0-9]{6,16}-\d{6,16}-[a-z0-9]{32,96}\Z|"
                          r"xoxe\.xox[a-z]-\d-[A-Za-z0-9\-]{60,250}\Z")


def _check(token: str) -> tuple[bool, bool]:
    return True, bool(_WELL_FORMED.match(token))


SPECS = [Spec(f"xox{c}-", KIND, rf"xox{c}-[0-9A-Za-z\-%]{{10,250}}+", 0.95, _check)
         for c in "abposrecd"]
SPECS.append(Spec("xoxe.", KIND, r"xoxe\.xox[a-z]-[0-9A-Za-z\-]{10,250}+", 0.95, _check))
SPECS.append(Spec("xapp-", KIND, r"xapp-[0-9]-[0-9A-Za-z\-]{10,250}+", 0.95, _check))

_HOOK = re.compile(r"hooks\.slack\.com/(?:services|workflows|triggers)/")
_PATH = re.compile(r"[A-Za-z0-9_/\-]{20,300}+")


class Slack(Family):
    name = "slack"
    kinds = (KIND, WEBHOOK)
    specs = SPECS

    def find(self, batch: Batch, emit):
        text = batch.text
        for m in batch.scan(_HOOK):
            p = _PATH.match(text, m.end(), segment_end(batch, m.end()))
            if not p:
                continue
            value = p.group().rstrip("/")
            if is_placeholder(value.replace("/", "")) or "xxxx" in value.lower():
                continue
            parts = [x for x in value.split("/") if x]
            decisive = len(parts) >= 3 and len(parts[-1]) >= 16
            yield emit(p.start(), p.start() + len(value), 0.95, 0.99, True, "slack-webhook",
                       WEBHOOK, decisive)
