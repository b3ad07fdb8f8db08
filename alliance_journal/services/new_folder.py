"""A vault folder made whole elsewhere, then put in place with one rename (restore, salvage).

Both build the new vault in a private folder beside the target and rename it into place
only when complete, so a failure or a cancel leaves the target as it was. The target
must hold nothing: an empty folder is replaced, anything else is the caller's to refuse.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from alliance_journal.errors import InvalidInputError, StorageError
from alliance_journal.vault.atomic import describe_os_error, ensure_private_dir, fsync_dir, private_temp_dir


def holds_anything(folder: Path, *, purpose: str) -> bool:
    """False when `folder` is absent or an empty folder; `purpose` names it in errors.

    A file there is refused (InvalidInputError), and a folder that cannot be listed gives
    one line (StorageError), never a traceback.
    """
    if not folder.exists():
        return False
    if not folder.is_dir():
        raise InvalidInputError(f"{folder} is a file, not a folder {purpose}")
    try:
        return any(folder.iterdir())
    except OSError as exc:
        raise StorageError(f"could not look into {folder}: {exc.strerror}") from None


@contextlib.contextmanager
def building_beside(folder: Path, *, purpose: str, what: str) -> Iterator[Path]:
    """A private hidden folder beside `folder` to build the new vault in (the parent is
    made first if need be; `what` names it in the error), removed however we leave.

    Beside, not in the system temp dir: the final rename must stay on one file system.
    """
    try:
        ensure_private_dir(folder.parent)
    except OSError as exc:
        raise StorageError(describe_os_error(exc, what)) from None
    with private_temp_dir(purpose, near=folder.parent) as temp:
        yield temp


def rename_into_empty(made: Path, folder: Path) -> None:
    """Rename the finished folder `made` to `folder` (absent, or an empty folder, which it
    replaces), then make the rename durable. Raises OSError if `folder` filled meanwhile."""
    if folder.exists():
        folder.rmdir()  # fails if something arrived since the check: nothing is overwritten
    made.rename(folder)
    fsync_dir(folder.parent)
