"""The notes package's rule modules are pure: no database, web or clock
(tests/unit/test_pure_modules.py checks the modules on its own list)."""

from __future__ import annotations

import pytest

from tests.unit.test_pure_modules import FORBIDDEN, SRC, imports_of

MODULES = ["care/notes/templates.py", "care/notes/codes.py"]


@pytest.mark.parametrize("module", MODULES)
def test_imports_are_pure(module: str) -> None:
    assert {i for i in imports_of(SRC / module) if i.startswith(FORBIDDEN)} == set()


@pytest.mark.parametrize("module", MODULES)
def test_the_clock_is_never_read(module: str) -> None:
    text = (SRC / module).read_text()
    assert ".now(" not in text and "utcnow" not in text and "today()" not in text
