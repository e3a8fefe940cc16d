"""Every Content-Disposition in the project comes from one helper: one header value, one safe name."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

import prongsai.web
from prongsai.web.files.serve import content_disposition


@pytest.mark.parametrize(
    "name",
    [
        'x.html"; x="',
        "a\r\nSet-Cookie: x=1.csv",
        "nul\x00byte.csv",
        "../../etc/passwd",
        "..\\..\\boot.ini",
        "\u0085next\u2028line.pdf",
        "",
    ],
)
def test_content_disposition_is_one_header_value_with_one_safe_name(name):
    value = content_disposition(name)
    assert value.startswith('attachment; filename="')
    assert not any(ord(c) < 32 or 127 <= ord(c) < 160 for c in value)
    ascii_name = value.split('filename="', 1)[1].split('"', 1)[0]
    assert (
        value.count('"') == 2 and ";" not in ascii_name and "/" not in ascii_name and "\\" not in ascii_name
    )
    assert not ascii_name.startswith(".")


def test_a_thai_name_goes_in_filename_star_with_an_ascii_fallback():
    value = content_disposition("รายงานผล 2569.pdf", inline=True)
    assert value.startswith('inline; filename="')
    assert "filename*=UTF-8''" in value
    assert unquote(value.split("filename*=UTF-8''", 1)[1]) == "รายงานผล 2569.pdf"
    assert value.split('filename="', 1)[1].split('"', 1)[0].endswith(".pdf")


SETS_HEADER = re.compile(
    r"""\[\s*["']Content-Disposition["']\s*\]\s*=|content_disposition_header|as_attachment="""
)


def test_no_other_module_writes_the_header():
    """The helper is the one place: a view that set the header itself would skip the sanitising."""
    web = Path(prongsai.web.__file__).parent
    writers = [
        p.relative_to(web).as_posix()
        for p in web.rglob("*.py")
        if SETS_HEADER.search(p.read_text(encoding="utf-8"))
    ]
    assert writers == ["files/serve.py"]
