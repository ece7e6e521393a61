"""The audit log in the admin: listed and searched, never edited."""

from django.contrib import admin

from ..admin import ReadOnlyAdmin
from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["at", "user", "action", "content_type", "object_repr"]
    list_filter = ["action", ("content_type", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "content_type"]
    search_fields = ["object_repr", "action", "user__username", "detail"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
