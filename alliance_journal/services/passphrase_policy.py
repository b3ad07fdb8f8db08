"""The floor every new passphrase must clear, in a module that imports nothing heavy.

The create-vault dialog checks it as the user types, before the database layer
(SQLAlchemy, pydantic) has loaded; `services.unlock` enforces the same rule.
"""

from __future__ import annotations

from alliance_journal.errors import InvalidInputError

MIN_PASSPHRASE_CHARS = 8


def check_new_passphrase(passphrase: str) -> None:
    """The GUI adds a zxcvbn strength check on top."""
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise InvalidInputError(f"the passphrase must have at least {MIN_PASSPHRASE_CHARS} characters")
