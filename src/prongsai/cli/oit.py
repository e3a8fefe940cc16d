"""`prongsai oit-items load FILE` / `reset YEAR`: an administrator corrects a year's OIT item list in the
database (it then overrides frameworks/<year>.toml for that year) without a code change."""

from __future__ import annotations

from pathlib import Path

import click

from .web import _django


def _superuser(username: str):
    from django.contrib.auth import get_user_model

    if not username:
        return None
    user = get_user_model().objects.filter(username=username, is_superuser=True, is_active=True).first()
    if user is None:
        raise click.ClickException(f"ไม่พบผู้ดูแลระบบสูงสุด (superuser) ชื่อ {username!r}")
    return user


@click.group("oit-items")
def oit_items() -> None:
    """Correct a year's OIT item list (stored in the database, audited)."""


@oit_items.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--user", "username", default="", help="the superuser recorded in the audit log")
def load(file: Path, username: str) -> None:
    """Load FILE (TOML: fiscal_year = <year> and an [oit] table shaped as in the framework files)."""
    _django()
    from prongsai.ita.errors import FrameworkError
    from prongsai.web.oit.items import item_list_load

    actor = _superuser(username)
    try:
        year, count = item_list_load(path=file, actor=actor)
    except FrameworkError as exc:
        raise click.ClickException(f"{exc.path}: {exc.key}: {exc.message_th}") from None
    click.echo(f"บันทึกรายการข้อ OIT ปี {year} แล้ว ({count} ข้อ) (saved FY{year}'s {count} OIT items)")


@oit_items.command("reset")
@click.argument("year", type=int)
@click.option("--user", "username", default="", help="the superuser recorded in the audit log")
def reset(year: int, username: str) -> None:
    """Go back to frameworks/<YEAR>.toml's item list."""
    _django()
    from prongsai.web.oit.items import item_list_reset

    done = item_list_reset(fiscal_year=year, actor=_superuser(username))
    click.echo(f"ใช้รายการข้อ OIT ปี {year} จากไฟล์กฎ" if done else f"ปี {year} ไม่มีรายการที่แก้ไขไว้")
