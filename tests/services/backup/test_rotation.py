"""The rotation rule as a table of dates: last 10, one a day for 30 days, one a month for 12."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from alliance_journal.services.backup.rotation import RotationPolicy, backups_to_keep

NOW = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
DEFAULT = RotationPolicy()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def kept(times: list[str], now: datetime = NOW, policy: RotationPolicy = DEFAULT) -> list[str]:
    moments = [at(t) for t in times]
    return sorted(times[i] for i in backups_to_keep(moments, now, policy))


@pytest.mark.parametrize(("times", "expected"), [
    # Nothing to rotate.
    ([], []),
    (["2026-11-27T10:00"], ["2026-11-27T10:00"]),
    # Ten or fewer are all kept, however old.
    ([f"20{10 + i}-01-01T00:00" for i in range(10)], [f"20{10 + i}-01-01T00:00" for i in range(10)]),
    # Twelve on one day: the last ten stay (the newest of the day is among them).
    ([f"2026-11-27T{h:02d}:00" for h in range(12)], [f"2026-11-27T{h:02d}:00" for h in range(2, 12)]),
    # Old ones in the same month: only the newest of that month survives.
    ([f"2026-11-27T{h:02d}:00" for h in range(10)] + ["2025-12-01T08:00", "2025-12-20T08:00"],
     [f"2026-11-27T{h:02d}:00" for h in range(10)] + ["2025-12-20T08:00"]),
    # A month 12 months back is outside the window (Nov 2025 vs. Dec 2025..Nov 2026).
    ([f"2026-11-27T{h:02d}:00" for h in range(10)] + ["2025-11-30T23:00", "2025-12-01T00:00"],
     [f"2026-11-27T{h:02d}:00" for h in range(10)] + ["2025-12-01T00:00"]),
    # Daily window: 30 calendar days including today (Oct 29 .. Nov 27); Oct 28 is outside
    # it, and October's monthly pick is its newest backup, Oct 29.
    ([f"2026-11-27T{h:02d}:00" for h in range(10)] + ["2026-10-29T12:00", "2026-10-28T12:00",
                                                      "2026-10-28T08:00"],
     [f"2026-11-27T{h:02d}:00" for h in range(10)] + ["2026-10-29T12:00"]),
    # Without Oct 29, October's newest (Oct 28 12:00) is the monthly pick.
    ([f"2026-11-27T{h:02d}:00" for h in range(10)] + ["2026-10-28T12:00", "2026-10-28T08:00"],
     [f"2026-11-27T{h:02d}:00" for h in range(10)] + ["2026-10-28T12:00"]),
])
def test_rotation_table(times: list[str], expected: list[str]) -> None:
    assert kept(times) == sorted(expected)


def test_a_daily_backup_for_two_years() -> None:
    """One a day for 730 days: 30 daily, plus the newest of each of the 10 earlier months
    (November's and October's newest are already among the daily ones)."""
    times = [(NOW - timedelta(days=d)).isoformat()[:16] for d in range(730)]
    result = kept(times)
    days = [t for t in result if t >= "2026-10-29"]
    months = [t for t in result if t < "2026-10-29"]
    assert len(days) == 30
    # Newest of each earlier month: Sep 30, Aug 31, ..., Dec 31 2025.
    assert months == sorted(["2026-09-30T14:00", "2026-08-31T14:00",
                             "2026-07-31T14:00", "2026-06-30T14:00", "2026-05-31T14:00",
                             "2026-04-30T14:00", "2026-03-31T14:00", "2026-02-28T14:00",
                             "2026-01-31T14:00", "2025-12-31T14:00"])
    assert len(result) == 40


def test_hourly_backups_for_a_week_keep_one_per_day_beyond_the_last_ten() -> None:
    times = [(NOW - timedelta(hours=h)).isoformat()[:16] for h in range(7 * 24)]
    result = kept(times)
    last_ten = sorted(times, reverse=True)[:10]
    assert set(last_ten) <= set(result)
    older_days = {t[:10] for t in result} - {NOW.date().isoformat()}
    assert len(older_days) == 7  # the other six whole days and the partial first one
    assert len(result) == 10 + 7


def test_unchanged_set_is_stable() -> None:
    """Rotating twice removes nothing more the second time."""
    times = [(NOW - timedelta(hours=7 * h)).isoformat()[:16] for h in range(600)]
    once = kept(times)
    assert kept(once) == once


def test_days_are_calendar_days_in_nows_time_zone() -> None:
    tokyo = timezone(timedelta(hours=9))
    now = datetime(2026, 11, 27, 8, 0, tzinfo=tokyo)  # 2026-11-26T23:00 UTC
    # 20:00 and 22:00 UTC on Nov 26 are Nov 27 in Tokyo; 14:00 UTC is Nov 26 there.
    times = ["2026-11-26T14:00", "2026-11-26T20:00", "2026-11-26T22:00"]
    policy = RotationPolicy(last=0, daily_days=30, monthly_months=0)
    assert kept(times, now, policy) == ["2026-11-26T14:00", "2026-11-26T22:00"]


def test_future_backups_after_a_clock_change_are_kept_by_last_only() -> None:
    times = ["2027-05-01T00:00", "2026-11-27T10:00"]
    assert kept(times, policy=RotationPolicy(last=1)) == ["2026-11-27T10:00", "2027-05-01T00:00"]
    assert kept(times, policy=RotationPolicy(last=0)) == ["2026-11-27T10:00"]


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError):
        backups_to_keep([datetime(2026, 1, 1)], NOW)
