"""axe-core finds no violation on the public pages and the main staff pages, on a phone (390×844) and on
a desktop (1366×768), and on the main forms as they come back refused (error summary, marked fields). The
site holds a result, the service catalogue, a case, a measure with its progress, a project, an open survey
and an audit trail with a named officer, so the pages show their tables and forms rather than empty
states. One site for the module; nothing is fetched from outside it."""

from __future__ import annotations

import json

import pytest

from .axe_check import axe_violations, describe
from .conftest import CHROMIUM_ARGS, sign_in

SETUP = """
import datetime as dt, json
from django.utils import timezone
from prongsai.web.agencies.models import Agency, Membership
from prongsai.web.agencies.services import staff_add, supervision_set
from django.contrib.auth import get_user_model
from prongsai.web.assessments.services import result_save
from prongsai.web.audit.services import audit_record
from prongsai.web.cases.services import case_submit, track_path
from prongsai.web.participation.services import project_create, project_set_status
from prongsai.web.plans.services import ActivityInput, activity_create, measure_create, measure_publish, progress_add
from prongsai.web.services.services import catalogue_load
from prongsai.web.surveys.services import survey_create
a = Agency.objects.get(dla_code="09999999")
admin = staff_add(agency=a, username="administrator", role="administrator", password="{password}",
    full_name="นางสาวประภาพรรณ วงศ์สวัสดิ์")
supervision_set(user=get_user_model().objects.create_user("supervisor", password="{password}"), agencies=[a])
audit_record(actor=admin, agency=a, action="agency.register_import",
    summary="นำเข้าไฟล์ agency_register_2569_revised_final.xlsx: 7,850 หน่วยงาน")
scores = {1: "95", 2: "96", 3: "94", 4: "97", 5: "95", 6: "80", 7: "82", 8: "78", 9: "100", 10: "98"}
result_save(agency=a, fiscal_year=2568, indicators=scores, actor=None)
services = catalogue_load(agency=a)
case, _ = case_submit(agency=a, kind="complaint", description="ไฟทางดับหน้าโรงเรียน", name="สมศรี", phone="0812345678")
m = measure_create(agency=a, fiscal_year=2569, title="มาตรการทดสอบ", indicators=[8], actor=None)
activity = activity_create(measure=m, data=ActivityInput(name="อบรมเจ้าหน้าที่", responsible_person="สมชาย",
    start=dt.date.today(), end=dt.date.today() + dt.timedelta(days=60), kpi="ผู้เข้าอบรม", target="30", unit="คน"),
    actor=None)
progress_add(activity=activity, actor=None, date=dt.date.today(), status="in_progress", percent="40", narrative="อบรมแล้วหนึ่งรุ่น")
measure_publish(measure=m, published=True, actor=None)
project = project_create(agency=a, actor=None, title="เวทีประชาคม", description="รับฟังความคิดเห็น",
    starts_on=dt.date.today() + dt.timedelta(days=30), place="ห้องประชุม", audience="ประชาชนทั่วไป", measure=m)
project_set_status(project=project, status="open", actor=None)
today = timezone.localdate()
survey = survey_create(agency=a, actor=None, fiscal_year=2569, kind="external", title="แบบสำรวจผู้รับบริการ",
    opens_on=today - dt.timedelta(days=1), closes_on=today + dt.timedelta(days=30))
member = Membership.objects.get(agency=a, user__username="coordinator")
print(json.dumps({"service": services[0].code, "case": case.pk, "track": track_path(case), "project": project.pk,
    "survey": survey.pk, "token": survey.token, "measure": m.pk, "member": member.pk}))
"""


