"""FY2566 EIT published in two parts (docs/ita-method.md §9): the EIT is their plain mean, from TOML and
from CSV/XLSX, with the rule's confidence in the result's notes; parts are refused where no year has them."""

from decimal import Decimal

import openpyxl
import pytest

from prongsai.ita.errors import InputError
from prongsai.ita.framework import get_framework
from prongsai.ita.inputs import read_records
from prongsai.ita.records import score_record
from prongsai.ita.scoring import round_half_up

IIT, EIT_1, EIT_2, OIT = Decimal("97.10"), Decimal("96.00"), Decimal("98.50"), Decimal("95.00")


def published_total(year: int, eit: Decimal) -> Decimal:
    """The total as NACC computes it from the three tool scores (weights of the year)."""
    fw = get_framework(year)
    return round_half_up(sum(fw.tool(c).weight * s for c, s in (("IIT", IIT), ("EIT", eit), ("OIT", OIT))))


def agency_toml(tmp_path, year, tools):
    body = "\n".join(f"{k} = {v}" for k, v in tools.items())
    path = tmp_path / "a.toml"
    path.write_text(
        f'[agency]\nname = "เทศบาลทดสอบ"\n\n[result]\nfiscal_year = {year}\n\n[result.tools]\n{body}\n',
        encoding="utf-8",
    )
    return path


def test_two_parts_in_toml_give_the_total_of_their_mean(tmp_path):
    (rec,) = read_records(
        agency_toml(tmp_path, 2566, {"iit": IIT, "eit_1": EIT_1, "eit_2": EIT_2, "oit": OIT})
    )
    result = score_record(rec)
    assert result.tool("EIT").score == (EIT_1 + EIT_2) / 2
    assert result.total == published_total(2566, (EIT_1 + EIT_2) / 2)
    (whole,) = read_records(agency_toml(tmp_path, 2566, {"iit": IIT, "eit": "97.25", "oit": OIT}))
    assert score_record(whole).total == result.total  # same as the EIT published as one score
    assert any("ตรวจสอบแล้ว" in n and "ค่าเฉลี่ยของสองส่วน" in n for n in result.notes)  # the rule and its source


def test_parts_beside_a_published_eit_must_agree(tmp_path):
    rec = read_records(
        agency_toml(tmp_path, 2566, {"iit": IIT, "eit": "97.25", "eit_1": EIT_1, "eit_2": EIT_2, "oit": OIT})
    )
    assert score_record(rec[0]).tool("EIT").score == Decimal("97.25")
    rec = read_records(
        agency_toml(tmp_path, 2566, {"iit": IIT, "eit": "90", "eit_1": EIT_1, "eit_2": EIT_2, "oit": OIT})
    )
    with pytest.raises(InputError) as e:
        score_record(rec[0])
    assert e.value.column == "eit" and "ค่าเฉลี่ย" in e.value.message_th


def test_one_part_alone_or_a_year_without_parts_is_refused(tmp_path):
    (rec,) = read_records(agency_toml(tmp_path, 2566, {"iit": IIT, "eit_1": EIT_1, "oit": OIT}))
    with pytest.raises(InputError) as e:
        score_record(rec)
    assert e.value.column == "eit_2"
    (rec,) = read_records(
        agency_toml(tmp_path, 2565, {"iit": IIT, "eit_1": EIT_1, "eit_2": EIT_2, "oit": OIT})
    )
    with pytest.raises(InputError) as e:
        score_record(rec)
    assert e.value.column == "eit_1" and "2565" in e.value.message_th


def test_csv_and_xlsx_take_the_parts_by_english_or_thai_header(tmp_path):
    csv_path = tmp_path / "t.csv"
    csv_path.write_text(
        f"หน่วยงาน,ปีงบประมาณ,iit,EIT ส่วนที่ 1,EIT ส่วนที่ 2,oit\nเทศบาลก,2566,{IIT},{EIT_1},{EIT_2},{OIT}\n",
        encoding="utf-8",
    )
    xlsx_path = tmp_path / "t.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["agency", "fiscal_year", "iit", "eit_1", "eit_2", "oit"])
    wb.active.append(["เทศบาลก", 2566, float(IIT), float(EIT_1), float(EIT_2), float(OIT)])
    wb.save(xlsx_path)
    for path in (csv_path, xlsx_path):
        (rec,) = read_records(path)
        assert score_record(rec).total == published_total(2566, (EIT_1 + EIT_2) / 2), path
