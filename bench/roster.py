"""Roster benchmark: coverage for a year of a large station, and the month grid opening.

    python bench/roster.py        (writes bench-results/roster.json)

Targets: coverage for 60 beats × 365 days ≤ 200 ms (the pure rule on plain data);
the roster page's month grid for 80 people opens in ≤ 300 ms (database read,
coverage, cells, first paint), measured on an SQLite file. The same coverage read
through the database is reported beside it, without a target.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from models.roster.coverage import AbsenceSpan, PairSpan, Substitution, coverage  # noqa: E402

YEAR = 2026
BEATS = 60
PEOPLE = 80


def plain_year(rng: random.Random) -> tuple[list[str], list[PairSpan], list[AbsenceSpan],
                                            list[Substitution]]:
    beats = [f"B{i + 1:02d}" for i in range(BEATS)]
    officers = [f"P{i:04d}" for i in range(BEATS)]
    start = dt.date(YEAR, 1, 1)
    pairs = [PairSpan(b, officers[i], officers[(i + 1) % BEATS], dt.date(YEAR - 1, 1, 1))
             for i, b in enumerate(beats)]
    pairs += [PairSpan(b, officers[i], officers[(i + 2) % BEATS], dt.date(YEAR, 7, 1))
              for i, b in enumerate(beats[:20])]  # a third of the pairs change mid-year
    absences = []
    for officer in officers:
        for _ in range(14):
            first = start + dt.timedelta(days=rng.randrange(365))
            absences.append(AbsenceSpan(officer, first,
                                        first + dt.timedelta(days=rng.choice((0, 0, 1, 2, 4))),
                                        rng.choice(("leave", "training", "rest_day", "sick"))))
    subs = []
    for _ in range(150):
        day = start + dt.timedelta(days=rng.randrange(365))
        subs.append(Substitution(rng.choice(beats), day, day, rng.choice(officers)))
    return beats, pairs, absences, subs


def bench_coverage(runs: int = 25) -> dict[str, object]:
    beats, pairs, absences, subs = plain_year(random.Random(7))
    times = []
    result: list = []
    for _ in range(runs):
        begin = time.perf_counter()
        result = coverage(beats, pairs, absences, dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31),
                          subs)
        times.append(time.perf_counter() - begin)
    return {"beat_days": len(result), "gaps": sum(1 for c in result if c.gap),
            "median_ms": round(statistics.median(times) * 1000, 1),
            "max_ms": round(max(times) * 1000, 1), "target_ms": 200,
            "pass": statistics.median(times) * 1000 <= 200}


def build_station(url: str) -> None:
    """A fictional station: 60 beats, 80 police, a year of absences, a rota, substitutes."""
    from models.accounts import users
    from models.demo.names import person, place
    from models.roster.calendar_store import load_calendar, seed_calendar
    from models.roster.records import ABPair, Absence, AbsenceKind
    from models.roster.rota import generate_rota, month_bounds, standard_posts
    from models.roster.schedule_records import BeatSubstitution, RotaShift, ShiftSource
    from models.station.people import Officer, OfficerKind
    from models.station.station import Beat, Station, Team, TeamKind
    from models.storage import db

    rng = random.Random(11)
    engine = db.make_engine(url)
    db.upgrade(engine)
    with db.session_scope(engine) as s:
        users.create_user(s, None, "admin", "bench2026pass", "admin")
        seed_calendar(s, "bench")
        station = Station(code="BJ", name="白鹭洲派出所")
        s.add(station)
        s.flush()
        teams = [Team(station_id=station.id, code=f"SQ{i}", name=f"社区警务{i}队",
                      kind=TeamKind.COMMUNITY) for i in range(1, 4)]
        command = Team(station_id=station.id, code="ZH", name="综合指挥室",
                       kind=TeamKind.COMMAND_ROOM)
        s.add_all([*teams, command])
        s.flush()
        used: set[str] = set()
        beats = [Beat(station_id=station.id, code=f"B{i + 1:02d}",
                      name=place(rng, used, False), team_id=teams[i % 3].id, population=5000)
                 for i in range(BEATS)]
        s.add_all(beats)
        s.flush()
        names: set[str] = set()
        people = [Officer(station_id=station.id, code=f"{5000 + i:06d}", name=person(rng, names),
                          kind=OfficerKind.POLICE,
                          team_id=command.id if i >= BEATS + 10 else teams[i % 3].id,
                          home_beat_id=beats[i].id if i < BEATS else None,
                          full_time_community=i < BEATS)
                  for i in range(PEOPLE)]
        s.add_all(people)
        s.flush()
        s.add_all(ABPair(station_id=station.id, beat_id=beats[i].id, a_id=people[i].id,
                         b_id=people[(i + 1) % BEATS].id, valid_from=dt.date(YEAR - 1, 1, 1))
                  for i in range(BEATS))
        absences = []
        for officer in people:
            day = dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randrange(20))
            while day.year == YEAR:
                length = rng.choice((1, 1, 2, 3))
                absences.append(Absence(station_id=station.id, officer_id=officer.id,
                                        kind=rng.choice(list(AbsenceKind)), start_on=day,
                                        end_on=day + dt.timedelta(days=length - 1)))
                day += dt.timedelta(days=length + rng.randrange(10, 40))
        s.add_all(absences)
        s.flush()
        codes = {o.id: o.code for o in people}
        spans = [AbsenceSpan(codes[a.officer_id], a.start_on, a.end_on, a.kind.value)
                 for a in absences]
        posts = standard_posts([o.code for o in people[BEATS + 10:]],
                               [o.code for o in people[:BEATS + 10]])
        start, end = month_bounds(YEAR, 3)
        rota = generate_rota(posts, start, end, load_calendar(s), spans)
        ids = {o.code: o.id for o in people}
        s.add_all(RotaShift(station_id=station.id, day=x.day, post=x.post,
                            officer_id=ids[x.officer], source=ShiftSource.GENERATED)
                  for x in rota.shifts)
        for i in range(20):
            day = start + dt.timedelta(days=rng.randrange(31))
            s.add(BeatSubstitution(station_id=station.id, beat_id=beats[i].id,
                                   officer_id=people[BEATS + i % 10].id, start_on=day,
                                   end_on=day))
    engine.dispose()


def bench_database_coverage(url: str, runs: int = 5) -> dict[str, object]:
    from models.roster.coverage_store import coverage_between
    from models.storage import db

    engine = db.make_engine(url)
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        with db.session_scope(engine) as s:
            days = coverage_between(s, 1, dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))
        times.append(time.perf_counter() - begin)
    engine.dispose()
    return {"beat_days": len(days), "median_ms": round(statistics.median(times) * 1000, 1)}


def bench_grid(url: str, runs: int = 7) -> dict[str, object]:
    from PySide6.QtWidgets import QApplication

    from desktop.pages.roster import RosterPage
    from desktop.session import AppSession
    from models.accounts.actor import Actor
    from models.accounts.records import Role
    from models.storage import db
    from widgets.background import settle

    app = QApplication.instance() or QApplication([])
    engine = db.make_engine(url)
    session = AppSession(engine, url, Actor("admin", Role.ADMIN, 1, True))
    times, rows, columns = [], 0, 0
    for _ in range(runs):
        begin = time.perf_counter()
        page = RosterPage(session, today=dt.date(YEAR, 3, 2))
        page.resize(1500, 900)
        page.refresh()
        page.show()
        settle()  # the month is read off the window's thread: time it until it is shown
        app.processEvents()
        times.append(time.perf_counter() - begin)
        rows = page.month_tab.grid.model.rowCount()
        columns = page.month_tab.grid.model.columnCount()
        page.close()
        page.deleteLater()
        app.processEvents()
    engine.dispose()
    median = statistics.median(times[1:])  # the first run also loads fonts and styles
    return {"people": PEOPLE, "rows": rows, "days": columns,
            "first_ms": round(times[0] * 1000, 1), "median_ms": round(median * 1000, 1),
            "target_ms": 300, "pass": median * 1000 <= 300}


def main() -> int:
    results: dict[str, object] = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count()},
        "coverage_60_beats_365_days": bench_coverage(),
    }
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        build_station(url)
        results["coverage_from_sqlite_60_beats_365_days"] = bench_database_coverage(url)
        results["month_grid_80_people"] = bench_grid(url)
    out = ROOT / "bench-results" / "roster.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
