"""The e-mail for one notification: built from a template, sent once."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from newsroom.kernel.sitewide.selectors import absolute_url

from .models import Notification, Preference

SUBJECTS = {
    Notification.Event.SUBMITTED: "Waiting for review",
    Notification.Event.SENT_BACK: "Sent back to you",
    Notification.Event.PUBLISHED: "Published",
    Notification.Event.SCHEDULED: "Scheduled",
}


def one_line(text: str) -> str:
    """``text`` without line breaks, so it is safe in a mail header."""
    return " ".join(text.split())


def notification_message(notification: Notification) -> EmailMessage:
    """The plain-text message telling the recipient what happened."""
    title = one_line(notification.article.title)
    context = {
        "notification": notification,
        "name": notification.recipient.get_full_name()
        or notification.recipient.get_username(),
        "article_url": absolute_url(
            reverse("admin:newsroom_article_change", args=[notification.article_id])
        ),
        "settings_url": absolute_url(
            reverse("admin:notifications_notification_changelist")
        ),
    }
    return EmailMessage(
        subject=f"{SUBJECTS[notification.event]}: {title}",
        body=render_to_string("notifications/email/notification.txt", context),
        to=[notification.recipient.email],
    )


def notification_email_send(*, notification_id: int) -> bool:
    """Send a notification's e-mail unless it was sent already, or its
    recipient has no address or turned e-mail off meanwhile. SMTP errors
    propagate, for the task to retry."""
    notification = (
        Notification.objects.select_related("article", "recipient", "actor")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None or not notification.recipient.email:
        return False
    if Preference.objects.email_off().filter(user=notification.recipient).exists():
        return False
    notification_message(notification).send()
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True
