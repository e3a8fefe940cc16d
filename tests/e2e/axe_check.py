"""axe-core in the browser tests: the copy `make` installs from the npm registry (tests/e2e/axe), injected
into the page under test; never fetched from a CDN while testing."""

from __future__ import annotations

from pathlib import Path

import pytest

AXE_JS = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now (its default rules: WCAG 2 A/AA and best practices)."""
    if not AXE_JS.is_file():
        pytest.fail(f"ไม่พบ axe-core ที่ {AXE_JS}: ติดตั้งด้วย make install (axe-core is installed by make)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")


def describe(url: str, violations: list[dict]) -> str:
    """One line per violation: the rule, its impact, the first elements it found, and what to do."""
    lines = []
    for v in violations:
        targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        lines.append(f"{url}: {v['id']} ({v['impact']}) at {targets}: {v['help']}")
    return "\n".join(lines)
