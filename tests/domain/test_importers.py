"""Day One's escaping undone exactly, through the whole reader; formats told from content."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_journal.domain.importers.dayone import read_dayone
from alliance_journal.domain.importers.dayone_text import escape, unescape, without_media
from alliance_journal.domain.importers.detect import detect
from alliance_journal.domain.importers.model import ImportFormat, Skipped


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
