"""Window and appearance preferences in QSettings, typed and with defaults.

QSettings is a plain file outside the vault, so this class is deliberately narrow: it
stores only how the window looks and behaves (sizes, theme, lock delay), never anything
clinical — no client names, note text or search terms. Vault-private preferences belong
in `services.settings` instead. There is no generic setter on purpose.

Modelled on KeePassXC's `Config`: one key per property, a default for every key, and
values read back defensively because the file can be edited by hand.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION: Final = "AllianceJournal"
APPLICATION: Final = "AllianceJournal"
THEMES: Final = ("system", "light", "dark")
AUTOLOCK_DEFAULT: Final = 5
AUTOLOCK_RANGE: Final = (1, 240)
RECENT_LIMIT: Final = 8
_SPLITTER_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class AppSettings:
    """Typed access to the user's window preferences (`for_path` gives a private INI file)."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._qs = qsettings or QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)

    @classmethod
    def for_path(cls, path: Path) -> AppSettings:
        """Settings kept in the INI file at `path` (tests, screenshots, portable use)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    @property
    def qsettings(self) -> QSettings:
        return self._qs

    def file_name(self) -> str:
        return self._qs.fileName()

    def sync(self) -> None:
        """Write pending changes to disk now (QSettings otherwise does so lazily)."""
        self._qs.sync()

    # --- behaviour -------------------------------------------------------------------------

    @property
    def autolock_minutes(self) -> int:
        """Minutes of inactivity before the vault locks itself (1-240, default 5)."""
        low, high = AUTOLOCK_RANGE
        return min(high, max(low, self._int("security/autolock_minutes", AUTOLOCK_DEFAULT)))

    @autolock_minutes.setter
    def autolock_minutes(self, minutes: int) -> None:
        low, high = AUTOLOCK_RANGE
        self._qs.setValue("security/autolock_minutes", min(high, max(low, int(minutes))))

    @property
    def show_client_names(self) -> bool:
        """Show names beside client codes (off by default: codes are safer on screen)."""
        return self._bool("privacy/show_client_names", False)

    @show_client_names.setter
    def show_client_names(self, show: bool) -> None:
        self._qs.setValue("privacy/show_client_names", bool(show))

    @property
    def theme(self) -> str:
        """`system`, `light` or `dark`; anything else reads as `system`."""
        value = self._qs.value("appearance/theme", "system")
        return value if isinstance(value, str) and value in THEMES else "system"

    @theme.setter
    def theme(self, mode: str) -> None:
        if mode not in THEMES:
            raise ValueError(f"theme must be one of {', '.join(THEMES)}")
        self._qs.setValue("appearance/theme", mode)

    @property
    def last_vault_dir(self) -> str | None:
        """The vault folder opened last (a path, never its content)."""
        value = self._qs.value("vault/last_dir", "")
        return value if isinstance(value, str) and value else None

    @last_vault_dir.setter
    def last_vault_dir(self, folder: str | None) -> None:
        if folder:
            self._qs.setValue("vault/last_dir", str(folder))
        else:
            self._qs.remove("vault/last_dir")

    @property
    def recent_vault_dirs(self) -> list[str]:
        """Journal folders opened lately, newest first (paths only, never content)."""
        value = self._qs.value("vault/recent_dirs", [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        return [v for v in value if isinstance(v, str) and v][:RECENT_LIMIT]

    def remember_vault_dir(self, folder: str) -> None:
        """`folder` was opened: it becomes the last one and heads the recent list."""
        folder = str(folder)
        self.last_vault_dir = folder
        recent = [folder] + [f for f in self.recent_vault_dirs if f != folder]
        self._qs.setValue("vault/recent_dirs", recent[:RECENT_LIMIT])

    # --- window layout ---------------------------------------------------------------------

    @property
    def window_geometry(self) -> QByteArray:
        return self._bytes("window/geometry")

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._qs.setValue("window/geometry", QByteArray(value))

    @property
    def window_state(self) -> QByteArray:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._qs.setValue("window/state", QByteArray(value))

    def splitter_state(self, name: str) -> QByteArray:
        return self._bytes(self._splitter_key(name))

    def set_splitter_state(self, name: str, value: QByteArray) -> None:
        self._qs.setValue(self._splitter_key(name), QByteArray(value))

    # --- reading defensively ---------------------------------------------------------------

    @staticmethod
    def _splitter_key(name: str) -> str:
        """Splitter names are code identifiers, so no free text can become a key."""
        if not _SPLITTER_NAME.match(name):
            raise ValueError("a splitter name is letters, digits, '.', '-' or '_'")
        return f"splitters/{name}"

    def _int(self, key: str, default: int) -> int:
        value = self._qs.value(key, default)
        if isinstance(value, bool):
            return default
        if isinstance(value, int | str):
            try:
                return int(value)
            except ValueError:
                return default
        return default

    def _bool(self, key: str, default: bool) -> bool:
        value = self._qs.value(key, default)
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            return value.strip().lower() in {"true", "1", "yes", "on"}
        if isinstance(value, int):
            return value != 0
        return default

    def _bytes(self, key: str) -> QByteArray:
        value = self._qs.value(key, QByteArray())
        if isinstance(value, QByteArray):
            return value
        if isinstance(value, bytes | bytearray):
            return QByteArray(bytes(value))
        return QByteArray()
