"""Writes of the notifications app: who hears of a move, reading, e-mail choice.

``notifications_for_move`` is registered in ``ARTICLE_MOVED``: the articles
app calls it once a move has been committed, and knows nothing of it.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from newsroom.articles.models import Article, Transition
from newsroom.articles.services import PUBLISH_PERMISSION
from newsroom.kernel.audit import log as audit
from newsroom.kernel.tasks import queue_after_commit

from . import tasks
from .models import Notification, Preference

Event = Notification.Event
_PUBLISH_APP, _PUBLISH_CODENAME = PUBLISH_PERMISSION.split(".")


def editors():
    """Active staff who may publish (the Editors group, superusers, or anyone
    given the permission directly): who hears that a piece waits for review."""
    by_group = Q(
        groups__permissions__codename=_PUBLISH_CODENAME,
        groups__permissions__content_type__app_label=_PUBLISH_APP,
    )
    by_user = Q(
        user_permissions__codename=_PUBLISH_CODENAME,
        user_permissions__content_type__app_label=_PUBLISH_APP,
    )
    return get_user_model().objects.filter(
        Q(is_superuser=True) | by_group | by_user, is_active=True, is_staff=True
    )


def writers(article: Article):
    """Who wrote the piece: whoever created it and the accounts of its bylines."""
    return get_user_model().objects.filter(
        Q(pk=article.created_by_id) | Q(author_profile__articles=article),
        is_active=True,
        is_staff=True,
    )


def audience(transition: Transition) -> tuple[str | None, list]:
    """The event a move means and who hears of it, never the one who made it."""
    article = transition.article
    if transition.action == "submit":
        event, people = Event.SUBMITTED, editors()
    elif transition.action == "send_back":
        event, people = Event.SENT_BACK, writers(article)
    elif transition.to_status == Article.Status.PUBLISHED and transition.action in {
        "publish",
        "schedule",
        "approve",
    }:
        scheduled = transition.publish_at and transition.publish_at > (
            transition.created_at
        )
        event = Event.SCHEDULED if scheduled else Event.PUBLISHED
        people = writers(article)
    else:
        return None, []
    people = people.exclude(pk=transition.user_id).distinct().order_by("pk")
    return event, list(people.only("pk", "email"))


def notifications_for_move(*, transition: Transition) -> list[Notification]:
    """Tell everyone a committed move concerns, and queue an e-mail to those
    who have an address and have not turned e-mail off."""
    event, people = audience(transition)
    if not people:
        return []
    with transaction.atomic():
        created = Notification.objects.bulk_create(
            Notification(
                recipient=person,
                article_id=transition.article_id,
                actor_id=transition.user_id,
                event=event,
                comment=transition.comment,
                publish_at=transition.publish_at if event == Event.SCHEDULED else None,
                created_at=transition.created_at,
            )
            for person in people
        )
        muted = set(
            Preference.objects.email_off()
            .filter(user__in=people)
            .values_list("user_id", flat=True)
        )
        for person, notification in zip(people, created, strict=True):
            if person.email and person.pk not in muted:
                queue_after_commit(
                    tasks.notification_email, notification_id=notification.pk
                )
    return created


def notification_open(*, notification: Notification, user) -> Notification:
    """Mark one notification read, for its recipient only."""
    if notification.recipient_id != user.pk:
        raise PermissionDenied("This notification is someone else's.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notifications_mark_all_read(*, user) -> int:
    """Mark every unread notification of ``user`` read; how many there were."""
    return (
        Notification.objects.unread()
        .filter(recipient=user)
        .update(read_at=timezone.now())
    )


@transaction.atomic
def notification_preference_set(*, user, by_email: bool) -> Preference:
    """Turn e-mail for ``user``'s notifications on or off."""
    preference, _ = Preference.objects.update_or_create(
        user=user, defaults={"by_email": by_email}
    )
    audit.record(
        user=user,
        action="notification_preference_set",
        obj=preference,
        detail="e-mail on" if by_email else "e-mail off",
    )
    return preference
