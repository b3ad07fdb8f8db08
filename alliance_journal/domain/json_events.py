"""Whole JSON values rebuilt from ijson's event stream, one at a time.

Both streamed readers (our own format and the Day One / jrnl importers) walk a large
file event by event and need each array item as a plain value without loading the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ijson.common import ObjectBuilder

Events = Iterator[tuple[str, Any]]
STARTS = frozenset({"start_map", "start_array"})
ENDS = frozenset({"end_map", "end_array"})


def json_value(event: str, value: Any, events: Events) -> Any:
    """The JSON value that starts with (`event`, `value`), built from the events that follow."""
    if event not in STARTS:
        return value
    builder = ObjectBuilder()
    builder.event(event, value)
    depth = 1
    for event, value in events:
        builder.event(event, value)
        if event in STARTS:
            depth += 1
        elif event in ENDS:
            depth -= 1
            if depth == 0:
                break
    return builder.value
