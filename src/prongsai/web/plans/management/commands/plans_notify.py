"""`prongsai manage plans_notify`: e-mail each agency's overdue/stalled activities and its OIT items past or
near their publication round (run daily or weekly)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand

from ...notify import flags_notify


class Command(BaseCommand):
    help = (
        "ส่งอีเมลแจ้งกิจกรรมที่เลยกำหนดหรือไม่มีความเคลื่อนไหว และข้อ OIT ที่ถึงรอบการเผยแพร่"
        " (e-mail overdue/stalled activities and due OIT items)"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--on", type=dt.date.fromisoformat, default=None, help="check as of this day (YYYY-MM-DD)"
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="the site's address for links (default: PRONGSAI_PUBLIC_URL), e.g. https://ita.example.go.th",
        )

    def handle(self, *args, base_url: str = "", on=None, **options):
        from django.db.models import Q

        from ....agencies.models import Agency
        from ....oit.models import Evidence
        from ...models import Measure

        total = 0
        with_something = Q(pk__in=Measure.objects.values("agency")) | Q(
            pk__in=Evidence.objects.values("agency")
        )
        for agency in Agency.objects.filter(with_something):
            total += flags_notify(agency=agency, base_url=base_url, on=on)
        self.stdout.write(f"ส่งอีเมลแล้ว {total} ฉบับ (sent {total} messages)")
