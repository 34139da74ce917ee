"""People by name, never by login name: the command line's readable output, the window's
status bar and timeline. The audit log keeps the login name beside the person."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import output
from tests.helpers.cli import Cli
from tests.helpers.demo_archive import restore_demo

PASSWORD = "harbour-lamp-2026"
PEOPLE = {"duty": "周立新", "auditor": "林晓雯"}


def test_readable_output_shows_people_json_keeps_accounts(capsys) -> None:
    shown = {"number": "QSQ-1", "history": [
        {"kind": "status", "status": "received", "recorded_by": "duty",
         "recorded_by_name": "周立新", "note": "phone"},
        {"kind": "overdue", "status": None, "recorded_by": "system", "note": ""}]}
    text = output.record(shown, "zh_CN", people=PEOPLE)
    assert "周立新" in text and "系统" in text
    assert "duty" not in text and "system" not in text and "recorded_by_name" not in text
    english = output.record(shown, "en", people=PEOPLE)
    assert "the system" in english and " duty" not in english
    output.emit(shown, True, "zh_CN", people=PEOPLE)
    assert json.loads(capsys.readouterr().out)["history"][0]["recorded_by"] == "duty"


def test_the_audit_log_shows_the_person_and_the_login_name() -> None:
    rows = [{"id": 1, "actor": "auditor", "action": "login"},
            {"id": 2, "actor": "system", "action": "alert.overdue"}]
    text = output.table([output._readable(r, "zh_CN", output.ENUM_WORDS, None, PEOPLE)
                         for r in rows], "zh_CN")
    assert "林晓雯（auditor）" in text and "系统（system）" in text


@pytest.fixture
def cli(db_url: str, capsys, monkeypatch) -> Cli:
    cli = Cli(db_url, capsys, monkeypatch, PASSWORD)
    restore_demo(db_url, seed=2026)
    return cli


def test_alert_show_names_whoever_recorded_each_step(cli: Cli, monkeypatch,
                                                     tmp_path: Path) -> None:
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    alerts = cli("alert", "list", "--json").json()
    late = next(a for a in alerts if a["overdue"])
    shown = cli("alert", "show", str(late["id"]))
    assert shown.code == 0, shown.err
    timeline = shown.out.split("时间线：")[1].split("派警记录：")[0]
    assert "系统" in timeline and "周立新" in timeline  # the demo steps were the duty officer's
    assert " system " not in timeline and " duty " not in timeline
    assert "nobody on the scene" not in timeline  # the sweep's own step, in Chinese
    as_json = cli("alert", "show", str(late["id"]), "--json").json()
    accounts = {h["recorded_by"] for h in as_json["history"]}
    assert "system" in accounts  # scripts still match on the account


def test_the_status_bar_shows_the_person(qtbot, tmp_path) -> None:
    from PySide6.QtCore import QSettings

    from desktop.mainwindow import MainWindow
    from tests.helpers.gui import demo_session

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(demo_session(tmp_path, "duty"), settings)
    qtbot.addWidget(window)
    assert "周立新" in window.user_label.text() and "duty" not in window.user_label.text()
    assert "duty" in window.user_label.toolTip()


@pytest.mark.parametrize(("user", "opens"), [("duty", "board"), ("leader", "assessment")])
def test_after_sign_in_the_window_opens_on_the_right_page(qtbot, tmp_path, user, opens) -> None:
    """Duty staff start on the board whatever was shown last; leadership on the page they
    left; nobody on the page another account left."""
    from PySide6.QtCore import QSettings

    from desktop import settings as opts
    from desktop.mainwindow import MainWindow
    from tests.helpers.gui import demo_session

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    opts.last_page(user).set(settings, "assessment")
    opts.last_page("admin").set(settings, "roster")  # another account's: never restored
    window = MainWindow(demo_session(tmp_path, user), settings)
    qtbot.addWidget(window)
    keys = [e.key for e in window.entries]
    assert keys[window.nav.currentRow()] == opens
    window.nav.setCurrentRow(keys.index("roster"))
    assert opts.last_page(user).get(settings) == "roster"
    again = MainWindow(window.app, settings)
    qtbot.addWidget(again)
    assert [e.key for e in again.entries][again.nav.currentRow()] == (
        "board" if user == "duty" else "roster")
    window.sync.stop()
    again.sync.stop()


SNAKE = r"(?<![\w./-])[a-z]+_[a-z_]+(?![\w])"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_task_subject_and_event_outputs_say_every_label_and_enum(cli: Cli, monkeypatch,
                                                                 language: str) -> None:
    import re

    monkeypatch.setenv("COMMAND_ROOM_LANG", language)
    due = cli("tasks", "due", "--date", "2026-03-02", "--json").json()
    covered = next(t for t in due if t["covering"])
    assert covered["covering"] in ("a_on_duty", "b_covers", "partner_covers", "substitute")
    subject = next(t["subject"] for t in due if t["subject"])
    outputs = [cli("task", "show", str(covered["id"])), cli("tasks", "due", "--date", "2026-03-02"),
               cli("subject", "show", str(subject)), cli("subject", "list")]
    for shown in outputs:
        assert shown.code == 0, shown.err
        assert "True" not in shown.out and "False" not in shown.out
        assert covered["covering"] not in shown.out  # the coverage said as words
        for line in shown.out.splitlines():
            if language == "zh_CN" and line and not line.startswith("-"):
                label = line.split("  ")[0]
                assert not re.fullmatch(r"[a-z_]+", label), (label, line)  # a Chinese label
    if language == "zh_CN":
        task = outputs[0].out
        assert "剩余天数" in task and "规范依据" in task and ("是" in task or "否" in task)
        assert re.search(SNAKE, outputs[3].out.splitlines()[2]) is None  # subject kinds as words


def test_a_person_called_by_the_role_word_is_named_once(qtbot, qapp, tmp_path) -> None:
    from PySide6.QtCore import QSettings
    from sqlalchemy import update

    from desktop import i18n
    from desktop.mainwindow import MainWindow
    from desktop.role_words import signed_in
    from models.accounts.records import User
    from models.storage import db
    from tests.helpers.gui import demo_session

    i18n.install(qapp, "zh_CN")
    try:
        assert signed_in("管理员", "admin") == "当前用户：管理员"
        assert signed_in("周立新", "duty") == "当前用户：周立新（值班员）"
        assert signed_in("管理员", "auditor") == "当前用户：管理员（审计员）"
        session = demo_session(tmp_path, "admin")
        with db.session_scope(session.engine) as s:  # as `init` makes it: called 管理员
            s.execute(update(User).where(User.name == "admin").values(display_name="管理员"))
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(session, settings)
        qtbot.addWidget(window)
        shown = window.user_label.text()
        assert window.person == "管理员" and shown == "当前用户：管理员"
        assert shown.count("管理员") == 1 and "admin" in window.user_label.toolTip()
        window.sync.stop()
    finally:
        i18n.install(qapp, "en")
    assert signed_in("管理员", "admin") == "Signed in: 管理员 (Administrator)"
