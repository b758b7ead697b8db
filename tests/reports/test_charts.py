"""The SVG charts' geometry: round scales, gaps in lines, stacked bars, empty charts."""

from helpdesk.reports.charts import (
    BOTTOM,
    HEIGHT,
    TOP,
    Scale,
    Series,
    Table,
    bar_chart,
    line_chart,
    nice_step,
)

TABLE = Table(["Week", "Value"], [])


def test_scales_use_round_steps_and_always_hold_zero():
    assert nice_step(100) == 50  # 0, 50, 100 rather than 0, 25, 50...
    assert nice_step(7) == 2
    scale = Scale.over([3, 17])
    assert (scale.low, scale.high, scale.step) == (0, 20, 5)
    assert Scale.over([-40, 60]).low < 0


def test_a_line_breaks_where_a_week_has_no_value():
    chart = line_chart(
        "x",
        "CSAT",
        "desc",
        ["w1", "w2", "w3", "w4"],
        [Series("CSAT", [80, None, 60, 70], "series-1")],
        axis=str,
        point=lambda value: f"{value:.0f}%",
        table=TABLE,
    )

    (line,) = chart.lines
    assert len(line.paths) == 2  # w1 alone, then w3-w4
    assert len(line.dots) == 3
    assert line.dots[0].label == "CSAT, w1: 80%"
    assert line.dots[0].y < line.dots[1].y  # 80 is drawn higher than 60


def test_stacked_bars_sit_on_one_another_and_reach_the_total():
    chart = bar_chart(
        "moods",
        "Moods",
        "desc",
        ["w1"],
        [Series("Negative", [2], "mood-negative"), Series("Positive", [3], "mood-positive")],
        axis=str,
        point=str,
        table=TABLE,
        stacked=True,
    )

    negative, positive = chart.bars
    assert negative.y == positive.y + positive.height  # positive starts where negative ends
    scale = Scale.over([5])
    assert positive.y == scale.y(5)
    assert negative.y + negative.height == HEIGHT - BOTTOM
    assert scale.y(scale.high) == TOP


def test_a_chart_without_values_says_so_instead_of_drawing_axes():
    for draw in (line_chart, bar_chart):
        chart = draw(
            "x",
            "Nothing",
            "desc",
            ["w1", "w2"],
            [Series("A", [None, None], "series-1")],
            axis=str,
            point=str,
            table=TABLE,
        )
        assert chart.empty and not chart.lines and not chart.bars
