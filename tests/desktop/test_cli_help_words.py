"""The command line's help is said in the user's language (desktop/cli/help_words.py):
each command's and option's text from the catalogue, the headings with the language's
colon, and English exactly as it always was; every option and argument has its text."""

from __future__ import annotations

import argparse
import importlib
import re
from collections.abc import Iterator

import pytest

from desktop.cli import build_parser
from desktop.cli.grammar_words import speak
from desktop.cli.help_words import wrapped
from models import exchange
from models.documents.types import TYPES
from models.messages import columns
from models.storage import transfer
from models.tasks.facts import SubjectKind
from tests.helpers.cli import Cli


def _record_kinds() -> frozenset[str]:
    """The record kinds ``import KIND FILE`` and ``export KIND FILE`` take."""
    for module in exchange.KIND_MODULES:
        importlib.import_module(module)
    return frozenset(transfer.KINDS)


RECORD_KINDS = _record_kinds()
SUBJECT_KINDS = frozenset(kind.value for kind in SubjectKind)  # what subject list --kind takes

#: the English help of a few commands (at 80 columns): as it was before the help came from
#: the catalogue, with the texts since given to the options that had none; the catalogue's
#: English must say it word for word
ENGLISH = {
    "": """\
usage: command-room [-h] [--db DB] [--user USER] [--json] [--version]
                    COMMAND ...

综合指挥室工作台 Command Room. Without a command, opens the window.

positional arguments:
  COMMAND
    init         create or upgrade the schema; create 'admin' on an empty
                 database
    demo         fill an empty database with a fictional station
    users        accounts and roles
    recover-admin
                 unlock an administrator and set a new password, as the
                 database's owner
    import       import KIND from CSV or XLSX, all-or-nothing
    export       export KIND to CSV or XLSX
    audit        the audit log
    backup       consistent online backup of the whole database into FILE
    restore      check a backup FILE whole, then restore it into an empty
                 database (as the database's owner)
    setup        set this workstation or a room up: the station, its first
                 administrator, the schema (created, or upgraded after a
                 backup); or the demo station
    roster       A/B coverage, pairs, substitutes, duty rota, staffing
    absence      officers away: leave, training, rest day, sick, personal
    calendar     the official holiday calendar
    alert        alerts (警情): take, dispatch, move along, list
    doc          numbered official documents (文书)
    subject      the registry (台账): subjects, units, cases, orders
    event        what happened to a record: visits, reports, filings …
    tasks        the agenda: tasks due, routed through the roster
    task         one task: issue, take up, finish, cancel
    template     standard task templates (任务标准件)
    handover     shift handover: the sheet, hand over, take over
    dispute      the dispute ledger (矛盾纠纷台账)
    assess       the assessment indicators (考核) with targets and pass/fail
    security     security settings: the idle lock, dispatch consoles

options:
  -h, --help     show this help message and exit
  --db DB        SQLAlchemy database URL (default: COMMAND_ROOM_DB, else the
                 window's saved choice, else an SQLite file in the per-user
                 data folder)
  --user USER    who acts (default: COMMAND_ROOM_USER or admin)
  --json         print one JSON document
  --version      show program's version number and exit
""",
    "tasks due": """\
usage: command-room tasks due [-h] [--date DATE] [--officer OFFICER]
                              [--beat BEAT] [--team TEAM] [--overdue]

options:
  -h, --help         show this help message and exit
  --date DATE        the agenda's day (YYYY-MM-DD): tasks that can be done by
                     then (default: today at the station)
  --officer OFFICER  only the tasks that fall to this officer (officer's
                     code): covering the beat, or named in a directive
  --beat BEAT        only this beat's tasks (its code)
  --team TEAM        only the tasks of this team and its beats (team code)
  --overdue          only those past their deadline
""",
    "alert add": """\
usage: command-room alert add [-h] FILE|-

positional arguments:
  FILE|-      the alert as a JSON object: this file, or - for standard input

options:
  -h, --help  show this help message and exit
""",
    "audit verify": """\
usage: command-room audit verify [-h] [--anchor FILE]

options:
  -h, --help     show this help message and exit
  --anchor FILE  also check against an anchor file written by `audit anchor`
""",
    "backup": """\
usage: command-room backup [-h] [--encrypt] [--keep N] FILE

positional arguments:
  FILE        the backup file to write; with --keep, a folder

options:
  -h, --help  show this help message and exit
  --encrypt   encrypt with a passphrase (COMMAND_ROOM_BACKUP_PASSPHRASE, else
              asked for)
  --keep N    FILE is a folder: write a dated backup there and keep the newest
              N
""",
    "security idle": """\
usage: command-room security idle [-h] [--minutes N]
                                  [--console-exemption on|off]

options:
  -h, --help            show this help message and exit
  --minutes N           lock after N idle minutes (1-30, default 10)
  --console-exemption on|off
                        whether marked dispatch consoles keep the board
                        (without personal data) in view while locked
""",
    "assess": """\
usage: command-room assess [-h] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                           [--period PERIOD]
                           [--by {officer,team,beat,station}]
                           ACTION ...

positional arguments:
  ACTION
    records             the records behind one subject's figure (drill-down)
    finalise            freeze a period (leadership); again = a new revision
    finalised           the finalised periods and their revisions
    targets             the targets; --set changes one from a day, with a
                        reason
    ranking             officers ranked by the composite; the monthly star

options:
  -h, --help            show this help message and exit
  --from YYYY-MM-DD     first day of the period, with --to; or give --period
  --to YYYY-MM-DD       last day of the period, with --from
  --period PERIOD       2026, 2026-Q4, 2026-11, 2026-11-D1 (旬: D1 D2 D3, or 上旬
                        中旬 下旬) instead of --from/--to
  --by {officer,team,beat,station}
                        whose figures: each officer, team, beat, or the
                        station (default: officer)
""",
}

