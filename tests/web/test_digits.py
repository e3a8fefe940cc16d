"""One digit style per page: only text between tags changes; markup, scripts and kept examples do not."""

from __future__ import annotations

from prongsai.web.digits import page_digits

PAGE = (
    '<p class="x1">รอบ ๖ เดือน 2570</p><a href="/p/12/">๑๒</a>'
    '<script src="/s/a1.js">var a = 10;</script><textarea name="t">๑๐ คน</textarea>'
    '<p data-keep-digits>เช่น 96.53 หรือ <b>๙๖.๕๓</b></p><input value="๕๕"><br/>ท้าย ๓'
)


def test_arabic_style_changes_only_text():
    out = page_digits(PAGE, "arabic")
    assert "รอบ 6 เดือน 2570" in out and ">12</a>" in out and "ท้าย 3" in out
    assert 'href="/p/12/"' in out and 'value="๕๕"' in out  # attributes as they were
    assert '<textarea name="t">๑๐ คน</textarea>' in out and "var a = 10;" in out
    assert "<b>๙๖.๕๓</b>" in out  # the example keeps both styles


def test_thai_style_changes_only_text():
    out = page_digits(PAGE, "thai")
    assert "รอบ ๖ เดือน ๒๕๗๐" in out and 'class="x1"' in out and 'src="/s/a1.js"' in out
    assert "var a = 10;" in out and "เช่น 96.53" in out and "ท้าย ๓" in out


def test_a_page_without_digits_to_change_is_returned_as_is():
    page = "<p>ไม่มีเลข 12</p>"
    assert page_digits(page, "arabic") is page
