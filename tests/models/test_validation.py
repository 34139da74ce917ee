import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models import validation
from models.errors import Refused


def make_id(first17: str) -> str:
    return first17 + validation.id_number_check_digit(first17)


def test_known_id_number_check_digit() -> None:
    # the worked example of GB 11643-1999
    assert validation.id_number_check_digit("11010519491231002") == "X"
    assert validation.id_number("11010519491231002x") == "11010519491231002X"


@given(st.integers(min_value=0, max_value=999), st.dates(dt.date(1930, 1, 1), dt.date(2020, 1, 1)))
def test_any_valid_id_number_passes_and_a_changed_digit_fails(seq: int, born: dt.date) -> None:
    number = make_id(f"330102{born:%Y%m%d}{seq:03d}")
    assert validation.id_number(number) == number
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    with pytest.raises(Refused) as caught:
        validation.id_number(wrong)
    assert caught.value.field == "id_number"
    assert "check digit" in caught.value.message


@pytest.mark.parametrize("bad", ["12345", "33010219990230001X", "3301021999010100ab", "1" * 19])
def test_malformed_id_numbers_are_refused(bad: str) -> None:
    with pytest.raises(Refused):
        validation.id_number(bad)


@pytest.mark.parametrize("good", ["13800138000", "+86 138 0013 8000", "0571-87654321", "110"])
def test_phone_numbers(good: str) -> None:
    assert validation.phone(good)


@pytest.mark.parametrize("bad", ["12346", "2380013800", "abc", "138001380001"])
def test_not_phone_numbers(bad: str) -> None:
    with pytest.raises(Refused) as caught:
        validation.phone(bad, "caller_phone")
    assert caught.value.field == "caller_phone"


def test_text_rules_name_the_field() -> None:
    with pytest.raises(Refused, match="required") as caught:
        validation.text("  ", "name", max_len=5, required=True)
    assert caught.value.field == "name"
    with pytest.raises(Refused, match="too long"):
        validation.text("x" * 6, "name", max_len=5)
    with pytest.raises(Refused, match="control"):
        validation.text("a\x07b", "name", max_len=5)
    assert validation.long_text("line\nline", "d", max_len=20) == "line\nline"


def test_backwards_date_range() -> None:
    with pytest.raises(Refused, match="before it starts") as caught:
        validation.date_range(dt.date(2026, 3, 5), dt.date(2026, 3, 1))
    assert caught.value.field == "to"


def test_masks_keep_only_the_ends() -> None:
    assert validation.mask_phone("13800138000") == "138****8000"
    assert validation.mask_id_number("11010519491231002X") == "110105********002X"
