"""Both review services take any start and end: the first instant of From and the last of To
are in, the instants just outside are out (the days the report dialog and the tabs' custom
range mean)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import CountertransferenceFields, Entry, TransferenceFields
from alliance_journal.services.clients import save_client
from alliance_journal.services.entries import save_entry
from alliance_journal.services.review.basis import DateRange
from alliance_journal.services.review.overview import relationship_overview
from alliance_journal.services.review.practice import practice_overview
from alliance_journal.services.unlock import OpenVault

TODAY = date(2026, 6, 30)
FROM, TO = date(2026, 1, 1), date(2026, 3, 31)
LAST_INSTANT = time(23, 59, 59, 999000)
INSTANTS = (
    (datetime.combine(FROM - timedelta(days=1), LAST_INSTANT), False),
    (datetime.combine(FROM, time()), True),
    (datetime.combine(TO, LAST_INSTANT), True),
    (datetime.combine(TO + timedelta(days=1), time()), False),
)


def _fill(vault: OpenVault) -> Client:
    client = save_client(vault, Client(code="B-1", started_on=FROM - timedelta(days=60)))
    for when, _inside in INSTANTS:
        at = when.astimezone()
        for fields in (TransferenceFields(), CountertransferenceFields(feelings=["angry"])):
            save_entry(vault, Entry(client_id=client.id, kind=fields.kind, occurred_at=at,
                                    fields=fields, body="Note."))
    return client


def _inside_days() -> list[date]:
    return sorted(when.date() for when, inside in INSTANTS if inside)


def test_relationship_overview_keeps_both_boundary_days(vault: OpenVault) -> None:
    client = _fill(vault)
    found = relationship_overview(vault, client.id, DateRange(FROM, TO), TODAY)
    days = sorted(mark.ref.day for lane in found.lanes for mark in lane.marks)
    assert days == _inside_days() == [FROM, TO]
    assert (found.first_day, found.last_day) == (FROM, TO)
    everything = relationship_overview(vault, client.id, DateRange(), TODAY)
    assert len([m for lane in everything.lanes for m in lane.marks]) == len(INSTANTS)


def test_practice_overview_keeps_both_boundary_days(vault: OpenVault) -> None:
    _fill(vault)
    found = practice_overview(vault, DateRange(FROM, TO), TODAY)
    days = sorted(ref.day for cell in found.heat.values() for ref in cell.refs)
    assert days == [FROM, TO]
    one_day = practice_overview(vault, DateRange(TO, TO), TODAY)
    assert sorted(ref.day for cell in one_day.heat.values() for ref in cell.refs) == [TO]
