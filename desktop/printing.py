"""Printing a PDF at true size: one PDF point is one point on paper, no fit-to-page.

Each page is rendered by QtPdf at the printer's resolution into an image exactly the
page's size, and painted at the paper's top-left corner with the printer in full-page
mode, so printer margins never shift or shrink a GB/T 9704 layout.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRect, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from models.errors import Refused
from models.messages import phrase, word

PRINT_DPI = 300


def load_pdf(pdf: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over bytes; keep the buffer alive as long as the document."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise Refused(word("printing.cannot_open"))
    return document, buffer


def prepare_printer(printer: QPrinter) -> None:
    """A4 portrait, full page, no margins, fixed resolution: the page lands 1:1."""
    printer.setResolution(PRINT_DPI)
    printer.setFullPage(True)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                      QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))


def page_rect(printer: QPrinter, size_points: tuple[float, float]) -> QRect:
    """Where a page of ``size_points`` goes on paper, in device pixels: its true size."""
    dpi = printer.resolution()
    width = round(size_points[0] * dpi / 72)
    height = round(size_points[1] * dpi / 72)
    return QRect(0, 0, width, height)


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Send every page to ``printer``; returns the pages printed or refuses with the reason."""
    document, _buffer = load_pdf(pdf)
    painter = QPainter()
    if not painter.begin(printer):
        raise Refused(word("printing.cannot_start"))
    try:
        for page in range(document.pageCount()):
            if page and not printer.newPage():
                raise Refused(phrase("printing.stopped", page=page + 1, sent=page,
                                     pages=document.pageCount()))
            size = document.pagePointSize(page)
            target = page_rect(printer, (size.width(), size.height()))
            image = document.render(page, QSize(target.width(), target.height()))
            if image.isNull():
                raise Refused(phrase("printing.page_not_drawn", page=page + 1))
            painter.drawImage(target, image)
    finally:
        painter.end()
    return document.pageCount()
