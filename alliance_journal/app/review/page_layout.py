"""The layout both review tabs share: a title and range row, a message, headed charts that scroll.

The message ("Loading…", "Choose a client…") takes the charts' place when shown, so the
panels only toggle it and `scroller`; this is where the two are put together once.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from alliance_journal.app.widgets.painting import make_heading

#: A heading and the widgets under it, in order.
Section = tuple[str, Sequence[QWidget]]


def lay_out_review_page(panel: QWidget, title: QLabel, chooser: QWidget, message: QLabel,
                        sections: Sequence[Section], *, spacing: int | None = None) -> QScrollArea:
    """Lay `panel` out and return the scroll area holding the sections (the message hidden)."""
    content = QWidget()
    column = QVBoxLayout(content)
    if spacing is not None:
        column.setSpacing(spacing)
    for heading, widgets in sections:
        column.addWidget(make_heading(QLabel(heading), 1.1))
        for widget in widgets:
            column.addWidget(widget)
    column.addStretch(1)
    scroller = QScrollArea(panel)
    scroller.setWidgetResizable(True)
    scroller.setWidget(content)
    top = QHBoxLayout()
    top.addWidget(title, 1)
    top.addWidget(chooser)
    layout = QVBoxLayout(panel)
    layout.addLayout(top)
    layout.addWidget(message)
    layout.addWidget(scroller, 1)
    message.hide()
    return scroller
