"""Small helpers shared by the HTML pages: rendering, redirects, sign-in CSRF."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from mend.web.errors import ApiError

PRE_COOKIE = "mend_pre"


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    principal = context.get("principal")
    if principal is not None and principal.role == "therapist":
        context.setdefault("open_alert_count", _open_alerts(request, principal))
    templates = request.app.state.templates
    response: Response = templates.TemplateResponse(
        request, template, context, status_code=status_code
    )
    return response


def _open_alerts(request: Request, principal: Any) -> int:
    """Open alerts in the therapist's menu on every page: alerts are always in the app."""
    from mend.safety.service import open_count_for
    from mend.web.transaction import db_reader

    return open_count_for(
        db_reader(request), member_id=principal.membership.id, org_id=principal.org_id
    )


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _signature(request: Request, value: str) -> str:
    key = request.app.state.settings.secret_key.encode()
    return hmac.new(key, b"pre-session-csrf:" + value.encode(), hashlib.sha256).hexdigest()


def render_anonymous(
    request: Request, template: str, status_code: int = 200, **context: Any
) -> Response:
    """Render a form shown before sign-in, with a cookie-bound CSRF token."""
    value = request.cookies.get(PRE_COOKIE) or secrets.token_urlsafe(24)
    response = render(request, template, status_code, csrf=_signature(request, value), **context)
    response.set_cookie(
        PRE_COOKIE,
        value,
        httponly=True,
        samesite="lax",
        secure=request.app.state.settings.https or request.url.scheme == "https",
        path="/",
    )
    return response


def check_anonymous_csrf(request: Request, sent: str) -> None:
    value = request.cookies.get(PRE_COOKIE)
    if not value or not sent or not hmac.compare_digest(sent, _signature(request, value)):
        raise ApiError(
            403,
            "This form has expired. Please reload the page and try again.",
            code="csrf_failed",
            fields={"csrf_token": "missing or does not match"},
        )
