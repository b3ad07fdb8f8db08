"""The items of one top-level array of a JSON file, read as the file is read.

Day One's and jrnl's exports are `{"...": ..., "entries": [ {...}, {...} ]}`; a large
export must not be held in memory whole, so the file goes through ijson's event parser
and each item is built on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import ijson

from alliance_journal.domain.importers.model import Readable
from alliance_journal.domain.json_events import Events, json_value
from alliance_journal.errors import InvalidInputError

_BOM = b"\xef\xbb\xbf"



class _WithoutBom:
    """The stream with a leading UTF-8 byte-order mark dropped (ijson refuses one)."""

    def __init__(self, raw: Readable) -> None:
        self._raw = raw
        head = raw.read(3)
        self._pending = head[3:] if head.startswith(_BOM) else head

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # how ijson asks whether this is a binary file
            return b""
        if self._pending:
            data, self._pending = self._pending, b""
            return data
        return self._raw.read(size)


def _items(events: Events, key: str, source: str, what: str) -> Iterator[Any]:
    event, _ = next(events, ("end", None))
    if event != "start_map":
        raise InvalidInputError(f"{source}: not {what} (the top level is not an object)")
    found = False
    for event, value in events:
        if event == "end_map":
            break
        name = str(value)
        event, value = next(events)
        if name == key and event == "start_array" and not found:
            found = True
            for event, value in events:
                if event == "end_array":
                    break
                yield json_value(event, value, events)
        else:
            json_value(event, value, events)
    for _ in events:  # anything after the top-level object is a parse error
        pass
    if not found:
        raise InvalidInputError(f"{source}: not {what} (no \"{key}\" list)")


def array_items(stream: Readable, key: str, *, source: str, what: str) -> Iterator[Any]:
    """Each item of the top-level object's array `key`; one line if the file is not like that.

    `what` names the expected format in messages ("a Day One export").
    """
    try:
        yield from _items(ijson.basic_parse(_WithoutBom(stream), use_float=True), key, source, what)
    except ijson.JSONError:
        raise InvalidInputError(f"{source}: not valid JSON") from None
    except UnicodeDecodeError:
        raise InvalidInputError(f"{source}: not valid UTF-8 text") from None
