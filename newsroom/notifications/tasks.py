"""Background tasks of the notifications app: the e-mail, retried on failure."""

import logging
import smtplib
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from . import mail

logger = logging.getLogger(__name__)

#: Tries in all, and the wait before the second; each wait is four times the last
#: (1, 4, 16, 64 minutes), so an SMTP server down for an hour loses nothing.
ATTEMPTS = 5
FIRST_RETRY = timedelta(minutes=1)


@task()
def notification_email(*, notification_id: int, attempt: int = 1) -> bool:
    """E-mail one notification; on an SMTP or network error, log it and queue
    another try later (the workflow move it tells of is long committed)."""
    try:
        return mail.notification_email_send(notification_id=notification_id)
    except (smtplib.SMTPException, OSError):
        if attempt >= ATTEMPTS:
            logger.exception(
                "Notification %s: e-mail failed %s times, giving up.",
                notification_id,
                attempt,
            )
            return False
        delay = FIRST_RETRY * 4 ** (attempt - 1)
        logger.warning(
            "Notification %s: e-mail failed (try %s of %s), trying again in %s.",
            notification_id,
            attempt,
            ATTEMPTS,
            delay,
            exc_info=True,
        )
        notification_email.using(run_after=timezone.now() + delay).enqueue(
            notification_id=notification_id, attempt=attempt + 1
        )
        return False
