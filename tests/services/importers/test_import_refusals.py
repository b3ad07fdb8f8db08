"""Malformed exports: one line naming the file, the entry and the field; the vault unchanged.

The vault is closed before and after, and its files compared byte for byte. Each bad
file comes after a good one, so a refusal has to undo what was already read.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.domain.importers.model import ImportFormat
from alliance_journal.errors import InvalidInputError
from alliance_journal.services.clients import save_client
from alliance_journal.services.entries import save_entry
from alliance_journal.services.importers.run import import_notes
from alliance_journal.services.unlock import UnlockSecret, unlock_vault
from tests.conftest import PASSPHRASE, NewVault
from tests.services.importers.conftest import vault_bytes
from tests.services.importers.exports import dayone_entry, dayone_json, dayone_zip

GOOD = dayone_entry("AB" * 16, "2024-01-05T18:45:10Z", "A good entry first.")


def _bad_zip(tmp: Path) -> Path:
    path = tmp / "export.zip"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    return path


def _not_day_one(tmp: Path) -> Path:
    path = tmp / "Journal.json"
    path.write_text('{"metadata": {"version": "1.0"}, "creationDate": 1, "items": []}')
    return path


def _missing_date(tmp: Path) -> Path:
    bad = {k: v for k, v in dayone_entry("CD" * 16, "", "no date").items() if k != "creationDate"}
    return dayone_zip(tmp / "export.zip", {"A": [GOOD], "B": [GOOD, bad]})


def _yaml_error(tmp: Path) -> Path:
    folder = tmp / "notes"
    folder.mkdir()
    (folder / "a.md").write_text("---\ndate: 2024-01-01\n---\nfine\n")
    (folder / "b.md").write_text("---\ntags: [unclosed\ndate: 2024-01-02\n---\nbroken\n")
    return folder


def _unknown_client(tmp: Path) -> Path:
    folder = tmp / "notes"
    folder.mkdir()
    (folder / "a.md").write_text("---\nclient: C-001\n---\nknown\n")
    (folder / "b.md").write_text("---\nclient: Z-999\n---\nunknown\n")
    return folder


def _zip_bomb(tmp: Path) -> Path:
    path = tmp / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("Journal.json", dayone_json([GOOD]))
        out.writestr("photos/huge.jpeg", b"\0" * (8 * 1024 * 1024))
    return path


def _unsafe_name(tmp: Path) -> Path:
    path = tmp / "notes.zip"
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("notes/a.md", "fine")
        out.writestr("../../outside.md", "escape")
    return path


def _notes_zip(tmp: Path, patch: Callable[[bytearray], None]) -> Path:
    path = tmp / "notes.zip"
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("a.md", "fine")
    data = bytearray(path.read_bytes())
    patch(data)
    path.write_bytes(bytes(data))
    return path


def _unknown_zip_version(tmp: Path) -> Path:
    def patch(data: bytearray) -> None:  # "version needed to extract" in the central directory
        data[data.index(b"PK\x01\x02") + 6] = 0xFF
    return _notes_zip(tmp, patch)


def _member_before_the_start(tmp: Path) -> Path:
    def patch(data: bytearray) -> None:  # the directory's offset, as if the file had lost 100 bytes
        end = data.index(b"PK\x05\x06") + 16
        offset = int.from_bytes(data[end:end + 4], "little") + 100
        data[end:end + 4] = offset.to_bytes(4, "little")
    return _notes_zip(tmp, patch)


def _empty_member_name(tmp: Path) -> Path:
    path = tmp / "notes.zip"
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("a.md", "fine")
        out.writestr(zipfile.ZipInfo(""), "nameless")
    return path


def _bad_time_zone_entry(tmp: Path) -> Path:
    path = tmp / "journal.json"
    path.write_text('{"tags": {}, "entries": [{"title": "ok", "body": "", "date": "2024-01-01", '
                    '"time": "10:00"}, {"title": "bad", "body": "", "date": "2024-13-01", "time": "10:00"}]}')
    return path


CASES: dict[str, tuple[Callable[[Path], Path], ImportFormat | None, str]] = {
    "bad zip": (_bad_zip, None, r"^export.zip: not a valid zip archive$"),
    "JSON not Day One": (_not_day_one, ImportFormat.DAYONE,
                         r'^Journal.json: not a Day One export \(no "entries" list\)$'),
    "missing date": (_missing_date, None, r"^export.zip: B.json: entry 2: creationDate: missing$"),
    "YAML error": (_yaml_error, None, r"^b.md: front matter: not valid YAML \(line \d+\)$"),
    "unknown client code": (_unknown_client, None,
                            r"^notes: 1 entry names client codes not in this vault \(Z-999\)"),
    "zip bomb": (_zip_bomb, None, r"^export.zip: refused: its sizes look like a zip bomb$"),
    "unsafe member name": (_unsafe_name, None, r"^notes.zip: refused: a file inside has an unsafe name$"),
    "unknown zip version": (_unknown_zip_version, None, r"^notes.zip: not a valid zip archive$"),
    "member before the start": (_member_before_the_start, None,
                                r"^notes.zip: a.md: cannot be read from the archive$"),
    "empty member name": (_empty_member_name, None,
                          r"^notes.zip: refused: a file inside has an unsafe name$"),
    "bad jrnl date": (_bad_time_zone_entry, None, r"^journal.json: entry 2: date: not a date and time$"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_malformed_export_is_one_line_and_changes_nothing(new_vault: NewVault, tmp_path: Path,
                                                            case: str) -> None:
    build, fmt, message = CASES[case]
    save_client(new_vault.vault, Client(code="C-001"))
    save_entry(new_vault.vault, Entry(kind=EntryKind.REFLECTION, body="mine",
                                      fields=default_fields(EntryKind.REFLECTION)))
    new_vault.vault.close()
    source = build(tmp_path)
    before = vault_bytes(new_vault.folder)

    with unlock_vault(new_vault.folder, UnlockSecret(passphrase=PASSPHRASE)) as vault, \
            pytest.raises(InvalidInputError, match=message) as caught:
        import_notes(vault, source, format=fmt)
    assert "\n" not in caught.value.message
    assert vault_bytes(new_vault.folder) == before


def test_the_byte_comparison_sees_a_real_import(new_vault: NewVault, tmp_path: Path) -> None:
    new_vault.vault.close()
    before = vault_bytes(new_vault.folder)
    with unlock_vault(new_vault.folder, UnlockSecret(passphrase=PASSPHRASE)) as vault:
        import_notes(vault, dayone_zip(tmp_path / "ok.zip", {"A": [GOOD]}))
    assert vault_bytes(new_vault.folder) != before


def test_a_dry_run_lists_unknown_codes_without_refusing(new_vault: NewVault, tmp_path: Path) -> None:
    save_client(new_vault.vault, Client(code="C-001"))
    summary = import_notes(new_vault.vault, _unknown_client(tmp_path), dry_run=True)
    assert summary.unknown_clients == {"Z-999": 1} and summary.entries == 1
    assert summary.lines()[-1].startswith("  Problem: 1 entry names client codes not in this vault")


def test_an_unknown_client_option_is_refused_before_reading(new_vault: NewVault, tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match=r"^no client with code 'X-1'$"):
        import_notes(new_vault.vault, dayone_zip(tmp_path / "ok.zip", {"A": [GOOD]}), client_code="X-1")


def test_a_member_larger_than_declared_is_refused(tmp_path: Path) -> None:
    """The sizes in an archive's directory may lie; the inflated bytes are counted."""
    from alliance_journal.services.importers.archive import SafeZip

    path = tmp_path / "lying.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as out:
        out.writestr("Journal.json", b"x" * 1000)
    with SafeZip(path) as archive:
        member = archive.members[0]
        lying = type(member)(member.name, 10, member.modified)
        stream = archive.open(lying)
        with pytest.raises(InvalidInputError, match="zip bomb"):
            while stream.read(64):
                pass