#: words a Chinese help text keeps as they are: the names of programs and formats, and the
#: values a user types that no ``choices=`` lists (a document's type, a dispute's state, a
#: responsible body, the example of ``alert deadlines --set``, the default account, the
#: record kinds of import and export, the registry's kinds)
KEPT = {"SQLAlchemy", "SQLite", "PostgreSQL", "chinesecalendar", "admin", *TYPES, "open",
        "mediating", "resolved", "referred", "closed", "station", "dispute", "rural", "require",
        "team", *RECORD_KINDS, *SUBJECT_KINDS}


@pytest.fixture
def cli(sqlite_url: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Iterator[Cli]:
    monkeypatch.setenv("COLUMNS", "80")  # argparse wraps to the terminal's width
    yield Cli(sqlite_url, capsys, monkeypatch, "unused-here-2026")
    speak("en")


def _parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
             ) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _parsers(child, (*path, name))


def _every_help(language: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Each command's and subcommand's ``--help``, as the command line prints it."""
    monkeypatch.setenv("COLUMNS", "80")
    speak(language)
    try:
        return {" ".join(path): parser.format_help() for path, parser in _parsers(build_parser())}
    finally:
        speak("en")


def _names(parser: argparse.ArgumentParser) -> set[str]:
    """The words a help may show in any language because the command line reads them:
    the commands' names, the positional arguments' (argparse shows them as they are) and
    the choices of every option."""
    names: set[str] = set()
    for _, each in _parsers(parser):
        for action in each._actions:
            if not action.option_strings and action.metavar is None:
                names.add(action.dest)
            if isinstance(action, argparse._SubParsersAction):
                names |= set(action.choices)
            elif action.choices:
                names |= {str(choice) for choice in action.choices}
    return names


def english_words(help_text: str, names: set[str]) -> list[str]:
    """The English words in a help text past its usage line: each run of letters that is
    not a code (an option, a metavar, a format or variable in capitals, a value with a
    ``_``, ``-``, ``.``, ``/``, ``,`` or digit in it), not one of ``names`` and not :data:`KEPT`."""
    body = help_text.split("\n\n", 1)[1]
    body = re.sub(r"\{[^}]*\}", " ", body)  # the choices argparse lists, {officer,team,...}
    words = []
    for token in re.findall(r"[A-Za-z0-9_./:+@|,\-]+", body):
        token = token.rstrip(".,:")
        if re.fullmatch(r"[A-Za-z]+", token) and not token.isupper() \
                and token not in names and token not in KEPT:
            words.append(token)
    return words


@pytest.mark.parametrize("command", sorted(ENGLISH))
def test_english_help_is_word_for_word_what_it_was(cli: Cli, command: str) -> None:
    said = cli(*command.split(), "--help")
    assert said.code == 0
    assert said.out == ENGLISH[command]


def test_chinese_help_says_the_options_in_chinese(cli: Cli,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMAND_ROOM_LANG", "zh_CN")
    said = cli("tasks", "due", "--help")
    assert said.code == 0
    assert "  --overdue          只列已过截止日期的任务\n" in said.out
    assert "\n选项：\n" in said.out and "options" not in said.out
    whole = cli("--help")
    assert "综合指挥室工作台。不带命令运行时打开窗口。" in whole.out
    assert "    tasks        任务日程：到期任务，按排班落实到人\n" in whole.out
    assert "  --version      显示程序版本号并退出\n" in whole.out
    assert "位置参数：" in whole.out


def _unexplained(parser: argparse.ArgumentParser) -> list[str]:
    """Every option and positional argument that has no help text (argparse's own -h aside),
    and every subcommand its command's help does not list with a text, by command path."""
    missing = []
    for path, each in _parsers(parser):
        for action in each._actions:
            if isinstance(action, argparse._SubParsersAction):
                listed = {shown.dest for shown in action._choices_actions if shown.help}
                missing += [" ".join((*path, name)) for name in action.choices
                            if name not in listed]
            elif not isinstance(action, argparse._HelpAction) and not (action.help or "").strip():
                missing.append(" ".join((*path, "/".join(action.option_strings) or action.dest)))
    return missing


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_option_and_argument_says_what_it_is(language: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    speak(language)
    try:
        parser = build_parser()
        assert _unexplained(parser) == []
    finally:
        speak("en")
    helps = _every_help(language, monkeypatch)  # each text formats (its %% and %(default)s)
    assert not [path for path, text in helps.items() if "clihelp." in text]  # none unsaid


def test_the_check_finds_an_option_without_help() -> None:
    parser = build_parser()
    tasks_due = dict(_parsers(parser))[("tasks", "due")]
    tasks_due.add_argument("--unexplained")
    tasks_due.add_argument("bare")
    roster_training = dict(_parsers(parser))[("roster", "training")]
    training = next(a for a in roster_training._actions
                    if isinstance(a, argparse._SubParsersAction))
    training.add_parser("unlisted")
    assert set(_unexplained(parser)) == {"roster training unlisted", "tasks due --unexplained",
                                         "tasks due bare"}


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_help_names_every_kind_a_command_takes(language: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    helps = _every_help(language, monkeypatch)
    for command, kinds in (("import", RECORD_KINDS), ("export", RECORD_KINDS),
                           ("subject list", SUBJECT_KINDS)):
        said = set(re.findall(r"[a-z_]+", helps[command]))
        assert kinds - said == set(), command


def test_no_help_is_left_in_english_under_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    names = _names(build_parser())
    helps = _every_help("zh_CN", monkeypatch)
    assert len(helps) > 100  # every command and subcommand
    left = {path: words for path, text in helps.items() if (words := english_words(text, names))}
    assert left == {}


def test_the_check_finds_english_where_there_is_some(monkeypatch: pytest.MonkeyPatch) -> None:
    names = _names(build_parser())
    chinese = _every_help("zh_CN", monkeypatch)["tasks due"]
    assert english_words(chinese, names) == []
    left_over = chinese.replace("只列已过截止日期的任务", "only those past their deadline")
    assert english_words(left_over, names) == ["only", "those", "past", "their", "deadline"]
    english = _every_help("en", monkeypatch)["audit verify"]
    assert {"also", "against", "an", "written", "by"} <= set(english_words(english, names))


def test_headings_end_in_the_language_s_colon(monkeypatch: pytest.MonkeyPatch) -> None:
    heading = re.compile(r"^\S.*[:：]$", re.MULTILINE)
    for language, colon, other in (("zh_CN", "：", ":"), ("en", ":", "：")):
        helps = _every_help(language, monkeypatch)
        headings = {h for text in helps.values() for h in heading.findall(text)}
        assert headings, language
        assert all(h.endswith(colon) and not h.endswith(other) for h in headings), headings
    assert headings == {"options:", "positional arguments:"}


def test_chinese_is_wrapped_by_the_cells_it_takes() -> None:
    text = ("与 --room 同用：连接的保护方式；不带值即为 require（加密）；verify-full 还按 --ca "
            "核验服务器证书及其主机名")
    lines = wrapped(text, 30)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(columns(line) <= 30 for line in lines)
    assert not any(line[0] in "，。；：）" or line[-1] == "（" for line in lines)
    for ascii_word in re.findall(r"[!-~]+", text):  # an option, a value: never cut
        assert any(ascii_word in line for line in lines), ascii_word
