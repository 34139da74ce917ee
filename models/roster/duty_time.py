"""Who is on duty at a given moment.

In working hours of a working day (by the official calendar, make-up weekends
included) every active officer who is not away is on duty. At night and on rest days
only those the duty rota names are (Art. 101: community officers take part in night and
non-working-day standby as the station arranges; the command room keeps its 24-hour
duty). A night belongs to the day it began on: 02:00 on Tuesday is Monday's night
standby. A station that keeps no rota for that day counts everyone, as in the daytime.
The working hours are the station's (08:30–17:30 unless it sets others).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from models.errors import Refused
from models.messages import phrase
from models.roster.workcalendar import WorkCalendar

_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True, slots=True)
class WorkingHours:
    starts: dt.time = dt.time(8, 30)
    ends: dt.time = dt.time(17, 30)

    @classmethod
    def parse(cls, starts: object, ends: object) -> WorkingHours:
        """From "HH:MM" texts; refused, naming the field, when not a time or backwards."""
        first, last = clock(starts, "starts"), clock(ends, "ends")
        if last <= first:
            raise Refused(phrase("input.ends_before_start", end=f"{last:%H:%M}", start=f"{first:%H:%M}"), field="ends")
        return cls(first, last)

    def texts(self) -> tuple[str, str]:
        return f"{self.starts:%H:%M}", f"{self.ends:%H:%M}"


def clock(value: object, field: str) -> dt.time:
    match = _CLOCK.match(str(value or "").strip())
    if match is None:
        raise Refused(phrase("roster.not_time_of_day", value=value), field=field)
    return dt.time(int(match.group(1)), int(match.group(2)))


def in_working_hours(local: dt.datetime, calendar: WorkCalendar,
                     hours: WorkingHours = WorkingHours()) -> bool:
    """``local`` is on the station's clock."""
    return calendar.is_working_day(local.date()) and hours.starts <= local.time() < hours.ends


def duty_day(local: dt.datetime, hours: WorkingHours = WorkingHours()) -> dt.date:
    """The rota day whose duty covers ``local``: before the day starts, the day before."""
    if local.time() >= hours.starts:
        return local.date()
    return local.date() - dt.timedelta(days=1)

