"""`--self-test` from source: every step passes on a good install, a broken one is named."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from alliance_journal import launcher
from alliance_journal.app.self_test import run_self_test
from alliance_journal.services import prompts as prompt_service
from alliance_journal.services.prompts import builtin_library

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def test_every_step_passes_and_nothing_is_left_behind(qapp, private_tmp: Path, capsys) -> None:
    assert launcher.main(["--self-test"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith("self-test passed: modules, commands, create vault, write entries, search, "
                           "backup, verify, restore, prompts, window (")
    assert list(private_tmp.iterdir()) == []


def test_a_missing_resource_fails_naming_the_step(qapp, private_tmp: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prompt_service, "resources_dir", lambda: tmp_path / "empty")
    builtin_library.cache_clear()
    out = io.StringIO()
    try:
        assert run_self_test(out) == 1
    finally:
        builtin_library.cache_clear()
    assert out.getvalue() == ('self-test FAILED at step "prompts": prompts/builtin.toml: '
                              "the file is missing; reinstall the app\n")
    assert list(private_tmp.iterdir()) == []
