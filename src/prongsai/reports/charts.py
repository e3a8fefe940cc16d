"""The four charts of the analysis document, drawn as SVG from the analysis (no plotting library), legible
in greyscale: shades and hatches, never colour alone.

The SVG is the chart: Typst places it in the PDF as vectors with real text, the HTML inlines it (its text
in the page's own Sarabun), and the DOCX gets a PNG of it rasterised by Typst (raster.py). Sizes are in
points; text is Sarabun, measured with the font's own advance widths (fonts.text_width) where a box or a
column must fit it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from ..ita.analysis import Analysis
from ..thai import digits
from .fonts import FAMILY, text_width

INK, MID, LIGHT, PALE = "#222222", "#707070", "#b0b0b0", "#e4e4e4"
WIDTH = 460.0  # points (6.4 in): the document shows charts 150 mm wide


@dataclass(frozen=True)
class Chart:
    name: str
    svg: str
    alt: str
    caption: str


# Hatches by name: a pattern of thin lines (or dots) over the swatch's shade.
_HATCHES = {
    "//": '<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="{ink}" stroke-width="0.6"/>',
    "///": '<path d="M-1,1 l2,-2 M0,4 l4,-4 M3,5 l2,-2" stroke="{ink}" stroke-width="0.6"/>',
    "\\\\": '<path d="M-1,5 l2,2 M0,0 l6,6 M5,-1 l2,2" stroke="{ink}" stroke-width="0.6"/>',
    "..": '<circle cx="1.5" cy="1.5" r="0.7" fill="{ink}"/><circle cx="4.5" cy="4.5" r="0.7" fill="{ink}"/>',
    "xxx": '<path d="M0,0 l4,4 M4,0 l-4,4" stroke="{ink}" stroke-width="0.5"/>',
}
_HATCH_SIZE = {"//": 6, "///": 4, "\\\\": 6, "..": 6, "xxx": 4}


class _Svg:
    """An SVG drawing in points, its hatch patterns defined once each under ids unique to the chart (the
    HTML inlines all four charts in one page)."""

    def __init__(self, name: str, width: float, height: float) -> None:
        self.name, self.width, self.height = name, width, height
        self.defs: dict[str, str] = {}
        self.parts: list[str] = []

    def hatch(self, hatch: str) -> str:
        key = {"//": "d1", "///": "d2", "\\\\": "b1", "..": "dot", "xxx": "x"}[hatch]
        pid = f"{self.name}-{key}"
        if pid not in self.defs:
            size = _HATCH_SIZE[hatch]
            self.defs[pid] = (
                f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="{size}" height="{size}">'
                + _HATCHES[hatch].format(ink=INK)
                + "</pattern>"
            )
        return f"url(#{pid})"

    def rect(self, x, y, w, h, fill, stroke=MID, width=0.5, hatch="", rx=0.0) -> None:
        common = f'x="{x:.2f}" y="{y:.2f}" width="{max(w, 0):.2f}" height="{max(h, 0):.2f}"'
        radius = f' rx="{rx:.1f}"' if rx else ""
        self.parts.append(f'<rect {common}{radius} fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>')
        if hatch:
            self.parts.append(f'<rect {common} fill="{self.hatch(hatch)}" stroke="none"/>')

    def line(self, x1, y1, x2, y2, color=MID, width=0.8, dash=False) -> None:
        dashes = ' stroke-dasharray="4,2.5"' if dash else ""
        self.parts.append(
            f'<line x1="{x1:.2f}" y1="{y1:.2f}" x2="{x2:.2f}" y2="{y2:.2f}" stroke="{color}" '
            f'stroke-width="{width}"{dashes}/>'
        )

    def text(self, x, y, text, size=8.0, anchor="start", bold=False, color=INK, middle=False) -> None:
        """`y` is the baseline, or the middle of the text when `middle`."""
        if middle:
            y += size * 0.35
        weight = ' font-weight="bold"' if bold else ""
        self.parts.append(
            f'<text x="{x:.2f}" y="{y:.2f}" font-size="{size}" text-anchor="{anchor}" fill="{color}"{weight}>'
            f"{escape(str(text))}</text>"
        )

    def label_box(self, x, y, text, size, anchor="start", pad=1.2) -> None:
        """Text on a white box: lines that cross a label do not run through it."""
        w = text_width(text, size)
        left = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
        self.rect(
            left - pad, y - size * 0.5 - pad, w + 2 * pad, size + 2 * pad, "white", stroke="none", width=0
        )
        self.text(x, y, text, size, anchor, middle=True)

    def render(self) -> str:
        defs = f"<defs>{''.join(self.defs.values())}</defs>" if self.defs else ""
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width:.0f}pt" height="{self.height:.0f}pt" '
            f'viewBox="0 0 {self.width:.0f} {self.height:.0f}" font-family="{FAMILY}">'
            f'<rect width="100%" height="100%" fill="white"/>{defs}{"".join(self.parts)}</svg>'
        )


def _fmt(v: Decimal | float, style: str) -> str:
    return digits(f"{v:.2f}", style)


def _num(v, style: str) -> str:
    return digits(f"{v:g}", style)


def _bands(a: Analysis) -> list[tuple[Decimal, Decimal, list]]:
    """Total-score ranges, lowest first, each with the level rules that start there (highest first):
    ผ่าน and ผ่านดี share 85–95 and differ only in the tool scores."""
    rules = a.result.framework.levels.rules
    by_min: dict[Decimal, list] = {}
    for r in rules:
        by_min.setdefault(r.min_total, []).append(r)
    mins = sorted(by_min)
    return [(lo, mins[k + 1] if k + 1 < len(mins) else Decimal(100), by_min[lo]) for k, lo in enumerate(mins)]


# One swatch per level, lowest first: distinct in greyscale by shade and hatch.
SWATCHES = (("#f2f2f2", ""), ("#c8c8c8", "//"), ("#e0e0e0", ".."), ("#a8a8a8", "\\\\"), ("#7a7a7a", ""))


def _level_text(rule, lo: Decimal, hi: Decimal, style: str, texts: dict) -> str:
    text = texts["band_range"].format(
        label=rule.label, low=digits(f"{lo:g}", style), high=digits(f"{hi:g}", style)
    )
    if rule.min_each_tool is not None:
        text += " " + texts["band_tools"].format(min=digits(f"{rule.min_each_tool:g}", style))
    return text


def _ticks(lo: float, hi: float) -> list[float]:
    """Round tick values across [lo, hi]: steps of 5, 10 or 20 by the span."""
    span = hi - lo
    step = 5 if span <= 30 else 10 if span <= 60 else 20
    first = -(-lo // step) * step
    out, v = [], first
    while v <= hi + 1e-9:
        out.append(v)
        v += step
    return out


def overall_chart(a: Analysis, style: str, texts: dict) -> Chart:
    """The total on a bar of the level bands, and a legend below that gives every level its own swatch,
    range and tool condition, highest first (levels sharing a range split the band's height, the upper
    one the better)."""
    r = a.result
    bands = _bands(a)
    legend = [
        (SWATCHES[k % len(SWATCHES)], _level_text(rule, lo, hi, style, texts))
        for k, (lo, hi, rule) in enumerate(
            (lo, hi, rule) for lo, hi, rules in bands for rule in reversed(rules)
        )
    ][::-1]
    row = 13.0
    top, bar_h = 44.0, 28.0
    height = top + bar_h + 14 + row * len(legend) + 4
    svg = _Svg("overall", WIDTH, height)
    x0, x1 = 14.0, WIDTH - 14.0

    def x(v) -> float:
        return x0 + (x1 - x0) * float(v) / 100

    k = 0
    for lo, hi, rules in bands:
        n = len(rules)
        for j, _rule in enumerate(reversed(rules)):  # lowest level at the bottom of the band
            shade, hatch = SWATCHES[k % len(SWATCHES)]
            part = bar_h / n
            svg.rect(x(lo), top + bar_h - (j + 1) * part, x(hi) - x(lo), part, shade, hatch=hatch)
            k += 1
    for v in [lo for lo, _, _ in bands] + [Decimal(100)]:
        svg.line(x(v), top - 3, x(v), top, color=MID, width=0.6)
        svg.text(x(v), top - 5, _num(v, style), size=8, anchor="middle")
    svg.line(x(r.total), top - 2, x(r.total), top + bar_h + 2, color=INK, width=2.2)
    svg.text(
        x(r.total) + (-3 if r.total > 60 else 3),
        top - 17,
        f"{_fmt(r.total, style)} {r.level.label}",
        size=10,
        anchor="end" if r.total > 60 else "start",
        bold=True,
    )
    y = top + bar_h + 14
    for (shade, hatch), text in legend:
        svg.rect(x0 + 16, y - 4.5, 22, 9, shade, hatch=hatch)
        svg.text(x0 + 44, y, text, size=8.5, middle=True)
        y += row
    band_text = "; ".join(
        _level_text(rule, lo, hi, style, texts) for lo, hi, rules in bands for rule in reversed(rules)
    )
    alt = texts["overall_alt"].format(total=_fmt(r.total, style), level=r.level.label, bands=band_text)
    return Chart("overall", svg.render(), alt, texts["overall"])


def history_chart(a: Analysis, style: str, texts: dict) -> Chart:
    r = a.result
    points = [(h.fiscal_year, h.total, h.level) for h in a.history] + [
        (r.fiscal_year, r.total, r.level.label)
    ]
    fw = r.framework
    svg = _Svg("history", WIDTH, 173.0)
    x0, x1, y_top, y_bot = 37.0, WIDTH - 9, 14.0, 149.0
    xs = [p[0] for p in points]
    ys = [float(p[1]) for p in points]
    low = max(0.0, min(min(ys), float(fw.pass_mark)) - 10)
    high = 104.0
    x_lo, x_hi = min(xs) - 0.6, max(xs) + 0.6

    def px(v) -> float:
        return x0 + (x1 - x0) * (v - x_lo) / (x_hi - x_lo)

    def py(v) -> float:
        return y_bot - (y_bot - y_top) * (float(v) - low) / (high - low)

    svg.line(x0, y_top, x0, y_bot, color=MID, width=0.8)
    svg.line(x0, y_bot, x1, y_bot, color=MID, width=0.8)
    for v in _ticks(low, high):
        svg.line(x0 - 3, py(v), x0, py(v), color=MID, width=0.6)
        svg.text(x0 - 5, py(v), _num(v, style), size=8, anchor="end", middle=True)
    svg.line(x0, py(fw.pass_mark), x1, py(fw.pass_mark), color=MID, width=0.8)
    svg.line(x0, py(fw.excellent), x1, py(fw.excellent), color=MID, width=0.8, dash=True)
    svg.text(x1 - 2, py(fw.pass_mark) - 2, _num(fw.pass_mark, style), size=7, anchor="end", color=MID)
    path = " ".join(
        f"{'M' if k == 0 else 'L'}{px(xv):.2f},{py(yv):.2f}"
        for k, (xv, yv) in enumerate(zip(xs, ys, strict=True))
    )
    svg.parts.append(f'<path d="{path}" fill="none" stroke="{INK}" stroke-width="1.6"/>')
    for xv, yv in zip(xs, ys, strict=True):
        svg.parts.append(f'<circle cx="{px(xv):.2f}" cy="{py(yv):.2f}" r="2.6" fill="{INK}"/>')
        svg.text(px(xv), py(yv) - 6, _fmt(yv, style), size=8, anchor="middle")
        svg.line(px(xv), y_bot, px(xv), y_bot + 3, color=MID, width=0.6)
        svg.text(px(xv), y_bot + 13, digits(xv, style), size=8, anchor="middle")
    if not a.history:
        note = texts["no_history_chart"]
        w = text_width(note, 9) + 14
        cx, cy = (x0 + x1) / 2, y_bot - (y_bot - y_top) * 0.35
        svg.rect(cx - w / 2, cy - 9, w, 18, "white", stroke=MID, width=0.8, rx=4)
        svg.text(cx, cy, note, size=9, anchor="middle", middle=True)
    listed = "; ".join(f"{digits(x, style)}: {_fmt(y, style)}" for x, y in zip(xs, ys, strict=True))
    alt = texts["history_alt"].format(points=listed)
    if not a.history:
        alt += " " + texts["no_history_chart"]
    return Chart("history", svg.render(), alt, texts["history"])


def tools_chart(a: Analysis, style: str, texts: dict) -> Chart:
    r = a.result
    svg = _Svg("tools", WIDTH, 187.0)
    x0, x1, y_top, y_bot = 37.0, WIDTH - 9, 30.0, 164.0
    n = len(a.tools)
    x_lo, x_hi = -0.6, n - 0.4

    def px(v) -> float:
        return x0 + (x1 - x0) * (v - x_lo) / (x_hi - x_lo)

    def py(v) -> float:
        return y_bot - (y_bot - y_top) * float(v) / 112

    svg.line(x0, y_top, x0, y_bot, color=MID, width=0.8)
    svg.line(x0, y_bot, x1, y_bot, color=MID, width=0.8)
    for v in range(0, 101, 20):
        svg.line(x0 - 3, py(v), x0, py(v), color=MID, width=0.6)
        svg.text(x0 - 5, py(v), _num(v, style), size=8, anchor="end", middle=True)
    bar_w = px(0.38) - px(0)
    for k, t in enumerate(a.tools):
        for offset, value, fill, hatch in (
            (-0.2, t.shown, MID, ""),
            (0.2, r.rounded(t.weighted), "white", "///"),
        ):
            left = px(k + offset) - bar_w / 2
            svg.rect(left, py(value), bar_w, y_bot - py(value), fill, stroke=INK, hatch=hatch)
            svg.text(left + bar_w / 2, py(value) - 3, _fmt(value, style), size=8, anchor="middle")
        svg.line(px(k), y_bot, px(k), y_bot + 3, color=MID, width=0.6)
        label = f"{t.code} ({digits(f'{t.weight * 100:.0f}', style)}%)"
        svg.text(px(k), y_bot + 13, label, size=8, anchor="middle")
    # The legend above the plot, centred: a swatch and its label for each series.
    items = [(MID, "", texts["raw"]), ("white", "///", texts["weighted"])]
    widths = [24 + text_width(label, 8) for _, _, label in items]
    x = (WIDTH - sum(widths) - 16 * (len(items) - 1)) / 2
    for (fill, hatch, label), w in zip(items, widths, strict=True):
        svg.rect(x, 6, 18, 8, fill, stroke=INK, hatch=hatch)
        svg.text(x + 22, 10, label, size=8, middle=True)
        x += w + 16
    listed = "; ".join(
        f"{t.code} {_fmt(t.shown, style)} ({_fmt(r.rounded(t.weighted), style)})" for t in a.tools
    )
    return Chart("tools", svg.render(), texts["tools_alt"].format(tools=listed), texts["tools"])


def indicators_chart(a: Analysis, style: str, texts: dict) -> Chart:
    fw = a.result.framework
    rows = list(a.indicators)
    height = 72 * (0.32 * max(len(rows), 1) + 0.9)
    svg = _Svg("indicators", WIDTH, height)
    if not rows:
        svg.text(WIDTH / 2, height / 2, texts["no_indicators"], size=9, anchor="middle", middle=True)
        return Chart("indicators", svg.render(), texts["no_indicators"], texts["indicators"])
    x0, x1, y_top, y_bot = 156.0, WIDTH * 0.94, height * 0.06, height * 0.9
    y_lo, y_hi = -0.6, len(rows) - 0.1

    def px(v) -> float:
        return x0 + (x1 - x0) * float(v) / 108

    def py(v) -> float:
        return y_bot - (y_bot - y_top) * (v - y_lo) / (y_hi - y_lo)

    svg.line(x0, y_top, x0, y_bot, color=MID, width=0.8)
    svg.line(x0, y_bot, x1, y_bot, color=MID, width=0.8)
    for v in range(0, 101, 20):
        svg.line(px(v), y_bot, px(v), y_bot + 3, color=MID, width=0.6)
        svg.text(px(v), y_bot + 12, _num(v, style), size=8, anchor="middle")
    bar_h = py(0) - py(0.62)
    for y, row in zip(range(len(rows) - 1, -1, -1), rows, strict=True):
        svg.rect(
            x0,
            py(y) - bar_h / 2,
            px(row.shown) - x0,
            bar_h,
            MID if row.passed else "white",
            stroke=INK,
            hatch="" if row.passed else "xxx",
        )
        label = f"{digits(row.number, style)}. {row.name_th} ({row.tool})"
        svg.text(x0 - 5, py(y), label, size=8, anchor="end", middle=True)
    svg.line(px(fw.pass_mark), y_top, px(fw.pass_mark), y_bot, color=INK, width=1.2)
    svg.line(px(fw.excellent), y_top, px(fw.excellent), y_bot, color=INK, width=0.8, dash=True)
    # The lines' own labels sit above the plot, where no line runs through them; each value sits on a
    # white box, as the 85 and 95 lines cross labels of scores just below them.
    for mark in (fw.pass_mark, fw.excellent):
        svg.text(px(mark), y_top - 3, _num(mark, style), size=7, anchor="middle")
    for y, row in zip(range(len(rows) - 1, -1, -1), rows, strict=True):
        svg.label_box(px(row.shown) + 2.5, py(y), _fmt(row.shown, style), 7.5)
    listed = "; ".join(
        f"{digits(r.number, style)} {r.name_th} {_fmt(r.shown, style)}"
        + ("" if r.passed else f" ({texts['failed']})")
        for r in rows
    )
    alt = texts["indicators_alt"].format(pass_mark=digits(f"{fw.pass_mark:g}", style), indicators=listed)
    return Chart("indicators", svg.render(), alt, texts["indicators"])


def all_charts(a: Analysis, style: str, texts: dict) -> list[Chart]:
    return [
        overall_chart(a, style, texts),
        history_chart(a, style, texts),
        tools_chart(a, style, texts),
        indicators_chart(a, style, texts),
    ]
