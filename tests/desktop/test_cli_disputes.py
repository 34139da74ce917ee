"""The dispute ledger through the real command line, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.helpers.cli import Cli
from tests.helpers.demo_archive import restore_demo
from tests.models.documents import pdftools

PASSWORD = "harbour-lamp-2026"


@pytest.fixture
def cli(db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    cli = Cli(db_url, capsys, monkeypatch, PASSWORD)
    restore_demo(db_url, seed=2026)
    return cli


class Documents:
    """JSON files for the commands that read one."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.count = folder, 0

    def __call__(self, document: object) -> str:
        self.count += 1
        path = self.folder / f"document-{self.count}.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        return str(path)


def test_open_follow_up_move_list_and_print(
        cli: Cli, tmp_path: Path) -> None:
    doc = Documents(tmp_path)
    today = dt.date.today()
    now = dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).replace(microsecond=0)
    path = doc({"source": "phone", "received_at": (now - dt.timedelta(minutes=5))
                         .isoformat(), "category": "dispute", "priority": 2, "beat": "B02",
                         "address": "临河街88号2单元", "caller_phone": "13911112222",
                         "parties": ["欧阳未央", "卜长庚"], "description": "两户因停车位争吵"})
    alert = cli("alert", "add", path, "--json")
    assert alert.code == 0, alert.err
    opened = cli("dispute", "from-alert", str(alert.json()["id"]), "--risk", "medium",
                 "--body", "mediation_committee", "--json")
    assert opened.code == 0, opened.err
    dispute = opened.json()
    assert dispute["parties"] == ["欧阳未央", "卜长庚"] and dispute["body"] == "mediation_committee"
    assert dispute["alerts"] == [alert.json()["number"]]

    path = doc({"beat": "B01", "summary": "宅基地边界纠纷", "parties": "仇守拙、万俟青",
                         "on": (today - dt.timedelta(days=20)).isoformat(),
                         "deadline": (today - dt.timedelta(days=3)).isoformat()})
    late = cli("dispute", "add", path, "--json")
    assert late.code == 0, late.err
    late_id = str(late.json()["id"])
    follow = cli("dispute", "follow-up", late_id, "--on", today.isoformat(), "--note",
                 "双方同意由村委会调解", "--json")
    assert follow.code == 0 and follow.json()["follow_ups"] == 1
    moved = cli("dispute", "state", late_id, "mediating", "--json")
    assert moved.code == 0 and moved.json()["state"] == "mediating"

    listed = cli("dispute", "list", "--late", "--json").json()
    assert [d["id"] for d in listed] == [int(late_id)]
    assert [d["beat"] for d in cli("dispute", "list", "--open", "--beat", "B02", "--json")
            .json()] == ["B02"]
    table = cli("dispute", "list", "--open")
    assert table.code == 0 and "仇守拙、万俟青" in table.out

    out = tmp_path / "screening.pdf"
    printed = cli("dispute", "screening", "--out", str(out), "--json")
    assert printed.code == 0, printed.err
    assert printed.json()["pages"] > 0 and printed.json()["late"] == 1
    text = pdftools.text(out.read_bytes())
    assert "仇守拙" in text and "欧阳未央" in text


def test_refusals_name_the_field_and_write_nothing(
        cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    doc = Documents(tmp_path)
    before = cli("dispute", "list", "--json").json()
    path = doc({"beat": "B01", "summary": "纠纷", "parties": ["甲某"], "on": "2026-02-31"})
    bad = cli("dispute", "add", path)
    assert bad.code == 1 and "field 'on'" in bad.err
    assert cli("dispute", "follow-up", "999", "--on", "2026-03-01", "--note", "x").code == 1
    state = cli("dispute", "state", "1", "pending")
    assert state.code == 1 and ("field 'state'" in state.err or "field 'ID'" in state.err)
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    path = doc({"beat": "B01", "summary": "纠纷", "parties": ["甲某"], "risk": "extreme"})
    chinese = cli("dispute", "add", path)
    assert chinese.code == 1 and "风险等级" in chinese.err
    nowhere = cli("dispute", "screening", "--out", str(tmp_path / "no" / "such" / "x.pdf"))
    assert nowhere.code == 1 and "输出文件" in nowhere.err
    monkeypatch.setenv("COMMAND_ROOM_LANG", "en")
    assert cli("dispute", "list", "--json").json() == before
