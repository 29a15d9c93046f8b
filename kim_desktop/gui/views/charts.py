"""Bar charts of counts for the statistics and district views: whole-number ticks only
("0 0 1 1" came from a 0–1.5 axis printed with "%d"), and a chart without figures says so
instead of drawing zeros."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsSimpleTextItem

Count = int | None  # None: no figure (suppressed or not reported), never drawn as 0


def tick_step(top: int) -> int:
    """A whole-number tick interval (1, 2, 5, 10, 20, 50 …) giving at most six ticks."""
    step, factors = 1, itertools.cycle((2, 2.5, 2))
    while top / step > 5:
        step = round(step * next(factors))
    return step


def count_axis(top: int) -> QValueAxis:
    """An axis from 0 with ticks on whole numbers only and room beyond the longest bar."""
    step = tick_step(max(top, 1))
    axis = QValueAxis()
    axis.setRange(0, step * math.ceil(max(top * 1.1, 1) / step))
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    axis.setLabelFormat("%d")
    return axis


class _NoData(QGraphicsSimpleTextItem):
    """A line of text in the middle of the chart's plot area."""

    def __init__(self, chart: QChart, text: str) -> None:
        super().__init__(text, chart)
        self.chart = chart
        chart.plotAreaChanged.connect(self.centre)

    def centre(self, area: QRectF) -> None:
        box = self.boundingRect()
        self.setPos(area.center().x() - box.width() / 2, area.center().y() - box.height() / 2)


def bar_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[Count],
    previous: Sequence[Count] | None = None,
    names: tuple[str, str] = ("", ""),
) -> QChart:
    """Horizontal bars; with ``previous`` a second, lighter bar per label for comparison
    (``names``: legend texts of the two). Labels without any figure are left out; with none
    left the chart shows "No figures" and no axes."""
    chart = QChart()
    chart.setTitle(title)
    rows = [
        (label, value, previous[i] if previous is not None else None)
        for i, (label, value) in enumerate(zip(labels, values, strict=True))
        if value is not None or (previous is not None and previous[i] is not None)
    ]
    if not rows:
        chart.legend().hide()
        _NoData(chart, QCoreApplication.translate("Charts", "No figures"))
        return chart
    series = QHorizontalBarSeries()
    shown = [(names[0] or title, [r[1] for r in rows])]
    if previous is None:
        chart.legend().hide()
    else:
        shown.insert(0, (names[1], [r[2] for r in rows]))  # drawn below the current value
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    for name, numbers in shown:
        bars = QBarSet(name)
        for value in numbers:
            bars.append(value or 0)  # a missing figure of one period: no bar
        series.append(bars)
    series.setLabelsVisible(True)
    chart.addSeries(series)
    if previous is not None:  # after addSeries: the theme colours the sets there
        earlier, current = series.barSets()
        earlier.setColor(current.color().lighter(150))
        for bars in (earlier, current):  # beside the bar, dark: readable on both colours
            bars.setLabelColor(QColor("#202020"))
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
    categories = QBarCategoryAxis()
    categories.append([r[0] for r in rows])
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    top = max((v for r in rows for v in r[1:] if v is not None), default=0)
    axis = count_axis(top)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis)
    return chart
