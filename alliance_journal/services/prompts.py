"""A vault's prompt library: the built-in prompts, the user's own, and the hidden ones.

User prompts and hidden ids live in the encrypted vault, not in a settings file: what a
therapist chooses to ask themself says something about their practice. Answers become
`reflection` entries whose body quotes the question, so an answer still reads right
after its prompt is reworded, hidden or removed.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from functools import cache
from importlib.resources.abc import Traversable
from uuid import UUID

from pydantic import ValidationError
from sqlmodel import Session, col, select

from alliance_journal.domain.entries import Entry, EntryKind, ReflectionFields, now_utc
from alliance_journal.domain.prompts import (
    Prompt,
    PromptAbout,
    PromptLibrary,
    kind_placeholder,
    parse_prompt_library,
    prompt_from_table,
)
from alliance_journal.domain.prompts import prompt_of_the_day as daily_prompt
from alliance_journal.domain.themes import ThemeId
from alliance_journal.errors import CorruptDataError, InvalidInputError, NotFoundError
from alliance_journal.services.entries import save_entry
from alliance_journal.services.locations import resources_dir
from alliance_journal.services.records import now_iso
from alliance_journal.services.unlock import OpenVault
from alliance_journal.vault.engine import database_errors
from alliance_journal.vault.tables import HiddenPromptRow, UserPromptRow

#: Every id of a user's own prompt starts so; no built-in id may (a test checks).
USER_PROMPT_PREFIX = "my-"


@cache
def builtin_library() -> PromptLibrary:
    """The prompts shipped with the app, read once per process.

    A missing or malformed file is a damaged install: it raises `InvalidInputError` with
    one line, in development and tests as in production. Failures are not cached, so a
    repaired file is picked up on the next call.
    """
    return load_prompt_file(resources_dir() / "prompts" / "builtin.toml")


def load_prompt_file(path: Traversable, *, builtin: bool = True) -> PromptLibrary:
    """A prompt file; missing, unreadable or malformed raises one `InvalidInputError` line."""
    source = f"prompts/{path.name}"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInputError(f"{source}: the file is missing; reinstall the app") from None
    except (OSError, UnicodeDecodeError):
        raise InvalidInputError(f"{source}: the file could not be read; reinstall the app") from None
    return parse_prompt_library(text, source=source, builtin=builtin)


def library(vault: OpenVault) -> PromptLibrary:
    """The built-in prompts, then the user's own in the order they were added, minus hidden."""
    query = select(UserPromptRow).order_by(col(UserPromptRow.created_at), col(UserPromptRow.id))
    with database_errors(), Session(vault.engine) as session:
        own = [_row_to_prompt(row) for row in session.exec(query)]
        hidden = list(session.exec(select(HiddenPromptRow.prompt_id)))
    return builtin_library().with_user(own, hidden)


def add_user_prompt(vault: OpenVault, *, theme: ThemeId, text: str, kinds: Iterable[EntryKind],
                    about: PromptAbout) -> Prompt:
    """Store a prompt of the user's own, checked like a built-in one; returns it."""
    table = {"id": "", "theme": theme, "text": text, "kinds": list(kinds), "about": about}
    with database_errors(), Session(vault.engine) as session:
        table["id"] = _unused_id(session)
        prompt = prompt_from_table(table, where="your prompt", builtin=False)
        session.add(UserPromptRow(
            id=prompt.id, theme=prompt.theme.value, text=prompt.text,
            kinds=json.dumps([kind.value for kind in prompt.kinds]), about=prompt.about.value,
            created_at=now_iso()))
        session.commit()
    return prompt


def remove_user_prompt(vault: OpenVault, prompt_id: str) -> None:
    """Delete one of the user's prompts; entries that answered it keep their quoted question."""
    if prompt_id in builtin_library():
        raise InvalidInputError("built-in prompts cannot be removed; hide the prompt instead")
    with database_errors(), Session(vault.engine) as session:
        row = session.get(UserPromptRow, prompt_id)
        if row is None:
            raise NotFoundError(f"no prompt of yours with id '{prompt_id}'")
        hidden = session.get(HiddenPromptRow, prompt_id)
        if hidden is not None:
            session.delete(hidden)
        session.delete(row)
        session.commit()


