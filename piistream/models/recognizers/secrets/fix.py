"""FIX logons: the password (tag 554) and a new password (925) of a FIX session's Logon or User
Request, and their encrypted forms (1402, 1404), in a message as written with SOH or as logs
print it ('|', '^A'): ``...|553=omsgw79|554=sOy~^s8XNBxl19HJ|...``. The tag number is the field's
name; no word of a password is near (``interchange.fix_fields`` reads the message's fields).

Two more banking formats name a logon's password by its place alone: Temenos T24's OFS message,
its user, password and company after the operation ("CUSTOMER,INPUT/I/PROCESS,INPUTT/Pa55w0rd!/
GB0010001,,...", "ENQUIRY.SELECT,,USER/PASS,ENQ.NAME"), and an X12 interchange header's security
information, ISA04 after qualifier "01" (a password, ten characters, blank-padded:
"ISA*00*          *01*DOW87$QHdB*ZZ*...").

And a password reset's token by its place in the link: Django's "/reset/<uidb64>/<token>/" (the
token a timestamp in base 36, a dash and an HMAC's hex: "/accounts/reset/NTQ1MzQ/e9mywh-a52ff27e
86322b9eed7aa818c3f34cb9/"), and the ticket of a reset or an invitation link ("/lo/reset?ticket=
kVNsNsVRiwtb8xoV5o62zQ6dqCxAYVsh", Auth0's): whoever holds the link sets the password."""
from __future__ import annotations

import re

from ..base import Batch
from ..interchange import fix_fields
from ._shared import Family, segment_start
from .placeholders import is_placeholder

KIND = "password"
_TAGS = re.compile(r"(?:554|925|1402|1404)=")
_LEADS = ("554=", "925=", "1402=", "1404=")
_OFS = re.compile(r"(?:/[A-Z]/(?:PROCESS|VALIDATE)(?:/\d*){0,2}|ENQUIRY\.SELECT,[A-Z0-9.]*),"
                  r"([^/,\s]{1,64})/([^/,\s]{1,64})(?:/[A-Z]{2}\d{7})?,")
_OFS_LEADS = (r"/[A-Z]/PROCESS", r"/[A-Z]/VALIDATE", r"ENQUIRY\.SELECT,")
_DJANGO_RESET = re.compile(r"/reset/[A-Za-z0-9_\-]{1,64}/([0-9a-z]{1,13}-[0-9a-f]{20,40})(?![\w\-])")
_RESET_TICKET = re.compile(r"ticket=([A-Za-z0-9_\-.~]{20,200})(?![\w\-.~])")
_RESET_PATH = re.compile(r"/(?:[a-z]{1,8}/)?(?:reset|password|verify|verification|invit(?:e|ation)|activate|"
                         r"email[_\-]?verification|change[_\-]?password)[^?\s\"']{0,60}\?(?:[^#\s\"']{0,400}&)?\Z")
_ISA = re.compile(r"(?<![A-Za-z0-9])ISA([*|^~!])\d\d\1[^\r\n]{10}\1(?:01)\1([^\r\n]{10})\1")


class Fix(Family):
    name = "fix"
    kinds = (KIND,)

    def find(self, batch: Batch, emit):
        text = batch.text
        for _, s, e in fix_fields(batch, _TAGS, _LEADS):
            v = text[s:e]
            if len(v) >= 4 and not is_placeholder(v):
                yield emit(s, e, 0.9, 0.97, True, "fix-logon-password", KIND, True)
        for m in batch.scan(_OFS, lead=_OFS_LEADS):
            s, e = m.span(2)
            if len(m.group(2)) >= 4 and not is_placeholder(m.group(2)):
                yield emit(s, e, 0.9, 0.97, True, "t24-ofs-password", KIND, True)
        for m in batch.scan(_DJANGO_RESET, lead="/reset/"):
            yield emit(m.start(1), m.end(1), 0.9, 0.97, True, "django-reset-token", KIND, True)
        for m in batch.scan(_RESET_TICKET, lead="ticket="):
            lo = segment_start(batch, m.start())
            if _RESET_PATH.search(batch.lower, max(lo, m.start() - 480), m.start()) is not None and \
                    not is_placeholder(m.group(1)):
                yield emit(m.start(1), m.end(1), 0.9, 0.97, True, "reset-link-ticket", KIND, True)
        for m in batch.scan(_ISA, lead="ISA"):
            s, e = m.span(2)
            while e > s and text[e - 1] == " ":
                e -= 1
            if e - s >= 4 and not is_placeholder(text[s:e]):
                yield emit(s, e, 0.9, 0.97, True, "x12-isa-password", KIND, True)
