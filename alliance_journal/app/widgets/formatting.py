"""Dates and times as the user's locale writes them (stored times are UTC)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime, QTimeZone

#: Day, short month name, year: unambiguous in every locale, month names translated.
DATE_FORMAT = "d MMM yyyy"


def to_qdatetime(value: datetime) -> QDateTime:
    """An aware datetime as a local-time QDateTime."""
    local = value.astimezone()
    return QDateTime(QDate(local.year, local.month, local.day),
                     QTime(local.hour, local.minute, local.second), QTimeZone.systemTimeZone())


def from_qdatetime(value: QDateTime) -> datetime:
    """A QDateTime (local time) as an aware datetime."""
    return datetime.fromtimestamp(value.toSecsSinceEpoch()).astimezone()


def date_text(value: datetime | date) -> str:
    """`12 Mar 2025` in the user's locale, for cards and lists."""
    day = value.astimezone().date() if isinstance(value, datetime) else value
    return QLocale().toString(QDate(day.year, day.month, day.day), DATE_FORMAT)


def short_date_text(value: datetime | date, today: date | None = None) -> str:
    """`12 Mar` this year, `12 Mar 2024` otherwise: for dense lines such as evidence links."""
    day = value.astimezone().date() if isinstance(value, datetime) else value
    if day.year != (today or date.today()).year:
        return date_text(day)
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM")


def datetime_text(value: datetime) -> str:
    """`12 Mar 2025, 14:05`."""
    return f"{date_text(value)}, {time_text(value)}"


def time_text(value: datetime) -> str:
    """`14:05`: the discreet "Saved" indicator needs no date."""
    local = value.astimezone()
    return QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)


def month_title(year: int, month: int) -> str:
    """`March 2025`: the month header rows of a timeline."""
    return f"{QLocale().standaloneMonthName(month, QLocale.FormatType.LongFormat)} {year}"


def short_path(folder: Path) -> str:
    """`~/…` for folders under the home folder: shorter, and the user name stays off screen."""
    try:
        return "~/" + folder.resolve().relative_to(Path.home().resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return str(folder)


def count_text(count: int, singular: str, plural: str | None = None) -> str:
    """`1 client`, `2 clients`, `1 entry`, `3 entries` (plural given when not just + "s")."""
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"
