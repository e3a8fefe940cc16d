"""The four charts of the analysis document, legible in greyscale, drawn by Typst with Sarabun.

Python lays each chart out (scales, ticks, label positions, in points from the top left, on the same
axes rectangles as the matplotlib charts they replace); `templates/charts.typ` paints the shapes and
Typst exports every chart as a PNG page in one compile. Typst is already loaded for the PDF and shapes
Thai text itself, so a chart costs a few milliseconds and no plotting library has to be imported."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from ..ita.analysis import Analysis
from ..thai import digits
from .fonts import typst_fonts

DPI = 170
TEMPLATE = Path(__file__).parent / "templates" / "charts.typ"
INK, MID, LIGHT, PALE, WHITE = "#222222", "#707070", "#b0b0b0", "#e4e4e4", "#ffffff"
FONT_SIZE = 9  # tick labels and plain text, in points
TICK, PAD = 3.5, 3.5  # tick length and the gap to its label (points)


@dataclass(frozen=True)
class Chart:
    name: str
    png: bytes
    alt: str
    caption: str


@dataclass(frozen=True)
class _Spec:
    name: str
    page: dict
    alt: str
    caption: str


class _Canvas:
    """One chart page: width × height inches; shapes in points from the top left, painted in order."""

    def __init__(self, width_in: float, height_in: float):
        self.width, self.height = width_in * 72, height_in * 72
        self.shapes: list[dict] = []

    def add(self, kind: str, **fields) -> None:
        self.shapes.append({"kind": kind, **fields})

    def text(self, x: float, y: float, text: str, size: float = FONT_SIZE, **fields) -> None:
        self.add("text", x=x, y=y, text=text, size=size, **fields)

    def page(self) -> dict:
        return {"width": self.width, "height": self.height, "shapes": self.shapes}


class _Axes:
    """Data coordinates to page points for axes placed like matplotlib's add_axes((left, bottom, w, h))."""

    def __init__(self, canvas: _Canvas, rect, xlim, ylim):
        left, bottom, w, h = rect
        self.c = canvas
        self.left, self.right = left * canvas.width, (left + w) * canvas.width
        self.top, self.bottom = (1 - bottom - h) * canvas.height, (1 - bottom) * canvas.height
        self.xlim, self.ylim = tuple(map(float, xlim)), tuple(map(float, ylim))

    def x(self, v) -> float:
        lo, hi = self.xlim
        return self.left + (float(v) - lo) / (hi - lo) * (self.right - self.left)

    def y(self, v) -> float:
        lo, hi = self.ylim
        return self.bottom - (float(v) - lo) / (hi - lo) * (self.bottom - self.top)

    def bar(self, x0, x1, y0, y1, fill: str | None, hatch: str = "", edge: str = INK, lw: float = 0.5):
        """A bar between data coordinates x0..x1 and y0..y1, with an optional hatch in the edge colour."""
        left, right = sorted((self.x(x0), self.x(x1)))
        top, bottom = sorted((self.y(y0), self.y(y1)))
        self.c.add(
            "rect", x=left, y=top, w=right - left, h=bottom - top, fill=fill, hatch=hatch, color=edge, lw=lw
        )

    def vline(self, v, color: str, lw: float, dashed: bool = False) -> None:
        x = self.x(v)
        self.c.add(
            "line", x1=x, y1=self.top, x2=x, y2=self.bottom, color=color, lw=lw, dash=_dash(dashed, lw)
        )

    def hline(self, v, color: str, lw: float, dashed: bool = False) -> None:
        y = self.y(v)
        self.c.add(
            "line", x1=self.left, y1=y, x2=self.right, y2=y, color=color, lw=lw, dash=_dash(dashed, lw)
        )

    def spines(self, *sides: str) -> None:
        edges = {
            "left": (self.left, self.top, self.left, self.bottom),
            "right": (self.right, self.top, self.right, self.bottom),
            "top": (self.left, self.top, self.right, self.top),
            "bottom": (self.left, self.bottom, self.right, self.bottom),
        }
        for side in sides:
            x1, y1, x2, y2 = edges[side]
            self.c.add("line", x1=x1, y1=y1, x2=x2, y2=y2, color=MID, lw=0.8)

    def xticks(self, values, labels, size: float = FONT_SIZE, top: bool = False, pad: float = PAD) -> None:
        for v, label in zip(values, labels, strict=True):
            x = self.x(v)
            if top:
                self.c.add("line", x1=x, y1=self.top, x2=x, y2=self.top - TICK, color=INK, lw=0.8)
                self.c.text(x, self.top - TICK - pad, label, size, ha="center", va="bottom")
            else:
                self.c.add("line", x1=x, y1=self.bottom, x2=x, y2=self.bottom + TICK, color=INK, lw=0.8)
                self.c.text(x, self.bottom + TICK + pad, label, size, ha="center", va="top")

    def yticks(self, values, labels, size: float = FONT_SIZE) -> None:
        for v, label in zip(values, labels, strict=True):
            y = self.y(v)
            self.c.add("line", x1=self.left - TICK, y1=y, x2=self.left, y2=y, color=INK, lw=0.8)
            self.c.text(self.left - TICK - PAD, y, label, size, ha="right", va="center")


