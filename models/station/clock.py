"""The station's own clock: its time zone, and today's date as the station sees it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from models.station.station import Station
from models.storage.base import utcnow

__all__ = ["CHINA_STANDARD_TIME", "DEFAULT_ZONE", "station_today", "station_zone", "utcnow"]

DEFAULT_ZONE = "Asia/Shanghai"
CHINA_STANDARD_TIME = dt.timezone(dt.timedelta(hours=8), "CST")


def station_zone(station: Station | None) -> dt.tzinfo:
    """The station's zone (a setting, default Asia/Shanghai).

    Where no time-zone database is installed (Windows without tzdata), China's fixed
    offset stands in: mainland China has kept UTC+8 without daylight saving since 1991.
    """
    return zone_named(station.timezone if station is not None else "")


def zone_named(name: str | None) -> dt.tzinfo:
    """The zone of a station's time-zone setting (:func:`station_zone`), from the setting
    alone (an empty one is the default)."""
    name = name or DEFAULT_ZONE
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:
        return CHINA_STANDARD_TIME


def station_today(session: Session, station_id: int, now: dt.datetime | None = None) -> dt.date:
    zone = station_zone(session.get(Station, station_id))
    return (now or dt.datetime.now(dt.UTC)).astimezone(zone).date()


def zone_of(session: Session, station_id: int) -> dt.tzinfo:
    """The zone of station ``station_id`` (the setting, default Asia/Shanghai)."""
    return station_zone(session.get(Station, station_id))


def default_today() -> dt.date:
    """Today in the default station zone, for the moments before a station exists (the
    first start, the demo generator)."""
    return dt.datetime.now(dt.UTC).astimezone(station_zone(None)).date()
