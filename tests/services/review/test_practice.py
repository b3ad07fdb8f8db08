"""My practice across active clients, read from a real vault."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from alliance_journal.domain.clients import Client, ClientStatus, Frequency
from alliance_journal.domain.entries import (
    AllianceFields,
    CountertransferenceFields,
    Entry,
    KindFields,
    SessionFields,
)
from alliance_journal.domain.vocabulary import FeelingFactor, Repair, Rupture
from alliance_journal.services.clients import save_client
from alliance_journal.services.entries import move_to_trash, save_entry
from alliance_journal.services.review.basis import DateRange
from alliance_journal.services.review.practice import practice_overview
from alliance_journal.services.unlock import OpenVault

TODAY = date(2026, 6, 30)


def _add(vault: OpenVault, client: Client, fields: KindFields, days_ago: int) -> Entry:
    when = datetime.combine(TODAY - timedelta(days=days_ago), time(10))
    return save_entry(vault, Entry(client_id=client.id, kind=fields.kind, occurred_at=when,
                                   fields=fields, body="Note."))


def test_practice_heat_strain_ruptures_unchecked_and_attendance(vault: OpenVault) -> None:
    start = TODAY - timedelta(days=200)
    a = save_client(vault, Client(code="A", started_on=start, frequency=Frequency.WEEKLY))
    b = save_client(vault, Client(code="B", started_on=start, frequency=Frequency.FORTNIGHTLY))
    ended = save_client(vault, Client(code="C", started_on=start, status=ClientStatus.ENDED))
    for days_ago in range(84, -1, -7):
        _add(vault, a, SessionFields(), days_ago)
    _add(vault, b, SessionFields(), 30)
    _add(vault, a, CountertransferenceFields(feelings=["resentful", "bored"]), 20)
    _add(vault, a, CountertransferenceFields(feelings=["angry"]), 12)
    old = _add(vault, a, CountertransferenceFields(feelings=["used"]), 150)  # outside 90 days
    trashed = _add(vault, b, CountertransferenceFields(feelings=["used"]), 5)
    move_to_trash(vault, trashed.id)
    _add(vault, ended, CountertransferenceFields(feelings=["used"]), 5)
    _add(vault, a, AllianceFields(rupture=Rupture.CONFRONTATION), 40)
    _add(vault, a, AllianceFields(repair=Repair.RESOLVED), 30)
    open_one = _add(vault, a, AllianceFields(rupture=Rupture.WITHDRAWAL), 10)

    found = practice_overview(vault, DateRange.last_days(TODAY, 90), TODAY)
    assert [c.code for c in found.clients] == ["A", "B"]
    criticized = found.cell(a.id, FeelingFactor.CRITICIZED.value)
    assert criticized is not None and criticized.count == 2
    assert found.cell(a.id, FeelingFactor.DISENGAGED.value).count == 1  # type: ignore[union-attr]
    assert found.cell(b.id, FeelingFactor.CRITICIZED.value) is None
    assert old.id not in {r.entry_id for c in found.heat.values() for r in c.refs}
    assert sum(len(w.refs) for w in found.strain) == 2
    assert all(w.week.weekday() == 0 for w in found.strain)
    assert [(r.client.code, r.ref.entry_id) for r in found.open_ruptures] == [("A", open_one.id)]
    assert [c.code for c in found.unchecked] == ["B"]
    attendance = {c.client.code: c.attendance for c in found.attendance}
    assert attendance["A"] is not None and attendance["A"].recorded == 13
    assert attendance["A"].percent == round(100 * 13 / (4 * 90 / 28))
    assert attendance["B"] is not None and attendance["B"].recorded == 1


def test_practice_on_an_empty_range_is_quiet(vault: OpenVault) -> None:
    save_client(vault, Client(code="A", started_on=TODAY - timedelta(days=10)))
    found = practice_overview(vault, DateRange(date(2020, 1, 1), date(2020, 3, 31)), TODAY)
    assert found.heat == {} and found.open_ruptures == () and found.hottest == 0
    assert [c.code for c in found.unchecked] == ["A"]
    assert found.attendance[0].attendance is None
