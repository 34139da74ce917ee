"""A dispatch order drawn from a dispatched alert: ``doc issue dispatch_order --ref ID``."""

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from tests.helpers.cli import Cli
from tests.helpers.demo_archive import restore_demo

PASSWORD = "harbour-lamp-2026"


@pytest.fixture
def cli(db_url: str, capsys, monkeypatch) -> Cli:
    runner = Cli(db_url, capsys, monkeypatch, PASSWORD)
    restore_demo(db_url, seed=2026)
    return runner


def test_dispatch_order_from_an_alert(cli: Cli, tmp_path: Path) -> None:
    call = tmp_path / "call.json"
    now = dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).replace(microsecond=0)
    call.write_text(json.dumps({
        "received_at": now.isoformat(), "source": "phone", "category": "dispute",
        "priority": 2, "beat": "B01", "address": "东门菜场北口", "caller_name": "报警人甲",
        "caller_phone": "13912345678", "description": "两摊贩争执，有推搡"}), encoding="utf-8")
    added = cli("alert", "add", str(call), "--json")
    assert added.code == 0, added.err
    waiting = added.json()
    refused = cli("doc", "issue", "dispatch_order", "--ref", str(waiting["id"]),
                  "--out", str(tmp_path / "x.pdf"))
    assert refused.code == 1 and "not been dispatched" in refused.err  # and no number used
    assert cli("alert", "dispatch", str(waiting["id"])).code == 0
    sent = waiting
    out = tmp_path / "order.pdf"
    issued = cli("doc", "issue", "dispatch_order", "--ref", str(sent["id"]), "--out", str(out),
                 "--json")
    assert issued.code == 0, issued.err
    assert issued.json()["type"] == "dispatch_order" and issued.json()["pages"] == 1
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "派警指令单" in text and sent["number"] in text
    assert "13912345678" in text  # the administrator may see the caller's number whole
    missing = cli("doc", "issue", "dispatch_order", "--ref", "999999", "--out",
                  str(tmp_path / "y.pdf"))
    assert missing.code == 1 and "--ref" in missing.err
    register = cli("doc", "list", "--type", "dispatch_order", "--json").json()
    assert [r["number"] for r in register] == [issued.json()["number"]]
