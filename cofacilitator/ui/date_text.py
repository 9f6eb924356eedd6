"""How the windows write days and moments: with the month's name, never 01/10/2026.

A date in figures reads differently from country to country, so every date shown names its
month. Moments are stored as naive UTC; they are shown on the viewer's own clock.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo

from PySide6.QtCore import QDate, QLocale

DAY_FORMAT = "ddd d MMM yyyy"
"""Qt's pattern for "Tue 8 Oct 2026", in the locale's own words; date editors show it too."""


def local_moment(moment: datetime, viewer: tzinfo | None = None) -> datetime:
    """A stored (naive UTC) moment on the viewer's clock; None is this computer's zone."""
    return moment.replace(tzinfo=UTC).astimezone(viewer)


def day_text(day: date) -> str:
    """ "Tue 8 Oct 2026" in an English locale; the facilitator's own words for days elsewhere."""
    return QLocale().toString(QDate(day.year, day.month, day.day), DAY_FORMAT)


def moment_day_text(moment: datetime, viewer: tzinfo | None) -> str:
    """The day of a stored moment, as the viewer's calendar has it."""
    return day_text(local_moment(moment, viewer).date())


def moment_text(moment: datetime, viewer: tzinfo | None) -> str:
    """ "Tue 8 Oct 2026, 17:05": a stored moment as the viewer's own clock shows it."""
    local = local_moment(moment, viewer)
    return f"{day_text(local.date())}, {local:%H:%M}"


def short_day_text(day: date, *, year: bool = True) -> str:
    """ "8 Oct 2026", or "8 Oct" where a grid cell has no room for the year."""
    return f"{day.day} {day:%b %Y}" if year else f"{day.day} {day:%b}"
