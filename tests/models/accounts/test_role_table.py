"""Who may do what: every user action, tried by every role, through the service the window
and the command line both call.

An allowed role's call must succeed (its transaction is then rolled back, so the next case
sees the same demo station); any other role is refused with ``NotAllowed`` and leaves no
record, no audit entry and no change-feed row behind. The demo station has no security
administrator yet; the rows that change once it has one are tried again with one
(``STEADY``), and the rows that stand for a row of the role × action table
(``models.accounts.permissions.MATRIX``) are held to it. The command line's own cells:
tests/desktop/test_cli_roles.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

import models.alerts.feed
import models.station.transfer  # noqa: F401  (registers the officers kind)
from models import exchange
from models.accounts import audit, permissions, screen_lock, users
from models.accounts.actor import Actor
from models.accounts.audit import AuditEntry
from models.accounts.permissions import Action as Permission
from models.accounts.records import Role, User
from models.alerts import progress, rules, sending, taking, views
from models.assessment import register_entry
from models.disputes import screening
from models.disputes import service as disputes
from models.documents import service as documents
from models.errors import NotAllowed
from models.roster import absences, pairs, rota_store
from models.roster.calendar_store import seed_calendar_as
from models.roster.policy import set_policy
from models.station import directory, founding
from models.station.people import Officer, OfficerKind
from models.station.station import Beat, BeatCommunity, Station, Team
from models.storage import db
from models.storage.changefeed import ChangeEntry
from models.tasks import handling, registry, schedule, templates
from tests.conftest import ADMIN_PASSWORD
from tests.helpers.demo_archive import restore_demo
from tests.models.documents.conftest import sample

CST = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=CST)
EVERYONE = tuple(Role)
WRITERS = {Role.DUTY, Role.LEADER, Role.ADMIN}
MANAGERS = {Role.LEADER, Role.ADMIN}
ADMINS = {Role.ADMIN}
READERS = {Role.ADMIN, Role.AUDITOR, Role.LEADER}
# accounts belong to the security administrator; the demo station has none yet, so the
# system administrator may still make the first (see test_separation_of_duties.py)
ACCOUNT_KEEPERS = {Role.SECURITY_ADMIN, Role.ADMIN}
EXPORTERS = {Role.DUTY, Role.LEADER, Role.ADMIN, Role.AUDITOR}
ACCOUNT_READERS = {Role.LEADER, Role.ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR}
UNMASKERS = {Role.LEADER, Role.ADMIN}  # the roles whose accounts are made able to unmask


class Demo:
    """What the actions need from the demo station: its id, a community, a police officer."""

    def __init__(self, engine: Engine, tmp: Path) -> None:
        self.engine, self.tmp = engine, tmp
        with db.session_scope(engine) as s:
            self.station_id = s.scalars(select(Station.id)).one()
            self.community = s.scalars(
                select(BeatCommunity.name).join(Beat).where(Beat.code == "B01")).first()
            self.officer, self.other = s.scalars(select(Officer.code).where(
                Officer.kind == OfficerKind.POLICE).order_by(Officer.code).limit(2)).all()

    @property
    def admin(self) -> Actor:
        return Actor("admin", Role.ADMIN, self.station_id, True)

    def alert(self, s: Session) -> str:
        document = {
            "source": "phone", "received_at": (NOW - dt.timedelta(minutes=2)).isoformat(),
            "category": "help", "priority": 2, "community": self.community,
            "address": "青禾路12号3栋201", "caller_name": "韩晓东", "caller_phone": "13900001234",
            "description": "a neighbour's dog is loose in the stairwell",
        }
        return taking.add_alert(s, self.admin, document, now=NOW).alert.number

    def dispute_alert(self, s: Session) -> str:
        document = {
            "source": "phone", "received_at": (NOW - dt.timedelta(minutes=2)).isoformat(),
            "category": "dispute", "priority": 2, "community": self.community,
            "address": "梧桐巷9号", "parties": ["测试己"], "description": "两户争吵",
        }
        return taking.add_alert(s, self.admin, document, now=NOW).alert.number


def _dispatched(d: Demo, s: Session) -> str:
    number = d.alert(s)
    sending.dispatch(s, d.admin, number, (), now=NOW)
    return number


def _absence(d: Demo, s: Session) -> int:
    """An absence waiting for leadership: recorded by the duty desk while approval is on."""
    set_policy(s, d.admin, absence_approval=True)
    duty = Actor("duty", Role.DUTY, d.station_id)
    added = absences.add_absence(s, duty, d.officer, "2027-05-10", "2027-05-11", "leave")
    return int(added["id"])


TODAY = NOW.date()


def _warning(d: Demo, s: Session, actor: Actor | None = None) -> dict[str, Any]:
    return registry.add_subject(s, actor or d.admin, {
        "kind": "dv_warning", "beat": "B01", "name": "测试丁", "start": "2026-02-27"},
        today=TODAY)


def _pending_flag(d: Demo, s: Session) -> int:
    return int(_warning(d, s, Actor("duty", Role.DUTY, d.station_id))["id"])


def _prescribed(d: Demo, s: Session) -> int:
    return int(next(t["id"] for t in _warning(d, s)["tasks"]
                    if t["rule"] == "dv_warning.follow_up"))


def _directive(d: Demo, s: Session) -> int:
    return int(handling.add_directive(s, d.admin, {"title": "核查", "beat": "B01",
                                                   "due": "2026-03-09"}, today=TODAY)["id"])


def _dispute(d: Demo, s: Session, actor: Actor | None = None) -> dict[str, Any]:
    return disputes.add_dispute(s, actor or d.admin, {
        "beat": "B01", "summary": "邻里纠纷", "parties": ["测试戊"], "on": "2026-02-27"},
        today=TODAY)


def _subject(d: Demo, s: Session) -> int:
    return int(registry.add_subject(s, d.admin, {
        "kind": "dv_warning", "beat": "B01", "name": "测试庚", "start": "2026-02-27"},
        today=TODAY)["id"])


def _someone_else(a: Actor) -> str:
    """A demo account that is not the actor's own (changing one's own password is no one's
    to refuse)."""
    return "leader" if a.name != "leader" else "duty"


def _teams_file(d: Demo) -> Path:
    path = d.tmp / "teams.csv"
    path.write_text("code,name,kind\nT90,试验组,community\n", encoding="utf-8")
    return path


Action = Callable[[Demo, Session, Actor], Any]

#: action name -> (the roles that may, what the action does with valid arguments)
ACTIONS: dict[str, tuple[set[Role], Action]] = {
    "alert intake": (WRITERS, lambda d, s, a: taking.add_alert(s, a, {
        "source": "phone", "received_at": NOW.isoformat(), "category": "help", "priority": 2,
        "community": d.community, "address": "青禾路12号", "description": "a loose dog",
    }, now=NOW)),
    "alert dispatch": (WRITERS, lambda d, s, a: sending.dispatch(s, a, d.alert(s), (), now=NOW)),
    "alert status": (WRITERS, lambda d, s, a: progress.move(s, a, _dispatched(d, s), "on_scene")),
    "alert note": (WRITERS, lambda d, s, a: progress.add_note(s, a, d.alert(s), "called back")),
    "working hours": (MANAGERS, lambda d, s, a: rules.change_working_hours(s, a, "08:00", None)),
    "absence add": (WRITERS, lambda d, s, a: absences.add_absence(
        s, a, d.officer, "2027-05-10", "2027-05-11", "leave")),
    "absence approve": (MANAGERS, lambda d, s, a: absences.decide_absence(
        s, a, _absence(d, s), True)),
    "rota edit": (WRITERS, lambda d, s, a: rota_store.generate_month(s, a, 2027, 6)),
    "document issue": (WRITERS, lambda d, s, a: documents.issue(
        s, a, "police_notice", sample("police_notice"))),
    "document void": (MANAGERS, lambda d, s, a: documents.void(s, a, documents.issue(
        s, d.admin, "police_notice", sample("police_notice"))[0].number, "issued in error")),
    "account add": (ACCOUNT_KEEPERS, lambda d, s, a: users.create_user(
        s, a, "newbie", ADMIN_PASSWORD, "duty")),
    "account lock": (ACCOUNT_KEEPERS, lambda d, s, a: users.set_locked(s, a, "duty", True)),
    "account unlock": (ACCOUNT_KEEPERS, lambda d, s, a: users.set_locked(s, a, "duty", False)),
    "account password of another": (ACCOUNT_KEEPERS, lambda d, s, a: users.change_password(
        s, a, _someone_else(a), "copper-kettle-harbour-77")),
    "account list": (ACCOUNT_READERS, lambda d, s, a: users.list_users(s, a)),
    "idle lock set": (ACCOUNT_KEEPERS, lambda d, s, a: screen_lock.set_policy(
        s, a, minutes=5, console_exemption=True)),
    "console mark": (ACCOUNT_KEEPERS, lambda d, s, a: screen_lock.mark_console(
        s, a, "desk-1", True)),
    "directory edit": (MANAGERS, lambda d, s, a: directory.save_team(
        s, a, {"code": "T91", "name": "试验组", "kind": "community", "_new": True})),
    "import": (MANAGERS, lambda d, s, a: exchange.import_file(
        s, a, "teams", _teams_file(d), False)),
    "calendar seed": (MANAGERS, lambda d, s, a: seed_calendar_as(s, a)),
    "export officers": (EXPORTERS, lambda d, s, a: exchange.export_file(
        s, a, "officers", d.tmp / "officers.csv")),
    "export alerts": (EXPORTERS, lambda d, s, a: exchange.export_file(
        s, a, "alerts", d.tmp / "alerts.csv")),
    "alert unmask": (UNMASKERS, lambda d, s, a: views.show_alert(
        s, a, d.alert(s), unmask=True, reason="回拨报警人")),
    "subject unmask": (UNMASKERS, lambda d, s, a: registry.show_subject(
        s, a, _subject(d, s), unmask=True, reason="核对身份")),
    "station set-up": (ADMINS, lambda d, s, a: founding.station_answers(s, a)),
    "audit log read": (READERS, lambda d, s, a: audit.latest_entries(s, a, 5)),
    "audit log verify": (READERS, lambda d, s, a: audit.verify_log(s, a)),
    "pair set": (MANAGERS, lambda d, s, a: pairs.set_pair(
        s, a, "B01", d.officer, d.other, "2027-01-01", "ab")),
    "subject add": (WRITERS, lambda d, s, a: _warning(d, s, a)),
    "event add": (WRITERS, lambda d, s, a: registry.add_event(s, a, {
        "subject": _warning(d, s)["id"], "kind": "visit", "on": "2026-03-01"}, today=TODAY)),
    "flag approve": (MANAGERS, lambda d, s, a: registry.decide_flag(
        s, a, _pending_flag(d, s), True)),
    "task issue": (WRITERS, lambda d, s, a: handling.add_directive(s, a, {
        "title": "核查", "beat": "B01", "due": "2026-03-09"}, today=TODAY)),
    "task done": (WRITERS, lambda d, s, a: handling.finish_task(
        s, a, _directive(d, s), "已核查", today=TODAY)),
    "task cancel": (WRITERS, lambda d, s, a: handling.cancel_task(
        s, a, _directive(d, s), "上级撤回")),
    "prescribed task cancel": (MANAGERS, lambda d, s, a: handling.cancel_task(
        s, a, _prescribed(d, s), "对象已迁出")),
    "template save": (MANAGERS, lambda d, s, a: templates.save_template(s, a, {
        "code": "visit", "name": "走访查访", "object": "特定对象", "content": "上门查访"})),
    "tasks regenerate": (WRITERS, lambda d, s, a: schedule.regenerate_station(s, a)),
    "dispute add": (WRITERS, lambda d, s, a: _dispute(d, s, a)),
    "dispute from alert": (WRITERS, lambda d, s, a: disputes.from_alert(
        s, a, d.dispute_alert(s), today=TODAY)),
    "dispute follow-up": (WRITERS, lambda d, s, a: disputes.follow_up(
        s, a, _dispute(d, s)["id"], "2026-03-01", "已回访", today=TODAY)),
    "dispute state": (WRITERS, lambda d, s, a: disputes.change_state(
        s, a, _dispute(d, s)["id"], "mediating", today=TODAY)),
    "petition add": (MANAGERS, lambda d, s, a: register_entry.record_petition(
        s, a, "2026-03-01", d.community, "县", "")),
    "dispute screening": (WRITERS, lambda d, s, a: screening.screening_pdf(s, a, TODAY)),
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:

    tmp = tmp_path_factory.mktemp("roles")
    url = f"sqlite:///{tmp / 'roles.sqlite'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    restore_demo(url)
    yield Demo(engine, tmp)
    engine.dispose()


class _RolledBack(Exception):
    """Ends an allowed case's transaction without keeping what it wrote."""


