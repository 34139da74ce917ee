"""PySide's optional "features" turned off for the whole program, so imports stay quick.

Once PySide6 is loaded it looks at every module imported after it, to learn whether that
module might switch on one of PySide's features (``from __feature__ import snake_case``,
``true_property``): it reads the module's whole source file and searches it for the word
"PySide6". The database layer alone is some seven hundred modules, all imported after the
window is up, so the start-up reads them all once more — about a tenth of the import
time. Command Room switches on no feature anywhere (a test keeps it so), so every module
is told at once that it takes no part in feature switching, which is what PySide
concludes for a module that does not mention it; Qt's names and properties are the
plain ones everywhere either way. Importing this module stops the scan; the window's
start-up imports it before the rest of the program.
"""

from __future__ import annotations

import sys


def without_feature_scan() -> None:
    """Stop PySide reading each newly imported module's source (nothing to stop where this
    PySide does not scan)."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _takes_no_part  # type: ignore[attr-defined]


def _takes_no_part(_module: object) -> bool:
    return False


without_feature_scan()
