"""Who reaches each messages and consultation address, persona by persona:
alice and bob are clients (tara and cole are on alice's team; bob has none),
ada is the admin, eve and tim are another organisation. Consultation is
closed until alice says yes, so here tara and cole are refused it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import World
from tests.integration.conftest import SignedIn

SignIn = Callable[[str], SignedIn]
PERSONAS = ("alice", "bob", "tara", "cole", "ada", "eve", "tim")

# address (with {alice} and {cole} filled in) -> status per persona
GETS: dict[str, dict[str, int]] = {
    "/api/v1/messages": {
        "alice": 200, "bob": 200, "eve": 200, "tara": 404, "cole": 404, "ada": 404, "tim": 404,
    },
    "/api/v1/messages/{cole}": {
        "alice": 200, "bob": 404, "eve": 404, "tara": 404, "cole": 404, "ada": 404, "tim": 404,
    },
    "/api/v1/caseload/messages": {
        "alice": 403, "bob": 403, "eve": 403, "tara": 200, "cole": 200, "ada": 403, "tim": 200,
    },
    "/api/v1/clients/{alice}/messages": {
        "alice": 200, "bob": 404, "eve": 404, "tara": 200, "cole": 200, "ada": 403, "tim": 404,
    },
    "/api/v1/clients/{alice}/consultation": {
        "alice": 200, "bob": 404, "eve": 404, "tara": 403, "cole": 403, "ada": 403, "tim": 404,
    },
    "/api/v1/my-record/consultation": {
        "alice": 200, "bob": 200, "eve": 200, "tara": 404, "cole": 404, "ada": 404, "tim": 404,
    },
    "/messages": {
        "alice": 200, "bob": 200, "eve": 200, "tara": 200, "cole": 200, "ada": 303, "tim": 200,
    },
    "/messages/{cole}": {
        "alice": 200, "bob": 404, "eve": 404, "tara": 404, "cole": 404, "ada": 404, "tim": 404,
    },
    "/clients/{alice}/messages": {
        "alice": 303, "bob": 404, "eve": 404, "tara": 200, "cole": 200, "ada": 403, "tim": 404,
    },
    "/clients/{alice}/consultation": {
        "alice": 303, "bob": 404, "eve": 404, "tara": 403, "cole": 403, "ada": 403, "tim": 404,
    },
    "/my-record/consultation": {
        "alice": 200, "bob": 200, "eve": 200, "tara": 404, "cole": 404, "ada": 404, "tim": 404,
    },
}  # fmt: skip

# Writing: a well-formed body, so only access decides (201 = sent).
POSTS: dict[str, dict[str, int]] = {
    "/api/v1/messages": {
        "alice": 201, "bob": 422, "eve": 422, "tara": 404, "cole": 404, "ada": 404, "tim": 404,
    },
    "/api/v1/clients/{alice}/messages": {
        "alice": 201, "bob": 404, "eve": 404, "tara": 201, "cole": 201, "ada": 403, "tim": 404,
    },
    "/api/v1/clients/{alice}/consultation": {
        "alice": 403, "bob": 404, "eve": 404, "tara": 403, "cole": 403, "ada": 403, "tim": 404,
    },
}  # fmt: skip


def _fill(url: str, world: World) -> str:
    return url.format(alice=world.alice.id, cole=world.cole.id)


@pytest.mark.parametrize("url", list(GETS))
def test_who_reads_what(sign_in: SignIn, world: World, url: str) -> None:
    got = {
        name: sign_in(name).http.get(_fill(url, world), follow_redirects=False).status_code
        for name in PERSONAS
    }
    assert got == GETS[url]


@pytest.mark.parametrize("url", list(POSTS))
def test_who_writes_what(sign_in: SignIn, world: World, url: str) -> None:
    got = {}
    for name in PERSONAS:
        body = {"body": "Hello", "idempotency_key": f"access-{name}-0001"}
        if world.person(name).role == "client":
            body["member_id"] = world.cole.id  # bob and eve: not on their team
        got[name] = sign_in(name).send("POST", _fill(url, world), json=body).status_code
    assert got == POSTS[url]


def test_signed_out_people_are_sent_to_sign_in(anon, world: World) -> None:  # type: ignore[no-untyped-def]
    for url in GETS:
        response = anon.get(_fill(url, world), follow_redirects=False)
        if url.startswith("/api/"):
            assert response.status_code == 401, url
        else:
            assert (response.status_code, response.headers["location"]) == (303, "/login"), url


def test_the_admin_is_sent_home_from_messages(sign_in: SignIn, world: World) -> None:
    response = sign_in("ada").http.get("/messages", follow_redirects=False)
    assert response.headers["location"] == "/"


def test_a_client_on_the_practitioner_address_is_sent_to_their_own(
    sign_in: SignIn, world: World
) -> None:
    alice = sign_in("alice")
    to_messages = alice.http.get(f"/clients/{world.alice.id}/messages", follow_redirects=False)
    assert to_messages.headers["location"] == "/messages"
    to_record = alice.http.get(f"/clients/{world.alice.id}/consultation", follow_redirects=False)
    assert to_record.headers["location"] == "/my-record/consultation"
