"""What the schedule rules read and what they give back.

A rule is a small pure function from one registry record (a subject, a unit, a case,
an order, a beat's liaison duties, the station's meetings) and its events to the
obligations that follow from them. It knows nothing of the database: the store feeds it
:class:`Record` snapshots and writes the :class:`Obligation` results as tasks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class SubjectKind(StrEnum):
    """The kinds of registry record (台账) that drive a schedule."""

    DV_WARNING = "dv_warning"  # 家庭暴力告诫书; start = the day it was served
    POLITICAL_RIGHTS = "political_rights"  # 剥夺政治权利; start/end of the term
    BAIL = "bail"  # 取保候审; start = first report, end = term end
    RESIDENTIAL_SURVEILLANCE = "residential_surveillance"  # 监视居住; as bail
    RELEASED_PRISONER = "released_prisoner"  # 刑满释放不满五年; start = release
    DRUG_USER = "drug_user"  # 社会面吸毒人员; start = registered
    MINOR = "minor"  # 严重不良行为未成年人; start = order to report monthly
    SPECIFIC_SUBJECT = "specific_subject"  # any other 特定对象; start = flagged
    UNIT = "unit"  # 单位; start = registered
    KEY_UNIT = "key_unit"  # 重点单位; start = registered
    CASE = "case"  # 案件; start = filed (立案)
    RECTIFICATION_ORDER = "rectification_order"  # 责令限期整改; start = issued, end = deadline
    COMMUNITY_LIAISON = "community_liaison"  # a beat's liaison duties (one record per beat)
    STATION_MEETINGS = "station_meetings"  # the integrated meetings (one record per station)


# the specific subjects (特定对象, Art. 37-42): flagging them needs leadership approval
# and each is visited in full every half year (Art. 42)
SPECIFIC_KINDS = frozenset({
    SubjectKind.DV_WARNING, SubjectKind.POLITICAL_RIGHTS, SubjectKind.BAIL,
    SubjectKind.RESIDENTIAL_SURVEILLANCE, SubjectKind.RELEASED_PRISONER,
    SubjectKind.DRUG_USER, SubjectKind.MINOR, SubjectKind.SPECIFIC_SUBJECT,
})


class EventKind(StrEnum):
    """What happened to a record; events are what satisfy and restart obligations."""

    VISIT = "visit"  # 查访/走访/回访; ``recurrence`` when it found the behaviour again
    RECURRENCE = "recurrence"  # the behaviour happened again (not found on a visit)
    REPORT = "report"  # a report: by the subject (monthly), to the station, to an authority
    FILED = "filed"  # a case filed (立案); an order filed with the station (备案)
    CLOSED = "closed"  # a case closed (结案)
    REINSPECTION = "reinspection"  # 复查 after a rectification deadline
    ASSESSMENT = "assessment"  # a risk assessment (风险评估)
    INSPECTION = "inspection"  # 监督检查 of a unit
    TALK = "talk"  # a legal-education talk with a written record (法治教育谈话)
    MEETING = "meeting"  # a liaison meeting or an integrated meeting held
    NOTICE = "notice"  # a written notice given (e.g. at the end of a term)


@dataclass(frozen=True, slots=True)
class Fact:
    """One event as a rule sees it."""

    kind: EventKind
    on: dt.date
    recurrence: bool = False  # a visit that found the behaviour again
    topic: str = ""  # which duty a report or meeting was for, where one record has several


@dataclass(frozen=True, slots=True)
class Record:
    """One registry record and its events (sorted by day), as a rule sees it."""

    kind: SubjectKind
    start: dt.date
    end: dt.date | None = None
    events: tuple[Fact, ...] = ()


@dataclass(frozen=True, slots=True)
class Obligation:
    """One task a rule requires.

    ``rule`` is the rule's stable code (``dv_warning.follow_up``); ``cycle`` numbers the
    occurrences of that rule for the record from 1, so that regenerating finds the same
    task again; ``opens`` is the first day it can be done and ``due`` its deadline;
    ``done_on`` the day of the event that satisfied it (None while it is not done);
    ``satisfied_by`` the kind of event that does it (what marking it done records);
    ``article`` the regulation's article it comes from (``41(五)``);
    ``estimated`` the years whose working-day calendar was missing when a date was
    counted in working days (then the count used Monday to Friday).
    """

    rule: str
    cycle: int
    opens: dt.date
    due: dt.date
    satisfied_by: EventKind
    article: str
    done_on: dt.date | None = None
    topic: str = ""
    estimated: tuple[int, ...] = field(default=())
