"""The demo's messages story on the test world: alice wrote kind, ordinary
messages to Tara and Cole over the past weeks; she agreed to consultation with
both and they have a short thread about pacing; one message to Cole is
unread. Nothing raises an alert and nothing is in the future."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.care import service as care
from mend.care.messages import service
from mend.care.messages.demo_stories import tell_stories
from mend.care.messages.models import ConsultationPost, Message
from mend.care.policy import Category
from mend.safety.models import RiskSignal
from tests.conftest import T0, World
from tests.integration import stories

NOW = T0 + timedelta(days=40)  # the personas joined at T0


def _tell(db: Session, world: World) -> None:
    stories.tell(tell_stories, db, world, NOW)


def test_alice_and_her_team_have_a_believable_history(world: World, db: Session) -> None:
    _tell(db, world)
    messages = list(db.scalars(select(Message)))
    assert len(messages) >= 8
    assert {(m.client_id, m.member_id) for m in messages} == {
        (world.alice.id, world.tara.id),
        (world.alice.id, world.cole.id),
    }
    assert all(T0 < m.sent_at < NOW for m in messages)
    assert all(m.sender_id in (m.client_id, m.member_id) for m in messages)
    cole = service.unread_for(db, member_id=world.cole.id, client_ids=[world.alice.id])
    assert cole[world.alice.id].unread == 1
    tara = service.unread_for(db, member_id=world.tara.id, client_ids=[world.alice.id])
    assert tara[world.alice.id].unread == 0
    assert all(r.unread == 0 for r in service.client_threads(db, client=world.alice))
    [unread] = [m for m in messages if m.read_at is None]
    assert unread.sender_id == world.alice.id and unread.member_id == world.cole.id
    assert unread.sent_at == max(m.sent_at for m in messages)
    assert list(db.scalars(select(RiskSignal))) == []


def test_alice_agreed_to_consultation_and_the_thread_is_short(world: World, db: Session) -> None:
    _tell(db, world)
    for member in (world.tara, world.cole):
        assert care.is_consented(
            db,
            client_id=world.alice.id,
            member_id=member.id,
            team_role_name=member.role,
            category=Category.CONSULTATION,
        )
    posts = service.posts_of(db, client_id=world.alice.id)
    assert 2 <= len(posts) <= 6
    assert {p.author_id for p in posts} == {world.tara.id, world.cole.id}
    assert all(T0 < p.posted_at < NOW for p in posts)
    assert posts == sorted(posts, key=lambda p: p.posted_at)
    assert any("pace" in p.body for p in posts)
    assert not list(
        db.scalars(select(ConsultationPost).where(ConsultationPost.client_id == world.bob.id))
    )


def test_telling_it_without_the_team_in_place_does_nothing(world: World, db: Session) -> None:
    tell_stories(
        db, org=world.riverside, clients={"bob": world.bob}, therapist=world.tara,
        coach=world.cole, now=NOW,
    )  # fmt: skip
    assert list(db.scalars(select(Message))) == []
