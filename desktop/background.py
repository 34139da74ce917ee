"""Database work off the window's thread: one transaction of its own, refusals said.

:func:`query` is :class:`widgets.background.Op` for the pages: the work receives a
session opened on the worker thread for that work alone (never the window's), and
runs in one transaction. What comes back is split the way the window treats errors
everywhere else: a :class:`~models.errors.Refused` goes to ``refused`` (by default, said
on the window's status bar), anything else is a fault and goes to ``sys.excepthook``,
the uncaught-error path of ``desktop/uncaught.py`` (logged, announced, rolled back).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QWidget
from sqlalchemy.orm import Session

from desktop.refusals import describe
from desktop.session import AppSession
from models.errors import Refused
from widgets.background import Op

T = TypeVar("T")
SHOWN_MS = 30_000


def say_on_status_bar(widget: QWidget, refusal: Refused) -> None:
    """The usual place for a refusal nobody asked to show elsewhere."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(describe(refusal), SHOWN_MS)


def query(
    parent: QWidget,
    app: AppSession,
    work: Callable[[Session], T],
    refused: Callable[[Refused], None] | None = None,
    *,
    writes: bool = True,
) -> Op[T]:
    """An :class:`Op` running ``work`` in a transaction of its own on a worker thread.

    ``writes=False`` (see :func:`read`) runs it in a read-only transaction, which takes
    no write lock."""

    def in_transaction() -> T:
        if not writes:
            return app.read(work)
        with app.transaction() as session:
            return work(session)

    def failed(error: BaseException) -> None:
        if isinstance(error, Refused):
            if refused is not None:
                refused(error)
            else:
                say_on_status_bar(parent, error)
            return
        sys.excepthook(type(error), error, error.__traceback__)

    return Op(parent, in_transaction).failure(failed)


def read_only(
    parent: QWidget,
    app: AppSession,
    work: Callable[[Session], T],
    refused: Callable[[Refused], None] | None = None,
) -> Op[T]:
    """:func:`query` for work that only reads (a board, a list, a chart)."""
    return query(parent, app, work, refused, writes=False)


def loading() -> str:
    return QCoreApplication.translate("Background", "Loading…")
