"""Stable ids for imported notes, so that importing the same export twice adds nothing.

An imported entry's id is derived from what identifies the note in its app (Day One's
`uuid`; for jrnl and Markdown, which have none, its time and text) with a keyed hash.
The second import derives the same ids and finds them in the vault: no column, table or
schema change is needed, and the id stays the same when the entry is later edited.
The key comes from the vault's data key, so an id says nothing about the text to
anyone without the vault (a plain hash of a short note could be guessed).
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from collections.abc import Callable

from alliance_journal.crypto.kdf import expand

_SALT = b"alliance-journal/import"
_INFO = b"entry ids v1"


def id_maker(data_key: bytes) -> Callable[[str], uuid.UUID]:
    """A function from an imported note's identity to its entry id, for this vault."""
    key = expand(data_key, salt=_SALT, info=_INFO)

    def entry_id(identity: str) -> uuid.UUID:
        digest = hmac.new(key, identity.encode("utf-8", "surrogatepass"), hashlib.sha256).digest()
        return uuid.UUID(bytes=digest[:16], version=4)

    return entry_id
