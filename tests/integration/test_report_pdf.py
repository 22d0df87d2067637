"""The PDF and the printable page: a real PDF of the same report the page
shows, with its text laid out (read from WeasyPrint's own document: pypdf is
not a dependency), charts inline with their text alternatives, and nothing
fetched from anywhere, not even this server."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from markupsafe import escape
from sqlalchemy.orm import Session

from mend.reports import pdf
from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.report_helpers import API, SIX_MONTHS, report, tell_alice
from tests.integration.test_healing_helpers import ok

SignIn = Callable[[str], SignedIn]


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The HTML each PDF the app makes is drawn from (the PDF is made as usual)."""
    seen: list[str] = []
    real = pdf.to_pdf

    def keep(html: str) -> bytes:
        seen.append(html)
        return real(html)

    monkeypatch.setattr(pdf, "to_pdf", keep)
    return seen


def test_tara_downloads_a_pdf_that_says_what_changed(
    sign_in: SignIn, world: World, db: Session, made: list[str]
) -> None:
    tell_alice(db, world)
    response = sign_in("tara").http.get(report(world, ".pdf"), params=SIX_MONTHS)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-") and response.content.rstrip().endswith(b"%%EOF")
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == (
        'attachment; filename="progress-report-2025-09-03-to-2026-03-02.pdf"'
    )
    assert "no-store" in response.headers["cache-control"]
    (html,) = made
    doc = pdf.document(html)
    text = pdf.text_of(doc)
    assert "Progress report: Alice" in text and "3 September 2025 to 2 March 2026" in text
    assert "Clinical version, for the treating therapist" in text
    assert "Moved from stage 1 to stage 2 (remembrance and mourning) on" in text
    assert "once readiness was met." in text and "after the first processing session" in text
    assert "Symptoms fell: PHQ-9 from" in text
    assert "PHQ-9 scores per month, in the order answered" in text  # six months: per month
    assert re.search(r"Page 1 of \d+", text)
    assert "use your browser’s print command" not in text  # the printable page's hint only
    assert doc.fetch_attempts == []


def test_alice_downloads_her_own_in_her_own_words(
    sign_in: SignIn, world: World, db: Session, made: list[str]
) -> None:
    tell_alice(db, world)
    response = sign_in("alice").http.get("/my-record/report.pdf", params=SIX_MONTHS)
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    text = pdf.text_of(pdf.document(made[0]))
    assert "Alice’s own version" in text and "once you were ready" in text
    assert "remembrance and mourning" not in text and "Goodness of fit" not in text


def test_the_printable_page_is_the_same_report_with_nothing_from_elsewhere(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tell_alice(db, world)
    tara = sign_in("tara").http
    page = tara.get(report(world, "/print"), params=SIX_MONTHS)
    assert page.status_code == 200 and "no-store" in page.headers["cache-control"]
    assert "default-src 'self'" in page.headers["content-security-policy"]
    html = page.text
    assert "<script" not in html and " style=" not in html
    assert re.findall(r'(?:href|src)="([^"]+)"', html) == ["data:,", "/static/report.css"]
    charts = re.findall(r"<svg[^>]*>", html)
    assert len(charts) >= 5
    assert all('role="img"' in c and "aria-labelledby" in c for c in charts)
    found = ok(tara.get(f"{API}/clients/{world.alice.id}/report", params=SIX_MONTHS), 200)
    for line in found["summary"]:
        assert str(escape(line)) in html
    assert tara.get("/static/report.css").status_code == 200


def test_a_report_never_fetches_even_when_its_html_asks() -> None:
    html = (
        '<html><head><link rel="stylesheet" href="https://cdn.example.com/x.css"></head>'
        '<body><img src="http://example.com/pixel.png"><img src="file:///etc/passwd">'
        "<p>Hello</p></body></html>"
    )
    doc = pdf.document(html)
    assert sorted(doc.fetch_attempts) == [
        "file:///etc/passwd", "http://example.com/pixel.png", "https://cdn.example.com/x.css",
    ]  # fmt: skip
    assert "Hello" in pdf.text_of(doc)


def test_the_clients_own_words_cannot_make_it_fetch(
    sign_in: SignIn, world: World, made: list[str]
) -> None:
    alice = sign_in("alice")
    body: dict[str, Any] = {
        "title": '<img src="http://example.com/x.png"> Walk <b>daily</b>',
        "idempotency_key": "goal-with-markup-01",
    }
    assert alice.send("POST", f"{API}/clients/{world.alice.id}/goals", json=body).status_code == 201
    response = alice.http.get("/my-record/report.pdf")
    assert response.status_code == 200
    assert "&lt;img src=" in made[0]
    doc = pdf.document(made[0])
    assert doc.fetch_attempts == []
    assert '<img src="http://example.com/x.png"> Walk <b>daily</b>' in pdf.text_of(doc)
