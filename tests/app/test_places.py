"""A folder chosen for a new journal or a restore must be empty and listable."""

from __future__ import annotations

from pathlib import Path

import pytest

from alliance_journal.app.widgets.places import holds_anything


def test_an_empty_or_missing_folder_holds_nothing(tmp_path: Path) -> None:
    assert not holds_anything(tmp_path)
    assert not holds_anything(tmp_path / "not-yet")


def test_a_folder_with_a_file_holds_something(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert holds_anything(tmp_path)


def test_a_folder_that_cannot_be_listed_counts_as_not_empty(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Path) -> object:
        raise PermissionError(13, "Operation not permitted", str(self))

    monkeypatch.setattr(Path, "iterdir", refuse)
    assert holds_anything(tmp_path)
