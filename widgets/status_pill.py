"""A word on a coloured pill, with a symbol in front, so no state is told by colour alone.

Used as a label (:class:`StatusPill`) and to paint table cells
(:class:`PillDelegate`, reading the tone from :data:`ToneRole` and the text from the
display role).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import QLabel, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from widgets.tones import tone_colour

#: Item-data role a model uses to give a cell's tone name.
ToneRole = Qt.ItemDataRole.UserRole + 20

_RADIUS = 6


class StatusPill(QLabel):
    """A short word (and symbol) on its tone; reads as plain text to screen readers."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._tone = "neutral"
        self._shade = ""
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMargin(4)

    @property
    def tone(self) -> str:
        return self._tone

    def set_state(self, word: str, tone: str, symbol: str = "") -> None:
        self._tone = tone
        self.setText(f"{symbol} {word}".strip())
        self.setAccessibleName(word)
        self._paint_tone()

    def _paint_tone(self) -> None:
        colour = tone_colour(self._tone)
        shade = colour.name() if colour is not None else ""
        if shade == self._shade:
            return
        self._shade = shade
        if not shade:
            self.setStyleSheet("")
        else:
            self.setStyleSheet(
                f"background-color: {shade}; border-radius: {_RADIUS}px; "
                "padding: 2px 8px; font-weight: bold;"
            )

    def changeEvent(self, event: QEvent) -> None:
        """The theme changed (day ↔ night): the tone's shade for the new one."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange):
            self._paint_tone()


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
