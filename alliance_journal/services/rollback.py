"""Noticing when a vault is replaced by an older copy of itself (a rollback).

Each unlock advances a generation counter kept in two places: inside the vault's
encrypted settings, and outside it, in this computer's data folder (a file named by
the vault id holding only a number). A vault whose inside counter is *behind* the
outside one is older than the copy this computer last opened: a sync conflict, an old
USB copy, or someone swapping files. The user is warned once, in one line; the notes
are never touched. The outside file reveals only that this computer opened a vault
with that id, and how often.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from alliance_journal.errors import StorageError, UserFacingError
from alliance_journal.services.locations import default_data_dir
from alliance_journal.services.settings import get_setting, set_setting
from alliance_journal.services.unlock import OpenVault
from alliance_journal.vault.atomic import atomic_write_bytes, describe_os_error, ensure_private_dir

GENERATION_SETTING = "vault_generation"
_SAFE_ID = re.compile(r"[0-9A-Za-z_-]{8,64}")
_MAX_DIGITS = 19


def generation_file(vault_id: str) -> Path:
    """Where this computer keeps the last generation it saw of `vault_id`."""
    name = vault_id if _SAFE_ID.fullmatch(vault_id) else hashlib.sha256(vault_id.encode()).hexdigest()
    return default_data_dir() / "generations" / name


def read_recorded_generation(vault_id: str) -> int | None:
    """The outside counter; None when never recorded, -1 when the file is damaged."""
    try:
        text = generation_file(vault_id).read_bytes()[: _MAX_DIGITS + 2].decode("ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return -1
    return int(text) if text.isdigit() and len(text) <= _MAX_DIGITS else -1


def record_generation(vault_id: str, generation: int) -> None:
    """Write the outside counter atomically (also used by restore, which is deliberate)."""
    path = generation_file(vault_id)
    try:
        ensure_private_dir(path.parent)
    except OSError as exc:
        raise StorageError(describe_os_error(exc, "the vault generation record")) from None
    atomic_write_bytes(path, f"{int(generation)}\n".encode("ascii"), what="the vault generation record")


def inside_generation(vault: OpenVault) -> int:
    value = get_setting(vault, GENERATION_SETTING, 0)
    return value if type(value) is int and value >= 0 else 0


def _warning(inside: int, outside: int | None, *, resetting: bool) -> str | None:
    if outside == -1:
        reset = "it has been reset, so " if resetting else ""
        return ("this computer's record of the vault's generation was damaged; "
                f"{reset}a replaced older copy could go unnoticed this once")
    if outside is not None and inside < outside:
        return (f"this vault is older than the copy last opened on this computer "
                f"(generation {inside}, expected at least {outside}): it may have been replaced "
                f"by an older copy; check that your latest notes are there")
    return None


def compare_generation(vault: OpenVault) -> str | None:
    """The same check for a read (search, stats, export…): compares, writes nothing.

    Only opens that may write advance the counters; a read of a rolled-back copy is
    still warned about, because the outside record stays ahead of it.
    """
    return _warning(inside_generation(vault), read_recorded_generation(vault.vault_id),
                    resetting=False)


def check_generation(vault: OpenVault) -> str | None:
    """Advance both counters; returns a one-line warning if this copy is older, else None."""
    inside = inside_generation(vault)
    outside = read_recorded_generation(vault.vault_id)
    warning = _warning(inside, outside, resetting=True)
    advanced = max(inside, outside or 0) + 1
    try:
        # Inside first: a crash between the two writes leaves inside ahead, which is quiet.
        set_setting(vault, GENERATION_SETTING, advanced)
        record_generation(vault.vault_id, advanced)
    except UserFacingError as exc:
        note = f"could not record the vault generation ({exc.message})"
        return f"{warning}; {note}" if warning else note
    return warning
