from pathlib import Path

from PySide6.QtPdf import QPdfDocument

from models.documents.rota_layout import PrintCounts, PrintDay, rota_pdf


def test_rota_pdf_has_days_posts_and_counts(tmp_path: Path, qapp):
    out = tmp_path / "rota.pdf"
    days = [
        PrintDay(
            f"3月{d}日",
            (d + 5) % 7,
            "休" if (d + 5) % 7 >= 5 else "",
            {"command_24h": [f"值班员{d % 3}"], "night_standby": ["甲", "乙"]},
        )
        for d in range(1, 32)
    ]
    counts = [PrintCounts("值班员0", 10, 6, 4, 0), PrintCounts("值班员1", 11, 7, 3, 1)]
    pages = rota_pdf(
        out,
        "示例派出所 2026年3月 值班备勤表",
        [("command_24h", "指挥室24小时值班"), ("night_standby", "夜间备勤")],
        days,
        counts,
        ["2027年无节假日数据"],
    )
    assert pages >= 2
    document = QPdfDocument()
    assert document.load(str(out)) == QPdfDocument.Error.None_
    assert document.pageCount() == pages
    first = document.getAllText(0).text()
    assert "值班备勤表" in first
    assert "3月1日" in first
    assert "指挥室24小时值班" in first
    last = document.getAllText(pages - 1).text()
    assert "人员统计" in last and "值班员1" in last
