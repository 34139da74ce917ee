"""The registry page: registering and recording from the keyboard, refusals naming the
field, corrections struck through, leadership's approval, and the dispute ledger's tab."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from desktop.pages.registry import RegistryPage
from desktop.pages.registry_common import MARKED
from models.alerts import views as alert_views
from models.tasks import registry
from tests.helpers.gui import demo_session, show_active
from widgets.background import settle


def _page(qtbot: Any, tmp_path: Path, user: str = "admin") -> RegistryPage:
    page = RegistryPage(demo_session(tmp_path, user))
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.refresh()
    settle()
    return page


def _ids(page: RegistryPage) -> list[int]:
    return [page.records.model.row(r)["id"] for r in range(page.records.model.rowCount())]


def test_a_record_is_registered_from_the_keyboard(qtbot: Any, tmp_path: Path) -> None:
    page = _page(qtbot, tmp_path)
    show_active(qtbot, page)
    before = set(_ids(page))
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = page.record_form
    assert page.side.currentWidget() is form and form.kind.hasFocus()
    form.kind.setCurrentIndex(form.kind.findData("dv_warning"))
    form.beat.setCurrentIndex(form.beat.findData("B02"))
    form.name.setText("邵望舒")  # QTest types ASCII only
    qtbot.keyClicks(form.phone, "13900002222")
    qtbot.keyClicks(form.start, "2026-02-20")
    qtbot.keyClick(form.start, Qt.Key.Key_Return)
    assert form.message.property("kind") == "ok", form.message.text()
    qtbot.waitUntil(lambda: len(set(_ids(page)) - before) == 1, timeout=5000)
    new = next(iter(set(_ids(page)) - before))
    row = next(page.records.model.row(r) for r in range(page.records.model.rowCount())
               if page.records.model.row(r)["id"] == new)
    assert row["name"] == "邵**" and row["flag"] == "flagged"  # masked; an admin flags at once
    qtbot.waitUntil(lambda: page.detail.record is not None and page.detail.record["id"] == new,
                    timeout=5000)
    assert page.detail.tasks.rowCount() > 0 and "Next due" in page.detail.next_due.text()


def test_a_bad_date_shows_the_fields_message_and_marks_it(qtbot: Any, tmp_path: Path) -> None:
    page = _page(qtbot, tmp_path)
    show_active(qtbot, page)
    form = page.record_form
    page.new_record()
    form.kind.setCurrentIndex(form.kind.findData("bail"))
    form.name.setText("岑向晚")
    form.start.setText("2026-02-30")
    before = _ids(page)
    assert not form.submit()
    assert form.message.property("kind") == "error"
    assert "start" in form.message.text() and "2026-02-30" in form.message.text()
    assert form.start.styleSheet() and form.start.hasFocus()
    form.start.setText("2026-02-01")
    assert not form.submit()  # bail needs its end
    assert "end" in form.message.text() and form.end.styleSheet()
    assert not form.start.styleSheet()
    settle()
    assert _ids(page) == before


def test_an_event_and_its_correction_struck_through(qtbot: Any, tmp_path: Path) -> None:
    page = _page(qtbot, tmp_path)
    app = page.app
    added = app.run(lambda s: registry.add_subject(s, app.actor, {
        "kind": "dv_warning", "beat": "B01", "name": "鲁听澜", "start": "2026-02-20"}))
    page.records.refresh()
    qtbot.waitUntil(lambda: added["id"] in _ids(page), timeout=5000)
    page.records.select(added["id"])
    qtbot.waitUntil(lambda: (page.event_form.record or {}).get("id") == added["id"],
                    timeout=5000)  # not the demo's first record, opened with the page
    page.new_event()
    form = page.event_form
    form.kind.setCurrentIndex(form.kind.findData("visit"))
    assert form.recurrence.isEnabled()
    form.on.setText("2026-02-25")
    form.note.setText("首次回访")
    assert form.submit(), form.message.text()
    qtbot.waitUntil(lambda: page.detail.events.rowCount() == 1, timeout=5000)
    event = page.detail.events.row(0)
    form.correct(event)
    form.on.setText("2026-02-26")
    assert not form.submit()  # a correction needs its reason
    assert "reason" in form.message.text().lower()
    form.reason.setText("日期录错")
    assert form.submit(), form.message.text()
    qtbot.waitUntil(lambda: page.detail.events.rowCount() == 2, timeout=5000)
    rows = [page.detail.events.row(r) for r in range(2)]
    voided = next(r for r, e in enumerate(rows) if e["voided"])
    font = page.detail.events.data(page.detail.events.index(voided, 1), Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.strikeOut()


def test_a_leader_approves_a_flag_asked_for_by_duty_staff(qtbot: Any, tmp_path: Path) -> None:
    duty = _page(qtbot, tmp_path, "duty")
    assert not duty.flags.approve_button.isEnabled()
    form = duty.record_form
    form.kind.setCurrentIndex(form.kind.findData("drug_user"))
    form.beat.setCurrentIndex(form.beat.findData("B03"))
    form.name.setText("阮知秋")
    form.start.setText("2026-01-10")
    assert form.submit(), form.message.text()
    leader = RegistryPage(type(duty.app)(duty.app.engine, duty.app.url, _leader(duty)))
    qtbot.addWidget(leader)
    leader.refresh()
    qtbot.waitUntil(lambda: leader.flags.model.rowCount() > 0, timeout=5000)
    names = [leader.flags.model.row(r)["name"] for r in range(leader.flags.model.rowCount())]
    leader.flags.table.selectRow(names.index("阮**"))
    assert not leader.flags.decide(False)  # rejecting needs a reason
    assert leader.flags.reason.styleSheet()
    assert leader.flags.decide(True), leader.flags.message.text()
    qtbot.waitUntil(lambda: "阮**" not in [leader.flags.model.row(r)["name"] for r in
                                          range(leader.flags.model.rowCount())], timeout=5000)


def _leader(page: RegistryPage) -> Any:
    from models.accounts import users
    from models.demo.generate import DEMO_PASSWORD

    with page.app.transaction() as s:
        actor, _reason = users.authenticate(s, "leader", DEMO_PASSWORD)
    return actor


def test_the_disputes_tab_opens_follows_up_and_prints(qtbot: Any, tmp_path: Path) -> None:
    page = _page(qtbot, tmp_path)
    app = page.app
    alerts = app.run(lambda s: alert_views.list_alerts(s, app.actor))
    dispute = next(a for a in alerts if a["category"] == "dispute")
    tab = page.disputes
    tab.alert_ref.setText(dispute["number"])
    assert tab.from_alert(), tab.message.text()
    assert tab.current is not None and tab.current["alerts"][0] == dispute["number"]
    qtbot.waitUntil(lambda: tab.model.rowCount() >= 1, timeout=5000)
    tab.follow_on.setText("2099-01-01")
    tab.follow_note.setText("回访")
    assert not tab.follow_up()
    assert tab.follow_on.styleSheet() and tab.message.property("kind") == "error"
    tab.follow_on.setText(tab.current["opened_on"])
    assert tab.follow_up(), tab.message.text()
    assert tab.current["follow_ups"] == 1
    tab.state.setCurrentIndex(tab.state.findData("referred"))
    assert not tab.change_state()
    assert tab.state_note.styleSheet() and not tab.follow_note.styleSheet()
    assert "note" in tab.message.text()
    tab.state_note.setText("分流至人民调解委员会")
    assert tab.change_state(), tab.message.text()
    tab.preview_screening()
    qtbot.waitUntil(lambda: bool(tab.pdf), timeout=15000)
    assert tab.pdf.startswith(b"%PDF") and tab.pdf_count >= 1
    assert tab.save_to(tmp_path / "screening.pdf")
    assert (tmp_path / "screening.pdf").read_bytes() == tab.pdf


def test_a_dispute_opened_by_hand_and_the_bad_field_marked(qtbot: Any, tmp_path: Path) -> None:
    page = _page(qtbot, tmp_path)
    form = page.disputes.form
    form.beat.setCurrentIndex(form.beat.findData("B04"))
    form.summary.setText("租户与房东因押金纠纷")
    form.parties.setText("甘棠、满庭芳")
    form.deadline.setText("2026-13-01")
    assert not form.submit()
    assert form.deadline.styleSheet() and "2026-13-01" in form.message.text()
    form.deadline.clear()
    assert form.submit(), form.message.text()
    qtbot.waitUntil(lambda: any(page.disputes.model.row(r)["parties"] == ["甘棠", "满庭芳"]
                                for r in range(page.disputes.model.rowCount())), timeout=5000)


def test_unmasking_shows_the_numbers_whole_and_is_audited(qtbot: Any, tmp_path: Path) -> None:
    from sqlalchemy import select

    from models.accounts.audit import AuditEntry

    page = _page(qtbot, tmp_path)
    app = page.app
    added = app.run(lambda s: registry.add_subject(s, app.actor, {
        "kind": "drug_user", "beat": "B01", "name": "祁连山", "start": "2026-02-01",
        "phone": "13900003333"}))
    page.detail.load(added["id"])
    qtbot.waitUntil(lambda: (page.detail.record or {}).get("id") == added["id"], timeout=5000)
    assert "139****3333" in page.detail.header.text()
    assert not page.detail.unmask_button.isHidden()
    page.detail.unmask_button.click()  # no reason given: refused, the field named and marked
    qtbot.waitUntil(lambda: page.detail.unmask_message.text() != "", timeout=5000)
    refused = page.detail.unmask_message.text()
    assert "Reason for unmasking" in refused and "--reason" not in refused  # no command line
    assert page.detail.unmask_reason.styleSheet() == MARKED
    assert "139****3333" in page.detail.header.text()
    page.detail.unmask_reason.setText("核对身份后回访")
    page.detail.unmask_button.click()
    qtbot.waitUntil(lambda: "13900003333" in page.detail.header.text(), timeout=5000)
    assert "祁连山" in page.detail.header.text()
    with app.transaction() as s:
        looks = s.execute(select(AuditEntry.entity_id, AuditEntry.detail).where(
            AuditEntry.action == "subject.unmask")).all()
    assert [(str(e), "核对身份后回访" in d) for e, d in looks] == [(str(added["id"]), True)]
