"""The chart widget: each kind of chart is drawn in a view that holds all of its data,
whatever chart was shown before it."""

from __future__ import annotations

from widgets.chart import Chart


def _x_range(chart: Chart, qtbot) -> tuple[float, float]:
    view = chart.plot.getPlotItem().vb
    view.updateAutoRange()
    low, high = view.viewRange()[0]
    return low, high


def test_a_histogram_after_a_trend_shows_every_bin_and_its_marks(qtbot) -> None:
    chart = Chart()
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    chart.show()
    chart.show_line("trend", ["06", "07", "08", "09", "10", "11"], [None, 90, 91, 92, 93, 94],
                    target=95, target_name="target")
    low, high = _x_range(chart, qtbot)
    assert -1 < low < 0 and 5 < high < 6  # the six periods
    minutes = [1.0, 2.5, 4.0, 7.0, 12.0, 26.0, 38.5]
    chart.show_histogram("arrival", minutes, 5.0, marks=[("median", 7.0, "blue"),
                                                         ("P90", 38.5, "red")])
    low, high = _x_range(chart, qtbot)
    assert low <= 0 and high >= 40  # the last bin, 35–40 minutes, and the 90th percentile
    assert chart.marks == {"median": 7.0, "P90": 38.5}


def test_bars_after_a_trend_show_every_subject(qtbot) -> None:
    chart = Chart()
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    chart.show()
    chart.show_line("trend", ["a", "b", "c"], [1, 2, 3])
    labels = [f"B{i:02d}" for i in range(24)]
    chart.show_bars("by beat", labels, [50.0 + i for i in range(24)], ["green"] * 24)
    low, high = _x_range(chart, qtbot)
    assert low <= 0 and high >= 23


def test_a_target_that_changed_between_periods_is_drawn_as_steps(qtbot) -> None:
    chart = Chart()
    qtbot.addWidget(chart)
    labels = ["07", "08", "09", "10", "11", "12"]
    chart.show_line("trend", labels, [90, 91, None, 93, 94, 96], 97, "target",
                    [95, 95, 95, 95, 97, 97])
    assert chart.target_steps == [95, 95, 95, 95, 97, 97] and chart.marks == {"target": 97}
    chart.show_line("trend", labels, [90, 91, None, 93, 94, 96], 95, "target", [95] * 6)
    assert chart.target_steps == [] and chart.marks == {"target": 95}  # one line across
