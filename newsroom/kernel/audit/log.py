"""Writing audit entries (services call ``record``)."""

from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry


def record(*, user, action: str, obj=None, detail: str = "") -> AuditEntry:
    """Note that ``user`` (None: the system) did ``action`` to ``obj``."""
    user = user if getattr(user, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        user=user,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        detail=detail,
    )
