"""The by-hand script that makes the essay digests: writes them, and its check fires."""

from __future__ import annotations

from pathlib import Path

from alliance_journal.services.prompts import builtin_library
from tests.domain.essay_digests import digests_of, main, shipped_digests

ESSAY = ("A made-up essay for this test, long enough to have several runs of eight words, "
         "about sessions, limits and the quiet work of paying attention to both people.")


def test_written_digests_are_read_back_and_checked(tmp_path: Path, capsys) -> None:
    essay, digests = tmp_path / "essay.txt", tmp_path / "digests.txt"
    essay.write_text(ESSAY, encoding="utf-8")
    assert main([str(essay), "--digests", str(digests)]) == 0
    assert shipped_digests(digests) == digests_of(ESSAY)
    assert main([str(essay), "--check", "--digests", str(digests)]) == 0
    assert "no prompt copies it" in capsys.readouterr().out


def test_the_check_fires_on_a_changed_essay_and_on_a_copied_prompt(tmp_path: Path, capsys) -> None:
    essay, digests = tmp_path / "essay.txt", tmp_path / "digests.txt"
    essay.write_text(ESSAY, encoding="utf-8")
    main([str(essay), "--digests", str(digests)])
    copied = builtin_library().prompts[0]
    essay.write_text(f"{ESSAY} {copied.text}", encoding="utf-8")
    assert main([str(essay), "--check", "--digests", str(digests)]) == 1
    err = capsys.readouterr().err
    assert f"prompt {copied.id} copies eight words of the essay" in err
    assert "does not match the essay" in err
