"""Day One's escaping undone exactly, through the whole reader; formats told from content."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_journal.domain.importers.dayone import read_dayone
from alliance_journal.domain.importers.dayone_text import escape, unescape, without_media
from alliance_journal.domain.importers.detect import detect
from alliance_journal.domain.importers.jrnl import read_jrnl_text
from alliance_journal.domain.importers.markdown import read_markdown
from alliance_journal.domain.importers.model import ImportFormat, Skipped
from alliance_journal.errors import InvalidInputError


@given(st.text())
def test_any_text_survives_escaping_and_unescaping(text: str) -> None:
    assert unescape(escape(text)) == text


@given(st.text(alphabet=st.characters(blacklist_characters="\\")))
def test_text_without_backslashes_reads_as_written_once_escaped(text: str) -> None:
    escaped = escape(text)
    assert escaped.replace("\\", "") == text


def test_day_one_escapes_are_undone() -> None:
    assert unescape(r"Felt stuck\. Then\- relief\! \(maybe\)") == "Felt stuck. Then- relief! (maybe)"
    assert unescape(r"1\. first \*not bold\* a\\b") == r"1. first *not bold* a\b"


def test_backslashes_before_other_characters_are_kept() -> None:
    assert unescape(r"C:\Users\me and \é and \n") == r"C:\Users\me and \é and \n"


def test_media_references_are_removed_and_counted() -> None:
    text = "Before\n\n![](dayone-moment://ABC123)\n\n\nAfter ![](dayone-moment:/audio/XYZ)"
    stripped, count = without_media(text)
    assert count == 2 and stripped == "Before\n\nAfter "
    assert without_media("no media here") == ("no media here", 0)


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"),
                min_size=1).filter(lambda t: bool(t.strip()) and "dayone-moment" not in t)


@settings(max_examples=60)
@given(_TEXT)
def test_any_text_survives_a_day_one_export_and_the_reader(text: str) -> None:
    """Escaped as Day One stores it, written as JSON, read back: the very text."""
    document = json.dumps({"metadata": {}, "entries": [
        {"uuid": "AB" * 16, "creationDate": "2024-01-01T00:00:00Z", "text": escape(text)}]})
    skipped = Skipped()
    [entry] = read_dayone(io.BytesIO(document.encode("utf-8")), source="J.json", skipped=skipped)
    assert entry.body == text


@pytest.mark.parametrize("head, name, expected", [
    (b'{"format": "alliance-journal/1", "clients": []}', "x.json", ImportFormat.ALLIANCE),
    (b'\xef\xbb\xbf{"metadata": {}, "entries": [{"creationDate": "2024"', "J.json", ImportFormat.DAYONE),
    (b'{"tags": {}, "entries": [{"title": "t", "body": "", "date": "2024-01-01"', "j.json",
     ImportFormat.JRNL),
    (b"[2024-01-01 09:00] Hello.", "journal.txt", ImportFormat.JRNL),
    (b"gAAAAABk...", "journal.txt", ImportFormat.JRNL),
    (b"# A note", "note.md", ImportFormat.MARKDOWN),
    (b"# A note", "note.txt", None),
    (b'{"something": "else"}', "x.json", None),
    (b"a,b,c", "x.csv", None),
])
def test_formats_are_told_from_content(head: bytes, name: str, expected: ImportFormat | None) -> None:
    assert detect(head, name) is expected


@pytest.mark.parametrize("front_matter", [
    "date: 2024-02-30",  # YAML builds the date itself, and refuses it
    "date: 0001-01-01",  # before the calendar's first day once read in any zone west of UTC
    "date: 9999-12-31T23:59:59-05:00",  # after its last day in UTC
    "[" * 2000,  # nested past Python's recursion limit
])
def test_impossible_markdown_dates_and_nesting_are_one_line(front_matter: str) -> None:
    with pytest.raises(InvalidInputError, match=r"^a\.md: (date|front matter): "):
        read_markdown(f"---\n{front_matter}\n---\nbody", source="a.md", modified=datetime(2024, 1, 1),
                      skipped=Skipped())


def test_a_real_markdown_date_is_read() -> None:
    entry = read_markdown("---\ndate: 2024-02-29T10:00:00Z\n---\nbody", source="a.md",
                          modified=datetime(2024, 1, 1), skipped=Skipped())
    assert entry is not None
    assert entry.occurred_at == datetime(2024, 2, 29, 10, tzinfo=UTC)


def test_a_jrnl_date_past_the_calendar_is_one_line() -> None:
    stream = io.BytesIO(b"[0001-01-01 00:00] too early\n[2024-01-01 09:00] fine\n")
    with pytest.raises(InvalidInputError, match=r"^j\.txt: entry 1: date: not a date and time$"):
        list(read_jrnl_text(stream, source="j.txt", skipped=Skipped()))
