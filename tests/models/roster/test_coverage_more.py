from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.errors import Refused
from models.roster.absence_spans import AbsenceSpan
from models.roster.coverage import (
    A_ON_DUTY,
    B_COVERS,
    GAP_BOTH_AWAY,
    GAP_NO_B,
    GAP_NO_PAIR,
    PARTNER_COVERS,
    SUBSTITUTE,
    PairSpan,
    Substitution,
    check_pair,
    coverage,
    gaps,
    gaps_opened_by,
    pair_on,
)

START = date(2024, 1, 1)
PAIRS = [
    PairSpan("B01", "P101", "P102", START),
    PairSpan("B02", "P102", "P101", START),
    PairSpan("B03", "P103", None, START),
]
BEATS = ["B01", "B02", "B03"]


def coverage_on(day, beats, pairs, absences, substitutions=()):
    return coverage(beats, pairs, absences, day, day, substitutions)


def by_beat(days):
    return {d.beat: d for d in days}


def test_a_covers_when_present():
    day = by_beat(coverage_on(date(2024, 3, 12), BEATS, PAIRS, []))["B01"]
    assert (day.covering, day.basis, day.gap) == ("P101", A_ON_DUTY, False)
    assert day.owner == "P101" and day.acting == "P101"


def test_b_covers_when_a_away_and_credit_goes_to_both():
    away = [AbsenceSpan("P101", date(2024, 3, 11), date(2024, 3, 13), "training")]
    day = by_beat(coverage_on(date(2024, 3, 12), BEATS, PAIRS, away))["B01"]
    assert (day.covering, day.basis, day.a_away) == ("P102", B_COVERS, "training")
    assert day.reason == "B covers: A away (training)"
    assert day.owner == "P101" and day.acting == "P102"
    # B still covers their own beat too.
    assert by_beat(coverage_on(date(2024, 3, 12), BEATS, PAIRS, away))["B02"].covering == "P102"


def test_gap_when_both_away():
    away = [
        AbsenceSpan("P101", date(2024, 3, 12), date(2024, 3, 12), "sick"),
        AbsenceSpan("P102", date(2024, 3, 12), date(2024, 3, 12), "leave"),
    ]
    result = by_beat(coverage_on(date(2024, 3, 12), BEATS, PAIRS, away))
    assert result["B01"].gap and result["B01"].basis == GAP_BOTH_AWAY
    assert result["B02"].gap
    assert result["B01"].as_dict()["gap"] is True


def test_gap_when_a_away_and_no_b():
    away = [AbsenceSpan("P103", date(2024, 3, 12), date(2024, 3, 12), "personal")]
    day = by_beat(coverage_on(date(2024, 3, 12), BEATS, PAIRS, away))["B03"]
    assert day.gap and day.basis == GAP_NO_B


def test_beat_without_a_pair_is_a_gap():
    day = by_beat(coverage_on(date(2024, 3, 12), [*BEATS, "B04"], PAIRS, []))["B04"]
    assert day.gap and day.basis == GAP_NO_PAIR and day.a is None


def test_explicit_substitute_fills_a_gap_and_records_owner_and_acting():
    away = [
        AbsenceSpan("P101", date(2024, 3, 12), date(2024, 3, 12), "sick"),
        AbsenceSpan("P102", date(2024, 3, 12), date(2024, 3, 12), "leave"),
    ]
    subs = [Substitution("B01", date(2024, 3, 12), date(2024, 3, 12), "P103")]
    day = by_beat(coverage_on(date(2024, 3, 12), BEATS, PAIRS, away, subs))["B01"]
    assert (day.covering, day.basis, day.owner) == ("P103", SUBSTITUTE, "P101")
    # The day after, without the substitution, it is A again.
    nxt = by_beat(coverage_on(date(2024, 3, 13), BEATS, PAIRS, away, subs))["B01"]
    assert nxt.covering == "P101"


