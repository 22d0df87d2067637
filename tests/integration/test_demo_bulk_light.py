"""The HTTP bench's demo (bench/prepare.py): generated clients join a care
team but start without history, so the bench measures only its own requests."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, func, select

from mend import demo
from mend.accounts.passwords import make_hasher
from mend.care.models import CareTeamMember
from mend.coping.models import CopingMoment
from mend.db import make_sessionmaker, transaction
from mend.measures.models import MeasureResponse

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def test_without_history_the_generated_clients_start_empty(db_engine: Engine) -> None:
    hasher = make_hasher(time_cost=1, memory_cost=64, parallelism=1)
    with transaction(make_sessionmaker(db_engine)) as db:
        practice = demo.build(db, hasher=hasher, now=NOW, extra_clients=3, extra_history=False)
        ids = [c.id for c in practice.clients[len(demo.CLIENTS) :]]
        assert practice.volumes is None and len(ids) == 3
        for model in (CopingMoment, MeasureResponse):
            count = select(func.count()).select_from(model).where(model.client_id.in_(ids))
            assert db.scalar(count) == 0
        teams = select(func.count()).where(CareTeamMember.client_id.in_(ids))
        assert db.scalar(teams) == 3
        assert [c.user.email for c in practice.clients[-3:]] == [
            "client00001@demo.mend.example",
            "client00002@demo.mend.example",
            "client00003@demo.mend.example",
        ]
