"""Python's cyclic garbage collector runs on the GUI thread only.

Left automatic, a collection runs in whichever thread allocates when a generation's
count passes its threshold: often a worker (a key derivation, a migration, an import).
It then destroys the cyclic garbage the GUI thread left behind, such as the Python half
of a closed window and the Qt values it held (text cursors, pixmaps, fonts, formats).
Those C++ destructors then run on the worker while the GUI thread is inside Qt with the
GIL released, and Qt's GUI classes are not thread-safe: heap corruption, a rare
segfault. PySide hands a QObject back to its own thread to be deleted, but it does not
do that for value types.

So automatic collection is switched off, and a timer on the GUI thread runs the same
generational collections on the same thresholds instead (the idea is pyqtgraph's
`GarbageCollector`). Plain reference counting still frees everything outside a cycle
at once, on any thread, as before.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot

#: How often the GUI thread checks the collector's counts.
CHECK_INTERVAL_MS = 250


class GuiThreadCollector(QObject):
    """Runs the cyclic garbage collector from the GUI thread's event loop."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    @Slot()
    def collect_due(self) -> int:
        """Run the oldest collection whose count passed its threshold; returns what it freed."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if thresholds[generation] and counts[generation] > thresholds[generation]:
                return gc.collect(generation)
        return 0

    def stop(self) -> None:
        """Hand collection back to Python as it was before (tests; the app never stops it)."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
        self.deleteLater()


def collect_on_gui_thread(app: QCoreApplication) -> GuiThreadCollector:
    """Call once, on the GUI thread, right after the application object exists."""
    return GuiThreadCollector(app)
