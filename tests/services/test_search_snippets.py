"""Snippets cut around the first match: same result as splitting the whole note."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from alliance_journal.services.search import MARK_END, MARK_START, WORD, make_snippet

_WORD = WORD  # a word as search and its index cut one (tests/services/test_search_words.py)


def reference_snippet(text: str, prefixes: tuple[str, ...], *, words: int = 14) -> str:
    """The obvious version: split every word of the note, then cut the window."""
    found = list(_WORD.finditer(text))
    if not found:
        return ""

    def hit(match: re.Match[str]) -> bool:
        return match.group().casefold().startswith(prefixes)

    first = next((i for i, m in enumerate(found) if hit(m)), 0)
    begin = max(0, first - words // 3)
    end = min(len(found), begin + words)
    parts: list[str] = ["…"] if begin > 0 else []
    cursor = found[begin].start()
    for match in found[begin:end]:
        parts.append(text[cursor:match.start()])
        parts.append(f"{MARK_START}{match.group()}{MARK_END}" if hit(match) else match.group())
        cursor = match.end()
    if end < len(found):
        parts.append("…")
    return " ".join("".join(parts).split())


VOCABULARY = ["shame", "Shame", "SHAMED", "ashamed", "trust", "Straße", "strasse", "café", "Ärger",
              "ärgerlich", "x", "the", "a", "session", "supercalifragilistic" * 5, "İstanbul", "ǅemal"]
texts = st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=12)), max_size=120).map(
    lambda parts: " ".join(parts))
prefix_sets = st.lists(st.sampled_from(["shame", "trust", "strasse", "straße", "ärger", "caf", "x",
                                        "istanbul", "ǆemal", "s", "zzz"]),
                       min_size=1, max_size=3).map(tuple)


@settings(max_examples=400, deadline=None)
@given(texts, prefix_sets, st.integers(min_value=1, max_value=20))
@example("one two three four five six seven eight shame nine", ("shame",), 14)
@example("long " * 200 + "Shame and more " * 3, ("shame",), 14)
@example("x" * 500 + " shame", ("shame",), 14)
@example("", ("shame",), 14)
def test_snippet_matches_the_reference(text: str, prefixes: tuple[str, ...], words: int) -> None:
    assert make_snippet(text, prefixes, words=words) == reference_snippet(text, prefixes, words=words)


def test_snippet_marks_every_matching_word_in_the_window() -> None:
    snippet = make_snippet("Before. Shame came, then more shame; trust later.", ("shame", "trust"))
    assert snippet.count(MARK_START) == 3
    assert snippet.startswith("Before.")
