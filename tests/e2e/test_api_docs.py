"""/api/docs draws Swagger UI in a real browser with the site's CSP and no network beyond the site."""

from __future__ import annotations

import pytest


@pytest.mark.e2e
def test_api_docs_render_without_a_cdn(live_site, browser_page):
    page, url = browser_page, live_site["url"]
    foreign = []
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(url) else None)
    page.goto(url + "/api/docs")
    page.wait_for_selector(".opblock", timeout=15000)
    assert page.locator(".opblock").count() > 5
    assert foreign == []
