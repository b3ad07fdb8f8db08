"""Reading prompt files (TOML): every problem becomes one line that names where it is.

Built-in prompts ship as `resources/prompts/builtin.toml`; the same checks guard prompts
the user writes, so a bad one is refused with the same plain words.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from alliance_journal.domain.entries import EntryKind
from alliance_journal.domain.prompts.library import Prompt, PromptLibrary
from alliance_journal.domain.themes import ThemeId
from alliance_journal.errors import InvalidInputError

#: The value of the `format` key every prompt file starts with.
PROMPT_FORMAT = "alliance-journal-prompts/1"
PROMPT_KEYS = frozenset({"id", "theme", "text", "kinds", "about"})
_THEME_IDS = frozenset(theme.value for theme in ThemeId)


def parse_prompt_library(text: str, *, source: str, builtin: bool = True) -> PromptLibrary:
    """Read a prompt file; every problem becomes one `InvalidInputError` line naming `source`.

    `builtin` marks every prompt read; pass False for a file of the user's own prompts.
    """
    document = _load_toml(text, source)
    _check_top_level(document, source)
    tables = document.get("prompt", [])
    if not isinstance(tables, list):
        raise InvalidInputError(f"{source}: 'prompt' must be written as [[prompt]] tables")
    prompts = [
        _parse_prompt(table, index, source, builtin=builtin)
        for index, table in enumerate(tables, start=1)
    ]
    _reject_duplicate_ids(prompts, source)
    return PromptLibrary(prompts)


def prompt_from_table(table: Mapping[str, Any], *, where: str, builtin: bool = True) -> Prompt:
    """One prompt from its keys; a problem raises `InvalidInputError` as `where: what`."""
    missing = sorted(PROMPT_KEYS - table.keys())
    if missing:
        raise InvalidInputError(f"{where}: missing key '{missing[0]}'")
    unknown = sorted(table.keys() - PROMPT_KEYS)
    if unknown:
        raise InvalidInputError(f"{where}: unknown key {_show(unknown[0])}")
    theme = table["theme"]
    if not isinstance(theme, str) or theme not in _THEME_IDS:
        raise InvalidInputError(f"{where}: theme {_show(theme)} is not a known theme")
    try:
        return Prompt.model_validate({**table, "builtin": builtin})
    except ValidationError as error:
        raise InvalidInputError(f"{where}: {_describe(error.errors()[0])}") from None


def _load_toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InvalidInputError(f"{source}: not valid TOML: {_one_line(str(error))}") from None
    except RecursionError:
        raise InvalidInputError(f"{source}: not valid TOML: nested too deeply") from None


def _check_top_level(document: dict[str, Any], source: str) -> None:
    if "format" not in document:
        raise InvalidInputError(f"{source}: missing key 'format' (expected '{PROMPT_FORMAT}')")
    if document["format"] != PROMPT_FORMAT:
        raise InvalidInputError(
            f"{source}: format {_show(document['format'])} is not supported "
            f"(expected '{PROMPT_FORMAT}')"
        )
    unknown = sorted(document.keys() - {"format", "prompt"})
    if unknown:
        raise InvalidInputError(f"{source}: unknown key {_show(unknown[0])}")


def _parse_prompt(table: object, index: int, source: str, *, builtin: bool) -> Prompt:
    if not isinstance(table, dict):
        raise InvalidInputError(f"{source}: prompt {index}: must be a [[prompt]] table")
    return prompt_from_table(table, where=_where(source, index, table.get("id")), builtin=builtin)


def _reject_duplicate_ids(prompts: list[Prompt], source: str) -> None:
    first_index: dict[str, int] = {}
    for index, prompt in enumerate(prompts, start=1):
        if prompt.id in first_index:
            raise InvalidInputError(
                f"{_where(source, index, prompt.id)}: id is already used by prompt "
                f"{first_index[prompt.id]}"
            )
        first_index[prompt.id] = index


def _where(source: str, index: int, prompt_id: object) -> str:
    """`source: prompt 12 (container-03)`, the id only when it is a well-formed one."""
    if isinstance(prompt_id, str) and _is_prompt_id(prompt_id):
        return f"{source}: prompt {index} ({prompt_id})"
    return f"{source}: prompt {index}"


def _is_prompt_id(value: str) -> bool:
    allowed = set("abcdefghijklmnopqrstuvwxyz0123456789-")
    return 2 <= len(value) <= 64 and value[0] != "-" and set(value) <= allowed


_FRIENDLY_ERRORS = {
    ("id", "string_pattern_mismatch"): "id {value} must be 2 to 64 lowercase letters, digits "
                                       "or dashes",
    ("text", "string_too_short"): "text is empty",
    ("text", "string_too_long"): "text is longer than 500 characters",
    ("kinds", "too_short"): "kinds must list at least one entry kind",
    ("kinds", "enum"): "kinds {value} is not an entry kind (" + ", ".join(EntryKind) + ")",
    ("about", "enum"): "about {value} must be 'client' or 'therapist'",
}


def _describe(error: ErrorDetails) -> str:
    """One readable clause for pydantic's first complaint: the field, the value, what is wrong."""
    field = str(error["loc"][0]) if error["loc"] else "prompt"
    value = _show(error["input"])
    template = _FRIENDLY_ERRORS.get((field, error["type"]))
    if template is None:
        return _one_line(f"{field} {value}: {error['msg'][:1].lower()}{error['msg'][1:]}")
    return _one_line(template.format(value=value))


def _show(value: object) -> str:
    """A value quoted for a message: repr keeps it on one line, and it is cut short."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _one_line(text: str) -> str:
    return " ".join(text.split())
