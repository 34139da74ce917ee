"""The people behind account names, as people read them.

Records keep the account (login) name that wrote them — stable, what the audit log and
scripts match on. Whoever shows a record to a person shows the account's display name
instead; the steps the program takes itself (the overdue sweep, the demo station) are
said as the catalogue's word for them, never as an account called ``system``.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts.records import User
from models.messages import Phrase, phrase, word

#: the names the program writes under itself, each with its word in the catalogue
PROGRAM_ACCOUNTS: Mapping[str, str] = {"system": "account.system", "demo": "account.demo"}


def account_names(session: Session) -> dict[str, str]:
    """Every account's display name by its login name (accounts without one left out)."""
    return {name: shown for name, shown in session.execute(select(User.name, User.display_name))
            if shown}


def person(names: Mapping[str, str], account: str) -> str | Phrase:
    """The person behind ``account``: the display name, the program's own word for its
    own steps, else the account name as it is."""
    if account in PROGRAM_ACCOUNTS and account not in names:
        return word(PROGRAM_ACCOUNTS[account])
    return names.get(account) or account


def with_account(names: Mapping[str, str], account: str) -> str | Phrase:
    """The person and, where it differs, the login name beside it (``值班员 (duty)``) — for
    the audit log, where an auditor matches entries to accounts."""
    shown = person(names, account)
    if shown == account or not account:
        return shown
    return phrase("account.with_login", person=shown, account=account)
