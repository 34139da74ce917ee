from datetime import date, timedelta

from PySide6.QtCore import QPoint, Qt

from widgets.calendar_grid import CalendarGrid, GridCell, GridRow, KeyRole, ToneRole

DAYS = [date(2026, 3, 1) + timedelta(days=i) for i in range(31)]
ROWS = [GridRow("r1", "First", "first row"), GridRow("r2", "Second")]


def filled_grid(qtbot):
    grid = CalendarGrid()
    qtbot.addWidget(grid)
    cells = {
        ("r1", DAYS[0]): GridCell("L", "amber", "leave"),
        ("r2", DAYS[1]): GridCell("gap", "red", "nobody"),
    }
    grid.set_grid(ROWS, DAYS, cells, {DAYS[0]: "grey"}, {DAYS[0]: "rest day"})
    return grid


def test_model_passes_the_model_tester(qtbot, qtmodeltester):
    grid = filled_grid(qtbot)
    qtmodeltester.check(grid.model)


def test_cells_show_word_tone_and_tooltip(qtbot):
    grid = filled_grid(qtbot)
    model = grid.model
    assert model.rowCount() == 2 and model.columnCount() == 31
    index = model.index(0, 0)
    assert model.data(index) == "L"
    assert model.data(index, ToneRole) == "amber"
    assert model.data(index, Qt.ItemDataRole.ToolTipRole) == "leave"
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(index, KeyRole) == "r1|2026-03-01"
    empty = model.index(0, 5)
    assert model.data(empty) == ""
    assert model.data(empty, Qt.ItemDataRole.BackgroundRole) is None
    assert model.headerData(0, Qt.Orientation.Vertical) == "First"
    assert model.headerData(0, Qt.Orientation.Horizontal).startswith("1\n")
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.BackgroundRole)
    tip = model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip == "2026-03-01 rest day"


def test_set_cell_updates_one_cell(qtbot):
    grid = filled_grid(qtbot)
    with qtbot.waitSignal(grid.model.dataChanged):
        grid.model.set_cell("r2", DAYS[1], GridCell("S", "green", "substitute"))
    assert grid.model.data(grid.model.index(1, 1)) == "S"


def test_activation_and_menu_name_the_row_and_day(qtbot):
    grid = filled_grid(qtbot)
    assert grid.select("r2", DAYS[1])
    assert grid.current() == ("r2", DAYS[1])
    with qtbot.waitSignal(grid.cellActivated) as activated:
        grid.view.activated.emit(grid.model.index(1, 1))
    assert activated.args == ["r2", DAYS[1]]
    rect = grid.view.visualRect(grid.model.index(0, 0))
    with qtbot.waitSignal(grid.cellMenuRequested) as menu:
        grid.view.customContextMenuRequested.emit(rect.center())
    assert menu.args[:2] == ["r1", DAYS[0]]
    assert isinstance(menu.args[2], QPoint)
    assert not grid.select("nobody", DAYS[0])


def test_today_is_bold_and_scrolled_into_view(qtbot):
    grid = filled_grid(qtbot)
    grid.resize(300, 200)
    grid.show()
    qtbot.waitExposed(grid)
    today = DAYS[29]
    grid.show_day(today)
    font = grid.model.headerData(29, Qt.Orientation.Horizontal, Qt.ItemDataRole.FontRole)
    assert font is not None and font.bold()
    assert grid.model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.FontRole) is None
    header = grid.view.horizontalHeader()
    left = header.sectionViewportPosition(29)
    assert 0 <= left < grid.view.viewport().width()  # the column is on screen
