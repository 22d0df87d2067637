from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mend.accounts import totp

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NOW = datetime(2026, 3, 2, 9, 30, 10, tzinfo=UTC)
STEP = int(NOW.timestamp()) // 30


def test_a_current_code_matches_its_step() -> None:
    code = totp.code_at(SECRET, STEP)
    assert totp.matching_step(SECRET, code, now=NOW, last_used_step=None) == STEP


def test_a_code_works_once() -> None:
    code = totp.code_at(SECRET, STEP)
    assert totp.matching_step(SECRET, code, now=NOW, last_used_step=STEP) is None


def test_an_older_code_fails_after_a_newer_one_was_used() -> None:
    older = totp.code_at(SECRET, STEP - 1)
    assert totp.matching_step(SECRET, older, now=NOW, last_used_step=STEP) is None


def test_one_step_of_drift_either_way_but_no_more() -> None:
    assert totp.matching_step(SECRET, totp.code_at(SECRET, STEP + 1), now=NOW, last_used_step=None)
    assert totp.matching_step(SECRET, totp.code_at(SECRET, STEP - 1), now=NOW, last_used_step=None)
    far = totp.code_at(SECRET, STEP - 3)
    assert totp.matching_step(SECRET, far, now=NOW, last_used_step=None) is None
    later = NOW + timedelta(minutes=5)
    assert (
        totp.matching_step(SECRET, totp.code_at(SECRET, STEP), now=later, last_used_step=None)
        is None
    )


def test_malformed_codes_are_refused() -> None:
    for code in ("", "12345", "1234567", "abcdef", "12 34 5x"):
        assert totp.matching_step(SECRET, code, now=NOW, last_used_step=None) is None


def test_spaces_inside_a_code_are_forgiven() -> None:
    code = totp.code_at(SECRET, STEP)
    assert (
        totp.matching_step(SECRET, f"{code[:3]} {code[3:]}", now=NOW, last_used_step=None) == STEP
    )


def test_provisioning_uri_names_the_issuer() -> None:
    assert totp.provisioning_uri(SECRET, email="tara@example.org").startswith(
        "otpauth://totp/Mend:"
    )
