"""One widget per field spec, all with the same small interface.

Each has `changed` (user edits only), `value()`, `set_value()` and
`set_read_only()`, so the form builder treats them alike. Chips and ratings are
one tab stop each and work from the keyboard: type a chip's name (with completion)
and press Enter; move a rating with the arrow keys or a digit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from alliance_journal.app.editor.field_specs import (
    CheckSpec,
    ChipsSpec,
    ChoiceSpec,
    FieldSpec,
    NumberSpec,
    RatingSpec,
    TextSpec,
)
from alliance_journal.app.widgets.chips import make_chip
from alliance_journal.app.widgets.flow_layout import FlowLayout

NOT_SET = "—"
#: The button id of "—" (not rated): any negative id but -1, which Qt takes as "assign one".
_NOT_RATED = -100


class FieldWidget(QWidget):
    changed = Signal()

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)


class ChipsField(FieldWidget):
    def __init__(self, spec: ChipsSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spec = spec
        self.chips: dict[str, QToolButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for title, choices in spec.groups:
            if title:
                caption = QLabel(title, self)
                caption.setEnabled(False)  # a quiet, secondary caption
                layout.addWidget(caption)
            box = QWidget(self)
            flow = FlowLayout(box, spacing=4)
            for choice in choices:
                # Not a tab stop each: the line below is the keyboard way to pick chips.
                chip = make_chip(choice.label, box, f"chip_{spec.name}_{choice.value}")
                chip.toggled.connect(self.changed)
                flow.addWidget(chip)
                self.chips[choice.value] = chip
            layout.addWidget(box)
        self._by_label = {c.label.casefold(): c.value for _t, cs in spec.groups for c in cs}
        self._by_label.update({value.casefold(): value for value in self.chips})
        self.line = QLineEdit(self)
        self.line.setObjectName(f"chips_{spec.name}_text")
        self.line.setPlaceholderText(f"Other {spec.label.lower()}, comma-separated" if spec.free
                                     else f"Type a {spec.label.lower().rstrip('s')} and press Enter")
        self.line.setAccessibleName(f"{spec.label}: type to add")
        completer = QCompleter([c.label for _t, cs in spec.groups for c in cs], self.line)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.line.setCompleter(completer)
        self.line.textEdited.connect(self._text_edited)
        self.line.returnPressed.connect(self._absorb_known)
        self.line.editingFinished.connect(self._absorb_known)
        layout.addWidget(self.line)
        self.setFocusProxy(self.line)

    def _tokens(self) -> list[str]:
        return [t.strip() for t in self.line.text().split(",") if t.strip()]

    def _text_edited(self, _text: str) -> None:
        if self._spec.free:
            self.changed.emit()

    def _absorb_known(self) -> None:
        """Known names typed in the line become checked chips; others stay (if free)."""
        rest = []
        for token in self._tokens():
            known = self._by_label.get(token.casefold())
            if known is not None:
                self.chips[known].setChecked(True)
            elif self._spec.free:
                rest.append(token)
        text = ", ".join(rest)
        if text != self.line.text():
            self.line.setText(text)

    def value(self) -> list[str]:
        values = [v for v, chip in self.chips.items() if chip.isChecked()]
        for token in self._tokens():
            known = self._by_label.get(token.casefold())
            if known is not None:
                values.append(known)
            elif self._spec.free:
                values.append(token)
        return list(dict.fromkeys(values))

    def set_value(self, value: Any) -> None:
        values = [str(v) for v in value or []]
        for key, chip in self.chips.items():
            with QSignalBlocker(chip):
                chip.setChecked(key in values)
        self.line.setText(", ".join(v for v in values if v not in self.chips))


class RatingField(FieldWidget):
    """Segmented buttons "—" (not rated, when optional), then low…high.

    Arrows and digits choose; Delete or Backspace clears back to "—". Not rated is
    `None`, never a number.
    """

    def __init__(self, spec: RatingSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spec = spec
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        values = ([_NOT_RATED] if spec.optional else []) + list(range(spec.low, spec.high + 1))
        for value in values:
            button = make_chip(NOT_SET if value < 0 else str(value), self,
                               f"rating_{spec.name}_{'none' if value < 0 else value}")
            button.setAccessibleName(f"{spec.label}: {'not rated' if value < 0 else value}")
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance("00") + 14)
            self.group.addButton(button, value)
            layout.addWidget(button)
        layout.addStretch(1)
        self.group.idClicked.connect(lambda _id: self.changed.emit())
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(spec.label)

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return None if checked < 0 else checked

    def set_value(self, value: Any) -> None:
        button = self.group.button(_NOT_RATED if value is None else int(value))
        if button is not None:
            button.setChecked(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        ids = sorted(self.group.id(b) for b in self.group.buttons())
        current = ids.index(self.group.checkedId()) if self.group.checkedId() in ids else 0
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Down):
            target = ids[max(0, current - 1)]
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            target = ids[min(len(ids) - 1, current + 1)]
        elif event.text().isdigit() and int(event.text()) in ids:
            target = int(event.text())
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and _NOT_RATED in ids:
            target = _NOT_RATED
        else:
            super().keyPressEvent(event)
            return
        if target != self.group.checkedId():
            self.set_value(None if target < 0 else target)
            self.changed.emit()


class ChoiceField(FieldWidget):
    def __init__(self, spec: ChoiceSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.setObjectName(f"choice_{spec.name}")
        self.combo.setAccessibleName(spec.label)
        if spec.optional:
            self.combo.addItem(NOT_SET, None)
        for choice in spec.choices:
            self.combo.addItem(choice.label, choice.value)
        self.combo.activated.connect(lambda _i: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        self.setFocusProxy(self.combo)

    def value(self) -> str | None:
        data = self.combo.currentData()
        return None if data is None else str(data)

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(None if value is None else str(value))
        self.combo.setCurrentIndex(max(0, index))


class TextField(FieldWidget):
    def __init__(self, spec: TextSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit: QLineEdit | QPlainTextEdit
        if spec.multiline:
            self.edit = QPlainTextEdit(self)
            self.edit.setTabChangesFocus(True)
            self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 3 + 14)
            self.edit.textChanged.connect(self.changed)
        else:
            self.edit = QLineEdit(self)
            self.edit.textEdited.connect(lambda _t: self.changed.emit())
        self.edit.setObjectName(f"text_{spec.name}")
        self.edit.setAccessibleName(spec.label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def value(self) -> str:
        return self.edit.toPlainText() if isinstance(self.edit, QPlainTextEdit) else self.edit.text()

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.edit):
            if isinstance(self.edit, QPlainTextEdit):
                self.edit.setPlainText(str(value or ""))
            else:
                self.edit.setText(str(value or ""))

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class NumberField(FieldWidget):
    """An optional whole number: the lowest step shows "—" and means "not given"."""

    def __init__(self, spec: NumberSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spin = QSpinBox(self)
        self.spin.setObjectName(f"number_{spec.name}")
        self.spin.setAccessibleName(spec.label)
        self.spin.setRange(spec.low - 1, spec.high)
        self.spin.setSpecialValueText(NOT_SET)
        self.spin.setSuffix(spec.suffix)
        self.spin.valueChanged.connect(lambda _v: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.spin)
        layout.addStretch(1)
        self.setFocusProxy(self.spin)

    def value(self) -> int | None:
        return None if self.spin.value() < self.spin.minimum() + 1 else self.spin.value()

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.spin):
            self.spin.setValue(self.spin.minimum() if value is None else int(value))


class CheckField(FieldWidget):
    def __init__(self, spec: CheckSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox(spec.label, self)
        self.box.setObjectName(f"check_{spec.name}")
        self.box.clicked.connect(lambda _c: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        self.setFocusProxy(self.box)

    def value(self) -> bool:
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))


def make_field(spec: FieldSpec, parent: QWidget | None = None) -> FieldWidget:
    match spec:
        case ChipsSpec():
            return ChipsField(spec, parent)
        case RatingSpec():
            return RatingField(spec, parent)
        case ChoiceSpec():
            return ChoiceField(spec, parent)
        case TextSpec():
            return TextField(spec, parent)
        case NumberSpec():
            return NumberField(spec, parent)
        case CheckSpec():
            return CheckField(spec, parent)
