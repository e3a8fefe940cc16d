"""The national register import: idempotent upsert by code, dry run, rename history, whole-file refusal."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from prongsai.cli import main
from prongsai.web.agencies.agency_types import agency_type_find, agency_types
from prongsai.web.agencies.models import (
    Agency,
    AgencyNameHistory,
    Division,
    Membership,
    PendingInvitation,
    Role,
)
from prongsai.web.agencies.register import invitation_pending_send, register_import
from prongsai.web.agencies.register_file import RegisterFileError, register_read
from prongsai.web.audit.models import AuditEvent
from tests.web.cases.conftest import smtp  # noqa: F401 (the loopback SMTP server fixture)

EXAMPLE = Path(__file__).parents[3] / "examples" / "agency_register.csv"
HEADER = "รหัส,ชื่อหน่วยงาน,ประเภท,จังหวัด,อำเภอ\n"


def _csv(tmp_path, body: str, header: str = HEADER, name: str = "register.csv") -> Path:
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return path


def test_every_alias_names_one_type():
    assert agency_type_find("อบต.").name == "องค์การบริหารส่วนตำบล"
    assert agency_type_find(" ทน. ").code == "city_municipality"
    assert agency_type_find("sao").kind == "local"
    assert agency_type_find("มหาวิทยาลัย").kind == "other"
    assert agency_type_find("ร้านค้า") is None
    kinds = {t.kind for t in agency_types()}
    assert kinds == {"local", "other"}


def test_example_register_imports_then_reimport_changes_nothing(db):
    rows = register_read(EXAMPLE)
    first = register_import(rows=rows)
    assert len(first.created) == len(rows) == Agency.objects.count()
    hadyai = Agency.objects.get(dla_code="04900110")
    assert (hadyai.name, hadyai.type, hadyai.province) == ("เทศบาลนครหาดใหญ่", "เทศบาลนคร", "จังหวัดสงขลา")
    assert hadyai.supervisor_group.startswith("สำนักงานส่งเสริมการปกครองท้องถิ่น")
    assert Division.objects.filter(agency=hadyai).exists()  # the default divisions, as agency_create
    assert Agency.objects.get(dla_code="05710101").type == "องค์การบริหารส่วนตำบล"  # written อบต.
    events = AuditEvent.objects.filter(action="agency.register_import").count()
    assert events == 1

    second = register_import(rows=register_read(EXAMPLE))
    assert (len(second.created), len(second.updated), second.unchanged) == (0, 0, len(rows))
    assert not second.changed and second.admins_added == []
    assert AuditEvent.objects.filter(action="agency.register_import").count() == events
    assert Agency.objects.count() == len(rows)


def test_admin_email_gets_an_account_without_password_and_an_invitation_by_mail(db, smtp):  # noqa: F811
    register_import(rows=register_read(EXAMPLE))
    agency = Agency.objects.get(dla_code="03500101")
    membership = Membership.objects.get(agency=agency)
    assert membership.role == Role.ADMINISTRATOR
    assert membership.user.username == "admin@chiangmai.example.go.th"
    assert not membership.user.has_usable_password()
    pending = PendingInvitation.objects.get(agency=agency)
    assert pending.user == membership.user and pending.sent_at is None
    assert PendingInvitation.objects.filter(sent_at=None).count() == 2
    # Sent once the import has committed, through the real SMTP server on loopback.
    assert invitation_pending_send() == (2, [])
    assert PendingInvitation.objects.filter(sent_at=None).count() == 0
    assert sorted(m["To"] for m in smtp.messages) == sorted(
        PendingInvitation.objects.values_list("user__email", flat=True)
    )
    assert invitation_pending_send() == (0, [])  # each is sent once


def test_an_invitation_the_mail_server_refuses_stays_pending(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    register_import(rows=register_read(EXAMPLE))
    sent, failed = invitation_pending_send()
    assert sent == 0 and len(failed) == 2 and "03500101" in " ".join(failed)
    assert PendingInvitation.objects.filter(sent_at=None).count() == 2


def test_rename_keeps_the_old_name_and_other_changes_are_listed(db, tmp_path):
    register_import(rows=register_read(_csv(tmp_path, "001,เทศบาลตำบลเก่า,ทต.,จังหวัดตาก,อำเภอแม่สอด\n")))
    renamed = _csv(tmp_path, "001,เทศบาลเมืองใหม่,ทม.,จังหวัดตาก,อำเภอแม่สอด\n")
    report = register_import(rows=register_read(renamed))
    assert len(report.updated) == 1
    row, diff = report.updated[0]
    assert diff == {"name": ("เทศบาลตำบลเก่า", "เทศบาลเมืองใหม่"), "type": ("เทศบาลตำบล", "เทศบาลเมือง")}
    agency = Agency.objects.get(dla_code="001")
    assert agency.name == "เทศบาลเมืองใหม่"
    assert list(agency.name_history.values_list("name", "source")) == [("เทศบาลตำบลเก่า", "register")]


def test_dry_run_says_what_would_change_and_writes_nothing(db, tmp_path):
    register_import(rows=register_read(_csv(tmp_path, "001,เทศบาลตำบลหนึ่ง,ทต.,จังหวัดตาก,\n")))
    path = _csv(tmp_path, "001,เทศบาลตำบลหนึ่งใหม่,ทต.,จังหวัดตาก,\n002,อบต.สอง,อบต.,จังหวัดตาก,\n")
    report = register_import(rows=register_read(path), dry_run=True)
    assert [r.code for r in report.created] == ["002"]
    assert report.updated[0][1] == {"name": ("เทศบาลตำบลหนึ่ง", "เทศบาลตำบลหนึ่งใหม่")}
    assert list(Agency.objects.values_list("dla_code", "name")) == [("001", "เทศบาลตำบลหนึ่ง")]
    assert not AgencyNameHistory.objects.exists()


def test_a_file_with_bad_rows_is_refused_whole_with_every_error_located(db, tmp_path):
    path = _csv(
        tmp_path,
        "001,เทศบาลตำบลดี,ทต.,จังหวัดตาก,\n"  # line 2: good
        "002,ร้านค้า,บริษัท,จังหวัดตาก,\n"  # line 3: unknown type
        "001,เทศบาลซ้ำ,ทต.,จังหวัดตาก,\n"  # line 4: duplicate code
        "003,,อบต.,จังหวัดตาก,\n",  # line 5: empty name
    )
    with pytest.raises(RegisterFileError) as caught:
        register_read(path)
    found = [(e.line, e.column, e.message_th) for e in caught.value.errors]
    assert [(line, col) for line, col, _ in found] == [
        (3, "ประเภท (3)"),
        (4, "รหัส (1)"),
        (5, "ชื่อหน่วยงาน (2)"),
    ]
    assert "ไม่รู้จักประเภทหน่วยงาน 'บริษัท'" in found[0][2]
    assert "ซ้ำกับบรรทัด 2" in found[1][2]
    assert found[2][2] == "ไม่มีชื่อหน่วยงาน"
    assert all(e.path == str(path) for e in caught.value.errors)

    result = CliRunner().invoke(main, ["agencies", "import", str(path)])
    assert result.exit_code == 2
    assert "ไม่นำเข้าไฟล์นี้" in result.output and "บรรทัด 3" in result.output and "บรรทัด 5" in result.output
    assert not Agency.objects.exists()


def test_wrong_encoding_and_unknown_headers_are_refused(db, tmp_path):
    legacy = tmp_path / "tis620.csv"
    legacy.write_bytes((HEADER + "001,เทศบาลตำบลหนึ่ง,ทต.,จังหวัดตาก,\n").encode("cp874"))
    with pytest.raises(RegisterFileError) as caught:
        register_read(legacy)
    assert "UTF-8" in caught.value.errors[0].message_th and "TIS-620" in caught.value.errors[0].message_th

    with pytest.raises(RegisterFileError) as caught:
        register_read(_csv(tmp_path, "001,x\n", header="รหัส,สีประจำ\n"))
    messages = [(e.line, e.column, e.message_th) for e in caught.value.errors]
    assert messages[0][:2] == (1, 2) and "ไม่รู้จักหัวคอลัมน์ 'สีประจำ'" in messages[0][2]
    assert any("ไม่มีคอลัมน์ name" in m for _, _, m in messages)
    assert any("ไม่มีคอลัมน์ type" in m for _, _, m in messages)


def test_xlsx_with_thai_headers_imports_and_a_numeric_code_cell_is_refused(db, tmp_path):
    path = tmp_path / "register.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["รหัส อปท.", "ชื่อหน่วยงาน", "ประเภทหน่วยงาน", "จังหวัด", "อำเภอ", "อีเมลผู้ดูแลระบบ"])
    sheet.append(["06700101", "องค์การบริหารส่วนตำบลหนองโพ", "อบต.", "จังหวัดราชบุรี", "อำเภอโพธาราม", ""])
    sheet.append(
        ["04700105", "เทศบาลเมืองโพธาราม", "ทม.", "จังหวัดราชบุรี", "อำเภอโพธาราม", "Admin@Photharam.example"]
    )
    book.save(path)
    report = register_import(rows=register_read(path))
    assert {r.code for r in report.created} == {"06700101", "04700105"}
    assert Membership.objects.get(agency__dla_code="04700105").user.email == "admin@photharam.example"

    sheet.append([4700199, "เทศบาลตำบลตัวเลข", "ทต.", "จังหวัดราชบุรี", "", ""])
    book.save(path)
    with pytest.raises(RegisterFileError) as caught:
        register_read(path)
    (error,) = caught.value.errors
    assert (error.line, error.column) == (
        4,
        "รหัส อปท. (1)",
    ) and "จัดรูปแบบคอลัมน์รหัสเป็นข้อความ" in error.message_th


def test_cli_reports_counts_and_dry_run(db, tmp_path):
    path = _csv(tmp_path, "001,เทศบาลตำบลหนึ่ง,ทต.,จังหวัดตาก,\n")
    dry = CliRunner().invoke(main, ["agencies", "import", "--dry-run", str(path)])
    assert dry.exit_code == 0, dry.output
    assert "ทดลองนำเข้า" in dry.output and "จะสร้าง 1" in dry.output
    assert not Agency.objects.exists()
    first = CliRunner().invoke(main, ["agencies", "import", str(path)])
    assert "สร้าง 1 · ปรับปรุง 0 · ไม่เปลี่ยน 0" in first.output
    again = CliRunner().invoke(main, ["agencies", "import", str(path)])
    assert "ไม่เปลี่ยน 1" in again.output and "ไม่มีการเปลี่ยนแปลง" in again.output


def test_a_column_left_out_keeps_the_agencys_value(db, tmp_path):
    header = HEADER.rstrip("\n") + ",หน่วยงานกำกับดูแล\n"
    register_import(rows=register_read(_csv(tmp_path, "001,เทศบาลตำบลหนึ่ง,ทต.,จังหวัดตาก,,สถ.จ.ตาก\n", header)))
    report = register_import(rows=register_read(_csv(tmp_path, "001,เทศบาลตำบลหนึ่ง,ทต.,จังหวัดตาก,\n")))
    assert report.unchanged == 1
    assert Agency.objects.get(dla_code="001").supervisor_group == "สถ.จ.ตาก"
    emptied = register_import(
        rows=register_read(_csv(tmp_path, "001,เทศบาลตำบลหนึ่ง,ทต.,จังหวัดตาก,,\n", header))
    )
    assert emptied.updated[0][1] == {"supervisor_group": ("สถ.จ.ตาก", "")}


def test_progress_is_reported_for_every_row(db, tmp_path):
    body = "".join(f"{k:03d},เทศบาลตำบลที่ {k},ทต.,จังหวัดตาก,\n" for k in range(1200))
    rows = register_read(_csv(tmp_path, body))
    ticks: list[int] = []
    register_import(rows=rows, progress=ticks.append)
    assert sum(ticks) == 1200 and len(ticks) >= 3  # batches, not one jump at the end
    again: list[int] = []
    register_import(rows=rows, progress=again.append)
    assert sum(again) == 1200
