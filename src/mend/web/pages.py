"""Template set-up shared by every page, and the routes that belong to no feature."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from fastapi.templating import Jinja2Templates

from mend.web.auth import public

router = APIRouter()


def when(value: datetime | None) -> str:
    return value.strftime("%d %b %Y, %H:%M UTC") if value else ""


def first_upper(text: str) -> str:
    """Capitalise the first letter only ("to deal with feeling I deserve it")."""
    return text[:1].upper() + text[1:]


def configure(templates: Jinja2Templates) -> None:
    templates.env.filters["when"] = when
    templates.env.filters["first_upper"] = first_upper
    templates.env.globals["role_names"] = {
        "client": "Client",
        "therapist": "Therapist",
        "coach": "Coach",
        "admin": "Admin",
    }


@router.get("/healthz", dependencies=[public()])
def health() -> dict[str, str]:
    return {"status": "ok"}
