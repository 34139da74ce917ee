import datetime as dt
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from models.dispatch.recommend import (
    TIERS,
    BeatCover,
    Need,
    OfficerState,
    Point,
    StationPicture,
    needs_two_by_default,
    recommend,
)

NOW = dt.datetime(2026, 3, 1, 2, 0, tzinfo=dt.UTC)
# Four beats in a row, about 1.1 km apart, each adjacent to the next.
POINTS = {f"B0{i}": Point(34.70, 113.00 + 0.012 * i) for i in range(1, 5)}
ADJACENT = {"B01": ["B02"], "B02": ["B03"], "B03": ["B04"]}


def officer(code, name, home, kind="police", **kw):
    return OfficerState(code=code, name=name, kind=kind, on_duty=True, home_beat=home, **kw)


PEOPLE = {
    "1001": officer("1001", "Lin Qiao", "B01"),
    "1002": officer("1002", "Zhou Ming", "B02"),
    "1003": officer("1003", "Xu Tian", "B03"),
    "1004": officer("1004", "He Song", "B04"),
    "1005": officer("1005", "Fang Yu", None, point=Point(34.70, 113.03)),
    "9001": officer("9001", "Tao Le", "B01", kind="auxiliary"),
    "9002": officer("9002", "Mo Fei", "B02", kind="auxiliary"),
}


def cover(beat, a, b, covering=None, a_absence=None, gap=False):
    return BeatCover(beat, a, b, covering or a, gap=gap, a_absence=a_absence)


COVERAGE = {
    "B01": cover("B01", "1001", "1002"),
    "B02": cover("B02", "1002", "1003"),
    "B03": cover("B03", "1003", "1004"),
    "B04": cover("B04", "1004", "1003"),
}


def picture(people=None, coverage=None):
    people = {**PEOPLE, **(people or {})}
    coverage = {**COVERAGE, **(coverage or {})}
    return StationPicture(coverage.values(), people.values(), ADJACENT, POINTS)


def need(beat="B01", category="help", priority=2, needs_two=False):
    return Need(beat=beat, category=category, priority=priority, needs_two=needs_two)


def test_a_covers_their_own_beat_first():
    proposal = recommend(need(), picture(), NOW)
    first = proposal.officers[0]
    assert (first.code, first.tier) == ("1001", "covering")
    assert first.reason.startswith("covers beat B01 today (A)")
    assert proposal.send == 1
    assert proposal.codes[1] == "1002"  # covers adjacent B02
    assert proposal.officers[1].reason.startswith("covers adjacent beat B02 today")


def test_b_covers_when_a_is_absent_and_says_for_whom():
    people = {"1001": replace(PEOPLE["1001"], absence="leave")}
    coverage = {"B01": cover("B01", "1001", "1002", covering="1002", a_absence="leave")}
    proposal = recommend(need(), picture(people, coverage), NOW)
    assert proposal.officers[0].code == "1002"
    assert proposal.officers[0].reason.startswith(
        "covers beat B01 today (B for A Lin Qiao 1001, on leave)"
    )
    assert "1001" not in proposal.codes


def test_work_that_needs_two_sends_a_and_b():
    proposal = recommend(need(needs_two=True), picture(), NOW)
    assert proposal.codes[:2] == ["1001", "1002"]
    assert proposal.officers[1].tier == "second"
    assert proposal.officers[1].reason.startswith(
        "B of beat B01, second officer for work that needs two"
    )
    assert proposal.send == 2
    assert [r.code for r in proposal.to_send] == ["1001", "1002"]


def test_when_b_covers_the_second_person_is_the_beats_auxiliary():
    people = {"1001": replace(PEOPLE["1001"], absence="leave")}
    coverage = {"B01": cover("B01", "1001", "1002", covering="1002", a_absence="sick")}
    proposal = recommend(need(needs_two=True), picture(people, coverage), NOW)
    assert proposal.codes[:2] == ["1002", "9001"]
    assert proposal.officers[1].reason.startswith("auxiliary of beat B01, second person")


def test_only_people_on_duty_are_sent_and_nobody_away_is_listed():
    people = {
        "1002": replace(PEOPLE["1002"], on_duty=False),
        "1005": replace(PEOPLE["1005"], absence="leave"),
    }
    proposal = recommend(need(needs_two=True), picture(people), NOW)
    assert "1005" not in proposal.codes
    assert proposal.codes[0] == "1001"
    # off duty (at home at night): listed last, to be called in, never sent by Ctrl+D
    called = proposal.officers[-1]
    assert (called.code, called.tier) == ("1002", "call_in")
    assert called.reason.startswith("off duty; can be called in")
    assert "1002" not in [r.code for r in proposal.to_send]


