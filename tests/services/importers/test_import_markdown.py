"""A folder (or .zip) of Markdown notes into the vault: front matter, file names, clients."""

from __future__ import annotations

import os
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import EntryKind
from alliance_journal.domain.importers.model import ImportFormat
from alliance_journal.errors import InvalidInputError, StorageError
from alliance_journal.services.clients import find_client, save_client
from alliance_journal.services.entries import all_entries
from alliance_journal.services.importers.run import import_notes
from alliance_journal.services.unlock import OpenVault

NOTES = {
    "2024/with-front-matter.md": (
        "---\ndate: 2024-03-31T00:30:00+00:00\ntags: [Supervision, \"rupture\"]\n"
        "client: C-042\nkind: session\naliases: [x]\n---\n# After the session\n\n"
        "Escaped \\*asterisks\\* stay as written. Ünïcode 心.\n"),
    "no heading here.md": "---\ndate: 2024-03-31 02:30\ntags: tired, late\n---\nJust words.\n",
    "plain.markdown": "Nothing but text, dated by the file.\n",
    "titled.md": "---\ntitle: A better title\ndate: 2024-10-27\n---\nBody.\n",
    ".obsidian/workspace.md": "ignored: hidden folder",
    "picture.png": "not a note",
}
MTIME = datetime(2023, 6, 1, 12, 0, tzinfo=UTC)


def _folder(root: Path, notes: dict[str, str]) -> Path:
    for name, text in notes.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        os.utime(path, (MTIME.timestamp(), MTIME.timestamp()))
    return root


@pytest.mark.usefixtures("london")
def test_a_folder_of_notes_arrives_with_dates_tags_headings_and_clients(vault: OpenVault,
                                                                       tmp_path: Path) -> None:
    save_client(vault, Client(code="C-042"))
    summary = import_notes(vault, _folder(tmp_path / "notes", NOTES))
    assert summary.format is ImportFormat.MARKDOWN and summary.entries == 4
    assert summary.skipped == {"other files": 1, "front-matter keys not imported": 1}
    assert summary.by_place == {("C-042", EntryKind.SESSION): 1, (None, EntryKind.REFLECTION): 3}
    client = find_client(vault, "C-042")
    assert [(e.body, e.occurred_at, e.tags, e.kind, e.client_id) for e in all_entries(vault)] == [
        ("# plain\n\nNothing but text, dated by the file.", MTIME, [], EntryKind.REFLECTION, None),
        ("# After the session\n\nEscaped \\*asterisks\\* stay as written. Ünïcode 心.",
         datetime(2024, 3, 31, 0, 30, tzinfo=UTC), ["supervision", "rupture"], EntryKind.SESSION,
         client.id),
        # 02:30 local, an hour after the clocks went forward that night: summer time.
        ("# no heading here\n\nJust words.", datetime(2024, 3, 31, 1, 30, tzinfo=UTC),
         ["tired", "late"], EntryKind.REFLECTION, None),
        # Midnight of the day the clocks went back: still summer time, 23:00 UTC the day before.
        ("# A better title\n\nBody.", datetime(2024, 10, 26, 23, 0, tzinfo=UTC), [],
         EntryKind.REFLECTION, None),
    ]
    assert import_notes(vault, tmp_path / "notes").already_present == 4


def test_a_zip_of_notes_reads_like_the_folder(vault: OpenVault, tmp_path: Path) -> None:
    archive = tmp_path / "vault-export.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("Notes/one.md", "---\ndate: 2024-01-02T10:00:00Z\ntags: [a]\n---\n# One\n")
        out.writestr("Notes/two.md", "---\ndate: 2024-01-03T10:00:00Z\n---\nTwo\n")
        out.writestr("Notes/image.png", b"\x89PNG")
        out.writestr("__MACOSX/Notes/._one.md", b"\0\5\x16\7 resource fork")
    summary = import_notes(vault, archive)
    assert summary.format is ImportFormat.MARKDOWN and summary.entries == 2
    assert summary.skipped == {"other files": 2}
    assert [(e.body, e.tags) for e in all_entries(vault)] == [("# One", ["a"]), ("# two\n\nTwo", [])]


def test_client_option_is_the_default_and_front_matter_wins(vault: OpenVault, tmp_path: Path) -> None:
    save_client(vault, Client(code="A-1"))
    save_client(vault, Client(code="B-2"))
    folder = _folder(tmp_path / "n", {"a.md": "For the default client.\n",
                                      "b.md": "---\nclient: B-2\n---\nFor B.\n"})
    summary = import_notes(vault, folder, client_code="A-1")
    assert summary.by_place == {("A-1", EntryKind.REFLECTION): 1, ("B-2", EntryKind.REFLECTION): 1}


def test_kinds_that_would_invent_ratings_are_refused(vault: OpenVault, tmp_path: Path) -> None:
    folder = _folder(tmp_path / "n", {"a.md": "---\nkind: alliance\n---\nHow it felt.\n"})
    with pytest.raises(InvalidInputError, match=r"^a.md: kind: only reflection or session"):
        import_notes(vault, folder)
    assert all_entries(vault) == []


def _deep_folder(top: Path, levels: int) -> str:
    """`levels` nested folders of 255-letter names below `top`, made through folder
    descriptors: their full path is longer than the system allows (ENAMETOOLONG), so
    listing the deepest fails for any user, root included. Returns its name."""
    name = "n" * 255
    fd = os.open(top, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for _ in range(levels):
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = inner
        with open(os.open("lost.md", os.O_WRONLY | os.O_CREAT, 0o600, dir_fd=fd), "w") as note:
            note.write("# A note nobody could read\n")
    finally:
        os.close(fd)
    return name


def test_a_subfolder_that_cannot_be_read_stops_the_import_and_names_it(
        vault: OpenVault, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "kept.md").write_text("# Readable\n\nA readable note.\n", encoding="utf-8")
    name = _deep_folder(folder, 17)  # 17 x 256 characters: past PATH_MAX (4096)
    before = all_entries(vault)
    with pytest.raises(StorageError) as refused:
        import_notes(vault, folder, client_code="C-1")
    assert refused.value.message == (f"could not read {name}: File name too long; "
                                     "nothing was imported")
    assert all_entries(vault) == before  # not even the readable note: all or nothing
