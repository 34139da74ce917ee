"""The regulation's schedule rules, as pure functions.

Each rule takes one registry record (with its events), the official working-day calendar
and a horizon, and gives back the obligations that follow, each citing its article. The
rules read no event after the horizon and open no obligation after it; an ordinary
obligation never opens after the record's end either (the end-of-term ones belong to the
end). :data:`RULES` says which rules apply to which kind of record, :data:`RULE_INFO`
describes each by its code, and :func:`obligations` runs them all for one record.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

from models.roster.workcalendar import WorkCalendar
from models.tasks.facts import SPECIFIC_KINDS, EventKind, Obligation, Record, SubjectKind
from models.tasks.rules import (
    bail,
    case,
    drug_user,
    dv_warning,
    liaison,
    meetings,
    minor,
    political_rights,
    rectification,
    released_prisoner,
    specific,
    units,
)
from models.tasks.rules.common import Rule, RuleInfo

__all__ = ["KIND_RULE_CODES", "RULES", "RULE_INFO", "Rule", "RuleInfo", "obligations", "rule_codes",
           "topics_for"]

_OWN: dict[SubjectKind, tuple[Rule, ...]] = {
    SubjectKind.DV_WARNING: (dv_warning.follow_up,),
    SubjectKind.POLITICAL_RIGHTS: (political_rights.monthly_report,
                                   political_rights.expiry_report,
                                   political_rights.expiry_notice),
    SubjectKind.BAIL: (bail.bail_feedback, bail.bail_expiry_notice),
    SubjectKind.RESIDENTIAL_SURVEILLANCE: (bail.surveillance_feedback,
                                           bail.surveillance_expiry_notice),
    SubjectKind.RELEASED_PRISONER: (released_prisoner.talk,),
    SubjectKind.DRUG_USER: (drug_user.risk_assessment,),
    SubjectKind.MINOR: (minor.monthly_report,),
    SubjectKind.SPECIFIC_SUBJECT: (),
    SubjectKind.UNIT: (units.unit_inspection,),
    SubjectKind.KEY_UNIT: (units.key_unit_inspection,),
    SubjectKind.CASE: (case.filed_visit, case.closed_visit),
    SubjectKind.RECTIFICATION_ORDER: (rectification.filing, rectification.reinspection,
                                      rectification.failure_report),
    SubjectKind.COMMUNITY_LIAISON: (liaison.secretary_meeting, liaison.key_unit_meeting,
                                    liaison.residents_report),
    SubjectKind.STATION_MEETINGS: (meetings.briefing, meetings.regular, meetings.screening,
                                   meetings.zero_report),
}

#: the rules for each kind of record; every specific subject also has the half-yearly visit
RULES: Mapping[SubjectKind, tuple[Rule, ...]] = MappingProxyType({
    kind: rules + ((specific.half_year_visit,) if kind in SPECIFIC_KINDS else ())
    for kind, rules in _OWN.items()
})

_INFOS = (
    dv_warning.FOLLOW_UP,
    political_rights.MONTHLY_REPORT, political_rights.EXPIRY_REPORT,
    political_rights.EXPIRY_NOTICE,
    bail.BAIL_FEEDBACK, bail.BAIL_EXPIRY_NOTICE,
    bail.SURVEILLANCE_FEEDBACK, bail.SURVEILLANCE_EXPIRY_NOTICE,
    released_prisoner.TALK,
    drug_user.RISK_ASSESSMENT,
    minor.MONTHLY_REPORT,
    specific.HALF_YEAR_VISIT,
    case.FILED_VISIT, case.CLOSED_VISIT,
    units.UNIT_INSPECTION, units.KEY_UNIT_INSPECTION,
    rectification.FILING, rectification.REINSPECTION, rectification.FAILURE_REPORT,
    liaison.SECRETARY_MEETING, liaison.KEY_UNIT_MEETING, liaison.RESIDENTS_REPORT,
    meetings.BRIEFING, meetings.REGULAR, meetings.SCREENING, meetings.ZERO_REPORT,
)

#: every rule by its code: the article, the event kind and topic that satisfy it
RULE_INFO: Mapping[str, RuleInfo] = MappingProxyType({info.code: info for info in _INFOS})


def rule_codes() -> tuple[str, ...]:
    """Every rule's code, in the order of :data:`RULE_INFO`."""
    return tuple(RULE_INFO)


def obligations(record: Record, calendar: WorkCalendar, horizon: date) -> list[Obligation]:
    """Everything the rules for ``record``'s kind require up to ``horizon``, sorted by
    (opens, rule, cycle)."""
    out = [o for rule in RULES[record.kind] for o in rule(record, calendar, horizon)]
    return sorted(out, key=lambda o: (o.opens, o.rule, o.cycle))


_OWN_CODES: dict[SubjectKind, tuple[str, ...]] = {
    SubjectKind.DV_WARNING: ("dv_warning.follow_up",),
    SubjectKind.POLITICAL_RIGHTS: ("political_rights.monthly_report",
                                   "political_rights.expiry_report",
                                   "political_rights.expiry_notice"),
    SubjectKind.BAIL: ("bail.feedback", "bail.expiry_notice"),
    SubjectKind.RESIDENTIAL_SURVEILLANCE: ("residential_surveillance.feedback",
                                           "residential_surveillance.expiry_notice"),
    SubjectKind.RELEASED_PRISONER: ("released_prisoner.talk",),
    SubjectKind.DRUG_USER: ("drug_user.risk_assessment",),
    SubjectKind.MINOR: ("minor.monthly_report",),
    SubjectKind.SPECIFIC_SUBJECT: (),
    SubjectKind.UNIT: ("unit.inspection",),
    SubjectKind.KEY_UNIT: ("key_unit.inspection",),
    SubjectKind.CASE: ("case.filed_visit", "case.closed_visit"),
    SubjectKind.RECTIFICATION_ORDER: ("rectification.filing", "rectification.reinspection",
                                      "rectification.failure_report"),
    SubjectKind.COMMUNITY_LIAISON: ("liaison.secretary_meeting", "liaison.key_unit_meeting",
                                    "liaison.residents_report"),
    SubjectKind.STATION_MEETINGS: ("meetings.briefing", "meetings.regular",
                                   "meetings.screening", "meetings.zero_report"),
}

#: the codes of the rules in :data:`RULES`, kind by kind (a test keeps the two in step)
KIND_RULE_CODES: Mapping[SubjectKind, tuple[str, ...]] = MappingProxyType({
    kind: codes + (("specific.half_year_visit",) if kind in SPECIFIC_KINDS else ())
    for kind, codes in _OWN_CODES.items()
})


def topics_for(kind: SubjectKind, event: EventKind) -> frozenset[str]:
    """The duties of a ``kind`` record that an ``event`` can satisfy, by topic ("" for the
    one duty of that event kind where there is no need to say which)."""
    return frozenset(RULE_INFO[c].topic for c in KIND_RULE_CODES[kind]
                     if RULE_INFO[c].satisfied_by is event)
