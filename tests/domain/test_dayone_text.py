"""Day One's escaping: undone exactly, and only where Day One put it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from alliance_journal.domain.importers.dayone_text import escape, unescape, without_media


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
