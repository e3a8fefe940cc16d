"""The trend chart's text stays inside the picture and clear of the axis labels (boxes measured at the
chart's 12 px text with digits about 0.6 em wide)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from prongsai.web.dashboards.charts import LABEL_HEIGHT, line_chart

CHAR = 0.6 * LABEL_HEIGHT


def _boxes(chart):
    values = [
        (
            d["x"] - len(d["text"]) * CHAR / 2,
            d["label_y"] - LABEL_HEIGHT,
            d["x"] + len(d["text"]) * CHAR / 2,
            d["label_y"],
        )
        for d in chart["dots"]
    ]
    ticks = [
        (
            chart["left"] - 6 - len(str(t["text"])) * CHAR,
            t["y"] + 4 - LABEL_HEIGHT,
            chart["left"] - 6,
            t["y"] + 4,
        )
        for t in chart["ticks"]
    ]
    return values, ticks


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize(
    "totals",
    [
        ["95.73", "99.44"],  # the finding: 100 over 95.73, 99.44 cut off at the top
        ["100", "100"],
        ["88.10", "95.73", "99.44", "100", "97.20"],
        ["42.00", "99.99"],
    ],
)
def test_trend_labels_fit_and_do_not_overlap(totals):
    points = [(2565 + k, Decimal(v)) for k, v in enumerate(totals)]
    chart = line_chart(points, marks=[(Decimal(85), "mark"), (Decimal(95), "mark-ok")])
    values, ticks = _boxes(chart)
    for box in values + ticks:
        assert box[0] >= 0 and box[2] <= chart["width"] and box[1] >= 0 and box[3] <= chart["height"], box
    for v in values:
        assert not any(_overlap(v, t) for t in ticks), (v, ticks)
    for k in range(len(values) - 1):
        assert not _overlap(values[k], values[k + 1])
