"""The supervision report for one client: what goes in, de-identified before anything else.

Entries are read live (trash never; history never), redacted first when de-identifying,
and only then summarised, so every table, chart and quoted line in the Markdown and in
the PDF comes from the redacted text. The client object the report carries has no name
and no notes when de-identified: a renderer cannot print what it was never given.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind
from alliance_journal.errors import InvalidInputError, NotFoundError, OperationCancelledError
from alliance_journal.services.clients import all_clients, find_client, get_client
from alliance_journal.services.review.basis import DateRange
from alliance_journal.services.review.deidentify import Finding, Redactor
from alliance_journal.services.review.overview import (
    RelationshipOverview,
    build_overview,
    client_entries,
)
from alliance_journal.services.settings import get_setting, set_setting
from alliance_journal.services.unlock import OpenVault

#: Vault-private setting: tags the user marked as identifying (dropped when de-identifying).
IDENTIFYING_TAGS_KEY = "report.identifying_tags"
REPORT_SUFFIXES = (".md", ".pdf")


@dataclass(frozen=True, slots=True)
class ReportRequest:
    client_code: str
    date_range: DateRange
    kinds: tuple[EntryKind, ...] = tuple(EntryKind)
    deidentify: bool = False


@dataclass(frozen=True, slots=True)
class SupervisionReport:
    request: ReportRequest
    #: What the report calls the client: the code, plus the name only when not de-identified.
    client_label: str
    overview: RelationshipOverview
    #: The chosen kinds' entries, oldest first, already redacted when de-identifying.
    entries: tuple[Entry, ...]
    made_on: date

    def has(self, kind: EntryKind) -> bool:
        return kind in self.request.kinds

    @property
    def title(self) -> str:
        return f"Supervision report: {self.client_label}, {self.request.date_range.describe()}"


def identifying_tags(vault: OpenVault) -> frozenset[str]:
    value = get_setting(vault, IDENTIFYING_TAGS_KEY, [])
    return frozenset(str(t) for t in value) if isinstance(value, list) else frozenset()


def set_identifying_tags(vault: OpenVault, tags: Sequence[str]) -> None:
    set_setting(vault, IDENTIFYING_TAGS_KEY, sorted({t.strip().lower() for t in tags if t.strip()}))


def parse_kinds(text: str) -> tuple[EntryKind, ...]:
    """`session,alliance` -> kinds; an unknown id is one clear line."""
    kinds: list[EntryKind] = []
    for word in (w.strip().lower() for w in text.split(",")):
        if not word:
            continue
        try:
            kinds.append(EntryKind(word))
        except ValueError:
            known = ", ".join(k.value for k in EntryKind)
            raise InvalidInputError(f"unknown kind {word!r} (known: {known})") from None
    if not kinds:
        raise InvalidInputError("--kinds needs at least one kind")
    return tuple(dict.fromkeys(kinds))


def parse_day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInputError(f"{option} must be a date as YYYY-MM-DD, not {text!r}") from None


def find_client_by_code(vault: OpenVault, code: str) -> Client:
    """The client with exactly this code (codes differing only in case are different
    clients: a report must never be about the wrong one); unknown is bad input."""
    try:
        return find_client(vault, code)
    except NotFoundError as exc:
        raise InvalidInputError(exc.message) from None


def _public(client: Client, deidentify: bool) -> tuple[Client, str]:
    if deidentify:
        return client.model_copy(update={"name": None, "notes": ""}), client.code
    return client.model_copy(update={"notes": ""}), client.label(show_name=True)


def _redactor(vault: OpenVault, client: Client) -> Redactor:
    """The client's name and notes, and every other client's name, taken out."""
    return Redactor(client, [c for c in all_clients(vault) if c.id != client.id])


def _until_cancelled(entries: Iterable[Entry], cancel: Callable[[], bool]) -> Iterator[Entry]:
    for entry in entries:
        if cancel():
            raise OperationCancelledError("the review was cancelled")
        yield entry


def review_findings(vault: OpenVault, client_id: uuid.UUID, date_range: DateRange,
                    kinds: Sequence[EntryKind],
                    cancel: Callable[[], bool] | None = None) -> list[Finding]:
    """Identifying words in the entries a report would carry: for review before export.

    `cancel` is asked before each entry is scanned (the window starts a newer review
    whenever an option changes, and drops this one)."""
    redactor = _redactor(vault, get_client(vault, client_id))
    entries: Iterable[Entry] = client_entries(vault, client_id, date_range, kinds)
    if cancel is not None:
        entries = _until_cancelled(entries, cancel)
    return redactor.findings(entries)


def build_report(vault: OpenVault, request: ReportRequest, today: date) -> SupervisionReport:
    client = find_client_by_code(vault, request.client_code)
    date_range = request.date_range
    if date_range.start and date_range.end and date_range.end < date_range.start:
        raise InvalidInputError("--to is before --from")
    # Every kind is read so that attendance can count sessions even when they are not listed.
    entries: list[Entry] = client_entries(vault, client.id, date_range)
    if request.deidentify:
        redactor, dropped = _redactor(vault, client), identifying_tags(vault)
        entries = [redactor.entry(e, dropped) for e in entries]
    public, client_label = _public(client, request.deidentify)
    overview = build_overview(public, entries, date_range, today)
    chosen = tuple(e for e in entries if e.kind in request.kinds)
    return SupervisionReport(request, client_label, overview, chosen, today)
