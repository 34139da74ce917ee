"""The roster page on the demo station of 2 March 2026 (offscreen)."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument

from desktop.pages import roster_staffing
from desktop.pages.roster import RosterPage
from models.roster import absences
from tests.conftest import TODAY
from tests.helpers.gui import demo_session, show_active
from widgets.background import under_way

D = dt.date


def month_read(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The month grid is read off the window's thread: wait for its answer."""
    qtbot.waitUntil(lambda: not under_way())


def page_for(qtbot, tmp_path, user: str = "admin") -> RosterPage:
    app = demo_session(tmp_path, user)
    page = RosterPage(app, today=TODAY)
    qtbot.addWidget(page)
    page.refresh()
    month_read(qtbot)
    return page


def cell(page: RosterPage, key: str, day: dt.date) -> tuple[str, str]:
    model = page.month_tab.grid.model
    for row in range(model.rowCount()):
        if model.row_key(row) == key:
            index = model.index(row, (day - D(day.year, day.month, 1)).days)
            return model.data(index), model.data(index, Qt.ItemDataRole.UserRole + 2)
    raise KeyError(key)


def test_month_grid_shows_coverage_absences_and_duty(qtbot, qtmodeltester, tmp_path) -> None:
    page = page_for(qtbot, tmp_path)
    model = page.month_tab.grid.model
    qtmodeltester.check(model)
    assert model.columnCount() == 31
    assert model.rowCount() == 6 + 24  # beats, then every active person
    assert cell(page, "beat:B01", D(2026, 3, 12)) == ("Gap", "red")
    assert cell(page, "person:004100", D(2026, 3, 12)) == ("Tr", "amber")
    assert cell(page, "beat:B01", D(2026, 3, 2))[0] == "A"
    duty = next(s for s in page.month_tab.overview.shifts if s.post == "command_24h")
    assert cell(page, f"person:{duty.officer}", duty.day) == ("24h", "blue")
    assert "B01 03-12" in page.gap_banner.text() and page.gap_banner.property("kind") == "warning"


def test_fix_a_gap_from_the_cell(qtbot, tmp_path) -> None:
    page = page_for(qtbot, tmp_path)
    show_active(qtbot, page)
    tab = page.month_tab
    assert tab.grid.select("beat:B01", D(2026, 3, 12))
    assert tab.forms.currentIndex() == 1 and "B01" in tab.heading.text()
    candidates = [tab.sub_officer.itemData(i) for i in range(tab.sub_officer.count())]
    assert "004100" not in candidates and "004101" not in candidates  # both away
    assert "also:" in tab.sub_officer.itemText(candidates.index("004112"))  # covers B02
    assert "also:" not in tab.sub_officer.itemText(0)
    tab.sub_officer.setCurrentIndex(candidates.index("004115"))
    # the run of uncovered days is 12–13 March: one substitute for both is offered
    assert cell(page, "beat:B01", D(2026, 3, 13)) == ("Gap", "red")
    assert tab.sub_to.date().toString("yyyy-MM-dd") == "2026-03-13"
    qtbot.mouseClick(tab.sub_button, Qt.MouseButton.LeftButton)
    assert tab.message.property("kind") == "ok", tab.message.text()
    month_read(qtbot)
    assert cell(page, "beat:B01", D(2026, 3, 12)) == ("Sub", "green")
    assert cell(page, "beat:B01", D(2026, 3, 13)) == ("Sub", "green")
    assert cell(page, "person:004115", D(2026, 3, 12)) == ("B01", "green")
    assert "B01 03-12" not in page.gap_banner.text()


