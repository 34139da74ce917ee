"""The documents page: issue from a form off the GUI thread, register, preview, print, void."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter

from desktop.pages.documents import DocumentsPage
from desktop.printing import page_rect, prepare_printer
from models.documents import service
from tests.helpers.gui import demo_session, show_active
from tests.models.documents import pdftools


def _page(qtbot, tmp_path: Path, user: str = "admin") -> DocumentsPage:  # type: ignore[no-untyped-def]
    page = DocumentsPage(demo_session(tmp_path, user))
    qtbot.addWidget(page)
    page.refresh()
    return page


def test_issue_from_the_form_preview_and_register(qtbot, qtmodeltester, tmp_path) -> None:
    page = _page(qtbot, tmp_path)
    show_active(qtbot, page)
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 0
    page.choose_type("rectification_notice")
    page.fill_example()
    with qtbot.waitSignal(page.issued, timeout=20000) as signal:
        page.issue_current()
        assert not page.issue_button.isEnabled()  # the window stays responsive meanwhile
    number = signal.args[0]
    assert "责改字〔" in number
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.row(0)["number"] == number
    assert page.tabs.currentWidget() is page.preview and page.preview.currentWidget() is page.viewer
    assert page._pdf_doc.pageCount() == 3
    assert "悦来百货超市" in pdftools.text(page.current_pdf)
    assert page.issue_button.isEnabled()


def test_refused_form_shows_the_field_inline_and_takes_no_number(qtbot, tmp_path) -> None:
    page = _page(qtbot, tmp_path)
    page.choose_type("rectification_notice")
    page.fill_example()
    page.current_form().editors["deadline"].setText("2026-03-01")  # type: ignore[attr-defined]
    page.issue_current()
    qtbot.waitUntil(lambda: page.message.property("kind") == "error", timeout=20000)
    assert "Deadline" in page.message.text()  # named as the form names it
    page.refresh()
    assert page.model.rowCount() == 0


def test_refusals_name_the_form_label_and_row_in_chinese(qtbot, qapp, tmp_path) -> None:
    from desktop import i18n

    i18n.install(qapp, "zh_CN")
    try:
        page = _page(qtbot, tmp_path)
        page.resize(1100, 760)
        show_active(qtbot, page)
        page.choose_type("rectification_notice")
        page.fill_example()
        unit = page.current_form().editors["unit"]
        unit.setText("")  # type: ignore[attr-defined]
        page.issue_current()
        qtbot.waitUntil(lambda: page.message.property("kind") == "error", timeout=20000)
        assert page.message.text().endswith("被检查单位：为必填项"), page.message.text()
        assert unit.hasFocus()  # the cursor waits in the field at fault
        assert page.message.height() < 50  # a strip, not a wall
        page.choose_type("assessment_bulletin")
        page.fill_example()
        table = page.current_form().editors["rows"].table  # type: ignore[attr-defined]
        table.item(1, 1).setText("")  # the second row's indicator
        page.message.clear_message()
        page.issue_current()
        qtbot.waitUntil(lambda: page.message.property("kind") == "error", timeout=20000)
        text = page.message.text()
        assert "第2行" in text and "指标" in text and "为必填项" in text, text
        page.void_selected()  # nothing chosen: told to choose
        assert "登记簿" in page.message.text() or "选择" in page.message.text()
    finally:
        i18n.install(qapp, "en")


def test_search_reprint_print_true_size_export_and_void(qtbot, tmp_path) -> None:
    page = _page(qtbot, tmp_path)
    app = page.app
    with app.transaction() as s:
        first, pdf = service.issue(s, app.actor, "police_notice",
                                   {"to": "各社区", "title": "关于防范电信诈骗的公安提示",
                                    "body": "请广大居民提高警惕。"})
        service.issue(s, app.actor, "duty_rota", {"rows": [{"date": "2026-03-02",
                                                            "leader": "王建华"}]})
    page.refresh()
    assert page.model.rowCount() == 2
    page.search.setText("电信诈骗")
    page.refresh()
    assert page.model.rowCount() == 1
    page.table.selectRow(0)
    assert page.selected_number() == first.number

    page.reprint_selected()  # drawn off the window's thread
    qtbot.waitUntil(lambda: "(copy)" in page.current_number)
    assert page.current_pdf.startswith(pdf) and "副" in pdftools.text(page.current_pdf)

    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    assert page.print_to(printer) == first.pages
    assert "(A4)" in pdftools.info(out.read_bytes())["Page size"]
    prepare_printer(printer)
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    target = page_rect(printer, (595.2756, 841.8898))
    assert abs(target.width() - paper.width()) <= 1 and abs(target.height() - paper.height()) <= 1
    assert target.topLeft().x() == 0 and target.topLeft().y() == 0  # no margins, no scaling

    saved = tmp_path / "export.pdf"
    page.preview_selected()
    page.export_to(saved)
    assert hashlib.sha256(saved.read_bytes()).hexdigest() == first.sha256

    page.reason.setText("标题有误")
    page.void_selected()
    assert page.message.property("kind") == "ok" and first.number in page.message.text()
    page.search.clear()
    page.refresh()
    voided = next(page.model.row(i) for i in range(page.model.rowCount())
              if page.model.row(i)["number"] == first.number)
    assert voided["voided"] and "标题有误" in voided["status"]


@pytest.mark.qt_log_ignore("QPainter::begin")
def test_a_failing_printer_is_reported_inline(qtbot, tmp_path) -> None:
    page = _page(qtbot, tmp_path)
    with page.app.transaction() as s:
        _issued, pdf = service.issue(s, page.app.actor, "police_notice",
                                     {"to": "各社区", "title": "提示", "body": "正文。"})
    page.show_pdf(pdf, "x")
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "no-such-folder" / "out.pdf"))
    assert page.print_to(printer) == 0
    assert page.message.property("kind") == "error" and "printer" in page.message.text()


def test_duty_staff_cannot_void(qtbot, tmp_path) -> None:
    page = _page(qtbot, tmp_path, user="duty")
    assert not page.void_button.isVisibleTo(page) and page.issue_button.isEnabled()
