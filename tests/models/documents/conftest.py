from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from models.documents.types import Issuer

SAMPLES = Path(__file__).resolve().parents[3] / "resources" / "documents"
ISSUER = Issuer(organ="临江市公安局滨河派出所", prefix="滨公(所)")
ISSUED = dt.date(2026, 4, 2)


def sample(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture
def issuer() -> Issuer:
    return ISSUER
