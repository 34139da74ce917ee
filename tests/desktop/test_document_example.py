"""The documents page's example: this station's, dated today in the station's time."""

from __future__ import annotations

import datetime as dt
import json

from desktop.pages.document_example import example_for
from models import shipped

TODAY = dt.date(2026, 12, 2)


def sample(name: str) -> dict:
    text = shipped.read_text("documents", f"{name}.json")
    assert text is not None
    return json.loads(text)


def test_a_notice_is_dated_today_and_keeps_its_deadline_length() -> None:
    shipped_one = sample("rectification_notice")
    filled = example_for(shipped_one, TODAY, "青石桥派出所")
    assert filled["date"] == "2026-12-02"
    before = (dt.date.fromisoformat(shipped_one["deadline"])
              - dt.date.fromisoformat(shipped_one["date"]))  # fmt: skip
    assert dt.date.fromisoformat(filled["deadline"]) - TODAY == before
    assert "青石桥派出所" in filled["reply_to"] and "滨河" not in json.dumps(filled, ensure_ascii=False)


def test_a_birth_date_stays_and_a_months_review_is_of_last_month() -> None:
    person = example_for(sample("rights_expiry_notice"), TODAY, "青石桥派出所")
    assert person["birth_date"] == sample("rights_expiry_notice")["birth_date"]
    assert person["date"] == "2026-12-02"
    assert example_for(sample("assessment_bulletin"), TODAY, "青石桥派出所")["period"] == "2026年11月"
    assert example_for(sample("commendation"), dt.date(2027, 1, 5), "青石桥派出所")["month"] == "2026-12"


def test_an_order_moves_its_times_to_today() -> None:
    order = example_for(sample("dispatch_order"), TODAY, "青石桥派出所")
    assert order["received_at"].startswith("2026-12-02T") and order["received_at"].endswith("+08:00")
