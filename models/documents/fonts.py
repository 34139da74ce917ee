"""Which TrueType font prints each typographic role of an official document.

GB/T 9704-2012 names five faces: 仿宋 for the body, 小标宋 for titles and the issuer
mark, 黑体 and 楷体 for the first two heading levels, 宋体 for page numbers. A station
rarely has all of them, so each role is filled in this order:

1. font files the station configured (a mapping, or ``COMMAND_ROOM_FONTS`` — read by the
   program's configuration and passed in through ``station_fonts.configure`` — as
   ``fangsong=/path/a.ttf;heiti=/path/b.ttc#0`` — ``#N`` picks a face in a collection);
2. the Windows official fonts when present (simfang.ttf, simsun.ttc, simhei.ttf, simkai.ttf);
3. fonts shipped in the program's ``resources`` package (``fonts/``);
4. Chinese TrueType fonts installed on the machine (e.g. AR PL UMing/UKai, WenQuanYi).

Only TrueType outlines are accepted, since they are embedded as subsets; PostScript
(CFF) outlines are skipped, and the unembedded CID fonts (STSong-Light) are never used.
A character missing from a role's font is drawn from the next font that has it; a
character that no font has is refused before anything is numbered.
"""

from __future__ import annotations

import functools
import os
import re
import sys
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from models import shipped
from models.documents import station_fonts
from models.documents.fontfiles import Face, read_faces
from models.errors import Refused
from models.messages import phrase

FANGSONG = "fangsong"
XIAOBIAOSONG = "xiaobiaosong"
HEITI = "heiti"
KAITI = "kaiti"
SONGTI = "songti"
ROLES = (FANGSONG, XIAOBIAOSONG, HEITI, KAITI, SONGTI)
ROLE_NAMES = {
    FANGSONG: "仿宋", XIAOBIAOSONG: "小标宋", HEITI: "黑体", KAITI: "楷体", SONGTI: "宋体"
}

ENV_VAR = "COMMAND_ROOM_FONTS"
SHIPPED = "shipped"  # the fonts of the resources package

WINDOWS_FILES = {
    FANGSONG: ("simfang.ttf",),
    XIAOBIAOSONG: ("FZXBSJW.TTF", "方正小标宋简体.ttf"),
    HEITI: ("simhei.ttf",),
    KAITI: ("simkai.ttf",),
    SONGTI: ("simsun.ttc",),
}
# SimSun-ExtB and YaHei: fallbacks for rare characters
WINDOWS_EXTRA = ("simsunb.ttf", "msyh.ttc")

# Family-name keywords, tried in this order (so "FangSong" is not taken for a 宋体).
_CLASS_WORDS = (
    (XIAOBIAOSONG, ("xiaobiaosong", "小标宋", "xbs")),
    (FANGSONG, ("fangsong", "仿宋", "fsong")),
    (KAITI, ("kai", "楷")),
    (HEITI, ("hei", "黑", "gothic", "sans")),
    (SONGTI, ("song", "宋", "ming", "明", "serif")),
)
# The class of face that may stand in for each role, best first.
_STAND_INS = {
    FANGSONG: (FANGSONG, SONGTI, KAITI, HEITI),
    XIAOBIAOSONG: (XIAOBIAOSONG, SONGTI, FANGSONG, HEITI),
    HEITI: (HEITI, SONGTI, FANGSONG, KAITI),
    KAITI: (KAITI, FANGSONG, SONGTI, HEITI),
    SONGTI: (SONGTI, FANGSONG, KAITI, HEITI),
}
_FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")


def face_class(face: Face) -> str | None:
    names = " ".join(face.families).lower()
    for cls, words in _CLASS_WORDS:
        if any(w in names for w in words):
            return cls
    return None


def _mainland_rank(face: Face) -> int:
    """Prefer the simplified-Chinese face of a collection (CN/SC/GB) over TW/HK ones."""
    names = " ".join(face.families)
    if re.search(r"\b(CN|SC|GB|Hans)\b", names) or "简" in names:
        return 0
    if re.search(r"\b(TW|HK|TC|MBE|Hant)\b", names) or "繁" in names:
        return 2
    return 1


