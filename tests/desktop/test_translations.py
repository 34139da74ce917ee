from PySide6.QtCore import QCoreApplication

from desktop import i18n


def test_chinese_is_the_default_translation(qapp) -> None:
    assert i18n.install(qapp, "zh_CN")
    assert QCoreApplication.translate("AdminPage", "Officers") == "人员"
    i18n.install(qapp, "en")
    assert QCoreApplication.translate("AdminPage", "Officers") == "Officers"


def test_cjk_font_is_registered(qapp) -> None:
    from desktop import fonts

    families = fonts.register_cjk_fonts()
    assert families, "no font that can show Chinese was found or shipped"
