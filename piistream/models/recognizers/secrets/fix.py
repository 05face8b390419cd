"""FIX logons: the password (tag 554) and a new password (925) of a FIX session's Logon or User
Request, and their encrypted forms (1402, 1404), in a message as written with SOH or as logs
print it ('|', '^A'): ``...|553=omsgw79|554=sOy~^s8XNBxl19HJ|...``. The tag number is the field's
name; no word of a password is near (``interchange.fix_fields`` reads the message's fields)."""
from __future__ import annotations

import re

from ..base import Batch
from ..interchange import fix_fields
from ._shared import Family
from .placeholders import is_placeholder

KIND = "password"
_TAGS = re.compile(r"(?:554|925|1402|1404)=")
_LEADS = ("554=", "925=", "1402=", "1404=")


class Fix(Family):
    name = "fix"
    kinds = (KIND,)

    def find(self, batch: Batch, emit):
        text = batch.text
        for _, s, e in fix_fields(batch, _TAGS, _LEADS):
            v = text[s:e]
            if len(v) >= 4 and not is_placeholder(v):
                yield emit(s, e, 0.9, 0.97, True, "fix-logon-password", KIND, True)
