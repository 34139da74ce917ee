"""Bulletins with numbers in them: 警情通报 for residents (Art. 96).

``incident_bulletin``: ``area`` (community or beat), ``period_from``, ``period_to``,
``categories`` [{name, count, previous?}], optional ``to`` (default 辖区广大居民群众),
``title``, ``summary``, ``highlights`` [typical cases], ``tips`` [prevention advice], ``cc``.
The counts are drawn as a bar chart beside the words (this period, and the previous one
when every category has ``previous``).
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

from models.documents.blocks import chinese_date
from models.documents.fields import Fields, not_before
from models.documents.tables import bar_chart
from models.documents.text import Style, TextBlock
from models.documents.types.base import Context, DocumentType, letter_story


def change(now: float, before: float) -> str:
    if before == 0:
        return "上期无此类警情" if now else "与上期持平"
    pct = (now - before) / before * 100
    if abs(pct) < 0.05:
        return "与上期持平"
    return f"环比{'上升' if pct > 0 else '下降'}{abs(pct):.1f}%"


class IncidentBulletin(DocumentType):
    name = "incident_bulletin"
    label = "警情通报"
    word = "通"

    def check(self, f: Fields) -> dict[str, Any]:
        cats = []
        for row in f.records("categories", items=12):
            count = row.number("count")
            previous = row.number("previous", required=False)
            cats.append({"name": row.text("name", limit=12, role="heiti"),
                         "count": int(count or 0),
                         "previous": None if previous is None else int(previous)})
        data: dict[str, Any] = {
            "area": f.text("area", limit=40),
            "period_from": f.date("period_from"),
            "period_to": f.date("period_to"),
            "categories": cats,
            "to": f.text("to", required=False, limit=200, default="辖区广大居民群众"),
            "title": f.text("title", required=False, limit=60, role="xiaobiaosong"),
            "summary": f.text("summary", required=False, limit=1500),
            "highlights": f.texts("highlights", required=False, items=10, limit=300),
            "tips": f.texts("tips", required=False, items=10, limit=300),
            "cc": f.texts("cc", required=False, items=20, limit=40),
            "date": f.maybe_date("date"),  # 成文日期, default the issue date
        }
        not_before(data["period_to"], data["period_from"], "period_to", "period_from")
        return data

    def subject(self, data: dict[str, Any]) -> str:
        if data["title"]:
            return str(data["title"])
        return (f"关于{data['area']}{chinese_date(data['period_from'])}至"
                f"{chinese_date(data['period_to'])}警情情况的通报")

    def story(self, data: dict[str, Any], ctx: Context) -> list[Flowable]:
        fonts = ctx.fonts
        cats = data["categories"]
        total = sum(c["count"] for c in cats)
        period = f"{chinese_date(data['period_from'])}至{chinese_date(data['period_to'])}"
        ranked = sorted(cats, key=lambda c: -c["count"])
        parts = "，".join(f"{c['name']}{c['count']}起" for c in ranked if c["count"])
        overview = f"{period}，{data['area']}共接报各类警情{total}起" + (
            f"，其中{parts}。" if parts else "。")
        with_previous = all(c["previous"] is not None for c in cats)
        if with_previous:
            overview += f"总量{change(total, sum(c['previous'] for c in cats))}。"
        body: list[Flowable] = [
            TextBlock(data["summary"] or
                      "为让广大居民群众及时了解辖区治安状况，增强安全防范意识，现将近期警情通报如下。",
                      fonts),
            TextBlock("一、警情概况", fonts, Style(role="heiti")),
            TextBlock(overview, fonts),
        ]
        series = [("本期", [c["count"] for c in cats])]
        if with_previous:
            series.append(("上期", [c["previous"] for c in cats]))
        body.append(bar_chart(f"{data['area']}警情分类统计（起）", [c["name"] for c in cats],
                              series, fonts, "categories"))
        section = 2
        numerals = "一二三四"
        if data["highlights"]:
            body.append(TextBlock(f"{numerals[section - 1]}、典型警情", fonts,
                                  Style(role="heiti")))
            body += [TextBlock(f"{i}.{h}", fonts) for i, h in enumerate(data["highlights"], 1)]
            section += 1
        if data["tips"]:
            body.append(TextBlock(f"{numerals[section - 1]}、防范提示", fonts,
                                  Style(role="heiti")))
            body += [TextBlock(f"{i}.{t}", fonts) for i, t in enumerate(data["tips"], 1)]
        body.append(TextBlock("如遇紧急情况，请立即拨打110报警。", fonts))
        return letter_story(ctx, self.subject(data), data["to"], body, None, data["cc"],
                            data["date"])
