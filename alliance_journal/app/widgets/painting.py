"""Small drawing helpers shared by the delegates, chips and headings."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
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


def secondary(palette: QPalette) -> QColor:
    """Text colour for dates, counts and key fields: the text colour, softened towards the base."""
    return blend(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.6)


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


def make_heading(label: QLabel, scale: float = 1.25, *, bold: bool = True) -> QLabel:
    """A heading grown from the user's own font size (so it follows their DPI and settings)."""
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    label.setFont(font)
    return label
