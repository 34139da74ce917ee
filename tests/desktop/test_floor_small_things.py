"""The floor's small things: the rota's date field, the roster legend and team names, the
documents page before anything is chosen, greyed editors that say why."""

from __future__ import annotations

from PySide6.QtCore import QDate

from desktop.pages.admin import AdminPage
from desktop.pages.documents import DocumentsPage
from desktop.pages.roster import RosterPage
from tests.conftest import TODAY
from tests.helpers.gui import demo_session
from widgets.background import under_way


def test_the_rota_hand_change_has_a_date_field_that_follows_the_table(qtbot, tmp_path) -> None:
    app = demo_session(tmp_path)
    page = RosterPage(app, today=TODAY)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: not under_way())
    page.tabs.setCurrentWidget(page.rota_tab)
    rota = page.rota_tab
    rota.refresh()
    days = rota.days_model.rowCount()
    assert rota.edit_day.minimumDate().day() == 1 and rota.edit_day.maximumDate().day() == days
    rota.edit_day.setDate(rota.edit_day.minimumDate().addDays(4))  # typed: the row follows
    assert rota._selected_day() == rota.edit_day.date().toString("yyyy-MM-dd")
    rota.days.selectRow(9)  # chosen in the table: the field follows
    assert rota.edit_day.date() == QDate.fromString(rota.days_model.row(9)["date"], "yyyy-MM-dd")
    # the month's legend names every letter; people's rows carry their team's name
    legend = page.month_tab.legend.text()
    for letter in ("Nt", "Sb", "24h", "Tr", "Sk", "Ps", "Sub"):
        assert f"{page.month_tab.tr(letter)} " in legend
    groups = {page.month_tab.grid.model._rows[r].tooltip
              for r in range(page.month_tab.grid.model.rowCount())}  # fmt: skip
    assert "综合指挥室" in groups and "ZH" not in groups


def test_documents_before_anything_is_chosen(qtbot, tmp_path) -> None:
    page = DocumentsPage(demo_session(tmp_path))
    qtbot.addWidget(page)
    page.refresh()
    assert page.preview.currentWidget() is page.nothing_shown
    for button in (page.print_button, page.export_button, page.preview_button):
        assert not button.isEnabled() and button.toolTip()  # greyed, and says why
    page.choose_type("police_notice")
    page.fill_example()
    data = page.current_form().data()
    assert data["date"] == page.app.today().isoformat()
    assert "滨河" not in str(data)


def test_a_greyed_editor_says_why(qtbot, tmp_path) -> None:
    page = AdminPage(demo_session(tmp_path, user="duty"))
    qtbot.addWidget(page)
    page.refresh()
    tab = page.officers
    assert not tab.save_button.isEnabled()
    assert "只读" in tab.save_button.toolTip() or "Read only" in tab.save_button.toolTip()
    assert not tab.read_only.isHidden() and tab.read_only.text() == tab.save_button.toolTip()


def test_a_step_the_program_wrote_is_recorded_by_the_system_not_an_account(qapp) -> None:
    import datetime as dt

    from desktop.pages.board_models import TimelineModel
    from models.accounts.people import person
    from models.alerts.views import TimelineEntry

    at = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)
    model = TimelineModel(dt.timezone(dt.timedelta(hours=8)))
    model.set_entries([
        TimelineEntry("overdue", None, at, at, "system", None, None, "late", None,
                      person({}, "system")),
        TimelineEntry("note", None, at, at, "duty", None, None, "called", None, "值班员")])
    swept = model.data(model.index(0, 3))
    assert swept.splitlines()[-1] in ("系统", "the system")  # not the account name "system"
    assert model.data(model.index(1, 3)).endswith("值班员")
