"""One Markdown file (as Obsidian and many others keep notes) into one entry.

Optional YAML front matter between `---` lines may give `date`, `tags` (a list, or
words separated by commas or spaces), `client` (a client's code), `kind` (an entry
kind's id) and `title`; other keys are counted and left out. Without a date, the file's
modification time is the entry's. A file whose text does not start with a heading gets
one: the front matter's `title`, else the file's name without `.md`.
YAML is read with `safe_load` only: no tags that build objects.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from alliance_journal.domain.entries import EntryKind
from alliance_journal.domain.importers.model import (
    ImportedEntry,
    Skipped,
    check_body,
    clean_tags,
    problem,
    text_identity,
)
from alliance_journal.domain.importers.moments import aware, parse_moment

SUFFIXES = (".md", ".markdown")
#: Front-matter keys that are read; the others are counted as left out.
KNOWN_KEYS = frozenset({"date", "tags", "client", "kind", "title"})
_FENCE = re.compile(r"^---[ \t]*$")
_END = re.compile(r"^(---|\.\.\.)[ \t]*$")
_HEADING = re.compile(r"^#{1,6}(\s|$)")


def is_markdown_name(name: str) -> bool:
    return name.lower().endswith(SUFFIXES) and not PurePosixPath(name).name.startswith(".")


def split_front_matter(text: str, source: str) -> tuple[str | None, str]:
    """(the YAML between the fences, or None; the rest of the file)."""
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0].rstrip("\r")):
        return None, text
    for index in range(1, len(lines)):
        if _END.match(lines[index].rstrip("\r")):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:])
    raise problem(source, None, "front matter", "no closing --- line")


def parse_front_matter(yaml_text: str, source: str) -> dict[str, Any]:
    import yaml  # only an import of Markdown needs it

    try:
        data = yaml.safe_load(yaml_text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" (line {mark.line + 2})" if mark is not None else ""  # + the opening fence
        raise problem(source, None, "front matter", f"not valid YAML{line}") from None
    except (ValueError, OverflowError):  # a date such as 2024-02-30, which YAML builds itself
        raise problem(source, None, "front matter", "holds a date that does not exist") from None
    except RecursionError:
        raise problem(source, None, "front matter", "nested too deeply") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise problem(source, None, "front matter", "not a set of keys and values")
    return {str(k): v for k, v in data.items()}


def _tags(value: Any, source: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [t for t in re.split(r"[,\s]+", value) if t]
    if isinstance(value, list) and all(isinstance(t, str | int) for t in value):
        return [str(t) for t in value]
    raise problem(source, None, "tags", "not a list of text")


def _kind(value: Any, source: str) -> EntryKind | None:
    if value is None:
        return None
    try:
        return EntryKind(str(value).strip().lower())
    except ValueError:
        ids = ", ".join(k.value for k in EntryKind)
        raise problem(source, None, "kind", f"not one of {ids}") from None


def _client(value: Any, source: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()
    raise problem(source, None, "client", "not a client code")


def _title(value: Any, fallback: str) -> str:
    title = value.strip() if isinstance(value, str) else ""
    return " ".join((title or fallback).split())


def read_markdown(text: str, *, source: str, modified: datetime,
                  skipped: Skipped) -> ImportedEntry | None:
    """The entry of one file's text (`source` names it); None for a file with nothing in it."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    yaml_text, rest = split_front_matter(text, source)
    meta = parse_front_matter(yaml_text, source) if yaml_text is not None else {}
    skipped.add("front-matter keys not imported", len(set(meta) - KNOWN_KEYS))
    if "date" in meta:
        occurred_at = parse_moment(meta["date"])
        if occurred_at is None:
            raise problem(source, None, "date", "not a date and time")
    else:
        occurred_at = aware(modified)
    body = rest.strip("\n").rstrip()
    if not body.strip() and "title" not in meta:
        skipped.add("empty files")
        return None
    first = next((line for line in body.split("\n") if line.strip()), "")
    if not _HEADING.match(first):
        name = PurePosixPath(source).name
        stem = name[: name.lower().rindex(".")] if "." in name else name
        heading = f"# {_title(meta.get('title'), stem)}"
        body = f"{heading}\n\n{body}" if body.strip() else heading
    body = check_body(body, source, None, "text")
    return ImportedEntry(occurred_at=occurred_at, body=body,
                         tags=clean_tags(_tags(meta.get("tags"), source), skipped),
                         identity=text_identity(occurred_at, body),
                         client_code=_client(meta.get("client"), source),
                         kind=_kind(meta.get("kind"), source))
