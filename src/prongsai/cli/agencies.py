"""`prongsai agencies import FILE`: load the national agency register into the web platform's database."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import output
from .output import INPUT_ERROR_EXIT
from .web import _django

PROGRESS_FROM = 500  # rows: a shorter file finishes before a progress bar would be worth drawing


@click.group()
def agencies() -> None:
    """Agencies of the web platform: the national register (ทะเบียนหน่วยงาน)."""


@agencies.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="say what would change and write nothing")
def import_(file: Path, dry_run: bool) -> None:
    """Create or update agencies from a register file (CSV UTF-8 or XLSX; Thai headers accepted).

    Columns: code (รหัส), name (ชื่อหน่วยงาน), type (ประเภท), province (จังหวัด), district (อำเภอ),
    and optionally supervisor_group (หน่วยงานกำกับดูแล), admin_email (อีเมลผู้ดูแลระบบ)."""
    from rich.console import Console
    from rich.markup import escape

    _django()
    from prongsai.web.agencies.register_file import RegisterFileError, register_read

    try:
        rows = register_read(file)
    except RegisterFileError as exc:
        console = output.err_console
        console.print(
            f"[bold red]ไม่นำเข้าไฟล์นี้ (ไม่มีการบันทึกใด ๆ): พบข้อผิดพลาด {len(exc.errors)} รายการ[/] "
            "— file refused, nothing written",
            soft_wrap=True,
        )
        for error in exc.errors:
            console.print(f"  • {escape(str(error))}", soft_wrap=True)
        sys.exit(INPUT_ERROR_EXIT)
    out = Console(highlight=False)
    report = _run(rows, dry_run=dry_run, source=str(file), console=out)
    _summary(report, out)
    if not dry_run:
        _invite(out)


def _invite(out) -> None:
    """Send the invitations the import made (and any earlier one the mail server refused)."""
    from rich.markup import escape

    from prongsai.web.agencies.register import invitation_pending_send

    sent, failed = invitation_pending_send(actor=None)
    if sent:
        out.print(f"ส่งคำเชิญผู้ดูแลระบบแล้ว {sent} ราย (invitations sent)")
    for message in failed:
        out.print(f"[bold red]ส่งคำเชิญไม่สำเร็จ[/] {escape(message)} — จะส่งใหม่ในการนำเข้าครั้งถัดไป", soft_wrap=True)


def _run(rows, *, dry_run: bool, source: str, console):
    from rich.progress import Progress

    from prongsai.web.agencies.register import register_import

    if len(rows) < PROGRESS_FROM:
        return register_import(rows=rows, dry_run=dry_run, source=source)
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("นำเข้าทะเบียนหน่วยงาน (importing)", total=len(rows))
        return register_import(
            rows=rows, dry_run=dry_run, source=source, progress=lambda n: bar.advance(task, n)
        )


def _summary(report, out) -> None:
    from rich.markup import escape

    if report.dry_run:
        out.print("[bold]ทดลองนำเข้า (dry run): ยังไม่ได้บันทึกสิ่งใด[/]")
    for row in report.created[:50]:
        out.print(f"  + {escape(row.code)} {escape(row.name)} ({escape(row.type)})", soft_wrap=True)
    for row, diff in report.updated[:50]:
        changes = "; ".join(f"{f}: {escape(old)!s} → {escape(new)!s}" for f, (old, new) in diff.items())
        out.print(f"  ~ {escape(row.code)} {changes}", soft_wrap=True)
    if len(report.created) > 50 or len(report.updated) > 50:
        out.print("  … (แสดง 50 รายการแรกของแต่ละกลุ่ม)")
    for code, email in report.admins_added[:50]:
        out.print(f"  @ {escape(code)} ผู้ดูแลระบบ {escape(email)} (รอส่งคำเชิญ)", soft_wrap=True)
    verb = "จะ" if report.dry_run else ""
    out.print(
        f"{verb}สร้าง {len(report.created)} · {verb}ปรับปรุง {len(report.updated)} · ไม่เปลี่ยน {report.unchanged}"
        f" · ผู้ดูแลระบบใหม่ {len(report.admins_added)}"
        f" (created {len(report.created)}, updated {len(report.updated)}, unchanged {report.unchanged})",
        soft_wrap=True,
    )
    if not report.changed:
        out.print("ไม่มีการเปลี่ยนแปลง: ทะเบียนตรงกับฐานข้อมูลแล้ว (nothing to change)")
