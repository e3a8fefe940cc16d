"""Reading text files as UTF-8, with a clear message when a file was saved in another encoding."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError


def read_text(path: Path) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise InputError("ไฟล์ว่าง ไม่มีข้อมูล", "the file is empty", path=str(path))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text" export: UTF-16 with a byte-order mark.
        raise InputError(
            'ไฟล์ต้องเข้ารหัสแบบ UTF-8 แต่ไฟล์นี้เป็น UTF-16 (เช่น "Unicode Text" ของ Excel): ให้บันทึกใหม่เป็น CSV UTF-8',
            "expected UTF-8 text, found UTF-16",
            path=str(path),
            line=1,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        guess = ""
        try:
            data.decode("cp874")
            guess = " (ดูเหมือนบันทึกเป็น TIS-620/Windows-874: ให้บันทึกใหม่เป็น UTF-8)"
        except UnicodeDecodeError:
            pass
        raise InputError(
            f"ไฟล์ต้องเข้ารหัสแบบ UTF-8 แต่พบไบต์ที่อ่านไม่ได้{guess}",
            "expected UTF-8 text",
            path=str(path),
            line=line,
        ) from None
    if "\x00" in text:
        raise InputError(
            "ไฟล์ต้องเป็นข้อความ UTF-8 (พบอักขระ NUL: อาจเป็น UTF-16 หรือไฟล์ไบนารี)",
            "expected UTF-8 text, found NUL bytes",
            path=str(path),
        )
    return text
