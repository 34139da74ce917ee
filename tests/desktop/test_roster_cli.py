"""Roster commands through the real command line, on SQLite and PostgreSQL."""

from pathlib import Path

import pytest

from models.demo.generate import DEMO_PASSWORD
from tests.helpers.cli import Cli
from tests.helpers.demo_archive import restore_demo

PASSWORD = "harbour-lamp-2026"


@pytest.fixture
def cli(db_url: str, capsys, monkeypatch) -> Cli:
    cli = Cli(db_url, capsys, monkeypatch, PASSWORD)
    restore_demo(db_url, seed=2026)  # as `init` then `demo --today 2026-03-02`
    return cli


def test_absence_coverage_pairs_and_substitute_round_trip(cli: Cli) -> None:
    added = cli("absence", "add", "004103", "--from", "2026-05-04", "--to", "2026-05-05",
                "--kind", "training", "--json")
    assert added.code == 0, added.err
    absence = added.json()
    assert absence["status"] == "approved" and absence["warnings"] == []
    second = cli("absence", "add", "004104", "--from", "2026-05-05", "--to", "2026-05-05",
                 "--kind", "rest_day", "--json").json()
    assert second["gaps"] == [{"beat": "B04", "date": "2026-05-05"}]

    rows = cli("roster", "coverage", "--date", "2026-05-04", "--to", "2026-05-05", "--json").json()
    assert len(rows) == 12
    b04 = {r["date"]: r for r in rows if r["beat"] == "B04"}
    assert b04["2026-05-04"]["covering"] == "004104" and b04["2026-05-04"]["owner"] == "004103"
    assert b04["2026-05-05"]["gap"] is True and "rest_day" in b04["2026-05-05"]["reason"]
    gaps = cli("roster", "gaps", "--from", "2026-05-01", "--days", "14", "--json").json()
    assert [(g["beat"], g["date"]) for g in gaps] == [("B04", "2026-05-05")]

    sub = cli("roster", "substitute", "add", "B04", "--officer", "004115", "--from", "2026-05-05",
              "--json")
    assert sub.code == 0, sub.err
    fixed = cli("roster", "coverage", "--date", "2026-05-05", "--beat", "B04", "--json").json()
    assert fixed[0]["covering"] == "004115" and fixed[0]["acting"] == "004115"
    assert fixed[0]["owner"] == "004103" and fixed[0]["basis"] == "substitute"
    assert cli("roster", "gaps", "--from", "2026-05-01", "--json").json() == []

    changed = cli("roster", "pairs", "set", "B04", "--a", "004103", "--b", "004105",
                  "--from", "2026-05-05", "--json")
    assert changed.code == 0, changed.err
    listed = cli("roster", "pairs", "list", "--date", "2026-05-04", "--beat", "B04", "--json")
    assert [p["b"] for p in listed.json()] == ["004104"]
    history = cli("roster", "pairs", "list", "--history", "--beat", "B04", "--json").json()
    assert [(p["b"], p["to"]) for p in history] == [("004104", "2026-05-04"), ("004105", None)]

    cancelled = cli("absence", "cancel", str(absence["id"]), "--reason", "course moved", "--json")
    assert cancelled.json()["status"] == "cancelled"
    listed = cli("absence", "list", "--from", "2026-05-01", "--to", "2026-05-31", "--json").json()
    assert [a["officer"] for a in listed] == ["004104"]
    audit = cli("audit", "verify", "--json").json()
    assert audit["ok"] is True


def test_refusals_exit_1_name_the_field_and_write_nothing(cli: Cli, monkeypatch) -> None:
    before = cli("absence", "list", "--all", "--json").json()
    for args, words in [
        (("absence", "add", "004103", "--from", "2026-05-06", "--to", "2026-05-04",
          "--kind", "sick"), "field 'to'"),
        (("absence", "add", "NOBODY", "--from", "2026-05-04", "--to", "2026-05-04",
          "--kind", "sick"), "no officer 'NOBODY'"),
        (("roster", "pairs", "set", "B01", "--a", "004100", "--b", "004100",
          "--from", "2026-05-01"), "same person"),
        (("roster", "rota", "generate", "--month", "2026-13"), "field 'month'"),
    ]:
        result = cli(*args)
        assert result.code == 1 and words in result.err and result.out == "", (args, result.err)
    assert cli("absence", "add", "004103", "--from", "2026-05-04", "--to", "2026-05-04",
               "--kind", "holiday").code == 2  # not one of the kinds: a usage error
    assert cli("absence", "list", "--all", "--json").json() == before
    monkeypatch.setenv("COMMAND_ROOM_PASSWORD", DEMO_PASSWORD)
    duty_pairs = cli("--user", "duty", "roster", "pairs", "set", "B01", "--a", "004100",
                     "--b", "004102", "--from", "2026-05-01")
    assert duty_pairs.code == 1 and "may not" in duty_pairs.err


