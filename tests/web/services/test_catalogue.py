"""The service catalogue: loading the data file (idempotent, checked), manual pages and the printable form."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.web.services.catalogue import CatalogueError, catalogue_read
from prongsai.web.services.models import Service
from prongsai.web.services.services import catalogue_load


def test_demo_catalogue_loads_once(agency, catalogue):
    assert {
        "water-truck",
        "waste-collection",
        "road-repair",
        "street-light",
        "building-permit",
        "tax-appointment",
    } <= set(catalogue)
    catalogue_load(agency=agency)
    assert Service.objects.filter(agency=agency).count() == len(catalogue)
    assert catalogue["road-repair"].division.name == "กองช่าง"
    assert catalogue["tax-appointment"].division.name == "กองคลัง"


@pytest.mark.parametrize(
    ("toml", "where"),
    [
        ('[[services]]\ncode = "a"\n', "services #1 (a)"),
        ('[[services]]\ncode = "a"\nname_th = "x"\nanswer_days = 0\n', "answer_days"),
        (
            '[[services]]\ncode = "a"\nname_th = "x"\n[[services.attributes]]\ncode = "c"\ndatatype = "colour"\n',
            "attribute #1",
        ),
        ('[[services]]\ncode = "a"\nname_th = "x"\nbogus = 1\n', "bogus"),
        ('[[services]]\ncode = "a"\nname_th = "x"\n[[services]]\ncode = "a"\nname_th = "y"\n', "services #2"),
        ("[[services]\n", "TOML"),
    ],
)
def test_bad_catalogue_names_the_place(tmp_path, toml, where):
    path = tmp_path / "bad.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(CatalogueError) as exc:
        catalogue_read(path)
    assert "bad.toml" in str(exc.value) and where in str(exc.value)


def test_manual_and_print_pages(agency, catalogue):
    client = Client()
    html = client.get(reverse("services:catalogue", args=[agency.pk])).content.decode()
    assert "ขอรับบริการน้ำอุปโภคบริโภค" in html
    manual = client.get(reverse("services:manual", args=[agency.pk, "building-permit"])).content.decode()
    for text in ("ขั้นตอนการให้บริการ", "สำเนาโฉนดที่ดิน", "ค่าธรรมเนียม", "ระยะเวลาให้บริการ", "กองช่าง", "0 3451 0000"):
        assert text in manual
    printed = client.get(reverse("services:print", args=[agency.pk, "building-permit"])).content.decode()
    assert "data-print" in printed and "คู่มือการให้บริการออนไลน์" in printed
    assert client.get(reverse("services:manual", args=[agency.pk, "nope"])).status_code == 404


def test_a_hidden_agency_has_no_public_catalogue(agency, catalogue):
    agency.is_public = False
    agency.save()
    assert Client().get(reverse("services:catalogue", args=[agency.pk])).status_code == 404
