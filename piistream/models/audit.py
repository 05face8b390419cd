"""Linux audit records' command lines, read as they were typed: the detector's view of a segment
that holds one, with a map back (an ``escapes.Unescaped``).

auditd logs every ``execve`` as a record of its arguments, one field each, and the process's
title as one field:

    type=EXECVE msg=audit(1727109774.947:781628): argc=5 a0="sshpass" a1="-p" a2="Qx7-kestrel" a3="ssh"
    type=EXECVE msg=audit(...): argc=6 a0="mysql" a1="-h" a2="10.0.0.5" a3="-u" a4="app" a5=2D705365637265742031
    type=PROCTITLE msg=audit(...): proctitle=6D7973716C002D7500726F6F74002D7053336372657421

An argument is quoted, or written in hex when it holds a blank, a quote or a control character
(``a5=2D7053...`` is ``-pSecret 1``); the title is the whole command line in hex, a NUL between
arguments. A password given on the command line (``sshpass -p``, ``mysql -p...``) is thus in no
form the command-line readers know. The view reads each argument where it stands: a quoted one
as its characters, the field name and quotes as blanks (the same length: no offset moves), a
hex one decoded (each character maps back to its hex digits: the redaction covers them), a NUL
between arguments as a blank. A blank inside a hex argument is part of the argument (an escaped
blank: a value goes on past it, ``Batch.escaped_spaces``); a blank between arguments is not.

A segment that also holds ``%``, ``\\`` or ``&`` escapes is read by ``escapes`` alone (the two
maps are not composed). Linear: one regex pass per segment that holds ``a0=`` or
``proctitle=``.
"""
from __future__ import annotations

import re

from .escapes import Unescaped

# an argument field: a0="sshpass", or a5=2D70... (auditd writes hex in upper case, two digits a
# byte); the title: proctitle=6D79... (an unquoted title is a single word, read as written)
_FIELD = re.compile(r'(?<![\w"=])(?:a\d{1,5}=(?:"([^"\n]*)"|([0-9A-F]{2,}+)(?![\w"]))'
                    r'|proctitle=([0-9A-F]{4,}+)(?![\w"]))')


class ArgvView(Unescaped):
    """A segment's audit arguments read as a command line (see the module)."""

    __slots__ = ("_spaces",)

    def __init__(self, text: str, at: list[int], extra: list[int], spaces: list[int]):
        super().__init__(text, at, extra)
        self._spaces = spaces

    def escaped_spaces(self) -> list[int]:
        """The blanks inside hex-written arguments (not those between arguments)."""
        return self._spaces


def _hex_text(digits: str) -> str | None:
    """The characters a run of hex digits encodes (UTF-8), or None when it encodes none (an
    odd count, bytes that are no UTF-8, control characters other than NUL and a tab)."""
    if len(digits) % 2:
        return None
    try:
        s = bytes.fromhex(digits).decode("utf-8")
    except ValueError:
        return None
    if any(c < " " and c not in "\x00\t" or c == "\x7f" for c in s):
        return None
    return s


def read_argv(seg: str) -> ArgvView | None:
    """``seg`` with its audit argument fields read as a command line, or None when it holds none
    (or only fields that read as they are written)."""
    pieces: list[str] = []
    at: list[int] = []
    extra: list[int] = []
    spaces: list[int] = []
    pos = saved = 0
    out_len = 0  # length of the decoded text so far
    changed = False
    for m in _FIELD.finditer(seg):
        quoted, hexed, title = m.group(1), m.group(2), m.group(3)
        digits = hexed if hexed is not None else title
        decoded = _hex_text(digits) if digits is not None else None
        if quoted is None and decoded is None:
            continue  # (a hex-looking word that encodes no text: left as written)
        s = m.start()
        head = seg[pos:s]
        pieces.append(head)
        out_len += len(head)
        name_len = seg.index("=", s) + 1 - s
        if quoted is not None:
            # a0="sshpass" -> '    sshpass ': the name, '=' and the quotes as blanks
            pieces.append(" " * (name_len + 1) + quoted + " ")
            out_len += name_len + len(quoted) + 2
            pos = m.end()
            changed = True
            continue
        pieces.append(" " * name_len)
        out_len += name_len
        for ch in decoded:
            width = 2 * len(ch.encode("utf-8"))
            if ch == "\x00":
                ch = " "  # (between two of the title's arguments: a separator)
            elif ch in " \t":
                spaces.append(out_len)
            pieces.append(ch)
            at.append(out_len)
            saved += width - 1
            extra.append(saved)
            out_len += 1
        pos = m.end()
        changed = True
    if not changed:
        return None
    pieces.append(seg[pos:])
    return ArgvView("".join(pieces), at, extra, spaces)


def audit_views(segments: list[str], skip) -> dict[int, ArgvView]:
    """{index: ArgvView} of the segments not in ``skip`` that hold an audit command line."""
    out: dict[int, ArgvView] = {}
    for i, seg in enumerate(segments):
        if ("a0=" in seg or "proctitle=" in seg) and i not in skip:
            got = read_argv(seg)
            if got is not None:
                out[i] = got
    return out
