import re

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect, RelatedFieldWidgetWrapper
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from newsroom.kernel.extensions import content_changed
from newsroom.kernel.forms import EditorTextForm, tag_field
from newsroom.kernel.slugs.admin import SlugSuggestionAdmin

from .forms import JAPAN_TIME_INPUTS, EpisodeRunForm
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
from .services import episodes_generate, numbers_label


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete box that shows its chosen option from the objects its
    formset loaded for all rows at once, rather than with a query per row."""

    preloaded: dict | None = None

    def optgroups(self, name, value, attr=None):
        empty = self.choices.field.empty_values
        wanted = [str(v) for v in value if str(v) not in empty]
        if self.preloaded is None or not set(wanted) <= self.preloaded.keys():
            return super().optgroups(name, value, attr)
        options = (
            [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        )
        for key in wanted:
            obj = self.preloaded[key]
            label = self.choices.field.label_from_instance(obj)
            options.append(self.create_option(name, obj.pk, label, True, len(options)))
        return [(None, options, 0)]


class InlineRowsFormSet(BaseInlineFormSet):
    """Rows that cost no query each: the objects every autocomplete box shows
    are loaded once per box, and each row knows its parent without a fetch."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.form.base_fields.items():
            if field.help_text:
                # Said once, in the column's header (compact_tabular.html).
                field.widget.attrs["aria-describedby"] = f"{self.prefix}-{name}-help"
            widget = getattr(field.widget, "widget", field.widget)
            if isinstance(widget, PreloadedAutocompleteSelect):
                ids = self.chosen_ids(name, field.queryset.model)
                widget.preloaded = {
                    str(obj.pk): obj for obj in field.queryset.filter(pk__in=ids)
                }

    def chosen_ids(self, name: str, model) -> set:
        if self.is_bound:
            key = re.compile(rf"{re.escape(self.prefix)}-\d+-{re.escape(name)}")
            raw = [value for field, value in self.data.items() if key.fullmatch(field)]
        else:
            attname = self.model._meta.get_field(name).attname
            raw = [getattr(obj, attname) for obj in self.get_queryset()]
        ids = set()
        for value in raw:
            try:
                ids.add(model._meta.pk.to_python(value))
            except ValidationError:
                continue
        return ids - {None}

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        setattr(form.instance, self.fk.name, self.instance)
        return form


class DistinctRowsFormSet(InlineRowsFormSet):
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


class CompactInline(admin.TabularInline):
    """A table that fits the page: labelled inputs, Japan-time boxes, related
    names fetched with one join and autocomplete boxes filled without a query
    per row."""

    form = EditorTextForm
    formset = InlineRowsFormSet
    template = "admin/series/edit_inline/compact_tabular.html"
    formfield_overrides = JAPAN_TIME_INPUTS

    joined: tuple[str, ...] = ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.joined)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                PreloadedAutocompleteSelect(
                    db_field, self.admin_site, using=kwargs.get("using")
                ),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if isinstance(widget, RelatedFieldWidgetWrapper):
            # "Add another" stays; a change and a view link on every row of a
            # 200-credit table would double the page for little use.
            widget.can_change_related = widget.can_view_related = False
            widget.can_delete_related = False
        return formfield


class ExtraOnAddMixin:
    """Blank rows on a new series (so a whole series is one screen), none later."""

    extra_on_add = 1

    def get_extra(self, request, obj=None, **kwargs):
        return 0 if obj else self.extra_on_add


class SeriesStudioInline(ExtraOnAddMixin, CompactInline):
    model = SeriesStudio
    autocomplete_fields = ["studio"]
    joined = ("studio",)
    formset = distinct_rows(
        "studio", "role", message="This studio already has that role here."
    )


class CreditInline(ExtraOnAddMixin, CompactInline):
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


class CastInline(ExtraOnAddMixin, CompactInline):
    model = CastCredit
    extra_on_add = 2
    autocomplete_fields = ["person"]
    fields = ["character", "character_note", "person", "language", "position"]
    formset = distinct_rows(
        "character", "person", "language", message="This performance is listed twice."
    )
    joined = ("person",)


