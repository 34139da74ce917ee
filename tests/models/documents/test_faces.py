"""The faces documents print with, read back from the PDF with pdffonts and pdfinfo."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.documents.fontconvert import is_converted
from models.documents.fonts import (
    FANGSONG,
    HEITI,
    KAITI,
    SONGTI,
    XIAOBIAOSONG,
    load_fonts,
    rare_only,
)
from models.documents.render import render
from tests.models.documents import pdftools
from tests.models.documents.conftest import ISSUED, ISSUER, sample


@pytest.fixture(scope="module")
def notice() -> bytes:
    data = sample("police_notice")
    data["body"] = ("一、总体要求\n\n（一）工作目标\n\n依据GB/T 9704-2012，于2026年4月30日前完成，"
                    "联系电话13812345678。生僻字㐀与䶵照常印出，扩展B区的𠀀与𪚥也一样。\n\n" + data["body"])
    return render("police_notice", data, "滨公(所)提示字〔2026〕3号", ISSUER, ISSUED).pdf


def test_each_role_has_its_own_style_of_face() -> None:
    fonts = load_fonts({})
    names = {role: " ".join(face.families) for role, face in fonts.roles.items()}
    assert "Fang" in names[FANGSONG] or "仿宋" in names[FANGSONG]
    assert "Hei" in names[HEITI] or "黑" in names[HEITI]
    assert "Kai" in names[KAITI] or "楷" in names[KAITI]
    title = fonts.roles[XIAOBIAOSONG]
    assert "小标宋" in names[XIAOBIAOSONG] or ("Song" in names[XIAOBIAOSONG] and title.weight >= 700)
    assert title != fonts.roles[SONGTI]
    for face in fonts.roles.values():
        if face.cff:  # a PostScript-outline face prints from its converted TrueType copy
            assert is_converted(face.path, face.index)


def test_the_pdf_embeds_the_role_faces_and_a_proportional_latin_face(notice: bytes) -> None:
    rows = pdftools.fonts(notice)
    assert rows and all(row["emb"] == "yes" for row in rows)
    assert all(row["type"].startswith("TrueType") for row in rows)
    used = {row["name"].split("+")[-1] for row in rows}
    fonts = load_fonts({})
    for role in (FANGSONG, XIAOBIAOSONG, HEITI, KAITI):
        stem = Path(fonts.roles[role].path).stem.replace(" ", "")
        assert any(stem.lower() in name.lower() for name in used), (stem, used)
    assert any("Serif" in name or "Times" in name for name in used), used
    assert not any("Mono" in name or "UMing" in name for name in used), used


def test_rare_characters_come_from_a_serif_face_named_in_the_keywords(notice: bytes) -> None:
    keywords = pdftools.info(notice)["Keywords"]
    assert "仿宋=" in keywords and "西文=" in keywords
    assert "补字=" in keywords
    extra = keywords.split("补字=")[1]
    assert "Serif" in extra or "Song" in extra or "Ming" in extra, keywords
    text = pdftools.text(notice)
    assert all(ch in text for ch in "㐀䶵𠀀𪚥"), text


def test_extension_b_comes_from_a_face_kept_for_the_rarest_characters_only(notice: bytes) -> None:
    fonts = load_fonts({})
    rare = [face for face in fonts.fallbacks[FANGSONG] if rare_only(face)]
    assert rare and all(face.fallback_only for face in rare)
    assert all(face not in fonts.roles.values() for face in rare)
    assert "HanaMin" in pdftools.info(notice)["Keywords"].split("补字=")[1]
    assert fonts.missing("𠀀𪚥") == []
