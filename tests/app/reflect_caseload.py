"""A client whose record makes nudges fire today, and a window opened on it.

R-1 had two late cancellations within the last 30 days and, on the latest alliance
check, likes me 5 but trusts me 3: the container, liked-not-trusted and ambivalence
rules speak (three nudges: all of them fit on the panel at once). Dates count back
from the real today, because the panel asks for today's nudges.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from alliance_journal.app.runtime.settings import AppSettings
from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.app.window.main_window import MainWindow
from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import AllianceFields, ContainerFields, Entry, KindFields
from alliance_journal.domain.nudges import NudgeRule
from alliance_journal.domain.vocabulary import ContainerEvent
from alliance_journal.services.clients import save_client
from alliance_journal.services.entries import save_entry
from alliance_journal.services.unlock import OpenVault

#: Rules that must fire for R-1 (others may too).
EXPECTED_RULES = {NudgeRule.MISSED_SESSIONS, NudgeRule.LIKED_NOT_TRUSTED, NudgeRule.AMBIVALENCE}


@dataclass
class Caseload:
    client: Client
    entries: list[Entry]


def at(days_ago: int) -> datetime:
    return datetime.combine(date.today() - timedelta(days=days_ago), time(11)).astimezone()


def add(vault: OpenVault, client: Client | None, fields: KindFields, days_ago: int) -> Entry:
    return save_entry(vault, Entry(client_id=client.id if client else None, kind=fields.kind,
                                   fields=fields, occurred_at=at(days_ago), body="Process note."))


def build(vault: OpenVault) -> Caseload:
    client = save_client(vault, Client(code="R-1"))
    entries = [
        add(vault, client, ContainerFields(event=ContainerEvent.LATE_CANCELLATION), 12),
        add(vault, client, ContainerFields(event=ContainerEvent.LATE_CANCELLATION), 5),
        add(vault, client, AllianceFields(client_likes_me=5, client_trusts_me=3), 3),
    ]
    save_client(vault, Client(code="R-2"))  # a client with nothing to say
    return Caseload(client, entries)


def wait_for_nudges(qtbot, window: MainWindow) -> None:
    """Until the feed has read the vault and nothing more is on its way."""
    qtbot.waitUntil(window.reflect.feed.is_settled, timeout=10_000)


@contextmanager
def window_on(qtbot, vault: OpenVault, vault_dir: Path, app_settings: AppSettings,
              client: Client) -> Iterator[MainWindow]:
    """The main window on `vault` with `client` selected and its nudges read; closed after."""
    window = MainWindow(VaultSession(vault_dir, vault), app_settings, autolock_ms=0)
    qtbot.addWidget(window)
    assert window.clients.select(client.id)
    wait_for_nudges(qtbot, window)
    try:
        yield window
    finally:
        window.close()
        window.reflect.feed.wait()
        if window.session.vault is not None:
            window.session.vault.close()
