"""Build the Qt translations: extract strings, fill them from the TSV, compile to .qm.

Source strings are English in ``self.tr(...)``; their Chinese lives in
``resources/translations/zh_CN.tsv`` (one ``source<TAB>translation`` per line, ``\\n``
for a newline), which merges cleanly and reads easily. Where one English word needs
different Chinese in different places, ``Context::source<TAB>translation`` overrides it
for that context (the class name that calls ``tr``). ``--check`` lists every string
without a translation and fails if there is one, or if the committed ``.qm`` is not what
the sources and the table build.

The domain's own sentences are not Qt strings: they are catalogue keys
(``phrase("key", ...)``, ``word("key")``, ``Phrase("key", ...)``) said from
``resources/messages/<language>.tsv``. ``--check`` also fails on a key the code uses
that a catalogue lacks, or whose template names other fields in one language than in
the other.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import string
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "resources" / "translations"
SOURCES = ("desktop", "widgets")
LANGUAGE = "zh_CN"
MESSAGES = ROOT / "resources" / "messages"
MESSAGE_SOURCES = ("models", "desktop")
MESSAGE_LANGUAGES = ("en", "zh_CN")
_KEY_CALLS = {"phrase", "word", "Phrase"}
#: a catalogue key: dotted lower-case words (an older Phrase holds an English template)
_KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


def message_keys(folders: tuple[Path, ...]) -> dict[str, str]:
    """Every literal catalogue key in the code, with where it was first seen."""
    keys: dict[str, str] = {}
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and node.args):
                    continue
                name = node.func.id if isinstance(node.func, ast.Name) else (
                    node.func.attr if isinstance(node.func, ast.Attribute) else "")
                first = node.args[0]
                if name in _KEY_CALLS and isinstance(first, ast.Constant) and isinstance(first.value, str) \
                        and _KEY.match(first.value):
                    keys.setdefault(first.value, f"{path.relative_to(folder.parent)}:{node.lineno}")
    return keys


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def check_messages(folders: tuple[Path, ...] = tuple(ROOT / f for f in MESSAGE_SOURCES),
                   catalogues: Path = MESSAGES) -> list[str]:
    """What is wrong with the message catalogues, one line each (empty when all is well)."""
    sys.path.insert(0, str(ROOT))
    from models.messages import read_catalogue

    tables = {lang: read_catalogue(catalogues, lang) for lang in MESSAGE_LANGUAGES}
    problems = []
    for key, where in sorted(message_keys(folders).items()):
        for lang, table in tables.items():
            if key not in table:
                problems.append(f"no {lang} message for key {key!r} (used at {where})")
    english = tables["en"]
    for lang, table in tables.items():
        for key, template in table.items():
            if key not in english:
                problems.append(f"{lang}.tsv: key {key!r} is not in en.tsv")
            elif _fields(template) != _fields(english[key]):
                problems.append(f"{lang}.tsv: key {key!r} fills {sorted(_fields(template))}, "
                                f"en.tsv {sorted(_fields(english[key]))}")
    return problems


def tool(name: str) -> str:
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found; install PySide6")
    return found


def load_tsv(path: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if "\t" not in line:
            sys.exit(f"{path.name}:{number}: no tab between source and translation")
        source, translation = line.split("\t", 1)
        table[source.replace("\\n", "\n")] = translation.replace("\\n", "\n")
    return table


def extract(ts_path: Path) -> None:
    files = sorted(str(p) for folder in SOURCES for p in (ROOT / folder).rglob("*.py"))
    subprocess.run([tool("pyside6-lupdate"), *files, "-ts", str(ts_path), "-no-obsolete"],
                   check=True, capture_output=True)


def fill(ts_path: Path, table: dict[str, str]) -> list[tuple[str, str]]:
    tree = ET.parse(ts_path)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            key = f"{name}::{source}"  # a context's own wording wins over the common one
            if key in table or source in table:
                translation.text = table.get(key, table.get(source))
                translation.attrib.pop("type", None)
            else:
                missing.append((name, source))
    tree.getroot().set("language", LANGUAGE)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return missing


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true", help="fail on untranslated strings or a stale .qm")
    args = parser.parse_args()
    table = load_tsv(FOLDER / f"{LANGUAGE}.tsv")
    with tempfile.TemporaryDirectory() as tmp:
        ts_path = Path(tmp) / f"command_room_{LANGUAGE}.ts"
        extract(ts_path)
        missing = fill(ts_path, table)
        qm = FOLDER / f"command_room_{LANGUAGE}.qm"
        built = Path(tmp) / qm.name if args.check else qm
        subprocess.run([tool("pyside6-lrelease"), str(ts_path), "-qm", str(built)],
                       check=True, capture_output=True)
        if args.check:
            for context, source in missing:
                print(f"untranslated [{context}]: {source!r}")
            stale = not qm.exists() or qm.read_bytes() != built.read_bytes()
            if stale:
                print(f"{qm.relative_to(ROOT)} is out of date: run 'make translations'")
            messages = check_messages()
            for problem in messages:
                print(problem)
            return 1 if missing or stale or messages else 0
    for context, source in missing:
        print(f"untranslated [{context}]: {source!r}")
    print(f"wrote {qm.relative_to(ROOT)} ({len(missing)} untranslated)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
