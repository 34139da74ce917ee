"""The dispatch board: item models, intake to dispatch by keyboard, overdue, conflicts."""

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desktop import alert_words
from desktop.mainwindow import MainWindow
from desktop.pages.board import BoardPage
from desktop.pages.board_models import BoardFilter, BoardModel, ProposalModel, TimelineModel
from models.alerts import board, sending, taking
from models.alerts.records import Alert, DispatchRecord
from models.station.people import Officer
from models.station.station import Beat, BeatCommunity
from models.storage import db
from tests.helpers.gui import demo_session, show_active
from widgets.background import under_way


def take(app, minutes_ago=1.0, **changes):
    with db.session_scope(app.engine) as s:
        community = s.scalars(select(BeatCommunity.name).join(Beat).where(Beat.code == "B02")
                              ).first()  # fmt: skip
        doc = {"source": "phone", "category": "help", "priority": 2, "community": community,
               "address": "青禾路9号3栋", "description": "a call", "caller_phone": "13900001234",
               "received_at": (dt.datetime.now(dt.UTC)
                               - dt.timedelta(minutes=minutes_ago)).isoformat()}  # fmt: skip
        doc.update(changes)
        return taking.add_alert(s, app.actor, doc).alert


@pytest.fixture
def window(qtbot, tmp_path):
    app = demo_session(tmp_path)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(app, settings)
    qtbot.addWidget(win)
    yield win
    win.sync.stop()


def shown(qtbot, page, alert_id) -> None:
    """The detail pane reads an alert chosen in the list off the window's thread."""
    qtbot.waitUntil(lambda: page.detail.current is not None
                    and page.detail.current.view["id"] == alert_id, timeout=15000)


def page_of(window) -> BoardPage:
    page = window.page("board")
    assert isinstance(page, BoardPage)
    return page


def test_the_board_is_home_and_its_models_are_sound(qtbot, qtmodeltester, window):
    page = page_of(window)
    take(window.app, category="dispute", priority=1)
    page.reload()
    assert window.stack.currentWidget() is page
    qtmodeltester.check(page.model)
    page.select(page.model.rows()[0].id)
    shown(qtbot, page, page.model.rows()[0].id)
    qtmodeltester.check(page.detail.proposal)
    qtmodeltester.check(page.detail.timeline)
    assert page.detail.proposal.rowCount() > 0
    assert page.detail.timeline.rowCount() >= 1


