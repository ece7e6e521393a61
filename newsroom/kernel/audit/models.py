"""The audit log: one entry per write made through a service."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class AuditEntry(models.Model):
    """Who did what to which object, and when. Written by services only."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    action = models.CharField(
        max_length=60, help_text="The service that made the change."
    )
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL
    )
    object_id = models.CharField(max_length=40, blank=True)
    object_repr = models.CharField(
        "object", max_length=200, help_text="What the object was called then."
    )
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "audit entry"
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self):
        who = self.user or "the system"
        return f"{self.at:%Y-%m-%d %H:%M} {who}: {self.action} {self.object_repr}"
