"""Who is on duty at a given moment.

In working hours of a working day (by the official calendar, make-up weekends
included) every active officer who is not away is on duty. At night and on rest days
only those the duty rota names are (Art. 101: community officers take part in night and
non-working-day standby as the station arranges; the command room keeps its 24-hour
duty). A night belongs to the day it began on: 02:00 on Tuesday is Monday's night
standby. A station that keeps no rota for that day counts everyone, as in the daytime.
"""

from __future__ import annotations

import datetime as dt

from models.workcalendar import WorkCalendar

DAY_STARTS = dt.time(8, 30)
DAY_ENDS = dt.time(17, 30)


def in_working_hours(local: dt.datetime, calendar: WorkCalendar) -> bool:
    """``local`` is on the station's clock."""
    return calendar.is_working_day(local.date()) and DAY_STARTS <= local.time() < DAY_ENDS


def duty_day(local: dt.datetime) -> dt.date:
    """The rota day whose duty covers ``local``: before the day starts, the day before."""
    return local.date() if local.time() >= DAY_STARTS else local.date() - dt.timedelta(days=1)


def rostered_now(
    local: dt.datetime, calendar: WorkCalendar, shifts_on: dict[dt.date, dict[str, str]]
) -> dict[str, str] | None:
    """Officer code → rota post of those on duty at ``local``; None when everyone is
    (working hours, or no rota kept for that duty day). ``shifts_on`` maps a day to the
    posts the rota gives that day."""
    if in_working_hours(local, calendar):
        return None
    return shifts_on.get(duty_day(local)) or None
