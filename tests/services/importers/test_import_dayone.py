"""Day One exports into the vault, entry by entry: text, time, tags; twice adds nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import EntryKind
from alliance_journal.services.clients import find_client, save_client
from alliance_journal.services.entries import all_entries
from alliance_journal.services.importers.run import import_notes
from alliance_journal.services.unlock import OpenVault
from tests.services.importers.exports import dayone_entry, dayone_json, dayone_zip

U1, U2, U3, U4 = ("A1" * 16, "B2" * 16, "C3" * 16, "D4" * 16)
TEXTS = {
    U1: "# Supervision\n\nNoticed I *hurried* the ending. Why? 1. - not a list!",
    U2: "Ünïcødé: 心 🌱 — «quotes» \\ backslash [link](x) #not-a-tag",
    U3: "Just after midnight, clocks about to change.",
    U4: "Midnight in October, clocks went back.",
}


def _journals() -> dict[str, list[dict[str, object]]]:
    return {
        "Journal": [
            dayone_entry(U1, "2024-01-05T18:45:10Z", TEXTS[U1], tags=["Supervision", "ending"],
                         starred=True, photos=[{"identifier": "P1"}, {"identifier": "P2"}],
                         location={"localityName": "Somewhere"}),
            dayone_entry(U2, "2024-02-01T09:00:00Z", TEXTS[U2], zone="Asia/Tokyo"),
        ],
        "Travel": [
            # 00:30 in London on the night the clocks go forward (01:00 UTC): still GMT.
            dayone_entry(U3, "2021-03-28T00:30:00Z", TEXTS[U3], tags=["dst"],
                         audios=[{"identifier": "A"}]),
            # 00:30 in London on the night the clocks go back: still BST, 23:30 UTC the day before.
            dayone_entry(U4, "2021-10-30T23:30:00Z", TEXTS[U4]),
            dayone_entry(U1, "2024-01-05T18:45:10Z", TEXTS[U1]),  # the same entry again
        ],
    }


def test_every_entry_arrives_with_its_text_time_and_tags(vault: OpenVault, tmp_path: Path) -> None:
    archive = dayone_zip(tmp_path / "export.zip", _journals(),
                         {"photos/p1.jpeg": b"\xff\xd8", "audios/a.m4a": b"\0"})
    summary = import_notes(vault, archive)
    assert summary.written and summary.entries == 4 and summary.already_present == 1
    assert summary.skipped == {"photos": 2, "audio recordings": 1, "locations": 1}

    entries = all_entries(vault)
    assert [(e.body, e.occurred_at, e.tags) for e in entries] == [
        (TEXTS[U3], datetime(2021, 3, 28, 0, 30, tzinfo=UTC), ["dst"]),
        (TEXTS[U4], datetime(2021, 10, 30, 23, 30, tzinfo=UTC), []),
        (TEXTS[U1], datetime(2024, 1, 5, 18, 45, 10, tzinfo=UTC), ["supervision", "ending", "starred"]),
        (TEXTS[U2], datetime(2024, 2, 1, 9, 0, tzinfo=UTC), []),
    ]
    assert all(e.kind is EntryKind.REFLECTION and e.client_id is None for e in entries)


def test_an_archive_whose_name_holds_a_colon_skips_media_the_same(vault: OpenVault, tmp_path: Path) -> None:
    """Members are told by their names inside the archive, not by the names in messages."""
    archive = dayone_zip(tmp_path / "Journal: 2024.zip", _journals(),
                         {"photos/p1.jpeg": b"\xff\xd8", "notes.txt": b"other"})
    summary = import_notes(vault, archive, dry_run=True)
    assert summary.skipped == {"photos": 2, "audio recordings": 1, "locations": 1, "other files": 1}


def test_importing_the_same_export_again_adds_nothing(vault: OpenVault, tmp_path: Path) -> None:
    archive = dayone_zip(tmp_path / "export.zip", _journals())
    import_notes(vault, archive)
    before = all_entries(vault)
    again = import_notes(vault, archive)
    assert again.entries == 0 and again.already_present == 5
    assert all_entries(vault) == before


def test_a_changed_entry_keeps_its_place_and_is_not_added_twice(vault: OpenVault, tmp_path: Path) -> None:
    """Day One's uuid identifies an entry, so an edit in Day One does not make a second one."""
    source = tmp_path / "Journal.json"
    source.write_bytes(dayone_json([dayone_entry(U1, "2024-01-05T18:45:10Z", "first version")]))
    import_notes(vault, source)
    source.write_bytes(dayone_json([dayone_entry(U1, "2024-01-05T18:45:10Z", "second version")]))
    assert import_notes(vault, source).already_present == 1
    assert [e.body for e in all_entries(vault)] == ["first version"]


