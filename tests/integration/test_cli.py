"""The `mend` command: database, organisations, people and audit verification."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from mend.audit.models import AuditEntry
from mend.cli import main
from tests.conftest import SECRET, World


@pytest.fixture
def env(
    monkeypatch: pytest.MonkeyPatch, database_url: str, db_engine: Engine, tmp_path: Path
) -> Path:
    monkeypatch.setenv("MEND_DATABASE_URL", database_url)
    monkeypatch.setenv("MEND_SECRET_KEY", SECRET)
    monkeypatch.setenv("MEND_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MEND_ARGON2_MEMORY_COST", "64")
    monkeypatch.setenv("MEND_ARGON2_TIME_COST", "1")
    return tmp_path


def test_db_upgrade_is_idempotent(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_org_and_user_create(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["org", "create", "--name", "Harbour Clinic", "--mfa-required"]) == 0
    org_id = capsys.readouterr().out.strip()
    secret = env / "pw"
    secret.write_text("a long and unusual passphrase\n")
    args = [
        "user",
        "create",
        "--org",
        org_id,
        "--role",
        "therapist",
        "--email",
        "hana@example.org",
        "--name",
        "Hana",
        "--password-file",
        str(secret),
    ]
    assert main(args) == 0
    assert capsys.readouterr().out.strip()
    assert main(args) == 2
    assert "already has a role" in capsys.readouterr().err


def test_user_create_refuses_a_weak_password(
    env: Path, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    weak = env / "pw"
    weak.write_text("short")
    assert (
        main(
            [
                "user",
                "create",
                "--org",
                world.riverside.id,
                "--role",
                "client",
                "--email",
                "x@example.org",
                "--name",
                "X",
                "--password-file",
                str(weak),
            ]
        )
        == 2
    )
    assert "password" in capsys.readouterr().err


def test_audit_verify_passes_then_fails_after_an_edit(
    env: Path, sign_in, world: World, db: Session, capsys: pytest.CaptureFixture[str]
) -> None:
    sign_in("tara").http.get(f"/clients/{world.alice.id}")
    sign_in("tara").http.get(f"/clients/{world.alice.id}")
    assert main(["audit", "verify"]) == 0
    assert "2 entries verified" in capsys.readouterr().out
    db.execute(update(AuditEntry).where(AuditEntry.seq == 2).values(actor_role="admin"))
    db.commit()
    assert main(["audit", "verify"]) == 1
    assert "entry 2" in capsys.readouterr().err


def test_serve_refuses_to_start_without_a_secret(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("MEND_SECRET_KEY", raising=False)
    assert main(["serve"]) == 2
    assert "MEND_SECRET_KEY" in capsys.readouterr().err


def test_a_bad_setting_stops_the_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MEND_SESSION_IDLE_MINUTES_CLIENT", "never")
    assert main(["db", "upgrade"]) == 2
    assert "MEND_SESSION_IDLE_MINUTES_CLIENT" in capsys.readouterr().err
