"""Password rules (NIST SP 800-63B) and argon2id hashing."""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
MAX_LENGTH = 128


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    text = resources.files("mend.accounts").joinpath("common_passwords.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("# ")
    )


def password_problem(password: str, *, email: str = "", name: str = "") -> str | None:
    """Why a new password is refused, in plain words; None when it is fine."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters. A short sentence works well."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    lowered = password.lower()
    if lowered in common_passwords():
        return "That password is on a list of common passwords. Please choose another."
    if len(set(password)) < 4:
        return "That password repeats too few characters. Please choose another."
    for personal in (email.split("@")[0].lower(), name.lower()):
        if len(personal) >= 4 and personal in lowered and len(lowered) - len(personal) < 6:
            return "Please don't build your password from your name or email."
    return None


def make_hasher(*, time_cost: int, memory_cost: int, parallelism: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)


# Each hash takes tens of MiB and a core for about a tenth of a second; more at
# once than there are cores only adds memory and queueing.
_HASHING = threading.BoundedSemaphore(max(2, os.cpu_count() or 2))


def verify_password(hasher: PasswordHasher, stored_hash: str, password: str) -> bool:
    try:
        with _HASHING:
            return hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def hash_password(hasher: PasswordHasher, password: str) -> str:
    with _HASHING:
        return hasher.hash(password)
