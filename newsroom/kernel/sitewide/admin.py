"""Standing pages and banners in the admin."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils import timezone
from django.utils.text import get_text_list

from newsroom.kernel.forms import DateTimeLocalInput, EditorTextForm

from ..slugs.admin import SlugSuggestionAdmin
from .models import Banner, Page, known_languages


def language_choices():
    names = known_languages()
    return sorted(
        ((code, f"{name} ({code})") for code, name in names.items()),
        key=lambda choice: choice[1],
    )


class BannerForm(EditorTextForm):
    language = forms.ChoiceField(
        choices=language_choices,
        initial="en",
        help_text="The language the message is written in.",
    )

    class Meta:
        model = Banner
        fields = [
            "message",
            "language",
            "link_url",
            "link_text",
            "starts_at",
            "ends_at",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = timezone.get_current_timezone_name()
        for name, label in (("starts_at", "Starts"), ("ends_at", "Ends")):
            self.fields[name].label = f"{label} ({zone} time)"


#: Marks overlap warnings, so the list a save leads to does not repeat one.
OVERLAP_TAG = "banner-overlap"


def overlap_warning(banner: Banner, others) -> str:
    names = get_text_list([f"“{other}”" for other in others], "and")
    return (
        f"“{banner}” runs at the same time as {names}. Readers see only the "
        "newest running banner, whatever its language, and the next one after "
        "closing it: change the dates or switch one off."
    )


@admin.register(Banner)
class BannerAdmin(admin.ModelAdmin):
    form = BannerForm
    list_display = ["message", "language", "starts_at", "ends_at", "is_active"]
    list_filter = ["is_active", "language"]
    search_fields = ["message"]
    formfield_overrides = {
        models.DateTimeField: {
            "form_class": forms.DateTimeField,
            "widget": DateTimeLocalInput,
        }
    }

    def changelist_view(self, request, extra_context=None):
        """Warns, above the list, of every banner that runs with another."""
        just_saved = any(
            OVERLAP_TAG in message.extra_tags
            for message in messages.get_messages(request)
        )
        if request.method == "GET" and not just_saved:
            now = timezone.now()
            running = list(Banner.objects.not_over(now).order_by("starts_at", "pk"))
            for index, banner in enumerate(running):
                # Each pair once: a banner names only those starting after it.
                later = running[index + 1 :]
                others = [other for other in later if banner.runs_with(other)]
                if others:
                    messages.warning(
                        request, overlap_warning(banner, others), OVERLAP_TAG
                    )
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        others = Banner.objects.overlapping(obj, timezone.now())
        if others:
            messages.warning(request, overlap_warning(obj, others), OVERLAP_TAG)


@admin.register(Page)
class PageAdmin(SlugSuggestionAdmin, admin.ModelAdmin):
    form = EditorTextForm
    list_display = ["title", "slug", "in_footer", "position", "updated_at"]
    list_editable = ["in_footer", "position"]
    search_fields = ["title", "body"]
