"""What every reader yields, and what it tells about what it left out.

Messages name the file, the entry's number and the field, never a value: a value may
be note text, and messages reach terminals and dialogs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Protocol

from alliance_journal.domain.entries import EntryKind
from alliance_journal.errors import InvalidInputError

#: The largest body an entry may have (as `Entry.body`).
MAX_BODY_CHARS = 1_000_000
MAX_TAG_CHARS = 40
#: What a starred or favourite entry is tagged with.
STARRED_TAG = "starred"


class Readable(Protocol):
    """What a reader needs of a file: bytes, a piece at a time."""

    def read(self, size: int = -1, /) -> bytes: ...


class Prefixed:
    """A stream whose first bytes were already read to look at them."""

    def __init__(self, head: bytes, raw: Readable) -> None:
        self._head = head
        self._raw = raw

    def read(self, size: int = -1, /) -> bytes:
        if self._head:
            data, self._head = self._head, b""
            return data
        return self._raw.read(size)


class ImportFormat(StrEnum):
    ALLIANCE = "alliance"
    DAYONE = "dayone"
    JRNL = "jrnl"
    MARKDOWN = "markdown"


FORMAT_TITLES: dict[ImportFormat, str] = {
    ImportFormat.ALLIANCE: "Alliance Journal JSON",
    ImportFormat.DAYONE: "Day One",
    ImportFormat.JRNL: "jrnl",
    ImportFormat.MARKDOWN: "Markdown",
}


@dataclass(frozen=True, slots=True)
class ImportedEntry:
    """One note read from another app, before it has an id or a place in the vault.

    `identity` decides whether the note is already in the vault: Day One's `uuid`, or
    for formats without one the time and the text. `client_code` is the front matter's
    `client:` (None: the import's default), `kind` its `kind:` (None: reflection).
    """

    occurred_at: datetime
    body: str
    tags: tuple[str, ...]
    identity: str
    client_code: str | None = None
    kind: EntryKind | None = None


@dataclass
class Skipped:
    """What the readers did not import, by what it is ("photos", "audio", ...)."""

    counts: Counter[str] = field(default_factory=Counter)

    def add(self, what: str, count: int = 1) -> None:
        if count:
            self.counts[what] += count


def problem(source: str, entry: int | None, where: str, message: str) -> InvalidInputError:
    """One line: the file, the entry's number (from 1) when the file holds several, the field."""
    place = f"entry {entry}: " if entry is not None else ""
    return InvalidInputError(f"{source}: {place}{where}: {message}")


def text_identity(occurred_at: datetime, body: str) -> str:
    """For formats without ids: the moment (to the second, in UTC) and the text."""
    moment = occurred_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"text\0{moment}\0{body}"


def clean_tag(raw: str, skipped: Skipped) -> str | None:
    """A tag as the vault accepts it (no comma, `#` or line break; at most 40 characters).

    Other apps allow more; what had to change is counted, an empty tag is dropped.
    """
    tag = " ".join(raw.replace(",", " ").replace("#", " ").split()).lower()
    if len(tag) > MAX_TAG_CHARS:
        tag = tag[:MAX_TAG_CHARS].rstrip()
    if tag != " ".join(raw.split()).lower():
        skipped.add("tags shortened or cleaned")
    return tag or None


def json_tags(raw: dict[str, Any], source: str, entry: int) -> list[str]:
    """A JSON entry's `tags` list, and its `starred` flag as the tag `starred` (Day One, jrnl)."""
    tags = raw.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise problem(source, entry, "tags", "not a list of text")
    starred = raw.get("starred", False)
    if not isinstance(starred, bool):
        raise problem(source, entry, "starred", "not true or false")
    return [*tags, *([STARRED_TAG] if starred else [])]


def clean_tags(raws: list[str], skipped: Skipped) -> tuple[str, ...]:
    tags = (clean_tag(raw, skipped) for raw in raws)
    return tuple(dict.fromkeys(t for t in tags if t))


def check_body(body: str, source: str, entry: int | None, where: str) -> str:
    if len(body) > MAX_BODY_CHARS:
        raise problem(source, entry, where, f"longer than {MAX_BODY_CHARS:,} characters")
    if "\x00" in body:
        raise problem(source, entry, where, "contains a NUL character")
    try:
        body.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, from a JSON escape
        raise problem(source, entry, where, "is not valid Unicode text") from None
    return body
