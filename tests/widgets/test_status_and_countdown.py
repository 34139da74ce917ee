from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import QListView

from widgets.countdown import CountdownBadge, format_left
from widgets.status_pill import PillDelegate, StatusPill, ToneRole
from widgets.tones import tone_colour


def test_format_left():
    assert format_left(0) == "0:00"
    assert format_left(65.9) == "1:05"
    assert format_left(3725) == "1:02:05"
    assert format_left(-190) == "−3:10"


def test_pill_shows_symbol_and_word_on_its_tone(qtbot):
    pill = StatusPill()
    qtbot.addWidget(pill)
    pill.set_state("overdue", "red", "▲")
    assert pill.text() == "▲ overdue"
    assert pill.tone == "red"
    pill.resize(pill.sizeHint())

    def left_edge():  # inside the rounded corner's reach, on the pill's own colour
        image = pill.grab().toImage()
        return image.pixelColor(8, image.height() // 2).name()

    assert left_edge() == tone_colour("red").name()
    pill.set_state("plain", "neutral")
    assert left_edge() != tone_colour("red").name()


def test_countdown_asks_its_judge_every_tick(qtbot):
    first = [("in time", "green", "●"), ("due soon", "amber", "◆")]
    answers = iter(first + [("x", "red", "▲")] * 50)
    badge = CountdownBadge(interval_ms=20)
    qtbot.addWidget(badge)
    badge.follow(lambda: next(answers))
    assert badge.text() == "● in time"
    qtbot.waitUntil(lambda: badge.tone == "red", timeout=2000)
    badge.follow(None)
    assert badge.text() == "" and badge.tone == "neutral"


class _Tones(QAbstractListModel):
    rows = (("in time", "green"), ("overdue", "red"), ("plain", "neutral"))

    def rowCount(self, parent=QModelIndex()):  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        word, tone = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return word
        if role == ToneRole:
            return tone
        return None


def test_pill_delegate_paints_every_tone(qtbot):
    view = QListView()
    qtbot.addWidget(view)
    model = _Tones()
    view.setModel(model)
    view.setItemDelegate(PillDelegate(view))
    view.resize(200, 120)
    view.show()
    qtbot.waitExposed(view)
    image = view.grab().toImage()
    rect = view.visualRect(model.index(1, 0))
    colour = image.pixelColor(rect.left() + 8, rect.center().y())
    assert colour.red() > colour.green()  # the overdue row sits on red
