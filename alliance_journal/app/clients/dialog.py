"""Add or edit a client: code, optional name, status, dates, frequency, notes.

The dialog saves through the services itself, so a code already in use is reported
inline and the dialog stays open with everything typed still there.
"""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError
from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.app.widgets.dialog_buttons import settle_main_button
from alliance_journal.domain.clients import Client, ClientStatus, Frequency
from alliance_journal.domain.vocabulary import label
from alliance_journal.errors import UserFacingError
from alliance_journal.services.clients import save_client


class OptionalDateEdit(QWidget):
    """A date that may be unset: a check box turns the date field on."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(text, self)
        self.edit = QDateEdit(QDate.currentDate(), self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("d MMM yyyy")
        self.edit.setAccessibleName(text)
        self.check.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.set_value(None)

    def value(self) -> date | None:
        day = self.edit.date()
        return date(day.year(), day.month(), day.day()) if self.check.isChecked() else None

    def set_value(self, value: date | None) -> None:
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))


class ClientDialog(QDialog):
    """`client` None adds a new client; after acceptance `saved` holds what was stored."""

    def __init__(self, session: VaultSession, client: Client | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("client_dialog")
        self.setWindowTitle("Edit client" if client else "Add client")
        self._session = session
        self._original = client
        self.saved: Client | None = None

        self.code = QLineEdit(self)
        self.code.setMaxLength(24)
        self.code.setPlaceholderText("e.g. A-17")
        self.code.setAccessibleName("Client code")
        self.name = QLineEdit(self)
        self.name.setMaxLength(200)
        self.name.setPlaceholderText("optional; shown only when names are turned on")
        self.name.setAccessibleName("Client name")
        self.status = self._combo([(label(s), s.value) for s in ClientStatus], "Status")
        self.frequency = self._combo([(label(f), f.value) for f in Frequency], "Session frequency")
        self.started = OptionalDateEdit("Started", self)
        self.ended = OptionalDateEdit("Ended", self)
        self.notes = QPlainTextEdit(self)
        self.notes.setAccessibleName("Notes about the client")
        self.notes.setTabChangesFocus(True)
        self.archived = QCheckBox("Archived (hidden from the client list)", self)
        self.archived.setVisible(client is not None)
        self.error = QLabel(self)
        self.error.setObjectName("client_dialog_error")
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        form.addRow("&Code", self.code)
        form.addRow("&Name", self.name)
        form.addRow("&Status", self.status)
        form.addRow("&Frequency", self.frequency)
        form.addRow("", self.started)
        form.addRow("", self.ended)
        form.addRow("N&otes", self.notes)
        form.addRow("", self.archived)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        settle_main_button(self, buttons.button(QDialogButtonBox.StandardButton.Save))
        self._load(client or Client(code="new"))
        if client is None:
            self.code.clear()

    def accept(self) -> None:
        try:
            client = self._client()
            self.saved = save_client(self._session.require(), client)
        except ValidationError as exc:
            self._show_error(self._validation_message(exc))
            return
        except UserFacingError as exc:
            self._show_error(exc.message)
            return
        super().accept()

    # --- internals -----------------------------------------------------------------------
    def _client(self) -> Client:
        values = {
            "code": self.code.text(), "name": self.name.text().strip() or None,
            "status": self.status.currentData(), "frequency": self.frequency.currentData(),
            "started_on": self.started.value(), "ended_on": self.ended.value(),
            "notes": self.notes.toPlainText(), "archived": self.archived.isChecked(),
        }
        if self._original is None:
            return Client.model_validate(values)
        return Client.model_validate({**self._original.model_dump(), **values})

    @staticmethod
    def _validation_message(exc: ValidationError) -> str:
        """Which field is wrong, never what was typed in it."""
        first = exc.errors()[0]
        where = str(first["loc"][0]) if first["loc"] else ""
        if where == "code":
            return "The code must be 1 to 24 characters."
        if not where:
            return "The end date is before the start date."
        return f"The {where.replace('_', ' ')} is not valid."

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _load(self, client: Client) -> None:
        self.code.setText(client.code)
        self.name.setText(client.name or "")
        self.status.setCurrentIndex(self.status.findData(client.status.value))
        self.frequency.setCurrentIndex(self.frequency.findData(client.frequency.value))
        self.started.set_value(client.started_on)
        self.ended.set_value(client.ended_on)
        self.notes.setPlainText(client.notes)
        self.archived.setChecked(client.archived)

    def _combo(self, items: list[tuple[str, str]], accessible: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(accessible)
        for text, value in items:
            combo.addItem(text, value)
        return combo
