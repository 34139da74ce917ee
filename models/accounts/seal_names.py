"""How ``audit verify`` names a damaged row: by what people quote, not by its id.

Each sealed table names its rows by a column of its own (an alert's number, an officer's
badge number, a document's number) or of the row it hangs on (a timeline step by its
alert's number, an absence by the officer's badge number, a registry event by its
subject's name — masked, 张**, as every list shows it). Where the first way gives
nothing (a task without a title, a dispute opened by hand) the next is tried; where none does, the id alone is
reported.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

_ALERT = ("alert_id>alert", "number")
_BEAT = ("beat_id>beat", "code")
_OFFICER = ("officer_id>officer", "code")
_SUBJECT = ("subject_id>registry_record", "name")

#: each sealed table's ways of naming a row: hops along foreign keys ("column>table"),
#: then the column read
REFERENCES: dict[str, tuple[tuple[str, ...], ...]] = {
    "alert": (("number",),),
    "alert_event": (_ALERT,), "alert_dispatch": (_ALERT,), "alert_link": (_ALERT,),
    "alert_case_filing": (_ALERT,), "people_verification": (_ALERT,),
    "dispute": (_ALERT, ("summary",)), "dispute_alert": (_ALERT,),
    "dispute_follow_up": (("dispute_id>dispute", *_ALERT), ("dispute_id>dispute", "summary")),
    "dispute_step": (("dispute_id>dispute", *_ALERT), ("dispute_id>dispute", "summary")),
    "registry_record": (("name",),), "registry_event": (_SUBJECT,),
    "task": (("title",), _SUBJECT),
    "officer": (("code",),),
    "ab_pair": (_BEAT,), "beat_substitution": (_BEAT,), "beat_assignment": (_BEAT,),
    "absence": (_OFFICER,), "rota_shift": (_OFFICER,), "training_entry": (_OFFICER,),
    "rating": (_OFFICER,),
    "survey": (_BEAT,), "community_opinion": (_BEAT,),
    "petition": (("community_id>beat_community", "name"),),
    "shift_handover": (("given_by",),),
    "issued_document": (("number",),),
    "app_user": (("name",),),
}
#: columns shown masked wherever they are shown
MASKED = frozenset({("registry_record", "name")})


def _follow(session: Session, table: str, record_id: int, way: tuple[str, ...]) -> str | None:
    from models.accounts.record_seals import table_named

    found: object = record_id
    for hop in way[:-1]:
        column, target = hop.split(">")
        rows = table_named(table)
        found = session.execute(select(rows.c[column]).where(rows.c.id == found)).scalar()
        if found is None:
            return None
        table = target
    column = way[-1]
    rows = table_named(table)
    value = session.execute(select(rows.c[column]).where(rows.c.id == found)).scalar()
    if value is None or value == "":
        return None
    if (table, column) in MASKED:
        from models.tasks.registry import mask_name

        return mask_name(str(value))
    return str(value)


def number_of(session: Session, table: str, record_id: int) -> str | None:
    """The number people quote for a sealed row, when the row (and what it hangs on) is
    still there."""
    for way in REFERENCES.get(table, ()):
        named = _follow(session, table, record_id, way)
        if named is not None:
            return named
    return None
