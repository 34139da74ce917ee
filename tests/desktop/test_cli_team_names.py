"""The command line's readable tables name teams (社区警务一队) where ``--json`` keeps their
codes (SQ1), and the demo's counts come under a heading of their own."""

import datetime as dt

import pytest

from tests.helpers.cli import Cli
from tests.helpers.demo_archive import restore_demo

PASSWORD = "harbour-lamp-2026"
TEAMS = {"SQ1": "社区警务一队", "SQ2": "社区警务二队", "ZH": "综合指挥室"}
PERIOD = ("--from", "2026-02-01", "--to", "2026-02-28")


@pytest.fixture
def cli(db_url: str, capsys, monkeypatch) -> Cli:
    return Cli(db_url, capsys, monkeypatch, PASSWORD)


@pytest.fixture
def demo_cli(cli: Cli, db_url: str) -> Cli:
    restore_demo(db_url, seed=2026)
    return cli


def _column(text: str, first: int) -> list[str]:
    """The first cell of each row of a readable table (after its header and rule)."""
    return [line.split()[0] for line in text.splitlines()[2:first + 2] if line.strip()]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_assessment_by_team_names_the_teams(demo_cli: Cli, monkeypatch, language) -> None:
    monkeypatch.setenv("COMMAND_ROOM_LANG", language)
    shown = demo_cli("assess", *PERIOD, "--by", "team")
    assert shown.code == 0, shown.err
    subjects = set(_column(shown.out, 200))
    assert subjects and subjects <= set(TEAMS.values())
    assert not any(code in shown.out.split() for code in TEAMS)
    as_json = demo_cli("assess", *PERIOD, "--by", "team", "--json").json()
    assert {r["subject"] for r in as_json} == {c for c, n in TEAMS.items() if n in subjects}


def test_a_task_for_a_team_names_the_team(demo_cli: Cli, monkeypatch) -> None:
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    due = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    added = demo_cli("task", "add", "--title", "节前安全检查", "--due", due, "--team", "ZH",
                     "--json")
    assert added.code == 0, added.err
    task = added.json()
    assert task["team"] == "ZH"  # scripts keep the code
    shown = demo_cli("task", "show", str(task["id"]))
    line = next(row for row in shown.out.splitlines() if row.startswith("队 "))
    assert line.split()[-1] == "综合指挥室" and "ZH" not in shown.out.split()
    assert demo_cli("task", "show", str(task["id"]), "--json").json()["team"] == "ZH"


def test_the_demo_counts_come_under_their_own_heading(cli: Cli, monkeypatch) -> None:
    cli("init", "--admin-password", "first-start-2026")
    monkeypatch.setenv("COMMAND_ROOM_PASSWORD", "first-start-2026")
    assert cli("users", "passwd", "admin", "--password", PASSWORD).code == 0
    monkeypatch.setenv("COMMAND_ROOM_PASSWORD", PASSWORD)
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    made = cli("demo")
    assert made.code == 0, made.err
    assert "各表记录数：" in made.out and "计入分子" not in made.out
    after = made.out.split("各表记录数：")[1].splitlines()
    assert after[1].split() == ["数据表", "行数"]
    rows = {line.split()[0]: int(line.split()[1]) for line in after[3:] if line.strip()}
    assert rows["beat"] == 6 and rows["officer"] == 24 and rows["ab_pair"] == 6
    assert "{" not in made.out  # a table, not a JSON blob



def test_the_demo_heading_is_its_own_in_both_languages() -> None:
    from desktop.cli.output import column

    assert column("demo_counts", "zh_CN") == "各表记录数"
    assert column("demo_counts", "en") == "records per table"
    assert column("demo_counts", "zh_CN") != column("counts", "zh_CN")  # the assessment's
    assert column("team", "zh_CN") == "队"  # any team: a community one, the command room
