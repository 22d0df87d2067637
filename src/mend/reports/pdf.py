"""The printable report and its PDF, drawn with WeasyPrint.

The PDF is the printable page's HTML with the report stylesheet read from the
package (no link is followed), charts inline as SVG, and fonts from the
machine (DejaVu, through fontconfig). WeasyPrint is given a URL fetcher that
refuses every URL, so a report can never make a request to anywhere: not to
this server, not to another site, not to the file system.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

# Imported with the app, not on the first download: WeasyPrint and its
# libraries take a second or more to load, which would otherwise land on the
# first person to ask for a PDF.
from weasyprint import CSS, HTML
from weasyprint.formatting_structure.boxes import TextBox
from weasyprint.urls import URLFetcher

from mend.reports import content, svg

STYLESHEET = Path(__file__).parents[1] / "web" / "static" / "report.css"
TEMPLATE = "reports/print.html"
log = logging.getLogger("mend.reports")


class RefusedFetchError(ValueError):
    """A report tried to load something: it must not (all it needs is inline)."""


@cache
def stylesheet_text() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def charts_of(report: dict[str, Any]) -> dict[str, Markup]:
    """The report's charts, safe to put in a page (svg.py escapes every text)."""
    return {key: Markup(text) for key, text in svg.report_charts(report).items()}  # noqa: S704


def page_html(
    env: Environment, report: dict[str, Any], *, for_pdf: bool, title: str | None = None
) -> str:
    """The standalone printable page (also what the PDF is made from)."""
    return env.get_template(TEMPLATE).render(
        report=report,
        charts=charts_of(report),
        for_pdf=for_pdf,
        day=content.iso_words,
        title=title or f"Progress report: {report['client_name']}",
    )


class Refuse(URLFetcher):  # type: ignore[misc]
    """The URL fetcher of every report: it fetches nothing, and remembers what
    was asked for (a test checks that nothing was)."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=())
        self.attempts: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> Any:
        self.attempts.append(url)
        log.warning("a progress report tried to fetch %s; refused", url[:200])
        raise RefusedFetchError(url)


def document(html: str) -> Any:
    """The laid-out document (pages of boxes): for the PDF, and for tests to read."""
    fetcher = Refuse()
    parsed = HTML(string=html, base_url=None, url_fetcher=fetcher)
    found = parsed.render(stylesheets=[CSS(string=stylesheet_text(), url_fetcher=fetcher)])
    found.fetch_attempts = fetcher.attempts
    return found


def to_pdf(html: str) -> bytes:
    """The PDF, tagged (headings, lists and tables marked up for screen readers;
    it costs a few per cent of the time)."""
    data: bytes = document(html).write_pdf(pdf_tags=True)
    return data


def text_of(doc: Any) -> str:
    """Every piece of text laid out in the document, page by page (what a
    reader of the PDF sees), for tests: pypdf is not a dependency."""
    parts: list[str] = []
    for page in doc.pages:
        parts.extend(box.text for box in page._page_box.descendants() if isinstance(box, TextBox))
    return " ".join(" ".join(parts).split())
