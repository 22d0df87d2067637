"""Pure hash-chain rules: how an entry is hashed and how a chain is checked."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64

HASHED_FIELDS = (
    "at",
    "actor_user_id",
    "actor_role",
    "org_id",
    "action",
    "resource_type",
    "resource_id",
    "subject_client_id",
    "outcome",
    "ip",
    "detail",
)


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    return value


def entry_hash(prev_hash: str, fields: Mapping[str, Any]) -> str:
    body = {name: _canonical(fields.get(name)) for name in HASHED_FIELDS}
    payload = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256((prev_hash + payload).encode("ascii")).hexdigest()


@dataclass(frozen=True)
class Break:
    seq: int
    problem: str


def find_breaks(rows: Iterable[Mapping[str, Any]]) -> list[Break]:
    """Walk the chain in order; every edit, removal or reordering shows as a break."""
    breaks: list[Break] = []
    expected_prev = GENESIS
    for row in rows:
        if row["prev_hash"] != expected_prev:
            breaks.append(Break(row["seq"], "does not follow the entry before it"))
        if entry_hash(row["prev_hash"], row) != row["hash"]:
            breaks.append(Break(row["seq"], "content does not match its hash"))
        expected_prev = row["hash"]
    return breaks
