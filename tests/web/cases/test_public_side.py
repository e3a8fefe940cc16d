"""The public Q&A board (consent, personal data removed) and monthly statistics per service."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from prongsai.web.cases.demo import demo_load
from prongsai.web.cases.handling import case_answer, case_rate, case_status_set
from prongsai.web.cases.models import Case
from prongsai.web.cases.redact import redact
from prongsai.web.cases.selectors import stats_monthly, stats_totals
from prongsai.web.cases.services import case_submit


def test_redaction():
    text = "ติดต่อ สมชาย ใจดี 081-234-5678 หรือ a.b@example.org เลข 1 2345 67890 12 3 line id: somchai99"
    out = redact(text, names=["สมชาย ใจดี"])
    for secret in ("สมชาย", "ใจดี", "081-234-5678", "a.b@example.org", "1 2345 67890 12 3", "somchai99"):
        assert secret not in out
    assert "[เบอร์โทร]" in out and "[อีเมล]" in out


def test_qa_board_needs_consent_and_an_answer(agency, division_officer):
    agreed, _ = case_submit(
        agency=agency,
        kind="question",
        description="ถามโดย สมชาย โทร 0812345678",
        name="สมชาย",
        publish_consent=True,
    )
    private, _ = case_submit(
        agency=agency, kind="question", description="ไม่ยินยอมเผยแพร่", publish_consent=False
    )
    unanswered, _ = case_submit(agency=agency, kind="question", description="ยังไม่ตอบ", publish_consent=True)
    for case in (agreed, private):
        case_answer(case=case, text="คำตอบของเทศบาล", actor=division_officer)
    html = Client().get(reverse("cases:qa", args=[agency.pk])).content.decode()
    assert "ถามโดย [ชื่อ] โทร [เบอร์โทร]" in html and "คำตอบของเทศบาล" in html
    assert "ไม่ยินยอมเผยแพร่" not in html and "ยังไม่ตอบ" not in html and "0812345678" not in html
    client = Client()
    client.force_login(division_officer)
    client.post(reverse("cases:detail", args=[agency.pk, agreed.pk]), {"action": "qa", "hidden": "1"})
    assert "ถามโดย" not in Client().get(reverse("cases:qa", args=[agency.pk])).content.decode()
    assert unanswered.pk


def test_monthly_statistics(agency, catalogue, division_officer):
    now = timezone.now()
    service = catalogue["waste-collection"]  # answer within 2 working days
    cases = [
        case_submit(
            agency=agency,
            kind="request",
            service=service,
            description=str(i),
            address="x",
            attributes={"waste_type": "bulky"},
        )[0]
        for i in range(3)
    ]
    case_answer(case=cases[0], text="ok", actor=division_officer)
    case_status_set(case=cases[0], status="closed", actor=division_officer)
    case_rate(case=cases[0], rating=4)
    case_answer(case=cases[1], text="late", actor=division_officer)
    # the second was answered late: move its creation back three weeks but keep it in this month's row
    Case.objects.filter(pk=cases[1].pk).update(due_date=timezone.localdate() - dt.timedelta(days=1))
    rows = [r for r in stats_monthly(agency=agency, today=timezone.localdate()) if r.label == service.name_th]
    [row] = rows
    assert row.month == timezone.localtime(now).strftime("%Y-%m")
    assert (row.count, row.answered, row.ratings, row.satisfaction) == (3, 2, 1, 4.0)
    assert row.median_days == 0  # answered the same day
    assert row.within_deadline == 0.5  # of the two judged (both answered), one on time
    html = Client().get(reverse("cases:stats", args=[agency.pk])).content.decode()
    assert service.name_th in html and "50%" in html


def test_demo_load_has_every_status_and_is_idempotent(agency):
    from prongsai.web.cases.rules import statuses

    created = demo_load(agency=agency)
    assert created > 0 and demo_load(agency=agency) == 0
    assert set(Case.objects.filter(agency=agency).values_list("status", flat=True)) == set(statuses())
    assert Case.objects.filter(agency=agency, confidential=True).count() == 1
    html = Client().get(reverse("cases:qa", args=[agency.pk])).content.decode()
    assert "ชำระภาษีป้าย" in html and "081-234-5678" not in html and "สมชาย" not in html
    stats = Client().get(reverse("cases:stats", args=[agency.pk])).content.decode()
    assert "แจ้งซ่อมถนน" in stats


def test_statistics_cover_exactly_twelve_months_with_thai_month_names(agency):
    today = dt.date(2026, 12, 2)
    inside, _ = case_submit(agency=agency, kind="question", description="เดือนแรกของ 12 เดือน")
    outside, _ = case_submit(agency=agency, kind="question", description="13 เดือนก่อน")
    aware = lambda *ymd: timezone.make_aware(dt.datetime(*ymd, 10, 0))  # noqa: E731
    Case.objects.filter(pk=inside.pk).update(created_at=aware(2026, 1, 1))
    Case.objects.filter(pk=outside.pk).update(created_at=aware(2025, 12, 31))
    rows = stats_monthly(agency=agency, today=today)
    assert [r.month for r in rows] == ["2026-01"] and rows[0].count == 1
    assert rows[0].month_label == "ม.ค. 2569"
    Case.objects.filter(pk=inside.pk).update(created_at=timezone.now())
    html = Client().get(reverse("cases:stats", args=[agency.pk])).content.decode()
    month = timezone.localdate()
    assert f"{month.year + 543}" in html and f"{month:%Y-%m}" not in html  # Buddhist-era months, Thai first


def test_statistics_have_the_years_totals_per_service_and_overall(agency, division_officer):
    made = [
        case_submit(agency=agency, kind=k, description=f"เรื่อง {n}")[0]
        for n, k in enumerate(["question"] * 3 + ["opinion"] * 2)
    ]
    case_answer(case=made[0], text="ตอบ", actor=division_officer)
    Case.objects.filter(pk=made[0].pk).update(rating=5)  # rated after closing
    totals = stats_totals(agency=agency)
    overall = totals[-1]
    monthly = stats_monthly(agency=agency)
    assert overall.label == "" and overall.count == sum(r.count for r in monthly) == 5
    assert overall.answered == 1 and overall.ratings == 1 and overall.satisfaction == 5.0
    assert [r.count for r in totals[:-1]] == [3, 2]  # per kind/service, most items first
    html = Client().get(reverse("cases:stats", args=[agency.pk])).content.decode()
    assert "สรุป 12 เดือนล่าสุด" in html and "รวมทุกบริการ" in html and 'class="total-row"' in html
    assert 'class="stack"' in html and 'data-label="จำนวนเรื่อง"' in html  # labelled cells for the phone layout
