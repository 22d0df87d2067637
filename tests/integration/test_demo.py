"""`mend demo --no-serve` builds a practice with a clean, verifiable history."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from mend.accounts.models import Membership, User
from mend.audit import service as audit_log
from mend.audit.models import AuditEntry
from mend.care.models import CareTeamMember, ConsentChange
from mend.cli import main
from mend.clock import utcnow
from mend.db import make_engine, make_sessionmaker
from mend.safety import plan as safety_plan


def test_demo_builds_a_practice_with_months_of_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("MEND_DATABASE_URL", raising=False)
    monkeypatch.setenv("MEND_ARGON2_MEMORY_COST", "64")
    assert main(["demo", "--no-serve", "--data-dir", str(tmp_path), "--clients", "3"]) == 0
    out = capsys.readouterr().out
    assert "alice@demo.mend.example" in out and "calm-river-demo-2026" in out
    engine = make_engine(f"sqlite:///{tmp_path / 'demo.db'}")
    with make_sessionmaker(engine)() as db:
        count, breaks = audit_log.verify(db)
        assert count > 200 and breaks == []
        span = db.execute(select(func.min(AuditEntry.at), func.max(AuditEntry.at))).one()
        assert (span[1] - span[0]).days >= 90
        ats = list(db.scalars(select(AuditEntry.at).order_by(AuditEntry.seq)))
        assert ats == sorted(ats)
        assert db.scalar(select(func.count()).select_from(ConsentChange)) >= 8
        assert db.scalar(select(func.count()).select_from(CareTeamMember)) >= 11
        alice = db.scalars(
            select(Membership).join(User).where(User.email == "alice@demo.mend.example")
        ).one()
        plan = safety_plan.load_plan(db, client=alice, today=utcnow().date())
        assert plan is not None and "My dog, Pepper" in plan.steps["reasons_for_living"]
    engine.dispose()
    assert main(["demo", "--no-serve", "--data-dir", str(tmp_path)]) == 0
