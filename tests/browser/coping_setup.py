"""Putting strategies in a persona's jar straight through the service, for page tests."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from mend.accounts.models import Membership
from mend.clock import utcnow
from mend.coping import service as coping


def fill_jar(
    store: sessionmaker[Session], client_id: str, refs: dict[str, str | None]
) -> dict[str, str]:
    """refs: catalog id -> stage of change (None if helpful). Returns catalog id -> item id."""
    found = {}
    with store.begin() as db:
        client = db.get(Membership, client_id)
        assert client is not None
        for ref, stage in refs.items():
            result = coping.add_to_jar(
                db, client=client, strategy_ref=ref, stage_of_change=stage, by=client.id,
                now=utcnow(),
            )  # fmt: skip
            found[ref] = result.entry.item.id
    return found
