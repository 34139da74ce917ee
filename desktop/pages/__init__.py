"""The pages of the main window, in navigation order.

A page is a QWidget with ``key`` (stable, used in settings), ``title()`` and ``refresh()``,
built from an :class:`~desktop.session.AppSession`. Only pages that do something real
are listed here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from desktop.session import AppSession

PageFactory = Callable[[AppSession], QWidget]


def page_factories() -> list[PageFactory]:
    from desktop.pages.admin import AdminPage
    from desktop.pages.board import BoardPage

    return [BoardPage, AdminPage]
