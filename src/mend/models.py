"""Imports every feature's tables so metadata is complete (Alembic, tests)."""

from __future__ import annotations


def load_all() -> None:
    import mend.accounts.models
    import mend.audit.models
    import mend.care.goals.models
    import mend.care.homework.models
    import mend.care.messages.models
    import mend.care.models
    import mend.care.notes.models
    import mend.coping.models
    import mend.healing.models
    import mend.mail.models
    import mend.measures.models
    import mend.reports.models
    import mend.safety.models  # noqa: F401
