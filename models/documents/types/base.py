"""What every document type shares: the issuer, the parts of a page, the type contract."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable, PageBreak

from models.documents.blocks import (
    Imprint,
    RedHead,
    addressee_block,
    number_right,
    signature_blocks,
    title_block,
)
from models.documents.fields import Fields
from models.documents.fonts import FANGSONG, HEITI, KAITI, FontSet
from models.documents.passage import Item, joined, passages
from models.documents.text import Style, TextBlock


@dataclass(frozen=True)
class Issuer:
    """The station as it signs documents (a station setting).

    ``prefix`` starts every document number: ``滨公(所)`` gives ``滨公(所)通字〔2026〕12号``.
    """

    organ: str  # 发文机关全称, e.g. 临江市公安局滨河派出所
    prefix: str  # 机关代字
    mark: str = ""  # 发文机关标志; default: organ + 文件

    @property
    def mark_text(self) -> str:
        return self.mark or f"{self.organ}文件"


def format_number(prefix: str, word: str, year: int, seq: int) -> str:
    """``滨公(所)通字〔2026〕12号``: the year in full inside 〔〕, no 第, no leading zeros."""
    return f"{prefix}{word}字〔{year}〕{seq}号"


@dataclass
class Context:
    fonts: FontSet
    issuer: Issuer
    number: str
    issued_on: dt.date


class DocumentType:
    """One kind of document: its name, number word, checks and page content."""

    name = ""
    label = ""  # the Chinese name, e.g. 责令限期整改通知书
    word = ""  # the 代字 inside its numbers, e.g. 责改

    def check(self, f: Fields) -> dict[str, Any]:
        """The cleaned data; raises Refused naming the field at fault."""
        raise NotImplementedError

    def subject(self, data: dict[str, Any]) -> str:
        return self.label

    def story(self, data: dict[str, Any], ctx: Context) -> list[Flowable]:
        raise NotImplementedError


# GB/T 9704-2012 7.3.3: 结构层次序数依次可以用"一、""（一）""1.""（1）"标注；一般第一层
#用黑体字、第二层用楷体字、第三层和第四层用仿宋体字标注。
_NUMBERING = (
    (re.compile(r"^[一二三四五六七八九十百]+、"), HEITI),
    (re.compile(r"^（[一二三四五六七八九十百]+）"), KAITI),
    (re.compile(r"^\d{1,2}[.．](?!\d)"), FANGSONG),
    (re.compile(r"^（\d{1,2}）"), FANGSONG),
)
HEADING_CHARS = 26  # a heading is a phrase of one line's length (28 less the indent)
_SENTENCE_ENDS = set("。！？；")


def paragraphs(text: str) -> list[str]:
    """Body text split at blank lines; single line breaks inside a paragraph are kept."""
    return [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def heading_role(para: str) -> str | None:
    """The face of a numbered heading, or None for a body paragraph.

    A heading is a 一、（一）1.（1） number followed by a phrase of heading length that
    holds no sentence: a paragraph that goes on after its number with sentences is body
    text, whatever its length, and is set in 仿宋 like the rest.
    """
    if "\n" in para or len(para) > HEADING_CHARS:
        return None
    for pattern, role in _NUMBERING:
        m = pattern.match(para)
        if m:
            phrase = para[m.end():]
            if not phrase or any(ch in _SENTENCE_ENDS for ch in phrase):
                return None
            return role
    return None


def run_in_heading(para: str) -> tuple[str, int] | None:
    """A 一、 or （一） heading run into its paragraph — ``（一）加强巡逻。每日……`` — as the face
    of the heading and its length (the number through the first 。), or None.

    The heading is the first sentence when it is a phrase of heading length (no other
    sentence mark, no line break) and body text follows it; a numbered paragraph that is one
    sentence, or whose first sentence is longer than a line, is body text.
    """
    for pattern, role in _NUMBERING[:2]:  # 1. and （1） are 仿宋 like the body
        m = pattern.match(para)
        if not m:
            continue
        end = para.find("。", m.end()) + 1
        phrase = para[m.end():end - 1]
        if (end <= 0 or not phrase or end > HEADING_CHARS or not para[end:].strip()
                or "\n" in phrase or any(ch in _SENTENCE_ENDS for ch in phrase)):
            return None
        return role, end
    return None


def heading_block(text: str, fonts: FontSet, role: str = HEITI) -> TextBlock:
    """A heading by the data's say-so: indented like the body, kept with what follows."""
    block = TextBlock(text, fonts, Style(role=role))
    block.keepWithNext = 1
    return block


