"""Typed settings read from MEND_* environment variables.

Every value is checked when the process starts, so a typo in a deployment fails
loudly at boot instead of quietly weakening security later.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

PREFIX = "MEND_"
# MEND_TEST_* variables belong to the test suite (e.g. MEND_TEST_DATABASE_URL).
RESERVED_PREFIX = "MEND_TEST_"


class SettingsError(RuntimeError):
    """A setting is missing or has a value Mend cannot use."""


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    data_dir: Path = Path("mend-data")
    database_url: str = ""
    secret_key: str = ""
    old_secret_keys: tuple[str, ...] = ()
    https: bool = False
    log_sql: bool = False

    argon2_time_cost: int = Field(default=3, ge=1, le=20)
    argon2_memory_cost: int = Field(default=65536, ge=8, le=4_194_304)
    argon2_parallelism: int = Field(default=4, ge=1, le=64)

    session_idle_minutes_client: int = Field(default=30, ge=1, le=24 * 60)
    session_idle_minutes_practitioner: int = Field(default=15, ge=1, le=24 * 60)
    session_absolute_hours: int = Field(default=12, ge=1, le=72)
    api_token_hours: int = Field(default=12, ge=1, le=24 * 90)

    login_account_free_failures: int = Field(default=5, ge=1, le=100)
    login_ip_free_failures: int = Field(default=20, ge=1, le=10_000)
    login_window_minutes: int = Field(default=15, ge=1, le=24 * 60)
    login_max_delay_seconds: int = Field(default=900, ge=1, le=24 * 3600)

    # Clinical thresholds (clinical-model §2-3); defaults are the model's own.
    imminent_urge_level: int = Field(default=8, ge=1, le=10)
    urge_passed_level: int = Field(default=4, ge=1, le=10)
    moment_edit_hours: int = Field(default=24, ge=0, le=24 * 7)
    clock_skew_minutes: int = Field(default=5, ge=0, le=60)
    grief_window_days: int = Field(default=14, ge=1, le=90)
    grief_minimum_moments: int = Field(default=5, ge=1, le=100)
    # A questionnaire round left unanswered this many days shows as overdue.
    measure_overdue_days: int = Field(default=3, ge=1, le=60)
    # PCL-5 probable-PTSD cut-off: the literature gives 31-33.
    pcl5_cutoff: int = Field(default=33, ge=31, le=33)
    # Insights for the therapist (clinical-model §3). Goodness of fit becomes a
    # finding only with enough moments to mean something: 8 moments with a
    # controllability rating in 28 days is about two a week over the window
    # readiness also uses; with fewer, one moment moves the rate by more than
    # 12 points. Under 50 % means mismatches are the majority, not one bad day.
    fit_window_days: int = Field(default=28, ge=7, le=180)
    fit_minimum_moments: int = Field(default=8, ge=3, le=500)
    fit_low_percent: int = Field(default=50, ge=1, le=100)
    # Growth (clinical-model §4). PTGI-SF and BRS publish no reliable-change
    # threshold, so "growth is showing" is our convention: a PTGI-SF domain up 2
    # of its 10 points (a step on each of its two items), the total up 5 of 50
    # (a step on half the items), BRS up 0.5 (three steps over its six items).
    # A smaller change reads "about the same", never as a verdict.
    growth_domain_points: int = Field(default=2, ge=1, le=10)
    growth_total_points: int = Field(default=5, ge=1, le=50)
    growth_brs_points: float = Field(default=0.5, gt=0, le=4)

    # Safety (clinical-model §5): how often alerts are checked for escalation
    # and queued email is sent; the longest journal entry; the address that
    # links in email point to.
    alert_check_seconds: int = Field(default=60, ge=5, le=3600)
    journal_max_chars: int = Field(default=20_000, ge=100, le=200_000)
    base_url: str = "http://127.0.0.1:8000"

    # Email is off until a host is set; alerts are always in the app.
    smtp_host: str = ""
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_from: str = "mend@localhost"
    smtp_starttls: bool = True

    break_glass_minutes: int = Field(default=60, ge=5, le=24 * 60)
    max_body_bytes: int = Field(default=1_048_576, ge=1024, le=64 * 1_048_576)
    # Requests served at once; must stay below the 40 request threads (see web/transaction.py).
    concurrency: int = Field(default=16, ge=1, le=32)

    @field_validator("secret_key")
    @classmethod
    def _secret_long_enough(cls, value: str) -> str:
        if value and len(value) < 32:
            raise ValueError("must be at least 32 characters (use `mend secret` to make one)")
        return value

    @field_validator("old_secret_keys", mode="before")
    @classmethod
    def _split_old_keys(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if value and not value.startswith(("sqlite://", "postgresql://", "postgresql+psycopg://")):
            raise ValueError("must start with sqlite:// or postgresql://")
        return value

    @field_validator("base_url")
    @classmethod
    def _web_address(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @property
    def mail_enabled(self) -> bool:
        return bool(self.smtp_host)

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return normalise_database_url(self.database_url)
        return f"sqlite:///{self.data_dir / 'mend.db'}"

    def require_secret(self) -> None:
        if not self.secret_key:
            raise SettingsError(
                "MEND_SECRET_KEY or MEND_SECRET_KEY_FILE must be set outside the demo"
            )


def normalise_database_url(url: str) -> str:
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def _read_file_secret(name: str, path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise SettingsError(f"{name}: cannot read {path}: {exc.strerror}") from exc


def _raw_values(environ: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in environ.items():
        if not key.startswith(PREFIX) or key.startswith(RESERVED_PREFIX):
            continue
        name = key.removeprefix(PREFIX).lower()
        if name.endswith("_file"):
            name = name.removesuffix("_file")
            value = _read_file_secret(key, value)
        if name not in Settings.model_fields:
            raise SettingsError(f"{key} is not a Mend setting")
        values[name] = value
    return values


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    values = _raw_values(os.environ if environ is None else environ)
    values.update(overrides)
    try:
        return Settings(**values)
    except ValidationError as exc:
        problems = "; ".join(
            f"{PREFIX}{'.'.join(str(p) for p in err['loc']).upper()}: {err['msg']}"
            for err in exc.errors()
        )
        raise SettingsError(problems) from None