def test_record_absence_warns_of_the_gap_and_refuses_bad_input(qtbot, tmp_path) -> None:
    page = page_for(qtbot, tmp_path)
    page.step_month(2)  # May 2026, clear of the demo's absences
    tab = page.month_tab
    with page.app.transaction() as s:
        absences.add_absence(s, page.app.actor, "004104", "2026-05-12", "2026-05-12", "leave")
    page.refresh()
    month_read(qtbot)
    assert tab.grid.select("person:004103", D(2026, 5, 12))
    tab.absence_kind.setCurrentIndex(tab.absence_kind.findData("sick"))
    qtbot.mouseClick(tab.absence_button, Qt.MouseButton.LeftButton)
    assert tab.message.property("kind") == "warning"
    assert "B04" in tab.message.text() and "2026-05-12" in tab.message.text()
    month_read(qtbot)
    assert cell(page, "person:004103", D(2026, 5, 12)) == ("Sk", "amber")
    assert cell(page, "beat:B04", D(2026, 5, 12)) == ("Gap", "red")
    # the same again overlaps itself: refused inline, nothing written
    qtbot.mouseClick(tab.absence_button, Qt.MouseButton.LeftButton)
    assert tab.message.property("kind") == "error" and "already has" in tab.message.text()
    tab.absence_reason.setText("recovered")
    qtbot.mouseClick(tab.absence_cancel, Qt.MouseButton.LeftButton)
    month_read(qtbot)
    assert cell(page, "person:004103", D(2026, 5, 12)) == ("", "neutral")


def test_rota_tab_generates_edits_and_prints(qtbot, qtmodeltester, tmp_path) -> None:
    page = page_for(qtbot, tmp_path)
    page.step_month(2)
    page.tabs.setCurrentWidget(page.rota_tab)
    rota = page.rota_tab
    assert rota.days_model.rowCount() == 31
    qtbot.mouseClick(rota.generate_button, Qt.MouseButton.LeftButton)
    qtmodeltester.check(rota.days_model)
    qtmodeltester.check(rota.counts_model)
    first = rota.days_model.row(0)
    assert first["date"] == "2026-05-01" and first["command_24h"]
    assert first["day_class"] == "holiday" and "劳动节" in first["day_label"]
    counts = {rota.counts_model.row(r)["officer"]: rota.counts_model.row(r)
              for r in range(rota.counts_model.rowCount())}
    command = [counts[c]["command_24h"] for c in ("004106", "004107", "004108", "004109")]
    assert sum(command) == 31 and max(command) - min(command) <= 1
    # a second press asks before replacing
    qtbot.mouseClick(rota.generate_button, Qt.MouseButton.LeftButton)
    assert not rota.replace_button.isHidden() and rota.message.property("kind") == "warning"
    rota.days.setCurrentIndex(rota.days_model.index(3, 0))
    holder = rota.edit_replaces.currentData()
    assert holder is not None
    replacement = next(c for c in ("004106", "004107", "004108", "004109")
                       if c != holder and c not in rota.days_model.row(3)["command_24h"]
                       and c not in rota.days_model.row(3)["night_standby"])
    rota.edit_officer.setCurrentIndex(rota.edit_officer.findData(replacement))
    qtbot.mouseClick(rota.edit_button, Qt.MouseButton.LeftButton)
    assert rota.message.property("kind") == "ok", rota.message.text()
    assert replacement in rota.days_model.row(3)["command_24h"]
    pdf = tmp_path / "rota.pdf"
    pages = rota.print_to(pdf)
    document = QPdfDocument()
    document.load(str(pdf))
    assert pages and document.pageCount() == pages
    assert "值班备勤表" in document.getAllText(0).text()


def test_pairs_tab_keeps_history(qtbot, qtmodeltester, tmp_path) -> None:
    page = page_for(qtbot, tmp_path)
    page.tabs.setCurrentWidget(page.pairs_tab)
    pairs = page.pairs_tab
    qtmodeltester.check(pairs.model)
    assert pairs.model.rowCount() == 6
    pairs.beat.setCurrentIndex(pairs.beat.findData("B03"))
    pairs.a.setCurrentIndex(pairs.a.findData("004102"))
    pairs.b.setCurrentIndex(pairs.b.findData("004101"))
    pairs.valid_from.setDate(pairs.valid_from.date().addDays(10))
    qtbot.mouseClick(pairs.save_button, Qt.MouseButton.LeftButton)
    assert pairs.message.property("kind") == "ok", pairs.message.text()
    qtmodeltester.check(pairs.history_model)
    assert pairs.history_model.rowCount() == 2
    assert [pairs.history_model.row(r)["b"] for r in range(2)] == ["004100", "004101"]
    pairs.b.setCurrentIndex(pairs.b.findData("004102"))  # A and B the same: refused
    qtbot.mouseClick(pairs.save_button, Qt.MouseButton.LeftButton)
    assert pairs.message.property("kind") == "error" and "same person" in pairs.message.text()


