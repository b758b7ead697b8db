"""Charts drawn on the server as SVG, each with its numbers as a table.

The functions here turn figures into geometry (points, bars, ticks in the chart's own
coordinates) and a table of the same numbers; `templates/reports/_chart.html` draws them. No
script and no request to another host: the chart is in the page.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 52, 36, 12, 40  # margins for the axes' labels


@dataclass(frozen=True)
class Series:
    """One named row of values (None where there is no value) and the CSS class it is
    drawn with."""

    name: str
    values: Sequence[float | None]
    css: str


@dataclass(frozen=True)
class Tick:
    at: float  # x or y in chart coordinates
    label: str


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    label: str  # shown on hover


@dataclass(frozen=True)
class Line:
    name: str
    css: str
    paths: list[str]  # one "x,y x,y" polyline per unbroken run of values
    dots: list[Dot]


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str
    label: str


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[str]]


@dataclass
class Chart:
    key: str  # the element id
    title: str
    description: str  # what the chart shows, for screen readers and under the title
    table: Table
    legend: list[tuple[str, str]] = field(default_factory=list)  # (name, css)
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    bars: list[Rect] = field(default_factory=list)
    zero: float | None = None  # y of the zero line when the scale goes below zero
    empty: bool = False
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT  # where the plot starts and ends across
    right: int = WIDTH - RIGHT


def nice_step(span: float, ticks: int = 4) -> float:
    """A round step (1, 2 or 5 times a power of ten) that cuts `span` into about `ticks`."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10):
        if raw <= multiple * power:
            return multiple * power
    return 10 * power


@dataclass(frozen=True)
class Scale:
    """Maps values to y; the range is widened to round ticks and always holds zero."""

    low: float
    high: float
    step: float

    @classmethod
    def over(cls, values: Sequence[float], floor: float | None = None) -> "Scale":
        low = min([0.0, *values]) if floor is None else floor
        high = max([0.0, *values])
        if high == low:
            high = low + 1
        step = nice_step(high - low)
        return cls(math.floor(low / step) * step, math.ceil(high / step) * step, step)

    def y(self, value: float) -> float:
        plot = HEIGHT - TOP - BOTTOM
        return round(TOP + plot * (self.high - value) / (self.high - self.low), 1)

    def ticks(self, label: Callable[[float], str]) -> list[Tick]:
        count = round((self.high - self.low) / self.step)
        return [
            Tick(self.y(self.low + n * self.step), label(self.low + n * self.step))
            for n in range(count + 1)
        ]


def _x_positions(count: int) -> list[float]:
    plot = WIDTH - LEFT - RIGHT
    if count == 1:
        return [LEFT + plot / 2]
    return [round(LEFT + plot * n / (count - 1), 1) for n in range(count)]


def _x_ticks(labels: Sequence[str], positions: Sequence[float], most: int = 8) -> list[Tick]:
    every = max(1, math.ceil(len(labels) / most))
    return [Tick(positions[n], labels[n]) for n in range(0, len(labels), every)]


def _values(series: Sequence[Series]) -> list[float]:
    return [value for one in series for value in one.values if value is not None]


def line_chart(
    key: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    axis: Callable[[float], str],
    point: Callable[[float], str],
    table: Table,
    floor: float | None = None,
) -> Chart:
    """Values over time as lines; a gap where a value is missing."""
    values = _values(series)
    chart = Chart(key, title, description, table, legend=[(s.name, s.css) for s in series])
    if not values:
        chart.empty = True
        return chart
    scale = Scale.over(values, floor)
    xs = _x_positions(len(labels))
    chart.y_ticks = scale.ticks(axis)
    chart.x_ticks = _x_ticks(labels, xs)
    chart.zero = scale.y(0) if scale.low < 0 else None
    for one in series:
        paths, run, dots = [], [], []
        for x, label, value in zip(xs, labels, one.values, strict=True):
            if value is None:
                if run:
                    paths.append(" ".join(run))
                run = []
                continue
            y = scale.y(value)
            run.append(f"{x},{y}")
            dots.append(Dot(x, y, f"{one.name}, {label}: {point(value)}"))
        if run:
            paths.append(" ".join(run))
        chart.lines.append(Line(one.name, one.css, paths, dots))
    return chart


def bar_chart(
    key: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    axis: Callable[[float], str],
    point: Callable[[float], str],
    table: Table,
    stacked: bool = False,
) -> Chart:
    """Bars per label: side by side for each series, or stacked."""
    chart = Chart(key, title, description, table, legend=[(s.name, s.css) for s in series])
    if stacked:
        totals = [sum(s.values[n] or 0 for s in series) for n in range(len(labels))]
        values = totals
    else:
        values = _values(series)
    if not any(values):
        chart.empty = True
        return chart
    scale = Scale.over(values)
    plot = WIDTH - LEFT - RIGHT
    slot = plot / len(labels)
    group = slot * 0.7
    width = group if stacked else group / len(series)
    chart.y_ticks = scale.ticks(axis)
    chart.x_ticks = _x_ticks(labels, [LEFT + slot * (n + 0.5) for n in range(len(labels))])
    for n, label in enumerate(labels):
        left = LEFT + slot * n + (slot - group) / 2
        base = 0.0
        for index, one in enumerate(series):
            value = one.values[n]
            if value is None:
                continue
            bottom, top = (base, base + value) if stacked else (0.0, value)
            x = left if stacked else left + width * index
            y_top, y_bottom = scale.y(max(bottom, top)), scale.y(min(bottom, top))
            chart.bars.append(
                Rect(
                    round(x, 1),
                    y_top,
                    round(max(width - 1, 1), 1),
                    round(max(y_bottom - y_top, 0), 1),
                    one.css,
                    f"{one.name}, {label}: {point(value)}",
                )
            )
            if stacked:
                base = top
    return chart
