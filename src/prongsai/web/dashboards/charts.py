"""Chart geometry for server-rendered SVG (no JavaScript, no external library): bars, lines, histograms."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    text: str
    y: float
    width: float
    css: str


@dataclass(frozen=True)
class Line:
    x: float
    label: str


def hbar_chart(
    items: list[tuple[str, Decimal, str]],
    *,
    marks: list[tuple[Decimal, str]] = (),
    label_width: int = 210,
    width: int = 680,
    row: int = 26,
    maximum: Decimal = Decimal(100),
) -> dict:
    """Horizontal bars on a 0–maximum scale; `marks` draws dashed lines (e.g. the pass mark)."""
    plot = width - label_width - 60
    bars = [
        Bar(label, value, f"{value:.2f}", 10 + k * row, float(value / maximum) * plot if maximum else 0, css)
        for k, (label, value, css) in enumerate(items)
    ]
    lines = [Line(label_width + float(v / maximum) * plot, f"{v}") for v, _ in marks]
    return {
        "bars": bars,
        "lines": lines,
        "marks": list(zip(lines, [c for _, c in marks], strict=True)),
        "width": width,
        "height": 10 + len(items) * row + 24,
        "x0": label_width,
        "plot": plot,
        "row": row,
        "bar_h": row - 8,
        "axis_y": 10 + len(items) * row,
    }


LABEL_HEIGHT = 12  # px: the chart text size in app.css (.chart text { font-size: 12px })


def line_chart(
    points: list[tuple[int, Decimal]],
    *,
    width: int = 680,
    height: int = 220,
    low: Decimal = Decimal(50),
    high: Decimal = Decimal(100),
    marks: list[tuple[Decimal, str]] = (),
) -> dict:
    """Totals across fiscal years; the y axis runs from `low` (or lower if needed) to `high`."""
    if points:
        low = min(low, min(v for _, v in points) // 10 * 10)
    # Room above the plot for a value label over a dot at `high`, and dots kept `inset` from both ends so
    # a centred value label never runs into the axis labels on the left or past the right edge.
    left, right, top, bottom, inset = 50, 20, 26, 30, 34
    pw, ph = width - left - right, height - top - bottom
    n = max(len(points) - 1, 1)

    def y_of(v: Decimal) -> float:
        return top + ph - float((v - low) / (high - low)) * ph

    dots = []
    for k, (yr, v) in enumerate(points):
        y = y_of(v)
        dots.append(
            {
                "x": left + inset + (k * (pw - 2 * inset) / n if len(points) > 1 else (pw - 2 * inset) / 2),
                "y": y,
                "label_y": y - 9 if y - 9 - LABEL_HEIGHT >= 0 else y + 9 + LABEL_HEIGHT,
                "year": yr,
                "text": f"{v:.2f}",
            }
        )
    ticks = [{"y": y_of(Decimal(t)), "text": t} for t in range(int(low), int(high) + 1, 10)]
    return {
        "dots": dots,
        "path": " ".join(f"{d['x']:.1f},{d['y']:.1f}" for d in dots),
        "ticks": ticks,
        "marks": [{"y": y_of(v), "css": c, "text": f"{v}"} for v, c in marks],
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "bottom": top + ph,
    }


def histogram(values: list[Decimal], *, edges: list[int], width: int = 680, height: int = 200) -> dict:
    """Counts of totals in [edge_k, edge_k+1) bins (the last bin includes its upper edge)."""
    counts = [0] * (len(edges) - 1)
    for v in values:
        for k in range(len(edges) - 1):
            if edges[k] <= v < edges[k + 1] or (k == len(edges) - 2 and v == edges[-1]):
                counts[k] += 1
                break
    top, bottom, left = 15, 40, 40
    ph, pw = height - top - bottom, width - left - 10
    bw = pw / len(counts)
    peak = max(counts) or 1
    bars = [
        {
            "x": left + k * bw + 2,
            "w": bw - 4,
            "h": c / peak * ph,
            "y": top + ph - c / peak * ph,
            "count": c,
            "label": f"{edges[k]}–{edges[k + 1]}",
            "cx": left + k * bw + bw / 2,
        }
        for k, c in enumerate(counts)
    ]
    return {"bars": bars, "width": width, "height": height, "base": top + ph}
