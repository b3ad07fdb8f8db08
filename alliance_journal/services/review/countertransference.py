"""My reactions to one client: TRQ factor per month, intensity, what they evoke in me.

An entry counts once for each factor its feelings belong to; feelings in the therapist's
own words (outside the TRQ lists) count under "own words" rather than being forced into
a factor.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from alliance_journal.domain.entries import CountertransferenceFields, Entry
from alliance_journal.domain.vocabulary import FACTOR_OF_FEELING, FeelingFactor
from alliance_journal.services.review.basis import (
    DateRange,
    EntryRef,
    day_of,
    month_of,
    months_between,
    oldest_first,
    rating,
)

#: The bucket for feelings outside the TRQ lists.
OWN_WORDS = "own words"


@dataclass(frozen=True, slots=True)
class FactorMonth:
    month: date
    #: Entries per factor (a FeelingFactor value, or OWN_WORDS), in `factor_keys()` order.
    refs: dict[str, tuple[EntryRef, ...]]

    def count(self, factor: str) -> int:
        return len(self.refs.get(factor, ()))

    @property
    def total(self) -> int:
        return sum(len(r) for r in self.refs.values())


@dataclass(frozen=True, slots=True)
class Evoked:
    ref: EntryRef
    feelings: tuple[str, ...]
    evoked: str
    urge: str


@dataclass(frozen=True, slots=True)
class IntensityPoint:
    ref: EntryRef
    value: int | None


@dataclass(frozen=True, slots=True)
class CountertransferenceChart:
    months: tuple[FactorMonth, ...]
    intensity: tuple[IntensityPoint, ...]
    evoked: tuple[Evoked, ...]

    @property
    def peak_month(self) -> int:
        return max((m.total for m in self.months), default=0)


def factor_keys() -> tuple[str, ...]:
    """The TRQ factors in the vocabulary's order, then the therapist's own words."""
    return (*(f.value for f in FeelingFactor), OWN_WORDS)


def factors_of(fields: CountertransferenceFields) -> list[str]:
    found = {FACTOR_OF_FEELING[f].value if f in FACTOR_OF_FEELING else OWN_WORDS
             for f in (feeling.casefold() for feeling in fields.feelings)}
    return [key for key in factor_keys() if key in found]


def countertransference_chart(entries: Iterable[Entry],
                              date_range: DateRange | None = None) -> CountertransferenceChart:
    found = [(e, e.fields) for e in oldest_first(entries)
             if isinstance(e.fields, CountertransferenceFields)]
    by_month: dict[date, dict[str, list[EntryRef]]] = {}
    for entry, fields in found:
        month = by_month.setdefault(month_of(day_of(entry)), {})
        for factor in factors_of(fields):
            month.setdefault(factor, []).append(EntryRef.of(entry))
    months: tuple[FactorMonth, ...] = ()
    if found:
        first = date_range.start if date_range and date_range.start else day_of(found[0][0])
        last = date_range.end if date_range and date_range.end else day_of(found[-1][0])
        months = tuple(
            FactorMonth(m, {k: tuple(v) for k, v in by_month.get(m, {}).items()})
            for m in months_between(min(first, day_of(found[0][0])), max(last, day_of(found[-1][0]))))
    return CountertransferenceChart(
        months=months,
        intensity=tuple(IntensityPoint(EntryRef.of(e), rating(f, "intensity")) for e, f in found),
        evoked=tuple(Evoked(EntryRef.of(e), tuple(f.feelings), " ".join(f.evoked.split()),
                            " ".join(f.urge.split()))
                     for e, f in found if f.evoked.strip() or f.urge.strip()))
