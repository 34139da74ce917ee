"""What leadership enters on the assessment page: a rating saved through the form counts
in the figures, a bad one marks its field and writes nothing, a survey file with a bad
row is refused whole with the row named; the command room sees the button but may not
use it; the wall follows the change feed's own topic names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.pages.assessment import AssessmentPage
from desktop.wall import WallDisplay
from models.alerts.records import Alert
from models.assessment import service
from models.assessment.periods import date_range
from models.assessment.records import Rating, Survey
from models.station.people import Officer, OfficerKind
from models.station.station import Beat
from tests.helpers.demo_archive import TODAY
from tests.helpers.gui import demo_session
from widgets.background import settle


@pytest.fixture
def page(qtbot: Any, tmp_path: Path) -> AssessmentPage:
    shown = AssessmentPage(demo_session(tmp_path, "leader"), today=TODAY)
    qtbot.addWidget(shown)
    shown.picker.set_text("2026-02")
    settle()
    return shown


def _police(page: AssessmentPage) -> str:
    return str(page.app.run(lambda s: s.scalar(
        select(Officer.code).where(Officer.kind == OfficerKind.POLICE).order_by(Officer.code))))


def test_a_rating_typed_in_counts_in_the_figures(page: AssessmentPage) -> None:
    assert page.enter_button.isEnabled()
    entry = page.open_entry()
    code = _police(page)
    entry.rating_kind.setCurrentIndex(entry.rating_kind.findData("dek"))
    entry.rating_officer.setText(code)
    entry.rating_start.setText("2026-02-11")
    entry.rating_score.setText("87.5")
    assert entry.save_rating()
    assert code in entry.rating_message.text()
    rows = page.app.run(lambda s: service.assess(s, page.app.actor,
                                                 date_range("2026-02-01", "2026-02-28"),
                                                 by="officer", only=("dek_rating",)))
    mine = next(r for r in rows if r["subject"] == code)
    assert (mine["numerator"], mine["denominator"], mine["value"]) == (87.5, 1, 87.5)


def test_a_bad_rating_marks_its_field_and_writes_nothing(page: AssessmentPage) -> None:
    entry = page.open_entry()
    entry.rating_kind.setCurrentIndex(entry.rating_kind.findData("dek"))
    entry.rating_officer.setText(_police(page))
    entry.rating_start.setText("2026-02-11")
    entry.rating_score.setText("120")
    assert not entry.save_rating()
    assert entry.rating_score.styleSheet() and entry.rating_score.toolTip()
    assert not entry.rating_officer.styleSheet()
    entry.rating_score.setText("90")
    entry.rating_start.setText("2026-02-12")  # not the first day of a 旬
    assert not entry.save_rating()
    assert entry.rating_start.styleSheet() and "2026-02-11" in entry.rating_start.toolTip()
    assert page.app.run(lambda s: s.scalar(select(func.count(Rating.id)))) == 0


def test_a_survey_file_with_a_bad_row_writes_nothing(page: AssessmentPage,
                                                     tmp_path: Path) -> None:
    beat = page.app.run(lambda s: s.scalar(select(Beat.code).order_by(Beat.code)))
    before = page.app.run(lambda s: s.scalar(select(func.count(Survey.id))))
    bad = tmp_path / "surveys.csv"
    bad.write_text("开始日期,结束日期,警务区,调查人数,满意人数\n"
                   f"2026-02-01,2026-02-28,{beat},40,38\n"
                   f"2026-02-01,2026-02-28,{beat},40,41\n", encoding="utf-8")
    entry = page.open_entry()
    assert entry.import_file("surveys", str(bad)) is None
    assert "3" in entry.import_message.text()
    assert page.app.run(lambda s: s.scalar(select(func.count(Survey.id)))) == before
    good = tmp_path / "surveys-good.csv"
    good.write_text(bad.read_text(encoding="utf-8").rsplit("\n", 2)[0] + "\n", encoding="utf-8")
    assert entry.import_file("surveys", str(good)) == {"imported": 1, "kind": "surveys"}


def test_a_survey_typed_in_and_a_bad_one_named(page: AssessmentPage) -> None:
    beat = page.app.run(lambda s: s.scalar(select(Beat.code).order_by(Beat.code)))
    entry = page.open_entry()
    fields = entry.survey_fields
    for key, value in (("period_start", "2026-02-01"), ("period_end", "2026-02-28"),
                       ("beat", beat), ("asked", "20"), ("satisfied", "x")):
        fields[key].setText(value)
    assert not entry.save_survey()
    assert fields["satisfied"].styleSheet()
    fields["satisfied"].setText("19")
    assert entry.save_survey()


def test_the_command_room_may_not_enter_ratings(qtbot: Any, tmp_path: Path) -> None:
    shown = AssessmentPage(demo_session(tmp_path, "duty"), today=TODAY)
    qtbot.addWidget(shown)
    assert not shown.enter_button.isEnabled()


def test_the_wall_reads_again_on_the_change_feeds_table_topics(qtbot: Any,
                                                               tmp_path: Path) -> None:
    app = demo_session(tmp_path)
    wall = WallDisplay(app, clock=lambda: dt.datetime(2026, 2, 10, 2, 0, tzinfo=dt.UTC))
    qtbot.addWidget(wall)
    wall.show()
    settle()
    for topic in ("alert", "task", "rating"):  # as another workstation's writes arrive
        wall._soon.stop()
        app.changed.emit(topic)
        assert wall._soon.isActive()
    wall._soon.stop()
    app.changed.emit("documents")  # nothing the wall shows
    assert not wall._soon.isActive()


def _alert_with_parties(page: AssessmentPage) -> tuple[str, list[str], dt.datetime]:
    found = page.app.run(lambda s: next(
        (a.number, list(a.parties), a.received_at) for a in s.scalars(
            select(Alert).where(Alert.received_at >= dt.datetime(2026, 2, 1, tzinfo=dt.UTC),
                                Alert.received_at < dt.datetime(2026, 2, 20, tzinfo=dt.UTC))
            .order_by(Alert.id)) if a.parties))
    return found


def test_a_verification_typed_in_counts_and_is_listed(page: AssessmentPage) -> None:
    from models.assessment.records import PeopleVerification

    number, parties, received = _alert_with_parties(page)
    entry = page.open_entry()
    form = entry.verification
    form.alert.setText(number)
    form.load_parties()
    assert [form.person.itemText(i) for i in range(form.person.count())] == parties
    already = page.app.run(lambda s: set(s.scalars(select(PeopleVerification.person).join(
        Alert, Alert.id == PeopleVerification.alert_id).where(Alert.number == number))))
    person = next(p for p in parties if p not in already)
    form.person.setCurrentText(person)
    form.verified_at.setText((received + dt.timedelta(hours=30)).astimezone(
        dt.timezone(dt.timedelta(hours=8))).strftime("%Y-%m-%d %H:%M"))
    assert form.save(), form.message.text()
    assert person in form.message.text()
    rows = [entry.entered.verifications.item(0, c).text() for c in range(2)]
    assert rows == [number, person]
    assert not form.save()  # the same person of the same alert again: refused, named
    assert form.marks.fields["person"].toolTip()


def test_a_verification_before_the_alert_or_of_a_stranger_writes_nothing(
        page: AssessmentPage) -> None:
    from models.assessment.records import PeopleVerification

    number, parties, received = _alert_with_parties(page)
    count = page.app.run(lambda s: s.scalar(select(func.count(PeopleVerification.id))))
    form = page.open_entry().verification
    form.alert.setText(number)
    form.person.setEditText("不在当事人中")
    form.verified_at.setText("2026-02-25 10:00")
    assert not form.save()
    assert form.marks.fields["person"].toolTip()
    form.person.setEditText(parties[0])
    form.verified_at.setText((received - dt.timedelta(days=2)).strftime("%Y-%m-%d %H:%M"))
    assert not form.save()
    assert form.marks.fields["verified_at"].toolTip()
    assert page.app.run(lambda s: s.scalar(select(func.count(PeopleVerification.id)))) == count


def test_a_petition_typed_in_counts_against_zero_petitions(page: AssessmentPage) -> None:
    entry = page.open_entry()
    form = entry.petition
    assert form.community.count() > 0
    community = form.community.itemText(0)

    def zero_share() -> object:
        rows = page.app.run(lambda s: service.assess(
            s, page.app.actor, date_range("2026-02-01", "2026-02-28"), by="station",
            only=("zero_petition_communities",)))
        return rows[0]["numerator"]

    before = zero_share()
    form.day.setText("2026-02-12")
    form.community.setCurrentText(community)
    form.level.setCurrentText("县")
    assert form.save(), form.message.text()
    assert entry.entered.petitions.item(0, 1).text() == community
    after = zero_share()
    assert isinstance(before, int | float) and isinstance(after, int | float)
    assert after <= before  # a community that had none now has one (or had one already)
    form.day.setText("2026-02-31")
    assert not form.save()
    assert form.marks.fields["day"].toolTip()


def test_the_command_room_may_not_enter_verifications(qtbot: Any, tmp_path: Path) -> None:
    from desktop.pages.assessment_entry import EntryDialog

    app = demo_session(tmp_path, "duty")
    dialog = EntryDialog(app)
    qtbot.addWidget(dialog)
    dialog.petition.day.setText("2026-02-12")
    assert not dialog.petition.save()
    assert "值班员" in dialog.petition.message.text() or "duty" in dialog.petition.message.text()
