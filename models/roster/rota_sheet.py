"""The month's rota as a printed sheet: data from the rota service, layout in
models.documents.rota_layout; printing it is audited."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

from models.accounts import audit
from models.accounts.actor import Actor
from models.documents.rota_layout import PrintCounts, PrintDay, rota_pdf
from models.roster.calendar_store import load_calendar
from models.roster.rota import month_bounds
from models.roster.rota_store import month_view
from models.roster.workcalendar import DayClass
from models.station import directory

# The printed sheet is a station document: its headings are Chinese.
POST_TITLES = {
    "command_24h": "指挥室24小时值班",
    "night_standby": "社区民警夜间备勤",
    "rest_day_standby": "社区民警休息日备勤",
}


def print_month(session: Session, actor: Actor, year: int, month: int, out: Path) -> int:
    """Write the month's rota to ``out``; returns the number of pages."""
    calendar = load_calendar(session)
    view = month_view(session, actor.station_id, year, month, calendar)
    station = directory.station(session, actor)
    start, end = month_bounds(year, month)
    duties: dict[dt.date, dict[str, list[str]]] = {}
    for shift in view["shifts"]:
        day = dt.date.fromisoformat(shift["date"])
        duties.setdefault(day, {}).setdefault(shift["post"], []).append(shift["name"])
    days = []
    day = start
    while day <= end:
        day_class = calendar.day_class(day)
        if day_class is DayClass.HOLIDAY:
            label = calendar.name_of(day) or "休"
        elif day_class is DayClass.WEEKEND:
            label = "休"
        else:
            label = "班" if day.weekday() >= 5 else ""
        days.append(PrintDay(f"{day.month}月{day.day}日", day.weekday(), label,
                             duties.get(day, {})))
        day += dt.timedelta(days=1)
    counts = [PrintCounts(c["name"] or c["officer"], c["total"], c["working"], c["weekend"],
                          c["holiday"]) for c in view["counts"] if c["total"]]
    notes = [f"{y}年尚无法定节假日数据,按双休日排班;请导入当年节假日安排。"
             for y in view["missing_calendar_years"]]
    notes += [f"{u['date']} {POST_TITLES.get(u['post'], u['post'])} 缺{u['needed'] - u['filled']}人"
              for u in view["unfilled"]]
    posts = [(code, POST_TITLES.get(code, code)) for code in view["posts"]]
    pages = rota_pdf(out, f"{station.name} {year}年{month}月 值班备勤表", posts, days, counts,
                     notes)
    audit.record(session, actor.name, "rota.print", "rota", f"{year}-{month:02d}",
                 {"pages": pages, "file": out.name}, station_id=actor.station_id)
    return pages
