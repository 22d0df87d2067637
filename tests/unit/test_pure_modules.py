"""Pure rule modules take values and return values: no database, web or clock."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[2] / "src" / "mend"
PURE = [
    "care/policy.py",
    "care/caseload/rules.py",
    "care/goals/rules.py",
    "care/homework/rules.py",
    "care/messages/threads.py",
    "care/notes/codes.py",
    "care/notes/templates.py",
    "coping/catalog.py",
    "coping/rules.py",
    "coping/analytics.py",
    "coping/charts.py",
    "coping/words.py",
    "safety/resources.py",
    "safety/screening.py",
    "accounts/throttle.py",
    "accounts/totp.py",
    "accounts/passwords.py",
    "audit/chain.py",
    "measures/__init__.py",
    "measures/change.py",
    "interop/fhir.py",
    "measures/scoring.py",
    "measures/definitions.py",
    "measures/schedules.py",
    "measures/charts.py",
    "measures/words.py",
    "healing/stages.py",
    "healing/readiness.py",
    "healing/pacing.py",
    "outcomes/rules.py",
    "reports/rules.py",
    "reports/content.py",
    "reports/svg.py",
    "healing/growth.py",
    "healing/insights.py",
]
PURE_NAMES = (
    "policy.py",
    "throttle.py",
    "chain.py",
    "rules.py",
    "scoring.py",
    "analytics.py",
    "catalog.py",
    "charts.py",
    "resources.py",
    "stages.py",
    "readiness.py",
    "pacing.py",
)
FORBIDDEN = ("sqlalchemy", "fastapi", "starlette", "mend.clock", "mend.db")


def imports_of(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_every_module_named_like_a_rule_is_checked() -> None:
    named = {str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if p.name in PURE_NAMES}
    assert named <= set(PURE)


@pytest.mark.parametrize("module", PURE)
def test_pure_module_imports(module: str) -> None:
    bad = {i for i in imports_of(SRC / module) if i.startswith(FORBIDDEN)}
    assert bad == set()


@pytest.mark.parametrize("module", PURE)
def test_pure_module_never_reads_the_clock(module: str) -> None:
    text = (SRC / module).read_text()
    assert ".now(" not in text and "utcnow" not in text and "time.time(" not in text
