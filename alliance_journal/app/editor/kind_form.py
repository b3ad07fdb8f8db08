"""The form of one entry kind, built from its specs in `field_specs.FORMS`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from alliance_journal.app.editor.field_specs import FORMS, CheckSpec, ChipsSpec, NumberSpec, TextSpec
from alliance_journal.app.editor.field_widgets import FieldWidget, make_field
from alliance_journal.domain.entries import EntryKind, KindFields

#: A row shown only while another field has one value: field -> (that field, its value).
#: Unlike a `NumberSpec.only_when` field, a hidden row keeps its value (an unused text).
SHOWN_WHEN: dict[str, tuple[str, str]] = {
    "figure_other": ("figure", "other"),
}


class KindForm(QWidget):
    """Fields of one kind: `values()` gives the ids and values the form shows."""

    changed = Signal()

    def __init__(self, kind: EntryKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"form_{kind.value}")
        self.fields: dict[str, FieldWidget] = {}
        #: Fields asked only for some values of another: name -> (that field, its values).
        self._only_when: dict[str, tuple[str, frozenset[str]]] = {}
        layout = self._layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for spec in FORMS[kind]:
            widget = make_field(spec, self)
            widget.changed.connect(self.changed)
            self.fields[spec.name] = widget
            if isinstance(spec, CheckSpec):
                layout.addRow("", widget)  # the check box carries its own label
                continue
            caption = QLabel(spec.label, self)
            caption.setBuddy(widget)
            if isinstance(spec, ChipsSpec) or (isinstance(spec, TextSpec) and spec.multiline):
                layout.addRow(caption)  # long fields take the full width under their label
                layout.addRow(widget)
            else:
                layout.addRow(caption, widget)
            if isinstance(spec, NumberSpec) and spec.only_when is not None:
                self._only_when[spec.name] = spec.only_when
        for controller in {rule[0] for rule in self._only_when.values()}:
            self.fields[controller].changed.connect(self._show_asked)
        self._show_asked()
        for name, (other, _value) in SHOWN_WHEN.items():
            if name in self.fields and other in self.fields:
                self.fields[other].changed.connect(self._show_dependent_rows)
        self._show_dependent_rows()

    def values(self) -> dict[str, Any]:
        """What the form holds; a field not asked (lateness minutes for a no-show) is None."""
        return {name: widget.value() if self.is_asked(name) else None
                for name, widget in self.fields.items()}

    def set_values(self, fields: KindFields) -> None:
        for name, widget in self.fields.items():
            widget.set_value(getattr(fields, name))
        self._show_asked()
        self._show_dependent_rows()

    def is_asked(self, name: str) -> bool:
        """Whether the form asks for `name` now (some fields depend on another's value)."""
        rule = self._only_when.get(name)
        return rule is None or str(self.fields[rule[0]].value()) in rule[1]

    def _show_asked(self) -> None:
        for name in self._only_when:
            self._layout.setRowVisible(self.fields[name], self.is_asked(name))

    def row_shown(self, name: str) -> bool:
        return self._layout.isRowVisible(self.fields[name])

    def _show_dependent_rows(self) -> None:
        for name, (other, value) in SHOWN_WHEN.items():
            if name in self.fields and other in self.fields:
                self._layout.setRowVisible(self.fields[name], self.fields[other].value() == value)

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.fields.values():
            widget.set_read_only(read_only)

    def field(self, name: str) -> FieldWidget:
        return self.fields[name]
