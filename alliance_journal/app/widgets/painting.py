"""Small drawing helpers shared by the delegates, chips and headings."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)


def blend(a: QColor, b: QColor, share_of_a: float) -> QColor:
    """`share_of_a` of colour `a` mixed into `b`."""
    k = share_of_a
    return QColor(int(a.red() * k + b.red() * (1 - k)), int(a.green() * k + b.green() * (1 - k)),
                  int(a.blue() * k + b.blue() * (1 - k)))


#: WCAG AA for normal text: every secondary (softened) text colour keeps at least this.
MIN_TEXT_CONTRAST = 4.5


def luminance(colour: QColor) -> float:
    """WCAG relative luminance (0 black … 1 white)."""
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else float(((v + 0.055) / 1.055) ** 2.4)
    return (0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green())
            + 0.0722 * channel(colour.blue()))


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 … 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def legible(ink: QColor, background: QColor, minimum: float = MIN_TEXT_CONTRAST) -> QColor:
    """`ink`, moved towards black (or white, on a dark background) just far enough to
    reach `minimum` contrast on `background`: soft text that can still be read."""
    black, white = QColor(0, 0, 0), QColor(255, 255, 255)
    target = black if contrast_ratio(black, background) >= contrast_ratio(white, background) else white
    steps = 50
    for step in range(steps + 1):
        candidate = blend(target, ink, step / steps)
        if contrast_ratio(candidate, background) >= minimum:
            return candidate
    return target


def secondary(palette: QPalette, background: QColor | None = None) -> QColor:
    """Text colour for dates, counts and key fields: the text colour softened towards the
    base, but never below 4.5:1 on `background` (the base when not given)."""
    base = palette.color(QPalette.ColorRole.Base)
    soft = blend(palette.color(QPalette.ColorRole.Text), base, 0.6)
    return legible(soft, background if background is not None else base)


def heading_colour(palette: QPalette) -> QColor:
    """Text colour for month headers: softer than body text, still readable (WCAG AA, 4.5:1).

    A header row is not selectable, so the view paints it with the *disabled* colours,
    which are far too pale; the active ones are taken explicitly."""
    active = QPalette.ColorGroup.Active
    return blend(palette.color(active, QPalette.ColorRole.Text),
                 palette.color(active, QPalette.ColorRole.Base), 0.85)


def paint_row_background(delegate: QStyledItemDelegate, painter: QPainter, option: QStyleOptionViewItem,
                         index: QModelIndex | QPersistentModelIndex) -> QColor:
    """Let the style draw a row's selection and hover background the platform way.

    Returns the colour text should take on it (highlighted text when selected).
    """
    style = option.widget.style() if option.widget is not None else QApplication.style()
    background = QStyleOptionViewItem(option)
    delegate.initStyleOption(background, index)
    background.text = ""
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, option.widget)
    selected = bool(option.state & QStyle.StateFlag.State_Selected)
    return option.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)


def make_quiet(label: QLabel) -> QLabel:
    """Secondary text (hints, notes): the placeholder colour, which every theme keeps at
    4.5:1 or more. A disabled label would be far paler, and reads as "not available"."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def make_heading(label: QLabel, scale: float = 1.25, *, bold: bool = True) -> QLabel:
    """A heading grown from the user's own font size (so it follows their DPI and settings).

    Plain text always: headings name clients, and a name is never read as markup.
    """
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    label.setFont(font)
    return label
