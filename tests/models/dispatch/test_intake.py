import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.dispatch.intake import check_alert
from models.errors import Refused

NOW = dt.datetime(2026, 3, 1, 1, 0, tzinfo=dt.UTC)
SINCE = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
GOOD = {
    "external_number": "J3201052026030100012",
    "received_at": "2026-03-01T08:30:00+08:00",
    "source": "county_feed",
    "category": "dispute",
    "priority": 1,
    "community": "Qinghe Community",
    "address": "No. 12 Qinghe Road",
    "caller_name": "Han Xiaodong",
    "caller_phone": "139 0000 1234",
    "parties": ["Han Xiaodong", "Shao Meiling"],
    "description": "Neighbours quarrelling over a parking space.\nLoud.",
}


def check(**changes):
    doc = {**GOOD, **changes}
    return check_alert({k: v for k, v in doc.items() if v is not ...}, now=NOW,
                       station_since=SINCE)  # fmt: skip


def refused_field(**changes):
    with pytest.raises(Refused) as caught:
        check(**changes)
    return caught.value.field


def test_a_good_document_is_taken_with_utc_times():
    alert = check()
    assert alert.received_at == dt.datetime(2026, 3, 1, 0, 30, tzinfo=dt.UTC)
    assert alert.parties == ("Han Xiaodong", "Shao Meiling")
    assert alert.description.endswith("Loud.")


def test_received_time_defaults_to_now():
    assert check(received_at=..., source="phone", external_number=...).received_at == NOW


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"category": "theft"}, "category"),
        ({"category": ...}, "category"),
        ({"priority": 7}, "priority"),
        ({"priority": ...}, "priority"),
        ({"source": "fax"}, "source"),
        ({"received_at": "2026-03-01T09:30:00+08:00"}, "received_at"),  # an hour ahead
        ({"received_at": "2019-12-31T23:00:00+00:00"}, "received_at"),
        ({"received_at": "2026-03-01T08:30:00"}, "received_at"),
        ({"received_at": "yesterday"}, "received_at"),
        ({"caller_phone": "234567"}, "caller_phone"),
        ({"caller_phone": "phone me"}, "caller_phone"),
        ({"description": "x" * (10 * 1024 * 1024)}, "description"),
        ({"description": "   "}, "description"),
        ({"address": ""}, "address"),
        ({"address": "Qinghe\x07Road"}, "address"),
        ({"description": "bad\x00byte"}, "description"),
        ({"caller_name": "Han\u202eXiaodong"}, "caller_name"),
        ({"external_number": ...}, "external_number"),
        ({"external_number": "J 32"}, "external_number"),
        ({"parties": "Han;" * 30}, "parties"),
        ({"parties": [""]}, "party"),
        ({"needs_two": "yes"}, "needs_two"),
        ({"reporter": "x"}, "reporter"),
    ],
)
def test_bad_input_is_refused_naming_the_field(changes, field):
    assert refused_field(**changes) == field


def test_a_phone_call_needs_no_external_number():
    assert check(source="phone", external_number=...).external_number is None


def test_priority_from_a_csv_cell():
    assert check(priority=" 2 ").priority == 2


def test_parties_from_a_csv_cell():
    assert check(parties="Han Xiaodong；Shao Meiling").parties == ("Han Xiaodong", "Shao Meiling")


def test_phone_is_kept_in_its_plain_form():
    assert check(caller_phone="+86 139 0000 1234").caller_phone == "13900001234"
    assert check(caller_phone="0371-66881234").caller_phone == "0371-66881234"


def test_digest_tells_same_content_from_changed():
    assert check().digest() == check(received_at="2026-03-01T00:30:00+00:00").digest()
    assert check().digest() != check(description="Something else").digest()


@given(st.text(max_size=200))
def test_any_text_is_either_taken_or_refused(text):
    for field in ("address", "description", "caller_name", "community"):
        try:
            alert = check(**{field: text})
        except Refused as refusal:
            assert refusal.field == field
        else:
            value = getattr(alert, field)
            assert value is None or not any(
                unicodedata.category(ch)[0] == "C" and ch not in "\n\t\r" for ch in value
            )
