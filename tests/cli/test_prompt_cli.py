"""`prompts`, `prompts today` and `nudges` as a contract: outputs, JSON keys, exit codes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from alliance_journal.domain.entries import EntryKind
from alliance_journal.domain.prompts import PromptAbout
from alliance_journal.domain.themes import ThemeId
from alliance_journal.services.prompts import (
    add_user_prompt,
    builtin_library,
    hide_prompt,
    prompt_of_the_day,
)
from alliance_journal.services.unlock import UnlockSecret, unlock_vault
from tests import nudge_vault
from tests.cli.test_cli import no_traceback
from tests.conftest import PASSPHRASE, NewVault

PROMPT_KEYS = {"id", "theme", "text", "kinds", "about", "builtin", "hidden"}
NUDGE_KEYS = {"id", "client", "rule", "theme", "themes", "reason", "prompt_id", "priority",
              "since"}


@pytest.fixture
def folder(new_vault: NewVault) -> Path:
    """A vault with its own prompt, a hidden one and nudges for today, closed for the CLI."""
    vault = new_vault.vault
    add_user_prompt(vault, theme=ThemeId.LIMITS, text="Which limit did I let slide?",
                    kinds=[EntryKind.LIMIT], about=PromptAbout.THERAPIST)
    hide_prompt(vault, "limits-01")
    nudge_vault.build(vault, date.today())
    vault.close()
    return new_vault.folder


def test_prompts_needs_no_vault(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("prompts", passphrase=None)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(builtin_library())
    assert lines[0].split()[:2] == ["foundation-01", "foundation"]
    assert lines[0].endswith(builtin_library().by_id("foundation-01").text)


def test_prompts_json_by_theme(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("prompts", "--theme", "container", "--json", passphrase=None)
    listed = json.loads(result.stdout)
    assert [p["id"] for p in listed] == [p.id for p in builtin_library().for_theme(ThemeId.CONTAINER)]
    assert all(set(p) == PROMPT_KEYS and p["theme"] == "container" for p in listed)
    assert listed[0]["builtin"] is True and listed[0]["hidden"] is False


def test_an_unknown_theme_is_a_usage_error(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("prompts", "--theme", "nope", passphrase=None)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_prompts_with_a_vault_include_own_and_hidden(cli, folder: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("prompts", "--vault", str(folder), "--theme", "limits", "--json")
    assert result.returncode == 0, result.stderr
    listed = {p["id"]: p for p in json.loads(result.stdout)}
    (own,) = [p for p in listed.values() if not p["builtin"]]
    assert own["id"].startswith("my-") and own["text"] == "Which limit did I let slide?"
    assert own["about"] == "therapist" and own["kinds"] == ["limit"]
    assert listed["limits-01"]["hidden"] is True
    text = cli("prompts", "--vault", str(folder), "--theme", "limits").stdout
    assert "limits-01" in text and "(hidden)" in text and own["id"] in text


def test_prompts_today_is_the_vaults_prompt_of_the_day(cli, folder: Path) -> None:  # type: ignore[no-untyped-def]
    shown = json.loads(cli("prompts", "today", "--vault", str(folder), "--json").stdout)
    text = cli("prompts", "today", "--vault", str(folder)).stdout.splitlines()
    with unlock_vault(folder, UnlockSecret(passphrase=PASSPHRASE)) as vault:
        expected = prompt_of_the_day(vault, date.today())
    assert set(shown) == PROMPT_KEYS | {"date"}
    assert (shown["date"], shown["id"]) == (date.today().isoformat(), expected.id)
    assert text == [expected.text, f"({expected.theme.value}, {expected.id})"]


def test_prompts_today_takes_no_theme(cli, folder: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("prompts", "today", "--theme", "limits", "--vault", str(folder))
    assert result.returncode == 2
    assert "--theme" in result.stderr


def test_nudges_json(cli, folder: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("nudges", "--vault", str(folder), "--json", "--all")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert all(set(n) == NUDGE_KEYS for n in found)
    by_client: dict[str | None, set[str]] = {}
    for nudge in found:
        by_client.setdefault(nudge["client"], set()).add(nudge["rule"])
    assert by_client == {code: {r.value for r in rules}
                         for code, rules in nudge_vault.EXPECTED.items()}
    strain = next(n for n in found if n["rule"] == "caseload-strain")
    assert strain["client"] is None and strain["theme"] == "burnout-resentment"
    assert strain["reason"].startswith("3 reactions of strain (exhausted, resentful, used)")
    assert strain["prompt_id"] in builtin_library()


def test_nudges_for_one_client_as_text(cli, folder: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("nudges", "--vault", str(folder), "--client", "C-104")
    assert result.returncode == 0, result.stderr
    first, *rest = result.stdout.splitlines()
    assert first.startswith("C-104      countertransference-signal a sexualised reaction recorded")
    assert any(line.startswith("C-104      intake-signals             2 intake signals "
                               "(wary of me; waited for me to lead)") for line in rest)
    assert all(line.endswith("]") for line in [first, *rest])


def test_at_most_three_nudges_per_client_unless_all(cli, folder: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("nudges", "--vault", str(folder), "--client", "C-103")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    expected = len(nudge_vault.EXPECTED["C-103"])
    assert len(lines) == 4
    assert "safety first" in lines[0]  # the threat comes before everything else
    assert lines[3] == f"C-103      and {expected - 3} more (alliance-journal nudges --all lists every one)"
    every = cli("nudges", "--vault", str(folder), "--client", "C-103", "--all").stdout.splitlines()
    assert len(every) == expected and "safety first" in every[0]
    shown = json.loads(cli("nudges", "--vault", str(folder), "--json").stdout)
    per_client: dict[str | None, list[str]] = {}
    for nudge in shown:
        per_client.setdefault(nudge["client"], []).append(nudge["priority"])
    assert all(len(p) <= 3 and p == sorted(p, key=["safety", "rupture", "other"].index)
               for p in per_client.values())
    assert per_client["C-102"][0] == "rupture"


def test_no_nudges_is_said_on_stderr(cli, new_vault: NewVault) -> None:  # type: ignore[no-untyped-def]
    new_vault.vault.close()
    result = cli("nudges", "--vault", str(new_vault.folder))
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr.strip() == "No open nudges."
    assert cli("nudges", "--vault", str(new_vault.folder), "--json").stdout.strip() == "[]"


@pytest.mark.parametrize("verb", [["prompts"], ["prompts", "today"], ["nudges"]])
def test_wrong_passphrase_exit_3(cli, folder: Path, verb: list[str]) -> None:  # type: ignore[no-untyped-def]
    result = cli(*verb, "--vault", str(folder), passphrase="not-the-passphrase")
    assert result.returncode == 3
    assert result.stdout == ""
    no_traceback(result)


def test_an_unknown_client_is_one_line(cli, folder: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("nudges", "--vault", str(folder), "--client", "Z-9")
    assert result.returncode == 1
    assert result.stderr.strip() == "alliance-journal: error: no client with code 'Z-9'"
