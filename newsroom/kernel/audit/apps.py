from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The audit log: who did what, and when, through any service."""

    name = "newsroom.kernel.audit"
    label = "audit"
    verbose_name = "Audit log"
