"""Which face prints each typographic role of an official document.

GB/T 9704-2012 names five faces: 仿宋 for the body, 小标宋 for titles and the issuer
mark, 黑体 and 楷体 for the first two heading levels, 宋体 for page numbers. A station
rarely has all of them, so each role is filled in this order:

1. font files the station configured (a mapping, or ``COMMAND_ROOM_FONTS`` — read by the
   program's configuration and passed in through ``station_fonts.configure`` — as
   ``fangsong=/path/a.ttf;heiti=/path/b.ttc#0`` — ``#N`` picks a face in a collection);
2. the Windows official fonts when present (simfang.ttf, 方正小标宋, simsun.ttc, simhei.ttf,
   simkai.ttf);
3. TeX Live's free Fandol faces (FandolFang, FandolSong, FandolHei, FandolKai — Debian's
   ``texlive-lang-chinese``), whose PostScript outlines are converted to TrueType once
   (:mod:`models.documents.fontconvert`); the title takes the heaviest 宋 face when no
   小标宋 is installed (FandolSong Bold);
4. fonts shipped in the program's ``resources`` package (``fonts/``);
5. other Chinese TrueType fonts installed on the machine (AR PL UMing/UKai, WenQuanYi).

Latin letters, digits and ASCII signs are set in a proportional face: a Times-style serif
(Times New Roman, else Liberation Serif) beside 仿宋/宋/楷 and the title, an Arial-style
sans beside 黑体. A character missing from a role's face is drawn from the face closest
in style that has it (宋/仿宋/楷 text from a serif such as Noto Serif CJK, 黑体 text from a
sans); the PDF's keywords name every face that drew a character. A character that no face
has is refused before anything is numbered. The unembedded CID fonts (STSong-Light) are
never used.
"""

from __future__ import annotations

import functools
import os
import re
import sys
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from models import shipped
from models.documents import station_fonts, tounicode
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
    (FANGSONG, ("fangsong", "仿宋", "fsong", "fandolfang")),
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
# Where Debian's texlive-lang-chinese (and a TeX Live install) keep the Fandol faces.
FREE_OFFICIAL_DIRS = (
    Path("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"),
    Path("/usr/share/texmf/fonts/opentype/public/fandol"),
    Path("/usr/local/texlive/texmf-local/fonts/opentype/public/fandol"),
)
_FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")


# Latin faces, by the Chinese style they are set beside.
SERIF = "serif"
SERIF_BOLD = "serif_bold"
SANS = "sans"
LATIN_FOR_ROLE = {FANGSONG: SERIF, XIAOBIAOSONG: SERIF_BOLD, HEITI: SANS, KAITI: SERIF,
                  SONGTI: SERIF}
WINDOWS_LATIN = {SERIF: ("times.ttf",), SERIF_BOLD: ("timesbd.ttf",), SANS: ("arial.ttf",)}
SYSTEM_LATIN = {SERIF: ("LiberationSerif-Regular.ttf",), SERIF_BOLD: ("LiberationSerif-Bold.ttf",),
                SANS: ("LiberationSans-Regular.ttf",)}

# Source ranks: lower is tried first.
CONFIGURED, WINDOWS, FREE_OFFICIAL, BUNDLED, SYSTEM = 0, 1, 2, 3, 4


def face_class(face: Face) -> str | None:
    names = " ".join(face.families).lower()
    for cls, words in _CLASS_WORDS:
        if any(w in names for w in words):
            return cls
    return None


def convertible(face: Face) -> bool:
    """A free CFF face worth converting: Fandol whole, Noto CJK SC (regular) for rare characters."""
    if not face.cff:
        return False
    names = " ".join(face.families)
    if "Fandol" in names:
        return "Braille" not in names
    return "Noto" in names and "CJK SC" in names and "Mono" not in names and face.weight <= 400


def rare_only(face: Face) -> bool:
    """A face kept for the rarest ideographs only: Hanazono Mincho (Debian's fonts-hanazono)
    has every character of Extensions A to F, in a Japanese Mincho style that must not
    stand in for the common ones."""
    return face.truetype and any(name.startswith("HanaMin") for name in face.families)


def _cjk_named(face: Face) -> bool:
    names = " ".join(face.families)
    return "CJK" in names or any("\u4e00" <= ch <= "\u9fff" for ch in names)


def latin_char(ch: str) -> bool:
    """Set in the Latin face: ASCII letters, digits and signs (a space keeps the Chinese
    face's width, so "— 1 —" stays as wide as the standard's page number)."""
    return "!" <= ch <= "~"


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
        *FREE_OFFICIAL_DIRS,
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local" / "share" / "fonts",
        home / ".fonts",
    ]


