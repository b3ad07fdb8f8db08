"""Which app wrote a file, told from its first bytes (the name only breaks ties)."""

from __future__ import annotations

import re

from alliance_journal.domain.importers.jrnl import DATE_LINE, FERNET_HEAD
from alliance_journal.domain.importers.markdown import is_markdown_name
from alliance_journal.domain.importers.model import ImportFormat

#: How much of a file `detect` wants to see.
HEAD_BYTES = 64 * 1024
_ALLIANCE = re.compile(rb'"format"\s*:\s*"alliance-journal/')
_DAYONE = re.compile(rb'"(creationDate|creationDevice|timeZone)"\s*:')
_JRNL_JSON = re.compile(rb'"(title|body)"\s*:')
_JRNL_DATE = re.compile(rb'"date"\s*:')


def detect(head: bytes, name: str) -> ImportFormat | None:
    """The format of a file whose first bytes are `head`; None when it is none we read.

    An encrypted jrnl journal counts as jrnl, so that its reader can say what to do.
    """
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"{"):
        if _ALLIANCE.search(text):
            return ImportFormat.ALLIANCE
        if _DAYONE.search(text):
            return ImportFormat.DAYONE
        if _JRNL_JSON.search(text) and _JRNL_DATE.search(text):
            return ImportFormat.JRNL
        return None
    if text.startswith(FERNET_HEAD):
        return ImportFormat.JRNL
    first_line = text.split(b"\n", 1)[0].decode("utf-8", "replace").rstrip("\r")
    if DATE_LINE.match(first_line):
        return ImportFormat.JRNL
    if is_markdown_name(name):
        return ImportFormat.MARKDOWN
    if name.lower().endswith((".txt", ".journal")) and b"\0" in head:
        return ImportFormat.JRNL  # jrnl v1's encrypted files are binary: its reader explains
    return None