def _dash(dashed: bool, lw: float) -> list[float] | None:
    return [3.7 * lw, 1.6 * lw] if dashed else None  # matplotlib's "--", scaled by the line width


def _nice_ticks(lo: float, hi: float, most: int = 8) -> list[float]:
    """Round tick values inside lo..hi: the smallest step of 1, 2, 2.5, 5 × 10^k giving at most `most`."""
    for power in range(-1, 4):
        for base in (1, 2, 2.5, 5):
            step = base * 10**power
            first = math.ceil(lo / step - 1e-9)
            ticks = [k * step for k in range(first, math.floor(hi / step + 1e-9) + 1)]
            if len(ticks) <= most:
                return ticks
    return [lo, hi]


def _fmt(v: Decimal | float, style: str) -> str:
    return digits(f"{v:.2f}", style)


def _tick_labels(values, style: str) -> list[str]:
    return [digits(f"{v:g}", style) for v in values]


def _bands(a: Analysis) -> list[tuple[Decimal, Decimal, str]]:
    """Level bands by total score, lowest first; levels that share a total threshold share a band."""
    rules = a.result.framework.levels.rules
    by_min: dict[Decimal, list[str]] = {}
    for r in rules:
        by_min.setdefault(r.min_total, []).append(r.label)
    mins = sorted(by_min)
    return [
        (lo, mins[k + 1] if k + 1 < len(mins) else Decimal(100), " / ".join(reversed(by_min[lo])))
        for k, lo in enumerate(mins)
    ]


def overall_chart(a: Analysis, style: str, texts: dict) -> _Spec:
    r = a.result
    bands = _bands(a)
    c = _Canvas(6.4, 1.8)
    ax = _Axes(c, (0.03, 0.5, 0.94, 0.25), (0, 100), (-0.5, 0.5))
    shades = [PALE, LIGHT, "#d0d0d0", "#9a9a9a", "#c8c8c8", "#8a8a8a", "#dadada"]
    hatches = ["", "//", "", "..", "", "xx", ""]
    for k, (lo, hi, _label) in enumerate(bands):
        ax.bar(lo, hi, -0.4, 0.4, shades[k % 7], hatches[k % 7], edge=MID)
    ax.vline(r.total, INK, 2.2)
    ax.spines("top")
    ticks = [float(lo) for lo, _, _ in bands] + [100]
    ax.xticks(ticks, _tick_labels(ticks, style), size=8, top=True, pad=1)
    for k, (lo, hi, label) in enumerate(bands):
        # Narrow bands (85–95, 95–100) get staggered labels so that they never run into each other.
        narrow = hi - lo < 12
        y = -0.75 - (1.0 if narrow and k % 2 else 0)
        ha = "right" if narrow and hi == 100 else "center"
        x = ax.x(hi) if ha == "right" else ax.x((lo + hi) / 2)
        c.text(x, ax.y(y), label, 8, ha=ha, va="top")
    c.text(
        ax.x(r.total),
        ax.y(1.15),
        f"{_fmt(r.total, style)} {r.level.label}",
        10,
        bold=True,
        ha="right" if r.total > 60 else "left",
        va="bottom",
    )
    band_text = "; ".join(f"{label} {_fmt(lo, style)}–{_fmt(hi, style)}" for lo, hi, label in bands)
    alt = texts["overall_alt"].format(total=_fmt(r.total, style), level=r.level.label, bands=band_text)
    return _Spec("overall", c.page(), alt, texts["overall"])


