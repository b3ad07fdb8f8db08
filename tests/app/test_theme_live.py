"""A live theme change reaches painted things: search markers, chips, Reflect cards, badges.

Checked on real pixels, because these widgets paint themselves: nothing but the
picture shows whether they followed the palette.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage

from alliance_journal.app.widgets.chips import Chip
from alliance_journal.app.widgets.theme import apply_theme, match_colours
from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.services.clients import save_client
from alliance_journal.services.entries import save_entry

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def colours_in(image: QImage, rect: QRect | None = None) -> set[str]:
    area = rect or image.rect()
    return {QColor(image.pixel(x, y)).name() for x in range(area.left(), area.right() + 1)
            for y in range(area.top(), area.bottom() + 1)}


def box_of(image: QImage, colour: str, rows: QRect) -> QRect | None:
    """The bounding box of pixels of exactly `colour` inside `rows`."""
    xs, ys = [], []
    for y in range(rows.top(), rows.bottom() + 1):
        for x in range(rows.left(), rows.right() + 1):
            if QColor(image.pixel(x, y)).name() == colour:
                xs.append(x)
                ys.append(y)
    return QRect(min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1) if xs else None


def near_white(name: str) -> bool:
    colour = QColor(name)
    return min(colour.red(), colour.green(), colour.blue()) > 235


def switch(qtbot, qapp, widget, mode: str) -> str:
    """Apply a theme and let the palette change reach `widget`; returns its base colour."""
    apply_theme(qapp, mode)
    base = qapp.palette().color(qapp.palette().ColorRole.Base).name()
    qtbot.waitUntil(lambda: widget.palette().color(widget.palette().ColorRole.Base).name() == base)
    return base


@pytest.fixture
def searched(qtbot, vault, main_window, qapp, restore_theme):
    apply_theme(qapp, "light")
    client = save_client(vault, Client(code="A-17"))
    for text in ("The harbour at dusk", "A harbour again", "Only the harbour"):
        save_entry(vault, Entry(kind=EntryKind.SESSION, client_id=client.id, body=text,
                                occurred_at=datetime.now(UTC), fields=default_fields(EntryKind.SESSION)))
    window = main_window
    window.resize(1280, 800)
    window.show()
    window.clients.reload()
    window.clients.select(client.id)
    window.centre.setCurrentWidget(window.search)
    window.search.field.setText("harbour")
    with qtbot.waitSignal(window.search.results_shown, timeout=10_000):
        window.search.run_search()
    assert window.search.model.rowCount() == 3
    return window


def test_search_markers_read_on_selected_rows_and_follow_the_theme(qtbot, searched, qapp):
    view = searched.search.view
    seen = []
    for mode in ("light", "dark"):
        switch(qtbot, qapp, view.viewport(), mode)
        marker = match_colours(view.palette())[0]
        image = view.viewport().grab().toImage()
        selected = view.visualRect(searched.search.model.index(0))
        plain = view.visualRect(searched.search.model.index(1))
        assert view.currentIndex().row() == 0
        for row in (selected, plain):
            box = box_of(image, marker, row)
            assert box is not None, f"no {mode} marker in a row"
            if mode == "light":  # the marker keeps its dark ink: no white selection text on it
                assert not any(near_white(c) for c in colours_in(image, box))
        seen.append((marker, colours_in(image)))
    (light, _), (dark, dark_pixels) = seen
    assert light != dark and light not in dark_pixels  # no marker was left behind


def test_chips_and_cards_follow_a_live_theme_change(qtbot, searched, qapp):
    window = searched
    window.commands.new_kind[EntryKind.SESSION].trigger()
    window.reflect.show()
    chip = next(c for c in window.editor.findChildren(Chip) if not c.isChecked())
    card = window.reflect.panel.prompt_card
    for mode in ("light", "dark"):
        base = switch(qtbot, qapp, chip, mode)
        qtbot.waitUntil(lambda b=base: card.palette().color(card.palette().ColorRole.Base).name() == b)
        chip_pixels = colours_in(chip.grab().toImage(), QRect(chip.width() // 2, 3, 1, 1))
        assert chip_pixels == {base}, mode
        card_image = card.grab().toImage()
        assert QColor(card_image.pixel(card.width() // 2, 3)).name() == base, mode
