"""The four charts of the analysis document (matplotlib ≥ 3.11 with Sarabun), legible in greyscale."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from ..ita.analysis import Analysis
from ..thai import digits
from .fonts import FAMILY, sarabun_file

DPI = 170
INK, MID, LIGHT, PALE = "#222222", "#707070", "#b0b0b0", "#e4e4e4"


@dataclass(frozen=True)
class Chart:
    name: str
    png: bytes
    alt: str
    caption: str


@cache
def _setup() -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager

    # Register the packaged files explicitly: no system font lookup, nothing fetched.
    for style in ("Regular", "Bold"):
        font_manager.fontManager.addfont(str(sarabun_file(style)))
    matplotlib.rcParams.update(
        {
            "font.family": FAMILY,
            "font.size": 9,
            "axes.edgecolor": MID,
            "axes.labelcolor": INK,
            "xtick.color": INK,
            "ytick.color": INK,
            "svg.fonttype": "path",
            "hatch.linewidth": 0.6,
        }
    )


def _figure(width: float, height: float):
    _setup()
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=DPI)
    return fig


def _png(fig) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    # zlib level 1: the flat greys compress almost as well, and encoding takes a third of the time.
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None}, pil_kwargs={"compress_level": 1})
    return buf.getvalue()


def _fmt(v: Decimal | float, style: str) -> str:
    return digits(f"{v:.2f}", style)


def _ticks(ax, style: str, axis: str = "x") -> None:
    from matplotlib.ticker import FuncFormatter

    fmt = FuncFormatter(lambda v, _pos: digits(f"{v:g}", style))
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(fmt)


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


def overall_chart(a: Analysis, style: str, texts: dict) -> Chart:
    """The total on a bar of the level bands, and a legend that gives every level its own swatch, range
    and tool condition (levels sharing a range split the band's height, the upper one the better)."""
    from matplotlib.patches import Patch

    r = a.result
    bands = _bands(a)
    fig = _figure(6.4, 2.1)
    ax = fig.add_axes((0.03, 0.52, 0.94, 0.2))
    handles, k = [], 0
    for lo, hi, rules in bands:
        n = len(rules)
        for j, rule in enumerate(reversed(rules)):  # lowest level at the bottom of the band
            shade, hatch = SWATCHES[k % len(SWATCHES)]
            ax.barh(
                -0.5 + (j + 0.5) / n,
                float(hi - lo),
                height=1 / n,
                left=float(lo),
                color=shade,
                hatch=hatch,
                edgecolor=MID,
                lw=0.5,
            )
            handles.append(
                Patch(
                    facecolor=shade,
                    hatch=hatch,
                    edgecolor=MID,
                    lw=0.5,
                    label=_level_text(rule, lo, hi, style, texts),
                )
            )
            k += 1
    ax.axvline(float(r.total), color=INK, lw=2.2)
    ax.annotate(
        f"{_fmt(r.total, style)} {r.level.label}",
        (float(r.total), 0.5),
        xytext=(float(r.total), 1.3),
        ha="right" if r.total > 60 else "left",
        va="bottom",
        fontsize=10,
        fontweight="bold",
        color=INK,
    )
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.5, 0.5)
    ax.set_yticks([])
    ax.set_xticks([float(lo) for lo, _, _ in bands] + [100])
    _ticks(ax, style)
    ax.tick_params(axis="x", labelsize=8, pad=1)
    ax.xaxis.set_ticks_position("top")
    for side in ("left", "right", "bottom"):
        ax.spines[side].set_visible(False)
    # Highest level first in the legend, read left to right and down.
    fig.legend(
        handles=handles[::-1],
        loc="lower center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=2,
        frameon=False,
        fontsize=8.5,
        handlelength=2.2,
        columnspacing=1.5,
    )
    band_text = "; ".join(
        _level_text(rule, lo, hi, style, texts) for lo, hi, rules in bands for rule in reversed(rules)
    )
    alt = texts["overall_alt"].format(total=_fmt(r.total, style), level=r.level.label, bands=band_text)
    return Chart("overall", _png(fig), alt, texts["overall"])


def history_chart(a: Analysis, style: str, texts: dict) -> Chart:
    r = a.result
    points = [(h.fiscal_year, h.total, h.level) for h in a.history] + [
        (r.fiscal_year, r.total, r.level.label)
    ]
    fig = _figure(6.4, 2.4)
    ax = fig.add_axes((0.08, 0.14, 0.9, 0.78))
    xs = [p[0] for p in points]
    ys = [float(p[1]) for p in points]
    fw = r.framework
    ax.axhline(float(fw.pass_mark), color=MID, lw=0.8, ls="-")
    ax.axhline(float(fw.excellent), color=MID, lw=0.8, ls="--")
    ax.plot(xs, ys, color=INK, marker="o", lw=1.6, ms=5)
    for x, y in zip(xs, ys, strict=True):
        ax.annotate(
            _fmt(y, style), (x, y), xytext=(0, 6), textcoords="offset points", ha="center", fontsize=8
        )
    low = min(min(ys), float(fw.pass_mark)) - 10
    ax.set_ylim(max(0, low), 104)
    ax.set_xticks(xs)
    ax.set_xlim(min(xs) - 0.6, max(xs) + 0.6)
    ax.set_xticklabels([digits(x, style) for x in xs])
    _ticks(ax, style, "y")
    ax.text(
        max(xs) + 0.55,
        float(fw.pass_mark),
        digits(f" {fw.pass_mark:g}", style),
        va="bottom",
        ha="right",
        fontsize=7,
        color=MID,
    )
    if not a.history:
        ax.text(
            0.5,
            0.35,
            texts["no_history_chart"],
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=9,
            color=INK,
            bbox={"boxstyle": "round", "fc": "white", "ec": MID},
        )
    for s in ("top", "right"):
        ax.spines[s].set_visible(False)
    listed = "; ".join(f"{digits(x, style)}: {_fmt(y, style)}" for x, y in zip(xs, ys, strict=True))
    alt = texts["history_alt"].format(points=listed)
    if not a.history:
        alt += " " + texts["no_history_chart"]
    return Chart("history", _png(fig), alt, texts["history"])


