"""What the window calls the accounts' roles, and a person named with their role."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def role_word(role: str) -> str:
    """The role in the window's language (an unknown code as it is)."""
    words = {
        "duty": QCoreApplication.translate("RoleWords", "Duty staff"),
        "leader": QCoreApplication.translate("RoleWords", "Station leadership"),
        "admin": QCoreApplication.translate("RoleWords", "Administrator"),
        "auditor": QCoreApplication.translate("RoleWords", "Auditor"),
        "security_admin": QCoreApplication.translate("RoleWords", "Security administrator"),
    }
    return words.get(role, role)


def signed_in(person: str, role: str) -> str:
    """Who is signed in, with the role beside the person — once, when the person is called
    by the role's own word (the first administrator is called 管理员)."""
    said = role_word(role)
    if person.strip() == said:
        return QCoreApplication.translate("RoleWords", "Signed in: {0}").format(person)
    return QCoreApplication.translate("RoleWords", "Signed in: {0} ({1})").format(person, said)