def body_blocks(text: str, fonts: FontSet) -> list[Flowable]:
    """Paragraphs indented two characters; numbered headings in their level's face, a
    run-in heading's first sentence in its level's face and the rest in 仿宋."""
    out: list[Flowable] = []
    for para in paragraphs(text):
        role = heading_role(para)
        if role is not None:
            out.append(heading_block(para, fonts, role))
        elif (run_in := run_in_heading(para)) is not None:
            out.append(TextBlock(para, fonts, Style(lead_role=run_in[0], lead=run_in[1])))
        else:
            out.append(TextBlock(para, fonts))
    return out


def attachment_blocks(names: list[str], fonts: FontSet) -> list[Item]:
    """附件说明: a blank line below the body, two characters in, numbered when several.

    The first note stays on the page where the body ends; the others may go over.
    """
    if not names:
        return []
    if len(names) == 1:
        return [joined(TextBlock(f"附件：{names[0]}", fonts, Style(space_before=1, hanging=5)))]
    out = [joined(TextBlock(f"附件：1.{names[0]}", fonts, Style(space_before=1, hanging=5)))]
    for i, name in enumerate(names[1:], start=2):
        out.append(Item(TextBlock(f"{i}.{name}", fonts, Style(first_indent=5, hanging=6))))
    return out


def closing_items(signature: list[Flowable]) -> list[Item]:
    """The signature lines: with at least two lines of text before them on their page."""
    return [joined(signature[0], lines_before=2), *(joined(f) for f in signature[1:])]


def letter_story(
    ctx: Context,
    title: str,
    to: str,
    body: list[Flowable],
    attachments: list[str] | None = None,
    copies_to: list[str] | None = None,
    date: dt.date | None = None,
) -> list[Flowable]:
    """A 文件格式 document: red head, title, addressee, body, signature, 版记."""
    fonts = ctx.fonts
    story: list[Flowable] = [RedHead(ctx.issuer.mark_text, ctx.number, fonts),
                             title_block(title, fonts, terms=(ctx.issuer.organ,))]
    if to:
        story.append(addressee_block(to, fonts))
    story += passages([*body, *attachment_blocks(attachments or [], fonts),
                       *closing_items(signature_blocks(ctx.issuer.organ,
                                                       date or ctx.issued_on, fonts))])
    story.append(Imprint(fonts, ctx.issuer.organ, ctx.issued_on, copies_to))
    return story


def legal_head(ctx: Context, doc_name: str) -> list[Flowable]:
    """公安法律文书 head: the organ and the document's name in 小标宋, the number right."""
    fonts = ctx.fonts
    organ = ctx.issuer.organ
    return [title_block(organ, fonts, space_after=0, terms=(organ,)),
            title_block(doc_name, fonts, terms=(organ,)),
            number_right(ctx.number, fonts)]


def form_head(ctx: Context, title: str) -> list[Flowable]:
    """A form's head: the title centred, the number right-aligned below it."""
    fonts = ctx.fonts
    organ = ctx.issuer.organ
    return [title_block(organ, fonts, space_after=0, terms=(organ,)),
            title_block(title, fonts, space_after=0, terms=(organ,)),
            number_right(ctx.number, fonts, space_after=0)]


def part_break() -> Flowable:
    return PageBreak()


def plain(text: str, fonts: FontSet, **style: Any) -> TextBlock:
    """A body-size line with no paragraph indent."""
    return TextBlock(text, fonts, Style(**{"first_indent": 0, **style}))
