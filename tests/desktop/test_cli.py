"""The headless interface as INTERFACE.md fixes it, on SQLite and PostgreSQL."""

from pathlib import Path

import pytest

from tests.helpers.cli import Cli
from tests.helpers.demo_archive import restore_demo

PASSWORD = "harbour-lamp-2026"


@pytest.fixture
def cli(db_url: str, capsys, monkeypatch) -> Cli:
    return Cli(db_url, capsys, monkeypatch, PASSWORD)


@pytest.fixture
def demo_cli(cli: Cli, db_url: str) -> Cli:
    restore_demo(db_url, seed=2026)  # as `init` then `demo`; test_demo_* run the real thing
    return cli


def test_init_is_idempotent_and_prints_the_revision(cli: Cli) -> None:
    first = cli("init", "--admin-password", PASSWORD, "--json")
    assert first.code == 0, first.err
    assert first.json()["schema"].startswith("0001") or first.json()["schema"]
    assert first.json()["admin_created"] is True
    again = cli("init", "--json")
    assert again.code == 0 and again.json()["admin_created"] is False
    assert again.json()["schema"] == first.json()["schema"]


def test_demo_counts_and_refuses_a_second_time(demo_cli: Cli) -> None:
    second = demo_cli("demo", "--json")
    assert second.code == 1 and "already holds a station" in second.err
    users = demo_cli("users", "list", "--json").json()
    assert {u["name"] for u in users} >= {"admin", "duty", "leader", "auditor"}


def test_demo_json_has_counts_per_table(cli: Cli, monkeypatch) -> None:
    cli("init", "--admin-password", "first-start-2026")
    monkeypatch.setenv("COMMAND_ROOM_PASSWORD", "first-start-2026")
    refused = cli("demo", "--json")  # the initial password must be changed first
    assert refused.code == 1 and "users passwd admin" in refused.err and refused.out == ""
    assert cli("users", "passwd", "admin", "--password", PASSWORD).code == 0
    monkeypatch.setenv("COMMAND_ROOM_PASSWORD", PASSWORD)
    result = cli("demo", "--json")
    counts = result.json()["counts"]
    assert counts["beat"] == 6 and counts["officer"] == 24 and counts["ab_pair"] == 6


def test_users_add_lock_and_bad_input(demo_cli: Cli) -> None:
    added = demo_cli("users", "add", "zhou", "--role", "duty", "--password", "night2026shift",
                     "--json")
    assert added.code == 0 and added.json()["role"] == "duty"
    dup = demo_cli("users", "add", "zhou", "--role", "duty", "--password", "night2026shift")
    assert dup.code == 1 and "already exists" in dup.err and dup.out == ""
    assert demo_cli("users", "lock", "zhou", "--json").json()["locked"] is True
    weak = demo_cli("users", "passwd", "zhou", "--password", "short")
    assert weak.code == 1 and "password" in weak.err


def test_accounts_are_headed_as_logins_beside_peoples_names(demo_cli: Cli, monkeypatch) -> None:
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    shown = demo_cli("users", "list")
    header = shown.out.splitlines()[0].split()
    assert header[:2] == ["账号", "姓名"] and "最近登录" in header and "须改初始密码" in header
    assert not any(word.isascii() for word in header)
    duty = next(line.split() for line in shown.out.splitlines() if line.startswith("duty"))
    assert duty[:3] == ["duty", "周立新", "值班员"]
    assert {"name", "display_name"} <= set(demo_cli("users", "list", "--json").json()[0])


def test_refusals_follow_the_chosen_language(cli: Cli, monkeypatch) -> None:
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    chinese = cli("init", "--admin-password", "short")
    assert chinese.code == 1 and chinese.out == ""
    assert chinese.err == "command-room: 密码：管理员口令至少需要12个字符\n"
    monkeypatch.setenv("COMMAND_ROOM_LANG", "en")
    english = cli("init", "--admin-password", "short")
    assert english.err == ("command-room: field 'password': an administrator's password must be"
                           " at least 12 characters\n")
    monkeypatch.delenv("COMMAND_ROOM_LANG")
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert cli("init", "--admin-password", "short").err == chinese.err


def test_json_keeps_codes_under_a_chinese_locale(demo_cli: Cli, monkeypatch) -> None:
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    added = demo_cli("users", "add", "qian", "--role", "duty", "--password", "night2026shift",
                     "--json")
    assert added.code == 0 and added.json()["role"] == "duty"
    dup = demo_cli("users", "add", "qian", "--role", "duty", "--password", "night2026shift",
                   "--json")
    assert dup.code == 1 and dup.out == "" and dup.err == "command-room: 名称：用户“qian”已存在\n"