def tools_chart(a: Analysis, style: str, texts: dict) -> Chart:
    r = a.result
    fig = _figure(6.4, 2.6)
    ax = fig.add_axes((0.08, 0.12, 0.9, 0.72))
    codes = [t.code for t in a.tools]
    xs = range(len(codes))
    raw = [float(t.shown) for t in a.tools]
    weighted = [float(r.rounded(t.weighted)) for t in a.tools]
    b1 = ax.bar([x - 0.2 for x in xs], raw, 0.38, color=MID, edgecolor=INK, lw=0.5, label=texts["raw"])
    b2 = ax.bar(
        [x + 0.2 for x in xs],
        weighted,
        0.38,
        color="white",
        edgecolor=INK,
        hatch="///",
        lw=0.5,
        label=texts["weighted"],
    )
    for bars in (b1, b2):
        for bar in bars:
            ax.annotate(
                _fmt(bar.get_height(), style),
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                fontsize=8,
            )
    ax.set_xticks(list(xs))
    ax.set_xticklabels([f"{t.code} ({digits(f'{t.weight * 100:.0f}', style)}%)" for t in a.tools])
    ax.set_ylim(0, 112)
    _ticks(ax, style, "y")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 1.2), ncol=2, frameon=False, fontsize=8)
    for s in ("top", "right"):
        ax.spines[s].set_visible(False)
    listed = "; ".join(
        f"{t.code} {_fmt(t.shown, style)} ({_fmt(r.rounded(t.weighted), style)})" for t in a.tools
    )
    return Chart("tools", _png(fig), texts["tools_alt"].format(tools=listed), texts["tools"])


def indicators_chart(a: Analysis, style: str, texts: dict) -> Chart:
    fw = a.result.framework
    rows = list(a.indicators)
    fig = _figure(6.4, 0.32 * max(len(rows), 1) + 0.9)
    ax = fig.add_axes((0.34, 0.1, 0.6, 0.84))
    if not rows:
        ax.axis("off")
        ax.text(0.5, 0.5, texts["no_indicators"], ha="center", va="center", transform=ax.transAxes)
        return Chart("indicators", _png(fig), texts["no_indicators"], texts["indicators"])
    ys = list(range(len(rows)))[::-1]
    for y, row in zip(ys, rows, strict=True):
        ax.barh(
            y,
            float(row.shown),
            0.62,
            color=MID if row.passed else "white",
            edgecolor=INK,
            hatch="" if row.passed else "xxx",
            lw=0.5,
        )
        # A white box under each value: the 85 and 95 lines cross labels of scores just below them.
        ax.text(
            float(row.shown) + 0.8,
            y,
            _fmt(row.shown, style),
            va="center",
            fontsize=7.5,
            zorder=4,
            bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none"},
        )
    ax.axvline(float(fw.pass_mark), color=INK, lw=1.2, zorder=3)
    ax.axvline(float(fw.excellent), color=INK, lw=0.8, ls="--", zorder=3)
    # The lines' own labels sit above the plot, where no line runs through them.
    for mark in (fw.pass_mark, fw.excellent):
        ax.text(
            float(mark),
            1.01,
            digits(f"{mark:g}", style),
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="bottom",
            fontsize=7,
        )
    ax.set_yticks(ys)
    ax.set_yticklabels([f"{digits(r.number, style)}. {r.name_th} ({r.tool})" for r in rows], fontsize=8)
    ax.set_xlim(0, 108)
    ax.set_ylim(-0.6, len(rows) - 0.1)
    _ticks(ax, style)
    for s in ("top", "right"):
        ax.spines[s].set_visible(False)
    listed = "; ".join(
        f"{digits(r.number, style)} {r.name_th} {_fmt(r.shown, style)}"
        + ("" if r.passed else f" ({texts['failed']})")
        for r in rows
    )
    alt = texts["indicators_alt"].format(pass_mark=digits(f"{fw.pass_mark:g}", style), indicators=listed)
    return Chart("indicators", _png(fig), alt, texts["indicators"])


def all_charts(a: Analysis, style: str, texts: dict) -> list[Chart]:
    return [
        overall_chart(a, style, texts),
        history_chart(a, style, texts),
        tools_chart(a, style, texts),
        indicators_chart(a, style, texts),
    ]
