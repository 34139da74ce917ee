from PySide6.QtCore import QSettings

from desktop.mainwindow import MainWindow
from tests.helpers.gui import demo_session


def test_window_shows_pages_and_status_and_remembers_geometry(qtbot, tmp_path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    app = demo_session(tmp_path)
    window = MainWindow(app, settings)
    qtbot.addWidget(window)
    window.resize(701, 503)
    window.show()
    assert window.nav.count() == len(window.entries) >= 1
    assert window.nav.currentRow() >= 0 and window.built  # the current page was built
    assert "SQLite" in window.db_label.text()
    assert window.person in window.user_label.text()  # the person; the login on hover
    assert "admin" in window.user_label.toolTip()
    assert window.monitor.check() is True
    window.close()
    again = MainWindow(app, settings)
    qtbot.addWidget(again)
    assert again.size().width() == 701 and again.size().height() == 503


def test_lost_connection_shows_a_banner(qtbot, tmp_path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    app = demo_session(tmp_path)
    window = MainWindow(app, settings)
    qtbot.addWidget(window)
    window.show()
    app.connection_changed.emit(False, "server closed the connection")
    assert window.banner.isVisible() and "server closed" in window.banner.text()
    app.connection_changed.emit(True, "")
    assert not window.banner.isVisible()


def test_gaps_ahead_are_warned_on_every_page(qtbot, tmp_path) -> None:
    import datetime as dt

    from models.roster import absences
    from models.roster.coverage_store import coverage_on
    from models.station.clock import station_today

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    app = demo_session(tmp_path)
    window = MainWindow(app, settings)
    qtbot.addWidget(window)
    sid = app.actor.station_id
    with app.transaction() as s:
        day = station_today(s, sid) + dt.timedelta(days=3)
        beat = next(c for c in coverage_on(s, sid, day) if not c.gap)
    before = window.gap_button.text() if window.gap_button.isVisibleTo(window) else ""
    # A and B of one beat both away on the same day, three days ahead
    app.run(lambda s: absences.add_absence(s, app.actor, beat.a, day, day, "training"))
    app.run(lambda s: absences.add_absence(s, app.actor, beat.b, day, day, "sick"),
            topic="roster")
    # looked for off the window's thread, the warning shown once the answer is back
    qtbot.waitUntil(lambda: window.gap_button.isVisibleTo(window)
                    and window.gap_button.text() != before)
    assert "14" in window.gap_button.text()
    window.gap_button.click()
    assert window.entries[window.nav.currentRow()].key == "roster"
    roster = window.page("roster")
    first = roster.gaps[0]
    # opened on the first gap's month with its cell chosen, ready to name a substitute
    assert (roster.year, roster.month) == (first.day.year, first.day.month)
    # the month is read off the window's thread; the cell is chosen once it is shown
    qtbot.waitUntil(lambda: roster.month_tab.grid.current() is not None)
    assert roster.month_tab.grid.current() == ("beat:" + first.beat, first.day)
    assert roster.first_gap_button.isVisibleTo(roster)


def test_closing_at_the_sign_in_panel_keeps_the_geometry(qtbot, tmp_path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    window.resize(640, 480)
    window.show()
    assert window.close()  # nobody signed in: nothing to stop, no error
    again = MainWindow(None, settings)
    qtbot.addWidget(again)
    assert (again.size().width(), again.size().height()) == (640, 480)


def test_first_start_on_a_small_screen_fits_the_window_on_it(qtbot, tmp_path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    room = window.screen().availableGeometry()
    assert window.first_run
    window.show_first()
    qtbot.waitExposed(window)
    if room.width() < 1320 or room.height() < 860:  # the offscreen screen is small
        assert window.width() <= room.width() and window.height() <= room.height()
        assert window.isMaximized()
    else:
        assert (window.width(), window.height()) == (1280, 800)


def test_the_pages_built_after_sign_in_keep_the_window_active(qtbot, tmp_path) -> None:
    """The first page is built at sign-in, the other always-ready pages a moment later
    (the Tasks page for its reminders), the rest on first visit: building them opens no
    window of their own (a button made visible before a layout holds it flashes up as one)
    and takes no keys from the one the duty officer is typing into."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.mainwindow import SOON_AFTER_SIGN_IN_MS
    from tests.helpers.gui import show_active

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(demo_session(tmp_path, "leader"), settings)
    qtbot.addWidget(window)
    assert set(window.built) == {"board"}  # only the page shown, at sign-in
    windows_shown: list[str] = []

    class Shown(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (event.type() == QEvent.Type.Show and isinstance(watched, QWidget)
                    and watched.isWindow() and watched is not window):
                windows_shown.append(type(watched).__name__)
            return False

    shown = Shown()
    QApplication.instance().installEventFilter(shown)
    try:
        show_active(qtbot, window)
        qtbot.waitUntil(lambda: "tasks" in window.built, timeout=SOON_AFTER_SIGN_IN_MS + 5000)
        for entry in window.entries:  # and every other page, built on its first visit
            window.page(entry.key)
        qtbot.wait(100)
    finally:
        QApplication.instance().removeEventFilter(shown)
    assert windows_shown == []
    assert QApplication.activeWindow() is window


def test_the_board_is_read_once_as_the_window_fills_and_again_when_shown_again(
        qtbot, tmp_path, monkeypatch) -> None:
    from models.alerts import board

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    app = demo_session(tmp_path)
    reads: list[int] = []
    rows = board.board_rows
    monkeypatch.setattr(board, "board_rows", lambda s, sid: reads.append(sid) or rows(s, sid))
    window = MainWindow(app, settings)
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.built["board"] and len(reads) == 1
    keys = [e.key for e in window.entries]
    window.nav.setCurrentRow(keys.index("tasks"))
    window.nav.setCurrentRow(keys.index("board"))  # back to it: read again, as it is shown
    assert len(reads) == 2
