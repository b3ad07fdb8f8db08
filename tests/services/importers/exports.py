"""Small exports of other apps, built the way those apps write them, for the import tests."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from alliance_journal.domain.importers.dayone_text import escape


def dayone_entry(uuid: str, created: str, text: str, *, zone: str = "Europe/London",
                 tags: list[str] | None = None, starred: bool = False,
                 **extra: Any) -> dict[str, Any]:
    """One entry as Day One exports it: its text escaped, its time in UTC."""
    entry: dict[str, Any] = {"uuid": uuid, "creationDate": created, "modifiedDate": created,
                             "timeZone": zone, "text": escape(text), "starred": starred,
                             "creationDevice": "Phone", "duration": 0}
    if tags is not None:
        entry["tags"] = tags
    entry.update(extra)
    return entry


def dayone_json(entries: list[dict[str, Any]]) -> bytes:
    return json.dumps({"metadata": {"version": "1.0"}, "entries": entries},
                      ensure_ascii=False, indent=2).encode("utf-8")


def dayone_zip(path: Path, journals: dict[str, list[dict[str, Any]]],
               media: dict[str, bytes] | None = None) -> Path:
    """A Day One export archive: `<Journal>.json` per journal, media in their folders."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, entries in journals.items():
            archive.writestr(f"{name}.json", dayone_json(entries))
        for name, data in (media or {}).items():
            archive.writestr(name, data)
    return path


def jrnl_json(entries: list[dict[str, Any]]) -> bytes:
    tags: dict[str, int] = {}
    for entry in entries:
        for tag in entry.get("tags", []):
            tags[tag] = tags.get(tag, 0) + 1
    return json.dumps({"tags": tags, "entries": entries}, ensure_ascii=False, indent=4).encode()
