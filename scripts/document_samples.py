"""Render the sample data of every document type (resources/documents/) to PNG in docs/documents/.

    python scripts/document_samples.py [OUTDIR]

Each sample is numbered as the first document of its type in 2026 for a fictional
station; the first page of each is kept as PNG, the picture the documentation shows.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.settings import resolve  # noqa: E402
from models.documents import station_fonts  # noqa: E402
from models.documents.render import render  # noqa: E402
from models.documents.types import TYPES, Issuer, format_number  # noqa: E402

_CONFIG = resolve()  # the station's font files (COMMAND_ROOM_FONTS), as the program reads them
station_fonts.configure(_CONFIG.font_overrides, _CONFIG.windows_font_dirs)

SAMPLES = ROOT / "resources" / "documents"
PICTURES = ROOT / "docs" / "documents"
ISSUER = Issuer(organ="临江市公安局滨河派出所", prefix="滨公(所)")


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else PICTURES
    out.mkdir(parents=True, exist_ok=True)
    for name, kind in TYPES.items():
        data = json.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8"))
        number = format_number(ISSUER.prefix, kind.word, 2026, 1)
        done = render(name, data, number, ISSUER, issued_on=dt.date(2026, 4, 2))
        with tempfile.TemporaryDirectory() as tmp:
            pdf = Path(tmp) / f"{name}.pdf"
            pdf.write_bytes(done.pdf)
            subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", "-singlefile",
                            str(pdf), str(out / name)], check=True)
        print(f"{name}: {done.pages} page(s)")


if __name__ == "__main__":
    main()
