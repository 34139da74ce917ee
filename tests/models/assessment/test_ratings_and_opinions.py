"""The periodic ratings of seed 002, the community's opinions and survey results typed in,
through the services the window calls; on both backends."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from models.assessment import opinions, ranking, ratings, service, surveys
from models.assessment.periods import date_range
from models.assessment.records import Rating, Survey
from models.errors import NotAllowed, Refused
from tests.models.assessment.builders import NOW, World, figures

NOVEMBER = date_range("2026-11-01", "2026-11-30")


@pytest.fixture
def world(engine: Engine) -> World:
    return World(engine)


def _assess(world: World, level: str, period: Any = NOVEMBER) -> list[dict[str, Any]]:
    return world.run(lambda s: service.assess(s, world.admin, period, by=level, now=NOW))  # type: ignore[no-any-return]


def _rate(world: World, *args: Any, **kw: Any) -> dict[str, Any]:
    return world.run(lambda s: ratings.record_rating(s, world.leader, *args, **kw))  # type: ignore[no-any-return]


def test_weekly_and_dek_ratings_count_as_mean_scores(world: World) -> None:
    _rate(world, "weekly", "X1", "2026-11-02", 90, rater="P1")
    _rate(world, "weekly", "X1", "2026-11-09", "80", rater="P2", comment="走访少")
    _rate(world, "weekly", "X1", "2026-11-30", 10, rater="P1")   # week ends in December
    _rate(world, "dek", "P1", "2026-11-01", 88)
    _rate(world, "dek", "P1", "2026-11-11", 92.5)
    _rate(world, "dek", "X1", "2026-11-21", 70)
    officers = _assess(world, "officer")
    assert figures(officers, "weekly_rating")["X1"] == (170, 2, 85.0)
    assert figures(officers, "weekly_rating")["P1"] == (0, 0, None)
    assert figures(officers, "dek_rating")["P1"] == (180.5, 2, 90.25)
    assert figures(officers, "dek_rating")["X1"] == (70, 1, 70.0)
    assert figures(_assess(world, "beat"), "dek_rating") == {"B1": (250.5, 3, 83.5),
                                                            "B2": (0, 0, None)}
    # the 旬 rating is part of the ranking: P1's only figure with data here
    top = world.run(lambda s: ranking.ranking(s, world.admin, NOVEMBER, now=NOW))[0]
    assert (top["officer"], top["composite"], top["star"]) == ("P1", 90.25, True)
    listed = world.run(lambda s: ratings.list_ratings(s, world.admin, "2026-11-01",
                                                      "2026-11-30", "weekly"))
    assert [(r["officer"], r["rater"], r["score"]) for r in listed] == [
        ("X1", "P1", 90.0), ("X1", "P2", 80.0)]


@pytest.mark.parametrize(("args", "kw", "field"), [
    (("weekly", "X1", "2026-11-03", 90), {"rater": "P1"}, "start"),     # a Tuesday
    (("dek", "P1", "2026-11-05", 90), {}, "start"),                     # not a 旬's first day
    (("weekly", "P1", "2026-11-02", 90), {"rater": "P2"}, "officer"),   # police, not auxiliary
    (("weekly", "X1", "2026-11-02", 90), {"rater": "X1"}, "rater"),     # rater not police
    (("weekly", "X1", "2026-11-02", 90), {}, "rater"),                  # rater missing
    (("dek", "P1", "2026-11-01", 101), {}, "score"),
    (("dek", "P1", "2026-11-01", "九十"), {}, "score"),
    (("dek", "NOPE", "2026-11-01", 90), {}, "officer"),
    (("monthly", "P1", "2026-11-01", 90), {}, "kind"),
])
def test_a_bad_rating_names_its_field_and_writes_nothing(world: World, args: tuple[Any, ...],
                                                         kw: dict[str, Any], field: str) -> None:
    with pytest.raises(Refused) as refused:
        _rate(world, *args, **kw)
    assert refused.value.field == field
    assert world.run(lambda s: s.scalar(select(func.count(Rating.id)))) == 0


def test_a_second_rating_needs_a_reason_and_replaces_the_first(world: World) -> None:
    _rate(world, "dek", "P1", "2026-11-11", 60)
    with pytest.raises(Refused) as refused:
        _rate(world, "dek", "P1", "2026-11-11", 80)
    assert refused.value.field == "reason"
    _rate(world, "dek", "P1", "2026-11-11", 80, reason="录入错误")
    assert figures(_assess(world, "officer"), "dek_rating")["P1"] == (80, 1, 80.0)
    voided = world.run(lambda s: s.scalar(select(Rating.void_reason)
                                          .where(Rating.voided_at.is_not(None))))
    assert voided == "录入错误"


def test_only_leadership_enters_ratings_opinions_and_surveys(world: World) -> None:
    with pytest.raises(NotAllowed):
        world.run(lambda s: ratings.record_rating(s, world.duty, "dek", "P1", "2026-11-01", 90))
    with pytest.raises(NotAllowed):
        world.run(lambda s: opinions.record_opinion(s, world.duty, "2026-11-03", "B1", True,
                                                    "好"))
    with pytest.raises(NotAllowed):
        world.run(lambda s: surveys.record_survey(s, world.duty, {
            "period_start": "2026-11-01", "period_end": "2026-11-30", "beat": "B1",
            "asked": "10", "satisfied": "9"}))


def test_the_community_opinions_give_the_favourable_share(world: World) -> None:
    def say(day: str, beat: str, good: bool, **kw: Any) -> None:
        world.run(lambda s: opinions.record_opinion(s, world.leader, day, beat, good, "意见",
                                                    **kw))
    say("2026-11-03", "B1", True, community="甲社区", officer="P1", source="警民恳谈会")
    say("2026-11-04", "B1", False, community="乙村")
    say("2026-11-05", "B2", True)
    say("2026-10-31", "B2", False)                                         # October's
    with pytest.raises(Refused) as refused:
        say("2026-11-06", "B1", True, community="丙社区")                  # not B1's
    assert refused.value.field == "community"
    assert figures(_assess(world, "beat"), "community_opinion") == {"B1": (1, 2, 50.0),
                                                                    "B2": (1, 1, 100.0)}
    assert figures(_assess(world, "officer"), "community_opinion")["P1"] == (1, 1, 100.0)
    listed = world.run(lambda s: opinions.list_opinions(s, world.admin, "2026-11-01",
                                                        "2026-11-30"))
    assert [(o["day"], o["community"], o["favourable"]) for o in listed] == [
        ("2026-11-03", "甲社区", True), ("2026-11-04", "乙村", False), ("2026-11-05", "", True)]


def test_a_survey_typed_in_counts_like_an_imported_one(world: World) -> None:
    values = {"period_start": "2026-11-01", "period_end": "2026-11-30", "beat": "B1",
              "officer": "", "asked": "40", "satisfied": "38", "source": "电话回访"}
    world.run(lambda s: surveys.record_survey(s, world.leader, values))
    with pytest.raises(Refused) as refused:
        world.run(lambda s: surveys.record_survey(s, world.leader, values))
    assert refused.value.field == "period_start"
    with pytest.raises(Refused) as refused:
        world.run(lambda s: surveys.record_survey(s, world.leader, {**values, "asked": "30",
                                                                    "satisfied": "31"}))
    assert refused.value.field == "satisfied"
    assert world.run(lambda s: s.scalar(select(func.count(Survey.id)))) == 1
    assert figures(_assess(world, "beat"), "service_satisfaction")["B1"] == (38, 40, 95.0)