def test_rota_generate_show_edit_and_print(cli: Cli, tmp_path: Path) -> None:
    generated = cli("roster", "rota", "generate", "--month", "2026-05", "--json")
    assert generated.code == 0, generated.err
    view = generated.json()
    assert view["unfilled"] == [] and view["problems"] == []
    shown = cli("roster", "rota", "show", "--month", "2026-05", "--json").json()
    assert shown["shifts"] == view["shifts"]
    first = next(s for s in view["shifts"] if s["post"] == "command_24h")
    other = next(c for c in ("004106", "004107", "004108", "004109")
                 if c not in {s["officer"] for s in view["shifts"] if s["date"] == first["date"]})
    edited = cli("roster", "rota", "set", first["date"], "command_24h", other,
                 "--replaces", first["officer"], "--json")
    assert edited.code == 0, edited.err
    away = cli("absence", "add", other, "--from", first["date"], "--to", first["date"],
               "--kind", "sick", "--json").json()
    assert away["duties"] == [{"date": first["date"], "post": "command_24h"}]
    problems = cli("roster", "rota", "show", "--month", "2026-05", "--json").json()["problems"]
    assert [(p["date"], p["officer"]) for p in problems] == [(first["date"], other)]
    pdf = tmp_path / "rota.pdf"
    printed = cli("roster", "rota", "print", "--month", "2026-05", "--out", str(pdf), "--json")
    assert printed.code == 0 and printed.json()["pages"] >= 2
    assert pdf.read_bytes().startswith(b"%PDF")
    staffing = cli("roster", "staffing", "--year", "2026", "--as-of", "2026-05-31", "--json")
    assert staffing.code == 0 and len(staffing.json()["checks"]) == 6


def test_import_export_all_or_nothing(cli: Cli, tmp_path: Path) -> None:
    for kind in ("pairs", "absences", "rota", "holidays"):
        for suffix in ("csv", "xlsx"):
            out = tmp_path / f"{kind}.{suffix}"
            result = cli("export", kind, str(out), "--json")
            assert result.code == 0 and result.json()["exported"] > 0, (kind, result.err)

    absences = tmp_path / "new_absences.csv"
    absences.write_text("officer,kind,from,to\n004105,leave,2026-06-01,2026-06-02\n"
                        "004102,training,2026-06-03,2026-06-01\n", encoding="utf-8")
    refused = cli("import", "absences", str(absences), "--json")
    assert refused.code == 1 and "row 3" in refused.err and "'to'" in refused.err
    assert cli("absence", "list", "--from", "2026-06-01", "--to", "2026-06-30",
               "--json").json() == []
    absences.write_text("警号,类别,开始,结束\n004105,leave,2026-06-01,2026-06-02\n",
                        encoding="utf-8")
    assert cli("import", "absences", str(absences), "--json").json()["imported"] == 1

    rota = tmp_path / "rota.xlsx"
    assert cli("export", "rota", str(rota)).code == 0
    again = cli("import", "rota", str(rota), "--json")  # the same rota back: days replaced
    assert again.code == 0, again.err
    assert cli("export", "rota", str(tmp_path / "r2.csv"), "--json").json()["exported"] == \
        again.json()["imported"]
    clash = tmp_path / "clash.csv"
    clash.write_text("date,post,officer\n2026-06-01,command_24h,004106\n"
                     "2026-06-01,night_standby,004105\n", encoding="utf-8")
    refused = cli("import", "rota", str(clash))
    assert refused.code == 1 and "row 3" in refused.err and "away (leave)" in refused.err

    calendar = tmp_path / "2027.csv"
    calendar.write_text("date,kind,name\n2027-01-01,holiday,元旦\n2027-01-01,holiday,元旦\n",
                        encoding="utf-8")
    refused = cli("import", "holidays", str(calendar))
    assert refused.code == 1 and "row 3" in refused.err
    assert cli("calendar", "check", "--from", "2027-01-01", "--to", "2027-12-31",
               "--json").json()["missing_years"] == [2027]
    calendar.write_text("date,kind,name\n2027-01-01,holiday,元旦\n2027-02-06,holiday,春节\n",
                        encoding="utf-8")
    assert cli("calendar", "import", str(calendar), "--json").json()["years"] == [2027]
    assert cli("calendar", "check", "--from", "2027-01-01", "--to", "2027-12-31",
               "--json").json()["ok"] is True

    pairs = tmp_path / "pairs.csv"
    pairs.write_text("beat,a,b,from,mode\nB01,004100,004102,2026-07-01,ab\n"
                     "B02,004101,004101,2026-07-01,ab\n", encoding="utf-8")
    refused = cli("import", "pairs", str(pairs))
    assert refused.code == 1 and "row 3" in refused.err and "same person" in refused.err
    assert [p["b"] for p in cli("roster", "pairs", "list", "--date", "2026-07-02", "--beat",
                                "B01", "--json").json()] == ["004101"]


