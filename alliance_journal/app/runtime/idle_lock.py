"""Auto-lock after a quiet spell, with a countdown before it happens.

Like KeePassXC's InactivityTimer: an application-wide event filter notes every key
press, click, wheel turn or mouse move, and a ticking timer compares the time since
then with the limit. During the last `warning_ms` it emits `countdown(seconds_left)`
each tick; any activity then emits `countdown_cancelled`. Timing is in milliseconds
so tests can use a fraction of a second.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QObject, QTimer, Signal

ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})
WARNING_MS = 60_000
TICK_MS = 1_000


class IdleLock(QObject):
    countdown = Signal(int)
    countdown_cancelled = Signal()
    timed_out = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeout_ms = self._warning_ms = 0
        self._idle = QElapsedTimer()
        self._warning = False
        self._running = False  # between start() (unlock) and stop() (lock)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._check)
        self._set_limits(timeout_ms)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    @property
    def active(self) -> bool:
        return self._tick.isActive()

    @property
    def warning_ms(self) -> int:
        return self._warning_ms

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self._set_limits(timeout_ms)
        self.reset()
        if self._running and timeout_ms > 0:
            self._tick.start()
        else:
            self._tick.stop()

    def _set_limits(self, timeout_ms: int) -> None:
        """The warning is the last minute, or the last half of a shorter limit (tests use ms)."""
        self._timeout_ms = timeout_ms
        self._warning_ms = min(WARNING_MS, max(0, timeout_ms) // 2)
        self._tick.setInterval(max(20, min(TICK_MS, max(0, timeout_ms) // 20)))

    def start(self) -> None:
        """Count from now (on unlock). A timeout of 0 or less means never."""
        self._idle.start()
        self._end_warning()
        self._running = True
        if self._timeout_ms > 0:
            self._tick.start()

    def stop(self) -> None:
        """Stop counting (on lock)."""
        self._running = False
        self._tick.stop()
        self._end_warning()

    def reset(self) -> None:
        """Activity: start the quiet spell again."""
        self._idle.restart()
        self._end_warning()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and self._tick.isActive():
            self.reset()
        return False

    def _check(self) -> None:
        left = self._timeout_ms - int(self._idle.elapsed())
        if left <= 0:
            self.stop()
            self.timed_out.emit()
        elif left <= self._warning_ms:
            self._warning = True
            self.countdown.emit(math.ceil(left / 1000))

    def _end_warning(self) -> None:
        if self._warning:
            self._warning = False
            self.countdown_cancelled.emit()
