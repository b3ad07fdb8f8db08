"""Alliance, countertransference and container models: markers, gaps, months, attendance."""

from __future__ import annotations

from datetime import date

from alliance_journal.domain.clients import Client, Frequency
from alliance_journal.domain.entries import (
    AllianceFields,
    ContainerFields,
    CountertransferenceFields,
    SessionFields,
)
from alliance_journal.domain.nudges.model import NudgeThresholds
from alliance_journal.domain.vocabulary import ContainerEvent, FeelingFactor, Repair, Rupture
from alliance_journal.services.review.alliance import alliance_chart
from alliance_journal.services.review.basis import DateRange, months_between
from alliance_journal.services.review.container import attendance, container_chart
from alliance_journal.services.review.countertransference import (
    OWN_WORDS,
    countertransference_chart,
)
from tests.services.review.builders import CLIENT, TODAY, day, entry


def _check(days_ago: int, **ratings: object):
    return entry(AllianceFields(**ratings), days_ago)  # type: ignore[arg-type]


def test_rupture_markers_know_whether_a_later_check_repaired_them() -> None:
    entries = [
        _check(100, rupture=Rupture.WITHDRAWAL),
        _check(90, repair=Repair.ATTEMPTED),
        _check(80, repair=Repair.RESOLVED),
        _check(40, rupture=Rupture.CONFRONTATION, repair=Repair.ATTEMPTED),
        _check(20),
    ]
    chart = alliance_chart(entries, NudgeThresholds())
    assert [(m.rupture, m.repaired) for m in chart.ruptures] == [
        (Rupture.WITHDRAWAL, True), (Rupture.CONFRONTATION, False)]
    assert [(m.ref.day, m.repair) for m in chart.repairs] == [
        (day(90), Repair.ATTEMPTED), (day(80), Repair.RESOLVED), (day(40), Repair.ATTEMPTED)]
    assert [m.ref.day for m in chart.unrepaired] == [day(40)]


def test_no_rupture_no_marker() -> None:
    chart = alliance_chart([_check(10), _check(5)], NudgeThresholds())
    assert chart.ruptures == () and chart.repairs == () and len(chart.checks) == 2


def test_liking_gap_is_shaded_only_above_two_points() -> None:
    entries = [_check(30, client_likes_me=5, client_trusts_me=2, client_respects_me=4),
               _check(20, client_likes_me=5, client_trusts_me=3, client_respects_me=4),
               _check(10, client_likes_me=2, client_trusts_me=4, client_respects_me=4)]
    gaps = alliance_chart(entries, NudgeThresholds()).gaps
    assert [(g.gap, g.shaded) for g in gaps] == [(3, True), (2, False), (-2, False)]


def test_alert_lines_are_the_nudges_own_thresholds() -> None:
    thresholds = NudgeThresholds(low_rating=1, low_working_alliance=3)
    lines = alliance_chart([_check(1)], thresholds).alert_lines
    assert {(line.rule, line.value) for line in lines} == {("trust-respect", 1),
                                                           ("working-alliance", 3)}


def test_not_rated_is_a_gap_never_a_number() -> None:
    rated = {"client_trusts_me": 3, "client_respects_me": 3, "client_likes_me": 3}
    entries = [_check(30, bond=4, **rated), _check(20, **rated), _check(10, bond=2, **rated),
               _check(5)]  # the last check rates nothing at all
    chart = alliance_chart(entries, NudgeThresholds())
    bond = next(s for s in chart.working if s.field == "bond")
    assert [p.value for p in bond.points] == [4, None, 2, None]
    assert [p.value for p in bond.rated] == [4, 2]
    trust = next(s for s in chart.ratings if s.field == "client_trusts_me")
    assert [p.value for p in trust.points] == [3, 3, 3, None]
    assert len(chart.gaps) == 3  # no gap is made up for the unrated check


def _ct(days_ago: int, feelings: list[str], intensity: int | None = 3, evoked: str = "",
        urge: str = ""):
    fields = CountertransferenceFields(feelings=feelings, evoked=evoked, urge=urge,
                                       intensity=intensity)
    return entry(fields, days_ago)


def test_countertransference_by_factor_per_month_with_empty_months_kept() -> None:
    entries = [
        _ct(120, ["Bored", "sleepy"]),             # disengaged once, not twice
        _ct(118, ["helpless", "warm"]),
        _ct(30, ["a strange stillness"], intensity=None, evoked="my grandmother", urge="to hurry"),
    ]
    chart = countertransference_chart(entries)
    months = [m.month for m in chart.months]
    assert months == months_between(day(120), day(30))
    first = chart.months[0]
    assert first.count(FeelingFactor.DISENGAGED.value) == 1
    assert first.count(FeelingFactor.HELPLESS.value) == 1
    assert chart.months[-1].count(OWN_WORDS) == 1
    assert any(m.total == 0 for m in chart.months)
    assert [p.value for p in chart.intensity] == [3, 3, None]
    assert [(e.evoked, e.urge) for e in chart.evoked] == [("my grandmother", "to hurry")]


def test_container_events_per_month_minutes_late_and_addressed() -> None:
    client = Client(id=CLIENT, code="C-1", started_on=day(200))
    entries = [
        entry(ContainerFields(event=ContainerEvent.LATE_ARRIVAL, minutes_late=15), 60),
        entry(ContainerFields(event=ContainerEvent.LATE_ARRIVAL, minutes_late=25,
                              addressed=True), 53),
        entry(ContainerFields(event=ContainerEvent.NO_SHOW), 46),
    ]
    chart = container_chart(client, entries, DateRange(), TODAY)
    assert sum(m.total for m in chart.months) == 3
    assert [(m.minutes_late, m.addressed) for m in chart.late] == [(15, False), (25, True)]
    assert [m.event for m in chart.events if not m.addressed] == [ContainerEvent.LATE_ARRIVAL,
                                                                  ContainerEvent.NO_SHOW]


def test_attendance_against_the_contract_within_the_works_own_span() -> None:
    client = Client(id=CLIENT, code="C-1", started_on=day(55), frequency=Frequency.WEEKLY)
    sessions = [entry(SessionFields(), n) for n in range(0, 56, 14)]  # 4 sessions in 8 weeks
    found = attendance(client, sessions, DateRange(), TODAY)
    assert found is not None and found.days == 56 and found.expected == 8
    assert (found.recorded, found.percent) == (4, 50)
    ranged = attendance(client, sessions, DateRange(day(27), TODAY), TODAY)
    assert ranged is not None and (ranged.recorded, ranged.expected, ranged.percent) == (2, 4, 50)


def test_irregular_contract_has_no_percentage_and_a_range_before_the_work_has_no_attendance() -> None:
    client = Client(id=CLIENT, code="C-1", started_on=day(30), frequency=Frequency.IRREGULAR)
    found = attendance(client, [entry(SessionFields(), 3)], DateRange(), TODAY)
    assert found is not None and found.recorded == 1 and found.percent is None
    before = DateRange(date(2020, 1, 1), date(2020, 2, 1))
    assert attendance(client, [], before, TODAY) is None
