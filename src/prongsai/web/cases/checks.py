"""System check: holidays.toml must have an entry (the Cabinet's extra days) for the years deadlines fall in."""

from __future__ import annotations

import datetime as dt

from django.core.checks import Warning, register
from django.utils import timezone

from .rules import HOLIDAYS_FILE, holidays

# A month ahead: a default deadline (15 working days) set today ends within it, so from December on the
# next year's holidays are needed too. Longer service deadlines are logged when computed (deadlines.py).
HORIZON = dt.timedelta(days=31)


def holiday_years_missing(*, today: dt.date | None = None) -> list[int]:
    """The years deadlines set today can fall in (this one, and the next from December) that holidays.toml lacks."""
    today = today or timezone.localdate()
    years = sorted({today.year, (today + HORIZON).year})
    return [y for y in years if not holidays().covers(y)]


@register()
def holiday_table_check(app_configs=None, **kwargs) -> list[Warning]:
    missing = holiday_years_missing()
    if not missing:
        return []
    years = ", ".join(f"{y} (พ.ศ. {y + 543})" for y in missing)
    return [
        Warning(
            f"ยังไม่ได้บันทึกวันหยุดพิเศษตามมติคณะรัฐมนตรีของปี {years}: กำหนดตอบในปีนั้นข้ามเฉพาะวันหยุดเสาร์-อาทิตย์"
            f"และวันหยุดตามปฏิทินปกติ (the Cabinet's extra holidays of {years} are not entered; deadlines there "
            f"skip weekends and the regular holidays only)",
            hint=(
                f"เพิ่มหัวข้อ [years.ปี] พร้อมวันหยุดพิเศษของปีนั้น (หรือ days = [] ถ้าไม่มี) ใน {HOLIDAYS_FILE} "
                "(add the year's section, with its extra days, to that file)"
            ),
            id="cases.W001",
        )
    ]
