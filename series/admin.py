from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils import timezone

from newsroom.kernel.extensions import content_changed
from newsroom.kernel.forms import EditorTextForm, tag_field
from newsroom.kernel.slugs.admin import SlugSuggestionAdmin

from .models import (
    JAPAN,
    BroadcastSlot,
    CastCredit,
    Credit,
    Episode,
    ExternalID,
    Person,
    RelatedSeries,
    Role,
    Series,
    SeriesStudio,
    Studio,
    WatchOption,
)


class DistinctRowsFormSet(BaseInlineFormSet):
    """Refuses two rows that say the same thing, before the database has to.

    ``distinct_fields`` names what makes a row unique within its parent.
    """

    distinct_fields: tuple[str, ...] = ()
    duplicate_message = "This row repeats another one."

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            key = tuple(
                value.casefold() if isinstance(value, str) else value
                for value in (data.get(field) for field in self.distinct_fields)
            )
            if key in seen:
                form.add_error(None, self.duplicate_message)
            seen.add(key)


def distinct_rows(*fields, message):
    return type(
        "DistinctFormSet",
        (DistinctRowsFormSet,),
        {"distinct_fields": fields, "duplicate_message": message},
    )


class JoinedInline(admin.TabularInline):
    """An inline whose rows show related names, fetched with one join."""

    form = EditorTextForm

    joined: tuple[str, ...] = ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.joined)


class ExtraOnAddMixin:
    """Blank rows on a new series (so a whole series is one screen), none later."""

    extra_on_add = 1

    def get_extra(self, request, obj=None, **kwargs):
        return 0 if obj else self.extra_on_add


class SeriesStudioInline(ExtraOnAddMixin, admin.TabularInline):
    model = SeriesStudio
    autocomplete_fields = ["studio"]
    formset = distinct_rows(
        "studio", "role", message="This studio already has that role here."
    )


class CreditInline(ExtraOnAddMixin, JoinedInline):
    model = Credit
    extra_on_add = 8
    autocomplete_fields = ["person", "role"]
    fields = ["person", "role", "episode_from", "episode_to", "note"]
    formset = distinct_rows(
        "person",
        "role",
        "episode_from",
        "episode_to",
        message="This person already has this role for these episodes.",
    )
    joined = ("person", "role")


class CastInline(ExtraOnAddMixin, JoinedInline):
    model = CastCredit
    extra_on_add = 2
    autocomplete_fields = ["person"]
    fields = ["character", "character_note", "person", "language", "position"]
    formset = distinct_rows(
        "character", "person", "language", message="This performance is listed twice."
    )
    joined = ("person",)


class EpisodeInline(ExtraOnAddMixin, admin.TabularInline):
    model = Episode
    form = EditorTextForm
    fields = ["number", "title", "title_japanese", "air_at", "streaming_at"]
    formset = distinct_rows("number", message="Two episodes have this number.")


class WatchOptionInline(ExtraOnAddMixin, admin.TabularInline):
    model = WatchOption
    form = EditorTextForm
    fields = [
        "platform",
        "region",
        "url",
        "subtitled",
        "dubbed",
        "schedule",
        "position",
    ]


class BroadcastInline(ExtraOnAddMixin, admin.TabularInline):
    model = BroadcastSlot
    form = EditorTextForm
    fields = ["channel", "block", "weekday", "start_time", "first_broadcast"]


class RelatedSeriesInline(ExtraOnAddMixin, admin.TabularInline):
    model = RelatedSeries
    fk_name = "from_series"
    autocomplete_fields = ["to_series"]
    formset = distinct_rows("to_series", message="This series is linked twice.")


class ExternalIDInline(ExtraOnAddMixin, admin.TabularInline):
    model = ExternalID
    formset = distinct_rows("site", message="Only one ID per site.")


class SeriesAdminForm(EditorTextForm):
    tags = tag_field(Series)

    class Meta:
        model = Series
        fields = ["tags"]  # SeriesAdmin.fieldsets add the rest


@admin.register(Series)
class SeriesAdmin(SlugSuggestionAdmin, admin.ModelAdmin):
    form = SeriesAdminForm
    list_display = [
        "title",
        "title_romaji",
        "format",
        "status",
        "season_label",
        "episode_count",
    ]
    list_filter = ["format", "source", "status", "season_year", "season"]
    search_fields = [
        "title",
        "title_japanese",
        "title_romaji",
        "aliases",
        "misspellings",
        "slug",
    ]
    readonly_fields = ["season_label"]
    autocomplete_fields = ["key_art"]
    save_on_top = True
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "title_japanese",
                    "title_romaji",
                    "aliases",
                    "misspellings",
                    "slug",
                    "synopsis",
                ]
            },
        ),
        ("Key art", {"fields": ["key_art", "key_art_alt"]}),
        (
            "Facts",
            {
                "fields": [
                    "format",
                    "source",
                    "status",
                    ("premiere_date", "end_date"),
                    "season_label",
                    "episode_count",
                    "tags",
                ]
            },
        ),
    ]
    inlines = [
        SeriesStudioInline,
        CreditInline,
        CastInline,
        EpisodeInline,
        BroadcastInline,
        WatchOptionInline,
        RelatedSeriesInline,
        ExternalIDInline,
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Where-to-watch boxes in articles show this series' options; the
        # articles are re-rendered by the worker, not in the editor's save.
        content_changed(key=f"series:{form.instance.pk}")

    @admin.display(description="season", ordering="premiere_date")
    def season_label(self, obj):
        return obj.season_label or "–"

    def changeform_view(self, request, *args, **kwargs):
        # Episode and broadcast times are entered and shown in Japan time.
        with timezone.override(JAPAN):
            response = super().changeform_view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        return response


@admin.register(Studio)
class StudioAdmin(SlugSuggestionAdmin, admin.ModelAdmin):
    form = EditorTextForm
    list_display = ["name", "native_name", "founded"]
    search_fields = ["name", "native_name", "aliases"]
    slug_source = "name"


class PersonCreditInline(JoinedInline):
    model = Credit
    extra = 0
    autocomplete_fields = ["series", "role"]
    fields = ["series", "role", "episode_from", "episode_to", "note"]
    formset = distinct_rows(
        "series",
        "role",
        "episode_from",
        "episode_to",
        message="This credit is listed twice.",
    )
    joined = ("series", "role")


class PersonCastInline(JoinedInline):
    model = CastCredit
    extra = 0
    autocomplete_fields = ["series"]
    fields = ["series", "character", "language", "position"]
    formset = distinct_rows(
        "series", "character", "language", message="This performance is listed twice."
    )
    joined = ("series",)


@admin.register(Person)
class PersonAdmin(SlugSuggestionAdmin, admin.ModelAdmin):
    form = EditorTextForm
    list_display = ["name", "native_name"]
    search_fields = ["name", "native_name", "aliases"]
    slug_source = "name"
    autocomplete_fields = ["photo"]
    inlines = [PersonCreditInline, PersonCastInline]


@admin.register(Role)
class RoleAdmin(SlugSuggestionAdmin, admin.ModelAdmin):
    form = EditorTextForm
    list_display = ["name", "department", "position"]
    list_editable = ["position"]
    list_filter = ["department"]
    search_fields = ["name"]
    slug_source = "name"
