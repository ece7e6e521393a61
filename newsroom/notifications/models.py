"""A notification per person and workflow move, and each person's e-mail choice."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from series.models import JAPAN


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        """Not opened yet, nor cleared with "mark all as read"."""
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """Something happened to an article that ``recipient`` should know about."""

    class Event(models.TextChoices):
        SUBMITTED = "submitted", "Waiting for review"
        SENT_BACK = "sent_back", "Sent back"
        PUBLISHED = "published", "Published"
        SCHEDULED = "scheduled", "Scheduled"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    article = models.ForeignKey(
        "newsroom.Article", on_delete=models.CASCADE, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who made the move.",
    )
    event = models.CharField(max_length=12, choices=Event.choices)
    comment = models.TextField(blank=True)
    publish_at = models.DateTimeField(
        null=True, blank=True, help_text="When a scheduled piece will appear."
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"]),
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            ),
        ]

    def __str__(self):
        return self.sentence

    @property
    def actor_name(self) -> str:
        if self.actor is None:
            return "Someone"
        return self.actor.get_full_name() or self.actor.get_username()

    @property
    def publish_at_japan(self) -> str:
        """The scheduled time as the newsroom reads it: Japan time."""
        if self.publish_at is None:
            return ""
        return f"{self.publish_at.astimezone(JAPAN):%d %b %Y, %H:%M} JST"

    @property
    def sentence(self) -> str:
        """What happened, in one plain-text sentence (the list, the e-mail)."""
        who, title = self.actor_name, self.article.title
        return {
            self.Event.SUBMITTED: f"{who} submitted “{title}” for review.",
            self.Event.SENT_BACK: f"{who} sent “{title}” back to you.",
            self.Event.PUBLISHED: f"{who} published “{title}”.",
            self.Event.SCHEDULED: (
                f"{who} scheduled “{title}” for {self.publish_at_japan}."
            ),
        }[self.event]


class PreferenceQuerySet(models.QuerySet):
    def email_off(self):
        """Preferences of people who turned notification e-mail off."""
        return self.filter(by_email=False)


class Preference(models.Model):
    """A person's choice of how to hear about notifications (e-mail or not)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    by_email = models.BooleanField(
        "e-mail me each notification",
        default=True,
        help_text="Notifications always show in the admin; this sends each one "
        "by e-mail too.",
    )

    objects = PreferenceQuerySet.as_manager()

    def __str__(self):
        return f"{self.user}: {'e-mail' if self.by_email else 'admin only'}"
