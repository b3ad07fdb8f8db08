"""The widgets of the editor and how they sit: header, when, tags, kind form, body, amendments.

Only layout and showing: the editor (`entry_editor.py`) decides when to save.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from alliance_journal.app.commands.actions import Actions
from alliance_journal.app.editor.amendments import AmendmentsView
from alliance_journal.app.editor.body_editor import BodyEditor
from alliance_journal.app.editor.kind_form import KindForm
from alliance_journal.app.widgets.formatting import to_qdatetime
from alliance_journal.app.widgets.kind_style import kind_icon
from alliance_journal.app.widgets.painting import make_heading
from alliance_journal.domain.entries import KIND_TITLES, Entry, EntryKind, default_fields

#: Kinds whose form is a few tags around the words: a new one starts in the text.
TEXT_FIRST = frozenset({EntryKind.SESSION, EntryKind.REFLECTION})


class EditorLayout(QScrollArea):
    form_changed = Signal()

    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget(self)
        self.icon = QLabel(inner)
        self.title = QLabel(inner)
        self.title.setObjectName("editor_kind_title")
        make_heading(self.title)
        self.status = QLabel(inner)
        self.status.setObjectName("saved_indicator")
        self.status.setEnabled(False)  # discreet: secondary text colour
        self.when = QDateTimeEdit(inner)
        self.when.setObjectName("entry_when")
        self.when.setAccessibleName("Date and time of the entry")
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("d MMM yyyy  HH:mm")
        self.tags = QLineEdit(inner)
        self.tags.setObjectName("entry_tags")
        self.tags.setAccessibleName("Tags, comma-separated")
        self.tags.setPlaceholderText("comma-separated, e.g. supervision, rupture")
        self.form: KindForm | None = None
        self._form_holder = QVBoxLayout()
        self._form_holder.setContentsMargins(0, 0, 0, 0)
        self.body = BodyEditor(actions.preview, inner)
        self.body.setMinimumHeight(self.fontMetrics().lineSpacing() * 12)
        self.amendments = AmendmentsView(inner)
        self.read_only_note = QLabel("Finalised · read-only", inner)
        self.read_only_note.setObjectName("read_only_note")
        self.amend_button = QPushButton("Add amendment", inner)
        self.amend_button.setObjectName("header_add_amendment")
        self.amend_button.setToolTip("A finalised entry stays as signed; later thoughts are "
                                     "added as dated amendments")
        self.amend_button.clicked.connect(self.start_amendment)

        header = QHBoxLayout()
        header.setSpacing(8)
        header.addWidget(self.icon)
        header.addWidget(self.title, 1)
        header.addWidget(self.status)
        header.addWidget(self.read_only_note)
        header.addWidget(self.amend_button)
        meta = QFormLayout()
        meta.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        meta.addRow("&When", self.when)
        meta.addRow("&Tags", self.tags)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addLayout(meta)
        layout.addLayout(self._form_holder)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.amendments)
        self.setWidget(inner)
        self.amendments.hide()
        self.read_only_note.hide()
        self.amend_button.hide()

    def show_entry(self, entry: Entry) -> None:
        """Fill every widget from `entry` (no `changed` signals: nothing was edited)."""
        self.icon.setPixmap(kind_icon(entry.kind).pixmap(self.title.fontMetrics().height()))
        self.title.setText(KIND_TITLES[entry.kind])
        with QSignalBlocker(self.when):
            self.when.setDateTime(to_qdatetime(entry.occurred_at))
        self.tags.setText(", ".join(entry.tags))
        self._replace_form(KindForm(entry.kind, self.widget()))
        assert self.form is not None
        self.form.set_values(entry.fields)
        self.body.set_text(entry.body)
        read_only = entry.is_finalised
        self.when.setReadOnly(read_only)
        self.tags.setReadOnly(read_only)
        self.form.set_read_only(read_only)
        self.body.set_read_only(read_only)
        self.amendments.setVisible(read_only)
        self.read_only_note.setVisible(read_only)
        self.amend_button.setVisible(read_only)
        if read_only:
            self.amendments.show_entry(entry)
        self.scroll_to_top()

    def scroll_to_top(self) -> None:
        """Another entry opens at its top (now, and again once the new form is laid out)."""
        self.verticalScrollBar().setValue(0)
        QTimer.singleShot(0, lambda: self.verticalScrollBar().setValue(0))

    def start_amendment(self) -> None:
        """The header's "Add amendment": go to the amendment box under the entry."""
        self.ensureWidgetVisible(self.amendments.box)
        self.amendments.box.setFocus(Qt.FocusReason.OtherFocusReason)

    def form_values(self) -> dict[str, Any]:
        return self.form.values() if self.form else {}

    def clear_form(self) -> None:
        """Wipe every text (and undo history) now; the old form is deleted later."""
        self._replace_form(None)
        self.title.clear()
        self.icon.clear()
        self.status.clear()
        self.tags.setText("")
        self.body.clear()
        self.amendments.clear()
        self.amendments.hide()
        self.read_only_note.hide()
        self.amend_button.hide()

    def focus_first_field(self) -> None:
        """Where a new entry starts: the text for the kinds written mostly in words."""
        if self.form is not None and self.form.kind in TEXT_FIRST:
            self.body.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.form is not None and self.form.fields:
            next(iter(self.form.fields.values())).setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.body.setFocus(Qt.FocusReason.OtherFocusReason)

    def _replace_form(self, form: KindForm | None) -> None:
        old = self.form
        if old is not None:
            old.set_values(default_fields(old.kind))  # drop its text and undo history at once
            old.hide()
            self._form_holder.removeWidget(old)
            old.deleteLater()
        self.form = form
        if form is not None:
            form.changed.connect(self.form_changed)
            self._form_holder.addWidget(form)
