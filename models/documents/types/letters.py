"""Letters in 文件格式 to units, departments and staff: 公安提示, 预警建议, 月度之星表彰.

``police_notice`` and ``warning_advice`` take ``to`` (addressee), ``title`` and ``body``
(paragraphs separated by blank lines; 一、 and （一） headings are recognised); optional
``attachments`` (names), ``cc`` (抄送) and ``date`` (成文日期, default the issue date).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.platypus import Flowable

from models.documents.fields import Fields
from models.documents.fonts import XIAOBIAOSONG
from models.documents.text import TextBlock
from models.documents.types.base import (
    Context,
    DocumentType,
    body_blocks,
    heading_block,
    letter_story,
)
from models.errors import Refused
from models.messages import phrase

MAX_BODY = 6000  # about ten pages of 3号 text


class _Letter(DocumentType):
    def check(self, f: Fields) -> dict[str, Any]:
        return {
            "to": f.text("to", limit=200),
            "title": f.text("title", limit=80, role=XIAOBIAOSONG),
            "body": f.text("body", limit=MAX_BODY),
            "attachments": f.texts("attachments", required=False, items=9, limit=60),
            "cc": f.texts("cc", required=False, items=20, limit=40),
            "date": f.maybe_date("date"),
        }

    def subject(self, data: dict[str, Any]) -> str:
        return str(data["title"])

    def story(self, data: dict[str, Any], ctx: Context) -> list[Flowable]:
        return letter_story(ctx, data["title"], data["to"], body_blocks(data["body"], ctx.fonts),
                            data["attachments"], data["cc"], data["date"])


class PoliceNotice(_Letter):
    name = "police_notice"
    label = "公安提示"
    word = "提示"


class WarningAdvice(_Letter):
    name = "warning_advice"
    label = "预警建议"
    word = "预警"


class Commendation(DocumentType):
    """月度之星: ``month`` (YYYY-MM), ``stars`` [{name, team?, category?, deeds}],
    optional ``to``, ``intro``, ``closing``, ``cc``."""

    name = "commendation"
    label = "表彰通报"
    word = "表彰"

    def check(self, f: Fields) -> dict[str, Any]:
        month_text = f.text("month", limit=7)
        try:
            month = dt.date.fromisoformat(month_text + "-01")
        except ValueError:
            raise Refused(phrase("documents.month_not_month"), field="month") from None
        stars = []
        for star in f.records("stars", items=20):
            stars.append({
                "name": star.text("name", limit=20),
                "team": star.text("team", required=False, limit=40),
                "category": star.text("category", required=False, limit=20, default="月度之星"),
                "deeds": star.text("deeds", limit=600),
            })
        return {
            "month": month,
            "stars": stars,
            "to": f.text("to", required=False, limit=200, default="所属各队、室"),
            "intro": f.text("intro", required=False, limit=1000),
            "closing": f.text("closing", required=False, limit=1000),
            "cc": f.texts("cc", required=False, items=20, limit=40),
        }

    def subject(self, data: dict[str, Any]) -> str:
        month: dt.date = data["month"]
        return f"关于表彰{month.year}年{month.month}月“月度之星”的通报"

    def story(self, data: dict[str, Any], ctx: Context) -> list[Flowable]:
        fonts = ctx.fonts
        month: dt.date = data["month"]
        intro = data["intro"] or (
            f"{month.year}年{month.month}月，全所民警、辅警围绕接处警、社区走访、矛盾纠纷化解"
            "等重点工作担当作为，涌现出一批先进典型。经各队、室推荐，所务会研究，"
            f"决定对以下{len(data['stars'])}名同志予以通报表彰。"
        )
        body: list[Flowable] = [TextBlock(intro, fonts)]
        numerals = "一二三四五六七八九十"
        for i, star in enumerate(data["stars"]):
            head = f"{_numeral(i, numerals)}、{star['category']}：{star['team']}{star['name']}"
            body.append(heading_block(head, fonts))
            body.append(TextBlock(star["deeds"], fonts))
        body.append(TextBlock(data["closing"] or (
            "希望受表彰的同志珍惜荣誉、再接再厉，充分发挥示范带头作用。全所民警、辅警要以先进"
            "为榜样，立足岗位、履职尽责，推动社区警务工作再上新台阶。"), fonts))
        return letter_story(ctx, self.subject(data), data["to"], body, None, data["cc"])


def _numeral(i: int, numerals: str) -> str:
    n = i + 1
    if n <= 10:
        return numerals[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else numerals[tens - 1]) + "十" + (numerals[ones - 1] if ones else "")
