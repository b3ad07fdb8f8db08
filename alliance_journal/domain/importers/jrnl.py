"""jrnl's two forms: its JSON export and its plain-text journal file.

Plain text is a run of entries, each starting with a line `[YYYY-MM-DD HH:MM] Title. Body`
(seconds and AM/PM allowed; a title ending in ` *` is starred) and going on until the next
such line. Times carry no zone: they are this computer's local time, as jrnl wrote them.
`@words` become tags (the text keeps them); `starred` becomes the tag `starred`.
An encrypted journal cannot be read here: jrnl must export it first.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from alliance_journal.domain.importers.json_stream import array_items
from alliance_journal.domain.importers.model import (
    MAX_BODY_CHARS,
    STARRED_TAG,
    ImportedEntry,
    Prefixed,
    Readable,
    Skipped,
    check_body,
    clean_tags,
    json_tags,
    problem,
    text_identity,
)
from alliance_journal.domain.importers.moments import aware

ENCRYPTED = ("looks like an encrypted jrnl journal, which cannot be read here: "
             "export it first (jrnl --export json -o FILE) and import that file")
#: jrnl v2 and later encrypt with Fernet, whose tokens start so.
FERNET_HEAD = b"gAAAAA"
DATE_LINE = re.compile(
    r"^\[(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2}(?::\d{2})?)(?: ?([AaPp][Mm]))?\] ?(.*)$")
TAG = re.compile(r"(?<!\S)@([-+*/\w]+)")
_READ_SIZE = 64 * 1024


def tags_in(text: str) -> list[str]:
    """The `@words` of a text, without the `@`."""
    return [m.group(1).rstrip("-+*/") for m in TAG.finditer(text)]


def _moment(day: str, clock: str, half: str | None) -> datetime | None:
    fmt = "%Y-%m-%d " + ("%I" if half else "%H") + (":%M:%S" if clock.count(":") == 2 else ":%M")
    try:
        naive = datetime.strptime(f"{day} {clock}{' ' + half.upper() if half else ''}",
                                  fmt + (" %p" if half else ""))
        return aware(naive)
    except (ValueError, OverflowError):  # no such day, or year 1 pushed past the calendar
        return None


def _entry(head: re.Match[str], lines: list[str], source: str, number: int,
           skipped: Skipped) -> ImportedEntry:
    occurred_at = _moment(head.group(1), head.group(2), head.group(3))
    if occurred_at is None:
        raise problem(source, number, "date", "not a date and time")
    title = head.group(4).rstrip()
    starred = title.endswith(" *") or title == "*"
    if starred:
        title = title[:-1].rstrip()
    body = "\n".join([title, *lines]).rstrip()
    body = check_body(body, source, number, "text")
    tags = clean_tags([*tags_in(body), *([STARRED_TAG] if starred else [])], skipped)
    return ImportedEntry(occurred_at=occurred_at, body=body, tags=tags,
                         identity=text_identity(occurred_at, body))


def _lines(stream: Readable, source: str) -> Iterator[str]:
    """The file's lines as text, read as it goes."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    pending = ""
    try:
        while True:
            data = stream.read(_READ_SIZE)
            pending += decoder.decode(data, final=not data)
            *complete, pending = pending.split("\n")
            for line in complete:
                yield line.removesuffix("\r")
            if len(pending) > MAX_BODY_CHARS:  # one endless line: refuse before it fills memory
                raise _TooLongError
            if not data:
                break
    except UnicodeDecodeError:
        raise _NotUtf8Error(source) from None
    if pending:
        yield pending.removesuffix("\r")


class _NotUtf8Error(Exception):
    """Raised inside the line reader, turned into the one-line message by the caller."""


class _TooLongError(Exception):
    """An entry (or one line) longer than any entry may be."""


def read_jrnl_text(stream: Readable, *, source: str, skipped: Skipped) -> Iterator[ImportedEntry]:
    """Each entry of a plain-text jrnl journal, in file order."""
    head = stream.read(len(FERNET_HEAD))
    if head.startswith(FERNET_HEAD):
        raise problem(source, None, "file", ENCRYPTED)
    number = 0
    current: re.Match[str] | None = None
    lines: list[str] = []
    size = 0
    try:
        for line_number, line in enumerate(_lines(Prefixed(head, stream), source), start=1):
            match = DATE_LINE.match(line)
            if match is not None:
                if current is not None:
                    yield _entry(current, lines, source, number, skipped)
                number += 1
                current, lines, size = match, [], len(line)
            elif current is not None:
                lines.append(line)
                size += len(line) + 1
                if size > MAX_BODY_CHARS:
                    raise _TooLongError
            elif line.strip():
                raise problem(source, None, f"line {line_number}",
                              "does not start with [YYYY-MM-DD HH:MM], as a jrnl entry does")
    except _NotUtf8Error:
        raise problem(source, None, "file", "not UTF-8 text; if it is an encrypted jrnl journal, "
                      "export it first (jrnl --export json -o FILE)") from None
    except _TooLongError:
        raise problem(source, number or None, "text",
                      f"longer than {MAX_BODY_CHARS:,} characters") from None
    if current is not None:
        yield _entry(current, lines, source, number, skipped)


def read_jrnl_json(stream: Readable, *, source: str, skipped: Skipped) -> Iterator[ImportedEntry]:
    """Each entry of `jrnl --export json`, in file order."""
    items = array_items(stream, "entries", source=source, what="a jrnl JSON export")
    for number, raw in enumerate(items, start=1):
        yield _json_entry(raw, source, number, skipped)


def _text_field(raw: dict[str, Any], key: str, source: str, number: int, *, required: bool) -> str:
    value = raw.get(key)
    if value is None:
        if required:
            raise problem(source, number, key, "missing")
        return ""
    if not isinstance(value, str):
        raise problem(source, number, key, "not text")
    return value


def _json_entry(raw: Any, source: str, number: int, skipped: Skipped) -> ImportedEntry:
    if not isinstance(raw, dict):
        raise problem(source, number, "entry", "not an object")
    day = _text_field(raw, "date", source, number, required=True)
    clock = _text_field(raw, "time", source, number, required=False) or "00:00"
    match = re.fullmatch(r"(\d{1,2}:\d{2}(?::\d{2})?)(?: ?([AaPp][Mm]))?", clock.strip())
    occurred_at = _moment(day.strip(), match.group(1), match.group(2)) if match else None
    if occurred_at is None:
        raise problem(source, number, "date" if match else "time", "not a date and time")
    title = _text_field(raw, "title", source, number, required=False).strip()
    text = _text_field(raw, "body", source, number, required=False).strip("\n")
    body = check_body("\n".join(p for p in (title, text) if p), source, number, "body")
    cleaned = clean_tags([t.removeprefix("@") for t in json_tags(raw, source, number)], skipped)
    return ImportedEntry(occurred_at=occurred_at, body=body, tags=cleaned,
                         identity=text_identity(occurred_at, body))
