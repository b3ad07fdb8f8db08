"""Vault-private settings, stored encrypted in the vault (never in QSettings).

Anything that could say something about the practice (backup history, prompt and
nudge state, the backup folder) lives here, so it is as protected as the notes.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text

from alliance_journal.services.unlock import OpenVault
from alliance_journal.vault.engine import database_errors


def get_setting(vault: OpenVault, key: str, default: Any = None) -> Any:
    # A plain query, no ORM: every read-only CLI verb checks a setting (the generation).
    with database_errors(), vault.engine.connect() as connection:
        value = connection.execute(text("SELECT value FROM setting WHERE key = :key"),
                                   {"key": key}).scalar_one_or_none()
    return default if value is None else json.loads(value)


def set_setting(vault: OpenVault, key: str, value: Any) -> None:
    """Store a JSON-serialisable value durably (None removes the key)."""
    from sqlmodel import Session

    from alliance_journal.vault.tables import SettingRow

    with database_errors(), Session(vault.engine) as session:
        row = session.get(SettingRow, key)
        if value is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(SettingRow(key=key, value=json.dumps(value)))
        else:
            row.value = json.dumps(value)
            session.add(row)
        session.commit()
