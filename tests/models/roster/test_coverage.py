import datetime as dt

from models.roster.coverage import AbsenceSpan, PairSpan, coverage

D = dt.date


def test_a_covers_when_present_b_when_a_is_away_gap_when_both() -> None:
    pairs = [PairSpan("B01", "A1", "B1", D(2026, 1, 1), None)]
    absences = [AbsenceSpan("A1", D(2026, 3, 2), D(2026, 3, 3), "sick"),
                AbsenceSpan("B1", D(2026, 3, 3), D(2026, 3, 3), "training")]
    days = coverage(["B01"], pairs, absences, D(2026, 3, 1), D(2026, 3, 3))
    assert [d.covering for d in days] == ["A1", "B1", None]
    assert [d.gap for d in days] == [False, False, True]
    assert days[1].owner == "A1" and "sick" in days[1].reason
    assert "training" in days[2].reason


def test_pair_changed_mid_range_and_across_a_leap_day_and_year_end() -> None:
    pairs = [PairSpan("B01", "A1", "B1", D(2023, 1, 1), D(2024, 2, 28)),
             PairSpan("B01", "A2", "B2", D(2024, 2, 29), None)]
    days = coverage(["B01"], pairs, [], D(2024, 2, 27), D(2024, 3, 1))
    assert [d.covering for d in days] == ["A1", "A1", "A2", "A2"]
    year_end = coverage(["B01"], pairs, [AbsenceSpan("A2", D(2024, 12, 30), D(2025, 1, 2), "leave")],
                        D(2024, 12, 29), D(2025, 1, 3))
    assert [d.covering for d in year_end] == ["A2", "B2", "B2", "B2", "B2", "A2"]


def test_no_pair_is_a_gap() -> None:
    days = coverage(["B09"], [], [], D(2026, 1, 1), D(2026, 1, 1))
    assert days[0].gap and days[0].covering is None
