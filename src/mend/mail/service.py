"""Queue email in the request's transaction; send it afterwards, outside any
transaction, so a slow mail server never holds the database."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mend.mail.models import OutboxEmail
from mend.settings import Settings

RETRY_AFTER = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(hours=1),
)


def queue(
    db: Session, *, to: str, subject: str, body: str, org_id: str | None, now: datetime
) -> OutboxEmail:
    email = OutboxEmail(
        org_id=org_id, to_address=to, subject=subject, body=body, created_at=now, next_try_at=now
    )
    db.add(email)
    return email


@dataclass(frozen=True)
class Outgoing:
    id: str
    to: str
    subject: str
    body: str
    attempts: int


def pending(db: Session, *, now: datetime, limit: int = 50) -> list[Outgoing]:
    query = (
        select(OutboxEmail)
        .where(OutboxEmail.status == "pending", OutboxEmail.next_try_at <= now)
        .order_by(OutboxEmail.created_at)
        .limit(limit)
    )
    return [Outgoing(e.id, e.to_address, e.subject, e.body, e.attempts) for e in db.scalars(query)]


def skip_all(db: Session, *, now: datetime) -> int:
    """Without a mail server, queued email is marked skipped, so switching email
    on later does not send a backlog of stale alerts."""
    result = db.execute(
        update(OutboxEmail)
        .where(OutboxEmail.status == "pending")
        .values(status="skipped", last_error="email is not configured", next_try_at=now)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def send(settings: Settings, message: Outgoing) -> str | None:
    """Hand one email to the mail server; the error in words, or None."""
    email = EmailMessage()
    email["From"] = settings.smtp_from
    email["To"] = message.to
    email["Subject"] = message.subject
    email.set_content(message.body)
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password)
            smtp.send_message(email)
    except (OSError, smtplib.SMTPException) as error:
        return f"{type(error).__name__}: {error}"[:300]
    return None


def mark(db: Session, message: Outgoing, *, error: str | None, now: datetime) -> None:
    email = db.get(OutboxEmail, message.id)
    if email is None:
        return
    email.attempts = message.attempts + 1
    if error is None:
        email.status, email.sent_at, email.last_error = "sent", now, None
        return
    email.last_error = error
    if email.attempts > len(RETRY_AFTER):
        email.status = "failed"
    else:
        email.next_try_at = now + RETRY_AFTER[email.attempts - 1]


def sent_to(db: Session, *, addresses: Sequence[str]) -> list[OutboxEmail]:
    query = select(OutboxEmail).where(OutboxEmail.to_address.in_(addresses))
    return list(db.scalars(query.order_by(OutboxEmail.created_at)))
