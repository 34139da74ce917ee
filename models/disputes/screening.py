"""The weekly screening meeting's list (矛盾纠纷排查, seed 003 §5(3); Art. 74–76): every
dispute still open on the day, late ones marked, grouped by beat.

It is a working sheet of the document engine (:mod:`models.documents.sheet`): the same
fonts, the same checks on every character, the same table as the duty rota. The sheet
is a station document, so it is said in Chinese unless asked otherwise.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from itertools import groupby
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from models.accounts import audit
from models.accounts.actor import WRITERS, Actor
from models.disputes.views import list_disputes
from models.documents.layout import Rendered
from models.documents.sheet import SheetPart, printable_width, render_sheet
from models.errors import Refused
from models.messages import phrase, say, word
from models.station.clock import station_today

COLUMNS = ("number", "beat", "summary", "parties", "risk", "body", "deadline", "state",
           "follow_ups", "remark")
# mm, before the summary column takes what the landscape page has left
_FIXED = {"number": 10.0, "beat": 34.0, "parties": 34.0, "risk": 12.0, "body": 28.0,
          "deadline": 22.0, "state": 16.0, "follow_ups": 34.0, "remark": 36.0}
_ALIGN = {"number": "center", "risk": "center", "deadline": "center", "state": "center",
          "follow_ups": "center"}


def _row(number: int, d: dict[str, Any], first: bool, today: dt.date, language: str) -> list[str]:
    late_days = (today - dt.date.fromisoformat(d["deadline"])).days
    remark = []
    if d["late"]:
        remark.append(say(phrase("screening.late_by", days=late_days), language))
    if d["criminal_risk"]:
        remark.append(say(word("screening.criminal_risk"), language))
    if d["calls"] > 1:
        remark.append(say(phrase("screening.calls", calls=d["calls"]), language))
    visits = (say(phrase("screening.follow_ups", count=d["follow_ups"], last=d["last_follow_up"]),
                  language) if d["follow_ups"] else say(word("screening.no_follow_up"), language))
    return [str(number), f"{d['beat']} {d['beat_name']}" if first else "", d["summary"],
            say(word("list.separator"), language).join(d["parties"]),
            say(word(f"risk.{d['risk']}"), language), say(word(f"body.{d['body']}"), language),
            d["deadline"], say(word(f"dispute_state.{d['state']}"), language), visits,
            say(word("list.separator"), language).join(remark)]


def screening_part(disputes: list[dict[str, Any]], today: dt.date, language: str) -> SheetPart:
    width = printable_width(True)
    widths = [_FIXED.get(c, 0.0) for c in COLUMNS]
    widths[COLUMNS.index("summary")] = width - sum(widths)
    ordered = sorted(disputes, key=lambda d: (d["beat"], not d["late"], d["deadline"], d["id"]))
    rows: list[list[str]] = []
    shaded: list[tuple[int, int, int]] = []
    for _beat, group in groupby(ordered, key=lambda d: d["beat"]):
        for index, d in enumerate(group):
            if d["late"]:
                shaded.append((len(rows), COLUMNS.index("deadline"), COLUMNS.index("state")))
            rows.append(_row(len(rows) + 1, d, index == 0, today, language))
    late = sum(1 for d in disputes if d["late"])
    beats = len({d["beat"] for d in disputes})
    notes = [say(phrase("screening.totals", count=len(disputes), late=late, beats=beats),
                 language)]
    if not disputes:
        notes = [say(word("screening.none"), language)]
    return SheetPart(
        say(phrase("screening.title", day=today.isoformat()), language),
        [say(word(f"screening.column.{c}"), language) for c in COLUMNS], rows, widths,
        [_ALIGN.get(c, "left") for c in COLUMNS], shaded,
        [*notes, say(word("screening.legend"), language)])


def screening_pdf(
    session: Session, actor: Actor, day: dt.date | None = None, language: str = "zh_CN"
) -> tuple[Rendered, list[dict[str, Any]]]:
    """The sheet for ``day`` (default today) and the disputes on it."""
    actor.require(*WRITERS, action=word("action.printing_screening"))
    day = day or station_today(session, actor.station_id)
    disputes = list_disputes(session, actor, open_only=True, today=day)
    title = say(phrase("screening.title", day=day.isoformat()), language)
    return render_sheet([screening_part(disputes, day, language)], title, landscape=True), disputes


def write_screening(
    session: Session, actor: Actor, out: str | Path, day: dt.date | None = None,
    language: str = "zh_CN",
) -> dict[str, Any]:
    """Write the screening list to ``out``; the print is audited (it names people)."""
    rendered, disputes = screening_pdf(session, actor, day, language)
    path = Path(out)
    try:
        path.write_bytes(rendered.pdf)
    except OSError as exc:
        raise Refused(phrase("screening.cannot_write", out=str(path),
                             reason=exc.strerror or str(exc)), field="out") from None
    digest = hashlib.sha256(rendered.pdf).hexdigest()
    audit.record(session, actor.name, "dispute.screening", "dispute", "",
                 {"out": path.name, "disputes": len(disputes), "sha256": digest},
                 station_id=actor.station_id)
    return {"out": str(path), "pages": rendered.pages, "disputes": len(disputes),
            "late": sum(1 for d in disputes if d["late"]), "sha256": digest}


def record_print(session: Session, actor: Actor, disputes: int, digest: str) -> None:
    """The window saves or prints a sheet it previewed: audited as the command line's is."""
    audit.record(session, actor.name, "dispute.screening", "dispute", "",
                 {"disputes": disputes, "sha256": digest}, station_id=actor.station_id)
