"""`doc issue/list/reprint/void` as INTERFACE.md fixes them, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.helpers.cli import Cli
from tests.helpers.demo_archive import restore_demo

PASSWORD = "harbour-lamp-2026"
SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "documents"


@pytest.fixture
def cli(db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    cli = Cli(db_url, capsys, monkeypatch, PASSWORD)
    restore_demo(db_url, seed=2026)  # as `init` then `demo --scale small`
    return cli


def test_issue_list_reprint_void(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "notice.pdf"
    data = SAMPLES / "rectification_notice.json"
    issued = cli("doc", "issue", "rectification_notice", "--data", str(data), "--out", str(out),
                 "--json")
    assert issued.code == 0, issued.err
    doc = issued.json()
    assert set(doc) >= {"number", "type", "pages", "sha256", "out"}
    assert doc["number"].endswith("号") and "责改字〔" in doc["number"]
    assert doc["pages"] == 3 and doc["type"] == "rectification_notice"
    assert hashlib.sha256(out.read_bytes()).hexdigest() == doc["sha256"]

    listed = cli("doc", "list", "--search", "悦来", "--json").json()
    assert [r["number"] for r in listed] == [doc["number"]]
    assert cli("doc", "list", "--type", "duty_rota", "--json").json() == []

    copy = tmp_path / "copy.pdf"
    again = cli("doc", "reprint", doc["number"], "--out", str(copy), "--json")
    assert again.code == 0, again.err
    assert copy.read_bytes().startswith(out.read_bytes())

    voided = cli("doc", "void", doc["number"], "--reason", "单位名称有误", "--json")
    assert voided.code == 0 and voided.json()["voided"] is True
    row = cli("doc", "list", "--json").json()[0]
    assert row["voided"] is True and row["void_reason"] == "单位名称有误"
    table = cli("doc", "list")
    assert doc["number"] in table.out


def test_refused_input_takes_no_number(cli: Cli, tmp_path: Path, monkeypatch) -> None:
    bad = json.loads((SAMPLES / "rectification_notice.json").read_text(encoding="utf-8"))
    bad["deadline"] = "2026-03-01"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "x.pdf"
    refused = cli("doc", "issue", "rectification_notice", "--data", str(path), "--out", str(out))
    assert refused.code == 1 and "deadline" in refused.err and refused.out == ""
    assert not out.exists()
    no_data = cli("doc", "issue", "police_notice", "--out", str(out))
    assert no_data.code == 1 and "--data" in no_data.err
    nowhere = cli("doc", "issue", "police_notice", "--data", str(SAMPLES / "police_notice.json"),
                  "--out", str(tmp_path / "missing" / "x.pdf"))
    assert nowhere.code == 1 and "--out" in nowhere.err
    assert nowhere.err.endswith(": no such folder\n")
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    no_data = cli("doc", "issue", "police_notice", "--out", str(out))
    assert no_data.err == "command-room: --data：请用 --data FILE 给出文书的各项内容\n"
    both = cli("doc", "issue", "police_notice", "--data", str(path), "--ref", "X", "--out", str(out))
    assert both.code == 1 and both.err == "command-room: --ref：--data 与 --ref 只能给出其一\n"
    monkeypatch.setenv("COMMAND_ROOM_LANG", "en")
    memo = cli("doc", "issue", "memo", "--out", str(out))
    assert memo.code == 1 and "memo" in memo.err
    good = cli("doc", "issue", "rectification_notice", "--data",
               str(SAMPLES / "rectification_notice.json"), "--out", str(out), "--json")
    assert "〕1号" in good.json()["number"]


def test_strict_data_unknown_fields_lists_and_control_characters(cli: Cli, tmp_path: Path) -> None:
    good = json.loads((SAMPLES / "police_notice.json").read_text(encoding="utf-8"))
    out = tmp_path / "x.pdf"
    cases = [({**good, "colour": "red", "atachments": ["x"]}, "colour"),
             ({**good, "cc": "市局指挥中心"}, "cc"),
             ({**good, "to": "各单位\x00"}, "to")]
    for i, (data, field) in enumerate(cases):
        path = tmp_path / f"bad{i}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        refused = cli("doc", "issue", "police_notice", "--data", str(path), "--out", str(out))
        assert refused.code == 1 and field in refused.err, refused.err
        assert not out.exists()
    assert "atachments" in cli("doc", "issue", "police_notice", "--data",
                               str(tmp_path / "bad0.json"), "--out", str(out)).err
    issued = cli("doc", "issue", "police_notice", "--data", str(SAMPLES / "police_notice.json"),
                 "--out", str(out), "--json")
    assert issued.code == 0, issued.err
    assert "〕1号" in issued.json()["number"]  # the refusals used no number


def test_doc_fonts_lists_the_faces_per_role(cli: Cli) -> None:
    listed = cli("doc", "fonts", "--json")
    assert listed.code == 0, listed.err
    rows = {row["use"]: row for row in listed.json()}
    assert {"body", "title", "heading1", "heading2", "latin"} <= set(rows)
    for row in rows.values():
        assert Path(row["file"]).is_file()
    assert "Fang" in rows["body"]["face"] and "Kai" in rows["heading2"]["face"]
    assert rows["latin"]["face"] in {"Times New Roman", "Liberation Serif"}
