"""The prompt library: reflection questions grouped by theme, and which one to offer when.

Built-in prompts ship as TOML (`resources/prompts/builtin.toml`); the user may add their own
and hide any. Modules: `library` (Prompt, PromptLibrary), `prompt_file` (reading TOML with
one-line errors), `rotation` (prompt of the day, editor placeholders).
"""

from __future__ import annotations

from alliance_journal.domain.prompts.library import (
    PROMPT_ID_PATTERN,
    Prompt,
    PromptAbout,
    PromptLibrary,
)
from alliance_journal.domain.prompts.prompt_file import (
    PROMPT_FORMAT,
    PROMPT_KEYS,
    parse_prompt_library,
    prompt_from_table,
)
from alliance_journal.domain.prompts.rotation import kind_placeholder, prompt_of_the_day

__all__ = [
    "PROMPT_FORMAT",
    "PROMPT_ID_PATTERN",
    "PROMPT_KEYS",
    "Prompt",
    "PromptAbout",
    "PromptLibrary",
    "kind_placeholder",
    "parse_prompt_library",
    "prompt_from_table",
    "prompt_of_the_day",
]