def test_rows_sort_by_time_left_and_filter(qtbot, window):
    page = page_of(window)
    late = take(window.app, minutes_ago=4, category="criminal_case", priority=1)
    calm = take(window.app, minutes_ago=1, category="help", priority=3, address="柳岸小区5栋")
    page.reload()
    order = [r.id for r in page.model.rows()]
    assert order.index(late.id) < order.index(calm.id)
    page.category.setCurrentIndex(page.category.findData("help"))
    assert {r.category for r in page.model.rows()} == {"help"}
    assert calm.id in [r.id for r in page.model.rows()]
    text = page.model.index(page.model.row_of(calm.id), BoardModel.LEFT).data()
    assert "in time" in text  # a word, not colour alone


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_intake_to_dispatch_by_keyboard_alone(qtbot, window):
    page = page_of(window)
    window.nav.setCurrentRow(1)  # start on another page: F2 works from anywhere
    show_active(qtbot, window)
    qtbot.keyClick(window.nav, Qt.Key.Key_F2)
    assert window.stack.currentWidget() is page and page.intake.isVisible()
    community = page.choices.communities[0][0]

    def focused():
        return QApplication.focusWidget()

    def typed(text):
        if text.isascii():
            qtbot.keyClicks(focused(), text)
        else:  # Chinese comes in through the input method, as on a real keyboard
            event = QInputMethodEvent("", [])
            event.setCommitString(text)
            QApplication.sendEvent(focused(), event)
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)

    qtbot.waitUntil(lambda: focused() is page.intake.source)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # came in by: phone call (the default)
    typed(community)
    typed("幸福路12号3栋201")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # category: dispute (the default)
    qtbot.keyClick(focused(), Qt.Key.Key_Up)  # priority: 1 urgent
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    typed("two neighbours shouting on the landing")
    typed("韩晓东；邵美玲")
    typed("韩晓东")
    qtbot.keyClicks(focused(), "13900001234")
    qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.detail.current is not None, timeout=5000)
    number = page.detail.current.view["number"]
    assert "Recorded" in page.intake.message.text()
    assert page.detail.current.view["priority"] == 1
    expected = [r.code for r in page.detail.current.proposal.to_send]
    assert len(expected) == 2  # a dispute happening now needs two

    qtbot.keyClick(focused(), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.detail.current.view["status"] == "dispatched"
                    and not page.detail.writing(), timeout=5000)  # shown at once, then written
    with db.session_scope(window.app.engine) as s:
        alert = s.scalar(select(Alert).where(Alert.number == number))
        sent = s.scalars(select(Officer.code).join(DispatchRecord,
                         DispatchRecord.officer_id == Officer.id)
                         .where(DispatchRecord.alert_id == alert.id)
                         .order_by(DispatchRecord.id)).all()  # fmt: skip
    assert alert.status == "dispatched"
    assert list(sent) == expected

    # Ctrl+P: the dispatch order, numbered, shown in the documents page to print
    page.select(alert.id)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    documents = window.page("documents")
    # numbered and drawn off the window's thread, as the documents page issues
    qtbot.waitUntil(lambda: window.stack.currentWidget() is documents, timeout=20000)
    assert documents.current_number and documents.current_pdf.startswith(b"%PDF")


def test_the_time_of_a_call_is_when_its_first_field_is_typed(qtbot, window):
    from PySide6.QtCore import QDateTime

    page = page_of(window)
    page.open_intake()
    intake = page.intake
    hour_ago = QDateTime.currentDateTime().addSecs(-3600)
    intake.received_at.blockSignals(True)  # as if the form had stood open for an hour
    intake.received_at.setDateTime(hour_ago)
    intake.received_at.blockSignals(False)
    intake.address.textEdited.emit("青")  # the first keystroke of a new call
    assert abs(intake.received_at.dateTime().secsTo(QDateTime.currentDateTime())) <= 2
    intake.clear()
    intake.received_at.setDateTime(hour_ago)  # the officer enters when the call came in
    intake.address.textEdited.emit("青")
    assert intake.received_at.dateTime() == hour_ago
    intake.address.setText("青禾路9号3栋")
    intake.description.setPlainText("a call")
    intake.beat.setCurrentIndex(1)
    intake.record()
    assert "Recorded" in intake.message.text()
    with db.session_scope(window.app.engine) as s:
        received = s.scalars(select(Alert.received_at).order_by(Alert.id.desc())).first()
    assert abs(received.timestamp() - hour_ago.toSecsSinceEpoch()) <= 1
    with db.session_scope(window.app.engine) as s:
        newest = s.scalars(select(Alert.id).order_by(Alert.id.desc())).first()
    shown(qtbot, page, newest)
    timeline = page.detail.timeline
    assert timeline.data(timeline.index(0, 4)) == alert_words.source("phone") != "phone"
    # ready for the next call: the old time is not kept
    assert abs(intake.received_at.dateTime().secsTo(QDateTime.currentDateTime())) <= 2
    assert not intake.time_set_by_hand


def test_unresolvable_place_asks_for_the_beat(qtbot, window):
    page = page_of(window)
    page.open_intake()
    page.intake.address.setText("somewhere by the river")
    page.intake.description.setPlainText("a call")
    page.intake.record()
    assert "pick the beat" in page.intake.message.text()
    assert QApplication.focusWidget() is page.intake.beat or not window.isActiveWindow()