def test_a_time_without_offset_is_read_in_the_entrys_zone(vault: OpenVault, tmp_path: Path) -> None:
    source = tmp_path / "Journal.json"
    source.write_bytes(dayone_json([dayone_entry(U1, "2021-03-28T00:30:00", "naive",
                                                 zone="America/New_York")]))
    import_notes(vault, source)
    assert all_entries(vault)[0].occurred_at == datetime(2021, 3, 28, 4, 30, tzinfo=UTC)


def test_a_client_code_puts_the_entries_with_that_client(vault: OpenVault, tmp_path: Path) -> None:
    save_client(vault, Client(code="C-042"))
    source = tmp_path / "Journal.json"
    source.write_bytes(dayone_json([dayone_entry(U1, "2024-01-05T18:45:10Z", "about C-042")]))
    summary = import_notes(vault, source, client_code="C-042")
    assert summary.by_place == {("C-042", EntryKind.REFLECTION): 1}
    assert all_entries(vault)[0].client_id == find_client(vault, "C-042").id


def test_a_dry_run_counts_and_writes_nothing(vault: OpenVault, tmp_path: Path) -> None:
    archive = dayone_zip(tmp_path / "export.zip", _journals())
    summary = import_notes(vault, archive, dry_run=True)
    assert not summary.written and summary.entries == 4 and summary.already_present == 1
    assert summary.first == datetime(2021, 3, 28, 0, 30, tzinfo=UTC)
    assert summary.last == datetime(2024, 2, 1, 9, 0, tzinfo=UTC)
    assert all_entries(vault) == []
    lines = summary.lines()
    assert lines[0] == "Would import 4 entries from export.zip (Day One)."
    assert "  My journal: 4 reflection entries" in lines
    assert "  Already in the vault (not added again): 1" in lines


def test_media_only_entries_are_counted_not_imported(vault: OpenVault, tmp_path: Path) -> None:
    source = tmp_path / "Journal.json"
    source.write_bytes(dayone_json([
        {"uuid": U1, "creationDate": "2024-01-05T18:45:10Z", "text": "![](dayone-moment://P1)",
         "photos": [{"identifier": "P1"}]}]))
    summary = import_notes(vault, source)
    assert summary.entries == 0
    assert summary.skipped == {"photos": 1, "entries with no text (only media)": 1}


@pytest.mark.parametrize("tags, expected", [
    (["a,b", "#hash", "x" * 50, "  Spaced   Out  "], ["a b", "hash", "x" * 40, "spaced out"]),
])
def test_tags_the_vault_would_refuse_are_cleaned_and_counted(vault: OpenVault, tmp_path: Path,
                                                             tags: list[str], expected: list[str]) -> None:
    source = tmp_path / "Journal.json"
    source.write_bytes(dayone_json([dayone_entry(U1, "2024-01-05T18:45:10Z", "t", tags=tags)]))
    summary = import_notes(vault, source)
    assert all_entries(vault)[0].tags == expected
    assert summary.skipped["tags shortened or cleaned"] == 3
