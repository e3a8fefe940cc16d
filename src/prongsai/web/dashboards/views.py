"""Pages: the public front page, the user's agencies, the agency dashboard, the supervisor comparison."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template import engines
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from markupsafe import Markup

from ...thai import fiscal_year_of
from .. import hotpath
from ..agencies.models import Agency
from ..agencies.selectors import agency_check_visible, agency_get_visible, agency_statement, user_actions
from ..csrf import page_token
from ..documents.selectors import document_list_for_shown_result, document_list_shown_statement
from ..files.serve import attach
from ..oit.selectors import due_list, due_list_statements
from ..pagecache import cached_page, keep_page, page_key
from ..spreadsheets import CONTENT_TYPES, table_file
from .national import national_allowed
from .selectors import (
    SORTS,
    agency_dashboard,
    agency_dashboard_key,
    agency_dashboard_reads,
    agency_dashboard_rows,
    agency_dashboard_statements,
    agency_list_mine_with_latest,
    agency_list_public_with_latest,
    agency_provinces_public,
    comparison,
    comparison_figures,
)
from .tables import comparison_rows_html


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


FRONT_PAGE_SIZE = 50


def _page(request, title: str, body: str, context: dict, key: str | None = None, agency=None) -> HttpResponse:
    """A page whose body is a Jinja2 template (prongsai/web/jinja.py), drawn inside the Jinja2 page shell
    (web/jinja2/page.html: base.html's document, with the same header and footer), both with the same
    CSRF token. With a `key` (pagecache.page_key) the drawn page is kept for the next request that
    shows the same."""
    token = page_token(request)
    jinja = engines["jinja2"]
    html = jinja.get_template(body).render({**context, "request": request, "csrf_token": token})
    page = jinja.get_template("page.html").render(
        {
            "title": title,
            "body": Markup(html),  # noqa: S704 - our own template's output, escaped there
            "csrf_token": token,
            "lang": get_language(),
            "user": request.user,
            "agency": agency,
            "path": request.get_full_path(),
            "messages": get_messages(request),
        }
    )
    return keep_page(key, HttpResponse(page), token)


def home(request):
    """The public list of agencies: searchable by name or code and by province, a page at a time (a
    province has ~150 agencies, the country ~7,800)."""
    query, province = request.GET.get("q", "")[:100], request.GET.get("province", "")[:100]
    agencies = agency_list_public_with_latest(query=query, province=province)
    page = Paginator(agencies, FRONT_PAGE_SIZE).get_page(request.GET.get("page"))
    keep = request.GET.copy()
    keep.pop("page", None)
    return render(
        request,
        "dashboards/home.html",
        {
            "page": page,
            "agencies": page.object_list,
            "provinces": agency_provinces_public(),
            "query": query,
            "province": province,
            "keep": keep.urlencode(),
        },
    )


@login_required
def mine(request):
    return render(
        request, "dashboards/mine.html", {"agencies": agency_list_mine_with_latest(user=request.user)}
    )


# (agency id, ?year=) of the agency pages whose analysis this process has drawn; past the bound it starts
# again. It only decides whether a view sends the analysis read with its first reads: a wrong guess
# costs an unused read or one more round trip, never a wrong page.
_DRAWN: set[tuple[int, int | None]] = set()
_DRAWN_KEEP = 50_000


def _agency_reads(request, agency_id: int) -> list:
    """The agency page's independent reads, known from the address alone; on what is likely a first view,
    the analysis read too (it needs only the agency)."""
    year = _int(request.GET.get("year"))
    reads = [
        agency_statement(agency_id),
        *agency_dashboard_statements(agency_id),
        *due_list_statements(agency_id=agency_id, fiscal_year=fiscal_year_of(timezone.localdate())),
        document_list_shown_statement(agency_id=agency_id, year=year),
    ]
    if (agency_id, year) not in _DRAWN:
        reads += agency_dashboard_reads(agency_id=agency_id)
    return reads


def _with_reads(reads):
    """Queue the page's reads (hotpath.queue) before the sign-in check reads the session, so they go in
    the session's round trip; nothing is shown unless the view, after its checks, takes them."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            hotpath.queue(*reads(request, *args, **kwargs))
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


@_with_reads(_agency_reads)
@login_required
def agency(request, agency_id: int):
    agency_check_visible(user=request.user, agency_id=agency_id)
    oit_year = fiscal_year_of(timezone.localdate())
    year = _int(request.GET.get("year"))
    # The page's independent reads: in the session's round trip, or now in one (hotpath.queue).
    hotpath.prefetch_queued()
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    row, rows = agency_dashboard_rows(agency=agency, year=year)
    context = {
        "agency": agency,
        "row": row,
        "years": [r.fiscal_year for r in rows],
        "actions": user_actions(user=request.user, agency=agency),
        "oit_year": oit_year,
        "oit_due": due_list(agency=agency, fiscal_year=oit_year),
    }
    analysis_key = documents = None
    if row is not None:
        # The analysis part depends only on immutable result versions: render it once per process.
        analysis_key = agency_dashboard_key(row=row, rows=rows, language=get_language())
        documents = document_list_for_shown_result(user=request.user, agency_id=agency.pk, year=year)
    # Everything the page shows, read in this request (the analysis by its versions' key).
    shows = (
        [getattr(agency, name) for name in hotpath.field_names(Agency)],
        row.pk if row is not None else None,
        context["years"],
        sorted(context["actions"]),
        oit_year,
        context["oit_due"],
        analysis_key,
        [(d.pk, d.status, d.formats, d.created_at) for d in documents or ()],
    )
    key = page_key(request, "agency", shows)
    if (response := cached_page(request, key)) is not None:
        return response
    if row is not None:
        html = cache.get(analysis_key)
        if html is None:  # its read came with the page's first reads on a likely first view
            html = render_to_string(
                "dashboards/_analysis.html", agency_dashboard(agency=agency, row=row), request
            )
            cache.set(analysis_key, html, timeout=None)
            if len(_DRAWN) >= _DRAWN_KEEP:
                _DRAWN.clear()
            _DRAWN.add((agency.pk, year))
        context["analysis_html"] = mark_safe(html)  # noqa: S308 - our own rendered template
        context["documents"] = documents
    return _page(request, agency.name, "dashboards/_agency_body.html", context, key=key, agency=agency)


def _compare_args(request) -> dict:
    sort = request.GET.get("sort", "total")
    return {
        "fiscal_year": _int(request.GET.get("year")),
        "below": bool(request.GET.get("below")),
        "sort": sort if sort in SORTS else "total",
        "descending": request.GET.get("dir", "asc") == "desc",
        **{k: request.GET.get(k, "")[:200] for k in ("type", "province", "level")},
    }


def _compare_oit(request) -> tuple[int | None, bool]:
    """OIT readiness of the current fiscal year per agency, on request (the oit app's statuses are costly):
    (the year, or None when not asked; only agencies with items missing)."""
    missing_only = bool(request.GET.get("oit_missing"))
    show = missing_only or bool(request.GET.get("oit"))
    return (fiscal_year_of(timezone.localdate()) if show else None), missing_only


@login_required
def compare_export(request, fmt: str):
    """The comparison table as shown (same filters and order) as CSV or XLSX."""
    if fmt not in CONTENT_TYPES:
        raise Http404("ไม่มีไฟล์ชนิดนี้")
    oit_year, oit_missing_only = _compare_oit(request)
    data = comparison(
        user=request.user, oit_year=oit_year, oit_missing_only=oit_missing_only, **_compare_args(request)
    )
    head = ["หน่วยงาน", "ประเภท", "จังหวัด", "ปีงบประมาณ", "คะแนนรวม", "ระดับ", "IIT", "EIT", "OIT", "ต่ำกว่าเกณฑ์"]
    if oit_year:
        head += [f"ความพร้อม OIT {oit_year} (ร้อยละของข้อที่เผยแพร่)", f"ข้อ OIT ที่ยังไม่มี ({oit_year})"]
    rows = [head] + [
        [
            r["agency__name"],
            r["agency__type"],
            r["agency__province"],
            data["fiscal_year"],
            float(r["total"]),
            r["level"],
            float(r["iit"]),
            float(r["eit"]),
            float(r["oit"]),
            ", ".join((["คะแนนรวม"] if r["total_below"] else []) + r["tools_below"]),
            *([float(r["oit_share"]), r["oit_missing"]] if oit_year else []),
        ]
        for r in data["rows"]
    ]
    response = HttpResponse(
        table_file(rows, fmt=fmt, title="เปรียบเทียบหน่วยงาน"), content_type=CONTENT_TYPES[fmt]
    )
    return attach(response, f"comparison-{data['fiscal_year'] or ''}.{fmt}")


@login_required
def compare(request):
    args = _compare_args(request)
    sort, descending = args["sort"], args["descending"]
    oit_year, oit_missing_only = _compare_oit(request)
    show_oit = oit_year is not None
    context = comparison(
        user=request.user, oit_year=oit_year, oit_missing_only=oit_missing_only, figures=False, **args
    )
    national_link = national_allowed(request.user)
    # Everything the page shows, read in this request (the query string is in the key).
    shows = (
        [tuple(r.values()) for r in context["rows"]],
        *(context.get(k) for k in ("years", "fiscal_year", "choices", "levels")),
        oit_year,
        national_link,
    )
    kept = page_key(request, "compare", shows)
    if (response := cached_page(request, kept)) is not None:
        return response
    if context["years"]:
        context.update(comparison_figures(context))
    query = request.GET.copy()
    query.pop("sort", None)
    query.pop("dir", None)
    headers, oit_headers = [], []
    columns = [
        ("name", "หน่วยงาน"),
        ("type", "ประเภท"),
        ("province", "จังหวัด"),
        ("total", "คะแนนรวม"),
        ("level", "ระดับ"),
        ("iit", "IIT"),
        ("eit", "EIT"),
        ("oit", "OIT"),
    ]
    if show_oit:
        columns += [("oit_share", "ร้อยละข้อ OIT ที่พร้อม"), ("oit_missing", "ข้อ OIT ที่ยังขาด")]
    for key, label in columns:
        active = key == sort
        next_dir = "asc" if active and descending else "desc" if active else "asc"
        (oit_headers if key in ("oit_share", "oit_missing") else headers).append(
            {
                "key": key,
                "label": label,
                "query": f"{query.urlencode()}&sort={key}&dir={next_dir}".lstrip("&"),
                "aria": ("descending" if descending else "ascending") if active else None,
                "num": key in ("total", "iit", "eit", "oit", "oit_share", "oit_missing"),
            }
        )
    href = reverse("dashboards:agency", args=[0]).replace("/0/", "/{}/") + f"?year={context['fiscal_year']}"
    oit_href = reverse("oit:staff", args=[0, oit_year]).replace("/0/", "/{}/", 1) if show_oit else ""
    context["rows_html"] = comparison_rows_html(context.get("rows", []), href, oit_href)
    filters = {k: args[k] for k in ("type", "province", "level")}
    query_all = request.GET.urlencode()
    context.update(export_query=query_all, national_link=national_link)
    context.update(filters=filters, sort=sort, headers=headers, below=bool(request.GET.get("below")))
    context.update(
        oit_headers=oit_headers, show_oit=show_oit, oit_missing_only=oit_missing_only, oit_year=oit_year
    )
    return _page(request, gettext("เปรียบเทียบหน่วยงาน"), "dashboards/_compare_body.html", context, key=kept)
