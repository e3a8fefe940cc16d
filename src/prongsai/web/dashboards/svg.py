"""The horizontal bar chart (charts.hbar_chart's geometry) as SVG, written in Python.

It was a Jinja2 template (dashboards/_hbar.html, which now only calls this): five formatted numbers and
three escaped texts a bar cost more than the rest of the agency page's analysis part to draw
(benchmarks/web_profile.py, cold dashboard). Every text is escaped here; the numbers are formatted as
the template's `floatformat` did."""

from __future__ import annotations

from markupsafe import Markup, escape

from ..jinja import floatformat, truncate_chars


def hbar_svg(chart: dict, chart_id: str, chart_title: str) -> Markup:
    x0, bar_h, axis_y = chart["x0"], chart["bar_h"], chart["axis_y"]
    cid = escape(chart_id)
    out = [
        f'<svg class="chart" viewBox="0 0 {chart["width"]} {chart["height"]}" role="img" '
        f'aria-labelledby="{cid}-title">\n  <title id="{cid}-title">{escape(chart_title)}</title>\n'
    ]
    for b in chart["bars"]:
        y = floatformat(b.y, 1)
        out.append(
            f'    <text x="{x0 - 6}" y="{y}" dy="{bar_h}" text-anchor="end" dominant-baseline="auto">'
            f"{escape(truncate_chars(b.label, 34))}</text>\n"
            f'    <rect class="{escape(b.css)}" x="{x0}" y="{y}" width="{floatformat(b.width, 1)}" '
            f'height="{bar_h}"></rect>\n'
            f'    <text x="{floatformat(x0 + b.width, 1)}" dx="4" y="{y}" dy="{bar_h}">{escape(b.text)}</text>\n'
        )
    for line, css in chart["marks"]:
        x = floatformat(line.x, 1)
        out.append(
            f'    <line class="{escape(css)}" x1="{x}" x2="{x}" y1="4" y2="{axis_y}"></line>\n'
            f'    <text x="{x}" y="{axis_y + 16}" text-anchor="middle">{escape(line.label)}</text>\n'
        )
    out.append("</svg>")
    return Markup("".join(out))  # noqa: S704 - every text above is escaped
