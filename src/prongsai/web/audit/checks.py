"""System check: every TRUSTED_PROXIES entry must be an address or a network (CIDR)."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.core.checks import Error, register


@register()
def trusted_proxies_check(app_configs=None, **kwargs) -> list[Error]:
    errors = []
    for value in getattr(settings, "TRUSTED_PROXIES", ()):
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            errors.append(
                Error(
                    f"TRUSTED_PROXIES มีค่า {value!r} ที่ไม่ใช่ที่อยู่ IP หรือช่วงเครือข่าย "
                    f"({value!r} in TRUSTED_PROXIES is not an IP address or CIDR network)",
                    hint="ใช้รูปแบบ 127.0.0.1, ::1 หรือ 10.0.0.0/8 คั่นด้วยจุลภาค "
                    "(comma-separated addresses or networks, e.g. 127.0.0.1,::1,10.0.0.0/8)",
                    id="audit.E001",
                )
            )
    return errors
