"""The FastAPI application factory."""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import AsyncIterator, Iterable, Iterator
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine

from mend import __version__
from mend.accounts import admin as accounts_admin
from mend.accounts import routes as accounts_routes
from mend.accounts.passwords import make_hasher
from mend.audit import routes as audit_routes
from mend.care import routes as care_routes
from mend.care.caseload import routes as caseload_routes
from mend.care.goals import routes as goals_routes
from mend.care.homework import routes as homework_routes
from mend.care.messages import routes as messages_routes
from mend.care.notes import routes as notes_routes
from mend.coping import pages as coping_pages
from mend.coping import routes as coping_routes
from mend.crypto import keyring
from mend.db import make_engine, make_sessionmaker
from mend.healing import routes as healing_routes
from mend.healing import view_routes as healing_view_routes
from mend.measures import pages as measures_pages
from mend.measures import routes as measures_routes
from mend.outcomes import routes as outcomes_routes
from mend.reports import routes as report_routes
from mend.safety import admin as safety_admin
from mend.safety import jobs as safety_jobs
from mend.safety import plan_routes as safety_plan
from mend.safety import routes as safety_routes
from mend.settings import Settings
from mend.web import errors, pages
from mend.web.security import BodyLimitMiddleware, SecurityHeadersMiddleware
from mend.web.transaction import TransactionMiddleware

WEB = Path(__file__).parent / "web"


def create_app(
    settings: Settings, *, engine: Engine | None = None, safety_clock: bool = False
) -> FastAPI:
    """``safety_clock`` runs alert escalation and email beside the server
    (`mend serve`); tests drive that clock themselves."""
    settings.require_secret()
    keyring.load(settings.secret_key, old_secrets=settings.old_secret_keys)
    engine = engine or make_engine(settings.resolved_database_url, echo=settings.log_sql)
    app = FastAPI(
        lifespan=_with_safety_clock if safety_clock else None,
        title="Mend API",
        version=__version__,
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_sessionmaker(engine)
    app.state.hasher = make_hasher(
        time_cost=settings.argon2_time_cost,
        memory_cost=settings.argon2_memory_cost,
        parallelism=settings.argon2_parallelism,
    )
    app.state.templates = Jinja2Templates(directory=WEB / "templates")
    pages.configure(app.state.templates)
    errors.install(app)
    for module in (
        pages,
        accounts_routes,
        accounts_admin,
        care_routes,
        caseload_routes,
        goals_routes,
        homework_routes,
        notes_routes,
        messages_routes,
        audit_routes,
        coping_routes,
        coping_pages,
        measures_routes,
        measures_pages,
        safety_routes,
        safety_plan,
        safety_admin,
        healing_routes,
        outcomes_routes,
        report_routes,
        healing_view_routes,
    ):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    reads = engine
    if engine.dialect.name == "sqlite":
        reads = make_engine(engine.url.render_as_string(hide_password=False), immediate=False)
    app.add_middleware(
        TransactionMiddleware,
        factory=app.state.session_factory,
        read_factory=make_sessionmaker(reads),
        slots=settings.concurrency,
    )
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware, force_https=settings.https)
    return app


@contextlib.asynccontextmanager
async def _with_safety_clock(app: FastAPI) -> AsyncIterator[None]:
    task = asyncio.create_task(
        safety_jobs.run_forever(app.state.session_factory, settings=app.state.settings)
    )
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def settle_memory() -> None:
    """Before serving: move everything loaded so far (modules, templates, the
    catalog) out of the garbage collector's sight, so its full passes stay short
    and a page does not wait 100 ms+ for one (see bench/RESULTS.md)."""
    gc.collect()
    gc.freeze()


def api_routes(routes: Iterable[Any]) -> Iterator[APIRoute]:
    """Every endpoint in a route table, looking inside included routers."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif (included := getattr(route, "original_router", None)) is not None:
            yield from api_routes(included.routes)
