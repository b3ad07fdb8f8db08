"""The eight entry kinds, in a module of their own that imports nothing heavy.

The CLI offers them as `--kind` choices and the theme colours them before any
pydantic model is needed; `domain.entries` re-exports the same enum.
"""

from __future__ import annotations

from enum import StrEnum


class EntryKind(StrEnum):
    SESSION = "session"
    COUNTERTRANSFERENCE = "countertransference"
    TRANSFERENCE = "transference"
    ALLIANCE = "alliance"
    CONTAINER = "container"
    LIMIT = "limit"
    INTAKE = "intake"
    REFLECTION = "reflection"
