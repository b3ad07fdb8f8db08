"""Default places on disk (per-user data folder, via platformdirs) and shipped resources."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from alliance_journal.vault.layout import (
    VaultPaths,
    default_backup_dir,
    default_data_dir,
    default_vault_dir,
)

__all__ = ["default_backup_dir", "default_data_dir", "default_vault_dir", "docs_dir", "resources_dir",
           "vault_exists", "vault_folder"]


def vault_folder(given: str | Path | None) -> Path:
    """The vault folder the user named, or the default one."""
    return Path(given).expanduser() if given else default_vault_dir()


def vault_exists(folder: Path) -> bool:
    """A vault is a folder with its header; a database alone is not one (yet)."""
    return VaultPaths(folder).exists()


def resources_dir() -> Traversable:
    """The shipped files (`resources/` in the source tree, `alliance_journal.resources` built).

    Found through `importlib.resources`, never by walking up from this file, so a wheel, an
    editable install, a zip and the PyInstaller bundle all find the same files.
    """
    return files("alliance_journal.resources")


def docs_dir() -> Traversable:
    """The user documentation (`docs/` in the source tree, `alliance_journal.docs` built)."""
    return files("alliance_journal.docs")
