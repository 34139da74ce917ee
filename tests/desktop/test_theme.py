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
