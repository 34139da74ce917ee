"""The handover sheet as a printed station document, through the one PDF stack."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from models.documents.sheet import SheetPart, printable_width, render_sheet
from models.messages import phrase, say, word


def _time(iso: str) -> str:
    return iso[5:16].replace("T", " ")  # 03-02 08:30


def _alerts(title: str, alerts: list[Mapping[str, Any]], language: str,
            width: float) -> SheetPart:
    def left(a: Mapping[str, Any]) -> str:
        if a["minutes_left"] is None:
            return say(word("shift.arrived"), language)
        minutes = int(a["minutes_left"])
        if minutes < 0:
            return say(phrase("shift.minutes_over", minutes=-minutes), language)
        return say(phrase("shift.minutes_left", minutes=minutes), language)

    rows = [[a["number"], say(word(f"category.{a['category']}"), language), a["beat"],
             a["address"], say(word(f"status.{a['status']}"), language), _time(a["deadline"]),
             left(a), a["acting"] or ""] for a in alerts]
    fixed = [34.0, 20.0, 12.0, 0.0, 18.0, 20.0, 18.0, 32.0]
    fixed[3] = width - sum(fixed)
    header = [say(word(f"shift.column.{c}"), language) for c in
              ("number", "category", "beat", "address", "status", "deadline", "left", "acting")]
    return SheetPart(title, header, rows or [["—"] * 8], fixed, new_page=False)


def handover_pdf(view: Mapping[str, Any], language: str = "zh_CN") -> tuple[bytes, int]:
    """The recorded handover as a PDF: what was open, late, waiting; gaps; tasks; notes."""
    sheet = view["sheet"]
    width = printable_width(True)
    title = say(phrase("shift.sheet_title", station=sheet["station"], at=_time(sheet["at"]),
                       by=view["given_by_name"]), language)
    parts = [
        _alerts(title + "\n" + say(phrase("shift.part.open", count=len(sheet["open"])), language),
                sheet["open"], language, width),
        _alerts(say(phrase("shift.part.overdue", count=len(sheet["overdue"])), language),
                sheet["overdue"], language, width),
        _alerts(say(phrase("shift.part.follow_up", count=len(sheet["follow_up"])), language),
                sheet["follow_up"], language, width),
        SheetPart(say(phrase("shift.part.gaps", count=len(sheet["gaps"])), language),
                  [say(word("shift.column.beat"), language), say(word("shift.column.date"), language)],
                  [[g["beat"], g["date"]] for g in sheet["gaps"]] or [["—", "—"]], [30.0, 40.0],
                  new_page=False),
        SheetPart(say(phrase("shift.part.tasks", count=len(sheet["tasks"])), language),
                  [say(word(f"shift.column.{c}"), language)
                   for c in ("task", "beat", "due", "assignee")],
                  [[t["title"].get(language, ""), t["beat"] or "", t["due"], t["assignee"] or ""]
                   for t in sheet["tasks"]] or [["—"] * 4],
                  [width - 90.0, 20.0, 30.0, 40.0],
                  notes=[say(phrase("shift.note", note=view["note"] or "—"), language)]
                  + ([say(phrase("shift.accepted", by=view["accepted_by"],
                                 at=_time(view["accepted_at"])), language)]
                     if view["accepted_by"] else []),
                  new_page=False),
    ]
    rendered = render_sheet(parts, title, landscape=True)
    return rendered.pdf, rendered.pages
