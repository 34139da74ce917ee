"""``command-room setup``: the wizard's questions as options, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.version import VERSION
from tests.helpers.cli import Cli

PASSWORD = "harbour-lamp-2026"
STATION = ["setup", "--station-name", "青石桥派出所", "--station-code", "QSQ",
           "--issuer-prefix", "青公（青石桥）", "--admin-password", PASSWORD]


@pytest.fixture
def cli(db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(db_url, capsys, monkeypatch, PASSWORD)


def test_setup_creates_the_schema_the_station_and_its_administrator(cli: Cli) -> None:
    done = cli(*STATION, "--json")
    assert done.code == 0, done.err
    result = done.json()
    assert (result["station"], result["admin"], result["backup"]) == ("QSQ", "admin", None)
    listed = cli("--user", "admin", "users", "list", "--json")
    assert listed.code == 0, listed.err
    assert [u["station_id"] is not None for u in listed.json()] == [True]
    verified = cli("--user", "admin", "audit", "verify", "--json").json()
    assert verified["ok"] and verified["entries"] >= 2


def test_setup_refuses_a_station_code_already_used_and_changes_nothing(cli: Cli) -> None:
    assert cli(*STATION).code == 0
    again = cli("setup", "--station-name", "城关派出所", "--station-code", "QSQ",
                "--admin-name", "chengguan", "--admin-password", PASSWORD)
    assert again.code == 1 and "station_code" in again.err and "QSQ" in again.err
    names = [u["name"] for u in cli("--user", "admin", "users", "list", "--json").json()]
    assert names == ["admin"]


@pytest.mark.parametrize(("extra", "said"), [
    (["--timezone", "Mars/Olympus"], "timezone"),
    (["--admin-password", "short"], "password"),
    (["--station-code", "Q S"], "station_code"),
])
def test_setup_refusals_name_the_field_and_leave_no_schema(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        extra: list[str], said: str) -> None:
    cli = Cli(f"sqlite:///{tmp_path / 'x.sqlite'}", capsys, monkeypatch, PASSWORD)
    refused = cli(*STATION, *extra)
    assert refused.code == 1 and said in refused.err
    assert "Traceback" not in refused.err
    assert not (tmp_path / "x.sqlite").exists()  # nothing was created


def test_setup_needs_the_station_or_the_demo(cli: Cli) -> None:
    refused = cli("setup", "--admin-password", PASSWORD)
    assert refused.code == 1 and "--station-code" in refused.err


def test_setup_demo_loads_the_demo_station_only_into_an_empty_database(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cli = Cli(f"sqlite:///{tmp_path / 'demo.sqlite'}", capsys, monkeypatch, PASSWORD)
    done = cli("setup", "--demo", "--json")
    assert done.code == 0, done.err
    assert done.json()["demo"] is True
    again = cli("setup", "--demo")
    assert again.code == 1 and "empty" in again.err


def test_setup_refuses_a_data_folder_that_cannot_be_written(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    cli = Cli(f"sqlite:///{tmp_path / 'x.sqlite'}", capsys, monkeypatch, PASSWORD)
    refused = cli(*STATION, "--data-folder", str(blocker / "records"))
    assert refused.code == 1 and "data_folder" in refused.err


def test_setup_refuses_a_room_server_that_does_not_answer(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cli = Cli(f"sqlite:///{tmp_path / 'x.sqlite'}", capsys, monkeypatch, PASSWORD)
    refused = cli(*STATION, "--room", "postgresql+psycopg://room@127.0.0.1:1/command_room")
    assert refused.code == 1 and "127.0.0.1" in refused.err
    assert not (tmp_path / "x.sqlite").exists()


def test_version_comes_from_one_place(capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli import main

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"command-room {VERSION}"
    with pytest.raises(SystemExit) as parsed:  # and the parser's own --version agrees
        from desktop.cli import build_parser

        build_parser().parse_args(["--version"])
    assert parsed.value.code == 0
    assert capsys.readouterr().out.strip() == f"command-room {VERSION}"
