"""Timeline cards: fields instead of "(no text yet)", and month headers one can read."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QListView

from alliance_journal.app.timeline.delegate import EntryCardDelegate
from alliance_journal.app.timeline.model import TimelineModel, TimelineRole
from alliance_journal.app.widgets.theme import apply_theme
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
