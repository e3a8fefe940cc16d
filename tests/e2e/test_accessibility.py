"""axe-core finds no violation on the public pages and the main staff pages, on a phone (390×844) and on
a desktop (1366×768). The site holds a result, the service catalogue, a case, a project and an open
survey, so the pages show their tables and forms rather than empty states."""

from __future__ import annotations

import json

import pytest

from .axe_check import axe_violations, describe
from .conftest import CHROMIUM_ARGS, sign_in

SETUP = """
import datetime as dt, json
from django.utils import timezone
from prongsai.web.agencies.models import Agency
from prongsai.web.agencies.services import staff_add, supervision_set
from django.contrib.auth import get_user_model
from prongsai.web.assessments.services import result_save
from prongsai.web.cases.services import case_submit, track_path
from prongsai.web.participation.services import project_create, project_set_status
from prongsai.web.plans.services import measure_create
from prongsai.web.services.services import catalogue_load
from prongsai.web.surveys.services import survey_create
a = Agency.objects.get(dla_code="09999999")
staff_add(agency=a, username="administrator", role="administrator", password="{password}")
supervision_set(user=get_user_model().objects.create_user("supervisor", password="{password}"), agencies=[a])
scores = {1: "95", 2: "96", 3: "94", 4: "97", 5: "95", 6: "80", 7: "82", 8: "78", 9: "100", 10: "98"}
result_save(agency=a, fiscal_year=2568, indicators=scores, actor=None)
services = catalogue_load(agency=a)
case, _ = case_submit(agency=a, kind="complaint", description="ไฟทางดับหน้าโรงเรียน", name="สมศรี", phone="0812345678")
m = measure_create(agency=a, fiscal_year=2569, title="มาตรการทดสอบ", indicators=[8], actor=None)
project = project_create(agency=a, actor=None, title="เวทีประชาคม", description="รับฟังความคิดเห็น",
    starts_on=dt.date.today() + dt.timedelta(days=30), place="ห้องประชุม", audience="ประชาชนทั่วไป", measure=m)
project_set_status(project=project, status="open", actor=None)
today = timezone.localdate()
survey = survey_create(agency=a, actor=None, fiscal_year=2569, kind="external", title="แบบสำรวจผู้รับบริการ",
    opens_on=today - dt.timedelta(days=1), closes_on=today + dt.timedelta(days=30))
print(json.dumps({"service": services[0].code, "case": case.pk, "track": track_path(case), "project": project.pk,
    "survey": survey.pk, "token": survey.token}))
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
        f"/p/{a}/",
        f"/p/{a}/services/",
        f"/p/{a}/services/{d['service']}/",
        f"/p/{a}/send/complaint/",
        f"/p/{a}/contact/",
        f"/p/{a}/qa/",
        f"/p/{a}/service-stats/",
        "/track/",
        d["track"],
        f"/p/{a}/projects/",
        f"/p/{a}/projects/{d['project']}/",
        f"/p/{a}/plans/",
        f"/p/{a}/ita/",
        f"/s/{d['token']}/",
        "/api/docs",
    ]


def staff_pages(a: int, d: dict) -> list[str]:
    return [
        f"/a/{a}/",
        f"/a/{a}/results/",
        f"/a/{a}/results/2568/whatif/?t8=90",
        f"/a/{a}/results/2568/edit/",
        f"/a/{a}/results/2568/analysis/",
        f"/a/{a}/plans/",
        f"/a/{a}/cases/",
        f"/a/{a}/cases/{d['case']}/",
        f"/a/{a}/audit/",
        f"/a/{a}/oit/",
        f"/a/{a}/surveys/",
        f"/a/{a}/surveys/{d['survey']}/",
        f"/a/{a}/projects/",
    ]


def admin_pages(a: int) -> list[str]:
    return [f"/a/{a}/staff/", f"/a/{a}/settings/", f"/a/{a}/services/"]


SUPERVISOR_PAGES = ["/compare/", "/national/", "/national/?year=2568&province=จังหวัดทดลอง"]


@pytest.fixture
def axe_page():
    """A page whose context lets the test inject axe-core past the site's Content-Security-Policy (the
    site itself never allows inline scripts)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(bypass_csp=True)
        yield context.new_page()
        context.close()
        browser.close()


@pytest.mark.e2e
def test_no_axe_violations_on_phone_and_desktop(live_site, axe_page):
    page, url, a = axe_page, live_site["url"], live_site["agency_id"]
    data = _setup(live_site)
    found: list[str] = []
    for width, height in ((390, 844), (1366, 768)):
        page.set_viewport_size({"width": width, "height": height})
        page.context.clear_cookies()
        for path in public_pages(a, data):
            response = page.goto(url + path)
            assert response.status == 200, (path, response.status)
            if path == "/api/docs":  # Swagger UI draws the page after it has read the schema
                page.wait_for_selector(".swagger-ui .info .title")
                page.wait_for_selector(".opblock-tag")
            violations = axe_violations(page)
            if violations:
                found.append(describe(f"{width}px {path}", violations))
        accounts = (
            (None, staff_pages(a, data)),
            ("administrator", admin_pages(a)),
            ("supervisor", SUPERVISOR_PAGES),
        )
        for username, paths in accounts:
            page.context.clear_cookies()
            sign_in(page, live_site, username=username)
            for path in paths:
                response = page.goto(url + path)
                assert response.status == 200, (path, response.status)
                violations = axe_violations(page)
                if violations:
                    found.append(describe(f"{width}px {path}", violations))
    assert found == [], "\n".join(found)
