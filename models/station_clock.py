"""Today as the station sees it: the date in the station's own time zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from models.station import Station


def station_today(session: Session, station_id: int, now: dt.datetime | None = None) -> dt.date:
    station = session.get(Station, station_id)
    name = station.timezone if station is not None else "Asia/Shanghai"
    try:
        zone = ZoneInfo(name)
    except ZoneInfoNotFoundError:
        zone = ZoneInfo("Asia/Shanghai")
    return (now or dt.datetime.now(dt.UTC)).astimezone(zone).date()
