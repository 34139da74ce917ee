"""What the registry page's parts share: domain words said in the window's language, date
fields typed as text (so a wrong date reaches the service and is named), and refusals
shown inline with the field at fault marked."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget

from desktop import i18n
from models.errors import Refused
from models.messages import Phrase, say, say_refusal, word
from widgets.inline_message import InlineMessage

MARKED = "border: 2px solid #b3261e;"


def said(value: object) -> str:
    """A domain value as the window shows it: a phrase said, anything else as text."""
    if isinstance(value, Phrase):
        return say(value, i18n.current())
    return "" if value is None else str(value)


def term(prefix: str, code: str | None) -> str:
    """A catalogue word (``subject_kind.bail``, ``dispute_state.open``) in the window's language."""
    return say(word(f"{prefix}.{code}"), i18n.current()) if code else ""


def line_field(max_length: int, placeholder: str = "") -> QLineEdit:
    """A one-line text field holding at most ``max_length`` characters."""
    field = QLineEdit()
    field.setMaxLength(max_length)
    if placeholder:
        field.setPlaceholderText(placeholder)
    return field


def date_field(placeholder: str = "YYYY-MM-DD") -> QLineEdit:
    field = QLineEdit()
    field.setPlaceholderText(placeholder)
    field.setMaxLength(10)
    return field


class FieldMarks:
    """Shows a refusal in ``message`` and marks the widget of the field it names."""

    def __init__(self, message: InlineMessage, fields: Mapping[str, QWidget]) -> None:
        self.message, self.fields = message, dict(fields)

    def clear(self) -> None:
        for widget in self.fields.values():
            widget.setStyleSheet("")
            widget.setToolTip("")

    def refused(self, refusal: Refused) -> None:
        self.clear()
        text = say_refusal(refusal, i18n.current())
        self.message.show_message("error", text)
        widget = self.fields.get(refusal.field or "")
        if widget is not None:
            widget.setStyleSheet(MARKED)
            widget.setToolTip(text)
            widget.setFocus()

    def done(self, text: str) -> None:
        self.clear()
        self.message.show_message("ok", text, 8000)


def run_action(app: Any, marks: FieldMarks, action: Any, topic: str) -> Any:
    """One write through ``AppSession.run``; a refusal is shown and None returned."""
    try:
        return app.run(action, topic=topic)
    except Refused as refusal:
        marks.refused(refusal)
        return None
