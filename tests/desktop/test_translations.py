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


def test_refusals_are_said_in_chinese_naming_the_field(qapp) -> None:
    from desktop.refusals import describe
    from models.errors import Refused

    i18n.install(qapp, "zh_CN")
    text = describe(Refused("is too long (40 characters, at most 32)", field="name", row=3))
    assert text == "第3行，名称：过长（40字，最多32字）"
    unknown = describe(Refused("something new", field="odd_field"))
    assert unknown == "odd_field：something new"
    i18n.install(qapp, "en")
