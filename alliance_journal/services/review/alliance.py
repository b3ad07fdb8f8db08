"""The alliance over time: five ratings, Bordin's bond/tasks/goals, ruptures and repairs.

A rating that was not given is a gap in its line, never a value. The nudges' own
thresholds are handed over as alert lines, so the chart and the nudges agree on what
"low" means; the liking gap is shaded by the liked-not-trusted rule's own condition.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from alliance_journal.domain.entries import AllianceFields, Entry
from alliance_journal.domain.nudges.alliance_rules import liking_outruns, repaired_since
from alliance_journal.domain.nudges.model import NudgeThresholds
from alliance_journal.domain.vocabulary import Repair, Rupture
from alliance_journal.services.review.basis import EntryRef, oldest_first, rating

#: The four directions of trust and respect, and liking (field id, title).
ALLIANCE_RATINGS: tuple[tuple[str, str], ...] = (
    ("client_trusts_me", "Their trust in me"),
    ("client_respects_me", "Their respect for me"),
    ("i_trust_client", "My trust in them"),
    ("i_respect_client", "My respect for them"),
    ("client_likes_me", "Their liking of me"),
)
#: Bordin's working alliance.
WORKING_ALLIANCE: tuple[tuple[str, str], ...] = (("bond", "Bond"), ("tasks", "Tasks"),
                                                  ("goals", "Goals"))


@dataclass(frozen=True, slots=True)
class RatingPoint:
    ref: EntryRef
    value: int | None


@dataclass(frozen=True, slots=True)
class RatingSeries:
    field: str
    title: str
    points: tuple[RatingPoint, ...]

    @property
    def rated(self) -> tuple[RatingPoint, ...]:
        return tuple(p for p in self.points if p.value is not None)


@dataclass(frozen=True, slots=True)
class RuptureMarker:
    ref: EntryRef
    rupture: Rupture
    #: True once this check or a later one records a resolved repair.
    repaired: bool


@dataclass(frozen=True, slots=True)
class RepairMarker:
    ref: EntryRef
    repair: Repair


@dataclass(frozen=True, slots=True)
class LikingGap:
    """Liking above the lower of their trust and respect on one check, by `gap` points.

    `shaded` when the liked-not-trusted nudge's condition holds on this check
    (`NudgeThresholds.liking_gap`), so the chart and the nudge tell one story."""

    ref: EntryRef
    liking: int
    lowest: int
    shaded: bool

    @property
    def gap(self) -> int:
        return self.liking - self.lowest


@dataclass(frozen=True, slots=True)
class AlertLine:
    """A nudge threshold drawn across the chart: at or below `value` the nudge speaks."""

    value: int
    title: str
    rule: str


@dataclass(frozen=True, slots=True)
class AllianceChart:
    checks: tuple[EntryRef, ...]
    ratings: tuple[RatingSeries, ...]
    working: tuple[RatingSeries, ...]
    ruptures: tuple[RuptureMarker, ...]
    repairs: tuple[RepairMarker, ...]
    gaps: tuple[LikingGap, ...]
    alert_lines: tuple[AlertLine, ...]

    @property
    def unrepaired(self) -> tuple[RuptureMarker, ...]:
        return tuple(r for r in self.ruptures if not r.repaired)


def _series(checks: list[tuple[Entry, AllianceFields]],
            names: tuple[tuple[str, str], ...]) -> tuple[RatingSeries, ...]:
    return tuple(
        RatingSeries(name, title, tuple(RatingPoint(EntryRef.of(e), rating(f, name))
                                        for e, f in checks))
        for name, title in names)


def _gap(entry: Entry, fields: AllianceFields, thresholds: NudgeThresholds) -> LikingGap | None:
    liking = rating(fields, "client_likes_me")
    others = [v for v in (rating(fields, "client_trusts_me"), rating(fields, "client_respects_me"))
              if v is not None]
    if liking is None or not others:
        return None
    lowest = min(others)
    return LikingGap(EntryRef.of(entry), liking, lowest, liking_outruns(liking, lowest, thresholds))


def alert_lines(thresholds: NudgeThresholds) -> tuple[AlertLine, ...]:
    return (
        AlertLine(thresholds.low_rating, "trust or respect this low: a nudge", "trust-respect"),
        AlertLine(thresholds.low_working_alliance, "bond, tasks or goals this low: a nudge",
                  "working-alliance"),
    )


def alliance_chart(entries: Iterable[Entry], thresholds: NudgeThresholds) -> AllianceChart:
    checks = [(e, e.fields) for e in oldest_first(entries) if isinstance(e.fields, AllianceFields)]
    ruptures: list[RuptureMarker] = []
    repairs: list[RepairMarker] = []
    for index, (entry, fields) in enumerate(checks):
        if fields.rupture is not Rupture.NONE:
            ruptures.append(RuptureMarker(EntryRef.of(entry), fields.rupture,
                                          repaired_since(checks, index)))
        if fields.repair is not Repair.NONE:
            repairs.append(RepairMarker(EntryRef.of(entry), fields.repair))
    gaps = tuple(g for g in (_gap(e, f, thresholds) for e, f in checks) if g is not None)
    return AllianceChart(
        checks=tuple(EntryRef.of(e) for e, _ in checks),
        ratings=_series(checks, ALLIANCE_RATINGS), working=_series(checks, WORKING_ALLIANCE),
        ruptures=tuple(ruptures), repairs=tuple(repairs), gaps=gaps,
        alert_lines=alert_lines(thresholds))
