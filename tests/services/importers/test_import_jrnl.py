"""jrnl's plain-text journal and JSON export into the vault, entry by entry."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from alliance_journal.domain.importers.model import ImportFormat
from alliance_journal.errors import InvalidInputError
from alliance_journal.services.entries import all_entries
from alliance_journal.services.importers.run import import_notes
from alliance_journal.services.search import search
from alliance_journal.services.unlock import OpenVault
from tests.services.importers.conftest import vault_bytes
from tests.services.importers.exports import jrnl_json

JOURNAL = """\
[2021-03-28 00:30] Before the clocks changed. Felt the hour @lost before it went.
Second line with \\*stars\\* and ünïcode 心.

[2021-03-28 03:15] After the change @Supervision @ending. *
Short one.
[2021-10-31 01:30] The hour that happens twice, the first time.
[2024-01-05 06:45:00 PM] With seconds and PM.
[2021-03-28 00:30] Before the clocks changed. Felt the hour @lost before it went.
Second line with \\*stars\\* and ünïcode 心.
"""


@pytest.mark.usefixtures("london")
def test_plain_text_journal_entries_arrive_in_local_time(vault: OpenVault, tmp_path: Path) -> None:
    source = tmp_path / "journal.txt"
    source.write_text(JOURNAL, encoding="utf-8")
    summary = import_notes(vault, source)
    assert summary.format is ImportFormat.JRNL
    assert summary.entries == 4 and summary.already_present == 1  # the last one repeats the first
    entries = all_entries(vault)
    assert [(e.body, e.occurred_at, e.tags) for e in entries] == [
        ("Before the clocks changed. Felt the hour @lost before it went.\n"
         "Second line with \\*stars\\* and ünïcode 心.",
         datetime(2021, 3, 28, 0, 30, tzinfo=UTC), ["lost"]),  # GMT until 01:00
        ("After the change @Supervision @ending.\nShort one.",
         datetime(2021, 3, 28, 2, 15, tzinfo=UTC), ["supervision", "ending", "starred"]),  # BST
        ("The hour that happens twice, the first time.",
         datetime(2021, 10, 31, 0, 30, tzinfo=UTC), []),
        ("With seconds and PM.", datetime(2024, 1, 5, 18, 45, tzinfo=UTC), []),
    ]
    assert [h.entry_id for h in search(vault, "ünïcode").hits] == [entries[0].id]


@pytest.mark.usefixtures("london")
def test_json_export_entries_arrive_with_title_body_tags_and_star(vault: OpenVault,
                                                                  tmp_path: Path) -> None:
    source = tmp_path / "export.json"
    source.write_bytes(jrnl_json([
        {"title": "Late again.", "body": "Third week running.\n", "date": "2024-03-01",
         "time": "09:05", "tags": ["@late", "@Container"], "starred": True},
        {"title": "Only a title @x.", "body": "", "date": "2024-07-01", "time": "23:59",
         "tags": [], "starred": False},
    ]))
    summary = import_notes(vault, source)
    assert summary.format is ImportFormat.JRNL and summary.entries == 2
    assert [(e.body, e.occurred_at, e.tags) for e in all_entries(vault)] == [
        ("Late again.\nThird week running.", datetime(2024, 3, 1, 9, 5, tzinfo=UTC),
         ["late", "container", "starred"]),
        ("Only a title @x.", datetime(2024, 7, 1, 22, 59, tzinfo=UTC), []),
    ]
    assert import_notes(vault, source).already_present == 2


@pytest.mark.parametrize("content", [b"gAAAAABkJv3" + b"x" * 200, b"\x8a\x01\xff\xfe" * 40])
def test_an_encrypted_journal_is_refused_with_what_to_do(vault: OpenVault, tmp_path: Path,
                                                         content: bytes) -> None:
    source = tmp_path / "journal.txt"
    source.write_bytes(content)
    before = vault_bytes(vault.paths.folder)
    with pytest.raises(InvalidInputError, match="export it first") as caught:
        import_notes(vault, source, format=ImportFormat.JRNL)
    assert "\n" not in caught.value.message
    assert vault_bytes(vault.paths.folder) == before


def test_text_before_the_first_entry_is_refused_naming_the_line(vault: OpenVault, tmp_path: Path) -> None:
    source = tmp_path / "journal.txt"
    source.write_text("\nnot an entry\n[2024-01-01 10:00] Fine.\n")
    with pytest.raises(InvalidInputError, match=r"^journal.txt: line 2: does not start with"):
        import_notes(vault, source, format=ImportFormat.JRNL)
    assert all_entries(vault) == []


def test_an_entry_longer_than_any_entry_may_be_is_refused_early(vault: OpenVault, tmp_path: Path) -> None:
    source = tmp_path / "journal.txt"
    with source.open("w") as out:
        out.write("[2024-01-01 10:00] Start.\n")
        for _ in range(2_100):
            out.write("x" * 499 + "\n")
    with pytest.raises(InvalidInputError, match=r"^journal.txt: entry 1: text: longer than 1,000,000"):
        import_notes(vault, source, format=ImportFormat.JRNL)
