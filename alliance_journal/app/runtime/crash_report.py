"""Crash output without content: the exception's type and where it happened, never its message.

Messages of unexpected exceptions can quote values (pydantic puts `input_value=` with
the note text in its errors), and stderr of a desktop app often ends up in a session
log on disk. So an uncaught exception in a slot or a thread is reported as
"internal error: TypeName at file.py:123" and nothing more.
`ALLIANCE_JOURNAL_DEBUG=1` restores full tracebacks for development.
"""

from __future__ import annotations

import os
import sys
import threading
import traceback
from types import TracebackType


def where(exc: BaseException) -> str:
    """`file.py:123` of the innermost frame: enough to find a bug, no values."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return "?"
    last = frames[-1]
    return f"{last.filename.rsplit('/', 1)[-1].rsplit(chr(92), 1)[-1]}:{last.lineno}"


def describe(exc: BaseException) -> str:
    return f"internal error: {type(exc).__name__} at {where(exc)}"


def _report(exc_type: type[BaseException], exc: BaseException,
            tb: TracebackType | None) -> None:
    exc.__traceback__ = tb
    print(f"Alliance Journal: {describe(exc)}", file=sys.stderr)


def _report_thread(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        _report(args.exc_type, args.exc_value, args.exc_traceback)


def install() -> None:
    """Replace the default hooks unless full tracebacks were asked for."""
    if os.environ.get("ALLIANCE_JOURNAL_DEBUG") == "1":
        return
    sys.excepthook = _report
    threading.excepthook = _report_thread
