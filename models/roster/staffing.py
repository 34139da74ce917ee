"""Staffing checks against the community-policing work standard.

Each check returns the rule it applies (article and wording), whether the
station passes, and the people, beats or committees that fail it by name, so
that leadership can act on the list rather than on a percentage.

- Art. 5: community officers are at least 40 % of the station's police.
- Art. 7: about 5,000 residents per beat officer.
- Art. 13: security committees (治保会) of at least three people.
- Art. 101: full-time community officers spend at least 80 % of their working
  time in the beat (others 40 %); night and rest-day standby is allowed and so
  does not count against it, station duty on a working day does.
- Art. 110: at least 15 days of training a year, and officers kept in the same
  beat for at least five years — the rule is about stability, so what fails is
  a move out of a beat before five years, not a newcomer who has not yet
  served five.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from models.messages import Phrase, phrase, word
from models.roster.absence_spans import OFF_WORK_KINDS, AbsenceIndex, AbsenceSpan
from models.roster.rota import COMMAND_24H, DutyShift
from models.roster.workcalendar import WorkCalendar


@dataclass(frozen=True, slots=True)
class Finding:
    subject: str | Phrase  # an officer, beat or committee code/name, or the station
    detail: Phrase
    value: float | None = None


@dataclass(frozen=True)
class CheckResult:
    code: str
    article: Phrase
    rule: Phrase
    passed: bool
    summary: Phrase
    failures: tuple[Finding, ...] = ()
    notes: tuple[Finding, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "check": self.code,
            "article": self.article,
            "rule": self.rule,
            "pass": self.passed,
            "summary": self.summary,
            "failures": [
                {"subject": f.subject, "detail": f.detail, "value": f.value} for f in self.failures
            ],
            "notes": [
                {"subject": f.subject, "detail": f.detail, "value": f.value} for f in self.notes
            ],
        }


@dataclass(frozen=True, slots=True)
class StaffMember:
    code: str
    police: bool  # sworn police (auxiliaries are not counted in police strength)
    community: bool  # a community (beat) officer
    full_time_community: bool = False


@dataclass(frozen=True, slots=True)
class BeatLoad:
    beat: str
    residents: int
    officers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BeatTenure:
    officer: str
    beat: str
    start: date
    end: date | None = None  # None while still serving there


@dataclass(frozen=True, slots=True)
class TrainingRecord:
    officer: str
    day: date
    days: float


@dataclass(frozen=True, slots=True)
class Committee:
    name: str
    beat: str
    members: tuple[str, ...]


def _article(number: int) -> Phrase:
    return phrase("staffing.article", number=number)


def community_share(staff: Iterable[StaffMember], minimum: float = 0.40) -> CheckResult:
    police = [s for s in staff if s.police]
    community = [s for s in police if s.community]
    share = len(community) / len(police) if police else 0.0
    passed = bool(police) and share >= minimum
    failures: tuple[Finding, ...] = ()
    if not passed:
        needed = 0
        while police and (len(community) + needed) / len(police) < minimum:
            needed += 1
        failures = (
            Finding(
                word("staffing.station"),
                phrase("staffing.finding.community_short", community=len(community),
                       police=len(police), needed=needed),
                round(share, 4),
            ),
        )
    return CheckResult(
        "community_share",
        _article(5),
        phrase("staffing.rule.community_share", minimum=minimum),
        passed,
        phrase("staffing.summary.community_share", community=len(community),
               police=len(police), share=share),
        failures,
    )


def residents_per_officer(
    beats: Iterable[BeatLoad], target: int = 5000, tolerance: float = 0.2
) -> CheckResult:
    """Beats where one officer answers for clearly more than ``target`` residents.

    "About 5,000" leaves room, so a beat fails above ``target × (1 + tolerance)``;
    small rural beats are allowed (one or more villages per beat, Art. 9) and
    are only noted.
    """
    upper = target * (1 + tolerance)
    lower = target * (1 - tolerance)
    failures, notes = [], []
    loads = list(beats)
    for load in loads:
        if not load.officers:
            failures.append(Finding(load.beat, phrase("staffing.finding.no_officer",
                                                    residents=load.residents)))
            continue
        per = load.residents / len(load.officers)
        if per > upper:
            failures.append(
                Finding(
                    load.beat,
                    phrase("staffing.finding.residents_per_officer", per=per,
                           officers=len(load.officers)),
                    round(per, 1),
                )
            )
        elif per < lower:
            notes.append(Finding(load.beat, phrase("staffing.finding.few_residents", per=per),
                                 round(per, 1)))
    total_res = sum(b.residents for b in loads)
    total_off = sum(len(b.officers) for b in loads)
    average = total_res / total_off if total_off else 0.0
    return CheckResult(
        "residents_per_officer",
        _article(7),
        phrase("staffing.rule.residents_per_officer", target=target),
        not failures,
        phrase("staffing.summary.residents_per_officer", average=average),
        tuple(failures),
        tuple(notes),
    )


def training_days(
    year: int,
    officers: Iterable[str],
    absences: Iterable[AbsenceSpan] = (),
    records: Iterable[TrainingRecord] = (),
    minimum: float = 15,
    as_of: date | None = None,
) -> CheckResult:
    """Training days per community officer in ``year``: training absences
    (each day counted) plus training records. Before the year is over the
    figures are "so far", and the summary says so."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    index = AbsenceIndex((a for a in absences if a.kind == "training"), first, last)
    days: dict[str, float] = {}
    for officer in officers:
        days[officer] = float(len(index.away_days(officer)))
    for record in records:
        if record.officer in days and record.day.year == year:
            days[record.officer] += record.days
    failures = tuple(
        Finding(o, phrase("staffing.finding.training_days", days=d, year=year), d)
        for o, d in sorted(days.items())
        if d < minimum
    )
    in_progress = as_of is not None and as_of < last
    counts = {"meeting": len(days) - len(failures), "officers": len(days), "minimum": minimum}
    summary = (phrase("staffing.summary.training_days_so_far", **counts, as_of=as_of)
               if in_progress else phrase("staffing.summary.training_days", **counts))
    return CheckResult(
        "training_days",
        _article(110),
        phrase("staffing.rule.training_days", minimum=minimum),
        not failures,
        summary,
        failures,
    )


