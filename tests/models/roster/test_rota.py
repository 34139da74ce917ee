import itertools
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from models.roster.absence_spans import AbsenceSpan
from models.roster.rota import (
    COMMAND_24H,
    NIGHT_STANDBY,
    REST_DAY_STANDBY,
    DutyPost,
    DutyShift,
    count_shifts,
    fairness_spread,
    generate_rota,
    month_bounds,
    rota_problems,
    standard_posts,
)
from models.roster.workcalendar import DayClass, seeded_calendar

CAL = seeded_calendar()
COMMAND = ["C01", "C02", "C03", "C04"]
COMMUNITY = [f"S{i:02d}" for i in range(1, 9)]
POSTS = standard_posts(COMMAND, COMMUNITY)


def test_month_bounds_handles_december_and_leap_february():
    assert month_bounds(2026, 12) == (date(2026, 12, 1), date(2026, 12, 31))
    assert month_bounds(2024, 2) == (date(2024, 2, 1), date(2024, 2, 29))


def test_every_place_is_filled_with_enough_people():
    start, end = month_bounds(2026, 2)
    rota = generate_rota(POSTS, start, end, CAL)
    assert rota.unfilled == []
    command = [s for s in rota.shifts if s.post == COMMAND_24H]
    assert [s.day for s in command] == [start + timedelta(days=i) for i in range(28)]
    nights = {s.day for s in rota.shifts if s.post == NIGHT_STANDBY}
    rest = {s.day for s in rota.shifts if s.post == REST_DAY_STANDBY}
    assert nights == {d for d in CAL.working_days(start, end)}
    assert not nights & rest
    # The make-up Saturday 14 Feb 2026 is a working day: night standby, not rest-day standby.
    assert date(2026, 2, 14) in nights
    assert date(2026, 2, 17) in rest  # Spring Festival


def test_rota_is_fair_per_kind_of_day():
    start, end = month_bounds(2026, 10)  # National Day week
    rota = generate_rota(POSTS, start, end, CAL)
    for post in POSTS:
        spread = fairness_spread(rota.counts, post)
        assert spread["total"] <= 1, (post.code, spread)
        assert all(v <= 1 for v in spread.values()), (post.code, spread)
    holiday_duties = {o: c.of_class(DayClass.HOLIDAY) for o, c in rota.counts.items()}
    assert sum(holiday_duties.values()) == 7 * 2  # 24h duty + rest-day standby, 1–7 Oct


def test_rota_is_deterministic_and_rotates():
    start, end = month_bounds(2026, 3)
    first = generate_rota(POSTS, start, end, CAL)
    second = generate_rota(POSTS, start, end, CAL)
    assert first.shifts == second.shifts
    command = [s.officer for s in first.shifts if s.post == COMMAND_24H]
    assert command[:8] == ["C01", "C02", "C03", "C04"] * 2


def test_nobody_on_duty_while_away_and_rest_after_duty():
    start, end = month_bounds(2026, 3)
    away = [
        AbsenceSpan("C02", date(2026, 3, 5), date(2026, 3, 15), "leave"),
        AbsenceSpan("S03", date(2026, 3, 1), date(2026, 3, 31), "training"),
    ]
    rota = generate_rota(POSTS, start, end, CAL, away)
    assert rota_problems(rota.shifts, away, POSTS) == []
    assert not any(s.officer == "S03" for s in rota.shifts)
    assert not any(
        s.officer == "C02" and date(2026, 3, 5) <= s.day <= date(2026, 3, 15) for s in rota.shifts
    )
    by_person: dict[str, list[date]] = {}
    for s in rota.shifts:
        by_person.setdefault(s.officer, []).append(s.day)
    for days in by_person.values():
        days.sort()
        assert all((b - a).days >= 2 for a, b in itertools.pairwise(days))


