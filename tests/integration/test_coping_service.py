"""Service edges: population priors stay anonymous, running totals stay right."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.accounts import service as accounts
from mend.accounts.models import Membership, Organisation
from mend.accounts.passwords import make_hasher
from mend.accounts.roles import Role
from mend.coping import service as coping
from mend.coping.models import CopingMoment, StrategyOutcome
from tests.conftest import PASSWORD, T0, World

LIMITS = coping.MomentLimits(now=T0, skew=timedelta(minutes=5), imminent_urge_level=8)
EARLIER = T0 - timedelta(hours=1)


def new_client(db: Session, org: Organisation, name: str) -> Membership:
    return accounts.create_user(
        db,
        org=org,
        email=f"{name}@example.org",
        name=name.capitalize(),
        password=PASSWORD,
        role=Role.CLIENT,
        hasher=make_hasher(time_cost=1, memory_cost=64, parallelism=1),
        now=T0,
    )


def item(db: Session, client: Membership, ref: str) -> str:
    result = coping.add_to_jar(
        db, client=client, strategy_ref=ref, stage_of_change=None, by=client.id, now=T0
    )
    return result.entry.item.id


def used(
    db: Session, client: Membership, ref: str, before: int, after: int | None, key: str = "k-000001"
) -> CopingMoment:
    data = coping.MomentData(
        occurred_at=EARLIER,
        distress_before=before,
        distress_after=after,
        strategy_ids=(item(db, client, ref),),
    )
    return coping.log_moment(db, client=client, key=key, data=data, limits=LIMITS).moment


def priors(db: Session, client: Membership) -> dict[str, float]:
    return coping.population_priors(
        db, org_id=client.org_id, client_id=client.id, refs=["box-breathing"]
    )


def outcomes(db: Session) -> dict[tuple[str, str], tuple[int, int]]:
    rows = db.scalars(select(StrategyOutcome))
    return {(r.strategy_ref, r.client_id): (r.uses, r.drop_total) for r in rows}


def others(db: Session, world: World, n: int) -> list[Membership]:
    return [new_client(db, world.riverside, f"other{i}") for i in range(n)]


def test_priors_need_five_other_clients(db: Session, world: World) -> None:
    used(db, world.alice, "box-breathing", 8, 2)
    used(db, world.bob, "box-breathing", 8, 4)
    for other in others(db, world, 3):
        used(db, other, "box-breathing", 8, 4)
    assert priors(db, world.alice) == {}, "alice's own use is not someone else's"
    used(db, new_client(db, world.riverside, "dan"), "box-breathing", 9, 3)
    assert priors(db, world.alice) == {"box-breathing": (4 * 4 + 6) / 5}


def test_another_organisation_does_not_count(db: Session, world: World) -> None:
    used(db, world.bob, "box-breathing", 8, 4)
    used(db, new_client(db, world.riverside, "carol"), "box-breathing", 8, 4)
    used(db, world.eve, "box-breathing", 8, 4)
    assert priors(db, world.alice) == {}


def test_a_client_whose_uses_were_edited_away_does_not_count(db: Session, world: World) -> None:
    carol = new_client(db, world.riverside, "carol")
    used(db, world.bob, "box-breathing", 8, 4)
    for other in others(db, world, 3):
        used(db, other, "box-breathing", 8, 4)
    moment = used(db, carol, "box-breathing", 8, 4)
    assert priors(db, world.alice) == {"box-breathing": 4.0}
    edit(db, carol, moment, distress_after=None)
    db.expire_all()
    assert priors(db, world.alice) == {}


def edit(db: Session, client: Membership, moment: CopingMoment, **changes: object) -> None:
    now = coping.snapshot(moment)
    data = coping.MomentData(
        occurred_at=moment.occurred_at,
        distress_before=int(changes.get("distress_before", now["distress_before"])),  # type: ignore[call-overload]
        distress_after=changes.get("distress_after", now["distress_after"]),  # type: ignore[arg-type]
        strategy_ids=tuple(changes.get("strategy_ids", now["strategy_ids"])),  # type: ignore[call-overload]
    )
    coping.edit_moment(
        db,
        client=client,
        moment=moment,
        data=data,
        version=moment.version,
        edit_window=timedelta(hours=24),
        limits=LIMITS,
    )


def test_totals_follow_an_edit(db: Session, world: World) -> None:
    alice = world.alice
    moment = used(db, alice, "box-breathing", 8, 3)
    assert outcomes(db) == {("box-breathing", alice.id): (1, 5)}
    edit(db, alice, moment, distress_after=6)
    assert outcomes(db) == {("box-breathing", alice.id): (1, 2)}
    paced = item(db, alice, "paced-breathing")
    edit(db, alice, moment, strategy_ids=(paced,))
    assert outcomes(db) == {
        ("box-breathing", alice.id): (0, 0),
        ("paced-breathing", alice.id): (1, 2),
    }
    edit(db, alice, moment, distress_after=None)
    assert outcomes(db) == {
        ("box-breathing", alice.id): (0, 0),
        ("paced-breathing", alice.id): (0, 0),
    }
    assert moment.version == 4


def test_totals_match_the_moments_after_edits(db: Session, world: World) -> None:
    alice = world.alice
    walk = item(db, alice, "brisk-walk")
    first = used(db, alice, "box-breathing", 9, 5, key="k-000001")
    used(db, alice, "paced-breathing", 7, 4, key="k-000002")
    edit(db, alice, first, strategy_ids=(walk, *coping.snapshot(first)["strategy_ids"]))
    edit(db, alice, first, distress_before=10)
    db.expire_all()
    expected: dict[str, list[int]] = {}
    for m in db.scalars(select(CopingMoment)):
        for s in m.strategies:
            uses, drop = expected.setdefault(s.strategy_ref, [0, 0])
            fell = m.distress_before - (m.distress_after or 0)
            expected[s.strategy_ref] = [uses + 1, drop + fell]
    assert outcomes(db) == {(ref, alice.id): tuple(v) for ref, v in expected.items()}
    assert outcomes(db)[("brisk-walk", alice.id)] == (1, 5)
