"""Coalesce a burst of calls into one: the pattern behind debounced autosave.

Like qutebrowser's `misc/throttle.py`, but trailing: calling the throttle (every
keystroke) only (re)arms a timer, and the function runs once the calls have been
quiet for `delay_ms`. `max_wait_ms` bounds how long a pending call may be put off
by someone who never pauses, so a long unbroken burst of typing is still saved.
`flush()` runs a pending call at once (switching entry, locking, quitting).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QObject, QTimer


class Throttle(QObject):
    """Run `fn` once, `delay_ms` after the last of a series of calls."""

    def __init__(self, fn: Callable[[], None], delay_ms: int, *, max_wait_ms: int | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self._delay_ms = delay_ms
        self._max_wait_ms = max_wait_ms
        self._since_first = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fire)

    @property
    def delay_ms(self) -> int:
        return self._delay_ms

    def set_delay_ms(self, delay_ms: int) -> None:
        self._delay_ms = delay_ms

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def __call__(self) -> None:
        """Ask for a run: it happens once the calls stop for `delay_ms`."""
        if not self._timer.isActive():
            self._since_first.start()
        delay = self._delay_ms
        if self._max_wait_ms is not None:
            delay = max(0, min(delay, self._max_wait_ms - int(self._since_first.elapsed())))
        self._timer.start(delay)

    def flush(self) -> None:
        """Run a pending call now (nothing happens when none is pending)."""
        if self._timer.isActive():
            self._fire()

    def cancel(self) -> None:
        self._timer.stop()

    def _fire(self) -> None:
        self._timer.stop()
        self._fn()
