"""Forms printed for the room itself: 派警指令单 and 值班表.

``dispatch_order``: ``alert_number``, ``received_at`` (ISO time), ``category``?,
``priority``?, ``address``, ``community``?, ``beat``?, ``caller_name``?, ``caller_phone``?,
``description``, ``officers`` [names], ``dispatched_at`` (ISO time), ``arrive_by``?
(ISO time, not before dispatch), ``dispatcher``?, ``requirements``?.

``duty_rota``: ``title``?, ``rows`` [{date, leader?, command [names], patrol [names],
phone?, note?}] in date order, ``notes``? (值班要求, paragraphs).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Spacer

from models.documents import geometry as g
from models.documents.blocks import chinese_date
from models.documents.fields import Fields
from models.documents.tables import form_table, grid_table
from models.documents.types.base import Context, DocumentType, body_blocks, form_head, plain
from models.errors import Refused
from models.messages import phrase, word

CATEGORIES = {
    "dispute": "纠纷",
    "help": "求助",
    "public_security_case": "治安案件",
    "criminal_case": "刑事案件",
    "disaster_accident": "治安灾害事故",
    "urgent_rescue": "紧急救助",
    "non_police": "非警务事项",
}
WEEKDAYS = "一二三四五六日"


def clock(moment: dt.datetime) -> str:
    """``2026年3月1日 08:30`` in the time's own offset (the station's clock)."""
    return f"{chinese_date(moment.date())} {moment:%H:%M}"


class DispatchOrder(DocumentType):
    name = "dispatch_order"
    label = "派警指令单"
    word = "派"

    def check(self, f: Fields) -> dict[str, Any]:
        category = f.text("category", required=False, limit=40)
        data: dict[str, Any] = {
            "alert_number": f.text("alert_number", limit=40),
            "received_at": f.moment("received_at"),
            "category": CATEGORIES.get(category, category),
            "priority": f.number("priority", required=False, minimum=1),
            "address": f.text("address", limit=200),
            "community": f.text("community", required=False, limit=60),
            "beat": f.text("beat", required=False, limit=60),
            "caller_name": f.text("caller_name", required=False, limit=30),
            "caller_phone": f.text("caller_phone", required=False, limit=30),
            "description": f.text("description", limit=1000),
            "officers": f.texts("officers", items=10, limit=40),
            "dispatched_at": f.moment("dispatched_at"),
            "arrive_by": f.moment("arrive_by", required=False),
            "dispatcher": f.text("dispatcher", required=False, limit=30),
            "requirements": f.text("requirements", required=False, limit=500),
        }
        received, sent = data["received_at"], data["dispatched_at"]
        try:
            if sent < received:
                raise Refused(phrase("documents.dispatched_before_received"), field="dispatched_at")
            if data["arrive_by"] is not None and data["arrive_by"] < sent:
                raise Refused(phrase("documents.arrive_by_before_dispatched"), field="arrive_by")
        except TypeError:
            raise Refused(phrase("documents.mixed_offsets"), field="dispatched_at") \
                from None
        return data

    def subject(self, data: dict[str, Any]) -> str:
        return f"警情{data['alert_number']}派警"

    def story(self, data: dict[str, Any], ctx: Context) -> list[Flowable]:
        fonts = ctx.fonts
        caller = " ".join(x for x in (data["caller_name"], data["caller_phone"]) if x)
        place = data["address"]
        if data["community"]:
            place = f"{data['community']} {place}"
        rows = [
            ("警情编号", data["alert_number"]),
            ("接警时间", clock(data["received_at"])),
            ("警情类别", data["category"] or "—"),
            ("紧急程度", f"{int(data['priority'])}级" if data["priority"] else "—"),
            ("发生地点", place),
            ("所属警务区", data["beat"] or "—"),
            ("报警人", caller or "—"),
            ("简要警情", data["description"]),
            ("出警民警", "、".join(data["officers"])),
            ("派警时间", clock(data["dispatched_at"])),
            ("到达时限", clock(data["arrive_by"]) if data["arrive_by"] else "—"),
            ("处警要求", data["requirements"] or "迅速到达现场，依法妥善处置，及时反馈处置情况。"),
            ("指令人", data["dispatcher"] or "—"),
        ]
        feedback = [("到达现场时间", ""), ("处置情况", "\n\n\n"), ("处警民警签名", "")]
        return [*form_head(ctx, self.label), Spacer(1, g.LINE / 2),
                form_table(rows, fonts, size=12),
                KeepTogether([plain("处警反馈", fonts, role="heiti", space_before=0.5),
                              form_table(feedback, fonts, size=12)])]


class DutyRota(DocumentType):
    name = "duty_rota"
    label = "值班表"
    word = "值"

    def check(self, f: Fields) -> dict[str, Any]:
        rows: list[dict[str, Any]] = []
        for row in f.records("rows", items=62):
            rows.append({
                "date": row.date("date"),
                "leader": row.text("leader", required=False, limit=30),
                "command": row.texts("command", required=False, items=6, limit=30),
                "patrol": row.texts("patrol", required=False, items=12, limit=30),
                "phone": row.text("phone", required=False, limit=30),
                "note": row.text("note", required=False, limit=60),
            })
        for i in range(1, len(rows)):
            if rows[i]["date"] < rows[i - 1]["date"]:
                raise Refused(word("doc_field.days_out_of_order"), field="rows", row=i)
        return {
            "title": f.text("title", required=False, limit=60),
            "rows": rows,
            "notes": f.text("notes", required=False, limit=1500),
        }

    def subject(self, data: dict[str, Any]) -> str:
        if data["title"]:
            return str(data["title"])
        first, last = data["rows"][0]["date"], data["rows"][-1]["date"]
        return f"{chinese_date(first)}至{chinese_date(last)}值班表"

    def story(self, data: dict[str, Any], ctx: Context) -> list[Flowable]:
        fonts = ctx.fonts
        header = ["日期", "星期", "带班领导", "指挥室值班", "巡逻备勤", "联系电话", "备注"]
        rows = [[f"{r['date'].month}月{r['date'].day}日", WEEKDAYS[r["date"].weekday()],
                 r["leader"], "、".join(r["command"]), "、".join(r["patrol"]), r["phone"],
                 r["note"]] for r in data["rows"]]
        table = grid_table(header, rows, [1.2, 0.8, 1.2, 1.8, 2.4, 2.0, 1.2], fonts,
                           ["center", "center", "center", "left", "left", "center", "left"],
                           size=11)
        story: list[Flowable] = [*form_head(ctx, self.subject(data)), Spacer(1, g.LINE / 2),
                                 table]
        if data["notes"]:
            story.append(plain("值班要求", fonts, role="heiti", space_before=0.5))
            story += body_blocks(data["notes"], fonts)
        return story
