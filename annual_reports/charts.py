"""Bar charts drawn on the server as SVG: geometry here, markup in templates/annual_reports/_bar_chart.html.

Each chart carries a title, a text description listing every value (the SVG's text alternative)
and its data, which the page also offers as a table.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

WIDTH, HEIGHT = 640, 260
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 40, 10, 20, 50


@dataclass
class Bar:
    label: str
    value: int | float
    x: float
    y: float
    width: float
    height: float

    @property
    def label_x(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass
class BarChart:
    key: str
    title: str
    unit: str
    bars: list[Bar] = field(default_factory=list)
    ticks: list[tuple[float, int]] = field(default_factory=list)  # (y, value) of the grid lines
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - MARGIN_BOTTOM
    left: int = MARGIN_LEFT
    right: int = WIDTH - MARGIN_RIGHT

    @property
    def description(self) -> str:
        values = "，".join(f"{bar.label}{bar.value:g}{self.unit}" for bar in self.bars)
        return _("%(title)s：%(values)s。") % {"title": self.title, "values": values}


def _nice_maximum(value: float) -> int:
    """The smallest of 1, 2, 5 × 10^n at or above value, so grid lines fall on round numbers."""
    if value <= 0:
        return 1
    scale = 1
    while True:
        for step in (1, 2, 5):
            if step * scale >= value:
                return step * scale
        scale *= 10


def bar_chart(key: str, title: str, labels: list[str], values: list[float], unit: str = "") -> BarChart:
    chart = BarChart(key=key, title=title, unit=unit)
    top = _nice_maximum(max(values, default=0))
    plot_height = chart.baseline - MARGIN_TOP
    slot = (chart.right - chart.left) / max(len(values), 1)
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        height = round(plot_height * value / top, 1)
        chart.bars.append(
            Bar(
                label=label,
                value=value,
                x=round(chart.left + index * slot + slot * 0.15, 1),
                y=round(chart.baseline - height, 1),
                width=round(slot * 0.7, 1),
                height=height,
            )
        )
    for fraction in (0, 0.5, 1):
        chart.ticks.append((round(chart.baseline - plot_height * fraction, 1), round(top * fraction)))
    return chart


def report_charts(figures: dict) -> list[BarChart]:
    """The report page's charts: applications by month, outcomes, year over year."""
    stats = figures["statistics"]
    return [
        bar_chart(
            "by-month",
            _("%(year)d年每月收到的政府信息公开申请") % {"year": stats["year"]},
            [f"{month}月" for month in range(1, 13)],
            stats["received_by_month"],
            _("件"),
        ),
        bar_chart(
            "outcomes",
            _("%(year)d年办理结果") % {"year": stats["year"]},
            list(stats["outcomes_by_group"]),
            list(stats["outcomes_by_group"].values()),
            _("件"),
        ),
        bar_chart(
            "year-over-year",
            _("历年收到的政府信息公开申请"),
            [f"{row['year']}年" for row in figures["history"]],
            [row["received"] for row in figures["history"]],
            _("件"),
        ),
    ]


def statistics_charts(stats) -> list[BarChart]:
    """The statistics page's charts: applications received and concluded per month."""
    months = [f"{month}月" for month in range(1, 13)]
    return [
        bar_chart(
            "received",
            _("%(year)d年每月收到的政府信息公开申请") % {"year": stats.year},
            months,
            stats.received_by_month,
            _("件"),
        ),
        bar_chart(
            "concluded",
            _("%(year)d年每月办结的政府信息公开申请") % {"year": stats.year},
            months,
            stats.concluded_by_month,
            _("件"),
        ),
    ]
