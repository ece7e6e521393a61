"""Standing pages and banners in the admin."""

from django.contrib import admin

from newsroom.kernel.forms import EditorTextForm

from ..slugs.admin import SlugSuggestionAdmin
from .models import Banner, Page


@admin.register(Banner)
class BannerAdmin(admin.ModelAdmin):
    form = EditorTextForm
    list_display = ["message", "language", "starts_at", "ends_at", "is_active"]
    list_filter = ["is_active", "language"]
    search_fields = ["message"]


@admin.register(Page)
class PageAdmin(SlugSuggestionAdmin, admin.ModelAdmin):
    form = EditorTextForm
    list_display = ["title", "slug", "in_footer", "position", "updated_at"]
    list_editable = ["in_footer", "position"]
    search_fields = ["title", "body"]
