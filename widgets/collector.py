"""Python's cycle collector run on the window's thread, between events, never in them.

Left automatic, the collector runs wherever an allocation crosses its threshold: in the
middle of a paint (pyqtgraph's scene destroying items it is drawing), or on a worker
thread, destroying Qt objects that belong to the window's thread. Either can crash the
process. The collector is turned off and run from a timer on the window's thread instead,
each generation when its count is past the threshold it had, as it would have run itself.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class CycleCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        self.timer.start(interval_ms)

    def collect(self) -> None:
        counts = gc.get_count()
        for generation in (0, 1, 2):
            if counts[generation] <= self.threshold[generation]:
                break
            gc.collect(generation)
