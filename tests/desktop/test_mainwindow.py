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
    assert window.nav.count() == len(window.pages) >= 1
    assert "SQLite" in window.db_label.text()
    assert "admin" in window.user_label.text()
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