def test_staffing_for_leadership_only(qtbot, qtmodeltester, tmp_path, monkeypatch) -> None:
    page = page_for(qtbot, tmp_path)
    assert page.staffing_tab is not None
    page.tabs.setCurrentWidget(page.staffing_tab)
    qtmodeltester.check(page.staffing_tab.model)
    checks = [page.staffing_tab.model.row(r)["check"]
              for r in range(page.staffing_tab.model.rowCount())]
    assert len(checks) == 6 and "time_in_beat" in checks
    first = page.staffing_tab.model.row(0)
    assert first["article"] == "Art. 5" and "/" in first["summary"]
    monkeypatch.setattr(roster_staffing, "current", lambda: "zh_CN")
    page.staffing_tab.refresh()
    committees = page.staffing_tab.model.row(checks.index("security_committees"))
    assert committees["article"] == "第13条" and "个治保会中" in committees["summary"]
    (tmp_path / "duty").mkdir()
    duty_page = page_for(qtbot, tmp_path / "duty", user="duty")
    assert duty_page.staffing_tab is None
    assert not duty_page.pairs_tab.save_button.isEnabled()


def test_month_keys_and_buttons(qtbot, tmp_path) -> None:
    page = page_for(qtbot, tmp_path)
    show_active(qtbot, page)
    assert page.month_label.text() == "2026-03"
    page.month_tab.grid.view.setFocus()
    qtbot.keyClick(page.month_tab.grid.view, Qt.Key.Key_PageDown,
                   Qt.KeyboardModifier.ControlModifier)
    assert page.month_label.text() == "2026-04"
    page.step_month(-5)
    assert page.month_label.text() == "2025-11"
    month_read(qtbot)
    assert page.month_tab.grid.model.columnCount() == 30
    qtbot.mouseClick(page.today_button, Qt.MouseButton.LeftButton)
    assert page.month_label.text() == "2026-03"


def test_warnings_are_said_in_chinese(qtbot, qapp, tmp_path) -> None:
    from desktop import i18n

    i18n.install(qapp, "zh_CN")
    try:
        page = page_for(qtbot, tmp_path)
        page.tabs.setCurrentWidget(page.pairs_tab)
        pairs = page.pairs_tab
        pairs.beat.setCurrentIndex(pairs.beat.findData("B01"))  # a beat of team SQ1
        pairs.a.setCurrentIndex(pairs.a.findData("004100"))
        pairs.b.setCurrentIndex(pairs.b.findData("004103"))  # of team SQ2
        pairs.valid_from.setDate(pairs.valid_from.date().addDays(10))
        pairs.save()
        text = pairs.message.text()
        assert pairs.message.property("kind") == "warning", text
        assert "B角 004103 不属于警务区 B01 所在的队" in text
    finally:
        i18n.install(qapp, "en")


def test_the_pair_form_starts_from_the_pair_in_force(qtbot, tmp_path) -> None:
    page = page_for(qtbot, tmp_path)
    page.tabs.setCurrentWidget(page.pairs_tab)
    pairs = page.pairs_tab
    shown = {pairs.model.row(r)["beat"]: pairs.model.row(r) for r in range(pairs.model.rowCount())}
    beat = pairs.beat.currentData()
    assert (pairs.a.currentData(), pairs.b.currentData()) == (shown[beat]["a"], shown[beat]["b"])
    pairs.beat.setCurrentIndex(pairs.beat.findData("B04"))
    pairs.beat.activated.emit(pairs.beat.currentIndex())  # as a user choosing it
    assert (pairs.a.currentData(), pairs.b.currentData()) == (shown["B04"]["a"], shown["B04"]["b"])
    assert pairs.history_model.rowCount() >= 1


def test_stepping_on_quickly_shows_the_month_stepped_to(qtbot, tmp_path) -> None:
    page = page_for(qtbot, tmp_path)
    page.step_month(1)
    page.step_month(1)
    page.step_month(-5)  # the answers for April and May come back too late to be shown
    month_read(qtbot)
    assert page.month_label.text() == "2025-12"
    assert page.month_tab.overview is not None
    assert page.month_tab.overview.start == D(2025, 12, 1)
    assert page.month_tab.grid.model.columnCount() == 31
