"""The redaction over a corpus of real-shaped texts (redact_corpus.toml), and its pieces."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from prongsai.web.agencies.models import Agency
from prongsai.web.cases.models import Case
from prongsai.web.cases.redact import (
    agency_contacts,
    case_public_texts,
    contact_canonical,
    personal_data,
    redact,
    redact_answer,
)

CORPUS = tomllib.loads(Path(__file__).with_name("redact_corpus.toml").read_text(encoding="utf-8"))["case"]


def test_the_corpus_is_large_and_mixed():
    kinds = {entry.get("kind", "citizen") for entry in CORPUS}
    unchanged = [e for e in CORPUS if e["text"] == e["expected"]]
    assert len(CORPUS) >= 40 and kinds == {"citizen", "answer"} and len(unchanged) >= 12


@pytest.mark.parametrize(
    "entry", CORPUS, ids=[f"{i:02d}-{e.get('note', e['text'][:24])}" for i, e in enumerate(CORPUS)]
)
def test_corpus(entry):
    names, contacts = entry.get("names", []), entry.get("contacts", [])
    if entry.get("kind", "citizen") == "answer":
        out = redact_answer(entry["text"], names=names, contacts=contacts)
    else:
        out = redact(entry["text"], names=names, contacts=contacts, keep=entry.get("keep", []))
    assert out == entry["expected"]


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("081-234-5678", "0812345678"),
        ("+66 81 234 5678", "0812345678"),
        ("+66 (0) 81 234 5678", "0812345678"),
        ("๐๒ ๑๒๓ ๔๕๖๗", "021234567"),
        ("Somchai@Example.COM", "somchai@example.com"),
        ("somchai [at] example [dot] com", "somchai@example.com"),
        ("@Nakhon_City", "nakhon_city"),
    ],
)
def test_contacts_compare_in_one_form(written, canonical):
    assert contact_canonical(written) == canonical


def test_personal_data_reports_kind_and_value():
    found = personal_data("โทร 081 234 5678 อีเมล a@b.co ไลน์ @ab_12 บัตร 1-2345-67890-12-1")
    assert [(f.kind, f.value) for f in sorted(found, key=lambda f: f.start)] == [
        ("phone", "0812345678"),
        ("email", "a@b.co"),
        ("line", "ab_12"),
        ("citizen_id", "1234567890121"),
    ]
    assert personal_data("โทร 02-123-4567", keep=["021234567"]) == []


def test_a_staff_answer_loses_what_the_citizen_wrote_in_the_description_too():
    case = Case(
        description="ฝากเบอร์ 089-765-4321 กับอีเมล manee [at] example.com ไว้ค่ะ",
        address="หน้าบ้านเลขที่ 9/1",
        public_answer="จะโทรหาที่ 0897654321 และตอบทาง manee@example.com ค่ะ สอบถาม 02 123 4567",
        name="มานี",
    )
    texts = case_public_texts(case)
    assert texts.description == "ฝากเบอร์ [เบอร์โทร] กับอีเมล [อีเมล] ไว้ค่ะ"
    assert texts.answer == "จะโทรหาที่ [เบอร์โทร] และตอบทาง [อีเมล] ค่ะ สอบถาม 02 123 4567"
    assert texts.address == "หน้าบ้านเลขที่ 9/1"


def test_the_agencys_published_contacts_stay_in_a_citizens_text():
    assert agency_contacts(Agency(name="เทศบาลนครตัวอย่าง")) == ()  # none set on the settings page yet
    agency = Agency(
        name="เทศบาลนครตัวอย่าง", phone="02 123 4567, 081 999 8888", email="saraban@city.example.go.th"
    )
    keep = agency_contacts(agency)
    case = Case(
        description="โทรหา 02-123-4567 และ 0819998888 ของเทศบาลแล้ว เบอร์ผม 0812345678 อีเมล saraban@city.example.go.th",
        address="",
        public_answer="",
    )
    texts = case_public_texts(case, keep=keep)
    assert texts.description == (
        "โทรหา 02-123-4567 และ 0819998888 ของเทศบาลแล้ว เบอร์ผม [เบอร์โทร] อีเมล saraban@city.example.go.th"
    )


def test_every_number_in_the_phone_field_is_the_citizens():
    case = Case(
        phone="081-234-5678, 02 987 6543", description="", address="", public_answer="โทร 029876543 แล้ว"
    )
    assert case_public_texts(case).answer == "โทร [เบอร์โทร] แล้ว"
