"""Headings by role, read back from the PDF's runs of text and their faces (pdftohtml):
a heading phrase in its level's face, a run-in heading's first sentence in that face and
the rest of its paragraph in 仿宋, a numbered sentence all 仿宋."""

from __future__ import annotations

from dataclasses import replace

import pytest

from models.documents.fonts import FANGSONG, HEITI, KAITI, FontSet, load_fonts, register
from models.documents.render import render
from models.documents.types import TYPES, format_number
from models.documents.types.base import heading_role, run_in_heading
from tests.models.documents import pdftools
from tests.models.documents.conftest import ISSUED, ISSUER, sample


def _face(fonts: FontSet, role: str) -> str:
    name = register(fonts.roles[role]).face.name
    name = name.decode() if isinstance(name, bytes) else str(name)
    return name.split("-")[0]  # pdftohtml names the family without its style


@pytest.fixture(scope="module")
def faces() -> dict[str, str]:
    fonts = load_fonts()
    found = {role: _face(fonts, role) for role in (FANGSONG, HEITI, KAITI)}
    if len(set(found.values())) < 3:
        pytest.skip("仿宋, 黑体 and 楷体 are not three faces on this machine")
    return found


def _runs(body: str) -> list[pdftools.Run]:
    number = format_number(ISSUER.prefix, TYPES["police_notice"].word, 2026, 4)
    pdf = render("police_notice", {**sample("police_notice"), "body": body}, number, ISSUER,
                 issued_on=ISSUED).pdf
    return [replace(r, face=r.face.split("-")[0]) for r in pdftools.runs(pdf)]


def _paragraph(runs: list[pdftools.Run], start: str) -> list[pdftools.Run]:
    """The runs from the one starting with ``start`` to the end of that paragraph's text."""
    i = next(k for k, r in enumerate(runs) if r.text.startswith(start))
    out = [runs[i]]
    for r in runs[i + 1:]:
        if r.text.startswith(("（", "一、", "附件", "临江市")) or r.page != runs[i].page:
            break
        out.append(r)
    return out


RUN_IN_2 = "（一）加强巡逻。社区民警每日走访辖区重点单位并做好记录，发现隐患及时整改，确保万无一失。"
RUN_IN_1 = "一、提高认识，压实责任。各单位要落实安全防范责任，层层签订责任书。"
PHRASE = "（二）厨房用火"
SENTENCE = "（三）加强巡逻防控，每日不少于两次。"


def test_the_roles_are_told_by_the_text_not_its_length() -> None:
    assert run_in_heading(RUN_IN_2) == (KAITI, len("（一）加强巡逻。"))
    assert run_in_heading(RUN_IN_1) == (HEITI, len("一、提高认识，压实责任。"))
    assert heading_role(RUN_IN_2) is None and heading_role(RUN_IN_1) is None
    assert heading_role(PHRASE) == KAITI and run_in_heading(PHRASE) is None
    assert heading_role(SENTENCE) is None and run_in_heading(SENTENCE) is None
    assert run_in_heading("1.加强巡逻。每日两次。") is None  # 1. is 仿宋 anyway
    long_first = "（四）" + "社区民警" * 7 + "。其后为正文。"
    assert run_in_heading(long_first) is None  # a first sentence longer than a line


def test_a_run_in_heading_prints_its_first_sentence_in_the_heading_face(
        faces: dict[str, str]) -> None:
    runs = _runs("\n\n".join(["近期气温骤降。", RUN_IN_2, RUN_IN_1, PHRASE,
                              "做饭时人不离灶。", SENTENCE]))
    for text, role, head in ((RUN_IN_2, KAITI, "（一）加强巡逻。"),
                             (RUN_IN_1, HEITI, "一、提高认识，压实责任。")):
        para = _paragraph(runs, head)
        assert para[0].text == head and para[0].face == faces[role], para[0]
        rest = para[1:]
        assert rest and all(r.face == faces[FANGSONG] for r in rest), rest
        assert rest[0].top == para[0].top and rest[0].left > para[0].left  # run into its line
        assert "".join(r.text for r in para) == text  # the whole paragraph, in order
    phrase = _paragraph(runs, PHRASE)
    assert (phrase[0].text, phrase[0].face) == (PHRASE, faces[KAITI])
    assert phrase[1].top > phrase[0].top and phrase[1].face == faces[FANGSONG]  # next line
    sentence = _paragraph(runs, "（三）")
    assert "".join(r.text for r in sentence) == SENTENCE
    assert {r.face for r in sentence} == {faces[FANGSONG]}


def test_a_run_in_paragraph_split_over_a_page_goes_on_in_the_body_face(
        faces: dict[str, str]) -> None:
    tail = "社区民警每日走访辖区重点单位并做好记录，发现隐患及时整改。" * 4
    para = "（一）加强巡逻。" + tail
    sentence = "各单位要落实安全防范责任。"
    for lead in range(30, 330, 9):
        runs = _runs((sentence * 40)[:lead] + "\n\n" + para)
        start = next(k for k, r in enumerate(runs) if r.text == "（一）加强巡逻。")
        after = []
        for r in runs[start + 1:]:
            if r.text.startswith("附件"):  # the paragraph ends before the attachment note
                break
            if r.top < 262 * pdftools.MM:  # not the page number
                after.append(r)
        if runs[start].page == 1 and any(r.page == 2 for r in after):
            break
    else:
        raise AssertionError("the paragraph never went over a page")
    assert runs[start].face == faces[KAITI]
    carried = [r for r in after if r.page == 2 and r.face != faces[FANGSONG]]
    assert not carried, carried  # the lines on the next page are body text
    body = "".join(r.text for r in after)
    assert body.startswith(tail[:20])