def test_unfillable_places_are_reported():
    posts = [DutyPost(COMMAND_24H, ("C01",), 1)]
    start, end = date(2026, 3, 1), date(2026, 3, 4)
    rota = generate_rota(posts, start, end, CAL)
    assert [s.day for s in rota.shifts] == [date(2026, 3, 1), date(2026, 3, 3)]
    assert [(u.day, u.filled, u.needed) for u in rota.unfilled] == [
        (date(2026, 3, 2), 0, 1),
        (date(2026, 3, 4), 0, 1),
    ]


def test_prior_counts_carry_fairness_into_the_next_month():
    jan = generate_rota(POSTS, *month_bounds(2026, 1), CAL)
    last = {}
    for s in jan.shifts:
        last[s.officer] = max(last.get(s.officer, s.day), s.day)
    feb = generate_rota(POSTS, *month_bounds(2026, 2), CAL, prior=jan.counts, last_duty=last)
    command_post = POSTS[0]
    assert fairness_spread(feb.counts, command_post)["total"] <= 1
    # The rest rule holds across the month boundary.
    for s in feb.shifts:
        if s.day == date(2026, 2, 1):
            assert last.get(s.officer) != date(2026, 1, 31)


def test_rota_reaching_a_year_without_calendar_data_says_so():
    rota = generate_rota(POSTS, date(2026, 12, 20), date(2027, 1, 10), CAL)
    assert rota.missing_years == [2027]


def test_problems_named_for_hand_edits():
    away = [AbsenceSpan("C01", date(2026, 3, 2), date(2026, 3, 2), "sick")]
    shifts = [
        DutyShift(date(2026, 3, 2), COMMAND_24H, "C01"),
        DutyShift(date(2026, 3, 3), COMMAND_24H, "S01"),
        DutyShift(date(2026, 3, 3), NIGHT_STANDBY, "S01"),
        DutyShift(date(2026, 3, 4), "parade", "S02"),
    ]
    problems = rota_problems(shifts, away, POSTS)
    reasons = {(p.day, p.officer, str(p.reason)) for p in problems}
    assert (date(2026, 3, 2), "C01", "on duty while away (sick)") in reasons
    assert (date(2026, 3, 3), "S01", "not in this post's pool") in reasons
    assert any(p.officer == "S01" and str(p.reason).startswith("also on") for p in problems)
    assert (date(2026, 3, 4), "S02", "no such duty post") in reasons


def test_counts_split_weekend_and_holiday():
    shifts = [
        DutyShift(date(2026, 3, 7), REST_DAY_STANDBY, "S01"),  # Saturday
        DutyShift(date(2026, 10, 1), REST_DAY_STANDBY, "S01"),  # National Day
        DutyShift(date(2026, 3, 9), NIGHT_STANDBY, "S01"),  # Monday
    ]
    counts = count_shifts(shifts, CAL)["S01"]
    assert counts.as_dict()["weekend"] == 1
    assert counts.as_dict()["holiday"] == 1
    assert counts.as_dict()["working"] == 1
    assert counts.total == 3


@settings(max_examples=25, deadline=None)
@given(
    st.integers(2025, 2026),
    st.integers(1, 12),
    st.lists(
        st.tuples(st.sampled_from(COMMAND + COMMUNITY), st.integers(0, 27), st.integers(0, 6)),
        max_size=6,
    ),
)
def test_generated_rota_never_breaks_its_own_rules(year, month, raw_away):
    start, end = month_bounds(year, month)
    away = [
        AbsenceSpan(
            who, start + timedelta(days=offset), start + timedelta(days=offset + length), "leave"
        )
        for who, offset, length in raw_away
    ]
    rota = generate_rota(POSTS, start, end, CAL, away)
    assert rota_problems(rota.shifts, away, POSTS) == []
    needed = sum(
        post.per_day
        for day in (start + timedelta(days=i) for i in range((end - start).days + 1))
        for post in POSTS
        if CAL.day_class(day) in post.on
    )
    assert len(rota.shifts) + sum(u.needed - u.filled for u in rota.unfilled) == needed
