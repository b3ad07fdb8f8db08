"""Prompts and the library that holds them: which may be offered, and which one to suggest.

A hidden prompt is never offered again but still resolves by id, so an old entry that
answered it keeps showing its question.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from alliance_journal.domain.entries import EntryKind
from alliance_journal.domain.themes import ThemeId
from alliance_journal.errors import InvalidInputError, NotFoundError

PROMPT_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{1,63}$"
#: Built-in prompts merged into another one: like hidden ones, never offered but still
#: resolvable, because entries that answered them keep their id.
RETIRED_PROMPT_IDS = frozenset({"role-model-04"})


class PromptAbout(StrEnum):
    """Whom a prompt asks about: the work with a client, or the therapist themself."""

    CLIENT = "client"
    THERAPIST = "therapist"


class Prompt(BaseModel):
    """One reflection question. `id` is stored in entries that answer it: never reuse one."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Annotated[str, StringConstraints(pattern=PROMPT_ID_PATTERN)]
    theme: ThemeId
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
    kinds: Annotated[tuple[EntryKind, ...], Field(min_length=1)]
    about: PromptAbout
    builtin: bool = True

    @field_validator("kinds")
    @classmethod
    def _dedupe_kinds(cls, kinds: tuple[EntryKind, ...]) -> tuple[EntryKind, ...]:
        return tuple(dict.fromkeys(kinds))


class PromptLibrary:
    """An immutable, ordered set of prompts: the built-in ones first, then the user's own.

    Choosing (`visible`, `for_theme`, `for_kind`, `suggest`) skips hidden prompts; looking up
    by id (`by_id`, `get`) does not, so old entries keep their question.
    """

    __slots__ = ("_by_id", "_hidden", "_prompts", "_visible")

    def __init__(self, prompts: Iterable[Prompt] = (), *, hidden_ids: Iterable[str] = ()) -> None:
        ordered = tuple(prompts)
        by_id: dict[str, Prompt] = {}
        for prompt in ordered:
            if prompt.id in by_id:
                raise InvalidInputError(f"prompt id '{prompt.id}' is used twice")
            by_id[prompt.id] = prompt
        self._prompts = ordered
        self._by_id: Mapping[str, Prompt] = MappingProxyType(by_id)
        self._hidden = frozenset(hidden_ids) & by_id.keys()
        self._visible = tuple(p for p in ordered if p.id not in self._hidden
                              and not (p.builtin and p.id in RETIRED_PROMPT_IDS))

    def __len__(self) -> int:
        return len(self._prompts)

    def __contains__(self, prompt_id: object) -> bool:
        return prompt_id in self._by_id

    def __repr__(self) -> str:
        return f"PromptLibrary({len(self._prompts)} prompts, {len(self._hidden)} hidden)"

    @property
    def prompts(self) -> tuple[Prompt, ...]:
        """Every prompt, hidden ones included, in library order."""
        return self._prompts

    @property
    def visible(self) -> tuple[Prompt, ...]:
        """The prompts that may be offered, in library order."""
        return self._visible

    @property
    def hidden_ids(self) -> frozenset[str]:
        return self._hidden

    @property
    def themes(self) -> tuple[ThemeId, ...]:
        """Themes with at least one visible prompt, in theme order."""
        present = {p.theme for p in self._visible}
        return tuple(theme for theme in ThemeId if theme in present)

    def by_id(self, prompt_id: str) -> Prompt:
        """The prompt with this id, hidden or not; `NotFoundError` if there is none."""
        prompt = self._by_id.get(prompt_id)
        if prompt is None:
            raise NotFoundError(f"no prompt with id '{prompt_id}'")
        return prompt

    def get(self, prompt_id: str) -> Prompt | None:
        """Like `by_id`, for callers that can live without it (e.g. a deleted user prompt)."""
        return self._by_id.get(prompt_id)

    def is_hidden(self, prompt_id: str) -> bool:
        return prompt_id in self._hidden

    def for_theme(self, theme: ThemeId) -> tuple[Prompt, ...]:
        return tuple(p for p in self._visible if p.theme == theme)

    def for_kind(self, kind: EntryKind) -> tuple[Prompt, ...]:
        return tuple(p for p in self._visible if kind in p.kinds)

    def suggest(
        self, themes: Iterable[ThemeId], *, about: PromptAbout, key: str,
        avoid: frozenset[str] = frozenset(),
    ) -> Prompt | None:
        """A visible prompt for the first theme that has one, preferring `about`.

        The same `key` always picks the same prompt, so a nudge keeps its suggestion.
        Prompts in `avoid` (ones that would not fit what was seen) are never picked.
        """
        for theme in themes:
            candidates = tuple(p for p in self.for_theme(theme) if p.id not in avoid)
            preferred = tuple(p for p in candidates if p.about == about) or candidates
            if preferred:
                return preferred[stable_number(key) % len(preferred)]
        return None

    def with_user(
        self, user_prompts: Iterable[Prompt], hidden_ids: Iterable[str] = ()
    ) -> PromptLibrary:
        """This library's built-in prompts plus `user_prompts`, hiding `hidden_ids`.

        The user layer is replaced, not added to, so reloading settings is idempotent.
        User prompts are marked `builtin=False`; an id clash raises `InvalidInputError`.
        """
        builtin = (p for p in self._prompts if p.builtin)
        own = (p.model_copy(update={"builtin": False}) for p in user_prompts)
        return PromptLibrary((*builtin, *own), hidden_ids=hidden_ids)


def stable_number(*parts: str) -> int:
    """A number that depends only on `parts`: unlike hash(), the same in every process."""
    data = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.sha256(data).digest()[:8], "big")