def test_import_export_round_trip_and_all_or_nothing(demo_cli: Cli, tmp_path: Path,
                                                    monkeypatch) -> None:
    out = tmp_path / "officers.xlsx"
    exported = demo_cli("export", "officers", str(out), "--json").json()["exported"]
    assert exported == 24
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,id_number\n7001,甲,\n7002,乙,110105194912310021\n", encoding="utf-8")
    refused = demo_cli("import", "officers", str(bad), "--json")
    assert refused.code == 1
    assert "row 3" in refused.err and "id_number" in refused.err
    assert refused.json() == {"imported": 0, "rejected": [
        {"row": 3, "field": "id_number", "message": "ID number check digit is wrong (GB 11643)"}]}
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    chinese = demo_cli("import", "officers", str(bad), "--json")
    assert chinese.err == "command-room: 第3行，身份证号：身份证号校验位错误（GB 11643）\n"
    assert chinese.json() == {"imported": 0, "rejected": [
        {"row": 3, "field": "id_number", "message": "身份证号校验位错误（GB 11643）"}]}
    monkeypatch.setenv("COMMAND_ROOM_LANG", "en")
    again = demo_cli("export", "officers", str(tmp_path / "o.csv"), "--json")
    assert again.json()["exported"] == 24  # nothing half-written
    good = tmp_path / "good.csv"
    good.write_text("code,name\n7001,甲\n", encoding="utf-8")
    assert demo_cli("import", "officers", str(good), "--json").json() == {
        "imported": 1, "kind": "officers"}


def test_coverage_and_audit_verify(demo_cli: Cli) -> None:
    rows = demo_cli("roster", "coverage", "--date", "2026-03-02", "--json").json()
    assert {r["beat"] for r in rows} == {f"B0{i}" for i in range(1, 7)}
    assert all({"beat", "a", "b", "covering", "gap"} <= set(r) for r in rows)
    report = demo_cli("audit", "verify", "--json").json()
    assert report["ok"] is True and report["first_bad"] is None and report["entries"] > 3


def test_usage_error_exits_2(cli: Cli) -> None:
    assert cli("no-such-command").code == 2
    assert cli("roster", "coverage", "--date", "yesterday").code == 2


def test_wrong_password_and_no_schema(cli: Cli, monkeypatch) -> None:
    empty = cli("users", "list")
    assert empty.code == 1 and "no schema" in empty.err
    cli("init", "--admin-password", PASSWORD)
    monkeypatch.setenv("COMMAND_ROOM_PASSWORD", "wrong-pass-1")
    denied = cli("users", "list")
    assert denied.code == 1 and "wrong user name or password" in denied.err
    monkeypatch.delenv("COMMAND_ROOM_PASSWORD")
    nothing = cli("users", "list")  # no keyring, no terminal: says how to give one
    assert nothing.code == 1 and nothing.err == (
        "command-room: field '--user': log in once in the window with 记住我 ticked, "
        "or set COMMAND_ROOM_PASSWORD, or run on a terminal\n")
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    assert "勾选“记住我”" in cli("users", "list").err


def test_backup_restores_into_the_other_backend(demo_cli: Cli, tmp_path: Path, capsys,
                                                monkeypatch) -> None:
    archive = tmp_path / "station.zip"
    taken = demo_cli("backup", str(archive), "--json")
    assert taken.code == 0, taken.err
    counts = taken.json()["tables"]
    assert counts["officer"] == 24
    other_url = (f"sqlite:///{tmp_path / 'restored.sqlite'}" if "postgresql" in demo_cli.url
                 else None)
    if other_url is None:
        from tests.helpers.databases import fresh_postgres

        with fresh_postgres(migrated=False) as pg_url:
            _restore_and_compare(Cli(pg_url, capsys, monkeypatch, PASSWORD), archive, counts)
    else:
        _restore_and_compare(Cli(other_url, capsys, monkeypatch, PASSWORD), archive, counts)
    again = demo_cli("restore", str(archive))
    assert again.code == 1 and "not empty" in again.err


def _restore_and_compare(target: Cli, archive: Path, counts: dict) -> None:
    restored = target("restore", str(archive), "--json")
    assert restored.code == 0, restored.err
    assert restored.json()["tables"] == counts
    assert target("audit", "verify", "--json").json()["ok"] is True
    # new rows after a restore get fresh ids (sequences were moved past the restored ones)
    assert target("users", "add", "after", "--role", "duty", "--password", "later2026x").code == 0
