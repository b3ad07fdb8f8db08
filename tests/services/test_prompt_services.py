"""The prompt library of a real vault: the user's own prompts, hidden ones, answers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import EntryKind, ReflectionFields
from alliance_journal.domain.prompts import PROMPT_FORMAT, PromptAbout
from alliance_journal.domain.themes import ThemeId
from alliance_journal.errors import InvalidInputError, NotFoundError
from alliance_journal.services import prompts as prompt_service
from alliance_journal.services.clients import save_client
from alliance_journal.services.entries import all_entries, get_entry
from alliance_journal.services.prompts import (
    USER_PROMPT_PREFIX,
    add_user_prompt,
    answer_prompt,
    builtin_library,
    hide_prompt,
    library,
    load_prompt_file,
    placeholder_for,
    prompt_of_the_day,
    reflection_body,
    remove_user_prompt,
    unhide_prompt,
)
from alliance_journal.services.unlock import OpenVault, UnlockSecret, create_vault, unlock_vault
from tests.conftest import FAST_KDF, PASSPHRASE, NewVault
from tests.faults.test_canary_words import CANARY, assert_no_canary

DAY = date(2025, 3, 14)


def days(count: int) -> list[date]:
    return [DAY + timedelta(days=i) for i in range(count)]


def own_prompt(vault: OpenVault, text: str = "What did I not say today, and why?"):  # type: ignore[no-untyped-def]
    return add_user_prompt(vault, theme=ThemeId.ROLE_MODEL, text=text,
                           kinds=[EntryKind.SESSION, EntryKind.REFLECTION],
                           about=PromptAbout.THERAPIST)


# --- the built-in library -------------------------------------------------------------------


def test_builtin_library_is_read_once_and_covers_every_theme() -> None:
    assert builtin_library() is builtin_library()
    assert set(builtin_library().themes) == set(ThemeId)
    assert all(p.builtin for p in builtin_library().prompts)


def test_no_builtin_id_looks_like_a_user_prompt() -> None:
    assert not [p.id for p in builtin_library().prompts if p.id.startswith(USER_PROMPT_PREFIX)]


@pytest.fixture
def broken_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A resources folder whose prompt file the test may damage; the cache is reset around it."""
    folder = tmp_path / "resources" / "prompts"
    folder.mkdir(parents=True)
    monkeypatch.setattr(prompt_service, "resources_dir", lambda: tmp_path / "resources")
    builtin_library.cache_clear()
    yield folder / "builtin.toml"
    builtin_library.cache_clear()


@pytest.mark.parametrize(("text", "message"), [
    ("format = [", "prompts/builtin.toml: not valid TOML"),
    ('format = "alliance-journal-prompts/9"', "prompts/builtin.toml: format"),
    (f'format = "{PROMPT_FORMAT}"\n[[prompt]]\nid = "x-1"\ntheme = "nope"\ntext = "?"\n'
     'kinds = ["session"]\nabout = "client"\n', "prompts/builtin.toml: prompt 1 (x-1): theme"),
    (None, "prompts/builtin.toml: the file is missing"),
])
def test_a_damaged_builtin_file_fails_in_one_line(broken_install: Path, text: str | None,
                                                  message: str) -> None:
    if text is not None:
        broken_install.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        builtin_library()
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_a_repaired_file_is_read_again(broken_install: Path) -> None:
    broken_install.write_text("format = [", encoding="utf-8")
    with pytest.raises(InvalidInputError):
        builtin_library()
    broken_install.write_text(f'format = "{PROMPT_FORMAT}"\n', encoding="utf-8")
    assert len(builtin_library()) == 0


def test_a_file_that_is_not_text_fails_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "prompts.toml"
    path.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(InvalidInputError, match="could not be read"):
        load_prompt_file(path)


# --- the user's own prompts -----------------------------------------------------------------


def test_own_prompts_round_trip_after_the_built_in_ones(new_vault: NewVault) -> None:
    first = own_prompt(new_vault.vault)
    second = own_prompt(new_vault.vault, "Where did I hold the frame this week?")
    assert re.fullmatch(r"my-[0-9a-f]{8}", first.id)
    assert first.id != second.id and not first.builtin
    new_vault.vault.close()
    with unlock_vault(new_vault.folder, UnlockSecret(passphrase=PASSPHRASE)) as vault:
        prompts = library(vault)
    assert prompts.prompts[-2:] == (first, second)
    assert prompts.by_id(first.id).kinds == (EntryKind.SESSION, EntryKind.REFLECTION)
    assert len(prompts) == len(builtin_library()) + 2


def test_own_prompts_are_stored_encrypted(vault: OpenVault, tmp_path: Path) -> None:
    prompt = own_prompt(vault, f"Why does {CANARY} keep coming up?")
    assert CANARY in library(vault).by_id(prompt.id).text
    assert assert_no_canary(tmp_path) >= 3


@pytest.mark.parametrize(("changes", "message"), [
    ({"text": "   "}, "your prompt: text is empty"),
    ({"text": "x" * 501}, "your prompt: text is longer than 500 characters"),
    ({"kinds": []}, "your prompt: kinds must list at least one entry kind"),
    ({"theme": "not-a-theme"}, "your prompt: theme 'not-a-theme' is not a known theme"),
    ({"about": "them"}, "your prompt: about 'them' must be 'client' or 'therapist'"),
])
def test_a_bad_prompt_is_refused_and_nothing_is_stored(vault: OpenVault, changes: dict[str, object],
                                                       message: str) -> None:
    given: dict[str, object] = {"theme": ThemeId.LIMITS, "text": "What limit?",
                                "kinds": [EntryKind.LIMIT], "about": PromptAbout.CLIENT, **changes}
    with pytest.raises(InvalidInputError) as caught:
        add_user_prompt(vault, **given)  # type: ignore[arg-type]
    assert str(caught.value) == message
    assert len(library(vault)) == len(builtin_library())


