"""The safety clock: escalate alerts past their window and send queued email.

Runs inside `mend serve` every MEND_ALERT_CHECK_SECONDS, and as
`mend alerts check` for a cron job. Safe to run twice at once: an alert is
escalated once per new signal, and each email is marked when sent.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from mend.care.homework.service import remind_due
from mend.clock import utcnow
from mend.db import transaction
from mend.healing.service import check_pacing_due
from mend.mail import service as mail
from mend.safety import service as safety
from mend.settings import Settings

log = logging.getLogger("mend.safety")


@dataclass(frozen=True)
class Checked:
    adopted: int
    escalated: int
    sent: int
    failed: int


def check(factory: sessionmaker[Session], *, settings: Settings, now: datetime) -> Checked:
    with transaction(factory) as db:
        adopted = safety.adopt_orphans(db, now=now)
        check_pacing_due(db, now=now)  # pacing after processing sessions (§4): may open alerts
        escalated = len(safety.escalate_due(db, now=now))
        if not settings.mail_enabled:
            mail.skip_all(db, now=now)
            return Checked(adopted, escalated, 0, 0)
        remind_due(db, now=now, base_url=settings.base_url)  # homework due within a day
        outgoing = mail.pending(db, now=now)
    sent = failed = 0
    for message in outgoing:
        error = mail.send(settings, _with_links(message, settings))
        with transaction(factory) as db:
            mail.mark(db, message, error=error, now=now)
        sent, failed = (sent + 1, failed) if error is None else (sent, failed + 1)
        if error:
            log.warning("email to %s not sent: %s", message.to, error)
    return Checked(adopted, escalated, sent, failed)


def _with_links(message: mail.Outgoing, settings: Settings) -> mail.Outgoing:
    body = message.body.replace("{base_url}", settings.base_url)
    return mail.Outgoing(message.id, message.to, message.subject, body, message.attempts)


async def run_forever(factory: sessionmaker[Session], *, settings: Settings) -> None:
    """The loop `mend serve` runs beside the web server."""
    while True:
        try:
            await asyncio.to_thread(check, factory, settings=settings, now=utcnow())
        except Exception:  # the loop must outlive one bad pass: alerts depend on it
            log.exception("safety check failed; trying again next round")
        await asyncio.sleep(settings.alert_check_seconds)
