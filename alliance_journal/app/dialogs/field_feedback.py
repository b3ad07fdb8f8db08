"""Marking a field as wrong: a red border and a short shake, gone on the next key press.

The shake is the familiar "no" of login windows; it moves only the field, briefly, and
leaves it exactly where the layout put it.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEasingCurve, QPoint, QPropertyAnimation
from PySide6.QtWidgets import QLabel, QLineEdit, QProgressBar, QWidget

from alliance_journal.app.widgets.theme import error_colour

_INVALID = "invalidInput"
_SHAKE = "shakeAnimation"
SHAKE_MS = 360


def mark_invalid(edit: QLineEdit, description: str) -> None:
    """Red border (until the text changes), accessible description, and a shake."""
    colour = error_colour(edit).name()
    edit.setStyleSheet(f"QLineEdit {{ border: 2px solid {colour}; border-radius: 4px; padding: 2px; }}")
    edit.setAccessibleDescription(description)
    if not edit.property(_INVALID):
        edit.textChanged.connect(lambda _text: clear_invalid(edit))
    edit.setProperty(_INVALID, True)
    shake(edit)


def clear_invalid(edit: QLineEdit) -> None:
    if edit.property(_INVALID):
        edit.setStyleSheet("")
        edit.setAccessibleDescription("")
        edit.setProperty(_INVALID, False)


def is_marked_invalid(edit: QLineEdit) -> bool:
    return bool(edit.property(_INVALID))


def shake(edit: QLineEdit) -> QPropertyAnimation:
    """Move the field a few pixels left and right, ending where it started."""
    previous = edit.property(_SHAKE)
    if isinstance(previous, QPropertyAnimation):
        previous.stop()
        previous.setCurrentTime(previous.duration())
    start = edit.pos()
    animation = QPropertyAnimation(edit, QByteArray(b"pos"), edit)
    animation.setDuration(SHAKE_MS)
    animation.setEasingCurve(QEasingCurve.Type.Linear)
    for step, offset in enumerate((0, -8, 8, -6, 6, -3, 3, 0)):
        animation.setKeyValueAt(step / 7, start + QPoint(offset, 0))
    edit.setProperty(_SHAKE, animation)
    animation.start()
    return animation


def error_line(owner: QWidget) -> QLabel:
    """A hidden, wrapping one-line message in the error colour, shown when something fails."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {error_colour(owner).name()}")
    label.hide()
    return label


def busy_bar() -> QProgressBar:
    """A thin, hidden, indeterminate bar for work that runs off the GUI thread."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setFixedHeight(6)
    bar.hide()
    return bar
