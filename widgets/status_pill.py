"""A word on a coloured pill, with a symbol in front, so no state is told by colour alone.

Used as a label (:class:`StatusPill`) and to paint table cells
(:class:`PillDelegate`, reading the tone from :data:`ToneRole` and the text from the
display role).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from widgets.tones import tone_colour

#: Item-data role a model uses to give a cell's tone name.
ToneRole = Qt.ItemDataRole.UserRole + 20

_RADIUS = 6


class StatusPill(QLabel):
    """A short word (and symbol) on its tone; reads as plain text to screen readers.

    The pill paints itself: a change of state repaints one small widget, where a style
    sheet would have the whole pane polished and laid out again."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._tone = "neutral"
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMargin(4)
        font = QFont(self.font())
        font.setBold(True)
        self.setFont(font)

    @property
    def tone(self) -> str:
        return self._tone

    def set_state(self, word: str, tone: str, symbol: str = "") -> None:
        text = f"{symbol} {word}".strip()
        if text == self.text() and tone == self._tone:
            return
        self._tone = tone
        self.setText(text)
        self.setAccessibleName(word)
        self.update()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width() + 16, hint.height() + 4)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        colour = tone_colour(self._tone)  # the theme's shade, asked at each paint
        if colour is None or not self.text():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(self.rect().adjusted(1, 1, -1, -1), _RADIUS, _RADIUS)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        flags = int(Qt.AlignmentFlag.AlignCenter)
        if self.wordWrap():  # as the label measured it: wrapped, never cut off at the edge
            flags |= int(Qt.TextFlag.TextWordWrap)
        painter.drawText(self.rect().adjusted(self.margin(), 0, -self.margin(), 0), flags,
                         self.text())
        painter.end()


class PillDelegate(QStyledItemDelegate):
    """Paints a cell's text on a rounded pill of its tone (from :data:`ToneRole`)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        colour = tone_colour(str(index.data(ToneRole) or "neutral"))
        if colour is None:
            super().paint(painter, option, index)
            return
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        rect: QRect = option.rect.adjusted(2, 3, -2, -3)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(rect, _RADIUS, _RADIUS)
        painter.setPen(option.palette.color(QPalette.ColorRole.Text))
        font = QFont(option.font)  # a copy: the option's own font belongs to the view
        font.setBold(True)
        painter.setFont(font)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        painter.drawText(rect.adjusted(6, 0, -6, 0), int(Qt.AlignmentFlag.AlignCenter), text)
        painter.restore()
