"""Plain helpers for the browser tests: the axe check and signing in through the real form."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD

AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2, levels A and AA (axe-core 4.14 tags).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = frozenset({"serious", "critical"})

_RUN_AXE = """
tags => axe.run(document, {
  runOnly: {type: "tag", values: tags},
  resultTypes: ["violations"],
})
"""


def _describe(violation: dict[str, Any]) -> str:
    lines = [
        f"- {violation['id']} [{violation['impact']}]: {violation['help']}",
        f"    {violation['helpUrl']}",
    ]
    for node in violation["nodes"]:
        target = " >>> ".join(
            " ".join(part) if isinstance(part, list) else str(part) for part in node["target"]
        )
        lines.append(f"    at {target}")
        summary = "; ".join(
            line.strip() for line in (node.get("failureSummary") or "").splitlines() if line.strip()
        )
        if summary:
            lines.append(f"       {summary}")
    return "\n".join(lines)


def check_axe(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now; fail on any serious or critical WCAG A/AA issue.

    Returns every violation found (including minor and moderate ones) for callers that care.
    The page's CSP (script-src 'self') blocks injected inline scripts, so the contexts
    that run axe are created with ``bypass_csp=True``.
    """
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=AXE_JS)
    result = page.evaluate(_RUN_AXE, WCAG_TAGS)
    violations: list[dict[str, Any]] = result["violations"]
    blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
    if blocking:
        details = "\n".join(_describe(v) for v in blocking)
        pytest.fail(
            f"axe found {len(blocking)} serious or critical WCAG A/AA violation(s) on "
            f"{page.url}:\n{details}",
            pytrace=False,
        )
    return violations


def login(page: Page, email: str, password: str = PASSWORD) -> None:
    """Sign in through the real form (no waiting: callers assert where it lands)."""
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(path("/login"))


def path(expected: str) -> re.Pattern[str]:
    """A URL pattern for ``expect(page).to_have_url``: this path, any origin, no query."""
    return re.compile(r"^https?://[^/]+" + re.escape(expected) + r"$")