def _written(engine: Engine) -> tuple[int, ...]:
    with db.session_scope(engine) as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) or 0
                     for t in (AuditEntry, ChangeEntry, Team, User))


@pytest.mark.parametrize("role", EVERYONE, ids=[r.value for r in EVERYONE])
@pytest.mark.parametrize("name", list(ACTIONS))
def test_role_table(demo: Demo, name: str, role: Role) -> None:
    allowed, action = ACTIONS[name]
    _try(demo, action, _actor(demo, role), role in allowed)


def _actor(demo: Demo, role: Role) -> Actor:
    """As the account is made: only leadership's and the administrator's may unmask."""
    return Actor(role.value, role, demo.station_id, may_unmask=role in UNMASKERS)


def _try(demo: Demo, action: Action, actor: Actor, allowed: bool,
         before_it: Callable[[Session], Any] = lambda s: None) -> None:
    before = _written(demo.engine)
    if allowed:
        with pytest.raises(_RolledBack), db.session_scope(demo.engine) as s:
            before_it(s)
            action(demo, s, actor)
            s.flush()
            raise _RolledBack
    else:
        with pytest.raises(NotAllowed, match=f"role '{actor.role.value}' may not"), \
                db.session_scope(demo.engine) as s:
            before_it(s)
            action(demo, s, actor)
    assert _written(demo.engine) == before


