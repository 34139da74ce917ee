"""Legal documents served on a unit or a person: 责令限期整改通知书, 剥夺政治权利期满通知书.

``rectification_notice``: ``unit``, ``unit_address``?, ``basis``, ``inspected_on``,
``inspectors`` [names], ``violations`` [items], ``deadline`` (not before the inspection),
``reply_to``, ``contact_phone``, ``date``? (成文日期). Printed as the notice served on the
unit, a receipt (回执) the unit returns, and a stub (存根) the station keeps.

``rights_expiry_notice`` (Art. 41(四)): ``name``, ``gender``?, ``birth_date``?, ``address``?,
``crime``?, ``court``, ``judgment``? (判决书字号), ``term``? (e.g. 二年), ``term_start``,
``term_end``, ``to`` [recipients: the person, the employer, the community]; one page per
recipient, same number.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.platypus import Flowable

from models.documents.blocks import addressee_block, chinese_date, signature_blocks
from models.documents.fields import Fields, not_before
from models.documents.passage import passages
from models.documents.tables import form_table
from models.documents.text import TextBlock
from models.documents.types.base import (
    Context,
    DocumentType,
    closing_items,
    legal_head,
    part_break,
    plain,
)
from models.errors import Refused
from models.messages import phrase

_PHONE = re.compile(r"^[0-9０-９+()（）\- 转]{5,30}$")


class RectificationNotice(DocumentType):
    name = "rectification_notice"
    label = "责令限期整改通知书"
    word = "责改"

    def check(self, f: Fields) -> dict[str, Any]:
        data: dict[str, Any] = {
            "unit": f.text("unit", limit=100),
            "unit_address": f.text("unit_address", required=False, limit=200),
            "basis": f.text("basis", limit=300),
            "inspected_on": f.date("inspected_on"),
            "inspectors": f.texts("inspectors", items=10, limit=30),
            "violations": f.texts("violations", items=30, limit=400, total=3000),
            "deadline": f.date("deadline"),
            "reply_to": f.text("reply_to", limit=200),
            "contact_phone": f.text("contact_phone", limit=30),
            "date": f.maybe_date("date"),
        }
        not_before(data["deadline"], data["inspected_on"], "deadline", "inspected_on")
        if data["date"] is not None:
            not_before(data["date"], data["inspected_on"], "date", "inspected_on")
            not_before(data["deadline"], data["date"], "deadline", "date")
        if not _PHONE.match(data["contact_phone"]):
            raise Refused(phrase("documents.contact_phone_not_phone"), field="contact_phone")
        return data

    def subject(self, data: dict[str, Any]) -> str:
        return f"{data['unit']}责令限期整改"

    def story(self, data: dict[str, Any], ctx: Context) -> list[Flowable]:
        fonts = ctx.fonts
        organ = ctx.issuer.organ
        signed = data["date"] or ctx.issued_on
        inspected = chinese_date(data["inspected_on"])
        deadline = chinese_date(data["deadline"])
        where = f"（地址：{data['unit_address']}）" if data["unit_address"] else ""
        story: list[Flowable] = [*legal_head(ctx, self.label),
                                 addressee_block(data["unit"], fonts)]
        story_body: list[Flowable] = [TextBlock(
            f"{inspected}，我所民警{'、'.join(data['inspectors'])}对你单位{where}进行了监督检查，"
            "发现你单位存在下列问题：", fonts)]
        for i, item in enumerate(data["violations"], start=1):
            story_body.append(TextBlock(f"{i}.{item.rstrip('；;。')}；" if i < len(data["violations"])
                                   else f"{i}.{item.rstrip('；;。')}。", fonts))
        order = TextBlock(
            f"根据{data['basis']}的规定，现责令你单位于{deadline}前改正（整改）上述问题。"
            "整改期间，你单位应当采取措施，确保安全。整改完毕后，请将整改情况书面报送"
            f"{data['reply_to']}（联系电话：{data['contact_phone']}）。逾期不改正的，"
            "将依法予以处理。", fonts)
        # the signature never stands alone on a page: two lines of the order go with it
        story += passages([*story_body, order, *closing_items(signature_blocks(organ, signed,
                                                                              fonts))])
        # 回执: returned by the unit
        story += [part_break(), *legal_head(ctx, f"{self.label}（回执）"),
                  addressee_block(organ, fonts),
                  TextBlock(f"你所于{chinese_date(signed)}送达的{ctx.number}《{self.label}》已收悉。"
                            f"我单位将按要求于{deadline}前完成整改，并将整改情况书面报送"
                            f"{data['reply_to']}。", fonts),
                  plain("被检查单位（盖章）：", fonts, space_before=2, indent=12),
                  plain("负责人（签名）：", fonts, indent=12),
                  plain("年　　月　　日", fonts, align="right", right_indent=4)]
        # 存根: kept by the station
        story += [part_break(), *legal_head(ctx, f"{self.label}（存根）"),
                  form_table([
                      ("被检查单位", data["unit"]),
                      ("单位地址", data["unit_address"] or "—"),
                      ("检查日期", inspected),
                      ("检查民警", "、".join(data["inspectors"])),
                      ("存在问题", [f"{i}.{v}" for i, v in
                                    enumerate(data["violations"], start=1)]),
                      ("法律依据", data["basis"]),
                      ("整改期限", f"{deadline}前"),
                      ("回复地址", f"{data['reply_to']}（{data['contact_phone']}）"),
                      ("签发日期", chinese_date(signed)),
                      ("送达人", ""),
                      ("签收人", ""),
                  ], fonts)]
        return story


class RightsExpiryNotice(DocumentType):
    name = "rights_expiry_notice"
    label = "剥夺政治权利执行期满通知书"
    word = "剥权"

    def check(self, f: Fields) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": f.text("name", limit=30),
            "gender": f.text("gender", required=False, limit=2),
            "birth_date": f.maybe_date("birth_date"),
            "address": f.text("address", required=False, limit=200),
            "crime": f.text("crime", required=False, limit=60),
            "court": f.text("court", limit=60),
            "judgment": f.text("judgment", required=False, limit=80),
            "term": f.text("term", required=False, limit=20),
            "term_start": f.date("term_start"),
            "term_end": f.date("term_end"),
            "to": f.texts("to", items=6, limit=80),
            "date": f.maybe_date("date"),
        }
        not_before(data["term_end"], data["term_start"], "term_end", "term_start")
        return data

    def subject(self, data: dict[str, Any]) -> str:
        return f"{data['name']}剥夺政治权利执行期满"

    def story(self, data: dict[str, Any], ctx: Context) -> list[Flowable]:
        fonts = ctx.fonts
        who = [data["name"]]
        if data["gender"]:
            who.append(data["gender"])
        if data["birth_date"]:
            who.append(f"{chinese_date(data['birth_date'])}出生")
        if data["address"]:
            who.append(f"住{data['address']}")
        crime = f"因犯{data['crime']}，" if data["crime"] else ""
        judgment = f"以{data['judgment']}刑事判决" if data["judgment"] else "依法"
        term = f"剥夺政治权利{data['term']}" if data["term"] else "剥夺政治权利"
        facts = (f"{'，'.join(who)}。{crime}经{data['court']}{judgment}，被判处{term}，"
                 f"剥夺政治权利期限自{chinese_date(data['term_start'])}起至"
                 f"{chinese_date(data['term_end'])}止。")
        ruling = (f"依照《中华人民共和国刑事诉讼法》第二百七十条的规定，现通知如下："
                  f"{data['name']}的剥夺政治权利期限已于{chinese_date(data['term_end'])}执行期满，"
                  "依法恢复其政治权利。")
        story: list[Flowable] = []
        for i, recipient in enumerate(data["to"]):
            if i:
                story.append(part_break())
            story += [*legal_head(ctx, self.label), addressee_block(recipient, fonts),
                      *passages([TextBlock(facts, fonts), TextBlock(ruling, fonts),
                                 TextBlock("特此通知。", fonts),
                                 *closing_items(signature_blocks(ctx.issuer.organ,
                                                                 data["date"] or ctx.issued_on,
                                                                 fonts))])]
        return story

