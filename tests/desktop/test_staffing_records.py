"""Training days and security committees recorded from the staffing tab."""

from __future__ import annotations

import datetime as dt

from desktop.pages.roster import RosterPage
from models.roster import staffing_store as staffing_service
from tests.conftest import TODAY
from tests.helpers.gui import demo_session


def _staffing(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    app = demo_session(tmp_path, "leader")
    page = RosterPage(app, today=TODAY)
    qtbot.addWidget(page)
    assert page.staffing_tab is not None
    page.tabs.setCurrentWidget(page.staffing_tab)
    page.staffing_tab.year.setValue(TODAY.year)
    page.staffing_tab.refresh()
    return app, page.staffing_tab


def _training_days(app, code: str) -> float:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from models.roster.schedule_records import TrainingEntry
    from models.station.people import Officer

    with app.transaction() as s:
        total = s.scalar(select(func.coalesce(func.sum(TrainingEntry.days), 0))
                         .join(Officer, Officer.id == TrainingEntry.officer_id)
                         .where(Officer.code == code))
    return float(total or 0)


def test_training_is_recorded_and_counted(qtbot, tmp_path) -> None:
    app, tab = _staffing(qtbot, tmp_path)
    records = tab.records
    assert records.officer.count() > 0 and records.beat.count() == 6
    code = records.officer.currentData()
    before = _training_days(app, code)
    records.on.setDate(records.on.date().fromString(TODAY.isoformat(), "yyyy-MM-dd"))
    records.days.setValue(2.5)
    records.course.setText("接处警实务")
    assert records.record_training(), records.message.text()
    assert records.message.property("kind") == "ok"
    assert _training_days(app, code) == before + 2.5


def test_a_committee_of_two_is_recorded_with_a_warning(qtbot, tmp_path) -> None:
    app, tab = _staffing(qtbot, tmp_path)
    records = tab.records
    records.beat.setCurrentIndex(records.beat.findData("B02"))
    records.committee_name.setText("永安里治保会")
    records.members.setPlainText("甲一\n乙二\n")
    assert records.record_committee()
    assert records.message.property("kind") == "warning" and "3" in records.message.text()
    with app.transaction() as s:
        names = [c["name"] for c in staffing_service.list_committees(s, app.actor.station_id)]
    assert "永安里治保会" in names
    records.members.setPlainText("丙三")
    assert not records.record_committee()  # no name: refused, nothing written
    assert records.message.property("kind") == "error"
    with app.transaction() as s:
        again = staffing_service.list_committees(s, app.actor.station_id)
    assert len(again) == len(names)


def test_dates_are_taken_as_typed(qtbot, tmp_path) -> None:
    _app, tab = _staffing(qtbot, tmp_path)
    tab.records.on.setDate(tab.records.on.date().fromString("2026-02-27", "yyyy-MM-dd"))
    assert tab.records.on.date().toString("yyyy-MM-dd") == dt.date(2026, 2, 27).isoformat()


def test_the_checks_are_said_in_chinese(qtbot, qapp, tmp_path) -> None:
    import re

    from desktop import i18n

    i18n.install(qapp, "zh_CN")
    try:
        _app, tab = _staffing(qtbot, tmp_path)
        rows = [tab.model.row(i) for i in range(tab.model.rowCount())]
        assert len(rows) == 6
        for row in rows:
            text = f"{row['article']} {row['summary']} {row['failing']}"
            assert not re.search(r"\b(of|officers?|residents|days|meet|Art)\b", text), text
            assert row["article"].startswith("第")
    finally:
        i18n.install(qapp, "en")
