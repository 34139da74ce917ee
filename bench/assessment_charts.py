"""The 考核 page's chart after a filter change, on a station-year of data (writes
bench-results/assessment_charts.json).

    python -m bench.assessment_charts [--runs N]

The page (``desktop/pages/assessment.py``, offscreen) shows November 2026 by officer on a
copy of the station-year database of ``bench/assessment.py``. Each figure is the time from
the change — another indicator picked, or another kind of chart — until the chart holds
the new drawing (the background query answered and the chart drawn): the sorted bars
(drawn from the table's own rows), the trend over six periods, the arrival times, the
status mix. Target: ≤ 100 ms. Beside each time, the processor time the process spent
in it (``cpu_median_ms``: the window's thread and the query's together), which a machine
busy with other work inflates far less than the time on the clock.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = dt.date(2026, 12, 31)
INDICATORS = ("on_time_arrival", "task_handling", "people_verification", "dispute_follow_up")


def measure(url: str, runs: int) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from bench.assessment import PASSWORD
    from desktop.pages.assessment import AssessmentPage
    from desktop.session import AppSession
    from models.accounts import users
    from models.storage import db
    from widgets.background import settle

    app = QApplication.instance() or QApplication([])
    engine = db.make_engine(url)
    with db.session_scope(engine) as s:
        actor, reason = users.authenticate(s, "admin", PASSWORD)
    assert actor is not None, reason
    page = AssessmentPage(AppSession(engine, url, actor), today=TODAY)
    page.resize(1280, 800)
    page.show()
    page.picker.set_text("2026-11")
    assert settle(120_000)
    result: dict[str, Any] = {}
    for kind in ("bars", "trend", "arrivals", "status"):
        page.chart_kind.setCurrentIndex(page.chart_kind.findData(kind))
        assert settle(60_000)
        times, cpu = [], []
        for run in range(runs):
            code = INDICATORS[run % len(INDICATORS)]
            if kind == "arrivals":  # one chart of its own: switch to it from the bars
                page.chart_kind.setCurrentIndex(page.chart_kind.findData("bars"))
                assert settle(60_000)
                start, spent = time.perf_counter(), time.process_time()
                page.chart_kind.setCurrentIndex(page.chart_kind.findData("arrivals"))
            else:
                start, spent = time.perf_counter(), time.process_time()
                page.indicator.setCurrentIndex(page.indicator.findData(code))
            assert settle(60_000)
            app.processEvents()
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - spent)
            assert page.chart.kind == {"bars": "bars", "trend": "line", "arrivals": "histogram",
                                       "status": "bars"}[kind]
        ms = sorted(t * 1000 for t in times)
        result[kind] = {"median_ms": round(statistics.median(ms), 1), "min_ms": round(ms[0], 1),
                        "max_ms": round(ms[-1], 1), "runs": len(ms),
                        "cpu_median_ms": round(statistics.median(c * 1000 for c in cpu), 1)}
    page.close()
    engine.dispose()
    return result


def main() -> int:
    from bench.assessment import cached_database, prepared_copy

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=8)
    args = parser.parse_args()
    source = cached_database()
    result: dict[str, Any] = {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                              "load_average": os.getloadavg()}
    with tempfile.TemporaryDirectory() as folder:
        engine = prepared_copy(source, Path(folder))
        url = engine.url.render_as_string(hide_password=False)
        engine.dispose()
        result["sqlite"] = measure(url, args.runs)
    result["load_average_after"] = os.getloadavg()
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "assessment_charts.json").write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