def _font_files(dirs: Iterable[Path]) -> Iterator[Path]:
    seen: set[str] = set()  # a font linked under a second name (Debian's alternatives) once
    for base in dirs:
        if not base.is_dir():
            continue
        for root, _dirs, files in os.walk(base):
            for name in sorted(files):
                if name.lower().endswith(_FONT_SUFFIXES):
                    real = os.path.realpath(Path(root) / name)
                    if real not in seen:
                        seen.add(real)
                        yield Path(real)


@dataclass
class Discovery:
    """Faces found per source, in the order the sources are tried."""

    configured: dict[str, Face] = field(default_factory=dict)
    ranked: list[tuple[int, Face]] = field(default_factory=list)  # (source rank, face)
    notes: list[str] = field(default_factory=list)

    latin: dict[str, list[tuple[int, Face]]] = field(default_factory=dict)

    def add_file(self, path: Path, rank: int, only_chinese: bool) -> None:
        for face in read_faces(path):
            if rare_only(face):
                # drawn from only for what every other face lacks (Extension B and beyond)
                self.ranked.append((rank, replace(face, fallback_only=True)))
                continue
            if convertible(face):
                if "Noto" in " ".join(face.families):
                    # the mainland forms of the rare characters the Fandol faces lack
                    self.ranked.append((FREE_OFFICIAL, replace(face, fallback_only=True)))
                else:
                    self.ranked.append((FREE_OFFICIAL, face))
                continue
            if not face.truetype:
                if face.chinese or not only_chinese:
                    self.notes.append(f"skipped {face.label}: not TrueType outlines")
                continue
            if only_chinese and not (face.chinese or (face_class(face) and _cjk_named(face))):
                continue
            self.ranked.append((rank, face))

    def add_latin(self, kind: str, path: Path, rank: int) -> None:
        for face in read_faces(path):
            if face.truetype:
                self.latin.setdefault(kind, []).append((rank, face))


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
        usable = sorted((f for f in faces if f.truetype or convertible(f)), key=_mainland_rank)
        if usable:
            found.configured[role] = usable[0]
            found.ranked.append((CONFIGURED, usable[0]))
        else:
            found.notes.append(f"configured {role} font {spec} is missing or not TrueType")
    for base in windows_dirs if windows_dirs is not None else default_windows_dirs():
        for role in ROLES:
            for name in WINDOWS_FILES[role]:
                for face in read_faces(base / name):
                    if face.truetype:
                        found.ranked.append((WINDOWS, _as_class(face, role)))
        for name in WINDOWS_EXTRA:
            for face in read_faces(base / name):
                if face.truetype:
                    found.ranked.append((WINDOWS, face))
        for kind, names in WINDOWS_LATIN.items():
            for name in names:
                found.add_latin(kind, base / name, WINDOWS)
    if shipped_dir == SHIPPED:
        bundled = shipped.paths("fonts", _FONT_SUFFIXES)
    else:
        bundled = list(_font_files([Path(shipped_dir)])) if shipped_dir is not None else []
    for font_file in bundled:
        found.add_file(font_file, BUNDLED, only_chinese=False)
    latin_names = {name: kind for kind, names in SYSTEM_LATIN.items() for name in names}
    for path in _font_files(system_dirs if system_dirs is not None else default_system_dirs()):
        if path.name in latin_names:
            found.add_latin(latin_names[path.name], path, SYSTEM)
        else:
            found.add_file(path, SYSTEM, only_chinese=True)
    return found


def _as_class(face: Face, role: str) -> Face:
    """A Windows face is known by its file name; make its class explicit."""
    if face_class(face) == role:
        return face
    return replace(face, families=(*face.families, ROLE_NAMES[role]), chinese=True)


