"""A dispatch order drawn from a dispatched alert: ``doc issue dispatch_order --ref ID``."""

import subprocess
from pathlib import Path

import pytest

from tests.helpers.cli import Cli
from tests.helpers.demo_archive import restore_demo

PASSWORD = "admin2026pass"


@pytest.fixture
def cli(db_url: str, capsys, monkeypatch) -> Cli:
    runner = Cli(db_url, capsys, monkeypatch, PASSWORD)
    restore_demo(db_url, seed=2026)
    return runner


def test_dispatch_order_from_an_alert(cli: Cli, tmp_path: Path) -> None:
    alerts = cli("alert", "list", "--json").json()
    sent = next(a for a in alerts if a["status"] in ("dispatched", "acknowledged", "on_scene"))
    waiting = [a for a in alerts if a["status"] == "received"]
    out = tmp_path / "order.pdf"
    issued = cli("doc", "issue", "dispatch_order", "--ref", str(sent["id"]), "--out", str(out),
                 "--json")
    assert issued.code == 0, issued.err
    assert issued.json()["type"] == "dispatch_order" and issued.json()["pages"] == 1
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "派警指令单" in text and sent["number"] in text
    if waiting:  # not dispatched yet: refused, and no number is used up
        refused = cli("doc", "issue", "dispatch_order", "--ref", str(waiting[0]["id"]),
                      "--out", str(tmp_path / "x.pdf"))
        assert refused.code == 1 and "not been dispatched" in refused.err
    missing = cli("doc", "issue", "dispatch_order", "--ref", "999999", "--out",
                  str(tmp_path / "y.pdf"))
    assert missing.code == 1 and "--ref" in missing.err
    register = cli("doc", "list", "--type", "dispatch_order", "--json").json()
    assert [r["number"] for r in register] == [issued.json()["number"]]
