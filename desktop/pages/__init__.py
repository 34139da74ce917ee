"""The pages of the main window, in navigation order.

Each entry names a page, gives its translated title and builds it on first visit, so
the window opens without loading pages nobody looked at. A page is a QWidget with
``key`` and ``refresh()``, built from an :class:`~desktop.session.AppSession`. Only pages
that do something real are listed here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.session import AppSession


@dataclass(frozen=True)
class PageEntry:
    key: str
    title: Callable[[], str]
    build: Callable[[AppSession], QWidget]
    eager: bool = False  # built at sign-in, because its shortcuts work from every page


def _admin(app: AppSession) -> QWidget:
    from desktop.pages.admin import AdminPage

    return AdminPage(app)


def _roster(app: AppSession) -> QWidget:
    from desktop.pages.roster import RosterPage

    return RosterPage(app)


def _registry(app: AppSession) -> QWidget:
    from desktop.pages.registry import RegistryPage

    return RegistryPage(app)


def _documents(app: AppSession) -> QWidget:
    from desktop.pages.documents import DocumentsPage

    return DocumentsPage(app)


def _board(app: AppSession) -> QWidget:
    from desktop.pages.board import BoardPage

    return BoardPage(app)


def _tasks(app: AppSession) -> QWidget:
    from desktop.pages.tasks import TasksPage

    return TasksPage(app)


def _assessment(app: AppSession) -> QWidget:
    from desktop.pages.assessment import AssessmentPage

    return AssessmentPage(app)


def page_entries() -> list[PageEntry]:
    return [
        PageEntry("board", lambda: QCoreApplication.translate("Pages", "Dispatch board"), _board,
                  eager=True),
        # eager: its reminders come on time whichever page is shown
        PageEntry("tasks", lambda: QCoreApplication.translate("Pages", "Tasks"), _tasks,
                  eager=True),
        PageEntry("registry", lambda: QCoreApplication.translate("Pages", "Registry"),
                  _registry),
        PageEntry("assessment", lambda: QCoreApplication.translate("Pages", "Assessment"),
                  _assessment),
        PageEntry("roster", lambda: QCoreApplication.translate("Pages", "Rosters"), _roster),
        PageEntry("documents", lambda: QCoreApplication.translate("Pages", "Documents"),
                  _documents),
        PageEntry("admin", lambda: QCoreApplication.translate("Pages", "Administration"), _admin),
    ]