class EpisodeForm(EditorTextForm):
    class Meta:
        model = Episode
        fields = ["number", "title", "title_japanese", "air_at", "streaming_at"]
        labels = {"air_at": "Broadcast (JST)", "streaming_at": "Streaming (JST)"}
        help_texts = {"air_at": "", "streaming_at": ""}


class BroadcastForm(EditorTextForm):
    class Meta:
        model = BroadcastSlot
        fields = ["channel", "block", "weekday", "start_time", "first_broadcast"]
        labels = {"start_time": "Start (JST)"}
        help_texts = {"start_time": ""}


class EpisodeInline(ExtraOnAddMixin, CompactInline):
    model = Episode
    form = EpisodeForm
    template = "admin/series/edit_inline/episodes.html"
    fields = ["number", "title", "title_japanese", "air_at", "streaming_at"]
    formset = distinct_rows("number", message="Two episodes have this number.")


class WatchOptionInline(ExtraOnAddMixin, CompactInline):
    model = WatchOption
    fields = [
        "platform",
        "region",
        "url",
        "subtitled",
        "dubbed",
        "schedule",
        "position",
    ]


class BroadcastInline(ExtraOnAddMixin, CompactInline):
    model = BroadcastSlot
    form = BroadcastForm
    fields = ["channel", "block", "weekday", "start_time", "first_broadcast"]


class RelatedSeriesInline(ExtraOnAddMixin, CompactInline):
    model = RelatedSeries
    fk_name = "from_series"
    autocomplete_fields = ["to_series"]
    joined = ("to_series",)
    formset = distinct_rows("to_series", message="This series is linked twice.")


class ExternalIDInline(ExtraOnAddMixin, CompactInline):
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
    formfield_overrides = JAPAN_TIME_INPUTS
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

    class Media:
        css = {"all": ["admin/series.css"]}

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

    def get_urls(self):
        return [
            path(
                "<path:object_id>/episodes/",
                self.admin_site.admin_view(self.episode_rule_view),
                name="series_series_episode_rule",
            ),
            *super().get_urls(),
        ]

    def episode_rule_view(self, request, object_id):
        """Episodes by rule: the editor describes a run, previews its dates,
        then saves it through ``episodes_generate``."""
        series = self.get_object(request, unquote(object_id))
        if series is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not (
            self.has_change_permission(request, series)
            and request.user.has_perm("series.add_episode")
        ):
            raise PermissionDenied
        change_url = reverse("admin:series_series_change", args=[series.pk])
        form = EpisodeRunForm(request.POST or None, series=series)
        plan = None
        if request.method == "POST" and form.is_valid():
            plan = form.plan
            if "_save" in request.POST:
                if request.POST.get("previewed") != plan.digest:
                    messages.warning(
                        request,
                        "The dates changed since the preview: check them below "
                        "and save again.",
                    )
                else:
                    try:
                        episodes_generate(
                            series=series,
                            user=request.user,
                            rule=form.rule,
                            replace=form.cleaned_data["replace"],
                        )
                    except ValidationError as error:
                        form.add_error(None, error)
                    else:
                        numbers = [episode.number for episode in plan.episodes]
                        messages.success(
                            request,
                            f"Saved episodes {numbers_label(numbers)} of {series}.",
                        )
                        return redirect(change_url + "#episodes-group")
        context = {
            **self.admin_site.each_context(request),
            "title": "Episodes by rule",
            "subtitle": str(series),
            "opts": self.opts,
            "original": series,
            "series": series,
            "change_url": change_url,
            "form": form,
            "plan": plan,
            "media": self.media + form.media,
        }
        return TemplateResponse(
            request, "admin/series/series/episode_rule.html", context
        )


@admin.register(Studio)
class StudioAdmin(SlugSuggestionAdmin, admin.ModelAdmin):
    form = EditorTextForm
    list_display = ["name", "native_name", "founded"]
    search_fields = ["name", "native_name", "aliases"]
    slug_source = "name"


class PersonCreditInline(CompactInline):
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


class PersonCastInline(CompactInline):
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