def test_overdue_is_announced_once_and_highlighted(qtbot, window):
    page = page_of(window)
    late = take(window.app, minutes_ago=90, category="criminal_case", priority=1)
    page.sweep()  # off the window's thread; the board read again after it
    qtbot.waitUntil(lambda: any(late.number in text for text in page.announcements))
    assert late.id in page.model.highlighted
    count = len(page.announcements)
    page.sweep()
    qtbot.waitUntil(lambda: not under_way())
    page.reload()
    assert len(page.announcements) == count
    page.select(late.id)
    assert late.id not in page.model.highlighted
    assert "OVERDUE" in page.model.index(page.model.row_of(late.id), BoardModel.LEFT).data()


def test_second_workstation_is_told_who_changed_the_alert(qtbot, window):
    page = page_of(window)
    alert = take(window.app)
    page.reload()
    page.select(alert.id)
    shown(qtbot, page, alert.id)
    with db.session_scope(window.app.engine) as s:  # another workstation acts first
        sending.dispatch(s, window.app.actor, alert.number)
    assert page.detail.step_to("cancelled") is True  # asked: shown at once, then written
    assert page.detail.current.view["status"] == "cancelled"
    assert page.model.row_of(alert.id) < 0  # a cancelled alert leaves the list at once
    qtbot.waitUntil(lambda: "was changed by admin" in page.detail.message.text())
    # refused: the pane and the row go back to what is true
    qtbot.waitUntil(lambda: page.detail.current is not None
                    and page.detail.current.view["status"] == "dispatched")
    qtbot.waitUntil(lambda: page.model.row_of(alert.id) >= 0 and page.model.index(
        page.model.row_of(alert.id), BoardModel.STATUS).data() == alert_words.status("dispatched"))


def test_override_needs_a_reason(qtbot, window):
    page = page_of(window)
    alert = take(window.app)
    page.reload()
    page.select(alert.id)
    shown(qtbot, page, alert.id)
    page.detail.proposal_view.selectRow(page.detail.proposal.rowCount() - 1)
    assert page.detail.send_selected() is True  # asked; refused once tried
    qtbot.waitUntil(lambda: "reason" in page.detail.message.text())
    qtbot.waitUntil(lambda: page.detail.current is not None and not page.detail.writing()
                    and page.detail.current.view["status"] == "received")
    page.detail.proposal_view.selectRow(page.detail.proposal.rowCount() - 1)
    page.detail.reason.setText("speaks the caller's dialect")
    assert page.detail.send_selected() is True
    qtbot.waitUntil(lambda: "Dispatched" in page.detail.message.text())


def test_filter_model_alone_with_many_rows(qtmodeltester):
    rows = []
    now = dt.datetime.now(dt.UTC)
    for i in range(300):
        rows.append(board.BoardRow(i, f"X-{i:04d}", now, ("help", "dispute", "dispute")[i % 3], 2,
                                   f"B0{i % 6 + 1}", "SQ1", "", "addr", "received",
                                   now + dt.timedelta(seconds=i * 7 % 900),
                                   dt.timedelta(minutes=10), None, False, "", "", 1, False, 1))  # fmt: skip
    model = BoardModel(dt.UTC)
    model.set_rows(rows)
    qtmodeltester.check(model)
    model.set_filter(BoardFilter(beat="B03", category="dispute"))
    shown = model.rows()
    assert shown and all(r.beat == "B03" and r.category == "dispute" for r in shown)
    assert [r.deadline for r in shown] == sorted(r.deadline for r in shown)
    qtmodeltester.check(model)
    assert TimelineModel(dt.UTC).rowCount() == ProposalModel().rowCount() == 0


def test_every_word_of_the_rules_is_in_both_catalogues():
    from models.dispatch.recommend import ABSENCE_WORDS, POST_WORDS
    from models.messages import catalogue

    keys = {w.key for w in (*ABSENCE_WORDS.values(), *POST_WORDS.values())}
    keys |= {f"standing.{code}" for code in alert_words.STANDING_LOOKS}
    keys |= {f"source.{code}" for code in alert_words.SOURCES}
    for language in ("en", "zh_CN"):
        assert keys - set(catalogue(language)) == set(), language


