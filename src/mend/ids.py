"""Opaque, unguessable record ids: they appear in URLs and reveal nothing."""

from __future__ import annotations

import secrets


def new_id() -> str:
    return secrets.token_urlsafe(12)
