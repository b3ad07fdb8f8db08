"""The built-in prompt library, its file format, and which prompt is offered when."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_journal.domain.entries import EntryKind
from alliance_journal.domain.prompts import (
    PROMPT_FORMAT,
    Prompt,
    PromptAbout,
    PromptLibrary,
    kind_placeholder,
    parse_prompt_library,
    prompt_of_the_day,
)
from alliance_journal.domain.themes import ThemeId
from alliance_journal.errors import InvalidInputError, NotFoundError
from tests.domain.essay_digests import digest, runs, shipped_digests

REPO = Path(__file__).resolve().parents[2]
BUILTIN = REPO / "resources" / "prompts" / "builtin.toml"
START = date(2025, 1, 1)
VAULTS = ("vault-a", "vault-b", "3f2c9e4a-0d1b-4c55-9a1e-7b3c2d1e0f99", "")


def builtin_library() -> PromptLibrary:
    return parse_prompt_library(BUILTIN.read_text(encoding="utf-8"), source="builtin.toml")


def days(count: int) -> list[date]:
    return [START + timedelta(days=n) for n in range(count)]


def make_prompt(prompt_id: str, theme: ThemeId, *kinds: EntryKind, **extra: object) -> Prompt:
    return Prompt(id=prompt_id, theme=theme, text=f"Question {prompt_id}?",
                  kinds=kinds or (EntryKind.REFLECTION,), about=PromptAbout.CLIENT, **extra)


def uniform_library(per_theme: int) -> PromptLibrary:
    return PromptLibrary(
        make_prompt(f"{theme.value}-{n}", theme) for theme in ThemeId for n in range(per_theme)
    )


# --- the built-in library ------------------------------------------------------------------


def test_builtin_library_covers_every_theme() -> None:
    library = builtin_library()
    per_theme = Counter(p.theme for p in library.prompts)
    assert len(library) >= 60
    assert set(per_theme) == set(ThemeId)
    assert min(per_theme.values()) >= 3
    assert len({p.id for p in library.prompts}) == len(library)
    assert all(p.builtin for p in library.prompts)


def test_builtin_ids_name_their_theme() -> None:
    for prompt in builtin_library().prompts:
        assert re.fullmatch(rf"{prompt.theme.value}-\d\d", prompt.id), prompt.id


def test_builtin_prompts_are_short_questions() -> None:
    for prompt in builtin_library().prompts:
        assert len(prompt.text) <= 160, prompt.id
        assert prompt.text.endswith(("?", ".")), prompt.id


def test_every_entry_kind_has_a_builtin_prompt() -> None:
    library = builtin_library()
    assert all(library.for_kind(kind) for kind in EntryKind)


def test_no_prompt_matches_the_shipped_essay_digests() -> None:
    essay = shipped_digests()
    assert len(essay) > 1000
    for prompt in builtin_library().prompts:
        assert not {digest(run) for run in runs(prompt.text)} & essay, prompt.id


def test_the_copy_check_would_catch_a_copied_sentence() -> None:
    copied = "I simply draw the line on certain types of behaviors"
    assert {digest(run) for run in runs(copied)} & shipped_digests()


# --- the file format -------------------------------------------------------------------------

GOOD = """
format = "alliance-journal-prompts/1"

