"""What an import added (or, in a dry run, would add): the same lines in the terminal
and in the window's preview.

Only counts, dates, client codes and kinds: never note text or client names.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from alliance_journal.domain.entries import KIND_TITLES, EntryKind
from alliance_journal.domain.importers.model import FORMAT_TITLES, ImportFormat

MY_JOURNAL = "My journal"


#: The singular of what the readers count as left out (they name it in the plural).
_ONE = {"photos": "photo", "audio recordings": "audio recording", "videos": "video",
        "PDF attachments": "PDF attachment", "locations": "location",
        "entries with no text (only media)": "entry with no text (only media)",
        "other files": "other file", "empty files": "empty file",
        "front-matter keys not imported": "front-matter key not imported",
        "tags shortened or cleaned": "tag shortened or cleaned"}


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


@dataclass
class ImportSummary:
    """Counts of one import; `written` is False for a dry run or a refused import."""

    format: ImportFormat
    source: str
    by_place: Counter[tuple[str | None, EntryKind]] = field(default_factory=Counter)
    clients_added: int = 0
    already_present: int = 0
    first: datetime | None = None
    last: datetime | None = None
    skipped: Counter[str] = field(default_factory=Counter)
    unknown_clients: Counter[str] = field(default_factory=Counter)
    written: bool = False
    #: The own format's import counts its entries without their places.
    entries_added: int | None = None

    @property
    def entries(self) -> int:
        return self.entries_added if self.entries_added is not None else sum(self.by_place.values())

    def count(self, client_code: str | None, kind: EntryKind, occurred_at: datetime) -> None:
        self.by_place[(client_code, kind)] += 1
        self.first = occurred_at if self.first is None else min(self.first, occurred_at)
        self.last = occurred_at if self.last is None else max(self.last, occurred_at)

    def unknown_clients_message(self) -> str | None:
        if not self.unknown_clients:
            return None
        codes = ", ".join(sorted(self.unknown_clients))
        count = sum(self.unknown_clients.values())
        verb = "names" if count == 1 else "name"
        return (f"{self.source}: {_plural(count, 'entry', 'entries')} {verb} client codes not in "
                f"this vault ({codes}); add those clients first, or change the codes")

    def lines(self) -> list[str]:
        verb = "Imported" if self.written else "Would import"
        head = (f"{verb} {_plural(self.entries, 'entry', 'entries')} from {self.source} "
                f"({FORMAT_TITLES[self.format]})")
        if self.clients_added:
            head += f" and {_plural(self.clients_added, 'client')}"
        out = [head + "."]
        places: dict[str | None, Counter[EntryKind]] = {}
        for (code, kind), count in self.by_place.items():
            places.setdefault(code, Counter())[kind] += count
        for code in sorted(places, key=lambda c: (c is not None, c or "")):
            kinds = ", ".join(_plural(n, f"{_kind(k)} entry", f"{_kind(k)} entries")
                              for k, n in sorted(places[code].items()))
            out.append(f"  {code or MY_JOURNAL}: {kinds}")
        if self.first is not None and self.last is not None:
            out.append(f"  Dates: {_day(self.first)} to {_day(self.last)}")
        if self.already_present:
            out.append(f"  Already in the vault (not added again): {self.already_present:,}")
        if self.skipped:
            left = ", ".join(_plural(n, _ONE.get(what, what), what)
                             for what, n in sorted(self.skipped.items()))
            out.append(f"  Not imported: {left}")
        message = self.unknown_clients_message()
        if message is not None:
            out.append(f"  Problem: {message.split(': ', 1)[1]}")
        return out


def _kind(kind: EntryKind) -> str:
    return KIND_TITLES[kind].lower()


def _day(value: datetime) -> str:
    return value.astimezone().strftime("%Y-%m-%d")
