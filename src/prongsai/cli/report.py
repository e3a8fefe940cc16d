"""`prongsai report`: the analysis-and-measures document set (DOCX, PDF, HTML) for one file or a batch."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..ita.errors import FrameworkError, InputError
from ..ita.inputs import read_records
from . import output
from .output import fail_input

FORMATS = ("docx", "pdf", "html")


def _formats(value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    bad = [f for f in chosen if f not in FORMATS]
    if bad or not chosen:
        raise click.BadParameter(f"ใช้ได้: {', '.join(FORMATS)} (พบ {value!r})", param_hint="--format")
    return chosen


def _one(record, formats, out_dir, digit_style, score_digits, docx_font, stem):
    """Build one agency-year's set; errors come back as text so one agency never stops the others."""
    from ..reports import build_documents

    try:
        paths = build_documents(
            record,
            formats=formats,
            out_dir=out_dir,
            digits=digit_style,
            score_digits=score_digits,
            docx_font=docx_font,
            stem=stem,
        )
        return {k: str(v) for k, v in paths.items()}, None
    except (InputError, FrameworkError) as exc:
        return None, str(exc)
    except Exception as exc:  # a bug in one agency's document must not lose the batch
        return None, f"{type(exc).__name__}: {exc}"


def _escape(text: str) -> str:
    """Messages quote the input ("[focus]", a cell): not rich markup. Imported on error only (rich
    costs ~0.1 s, and a command that succeeds never needs it)."""
    from rich.markup import escape

    return escape(text)


def _stems(records) -> list[str]:
    from ..reports.build import file_stem

    stems, seen = [], {}
    for r in records:
        s = file_stem(r)
        seen[s] = seen.get(s, 0) + 1
        stems.append(s if seen[s] == 1 else f"{s}-{seen[s]}")
    return stems


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", default="docx,pdf,html", show_default=True, help="Comma-separated: docx,pdf,html."
)
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("."), show_default=True
)
@click.option(
    "--digits",
    "digit_style",
    type=click.Choice(["thai", "arabic"]),
    default="thai",
    show_default=True,
    help="Digits in running text and dates.",
)
@click.option(
    "--score-digits",
    type=click.Choice(["thai", "arabic"]),
    default="arabic",
    show_default=True,
    help="Digits in score tables and charts (the seed uses Arabic).",
)
@click.option(
    "--docx-font",
    type=click.Choice(["TH Sarabun New", "Sarabun"]),
    default="TH Sarabun New",
    show_default=True,
    help="Font named in the DOCX (sizes follow the font).",
)
@click.option(
    "--jobs", "-j", type=int, default=None, help="Worker processes for a batch (default: all cores)."
)
def report(
    file: Path, fmt: str, out_dir: Path, digit_style: str, score_digits: str, docx_font: str, jobs: int | None
) -> None:
    """Write the ITA analysis-and-measures document of FILE (a per-agency .toml or a batch .csv/.xlsx)."""
    formats = _formats(fmt)
    row_errors: list[InputError] = []  # a batch's bad rows: reported, while the other agencies go on
    try:
        records = read_records(file, row_errors=row_errors)
    except (InputError, FrameworkError) as exc:
        fail_input(exc)
    if not records:  # every row refused: nothing to write
        for exc in row_errors[:-1]:
            output.err_console.print(f"[bold red]ข้อผิดพลาด:[/] {_escape(str(exc))}", soft_wrap=True)
        fail_input(row_errors[-1])
    stems = _stems(records)
    args = (formats, out_dir, digit_style, score_digits, docx_font)
    failures: list[str] = [str(exc) for exc in row_errors]
    if len(records) == 1 and not failures:
        paths, error = _one(records[0], *args, stems[0])
        if error:
            output.err_console.print(
                f"[bold red]ข้อผิดพลาด:[/] {_escape(records[0].agency.name)}: {_escape(error)}", soft_wrap=True
            )
            sys.exit(output.INPUT_ERROR_EXIT)
        for p in paths.values():
            click.echo(p)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from multiprocessing import get_context

    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    err_console = output.err_console
    for error in failures:
        err_console.print(f"[red]ไม่สำเร็จ[/] {escape(error)}", soft_wrap=True)

    workers = max(1, min(jobs or os.cpu_count() or 1, len(records)))
    written = 0
    # Spawned workers: no fork of a process that runs the progress bar's thread.
    with (
        ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool,
        Progress(
            TextColumn("[bold]เอกสาร ITA"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err_console,
        ) as progress,
    ):
        task = progress.add_task("report", total=len(records))
        futures = {pool.submit(_one, r, *args, s): r for r, s in zip(records, stems, strict=True)}
        for fut in as_completed(futures):
            record = futures[fut]
            paths, error = fut.result()
            if error:
                failures.append(f"{record.agency.name} ({record.fiscal_year}): {error}")
                progress.console.print(f"[red]ไม่สำเร็จ[/] {escape(failures[-1])}", soft_wrap=True)
            else:
                written += 1
            progress.advance(task)
    err_console.print(f"เขียนเอกสารสำเร็จ {written} หน่วยงาน ไม่สำเร็จ {len(failures)} หน่วยงาน → {out_dir}")
    if failures:
        sys.exit(1)