def test_the_alert_words_follow_the_window_language(monkeypatch):
    from models.dispatch.phrase import join, reasons
    from models.messages import phrase, word

    said = (phrase("reason.covers_b", beat="B01", a="004101", why=word("absence.training")),
            phrase("reason.distance", km=1.25))
    assert join(said) == "covers beat B01 today (B for A 004101, on training); 1.2 km away"
    assert alert_words.category("dispute") == "Dispute" and alert_words.priority(1) == "1 urgent"
    monkeypatch.setattr(alert_words, "current", lambda: "zh_CN")
    assert alert_words.phrases(said) == "今日负责警务区 B01（B角，替 A角 004101，其参加培训）；距离 1.2 公里"
    assert alert_words.phrase(reasons(said[:1])).startswith("今日负责警务区 B01")
    assert alert_words.category("dispute") == "纠纷" and alert_words.status("on_scene") == "已到场"
    assert alert_words.standing("overdue") == ("已超时", "red", "✖")
    assert alert_words.post("night_standby") == "夜间备勤" and alert_words.source("patrol") == "巡逻发现"


def test_at_night_the_board_names_who_the_rota_puts_on_duty(qtbot, window):
    from models.alerts import picture

    page = page_of(window)
    cst = dt.timezone(dt.timedelta(hours=8))
    night = dt.datetime(2026, 3, 3, 2, 0, tzinfo=cst)  # the demo keeps a rota for March
    page.show_duty_now(night)
    assert not page.duty_now.isHidden()
    with window.app.transaction() as s:
        duty = picture.on_duty_now(s, window.app.actor.station_id, night)
    assert duty and all(f"{name} {code}" in page.duty_now.text() for code, name, _ in duty)
    page.show_duty_now(dt.datetime(2026, 3, 2, 10, 0, tzinfo=cst))  # working hours
    assert page.duty_now.isHidden()


def test_choosing_rows_quickly_shows_the_last_one_chosen(qtbot, window):
    from widgets import background

    page = page_of(window)
    first, second = take(window.app), take(window.app, category="dispute", priority=1)
    page.reload()
    page.select(first.id)
    shown(qtbot, page, first.id)
    page.select(second.id)
    page.select(first.id)
    page.select(second.id)
    # until the chosen alert is read, nothing can be sent to the one shown before
    assert page.detail.current is None and page.detail.dispatch_recommended() is False
    assert not page.detail.dispatch_button.isEnabled()
    qtbot.waitUntil(lambda: not background._running)  # every answer came back
    assert page.detail.current.view["id"] == second.id
    assert second.number in page.detail.heading.text()
    assert page.detail.dispatch_button.isEnabled()


def test_an_alert_that_cannot_be_read_is_said_in_the_pane(qtbot, window):
    page = page_of(window)
    page.detail.load_alert(987654)  # no such alert (removed meanwhile, say)
    qtbot.waitUntil(lambda: page.detail.message.property("kind") == "error")
    assert page.detail.message.text()
    assert page.detail.current is None and not page.detail.dispatch_button.isEnabled()


def test_a_timeline_entry_the_program_wrote_is_shown_in_the_interface_language(qapp):
    from desktop import i18n
    from models.alerts.views import TimelineEntry
    from models.messages import word

    at = dt.datetime(2026, 3, 1, 1, 0, tzinfo=dt.UTC)
    model = TimelineModel(dt.UTC)
    model.set_entries([
        TimelineEntry("overdue", None, at, at, "system", None, None,
                      "nobody on the scene by the deadline", word("timeline.overdue")),
        TimelineEntry("note", None, at, at, "duty", None, None, "caller rang again"),
    ])
    i18n.install(qapp, "zh_CN")
    try:
        assert model.data(model.index(0, 4)) == "超过到场时限仍无人到场"
        assert model.data(model.index(1, 4)) == "caller rang again"  # a person's words stay theirs
    finally:
        i18n.install(qapp, "en")
    assert model.data(model.index(0, 4)) == "nobody on the scene by the deadline"
