"""What the window does with an error nobody caught, instead of a traceback nobody sees.

A refusal that escapes a page (a refresh while the database is gone, say) is said on the
status bar in the interface's language. Anything else is written, with its traceback, to
the log in the per-user data folder and announced on the status bar; the action it
interrupted was one transaction and was rolled back, so nothing was half-written.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow

from desktop import fault_log
from desktop.fault_log import log_path
from desktop.refusals import describe
from models.errors import Refused

SHOWN_MS = 30_000


class UncaughtErrors:
    def __init__(self, window: QMainWindow, log: Path | None = None):
        self.window = window
        self.log = log or log_path()

    def install(self) -> None:
        sys.excepthook = self.handle

    def handle(self, kind: type[BaseException], error: BaseException,
               trace: TracebackType | None) -> None:
        if not shiboken6.isValid(self.window):  # closing: the log and the terminal only
            self._write(kind, error, trace)
            sys.__excepthook__(kind, error, trace)
            return
        if isinstance(error, Refused):
            self.window.statusBar().showMessage(describe(error), SHOWN_MS)
            return
        written = self._write(kind, error, trace)
        self.window.statusBar().showMessage(QCoreApplication.translate(
            "UncaughtErrors", "Something went wrong ({0}); nothing was half-written. "
            "The details are in {1}").format(kind.__name__, written), SHOWN_MS)
        sys.__excepthook__(kind, error, trace)

    def _write(self, kind: type[BaseException], error: BaseException,
               trace: TracebackType | None) -> str:
        written = fault_log.write(kind, error, trace, self.log)
        if written is None:
            return QCoreApplication.translate("UncaughtErrors", "the terminal (the log "
                                              "could not be written)")
        return str(written)
