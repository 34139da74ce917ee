from datetime import date

from models.messages import say
from models.roster.absence_spans import AbsenceSpan
from models.roster.rota import COMMAND_24H, NIGHT_STANDBY, DutyShift
from models.roster.staffing import (
    BeatLoad,
    BeatTenure,
    Committee,
    StaffMember,
    TrainingRecord,
    all_checks,
    beat_tenure,
    community_share,
    residents_per_officer,
    security_committees,
    time_in_beat,
    training_days,
)
from models.roster.workcalendar import seeded_calendar

CAL = seeded_calendar()


def staff(n_police: int, n_community: int, n_aux: int = 0) -> list[StaffMember]:
    out = [StaffMember(f"P{i:02d}", True, i < n_community) for i in range(n_police)]
    out += [StaffMember(f"X{i:02d}", False, True) for i in range(n_aux)]
    return out


def test_community_share_passes_at_forty_percent():
    result = community_share(staff(10, 4, n_aux=20))  # auxiliaries do not count
    assert result.passed and result.failures == ()


def test_community_share_fails_and_says_how_many_are_missing():
    result = community_share(staff(20, 7))
    assert not result.passed
    assert say(result.failures[0].subject, "zh_CN") == "本所"
    assert "1 more needed" in say(result.failures[0].detail, "en")
    assert say(community_share(staff(20, 5)).failures[0].detail, "en").endswith("3 more needed")
    assert say(result.failures[0].detail, "zh_CN") == "20 名民警中社区民警 7 名，还需 1 名"
    assert say(result.article, "en") == "Art. 5" and say(result.article, "zh_CN") == "第5条"
    assert say(result.summary, "en") == "7/20 = 35.0%"


def test_residents_per_officer_names_overloaded_beats_only():
    result = residents_per_officer(
        [
            BeatLoad("B01", 5200, ("P1",)),
            BeatLoad("B02", 13000, ("P2", "P3")),  # 6,500 each: over 6,000
            BeatLoad("B03", 1800, ("P4",)),  # a small rural beat: noted, not failed
            BeatLoad("B04", 3000, ()),
        ]
    )
    assert not result.passed
    assert [f.subject for f in result.failures] == ["B02", "B04"]
    assert [n.subject for n in result.notes] == ["B03"]


def test_training_days_counts_training_absences_and_records_in_the_year():
    absences = [
        AbsenceSpan("P1", date(2025, 12, 29), date(2026, 1, 9), "training"),  # 9 days in 2026
        AbsenceSpan("P1", date(2026, 5, 1), date(2026, 5, 3), "leave"),  # not training
        AbsenceSpan("P2", date(2026, 3, 2), date(2026, 3, 16), "training"),  # 15 days
    ]
    records = [TrainingRecord("P1", date(2026, 6, 1), 5), TrainingRecord("P1", date(2025, 6, 1), 9)]
    result = training_days(2026, ["P1", "P2", "P3"], absences, records)
    assert {f.subject: f.value for f in result.failures} == {"P1": 14.0, "P3": 0.0}
    in_progress = training_days(2026, ["P2"], absences, as_of=date(2026, 7, 1))
    assert in_progress.passed and "in progress" in say(in_progress.summary, "en")
    assert "年度进行中，截至 2026-07-01" in say(in_progress.summary, "zh_CN")


def test_beat_tenure_fails_early_moves_not_newcomers():
    assignments = [
        BeatTenure("P1", "B01", date(2018, 3, 1), date(2024, 3, 1)),  # 6 years: fine
        BeatTenure("P2", "B02", date(2022, 1, 1), date(2025, 6, 30)),  # moved after 3.5
        BeatTenure("P2", "B05", date(2025, 7, 1)),  # newcomer there: a note
        BeatTenure("P3", "B03", date(2025, 1, 1)),
    ]
    result = beat_tenure(assignments, as_of=date(2026, 1, 1))
    assert [f.subject for f in result.failures] == ["P2"]
    assert say(result.failures[0].detail, "en") == "left beat B02 after 3.5 years"
    assert say(result.failures[0].detail, "zh_CN") == "在警务区 B02 工作 3.5 年后调离"
    assert {n.subject for n in result.notes} == {"P2", "P3"}
    assert beat_tenure(assignments, date(2026, 1, 1), since=date(2026, 1, 1)).passed


def test_time_in_beat_counts_training_and_station_duty_but_not_standby():
    start, end = date(2026, 3, 1), date(2026, 3, 31)  # 22 working days
    assert CAL.count_working_days(start, end) == 22
    members = [
        StaffMember("S1", True, True, full_time_community=True),
        StaffMember("S2", True, True, full_time_community=True),
        StaffMember("S3", True, True, full_time_community=False),
        StaffMember("C1", True, False),
    ]
    absences = [
        AbsenceSpan("S1", date(2026, 3, 2), date(2026, 3, 6), "training"),  # 5 days away
        AbsenceSpan("S2", date(2026, 3, 2), date(2026, 3, 13), "leave"),  # not working time
        AbsenceSpan("S3", date(2026, 3, 2), date(2026, 3, 13), "training"),  # 10 of 22
    ]
    shifts = [DutyShift(date(2026, 3, d), NIGHT_STANDBY, "S2") for d in (16, 17, 18)]
    shifts.append(DutyShift(date(2026, 3, 16), COMMAND_24H, "S2"))
    result = time_in_beat(start, end, members, CAL, absences, shifts)
    # S1: 17/22 = 77 % < 80 %; S2: 11 of 12 available days = 92 %; S3 (not full time): 55 % ≥ 40 %
    assert [f.subject for f in result.failures] == ["S1"]
    assert result.failures[0].value == round(17 / 22, 4)
    assert say(result.summary, "en") == "2 of 3 officers meet it"
    assert say(result.failures[0].detail, "en") == "77% of 22 working days in the beat (needs 80%)"


def test_security_committees_need_three_distinct_people():
    result = security_committees(
        [
            Committee("Lanting committee", "B01", ("Zhao A", "Qian B", "Sun C")),
            Committee("Hexi committee", "B02", ("Li D", "Li D", "Zhou E")),
        ]
    )
    assert [f.subject for f in result.failures] == ["Hexi committee"]
    assert result.failures[0].value == 2


def test_all_checks_summary():
    results = [community_share(staff(10, 5)), security_committees([])]
    summary = all_checks(results)
    assert summary["pass"] is True
    assert [c["check"] for c in summary["checks"]] == ["community_share", "security_committees"]