def test_nobody_on_duty_sends_nobody_but_lists_who_can_be_called_in():
    people = {code: replace(p, on_duty=False) for code, p in PEOPLE.items()}
    proposal = recommend(need(), picture(people), NOW)
    assert proposal.send == 0 and not proposal.to_send
    assert proposal.officers and {r.tier for r in proposal.officers} == {"call_in"}
    assert all(r.kind == "police" for r in proposal.officers)  # auxiliaries are not called


def test_the_rota_post_is_named_as_the_reason():
    people = {code: replace(p, on_duty=False) for code, p in PEOPLE.items()}
    people["1003"] = replace(PEOPLE["1003"], on_duty=True, duty_post="night_standby")
    proposal = recommend(need(), picture(people), NOW)
    assert proposal.codes[0] == "1003" and proposal.send == 1
    assert proposal.officers[0].reason.startswith("on duty: night standby")


def test_a_gap_in_the_beat_goes_to_adjacent_then_nearest():
    people = {"1002": replace(PEOPLE["1002"], absence="leave")}
    coverage = {"B02": cover("B02", "1002", "1003", covering=None, gap=True)}
    proposal = recommend(need("B02"), picture(people, coverage), NOW)
    tiers = [(r.code, r.tier) for r in proposal.officers]
    assert tiers[:2] == [("1001", "adjacent"), ("1003", "adjacent")]
    assert tiers[2][1] == "nearest"


def test_nearest_by_map_point_after_the_adjacent_beats():
    proposal = recommend(need("B01"), picture(), NOW)
    nearest = [r for r in proposal.officers if r.tier == "nearest"]
    distances = [r.distance_km for r in nearest]
    assert distances == sorted(distances)
    # 1005 stands between B02 and B03, nearer to B01 than the A of B03 or B04.
    assert next(r.code for r in nearest) == "1005"
    assert "km away" in nearest[0].reason


def test_auxiliaries_come_after_police_unless_they_are_the_second_person():
    proposal = recommend(need("B01"), picture(), NOW)
    tiers = [r.tier for r in proposal.officers]
    assert tiers.index("auxiliary") > max(i for i, t in enumerate(tiers) if t == "nearest")


def test_just_back_from_a_long_job_ranks_below_a_rested_one():
    tired = replace(
        PEOPLE["1005"],
        last_job_end=NOW - dt.timedelta(minutes=10),
        last_job_length=dt.timedelta(hours=3),
    )
    proposal = recommend(need("B01"), picture({"1005": tired}), NOW)
    nearest = [r for r in proposal.officers if r.tier == "nearest"]
    assert nearest[-1].code == "1005"
    assert nearest[-1].tired
    assert "back from a 3.0 h job 10 min ago" in nearest[-1].reason


def test_a_short_job_or_a_long_rest_does_not_count_as_tired():
    short = replace(
        PEOPLE["1005"], last_job_end=NOW - dt.timedelta(minutes=5),
        last_job_length=dt.timedelta(minutes=20),
    )  # fmt: skip
    rested = replace(
        PEOPLE["1005"], last_job_end=NOW - dt.timedelta(hours=2),
        last_job_length=dt.timedelta(hours=5),
    )  # fmt: skip
    for person in (short, rested):
        proposal = recommend(need("B01"), picture({"1005": person}), NOW)
        assert not any(r.tired for r in proposal.officers)


def test_busy_officers_are_listed_last_and_not_sent():
    people = {"1001": replace(PEOPLE["1001"], busy_with="X-20260301-0003")}
    proposal = recommend(need("B01"), picture(people), NOW)
    assert proposal.officers[-1].code == "1001"
    assert "busy with alert X-20260301-0003" in proposal.officers[-1].reason
    assert proposal.to_send[0].code == "1002"


def test_needs_two_defaults():
    assert needs_two_by_default("criminal_case", 3)
    assert needs_two_by_default("dispute", 1)
    assert not needs_two_by_default("dispute", 2)
    assert not needs_two_by_default("help", 1)


def test_distance_of_a_degree_of_latitude():
    assert abs(Point(34.0, 113.0).km_to(Point(35.0, 113.0)) - 111.2) < 0.1


