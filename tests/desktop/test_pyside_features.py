"""PySide's feature scan is off (desktop/pyside_features.py), and no module needs it."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_SELECTS_A_FEATURE = re.compile(r"^\s*(from\s+__feature__\s+import|import\s+__feature__)", re.M)


def test_no_module_of_the_program_switches_on_a_pyside_feature() -> None:
    sources = [p for folder in ("desktop", "widgets", "models", "scripts")
               for p in (ROOT / folder).rglob("*.py")]
    assert len(sources) > 100
    selecting = [str(p.relative_to(ROOT)) for p in sources
                 if _SELECTS_A_FEATURE.search(p.read_text(encoding="utf-8"))]
    assert selecting == []


def test_a_module_imported_after_the_window_is_not_read_for_features(tmp_path: Path,
                                                                    monkeypatch) -> None:
    import desktop.app  # noqa: F401  the window's start-up, which stops the scan

    feature = sys.modules["shibokensupport.feature"]
    (tmp_path / "mentions_pyside.py").write_text("import PySide6.QtCore  # PySide6\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    read: list[object] = []
    monkeypatch.setattr("inspect.getsource", lambda module: read.append(module) or "")
    exec("import mentions_pyside", {})  # through the import statement, as a module imports
    try:
        assert read == []  # the source was never read
        assert feature.pyside_feature_dict["mentions_pyside"] == -1  # takes no part
    finally:
        sys.modules.pop("mentions_pyside", None)
