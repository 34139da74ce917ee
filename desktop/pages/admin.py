"""Administration: officers, beats, teams and accounts, listed, added and edited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.pages.directory_tab import DirectoryTab, Field, TabSpec
from desktop.pages.dispatch_rules import DispatchRulesTab
from desktop.pages.security_tab import SecurityTab
from desktop.role_words import role_word
from desktop.session import AppSession
from desktop.work import Work
from models import validation
from models.accounts import users
from models.accounts.actor import MANAGERS
from models.accounts.records import Role
from models.station import directory
from models.station.people import OfficerKind
from models.station.station import TeamKind
from widgets.record_table import Column


class AdminPage(QWidget):
    key = "admin"

    def __init__(self, app: AppSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.app = app
        self.tabs = QTabWidget()
        self.officers = DirectoryTab(app, self._officer_spec())
        self.beats = DirectoryTab(app, self._beat_spec())
        self.teams = DirectoryTab(app, self._team_spec())
        self.tabs.addTab(self.officers, self.tr("Officers"))
        self.tabs.addTab(self.beats, self.tr("Beats"))
        self.tabs.addTab(self.teams, self.tr("Teams"))
        self.accounts: DirectoryTab | None = None
        if app.actor.role in (Role.ADMIN, Role.SECURITY_ADMIN, Role.LEADER, Role.AUDITOR):
            self.accounts = DirectoryTab(app, self._user_spec())
            self.tabs.addTab(self.accounts, self.tr("Accounts"))
        self.security: SecurityTab | None = None
        if app.actor.role in (Role.ADMIN, Role.SECURITY_ADMIN, Role.LEADER, Role.AUDITOR):
            self.security = SecurityTab(app)
            self.tabs.addTab(self.security, self.tr("Idle lock"))
        self.dispatch_rules = DispatchRulesTab(app)
        self.tabs.addTab(self.dispatch_rules, self.tr("Dispatch rules"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        app.changed.connect(self._on_changed)

    def refresh(self) -> None:
        for tab in (self.officers, self.beats, self.teams, self.accounts):
            if tab is not None:
                tab.refresh()
        self.dispatch_rules.refresh()
        if self.security is not None:
            self.security.refresh()

    def _on_changed(self, topic: str) -> None:
        if topic == "directory":
            self.refresh()

    # -- choices shared by the forms ------------------------------------------------
    def _team_choices(self) -> list[tuple[str, str]]:
        teams = self.app.read(lambda s: [(t.code, t.name) for t in
                                        directory.list_teams(s, self.app.actor.station_id)])
        return [("", self.tr("(none)")), *[(c, f"{c} {n}") for c, n in teams]]

    def _beat_choices(self) -> list[tuple[str, str]]:
        beats = self.app.read(lambda s: [(b.code, b.name) for b in
                                        directory.list_beats(s, self.app.actor.station_id)])
        return [("", self.tr("(none)")), *[(c, f"{c} {n}") for c, n in beats]]

    def _kind_label(self, kind: str) -> str:
        return {"police": self.tr("Police"), "auxiliary": self.tr("Auxiliary"),
                "command_room": self.tr("Command room"), "community": self.tr("Community team"),
                "case": self.tr("Case team")}.get(kind, kind)

    # -- officers -------------------------------------------------------------------
    def _officer_spec(self) -> TabSpec:
        actor = self.app.actor
        unmask = actor.may_unmask

        def load(s: Work) -> list[dict[str, Any]]:
            rows = []
            for o in directory.list_officers(s, actor.station_id):
                rows.append({
                    "code": o.code, "name": o.name, "kind": o.kind.value,
                    "kind_label": self._kind_label(o.kind.value),
                    "team": o.team.code if o.team else "", "beat": o.home_beat.code if o.home_beat else "",
                    "team_label": o.team.name if o.team else "",  # people read the name
                    # masked for everyone; the editor reads one chosen record whole
                    # (audited) for those who may edit it
                    "phone_shown": validation.mask_phone(o.phone),
                    "id_shown": validation.mask_id_number(o.id_number),
                    "phone": validation.mask_phone(o.phone),
                    "id_number": validation.mask_id_number(o.id_number),
                    "joined_on": o.joined_on.isoformat() if o.joined_on else "",
                    "full_time_community": o.full_time_community, "version": o.version,
                })
            return rows

        def save(s: Work, data: dict[str, Any], creating: bool) -> object:
            return directory.save_officer(s, actor, {**data, "_new": creating})

        return TabSpec(
            topic="directory",
            columns=[Column("code", self.tr("Badge no.")), Column("name", self.tr("Full name")),
                     Column("kind_label", self.tr("Kind")), Column("team_label", self.tr("Team")),
                     Column("beat", self.tr("Beat")), Column("phone_shown", self.tr("Phone")),
                     Column("id_shown", self.tr("ID number")),
                     Column("joined_on", self.tr("Joined"))],
            fields=[
                Field("code", self.tr("Badge no."), required=True, key_field=True, max_len=16),
                Field("name", self.tr("Full name"), required=True, max_len=32),
                Field("kind", self.tr("Kind"), "choice", lambda: [
                    (k.value, self._kind_label(k.value)) for k in OfficerKind]),
                Field("team", self.tr("Team"), "choice", self._team_choices),
                Field("beat", self.tr("Home beat"), "choice", self._beat_choices),
                Field("phone", self.tr("Phone"), placeholder="13800000000", max_len=20),
                Field("id_number", self.tr("ID number"), placeholder=self.tr("18 characters"),
                      max_len=18),
                Field("joined_on", self.tr("Joined on"), placeholder="YYYY-MM-DD", max_len=10),
                Field("full_time_community", self.tr("Full-time community officer"), "check"),
            ],
            load=load, save=save, can_edit=actor.role in MANAGERS and unmask,
            read_only_reason=self.tr(
                "Read only: the station leader and administrators keep the people's "
                "records (their ID numbers and phones are shown masked to others)."),
            reveal=lambda s, row: directory.reveal_officer(s, actor, row["code"]),
        )

    # -- beats ----------------------------------------------------------------------
    def _beat_spec(self) -> TabSpec:
        actor = self.app.actor

        def load(s: Work) -> list[dict[str, Any]]:
            return [{
                "code": b.code, "name": b.name, "team": b.team.code if b.team else "",
                "team_label": b.team.name if b.team else "",
                "communities": ",".join(c.name for c in b.communities),
                "population": b.population, "rural": b.rural,
                "rural_label": self.tr("Rural") if b.rural else self.tr("Urban"),
                "adjacent": ",".join(a.code for a in b.adjacent),
                "lat": "" if b.lat is None else b.lat, "lon": "" if b.lon is None else b.lon,
                "version": b.version,
            } for b in directory.list_beats(s, actor.station_id)]

        def save(s: Work, data: dict[str, Any], creating: bool) -> object:
            return directory.save_beat(s, actor, {**data, "_new": creating})

        return TabSpec(
            topic="directory",
            columns=[Column("code", self.tr("Code")), Column("name", self.tr("Name")),
                     Column("team_label", self.tr("Team")),
                     Column("communities", self.tr("Communities / villages")),
                     Column("population", self.tr("Residents"), align_right=True),
                     Column("rural_label", self.tr("Area")),
                     Column("adjacent", self.tr("Adjacent beats"))],
            fields=[
                Field("code", self.tr("Code"), required=True, key_field=True, max_len=16),
                Field("name", self.tr("Name"), required=True, max_len=64),
                Field("team", self.tr("Team"), "choice", self._team_choices),
                Field("communities", self.tr("Communities / villages"),
                      placeholder=self.tr("comma-separated")),
                Field("population", self.tr("Residents")),
                Field("rural", self.tr("Rural (villages)"), "check"),
                Field("adjacent", self.tr("Adjacent beats"), placeholder="B02,B03"),
                Field("lat", self.tr("Latitude")),
                Field("lon", self.tr("Longitude")),
            ],
            load=load, save=save, can_edit=actor.role in MANAGERS,
            read_only_reason=self.tr(
                "Read only: the station leader and administrators keep this list; "
                "ask them for a change."),
        )

    # -- teams ----------------------------------------------------------------------
    def _team_spec(self) -> TabSpec:
        actor = self.app.actor

        def load(s: Work) -> list[dict[str, Any]]:
            return [{"code": t.code, "name": t.name, "kind": t.kind.value,
                     "kind_label": self._kind_label(t.kind.value), "version": t.version}
                    for t in directory.list_teams(s, actor.station_id)]

        def save(s: Work, data: dict[str, Any], creating: bool) -> object:
            return directory.save_team(s, actor, data)

        return TabSpec(
            topic="directory",
            columns=[Column("code", self.tr("Code")), Column("name", self.tr("Name")),
                     Column("kind_label", self.tr("Kind"))],
            fields=[
                Field("code", self.tr("Code"), required=True, key_field=True, max_len=16),
                Field("name", self.tr("Name"), required=True, max_len=64),
                Field("kind", self.tr("Kind"), "choice", lambda: [
                    (k.value, self._kind_label(k.value)) for k in TeamKind]),
            ],
            load=load, save=save, can_edit=actor.role in MANAGERS,
            read_only_reason=self.tr(
                "Read only: the station leader and administrators keep this list; "
                "ask them for a change."),
        )

    # -- accounts -------------------------------------------------------------------
    def _user_spec(self) -> TabSpec:
        actor = self.app.actor
        zone = self.app.zone  # read here, on the window's thread, not in the worker

        def load(s: Work) -> list[dict[str, Any]]:
            return [{"name": u.name, "display_name": u.display_name, "role": u.role,
                     "role_label": role_word(u.role),
                     "locked_label": self.tr("Locked") if u.locked else self.tr("Active"),
                     "last_login_at": _station_minute(u.last_login_at, zone),
                     "password": ""}
                    for u in users.list_users(s, actor)]

        def save(s: Work, data: dict[str, Any], creating: bool) -> object:
            if creating:
                return users.create_user(s, actor, data["name"], data["password"], data["role"],
                                         data["display_name"])
            if data["password"]:
                return users.change_password(s, actor, data["name"], data["password"])
            from models.errors import Refused

            raise Refused(self.tr("enter a new password to change it"), field="password")

        return TabSpec(
            topic="accounts",
            columns=[Column("name", self.tr("User name")),
                     Column("display_name", self.tr("Display name")),
                     Column("role_label", self.tr("Role")),
                     Column("locked_label", self.tr("State")),
                     Column("last_login_at", self.tr("Last sign-in"))],
            fields=[
                Field("name", self.tr("User name"), required=True, key_field=True, max_len=32),
                Field("display_name", self.tr("Display name"), max_len=32),
                Field("role", self.tr("Role"), "choice", lambda: [
                    (r.value, role_word(r.value)) for r in Role]),
                Field("password", self.tr("Password"), "password",
                      placeholder=self.tr("at least 8 characters, letters and digits")),
            ],
            # who may is the service's to say (models.accounts.permissions): the security
            # administrator, or the system administrator until a station has one
            load=load, save=save, can_edit=actor.role in (Role.ADMIN, Role.SECURITY_ADMIN),
            read_only_reason=self.tr("Read only: only the security administrator (or the "
                                     "system administrator) creates accounts and changes roles."),
            extra=[(self.tr("Lock / unlock"), self._toggle_lock)]
            if actor.role in (Role.ADMIN, Role.SECURITY_ADMIN)
            else [],
        )

    def _toggle_lock(self, row: dict[str, Any] | None) -> None:
        """Lock a chosen account, or unlock a locked one (also clears failed sign-ins)."""
        from desktop.refusals import describe
        from models.errors import Refused

        tab = self.accounts
        assert tab is not None
        if row is None:
            tab.message.show_message("warning", self.tr("Choose an account first."))
            return
        locking = row["locked_label"] != self.tr("Locked")
        try:
            self.app.run(lambda s: users.set_locked(s, self.app.actor, row["name"], locking),
                         topic="accounts")
        except Refused as exc:
            tab.message.show_message("error", describe(exc))
            return
        tab.refresh()
        done = self.tr("{0} is locked.") if locking else self.tr("{0} is unlocked.")
        tab.message.show_message("ok", done.format(row["name"]), timeout_ms=4000)


def _station_minute(instant: str | None, zone: dt.tzinfo) -> str:
    """An ISO instant as the station's wall-clock minute (``2026-03-01 08:30``)."""
    if not instant:
        return ""
    return dt.datetime.fromisoformat(instant).astimezone(zone).strftime("%Y-%m-%d %H:%M")