[[prompt]]
id = "container-03"
theme = "container"
text = "  What happened to the frame?  "
kinds = ["container", "session", "container"]
about = "client"
"""


def with_prompt(**fields: str) -> str:
    lines = [f'{key} = {value}' for key, value in fields.items()]
    return f'format = "{PROMPT_FORMAT}"\n\n[[prompt]]\n' + "\n".join(lines) + "\n"


VALID = {"id": '"container-03"', "theme": '"container"', "text": '"What happened?"',
         "kinds": '["container"]', "about": '"client"'}


def test_a_good_file_parses() -> None:
    library = parse_prompt_library(GOOD, source="mine.toml")
    prompt = library.by_id("container-03")
    assert prompt.text == "What happened to the frame?"
    assert prompt.kinds == (EntryKind.CONTAINER, EntryKind.SESSION)
    assert prompt.builtin


def test_a_user_file_is_not_builtin() -> None:
    library = parse_prompt_library(GOOD, source="mine.toml", builtin=False)
    assert not library.by_id("container-03").builtin


def test_an_empty_prompt_list_is_an_empty_library() -> None:
    assert len(parse_prompt_library(f'format = "{PROMPT_FORMAT}"', source="x")) == 0


MALFORMED = [
    ("bad toml", "format = \n", "builtin.toml: not valid TOML"),
    ("no format", '[[prompt]]\nid = "a-1"\n', "builtin.toml: missing key 'format'"),
    ("wrong format", 'format = "alliance-journal-prompts/9"\n', "format 'alliance-journal-prompts/9'"),
    ("unknown top key", f'format = "{PROMPT_FORMAT}"\n[[prompts]]\nid = "x"\n', "unknown key 'prompts'"),
    ("prompt not tables", f'format = "{PROMPT_FORMAT}"\nprompt = 3\n', "[[prompt]] tables"),
    ("unknown theme", with_prompt(**{**VALID, "theme": '"contaner"'}),
     "builtin.toml: prompt 1 (container-03): theme 'contaner' is not a known theme"),
    ("theme not text", with_prompt(**{**VALID, "theme": "7"}), "theme 7 is not a known theme"),
    ("missing field", with_prompt(**{k: v for k, v in VALID.items() if k != "text"}),
     "prompt 1 (container-03): missing key 'text'"),
    ("unknown field", with_prompt(**VALID, builtin="false"), "unknown key 'builtin'"),
    ("bad id", with_prompt(**{**VALID, "id": '"Container 3"'}),
     "prompt 1: id 'Container 3' must be 2 to 64"),
    ("empty text", with_prompt(**{**VALID, "text": '"   "'}), "prompt 1 (container-03): text is empty"),
    ("long text", with_prompt(**{**VALID, "text": '"' + "x" * 501 + '"'}), "longer than 500"),
    ("no kinds", with_prompt(**{**VALID, "kinds": "[]"}), "at least one entry kind"),
    ("bad kind", with_prompt(**{**VALID, "kinds": '["container", "sesion"]'}),
     "kinds 'sesion' is not an entry kind"),
    ("kinds not a list", with_prompt(**{**VALID, "kinds": '"container"'}), "kinds 'container'"),
    ("bad about", with_prompt(**{**VALID, "about": '"me"'}), "must be 'client' or 'therapist'"),
    ("duplicate id", GOOD + GOOD.split("\n", 2)[2],
     "prompt 2 (container-03): id is already used by prompt 1"),
]


@pytest.mark.parametrize(("text", "expected"), [case[1:] for case in MALFORMED],
                         ids=[case[0] for case in MALFORMED])
def test_a_malformed_file_is_one_line_naming_the_problem(text: str, expected: str) -> None:
    with pytest.raises(InvalidInputError) as raised:
        parse_prompt_library(text, source="builtin.toml")
    message = str(raised.value)
    assert message.startswith("builtin.toml: ")
    assert "\n" not in message
    assert expected in message


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_parses_or_fails_politely(text: str) -> None:
    try:
        library = parse_prompt_library(text, source="fuzz.toml")
    except InvalidInputError as error:
        assert str(error).startswith("fuzz.toml")
        assert "\n" not in str(error)
    else:
        assert isinstance(library, PromptLibrary)


def toml_value(value: object) -> str:
    return repr(value).replace("'", '"')


TOML_VALUES = st.one_of(
    st.text(max_size=20).map(toml_value),
    st.integers().map(str),
    st.lists(st.sampled_from(["session", "x", ""])).map(toml_value),
    st.sampled_from(list(VALID.values())),
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from([*VALID, "extra"]), TOML_VALUES))
def test_any_prompt_table_parses_or_fails_politely(fields: dict[str, str]) -> None:
    try:
        parse_prompt_library(with_prompt(**fields), source="fuzz.toml")
    except InvalidInputError as error:
        assert str(error).startswith("fuzz.toml")
        assert "\n" not in str(error)


# --- the library -----------------------------------------------------------------------------


def test_user_prompts_join_and_hidden_prompts_stay_resolvable() -> None:
    library = builtin_library()
    mine = make_prompt("my-container", ThemeId.CONTAINER)
    combined = library.with_user([mine], hidden_ids=["container-01", "no-such-prompt"])
    assert not combined.by_id("my-container").builtin
    assert combined.by_id("container-01").text == library.by_id("container-01").text
    assert combined.is_hidden("container-01")
    assert combined.hidden_ids == {"container-01"}
    chosen = {p.id for p in combined.for_theme(ThemeId.CONTAINER)}
    assert "my-container" in chosen
    assert "container-01" not in chosen
    assert "container-01" not in {p.id for p in combined.for_kind(EntryKind.CONTAINER)}
    assert combined.prompts[: len(library)] == library.prompts
    assert len(library) + 1 == len(combined)


def test_with_user_replaces_the_user_layer() -> None:
    library = builtin_library()
    once = library.with_user([make_prompt("mine-1", ThemeId.LIMITS)])
    twice = once.with_user([make_prompt("mine-2", ThemeId.LIMITS)])
    assert "mine-1" not in twice
    assert "mine-2" in twice
    assert len(twice) == len(library) + 1


def test_a_user_prompt_cannot_take_a_builtin_id() -> None:
    with pytest.raises(InvalidInputError, match="container-01"):
        builtin_library().with_user([make_prompt("container-01", ThemeId.CONTAINER)])


def test_an_unknown_id_is_not_found() -> None:
    library = builtin_library()
    assert library.get("nope") is None
    with pytest.raises(NotFoundError):
        library.by_id("nope")


def test_a_prompt_needs_a_kind() -> None:
    with pytest.raises(ValueError, match="kinds"):
        Prompt(id="ab", theme=ThemeId.LIMITS, text="Why?", kinds=(), about=PromptAbout.CLIENT)


def test_suggest_prefers_the_audience_and_falls_back_by_theme() -> None:
    library = builtin_library()
    mine = library.suggest([ThemeId.ACCEPTANCE_OF_LIMITS], about=PromptAbout.THERAPIST, key="k")
    assert mine is not None
    assert mine.about is PromptAbout.THERAPIST
    hidden = library.with_user([], hidden_ids=[p.id for p in library.for_theme(ThemeId.MESS_AS_MESSAGE)])
    fallback = hidden.suggest([ThemeId.MESS_AS_MESSAGE, ThemeId.CONTAINER],
                              about=PromptAbout.CLIENT, key="k")
    assert fallback is not None
    assert fallback.theme is ThemeId.CONTAINER
    assert hidden.suggest([ThemeId.MESS_AS_MESSAGE], about=PromptAbout.CLIENT, key="k") is None


# --- prompt of the day -----------------------------------------------------------------------


def schedule(library: PromptLibrary, vault_id: str, count: int = 400) -> list[Prompt]:
    return [prompt_of_the_day(library, day, vault_id) for day in days(count)]


def shortest_repeat(chosen: list[Prompt]) -> int:
    last_seen: dict[str, int] = {}
    gap = len(chosen)
    for n, prompt in enumerate(chosen):
        if prompt.id in last_seen:
            gap = min(gap, n - last_seen[prompt.id])
        last_seen[prompt.id] = n
    return gap


def test_prompt_of_the_day_is_deterministic() -> None:
    library = builtin_library()
    assert schedule(library, "vault-a", 60) == schedule(builtin_library(), "vault-a", 60)


def test_different_vaults_see_different_prompts() -> None:
    library = builtin_library()
    sequences = {tuple(p.id for p in schedule(library, vault, 30)) for vault in VAULTS}
    assert len(sequences) == len(VAULTS)


@pytest.mark.parametrize("vault_id", VAULTS)
def test_no_prompt_repeats_within_thirty_days(vault_id: str) -> None:
    chosen = schedule(builtin_library(), vault_id)
    assert shortest_repeat(chosen) > 30
    assert {p.id for p in chosen} == {p.id for p in builtin_library().visible}


@pytest.mark.parametrize("vault_id", VAULTS)
def test_consecutive_days_change_theme(vault_id: str) -> None:
    chosen = schedule(builtin_library(), vault_id)
    assert all(a.theme != b.theme for a, b in itertools.pairwise(chosen))


def test_themes_cycle_through_all_of_them() -> None:
    chosen = schedule(uniform_library(4), "vault-a", 200)
    themes = len(ThemeId)
    for start in range(len(chosen) - themes):
        assert {p.theme for p in chosen[start : start + themes]} == set(ThemeId)


def test_hidden_prompts_are_never_offered() -> None:
    library = builtin_library()
    hidden = [p.id for p in library.for_theme(ThemeId.LIMITS)][:3]
    hidden.append("foundation-02")
    visible = library.with_user([], hidden_ids=hidden)
    chosen = schedule(visible, "vault-a")
    assert not {p.id for p in chosen} & set(hidden)
    assert shortest_repeat(chosen) == len(visible.visible)


def test_uneven_themes_still_avoid_same_theme_days() -> None:
    prompts = [make_prompt(f"c-{n}", ThemeId.CONTAINER) for n in range(5)]
    prompts += [make_prompt(f"l-{n}", ThemeId.LIMITS) for n in range(3)]
    prompts += [make_prompt("f-0", ThemeId.FOUNDATION), make_prompt("a-0", ThemeId.ATTENDING)]
    for vault in VAULTS:
        chosen = schedule(PromptLibrary(prompts), vault, 100)
        assert all(a.theme != b.theme for a, b in itertools.pairwise(chosen))
        assert shortest_repeat(chosen) == len(prompts)


@pytest.mark.parametrize("size", [1, 2, 5, 29])
def test_a_small_library_repeats_as_seldom_as_it_can(size: int) -> None:
    library = PromptLibrary(list(uniform_library(2).prompts)[:size])
    chosen = schedule(library, "vault-a", 120)
    assert shortest_repeat(chosen) == size


def test_an_empty_library_has_no_prompt_of_the_day() -> None:
    library = builtin_library()
    with pytest.raises(InvalidInputError):
        prompt_of_the_day(PromptLibrary(), START, "vault-a")
    with pytest.raises(InvalidInputError):
        prompt_of_the_day(library.with_user([], [p.id for p in library.prompts]), START, "v")


# --- placeholders ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(EntryKind))
def test_placeholder_suits_the_kind(kind: EntryKind) -> None:
    library = builtin_library()
    for day in days(20):
        prompt = kind_placeholder(library, kind, day)
        assert prompt is not None
        assert kind in prompt.kinds
        assert prompt == kind_placeholder(library, kind, day)


def test_placeholder_varies_and_skips_hidden() -> None:
    library = builtin_library()
    offered = {kind_placeholder(library, EntryKind.INTAKE, day) for day in days(40)}
    assert len(offered) > 1
    hidden = library.with_user([], [p.id for p in library.for_kind(EntryKind.INTAKE)][1:])
    only = {kind_placeholder(hidden, EntryKind.INTAKE, day) for day in days(10)}
    assert only == {library.for_kind(EntryKind.INTAKE)[0]}


def test_no_placeholder_without_a_suitable_prompt() -> None:
    library = PromptLibrary([make_prompt("ab", ThemeId.LIMITS, EntryKind.LIMIT)])
    assert kind_placeholder(library, EntryKind.INTAKE, START) is None


def test_a_merged_prompt_is_never_offered_but_still_resolves() -> None:
    library = builtin_library()
    assert "role-model-04" not in {p.id for p in library.visible}
    assert library.by_id("role-model-04").theme is ThemeId.ROLE_MODEL
    merged = library.by_id("role-model-02").text
    assert "refuse from others" in merged and "self-respect" in merged


def test_new_prompts_on_my_presence_and_their_felt_safety() -> None:
    library = builtin_library()
    mine = {p.id for p in library.visible if p.about == "therapist"}
    assert {"attending-05", "container-05", "negative-transference-05"} <= mine
    assert "safe" in library.by_id("foundation-05").text
    assert "trusted and respected" in library.by_id("mutual-trust-respect-05").text


def test_avoided_prompts_are_never_suggested() -> None:
    library = builtin_library()
    keys = [f"open-rupture:{n}" for n in range(200)]
    picked = {library.suggest([ThemeId.ATTENDING], about=PromptAbout.CLIENT, key=k).id  # type: ignore[union-attr]
              for k in keys}
    assert "attending-01" in picked
    avoided = {library.suggest([ThemeId.ATTENDING], about=PromptAbout.CLIENT, key=k,  # type: ignore[union-attr]
                               avoid=frozenset({"attending-01"})).id for k in keys}
    assert "attending-01" not in avoided and avoided
