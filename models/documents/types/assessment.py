"""考核通报 and the individual 考核表, from the rows ``assess`` produces.

Both take ``period`` (text such as 2026年3月) and ``rows``: [{subject, indicator,
numerator, denominator, value?, target, pass?}] — exactly the objects ``assess`` prints.
``value`` and ``target`` are fractions (0.95) or percentages (95); ``value`` defaults to
numerator/denominator and ``pass`` to value ≥ target.

``assessment_bulletin`` adds optional ``to``, ``summary``, ``notes`` (paragraphs), ``cc``.
``assessment_form`` adds ``officer`` {name, code?, team?, beat?} and optional ``score``,
``grade``, ``comment`` (考核意见), ``reviewer``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from reportlab.platypus import Flowable, Spacer

from models.documents import geometry as g
from models.documents.fields import Fields
from models.documents.tables import bar_chart, form_table, grid_table
from models.documents.text import Style, TextBlock
from models.documents.types.base import (
    Context,
    DocumentType,
    body_blocks,
    form_head,
    letter_story,
    plain,
)
from models.errors import Refused
from models.messages import phrase, word

INDICATORS = {
    "on_time_arrival": "按时到达现场率",
    "victim_follow_up": "被害人回访率",
    "follow_up": "回访率",
    "verification": "涉警人员核查率",
    "task_handling": "任务办理率",
    "dispute_follow_up": "矛盾纠纷回访率",
    "repeat_dispute_flagging": "重复纠纷标注率",
    "reinspection_on_time": "整改复查按时率",
    "reinspection": "整改复查按时率",
    "satisfaction": "服务满意率",
}
MAX_ROWS = 6000


def _fraction(value: float) -> float:
    return value / 100 if value > 1 else value


def read_rows(f: Fields) -> list[dict[str, Any]]:
    rows = []
    for row in f.records("rows", items=MAX_ROWS):
        numerator = row.number("numerator", required=False)
        denominator = row.number("denominator", required=False)
        value = row.number("value", required=False)
        if value is None:
            if not denominator:
                raise Refused(word("doc_field.value_without_denominator"), field=row.name("value"))
            value = (numerator or 0) / denominator
        target = _fraction(row.number("target") or 0)
        value = _fraction(value)
        passed = row.data.get("pass")
        indicator = row.text("indicator", limit=40)
        rows.append({
            "subject": row.text("subject", limit=40),
            "indicator": INDICATORS.get(indicator, indicator),
            "numerator": numerator,
            "denominator": denominator,
            "value": value,
            "target": target,
            "pass": bool(passed) if passed is not None else value >= target,
        })
    return rows


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def _count(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def indicator_table(rows: list[dict[str, Any]], ctx: Context, with_subject: bool) -> Flowable:
    header = ["考核对象", "指标", "完成/应完成", "完成率", "目标", "结果"]
    widths = [1.6, 2.6, 1.5, 1.0, 0.9, 0.9]
    aligns = ["left", "left", "center", "center", "center", "center"]
    body = [[r["subject"], r["indicator"], f"{_count(r['numerator'])}/{_count(r['denominator'])}",
             _pct(r["value"]), _pct(r["target"]), "达标" if r["pass"] else "未达标"]
            for r in rows]
    if not with_subject:
        header, widths, aligns = header[1:], widths[1:], aligns[1:]
        body = [b[1:] for b in body]
    return grid_table(header, body, widths, ctx.fonts, aligns, size=11)


def indicator_chart(rows: list[dict[str, Any]], ctx: Context, title: str) -> Flowable:
    """Mean value per indicator against its target, in percent."""
    values: dict[str, list[float]] = defaultdict(list)
    targets: dict[str, float] = {}
    for r in rows:
        values[r["indicator"]].append(r["value"])
        targets[r["indicator"]] = r["target"]
    names = list(values)[:10]
    means = [round(sum(values[n]) / len(values[n]) * 100, 1) for n in names]
    return bar_chart(title, names, [("完成率", means), ("目标", [targets[n] * 100 for n in names])],
                     ctx.fonts, "rows", value_format="%.1f")


class AssessmentBulletin(DocumentType):
    name = "assessment_bulletin"
    label = "考核通报"
    word = "考通"

    def check(self, f: Fields) -> dict[str, Any]:
        return {
            "period": f.text("period", limit=40),
            "rows": read_rows(f),
            "to": f.text("to", required=False, limit=200, default="所属各队、室"),
            "summary": f.text("summary", required=False, limit=2000),
            "notes": f.text("notes", required=False, limit=4000),
            "cc": f.texts("cc", required=False, items=20, limit=40),
        }

    def subject(self, data: dict[str, Any]) -> str:
        return f"关于{data['period']}社区警务工作考核情况的通报"

    def story(self, data: dict[str, Any], ctx: Context) -> list[Flowable]:
        fonts = ctx.fonts
        rows = data["rows"]
        subjects = list(dict.fromkeys(r["subject"] for r in rows))
        passed = sum(1 for r in rows if r["pass"])
        failing = [r for r in rows if not r["pass"]]
        body: list[Flowable] = [
            TextBlock(data["summary"] or f"现将{data['period']}社区警务工作考核情况通报如下。",
                      fonts),
            TextBlock("一、总体情况", fonts, Style(role="heiti")),
            TextBlock(f"本期共考核{len(subjects)}个对象、{len(rows)}项指标，达标{passed}项，"
                      f"未达标{len(failing)}项，达标率{_pct(passed / len(rows))}。", fonts),
            indicator_chart(rows, ctx, "各项指标平均完成率与目标（%）"),
            TextBlock("二、指标完成情况", fonts, Style(role="heiti")),
            indicator_table(rows, ctx, with_subject=True),
        ]
        if failing:
            body.append(TextBlock("三、未达标项目", fonts, Style(role="heiti")))
            body += [TextBlock(f"{i}.{r['subject']}：{r['indicator']}{_pct(r['value'])}，"
                               f"低于目标{_pct(r['target'])}。", fonts)
                     for i, r in enumerate(failing[:200], 1)]
            if len(failing) > 200:
                body.append(TextBlock(f"另有{len(failing) - 200}项未达标，详见上表。", fonts))
        if data["notes"]:
            body += body_blocks(data["notes"], fonts)
        return letter_story(ctx, self.subject(data), data["to"], body, None, data["cc"])


class AssessmentForm(DocumentType):
    name = "assessment_form"
    label = "考核表"
    word = "考评"

    def check(self, f: Fields) -> dict[str, Any]:
        officer = f.data.get("officer")
        if not isinstance(officer, dict):
            raise Refused(phrase("documents.officer_required"), field="officer")
        o = Fields(officer, f.fonts, "officer.")
        return {
            "officer": {"name": o.text("name", limit=30), "code": o.text("code", False, 20),
                        "team": o.text("team", False, 40), "beat": o.text("beat", False, 40)},
            "period": f.text("period", limit=40),
            "rows": read_rows(f),
            "score": f.number("score", required=False),
            "grade": f.text("grade", required=False, limit=10),
            "comment": f.text("comment", required=False, limit=800),
            "reviewer": f.text("reviewer", required=False, limit=30),
        }

    def subject(self, data: dict[str, Any]) -> str:
        return f"{data['officer']['name']}{data['period']}考核表"

    def story(self, data: dict[str, Any], ctx: Context) -> list[Flowable]:
        fonts = ctx.fonts
        o = data["officer"]
        rows = data["rows"]
        passed = sum(1 for r in rows if r["pass"])
        info = form_table([
            ("姓名", f"{o['name']}" + (f"（警号 {o['code']}）" if o["code"] else "")),
            ("所在单位", " ".join(x for x in (o["team"], o["beat"]) if x) or "—"),
            ("考核期间", data["period"]),
            ("指标达标", f"{passed}/{len(rows)}项"),
            ("考核得分", "—" if data["score"] is None else f"{data['score']:g}"),
            ("考核等次", data["grade"] or "—"),
        ], fonts)
        story: list[Flowable] = [*form_head(ctx, f"{data['period']}个人{self.label}"),
                                 Spacer(1, g.LINE / 2), info,
                                 plain("指标完成情况", fonts, role="heiti", space_before=0.5),
                                 indicator_table(rows, ctx, with_subject=False)]
        story += [Spacer(1, g.LINE / 2), form_table([
            ("考核意见", data["comment"] or "\n\n"),
            ("考核人", (data["reviewer"] or "") + "　　　　年　　月　　日"),
            ("本人签字", "　　　　　　　　　　年　　月　　日"),
        ], fonts)]
        return story
