"""Timeline cards: fields instead of "(no text yet)", and month headers and every secondary
(softened) text colour one can read: at least 4.5:1 in the light and dark themes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QListView, QWidget

from alliance_journal.app.review.chart_frame import ChartStyle
from alliance_journal.app.timeline.delegate import GAP, MARGIN_X, MARGIN_Y, PAD, EntryCardDelegate
from alliance_journal.app.timeline.model import TimelineModel, TimelineRole
from alliance_journal.app.widgets.chips import Chip
from alliance_journal.app.widgets.painting import secondary
from alliance_journal.app.widgets.theme import apply_theme, palette_for
from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.domain.vocabulary import Figure, TransferenceStatus

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def transference(body: str = "", **fields) -> Entry:
    return Entry(kind=EntryKind.TRANSFERENCE, body=body,
                 fields=default_fields(EntryKind.TRANSFERENCE).model_copy(update=fields))


def card_line(entry: Entry) -> str:
    model = TimelineModel()
    model.set_entries([entry])
    return str(model.index(1).data(TimelineRole.CARD_LINE))  # row 0 is the month header


def test_a_card_without_text_shows_its_fields(qapp):
    entry = transference(figure=Figure.CRITIC, status=TransferenceStatus.ACTIVE,
                         wish="to be approved of")
    assert card_line(entry) == "Critic · Active · wish: to be approved of"


def test_a_card_with_text_shows_the_text_and_an_empty_one_says_so(qapp):
    assert card_line(transference("First line\nsecond")) == "First line"
    empty = Entry(kind=EntryKind.SESSION, body="", fields=default_fields(EntryKind.SESSION))
    assert card_line(empty) == "(no text yet)"


def luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark", "system"])
def test_month_headers_are_readable_in_every_theme(qtbot, qapp: QApplication, restore_theme, theme):
    apply_theme(qapp, theme)
    view = QListView()
    qtbot.addWidget(view)
    model = TimelineModel(view)
    model.set_entries([transference("x")])
    view.setModel(model)
    view.setItemDelegate(EntryCardDelegate(view))
    view.resize(320, 200)
    view.show()
    qtbot.waitExposed(view)
    image = view.viewport().grab().toImage()
    header = view.visualRect(model.index(0))
    assert model.index(0).data(TimelineRole.IS_HEADER)
    background = view.palette().color(QPalette.ColorRole.Base)
    inked = [image.pixelColor(x, y) for x in range(header.left(), min(header.right(), image.width()))
             for y in range(header.top(), min(header.bottom(), image.height()))]
    strongest = max(inked, key=lambda c: contrast(c, background))
    assert contrast(strongest, background) >= 4.5


def _strongest(image, rect: QRect, background: QColor) -> float:
    inked = [image.pixelColor(x, y) for x in range(max(rect.left(), 0), min(rect.right(), image.width()))
             for y in range(max(rect.top(), 0), min(rect.bottom(), image.height()))]
    return max(contrast(c, background) for c in inked)


@pytest.mark.parametrize("theme", ["light", "dark", "system"])
def test_secondary_text_on_cards_is_readable_in_every_theme(qtbot, qapp: QApplication, restore_theme,
                                                            theme):
    """The field line of a card without text is painted in the secondary colour."""
    apply_theme(qapp, theme)
    view = QListView()
    qtbot.addWidget(view)
    model = TimelineModel(view)
    model.set_entries([transference(figure=Figure.CRITIC, status=TransferenceStatus.ACTIVE)])
    view.setModel(model)
    view.setItemDelegate(EntryCardDelegate(view))
    view.resize(360, 240)
    view.show()
    qtbot.waitExposed(view)
    image = view.viewport().grab().toImage()
    card = view.visualRect(model.index(1))
    line = view.fontMetrics().height()
    top = card.top() + MARGIN_Y + PAD + line + GAP
    second = QRect(card.left() + MARGIN_X + PAD + 2, top, card.width() // 2, line)
    background = view.palette().color(QPalette.ColorRole.Base)
    assert _strongest(image, second, background) >= 4.5


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_every_secondary_colour_of_the_themes_reaches_4_5(qapp, mode):
    palette = palette_for(mode)
    base, window = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Window)
    hover = base.darker(103) if base.lightness() > 128 else base.lighter(115)  # a card under the mouse
    placeholder = palette.color(QPalette.ColorRole.PlaceholderText)
    pairs = {
        "secondary on base": (secondary(palette), base),
        "secondary on a hovered card": (secondary(palette, hover), hover),
        "placeholder (quiet labels) on base": (placeholder, base),
        "placeholder on window": (placeholder, window),
        "chart labels": (ChartStyle.from_palette(palette, qapp.font()).muted, base),
    }
    low = {name: round(contrast(ink, bg), 2) for name, (ink, bg) in pairs.items() if contrast(ink, bg) < 4.5}
    assert low == {}


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_an_unticked_filter_chip_is_readable(qtbot, qapp: QApplication, restore_theme, theme):
    apply_theme(qapp, theme)
    holder = QWidget()
    qtbot.addWidget(holder)
    holder.setAutoFillBackground(True)
    chip = Chip(holder, filter_chip=True)
    chip.setText("Countertransference")
    chip.setChecked(False)
    chip.resize(chip.sizeHint())
    holder.resize(chip.sizeHint())
    holder.show()
    qtbot.waitExposed(holder)
    image = holder.grab().toImage()
    background = holder.palette().color(QPalette.ColorRole.Window)
    assert _strongest(image, chip.rect().adjusted(4, 3, -4, -3), background) >= 4.5


def test_hints_are_quiet_not_disabled(main_window):
    """A disabled label is painted far below 4.5:1; hints take the placeholder colour instead."""
    for label in (main_window.editor.empty, main_window.locked_page.note, main_window.timeline.placeholder,
                  main_window.search.summary):
        assert label.isEnabled()
        assert label.foregroundRole() is QPalette.ColorRole.PlaceholderText
