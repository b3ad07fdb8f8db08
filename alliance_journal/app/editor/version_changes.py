"""What changed between two versions of an entry, field by field, in the form's words.

The history list would otherwise show only the first line of the text, and a changed
rating, figure or status would be invisible. Labels come from the form specs
(`field_specs.FORMS`), so the history speaks like the editor; "not rated" is a state,
never a number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from alliance_journal.app.editor.field_specs import FORMS, ChipsSpec, ChoiceSpec, FieldSpec, RatingSpec
from alliance_journal.domain.entries import Entry
from alliance_journal.domain.vocabulary import label

NOT_SET = "not rated"
EMPTY = "empty"


@dataclass(frozen=True, slots=True)
class Change:
    label: str
    before: str
    after: str


def _value_text(spec: FieldSpec | None, value: Any) -> str:
    if value is None:
        return NOT_SET if isinstance(spec, RatingSpec) or spec is None else "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(spec, ChoiceSpec):
        for choice in spec.choices:
            if choice.value == str(value):
                return choice.label
    if isinstance(value, list):
        if isinstance(spec, ChipsSpec):
            names = {c.value: c.label for _title, group in spec.groups for c in group}
            value = [names.get(str(v), str(v)) for v in value]
        return ", ".join(str(v) for v in value) or EMPTY
    if hasattr(value, "value") and isinstance(value.value, str):
        return label(value)
    text = str(value).strip()
    if not text:
        return EMPTY
    return text if len(text) <= 40 else text[:39].rstrip() + "…"


def field_changes(older: Entry, newer: Entry) -> list[Change]:
    """Every field, tag or text change from `older` to `newer`, in form order."""
    changes: list[Change] = []
    if older.kind != newer.kind:
        return [Change("Kind", older.kind.value, newer.kind.value)]
    before = older.fields.model_dump()
    after = newer.fields.model_dump()
    specs = {spec.name: spec for spec in FORMS.get(newer.kind, ())}
    names = [name for name in specs if name in before or name in after]
    names += [name for name in after if name not in specs and name != "kind"]
    for name in names:
        if before.get(name) != after.get(name):
            spec = specs.get(name)
            title = spec.label if spec is not None else name.replace("_", " ").capitalize()
            changes.append(Change(title, _value_text(spec, before.get(name)),
                                  _value_text(spec, after.get(name))))
    if older.tags != newer.tags:
        changes.append(Change("Tags", ", ".join(older.tags) or EMPTY, ", ".join(newer.tags) or EMPTY))
    if older.occurred_at != newer.occurred_at:
        changes.append(Change("Date", older.occurred_at.strftime("%d %b %Y %H:%M"),
                              newer.occurred_at.strftime("%d %b %Y %H:%M")))
    if older.body != newer.body:
        changes.append(Change("Text", "", ""))
    return changes


def summary(changes: list[Change]) -> str:
    """One line for a history row, e.g. "Status: emerging → active · Text"."""
    if not changes:
        return "No change"
    return " · ".join(c.label if c.label == "Text" else f"{c.label}: {c.before} → {c.after}"
                      for c in changes)
