"""axe-core in the browser tests: the copy `make` installs from the npm registry (tests/e2e/axe), injected
into the page under test; never fetched from a CDN while testing."""

from __future__ import annotations

from pathlib import Path

import pytest

AXE_JS = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"

RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ["violations"]});
  return {violations: r.violations, passed: r.passes.length};
}"""


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now (its default rules: WCAG 2 A/AA and best practices)."""
    if not AXE_JS.is_file():
        pytest.fail(
            f"ไม่พบ axe-core ที่ {AXE_JS}: ติดตั้งด้วยคำสั่ง make test หรือ make install ก่อนรันการทดสอบ "
            "(axe-core is missing: run make test or make install first)"
        )
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate(RUN)
    if not results["passed"] and not results["violations"]:
        pytest.fail(f"axe-core ไม่ได้ตรวจอะไรเลยที่ {page.url} (axe-core checked nothing on this page)")
    return results["violations"]


def describe(url: str, violations: list[dict]) -> str:
    """One line per violation: the rule, its impact, the first elements it found, and what to do."""
    lines = []
    for v in violations:
        nodes = v["nodes"]
        targets = ", ".join(" ".join(n["target"]) for n in nodes[:3])
        more = f" (+{len(nodes) - 3} more)" if len(nodes) > 3 else ""
        lines.append(f"{url}: {v['id']} ({v['impact']}) at {targets}{more}: {v['help']} <{v['helpUrl']}>")
    return "\n".join(lines)
