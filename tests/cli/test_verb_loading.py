"""The CLI loads only the verb it runs: `--help` and a verb's own `--help` load no service.

Each case runs in a fresh interpreter (a subprocess), since this process has long
imported everything; the child reports which of our heavy modules it loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from alliance_journal.cli.main import build_parser
from alliance_journal.cli.verbs import VERBS, chosen_verb
from tests.conftest import PASSPHRASE, NewVault

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "keyring", "PySide6")

_CHILD = """
import json, sys
from alliance_journal.launcher import main
try:
    code = main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r}
                or m.startswith(("alliance_journal.services", "alliance_journal.cli.")))
print("\\n" + json.dumps({{"code": code, "loaded": loaded}}))
"""


def loaded_by(*argv: str, tmp_path: Path, env: dict[str, str] | None = None) -> tuple[int, set[str]]:
    script = _CHILD.format(heavy=set(HEAVY))
    proc = subprocess.run([sys.executable, "-c", script, *argv], capture_output=True, text=True,
                          cwd=tmp_path, env=env, check=False, timeout=120)
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    return report["code"], {m for m in report["loaded"]}


def _top(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules if not m.startswith("alliance_journal")}


@pytest.mark.parametrize("argv", [("--help",), ("--version",), ("search", "--help"),
                                  ("stats", "--help"), ("prompts", "--help"), ("backup", "--help"),
                                  ("report", "--help"), ("salvage", "--help")])
def test_help_and_version_import_no_service(argv: tuple[str, ...], tmp_path: Path) -> None:
    code, loaded = loaded_by(*argv, tmp_path=tmp_path)
    assert code == 0
    assert _top(loaded) == set()
    assert not {m for m in loaded if m.startswith("alliance_journal.services")}


def test_a_verb_loads_its_own_module_only(tmp_path: Path) -> None:
    _, loaded = loaded_by("search", "--help", tmp_path=tmp_path)
    assert "alliance_journal.cli.vault_verbs" in loaded
    assert not {"alliance_journal.cli.backup_verbs", "alliance_journal.cli.prompt_verbs",
                "alliance_journal.cli.demo_verbs"} & loaded


def test_search_imports_what_it_uses_and_not_the_window(new_vault: NewVault, tmp_path: Path) -> None:
    folder = new_vault.folder
    new_vault.vault.close()
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("ALLIANCE_JOURNAL_")}
    env["ALLIANCE_JOURNAL_PASSPHRASE"] = PASSPHRASE
    code, loaded = loaded_by("search", "--vault", str(folder), "anything", tmp_path=tmp_path, env=env)
    assert code == 0
    assert "alliance_journal.services.search" in loaded and "sqlalchemy" in _top(loaded)
    assert "PySide6" not in _top(loaded) and "keyring" not in _top(loaded)
    assert "alliance_journal.services.backup" not in loaded


def test_every_verb_summary_matches_what_its_module_registers() -> None:
    parser = build_parser()  # every verb in full
    subparsers = next(a for a in parser._actions if a.dest == "verb")
    helps = {choice.dest: choice.help for choice in subparsers._choices_actions}
    assert set(helps) == set(VERBS)
    assert {name: verb.summary for name, verb in VERBS.items()} == helps


def test_an_unknown_verb_is_refused_with_the_list(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        build_parser(["frobnicate"]).parse_args(["frobnicate"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'frobnicate'" in capsys.readouterr().err


@pytest.mark.parametrize(("argv", "verb"), [
    ([], None), (["--help"], None), (["search", "x"], "search"),
    (["--vault", "search", "stats"], "stats"), (["--debug", "export"], "export"),
    (["--passphrase-file", "f", "--", "stats"], "stats"),
    (["--vau", "dir", "stats"], "stats"), (["--passphrase", "f", "search", "x"], "search"),
    (["--vault=dir", "stats"], "stats")])
def test_the_chosen_verb_is_found_past_common_options(argv: list[str], verb: str | None) -> None:
    assert chosen_verb(argv) == verb
