"""The two kinds of failure, kept apart on purpose.

A `UserFacingError` comes from the world (a wrong passphrase, a damaged file, a full
disk, a second instance): the user sees its one-line message and nothing else. Every
other exception is a bug of ours and may be loud in development.

Messages never contain note text, client names or passphrases: they name files,
fields and counts only, because they end up in dialogs and terminals.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """An expected failure with a one-line message and a CLI exit code."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class WrongKeyError(UserFacingError):
    """The passphrase, recovery key or device key does not open this vault or backup."""

    exit_code = 3


class CorruptDataError(UserFacingError):
    """A vault, header or backup file is damaged or has been tampered with."""

    exit_code = 4


class VaultInUseError(UserFacingError):
    """Another process holds the vault open."""

    exit_code = 5


class InvalidInputError(UserFacingError):
    """A file or value given to us does not follow the expected format."""

    exit_code = 6


class VaultNotFoundError(UserFacingError):
    """No vault exists at the given place."""


class VaultExistsError(UserFacingError):
    """Refusing to create or restore over an existing vault."""


class StorageError(UserFacingError):
    """The disk refused a write (full, read-only, I/O error); nothing was half-written."""


class DiskFullError(StorageError):
    """The disk has no room left: a step that only frees space can be skipped over it."""


class NotFoundError(UserFacingError):
    """A client, entry or prompt the caller named does not exist."""


class KeychainUnavailableError(UserFacingError):
    """No real OS keychain is available on this computer."""


class OperationCancelledError(UserFacingError):
    """The user cancelled a long operation; nothing was changed."""
