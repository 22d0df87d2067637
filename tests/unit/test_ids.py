from __future__ import annotations

import math

from mend.ids import ALPHABET, LENGTH, new_id


def test_ids_are_letters_and_digits_so_they_never_look_like_options() -> None:
    for _ in range(2000):
        value = new_id()
        assert len(value) == LENGTH and value.isalnum() and value.isascii()


def test_ids_carry_at_least_90_bits() -> None:
    assert LENGTH * math.log2(len(ALPHABET)) >= 90


def test_ids_do_not_repeat() -> None:
    assert len({new_id() for _ in range(10_000)}) == 10_000
