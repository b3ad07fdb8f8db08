"""Putting a finished vault folder in place: only over nothing, never over something."""

from __future__ import annotations

from pathlib import Path

import pytest

from alliance_journal.errors import InvalidInputError
from alliance_journal.services.new_folder import holds_anything, rename_into_empty


def _made(tmp_path: Path) -> Path:
    made = tmp_path / ".made"
    made.mkdir()
    (made / "journal.db").write_bytes(b"new")
    return made


def test_absent_and_empty_folders_hold_nothing_a_file_is_refused(tmp_path: Path) -> None:
    assert not holds_anything(tmp_path / "absent", purpose="for the test")
    (tmp_path / "empty").mkdir()
    assert not holds_anything(tmp_path / "empty", purpose="for the test")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "note.txt").write_text("kept")
    assert holds_anything(tmp_path / "full", purpose="for the test")
    (tmp_path / "file").write_text("x")
    with pytest.raises(InvalidInputError, match="is a file, not a folder for the test"):
        holds_anything(tmp_path / "file", purpose="for the test")


@pytest.mark.parametrize("empty_first", [False, True])
def test_the_finished_folder_takes_the_place_of_nothing(tmp_path: Path, empty_first: bool) -> None:
    target = tmp_path / "vault"
    if empty_first:
        target.mkdir()
    rename_into_empty(_made(tmp_path), target)
    assert (target / "journal.db").read_bytes() == b"new" and not (tmp_path / ".made").exists()


def test_a_folder_that_filled_meanwhile_is_never_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "vault"
    target.mkdir()
    (target / "arrived.txt").write_text("kept")
    made = _made(tmp_path)
    with pytest.raises(OSError):
        rename_into_empty(made, target)
    assert (target / "arrived.txt").read_text() == "kept" and (made / "journal.db").exists()