def test_workbook_with_date_cells(cli: Cli, tmp_path: Path) -> None:
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["日期", "类别", "名称"])
    sheet.append([dt.datetime(2027, 1, 1), "holiday", "元旦"])
    sheet.append([dt.datetime(2027, 2, 6), "holiday", "春节"])
    sheet.append([dt.datetime(2027, 1, 30), "workday", "春节"])
    path = tmp_path / "2027.xlsx"
    book.save(path)
    result = cli("import", "holidays", str(path), "--json")
    assert result.code == 0, result.err
    shown = cli("calendar", "show", "--year", "2027", "--json").json()
    assert shown == [{"date": "2027-01-01", "kind": "holiday", "name": "元旦"},
                     {"date": "2027-01-30", "kind": "workday", "name": "春节"},
                     {"date": "2027-02-06", "kind": "holiday", "name": "春节"}]
    book = Workbook()
    sheet = book.active
    sheet.append(["officer", "kind", "from", "to"])
    sheet.append(["004100", "training", dt.datetime(2027, 1, 4), dt.datetime(2027, 1, 8)])
    path = tmp_path / "absences.xlsx"
    book.save(path)
    assert cli("import", "absences", str(path), "--json").json()["imported"] == 1
    listed = cli("absence", "list", "--officer", "004100", "--from", "2027-01-01",
                 "--json").json()
    assert [(a["from"], a["to"], a["days"]) for a in listed] == [("2027-01-04", "2027-01-08", 5)]


def test_readable_output_and_refusals_speak_the_chosen_language(cli: Cli, monkeypatch) -> None:
    for day in ("2026-05-05", "2026-05-06"):  # the beat's A away: B away too leaves a gap
        assert cli("absence", "add", "004103", "--from", day, "--to", day, "--kind", "training",
                   "--json").code == 0
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    added = cli("absence", "add", "004104", "--from", "2026-05-05", "--to", "2026-05-05",
                "--kind", "rest_day")
    assert added.code == 0, added.err
    assert "警务区 B04 于 2026-05-05 将无人在岗" in added.out, added.out
    again = cli("absence", "add", "004104", "--from", "2026-05-05", "--to", "2026-05-05",
                "--kind", "rest_day")
    assert again.code == 1 and again.out == ""
    assert again.err == "command-room: 起：004104在2026-05-05至2026-05-05已有请假（休息日）\n"
    monkeypatch.setenv("COMMAND_ROOM_LANG", "en")
    english = cli("absence", "add", "004104", "--from", "2026-05-05", "--to", "2026-05-05",
                  "--kind", "rest_day")
    assert english.err == ("command-room: field 'from': 004104 already has rest_day from "
                           "2026-05-05 to 2026-05-05\n")
    warned = cli("absence", "add", "004104", "--from", "2026-05-06", "--to", "2026-05-06",
                 "--kind", "rest_day")
    assert "leaves beat B04 with nobody covering on 2026-05-06" in warned.out, warned.out


def test_staffing_findings_in_the_chosen_language(cli: Cli, monkeypatch) -> None:
    args = ("roster", "staffing", "--year", "2026", "--as-of", "2026-05-31")
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    chinese = cli(*args)
    assert chinese.code == 0, chinese.err
    assert "第5条" in chinese.out and "个治保会中" in chinese.out, chinese.out
    assert "staffing." not in chinese.out
    report = cli(*args, "--json").json()
    assert report["checks"][0]["check"] == "community_share"
    assert report["checks"][0]["article"] == "第5条"
    monkeypatch.setenv("COMMAND_ROOM_LANG", "en")
    english = cli(*args)
    assert "Art. 5" in english.out and "committees meet it" in english.out, english.out
    assert cli(*args, "--json").json()["checks"][0]["article"] == "Art. 5"