def test_substitute_who_is_away_does_not_count():
    away = [
        AbsenceSpan("P101", date(2024, 3, 12), date(2024, 3, 12), "sick"),
        AbsenceSpan("P103", date(2024, 3, 12), date(2024, 3, 12), "leave"),
    ]
    subs = [Substitution("B01", date(2024, 3, 12), date(2024, 3, 12), "P103")]
    day = by_beat(coverage_on(date(2024, 3, 12), BEATS, PAIRS, away, subs))["B01"]
    assert (day.covering, day.basis) == ("P102", B_COVERS)


def test_joint_pairing_of_adjacent_beats():
    pairs = [PairSpan("V01", "P201", "P202", START, mode="joint")]
    away = [AbsenceSpan("P201", date(2024, 5, 1), date(2024, 5, 3), "rest_day")]
    day = coverage_on(date(2024, 5, 2), ["V01"], pairs, away)[0]
    assert (day.covering, day.basis, day.mode) == ("P202", PARTNER_COVERS, "joint")


def test_leap_day_is_covered_like_any_other():
    away = [AbsenceSpan("P101", date(2024, 2, 28), date(2024, 3, 1), "leave")]
    days = [
        d
        for d in coverage(BEATS, PAIRS, away, date(2024, 2, 27), date(2024, 3, 2))
        if d.beat == "B01"
    ]
    assert [d.day for d in days] == [
        date(2024, 2, 27),
        date(2024, 2, 28),
        date(2024, 2, 29),
        date(2024, 3, 1),
        date(2024, 3, 2),
    ]
    assert [d.covering for d in days] == ["P101", "P102", "P102", "P102", "P101"]


def test_range_across_the_year_end():
    away = [AbsenceSpan("P101", date(2024, 12, 30), date(2025, 1, 2), "leave")]
    days = [
        d
        for d in coverage(BEATS, PAIRS, away, date(2024, 12, 29), date(2025, 1, 3))
        if d.beat == "B01"
    ]
    assert len(days) == 6
    assert [d.covering for d in days] == ["P101", "P102", "P102", "P102", "P102", "P101"]


def test_pair_changed_mid_range_keeps_history():
    pairs = [
        PairSpan("B01", "P101", "P102", START, date(2024, 3, 14)),
        PairSpan("B01", "P101", "P104", date(2024, 3, 15)),
    ]
    away = [AbsenceSpan("P101", date(2024, 3, 10), date(2024, 3, 20), "training")]
    days = coverage(["B01"], pairs, away, date(2024, 3, 12), date(2024, 3, 18))
    assert [d.b for d in days] == ["P102"] * 3 + ["P104"] * 4
    assert [d.covering for d in days] == ["P102"] * 3 + ["P104"] * 4
    # "Who was B for beat 1 on 12 March?"
    assert pair_on(pairs, "B01", date(2024, 3, 12)).b == "P102"
    assert pair_on(pairs, "B01", date(2024, 3, 16)).b == "P104"


def test_later_starting_pair_supersedes_an_open_one():
    pairs = [
        PairSpan("B01", "P101", "P102", START),  # never closed
        PairSpan("B01", "P105", "P101", date(2024, 6, 1)),
    ]
    days = coverage(["B01"], pairs, [], date(2024, 5, 31), date(2024, 6, 1))
    assert [d.a for d in days] == ["P101", "P105"]
    assert pair_on(pairs, "B01", date(2024, 6, 1)).a == "P105"


def test_pair_not_yet_valid_is_a_gap():
    pairs = [PairSpan("B01", "P101", "P102", date(2024, 6, 1))]
    assert coverage_on(date(2024, 5, 31), ["B01"], pairs, [])[0].basis == GAP_NO_PAIR


@pytest.mark.parametrize(
    ("pair", "field"),
    [
        (PairSpan("B01", "P1", "P1", START), "b"),
        (PairSpan("B01", "P1", "P2", START, date(2023, 1, 1)), "to"),
        (PairSpan("B01", "P1", "P2", START, mode="trio"), "mode"),
        (PairSpan("B01", "", "P2", START), "a"),
    ],
)
def test_bad_pairs_refused(pair, field):
    with pytest.raises(Refused) as info:
        check_pair(pair)
    assert info.value.field == field


