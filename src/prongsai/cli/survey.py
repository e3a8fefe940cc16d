"""`prongsai survey open`: open an agency's own survey from the command line (and write its codes)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from .web import _django


@click.group()
def survey() -> None:
    """The agency's own surveys (IIT- and EIT-style self-assessment)."""


@survey.command("open")
@click.option("--agency", "code", required=True, help="The agency's code (DLA code).")
@click.option("--year", type=int, required=True, help="Fiscal year (B.E.), e.g. 2569.")
@click.option("--tool", type=click.Choice(["IIT", "EIT"], case_sensitive=False), required=True)
@click.option("--codes", type=click.IntRange(0), default=0, help="One-time codes to write (IIT only).")
@click.option("--opens", type=click.DateTime(["%Y-%m-%d"]), help="First day (ISO, C.E.); default today.")
@click.option("--days", type=click.IntRange(1), default=30, show_default=True, help="Days open.")
@click.option("--title", default="", help="Title; default names the tool and year.")
@click.option(
    "--codes-file", type=click.Path(dir_okay=False, path_type=Path), help="Where to write the codes."
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def survey_open(code, year, tool, codes, opens, days, title, codes_file, fmt) -> None:
    """Open a survey; print its id, its public URL and, for internal surveys, the codes file."""
    _django()
    from django.conf import settings
    from django.urls import reverse
    from django.utils import timezone

    from prongsai.web.agencies.models import Agency
    from prongsai.web.surveys.models import Kind
    from prongsai.web.surveys.services import codes_issue, survey_create

    agency = Agency.objects.filter(dla_code=code).first()
    if agency is None:
        raise click.ClickException(f"ไม่พบหน่วยงานรหัส {code} (no agency with this code)")
    tool = tool.upper()
    if codes and tool != "IIT":
        raise click.ClickException("--codes ใช้ได้กับแบบสำรวจภายใน (IIT) เท่านั้น (codes are for IIT surveys)")
    first = opens.date() if opens else timezone.localdate()
    created = survey_create(
        agency=agency,
        actor=None,  # the site operator on the command line
        fiscal_year=year,
        kind=Kind.INTERNAL if tool == "IIT" else Kind.EXTERNAL,
        title=title or f"แบบสำรวจ {tool} ของหน่วยงาน ปีงบประมาณ {year}",
        opens_on=first,
        closes_on=first + dt.timedelta(days=days - 1),
    )
    base = getattr(settings, "PRONGSAI_PUBLIC_URL", "") or "http://127.0.0.1:8000"
    url = base + reverse("surveys:answer", args=[created.token])
    written = None
    if codes:
        written = codes_file or Path(f"survey-{created.pk}-codes.txt")
        written.write_text(
            "\n".join(codes_issue(survey=created, actor=None, count=codes)) + "\n", encoding="utf-8"
        )
    if fmt == "json":
        click.echo(
            json.dumps({"id": created.pk, "url": url, "codes_file": str(written) if written else None})
        )
        return
    click.echo(f"id: {created.pk}")
    click.echo(f"url: {url}")
    if written:
        click.echo(f"codes_file: {written}")
    if not created.verified:
        click.echo(
            f"ชุดคำถามยังไม่ยืนยัน (unverified question set, from {created.question_set_year or 'starter'})"
        )
