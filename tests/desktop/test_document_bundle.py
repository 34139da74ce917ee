"""The year-end bundle on the documents page: off the window's thread, with a progress
dialog whose Cancel registers nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QPushButton

from desktop.pages.documents import DocumentsPage
from models.documents import service
from tests.helpers.gui import demo_session
from tests.models.documents import pdftools


def _page(qtbot, tmp_path: Path) -> DocumentsPage:  # type: ignore[no-untyped-def]
    page = DocumentsPage(demo_session(tmp_path, "admin"))
    qtbot.addWidget(page)
    page.refresh()
    return page


def _registered(page: DocumentsPage) -> list[service.RegisterRow]:
    return page.app.run(lambda s: service.register(s, page.app.actor, "assessment_form"))


def test_the_bundle_runs_with_progress_and_registers_every_form(qtbot, tmp_path) -> None:
    page = _page(qtbot, tmp_path)
    out = tmp_path / "year.pdf"
    seen: list[tuple[int, int]] = []
    page.bundle.progressed.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(page.bundle.done, timeout=120_000) as signal:
        page.bundle.start("2026-11", out)
        assert page.bundle.dialog is not None and page.bundle.dialog.isVisible()
    count = signal.args[0]
    assert count > 1 and seen[-1] == (count, count) and seen[0] == (0, count)
    assert page.bundle.dialog is None and not page.bundle.running()
    assert len(_registered(page)) == count
    assert pdftools.text(out.read_bytes()).count("个人考核表") == count
    assert page.message.property("kind") == "ok"
    qtbot.waitUntil(lambda: page.model.rowCount() == count)


def test_cancel_in_the_dialog_registers_nothing(qtbot, tmp_path) -> None:
    page = _page(qtbot, tmp_path)
    out = tmp_path / "year.pdf"
    with qtbot.waitSignal(page.bundle.stopped, timeout=120_000) as signal:
        page.bundle.start("2026-11", out)
        assert page.bundle.dialog is not None
        page.bundle.dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    assert "cancelled" in signal.args[0]
    assert _registered(page) == [] and not out.exists()
    assert page.message.property("kind") == "error"
    assert not page.bundle.running()


def test_a_bad_period_is_said_inline(qtbot, tmp_path) -> None:
    page = _page(qtbot, tmp_path)
    with qtbot.waitSignal(page.bundle.stopped, timeout=60_000) as signal:
        page.bundle.start("2026-13", tmp_path / "x.pdf")
    assert "2026-13" in signal.args[0]
    assert _registered(page) == []
