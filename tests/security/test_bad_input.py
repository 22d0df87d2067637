"""Bad input gets the documented error shape with the field at fault, never a 500,
and nothing is half-written."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mend.accounts.models import User
from mend.care.models import ConsentChange
from tests.conftest import World


def error(response) -> dict:  # type: ignore[no-untyped-def,type-arg]
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}
    return body["error"]  # type: ignore[no-any-return]


def consent_url(world: World) -> str:
    return f"/api/v1/clients/{world.alice.id}/consent"


def test_malformed_json(sign_in, world: World) -> None:
    response = sign_in("alice").send(
        "PUT",
        consent_url(world),
        content=b'{"member_id": ',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 400 and error(response)["code"] == "malformed_json"


def test_invalid_utf8(sign_in, world: World) -> None:
    response = sign_in("alice").send(
        "PUT",
        consent_url(world),
        content=b'{"member_id": "\xff\xfe"}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code in (400, 422)
    assert error(response)["fields"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"member_id": "x", "category": "coping", "granted": "perhaps"}, "granted"),
        ({"member_id": "x", "category": "feelings", "granted": True}, "category"),
        ({"member_id": 12, "category": "coping", "granted": True}, "member_id"),
        ({"category": "coping", "granted": True}, "member_id"),
        ({"member_id": "x" * 500, "category": "coping", "granted": True}, "member_id"),
        ({"member_id": "x", "category": "coping", "granted": True, "admin": True}, "admin"),
    ],
)
def test_wrong_types_unknown_fields_and_long_strings_name_the_field(
    sign_in, world: World, db: Session, body: dict, field: str
) -> None:  # type: ignore[type-arg]
    response = sign_in("alice").send("PUT", consent_url(world), json=body)
    assert response.status_code == 422
    assert field in error(response)["fields"]
    assert db.scalar(select(func.count()).select_from(ConsentChange)) == 0


def test_oversized_bodies_are_refused(sign_in, world: World) -> None:
    response = sign_in("alice").send(
        "PUT",
        consent_url(world),
        content=b"{" + b" " * 2_000_000 + b"}",
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413 and error(response)["code"] == "too_large"


def test_oversized_chunked_bodies_are_refused(sign_in, world: World) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(40):
            yield b" " * 65536

    response = sign_in("alice").send(
        "PUT", consent_url(world), content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


@pytest.mark.parametrize("client_id", ["no-such-id", "' OR 1=1 --", "%2e%2e", "a" * 300])
def test_unknown_and_hostile_ids_are_404(sign_in, client_id: str) -> None:
    assert sign_in("tara").http.get(f"/api/v1/clients/{client_id}").status_code == 404


def test_sql_injection_in_login_is_just_a_wrong_password(anon: TestClient, world: World) -> None:
    response = anon.post(
        "/api/v1/auth/token",
        json={"email": "alice@example.org' OR '1'='1", "password": "' OR '1'='1"},
    )
    assert response.status_code == 401 and error(response)["code"] == "wrong_credentials"


def test_html_in_names_is_escaped_everywhere(sign_in, world: World, db: Session) -> None:
    ada = sign_in("ada")
    evil = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    response = ada.send(
        "POST",
        "/api/v1/people",
        json={
            "email": "mallory@example.org",
            "display_name": evil,
            "role": "client",
            "password": "a long and unusual passphrase",
        },
    )
    assert response.status_code == 201
    page = ada.http.get("/admin/people").text
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_weak_password_is_refused_and_nothing_is_created(sign_in, db: Session) -> None:
    response = sign_in("ada").send(
        "POST",
        "/api/v1/people",
        json={
            "email": "new@example.org",
            "display_name": "New",
            "role": "client",
            "password": "qwerty123456",
        },
    )
    assert response.status_code == 422 and "password" in error(response)["fields"]
    assert db.scalar(select(User).where(User.email == "new@example.org")) is None


def test_a_bad_email_names_the_field(sign_in) -> None:
    response = sign_in("ada").send(
        "POST",
        "/api/v1/people",
        json={
            "email": "not-an-email",
            "display_name": "New",
            "role": "client",
            "password": "a long and unusual passphrase",
        },
    )
    assert response.status_code == 422 and "email" in error(response)["fields"]


def test_an_unknown_role_names_the_field(sign_in) -> None:
    response = sign_in("ada").send(
        "POST",
        "/api/v1/people",
        json={
            "email": "x@example.org",
            "display_name": "X",
            "role": "superuser",
            "password": "a long and unusual passphrase",
        },
    )
    assert response.status_code == 422 and "role" in error(response)["fields"]


def test_an_expired_session_is_told_to_sign_in(sign_in, clock) -> None:  # type: ignore[no-untyped-def]
    alice = sign_in("alice")
    clock.shift(31 * 60)
    response = alice.http.get("/api/v1/me")
    assert response.status_code == 401 and error(response)["code"] == "not_signed_in"


def test_bad_query_values_name_the_field(sign_in) -> None:
    response = sign_in("ada").http.get("/api/v1/audit", params={"since": "yesterday"})
    assert response.status_code == 422 and "since" in error(response)["fields"]


def test_unknown_routes_use_the_error_shape(anon: TestClient) -> None:
    response = anon.get("/api/v1/nothing-here")
    assert response.status_code == 404 and error(response)["code"] == "not_found"


def test_wrong_method_uses_the_error_shape(anon: TestClient) -> None:
    response = anon.patch("/api/v1/auth/token")
    assert response.status_code == 405 and error(response)["code"] == "method_not_allowed"


def test_nul_characters_in_bodies_name_the_field(sign_in, world: World) -> None:
    body = {"member_id": "a\x00b", "category": "coping", "granted": True}
    response = sign_in("alice").send("PUT", consent_url(world), json=body)
    assert response.status_code == 422 and "member_id" in error(response)["fields"]


def test_nul_characters_in_queries_are_refused(sign_in) -> None:
    response = sign_in("ada").http.get("/api/v1/audit?user=a%00b")
    assert response.status_code == 400 and error(response)["fields"] == {
        "query": "contains a character that is not allowed"
    }


def test_nul_characters_in_forms_never_crash(anon: TestClient, world: World) -> None:
    response = anon.post("/api/v1/auth/token", json={"email": "a\x00@example.org", "password": "x"})
    assert response.status_code == 422 and "email" in error(response)["fields"]


def test_nul_characters_in_paths_are_refused(sign_in) -> None:
    response = sign_in("tara").http.get("/api/v1/clients/a%00b")
    assert response.status_code == 400 and "path" in error(response)["fields"]
