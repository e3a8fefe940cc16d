"""Which OIT item list a year uses: the administrator's corrected list (ItemList), else the framework
file's, else the newest earlier year's, marked unverified — never an empty page."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from prongsai.ita.errors import FrameworkError, UnknownYearError
from prongsai.ita.framework import Oit, available_years, get_framework
from prongsai.ita.framework_oit import oit_items_parse, parse_oit
from prongsai.ita.framework_parse import _Reader

from .. import hotpath
from ..audit.services import audit_record
from .models import ItemList


@dataclass(frozen=True)
class YearItems:
    fiscal_year: int  # the year asked for
    list_year: int  # the year whose list is shown (earlier when the year has none)
    oit: Oit
    corrected: bool  # an administrator's list from the database, not the framework file

    @property
    def borrowed(self) -> bool:
        return self.list_year != self.fiscal_year

    @property
    def confidence(self) -> str:
        return "unverified" if self.borrowed else self.oit.rule.confidence


def _stored(year: int) -> Oit | None:
    row = ItemList.objects.filter(fiscal_year=year).first()
    if row is None:
        return None
    fw = get_framework(year)
    return parse_oit(_Reader(f"ItemList {year}"), row.data, fw.indicators)


def _framework_oit(year: int) -> Oit | None:
    try:
        return get_framework(year).oit
    except UnknownYearError:
        return None


_YEARS = ("fiscal_year",)


def item_list_years_statement():
    """The read of the stored lists' years `year_items` makes, for `hotpath.prefetch`."""
    return hotpath.select_statement(ItemList, _YEARS)


def year_items(*, fiscal_year: int) -> YearItems | None:
    """The year's list, or the newest earlier one (borrowed: shown as unverified); None before any list."""
    # Read on every agency dashboard view (oit.selectors.due_list): plain SQL, a handful of rows at most.
    stored_years = {row.fiscal_year for row in hotpath.select(ItemList, _YEARS)}
    candidates = sorted(
        {y for y in available_years() if y <= fiscal_year} | {y for y in stored_years if y <= fiscal_year},
        reverse=True,
    )
    for year in candidates:
        oit = _stored(year) if year in stored_years else None
        if oit is not None:
            return YearItems(fiscal_year, year, oit, True)
        oit = _framework_oit(year)
        if oit is not None:
            return YearItems(fiscal_year, year, oit, False)
    return None


@transaction.atomic
def item_list_load(*, path: Path, actor=None) -> tuple[int, int]:
    """Load an administrator's corrected list for a year from a TOML file (all or nothing, audited).
    Returns (year, number of items). FrameworkError names the file, the key and the line."""
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FrameworkError(str(path), "-", f"ไฟล์ TOML ไม่ถูกต้อง: {exc}", "invalid TOML") from None
    year, oit = oit_items_parse(data, path=str(path), text=text)
    ItemList.objects.update_or_create(
        fiscal_year=year, defaults={"data": data["oit"], "source_name": path.name, "loaded_by": actor}
    )
    audit_record(
        actor=actor,
        action="oit.items_load",
        summary=f"นำเข้ารายการข้อ OIT ปี {year} ({len(oit.items)} ข้อ) จาก {path.name}",
        details={"fiscal_year": year, "items": [i.code for i in oit.items]},
    )
    return year, len(oit.items)


@transaction.atomic
def item_list_reset(*, fiscal_year: int, actor=None) -> bool:
    """Go back to the framework file's list for the year."""
    deleted, _ = ItemList.objects.filter(fiscal_year=fiscal_year).delete()
    if deleted:
        audit_record(
            actor=actor, action="oit.items_reset", summary=f"ใช้รายการข้อ OIT ปี {fiscal_year} จากไฟล์กฎ"
        )
    return bool(deleted)