#: the rows whose roles change once the station has a security administrator: from then
#: on the accounts and the security settings are the security administrator's alone
STEADY: dict[str, set[Role]] = {
    "account add": {Role.SECURITY_ADMIN},
    "account lock": {Role.SECURITY_ADMIN},
    "account unlock": {Role.SECURITY_ADMIN},
    "account password of another": {Role.SECURITY_ADMIN},
    "idle lock set": {Role.SECURITY_ADMIN},
    "console mark": {Role.SECURITY_ADMIN},
}


def _a_security_administrator(s: Session) -> None:
    """Added in the case's own transaction, so it goes with the case's rollback."""
    s.add(User(name="sec", display_name="sec", role=Role.SECURITY_ADMIN, password_hash="-",
               station_id=None))
    s.flush()


@pytest.mark.parametrize("role", EVERYONE, ids=[r.value for r in EVERYONE])
@pytest.mark.parametrize("name", list(STEADY))
def test_role_table_once_a_security_administrator_exists(demo: Demo, name: str,
                                                         role: Role) -> None:
    _allowed, action = ACTIONS[name]
    _try(demo, action, _actor(demo, role), role in STEADY[name], _a_security_administrator)


#: the rows that stand for a row of the role × action table in the code
MATRIX_ROWS: dict[str, Permission] = {
    "account add": Permission.MANAGE_ACCOUNTS,
    "account password of another": Permission.MANAGE_ACCOUNTS,
    "account lock": Permission.UNLOCK_ACCOUNTS,
    "account unlock": Permission.UNLOCK_ACCOUNTS,
    "account list": Permission.LIST_ACCOUNTS,
    "idle lock set": Permission.SECURITY_SETTINGS,
    "console mark": Permission.SECURITY_SETTINGS,
    "audit log read": Permission.READ_AUDIT,
    "audit log verify": Permission.READ_AUDIT,
    "export officers": Permission.EXPORT,
    "export alerts": Permission.EXPORT,
    "alert unmask": Permission.UNMASK_RECORD,
    "subject unmask": Permission.UNMASK_RECORD,
    "alert intake": Permission.WRITE_RECORDS,
    "alert dispatch": Permission.WRITE_RECORDS,
    "document issue": Permission.WRITE_RECORDS,
    "station set-up": Permission.SYSTEM_SETUP,
}


