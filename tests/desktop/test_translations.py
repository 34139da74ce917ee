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
    from models.messages import phrase

    i18n.install(qapp, "zh_CN")
    text = describe(Refused(phrase("input.too_long", length=40, limit=32), field="name", row=3))
    assert text == "第3行，名称：过长（40字，最多32字）"
    unknown = describe(Refused("something new", field="odd_field"))
    assert unknown == "odd_field：something new"
    i18n.install(qapp, "en")


def test_a_refusal_of_rights_names_role_and_action_in_chinese(qapp) -> None:
    import pytest

    from desktop.refusals import describe
    from models.accounts.actor import MANAGERS, Actor
    from models.accounts.records import Role
    from models.errors import Refused
    from models.messages import word

    i18n.install(qapp, "zh_CN")
    try:
        duty = Actor("zhou", Role.DUTY, 1)
        with pytest.raises(Refused) as refused:
            duty.require(*MANAGERS, action=word("action.changing_deadlines"))
        assert describe(refused.value) == "值班员无权修改到场时限（须为所领导、管理员）"
    finally:
        i18n.install(qapp, "en")
