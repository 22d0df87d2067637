from __future__ import annotations

import pytest

from mend.accounts.passwords import (
    MAX_LENGTH,
    MIN_LENGTH,
    common_passwords,
    make_hasher,
    password_problem,
    verify_password,
)


def test_twelve_characters_are_enough_eleven_are_not() -> None:
    assert password_problem("a" * 3 + "bcdefghij" + "k") is None
    assert password_problem("abcdefghijk") is not None
    assert MIN_LENGTH == 12


def test_at_least_64_characters_are_allowed() -> None:
    assert MAX_LENGTH >= 64
    assert password_problem("a quiet walk by the river " * 2 + "every day!!!") is None
    assert password_problem("x" * (MAX_LENGTH + 1)) is not None


def test_the_shipped_list_is_loaded_and_used() -> None:
    assert len(common_passwords()) >= 9000
    long_common = next(p for p in common_passwords() if len(p) >= 12)
    assert password_problem(long_common) is not None
    assert password_problem(long_common.upper()) is not None


@pytest.mark.parametrize("weak", ["aaaaaaaaaaaaaa", "abababababab"])
def test_repetitive_passwords_are_refused(weak: str) -> None:
    assert password_problem(weak) is not None


def test_a_password_built_from_the_email_is_refused() -> None:
    assert password_problem("tara.nolan2026", email="tara.nolan@example.org") is not None


def test_hashing_is_argon2id_and_verifies() -> None:
    hasher = make_hasher(time_cost=1, memory_cost=64, parallelism=1)
    stored = hasher.hash("correct-horse-battery-staple")
    assert stored.startswith("$argon2id$")
    assert verify_password(hasher, stored, "correct-horse-battery-staple")
    assert not verify_password(hasher, stored, "wrong-horse-battery-staple")
    assert not verify_password(hasher, "not-a-hash", "anything")
