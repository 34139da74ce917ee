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
