"""Loading and changing accounts, sessions and tokens. Services flush, never commit."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from argon2 import PasswordHasher
from sqlalchemy import func, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from mend.accounts import throttle, totp
from mend.accounts.models import ApiToken, LoginFailure, Membership, Organisation, User, UserSession
from mend.accounts.passwords import hash_password, password_problem, verify_password
from mend.accounts.roles import Role
from mend.settings import Settings

TOKEN_PREFIX = "mend_"  # noqa: S105 - a label, not a secret


@lru_cache(maxsize=4)
def _dummy_hash(time_cost: int, memory_cost: int, parallelism: int) -> str:
    hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)
    return hasher.hash("not-a-real-password-for-timing")


def _spend_like_a_verify(hasher: PasswordHasher, password: str) -> None:
    """Verify against a dummy hash, so an unknown email takes as long as a wrong password."""
    stored = _dummy_hash(hasher.time_cost, hasher.memory_cost, hasher.parallelism)
    verify_password(hasher, stored, password)


class AccountError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_org(
    db: Session, *, name: str, now: datetime, mfa_required: bool = False
) -> Organisation:
    org = Organisation(name=name, mfa_required=mfa_required, created_at=now)
    db.add(org)
    db.flush()
    return org


def zone_of(org: Organisation) -> ZoneInfo:
    """The organisation's time zone; UTC if the stored name no longer resolves."""
    try:
        return ZoneInfo(org.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def today_for(org: Organisation, now: datetime) -> date:
    """Today where the organisation is (a date of "today" means the people's
    today, not the server's)."""
    return now.astimezone(zone_of(org)).date()


def find_user(db: Session, *, email: str) -> User | None:
    return db.scalar(select(User).where(User.email == normalise_email(email)))


def create_user(
    db: Session,
    *,
    org: Organisation,
    email: str,
    name: str,
    password: str,
    role: Role,
    hasher: PasswordHasher,
    now: datetime,
) -> Membership:
    email = normalise_email(email)
    problem = password_problem(password, email=email, name=name)
    if problem:
        raise AccountError("password", problem)
    user = find_user(db, email=email)
    if user is not None:
        # Joining a second organisation needs that person's own agreement, which
        # this admin cannot give for them; until that flow exists, refuse clearly.
        same_org = any(m.org_id == org.id for m in user.memberships)
        raise AccountError(
            "email",
            "This person already has a role in this organisation."
            if same_org
            else "This email already has a Mend account elsewhere. "
            "Please use another email address.",
        )
    user = User(
        email=email,
        display_name=name.strip(),
        password_hash=hash_password(hasher, password),
        created_at=now,
    )
    db.add(user)
    db.flush()
    membership = Membership(user_id=user.id, org_id=org.id, role=role.value, created_at=now)
    db.add(membership)
    db.flush()
    return membership


def change_role(db: Session, *, membership: Membership, role: Role) -> None:
    membership.role = role.value
    db.flush()


def set_password(db: Session, *, user: User, password: str, hasher: PasswordHasher) -> None:
    problem = password_problem(password, email=user.email, name=user.display_name)
    if problem:
        raise AccountError("new_password", problem)
    user.password_hash = hash_password(hasher, password)
    db.flush()


def sign_out_everywhere(
    db: Session, *, user_id: str, now: datetime, reason: str, keep_session_id: str | None = None
) -> None:
    """End every session and revoke every token, except the one in use if asked."""
    db.execute(
        update(UserSession)
        .where(
            UserSession.user_id == user_id,
            UserSession.ended_at.is_(None),
            UserSession.id != (keep_session_id or ""),
        )
        .values(ended_at=now, ended_reason=reason)
    )
    db.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def end_membership(db: Session, *, membership: Membership, now: datetime) -> None:
    membership.ended_at = now
    sign_out_everywhere(db, user_id=membership.user_id, now=now, reason="role_ended")
    db.flush()


def reset_mfa(user: User) -> None:
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None


def only_in(user: User, org_id: str) -> bool:
    """An admin may reset credentials only for people who belong to no other organisation."""
    return all(m.org_id == org_id for m in user.memberships)


def memberships_of(db: Session, *, user_id: str) -> Sequence[Membership]:
    query = select(Membership).where(Membership.user_id == user_id, Membership.ended_at.is_(None))
    return db.scalars(query.order_by(Membership.created_at)).all()


def people_in(db: Session, *, org_id: str) -> Sequence[Membership]:
    query = select(Membership).where(Membership.org_id == org_id).join(Membership.user)
    return db.scalars(query.order_by(Membership.role, User.display_name)).unique().all()


def get_membership(db: Session, *, membership_id: str, org_id: str) -> Membership | None:
    found = db.get(Membership, membership_id)
    return found if found is not None and found.org_id == org_id else None


@dataclass(frozen=True)
class SignIn:
    """The outcome of checking an email and password."""

    user: User | None
    retry_after: int = 0

    @property
    def ok(self) -> bool:
        return self.user is not None and self.retry_after == 0


def _failures_since(
    db: Session, *, column: InstrumentedAttribute[str], value: str, since: datetime
) -> tuple[int, datetime | None]:
    count, last = db.execute(
        select(func.count(), func.max(LoginFailure.at)).where(
            column == value, LoginFailure.at >= since
        )
    ).one()
    return int(count), last


def throttle_wait(db: Session, *, email: str, ip: str, settings: Settings, now: datetime) -> int:
    rules = throttle.ThrottleRules(
        account_free_failures=settings.login_account_free_failures,
        ip_free_failures=settings.login_ip_free_failures,
        max_delay_seconds=settings.login_max_delay_seconds,
    )
    window = now - timedelta(minutes=settings.login_window_minutes)
    user = find_user(db, email=email)
    since = max(window, user.last_login_at) if user and user.last_login_at else window
    by_account = _failures_since(db, column=LoginFailure.email, value=email, since=since)
    by_ip = _failures_since(db, column=LoginFailure.ip, value=ip, since=window)
    return max(
        throttle.retry_after(
            by_account[1],
            throttle.delay_after(by_account[0], free=rules.account_free_failures, rules=rules),
            now,
        ),
        throttle.retry_after(
            by_ip[1], throttle.delay_after(by_ip[0], free=rules.ip_free_failures, rules=rules), now
        ),
    )


def check_password(
    db: Session,
    *,
    reader: Session,
    email: str,
    password: str,
    ip: str,
    hasher: PasswordHasher,
    settings: Settings,
    now: datetime,
) -> SignIn:
    """Check a password. The slow hash runs after reading through ``reader`` and before
    ``db`` is touched, so no write lock is held while it runs."""
    email = normalise_email(email)
    wait = throttle_wait(reader, email=email, ip=ip, settings=settings, now=now)
    if wait:
        return SignIn(user=None, retry_after=wait)
    found = reader.execute(
        select(User.id, User.password_hash).where(User.email == email, User.disabled_at.is_(None))
    ).first()
    reader.rollback()
    if found is None:
        _spend_like_a_verify(hasher, password)
    if found is None or not verify_password(hasher, found.password_hash, password):
        _record_failure(db, email=email, ip=ip, now=now)
        return SignIn(user=None)
    user = db.get_one(User, found.id)
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(hasher, password)
        db.flush()
    return SignIn(user=user)


def _record_failure(db: Session, *, email: str, ip: str, now: datetime) -> None:
    db.add(LoginFailure(email=email, ip=ip, at=now))
    db.flush()


def mark_signed_in(user: User, *, now: datetime) -> None:
    """Fully signed in (after any second step): failed attempts before this stop counting."""
    user.last_login_at = now


def check_mfa_code(
    db: Session, *, user: User, code: str, ip: str, settings: Settings, now: datetime
) -> SignIn:
    """A second-step code, throttled exactly like passwords so codes cannot be guessed."""
    wait = throttle_wait(db, email=user.email, ip=ip, settings=settings, now=now)
    if wait:
        return SignIn(user=None, retry_after=wait)
    if use_totp_code(user, code=code, now=now):
        return SignIn(user=user)
    _record_failure(db, email=user.email, ip=ip, now=now)
    return SignIn(user=None)


def default_membership(db: Session, *, user: User) -> Membership | None:
    found = memberships_of(db, user_id=user.id)
    return found[0] if found else None


def mfa_needed(membership: Membership) -> str:
    """What a person must do about MFA after their password: verify, enrol, or nothing."""
    if membership.user.mfa_enabled:
        return "mfa"
    if Role(membership.role).may_use_mfa and membership.org.mfa_required:
        return "enrol"
    return "active"


def start_session(
    db: Session,
    *,
    membership: Membership,
    stage: str,
    ip: str,
    user_agent: str,
    now: datetime,
) -> tuple[str, UserSession]:
    token = secrets.token_urlsafe(32)
    record = UserSession(
        id=hash_token(token),
        user_id=membership.user_id,
        membership_id=membership.id,
        stage=stage,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        last_seen_at=now,
        ip=ip[:64],
        user_agent=user_agent[:200],
    )
    db.add(record)
    db.flush()
    return token, record


def idle_limit(role: Role, settings: Settings) -> timedelta:
    minutes = (
        settings.session_idle_minutes_practitioner
        if role.needs_short_sessions
        else settings.session_idle_minutes_client
    )
    return timedelta(minutes=minutes)


def session_expiry_reason(record: UserSession, *, settings: Settings, now: datetime) -> str | None:
    if now - record.created_at > timedelta(hours=settings.session_absolute_hours):
        return "absolute_timeout"
    if now - record.last_seen_at > idle_limit(Role(record.membership.role), settings):
        return "idle_timeout"
    return None


def find_session(db: Session, *, token: str) -> UserSession | None:
    record = db.get(UserSession, hash_token(token))
    return record if record is not None and record.ended_at is None else None


def end_session(record: UserSession, *, reason: str, now: datetime) -> None:
    record.ended_at = now
    record.ended_reason = reason


def touch_session(record: UserSession, *, now: datetime) -> None:
    # Writing on every request would make each page view a write; a minute's
    # precision is plenty for idle timeouts of 15 and 30 minutes.
    if now - record.last_seen_at >= timedelta(seconds=60):
        record.last_seen_at = now


def sessions_of(db: Session, *, user_id: str) -> Sequence[UserSession]:
    query = select(UserSession).where(
        UserSession.user_id == user_id, UserSession.ended_at.is_(None)
    )
    return db.scalars(query.order_by(UserSession.created_at.desc())).all()


def end_session_by_id(db: Session, *, user_id: str, session_id: str, now: datetime) -> bool:
    result = db.execute(
        update(UserSession)
        .where(
            UserSession.id == session_id,
            UserSession.user_id == user_id,
            UserSession.ended_at.is_(None),
        )
        .values(ended_at=now, ended_reason="ended_by_user")
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def issue_token(
    db: Session, *, membership: Membership, settings: Settings, now: datetime
) -> tuple[str, ApiToken]:
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken(
        token_hash=hash_token(token),
        user_id=membership.user_id,
        membership_id=membership.id,
        created_at=now,
        expires_at=now + timedelta(hours=settings.api_token_hours),
    )
    db.add(record)
    db.flush()
    return token, record


def find_token(db: Session, *, token: str, now: datetime) -> ApiToken | None:
    record = db.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token)))
    if record is None or record.revoked_at is not None or record.expires_at <= now:
        return None
    return record


def begin_mfa_enrolment(user: User) -> str:
    user.totp_secret = totp.new_secret()
    return user.totp_secret


def use_totp_code(user: User, *, code: str, now: datetime) -> bool:
    """Check a code and burn it, so the same code cannot be replayed."""
    if not user.totp_secret:
        return False
    step = totp.matching_step(user.totp_secret, code, now=now, last_used_step=user.totp_last_step)
    if step is None:
        return False
    user.totp_last_step = step
    if user.totp_enabled_at is None:
        user.totp_enabled_at = now
    return True