def history_chart(a: Analysis, style: str, texts: dict) -> _Spec:
    r = a.result
    points = [(h.fiscal_year, h.total, h.level) for h in a.history] + [
        (r.fiscal_year, r.total, r.level.label)
    ]
    xs = [p[0] for p in points]
    ys = [float(p[1]) for p in points]
    fw = r.framework
    low = max(0.0, min(min(ys), float(fw.pass_mark)) - 10)
    c = _Canvas(6.4, 2.4)
    ax = _Axes(c, (0.08, 0.14, 0.9, 0.78), (min(xs) - 0.6, max(xs) + 0.6), (low, 104))
    ax.hline(fw.pass_mark, MID, 0.8)
    ax.hline(fw.excellent, MID, 0.8, dashed=True)
    at = [(ax.x(x), ax.y(y)) for x, y in zip(xs, ys, strict=True)]
    if len(at) > 1:
        c.add("polyline", points=at, color=INK, lw=1.6)
    for x, y in at:
        c.add("dot", x=x, y=y, r=3.0, color=INK)
    ax.spines("left", "bottom")
    ax.xticks(xs, [digits(x, style) for x in xs])
    yt = _nice_ticks(low, 104)
    ax.yticks(yt, _tick_labels(yt, style))
    for (x, y), v in zip(at, ys, strict=True):
        c.text(x, y - 6, _fmt(v, style), 8, ha="center")
    c.text(
        ax.x(max(xs) + 0.55),
        ax.y(fw.pass_mark),
        digits(f" {fw.pass_mark:g}", style),
        7,
        color=MID,
        ha="right",
        va="bottom",
    )
    if not a.history:
        c.text(
            (ax.left + ax.right) / 2,
            ax.bottom - 0.35 * (ax.bottom - ax.top),
            texts["no_history_chart"],
            ha="center",
            va="center",
            frame={"fill": WHITE, "color": MID, "lw": 1.0, "pad": 2.7, "radius": 2.7},
        )
    listed = "; ".join(f"{digits(x, style)}: {_fmt(y, style)}" for x, y in zip(xs, ys, strict=True))
    alt = texts["history_alt"].format(points=listed)
    if not a.history:
        alt += " " + texts["no_history_chart"]
    return _Spec("history", c.page(), alt, texts["history"])


def tools_chart(a: Analysis, style: str, texts: dict) -> _Spec:
    r = a.result
    n = len(a.tools)
    raw = [float(t.shown) for t in a.tools]
    weighted = [float(r.rounded(t.weighted)) for t in a.tools]
    lo, hi = -0.39, n - 1 + 0.39  # the outer bar edges; 5 % margins as matplotlib would add
    c = _Canvas(6.4, 2.6)
    ax = _Axes(c, (0.08, 0.12, 0.9, 0.72), (lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo)), (0, 112))
    for k in range(n):
        ax.bar(k - 0.39, k - 0.01, 0, raw[k], MID)
        ax.bar(k + 0.01, k + 0.39, 0, weighted[k], WHITE, "///")
    ax.spines("left", "bottom")
    ax.xticks(range(n), [f"{t.code} ({digits(f'{t.weight * 100:.0f}', style)}%)" for t in a.tools])
    yt = _nice_ticks(0, 112)
    ax.yticks(yt, _tick_labels(yt, style))
    for k in range(n):
        for x, v in ((k - 0.2, raw[k]), (k + 0.2, weighted[k])):
            c.text(ax.x(x), ax.y(v) - 2, _fmt(v, style), 8, ha="center")
    c.add(
        "legend",
        x=(ax.left + ax.right) / 2,
        y=ax.top - 0.2 * (ax.bottom - ax.top) + 0.4 * 8,
        size=8,
        entries=[
            {"text": texts["raw"], "fill": MID, "hatch": "", "color": INK, "lw": 0.5},
            {"text": texts["weighted"], "fill": WHITE, "hatch": "///", "color": INK, "lw": 0.5},
        ],
    )
    listed = "; ".join(
        f"{t.code} {_fmt(t.shown, style)} ({_fmt(r.rounded(t.weighted), style)})" for t in a.tools
    )
    return _Spec("tools", c.page(), texts["tools_alt"].format(tools=listed), texts["tools"])


