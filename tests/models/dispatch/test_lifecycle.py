import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.dispatch.lifecycle import (
    FINAL,
    MAIN_LINE,
    STATUSES,
    check_move,
    next_steps,
    refusal_for_move,
)
from models.errors import Refused

NOW = dt.datetime(2026, 3, 1, 1, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)


def test_the_main_line_walks_forward():
    for current, target in itertools.pairwise(MAIN_LINE):
        assert refusal_for_move(current, target) is None


def test_dispatch_and_acknowledgement_may_be_skipped_but_not_arrival_or_handling():
    assert refusal_for_move("received", "on_scene") is None
    assert refusal_for_move("dispatched", "on_scene") is None
    assert "on scene" in str(refusal_for_move("dispatched", "handled"))
    assert "handled" in str(refusal_for_move("on_scene", "closed"))
    assert "on scene" in str(refusal_for_move("received", "closed"))


def test_a_step_backwards_is_refused_with_a_reason():
    reason = refusal_for_move("on_scene", "dispatched")
    assert str(reason) == "dispatched comes before on scene; a step backwards is not allowed"


@pytest.mark.parametrize("final", sorted(FINAL))
def test_nothing_moves_a_final_alert(final):
    assert next_steps(final) == ()
    for target in STATUSES:
        assert "takes no more steps" in str(refusal_for_move(final, target))


def test_same_status_again_is_refused():
    assert str(refusal_for_move("dispatched", "dispatched")) == "the alert is already dispatched"


def test_side_exits():
    assert refusal_for_move("handled", "transferred_case_team") is None
    assert refusal_for_move("received", "referred") is None
    assert refusal_for_move("acknowledged", "cancelled") is None
    assert "cancelled once an officer has reached" in str(refusal_for_move("on_scene", "cancelled"))
    assert refusal_for_move("on_scene", "unfounded") is None
    assert str(refusal_for_move("handled", "unfounded")) == (
        "a handled alert cannot be marked unfounded"
    )


@given(st.sampled_from(STATUSES), st.sampled_from(STATUSES))
def test_next_steps_agrees_with_refusals(current, target):
    allowed = target in next_steps(current)
    assert allowed == (refusal_for_move(current, target) is None)


@given(st.lists(st.sampled_from(STATUSES), max_size=12))
def test_any_accepted_walk_never_goes_back_on_the_main_line(walk):
    current = "received"
    for target in walk:
        if refusal_for_move(current, target) is None:
            if current in MAIN_LINE and target in MAIN_LINE:
                assert MAIN_LINE.index(target) > MAIN_LINE.index(current)
            current = target
    assert current in STATUSES


def test_unknown_status_is_refused_naming_the_field():
    with pytest.raises(Refused) as caught:
        next_steps("lost")
    assert caught.value.field == "status"


def test_time_of_a_step_must_fit_the_timeline():
    check_move("dispatched", "on_scene", happened_at=NOW, previous_at=NOW - MINUTE, now=NOW)
    with pytest.raises(Refused, match="before the previous step") as caught:
        check_move("dispatched", "on_scene", happened_at=NOW - 2 * MINUTE,
                   previous_at=NOW - MINUTE, now=NOW)  # fmt: skip
    assert caught.value.field == "at"
    with pytest.raises(Refused, match="in the future"):
        check_move("dispatched", "on_scene", happened_at=NOW + 5 * MINUTE,
                   previous_at=NOW, now=NOW)  # fmt: skip
    with pytest.raises(Refused, match="offset"):
        check_move("dispatched", "on_scene", happened_at=NOW.replace(tzinfo=None),
                   previous_at=NOW, now=NOW)  # fmt: skip


def test_refused_move_is_checked_before_its_time():
    with pytest.raises(Refused) as caught:
        check_move("closed", "handled", happened_at=NOW, previous_at=NOW, now=NOW)
    assert caught.value.field == "status"
