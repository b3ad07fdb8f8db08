"""Day One's JSON export: `{"metadata": ..., "entries": [...]}`, one file per journal.

Kept: `uuid` (so a second import adds nothing), `creationDate` (UTC; a time without an
offset is read in the entry's `timeZone`), `text` with Day One's escaping undone, `tags`,
and `starred` as the tag `starred`. Not imported, only counted: photos, audio, video,
PDF attachments and locations, and the entries that held nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from alliance_journal.domain.importers.dayone_text import unescape, without_media
from alliance_journal.domain.importers.json_stream import array_items
from alliance_journal.domain.importers.model import (
    ImportedEntry,
    Readable,
    Skipped,
    check_body,
    clean_tags,
    json_tags,
    problem,
)
from alliance_journal.domain.importers.moments import parse_moment, zone

_UUID = re.compile(r"^[0-9A-Fa-f]{32}$|^[0-9A-Fa-f-]{36}$")
#: Attachment lists of an entry, by what the summary calls them.
_MEDIA = {"photos": "photos", "audios": "audio recordings", "videos": "videos",
          "pdfAttachments": "PDF attachments"}


def read_dayone(stream: Readable, *, source: str, skipped: Skipped) -> Iterator[ImportedEntry]:
    """Each entry of one journal's JSON, in file order; one line at the first malformed one."""
    for number, raw in enumerate(array_items(stream, "entries", source=source, what="a Day One export"),
                                 start=1):
        entry = _entry(raw, source, number, skipped)
        if entry is not None:
            yield entry


def _entry(raw: Any, source: str, number: int, skipped: Skipped) -> ImportedEntry | None:
    if not isinstance(raw, dict):
        raise problem(source, number, "entry", "not an object")
    uuid = raw.get("uuid")
    if not isinstance(uuid, str) or not _UUID.match(uuid):
        raise problem(source, number, "uuid", "missing" if uuid is None else "not a Day One id")
    zone_name = raw.get("timeZone")
    where = zone(zone_name) if isinstance(zone_name, str) else None
    if "creationDate" not in raw:
        raise problem(source, number, "creationDate", "missing")
    occurred_at = parse_moment(raw["creationDate"], where)
    if occurred_at is None:
        raise problem(source, number, "creationDate", "not a date and time")
    text = raw.get("text", "")
    if not isinstance(text, str):
        raise problem(source, number, "text", "not text")
    tags = json_tags(raw, source, number)

    for key, what in _MEDIA.items():
        media = raw.get(key)
        if isinstance(media, list):
            skipped.add(what, len(media))
    if raw.get("location"):
        skipped.add("locations")
    text, _references = without_media(text)  # the attachments are counted from their lists
    body = check_body(unescape(text), source, number, "text")
    if not body.strip():
        skipped.add("entries with no text (only media)")
        return None
    return ImportedEntry(occurred_at=occurred_at, body=body, tags=clean_tags(tags, skipped),
                         identity=f"dayone\0{uuid.replace('-', '').upper()}")
