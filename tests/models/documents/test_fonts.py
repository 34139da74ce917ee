"""Font discovery: roles filled by configured, Windows, shipped, then system fonts."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from models.documents.fontfiles import read_faces
from models.documents.fonts import (
    FANGSONG,
    HEITI,
    KAITI,
    ROLES,
    FontSet,
    discover,
    load_fonts,
    parse_configured,
    register,
)
from models.errors import Refused

UKAI = "/usr/share/fonts/truetype/arphic/ukai.ttc"
WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def _cff_font(path: Path) -> Path:
    """A file with the shape of an OpenType font with PostScript (CFF) outlines."""
    body = b"\0" * 8
    head = b"OTTO" + struct.pack(">HHHH", 1, 16, 0, 0)
    record = struct.pack(">4sIII", b"CFF ", 0, 12 + 16, len(body))
    path.write_bytes(head + record + body)
    return path


def test_every_role_gets_a_truetype_chinese_face_from_the_machine() -> None:
    fonts = load_fonts({})
    assert set(fonts.roles) == set(ROLES)
    for face in fonts.roles.values():
        assert face.truetype or face.cff  # PostScript outlines print from a TrueType copy
        assert register(face).face.charToGlyph.get(ord("国"))
    report = fonts.report()
    assert set(report) >= {"仿宋", "小标宋", "黑体", "楷体", "宋体"}
    assert "Kai" in report["楷体"] and "Hei" in report["黑体"]


def test_a_configured_font_wins_and_a_cff_font_is_refused(tmp_path: Path) -> None:
    cff = _cff_font(tmp_path / "fake.otf")
    assert read_faces(cff)[0].truetype is False
    found = discover({FANGSONG: UKAI, HEITI: str(cff)}, windows_dirs=[], shipped_dir=None)
    fonts = FontSet(found)
    assert fonts.roles[FANGSONG].path == UKAI
    assert fonts.roles[HEITI].path != str(cff)
    assert any("not TrueType" in note for note in fonts.notes)


def test_windows_official_fonts_come_before_system_fonts(tmp_path: Path) -> None:
    (tmp_path / "simkai.ttf").symlink_to(WQY)  # stands in for the Windows file
    fonts = FontSet(discover({}, windows_dirs=[tmp_path], shipped_dir=None))
    assert fonts.roles[KAITI].path == str(tmp_path / "simkai.ttf")


def test_environment_setting_is_parsed() -> None:
    assert parse_configured(f"fangsong={UKAI};bogus=/x;heiti=") == {FANGSONG: UKAI}


def test_a_rare_character_missing_from_a_role_font_is_drawn_from_another_font() -> None:
    fonts = load_fonts({})
    heiti = set(register(fonts.roles[HEITI]).face.charToGlyph)
    rare = next(c for c in "㛃䶮㐀䴓" if ord(c) not in heiti and fonts.font_for(c, HEITI))
    chosen = fonts.font_for(rare, HEITI)
    assert chosen is not None and chosen != fonts.font_name(HEITI)
    assert fonts.missing(f"张{rare}", HEITI) == []


def test_a_character_no_font_has_is_refused_with_its_field() -> None:
    fonts = load_fonts({})
    absent = next(c for c in ("\U0002a6d6", "\U0010fffd") if fonts.font_for(c, FANGSONG) is None)
    with pytest.raises(Refused) as err:
        fonts.check(f"王{absent}", "unit")
    assert err.value.field == "unit"
    assert f"U+{ord(absent):04X}" in str(err.value)


def test_preparing_for_documents_registers_every_role_and_the_title_dictionary():
    from reportlab.pdfbase import pdfmetrics

    from models.documents import titles
    from models.documents.fonts import _REGISTERED, prepare_for_documents

    prepare_for_documents()
    fonts = load_fonts()
    for role in ROLES:
        face = fonts.roles[role]
        assert (face.path, face.index) in _REGISTERED
        assert pdfmetrics.getFont(fonts.font_name(role)) is _REGISTERED[(face.path, face.index)]
    assert titles._tokenizer.cache_info().currsize == 1
