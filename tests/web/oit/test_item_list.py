"""An administrator corrects a year's OIT item list from a data file (`prongsai oit-items load FILE`):
validated with located Thai errors, stored all or nothing, audited, and used instead of the framework's."""

import pytest
from click.testing import CliRunner

from prongsai.cli.oit import oit_items
from prongsai.web.audit.models import AuditEvent
from prongsai.web.oit.items import year_items
from prongsai.web.oit.models import ItemList
from prongsai.web.oit.selectors import readiness_get

pytestmark = pytest.mark.django_db(transaction=True)

GOOD = """fiscal_year = 2569

[oit]
confidence = "reported"
source = "คู่มือ ITA 2569 ของ สำนักงาน ป.ป.ช. หน้า 12"

[oit.item_names]
confidence = "reported"
source = "คู่มือ ITA 2569"

[[oit.items]]
code = "O1"
name_th = "โครงสร้างและอำนาจหน้าที่"
indicator = 9

[[oit.items]]
code = "O2"
name_th = "ระบบ E-Service"
indicator = 9
feature = "eservice"
"""


def run(*args):
    return CliRunner().invoke(oit_items, list(args), catch_exceptions=False)


def test_a_loaded_list_replaces_the_years_items_and_is_audited(tmp_path, superuser, agency):
    path = tmp_path / "oit-2569.toml"
    path.write_text(GOOD, encoding="utf-8")
    out = run("load", str(path), "--user", superuser.username)
    assert out.exit_code == 0 and "2569" in out.output and "2 ข้อ" in out.output
    items = year_items(fiscal_year=2569)
    assert items.corrected and [i.code for i in items.oit.items] == ["O1", "O2"]
    assert items.confidence == "reported"
    assert [r.item.code for r in readiness_get(agency=agency, fiscal_year=2569).rows] == ["O1", "O2"]
    assert year_items(fiscal_year=2570).list_year == 2569  # the next year borrows the corrected list
    event = AuditEvent.objects.get(action="oit.items_load")
    assert event.actor == superuser and event.details["items"] == ["O1", "O2"]
    assert run("reset", "2569").exit_code == 0
    assert len(year_items(fiscal_year=2569).oit.items) == 26


def test_a_bad_file_is_refused_with_the_key_and_line_and_nothing_is_stored(tmp_path, superuser):
    path = tmp_path / "oit.toml"
    path.write_text(
        GOOD.replace('feature = "eservice"', 'feature = "eservice"\ndue = "weekly"'), encoding="utf-8"
    )
    out = CliRunner().invoke(oit_items, ["load", str(path)])
    assert out.exit_code != 0
    assert "oit.items[1].due" in out.output and "บรรทัด 21" in out.output and "weekly" in out.output
    path.write_text(GOOD.replace("fiscal_year = 2569", "fiscal_year = 2590"), encoding="utf-8")
    out = CliRunner().invoke(oit_items, ["load", str(path)])
    assert out.exit_code != 0 and "2590" in out.output
    out = CliRunner().invoke(oit_items, ["load", str(path), "--user", "nobody"])
    assert out.exit_code != 0 and "superuser" in out.output
    assert not ItemList.objects.exists() and not AuditEvent.objects.filter(action="oit.items_load").exists()
