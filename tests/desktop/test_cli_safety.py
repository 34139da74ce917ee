"""`audit verify` / `audit anchor`, `backup --encrypt` / `--keep` and `restore` on the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from models.storage import db
from tests.helpers.cli import Cli
from tests.helpers.demo_archive import restore_demo
from tests.helpers.tamper import behind_the_program

PASSWORD = "harbour-lamp-2026"


@pytest.fixture
def demo_cli(db_url: str, capsys, monkeypatch) -> Cli:
    restore_demo(db_url, seed=2026)
    return Cli(db_url, capsys, monkeypatch, PASSWORD)


def test_verify_exits_1_naming_the_damage_and_an_anchor_catches_truncation(
        demo_cli: Cli, tmp_path: Path) -> None:
    ok = demo_cli("audit", "verify", "--json")
    assert ok.code == 0 and ok.json()["ok"] is True and ok.json()["first_bad"] is None
    anchor = tmp_path / "anchor.json"
    written = demo_cli("audit", "anchor", "--out", str(anchor), "--json")
    assert written.code == 0 and anchor.exists()
    assert demo_cli("audit", "verify", "--anchor", str(anchor)).code == 0
    engine = db.make_engine(demo_cli.url)
    with behind_the_program(engine) as conn:
        newest = conn.execute(text("SELECT MAX(seq) FROM audit_entry")).scalar()
        conn.execute(text("DELETE FROM audit_entry WHERE seq = :s"), {"s": newest})
    engine.dispose()
    # each command's sign-in appends after the gap, so the newest entry's loss is a gap
    broken = demo_cli("audit", "verify", "--json")
    assert broken.code == 1
    report = broken.json()
    assert report["ok"] is False and report["damage"] == "deleted"
    assert report["first_bad_seq"] == newest and report["first_bad"] is not None
    assert "entries deleted" in broken.err
    plain = demo_cli("audit", "verify")
    assert plain.code == 1 and plain.err.count("\n") == 1 and plain.out == ""


def test_a_sound_chain_reads_in_chinese_with_its_end_and_the_anchor(
        demo_cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    anchor = tmp_path / "anchor.json"
    assert demo_cli("audit", "anchor", "--out", str(anchor)).code == 0
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    said = demo_cli("audit", "verify", "--anchor", str(anchor))
    assert said.code == 0
    lines = dict(line.split(None, 1) for line in said.out.strip().splitlines())
    assert lines["正常"] == "是" and int(lines["链尾（条目序号）"]) == int(lines["条目"])
    assert int(lines["已核验签封的记录"]) > 0
    assert lines["锚定文件"].startswith("相符")
    assert not any(c.isascii() and c.isalpha() for c in "".join(lines))  # no key left in English


def test_verify_names_an_alert_edited_in_the_database_outside_the_program(
        demo_cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    ok = demo_cli("audit", "verify", "--json")
    assert ok.code == 0 and ok.json()["records"]["ok"] is True
    engine = db.make_engine(demo_cli.url)
    with behind_the_program(engine) as conn:
        number = conn.execute(text("SELECT number FROM alert ORDER BY id LIMIT 1")).scalar()
        conn.execute(text("UPDATE alert SET description = 'nothing happened' "
                          "WHERE number = :n"), {"n": number})
    engine.dispose()
    broken = demo_cli("audit", "verify", "--json")
    assert broken.code == 1
    report = broken.json()
    assert report["ok"] is False and report["damage"] is None  # the chain holds; a record does not
    assert report["records"]["first"]["kind"] == "altered"
    assert report["records"]["first"]["number"] == number
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    said = demo_cli("audit", "verify")
    assert said.code == 1 and f"警情 {number} 被改动" in said.err and "Traceback" not in said.err
    # as a person runs it: a new process that imports the audit command's modules alone
    # (the alerts' table among the models it has not loaded), the seals checked beside
    alone = subprocess.run(
        [sys.executable, "-m", "desktop", "audit", "verify"], capture_output=True, text=True,
        timeout=120, env={**os.environ, "COMMAND_ROOM_DB": demo_cli.url, "COMMAND_ROOM_LANG":
                          "zh_CN", "COMMAND_ROOM_USER": "admin", "COMMAND_ROOM_PASSWORD": PASSWORD})
    assert alone.returncode == 1 and f"警情 {number} 被改动" in alone.stderr, alone.stderr


def test_backup_encrypted_into_a_folder_and_restored_by_the_owner(
        demo_cli: Cli, tmp_path: Path, capsys, monkeypatch) -> None:
    if "sqlite" not in demo_cli.url:
        pytest.skip("the command line's part is the same on both backends")
    folder = tmp_path / "nightly"
    folder.mkdir()
    refused = demo_cli("backup", str(folder), "--keep", "2", "--encrypt")
    assert refused.code == 1 and "COMMAND_ROOM_BACKUP_PASSPHRASE" in refused.err
    monkeypatch.setenv("COMMAND_ROOM_BACKUP_PASSPHRASE", "night shift 2026")
    for _ in range(3):
        taken = demo_cli("backup", str(folder), "--keep", "2", "--encrypt", "--json")
        assert taken.code == 0, taken.err
    assert len(list(folder.iterdir())) == 2 and taken.json()["encrypted"] is True
    target = Cli(f"sqlite:///{tmp_path / 'restored.sqlite'}", capsys, monkeypatch, PASSWORD)
    restored = target("restore", taken.json()["file"], "--json")
    assert restored.code == 0, restored.err
    assert target("audit", "verify", "--json").json()["ok"] is True
    latest = target("audit", "list", "--limit", "5", "--json").json()
    restore = next(e for e in latest if e["action"] == "restore")
    assert restore["actor"].startswith("db-owner:")
    monkeypatch.setenv("COMMAND_ROOM_BACKUP_PASSPHRASE", "wrong")
    other = Cli(f"sqlite:///{tmp_path / 'other.sqlite'}", capsys, monkeypatch, PASSWORD)
    wrong = other("restore", taken.json()["file"])
    assert wrong.code == 1 and "wrong passphrase" in wrong.err and "Traceback" not in wrong.err
    # named by what carries it here: the variable (there is no --passphrase option)
    assert "COMMAND_ROOM_BACKUP_PASSPHRASE" in wrong.err and "--passphrase" not in wrong.err


def test_restore_check_reads_the_archive_whole_and_writes_nothing(
        demo_cli: Cli, tmp_path: Path, capsys, monkeypatch) -> None:
    if "sqlite" not in demo_cli.url:
        pytest.skip("the check reads a file: the same on both backends")
    archive = tmp_path / "nightly.crbk"
    assert demo_cli("backup", str(archive)).code == 0
    nowhere = tmp_path / "never-made.sqlite"
    target = Cli(f"sqlite:///{nowhere}", capsys, monkeypatch, PASSWORD)
    checked = target("restore", str(archive), "--check", "--json")
    assert checked.code == 0, checked.err
    report = checked.json()
    assert report["ok"] is True and report["tables"]["officer"] == 24 and not nowhere.exists()
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    readable = target("restore", str(archive), "--check")
    assert readable.code == 0 and "数据表：" in readable.out and "{" not in readable.out
    assert any(line.split() == ["officer", "24"] for line in readable.out.splitlines())
    cut = tmp_path / "cut.crbk"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    broken = target("restore", str(cut), "--check")
    assert broken.code == 1 and broken.err.count("\n") == 1 and "Traceback" not in broken.err
    assert not nowhere.exists()


def test_duty_may_not_back_up(demo_cli: Cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("COMMAND_ROOM_PASSWORD", "duty2026pass")
    result = demo_cli("--user", "duty", "backup", str(tmp_path / "x.crbk"))
    assert result.code == 1 and not (tmp_path / "x.crbk").exists()


def _rows(url: str) -> tuple[int, int, str]:
    engine = db.make_engine(url)
    with engine.connect() as conn:
        entries = conn.execute(text("SELECT COUNT(*) FROM audit_entry")).scalar()
        feed = conn.execute(text("SELECT COUNT(*) FROM change_feed")).scalar()
        last = conn.execute(text("SELECT action || ':' || outcome FROM audit_entry "
                                 "ORDER BY seq DESC LIMIT 1")).scalar()
    engine.dispose()
    return int(entries or 0), int(feed or 0), str(last)


def test_a_refused_command_leaves_no_sign_in_entry_or_change_row(demo_cli: Cli, monkeypatch) -> None:
    start = _rows(demo_cli.url)
    refused = demo_cli("users", "add", "admin", "--role", "duty", "--password", "night2026shift")
    assert refused.code == 1 and "already exists" in refused.err
    assert _rows(demo_cli.url) == start
    done = demo_cli("users", "list", "--json")
    assert done.code == 0
    entries, _, last = _rows(demo_cli.url)
    assert entries == start[0] + 1 and last == "login:ok"  # a command that ran: its sign-in
    monkeypatch.setenv("COMMAND_ROOM_PASSWORD", "not-the-password")
    wrong = demo_cli("users", "list")
    assert wrong.code == 1
    entries_after, _, last = _rows(demo_cli.url)
    assert entries_after == entries + 1 and last == "login:failed"  # the failed attempt is kept
