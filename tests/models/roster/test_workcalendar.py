from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.roster.workcalendar import (
    CalendarDataError,
    CalendarDay,
    DayClass,
    DayKind,
    WorkCalendar,
    calendar_csv,
    parse_calendar_csv,
    seed_days,
    seed_years,
    seeded_calendar,
)

CAL = seeded_calendar()


def test_seed_covers_the_years_the_library_publishes():
    years = seed_years()
    assert years.start <= 2004
    assert 2026 in years
    assert CAL.missing_years(date(2025, 12, 1), date(2026, 12, 31)) == []
    assert 2027 in CAL.missing_years(date(2026, 12, 1), date(2027, 1, 31))


def test_published_2026_arrangement():
    # Spring Festival 2026: 15–23 February off; Saturdays 14 and 28 February worked.
    assert not CAL.is_working_day(date(2026, 2, 16))  # a Monday in the holiday
    assert CAL.day_class(date(2026, 2, 16)) is DayClass.HOLIDAY
    assert CAL.day_class(date(2026, 2, 15)) is DayClass.HOLIDAY  # Sunday inside the stretch
    assert CAL.is_working_day(date(2026, 2, 14))  # make-up Saturday
    assert CAL.is_working_day(date(2026, 2, 28))
    assert CAL.day_class(date(2026, 3, 7)) is DayClass.WEEKEND
    assert CAL.name_of(date(2026, 10, 1)) == "国庆节"


def test_make_up_days_in_seed_are_weekends():
    for entry in seed_days():
        if entry.kind is DayKind.WORKDAY:
            assert entry.day.weekday() >= 5


def test_add_working_days_skips_holidays_and_uses_make_up_days():
    # Friday 13 Feb 2026 + 1 working day = Saturday 14 Feb (make-up day).
    assert CAL.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)
    # Saturday 14 Feb + 1 = Tuesday 24 Feb, after the holiday.
    assert CAL.add_working_days(date(2026, 2, 14), 1) == date(2026, 2, 24)
    assert CAL.add_working_days(date(2026, 2, 24), -1) == date(2026, 2, 14)
    assert CAL.add_working_days(date(2026, 2, 24), 0) == date(2026, 2, 24)


def test_nth_working_day_before_a_term_end():
    # A term ending Monday 5 October 2026, inside the National Day holiday;
    # 25–27 September are the Mid-autumn holiday.
    end = date(2026, 10, 5)
    days = [CAL.nth_working_day_before(end, n) for n in range(1, 6)]
    assert days == [
        date(2026, 9, 30),
        date(2026, 9, 29),
        date(2026, 9, 28),
        date(2026, 9, 24),  # 25–27 Sep are the Mid-autumn holiday
        date(2026, 9, 23),
    ]
    with pytest.raises(ValueError):
        CAL.nth_working_day_before(end, 0)


def test_year_without_data_falls_back_to_the_week_and_is_named():
    assert CAL.is_working_day(date(2027, 1, 4))  # a Monday
    assert not CAL.is_working_day(date(2027, 1, 9))  # a Saturday
    assert CAL.missing_years(date(2026, 6, 1), date(2028, 2, 1)) == [2027, 2028]


def test_import_2027_from_csv_and_merge():
    text = (
        "date,kind,name\n"
        "2027-01-01,holiday,元旦\n"
        "2027-02-06,holiday,春节\n"
        "2027-01-30,workday,春节\n"
    )
    imported = WorkCalendar.from_days(parse_calendar_csv(text))
    cal = CAL.merged(imported)
    assert cal.missing_years(date(2027, 1, 1), date(2027, 12, 31)) == []
    assert not cal.is_working_day(date(2027, 1, 1))
    assert cal.is_working_day(date(2027, 1, 30))
    assert cal.day_class(date(2027, 2, 6)) is DayClass.HOLIDAY
    # 2026 data is untouched by a 2027 import.
    assert cal.is_working_day(date(2026, 2, 14))


def test_reimport_replaces_the_year():
    first = WorkCalendar.from_days([CalendarDay(date(2027, 5, 3), DayKind.HOLIDAY, "x")])
    second = WorkCalendar.from_days([CalendarDay(date(2027, 5, 4), DayKind.HOLIDAY, "y")])
    cal = CAL.merged(first).merged(second)
    assert cal.is_working_day(date(2027, 5, 3))
    assert not cal.is_working_day(date(2027, 5, 4))


@pytest.mark.parametrize(
    ("text", "row", "field"),
    [
        ("date,kind,name\n2027-13-01,holiday,x\n", 2, "date"),
        ("date,kind,name\n2027-01-01,holiday,x\n2027-01-02,party,x\n", 3, "kind"),
        ("date,kind,name\n2027-01-04,workday,x\n", 2, "kind"),  # a Monday
        ("date,kind,name\n2027-01-01,holiday,x\n2027-01-01,holiday,y\n", 3, "date"),
        ("day,what\n2027-01-01,holiday\n", 1, None),
        ("date,kind,name\n2027-01-01,holiday," + "节" * 65 + "\n", 2, "name"),
    ],
)
def test_bad_calendar_file_names_the_row(text, row, field):
    with pytest.raises(CalendarDataError) as info:
        parse_calendar_csv(text)
    assert info.value.row == row
    assert info.value.field == field
    assert str(row) in str(info.value) or row == 1


def test_csv_round_trip():
    days = [d for d in seed_days() if d.day.year == 2025]
    assert parse_calendar_csv(calendar_csv(days)) == days


@given(st.dates(date(2005, 1, 1), date(2030, 12, 31)), st.integers(-40, 40))
def test_add_working_days_lands_on_a_working_day_and_counts_right(day, n):
    result = CAL.add_working_days(day, n)
    if n == 0:
        assert result == day
        return
    assert CAL.is_working_day(result)
    lo, hi = (day + timedelta(days=1), result) if n > 0 else (result, day - timedelta(days=1))
    assert CAL.count_working_days(lo, hi) == abs(n)
    assert CAL.add_working_days(result, -n) == day or not CAL.is_working_day(day)


def test_workbook_date_cells_are_taken_as_days():
    from datetime import datetime

    from models.roster.workcalendar import parse_calendar_rows

    (entry,) = parse_calendar_rows([{"date": datetime(2027, 10, 1, 0, 0), "kind": "holiday",
                                     "name": "国庆节"}])
    assert entry.day == date(2027, 10, 1) and type(entry.day) is date
