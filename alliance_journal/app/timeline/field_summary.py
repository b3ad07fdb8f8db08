"""What a card says when an entry has no text yet but its fields are filled.

"(no text yet)" under a transference entry whose figure, status and wish are all there
reads as if nothing was written. The card shows the fields instead, e.g.
"Critic · active · wish: to be approved of".
"""

from __future__ import annotations

from alliance_journal.app.timeline.card_text import SEP, key_fields
from alliance_journal.domain.entries import Entry

#: Short names of the free-text fields, as a card has room for them (in form order).
TEXT_FIELDS: dict[str, str] = {
    "wish": "wish",
    "response_of_other": "expected response",
    "response_of_self": "response of the self",
    "evidence": "evidence",
    "intervention": "intervention",
    "client_response": "client's response",
    "evoked": "evoked by",
    "urge": "pulled to",
    "handled": "handled",
    "behaviour": "behaviour",
    "what_i_said": "I said",
    "consequence": "consequence",
    "reasons": "reasons",
}
NO_TEXT = "(no text yet)"


def fields_summary(entry: Entry) -> str:
    """The key fields, then each filled text field as "name: its first line"."""
    values = entry.fields.model_dump()
    parts = [key_fields(entry)]
    for name, short in TEXT_FIELDS.items():
        text = str(values.get(name) or "").strip()
        if text:
            parts.append(f"{short}: {text.splitlines()[0]}")
    summary = SEP.join(p for p in parts if p)
    return summary[:1].upper() + summary[1:] if summary else ""


def card_line(entry: Entry) -> str:
    """The card's second line: the text's first line, else the fields, else "(no text yet)"."""
    return entry.first_line() or fields_summary(entry) or NO_TEXT
