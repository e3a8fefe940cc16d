"""Audit action codes and rule confidence are worded in Thai (English in English), from audit/actions.toml."""

from __future__ import annotations

import re
from pathlib import Path

from django.test import Client
from django.urls import reverse

from prongsai.web.audit.services import audit_record
from prongsai.web.audit.templatetags.audit_labels import labels

from .conftest import client_for

WEB = Path(__file__).resolve().parents[2] / "src" / "prongsai" / "web"
CODE = re.compile(r'"([a-z0-9_]+\.[a-z_]+)"')


def _codes_in_source() -> set[str]:
    """Every dotted code next to an audit_record call's action, and the f-string service states."""
    found = set()
    for path in WEB.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "audit_record" not in text:
            continue
        for m in re.finditer(r"action=(.{0,160})", text, re.S):
            found.update(c for c in CODE.findall(m.group(1)[:160]) if not c.endswith((".py", ".toml")))
        for m in re.finditer(r'f"service\.\{ \{([^}]*)\}', text):
            found.update(f"service.{v}" for v in re.findall(r":\s*'([a-z_]+)'", m.group(1)))
    return found


def test_every_audit_action_in_the_code_has_thai_and_english_words():
    codes = _codes_in_source()
    assert len(codes) > 40 and "case.confidential_view" in codes and "service.publish" in codes
    missing = sorted(c for c in codes if c not in labels()["actions"])
    assert missing == []
    for code, words in labels()["actions"].items():
        assert words["th"] and words["en"] and not re.search("[a-z]", words["th"].replace("Open311", "")), (
            code
        )


def test_audit_page_shows_thai_words_for_codes(agency, coordinator):
    audit_record(actor=coordinator, action="result.save", agency=agency, summary="บันทึก")
    html = client_for(coordinator).get(reverse("audit:list", args=[agency.pk])).content.decode()
    assert "บันทึกผลการประเมิน" in html
    english = client_for(coordinator)
    english.cookies["django_language"] = "en"
    assert "Result saved" in english.get(reverse("audit:list", args=[agency.pk])).content.decode()
    assert Client().get(reverse("audit:list", args=[agency.pk])).status_code == 302