def test_the_rows_are_the_matrix_in_the_code() -> None:
    """Each cell tried above is the table's own cell, before and after the station has a
    security administrator; every action of the table is tried (``EXPORT_WHOLE`` by the
    export test below, backups on the command line)."""
    for name, permission in MATRIX_ROWS.items():
        assert ACTIONS[name][0] == set(permissions.roles_for(
            permission, security_admin_exists=False)), name
        assert STEADY.get(name, ACTIONS[name][0]) == permissions.MATRIX[permission], name
    assert set(MATRIX_ROWS.values()) | {Permission.EXPORT_WHOLE} == set(Permission)


@pytest.mark.parametrize("role", sorted(EXPORTERS), ids=lambda r: r.value)
def test_whole_numbers_leave_only_with_the_roles_the_table_names(demo: Demo,
                                                                 role: Role) -> None:
    """``EXPORT_WHOLE`` cell by cell: an export is masked unless the table lets the role
    have the numbers whole (and the account holds that right)."""
    with db.session_scope(demo.engine) as s:
        done = exchange.export_file(s, _actor(demo, role), "officers", demo.tmp / "o.csv")
        s.rollback()
    whole = permissions.allowed(role, Permission.EXPORT_WHOLE)
    assert done["numbers"] == ("whole" if whole else "masked")
    assert whole == (role in UNMASKERS)


def test_the_table_covers_every_role() -> None:
    """A role added later must be placed in the table, not silently refused everywhere."""
    assert set(EVERYONE) == {Role.DUTY, Role.LEADER, Role.ADMIN, Role.SECURITY_ADMIN,
                             Role.AUDITOR}
