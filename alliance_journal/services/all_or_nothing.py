"""Commands that make a vault leave a finished one or nothing at all.

A half-made vault (a database without its header, or a header over an empty caseload
that was meant to be a demo) makes the next attempt say "a vault already exists" and
leaves the user to clean up files they did not choose to create. `init`, `demo` and
`restore` therefore run inside one of these guards: if the work fails or is cancelled,
what it created is removed again, and nothing that was there before is ever touched.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

from alliance_journal.vault.layout import VaultPaths


def topmost_missing(folder: Path) -> Path | None:
    """The highest folder on the way to `folder` (itself included) that does not exist yet."""
    missing = None
    for candidate in [folder, *folder.parents]:
        if candidate.exists():
            break
        missing = candidate
    return missing


def vault_files(folder: Path) -> list[Path]:
    paths = VaultPaths(folder)
    return [paths.header, paths.database, paths.lock, *paths.sidecars()]


@contextlib.contextmanager
def folders_removed_on_failure(folder: Path) -> Iterator[None]:
    """If the block fails, remove the folders it created on the way to `folder`, if any."""
    created = topmost_missing(Path(folder).absolute())
    try:
        yield
    except BaseException:
        if created is not None:
            shutil.rmtree(created, ignore_errors=True)
        raise


@contextlib.contextmanager
def vault_removed_on_failure(folder: Path) -> Iterator[None]:
    """If the block fails, remove the vault files (and folders) it created in `folder`.

    Only the vault's own file names are considered, and only those that did not exist
    before: other files the user keeps in an existing folder are never removed.
    """
    folder = Path(folder).absolute()
    existing = {path for path in vault_files(folder) if path.exists()}
    try:
        with folders_removed_on_failure(folder):  # a folder it made goes as a whole
            yield
    except BaseException:
        for path in vault_files(folder):
            if path not in existing:
                with contextlib.suppress(OSError):
                    path.unlink(missing_ok=True)
        raise
