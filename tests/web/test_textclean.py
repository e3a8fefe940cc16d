"""Text cleaned once where it enters (hardening finding 4): the cleaning rule, the request middleware
(query strings, form fields, JSON bodies) and the staff forms that answered 500 to a NUL."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from prongsai.textclean import data_clean, text_clean
from prongsai.web.cases.models import ConfidentialOfficer, ResponseTemplate
from prongsai.web.open311.models import ApiKey
from prongsai.web.textclean import body_clean

from .conftest import client_for

UNWANTED = [chr(c) for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))]
UNWANTED += ["\ud800", "\udfff", "\ufffe", "\uffff"]


@pytest.mark.parametrize("char", UNWANTED, ids=lambda c: f"U+{ord(c):04X}")
def test_every_unwanted_character_is_removed(char):
    assert text_clean(f"ก{char}ข") == "กข"


def test_thai_tabs_newlines_and_the_rest_of_unicode_are_kept():
    text = "ตำบล\tปากแพรก\nเลขที่ ๑๒/๓ — “ok” 😀 \u00a0\ufffd\U0010fffd"
    assert text_clean(text) is text  # already clean: the same object, no copy


def test_line_ends_become_lf():
    assert text_clean("a\r\nb\rc\n\r\nd") == "a\nb\nc\n\nd"


def test_data_clean_walks_keys_lists_and_tuples_and_leaves_other_values():
    got = data_clean({"k\x00": ["a\x0b", ("b\x1f", 1, 2.5, None, True)], "n": {"x": "\x7fy"}})
    assert got == {"k": ["a", ("b", 1, 2.5, None, True)], "n": {"x": "y"}}


def test_json_body_escapes_are_cleaned_and_numbers_kept():
    raw = json.dumps({"narrative\\u0000": "\b\u0000x\r\ny", "percent": 12.5, "big": 10**30, "th": "ไทย"})
    got = json.loads(body_clean(raw.encode()))
    assert got == {"narrative\\u0000": "x\ny", "percent": 12.5, "big": 10**30, "th": "ไทย"}
    assert json.loads(body_clean(b'{"a": "\\u00e9\\ud800\\ud83d\\ude00"}')) == {"a": "é😀"}  # pair kept
    assert json.loads(body_clean(b'{"a": "x\xed\xa0\x80\xc2\x85y"}')) == {"a": "xy"}  # raw surrogate, C1


@pytest.mark.parametrize(
    "body",
    [
        b'{"a": "clean \\u0e44\\u0e17\\u0e22 \\n \\t \\\\b"}',  # nothing unwanted once parsed
        b'{"a": "\x00"}',  # raw NUL in a string: not JSON, the API refuses it as before
        b"not json \\b",
        b"",
    ],
)
def test_json_body_left_alone_when_clean_or_not_json(body):
    assert body_clean(body) is None


@pytest.mark.django_db
def test_front_page_search_with_nul(agency):
    r = Client().get("/?q=%00")
    assert r.status_code == 200 and b"\x00" not in r.content
    found = Client().get(
        "/?q=%E0%B8%9B%E0%B8%B2%E0%B8%81%E0%B9%81%E0%B8%9E%E0%B8%A3%E0%B8%81%00"
    )  # ปากแพรก\0
    assert found.status_code == 200 and agency.name in found.content.decode()


@pytest.mark.django_db
def test_query_dict_of_a_view_is_clean_and_immutable(agency, superuser):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from prongsai.web.textclean import TextCleanMiddleware

    seen = {}

    def view(request):
        seen["get"], seen["post"] = request.GET, request.POST
        return HttpResponse()

    middleware = TextCleanMiddleware(view)
    request = RequestFactory().post("/x/?a=%01b&a=c&d%00=e", {"f": "g\x00h", "f2": "ok"})
    middleware(request)
    assert dict(seen["get"].lists()) == {"a": ["b", "c"], "d": ["e"]}
    assert seen["post"]["f"] == "gh" and seen["post"]["f2"] == "ok"
    with pytest.raises(AttributeError):
        seen["post"]["f"] = "changed"


@pytest.mark.django_db
def test_case_templates_form_with_nul(agency, superuser):
    r = client_for(superuser).post(
        f"/a/{agency.pk}/cases/templates/", {"title": "แบบ\x00ตอบ", "body": "ขอบคุณ\x00ค่ะ"}
    )
    assert r.status_code == 302
    row = ResponseTemplate.objects.get(agency=agency)
    assert (row.title, row.body) == ("แบบตอบ", "ขอบคุณค่ะ")


@pytest.mark.django_db
def test_open311_keys_form_with_nul(agency, superuser):
    r = client_for(superuser).post(f"/a/{agency.pk}/open311/keys/", {"name": "ระบบ\x00ไลน์"})
    assert r.status_code == 200
    assert ApiKey.objects.get(agency=agency).name == "ระบบไลน์"


@pytest.mark.django_db
def test_confidential_officers_form_with_nul(agency, superuser, division_officer):
    r = client_for(superuser).post(
        f"/a/{agency.pk}/cases/confidential/officers/",
        {"username": f"{division_officer.username}\x00", "allowed": "1"},
    )
    assert r.status_code == 302
    assert ConfidentialOfficer.objects.filter(agency=agency, user=division_officer).exists()


@pytest.mark.django_db
def test_seed_file_text_is_cleaned_before_the_database(tmp_path):
    """Files do not pass the middleware: a TOML escape (\\u0000, \\b) reaches the loaders as a character."""
    from prongsai.web.assessments.models import ItaResult
    from prongsai.web.assessments.seed import SEED_FILE, seed_load
    from prongsai.web.plans.models import Measure

    text = SEED_FILE.read_text(encoding="utf-8")
    assert text.count('name = "เทศบาลเมืองปากแพรก"') == 1 and "จากการวิเคราะห์ตัวชี้วัดที่ ๘" in text
    text = text.replace('name = "เทศบาลเมืองปากแพรก"', 'name = "เทศบาลเมือง\\bปากแพรก"')
    text = text.replace("จากการวิเคราะห์ตัวชี้วัดที่ ๘", "จากการ\\u0000วิเคราะห์ตัวชี้วัดที่ ๘")
    path = tmp_path / "seed.toml"
    path.write_text(text, encoding="utf-8")
    agency = seed_load(path=path)
    assert agency.name == "เทศบาลเมืองปากแพรก"
    extra = json.dumps(ItaResult.objects.get(agency=agency).extra, ensure_ascii=False)
    assert "\\u0000" not in extra and "จากการวิเคราะห์ตัวชี้วัดที่ ๘" in extra
    assert Measure.objects.filter(agency=agency, analysis__startswith="จากการวิเคราะห์ตัวชี้วัดที่ ๘").exists()


@pytest.mark.django_db
def test_catalogue_file_text_is_cleaned_before_the_database(agency, tmp_path):
    from prongsai.web.services.services import catalogue_load

    path = tmp_path / "catalogue.toml"
    path.write_text(
        '[[services]]\ncode = "x\\u0001"\nname_th = "บริการ\\u0000ทดสอบ"\nsteps = ["ขั้น\\bแรก"]\n',
        encoding="utf-8",
    )
    [service] = catalogue_load(agency=agency, path=path)
    service.refresh_from_db()
    assert (service.code, service.name_th, service.steps) == ("x", "บริการทดสอบ", ["ขั้นแรก"])
