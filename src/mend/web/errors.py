"""One error shape for the API, plain-language error pages for people.

API errors: ``{"error": {"code": str, "message": str, "fields": {name: message}}}``.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

CODES = {
    400: "bad_request",
    401: "not_signed_in",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "too_many_requests",
    503: "unavailable",
}

MESSAGES = {
    400: "The request could not be read.",
    401: "Please sign in.",
    403: "You do not have access to this.",
    404: "We could not find that.",
    405: "That action is not available here.",
    409: "This conflicts with what is already saved.",
    413: "That is more than we can accept at once.",
    422: "Some of what was sent needs another look.",
    429: "Too many attempts. Please wait a little and try again.",
    503: "Mend could not save that just now. Nothing was changed; please try again.",
}


class ApiError(Exception):
    """An expected failure with a status, a code and, when it helps, the field at fault."""

    def __init__(
        self,
        status: int,
        message: str | None = None,
        *,
        code: str | None = None,
        fields: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message or MESSAGES.get(status, ""))
        self.status = status
        self.message = message or MESSAGES.get(status, "Something went wrong.")
        self.code = code or CODES.get(status, "error")
        self.fields = fields or {}
        self.headers = headers or {}


class NotSignedInError(ApiError):
    def __init__(self) -> None:
        super().__init__(401)


def error_body(status: int, message: str, code: str, fields: dict[str, str]) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "fields": fields}}


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or str(loc[0] if loc else "body")


def validation_fields(exc: RequestValidationError) -> tuple[int, str, dict[str, str]]:
    fields: dict[str, str] = {}
    for err in exc.errors():
        if err.get("type") == "json_invalid":
            return 400, "malformed_json", {"body": "This is not valid JSON."}
        fields.setdefault(_field_name(tuple(err.get("loc", ()))), str(err.get("msg", "invalid")))
    return 422, "invalid", fields


def render_error(
    request: Request,
    status: int,
    message: str,
    code: str,
    fields: dict[str, str],
    headers: dict[str, str] | None = None,
) -> Response:
    if wants_json(request):
        return JSONResponse(error_body(status, message, code, fields), status, headers=headers)
    if status == 401:
        return RedirectResponse("/login", status_code=303)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "message": message, "fields": fields},
        status_code=status,
        headers=headers,
    )


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return render_error(request, exc.status, exc.message, exc.code, exc.fields, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        status, code, fields = validation_fields(exc)
        return render_error(request, status, MESSAGES[status], code, fields)

    @app.exception_handler(DataError)
    async def _unstorable(request: Request, exc: DataError) -> Response:
        # The last line of defence: a value the database cannot store is bad input, not a crash.
        return render_error(
            request,
            422,
            MESSAGES[422],
            "invalid",
            {"body": "contains a value that cannot be stored"},
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = MESSAGES.get(exc.status_code, str(exc.detail))
        fields = {"body": "could not be read"} if exc.status_code == 400 else {}
        return render_error(
            request,
            exc.status_code,
            message,
            CODES.get(exc.status_code, "error"),
            fields,
            dict(exc.headers or {}),
        )
