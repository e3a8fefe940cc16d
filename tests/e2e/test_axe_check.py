"""The accessibility helper itself: it finds a known violation and says where, and a missing copy of
axe-core fails the test with the way to install it instead of passing or skipping."""

from __future__ import annotations

import pytest

from . import axe_check

BAD_PAGE = """<!DOCTYPE html><html lang="th"><head><title>ทดสอบ</title></head>
<body><main><h1>หน้าทดสอบ</h1><img src="data:," id="lamp"><button id="empty"></button></main></body></html>"""


@pytest.mark.e2e
def test_helper_finds_and_describes_violations(browser_page):
    browser_page.set_content(BAD_PAGE)
    violations = axe_check.axe_violations(browser_page)
    assert {"image-alt", "button-name"} <= {v["id"] for v in violations}
    text = axe_check.describe("/test/", violations)
    assert "/test/: image-alt (critical) at #lamp: Images must have alternative text" in text
    assert "button-name (critical) at #empty" in text


@pytest.mark.e2e
def test_helper_passes_a_clean_page(browser_page):
    browser_page.set_content(
        BAD_PAGE.replace('id="lamp"', 'id="lamp" alt="โคมไฟ"').replace("></button>", ">ส่ง</button>")
    )
    assert axe_check.axe_violations(browser_page) == []


def test_missing_axe_fails_with_the_way_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setattr(axe_check, "AXE_JS", tmp_path / "axe.min.js")
    with pytest.raises(pytest.fail.Exception, match="make install") as failure:
        axe_check.axe_violations(page=None)
    assert "ไม่พบ axe-core" in str(failure.value)
