"""Intake and dispatch refusals reach the duty officer in Chinese, naming the field."""

import datetime as dt
import re

import pytest
from PySide6.QtCore import QSettings

from desktop import i18n
from desktop.mainwindow import MainWindow
from desktop.pages.board import BoardPage
from desktop.refusals import describe
from models.alerts import progress, sending, taking
from models.errors import Refused
from tests.helpers.gui import demo_session

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORDS = re.compile(r"\b(is|the|not|before|already|give|pick|alert|officer)\b")


@pytest.fixture
def chinese(qapp):
    i18n.install(qapp, "zh_CN")
    yield
    i18n.install(qapp, "en")


def said(refusal: Refused) -> str:
    text = describe(refusal)
    assert CJK.search(text), text
    assert not ENGLISH_WORDS.search(text), f"untranslated: {text!r} (from {refusal!s})"
    return text


def refusal_of(app, action) -> Refused:
    with pytest.raises(Refused) as caught:
        app.run(action)
    return caught.value


def test_every_refusal_of_an_alerts_life_is_said_in_chinese(chinese, tmp_path) -> None:
    from desktop.refusals import show_times_in

    app = demo_session(tmp_path)
    actor = app.actor
    show_times_in(dt.timezone(dt.timedelta(hours=8)))
    now = dt.datetime.now(dt.UTC)
    doc = {"source": "phone", "category": "dispute", "priority": 1, "beat": "B02",
           "address": "青禾路9号", "description": "邻里纠纷",
           "received_at": (now - dt.timedelta(minutes=2)).isoformat()}
    number = app.run(lambda s: taking.add_alert(s, actor, doc)).alert.number
    problems = [
        lambda s: taking.add_alert(s, actor, {**doc, "address": ""}),
        lambda s: taking.add_alert(s, actor, {**doc, "beat": None, "community": "无此村"}),
        lambda s: taking.add_alert(s, actor, {**doc, "received_at": (
            now + dt.timedelta(hours=2)).isoformat()}),
        lambda s: taking.add_alert(s, actor, {**doc, "source": "county_feed"}),
        lambda s: progress.move(s, actor, number, "closed"),  # not yet handled
        lambda s: sending.dispatch(s, actor, number, ["004100", "004100"], reason="x"),
        lambda s: sending.dispatch(s, actor, number, ["004100"]),  # not the recommended
    ]
    texts = []
    for p in problems:
        texts.append(said(refusal_of(app, p)))
    assert texts[0].startswith("地址：")
    assert "无此村" in texts[1]
    app.run(lambda s: sending.dispatch(s, actor, number))
    after = [
        lambda s: sending.dispatch(s, actor, number),  # a second Ctrl+D
        lambda s: progress.move(s, actor, number, "dispatched"),
        lambda s: progress.move(s, actor, number, "received"),
        lambda s: progress.move(s, actor, number, "acknowledged",
                                at=(now - dt.timedelta(hours=3)).isoformat()),
    ]
    texts = [said(refusal_of(app, p)) for p in after]
    assert "增援" in texts[0]
    assert "T" not in texts[3] and re.search(r"\d{2}:\d{2}:\d{2} 早于", texts[3]), texts[3]
    app.run(lambda s: progress.move(s, actor, number, "on_scene"))
    said(refusal_of(app, lambda s: progress.move(s, actor, number, "cancelled")))


def test_a_clock_that_is_no_time_is_refused_in_the_pane(chinese, qtbot, tmp_path) -> None:
    app = demo_session(tmp_path)
    window = MainWindow(app, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    page = window.page("board")
    assert isinstance(page, BoardPage)
    now = dt.datetime.now(dt.UTC)
    alert = app.run(lambda s: taking.add_alert(s, app.actor, {
        "source": "phone", "category": "help", "priority": 2, "beat": "B02",
        "address": "青禾路9号", "description": "求助",
        "received_at": (now - dt.timedelta(minutes=2)).isoformat()})).alert
    page.detail.show_alert(alert.id)
    qtbot.waitUntil(lambda: page.detail.current is not None)
    page.detail.at.setText("25:99")
    assert not page.detail.dispatch_recommended()
    text = page.detail.message.text()
    assert "25:99" in text and "时间：" in text
    window.sync.stop()
