"""Template tags of the notifications app: the unread count in the admin header."""

from django import template

from newsroom.notifications.models import Notification

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """How many notifications the signed-in user has not read (one COUNT query)."""
    user = context["request"].user
    if not user.is_authenticated:
        return 0
    return Notification.objects.unread().filter(recipient=user).count()
