"""Separation of duties (三员分立): which role may do which security-relevant action.

One table, read by the services (window and command line alike go through them): the
system administrator runs the station's set-up, directory and backups; the security
administrator manages accounts, roles, unlocking and the security settings; the auditor
reads the audit log and changes nothing. No role may edit or erase audit entries: there
is no such action.
"""

from __future__ import annotations

import enum

from models.accounts.records import Role

D, L, A, S, U = Role.DUTY, Role.LEADER, Role.ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR


class Action(enum.StrEnum):
    MANAGE_ACCOUNTS = "manage_accounts"  # create accounts, set roles, reset others' passwords
    UNLOCK_ACCOUNTS = "unlock_accounts"  # lock and unlock
    LIST_ACCOUNTS = "list_accounts"
    SECURITY_SETTINGS = "security_settings"  # idle lock, dispatch-console exemption
    READ_AUDIT = "read_audit"
    EXPORT = "export"  # export a record kind (masked unless the next row allows)
    EXPORT_WHOLE = "export_whole"  # exports with whole ID and phone numbers
    UNMASK_RECORD = "unmask_record"  # see one record's numbers whole, with a reason
    WRITE_RECORDS = "write_records"  # alerts, rosters, registry, documents
    SYSTEM_SETUP = "system_setup"  # demo data, backups, the station's set-up


MATRIX: dict[Action, frozenset[Role]] = {
    Action.MANAGE_ACCOUNTS: frozenset({S}),
    Action.UNLOCK_ACCOUNTS: frozenset({S}),
    Action.LIST_ACCOUNTS: frozenset({L, A, S, U}),
    Action.SECURITY_SETTINGS: frozenset({S}),
    Action.READ_AUDIT: frozenset({L, A, U}),  # as models.accounts.audit.READERS
    Action.EXPORT: frozenset({D, L, A, U}),
    Action.EXPORT_WHOLE: frozenset({L, A}),
    Action.UNMASK_RECORD: frozenset({L, A}),
    Action.WRITE_RECORDS: frozenset({D, L, A}),
    Action.SYSTEM_SETUP: frozenset({A}),
}

# Until a station has a security administrator, the system administrator manages
# accounts (to create the first one) and the security settings; from then on only the
# security administrator does.
BOOTSTRAP: dict[Action, frozenset[Role]] = {
    Action.MANAGE_ACCOUNTS: frozenset({A}),
    Action.UNLOCK_ACCOUNTS: frozenset({A}),
    Action.SECURITY_SETTINGS: frozenset({A}),
}


def allowed(role: Role, action: Action, *, security_admin_exists: bool = True) -> bool:
    if role in MATRIX[action]:
        return True
    return not security_admin_exists and role in BOOTSTRAP.get(action, frozenset())


def roles_for(action: Action, *, security_admin_exists: bool = True) -> tuple[Role, ...]:
    extra = frozenset() if security_admin_exists else BOOTSTRAP.get(action, frozenset())
    return tuple(r for r in Role if r in MATRIX[action] | extra)