def hide_prompt(vault: OpenVault, prompt_id: str) -> None:
    """Never offer this prompt again (idempotent); it still resolves for old answers."""
    if prompt_id not in library(vault):
        raise NotFoundError(f"no prompt with id '{prompt_id}'")
    with database_errors(), Session(vault.engine) as session:
        if session.get(HiddenPromptRow, prompt_id) is None:
            session.add(HiddenPromptRow(prompt_id=prompt_id))
            session.commit()


def unhide_prompt(vault: OpenVault, prompt_id: str) -> None:
    """Offer a hidden prompt again (idempotent for a prompt that is not hidden)."""
    with database_errors(), Session(vault.engine) as session:
        row = session.get(HiddenPromptRow, prompt_id)
        if row is not None:
            session.delete(row)
            session.commit()
            return
    if prompt_id not in library(vault):
        raise NotFoundError(f"no prompt with id '{prompt_id}'")


def prompt_of_the_day(vault: OpenVault, day: date) -> Prompt:
    """The same prompt all day in this vault, on every device, a new theme the next day."""
    return daily_prompt(library(vault), day, vault.vault_id)


def placeholder_for(vault: OpenVault, kind: EntryKind, day: date) -> str | None:
    """A question suited to `kind` to show greyed in an empty editor, or None."""
    prompt = kind_placeholder(library(vault), kind, day)
    return prompt.text if prompt else None


def answer_prompt(vault: OpenVault, prompt_id: str, *, body: str, client_id: UUID | None = None,
                  when: datetime | None = None) -> Entry:
    """Save an answer as a reflection linked to the prompt and its theme (hidden ones too)."""
    prompt = library(vault).by_id(prompt_id)
    fields = ReflectionFields(prompt_id=prompt.id, theme=prompt.theme)
    return save_reflection(vault, fields, quoted=[prompt.text], answer=body, client_id=client_id,
                           when=when)


def save_reflection(vault: OpenVault, fields: ReflectionFields, *, quoted: Sequence[str],
                    answer: str, client_id: UUID | None, when: datetime | None = None) -> Entry:
    """A reflection entry whose body quotes `quoted` as Markdown before the answer.

    The quote comes first so the entry's first line, which the timeline shows, is the
    question; the answer may be empty, to be written later in the editor.
    """
    try:
        entry = Entry(client_id=client_id, kind=EntryKind.REFLECTION, fields=fields,
                      occurred_at=when or now_utc(), body=reflection_body(quoted, answer))
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "entry"
        raise InvalidInputError(f"the reflection cannot be saved: {where}: {first['msg']}") from None
    return save_entry(vault, entry)


def reflection_body(quoted: Sequence[str], answer: str) -> str:
    """`> question` (every line quoted, paragraphs kept apart), a blank line, the answer."""
    paragraphs = ["\n".join(f"> {line}".rstrip() for line in text.strip().splitlines())
                  for text in quoted if text.strip()]
    if not paragraphs:
        return answer.strip()
    return "\n>\n".join(paragraphs) + "\n\n" + answer.strip()


def _unused_id(session: Session) -> str:
    """`my-` and 8 random hex digits; random rather than counted, so ids never come back."""
    for _ in range(16):
        candidate = f"{USER_PROMPT_PREFIX}{secrets.token_hex(4)}"
        if candidate not in builtin_library() and session.get(UserPromptRow, candidate) is None:
            return candidate
    raise AssertionError("could not find an unused prompt id")  # 16 collisions in 2**32: a bug


def _row_to_prompt(row: UserPromptRow) -> Prompt:
    try:
        return Prompt.model_validate({"id": row.id, "theme": row.theme, "text": row.text,
                                      "kinds": json.loads(row.kinds), "about": row.about,
                                      "builtin": False})
    except (ValidationError, ValueError):
        raise CorruptDataError("a stored prompt is damaged") from None