def parse_configured(text: str) -> dict[str, str]:
    """``role=path;role=path`` from the environment into a mapping."""
    found: dict[str, str] = {}
    for item in text.split(";"):
        role, sep, path = item.partition("=")
        if sep and role.strip() in ROLES and path.strip():
            found[role.strip()] = path.strip()
    return found


def _split_index(spec: str) -> tuple[str, int | None]:
    path, sep, index = spec.rpartition("#")
    if sep and index.isdigit():
        return path, int(index)
    return spec, None


def default_windows_dirs() -> list[Path]:
    chosen = station_fonts.CHOSEN.windows_dirs
    return list(chosen) if chosen is not None else [Path(r"C:\Windows") / "Fonts"]


def default_system_dirs() -> list[Path]:
    home = Path.home()
    if sys.platform == "darwin":
        return [Path("/Library/Fonts"), Path("/System/Library/Fonts"), home / "Library" / "Fonts"]
    return [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local" / "share" / "fonts",
        home / ".fonts",
    ]


def _font_files(dirs: Iterable[Path]) -> Iterator[Path]:
    for base in dirs:
        if not base.is_dir():
            continue
        for root, _dirs, files in os.walk(base):
            for name in sorted(files):
                if name.lower().endswith(_FONT_SUFFIXES):
                    yield Path(root) / name


@dataclass
class Discovery:
    """Faces found per source, in the order the sources are tried."""

    configured: dict[str, Face] = field(default_factory=dict)
    ranked: list[tuple[int, Face]] = field(default_factory=list)  # (source rank, face)
    notes: list[str] = field(default_factory=list)

    def add_file(self, path: Path, rank: int, only_chinese: bool) -> None:
        for face in read_faces(path):
            if not face.truetype:
                if face.chinese or not only_chinese:
                    self.notes.append(f"skipped {face.label}: not TrueType outlines")
                continue
            if only_chinese and not (face.chinese or face_class(face)):
                continue
            self.ranked.append((rank, face))


def discover(
    configured: Mapping[str, str] | None = None,
    windows_dirs: Iterable[Path] | None = None,
    shipped_dir: Path | str | None = SHIPPED,
    system_dirs: Iterable[Path] | None = None,
) -> Discovery:
    found = Discovery()
    for role, spec in (configured or {}).items():
        file, index = _split_index(spec)
        faces = [f for f in read_faces(file) if index is None or f.index == index]
        usable = sorted((f for f in faces if f.truetype), key=_mainland_rank)
        if usable:
            found.configured[role] = usable[0]
            found.ranked.append((0, usable[0]))
        else:
            found.notes.append(f"configured {role} font {spec} is missing or not TrueType")
    for base in windows_dirs if windows_dirs is not None else default_windows_dirs():
        for role in ROLES:
            for name in WINDOWS_FILES[role]:
                for face in read_faces(base / name):
                    if face.truetype:
                        found.ranked.append((1, _as_class(face, role)))
        for name in WINDOWS_EXTRA:
            for face in read_faces(base / name):
                if face.truetype:
                    found.ranked.append((1, face))
    if shipped_dir == SHIPPED:
        bundled = shipped.paths("fonts", _FONT_SUFFIXES)
    else:
        bundled = list(_font_files([Path(shipped_dir)])) if shipped_dir is not None else []
    for font_file in bundled:
        found.add_file(font_file, 2, only_chinese=False)
    for path in _font_files(system_dirs if system_dirs is not None else default_system_dirs()):
        found.add_file(path, 3, only_chinese=True)
    return found


def _as_class(face: Face, role: str) -> Face:
    """A Windows face is known by its file name; make its class explicit."""
    if face_class(face) == role:
        return face
    return Face(face.path, face.index, (*face.families, ROLE_NAMES[role]), True, True)