def test_range_ending_before_it_starts_refused():
    with pytest.raises(Refused):
        coverage(BEATS, PAIRS, [], date(2024, 2, 2), date(2024, 2, 1))


def test_warning_names_the_gaps_a_new_absence_would_open():
    existing = [AbsenceSpan("P102", date(2024, 3, 12), date(2024, 3, 13), "leave")]
    new = AbsenceSpan("P101", date(2024, 3, 11), date(2024, 3, 14), "sick")
    opened = gaps_opened_by(new, BEATS, PAIRS, existing)
    assert {(d.beat, d.day) for d in opened} == {
        ("B01", date(2024, 3, 12)),
        ("B01", date(2024, 3, 13)),
        ("B02", date(2024, 3, 12)),
        ("B02", date(2024, 3, 13)),
    }
    harmless = AbsenceSpan("P101", date(2024, 4, 1), date(2024, 4, 2), "sick")
    assert gaps_opened_by(harmless, BEATS, PAIRS, existing) == []


officers = st.sampled_from(["P1", "P2", "P3", "P4"])
spans = st.builds(
    lambda who, start, length, kind: AbsenceSpan(who, start, start + timedelta(days=length), kind),
    officers,
    st.dates(date(2023, 12, 1), date(2024, 3, 31)),
    st.integers(0, 20),
    st.sampled_from(["leave", "training", "sick"]),
)


@settings(max_examples=60)
@given(
    st.lists(spans, max_size=8), st.dates(date(2023, 12, 20), date(2024, 3, 1)), st.integers(0, 40)
)
def test_range_equals_day_by_day_and_gaps_mean_nobody_present(absences, start, length):
    pairs = [PairSpan("B1", "P1", "P2", date(2023, 1, 1)), PairSpan("B2", "P3", "P4", START)]
    end = start + timedelta(days=length)
    ranged = coverage(["B1", "B2"], pairs, absences, start, end)
    assert len(ranged) == 2 * (length + 1)
    day_by_day = []
    day = start
    while day <= end:
        day_by_day += coverage_on(day, ["B1", "B2"], pairs, absences)
        day += timedelta(days=1)
    assert sorted(ranged, key=lambda c: (c.day, c.beat)) == day_by_day
    for cov in ranged:
        present = {
            p
            for p in (cov.a, cov.b)
            if p and not any(s.officer == p and s.start <= cov.day <= s.end for s in absences)
        }
        assert cov.gap == (not present)
        if not cov.gap:
            assert cov.covering in present
    assert all(g.gap for g in gaps(ranged))


def test_coverage_at_answers_as_the_whole_range_does() -> None:
    import datetime as dt
    import random

    from models.roster.absence_spans import AbsenceSpan
    from models.roster.coverage import PairSpan, Substitution, coverage, coverage_at

    start = dt.date(2026, 1, 1)
    rng = random.Random(3)
    beats = ["B01", "B02", "B03"]
    pairs = [PairSpan("B01", "a1", "b1", start), PairSpan("B02", "a2", None, start),
             PairSpan("B02", "a3", "b3", dt.date(2026, 2, 1), dt.date(2026, 3, 1)),
             PairSpan("B03", "a4", "b4", dt.date(2026, 1, 10), mode="joint")]
    absences = [AbsenceSpan(o, start + dt.timedelta(days=d), start + dt.timedelta(days=d + n),
                            "leave")
                for o, d, n in ((rng.choice(["a1", "b1", "a2", "a3", "b3", "a4", "b4"]),
                                 rng.randrange(0, 90), rng.randrange(0, 6)) for _ in range(30))]
    subs = [Substitution("B01", dt.date(2026, 1, 5), dt.date(2026, 1, 9), "s1"),
            Substitution("B02", dt.date(2026, 2, 3), dt.date(2026, 2, 4), "s2")]
    whole = {(c.beat, c.day): c for c in coverage(beats, pairs, absences, start,
                                                 dt.date(2026, 4, 1), subs)}
    wanted = rng.sample(sorted(whole), 60)
    assert coverage_at(wanted, pairs, absences, subs) == {k: whole[k] for k in wanted}