def _years_between(start: date, end: date) -> float:
    return (end - start).days / 365.25


def beat_tenure(
    assignments: Iterable[BeatTenure],
    as_of: date,
    since: date | None = None,
    minimum_years: float = 5,
) -> CheckResult:
    """Moves out of a beat before ``minimum_years`` fail (ended on or after
    ``since`` when given); officers still serving are listed as notes with
    their years so far."""
    failures, notes = [], []
    for a in sorted(assignments, key=lambda a: (a.officer, a.start)):
        if a.end is not None and a.end <= as_of:
            if since is not None and a.end + timedelta(days=1) < since:
                continue  # moved (first day elsewhere) before the period
            years = _years_between(a.start, a.end)
            if years < minimum_years:
                failures.append(
                    Finding(a.officer, phrase("staffing.finding.left_beat", beat=a.beat, years=years),
                            years)
                )
        elif a.start <= as_of:
            years = _years_between(a.start, as_of)
            notes.append(Finding(a.officer, phrase("staffing.finding.in_beat", beat=a.beat,
                                                    years=years), years))
    return CheckResult(
        "beat_tenure",
        _article(110),
        phrase("staffing.rule.beat_tenure", years=minimum_years),
        not failures,
        phrase("staffing.summary.beat_tenure", moves=len(failures), years=minimum_years),
        tuple(failures),
        tuple(notes),
    )


def time_in_beat(
    start: date,
    end: date,
    officers: Iterable[StaffMember],
    calendar: WorkCalendar,
    absences: Iterable[AbsenceSpan] = (),
    shifts: Iterable[DutyShift] = (),
    away_posts: Iterable[str] = (COMMAND_24H,),
    full_time_minimum: float = 0.80,
    other_minimum: float = 0.40,
) -> CheckResult:
    """Share of each community officer's working days spent in the beat.

    Working days are the calendar's, less leave, rest days, sick and personal
    leave (not working time at all). Of those, days on training and days on a
    station duty post (``away_posts``) are away from the beat.
    """
    index = AbsenceIndex(absences, start, end)
    away_post_set = set(away_posts)
    on_station: dict[str, set[date]] = {}
    for shift in shifts:
        if shift.post in away_post_set and start <= shift.day <= end:
            on_station.setdefault(shift.officer, set()).add(shift.day)
    working = calendar.working_days(start, end)
    failures, notes = [], []
    checked = 0
    for member in sorted(officers, key=lambda m: m.code):
        if not member.community:
            continue
        checked += 1
        minimum = full_time_minimum if member.full_time_community else other_minimum
        available = 0
        away = 0
        for day in working:
            kind = index.kind_on(member.code, day)
            if kind in OFF_WORK_KINDS:
                continue
            available += 1
            if kind == "training" or day in on_station.get(member.code, ()):
                away += 1
        if available == 0:
            notes.append(Finding(member.code, word("staffing.finding.no_working_days")))
            continue
        share = (available - away) / available
        if share < minimum:
            failures.append(
                Finding(
                    member.code,
                    phrase("staffing.finding.time_in_beat", share=share, days=available,
                           minimum=minimum),
                    round(share, 4),
                )
            )
    return CheckResult(
        "time_in_beat",
        _article(101),
        phrase("staffing.rule.time_in_beat", full_time=full_time_minimum, other=other_minimum),
        not failures,
        phrase("staffing.summary.officers_meet", meeting=checked - len(failures),
               officers=checked),
        tuple(failures),
        tuple(notes),
    )


def security_committees(committees: Iterable[Committee], minimum: int = 3) -> CheckResult:
    items = list(committees)
    failures = tuple(
        Finding(c.name, phrase("staffing.finding.committee_size", size=size, beat=c.beat), size)
        for c in sorted(items, key=lambda c: (c.beat, c.name))
        if (size := len(set(c.members))) < minimum
    )
    return CheckResult(
        "security_committees",
        _article(13),
        phrase("staffing.rule.security_committees", minimum=minimum),
        not failures,
        phrase("staffing.summary.committees_meet", meeting=len(items) - len(failures),
               committees=len(items)),
        failures,
    )


def all_checks(results: Sequence[CheckResult]) -> Mapping[str, object]:
    return {"pass": all(r.passed for r in results), "checks": [r.as_dict() for r in results]}
