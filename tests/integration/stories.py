"""Tell a care-team demo story on the test world (no tests here)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from tests.conftest import T0, World


def tell(tell_stories: Callable[..., Any], db: Session, world: World, now: datetime = T0) -> None:
    """Run a package's ``tell_stories`` for alice and bob, with Tara and Cole, and commit."""
    tell_stories(
        db,
        org=world.riverside,
        clients={"alice": world.alice, "bob": world.bob},
        therapist=world.tara,
        coach=world.cole,
        now=now,
    )
    db.commit()
