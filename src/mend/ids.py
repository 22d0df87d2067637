"""Opaque, unguessable record ids: they appear in URLs and reveal nothing."""

from __future__ import annotations

import secrets
import string

# Letters and digits only: an id that began with "-" would read as an option on
# the command line (`mend user create --org -x...`), and "_" looks odd in URLs.
ALPHABET = string.ascii_letters + string.digits
LENGTH = 16  # about 95 bits


def new_id() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
