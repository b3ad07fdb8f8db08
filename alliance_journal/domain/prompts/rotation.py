"""Which prompt to offer on a given day: a fixed cycle per vault, a new theme each day.

Chosen by date rather than at random so that the prompt of the day stays put all day,
across restarts and on both the GUI and the CLI.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from alliance_journal.domain.entries import EntryKind
from alliance_journal.domain.prompts.library import Prompt, PromptLibrary, stable_number
from alliance_journal.domain.themes import ThemeId
from alliance_journal.errors import InvalidInputError


def prompt_of_the_day(library: PromptLibrary, day: date, vault_id: str) -> Prompt:
    """The visible prompt to offer on `day` in this vault.

    The vault's prompts are dealt into a fixed cycle (`_deck`) that holds every prompt once
    and moves to another theme each day; day numbers walk that cycle from a per-vault
    offset. A prompt therefore comes back only after as many days as there are visible
    prompts: more than 30 with the built-in library, and as seldom as possible with fewer.
    """
    deck = _deck(library.visible, vault_id)
    if not deck:
        raise InvalidInputError("there is no prompt to offer: add a prompt or unhide one")
    offset = stable_number(vault_id, "offset")
    return deck[(day.toordinal() + offset) % len(deck)]


def kind_placeholder(library: PromptLibrary, kind: EntryKind, day: date) -> Prompt | None:
    """A visible prompt suited to `kind` to show greyed in an empty editor, or None."""
    deck = _deck(library.for_kind(kind), f"placeholder:{kind.value}")
    return deck[day.toordinal() % len(deck)] if deck else None


@lru_cache(maxsize=32)
def _deck(prompts: tuple[Prompt, ...], seed: str) -> tuple[Prompt, ...]:
    """Every prompt once, each day a theme other than the day before's.

    Each step deals from the theme with the most prompts left, never the theme just dealt;
    ties go to a seeded theme order. With equal counts per theme this visits every theme
    in that same order, round after round; with unequal counts the largest themes are
    spread out first, which keeps neighbours apart whenever the counts allow.
    """
    stacks: dict[ThemeId, list[Prompt]] = {}
    for prompt in sorted(prompts, key=lambda p: (stable_number(seed, p.id), p.id)):
        stacks.setdefault(prompt.theme, []).append(prompt)
    order = {theme: (stable_number(seed, theme), theme) for theme in stacks}
    dealt: list[Prompt] = []
    while stacks:
        previous = dealt[-1].theme if dealt else None
        theme = min(stacks, key=lambda t: (t == previous, -len(stacks[t]), order[t]))
        dealt.append(stacks[theme].pop(0))
        if not stacks[theme]:
            del stacks[theme]
    return tuple(_separate_themes(dealt))


def _separate_themes(deck: list[Prompt]) -> list[Prompt]:
    """Swap prompts until no two neighbours share a theme (the cycle wraps), where possible.

    Each accepted swap removes at least one clash, so the loop ends; positions change but
    every prompt stays in the deck exactly once.
    """
    improved = True
    while improved:
        improved = False
        for i in range(len(deck)):
            if len(deck) > 2 and deck[i].theme == deck[i - 1].theme:
                improved = _swap_away_clash(deck, i) or improved
    return deck


def _swap_away_clash(deck: list[Prompt], i: int) -> bool:
    for j in range(len(deck)):
        if j == i:
            continue
        before = _clashes(deck, i, j)
        deck[i], deck[j] = deck[j], deck[i]
        if _clashes(deck, i, j) < before:
            return True
        deck[i], deck[j] = deck[j], deck[i]
    return False


def _clashes(deck: list[Prompt], *positions: int) -> int:
    """Same-theme neighbours among the links touching `positions` (link k joins k and k+1)."""
    size = len(deck)
    links = {(p - 1) % size for p in positions} | {p % size for p in positions}
    return sum(deck[k].theme == deck[(k + 1) % size].theme for k in links)
