"""HTML for the comparison table's body, built in Python: a province is 150+ rows, and per cell the
template engine (and even `format_html`) cost more than the rest of the page (benchmarks/web_load.py)."""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe

_ROW = (
    '<tr><th scope="row"><a href="{href}">{name}</a></th><td>{type}</td><td>{province}</td>'
    '<td class="num{total_below}">{total}</td><td>{level}</td><td class="num{iit_below}">{iit}</td>'
    '<td class="num{eit_below}">{eit}</td><td class="num{oit_below}">{oit}</td><td>{tools_below}</td>'
    "{readiness}</tr>"
)
# With the OIT readiness shown: the share ready, and the items missing linked to the agency's OIT page.
_OIT = '<td class="num">{share}</td><td class="num"><a href="{href}">{missing}</a> / {items}</td>'


def comparison_rows_html(rows: list[dict], href: str, oit_href: str = "") -> SafeString:
    """One <tr> per row; `href` has a `{}` where the agency id goes, `oit_href` (given when the rows carry
    the OIT readiness) too. Every text is escaped here."""
    out = []
    for r in rows:
        below = r["tools_below"]
        oit = (
            _OIT.format(
                share=escape(str(r["oit_share"])),
                href=escape(oit_href.format(r["agency_id"])),
                missing=escape(str(r["oit_missing"])),
                items=escape(str(r["oit_items"])),
            )
            if oit_href
            else ""
        )
        out.append(
            _ROW.format(
                href=escape(href.format(r["agency_id"])),
                name=escape(r["agency__name"]),
                type=escape(r["agency__type"]),
                province=escape(r["agency__province"]),
                total_below=" below" if r["total_below"] else "",
                total=escape(str(r["total"])),
                level=escape(r["level"]),
                iit_below=" below" if "IIT" in below else "",
                iit=escape(str(r["iit"])),
                eit_below=" below" if "EIT" in below else "",
                eit=escape(str(r["eit"])),
                oit_below=" below" if "OIT" in below else "",
                oit=escape(str(r["oit"])),
                tools_below=escape(", ".join(below)),
                readiness=oit,
            )
        )
    return mark_safe("\n".join(out))  # noqa: S308 - every value above is escaped
