"""`prongsai score`, `score-survey` and `frameworks`: scoring from the command line."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..ita.errors import FrameworkError, InputError
from ..ita.export import CSV_COLUMNS, result_to_dict, result_to_row
from ..ita.framework import CONFIDENCE_TH, available_years, get_framework
from ..ita.inputs import read_records
from ..ita.records import score_history, score_record
from ..ita.scoring import Result, round_half_up
from ..thai import digits
from .output import fail_input

if TYPE_CHECKING:  # rich is imported where a table is drawn: ~0.1 s that `report` does not need
    from rich.table import Table


def _table(result: Result, digit_style: str) -> Table:
    from rich.markup import escape
    from rich.table import Table

    d = lambda v: digits(f"{v:.2f}", digit_style)  # noqa: E731
    fw = result.framework
    title = f"{escape(result.agency)} — ปีงบประมาณ {digits(result.fiscal_year, digit_style)}"
    caption = f"คะแนนรวม {d(result.total)} · ระดับ {result.level.label} · {result.level.reason_th}"
    if result.level.confidence != "checked":
        caption += f" (เกณฑ์ระดับ: {_confidence(result.level.confidence)})"
    table = Table(title=title, caption=digits(caption, digit_style), caption_justify="left")
    for col in ("ลำดับ", "เครื่องมือ", "ตัวชี้วัด", "คะแนน", "เกณฑ์ผ่าน", "ผลการประเมิน"):
        table.add_column(col, justify="right" if col in ("ลำดับ", "คะแนน", "เกณฑ์ผ่าน") else "left")
    for i in result.indicators:
        table.add_row(
            digits(i.number, digit_style),
            i.tool,
            i.name_th,
            d(result.rounded(i.score)),
            digits(fw.pass_mark, digit_style),
            "ผ่านเกณฑ์" if i.passed else "[red]ไม่ผ่านเกณฑ์[/]",
        )
    if result.indicators:
        table.add_section()
    for t in result.tools:
        weight = digits(f"{t.weight * 100:.0f}", digit_style)
        table.add_row(
            "",
            t.code,
            f"รวม {t.code} (น้ำหนัก {weight}%) · ถ่วงน้ำหนัก {d(result.rounded(t.weighted))}",
            d(result.rounded(t.score)),
            "",
            "",
        )
    table.add_section()
    table.add_row("", "ITA", "คะแนนรวม", d(result.total), "", result.level.label)
    return table


def _confidence(level: str) -> str:
    return f"{CONFIDENCE_TH[level]} ({level})"


def _agency_info(record) -> dict | None:
    info = {k: getattr(record.agency, k) for k in ("type", "province", "district", "code")}
    return {k: v for k, v in info.items() if v} or None


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)
@click.option(
    "--digits",
    "digit_style",
    type=click.Choice(["arabic", "thai"]),
    default="arabic",
    show_default=True,
    help="Digits in the table (JSON and CSV always use Arabic digits).",
)
def score(file: Path, fmt: str, digit_style: str) -> None:
    """Score FILE: a per-agency .toml, or a batch .csv/.xlsx (one row per agency-year)."""
    try:
        records = read_records(file)
        results = [score_record(r) for r in records]
        for r in records:
            score_history(r)  # earlier years are checked too, though the table shows only this year
    except (InputError, FrameworkError) as exc:
        fail_input(exc)
    if fmt == "json":
        items = [result_to_dict(r, _agency_info(rec)) for rec, r in zip(records, results, strict=True)]
        json.dump(items, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(result_to_row(r) for r in results)
    else:
        from rich.console import Console

        console = Console()
        for r in results:
            console.print(_table(r, digit_style))
            for note in r.notes:  # e.g. the EIT as the mean of its two parts, with the rule's confidence
                console.print(note, highlight=False)


@click.command("score-survey")
@click.argument("answers", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--year", type=int, required=True, help="Fiscal year (B.E.), e.g. 2564.")
@click.option("--tool", type=click.Choice(["IIT", "EIT", "OIT"], case_sensitive=False), required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def score_survey(answers: Path, year: int, tool: str, fmt: str) -> None:
    """Score raw survey ANSWERS (CSV, one row per respondent, one column per question)."""
    from ..ita.survey import score_answers_file

    try:
        fw = get_framework(year)
    except InputError as exc:
        fail_input(InputError(exc.message_th, exc.message_en, column="--year"))
    except FrameworkError as exc:
        fail_input(exc)
    try:
        scored = score_answers_file(answers, fw, tool.upper())
    except (InputError, FrameworkError) as exc:
        fail_input(exc)
    if fmt == "json":
        json.dump(scored.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{tool.upper()} ปีงบประมาณ {year}: {scored.respondents:,} ผู้ตอบ")
    table.add_column("ตัวชี้วัด / คำถาม")
    table.add_column("คะแนน", justify="right")
    table.add_column("ผู้ตอบ", justify="right")
    for number, value in scored.indicators.items():
        table.add_row(f"[bold]ตัวชี้วัดที่ {number}[/]", f"[bold]{round_half_up(value, 2)}[/]", "")
        for q in scored.questions:
            if q.indicator == number:
                table.add_row(f"  {q.id}", f"{round_half_up(q.score, 2)}", f"{q.answered:,}")
    console = Console()
    console.print(table)
    # Printed below the table, not as its caption: a caption wraps to the (narrow) table's width.
    console.print(f"ความเชื่อมั่นของกฎ: {_confidence(scored.confidence)}", highlight=False)
    if scored.aggregation_confidence != "checked":
        console.print(
            "การรวมส่วนย่อยเป็นคำถามและคำถามเป็นตัวชี้วัด (ค่าเฉลี่ย): "
            f"{_confidence(scored.aggregation_confidence)} — surveys.{scored.tool}.aggregation",
            highlight=False,
        )


@click.command()
def frameworks() -> None:
    """List the fiscal years with rules, their level era and the confidence of their rules."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title="กฎการประเมิน ITA ตามปีงบประมาณ")
    for col in ("ปี", "ยุคเกณฑ์ระดับ", "น้ำหนัก", "คำถาม IIT", "ข้อ OIT", "เกณฑ์ระดับ", "ต่ำสุด"):
        table.add_column(col)
    unverified = {}
    for year in available_years():
        try:
            fw = get_framework(year)
        except FrameworkError as exc:
            fail_input(exc)
        weights = "/".join(f"{t.weight * 100:.0f}" for t in fw.tools)
        iit = str(len(fw.surveys["IIT"].questions)) if "IIT" in fw.surveys else "—"
        oit = str(len(fw.oit.item_names)) if fw.oit else "—"
        unverified[year] = [k for k, rule in fw.rules().items() if rule.confidence == "unverified"]
        table.add_row(
            str(year), fw.levels.era, weights, iit, oit, fw.levels.rule.confidence, fw.weakest_confidence()
        )
    console = Console()
    console.print(table)
    # Named by their key in frameworks/<year>.toml, where each one's source note says what is not known.
    console.print("กฎที่ยังไม่ยืนยัน (unverified) ตามคีย์ในไฟล์ frameworks/<ปี>.toml:")
    for year, keys in unverified.items():
        console.print(f"  {year}: {', '.join(keys) or '—'}", highlight=False)
