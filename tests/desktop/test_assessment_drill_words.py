"""The drill-down's column headers in Chinese: each says what its column holds."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from desktop import i18n
from desktop.pages.assessment_drill import DrillDialog

FOUND = {"indicator": "on_time_arrival", "name": "到场及时率", "subject": "004100",
         "level": "officer", "from": "2026-12-01", "to": "2026-12-31", "numerator": 1,
         "denominator": 2, "value": 50.0, "records": [
             {"record": "alert", "id": 7, "numerator": 1, "denominator": 1, "ref": "QSQ-1",
              "category": "help", "status": "closed", "beat": "B01",
              "received_at": "2026-12-01T13:03:15+08:00",
              "deadline": "2026-12-01T13:08:15+08:00",
              "arrived_at": "2026-12-01T13:05:42+08:00", "minutes_late": None,
              "counts": True}]}


def test_the_alerts_columns_have_distinct_chinese_headers(qtbot: Any, qapp: Any) -> None:
    i18n.install(qapp, "zh_CN")
    try:
        dialog = DrillDialog(FOUND, "percent", "alert")
        qtbot.addWidget(dialog)
        model = dialog.model
        headers = [model.headerData(c, Qt.Orientation.Horizontal)
                   for c in range(model.columnCount())]
    finally:
        i18n.install(qapp, "en")
    assert len(set(headers)) == len(headers), headers  # "in numerator" was said twice
    assert "到场时限" in headers and "整改期限" not in headers  # an alert's deadline
    assert {"计入分子", "分子计数", "分母计数"} <= set(headers)
