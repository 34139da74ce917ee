"""考核通报 and the individual 考核表, from the rows ``assess`` produces.

Both take ``period`` (text such as 2026年3月) and ``rows``: [{subject, indicator,
numerator, denominator, value, target, pass, unit}] — the objects ``assess`` prints
(``models/documents/assessment_docs.py`` fills them from the period's computed numbers).
With ``unit`` (percent | count | per_10000 | days | score) the value and target are taken as
they stand and a null value is "no data"; a row without it (a file typed by hand) is a
rate whose ``value`` and ``target`` are fractions (0.95) or percentages (95), ``value``
defaulting to numerator/denominator and ``pass`` to value ≥ target.

``assessment_bulletin`` adds optional ``to``, ``summary``, ``notes`` (paragraphs), ``cc``
and ``star`` (the monthly star: [{name, code?, composite?}]); it draws the key
indicators per subject against the target line.
``assessment_form`` adds ``officer`` {name, code?, team?, beat?} and optional ``score``,
``rank``, ``grade``, ``comment`` (考核意见), ``reviewer``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Spacer

from models.documents import geometry as g
from models.documents.fields import Fields
from models.documents.tables import form_table, grid_table, target_bar_chart
from models.documents.text import TextBlock
from models.documents.types.base import (
    Context,
    DocumentType,
    body_blocks,
    form_head,
    heading_block,
    letter_story,
    plain,
)
from models.errors import Refused
from models.messages import catalogue, phrase, word

#: names of codes a --data file may use that the assessment does not (older files)
OLD_NAMES = {
    "follow_up": "回访率",
    "verification": "涉警人员核查率",
    "reinspection": "整改复查按时率",
    "satisfaction": "服务满意率",
}
UNITS = ("percent", "count", "per_10000", "days", "score")
#: the indicators drawn as charts, in this order, when the rows carry them
KEY_INDICATORS = ("on_time_arrival", "task_handling")
MAX_ROWS = 6000
MAX_CHART_SUBJECTS = 80
MANY_SUBJECTS = 12  # more bars than this are sorted and drawn narrow


def indicator_name(code: str) -> str:
    """The Chinese name of an indicator code (documents are printed in Chinese)."""
    if code in OLD_NAMES:
        return OLD_NAMES[code]
    return catalogue("zh_CN").get(f"indicator.{code}", code)


def _percent(value: float) -> float:
    """A rate typed as a fraction (0.95) or a percentage (95), in percent."""
    return value * 100 if value <= 1 else value


def read_rows(f: Fields) -> list[dict[str, Any]]:
    """The rows as ``assess`` prints them. With ``unit`` (what ``assess`` gives) the value
    and the target are taken as they stand, ``value`` null meaning no data; without it a
    row is a rate whose value defaults to numerator/denominator."""
    rows = []
    for row in f.records("rows", items=MAX_ROWS):
        numerator = row.number("numerator", required=False)
        denominator = row.number("denominator", required=False)
        value = row.number("value", required=False, minimum=None)
        target = row.number("target", required=False)
        unit = row.text("unit", required=False, limit=12)
        if unit and unit not in UNITS:
            raise Refused(phrase("input.not_one_of", value=unit, allowed=", ".join(UNITS)),
                          field=row.name("unit"))
        if not unit:
            unit = "percent"
            if value is None:
                if not denominator:
                    raise Refused(word("doc_field.value_without_denominator"),
                                  field=row.name("value"))
                value = (numerator or 0) / denominator
            value = _percent(value)
            target = _percent(target or 0)
        passed = row.peek("pass")
        if passed is None and value is not None and target is not None:
            passed = value <= target if unit in ("count", "per_10000") else value >= target
        code = row.text("indicator", limit=40)
        rows.append({
            "subject": row.text("subject", limit=40),
            "subject_code": row.text("code", required=False, limit=40),  # whose row (``assess``)
            "code": code,
            "indicator": indicator_name(code),
            "unit": unit,
            "numerator": numerator,
            "denominator": denominator,
            "value": value,
            "target": target,
            "pass": None if passed is None else bool(passed),
        })
    return rows


def read_stars(f: Fields) -> list[dict[str, Any]]:
    """The monthly star(s) (月度之星): [{name, code?, composite?}]; ties share the place."""
    return [{"name": s.text("name", limit=30), "code": s.text("code", False, 20),
             "composite": s.number("composite", required=False)}
            for s in f.records("star", required=False, items=10)]


def _pct(value: float) -> str:
    return f"{value:.1f}%"


def _count(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def shown(value: float | None, unit: str) -> str:
    """A figure as printed: 96.0% · 12 · 3.20/万人 · 12天 · 88.5分 · 无数据."""
    if value is None:
        return "无数据"
    if unit == "percent":
        return _pct(value)
    if unit == "per_10000":
        return f"{value:.2f}/万人"
    if unit == "days":
        return f"{value:g}天"
    if unit == "score":
        return f"{value:g}分"
    return f"{value:g}"


def _result(passed: bool | None) -> str:
    return "—" if passed is None else ("达标" if passed else "未达标")


def indicator_table(rows: list[dict[str, Any]], ctx: Context, with_subject: bool,
                    size: float = 11.0) -> Flowable:
    header = ["考核对象", "指标", "完成/应完成", "完成率", "目标", "结果"]
    widths = [1.6, 2.6, 1.5, 1.0, 0.9, 0.9]
    aligns = ["left", "left", "center", "center", "center", "center"]
    body = [[r["subject"], r["indicator"],
             f"{_count(r['numerator'])}/{_count(r['denominator'])}"
             if r["unit"] in ("percent", "per_10000") else "—",
             shown(r["value"], r["unit"]),
             "—" if r["target"] is None else shown(r["target"], r["unit"]),
             _result(r["pass"])]
            for r in rows]
    if not with_subject:
        header, widths, aligns = header[1:], widths[1:], aligns[1:]
        body = [b[1:] for b in body]
    return grid_table(header, body, widths, ctx.fonts, aligns, size=size)


def indicator_chart(rows: list[dict[str, Any]], ctx: Context, title: str) -> Flowable:
    """Mean value per rate indicator against its target, in percent."""
    values: dict[str, list[float]] = defaultdict(list)
    targets: dict[str, float | None] = {}
    for r in rows:
        if r["unit"] == "percent" and r["value"] is not None:
            values[r["indicator"]].append(r["value"])
            targets[r["indicator"]] = r["target"]
    names = list(values)[:10]
    means: list[float | None] = [round(sum(values[n]) / len(values[n]), 1) for n in names]
    return target_bar_chart(title, names, means, [targets[n] for n in names], ctx.fonts, "rows")


def subject_charts(rows: list[dict[str, Any]], ctx: Context) -> list[Flowable]:
    """Bars per subject for the key indicators against the target line; with one subject
    (or none of the key indicators) the mean of each indicator against its target."""
    subjects = list(dict.fromkeys(r["subject"] for r in rows))
    by_code: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if r["unit"] == "percent":
            by_code[r["code"]].append(r)
    keys = [c for c in KEY_INDICATORS
            if any(r["value"] is not None for r in by_code.get(c, []))]
    if len(subjects) < 2 or not keys:
        return [indicator_chart(rows, ctx, "各项指标完成率与目标（%）")] if by_code else []
    charts: list[Flowable] = []
    for code in keys:
        chosen = by_code[code]
        title = f"{chosen[0]['indicator']}（%）"
        if len(chosen) > MANY_SUBJECTS:  # many bars: sorted, those with no data named apart
            empty = sum(1 for r in chosen if r["value"] is None)
            chosen = sorted((r for r in chosen if r["value"] is not None),
                            key=lambda r: -float(r["value"]))[:MAX_CHART_SUBJECTS]
            if empty:
                title = f"{chosen[0]['indicator']}（%，另有{empty}个对象无数据）"
        charts.append(target_bar_chart(
            title, [r["subject"] for r in chosen], [r["value"] for r in chosen],
            [r["target"] for r in chosen], ctx.fonts, "rows",
            height=(70 if len(chosen) > MANY_SUBJECTS else 50) * 2.835))
    return charts


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
            "star": read_stars(f),
        }

    def subject(self, data: dict[str, Any]) -> str:
        return f"关于{data['period']}社区警务工作考核情况的通报"

    def story(self, data: dict[str, Any], ctx: Context) -> list[Flowable]:
        fonts = ctx.fonts
        rows = data["rows"]
        subjects = list(dict.fromkeys(r["subject"] for r in rows))
        judged = [r for r in rows if r["pass"] is not None]
        passed = sum(1 for r in judged if r["pass"])
        failing = [r for r in judged if not r["pass"]]
        empty = sum(1 for r in rows if r["value"] is None)
        overall = (f"本期共考核{len(subjects)}个对象、{len(rows)}项指标，达标{passed}项，"
                   f"未达标{len(failing)}项")
        if judged:
            overall += f"，达标率{_pct(passed / len(judged) * 100)}"
        if empty:
            overall += f"；{empty}项本期无数据，不作评判"
        headings = iter("一二三四五六七八九")
        body: list[Flowable] = [
            TextBlock(data["summary"] or f"现将{data['period']}社区警务工作考核情况通报如下。",
                      fonts),
            heading_block(f"{next(headings)}、总体情况", fonts),
            TextBlock(overall + "。", fonts),
            *subject_charts(rows, ctx),
        ]
        if data["star"]:
            names = "、".join(
                s["name"] + (f"（警号{s['code']}）" if s["code"] else "")
                + ("" if s["composite"] is None else f"，综合得分{s['composite']:g}")
                for s in data["star"])
            body += [heading_block(f"{next(headings)}、月度之星", fonts),
                     TextBlock(f"经综合评定，{names}为本月“月度之星”，予以通报表扬。", fonts)]
        body += [heading_block(f"{next(headings)}、指标完成情况", fonts),
                 indicator_table(rows, ctx, with_subject=len(subjects) > 1)]
        if failing:
            heading = heading_block(f"{next(headings)}、未达标项目", fonts)
            items: list[Flowable] = [TextBlock(f"{i}.{r['subject']}：{r['indicator']}"
                               f"{shown(r['value'], r['unit'])}，"
                               f"{'高于' if r['unit'] in ('count', 'per_10000') else '低于'}"
                               f"目标{shown(r['target'], r['unit'])}。", fonts)
                     for i, r in enumerate(failing[:200], 1)]
            body += [heading, *items]
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
        officer = f.peek("officer")
        if not isinstance(officer, dict):
            raise Refused(phrase("documents.officer_required"), field="officer")
        o = f.nest(officer, "officer.")
        return {
            "officer": {"name": o.text("name", limit=30), "code": o.text("code", False, 20),
                        "team": o.text("team", False, 40), "beat": o.text("beat", False, 40)},
            "period": f.text("period", limit=40),
            "rows": read_rows(f),
            "score": f.number("score", required=False),
            "rank": f.text("rank", required=False, limit=40),
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
        judged = [r for r in rows if r["pass"] is not None]
        passed = sum(1 for r in judged if r["pass"])
        size = 14.0 if len(rows) <= 6 else 12.0  # a whole year's rows still on one page
        score = ("—" if data["score"] is None else f"{data['score']:g}") + (
            f"（{data['rank']}）" if data["rank"] else "")
        pairs = [("姓名", f"{o['name']}" + (f"（警号 {o['code']}）" if o["code"] else "")),
                 ("所在单位", " ".join(x for x in (o["team"], o["beat"]) if x) or "—")]
        if size > 12:
            pairs += [("考核期间", data["period"]), ("指标达标", f"{passed}/{len(judged)}项"),
                      ("考核得分", score), ("考核等次", data["grade"] or "—")]
        else:  # a long table: two facts a row, so the form stays on one page
            pairs += [("考核期间", f"{data['period']}　指标达标{passed}/{len(judged)}项"),
                      ("考核得分", f"{score}　等次：{data['grade'] or '—'}")]
        info = form_table(pairs, fonts, size=size)
        story: list[Flowable] = [*form_head(ctx, f"{data['period']}个人{self.label}"),
                                 Spacer(1, g.LINE / 2), info,
                                 plain("指标完成情况", fonts, role="heiti", space_before=0.5),
                                 indicator_table(rows, ctx, with_subject=False,
                                                 size=11.0 if size > 12 else 10.5)]
        story += [Spacer(1, g.LINE / (2 if size > 12 else 8)), KeepTogether(form_table([
            ("考核意见", data["comment"] or "\n\n"),
            ("考核人", (data["reviewer"] or "") + "　　　　年　　月　　日"),
            ("本人签字", "　　　　　　　　　　年　　月　　日"),
        ], fonts, size=size))]
        return story
