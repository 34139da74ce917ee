from PySide6.QtGui import QPalette

from desktop.theme import apply_theme


def test_night_theme_shows_what_is_disabled(qapp) -> None:
    apply_theme(qapp, "dark")
    try:
        palette = qapp.palette()
        for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Text,
                     QPalette.ColorRole.WindowText):
            active = palette.color(QPalette.ColorGroup.Active, role)
            disabled = palette.color(QPalette.ColorGroup.Disabled, role)
            assert active.lightness() - disabled.lightness() > 60, role
        assert qapp.property("night") is True
    finally:
        apply_theme(qapp, "light")
    assert qapp.property("night") is False


def _brightest(widget) -> int:  # type: ignore[no-untyped-def]
    image = widget.grab().toImage()
    return max(image.pixelColor(x, y).lightness()
               for x in range(0, image.width(), 2) for y in range(0, image.height(), 2))


def test_night_theme_draws_a_disabled_button_dimmer(qtbot, qapp) -> None:
    from PySide6.QtWidgets import QPushButton

    apply_theme(qapp, "dark")
    try:
        enabled, disabled = QPushButton("派警 Dispatch"), QPushButton("派警 Dispatch")
        disabled.setEnabled(False)
        for button in (enabled, disabled):
            qtbot.addWidget(button)
            button.resize(160, 32)
            button.show()
        assert _brightest(enabled) - _brightest(disabled) > 60
    finally:
        apply_theme(qapp, "light")


def _background_lightness(widget) -> int:  # type: ignore[no-untyped-def]
    image = widget.grab().toImage()
    return image.pixelColor(3, image.height() // 2).lightness()


def test_night_theme_keeps_messages_and_tinted_rows_dark(qtbot, qapp) -> None:
    """A message strip and a late row take the night theme's shades, not the day's pale
    pink under light text."""
    from PySide6.QtCore import Qt

    from widgets.inline_message import InlineMessage
    from widgets.record_table import Column, RecordTableModel
    from widgets.tones import tone_colour

    def shown() -> InlineMessage:
        message = InlineMessage()
        qtbot.addWidget(message)
        message.resize(300, 40)
        message.show_message("error", "逾期 3 项")
        message.show()
        return message

    apply_theme(qapp, "light")
    said_by_day = shown()
    day_background = _background_lightness(said_by_day)
    apply_theme(qapp, "dark")
    try:
        night_background = _background_lightness(shown())
        switched = _background_lightness(said_by_day)  # said by day, still shown at night
        model = RecordTableModel([Column("title", "事项")])
        model.set_rows([{"title": "回访", "late": True}])
        model.set_tint(lambda r: tone_colour("red") if r["late"] else None)
        tint = model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole)
        assert tint.lightness() < 100  # under the night theme's light text
    finally:
        apply_theme(qapp, "light")
    assert switched < 100
    assert day_background > 200 and night_background < 100