class FontSet:
    """The fonts one document is drawn with: a face per role plus fallbacks by cmap."""

    def __init__(self, discovery: Discovery) -> None:
        self.notes = list(discovery.notes)
        self.roles: dict[str, Face] = {}
        order: list[Face] = []
        for role in ROLES:
            face = discovery.configured.get(role) or _best(discovery.ranked, role)
            if face is None:
                raise Refused(phrase("fonts.none_for_role", role=ROLE_NAMES[role], setting=ENV_VAR),
                              field="fonts")
            self.roles[role] = face
            order.append(face)
        for _rank, face in sorted(discovery.ranked, key=lambda rf: (rf[0], _mainland_rank(rf[1]))):
            order.append(face)
        self.fallbacks: list[Face] = list(dict.fromkeys(order))
        self._lock = threading.Lock()

    def font_name(self, role: str) -> str:
        return register(self.roles[role]).fontName

    def font_for(self, char: str, role: str) -> str | None:
        """The registered font that draws ``char`` for ``role``: the role's own if it can."""
        code = ord(char)
        own = register(self.roles[role])
        if code in own.face.charToGlyph or char in "\n\t":
            return own.fontName
        with self._lock:
            for face in self.fallbacks:
                font = register(face)
                if code in font.face.charToGlyph:
                    return font.fontName
        return None

    def covering(self, text: str, role: str) -> str | None:
        """One registered font that draws every character of ``text``, the role's first."""
        codes = {ord(ch) for ch in text if not ch.isspace()}
        with self._lock:
            for face in [self.roles[role], *self.fallbacks]:
                font = register(face)
                if codes <= font.face.charToGlyph.keys():
                    return font.fontName
        return None

    def missing(self, text: str, role: str = FANGSONG) -> list[str]:
        """Characters of ``text`` that no available font can draw."""
        out: list[str] = []
        for ch in dict.fromkeys(text):
            if ch.isspace():
                continue
            if self.font_for(ch, role) is None:
                out.append(ch)
        return out

    def check(self, text: str, field_name: str, role: str = FANGSONG) -> None:
        lost = self.missing(text, role)
        if lost:
            shown = "、".join(f"{c}(U+{ord(c):04X})" for c in lost[:5])
            raise Refused(phrase("fonts.missing_characters", characters=shown), field=field_name)

    def report(self) -> dict[str, str]:
        """Which font stood in for which role — written into every PDF's properties."""
        return {ROLE_NAMES[role]: face.label for role, face in self.roles.items()}


def _best(ranked: list[tuple[int, Face]], role: str) -> Face | None:
    best: tuple[tuple[int, int, int], Face] | None = None
    for rank, face in ranked:
        cls = face_class(face)
        stand_ins = _STAND_INS[role]
        class_rank = stand_ins.index(cls) if cls in stand_ins else len(stand_ins)
        key = (class_rank, rank, _mainland_rank(face))
        if best is None or key < best[0]:
            best = (key, face)
    return best[1] if best else None


_REGISTERED: dict[tuple[str, int], TTFont] = {}
_REGISTER_LOCK = threading.Lock()


def register(face: Face) -> TTFont:
    """Load a face once per process and register it with reportlab (subset-embedded)."""
    key = (face.path, face.index)
    font = _REGISTERED.get(key)
    if font is None:
        with _REGISTER_LOCK:
            font = _REGISTERED.get(key)
            if font is None:
                stem = re.sub(r"[^A-Za-z0-9]", "", Path(face.path).stem) or "Font"
                font = TTFont(f"CR-{stem}-{face.index}", face.path, subfontIndex=face.index)
                pdfmetrics.registerFont(font)
                _REGISTERED[key] = font
    return font


@functools.lru_cache(maxsize=8)
def _cached(configured: tuple[tuple[str, str], ...]) -> FontSet:
    return FontSet(discover(dict(configured)))


def load_fonts(configured: Mapping[str, str] | None = None) -> FontSet:
    """The station's font set: ``configured`` (else what ``station_fonts.configure`` set) over discovery."""
    chosen = dict(configured) if configured is not None else {
        k: v for k, v in station_fonts.CHOSEN.configured.items() if k in ROLES}
    return _cached(tuple(sorted(chosen.items())))