class FontSet:
    """The fonts one document is drawn with: a face per role, Latin faces, fallbacks by style."""

    def __init__(self, discovery: Discovery) -> None:
        self.notes = list(discovery.notes)
        self.roles: dict[str, Face] = {}
        for role in ROLES:
            face = discovery.configured.get(role) or _best(discovery.ranked, role)
            if face is None:
                raise Refused(phrase("fonts.none_for_role", role=ROLE_NAMES[role], setting=ENV_VAR),
                              field="fonts")
            self.roles[role] = face
        self.latin: dict[str, Face] = {}
        for kind, found in discovery.latin.items():
            self.latin[kind] = min(found, key=lambda rf: rf[0])[1]
        if SERIF_BOLD not in self.latin and SERIF in self.latin:
            self.latin[SERIF_BOLD] = self.latin[SERIF]
        if SANS not in self.latin and SERIF in self.latin:
            self.latin[SANS] = self.latin[SERIF]
        # per role: every other face, the closest in style first, then by source
        self.fallbacks: dict[str, list[Face]] = {}
        for role in ROLES:
            stand_ins = _STAND_INS[role]
            ordered = sorted(
                discovery.ranked,
                key=lambda rf: (_class_rank(rf[1], stand_ins), abs(rf[1].weight - 400), rf[0],
                                _mainland_rank(rf[1])))
            self.fallbacks[role] = [f for f in dict.fromkeys(face for _r, face in ordered)
                                    if f != self.roles[role]]
        self._lock = threading.Lock()
        self._chosen: dict[tuple[str, str], tuple[str | None, str, str]] = {}
        self._used = threading.local()
        self._dash: dict[str, float] = {}

    def font_name(self, role: str) -> str:
        return register(self.roles[role]).fontName

    def dash_middle(self, role: str) -> float:
        """Height of the middle of the em dash (—) above the baseline, in ems, as the face
        that draws it for ``role`` has it (0.35 when the outline cannot be read)."""
        name = self.font_for("—", role) or self.font_name(role)
        with self._lock:
            if name not in self._dash:
                self._dash[name] = _dash_middle(name)
            return self._dash[name]

    def latin_face(self, role: str) -> Face | None:
        return self.latin.get(LATIN_FOR_ROLE[role])

    def begin_document(self) -> None:
        """Forget which faces drew the previous document's characters (this thread's)."""
        self._used.faces = {}

    def font_for(self, char: str, role: str) -> str | None:
        """The registered font that draws ``char`` for ``role``: Latin face, role's own, closest."""
        key = (char, role)
        hit = self._chosen.get(key)
        if hit is None:
            with self._lock:
                hit = self._chosen.get(key)
                if hit is None:
                    hit = self._chosen[key] = self._entry(self._choose(char, role), role)
        name, kind, label = hit
        if kind:
            used = getattr(self._used, "faces", None)
            if used is None:
                used = self._used.faces = {}
            used.setdefault(kind, {})[label] = None
        return name

    def _entry(self, name: str | None, role: str) -> tuple[str | None, str, str]:
        """The font's name and, when it is not the role's own face, what the keywords call it."""
        if name is None:
            return None, "", ""
        face = _FACE_OF[name]
        if face == self.roles[role]:
            return name, "", ""
        return name, LATIN_KEY if face in self.latin.values() else EXTRA_KEY, face.label

    def _choose(self, char: str, role: str) -> str | None:
        code = ord(char)
        if char in "\n\t":
            return register(self.roles[role]).fontName
        latin = self.latin_face(role)
        if latin is not None and latin_char(char):
            font = register(latin)
            if code in font.face.charToGlyph:
                return font.fontName
        for face in [self.roles[role], *self.fallbacks[role]]:
            font = register(face)
            if code in font.face.charToGlyph:
                return font.fontName
        return None

    def covering(self, text: str, role: str) -> str | None:
        """One registered font that draws every character of ``text``, the role's first."""
        codes = {ord(ch) for ch in text if not ch.isspace()}
        with self._lock:
            for face in [self.roles[role], *self.fallbacks[role]]:
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
        """Which face stood in for which role, and which other faces drew characters of the
        document begun last on this thread (``begin_document``) — written into every PDF's
        properties."""
        out = {ROLE_NAMES[role]: face.label for role, face in self.roles.items()}
        used = getattr(self._used, "faces", None) or {}
        for kind in (LATIN_KEY, EXTRA_KEY):
            if used.get(kind):
                out[kind] = ", ".join(used[kind])
        return out

    def in_use(self) -> list[dict[str, str]]:
        """The faces per typographic role, for ``doc fonts``."""
        rows = []
        for use, role in USES:
            face = self.roles[role]
            rows.append({"use": use, "role": ROLE_NAMES[role], "face": face.families[0]
                         if face.families else face.label, "file": face.path,
                         "converted": str(_converted_path(face) or "")})
        for use, kind in LATIN_USES:
            latin = self.latin.get(kind)
            if latin is not None:
                rows.append({"use": use, "role": LATIN_KEY, "face": latin.families[0]
                             if latin.families else latin.label, "file": latin.path,
                             "converted": ""})
        for face in self.fallbacks[FANGSONG]:
            if face.fallback_only:
                rows.append({"use": "rare", "role": EXTRA_KEY, "face": face.families[0]
                             if face.families else face.label, "file": face.path,
                             "converted": str(_converted_path(face) or "")})
        return rows


LATIN_KEY = "西文"
EXTRA_KEY = "补字"
USES = (("body", FANGSONG), ("title", XIAOBIAOSONG), ("heading1", HEITI), ("heading2", KAITI),
        ("page_number", SONGTI))
LATIN_USES = (("latin", SERIF), ("latin_title", SERIF_BOLD), ("latin_heading1", SANS))


