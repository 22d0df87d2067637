from __future__ import annotations

import pytest
from cryptography.exceptions import InvalidTag

from mend.crypto import Keyring, MissingKeyError


def ring(secret: str = "a" * 40, old: tuple[str, ...] = ()) -> Keyring:
    keys = Keyring()
    keys.load(secret, old_secrets=old)
    return keys


def test_round_trip_with_unicode() -> None:
    keys = ring()
    sealed = keys.encrypt("I felt 😔 but walked by the river — it helped")
    assert keys.decrypt(sealed) == "I felt 😔 but walked by the river — it helped"


def test_stored_form_names_the_key_and_hides_the_text() -> None:
    keys = ring()
    sealed = keys.encrypt("private words")
    version, key_id, _ = sealed.split(":", 2)
    assert version == "v1" and key_id == keys.current_id
    assert "private" not in sealed


def test_the_same_text_encrypts_differently_each_time() -> None:
    keys = ring()
    assert keys.encrypt("same") != keys.encrypt("same")


def test_old_keys_still_decrypt_after_rotation() -> None:
    sealed = ring("old" * 14).encrypt("before rotation")
    assert ring("new" * 14, old=("old" * 14,)).decrypt(sealed) == "before rotation"


def test_an_unknown_key_is_a_clear_error() -> None:
    sealed = ring("one" * 14).encrypt("x")
    with pytest.raises(MissingKeyError):
        ring("two" * 14).decrypt(sealed)


def test_tampering_is_detected() -> None:
    keys = ring()
    sealed = keys.encrypt("do not change me")
    head, body = sealed.rsplit(":", 1)
    flipped = body[:-4] + ("AAAA" if body[-4:] != "AAAA" else "BBBB")
    with pytest.raises((InvalidTag, ValueError)):
        keys.decrypt(f"{head}:{flipped}")


def test_no_key_loaded_refuses_to_write() -> None:
    with pytest.raises(MissingKeyError):
        Keyring().encrypt("x")
