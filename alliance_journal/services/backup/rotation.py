"""Which automatic backups to keep: the last 10, one a day for 30 days, one a month for 12.

A pure function of the backup times and "now", so it is tested with tables of dates.
Days and months are calendar days and months in `now`'s time zone (the user's local
time in the app); within each day or month the newest backup is the one kept, as in
restic's and borg's `--keep-daily/--keep-monthly`. The three rules are a union: a
backup kept by any of them stays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta


@dataclass(frozen=True, slots=True)
class RotationPolicy:
    last: int = 10
    daily_days: int = 30
    monthly_months: int = 12


def _month_number(moment: datetime) -> int:
    return moment.year * 12 + moment.month - 1


def backups_to_keep(created: Sequence[datetime], now: datetime,
                    policy: RotationPolicy = RotationPolicy()) -> set[int]:
    """Indices into `created` (aware datetimes) of the backups to keep."""
    if now.tzinfo is None or any(moment.tzinfo is None for moment in created):
        raise ValueError("rotation needs time-zone-aware datetimes")
    newest_first = sorted(range(len(created)), key=lambda i: created[i], reverse=True)
    keep = set(newest_first[: policy.last])
    today = now.date()
    first_day = today - timedelta(days=policy.daily_days - 1)
    this_month = _month_number(now)
    first_month = this_month - policy.monthly_months + 1
    days_seen: set[date] = set()
    months_seen: set[int] = set()
    for index in newest_first:
        local = created[index].astimezone(now.tzinfo)
        day, month = local.date(), _month_number(local)
        if first_day <= day <= today and day not in days_seen:
            days_seen.add(day)
            keep.add(index)
        if first_month <= month <= this_month and month not in months_seen:
            months_seen.add(month)
            keep.add(index)
    return keep
