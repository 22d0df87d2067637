"""Security headers on pages and API answers; no caching of anything personal."""

from __future__ import annotations

from fastapi.testclient import TestClient

from mend.web.security import CSP


def test_pages_carry_the_security_headers(sign_in) -> None:
    response = sign_in("alice").http.get("/today")
    headers = response.headers
    assert headers["content-security-policy"] == CSP
    assert "frame-ancestors 'none'" in CSP and "script-src 'self'" in CSP
    assert "unsafe-inline" not in CSP and "http" not in CSP
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["cache-control"] == "no-store"
    assert headers["referrer-policy"] == "no-referrer"
    assert "strict-transport-security" not in headers


def test_api_answers_are_not_cached(sign_in) -> None:
    assert sign_in("alice").http.get("/api/v1/me").headers["cache-control"] == "no-store"


def test_errors_carry_the_headers_too(anon: TestClient) -> None:
    response = anon.get("/api/v1/me")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"


def test_hsts_under_https(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app, base_url="https://testserver") as http:
        assert "max-age=" in http.get("/healthz").headers["strict-transport-security"]


def test_secure_cookies_under_https(app, world) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import PASSWORD
    from tests.integration.conftest import form_login

    with TestClient(app, base_url="https://testserver") as http:
        response = form_login(http, "alice@example.org", PASSWORD)
        assert "Secure" in response.headers["set-cookie"]


def test_pages_load_nothing_from_other_origins(sign_in) -> None:
    page = sign_in("alice").http.get("/today").text
    for attribute in ('src="http', "src='http", 'href="http', "href='http", "//"):
        assert attribute not in page.replace("http://www.w3.org", "")


def test_no_inline_scripts_in_any_page(sign_in) -> None:
    ada = sign_in("ada")
    for url in (
        "/admin/people",
        "/admin/audit",
        "/admin/settings",
        "/admin/break-glass",
        "/account/sessions",
        "/account/security",
    ):
        text = ada.http.get(url).text
        assert "<script>" not in text and "onclick=" not in text and "javascript:" not in text


def test_static_files_may_be_cached(anon: TestClient) -> None:
    response = anon.get("/static/app.css")
    assert response.status_code == 200 and "no-store" not in response.headers.get(
        "cache-control", ""
    )


def test_the_openapi_schema_is_served_and_there_are_no_cdn_docs(anon: TestClient) -> None:
    assert anon.get("/api/v1/openapi.json").status_code == 200
    assert anon.get("/docs").status_code == 404