def _setup(site) -> dict:
    import subprocess

    out = subprocess.run(
        [*site["cli"], "manage", "shell", "-v", "0", "-c", SETUP.replace("{password}", site["password"])],
        env=site["env"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def public_pages(a: int, d: dict) -> list[str]:
    return [
        "/",
        "/accounts/login/",
        f"/p/{a}/",
        f"/p/{a}/services/",
        f"/p/{a}/services/{d['service']}/",
        f"/p/{a}/services/{d['service']}/request/",
        f"/p/{a}/send/complaint/",
        f"/p/{a}/contact/",
        f"/p/{a}/qa/",
        f"/p/{a}/service-stats/",
        "/track/",
        d["track"],
        f"/p/{a}/projects/",
        f"/p/{a}/projects/{d['project']}/",
        f"/p/{a}/plans/",
        f"/p/{a}/plans/{d['measure']}/",
        f"/p/{a}/ita/",
        f"/p/{a}/ita/complaint-rules/",
        f"/s/{d['token']}/",
        "/api/docs",
    ]


def staff_pages(a: int, d: dict) -> list[str]:
    return [
        f"/a/{a}/",
        f"/a/{a}/results/",
        f"/a/{a}/results/new/",
        f"/a/{a}/results/import/",
        f"/a/{a}/results/2568/whatif/?t8=90",
        f"/a/{a}/results/2568/edit/",
        f"/a/{a}/results/2568/versions/",
        f"/a/{a}/results/2568/analysis/",
        f"/a/{a}/documents/",
        f"/a/{a}/plans/",
        f"/plans/measure/{d['measure']}/",
        f"/plans/measure/{d['measure']}/activities/new/",
        f"/a/{a}/cases/",
        f"/a/{a}/cases/{d['case']}/",
        f"/a/{a}/cases/templates/",
        f"/a/{a}/audit/",
        f"/a/{a}/oit/",
        f"/a/{a}/surveys/",
        f"/a/{a}/surveys/{d['survey']}/",
        f"/a/{a}/surveys/{d['survey']}/questions/",
        f"/a/{a}/surveys/{d['survey']}/results/",
        f"/a/{a}/projects/",
        f"/projects/{d['project']}/",
    ]


def admin_pages(a: int, d: dict) -> list[str]:
    return [
        f"/a/{a}/staff/",
        f"/a/{a}/staff/{d['member']}/",
        f"/a/{a}/settings/",
        f"/a/{a}/services/",
        f"/a/{a}/services/new/",
        f"/a/{a}/open311/keys/",
    ]


SUPERVISOR_PAGES = ["/compare/", "/national/", "/national/?year=2568&province=จังหวัดทดลอง"]


# Pages whose content a script draws after the load event: axe-core waits for it.
DRAWN = {"/api/docs": ".opblock"}

# The main forms sent back empty (the browser's own required-field checks turned off, as an old browser
# or a screen reader's form mode may send them): each must come back with its errors announced.
SUBMIT_EMPTY = """() => {
  const forms = [...document.querySelectorAll('main form[method=post]')];
  const form = forms.sort((x, y) => y.elements.length - x.elements.length)[0];
  form.noValidate = true;
  form.requestSubmit();
}"""


def refused_forms(a: int, d: dict) -> list[tuple[str | None | bool, str]]:
    """(who signs in: False for nobody, None for the coordinator, or a username; the form's page)."""
    return [
        (False, "/accounts/login/"),
        (False, f"/p/{a}/send/complaint/"),
        (False, f"/p/{a}/services/{d['service']}/request/"),
        (False, f"/s/{d['token']}/"),
        (None, f"/a/{a}/results/new/"),
        (None, f"/plans/measure/{d['measure']}/activities/new/"),
        ("administrator", f"/a/{a}/services/new/"),
    ]


@pytest.fixture
def axe_page(live_site):
    """A page whose context lets the test inject axe-core past the site's Content-Security-Policy (the
    site itself never allows inline scripts); every request it makes outside the site is recorded."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(bypass_csp=True)
        page = context.new_page()
        page.foreign = []
        page.on(
            "request", lambda r: None if r.url.startswith(live_site["url"]) else page.foreign.append(r.url)
        )
        yield page
        context.close()
        browser.close()


def _check(page, label: str, path: str, found: list[str]) -> None:
    if path in DRAWN:
        page.wait_for_selector(DRAWN[path], timeout=15000)
    violations = axe_violations(page)
    if violations:
        found.append(describe(f"{label} {path}", violations))


def _sign_in_as(page, site: dict, who) -> None:
    page.context.clear_cookies()
    if who is not False:
        sign_in(page, site, username=who)


@pytest.mark.e2e
def test_no_axe_violations_on_phone_and_desktop(live_site, axe_page):
    page, url, a = axe_page, live_site["url"], live_site["agency_id"]
    data = _setup(live_site)
    found: list[str] = []
    for width, height in ((390, 844), (1366, 768)):
        page.set_viewport_size({"width": width, "height": height})
        for who, paths in (
            (False, public_pages(a, data)),
            (None, staff_pages(a, data)),
            ("administrator", admin_pages(a, data)),
            ("supervisor", SUPERVISOR_PAGES),
        ):
            _sign_in_as(page, live_site, who)
            for path in paths:
                response = page.goto(url + path)
                assert response.status == 200, (path, response.status)
                _check(page, f"{width}px", path, found)
        signed_in_as = object()
        for who, path in refused_forms(a, data):
            if who != signed_in_as:
                _sign_in_as(page, live_site, who)
                signed_in_as = who
            page.goto(url + path)
            with page.expect_navigation() as sent:
                page.evaluate(SUBMIT_EMPTY)
            assert sent.value.status in (200, 400), (path, sent.value.status)
            assert page.locator("[role=alert]").count() >= 1, f"{path}: no error message"
            _check(page, f"{width}px refused", path, found)
    assert found == [], "\n".join(found)
    assert page.foreign == []  # axe-core and every page's files came from the site itself