def _dash_middle(font_name: str) -> float:
    font = pdfmetrics.getFont(font_name)
    path = getattr(font.face, "filename", None)
    try:
        from fontTools.ttLib import TTFont as OpenFont

        with OpenFont(path, fontNumber=getattr(font.face, "subfontIndex", 0) or 0,
                      lazy=True) as opened:
            glyph_name = opened.getBestCmap()[ord("—")]
            glyph = opened["glyf"][glyph_name]
            units = opened["head"].unitsPerEm
            return float((glyph.yMin + glyph.yMax) / 2 / units)
    except (OSError, KeyError, AttributeError, TypeError):
        return 0.35


def _class_rank(face: Face, stand_ins: tuple[str, ...]) -> int:
    cls = face_class(face)
    return stand_ins.index(cls) if cls in stand_ins else len(stand_ins)


def _best(ranked: list[tuple[int, Face]], role: str) -> Face | None:
    best: tuple[tuple[int, int, int, int], Face] | None = None
    for rank, face in ranked:
        if face.fallback_only:
            continue
        class_rank = _class_rank(face, _STAND_INS[role])
        # the title: a true 小标宋, else the heaviest 宋; every other role: the regular weight
        weight = -face.weight if role == XIAOBIAOSONG else abs(face.weight - 400)
        key = (class_rank, weight, rank, _mainland_rank(face))
        if best is None or key < best[0]:
            best = (key, face)
    return best[1] if best else None


tounicode.install()  # characters beyond U+FFFF copy out of the PDF as themselves

_REGISTERED: dict[tuple[str, int], TTFont] = {}
_FACE_OF: dict[str, Face] = {}
_REGISTER_LOCK = threading.RLock()


def _converted_path(face: Face) -> Path | None:
    if not face.cff:
        return None
    from models.documents import fontconvert

    tag = "fallback" if face.fallback_only else ""
    return fontconvert.cached_path(face.path, face.index, tag)


def _truetype_file(face: Face) -> tuple[str, int]:
    """The file reportlab reads for ``face``: itself, or its converted TrueType copy."""
    if not face.cff:
        return face.path, face.index
    from models.documents import fontconvert

    if face.fallback_only:
        keep = [code for lo, hi in fontconvert.FALLBACK_RANGES for code in range(lo, hi + 1)]
        return str(fontconvert.converted(face.path, face.index, keep, "fallback")), 0
    return str(fontconvert.converted(face.path, face.index)), 0


def register(face: Face) -> TTFont:
    """Load a face once per process and register it with reportlab (subset-embedded)."""
    key = (face.path, face.index)
    font = _REGISTERED.get(key)
    if font is None:
        with _REGISTER_LOCK:
            font = _REGISTERED.get(key)
            if font is None:
                stem = re.sub(r"[^A-Za-z0-9]", "", Path(face.path).stem) or "Font"
                path, index = _truetype_file(face)
                font = TTFont(f"CR-{stem}-{face.index}", path, subfontIndex=index)
                pdfmetrics.registerFont(font)
                _REGISTERED[key] = font
                _FACE_OF[font.fontName] = face
    return font


@functools.lru_cache(maxsize=8)
def _cached(configured: tuple[tuple[str, str], ...]) -> FontSet:
    return FontSet(discover(dict(configured)))


def load_fonts(configured: Mapping[str, str] | None = None) -> FontSet:
    """The station's font set: ``configured`` (else what ``station_fonts.configure`` set) over discovery."""
    chosen = dict(configured) if configured is not None else {
        k: v for k, v in station_fonts.CHOSEN.configured.items() if k in ROLES}
    return _cached(tuple(sorted(chosen.items())))


def prepare_convertible() -> list[tuple[str, float]]:
    """Convert (if not yet cached) every CFF face the station's documents would draw with."""
    import time

    fonts = load_fonts()
    faces = [*fonts.roles.values(), *(f for f in fonts.fallbacks[FANGSONG] if f.fallback_only),
             *(f for f in fonts.fallbacks[HEITI] if f.fallback_only)]
    done = []
    for face in dict.fromkeys(faces):
        if face.cff:
            start = time.perf_counter()
            register(face)
            done.append((face.label, time.perf_counter() - start))
    return done


def prepare_for_documents() -> None:
    """Everything a first document would load, done ahead: the station's faces found and
    registered (each role's and its Latin face) and the title dictionary read. The window
    calls it on a worker thread a little after sign-in, so the first preview or print does
    not wait for it and no keystroke waits behind it."""
    from models.documents import titles

    fonts = load_fonts()
    for role in ROLES:
        fonts.font_name(role)
        fonts.font_for("A", role)
    titles.load_dictionary()
