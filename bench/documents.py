"""Document engine benchmark: font loading, one notice, a 100-page assessment bundle.

    python bench/documents.py        (writes bench-results/documents.json)

Targets: one notice with the fonts already loaded ≤ 150 ms; a 100-page assessment
bundle ≤ 5 s. Font loading is measured on its own, cold, in this fresh process (the
PostScript-outline faces already converted, as ``scripts/ensure-system.sh`` leaves them).
The floor, in the same run: the notice's characters drawn line by line onto the same
number of pages in the same faces with no layout at all — what reportlab alone costs.
"""

from __future__ import annotations

import datetime as dt
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.settings import resolve  # noqa: E402
from models.documents import station_fonts  # noqa: E402
from models.documents.fonts import ROLES, load_fonts  # noqa: E402
from models.documents.render import render  # noqa: E402
from models.documents.types import Issuer  # noqa: E402

_CONFIG = resolve()  # COMMAND_ROOM_FONTS and the Windows font folders, as the program reads them
station_fonts.configure(_CONFIG.font_overrides, _CONFIG.windows_font_dirs)
SAMPLES = ROOT / "resources" / "documents"
ISSUER = Issuer(organ="临江市公安局滨河派出所", prefix="滨公(所)")
ON = dt.date(2026, 4, 2)
INDICATORS = ["on_time_arrival", "victim_follow_up", "verification", "task_handling",
              "dispute_follow_up", "repeat_dispute_flagging", "reinspection_on_time",
              "satisfaction"]


def sample(name: str) -> dict:
    data: dict = json.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def font_loading() -> float:
    start = time.perf_counter()
    fonts = load_fonts()
    for role in ROLES:
        fonts.font_name(role)  # loads and registers each face
        fonts.font_for("A", role)  # and the Latin face beside it
    return time.perf_counter() - start


def title_dictionary() -> float:
    """First title shaped in this process: jieba and the curated dictionary loaded."""
    from models.documents.titles import shape

    start = time.perf_counter()
    shape("关于做好电信网络诈骗高发时段预警防范工作的预警建议", 20)
    return time.perf_counter() - start


def notice_floor(runs: int = 30) -> list[float]:
    import io

    from reportlab.pdfgen.canvas import Canvas

    from models.documents.fonts import FANGSONG

    data = sample("rectification_notice")
    done = render("rectification_notice", data, "滨公(所)责改字〔2026〕1号", ISSUER, ON)
    text = "".join(str(v) for v in data.values())
    fonts = load_fonts()
    name = fonts.font_name(FANGSONG)
    lines = [text[i:i + 28] for i in range(0, len(text), 28)]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        canvas = Canvas(io.BytesIO(), initialFontName=name)
        for page in range(done.pages):
            for row, line in enumerate(lines[page * 22:(page + 1) * 22]):
                canvas.setFont(name, 16)
                canvas.drawString(80, 760 - row * 29, line)
            canvas.showPage()
        canvas.save()
        times.append(time.perf_counter() - start)
    return times


def one_notice(runs: int = 30) -> list[float]:
    data = sample("rectification_notice")
    times = []
    for i in range(runs):
        start = time.perf_counter()
        render("rectification_notice", data, f"滨公(所)责改字〔2026〕{i + 1}号", ISSUER, ON)
        times.append(time.perf_counter() - start)
    return times


def bundle_rows(officers: int) -> list[dict]:
    rows = []
    for n in range(officers):
        for k, name in enumerate(INDICATORS):
            denominator = 20 + (n * 7 + k * 3) % 80
            numerator = denominator - (n + k) % 6
            rows.append({"subject": f"社区民警{n + 1:03d}", "indicator": name,
                         "numerator": numerator, "denominator": denominator,
                         "target": 0.9 if name == "satisfaction" else 0.95})
    return rows


def bundle() -> tuple[int, float, int]:
    data = {"period": "2026年第一季度", "rows": bundle_rows(330)}
    start = time.perf_counter()
    done = render("assessment_bulletin", data, "滨公(所)考通字〔2026〕1号", ISSUER, ON)
    return done.pages, time.perf_counter() - start, len(data["rows"])


def issue_on_sqlite(runs: int = 10) -> list[float]:
    """Number + draw + register + audit, end to end, on an SQLite file."""
    from models.accounts import users
    from models.accounts.actor import Actor
    from models.accounts.records import Role
    from models.demo import generate as demo
    from models.documents import service
    from models.storage import db

    with tempfile.TemporaryDirectory() as tmp:
        engine = db.make_engine(f"sqlite:///{tmp}/bench.sqlite")
        db.upgrade(engine)
        with db.session_scope(engine) as session:
            users.create_user(session, None, "admin", "bench2026pass", "admin")
            demo.generate(session, "admin", "small", 7, ON)
        with db.session_scope(engine) as session:
            actor, _ = users.authenticate(session, "admin", "bench2026pass")
        assert actor is not None
        who = Actor(actor.name, Role.ADMIN, actor.station_id)
        data = sample("rectification_notice")
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            with db.session_scope(engine) as session:
                service.issue(session, who, "rectification_notice", data, on=ON)
            times.append(time.perf_counter() - start)
        engine.dispose()
    return times


def main() -> None:
    fonts_s = font_loading()
    titles_s = title_dictionary()
    notice = one_notice()
    floor = notice_floor()
    pages, bundle_s, rows = bundle()
    issued = issue_on_sqlite()
    result = {
        "date": dt.date.today().isoformat(),
        "machine": f"{platform.machine()} {platform.processor() or ''} "
                   f"python {platform.python_version()}".strip(),
        "fonts": load_fonts().report(),
        "font_loading_ms": round(fonts_s * 1000, 1),
        "title_dictionary_ms": round(titles_s * 1000, 1),
        "notice_ms": {"median": round(statistics.median(notice) * 1000, 1),
                      "p95": round(sorted(notice)[int(len(notice) * 0.95) - 1] * 1000, 1),
                      "first": round(notice[0] * 1000, 1), "runs": len(notice),
                      "target": 150,
                      "floor_median": round(statistics.median(floor) * 1000, 1)},
        "bundle": {"pages": pages, "rows": rows, "seconds": round(bundle_s, 2), "target": 5.0},
        "issue_sqlite_ms": {"median": round(statistics.median(issued) * 1000, 1),
                            "runs": len(issued)},
    }
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "documents.json").write_text(json.dumps(result, ensure_ascii=False, indent=1),
                                        encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