def indicators_chart(a: Analysis, style: str, texts: dict) -> _Spec:
    fw = a.result.framework
    rows = list(a.indicators)
    n = len(rows)
    c = _Canvas(6.4, 0.32 * max(n, 1) + 0.9)
    ax = _Axes(c, (0.34, 0.1, 0.6, 0.84), (0, 108), (-0.6, n - 0.1))
    if not rows:
        c.text(
            (ax.left + ax.right) / 2,
            (ax.top + ax.bottom) / 2,
            texts["no_indicators"],
            ha="center",
            va="center",
        )
        return _Spec("indicators", c.page(), texts["no_indicators"], texts["indicators"])
    ys = list(range(n))[::-1]
    for y, row in zip(ys, rows, strict=True):
        ax.bar(0, row.shown, y - 0.31, y + 0.31, MID if row.passed else WHITE, "" if row.passed else "xxx")
    ax.vline(fw.pass_mark, INK, 1.2)
    ax.vline(fw.excellent, INK, 0.8, dashed=True)
    ax.spines("left", "bottom")
    ax.yticks(ys, [f"{digits(r.number, style)}. {r.name_th} ({r.tool})" for r in rows], size=8)
    xt = _nice_ticks(0, 108, most=6)
    ax.xticks(xt, _tick_labels(xt, style))
    for y, row in zip(ys, rows, strict=True):
        c.text(ax.x(float(row.shown) + 0.8), ax.y(y), _fmt(row.shown, style), 7.5, va="center")
    for mark in (fw.pass_mark, fw.excellent):
        # On a white ground: the threshold line does not run through its own label.
        c.text(
            ax.x(mark),
            ax.y(n - 0.35),
            digits(f"{mark:g}", style),
            7,
            ha="center",
            frame={"fill": WHITE, "lw": 0, "pad": 0.6},
        )
    listed = "; ".join(
        f"{digits(r.number, style)} {r.name_th} {_fmt(r.shown, style)}"
        + ("" if r.passed else f" ({texts['failed']})")
        for r in rows
    )
    alt = texts["indicators_alt"].format(pass_mark=digits(f"{fw.pass_mark:g}", style), indicators=listed)
    return _Spec("indicators", c.page(), alt, texts["indicators"])


@cache
def _compiler():
    import typst

    return typst.Compiler(str(TEMPLATE), root=str(TEMPLATE.parent), font_paths=typst_fonts())


def render_pngs(pages: list[dict]) -> list[bytes]:
    """Every chart page as PNG bytes at DPI, in one Typst compile."""
    out = _compiler().compile(
        format="png", ppi=DPI, sys_inputs={"charts": json.dumps(pages, ensure_ascii=False)}
    )
    return [out] if isinstance(out, bytes) else list(out)


def all_charts(a: Analysis, style: str, texts: dict) -> list[Chart]:
    specs = [
        overall_chart(a, style, texts),
        history_chart(a, style, texts),
        tools_chart(a, style, texts),
        indicators_chart(a, style, texts),
    ]
    pngs = render_pngs([s.page for s in specs])
    return [Chart(s.name, png, s.alt, s.caption) for s, png in zip(specs, pngs, strict=True)]