people_strategy = st.lists(
    st.tuples(
        st.booleans(),  # on duty
        st.booleans(),  # absent
        st.sampled_from(["police", "auxiliary"]),
        st.sampled_from([None, "B01", "B02", "B03", "B04"]),
        st.booleans(),  # busy
        st.integers(min_value=0, max_value=300),  # minutes since last job
        st.integers(min_value=0, max_value=300),  # length of last job
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(
    people_strategy,
    st.sampled_from(["B01", "B02", "B03", "B04"]),
    st.booleans(),
    st.data(),
)
def test_properties_of_any_proposal(rows, beat, needs_two, data):
    people = {}
    for i, (on_duty, absent, kind, home, busy, since, length) in enumerate(rows):
        code = f"{2000 + i}"
        people[code] = OfficerState(
            code=code, name=f"P{i}", kind=kind, on_duty=on_duty,
            absence="sick" if absent else None,
            home_beat=home, busy_with="X-1" if busy else None,
            last_job_end=NOW - dt.timedelta(minutes=since),
            last_job_length=dt.timedelta(minutes=length),
        )  # fmt: skip
    codes = sorted(people)
    coverage = []
    for b in POINTS:
        a, b_role = data.draw(st.sampled_from(codes)), data.draw(st.sampled_from(codes))
        covering = a if people[a].available else (b_role if people[b_role].available else None)
        coverage.append(BeatCover(b, a, b_role, covering, gap=covering is None))
    pic = StationPicture(coverage, people.values(), ADJACENT, POINTS)
    proposal = recommend(need(beat, needs_two=needs_two), pic, NOW, limit=100)

    assert len(set(proposal.codes)) == len(proposal.codes)
    callable_in = {c for c, p in people.items()
                   if p.kind == "police" and not p.on_duty and not p.absent}
    available = {c for c, p in people.items() if p.available}
    assert {r.code for r in proposal.officers} == available | callable_in
    assert {r.code for r in proposal.officers if r.tier == "call_in"} == callable_in
    assert all(not r.busy and r.tier != "call_in" for r in proposal.to_send)
    free = [r for r in proposal.officers if not r.busy]
    assert all(r.busy for r in proposal.officers[len(free) :])
    keys = [(r.tier == "call_in", r.desk, TIERS.index(r.tier), r.tired) for r in free]
    assert keys == sorted(keys)
    sendable = [r for r in free if r.tier != "call_in"]
    assert proposal.send == min(2 if needs_two else 1, len(sendable))


def test_at_night_the_standby_goes_before_the_command_rooms_desk():
    people = {code: replace(p, on_duty=False) for code, p in PEOPLE.items()}
    people["1003"] = replace(PEOPLE["1003"], on_duty=True, duty_post="command_24h")
    people["1004"] = replace(PEOPLE["1004"], on_duty=True, duty_post="night_standby")
    proposal = recommend(need("B01"), picture(people), NOW)  # B01's A and B are at home
    assert proposal.codes[:2] == ["1004", "1003"] and proposal.send == 1
    desk = proposal.officers[1]
    assert desk.desk and "keeps the command room's desk" in desk.reason
    assert "nobody else free to go" not in desk.reason  # the standby goes


def test_the_desk_comes_after_beat_officers_standbys_and_auxiliaries():
    """Even when the desk officer covers an adjacent beat (a better tier), every other
    free officer and auxiliary comes first; the desk is sent only when nobody else can."""
    people = {code: replace(p, on_duty=False) for code, p in PEOPLE.items()}
    people["1002"] = replace(PEOPLE["1002"], on_duty=True, duty_post="command_24h")  # B02, adjacent
    people["1004"] = replace(PEOPLE["1004"], on_duty=True, duty_post="night_standby")
    people["9002"] = replace(PEOPLE["9002"], on_duty=True)
    proposal = recommend(need("B01", needs_two=True), picture(people), NOW)
    free = [r for r in proposal.officers if r.tier != "call_in"]
    assert [r.code for r in free] == ["1004", "9002", "1002"]
    assert proposal.send == 2 and "1002" not in [r.code for r in proposal.to_send]

    alone = {**people, "1004": replace(PEOPLE["1004"], on_duty=False),
             "9002": replace(PEOPLE["9002"], on_duty=False)}  # fmt: skip
    proposal = recommend(need("B01"), picture(alone), NOW)
    assert proposal.to_send[0].code == "1002"
    assert proposal.to_send[0].reason.endswith(
        "keeps the command room's desk: goes only when nobody else can; nobody else free to go")