def test_removing_own_prompt_keeps_the_question_in_its_answers(vault: OpenVault) -> None:
    prompt = own_prompt(vault)
    hide_prompt(vault, prompt.id)
    answer = answer_prompt(vault, prompt.id, body="Less than I feared.")
    remove_user_prompt(vault, prompt.id)
    assert prompt.id not in library(vault)
    assert get_entry(vault, answer.id).body.startswith(f"> {prompt.text}\n")
    with pytest.raises(NotFoundError):
        remove_user_prompt(vault, prompt.id)
    with pytest.raises(InvalidInputError, match="hide"):
        remove_user_prompt(vault, builtin_library().prompts[0].id)


# --- hiding, and what is offered --------------------------------------------------------------


def test_a_hidden_prompt_is_never_the_prompt_of_the_day(vault: OpenVault) -> None:
    offered = prompt_of_the_day(vault, DAY)
    hide_prompt(vault, offered.id)
    hide_prompt(vault, offered.id)  # idempotent
    assert library(vault).is_hidden(offered.id)
    assert library(vault).by_id(offered.id) == offered  # still resolves for old answers
    assert offered.id not in {prompt_of_the_day(vault, day).id for day in days(400)}
    unhide_prompt(vault, offered.id)
    unhide_prompt(vault, offered.id)  # idempotent
    assert prompt_of_the_day(vault, DAY) == offered


def test_hiding_needs_a_known_prompt(vault: OpenVault) -> None:
    with pytest.raises(NotFoundError):
        hide_prompt(vault, "no-such-prompt")
    with pytest.raises(NotFoundError):
        unhide_prompt(vault, "no-such-prompt")


def test_prompt_of_the_day_is_fixed_per_day_and_vault(new_vault: NewVault, tmp_path: Path) -> None:
    mine = [prompt_of_the_day(new_vault.vault, day).id for day in days(60)]
    assert len(set(mine)) == 60
    new_vault.vault.close()
    with unlock_vault(new_vault.folder, UnlockSecret(passphrase=PASSPHRASE)) as vault:
        assert [prompt_of_the_day(vault, day).id for day in days(60)] == mine
    other, _ = create_vault(tmp_path / "other", PASSPHRASE, kdf=FAST_KDF)
    with other:
        assert [prompt_of_the_day(other, day).id for day in days(60)] != mine


def test_only_hiding_everything_leaves_no_prompt_of_the_day(vault: OpenVault) -> None:
    for prompt in builtin_library().prompts:
        hide_prompt(vault, prompt.id)
    with pytest.raises(InvalidInputError, match="no prompt to offer"):
        prompt_of_the_day(vault, DAY)
    mine = own_prompt(vault)
    assert prompt_of_the_day(vault, DAY) == mine


@pytest.mark.parametrize("kind", list(EntryKind))
def test_placeholder_suits_the_kind(vault: OpenVault, kind: EntryKind) -> None:
    texts = {p.text: p for p in library(vault).for_kind(kind)}
    text = placeholder_for(vault, kind, DAY)
    assert text in texts
    assert placeholder_for(vault, kind, DAY) == text
    for prompt in texts.values():
        hide_prompt(vault, prompt.id)
    assert placeholder_for(vault, kind, DAY) is None


# --- answering --------------------------------------------------------------------------------


def test_answer_is_a_linked_reflection_that_quotes_its_question(vault: OpenVault) -> None:
    client = save_client(vault, Client(code="A-1"))
    prompt = builtin_library().for_theme(ThemeId.CONTAINER)[0]
    when = datetime(2025, 3, 14, 18, 30, tzinfo=UTC)
    entry = answer_prompt(vault, prompt.id, body="  Three late starts; I said nothing.\n",
                          client_id=client.id, when=when)
    assert get_entry(vault, entry.id) == entry
    assert (entry.kind, entry.client_id, entry.occurred_at) == (EntryKind.REFLECTION, client.id, when)
    assert entry.fields == ReflectionFields(prompt_id=prompt.id, theme=ThemeId.CONTAINER)
    assert entry.body == f"> {prompt.text}\n\nThree late starts; I said nothing."
    assert entry.first_line(500) == prompt.text  # what the timeline shows


def test_an_answer_without_a_client_goes_to_my_journal(vault: OpenVault) -> None:
    prompt = own_prompt(vault)
    entry = answer_prompt(vault, prompt.id, body="")
    assert entry.client_id is None
    assert entry.body == f"> {prompt.text}\n\n"


def test_a_bad_answer_saves_nothing(vault: OpenVault) -> None:
    prompt_id = builtin_library().prompts[0].id
    with pytest.raises(NotFoundError):
        answer_prompt(vault, "no-such-prompt", body="x")
    with pytest.raises(NotFoundError):
        answer_prompt(vault, prompt_id, body="x", client_id=Client(code="gone").id)
    with pytest.raises(InvalidInputError, match="body"):
        answer_prompt(vault, prompt_id, body="x" * 1_000_001)
    assert all_entries(vault) == []


def test_reflection_body_quotes_every_line() -> None:
    body = reflection_body(["First line\n\nsecond paragraph", "  ", "Question?"], "Answer")
    assert body == "> First line\n>\n> second paragraph\n>\n> Question?\n\nAnswer"
    assert reflection_body([], " Only an answer ") == "Only an answer"
